"""JSON documents and JSON Lines: corpuskit beside orjson and msgspec, on the same articles.

Run from the repository root:

    python benchmarks/bench_json.py                       # the seeds, replicated to 4 MB of text
    python benchmarks/bench_json.py DIR                   # every *.txt of DIR instead
    python benchmarks/bench_json.py --quick               # 1 MB, best of 2, 10,000 lookup articles
    python benchmarks/bench_json.py --lookup-articles 0   # skip the lookup-by-id file

The articles are parsed once, before any clock starts (zones, sentences,
quotes, quantities and claims computed and kept), so the rows time
serialisation, not parsing.  For the same articles, in one run and on one core,
it prints:

- encode: the documents as plain dicts (``to_dict()`` done beforehand) through
  ``orjson.dumps`` (the floor) and ``msgspec.json.encode``, the same documents
  as typed msgspec structs through ``msgspec.json.encode``, and corpuskit's
  ``to_dict()``, ``to_json()``, the bytes path (``corpuskit.io.json.article_to_json``)
  and ``to_json(offsets="utf16")``;
- decode: the documents' bytes through ``orjson.loads`` (the floor),
  ``msgspec.json.decode`` (untyped) and a ``msgspec.json.Decoder`` of typed
  structs mirroring the document, and corpuskit's ``Article.from_json`` on the
  string ``to_json()`` returned (checked, layers built on first access), on bytes,
  followed by building every layer, and on the UTF-16 documents;
- round trip: encode then decode, for the same pairs;
- JSON Lines: writing a file (orjson lines and an fsync, the floor; corpuskit's
  ``write_jsonl`` of the parsed articles; ``Corpus.from_dir(DIR).to_jsonl``,
  which parses the files too), streaming it back (``orjson.loads`` per line, the
  floor; iterating ``Corpus.from_jsonl``) and building its id index;

each as articles/s, MB/s of JSON and its time as a multiple of the orjson floor
of its group.  Then the latency of lookups by id in a JSON Lines file of
``--lookup-articles`` articles, and the two figures the project promises, with
PASS or MISS: the validated round trip at most 3x orjson's, and streaming a JSON
Lines file at 20 MB/s of JSON or more.  Timings are the best of ``--repeats``
runs after one warm-up.  If msgspec is not installed, its rows say so.
"""

from __future__ import annotations

import argparse
import decimal
import gc
import importlib
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Annotated, Any, Literal

import orjson
from _common import best_of, replicate
from bench_adversarial import FAMILIES

from corpuskit import Article, ClaimKind, Corpus, QuantityKind, ZoneKind
from corpuskit.article import article_from_json
from corpuskit.io.json import article_to_json, dumps_line
from corpuskit.io.jsonl import write_jsonl

REPO = Path(__file__).resolve().parent.parent
INSTALL_HINT = "not installed (pip install '.[bench]')"
LAYERS = ("zones", "images", "sentences", "quotes", "quantities", "claims")
ROUND_TRIP_TARGET = 3.0  # corpuskit's validated round trip / orjson's, at most
NEWS_SIZE_TARGET = 2.5  # JSON / UTF-8 text, news prose, at most
FAMILY_SIZE_TARGET = 6.0  # JSON / UTF-8 text, any family of repeated text, at most
LINEAR_SIZE_TARGET = 12.0  # JSON size growth for 10x the text, at most
STREAM_TARGET = 20.0  # MB/s of JSON streamed from a JSON Lines file, at least
LOOKUPS = 1000
LOOKUP_WARMUP = 100
BUILD_STEP = 1000  # the lookup file is cut short only at a multiple of this


@dataclass
class Row:
    group: str
    name: str
    seconds: float | None  # None: not run
    articles: int
    megabytes: float  # of JSON the row writes or reads
    note: str = ""


def timed(repeats: int, run: Callable[[], object]) -> float:
    run()  # warm up caches and compiled patterns
    return best_of(repeats, run)[0]


