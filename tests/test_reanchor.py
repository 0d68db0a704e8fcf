"""Re-anchoring spans and claims from one version of a text to another."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import news_texts, texts

from corpuskit import (
    AnchorStatus,
    Article,
    Claim,
    Moved,
    MoveStatus,
    Span,
    SpanError,
    ZoneKind,
    reanchor,
    reanchor_claims,
)
from corpuskit.align.anchor import anchor
from corpuskit.align.reanchor import _OffsetMap

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
ARTICLES = [Article.from_path(p) for p in SEEDS]
CURLY = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


@pytest.fixture(params=ARTICLES, ids=[a.id for a in ARTICLES])
def article(request: pytest.FixtureRequest) -> Article:
    return request.param  # type: ignore[no-any-return]


def _spans(article: Article) -> list[Span]:
    """Every sentence and every claim's own span, as plain spans."""
    claims = [Span(c.start, c.end, c.text) for c in article.claims]
    return [*article.sentences, *claims]


def _check(new_text: str, moves: Sequence[Moved], spans: Sequence[Span]) -> None:
    """What holds for every report: order, exact slices, status against the texts."""
    assert len(moves) == len(spans)
    for move, span in zip(moves, spans, strict=True):
        assert move.old is span
        if move.status is MoveStatus.LOST:
            assert move.new is None
            assert move.how in ("lost:ambiguous", "lost:orphan")
            continue
        assert move.new is not None
        assert new_text[move.new.start : move.new.end] == move.new.text
        assert (move.status is MoveStatus.UNCHANGED) == (move.new.text == span.text)
        assert move.how in ("diff", "anchor:exact", "anchor:normalised", "anchor:fuzzy")
        if move.how in ("diff", "anchor:exact"):
            assert move.score == 1.0


def _unchanged_at(move: Moved, start: int) -> None:
    assert move.status is MoveStatus.UNCHANGED, move
    assert move.new is not None
    assert move.new == Span(start, move.old.end - move.old.start + start, move.old.text)


# --- edits of the seeds ------------------------------------------------------------------


@pytest.mark.parametrize(
    "lead",
    [
        "Editor’s note: this story was updated on Monday.\n\n",
        # Starts with the old text's first words: the diff must still see an insertion
        # before them, not after.
        "North Korea Kim Jong-un was not seen in public this week.\n\n",
        "\n",
    ],
)
def test_paragraph_inserted_at_the_top(article: Article, lead: str) -> None:
    new_text = lead + article.text
    spans = _spans(article)
    moves = reanchor(article.text, new_text, spans)
    _check(new_text, moves, spans)
    for move in moves:
        _unchanged_at(move, move.old.start + len(lead))
        assert move.how == "diff"


def test_crlf_line_endings(article: Article) -> None:
    old = article.text
    assert "\r" not in old
    new_text = old.replace("\n", "\r\n")
    spans = [*_spans(article), *article.zones]
    moves = reanchor(old, new_text, spans)
    _check(new_text, moves, spans)
    for move in moves:
        span = move.old
        assert move.how == "diff"
        assert move.new is not None
        assert move.new.start == span.start + old.count("\n", 0, span.start)
        assert move.new.text == span.text.replace("\n", "\r\n")
        changed = "\n" in span.text
        assert move.status is (MoveStatus.CHANGED if changed else MoveStatus.UNCHANGED)


def _changed_word(article: Article) -> tuple[int, int]:
    """The word in the middle of the longest sentence (letters only, two or more)."""
    sentence = max(article.sentences, key=lambda s: len(s.text.split()))
    at = (sentence.start + sentence.end) // 2
    while not article.text[at].isalpha():
        at += 1
    start = at
    while start > 0 and article.text[start - 1].isalpha():
        start -= 1
    end = at
    while article.text[end].isalpha():
        end += 1
    assert end - start >= 2, article.text[start:end]
    return start, end


