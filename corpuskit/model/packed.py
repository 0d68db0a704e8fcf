"""Compact storage of an article's layers: offsets in one integer array, objects made on access.

A parsed article keeps its zones, sentences, quotes, quantities and claims in
this form rather than as objects.  Every span of a layer is a slice of the
article's text, so it is stored as two integers; the text it covers is taken
from the article's text again when the object is made.  Enumerations are
stored as their position, and the few values that are not integers (decimal
values, units, hedge words, claim ids that are not the default) go to a
side table, each distinct object once.

A layer holding an object of a class the packer does not know (a subclass
made by a user, say) is kept as it was given: `Packed.of` returns `None`.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from corpuskit.model.claims import Claim, ClaimKind, ClaimParse, claim_id
from corpuskit.model.fields import model_fields
from corpuskit.model.quantities import Quantity, QuantityKind
from corpuskit.model.quotes import Attribution, Quote
from corpuskit.model.spans import Span, unchecked_maker
from corpuskit.model.zones import Boilerplate, Image, Zone, ZoneKind, ZoneParse

__all__ = [
    "PACKED_FIELDS",
    "Packed",
    "pack_claims",
    "pack_sentences",
    "pack_zones",
    "unpack_claims",
    "unpack_sentences",
    "unpack_zones",
    "zone_ranges",
]

_T = TypeVar("_T")
_ZONE_KINDS = tuple(ZoneKind)
_ZONE_CODE = {k: i for i, k in enumerate(_ZONE_KINDS)}
_QUANTITY_KINDS = tuple(QuantityKind)
_QUANTITY_CODE = {k: i for i, k in enumerate(_QUANTITY_KINDS)}
_CLAIM_KINDS = tuple(ClaimKind)
_CLAIM_CODE = {k: i for i, k in enumerate(_CLAIM_KINDS)}
_NONE = -1


def _present(value: _T | None) -> _T:
    """Return ``value``, which a layer's own row never stores as None."""
    assert value is not None
    return value


class _Unpackable(Exception):
    """Raised inside the packer for an object it does not know how to store."""


# The fields the packer writes and reads back for each class, in the class's order.  A
# field added to a model class and not to its packer stops this module at import,
# rather than an article when it is first unpacked.
PACKED_FIELDS: dict[type, tuple[str, ...]] = {
    Span: ("start", "end", "text"),
    Zone: ("start", "end", "text", "kind"),
    Boilerplate: ("start", "end", "text", "kind", "name"),
    Image: ("start", "end", "text", "alt", "caption", "credit"),
    Quote: ("start", "end", "text", "content", "balanced", "continued", "depth"),
    Attribution: ("source", "cue", "resolved"),
    Quantity: (
        "start", "end", "text", "kind", "low", "high", "unit", "hedge", "hedge_span", "counted"
    ),
    Claim: (
        "start", "end", "text", "id", "kinds", "sentences", "attribution", "quantities",
        "quote", "parts",
    ),
}  # fmt: skip
for _cls, _names in PACKED_FIELDS.items():
    if tuple(f.name for f in model_fields(_cls)) != _names:  # pragma: no cover
        raise AssertionError(f"the packer of {_cls.__name__} does not write every field")

_make_span: Callable[..., Span] = unchecked_maker(Span)
_make_zone: Callable[..., Zone] = unchecked_maker(Zone)
_make_boilerplate: Callable[..., Boilerplate] = unchecked_maker(Boilerplate)
_make_image: Callable[..., Image] = unchecked_maker(Image)
_make_quote: Callable[..., Quote] = unchecked_maker(Quote)
_make_attribution: Callable[..., Attribution] = unchecked_maker(Attribution)
_make_quantity: Callable[..., Quantity] = unchecked_maker(Quantity)
_make_claim: Callable[..., Claim] = unchecked_maker(Claim)


class Packed:
    """One layer group in compact form: an integer array and a side table of other values."""

    __slots__ = ("count", "ints", "objects")

    def __init__(self, ints: array[int], objects: tuple[Any, ...], count: int) -> None:
        self.ints = ints
        self.objects = objects
        self.count = count

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Packed):
            return NotImplemented
        return (
            self.count == other.count and self.ints == other.ints and self.objects == other.objects
        )

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (Packed, (self.ints, self.objects, self.count))

    @classmethod
    def of(cls, pack: Callable[[_Writer, _T], None], value: _T, count: int) -> Packed | None:
        """Pack ``value`` with ``pack``; ``None`` when it holds an object of an unknown class."""
        writer = _Writer()
        try:
            pack(writer, value)
            return writer.finish(count)
        except _Unpackable:
            return None


