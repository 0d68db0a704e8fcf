"""Parquet export: an ``articles`` table and a flat ``spans`` table, written in parts.

`write_parquet` streams articles into two folders of Parquet files that any
Arrow reader (DuckDB, pandas, polars, Spark) reads as tables::

    directory/
        _corpuskit.json             what wrote it: format, schema version, counts
        articles/part-00000.parquet one row per article, its exact text included
        spans/part-00000.parquet    one row per span of every layer, in three units

Part ``N`` of both tables holds the same articles, so a part can be joined on
its own.  Rows are gathered in column lists for a batch of articles at a time,
converted to Arrow and appended to the open part files as row groups, so memory
stays bounded however large the corpus and however many articles a part holds.
The export is built in a temporary folder beside ``directory`` and moved into
place when complete (see `write_parquet` for the exact guarantee).

pyarrow is an optional dependency: this module imports it only when writing.
See ``docs/parquet.md`` for the columns and how to read the tables back.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson

from corpuskit.article import Article
from corpuskit.model.claims import Claim
from corpuskit.model.errors import InvalidArticleError
from corpuskit.model.fields import model_fields
from corpuskit.model.layers import LAYER_NAMES
from corpuskit.model.quantities import Quantity
from corpuskit.model.quotes import Attribution, Quote
from corpuskit.model.spans import Span
from corpuskit.model.units import UNITS, Unit
from corpuskit.model.zones import Boilerplate, Image, Zone
from corpuskit.version import DISTRIBUTION, __version__

__all__ = ["FORMAT", "MARKER", "SCHEMA_VERSION", "SPAN_KINDS", "TABULATED", "write_parquet"]

#: The ``format`` of the marker file, naming what the folder holds.
FORMAT = "corpuskit-parquet"
#: The version of the tables' layout; it grows when a column changes meaning or goes.
SCHEMA_VERSION = 1
#: The file that marks a folder as an export (and lets a later export replace it).
MARKER = "_corpuskit.json"
#: Every value of the ``kind`` column of the spans table, in the order rows come.
SPAN_KINDS = (
    "zone",
    "boilerplate_name",
    "image",
    "sentence",
    "quote",
    "quote_content",
    "quantity",
    "quantity_hedge",
    "quantity_counted",
    "claim",
    "claim_part",
    "claim_source",
    "claim_cue",
    "claim_resolved",
)
_KIND_CODES = {kind: code for code, kind in enumerate(SPAN_KINDS)}
# Rows wait in Python lists until a batch holds this many spans or this many bytes
# of article text; then they are written out as a row group of the open part.
_BATCH_ROWS = 1 << 16
_BATCH_TEXT_BYTES = 16 << 20
_INSTALL = f"python -m pip install '{DISTRIBUTION}[parquet]'"
_ORDINAL_LIMIT = 1 << 64

_ARTICLE_COLUMNS = (
    "article_id",
    "position",
    "ordinal",
    "source",
    "bom",
    "sha256",
    "text",
    "n_code_points",
    "n_utf16_units",
    "n_bytes",
    *(f"n_{name}" for name in LAYER_NAMES),  # each layer's count, from the table of layers
)
# Columns every span row has a value in; the offsets in UTF-16 and UTF-8 are
# filled in per article, from start and end.
_SPAN_CORE = ("article_id", "kind", "subkind", "seq", "start", "end", "text")
# Columns only some kinds of row have a value in (null elsewhere).
_SPAN_EXTRA = (
    "claim_id",
    "source",
    "source_start",
    "source_end",
    "cue",
    "cue_start",
    "cue_end",
    "resolved",
    "speaker",
    "low",
    "high",
    "value",
    "unit",
    "hedge",
    "balanced",
    "continued",
    "depth",
)
# A span's offsets in every other unit of `corpuskit.model.units.UNITS`.
_OTHER_UNITS = tuple(u for u in UNITS.values() if not u.code_points)
_SPAN_UNITS = tuple(f"{end}_{u.name}" for u in _OTHER_UNITS for end in ("start", "end"))
_SPAN_COLUMNS = (*_SPAN_CORE[:6], *_SPAN_UNITS, "text", *_SPAN_EXTRA)


def _pyarrow() -> tuple[Any, Any]:
    """Return the ``pyarrow`` and ``pyarrow.parquet`` modules, or say how to install them."""
    try:
        import pyarrow  # noqa: PLC0415 (an optional dependency, imported when used)
        import pyarrow.parquet  # noqa: PLC0415
    except ModuleNotFoundError as exc:
        raise ModuleNotFoundError(
            f"writing Parquet needs pyarrow, which is not installed ({exc}): "
            f"install it with {_INSTALL}",
            name="pyarrow",
        ) from exc
    return pyarrow, pyarrow.parquet


def _schemas(pa: Any) -> tuple[Any, Any]:
    """Return the Arrow schemas of the ``articles`` and ``spans`` tables."""
    metadata = {"corpuskit.format": FORMAT, "corpuskit.schema_version": str(SCHEMA_VERSION)}

    def required(name: str, kind: Any) -> Any:
        return pa.field(name, kind, nullable=False)

    counts = [required(f"n_{name}", pa.int32()) for name in LAYER_NAMES]
    articles = pa.schema(
        [
            required("article_id", pa.string()),
            required("position", pa.int64()),
            pa.field("ordinal", pa.uint64()),  # as in JSON: 0 to 2**64 - 1
            pa.field("source", pa.string()),
            required("bom", pa.bool_()),
            required("sha256", pa.string()),
            required("text", pa.large_string()),
            required("n_code_points", pa.int64()),
            required("n_utf16_units", pa.int64()),
            required("n_bytes", pa.int64()),
            *counts,
        ],
        metadata={**metadata, "corpuskit.table": "articles"},
    )
    spans = pa.schema(
        [
            required("article_id", pa.string()),
            required("kind", pa.dictionary(pa.int8(), pa.string())),
            pa.field("subkind", pa.dictionary(pa.int32(), pa.string())),
            required("seq", pa.int32()),
            *(required(name, pa.int64()) for name in ("start", "end", *_SPAN_UNITS)),
            required("text", pa.large_string()),
            pa.field("claim_id", pa.string()),
            pa.field("source", pa.string()),
            pa.field("source_start", pa.int64()),
            pa.field("source_end", pa.int64()),
            pa.field("cue", pa.string()),
            pa.field("cue_start", pa.int64()),
            pa.field("cue_end", pa.int64()),
            pa.field("resolved", pa.string()),
            pa.field("speaker", pa.string()),
            pa.field("low", pa.string()),
            pa.field("high", pa.string()),
            pa.field("value", pa.float64()),
            pa.field("unit", pa.string()),
            pa.field("hedge", pa.string()),
            pa.field("balanced", pa.bool_()),
            pa.field("continued", pa.bool_()),
            pa.field("depth", pa.int8()),
        ],
        metadata={**metadata, "corpuskit.table": "spans"},
    )
    assert tuple(articles.names) == _ARTICLE_COLUMNS
    assert tuple(spans.names) == _SPAN_COLUMNS
    return articles, spans


def _in_unit(article: Article, unit: Unit, offsets: list[int]) -> list[int]:
    """Return code-point offsets of ``article`` in ``unit`` (UTF-8: bytes of the raw file)."""
    index = article.offsets
    length = len(article.text)
    base = unit.to(index, 0)  # UTF-8: 3 after a byte-order mark
    if unit.to(index, length) - base == length:  # ASCII: every unit is a code point
        return [o + base for o in offsets] if base else offsets
    return [unit.to(index, o) for o in offsets]


class _Batch:
    """Rows of both tables not yet written, held as column lists."""

    __slots__ = ("articles", "count", "spans", "text_bytes")

    def __init__(self) -> None:
        self.articles: dict[str, list[Any]] = {name: [] for name in _ARTICLE_COLUMNS}
        self.spans: dict[str, list[Any]] = {name: [] for name in _SPAN_COLUMNS}
        self.count = 0
        self.text_bytes = 0

    @property
    def full(self) -> bool:
        """Whether the batch is large enough to be written out."""
        return len(self.spans["start"]) >= _BATCH_ROWS or self.text_bytes >= _BATCH_TEXT_BYTES

    def add(self, article: Article, position: int) -> None:
        """Add the article's row and the rows of every span of its layers."""
        if article.ordinal is not None and article.ordinal >= _ORDINAL_LIMIT:
            where = f" (read from {article.source})" if article.source else ""
            raise InvalidArticleError(
                f"article {article.id!r}{where} has the ordinal {article.ordinal}, which does "
                "not fit the ordinal column (an unsigned 64-bit integer): rename the file or "
                "give the article an ordinal below 2**64, or none"
            )
        # Each layer is asked for once: an article may build its objects on every access.
        layers = {name: getattr(article, name) for name in LAYER_NAMES}
        columns = self.spans
        first = len(columns["start"])
        _add_layers(_SpanRows(columns, article.id), layers)
        added = len(columns["start"]) - first
        both = [*columns["start"][first:], *columns["end"][first:]]
        for unit in _OTHER_UNITS:
            converted = _in_unit(article, unit, both)
            columns[f"start_{unit.name}"].extend(converted[:added])
            columns[f"end_{unit.name}"].extend(converted[added:])

        index = article.offsets
        length = len(article.text)
        n_bytes = index.to_utf8(length)
        values = (
            article.id,
            position,
            article.ordinal,
            article.source,
            article.bom,
            article.sha256,
            article.text,
            length,
            index.to_utf16(length),
            n_bytes,
            *map(len, layers.values()),
        )
        for name, value in zip(_ARTICLE_COLUMNS, values, strict=True):
            self.articles[name].append(value)
        self.count += 1
        self.text_bytes += n_bytes

    def tables(self, pa: Any, schemas: tuple[Any, Any]) -> tuple[Any, Any]:
        """Return the rows as an ``articles`` and a ``spans`` Arrow table."""
        article_schema, span_schema = schemas
        articles = pa.Table.from_arrays(
            [pa.array(self.articles[f.name], f.type) for f in article_schema],
            schema=article_schema,
        )
        arrays = []
        for field in span_schema:
            values = self.spans[field.name]
            if field.name == "kind":
                array = pa.DictionaryArray.from_arrays(
                    pa.array(values, pa.int8()), pa.array(SPAN_KINDS, pa.string())
                )
            elif field.name == "subkind":
                array = pa.array(values, pa.string()).dictionary_encode()
            else:
                array = pa.array(values, field.type)
            arrays.append(array)
        return articles, pa.Table.from_arrays(arrays, schema=span_schema)


