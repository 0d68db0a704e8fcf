"""Corpus: the ``*.txt`` files of a folder, listed at once and parsed lazily."""

from __future__ import annotations

import contextlib
import difflib
import errno
import io
import os
import stat
from array import array
from collections.abc import Generator, Iterable, Iterator
from typing import Any, BinaryIO, Literal

import attrs

from corpuskit.article import Article
from corpuskit.corpus.parallel import (
    chunk_size,
    chunked,
    compute_layers,
    dump_counted,
    dump_files,
    in_order,
    parse_files,
    resolve_jobs,
)
from corpuskit.io import cite as _cite
from corpuskit.io.json import dumps_line
from corpuskit.io.jsonl import JsonlIndex, check_offsets, iter_jsonl, write_lines
from corpuskit.io.spool import Spool, stream_name
from corpuskit.model.errors import (
    ArticleNotFoundError,
    ArticlePositionError,
    CorpusKitError,
    DuplicateIdError,
    ReadError,
    TooLargeError,
)
from corpuskit.model.tables import FingerprintSet, IdIndex, StringTable
from corpuskit.model.units import OffsetUnit
from corpuskit.stages.read import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_JSON_BYTES,
    check_limit,
    parse_file_name,
)

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


def _sort_key(name: str) -> tuple[str, bool, int, str]:
    """Order files folder by folder, the folder's own files first, then by ordinal."""
    folder, base = os.path.split(name)
    ordinal = parse_file_name(base)[1]
    return (folder, ordinal is None, ordinal or 0, base)


class _Files:
    """The files of a folder corpus in iteration order, held compactly.

    A path is held as its part after a common prefix (the folder), in UTF-8
    in one buffer; a file's id and ordinal are read from its name again when
    asked for, unless they were given otherwise (the constructor takes any
    `CorpusFile`), and the index from an id to its file is a hash table of
    positions.  A file listed by `Corpus.from_dir` costs some 50 bytes, where
    a `CorpusFile` and a ``dict`` entry cost over 300.
    """

    __slots__ = ("_ids", "_index", "_names", "_ordinals", "_prefix")

    def __init__(self, prefix: str, *, derived: bool = True, expected: int = 0) -> None:
        self._prefix = prefix
        self._names = StringTable()
        # None: ids and ordinals come from the names, as `parse_file_name` reads them.
        self._ids: StringTable | None = None if derived else StringTable()
        self._ordinals: array[int] | None = None if derived else array("q")
        self._index = IdIndex(self.id, expected)

    @classmethod
    def of(cls, folder: str, files: tuple[CorpusFile, ...]) -> _Files:
        """Hold the files given to the constructor, as they are."""
        prefix = os.path.join(folder, "")
        if not all(f.path.startswith(prefix) for f in files):
            prefix = ""
        derived = all(parse_file_name(os.path.basename(f.path)) == (f.id, f.ordinal) for f in files)
        table = cls(prefix, derived=derived, expected=len(files))
        for f in files:
            table.add(f.path[len(prefix) :], f.id, f.ordinal)
        return table

    def add(self, name: str, article_id: str, ordinal: int | None) -> int | None:
        """Add the file ``prefix + name``; return the position of an earlier one with its id.

        The file is added either way; lookup by id finds the first.
        """
        earlier = self._index.add(article_id, len(self._names))
        self._names.append(name)
        if self._ids is not None and self._ordinals is not None:
            self._ids.append(article_id)
            self._ordinals.append(-1 if ordinal is None else ordinal)
        return earlier

    def state(self) -> tuple[Any, ...]:
        """Return the files as plain data (see `restored`)."""
        ids = None if self._ids is None else list(self._ids)
        ordinals = None if self._ordinals is None else self._ordinals.tolist()
        return (self._prefix, list(self._names), ids, ordinals)

    @classmethod
    def restored(cls, state: tuple[Any, ...]) -> _Files:
        """Return the files `state` gave; the id index is built again."""
        prefix, names, ids, ordinals = state
        table = cls(prefix, derived=ids is None, expected=len(names))
        for i, name in enumerate(names):
            if ids is None:
                article_id, ordinal = parse_file_name(os.path.basename(name))
            else:
                article_id, ordinal = ids[i], (None if ordinals[i] < 0 else ordinals[i])
            table.add(name, article_id, ordinal)
        return table

    def __len__(self) -> int:
        return len(self._names)

    def path(self, i: int) -> str:
        """Return the path of the file at position ``i``."""
        return self._prefix + self._names[i]

    def paths(self) -> Iterator[str]:
        """Yield the paths in order."""
        prefix = self._prefix
        return (prefix + name for name in self._names)

    def id(self, i: int) -> str:
        """Return the id of the file at position ``i``."""
        if self._ids is not None:
            return self._ids[i]
        return parse_file_name(os.path.basename(self._names[i]))[0]

    def file(self, i: int) -> CorpusFile:
        """Return the `CorpusFile` at position ``i``."""
        if self._ids is None or self._ordinals is None:
            name = self._names[i]
            article_id, ordinal = parse_file_name(os.path.basename(name))
            return CorpusFile(article_id, ordinal, self._prefix + name)
        number = self._ordinals[i]
        return CorpusFile(self._ids[i], None if number < 0 else number, self.path(i))

    def find(self, article_id: str) -> int | None:
        """Return the position of the first file with this id, or None."""
        return self._index.find(article_id)

    def near(self, article_id: str, before: int, after: int) -> tuple[list[str], int]:
        """Return the ids that sort around ``article_id``; see `IdIndex.near`."""
        return self._index.near(article_id, before, after)


