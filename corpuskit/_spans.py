"""Span: half-open code-point offsets into an article's text, with the text they cover."""

from __future__ import annotations

import attrs

from ._errors import SpanError

__all__ = ["Span"]


def _check_offset(name: str, value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise SpanError(f"span {name} must be an int, got {type(value).__name__} {value!r}")


@attrs.frozen
class Span:
    """A half-open range ``[start, end)`` of code points and the text it covers.

    Offsets count Python code points over the article's exact text (no newline
    translation, no stripping), so for a span taken from an article
    ``article.text[span.start:span.end] == span.text`` always holds.  Spans are
    immutable and compare by value; build them with `Span.of` from the text they
    point into, or directly when the text is already known:

    >>> Span.of("North Korea Kim", 6, 11)
    Span(start=6, end=11, text='Korea')

    Construction checks ``0 <= start <= end`` and that ``text`` has
    ``end - start`` code points, raising `SpanError` otherwise.
    """

    start: int
    end: int
    text: str

    def __attrs_post_init__(self) -> None:
        _check_offset("start", self.start)
        _check_offset("end", self.end)
        if not 0 <= self.start <= self.end:
            raise SpanError(
                f"span [{self.start}, {self.end}) is invalid: "
                "offsets must satisfy 0 <= start <= end"
            )
        if not isinstance(self.text, str):
            raise SpanError(f"span text must be a str, got {type(self.text).__name__}")
        if len(self.text) != self.end - self.start:
            raise SpanError(
                f"span [{self.start}, {self.end}) covers {self.end - self.start} code points "
                f"but its text has {len(self.text)}: {self.text[:40]!r}"
            )

    @classmethod
    def of(cls, source: str, start: int, end: int) -> Span:
        """Return the span ``[start, end)`` of ``source``, checking it lies inside.

        Raises `SpanError` when ``start`` or ``end`` is negative, reversed or past
        ``len(source)``; unlike slicing, nothing is clamped.
        """
        _check_offset("start", start)
        _check_offset("end", end)
        if not 0 <= start <= end:
            raise SpanError(
                f"span [{start}, {end}) is invalid: offsets must satisfy 0 <= start <= end"
            )
        if end > len(source):
            raise SpanError(
                f"span [{start}, {end}) does not lie inside a text of {len(source)} code points"
            )
        return Span(start, end, source[start:end])

    def contains(self, other: Span) -> bool:
        """Return whether ``other`` lies wholly inside this span."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        """Return whether the two spans share at least one code point."""
        return self.start < other.end and other.start < self.end


# Building a span from offsets the library computed itself needs none of the checks
# above, which cost more than the rest of the construction; parsers use this.
_new = object.__new__
_set_start = Span.start.__set__  # type: ignore[attr-defined]
_set_end = Span.end.__set__  # type: ignore[attr-defined]
_set_text = Span.text.__set__  # type: ignore[attr-defined]


def trusted_span(source: str, start: int, end: int) -> Span:
    """Return ``Span(start, end, source[start:end])`` without checking the offsets.

    For parsers only: the caller guarantees ``0 <= start <= end <= len(source)``.
    """
    span: Span = _new(Span)
    _set_start(span, start)
    _set_end(span, end)
    _set_text(span, source[start:end])
    return span