def touch(article: Article) -> int:
    """Build every layer of ``article``; return how many objects the layers hold."""
    return sum(len(getattr(article, name)) for name in LAYERS)


def load_peer(module: str) -> tuple[ModuleType | None, str]:
    """Import an optional peer: ``(module, "")`` or ``(None, why not)``; never raises."""
    try:
        return importlib.import_module(module), ""
    except ImportError:
        return None, INSTALL_HINT
    except Exception as exc:  # a broken install (say, a binary mismatch) is reported, not fatal
        return None, f"failed to import ({type(exc).__name__}: {exc})"


def msgspec_document(msgspec: ModuleType) -> Any:
    """Typed structs mirroring an article document, for msgspec to check in C.

    Each field has its type (enums by value, decimals from their strings, ``null``
    only where the format allows it), offsets and depths are ``>= 0``, ids and
    claim kinds are non-empty, and unknown fields are refused.  Nothing relates a
    value to another one or to the text: see the README for what that leaves out.
    """
    meta = msgspec.Meta
    count = Annotated[int, meta(ge=0)]
    nonempty = meta(min_length=1)

    def struct(name: str, fields: list[Any], bases: tuple[Any, ...] = (), **options: Any) -> Any:
        return msgspec.defstruct(
            name, fields, bases=bases, module=__name__, forbid_unknown_fields=True, **options
        )

    # A plain span is the pair [start, end]; references are indices; a field at
    # its default is left out (so it has the same default here).
    pair = tuple[count, count]
    spanned = struct("Spanned", [("start", count), ("end", count)])
    zone = struct(
        "Zone", [("kind", ZoneKind), ("name", pair | None, None)], (spanned,), omit_defaults=True
    )
    index = count | None
    image = struct(
        "Image",
        [("alt", index, None), ("caption", index, None), ("credit", index, None)],
        (spanned,),
        omit_defaults=True,
    )
    quote = struct(
        "Quote",
        [
            ("content", pair),
            ("balanced", bool, True),
            ("continued", bool, False),
            ("depth", count, 0),
        ],
        (spanned,),
        omit_defaults=True,
    )
    attribution = struct(
        "Attribution",
        [
            ("source", pair | None, None),
            ("cue", pair | None, None),
            ("resolved", pair | None, None),
        ],
        omit_defaults=True,
    )
    quantity = struct(
        "Quantity",
        [
            ("kind", QuantityKind),
            ("low", decimal.Decimal),
            ("high", decimal.Decimal | None, None),
            ("unit", str | None, None),
            ("hedge", str | None, None),
            ("hedge_span", pair | None, None),
            ("counted", pair | None, None),
        ],
        (spanned,),
        omit_defaults=True,
    )
    claim = struct(
        "Claim",
        [
            ("kinds", Annotated[list[ClaimKind], nonempty]),
            ("id", Annotated[str, nonempty] | None, None),
            ("sentences", list[count], []),
            ("attribution", attribution | None, None),
            ("quantities", list[count], []),
            ("quote", index, None),
            ("parts", list[pair], []),
        ],
        (spanned,),
        omit_defaults=True,
    )
    digest = str | None
    digests = struct(
        "Digests",
        [(name, digest) for name in LAYERS],
    )
    return struct(
        "Document",
        [
            ("schema_version", int),
            ("id", Annotated[str, nonempty]),
            ("ordinal", count | None),
            ("source", str | None),
            ("bom", bool),
            ("sha256", str),
            ("offsets", Literal["codepoint", "utf16", "utf8"]),
            ("digests", digests),
            ("text", str),
            ("zones", list[zone]),
            ("images", list[image]),
            ("sentences", list[pair]),
            ("quotes", list[quote]),
            ("quantities", list[quantity]),
            ("claims", list[claim]),
            ("normalized", None),
        ],
    )


# -- the rows ----------------------------------------------------------------------


