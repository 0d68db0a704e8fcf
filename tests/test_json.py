"""JSON documents and JSON Lines corpora.

The API, the format (pairs, references, defaults, digests), the exact problems reported
for each kind of bad value, migrations from older versions, given claims, the id index,
atomic writes.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import attrs
import orjson
import pytest
from documents import canonical, null_digests, version_4, with_texts

from corpuskit import (
    Article,
    ArticleNotFoundError,
    Attribution,
    Boilerplate,
    Claim,
    ClaimKind,
    Corpus,
    CorpusKitError,
    DuplicateIdError,
    Image,
    InvalidDocumentError,
    OffsetIndex,
    Quantity,
    QuantityKind,
    Quote,
    ReadError,
    SchemaVersionError,
    Span,
    SpanError,
    TooLargeError,
    Zone,
    ZoneKind,
)
from corpuskit.io.json import LAYER_KEYS as LAYERS
from corpuskit.io.json import json_defaults

SEED = "000_dd2c270fb12b86b0.txt"


@pytest.fixture
def seed(seeds_dir: Path) -> Article:
    return Article.from_path(seeds_dir / SEED)


# An article with every layer and every kind of object, with non-ASCII text before
# most spans: title, image (alt, caption, credit), a quote, quantities with a hedge and
# a counted noun, claims with attributions, a byline and a translator credit. Most
# tests of bad values change its document (what `Article.to_dict` writes) in one or a
# few places and check the full list of problems `Article.from_dict` reports: the JSON
# path and the message, which names what was expected and what was found. Such a test
# nulls the digests, as a program that edits a layer must, so that the check it is
# about is the one that speaks; the tests of digests (below) keep them.
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


def problems(doc: dict[str, Any], *, digests: bool = False) -> tuple[tuple[str, str], ...]:
    """The problems loading ``doc`` reports, its digests nulled first unless ``digests``."""
    if not digests and isinstance(doc.get("digests"), dict):
        null_digests(doc)
    with pytest.raises(InvalidDocumentError) as caught:
        Article.from_dict(doc)
    return caught.value.problems


def edited(doc: dict[str, Any]) -> Article:
    """Load ``doc`` after a change that leaves it valid, its digests nulled."""
    return Article.from_dict(null_digests(doc))


def digest(doc: dict[str, Any], layer: str) -> str:
    """A layer's digest, as docs/json.md defines it.

    The SHA-256 of the offset unit and a line feed, then the layer's compact JSON;
    cut to 16 hex digits.
    """
    head = doc["offsets"] + "\n"
    compact = json.dumps(doc[layer], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((head + compact).encode("utf-8")).hexdigest()[:16]


def span(start: int, end: int) -> dict[str, Any]:
    """A span object as version 4 wrote it, with its text."""
    return {"start": start, "end": end, "text": TEXT[start:end]}


_DECIMAL = 'expected a decimal number written as a string, such as "-12.5", got '


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
        "digests",
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
    assert doc["schema_version"] == 5
    assert doc["sha256"] == seed.sha256
    assert list(doc["digests"]) == list(doc)[9:15]
    assert doc["text"] == seed.text
    assert doc["offsets"] == "codepoint"
    assert seed.to_json().startswith('{"schema_version":5,"id":"dd2c270fb12b86b0",')


def test_document_writes_every_layer_with_values_a_reader_can_use(seed: Article) -> None:
    doc = seed.to_dict()
    assert [z["kind"] for z in doc["zones"]][:3] == ["image_alt", "caption", "credit"]
    assert len(doc["claims"]) == len(seed.claims)
    claim = doc["claims"][0]
    assert "id" not in claim  # the id of its offsets: left out
    assert seed.claims[0].id == f"{seed.id}:{claim['start']}-{claim['end']}"
    assert claim["kinds"] == ["reported_speech"]
    start, end = claim["attribution"]["source"]
    assert doc["text"][start:end] == "Government officials in Seoul"
    (index,) = claim["sentences"]
    assert seed.sentences[index] == seed.claims[0].sentences[0]
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
    assert doc["images"] == [{"start": 26, "end": 103, "alt": 1, "caption": 2, "credit": 3}]
    assert doc["sentences"] == [[0, 24], [47, 83], [105, 194], [196, 275]]
    assert doc["quotes"] == [{"start": 105, "end": 139, "content": [106, 138]}]
    assert doc["quantities"][1]["hedge_span"] == [169, 174]
    assert doc["quantities"][1]["counted"] == [178, 184]
    assert doc["claims"][0]["quote"] == 0
    assert doc["claims"][0]["sentences"] == [2]
    assert doc["claims"][2]["quantities"] == [2, 3]
    assert Article.from_dict(doc) == article()


def test_to_json_writes_unicode_as_itself_and_indents_on_request(seed: Article) -> None:
    compact = seed.to_json()
    assert "country’s" in compact
    assert "\\u2019" not in compact
    indented = seed.to_json(indent=True)
    assert indented.startswith('{\n  "schema_version": 5,')
    assert Article.from_json(indented) == seed


def test_to_json_rejects_an_unknown_unit(seed: Article) -> None:
    with pytest.raises(ValueError, match="offsets must be one of"):
        seed.to_json(offsets="bytes")  # type: ignore[arg-type]


def test_the_fields_a_document_may_leave_out_are_the_documented_ones() -> None:
    assert json_defaults(Zone) == {}
    assert json_defaults(Boilerplate) == {"name": None}
    assert json_defaults(Image) == {"alt": None, "caption": None, "credit": None}
    assert json_defaults(Span) == {}
    assert json_defaults(Quote) == {"balanced": True, "continued": False, "depth": 0}
    assert json_defaults(Quantity) == {
        "unit": None,
        "hedge": None,
        "hedge_span": None,
        "counted": None,
    }
    assert json_defaults(Claim) == {
        "sentences": [],
        "attribution": None,
        "quantities": [],
        "quote": None,
        "parts": [],
    }
    assert json_defaults(Attribution) == {"source": None, "cue": None, "resolved": None}


def test_a_field_at_its_default_is_left_out() -> None:
    doc = document()
    assert doc["zones"][6] == {"start": 277, "end": 288, "kind": "byline"}  # no name
    assert doc["zones"][7]["name"] == [305, 315]
    assert doc["quotes"][0].keys() == {"start", "end", "content"}  # balanced, depth 0
    assert doc["quantities"][1] == {
        "start": 175,
        "end": 177,
        "kind": "count",
        "low": "13",  # high is low: left out
        "hedge": "about",
        "hedge_span": [169, 174],
        "counted": [178, 184],
    }
    assert doc["quantities"][3]["unit"] == "USD"
    first, second = doc["claims"][:2]
    assert first.keys() == {
        "start",
        "end",
        "kinds",
        "sentences",
        "attribution",
        "quantities",
        "quote",
    }
    assert second.keys() == {"start", "end", "kinds", "sentences", "attribution", "quantities"}
    assert second["attribution"].keys() == {"source", "cue"}  # resolved is null
    loaded = Article.from_dict(doc)
    assert loaded.zones[6] == Boilerplate(277, 288, TEXT[277:288], ZoneKind.BYLINE, None)
    quote = loaded.quotes[0]
    assert (quote.balanced, quote.continued, quote.depth) == (True, False, 0)
    assert loaded.quantities[1].high == loaded.quantities[1].low == 13
    assert loaded.quantities[1].unit is None
    claim = loaded.claims[1]
    assert (claim.id, claim.quote, claim.parts) == ("doc:169-193", None, ())
    assert claim.attribution is not None
    assert claim.attribution.resolved is None


def test_fields_written_at_their_default_load_the_same_article() -> None:
    doc = document()
    doc["zones"][6]["name"] = None
    doc["quotes"][0].update(balanced=True, continued=False, depth=0)
    doc["quantities"][1].update(high="13", unit=None)
    doc["claims"][1].update(id="doc:169-193", quote=None, parts=[])
    doc["claims"][1]["attribution"]["resolved"] = None
    # A claim as another program may write it: id, sentences, quantities left out.
    doc["claims"].insert(2, {"start": 196, "end": 210, "kinds": ["statistic"], "quote": None})
    loaded = edited(doc)
    claims = article().claims
    assert loaded.claims == (
        *claims[:2],
        Claim(196, 210, TEXT[196:210], "doc:196-210", (ClaimKind.STATISTIC,), (), None, ()),
        claims[2],
    )
    # Written again, the defaults are left out.
    assert loaded.with_claims(claims) == article()
    assert loaded.with_claims(claims).to_dict() == document()


def test_a_value_that_is_not_its_default_is_written() -> None:
    a = Article.from_text("Prices rose 10 to 12 percent in May, officials said.", id="r")
    (quantity,) = a.to_dict()["quantities"]
    assert (quantity["low"], quantity["high"]) == ("10", "12")
    mine = attrs.evolve(a.claims[0], id="mine")
    assert a.with_claims([mine]).to_dict()["claims"][0]["id"] == "mine"
    assert Article.from_json(a.with_claims([mine]).to_json()).claims == (mine,)


@pytest.mark.parametrize(
    ("unit", "offsets"), [("codepoint", (16, 31)), ("utf16", (17, 33)), ("utf8", (19, 37))]
)
def test_a_claim_id_left_out_counts_code_points_in_every_unit(
    unit: str, offsets: tuple[int, int]
) -> None:
    emoji = Article.from_text('Kim 😀 fled.\r\n\r\n"We won 😀 today," the coach said.', id="e")
    assert emoji.claims[0].id == "e:16-31"
    doc = emoji.to_dict(offsets=unit)  # type: ignore[arg-type]
    (claim,) = doc["claims"]
    assert (claim["start"], claim["end"]) == offsets
    assert "id" not in claim
    assert Article.from_dict(doc) == emoji
    # An id that names the offsets in the document's unit is not the claim's own.
    claim["id"] = f"e:{offsets[0]}-{offsets[1]}"
    assert (edited(doc) == emoji) is (unit == "codepoint")


def _family_ratio(n: int) -> float:
    text = '"x," he said. ' * n
    return len(Article.from_text(text, id="q").to_json().encode()) / len(text.encode())


def test_json_is_compact_and_linear_in_the_text() -> None:
    # One long sentence of attributed quotes: a quote and a claim every 14 bytes, each
    # written once. (Version 4 repeated the sentence in every claim: quadratic.)
    small, large = _family_ratio(1_000), _family_ratio(10_000)
    assert small < 15
    # Offsets of six digits rather than five: 15.07 at this size.
    assert large < 16
    assert large * 10_000 / (small * 1_000) < 12


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
    # Loading converts offsets, puts texts in, fills defaults and resolves
    # references, in place: in a copy of a document the caller keeps.
    doc = seed.to_dict(offsets="utf16")
    snapshot = json.dumps(doc)
    assert Article.from_dict(doc) == seed
    assert json.dumps(doc) == snapshot
    doc = with_texts(doc)
    snapshot = json.dumps(doc)
    assert Article.from_dict(doc) == seed
    assert json.dumps(doc) == snapshot


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
    doc["claims"][2]["attribution"]["source"][0] = "12"
    doc["zones"][1]["end"] = len(seed.text) + 5
    doc["zones"][2]["extra"] = 1
    with pytest.raises(InvalidDocumentError) as caught:
        Article.from_dict(doc)
    problems = dict(caught.value.problems)
    assert (
        "expected an integer offset, got a string" in problems["$.claims[2].attribution.source[0]"]
    )
    assert "past the end of the text" in problems["$.zones[1].end"]
    assert "unknown field" in problems["$.zones[2].extra"]
    assert caught.value.json_path == "$.zones[1].end"  # layers are checked in document order
    assert str(caught.value).startswith("<json>: $.zones[1].end: end ")
    assert isinstance(caught.value, CorpusKitError)
    assert isinstance(caught.value, ValueError)


def test_too_many_problems_are_cut_short(seed: Article) -> None:
    doc = seed.to_dict()
    for pair in doc["sentences"]:
        pair[0] = -1
    doc["sentences"] = doc["sentences"] * 10
    assert len(doc["sentences"]) > 100
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
    doc["schema_version"] = 6
    with pytest.raises(SchemaVersionError, match=r"upgrade corpuskit") as caught:
        Article.from_dict(doc)
    assert (caught.value.version, caught.value.supported) == (6, 5)
    for value, message in ((0, "from 1 to 5"), ("5", "expected an integer")):
        doc["schema_version"] = value
        with pytest.raises(InvalidDocumentError, match=message):
            Article.from_dict(doc)
    del doc["schema_version"]
    with pytest.raises(InvalidDocumentError, match="every corpuskit document has one"):
        Article.from_dict(doc)


def test_schema_version_problems() -> None:
    for value, message in (
        ("5", "expected an integer, got a string"),
        (None, "expected an integer, got null"),
        (2.5, "expected an integer, got a number"),
        (0, "expected a version from 1 to 5, got 0"),
        (-1, "expected a version from 1 to 5, got -1"),
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


_DIGESTS_EXPECTED = (
    "expected an object giving each layer (zones, images, sentences, quotes, quantities, "
    "claims) its digest, 16 lower-case hex digits, or null, got "
)


@pytest.mark.parametrize(
    ("change", "found"),
    [
        (lambda d: None, "null"),
        (lambda d: [], "an array"),
        (lambda d: "0" * 16, "'0000000000000000'"),
        (lambda d: d.pop("claims") and d, "an object"),
        (lambda d: {**d, "notes": None}, "an object"),
        (lambda d: {**d, "zones": d["zones"].upper()}, "an object"),
        (lambda d: {**d, "zones": d["zones"][:15]}, "an object"),
        (lambda d: {**d, "zones": d["zones"] + "0"}, "an object"),
        (lambda d: {**d, "zones": 0}, "an object"),
    ],
    ids=["null", "array", "string", "missing", "extra", "upper", "short", "long", "number"],
)
def test_digests_are_an_object_of_every_layer(change: Any, found: str) -> None:
    doc = document()
    doc["digests"] = change(doc["digests"])
    assert problems(doc, digests=True) == (("$.digests", _DIGESTS_EXPECTED + found),)


def test_digests_are_required() -> None:
    doc = document()
    del doc["digests"]
    assert problems(doc) == (("$.digests", "required field missing"),)


# -- digests ------------------------------------------------------------------------------------
#
# Each layer's digest is the first 16 hex digits of the SHA-256 of the offset unit and
# its compact JSON, as written. A layer changed after
# the document was written no longer has it, however the change leaves the layer (the
# text of a span moved by one is still a text).


@pytest.mark.parametrize("unit", ["codepoint", "utf16", "utf8"])
def test_each_layer_has_the_digest_of_its_compact_json(seed: Article, unit: str) -> None:
    doc = seed.to_dict(offsets=unit)  # type: ignore[arg-type]
    layers = ("zones", "images", "sentences", "quotes", "quantities", "claims")
    assert doc["digests"] == {layer: digest(doc, layer) for layer in layers}
    assert len(set(doc["digests"].values())) == 6
    # The digest is of the data, not of how it is laid out.
    indented = seed.to_json(offsets=unit, indent=True)  # type: ignore[arg-type]
    assert json.loads(indented)["digests"] == doc["digests"]
    assert Article.from_json(indented) == seed


def _digest_problem(doc: dict[str, Any], layer: str, recorded: str) -> tuple[str, str]:
    return (
        f"$.{layer}",
        f"this layer's digest is {digest(doc, layer)}, not the recorded {recorded} "
        f"($.digests.{layer}): a value in it was changed, added or left out after the "
        "document was written (a program that edits a layer writes null as its digest)",
    )


def _set(path: tuple[Any, ...], value: Any) -> Any:
    def change(doc: dict[str, Any]) -> None:
        owner = doc
        for key in path[:-1]:
            owner = owner[key]
        owner[path[-1]] = value

    return change


def _drop(path: tuple[Any, ...]) -> Any:
    def change(doc: dict[str, Any]) -> None:
        owner = doc
        for key in path[:-1]:
            owner = owner[key]
        del owner[path[-1]]

    return change


def _both(*changes: Any) -> Any:
    def change(doc: dict[str, Any]) -> None:
        for each in changes:
            each(doc)

    return change


def _reorder(doc: dict[str, Any]) -> None:
    doc["zones"][0] = dict(reversed(doc["zones"][0].items()))


# Changes that leave every layer valid: only its digest tells. The last two leave the
# article as it was, but not the layer as written.
UNSEEN = [
    ("zones", _set(("zones", 4, "kind"), "byline"), False),
    ("images", _set(("images", 0, "start"), 25), False),
    ("sentences", _set(("sentences", 3, 1), 274), False),
    ("quotes", _set(("quotes", 0, "depth"), 1), False),
    ("quotes", _set(("quotes", 0, "content", 0), 107), False),
    ("quantities", _set(("quantities", 3, "unit"), "EUR"), False),
    ("quantities", _set(("quantities", 1, "low"), "14"), False),
    (
        "quantities",
        _both(_drop(("quantities", 1, "hedge")), _drop(("quantities", 1, "hedge_span"))),
        False,
    ),
    ("claims", _set(("claims", 0, "id"), "doc:mine"), False),
    ("claims", _set(("claims", 1, "kinds"), ["statistic"]), False),
    ("claims", _drop(("claims", 0, "quote")), False),
    ("claims", _set(("claims", 2, "attribution", "cue", 0), 252), False),
    ("claims", _set(("claims", 1, "parts"), []), True),
    ("zones", _reorder, True),
]


@pytest.mark.parametrize(("layer", "change", "same"), UNSEEN)
def test_a_layer_changed_after_it_was_written_is_refused(
    layer: str, change: Any, same: bool
) -> None:
    doc = document()
    recorded = doc["digests"][layer]
    change(doc)
    assert problems(doc, digests=True) == (_digest_problem(doc, layer, recorded),)
    # A program that changes a layer nulls its digest (or writes the new one).
    for value in (None, digest(doc, layer)):
        doc["digests"][layer] = value
        assert (Article.from_dict(doc) == article()) is same


def test_the_digests_cover_the_offset_unit_but_not_the_article_id() -> None:
    # An ASCII text has the same offsets in every unit, so only the digest can tell
    # that the numbers of a relabelled document were written in another unit.
    article = Article.from_text('Rates rose\n\n"We will act," the governor said.', id="r")
    doc = article.to_dict(offsets="utf16")
    doc["offsets"] = "codepoint"
    found = problems(doc, digests=True)
    assert [path for path, _ in found] == [f"$.{layer}" for layer in LAYERS]
    # An article renamed is no tampering: its claims whose ids were left out are
    # renamed with it, as ids derived from the article id are.
    doc = article.to_dict()
    doc["id"] = "other"
    assert [c.id for c in Article.from_dict(doc).claims] == ["other:13-25"]


def test_a_digest_is_checked_only_when_nothing_else_is_wrong() -> None:
    doc = document()
    doc["claims"][0]["id"] = "doc:mine"
    doc["zones"][0]["kind"] = None
    assert problems(doc, digests=True) == (("$.zones[0].kind", _enum_message(ZoneKind, "null")),)
    doc["zones"][0]["kind"] = "title"
    # Every layer changed is named, in document order.
    doc["sentences"][0][1] = 23
    recorded = document()["digests"]
    assert problems(doc, digests=True) == (
        _digest_problem(doc, "sentences", recorded["sentences"]),
        _digest_problem(doc, "claims", recorded["claims"]),
    )


def test_a_null_digest_lets_only_its_layer_change() -> None:
    doc = document()
    doc["claims"][0]["id"] = "doc:mine"
    doc["digests"]["claims"] = None
    assert Article.from_dict(doc).claims[0].id == "doc:mine"
    doc["quotes"][0]["depth"] = 1
    assert problems(doc, digests=True) == (
        _digest_problem(doc, "quotes", document()["digests"]["quotes"]),
    )


def test_a_document_written_again_gets_its_digests_back() -> None:
    doc = null_digests(document())
    loaded = Article.from_dict(doc)
    assert loaded.to_dict() == document()
    assert canonical(doc) == canonical(document())


# -- versions -----------------------------------------------------------------------------------


def test_a_version_1_document_loads_through_the_migrations(seed: Article) -> None:
    # Version 1 had code-point offsets only and no "offsets" field; version 2 had
    # no "normalized" field; version 3 claims had no "parts"; version 4 wrote
    # every span as an object with its text, and repeated items where referred to.
    current = seed.to_dict()
    # Claims in parts came with version 4: an older document holds the others.
    current["claims"] = [claim for claim in current["claims"] if "parts" not in claim]
    seed = edited(current)
    doc = version_4(current)
    assert Article.from_dict(doc) == seed
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
    doc = version_4(document())
    doc["schema_version"] = 1
    del doc["normalized"]
    assert problems(doc) == (
        ("$.offsets", "unknown field: version 1 documents have no such field"),
    )
    doc = version_4(document())
    doc["schema_version"] = 2
    for claim in doc["claims"]:
        del claim["parts"]
    assert problems(doc) == (
        ("$.normalized", "unknown field: version 2 documents have no such field"),
    )
    doc = version_4(document())
    doc["schema_version"] = 3
    assert problems(doc) == (
        ("$.claims[0].parts", "unknown field: version 3 documents have no such field"),
    )
    # A document of version 5 relabelled 4 would have its digests dropped unseen.
    doc = document()
    doc["schema_version"] = 4
    assert problems(doc, digests=True) == (
        ("$.digests", "unknown field: version 4 documents have no such field"),
    )


V4_FIXTURE = Path(__file__).parent / "data" / "v4" / "article.json"


def test_a_document_written_by_version_4_loads() -> None:
    # Written by corpuskit before version 5 (see tests/data/v4/README.md).
    doc = json.loads(V4_FIXTURE.read_text(encoding="utf-8"))
    assert doc["schema_version"] == 4
    loaded = Article.from_dict(doc)
    made = Article.from_text(doc["text"], id="v4", ordinal=7, source="007_v4.txt")
    start = doc["text"].index("Sven")
    end = doc["text"].index(".", start)
    given = Claim(
        start,
        end,
        doc["text"][start:end],
        "v4:given",
        (ClaimKind.STATISTIC,),
        (made.sentences[2],),
        None,
        (),
    )
    assert loaded == made.with_claims([*made.claims, given])
    assert [claim.id for claim in loaded.claims] == [
        "v4:0-26",
        "v4:given",
        "v4:139-186",
        "v4:190-234",
        "v4:248-279",
    ]
    assert loaded.claims[2].parts
    assert loaded.quantities[2].high != loaded.quantities[2].low
    # Nothing is lost: written as version 5 and made version 4 again, it is the same.
    assert version_4(loaded.to_dict(offsets="utf8")) == doc
    assert Article.from_json(V4_FIXTURE.read_bytes()) == loaded


@pytest.mark.parametrize("unit", ["codepoint", "utf16", "utf8"])
def test_a_version_4_document_is_migrated(unit: str) -> None:
    doc = version_4(document(unit))
    assert "digests" not in doc
    assert doc["claims"][0]["quote"] == doc["quotes"][0]  # repeated in full
    kept = copy.deepcopy(doc)
    assert Article.from_dict(doc) == article()
    assert doc == kept
    assert Article.from_json(json.dumps(doc)) == article()


def test_a_version_4_span_text_is_still_checked() -> None:
    # Migrated, a plain span keeps its text as a third item: [start, end, text].
    doc = version_4(document())
    doc["sentences"][2]["text"] = "We fled"
    doc["zones"][0]["text"] = "Kim"
    assert [path for path, _ in problems(doc)] == ["$.zones[0].text", "$.sentences[2][2]"]
    doc = version_4(document())
    doc["claims"][1]["attribution"]["cue"]["text"] = "told"
    doc["claims"][1]["parts"] = [span(169, 177), span(178, 193)]  # "about 13", "people had left"
    doc["claims"][1]["parts"][1]["text"] = "had left"
    assert problems(doc) == (
        (
            "$.claims[1].attribution.cue[2]",
            "recorded text 'told' is not the text at [157, 163) (code points), which reads "
            "'adding': the text or the offsets were changed after the span was made",
        ),
        (
            "$.claims[1].parts[1][2]",
            "recorded text 'had left' is not the text at [178, 193) (code points), which reads "
            "'people had left': the text or the offsets were changed after the span was made",
        ),
    )


def test_a_version_4_item_must_be_in_the_layer_it_repeats() -> None:
    expected = "is not one of $.{}: version 5 documents refer to $.{} by index"
    for edit, path, layer in (
        (
            lambda d: d["claims"][1]["sentences"][0].update(end=190),
            "claims[1].sentences[0]",
            "sentences",
        ),
        (
            lambda d: d["claims"][0].update(sentences=[span(0, 24), span(1, 24)]),
            "claims[0].sentences[1]",
            "sentences",
        ),
        (
            lambda d: d["claims"][2]["quantities"][1].update(unit="EUR"),
            "claims[2].quantities[1]",
            "quantities",
        ),
        (lambda d: d["claims"][0]["quote"].update(depth=1), "claims[0].quote", "quotes"),
        (lambda d: d["images"][0]["credit"].update(kind="caption"), "images[0].credit", "zones"),
    ):
        doc = version_4(document())
        edit(doc)
        assert problems(doc) == ((f"$.{path}", expected.format(layer, layer)),), path


def test_a_version_4_document_of_the_wrong_shape_is_left_for_the_checks() -> None:
    doc = version_4(document())
    doc["sentences"][0] = 5
    assert problems(doc) == (
        ("$.sentences[0]", "expected a span, an array [start, end], got a number"),
    )
    doc = version_4(document())
    doc["claims"][1]["parts"] = "x"
    doc["zones"][0]["extra"] = {"text": "x"}
    assert problems(doc) == (
        ("$.zones[0].extra", "unknown field: a zone has the fields start, end, text, kind"),
        ("$.claims[1].parts", "expected an array, got a string"),
    )
    doc = version_4(document())
    doc["claims"][2]["sentences"] = [5]
    assert problems(doc) == (
        (
            "$.claims[2].sentences[0]",
            "is not one of $.sentences: version 5 documents refer to $.sentences by index",
        ),
    )


# -- the shape of a layer and of the objects in it ----------------------------------------------


def test_a_layer_that_is_not_an_array() -> None:
    doc = document()
    doc["zones"] = {}
    doc["sentences"] = "x"
    doc["quantities"] = None
    assert problems(doc) == (
        ("$.zones", "expected an array, got an object"),
        ("$.sentences", "expected an array, got a string"),
        ("$.quantities", "expected an array, got null"),
    )
    # The layers that refer to others are checked after them.
    doc = document()
    doc["images"] = 5
    doc["claims"] = None
    assert problems(doc) == (
        ("$.images", "expected an array, got a number"),
        ("$.claims", "expected an array, got null"),
    )


def test_a_layer_that_refers_to_one_with_problems_is_not_checked() -> None:
    # Its references would name items that are not what they should be.
    doc = document()
    doc["sentences"][0] = None
    doc["claims"][0]["kinds"] = []
    assert problems(doc) == (
        ("$.sentences[0]", "expected a span, an array [start, end], got null"),
    )
    # Claims refer to sentences, quotes and quantities; images to zones.
    doc = document()
    doc["zones"][0]["kind"] = None
    doc["claims"][0]["kinds"] = []
    doc["images"][0]["alt"] = None
    assert [path for path, _ in problems(doc)] == ["$.zones[0].kind", "$.claims[0].kinds"]


def test_items_that_are_not_spans_name_the_json_type_found() -> None:
    doc = document()
    doc["sentences"] = [1, True, [], "x", None, 2.5, {}, [1], [1, 2, 3, 4]]
    expected = "expected a span, an array [start, end], got "
    assert problems(doc) == (
        ("$.sentences[0]", expected + "a number"),
        ("$.sentences[1]", expected + "a boolean"),
        ("$.sentences[2]", expected + "an array of 0 items"),
        ("$.sentences[3]", expected + "a string"),
        ("$.sentences[4]", expected + "null"),
        ("$.sentences[5]", expected + "a number"),
        ("$.sentences[6]", expected + "an object"),
        ("$.sentences[7]", expected + "an array of 1 item"),
        ("$.sentences[8]", expected + "an array of 4 items"),
    )


@pytest.mark.parametrize(
    ("layer", "what"),
    [
        ("zones", "a zone"),
        ("images", "an image"),
        ("quotes", "a quote"),
        ("quantities", "a quantity"),
        ("claims", "a claim"),
    ],
)
def test_an_item_that_is_not_an_object_names_what_it_should_be(layer: str, what: str) -> None:
    doc = document()
    doc[layer] = [7]
    assert problems(doc) == ((f"$.{layer}[0]", f"expected an object ({what}), got a number"),)


def test_unknown_and_missing_fields_name_the_object_and_its_fields() -> None:
    doc = document()
    del doc["zones"][0]["kind"]
    doc["zones"][4]["name"] = None  # a paragraph has no name, not even null
    doc["zones"][5]["name"] = [196, 200]
    assert "name" not in doc["zones"][6]  # a byline leaves its null name out
    doc["claims"][0]["colour"] = "red"
    del doc["claims"][1]["kinds"]
    zone_fields = "unknown field: a zone has the fields start, end, text, kind"
    assert problems(doc) == (
        ("$.zones[0].kind", "required field missing from this zone"),
        ("$.zones[4].name", zone_fields),
        ("$.zones[5].name", zone_fields),
        (
            "$.claims[0].colour",
            "unknown field: a claim has the fields start, end, text, id, kinds, sentences, "
            "attribution, quantities, quote, parts",
        ),
        ("$.claims[1].kinds", "required field missing from this claim"),
    )
    doc = document()
    doc["quotes"][0]["extra"] = 1
    del doc["quotes"][0]["content"]
    del doc["quantities"][0]["low"]
    del doc["images"][0]["end"]
    doc["claims"][0]["attribution"]["who"] = 1
    assert problems(doc) == (
        (
            "$.quotes[0].extra",
            "unknown field: a quote has the fields start, end, text, content, balanced, "
            "continued, depth",
        ),
        ("$.quotes[0].content", "required field missing from this quote"),
        ("$.quantities[0].low", "required field missing from this quantity"),
        ("$.images[0].end", "required field missing from this image"),
    )
    doc = document()
    doc["claims"][0]["attribution"]["who"] = 1
    assert problems(doc) == (
        (
            "$.claims[0].attribution.who",
            "unknown field: an attribution has the fields source, cue, resolved",
        ),
    )


def test_a_boilerplate_zone_is_checked_as_boilerplate() -> None:
    doc = document()
    doc["zones"][7]["name"] = 5
    doc["zones"][6]["name"] = {"start": 0, "end": 2}
    assert problems(doc) == (
        ("$.zones[6].name", "expected a span, an array [start, end], got an object"),
        ("$.zones[7].name", "expected a span, an array [start, end], got a number"),
    )


def test_null_is_rejected_where_a_field_is_not_optional() -> None:
    doc = document()
    quote = doc["quotes"][0]
    quote["balanced"] = None
    quote["depth"] = None
    quote["content"] = None
    doc["quantities"][0]["kind"] = None
    doc["quantities"][0]["low"] = None  # its high, left out, is low: no second problem
    doc["quantities"][1]["high"] = None
    assert problems(doc) == (
        ("$.quotes[0].content", "expected a span, an array [start, end], got null"),
        ("$.quotes[0].balanced", "expected true or false, got null"),
        ("$.quotes[0].depth", "expected an integer, got null"),
        ("$.quantities[0].kind", _enum_message(QuantityKind, "null")),
        ("$.quantities[0].low", _DECIMAL + "null"),
        ("$.quantities[1].high", _DECIMAL + "null"),
    )
    doc = document()
    claim = doc["claims"][0]
    claim["id"] = None
    claim["kinds"] = None
    claim["sentences"] = None
    claim["parts"] = None
    assert problems(doc) == (
        ("$.claims[0].id", "expected a string, got null"),
        ("$.claims[0].kinds", "expected an array, got null"),
        ("$.claims[0].sentences", "expected an array of indices into $.sentences, got null"),
        ("$.claims[0].parts", "expected an array, got null"),
    )


def test_optional_fields_take_null_or_a_value_of_their_type() -> None:
    doc = document()
    quantity = doc["quantities"][1]
    quantity["unit"] = 5
    quantity["hedge"] = ["about"]
    quantity["counted"] = "people"
    doc["quantities"][2]["hedge_span"] = 1.5
    assert problems(doc) == (
        ("$.quantities[1].unit", "expected a string, got a number"),
        ("$.quantities[1].hedge", "expected a string, got an array"),
        ("$.quantities[1].counted", "expected a span, an array [start, end], got a string"),
        ("$.quantities[2].hedge_span", "expected a span, an array [start, end], got a number"),
    )
    doc = document()
    doc["claims"][1]["attribution"]["cue"] = True
    doc["claims"][1]["quote"] = "0"
    assert problems(doc) == (
        ("$.claims[1].attribution.cue", "expected a span, an array [start, end], got a boolean"),
        ("$.claims[1].quote", "expected an index into $.quotes (an integer), got a string"),
    )
    doc = document()
    doc["quantities"][1]["unit"] = None
    doc["claims"][1]["attribution"]["cue"] = None
    doc["claims"][0]["quote"] = None
    loaded = edited(doc)
    assert loaded.quantities[1].unit is None
    assert loaded.claims[1].attribution is not None
    assert loaded.claims[1].attribution.cue is None
    assert loaded.claims[0].quote is None


def test_fields_of_the_wrong_type() -> None:
    doc = document()
    doc["quotes"][0]["continued"] = "no"
    doc["quotes"][0]["depth"] = {}
    assert problems(doc) == (
        ("$.quotes[0].continued", "expected true or false, got a string"),
        ("$.quotes[0].depth", "expected an integer, got an object"),
    )
    doc = document()
    doc["claims"][2]["id"] = 3
    doc["claims"][2]["quantities"] = 2
    doc["images"][0]["alt"] = True
    assert problems(doc) == (
        ("$.images[0].alt", "expected an index into $.zones (an integer), got a boolean"),
        ("$.claims[2].id", "expected a string, got a number"),
        ("$.claims[2].quantities", "expected an array of indices into $.quantities, got a number"),
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
    doc["zones"][7]["name"] = [0, 3]
    assert problems(doc) == (("$.zones[7].name", "[0, 3) does not lie inside its zone [290, 315)"),)


def test_a_quote_content_must_lie_inside_the_quote() -> None:
    doc = document()
    doc["quotes"][0]["content"] = [138, 140]
    assert problems(doc) == (
        ("$.quotes[0].content", "[138, 140) does not lie inside its quote [105, 139)"),
    )


def test_a_quantity_low_may_not_exceed_its_high() -> None:
    doc = document()
    doc["quantities"][0].update(low="50.5", high="50")
    assert problems(doc) == (("$.quantities[0].low", "low 50.5 is greater than high 50"),)
    doc = document()
    doc["quantities"][0].update(low="49.5", high="50")
    assert edited(doc).quantities[0].low < 50
    # A high left out is the low.
    doc = document()
    doc["quantities"][0]["low"] = "50.5"
    assert edited(doc).quantities[0].high == edited(doc).quantities[0].low == 50.5


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
    doc["quantities"][1]["hedge_span"] = [169, 176]
    doc["quantities"][1]["counted"] = [176, 184]
    assert problems(doc) == (
        ("$.quantities[1].hedge_span", "the hedge must end before the quantity starts"),
        ("$.quantities[1].counted", "the counted noun must start after the quantity ends"),
    )
    doc = document()
    doc["quantities"][1]["hedge_span"] = [169, 175]  # ends where the quantity starts
    doc["quantities"][1]["counted"] = [177, 184]  # starts where the quantity ends
    loaded = edited(doc)
    assert loaded.quantities[1].hedge_span == Span(169, 175, TEXT[169:175])
    assert loaded.quantities[1].counted == Span(177, 184, TEXT[177:184])


def test_an_image_part_must_have_its_kind_and_lie_inside_the_image() -> None:
    doc = document()
    image = doc["images"][0]
    image["alt"] = 2  # the caption
    image["end"] = 100
    assert problems(doc) == (
        (
            "$.images[0].alt",
            "refers to a zone of kind 'caption': an image's alt is a zone of kind 'image_alt'",
        ),
        ("$.images[0].credit", "[84, 103) does not lie inside its image [26, 100)"),
    )
    doc = document()
    doc["images"][0]["caption"] = 3
    doc["images"][0]["credit"] = 1
    assert problems(doc) == (
        (
            "$.images[0].caption",
            "refers to a zone of kind 'credit': an image's caption is a zone of kind 'caption'",
        ),
        (
            "$.images[0].credit",
            "refers to a zone of kind 'image_alt': an image's credit is a zone of kind 'credit'",
        ),
    )


def test_an_image_may_lack_some_parts() -> None:
    doc = document()
    del doc["zones"][1]  # the alt text: now a paragraph of its own
    doc["images"][0] = {"start": 47, "end": 103, "caption": 1, "credit": 2}
    loaded = edited(doc)
    assert loaded.images[0].alt is None
    assert loaded.images[0].caption == loaded.zones[1]
    assert loaded.images[0].credit == loaded.zones[2]


def test_image_parts_after_a_missing_one_are_still_checked() -> None:
    doc = document()
    del doc["zones"][1]
    doc["images"][0] = {"start": 47, "end": 103, "credit": 1}  # the caption
    assert problems(doc) == (
        (
            "$.images[0].credit",
            "refers to a zone of kind 'caption': an image's credit is a zone of kind 'credit'",
        ),
    )


def test_a_claim_needs_an_id_and_a_kind_and_lies_inside_its_quote() -> None:
    doc = document()
    doc["claims"][1]["id"] = ""
    doc["claims"][1]["kinds"] = []
    assert doc["claims"][0]["quote"] == 0
    doc["quotes"][0] = {"start": 106, "end": 120, "content": [107, 119]}
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
    doc["claims"][2]["attribution"]["source"][0] = -1
    assert problems(doc) == (
        ("$.claims[0].kinds[0]", _enum_message(ClaimKind, "'bogus'")),
        ("$.claims[2].attribution.source[0]", "offset -1 is negative: offsets count from 0"),
    )


@pytest.mark.parametrize("unit", ["codepoint", "utf16", "utf8"])
def test_parts_are_checked_in_every_unit(unit: str) -> None:
    doc = document(unit)
    title = [doc["zones"][0]["start"], doc["zones"][0]["end"]]
    doc["quotes"][0]["content"] = list(title)  # outside the quote
    doc["zones"][7]["name"] = list(title)  # outside the translator's credit
    paths = [path for path, _ in problems(doc)]
    assert paths == ["$.zones[7].name", "$.quotes[0].content"]


# -- across spans -------------------------------------------------------------------------------


def test_zones_and_sentences_may_not_overlap() -> None:
    doc = document()
    doc["zones"][5] = dict(doc["zones"][4])
    doc["sentences"][1] = [20, 83]
    assert problems(doc) == (
        (
            "$.zones[5]",
            "this zone begins before the one before it ends, at 194: "
            "zones are in text order and do not overlap",
        ),
        (
            "$.sentences[1]",
            "this sentence begins before the one before it ends, at 24: "
            "sentences are in text order and do not overlap",
        ),
    )


def test_the_first_two_spans_of_a_layer_are_checked_for_overlap() -> None:
    doc = document()
    doc["sentences"][1] = list(doc["sentences"][0])
    assert problems(doc) == (
        (
            "$.sentences[1]",
            f"this sentence begins before the one before it ends, at {doc['sentences'][0][1]}: "
            "sentences are in text order and do not overlap",
        ),
    )


def test_zones_and_sentences_are_not_empty() -> None:
    doc = document()
    doc["zones"].insert(6, {"start": 276, "end": 276, "kind": "paragraph"})
    doc["sentences"].append([300, 300])
    assert problems(doc) == (
        ("$.zones[6]", "this zone is empty: every zone has text"),
        ("$.sentences[4]", "this sentence is empty: every sentence has text"),
    )


def test_spans_may_touch() -> None:
    doc = document()
    doc["sentences"][2] = [105, 150]
    doc["sentences"].insert(3, [150, 194])
    doc["claims"][1]["sentences"] = [3]
    doc["claims"][2]["sentences"] = [4]
    assert [s.end for s in edited(doc).sentences] == [24, 83, 150, 194, 275]


def test_quantities_are_in_text_order() -> None:
    doc = document()
    items = doc["quantities"]
    # One that starts where the first does but ends later, before it: out of order.
    longer = {**items[0], "end": items[0]["end"] + 1}
    items.insert(0, longer)
    assert problems(doc) == (
        (
            "$.quantities[1]",
            "this quantity comes before the one before it: quantities are in text order "
            "(by start, then end)",
        ),
    )
    items[:2] = items[1::-1]  # after it: in order
    assert [q.end for q in edited(doc).quantities[:2]] == [longer["end"] - 1, longer["end"]]


def test_quotes_are_in_text_order_each_before_those_inside_it() -> None:
    # As the quote stage gives them: “‘Closed’ for now,” holds ‘Closed’, which starts
    # with it and comes after it.
    nested = Article.from_text("He said: “‘Closed’ for now,” and left.", id="n")
    outer, inner = nested.quotes
    assert (outer.start, inner.start, inner.depth) == (9, 10, 1)
    same = Article.from_text("‘Closed’ for now.” He left.", id="s")
    first, second = same.quotes
    assert (first.start, first.end, second.start, second.end) == (0, 18, 0, 8)
    for a in (nested, same):
        assert Article.from_json(a.to_json()) == a
    out_of_order = "this quote comes before the one before it: quotes are in text order "
    out_of_order += "(by start, then a quote before those inside it)"
    for a in (nested, same):
        doc = a.to_dict()
        doc["quotes"].reverse()
        doc["claims"] = []  # which refer to the quotes by index
        assert problems(doc) == (("$.quotes[1]", out_of_order),)


def test_claims_are_in_text_order() -> None:
    doc = document()
    doc["claims"][1], doc["claims"][2] = doc["claims"][2], doc["claims"][1]
    message = (
        "this claim comes before the one before it: claims are in text order (by start, then end)"
    )
    assert problems(doc) == (("$.claims[2]", message),)
    # By start, then end: a claim that starts where another does and is shorter comes first.
    doc = document()
    doc["claims"].insert(3, {**doc["claims"][2], "end": 210})
    assert problems(doc) == (("$.claims[3]", message),)
    doc = document()
    doc["claims"].insert(2, {**doc["claims"][2], "end": 210})
    assert edited(doc).claims[2].id == "doc:196-210"


def test_a_claims_kinds_are_in_enum_order_each_once() -> None:
    assert [k.value for k in ClaimKind] == ["direct_quote", "reported_speech", "statistic"]
    doc = document()
    doc["claims"][1]["kinds"] = ["statistic", "statistic"]
    doc["claims"][2]["kinds"] = ["statistic", "reported_speech"]
    assert problems(doc) == (
        (
            "$.claims[1].kinds[1]",
            "'statistic' after 'statistic': a claim's kinds are in the order ClaimKind lists "
            "them, each once",
        ),
        (
            "$.claims[2].kinds[1]",
            "'reported_speech' after 'statistic': a claim's kinds are in the order ClaimKind "
            "lists them, each once",
        ),
    )
    doc = document()
    doc["claims"][1]["kinds"] = ["direct_quote", "reported_speech", "statistic"]
    assert edited(doc).claims[1].kinds == tuple(ClaimKind)


def test_a_claim_lies_within_its_sentences() -> None:
    doc = document()
    doc["claims"][1]["sentences"] = [3]  # "about 13 people had left" is in sentence 2
    assert problems(doc) == (
        (
            "$.claims[1].sentences",
            "the claim [169, 193) does not lie in its sentences, which run from 196 to 275",
        ),
    )
    # Within the hull of the first and the last.
    doc = document()
    doc["claims"][1]["sentences"] = [0, 3]
    assert edited(doc).claims[1].sentences == (article().sentences[0], article().sentences[3])
    doc["claims"][1]["sentences"] = [0, 1]
    assert [path for path, _ in problems(doc)] == ["$.claims[1].sentences"]
    # A claim without sentences lies anywhere.
    doc = document()
    del doc["claims"][1]["sentences"]
    assert edited(doc).claims[1].sentences == ()


def test_references_name_an_item_of_their_layer() -> None:
    doc = document()
    doc["claims"][0]["sentences"] = [-1]
    doc["claims"][1]["sentences"] = [4]
    doc["claims"][1]["quantities"] = [1, "2"]
    doc["claims"][2]["quote"] = 1
    assert problems(doc) == (
        ("$.claims[0].sentences[0]", "refers to $.sentences[-1], but $.sentences has 4 items"),
        ("$.claims[1].sentences[0]", "refers to $.sentences[4], but $.sentences has 4 items"),
        (
            "$.claims[1].quantities[1]",
            "expected an index into $.quantities (an integer), got a string",
        ),
        ("$.claims[2].quote", "refers to $.quotes[1], but $.quotes has 1 item"),
    )
    doc = document()
    doc["images"][0]["alt"] = 8
    doc["images"][0]["caption"] = -1
    doc["images"][0]["credit"] = "3"
    assert problems(doc) == (
        ("$.images[0].alt", "refers to $.zones[8], but $.zones has 8 items"),
        ("$.images[0].caption", "refers to $.zones[-1], but $.zones has 8 items"),
        ("$.images[0].credit", "expected an index into $.zones (an integer), got a string"),
    )


def test_indices_in_an_array_increase() -> None:
    increasing = "the indices into $.{} are in increasing order, each once"
    doc = document()
    doc["claims"][0]["sentences"] = [2, 2]
    doc["claims"][2]["sentences"] = [3, 2]
    doc["claims"][2]["quantities"] = [3, 2]
    assert problems(doc) == (
        ("$.claims[0].sentences[1]", "index 2 comes after 2: " + increasing.format("sentences")),
        ("$.claims[2].sentences[1]", "index 2 comes after 3: " + increasing.format("sentences")),
        (
            "$.claims[2].quantities[1]",
            "index 2 comes after 3: " + increasing.format("quantities"),
        ),
    )


def test_an_image_has_a_part() -> None:
    doc = document()
    doc["images"][0] = {"start": 26, "end": 103}
    assert problems(doc) == (
        ("$.images[0]", "an image has at least one of alt, caption and credit"),
    )


@pytest.mark.parametrize(("part", "index"), [("alt", 1), ("caption", 2), ("credit", 3)])
def test_every_zone_of_an_images_kind_is_part_of_an_image(part: str, index: int) -> None:
    doc = document()
    kind = doc["zones"][index]["kind"]
    del doc["images"][0][part]
    assert problems(doc) == (
        (
            f"$.zones[{index}]",
            f"a zone of kind {kind!r} is part of an image, but no image in $.images has it",
        ),
    )


def test_a_zone_is_part_of_one_image_only() -> None:
    doc = document()
    doc["images"].append({"start": 84, "end": 103, "credit": 3})
    assert problems(doc) == (("$.images[1].credit", "this zone is also part of $.images[0]"),)


def test_claim_ids_are_unique() -> None:
    doc = document()
    doc["claims"][2]["id"] = "doc:106-138"  # claims[0]'s, left out as its own
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
    doc["sentences"] = [
        [-1, 3],
        [0, length + 1],
        [length, length + 1],
        [length + 1, length + 2, ""],
        [5, 3],
        [5, 5],
    ]
    doc["zones"][0].update(start=length, end=length + 1)
    assert problems(doc) == (
        (
            "$.zones[0].end",
            f"end {length + 1} is past the end of the text, which has {length} {name}",
        ),
        ("$.sentences[0][0]", "offset -1 is negative: offsets count from 0"),
        (
            "$.sentences[1][1]",
            f"end {length + 1} is past the end of the text, which has {length} {name}",
        ),
        (
            "$.sentences[2][1]",
            f"end {length + 1} is past the end of the text, which has {length} {name}",
        ),
        (
            "$.sentences[3][0]",
            f"start {length + 1} is past the end of the text, which has {length} {name}",
        ),
        ("$.sentences[4][1]", "end 3 is before start 5: a span is [start, end) with start <= end"),
    )


def test_offsets_that_are_not_integers() -> None:
    doc = document()
    doc["sentences"][0][1] = "83"
    doc["sentences"][1][0] = None
    doc["sentences"][2][0] = 1.5
    doc["sentences"][2][1] = True
    doc["quotes"][0]["start"] = "105"
    assert problems(doc) == (
        ("$.sentences[0][1]", "expected an integer offset, got a string"),
        ("$.sentences[1][0]", "expected an integer offset, got null"),
        ("$.sentences[2][0]", "expected an integer offset, got a number"),
        ("$.sentences[2][1]", "expected an integer offset, got a boolean"),
        ("$.quotes[0].start", "expected an integer offset, got a string"),
    )


def test_integer_valued_floats_are_not_integer_offsets() -> None:
    doc = document()
    doc["sentences"][0][0] = 200.0
    assert problems(doc) == (("$.sentences[0][0]", "expected an integer offset, got a number"),)


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
    doc["sentences"][0][0] = 2
    (problem,) = problems(doc)
    assert problem == (
        "$.sentences[0][0]",
        "UTF-16 offset 2 falls inside the surrogate pair of U+1F600 at units 1..3; "
        "valid offsets are character boundaries in 0..24",
    )
    doc = Article.from_text(text, id="e").to_dict(offsets="utf8")
    doc["sentences"][0][1] = 3
    (problem,) = problems(doc)
    assert problem == (
        "$.sentences[0][1]",
        "UTF-8 offset 3 falls inside the 4-byte character U+1F600 at bytes 1..5; "
        "valid offsets are character boundaries in 0..26",
    )


# -- span texts ---------------------------------------------------------------------------------
#
# A document does not write a span's text, but one may be given (documents migrated from
# version 4 carry them): as a third item of a pair, or a `text` key of an object.


def test_a_recorded_text_that_differs_is_shown_clipped() -> None:
    doc = document("utf8")
    doc["sentences"][2].append("x" * 41)
    doc["sentences"][3].append("y" * 40)
    doc["zones"][0]["text"] = 5
    assert problems(doc) == (
        ("$.zones[0].text", "expected a string, got a number"),
        (
            "$.sentences[2][2]",
            "recorded text '" + "x" * 40 + "'… is not the text at [105, 194) (code points), "
            "which reads '“We fled because pay fell by 50%,” one w'…: the text or the offsets "
            "were changed after the span was made",
        ),
        (
            "$.sentences[3][2]",
            "recorded text '" + "y" * 40 + "' is not the text at [196, 275) (code points), "
            "which reads 'Officials said 2,000 workers earned 300 '…: the text or the offsets "
            "were changed after the span was made",
        ),
    )


def test_a_pair_with_a_text_that_is_not_a_string() -> None:
    doc = document()
    doc["sentences"][0].append(None)
    doc["quotes"][0]["content"].append(24)
    assert problems(doc) == (
        ("$.sentences[0][2]", "expected a string, got null"),
        ("$.quotes[0].content[2]", "expected a string, got a number"),
    )


@pytest.mark.parametrize("unit", ["codepoint", "utf16", "utf8"])
def test_span_texts_given_load_the_same_article(unit: str) -> None:
    doc = document(unit)
    given = with_texts(doc)  # the digests null: the layers are not as written
    assert given["sentences"][2] == [*doc["sentences"][2], TEXT[105:194]]
    assert given["quotes"][0]["text"] == TEXT[105:139]
    assert Article.from_dict(given) == article()
    # The digests catch a text added to a layer written without.
    given["digests"] = doc["digests"]
    assert [path for path, _ in problems(given, digests=True)] == [
        "$.zones",
        "$.images",
        "$.sentences",
        "$.quotes",
        "$.quantities",
        "$.claims",
    ]


# -- decimals -----------------------------------------------------------------------------------


def test_quantity_bounds_are_decimals_written_as_strings() -> None:
    doc = document()
    quantity = doc["quantities"][0]
    quantity["low"] = "abc"
    quantity["high"] = 50
    doc["quantities"][1]["low"] = "1" * 101
    doc["quantities"][1]["high"] = "1e3"
    assert problems(doc) == (
        ("$.quantities[0].low", _DECIMAL + "'abc'"),
        ("$.quantities[0].high", _DECIMAL + "a number"),
        ("$.quantities[1].low", _DECIMAL + "'" + "1" * 40 + "'…"),
        ("$.quantities[1].high", _DECIMAL + "'1e3'"),
    )
    doc = document()
    doc["quantities"][0]["low"] = "0." + "0" * 98
    assert len(doc["quantities"][0]["low"]) == 100
    assert edited(doc).quantities[0].low == 0


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
    assert changed.claims[0] == mine  # claims are kept in text order
    assert changed.claims[1:] == seed.claims
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
    assert "claims[1].attribution.source" not in message  # "Nor" is the text there
    assert "claims[1].attribution.cue[1]" in message
    assert "claims[1].id" in message
    with pytest.raises(TypeError, match=r"claims\[0\] is a Span"):
        seed.with_claims([Span(0, 1, "N")])  # type: ignore[list-item]


def test_with_claims_keeps_the_claims_in_text_order() -> None:
    a = article()
    backwards = a.with_claims(a.claims[::-1])
    assert backwards.claims == a.claims
    assert backwards == a
    mine = _claim(a, 196, 210, "mine")  # starts with claims[2], and is shorter
    assert a.with_claims([*a.claims, mine]).claims == (*a.claims[:2], mine, a.claims[2])


@pytest.mark.parametrize(
    ("change", "field", "layer"),
    [
        ({"sentences": (Span(0, 3, "Kim"),)}, "sentences", "sentences"),
        (
            {"quantities": (attrs.evolve(article().quantities[0], unit="EUR"),)},
            "quantities",
            "quantities",
        ),
        ({"quote": attrs.evolve(article().quotes[0], depth=1)}, "quote", "quotes"),
    ],
)
def test_with_claims_takes_only_the_articles_own_items(
    change: dict[str, Any], field: str, layer: str
) -> None:
    # A document refers to them by their index: they must be in the article.
    a = article()
    claim = attrs.evolve(a.claims[0], **change)
    with pytest.raises(SpanError) as caught:
        a.with_claims([a.claims[1], claim])
    assert str(caught.value) == (
        f"claims given for article 'doc' do not fit it: claims[0].{field}: "
        f"not one of the article's {layer}"
    )
    mine = attrs.evolve(a.claims[0], sentences=(), quantities=(), quote=None)
    assert a.with_claims([mine]).claims == (mine,)


def test_given_claims_carry_their_texts_which_are_checked() -> None:
    a = article()
    claim = a.claims[1]
    assert claim.attribution is not None
    parts = (Span(169, 177, "about 13"), Span(178, 193, "people had left"))
    assert a.with_claims([attrs.evolve(claim, parts=parts)]).claims[0].parts == parts
    # The claim agrees with its parts, but neither with the article.
    wrong = attrs.evolve(
        claim,
        text="about 13 people had gone",
        attribution=attrs.evolve(claim.attribution, source=Span(140, 150, "two people")),
        parts=(Span(169, 177, "about 13"), Span(178, 193, "people had gone")),
    )
    with pytest.raises(SpanError) as caught:
        a.with_claims([wrong])
    message = str(caught.value)
    for place, recorded in (
        ("claims[0].text", "about 13 people had gone"),
        ("claims[0].attribution.source[2]", "two people"),
        ("claims[0].parts[1][2]", "people had gone"),
    ):
        assert f"{place}: recorded text {recorded!r} is not the text" in message


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
