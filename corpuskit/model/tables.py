"""Compact tables for corpora of millions of articles: strings, an id index, a seen-set.

A Python ``str`` costs about 50 bytes before its first character, a ``dict``
entry some 40 more and an ``int`` 28, so a folder listing or a JSON Lines index
held as ordinary objects costs a few hundred bytes an article.  These tables
hold the same facts in flat buffers: strings as UTF-8 in one ``bytearray``,
numbers in ``array`` columns, and the index from an id to its position as an
open-addressing hash table of positions; the strings are decoded again when
asked for.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Callable, Iterator

__all__ = ["FingerprintSet", "IdIndex", "StringTable"]

_INT32_MAX = (1 << 31) - 1
_LOW32 = 0xFFFFFFFF
_PERTURB_SHIFT = 5


class StringTable:
    """A list of strings that only grows, held as UTF-8 in one buffer.

    Each string costs its UTF-8 bytes and eight bytes for where it ends.  Any
    ``str`` round-trips, lone surrogates (from undecodable file names) included.
    """

    __slots__ = ("_data", "_ends")

    def __init__(self) -> None:
        self._data = bytearray()
        self._ends = array("q")

    def append(self, value: str) -> None:
        """Add ``value`` at the end."""
        self._data += value.encode("utf-8", "surrogatepass")
        self._ends.append(len(self._data))

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, i: int) -> str:
        ends = self._ends
        start = ends[i - 1] if i > 0 else 0
        return self._data[start : ends[i]].decode("utf-8", "surrogatepass")

    def __iter__(self) -> Iterator[str]:
        data = self._data
        start = 0
        for end in self._ends:
            yield data[start:end].decode("utf-8", "surrogatepass")
            start = end


def _slots(capacity: int, largest: int) -> array[int]:
    """Return ``capacity`` empty slots: 4 bytes each while positions fit, else 8."""
    return _zeros("i" if largest < _INT32_MAX else "q", capacity)


def _zeros(code: str, n: int) -> array[int]:
    """Return an array of ``n`` zeros, allocated to size (no room to grow)."""
    return array(code, [0]) * n


class IdIndex:
    """Positions ``0, 1, 2, …`` found by their id: a hash table of positions, no strings.

    The ids themselves live elsewhere (a `StringTable`, file names); ``key``
    returns the id at a position.  A slot holds a position plus one (``0`` is
    empty), and the table is kept at most two thirds full; beside it, the low
    32 bits of each position's hash spare decoding an id to tell it from
    another, and hashing every id again when the table grows.  Each id costs
    10 to 16 bytes here.  The first position added for an id is the one found.
    The ids in sorted order, for suggesting near spellings, are an array of
    positions sorted by id, made on first use.
    """

    __slots__ = ("_count", "_hashes", "_key", "_slots", "_sorted")

    def __init__(self, key: Callable[[int], str], expected: int = 0) -> None:
        self._key = key
        self._count = 0
        capacity = 8
        while capacity * 2 < expected * 3:
            capacity *= 2
        self._slots = _slots(capacity, expected)
        self._hashes = array("I")  # by position
        self._sorted: array[int] | None = None

    def __len__(self) -> int:
        return self._count

    def _probe(self, article_id: str, h: int) -> tuple[int, int]:
        """Return ``(slot, position)``: where ``article_id`` is, or the free slot for it."""
        slots = self._slots
        hashes = self._hashes
        key = self._key
        mask = len(slots) - 1
        perturb = h
        i = h & mask
        while True:
            held = slots[i]
            if held == 0:
                return i, -1
            if hashes[held - 1] == h and key(held - 1) == article_id:
                return i, held - 1
            perturb >>= _PERTURB_SHIFT
            i = (i * 5 + perturb + 1) & mask

    def find(self, article_id: str) -> int | None:
        """Return the first position added with ``article_id``, or None."""
        position = self._probe(article_id, hash(article_id) & _LOW32)[1]
        return None if position < 0 else position

    def add(self, article_id: str, position: int) -> int | None:
        """Add ``position`` under ``article_id`` unless the id is there; return the earlier one.

        Returns None when the id was new (and is now found at ``position``).
        Positions come in order: each is the one after the last given, or
        that same one again when the last was not new (and not kept).
        """
        if (self._count + 1) * 3 > len(self._slots) * 2 or (
            position + 1 >= _INT32_MAX and self._slots.typecode == "i"
        ):
            self._grow(position + 1)
        h = hash(article_id) & _LOW32
        hashes = self._hashes
        if position == len(hashes):
            hashes.append(h)
        else:
            hashes[position] = h
        slot, earlier = self._probe(article_id, h)
        if earlier >= 0:
            return earlier
        self._slots[slot] = position + 1
        self._count += 1
        self._sorted = None
        return None

    def _grow(self, largest: int) -> None:
        """Double the table (with room for positions up to ``largest``) and place all again."""
        old = self._slots
        slots = self._slots = _slots(len(old) * 2, largest)
        hashes = self._hashes
        mask = len(slots) - 1
        for held in old:
            if not held:
                continue
            perturb = hashes[held - 1]
            i = perturb & mask
            while slots[i]:
                perturb >>= _PERTURB_SHIFT
                i = (i * 5 + perturb + 1) & mask
            slots[i] = held

    def near(self, article_id: str, before: int, after: int) -> tuple[list[str], int]:
        """Return the ids that sort around ``article_id``, and where it would stand among them.

        The list holds up to ``before`` ids that sort before ``article_id`` and
        ``after`` from where it would be inserted on.
        """
        order = self._sorted
        if order is None:
            positions = [p - 1 for p in self._slots if p]
            positions.sort(key=self._key)
            order = self._sorted = array(self._slots.typecode, positions)
        key = self._key
        at = bisect.bisect_left(order, article_id, key=key)
        start = max(0, at - before)
        return [key(p) for p in order[start : at + after]], at - start


class FingerprintSet:
    """The 64-bit hashes of the strings seen so far, in an open-addressing table.

    Tells for certain that a string was *not* seen before; a hit means it was,
    or that another string shares its hash (among a million strings, the odds
    that any two do are about one in 40 million), which the caller settles by
    other means.  Each string costs 12 to 24
    bytes, whatever its length.
    """

    __slots__ = ("_count", "_slots")

    def __init__(self) -> None:
        self._slots = _zeros("q", 8)
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def add(self, value: str) -> bool:
        """Note ``value``; return False when its hash was seen before (True when new)."""
        if (self._count + 1) * 3 > len(self._slots) * 2:
            old = self._slots
            self._slots = _zeros("q", 2 * len(old))
            self._count = 0
            for h in old:
                if h:
                    self._put(h)
        return self._put(hash(value) or 1)

    def _put(self, h: int) -> bool:
        slots = self._slots
        mask = len(slots) - 1
        perturb = h & 0xFFFFFFFFFFFFFFFF
        i = h & mask
        while True:
            held = slots[i]
            if held == 0:
                slots[i] = h
                self._count += 1
                return True
            if held == h:
                return False
            perturb >>= _PERTURB_SHIFT
            i = (i * 5 + perturb + 1) & mask
