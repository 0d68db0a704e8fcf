"""Atomic writes: a temporary file beside the target, flushed, synced, then renamed."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

__all__ = ["atomic_writer"]


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Open a temporary file beside ``path`` for writing; on success move it into place.

    Readers of ``path`` see the old file or the whole new one, never a part:
    the data is flushed and synced to disk before ``os.replace`` renames the
    temporary file over ``path``.  If the block raises, the temporary file is
    removed and ``path`` is left as it was.  The file gets the permissions a
    plain ``open(path, "wb")`` would give (mode 0o666 less the umask).  A
    symbolic link is written through (its target is replaced, the link stays),
    and a name too long to take the temporary suffix gets a short temporary name.
    """
    target = Path(path)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    tmp = target.with_name(_temporary_name(target.name))
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# Most file systems allow names of 255 bytes; the temporary name adds 18 characters.
_NAME_MAX = 255


def _temporary_name(name: str) -> str:
    """Return a fresh hidden name beside ``name``: ``.<name>.<12 hex>.tmp``, or shorter."""
    token = secrets.token_hex(6)
    full = f".{name}.{token}.tmp"
    if len(full.encode("utf-8", "surrogateescape")) <= _NAME_MAX:
        return full
    return f".corpuskit.{token}.tmp"
