"""The layers of an article, defined once: what each holds and how a group of them is kept.

An article has six layers (zones, images, sentences, quotes, quantities and
claims), computed in three groups, one per stage that makes them: the zones
stage makes zones and images, the sentence splitter sentences, the claims stage
quotes, quantities and claims.  `LAYERS` says what class each layer's objects
are and which group it belongs to; `GROUPS` how a group's layers join into
the value a stage returns and split from it, and how that value is packed
(see `corpuskit.model.packed`).  `Article`, the JSON converter and schema, and
the Parquet writer read these tables: a new layer is one entry in each, the
stage that makes it, and its tests.

>>> [layer.name for layer in LAYERS]
['zones', 'images', 'sentences', 'quotes', 'quantities', 'claims']
>>> GROUPS["claims"].layers
('quotes', 'quantities', 'claims')
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from corpuskit.model.claims import Claim, ClaimParse
from corpuskit.model.packed import (
    Packed,
    pack_claims,
    pack_sentences,
    pack_zones,
    unpack_claims,
    unpack_sentences,
    unpack_zones,
)
from corpuskit.model.quantities import Quantity
from corpuskit.model.quotes import Quote
from corpuskit.model.spans import Span
from corpuskit.model.zones import Image, Zone, ZoneParse

__all__ = ["GROUPS", "LAYERS", "LAYER_NAMES", "Group", "Layer", "Layers"]

_G = TypeVar("_G")


@attrs.frozen
class Layer:
    """One layer: its name (in documents, tables, on `Article`), its objects' class, its group."""

    name: str
    item: type[Span]
    group: str


@attrs.frozen
class Group:
    """Layers computed, packed and kept together, as one stage makes them.

    ``join`` makes the stage's value from the layers (in ``layers`` order) and
    ``split`` gives them back; ``pack`` packs the value for an article id
    (``None`` when it holds an object the packer does not know) and ``unpack``
    makes it again from the packed form and the text.
    """

    name: str
    layers: tuple[str, ...]
    join: Callable[..., Any]
    split: Callable[[Any], tuple[tuple[Any, ...], ...]]
    pack: Callable[[str, Any], Packed | None]
    unpack: Callable[[str, str, Packed], Any]


LAYERS: tuple[Layer, ...] = (
    Layer("zones", Zone, "zones"),
    Layer("images", Image, "zones"),
    Layer("sentences", Span, "sentences"),
    Layer("quotes", Quote, "claims"),
    Layer("quantities", Quantity, "claims"),
    Layer("claims", Claim, "claims"),
)
#: The layer names, in pipeline order: the order of a JSON document's layers.
LAYER_NAMES: tuple[str, ...] = tuple(layer.name for layer in LAYERS)


def _one(value: tuple[Any, ...]) -> tuple[Any, ...]:
    return value


GROUPS: dict[str, Group] = {
    g.name: g
    for g in (
        Group(
            "zones",
            ("zones", "images"),
            ZoneParse,
            lambda parse: (parse.zones, parse.images),
            lambda _id, parse: pack_zones(parse),
            lambda _id, text, packed: unpack_zones(text, packed),
        ),
        Group(
            "sentences",
            ("sentences",),
            _one,
            lambda sentences: (sentences,),
            lambda _id, sentences: pack_sentences(sentences),
            lambda _id, text, packed: unpack_sentences(text, packed),
        ),
        Group(
            "claims",
            ("quotes", "quantities", "claims"),
            ClaimParse,
            lambda parse: (parse.quotes, parse.quantities, parse.claims),
            pack_claims,
            unpack_claims,
        ),
    )
}
if tuple(n for g in GROUPS.values() for n in g.layers) != LAYER_NAMES or any(
    layer.name not in GROUPS[layer.group].layers for layer in LAYERS
):  # pragma: no cover - a layer added to one table and not the other
    raise AssertionError("LAYERS and GROUPS disagree")


class Layers:
    """The annotation layers an article was given rather than computed.

    Articles loaded from JSON carry every layer as the document held it, built
    into objects when first asked for; `Article.with_claims` gives the claims
    alone.  A layer that is ``None`` is computed from the text as usual.

    Once an article has packed a group of given layers (see `group`), the
    group is kept here, shared by every article holding these layers, and the
    layers it was made from are dropped.
    """

    __slots__ = ("_build", "_groups", "_lock", "_raw", "_values", "names")

    def __init__(self, **values: tuple[Any, ...]) -> None:
        unknown = values.keys() - set(LAYER_NAMES)
        if unknown:
            raise TypeError(f"unknown layers: {sorted(unknown)}")
        self._values: dict[str, tuple[Any, ...]] = dict(values)
        self._raw: dict[str, list[Any]] = {}
        self._build: Callable[[str, list[Any]], tuple[Any, ...]] | None = None
        self._groups: dict[tuple[str, ...], Any] = {}
        self._lock = threading.Lock()
        #: The names of the layers given, in `LAYER_NAMES` order.
        self.names = tuple(n for n in LAYER_NAMES if n in values)

    @classmethod
    def deferred(
        cls, raw: dict[str, list[Any]], build: Callable[[str, list[Any]], tuple[Any, ...]]
    ) -> Layers:
        """Layers held as checked plain data, each built by ``build`` on first access."""
        layers = cls()
        layers._raw = raw
        layers._build = build
        layers.names = tuple(n for n in LAYER_NAMES if n in raw)
        return layers

    def get(self, name: str) -> tuple[Any, ...] | None:
        """Return the layer ``name`` as objects, or ``None`` when it was not given.

        A layer already made into a group is ``None`` here: ask the article.
        """
        with self._lock:
            return self._get(name)

    def _get(self, name: str) -> tuple[Any, ...] | None:
        value = self._values.get(name)
        if value is None and name in self._raw and self._build is not None:
            value = self._values[name] = self._build(name, self._raw.pop(name))
        return value

    def group(self, names: tuple[str, ...], make: Callable[..., _G]) -> _G | None:
        """Return ``make(*layers)`` for the layers ``names``, made once and kept.

        Returns ``None`` unless every one of them was given.
        """
        with self._lock:
            found: _G | None = self._groups.get(names)
            if found is None:
                values = [self._get(n) for n in names]
                if any(v is None for v in values):
                    return None
                found = self._groups[names] = make(*values)
                for n in names:
                    del self._values[n]
            return found
