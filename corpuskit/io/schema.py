"""The JSON Schema of article documents, generated from the model classes.

`json_schema` walks the attrs fields of the classes a document is made of
(`Span`, `Zone`, `Boilerplate`, `Image`, `Quote`, `Attribution`, `Quantity`,
`Claim`) and of `Article` for the header, and maps their types to JSON Schema
(draft 2020-12):

* ``int`` → integer, ``str`` → string, ``bool`` → boolean;
* ``decimal.Decimal`` → a string holding a decimal number;
* an enum → a string of its values, defined once in ``$defs``;
* ``X | None`` → ``X`` or null;
* ``tuple[X, ...]`` → an array of ``X``;
* `Span` → the pair ``[start, end]`` (a third item, the text, is allowed);
* any other attrs class → an object in ``$defs`` with exactly the class's
  fields, referenced with ``$ref``; a span's ``text`` is never required, and
  neither is a field that has a default (`corpuskit.io.json.json_defaults`,
  given as ``default``) or is derived from the others (`DERIVED`);
* a field that refers to another layer (`REFERENCES`) → an index into it, or
  an array of indices.

A `Zone` is written as one of two shapes, chosen by its kind: a plain zone, or
a `Boilerplate` zone with a ``name``; the schema says so with a ``oneOf``.
Constraints the types do not carry (offsets are not negative, a claim has at
least one kind, an image's ``alt`` is an ``image_alt`` zone...) and every
description are written out below, keyed by class and field; a field left
without a description is an error, so the schema cannot fall behind the model.

``python -m corpuskit.io.schema`` writes the schema to
``corpuskit/schema/article.schema.json`` (shipped with the package) and
``docs/schema/article.schema.json``; ``--check`` exits with status 1 when
either file differs from what the model gives.
"""

from __future__ import annotations

import argparse
import decimal
import enum
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, get_args, get_origin

import attrs

from corpuskit.align.normalize import NormalizeStep
from corpuskit.article import Article
from corpuskit.io.json import (
    DECIMAL,
    DERIVED,
    DIGEST_LENGTH,
    EXTRA_KEYS,
    HEADER_KEYS,
    INT_RANGES,
    LAYER_KEYS,
    LAYER_TYPES,
    MAX_DECIMAL_DIGITS,
    MAX_ORDINAL,
    REFERENCES,
    SCHEMA_VERSION,
    json_defaults,
)
from corpuskit.model.claims import Claim, ClaimKind
from corpuskit.model.fields import model_fields, optional_type
from corpuskit.model.quantities import Quantity, QuantityKind
from corpuskit.model.quotes import Attribution, Quote
from corpuskit.model.spans import Span
from corpuskit.model.units import UNIT_NAMES
from corpuskit.model.zones import Boilerplate, Image, Zone, ZoneKind

__all__ = ["SCHEMA_ID", "json_schema", "main"]

#: The ``$id`` of the schema of the current document version.
SCHEMA_ID = f"https://corpuskit.readthedocs.io/schema/article-{SCHEMA_VERSION}.schema.json"

_DIALECT = "https://json-schema.org/draft/2020-12/schema"

# Where `main` writes the schema, relative to the repository root.
_FILES = (
    Path("corpuskit", "schema", "article.schema.json"),
    Path("docs", "schema", "article.schema.json"),
)
_ROOT = Path(__file__).resolve().parents[2]  # the repository: corpuskit/io/schema.py

Schema = dict[str, Any]

