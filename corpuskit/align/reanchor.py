"""Re-anchoring: move spans recorded against one version of a text onto another.

A text is re-scraped, cleaned or edited, and spans that were recorded against
the old version must follow it.  `reanchor` diffs the two versions once and
moves every span through the diff; a span the diff cannot carry is searched
for in the new text (`anchor`), with its old surroundings as context; what
cannot be placed is reported lost.  `reanchor_claims` does the same for whole
claims, every nested span included.

The diff
--------
It works from coarse to fine, each level only on what the level above left
unmatched:

1. the common prefix and suffix of the two texts, compared as strings: when
   what is left of one text is empty, the texts differ by one insertion or
   deletion and that is the diff; else both are cut back to whole lines;
2. **lines** (each line's content and each line break are separate tokens),
   matched patience-style: the lines that occur exactly once in each text
   anchor the alignment (the longest run of them in the same order), the
   equal lines next to an anchor extend it, and the stretches between anchors
   are matched again the same way, at most `_MAX_DEPTH` levels deep;
3. **words** (runs of word characters, runs of white space, single other
   characters) inside each stretch of lines left unmatched, the same way;
4. inside each stretch of words still unmatched, after its common ends, an
   exact longest-common-subsequence alignment of the words, then of the
   characters of what is left, but only for stretches of at most `_DP_CELLS`
   pairs; a longer stretch of characters is aligned by Myers's greedy
   algorithm if it differs by at most `_MYERS_CHANGES` inserted or deleted
   characters (``D**2`` steps for ``D`` changes, each following a run of equal
   characters by comparing slices: a few edits in a long, repetitive stretch,
   which offers nothing unique to anchor on); beyond that it stays one changed
   block.  Both share an overall budget of ``4 * (len(old) + len(new)) + 2**16``
   steps.

Last, each pure insertion or deletion is slid along the text (at most
`_SLIDE` code points, and never past its neighbours) to where it is equivalent
and starts and ends at the most natural boundary (a line break, then white
space, then a word's edge), so that a paragraph inserted above one that
starts with the same words is seen as inserted before it.

Bound: every patience level reads each token of its stretch a constant number
of times per recursion level (at most `_MAX_DEPTH` levels, on disjoint
stretches) and sorts the unique tokens (``O(k log k)``); the exact alignments
together take at most the budget above in steps, plus the slice comparisons of
Myers's runs (``O((n + m) * _MYERS_CHANGES)`` characters compared, in C);
sliding costs at most `_SLIDE` steps per change.  The diff therefore takes
``O((n + m) log(n + m))`` time and ``O(n + m)`` memory for texts of ``n`` and
``m`` code points, whatever they hold: input with little that is unique makes
the alignment coarser, never quadratic.

Moving a span
-------------
A span's start moves through the diff unless it lies strictly inside a
changed block; text inserted exactly at the start falls before the moved
span, and text inserted exactly at the end after it.  When both edges move
and the span is not emptied, the diff carries it: ``unchanged`` when the new
text under it is the old, ``changed`` when an edit fell inside.  Otherwise its
old text is anchored in the new text (exact, normalised, fuzzy), given the
32 characters around it in the old text as prefix and suffix and its
approximate place as a hint; an ambiguous or orphan anchor leaves it ``lost``.
When that finds it away from where the diff puts its old place, the stretch
of new text there is searched on its own as well, and the place whose
surrounding words agree best with the old ones wins (then the stricter match,
then the nearer): a word changed in place is not mistaken for the same word
further on.  Each span the diff cannot carry costs one or two such searches,
each linear in the new text's length.
"""

from __future__ import annotations

import bisect
import enum
import math
import re
from collections.abc import Iterable, Iterator, Sequence

import attrs

from corpuskit.align.anchor import AnchorStatus, WordIndex, anchor
from corpuskit.model.claims import Claim
from corpuskit.model.errors import SpanError
from corpuskit.model.quantities import Quantity
from corpuskit.model.quotes import Attribution, Quote
from corpuskit.model.spans import Span, part_problems

__all__ = ["MoveStatus", "Moved", "reanchor", "reanchor_claims"]

#: Characters of old text given as prefix and suffix when a span is anchored.
CONTEXT = 32
_MAX_DEPTH = 8  # levels of patience matching inside the stretches between anchors
_DP_CELLS = 10_000  # largest stretch (pairs of tokens or characters) aligned exactly
_MYERS_CHANGES = 128  # most changes looked for in a longer stretch of characters
_BUDGET_PER_CHAR = 4  # steps of exact alignment allowed per code point of the two texts
_BUDGET_BASE = 1 << 16
_SLIDE = 256  # farthest an insertion or deletion is slid to a better boundary
_LOCAL_MAX = 8192  # largest stretch of new text searched on its own near a span's old place

