r"""Offset-preserving text normalisation: `normalize`, `Normalized` and `OffsetMap`.

A model is often fed *normalised* text (one kind of line break, plain quotes,
composed accents) and reports spans of that text.  `normalize` returns the
normalised text together with an `OffsetMap` that relates it to the raw text,
so spans travel both ways exactly:

>>> result = normalize("“Kim’s”\r\ncafe\u0301")
>>> result.text
'"Kim\'s"\ncafé'
>>> result.to_raw((1, 6))
Span(start=1, end=6, text='Kim’s')
>>> result.from_raw((9, 14))
Span(start=8, end=12, text='café')

Steps
-----
Each `NormalizeStep` is one rewrite.  Whatever order the caller lists them in,
the selected steps run in this fixed order, which is the order of the enum:

1. ``newlines``: ``"\r\n"`` and a lone ``"\r"`` become ``"\n"``.
2. ``bom``: U+FEFF is removed wherever it stands.
3. ``zero_width``: U+200B, U+200C, U+200D, U+2060, U+FEFF and the soft hyphen
   U+00AD are removed (which also takes the joiner out of emoji sequences).
4. ``nfc``: Unicode canonical composition (``unicodedata.normalize("NFC")``).
5. ``nfkc``: Unicode compatibility composition (``"NFKC"``): ligatures,
   full-width forms, ``…`` → ``...``, superscripts and the like.
6. ``spaces``: every space separator (category Zs: U+00A0, U+2009, U+3000, …)
   and the tab become ``" "``.
7. ``collapse``: every run of whitespace (space, tab, ``"\r"``, ``"\n"``)
   becomes one ``" "`` when it holds no line break, one ``"\n"`` when it holds
   one, and ``"\n\n"`` when it holds two or more, so paragraph breaks survive
   and spaces around a line break go.  Nothing is stripped at the ends of the
   text, and U+00A0 and other separators count as whitespace only after
   ``spaces``.
8. ``quotes``: ``“ ” „ ‟ « »`` become ``"`` and ``‘ ’ ‚ ‛`` become ``'``.
9. ``dashes``: U+2010 to U+2015 and the minus sign U+2212 become ``-``.
10. ``ellipsis``: ``…`` becomes ``...``.
11. ``casefold``: `str.casefold`, which can lengthen text (``ß`` → ``ss``).

The order puts removals before composition (a zero-width character between a
letter and its accent would otherwise keep them apart), compatibility forms
before the punctuation steps (NFKC turns some characters into the dashes and
quotes those steps rewrite) and case folding last, after NFKC has turned
letter-like symbols into letters.  Every step but ``casefold`` leaves text in
NFC when ``nfc`` or ``nfkc`` ran, and normalising normalised text again changes
nothing.  ``casefold`` can leave text that is not NFC (``"ß\u0301"`` folds to
``"ss\u0301"``, whose NFC is ``"sś"``), so folded text is fit for matching,
but normalising it again may change it.  The result of each step is exactly
that of the operation applied to the whole string (NFC and NFKC included):
``normalize(text, ["nfc"]).text == unicodedata.normalize("NFC", text)`` for
every text.

`DEFAULT_STEPS`, used when no steps are given, is every step except ``nfkc``
and ``casefold``, which change meaning (``x²`` → ``x2``, ``Rose`` → ``rose``)
and are for loose matching only.

The offset map
--------------
Offsets are code points, as everywhere in corpuskit.  The map is one sorted
list of *edits*, each ``(raw_start, raw_end, start, end)``: the raw region
``raw[raw_start:raw_end]`` was replaced by the normalised region
``text[start:end]``.  Only changed regions are stored: one edit per changed
character, per changed grapheme (a base character with its combining marks,
for NFC and NFKC), per line break, and per run of removed characters or of
collapsed whitespace; between edits the two texts are identical and offsets
differ by a constant.  All steps are composed into this one list, so it
relates the raw text to the final text directly: where the regions of two
steps overlap they become one region, and removed text joins the edit it
touches.  Converting an offset is a binary search, ``O(log edits)``.  A span
edge inside a changed region snaps outward to the region's edges, so a span
and its image cover the same regions whole; see `OffsetMap` for the rule.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any, Literal, TypeAlias, TypeGuard, cast

import attrs
import regex

from corpuskit.model.errors import InvalidDocumentError, SpanError
from corpuskit.model.spans import Span, trusted_span

__all__ = ["DEFAULT_STEPS", "Edit", "NormalizeStep", "Normalized", "OffsetMap", "normalize"]

#: One edit of an `OffsetMap`: ``(raw_start, raw_end, start, end)``.
Edit: TypeAlias = tuple[int, int, int, int]
_Pass: TypeAlias = Callable[[str], tuple[str, list[Edit]]]
_Form: TypeAlias = Literal["NFC", "NFKC"]


class NormalizeStep(enum.StrEnum):
    """One normalisation step; the value is its name, and the enum's order is the order they run.

    See the Anchoring and normalisation page of the docs for what each step rewrites.
    """

    NEWLINES = "newlines"
    BOM = "bom"
    ZERO_WIDTH = "zero_width"
    NFC = "nfc"
    NFKC = "nfkc"
    SPACES = "spaces"
    COLLAPSE = "collapse"
    QUOTES = "quotes"
    DASHES = "dashes"
    ELLIPSIS = "ellipsis"
    CASEFOLD = "casefold"


#: The steps `normalize` runs when none are given: all but NFKC and CASEFOLD.
DEFAULT_STEPS: tuple[NormalizeStep, ...] = tuple(
    s for s in NormalizeStep if s not in (NormalizeStep.NFKC, NormalizeStep.CASEFOLD)
)

_BY_NAME = {s.value: s for s in NormalizeStep}
_STEP_NAMES = ", ".join(s.value for s in NormalizeStep)

# -- the steps: each returns the new text and its edits over the text it was given --------


class _Builder:
    """Collects replacements, left to right, into a new text and its edits."""

    __slots__ = ("edits", "last", "pieces", "shift", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self.pieces: list[str] = []
        self.edits: list[Edit] = []
        self.last = 0
        self.shift = 0

    def add(self, start: int, end: int, new: str) -> None:
        """Replace ``source[start:end]`` (at or after the previous replacement) by ``new``."""
        self.pieces.append(self.source[self.last : start])
        self.pieces.append(new)
        at = start + self.shift
        self.edits.append((start, end, at, at + len(new)))
        self.shift += len(new) - (end - start)
        self.last = end

    def result(self) -> str:
        """Return the new text."""
        if not self.edits:
            return self.source
        return "".join(self.pieces) + self.source[self.last :]


def _substitute(
    text: str, pattern: re.Pattern[str], replace: Callable[[str], str]
) -> tuple[str, list[Edit]]:
    """Replace every match of ``pattern`` by ``replace(match)``, one edit per changed match."""
    out = _Builder(text)
    for match in pattern.finditer(text):
        old = match.group()
        new = replace(old)
        if new != old:
            out.add(match.start(), match.end(), new)
    return out.result(), out.edits


_LINE_BREAK = re.compile("\r\n?")


def _newlines(text: str) -> tuple[str, list[Edit]]:
    if "\r" not in text:
        return text, []
    return _substitute(text, _LINE_BREAK, lambda _: "\n")


_BOM_RUN = re.compile("\ufeff+")
_ZERO_WIDTH_CHARS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_ZERO_WIDTH_RUN = re.compile(f"[{_ZERO_WIDTH_CHARS}]+")


def _bom(text: str) -> tuple[str, list[Edit]]:
    if "\ufeff" not in text:
        return text, []
    return _substitute(text, _BOM_RUN, lambda _: "")


def _zero_width(text: str) -> tuple[str, list[Edit]]:
    if text.isascii() or not any(c in text for c in _ZERO_WIDTH_CHARS):
        return text, []
    return _substitute(text, _ZERO_WIDTH_RUN, lambda _: "")


# A boundary before an ASCII character is a boundary for NFC and NFKC: ASCII
# characters are starters, and none is the second character of a composition.
# So only the stretches of non-ASCII text, each with the character before it (a
# base an accent may compose with), can change; inside them, graphemes are
# normalised one by one.
_NON_ASCII = re.compile("[\x00-\x7f]?[^\x00-\x7f]+")
_GRAPHEME = regex.compile(r"\X")


def _unicode_form(form: _Form) -> _Pass:
    def step(text: str) -> tuple[str, list[Edit]]:
        if text.isascii() or unicodedata.is_normalized(form, text):
            return text, []
        out = _Builder(text)
        for chunk in _NON_ASCII.finditer(text):
            piece = chunk.group()
            if unicodedata.is_normalized(form, piece):
                continue
            base = chunk.start()
            for grapheme in _GRAPHEME.finditer(piece):
                old = grapheme.group()
                new = unicodedata.normalize(form, old)
                if new != old:
                    out.add(base + grapheme.start(), base + grapheme.end(), new)
        result = out.result()
        whole = unicodedata.normalize(form, text)
        if result != whole:
            # Normalising grapheme by grapheme disagreed with normalising the whole
            # text (no input known to do this); fall back to one edit that covers
            # everything between the first and the last difference.
            return whole, _one_edit(text, whole)
        return result, out.edits

    return step


def _one_edit(old: str, new: str) -> list[Edit]:
    """Return the single edit that turns ``old`` into ``new``, common ends excluded."""
    if old == new:
        return []
    limit = min(len(old), len(new))
    head = 0
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return [(head, len(old) - tail, head, len(new) - tail)]


# The tab and the space separators (category Zs) other than the space itself.
_SPACE_CHARS = "\t\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
_SPACE = re.compile(f"[{_SPACE_CHARS}]")


def _spaces(text: str) -> tuple[str, list[Edit]]:
    # Checking for each character is much faster than a scan that finds none.
    if not any(c in text for c in _SPACE_CHARS):
        return text, []
    return _substitute(text, _SPACE, lambda _: " ")


_WHITESPACE = " \t\r\n"
_WHITESPACE_RUN = re.compile("[ \t\r\n]+")
# Every whitespace run that collapsing changes holds one of these, and every run
# that holds one changes; a lone space or "\n", or "\n\n", stays as it is.
# Looking for them with str.find is several times faster than a regular
# expression that tries every space of the text.
_CHANGING_RUN = ("\t", "\r", "  ", " \n", "\n ", "\n\n\n")


def _collapsed(run: str) -> str:
    breaks = run.count("\n") + run.count("\r") - run.count("\r\n")
    if breaks == 0:
        return " "
    return "\n" if breaks == 1 else "\n\n"


def _collapse(text: str) -> tuple[str, list[Edit]]:
    runs: dict[int, int] = {}
    for needle in _CHANGING_RUN:
        at = text.find(needle)
        while at >= 0:
            start = at
            while start and text[start - 1] in _WHITESPACE:
                start -= 1
            match = _WHITESPACE_RUN.match(text, at)
            assert match is not None  # the needle is whitespace
            runs[start] = match.end()
            at = text.find(needle, match.end())
    out = _Builder(text)
    for start in sorted(runs):
        end = runs[start]
        out.add(start, end, _collapsed(text[start:end]))
    return out.result(), out.edits


_QUOTES = dict.fromkeys("“”„‟«»", '"') | dict.fromkeys("‘’‚‛", "'")
_DASHES = dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-")
_ELLIPSIS = {"…": "..."}


def _translate(table: Mapping[str, str]) -> _Pass:
    """Return a step replacing each (non-ASCII) key of ``table`` by its value."""
    pattern = re.compile("[" + "".join(table) + "]")
    lookup = table.__getitem__

    def step(text: str) -> tuple[str, list[Edit]]:
        if text.isascii() or not any(c in text for c in table):
            return text, []
        return _substitute(text, pattern, lookup)

    return step


# Stretches that may change under case folding: ASCII capitals and anything non-ASCII.
_FOLDABLE = re.compile("[A-Z\x80-\U0010ffff]+")


def _casefold(text: str) -> tuple[str, list[Edit]]:
    folded = text.casefold()
    if folded == text:
        return text, []
    # str.casefold maps each character on its own, so fold character by character.
    out = _Builder(text)
    for match in _FOLDABLE.finditer(text):
        run = match.group()
        run_folded = run.casefold()
        if run_folded == run:
            continue
        base = match.start()
        if len(run_folded) == len(run):
            for k, (old, new) in enumerate(zip(run, run_folded, strict=True)):
                if old != new:
                    out.add(base + k, base + k + 1, new)
        else:
            for k, old in enumerate(run):
                new = old.casefold()
                if new != old:
                    out.add(base + k, base + k + 1, new)
    return out.result(), out.edits


@lru_cache(maxsize=64)
def _passes(steps: frozenset[NormalizeStep]) -> tuple[_Pass, ...]:
    """Return the passes that run ``steps`` in canonical order, merged where equivalent."""
    passes: list[_Pass] = []
    if NormalizeStep.NEWLINES in steps:
        passes.append(_newlines)
    if NormalizeStep.ZERO_WIDTH in steps:  # removes U+FEFF too
        passes.append(_zero_width)
    elif NormalizeStep.BOM in steps:
        passes.append(_bom)
    if NormalizeStep.NFKC in steps:  # NFKC text is NFC text already
        passes.append(_unicode_form("NFKC"))
    elif NormalizeStep.NFC in steps:
        passes.append(_unicode_form("NFC"))
    if NormalizeStep.SPACES in steps:
        passes.append(_spaces)
    if NormalizeStep.COLLAPSE in steps:
        passes.append(_collapse)
    # Quotes, dashes and the ellipsis rewrite disjoint characters into ASCII: one pass.
    table: dict[str, str] = {}
    if NormalizeStep.QUOTES in steps:
        table |= _QUOTES
    if NormalizeStep.DASHES in steps:
        table |= _DASHES
    if NormalizeStep.ELLIPSIS in steps:
        table |= _ELLIPSIS
    if table:
        passes.append(_translate(table))
    if NormalizeStep.CASEFOLD in steps:
        passes.append(_casefold)
    return tuple(passes)


# -- edits: composing and mapping ---------------------------------------------------------


def _push(out: list[Edit], edit: Edit) -> None:
    """Append ``edit``, dropping it if empty and merging it into a touching edit.

    Two touching edits stay apart only when both replace something by
    something; an edit with an empty side (a removal or an insertion) joins
    its neighbour, so no two edits share a position on either side unless
    both have a length there.
    """
    a0, a1, b0, b1 = edit
    if a0 == a1 and b0 == b1:
        return
    if out:
        p0, p1, q0, q1 = out[-1]
        if p1 == a0 and (p0 == p1 or q0 == q1 or a0 == a1 or b0 == b1):
            out[-1] = (p0, a1, q0, b1)
            return
    out.append(edit)


def _compose(first: Sequence[Edit], second: Sequence[Edit]) -> list[Edit]:
    """Return the edits from the source of ``first`` to the target of ``second``.

    ``first`` maps a text A to B and ``second`` maps B to C.  In B's offsets,
    every edit of either list covers an interval; overlapping intervals form
    one region, and an empty interval (text removed by ``first``, inserted
    by ``second``) joins the region it touches, the one before it if any.
    A region's bounds in A and C follow from the shifts of the edits before
    and inside it.  One pass over both lists: ``O(len(first) + len(second))``.
    """
    if not first:
        return list(second)
    if not second:
        return list(first)
    out: list[Edit] = []
    n1, n2 = len(first), len(second)
    i = j = 0
    d1 = 0  # B offset minus A offset past the edits of ``first`` taken so far
    d2 = 0  # C offset minus B offset past the edits of ``second`` taken so far
    while i < n1 or j < n2:
        before1, before2 = d1, d2
        if j >= n2 or (i < n1 and first[i][2] <= second[j][0]):
            a0, a1, lo, hi = first[i]
            d1 += (hi - lo) - (a1 - a0)
            i += 1
        else:
            lo, hi, c0, c1 = second[j]
            d2 += (c1 - c0) - (hi - lo)
            j += 1
        while True:
            # Take whatever overlaps the region from either list; an empty interval
            # at its end joins it (so a removal next to an edit joins the edit before).
            if i < n1:
                a0, a1, s, e = first[i]
                if s < hi or (s == hi and (s == e or lo == hi)):
                    d1 += (e - s) - (a1 - a0)
                    i += 1
                    hi = max(hi, e)
                    continue
            if j < n2:
                s, e, c0, c1 = second[j]
                if s < hi or (s == hi and (s == e or lo == hi)):
                    d2 += (c1 - c0) - (e - s)
                    j += 1
                    hi = max(hi, e)
                    continue
            break
        _push(out, (lo - before1, hi - d1, lo + before2, hi + d2))
    return out


def _map_start(
    p: int, s0: Sequence[int], s1: Sequence[int], d0: Sequence[int], d1: Sequence[int]
) -> int:
    """Map the start ``p`` from the ``s`` side to the ``d`` side, snapping outward (left)."""
    j = bisect_left(s0, p)
    if j < len(s0) and s0[j] == p:
        return d0[j]
    i = j - 1
    if i < 0:
        return p
    if p < s1[i]:
        return d0[i]
    return d1[i] + (p - s1[i])


def _map_end(
    p: int, s0: Sequence[int], s1: Sequence[int], d0: Sequence[int], d1: Sequence[int]
) -> int:
    """Map the end ``p`` from the ``s`` side to the ``d`` side, snapping outward (right)."""
    i = bisect_right(s1, p) - 1
    k = i + 1
    if k < len(s0) and s0[k] < p:
        return d1[k]
    if i < 0:
        return p
    return d1[i] + (p - s1[i])


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _describe(value: object) -> str:
    try:
        text = repr(value)
    except ValueError:  # an int too long to print
        text = "..."
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{type(value).__name__} {text}"


def _check_span(start: object, end: object, length: int, what: str) -> tuple[int, int]:
    """Return ``(start, end)`` if they make a span of a ``length``-long text, else raise."""
    if not _is_int(start) or not _is_int(end):
        raise SpanError(f"span offsets must be ints, got {_describe(start)} and {_describe(end)}")
    if not 0 <= start <= end:
        raise SpanError(f"span [{start}, {end}) is invalid: offsets must satisfy 0 <= start <= end")
    if end > length:
        raise SpanError(
            f"span [{start}, {end}) does not lie inside the {what} of {length} code points"
        )
    return int(start), int(end)


def _key_path(key: object) -> str:
    if isinstance(key, str) and key.isidentifier():
        return f"$.{key}"
    return f"$[{key!r}]"


_MAP_KEYS = ("raw_length", "length", "edits")
_EDIT_FIELDS = ("raw_start", "raw_end", "start", "end")


def _map_problems(data: object) -> tuple[list[tuple[str, str]], list[Edit]]:
    """Return every problem with a would-be `OffsetMap.to_dict` value, and its edits."""
    if not isinstance(data, Mapping):
        return [("$", f"an offset map must be an object, got {_describe(data)}")], []
    problems: list[tuple[str, str]] = [
        (f"$.{key}", "this required key is missing") for key in _MAP_KEYS if key not in data
    ]
    problems += [
        (_key_path(key), "unknown key; an offset map has raw_length, length and edits")
        for key in data
        if key not in _MAP_KEYS
    ]
    lengths: dict[str, int] = {}
    for key in ("raw_length", "length"):
        if key in data:
            value = data[key]
            if _is_int(value) and value >= 0:
                lengths[key] = int(value)
            else:
                problems.append((f"$.{key}", f"must be an int >= 0, got {_describe(value)}"))
    edits: list[Edit] = []
    if "edits" in data:
        raw_edits = data["edits"]
        if not isinstance(raw_edits, list | tuple):
            problems.append(("$.edits", f"must be an array, got {_describe(raw_edits)}"))
            return problems, edits
        whole = True
        for index, item in enumerate(raw_edits):
            edit = _edit(item, f"$.edits[{index}]", problems)
            if edit is None:
                whole = False
            else:
                edits.append(edit)
        if whole:
            _order_problems(edits, lengths, problems)
    return problems, edits


def _edit(item: object, path: str, problems: list[tuple[str, str]]) -> Edit | None:
    """Return ``item`` as an edit, or None after adding its problems."""
    if not isinstance(item, list | tuple) or len(item) != 4:
        problems.append(
            (
                path,
                f"an edit must be an array [raw_start, raw_end, start, end], got {_describe(item)}",
            )
        )
        return None
    ok = True
    for k, (field, value) in enumerate(zip(_EDIT_FIELDS, item, strict=True)):
        if not _is_int(value) or value < 0:
            problems.append(
                (f"{path}[{k}]", f"{field} must be an int >= 0, got {_describe(value)}")
            )
            ok = False
    if not ok:
        return None
    a0, a1, b0, b1 = (int(v) for v in item)
    if a1 < a0:
        problems.append((path, f"raw_end {a1} comes before raw_start {a0}"))
        return None
    if b1 < b0:
        problems.append((path, f"end {b1} comes before start {b0}"))
        return None
    if a0 == a1 and b0 == b1:
        problems.append((path, "an edit must replace something or insert something"))
        return None
    return a0, a1, b0, b1


def _order_problems(
    edits: Sequence[Edit], lengths: Mapping[str, int], problems: list[tuple[str, str]]
) -> None:
    """Add problems with the order of ``edits`` and their agreement with the lengths."""
    prev_a = prev_b = 0
    prev_empty_side = False
    for index, (a0, a1, b0, b1) in enumerate(edits):
        path = f"$.edits[{index}]"
        if a0 < prev_a or b0 < prev_b:
            where = "the start of the text" if index == 0 else f"edit {index - 1}"
            problems.append(
                (path, f"overlaps or comes before {where}; edits must be sorted and apart")
            )
            return
        if a0 - prev_a != b0 - prev_b:
            what = "before it" if index == 0 else f"between it and edit {index - 1}"
            problems.append(
                (
                    path,
                    f"the unchanged text {what} would be {a0 - prev_a} code points raw "
                    f"but {b0 - prev_b} normalised",
                )
            )
            return
        empty_side = a0 == a1 or b0 == b1
        if index and a0 == prev_a and (empty_side or prev_empty_side):
            problems.append(
                (
                    path,
                    f"touches edit {index - 1} and one of them has an empty side; "
                    "a removal or insertion next to another edit is part of it",
                )
            )
            return
        prev_a, prev_b, prev_empty_side = a1, b1, empty_side
    raw_length, length = lengths.get("raw_length"), lengths.get("length")
    if raw_length is not None and prev_a > raw_length:
        problems.append(("$.raw_length", f"{raw_length} is less than the last raw_end {prev_a}"))
    elif length is not None and prev_b > length:
        problems.append(("$.length", f"{length} is less than the last end {prev_b}"))
    elif raw_length is not None and length is not None and raw_length - prev_a != length - prev_b:
        problems.append(
            (
                "$.length",
                f"the unchanged text after the last edit would be {raw_length - prev_a} "
                f"code points raw but {length - prev_b} normalised",
            )
        )


# -- the public classes -------------------------------------------------------------------


def _as_edits(edits: Iterable[Iterable[int]]) -> tuple[Edit, ...]:
    """Return ``edits`` as a tuple of tuples, to be checked after."""
    return cast("tuple[Edit, ...]", tuple(tuple(edit) for edit in edits))


@attrs.frozen(repr=False)
class OffsetMap:
    """How a normalised text relates to the raw text it came from, as a list of edits.

    ``edits`` holds one ``(raw_start, raw_end, start, end)`` for each changed
    region, in order: ``raw[raw_start:raw_end]`` became
    ``text[start:end]``.  Between edits (and before the first, after the
    last) the texts are identical, so offsets there differ by a constant; a
    map of identical texts has no edits.  ``raw_length`` and ``length`` are
    the lengths of the raw and the normalised text, in code points.

    Converting a span is a binary search over the edits.  **Snapping rule**,
    the same in both directions:

    * A span edge that falls strictly inside an edited region snaps outward
      to the region's edge: a start to the region's start, an end to the
      region's end.
    * An edge on the boundary of an edit whose other side is empty (text
      that was removed, or inserted) snaps outward too, so that text is
      covered: a start moves before it, an end after it.
    * An empty span strictly inside a region maps to the empty span at the
      region's start (both edges).  Any other empty span maps its edges as
      above, so it stays empty, except at a point where only the other side
      has text (where text was removed, seen from the normalised side), where
      it maps to that text.

    So the image of a span covers whole every region the span reaches into,
    and for every
    non-empty span ``s``, ``to_raw(*from_raw(*s))`` and ``from_raw(*to_raw(*s))``
    contain ``s``: a normalised span over part of an expanded character (one
    ``s`` of the ``"ss"`` from ``ß``, one dot of the ``"..."`` from ``…``)
    maps to the whole raw character, and a raw span of removed text maps to
    the empty span where it stood, which maps back to all of it.

    >>> m = OffsetMap(4, 5, [(1, 2, 1, 3)])  # "aßcd" -> "asscd"
    >>> m.to_raw(1, 2), m.to_raw(3, 5), m.from_raw(1, 2), m.from_raw(2, 2)
    ((1, 2), (2, 4), (1, 3), (3, 3))

    Edits are sorted and apart, each replaces or inserts something, and two
    edits touch only when both replace some text by some text: a removal or
    an insertion next to another edit is part of that edit, so every position
    on either side is unambiguous.  Building a map checks all this and the
    lengths (``ValueError``); `from_dict` checks data read from JSON.
    """

    raw_length: int
    length: int
    edits: tuple[Edit, ...] = attrs.field(converter=_as_edits)
    _r0: tuple[int, ...] = attrs.field(init=False, eq=False, repr=False)
    _r1: tuple[int, ...] = attrs.field(init=False, eq=False, repr=False)
    _n0: tuple[int, ...] = attrs.field(init=False, eq=False, repr=False)
    _n1: tuple[int, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        problems, _ = _map_problems(
            {"raw_length": self.raw_length, "length": self.length, "edits": self.edits}
        )
        if problems:
            lines = "; ".join(f"{path.removeprefix('$.')}: {msg}" for path, msg in problems[:5])
            raise ValueError(f"invalid OffsetMap: {lines}")
        object.__setattr__(self, "raw_length", int(self.raw_length))
        object.__setattr__(self, "length", int(self.length))
        object.__setattr__(self, "edits", tuple(tuple(map(int, e)) for e in self.edits))
        self._index()

    def _index(self) -> None:
        columns: list[tuple[int, ...]] = [tuple(c) for c in zip(*self.edits, strict=True)]
        if not columns:
            columns = [(), (), (), ()]
        for name, column in zip(("_r0", "_r1", "_n0", "_n1"), columns, strict=True):
            object.__setattr__(self, name, column)

    @classmethod
    def _trusted(cls, raw_length: int, length: int, edits: Sequence[Edit]) -> OffsetMap:
        """Build a map from values known to be valid, without checking them."""
        new: OffsetMap = object.__new__(cls)
        object.__setattr__(new, "raw_length", raw_length)
        object.__setattr__(new, "length", length)
        object.__setattr__(new, "edits", tuple(edits))
        new._index()
        return new

    def __repr__(self) -> str:
        many = len(self.edits) > 6
        edits = f"<{len(self.edits)} edits>" if many else repr(list(self.edits))
        return f"OffsetMap(raw_length={self.raw_length}, length={self.length}, edits={edits})"

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Return the raw span that the normalised span ``[start, end)`` came from.

        Edges inside an edited region snap outward (see the class documentation).
        Raises `SpanError` unless ``0 <= start <= end <= length``.
        """
        start, end = _check_span(start, end, self.length, "normalised text")
        return self._convert(start, end, to_raw=True)

    def from_raw(self, start: int, end: int) -> tuple[int, int]:
        """Return the normalised span that the raw span ``[start, end)`` became.

        Edges inside an edited region snap outward (see the class documentation).
        Raises `SpanError` unless ``0 <= start <= end <= raw_length``.
        """
        start, end = _check_span(start, end, self.raw_length, "raw text")
        return self._convert(start, end, to_raw=False)

    def _convert(self, start: int, end: int, *, to_raw: bool) -> tuple[int, int]:
        """Map a valid span one way or the other, with the snapping rule."""
        if to_raw:
            s0, s1, d0, d1 = self._n0, self._n1, self._r0, self._r1
        else:
            s0, s1, d0, d1 = self._r0, self._r1, self._n0, self._n1
        first = _map_start(start, s0, s1, d0, d1)
        if start == end:
            i = bisect_right(s0, start) - 1
            if i >= 0 and s0[i] < start < s1[i]:  # strictly inside an edited region
                return first, first
        return first, _map_end(end, s0, s1, d0, d1)

    def inverse(self) -> OffsetMap:
        """Return the map from the normalised text back to the raw text."""
        return OffsetMap._trusted(
            self.length, self.raw_length, [(b0, b1, a0, a1) for a0, a1, b0, b1 in self.edits]
        )

    def then(self, other: OffsetMap) -> OffsetMap:
        """Return the map of this map's raw text to ``other``'s normalised text.

        ``other`` must map this map's normalised text (its ``raw_length`` is this
        map's ``length``, else ``ValueError``).  Regions of the two maps that
        overlap become one region of the result.
        """
        if not isinstance(other, OffsetMap):
            raise TypeError(f"then() takes an OffsetMap, got {type(other).__name__}")
        if other.raw_length != self.length:
            raise ValueError(
                f"cannot follow a map to a text of {self.length} code points with one "
                f"from a text of {other.raw_length}"
            )
        edits = _compose(self.edits, other.edits)
        return OffsetMap._trusted(self.raw_length, other.length, edits)

    def to_dict(self) -> dict[str, Any]:
        """Return the map as JSON-ready data: ``raw_length``, ``length`` and ``edits``.

        ``edits`` is a list of ``[raw_start, raw_end, start, end]`` lists.
        """
        return {
            "raw_length": self.raw_length,
            "length": self.length,
            "edits": [list(edit) for edit in self.edits],
        }

    @classmethod
    def from_dict(cls, data: object) -> OffsetMap:
        """Return the map that `to_dict` gave as ``data``, checking everything.

        Raises `InvalidDocumentError` naming the JSON path of each problem: a
        missing or unknown key, a value of the wrong type or negative, an edit
        that is reversed or empty, edits out of order or overlapping, or
        lengths that disagree with the edits.
        """
        problems, edits = _map_problems(data)
        if problems:
            raise InvalidDocumentError(problems)
        assert isinstance(data, Mapping)
        return cls._trusted(int(data["raw_length"]), int(data["length"]), edits)


