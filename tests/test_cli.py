from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import orjson
import pytest

from corpuskit import (
    Article,
    Claim,
    ClaimKind,
    Corpus,
    ReadError,
    Span,
    cli,
    load_seeds,
    seeds_path,
)
from corpuskit.__main__ import main


def test_cli_zones_reports_the_seeds(seeds_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["zones", str(seeds_dir)]) == 0
    out = capsys.readouterr().out
    assert "000_dd2c270fb12b86b0.txt  id=dd2c270fb12b86b0" in out
    assert "KCNA/AFP/Getty Images" in out
    assert "translator_credit: *Translated by Violet Kim (name: Violet Kim)" in out
    assert out.rstrip().endswith(
        "2 articles, 26 paragraphs, 2 images, 27 claims, 3 boilerplate, 0 skipped"
    )


def test_cli_zones_spans_lists_offsets(seeds_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["zones", str(seeds_dir), "--spans"]) == 0
    out = " ".join(capsys.readouterr().out.split())  # columns are padded to fit
    assert "[111:132] credit KCNA/AFP/Getty Images" in out
    assert "claims: [307:435] reported_speech the small group" in out
    assert "direct_quote" in out
    assert "(a ministry official / told)" in out


def test_cli_bad_folder_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["zones", str(tmp_path / "missing")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("corpuskit: error: ")


def test_cli_skipped_file_is_reported_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "001_aaaaaaaaaaaaaaaa.txt").write_bytes(b"Fine paragraph.")
    (tmp_path / "002_bbbbbbbbbbbbbbbb.txt").write_bytes(b"\xff")
    assert main(["zones", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert "skipped: " in captured.err
    assert "002_bbbbbbbbbbbbbbbb.txt:1:1" in captured.err
    assert "1 article, 1 paragraph, 0 images, 0 claims, 0 boilerplate, 1 skipped" in captured.out


def test_cli_misuse_exits_2() -> None:
    with pytest.raises(SystemExit) as info:
        main([])
    assert info.value.code == 2


def test_cli_runs_as_a_module(seeds_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "corpuskit", "zones", str(seeds_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "2 articles" in result.stdout


def test_cli_says_when_a_name_does_not_follow_the_convention(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_bytes(b"A paragraph.")
    assert main(["zones", str(tmp_path)]) == 0
    assert "name is not NNN_<16 hex>.txt" in capsys.readouterr().out


# -- the command as a whole ---------------------------------------------------------------

REPO = Path(__file__).resolve().parent.parent
SEED_IDS = ("dd2c270fb12b86b0", "09ca764c561f071a")
COMMANDS = ("parse", "show", "claims", "stats", "validate", "export", "zones")


class _Terminal(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def _one_error_line(err: str) -> str:
    assert err.count("\n") == 1, err
    assert err.startswith("corpuskit: error: "), err
    return err


@pytest.fixture
def seeds_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "seeds.jsonl"
    Corpus.from_dir(REPO / "seeds").to_jsonl(path)
    return path


@pytest.fixture
def mixed_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "mixed"
    folder.mkdir()
    for f in (REPO / "seeds").glob("*.txt"):
        (folder / f.name).write_bytes(f.read_bytes())
    (folder / "002_bbbbbbbbbbbbbbbb.txt").write_bytes(b"Caf\xe9 closed.")
    return folder


def test_cli_help_runs_in_a_subprocess() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "corpuskit", "--help"],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: corpuskit")
    assert "examples:" in result.stdout
    for command in COMMANDS:
        assert f"    {command} " in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_every_command_help_has_an_example(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: corpuskit {command}")
    assert "example:\n  corpuskit " + command in out


def test_cli_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == "corpuskit 0.1.0"


@pytest.mark.parametrize(
    "argv",
    [
        ["parse", "--offsets", "bytes"],
        ["claims", "--kind", "rumour"],
        ["export", "--format", "brat"],
        ["show"],
        ["show", "x", "--dir", "seeds", "--jsonl", "seeds.jsonl"],
        ["frobnicate"],
    ],
)
def test_cli_argument_errors_are_one_line_and_exit_2(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = _one_error_line(capsys.readouterr().err)
    assert "--help" in err


def test_cli_debug_shows_the_error_itself(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "missing")
    assert main(["stats", missing]) == 1
    assert "Traceback" not in _one_error_line(capsys.readouterr().err)
    with pytest.raises(ReadError):
        main(["--debug", "stats", missing])


def test_cli_unexpected_error_is_one_line_unless_debug(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> Corpus:
        raise RuntimeError("something broke\nover two lines")

    monkeypatch.setattr(cli.Corpus, "from_dir", broken)
    assert main(["stats"]) == 1
    err = _one_error_line(capsys.readouterr().err)
    assert "unexpected RuntimeError: something broke; over two lines" in err
    assert "--debug" in err
    with pytest.raises(RuntimeError):
        main(["--debug", "stats"])


def test_cli_interrupt_exits_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*args: object, **kwargs: object) -> Corpus:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli.Corpus, "from_dir", interrupted)
    assert main(["stats"]) == 130
    assert _one_error_line(capsys.readouterr().err) == "corpuskit: error: interrupted\n"


# -- parse ----------------------------------------------------------------------------------


def test_cli_parse_writes_a_file_that_loads_back_equal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "corpus.jsonl"
    assert main(["parse", str(REPO / "seeds"), "-o", str(target)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "\r" not in captured.err  # stderr is not a terminal: no progress line
    summary = captured.err.strip()
    assert summary.count("\n") == 0
    assert summary.startswith("2 articles, 27 claims, 0 failures; ")
    assert summary.endswith(f"MB/s) -> {target}")
    assert list(Corpus.from_jsonl(target)) == list(Corpus.from_dir(REPO / "seeds"))
    assert [p.name for p in tmp_path.iterdir()] == ["corpus.jsonl"]  # no temporary file left


def test_cli_parse_defaults_to_the_seeds_and_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--offsets", "utf16"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 2
    assert [json.loads(line)["offsets"] for line in lines] == ["utf16", "utf16"]
    assert [Article.from_json(line) for line in lines] == list(load_seeds())
    assert captured.err.startswith("2 articles, 27 claims, 0 failures; ")


def test_cli_parse_skips_a_bad_file_writes_the_rest_and_exits_1(
    mixed_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.jsonl"
    assert main(["parse", str(mixed_dir), "-o", str(target), "--offsets", "utf8"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2
    assert err[0].startswith(
        f"skipped: {mixed_dir / '002_bbbbbbbbbbbbbbbb.txt'}:1:4: invalid UTF-8"
    )
    assert err[1].startswith("2 articles, 27 claims, 1 failure; ")
    assert Corpus.from_jsonl(target).ids == SEED_IDS


def test_cli_parse_quiet_prints_only_failures(
    mixed_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", str(REPO / "seeds"), "-q", "-o", str(tmp_path / "a.jsonl")]) == 0
    assert capsys.readouterr().err == ""
    assert main(["parse", str(mixed_dir), "--quiet", "-o", str(tmp_path / "b.jsonl")]) == 1
    assert capsys.readouterr().err.startswith("skipped: ")


def test_cli_parse_progress_is_drawn_on_a_terminal_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_TICK", 0.0)  # draw after every article
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["parse", "-o", str(tmp_path / "a.jsonl")]) == 0
    drawn = terminal.getvalue()
    assert "\r[############------------] 1/2 files" in drawn
    assert "\r[########################] 2/2 files" in drawn
    # The line is erased before the summary, which stands alone on the last line.
    assert drawn.rsplit("\r", 1)[1].startswith("2 articles, 27 claims, 0 failures; ")

    quiet = _Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    assert main(["parse", "-q", "-o", str(tmp_path / "b.jsonl")]) == 0
    assert quiet.getvalue() == ""

    plain = io.StringIO()
    monkeypatch.setattr(sys, "stderr", plain)
    assert main(["parse", "-o", str(tmp_path / "c.jsonl")]) == 0
    assert "\r" not in plain.getvalue()


def test_cli_parse_progress_erases_itself_before_a_skip(
    mixed_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_TICK", 0.0)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["parse", str(mixed_dir), "-o", str(tmp_path / "a.jsonl")]) == 1
    drawn = terminal.getvalue()
    assert "\r[################--------] 2/3 files" in drawn
    for line in drawn.split("\n"):
        shown = line.rsplit("\r", 1)[-1]  # what stays on the terminal of this line
        assert not shown.startswith("["), repr(line)
    assert "\rskipped: " in drawn


def test_cli_parse_unwritable_target_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no" / "such" / "corpus.jsonl"
    assert main(["parse", "-o", str(target)]) == 1
    err = _one_error_line(capsys.readouterr().err)
    assert f"cannot write {target}: No such file or directory" in err


def test_cli_parse_wants_a_folder(seeds_jsonl: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(seeds_jsonl)]) == 2
    assert "not a folder of .txt files" in _one_error_line(capsys.readouterr().err)


# -- show -----------------------------------------------------------------------------------


def _text_part(out: str) -> str:
    """The article text as `show` prints it, between its two rules."""
    return out.split("─" * 72 + "\n")[1]


def test_cli_show_marks_the_claims_and_lists_zones_and_claims(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["show", "dd2c270fb12b86b0"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "000_dd2c270fb12b86b0.txt  id=dd2c270fb12b86b0  2,630 chars, 13 zones, 18 sentences, "
        "14 claims\n"
    )
    assert "\x1b[" not in out  # not a terminal: plain markers
    text = _text_part(out)
    assert '"⟦It is a fact that North Koreans have recently fled an overseas restaurant,⟧" ' in text
    assert "⟨a ministry official⟩, ⟨told⟩ Yonhap" in text
    article = Corpus.from_dir(REPO / "seeds")["dd2c270fb12b86b0"]
    for mark in "⟦⟧⟨⟩":
        text = text.replace(mark, "")
    assert text == article.text + "\n"
    assert "  [111:132]   credit     KCNA/AFP/Getty Images\n" in out
    assert "  dd2c270fb12b86b0:603-787  direct_quote\n" in out
    assert "      source: a ministry official   cue: told\n" in out
    assert out.count("\n  dd2c270fb12b86b0:") == 14


def test_cli_show_colour(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert main(["show", "dd2c270fb12b86b0", "--color", "always"]) == 0
    out = capsys.readouterr().out
    assert "\x1b[1;33mIt is a fact" in out
    assert "⟦" not in _text_part(out)

    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert main(["show", "dd2c270fb12b86b0"]) == 0  # auto: a terminal, NO_COLOR unset
    assert "\x1b[" in terminal.getvalue()

    monkeypatch.setenv("NO_COLOR", "1")
    for argv, coloured in (([], False), (["--color", "always"], True)):
        terminal = _Terminal()
        monkeypatch.setattr(sys, "stdout", terminal)
        assert main(["show", "dd2c270fb12b86b0", *argv]) == 0
        assert ("\x1b[" in terminal.getvalue()) is coloured

    monkeypatch.delenv("NO_COLOR")
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert main(["show", "dd2c270fb12b86b0", "--color", "never"]) == 0
    assert "\x1b[" not in terminal.getvalue()


def test_cli_show_from_jsonl_and_dir(seeds_jsonl: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "09ca764c561f071a", "--dir", str(REPO / "seeds")]) == 0
    from_dir = capsys.readouterr().out
    assert main(["show", "09ca764c561f071a", "--jsonl", str(seeds_jsonl)]) == 0
    assert capsys.readouterr().out == from_dir
    assert "translator_credit" in from_dir


def test_cli_show_unknown_id_names_close_ids(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "dd2c270fb12b86b1"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    err = _one_error_line(captured.err)
    assert "no article with id 'dd2c270fb12b86b1'" in err
    assert "did you mean 'dd2c270fb12b86b0'?" in err


def test_cli_show_keeps_control_characters_off_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "000_aaaaaaaaaaaaaaaa.txt").write_bytes(
        b'Title\n\n"We won \x1b[31m today," the coach said.\n'
    )
    assert main(["show", "aaaaaaaaaaaaaaaa", "--dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "⟦We won \u241b[31m today,⟧" in out


# -- claims ---------------------------------------------------------------------------------


def test_cli_claims_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claims"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["CLAIM", "KINDS", "SPEAKER", "CUE", "TEXT"]
    assert lines[-1] == "27 claims in 2 articles"
    assert len(lines) == 29
    assert lines[2].split()[:6] == [
        "dd2c270fb12b86b0:603-787",
        "direct_quote",
        "a",
        "ministry",
        "official",
        "told",
    ]


class _Terminal(io.StringIO):
    """Standard output as a terminal would be."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("columns", [80, 120, 200])
def test_cli_claims_table_fits_the_terminal(columns: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert main(["claims"]) == 0
    lines = terminal.getvalue().splitlines()
    assert max(len(line) for line in lines) <= max(columns, 99 + 20)
    assert max(len(line) for line in lines[1:-1]) > columns - 5  # the text takes what is left
    assert lines[0].split() == ["CLAIM", "KINDS", "SPEAKER", "CUE", "TEXT"]


def test_cli_claims_table_away_from_a_terminal_keeps_its_width(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Piped or written to a file, rows are as wide as they were: the terminal the
    # command runs from is not where the rows are read.
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["claims"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) == 99 + 60


def test_cli_claims_table_keeps_its_columns_with_long_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A long id is cut at its start: its end (the claim's offsets) tells claims apart,
    # and the columns after it stay where the header puts them.
    article = Article.from_text(
        'Port strike\n\n"We will not go back," the union said.', id="a" * 60
    )
    path = tmp_path / "long.jsonl"
    path.write_text(article.to_json() + "\n", encoding="utf-8")
    assert main(["claims", str(path)]) == 0
    header, row = capsys.readouterr().out.splitlines()[:2]
    assert row.startswith("…" + "a" * 21 + ":14-34  ")
    assert row.index("direct_quote") == header.index("KINDS")
    assert row.index("the union") == header.index("SPEAKER")


def test_cli_claims_by_kind(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claims", "--kind", "direct_quote"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "10 claims in 2 articles"
    assert main(["claims", "--kind", "direct_quote", "--kind", "statistic"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "19 claims in 2 articles"  # one is both


def test_cli_claims_csv(seeds_jsonl: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claims", str(REPO / "seeds"), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == [
        "article_id",
        "claim_id",
        "kinds",
        "start",
        "end",
        "source",
        "resolved",
        "speaker",
        "cue",
        "text",
        "parts",
    ]
    assert len(rows) == 27
    corpus = Corpus.from_dir(REPO / "seeds")
    for row in rows:
        article = corpus[row["article_id"]]
        assert article.text[int(row["start"]) : int(row["end"])] == row["text"]
    both = [r for r in rows if r["claim_id"] == "dd2c270fb12b86b0:823-920"]
    assert both[0]["kinds"] == "reported_speech+statistic"
    alone = [r for r in rows if r["claim_id"] == "dd2c270fb12b86b0:922-1152"]
    assert (alone[0]["source"], alone[0]["speaker"], alone[0]["cue"]) == ("", "", "")
    # a quote that its attribution interrupts is one claim in two parts
    parted = [r for r in rows if r["parts"]]
    assert len(parted) == 7
    assert all("direct_quote" in r["kinds"] for r in parted)
    assert "603 677;726 787" in {r["parts"] for r in parted}
    back = [r for r in rows if r["source"] == "the source" and r["resolved"]]
    assert back
    assert {(r["resolved"], r["speaker"]) for r in back} == {("a China-based source",) * 2}
    # A JSON Lines file gives the same claims as the folder it was written from.
    assert main(["claims", str(seeds_jsonl), "--format", "csv"]) == 0
    assert capsys.readouterr().out == out


def test_cli_claims_jsonl_has_offsets_in_every_unit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = '\ufeff😀 Kim 😀 fled.\r\n\r\n"We won 😀 today," the coach said.\n'.encode()
    (tmp_path / "000_aaaaaaaaaaaaaaaa.txt").write_bytes(raw)
    assert main(["claims", str(tmp_path), "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 1
    row = rows[0]
    assert list(row) == [
        "article_id",
        "claim_id",
        "kinds",
        "start",
        "end",
        "start_utf16",
        "end_utf16",
        "start_utf8",
        "end_utf8",
        "source",
        "resolved",
        "speaker",
        "cue",
        "text",
        "parts",
    ]
    assert row["kinds"] == ["direct_quote"]
    assert (row["resolved"], row["speaker"], row["parts"]) == (None, "the coach", [])
    assert (row["source"], row["cue"], row["text"]) == ("the coach", "said", "We won 😀 today,")
    text = raw.decode("utf-8-sig")
    assert text[row["start"] : row["end"]] == row["text"]
    utf16 = text.encode("utf-16-le")
    assert utf16[2 * row["start_utf16"] : 2 * row["end_utf16"]].decode("utf-16-le") == row["text"]
    assert raw[row["start_utf8"] : row["end_utf8"]].decode() == row["text"]  # bytes of the file


LINDQVIST = (
    "Rates to rise\n\n"
    "Maria Lindqvist, an economist at Nordbank, said rates would rise. "
    "She said inflation would fall.\n"
)


@pytest.fixture
def lindqvist(tmp_path: Path) -> Path:
    """A folder of one article whose second claim is made by "She", who is Maria Lindqvist."""
    folder = tmp_path / "lindqvist"
    folder.mkdir()
    (folder / "000_0000000000000001.txt").write_text(LINDQVIST, encoding="utf-8")
    return folder


def test_cli_claims_give_the_resolved_speaker(
    lindqvist: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = Corpus.from_dir(lindqvist)["0000000000000001"]
    # The source keeps its apposition; "She" resolves to the name inside it.
    said = [c.attribution for c in article.claims]
    assert [(a.source, a.resolved) for a in said if a is not None] == [
        (Span.of(LINDQVIST, 15, 56), None),
        (Span.of(LINDQVIST, 81, 84), Span.of(LINDQVIST, 15, 30)),
    ]
    economist = "Maria Lindqvist, an economist at Nordbank"

    assert main(["claims", str(lindqvist), "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["source"], r["resolved"], r["speaker"], r["text"]) for r in rows] == [
        (economist, None, economist, "rates would rise"),
        ("She", "Maria Lindqvist", "Maria Lindqvist", "inflation would fall"),
    ]
    assert main(["claims", str(lindqvist), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["source"], r["resolved"], r["speaker"]) for r in rows] == [
        (economist, "", economist),
        ("She", "Maria Lindqvist", "Maria Lindqvist"),
    ]
    assert main(["claims", str(lindqvist)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[2].split()[:5] == [
        "0000000000000001:90-110",
        "reported_speech",
        "Maria",
        "Lindqvist",
        "said",
    ]
    assert main(["show", "0000000000000001", "--dir", str(lindqvist)]) == 0
    assert "      source: She (= Maria Lindqvist)   cue: said\n" in capsys.readouterr().out


def test_cli_stats_count_a_speaker_by_the_mention_it_resolves_to(
    lindqvist: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", str(lindqvist)]) == 0
    lines = [" ".join(line.split()) for line in capsys.readouterr().out.splitlines()]
    top = lines[lines.index("most quoted sources (top 10, claims per source)") + 1 :]
    # "She" resolves to the name inside the first claim's source: one speaker, two claims.
    assert top == ["2 maria lindqvist, an economist at nordbank"]


def test_cli_claims_in_parts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "Jobs\n\nThe bank, he said, would cut 400 jobs 😀 this year.\n"
    article = Article.from_text(text, id="bank")
    start, end = text.index("The bank"), text.index(" this year")
    gap = text.index("would")
    claim = Claim(
        start,
        end,
        text[start:end],
        "bank:parts",
        (ClaimKind.REPORTED_SPEECH,),
        article.sentences,
        None,
        (),
        parts=(Span.of(text, start, start + 8), Span.of(text, gap, end)),
    )
    jsonl = tmp_path / "bank.jsonl"
    jsonl.write_text(article.with_claims([claim]).to_json() + "\n", encoding="utf-8")
    assert main(["claims", str(jsonl), "--format", "jsonl"]) == 0
    (row,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert row["text"] == "The bank, he said, would cut 400 jobs 😀"
    assert row["parts"] == [
        {
            "start": 6,
            "end": 14,
            "start_utf16": 6,
            "end_utf16": 14,
            "start_utf8": 6,
            "end_utf8": 14,
            "text": "The bank",
        },
        {
            "start": 25,
            "end": 45,
            "start_utf16": 25,
            "end_utf16": 46,
            "start_utf8": 25,
            "end_utf8": 48,
            "text": "would cut 400 jobs 😀",
        },
    ]
    assert main(["claims", str(jsonl), "--format", "csv"]) == 0
    (csv_row,) = csv.DictReader(io.StringIO(capsys.readouterr().out))
    assert csv_row["parts"] == "6 14;25 45"
    assert main(["claims", str(jsonl)]) == 0
    assert "The bank … would cut 400 jobs 😀" in capsys.readouterr().out
    assert main(["show", "bank", "--jsonl", str(jsonl)]) == 0
    out = capsys.readouterr().out
    assert "⟦The bank⟧, he said, ⟦would cut 400 jobs 😀⟧ this year." in out
    assert "      The bank … would cut 400 jobs 😀\n" in out


def test_cli_claims_reports_skipped_files_and_exits_1(
    mixed_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["claims", str(mixed_dir)]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines()[-1] == "27 claims in 2 articles"
    assert captured.err.startswith("skipped: ")
    assert captured.err.count("\n") == 1


# -- stats ----------------------------------------------------------------------------------


def test_cli_stats(seeds_jsonl: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    lines = [" ".join(line.split()) for line in out.splitlines()]
    assert lines[0] == "2 articles, 47 sentences, 27 claims, 0 skipped"
    for expected in (
        "paragraph 26",
        "translator_credit 1",
        "byline 0",
        "direct_quote 10",
        "reported_speech 13",
        "statistic 10",
    ):
        assert expected in lines
    top = lines[lines.index("most quoted sources (top 10, claims per source)") + 1 :]
    assert len(top) == 10
    # "the source" counts as the mention it resolves to, where it resolves.
    assert top[0] == "4 one source"
    assert "2 a china-based source" in top  # and none for "the source" that refers to it
    assert "2 daily nk" in top
    assert main(["stats", str(seeds_jsonl)]) == 0
    assert capsys.readouterr().out == out


def test_cli_stats_as_json_gives_the_same_counts(
    seeds_jsonl: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", "--format", "json", str(seeds_jsonl)]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert list(counts) == [
        "articles",
        "sentences",
        "claims",
        "skipped",
        "zones",
        "claim_kinds",
        "sources",
    ]
    assert (counts["articles"], counts["sentences"], counts["claims"]) == (2, 47, 27)
    assert counts["zones"]["paragraph"] == 26
    assert counts["zones"]["byline"] == 0
    assert list(counts["claim_kinds"]) == [k.value for k in ClaimKind]
    assert counts["claim_kinds"]["statistic"] == 10
    assert counts["sources"][0] == {"source": "one source", "claims": 4}
    assert len(counts["sources"]) == 10
    # The text form says the same.
    assert main(["stats", str(seeds_jsonl)]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0] == "2 articles, 47 sentences, 27 claims, 0 skipped"
    with pytest.raises(SystemExit):
        main(["stats", "--format", "yaml"])


def test_cli_stats_of_a_file_that_is_neither_is_misuse(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["stats", str(REPO / "seeds" / "000_dd2c270fb12b86b0.txt")]) == 2
    assert "not a folder of .txt files or a .jsonl file" in capsys.readouterr().err


# -- validate -------------------------------------------------------------------------------


def test_cli_validate_a_good_file(seeds_jsonl: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(seeds_jsonl)]) == 0
    assert capsys.readouterr().out == "2 articles, all valid\n"


def test_cli_validate_lists_every_problem_by_line_and_path(
    seeds_jsonl: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = seeds_jsonl.read_bytes().splitlines(keepends=True)
    doc = orjson.loads(second)
    doc["claims"][3]["start"] = -1
    doc["zones"][0]["kind"] = "headline"
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(first + orjson.dumps(doc) + b"\n" + b'{"schema_version": 3,\n' + first)
    assert main(["validate", str(bad)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert f"{bad}:2: $.claims[3].start: " in "\n".join(lines)
    assert any(line.startswith(f"{bad}:2: $.zones[0].kind: ") for line in lines)
    assert any(line.startswith(f"{bad}:3: $: not valid JSON") for line in lines)
    assert any(line.startswith(f"{bad}:4: article id 'dd2c270fb12b86b0'") for line in lines)
    assert lines[-1].startswith("1 article valid, 3 lines with problems (")
    problems = lines[:-1]
    assert all(line.startswith(f"{bad}:") for line in problems)


def test_cli_validate_misuse_and_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(tmp_path)]) == 2
    _one_error_line(capsys.readouterr().err)
    assert main(["validate", str(tmp_path / "none.jsonl")]) == 1
    assert "cannot read JSON Lines file" in _one_error_line(capsys.readouterr().err)


# -- export ---------------------------------------------------------------------------------


def test_cli_export_webanno_is_an_array_of_the_corpus_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "claims.json"
    assert main(["export", str(REPO / "seeds"), "--format", "webanno", "-o", str(target)]) == 0
    assert capsys.readouterr().err.startswith("2 articles, 27 claims, 0 failures; ")
    pages = json.loads(target.read_text("utf-8"))
    assert pages == list(Corpus.from_dir(REPO / "seeds").web_annotations())
    assert [p["type"] for p in pages] == ["AnnotationPage", "AnnotationPage"]
    assert sum(len(p["items"]) for p in pages) == 27
    assert [p.name for p in tmp_path.iterdir()] == ["claims.json"]


def test_cli_export_webanno_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "webanno", "-q", "-o", "-"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert json.loads(captured.out) == list(load_seeds().web_annotations())
    assert captured.out.count("\n") == 4  # "[", a page a line, "]"


def test_cli_export_brat_wants_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "file").write_text("x")
    for target in (str(tmp_path / "file"), "-"):
        assert main(["export", "--format", "brat", "-o", target]) == 2
        assert "not a folder" in _one_error_line(capsys.readouterr().err)


def test_cli_export_webanno_of_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    target = tmp_path / "claims.json"
    assert main(["export", str(tmp_path / "empty"), "--format", "webanno", "-o", str(target)]) == 0
    assert json.loads(target.read_text("utf-8")) == []


@pytest.mark.parametrize("offsets", ["codepoint", "utf8"])
def test_cli_export_brat(tmp_path: Path, offsets: str, seeds_jsonl: Path) -> None:
    out = tmp_path / "brat"
    assert (
        main(["export", str(seeds_jsonl), "--format", "brat", "--offsets", offsets, "-o", str(out)])
        == 0
    )
    expected = tmp_path / "expected"
    for article in Corpus.from_dir(REPO / "seeds"):
        article.to_brat(expected, offsets=offsets)
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(p.name for p in expected.iterdir())
    assert len(names) == 4
    for name in names:
        assert (out / name).read_bytes() == (expected / name).read_bytes()
    for seed in (REPO / "seeds").glob("*.txt"):
        assert (out / seed.name).read_bytes() == seed.read_bytes()


def test_cli_export_rejects_offsets_the_format_cannot_carry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["export", "--format", "brat", "--offsets", "utf16", "-o", str(out)]) == 2
    err = _one_error_line(capsys.readouterr().err)
    assert "utf16" in err
    assert "brat" in err
    assert main(["export", "--format", "webanno", "--offsets", "utf8", "-o", str(out)]) == 2
    assert "webanno" in _one_error_line(capsys.readouterr().err)
    assert not out.exists()


def test_cli_export_csv_is_the_claims_csv(
    tmp_path: Path, seeds_jsonl: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "claims.csv"
    assert main(["export", str(seeds_jsonl), "--format", "csv", "-q", "-o", str(target)]) == 0
    assert main(["claims", str(seeds_jsonl), "--format", "csv"]) == 0
    assert target.read_text(encoding="utf-8") == capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(rows) == 27
    assert main(["export", "--format", "csv", "-q", "-o", "-"]) == 0
    assert capsys.readouterr().out == target.read_text(encoding="utf-8")
    assert main(["export", "--format", "csv", "--offsets", "utf8", "-o", "-"]) == 2
    assert "does not apply to csv" in capsys.readouterr().err


def test_cli_export_parquet_writes_the_tables(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    target = tmp_path / "tables"
    assert main(["export", "--format", "parquet", "-q", "-o", str(target)]) == 0
    articles = pq.read_table(target / "articles").to_pylist()
    assert [a["article_id"] for a in articles] == ["dd2c270fb12b86b0", "09ca764c561f071a"]
    assert (target / "spans").is_dir()
    assert main(["export", "--format", "parquet", "-o", "-"]) == 2
    assert "parquet writes a folder" in capsys.readouterr().err
    (tmp_path / "file").write_text("x")
    assert main(["export", "--format", "parquet", "-o", str(tmp_path / "file")]) == 2


def test_cli_export_jsonl_loads_back_equal(
    tmp_path: Path, seeds_jsonl: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "utf8.jsonl"
    assert (
        main(
            [
                "export",
                str(seeds_jsonl),
                "--format",
                "jsonl",
                "--offsets",
                "utf8",
                "-o",
                str(target),
            ]
        )
        == 0
    )
    assert "2 articles, 27 claims, 0 failures" in capsys.readouterr().err
    assert {json.loads(line)["offsets"] for line in target.read_text("utf-8").splitlines()} == {
        "utf8"
    }
    assert list(Corpus.from_jsonl(target)) == list(Corpus.from_dir(REPO / "seeds"))


def test_cli_export_skips_bad_files_and_exits_1(mixed_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "claims.json"
    assert main(["export", str(mixed_dir), "--format", "webanno", "-q", "-o", str(target)]) == 1
    assert len(json.loads(target.read_text("utf-8"))) == 2


# -- the seed articles ----------------------------------------------------------------------


def test_seeds_load_and_equal_the_repository_files() -> None:
    corpus = load_seeds()
    assert corpus.ids == SEED_IDS
    folder = seeds_path()
    files = sorted(p.name for p in folder.glob("*.txt"))
    assert files == sorted(p.name for p in (REPO / "seeds").glob("*.txt"))
    for name in files:
        assert (folder / name).read_bytes() == (REPO / "seeds" / name).read_bytes()
    for article in corpus:
        assert article.to_bytes() == (REPO / "seeds" / str(article.source)).read_bytes()


def test_seeds_path_prefers_the_folder_inside_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from corpuskit.corpus import seeds

    (tmp_path / "seeds").mkdir()
    monkeypatch.setattr(seeds.importlib.resources, "files", lambda package: tmp_path)
    assert seeds_path() == tmp_path / "seeds"


def test_seeds_path_says_when_the_seeds_are_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from corpuskit.corpus import seeds

    monkeypatch.setattr(seeds.importlib.resources, "files", lambda package: tmp_path)
    monkeypatch.setattr(seeds, "__file__", str(tmp_path / "corpuskit" / "_seeds.py"))
    with pytest.raises(ReadError, match="seed articles are missing"):
        seeds_path()
    assert main(["stats"]) == 1
    assert "seed articles are missing" in _one_error_line(capsys.readouterr().err)


def test_seeds_ship_in_the_wheel() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    wheel = config["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["force-include"]["seeds"] == "corpuskit/seeds"
    assert "seeds" in config["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]


def test_cli_an_empty_output_name_is_misuse(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["parse", "-o", ""], ["export", "--format", "jsonl", "-o", ""]):
        assert main(argv) == 2
        assert "-o needs a file name" in capsys.readouterr().err


def test_cli_validate_does_not_call_an_empty_file_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, data in (("empty.jsonl", b""), ("blank.jsonl", b"\n  \n\n")):
        path = tmp_path / name
        path.write_bytes(data)
        assert main(["validate", str(path)]) == 1
        out = capsys.readouterr().out
        assert f"{path}: no article documents" in out
        assert "all valid" not in out


@pytest.mark.parametrize("command", ["show", "zones", "claims"])
def test_cli_bidirectional_controls_are_shown_as_escapes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    # A right-to-left override would show the rest of a terminal line reversed.
    folder = tmp_path / "rtl"
    folder.mkdir()
    text = (
        "Title \u202eevil\u202c here\n\n"
        "The minister said the \u2066plan\u2069 was dead. “Go,” he said."
    )
    (folder / "000_00000000000000aa.txt").write_text(text, encoding="utf-8")
    argv = {
        "show": ["show", "00000000000000aa", "--dir", str(folder)],
        "zones": ["zones", str(folder), "--spans"],
        "claims": ["claims", str(folder)],
    }[command]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert not any(c in out for c in "\u202e\u202c\u2066\u2069")
    if command != "claims":
        assert "\\u202e" in out


def test_cli_the_output_may_not_be_the_input(
    tmp_path: Path, seeds_jsonl: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "c.jsonl"
    copy.write_bytes(seeds_jsonl.read_bytes())
    link = tmp_path / "link.jsonl"
    link.symlink_to(copy)
    for output in (copy, link):
        assert main(["export", str(copy), "--format", "jsonl", "-o", str(output)]) == 2
        assert "the output is the input file" in capsys.readouterr().err
    assert copy.read_bytes() == seeds_jsonl.read_bytes()


def test_cli_an_output_link_is_written_through(tmp_path: Path, seeds_jsonl: Path) -> None:
    target = tmp_path / "real.jsonl"
    target.write_bytes(b"old\n")
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    assert main(["parse", "-q", "-o", str(link)]) == 0
    assert link.is_symlink()
    assert target.read_bytes() == seeds_jsonl.read_bytes()


def test_cli_an_output_name_of_255_bytes_is_written(tmp_path: Path) -> None:
    name = "x" * 249 + ".jsonl"
    assert len(name) == 255
    assert main(["parse", "-q", "-o", str(tmp_path / name)]) == 0
    assert (tmp_path / name).stat().st_size > 0
    assert [p.name for p in tmp_path.iterdir()] == [name]