def test_a_word_changed_inside_one_sentence(article: Article) -> None:
    old = article.text
    start, end = _changed_word(article)
    word = "remarkably"
    new_text = old[:start] + word + old[end:]
    shift = len(word) - (end - start)
    spans = _spans(article)
    moves = reanchor(old, new_text, spans)
    _check(new_text, moves, spans)
    changed = 0
    for move in moves:
        span = move.old
        assert move.how == "diff", move
        assert move.new is not None
        if span.end <= start:
            _unchanged_at(move, span.start)
        elif span.start >= end:
            _unchanged_at(move, span.start + shift)
        else:
            # Sentences and claims start and end at word edges: the word is inside.
            assert span.start <= start
            assert end <= span.end
            assert move.status is MoveStatus.CHANGED
            assert move.new.start == span.start
            assert move.new.text == old[span.start : start] + word + old[end : span.end]
            changed += 1
    assert changed >= 1


def _deleted_sentence(article: Article) -> Span:
    """The first sentence of the first body paragraph that has two or more."""
    for zone in article.zones:
        if zone.kind is ZoneKind.PARAGRAPH:
            inside = article.sentences_in(zone)
            if len(inside) >= 2:
                return inside[0]
    raise AssertionError("no paragraph of two sentences")


def test_a_sentence_deleted(article: Article) -> None:
    old = article.text
    gone = _deleted_sentence(article)
    cut_end = gone.end
    while old[cut_end] == " ":
        cut_end += 1
    new_text = old[: gone.start] + old[cut_end:]
    shift = cut_end - gone.start
    spans = _spans(article)
    moves = reanchor(old, new_text, spans)
    _check(new_text, moves, spans)
    lost = [m for m in moves if m.status is MoveStatus.LOST]
    assert lost
    for move in moves:
        span = move.old
        if span == gone:
            assert move.status is MoveStatus.LOST
            assert move.how == "lost:orphan"
        elif span.end <= gone.start:
            _unchanged_at(move, span.start)
        elif span.start >= cut_end:
            _unchanged_at(move, span.start - shift)
        elif span.end <= gone.end:
            # A claim inside the deleted sentence goes with it.
            assert gone.start <= span.start
            assert move.status is MoveStatus.LOST
        else:
            # A claim in parts that runs on past the deleted sentence (a quote its
            # attribution interrupts) is lost or found again; `_check` saw it exact.
            assert span.start < cut_end < span.end


def test_curly_quotes_straightened(article: Article) -> None:
    old = article.text
    new_text = old.translate(CURLY)
    spans = [*_spans(article), *article.quotes, *article.quantities]
    moves = reanchor(old, new_text, spans)
    _check(new_text, moves, spans)
    for move in moves:
        span = move.old
        assert move.new is not None, move
        assert move.new.start == span.start
        assert move.new.text == span.text.translate(CURLY)
        curly = span.text != span.text.translate(CURLY)
        assert move.status is (MoveStatus.CHANGED if curly else MoveStatus.UNCHANGED)


def test_a_paragraph_duplicated(article: Article) -> None:
    old = article.text
    # The paragraph with the most sentences, copied right after itself.
    paragraph = max(
        (z for z in article.zones if z.kind is ZoneKind.PARAGRAPH),
        key=lambda z: len(article.sentences_in(z)),
    )
    new_text = old[: paragraph.end] + "\n\n" + paragraph.text + old[paragraph.end :]
    shift = len(paragraph.text) + 2
    spans = _spans(article)
    moves = reanchor(old, new_text, spans)
    _check(new_text, moves, spans)
    for move in moves:
        span = move.old
        assert move.how == "diff"
        if span.end <= paragraph.start:
            _unchanged_at(move, span.start)
        elif span.start >= paragraph.end:
            _unchanged_at(move, span.start + shift)
        else:
            assert move.status is MoveStatus.UNCHANGED
            assert move.new is not None
            assert move.new.start in (span.start, span.start + shift)
            # By its words alone, a sentence of the paragraph is now in two places.
            found = anchor(new_text, span.text)
            assert found.status is AnchorStatus.AMBIGUOUS
            assert len(found.candidates) == 2


