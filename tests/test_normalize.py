"""Tests for normalize: the normalised text, its offset map, snapping and serialisation."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import orjson
import pytest
import regex
from hypothesis import example, given
from hypothesis import strategies as st
from strategies import any_texts, news_texts

from corpuskit import CorpusKitError, InvalidDocumentError, Span, SpanError
from corpuskit.align.normalize import (
    _SPACE_CHARS,
    DEFAULT_STEPS,
    Normalized,
    NormalizeStep,
    OffsetMap,
    normalize,
)

S = NormalizeStep

# -- the reference: each step applied to the whole string at once --------------------------

QUOTE_TABLE = str.maketrans(dict.fromkeys("“”„‟«»", '"') | dict.fromkeys("‘’‚‛", "'"))
DASH_TABLE = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


def collapse_ref(match: re.Match[str]) -> str:
    breaks = len(re.findall(r"\r\n|\r|\n", match.group()))
    return " " if breaks == 0 else "\n" if breaks == 1 else "\n\n"


def naive(text: str, steps: Iterable[NormalizeStep]) -> str:
    chosen = set(steps)
    if S.NEWLINES in chosen:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if S.BOM in chosen:
        text = text.replace("\ufeff", "")
    if S.ZERO_WIDTH in chosen:
        for c in ZERO_WIDTH:
            text = text.replace(c, "")
    if S.NFC in chosen:
        text = unicodedata.normalize("NFC", text)
    if S.NFKC in chosen:
        text = unicodedata.normalize("NFKC", text)
    if S.SPACES in chosen:
        text = "".join(" " if c == "\t" or unicodedata.category(c) == "Zs" else c for c in text)
    if S.COLLAPSE in chosen:
        text = re.sub(r"[ \t\r\n]+", collapse_ref, text)
    if S.QUOTES in chosen:
        text = text.translate(QUOTE_TABLE)
    if S.DASHES in chosen:
        text = text.translate(DASH_TABLE)
    if S.ELLIPSIS in chosen:
        text = text.replace("…", "...")
    if S.CASEFOLD in chosen:
        text = text.casefold()
    return text


# -- strategies ---------------------------------------------------------------------------

# Pieces that some step rewrites, and neighbours they interact with: accents that
# compose (or not) across a removed character, Hangul jamo, expansions, surrogates.
PIECES = [
    *"aeEIsSxk .,-=<'\"\t\n\r",
    "  ",
    "\r\n",
    "\u00a0",
    "\u2009",
    "\u3000",
    "\u202f",
    "\u2000",
    "\ufeff",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\u00ad",
    "\u0301",
    "\u0327",
    "\u0308",
    "\u0338",
    "\u0345",
    "é",
    "ß",
    "ẞ",
    "ﬁ",
    "…",
    "‥",
    "“",
    "”",
    "„",
    "‟",
    "«",
    "»",
    "‘",
    "’",
    "‚",
    "‛",
    "\u2010",
    "\u2011",
    "\u2013",
    "\u2014",
    "\u2015",
    "\u2212",
    "😀",
    "👍🏽",
    "👨\u200d👩",
    "🇰🇷",
    "\u1100",
    "\u1161",
    "\u11a8",
    "가",
    "\u2126",
    "ΐ",
    "İ",
    "Σ",
    "ς",
    "²",
    "Ａ",
    "＂",
    "\ufe58",
    "\uff76",
    "\uff9e",
    "\u0b47",
    "\u0b3e",
    "\ud800",
]


def tricky_texts() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def all_texts() -> st.SearchStrategy[str]:
    return st.one_of(tricky_texts(), news_texts(), any_texts())


step_sets = st.sets(st.sampled_from(list(NormalizeStep)))


@st.composite
def normalized(draw: st.DrawFn) -> Normalized:
    text = draw(all_texts())
    steps = draw(step_sets | st.just(set(DEFAULT_STEPS)))
    return normalize(text, steps)


@st.composite
def spans_of(draw: st.DrawFn, length: int) -> tuple[int, int]:
    start = draw(st.integers(0, length))
    end = draw(st.integers(start, length))
    return start, end


@st.composite
def offset_maps(draw: st.DrawFn, *, insertions: bool = True) -> OffsetMap:
    """Any valid map, removals included, and insertions unless told not to."""
    parts = draw(
        st.lists(
            st.tuples(
                st.integers(0, 4), st.integers(0 if insertions else 1, 3), st.integers(0, 3)
            ).filter(lambda p: p[1] or p[2]),
            max_size=8,
        )
    )
    a = b = 0
    edits: list[tuple[int, int, int, int]] = []
    for gap, raw_len, norm_len in parts:
        # A removal or an insertion never touches another edit.
        touching_empty = bool(edits) and (
            not raw_len
            or not norm_len
            or edits[-1][0] == edits[-1][1]
            or edits[-1][2] == edits[-1][3]
        )
        a, b = a + max(gap, touching_empty), b + max(gap, touching_empty)
        edits.append((a, a + raw_len, b, b + norm_len))
        a, b = a + raw_len, b + norm_len
    tail = draw(st.integers(0, 4))
    return OffsetMap(a + tail, b + tail, edits)


# -- the text -----------------------------------------------------------------------------


@given(all_texts(), step_sets)
@example("e\u200b\u0301", {S.ZERO_WIDTH, S.NFC})
@example("ΐ", {S.NFC, S.CASEFOLD})
@example("a \r\n\r\n \t\r b", {S.COLLAPSE})
@example("\u1100\u1161\u11a8", {S.NFC})
def test_normalize_text_is_the_steps_applied_to_the_whole_text(
    text: str, steps: set[NormalizeStep]
) -> None:
    result = normalize(text, steps)
    assert result.raw == text
    assert result.text == naive(text, steps)
    assert result.steps == tuple(s for s in NormalizeStep if s in steps)


@given(all_texts(), step_sets.filter(lambda s: S.CASEFOLD not in s) | st.just(set(DEFAULT_STEPS)))
def test_normalize_is_idempotent(text: str, steps: set[NormalizeStep]) -> None:
    once = normalize(text, steps).text
    twice = normalize(once, steps)
    assert twice.text == once
    assert twice.map.edits == ()


@given(all_texts(), st.permutations(list(NormalizeStep)), st.integers(0, len(NormalizeStep)))
def test_normalize_order_of_steps_given_does_not_matter(
    text: str, order: list[NormalizeStep], n: int
) -> None:
    chosen = order[:n]
    assert normalize(text, chosen) == normalize(text, sorted(chosen, key=list(S).index))
    assert normalize(text, [s.value.upper() for s in chosen]) == normalize(text, chosen)


def test_normalize_default_steps_are_all_but_nfkc_and_casefold() -> None:
    assert set(DEFAULT_STEPS) == set(S) - {S.NFKC, S.CASEFOLD}
    assert list(DEFAULT_STEPS) == [s for s in S if s in DEFAULT_STEPS]
    assert normalize("x").steps == DEFAULT_STEPS
    assert normalize("x", []).steps == ()


def test_normalize_spaces_are_the_tab_and_every_space_separator() -> None:
    zs = {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Zs"}
    assert set(_SPACE_CHARS) | {" "} == zs | {"\t"}
    assert len(_SPACE_CHARS) == len(set(_SPACE_CHARS))


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("a  b", "a b"),
        ("a \t b", "a b"),
        ("a\tb", "a b"),
        ("a \n b", "a\nb"),
        ("a\r\nb", "a\nb"),
        ("a\rb", "a\nb"),
        ("a\n\nb", "a\n\nb"),
        ("a\r\n\r\nb", "a\n\nb"),
        ("a \n\t\n\n  b", "a\n\nb"),
        ("  a  ", " a "),
        ("a\u00a0 b", "a\u00a0 b"),
    ],
)
def test_normalize_collapse_keeps_one_space_one_line_break_or_a_paragraph_break(
    raw: str, text: str
) -> None:
    assert normalize(raw, ["collapse"]).text == text


def test_normalize_rejects_bad_arguments() -> None:
    with pytest.raises(TypeError, match="str"):
        normalize(b"text")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"'bogus'.*newlines, bom, zero_width, nfc"):
        normalize("x", ["nfc", "bogus"])
    with pytest.raises(TypeError):
        normalize("x", [3])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        normalize("x", 5)  # type: ignore[arg-type]
    assert normalize("A", "casefold").text == "a"
    assert normalize("A", S.CASEFOLD).text == "a"
    assert normalize("A", ["CASEFOLD", "casefold"]).steps == (S.CASEFOLD,)
    for error in (TypeError, ValueError):
        assert not issubclass(error, CorpusKitError)


# -- the map ------------------------------------------------------------------------------


@given(normalized())
def test_normalize_map_is_valid_and_holds_only_changed_regions(result: Normalized) -> None:
    m = result.map
    assert (m.raw_length, m.length) == (len(result.raw), len(result.text))
    assert OffsetMap.from_dict(m.to_dict()) == m
    # Building a Normalized checks that the texts agree between the edits.
    assert Normalized(result.raw, result.text, m, result.steps) == result
    for a0, a1, b0, b1 in m.edits:
        assert result.raw[a0:a1] != result.text[b0:b1]
        assert a0 < a1, "no step inserts text from nothing"
    if result.raw == result.text:
        assert m.edits == ()


@given(all_texts(), st.sampled_from([S.NFC, S.NFKC]))
def test_normalize_unicode_forms_edit_one_grapheme_at_a_time(
    text: str, form: NormalizeStep
) -> None:
    result = normalize(text, [form])
    for a0, a1, _, _ in result.map.edits:
        assert len(regex.findall(r"\X", result.raw[a0:a1])) == 1


@given(all_texts())
def test_normalize_character_steps_make_one_edit_per_changed_character(text: str) -> None:
    def count(steps: list[str]) -> int:
        return len(normalize(text, steps).map.edits)

    assert count(["quotes"]) == sum(text.count(c) for c in "“”„‟«»‘’‚‛")
    assert count(["dashes"]) == sum(
        text.count(c) for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
    )
    assert count(["ellipsis"]) == text.count("…")
    assert count(["spaces"]) == sum(text.count(c) for c in _SPACE_CHARS)
    assert count(["newlines"]) == len(re.findall("\r\n?", text))
    assert count(["bom"]) == len(re.findall("\ufeff+", text))
    assert count(["zero_width"]) == len(re.findall(f"[{ZERO_WIDTH}]+", text))
    assert count(["casefold"]) == sum(c.casefold() != c for c in text)
    collapsing = [m for m in re.finditer(r"[ \t\r\n]+", text) if collapse_ref(m) != m.group()]
    assert count(["collapse"]) == len(collapsing)


def test_normalize_map_sizes() -> None:
    assert len(normalize("He said “yes”, not ‘no", ["quotes"]).map.edits) == 3
    assert normalize("Plain ASCII text.\nSecond line.", DEFAULT_STEPS).map.edits == ()
    assert normalize("", list(S)).map == OffsetMap(0, 0, [])
    assert normalize("Café", list(S) * 2).map.edits == ((0, 1, 0, 1),)
    assert normalize("a\u200b\u200b\u00adb", ["zero_width"]).map.edits == ((1, 4, 1, 1),)
    assert normalize("e\u0301e\u0301", ["nfc"]).map.edits == ((0, 2, 0, 1), (2, 4, 1, 2))
    assert normalize("Straße", ["casefold"]).map.edits == ((0, 1, 0, 1), (4, 5, 4, 6))
    assert normalize("a\r\nb\r\n\r\nc", ["newlines"]).map.edits == (
        (1, 3, 1, 2),
        (4, 6, 3, 4),
        (6, 8, 4, 5),
    )


# -- mapping spans ------------------------------------------------------------------------


@given(normalized(), st.data())
def test_normalize_raw_spans_map_forward_and_back_to_a_span_containing_them(
    result: Normalized, data: st.DataObject
) -> None:
    start, end = data.draw(spans_of(len(result.raw)))
    forward = result.from_raw((start, end))
    assert forward.text == result.text[forward.start : forward.end]
    back = result.to_raw(forward)
    assert back.text == result.raw[back.start : back.end]
    assert result.from_raw(Span.of(result.raw, start, end)) == forward
    if start < end:
        assert back.start <= start
        assert end <= back.end
        # Converting again changes nothing: snapped spans are fixed points.
        assert result.from_raw(back) == forward
    else:
        # An empty raw span stays empty (no step inserts text from nothing); back
        # from it comes an empty span at or before it, or the removed text around it.
        assert forward.start == forward.end
        assert back.start <= start
        assert back.start == back.end or start <= back.end
    untouched = all(a1 < start or end < a0 for a0, a1, _, _ in result.map.edits)
    if untouched:
        assert forward.text == result.raw[start:end]


@given(normalized(), st.data())
def test_normalize_normalised_spans_map_back_and_forward_to_a_span_containing_them(
    result: Normalized, data: st.DataObject
) -> None:
    start, end = data.draw(spans_of(len(result.text)))
    back = result.to_raw((start, end))
    assert back.text == result.raw[back.start : back.end]
    forward = result.from_raw(back)
    assert forward.text == result.text[forward.start : forward.end]
    if start < end:
        assert forward.start <= start
        assert end <= forward.end
        assert result.to_raw(forward) == back
    else:
        # An empty span where text was removed maps to the removed text, and back.
        assert back.start == back.end or result.text[start:end] == ""
        assert forward.start == forward.end <= start
        if back.start < back.end:
            assert forward.start == start


@given(normalized(), st.data())
def test_normalize_span_edges_map_monotonically(result: Normalized, data: st.DataObject) -> None:
    for source, convert in ((result.raw, result.from_raw), (result.text, result.to_raw)):
        n = len(source)
        a, c = sorted(data.draw(st.lists(st.integers(0, n), min_size=2, max_size=2)))
        b = data.draw(st.integers(a, n))
        d = data.draw(st.integers(max(b, c), n))
        first, second = convert((a, b)), convert((c, d))
        assert first.start <= second.start
        if a < b and c < d:
            assert first.end <= second.end
        assert convert((a, a)).start <= convert((c, c)).start


@given(offset_maps(), st.data())
def test_offset_map_round_trips_contain_the_span_for_any_map(
    m: OffsetMap, data: st.DataObject
) -> None:
    for length, there, back in (
        (m.raw_length, m.from_raw, m.to_raw),
        (m.length, m.to_raw, m.from_raw),
    ):
        start, end = data.draw(spans_of(length))
        s, e = there(start, end)
        assert 0 <= s <= e
        s2, e2 = back(s, e)
        assert s2 <= start
        if start < end:
            assert end <= e2
        else:
            assert s2 == e2 or start <= e2
    assert m.inverse().inverse() == m
    start, end = data.draw(spans_of(m.length))
    assert m.to_raw(start, end) == m.inverse().from_raw(start, end)


@given(offset_maps(), offset_maps(), st.data())
def test_offset_map_then_agrees_with_mapping_twice_away_from_edits(
    first: OffsetMap, second: OffsetMap, data: st.DataObject
) -> None:
    # Lengthen the unchanged tail of one map so that the second maps the first's output.
    d = second.raw_length - first.length
    if d > 0:
        first = OffsetMap(first.raw_length + d, first.length + d, first.edits)
    else:
        second = OffsetMap(second.raw_length - d, second.length - d, second.edits)
    both = first.then(second)
    assert OffsetMap.from_dict(both.to_dict()) == both
    assert (both.raw_length, both.length) == (first.raw_length, second.length)
    assert both.inverse() == second.inverse().then(first.inverse())

    def clear(m: OffsetMap, offset: int, raw: bool) -> bool:
        return all(not (e[0 if raw else 2] <= offset <= e[1 if raw else 3]) for e in m.edits)

    # Where a composed region merged a removal or an insertion into a neighbour,
    # the snapping of an edge touching it can differ from mapping twice; an edge
    # clear of every region maps the same either way.
    start, end = data.draw(spans_of(first.raw_length))
    if clear(both, start, True) and clear(both, end, True):
        assert both.from_raw(start, end) == second.from_raw(*first.from_raw(start, end))
    start, end = data.draw(spans_of(second.length))
    if clear(both, start, False) and clear(both, end, False):
        assert both.to_raw(start, end) == first.to_raw(*second.to_raw(start, end))


UNMERGED = [S.NEWLINES, S.ZERO_WIDTH, S.NFC, S.SPACES, S.COLLAPSE, S.QUOTES, S.CASEFOLD]


@given(all_texts(), st.sets(st.sampled_from(UNMERGED), min_size=2, max_size=2))
def test_offset_map_then_composes_the_maps_of_two_steps(
    text: str, pair: set[NormalizeStep]
) -> None:
    a, b = sorted(pair, key=list(S).index)
    one = normalize(text, [a])
    two = normalize(one.text, [b])
    both = one.map.then(two.map)
    # The composed map is a valid alignment of the raw and the final text ...
    Normalized(text, two.text, both, (a, b))
    # ... and the map normalize builds, less regions that a later step undid.
    changed = tuple(e for e in both.edits if text[e[0] : e[1]] != two.text[e[2] : e[3]])
    assert changed == normalize(text, [a, b]).map.edits


def test_offset_map_then_needs_matching_lengths() -> None:
    with pytest.raises(ValueError, match="3 code points"):
        OffsetMap(2, 3, [(0, 1, 0, 2)]).then(OffsetMap(2, 2, []))
    with pytest.raises(TypeError):
        OffsetMap(2, 2, []).then({})  # type: ignore[arg-type]


def test_offset_map_snapping_rule() -> None:
    # "aßc…dx" -> "assc...d": ß becomes "ss", … becomes "...", x is removed.
    m = OffsetMap(6, 8, [(1, 2, 1, 3), (3, 4, 4, 7), (5, 6, 8, 8)])
    assert m.to_raw(1, 2) == (1, 2)  # one "s" of "ss" is the whole ß
    assert m.to_raw(2, 3) == (1, 2)
    assert m.to_raw(5, 6) == (3, 4)  # one dot is the whole …
    assert m.to_raw(4, 7) == (3, 4)
    assert m.to_raw(2, 2) == (1, 1)  # an empty span inside snaps to the region start
    assert m.to_raw(0, 1) == (0, 1)
    assert m.to_raw(7, 8) == (4, 6)  # an end next to a removal takes the removed text
    assert m.to_raw(8, 8) == (5, 6)  # so does an empty span where it was
    assert m.to_raw(7, 7) == (4, 4)
    assert m.from_raw(5, 6) == (8, 8)  # the removed x alone
    assert m.from_raw(4, 5) == (7, 8)
    assert m.from_raw(0, 6) == (0, 8)
    assert m.from_raw(2, 3) == (3, 4)
    assert m.from_raw(4, 4) == (7, 7)


def test_offset_map_rejects_spans_outside_the_text() -> None:
    m = OffsetMap(3, 4, [(1, 2, 1, 3)])
    for bad in ((0, 5), (-1, 2), (2, 1), (0.0, 1), (True, 1), ("0", 1)):
        with pytest.raises(SpanError):
            m.to_raw(*bad)  # type: ignore[arg-type]
    with pytest.raises(SpanError, match="raw text of 3"):
        m.from_raw(0, 4)


# -- worked examples ----------------------------------------------------------------------

RAW = "“Straße”\r\nCafe\u0301\u00a0…\u00a0😀!"


def test_normalize_worked_example() -> None:
    r = normalize(RAW, [*DEFAULT_STEPS, S.CASEFOLD])
    assert r.text == '"strasse"\ncafé ... 😀!'
    assert r.map.edits == (
        (0, 1, 0, 1),  # “
        (1, 2, 1, 2),  # S
        (5, 6, 5, 7),  # ß
        (7, 8, 8, 9),  # ”
        (8, 10, 9, 10),  # CRLF
        (10, 11, 10, 11),  # C
        (13, 15, 13, 14),  # e + combining acute
        (15, 16, 14, 15),  # no-break space
        (16, 17, 15, 18),  # …
        (17, 18, 18, 19),  # no-break space
    )
    assert r.to_raw((5, 6)) == Span(5, 6, "ß")  # half of "ss" is all of ß
    assert r.to_raw((6, 7)) == Span(5, 6, "ß")
    assert r.to_raw((1, 7)) == Span(1, 6, "Straß")
    assert r.to_raw((15, 16)) == Span(16, 17, "…")  # one dot of three
    assert r.to_raw((9, 10)) == Span(8, 10, "\r\n")
    assert r.to_raw((19, 21)) == Span(18, 20, "😀!")
    assert r.to_raw((0, 21)) == Span(0, 20, RAW)
    assert r.from_raw((13, 14)) == Span(13, 14, "é")  # the base letter alone
    assert r.from_raw((14, 15)) == Span(13, 14, "é")  # the accent alone
    assert r.from_raw((8, 9)) == Span(9, 10, "\n")  # the CR of CRLF
    assert r.from_raw((9, 9)) == Span(9, 9, "")  # inside CRLF: the region start
    assert r.from_raw(Span.of(RAW, 10, 15)) == Span(10, 14, "café")
    assert r.from_raw((18, 19)) == Span(19, 20, "😀")


def test_normalize_worked_example_with_removals_and_collapsing() -> None:
    raw = "\ufeffa\u200b \u00a0 b\n\n\n\nc"
    r = normalize(raw)
    assert r.text == "a b\n\nc"
    assert r.map.edits == ((0, 1, 0, 0), (2, 6, 1, 2), (7, 11, 3, 5))
    assert r.to_raw((1, 2)) == Span(2, 6, "\u200b \u00a0 ")
    assert r.to_raw((0, 1)) == Span(0, 2, "\ufeffa")  # the removed mark comes along
    assert r.to_raw((2, 3)) == Span(6, 7, "b")
    assert r.to_raw((4, 4)) == Span(7, 7, "")
    assert r.from_raw((0, 1)) == Span(0, 0, "")


def test_normalize_nfkc_and_dashes_combine() -> None:
    r = normalize("x\ufe58y ﬁne ＂ok＂", ["nfkc", "dashes", "quotes"])
    assert r.text == 'x-y fine "ok"'
    assert r.to_raw((5, 6)) == Span(4, 5, "ﬁ")
    assert r.from_raw((1, 2)) == Span(1, 2, "-")


def test_normalized_spans_must_belong_to_the_text() -> None:
    r = normalize(RAW)
    with pytest.raises(SpanError, match="other text"):
        r.to_raw(Span.of(RAW, 0, 3))
    with pytest.raises(SpanError):
        r.to_raw((0, len(r.text) + 1))
    with pytest.raises(SpanError):
        r.from_raw((3, 2))
    with pytest.raises(TypeError):
        r.to_raw("ab")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        r.to_raw((1, 2, 3))  # type: ignore[arg-type]
    assert r.to_raw([1, 3]) == r.to_raw((1, 3))  # type: ignore[arg-type]


def test_normalized_checks_what_it_is_built_from() -> None:
    m = OffsetMap(2, 1, [(0, 2, 0, 1)])
    assert Normalized("\r\n", "\n", m, (S.NEWLINES,)).text == "\n"
    with pytest.raises(ValueError, match="code points"):
        Normalized("\r\nx", "\n", m, ())
    with pytest.raises(ValueError, match="differ"):
        Normalized("ab", "ac", OffsetMap(2, 2, []), ())
    with pytest.raises(TypeError):
        Normalized("ab", "ab", OffsetMap(2, 2, []), ("nfc",))  # type: ignore[arg-type]


def test_normalized_repr_is_short() -> None:
    r = normalize("x" * 10_000 + "“" * 100)
    assert len(repr(r)) < 200
    assert len(repr(r.map)) < 200
    assert repr(OffsetMap(2, 1, [(0, 2, 0, 1)])) == (
        "OffsetMap(raw_length=2, length=1, edits=[(0, 2, 0, 1)])"
    )


# -- serialisation ------------------------------------------------------------------------


@given(normalized())
def test_offset_map_to_dict_round_trips_through_json(result: Normalized) -> None:
    data = result.map.to_dict()
    assert set(data) == {"raw_length", "length", "edits"}
    assert OffsetMap.from_dict(data) == result.map
    assert OffsetMap.from_dict(orjson.loads(orjson.dumps(data))) == result.map


def test_offset_map_to_dict_shape() -> None:
    m = normalize("a\r\nb").map
    assert m.to_dict() == {"raw_length": 4, "length": 3, "edits": [[1, 3, 1, 2]]}
    assert orjson.dumps(m.to_dict()) == b'{"raw_length":4,"length":3,"edits":[[1,3,1,2]]}'
    assert hash(m) == hash(OffsetMap.from_dict(m.to_dict()))


GOOD = {"raw_length": 5, "length": 6, "edits": [[1, 2, 1, 3]]}


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ([], "$"),
        (None, "$"),
        ({"length": 6, "edits": []}, "$.raw_length"),
        ({"raw_length": 5, "length": 6}, "$.edits"),
        ({**GOOD, "extra": 1}, "$.extra"),
        ({**GOOD, "a b": 1}, "$['a b']"),
        ({**GOOD, "raw_length": "5"}, "$.raw_length"),
        ({**GOOD, "raw_length": True}, "$.raw_length"),
        ({**GOOD, "length": 6.0}, "$.length"),
        ({**GOOD, "length": -1}, "$.length"),
        ({**GOOD, "edits": {}}, "$.edits"),
        ({**GOOD, "edits": [5]}, "$.edits[0]"),
        ({**GOOD, "edits": [[1, 2, 1]]}, "$.edits[0]"),
        ({**GOOD, "edits": [[1, 2, "1", 3]]}, "$.edits[0][2]"),
        ({**GOOD, "edits": [[1, 2, 1, None]]}, "$.edits[0][3]"),
        ({**GOOD, "edits": [[-1, 2, 1, 3]]}, "$.edits[0][0]"),
        ({**GOOD, "edits": [[2, 1, 2, 3]]}, "$.edits[0]"),
        ({**GOOD, "edits": [[1, 2, 3, 1]]}, "$.edits[0]"),
        ({**GOOD, "edits": [[1, 1, 1, 1]]}, "$.edits[0]"),
        ({**GOOD, "edits": [[1, 2, 2, 4]]}, "$.edits[0]"),
        ({"raw_length": 9, "length": 9, "edits": [[5, 6, 5, 6], [1, 2, 1, 2]]}, "$.edits[1]"),
        ({"raw_length": 9, "length": 9, "edits": [[1, 3, 1, 3], [2, 4, 2, 4]]}, "$.edits[1]"),
        ({"raw_length": 9, "length": 9, "edits": [[1, 2, 1, 2], [4, 5, 3, 4]]}, "$.edits[1]"),
        ({"raw_length": 9, "length": 8, "edits": [[1, 2, 1, 2], [2, 3, 2, 2]]}, "$.edits[1]"),
        ({"raw_length": 5, "length": 4, "edits": []}, "$.length"),
        ({**GOOD, "length": 7}, "$.length"),
        ({"raw_length": 1, "length": 2, "edits": [[1, 3, 1, 2]]}, "$.raw_length"),
        ({"raw_length": 3, "length": 1, "edits": [[1, 3, 1, 2]]}, "$.length"),
    ],
)
def test_offset_map_from_dict_names_the_path_of_each_problem(data: object, path: str) -> None:
    with pytest.raises(InvalidDocumentError) as info:
        OffsetMap.from_dict(data)
    assert info.value.json_path == path
    assert info.value.problems


def test_offset_map_from_dict_reports_every_problem() -> None:
    with pytest.raises(InvalidDocumentError) as info:
        OffsetMap.from_dict({"raw_length": -1, "edits": [[0], [1, 2, 3, "x"]], "x": 0})
    paths = [p for p, _ in info.value.problems]
    assert paths == ["$.length", "$.x", "$.raw_length", "$.edits[0]", "$.edits[1][3]"]


def test_offset_map_constructor_checks_its_values() -> None:
    assert OffsetMap(5, 6, [[1, 2, 1, 3]]) == OffsetMap.from_dict(GOOD)  # type: ignore[list-item]
    with pytest.raises(ValueError, match="edits"):
        OffsetMap(9, 9, [(5, 6, 5, 6), (1, 2, 1, 2)])
    with pytest.raises(ValueError, match="length"):
        OffsetMap(5, 4, [])


json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-3, 12)
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=4)
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=16,
)
small = st.integers(-1, 12)
map_like = st.fixed_dictionaries(
    {},
    optional={
        "raw_length": small | json_values,
        "length": small | json_values,
        "edits": st.lists(st.lists(small, min_size=4, max_size=4) | json_values, max_size=4)
        | json_values,
        "other": json_values,
    },
)


@given(json_values | map_like)
def test_offset_map_from_dict_raises_only_corpuskit_errors(data: object) -> None:
    try:
        m = OffsetMap.from_dict(data)
    except CorpusKitError as error:
        problems = error.problems if isinstance(error, InvalidDocumentError) else ()
        assert problems
        assert all(path.startswith("$") for path, _ in problems)
    else:
        assert OffsetMap.from_dict(m.to_dict()) == m
        m.from_raw(0, m.raw_length)
        m.to_raw(0, m.length)
