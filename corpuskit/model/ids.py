"""Article ids: what an id may hold, so that no id can name a place outside a folder.

Exports name files after an article (its source's stem, else its id), and ids
come from data (a JSON document, a caller).  An id may hold any character but a
path separator (``/`` or a backslash), a control character (NUL, line breaks, tabs
and the other characters of Unicode category Cc) or a line or paragraph
separator, and may not be ``.`` or ``..``: with no separator in it, an id is
one path component, never a path.

>>> id_problem("dd2c270fb12b86b0") is None
True
>>> id_problem("../../victim")
"holds a path separator ('/'): an id is a name, not a path"
"""

from __future__ import annotations

import unicodedata

__all__ = ["id_problem"]

_SEPARATORS = ("/", "\\")
_LINE_SEPARATORS = frozenset("\u2028\u2029")


def id_problem(value: str) -> str | None:
    """Return what is wrong with ``value`` as an article id, or ``None`` when it is fine."""
    if not value:
        return "is empty"
    if value in (".", ".."):
        return f"is {value!r}, which names a folder"
    for sep in _SEPARATORS:
        if sep in value:
            return f"holds a path separator ({sep!r}): an id is a name, not a path"
    if value.isprintable() and value.isascii():
        return None
    for at, char in enumerate(value):
        if unicodedata.category(char) == "Cc" or char in _LINE_SEPARATORS:
            return f"holds the control character U+{ord(char):04X} at {at}"
    return None
