"""JSON documents: one private cattrs converter between articles and plain data.

The model classes know nothing of JSON; this module holds the only converter.
Writing unstructures an article's layers into dicts (spans in the unit asked
for) and dumps them with orjson; loading parses with orjson, checks the
header (``schema_version``, the text's checksum), structures every layer with
the converter under a context that converts offsets back to code points and
checks each span against the text, then checks what the model requires across
spans (order, nesting, unique claim ids).  Every problem is reported with the
JSON path of the value at fault; see ``docs/json.md`` for the format.
"""

from __future__ import annotations

import contextvars
import decimal
import enum
import math
import re
import types
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, Protocol, TypeVar, get_args, get_origin

import attrs
import orjson
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn
from cattrs.preconf.orjson import make_converter

from corpuskit.align.normalize import Normalized, NormalizeStep, normalize
from corpuskit.model.claims import Claim, ClaimKind
from corpuskit.model.collection import paused
from corpuskit.model.errors import (
    InvalidArticleError,
    InvalidDocumentError,
    OffsetError,
    SchemaVersionError,
    SpanError,
    TooLargeError,
)
from corpuskit.model.fields import model_fields, optional_type
from corpuskit.model.ids import id_problem
from corpuskit.model.layers import LAYER_NAMES, LAYERS, Layers
from corpuskit.model.offsets import OffsetIndex
from corpuskit.model.quantities import Quantity, QuantityKind
from corpuskit.model.quotes import MAX_DEPTH, Attribution, Quote
from corpuskit.model.spans import Span, part_problems
from corpuskit.model.units import UNITS, OffsetUnit, unit
from corpuskit.model.zones import Boilerplate, Image, Zone, ZoneKind

if TYPE_CHECKING:
    from corpuskit.article import Article

__all__ = [
    "DECIMAL",
    "EXTRA_KEYS",
    "HEADER_KEYS",
    "INT_RANGES",
    "LAYER_KEYS",
    "LAYER_TYPES",
    "MAX_DECIMAL_DIGITS",
    "MAX_ORDINAL",
    "SCHEMA_VERSION",
    "Built",
    "OffsetUnit",
    "article_to_json",
    "check_claims",
    "document_from_dict",
    "document_from_json",
    "document_to_dict",
    "dumps_line",
    "dumps_line_counted",
]

#: The version of the document format this corpuskit writes (and the newest it reads).
SCHEMA_VERSION = 4


# Top-level keys in the order they are written: the header, the text, then the
# layers in pipeline order.  ``id`` comes early so that an index of a JSON Lines
# file can find it without parsing the whole line.
HEADER_KEYS = ("schema_version", "id", "ordinal", "source", "bom", "sha256", "offsets", "text")
LAYER_KEYS = LAYER_NAMES
# After the layers: what a document carries when asked (null otherwise).
EXTRA_KEYS = ("normalized",)
_KEYS = frozenset(HEADER_KEYS + LAYER_KEYS + EXTRA_KEYS)
# The type each layer is read and written as, from the table of layers.
LAYER_TYPES: dict[str, Any] = {
    layer.name: types.GenericAlias(tuple, (layer.item, ...)) for layer in LAYERS
}
# A decimal as documents write it (a string, never a JSON number), and its most digits.
DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
MAX_DECIMAL_DIGITS = 100


# --- the unit spans are written in, per document -------------------------------------


@attrs.frozen
class _Units:
    """How the spans of one document map to code points of its text."""

    text: str
    unit: OffsetUnit
    length: int  # the text's length in ``unit``
    index: OffsetIndex | None  # None when offsets need no conversion
    # Span objects checked and found good, by (class, start, end): a claim repeats
    # its sentences, quantities and quote, and an image its zones, so an object
    # equal to one already checked needs no second check.
    good: dict[tuple[type, int, int], dict[str, Any]] = attrs.field(factory=dict, eq=False)

    @classmethod
    def of(cls, text: str, unit: OffsetUnit) -> _Units:
        if UNITS[unit].code_points or text.isascii():
            return cls(text, unit, len(text), None)
        index = OffsetIndex(text)
        return cls(text, unit, UNITS[unit].to(index, len(text)), index)


_UNITS_NOW: contextvars.ContextVar[_Units] = contextvars.ContextVar("corpuskit_json_units")


_BOILERPLATE_VALUES = frozenset(k.value for k in ZoneKind if k.is_boilerplate)