class _Writer:
    __slots__ = ("_ids", "ints", "objects")

    def __init__(self) -> None:
        self.ints: list[int] = []
        self.objects: list[Any] = []
        self._ids: dict[int, int] = {}  # id() of a side-table object → its place

    def ref(self, value: object) -> int:
        """Return the place of ``value`` in the side table (``-1`` for None)."""
        if value is None:
            return _NONE
        at = self._ids.get(id(value))
        if at is None:
            at = self._ids[id(value)] = len(self.objects)
            self.objects.append(value)
        return at

    def finish(self, count: int) -> Packed:
        ints = self.ints
        try:
            packed = array("i", ints)
        except OverflowError:  # offsets past 2**31: a text of more than 2 G code points
            try:
                packed = array("q", ints)
            except OverflowError:  # a number past 64 bits (a loaded depth): kept unpacked
                raise _Unpackable from None
        return Packed(packed, tuple(self.objects), count)


def _span(out: list[int], span: Span | None) -> None:
    if span is None:
        out += (_NONE, _NONE)
    elif span.__class__ is Span:
        out += (span.start, span.end)
    else:
        raise _Unpackable


def _kind_code(table: dict[Any, int], kind: object) -> int:
    code = table.get(kind)
    if code is None:
        raise _Unpackable
    return code


class _Reader:
    """Reads a packed layer group back, front to back."""

    __slots__ = ("at", "ints", "objects", "shared", "text")

    def __init__(self, text: str, packed: Packed) -> None:
        self.text = text
        self.ints = packed.ints
        self.objects = packed.objects
        self.at = 0
        self.shared: dict[tuple[int, int], Span] = {}

    def take(self, n: int) -> Sequence[int]:
        at = self.at
        self.at = at + n
        return self.ints[at : at + n]

    def span(self) -> Span | None:
        at = self.at
        self.at = at + 2
        start = self.ints[at]
        if start == _NONE:
            return None
        end = self.ints[at + 1]
        return _make_span(start, end, self.text[start:end])

    def shared_span(self) -> Span:
        """Read a span that many objects hold (a claim's sentences) as one object.

        A parse hands every claim of a sentence the same sentence object; made
        again per claim, a long sentence would be copied once per claim.
        """
        at = self.at
        self.at = at + 2
        key = (self.ints[at], self.ints[at + 1])
        found = self.shared.get(key)
        if found is None:
            start, end = key
            found = self.shared[key] = _make_span(start, end, self.text[start:end])
        return found

    def obj(self, ref: int) -> Any:
        return None if ref == _NONE else self.objects[ref]


# -- zones and images ------------------------------------------------------------------


def _pack_zone(out: list[int], zone: Zone | None) -> None:
    if zone is None:
        out += (_NONE, _NONE, _NONE, _NONE, _NONE, _NONE)
        return
    cls = zone.__class__
    if cls is Zone:
        out += (zone.start, zone.end, _kind_code(_ZONE_CODE, zone.kind), 0, _NONE, _NONE)
    elif cls is Boilerplate:
        assert isinstance(zone, Boilerplate)
        out += (zone.start, zone.end, _kind_code(_ZONE_CODE, zone.kind), 1)
        _span(out, zone.name)
    else:
        raise _Unpackable


def _unpack_zone(r: _Reader) -> Zone | None:
    start, end, kind, cls, name_start, name_end = r.take(6)
    if start == _NONE:
        return None
    text = r.text
    if cls == 0:
        return _make_zone(start, end, text[start:end], _ZONE_KINDS[kind])
    name = (
        None if name_start == _NONE else _make_span(name_start, name_end, text[name_start:name_end])
    )
    return _make_boilerplate(start, end, text[start:end], _ZONE_KINDS[kind], name)


def _pack_zone_parse(w: _Writer, value: ZoneParse) -> None:
    out = w.ints
    out.append(len(value.zones))
    for zone in value.zones:
        _pack_zone(out, zone)
    for image in value.images:
        if image.__class__ is not Image:
            raise _Unpackable
        out += (image.start, image.end)
        _pack_zone(out, image.alt)
        _pack_zone(out, image.caption)
        _pack_zone(out, image.credit)