def _offsets(span: object, source: str, what: str) -> tuple[int, int]:
    """Return the offsets of a `Span` or ``(start, end)`` of ``source``, checked."""
    if isinstance(span, Span):
        start, end = _check_span(span.start, span.end, len(source), what)
        if source[start:end] != span.text:
            raise SpanError(
                f"span [{start}, {end}) has text {span.text[:40]!r} but the {what} there "
                f"reads {source[start:end][:40]!r}; is it a span of the other text?"
            )
        return start, end
    if isinstance(span, tuple | list) and len(span) == 2:
        return _check_span(span[0], span[1], len(source), what)
    raise TypeError(f"expected a Span or a (start, end) pair, got {type(span).__name__}")


def _check_steps(value: object) -> tuple[NormalizeStep, ...]:
    if not isinstance(value, tuple) or not all(isinstance(s, NormalizeStep) for s in value):
        raise TypeError("steps must be a tuple of NormalizeStep")
    return tuple(s for s in NormalizeStep if s in value)


@attrs.frozen(repr=False)
class Normalized:
    """A raw text, its normalised form, and the `OffsetMap` between them.

    Made by `normalize`.  `to_raw` takes a span of ``text`` to the span of
    ``raw`` it came from and `from_raw` the other way; both accept a `Span` or
    a ``(start, end)`` pair and return a `Span` of the other text, its edges
    snapped outward where they fall inside a changed region (see `OffsetMap`).
    ``steps`` are the steps that ran, in the order they ran.
    """

    raw: str
    text: str
    map: OffsetMap
    steps: tuple[NormalizeStep, ...] = attrs.field(converter=_check_steps)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.raw, str) or not isinstance(self.text, str):
            raise TypeError("raw and text must be str")
        if not isinstance(self.map, OffsetMap):
            raise TypeError(f"map must be an OffsetMap, got {type(self.map).__name__}")
        if (len(self.raw), len(self.text)) != (self.map.raw_length, self.map.length):
            raise ValueError(
                f"the map relates texts of {self.map.raw_length} and {self.map.length} code "
                f"points, not {len(self.raw)} and {len(self.text)}"
            )
        a = b = 0
        for a0, a1, b0, b1 in (*self.map.edits, (len(self.raw), 0, len(self.text), 0)):
            if self.raw[a:a0] != self.text[b:b0]:
                raise ValueError(f"raw and text differ outside the map's edits, near raw {a}")
            a, b = a1, b1

    def __repr__(self) -> str:
        steps = ", ".join(self.steps) or "none"
        return (
            f"<Normalized {len(self.raw)} -> {len(self.text)} code points, "
            f"{len(self.map.edits)} edits, steps: {steps}>"
        )

    def to_raw(self, span: Span | tuple[int, int]) -> Span:
        """Return the span of ``raw`` that a span of ``text`` came from.

        Raises `SpanError` when the span does not lie inside ``text`` (or is a
        `Span` whose text is not ``text``'s there), ``TypeError`` when it is
        neither a `Span` nor a pair.
        """
        start, end = _offsets(span, self.text, "normalised text")
        raw_start, raw_end = self.map._convert(start, end, to_raw=True)
        return trusted_span(self.raw, raw_start, raw_end)

    def from_raw(self, span: Span | tuple[int, int]) -> Span:
        """Return the span of ``text`` that a span of ``raw`` became.

        Raises `SpanError` when the span does not lie inside ``raw`` (or is a
        `Span` whose text is not ``raw``'s there), ``TypeError`` when it is
        neither a `Span` nor a pair.
        """
        start, end = _offsets(span, self.raw, "raw text")
        norm_start, norm_end = self.map._convert(start, end, to_raw=False)
        return trusted_span(self.text, norm_start, norm_end)


