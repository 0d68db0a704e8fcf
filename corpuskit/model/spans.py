"""Span: half-open code-point offsets into an article's text, with the text they cover."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import attrs

from corpuskit.model.errors import SpanError
from corpuskit.model.fields import model_fields

__all__ = ["PartProblem", "Span", "check_parts", "clipped", "part_problems"]


def clipped(text: str, limit: int = 50) -> str:
    """Return the repr of ``text``, cut to ``limit`` characters with "…": for short reprs.

    >>> clipped("a" * 60, 10)
    "'aaaaaaaaa…'"
    """
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


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


#: A problem with a span's parts: the index of the part at fault and its field
#: (``None`` and ``"parts"`` for the parts as a whole), and the message.
PartProblem = tuple[int | None, str, str]


def part_problems(start: int, end: int, parts: Sequence[tuple[int, int]]) -> list[PartProblem]:
    """Return what is wrong with ``parts`` as the pieces of the span ``[start, end)``.

    Pieces (``(start, end)`` pairs) are two or more, none empty, in order and
    not overlapping, the first starting at ``start`` and the last ending at
    ``end``: the span is their hull.
    """
    if len(parts) < 2:
        return [(None, "parts", f"expected no parts or two or more, got {len(parts)}")]
    problems: list[PartProblem] = []
    if parts[0][0] != start:
        problems.append((0, "start", f"the first part starts at {parts[0][0]}, not at {start}"))
    last = len(parts) - 1
    if parts[last][1] != end:
        problems.append((last, "end", f"the last part ends at {parts[last][1]}, not at {end}"))
    for i, (a, b) in enumerate(parts):
        if a >= b:
            problems.append((i, "end", f"part [{a}, {b}) is empty: every part has text"))
        if i and a < parts[i - 1][1]:
            problems.append(
                (
                    i,
                    "start",
                    f"part [{a}, {b}) starts before the part before it ends, at "
                    f"{parts[i - 1][1]}: parts are in text order and do not overlap",
                )
            )
    return problems


def check_parts(span: Span, parts: object) -> None:
    """Check that ``parts`` are the pieces of ``span`` (see `part_problems`).

    They must be a tuple of plain `Span` objects whose texts are those of
    ``span`` at their offsets.  Raises `SpanError` naming every problem found.
    """
    if not isinstance(parts, tuple) or not all(type(p) is Span for p in parts):
        raise SpanError(f"parts must be a tuple of Span, got {parts!r:.80}")
    problems = part_problems(span.start, span.end, [(p.start, p.end) for p in parts])
    if not problems:
        for i, part in enumerate(parts):
            inside = span.text[part.start - span.start : part.end - span.start]
            if part.text != inside:
                problems.append(
                    (
                        i,
                        "text",
                        f"{part.text[:40]!r} is not the text at [{part.start}, {part.end}), "
                        f"which reads {inside[:40]!r}",
                    )
                )
    if problems:
        raise SpanError(
            f"span [{span.start}, {span.end}) {span.text[:40]!r} has parts that do not fit it: "
            + "; ".join(
                f"{field if i is None else f'parts[{i}].{field}'}: {message}"
                for i, field, message in problems
            )
        )


# Building a span from offsets the library computed itself needs none of the checks
# above, which cost more than the rest of the construction; parsers use this.
_new = object.__new__
_set_start = Span.start.__set__  # type: ignore[attr-defined]
_set_end = Span.end.__set__  # type: ignore[attr-defined]
_set_text = Span.text.__set__  # type: ignore[attr-defined]


def unchecked_maker(cls: type[Any]) -> Callable[..., Any]:
    """Return a function that makes a ``cls`` from its attrs field values, unchecked.

    For values the library checked or computed itself (objects unpacked from a
    checked store, spans a parser found), so the checks of ``__init__`` are not
    run again.  The function is generated with one statement per field, as attrs
    generates ``__init__``: a loop over the fields costs about twice as much.
    """
    fields = model_fields(cls)
    names = [f"v{i}" for i in range(len(fields))]
    scope: dict[str, Any] = {"new": object.__new__, "cls": cls}
    lines = [f"def make({', '.join(names)}):", "    o = new(cls)"]
    for i, field in enumerate(fields):
        scope[f"set{i}"] = field.slot.__set__
        lines.append(f"    set{i}(o, v{i})")
    lines.append("    return o")
    exec("\n".join(lines), scope)  # code built from field names at import, never from data
    make: Callable[..., Any] = scope["make"]
    return make


def trusted_span(source: str, start: int, end: int) -> Span:
    """Return ``Span(start, end, source[start:end])`` without checking the offsets.

    For parsers only: the caller guarantees ``0 <= start <= end <= len(source)``.
    """
    span: Span = _new(Span)
    _set_start(span, start)
    _set_end(span, end)
    _set_text(span, source[start:end])
    return span