_LINES = re.compile(r"[^\r\n]+|\r\n|[\r\n]")
_WORDS = re.compile(r"\w+|\s+|[^\w\s]")


class MoveStatus(enum.StrEnum):
    """What became of a span moved to a new version of its text."""

    UNCHANGED = "unchanged"
    """Moved; the new text under it is the old."""
    CHANGED = "changed"
    """Moved; its text differs now (an edit inside it, or a normalised or fuzzy match)."""
    LOST = "lost"
    """Not found in the new text, or found in several places equally well."""


@attrs.frozen
class Moved:
    """Where one span went: the old span, the new one, and how it was found.

    ``new`` is ``None`` when the span is ``lost``.  ``how`` is ``"diff"`` (both
    edges carried through the diff of the two texts), ``"anchor:exact"``,
    ``"anchor:normalised"`` or ``"anchor:fuzzy"`` (found by anchoring its old
    text), or ``"lost:ambiguous"`` / ``"lost:orphan"``.  ``score`` is 1.0 for
    the diff and for exact and normalised anchors, the fuzzy score for a fuzzy
    one, and for a lost span the score anchoring reached.
    """

    old: Span
    new: Span | None
    status: MoveStatus
    how: str
    score: float


# --- the diff --------------------------------------------------------------------------


def _common_prefix(a: str, b: str) -> int:
    """Return the length of the longest common prefix (binary search on slices)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    """Return the length of the longest common suffix, at most ``limit``."""
    n, m = len(a), len(b)
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[n - mid : n - lo] == b[m - mid : m - lo]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _tokens(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> tuple[list[str], list[int]]:
    """Split ``text[lo:hi]``; return the tokens and their starts, ``hi`` appended."""
    tokens: list[str] = []
    starts: list[int] = []
    for m in pattern.finditer(text, lo, hi):
        tokens.append(m.group())
        starts.append(m.start())
    starts.append(hi)
    return tokens, starts


def _longest_increasing(pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the longest run of ``pairs`` (sorted by the first item) rising in the second."""
    tails: list[int] = []
    tail_at: list[int] = []
    back = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[pos] = j
            tail_at[pos] = k
        back[k] = tail_at[pos - 1] if pos else -1
    out: list[tuple[int, int]] = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        out.append(pairs[k])
        k = back[k]
    out.reverse()
    return out


def _unique_anchors(
    a: Sequence[str], b: Sequence[str], ranges: tuple[int, int, int, int]
) -> list[tuple[int, int]]:
    """Return the tokens found once in each range, as index pairs, in a common order."""
    alo, ahi, blo, bhi = ranges
    in_a: dict[str, int] = {}
    for i in range(alo, ahi):
        token = a[i]
        in_a[token] = -1 if token in in_a else i
    in_b: dict[str, int] = {}
    for j in range(blo, bhi):
        token = b[j]
        if in_a.get(token, -1) >= 0:
            in_b[token] = -1 if token in in_b else j
    pairs = sorted((in_a[t], j) for t, j in in_b.items() if j >= 0)
    return _longest_increasing(pairs)


# One piece of a patience alignment, in token indices: (equal, alo, ahi, blo, bhi).
_Piece = tuple[bool, int, int, int, int]


def _patience(
    a: Sequence[str],
    b: Sequence[str],
    ranges: tuple[int, int, int, int],
    out: list[_Piece],
    depth: int = 0,
) -> None:
    """Align ``a[alo:ahi]`` with ``b[blo:bhi]``, appending equal runs and gaps in order."""
    alo, ahi, blo, bhi = ranges
    a0, b0 = alo, blo
    while alo < ahi and blo < bhi and a[alo] == b[blo]:
        alo += 1
        blo += 1
    if alo > a0:
        out.append((True, a0, alo, b0, blo))
    a1, b1 = ahi, bhi
    while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
        ahi -= 1
        bhi -= 1
    if alo < ahi or blo < bhi:
        anchors = (
            _unique_anchors(a, b, (alo, ahi, blo, bhi))
            if depth < _MAX_DEPTH and alo < ahi and blo < bhi
            else []
        )
        if anchors:
            for i, j in anchors:
                _patience(a, b, (alo, i, blo, j), out, depth + 1)
                out.append((True, i, i + 1, j, j + 1))
                alo, blo = i + 1, j + 1
            _patience(a, b, (alo, ahi, blo, bhi), out, depth + 1)
        else:
            out.append((False, alo, ahi, blo, bhi))
    if ahi < a1:
        out.append((True, ahi, a1, bhi, b1))


