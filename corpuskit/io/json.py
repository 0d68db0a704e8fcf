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
import hashlib
import math
import re
import types
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, Protocol, TypeVar, get_args, get_origin

import attrs
import orjson
from cattrs.gen import make_dict_structure_fn
from cattrs.preconf.orjson import make_converter

from corpuskit.align.normalize import Normalized, NormalizeStep, normalize
from corpuskit.model.claims import Claim, ClaimKind, claim_id
from corpuskit.model.collection import paused
from corpuskit.model.errors import (
    InvalidArticleError,
    InvalidDocumentError,
    OffsetError,
    SchemaVersionError,
    SpanError,
    TooLargeError,
)
from corpuskit.model.fields import model_fields
from corpuskit.model.ids import id_problem
from corpuskit.model.layers import LAYER_NAMES, LAYERS, Layers
from corpuskit.model.offsets import OffsetIndex
from corpuskit.model.quantities import Quantity, QuantityKind
from corpuskit.model.quotes import MAX_DEPTH, Attribution, Quote
from corpuskit.model.spans import Span, part_problems
from corpuskit.model.units import UNITS, OffsetUnit, unit
from corpuskit.model.zones import Boilerplate, Image, Zone, ZoneKind
from corpuskit.stages.read import DEFAULT_MAX_JSON_BYTES

if TYPE_CHECKING:
    from corpuskit.article import Article

__all__ = [
    "DECIMAL",
    "DIGEST_LENGTH",
    "EXTRA_KEYS",
    "HEADER_KEYS",
    "INT_RANGES",
    "LAYER_ITEMS",
    "LAYER_KEYS",
    "LAYER_TYPES",
    "MAX_DECIMAL_DIGITS",
    "MAX_ORDINAL",
    "REFERENCES",
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
    "json_defaults",
]

#: The version of the document format this corpuskit writes (and the newest it reads).
SCHEMA_VERSION = 5


# Top-level keys in the order they are written: the header, the text, then the
# layers in pipeline order.  ``id`` comes early so that an index of a JSON Lines
# file can find it without parsing the whole line.
HEADER_KEYS = (
    "schema_version",
    "id",
    "ordinal",
    "source",
    "bom",
    "sha256",
    "offsets",
    "digests",
    "text",
)
LAYER_KEYS = LAYER_NAMES
# After the layers: what a document carries when asked (null otherwise).
EXTRA_KEYS = ("normalized",)
_KEYS = frozenset(HEADER_KEYS + LAYER_KEYS + EXTRA_KEYS)
# The type each layer is read and written as, from the table of layers.
LAYER_TYPES: dict[str, Any] = {
    layer.name: types.GenericAlias(tuple, (layer.item, ...)) for layer in LAYERS
}
LAYER_ITEMS: dict[str, type] = {layer.name: layer.item for layer in LAYERS}
# A decimal as documents write it (a string, never a JSON number), and its most digits.
DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
MAX_DECIMAL_DIGITS = 100
#: How many hex digits of SHA-256 a layer's digest keeps: 64 bits, so that a
#: change goes unnoticed once in 2**64 tries (the digest guards against edits and
#: damage, not against someone who recomputes it).
DIGEST_LENGTH = 16
DIGEST = re.compile(f"[0-9a-f]{{{DIGEST_LENGTH}}}")


# --- the unit spans are written in, per document -------------------------------------


@attrs.frozen
class _Units:
    """How the spans of one document map to code points of its text."""

    text: str
    article_id: str
    unit: OffsetUnit
    length: int  # the text's length in ``unit``
    index: OffsetIndex | None  # None when offsets need no conversion
    # The layers checked so far, by name: what references resolve to.
    layers: dict[str, list[Any]] = attrs.field(factory=dict, eq=False)

    @classmethod
    def of(cls, text: str, article_id: str, unit: OffsetUnit) -> _Units:
        if UNITS[unit].code_points or text.isascii():
            return cls(text, article_id, unit, len(text), None)
        index = OffsetIndex(text)
        return cls(text, article_id, unit, UNITS[unit].to(index, len(text)), index)


_UNITS_NOW: contextvars.ContextVar[_Units] = contextvars.ContextVar("corpuskit_json_units")


_BOILERPLATE_VALUES = frozenset(k.value for k in ZoneKind if k.is_boilerplate)
_IMAGE_VALUES = frozenset(k.value for k in ZoneKind if k.is_image)


