"""Parsing on every core: worker processes, chunks of files, results in order.

The parent lists the files and sends their paths to a pool of worker
processes in chunks; each worker reads and parses its chunk and sends back,
for each file, the finished result (a JSON Lines line, or the article with
its layers computed) or the `CorpusKitError` reading it raised.  The parent
takes the chunks back in the order it sent them, so the output is the serial
output, and it keeps only a few chunks in flight, so memory stays bounded
however many files there are.

Workers are started with ``forkserver`` where the platform has it (Linux,
macOS and other POSIX systems) and ``spawn`` elsewhere (Windows): both start
from a fresh interpreter rather than a copy of the caller's process, which
``fork`` would make, so a caller's threads, locks and open files cannot leak
into them.  The fork server imports corpuskit once, so each pool after the
first starts in milliseconds.  The command line, which starts no thread of
its own, forks its workers where that is safe (`fork_if_safe`): they start
at once, corpuskit already imported.  Everything a worker is sent (paths,
options) and sends back (lines, articles, errors) is picklable, so any start
method works.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing.context import BaseContext
from typing import Any, TypeVar

from corpuskit.article import Article
from corpuskit.io.json import dumps_line_counted
from corpuskit.model.errors import CorpusKitError
from corpuskit.model.units import OffsetUnit

__all__ = [
    "AHEAD",
    "MAX_CHUNK",
    "chunk_size",
    "chunked",
    "compute_layers",
    "cpu_count",
    "dump_counted",
    "dump_files",
    "fork_if_safe",
    "in_order",
    "parse_files",
    "resolve_jobs",
]

_T = TypeVar("_T")
_R = TypeVar("_R")

#: The most files a worker is sent at once: enough to make the cost of sending
#: them and their results small, few enough that the last chunks end together.
MAX_CHUNK = 32
#: Chunks in flight per worker: one being parsed, one waiting, one coming back.
AHEAD = 3
_CHUNKS_PER_WORKER = 8

#: A file's result: its JSON Lines line, its number of claims and its size in bytes.
Dumped = tuple[bytes, int, int]


def cpu_count() -> int:
    """Return the number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # no affinity on this platform
        return os.cpu_count() or 1


def fork_if_safe() -> str | None:
    """Return ``"fork"`` when this process may fork its workers, else None (the default).

    Forking copies the process as it is, corpuskit imported, so workers start
    at once; it is safe where the platform forks by default (not macOS or
    Windows) and no other thread runs, whose locks the copy could inherit
    held.  A program that knows it starts no threads (the command line) may
    ask for it; a library call cannot know, and keeps to the default.
    """
    if multiprocessing.get_start_method(allow_none=True) not in (None, "fork"):
        return None  # the program chose another way to start processes
    if sys.platform in ("darwin", "win32") or threading.active_count() > 1:
        return None
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else None


def resolve_jobs(jobs: object) -> int:
    """Return how many processes ``jobs`` asks for: None or 0 means one per core."""
    if jobs is None:
        return cpu_count()
    if not isinstance(jobs, int) or isinstance(jobs, bool):
        raise TypeError(f"jobs must be an int or None, got {type(jobs).__name__}")
    if jobs < 0:
        raise ValueError(f"jobs must be 0 (one per core), 1 (no workers) or more, got {jobs}")
    return jobs or cpu_count()


def chunk_size(items: int, workers: int) -> int:
    """Return how many files to send a worker at once, for ``items`` files in all."""
    return max(1, min(MAX_CHUNK, -(-items // (workers * _CHUNKS_PER_WORKER))))


def chunked(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    """Yield the items in lists of ``size`` (the last may be shorter)."""
    chunk: list[_T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _context(start_method: str | None = None) -> BaseContext:
    """Return the context of ``start_method``; by default ``forkserver``, else ``spawn``."""
    if start_method is not None:
        return multiprocessing.get_context(start_method)
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # Have the fork server import corpuskit once, so that each worker it forks
    # starts with it imported; keep whatever else it was asked to import.
    from multiprocessing import forkserver  # noqa: PLC0415 (POSIX only)

    server = getattr(forkserver, "_forkserver", None)
    modules = list(getattr(server, "_preload_modules", None) or ["__main__"])
    if __name__ not in modules:
        context.set_forkserver_preload([*modules, __name__])
    return context


def _start_worker(folder: str) -> None:
    """Prepare a worker: relative paths from the caller's folder, Ctrl-C left to the caller."""
    os.chdir(folder)
    # Ctrl-C reaches every process of the terminal's group; the caller stops
    # the pool, and the workers finish their chunk quietly.  A worker forked from
    # the command line does not keep its handler of SIGTERM.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def in_order(
    work: Callable[..., _R],
    chunks: Iterable[_T],
    workers: int,
    args: tuple[Any, ...] = (),
    start_method: str | None = None,
) -> Generator[_R, None, None]:
    """Yield ``work(chunk, *args)`` for each chunk, computed by ``workers`` processes, in order.

    At most ``AHEAD`` chunks per worker are in flight.  Closing the iterator
    early cancels the chunks not yet started and waits for those running.
    An exception ``work`` raises is raised here, in its turn, with the
    worker's traceback as its cause.  ``start_method`` chooses how workers
    start (see `_context`).
    """
    pool = ProcessPoolExecutor(
        workers,
        mp_context=_context(start_method),
        initializer=_start_worker,
        initargs=(os.getcwd(),),
    )
    pending: deque[Future[_R]] = deque()
    try:
        for chunk in chunks:
            pending.append(pool.submit(work, chunk, *args))
            if len(pending) >= workers * AHEAD:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# -- what a worker does with a chunk ----------------------------------------------------------


def dump_counted(article: Article, offsets: OffsetUnit, steps: tuple[str, ...] | None) -> Dumped:
    """Return the line `dumps_line` gives for ``article``, its number of claims and its size."""
    line, claims = dumps_line_counted(article, offsets, steps)
    return line, claims, len(article.to_bytes())


def dump_files(
    paths: list[str], max_bytes: int | None, offsets: OffsetUnit, steps: tuple[str, ...] | None
) -> list[Dumped | CorpusKitError]:
    """Read each file and return its JSON Lines line (and counts), or the error reading it."""
    out: list[Dumped | CorpusKitError] = []
    for path in paths:
        try:
            article = Article.from_path(path, max_bytes=max_bytes)
            out.append(dump_counted(article, offsets, steps))
        except CorpusKitError as error:  # unreadable, or a document too large to load back
            out.append(error)
    return out


def compute_layers(article: Article) -> Article:
    """Compute every layer of ``article`` now (zones, sentences, quotes, quantities, claims)."""
    _ = article.zones, article.sentences, article.claims
    return article


def parse_files(paths: list[str], max_bytes: int | None) -> list[Article | CorpusKitError]:
    """Read each file and return its article with every layer computed, or the error."""
    out: list[Article | CorpusKitError] = []
    for path in paths:
        try:
            article = Article.from_path(path, max_bytes=max_bytes)
        except CorpusKitError as error:
            out.append(error)
            continue
        out.append(compute_layers(article))
    return out