def _lcs(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
    """Return index pairs of a longest common subsequence (``len(a) * len(b)`` steps)."""
    n, m = len(a), len(b)
    # rows[i][j]: length of a longest common subsequence of a[i:] and b[j:].
    rows = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        ai = a[i]
        row = rows[i]
        below = rows[i + 1]
        for j in range(m - 1, -1, -1):
            if ai == b[j]:
                row[j] = below[j + 1] + 1
            else:
                down, right = below[j], row[j + 1]
                row[j] = down if down >= right else right
    out: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        if a[i] == b[j]:
            out.append((i, j))
            i += 1
            j += 1
        elif rows[i + 1][j] >= rows[i][j + 1]:
            i += 1
        else:
            j += 1
    return out


def _run(a: str, b: str, x: int, y: int) -> int:
    """Return the length of the common prefix of ``a[x:]`` and ``b[y:]`` (galloping)."""
    limit = min(len(a) - x, len(b) - y)
    done, step = 0, 16
    while done < limit:
        size = min(step, limit - done)
        if a[x + done : x + done + size] != b[y + done : y + done + size]:
            return done + _common_prefix(
                a[x + done : x + done + size], b[y + done : y + done + size]
            )
        done += size
        step *= 2
    return done


def _step(v: list[int], mid: int, k: int, d: int, sizes: tuple[int, int]) -> tuple[int, int]:
    """Where the furthest path of ``d`` changes on diagonal ``k`` starts, and from where.

    ``v[k + mid]`` holds the furthest ``x`` on diagonal ``k`` after ``d - 1``
    changes (``-1``: none).  Returns ``(x, previous diagonal)``, ``x`` being
    ``-1`` when no such path stays inside the texts.
    """
    n, m = sizes
    down = v[k + 1 + mid] if k + 1 <= d - 1 else -1
    if down >= 0 and down - k > m:
        down = -1
    right = v[k - 1 + mid] + 1 if k - 1 >= 1 - d and v[k - 1 + mid] >= 0 else -1
    if right > n or right - k < 0:
        right = -1
    return (down, k + 1) if down >= right else (right, k - 1)


def _myers(a: str, b: str, max_d: int) -> tuple[list[tuple[int, int, int]], int] | None:
    """Align two strings that differ by at most ``max_d`` inserted or deleted characters.

    The greedy algorithm of Myers (1986): ``O(D**2)`` steps for ``D`` changes,
    each following a run of equal characters by comparing slices.  Returns the
    equal runs ``(i, j, size)`` in order and ``D``, or ``None`` when more than
    ``max_d`` changes would be needed.
    """
    sizes = n, m = len(a), len(b)
    mid = max_d + 1  # v[k + mid] is the furthest x on diagonal k
    v = [-1] * (2 * max_d + 3)
    trace: list[list[int]] = []  # v as each step left it
    for d in range(max_d + 1):
        before = v.copy()
        for k in range(-d, d + 1, 2):
            x = 0 if d == 0 else _step(before, mid, k, d, sizes)[0]
            if x >= 0:
                x += _run(a, b, x, x - k)
            v[k + mid] = x
            if x == n and x - k == m:
                trace.append(v)
                return _back(trace, mid, sizes), d
        trace.append(v.copy())
    return None


def _back(trace: list[list[int]], mid: int, sizes: tuple[int, int]) -> list[tuple[int, int, int]]:
    """Walk Myers's steps back from the end; return the equal runs in order."""
    x, y = sizes
    runs: list[tuple[int, int, int]] = []
    for d in range(len(trace) - 1, 0, -1):
        k = x - y
        start, previous = _step(trace[d - 1], mid, k, d, sizes)
        if x > start:
            runs.append((start, start - k, x - start))
        x = trace[d - 1][previous + mid]
        y = x - previous
    if x:
        runs.append((0, 0, x))
    runs.reverse()
    return runs


def _ends(a: Sequence[str], b: Sequence[str]) -> tuple[int, int]:
    """Return the lengths of the common prefix and of the common suffix after it."""
    if isinstance(a, str) and isinstance(b, str):
        head = _common_prefix(a, b)
        return head, _common_suffix(a, b, min(len(a), len(b)) - head)
    n, m = len(a), len(b)
    head = 0
    while head < n and head < m and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < n - head and tail < m - head and a[n - 1 - tail] == b[m - 1 - tail]:
        tail += 1
    return head, tail


class _Differ:
    """One diff of ``old`` against ``new``: equal blocks ``(i, j, size)`` in text order."""

    def __init__(self, old: str, new: str) -> None:
        self.old = old
        self.new = new
        self.blocks: list[tuple[int, int, int]] = []
        self.budget = _BUDGET_PER_CHAR * (len(old) + len(new)) + _BUDGET_BASE

    def run(self) -> list[tuple[int, int, int]]:
        old, new = self.old, self.new
        n, m = len(old), len(new)
        prefix = _common_prefix(old, new)
        suffix = _common_suffix(old, new, min(n, m) - prefix)
        if prefix + suffix < min(n, m):
            # Not one insertion or deletion: keep whole lines only, so that the line
            # level sees the changed lines whole.
            prefix = max(old.rfind("\n", 0, prefix), old.rfind("\r", 0, prefix)) + 1
            breaks = [k for k in (old.find("\n", n - suffix), old.find("\r", n - suffix)) if k >= 0]
            suffix = n - min(breaks) if breaks else 0
        self.blocks.append((0, 0, prefix))
        self._lines(prefix, n - suffix, prefix, m - suffix)
        self.blocks.append((n - suffix, m - suffix, suffix))
        return self.blocks

    def _emit(self, i: int, j: int, size: int) -> None:
        self.blocks.append((i, j, size))

    def _lines(self, alo: int, ahi: int, blo: int, bhi: int) -> None:
        if alo == ahi or blo == bhi:
            return
        for _, _, a_at, b_at, (x1, x2, y1, y2) in self._changed(_LINES, alo, ahi, blo, bhi):
            self._words(a_at[x1], a_at[x2], b_at[y1], b_at[y2])

    def _words(self, alo: int, ahi: int, blo: int, bhi: int) -> None:
        if alo == ahi or blo == bhi:
            return
        # What the changed lines share at their ends is equal, words cut or not: a
        # word matched further in must not pull the alignment away from it.
        head, tail = _ends(self.old[alo:ahi], self.new[blo:bhi])
        if head:
            self._emit(alo, blo, head)
        if tail:
            self._emit(ahi - tail, bhi - tail, tail)
        alo, ahi, blo, bhi = alo + head, ahi - tail, blo + head, bhi - tail
        if alo == ahi or blo == bhi:
            return
        for a, b, a_at, b_at, (x1, x2, y1, y2) in self._changed(_WORDS, alo, ahi, blo, bhi):
            if x1 < x2 and y1 < y2:
                self._small(a, b, a_at, b_at, (x1, x2, y1, y2))

    def _changed(
        self, pattern: re.Pattern[str], alo: int, ahi: int, blo: int, bhi: int
    ) -> Iterator[tuple[list[str], list[str], list[int], list[int], tuple[int, int, int, int]]]:
        """Match the tokens of two stretches; emit the equal runs, yield the changed ones.

        Each changed run comes with both token lists, their offsets and the
        run's token range ``(x1, x2, y1, y2)``.
        """
        a, a_at = _tokens(pattern, self.old, alo, ahi)
        b, b_at = _tokens(pattern, self.new, blo, bhi)
        pieces: list[_Piece] = []
        _patience(a, b, (0, len(a), 0, len(b)), pieces)
        for equal, x1, x2, y1, y2 in pieces:
            if equal:
                self._emit(a_at[x1], b_at[y1], a_at[x2] - a_at[x1])
            else:
                yield a, b, a_at, b_at, (x1, x2, y1, y2)

    def _affordable(self, cells: int) -> bool:
        if cells > _DP_CELLS or cells > self.budget:
            return False
        self.budget -= cells
        return True

    def _aligned(self, a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int, int]]:
        """Return equal runs ``(i, j, size)`` of ``a`` and ``b``, in order.

        The common prefix and suffix always; what lies between them only when
        it is small enough and the budget allows.
        """
        n, m = len(a), len(b)
        head, tail = _ends(a, b)
        runs = [(0, 0, head)] if head else []
        core_a, core_b = n - head - tail, m - head - tail
        if core_a and core_b and self._affordable(core_a * core_b):
            pairs = _lcs(a[head : n - tail], b[head : m - tail])
            runs.extend((head + i, head + j, 1) for i, j in pairs)
        elif core_a and core_b and isinstance(a, str) and isinstance(b, str):
            # Too long to align pair by pair: a few changes may still be found.
            limit = min(_MYERS_CHANGES, math.isqrt(max(0, self.budget)))
            found = _myers(a[head : n - tail], b[head : m - tail], limit)
            self.budget -= (limit if found is None else found[1]) ** 2 + 1
            if found is not None:
                runs.extend((head + i, head + j, size) for i, j, size in found[0])
        if tail:
            runs.append((n - tail, m - tail, tail))
        return runs

    def _small(
        self,
        a: list[str],
        b: list[str],
        a_at: list[int],
        b_at: list[int],
        stretch: tuple[int, int, int, int],
    ) -> None:
        """Align a stretch of words, then the characters of what stays unmatched."""
        x1, x2, y1, y2 = stretch
        pi, pj = x1, y1
        for di, dj, size in [*self._aligned(a[x1:x2], b[y1:y2]), (x2 - x1, y2 - y1, 0)]:
            i, j = x1 + di, y1 + dj
            if i > pi and j > pj:
                self._chars(a_at[pi], a_at[i], b_at[pj], b_at[j])
            if size:
                self._emit(a_at[i], b_at[j], a_at[i + size] - a_at[i])
            pi, pj = i + size, j + size

    def _chars(self, alo: int, ahi: int, blo: int, bhi: int) -> None:
        if alo == ahi or blo == bhi:
            return
        for i, j, size in self._aligned(self.old[alo:ahi], self.new[blo:bhi]):
            self._emit(alo + i, blo + j, size)


