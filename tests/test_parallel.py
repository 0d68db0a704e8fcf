"""Parsing on several cores gives the serial result, and corpora hold memory flat."""

from __future__ import annotations

import gc
import hashlib
import os
import random
import shutil
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import orjson
import pytest

import corpuskit.model.tables
from corpuskit import (
    Article,
    Corpus,
    CorpusFile,
    CorpusKitError,
    DecodeError,
    DuplicateIdError,
    InvalidDocumentError,
    ReadError,
    TooLargeError,
)
from corpuskit.__main__ import main
from corpuskit.corpus.parallel import AHEAD, in_order
from corpuskit.model.tables import FingerprintSet, IdIndex, StringTable
from corpuskit.model.units import OffsetUnit

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_TEXTS = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def hex_id(i: int) -> str:
    return hashlib.blake2b(str(i).encode(), digest_size=8).hexdigest()


def described(errors: tuple[CorpusKitError, ...]) -> list[tuple[type, str, dict[str, object]]]:
    return [(type(e), str(e), vars(e)) for e in errors]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of 200 files: pieces of the seeds, some not UTF-8, some too large."""
    folder = tmp_path_factory.mktemp("mixed")
    for i in range(200):
        text = SEED_TEXTS[i % 2]
        data = text[: 200 + (i * 37) % 1500].encode("utf-8")
        if i % 23 == 5:
            data = data[:50] + b"\xe9" + data[50:]  # not UTF-8
        if i % 31 == 7:
            data = text.encode("utf-8") * 2  # over the limit the tests read with
        name = f"{i:03d}_{hex_id(i)}.txt" if i % 50 else f"extra-{i}.txt"
        (folder / name).write_bytes(data)
    return folder


LIMIT = 5_000  # max_bytes: the files made of a seed twice are over it


BAD_FILES = sum(1 for i in range(200) if i % 23 == 5 or i % 31 == 7)


# -- the same output as a serial run ------------------------------------------------------


@pytest.mark.parametrize("offsets", ["codepoint", "utf16"])
def test_parallel_to_jsonl_of_the_seeds_is_the_serial_file(
    tmp_path: Path, offsets: OffsetUnit
) -> None:
    corpus = Corpus.from_dir(SEEDS)
    assert corpus.to_jsonl(tmp_path / "1.jsonl", offsets=offsets) == 2
    assert corpus.to_jsonl(tmp_path / "2.jsonl", offsets=offsets, jobs=2) == 2
    assert (tmp_path / "1.jsonl").read_bytes() == (tmp_path / "2.jsonl").read_bytes()


def test_parallel_to_jsonl_skips_what_serial_skips_in_the_same_order(
    mixed: Path, tmp_path: Path
) -> None:
    serial = Corpus.from_dir(mixed, on_error="skip", max_bytes=LIMIT)
    parallel = Corpus.from_dir(mixed, on_error="skip", max_bytes=LIMIT)
    written = serial.to_jsonl(tmp_path / "1.jsonl", normalized=["nfkc"])
    assert parallel.to_jsonl(tmp_path / "2.jsonl", normalized=["nfkc"], jobs=2) == written
    assert written == 200 - BAD_FILES
    assert (tmp_path / "1.jsonl").read_bytes() == (tmp_path / "2.jsonl").read_bytes()
    assert described(parallel.skipped) == described(serial.skipped)
    kinds = {type(e) for e in parallel.skipped}
    assert kinds == {DecodeError, TooLargeError}


def test_parallel_to_jsonl_raises_the_serial_error_and_keeps_the_old_file(
    mixed: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"old\n")
    with pytest.raises(CorpusKitError) as serial:
        Corpus.from_dir(mixed, max_bytes=LIMIT).to_jsonl(out)
    with pytest.raises(CorpusKitError) as parallel:
        Corpus.from_dir(mixed, max_bytes=LIMIT).to_jsonl(out, jobs=2)
    assert type(parallel.value) is type(serial.value) is DecodeError
    assert str(parallel.value) == str(serial.value)
    assert vars(parallel.value) == vars(serial.value)
    assert out.read_bytes() == b"old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]  # no temporary left


def test_parallel_read_errors_cross_processes_intact(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    corpus = Corpus.from_dir(folder, on_error="skip")
    os.remove(folder / "000_dd2c270fb12b86b0.txt")  # gone after listing: a ReadError
    assert corpus.to_jsonl(tmp_path / "out.jsonl", jobs=2) == 1
    (error,) = corpus.skipped
    assert isinstance(error, ReadError)
    assert error.errno == 2
    assert error.filename == error.path == str(folder / "000_dd2c270fb12b86b0.txt")


def test_parallel_parsed_articles_equal_the_serial_ones_in_order(mixed: Path) -> None:
    serial = Corpus.from_dir(mixed, on_error="skip", max_bytes=LIMIT)
    parallel = Corpus.from_dir(mixed, on_error="skip", max_bytes=LIMIT)
    expected = list(serial.parsed())
    got = list(parallel.parsed(jobs=2))
    assert [a.id for a in got] == [a.id for a in expected] == [a.id for a in serial]
    assert got == expected
    for a, b in zip(got, expected, strict=True):
        assert (a.zones, a.sentences, a.quotes, a.claims) == (
            b.zones,
            b.sentences,
            b.quotes,
            b.claims,
        )
    assert described(parallel.skipped) == described(serial.skipped)


def test_parallel_parsed_raises_the_error_of_the_first_bad_file(mixed: Path) -> None:
    with pytest.raises(DecodeError) as caught:
        list(Corpus.from_dir(mixed, max_bytes=LIMIT).parsed(jobs=2))
    with pytest.raises(DecodeError) as serial:
        list(Corpus.from_dir(mixed, max_bytes=LIMIT))
    assert str(caught.value) == str(serial.value)


def test_parallel_parsed_can_be_left_early(mixed: Path) -> None:
    articles = Corpus.from_dir(mixed, on_error="skip", max_bytes=LIMIT).parsed(jobs=2)
    first = [next(articles) for _ in range(3)]
    articles.close()  # the workers stop; nothing hangs
    assert [a.id for a in first] == [hex_id(i) for i in (1, 2, 3)]


def test_parallel_jsonl_corpus_is_read_serially_with_the_same_result(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    Corpus.from_dir(SEEDS).to_jsonl(path)
    corpus = Corpus.from_jsonl(path)
    assert list(corpus.parsed(jobs=2)) == list(Corpus.from_dir(SEEDS))
    assert corpus.to_jsonl(tmp_path / "again.jsonl", jobs=2) == 2
    assert (tmp_path / "again.jsonl").read_bytes() == path.read_bytes()


@pytest.mark.parametrize(("jobs", "error"), [(-1, ValueError), ("2", TypeError), (True, TypeError)])
def test_parallel_jobs_must_be_a_count(tmp_path: Path, jobs: object, error: type) -> None:
    corpus = Corpus.from_dir(SEEDS)
    with pytest.raises(error, match="jobs"):
        corpus.to_jsonl(tmp_path / "x.jsonl", jobs=jobs)  # type: ignore[arg-type]
    with pytest.raises(error, match="jobs"):
        corpus.parsed(jobs=jobs)  # type: ignore[arg-type]
    assert not (tmp_path / "x.jsonl").exists()


def test_parallel_jobs_zero_or_none_means_every_core(tmp_path: Path) -> None:
    corpus = Corpus.from_dir(SEEDS)
    assert corpus.to_jsonl(tmp_path / "a.jsonl", jobs=0) == 2
    assert corpus.to_jsonl(tmp_path / "b.jsonl", jobs=None) == 2
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()


def test_parallel_cli_jobs_writes_the_serial_file(
    mixed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", str(mixed), "-o", str(tmp_path / "1.jsonl"), "-q"]) == 1
    serial = capsys.readouterr()
    assert main(["parse", str(mixed), "-o", str(tmp_path / "2.jsonl"), "-q", "--jobs", "2"]) == 1
    parallel = capsys.readouterr()
    assert (tmp_path / "1.jsonl").read_bytes() == (tmp_path / "2.jsonl").read_bytes()
    assert parallel.err == serial.err  # the same files skipped, in the same order
    assert parallel.err.count("skipped: ") == sum(1 for i in range(200) if i % 23 == 5)


def test_parallel_cli_rejects_a_negative_jobs(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["parse", "-j", "-1"])
    assert caught.value.code == 2
    assert "give 1 or more, or 0 for one per core" in capsys.readouterr().err


def test_parallel_keeps_a_few_chunks_in_flight() -> None:
    pulled = 0

    def chunks() -> Iterator[list[int]]:
        nonlocal pulled
        for i in range(1_000):
            pulled += 1
            yield [i] * (i % 5)

    results = in_order(len, chunks(), 2)
    assert next(results) == 0
    assert pulled <= 2 * AHEAD + 1  # not the thousand chunks at once
    assert list(results) == [i % 5 for i in range(1, 1_000)]
    assert pulled == 1_000


# -- memory that does not grow with the articles seen ---------------------------------------


def tiny_lines(n: int) -> Iterator[bytes]:
    template = Article("0000000000000000", "A short text.", ordinal=0).to_json().encode() + b"\n"
    for i in range(n):
        yield template.replace(b"0000000000000000", hex_id(i).encode())


def traced(run: Callable[[], object]) -> int:
    """Return the bytes allocated and still held after ``run()``."""
    gc.collect()
    before = tracemalloc.get_traced_memory()[0]
    kept = run()
    gc.collect()
    held = tracemalloc.get_traced_memory()[0] - before
    del kept
    return held


@pytest.fixture
def tracing() -> Iterator[None]:
    tracemalloc.start()
    try:
        yield
    finally:
        tracemalloc.stop()


def test_memory_streaming_json_lines_keeps_a_few_bytes_an_article(
    tmp_path: Path, tracing: None
) -> None:
    n = 10_000
    path = tmp_path / "tiny.jsonl"
    path.write_bytes(b"".join(tiny_lines(n)))
    corpus = Corpus.from_jsonl(path)
    articles = iter(corpus)

    def stream() -> None:
        for count, _ in enumerate(articles, 1):
            if count == n:
                return  # measured while the stream, and what it keeps, is alive

    held = traced(stream)
    assert held / n < 40  # a 64-bit hash of each id (a dict of ids took over 100)
    index = traced(lambda: len(corpus))
    assert index / n < 100  # ids, offsets and lines in arrays (a dict of objects took 240)


def test_memory_folder_listing_is_compact_and_iterating_keeps_nothing(
    tmp_path: Path, tracing: None
) -> None:
    n = 5_000
    folder = tmp_path / "tiny"
    folder.mkdir()
    for i in range(n):
        (folder / f"{i:07d}_{hex_id(i)}.txt").write_bytes(b"A short text.")
    corpus: list[Corpus] = []
    listed = traced(lambda: corpus.append(Corpus.from_dir(folder)))
    (opened,) = corpus
    assert listed / n < 80  # a CorpusFile and a dict entry a file took over 300
    articles = iter(opened)

    def iterate() -> None:
        for count, _ in enumerate(articles, 1):
            if count == n:
                return

    assert traced(iterate) / n < 2
    assert len(opened) == n
    assert opened.files[123] == CorpusFile(
        hex_id(123), 123, str(folder / f"0000123_{hex_id(123)}.txt")
    )


# -- the compact tables -----------------------------------------------------------------------


def test_tables_string_table_round_trips_any_string() -> None:
    table = StringTable()
    values = ["", "abc", "ünïcödé", "\udcff-from-a-bad-name", "x" * 1000]
    for v in values:
        table.append(v)
    assert [table[i] for i in range(len(values))] == values
    assert list(table) == values


def test_tables_id_index_finds_the_first_position_and_grows() -> None:
    ids: list[str] = []
    index = IdIndex(ids.__getitem__)
    for i in range(5_000):
        assert index.add(str(i), len(ids)) is None
        ids.append(str(i))
    assert index.add("17", len(ids)) == 17
    assert all(index.find(str(i)) == i for i in range(0, 5_000, 7))
    assert index.find("nope") is None
    near, at = index.near("2500", 2, 2)
    assert near == ["25", "250", "2500", "2501"]
    assert near[at] == "2500"


def test_tables_id_index_agrees_with_a_dict() -> None:
    rng = random.Random(7)
    ids: list[str] = []
    index = IdIndex(ids.__getitem__)
    first: dict[str, int] = {}
    for _ in range(3_000):
        value = str(rng.randrange(1_000))
        earlier = index.add(value, len(ids))
        assert earlier == first.get(value)
        if earlier is None:
            first[value] = len(ids)
            ids.append(value)
        elif rng.random() < 0.5:
            ids.append(value)  # a repeat that is kept, as the constructor keeps files
    assert len(index) == len(first)
    assert all(index.find(value) == at for value, at in first.items())


def test_tables_fingerprint_set_tells_new_strings() -> None:
    seen = FingerprintSet()
    assert all(seen.add(str(i)) for i in range(10_000))
    assert not any(seen.add(str(i)) for i in range(0, 10_000, 3))
    assert len(seen) == 10_000


def test_tables_repeated_ids_are_found_even_when_every_hash_collides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = list(tiny_lines(40))
    bad = orjson.loads(lines[5])
    bad["claims"] = "not a list"
    doc = orjson.dumps(bad) + b"\n"
    # Line 6 claims the id of line 7 but does not load; line 9 repeats line 7.
    path = tmp_path / "c.jsonl"
    path.write_bytes(b"".join([*lines[:5], doc, lines[5], lines[6], lines[5], *lines[7:]]))
    expected = [a.id for a in Corpus.from_jsonl(path, on_error="skip")]
    monkeypatch.setattr(corpuskit.model.tables, "hash", lambda _: 12345, raising=False)
    corpus = Corpus.from_jsonl(path, on_error="skip")
    assert [a.id for a in corpus] == expected == [hex_id(i) for i in range(40)]
    invalid, repeated = corpus.skipped
    assert isinstance(invalid, InvalidDocumentError)
    assert invalid.line == 6
    assert isinstance(repeated, DuplicateIdError)
    assert repeated.paths == (f"{path}:7", f"{path}:9")
    assert corpus[hex_id(30)].id == hex_id(30)
    assert hex_id(41) not in corpus
