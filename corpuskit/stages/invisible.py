r"""Invisible characters: what zones and sentences are trimmed of at their edges.

A character is *invisible* when it is whitespace (anything `str.isspace` calls
whitespace: the space separators Zs, U+2028, U+2029, tab, the line breaks,
U+0085, U+001C–U+001F) or a format character (general category Cf) that shows
nothing: U+200B ZERO WIDTH SPACE, U+200C and U+200D, U+2060 WORD JOINER, U+FEFF,
the bidirectional controls, U+180E, and the soft hyphen U+00AD, which is drawn
only where a line is broken inside a word, never at the edge of a zone.  Two
kinds of format character are left out, because they show something:

- the prepended concatenation marks (U+0600–U+0605, U+06DD, U+070F,
  U+0890–U+0891, U+08E2, U+110BD, U+110CD), signs drawn over the digits that
  follow them;
- the tag characters U+E0020–U+E007F, which spell and end an emoji flag
  (England's is U+1F3F4 followed by six tags): trimmed from a zone's end they
  would cut the flag in two.

Whether a character is whitespace or Cf is what Python's own Unicode database
says (`unicodedata`, the one behind `str.isspace` and ``\s`` in `re`), so the
definition moves with the Python that runs.  The candidates are listed here
rather than found by walking all 1,114,112 code points, which would add a tenth
of a second to every import; ``tests/test_zones.py`` walks them and fails if
Python's database holds a whitespace or format character this list lacks.

>>> sorted(c in INVISIBLE for c in "\u200b\u2060\ufeff\u00ad\u00a0\u3000")
[True, True, True, True, True, True]
>>> "a" in INVISIBLE, "\u0600" in INVISIBLE, "\U000e007f" in INVISIBLE
(False, False, False)
"""

from __future__ import annotations

import unicodedata

__all__ = ["INVISIBLE", "INVISIBLE_CHARS", "VISIBLE_CLASS", "invisible_class"]

# Every whitespace and format character of Unicode 16.0, as ranges.  Those that the
# running Python does not know as such (a newer character) are dropped below.
_CANDIDATE_RANGES = (
    (0x0009, 0x000D),
    (0x001C, 0x0020),
    (0x0085, 0x0085),
    (0x00A0, 0x00A0),
    (0x00AD, 0x00AD),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x1680, 0x1680),
    (0x180E, 0x180E),
    (0x2000, 0x200F),
    (0x2028, 0x202F),
    (0x205F, 0x2064),
    (0x2066, 0x206F),
    (0x3000, 0x3000),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)
# Format characters that show something (see the module docstring).
_SHOWN_FORMAT = frozenset(
    "\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd"
    + "".join(map(chr, range(0xE0020, 0xE0080)))
)


def _invisible(char: str) -> bool:
    return char.isspace() or (unicodedata.category(char) == "Cf" and char not in _SHOWN_FORMAT)


# Every invisible character; and the same as one string, for `str.strip` and its kin.
INVISIBLE: frozenset[str] = frozenset(
    c for lo, hi in _CANDIDATE_RANGES for c in map(chr, range(lo, hi + 1)) if _invisible(c)
)
INVISIBLE_CHARS = "".join(sorted(INVISIBLE))


def _class_body(chars: frozenset[str]) -> str:
    """Return the inside of a character class holding ``chars``, in runs of code points."""
    runs: list[list[int]] = []
    for code in sorted(map(ord, chars)):
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])

    def escape(code: int) -> str:
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"

    return "".join(escape(lo) if lo == hi else f"{escape(lo)}-{escape(hi)}" for lo, hi in runs)


def invisible_class(but: str = "") -> str:
    r"""Return a character class (for `re` and `regex`) of the invisible characters not in ``but``.

    >>> import re
    >>> bool(re.fullmatch(invisible_class(but="\n") + "+", "\u200b \u2060\u3000"))
    True
    """
    return "[" + _class_body(INVISIBLE.difference(but)) + "]"


# A character class (for `re` and `regex`) of one visible character: any but the invisible.
VISIBLE_CLASS = "[^" + _class_body(INVISIBLE) + "]"
