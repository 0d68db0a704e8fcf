"""A stream read once: copied, as far as it is read, into a private temporary file.

A pipe, a FIFO, a terminal or standard input can be read once, and only
forward, while a JSON Lines corpus reads its data more than once (one pass to
index the ids, then one line for each lookup).  A `Spool` reads the stream in
pieces of at most 1 MiB, only when and as far as a reader needs them, and
appends each piece to a temporary file that every reader then reads: the
stream itself is read once, whatever is asked of the corpus, and memory stays
flat however long it is.  Iterating still streams: the first line is there as
soon as the stream gives it, not when it ends.

The temporary file (``corpuskit-stream-*.jsonl`` in the folder `tempfile`
chooses, ``TMPDIR`` on Unix, readable by its owner only) is removed when the
spool is closed or garbage collected, and at the latest when the interpreter
exits.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import threading
import weakref
from typing import IO, Any, BinaryIO

from corpuskit.model.errors import ReadError

__all__ = ["Spool", "stream_name"]

_PIECE = 1 << 20  # the most one read of the stream asks for
_READER_BUFFER = 1 << 16


def stream_name(stream: IO[Any]) -> str:
    """Return the name errors give a stream: its ``name`` (``<stdin>``), else ``<stream>``."""
    name = getattr(stream, "name", None)
    if isinstance(name, str) and name:
        return name
    if isinstance(name, int):  # a file opened on a descriptor: open(0, "rb")
        return f"<fd {name}>"
    return "<stream>"


class Spool:
    """A stream copied, once and as it is read, into a temporary file that serves every reader.

    ``source`` is the path of a stream to open on first use (a FIFO, a
    device such as ``/dev/stdin``), which the spool then closes, or a binary
    stream already open (``sys.stdin.buffer``), which it reads but leaves
    open: it belongs to the caller.  ``name`` is the path errors give.

    The stream is read only by `grow` and `complete`, under a lock, so that
    threads sharing a spool never read it twice or out of order.  An error
    while reading it, or an interruption, is kept and raised again by every
    later call: what was read of the stream cannot be read again, so going on
    would give a corpus with a hole in it.
    """

    def __init__(self, source: str | BinaryIO, name: str) -> None:
        self.name = name
        self._source = source
        self._stream: BinaryIO | None = None
        self._file: BinaryIO | None = None  # the temporary file, written at its end
        self._path: str | None = None
        self._size = 0  # bytes copied so far
        self._done = False  # the stream has ended, and is all in the file
        self._error: ReadError | None = None
        self._closed = False
        self._lock = threading.Lock()
        self._finalizer: weakref.finalize[Any, Any] | None = None

    # -- what readers ask for -------------------------------------------------------------------

    def so_far(self) -> str:
        """Return the path of the temporary file, as far as the stream has been copied.

        The first call opens the stream (which, for a FIFO, waits for a writer)
        and makes the file; nothing is read.
        """
        with self._lock:
            self._check()
            self._start()
            assert self._path is not None  # made by _start
            return self._path

    def grow(self, past: int) -> bool:
        """Copy more of the stream unless more than ``past`` bytes are copied already.

        Returns False when the stream ended at ``past`` bytes or before: a
        reader at that position is at the end of the data.
        """
        with self._lock:
            self._check()
            self._start()
            while self._size <= past and not self._done:
                self._copy_piece()
            return self._size > past

    def complete(self) -> str:
        """Copy the rest of the stream, up to its end; return the path of the whole copy."""
        with self._lock:
            self._check()
            self._start()
            while not self._done:
                self._copy_piece()
            assert self._path is not None  # made by _start
            return self._path

    def reader(self) -> BinaryIO:
        """Open the data from its start, for reading it through: the copy, then the stream.

        The reader reads the temporary file, and at its end has the spool copy
        the next piece of the stream, so a line is available as soon as the
        stream gives it.
        """
        raw = _SpoolReader(self, self.so_far())
        return io.BufferedReader(raw, _READER_BUFFER)

    def close(self) -> None:
        """Remove the temporary file and close the stream if the spool opened it.

        A stream given open is left open.  Any later use is a `ReadError`.
        """
        with self._lock:
            self._closed = True
            if self._finalizer is not None:
                self._finalizer()

    @property
    def closed(self) -> bool:
        """Whether `close` was called."""
        return self._closed

    # -- under the lock -------------------------------------------------------------------------

    def _check(self) -> None:
        if self._closed:
            raise ReadError(
                "the corpus was closed: its copy of the stream is gone, and a stream "
                "cannot be read again",
                path=self.name,
            )
        if self._error is not None:
            raise self._error

    def _start(self) -> None:
        """Open the stream (when given a path) and make the temporary file, once."""
        if self._path is not None:
            return
        owned = isinstance(self._source, str)
        try:
            if isinstance(self._source, str):
                # Unbuffered: one read gives what the stream has, without waiting for more.
                stream: BinaryIO = open(self._source, "rb", buffering=0)  # noqa: SIM115 (closed by the finalizer)
            else:
                stream = self._source
        except OSError as exc:
            # Nothing was read: a later call may open it again.
            raise self._unreadable(exc) from exc
        try:
            fd, path = tempfile.mkstemp(prefix="corpuskit-stream-", suffix=".jsonl")
        except OSError as exc:
            if owned:
                stream.close()
            self._error = ReadError(
                f"cannot make a temporary file to hold the stream (in {tempfile.gettempdir()}): "
                f"{exc.strerror or exc}",
                path=self.name,
                errno=exc.errno,
            )
            raise self._error from exc
        copy = os.fdopen(fd, "wb")
        self._stream, self._file, self._path = stream, copy, path
        # Not a method of self: the finalizer must not keep the spool alive.
        self._finalizer = weakref.finalize(
            self, _discard, path, copy, stream if owned else None, os.getpid()
        )

    def _unreadable(self, exc: OSError) -> ReadError:
        """Return the error of a stream that cannot be opened or read, naming it."""
        return ReadError(
            f"cannot read JSON Lines stream: {exc.strerror or exc}", path=self.name, errno=exc.errno
        )

    def _copy_piece(self) -> None:
        """Read one piece of the stream (what one read gives) and append it to the file."""
        stream, copy = self._stream, self._file
        assert stream is not None  # opened by _start
        assert copy is not None
        try:
            read = getattr(stream, "read1", None) or stream.read
            try:
                piece = read(_PIECE)
            except OSError as exc:
                raise self._unreadable(exc) from exc
            if not isinstance(piece, bytes | bytearray):
                raise TypeError(
                    f"the stream gave {type(piece).__name__}, not bytes: pass a binary "
                    "stream (sys.stdin.buffer, not sys.stdin)"
                )
            if not piece:
                self._done = True
                if stream is not self._source:
                    stream.close()  # ours: a FIFO's writer is not kept waiting on it
                return
            try:
                copy.write(piece)
                copy.flush()  # readers open the file by its name: they must see the piece
            except OSError as exc:
                raise ReadError(
                    "cannot copy the stream to a temporary file (in "
                    f"{tempfile.gettempdir()}): {exc.strerror or exc}",
                    path=self.name,
                    errno=exc.errno,
                ) from exc
            self._size += len(piece)
        except ReadError as error:
            self._error = error
            raise
        except BaseException as exc:
            # Interrupted (Ctrl-C) or misused: a piece may have been read and not kept.
            self._error = ReadError(
                f"reading the stream stopped part way ({type(exc).__name__}), and a stream "
                "cannot be read again",
                path=self.name,
            )
            raise


class _SpoolReader(io.RawIOBase):
    """The raw reader of `Spool.reader`: the temporary file, grown at its end."""

    def __init__(self, spool: Spool, path: str) -> None:
        super().__init__()
        self._spool = spool
        self._file = open(path, "rb", buffering=0)  # noqa: SIM115 (closed by close)
        self._position = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while True:
            n = self._file.readinto(buffer)
            if n:
                self._position += n
                return n
            if not self._spool.grow(self._position):
                return 0

    def close(self) -> None:
        if not self.closed:
            self._file.close()
        super().close()


def _discard(path: str, copy: BinaryIO, stream: BinaryIO | None, pid: int) -> None:
    """Close the copy (and the stream the spool opened) and remove the temporary file."""
    if os.getpid() != pid:
        return  # a forked child: the file is its parent's, to remove when done with it
    with contextlib.suppress(OSError):
        copy.close()
    if stream is not None:
        with contextlib.suppress(OSError):
            stream.close()
    with contextlib.suppress(OSError):
        os.remove(path)
