"""Alternations of words for regular expressions, built from `corpuskit.lexicon`.

The stages keep no word lists of their own: where a pattern chooses among words,
it takes them from the lexicon through `alternation`, which gives every list the
same treatment.  Each word is a literal (escaped), and longer words come first,
so that a word is tried before any shorter word it starts with ("Sept" before
"Sep", "Reuters Pictures" before "Reuters").  A list of literals tried in turn
adds no repetition to a pattern: the result keeps it linear.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["alternation"]


def alternation(words: Iterable[str], *, space: str | None = None) -> str:
    r"""Return the words as the branches of a regular expression, longest first.

    The branches are not grouped: put the result in ``(?:…)``.  Each word is
    escaped, so it matches itself, spaces included, in verbose patterns too.
    ``space``, when given, is the pattern each space of a word stands for instead
    (``r"\s++"`` for any run of whitespace).

    >>> alternation(["Sep", "Sept", "e.g"])
    'Sept|Sep|e\\.g'
    >>> alternation(["over", "up to"], space=r"\s++")
    'up\\s++to|over'
    """
    escaped = [re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))]
    if space is not None:
        escaped = [w.replace("\\ ", space) for w in escaped]
    return "|".join(escaped)
