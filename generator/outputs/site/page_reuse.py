"""Which generated pages a rebuild may take from the last build: those whose reads are unchanged.

Each page made from a RecordedModel (reads.py) leaves the parts of the model it read; here each
part gets a digest of its content, and a page is kept as the combined digest of its parts. On the
next build a page whose parts have the same combined digest, under the same setup (templates,
hand-written content, the generator's own code, the registry, the tools that render), would be
rendered to the same bytes, so its Markdown is copied from the last build instead
(tests/test_incremental.py builds both ways and compares every file).
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass, field, replace
from functools import cached_property
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pandas as pd

from generator.outputs.incremental import link_or_copy
from generator.outputs.site import reads

# What renders a page besides its data, the templates and this code.
_TOOLS = ("jinja2", "markupsafe", "pandas", "numpy")
_GENERATOR = Path(__file__).resolve().parents[2]  # the generator package


def text_digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _bytes_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _tree_digest(hasher, folder: Path, skip: tuple[str, ...] = ()) -> None:
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and not relative.startswith(skip) and "__pycache__" not in relative:
            hasher.update(f"{relative}\0".encode() + path.read_bytes() + b"\0")


def _frame_digest(frame: pd.DataFrame) -> str:
    rows = pd.util.hash_pandas_object(frame, index=True).to_numpy()
    return _bytes_digest("\0".join(map(str, frame.columns)).encode() + rows.tobytes())


def setup_digest(model, content: Path, templates: Path, config: Path) -> str:
    """Everything outside the figures and packages that shapes a generated page. A report's own
    summary (content/reports/NAME.md) is one of the parts its page reads, not part of this."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in (sys.version, *(f"{tool}={version(tool)}" for tool in _TOOLS)):
        hasher.update(part.encode() + b"\0")
    hasher.update(config.read_bytes() if config.is_file() else b"")
    _tree_digest(hasher, templates)
    _tree_digest(hasher, content, skip=("reports/",))
    _tree_digest(hasher, _GENERATOR)
    registry = model.registry
    for name in (
        "authorities",
        "indicators",
        "neighbours",
        "changes",
        "neighbour_models",
        "model_neighbours",
        "official_equivalents",
    ):
        hasher.update(f"{name}={_frame_digest(getattr(registry, name))}\0".encode())
    return hasher.hexdigest()


@dataclass(frozen=True)
class PageReads:
    """What a page read (reads.key parts) and their combined digest when it was made."""

    digest: str
    parts: tuple[str, ...]
    reused: bool = False  # taken from the last build by this one (never saved)


# The columns each of the figure index's groupings (Digests._groups_of) groups the figures by.
_GROUPED_BY = {
    "package": "source_package",
    "authority": "authority_code",
    "indicator": "indicator_id",
    "ai": ("authority_code", "indicator_id"),
}


