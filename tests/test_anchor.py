"""Anchoring quotes: each status on perturbed sentences of the seeds, ambiguity, citing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpuskit import (
    Anchor,
    AnchorError,
    AnchorStatus,
    Article,
    ClaimKind,
    CorpusKitError,
)

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
ARTICLES = [Article.from_path(p) for p in SEEDS]
# Sentences long enough that a perturbation leaves most of their words, once in
# their article.  A sentence holding square brackets is left out: brackets in a
# quote are read as an editor's insertion, which is the point of the fuzzy level.
SENTENCES = [
    (article, sentence)
    for article in ARTICLES
    for sentence in article.sentences
    if len(sentence.text.split()) >= 10
    and article.text.count(sentence.text) == 1
    and "[" not in sentence.text
]


def _ids(item: tuple[Article, object]) -> str:
    article, sentence = item
    return f"{article.id}:{getattr(sentence, 'start', '')}"


@pytest.fixture(params=SENTENCES, ids=[_ids(s) for s in SENTENCES])
def sentence(request: pytest.FixtureRequest) -> tuple[Article, str, int, int]:
    article, span = request.param
    return article, span.text, span.start, span.end


def _expect(result: Anchor, status: AnchorStatus, start: int, end: int) -> None:
    assert result.status is status, result
    assert result.span is not None
    assert (result.span.start, result.span.end) == (start, end)


def test_exact(sentence: tuple[Article, str, int, int]) -> None:
    article, text, start, end = sentence
    result = article.anchor(text)
    _expect(result, AnchorStatus.EXACT, start, end)
    assert result.score == 1.0
    assert result.candidates == (result.span,)


def test_normalised_quotes_dashes_and_spaces(sentence: tuple[Article, str, int, int]) -> None:
    article, text, start, end = sentence
    changed = (
        text.replace("’", "'")
        .replace("‘", "'")
        .replace("“", '"')
        .replace("”", '"')
        .replace(" ", "  ", 2)
        .replace("—", "-")
    )
    if changed == text:
        changed = text.replace(" ", "\u00a0 ", 1)
    result = article.anchor(changed)
    _expect(result, AnchorStatus.NORMALISED, start, end)
    assert result.score == 1.0


def _words(text: str) -> list[str]:
    return text.split(" ")


def test_fuzzy_changed_word(sentence: tuple[Article, str, int, int]) -> None:
    article, text, start, end = sentence
    words = _words(text)
    words[len(words) // 2] = "zebra"
    result = article.anchor(" ".join(words))
    _expect(result, AnchorStatus.FUZZY, start, end)
    assert 0.75 <= result.score < 1.0


def test_fuzzy_dropped_and_added_word(sentence: tuple[Article, str, int, int]) -> None:
    article, text, start, end = sentence
    words = _words(text)
    dropped = words[: len(words) // 2] + words[len(words) // 2 + 1 :]
    _expect(article.anchor(" ".join(dropped)), AnchorStatus.FUZZY, start, end)
    added = [*words[:3], "reportedly", *words[3:]]
    _expect(article.anchor(" ".join(added)), AnchorStatus.FUZZY, start, end)


@pytest.mark.parametrize("mark", ["...", "…", "[…]", "[...]", " . . . "])
def test_fuzzy_elision(sentence: tuple[Article, str, int, int], mark: str) -> None:
    article, text, start, end = sentence
    words = _words(text)
    elided = " ".join(words[:3]) + f" {mark} " + " ".join(words[-3:])
    result = article.anchor(elided)
    _expect(result, AnchorStatus.FUZZY, start, end)
    assert result.score == 1.0  # elided words cost nothing


def test_fuzzy_bracketed_insertion(sentence: tuple[Article, str, int, int]) -> None:
    article, text, start, end = sentence
    words = _words(text)
    inserted = "[they] " + " ".join(words[1:])
    result = article.anchor(inserted)
    assert result.status is AnchorStatus.FUZZY
    assert result.span is not None
    assert result.span.end == end
    assert start <= result.span.start <= start + len(words[0]) + 1


def test_orphan_when_nothing_is_close_enough() -> None:
    article = ARTICLES[0]
    result = article.anchor("The weather in Lisbon was mild and sunny all week long.")
    assert result.status is AnchorStatus.ORPHAN
    assert result.span is None
    assert result.candidates == ()
    assert result.score < 0.75
    assert article.anchor("   ").status is AnchorStatus.ORPHAN


def test_threshold_decides_between_fuzzy_and_orphan() -> None:
    article = ARTICLES[0]
    paraphrase = "Government officials in Seoul said the group fled their workplace"
    loose = article.anchor(paraphrase, threshold=0.5)
    assert loose.status is AnchorStatus.FUZZY
    assert loose.span is not None
    assert loose.span.text.startswith("Government officials in Seoul confirmed")
    strict = article.anchor(paraphrase, threshold=0.9)
    assert strict.status is AnchorStatus.ORPHAN
    assert strict.score == loose.score
    with pytest.raises(ValueError, match="threshold"):
        article.anchor(paraphrase, threshold=0)


REPEATED = (
    "Officials said the talks would resume on Monday in Geneva.\n\n"
    "The delegations met briefly before the weekend, a spokesman said.\n\n"
    "Officials said the talks would resume on Monday in Geneva.\n\n"
    "Nobody expects a quick deal."
)


def test_the_same_sentence_twice_is_ambiguous() -> None:
    article = Article.from_text(REPEATED, id="twice")
    sentence = "Officials said the talks would resume on Monday in Geneva."
    result = article.anchor(sentence)
    assert result.status is AnchorStatus.AMBIGUOUS
    assert result.span is None
    assert [c.start for c in result.candidates] == [0, REPEATED.rindex("Officials")]
    assert all(c.text == sentence for c in result.candidates)
    # Also when the quote is only close: the two places tie.
    fuzzy = article.anchor("Officials said the talks would resume Monday in Geneva.")
    assert fuzzy.status is AnchorStatus.AMBIGUOUS
    assert len(fuzzy.candidates) == 2


def test_prefix_suffix_or_hint_separate_tied_places() -> None:
    article = Article.from_text(REPEATED, id="twice")
    sentence = "Officials said the talks would resume on Monday in Geneva."
    second = REPEATED.rindex("Officials")
    by_prefix = article.anchor(sentence, prefix="before the weekend, a spokesman said.")
    assert by_prefix.status is AnchorStatus.EXACT
    assert by_prefix.span is not None
    assert by_prefix.span.start == second
    by_suffix = article.anchor(sentence, suffix="The delegations met")
    assert by_suffix.span is not None
    assert by_suffix.span.start == 0
    by_hint = article.anchor(sentence, hint=second - 10)
    assert by_hint.span is not None
    assert by_hint.span.start == second
    fuzzy = article.anchor("Officials said talks would resume on Monday in Geneva", suffix="Nobody")
    assert fuzzy.status is AnchorStatus.FUZZY
    assert fuzzy.span is not None
    assert fuzzy.span.start == second
    # Context that does not separate them leaves the result ambiguous.
    assert article.anchor(sentence, prefix="unrelated words").status is AnchorStatus.AMBIGUOUS


def test_anchoring_a_long_quote_in_a_large_article_stays_bounded() -> None:
    # Many near-copies of the sentence make many candidates; the result must still
    # be a correct answer (the timing itself is measured in benchmarks/).
    base = ARTICLES[0].text
    text = "\n\n".join([base] * 30)
    article = Article.from_text(text, id="big")
    quote = ARTICLES[0].paragraphs[1].text.replace("details", "detail")
    result = article.anchor(quote)
    assert result.status is AnchorStatus.AMBIGUOUS
    assert len(result.candidates) >= 2


@given(st.text(max_size=200), st.text(max_size=60))
def test_anchor_never_raises_and_spans_are_exact(text: str, quote: str) -> None:
    try:
        article = Article.from_text(text, id="x")
    except CorpusKitError:
        return
    result = article.anchor(quote)
    for span in (result.span, *result.candidates):
        if span is not None:
            assert article.text[span.start : span.end] == span.text
    assert (result.span is None) == (result.status in (AnchorStatus.AMBIGUOUS, AnchorStatus.ORPHAN))


def test_cite_builds_a_claim_that_round_trips() -> None:
    article = ARTICLES[0]
    claim = article.cite(
        "It is a fact that North Koreans have recently fled an overseas restaurant",
        kinds=(ClaimKind.DIRECT_QUOTE,),
    )
    assert claim.text.startswith("It is a fact that North Koreans")
    assert claim.id == f"{article.id}:{claim.start}-{claim.end}"
    assert claim.sentences
    assert all(s.overlaps(claim) for s in claim.sentences)
    cited = article.with_claims([*article.claims, claim])
    # Claims are kept in text order: the cited one takes its place among the others.
    assert cited.claims == tuple(sorted([*article.claims, claim], key=lambda c: (c.start, c.end)))
    loaded = Article.from_json(cited.to_json())
    assert loaded == cited
    assert [c for c in loaded.claims if c.id == claim.id] == [claim]


def test_cite_raises_when_the_quote_cannot_be_placed() -> None:
    article = Article.from_text(REPEATED, id="twice")
    with pytest.raises(AnchorError, match="several places") as caught:
        article.cite("Officials said the talks would resume on Monday in Geneva.")
    assert caught.value.anchor.status is AnchorStatus.AMBIGUOUS
    with pytest.raises(AnchorError, match="not in the text"):
        article.cite("Something nobody said.")
    with pytest.raises(ValueError, match="kinds"):
        article.cite("Nobody expects a quick deal.", kinds=())


def test_a_bracketed_insertion_at_an_edge_stands_for_the_word_it_replaced() -> None:
    article = ARTICLES[1]
    sentence = (
        "They want to go out, and their managers are anxiously trying to keep them under control."
    )
    start = article.text.index(sentence)
    result = article.anchor(
        "[The workers] want to go out, and their managers are anxiously trying to keep them "
        "under control."
    )
    _expect(result, AnchorStatus.FUZZY, start, start + len(sentence))
    marks = article.anchor("“[They] want to go out, and their managers are anxiously trying”")
    assert marks.span is not None
    assert marks.span.text == "“They want to go out, and their managers are anxiously trying"
