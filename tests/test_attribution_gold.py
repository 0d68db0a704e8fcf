# ruff: noqa: E501 (the known failures list one case a line)
"""Score attribution against the hand-written families of `tests/gold/attribution/`.

Each file there holds one family of the forms news prose uses to say who said
what (see the README beside the files).  Every case lists the complete claims
of its text: content, kinds, source and cue, and where it matters the mention
a pronoun resolves to, the content's pieces and the quotes inside a claim.
Cases the extractor gets wrong are listed in KNOWN_FAILURES and run as strict
xfails, with why, so that a fix shows.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from corpuskit import Article

GOLD = Path(__file__).resolve().parent / "gold" / "attribution"
FAMILIES = sorted(GOLD.glob("*.json"))
CASES: list[tuple[str, dict[str, Any]]] = [
    (path.stem, case) for path in FAMILIES for case in json.loads(path.read_text("utf-8"))
]

# Cases the extractor gets wrong today: what it finds instead of the gold.
KNOWN_FAILURES: dict[str, str] = {
    "a-added-tail-second-sentence": "resolved None, not 'The festival’s director'",
    "c-according-to-figures": "source 'figures released', not 'figures released on Monday'",
    "c-it-said-company-earlier-claim": "resolved 'Its lawyers', not 'Halvorsen Shipping'",
    "d-two-paragraphs-speech-she": "resolved 'Port Aster', not 'Helen Varga'",
    "e-according-to-witnesses": "content 'The fire', not 'The fire, according to witnesses, started in a storeroom at the back of the shop'",
    "h-warned-against": "finds 0 of 1 claims: an opening phrase without a comma before the source",
    "i-straight-single-pronoun": "resolved 'Ashby Parva', not 'Margaret Ellery'",
    "i-guillemets-nested-straight": "quotes [], not ['reform']",
    "i-low-high-nested-single": "quotes [], not ['temporary']",
}


def _text(span: Any) -> str | None:
    return None if span is None else str(span.text)


def observed(article: Article, expected: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The article's claims in the gold's shape, with the optional keys the gold uses."""
    out = []
    for i, claim in enumerate(article.claims):
        want = expected[i] if i < len(expected) else {}
        row: dict[str, Any] = {
            "content": claim.text,
            "kinds": [k.value for k in claim.kinds],
            "source": _text(claim.source),
            "cue": _text(claim.cue),
        }
        if "resolved" in want:
            row["resolved"] = _text(claim.attribution and claim.attribution.resolved)
        if "parts" in want:
            row["parts"] = [p.text for p in claim.contents] if len(claim.contents) > 1 else []
        if "quotes" in want:
            row["quotes"] = [
                q.content.text
                for q in article.quotes
                if claim.start <= q.start and q.end <= claim.end and q.depth == 0
            ]
        out.append(row)
    return out


def test_every_family_has_enough_cases() -> None:
    counts: dict[str, int] = {}
    for family, _ in CASES:
        counts[family] = counts.get(family, 0) + 1
    assert len(counts) == 11, counts
    assert all(n >= 25 for n in counts.values()), counts


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(
            case,
            id=case["id"],
            marks=pytest.mark.xfail(reason=KNOWN_FAILURES[case["id"]], strict=True)
            if case["id"] in KNOWN_FAILURES
            else (),
        )
        for _, case in CASES
    ],
)
def test_gold_case(case: dict[str, Any]) -> None:
    article = Article.from_text(case["text"], id="gold")
    expected = [{k: v for k, v in c.items() if k != "note"} for c in case["claims"]]
    for row in expected:
        if row.get("parts") is not None and not row["parts"]:
            row.pop("parts")
    got = observed(article, expected)
    assert got == expected, case["note"]
    for claim in article.claims:
        for span in (claim, claim.source, claim.cue, *claim.contents):
            if span is not None:
                assert article.text[span.start : span.end] == span.text