class Digests:
    """The digest of every part of the model a page can read. Made in the build's process before
    pages are made on every core, so that the workers share it."""

    def __init__(self, model, content: Path):
        self._model, self._content = model, content

    @cached_property
    def _rows(self) -> np.ndarray:
        return pd.util.hash_pandas_object(self._model.observations, index=False).to_numpy()

    def _groups(self, kind: str) -> dict[str, str]:
        """Each group's digest: the hashes of its rows, found by grouping the table's own columns
        (the figure index's groups, as positions: reading them back out of its records took a
        third of a second at England scale)."""
        rows = self._rows
        positions = self._model.rows_by(_GROUPED_BY[kind])
        return {
            reads.key(kind, *(name if isinstance(name, tuple) else (name,))): _bytes_digest(
                rows[found].tobytes()
            )
            for name, found in positions.items()
        }

    @cached_property
    def _table(self) -> dict[str, str]:
        packages = self._model.packages
        table: dict[str, str] = {}
        for kind, groups in self._groups_of.items():
            if kind in _GROUPED_BY:  # latest_value's entries are read as their area's "ai" group
                table.update(self._groups(kind))
            table[reads.key("keys", kind)] = text_digest(json.dumps(sorted(map(str, groups))))
        metadata = {
            reads.key("meta", p.name): text_digest(
                json.dumps([p.name, p.descriptor_file, p.descriptor], sort_keys=True, default=str)
            )
            for p in packages
        }
        table.update(metadata)
        table[reads.PACKAGES] = text_digest("\n".join(metadata.values()))
        table[reads.ALL] = _bytes_digest(
            self._rows.tobytes()
            + table[reads.PACKAGES].encode()
            + str(list(self._model.observations)).encode()
        )
        official = self._official()
        for name in (p.name for p in packages):
            table[reads.key("official", name)] = official.get(name, "none")
            summary = self._content / "reports" / f"{name}.md"
            table[reads.key("summary", name)] = (
                _bytes_digest(summary.read_bytes()) if summary.is_file() else "none"
            )
        return table

    def _official(self) -> dict[str, str]:
        """Each report's rows of the official comparisons (Model.official_comparisons_of), hashed
        in one pass: hashing a frame per report took seconds at England scale."""
        comparisons = self._model.official_comparisons
        if comparisons.empty:
            return {}
        rows = pd.util.hash_pandas_object(comparisons, index=True).to_numpy()
        columns = "\0".join(map(str, comparisons.columns)).encode()
        return {
            name: _bytes_digest(columns + rows[positions].tobytes())
            for name, positions in comparisons.groupby("source_package", sort=False).indices.items()
        }

    @cached_property
    def _groups_of(self) -> dict[str, frozenset]:
        """Each kind of group's names (a page may ask whether a group exists): the names alone, not
        the groups, so that the figure index can be let go once the pages are written (build.py)."""
        index = self._model.index
        groups = {
            "package": index.by_package,
            "authority": index.by_authority,
            "indicator": index.by_indicator,
            "ai": index.by_area_indicator,
            "latest": index.latest_value,
        }
        return {kind: frozenset(found) for kind, found in groups.items()}

    def prepare(self) -> None:
        """Work every digest out now, before the workers fork."""
        _ = self._table

    def of(self, part: str) -> str | None:
        """The part's digest now; a group nothing has (an area with no figures for a measure) is
        empty, which is a digest too; None when the part is unknown here (then nothing is reused)."""
        if (found := self._table.get(part)) is not None:
            return found
        if part.startswith(("package\x1f", "authority\x1f", "indicator\x1f", "ai\x1f")):
            return "empty"
        if part.startswith("has\x1f"):
            _, kind, *name = part.split("\x1f")
            groups = self._groups_of.get(kind)
            wanted = tuple(name) if len(name) > 1 else name[0]
            return None if groups is None else str(wanted in groups)
        return reads.derived_digest(part)

    def combined(self, parts: set[str] | tuple[str, ...]) -> str | None:
        lines = []
        for part in sorted(parts):
            digest = self.of(part)
            if digest is None:
                return None
            lines.append(f"{part}={digest}")
        return text_digest("\n".join(lines))


@dataclass
class PageReuse:
    """The last build's pages and what each read, and the digests of this build's model."""

    digests: Digests
    setup: str
    last_setup: str = ""
    last_docs: Path | None = None
    last_pages: dict[str, PageReads] = field(default_factory=dict)

    @property
    def from_last_build(self) -> bool:
        """Whether pages may be taken from the last build: a rebuild, most of whose pages are."""
        return bool(self.last_pages) and self.last_docs is not None and self.last_setup == self.setup

    def made(self, parts: set[str]) -> PageReads | None:
        digest = self.digests.combined(parts)
        return None if digest is None else PageReads(digest, tuple(sorted(parts)))

    def take(self, path: str, already_read: set[str], docs: Path) -> PageReads | None:
        """Copy the page at ``path`` from the last build if what it read is unchanged (and the
        reads made before it, shared by its group, are among them); its reads, or None."""
        last = self.last_pages.get(path)
        if last is None or self.last_docs is None or self.last_setup != self.setup:
            return None
        if not already_read <= set(last.parts) or self.digests.combined(last.parts) != last.digest:
            return None
        source = self.last_docs / path
        if not source.is_file():
            return None
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(source, target)
        return replace(last, reused=True)


_shared: list = []  # (model, content, templates, config, setup, digests) of the build under way


def for_model(model, content: Path, templates: Path, config: Path) -> tuple[str, Digests]:
    """The setup digest and the digests of ``model``, worked out once per build: the site's
    Markdown is written first, here, and the writers forked after it (page data) inherit them."""
    if _shared and _shared[0] is model and _shared[1:4] == [content, templates, config]:
        return _shared[4], _shared[5]
    found = setup_digest(model, content, templates, config), Digests(model, content)
    _shared[:] = [model, content, templates, config, *found]
    return found


def forget_model() -> None:
    """Let go of the build's model, once every writer is done, so the engine does not run beside it."""
    _shared.clear()
