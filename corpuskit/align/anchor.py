"""Anchoring: find where a quoted string stands in a text, and say how it matched.

The search goes from strict to loose and stops at the first level that finds
something:

1. **exact**: the string occurs as it is (`str.find`);
2. **normalised**: it occurs once both sides are normalised (newlines, spaces,
   zero-width characters, quotes, dashes, ellipsis, Unicode NFC; see
   `normalize`), the span mapped back to the raw text;
3. **fuzzy**: its words align with the text's words with few edits.  Words are
   compared case-folded and punctuation is ignored; ``...``, ``…`` or ``[…]``
   in the quote stand for any run of elided words, and a bracketed insertion
   such as ``[he]`` for a few words it replaced.  Candidates come from voting:
   each quote word that is rare in the text votes for the place the quote
   would start if that occurrence were the right one, and only the places with
   most votes are aligned (a word-level edit distance over a window around
   each), so the cost grows with the quote's length times the number of
   candidates, not with the text's length beyond one pass to index its words.

At every level, two or more places that match equally well make the result
``ambiguous`` (the places are listed) unless ``prefix``, ``suffix`` or
``hint`` separate them; nothing good enough makes it ``orphan``.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

import attrs
import regex

from corpuskit.align.normalize import Normalized, normalize
from corpuskit.model.spans import Span

__all__ = ["Anchor", "AnchorStatus", "WordIndex", "anchor"]

# The steps under which a quote counts as "normalised" equal: differences a
# reader would not call a change of wording.
MATCH_STEPS = (
    "newlines",
    "bom",
    "nfc",
    "spaces",
    "zero_width",
    "collapse",
    "quotes",
    "dashes",
    "ellipsis",
)

# A word: letters, digits and marks, joined by apostrophes.  The repetitions are
# possessive: a word has one way to match, and none is ever given back.
_WORD = regex.compile(r"[\p{L}\p{N}\p{M}]++(?:['’][\p{L}\p{N}\p{M}]++)*+")
# In a quote: an elision ("...", "…", "[…]", "[...]") or a bracketed insertion ("[he]").
_QUOTE_TOKEN = regex.compile(
    r"\[\s*(?:\.\s*){3}\]|\[\s*…\s*\]|(?:\.\s*){3}|…|\[[^\[\]\n]{1,40}\]"
    r"|[\p{L}\p{N}\p{M}]++(?:['’][\p{L}\p{N}\p{M}]++)*+"
)
_ELISION = "\x00…"  # token standing for any run of words
_INSERTION = "\x00[]"  # token standing for up to `_INSERTION_WORDS` words
_INSERTION_WORDS = 4
_MAX_ELIDED = 200  # words an elision may stand for (the window is widened by this)
_RARE = 64  # a word occurring more often than this does not vote
_CANDIDATES = 6
_CONTEXT_WORDS = 8
_BUCKET = 4  # diagonals (text word minus quote word) voted for together


class AnchorStatus(enum.StrEnum):
    """How an anchored string matched the text."""

    EXACT = "exact"
    NORMALISED = "normalised"
    FUZZY = "fuzzy"
    AMBIGUOUS = "ambiguous"
    ORPHAN = "orphan"


@attrs.frozen
class Anchor:
    """Where a quoted string stands in a text, and how well it matched.

    ``span`` is the place (``None`` when ``ambiguous`` or ``orphan``);
    ``score`` is 1.0 for an exact or normalised match and the share of the
    quote's words matched, less the edits, for a fuzzy one (for ``ambiguous``,
    the score the tied places share; for ``orphan``, the best score seen, below
    the threshold).  ``candidates`` lists the places that tied, in text order,
    for ``ambiguous``, and the place found otherwise.
    """

    status: AnchorStatus
    span: Span | None
    score: float
    candidates: tuple[Span, ...] = ()

    @property
    def found(self) -> bool:
        """Whether one place was found (exact, normalised or fuzzy)."""
        return self.span is not None


@attrs.frozen
class _Word:
    folded: str
    start: int
    end: int


class WordIndex:
    """What anchoring needs of a text, made once and kept: its normalised form, its words.

    The words are case-folded, with their offsets and where each occurs.
    """

    __slots__ = ("_normalized", "positions", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        self._normalized: Normalized | None = None
        self.words: list[_Word] = [
            _Word(m.group().casefold().replace("’", "'"), m.start(), m.end())
            for m in _WORD.finditer(text)
        ]
        self.positions: dict[str, list[int]] = {}
        for i, w in enumerate(self.words):
            self.positions.setdefault(w.folded, []).append(i)

    @property
    def normalized(self) -> Normalized:
        """The text normalised for matching, with its offset map (made on first use)."""
        if self._normalized is None:
            self._normalized = normalize(self.text, MATCH_STEPS)
        return self._normalized


def anchor(
    text: str,
    exact: str,
    *,
    prefix: str | None = None,
    suffix: str | None = None,
    hint: int | None = None,
    threshold: float = 0.75,
    words: WordIndex | None = None,
) -> Anchor:
    """Find ``exact`` in ``text``; see the module's docstring for how."""
    if not isinstance(exact, str):
        raise TypeError(f"the string to anchor must be a str, got {type(exact).__name__}")
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
    if not exact.strip():
        return Anchor(AnchorStatus.ORPHAN, None, 0.0)
    found = _occurrences(text, exact)
    if found:
        return _decide(
            text, found, 1.0, AnchorStatus.EXACT, prefix=prefix, suffix=suffix, hint=hint
        )
    index = words if words is not None and words.text is text else WordIndex(text)
    spans = _normalised_occurrences(index.normalized, exact)
    if spans:
        return _decide(
            text, spans, 1.0, AnchorStatus.NORMALISED, prefix=prefix, suffix=suffix, hint=hint
        )
    return _fuzzy(
        text, exact, prefix=prefix, suffix=suffix, hint=hint, threshold=threshold, index=index
    )


