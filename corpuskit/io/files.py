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
    plain ``open(path, "wb")`` would give (mode 0o666 less the umask).
    """
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
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