class _FieldProblem(Exception):
    """A problem with one field of the object being structured."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


# --- the converter --------------------------------------------------------------------
#
# It structures documents the validator below has passed (so nothing here checks
# anything) and unstructures articles, in code points; `_spans_to_units` converts
# a written document's offsets to another unit afterwards.

_converter = make_converter()
_converter.register_structure_hook(decimal.Decimal, lambda value, _: decimal.Decimal(value))
# Positional notation always ("0.0000001", never "1E-7"): the format's decimals.
_converter.register_unstructure_hook(decimal.Decimal, lambda d: format(d, "f"))
for _enum in (ClaimKind, ZoneKind, QuantityKind):
    _converter.register_structure_hook(_enum, lambda value, cls: cls(value))
    _converter.register_unstructure_hook(_enum, {m: m.value for m in _enum}.__getitem__)


def _is_optional(tp: Any) -> bool:
    return optional_type(tp) is not None


def _is_homogeneous_tuple(tp: Any) -> bool:
    args = get_args(tp)
    return get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _unstructure_optional(tp: Any) -> Callable[[Any], Any]:
    inner = _converter.get_unstructure_hook(get_args(tp)[0])
    return lambda value: None if value is None else inner(value)


def _unstructure_tuple(tp: Any) -> Callable[[Any], Any]:
    inner = _converter.get_unstructure_hook(get_args(tp)[0])
    return lambda values: [inner(v) for v in values]


# Plain functions rather than cattrs' general ones: documents hold many small
# optional fields and tuples, and these are the hot path of writing.
_converter.register_unstructure_hook_factory(_is_optional, _unstructure_optional)
_converter.register_unstructure_hook_factory(_is_homogeneous_tuple, _unstructure_tuple)

_S = TypeVar("_S")


def _register(cls: type[_S]) -> None:
    _converter.register_structure_hook(cls, make_dict_structure_fn(cls, _converter))
    _converter.register_unstructure_hook(cls, make_dict_unstructure_fn(cls, _converter))


for _cls in (Span, Quote, Attribution, Quantity, Boilerplate):
    _register(_cls)
_structure_zone = make_dict_structure_fn(Zone, _converter)
_unstructure_zone = make_dict_unstructure_fn(Zone, _converter)
_unstructure_boilerplate = _converter.get_unstructure_hook(Boilerplate)
_structure_boilerplate = _converter.get_structure_hook(Boilerplate)
_converter.register_structure_hook(
    Zone,
    lambda d, _: (
        _structure_boilerplate(d, Boilerplate)
        if d["kind"] in _BOILERPLATE_VALUES
        else _structure_zone(d, Zone)
    ),
)
_converter.register_unstructure_hook(
    Zone,
    lambda zone: (
        _unstructure_boilerplate(zone) if isinstance(zone, Boilerplate) else _unstructure_zone(zone)
    ),
)


# Zones first: the hooks of the classes holding them are generated with theirs.
_register(Image)
_register(Claim)


def _spans_to_units(value: Any, convert: Callable[[int, int], tuple[int, int]]) -> None:
    """Convert, in place, the offsets of every span in a written layer."""
    if type(value) is list:
        for item in value:
            _spans_to_units(item, convert)
    elif type(value) is dict:
        if "start" in value:
            value["start"], value["end"] = convert(value["start"], value["end"])
        for item in value.values():
            if type(item) is dict or type(item) is list:
                _spans_to_units(item, convert)


# --- the validator ----------------------------------------------------------------------
#
# A document is checked as plain data before anything is built from it, by checks
# compiled once per model class from its attrs fields.  Each check takes a value,
# its JSON path and the list of problems found so far, and returns the value
# (offsets converted to code points, a missing span text filled in) or `_BAD`.

Problems = list[tuple[str, str]]
# A JSON path, built only when a problem is reported: the root's name, or the
# path of the parent and the key or index within it.
_Path = str | tuple["_Path", str | int]
_Check = Callable[[Any, "_Path", Problems], bool]
_MAX_PROBLEMS = 100


def _render(path: _Path) -> str:
    keys: list[str | int] = []
    while isinstance(path, tuple):
        path, key = path
        keys.append(key)
    return path + "".join(
        f"[{key}]" if isinstance(key, int) else f".{key}" for key in reversed(keys)
    )


def _report(problems: Problems, path: _Path, message: str) -> bool:
    problems.append((_render(path), message))
    return False


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _shown(value: object) -> str:
    return _clip(value) if isinstance(value, str) else _json_type(value)


def _check_decimal(value: Any, path: _Path, problems: Problems) -> bool:
    if type(value) is str and len(value) <= MAX_DECIMAL_DIGITS and DECIMAL.fullmatch(value):
        return True
    return _report(
        problems,
        path,
        f'expected a decimal number written as a string, such as "-12.5", got {_shown(value)}',
    )


def _enum_check(cls: type[enum.Enum]) -> _Check:
    values = frozenset(m.value for m in cls)
    allowed = ", ".join(repr(m.value) for m in cls)

    def check(value: Any, path: _Path, problems: Problems) -> bool:
        if type(value) is str and value in values:
            return True
        return _report(problems, path, f"expected one of {allowed}, got {_shown(value)}")

    return check


def _array(inner: _Check) -> _Check:
    def check(value: Any, path: _Path, problems: Problems) -> bool:
        if type(value) is not list:
            return _report(problems, path, f"expected an array, got {_json_type(value)}")
        ok = True
        for i, item in enumerate(value):
            if not inner(item, (path, i), problems):
                ok = False
                if len(problems) >= _MAX_PROBLEMS:
                    break
        return ok

    return check


# Integers, strings, booleans and optional fields are checked inline by `_object_check`.
_CHECKS: dict[Any, _Check] = {decimal.Decimal: _check_decimal}


def _check_for(tp: Any) -> _Check:
    """Return the check of values of type ``tp`` (memoised)."""
    found = _CHECKS.get(tp)
    if found is not None:
        return found
    args = get_args(tp)
    if get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
        found = _array(_check_for(args[0]))
    elif isinstance(tp, type) and issubclass(tp, enum.Enum):
        found = _enum_check(tp)
    elif tp is Zone:
        found = _zone_check()
    elif isinstance(tp, type) and attrs.has(tp):
        found = _object_check(tp)
    else:  # pragma: no cover - a model field of a type the format does not know
        raise TypeError(f"no JSON check for {tp!r}")
    _CHECKS[tp] = found
    return found


_SPAN_FIELDS = ("start", "end", "text")


def _object_check(cls: type) -> _Check:
    """Return the check of an object of attrs class ``cls`` (spans: against the text too).

    The check is generated as Python source, one statement per field with the
    common cases (integers, strings, booleans, enums, a span whose offsets and
    text are right) inline, since documents hold many small objects and
    validation runs on every load.
    """
    fields = model_fields(cls)
    is_span = issubclass(cls, Span)
    names = frozenset(f.name for f in fields)
    order = tuple(f.name for f in fields)
    what = cls.__name__.lower()
    env: dict[str, Any] = {
        "_report": _report,
        "_json_type": _json_type,
        "_key_problems": _key_problems,
        "_check_span": _check_span,
        "_UNITS_NOW": _UNITS_NOW,
        "NAMES": names,
        "SPEC": (names, names - {"text"} if is_span else names, order, what),
        "AFTER": _AFTER.get(cls),
    }
    lines = [
        "def check(value, path, problems):",
        "    if type(value) is not dict:",
        f"        return _report(problems, path, 'expected an object (a {what}), got '"
        " + _json_type(value))",
        "    if value.keys() != NAMES:",
        "        if not _key_problems(value, path, problems, SPEC):",
        "            return False",
        "    ok = True",
    ]
    if is_span:
        env["CLS"] = cls
        lines += [
            "    units = _UNITS_NOW.get()",
            "    s = value['start']",
            "    e = value['end']",
            "    if type(s) is int and type(e) is int:",
            "        seen = units.good.get((CLS, s, e))",
            "        if seen is not None and seen == value:",
            "            return True",
            "    if not (units.index is None and type(s) is int and type(e) is int",
            "            and 0 <= s <= e <= units.length",
            "            and value.get('text') == units.text[s:e]):",
            "        ok = _check_span(value, path, problems)",
        ]
    for i, field in enumerate(fields):
        name = field.name
        if is_span and name in _SPAN_FIELDS:
            continue
        tp = field.type
        guard = "v is not None and " if field.optional else ""
        lines.append(f"    v = value[{name!r}]")
        expected = _EXPECTED.get(tp)
        bounds = INT_RANGES.get((cls, name))
        if expected is not None:
            lines += [
                f"    if {guard}type(v) is not {tp.__name__}:",
                f"        ok = _report(problems, (path, {name!r}), "
                f"'expected {expected}, got ' + _json_type(v))",
            ]
            if bounds is not None:
                low, high = bounds
                lines += [
                    f"    elif {guard}not {low} <= v <= {high}:",
                    f"        ok = _report(problems, (path, {name!r}), "
                    f"'expected an integer from {low} to {high}, got ' + str(v))",
                ]
        else:
            env[f"check_{i}"] = _check_for(tp)
            lines += [
                f"    if {guard}not check_{i}(v, (path, {name!r}), problems):",
                "        ok = False",
            ]
    lines += [
        "    if ok and AFTER is not None:",
        "        ok = AFTER(value, path, problems)",
    ]
    if is_span:
        # Converted offsets no longer equal a repeat's, so only code points count.
        lines += [
            "    if ok and units.index is None:",
            "        units.good[(CLS, value['start'], value['end'])] = value",
        ]
    lines += ["    return ok"]
    # The source is made from the model's own field definitions, never from data.
    exec(compile("\n".join(lines), f"<corpuskit check {cls.__name__}>", "exec"), env)
    check: _Check = env["check"]
    return check


_EXPECTED = {int: "an integer", str: "a string", bool: "true or false"}
#: The range of each integer field beyond a span's offsets (which the text bounds).
INT_RANGES: dict[tuple[type, str], tuple[int, int]] = {(Quote, "depth"): (0, MAX_DEPTH)}
#: The largest ordinal: what 64 unsigned bits hold, as the Parquet column does.
MAX_ORDINAL = 2**64 - 1


def _key_problems(
    value: dict[str, Any],
    path: _Path,
    problems: Problems,
    spec: tuple[frozenset[str], frozenset[str], tuple[str, ...], str],
) -> bool:
    """Report unknown and missing fields; return whether there were none."""
    names, required, order, what = spec
    extra = [k for k in value if k not in names]
    missing = [k for k in order if k in required and k not in value]
    for k in extra:
        _report(problems, (path, k), f"unknown field: a {what} has the fields {', '.join(order)}")
    for k in missing:
        _report(problems, (path, k), f"required field missing from this {what}")
    return not extra and not missing


def _check_span(value: dict[str, Any], path: _Path, problems: Problems) -> bool:
    """Check a span's offsets and text against the document's text.

    Converts the offsets to code points and fills in a missing text, in place.
    """
    start = value["start"]
    end = value["end"]
    text = value.get("text", _check_span)  # any sentinel that is not JSON
    units = _UNITS_NOW.get()
    if type(start) is not int or type(end) is not int or not 0 <= start <= end <= units.length:
        return _offset_problems(start, end, units, path, problems)
    index = units.index
    if index is not None:
        convert = UNITS[units.unit].from_
        try:
            start = convert(index, start)
        except OffsetError as exc:
            return _report(problems, (path, "start"), str(exc))
        try:
            end = convert(index, end)
        except OffsetError as exc:
            return _report(problems, (path, "end"), str(exc))
        value["start"] = start
        value["end"] = end
    piece = units.text[start:end]
    if text is _check_span:
        value["text"] = piece
        return True
    if text == piece:
        return True
    if type(text) is not str:
        return _report(problems, (path, "text"), f"expected a string, got {_json_type(text)}")
    return _report(
        problems,
        (path, "text"),
        f"recorded text {_clip(text)} is not the text at [{start}, {end}) (code points), "
        f"which reads {_clip(piece)}: the text or the offsets were changed after the "
        "span was made",
    )


def _beyond_64_bits(value: Any) -> Any:
    """Return an integer too large for 64 bits, which orjson reads as a float, as an int."""
    if type(value) is float and value.is_integer() and abs(value) >= 2**63:
        return int(value)
    return value


def _offset_problems(start: Any, end: Any, units: _Units, path: _Path, problems: Problems) -> bool:
    start, end = _beyond_64_bits(start), _beyond_64_bits(end)
    for name, offset in (("start", start), ("end", end)):
        if type(offset) is not int:
            _report(problems, (path, name), f"expected an integer offset, got {_json_type(offset)}")
    if type(start) is not int or type(end) is not int:
        return False
    if start < 0:
        return _report(
            problems, (path, "start"), f"offset {start} is negative: offsets count from 0"
        )
    if start > units.length:
        return _report(
            problems,
            (path, "start"),
            f"start {start} is past the end of the text, which has {units.length} "
            f"{UNITS[units.unit].describe}",
        )
    if end < start:
        return _report(
            problems,
            (path, "end"),
            f"end {end} is before start {start}: a span is [start, end) with start <= end",
        )
    return _report(
        problems,
        (path, "end"),
        f"end {end} is past the end of the text, which has {units.length}"
        f" {UNITS[units.unit].describe}",
    )


def _is_boilerplate_kind(kind: object) -> bool:
    return type(kind) is str and kind in _BOILERPLATE_VALUES


def _zone_check() -> _Check:
    zone = _object_check(Zone)
    boilerplate = _object_check(Boilerplate)

    def check(value: Any, path: _Path, problems: Problems) -> bool:
        if type(value) is dict and _is_boilerplate_kind(value.get("kind")):
            return boilerplate(value, path, problems)
        return zone(value, path, problems)

    return check


def _inside(
    inner: dict[str, Any] | None, outer: dict[str, Any], path: _Path, what: str, problems: Problems
) -> bool:
    if inner is None or (outer["start"] <= inner["start"] and inner["end"] <= outer["end"]):
        return True
    return _report(
        problems,
        path,
        f"[{inner['start']}, {inner['end']}) does not lie inside its {what} "
        f"[{outer['start']}, {outer['end']})",
    )


def _after_boilerplate(value: dict[str, Any], path: _Path, problems: Problems) -> bool:
    return _inside(value["name"], value, (path, "name"), "zone", problems)


def _after_quote(value: dict[str, Any], path: _Path, problems: Problems) -> bool:
    return _inside(value["content"], value, (path, "content"), "quote", problems)


def _after_quantity(value: dict[str, Any], path: _Path, problems: Problems) -> bool:
    ok = True
    if decimal.Decimal(value["low"]) > decimal.Decimal(value["high"]):
        ok = _report(
            problems, (path, "low"), f"low {value['low']} is greater than high {value['high']}"
        )
    if (value["hedge"] is None) != (value["hedge_span"] is None):
        ok = _report(problems, (path, "hedge"), "hedge and hedge_span are both null or both given")
    hedge = value["hedge_span"]
    if hedge is not None and hedge["end"] > value["start"]:
        ok = _report(
            problems, (path, "hedge_span"), "the hedge must end before the quantity starts"
        )
    counted = value["counted"]
    if counted is not None and counted["start"] < value["end"]:
        ok = _report(
            problems, (path, "counted"), "the counted noun must start after the quantity ends"
        )
    return ok


def _after_image(value: dict[str, Any], path: _Path, problems: Problems) -> bool:
    ok = True
    for part, kind in (("alt", "image_alt"), ("caption", "caption"), ("credit", "credit")):
        zone = value[part]
        if zone is None:
            continue
        if zone["kind"] != kind:
            ok = _report(
                problems, ((path, part), "kind"), f"expected {kind!r}, got {zone['kind']!r}"
            )
        ok = _inside(zone, value, (path, part), "image", problems) and ok
    return ok


def _after_claim(value: dict[str, Any], path: _Path, problems: Problems) -> bool:
    ok = True
    if not value["id"]:
        ok = _report(problems, (path, "id"), "a claim id must not be empty")
    if not value["kinds"]:
        ok = _report(problems, (path, "kinds"), "a claim has at least one kind")
    quote = value["quote"]
    parts = value["parts"]
    if quote is not None and parts:
        # A quote that its attribution interrupts: the quote holds the first part.
        ok = _inside(parts[0], quote, ((path, "parts"), 0), "quote", problems) and ok
    elif quote is not None:
        ok = _inside(value, quote, path, "quote", problems) and ok
    if parts:
        pieces = [(part["start"], part["end"]) for part in parts]
        for i, field, message in part_problems(value["start"], value["end"], pieces):
            where: _Path = (path, "parts") if i is None else (((path, "parts"), i), field)
            ok = _report(problems, where, message)
    return ok


_AFTER: dict[type, Callable[[dict[str, Any], _Path, Problems], bool]] = {
    Boilerplate: _after_boilerplate,
    Quote: _after_quote,
    Quantity: _after_quantity,
    Image: _after_image,
    Claim: _after_claim,
}


def _clip(text: str, limit: int = 40) -> str:
    return repr(text) if len(text) <= limit else repr(text[:limit]) + "…"


# --- errors with JSON paths -------------------------------------------------------------


# Where a document came from: the file and the line of a JSON Lines file.
Where = tuple[str | None, int | None]
_NOWHERE: Where = (None, None)


def _fail(problems: Sequence[tuple[str, str]], where: Where) -> NoReturn:
    raise InvalidDocumentError(problems, path=where[0], line=where[1])


# --- writing -----------------------------------------------------------------------------


def document_to_dict(
    article: Article,
    layers: Mapping[str, tuple[Any, ...]],
    offsets: OffsetUnit,
    normalized: Iterable[NormalizeStep | str] | None,
) -> dict[str, Any]:
    """Return the JSON document of ``article`` as plain dicts, lists, str, int, bool, None.

    ``layers`` are the article's layers by name (`Article` makes each group of
    them once); the rest is read from the article's public attributes.
    """
    unit(offsets)  # a ValueError naming the choices
    norm = None if normalized is None else normalize(article.text, normalized)
    doc: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "id": article.id,
        "ordinal": article.ordinal,
        "source": article.source,
        "bom": article.bom,
        "sha256": article.sha256,
        "offsets": offsets,
        "text": article.text,
    }
    unstructure = _converter.unstructure
    for name in LAYER_KEYS:
        doc[name] = unstructure(layers[name], LAYER_TYPES[name])
    doc["normalized"] = None if norm is None else _normalized_out(norm, offsets)
    if not UNITS[offsets].code_points and not article.text.isascii():
        # The article's own index (kept between calls) counts UTF-8 from the raw
        # file's start; a document counts from its text's, which differs by a BOM.
        index = article.offsets
        if UNITS[offsets].counts_bytes and article.bom:
            index = OffsetIndex(article.text)
        span_to = UNITS[offsets].span_to
        for key in LAYER_KEYS:
            _spans_to_units(doc[key], lambda start, end: span_to(index, start, end))
    return doc


def _edit_converters(
    raw: str, text: str, unit: OffsetUnit
) -> tuple[Callable[[int], int], Callable[[int], int]] | None:
    """Return functions from code points to ``unit`` in the raw and normalised texts."""
    to = UNITS[unit].to
    if UNITS[unit].code_points:
        return None
    raw_index, index = OffsetIndex(raw), OffsetIndex(text)
    return (lambda offset: to(raw_index, offset)), (lambda offset: to(index, offset))


def _normalized_out(norm: Normalized, unit: OffsetUnit) -> dict[str, Any]:
    """Return the ``normalized`` block: steps, text and map, offsets in ``unit``."""
    mapping = norm.map.to_dict()
    converters = _edit_converters(norm.raw, norm.text, unit)
    if converters is not None:
        to_raw, to_norm = converters
        mapping["raw_length"] = to_raw(mapping["raw_length"])
        mapping["length"] = to_norm(mapping["length"])
        mapping["edits"] = [
            [to_raw(rs), to_raw(re_), to_norm(ns), to_norm(ne)]
            for rs, re_, ns, ne in mapping["edits"]
        ]
    return {"steps": [step.value for step in norm.steps], "text": norm.text, "map": mapping}


def article_to_json(
    article: Article,
    offsets: OffsetUnit,
    *,
    indent: bool,
    normalized: Iterable[NormalizeStep | str] | None,
) -> bytes:
    """Return the JSON document of ``article`` as UTF-8 bytes."""
    option = orjson.OPT_INDENT_2 if indent else 0
    return orjson.dumps(article.to_dict(offsets=offsets, normalized=normalized), option=option)


def dumps_line(
    article: Article,
    offsets: OffsetUnit,
    normalized: Iterable[NormalizeStep | str] | None,
) -> bytes:
    """Return the document of ``article`` as one JSON Lines line, newline included."""
    return dumps_line_counted(article, offsets, normalized)[0]


def dumps_line_counted(
    article: Article,
    offsets: OffsetUnit,
    normalized: Iterable[NormalizeStep | str] | None,
) -> tuple[bytes, int]:
    """Return `dumps_line` of ``article`` and its number of claims, counted in the document.

    Asking the article for its claims again would make every claim object a second time.
    """
    doc = article.to_dict(offsets=offsets, normalized=normalized)
    return orjson.dumps(doc, option=orjson.OPT_APPEND_NEWLINE), len(doc["claims"])


# --- reading -----------------------------------------------------------------------------


class Built(Protocol):
    """What `document_from_dict` builds: an article, as far as loading needs to know it."""

    @property
    def sha256(self) -> str:
        """The SHA-256 of the raw bytes."""
        ...


_B = TypeVar("_B", bound=Built)
# Make an article of the header's fields (id, text, ordinal, source, bom), checking them
# (`InvalidArticleError`); then give it its checked layers.
Make = Callable[[str, str, "int | None", "str | None", bool], _B]
Attach = Callable[[_B, Layers], _B]


def document_from_json(
    data: str | bytes | bytearray | memoryview,
    where: Where = _NOWHERE,
    *,
    max_bytes: int | None = None,
    make: Make[_B],
    attach: Attach[_B],
) -> _B:
    """Parse and check one JSON document; see `document_from_dict`.

    A document of more than ``max_bytes`` bytes of UTF-8 raises `TooLargeError`
    before it is parsed.
    """
    given: object = data
    if not isinstance(given, str | bytes | bytearray | memoryview):
        raise TypeError(f"JSON must be given as str or bytes, got {type(given).__name__}")
    if max_bytes is not None:
        size = _json_size(data, max_bytes)
        if size > max_bytes:
            raise TooLargeError(
                "document",
                size=size,
                limit=max_bytes,
                parameter="max_bytes",
                path=where[0],
                line=where[1],
            )
    with paused():  # parsing makes every dict and list of the document at once
        try:
            doc = orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            _fail([("$", f"not valid JSON: {exc}")], where)
        return document_from_dict(doc, where, owned=True, make=make, attach=attach)


def _json_size(data: str | bytes | bytearray | memoryview, limit: int) -> int:
    """Return the size of ``data`` in bytes of UTF-8 (exact when it could exceed ``limit``)."""
    if isinstance(data, memoryview):
        return data.nbytes
    if not isinstance(data, str) or data.isascii() or 4 * len(data) <= limit:
        return len(data)  # a code point is at most 4 bytes: a short text is under the limit
    # Counted a piece at a time, so that measuring never copies the whole text.
    step = 1 << 20
    return sum(
        len(data[i : i + step].encode("utf-8", "surrogatepass")) for i in range(0, len(data), step)
    )


def _migrate_1_to_2(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 1 wrote offsets in code points only and had no ``offsets`` field."""
    if "offsets" in doc:
        raise _FieldProblem("offsets", "unknown field: version 1 documents have no such field")
    migrated = dict(doc)
    migrated["schema_version"] = 2
    migrated["offsets"] = "codepoint"
    return migrated