def _occurrences(text: str, exact: str) -> list[Span]:
    out: list[Span] = []
    at = text.find(exact)
    while at >= 0:
        out.append(Span(at, at + len(exact), exact))
        at = text.find(exact, at + 1)
    return out


def _normalised_occurrences(norm_text: Normalized, exact: str) -> list[Span]:
    needle = normalize(exact, MATCH_STEPS).text.strip()
    if not needle:
        return []
    out: list[Span] = []
    haystack = norm_text.text
    at = haystack.find(needle)
    while at >= 0:
        span = norm_text.to_raw((at, at + len(needle)))
        if not out or out[-1] != span:
            out.append(span)
        at = haystack.find(needle, at + 1)
    return out


# --- choosing among places -------------------------------------------------------------


def _context_score(text: str, span: Span, prefix: str | None, suffix: str | None) -> float:
    """How well the words around ``span`` agree with the context given (0 to 2)."""
    score = 0.0
    if prefix:
        want = _folded_words(prefix)[-_CONTEXT_WORDS:]
        have = _folded_words(text[max(0, span.start - 4 * len(prefix) - 40) : span.start])
        score += _tail_agreement(want, have)
    if suffix:
        want = _folded_words(suffix)[:_CONTEXT_WORDS]
        have = _folded_words(text[span.end : span.end + 4 * len(suffix) + 40])
        score += _tail_agreement(want[::-1], have[: len(want)][::-1])
    return score


def _folded_words(text: str) -> list[str]:
    return [m.group().casefold().replace("’", "'") for m in _WORD.finditer(text)]


def _tail_agreement(want: Sequence[str], have: Sequence[str]) -> float:
    """Return the share of ``want``'s last words found, in order, at the end of ``have``."""
    if not want:
        return 0.0
    have = have[-len(want) :]
    matched = sum(1 for a, b in zip(reversed(want), reversed(have), strict=False) if a == b)
    return matched / len(want)


def _decide(
    text: str,
    spans: Sequence[Span],
    score: float,
    status: AnchorStatus,
    *,
    prefix: str | None,
    suffix: str | None,
    hint: int | None,
) -> Anchor:
    """Pick the one place among equally good ``spans``, or report them ambiguous."""
    spans = sorted(spans, key=lambda s: (s.start, s.end))
    if len(spans) == 1:
        return Anchor(status, spans[0], score, (spans[0],))
    if prefix or suffix:
        scored = [(_context_score(text, s, prefix, suffix), s) for s in spans]
        best = max(c for c, _ in scored)
        spans = [s for c, s in scored if c == best]
        if len(spans) == 1:
            return Anchor(status, spans[0], score, (spans[0],))
    if hint is not None:
        distances = [abs(s.start - hint) for s in spans]
        nearest = min(distances)
        if distances.count(nearest) == 1:
            chosen = spans[distances.index(nearest)]
            return Anchor(status, chosen, score, (chosen,))
    return Anchor(AnchorStatus.AMBIGUOUS, None, score, tuple(spans))


# --- fuzzy matching ------------------------------------------------------------------------


def _quote_tokens(exact: str) -> list[str]:
    tokens: list[str] = []
    for m in _QUOTE_TOKEN.finditer(exact):
        token = m.group()
        if token[0] == "[":
            inner = token[1:-1].strip()
            tokens.append(
                _ELISION if inner in {"…", "...", ". . ."} or not inner.strip(". ") else _INSERTION
            )
        elif token[0] in ".…":
            tokens.append(_ELISION)
        else:
            tokens.append(token.casefold().replace("’", "'"))
    # Markers at the ends carry nothing: the quote starts and ends at its words.
    while tokens and tokens[0] in (_ELISION, _INSERTION):
        tokens.pop(0)
    while tokens and tokens[-1] in (_ELISION, _INSERTION):
        tokens.pop()
    return tokens