class Bench:
    """The articles, their documents in every form, and the rows timed so far."""

    def __init__(self, folder: Path, repeats: int, tmp: Path) -> None:
        self.folder = folder
        self.repeats = repeats
        self.tmp = tmp
        self.rows: list[Row] = []
        self.msgspec, self.msgspec_missing = load_peer("msgspec")

        t0 = time.perf_counter()
        self.articles = list(Corpus.from_dir(folder))
        for article in self.articles:
            touch(article)
        self.parse_seconds = time.perf_counter() - t0
        if not self.articles:
            sys.exit(f"no *.txt files in {folder}")
        self.n = len(self.articles)
        self.text_mb = sum(len(a.to_bytes()) for a in self.articles) / 1e6
        self.dicts = [a.to_dict() for a in self.articles]
        self.docs = [orjson.dumps(d) for d in self.dicts]
        self.strs = [a.to_json() for a in self.articles]
        self.strs16 = [a.to_json(offsets="utf16") for a in self.articles]
        self.mb = sum(len(d) for d in self.docs) / 1e6
        self.mb16 = sum(len(s.encode("utf-8")) for s in self.strs16) / 1e6
        self.typed: Callable[[bytes], Any] | None = None
        self.structs: list[Any] = []
        if self.msgspec is not None:
            self.typed = self.msgspec.json.Decoder(msgspec_document(self.msgspec)).decode
            self.structs = [self.typed(d) for d in self.docs]
        # Everything held for the timings is kept out of the cyclic garbage collector's
        # passes, which would otherwise walk it now and then in whichever row is running.
        gc.collect()
        gc.freeze()

    def add(
        self, group: str, name: str, run: Callable[[], object], megabytes: float | None = None
    ) -> Row:
        seconds = timed(self.repeats, run)
        row = Row(group, name, seconds, self.n, self.mb if megabytes is None else megabytes)
        self.rows.append(row)
        return row

    def skip(self, group: str, name: str, why: str) -> None:
        self.rows.append(Row(group, name, None, self.n, self.mb, why))

    def header(self) -> None:
        versions = [f"Python {sys.version.split()[0]}", f"orjson {orjson.__version__}"]
        if self.msgspec is not None:
            versions.append(f"msgspec {self.msgspec.__version__}")
        print(", ".join(versions) + f", pid {os.getpid()}, one core")
        print(
            f"{self.n:,} articles, {self.text_mb:.2f} MB of text parsed in "
            f"{self.parse_seconds:.1f} s (not timed below); {self.mb:.2f} MB of JSON, "
            f"mean {self.mb / self.n * 1e3:.1f} KB/article ({self.mb16:.2f} MB with UTF-16 "
            f"offsets); best of {self.repeats}",
            flush=True,
        )
        equal = sum(
            Article.from_json(s) == a for s, a in zip(self.strs, self.articles, strict=True)
        )
        print(
            f"check (not timed): Article.from_json(a.to_json()) == a for {equal:,} of "
            f"{self.n:,} articles (every layer compared)",
            flush=True,
        )

    def encode(self) -> None:
        dicts, articles, structs = self.dicts, self.articles, self.structs
        g = "encode"

        def orjson_dumps() -> None:
            for d in dicts:
                orjson.dumps(d)

        self.add(g, "orjson.dumps(dict) (floor)", orjson_dumps)
        msgspec = self.msgspec
        if msgspec is None:
            self.skip(g, "msgspec.json.encode(dict)", self.msgspec_missing)
            self.skip(g, "msgspec.json.encode(typed structs)", self.msgspec_missing)
        else:
            encode = msgspec.json.encode

            def msgspec_dicts() -> None:
                for d in dicts:
                    encode(d)

            def msgspec_structs() -> None:
                for s in structs:
                    encode(s)

            self.add(g, "msgspec.json.encode(dict)", msgspec_dicts)
            self.add(g, "msgspec.json.encode(typed structs)", msgspec_structs)

        def to_dict() -> None:
            for a in articles:
                a.to_dict()

        def to_json() -> None:
            for a in articles:
                a.to_json()

        def to_json_bytes() -> None:
            for a in articles:
                article_to_json(a, "codepoint", indent=False, normalized=None)

        def to_json_utf16() -> None:
            for a in articles:
                a.to_json(offsets="utf16")

        self.add(g, "corpuskit a.to_dict() (no JSON)", to_dict)
        self.add(g, "corpuskit a.to_json()", to_json)
        self.add(g, "corpuskit _json.article_to_json(a) (bytes)", to_json_bytes)
        self.add(g, 'corpuskit a.to_json(offsets="utf16")', to_json_utf16, self.mb16)

    def decode(self) -> None:
        docs, strs, strs16 = self.docs, self.strs, self.strs16
        g = "decode"
        from_json = Article.from_json

        def orjson_loads() -> None:
            for d in docs:
                orjson.loads(d)

        self.add(g, "orjson.loads(bytes) (floor)", orjson_loads)
        msgspec, typed = self.msgspec, self.typed
        if msgspec is None or typed is None:
            self.skip(g, "msgspec.json.decode (untyped)", self.msgspec_missing)
            self.skip(g, "msgspec Decoder(typed structs)", self.msgspec_missing)
        else:
            untyped = msgspec.json.decode

            def msgspec_untyped() -> None:
                for d in docs:
                    untyped(d)

            def msgspec_typed() -> None:
                for d in docs:
                    typed(d)

            self.add(g, "msgspec.json.decode (untyped)", msgspec_untyped)
            self.add(g, "msgspec Decoder(typed structs)", msgspec_typed)

        def load() -> None:
            for s in strs:
                from_json(s)

        def load_bytes() -> None:
            for d in docs:
                article_from_json(d)

        def load_layers() -> None:
            for s in strs:
                touch(from_json(s))

        def load_utf16() -> None:
            for s in strs16:
                from_json(s)

        self.add(g, "corpuskit Article.from_json(str)", load)
        self.add(g, "corpuskit _json.article_from_json(bytes)", load_bytes)
        self.add(g, "corpuskit from_json + every layer built", load_layers)
        self.add(g, "corpuskit from_json(utf16 document)", load_utf16, self.mb16)

    def round_trip(self) -> Row:
        """Time encode then decode; return corpuskit's validated round trip."""
        dicts, articles, structs = self.dicts, self.articles, self.structs
        g = "round trip"
        from_json = Article.from_json

        def orjson_both() -> None:
            for d in dicts:
                orjson.loads(orjson.dumps(d))

        self.add(g, "orjson loads(dumps(dict)) (floor)", orjson_both)
        msgspec, typed = self.msgspec, self.typed
        if msgspec is None or typed is None:
            self.skip(g, "msgspec decode(encode(dict)) (untyped)", self.msgspec_missing)
            self.skip(g, "msgspec typed structs, both ways", self.msgspec_missing)
        else:
            encode, untyped = msgspec.json.encode, msgspec.json.decode

            def msgspec_untyped() -> None:
                for d in dicts:
                    untyped(encode(d))

            def msgspec_typed() -> None:
                for s in structs:
                    typed(encode(s))

            self.add(g, "msgspec decode(encode(dict)) (untyped)", msgspec_untyped)
            self.add(g, "msgspec typed structs, both ways", msgspec_typed)

        def both() -> None:
            for a in articles:
                from_json(a.to_json())

        def both_bytes() -> None:
            for a in articles:
                article_from_json(article_to_json(a, "codepoint", indent=False, normalized=None))

        def both_utf16() -> None:
            for a in articles:
                from_json(a.to_json(offsets="utf16"))

        row = self.add(g, "corpuskit from_json(a.to_json())", both)
        self.add(g, "corpuskit the same through bytes", both_bytes)
        self.add(g, "corpuskit the same with UTF-16 offsets", both_utf16, self.mb16)
        return row

    def jsonl(self) -> Row:
        """Time writing, streaming and indexing a JSON Lines file; return the streaming row."""
        dicts, articles, folder = self.dicts, self.articles, self.folder
        floor_path = self.tmp / "floor.jsonl"
        path = self.tmp / "articles.jsonl"
        mb = sum(len(d) + 1 for d in self.docs) / 1e6  # one line per document
        newline = orjson.OPT_APPEND_NEWLINE

        def floor_write() -> None:
            with open(floor_path, "wb") as f:
                for d in dicts:
                    f.write(orjson.dumps(d, option=newline))
                f.flush()
                os.fsync(f.fileno())

        def write_parsed() -> None:
            write_jsonl(articles, path, "codepoint")

        def from_dir_to_jsonl() -> None:
            Corpus.from_dir(folder).to_jsonl(path)

        g = "JSON Lines write"
        self.add(g, "orjson lines + write + fsync (floor)", floor_write, mb)
        self.add(g, "corpuskit write_jsonl(parsed articles)", write_parsed, mb)
        self.add(g, "Corpus.from_dir(DIR).to_jsonl (parses too)", from_dir_to_jsonl, mb)

        def floor_read() -> None:
            with open(path, "rb") as f:
                for line in f:
                    orjson.loads(line)

        def stream() -> int:
            return sum(1 for _ in Corpus.from_jsonl(path))

        def index() -> int:
            return len(Corpus.from_jsonl(path))

        g = "JSON Lines read"
        self.add(g, "read lines + orjson.loads (floor)", floor_read, mb)
        row = self.add(g, "iterate Corpus.from_jsonl (streaming)", stream, mb)
        self.add(g, "len(Corpus.from_jsonl(path)) (id index)", index, mb)
        return row

    def print_rows(self) -> None:
        print(f"{'':46} {'articles/s':>11} {'MB/s':>9} {'x floor':>8}")
        floor: Row | None = None
        group = ""
        for row in self.rows:
            if row.group != group:
                group, floor = row.group, row
                print(f"{group}:")
            if row.seconds is None:
                print(f"  {row.name:44} {row.note}")
                continue
            assert floor is not None
            assert floor.seconds is not None
            print(
                f"  {row.name:44} {row.articles / row.seconds:11,.0f} "
                f"{row.megabytes / row.seconds:9.1f} {row.seconds / floor.seconds:8.1f}"
            )


