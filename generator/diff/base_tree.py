"""Read the data packages as they were at a git revision, without touching the working tree.

`transparency diff` compares the working tree with a base revision. The base is exported with
``git archive`` into a scratch folder, so a maintainer's uncommitted edits, index and checked-out
branch are never disturbed. Every way git can refuse becomes a ``GitError`` with a sentence that
says what to do, because the command is run by people and by CI, never to show a traceback.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.core.errors import USAGE, TransparencyError

DEFAULT_BRANCHES = ("main", "origin/main")


class GitError(TransparencyError):
    """Git could not give us the base revision; the message says why and what to do.

    Its exit status is that of wrong usage: the base was named wrongly, or the command was run
    where there is no history to compare with.
    """

    exit_code = USAGE
    headline = "Error: {}."


@dataclass(frozen=True)
class BaseTree:
    """The base revision's project folder (holding ``datapackages/``) and what it was made from."""

    ref: str  # as given, or the branch the merge base was taken with
    description: str  # how to name the base to a reader
    commit: str
    root: Path
    has_datapackages: bool
    skipped: tuple[str, ...]  # paths in the revision that were not exported (links, odd entries)


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, timeout=300, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed, and `transparency diff` needs it to read the base") from None


def _text(result: subprocess.CompletedProcess) -> str:
    return result.stdout.decode("utf-8", "replace").strip()


def _commit(root: Path, ref: str) -> str | None:
    result = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    return _text(result) if result.returncode == 0 else None


def repository_prefix(root: Path) -> str:
    """Where ``root`` sits inside its repository ('' at the top), or GitError outside one."""
    result = _git(root, "rev-parse", "--show-prefix")
    if result.returncode != 0:
        raise GitError(
            f"{root} is not inside a git repository, so there is no base to compare with; "
            "run `transparency diff` in a clone of the project"
        )
    return _text(result)


def default_base(root: Path) -> tuple[str, str]:
    """Where this branch left main: the merge base of HEAD and main (or origin/main in CI clones).

    Returns the branch used and the merge-base commit.
    """
    if _commit(root, "HEAD") is None:
        raise GitError("this repository has no commits yet, so there is no base to compare with")
    for branch in DEFAULT_BRANCHES:
        if _commit(root, branch) is None:
            continue
        result = _git(root, "merge-base", "HEAD", branch)
        if result.returncode != 0:
            raise GitError(
                f"HEAD and {branch} share no history (in a shallow clone, fetch the whole history, "
                "e.g. actions/checkout with fetch-depth: 0); name the base with --base REF"
            )
        return branch, _text(result)
    raise GitError(
        "there is no branch 'main' or 'origin/main' to compare with; fetch it (git fetch origin main) "
        "or name the base with --base REF"
    )


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts


def _extract(archive: bytes, destination: Path) -> tuple[str, ...]:
    """Write the archive's regular files only: links or odd paths could point outside the folder."""
    skipped = []
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:") as tar:
        for member in tar:
            if member.isdir():
                continue
            if not (member.isfile() and _safe_name(member.name)):
                skipped.append(member.name)
                continue
            target = destination / member.name
            target.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            assert source is not None  # a regular file always has content
            target.write_bytes(source.read())
    return tuple(sorted(skipped))


def export_base(root: Path, ref: str | None, destination: Path) -> BaseTree:
    """Write ``datapackages/`` as it is at ``ref`` (default: `default_base`) under ``destination``."""
    prefix = repository_prefix(root)
    if ref is None:
        name, commit = default_base(root)
        description = f"the merge base of HEAD and {name}"
    else:
        name, commit, description = ref, _commit(root, ref), ref
    if commit is None:
        raise GitError(
            f"'{name}' is not a branch, tag or commit in this repository; check the spelling, "
            "or fetch it first (e.g. git fetch origin main)"
        )
    base_root = destination / prefix
    base_root.mkdir(parents=True, exist_ok=True)
    folder = f"{prefix}datapackages"
    listed = _git(root, "ls-tree", "--name-only", commit, "--", folder)
    if listed.returncode != 0 or not _text(listed):
        return BaseTree(name, description, commit, base_root, False, ())
    result = _git(root, "archive", "--format=tar", commit, "--", folder)
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git could not export {folder} at {name}: {detail[-1] if detail else 'no reason'}")
    # git archive names files from the repository's top, so the prefix lands under destination.
    skipped = _extract(result.stdout, destination)
    return BaseTree(name, description, commit, base_root, True, skipped)
