"""What the build needs from the operating system, in one place: files written whole or not at
all, worker processes that end with the build that started them, a lock per output folder, and
an atomic exchange of two folders (Linux renameat2)."""

from __future__ import annotations

import ctypes
import ctypes.util
import fcntl
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

_LIBC = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
_PR_SET_PDEATHSIG = 1
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file under a temporary name and rename it: a killed process leaves no half file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _die_with_parent() -> None:
    # A worker whose build is killed (SIGKILL, OOM) ends too instead of rendering on for minutes.
    _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def worker_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, initializer=_die_with_parent)


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (no moment without either); False where the system cannot."""
    renameat2 = getattr(_LIBC, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result != 0:
        errno = ctypes.get_errno()
        if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: this file system cannot exchange
            return False
        raise OSError(errno, os.strerror(errno), str(a))
    return True


class FolderLock:
    """An exclusive lock on building one output folder; a second build waits for the first."""

    def __init__(self, folder: Path):
        self.path = folder.with_name(f".{folder.name}.lock")
        self.handle = None

    def acquire(self, log=print) -> None:
        self.handle = open(self.path, "a+")
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log(f"another build of {self.path.with_name(self.path.name[1:-5])}/ is running; waiting for it to finish")
            fcntl.flock(self.handle, fcntl.LOCK_EX)

    def release(self) -> None:
        if self.handle is not None:
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None
