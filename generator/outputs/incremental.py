"""Rebuild only the pages whose Markdown changed since the last build, with the same result.

MkDocs renders every page on every build, and at England scale that is nearly all of the build time.
A pull request usually changes one package, which changes a handful of pages. So the generator
hashes every file it writes into build/docs, and when the navigation, configuration, theme overrides
and set of files are all unchanged it runs MkDocs in its "dirty" mode over a linked copy of the
previous site, told which files changed (engines/mkdocs.py): MkDocs would otherwise stat every
source and its output to find out, two stats for each of 12,000 files at England scale.

Dirty mode has one known gap: the search index then holds only the rebuilt pages. The engine
(engines/mkdocs.py, merge_search_index) puts back every other page's entries from the previous index,
in the same page order, so the result is byte-identical to a full build (tests/test_incremental.py
builds both and compares every file).
Anything that could change a page other than its own Markdown (config, navigation, overrides,
environment used by mkdocs.yml, tool versions, the set of files) forces a full build instead.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from importlib.metadata import version
from pathlib import Path

from mkdocs.structure.files import File

from generator.core import kept_folders
from generator.core.background import Background

STATE_FILE = "state.json"
SEARCH_INDEX = Path("search") / "search_index.json"
_ENV_TAG = re.compile(r"!ENV\s*\[?\s*([A-Za-z_][A-Za-z0-9_]*)")


@dataclass(frozen=True)
class BuildState:
    """What the previous build was made from: enough to tell which outputs are still valid."""

    setup: str = ""
    files: dict[str, str] = field(default_factory=dict)
    # What each output writer kept for the next build to reuse its files (outputs/writer.py).
    outputs: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> BuildState:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            files = {str(k): str(v) for k, v in data["files"].items()}
            outputs = {str(k): v for k, v in data["outputs"].items() if isinstance(v, dict)}
            return cls(str(data["setup"]), files, outputs)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls()  # no usable state: the next build is a full one

    def save(self, path: Path) -> None:
        document = {"setup": self.setup, "files": dict(sorted(self.files.items())), "outputs": self.outputs}
        path.write_text(json.dumps(document, indent=0) + "\n", encoding="utf-8")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _files(folder: str, prefix: str = "") -> Iterator[tuple[str, os.DirEntry]]:
    """Every regular file under ``folder`` (not through a linked folder), by its path relative to
    it: os.scandir's entries carry what a stat says, where a pathlib walk stats each path again
    (most of hashing a rebuild's 19,000 files)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _files(entry.path, f"{prefix}{entry.name}/")
            elif entry.is_file():
                yield prefix + entry.name, entry


def _in_order(found: Iterator[tuple[str, os.DirEntry]]) -> list[tuple[str, os.DirEntry]]:
    """Files in the order of their paths' parts, as sorted pathlib paths are."""
    return sorted(found, key=lambda item: item[0].split("/"))


def file_hashes(docs: Path, last: BuildState | None = None, last_docs: Path | None = None) -> dict[str, str]:
    """Each file's digest. A file that is the last build's file of the same name, linked rather
    than written (a reused page), has the digest the last build recorded: published files are
    never written again, so the same inode is the same content."""
    hashes = {}
    for name, entry in _in_order(_files(os.fspath(docs))):
        known = last.files.get(name) if last is not None and last_docs is not None else None
        if known is not None and _same_file(entry, last_docs / name):
            hashes[name] = known
        else:
            with open(entry.path, "rb") as handle:
                hashes[name] = _digest(handle.read())
    return hashes


def _same_file(entry: os.DirEntry, other: Path) -> bool:
    try:
        mine, theirs = entry.stat(), os.stat(other)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (theirs.st_dev, theirs.st_ino)


def link_or_copy(source: Path, target: Path) -> None:
    """``target`` as a hard link to ``source`` (a file of the last build, never written again), or a
    copy where links cannot be made. Whatever writes into the new tree must replace a file, never
    write through it (render.write_page unlinks first)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def setup_fingerprint(
    config: Path, root_config: Path, overrides: Path, epoch: str, engine: tuple[str, ...]
) -> str:
    """Everything outside a page's own Markdown that shapes its HTML; ``engine`` is the engine's
    name and the distributions it runs on, so a build by another engine, or another version of
    this one, is never reused."""
    hasher = hashlib.sha256()
    root_text = root_config.read_text(encoding="utf-8")
    name, *packages = engine
    for part in (
        config.read_text(encoding="utf-8"),  # includes the navigation
        root_text,
        epoch,
        name,
        *(f"{package}={version(package)}" for package in packages),
        *(f"{name}={os.environ.get(name, '')}" for name in sorted(set(_ENV_TAG.findall(root_text)))),
    ):
        hasher.update(part.encode("utf-8") + b"\0")
    for name, digest in file_hashes(overrides).items():
        hasher.update(f"{name}:{digest}\0".encode())
    return hasher.hexdigest()


def _mkdocs_file(path: str) -> File:
    return File(path, src_dir=None, dest_dir="", use_directory_urls=True)


def page_url(path: str) -> str:
    """The address MkDocs gives a docs file (a page's search location), by MkDocs's own rules:
    README.md is its folder's index, like index.md."""
    url = _mkdocs_file(path).url
    return "" if url in (".", "./") else url


def output_path(path: str) -> str:
    """Where MkDocs writes a docs file in the site: reports/x.md -> reports/x/index.html."""
    return _mkdocs_file(path).dest_uri


# Written by every MkDocs build, dirty or not: the theme's static templates and the search index.
ALWAYS_WRITTEN = frozenset({"404.html", "sitemap.xml", "sitemap.xml.gz", SEARCH_INDEX.as_posix()})


def _link_every_file(old_site: Path, site: Path) -> None:
    """Fill ``site`` (its folders perhaps there already, its files perhaps part made by an attempt
    that failed) with a hard link to every file of ``old_site``.

    Copying the whole previous site took longer than the dirty build itself at England scale, and
    linking costs nothing. MkDocs writes a file by truncating it in place, which through a link
    would change the published site before the new one is swapped in; so ``prepare`` removes each
    link to a file it will write (the changed pages and files, and ALWAYS_WRITTEN), for MkDocs to
    create that file afresh.
    """
    kept_folders.empty(site)
    made = {""}
    for name, entry in _files(os.fspath(old_site)):
        folder = name.rpartition("/")[0]
        if folder not in made:
            (site / folder).mkdir(parents=True, exist_ok=True)
            made.add(folder)
        target = os.path.join(site, name)
        try:
            os.link(entry.path, target)
        except OSError:  # another file system, or one without hard links
            shutil.copy2(entry.path, target)


class PreviousSite:
    """The previous site as hard links, for a dirty build to write into, made by a child process
    from the start of the build (core/background.py) when the last build (``previous``) left a
    site a dirty build could start from; ``prepare`` says whether this build does. The links are
    made in ``tree`` (in the build's scratch folder), from the ``folders`` kept from the last
    build's site if given (core/kept_folders.py)."""

    def __init__(self, previous: BuildState, old_site: Path, tree: Path, folders: Path | None) -> None:
        self.tree = tree
        self._links: Background | None = None
        if not previous.setup or not (old_site / SEARCH_INDEX).is_file():
            return
        if folders is None:
            tree.mkdir()
        else:
            kept_folders.take_folders(folders, tree)
        self._links = Background(partial(_link_every_file, old_site, tree))

    @property
    def usable(self) -> bool:
        """Whether there is a previous site to start from (its links made, or being made)."""
        return self._links is not None

    def linked(self) -> Path:
        """The tree, once every link is made."""
        if self._links is None:
            raise RuntimeError("there is no previous site to link")
        self._links.wait()
        return self.tree

    def abandon(self) -> None:
        if self._links is not None:
            self._links.abandon()


def prepare(previous: BuildState, current: BuildState, links: PreviousSite, site: Path) -> set[str] | None:
    """Set up a dirty build in ``site`` if the previous site can be reused, from ``links``; return
    the docs files (pages and others) that changed, for the engine to build again.

    Returns None, and leaves ``site`` absent, when a full build is needed.
    """
    reusable = (
        links.usable and previous.setup == current.setup and previous.files.keys() == current.files.keys()
    )
    if not reusable:
        return None
    changed = {name for name, digest in current.files.items() if previous.files[name] != digest}
    os.rename(links.linked(), site)
    for name in {output_path(name) for name in changed} | ALWAYS_WRITTEN:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(site / name)
    return changed