def _fuzzy(
    text: str,
    exact: str,
    *,
    prefix: str | None,
    suffix: str | None,
    hint: int | None,
    threshold: float,
    index: WordIndex,
) -> Anchor:
    quote = _quote_tokens(exact)
    real = [t for t in quote if t not in (_ELISION, _INSERTION)]
    if not real or not index.words:
        return Anchor(AnchorStatus.ORPHAN, None, 0.0)
    starts = _candidate_starts(quote, index)
    gaps = quote.count(_ELISION) * _MAX_ELIDED + quote.count(_INSERTION) * _INSERTION_WORDS
    # Around each candidate start (a bucket of `_BUCKET` diagonals), room for the
    # quote with a third of its words added or dropped, and for what it elides.
    slack = max(6, len(real) // 3)
    results: list[tuple[float, int, int]] = []
    for start in starts:
        # Words after an elision vote for starts too far right: look back as far.
        lo = max(0, start - slack - gaps)
        hi = min(len(index.words), start + _BUCKET + len(quote) + 2 * slack + gaps)
        cost, first, last = _align(quote, index.words, lo, hi)
        if first < 0:
            continue
        score = max(0.0, 1.0 - cost / len(real))
        results.append((score, first, last))
    if not results:
        return Anchor(AnchorStatus.ORPHAN, None, 0.0)
    best = max(r[0] for r in results)
    if best < threshold:
        return Anchor(AnchorStatus.ORPHAN, None, best)
    words = index.words
    # A bracketed insertion at an edge ("[The workers] want to…") stands for the
    # word it replaced, which the span takes in; other marks at the edges are
    # taken in when the text has them too.
    edges = _EDGE_INSERTION.match(exact), _EDGE_INSERTION_END.search(exact)
    stripped = exact
    if edges[1]:
        stripped = stripped[: edges[1].start(1)] + stripped[edges[1].end(1) :]
    if edges[0]:
        stripped = stripped[: edges[0].start(1)] + stripped[edges[0].end(1) :]
    head, tail = _edge_marks(stripped)
    spans: list[Span] = []
    for score, matched_first, matched_last in results:
        first, last = matched_first, matched_last
        if edges[0] and first > 0 and _adjacent(text, words[first - 1], words[first]):
            first -= 1
        if edges[1] and last + 1 < len(words) and _adjacent(text, words[last], words[last + 1]):
            last += 1
        if score == best:
            s, e = words[first].start, words[last].end
            s -= _shared(text[max(0, s - len(head)) : s][::-1], head[::-1])
            e += _shared(text[e : e + len(tail)], tail)
            span = Span(s, e, text[s:e])
            if not any(o.overlaps(span) for o in spans):
                spans.append(span)
    return _decide(text, spans, best, AnchorStatus.FUZZY, prefix=prefix, suffix=suffix, hint=hint)


_FOLD_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "…": "."})


# A bracketed insertion at the quote's start or end, behind or before its marks.
_EDGE_INSERTION = regex.compile(r"[\s\"“‘']*(\[[^\[\]\n]{1,40}\]\s*)")
_EDGE_INSERTION_END = regex.compile(r"(\s*\[[^\[\]\n]{1,40}\])[\s.,;:!?\"”’']*$")


def _adjacent(text: str, before: _Word, after: _Word) -> bool:
    """Whether only spaces (no line break, at most three) separate two words."""
    gap = text[before.end : after.start]
    return len(gap) <= 3 and not gap.strip() and "\n" not in gap


def _edge_marks(exact: str) -> tuple[str, str]:
    """Return the punctuation before the quote's first word and after its last."""
    words = list(_WORD.finditer(exact))
    if not words:
        return "", ""
    return exact[: words[0].start()].strip(), exact[words[-1].end() :].strip()


def _shared(have: str, want: str) -> int:
    """How many leading characters of ``have`` match ``want``, quotes folded."""
    n = 0
    for a, b in zip(have.translate(_FOLD_MARKS), want.translate(_FOLD_MARKS), strict=False):
        if a != b:
            break
        n += 1
    return n