class Corpus:
    """A folder of raw article files, or a JSON Lines file of article documents.

    Opening a folder (`from_dir`) lists it and reads nothing else: ``len()``,
    `ids`, ``id in corpus`` and lookup by id need no parse, and the listing is
    held compactly (some 50 bytes a file).  Iterating reads and decodes one
    file at a time, in ordinal order (files with other names follow, by name),
    and keeps nothing, so memory stays flat however large the folder; an
    article's zones are computed when first asked for.

    Opening a JSON Lines file (`from_jsonl`) reads nothing: iterating streams
    it one line at a time, in file order, keeping only a 64-bit hash of each
    id seen (to report a repeated id); ``len()``, `ids`, ``in`` and lookup by
    id use an index of where each id's line is, built by one pass over the
    file when first needed (without loading any article), held in compact
    arrays, and rebuilt when the file changes, so a lookup reads one line.
    A stream (a pipe, a FIFO, standard input) is read once, as far as it is
    used, into a private temporary file that then serves as the file does;
    `close` (or the end of a ``with`` block, or garbage collection) removes it.

    `parsed` and `to_jsonl` parse on several cores with ``jobs=N``, each
    article in a worker process, and give what a serial run gives, in the
    same order.

    With ``on_error="skip"`` a file (or line) that cannot be read, decoded or
    loaded, or whose id another already claimed, is passed over and reported
    in `skipped`; with ``on_error="raise"`` (the default) its error is raised.

    A file larger than ``max_bytes`` (64 MiB unless `from_dir` is told
    otherwise), or a line longer than ``max_line_bytes`` (256 MiB unless
    `from_jsonl` is told otherwise), is such an error: a `TooLargeError`.
    """

    __slots__ = (
        "_files",
        "_index",
        "_jsonl",
        "_max_bytes",
        "_on_error",
        "_path",
        "_skipped",
        "_spool",
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
        self._setup(path, _Files.of(path, files), on_error, skipped, max_bytes)

    def _setup(
        self,
        path: str,
        files: _Files,
        on_error: OnError,
        skipped: tuple[CorpusKitError, ...],
        max_bytes: int | None,
    ) -> None:
        if on_error not in _ON_ERROR:
            raise ValueError(f"on_error must be one of {_ON_ERROR}, got {on_error!r}")
        self._max_bytes = check_limit("max_bytes", max_bytes)
        self._path = path
        self._files = files
        self._on_error: OnError = on_error
        self._skipped: dict[str, CorpusKitError] = {}
        self._jsonl = False
        self._index: JsonlIndex | None = None
        self._spool: Spool | None = None  # the copy of a stream, for a JSON Lines stream
        for error in skipped:
            self._record(getattr(error, "path", path), error)

    def __reduce__(self) -> tuple[Any, ...]:
        # Plain data only, so the pickle names `corpuskit.Corpus` and nothing private;
        # a JSON Lines file is indexed again when first used.
        if self._spool is not None:
            # A copy would read the stream again (a FIFO's path waits for a writer
            # forever) or read a temporary file that this corpus removes.
            raise TypeError(
                f"a corpus read from a stream ({self._path}) cannot be pickled: the stream "
                "can be read only once; write it to a file with to_jsonl, and open that"
            )
        state = (
            self._path,
            self._files.state(),
            self._on_error,
            tuple(self._skipped.items()),
            self._max_bytes,
            self._jsonl,
        )
        return (Corpus._unpickle, (state,))

    @classmethod
    def _unpickle(cls, state: tuple[Any, ...]) -> Corpus:
        """Rebuild a pickled corpus (see `__reduce__`)."""
        path, files, on_error, skipped, max_bytes, jsonl = state
        corpus = cls.__new__(cls)
        corpus._setup(path, _Files.restored(files), on_error, (), max_bytes)
        corpus._skipped.update(skipped)
        corpus._jsonl = jsonl
        return corpus

    @classmethod
    def from_dir(
        cls,
        path: str | os.PathLike[str],
        *,
        on_error: OnError = "raise",
        max_bytes: int | None = DEFAULT_MAX_BYTES,
        follow_links: bool = False,
        recursive: bool = False,
    ) -> Corpus:
        """List the ``*.txt`` files of the folder ``path`` (of its subfolders too: ``recursive``).

        With ``recursive=True`` the files of every subfolder are listed too, a
        folder's after the files beside it; a link to a folder is not followed.
        Ids must stay unique across all of them.

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
        names: list[str] = []
        folders = [""]  # below root, in the order they are listed
        while folders:
            folder = folders.pop(0)
            where = os.path.join(root, folder) if folder else root
            try:
                with os.scandir(where) as entries:
                    found = sorted(entries, key=lambda e: e.name)
            except OSError as exc:
                raise ReadError(
                    f"cannot list corpus folder: {exc.strerror or exc}",
                    path=where,
                    errno=exc.errno,
                ) from exc
            for e in found:
                if recursive and e.is_dir(follow_symlinks=False):
                    folders.append(os.path.join(folder, e.name))
                    continue
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
                names.append(os.path.join(folder, e.name))
        names.sort(key=_sort_key)
        prefix = os.path.join(root, "")  # what os.scandir puts before each name
        files = _Files(prefix, expected=len(names))
        for name in names:
            article_id, ordinal = parse_file_name(os.path.basename(name))
            first = files.find(article_id)
            if first is None:
                files.add(name, article_id, ordinal)
                continue
            error = DuplicateIdError(article_id, [files.path(first), prefix + name])
            if on_error == "raise":
                raise error
            skipped.append(error)
        corpus = cls.__new__(cls)
        corpus._setup(root, files, on_error, tuple(skipped), max_bytes)
        return corpus

    @classmethod
    def from_jsonl(
        cls,
        path: str | os.PathLike[str] | BinaryIO,
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

        ``path`` may name a stream rather than a file (a FIFO, ``/dev/stdin``,
        ``<(zcat corpus.jsonl.gz)`` in a shell), or be a binary stream already
        open, such as ``sys.stdin.buffer`` (errors then call it by its
        ``name``, ``<stdin>``; the corpus reads it but does not close it).  A
        stream can be read only once, so the corpus copies it, in pieces of at
        most 1 MiB and only as far as it is used, into a private temporary
        file, and reads that copy from then on: iteration, ``len()``, `ids`,
        ``in``, lookup by id, the check for repeated ids and the line numbers
        of errors are all as for a file, and iterating still yields each
        article as soon as its line arrives.  ``len()``, `ids`, ``in`` and
        lookup read the stream to its end first.  The copy takes as much room
        in the temporary folder (``TMPDIR``) as the stream; it is removed by
        `close` (or at the end of a ``with`` block), when the corpus is
        garbage collected, or when the interpreter exits.  Such a corpus
        cannot be pickled.  (A path ``"-"`` names a file called ``-``, as
        ``open`` has it; the command line reads standard input for ``-``.)

        Raises TypeError for a text stream (``sys.stdin`` rather than
        ``sys.stdin.buffer``).
        """
        if on_error not in _ON_ERROR:
            raise ValueError(f"on_error must be one of {_ON_ERROR}, got {on_error!r}")
        limit = check_limit("max_line_bytes", max_line_bytes)
        if isinstance(path, io.TextIOBase):
            raise TypeError(
                "from_jsonl reads bytes: pass a binary stream (sys.stdin.buffer, "
                "not sys.stdin), or a path"
            )
        spool: Spool | None
        if isinstance(path, str | os.PathLike):
            root = os.fspath(path)
            spool = _stream_at(root)
        elif callable(getattr(path, "read", None)):
            root = stream_name(path)
            spool = Spool(path, root)
        else:
            raise TypeError(
                f"from_jsonl takes a path or a binary stream, got {type(path).__name__}"
            )
        corpus = cls(root, (), on_error=on_error, max_bytes=limit)
        corpus._jsonl = True
        corpus._spool = spool
        return corpus

    def close(self) -> None:
        """Remove the temporary copy of the stream a JSON Lines corpus was read from.

        Reading the corpus again is then a `ReadError`: a stream cannot be
        read twice.  A corpus of files holds nothing open between calls, so
        closing it does nothing.  ``with Corpus.from_jsonl(...) as corpus:``
        closes it at the end of the block.
        """
        if self._spool is not None:
            self._spool.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def to_jsonl(
        self,
        path: str | os.PathLike[str],
        *,
        offsets: OffsetUnit = "codepoint",
        normalized: Iterable[str] | None = None,
        jobs: int | None = 1,
    ) -> int:
        """Write every article as one JSON document per line; return how many were written.

        Articles are read, parsed and written one at a time, so memory stays
        flat.  The file is written to a temporary file beside ``path``, synced,
        then moved into place: readers see the old file or the whole new one.
        With ``on_error="skip"`` an article that cannot be loaded is reported
        in `skipped` and the others are written; with ``"raise"`` its error
        is raised and ``path`` is left as it was.  ``offsets`` (the unit of
        every offset written) and ``normalized`` are as for `Article.to_json`.

        ``jobs`` is the number of processes that parse a folder's files: 1 (the
        default) parses them here, ``N`` in ``N`` worker processes, ``0`` or
        ``None`` in one per core.  The file written, `skipped` and the error
        raised are those of a serial run, in the same order; a few chunks of
        files are in flight at a time, so memory stays bounded.  A JSON Lines
        corpus is read here whatever ``jobs`` says.  As with any process pool,
        a script that passes ``jobs`` other than 1 must guard its entry point
        with ``if __name__ == "__main__":``.  A negative ``jobs`` is a ValueError.
        """
        check_offsets(offsets)
        steps = None if normalized is None else tuple(normalized)
        dumped = self._dumped(offsets, steps, resolve_jobs(jobs), counted=False)
        with contextlib.closing(dumped):
            return write_lines((line for line, _, _ in dumped), path)

    def parsed(self, *, jobs: int | None = 1) -> Generator[Article, None, None]:
        """Yield every article, in order, with its zones, sentences and claims computed.

        Iterating a corpus reads each article and computes its layers when
        first asked for; this computes them all before yielding it, with
        ``jobs`` processes: 1 (the default) here, ``N`` in ``N`` worker
        processes (each article is read and parsed in a worker and sent back
        whole), ``0`` or ``None`` in one per core.  The articles, `skipped`
        and any error raised are those of iterating the corpus, in the same
        order.  A few chunks of files are in flight at a time, so memory stays
        bounded; closing the iterator early stops the workers.  A JSON Lines
        corpus is read here whatever ``jobs`` says (its layers are in the file:
        there is nothing to parse).  As with any process pool, a script that
        passes ``jobs`` other than 1 must guard its entry point with
        ``if __name__ == "__main__":``.

        Raises ValueError for a negative ``jobs``, and TypeError for one that
        is neither an int nor None.
        """
        workers = resolve_jobs(jobs)
        if workers > 1 and not self._jsonl and len(self._files) > 1:
            return self._in_workers(parse_files, workers, (self._max_bytes,))
        return (compute_layers(article) for article in self)

    def _dumped(
        self,
        offsets: OffsetUnit,
        steps: tuple[str, ...] | None,
        workers: int,
        start_method: str | None = None,
        *,
        counted: bool = True,
    ) -> Generator[tuple[bytes, int, int], None, None]:
        """Yield each article's JSON Lines line, its number of claims and its size in bytes.

        ``start_method`` is how worker processes start (by default ``forkserver``
        or ``spawn``; see `_parallel`).  With ``counted=False``, articles parsed
        here give zeros for the counts (the line is all `to_jsonl` needs).
        """
        if workers > 1 and not self._jsonl and len(self._files) > 1:
            args = (self._max_bytes, offsets, steps)
            yield from self._in_workers(dump_files, workers, args, start_method)
            return
        for article in self:
            try:
                if counted:
                    dumped = dump_counted(article, offsets, steps)
                else:
                    dumped = dumps_line(article, offsets, steps), 0, 0
            except TooLargeError as error:  # a document that would not load back
                if self._on_error == "raise":
                    raise
                self._record(article.source or article.id, error)
                continue
            yield dumped

    def _in_workers(
        self, work: Any, workers: int, args: tuple[Any, ...], start_method: str | None = None
    ) -> Generator[Any, None, None]:
        """Yield what ``work`` gives for each file, run by ``workers`` processes, in order.

        A `CorpusKitError` a worker gives for a file is raised or recorded in
        `skipped` here, in its turn, as serial iteration does.
        """
        files = self._files
        size = chunk_size(len(files), workers)
        chunks = chunked(files.paths(), size)
        position = 0
        workers = min(workers, -(-len(files) // size))
        results_in_order = in_order(work, chunks, workers, args, start_method)
        with contextlib.closing(results_in_order):  # stop the workers whatever happens here
            for results in results_in_order:
                for result in results:
                    if isinstance(result, CorpusKitError):
                        if self._on_error == "raise":
                            raise result
                        self._record(files.path(position), result)
                    else:
                        yield result
                    position += 1

    def to_parquet(
        self, directory: str | os.PathLike[str], *, articles_per_part: int = 10_000
    ) -> int:
        """Write the corpus as Parquet tables in the folder ``directory``; return the count.

        ``articles/part-NNNNN.parquet`` holds one row per article with its exact
        text, ``spans/part-NNNNN.parquet`` one row per span of every layer with
        its offsets in code points, UTF-16 code units and UTF-8 bytes of the raw
        file; see the Parquet page of the docs.  Needs pyarrow (``pip install
        'corpuskit-news[parquet]'``).  Articles are read and written a batch at a time,
        so memory stays flat; the folder is built beside ``directory`` and moved
        into place when complete, replacing only an earlier export or an empty
        folder.  ``on_error`` applies as when iterating.
        """
        from corpuskit.io.parquet import write_parquet  # noqa: PLC0415 (pyarrow is optional)

        return write_parquet(self, directory, articles_per_part=articles_per_part)

    # -- what the corpus holds ----------------------------------------------------------

    @property
    def path(self) -> str:
        """The folder or JSON Lines file this corpus reads (a stream given open: its name)."""
        return self._path

    @property
    def files(self) -> tuple[CorpusFile, ...]:
        """The files of a folder corpus in iteration order (empty for JSON Lines).

        The tuple is made on each access, from the compact listing.
        """
        files = self._files
        return tuple(files.file(i) for i in range(len(files)))

    @property
    def ids(self) -> tuple[str, ...]:
        """The article ids in iteration order."""
        if self._jsonl:
            return tuple(self._jsonl_index().ids())
        files = self._files
        return tuple(files.id(i) for i in range(len(files)))

    @property
    def skipped(self) -> tuple[CorpusKitError, ...]:
        """The errors of files or lines passed over so far (``on_error="skip"``), one each."""
        return tuple(self._skipped.values())

    def __len__(self) -> int:
        if self._jsonl:
            return len(self._jsonl_index())
        return len(self._files)

    def __contains__(self, article_id: object) -> bool:
        if self._jsonl:
            return article_id in self._jsonl_index()
        return isinstance(article_id, str) and self._files.find(article_id) is not None

    def __repr__(self) -> str:
        if self._jsonl:
            return f"Corpus.from_jsonl({self._path!r}, on_error={self._on_error!r})"
        return f"Corpus({self._path!r}, {len(self._files)} files, on_error={self._on_error!r})"

    def _jsonl_index(self) -> JsonlIndex:
        index = self._index
        # A stream is read to its end (once) before its copy is indexed as a file is.
        path = self._path if self._spool is None else self._spool.complete()
        if index is None or not index.fresh():
            index = JsonlIndex.build(path, self._max_bytes, name=self._path)
            for problem in index.problems:
                if self._on_error == "raise":
                    raise problem
                self._record(_place(problem, self._path), problem)
            self._index = index
        return index

    # -- articles -------------------------------------------------------------------------

    def __iter__(self) -> Iterator[Article]:
        if self._jsonl:
            yield from self._iter_jsonl()
            return
        files = self._files
        for i in range(len(files)):
            path = files.path(i)
            try:
                article = Article.from_path(path, max_bytes=self._max_bytes)
            except CorpusKitError as error:
                if self._on_error == "raise":
                    raise
                self._record(path, error)
                continue
            yield article

    def __getitem__(self, key: str | int) -> Article:
        """Read and return the article with this id, or at this position.

        A ``str`` is an id: `ArticleNotFoundError` (a `KeyError`) names ids that
        look alike when there is none.  An ``int`` is a position in `ids`
        order, negative ones counting from the end (``corpus[0]``,
        ``corpus[-1]``); past either end, `ArticlePositionError` (an
        `IndexError`).  A file that cannot be loaded raises its own error,
        whatever ``on_error`` says: the article was asked for.
        """
        given: object = key  # callers without type checking pass anything now and then
        if isinstance(given, int) and not isinstance(given, bool):
            ids = self.ids
            if not -len(ids) <= given < len(ids):
                raise ArticlePositionError(given, len(ids), self._path)
            return self[ids[given]]
        if not isinstance(given, str):
            hint = ": take list(corpus)[a:b]" if isinstance(given, slice) else ""
            raise TypeError(
                f"a corpus is indexed by article id (str) or position (int), "
                f"got {type(given).__name__}{hint}"
            )
        article_id = given
        if self._jsonl:
            lines = self._jsonl_index()
            found = lines.find(article_id)
            if found is None:
                raise ArticleNotFoundError(article_id, self._close_ids(article_id), self._path)
            return lines.read(*found)
        index = self._files.find(article_id)
        if index is None:
            raise ArticleNotFoundError(article_id, self._close_ids(article_id), self._path)
        return Article.from_path(self._files.path(index), max_bytes=self._max_bytes)

    def _iter_jsonl(self) -> Iterator[Article]:
        # A repeated id is told by a 64-bit hash of each id yielded (some 20 bytes an
        # article); a hash seen before is settled, and the first line named, by the
        # index, built when the first such hash comes.
        seen = FingerprintSet()
        index: JsonlIndex | None = None
        source: str | BinaryIO = self._path if self._spool is None else self._spool.reader()
        for line, found in iter_jsonl(source, self._max_bytes, name=self._path):
            if isinstance(found, CorpusKitError):
                error = found
            else:
                if seen.add(found.id):
                    yield found
                    continue
                index = self._index_before(index, line)
                first = index.first_loaded(found.id, line, self._max_bytes)
                if first is None:  # another id with the same hash
                    yield found
                    continue
                places = [f"{self._path}:{first}", f"{self._path}:{line}"]
                error = DuplicateIdError(found.id, places)
            if self._on_error == "raise":
                raise error
            self._record(f"{self._path}:{line}", error)

    def _index_before(self, index: JsonlIndex | None, line: int) -> JsonlIndex:
        """Return an index that knows every line before ``line``, ``index`` if it does."""
        spool = self._spool
        if spool is None:
            if index is None:
                index = self._index
                if index is None or not index.fresh():
                    index = JsonlIndex.build(self._path, self._max_bytes)
            return index
        # A stream's copy holds every line up to this one, and the rest may be still to
        # come: index what is there, and read on from it when a later line needs more.
        if index is None:
            index = self._index  # built over the whole stream, if it was read to its end
            if index is None:
                index = JsonlIndex.build(
                    spool.so_far(), self._max_bytes, name=self._path, growing=True
                )
        if index.lines < line - 1:
            index.extend(self._max_bytes)
        return index

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
        # Near spellings among the ids that sort near it: bounded, so that a miss
        # in a corpus of a million files still answers at once.
        half = _DIFFLIB_LIMIT // 2
        table = self._jsonl_index() if self._jsonl else self._files
        pool, at = table.near(article_id, half, half)
        close = [i for i in pool[at : at + _MAX_CLOSE] if i.startswith(article_id)]
        if len(close) < _MAX_CLOSE:
            for i in difflib.get_close_matches(article_id, pool, n=_MAX_CLOSE, cutoff=0.6):
                if i not in close:
                    close.append(i)
        return close[:_MAX_CLOSE]

    def _record(self, path: str, error: CorpusKitError) -> None:
        self._skipped.setdefault(path, error)


def _stream_at(path: str) -> Spool | None:
    """Return a spool for the stream at ``path``, or None when it is a file (or a folder).

    Raises `ReadError` when ``path`` cannot be read.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise ReadError(
            f"cannot read JSON Lines file: {exc.strerror or exc}", path=path, errno=exc.errno
        ) from exc
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        # Opened and closed, so that a file that cannot be read (or a folder) is told now.
        try:
            with open(path, "rb"):
                pass
        except OSError as exc:
            raise ReadError(
                f"cannot read JSON Lines file: {exc.strerror or exc}", path=path, errno=exc.errno
            ) from exc
        return None
    # A FIFO, a pipe or a device is not opened here: opening a FIFO waits for a writer,
    # and closing it again would throw away what the writer had sent.
    if not os.access(path, os.R_OK):
        raise ReadError(
            f"cannot read JSON Lines file: {os.strerror(errno.EACCES)}",
            path=path,
            errno=errno.EACCES,
        )
    return Spool(path, path)


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
