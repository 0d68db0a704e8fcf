"""JSON Lines corpora: one article document per line, streamed, with an id index.

Reading never holds more than one line; looking an article up by id reads one
line through an index of ``id → (byte offset, length, line number)`` built by
one pass over the file the first time it is needed, and rebuilt when the
file's size, modification time or inode change.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from typing import Any

import attrs
import orjson

from ._article import Article, OffsetUnit
from ._errors import (
    CorpusKitError,
    DuplicateIdError,
    InvalidDocumentError,
    ReadError,
    TooLargeError,
)
from ._io import atomic_writer
from ._json import article_from_dict, dumps_line

__all__ = ["JsonlIndex", "iter_jsonl", "read_line", "write_jsonl"]

# The id of a line corpuskit wrote: the second key, right after schema_version.
# Linear: no quantifier is nested in another that could match the same text.
_ID_FIRST = re.compile(rb'\{\s*"schema_version"\s*:\s*[0-9]+\s*,\s*"id"\s*:\s*"((?:[^"\\]|\\.)*)"')


def _blank(line: bytes) -> bool:
    return not line.strip(b" \t\r\n")


def _not_json(path: str, line: int, raw: bytes, exc: Exception) -> InvalidDocumentError:
    """Return the error for a line that is not JSON, saying so when it looks cut short."""
    hint = ""
    if not raw.endswith(b"\n"):
        hint = " (the last line has no newline at its end: was the file cut short?)"
    return InvalidDocumentError([("$", f"not valid JSON: {exc}{hint}")], path=path, line=line)


def _load_line(raw: bytes, path: str, line: int) -> Article:
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


def _open(path: str) -> Any:
    try:
        return open(path, "rb")
    except OSError as exc:
        raise _read_error(path, exc) from exc


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
    path: str, max_line_bytes: int | None = None
) -> Iterator[tuple[int, Article | CorpusKitError]]:
    """Yield ``(line number, article or error)`` for each non-blank line of ``path``.

    A line longer than ``max_line_bytes`` gives a `TooLargeError`, and reading
    goes on with the next line.
    """
    with _open(path) as f:
        try:
            for number, (raw, _, size) in enumerate(_lines(f, max_line_bytes), 1):
                if raw is None:
                    yield number, _too_long(path, number, size, max_line_bytes)
                    continue
                if _blank(raw):
                    continue
                try:
                    yield number, _load_line(raw, path, number)
                except InvalidDocumentError as exc:
                    yield number, exc
        except OSError as exc:
            raise _read_error(path, exc) from exc


def read_line(path: str, offset: int, length: int, line: int) -> Article:
    """Read and load the one line at ``offset`` (``length`` bytes) of ``path``.

    The index lists only lines within the limit it was built with.
    """
    with _open(path) as f:
        try:
            f.seek(offset)
            raw = f.read(length)
        except OSError as exc:
            raise _read_error(path, exc) from exc
    return _load_line(raw, path, line)


@attrs.frozen
class _Entry:
    offset: int
    length: int
    line: int


def _stamp(path: str) -> tuple[int, int, int]:
    try:
        st = os.stat(path)
    except OSError as exc:
        raise _read_error(path, exc) from exc
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


@attrs.define
class JsonlIndex:
    """Where each article of a JSON Lines file is: ids in file order, and problems."""

    path: str
    stamp: tuple[int, int, int]
    entries: dict[str, _Entry]
    problems: list[CorpusKitError]

    @classmethod
    def build(cls, path: str, max_line_bytes: int | None = None) -> JsonlIndex:
        """Read ``path`` once, line by line, noting where each id's line is.

        A line longer than ``max_line_bytes`` is noted as a problem, not read whole.
        """
        stamp = _stamp(path)
        entries: dict[str, _Entry] = {}
        problems: list[CorpusKitError] = []
        offset = 0
        with _open(path) as f:
            for number, (raw, length, size) in enumerate(_lines(f, max_line_bytes), 1):
                if raw is None:
                    problems.append(_too_long(path, number, size, max_line_bytes))
                elif not _blank(raw):
                    article_id = _line_id(raw, path, number)
                    if isinstance(article_id, InvalidDocumentError):
                        problems.append(article_id)
                    elif article_id in entries:
                        first = entries[article_id].line
                        problems.append(
                            DuplicateIdError(article_id, [f"{path}:{first}", f"{path}:{number}"])
                        )
                    else:
                        entries[article_id] = _Entry(offset, length, number)
                offset += length
        return cls(path, stamp, entries, problems)

    def fresh(self) -> bool:
        """Whether the file is unchanged since the index was built."""
        return _stamp(self.path) == self.stamp


def write_jsonl(
    articles: Iterable[Article],
    path: str | os.PathLike[str],
    offsets: OffsetUnit,
    normalized: Iterable[str] | None = None,
) -> int:
    """Write one document per line to ``path``, atomically; return how many were written."""
    if offsets not in ("codepoint", "utf16", "utf8"):
        raise ValueError(f"offsets must be 'codepoint', 'utf16' or 'utf8', got {offsets!r}")
    steps = None if normalized is None else tuple(normalized)
    count = 0
    with atomic_writer(path) as f:
        for article in articles:
            f.write(dumps_line(article, offsets, steps))
            count += 1
    return count