def _migrate_2_to_3(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 2 could not carry the normalised text: ``normalized`` is null."""
    if "normalized" in doc:
        raise _FieldProblem("normalized", "unknown field: version 2 documents have no such field")
    migrated = dict(doc)
    migrated["schema_version"] = 3
    migrated["normalized"] = None
    return migrated


def _migrate_3_to_4(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 3 claims were one span each: every claim gets ``parts: []``.

    What is not a claim object (a layer that is not an array, an item that is
    not an object) is left for the checks to report.
    """
    claims = doc.get("claims")
    migrated = dict(doc)
    migrated["schema_version"] = 4
    if type(claims) is list:
        for i, claim in enumerate(claims):
            if type(claim) is dict and "parts" in claim:
                raise _FieldProblem(
                    f"claims[{i}].parts", "unknown field: version 3 documents have no such field"
                )
        migrated["claims"] = [
            {**claim, "parts": []} if type(claim) is dict else claim for claim in claims
        ]
    return migrated


#: Functions that turn a document of version N into one of version N + 1.
_MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _migrate_1_to_2,
    2: _migrate_2_to_3,
    3: _migrate_3_to_4,
}


def _upgrade(doc: dict[str, Any], where: Where) -> dict[str, Any]:
    if "schema_version" not in doc:
        _fail(
            [("$.schema_version", "required field missing: every corpuskit document has one")],
            where,
        )
    version = _beyond_64_bits(doc["schema_version"])
    if type(version) is not int:
        _fail([("$.schema_version", f"expected an integer, got {_json_type(version)}")], where)
    if version > SCHEMA_VERSION:
        raise SchemaVersionError(version, SCHEMA_VERSION, path=where[0], line=where[1])
    if version < 1:
        _fail(
            [("$.schema_version", f"expected a version from 1 to {SCHEMA_VERSION}, got {version}")],
            where,
        )
    while version < SCHEMA_VERSION:
        try:
            doc = _MIGRATIONS[version](doc)
        except _FieldProblem as exc:
            _fail([(f"$.{exc.field}", str(exc))], where)
        version += 1
    return doc


