"""JSON documents and JSON Lines corpora.

The API, the exact problems reported for each kind of bad value, given claims, the id
index, atomic writes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import orjson
import pytest

from corpuskit import (
    Article,
    ArticleNotFoundError,
    Attribution,
    Claim,
    ClaimKind,
    Corpus,
    CorpusKitError,
    DuplicateIdError,
    InvalidDocumentError,
    OffsetIndex,
    QuantityKind,
    ReadError,
    SchemaVersionError,
    Span,
    SpanError,
    TooLargeError,
    ZoneKind,
)

SEED = "000_dd2c270fb12b86b0.txt"


@pytest.fixture
def seed(seeds_dir: Path) -> Article:
    return Article.from_path(seeds_dir / SEED)


# An article with every layer and every kind of object, with non-ASCII text before
# most spans: title, image (alt, caption, credit), a quote, quantities with a hedge and
# a counted noun, claims with attributions, a byline and a translator credit. Most
# tests of bad values change its document (what `Article.to_dict` writes) in one or a
# few places and check the full list of problems `Article.from_dict` reports: the JSON
# path and the message, which names what was expected and what was found.
TEXT = (
    "Kim Visits Café in Seoul\n\n"
    "Workers wait outside\nWorkers wait outside a café in Seoul REUTERS/Kim Hong-Ji\n\n"
    "“We fled because pay fell by 50%,” one worker said, adding that about 13 people had left.\n\n"
    "Officials said 2,000 workers earned 300 dollars a month, according to Daily NK.\n\n"
    "By Jane Doe\n\n*Translated by Violet Kim\n"
)
LENGTH = len(TEXT)
NORMALIZED_TEXT = "😀 Kim’s “café” — 2\u00a0km…"


def article() -> Article:
    return Article.from_text(TEXT, id="doc")


def document(offsets: str = "codepoint") -> dict[str, Any]:
    return article().to_dict(offsets=offsets)  # type: ignore[arg-type]


def problems(doc: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    with pytest.raises(InvalidDocumentError) as caught:
        Article.from_dict(doc)
    return caught.value.problems


def span(start: int, end: int) -> dict[str, Any]:
    return {"start": start, "end": end, "text": TEXT[start:end]}


def _enum_message(cls: Any, found: str) -> str:
    allowed = ", ".join(repr(member.value) for member in cls)
    return f"expected one of {allowed}, got {found}"


# -- writing documents --------------------------------------------------------------------------


def test_document_header_comes_first_in_a_fixed_order(seed: Article) -> None:
    doc = seed.to_dict()
    assert list(doc) == [
        "schema_version",
        "id",
        "ordinal",
        "source",
        "bom",
        "sha256",
        "offsets",
        "text",
        "zones",
        "images",
        "sentences",
        "quotes",
        "quantities",
        "claims",
        "normalized",
    ]
    assert doc["normalized"] is None
    assert doc["schema_version"] == 4
    assert doc["sha256"] == seed.sha256
    assert doc["text"] == seed.text
    assert doc["offsets"] == "codepoint"
    assert seed.to_json().startswith('{"schema_version":4,"id":"dd2c270fb12b86b0",')


def test_document_writes_every_layer_with_values_a_reader_can_use(seed: Article) -> None:
    doc = seed.to_dict()
    assert [z["kind"] for z in doc["zones"]][:3] == ["image_alt", "caption", "credit"]
    assert len(doc["claims"]) == len(seed.claims)
    claim = doc["claims"][0]
    assert claim["id"] == seed.claims[0].id
    assert claim["kinds"] == ["reported_speech"]
    assert claim["attribution"]["source"]["text"] == "Government officials in Seoul"
    quantity = doc["quantities"][0]
    assert isinstance(quantity["low"], str)  # exact decimals, never floats
    assert json.loads(seed.to_json()) == doc


def test_a_document_with_every_kind_of_object_loads_back() -> None:
    doc = document()
    kinds = [z["kind"] for z in doc["zones"]]
    assert kinds == [
        "title",
        "image_alt",
        "caption",
        "credit",
        "paragraph",
        "paragraph",
        "byline",
        "translator_credit",
    ]
    assert doc["quotes"][0]["content"] == span(106, 138)
    assert doc["quantities"][1]["hedge_span"] == span(169, 174)
    assert doc["quantities"][1]["counted"] == span(178, 184)
    assert doc["claims"][0]["quote"] is not None
    assert Article.from_dict(doc) == article()


def test_to_json_writes_unicode_as_itself_and_indents_on_request(seed: Article) -> None:
    compact = seed.to_json()
    assert "country’s" in compact
    assert "\\u2019" not in compact
    indented = seed.to_json(indent=True)
    assert indented.startswith('{\n  "schema_version": 4,')
    assert Article.from_json(indented) == seed


def test_to_json_rejects_an_unknown_unit(seed: Article) -> None:
    with pytest.raises(ValueError, match="offsets must be one of"):
        seed.to_json(offsets="bytes")  # type: ignore[arg-type]


# -- reading documents --------------------------------------------------------------------------


def test_from_json_takes_str_and_bytes_but_nothing_else(seed: Article) -> None:
    text = seed.to_json()
    assert Article.from_json(text) == Article.from_json(text.encode()) == seed
    with pytest.raises(TypeError, match="str or bytes"):
        Article.from_json(seed.to_dict())  # type: ignore[arg-type]


def test_from_json_names_the_type_it_was_given() -> None:
    with pytest.raises(TypeError) as caught:
        Article.from_json({})  # type: ignore[arg-type]
    assert str(caught.value) == "JSON must be given as str or bytes, got dict"


@pytest.mark.parametrize("kind", [str, bytes])
def test_max_bytes_counts_the_utf8_bytes_of_the_document(kind: type) -> None:
    data = article().to_json()
    size = len(data.encode("utf-8"))
    assert size > len(data)  # the text is not ASCII
    given = data if kind is str else data.encode("utf-8")
    assert Article.from_json(given, max_bytes=size) == article()
    with pytest.raises(TooLargeError) as caught:
        Article.from_json(given, max_bytes=size - 1)
    error = caught.value
    assert (error.size, error.limit, error.parameter, error.path, error.line) == (
        size,
        size - 1,
        "max_bytes",
        None,
        None,
    )
    assert str(error) == (
        f"<json>: the document is {size} bytes, over the limit of {size - 1} bytes: to read "
        "it, pass a larger max_bytes=... (or max_bytes=None for no limit)"
    )


def test_not_json_and_not_an_object_are_errors_at_the_root() -> None:
    for data, message in ((b"{", "not valid JSON"), (b"[1, 2]", "expected an object")):
        with pytest.raises(InvalidDocumentError) as caught:
            Article.from_json(data)
        assert caught.value.json_path == "$"
        assert message in str(caught.value)


def test_a_document_that_is_not_an_object_names_its_type() -> None:
    for value, found in (([], "an array"), ("x", "a string"), (None, "null"), ((), "tuple")):
        with pytest.raises(InvalidDocumentError) as caught:
            Article.from_dict(value)
        assert caught.value.problems == (
            ("$", f"expected an object (an article document), got {found}"),
        )


def test_from_dict_leaves_the_callers_document_alone(seed: Article) -> None:
    doc = seed.to_dict(offsets="utf16")
    before = json.dumps(doc)
    del doc["claims"][0]["text"]
    snapshot = json.dumps(doc)
    loaded = Article.from_dict(doc)
    assert json.dumps(doc) == snapshot != before
    assert loaded == seed


def test_from_dict_rejects_values_json_cannot_hold(seed: Article) -> None:
    doc = seed.to_dict()
    doc["zones"][0]["start"] = {1, 2}
    doc["ordinal"] = float("nan")
    with pytest.raises(InvalidDocumentError) as caught:
        Article.from_dict(doc)
    assert caught.value.problems == (
        ("$.ordinal", "nan is not a JSON number"),
        ("$.zones[0].start", "not JSON data: a set"),
    )


def test_every_key_that_is_not_a_string_is_named() -> None:
    doc = document()
    doc[1] = "x"  # type: ignore[index]
    doc[(2, 3)] = "y"  # type: ignore[index]
    doc["source"] = {None: 1, "ok": "a\udc00b"}
    assert problems(doc) == (
        ("$.source", "object keys must be strings, got None"),
        ("$.source.ok", "a string with a lone surrogate cannot be JSON text"),
        ("$", "object keys must be strings, got 1"),
        ("$", "object keys must be strings, got (2, 3)"),
    )


def test_a_document_nested_too_deeply_is_an_error_at_the_root() -> None:
    doc = document()
    nested: list[Any] = []
    for _ in range(5000):
        nested = [nested]
    doc["source"] = nested
    assert problems(doc) == (("$", "nested too deeply to be an article document"),)


def test_a_lone_surrogate_is_an_error_not_a_crash(seed: Article) -> None:
    doc = seed.to_dict()
    doc["text"] = "a\ud800b"
    with pytest.raises(InvalidDocumentError, match="lone surrogate cannot be JSON text"):
        Article.from_dict(doc)
    escaped = seed.to_json().replace("North Korea Kim", "North \\ud800 Kim", 1)
    assert "\\ud800" in escaped
    with pytest.raises(InvalidDocumentError, match="surrogate") as caught:
        Article.from_json(escaped)
    assert caught.value.json_path == "$"


def test_a_string_with_a_lone_surrogate_is_named_at_its_path() -> None:
    doc = document()
    doc["zones"][0]["text"] = "Kim \ud800"
    doc["source"] = "a\udc00b"
    assert problems(doc) == (
        ("$.source", "a string with a lone surrogate cannot be JSON text"),
        ("$.zones[0].text", "a string with a lone surrogate cannot be JSON text"),
    )


def test_loaded_article_builds_its_layers_only_when_asked(seed: Article) -> None:
    loaded = Article.from_json(seed.to_json())
    given = loaded._given
    assert given is not None
    assert given._values == {}
    assert given._groups == {}
    assert len(given._raw) == 6
    assert loaded.claims == seed.claims
    # Built, packed and kept as a group; the plain data it came from is dropped.
    assert set(given._groups) == {("quotes", "quantities", "claims")}
    assert set(given._raw) == {"zones", "images", "sentences"}
    assert given._values == {}
    assert loaded.zones == seed.zones
    assert set(given._raw) == {"sentences"}


def test_equal_articles_hash_alike_and_differ_when_a_layer_differs(seed: Article) -> None:
    loaded = Article.from_json(seed.to_json())
    assert loaded == seed
    assert hash(loaded) == hash(seed)
    assert len({seed, loaded}) == 1
    fewer = seed.with_claims(seed.claims[1:])
    assert fewer != seed
    assert seed != fewer
    assert fewer == Article.from_json(fewer.to_json())
    assert seed != "not an article"


# -- reporting problems -------------------------------------------------------------------------


def test_errors_name_the_json_path_and_what_was_expected(seed: Article) -> None:
    doc = seed.to_dict()
    doc["claims"][2]["attribution"]["source"]["start"] = "12"
    doc["zones"][1]["end"] = len(seed.text) + 5
    doc["sentences"][0]["extra"] = 1
    with pytest.raises(InvalidDocumentError) as caught:
        Article.from_dict(doc)
    problems = dict(caught.value.problems)
    assert (
        "expected an integer offset, got a string"
        in problems["$.claims[2].attribution.source.start"]
    )
    assert "past the end of the text" in problems["$.zones[1].end"]
    assert "unknown field" in problems["$.sentences[0].extra"]
    assert caught.value.json_path == "$.zones[1].end"  # layers are checked in document order
    assert str(caught.value).startswith("<json>: $.zones[1].end: end ")
    assert isinstance(caught.value, CorpusKitError)
    assert isinstance(caught.value, ValueError)


def test_too_many_problems_are_cut_short(seed: Article) -> None:
    doc = seed.to_dict()
    for span in doc["sentences"] * 10:
        span["start"] = -1
    doc["sentences"] = doc["sentences"] * 10
    with pytest.raises(InvalidDocumentError) as caught:
        Article.from_dict(doc)
    assert len(caught.value.problems) == 100
    assert "… and 95 more problems" in str(caught.value)


def test_no_more_than_a_hundred_problems_across_layers() -> None:
    doc = document()
    doc["zones"] = [5] * 150
    doc["sentences"] = [5] * 3
    found = problems(doc)
    assert len(found) == 100
    assert {path for path, _ in found} == {f"$.zones[{i}]" for i in range(100)}


def test_invalid_document_errors_pickle(seed: Article) -> None:
    import pickle

    doc = seed.to_dict()
    doc["zones"][0]["start"] = -3
    with pytest.raises(InvalidDocumentError) as caught:
        Article.from_dict(doc)
    copy = pickle.loads(pickle.dumps(caught.value))
    assert copy.problems == caught.value.problems
    assert str(copy) == str(caught.value)


# -- the header ---------------------------------------------------------------------------------


def test_top_level_problems_are_reported_together(seed: Article) -> None:
    doc = seed.to_dict()
    del doc["ordinal"]
    doc["colour"] = "blue"
    with pytest.raises(InvalidDocumentError) as caught:
        Article.from_dict(doc)
    assert caught.value.problems == (
        ("$.colour", "unknown field: an article document has no such field"),
        ("$.ordinal", "required field missing"),
    )


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("id", "", "expected a non-empty string, got ''"),
        ("ordinal", -1, "expected an integer from 0 to 2**64 - 1, or null, got a number"),
        ("ordinal", 2**64, "expected an integer from 0 to 2**64 - 1, or null, got a number"),
        ("bom", "no", "expected true or false, got 'no'"),
        ("offsets", "bytes", "expected one of 'codepoint', 'utf16', 'utf8', got 'bytes'"),
        ("text", None, "expected a string, got null"),
    ],
)
def test_header_values_are_checked(seed: Article, key: str, value: object, message: str) -> None:
    doc = seed.to_dict()
    doc[key] = value
    with pytest.raises(InvalidDocumentError) as caught:
        Article.from_dict(doc)
    assert caught.value.problems[0] == (f"$.{key}", message)


def test_schema_version_newer_older_missing_and_wrong(seed: Article) -> None:
    doc = seed.to_dict()
    doc["schema_version"] = 5
    with pytest.raises(SchemaVersionError, match=r"upgrade corpuskit") as caught:
        Article.from_dict(doc)
    assert (caught.value.version, caught.value.supported) == (5, 4)
    for value, message in ((0, "from 1 to 4"), ("4", "expected an integer")):
        doc["schema_version"] = value
        with pytest.raises(InvalidDocumentError, match=message):
            Article.from_dict(doc)
    del doc["schema_version"]
    with pytest.raises(InvalidDocumentError, match="every corpuskit document has one"):
        Article.from_dict(doc)


def test_schema_version_problems() -> None:
    for value, message in (
        ("4", "expected an integer, got a string"),
        (None, "expected an integer, got null"),
        (2.5, "expected an integer, got a number"),
        (0, "expected a version from 1 to 4, got 0"),
        (-1, "expected a version from 1 to 4, got -1"),
    ):
        doc = document()
        doc["schema_version"] = value
        assert problems(doc) == (("$.schema_version", message),)
    doc = document()
    del doc["schema_version"]
    assert problems(doc) == (
        ("$.schema_version", "required field missing: every corpuskit document has one"),
    )


def test_a_changed_checksum_is_shown_up_to_sixty_four_characters() -> None:
    sha = article().sha256
    for recorded, shown in (("f" * 64, repr("f" * 64)), ("0" * 65, repr("0" * 64) + "…")):
        doc = document()
        doc["sha256"] = recorded
        assert problems(doc) == (
            (
                "$.sha256",
                f"the text's SHA-256 is {sha}, not the recorded {shown}: the text was changed "
                "after the document was written (or the checksum was)",
            ),
        )


def test_a_text_that_starts_with_a_byte_order_mark_needs_bom() -> None:
    doc = document()
    doc["text"] = "\ufeff" + doc["text"]
    assert problems(doc) == (
        (
            "$.text",
            "article text starts with U+FEFF, a byte-order mark: build the article with "
            "Article.from_text or Article.from_bytes, which record it in `bom` instead",
        ),
    )


# -- versions -----------------------------------------------------------------------------------


def test_a_version_1_document_loads_through_the_migrations(seed: Article) -> None:
    # Version 1 had code-point offsets only and no "offsets" field; version 2 had
    # no "normalized" field; version 3 claims had no "parts".
    doc = seed.to_dict()
    # Claims in parts came with version 4: an older document holds the others.
    doc["claims"] = [claim for claim in doc["claims"] if claim["parts"] == []]
    seed = Article.from_dict(doc)
    del doc["offsets"]
    del doc["normalized"]
    for claim in doc["claims"]:
        del claim["parts"]
    doc["schema_version"] = 1
    assert Article.from_dict(doc) == seed
    doc["offsets"] = "codepoint"
    with pytest.raises(InvalidDocumentError) as caught:
        Article.from_dict(doc)
    assert caught.value.json_path == "$.offsets"
    doc["schema_version"] = 2
    assert Article.from_dict(doc) == seed
    doc["normalized"] = None
    with pytest.raises(InvalidDocumentError) as caught:
        Article.from_dict(doc)
    assert caught.value.json_path == "$.normalized"
    doc["schema_version"] = 3
    assert Article.from_dict(doc) == seed
    doc["claims"][2]["parts"] = []
    with pytest.raises(InvalidDocumentError) as caught:
        Article.from_dict(doc)
    assert caught.value.json_path == "$.claims[2].parts"


def test_old_versions_may_not_carry_newer_fields() -> None:
    doc = document()
    doc["schema_version"] = 1
    del doc["normalized"]
    assert problems(doc) == (
        ("$.offsets", "unknown field: version 1 documents have no such field"),
    )
    doc = document()
    doc["schema_version"] = 2
    for claim in doc["claims"]:
        del claim["parts"]
    assert problems(doc) == (
        ("$.normalized", "unknown field: version 2 documents have no such field"),
    )
    doc = document()
    doc["schema_version"] = 3
    assert problems(doc) == (
        ("$.claims[0].parts", "unknown field: version 3 documents have no such field"),
    )


# -- the shape of a layer and of the objects in it ----------------------------------------------


def test_a_layer_that_is_not_an_array() -> None:
    doc = document()
    doc["zones"] = {}
    doc["sentences"] = "x"
    doc["claims"] = None
    assert problems(doc) == (
        ("$.zones", "expected an array, got an object"),
        ("$.sentences", "expected an array, got a string"),
        ("$.claims", "expected an array, got null"),
    )


def test_items_that_are_not_objects_name_the_json_type_found() -> None:
    doc = document()
    doc["sentences"] = [1, True, [], "x", None, 2.5, {}]
    assert problems(doc) == (
        ("$.sentences[0]", "expected an object (a span), got a number"),
        ("$.sentences[1]", "expected an object (a span), got a boolean"),
        ("$.sentences[2]", "expected an object (a span), got an array"),
        ("$.sentences[3]", "expected an object (a span), got a string"),
        ("$.sentences[4]", "expected an object (a span), got null"),
        ("$.sentences[5]", "expected an object (a span), got a number"),
        ("$.sentences[6].start", "required field missing from this span"),
        ("$.sentences[6].end", "required field missing from this span"),
    )


@pytest.mark.parametrize(
    ("layer", "what"),
    [
        ("zones", "zone"),
        ("images", "image"),
        ("quotes", "quote"),
        ("quantities", "quantity"),
        ("claims", "claim"),
    ],
)
def test_an_item_that_is_not_an_object_names_what_it_should_be(layer: str, what: str) -> None:
    doc = document()
    doc[layer] = [7]
    assert problems(doc) == ((f"$.{layer}[0]", f"expected an object (a {what}), got a number"),)


def test_unknown_and_missing_fields_name_the_object_and_its_fields() -> None:
    doc = document()
    doc["sentences"][0]["extra"] = 1
    del doc["zones"][0]["kind"]
    doc["zones"][4]["name"] = None  # a paragraph has no name
    del doc["zones"][6]["name"]  # a byline has one, null or not
    del doc["quotes"][0]["depth"]
    doc["claims"][0]["colour"] = "red"
    assert problems(doc) == (
        ("$.zones[0].kind", "required field missing from this zone"),
        ("$.zones[4].name", "unknown field: a zone has the fields start, end, text, kind"),
        ("$.zones[6].name", "required field missing from this boilerplate"),
        ("$.sentences[0].extra", "unknown field: a span has the fields start, end, text"),
        ("$.quotes[0].depth", "required field missing from this quote"),
        (
            "$.claims[0].colour",
            "unknown field: a claim has the fields start, end, text, id, kinds, sentences, "
            "attribution, quantities, quote, parts",
        ),
    )


def test_a_boilerplate_zone_is_checked_as_boilerplate() -> None:
    doc = document()
    doc["zones"][7]["name"] = 5
    doc["zones"][6]["name"] = {"start": 0}
    assert problems(doc) == (
        ("$.zones[6].name.end", "required field missing from this span"),
        ("$.zones[7].name", "expected an object (a span), got a number"),
    )


def test_null_is_rejected_where_a_field_is_not_optional() -> None:
    doc = document()
    quote = doc["quotes"][0]
    quote["balanced"] = None
    quote["depth"] = None
    quote["content"] = None
    claim = doc["claims"][0]
    claim["id"] = None
    claim["kinds"] = None
    doc["quantities"][0]["kind"] = None
    assert problems(doc) == (
        ("$.quotes[0].content", "expected an object (a span), got null"),
        ("$.quotes[0].balanced", "expected true or false, got null"),
        ("$.quotes[0].depth", "expected an integer, got null"),
        ("$.quantities[0].kind", _enum_message(QuantityKind, "null")),
        ("$.claims[0].id", "expected a string, got null"),
        ("$.claims[0].kinds", "expected an array, got null"),
    )


def test_optional_fields_take_null_or_a_value_of_their_type() -> None:
    doc = document()
    quantity = doc["quantities"][1]
    quantity["unit"] = 5
    quantity["hedge"] = ["about"]
    quantity["counted"] = "people"
    doc["quantities"][2]["hedge_span"] = 1.5
    doc["claims"][1]["attribution"]["cue"] = True
    assert problems(doc) == (
        ("$.quantities[1].unit", "expected a string, got a number"),
        ("$.quantities[1].hedge", "expected a string, got an array"),
        ("$.quantities[1].counted", "expected an object (a span), got a string"),
        ("$.quantities[2].hedge_span", "expected an object (a span), got a number"),
        ("$.claims[1].attribution.cue", "expected an object (a span), got a boolean"),
    )
    doc = document()
    doc["quantities"][1]["unit"] = None
    doc["claims"][1]["attribution"]["cue"] = None
    loaded = Article.from_dict(doc)
    assert loaded.quantities[1].unit is None
    assert loaded.claims[1].attribution is not None
    assert loaded.claims[1].attribution.cue is None


def test_fields_of_the_wrong_type() -> None:
    doc = document()
    doc["quotes"][0]["continued"] = "no"
    doc["quotes"][0]["depth"] = {}
    doc["claims"][2]["id"] = 3
    assert problems(doc) == (
        ("$.quotes[0].continued", "expected true or false, got a string"),
        ("$.quotes[0].depth", "expected an integer, got an object"),
        ("$.claims[2].id", "expected a string, got a number"),
    )


def test_enum_values_outside_their_enum() -> None:
    assert _enum_message(ZoneKind, "'x'").startswith(
        "expected one of 'title', 'image_alt', 'caption', 'credit', 'paragraph', "
    )
    doc = document()
    doc["zones"][4]["kind"] = "bogus"
    doc["zones"][5]["kind"] = 3
    doc["claims"][1]["kinds"] = ["statistic", "Statistic", None]
    assert problems(doc) == (
        ("$.zones[4].kind", _enum_message(ZoneKind, "'bogus'")),
        ("$.zones[5].kind", _enum_message(ZoneKind, "a number")),
        ("$.claims[1].kinds[1]", _enum_message(ClaimKind, "'Statistic'")),
        ("$.claims[1].kinds[2]", _enum_message(ClaimKind, "null")),
    )


# -- what each object requires of its parts -----------------------------------------------------


def test_a_translator_name_must_lie_inside_its_zone() -> None:
    doc = document()
    doc["zones"][7]["name"] = span(0, 3)
    assert problems(doc) == (("$.zones[7].name", "[0, 3) does not lie inside its zone [290, 315)"),)


def test_a_quote_content_must_lie_inside_the_quote() -> None:
    doc = document()
    doc["quotes"][0]["content"] = span(138, 140)
    assert problems(doc) == (
        ("$.quotes[0].content", "[138, 140) does not lie inside its quote [105, 139)"),
    )


def test_a_quantity_low_may_not_exceed_its_high() -> None:
    doc = document()
    doc["quantities"][0]["low"] = "50.5"
    assert problems(doc) == (("$.quantities[0].low", "low 50.5 is greater than high 50"),)
    doc = document()
    doc["quantities"][0]["low"] = "49.5"
    assert Article.from_dict(doc).quantities[0].low < 50


def test_a_quantity_hedge_and_its_span_come_together() -> None:
    doc = document()
    doc["quantities"][0]["hedge"] = "about"
    doc["quantities"][1]["hedge_span"] = None
    assert problems(doc) == (
        ("$.quantities[0].hedge", "hedge and hedge_span are both null or both given"),
        ("$.quantities[1].hedge", "hedge and hedge_span are both null or both given"),
    )


def test_a_quantity_hedge_ends_before_it_and_its_counted_noun_starts_after_it() -> None:
    # The quantity "13" is [175, 177); its hedge "about" [169, 174), "people" [178, 184).
    doc = document()
    doc["quantities"][1]["hedge_span"] = span(169, 176)
    doc["quantities"][1]["counted"] = span(176, 184)
    assert problems(doc) == (
        ("$.quantities[1].hedge_span", "the hedge must end before the quantity starts"),
        ("$.quantities[1].counted", "the counted noun must start after the quantity ends"),
    )
    doc = document()
    doc["quantities"][1]["hedge_span"] = span(169, 175)  # ends where the quantity starts
    doc["quantities"][1]["counted"] = span(177, 184)  # starts where the quantity ends
    loaded = Article.from_dict(doc)
    assert loaded.quantities[1].hedge_span == Span(169, 175, TEXT[169:175])
    assert loaded.quantities[1].counted == Span(177, 184, TEXT[177:184])


def test_an_image_part_must_have_its_kind_and_lie_inside_the_image() -> None:
    doc = document()
    image = doc["images"][0]
    image["alt"]["kind"] = "caption"
    image["end"] = 100
    image["text"] = TEXT[26:100]
    assert problems(doc) == (
        ("$.images[0].alt.kind", "expected 'image_alt', got 'caption'"),
        ("$.images[0].credit", "[84, 103) does not lie inside its image [26, 100)"),
    )
    doc = document()
    doc["images"][0]["caption"]["kind"] = "credit"
    doc["images"][0]["credit"]["kind"] = "image_alt"
    assert problems(doc) == (
        ("$.images[0].caption.kind", "expected 'caption', got 'credit'"),
        ("$.images[0].credit.kind", "expected 'credit', got 'image_alt'"),
    )


def test_an_image_may_lack_parts() -> None:
    doc = document()
    image = doc["images"][0]
    image["alt"] = None
    image["start"] = 47
    image["text"] = TEXT[47:103]
    loaded = Article.from_dict(doc)
    assert loaded.images[0].alt is None
    assert loaded.images[0].credit == loaded.zones[3]


def test_image_parts_after_a_missing_one_are_still_checked() -> None:
    doc = document()
    image = doc["images"][0]
    image["alt"] = None
    image["start"] = 47
    image["text"] = TEXT[47:103]
    image["credit"]["kind"] = "caption"
    assert problems(doc) == (("$.images[0].credit.kind", "expected 'credit', got 'caption'"),)


def test_a_claim_needs_an_id_and_a_kind_and_lies_inside_its_quote() -> None:
    doc = document()
    doc["claims"][1]["id"] = ""
    doc["claims"][1]["kinds"] = []
    quote = doc["claims"][0]["quote"]
    quote.update(span(106, 120))
    quote["content"] = span(107, 119)
    assert problems(doc) == (
        ("$.claims[0]", "[106, 138) does not lie inside its quote [106, 120)"),
        ("$.claims[1].id", "a claim id must not be empty"),
        ("$.claims[1].kinds", "a claim has at least one kind"),
    )


def test_what_an_object_requires_is_checked_only_when_its_fields_are_good() -> None:
    doc = document()
    doc["claims"][0]["id"] = ""
    doc["claims"][0]["kinds"] = ["bogus"]
    doc["claims"][2]["id"] = ""
    doc["claims"][2]["sentences"][0]["start"] = -1
    assert problems(doc) == (
        ("$.claims[0].kinds[0]", _enum_message(ClaimKind, "'bogus'")),
        ("$.claims[2].sentences[0].start", "offset -1 is negative: offsets count from 0"),
    )


@pytest.mark.parametrize("unit", ["codepoint", "utf16", "utf8"])
def test_parts_are_checked_in_every_unit_and_without_span_texts(unit: str) -> None:
    doc = document(unit)
    quote = doc["quotes"][0]
    quote["content"] = dict(doc["zones"][0])  # the title, outside the quote
    del quote["content"]["kind"]
    del quote["content"]["text"]
    del quote["text"]
    name = doc["zones"][7]["name"]
    name.update(start=doc["zones"][0]["start"], end=doc["zones"][0]["end"])
    del name["text"]
    paths = [path for path, _ in problems(doc)]
    assert paths == ["$.zones[7].name", "$.quotes[0].content"]


# -- across spans -------------------------------------------------------------------------------


def test_zones_and_sentences_may_not_overlap() -> None:
    doc = document()
    doc["zones"][5] = dict(doc["zones"][4])
    doc["sentences"][3] = span(190, 200)
    assert problems(doc) == (
        (
            "$.zones[5].start",
            "this zone begins before the one before it ends, at 194: "
            "zones are in text order and do not overlap",
        ),
        (
            "$.sentences[3].start",
            "this sentence begins before the one before it ends, at 194: "
            "sentences are in text order and do not overlap",
        ),
    )


def test_the_first_two_spans_of_a_layer_are_checked_for_overlap() -> None:
    doc = document()
    doc["sentences"][1] = dict(doc["sentences"][0])
    assert problems(doc) == (
        (
            "$.sentences[1].start",
            f"this sentence begins before the one before it ends, at {doc['sentences'][0]['end']}: "
            "sentences are in text order and do not overlap",
        ),
    )


def test_spans_may_touch() -> None:
    doc = document()
    doc["sentences"][2] = span(105, 150)
    doc["sentences"].insert(3, span(150, 194))
    assert [s.end for s in Article.from_dict(doc).sentences] == [24, 83, 150, 194, 275]


def test_image_parts_must_be_zones_of_the_document() -> None:
    doc = document()
    doc["images"][0]["alt"] = {**span(26, 33), "kind": "image_alt"}
    doc["images"][0]["credit"] = {**span(84, 91), "kind": "credit"}
    assert problems(doc) == (
        ("$.images[0].alt", "an image's parts are zones: this one is not in $.zones"),
        ("$.images[0].credit", "an image's parts are zones: this one is not in $.zones"),
    )


def test_claim_ids_are_unique() -> None:
    doc = document()
    doc["claims"][2]["id"] = doc["claims"][0]["id"]
    assert problems(doc) == (
        ("$.claims[2].id", "claim id 'doc:106-138' is also the id of $.claims[0]"),
    )


# -- offsets ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "length", "name"),
    [
        ("codepoint", LENGTH, "code points"),
        ("utf16", len(TEXT.encode("utf-16-le")) // 2, "UTF-16 code units"),
        ("utf8", len(TEXT.encode("utf-8")), "UTF-8 bytes"),
    ],
)
def test_offsets_out_of_range_name_the_length_in_the_documents_unit(
    unit: str, length: int, name: str
) -> None:
    doc = document(unit)
    sentences = doc["sentences"]
    del sentences[0]  # the title's: the three left are the ones changed
    sentences[0].update(start=-1, end=3)
    sentences[1].update(start=0, end=length + 1)
    sentences[2].update(start=length, end=length + 1)
    sentences.append({"start": length + 1, "end": length + 2, "text": ""})
    sentences.append({"start": 5, "end": 3})
    sentences.append({"start": 5, "end": 5})
    assert problems(doc) == (
        ("$.sentences[0].start", "offset -1 is negative: offsets count from 0"),
        (
            "$.sentences[1].end",
            f"end {length + 1} is past the end of the text, which has {length} {name}",
        ),
        (
            "$.sentences[2].end",
            f"end {length + 1} is past the end of the text, which has {length} {name}",
        ),
        (
            "$.sentences[3].start",
            f"start {length + 1} is past the end of the text, which has {length} {name}",
        ),
        ("$.sentences[4].end", "end 3 is before start 5: a span is [start, end) with start <= end"),
    )


def test_offsets_that_are_not_integers() -> None:
    doc = document()
    doc["sentences"][0]["end"] = "83"
    doc["sentences"][1]["start"] = None
    doc["sentences"][2]["start"] = 1.5
    doc["sentences"][2]["end"] = True
    assert problems(doc) == (
        ("$.sentences[0].end", "expected an integer offset, got a string"),
        ("$.sentences[1].start", "expected an integer offset, got null"),
        ("$.sentences[2].start", "expected an integer offset, got a number"),
        ("$.sentences[2].end", "expected an integer offset, got a boolean"),
    )


def test_integer_valued_floats_are_not_integer_offsets() -> None:
    doc = document()
    doc["sentences"][0]["start"] = 200.0
    assert problems(doc) == (("$.sentences[0].start", "expected an integer offset, got a number"),)


def test_huge_integer_offsets_are_reported_as_integers() -> None:
    # orjson reads an integer of 2**64 or more as a float.
    data = article().to_json().replace('"start":47,', '"start":18446744073709551616,', 1)
    with pytest.raises(InvalidDocumentError) as caught:
        Article.from_json(data)
    assert caught.value.problems[0] == (
        "$.zones[2].start",
        f"start 18446744073709551616 is past the end of the text, which has {LENGTH} code points",
    )
    data = article().to_json().replace('"end":83,', '"end":-18446744073709551616,', 1)
    with pytest.raises(InvalidDocumentError) as caught:
        Article.from_json(data)
    assert caught.value.problems[0] == (
        "$.zones[2].end",
        "end -18446744073709551616 is before start 47: a span is [start, end) with start <= end",
    )


def test_an_offset_just_below_the_64_bit_range_is_reported_as_an_integer() -> None:
    # orjson reads -9223372036854775809 as a float, which rounds to -2**63.
    data = article().to_json().replace('"end":83,', '"end":-9223372036854775809,', 1)
    with pytest.raises(InvalidDocumentError) as caught:
        Article.from_json(data)
    assert caught.value.problems[0] == (
        "$.zones[2].end",
        "end -9223372036854775808 is before start 47: a span is [start, end) with start <= end",
    )


def test_an_offset_inside_a_character_is_reported_at_its_field() -> None:
    doc = document("utf8")
    doc["zones"][0]["end"] = 15  # inside the two bytes of the "é" of "Café"
    assert problems(doc) == (
        (
            "$.zones[0].end",
            "UTF-8 offset 15 falls inside the 2-byte character U+00E9 at bytes 14..16; "
            f"valid offsets are character boundaries in 0..{len(TEXT.encode())}",
        ),
    )


def test_an_offset_inside_a_character_at_a_span_start() -> None:
    text = "a😀b and some more text."
    doc = Article.from_text(text, id="e").to_dict(offsets="utf16")
    doc["sentences"][0]["start"] = 2
    (problem,) = problems(doc)
    assert problem == (
        "$.sentences[0].start",
        "UTF-16 offset 2 falls inside the surrogate pair of U+1F600 at units 1..3; "
        "valid offsets are character boundaries in 0..24",
    )
    doc = Article.from_text(text, id="e").to_dict(offsets="utf8")
    doc["sentences"][0]["end"] = 3
    (problem,) = problems(doc)
    assert problem == (
        "$.sentences[0].end",
        "UTF-8 offset 3 falls inside the 4-byte character U+1F600 at bytes 1..5; "
        "valid offsets are character boundaries in 0..26",
    )


# -- span texts ---------------------------------------------------------------------------------


def test_a_recorded_text_that_differs_is_shown_clipped() -> None:
    doc = document("utf8")
    doc["sentences"][2]["text"] = "x" * 41
    doc["sentences"][3]["text"] = "y" * 40
    doc["zones"][0]["text"] = 5
    assert problems(doc) == (
        ("$.zones[0].text", "expected a string, got a number"),
        (
            "$.sentences[2].text",
            "recorded text '" + "x" * 40 + "'… is not the text at [105, 194) (code points), "
            "which reads '“We fled because pay fell by 50%,” one w'…: the text or the offsets "
            "were changed after the span was made",
        ),
        (
            "$.sentences[3].text",
            "recorded text '" + "y" * 40 + "' is not the text at [196, 275) (code points), "
            "which reads 'Officials said 2,000 workers earned 300 '…: the text or the offsets "
            "were changed after the span was made",
        ),
    )


def test_a_missing_span_text_is_filled_in_from_the_offsets() -> None:
    for unit in ("codepoint", "utf16", "utf8"):
        doc = document(unit)
        for zone in doc["zones"]:
            del zone["text"]
        del doc["claims"][0]["quote"]["content"]["text"]
        assert Article.from_dict(doc) == article()


# -- decimals -----------------------------------------------------------------------------------


def test_quantity_bounds_are_decimals_written_as_strings() -> None:
    doc = document()
    quantity = doc["quantities"][0]
    quantity["low"] = "abc"
    quantity["high"] = 50
    doc["quantities"][1]["low"] = "1" * 101
    doc["quantities"][1]["high"] = "1e3"
    expected = 'expected a decimal number written as a string, such as "-12.5", got '
    assert problems(doc) == (
        ("$.quantities[0].low", expected + "'abc'"),
        ("$.quantities[0].high", expected + "a number"),
        ("$.quantities[1].low", expected + "'" + "1" * 40 + "'…"),
        ("$.quantities[1].high", expected + "'1e3'"),
    )
    doc = document()
    doc["quantities"][0]["low"] = "0." + "0" * 98
    assert len(doc["quantities"][0]["low"]) == 100
    assert Article.from_dict(doc).quantities[0].low == 0


# -- normalised text ----------------------------------------------------------------------------


def _normalized_document() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(
        Article.from_text(NORMALIZED_TEXT, id="n").to_json(normalized=["quotes"])
    )
    return doc


CHANGED = (
    "is not what normalising the text with these steps gives: "
    "the block was changed after it was written"
)


@pytest.mark.parametrize("offsets", ["codepoint", "utf16", "utf8"])
def test_normalised_text_and_map_travel_with_the_document(offsets: str) -> None:
    article = Article.from_text(
        "Kim said: \u201cwe\u00a0won \U0001f600\u201d \u2014 then left\u2026\r\n\r\nThe end.",
        id="n",
    )
    doc = article.to_dict(offsets=offsets, normalized=["quotes", "spaces", "ellipsis"])  # type: ignore[arg-type]
    block = doc["normalized"]
    assert block["steps"] == ["spaces", "quotes", "ellipsis"]
    assert block["text"] == 'Kim said: "we won \U0001f600" \u2014 then left...\r\n\r\nThe end.'
    assert len(block["map"]["edits"]) == 4
    assert Article.from_dict(doc) == article
    tampered = json.loads(json.dumps(doc))
    tampered["normalized"]["map"]["edits"][0][1] += 1
    with pytest.raises(InvalidDocumentError) as caught:
        Article.from_dict(tampered)
    assert caught.value.json_path == "$.normalized.map"
    tampered = json.loads(json.dumps(doc))
    tampered["normalized"]["steps"] = ["sideways"]
    with pytest.raises(InvalidDocumentError, match="sideways") as caught:
        Article.from_dict(tampered)
    assert caught.value.json_path == "$.normalized.steps"


@pytest.mark.parametrize("unit", ["utf16", "utf8"])
def test_the_normalized_map_is_written_in_the_documents_unit(unit: str) -> None:
    steps = ["quotes", "spaces", "ellipsis"]
    a = Article.from_text(NORMALIZED_TEXT, id="n")
    block = a.to_dict(normalized=steps)["normalized"]
    written = a.to_dict(offsets=unit, normalized=steps)["normalized"]  # type: ignore[arg-type]
    raw, norm = OffsetIndex(NORMALIZED_TEXT), OffsetIndex(block["text"])
    to_raw, to_norm = (
        (raw.to_utf16, norm.to_utf16) if unit == "utf16" else (raw.to_utf8, norm.to_utf8)
    )
    mapping = block["map"]
    assert written == {
        "steps": block["steps"],
        "text": block["text"],
        "map": {
            **mapping,
            "raw_length": to_raw(mapping["raw_length"]),
            "length": to_norm(mapping["length"]),
            "edits": [
                [to_raw(rs), to_raw(re), to_norm(ns), to_norm(ne)]
                for rs, re, ns, ne in mapping["edits"]
            ],
        },
    }
    assert written["map"] != mapping
    assert written["map"]["raw_length"] == (
        len(NORMALIZED_TEXT.encode("utf-8"))
        if unit == "utf8"
        else len(NORMALIZED_TEXT.encode("utf-16-le")) // 2
    )
    assert Article.from_dict(a.to_dict(offsets=unit, normalized=steps)) == a  # type: ignore[arg-type]


def test_to_json_writes_the_normalized_block_when_asked() -> None:
    a = Article.from_text(NORMALIZED_TEXT, id="n")
    assert json.loads(a.to_json())["normalized"] is None
    block = json.loads(a.to_json(normalized=["quotes"]))["normalized"]
    assert block["steps"] == ["quotes"]
    assert block["text"] == '😀 Kim\'s "café" — 2\u00a0km…'
    assert json.loads(a.to_json(offsets="utf8", normalized=["quotes"]))["normalized"]["map"][
        "raw_length"
    ] == len(NORMALIZED_TEXT.encode("utf-8"))


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (5, ("$.normalized", "expected an object or null, got a number")),
        (
            {"steps": [], "text": ""},
            ("$.normalized", "expected exactly the fields steps, text and map"),
        ),
        (
            {"steps": "quotes", "text": "", "map": {}},
            ("$.normalized.steps", "expected an array of step names"),
        ),
        (
            {"steps": [1], "text": "", "map": {}},
            ("$.normalized.steps", "expected an array of step names"),
        ),
    ],
)
def test_a_normalized_block_of_the_wrong_shape(block: object, expected: tuple[str, str]) -> None:
    doc = _normalized_document()
    doc["normalized"] = block
    assert problems(doc) == (expected,)


def test_a_changed_normalized_block_names_each_changed_part() -> None:
    doc = _normalized_document()
    doc["normalized"]["text"] = "x"
    assert problems(doc) == (("$.normalized.text", CHANGED),)
    doc = _normalized_document()
    doc["normalized"]["steps"] = ["quotes", "dashes"]
    assert problems(doc) == (("$.normalized.text", CHANGED), ("$.normalized.map", CHANGED))


# -- claims given from outside ------------------------------------------------------------------


def _claim(article: Article, start: int, end: int, claim_id: str, text: str | None = None) -> Claim:
    return Claim(
        start,
        end,
        article.text[start:end] if text is None else text,
        id=claim_id,
        kinds=(ClaimKind.STATISTIC,),
        sentences=(),
        attribution=None,
        quantities=(),
    )


def test_with_claims_replaces_the_claims_and_keeps_the_rest(seed: Article) -> None:
    mine = _claim(seed, 0, 11, "mine:1")
    changed = seed.with_claims([*seed.claims, mine])
    assert changed.claims[-1] == mine
    assert changed.claims[:-1] == seed.claims
    assert changed.zones == seed.zones
    assert changed.quotes == seed.quotes
    assert changed != seed
    assert Article.from_json(changed.to_json(offsets="utf8")) == changed
    assert changed.with_claims(seed.claims) == seed


def test_with_claims_names_the_claim_and_field_that_do_not_fit(seed: Article) -> None:
    wrong_text = Claim(
        0,
        5,
        "Xorth",
        id="a",
        kinds=(ClaimKind.STATISTIC,),
        sentences=(),
        attribution=Attribution(Span(0, 3, "Nor"), Span(5, 500_000, "x" * 499_995)),
        quantities=(),
    )
    with pytest.raises(SpanError) as caught:
        seed.with_claims([_claim(seed, 0, 5, "a"), wrong_text])
    message = str(caught.value)
    assert "claims[1].text" in message
    assert "claims[1].attribution.cue.end" in message
    assert "claims[1].id" in message
    with pytest.raises(TypeError, match=r"claims\[0\] is a Span"):
        seed.with_claims([Span(0, 1, "N")])  # type: ignore[list-item]


def test_given_claims_that_are_not_claims() -> None:
    a = article()
    with pytest.raises(TypeError) as caught:
        a.with_claims([_claim(a, 0, 3, "a"), "b"])  # type: ignore[list-item]
    assert str(caught.value) == "claims[1] is a str, not a Claim"


def test_given_claims_with_problems_are_reported_five_at_a_time() -> None:
    a = article()
    claims = [_claim(a, 0, 3, "a", "Xim"), _claim(a, 0, 3, "a"), _claim(a, 0, 3, "a")]
    with pytest.raises(SpanError) as caught:
        a.with_claims(claims)
    assert str(caught.value) == (
        "claims given for article 'doc' do not fit it: claims[0].text: recorded text 'Xim' is "
        "not the text at [0, 3) (code points), which reads 'Kim': the text or the offsets were "
        "changed after the span was made; claims[1].id: claim id 'a' is also claims[0]'s; "
        "claims[2].id: claim id 'a' is also claims[0]'s"
    )
    with pytest.raises(SpanError) as caught:
        a.with_claims([_claim(a, 0, 3, str(i), "Xim") for i in range(5)])
    assert str(caught.value).count("recorded text 'Xim'") == 5
    assert str(caught.value).endswith(
        "the text or the offsets were changed after the span was made"
    )
    with pytest.raises(SpanError) as caught:
        a.with_claims([_claim(a, 0, 3, str(i), "Xim") for i in range(6)])
    assert str(caught.value).endswith("; … and 1 more")
    with pytest.raises(SpanError) as caught:
        a.with_claims([_claim(a, 0, 3, str(i), "Xim") for i in range(7)])
    assert str(caught.value).count("recorded text 'Xim'") == 5
    assert str(caught.value).endswith("; … and 2 more")


# -- JSON Lines ---------------------------------------------------------------------------------


def test_jsonl_round_trip_streams_in_order(seeds_dir: Path, tmp_path: Path) -> None:
    corpus = Corpus.from_dir(seeds_dir)
    path = tmp_path / "corpus.jsonl"
    assert corpus.to_jsonl(path) == 2
    lines = path.read_bytes().split(b"\n")
    assert len(lines) == 3
    assert lines[-1] == b""
    loaded = Corpus.from_jsonl(path)
    assert list(loaded) == list(corpus)
    assert loaded.ids == corpus.ids
    assert len(loaded) == 2
    assert "09ca764c561f071a" in loaded
    assert "nope" not in loaded
    assert loaded["09ca764c561f071a"] == corpus["09ca764c561f071a"]
    assert loaded.files == ()
    assert repr(loaded) == f"Corpus.from_jsonl({str(path)!r}, on_error='raise')"


def test_jsonl_lookup_names_close_ids(seeds_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    Corpus.from_dir(seeds_dir).to_jsonl(path)
    with pytest.raises(ArticleNotFoundError, match="did you mean 'dd2c270fb12b86b0'"):
        Corpus.from_jsonl(path)["dd2c270fb12b86b1"]


def test_jsonl_index_follows_the_file_when_it_changes(seeds_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    first, second = list(Corpus.from_dir(seeds_dir))
    Corpus.from_dir(seeds_dir).to_jsonl(path)
    corpus = Corpus.from_jsonl(path)
    assert corpus[first.id] == first
    path.write_bytes(second.to_json().encode() + b"\n")
    assert corpus.ids == (second.id,)
    assert first.id not in corpus
    assert corpus[second.id] == second


def test_jsonl_lookup_uses_offsets_and_handles_lines_it_did_not_write(
    seed: Article, tmp_path: Path
) -> None:
    # Keys in another order (as another program may write them), blank lines, CRLF.
    doc = seed.to_dict()
    reordered = {k: doc[k] for k in reversed(list(doc))}
    other = Article.from_text("Short text.\n\nA second paragraph.", id='b"q')  # JSON escapes it
    path = tmp_path / "c.jsonl"
    path.write_bytes(
        b"\n" + orjson.dumps(reordered) + b"\r\n\n" + other.to_json().encode() + b"\n   \n"
    )
    corpus = Corpus.from_jsonl(path)
    assert corpus.ids == (seed.id, 'b"q')
    assert corpus['b"q'] == other
    assert corpus[seed.id] == seed
    assert list(corpus) == [seed, other]


def test_jsonl_bad_line_is_named_and_skipped_on_request(seeds_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    articles = list(Corpus.from_dir(seeds_dir))
    good = [a.to_json().encode() for a in articles]
    broken = articles[0].to_dict()
    broken["claims"][2]["start"] = -1
    broken["id"] = "other"
    path.write_bytes(good[0] + b"\n" + orjson.dumps(broken) + b"\n" + good[1] + b"\n")
    with pytest.raises(InvalidDocumentError) as caught:
        list(Corpus.from_jsonl(path))
    assert caught.value.line == 2
    assert caught.value.path == str(path)
    assert str(caught.value).startswith(f"{path}:2: $.claims[2].start: offset -1 is negative")
    skipping = Corpus.from_jsonl(path, on_error="skip")
    assert [a.id for a in skipping] == [a.id for a in articles]
    (error,) = skipping.skipped
    assert error is not None
    assert getattr(error, "line", None) == 2
    # The index knows the line (its id is readable); loading it is what fails.
    assert "other" in skipping
    with pytest.raises(InvalidDocumentError):
        skipping["other"]


def test_jsonl_cut_mid_line_says_so(seeds_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    Corpus.from_dir(seeds_dir).to_jsonl(path)
    path.write_bytes(path.read_bytes()[:-200])
    with pytest.raises(InvalidDocumentError, match="was the file cut short") as caught:
        list(Corpus.from_jsonl(path))
    assert caught.value.line == 2
    corpus = Corpus.from_jsonl(path, on_error="skip")
    assert [a.id for a in corpus] == ["dd2c270fb12b86b0"]
    assert [e.line for e in corpus.skipped if isinstance(e, InvalidDocumentError)] == [2]


def test_jsonl_repeated_id_is_an_error_or_skipped(seed: Article, tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    line = seed.to_json().encode() + b"\n"
    path.write_bytes(line * 3)
    with pytest.raises(DuplicateIdError, match=r":1, .*:2"):
        list(Corpus.from_jsonl(path))
    with pytest.raises(DuplicateIdError):
        len(Corpus.from_jsonl(path))
    corpus = Corpus.from_jsonl(path, on_error="skip")
    assert list(corpus) == [seed]
    assert len(corpus) == 1
    assert sorted(e.path for e in corpus.skipped if isinstance(e, DuplicateIdError)) == [
        f"{path}:2",
        f"{path}:3",
    ]


def test_jsonl_missing_file_is_a_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="cannot read JSON Lines file"):
        Corpus.from_jsonl(tmp_path / "none.jsonl")
    with pytest.raises(ValueError, match="on_error"):
        Corpus.from_jsonl(tmp_path / "none.jsonl", on_error="ignore")  # type: ignore[arg-type]


def test_to_jsonl_leaves_the_old_file_when_an_article_fails(
    seeds_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for p in seeds_dir.glob("*.txt"):
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "002_00000000000000ff.txt").write_bytes(b"bad \xff byte")
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"previous\n")
    with pytest.raises(CorpusKitError):
        Corpus.from_dir(folder).to_jsonl(out)
    assert out.read_bytes() == b"previous\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    skipping = Corpus.from_dir(folder, on_error="skip")
    assert skipping.to_jsonl(out, offsets="utf16") == 2
    assert len(skipping.skipped) == 1
    assert [a.id for a in Corpus.from_jsonl(out)] == [
        "dd2c270fb12b86b0",
        "09ca764c561f071a",
    ]


def test_to_jsonl_gives_the_file_ordinary_permissions(seeds_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    Corpus.from_dir(seeds_dir).to_jsonl(out)
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_to_jsonl_writes_the_normalized_block_when_asked(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(NORMALIZED_TEXT, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    Corpus.from_dir(tmp_path).to_jsonl(out, normalized=["quotes"])
    (line,) = out.read_bytes().splitlines()
    assert json.loads(line)["normalized"]["text"] == '😀 Kim\'s "café" — 2\u00a0km…'
    Corpus.from_dir(tmp_path).to_jsonl(out)
    (line,) = out.read_bytes().splitlines()
    assert json.loads(line)["normalized"] is None
