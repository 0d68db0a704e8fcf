"""Score the claims extractor against hand-made gold.

`tests/gold/seeds_claims.json` holds every sentence, quote, report, quantity and
statistic of the two seeds: the seeds must score 100%.  `tests/data/claims/`
holds written cases of the patterns news text brings; those the extractor gets
wrong are listed in KNOWN_FAILURES and run as strict xfails, so that a fix shows.
Both formats are described in the README beside them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from corpuskit import Article, ClaimKind

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent / "seeds"
SEED_GOLD: dict[str, dict[str, Any]] = json.loads(
    (HERE / "gold" / "seeds_claims.json").read_text("utf-8")
)
CASES: list[dict[str, Any]] = json.loads(
    (HERE / "data" / "claims" / "cases.json").read_text("utf-8")
)

# Cases the extractor gets wrong today, with why. A fixed case fails its xfail:
# then remove it from here.
KNOWN_FAILURES: dict[str, str] = {
    "quote-single-ending-in-s": (
        "’ after a word-final s is read as an apostrophe, so ‘Closed for repairs’ never closes"
    ),
    "quote-multi-sentence-apposition": (
        "a source keeps its apposition, as the attribution gold does"
    ),
    "quote-open-paragraph-continued": (
        "an open quote's continuation is not attributed by the token-based rules"
    ),
    "quote-anonymous-relative-clause": (
        "a source keeps its relative clause, as the attribution gold does"
    ),
    "quote-question-mark-inside": (
        "a quote ending in “?” followed by its attribution is not attributed"
    ),
    "quote-called-phrase": (
        "a quoted phrase after a naming verb (“called … ”) is no claim under the "
        "attribution gold (family j)"
    ),
    "quote-fragment-in-reported-speech": (
        "a quoted phrase inside reported speech is part of that one claim, no claim of "
        "its own (family a)"
    ),
    "reported-denied": (
        "“denied the claims” is reported speech with its object as content (family h)"
    ),
    "reported-according-to-no-comma": (
        "without a comma, “according to” ends its source at the last head noun within eight words"
    ),
    "reported-confirmed-that-postmodifier": (
        "a source keeps its complement (“officials in Seoul”), as the attribution gold does"
    ),
    "mix-official-postmodifier-told": (
        "a source keeps its complement (“officials in Seoul”), as the attribution gold does"
    ),
}


def text_or_none(span: Any) -> str | None:
    return None if span is None else str(span.text)


def observed(article: Article) -> dict[str, list[Any]]:
    """What the extractor found, in the gold's shape."""
    # A quote that its attribution interrupts is one claim in parts: its first part is
    # the claim's quote, the others the contents of the quotes after it.
    quote_of = {q.content: q for q in article.quotes}
    by_quote = {}
    for c in article.claims:
        if c.quote is not None:
            by_quote[c.quote] = c
            by_quote.update((quote_of[p], c) for p in c.parts[1:])
    quotes = []
    previous_source = None
    for q in article.quotes:
        if q.depth:
            continue  # the gold lists nested quotes with their outer quote only
        claim = by_quote.get(q)
        attribution = None if claim is None else claim.attribution
        source = None if attribution is None else attribution.source
        # A quote continues the one before it when both cite the same mention.
        continues = source is not None and source == previous_source
        previous_source = source
        quotes.append(
            {
                "content": q.content.text,
                "continues": continues,
                "source": None if attribution is None else text_or_none(attribution.source),
                "cue": None if attribution is None else text_or_none(attribution.cue),
                "resolved": None if attribution is None else text_or_none(attribution.resolved),
                "claim": claim is not None,
            }
        )
    reported = [
        {
            "content": c.text,
            "source": text_or_none(c.source),
            "cue": text_or_none(c.cue),
        }
        for c in article.claims
        if ClaimKind.REPORTED_SPEECH in c.kinds
    ]
    quantities = [
        {
            "text": q.text,
            "kind": q.kind.value,
            "low": format(q.low, "f"),
            "high": format(q.high, "f"),
            "unit": q.unit,
            "hedge": q.hedge,
            "counted": text_or_none(q.counted),
        }
        for q in article.quantities
    ]
    statistics = [c.text for c in article.claims if c.kinds == (ClaimKind.STATISTIC,)]
    return {
        "sentences": [s.text for s in article.sentences],
        "quotes": quotes,
        "reported": reported,
        "quantities": quantities,
        "statistics": statistics,
    }


def comparable(key: str, items: list[Any]) -> list[Any]:
    """Return the gold items in the shape `observed` gives."""
    return items


def score(expected: list[Any], found: list[Any]) -> tuple[float, float]:
    """Precision and recall of ``found`` against ``expected`` (as multisets)."""
    remaining = [json.dumps(x, sort_keys=True) for x in expected]
    hits = 0
    for item in found:
        key = json.dumps(item, sort_keys=True)
        if key in remaining:
            remaining.remove(key)
            hits += 1
    precision = hits / len(found) if found else 1.0
    recall = hits / len(expected) if expected else 1.0
    return precision, recall


def check(expect: dict[str, list[Any]], article: Article, report: Callable[[str], None]) -> None:
    got = observed(article)
    failures = []
    for key, listed in expect.items():
        expected = comparable(key, listed)
        precision, recall = score(expected, got[key])
        report(f"{key:<11} precision {precision:6.1%}  recall {recall:6.1%}")
        if got[key] != expected:
            failures.append(f"{key}:\n  expected {expected}\n  found    {got[key]}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("name", sorted(SEED_GOLD))
def test_claims_seed_gold_scores_100_percent(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    article = Article.from_path(SEEDS / name)
    with capsys.disabled():
        print(f"\n{name}")
        check(SEED_GOLD[name], article, lambda line: print("  " + line))


def _case_params() -> list[Any]:
    params = []
    for case in CASES:
        marks = []
        if case["id"] in KNOWN_FAILURES:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[case["id"]]))
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


@pytest.mark.parametrize("case", _case_params())
def test_claims_written_cases(case: dict[str, Any]) -> None:
    check(case["expect"], Article.from_text(case["text"], id=case["id"]), lambda _: None)


def test_claims_known_failures_name_real_cases() -> None:
    assert set(KNOWN_FAILURES) <= {c["id"] for c in CASES}
