"""JSON documents as the tests see them: where the spans are, what a document means, version 4.

A version 5 document writes a span that is only a span (a sentence, a quote's
content, a source...) as the pair ``[start, end]``, and an item with fields of
its own (a zone, a quote, a claim...) with ``start`` and ``end`` keys; it leaves
out every field at its default and refers to items of other layers by index.
These helpers know the format from its documentation (``docs/json.md``), not
from ``corpuskit.io.json``, so that the tests check the library against it:

- `span_paths` finds every span of a document, pairs and objects (an array of
  two indices looks like a pair: the field names tell them apart);
- `canonical` gives what a document means, every default filled in and every
  span text and digest left out, for comparing documents written differently;
- `with_texts` gives every span its text, as documents migrated from version 4
  carry them, with the digests null (the layers are no longer as written);
- `version_4` writes a document as version 4 did, undoing the migration.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any, Literal

from corpuskit import ZoneKind

Unit = Literal["codepoint", "utf16", "utf8"]
UNITS: tuple[Unit, ...] = ("codepoint", "utf16", "utf8")
LAYERS = ("zones", "images", "sentences", "quotes", "quantities", "claims")
Key = str | int
JsonPath = tuple[Key, ...]

#: Fields whose value is a span written as a pair, and arrays of such pairs.
PAIR_FIELDS = frozenset({"name", "content", "source", "cue", "resolved", "hedge_span", "counted"})
PAIR_ARRAYS = frozenset({"parts"})
#: Each kind of object's fields that a document leaves out at their default
#: (`canonical` derives a claim's id and a quantity's high apart from these).
DEFAULTS: dict[str, dict[str, Any]] = {
    "boilerplate": {"name": None},
    "images": {"alt": None, "caption": None, "credit": None},
    "quotes": {"balanced": True, "continued": False, "depth": 0},
    "quantities": {"unit": None, "hedge": None, "hedge_span": None, "counted": None},
    "claims": {"sentences": [], "attribution": None, "quantities": [], "quote": None, "parts": []},
    "attribution": {"source": None, "cue": None, "resolved": None},
}
BOILERPLATE_KINDS = frozenset(k.value for k in ZoneKind if k.is_boilerplate)


def walk(node: object, path: JsonPath = ()) -> Iterator[tuple[JsonPath, object]]:
    """Yield ``(path, value)`` for ``node`` and everything inside it, parents first."""
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from walk(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk(value, (*path, i))


def render(path: JsonPath) -> str:
    """The JSONPath the library reports for ``path``: ``$.claims[3].attribution.source[0]``."""
    return "$" + "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in path)


def at(doc: Any, path: JsonPath) -> Any:
    for key in path:
        doc = doc[key]
    return doc


def unit_slice(text: str, unit: str, start: int, end: int) -> str:
    """Slice ``text`` as a program in that unit would: JavaScript, Rust, Python."""
    if unit == "utf16":
        return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")
    if unit == "utf8":
        return text.encode("utf-8")[start:end].decode("utf-8")
    return text[start:end]


def in_units(text: str, unit: str, offset: int) -> int:
    """A code-point offset of ``text`` counted in ``unit``, computed independently."""
    if unit == "utf16":
        return len(text[:offset].encode("utf-16-le")) // 2
    if unit == "utf8":
        return len(text[:offset].encode("utf-8"))
    return offset


def code_points(text: str, unit: str, offset: int) -> int:
    """An offset of ``text`` in ``unit`` counted in code points (the inverse of `in_units`)."""
    return len(unit_slice(text, unit, 0, offset))


def span_paths(doc: dict[str, Any]) -> list[JsonPath]:
    """The path of every span in a document's layers: items, pairs, parts, parents first."""
    paths: list[JsonPath] = []
    for layer in LAYERS:
        for i, item in enumerate(doc[layer]):
            paths.append((layer, i))
            if isinstance(item, dict):
                _inner_spans(item, (layer, i), paths)
    return paths


def _inner_spans(obj: dict[str, Any], path: JsonPath, paths: list[JsonPath]) -> None:
    for key, value in obj.items():
        if value is None:
            continue
        if key in PAIR_FIELDS:
            paths.append((*path, key))
        elif key in PAIR_ARRAYS:
            paths.extend((*path, key, j) for j in range(len(value)))
        elif key == "attribution":
            _inner_spans(value, (*path, key), paths)


def bounds(span: Any) -> tuple[int, int]:
    """The offsets of a span: a pair (maybe with its text) or an object."""
    if isinstance(span, list):
        return span[0], span[1]
    return span["start"], span["end"]