def _candidate_starts(quote: Sequence[str], index: WordIndex) -> list[int]:
    """Word positions where the quote may start, by votes of its rarer words."""
    voters: dict[int, set[int]] = {}
    weights: dict[int, float] = {}
    # The words rare in the text vote; when fewer than three are (a text that
    # repeats itself), the three rarest do, however common.
    counts = sorted(
        len(index.positions.get(t, ())) for t in quote if t not in (_ELISION, _INSERTION)
    )
    found = [c for c in counts if c]
    limit = max(_RARE, found[min(2, len(found) - 1)]) if found else 0
    offset = 0  # position of the token in the quote, elisions counting as nothing
    for qi, token in enumerate(quote):
        if token in (_ELISION, _INSERTION):
            continue
        positions = index.positions.get(token, ())
        if 0 < len(positions) <= limit:
            weights[qi] = 1.0 / len(positions)
            for p in positions:
                bucket = (p - offset) // _BUCKET
                voters.setdefault(bucket, set()).add(qi)
        offset += 1
    if not voters:
        return []
    # A dropped or added word shifts the diagonal of the words after it, which may
    # split one place's votes over two neighbouring buckets: count both together.
    # A rare word's vote weighs more than a common one's (one over its count).
    weighted = {b: sum(weights[qi] for qi in voters[b] | voters.get(b + 1, set())) for b in voters}
    # The best buckets, each at most once nearby; a start is a bucket's left edge.
    chosen: list[int] = []
    ranked = sorted(weighted.items(), key=lambda item: (-item[1], item[0]))
    enough = ranked[0][1] / 2  # a place with half the best votes is not worth aligning
    for bucket, count in ranked:
        if count < enough:
            break
        if any(abs(bucket - c) <= 1 for c in chosen):
            continue
        chosen.append(bucket)
        if len(chosen) == _CANDIDATES:
            break
    return sorted(max(0, b * _BUCKET) for b in chosen)


def _align(  # noqa: PLR0912 (one dynamic programme, kept in one piece)
    quote: Sequence[str], words: Sequence[_Word], lo: int, hi: int
) -> tuple[int, int, int]:
    """Align ``quote`` inside ``words[lo:hi]`` with a word-level edit distance.

    The quote must be matched whole; the window's words before and after it
    are free.  An elision token absorbs any number of words, an insertion
    token up to `_INSERTION_WORDS`, at no cost.  Returns ``(cost, first,
    last)``: the cost and the indices of the first and last window words of
    the best alignment (``first`` is -1 when no word of the quote matched).
    """
    window = [w.folded for w in words[lo:hi]]
    n = len(window)
    inf = 1 << 30
    # prev[j]: best cost aligning the quote so far ending after window word j;
    # first[j]: where that alignment's first matched word is (-1: none yet).
    prev = [0] * (n + 1)
    prev_first = [-1] * (n + 1)
    prev_any = [False] * (n + 1)
    for token in quote:
        cur = [inf] * (n + 1)
        cur_first = [-1] * (n + 1)
        cur_any = [False] * (n + 1)
        if token == _ELISION:
            # Any run of words, at no cost: the best of taking none here or
            # extending the run that ends at the word before.
            for j in range(n + 1):
                best, bf, ba = prev[j], prev_first[j], prev_any[j]
                if j and cur_any[j - 1] and cur[j - 1] < best:
                    best, bf, ba = cur[j - 1], cur_first[j - 1], True
                cur[j], cur_first[j], cur_any[j] = best, bf, ba
        elif token == _INSERTION:
            for j in range(n + 1):
                best, bf, ba = prev[j], prev_first[j], prev_any[j]
                for k in range(max(0, j - _INSERTION_WORDS), j):
                    if prev_any[k] and prev[k] < best:
                        best, bf, ba = prev[k], prev_first[k], True
                cur[j], cur_first[j], cur_any[j] = best, bf, ba
        else:
            cur[0] = prev[0] + 1
            cur_first[0], cur_any[0] = prev_first[0], prev_any[0]
            for j in range(1, n + 1):
                match = window[j - 1] == token
                # Take window word j-1 for this token (match or substitute).
                best = prev[j - 1] + (0 if match else 1)
                bf = prev_first[j - 1] if prev_any[j - 1] else j - 1
                ba = prev_any[j - 1] or match
                if not prev_any[j - 1] and not match:
                    bf = -1
                # The quote's token is missing from the text.
                if prev[j] + 1 < best:
                    best, bf, ba = prev[j] + 1, prev_first[j], prev_any[j]
                # An extra word in the text, inside the quote's match.
                if cur_any[j - 1] and cur[j - 1] + 1 < best:
                    best, bf, ba = cur[j - 1] + 1, cur_first[j - 1], True
                cur[j], cur_first[j], cur_any[j] = best, bf, ba
        prev, prev_first, prev_any = cur, cur_first, cur_any
    best_cost, best_j = inf, -1
    for j in range(1, n + 1):
        if prev_any[j] and prev[j] < best_cost:
            best_cost, best_j = prev[j], j
    if best_j < 0:
        return inf, -1, -1
    # The last matched word: walk back over trailing window words the quote
    # skipped; the alignment ends at best_j - 1, a word taken for the last token.
    return best_cost, lo + prev_first[best_j], lo + best_j - 1