def _merge(blocks: list[tuple[int, int, int]], n: int, m: int) -> list[list[int]]:
    """Sort and join touching equal blocks; keep empty ones only at the two ends."""
    blocks.sort()
    out: list[list[int]] = [[0, 0, 0]]
    for i, j, size in blocks:
        last = out[-1]
        if size and i == last[0] + last[2] and j == last[1] + last[2]:
            last[2] += size
        elif size:
            out.append([i, j, size])
    last = out[-1]
    if last[0] + last[2] != n or last[1] + last[2] != m:
        out.append([n, m, 0])
    return out


def _edge(text: str, at: int) -> int:
    """How natural a boundary ``at`` is: 3 text edge or line break, 2 space, 1 word, 0."""
    if at <= 0 or at >= len(text):
        return 3
    before, after = text[at - 1], text[at]
    if before == "\r" and after == "\n":
        return 0
    if (before in "\r\n") != (after in "\r\n"):
        return 3
    if before.isspace() != after.isspace():
        return 2
    if before.isalnum() != after.isalnum():
        return 1
    return 0


def _slide(old: str, new: str, blocks: list[list[int]]) -> None:
    """Move each pure insertion or deletion to its most natural equivalent place."""
    n, m = len(old), len(new)
    for k in range(len(blocks) - 1):
        before, after = blocks[k], blocks[k + 1]
        i1, j1 = before[0] + before[2], before[1] + before[2]
        i2, j2 = after[0], after[1]
        if (i1 == i2) == (j1 == j2):
            continue  # nothing changed here, or a replacement: it cannot slide
        text, g1, g2 = (new, j1, j2) if i1 == i2 else (old, i1, i2)
        # The equal block before may shrink to nothing only at the start of the texts.
        keep_before = 0 if before[0] == 0 and before[1] == 0 else 1
        keep_after = 0 if after[0] + after[2] == n and after[1] + after[2] == m else 1
        left = 0
        while (
            left < _SLIDE
            and before[2] - left > keep_before
            and text[g1 - left - 1] == text[g2 - left - 1]
        ):
            left += 1
        right = 0
        while (
            right < _SLIDE
            and after[2] - right > keep_after
            and text[g1 + right] == text[g2 + right]
        ):
            right += 1
        if not left and not right:
            continue
        best = max(
            range(-left, right + 1),
            key=lambda t: (_edge(text, g1 + t) + _edge(text, g2 + t), -t),
        )
        if best:
            before[2] += best
            after[0] += best
            after[1] += best
            after[2] -= best