def null_digests(doc: dict[str, Any], *layers: str) -> dict[str, Any]:
    """Null the digests of ``layers`` (all when none is named), as a program editing them does."""
    for layer in layers or LAYERS:
        doc["digests"][layer] = None
    return doc


def with_texts(doc: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``doc`` in which every span carries its text, every digest null."""
    doc = copy.deepcopy(doc)
    for path in span_paths(doc):
        span = at(doc, path)
        piece = unit_slice(doc["text"], doc["offsets"], *bounds(span))
        if isinstance(span, list):
            span.append(piece)
        else:
            span["text"] = piece
    return null_digests(doc)


def canonical(doc: dict[str, Any]) -> dict[str, Any]:
    """What a (version 5) document says: defaults filled in, span texts and digests left out.

    Two documents with the same meaning have the same canonical form, however
    they were written: with fields at their default or without, with span texts
    or without.
    """
    doc = copy.deepcopy(doc)
    doc.pop("digests", None)
    text, unit = doc["text"], doc["offsets"]
    for path in span_paths(doc):
        span = at(doc, path)
        if isinstance(span, list):
            del span[2:]
        else:
            span.pop("text", None)
    for zone in doc["zones"]:
        if zone["kind"] in BOILERPLATE_KINDS:
            zone.setdefault("name", None)
    for layer in ("images", "quotes", "quantities", "claims"):
        for item in doc[layer]:
            for key, default in DEFAULTS[layer].items():
                item.setdefault(key, copy.deepcopy(default))
    for quantity in doc["quantities"]:
        quantity.setdefault("high", quantity["low"])
    for claim in doc["claims"]:
        start, end = (code_points(text, unit, offset) for offset in bounds(claim))
        claim.setdefault("id", f"{doc['id']}:{start}-{end}")
        if claim["attribution"] is not None:
            for key, default in DEFAULTS["attribution"].items():
                claim["attribution"].setdefault(key, default)
    return doc


def version_4(doc: dict[str, Any]) -> dict[str, Any]:
    """The document as corpuskit wrote version 4: every field, spans as objects with
    their text, items of other layers repeated in full where they are referred to,
    no digests."""
    doc = canonical(doc)
    text, unit = doc["text"], doc["offsets"]

    def span(pair: Any) -> Any:
        if pair is None:
            return None
        start, end = bounds(pair)
        return {"start": start, "end": end, "text": unit_slice(text, unit, start, end)}

    def item(value: dict[str, Any], **fields: Any) -> dict[str, Any]:
        return {**span(value), **fields}

    zones = []
    for zone in doc["zones"]:
        name = {"name": span(zone["name"])} if zone["kind"] in BOILERPLATE_KINDS else {}
        zones.append(item(zone, kind=zone["kind"], **name))
    sentences = [span(sentence) for sentence in doc["sentences"]]
    images = [
        item(image, **{part: _copy_of(zones, image[part]) for part in ("alt", "caption", "credit")})
        for image in doc["images"]
    ]
    quotes = [
        item(
            quote,
            content=span(quote["content"]),
            balanced=quote["balanced"],
            continued=quote["continued"],
            depth=quote["depth"],
        )
        for quote in doc["quotes"]
    ]
    quantities = [
        item(
            quantity,
            kind=quantity["kind"],
            low=quantity["low"],
            high=quantity["high"],
            unit=quantity["unit"],
            hedge=quantity["hedge"],
            hedge_span=span(quantity["hedge_span"]),
            counted=span(quantity["counted"]),
        )
        for quantity in doc["quantities"]
    ]
    claims = []
    for claim in doc["claims"]:
        attribution = claim["attribution"]
        claims.append(
            item(
                claim,
                id=claim["id"],
                kinds=claim["kinds"],
                sentences=[copy.deepcopy(sentences[i]) for i in claim["sentences"]],
                attribution=None
                if attribution is None
                else {key: span(attribution[key]) for key in ("source", "cue", "resolved")},
                quantities=[copy.deepcopy(quantities[i]) for i in claim["quantities"]],
                quote=_copy_of(quotes, claim["quote"]),
                parts=[span(part) for part in claim["parts"]],
            )
        )
    header = ("schema_version", "id", "ordinal", "source", "bom", "sha256", "offsets", "text")
    return {
        **{key: doc[key] for key in header},
        "schema_version": 4,
        "zones": zones,
        "images": images,
        "sentences": sentences,
        "quotes": quotes,
        "quantities": quantities,
        "claims": claims,
        "normalized": doc["normalized"],
    }


def _copy_of(items: list[Any], index: int | None) -> Any:
    return None if index is None else copy.deepcopy(items[index])
