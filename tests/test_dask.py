"""corpuskit.dask: bags of articles and frames of claims, read on a two-worker local cluster."""

from __future__ import annotations

import math
import multiprocessing
import os
import pickle
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

pytest.importorskip("dask")
pytest.importorskip("dask.dataframe")
pytest.importorskip("distributed")

import dask.bag as db
import pandas as pd

import corpuskit
from corpuskit import (
    AnchorError,
    Article,
    ArticleNotFoundError,
    Claim,
    ClaimKind,
    Corpus,
    CorpusKitError,
    DecodeError,
    DuplicateIdError,
    InvalidArticleError,
    InvalidDocumentError,
    OffsetError,
    ReadError,
    SchemaVersionError,
    Span,
    SpanError,
    TooLargeError,
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
MIXED = ROOT / "docs" / "examples" / "mixed"

# An article whose file starts with a byte-order mark and whose claims hold characters of
# two, three and four UTF-8 bytes (one outside the BMP: two UTF-16 units), so that the
# three offset units all differ.
FLOOD = (
    b"\xef\xbb\xbf"
    + (
        "Flood hits riverside town\n\nThe mayor said 1,200 homes 🌊 were damaged by the water on "
        "Monday, up 40% from last year.\n\n“We have lost everything 😢 we had,” said Ana López, "
        "a resident of the town.\n"
    ).encode()
)


@pytest.fixture(scope="module")
def ckdask() -> Iterator[ModuleType]:
    import corpuskit.dask as module

    yield module
    # Importing a submodule binds its name in the package; test_public_api reads every
    # name of the package as public, so leave the package as a plain import leaves it.
    if "dask" in vars(corpuskit):
        delattr(corpuskit, "dask")


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    from distributed import Client, LocalCluster

    before = set(multiprocessing.active_children())
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client
    left = set(multiprocessing.active_children()) - before
    assert not left, f"the cluster left processes running: {left}"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Fourteen articles: ordinals of one to three digits, a name without one, a BOM, emoji."""
    root = tmp_path_factory.mktemp("news")
    seeds = [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]
    for i in range(12):
        # Unpadded ordinals (7 before 14 before 105) sort differently by name.
        (root / f"{i * 7 + (i > 10) * 28}_{i:016x}.txt").write_bytes(seeds[i % 2])
    (root / "flood.txt").write_bytes(FLOOD)
    (root / "0_00000000000000ff.txt").write_bytes(b"\xef\xbb\xbf" + seeds[1])
    (root / "README.md").write_text("not an article", encoding="utf-8")
    (root / "sub").mkdir()
    (root / "sub" / "000_0000000000000abc.txt").write_bytes(seeds[0])
    return root


def span_columns(span: Any) -> tuple[Any, Any, Any]:
    return (None, None, None) if span is None else (span.text, span.start, span.end)


def serial_rows(articles: Iterable[Article]) -> list[tuple[Any, ...]]:
    """The claims of ``articles`` as rows of the frame, offsets converted by hand."""
    rows = []
    for a in articles:
        bom = 3 if a.bom else 0
        for c in a.claims:
            source, cue = c.source, c.cue
            resolved = None if c.attribution is None else c.attribution.resolved
            speaker = resolved if resolved is not None else source
            rows.append(
                (
                    a.id,
                    c.id,
                    c.start,
                    c.end,
                    c.text,
                    ",".join(k.value for k in c.kinds),
                    *span_columns(source),
                    *span_columns(resolved),
                    None if speaker is None else speaker.text,
                    *span_columns(cue),
                    len(a.text[: c.start].encode("utf-16-le")) // 2,
                    len(a.text[: c.end].encode("utf-16-le")) // 2,
                    bom + len(a.text[: c.start].encode("utf-8")),
                    bom + len(a.text[: c.end].encode("utf-8")),
                    ";".join(f"{p.start} {p.end}" for p in c.parts) or None,
                )
            )
    return rows


def frame_rows(df: Any) -> list[tuple[Any, ...]]:
    return [tuple(None if v is pd.NA else v for v in row) for row in df.itertuples(index=False)]


# -- without a cluster ------------------------------------------------------------------


def test_dask_is_imported_only_with_corpuskit_dask() -> None:
    script = (
        "import sys, corpuskit\n"
        "assert 'dask' not in sys.modules, 'import corpuskit imported dask'\n"
        "sys.modules['dask'] = None\n"
        "try:\n"
        "    import corpuskit.dask\n"
        "except ImportError as exc:\n"
        "    print(exc)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert "pip install 'corpuskit-news[dask]'" in out.stdout


def test_articles_survive_pickling() -> None:
    for parsed in Corpus.from_dir(SEEDS):
        # Parsed, with every layer computed: the copy equals it and parses alike.
        _ = parsed.zones, parsed.sentences, parsed.claims, parsed.offsets, parsed.sha256
        copy = pickle.loads(pickle.dumps(parsed))
        assert copy == parsed
        assert copy.claims == parsed.claims
        # Loaded from JSON, before and after its layers are built.
        loaded = Article.from_json(parsed.to_json())
        assert pickle.loads(pickle.dumps(loaded)) == loaded == parsed
        _ = loaded.zones, loaded.claims
        copy = pickle.loads(pickle.dumps(loaded))
        assert copy == loaded
        assert copy.claims == loaded.claims
        # Given claims of its own.
        given = parsed.with_claims(parsed.claims[:2])
        copy = pickle.loads(pickle.dumps(given))
        assert copy == given
        assert copy.claims == given.claims


def every_error() -> list[CorpusKitError]:
    article = Article.from_text("Officials said 40 people left.", id="x")
    with pytest.raises(AnchorError) as anchor:
        article.cite("nothing of the kind here at all")
    return [
        CorpusKitError("root"),
        InvalidArticleError("bad"),
        DecodeError("m", path="a.txt", byte_offset=3, line=1, column=2),
        TooLargeError("file", size=10, limit=5, parameter="max_bytes", path="a.txt"),
        TooLargeError("line", size=9, limit=5, parameter="max_line_bytes", path="b", line=3),
        InvalidDocumentError([("$.id", "bad")], path="a.jsonl", line=2),
        SchemaVersionError(99, 3, path="a.jsonl", line=2),
        SpanError("s"),
        OffsetError("o"),
        ReadError("cannot read", path="a.txt", errno=2),
        DuplicateIdError("x", ["a.txt", "b.txt"]),
        ArticleNotFoundError("x", ["y"], "seeds"),
        anchor.value,
    ]


@pytest.mark.parametrize("error", every_error(), ids=lambda e: type(e).__name__)
def test_errors_survive_pickling(error: CorpusKitError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.args == error.args
    assert vars(copy) == vars(error)


def test_misuse_is_refused_on_the_client(ckdask: ModuleType, folder: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="on_error"):
        ckdask.read_articles(folder, on_error="ignore")
    with pytest.raises(ValueError, match="files_per_partition"):
        ckdask.read_articles(folder, files_per_partition=0)
    (tmp_path / "table.csv").write_text("a,b\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"table\.csv: corpuskit\.dask reads"):
        ckdask.read_articles(tmp_path / "table.csv")
    with pytest.raises(ReadError, match="no file matches the pattern"):
        ckdask.read_articles(str(tmp_path / "*.jsonl"))
    with pytest.raises(ReadError, match="cannot list corpus folder"):
        ckdask.read_articles(tmp_path / "missing")
    with pytest.raises(ReadError, match="cannot read JSON Lines file"):
        ckdask.read_articles(tmp_path / "missing.jsonl")
    with pytest.raises(TypeError, match="read options only with paths"):
        ckdask.claims_frame(ckdask.read_articles(folder), on_error="skip")


def test_object_storage_paths_through_fsspec(ckdask: ModuleType) -> None:
    # fsspec's in-memory filesystem stands in for s3:// or gs://; it lives in this
    # process, so the bags are computed here rather than on the cluster.
    import fsspec

    fs = fsspec.filesystem("memory")
    seeds = sorted(SEEDS.glob("*.txt"))
    fs.pipe(
        {
            f"/news/{seeds[1].name}": seeds[1].read_bytes(),
            f"/news/{seeds[0].name}": seeds[0].read_bytes(),
            "/news/flood.txt": FLOOD,
            "/news/zz_latin1.txt": b"Caf\xe9\n",
            "/lines/seeds.jsonl": "".join(
                a.to_json() + "\n" for a in Corpus.from_dir(SEEDS)
            ).encode(),
        }
    )
    try:
        expected = [
            *Corpus.from_dir(SEEDS),
            Article.from_bytes(FLOOD, id="flood", source="flood.txt"),
        ]
        for paths in ("memory://news", "memory://news/*.txt"):
            bag = ckdask.read_articles(paths, on_error="skip", files_per_partition=2)
            assert bag.compute(scheduler="sync") == expected
            errors = ckdask.read_errors(paths).compute(scheduler="sync")
            assert [(type(e), e.path, e.line) for e in errors] == [
                (DecodeError, "memory:///news/zz_latin1.txt", 1)
            ]
        with pytest.raises(DecodeError, match=r"^memory:///news/zz_latin1\.txt:1:4: "):
            ckdask.read_articles("memory://news").compute(scheduler="sync")
        with pytest.raises(TooLargeError, match=r"^memory:///news/flood\.txt: the file is "):
            ckdask.read_articles("memory://news/flood.txt", max_bytes=100).compute(scheduler="sync")
        bag = ckdask.read_articles("memory://lines/seeds.jsonl", blocksize=1000)
        assert bag.npartitions > 2
        assert bag.compute(scheduler="sync") == expected[:2]
        # The first line is about 7 KB, the second about 10 KB: a limit between them.
        with pytest.raises(TooLargeError, match=r"^memory:///lines/seeds\.jsonl:2: the line "):
            ckdask.read_articles(
                "memory://lines/seeds.jsonl", blocksize=1000, max_line_bytes=8_000
            ).compute(scheduler="sync")
    finally:
        fs.rm(["/news", "/lines"], recursive=True)


# -- on the cluster ---------------------------------------------------------------------


def raise_it(error: CorpusKitError) -> None:
    raise error


def test_errors_raised_in_a_worker_reach_the_client_intact(client: Any) -> None:
    for error in every_error():
        future = client.submit(raise_it, error, pure=False)
        with pytest.raises(type(error)) as caught:
            future.result()
        assert type(caught.value) is type(error)
        assert str(caught.value) == str(error)
        assert vars(caught.value) == vars(error)
        if isinstance(error, OSError):
            assert (caught.value.errno, caught.value.filename) == (error.errno, error.filename)


def test_folder_gives_the_serial_articles_in_order(
    ckdask: ModuleType, client: Any, folder: Path
) -> None:
    serial = list(Corpus.from_dir(folder))
    assert len(serial) == 14
    bag = ckdask.read_articles(folder, files_per_partition=4)
    assert bag.npartitions == math.ceil(14 / 4)
    assert bag.compute() == serial
    assert ckdask.read_articles(str(folder)).compute() == serial
    # Parsing happens in the workers: only the counts come back.
    counts = bag.map(lambda a: (a.id, len(a.claims), os.getpid())).compute()
    assert [(i, n) for i, n, _ in counts] == [(a.id, len(a.claims)) for a in serial]
    assert os.getpid() not in {pid for _, _, pid in counts}


def test_claims_frame_gives_the_serial_claims(
    ckdask: ModuleType, client: Any, folder: Path
) -> None:
    serial = list(Corpus.from_dir(folder))
    articles = ckdask.read_articles(folder, files_per_partition=4)
    frame = ckdask.claims_frame(articles)
    assert frame.npartitions == articles.npartitions
    df = frame.compute()
    assert dict(df.dtypes) == dict(frame.dtypes)
    rows = frame_rows(df)
    assert rows == serial_rows(serial)
    assert len(rows) > 100
    assert frame_rows(ckdask.claims_frame(folder).compute()) == rows


def test_claims_frame_writes_parquet(
    ckdask: ModuleType, client: Any, folder: Path, tmp_path: Path
) -> None:
    frame = ckdask.claims_frame(folder, files_per_partition=5)
    frame.to_parquet(tmp_path / "claims", write_index=False)
    assert sorted(p.name for p in (tmp_path / "claims").iterdir()) == [
        "part.0.parquet",
        "part.1.parquet",
        "part.2.parquet",
    ]
    back = pd.read_parquet(tmp_path / "claims")
    assert dict(back.dtypes) == dict(frame.dtypes)
    assert frame_rows(back) == serial_rows(Corpus.from_dir(folder))


def test_frame_offsets_slice_the_text_in_every_unit(
    ckdask: ModuleType, client: Any, folder: Path
) -> None:
    by_id = {a.id: a for a in Corpus.from_dir(folder)}
    df = ckdask.claims_frame(folder, files_per_partition=5).compute()
    units_differ = 0
    for row in df.itertuples(index=False):
        a = by_id[row.article_id]
        raw, utf16 = a.to_bytes(), a.text.encode("utf-16-le")
        assert a.text[row.start : row.end] == row.text
        assert raw[row.start_utf8 : row.end_utf8].decode("utf-8") == row.text
        assert utf16[2 * row.start_utf16 : 2 * row.end_utf16].decode("utf-16-le") == row.text
        if row.source is not pd.NA:
            assert a.text[row.source_start : row.source_end] == row.source
        if row.cue is not pd.NA:
            assert a.text[row.cue_start : row.cue_end] == row.cue
        units_differ += row.start_utf8 != row.start and row.end_utf16 != row.end
    assert units_differ > 0


def test_claims_frame_gives_the_resolved_speaker_and_the_parts(
    ckdask: ModuleType, client: Any
) -> None:
    text = (
        "Jobs\n\nMaria Lindqvist, an economist at Nordbank, said rates would rise. "
        "She said inflation would fall. The bank, he said, would cut 400 jobs 😀 this year.\n"
    )
    article = Article.from_text(text, id="jobs")
    start, end = text.index("The bank"), text.index(" this year")
    gap = text.index("would cut")
    in_parts = Claim(
        start,
        end,
        text[start:end],
        "jobs:bank",
        (ClaimKind.REPORTED_SPEECH,),
        (),
        None,
        (),
        parts=(Span.of(text, start, start + 8), Span.of(text, gap, end)),
    )
    article = article.with_claims([*article.claims[:2], in_parts])
    df = ckdask.claims_frame(db.from_sequence([article], npartitions=1)).compute()
    rows = frame_rows(df[["source", "resolved", "resolved_start", "speaker", "parts"]])
    economist = "Maria Lindqvist, an economist at Nordbank"
    assert rows == [
        (economist, None, None, economist, None),
        ("She", "Maria Lindqvist", 6, "Maria Lindqvist", None),
        (None, None, None, None, f"{start} {start + 8};{gap} {end}"),
    ]
    assert frame_rows(df) == serial_rows([article])
    assert df["resolved_end"][1] == text.index(",")
    # A part's text is the claim's text at the part's offsets.
    row = df.iloc[2]
    pieces = [tuple(map(int, piece.split())) for piece in row["parts"].split(";")]
    assert [row["text"][a - row["start"] : b - row["start"]] for a, b in pieces] == [
        "The bank",
        "would cut 400 jobs 😀",
    ]


@pytest.fixture(scope="module")
def jsonl_dir(tmp_path_factory: pytest.TempPathFactory, folder: Path) -> Path:
    """The folder's articles written as two JSON Lines files, ``part1`` then ``part2``."""
    out = tmp_path_factory.mktemp("jsonl")
    files = Corpus.from_dir(folder).files
    for name, part in (("part1", files[:6]), ("part2", files[6:])):
        sub = tmp_path_factory.mktemp(name)
        for f in part:
            shutil.copy(f.path, sub)
        Corpus.from_dir(sub).to_jsonl(out / f"{name}.jsonl")
    return out


def test_jsonl_glob_and_list_give_the_same_claims(
    ckdask: ModuleType, client: Any, folder: Path, jsonl_dir: Path
) -> None:
    serial = list(Corpus.from_dir(folder))
    part1, part2 = jsonl_dir / "part1.jsonl", jsonl_dir / "part2.jsonl"
    bag = ckdask.read_articles(str(jsonl_dir / "*.jsonl"), blocksize=40_000)
    assert bag.npartitions > 2  # several blocks a file
    assert bag.compute() == serial
    glob_rows = frame_rows(ckdask.claims_frame(bag).compute())
    assert glob_rows == serial_rows(serial)
    listed = ckdask.claims_frame([part2, part1], blocksize=None)
    assert listed.npartitions == 2
    assert frame_rows(listed.compute()) == serial_rows([*serial[6:], *serial[:6]])


def test_bad_raw_file_raises_or_is_skipped(ckdask: ModuleType, client: Any, tmp_path: Path) -> None:
    mixed = shutil.copytree(MIXED, tmp_path / "mixed")
    with pytest.raises(DecodeError) as serial:
        list(Corpus.from_dir(mixed))
    with pytest.raises(DecodeError) as raised:
        ckdask.read_articles(mixed, files_per_partition=1).compute()
    # The error crosses from the worker intact: its message and every attribute.
    assert str(raised.value) == str(serial.value)
    assert vars(raised.value) == vars(serial.value)

    skipping = Corpus.from_dir(mixed, on_error="skip")
    expected = list(skipping)
    articles = ckdask.read_articles(mixed, on_error="skip", files_per_partition=1)
    errors = ckdask.read_errors(mixed, files_per_partition=1)
    assert set(articles.dask) & set(errors.dask)  # computed together, files are read once
    got_articles, got_errors = client.compute([articles, errors], sync=True)
    assert got_articles == expected
    assert [vars(e) for e in got_errors] == [vars(e) for e in skipping.skipped]

    # A missing file named in a list: its ReadError keeps errno and filename.
    with pytest.raises(ReadError) as missing:
        ckdask.read_articles([mixed / "notes.txt", mixed / "gone.txt"]).compute()
    assert missing.value.errno == 2
    assert missing.value.filename == str(mixed / "gone.txt")
    assert str(missing.value).startswith(f"{mixed / 'gone.txt'}: cannot read article file")


def test_bad_jsonl_lines_raise_or_are_skipped_with_their_line(
    ckdask: ModuleType, client: Any, jsonl_dir: Path, tmp_path: Path
) -> None:
    lines = (jsonl_dir / "part2.jsonl").read_bytes().splitlines(keepends=True)
    lines[4] = b'{"schema_version": 3, "id": "has-no-text"}\n'
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b"".join(lines))
    with pytest.raises(InvalidDocumentError) as serial:
        list(iter(Corpus.from_jsonl(bad)))  # iterating, as read_articles does
    with pytest.raises(InvalidDocumentError) as raised:
        ckdask.read_articles(bad, blocksize=15_000).compute()
    # Lines of about 7 and 10 KB: line 5 starts in the third block, and is counted
    # when the error needs it.
    assert raised.value.line == 5
    assert str(raised.value) == str(serial.value)

    lines.insert(6, b"\n")  # blank lines are passed over, and counted
    lines.insert(7, b"x" * 90_000 + b"\n")
    worse = tmp_path / "worse.jsonl"
    worse.write_bytes(b"".join(lines))
    skipping = Corpus.from_jsonl(worse, on_error="skip", max_line_bytes=80_000)
    expected = list(iter(skipping))
    assert [(type(e), e.line) for e in skipping.skipped] == [
        (InvalidDocumentError, 5),
        (TooLargeError, 8),
    ]
    options = {"blocksize": 50_000, "max_line_bytes": 80_000}
    assert ckdask.read_articles(worse, on_error="skip", **options).compute() == expected
    errors = ckdask.read_errors(worse, **options).compute()
    assert [str(e) for e in errors] == [str(e) for e in skipping.skipped]


def test_duplicate_ids_across_a_list(ckdask: ModuleType, client: Any, tmp_path: Path) -> None:
    seed = SEEDS / "000_dd2c270fb12b86b0.txt"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = Path(shutil.copy(seed, tmp_path / "a"))
    second = Path(shutil.copy(seed, tmp_path / "b"))
    with pytest.raises(DuplicateIdError, match="claimed by 2 files"):
        ckdask.read_articles([tmp_path / "a", tmp_path / "b"])
    kept = ckdask.read_articles([first, second], on_error="skip")
    assert kept.compute() == [Article.from_path(seed)]
    (error,) = ckdask.read_errors([first, second]).compute()
    assert isinstance(error, DuplicateIdError)
    assert error.paths == (str(first), str(second))


def test_empty_folder_gives_empty_results(ckdask: ModuleType, client: Any, tmp_path: Path) -> None:
    assert ckdask.read_articles(tmp_path).compute() == []
    frame = ckdask.claims_frame(tmp_path)
    df = frame.compute()
    assert len(df) == 0
    assert dict(df.dtypes) == dict(frame.dtypes)
