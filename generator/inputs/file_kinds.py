"""What a path is, looked at without following it, and reading only regular files.

Git carries symbolic links, and a checkout may hold FIFOs or device nodes a script made: a link to
/proc/self/environ, read as a CSV and published, would put CI's environment on the site; /dev/zero
would fill the disk; a FIFO blocks for ever. So every path a package names is examined with lstat
before anything is read, opened without following links, and anything but a regular file is named
for what it is. Names must also check out on every system a council officer may use.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from generator.core.visible import shown

FILE = "a file"
FOLDER = "a folder"
SYMLINK = "a symbolic link"

# Windows reserves these device names, with or without an extension (con.csv too).
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{port}{n}" for port in ("com", "lpt") for n in "123456789¹²³"}
_FORBIDDEN = '<>:"/\\|?*'


class NotAFile(Exception):
    """The path is not a regular file: ``kind`` says what it is (None: nothing is there)."""

    def __init__(self, kind: str | None):
        super().__init__(kind or "nothing")
        self.kind = kind


def kind_of(mode: int) -> str:
    if stat.S_ISREG(mode):
        return FILE
    if stat.S_ISDIR(mode):
        return FOLDER
    if stat.S_ISLNK(mode):
        return SYMLINK
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def path_kind(path: Path) -> str | None:
    """What ``path`` itself is (a link is a link, wherever it points); None when nothing is there."""
    try:
        return kind_of(os.lstat(path).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return None


def read_file_bytes(path: Path) -> bytes:
    """The bytes of the regular file at ``path``; NotAFile for anything else, found on the opened
    file itself, so that a path swapped for a link or a FIFO after it was examined is still refused."""
    kind = path_kind(path)
    if kind != FILE:
        raise NotAFile(kind)
    flags = (
        os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    )
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise NotAFile(None) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise NotAFile(SYMLINK) from None
        raise
    with os.fdopen(descriptor, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFile(kind_of(mode))
        return handle.read()


def not_a_file_message(name: str, kind: str | None) -> str:
    if kind is None:
        return "the file does not exist"
    return f"{shown(name)} is {kind}, not a file"


def not_a_file_fix(kind: str | None) -> str:
    if kind is None:
        return "add the file, or correct the 'path' of the resource that names it"
    if kind == SYMLINK:
        return (
            "replace the link with a copy of the file: links are never followed, since one could "
            "publish any file of the machine that builds the site"
        )
    return "put a regular file there, or correct the 'path' of the resource that names it"


def unportable_name(name: str) -> str | None:
    """Why a file or folder called ``name`` cannot be checked out on Windows, or None."""
    if name.split(".")[0].rstrip(" ").lower() in _RESERVED:
        return (
            f"{shown(name)} cannot be checked out on Windows, where CON, PRN, AUX, NUL, COM1-9 and "
            "LPT1-9 are device names (with any extension)"
        )
    if name.endswith((".", " ")):
        return (
            f"{shown(name)} cannot be checked out on Windows, where a name may not end with a dot or a space"
        )
    bad = sorted({c for c in name if c in _FORBIDDEN or ord(c) < 32})
    if bad:
        characters = " ".join(shown(c) for c in bad)
        return f"{shown(name)} cannot be checked out on Windows, which does not allow {characters} in names"
    return None
