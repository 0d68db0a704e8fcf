"""JSON Lines corpora: one article document per line, streamed, with an id index.

Reading never holds more than one line; looking an article up by id reads one
line through an index of ``id → (byte offset, length, line number)`` built by
one pass over the file the first time it is needed, held in compact columns,
and rebuilt when the file's size, modification time or inode change.

Every function takes the ``path`` it opens and, optionally, the ``name`` its
errors give (``path`` unless told): a stream is read from its copy in a
temporary file (see `corpuskit.io.spool`), and errors name the stream.
"""

from __future__ import annotations

import os
import re
from array import array
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

import orjson

from corpuskit.article import Article, article_from_dict
from corpuskit.io.files import atomic_writer
from corpuskit.io.json import dumps_line
from corpuskit.model.errors import (
    CorpusKitError,
    DuplicateIdError,
    InvalidDocumentError,
    ReadError,
    TooLargeError,
)
from corpuskit.model.tables import IdIndex, StringTable
from corpuskit.model.units import OffsetUnit, unit

__all__ = [
    "JsonlIndex",
    "check_offsets",
    "iter_jsonl",
    "load_line",
    "read_line",
    "write_jsonl",
    "write_lines",
]

# The id of a line corpuskit wrote: the second key, right after schema_version.
# Linear: the loop over the id's characters is possessive, and each character has one
# way to match (plain, or escaped after a backslash).
_ID_FIRST = re.compile(
    rb'\{\s*"schema_version"\s*:\s*[0-9]+\s*,\s*"id"\s*:\s*"((?:[^"\\]++|\\.)*+)"'
)


def _blank(line: bytes) -> bool:
    return not line.strip(b" \t\r\n")


def _not_json(path: str, line: int, raw: bytes, exc: Exception) -> InvalidDocumentError:
    """Return the error for a line that is not JSON, saying so when it looks cut short."""
    hint = ""
    if not raw.endswith(b"\n"):
        hint = " (the last line has no newline at its end: was the file cut short?)"
    return InvalidDocumentError([("$", f"not valid JSON: {exc}{hint}")], path=path, line=line)


def load_line(raw: bytes, path: str, line: int) -> Article:
    """Parse and check one line as an article document."""
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise _not_json(path, line, raw, exc) from None
    return article_from_dict(doc, (path, line), owned=True)


def _read_error(path: str, exc: OSError) -> ReadError:
    return ReadError(
        f"cannot read JSON Lines file: {exc.strerror or exc}", path=path, errno=exc.errno
    )


def _open(path: str, name: str | None = None) -> Any:
    try:
        return open(path, "rb")
    except OSError as exc:
        raise _read_error(name or path, exc) from exc


_SKIP_CHUNK = 1 << 20


def _lines(f: Any, limit: int | None) -> Iterator[tuple[bytes | None, int, int]]:
    """Yield ``(line, length, size)`` for each line of ``f``.

    ``length`` counts the line's bytes with its newline and ``size`` without.
    A line whose size is over ``limit`` bytes is never held whole: it is read
    past in pieces and yielded as ``None``, so that the caller can report it
    and go on with the next line.
    """
    if limit is None:
        for raw in f:
            yield raw, len(raw), len(raw) - raw.endswith(b"\n")
        return
    while True:
        raw = f.readline(limit + 2)  # the longest line allowed, its newline, one more byte
        if not raw:
            return
        length = len(raw)
        if length - raw.endswith(b"\n") <= limit:
            yield raw, length, length - raw.endswith(b"\n")
            continue
        while not raw.endswith(b"\n"):
            raw = f.readline(_SKIP_CHUNK)
            if not raw:
                break
            length += len(raw)
        yield None, length, length - raw.endswith(b"\n")


def _too_long(path: str, line: int, size: int, limit: int | None) -> TooLargeError:
    assert limit is not None  # only a limit makes a line too long
    return TooLargeError(
        "line", size=size, limit=limit, parameter="max_line_bytes", path=path, line=line
    )


