"""Claims: statements someone could check, with who makes them and the numbers they state."""

from __future__ import annotations

import enum

import attrs

from corpuskit.model.quantities import Quantity
from corpuskit.model.quotes import Attribution, Quote
from corpuskit.model.spans import Span, check_parts, clipped

__all__ = ["Claim", "ClaimKind", "ClaimParse", "claim_id"]


class ClaimKind(enum.StrEnum):
    """What makes a statement check-worthy; a claim can be several at once."""

    DIRECT_QUOTE = "direct_quote"
    REPORTED_SPEECH = "reported_speech"
    STATISTIC = "statistic"


def claim_id(article_id: str, start: int, end: int) -> str:
    """Return the id a claim gets by default: the article id and the claim's offsets.

    >>> claim_id("dd2c270fb12b86b0", 307, 435)
    'dd2c270fb12b86b0:307-435'
    """
    return f"{article_id}:{start}-{end}"


@attrs.frozen
class Claim(Span):
    """A statement someone could check; ``start``/``end``/``text`` cite its content.

    ``kinds`` lists what it is, in `ClaimKind` order; ``sentences`` the
    sentences it lies in; ``attribution`` who says it with which words (or
    ``None`` for an unattributed statistic); ``quantities`` the numbers it
    states; ``quote`` the quote it comes from, for a direct quote (the first
    of the two, for a quote that its attribution interrupts).  ``id`` is
    derived from the article id and the offsets (`claim_id`), so parsing the
    same text again gives the same ids.
    """

    id: str
    kinds: tuple[ClaimKind, ...]
    sentences: tuple[Span, ...]
    attribution: Attribution | None
    quantities: tuple[Quantity, ...]
    quote: Quote | None = None
    #: The content's pieces, in order, when an attribution interrupts it ("The bank,
    #: he said, would cut 400 jobs.", "“The bank is sound,” he said. “It will
    #: grow.”"): the first starts at ``start``, the last ends at ``end``, and the
    #: claim's own span is their hull.  Empty for one piece.
    parts: tuple[Span, ...] = ()

    def __repr__(self) -> str:
        """One line: the offsets, the kinds, who says it with which words, and the text.

        The whole claim is in its fields (`attrs.asdict`, or the JSON document).
        """
        kinds = "+".join(kind.value for kind in self.kinds)
        who = ""
        if self.source is not None:
            who += f", source {clipped(self.source.text, 30)}"
        if self.cue is not None:
            who += f", cue {clipped(self.cue.text, 20)}"
        text = " … ".join(part.text for part in self.parts) if self.parts else self.text
        return f"Claim({self.start}, {self.end}, {kinds}{who}: {clipped(text)})"

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        if self.parts != ():
            check_parts(self, self.parts)

    @property
    def contents(self) -> tuple[Span, ...]:
        """The content's pieces: ``parts``, or the claim's own span when it is one piece."""
        return self.parts or (Span(self.start, self.end, self.text),)

    @property
    def source(self) -> Span | None:
        """Who makes the claim, as written (``None`` when unattributed)."""
        return None if self.attribution is None else self.attribution.source

    @property
    def cue(self) -> Span | None:
        """The reporting verb or phrase (``None`` when unattributed)."""
        return None if self.attribution is None else self.attribution.cue


@attrs.frozen
class ClaimParse:
    """Everything the claims stage found in one article."""

    quotes: tuple[Quote, ...]
    quantities: tuple[Quantity, ...]
    claims: tuple[Claim, ...]
