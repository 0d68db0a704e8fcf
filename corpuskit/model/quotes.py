"""Quotes and attributions: what is quoted, who says it, with which words."""

from __future__ import annotations

import attrs

from corpuskit.model.spans import Span

__all__ = ["Attribution", "Quote"]


@attrs.frozen
class Quote(Span):
    """Text between quotation marks; ``start``/``end``/``text`` include the marks.

    ``content`` is the span strictly inside the marks.  ``balanced`` is false
    when a mark is missing (broken text: a best effort); ``continued`` when the
    quote runs on into the next paragraph, news style, without a closing mark.
    ``depth`` is 0 for a quote and 1 for a quote inside another.
    """

    content: Span
    balanced: bool = True
    continued: bool = False
    depth: int = 0


@attrs.frozen
class Attribution:
    """Who says it (``source``), with which words (``cue``).

    ``resolved`` is the full earlier mention that a back-reference such as
    "the source" or "she" stands for, when there is one.
    """

    source: Span | None
    cue: Span | None
    resolved: Span | None = None
