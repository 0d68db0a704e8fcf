"""The JSON Schema of article documents: shipped as generated, and true to what is written."""

from __future__ import annotations

import functools
import importlib.resources
import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import news_texts, texts

from corpuskit import (
    Article,
    Attribution,
    Boilerplate,
    Claim,
    ClaimKind,
    CorpusKitError,
    Image,
    InvalidDocumentError,
    Quantity,
    QuantityKind,
    Quote,
    ZoneKind,
)
from corpuskit.io import json as _json
from corpuskit.io import schema as _schema
from corpuskit.io.schema import json_schema, main
from corpuskit.model.units import OffsetUnit

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
UNITS: tuple[OffsetUnit, ...] = ("codepoint", "utf16", "utf8")
DIALECT = "https://json-schema.org/draft/2020-12/schema"


@functools.cache
def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json_schema())


def assert_valid(doc: dict[str, Any]) -> None:
    errors = sorted(validator().iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{e.json_path}: {e.message}" for e in errors[:5])


def seed_document(name: str, offsets: OffsetUnit = "codepoint") -> dict[str, Any]:
    return Article.from_path(ROOT / "seeds" / name).to_dict(offsets=offsets)


# --- the shipped files ---------------------------------------------------------------


def test_schema_packaged_file_equals_the_generated_schema() -> None:
    resource = importlib.resources.files("corpuskit") / "schema" / "article.schema.json"
    assert resource.is_file()
    assert json.loads(resource.read_text("utf-8")) == json_schema()


def test_schema_docs_copy_equals_the_generated_schema() -> None:
    path = ROOT / "docs" / "schema" / "article.schema.json"
    assert json.loads(path.read_text("utf-8")) == json_schema()


def test_schema_files_are_written_exactly_as_main_writes_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--check", "--root", str(ROOT)]) == 0
    assert capsys.readouterr().err == ""


def test_schema_main_writes_both_files_and_check_sees_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--check", "--root", str(tmp_path)]) == 1
    assert "missing" in capsys.readouterr().err
    assert main(["--root", str(tmp_path)]) == 0
    written = [
        tmp_path / "corpuskit" / "schema" / "article.schema.json",
        tmp_path / "docs" / "schema" / "article.schema.json",
    ]
    for path in written:
        data = path.read_bytes()
        assert data.endswith(b"}\n")
        assert json.loads(data) == json_schema()
        assert b'\n  "$schema"' in data, "indented by two spaces"
    assert main(["--check", "--root", str(tmp_path)]) == 0
    capsys.readouterr()
    written[1].write_bytes(written[1].read_bytes().replace(b"\n", b"\r\n"))
    assert main(["--check", "--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "out of date" in err
    assert "docs" in err
    assert str(written[0]) not in err


def test_schema_files_are_indented_json_with_a_final_newline(tmp_path: Path) -> None:
    main(["--root", str(tmp_path)])
    expected = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    for path in ("corpuskit/schema/article.schema.json", "docs/schema/article.schema.json"):
        assert (tmp_path / path).read_bytes() == expected.encode("utf-8")


def test_schema_generation_is_stable() -> None:
    first = json.dumps(json_schema())
    assert json.dumps(json_schema()) == first


# --- the schema itself -------------------------------------------------------------------


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = json_schema()
    assert schema["$schema"] == DIALECT
    assert schema["$id"].startswith("https://")
    assert schema["$id"].endswith(f"-{_json.SCHEMA_VERSION}.schema.json")
    assert schema["title"]
    assert schema["description"]
    jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_version_is_the_one_written() -> None:
    schema = json_schema()
    assert schema["properties"]["schema_version"]["const"] == _json.SCHEMA_VERSION
    assert seed_document(SEEDS[0].name)["schema_version"] == _json.SCHEMA_VERSION


def test_schema_enums_are_the_members_of_the_enums() -> None:
    defs = json_schema()["$defs"]
    assert defs["ZoneKind"]["enum"] == [k.value for k in ZoneKind]
    assert defs["ClaimKind"]["enum"] == [k.value for k in ClaimKind]
    assert defs["QuantityKind"]["enum"] == [k.value for k in QuantityKind]
    assert json_schema()["properties"]["offsets"]["enum"] == list(UNITS)


def test_schema_zone_is_a_plain_zone_or_boilerplate_by_kind() -> None:
    defs = json_schema()["$defs"]
    assert defs["Zone"]["oneOf"] == [{"$ref": "#/$defs/PlainZone"}, {"$ref": "#/$defs/Boilerplate"}]
    plain = defs["PlainZone"]
    boilerplate = defs["Boilerplate"]
    assert plain["properties"]["kind"]["enum"] == [
        k.value for k in ZoneKind if not k.is_boilerplate
    ]
    assert boilerplate["properties"]["kind"]["enum"] == [
        k.value for k in ZoneKind if k.is_boilerplate
    ]
    assert "name" not in plain["properties"]
    assert "name" in boilerplate["properties"]
    assert "name" not in boilerplate["required"]  # left out when null
    assert boilerplate["properties"]["name"]["default"] is None


def objects(schema: Any, path: str = "$") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every object schema (``"type": "object"``) within ``schema``, with where it is."""
    if isinstance(schema, dict):
        if schema.get("type") == "object" and "properties" in schema:
            yield path, schema
        for key, value in schema.items():
            if key not in ("enum", "const", "required"):
                yield from objects(value, f"{path}.{key}")
    elif isinstance(schema, list):
        for i, value in enumerate(schema):
            yield from objects(value, f"{path}[{i}]")


def test_schema_describes_every_property_and_definition() -> None:
    schema = json_schema()
    found = list(objects(schema))
    defined = [d for d in schema["$defs"].values() if d.get("type") == "object"]
    # The document, its digests and the objects in $defs.
    assert len(found) == 2 + len(defined) == 11
    for path, obj in found:
        assert obj["additionalProperties"] is False, path
        for name, prop in obj["properties"].items():
            description = prop.get("description")
            assert isinstance(description, str), f"{path}.properties.{name}"
            assert description.strip(), f"{path}.properties.{name}"
    for name, definition in schema["$defs"].items():
        assert definition.get("description"), name


def test_schema_fails_to_generate_when_a_field_has_no_description(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delitem(_schema._DESCRIPTIONS, (Quote, "depth"))
    with pytest.raises(LookupError, match=re.escape("Quote.depth")):
        json_schema()


def test_schema_fails_to_generate_when_a_description_names_no_field(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(_schema._DESCRIPTIONS, (Quote, "loudness"), "How loud.")
    with pytest.raises(LookupError, match=re.escape("Quote.loudness")):
        json_schema()


@pytest.mark.parametrize(
    "cls", [Image, Quote, Attribution, Quantity, Claim, Boilerplate], ids=lambda c: c.__name__
)
def test_schema_objects_have_exactly_the_model_fields_in_order(cls: type) -> None:
    definition = json_schema()["$defs"][cls.__name__]
    names = [f.name for f in attrs.fields(cls)]
    assert list(definition["properties"]) == names
    defaults = _json.json_defaults(cls)
    derived = {name for owner, name in _json.DERIVED if owner is cls}
    optional = {"text", *defaults, *derived}
    assert definition["required"] == [n for n in names if n not in optional]
    for name, default in defaults.items():
        assert definition["properties"][name]["default"] == default
    assert definition["additionalProperties"] is False


def test_schema_plain_spans_are_pairs_with_an_optional_text() -> None:
    span = json_schema()["$defs"]["Span"]
    assert span["type"] == "array"
    assert [item.get("type") for item in span["prefixItems"]] == ["integer", "integer", "string"]
    assert span["minItems"] == 2
    assert span["items"] is False
    assert validator().is_valid({**seed_document(SEEDS[0].name), "sentences": [[0, 5]]})
    for bad in ([0], [0, 5, "x", 1], [0, "5"], [-1, 5], {"start": 0, "end": 5}):
        doc = {**seed_document(SEEDS[0].name), "sentences": [bad]}
        assert not validator().is_valid(doc), bad


def test_schema_references_are_indices() -> None:
    defs = json_schema()["$defs"]
    for cls, name in _json.REFERENCES:
        prop = defs[cls.__name__]["properties"][name]
        index = prop["items"] if prop.get("type") == "array" else prop
        assert index["type"] in ("integer", ["integer", "null"]), (cls, name, prop)
        assert index["minimum"] == 0


def test_schema_top_level_keys_are_the_document_keys_in_order() -> None:
    schema = json_schema()
    keys = [*_json.HEADER_KEYS, *_json.LAYER_KEYS, *_json.EXTRA_KEYS]
    assert list(schema["properties"]) == keys
    assert schema["required"] == keys
    assert schema["additionalProperties"] is False
    assert list(seed_document(SEEDS[0].name)) == keys


def test_schema_offsets_are_non_negative_integers() -> None:
    for name in ("PlainZone", "Boilerplate", "Image", "Quote", "Quantity", "Claim"):
        props = json_schema()["$defs"][name]["properties"]
        for key in ("start", "end"):
            assert props[key]["type"] == "integer"
            assert props[key]["minimum"] == 0


@pytest.mark.parametrize(
    "value",
    [
        *("0", "-0", "7", "-12.5", "10000000", "0.25", "1" * 100, "-" + "1" * 99),
        *("01", "1.", ".5", "+1", "1e3", "1,000", " 1", "", "NaN", "1" * 101, "-" + "1" * 100),
    ],
)
def test_schema_decimals_are_what_the_loader_accepts(value: str) -> None:
    doc = seed_document(SEEDS[0].name)
    doc["quantities"][0].update(low=value, high=value)
    doc["digests"]["quantities"] = None  # an edit: without this the digest refuses it
    problems: list[str] = []
    try:
        Article.from_dict(doc)
    except InvalidDocumentError as exc:
        problems = [path for path, _ in exc.problems]
    assert problems in ([], ["$.quantities[0].low", "$.quantities[0].high"])
    loads = not problems
    assert validator().is_valid(doc) == loads


# --- documents that validate -------------------------------------------------------------


@pytest.mark.parametrize("offsets", UNITS)
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_schema_accepts_the_seed_documents(seed: Path, offsets: OffsetUnit) -> None:
    assert_valid(seed_document(seed.name, offsets))


def test_schema_seed_documents_cover_every_kind_of_object() -> None:
    docs = [seed_document(seed.name) for seed in SEEDS]
    assert any(d["images"] for d in docs)
    assert any(z["kind"] == "translator_credit" and z["name"] for d in docs for z in d["zones"])
    assert any(q.get("hedge") for d in docs for q in d["quantities"])
    assert any(
        c.get("quote") is not None and c.get("attribution") for d in docs for c in d["claims"]
    )
    assert any(c.get("quantities") for d in docs for c in d["claims"])
    assert any(c.get("parts") for d in docs for c in d["claims"])


@given(news_texts())
def test_schema_accepts_documents_of_news_like_text(text: str) -> None:
    article = Article.from_text(text, id="x", ordinal=3, source="003_x.txt")
    for offsets in UNITS:
        assert_valid(article.to_dict(offsets=offsets))


@given(texts())
def test_schema_accepts_documents_of_any_text(text: str) -> None:
    article = Article.from_text(text, id="x")
    for offsets in UNITS:
        assert_valid(article.to_dict(offsets=offsets))


@given(news_texts(), st.data())
def test_schema_accepts_documents_with_claims_given(text: str, data: st.DataObject) -> None:
    article = Article.from_text(text, id="x")
    claims = article.claims
    keep = data.draw(st.lists(st.booleans(), min_size=len(claims), max_size=len(claims)))
    chosen = [c for c, k in zip(claims, keep, strict=True) if k]
    given_claims = article.with_claims(chosen)
    for offsets in UNITS:
        doc = given_claims.to_dict(offsets=offsets)
        assert len(doc["claims"]) == len(chosen)
        assert_valid(doc)


def add_span_texts(value: Any, text: str) -> Any:
    """The document with every span's text written out, as version 4 wrote it."""
    if isinstance(value, list):
        if len(value) == 2 and all(type(v) is int for v in value):
            return [*value, text[value[0] : value[1]]]
        return [add_span_texts(v, text) for v in value]
    if isinstance(value, dict):
        # References (a claim's sentences, an image's alt...) are indices, not spans.
        refs = {name for _, name in _json.REFERENCES}
        out = {k: v if k in refs else add_span_texts(v, text) for k, v in value.items()}
        if "start" in value and "end" in value:
            out["text"] = text[value["start"] : value["end"]]
        return out
    return value


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_schema_accepts_spans_with_their_text(seed: Path) -> None:
    doc = seed_document(seed.name)
    written = {**doc, **{key: add_span_texts(doc[key], doc["text"]) for key in _json.LAYER_KEYS}}
    written["digests"] = dict.fromkeys(_json.LAYER_KEYS)
    assert len(written["sentences"][0]) == 3
    assert "text" in written["zones"][0]
    assert_valid(written)
    assert Article.from_dict(written) == Article.from_dict(doc)


# --- documents that do not -------------------------------------------------------------


def seed_index(seed: int, layer: str, test: Callable[[dict[str, Any]], bool]) -> int:
    """The index of the first object of a seed document's layer that passes ``test``."""
    return next(i for i, obj in enumerate(seed_document(SEEDS[seed].name)[layer]) if test(obj))


DROP = object()  # the key is taken out
TRANSLATOR = seed_index(1, "zones", lambda z: z["kind"] == "translator_credit")
PARAGRAPH = seed_index(0, "zones", lambda z: z["kind"] == "paragraph")
HEDGED = seed_index(1, "quantities", lambda q: q.get("hedge") is not None)
WITH_PARTS = seed_index(0, "claims", lambda c: bool(c.get("parts")))

# (what is wrong, seed, the object changed (keys from the top), its key, the new value or
# DROP, what the schema says).  Seed 0 has images; seed 1 boilerplate and hedged quantities.
KeyPath = tuple[str | int, ...]
BROKEN: list[tuple[str, int, KeyPath, str | int, Any, str]] = [
    ("no sha256", 0, (), "sha256", DROP, "'sha256' is a required"),
    ("no digests", 0, (), "digests", DROP, "'digests' is a required"),
    ("no text", 0, (), "text", DROP, "'text' is a required"),
    ("no claims layer", 0, (), "claims", DROP, "'claims' is a required"),
    ("a zone without start", 0, ("zones", 0), "start", DROP, "'start' is a required"),
    ("a claim without kinds", 0, ("claims", 0), "kinds", DROP, "'kinds' is a required"),
    ("a quantity without low", 0, ("quantities", 0), "low", DROP, "'low' is a required"),
    ("a claim of one part", 0, ("claims", WITH_PARTS), "parts", [[603, 677]], "should not be"),
    ("an unknown top-level field", 0, (), "language", "en", "'language' was unexpected"),
    ("an unknown field in a claim", 0, ("claims", 0), "score", 0.9, "'score' was unexpected"),
    ("an unknown field in a zone", 0, ("zones", 0), "x", 1, "'x' was unexpected"),
    ("a span of one offset", 0, ("claims", 0, "attribution"), "source", [1], "is too short"),
    ("a span of four items", 0, ("quotes", 0), "content", [1, 2, "a", 3], "at most 3 items"),
    ("a string offset", 0, ("sentences", 0), 0, "16", "is not of type 'integer'"),
    ("a float offset", 0, ("sentences", 0), 1, 110.5, "is not of type 'integer'"),
    ("a boolean offset", 0, ("quotes", 0, "content"), 0, True, "not of type 'integer'"),
    ("a null offset", 0, ("zones", 0), "end", None, "is not of type 'integer'"),
    ("a negative offset", 0, ("zones", 0), "start", -1, "less than the minimum of 0"),
    ("a negative offset deep down", 0, ("claims", 0, "attribution", "cue"), 1, -5, "minimum"),
    ("an object for a span", 0, ("quotes", 0), "content", {"start": 1}, "not of type 'array'"),
    ("a bad zone kind", 0, ("zones", PARAGRAPH), "kind", "headline", "is not one of"),
    ("a bad claim kind", 0, ("claims", 0, "kinds"), 0, "opinion", "is not one of"),
    ("no claim kinds", 0, ("claims", 0), "kinds", [], "should be non-empty"),
    ("a bad quantity kind", 0, ("quantities", 0), "kind", "weight", "is not one of"),
    ("a bad offset unit", 0, (), "offsets", "utf32", "is not one of"),
    ("a float for a decimal", 0, ("quantities", 0), "low", 2.0, "is not of type 'string'"),
    ("an integer for a decimal", 0, ("quantities", 0), "high", 3, "is not of type 'string'"),
    ("an exponent in a decimal", 0, ("quantities", 0), "high", "1e3", "does not match"),
    ("schema_version 6", 0, (), "schema_version", 6, "5 was expected"),
    ("schema_version 4", 0, (), "schema_version", 4, "5 was expected"),
    ("schema_version as a string", 0, (), "schema_version", "5", "5 was expected"),
    ("a short digest", 0, ("digests",), "claims", "abc", "does not match"),
    ("a digest of no layer", 0, ("digests",), "words", None, "'words' was unexpected"),
    ("a layer without digest", 0, ("digests",), "zones", DROP, "'zones' is a required"),
    (
        "a normalized block missing its map",
        0,
        (),
        "normalized",
        {"steps": [], "text": ""},
        "'map' is a required property",
    ),
    ("an empty id", 0, (), "id", "", "should be non-empty"),
    ("a negative ordinal", 0, (), "ordinal", -1, "less than the minimum of 0"),
    ("an upper-case sha256", 0, (), "sha256", "A" * 64, "does not match"),
    ("a short sha256", 0, (), "sha256", "a" * 63, "does not match"),
    ("bom as 0", 0, (), "bom", 0, "is not of type 'boolean'"),
    ("a number for source", 0, (), "source", 7, "is not of type 'string', 'null'"),
    ("an empty claim id", 0, ("claims", 0), "id", "", "should be non-empty"),
    ("a string for balanced", 0, ("quotes", 0), "balanced", "yes", "not of type 'boolean'"),
    ("a null quote content", 0, ("quotes", 0), "content", None, "is not of type 'array'"),
    ("a layer that is not an array", 0, (), "sentences", {}, "is not of type 'array'"),
    ("an image alt that is a zone", 0, ("images", 0), "alt", {"start": 0}, "not of type"),
    ("a sentence index as a string", 0, ("claims", 0, "sentences"), 0, "2", "not of type"),
    ("a negative quote index", 0, ("claims", WITH_PARTS), "quote", -1, "less than the minimum"),
    ("a repeated sentence index", 0, ("claims", WITH_PARTS), "sentences", [4, 4], "non-unique"),
    ("a paragraph zone with name", 0, ("zones", PARAGRAPH), "name", None, "'name' was unexpected"),
    ("a hedge without hedge_span", 1, ("quantities", HEDGED), "hedge_span", DROP, "is not valid"),
]


def all_errors(
    errors: Iterable[jsonschema.ValidationError],
) -> Iterator[jsonschema.ValidationError]:
    """The errors and, for oneOf and anyOf, the errors of each branch."""
    for error in errors:
        yield error
        yield from all_errors(error.context or ())


def json_path(path: KeyPath) -> str:
    return "$" + "".join(f"[{key}]" if isinstance(key, int) else f".{key}" for key in path)


@pytest.mark.parametrize(
    ("seed", "path", "key", "value", "says"),
    [case[1:] for case in BROKEN],
    ids=[case[0] for case in BROKEN],
)
def test_schema_rejects_broken_documents(
    seed: int, path: KeyPath, key: str | int, value: Any, says: str
) -> None:
    doc = seed_document(SEEDS[seed].name)
    assert_valid(doc)
    target: Any = doc
    for step in path:
        target = target[step]
    is_new = "was unexpected" in says
    if value is DROP:
        del target[key]
    else:
        target[key] = value
    # A missing or unknown key is reported at its object, a wrong value at the value.
    where = json_path(path if value is DROP or is_new else (*path, key))
    errors = list(validator().iter_errors(doc))
    assert errors
    found = [(e.json_path, e.message) for e in all_errors(errors)]
    assert any(p == where and says in m for p, m in found), (where, found)
    with pytest.raises(CorpusKitError):
        Article.from_dict(doc)  # what the schema rejects, loading rejects too