def test_anchoring_finds_what_the_diff_cannot_carry() -> None:
    sentence = "The second paragraph has a few more words, and it moves down."
    old = f"First paragraph here.\n\n{sentence}\n\nThird.\n\nFourth."
    new_text = f"First paragraph here.\n\nThird.\n\nFourth.\n\n{sentence}"
    second = Span.of(old, 23, 23 + len(sentence))
    (move,) = reanchor(old, new_text, [second])
    assert move.how == "anchor:exact"
    assert move.status is MoveStatus.UNCHANGED
    assert move.new == Span.of(new_text, new_text.index(sentence), len(new_text))
    # Moved and reworded: a fuzzy anchor, "changed".
    reworded = new_text.replace("it moves", "it now moves")
    (move,) = reanchor(old, reworded, [second])
    assert move.status is MoveStatus.CHANGED
    assert move.how == "anchor:fuzzy"
    assert 0.75 <= move.score < 1.0
    assert move.new is not None
    assert move.new.text == sentence.replace("it moves", "it now moves")
    # ... unless the threshold asks for more.
    (move,) = reanchor(old, reworded, [second], threshold=0.95)
    assert move.status is MoveStatus.LOST
    assert move.how == "lost:orphan"
    # Moved and respaced: normalised.
    respaced = new_text.replace("second paragraph", "second  paragraph")
    (move,) = reanchor(old, respaced, [second])
    assert move.status is MoveStatus.CHANGED
    assert move.how == "anchor:normalised"
    assert move.new is not None
    assert move.new.text == sentence.replace("second", "second ")


def test_empty_and_blank_spans() -> None:
    old = "alpha beta gamma"
    new_text = "alpha BETA gamma"
    spans = [Span.of(old, 6, 6), Span.of(old, 8, 8), Span.of(old, 5, 6), Span.of(old, 0, 0)]
    moves = reanchor(old, new_text, spans)
    _check(new_text, moves, spans)
    assert moves[0].new == Span(6, 6, "")
    assert moves[1].status is MoveStatus.LOST  # inside the changed word
    assert moves[1].how == "lost:orphan"
    assert moves[2].new == Span(5, 6, " ")
    assert moves[3].new == Span(0, 0, "")
    assert reanchor(old, new_text, []) == ()


def test_lost_spans_say_why() -> None:
    # Nothing like it any more: an orphan.
    old = "One two three. Gone words here. One two three."
    (move,) = reanchor(old, "Gone words here. Gone words here.", [Span.of(old, 0, 14)])
    assert move.status is MoveStatus.LOST
    assert move.how == "lost:orphan"
    # Everything around the span rewritten, and the span now twice, each copy as far
    # from its old place as the other, with no context to choose: ambiguous.
    sentence = " ".join(f"w{i}" for i in range(80)) + "."
    old = "a" * 107 + " " + sentence + " " + "b"
    new_text = "cccc " + sentence + " dddd " + sentence + " eeee"
    (move,) = reanchor(old, new_text, [Span.of(old, 108, 108 + len(sentence))])
    assert move.status is MoveStatus.LOST
    assert move.how == "lost:ambiguous"
    assert move.new is None
    assert move.score == 1.0


# --- properties --------------------------------------------------------------------------


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


