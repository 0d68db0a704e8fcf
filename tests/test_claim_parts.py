"""A claim in several parts (`Claim.parts`): checked when made, and carried everywhere.

``The bank, he said, would cut 400 jobs.``: the claim's content is ``The bank``
and ``would cut 400 jobs``; its span is their hull, attribution included.  The
extractor may not make such claims yet, so these tests build them by hand.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from documents import null_digests, unit_slice, version_4

from corpuskit import (
    Article,
    Attribution,
    Claim,
    ClaimKind,
    Corpus,
    CorpusKitError,
    InvalidDocumentError,
    Span,
    SpanError,
    reanchor_claims,
)
from corpuskit.io.parquet import SPAN_KINDS, write_parquet
from corpuskit.io.schema import json_schema
from corpuskit.model.packed import pack_claims, unpack_claims

# "he said" stands between the two parts; the emoji is two UTF-16 units and four
# UTF-8 bytes, and a CRLF inside a part makes brat split it.
TEXT = (
    "Banks cut jobs\r\n\r\n"
    "Sven Olsen runs Nordbank. The bank, he said, would cut 400 jobs 😀 this year. "
    "Rates, the report found, would\r\nrise sharply.\r\n"
)
START = TEXT.index("The bank")
GAP = TEXT.index("would cut")
END = TEXT.index(" this year")


def sp(start: int, end: int) -> Span:
    return Span.of(TEXT, start, end)


def bank_claim(parts: Any = None, **changes: Any) -> Claim:
    """The bank's claim: in two parts, attributed to "he", who is Sven Olsen."""
    source = TEXT.index("he said")
    fields: dict[str, Any] = {
        "start": START,
        "end": END,
        "text": TEXT[START:END],
        "id": "bank:1",
        "kinds": (ClaimKind.REPORTED_SPEECH,),
        "sentences": (),
        "attribution": Attribution(sp(source, source + 2), sp(source + 3, source + 7), sp(18, 28)),
        "quantities": (),
        "quote": None,
        "parts": (sp(START, START + 8), sp(GAP, END)) if parts is None else parts,
    }
    fields.update(changes)
    return Claim(**fields)


@pytest.fixture
def article() -> Article:
    """The article, given the bank's claim and a claim whose last part holds a CRLF."""
    base = Article.from_text(TEXT, id="bank")
    rates = TEXT.index("Rates")
    would = TEXT.index("would\r\n")
    end = TEXT.index(".\r\n", would)
    second = Claim(
        rates,
        end,
        TEXT[rates:end],
        "bank:2",
        (ClaimKind.REPORTED_SPEECH, ClaimKind.STATISTIC),
        tuple(s for s in base.sentences if s.overlaps(sp(rates, end))),
        None,
        (),
        parts=(sp(rates, rates + 5), sp(would, end)),
    )
    return base.with_claims([bank_claim(), second])


# -- made and checked -----------------------------------------------------------------------


def test_contents_are_the_parts_or_the_claim_itself() -> None:
    claim = bank_claim()
    assert claim.text == "The bank, he said, would cut 400 jobs 😀"
    assert claim.contents == claim.parts
    assert [p.text for p in claim.contents] == ["The bank", "would cut 400 jobs 😀"]
    whole = bank_claim(parts=())
    assert whole.parts == ()
    assert whole.contents == (Span(START, END, TEXT[START:END]),)
    assert type(whole.contents[0]) is Span
    assert bank_claim(parts=()) != claim  # parts are part of what a claim is


BAD_PARTS: list[tuple[str, Any, str]] = [
    ("one part", (sp(START, END),), r"parts: expected no parts or two or more, got 1"),
    ("late first", (sp(START + 1, START + 8), sp(GAP, END)), r"parts\[0\]\.start: .* not at"),
    ("short last", (sp(START, START + 8), sp(GAP, END - 1)), r"parts\[1\]\.end: .* not at"),
    ("overlapping", (sp(START, GAP + 1), sp(GAP, END)), r"parts\[1\]\.start: .*do not overlap"),
    (
        "out of order",
        (sp(START, START + 8), sp(GAP, END), sp(START + 9, START + 12), sp(GAP, END)),
        r"parts\[2\]\.start",
    ),
    ("empty", (sp(START, START + 8), sp(GAP, GAP), sp(GAP, END)), r"parts\[1\]\.end: .*empty"),
    ("wrong text", (sp(START, START + 8), Span(GAP, END, "x" * (END - GAP))), r"parts\[1\]\.text"),
    ("a list", [sp(START, START + 8), sp(GAP, END)], r"a tuple of Span"),
    ("not spans", ((START, START + 8), (GAP, END)), r"a tuple of Span"),
    ("a claim as a part", (bank_claim(parts=()), sp(END, END + 1)), r"a tuple of Span"),
]


