"""Sentences, quotes, attributions and quantities → `Claim` objects.

The last stage of the pipeline (bytes → text → zones → sentences → quotes,
attributions, quantities → claims).  It reads only the body paragraphs; see
``docs/claims.md`` for the conventions every span follows.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Generic, TypeVar

import attrs

from corpuskit.model.claims import Claim, ClaimKind, ClaimParse, claim_id
from corpuskit.model.quantities import Quantity, QuantityKind
from corpuskit.model.quotes import Attribution, Quote
from corpuskit.model.spans import Span
from corpuskit.stages.attribution import (
    attribute_quote,
    attribution_before,
    clear_token_cache,
    find_reported_speech,
    is_heading,
    names_a_work,
    opens_with_label,
    speaker_label,
    trim_source,
)
from corpuskit.stages.quantities import find_quantities
from corpuskit.stages.quotes import (
    QuoteIndex,
    find_quotes,
    person_mentions,
    refers_back,
    resolve_source,
)

__all__ = ["extract_claims"]

_STATISTIC_KINDS = frozenset({QuantityKind.COUNT, QuantityKind.MONEY, QuantityKind.PERCENT})


_S = TypeVar("_S", bound=Span)


class _Index(Generic[_S]):
    """Spans sorted by start, for the spans overlapping, holding or inside a range."""

    __slots__ = ("spans", "starts")

    def __init__(self, spans: Sequence[_S]) -> None:
        self.spans = spans
        self.starts = [s.start for s in spans]

    def overlapping(self, start: int, end: int) -> list[_S]:
        """Return the spans (non-overlapping among themselves) that overlap the range."""
        i = max(bisect.bisect_right(self.starts, start) - 1, 0)
        j = bisect.bisect_left(self.starts, end, i)
        return [s for s in self.spans[i:j] if s.end > start]

    def containing(self, offset: int) -> int:
        """Return the index of the span holding ``offset`` (spans do not overlap), or -1."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return i if i >= 0 and offset < self.spans[i].end else -1

    def inside(self, start: int, end: int) -> list[_S]:
        """Return the spans lying wholly inside the range."""
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_left(self.starts, end, i)
        return [s for s in self.spans[i:j] if s.end <= end]


# A statement found, before it becomes a Claim: content, kind, attribution, quote,
# and the content's pieces when it has several.
_Found = tuple[Span, ClaimKind, Attribution, Quote | None, tuple[Span, ...]]


_RECENT = 32
# Sentences before a pronoun whose named people it may stand for.
_REACH = 12
# A sentence ends in what stands between an attribution and the quote after it.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s")