def iter_jsonl(
    source: str | BinaryIO, max_line_bytes: int | None = None, *, name: str | None = None
) -> Iterator[tuple[int, Article | CorpusKitError]]:
    """Yield ``(line number, article or error)`` for each non-blank line of ``source``.

    ``source`` is a path to open, or a binary file already open, read from
    where it stands and closed at the end; ``name`` is the path errors give
    (``source`` when it is a path).  A line longer than ``max_line_bytes``
    gives a `TooLargeError`, and reading goes on with the next line.
    """
    if isinstance(source, str):
        name = name or source
        opened = _open(source, name)
    else:
        name = name or "<stream>"
        opened = source
    with opened as f:
        try:
            for number, (raw, _, size) in enumerate(_lines(f, max_line_bytes), 1):
                if raw is None:
                    yield number, _too_long(name, number, size, max_line_bytes)
                    continue
                if _blank(raw):
                    continue
                try:
                    yield number, load_line(raw, name, number)
                except InvalidDocumentError as exc:
                    yield number, exc
        except CorpusKitError:
            raise  # a stream's own ReadError, which names it already
        except OSError as exc:
            raise _read_error(name, exc) from exc


def read_line(
    path: str, offset: int, length: int, line: int, *, name: str | None = None
) -> Article:
    """Read and load the one line at ``offset`` (``length`` bytes) of ``path``.

    The index lists only lines within the limit it was built with.  Errors
    name ``name`` (``path`` unless given).
    """
    name = name or path
    with _open(path, name) as f:
        try:
            f.seek(offset)
            raw = f.read(length)
        except OSError as exc:
            raise _read_error(name, exc) from exc
    return load_line(raw, name, line)


def _stamp(path: str, name: str) -> tuple[int, int, int]:
    try:
        st = os.stat(path)
    except OSError as exc:
        raise _read_error(name, exc) from exc
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def _line_id(raw: bytes, path: str, line: int) -> str | InvalidDocumentError:
    """Return the id of a line (by a pattern when corpuskit wrote it, else by parsing).

    Returns the error to report when the line has no id to read.
    """
    m = _ID_FIRST.match(raw)
    if m is not None and b"\\" not in m.group(1):
        try:
            return m.group(1).decode("utf-8")
        except UnicodeDecodeError:
            pass  # parsing it says what is wrong
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        return _not_json(path, line, raw, exc)
    found = doc.get("id") if isinstance(doc, dict) else None
    if isinstance(found, str) and found:
        return found
    return InvalidDocumentError(
        [("$.id", "expected a non-empty string: every line is an article with an id")],
        path=path,
        line=line,
    )