class _SpanRows:
    """Appends span rows of one article to a batch's column lists."""

    __slots__ = ("article_id", "core", "extra")

    def __init__(self, columns: dict[str, list[Any]], article_id: str) -> None:
        self.article_id = article_id
        self.core = [columns[name].append for name in _SPAN_CORE]
        self.extra = [(name, columns[name].append) for name in _SPAN_EXTRA]

    def add(
        self, kind: str, seq: int, span: Span, subkind: str | None = None, **extra: object
    ) -> None:
        """Add one row: ``span`` as the ``seq``-th of its layer, ``extra`` columns set."""
        values = (self.article_id, _KIND_CODES[kind], subkind, seq, span.start, span.end, span.text)
        for append, value in zip(self.core, values, strict=True):
            append(value)
        for name, append in self.extra:
            append(extra.get(name))


def _add_zones(rows: _SpanRows, zones: tuple[Zone, ...]) -> None:
    for seq, zone in enumerate(zones):
        rows.add("zone", seq, zone, zone.kind.value)
        if isinstance(zone, Boilerplate) and zone.name is not None:
            rows.add("boilerplate_name", seq, zone.name)


def _add_images(rows: _SpanRows, images: tuple[Image, ...]) -> None:
    for seq, image in enumerate(images):
        rows.add("image", seq, image)