# -- lookup by id --------------------------------------------------------------------


def build_lookup_file(
    path: Path, texts: list[str], wanted: int, budget: float
) -> tuple[int, float, str]:
    """Write ``wanted`` articles with distinct ids, or fewer when that takes too long.

    Each article is parsed from its text under its own id (claim ids derive from
    it) and written whole.  Once ``budget`` seconds have passed (0: no limit) the
    file ends at the next thousand articles.  Returns the count written, the
    seconds taken and a note saying when the file was cut short.
    """
    t0 = time.perf_counter()
    count = 0
    with open(path, "wb") as f:
        while count < wanted:
            i = count
            article = Article.from_text(
                texts[i % len(texts)], id=f"{i:016x}", ordinal=i, source=f"{i:06d}_{i:016x}.txt"
            )
            f.write(dumps_line(article, "codepoint", None))
            count += 1
            if count % BUILD_STEP == 0 and budget > 0 and time.perf_counter() - t0 > budget:
                break
    seconds = time.perf_counter() - t0
    note = ""
    if count < wanted:
        note = (
            f"; cut short at the {budget:g} s budget (--lookup-budget): all {wanted:,} "
            f"would take about {seconds / count * wanted:.0f} s"
        )
    return count, seconds, note


def bench_lookup(texts: list[str], wanted: int, budget: float, repeats: int, tmp: Path) -> None:
    path = tmp / "lookup.jsonl"
    count, build_seconds, note = build_lookup_file(path, texts, wanted, budget)
    size = path.stat().st_size / 1e6
    print(
        f"lookup file: {count:,} articles with distinct ids, {size:,.0f} MB, "
        f"written in {build_seconds:.0f} s (parsing each){note}",
        flush=True,
    )
    index_seconds = timed(min(repeats, 2), lambda: len(Corpus.from_jsonl(path)))
    print(
        f"  id index, len() on a fresh Corpus.from_jsonl: {index_seconds:.2f} s "
        f"({size / index_seconds:.0f} MB/s, {count / index_seconds:,.0f} lines/s)"
    )

    corpus = Corpus.from_jsonl(path)
    len(corpus)  # the index is built before the clock starts
    rng = random.Random(0)
    for i in rng.sample(range(count), min(count, LOOKUP_WARMUP)):
        corpus[f"{i:016x}"]
    ids = [f"{rng.randrange(count):016x}" for _ in range(LOOKUPS)]

    def latencies(run: Callable[[str], object]) -> list[float]:
        seconds = []
        for article_id in ids:
            t0 = time.perf_counter()
            run(article_id)
            seconds.append(time.perf_counter() - t0)
        return seconds

    for name, run in (
        ("corpus[id]", corpus.__getitem__),
        ("corpus[id] + every layer built", lambda article_id: touch(corpus[article_id])),
    ):
        seconds = latencies(run)
        p99 = statistics.quantiles(seconds, n=100)[98]
        print(
            f"  {name:34} median {statistics.median(seconds) * 1e6:7.0f} us, "
            f"p99 {p99 * 1e6:7.0f} us ({LOOKUPS:,} random ids)"
        )