def pack_zones(value: ZoneParse) -> Packed | None:
    """Pack the zones and images of an article."""
    return Packed.of(_pack_zone_parse, value, len(value.images))


def zone_ranges(packed: Packed, kinds: frozenset[ZoneKind]) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each packed zone of one of ``kinds``, making no objects."""
    ints = packed.ints
    codes = {_ZONE_CODE[k] for k in kinds}
    return [
        (ints[at], ints[at + 1]) for at in range(1, 1 + 6 * ints[0], 6) if ints[at + 2] in codes
    ]


def unpack_zones(text: str, packed: Packed) -> ZoneParse:
    """Make the zones and images of a packed `ZoneParse` over ``text``."""
    r = _Reader(text, packed)
    (n,) = r.take(1)
    zones = tuple(_present(_unpack_zone(r)) for _ in range(n))
    images = []
    for _ in range(packed.count):
        start, end = r.take(2)
        alt, caption, credit = _unpack_zone(r), _unpack_zone(r), _unpack_zone(r)
        images.append(_make_image(start, end, text[start:end], alt, caption, credit))
    return ZoneParse(zones, tuple(images))


# -- sentences -------------------------------------------------------------------------------


def _pack_spans(w: _Writer, spans: tuple[Span, ...]) -> None:
    out = w.ints
    for span in spans:
        if span.__class__ is not Span:
            raise _Unpackable
        out += (span.start, span.end)


def pack_sentences(spans: tuple[Span, ...]) -> Packed | None:
    """Pack a tuple of plain spans."""
    return Packed.of(_pack_spans, spans, len(spans))


def unpack_sentences(text: str, packed: Packed) -> tuple[Span, ...]:
    """Make the spans of a packed tuple of spans over ``text``."""
    ints = packed.ints
    make = _make_span
    return tuple(make(s, e, text[s:e]) for s, e in zip(ints[0::2], ints[1::2], strict=True))


# -- quotes, quantities and claims --------------------------------------------------------------


def _pack_quote(out: list[int], quote: Quote | None) -> None:
    if quote is None:
        out += (_NONE, _NONE, _NONE, _NONE, 0, 0, 0)
        return
    if quote.__class__ is not Quote:
        raise _Unpackable
    out += (quote.start, quote.end)
    _span(out, quote.content)
    out += (int(quote.balanced), int(quote.continued), quote.depth)


def _unpack_quote(r: _Reader) -> Quote | None:
    start, end, cs, ce, balanced, continued, depth = r.take(7)
    if start == _NONE:
        return None
    text = r.text
    content = _make_span(cs, ce, text[cs:ce])
    return _make_quote(start, end, text[start:end], content, bool(balanced), bool(continued), depth)


def _pack_quantity(w: _Writer, q: Quantity) -> None:
    if q.__class__ is not Quantity:
        raise _Unpackable
    out = w.ints
    out += (q.start, q.end, _kind_code(_QUANTITY_CODE, q.kind))
    out += (w.ref(q.low), w.ref(q.high), w.ref(q.unit), w.ref(q.hedge))
    _span(out, q.hedge_span)
    _span(out, q.counted)


def _unpack_quantity(r: _Reader) -> Quantity:
    start, end, kind, low, high, unit, hedge = r.take(7)
    hedge_span, counted = r.span(), r.span()
    obj = r.obj
    return _make_quantity(
        start,
        end,
        r.text[start:end],
        _QUANTITY_KINDS[kind],
        obj(low),
        obj(high),
        obj(unit),
        obj(hedge),
        hedge_span,
        counted,
    )


_INLINE = -2  # a claim's quote or quantity that is not in the article's own layer


class _Places(Generic[_T]):
    """The place of each item of a layer: by identity (parsed), else by value (loaded)."""

    __slots__ = ("_by_id", "_by_value", "_items")

    def __init__(self, items: tuple[_T, ...]) -> None:
        self._items = items
        self._by_id = {id(x): i for i, x in enumerate(items)}
        self._by_value: dict[_T, int] | None = None

    def get(self, item: _T) -> int | None:
        at = self._by_id.get(id(item))
        if at is None:
            if self._by_value is None:
                self._by_value = {x: i for i, x in reversed(list(enumerate(self._items)))}
            at = self._by_value.get(item)
        return at


def _pack_claim(
    w: _Writer,
    claim: Claim,
    article_id: str,
    quotes: _Places[Quote],
    quantities: _Places[Quantity],
) -> None:
    if claim.__class__ is not Claim:
        raise _Unpackable
    out = w.ints
    own_id = claim.id == claim_id(article_id, claim.start, claim.end)
    out += (claim.start, claim.end, _NONE if own_id else w.ref(claim.id), len(claim.kinds))
    out += (_kind_code(_CLAIM_CODE, k) for k in claim.kinds)
    out.append(len(claim.sentences))
    for sentence in claim.sentences:
        _span(out, sentence)
    a = claim.attribution
    if a is None:
        out.append(0)
    elif a.__class__ is Attribution:
        out.append(1)
        _span(out, a.source)
        _span(out, a.cue)
        _span(out, a.resolved)
    else:
        raise _Unpackable
    # A claim's quantities and quote are those of the article's own layers (the same
    # objects when parsed, equal ones when loaded): stored as their place there.
    out.append(len(claim.quantities))
    for q in claim.quantities:
        at = quantities.get(q)
        if at is None:
            out.append(_INLINE)
            _pack_quantity(w, q)
        else:
            out.append(at)
    quote = claim.quote
    at = _NONE if quote is None else quotes.get(quote)
    if at is None:
        out.append(_INLINE)
        _pack_quote(out, quote)
    else:
        out.append(at)
    out.append(len(claim.parts))
    for part in claim.parts:
        _span(out, part)


def _claim_quantity(r: _Reader, quantities: tuple[Quantity, ...]) -> Quantity:
    (at,) = r.take(1)
    return _unpack_quantity(r) if at == _INLINE else quantities[at]


def _unpack_claim(
    r: _Reader, article_id: str, quotes: tuple[Quote, ...], quantities: tuple[Quantity, ...]
) -> Claim:
    start, end, own, n_kinds = r.take(4)
    kinds = tuple(_CLAIM_KINDS[k] for k in r.take(n_kinds))
    (n,) = r.take(1)
    sentences = tuple(r.shared_span() for _ in range(n))
    (has_attribution,) = r.take(1)
    attribution = _make_attribution(r.span(), r.span(), r.span()) if has_attribution else None
    (n,) = r.take(1)
    mine = tuple(_claim_quantity(r, quantities) for _ in range(n))
    (at,) = r.take(1)
    quote = _unpack_quote(r) if at == _INLINE else None if at == _NONE else quotes[at]
    (n,) = r.take(1)
    parts = tuple(r.span() for _ in range(n))
    return _make_claim(
        start,
        end,
        r.text[start:end],
        claim_id(article_id, start, end) if own == _NONE else r.obj(own),
        kinds,
        sentences,
        attribution,
        mine,
        quote,
        parts,
    )


def _claim_packer(article_id: str) -> Callable[[_Writer, ClaimParse], None]:
    def pack(w: _Writer, value: ClaimParse) -> None:
        out = w.ints
        out += (len(value.quotes), len(value.quantities))
        for quote in value.quotes:
            _pack_quote(out, quote)
        for q in value.quantities:
            _pack_quantity(w, q)
        quotes = _Places(value.quotes)
        quantities = _Places(value.quantities)
        for claim in value.claims:
            _pack_claim(w, claim, article_id, quotes, quantities)

    return pack


def pack_claims(article_id: str, value: ClaimParse) -> Packed | None:
    """Pack the quotes, quantities and claims of an article."""
    return Packed.of(_claim_packer(article_id), value, len(value.claims))


def unpack_claims(article_id: str, text: str, packed: Packed) -> ClaimParse:
    """Make the quotes, quantities and claims of a packed `ClaimParse` over ``text``."""
    r = _Reader(text, packed)
    n_quotes, n_quantities = r.take(2)
    quotes = tuple(_present(_unpack_quote(r)) for _ in range(n_quotes))
    quantities = tuple(_unpack_quantity(r) for _ in range(n_quantities))
    claims = tuple(_unpack_claim(r, article_id, quotes, quantities) for _ in range(packed.count))
    return ClaimParse(quotes, quantities, claims)
