"""Which files a package folder may hold, and finding package folders without following links.

Whatever sat in a package folder used to be copied onto the public site: an .html file verbatim (a
script on the site's origin), a link to a file anywhere on the machine. Now a package publishes what
it declares and nothing else: its datapackage.json, the CSV files its resources name, and NOTES.md
(rendered safely). Anything else in the folder, and anything that is not a regular file, is a
problem naming it, found before any file is read.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path, PurePosixPath

from generator.core.problem_ids import FILE_NAME, PACKAGE_FILES
from generator.core.problems import ERROR, Problem
from generator.core.visible import shown
from generator.inputs.encoding import undecodable_text
from generator.inputs.file_kinds import (
    FILE,
    FOLDER,
    SYMLINK,
    NotAFile,
    kind_of,
    path_kind,
    read_file_bytes,
    unportable_name,
)

DESCRIPTOR = "datapackage.json"
NOTES = "NOTES.md"
RESOURCE_SUFFIX = ".csv"
_ALLOWED = f"a package publishes only its {DESCRIPTOR}, {NOTES} and the CSV files its resources name"
_FIXES = {
    FILE: "delete it; if it holds figures, name it as a resource in datapackage.json",
    FOLDER: "move what it holds out of the package folder",
    SYMLINK: "replace the link with a copy of the file, or delete it: links are never followed, "
    "since one could publish any file of the machine that builds the site",
}


def _plain_name(path: Path) -> bool:
    return path.name not in ("", ".", "..")


@lru_cache(maxsize=8192)
def _resolved(folder: Path) -> Path:
    """``folder.resolve()``, built on its parent's: a part that is not a link resolves to itself
    under its resolved parent, so each package folder costs one lstat, not one per part of its
    path (Path.resolve walks every part, and a build resolves thousands of paths)."""
    if not _plain_name(folder) or folder.is_symlink():
        return folder.resolve()
    return _resolved(folder.parent) / folder.name


def forget_resolved() -> None:
    """Folders are resolved once per validation (named_path names thousands of files in a few
    folders, and resolving each took most of a second at England scale); a new validation, such
    as `serve`'s next build, resolves them again, in case a folder became a link."""
    _resolved.cache_clear()


def resolved_path(path: Path) -> Path:
    """``path.resolve()``, its folders resolved once per validation (see _resolved)."""
    if not _plain_name(path) or path.is_symlink():
        return path.resolve()
    return _resolved(path.parent) / path.name


