"""Put a finished build in place so that a build killed at any moment leaves a whole site.

A build is written into a scratch folder (``.build-*``) beside the project's ``site/`` and then
swapped in, tree by tree (``build/docs``, then ``site/``). On Linux the swap is one
``renameat2(RENAME_EXCHANGE)``: the new tree and the published one trade names atomically, so
``site/`` always exists and is always one whole build, even if the process is killed (SIGKILL, the
OOM killer, a cancelled CI job) half-way through; the scratch folder then holds the previous tree,
and removing it is housekeeping. Where the file system or C library cannot exchange, two renames do
the same job (``site`` -> ``.site-old``, then the new tree -> ``site``); a kill between them leaves no
``site/`` but a whole ``.site-old``, which the next build restores before doing anything else.

What a killed build leaves behind (its scratch folder, a tree set aside) is cleared by the next
build. Only a build holding the project's lock (an ``flock`` on ``build/build.lock``, released by
the kernel when its process dies, however it dies) creates or removes these folders, so whatever
the lock holder finds is stale by definition, and two builds of one project never swap at once.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import functools
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from generator.core import kept_folders

SCRATCH_PREFIX = ".build-"
LOCK_FILE = Path("build") / "build.lock"

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
# The kernel or file system cannot exchange: fall back to two renames.
_NO_EXCHANGE = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP}


def _silent(_stage: str) -> None:
    pass


def set_aside_name(target: Path) -> Path:
    """Where the two-rename swap keeps the published tree while the new one moves in."""
    return target.with_name(f".{target.name}-old")


@contextmanager
def build_lock(root: Path, progress: Callable[[str], None] = _silent) -> Iterator[None]:
    """Hold the project's build lock; wait (saying so) while another build of it holds it."""
    path = root / LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            progress(f"waiting for another build of this project (process {holder}) to finish")
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the last descriptor releases the lock


def mend(target: Path) -> None:
    """Restore ``target`` if a killed two-rename swap left it set aside; drop a leftover copy."""
    old = set_aside_name(target)
    if not old.exists():
        return
    if target.exists():
        shutil.rmtree(old)
    else:
        os.rename(old, target)


def _clear(root: Path, targets: Sequence[Path]) -> None:
    for target in targets:
        mend(target)
    for scratch in root.glob(f"{SCRATCH_PREFIX}*"):
        if scratch.is_dir():
            shutil.rmtree(scratch, ignore_errors=True)


def recover(root: Path, targets: Sequence[Path], progress: Callable[[str], None] = _silent) -> None:
    """Undo what a killed build left: ``targets`` restored whole, no scratch folder left over.

    Run before validation, so that a build refused for bad data still leaves the previous site.
    """
    with build_lock(root, progress):
        _clear(root, targets)


@contextmanager
def scratch_folder(
    root: Path, targets: Sequence[Path], progress: Callable[[str], None] = _silent
) -> Iterator[Path]:
    """A fresh scratch folder for a build that will swap into ``targets``, under the build lock.

    The folder is removed when the build ends, however it ends; if the process is killed instead,
    the next build removes it.
    """
    with build_lock(root, progress):
        _clear(root, targets)
        scratch = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=root))
        try:
            yield scratch
        finally:
            shutil.rmtree(scratch, ignore_errors=True)


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):  # a C library without it (glibc before 2.28, not Linux)
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def _exchange(new: Path, target: Path) -> bool:
    """Trade the names of two existing trees in one step; False where that cannot be done here."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(new), _AT_FDCWD, os.fsencode(target), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in _NO_EXCHANGE:
        return False
    raise OSError(code, os.strerror(code), str(target))


def _set_aside(target: Path) -> Path:
    old = set_aside_name(target)
    os.rename(target, old)
    return old


def _done_with(tree: Path, folders: Path | None) -> None:
    if folders is None:
        shutil.rmtree(tree)
    else:
        kept_folders.keep(tree, folders)


def swap_in(new: Path, target: Path, folders: Path | None = None) -> None:
    """Make the tree ``new`` become ``target``; at every instant ``target`` (or, only on file
    systems that cannot exchange, its set-aside copy) is one whole tree, the old or the new.
    The previous tree is removed, or kept as ``folders`` for the next build (core/kept_folders.py)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    mend(target)
    if not target.exists():
        os.rename(new, target)
        return
    if _exchange(new, target):
        _done_with(new, folders)  # it now holds the previous tree
        return
    old = _set_aside(target)
    try:
        os.rename(new, target)
    except OSError:
        os.rename(old, target)  # a disk that refuses the rename: put the previous tree back, then say so
        raise
    _done_with(old, folders)
