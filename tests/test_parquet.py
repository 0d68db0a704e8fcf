"""Parquet export: tables, offsets in three units, parts, atomic replacement, DuckDB reads."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any
from unittest import mock

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import articles as any_articles

import corpuskit
from corpuskit import Article, Corpus, DecodeError, InvalidArticleError
from corpuskit.io import parquet as _parquet
from corpuskit.io.parquet import MARKER, SPAN_KINDS, write_parquet

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
duckdb = pytest.importorskip("duckdb")

# Files with a byte-order mark, CRLF and lone CR line endings, and characters
# outside the Basic Multilingual Plane (two UTF-16 units, four UTF-8 bytes) in
# claims, sources and quantities' sentences.
TRICKY = {
    "000_00000000000000a1.txt": (
        "\ufeffSeoul 😀 talks end\r\n\r\n“We won 😀 today, and 12 workers 𝔘 fled,” the "
        "coach said.\r\n\r\nShe said that 3 of them 👍🏽 returned to Sinŭiju.\r\n"
    ),
    "001_00000000000000a2.txt": (
        "Title 𝔘 here\n\nThe minister 😀 said: “Prices rose 50% in May.” Officials "
        "confirmed that 2,000 people 👍🏽 left.\n"
    ),
    "002_00000000000000a3.txt": (
        'Plain ASCII\r\rA source said "it was 10 dollars" on Monday. About 40 workers fled.\r'
    ),
}


def to_parquet(corpus: Any, d: Path, **kw: Any) -> int:
    """Export through ``Corpus.to_parquet`` where there is one, else `write_parquet`."""
    method = getattr(corpus, "to_parquet", None)
    if method is not None:
        return int(method(d, **kw))
    return write_parquet(corpus, d, **kw)


def write_files(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return folder


@pytest.fixture
def tricky(tmp_path: Path) -> Corpus:
    return Corpus.from_dir(write_files(tmp_path / "tricky", dict(TRICKY)))


@pytest.fixture
def seeds() -> Corpus:
    return Corpus.from_dir(corpuskit.seeds_path())


@pytest.fixture(params=["seeds", "tricky"])
def corpus(request: pytest.FixtureRequest) -> Corpus:
    return request.getfixturevalue(request.param)  # type: ignore[no-any-return]


def query(sql: str, *params: object) -> list[tuple[Any, ...]]:
    con = duckdb.connect()
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def spans_of(d: Path) -> list[dict[str, Any]]:
    return pq.read_table(d / "spans").to_pylist()  # type: ignore[no-any-return]


def articles_of(d: Path) -> list[dict[str, Any]]:
    return pq.read_table(d / "articles").to_pylist()  # type: ignore[no-any-return]


def listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


# -- what the tables hold -------------------------------------------------------------


def test_tricky_articles_have_what_the_tests_need(tricky: Corpus) -> None:
    found = list(tricky)
    assert found[0].bom
    assert "\r\n" in found[0].text
    claims = [c for a in found for c in a.claims]
    assert any(any(ch > "\uffff" for ch in c.text) for c in claims)
    assert any(a.bom and a.claims for a in found)


def test_articles_table_holds_each_article_exactly(corpus: Corpus, tmp_path: Path) -> None:
    d = tmp_path / "out"
    assert to_parquet(corpus, d) == len(corpus)
    rows = articles_of(d)
    assert [r["article_id"] for r in rows] == list(corpus.ids)
    for position, (row, article) in enumerate(zip(rows, corpus, strict=True)):
        assert row == {
            "article_id": article.id,
            "position": position,
            "ordinal": article.ordinal,
            "source": article.source,
            "bom": article.bom,
            "sha256": article.sha256,
            "text": article.text,
            "n_code_points": len(article.text),
            "n_utf16_units": len(article.text.encode("utf-16-le")) // 2,
            "n_bytes": len(article.to_bytes()),
            "n_zones": len(article.zones),
            "n_images": len(article.images),
            "n_sentences": len(article.sentences),
            "n_quotes": len(article.quotes),
            "n_quantities": len(article.quantities),
            "n_claims": len(article.claims),
        }


def test_span_rows_count_every_layer(corpus: Corpus, tmp_path: Path) -> None:
    d = tmp_path / "out"
    to_parquet(corpus, d)
    counted = Counter(
        {
            (a, k): n
            for a, k, n in query(
                f"SELECT article_id, kind, count(*) FROM read_parquet('{d}/spans/*.parquet') "
                "GROUP BY ALL"
            )
        }
    )
    expected: Counter[tuple[str, str]] = Counter()
    for article in corpus:
        i = article.id
        expected[i, "zone"] = len(article.zones)
        expected[i, "boilerplate_name"] = sum(
            getattr(z, "name", None) is not None for z in article.zones
        )
        expected[i, "image"] = len(article.images)
        expected[i, "sentence"] = len(article.sentences)
        expected[i, "quote"] = expected[i, "quote_content"] = len(article.quotes)
        expected[i, "quantity"] = len(article.quantities)
        expected[i, "quantity_hedge"] = sum(q.hedge_span is not None for q in article.quantities)
        expected[i, "quantity_counted"] = sum(q.counted is not None for q in article.quantities)
        expected[i, "claim"] = len(article.claims)
        expected[i, "claim_part"] = sum(len(c.parts) for c in article.claims)
        for part in ("source", "cue", "resolved"):
            expected[i, f"claim_{part}"] = sum(
                c.attribution is not None and getattr(c.attribution, part) is not None
                for c in article.claims
            )
    assert +counted == +expected
    assert {k for _, k in +expected} <= set(SPAN_KINDS)


def test_span_rows_carry_each_layers_values(corpus: Corpus, tmp_path: Path) -> None:
    d = tmp_path / "out"
    to_parquet(corpus, d)
    rows: dict[tuple[str, str, int], list[dict[str, Any]]] = {}
    for row in spans_of(d):
        rows.setdefault((row["article_id"], row["kind"], row["seq"]), []).append(row)
    for article in corpus:
        i = article.id
        for seq, zone in enumerate(article.zones):
            (row,) = rows[i, "zone", seq]
            assert (row["start"], row["end"], row["subkind"]) == (
                zone.start,
                zone.end,
                zone.kind.value,
            )
        for seq, quote in enumerate(article.quotes):
            (row,) = rows[i, "quote", seq]
            assert (row["balanced"], row["continued"], row["depth"]) == (
                quote.balanced,
                quote.continued,
                quote.depth,
            )
            (content,) = rows[i, "quote_content", seq]
            assert (content["start"], content["end"]) == (quote.content.start, quote.content.end)
        for seq, q in enumerate(article.quantities):
            (row,) = rows[i, "quantity", seq]
            assert (row["subkind"], row["low"], row["high"], row["unit"], row["hedge"]) == (
                q.kind.value,
                format(q.low, "f"),
                format(q.high, "f"),
                q.unit,
                q.hedge,
            )
            assert row["value"] == float(q.low)
        for seq, claim in enumerate(article.claims):
            (row,) = rows[i, "claim", seq]
            assert row["claim_id"] == claim.id
            assert row["subkind"] == ",".join(k.value for k in claim.kinds)
            assert (row["start"], row["end"], row["text"]) == (claim.start, claim.end, claim.text)
            for part in ("source", "cue", "resolved"):
                span = getattr(claim.attribution, part, None)
                assert row[part] == (None if span is None else span.text)
                if part != "resolved":
                    assert (row[f"{part}_start"], row[f"{part}_end"]) == (
                        (None, None) if span is None else (span.start, span.end)
                    )
                own = rows.get((i, f"claim_{part}", seq), [])
                assert [(r["start"], r["end"], r["claim_id"]) for r in own] == (
                    [] if span is None else [(span.start, span.end, claim.id)]
                )
        for row in rows.get((i, "sentence", 0), []):
            assert (row["subkind"], row["claim_id"], row["value"]) == (None, None, None)


def test_every_span_row_slices_its_text_in_three_units(corpus: Corpus, tmp_path: Path) -> None:
    d = tmp_path / "out"
    to_parquet(corpus, d)
    by_id = {a.id: a for a in corpus}
    rows = spans_of(d)
    assert rows
    for row in rows:
        article = by_id[row["article_id"]]
        check_row(article, row)


def check_row(article: Article, row: dict[str, Any]) -> None:
    text = article.text
    assert text[row["start"] : row["end"]] == row["text"]
    utf16 = text.encode("utf-16-le")[2 * row["start_utf16"] : 2 * row["end_utf16"]]
    assert utf16.decode("utf-16-le") == row["text"]
    raw = article.to_bytes()[row["start_utf8"] : row["end_utf8"]]
    assert raw.decode("utf-8") == row["text"]


def test_utf8_offsets_count_bytes_of_the_raw_file(tricky: Corpus, tmp_path: Path) -> None:
    d = tmp_path / "out"
    to_parquet(tricky, d)
    bom = next(a for a in tricky if a.bom)
    first = min((r for r in spans_of(d) if r["article_id"] == bom.id), key=lambda r: r["start"])
    assert first["start"] == 0
    assert first["start_utf8"] == 3  # after the byte-order mark
    assert first["start_utf16"] == 0


# -- reading back with DuckDB ---------------------------------------------------------


def test_duckdb_joins_claims_to_article_text(corpus: Corpus, tmp_path: Path) -> None:
    d = tmp_path / "out"
    to_parquet(corpus, d)
    found = query(
        f"""
        SELECT s.article_id, s.claim_id, s.start, s.end, s.text,
               substring(a.text, s.start + 1, s.end - s.start),
               -- UTF-8 offsets count bytes of the raw file: less 3 after a byte-order mark
               decode(encode(a.text)[s.start_utf8 - 3 * a.bom::INT + 1
                                     : s.end_utf8 - 3 * a.bom::INT])
        FROM read_parquet('{d}/spans/*.parquet') AS s
        JOIN read_parquet('{d}/articles/*.parquet') AS a USING (article_id)
        WHERE s.kind = 'claim'
        ORDER BY a.position, s.seq
        """
    )
    expected = [(a, c) for a in corpus for c in a.claims]
    assert len(found) == len(expected) > 0
    for row, (article, claim) in zip(found, expected, strict=True):
        article_id, claim_id, start, end, text, sliced, by_bytes = row
        assert (article_id, claim_id, start, end) == (article.id, claim.id, claim.start, claim.end)
        assert sliced == article.text[start:end] == text == claim.text
        assert by_bytes == claim.text


def test_duckdb_substring_counts_code_points() -> None:
    # Not graphemes (👍🏽 is two code points, e + U+0301 two; six graphemes in all)
    # and not bytes.
    text = "a😀b👍🏽e\u0301x"
    ((sub, length, octets, graphemes),) = query(
        "SELECT substring(?, 2, 4), length(?), strlen(?), length_grapheme(?)", *[text] * 4
    )
    assert sub == text[1:5] == "😀b👍🏽"
    assert (length, octets, graphemes) == (len(text), len(text.encode("utf-8")), 6)
    ((cut,),) = query("SELECT substring(?, 4, 1)", text)
    assert cut == "👍"  # half of a grapheme: counting is by code point


def test_pyarrow_dataset_reads_the_parts_as_one_table(seeds: Corpus, tmp_path: Path) -> None:
    ds = pytest.importorskip("pyarrow.dataset")
    d = tmp_path / "out"
    to_parquet(seeds, d, articles_per_part=1)
    table = ds.dataset(d / "spans", format="parquet").to_table()
    assert table.num_rows == orjson.loads((d / MARKER).read_bytes())["spans"]
    assert table.schema.field("kind").type == pa.dictionary(pa.int8(), pa.string())
    assert table.schema.field("start_utf8").type == pa.int64()
    metadata = pq.read_schema(d / "spans" / "part-00000.parquet").metadata
    assert metadata[b"corpuskit.schema_version"] == str(_parquet.SCHEMA_VERSION).encode()
    assert metadata[b"corpuskit.table"] == b"spans"


# -- parts ---------------------------------------------------------------------------


def test_one_article_per_part_gives_a_part_per_article(tricky: Corpus, tmp_path: Path) -> None:
    d = tmp_path / "out"
    assert to_parquet(tricky, d, articles_per_part=1) == 3
    names = ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    assert sorted(os.listdir(d / "articles")) == names
    assert sorted(os.listdir(d / "spans")) == names
    for name, article in zip(names, tricky, strict=True):
        assert pq.read_table(d / "articles" / name).column("article_id").to_pylist() == [article.id]
        ids = set(pq.read_table(d / "spans" / name).column("article_id").to_pylist())
        assert ids == {article.id}
    assert orjson.loads((d / MARKER).read_bytes()) == {
        "format": "corpuskit-parquet",
        "schema_version": 1,
        "written_by": f"corpuskit {corpuskit.__version__}",
        "articles": 3,
        "spans": len(spans_of(d)),
        "parts": 3,
        "articles_per_part": 1,
    }


def test_parts_hold_up_to_articles_per_part(tricky: Corpus, tmp_path: Path) -> None:
    d = tmp_path / "out"
    to_parquet(tricky, d, articles_per_part=2)
    sizes = [pq.read_table(p).num_rows for p in sorted((d / "articles").iterdir())]
    assert sizes == [2, 1]


def test_rows_are_written_in_batches_as_row_groups_of_one_part(
    tricky: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_parquet, "_BATCH_ROWS", 1)  # every article fills a batch
    d = tmp_path / "out"
    to_parquet(tricky, d, articles_per_part=10)
    for table in ("articles", "spans"):
        assert os.listdir(d / table) == ["part-00000.parquet"]
        assert pq.ParquetFile(d / table / "part-00000.parquet").num_row_groups == 3
    assert [r["article_id"] for r in articles_of(d)] == list(tricky.ids)
    by_id = {a.id: a for a in tricky}
    rows = spans_of(d)
    for row in rows:
        check_row(by_id[row["article_id"]], row)
    # Each row group has its own dictionary of subkinds; the values come back right.
    assert [(r["kind"], r["subkind"]) for r in rows if r["kind"] in ("zone", "claim")] == [
        *(
            (kind, value)
            for a in tricky
            for kind, value in [
                *(("zone", z.kind.value) for z in a.zones),
                *(("claim", ",".join(k.value for k in c.kinds)) for c in a.claims),
            ]
        )
    ]


def test_no_articles_give_one_empty_part_per_table(tmp_path: Path) -> None:
    d = tmp_path / "out"
    assert write_parquet([], d) == 0
    assert pq.read_table(d / "articles").num_rows == 0
    assert query(f"SELECT count(*) FROM read_parquet('{d}/spans/*.parquet')") == [(0,)]
    assert len(pq.read_table(d / "spans").schema) == len(_parquet._SPAN_COLUMNS)


@pytest.mark.parametrize(("value", "error"), [(0, ValueError), (-1, ValueError)])
def test_articles_per_part_below_one_is_a_value_error(
    tmp_path: Path, value: int, error: type[Exception]
) -> None:
    with pytest.raises(error, match="articles_per_part must be at least 1"):
        write_parquet([], tmp_path / "out", articles_per_part=value)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("value", [True, 1.5, "2"])
def test_articles_per_part_must_be_an_int(tmp_path: Path, value: Any) -> None:
    with pytest.raises(TypeError, match="articles_per_part must be an int"):
        write_parquet([], tmp_path / "out", articles_per_part=value)


def test_skipped_files_are_left_out(tmp_path: Path) -> None:
    folder = write_files(
        tmp_path / "c",
        {"000_0000000000000001.txt": "One.", "001_0000000000000002.txt": b"bad \xff byte"},
    )
    corpus = Corpus.from_dir(folder, on_error="skip")
    d = tmp_path / "out"
    assert to_parquet(corpus, d) == 1
    assert [r["article_id"] for r in articles_of(d)] == ["0000000000000001"]
    assert [type(e) for e in corpus.skipped] == [DecodeError]


# -- replacing a folder, atomically ----------------------------------------------------


def test_an_earlier_export_is_replaced(seeds: Corpus, tricky: Corpus, tmp_path: Path) -> None:
    parent = tmp_path / "exports"
    d = parent / "out"
    to_parquet(seeds, d, articles_per_part=1)
    assert len(os.listdir(d / "spans")) == 2
    to_parquet(tricky, d)
    assert os.listdir(parent) == ["out"]  # nothing left beside it
    assert listing(d) == [
        MARKER,
        "articles",
        "articles/part-00000.parquet",
        "spans",
        "spans/part-00000.parquet",
    ]
    assert [r["article_id"] for r in articles_of(d)] == list(tricky.ids)


def test_a_failure_midway_keeps_the_old_export(
    seeds: Corpus, tricky: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = tmp_path / "exports"
    d = parent / "out"
    to_parquet(seeds, d)
    before = {p: (d / p).read_bytes() for p in listing(d) if (d / p).is_file()}
    real = _parquet._open_part
    opened: list[Path] = []

    def failing(path: Path, schema: Any) -> Any:
        opened.append(path)
        if len(opened) > 2:  # the first part of both tables is written, then the disk fills
            raise OSError(28, "No space left on device")
        return real(path, schema)

    monkeypatch.setattr(_parquet, "_open_part", failing)
    with pytest.raises(OSError, match="No space left"):
        to_parquet(tricky, d, articles_per_part=1)
    assert [p.name for p in opened] == ["part-00000.parquet"] * 2 + ["part-00001.parquet"]
    assert os.listdir(parent) == ["out"]
    assert {p: (d / p).read_bytes() for p in listing(d) if (d / p).is_file()} == before


def test_a_failure_with_a_part_open_closes_its_files(
    tricky: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files: list[Any] = []
    real = _parquet._open_part

    def tracked(path: Path, schema: Any) -> Any:
        files.append(real(path, schema))
        return files[-1]

    def articles() -> Any:
        yield from tricky
        raise RuntimeError("the source of articles failed")

    monkeypatch.setattr(_parquet, "_open_part", tracked)
    with pytest.raises(RuntimeError, match="source of articles failed"):
        write_parquet(articles(), tmp_path / "out", articles_per_part=2)
    assert len(files) == 4  # part 0 closed, part 1 open when the failure came
    assert all(f.file.closed for f in files)
    assert os.listdir(tmp_path) == ["tricky"]


def test_an_error_reading_articles_keeps_the_old_export(seeds: Corpus, tmp_path: Path) -> None:
    d = tmp_path / "exports" / "out"
    to_parquet(seeds, d)
    before = listing(d)
    folder = write_files(
        tmp_path / "c",
        {"000_0000000000000001.txt": "One.", "001_0000000000000002.txt": b"bad \xff byte"},
    )
    with pytest.raises(DecodeError):
        to_parquet(Corpus.from_dir(folder), d, articles_per_part=1)
    assert os.listdir(tmp_path / "exports") == ["out"]
    assert listing(d) == before
    assert [r["article_id"] for r in articles_of(d)] == list(seeds.ids)


def test_a_failure_on_a_new_folder_leaves_nothing(
    tricky: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(path: Path, schema: Any) -> Any:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(_parquet, "_open_part", failing)
    parent = tmp_path / "exports"
    parent.mkdir()
    with pytest.raises(OSError, match="Input/output error"):
        to_parquet(tricky, parent / "out")
    assert os.listdir(parent) == []


def test_an_empty_folder_is_replaced(tricky: Corpus, tmp_path: Path) -> None:
    d = tmp_path / "out"
    d.mkdir()
    to_parquet(tricky, d)
    assert (d / MARKER).is_file()


def test_missing_parent_folders_are_created(tricky: Corpus, tmp_path: Path) -> None:
    d = tmp_path / "a" / "b" / "out"
    to_parquet(tricky, d)
    assert os.listdir(d.parent) == ["out"]


def test_a_folder_that_is_not_an_export_is_not_replaced(tricky: Corpus, tmp_path: Path) -> None:
    d = tmp_path / "mine"
    d.mkdir()
    (d / "notes.txt").write_text("keep me")
    with pytest.raises(FileExistsError, match="not a corpuskit Parquet export") as info:
        to_parquet(tricky, d)
    assert info.value.filename == str(d.resolve())
    assert listing(d) == ["notes.txt"]
    assert os.listdir(tmp_path) == ["mine", "tricky"]


def test_a_file_is_not_replaced(tricky: Corpus, tmp_path: Path) -> None:
    f = tmp_path / "out"
    f.write_text("keep me")
    with pytest.raises(FileExistsError, match="is a file"):
        to_parquet(tricky, f)
    assert f.read_text() == "keep me"


# -- pyarrow is optional ---------------------------------------------------------------


def test_importing_corpuskit_does_not_import_pyarrow() -> None:
    code = (
        "import sys, corpuskit, corpuskit.io.parquet; "
        "assert 'pyarrow' not in sys.modules, 'pyarrow was imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_without_pyarrow_writing_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    wanted = r"pip install 'corpuskit-news\[parquet\]'"
    with pytest.raises(ModuleNotFoundError, match=wanted) as info:
        write_parquet([], tmp_path / "out")
    assert info.value.name == "pyarrow"
    assert not (tmp_path / "out").exists()


# -- any text --------------------------------------------------------------------------


# Each example writes and reads Parquet files: 100 examples keep CI's share of this under 10 s.
@settings(max_examples=100)
@given(st.lists(any_articles(), max_size=4, unique_by=lambda a: a.id), st.integers(1, 3))
def test_span_rows_slice_their_text_for_any_articles(found: list[Article], per_part: int) -> None:
    # Syncing to disk is most of the time of a small export, and not what this checks.
    with tempfile.TemporaryDirectory() as tmp, mock.patch.object(os, "fsync", return_value=None):
        d = Path(tmp) / "out"
        assert write_parquet(found, d, articles_per_part=per_part) == len(found)
        assert len(os.listdir(d / "spans")) == max(1, -(-len(found) // per_part))
        by_id = {a.id: a for a in found}
        assert [r["text"] for r in articles_of(d)] == [a.text for a in found]
        rows = spans_of(d)
        for row in rows:
            check_row(by_id[row["article_id"]], row)
        kinds = Counter(r["kind"] for r in rows)
        assert kinds["claim"] == sum(len(a.claims) for a in found)
        assert kinds["sentence"] == sum(len(a.sentences) for a in found)


def test_ordinals_up_to_64_bits_are_written(tmp_path: Path) -> None:
    big = Article.from_text("x", id="big", ordinal=2**64 - 1)
    write_parquet([big], tmp_path / "out")
    assert articles_of(tmp_path / "out")[0]["ordinal"] == 2**64 - 1
    # A larger ordinal is no article at all: the Parquet column always holds it.
    with pytest.raises(InvalidArticleError, match="ordinal must be from 0 to 2"):
        Article.from_text("x", id="huge", ordinal=2**64)