def _add_sentences(rows: _SpanRows, sentences: tuple[Span, ...]) -> None:
    for seq, sentence in enumerate(sentences):
        rows.add("sentence", seq, sentence)


def _add_quotes(rows: _SpanRows, quotes: tuple[Quote, ...]) -> None:
    for seq, quote in enumerate(quotes):
        rows.add(
            "quote",
            seq,
            quote,
            balanced=quote.balanced,
            continued=quote.continued,
            depth=quote.depth,
        )
        rows.add("quote_content", seq, quote.content)


def _add_quantities(rows: _SpanRows, quantities: tuple[Quantity, ...]) -> None:
    for seq, quantity in enumerate(quantities):
        rows.add(
            "quantity",
            seq,
            quantity,
            quantity.kind.value,
            low=format(quantity.low, "f"),  # positional, as the JSON format writes them
            high=format(quantity.high, "f"),
            value=float(quantity.low),
            unit=quantity.unit,
            hedge=quantity.hedge,
        )
        if quantity.hedge_span is not None:
            rows.add("quantity_hedge", seq, quantity.hedge_span)
        if quantity.counted is not None:
            rows.add("quantity_counted", seq, quantity.counted)


def _add_layers(rows: _SpanRows, layers: dict[str, tuple[Any, ...]]) -> None:
    """Add a row for every span of every layer of an article, layer by layer.

    A span that is part of another (a quote's content, a claim's source) comes
    right after it, with the same ``seq``.
    """
    for name, add in _ROWS.items():
        add(rows, layers[name])


