"""JSON Lines from streams: a FIFO, a pipe, standard input, a stream given open.

A stream can be read once: `Corpus.from_jsonl` copies it, as far as it is
used, into a private temporary file and reads that from then on, so that
iteration, ``len()``, ``ids``, ``in``, lookup by id, the check for repeated
ids and the line numbers of errors are as for a file.  On the command line
``-`` is standard input, read as JSON Lines.

FIFOs are fed by `fifos.fed_fifo`, which lets a second reader go with
end-of-file: code that reads a FIFO twice gets wrong results here instead of
hanging.  Commands run in a subprocess are given a timeout for the same reason.
"""

from __future__ import annotations

import gc
import io
import os
import pickle
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import orjson
import pytest
from fifos import fed_fifo

from corpuskit import (
    Article,
    Corpus,
    DuplicateIdError,
    InvalidDocumentError,
    ReadError,
    load_seeds,
)
from corpuskit.__main__ import main

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
TIMEOUT = 60  # seconds for one command; a hang fails the test
FIRST, SECOND = "dd2c270fb12b86b0", "09ca764c561f071a"


@pytest.fixture(scope="module")
def lines() -> list[bytes]:
    """The seed articles as JSON Lines, one line each."""
    return [orjson.dumps(a.to_dict(), option=orjson.OPT_APPEND_NEWLINE) for a in load_seeds()]