class JsonlIndex:
    """Where each article of a JSON Lines file is: ids in file order, and problems.

    For each id (the first line that claims it) the index keeps the line's
    byte offset, its length and its number in three ``array`` columns, the ids
    themselves as UTF-8 in one buffer, and a hash table from an id to its
    position: some 60 bytes an article for 16-character ids, where a ``dict``
    of objects would take several hundred.
    """

    __slots__ = (
        "_end",
        "_ids",
        "_index",
        "_lengths",
        "_lines",
        "_offsets",
        "lines",
        "name",
        "path",
        "problems",
        "stamp",
    )

    def __init__(self, path: str, stamp: tuple[int, int, int], *, name: str | None = None) -> None:
        self.path = path
        self.name = name or path  # what errors and places call the file
        self.stamp = stamp
        self.problems: list[CorpusKitError] = []
        self.lines = 0  # the lines read so far
        self._end = 0  # the byte offset just after them
        self._ids = StringTable()
        self._offsets = array("q")
        self._lengths = array("q")
        self._lines = array("q")
        self._index = IdIndex(self._ids.__getitem__)

    @classmethod
    def build(
        cls,
        path: str,
        max_line_bytes: int | None = None,
        *,
        name: str | None = None,
        growing: bool = False,
    ) -> JsonlIndex:
        """Read ``path`` once, line by line, noting where each id's line is.

        A line longer than ``max_line_bytes`` is noted as a problem, not read
        whole.  Problems name ``name`` (``path`` unless given).  With
        ``growing``, ``path`` is a stream's copy that is still being written:
        a last line without its newline may be a part of a line, and is left
        for `extend`.
        """
        name = name or path
        index = cls(path, _stamp(path, name), name=name)
        index._scan(max_line_bytes, growing=growing)
        return index

    def extend(self, max_line_bytes: int | None = None) -> None:
        """Read on from the last line read, as `build` with ``growing`` does."""
        self.stamp = _stamp(self.path, self.name)
        self._scan(max_line_bytes, growing=True)

    def _scan(self, max_line_bytes: int | None, *, growing: bool) -> None:
        """Index the lines after the last one read, up to the end of the file."""
        name, problems = self.name, self.problems
        ids, offsets, lengths, lines = self._ids, self._offsets, self._lengths, self._lines
        offset, last = self._end, self.lines
        with _open(self.path, name) as f:
            f.seek(offset)
            for number, (raw, length, size) in enumerate(_lines(f, max_line_bytes), last + 1):
                if growing and length == size:  # no newline yet: the rest may come
                    break
                if raw is None:
                    problems.append(_too_long(name, number, size, max_line_bytes))
                elif not _blank(raw):
                    article_id = _line_id(raw, name, number)
                    if isinstance(article_id, InvalidDocumentError):
                        problems.append(article_id)
                    else:
                        earlier = self._index.add(article_id, len(ids))
                        if earlier is None:
                            ids.append(article_id)
                            offsets.append(offset)
                            lengths.append(length)
                            lines.append(number)
                        else:
                            places = [f"{name}:{lines[earlier]}", f"{name}:{number}"]
                            problems.append(DuplicateIdError(article_id, places))
                offset += length
                last = number
        self._end, self.lines = offset, last

    def fresh(self) -> bool:
        """Whether the file is unchanged since the index was built."""
        return _stamp(self.path, self.name) == self.stamp

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, article_id: object) -> bool:
        return isinstance(article_id, str) and self._index.find(article_id) is not None

    def ids(self) -> Iterator[str]:
        """Yield the ids in file order."""
        return iter(self._ids)

    def find(self, article_id: str) -> tuple[int, int, int] | None:
        """Return ``(byte offset, length, line number)`` of the line of ``article_id``, or None."""
        i = self._index.find(article_id)
        if i is None:
            return None
        return self._offsets[i], self._lengths[i], self._lines[i]

    def near(self, article_id: str, before: int, after: int) -> tuple[list[str], int]:
        """Return the ids that sort around ``article_id``; see `IdIndex.near`."""
        return self._index.near(article_id, before, after)

    def read(self, offset: int, length: int, line: int) -> Article:
        """Read and load the line `find` placed (errors name the file as the index does)."""
        return read_line(self.path, offset, length, line, name=self.name)

    def first_loaded(
        self, article_id: str, before: int, max_line_bytes: int | None = None
    ) -> int | None:
        """Return the first line before line ``before`` that loads as an article with this id.

        Streaming a file yields the first line that loads for each id and
        reports later ones as repeats; this names the line that was yielded.
        The index knows the first line that *claims* the id, which is it unless
        that line fails to load: the lines after it are then read in turn.
        """
        found = self.find(article_id)
        if found is None or found[2] >= before:
            return None
        offset, length, line = found
        try:
            if self.read(offset, length, line).id == article_id:
                return line
        except InvalidDocumentError:
            pass
        with _open(self.path, self.name) as f:
            f.seek(offset + length)
            for number, (raw, _, _) in enumerate(_lines(f, max_line_bytes), line + 1):
                if number >= before:
                    break
                if raw is None or _blank(raw) or _line_id(raw, self.name, number) != article_id:
                    continue
                try:
                    load_line(raw, self.name, number)
                except InvalidDocumentError:
                    continue
                return number
        return None


def check_offsets(offsets: object) -> None:
    """Raise ValueError unless ``offsets`` names a unit a document can be written in."""
    unit(offsets)  # a ValueError naming the choices


def write_lines(lines: Iterable[bytes], path: str | os.PathLike[str]) -> int:
    """Write finished lines to ``path``, atomically; return how many were written."""
    count = 0
    with atomic_writer(path) as f:
        for line in lines:
            f.write(line)
            count += 1
    return count


def write_jsonl(
    articles: Iterable[Article],
    path: str | os.PathLike[str],
    offsets: OffsetUnit,
    normalized: Iterable[str] | None = None,
) -> int:
    """Write one document per line to ``path``, atomically; return how many were written."""
    check_offsets(offsets)
    steps = None if normalized is None else tuple(normalized)
    return write_lines((dumps_line(article, offsets, steps) for article in articles), path)