def _add_claims(rows: _SpanRows, claims: tuple[Claim, ...]) -> None:
    """Add a row for each claim, then one for each part, its source, cue and resolved mention."""
    for seq, claim in enumerate(claims):
        attribution = claim.attribution
        parts = (
            ()
            if attribution is None
            else (
                ("source", attribution.source),
                ("cue", attribution.cue),
                ("resolved", attribution.resolved),
            )
        )
        # The claim's row names its source and cue too, with their code-point offsets.
        given: dict[str, object] = {}
        for column, span in parts:
            if span is not None:
                given[column] = span.text
                if column != "resolved":
                    given[f"{column}_start"] = span.start
                    given[f"{column}_end"] = span.end
        if "source" in given:
            # Who says it: the mention a back-reference ("she") stands for, or the source.
            given["speaker"] = given.get("resolved", given["source"])
        kinds = ",".join(kind.value for kind in claim.kinds)
        rows.add("claim", seq, claim, kinds, claim_id=claim.id, **given)
        for piece in claim.parts:
            rows.add("claim_part", seq, piece, claim_id=claim.id)
        for column, span in parts:
            if span is not None:
                rows.add(f"claim_{column}", seq, span, claim_id=claim.id)


# The fields each kind of row tabulates, as the row writers above write them (an
# image's parts are zone rows of their own; a claim's attribution is its source,
# cue and resolved rows and columns).  A field added to a model class and not here
# stops this module at import: decide where its value goes first.
TABULATED: dict[type, tuple[str, ...]] = {
    Zone: ("start", "end", "text", "kind"),
    Boilerplate: ("start", "end", "text", "kind", "name"),
    Image: ("start", "end", "text", "alt", "caption", "credit"),
    Span: ("start", "end", "text"),
    Quote: ("start", "end", "text", "content", "balanced", "continued", "depth"),
    Quantity: (
        "start", "end", "text", "kind", "low", "high", "unit", "hedge", "hedge_span", "counted"
    ),
    Claim: (
        "start", "end", "text", "id", "kinds", "sentences", "attribution", "quantities",
        "quote", "parts",
    ),
    Attribution: ("source", "cue", "resolved"),
}  # fmt: skip
for _cls, _names in TABULATED.items():
    if tuple(f.name for f in model_fields(_cls)) != _names:  # pragma: no cover
        raise AssertionError(f"the Parquet rows do not say where {_cls.__name__}'s fields go")