_HEADER_CHECKS: tuple[tuple[str, Callable[[Any], bool], str], ...] = (
    ("id", lambda v: type(v) is str and v != "", "a non-empty string"),
    (
        "ordinal",
        lambda v: v is None or (type(v) is int and 0 <= v <= MAX_ORDINAL),
        "an integer from 0 to 2**64 - 1, or null",
    ),
    ("source", lambda v: v is None or type(v) is str, "a string or null"),
    ("bom", lambda v: type(v) is bool, "true or false"),
    ("sha256", lambda v: type(v) is str, "a string of 64 hex digits"),
    (
        "offsets",
        lambda v: isinstance(v, str) and v in UNITS,
        "one of " + ", ".join(map(repr, UNITS)),
    ),
    ("text", lambda v: type(v) is str, "a string"),
)


def document_from_dict(
    doc: object,
    where: Where = _NOWHERE,
    *,
    owned: bool = False,
    make: Make[_B],
    attach: Attach[_B],
) -> _B:
    """Check a parsed JSON document and build the article it describes.

    ``make`` builds the article from the header's fields and ``attach`` gives it
    the checked layers, so this module needs no article class of its own.

    Raises `InvalidDocumentError` naming the JSON path of every problem found,
    and `SchemaVersionError` for a document newer than this corpuskit reads.
    The layers are checked now and built into objects when first asked for.
    ``owned`` says the caller hands the document over (it may be changed in
    place); otherwise it is copied first.
    """
    if not isinstance(doc, dict):
        _fail([("$", f"expected an object (an article document), got {_json_type(doc)}")], where)
    doc = _upgrade(doc, where)
    with paused():  # many small objects that live on: see corpuskit.model.collection
        return _from_current(doc if owned else _copy(doc, where), where, make, attach)