@st.composite
def edited(draw: st.DrawFn) -> tuple[str, str, list[Span], int, int]:
    """A text, a copy with one insertion or deletion, spans of the text, the edit's zone."""
    old = draw(texts())
    at = draw(st.integers(0, len(old)))
    if draw(st.booleans()):
        piece = draw(st.one_of(news_texts(), st.text(max_size=12), st.sampled_from(["\n", " "])))
        new = old[:at] + piece + old[at:]
    else:
        cut = draw(st.integers(at, min(len(old), at + 40)))
        new = old[:at] + old[cut:]
    bounds = st.integers(0, len(old))
    pairs = draw(st.lists(st.tuples(bounds, bounds), max_size=12))
    spans = [Span.of(old, min(p), max(p)) for p in pairs]
    # Where an edit equivalent to this one may stand: between the end of the common
    # prefix and the start of the common suffix (counted in the old text).
    n, m = len(old), len(new)
    prefix = _common_prefix(old, new)
    suffix = min(_common_prefix(old[::-1], new[::-1]), n, m)
    return old, new, spans, min(n, m) - suffix, prefix + max(0, n - m)


@given(edited())
def test_property_spans_clear_of_one_edit_are_unchanged(
    case: tuple[str, str, list[Span], int, int],
) -> None:
    old, new, spans, lo, hi = case
    moves = reanchor(old, new, spans)
    _check(new, moves, spans)
    for move in moves:
        span = move.old
        if span.end <= lo or span.start >= hi:
            assert move.status is MoveStatus.UNCHANGED, (move, lo, hi)
            assert move.how == "diff"
            assert move.new is not None
            shifts = {0 if span.end <= lo else len(new) - len(old)}
            if span.start == span.end:
                # An empty span at the edit's edge may go to either side of it.
                shifts.add(len(new) - len(old))
            assert move.new.start - span.start in shifts


@given(texts(), texts(), st.data())
def test_property_any_two_texts(old: str, new: str, data: st.DataObject) -> None:
    bounds = st.integers(0, len(old))
    pairs = data.draw(st.lists(st.tuples(bounds, bounds), max_size=8))
    spans = [Span.of(old, min(p), max(p)) for p in pairs]
    moves = reanchor(old, new, spans)
    _check(new, moves, spans)
    for move in moves:
        if move.how == "diff" and move.old.start < move.old.end:
            assert move.new is not None
            assert move.new.start < move.new.end


@given(texts(), texts())
def test_property_the_offset_map_covers_both_texts(old: str, new: str) -> None:
    segments = _OffsetMap(old, new).segments
    assert segments[0][0] == 0
    assert segments[0][2] == 0
    assert segments[-1][1] == len(old)
    assert segments[-1][3] == len(new)
    for (_, i2, _, j2, _), (i1, _, j1, _, _) in itertools.pairwise(segments):
        assert (i2, j2) == (i1, j1)
    for i1, i2, j1, j2, equal in segments:
        if equal:
            assert old[i1:i2] == new[j1:j2]


# --- claims ------------------------------------------------------------------------------


def _claim_spans(claim: Claim) -> list[Span]:
    out: list[Span] = [claim, *claim.sentences]
    if claim.attribution is not None:
        parts = (claim.attribution.source, claim.attribution.cue, claim.attribution.resolved)
        out.extend(p for p in parts if p is not None)
    for q in claim.quantities:
        out.append(q)
        out.extend(p for p in (q.hedge_span, q.counted) if p is not None)
    if claim.quote is not None:
        out.extend((claim.quote, claim.quote.content))
    return out


EDITS: dict[str, Callable[[Article], str]] = {
    "lead": lambda a: "Editor’s note: this story was updated.\n\n" + a.text,
    "crlf": lambda a: a.text.replace("\n", "\r\n"),
    "word": lambda a: a.text[: _changed_word(a)[0]] + "remarkably" + a.text[_changed_word(a)[1] :],
    "deleted": lambda a: a.text[: _deleted_sentence(a).start] + a.text[_deleted_sentence(a).end :],
    "straight": lambda a: a.text.translate(CURLY),
}


