from __future__ import annotations

import attrs
import pytest

from corpuskit import Span, SpanError


def test_span_of_slices_the_source() -> None:
    s = Span.of("North Korea Kim", 6, 11)
    assert (s.start, s.end, s.text) == (6, 11, "Korea")


def test_span_is_immutable_and_hashable() -> None:
    s = Span(0, 3, "abc")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        s.start = 1  # type: ignore[misc]
    assert {s, Span(0, 3, "abc")} == {s}


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [(-1, 2, "abc"), (3, 2, ""), (0, 2, "abc"), (0, 3, "ab"), (True, 1, "a"), (0.0, 1, "a")],
)
def test_span_rejects_invalid_values(start: object, end: object, text: str) -> None:
    with pytest.raises(SpanError):
        Span(start, end, text)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("start", "end", "match"),
    [
        (-1, 2, "0 <= start <= end"),
        (2, 1, "0 <= start <= end"),
        (0, 4, "does not lie inside a text of 3"),
        (5, 5, "does not lie inside"),
    ],
)
def test_span_of_rejects_offsets_outside_the_source(start: int, end: int, match: str) -> None:
    with pytest.raises(SpanError, match=match):
        Span.of("abc", start, end)


def test_span_empty_span_is_valid() -> None:
    assert Span.of("abc", 3, 3).text == ""


def test_span_contains_and_overlaps() -> None:
    outer, inner, other = Span.of("abcdef", 0, 4), Span.of("abcdef", 1, 3), Span.of("abcdef", 4, 6)
    assert outer.contains(inner)
    assert not inner.contains(outer)
    assert outer.overlaps(inner)
    assert not outer.overlaps(other)


def test_span_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match=r"0 <= start <= end"):
        Span(2, 1, "")