class _OffsetMap:
    """Offsets of the old text mapped to the new one, from the diff's blocks."""

    def __init__(self, old: str, new: str) -> None:
        blocks = _merge(_Differ(old, new).run(), len(old), len(new))
        _slide(old, new, blocks)
        segments: list[tuple[int, int, int, int, bool]] = []
        previous: list[int] | None = None
        for block in blocks:
            i, j, size = block
            if previous is not None:
                pi, pj = previous[0] + previous[2], previous[1] + previous[2]
                if pi < i or pj < j:
                    segments.append((pi, i, pj, j, False))
            if size:
                segments.append((i, i + size, j, j + size, True))
            previous = block
        if not segments:
            segments.append((0, 0, 0, 0, True))
        self.segments = segments
        self.starts = [s[0] for s in segments]
        self.ends = [s[1] for s in segments]

    def start(self, at: int) -> int | None:
        """Map a span's start: text inserted exactly here falls before it."""
        i1, i2, j1, j2, equal = self.segments[bisect.bisect_right(self.starts, at) - 1]
        if equal:
            return j1 + at - i1
        if at == i2:
            return j2
        return j1 if at == i1 else None

    def end(self, at: int) -> int | None:
        """Map a span's end: text inserted exactly here falls after it."""
        k = min(bisect.bisect_left(self.ends, at), len(self.segments) - 1)
        i1, i2, j1, j2, equal = self.segments[k]
        if equal:
            return j1 + at - i1
        if at == i1:
            return j1
        return j2 if at == i2 else None

    def around(self, start: int, end: int) -> tuple[int, int]:
        """Return the part of the new text that the diff puts where ``[start, end)`` was."""
        i1, _, j1, _, equal = self.segments[bisect.bisect_right(self.starts, start) - 1]
        lo = j1 + start - i1 if equal else j1
        k = min(bisect.bisect_left(self.ends, end), len(self.segments) - 1)
        i1, _, j1, j2, equal = self.segments[k]
        hi = j1 + end - i1 if equal else j2
        return lo, max(lo, hi)

    def near(self, at: int) -> int:
        """Map an offset approximately: inside a changed block, in proportion."""
        i1, i2, j1, j2, equal = self.segments[bisect.bisect_right(self.starts, at) - 1]
        if equal:
            return j1 + at - i1
        return j1 + (at - i1) * (j2 - j1) // max(1, i2 - i1)