class _FieldProblem(Exception):
    """A problem with one field of the object being structured."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


# --- the format's shape ----------------------------------------------------------------
#
# A document stores nothing twice.  A span that is only a span (`Span`: a
# sentence, a quote's content, a source, a cue, a claim's part...) is written as
# the pair ``[start, end]``; an object that is a span with fields of its own (a
# zone, a quote, a quantity, a claim) has ``start`` and ``end`` keys.  A span's
# text is not written: the offsets and the article's text determine it.  A claim
# refers to its sentences, quantities and quote, and an image to its zones, by
# their index in those layers.  A field at its default (below) is left out.

#: Fields that refer to items of another layer by their index there, and the layer.
REFERENCES: dict[tuple[type, str], str] = {
    (Image, "alt"): "zones",
    (Image, "caption"): "zones",
    (Image, "credit"): "zones",
    (Claim, "sentences"): "sentences",
    (Claim, "quantities"): "quantities",
    (Claim, "quote"): "quotes",
}
_SPAN_FIELDS = ("start", "end", "text")
_NO_DEFAULT = object()
#: Fields whose default is derived from the object: a claim's id from the article
#: id and its offsets (`claim_id`), a quantity's high from its low.  Each gives the
#: default of a model object when writing (to compare, in code points), and of a
#: document object when loading (its offsets converted to code points by then).
DERIVED: dict[tuple[type, str], tuple[Callable[[Any, str], Any], Callable[[Any, str], Any]]] = {
    (Claim, "id"): (
        lambda claim, article_id: claim_id(article_id, claim.start, claim.end),
        lambda value, article_id: claim_id(article_id, value["start"], value["end"]),
    ),
    (Quantity, "high"): (
        lambda quantity, _: format(quantity.low, "f"),
        lambda value, _: value["low"],
    ),
}


def json_defaults(cls: type) -> dict[str, Any]:
    """Return the fields of ``cls`` a document may leave out, each with its value then.

    A field's default is the model's default when it has one; otherwise null for
    a field that may be ``None`` and ``[]`` for an array.  Offsets and the
    fields without a default are always written.
    """
    found = _DEFAULTS.get(cls)
    if found is not None:
        return found
    declared = attrs.fields_dict(cls)
    defaults: dict[str, Any] = {}
    for field in model_fields(cls):
        if field.name in _SPAN_FIELDS:
            continue
        default = declared[field.name].default
        if (cls, field.name) in _ALWAYS_WRITTEN:
            continue
        if default is not attrs.NOTHING:
            defaults[field.name] = [] if default == () else default
        elif field.optional:
            defaults[field.name] = None
        elif get_origin(field.type) is tuple:
            defaults[field.name] = []
    _DEFAULTS[cls] = defaults
    return defaults


_DEFAULTS: dict[type, dict[str, Any]] = {}
# Arrays that are never empty, so never left out: a claim has at least one kind.
_ALWAYS_WRITTEN = frozenset({(Claim, "kinds")})


# --- the converter --------------------------------------------------------------------
#
# It structures documents the validator below has passed (so nothing here checks
# anything): by then every offset is in code points, every span carries its text
# (a pair has become ``[start, end, text]``), every field is present and every
# reference has been replaced by the item it refers to.

_converter = make_converter()
_converter.register_structure_hook(decimal.Decimal, lambda value, _: decimal.Decimal(value))
for _enum in (ClaimKind, ZoneKind, QuantityKind):
    _converter.register_structure_hook(_enum, lambda value, cls: cls(value))
_converter.register_structure_hook(Span, lambda value, _: Span(value[0], value[1], value[2]))
for _cls in (Quote, Attribution, Quantity, Boilerplate):
    _converter.register_structure_hook(_cls, make_dict_structure_fn(_cls, _converter))
_structure_zone = make_dict_structure_fn(Zone, _converter)
_structure_boilerplate = _converter.get_structure_hook(Boilerplate)
_converter.register_structure_hook(
    Zone,
    lambda d, _: (
        _structure_boilerplate(d, Boilerplate)
        if d["kind"] in _BOILERPLATE_VALUES
        else _structure_zone(d, Zone)
    ),
)
# Zones first: the hooks of the classes holding them are generated with theirs.
for _holder in (Image, Claim):
    _converter.register_structure_hook(_holder, make_dict_structure_fn(_holder, _converter))


# --- the writer ---------------------------------------------------------------------------


class _Out:
    """What writing a document needs beside the objects: its unit and the layers referred to."""

    __slots__ = ("_indexes", "article_id", "layers", "pair")

    def __init__(
        self,
        article_id: str,
        pair: Callable[[int, int], tuple[int, int]] | None,
        layers: Mapping[str, tuple[Any, ...]],
    ) -> None:
        self.article_id = article_id
        self.pair = pair  # code points to the document's unit; None: no conversion
        self.layers = layers
        self._indexes: dict[str, dict[Any, int]] = {}

    def index(self, layer: str, item: Any) -> int:
        """Return the index of ``item`` in ``layer``: what a reference to it writes."""
        found = self._indexes.get(layer)
        if found is None:
            found = self._indexes[layer] = {}
            for i, each in enumerate(self.layers[layer]):
                found.setdefault(each, i)
        index = found.get(item)
        if index is None:
            raise _Unreferenced(layer, item)
        return index


class _Unreferenced(Exception):
    """An object refers to an item that is not in the layer it must come from."""

    def __init__(self, layer: str, item: Any) -> None:
        super().__init__(f"{item!r} is not one of the article's {layer}")
        self.layer = layer


_Write = Callable[[Any, _Out], Any]
_WRITERS: dict[type, _Write] = {}


def _write_span(span: Span, out: _Out) -> list[int]:
    pair = out.pair
    if pair is None:
        return [span.start, span.end]
    return list(pair(span.start, span.end))


def _writer(cls: type) -> _Write:
    """Return the function that writes an object of ``cls`` as the document holds it.

    Generated as Python source from the class's fields, one statement each, as
    the checks are: writing runs on every object of every document.
    """
    found = _WRITERS.get(cls)
    if found is not None:
        return found
    if cls is Span:
        _WRITERS[cls] = _write_span
        return _write_span
    if cls is Zone:
        zone, boilerplate = _generated_writer(Zone), _generated_writer(Boilerplate)

        def write_zone(value: Any, out: _Out) -> Any:
            return (boilerplate if type(value) is Boilerplate else zone)(value, out)

        _WRITERS[cls] = write_zone
        return write_zone
    found = _WRITERS[cls] = _generated_writer(cls)
    return found


def _item_expression(cls: type, name: str, inner: Any, env: dict[str, Any], helper: str) -> str:
    """Return the expression that writes one item of field ``name`` (the item held in ``{x}``).

    A helper the expression calls is put in ``env`` as ``helper``.
    """
    layer = REFERENCES.get((cls, name))
    if layer is not None:
        return f"out.index({layer!r}, {{x}})"
    if inner is decimal.Decimal:
        return "format({x}, 'f')"
    if isinstance(inner, type) and issubclass(inner, enum.Enum):
        return "{x}.value"
    if inner in (int, str, bool):
        return "{x}"
    env[helper] = _writer(inner)
    return f"{helper}({{x}}, out)"


def _generated_writer(cls: type) -> _Write:
    defaults = json_defaults(cls)
    env: dict[str, Any] = {"format": format}
    lines = ["def write(o, out):"]
    if issubclass(cls, Span):
        lines += [
            "    p = out.pair",
            "    s, e = (o.start, o.end) if p is None else p(o.start, o.end)",
            "    d = {'start': s, 'end': e}",
        ]
    else:
        lines.append("    d = {}")
    for i, field in enumerate(model_fields(cls)):
        name, tp = field.name, field.type
        if name in _SPAN_FIELDS:
            continue
        many = get_origin(tp) is tuple
        inner = get_args(tp)[0] if many else tp
        item = _item_expression(cls, name, inner, env, f"w_{i}")
        value = f"[{item.format(x='x')} for x in v]" if many else item.format(x="v")
        lines.append(f"    v = o.{name}")
        default = defaults.get(name, _NO_DEFAULT)
        derived = DERIVED.get((cls, name))
        if derived is not None:
            env[f"derive_{i}"] = derived[0]
            lines += [
                f"    if {value} != derive_{i}(o, out.article_id):",
                f"        d[{name!r}] = {value}",
            ]
        elif default is _NO_DEFAULT:
            lines.append(f"    d[{name!r}] = {value}")
        elif default is None:
            lines += ["    if v is not None:", f"        d[{name!r}] = {value}"]
        elif default == []:
            lines += ["    if v:", f"        d[{name!r}] = {value}"]
        else:
            env[f"default_{i}"] = default
            lines += [f"    if v != default_{i}:", f"        d[{name!r}] = {value}"]
    lines.append("    return d")
    # The source is made from the model's own field definitions, never from data.
    exec(compile("\n".join(lines), f"<corpuskit writer {cls.__name__}>", "exec"), env)
    write: _Write = env["write"]
    return write


def _digest(layer: Any, offsets: str) -> str:
    """Return the digest of a layer as a document holds it, cut to `DIGEST_LENGTH`.

    It is the SHA-256 of the name of the unit the offsets count and a line feed,
    then the layer's compact JSON: the same numbers read in another unit are
    other spans.
    """
    data = offsets.encode("utf-8") + b"\n" + orjson.dumps(layer)
    return hashlib.sha256(data).hexdigest()[:DIGEST_LENGTH]


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
    elif tp is Span:
        found = _check_pair
    elif tp is Zone:
        found = _zone_check()
    elif isinstance(tp, type) and attrs.has(tp):
        found = _object_check(tp)
    else:  # pragma: no cover - a model field of a type the format does not know
        raise TypeError(f"no JSON check for {tp!r}")
    _CHECKS[tp] = found
    return found


def _object_check(cls: type) -> _Check:
    """Return the check of an object of attrs class ``cls`` (a span: against the text too).

    The check is generated as Python source, one statement per field with the
    common cases (integers, strings, booleans, enums, offsets that need no
    conversion and a text that matches) inline, since documents hold many small
    objects and validation runs on every load.  It fills in the fields left at
    their default, converts offsets to code points, puts the span's text in and
    replaces each reference by the item it names, in place.
    """
    fields = model_fields(cls)
    names = frozenset(f.name for f in fields)
    order = tuple(f.name for f in fields)
    defaults = json_defaults(cls)
    what = cls.__name__.lower()
    required = frozenset(names - {"text"} - defaults.keys() - {n for c, n in DERIVED if c is cls})
    env: dict[str, Any] = {
        "_report": _report,
        "_json_type": _json_type,
        "_key_problems": _key_problems,
        "_check_span": _check_span,
        "_resolve": _resolve,
        "_UNITS_NOW": _UNITS_NOW,
        "NAMES": names,
        "SPEC": (names, required, order, what),
        "REQUIRED": required,
        "DEFAULTED": tuple((k, d, d == []) for k, d in defaults.items()),
        "AFTER": _AFTER.get(cls),
    }
    lines = [
        "def check(value, path, problems):",
        "    if type(value) is not dict:",
        f"        return _report(problems, path, 'expected an object ({_a(what)}), got '"
        " + _json_type(value))",
        "    keys = value.keys()",
        "    if keys != NAMES:",
        "        if not (keys <= NAMES and REQUIRED <= keys):",
        "            return _key_problems(value, path, problems, SPEC)",
        "        for k, d, fresh in DEFAULTED:",
        "            if k not in keys:",
        "                value[k] = [] if fresh else d",
        "    units = _UNITS_NOW.get()",
        "    ok = True",
    ]
    if issubclass(cls, Span):
        lines += [
            "    s = value['start']",
            "    e = value['end']",
            "    if (units.index is None and type(s) is int and type(e) is int",
            "            and 0 <= s <= e <= units.length):",
            "        piece = units.text[s:e]",
            "        t = value.get('text')",
            "        if t is None:",
            "            value['text'] = piece",
            "        elif t != piece:",
            "            ok = _check_span(value, path, problems)",
            "    else:",
            "        ok = _check_span(value, path, problems)",
        ]
    for i, field in enumerate(fields):
        name = field.name
        if name in _SPAN_FIELDS:
            continue
        tp = field.type
        guard = "v is not None and " if field.optional else ""
        derived = DERIVED.get((cls, name))
        if derived is not None:
            # Made from fields checked already: only a value the document gives is checked.
            env[f"derive_{i}"] = derived[1]
            lines += [
                f"    given_{i} = {name!r} in value",
                f"    if not given_{i}:",
                f"        value[{name!r}] = derive_{i}(value, units.article_id)",
            ]
            guard = f"given_{i} and {guard}"
        lines.append(f"    v = value[{name!r}]")
        layer = REFERENCES.get((cls, name))
        expected = _EXPECTED.get(tp)
        bounds = INT_RANGES.get((cls, name))
        if layer is not None:
            many = get_origin(tp) is tuple
            lines += [
                f"    if {guard}True:",
                f"        v = _resolve(v, {layer!r}, (path, {name!r}), problems, "
                f"many={many}, units=units)",
                "        if v is None:",
                "            ok = False",
                "        else:",
                f"            value[{name!r}] = v",
            ]
        elif expected is not None:
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
        "    return ok",
    ]
    # The source is made from the model's own field definitions, never from data.
    exec(compile("\n".join(lines), f"<corpuskit check {cls.__name__}>", "exec"), env)
    check: _Check = env["check"]
    return check


_EXPECTED = {int: "an integer", str: "a string", bool: "true or false"}
#: The range of each integer field beyond a span's offsets (which the text bounds).
INT_RANGES: dict[tuple[type, str], tuple[int, int]] = {(Quote, "depth"): (0, MAX_DEPTH)}
#: The largest ordinal: what 64 unsigned bits hold, as the Parquet column does.
MAX_ORDINAL = 2**64 - 1


def _a(noun: str) -> str:
    """Return ``noun`` with its indefinite article: "a quote", "an image"."""
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def _key_problems(
    value: dict[str, Any],
    path: _Path,
    problems: Problems,
    spec: tuple[frozenset[str], frozenset[str], tuple[str, ...], str],
) -> bool:
    """Report the unknown fields of an object and the missing ones it requires; return False."""
    names, required, order, what = spec
    for k in value:
        if k not in names:
            _report(
                problems, (path, k), f"unknown field: {_a(what)} has the fields {', '.join(order)}"
            )
    for k in order:
        if k in required and k not in value:
            _report(problems, (path, k), f"required field missing from this {what}")
    return False


def _check_pair(value: Any, path: _Path, problems: Problems) -> bool:
    """Check a span written as ``[start, end]`` and make it ``[start, end, text]`` in place.

    Offsets become code points; a third item, the text, may be given (documents
    older than version 5 carried it) and must then match.
    """
    if type(value) is not list or not 2 <= len(value) <= 3:
        shown = (
            f"an array of {len(value)} item{'' if len(value) == 1 else 's'}"
            if type(value) is list
            else _json_type(value)
        )
        return _report(problems, path, f"expected a span, an array [start, end], got {shown}")
    units = _UNITS_NOW.get()
    start, end = value[0], value[1]
    if not (
        units.index is None
        and type(start) is int
        and type(end) is int
        and 0 <= start <= end <= units.length
    ):
        found = _code_points(start, end, units, ((path, 0), (path, 1)), problems)
        if found is None:
            return False
        start, end = value[0], value[1] = found
    piece = units.text[start:end]
    if len(value) == 2:
        value.append(piece)
        return True
    return _same_text(value[2], piece, (start, end), (path, 2), problems)


def _check_span(value: dict[str, Any], path: _Path, problems: Problems) -> bool:
    """Check the offsets and text of a span object against the document's text.

    Converts the offsets to code points and fills in a missing text, in place.
    """
    units = _UNITS_NOW.get()
    found = _code_points(
        value["start"], value["end"], units, ((path, "start"), (path, "end")), problems
    )
    if found is None:
        return False
    start, end = value["start"], value["end"] = found
    piece = units.text[start:end]
    if "text" not in value:
        value["text"] = piece
        return True
    return _same_text(value["text"], piece, (start, end), (path, "text"), problems)


def _code_points(
    start: Any, end: Any, units: _Units, at: tuple[_Path, _Path], problems: Problems
) -> tuple[int, int] | None:
    """Check offsets in the document's unit; return them in code points, or None.

    ``at`` holds the JSON paths of the two offsets.
    """
    at_start, at_end = at
    if type(start) is not int or type(end) is not int or not 0 <= start <= end <= units.length:
        _offset_problems(start, end, units, at, problems)
        return None
    index = units.index
    if index is None:
        return start, end
    convert = UNITS[units.unit].from_
    try:
        start = convert(index, start)
    except OffsetError as exc:
        _report(problems, at_start, str(exc))
        return None
    try:
        end = convert(index, end)
    except OffsetError as exc:
        _report(problems, at_end, str(exc))
        return None
    return start, end


def _same_text(
    text: Any, piece: str, offsets: tuple[int, int], path: _Path, problems: Problems
) -> bool:
    start, end = offsets
    if text == piece:
        return True
    if type(text) is not str:
        return _report(problems, path, f"expected a string, got {_json_type(text)}")
    return _report(
        problems,
        path,
        f"recorded text {_clip(text)} is not the text at [{start}, {end}) (code points), "
        f"which reads {_clip(piece)}: the text or the offsets were changed after the "
        "span was made",
    )


def _resolve(
    value: Any, layer: str, path: _Path, problems: Problems, *, many: bool, units: _Units
) -> Any:
    """Return the item(s) of ``layer`` that the index (or array of indices) ``value`` names.

    Indices in an array are in increasing order, each once.  Returns None, after
    reporting, when ``value`` names nothing.
    """
    items = units.layers.get(layer)
    if items is None:  # pragma: no cover - layers are checked before what refers to them
        raise AssertionError(f"{layer} is not checked yet")
    if not many:
        return items[value] if _index_ok(value, layer, items, path, problems) else None
    if type(value) is not list:
        _report(
            problems, path, f"expected an array of indices into $.{layer}, got {_json_type(value)}"
        )
        return None
    ok = True
    for i, each in enumerate(value):
        if not _index_ok(each, layer, items, (path, i), problems):
            ok = False
        elif i and type(value[i - 1]) is int and each <= value[i - 1]:
            ok = _report(
                problems,
                (path, i),
                f"index {each} comes after {value[i - 1]}: the indices into $.{layer} are "
                "in increasing order, each once",
            )
    return [items[each] for each in value] if ok else None


def _index_ok(value: Any, layer: str, items: list[Any], path: _Path, problems: Problems) -> bool:
    if type(value) is int and 0 <= value < len(items):
        return True
    if type(value) is not int:
        return _report(
            problems,
            path,
            f"expected an index into $.{layer} (an integer), got {_json_type(value)}",
        )
    return _report(
        problems,
        path,
        f"refers to $.{layer}[{value}], but $.{layer} has {len(items)} "
        f"item{'' if len(items) == 1 else 's'}",
    )


def _beyond_64_bits(value: Any) -> Any:
    """Return an integer too large for 64 bits, which orjson reads as a float, as an int."""
    if type(value) is float and value.is_integer() and abs(value) >= 2**63:
        return int(value)
    return value


def _offset_problems(
    start: Any, end: Any, units: _Units, at: tuple[_Path, _Path], problems: Problems
) -> bool:
    at_start, at_end = at
    start, end = _beyond_64_bits(start), _beyond_64_bits(end)
    for where, offset in ((at_start, start), (at_end, end)):
        if type(offset) is not int:
            _report(problems, where, f"expected an integer offset, got {_json_type(offset)}")
    if type(start) is not int or type(end) is not int:
        return False
    if start < 0:
        return _report(problems, at_start, f"offset {start} is negative: offsets count from 0")
    if start > units.length:
        return _report(
            problems,
            at_start,
            f"start {start} is past the end of the text, which has {units.length} "
            f"{UNITS[units.unit].describe}",
        )
    if end < start:
        return _report(
            problems,
            at_end,
            f"end {end} is before start {start}: a span is [start, end) with start <= end",
        )
    return _report(
        problems,
        at_end,
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


def _bounds(span: Any) -> tuple[int, int]:
    """Return the offsets of a checked span: a pair ``[start, end, text]`` or an object."""
    if type(span) is list:
        return span[0], span[1]
    return span["start"], span["end"]


def _inside(inner: Any, outer: Any, path: _Path, what: str, problems: Problems) -> bool:
    if inner is None:
        return True
    (start, end), (outer_start, outer_end) = _bounds(inner), _bounds(outer)
    if outer_start <= start and end <= outer_end:
        return True
    return _report(
        problems,
        path,
        f"[{start}, {end}) does not lie inside its {what} [{outer_start}, {outer_end})",
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
    if hedge is not None and hedge[1] > value["start"]:
        ok = _report(
            problems, (path, "hedge_span"), "the hedge must end before the quantity starts"
        )
    counted = value["counted"]
    if counted is not None and counted[0] < value["end"]:
        ok = _report(
            problems, (path, "counted"), "the counted noun must start after the quantity ends"
        )
    return ok


def _after_image(value: dict[str, Any], path: _Path, problems: Problems) -> bool:
    ok = True
    parts = (("alt", "image_alt"), ("caption", "caption"), ("credit", "credit"))
    if all(value[part] is None for part, _ in parts):
        ok = _report(problems, path, "an image has at least one of alt, caption and credit")
    for part, kind in parts:
        zone = value[part]
        if zone is None:
            continue
        if zone["kind"] != kind:
            ok = _report(
                problems,
                (path, part),
                f"refers to a zone of kind {zone['kind']!r}: an image's {part} is a zone of "
                f"kind {kind!r}",
            )
        ok = _inside(zone, value, (path, part), "image", problems) and ok
    return ok


_KIND_ORDER = {kind.value: i for i, kind in enumerate(ClaimKind)}


def _after_claim(value: dict[str, Any], path: _Path, problems: Problems) -> bool:
    ok = True
    if not value["id"]:
        ok = _report(problems, (path, "id"), "a claim id must not be empty")
    kinds = value["kinds"]
    if not kinds:
        ok = _report(problems, (path, "kinds"), "a claim has at least one kind")
    for i in range(1, len(kinds)):
        if _KIND_ORDER[kinds[i]] <= _KIND_ORDER[kinds[i - 1]]:
            ok = _report(
                problems,
                ((path, "kinds"), i),
                f"{kinds[i]!r} after {kinds[i - 1]!r}: a claim's kinds are in the order "
                "ClaimKind lists them, each once",
            )
            break
    sentences = value["sentences"]
    if sentences and not (sentences[0][0] <= value["start"] and value["end"] <= sentences[-1][1]):
        ok = _report(
            problems,
            (path, "sentences"),
            f"the claim [{value['start']}, {value['end']}) does not lie in its sentences, "
            f"which run from {sentences[0][0]} to {sentences[-1][1]}",
        )
    quote = value["quote"]
    parts = value["parts"]
    if quote is not None and parts:
        # A quote that its attribution interrupts: the quote holds the first part.
        ok = _inside(parts[0], quote, ((path, "parts"), 0), "quote", problems) and ok
    elif quote is not None:
        ok = _inside(value, quote, path, "quote", problems) and ok
    if parts:
        pieces = [(part[0], part[1]) for part in parts]
        for at, field, message in part_problems(value["start"], value["end"], pieces):
            # A part is a pair: its start is item 0, its end item 1.
            where: _Path = (path, "parts")
            if at is not None:
                where = (((path, "parts"), at), 0 if field == "start" else 1)
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
    pair: Callable[[int, int], tuple[int, int]] | None = None
    if not UNITS[offsets].code_points and not article.text.isascii():
        # The article's own index (kept between calls) counts UTF-8 from the raw
        # file's start; a document counts from its text's, which differs by a BOM.
        index = article.offsets
        if UNITS[offsets].counts_bytes and article.bom:
            index = OffsetIndex(article.text)
        span_to = UNITS[offsets].span_to

        def pair(start: int, end: int) -> tuple[int, int]:
            return span_to(index, start, end)

    out = _Out(article.id, pair, layers)
    written = {}
    with paused():  # a container per item, all kept until the document is dumped
        for name in LAYER_KEYS:
            write = _writer(LAYER_ITEMS[name])
            try:
                written[name] = [write(item, out) for item in layers[name]]
            except _Unreferenced as exc:  # pragma: no cover - `check_claims` refuses them
                raise SpanError(f"article {article.id!r}: {name}: {exc}") from None
    doc: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "id": article.id,
        "ordinal": article.ordinal,
        "source": article.source,
        "bom": article.bom,
        "sha256": article.sha256,
        "offsets": offsets,
        "digests": {name: _digest(layer, offsets) for name, layer in written.items()},
        "text": article.text,
        **written,
        "normalized": None if norm is None else _normalized_out(norm, offsets),
    }
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
    # Paused until the document's containers are freed: the collector then finds none
    # of them when it runs again, rather than walking them all once.
    with paused():
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
    A document larger than `Corpus.from_jsonl` reads by default raises `TooLargeError`:
    every line written loads back under the default limits.
    """
    with paused():  # as in `article_to_json`: the document is freed before it ends
        doc = article.to_dict(offsets=offsets, normalized=normalized)
        line = orjson.dumps(doc, option=orjson.OPT_APPEND_NEWLINE)
        claims = len(doc["claims"])
        del doc
    if len(line) - 1 > DEFAULT_MAX_JSON_BYTES:
        # Every line written must load back under the default limits.
        raise TooLargeError(
            f"document of article {article.id!r}",
            size=len(line) - 1,
            limit=DEFAULT_MAX_JSON_BYTES,
            parameter="max_line_bytes",
            written=True,
        )
    return line, claims


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


