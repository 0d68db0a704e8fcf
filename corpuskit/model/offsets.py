r"""OffsetIndex: convert code-point offsets of one text to other units and back.

corpuskit reports every span as half-open ``[start, end)`` offsets counted in
Python code points over an article's exact text.  Other tools count differently:

* **UTF-8 bytes** (C, Rust, Go, most command-line tools): offsets into
  ``text.encode("utf-8")``.  An article whose file began with a UTF-8
  byte-order mark does not keep the mark in its text; build its index with
  ``byte_base=3`` and UTF-8 offsets are reported (and accepted) as offsets into
  the raw file, mark included.
* **UTF-16 code units** (JavaScript, Java, .NET, the Language Server
  Protocol): offsets into ``text.encode("utf-16-le")`` counted in 2-byte units,
  with no byte-order mark.  A character outside the Basic Multilingual Plane
  (an emoji, 𝔘) takes two units.
* **line:column**: both 1-based, the column counted in code points.  Lines end
  at ``"\r\n"``, a lone ``"\r"`` or ``"\n"`` and at nothing else (not
  U+2028, not a form feed), so line numbers agree with what editors and
  ``grep -n`` show for the file.

A conversion that cannot be exact raises `OffsetError` rather than rounding: an
offset out of range, an offset that is not an ``int``, or a UTF-8 / UTF-16
offset that falls inside a character.

Cost
----
Building an index is one regular-expression scan over the text; each
conversion after that is a binary search, ``O(log r)`` for ``r`` runs (see
below).  Text that is pure ASCII needs no index at all: every unit coincides
with code points, and conversions are a range check and an addition.

Other text is indexed by *runs*: maximal stretches of consecutive characters
that take the same number of UTF-8 bytes (2, 3 or 4).  For each run the index
keeps its start and end in code points and in bytes, and the number of extra
bytes (beyond one per code point) that come before it; inside a run the byte
offset is linear in the code-point offset.  UTF-16 is indexed the same way
over the runs of 4-byte (astral) characters only.  A news article is mostly
ASCII with the odd curly quote or accented name, so ``r`` is far smaller than
the text.  The line index (the offset where each line starts) is built on the
first line:column conversion, with one more scan, and bisected likewise.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from typing import NamedTuple, NoReturn, TypeGuard

from corpuskit.model.errors import OffsetError

__all__ = ["LineCol", "OffsetIndex"]

# One group per UTF-8 width: group 1 holds 2-byte characters, 2 holds 3-byte,
# 3 holds 4-byte, so ``match.lastindex + 1`` is the width.  Group 4 catches lone
# surrogates, which have no UTF-8 (or UTF-16) encoding.
_RUNS = re.compile(
    "([\u0080-\u07ff]+)"
    "|([\u0800-\ud7ff\ue000-\uffff]+)"
    "|([\U00010000-\U0010ffff]+)"
    "|([\ud800-\udfff])"
)
_SURROGATE_GROUP = 4
_LINE_BREAK = re.compile("\r\n?|\n")


class LineCol(NamedTuple):
    """A 1-based line and 1-based column, the column counted in code points."""

    line: int
    column: int


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _describe(value: object) -> str:
    return f"{type(value).__name__} {value!r}"


class _Runs:
    """Runs of characters that take more than one unit of some encoding.

    ``cp_starts``/``cp_ends`` bound each run in code points, ``widths`` give
    the units per character inside it; everything between runs takes one unit
    per code point.  Conversions bisect over the run starts.
    """

    __slots__ = (
        "cp_ends",
        "cp_starts",
        "extra_after",
        "extra_before",
        "unit_ends",
        "unit_starts",
        "units",
        "widths",
    )

    def __init__(self, cp_starts: list[int], cp_ends: list[int], widths: list[int], n: int) -> None:
        extra = [(e - s) * (w - 1) for s, e, w in zip(cp_starts, cp_ends, widths, strict=True)]
        after = list(accumulate(extra))
        before = [0, *after[:-1]] if after else []
        self.cp_starts = cp_starts
        self.cp_ends = cp_ends
        self.widths = widths
        self.extra_before = before
        self.extra_after = after
        self.unit_starts = [s + x for s, x in zip(cp_starts, before, strict=True)]
        self.unit_ends = [e + x for e, x in zip(cp_ends, after, strict=True)]
        #: The length of the whole text in units.
        self.units = n + (after[-1] if after else 0)

    def to_units(self, cp: int) -> int:
        """Return the unit offset of a valid code-point offset."""
        i = bisect_right(self.cp_starts, cp) - 1
        if i < 0:
            return cp
        if cp >= self.cp_ends[i]:
            return cp + self.extra_after[i]
        return cp + self.extra_before[i] + (cp - self.cp_starts[i]) * (self.widths[i] - 1)

    def from_units(self, unit: int) -> tuple[int, int, int]:
        """Return ``(cp, rest, width)`` for a unit offset in range.

        ``rest`` is 0 on a character boundary; otherwise ``unit`` falls ``rest``
        units into the ``width``-unit character at code point ``cp``.
        """
        i = bisect_right(self.unit_starts, unit) - 1
        if i < 0:
            return unit, 0, 1
        if unit >= self.unit_ends[i]:
            return unit - self.extra_after[i], 0, 1
        width = self.widths[i]
        chars, rest = divmod(unit - self.unit_starts[i], width)
        return self.cp_starts[i] + chars, rest, width


class OffsetIndex:
    r"""Convert code-point offsets of one text to and from UTF-8, UTF-16 and line:column.

    Valid code-point offsets are ``0..len(text)`` inclusive (an offset names the
    gap before a character, so the end of the text is one too).  UTF-8 offsets
    are ``byte_base..byte_base + len(text.encode("utf-8"))`` and UTF-16 offsets
    ``0..len(text.encode("utf-16-le")) // 2``, on character boundaries only.

    >>> index = OffsetIndex("Kim’s café\n😀 ok")
    >>> index.to_utf8(6), index.to_utf16(13), index.to_line_col(13)
    (8, 14, LineCol(line=2, column=3))
    >>> OffsetIndex("text after a BOM", byte_base=3).to_utf8(0)
    3

    ``byte_base`` is the number of bytes in the file before the text, normally
    0, or 3 when the file began with a UTF-8 byte-order mark that was dropped
    from the text.  Raises ``TypeError`` when ``text`` is not a ``str``, and
    `OffsetError` when it holds a lone surrogate (which has no UTF-8 encoding)
    or ``byte_base`` is not a non-negative ``int``.
    """

    __slots__ = ("_ascii", "_byte_base", "_len", "_line_starts", "_text", "_utf8", "_utf16")

    def __init__(self, text: str, *, byte_base: int = 0) -> None:
        if not isinstance(text, str):
            raise TypeError(f"OffsetIndex takes a str, got {type(text).__name__}")
        if not _is_int(byte_base) or byte_base < 0:
            raise OffsetError(
                f"byte_base must be a non-negative int (0, or 3 after a UTF-8 byte-order "
                f"mark), got {_describe(byte_base)}"
            )
        self._text = text
        self._byte_base = int(byte_base)
        self._len = len(text)
        self._line_starts: list[int] | None = None
        self._ascii = text.isascii()

        # UTF-8 runs: starts/ends in code points, width in bytes per character.
        cp_starts: list[int] = []
        cp_ends: list[int] = []
        widths: list[int] = []
        if not self._ascii:
            for match in _RUNS.finditer(text):
                group = match.lastindex
                assert group is not None  # every alternative is a group
                if group == _SURROGATE_GROUP:
                    at = match.start()
                    raise OffsetError(
                        f"text holds the lone surrogate U+{ord(text[at]):04X} at code-point "
                        f"offset {at}, which has no UTF-8 or UTF-16 encoding"
                    )
                cp_starts.append(match.start())
                cp_ends.append(match.end())
                widths.append(group + 1)
        self._utf8 = _Runs(cp_starts, cp_ends, widths, self._len)
        # UTF-16: the 4-byte UTF-8 runs (astral characters), each character two units.
        astral = [i for i, w in enumerate(widths) if w == 4]
        self._utf16 = _Runs(
            [cp_starts[i] for i in astral],
            [cp_ends[i] for i in astral],
            [2] * len(astral),
            self._len,
        )

    def __repr__(self) -> str:
        base = f", byte_base={self._byte_base}" if self._byte_base else ""
        return (
            f"<OffsetIndex of {self._len} code points, {self._utf8.units} UTF-8 bytes, "
            f"{self._utf16.units} UTF-16 units{base}>"
        )

    @property
    def text(self) -> str:
        """Return the text this index converts offsets of."""
        return self._text

    # -- checks -------------------------------------------------------------

    def _check_cp(self, offset: object) -> int:
        """Return ``offset`` as an int if it is a valid code-point offset, else raise."""
        if not _is_int(offset):
            raise OffsetError(f"code-point offset must be an int, got {_describe(offset)}")
        if not 0 <= offset <= self._len:
            raise OffsetError(
                f"code-point offset {offset} is out of range; valid offsets are 0..{self._len}"
            )
        return int(offset)

    def _check_unit(self, offset: object, unit: str, low: int, high: int) -> int:
        """Return ``offset`` as an int if it lies in ``low..high``, else raise."""
        if not _is_int(offset):
            raise OffsetError(f"{unit} offset must be an int, got {_describe(offset)}")
        if not low <= offset <= high:
            bom = ""
            if unit == "UTF-8" and 0 <= offset < low:
                bom = f" (bytes 0..{low} come before the text)"
            raise OffsetError(
                f"{unit} offset {offset} is out of range{bom}; valid offsets are "
                f"character boundaries in {low}..{high}"
            )
        return int(offset)

    def _inside(self, unit: str, offset: int, *, cp: int, at: int, width: int) -> NoReturn:
        """Raise the error for ``offset`` falling inside the character at ``cp``."""
        if unit == "UTF-8":
            low, high = self._byte_base, self._byte_base + self._utf8.units
            what = f"the {width}-byte character U+{ord(self._text[cp]):04X} at bytes"
        else:
            low, high = 0, self._utf16.units
            what = f"the surrogate pair of U+{ord(self._text[cp]):04X} at units"
        raise OffsetError(
            f"{unit} offset {offset} falls inside {what} {at}..{at + width}; "
            f"valid offsets are character boundaries in {low}..{high}"
        )

    # -- UTF-8 --------------------------------------------------------------

    def to_utf8(self, offset: int) -> int:
        """Return the UTF-8 byte offset of a code-point offset, plus ``byte_base``.

        Raises `OffsetError` unless ``0 <= offset <= len(text)``.
        """
        if type(offset) is not int or not 0 <= offset <= self._len:
            offset = self._check_cp(offset)
        if self._ascii:
            return offset + self._byte_base
        return self._utf8.to_units(offset) + self._byte_base

    def from_utf8(self, offset: int) -> int:
        """Return the code-point offset of a UTF-8 byte offset that includes ``byte_base``.

        Accepts ``byte_base..byte_base + len(text.encode("utf-8"))``; raises
        `OffsetError` for an offset outside that range or one that falls inside
        a multi-byte character.
        """
        base = self._byte_base
        if type(offset) is not int or not base <= offset <= base + self._utf8.units:
            offset = self._check_unit(offset, "UTF-8", base, base + self._utf8.units)
        if self._ascii:
            return offset - base
        cp, rest, width = self._utf8.from_units(offset - base)
        if rest:
            self._inside("UTF-8", offset, cp=cp, at=offset - rest, width=width)
        return cp

    def span_to_utf8(self, start: int, end: int) -> tuple[int, int]:
        """Return the UTF-8 byte span, ``byte_base`` included, of a code-point span.

        Raises `OffsetError` for a bad offset (see `to_utf8`) and also when
        ``start > end``.
        """
        self._check_order(start, end, "code-point")
        return self.to_utf8(start), self.to_utf8(end)

    def span_from_utf8(self, start: int, end: int) -> tuple[int, int]:
        """Return the code-point span of a UTF-8 byte span that includes ``byte_base``.

        Raises `OffsetError` for a bad offset (see `from_utf8`) and also when
        ``start > end``.
        """
        self._check_order(start, end, "UTF-8")
        return self.from_utf8(start), self.from_utf8(end)

    # -- UTF-16 -------------------------------------------------------------

    def to_utf16(self, offset: int) -> int:
        """Return the UTF-16 code-unit offset of a code-point offset.

        Raises `OffsetError` unless ``0 <= offset <= len(text)``.
        """
        if type(offset) is not int or not 0 <= offset <= self._len:
            offset = self._check_cp(offset)
        return self._utf16.to_units(offset)

    def from_utf16(self, offset: int) -> int:
        """Return the code-point offset of a UTF-16 code-unit offset.

        Accepts ``0..len(text.encode("utf-16-le")) // 2``; raises `OffsetError`
        for an offset outside that range or one that falls between the two
        units of a surrogate pair.
        """
        if type(offset) is not int or not 0 <= offset <= self._utf16.units:
            offset = self._check_unit(offset, "UTF-16", 0, self._utf16.units)
        cp, rest, _ = self._utf16.from_units(offset)
        if rest:
            self._inside("UTF-16", offset, cp=cp, at=offset - rest, width=2)
        return cp

    def span_to_utf16(self, start: int, end: int) -> tuple[int, int]:
        """Return the UTF-16 code-unit span of a code-point span.

        Raises `OffsetError` for a bad offset (see `to_utf16`) and also when
        ``start > end``.
        """
        self._check_order(start, end, "code-point")
        return self.to_utf16(start), self.to_utf16(end)

    def span_from_utf16(self, start: int, end: int) -> tuple[int, int]:
        """Return the code-point span of a UTF-16 code-unit span.

        Raises `OffsetError` for a bad offset (see `from_utf16`) and also when
        ``start > end``.
        """
        self._check_order(start, end, "UTF-16")
        return self.from_utf16(start), self.from_utf16(end)

    @staticmethod
    def _check_order(start: object, end: object, unit: str) -> None:
        # Only compare two real ints; anything else is reported by the
        # conversion itself, with the range it accepts.
        if _is_int(start) and _is_int(end) and start > end:
            raise OffsetError(
                f"{unit} span [{start}, {end}) is reversed; a span needs start <= end"
            )

    # -- line:column --------------------------------------------------------

    def _lines(self) -> list[int]:
        starts = self._line_starts
        if starts is None:
            starts = [0, *(m.end() for m in _LINE_BREAK.finditer(self._text))]
            self._line_starts = starts
        return starts

    def to_line_col(self, offset: int) -> LineCol:
        r"""Return the 1-based line and column of a code-point offset.

        The column counts code points from the start of the line, the first
        being 1.  An offset at a line break belongs to the line the break ends,
        including one between the ``"\r"`` and ``"\n"`` of ``"\r\n"``; the
        offset right after a break is column 1 of the next line.  Raises
        `OffsetError` unless ``0 <= offset <= len(text)``.
        """
        if type(offset) is not int or not 0 <= offset <= self._len:
            offset = self._check_cp(offset)
        starts = self._line_starts
        if starts is None:
            starts = self._lines()
        i = bisect_right(starts, offset) - 1
        return LineCol(i + 1, offset - starts[i] + 1)

    def from_line_col(self, line: int, column: int) -> int:
        """Return the code-point offset of a 1-based line and column.

        The inverse of `to_line_col`.  ``line`` runs from 1 to the number of
        lines (a text ending in a line break has an empty last line after it).
        ``column`` runs from 1 to the line's length, line break included, plus
        one: the largest column names the offset just past the line, so for a
        line other than the last it is the same offset as column 1 of the next
        line, and for the last line it is the end of the text.  Raises
        `OffsetError` for a line or column outside those ranges or not an int.
        """
        if not _is_int(line):
            raise OffsetError(f"line must be an int, got {_describe(line)}")
        if not _is_int(column):
            raise OffsetError(f"column must be an int, got {_describe(column)}")
        starts = self._lines()
        if not 1 <= line <= len(starts):
            raise OffsetError(
                f"line {line} is out of range; valid lines are 1..{len(starts)} "
                "(both line and column are 1-based)"
            )
        start = starts[line - 1]
        stop = starts[line] if line < len(starts) else self._len
        if not 1 <= column <= stop - start + 1:
            raise OffsetError(
                f"column {column} is out of range for line {line}; valid columns are "
                f"1..{stop - start + 1} (1-based, counted in code points)"
            )
        return int(start + column - 1)
