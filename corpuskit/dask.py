"""Corpora beyond one machine: a Dask bag of articles and a Dask dataframe of claims.

Needs the ``dask`` extra (``pip install 'corpuskit-news[dask]'``).  `read_articles`
lists a folder, a glob or a list of files on the client (names and sizes, no
contents) and returns a bag whose partitions read and parse their files in
the workers: raw ``*.txt`` article files a few at a time, JSON Lines files in
byte blocks.  `claims_frame` turns such a bag into one dataframe row per
claim, built in the workers too.  Paths may be local (every worker must see
them at the same place) or any URL fsspec reads (``s3://``, ``gs://``, …).
"""

from __future__ import annotations

import errno
import io
import os
import posixpath
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, BinaryIO

import attrs

from corpuskit.version import DISTRIBUTION

try:
    import dask.bag as db
    import dask.dataframe as dd
    import fsspec.core  # type: ignore[import-untyped,unused-ignore]
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]
    from dask.delayed import delayed
    from dask.utils import parse_bytes
    from fsspec.implementations.local import (  # type: ignore[import-untyped,unused-ignore]
        LocalFileSystem,
    )
except ImportError as exc:
    raise ImportError(
        f"corpuskit.dask needs Dask, its dataframe support and fsspec ({exc}): "
        f"install them with: pip install '{DISTRIBUTION}[dask]'"
    ) from exc

from corpuskit.article import Article, article_from_json
from corpuskit.corpus.corpus import Corpus, OnError
from corpuskit.io.jsonl import load_line
from corpuskit.model.errors import (
    CorpusKitError,
    DecodeError,
    DuplicateIdError,
    InvalidDocumentError,
    ReadError,
    TooLargeError,
)
from corpuskit.stages.read import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_JSON_BYTES,
    check_limit,
    parse_file_name,
)

__all__ = ["claims_frame", "read_articles", "read_errors"]

_ON_ERROR = ("raise", "skip")
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_READ_CHUNK = 1 << 20

# The columns of `claims_frame`, with their dtypes: text as pyarrow-backed strings,
# offsets as 64-bit integers, nullable (``<NA>``) where a claim may have no source or
# cue.  A claim's parts are a string of offsets, as brat writes a discontinuous span:
# a nested (list) column would not read back with dask's or pandas' read_parquet.
_STRING = pd.StringDtype("pyarrow")
_COLUMNS: tuple[tuple[str, Any], ...] = (
    ("article_id", _STRING),
    ("claim_id", _STRING),
    ("start", "int64"),
    ("end", "int64"),
    ("text", _STRING),
    ("kinds", _STRING),
    ("source", _STRING),
    ("source_start", "Int64"),
    ("source_end", "Int64"),
    ("resolved", _STRING),
    ("resolved_start", "Int64"),
    ("resolved_end", "Int64"),
    ("speaker", _STRING),
    ("cue", _STRING),
    ("cue_start", "Int64"),
    ("cue_end", "Int64"),
    ("start_utf16", "int64"),
    ("end_utf16", "int64"),
    ("start_utf8", "int64"),
    ("end_utf8", "int64"),
    ("parts", _STRING),
)


# -- what each partition reads ----------------------------------------------------------


@attrs.frozen
class _Files:
    """Raw article files read whole, in order."""

    fs: Any
    paths: tuple[str, ...]

    def read(self, max_bytes: int | None, max_line_bytes: int | None) -> Iterator[_Item]:
        for path in self.paths:
            try:
                yield _read_raw(self.fs, path, max_bytes)
            except CorpusKitError as error:
                yield error


@attrs.frozen
class _Block:
    """The lines of a JSON Lines file that start in ``[offset, end)`` (``end=None``: to EOF)."""

    fs: Any
    path: str
    name: str
    offset: int
    end: int | None

    def read(self, max_bytes: int | None, max_line_bytes: int | None) -> Iterator[_Item]:
        try:
            f = _open(self.fs, self.path)
        except OSError as exc:
            yield _jsonl_read_error(self.name, exc)
            return
        with f:
            try:
                yield from _block_lines(f, self, max_line_bytes)
            except OSError as exc:
                yield _jsonl_read_error(self.name, exc)