def _parse_steps(steps: object) -> frozenset[NormalizeStep]:
    if isinstance(steps, str):  # one step named on its own
        steps = (steps,)
    if not isinstance(steps, Iterable):
        raise TypeError(f"steps must be an iterable of step names, got {type(steps).__name__}")
    chosen: set[NormalizeStep] = set()
    unknown: list[str] = []
    for step in steps:
        if isinstance(step, NormalizeStep):
            chosen.add(step)
        elif isinstance(step, str):
            found = _BY_NAME.get(step.lower())
            if found is None:
                unknown.append(step)
            else:
                chosen.add(found)
        else:
            raise TypeError(
                f"a step must be a NormalizeStep or its name, got {type(step).__name__}"
            )
    if unknown:
        names = ", ".join(repr(u) for u in unknown)
        raise ValueError(f"unknown normalisation step {names}; valid steps are: {_STEP_NAMES}")
    return frozenset(chosen)


def normalize(text: str, steps: Iterable[NormalizeStep | str] = DEFAULT_STEPS) -> Normalized:
    r"""Normalise ``text`` with ``steps`` and return it with the map back to ``text``.

    ``steps`` are `NormalizeStep` members or their names (``"nfc"``, case
    ignored; a single name alone works too), by default `DEFAULT_STEPS`.  They
    run in the fixed order of `NormalizeStep`, whatever order they are given
    in, each one repeated or not.  Raises ``TypeError`` when ``text`` is not a
    ``str`` and ``ValueError`` naming the valid steps for an unknown one.

    >>> normalize("a\u00a0 b…", ["spaces", "collapse", "ellipsis"]).text
    'a b...'
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize takes a str, got {type(text).__name__}")
    raw = str(text)
    chosen = _parse_steps(steps)
    current = raw
    edits: list[Edit] = []
    composed = False
    for step in _passes(chosen):
        current, step_edits = step(current)
        if step_edits:
            composed = composed or bool(edits)
            edits = _compose(edits, step_edits)
    if composed:
        # Later steps can undo earlier ones (NFC, then case folding, can give back
        # the raw characters); a region that ends up unchanged is no edit.
        edits = [e for e in edits if raw[e[0] : e[1]] != current[e[2] : e[3]]]
    offsets = OffsetMap._trusted(len(raw), len(current), edits)
    ordered = tuple(s for s in NormalizeStep if s in chosen)
    result: Normalized = object.__new__(Normalized)
    for name, value in (("raw", raw), ("text", current), ("map", offsets), ("steps", ordered)):
        object.__setattr__(result, name, value)
    return result