def _copy(doc: dict[str, Any], where: Where) -> dict[str, Any]:
    """Copy a document handed in by a caller, who keeps theirs unchanged.

    Only what JSON can hold is copied: a value of another type (a tuple, a
    float that is not finite, a key that is not a string, a string with a lone
    surrogate) is reported at its path rather than converted.
    """
    problems: Problems = []
    try:
        copied = _plain(doc, "$", problems)
    except RecursionError:
        _fail([("$", "nested too deeply to be an article document")], where)
    if problems:
        _fail(problems, where)
    return copied  # type: ignore[no-any-return]


def _plain(value: Any, path: str, problems: Problems) -> Any:
    kind = type(value)
    if kind is str:
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                problems.append((path, "a string with a lone surrogate cannot be JSON text"))
        return value
    if kind is int or kind is bool or value is None:
        return value
    if kind is float:
        if not math.isfinite(value):
            problems.append((path, f"{value!r} is not a JSON number"))
        return value
    if kind is dict:
        out = {}
        for key, item in value.items():
            if type(key) is not str:
                problems.append((path, f"object keys must be strings, got {key!r}"))
                continue
            out[key] = _plain(item, f"{path}.{key}", problems)
        return out
    if kind is list:
        return [_plain(item, f"{path}[{i}]", problems) for i, item in enumerate(value)]
    problems.append((path, f"not JSON data: a {type(value).__name__}"))
    return None