@pytest.fixture
def spools(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder of its own, where the copies of streams go, to count them."""
    folder = tmp_path / "spools"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _one_line_at_a_time(data: bytes) -> io.BufferedReader:
    """A stream that gives one line per read, as a slow pipe does."""

    class Lines(io.RawIOBase):
        def __init__(self) -> None:
            self.rest = data

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            end = self.rest.find(b"\n") + 1 or len(self.rest)
            piece, self.rest = self.rest[: min(end, len(buffer))], self.rest[end:]
            buffer[: len(piece)] = piece
            return len(piece)

    return io.BufferedReader(Lines(), 1)


def _doc(article_id: str, text: str = "One line.\n") -> bytes:
    article = Article.from_text(text, id=article_id)
    return orjson.dumps(article.to_dict(), option=orjson.OPT_APPEND_NEWLINE)


# -- Corpus.from_jsonl on a FIFO ------------------------------------------------------------


@needs_fifo
def test_fifo_lookup_then_iteration_len_and_ids(
    tmp_path: Path, lines: list[bytes], spools: Path
) -> None:
    fifo = tmp_path / "corpus.jsonl"
    with fed_fifo(fifo, b"".join(lines)) as writer:
        corpus = Corpus.from_jsonl(fifo)
        assert corpus[SECOND].id == SECOND  # the index, before any iteration
        assert [a.id for a in corpus] == [FIRST, SECOND]
        assert len(corpus) == 2
        assert corpus.ids == (FIRST, SECOND)
        assert FIRST in corpus
        assert corpus[FIRST] == load_seeds()[FIRST]
        assert [a.id for a in corpus] == [FIRST, SECOND]  # a second pass reads the copy
        assert writer.wait(TIMEOUT) == 0  # the stream was read to its end, once
    assert corpus.path == str(fifo)
    corpus.close()
    assert list(spools.iterdir()) == []


@needs_fifo
def test_fifo_iteration_then_lookup(tmp_path: Path, lines: list[bytes], spools: Path) -> None:
    fifo = tmp_path / "corpus.jsonl"
    with fed_fifo(fifo, b"".join(lines)):
        corpus = Corpus.from_jsonl(fifo)
        assert [a.id for a in corpus] == [FIRST, SECOND]
        assert len(corpus) == 2
        assert corpus.ids == (FIRST, SECOND)
        assert corpus[FIRST].id == FIRST
    del corpus
    gc.collect()
    assert list(spools.iterdir()) == []  # removed with the corpus


@needs_fifo
def test_fifo_repeated_id_is_a_duplicate_id_error_naming_both_lines(
    tmp_path: Path, lines: list[bytes], spools: Path
) -> None:
    fifo = tmp_path / "dup.jsonl"
    with fed_fifo(fifo, lines[0] + lines[1] + lines[0]):
        corpus = Corpus.from_jsonl(fifo)
        with pytest.raises(DuplicateIdError) as info:
            list(corpus)
        assert info.value.paths == (f"{fifo}:1", f"{fifo}:3")
        with pytest.raises(DuplicateIdError, match=r"dup\.jsonl:1, .*dup\.jsonl:3"):
            len(corpus)  # the index reads the copy, and finds it too


@needs_fifo
def test_fifo_invalid_line_names_its_line(tmp_path: Path, lines: list[bytes], spools: Path) -> None:
    fifo = tmp_path / "bad.jsonl"
    with fed_fifo(fifo, lines[0] + b'{"schema_version": 4, "id": "x", "text": 5}\n' + lines[1]):
        corpus = Corpus.from_jsonl(fifo, on_error="skip")
        assert [a.id for a in corpus] == [FIRST, SECOND]
        (error,) = corpus.skipped
        assert isinstance(error, InvalidDocumentError)
        assert error.line == 2
        assert str(error).startswith(f"{fifo}:2: $.")
        assert corpus.ids == (FIRST, "x", SECOND)  # the index reads ids only, as for a file
        with pytest.raises(InvalidDocumentError, match=r"bad\.jsonl:2: \$\."):
            corpus["x"]


# -- streams given open -------------------------------------------------------------------------


def test_stream_given_open_reads_like_a_file(lines: list[bytes], spools: Path) -> None:
    stream = io.BytesIO(b"".join(lines))
    with Corpus.from_jsonl(stream) as corpus:
        assert corpus.path == "<stream>"
        assert corpus[SECOND].id == SECOND
        assert [a.id for a in corpus] == [FIRST, SECOND]
        assert (len(corpus), corpus.ids) == (2, (FIRST, SECOND))
        assert len(list(spools.iterdir())) == 1
    assert list(spools.iterdir()) == []
    assert not stream.closed  # the caller's to close
    with pytest.raises(ReadError, match="the corpus was closed"):
        list(corpus)


def test_stream_error_names_the_stream_and_line(lines: list[bytes]) -> None:
    stream = io.BytesIO(lines[0] + b"\n" + lines[1][:300])
    stream.name = "<stdin>"  # type: ignore[attr-defined]
    corpus = Corpus.from_jsonl(stream)
    with pytest.raises(InvalidDocumentError) as info:
        list(corpus)
    assert str(info.value).startswith("<stdin>:3: $: not valid JSON")
    assert "was the file cut short?" in str(info.value)


def test_stream_iteration_yields_a_line_before_the_stream_ends(lines: list[bytes]) -> None:
    read, write = os.pipe()
    with open(read, "rb", buffering=0) as source, open(write, "wb", buffering=0) as sink:
        corpus = Corpus.from_jsonl(source)
        got: list[str] = []
        articles = iter(corpus)
        reader = threading.Thread(target=lambda: got.append(next(articles).id), daemon=True)
        sink.write(lines[0])
        reader.start()
        reader.join(TIMEOUT)
        arrived = list(got)
        sink.write(lines[1])
        sink.close()  # lets a reader that waited for the end go
        reader.join(TIMEOUT)
        assert arrived == [FIRST]  # before the stream ended
        assert [a.id for a in articles] == [SECOND]
        corpus.close()


def test_stream_repeated_ids_are_found_as_the_stream_comes(spools: Path) -> None:
    ids = [f"a{i}" for i in range(1, 31)]
    data = b"".join(_doc(i) for i in ids) * 2
    corpus = Corpus.from_jsonl(_one_line_at_a_time(data), on_error="skip")
    assert [a.id for a in corpus] == ids
    assert [e.paths for e in corpus.skipped] == [
        (f"<stream>:{n}", f"<stream>:{n + 30}") for n in range(1, 31)
    ]
    assert corpus.ids == tuple(ids)


def test_stream_partly_iterated_then_counted(lines: list[bytes]) -> None:
    corpus = Corpus.from_jsonl(_one_line_at_a_time(b"".join(lines)))
    articles = iter(corpus)
    assert next(articles).id == FIRST
    assert len(corpus) == 2  # reads the rest of the stream into the copy
    assert next(articles).id == SECOND
    assert [a.id for a in corpus] == [FIRST, SECOND]


def test_stream_that_fails_is_not_read_again() -> None:
    class Failing(io.RawIOBase):
        calls = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            Failing.calls += 1
            raise OSError(5, "Input/output error")

    corpus = Corpus.from_jsonl(io.BufferedReader(Failing()))
    for _ in range(2):
        with pytest.raises(ReadError, match=r"<stream>: cannot read JSON Lines stream: Input/out"):
            len(corpus)
    assert Failing.calls == 1


def test_stream_that_gives_text_is_misuse_and_not_read_again() -> None:
    class Text(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def read(self, size: int = -1) -> str:  # type: ignore[override]
            return "{}\n"

    corpus = Corpus.from_jsonl(Text())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not bytes: pass a binary stream"):
        len(corpus)
    with pytest.raises(ReadError, match=r"stopped part way \(TypeError\)"):
        len(corpus)


def test_stream_without_room_for_its_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    corpus = Corpus.from_jsonl(io.BytesIO(b"{}\n"))
    with pytest.raises(ReadError, match=r"<stream>: cannot make a temporary file to hold"):
        list(corpus)


def test_stream_closed_before_use_is_a_read_error() -> None:
    corpus = Corpus.from_jsonl(io.BytesIO(b""))
    corpus.close()
    with pytest.raises(ReadError, match="the corpus was closed"):
        len(corpus)


@needs_fifo
def test_fifo_gone_before_use_is_a_read_error_naming_it(tmp_path: Path) -> None:
    fifo = tmp_path / "gone.jsonl"
    with fed_fifo(fifo, b""):
        corpus = Corpus.from_jsonl(fifo)  # a FIFO is not opened here: its writer may be late
        fifo.unlink()
        with pytest.raises(ReadError, match=r"gone\.jsonl: cannot read JSON Lines stream: No "):
            len(corpus)


def test_what_from_jsonl_takes(
    tmp_path: Path, lines: list[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(TypeError, match=r"sys\.stdin\.buffer"):
        Corpus.from_jsonl(io.StringIO(""))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="a path or a binary stream, got int"):
        Corpus.from_jsonl(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(Corpus.from_jsonl(io.BytesIO(lines[0])))
    # "-" is a file name in Python, as open() has it; sys.stdin.buffer is standard input.
    (tmp_path / "-").write_bytes(lines[0])
    monkeypatch.chdir(tmp_path)
    assert Corpus.from_jsonl("-").ids == (FIRST,)


# -- the command line -----------------------------------------------------------------------


def _corpuskit(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command in a subprocess, with this test run's PYTHONPATH; fail on a hang."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "corpuskit", *args],
            input=None if stdin is None else stdin.decode("utf-8"),
            stdin=subprocess.DEVNULL if stdin is None else None,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"corpuskit {' '.join(args)} hung for {TIMEOUT} s")
    return done


@pytest.fixture
def stdin_of(monkeypatch: pytest.MonkeyPatch) -> object:
    """Give ``main`` this data on standard input: ``stdin_of(data)``."""

    def give(data: bytes) -> None:
        buffer = io.BytesIO(data)
        buffer.name = "<stdin>"  # type: ignore[attr-defined]  # as sys.stdin.buffer is named
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(buffer, encoding="utf-8"))

    return give


@needs_fifo
@pytest.mark.parametrize("where", [[], ["--jsonl"]], ids=["positional", "--jsonl"])
def test_cli_show_reads_a_fifo(tmp_path: Path, lines: list[bytes], where: list[str]) -> None:
    fifo = tmp_path / "fifo.jsonl"
    with fed_fifo(fifo, b"".join(lines)):
        done = _corpuskit("show", SECOND, *where, str(fifo), "--color", "never")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"001_{SECOND}.txt  id={SECOND}")


@needs_fifo
def test_cli_claims_reads_a_fifo_of_any_name(tmp_path: Path, lines: list[bytes]) -> None:
    fifo = tmp_path / "pipe"  # as <(zcat corpus.jsonl.gz) gives /dev/fd/63
    with fed_fifo(fifo, b"".join(lines)):
        done = _corpuskit("claims", str(fifo), "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 1 + 27


def test_cli_validate_dash_reads_standard_input(lines: list[bytes]) -> None:
    done = _corpuskit("validate", "-", stdin=b"".join(lines))
    assert (done.returncode, done.stdout, done.stderr) == (0, "2 articles, all valid\n", "")


def test_cli_validate_dash_names_lines_of_standard_input(lines: list[bytes]) -> None:
    done = _corpuskit("validate", "-", stdin=lines[0] + lines[1] + lines[0] + lines[1][:200])
    assert done.returncode == 1
    out = done.stdout.splitlines()
    assert out[0].startswith(f"<stdin>:3: article id '{FIRST}' is claimed by 2 files: <stdin>:1")
    assert out[1].startswith("<stdin>:4: $: not valid JSON")
    assert out[2] == "2 articles valid, 2 lines with problems (2 problems)"


def test_cli_show_dash(lines: list[bytes]) -> None:
    done = _corpuskit("show", FIRST, "-", "--color", "never", stdin=b"".join(lines))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"000_{FIRST}.txt  id={FIRST}")


def test_cli_commands_read_dash_in_process(
    lines: list[bytes], stdin_of: object, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    give = stdin_of
    data = b"".join(lines)
    give(data)  # type: ignore[operator]
    assert main(["stats", "-"]) == 0
    assert capsys.readouterr().out.startswith("2 articles, 47 sentences, 27 claims, 0 skipped")
    give(data)  # type: ignore[operator]
    assert main(["claims", "-", "--format", "jsonl"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 27
    give(data)  # type: ignore[operator]
    assert main(["export", "-", "--format", "jsonl", "-o", "-", "-q"]) == 0
    assert capsys.readouterr().out.encode("utf-8") == data
    give(data)  # type: ignore[operator]
    out = tmp_path / "same.jsonl"
    out.write_bytes(data)
    assert main(["export", "-", "--format", "jsonl", "-o", str(out), "-q"]) == 0
    assert out.read_bytes() == data
    give(data)  # type: ignore[operator]
    assert main(["show", SECOND, "--jsonl", "-", "--color", "never"]) == 0
    assert SECOND in capsys.readouterr().out
    give(b"")  # type: ignore[operator]
    assert main(["validate", "-"]) == 1
    assert capsys.readouterr().out == (
        "<stdin>: no article documents: standard input is empty or holds only blank lines\n"
    )


@pytest.mark.parametrize(
    "argv",
    [["zones", "-"], ["parse", "-"], ["show", FIRST, "--dir", "-"]],
    ids=["zones", "parse", "show --dir"],
)
def test_cli_dash_is_never_a_folder(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("corpuskit: error: -: standard input cannot be a folder of .txt files")
    assert err.count("\n") == 1


def test_cli_show_takes_its_articles_once(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", FIRST, "seeds", "--jsonl", "x.jsonl"]) == 2
    assert "give the articles once" in capsys.readouterr().err


def test_cli_dash_with_standard_input_closed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    assert main(["validate", "-"]) == 1
    assert capsys.readouterr().err == (
        "corpuskit: error: -: standard input is closed, or gives text rather than bytes\n"
    )