_TITLE = f"corpuskit article document, version {SCHEMA_VERSION}"
_DESCRIPTION = (
    "One article as Article.to_json writes it: a header, the article's exact text and"
    " its annotation layers (zones, images, sentences, quotes, quantities, claims).  "
    "Every span gives offsets into `text`, counted in the unit `offsets` names; the "
    "text it covers is not written.  Nothing is stored twice: a claim refers to its "
    "sentences, quantities and quote, and an image to its zones, by index, and a "
    "field at its default is left out.  Loading a document also checks what this "
    "schema cannot say: every span lies inside the text with start <= end, on "
    "character boundaries of the unit, and covers exactly its text when one is given;"
    " `sha256` is the checksum of the raw bytes and each non-null digest of `digests`"
    " that of its layer; zones and sentences are in text order, not empty and do not "
    "overlap; quotes, quantities and claims are in text order (a quote before those "
    "inside it); a boilerplate name, a quote's content and an image's parts lie "
    "inside their parent, and a claim inside its quote (its first part, when it has "
    "parts) and inside its sentences; an image has at least one part, of the right "
    "kind, and every image part belongs to one image; a quantity's low is at most its"
    " high, its hedge ends before it and its counted noun starts after it; a claim's "
    "kinds are in order without repeats and its parts in order, not overlapping and "
    "running from its start to its end; claim ids are unique."
)

# --- what the types do not say ----------------------------------------------------------

_SPAN_TEXT = "text"  # the one field a document may leave out, on spans only

#: Class-level descriptions, for the ``$defs`` entries.
_CLASS_DESCRIPTIONS: dict[type, str] = {
    Span: (
        "A half-open range [start, end) of the article's text, in the document's "
        "offset unit, written as the pair [start, end]; a third item, the text it "
        "covers, is allowed (documents migrated from version 4 carry it) and then "
        "checked."
    ),
    Zone: (
        "A typed part of the article: a plain zone, or a boilerplate zone, which "
        "also has a `name`; `kind` says which."
    ),
    Boilerplate: (
        "An end-matter zone (translator credit, contact line, link text, byline, "
        "other boilerplate); a translator credit names the translator in `name`."
    ),
    Image: (
        "An image block: its alt text, caption and photo credit, each a zone or "
        "null; its span runs from the first part to the last."
    ),
    Quote: (
        "Text between quotation marks; the span includes the marks, `content` is "
        "the text inside them."
    ),
    Attribution: "Who says something (`source`) and with which words (`cue`).",
    Quantity: "A number stated in the text, with its exact value.",
    Claim: "A statement someone could check; the span cites its content.",
    ZoneKind: "What a zone of an article is.",
    QuantityKind: "What a quantity measures.",
    ClaimKind: "What makes a statement check-worthy.",
}
_PLAIN_ZONE = "PlainZone"
_PLAIN_ZONE_DESCRIPTION = "A zone of a kind that is not boilerplate; it has no `name`."