def _from_current(doc: dict[str, Any], where: Where, make: Make[_B], attach: Attach[_B]) -> _B:
    """Check a document of the current version, which may be changed in place."""
    problems: Problems = []
    keys = doc.keys()
    if keys != _KEYS:
        problems.extend(
            (f"$.{key}", "unknown field: an article document has no such field")
            for key in keys
            if key not in _KEYS
        )
        problems.extend(
            (f"$.{key}", "required field missing")
            for key in (*HEADER_KEYS, *LAYER_KEYS, *EXTRA_KEYS)
            if key not in keys
        )
        _fail(problems, where)
    for key, test, expected in _HEADER_CHECKS:
        if not test(doc[key]):
            problems.append((f"$.{key}", f"expected {expected}, got {_shown(doc[key])}"))
    problem = id_problem(doc["id"]) if type(doc["id"]) is str and doc["id"] else None
    if problem is not None:
        problems.append(("$.id", f"the id {_clip(doc['id'])} {problem}"))
    if problems:
        _fail(problems, where)
    text: str = doc["text"]
    try:
        article = make(doc["id"], text, doc["ordinal"], doc["source"], doc["bom"])
    except InvalidArticleError as exc:  # the one check left to the model: a lone surrogate
        _fail([("$.text", str(exc))], where)
    if doc["sha256"] != article.sha256:
        _fail(
            [
                (
                    "$.sha256",
                    f"the text's SHA-256 is {article.sha256}, not the recorded "
                    f"{_clip(doc['sha256'], 64)}: the text was changed after the document "
                    "was written (or the checksum was)",
                )
            ],
            where,
        )
    token = _UNITS_NOW.set(_Units.of(text, doc["offsets"]))
    try:
        for key in LAYER_KEYS:
            _check_for(LAYER_TYPES[key])(doc[key], ("$", key), problems)
            if len(problems) >= _MAX_PROBLEMS:
                break
    finally:
        _UNITS_NOW.reset(token)
    if not problems:
        _check_across(doc, problems)
        _check_normalized(doc["normalized"], text, doc["offsets"], problems)
    if problems:
        _fail(problems, where)
    raw = {key: doc[key] for key in LAYER_KEYS}
    return attach(article, Layers.deferred(raw, _build))