def named_path(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` for messages, its last part unresolved: a link is named itself,
    not the file it leads to."""
    whole = str(_resolved(path.parent) / path.name if _plain_name(path) else path.resolve())
    base = str(_resolved(root))
    if whole == base:
        return "."
    prefix = base.rstrip("/") + "/"
    return whole[len(prefix) :] if whole.startswith(prefix) else path.as_posix()


def _problem(file: str, check: str, message: str, fix: str) -> Problem:
    return Problem(file, None, None, check, ERROR, message, fix)


def resource_file(raw: str) -> tuple[str | None, str | None]:
    """The file name a (safe) resource path names, or why it may not name it."""
    parts = PurePosixPath(raw.replace("\\", "/")).parts
    if len(parts) != 1:
        return None, f"{shown(raw)} is in a subfolder; resources are CSV files directly in the package folder"
    name = parts[0]
    if not name.lower().endswith(RESOURCE_SUFFIX):
        return (
            None,
            f"{shown(raw)} is not a .csv file; resources are CSV files (a page or script would be published)",
        )
    return name, None


def folder_problems(directory: Path, root: Path) -> tuple[list[Problem], bool]:
    """Problems with the package folder itself, and whether it may be read at all (not a link)."""
    file = named_path(directory, root)
    if path_kind(directory) == SYMLINK:
        message = f"the package folder {shown(directory.name)} is a symbolic link"
        return [
            _problem(file, PACKAGE_FILES.id, message, "put the package's own files in a real folder")
        ], False
    why = unportable_name(directory.name)
    if why:
        return [
            _problem(file, FILE_NAME.id, why, "rename the folder: lowercase letters, digits and hyphens")
        ], True
    return [], True


def entry_problems(directory: Path, declared: set[str], root: Path) -> tuple[list[Problem], bool]:
    """Everything in a package folder that is not declared, not a regular file or not portable;
    the flag says whether something in it is not a regular file (then nothing else reads the folder)."""
    problems: list[Problem] = []
    special = False
    names: dict[str, str] = {}
    with os.scandir(directory) as entries:
        listed = sorted((entry.name, kind_of(entry.stat(follow_symlinks=False).st_mode)) for entry in entries)
    for name, kind in listed:
        path = directory / name  # named for a message only when one is given (resolving is costly)
        special = special or kind != FILE
        if why := unportable_name(name):
            problems.append(
                _problem(
                    named_path(path, root),
                    FILE_NAME.id,
                    why,
                    "rename it: letters, digits, hyphens and a .csv ending",
                )
            )
        if (other := names.setdefault(name.casefold(), name)) != name:
            problems.append(
                _problem(
                    named_path(path, root),
                    FILE_NAME.id,
                    f"{shown(name)} and {shown(other)} differ only in case, so on Windows and macOS one "
                    "overwrites the other",
                    "delete or rename one of them",
                )
            )
        if name in declared and (name != NOTES or kind == FILE):
            continue  # a declared resource that is not a file is reported when it is read
        if name in declared:
            message = f"{NOTES} is {kind}, not a file"
        else:
            message = f"{shown(name)} is {kind} the package does not declare; {_ALLOWED}"
        problems.append(
            _problem(named_path(path, root), PACKAGE_FILES.id, message, _FIXES.get(kind, "delete it"))
        )
    return problems, special


def notes_problems(directory: Path, root: Path) -> list[Problem]:
    """NOTES.md is published as a page, so it must be UTF-8 text like every other file."""
    path = directory / NOTES
    try:
        data = read_file_bytes(path)
        data.decode("utf-8-sig")
    except NotAFile:
        return []  # no notes, or not a file: entry_problems says so
    except OSError as error:
        message = f"{NOTES} cannot be read ({error.strerror})"
        return [
            Problem(named_path(path, root), None, None, PACKAGE_FILES.id, ERROR, message, "make it readable")
        ]
    except UnicodeDecodeError as error:
        message, line = undecodable_text(data, error.start)
        fix = "save it again with UTF-8 encoding in your editor"
        return [Problem(named_path(path, root), line, None, PACKAGE_FILES.id, ERROR, message, fix)]
    return []


def find_packages(paths: list[Path], root: Path) -> tuple[list[Path], list[Problem]]:
    """The package folders the paths given name (a package, its datapackage.json, or a folder of
    packages), in a stable order, with a problem for each link or special file where one should be."""
    found: set[Path] = set()
    problems: list[Problem] = []

    def refuse(path: Path, kind: str) -> None:
        problems.append(
            _problem(
                named_path(path, root),
                PACKAGE_FILES.id,
                f"{shown(path.name)} is {kind}, not a package folder",
                _FIXES[SYMLINK] if kind == SYMLINK else "delete it: only package folders belong here",
            )
        )

    for path in paths:
        kind = path_kind(path)
        if path.name == DESCRIPTOR and kind not in (FOLDER, None):
            found.add(path.parent)  # what the descriptor is, is said when it is read
        elif kind not in (FILE, FOLDER, None):
            refuse(path, kind)
        elif kind == FOLDER and path_kind(path / DESCRIPTOR) is not None:
            found.add(path)
        elif kind == FOLDER:
            with os.scandir(path) as entries:
                children = sorted((e.name, kind_of(e.stat(follow_symlinks=False).st_mode)) for e in entries)
            for name, child_kind in children:
                child = path / name
                if child_kind == FOLDER and path_kind(child / DESCRIPTOR) is not None:
                    found.add(child)
                elif child_kind not in (FILE, FOLDER):
                    refuse(child, child_kind)
    return sorted(found), problems