#: One description per field, keyed by the class that declares it (a subclass
#: may say more about a field it inherits) and, for `Article`, by every key of
#: the document's top level.
_DESCRIPTIONS: dict[tuple[type, str], str] = {
    (Article, "schema_version"): (
        f"The version of the document format; this schema describes version {SCHEMA_VERSION}."
    ),
    (Article, "id"): "The article's id, unique in its corpus.",
    (Article, "ordinal"): (
        "The article's number in its corpus (the NNN of a file named NNN_<id>.txt), or null."
    ),
    (Article, "source"): "Where the article was read from, such as its file name, or null.",
    (Article, "bom"): (
        "Whether the raw file began with a UTF-8 byte-order mark, which is not part of `text`."
    ),
    (Article, "sha256"): (
        "The SHA-256 of the raw file's bytes (byte-order mark included), in lower-case hex."
    ),
    (Article, "offsets"): (
        "The unit every offset in the document counts: Unicode code points, UTF-16 "
        "code units or bytes of the UTF-8 text."
    ),
    (Article, "digests"): (
        f"For each layer, the first {DIGEST_LENGTH} hex digits of the SHA-256 of the "
        "name of the offset unit, a line feed and the layer's array as written (compact "
        "JSON in UTF-8: no spaces, keys in the order written), or null.  Loading refuses "
        "a layer whose digest differs, so an edit made after writing is caught; a "
        "program that edits a layer writes null."
    ),
    (Article, "normalized"): (
        "Null, or (when asked for) the text normalised with the steps named, and the map "
        "from it to the raw text: one [raw_start, raw_end, start, end] per changed region, "
        "offsets in the document's unit. Loading checks it is exactly what normalising "
        "the text with those steps gives."
    ),
    (Article, "text"): (
        "The article's exact text, decoded from UTF-8 with no newline translation and no stripping."
    ),
    (Article, "zones"): "The article's zones, in text order and not overlapping.",
    (Article, "images"): "The image blocks the zones form, in text order.",
    (Article, "sentences"): (
        "The sentences of the title, the paragraphs and the captions, in text order "
        "and not overlapping."
    ),
    (Article, "quotes"): "The quotations in the title and the paragraphs, nested ones included.",
    (Article, "quantities"): "The numbers stated in the title, the paragraphs and the captions.",
    (Article, "claims"): "The check-worthy statements of the title and the paragraphs.",
    (Span, "start"): "Where the span starts, in the document's offset unit.",
    (Span, "end"): (
        "Where the span ends, just past its last character, in the document's "
        "offset unit; never before start."
    ),
    (Span, "text"): (
        "The text the span covers: never written (the offsets and the article's text "
        "give it); when given, loading checks it."
    ),
    (Quote, "start"): "Where the quote starts: at its opening mark, when it has one.",
    (Quote, "end"): "Where the quote ends: just past its closing mark, when it has one.",
    (Zone, "kind"): "What the zone is.",
    (Boilerplate, "kind"): "What kind of end matter the zone is.",
    (Boilerplate, "name"): "The translator's name, in a translator credit; otherwise null.",
    (Image, "alt"): "The index in zones of the image's alt text, a zone of kind image_alt.",
    (Image, "caption"): "The index in zones of the image's caption, a zone of kind caption.",
    (Image, "credit"): "The index in zones of the image's photo credit, a zone of kind credit.",
    (Quote, "content"): "The text strictly inside the quotation marks.",
    (Quote, "balanced"): "False when a quotation mark is missing: a best effort in broken text.",
    (Quote, "continued"): (
        "True when the quote runs on into the next paragraph without a closing mark, news style."
    ),
    (Quote, "depth"): "0 for a quote, 1 for a quote inside another.",
    (Attribution, "source"): "Who says it, as written, or null.",
    (Attribution, "cue"): "The reporting verb or phrase, or null.",
    (Attribution, "resolved"): (
        'The full earlier mention that a back-reference such as "the source" or '
        '"she" stands for, or null.'
    ),
    (Quantity, "kind"): "What the quantity measures.",
    (Quantity, "low"): (
        "The exact value, or the lower end of a range; for a date, the day of the month."
    ),
    (Quantity, "high"): (
        "The exact value, or the upper end of a range; left out when it equals low."
    ),
    (Quantity, "unit"): 'A currency code, "percent", or null.',
    (Quantity, "hedge"): (
        'The hedge word before the quantity ("about", "more than"), normalised, or '
        "null; null exactly when hedge_span is."
    ),
    (Quantity, "hedge_span"): "Where the hedge stands, before the quantity, or null.",
    (Quantity, "counted"): "The noun the number counts, after the quantity, or null.",
    (Claim, "id"): (
        "The claim's id, unique; left out when it is the id derived from the article id "
        "and the claim's offsets in code points, <article id>:<start>-<end>."
    ),
    (Claim, "kinds"): (
        "What the claim is, at least one kind, in the order ClaimKind lists them, each once."
    ),
    (Claim, "sentences"): "The indices in sentences of the sentences the claim lies in.",
    (Claim, "attribution"): "Who makes the claim with which words, or null when unattributed.",
    (Claim, "quantities"): "The indices in quantities of the numbers the claim states.",
    (Claim, "quote"): (
        "The index in quotes of the quote the claim comes from, for a direct quote."
    ),
    (Claim, "parts"): (
        "Empty when the claim's content is its one span; otherwise the content's pieces "
        "(two or more, in text order, not overlapping, none empty) when an attribution "
        'interrupts it ("The bank, he said, would cut 400 jobs."): the first starts at the '
        "claim's start, the last ends at its end, and the claim's span is their hull."
    ),
}

