"""The units an offset can count in, defined once.

Offsets are code points of the exact decoded text inside corpuskit; a document
written for another program may count UTF-16 code units (JavaScript, Java) or
UTF-8 bytes (C, Rust, Go) instead.  `UNITS` says, for each unit, its name in
data files and on the command line, how to describe it, and how an
`OffsetIndex` converts to and from it.  The JSON converter, JSON Lines, the
command line, the schema and the Parquet writer all read this table: a new
unit is one entry here (with the `OffsetIndex` methods it needs) and its
tests.

>>> [u.name for u in UNITS.values()]
['codepoint', 'utf16', 'utf8']
>>> unit("utf16").describe
'UTF-16 code units'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, get_args

import attrs

from corpuskit.model.offsets import OffsetIndex

__all__ = ["UNITS", "UNIT_NAMES", "OffsetUnit", "Unit", "unit"]

#: The name of an offset unit, as data files and the command line write it.
OffsetUnit = Literal["codepoint", "utf16", "utf8"]


def _same(_index: OffsetIndex, offset: int) -> int:
    return offset


def _same_span(_index: OffsetIndex, start: int, end: int) -> tuple[int, int]:
    return start, end


@attrs.frozen
class Unit:
    """One unit offsets may count in.

    ``to``/``from_`` convert one offset between code points and this unit
    with an `OffsetIndex` of the text; ``span_to`` converts a span (both ends
    checked together).  ``code_points`` is true for the unit that needs no
    conversion at all; ``counts_bytes`` for a unit that an `Article`'s own
    index counts from the raw file's first byte (a byte-order mark included),
    where a document counts from its text's.
    """

    name: OffsetUnit
    describe: str  # in messages: "offsets are UTF-16 code units"
    to: Callable[[OffsetIndex, int], int]
    from_: Callable[[OffsetIndex, int], int]
    span_to: Callable[[OffsetIndex, int, int], tuple[int, int]]
    code_points: bool = False
    counts_bytes: bool = False


UNITS: dict[str, Unit] = {
    u.name: u
    for u in (
        Unit("codepoint", "code points", _same, _same, _same_span, code_points=True),
        Unit(
            "utf16",
            "UTF-16 code units",
            OffsetIndex.to_utf16,
            OffsetIndex.from_utf16,
            OffsetIndex.span_to_utf16,
        ),
        Unit(
            "utf8",
            "UTF-8 bytes",
            OffsetIndex.to_utf8,
            OffsetIndex.from_utf8,
            OffsetIndex.span_to_utf8,
            counts_bytes=True,
        ),
    )
}
#: The unit names, in the order of `UNITS`.
UNIT_NAMES: tuple[OffsetUnit, ...] = get_args(OffsetUnit)
if tuple(UNITS) != UNIT_NAMES:  # pragma: no cover - a unit added to one and not the other
    raise AssertionError(f"OffsetUnit {UNIT_NAMES} and UNITS {tuple(UNITS)} disagree")


def unit(name: object) -> Unit:
    """Return the unit called ``name``; raise `ValueError` naming the choices otherwise."""
    found = UNITS.get(name) if isinstance(name, str) else None
    if found is None:
        raise ValueError(f"offsets must be one of {', '.join(map(repr, UNITS))}, got {name!r}")
    return found