@pytest.mark.parametrize("edit", EDITS)
def test_claims_move_whole(article: Article, edit: str) -> None:
    new_text = EDITS[edit](article)
    claims = article.claims
    pairs = reanchor_claims(article.text, new_text, claims)
    assert len(pairs) == len(claims)
    kept = []
    for old, (claim, report) in zip(claims, pairs, strict=True):
        assert report.old is old
        if claim is None:
            assert report.status is MoveStatus.LOST
            continue
        assert report.new is not None
        assert (claim.start, claim.end, claim.text) == attrs.astuple(report.new)
        assert claim.id == old.id
        assert claim.kinds == old.kinds
        for span in _claim_spans(claim):
            assert new_text[span.start : span.end] == span.text
        kept.append(claim)
    if edit != "deleted":
        assert len(kept) == len(article.claims)
    if edit in ("lead", "crlf", "straight"):
        for old, (claim, _) in zip(article.claims, pairs, strict=True):
            assert claim is not None
            assert len(claim.sentences) == len(old.sentences)
            assert len(claim.quantities) == len(old.quantities)
            assert (claim.quote is None) == (old.quote is None)
            assert (claim.attribution is None) == (old.attribution is None)
    # The article of the new text takes them as they are.
    moved = Article.from_text(new_text, id=article.id).with_claims(kept)
    assert moved.claims == tuple(kept)


def test_claims_lose_their_parts_one_by_one() -> None:
    old = (
        "The minister said: “We will build 20 new schools.” Critics disagreed.\n\n"
        "The budget is about $10m, officials said."
    )
    article = Article.from_text(old, id="t")
    claims = article.claims
    quote_claim, budget = claims
    assert quote_claim.quote is not None
    assert budget.quantities[0].hedge == "about"
    # The speaker's name goes; the claim keeps its quote, cue and number.
    new_text = old.replace("The minister said", "Said")
    (claim, report), (other, _) = reanchor_claims(old, new_text, claims)
    assert report.status is MoveStatus.UNCHANGED
    assert claim is not None
    assert other is not None
    assert claim.attribution is not None
    assert claim.attribution.source is None
    assert claim.attribution.cue is not None
    assert claim.attribution.cue.text == "Said"
    assert claim.quote is not None
    assert claim.quote.content.text == "We will build 20 new schools."
    assert [q.text for q in claim.quantities] == ["20"]
    Article.from_text(new_text, id="t").with_claims([claim, other])
    # The hedge goes: the quantity stays, unhedged.
    new_text = old.replace("about $10m", "$10m")
    ((_, _), (other, _)) = reanchor_claims(old, new_text, claims)
    assert other is not None
    (quantity,) = other.quantities
    assert quantity.text == "$10m"
    assert quantity.hedge is None
    assert quantity.hedge_span is None
    # The whole quote goes: so does its claim.
    new_text = old.replace(" “We will build 20 new schools.”", "")
    ((claim, report), (other, _)) = reanchor_claims(old, new_text, claims)
    assert claim is None
    assert report.status is MoveStatus.LOST
    assert report.old is quote_claim
    assert other is not None
    # The closing mark goes: an edit inside the quote, which moves with the claim.
    new_text = old.replace("schools.”", "schools.")
    ((claim, _), _) = reanchor_claims(old, new_text, claims)
    assert claim is not None
    assert claim.quote is not None
    assert claim.quote.text == "“We will build 20 new schools."
    # The new article reads that quote differently (without its closing mark it
    # runs on to the paragraph's end): a claim refers only to the article's own quotes.
    (parsed,) = Article.from_text(new_text, id="t").quotes
    assert parsed.start == claim.quote.start
    assert parsed != claim.quote
    with pytest.raises(SpanError, match=r"claims\[0\]\.quote: not one of the article's quotes"):
        Article.from_text(new_text, id="t").with_claims([claim])