@pytest.mark.parametrize(
    ("parts", "message"), [c[1:] for c in BAD_PARTS], ids=[c[0] for c in BAD_PARTS]
)
def test_parts_that_do_not_fit_are_a_span_error(parts: Any, message: str) -> None:
    with pytest.raises(SpanError, match=message) as caught:
        bank_claim(parts=parts)
    assert isinstance(caught.value, CorpusKitError)
    assert isinstance(caught.value, ValueError)
    with pytest.raises(SpanError):
        attrs.evolve(bank_claim(), parts=parts)


def test_parts_may_touch() -> None:
    claim = bank_claim(parts=(sp(START, START + 8), sp(START + 8, END)))
    assert "".join(p.text for p in claim.contents) == claim.text


def test_with_claims_takes_claims_in_parts(article: Article) -> None:
    assert [len(c.parts) for c in article.claims] == [2, 2]
    for claim in article.claims:
        for part in claim.contents:
            assert article.text[part.start : part.end] == part.text
            assert claim.contains(part)
    other = Article.from_text(TEXT.replace("bank", "Bank"), id="other")
    with pytest.raises(SpanError, match=r"claims\[0\]"):
        other.with_claims([bank_claim()])


# -- JSON ---------------------------------------------------------------------------------


@pytest.mark.parametrize("offsets", ["codepoint", "utf16", "utf8"])
def test_json_round_trip_keeps_the_parts(article: Article, offsets: str) -> None:
    written = article.to_json(offsets=offsets)  # type: ignore[arg-type]
    loaded = Article.from_json(written)
    assert loaded == article
    assert loaded.claims == article.claims
    assert loaded.to_json(offsets=offsets) == written  # type: ignore[arg-type]
    doc = json.loads(written)
    encoded = {
        "codepoint": list(TEXT),
        "utf16": [TEXT.encode("utf-16-le")[i : i + 2] for i in range(0, 2 * len(TEXT), 2)],
        "utf8": list(TEXT.encode("utf-8")),
    }[offsets]
    # A part is the pair [start, end]: its text is the slice of the document's text.
    start, end = doc["claims"][0]["parts"][1]
    assert unit_slice(TEXT, offsets, start, end) == "would cut 400 jobs 😀"
    for claim in doc["claims"]:
        assert claim["parts"][0][0] == claim["start"]
        assert claim["parts"][-1][1] == claim["end"]
        for part in claim["parts"]:
            assert len(part) == 2
            assert len(encoded[part[0] : part[1]]) == part[1] - part[0]
    if offsets == "utf16":
        bank = doc["claims"][0]
        assert bank["parts"][1][1] == bank["end"] == END + 1  # the emoji is two units
    # A part may carry its text, as documents migrated from version 4 do; it is checked.
    for claim in doc["claims"]:
        for part in claim["parts"]:
            part.append(unit_slice(TEXT, offsets, part[0], part[1]))
    assert Article.from_dict(null_digests(doc, "claims")) == article
    doc["claims"][0]["parts"][1][2] = "would cut 400 jobs"
    with pytest.raises(InvalidDocumentError) as caught:
        Article.from_dict(doc)
    assert caught.value.json_path == "$.claims[0].parts[1][2]"


def test_json_schema_accepts_claims_in_parts(article: Article) -> None:
    validator = jsonschema.Draft202012Validator(json_schema())
    doc = article.to_dict()
    assert not list(validator.iter_errors(doc))
    doc["claims"][0]["parts"] = doc["claims"][0]["parts"][:1]
    assert not validator.is_valid(doc)


def broken(article: Article, edit: Any, *, digests: bool = False) -> InvalidDocumentError:
    """The error loading the article's document after ``edit`` to its first claim.

    The claims' digest is nulled (the change is the check's to find) unless ``digests``.
    """
    doc = article.to_dict()
    edit(doc["claims"][0])
    if not digests:
        null_digests(doc, "claims")
    with pytest.raises(InvalidDocumentError) as caught:
        Article.from_dict(doc)
    return caught.value


def _shift(part: list[int], by: int) -> None:
    part[0] += by
    part[1] += by


def _pop_end(part: list[Any]) -> None:
    del part[1:]