def _build(name: str, raw: list[Any]) -> tuple[Any, ...]:
    """Build one checked layer into model objects (offsets are code points by now)."""
    with paused():
        built: tuple[Any, ...] = _converter.structure(raw, LAYER_TYPES[name])
    return built


# --- what the model requires across spans ------------------------------------------------


def _check_across(doc: dict[str, Any], problems: Problems) -> None:
    """Check what holds between spans: order, images made of zones, unique claim ids."""
    for key, what in (("zones", "zone"), ("sentences", "sentence")):
        spans = doc[key]
        for i in range(1, len(spans)):
            if spans[i]["start"] < spans[i - 1]["end"]:
                problems.append(
                    (
                        f"$.{key}[{i}].start",
                        f"this {what} begins before the one before it ends, at "
                        f"{spans[i - 1]['end']}: {what}s are in text order and do not overlap",
                    )
                )
    zones = doc["zones"]
    for i, image in enumerate(doc["images"]):
        for part in ("alt", "caption", "credit"):
            zone = image[part]
            if zone is not None and zone not in zones:
                problems.append(
                    (
                        f"$.images[{i}].{part}",
                        "an image's parts are zones: this one is not in $.zones",
                    )
                )
    seen: dict[str, int] = {}
    for i, claim in enumerate(doc["claims"]):
        first = seen.setdefault(claim["id"], i)
        if first != i:
            problems.append(
                (
                    f"$.claims[{i}].id",
                    f"claim id {_clip(claim['id'])} is also the id of $.claims[{first}]",
                )
            )


