"""JSON documents: exact problems for each kind of bad value, found by mutation testing.

Each test changes a document that `Article.to_dict` wrote in one or a few places
and checks the full list of problems `Article.from_dict` reports: the JSON path
and the message, which names what was expected and what was found.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from corpuskit import (
    Article,
    Claim,
    ClaimKind,
    Corpus,
    InvalidDocumentError,
    OffsetIndex,
    QuantityKind,
    Span,
    SpanError,
    TooLargeError,
    ZoneKind,
)

# Every layer and every kind of object, with non-ASCII text before most spans:
# title, image (alt, caption, credit), a quote, quantities with a hedge and a
# counted noun, claims with attributions, a byline and a translator credit.
TEXT = (
    "Kim Visits Café in Seoul\n\n"
    "Workers wait outside\nWorkers wait outside a café in Seoul REUTERS/Kim Hong-Ji\n\n"
    "“We fled because pay fell by 50%,” one worker said, adding that about 13 people had left.\n\n"
    "Officials said 2,000 workers earned 300 dollars a month, according to Daily NK.\n\n"
    "By Jane Doe\n\n*Translated by Violet Kim\n"
)
LENGTH = len(TEXT)


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


def test_the_document_has_every_kind_of_object() -> None:
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


# --- the shape of a layer and of the objects in it ----------------------------------------


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


def test_a_document_that_is_not_an_object_names_its_type() -> None:
    for value, found in (([], "an array"), ("x", "a string"), (None, "null"), ((), "tuple")):
        with pytest.raises(InvalidDocumentError) as caught:
            Article.from_dict(value)  # type: ignore[arg-type]
        assert caught.value.problems == (
            ("$", f"expected an object (an article document), got {found}"),
        )


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


def _enum_message(cls: Any, found: str) -> str:
    allowed = ", ".join(repr(member.value) for member in cls)
    return f"expected one of {allowed}, got {found}"


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


# --- what each object requires of its parts -------------------------------------------------


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


# --- across spans ------------------------------------------------------------------------------


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


# --- offsets -----------------------------------------------------------------------------------


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


# --- span texts ------------------------------------------------------------------------------


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


# --- versions ------------------------------------------------------------------------------------


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


# --- writing -------------------------------------------------------------------------------------


NORMALIZED_TEXT = "😀 Kim’s “café” — 2\u00a0km…"


@pytest.mark.parametrize("unit", ["utf16", "utf8"])
def test_the_normalized_map_is_written_in_the_documents_unit(unit: str) -> None:
    steps = ["quotes", "spaces", "ellipsis"]
    a = Article.from_text(NORMALIZED_TEXT, id="n")
    block = a.to_dict(normalized=steps)["normalized"]  # type: ignore[arg-type]
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


# --- claims given from outside ------------------------------------------------------------------


def _claim(start: int, end: int, claim_id: str, text: str | None = None) -> Claim:
    return Claim(
        start,
        end,
        TEXT[start:end] if text is None else text,
        id=claim_id,
        kinds=(ClaimKind.STATISTIC,),
        sentences=(),
        attribution=None,
        quantities=(),
    )


def test_given_claims_that_are_not_claims() -> None:
    with pytest.raises(TypeError) as caught:
        article().with_claims([_claim(0, 3, "a"), "b"])  # type: ignore[list-item]
    assert str(caught.value) == "claims[1] is a str, not a Claim"


def test_given_claims_with_problems_are_reported_five_at_a_time() -> None:
    a = article()
    claims = [_claim(0, 3, "a", "Xim"), _claim(0, 3, "a"), _claim(0, 3, "a")]
    with pytest.raises(SpanError) as caught:
        a.with_claims(claims)
    assert str(caught.value) == (
        "claims given for article 'doc' do not fit it: claims[0].text: recorded text 'Xim' is "
        "not the text at [0, 3) (code points), which reads 'Kim': the text or the offsets were "
        "changed after the span was made; claims[1].id: claim id 'a' is also claims[0]'s; "
        "claims[2].id: claim id 'a' is also claims[0]'s"
    )
    with pytest.raises(SpanError) as caught:
        a.with_claims([_claim(0, 3, str(i), "Xim") for i in range(5)])
    assert str(caught.value).count("recorded text 'Xim'") == 5
    assert str(caught.value).endswith(
        "the text or the offsets were changed after the span was made"
    )
    with pytest.raises(SpanError) as caught:
        a.with_claims([_claim(0, 3, str(i), "Xim") for i in range(6)])
    assert str(caught.value).endswith("; … and 1 more")
    with pytest.raises(SpanError) as caught:
        a.with_claims([_claim(0, 3, str(i), "Xim") for i in range(7)])
    assert str(caught.value).count("recorded text 'Xim'") == 5
    assert str(caught.value).endswith("; … and 2 more")


# --- reading JSON ------------------------------------------------------------------------------


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


def test_a_document_nested_too_deeply_is_an_error_at_the_root() -> None:
    doc = document()
    nested: list[Any] = []
    for _ in range(5000):
        nested = [nested]
    doc["source"] = nested
    assert problems(doc) == (("$", "nested too deeply to be an article document"),)


def test_a_string_with_a_lone_surrogate_is_named_at_its_path() -> None:
    doc = document()
    doc["zones"][0]["text"] = "Kim \ud800"
    doc["source"] = "a\udc00b"
    assert problems(doc) == (
        ("$.source", "a string with a lone surrogate cannot be JSON text"),
        ("$.zones[0].text", "a string with a lone surrogate cannot be JSON text"),
    )


def test_to_jsonl_writes_the_normalized_block_when_asked(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(NORMALIZED_TEXT, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    Corpus.from_dir(tmp_path).to_jsonl(out, normalized=["quotes"])
    (line,) = out.read_bytes().splitlines()
    assert json.loads(line)["normalized"]["text"] == '😀 Kim\'s "café" — 2\u00a0km…'
    Corpus.from_dir(tmp_path).to_jsonl(out)
    (line,) = out.read_bytes().splitlines()
    assert json.loads(line)["normalized"] is None


# --- the header --------------------------------------------------------------------------------


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


def test_no_more_than_a_hundred_problems_across_layers() -> None:
    doc = document()
    doc["zones"] = [5] * 150
    doc["sentences"] = [5] * 3
    found = problems(doc)
    assert len(found) == 100
    assert {path for path, _ in found} == {f"$.zones[{i}]" for i in range(100)}


# --- decimals --------------------------------------------------------------------------------


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


# --- what objects require, in every unit and with span texts left out ---------------------------


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


# --- found by the second mutation run ------------------------------------------------------------


def _normalized_document() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(
        Article.from_text(NORMALIZED_TEXT, id="n").to_json(normalized=["quotes"])
    )
    return doc


CHANGED = (
    "is not what normalising the text with these steps gives: "
    "the block was changed after it was written"
)


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


def test_image_parts_after_a_missing_one_are_still_checked() -> None:
    doc = document()
    image = doc["images"][0]
    image["alt"] = None
    image["start"] = 47
    image["text"] = TEXT[47:103]
    image["credit"]["kind"] = "caption"
    assert problems(doc) == (("$.images[0].credit.kind", "expected 'credit', got 'caption'"),)


def test_integer_valued_floats_are_not_integer_offsets() -> None:
    doc = document()
    doc["sentences"][0]["start"] = 200.0
    assert problems(doc) == (("$.sentences[0].start", "expected an integer offset, got a number"),)


def test_an_offset_just_below_the_64_bit_range_is_reported_as_an_integer() -> None:
    # orjson reads -9223372036854775809 as a float, which rounds to -2**63.
    data = article().to_json().replace('"end":83,', '"end":-9223372036854775809,', 1)
    with pytest.raises(InvalidDocumentError) as caught:
        Article.from_json(data)
    assert caught.value.problems[0] == (
        "$.zones[2].end",
        "end -9223372036854775808 is before start 47: a span is [start, end) with start <= end",
    )


def test_every_key_that_is_not_a_string_is_named() -> None:
    doc = document()
    doc[1] = "x"
    doc[(2, 3)] = "y"
    doc["source"] = {None: 1, "ok": "a\udc00b"}
    assert problems(doc) == (
        ("$.source", "object keys must be strings, got None"),
        ("$.source.ok", "a string with a lone surrogate cannot be JSON text"),
        ("$", "object keys must be strings, got 1"),
        ("$", "object keys must be strings, got (2, 3)"),
    )