def test_claims_lose_their_quote_but_not_their_content() -> None:
    old = "He said: “alpha beta gamma delta” today."
    article = Article.from_text(old, id="t")
    (found,) = article.claims
    assert found.quote is not None
    # A claim made by hand on part of the quote.
    claim = attrs.evolve(found, start=16, end=26, text=old[16:26], id="t:part")
    assert claim.text == "beta gamma"
    new_text = "He beta gamma delta” today."
    ((moved, report),) = reanchor_claims(old, new_text, [claim], threshold=0.9)
    assert report.status is MoveStatus.UNCHANGED
    assert moved is not None
    assert moved.id == "t:part"
    assert moved.text == "beta gamma"
    assert moved.quote is None
    assert moved.attribution is not None
    assert moved.attribution.cue is None
    assert moved.sentences == (Span.of(new_text, 0, len(new_text)),)
    Article.from_text(new_text, id="t").with_claims([moved])


def test_claims_whose_quantity_would_be_invalid_drop_it() -> None:
    old = "The minister said: “We will build 20 new schools.”"
    article = Article.from_text(old, id="t")
    (claim,) = article.claims
    (quantity,) = claim.quantities
    assert quantity.counted is not None
    assert quantity.counted.text == "new schools"
    # The number is found after the noun it counted: no valid quantity is left.
    new_text = "The minister said: “We will build new schools, 20 of them.”"
    number, counted = reanchor(old, new_text, [quantity, quantity.counted])
    assert number.new is not None
    assert counted.new is not None
    assert counted.new.start < number.new.start
    ((moved, report),) = reanchor_claims(old, new_text, [claim])
    assert report.status is MoveStatus.CHANGED
    assert moved is not None
    assert moved.quantities == ()
    Article.from_text(new_text, id="t").with_claims([moved])


# --- bad input ---------------------------------------------------------------------------


def test_bad_input() -> None:
    old = "Some old text."
    with pytest.raises(SpanError, match=r"spans\[1\]"):
        reanchor(old, old, [Span.of(old, 0, 4), Span(0, 4, "Nope")])
    with pytest.raises(SpanError, match=r"spans\[0\].*past the end"):
        reanchor(old, old, [Span(10, 20, "x" * 10)])
    with pytest.raises(TypeError, match=r"spans\[0\]"):
        reanchor(old, old, [(0, 4)])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="new_text"):
        reanchor(old, b"bytes", [])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="threshold"):
        reanchor(old, old, [], threshold=0.0)
    article = Article.from_text("“We will win,” she said.", id="t")
    (claim,) = article.claims
    with pytest.raises(TypeError, match=r"claims\[0\]"):
        reanchor_claims(old, old, [Span.of(old, 0, 4)])  # type: ignore[list-item]
    with pytest.raises(SpanError, match=r"claims\[0\]"):
        reanchor_claims(old, old, [claim])


# --- long texts --------------------------------------------------------------------------


def _long_text(kilobytes: int) -> str:
    parts: list[str] = []
    i = 0
    while sum(map(len, parts)) < kilobytes * 1000:
        parts.append(f"Copy {i}.\n\n" + ARTICLES[i % len(ARTICLES)].text + "\n\n")
        i += 1
    return "".join(parts)


def test_long_texts_with_a_few_edits() -> None:
    # How the time grows with the text is measured in benchmarks/bench_adversarial.py.
    old = _long_text(100)
    new_text = (
        "A new first paragraph.\n\n"
        + old[:30_000]
        + old[30_200:60_000].replace("\n", "\r\n").replace("workers", "labourers")
        + old[60_000:]
    ).translate(CURLY)
    article = Article.from_text(old, id="long")
    spans = list(article.sentences[:: max(1, len(article.sentences) // 200)])[:200]
    moves = reanchor(old, new_text, spans)
    _check(new_text, moves, spans)
    # Repetitive text gives the diff nothing unique to hold on to; a few edits in it are
    # still found, and the spans around them carried.
    repetitive = "the the the. " * 8000
    edited_text = repetitive[:1000] + "a" + repetitive[1000:60_000] + repetitive[60_005:]
    spans = [Span.of(repetitive, k, k + 11) for k in range(0, 100_000, 500)]
    moves = reanchor(repetitive, edited_text, spans)
    _check(edited_text, moves, spans)
    assert sum(m.how == "diff" for m in moves) >= 198