def _migrate_4_to_5(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 4 wrote every span as an object with its text, and repeated items.

    A plain span becomes ``[start, end, text]`` (the text kept, so that loading
    still checks it against the offsets); a claim's sentences, quantities and
    quote and an image's zones become indices into their layers, where an equal
    item must be; every digest is null.  What is not shaped as version 4 wrote
    it is left for the checks to report.
    """
    if "digests" in doc:
        raise _FieldProblem("digests", "unknown field: version 4 documents have no such field")
    migrated = dict(doc)
    migrated["schema_version"] = 5
    migrated["digests"] = dict.fromkeys(LAYER_KEYS)
    for key in LAYER_KEYS:
        if type(doc.get(key)) is list:
            migrated[key] = [_v4_item(item, LAYER_ITEMS[key]) for item in doc[key]]
    for key, field, layer in (
        ("images", "alt", "zones"),
        ("images", "caption", "zones"),
        ("images", "credit", "zones"),
        ("claims", "sentences", "sentences"),
        ("claims", "quantities", "quantities"),
        ("claims", "quote", "quotes"),
    ):
        items, targets = migrated.get(key), migrated.get(layer)
        if type(items) is not list or type(targets) is not list:
            continue
        where = {_v4_key(target): i for i, target in reversed(list(enumerate(targets)))}
        for i, item in enumerate(items):
            if type(item) is not dict or item.get(field) is None:
                continue
            value = item[field]
            many = type(value) is list
            found = [
                where.get(_v4_key(_v4_item(v, LAYER_ITEMS[layer])))
                for v in (value if many else [value])
            ]
            if None in found:
                at = found.index(None)
                raise _FieldProblem(
                    f"{key}[{i}].{field}" + (f"[{at}]" if many else ""),
                    f"is not one of $.{layer}: version 5 documents refer to $.{layer} by index",
                )
            item[field] = found if many else found[0]
    return migrated


def _v4_item(value: Any, cls: type) -> Any:
    """Return a version 4 item of class ``cls`` in version 5's shape (``value`` is kept)."""
    if cls is Span:
        if type(value) is dict and {"start", "end"} <= value.keys() <= {"start", "end", "text"}:
            return [value["start"], value["end"], *([value["text"]] if "text" in value else [])]
        return value
    if type(value) is not dict:
        return value
    if cls is Zone and value.get("kind") in _BOILERPLATE_VALUES:
        cls = Boilerplate
    out = dict(value)
    for field in model_fields(cls):
        if field.name not in out or (cls, field.name) in REFERENCES:
            continue
        tp = field.type
        many = get_origin(tp) is tuple
        inner = get_args(tp)[0] if many else tp
        if not (isinstance(inner, type) and attrs.has(inner)) or out[field.name] is None:
            continue
        item = out[field.name]
        if many and type(item) is list:
            out[field.name] = [_v4_item(v, inner) for v in item]
        elif not many:
            out[field.name] = _v4_item(item, inner)
    return out


def _v4_key(value: Any) -> Any:
    """Return what identifies an item of a version 4 layer: its JSON without any text."""
    return orjson.dumps(_without_text(value), option=orjson.OPT_SORT_KEYS)


def _without_text(value: Any) -> Any:
    if type(value) is dict:
        return {k: _without_text(v) for k, v in value.items() if k != "text"}
    if type(value) is list:
        # A migrated pair [start, end, text] or an array of items.
        if len(value) == 3 and type(value[0]) is int and type(value[2]) is str:
            return value[:2]
        return [_without_text(v) for v in value]
    return value


#: Functions that turn a document of version N into one of version N + 1.
_MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _migrate_1_to_2,
    2: _migrate_2_to_3,
    3: _migrate_3_to_4,
    4: _migrate_4_to_5,
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
    (
        "digests",
        lambda v: (
            type(v) is dict
            and v.keys() == set(LAYER_KEYS)
            and all(d is None or (type(d) is str and DIGEST.fullmatch(d)) for d in v.values())
        ),
        f"an object giving each layer ({', '.join(LAYER_KEYS)}) its digest, "
        f"{DIGEST_LENGTH} lower-case hex digits, or null",
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
    digests = doc["digests"]
    # Taken before checking, which changes the layers in place.
    found = {
        key: _digest_of(doc[key], doc["offsets"]) for key in LAYER_KEYS if digests[key] is not None
    }
    units = _Units.of(text, doc["id"], doc["offsets"])
    token = _UNITS_NOW.set(units)
    try:
        _check_layers(doc, units, problems)
    finally:
        _UNITS_NOW.reset(token)
    if not problems:
        _check_across(doc, problems)
        _check_normalized(doc["normalized"], text, doc["offsets"], problems)
    if not problems:
        _digest_problems(found, digests, problems)
    if problems:
        _fail(problems, where)
    raw = {key: doc[key] for key in LAYER_KEYS}
    return attach(article, Layers.deferred(raw, _build))


def _digest_problems(
    found: dict[str, str | None], recorded: dict[str, str | None], problems: Problems
) -> None:
    for key, digest in found.items():
        if digest != recorded[key]:
            problems.append(
                (
                    f"$.{key}",
                    f"this layer's digest is {digest}, not the recorded {recorded[key]} "
                    f"($.digests.{key}): a value in it was changed, added or left out "
                    "after the document was written (a program that edits a layer "
                    "writes null as its digest)",
                )
            )


def _digest_of(layer: Any, offsets: str) -> str | None:
    """Return the digest of a layer as loaded, or None for data that JSON cannot hold."""
    try:
        return _digest(layer, offsets)
    except orjson.JSONEncodeError:  # an integer beyond 64 bits, say: the checks report it
        return None


# The layers each layer refers to: one that refers to any is checked after them.
_REFERS_TO: dict[str, frozenset[str]] = {
    name: frozenset(layer for (cls, _), layer in REFERENCES.items() if cls is item)
    for name, item in LAYER_ITEMS.items()
}


def _check_layers(doc: dict[str, Any], units: _Units, problems: Problems) -> None:
    """Check every layer, those referred to first; each is kept in ``units`` once checked.

    A layer that refers to a layer with problems is not checked: its references
    would only add noise.
    """
    bad: set[str] = set()
    for referring in (False, True):
        for key in LAYER_KEYS:
            if bool(_REFERS_TO[key]) is not referring or not _REFERS_TO[key].isdisjoint(bad):
                continue
            before = len(problems)
            _check_for(LAYER_TYPES[key])(doc[key], ("$", key), problems)
            if len(problems) > before:
                bad.add(key)
            units.layers[key] = doc[key]
            if len(problems) >= _MAX_PROBLEMS:
                return


def _build(name: str, raw: list[Any]) -> tuple[Any, ...]:
    """Build one checked layer into model objects (offsets are code points by now)."""
    with paused():
        built: tuple[Any, ...] = _converter.structure(raw, LAYER_TYPES[name])
    return built


# --- what the model requires across spans ------------------------------------------------


def _check_across(doc: dict[str, Any], problems: Problems) -> None:
    """Check what holds between items: order, every image part in one image, unique ids."""
    _order_problems(doc, problems)
    _image_part_problems(doc, problems)
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


def _order_problems(doc: dict[str, Any], problems: Problems) -> None:
    """Report items out of text order, and zones and sentences empty or overlapping."""
    for key, what in (("zones", "zone"), ("sentences", "sentence")):
        spans = doc[key]
        for i, span in enumerate(spans):
            start, end = _bounds(span)
            if start == end:
                problems.append((f"$.{key}[{i}]", f"this {what} is empty: every {what} has text"))
            if i and start < _bounds(spans[i - 1])[1]:
                problems.append(
                    (
                        f"$.{key}[{i}]",
                        f"this {what} begins before the one before it ends, at "
                        f"{_bounds(spans[i - 1])[1]}: {what}s are in text order and do not "
                        "overlap",
                    )
                )
    for key, what, order in _ITEM_ORDERS:
        items = doc[key]
        for i in range(1, len(items)):
            if _sort_key(key, items[i]) < _sort_key(key, items[i - 1]):
                problems.append(
                    (
                        f"$.{key}[{i}]",
                        f"this {what} comes before the one before it: {key} are in text order "
                        f"({order})",
                    )
                )
                break


# Quotes come as the quote stage sorts them: a quote before the quotes it holds,
# even one that starts where it does (“‘a’ b”); claims as `check_claims` sorts them.
_ITEM_ORDERS = (
    ("quotes", "quote", "by start, then a quote before those inside it"),
    ("quantities", "quantity", "by start, then end"),
    ("claims", "claim", "by start, then end"),
)


def _sort_key(key: str, item: Any) -> tuple[int, int]:
    start, end = _bounds(item)
    return (start, -end) if key == "quotes" else (start, end)


def _image_part_problems(doc: dict[str, Any], problems: Problems) -> None:
    """Report a zone of an image's kind that is in no image, or in two."""
    # References were resolved to the zone objects themselves: identity tells them apart.
    owner: dict[int, int] = {}
    for i, image in enumerate(doc["images"]):
        for part in ("alt", "caption", "credit"):
            zone = image[part]
            if zone is not None and owner.setdefault(id(zone), i) != i:
                problems.append(
                    (
                        f"$.images[{i}].{part}",
                        f"this zone is also part of $.images[{owner[id(zone)]}]",
                    )
                )
    for i, zone in enumerate(doc["zones"]):
        if zone["kind"] in _IMAGE_VALUES and id(zone) not in owner:
            problems.append(
                (
                    f"$.zones[{i}]",
                    f"a zone of kind {zone['kind']!r} is part of an image, but no image in "
                    "$.images has it",
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


def check_claims(
    text: str, article_id: str, claims: Iterable[Claim], layers: Mapping[str, tuple[Any, ...]]
) -> tuple[Claim, ...]:
    """Check claims given for article ``article_id`` and return them in text order.

    Every span must be a span of ``text``, each claim well formed (as loading
    checks it), its sentences, quantities and quote among those of ``layers``
    (the article's), and claim ids unique.  Raises `SpanError` naming each
    problem's place (``claims[3].attribution.source[1]``), the claims counted in
    text order.
    """
    claims = tuple(claims)
    for i, claim in enumerate(claims):
        if not isinstance(claim, Claim):
            raise TypeError(f"claims[{i}] is a {type(claim).__name__}, not a Claim")
    claims = tuple(sorted(claims, key=lambda claim: (claim.start, claim.end)))
    problems: Problems = []
    out = _Out(article_id, None, layers)
    write = _writer(Claim)
    raw = []
    for i, claim in enumerate(claims):
        try:
            # With the texts the model objects carry, so that they are checked too.
            raw.append(_with_texts(claim, write(claim, out)))
        except _Unreferenced as exc:
            field = next(
                n for (c, n), layer in REFERENCES.items() if c is Claim and layer == exc.layer
            )
            problems.append((f"claims[{i}].{field}", f"not one of the article's {exc.layer}"))
    if problems:
        _claim_problems(article_id, problems)
    units = _Units.of(text, article_id, "codepoint")
    token = _UNITS_NOW.set(units)
    try:
        for name in _REFERS_TO["claims"]:
            items = [_writer(LAYER_ITEMS[name])(item, out) for item in layers[name]]
            _check_for(LAYER_TYPES[name])(items, name, problems)
            units.layers[name] = items
        _check_for(tuple[Claim, ...])(raw, "claims", problems)
    finally:
        _UNITS_NOW.reset(token)
    seen: dict[str, int] = {}
    for i, claim in enumerate(claims):
        first = seen.setdefault(claim.id, i)
        if first != i:
            problems.append((f"claims[{i}].id", f"claim id {claim.id!r} is also claims[{first}]'s"))
    if problems:
        _claim_problems(article_id, problems)
    return claims


def _with_texts(value: Any, written: Any) -> Any:
    """Put the text of every span of ``value`` into ``written``, what the writer made of it.

    A document leaves span texts out; claims given by a caller carry their own,
    which `check_claims` checks against the article's text.  References are indices.
    """
    if isinstance(value, Span) and type(written) is list:  # a pair
        written.append(value.text)
        return written
    if type(written) is not dict:  # a reference, an index
        return written
    if isinstance(value, Span):
        written["text"] = value.text
    for key, item in written.items():
        if key == "text":
            continue
        field = getattr(value, key)
        if type(item) is list and type(field) is tuple:
            for each, written_each in zip(field, item, strict=True):
                if attrs.has(type(each)):
                    _with_texts(each, written_each)
        elif attrs.has(type(field)):
            _with_texts(field, item)
    return written


def _claim_problems(article_id: str, problems: Problems) -> NoReturn:
    raise SpanError(
        f"claims given for article {article_id!r} do not fit it: "
        + "; ".join(f"{p}: {m}" for p, m in problems[:5])
        + (f"; … and {len(problems) - 5} more" if len(problems) > 5 else "")
    )