# How each layer becomes rows, in the order of the table of layers: a layer added
# there and not here stops the module at import.
_ROWS: dict[str, Callable[[_SpanRows, Any], None]] = {
    "zones": _add_zones,
    "images": _add_images,
    "sentences": _add_sentences,
    "quotes": _add_quotes,
    "quantities": _add_quantities,
    "claims": _add_claims,
}
if tuple(_ROWS) != LAYER_NAMES:  # pragma: no cover - a layer with no rows
    raise AssertionError(f"the Parquet rows {tuple(_ROWS)} are not the layers {LAYER_NAMES}")


# -- writing, atomically ------------------------------------------------------------------


class _PartFile:
    """One Parquet file being written, a row group at a time."""

    __slots__ = ("file", "writer")

    def __init__(self, path: Path, schema: Any) -> None:
        _, pq = _pyarrow()
        self.file = open(path, "xb")  # noqa: SIM115 (closed by close or abort)
        try:
            self.writer = pq.ParquetWriter(self.file, schema, compression="zstd")
        except BaseException:
            self.file.close()
            raise

    def write(self, table: Any) -> None:
        """Append ``table`` as row groups of the file."""
        self.writer.write_table(table)

    def close(self) -> None:
        """Finish the file (its footer) and sync it to disk."""
        self.writer.close()
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()

    def abort(self) -> None:
        """Close the file after a failure, without caring what it holds."""
        with contextlib.suppress(Exception):
            self.writer.close()
        self.file.close()


def _open_part(path: Path, schema: Any) -> _PartFile:
    """Create the Parquet file at ``path`` for rows of ``schema``."""
    return _PartFile(path, schema)


class _Export:
    """The parts of both tables being written into one folder, and what they hold."""

    def __init__(self, folder: Path, pa: Any, articles_per_part: int) -> None:
        self.pa = pa
        self.schemas = _schemas(pa)
        self.folders = (folder / "articles", folder / "spans")
        for table_folder in self.folders:
            table_folder.mkdir()
        self.per_part = articles_per_part
        self.files: list[_PartFile] = []  # the open part of each table, if any
        self.batch = _Batch()
        self.articles = self.spans = self.parts = self.in_part = 0

    def add(self, article: Article) -> None:
        """Add an article's rows, writing them out when the batch or the part is full."""
        if not self.files:
            self._open_part()
        self.batch.add(article, self.articles)
        self.articles += 1
        self.in_part += 1
        if self.in_part == self.per_part or self.batch.full:
            self._write_batch()
        if self.in_part == self.per_part:
            self._close_part()

    def finish(self) -> None:
        """Write the last rows and close the last part; sync the folders."""
        if not self.parts and not self.files:
            self._open_part()  # no articles: one empty part per table
        if self.files:
            if self.batch.count:
                self._write_batch()
            self._close_part()
        for table_folder in self.folders:
            _sync_dir(table_folder)

    def abort(self) -> None:
        """Close the files left open after a failure."""
        for f in self.files:
            f.abort()
        self.files = []

    def _open_part(self) -> None:
        name = f"part-{self.parts:05d}.parquet"
        for table_folder, schema in zip(self.folders, self.schemas, strict=True):
            self.files.append(_open_part(table_folder / name, schema))

    def _write_batch(self) -> None:
        tables = self.batch.tables(self.pa, self.schemas)
        for f, table in zip(self.files, tables, strict=True):
            f.write(table)
        self.spans += tables[1].num_rows
        self.batch = _Batch()

    def _close_part(self) -> None:
        while self.files:
            self.files[0].close()
            del self.files[0]
        self.parts += 1
        self.in_part = 0