@attrs.frozen
class _Found:
    """Errors found while listing, on the client, handed on as a partition of their own."""

    errors: tuple[CorpusKitError, ...]

    def read(self, max_bytes: int | None, max_line_bytes: int | None) -> Iterator[_Item]:
        yield from self.errors


_Item = Article | CorpusKitError
_Chunk = _Files | _Block | _Found


def _read_partition(
    chunks: list[_Chunk], on_error: OnError, max_bytes: int | None, max_line_bytes: int | None
) -> list[_Item]:
    """Read the chunks of one partition, in a worker; raise the first error unless skipping."""
    out: list[_Item] = []
    for chunk in chunks:
        for item in chunk.read(max_bytes, max_line_bytes):
            if isinstance(item, CorpusKitError) and on_error == "raise":
                raise item
            out.append(item)
    return out


def _articles_of(items: list[_Item]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def _errors_of(items: list[_Item]) -> list[CorpusKitError]:
    return [i for i in items if isinstance(i, CorpusKitError)]


# -- reading files in the workers -----------------------------------------------------


def _open(fs: Any, path: str) -> BinaryIO:
    """Open a file for reading in bounded pieces (``readline(size)`` honours its size)."""
    if isinstance(fs, LocalFileSystem):
        return open(path, "rb")
    # fsspec's buffered files read a whole line whatever size is asked for.
    return io.BufferedReader(fs.open(path, "rb"), buffer_size=_READ_CHUNK)


def _name(fs: Any, path: str) -> str:
    """Return the path to report: a URL with its scheme, or the local path."""
    return path if isinstance(fs, LocalFileSystem) else str(fs.unstrip_protocol(path))


def _read_raw(fs: Any, path: str, max_bytes: int | None) -> Article:
    """Read one raw article file as `Article.from_path` reads a local one."""
    if isinstance(fs, LocalFileSystem):
        return Article.from_path(path, max_bytes=max_bytes)
    name = _name(fs, path)
    base = posixpath.basename(path)
    article_id, ordinal = parse_file_name(base)
    try:
        with fs.open(path, "rb") as f:
            known = getattr(f, "size", None)
            if max_bytes is not None and isinstance(known, int) and known > max_bytes:
                raise _too_large(known, max_bytes, name)  # checked before reading
            data = f.read() if max_bytes is None else f.read(max_bytes + 1)
            if max_bytes is not None and len(data) > max_bytes:
                size = known if isinstance(known, int) else int(fs.size(path))
                grew = size <= max_bytes
                raise _too_large(len(data) if grew else size, max_bytes, name, grew=grew)
    except OSError as exc:
        raise ReadError(
            f"cannot read article file: {exc.strerror or exc}", path=name, errno=exc.errno
        ) from exc
    try:
        return Article.from_bytes(data, id=article_id, ordinal=ordinal, source=base, max_bytes=None)
    except DecodeError:
        # The error names the source, the bare file name: decode again to name the whole URL.
        Article.from_bytes(data, id=article_id, source=name, max_bytes=None)
        raise


def _too_large(size: int, limit: int, name: str, *, grew: bool = False) -> TooLargeError:
    return TooLargeError(
        "file", size=size, limit=limit, parameter="max_bytes", path=name, grew=grew
    )


def _jsonl_read_error(name: str, exc: OSError) -> ReadError:
    return ReadError(
        f"cannot read JSON Lines file: {exc.strerror or exc}", path=name, errno=exc.errno
    )


def _skip_line(f: BinaryIO) -> None:
    """Read past the next newline (or to the end), a bounded piece at a time."""
    while True:
        piece = f.readline(_READ_CHUNK)
        if not piece or piece.endswith(b"\n"):
            return


def _newlines_before(fs: Any, path: str, offset: int) -> int:
    """Count the newlines in the first ``offset`` bytes of the file."""
    count = 0
    with _open(fs, path) as f:
        while offset > 0:
            piece = f.read(min(offset, _READ_CHUNK))
            if not piece:
                break
            count += piece.count(b"\n")
            offset -= len(piece)
    return count


def _block_lines(f: BinaryIO, block: _Block, limit: int | None) -> Iterator[_Item]:
    """Load each line that starts in the block, as `Corpus.from_jsonl` loads it.

    A line belongs to the block its first byte lies in.  Line numbers, which
    only an error needs, count the newlines before the block when first asked
    for, so a block far into a large file does not read what lies before it.
    """
    if block.offset:
        f.seek(block.offset - 1)
        _skip_line(f)  # the line under way belongs to the block before
    pos = f.tell()
    first = pos
    before: int | None = 0 if pos == 0 else None
    index = 0

    def number() -> int:
        nonlocal before
        if before is None:
            before = _newlines_before(block.fs, block.path, first)
        return before + index

    while block.end is None or pos < block.end:
        raw = f.readline() if limit is None else f.readline(limit + 2)
        if not raw:
            return
        index += 1
        length = len(raw)
        pos += length
        if limit is not None and length - raw.endswith(b"\n") > limit:
            while not raw.endswith(b"\n"):  # never held whole: read past it in pieces
                raw = f.readline(_READ_CHUNK)
                if not raw:
                    break
                length += len(raw)
                pos += len(raw)
            yield TooLargeError(
                "line",
                size=length - raw.endswith(b"\n"),
                limit=limit,
                parameter="max_line_bytes",
                path=block.name,
                line=number(),
            )
            continue
        if not raw.strip(b" \t\r\n"):
            continue
        try:
            yield article_from_json(raw, (block.name, None))
        except InvalidDocumentError:
            try:  # load it again, knowing its line, for the error that names it
                yield load_line(raw, block.name, number())
            except InvalidDocumentError as error:
                yield error


# -- listing on the client ------------------------------------------------------------


def _order(path: str) -> tuple[str, bool, int, str]:
    """Folders by name, then the files of each as `Corpus` orders them (ordinal, name)."""
    folder, base = posixpath.split(path)
    _, ordinal = parse_file_name(base)
    return (folder, ordinal is None, ordinal or 0, base)


def _kind(path: str) -> str | None:
    if path.endswith(".txt"):
        return "txt"
    if path.endswith(_JSONL_SUFFIXES):
        return "jsonl"
    return None


def _unknown(name: str) -> ValueError:
    return ValueError(
        f"{name}: corpuskit.dask reads folders of *.txt article files, *.txt files and "
        "*.jsonl (or *.ndjson) JSON Lines files; give a folder, a glob or files of those kinds"
    )


@attrs.define
class _Listing:
    """The files to read in order, as ``(fs, path, name, kind, size)``, and errors found."""

    files: list[tuple[Any, str, str, str, int | None]] = attrs.field(factory=list)
    errors: list[CorpusKitError] = attrs.field(factory=list)


def _list(
    given: str,
    storage_options: Mapping[str, Any],
    listing: _Listing,
    *,
    on_error: OnError,
    max_bytes: int | None,
    follow_links: bool,
) -> None:
    """Add the files ``given`` names (a folder, a glob or a file) to ``listing``."""
    fs, path = fsspec.core.url_to_fs(given, **storage_options)
    local = isinstance(fs, LocalFileSystem)

    def name(p: str) -> str:
        return _name(fs, p)

    if fsspec.core.has_magic(path):
        try:
            found = fs.glob(path, detail=True)
        except OSError as exc:
            raise ReadError(
                f"cannot list the files the pattern matches: {exc.strerror or exc}",
                path=given,
                errno=exc.errno,
            ) from exc
        files = sorted((p for p, info in found.items() if info.get("type") == "file"), key=_order)
        if not files:
            raise ReadError("no file matches the pattern", path=given, errno=errno.ENOENT)
        for p in files:
            kind = _kind(p)
            if kind is None:
                raise _unknown(name(p))
            listing.files.append((fs, p, name(p), kind, found[p].get("size")))
        return
    kind = _kind(path)
    if fs.isdir(path) or (local and kind is None and not fs.exists(path)):
        if local:  # the folder exactly as Corpus.from_dir lists it (or its ReadError)
            corpus = Corpus.from_dir(
                path, on_error=on_error, max_bytes=max_bytes, follow_links=follow_links
            )
            listing.files.extend((fs, f.path, f.path, "txt", None) for f in corpus.files)
            listing.errors.extend(corpus.skipped)
            return
        try:
            entries = fs.ls(path, detail=True)
        except OSError as exc:
            raise ReadError(
                f"cannot list corpus folder: {exc.strerror or exc}",
                path=name(path),
                errno=exc.errno,
            ) from exc
        txt = [e["name"] for e in entries if e.get("type") == "file" and _kind(e["name"]) == "txt"]
        listing.files.extend((fs, p, name(p), "txt", None) for p in sorted(txt, key=_order))
        return
    if kind is None:
        if fs.exists(path):
            raise _unknown(name(path))
        raise ReadError("no such folder or file", path=name(path), errno=errno.ENOENT)
    size = None
    if kind == "jsonl":
        try:
            size = int(fs.size(path))
        except OSError as exc:
            raise _jsonl_read_error(name(path), exc) from exc
    listing.files.append((fs, path, name(path), kind, size))


def _first_of_each_id(listing: _Listing, on_error: OnError) -> None:
    """Keep the first raw file of each id, as `Corpus.from_dir` does within a folder."""
    seen: dict[str, str] = {}
    kept = []
    for entry in listing.files:
        _, path, name, kind, _ = entry
        if kind == "txt":
            article_id, _ = parse_file_name(posixpath.basename(path))
            first = seen.get(article_id)
            if first is None:
                seen[article_id] = name
            else:  # another file, or the same one named twice
                error = DuplicateIdError(article_id, [first, name])
                if on_error == "raise":
                    raise error
                listing.errors.append(error)
                continue
        kept.append(entry)
    listing.files = kept


def _chunks(listing: _Listing, files_per_partition: int, blocksize: int | None) -> list[_Chunk]:
    """Group consecutive raw files, and cut JSON Lines files into blocks."""
    chunks: list[_Chunk] = [_Found(tuple(listing.errors))] if listing.errors else []
    run: list[str] = []
    run_fs: Any = None
    for fs, path, name, kind, size in listing.files:
        if run and (kind != "txt" or fs is not run_fs or len(run) == files_per_partition):
            chunks.append(_Files(run_fs, tuple(run)))
            run = []
        if kind == "txt":
            run_fs = fs
            run.append(path)
            continue
        assert size is not None  # JSON Lines files are sized when listed
        starts = [0] if blocksize is None else list(range(0, max(size, 1), blocksize))
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else None  # the last reads to EOF
            chunks.append(_Block(fs, path, name, start, end))
    if run:
        chunks.append(_Files(run_fs, tuple(run)))
    return chunks


# -- the public functions -------------------------------------------------------------


Paths = str | os.PathLike[str] | Sequence[str | os.PathLike[str]]


def _items(
    paths: Paths,
    *,
    files_per_partition: int,
    blocksize: int | str | None,
    on_error: OnError,
    max_bytes: int | None,
    max_line_bytes: int | None,
    follow_links: bool,
    storage_options: Mapping[str, Any] | None,
) -> Any:
    """Return the bag of articles and errors (with ``"raise"``, errors raise at once)."""
    if on_error not in _ON_ERROR:
        raise ValueError(f"on_error must be one of {_ON_ERROR}, got {on_error!r}")
    if (
        not isinstance(files_per_partition, int)
        or isinstance(files_per_partition, bool)
        or files_per_partition < 1
    ):
        raise ValueError(f"files_per_partition must be an int >= 1, got {files_per_partition!r}")
    block = None if blocksize is None else parse_bytes(blocksize)
    if block is not None and block < 1:
        raise ValueError(f"blocksize must be at least one byte, or None, got {blocksize!r}")
    check_limit("max_bytes", max_bytes)
    check_limit("max_line_bytes", max_line_bytes)
    if isinstance(paths, str | os.PathLike):
        given = [os.fspath(paths)]
    else:
        given = [os.fspath(p) for p in paths]
    listing = _Listing()
    for one in given:
        _list(
            one,
            storage_options or {},
            listing,
            on_error=on_error,
            max_bytes=max_bytes,
            follow_links=follow_links,
        )
    _first_of_each_id(listing, on_error)
    chunks = _chunks(listing, files_per_partition, block)
    from_sequence: Any = db.from_sequence  # Dask's own functions are not typed
    return from_sequence(chunks, partition_size=1).map_partitions(
        _read_partition, on_error, max_bytes, max_line_bytes
    )


def read_articles(
    paths: Paths,
    *,
    files_per_partition: int = 100,
    blocksize: int | str | None = "32 MiB",
    on_error: OnError = "raise",
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    max_line_bytes: int | None = DEFAULT_MAX_JSON_BYTES,
    follow_links: bool = False,
    storage_options: Mapping[str, Any] | None = None,
) -> db.Bag:
    """Return a Dask bag of the articles of a folder, a glob or a list of files.

    ``paths`` is a folder (its ``*.txt`` files, listed and ordered as
    `Corpus.from_dir` lists them: by ordinal, then by name), a glob
    (``"s3://bucket/news/*.txt"``, ``"data/*.jsonl"``: each folder's files in
    that order, folders by name), a ``*.txt`` or ``*.jsonl`` file, or a list of
    these, read in the order given.  URLs are read with fsspec, given
    ``storage_options`` (``{"anon": True}``, credentials, …); a local path is
    made absolute, and every worker must see it at the same place.

    Only names (and the sizes of JSON Lines files) are read here; the bag's
    partitions read their files in the workers.  Raw files are read
    ``files_per_partition`` to a partition, each as `Article.from_path` reads
    one (id and ordinal from its name, at most ``max_bytes``).  JSON Lines
    files are cut into blocks of ``blocksize`` bytes (an int or a string such
    as ``"32 MiB"``; ``None`` for one partition per file), each line loaded
    by the block it starts in, as `Corpus.from_jsonl` loads it (at most
    ``max_line_bytes``; an error names the file and the line).  Articles come
    in order, and their zones and claims are computed where first asked for:
    in the workers, for a bag that is mapped over.

    With ``on_error="raise"`` a file or line that cannot be read, decoded or
    loaded raises its error from ``compute()`` (when several do, the one met
    first: partitions are read at once, in no set order); with ``"skip"`` it
    is passed over, and `read_errors` lists it.  Two raw files with the same
    id are a `DuplicateIdError` raised here (with ``"skip"``, the first in
    order is kept).  Ids are not compared across JSON Lines lines, which would
    take a pass over every line.  A folder that cannot be listed, a pattern
    that matches nothing and a JSON Lines file that cannot be opened raise
    `ReadError` here, whatever ``on_error`` says.
    """
    items = _items(
        paths,
        files_per_partition=files_per_partition,
        blocksize=blocksize,
        on_error=on_error,
        max_bytes=max_bytes,
        max_line_bytes=max_line_bytes,
        follow_links=follow_links,
        storage_options=storage_options,
    )
    articles: db.Bag = items if on_error == "raise" else items.map_partitions(_articles_of)
    return articles


def read_errors(
    paths: Paths,
    *,
    files_per_partition: int = 100,
    blocksize: int | str | None = "32 MiB",
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    max_line_bytes: int | None = DEFAULT_MAX_JSON_BYTES,
    follow_links: bool = False,
    storage_options: Mapping[str, Any] | None = None,
) -> db.Bag:
    """Return a Dask bag of the errors that ``read_articles(..., on_error="skip")`` passes over.

    One `CorpusKitError` per file or line, in order, as `Corpus.skipped` holds
    them.  Given the same arguments, the two bags share their reading tasks:
    ``dask.compute(articles, errors)`` reads every file once.
    """
    errors: db.Bag = _items(
        paths,
        files_per_partition=files_per_partition,
        blocksize=blocksize,
        on_error="skip",
        max_bytes=max_bytes,
        max_line_bytes=max_line_bytes,
        follow_links=follow_links,
        storage_options=storage_options,
    ).map_partitions(_errors_of)
    return errors


def _claims_table(articles: Iterable[Article]) -> pd.DataFrame:
    """Return one row per claim of ``articles``, with the columns and dtypes of `claims_frame`."""
    rows: dict[str, list[Any]] = {column: [] for column, _ in _COLUMNS}
    for article in articles:
        if not isinstance(article, Article):
            raise TypeError(f"claims_frame takes a bag of Article, got {type(article).__name__}")
        index = article.offsets
        for claim in article.claims:
            attribution = claim.attribution
            source = cue = resolved = None
            if attribution is not None:
                source, cue, resolved = attribution.source, attribution.cue, attribution.resolved
            speaker = resolved or source
            start16, end16 = index.span_to_utf16(claim.start, claim.end)
            start8, end8 = index.span_to_utf8(claim.start, claim.end)
            values = (
                article.id,
                claim.id,
                claim.start,
                claim.end,
                claim.text,
                ",".join(kind.value for kind in claim.kinds),
                None if source is None else source.text,
                None if source is None else source.start,
                None if source is None else source.end,
                None if resolved is None else resolved.text,
                None if resolved is None else resolved.start,
                None if resolved is None else resolved.end,
                None if speaker is None else speaker.text,
                None if cue is None else cue.text,
                None if cue is None else cue.start,
                None if cue is None else cue.end,
                start16,
                end16,
                start8,
                end8,
                ";".join(f"{part.start} {part.end}" for part in claim.parts) or None,
            )
            for column, value in zip(rows.values(), values, strict=True):
                column.append(value)
    return pd.DataFrame({column: pd.array(rows[column], dtype=dtype) for column, dtype in _COLUMNS})


def claims_frame(articles: db.Bag | Paths, **read_options: Any) -> dd.DataFrame:
    """Return a Dask dataframe with one row per claim, built in the workers.

    ``articles`` is a bag of `Article` (as `read_articles` returns), or the
    ``paths`` to read with `read_articles`, given ``read_options``
    (``on_error``, ``storage_options``, …).  Each partition of the bag gives a
    partition of the frame; rows follow the articles' order, then the claims'.

    Columns: ``article_id``, ``claim_id``, ``start``, ``end``, ``text``,
    ``kinds`` (the `ClaimKind` values joined with ``","``), ``source``,
    ``source_start``, ``source_end``, ``resolved``, ``resolved_start``,
    ``resolved_end`` (the earlier mention a source such as "she" stands
    for), ``speaker`` (the resolved mention's text, else the source's),
    ``cue``, ``cue_start``, ``cue_end`` (``<NA>`` where the claim has none),
    the claim's offsets in other units, from `Article.offsets`:
    ``start_utf16``, ``end_utf16`` (UTF-16 code units) and ``start_utf8``,
    ``end_utf8`` (bytes of the raw file, a byte-order mark included), and
    ``parts``: ``<NA>`` for a claim of one span, else the code-point offsets
    of its `Claim.parts` as ``"start end;start end"`` (a part's text is
    ``text[part_start - start : part_end - start]``).  Offsets are ``int64``
    (``Int64`` where they may be missing), text is ``string[pyarrow]``; the
    frame's metadata is given, so building it computes nothing.  The index
    restarts at 0 in each partition.
    """
    if isinstance(articles, db.Bag):
        if read_options:
            raise TypeError(
                f"claims_frame takes read options only with paths, got {sorted(read_options)}"
            )
        bag: Any = articles
    else:
        bag = read_articles(articles, **read_options)
    table = delayed(_claims_table, pure=True)
    parts = [table(part) for part in bag.to_delayed()]
    frame: dd.DataFrame = dd.from_delayed(
        parts, meta=_claims_table(()), prefix="corpuskit-claims", verify_meta=False
    )
    return frame
