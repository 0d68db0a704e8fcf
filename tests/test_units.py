"""The offset units: one table that every reader and writer of offsets follows.

`corpuskit.model.units.UNITS` is the only place that lists the units; these
tests check that JSON, JSON Lines, the command line, the schema and Parquet
offer exactly its units, and that each unit converts both ways.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import texts

from corpuskit import Article, Corpus, OffsetIndex
from corpuskit.io.schema import json_schema
from corpuskit.model.units import UNIT_NAMES, UNITS, OffsetUnit, unit

TEXT = "\ufeffCafé “naïve” 😀 costs €5.\r\nNext line."


def test_units_the_table_the_literal_and_the_names_agree() -> None:
    assert tuple(UNITS) == UNIT_NAMES == get_args(OffsetUnit)
    assert [u.name for u in UNITS.values()] == list(UNITS)
    assert [u.name for u in UNITS.values() if u.code_points] == ["codepoint"]


def test_units_an_unknown_unit_names_the_choices() -> None:
    with pytest.raises(ValueError, match="'codepoint', 'utf16', 'utf8', got 'utf32'"):
        unit("utf32")
    with pytest.raises(ValueError, match="offsets must be one of"):
        unit(None)
    article = Article.from_text("x", id="a")
    with pytest.raises(ValueError, match="utf32"):
        article.to_json(offsets="utf32")  # type: ignore[arg-type]


@pytest.mark.parametrize("name", UNIT_NAMES)
def test_units_every_unit_round_trips_through_json(name: OffsetUnit) -> None:
    article = Article.from_bytes(TEXT.encode("utf-8"), id="u")
    data = article.to_json(offsets=name)
    assert json.loads(data)["offsets"] == name
    assert Article.from_json(data) == article


@pytest.mark.parametrize("name", UNIT_NAMES)
def test_units_every_unit_round_trips_through_json_lines(tmp_path: Path, name: str) -> None:
    folder = tmp_path
    (folder / "a.txt").write_bytes(TEXT.encode("utf-8"))
    corpus = Corpus.from_dir(folder)
    out = folder / "c.jsonl"
    corpus.to_jsonl(out, offsets=name)  # type: ignore[arg-type]
    assert [a.text for a in Corpus.from_jsonl(out)] == [a.text for a in corpus]


def test_units_the_command_line_offers_every_unit() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "corpuskit", "parse", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    flat = " ".join(run.stdout.split())
    assert "{" + ",".join(UNIT_NAMES) + "}" in flat
    for u in UNITS.values():
        assert u.describe in flat


def test_units_the_schema_enumerates_every_unit() -> None:
    schema = json_schema()
    assert schema["properties"]["offsets"]["enum"] == list(UNIT_NAMES)


def test_units_parquet_has_a_column_pair_for_every_other_unit(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    folder = tmp_path
    (folder / "a.txt").write_bytes(TEXT.encode("utf-8"))
    Corpus.from_dir(folder).to_parquet(folder / "out")
    names = pq.read_table(folder / "out" / "spans").column_names
    for u in UNITS.values():
        if not u.code_points:
            assert {f"start_{u.name}", f"end_{u.name}"} <= set(names)


@given(texts(), st.data())
def test_units_every_unit_converts_both_ways(text: str, data: st.DataObject) -> None:
    index = OffsetIndex(text)
    offset = data.draw(st.integers(0, len(text)))
    for u in UNITS.values():
        converted = u.to(index, offset)
        assert u.from_(index, converted) == offset
        assert u.span_to(index, offset, len(text)) == (converted, u.to(index, len(text)))