# -- size ---------------------------------------------------------------------------


def _numbered(size: int) -> str:
    """Short numbered sentences, each with a number: a list of findings, say."""
    lines = []
    i = 0
    while sum(map(len, lines)) < size:
        i += 1
        lines.append(f"{i}. Turnout rose {i % 9 + 1}% in ward {i}.\n")
    return "".join(lines)[:size]


def _quoted(size: int) -> str:
    """Prose where every sentence is a quote with its speaker."""
    unit = "“We will not wait,” the mayor said. “The work starts on 3 May,” she added. "
    return (unit * (size // len(unit) + 1))[:size]


#: Families of text beyond the repeated units of `bench_adversarial.py`: dense but real forms.
SHAPED: dict[str, Callable[[int], str]] = {
    "short numbered sentences": _numbered,
    "quotes, each attributed": _quoted,
}


def json_ratio(articles: list[Article]) -> tuple[float, float]:
    """Return the JSON size / UTF-8 text size of ``articles`` together, and the largest one."""
    text = written = 0
    worst = 0.0
    for article in articles:
        size = len(article.text.encode("utf-8", "surrogatepass")) or 1
        json_size = len(article_to_json(article, "codepoint", indent=False, normalized=None))
        text += size
        written += json_size
        worst = max(worst, json_size / size)
    return written / text, worst


def print_sizes(folder: Path, articles: list[Article], sizes: tuple[int, int]) -> None:
    """Print JSON size / text size: the articles of ``folder``, then each family at two sizes."""
    print("size: JSON (codepoint offsets, as corpuskit writes it) / UTF-8 text")
    ratio, worst = json_ratio(articles)
    verdict = "PASS" if ratio <= NEWS_SIZE_TARGET else "MISS"
    print(
        f"  {folder.name or folder} ({len(articles):,} articles): {ratio:.2f}x "
        f"(largest single article {worst:.2f}x; target <= {NEWS_SIZE_TARGET:g}x) {verdict}"
    )
    small, large = sizes
    print(
        f"  {'family':<30} {f'{small // 1000} KB':>8} {f'{large // 1000} KB':>8} "
        f"{'growth':>7}  (targets <= {FAMILY_SIZE_TARGET:g}x, growth <= "
        f"{LINEAR_SIZE_TARGET:g}x for 10x the text)"
    )
    families: dict[str, Callable[[int], str]] = {
        name: (lambda size, unit=unit: (unit * (size // len(unit) + 1))[:size])
        for name, unit in FAMILIES.items()
    }
    families.update(SHAPED)
    for name, make in families.items():
        written = []
        for size in sizes:
            article = Article.from_text(make(size), id="family")
            text_size = len(article.text.encode("utf-8"))
            written.append(
                len(article_to_json(article, "codepoint", indent=False, normalized=None))
                / text_size
            )
        growth = written[1] * large / (written[0] * small)
        ok = written[1] <= FAMILY_SIZE_TARGET and growth <= LINEAR_SIZE_TARGET
        print(
            f"  {name:<30} {written[0]:7.2f}x {written[1]:7.2f}x {growth:6.1f}x  "
            f"{'PASS' if ok else 'MISS'}"
        )


# -- the whole run --------------------------------------------------------------------


def print_promises(round_trip: Row, floor: Row, stream: Row) -> None:
    assert round_trip.seconds is not None
    assert floor.seconds is not None
    assert stream.seconds is not None
    print("promises:")
    ratio = round_trip.seconds / floor.seconds
    verdict = "PASS" if ratio <= ROUND_TRIP_TARGET else "MISS"
    print(
        f"  validated round trip / orjson round trip (target <= {ROUND_TRIP_TARGET:g}x): "
        f"{ratio:.1f}x {verdict}"
    )
    rate = stream.megabytes / stream.seconds
    verdict = "PASS" if rate >= STREAM_TARGET else "MISS"
    print(
        f"  JSON Lines streaming load (target >= {STREAM_TARGET:g} MB/s of JSON): "
        f"{rate:.1f} MB/s {verdict}"
    )


def run(folder: Path, args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        bench = Bench(folder, args.repeats, Path(tmp))
        bench.header()
        if args.sizes:
            print_sizes(args.dir or REPO / "seeds", bench.articles, (10_000, 100_000))
        bench.encode()
        bench.decode()
        round_trip = bench.round_trip()
        stream = bench.jsonl()
        bench.print_rows()
        floor = next(r for r in bench.rows if r.group == "round trip")
        texts = [("\ufeff" if a.bom else "") + a.text for a in bench.articles]
        del bench  # the lookup file is built and read without the articles held
        gc.unfreeze()
        if args.lookup_articles:
            bench_lookup(texts, args.lookup_articles, args.lookup_budget, args.repeats, Path(tmp))
        print_promises(round_trip, floor, stream)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "dir", nargs="?", type=Path, help="a folder of *.txt files (default: the seeds, replicated)"
    )
    parser.add_argument(
        "--megabytes", type=float, help="replicate the seeds to this much text (default 4)"
    )
    parser.add_argument("--repeats", type=int, help="time each row this many times (default 5)")
    parser.add_argument(
        "--lookup-articles",
        type=int,
        help="articles in the lookup-by-id file (default 100000; 0 to skip)",
    )
    parser.add_argument(
        "--lookup-budget",
        type=float,
        default=60.0,
        help="seconds the lookup file may take to write; past that a smaller one is written "
        "(default 60; 0 for no limit)",
    )
    parser.add_argument(
        "--no-sizes",
        dest="sizes",
        action="store_false",
        help="leave out the table of JSON size / text size",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="defaults for a quick look: 1 MB, best of 2, 10000 lookup articles",
    )
    args = parser.parse_args()
    defaults = (1.0, 2, 10_000) if args.quick else (4.0, 5, 100_000)
    for name, default in zip(("megabytes", "repeats", "lookup_articles"), defaults, strict=True):
        if getattr(args, name) is None:
            setattr(args, name, default)
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    if args.lookup_articles < 0:
        parser.error("--lookup-articles must be 0 or more")
    if args.dir is not None:
        if not any(args.dir.glob("*.txt")):
            sys.exit(f"no *.txt files in {args.dir}")
        print(f"== {args.dir}")
        run(args.dir, args)
        return
    with tempfile.TemporaryDirectory() as tmp:
        replicate(REPO / "seeds", Path(tmp), args.megabytes)
        print(f"== the seeds, replicated to {args.megabytes:g} MB of text")
        run(Path(tmp), args)


if __name__ == "__main__":
    main()