EDITS = [
    (lambda c: c["parts"].pop(), "$.claims[0].parts", "two or more"),
    (lambda c: _shift(c["parts"][0], 1), "$.claims[0].parts[0][0]", "not at"),
    (lambda c: _shift(c["parts"][1], -1), "$.claims[0].parts[1][1]", "not at"),
    (lambda c: c["parts"].reverse(), "$.claims[0].parts[0][0]", "not at"),
    (lambda c: c["parts"].insert(1, c["parts"][1]), "$.claims[0].parts[2][0]", "overlap"),
    (lambda c: c["parts"][1].append("x"), "$.claims[0].parts[1][2]", "recorded text"),
    (lambda c: _pop_end(c["parts"][1]), "$.claims[0].parts[1]", "an array of 1 item"),
    (lambda c: c.update(parts=[[START, END]]), "$.claims[0].parts", "two or more"),
    (lambda c: c.update(parts=None), "$.claims[0].parts", "expected an array"),
    (
        lambda c: c.update(parts=[[START, START + 8], {"start": GAP, "end": END}]),
        "$.claims[0].parts[1]",
        "a span",
    ),
]


@pytest.mark.parametrize(("edit", "path", "words"), EDITS)
def test_json_parts_that_do_not_fit_are_named_by_path(
    article: Article, edit: Any, path: str, words: str
) -> None:
    error = broken(article, edit)
    assert error.json_path == path
    assert words in error.problems[0][1]
    # With the digest kept the same problem is named: the digest is checked last.
    assert broken(article, edit, digests=True).problems == error.problems


def test_json_parts_left_out_are_a_claim_of_one_span(article: Article) -> None:
    # Parts are left out when there are none: a document that drops them says so.
    error = broken(article, lambda c: c.pop("parts"), digests=True)
    assert error.json_path == "$.claims"
    assert "digest" in error.problems[0][1]
    doc = null_digests(article.to_dict(), "claims")
    del doc["claims"][0]["parts"]
    assert Article.from_dict(doc).claims[0].parts == ()


def version_3(doc: dict[str, Any]) -> dict[str, Any]:
    """The document of version 5 ``doc`` as corpuskit wrote version 3: no ``parts``."""
    old = version_4(doc)
    old["schema_version"] = 3
    for claim in old["claims"]:
        del claim["parts"]
    return old


def test_a_version_3_document_loads_with_claims_of_one_span(seeds_dir: Path) -> None:
    # Version 3 had no way to write parts: the claims of one span are what it held.
    doc = Article.from_path(seeds_dir / "001_09ca764c561f071a.txt").to_dict(offsets="utf16")
    doc["claims"] = [c for c in doc["claims"] if "parts" not in c]
    seed = Article.from_dict(null_digests(doc, "claims"))
    doc = seed.to_dict(offsets="utf16")
    old = version_3(doc)
    kept = copy.deepcopy(old)
    loaded = Article.from_dict(old)
    assert old == kept, "the caller's document is left alone"
    assert loaded == seed
    assert all(c.parts == () for c in loaded.claims)
    assert loaded.to_dict(offsets="utf16") == doc
    assert Article.from_json(json.dumps(old)) == seed


def test_a_version_3_document_may_not_have_parts(article: Article) -> None:
    old = version_3(article.to_dict())
    old["claims"][1]["parts"] = []
    with pytest.raises(InvalidDocumentError) as caught:
        Article.from_dict(old)
    assert caught.value.json_path == "$.claims[1].parts"
    assert "version 3 documents have no such field" in str(caught.value)


@pytest.mark.parametrize("claims", [{}, "none", [1, None, []]])
def test_a_version_3_document_with_broken_claims_is_reported(article: Article, claims: Any) -> None:
    old = version_3(article.to_dict())
    old["claims"] = claims
    with pytest.raises(InvalidDocumentError) as caught:
        Article.from_dict(old)
    assert caught.value.json_path.startswith("$.claims")


def test_json_lines_round_trip_keeps_the_parts(article: Article, tmp_path: Path) -> None:
    path = tmp_path / "parts.jsonl"
    path.write_text(article.to_json() + "\n", encoding="utf-8")
    (loaded,) = Corpus.from_jsonl(path)
    assert loaded == article
    assert Corpus.from_jsonl(path)["bank"].claims == article.claims


# -- packed, pickled ------------------------------------------------------------------------


def test_claims_in_parts_are_packed_and_made_again(article: Article) -> None:
    parse = article._claim_parse
    packed = pack_claims(article.id, parse)
    assert packed is not None, "claims in parts pack like any other"
    assert unpack_claims(article.id, article.text, packed) == parse
    assert article.claims == article.claims  # made again on each access, equal
    assert article.claims[0].parts == bank_claim().parts


# -- Parquet ------------------------------------------------------------------------------