class _Attributor:
    """Attribute quotes and sentences, visited in text order.

    Back-references ("the source", "she") resolve against the mentions seen so
    far, a quote with no attribution of its own may continue the last one, and
    a quoted phrase inside reported speech takes that report's attribution.
    """

    def __init__(
        self, text: str, sentences: _Index[Span], quotes: QuoteIndex, paragraphs: _Index[Span]
    ) -> None:
        self.text = text
        self.paragraphs = paragraphs
        self.quotes = quotes
        self.sentences = sentences.spans
        self.index = sentences
        self.sources: list[Span] = []  # full source mentions, in text order
        self.people: list[Span] = []  # people the text names, in text order
        self.named = 0  # sentences whose people are in ``people`` already
        self.reports: list[tuple[Span, Attribution]] = []
        # The last attributed quote's attribution and the index of its last sentence.
        self.speaker: tuple[Attribution, int] | None = None
        self.runs_on = False  # the last quote continues into the next paragraph
        # Unattributed quotes waiting for a speaker named in the quote that follows,
        # with the index of each one's last sentence.
        self.pending: list[tuple[Quote, int]] = []
        # The last quote that made a claim of one piece, with its attribution: the
        # quote after its attribution may continue it (see `_join`).
        self.last: tuple[Quote, Attribution] | None = None
        self.found: list[_Found] = []  # the statements found so far, in text order

    def resolved(self, found: Attribution) -> Attribution:
        if found.source is not None:
            source = trim_source(self.text, found.source)
            if source is not found.source:
                found = attrs.evolve(found, source=source)
        if found.source is None or found.resolved is not None:
            return found
        if not refers_back(found.source):
            self.sources.append(found.source)  # a full mention, for what refers back to it
            return found
        if found.source.text.lower() in ("he", "she", "they", "it"):
            # Pronouns may point at people the text names outside any attribution:
            # collect those mentions now, only as far as this source, and only from
            # the sentences a pronoun reaches back over.
            here = self.index.containing(found.source.start)
            if here >= 0:
                self.named = max(self.named, here - _REACH)
            while self.named < len(self.sentences) and (
                self.sentences[self.named].start < found.source.start
            ):
                self.people.extend(person_mentions(self.text, self.sentences[self.named]))
                self.named += 1
        # Only recent mentions are candidates: a back-reference reaches a few
        # sentences, and the bound keeps a long article linear.
        recent = sorted(self.sources[-_RECENT:] + self.people[-_RECENT:], key=lambda m: m.start)
        resolved = resolve_source(found.source, recent)
        if resolved is None:
            self.sources.append(found.source)
        return attrs.evolve(found, resolved=resolved)

    def quote(self, quote: Quote) -> None:
        first_i = self.index.containing(quote.start)
        last_i = self.index.containing(max(quote.content.end - 1, quote.start))
        opens_sentence = first_i >= 0 and quote.start == self.sentences[first_i].start
        # Reports come in text order and do not overlap: only the last can hold it.
        last = self.reports[-1] if self.reports else None
        if (
            # "said that the deal was “dead on arrival”": the report holds the
            # quoted phrase, which is no claim of its own.
            (last and last[0].start <= quote.start and quote.end <= last[0].end)
            # An opening mark that closes nothing: no words, no claim.
            or not quote.content.text.strip()
            # “Morning Harbour” after "the weekend broadcast of": a title.
            or names_a_work(self.text, quote)
        ):
            self.pending = []
            self.runs_on = quote.continued
            self.last = None
            return
        found = None
        if first_i >= 0 and last_i >= 0:
            found = attribute_quote(
                self.text, quote, self.sentences[first_i], self.sentences[last_i], self.quotes
            )
        # Unattributed quotes just before this one (a paragraph left open, or whole
        # sentences in a row) are the same speaker's when this one names them.
        adjacent = bool(self.pending) and (
            self.runs_on or (opens_sentence and first_i == self.pending[-1][1] + 1)
        )
        lead = self.sentences[first_i - 1] if opens_sentence and first_i > 0 else None
        if found is None and lead is not None and self.text[lead.end - 1] == ":":
            # "He said:" closing the paragraph before the quote.
            found = attribution_before(self.text, lead.start, lead.end, self.quotes)
        attribution = None
        if found is not None:
            attribution = self.resolved(found)
        elif (
            self.speaker is not None
            and (self.runs_on or (opens_sentence and first_i == self.speaker[1] + 1))
            and not opens_with_label(quote.content.text)
            and not is_heading(self.text, quote, self.sentences[first_i])
        ):
            # A quote opening the sentence right after an attributed one continues it.
            attribution = self.speaker[0]
        elif self.last is not None and self._resumes(quote):
            # “Every time you say that,” she said, “you make it worse.”
            attribution = self.last[1]
        self.runs_on = quote.continued
        if attribution is None or attribution.source is None:
            # A scare quote or a title is a quote but no claim, unless a speaker named
            # just after it claims it.
            if opens_sentence or quote.continued:
                self.pending = [*self.pending, (quote, last_i)] if adjacent else [(quote, last_i)]
            else:
                self.pending = []
            self.last = None
            return
        self.speaker = (attribution, last_i)
        earlier = [q for q, _ in self.pending] if adjacent and found is not None else []
        self.pending = []
        joined = None if earlier else self._join(quote, attribution)
        if joined is not None:
            self.found[-1] = joined  # the claim of the quote before, which ``last`` holds
            self.last = None
            return
        self.found.extend(
            (q.content, ClaimKind.DIRECT_QUOTE, attribution, q, ()) for q in (*earlier, quote)
        )
        self.last = (quote, attribution)

    def _interrupting_cue(self, quote: Quote) -> Span | None:
        """Return the last quote's cue when it stands between that quote and ``quote``.

        In one paragraph only: a quote in the next one starts a claim of its own.
        """
        if self.last is None:
            return None
        before, said = self.last
        cue = said.cue
        at = self.paragraphs.containing(before.start)
        if (
            cue is None
            or not before.end <= cue.start < cue.end <= quote.start
            or at < 0
            or quote.end > self.paragraphs.spans[at].end
        ):
            return None
        return cue

    def _resumes(self, quote: Quote) -> bool:
        """Whether ``quote`` resumes the last quote in its sentence after the attribution.

        The attribution stands between the two quotes, and the words just before
        the mark are a comma or a comma and ``but``/``and`` (``…,” he said, but “…”``),
        not a verb that names a phrase (``…,” she said, calling it “a farce.”``).
        """
        cue = self._interrupting_cue(quote)
        if cue is None:
            return False
        between = self.text[cue.end : quote.start]
        if _SENTENCE_END.search(between):
            return False
        return between.rstrip().endswith((",", ", but", ", and"))

    def _join(self, quote: Quote, attribution: Attribution) -> _Found | None:
        """Join ``quote`` to the quote before it when its attribution stands between them.

        ``“The result hurts,” said the captain. “But we will be back.”`` is one
        statement that the attribution interrupts: one claim in two parts, as
        when it interrupts reported speech.  Only within a paragraph, and only
        the quote right after the attribution: a third piece is a claim of its own.
        """
        if self.last is None or self._interrupting_cue(quote) is None:
            return None
        before, said = self.last
        if said.source != attribution.source or said.cue != attribution.cue:
            return None
        first, second = before.content, quote.content
        hull = Span(first.start, second.end, self.text[first.start : second.end])
        return (hull, ClaimKind.DIRECT_QUOTE, attribution, before, (first, second))

    def sentence(self, sentence: Span, paragraph_end: int) -> None:
        label = speaker_label(self.text, sentence, paragraph_end, self.quotes)
        if label is not None:
            reports = [label]
        elif self.reports and self.reports[-1][0].end >= sentence.end:
            reports = []  # a transcript's line holds this sentence
        else:
            reports = find_reported_speech(self.text, sentence, self.quotes)
        for reported in reports:
            self.last = None
            attribution = self.resolved(reported.attribution)
            self.reports.append((reported.content, attribution))
            self.found.append(
                (reported.content, ClaimKind.REPORTED_SPEECH, attribution, None, reported.parts)
            )
            cue = attribution.cue
            if (
                cue is not None
                and cue.start >= reported.content.end
                and self.quotes.starts_at(reported.content.start)
            ):
                # "“I admire the mechanics” of the plan, Holt said. “They are …”": a
                # quote opens what the attribution closes; the next quote continues it.
                self.speaker = (attribution, self.index.containing(sentence.start))


