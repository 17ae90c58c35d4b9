"""Replacing a folder in one step, and one build at a time: shared by ``make data`` (``data/``)
and ``make book`` (``_build/html``).

- :func:`swap_folders` puts a fully written folder in place of the old one with Linux
  ``renameat2(RENAME_EXCHANGE)``: a reader or a crash at any moment sees the old folder or the
  new one, never a mix and never none.
- :func:`exclusive` holds an advisory lock (``flock``) on a file for the length of a build and
  says so when it has to wait for another one.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno as errnos
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Iterator


def _old_name(target: Path) -> Path:
    return target.with_name(f".{target.name}-old")


def recover(target: Path) -> None:
    """Undo a swap interrupted between its two renames (only on systems without an atomic
    exchange): the old folder is put back where it was."""
    old = _old_name(target)
    if not target.exists() and old.is_dir():
        old.rename(target)


def swap_folders(new: Path, target: Path) -> None:
    """Put folder ``new`` in place of ``target`` in one step; ``new`` then holds the old contents
    (the caller removes it). The new folder gets the old one's permissions."""
    recover(target)
    if not target.exists():
        new.rename(target)
        return
    os.chmod(new, target.stat().st_mode & 0o7777)  # a staging folder from mkdtemp is 0700
    if exchange(new, target):
        return
    # No atomic exchange on this system: two renames, with the old folder kept until the end
    # (and put back by recover() if the process dies between them).
    old = _old_name(target)
    shutil.rmtree(old, ignore_errors=True)
    target.rename(old)
    new.rename(target)
    old.rename(new)


def exchange(a: Path, b: Path) -> bool:
    """Exchange two paths atomically; False where the system or filesystem cannot."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    AT_FDCWD, RENAME_EXCHANGE = -100, 2
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    if result != 0:
        errno = ctypes.get_errno()
        if errno in (errnos.EINVAL, errnos.ENOSYS, errnos.EOPNOTSUPP):  # the filesystem cannot exchange
            return False
        raise OSError(errno, os.strerror(errno), str(b))
    return True


@contextlib.contextmanager
def exclusive(lock: Path, what: str, *, wait: bool = True) -> Iterator[None]:
    """Hold an exclusive advisory lock (``flock``) on ``lock`` for the block: a file (created if
    needed; it records the holder's pid for the message others see) or an existing folder. If
    another process holds it, say who and wait for it (or, with ``wait=False``, raise
    :class:`BlockingIOError`)."""
    import fcntl

    if lock.is_dir():
        fd = os.open(lock, os.O_RDONLY)
    else:
        lock.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = "another process"
            if not lock.is_dir():
                holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or holder
            message = f"{what} is already running in this clone ({holder}; lock {lock})"
            if not wait:
                raise BlockingIOError(message) from None
            print(f"waiting: {message}; this one starts when it ends", file=sys.stderr, flush=True)
            fcntl.flock(fd, fcntl.LOCK_EX)
        if not lock.is_dir():
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"pid {os.getpid()}, started {time.strftime('%Y-%m-%d %H:%M:%S')}\n".encode(), 0)
        yield
    finally:
        if not lock.is_dir():
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
        os.close(fd)  # releases the lock