def test_parquet_writes_a_row_per_part(article: Article, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")

    assert write_parquet([article], tmp_path / "out") == 1
    rows = pq.read_table(tmp_path / "out" / "spans").to_pylist()
    assert "claim_part" in SPAN_KINDS
    claims = [r for r in rows if r["kind"] == "claim"]
    parts = [r for r in rows if r["kind"] == "claim_part"]
    assert [(r["seq"], r["claim_id"], r["text"]) for r in parts] == [
        (0, "bank:1", "The bank"),
        (0, "bank:1", "would cut 400 jobs 😀"),
        (1, "bank:2", "Rates"),
        (1, "bank:2", "would\r\nrise sharply"),
    ]
    raw = article.to_bytes()
    utf16 = article.text.encode("utf-16-le")
    for row in parts:
        assert article.text[row["start"] : row["end"]] == row["text"]
        assert raw[row["start_utf8"] : row["end_utf8"]].decode("utf-8") == row["text"]
        assert (
            utf16[2 * row["start_utf16"] : 2 * row["end_utf16"]].decode("utf-16-le")
            == (row["text"])
        )
    bank = claims[0]
    assert (bank["text"], bank["source"], bank["resolved"], bank["speaker"]) == (
        "The bank, he said, would cut 400 jobs 😀",
        "he",
        "Sven Olsen",
        "Sven Olsen",
    )
    assert claims[1]["speaker"] is None
    # The parts come right after their claim's row.
    kinds = [r["kind"] for r in rows if r["claim_id"] == "bank:1"]
    assert kinds == [
        "claim",
        "claim_part",
        "claim_part",
        "claim_source",
        "claim_cue",
        "claim_resolved",
    ]


# -- brat and Web Annotations ----------------------------------------------------------------


@pytest.mark.parametrize("offsets", ["codepoint", "utf8"])
def test_brat_writes_a_discontinuous_span(article: Article, tmp_path: Path, offsets: str) -> None:
    _, ann = article.to_brat(tmp_path, offsets=offsets)
    lines = ann.read_text("utf-8").splitlines()
    first, second = (line for line in lines if re.match(r"T\d+\t(ReportedSpeech)", line))
    if offsets == "codepoint":
        assert first == f"T1\tReportedSpeech {START} {START + 8};{GAP} {END}\t" + (
            "The bank would cut 400 jobs 😀"
        )
    # Every piece slices the .txt as brat reads it; the texts are joined by a space.
    data = article.to_bytes()
    decoded = data.decode("utf-8")
    for line in (first, second):
        _, middle, text = line.split("\t")
        pairs = [tuple(map(int, p.split())) for p in middle.partition(" ")[2].split(";")]
        pieces = [
            data[a:b].decode("utf-8") if offsets == "utf8" else decoded[a:b] for a, b in pairs
        ]
        assert " ".join(pieces) == text
    # The second claim's last part runs over a CRLF: brat splits it there.
    assert second.split("\t")[2] == "Rates would rise sharply"
    assert second.count(";") == 2


def test_web_annotation_targets_the_claim_and_describes_its_parts(article: Article) -> None:
    annotation = article.web_annotation(article.claims[0])
    assert annotation["body"][0]["value"] == (
        "reported speech; source: he; resolved: Sven Olsen; cue: said; "
        "content: The bank … would cut 400 jobs 😀"
    )
    position = annotation["target"]["selector"][0]
    assert (position["start"], position["end"]) == (START, END)


# -- re-anchoring ------------------------------------------------------------------------------


def test_parts_move_with_their_claim(article: Article) -> None:
    claim = article.claims[0]
    new_text = TEXT.replace("he said", "the chief executive said")
    ((moved, report),) = reanchor_claims(TEXT, new_text, [claim])
    assert moved is not None
    assert report.new is not None
    assert [p.text for p in moved.contents] == ["The bank", "would cut 400 jobs 😀"]
    assert moved.text == "The bank, the chief executive said, would cut 400 jobs 😀"
    for part in moved.contents:
        assert new_text[part.start : part.end] == part.text
    Article.from_text(new_text, id="bank").with_claims([moved])


def test_parts_that_no_longer_fit_are_dropped(article: Article) -> None:
    claim = article.claims[0]
    new_text = TEXT.replace("The bank, he said, would", "He said the bank would")
    ((moved, report),) = reanchor_claims(TEXT, new_text, [claim])
    # The claim's span is found again, but "The bank" no longer starts it.
    assert moved is not None
    assert report.new == Span(moved.start, moved.end, moved.text)
    assert moved.text == "He said the bank would cut 400 jobs 😀"
    assert moved.parts == ()
    assert moved.contents == (report.new,)