#: Keywords added to a field's schema (to the value when it is not null), keyed
#: like the descriptions; a subclass inherits them.
_FIELD_RULES: dict[tuple[type, str], Schema] = {
    (Article, "id"): {"minLength": 1},
    (Article, "ordinal"): {"minimum": 0, "maximum": MAX_ORDINAL},
    (Span, "start"): {"minimum": 0},
    (Span, "end"): {"minimum": 0},
    (Claim, "id"): {"minLength": 1},
    (Claim, "kinds"): {"minItems": 1},
    (Claim, "parts"): {"not": {"minItems": 1, "maxItems": 1}},
    **{key: {"minimum": low, "maximum": high} for key, (low, high) in INT_RANGES.items()},
}

#: Keywords added to the object schema of a class.
_CLASS_RULES: dict[type, Schema] = {
    Quantity: {
        "$comment": "hedge and hedge_span are both null or both given",
        "anyOf": [
            {"properties": {"hedge": {"type": "null"}, "hedge_span": {"type": "null"}}},
            {
                "required": ["hedge", "hedge_span"],
                "properties": {"hedge": {"type": "string"}, "hedge_span": {"type": "array"}},
            },
        ],
    },
}

#: The top-level keys that are not fields of `Article`.
_DOCUMENT_ONLY: dict[str, Schema] = {
    "schema_version": {"const": SCHEMA_VERSION},
    "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
    "offsets": {"type": "string", "enum": list(UNIT_NAMES)},
    "digests": {
        "type": "object",
        "properties": {
            name: {
                "description": f"The digest of {name}, or null.",
                "type": ["string", "null"],
                "pattern": f"^[0-9a-f]{{{DIGEST_LENGTH}}}$",
            }
            for name in LAYER_KEYS
        },
        "required": list(LAYER_KEYS),
        "additionalProperties": False,
    },
    "normalized": {"anyOf": [{"$ref": "#/$defs/Normalized"}, {"type": "null"}]},
}

#: Definitions of what `normalize` gives, written when a document is asked for it.
_NORMALIZED_DEFS: dict[str, Schema] = {
    "Normalized": {
        "description": "The article's text normalised, and the way back to the raw text.",
        "type": "object",
        "properties": {
            "steps": {
                "description": "The normalisation steps run, in the order they ran.",
                "type": "array",
                "items": {"type": "string", "enum": [s.value for s in NormalizeStep]},
            },
            "text": {"description": "The normalised text.", "type": "string"},
            "map": {
                "description": "How offsets of the normalised text relate to the raw text.",
                "$ref": "#/$defs/OffsetMap",
            },
        },
        "required": ["steps", "text", "map"],
        "additionalProperties": False,
    },
    "OffsetMap": {
        "description": (
            "The changed regions only, in order; between them the texts are identical."
        ),
        "type": "object",
        "properties": {
            "raw_length": {
                "description": "The raw text's length, in the document's unit.",
                "type": "integer",
                "minimum": 0,
            },
            "length": {
                "description": "The normalised text's length, in the document's unit.",
                "type": "integer",
                "minimum": 0,
            },
            "edits": {
                "description": (
                    "One [raw_start, raw_end, start, end] per changed region: "
                    "raw[raw_start:raw_end] became text[start:end]."
                ),
                "type": "array",
                "items": {
                    "type": "array",
                    "items": {"type": "integer", "minimum": 0},
                    "minItems": 4,
                    "maxItems": 4,
                },
            },
        },
        "required": ["raw_length", "length", "edits"],
        "additionalProperties": False,
    },
}

_SIMPLE: dict[Any, Schema] = {
    int: {"type": "integer"},
    str: {"type": "string"},
    bool: {"type": "boolean"},
    decimal.Decimal: {
        "type": "string",
        "pattern": f"^{DECIMAL.pattern}$",
        "maxLength": MAX_DECIMAL_DIGITS,
    },
}


# --- the generator ----------------------------------------------------------------------