def _check_normalized(block: object, text: str, unit: OffsetUnit, problems: Problems) -> None:
    """Check a ``normalized`` block: it must be what normalising the text gives.

    It is derived data, so it is not kept: ``to_json(normalized=steps)`` writes
    it again.  Checking it whole (steps, text and map) catches any change.
    """
    if block is None:
        return
    if type(block) is not dict:
        problems.append(("$.normalized", f"expected an object or null, got {_json_type(block)}"))
        return
    if block.keys() != {"steps", "text", "map"}:
        problems.append(("$.normalized", "expected exactly the fields steps, text and map"))
        return
    steps = block["steps"]
    if type(steps) is not list or not all(type(s) is str for s in steps):
        problems.append(("$.normalized.steps", "expected an array of step names"))
        return
    try:
        expected = _normalized_out(normalize(text, steps), unit)
    except ValueError as exc:
        problems.append(("$.normalized.steps", str(exc)))
        return
    for key in ("steps", "text", "map"):
        if block[key] != expected[key]:
            problems.append(
                (
                    f"$.normalized.{key}",
                    "is not what normalising the text with these steps gives: "
                    "the block was changed after it was written",
                )
            )


def check_claims(text: str, article_id: str, claims: Iterable[Claim]) -> tuple[Claim, ...]:
    """Check claims given for article ``article_id``: spans of ``text``, well formed, ids unique.

    Raises `SpanError` naming each problem's place (``claims[3].source.end``).
    """
    claims = tuple(claims)
    for i, claim in enumerate(claims):
        if not isinstance(claim, Claim):
            raise TypeError(f"claims[{i}] is a {type(claim).__name__}, not a Claim")
    problems: Problems = []
    raw = _converter.unstructure(claims, tuple[Claim, ...])
    token = _UNITS_NOW.set(_Units.of(text, "codepoint"))
    try:
        _check_for(tuple[Claim, ...])(raw, "claims", problems)
    finally:
        _UNITS_NOW.reset(token)
    seen: dict[str, int] = {}
    for i, claim in enumerate(claims):
        first = seen.setdefault(claim.id, i)
        if first != i:
            problems.append((f"claims[{i}].id", f"claim id {claim.id!r} is also claims[{first}]'s"))
    if problems:
        raise SpanError(
            f"claims given for article {article_id!r} do not fit it: "
            + "; ".join(f"{p}: {m}" for p, m in problems[:5])
            + (f"; … and {len(problems) - 5} more" if len(problems) > 5 else "")
        )
    return claims
