from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from corpuskit.__main__ import main


def test_cli_zones_reports_the_seeds(seeds_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["zones", str(seeds_dir)]) == 0
    out = capsys.readouterr().out
    assert "000_dd2c270fb12b86b0.txt  id=dd2c270fb12b86b0" in out
    assert "KCNA/AFP/Getty Images" in out
    assert "translator_credit: *Translated by Violet Kim (name: Violet Kim)" in out
    assert out.rstrip().endswith(
        "2 articles, 26 paragraphs, 2 images, 32 claims, 3 boilerplate, 0 skipped"
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