# --- moving spans ----------------------------------------------------------------------


def _check_texts(old_text: object, new_text: object, threshold: object) -> None:
    for name, value in (("old_text", old_text), ("new_text", new_text)):
        if not isinstance(value, str):
            raise TypeError(f"{name} must be a str, got {type(value).__name__}")
    if (
        not isinstance(threshold, int | float)
        or isinstance(threshold, bool)
        or not 0.0 < threshold <= 1.0
    ):
        raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")


def _check_span(old_text: str, span: object, where: str) -> Span:
    if not isinstance(span, Span):
        raise TypeError(f"{where} is a {type(span).__name__}, not a Span")
    if span.end > len(old_text) or old_text[span.start : span.end] != span.text:
        found = old_text[span.start : span.end] if span.end <= len(old_text) else None
        detail = (
            f"past the end of the old text ({len(old_text)} code points)"
            if found is None
            else f"the old text there reads {found[:40]!r}"
        )
        raise SpanError(
            f"{where} [{span.start}, {span.end}) {span.text[:40]!r} is not a span of the "
            f"old text: {detail}"
        )
    return span


_STATUS_HOW = {
    AnchorStatus.EXACT: "anchor:exact",
    AnchorStatus.NORMALISED: "anchor:normalised",
    AnchorStatus.FUZZY: "anchor:fuzzy",
    AnchorStatus.AMBIGUOUS: "lost:ambiguous",
    AnchorStatus.ORPHAN: "lost:orphan",
}


def reanchor(
    old_text: str, new_text: str, spans: Iterable[Span], *, threshold: float = 0.75
) -> tuple[Moved, ...]:
    """Move ``spans`` of ``old_text`` to ``new_text``; return one `Moved` per span, in order.

    The two texts are diffed once; a span whose edges both move through the
    diff is carried (``how="diff"``), any other is anchored in the new text
    by its old text, the old text around it and its approximate new place
    (``how="anchor:…"``, fuzzy matches scoring at least ``threshold``), and a
    span that cannot be placed, or only in several places equally well, is
    ``lost``.  An empty span moves by the diff or is lost.  Spans must be
    `Span` objects (`TypeError`) of ``old_text`` (`SpanError` names the
    first that is not).  See the module's docstring for the diff and its cost.
    """
    _check_texts(old_text, new_text, threshold)
    checked = [_check_span(old_text, s, f"spans[{i}]") for i, s in enumerate(spans)]
    if not checked:
        return ()
    offsets = _OffsetMap(old_text, new_text)
    index: WordIndex | None = None
    out: list[Moved] = []
    for span in checked:
        start = offsets.start(span.start)
        end = start if span.start == span.end else offsets.end(span.end)
        if start is not None and end is not None and (start < end or span.start == span.end):
            text = new_text[start:end]
            status = MoveStatus.UNCHANGED if text == span.text else MoveStatus.CHANGED
            out.append(Moved(span, Span(start, end, text), status, "diff", 1.0))
            continue
        if span.start == span.end:
            out.append(Moved(span, None, MoveStatus.LOST, "lost:orphan", 0.0))
            continue
        if index is None:
            index = WordIndex(new_text)
        out.append(
            _anchored(old_text, new_text, span, offsets=offsets, index=index, threshold=threshold)
        )
    return tuple(out)


