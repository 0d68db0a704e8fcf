"""A FIFO fed once, for tests of streams that must be read once and never hang.

`fed_fifo` makes a FIFO and starts a writer process that, as ``cat data >
fifo`` would, waits for a reader, writes the data and closes the FIFO.  What a
reader that closes the FIFO early leaves unread is lost, as with a real pipe.
Once the writer is done, a thread lets any later reader go at once with
end-of-file (it opens the FIFO for writing and closes it): code that reads
the FIFO a second time sees no data instead of waiting forever for a writer,
so a regression fails the test (its results are wrong) rather than hanging
it.  At the end of the block the writer is stopped if it still waits and the
FIFO is removed, so a reader after the block fails at once too.

The writer is a process, not a thread, so that it writes and closes at once,
whatever the test's own thread is doing with the interpreter lock.
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

_POLL = 0.02  # seconds between two looks for a reader
# Plain system calls, so that the FIFO is closed right after the last write, as cat does.
_WRITER = """\
import os, sys
data = memoryview(open(sys.argv[1], "rb").read())
fd = os.open(sys.argv[2], os.O_WRONLY)  # waits for a reader
try:
    while data:
        data = data[os.write(fd, data):]
except BrokenPipeError:  # the reader went away: what it did not read is lost
    sys.exit(1)
os.close(fd)
"""


def _release_readers(path: Path, stop: threading.Event) -> None:
    """Until ``stop``, give any reader that opens ``path`` end-of-file at once."""
    while not stop.wait(_POLL):
        try:
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno != errno.ENXIO:  # ENXIO: no reader waits
                raise
            continue
        os.close(fd)


@contextlib.contextmanager
def fed_fifo(path: Path, data: bytes) -> Iterator[subprocess.Popen[bytes]]:
    """Make a FIFO at ``path`` and feed ``data`` to its first reader, once (see the module).

    Yields the writer process; its return code is 0 when the reader took all the data.
    """
    os.mkfifo(path)
    source = path.with_name(path.name + ".data")
    source.write_bytes(data)
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(source), str(path)], stderr=subprocess.DEVNULL
    )
    stop = threading.Event()

    def after_the_writer() -> None:
        while writer.poll() is None:
            if stop.wait(_POLL):
                return
        _release_readers(path, stop)

    thread = threading.Thread(target=after_the_writer, name=f"after {path.name}", daemon=True)
    thread.start()
    try:
        yield writer
    finally:
        stop.set()
        thread.join(10)
        if writer.poll() is None:  # no reader ever came
            writer.kill()
        writer.wait()
        path.unlink(missing_ok=True)
        source.unlink()
