"""Gold-standard zoning: each hand-annotated raw file against its expected zones.

Two gold sets are checked the same way, one test per file:

* ``tests/data/zones/expected.json``: invented articles, each exercising a layout
  feature (titles, image blocks, boilerplate, line endings, hard negatives);
* ``tests/gold/seeds_zones.json``: the two real seed files in ``seeds/``.

Each JSON object maps a file name to ``{"description": ..., "zones": [...]}``;
the README next to each JSON file describes the format and how to add a case.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import corpuskit

TESTS_DIR = Path(__file__).resolve().parent
ZONES_DIR = TESTS_DIR / "data" / "zones"
SEEDS_DIR = TESTS_DIR.parent / "seeds"
SEEDS_GOLD = TESTS_DIR / "gold" / "seeds_zones.json"


def _load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


CASES = _load(ZONES_DIR / "expected.json")
SEEDS = _load(SEEDS_GOLD)


def _check_zones(path: Path, expected: dict[str, Any]) -> None:
    article = corpuskit.Article.from_path(path)
    zones = list(article.zones)

    want = [(zone["kind"], zone["text"]) for zone in expected["zones"]]
    got = [(zone.kind.value, zone.text) for zone in zones]
    assert got == want, expected["description"]

    want_names = [zone["name"] for zone in expected["zones"] if zone["kind"] == "translator_credit"]
    got_names = [zone.name.text for zone in zones if zone.kind.value == "translator_credit"]
    assert got_names == want_names

    for zone in zones:
        assert article.text[zone.start : zone.end] == zone.text, (
            zone.kind.value,
            zone.start,
            zone.end,
        )


@pytest.mark.parametrize("name", list(CASES))
def test_zones_match_gold(name: str) -> None:
    _check_zones(ZONES_DIR / name, CASES[name])


@pytest.mark.parametrize("name", list(SEEDS))
def test_seed_zones_match_gold(name: str) -> None:
    _check_zones(SEEDS_DIR / name, SEEDS[name])


def test_every_raw_file_has_an_expectation() -> None:
    raw_files = sorted(path.name for path in ZONES_DIR.glob("*.txt"))
    assert raw_files == sorted(CASES)