_RANK = {AnchorStatus.EXACT: 2, AnchorStatus.NORMALISED: 1, AnchorStatus.FUZZY: 0}
_WORD = re.compile(r"\w+")
_CONTEXT_WORDS = 8


def _agreement(text: str, found: Span, prefix: str, suffix: str) -> float:
    """How well the words around ``found`` agree with the old context (0 to 2)."""
    score = 0.0
    want = [w.casefold() for w in _WORD.findall(prefix)][-_CONTEXT_WORDS:]
    if want:
        before = text[max(0, found.start - 2 * len(prefix) - 16) : found.start]
        have = [w.casefold() for w in _WORD.findall(before)][-len(want) :]
        score += sum(a == b for a, b in zip(want[::-1], have[::-1], strict=False)) / len(want)
    want = [w.casefold() for w in _WORD.findall(suffix)][:_CONTEXT_WORDS]
    if want:
        after = text[found.end : found.end + 2 * len(suffix) + 16]
        have = [w.casefold() for w in _WORD.findall(after)][: len(want)]
        score += sum(a == b for a, b in zip(want, have, strict=False)) / len(want)
    return score


def _anchored(
    old_text: str,
    new_text: str,
    span: Span,
    *,
    offsets: _OffsetMap,
    index: WordIndex,
    threshold: float,
) -> Moved:
    """Find a span the diff could not carry by anchoring its old text in the new one.

    The whole new text is searched, and so is the part of it where the diff puts
    the span's old place (with some margin): an exact match far away must not
    win over a changed one in place unless the words around it agree as well.
    """
    prefix = old_text[max(0, span.start - CONTEXT) : span.start]
    suffix = old_text[span.end : span.end + CONTEXT]
    hint = offsets.near(span.start)
    found = anchor(
        new_text,
        span.text,
        prefix=prefix,
        suffix=suffix,
        hint=hint,
        threshold=threshold,
        words=index,
    )
    lo, hi = offsets.around(span.start, span.end)
    lo, hi = max(0, lo - CONTEXT), min(len(new_text), hi + CONTEXT)
    best, best_key = found, (-1.0, 0, 0.0, 0)
    if found.span is not None:
        best_key = (
            _agreement(new_text, found.span, prefix, suffix),
            _RANK[found.status],
            found.score,
            -abs(found.span.start - hint),
        )
    nearby = found.span is None or not lo <= found.span.start < found.span.end <= hi
    if nearby and hi - lo <= _LOCAL_MAX:
        local = anchor(
            new_text[lo:hi],
            span.text,
            prefix=prefix,
            suffix=suffix,
            hint=hint - lo,
            threshold=threshold,
        )
        if local.span is not None:
            place = Span(local.span.start + lo, local.span.end + lo, local.span.text)
            key = (
                _agreement(new_text, place, prefix, suffix),
                _RANK[local.status],
                local.score,
                -abs(place.start - hint),
            )
            if key > best_key:
                best, best_key = attrs.evolve(local, span=place, candidates=(place,)), key
    if best.span is None:
        return Moved(span, None, MoveStatus.LOST, _STATUS_HOW[best.status], best.score)
    status = MoveStatus.UNCHANGED if best.span.text == span.text else MoveStatus.CHANGED
    return Moved(span, best.span, status, _STATUS_HOW[best.status], best.score)


# --- moving claims ---------------------------------------------------------------------


def _claim_spans(claim: Claim, where: str) -> list[tuple[Span, str]]:
    """Every span a claim holds, its own first, each with its name for errors."""
    out: list[tuple[Span, str]] = [(claim, where)]
    out.extend((s, f"{where}.sentences[{i}]") for i, s in enumerate(claim.sentences))
    if claim.attribution is not None:
        for name in ("source", "cue", "resolved"):
            part = getattr(claim.attribution, name)
            if part is not None:
                out.append((part, f"{where}.attribution.{name}"))
    for i, q in enumerate(claim.quantities):
        out.append((q, f"{where}.quantities[{i}]"))
        if q.hedge_span is not None:
            out.append((q.hedge_span, f"{where}.quantities[{i}].hedge_span"))
        if q.counted is not None:
            out.append((q.counted, f"{where}.quantities[{i}].counted"))
    if claim.quote is not None:
        out.append((claim.quote, f"{where}.quote"))
        out.append((claim.quote.content, f"{where}.quote.content"))
    out.extend((part, f"{where}.parts[{i}]") for i, part in enumerate(claim.parts))
    return out