def _statements(
    text: str, sentences: _Index[Span], quotes: Sequence[Quote], paragraphs: _Index[Span]
) -> list[_Found]:
    """Return the quoted and reported statements, in text order."""
    index = QuoteIndex(quotes)
    walker = _Attributor(text, sentences, index, paragraphs)
    items: list[Quote | Span] = [q for q in quotes if q.depth == 0]
    items.extend(sentences.spans)
    # At one offset the sentence comes first: a quote that opens a sentence is read
    # after the sentence's own attribution has been seen.
    items.sort(key=lambda item: (item.start, isinstance(item, Quote)))
    for item in items:
        if isinstance(item, Quote):
            walker.quote(item)
        else:
            para = paragraphs.containing(item.start)
            end = paragraphs.spans[para].end if para >= 0 else item.end
            walker.sentence(item, end)
    return walker.found


def _claim(
    article_id: str,
    span: Span,
    kinds: tuple[ClaimKind, ...],
    *,
    sentences: _Index[Span],
    attribution: Attribution | None,
    quantities: tuple[Quantity, ...],
    quote: Quote | None,
    parts: tuple[Span, ...] = (),
) -> Claim:
    if any(q.kind in _STATISTIC_KINDS for q in quantities) and ClaimKind.STATISTIC not in kinds:
        kinds = (*kinds, ClaimKind.STATISTIC)
    return Claim(
        span.start,
        span.end,
        span.text,
        claim_id(article_id, span.start, span.end),
        kinds,
        tuple(sentences.overlapping(span.start, span.end)),
        attribution,
        quantities,
        quote,
        parts,
    )


def extract_claims(
    article_id: str,
    text: str,
    paragraphs: Sequence[Span],
    sentences: Sequence[Span],
) -> ClaimParse:
    """Find quotes, quantities and claims.

    ``paragraphs`` are the zones claims come from (the title and the body
    paragraphs); ``sentences`` are the sentences of every zone that has them
    (title, paragraphs and captions), in text order: quantities are found in all
    of them.
    """
    quantities = tuple(q for s in sentences for q in find_quantities(text, s.start, s.end))
    in_body = _Index(paragraphs)
    body = _Index([s for s in sentences if in_body.containing(s.start) >= 0])
    numbers = _Index(quantities)
    quotes = find_quotes(text, paragraphs)

    def within(start: int, end: int) -> tuple[Quantity, ...]:
        return tuple(numbers.inside(start, end))

    try:
        statements = _statements(text, body, quotes, in_body)
    finally:
        clear_token_cache()
    claims = [
        _claim(
            article_id,
            span,
            (kind,),
            sentences=body,
            attribution=attribution,
            quantities=tuple(q for p in (parts or (span,)) for q in within(p.start, p.end)),
            quote=quote,
            parts=parts,
        )
        for span, kind, attribution, quote, parts in statements
    ]
    # A sentence stating numbers that no quote or report holds is a statistic of its
    # own; numbers in who says it (an age: "Lena Brandt, 54, said") are no statistic.
    held = {id(q) for c in claims for q in c.quantities}
    for c in claims:
        if c.source is not None:
            held.update(id(q) for q in within(c.source.start, c.source.end))
    for sentence in body.spans:
        own = within(sentence.start, sentence.end)
        if any(q.kind in _STATISTIC_KINDS and id(q) not in held for q in own):
            claims.append(
                _claim(
                    article_id,
                    sentence,
                    (),
                    sentences=body,
                    attribution=None,
                    quantities=own,
                    quote=None,
                )
            )
    claims.sort(key=lambda c: (c.start, c.end))
    return ClaimParse(tuple(quotes), quantities, tuple(claims))