def _ref(name: str) -> Schema:
    return {"$ref": f"#/$defs/{name}"}


def _nullable(schema: Schema) -> Schema:
    """Return the schema of ``schema``'s values or null."""
    kind = schema.get("type")
    if isinstance(kind, str) and not {"$ref", "enum", "const"} & schema.keys():
        return {**schema, "type": [kind, "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


class _Generator:
    """Builds the schema, collecting ``$defs`` and the descriptions used."""

    def __init__(self) -> None:
        self.defs: dict[str, Schema] = {}
        self.used: set[tuple[type, str]] = set()

    def document(self) -> Schema:
        fields = {f.name: f for f in attrs.fields(attrs.resolve_types(Article))}
        properties: Schema = {}
        for key in (*HEADER_KEYS, *LAYER_KEYS, *EXTRA_KEYS):
            if key in LAYER_KEYS:
                schema = self.schema_of(LAYER_TYPES[key])
            elif key in _DOCUMENT_ONLY:
                schema = dict(_DOCUMENT_ONLY[key])
            elif key in fields:
                schema = self.field(Article, key, fields[key].type)
            else:  # pragma: no cover - a header key nobody described
                raise LookupError(f"no schema for the document key {key!r}")
            properties[key] = {"description": self.describe(Article, key), **schema}
        self.defs.update(_NORMALIZED_DEFS)
        unused = _DESCRIPTIONS.keys() - self.used
        if unused:
            names = ", ".join(sorted(f"{cls.__name__}.{name}" for cls, name in unused))
            raise LookupError(f"descriptions of fields the documents do not have: {names}")
        return {
            "$schema": _DIALECT,
            "$id": SCHEMA_ID,
            "title": _TITLE,
            "description": _DESCRIPTION,
            "type": "object",
            "properties": properties,
            "required": list(properties),
            "additionalProperties": False,
            "$defs": {name: self.defs[name] for name in sorted(self.defs)},
        }

    def describe(self, cls: type, name: str) -> str:
        """Return the description of field ``name`` of ``cls``, or of a base class's field."""
        for owner in cls.__mro__:
            if (owner, name) in _DESCRIPTIONS:
                self.used.add((owner, name))
                return _DESCRIPTIONS[owner, name]
        raise LookupError(f"{cls.__name__}.{name} has no description: add one to _DESCRIPTIONS")

    def field(self, cls: type, name: str, tp: Any, narrow: Schema | None = None) -> Schema:
        """Return the schema of field ``name`` of type ``tp`` of ``cls``."""
        inner = optional_type(tp)
        if (cls, name) in REFERENCES:
            index: Schema = {"type": "integer", "minimum": 0}
            many = get_origin(tp) is tuple
            schema = {"type": "array", "items": index, "uniqueItems": True} if many else index
        else:
            schema = self.schema_of(tp if inner is None else inner)
        if narrow is not None:
            schema.update(narrow)
        for owner in cls.__mro__:
            schema.update(_FIELD_RULES.get((owner, name), {}))
        return schema if inner is None else _nullable(schema)

    def schema_of(self, tp: Any) -> Schema:
        """Return the schema of values of type ``tp`` (a new dict, free to change)."""
        if tp in _SIMPLE:
            return dict(_SIMPLE[tp])
        inner = optional_type(tp)
        if inner is not None:
            return _nullable(self.schema_of(inner))
        args = get_args(tp)
        if get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": self.schema_of(args[0])}
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            values = [member.value for member in tp]
            description = _CLASS_DESCRIPTIONS[tp]
            return self.define(
                tp.__name__,
                lambda: {"description": description, "type": "string", "enum": values},
            )
        if tp is Span:
            return self.define("Span", self.pair)
        if tp is Zone:
            return self.define("Zone", self.zone)
        if isinstance(tp, type) and attrs.has(tp):
            cls = tp
            return self.define(cls.__name__, lambda: self.object(cls))
        raise TypeError(f"no JSON Schema for {tp!r}")  # pragma: no cover

    def define(self, name: str, build: Callable[[], Schema]) -> Schema:
        """Put the schema ``build`` gives in ``$defs`` under ``name``, once; return a reference."""
        if name not in self.defs:
            self.defs[name] = {}  # taken, while it is built
            self.defs[name] = build()
        return _ref(name)

    def object(
        self,
        cls: type,
        *,
        description: str | None = None,
        narrow: Mapping[str, Schema] | None = None,
    ) -> Schema:
        """Return the schema of an object holding exactly the fields of attrs class ``cls``."""
        if not attrs.has(cls):  # pragma: no cover
            raise TypeError(f"{cls!r} is not an attrs class")
        fields = model_fields(cls)
        narrow = narrow or {}
        defaults = json_defaults(cls)
        properties: Schema = {}
        for f in fields:
            tp = f.type | None if f.optional else f.type
            schema = self.field(cls, f.name, tp, narrow.get(f.name))
            if f.name in defaults:
                schema["default"] = defaults[f.name]
            properties[f.name] = {"description": self.describe(cls, f.name), **schema}
        optional = {_SPAN_TEXT, *defaults, *(name for owner, name in DERIVED if owner is cls)}
        schema = {
            "description": _CLASS_DESCRIPTIONS[cls] if description is None else description,
            "type": "object",
            "properties": properties,
            "required": [f.name for f in fields if f.name not in optional],
            "additionalProperties": False,
        }
        schema.update(_CLASS_RULES.get(cls, {}))
        return schema

    def pair(self) -> Schema:
        """Return the schema of a plain span: ``[start, end]``, or ``[start, end, text]``."""
        offset = {"type": "integer", "minimum": 0}
        return {
            "description": _CLASS_DESCRIPTIONS[Span],
            "type": "array",
            "prefixItems": [offset, offset, {"type": "string"}],
            "items": False,
            "minItems": 2,
        }

    def zone(self) -> Schema:
        """Return the schema of a zone: a `Boilerplate` for a boilerplate kind, else plain."""
        plain = [kind.value for kind in ZoneKind if not kind.is_boilerplate]
        boilerplate = [kind.value for kind in ZoneKind if kind.is_boilerplate]
        plain_ref = self.define(
            _PLAIN_ZONE,
            lambda: self.object(
                Zone, description=_PLAIN_ZONE_DESCRIPTION, narrow={"kind": {"enum": plain}}
            ),
        )
        boilerplate_ref = self.define(
            Boilerplate.__name__,
            lambda: self.object(Boilerplate, narrow={"kind": {"enum": boilerplate}}),
        )
        return {"description": _CLASS_DESCRIPTIONS[Zone], "oneOf": [plain_ref, boilerplate_ref]}


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of the article documents this corpuskit writes.

    The schema is generated from the model classes each time; the copy shipped
    as ``corpuskit/schema/article.schema.json`` is its output.  It describes a
    document's shape: fields, types, enum values, which fields may be null.
    What holds between values (a span's text is the text at its offsets, spans
    are ordered and nested) is checked by `Article.from_json` only.
    """
    return _Generator().document()


def _dumps(schema: Mapping[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Write the schema files, or with ``--check`` tell whether they are up to date.

    Returns the exit status: 1 when ``--check`` finds a file missing or
    different from the generated schema, else 0.
    """
    parser = argparse.ArgumentParser(
        prog="python -m corpuskit.io.schema",
        description="Write the JSON Schema of article documents, generated from the model.",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit with status 1 if a schema file is missing or out of date",
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=_ROOT,
        help="the repository root the files are written under (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    data = _dumps(json_schema()).encode("utf-8")
    status = 0
    for relative in _FILES:
        path: Path = args.root / relative
        if args.check:
            try:
                current = path.read_bytes()
            except FileNotFoundError:
                current = None
            if current != data:
                state = "missing" if current is None else "out of date"
                print(f"{path}: {state}; run python -m corpuskit.io.schema", file=sys.stderr)
                status = 1
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            print(f"wrote {path}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
