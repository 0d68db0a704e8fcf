"""Corpus: the ``*.txt`` files of a folder, listed at once and parsed lazily."""

from __future__ import annotations

import bisect
import difflib
import os
from collections.abc import Iterable, Iterator
from typing import Any, Literal

import attrs

from . import _cite
from ._article import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_JSON_BYTES,
    Article,
    OffsetUnit,
    check_limit,
    parse_file_name,
)
from ._errors import ArticleNotFoundError, CorpusKitError, DuplicateIdError, ReadError
from ._jsonl import JsonlIndex, iter_jsonl, read_line, write_jsonl

__all__ = ["Corpus", "CorpusFile", "OnError"]

OnError = Literal["raise", "skip"]
_ON_ERROR = ("raise", "skip")
_MAX_CLOSE = 3
_DIFFLIB_LIMIT = 2_000


@attrs.frozen
class CorpusFile:
    """One file of a corpus folder, known from its name alone (nothing is read)."""

    id: str
    ordinal: int | None
    path: str


def _sort_key(f: CorpusFile) -> tuple[bool, int, str]:
    return (f.ordinal is None, f.ordinal or 0, os.path.basename(f.path))


class Corpus:
    """A folder of raw article files, or a JSON Lines file of article documents.

    Opening a folder (`from_dir`) lists it and reads nothing else: ``len()``,
    `ids` and ``id in corpus`` need no parse.  Iterating reads and decodes one
    file at a time, in ordinal order (files with other names follow, by name),
    and keeps nothing, so memory stays flat however large the folder; an
    article's zones are computed when first asked for.

    Opening a JSON Lines file (`from_jsonl`) reads nothing: iterating streams
    it one line at a time, in file order; ``len()``, `ids`, ``in`` and lookup
    by id use an index of where each id's line is, built by one pass over the
    file when first needed (without loading any article) and rebuilt when the
    file changes, so a lookup reads one line.

    With ``on_error="skip"`` a file (or line) that cannot be read, decoded or
    loaded, or whose id another already claimed, is passed over and reported
    in `skipped`; with ``on_error="raise"`` (the default) its error is raised.

    A file larger than ``max_bytes`` (64 MiB unless `from_dir` is told
    otherwise), or a line longer than ``max_line_bytes`` (256 MiB unless
    `from_jsonl` is told otherwise), is such an error: a `TooLargeError`.
    """

    __slots__ = (
        "_by_id",
        "_files",
        "_index",
        "_jsonl",
        "_max_bytes",
        "_on_error",
        "_path",
        "_skipped",
        "_sorted_ids",
    )

    def __init__(
        self,
        path: str,
        files: tuple[CorpusFile, ...],
        *,
        on_error: OnError = "raise",
        skipped: tuple[CorpusKitError, ...] = (),
        max_bytes: int | None = DEFAULT_MAX_BYTES,
    ) -> None:
        if on_error not in _ON_ERROR:
            raise ValueError(f"on_error must be one of {_ON_ERROR}, got {on_error!r}")
        self._max_bytes = check_limit("max_bytes", max_bytes)
        self._path = path
        self._files = files
        self._by_id = {f.id: i for i, f in enumerate(files)}
        self._sorted_ids: list[str] | None = None  # sorted on the first failed lookup
        self._on_error: OnError = on_error
        self._skipped: dict[str, CorpusKitError] = {}
        self._jsonl = False
        self._index: JsonlIndex | None = None
        for error in skipped:
            self._record(getattr(error, "path", path), error)

    @classmethod
    def from_dir(
        cls,
        path: str | os.PathLike[str],
        *,
        on_error: OnError = "raise",
        max_bytes: int | None = DEFAULT_MAX_BYTES,
        follow_links: bool = False,
    ) -> Corpus:
        """List the ``*.txt`` files of the folder ``path`` (not its subfolders).

        A symbolic link is listed when it leads to a file inside the folder;
        one that leads outside it is refused unless ``follow_links=True``, and a
        broken or looping link is a `ReadError` naming the link (both are
        reported in `skipped` with ``on_error="skip"``).

        Raises `ReadError` when the folder cannot be listed, and
        `DuplicateIdError` when two files carry the same id (unless
        ``on_error="skip"``, which keeps the first in order and reports the
        others in `skipped`).  Every file is read as `Article.from_path` reads
        it, with this ``max_bytes`` (64 MiB unless given; ``None`` for no
        limit): a larger file is a `TooLargeError`.
        """
        if on_error not in _ON_ERROR:
            raise ValueError(f"on_error must be one of {_ON_ERROR}, got {on_error!r}")
        check_limit("max_bytes", max_bytes)
        root = os.fspath(path)
        skipped: list[CorpusKitError] = []
        files: list[CorpusFile] = []
        try:
            with os.scandir(root) as entries:
                for e in entries:
                    if not e.name.endswith(".txt"):
                        continue
                    problem = _entry_problem(root, e, follow_links)
                    if problem == "pass":
                        continue
                    if isinstance(problem, ReadError):
                        if on_error == "raise":
                            raise problem
                        skipped.append(problem)
                        continue
                    files.append(CorpusFile(*parse_file_name(e.name), e.path))
        except OSError as exc:
            raise ReadError(
                f"cannot list corpus folder: {exc.strerror or exc}", path=root, errno=exc.errno
            ) from exc
        files.sort(key=_sort_key)
        kept: list[CorpusFile] = []
        seen: dict[str, CorpusFile] = {}
        for f in files:
            first = seen.get(f.id)
            if first is None:
                seen[f.id] = f
                kept.append(f)
                continue
            error = DuplicateIdError(f.id, [first.path, f.path])
            if on_error == "raise":
                raise error
            skipped.append(error)
        return cls(
            root, tuple(kept), on_error=on_error, skipped=tuple(skipped), max_bytes=max_bytes
        )

    @classmethod
    def from_jsonl(
        cls,
        path: str | os.PathLike[str],
        *,
        on_error: OnError = "raise",
        max_line_bytes: int | None = DEFAULT_MAX_JSON_BYTES,
    ) -> Corpus:
        """Open a JSON Lines file of article documents (one per line, as `to_jsonl` writes).

        Nothing is read until the corpus is used.  Each line is checked as
        `Article.from_json` checks a document, and an error names the file and
        the line (``corpus.jsonl:12: $.claims[3].start: …``); blank lines are
        passed over.  Raises `ReadError` when the file cannot be opened.  A
        line longer than ``max_line_bytes`` (256 MiB unless given, newline not
        counted; ``None`` for no limit) is a `TooLargeError` naming its line,
        and is never held whole: reading skips to the next line.
        """
        if on_error not in _ON_ERROR:
            raise ValueError(f"on_error must be one of {_ON_ERROR}, got {on_error!r}")
        limit = check_limit("max_line_bytes", max_line_bytes)
        root = os.fspath(path)
        try:
            with open(root, "rb"):
                pass
        except OSError as exc:
            raise ReadError(
                f"cannot read JSON Lines file: {exc.strerror or exc}", path=root, errno=exc.errno
            ) from exc
        corpus = cls(root, (), on_error=on_error, max_bytes=limit)
        corpus._jsonl = True
        return corpus

    def to_jsonl(
        self,
        path: str | os.PathLike[str],
        *,
        offsets: OffsetUnit = "codepoint",
        normalized: Iterable[str] | None = None,
    ) -> int:
        """Write every article as one JSON document per line; return how many were written.

        Articles are read, parsed and written one at a time, so memory stays
        flat.  The file is written to a temporary file beside ``path``, synced,
        then moved into place: readers see the old file or the whole new one.
        With ``on_error="skip"`` an article that cannot be loaded is reported
        in `skipped` and the others are written; with ``"raise"`` its error
        is raised and ``path`` is left as it was.  ``offsets`` (the unit of
        every offset written) and ``normalized`` are as for `Article.to_json`.
        """
        return write_jsonl(self, path, offsets, normalized)

    # -- what the corpus holds ----------------------------------------------------------

    @property
    def path(self) -> str:
        """The folder or JSON Lines file this corpus reads."""
        return self._path

    @property
    def files(self) -> tuple[CorpusFile, ...]:
        """The files of a folder corpus in iteration order (empty for JSON Lines)."""
        return self._files

    @property
    def ids(self) -> tuple[str, ...]:
        """The article ids in iteration order."""
        if self._jsonl:
            return tuple(self._jsonl_index().entries)
        return tuple(f.id for f in self._files)

    @property
    def skipped(self) -> tuple[CorpusKitError, ...]:
        """The errors of files or lines passed over so far (``on_error="skip"``), one each."""
        return tuple(self._skipped.values())

    def __len__(self) -> int:
        if self._jsonl:
            return len(self._jsonl_index().entries)
        return len(self._files)

    def __contains__(self, article_id: object) -> bool:
        if self._jsonl:
            return article_id in self._jsonl_index().entries
        return article_id in self._by_id

    def __repr__(self) -> str:
        if self._jsonl:
            return f"Corpus.from_jsonl({self._path!r}, on_error={self._on_error!r})"
        return f"Corpus({self._path!r}, {len(self._files)} files, on_error={self._on_error!r})"

    def _jsonl_index(self) -> JsonlIndex:
        index = self._index
        if index is None or not index.fresh():
            index = JsonlIndex.build(self._path, self._max_bytes)
            for problem in index.problems:
                if self._on_error == "raise":
                    raise problem
                self._record(_place(problem, self._path), problem)
            self._index = index
            self._sorted_ids = None
        return index

    # -- articles -------------------------------------------------------------------------

    def __iter__(self) -> Iterator[Article]:
        if self._jsonl:
            yield from self._iter_jsonl()
            return
        for f in self._files:
            try:
                article = Article.from_path(f.path, max_bytes=self._max_bytes)
            except CorpusKitError as error:
                if self._on_error == "raise":
                    raise
                self._record(f.path, error)
                continue
            yield article

    def __getitem__(self, article_id: str) -> Article:
        """Read and return the article with this id.

        Raises `ArticleNotFoundError` (a `KeyError`) naming ids that look alike
        when there is none, and the file's own error when it cannot be loaded,
        whatever ``on_error`` says: the article was asked for by name.
        """
        given: object = article_id  # callers without type checking pass an int now and then
        if not isinstance(given, str):
            raise TypeError(f"article ids are str, got {type(given).__name__}")
        if self._jsonl:
            entry = self._jsonl_index().entries.get(article_id)
            if entry is None:
                raise ArticleNotFoundError(article_id, self._close_ids(article_id), self._path)
            return read_line(self._path, entry.offset, entry.length, entry.line)
        index = self._by_id.get(article_id)
        if index is None:
            raise ArticleNotFoundError(article_id, self._close_ids(article_id), self._path)
        return Article.from_path(self._files[index].path, max_bytes=self._max_bytes)

    def _iter_jsonl(self) -> Iterator[Article]:
        seen: dict[str, int] = {}  # id → line, to report a repeated id
        for line, found in iter_jsonl(self._path, self._max_bytes):
            if isinstance(found, CorpusKitError):
                error = found
            else:
                first = seen.setdefault(found.id, line)
                if first == line:
                    yield found
                    continue
                places = [f"{self._path}:{first}", f"{self._path}:{line}"]
                error = DuplicateIdError(found.id, places)
            if self._on_error == "raise":
                raise error
            self._record(f"{self._path}:{line}", error)

    def web_annotations(self) -> Iterator[dict[str, Any]]:
        """Yield the claims of every article as W3C Web Annotation pages, one per article.

        Each ``AnnotationPage`` (JSON-LD, with ``@context``) holds one
        article's claims as `Article.web_annotations` gives them, is ``partOf``
        one ``AnnotationCollection`` for the folder, and links to its
        neighbours with ``prev`` and ``next``; ``startIndex`` counts the claims
        of the pages before it.  Articles are read one at a time, as iterating
        does, and one page is held back to fill in its ``next``, so memory
        stays flat however large the folder.  Files skipped with
        ``on_error="skip"`` give no page.
        """
        name = os.path.basename(os.path.normpath(self._path)) or self._path
        return _cite.corpus_annotation_pages(name, self)

    def _close_ids(self, article_id: str) -> list[str]:
        """Ids that look like ``article_id``: those it begins, then near spellings."""
        if self._sorted_ids is None:
            self._sorted_ids = sorted(self._jsonl_index().entries if self._jsonl else self._by_id)
        ids = self._sorted_ids
        at = bisect.bisect_left(ids, article_id)
        close = [i for i in ids[at : at + _MAX_CLOSE] if i.startswith(article_id)]
        if len(close) < _MAX_CLOSE:
            # Near spellings among the ids that sort near it: bounded, so that a miss
            # in a corpus of a million files still answers at once.
            pool = ids[max(0, at - _DIFFLIB_LIMIT // 2) : at + _DIFFLIB_LIMIT // 2]
            for i in difflib.get_close_matches(article_id, pool, n=_MAX_CLOSE, cutoff=0.6):
                if i not in close:
                    close.append(i)
        return close[:_MAX_CLOSE]

    def _record(self, path: str, error: CorpusKitError) -> None:
        self._skipped.setdefault(path, error)


def _place(error: CorpusKitError, default: str) -> str:
    """Return the file (and line) an error is about, as a key of `Corpus.skipped`."""
    if isinstance(error, DuplicateIdError):
        return error.path
    line = getattr(error, "line", None)
    return default if line is None else f"{default}:{line}"


def _entry_problem(
    root: str, entry: os.DirEntry[str], follow_links: bool
) -> Literal["list", "pass"] | ReadError:
    """Say whether a ``*.txt`` entry of the folder is a file to list.

    Returns ``"list"`` for a file to list, ``"pass"`` for an entry to pass
    over silently (a subfolder), or the `ReadError` that explains why a link
    cannot be read.
    """
    try:
        if not entry.is_symlink():
            return "list" if entry.is_file() else "pass"
        target = os.path.realpath(entry.path)
        if not os.path.exists(target):
            return ReadError(
                "symbolic link leads nowhere (its target is missing, or links loop)",
                path=entry.path,
            )
        if not os.path.isfile(target):
            return "pass"
        inside = os.path.commonpath([os.path.realpath(root), target]) == os.path.realpath(root)
        if not inside and not follow_links:
            return ReadError(
                f"symbolic link leads outside the folder, to {target}: "
                "pass follow_links=True to read such files",
                path=entry.path,
            )
    except OSError as exc:
        return ReadError(
            f"cannot read the entry: {exc.strerror or exc}", path=entry.path, errno=exc.errno
        )
    return "list"