class _Moves:
    """The moves of distinct old spans, looked up by offsets."""

    def __init__(self, moves: dict[tuple[int, int], Moved]) -> None:
        self.moves = moves

    def of(self, span: Span) -> Moved:
        return self.moves[span.start, span.end]

    def new(self, span: Span | None) -> Span | None:
        return None if span is None else self.moves[span.start, span.end].new


def _moved_quantity(quantity: Quantity, moves: _Moves) -> Quantity | None:
    new = moves.new(quantity)
    if new is None:
        return None
    hedge_span = moves.new(quantity.hedge_span)
    try:
        return attrs.evolve(
            quantity,
            start=new.start,
            end=new.end,
            text=new.text,
            hedge=quantity.hedge if hedge_span is not None else None,
            hedge_span=hedge_span,
            counted=moves.new(quantity.counted),
        )
    except SpanError:
        return None  # the hedge or the counted noun no longer stands on its side


def _moved_quote(quote: Quote | None, claim: Span, moves: _Moves) -> Quote | None:
    if quote is None:
        return None
    new, content = moves.new(quote), moves.new(quote.content)
    if new is None or content is None or not (new.contains(content) and new.contains(claim)):
        return None
    return attrs.evolve(quote, start=new.start, end=new.end, text=new.text, content=content)


def _moved_parts(parts: tuple[Span, ...], claim: Span, moves: _Moves) -> tuple[Span, ...]:
    """Return the parts moved, or none when they no longer fit the moved claim."""
    if not parts:
        return ()
    moved = [moves.new(part) for part in parts]
    pieces = [(p.start, p.end) for p in moved if p is not None]
    if len(pieces) < len(parts) or part_problems(claim.start, claim.end, pieces):
        return ()
    return tuple(p for p in moved if p is not None)


def _moved_attribution(attribution: Attribution | None, moves: _Moves) -> Attribution | None:
    if attribution is None:
        return None
    return Attribution(
        moves.new(attribution.source),
        moves.new(attribution.cue),
        moves.new(attribution.resolved),
    )


def reanchor_claims(
    old_text: str, new_text: str, claims: Iterable[Claim], *, threshold: float = 0.75
) -> tuple[tuple[Claim | None, Moved], ...]:
    """Move ``claims`` of ``old_text`` to ``new_text``, every span they hold included.

    Returns one ``(claim, moved)`` pair per claim, in order: ``moved`` reports
    on the claim's own span (its ``old`` is the claim given) and ``claim`` is
    the claim rebuilt on ``new_text``, or ``None`` when its span is lost.  A
    rebuilt claim keeps its ``id`` and kinds; a lost sentence or quantity is
    dropped, a lost part of the attribution becomes ``None``, and so does the
    quote when it, or its content, is lost or no longer holds the claim; a
    quantity whose hedge or counted noun has moved to the wrong side of it is
    dropped; a claim's ``parts`` move with it, and are dropped (the claim is
    then its one span) when one is lost or they no longer fit its span.  All
    spans move in one `reanchor` call.  Claims must be `Claim` objects
    (`TypeError`) of ``old_text`` (`SpanError` names the field).
    """
    _check_texts(old_text, new_text, threshold)
    claims = tuple(claims)
    distinct: dict[tuple[int, int], Span] = {}
    for c, claim in enumerate(claims):
        if not isinstance(claim, Claim):
            raise TypeError(f"claims[{c}] is a {type(claim).__name__}, not a Claim")
        for span, where in _claim_spans(claim, f"claims[{c}]"):
            _check_span(old_text, span, where)
            distinct.setdefault((span.start, span.end), Span(span.start, span.end, span.text))
    moved = reanchor(old_text, new_text, distinct.values(), threshold=threshold)
    moves = _Moves(dict(zip(distinct, moved, strict=True)))
    out: list[tuple[Claim | None, Moved]] = []
    for claim in claims:
        report = attrs.evolve(moves.of(claim), old=claim)
        new = report.new
        if new is None:
            out.append((None, report))
            continue
        quantities = (_moved_quantity(q, moves) for q in claim.quantities)
        parts = _moved_parts(claim.parts, new, moves)
        rebuilt = attrs.evolve(
            claim,
            start=new.start,
            end=new.end,
            text=new.text,
            sentences=tuple(s for s in map(moves.new, claim.sentences) if s is not None),
            attribution=_moved_attribution(claim.attribution, moves),
            quantities=tuple(q for q in quantities if q is not None),
            # A claim in parts lies in its quote by its first part.
            quote=_moved_quote(claim.quote, parts[0] if parts else new, moves),
            parts=parts,
        )
        out.append((rebuilt, report))
    return tuple(out)
