"""Quotes and attributions: what is quoted, who says it, with which words."""

from __future__ import annotations

import attrs

from corpuskit.model.errors import SpanError
from corpuskit.model.spans import Span, clipped

__all__ = ["MAX_DEPTH", "Attribution", "Quote"]

#: The deepest a quote may nest (0 is a quote, 1 a quote inside another, ...): what
#: one byte holds, as the Parquet ``depth`` column does.
MAX_DEPTH = 127


@attrs.frozen
class Quote(Span):
    """Text between quotation marks; ``start``/``end``/``text`` include the marks.

    ``content`` is the span strictly inside the marks.  ``balanced`` is false
    when a mark is missing (broken text: a best effort); ``continued`` when the
    quote runs on into the next paragraph, news style, without a closing mark.
    ``depth`` is 0 for a quote and 1 for a quote inside another (at most
    `MAX_DEPTH`).
    """

    content: Span
    balanced: bool = True
    continued: bool = False
    depth: int = 0

    def __repr__(self) -> str:
        """One line: the offsets, the text cut short, and what is not the usual.

        >>> Quote(3, 8, "“Go.”", Span(4, 7, "Go."))
        Quote(3, 8, '“Go.”')
        """
        flags = "" if self.balanced else ", unbalanced"
        flags += ", continued" if self.continued else ""
        flags += f", depth={self.depth}" if self.depth else ""
        return f"Quote({self.start}, {self.end}, {clipped(self.text)}{flags})"

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        depth = self.depth
        if type(depth) is not int or not 0 <= depth <= MAX_DEPTH:
            raise SpanError(f"quote depth must be an int from 0 to {MAX_DEPTH}, got {depth!r}")


@attrs.frozen
class Attribution:
    """Who says it (``source``), with which words (``cue``).

    ``resolved`` is the full earlier mention that a back-reference such as
    "the source" or "she" stands for, when there is one.
    """

    source: Span | None
    cue: Span | None
    resolved: Span | None = None