def _sync_dir(path: Path) -> None:
    """Sync a folder's entries to disk, where the system allows it (not on Windows)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the files themselves are synced
    finally:
        os.close(fd)


def _check_replaceable(target: Path) -> None:
    """Raise unless ``target`` is absent, an empty folder or an earlier export."""
    if not os.path.lexists(target):
        return
    if target.is_dir() and ((target / MARKER).is_file() or not any(target.iterdir())):
        return
    what = "a folder" if target.is_dir() else "a file"
    raise FileExistsError(
        errno.EEXIST,
        f"{target} exists and is {what} that is not a corpuskit Parquet export (it has no "
        f"{MARKER}); it is not replaced: remove it, or write to a new folder",
        str(target),
    )


@contextlib.contextmanager
def _replacing(directory: str | os.PathLike[str]) -> Iterator[Path]:
    """Give a temporary folder beside ``directory``; on success move it into its place."""
    target = Path(os.path.realpath(directory))
    if not target.name:
        raise ValueError(f"cannot write an export in place of {target}: give a folder inside it")
    _check_replaceable(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(6)
    tmp = target.with_name(f".{target.name}.{token}.tmp")
    tmp.mkdir()
    old: Path | None = None
    try:
        yield tmp
        _sync_dir(tmp)
        _check_replaceable(target)  # in case something else was put there meanwhile
        if os.path.lexists(target):
            old = target.with_name(f".{target.name}.{token}.old")
            os.rename(target, old)
        try:
            os.rename(tmp, target)
        except BaseException:
            if old is not None:
                os.rename(old, target)
            raise
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _sync_dir(target.parent)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _write_marker(folder: Path, info: dict[str, Any]) -> None:
    with open(folder / MARKER, "xb") as f:
        f.write(orjson.dumps(info, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE))
        f.flush()
        os.fsync(f.fileno())


def write_parquet(
    articles: Iterable[Article],
    directory: str | os.PathLike[str],
    *,
    articles_per_part: int = 10_000,
) -> int:
    """Write ``articles`` as Parquet tables in the folder ``directory``; return the count.

    Writes ``articles/part-NNNNN.parquet`` (one row per article, with its exact
    text) and ``spans/part-NNNNN.parquet`` (one row per span of every layer,
    with its offsets in code points, UTF-16 code units and UTF-8 bytes of the
    raw file, and its text), and ``_corpuskit.json``, which names the format
    and its version and counts the rows.  Part ``N`` of both tables holds the
    same ``articles_per_part`` articles (the last part fewer).  Articles are
    read one at a time and their rows written out in batches, as row groups of
    about 65,536 spans, so memory does not grow with the corpus or the size of
    a part.  An empty input gives one empty part per table.

    The tables are written to a temporary folder beside ``directory`` (created
    with its parents if missing), every file and folder synced to disk, then
    moved into place by renames: an existing ``directory`` is renamed aside,
    the new one renamed in, and the old one deleted.  If writing fails or is
    interrupted before the renames, ``directory`` is left as it was and the
    temporary folder is removed (a killed process leaves it behind, named
    ``.<name>.<random>.tmp``).  Between the two renames ``directory`` briefly
    does not exist.  ``directory`` is replaced only when it is absent, empty or
    an earlier export (it holds ``_corpuskit.json``); anything else raises
    `FileExistsError` before anything is written.

    Raises ``ModuleNotFoundError`` when pyarrow is not installed,
    ``ValueError`` when ``articles_per_part`` is less than 1, and
    `InvalidArticleError` when an article's ordinal is 2**64 or more.
    """
    per_part: object = articles_per_part
    if not isinstance(per_part, int) or isinstance(per_part, bool):
        raise TypeError(f"articles_per_part must be an int, got {type(per_part).__name__}")
    if articles_per_part < 1:
        raise ValueError(f"articles_per_part must be at least 1, got {articles_per_part}")
    pa, _ = _pyarrow()
    with _replacing(directory) as tmp:
        export = _Export(tmp, pa, articles_per_part)
        try:
            for article in articles:
                export.add(article)
            export.finish()
        except BaseException:
            export.abort()
            raise
        _write_marker(
            tmp,
            {
                "format": FORMAT,
                "schema_version": SCHEMA_VERSION,
                "written_by": f"corpuskit {__version__}",
                "articles": export.articles,
                "spans": export.spans,
                "parts": export.parts,
                "articles_per_part": articles_per_part,
            },
        )
    return export.articles
