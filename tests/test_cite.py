"""Citing spans: RFC 5147 fragments, W3C Web Annotations and brat standoff files."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import news_texts

from corpuskit import Article, Corpus, OffsetError, Span, SpanError

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = SEEDS / "000_dd2c270fb12b86b0.txt"

# A title with an emoji, a paragraph wrapped with CRLF and a lone CR, a combining
# mark, a quote broken over an LF, and a byte-order mark in front.
EDGE = (
    "\ufeffTalks stall \U0001f600 in Geneva\r\n\r\n"
    "Officials in Seoul said that the talks had\r\ncollapsed after two days, leaving "
    "300 workers\rstranded in cafe\u0301s.\r\n\r\n"
    "\u201cWe will not give up,\u201d a ministry official told reporters. "
    "\u201cIt is a \U0001f600\nfact.\u201d\n"
)


def _edge() -> Article:
    return Article.from_text(EDGE, id="edge", source="edge.txt")


def _same(a: Span, b: Span) -> bool:
    return (a.start, a.end, a.text) == (b.start, b.end, b.text)


def _cuts_crlf(text: str, span: Span) -> bool:
    return any(0 < i < len(text) and text[i - 1 : i + 1] == "\r\n" for i in (span.start, span.end))


# -- RFC 5147 ------------------------------------------------------------------------------


def test_cite_fragment_on_the_seed() -> None:
    article = Article.from_path(SEED)
    claim = article.claims[1]
    assert article.fragment(claim) == "000_dd2c270fb12b86b0.txt#char=603,787"
    for span in (*article.claims, *article.zones, *article.sentences):
        assert _same(article.span_from_fragment(article.fragment(span)), span)


def test_cite_fragment_counts_a_crlf_as_one_character() -> None:
    article = Article.from_text("ab\r\ncd\r\n", id="x")
    cd = Span.of(article.text, 4, 6)
    assert article.fragment(cd) == "x.txt#char=3,5"
    assert _same(article.span_from_fragment("x.txt#char=3,5"), cd)
    # the whole text is 6 characters as RFC 5147 counts them, 8 code points
    assert article.span_from_fragment("char=0,").end == 8
    crlf = Span.of(article.text, 2, 4)
    assert article.fragment(crlf) == "x.txt#char=2,3"
    assert _same(article.span_from_fragment("char=2,3"), crlf)


def test_cite_fragment_counts_a_lone_cr_and_lf_as_one_character() -> None:
    article = Article.from_text("ab\rcd\nef", id="x")
    assert article.fragment(Span.of(article.text, 3, 5)) == "x.txt#char=3,5"
    assert article.fragment(Span.of(article.text, 6, 8)) == "x.txt#char=6,8"


def test_cite_fragment_counts_an_emoji_and_a_combining_mark_as_code_points() -> None:
    article = Article.from_text("\U0001f600 cafe\u0301 \U0001f44d\U0001f3fd!", id="x")
    bang = Span.of(article.text, 10, 11)
    assert bang.text == "!"
    assert article.fragment(bang) == "x.txt#char=10,11"


def test_cite_fragment_does_not_count_the_byte_order_mark() -> None:
    article = Article.from_bytes(b"\xef\xbb\xbfHi there", id="x", source="bom.txt")
    there = Span.of(article.text, 3, 8)
    assert article.fragment(there) == "bom.txt#char=3,8"
    assert _same(article.span_from_fragment("bom.txt#char=3,8"), there)


def test_cite_fragment_on_the_edge_text() -> None:
    article = _edge()
    paragraph = article.paragraphs[0]
    # the title's line ending and the blank line are two CRLFs before the paragraph
    assert (paragraph.start, article.fragment(paragraph)) == (27, "edge.txt#char=25,133")
    for span in (*article.zones, *article.sentences):
        assert _same(article.span_from_fragment(article.fragment(span)), span)


def test_cite_fragment_refuses_an_offset_inside_a_crlf() -> None:
    article = Article.from_text("ab\r\ncd", id="x")
    with pytest.raises(OffsetError, match="between the CR and the LF"):
        article.fragment(Span.of(article.text, 0, 3))


def test_cite_claims_never_end_inside_a_crlf() -> None:
    article = _edge()
    assert not any(_cuts_crlf(article.text, c) for c in article.claims)


def test_cite_fragment_names_id_txt_and_percent_encodes_the_source() -> None:
    article = Article.from_text("Hello", id="abc")
    assert article.fragment(Span.of("Hello", 1, 3)) == "abc.txt#char=1,3"
    named = Article.from_text("Hello", id="n", source="my notes#1.txt")
    assert named.fragment(Span.of("Hello", 0, 5)) == "my%20notes%231.txt#char=0,5"
    assert named.span_from_fragment("my%20notes%231.txt#char=0,5").text == "Hello"


def test_cite_span_from_fragment_reads_every_char_form() -> None:
    article = Article.from_text("Hello world", id="x")
    assert article.span_from_fragment("char=6,11").text == "world"
    assert article.span_from_fragment("#char=6,11").text == "world"
    assert article.span_from_fragment("https://example.org/c/x.txt#char=6,11").text == "world"
    assert article.span_from_fragment("char=6,").text == "world"
    assert article.span_from_fragment("char=,5").text == "Hello"
    empty = article.span_from_fragment("char=5")
    assert (empty.start, empty.end, empty.text) == (5, 5, "")


@pytest.mark.parametrize(
    ("fragment", "message"),
    [
        ("other.txt#char=0,2", "not this article's file"),
        ("x.txt#char=0,12", "does not lie inside"),
        ("char=12", "does not lie inside"),
        ("char=5,2", "does not lie inside"),
        ("char=-1,2", "not an RFC 5147 character fragment"),
        ("line=0,1", "not an RFC 5147 character fragment"),
        ("char=0,2;length=11", "integrity check"),
        ("char=0,2,3", "not an RFC 5147 character fragment"),
    ],
)
def test_cite_span_from_fragment_rejects_bad_fragments(fragment: str, message: str) -> None:
    article = Article.from_text("Hello world", id="x")
    with pytest.raises(SpanError, match=message):
        article.span_from_fragment(fragment)


def test_cite_rejects_a_span_of_another_text() -> None:
    article = Article.from_text("Hello world", id="x")
    with pytest.raises(SpanError, match="not a span of article 'x'"):
        article.fragment(Span.of("Hello there", 6, 11))
    with pytest.raises(SpanError):
        article.web_annotation(Span(20, 22, "ab"))
    with pytest.raises(TypeError):
        article.fragment((0, 5))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        article.span_from_fragment(5)  # type: ignore[arg-type]


# -- Web Annotation --------------------------------------------------------------------------


def _selectors(annotation: dict[str, object]) -> dict[str, dict[str, object]]:
    target = annotation["target"]
    assert isinstance(target, dict)
    return {s["type"]: s for s in target["selector"]}


def test_cite_web_annotation_of_a_claim() -> None:
    article = Article.from_path(SEED)
    claim = article.claims[1]
    annotation = article.web_annotation(claim)
    assert annotation["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert annotation["type"] == "Annotation"
    assert annotation["id"] == "urn:corpuskit:claim:dd2c270fb12b86b0:603-787"
    assert annotation["body"][0] == {
        "type": "TextualBody",
        "purpose": "describing",
        "format": "text/plain",
        "value": "direct quote; source: a ministry official; cue: told; content: It is a fact "
        "that North Koreans have recently fled an overseas restaurant, … But we cannot "
        "confirm anything about their current situation.",
    }
    assert annotation["body"][1]["value"] == "direct_quote"
    assert annotation["target"]["source"] == "000_dd2c270fb12b86b0.txt"
    selectors = _selectors(annotation)
    assert selectors["TextPositionSelector"] == {
        "type": "TextPositionSelector",
        "start": 603,
        "end": 787,
    }
    quote = selectors["TextQuoteSelector"]
    assert quote["exact"] == claim.text
    assert len(quote["prefix"]) == len(quote["suffix"]) == 32
    assert article.text[603 - 32 : 787 + 32] == quote["prefix"] + quote["exact"] + quote["suffix"]
    json.dumps(annotation)


def test_cite_web_annotation_of_a_plain_span_and_its_context_cut_at_the_ends() -> None:
    article = Article.from_text("Short text here.", id="x")
    span = Span.of(article.text, 0, 5)
    annotation = article.web_annotation(span)
    assert annotation["id"] == "urn:corpuskit:span:x.txt:0-5"
    assert annotation["motivation"] == "highlighting"
    assert "body" not in annotation
    quote = _selectors(annotation)["TextQuoteSelector"]
    assert (quote["exact"], quote["prefix"], quote["suffix"]) == ("Short", "", " text here.")
    tagged = article.web_annotation(span, tag="headline")
    assert tagged["body"] == {"type": "TextualBody", "purpose": "tagging", "value": "headline"}
    with pytest.raises(TypeError):
        article.web_annotation(span, tag=3)  # type: ignore[arg-type]


def test_cite_web_annotation_counts_code_points() -> None:
    article = _edge()
    fact = article.claims[-1]
    # the quote its attribution interrupts: one claim, from the first part to the last
    assert fact.contents[-1].text == "It is a \U0001f600\nfact."
    position = _selectors(article.web_annotation(fact))["TextPositionSelector"]
    assert (position["start"], position["end"]) == (141, 215)


def test_cite_web_annotations_of_an_article() -> None:
    article = Article.from_path(SEED)
    collection = article.web_annotations()
    assert collection["type"] == "AnnotationCollection"
    assert collection["total"] == len(article.claims) == 14
    page = collection["first"]
    assert page["type"] == "AnnotationPage"
    assert page["startIndex"] == 0
    assert [a["id"] for a in page["items"]] == [
        f"urn:corpuskit:claim:{c.id}" for c in article.claims
    ]
    assert all("@context" not in a for a in page["items"])
    json.dumps(collection)


def test_cite_corpus_web_annotations_yields_linked_pages() -> None:
    corpus = Corpus.from_dir(SEEDS)
    pages = corpus.web_annotations()
    assert iter(pages) is pages  # a generator: nothing is read before it is asked for
    first, second = list(pages)
    counts = [len(a.claims) for a in corpus]
    assert [len(first["items"]), len(second["items"])] == counts
    assert (first["startIndex"], second["startIndex"]) == (0, counts[0])
    assert first["next"] == second["id"]
    assert second["prev"] == first["id"]
    assert "prev" not in first
    assert "next" not in second
    assert first["partOf"] == second["partOf"]
    assert first["partOf"] == {"id": "urn:corpuskit:corpus:seeds", "type": "AnnotationCollection"}
    assert first["@context"] == "http://www.w3.org/ns/anno.jsonld"


def test_cite_corpus_web_annotations_links_past_skipped_files(tmp_path: Path) -> None:
    (tmp_path / "001_aaaaaaaaaaaaaaaa.txt").write_bytes(b"A said that it rained.\n")
    (tmp_path / "002_bbbbbbbbbbbbbbbb.txt").write_bytes(b"\xff\xfe bad\n")
    (tmp_path / "003_cccccccccccccccc.txt").write_bytes(b"B said that it snowed.\n")
    corpus = Corpus.from_dir(tmp_path, on_error="skip")
    first, second = corpus.web_annotations()
    assert first["next"] == second["id"]
    assert second["prev"] == first["id"]
    assert second["id"].endswith(":page:cccccccccccccccc")
    assert len(corpus.skipped) == 1


# -- brat --------------------------------------------------------------------------------


def _read_ann(path: Path) -> list[tuple[str, str, list[tuple[int, int]], str]]:
    """Parse the text-bound lines of a .ann file: (id, type, offsets, text)."""
    out = []
    for line in path.read_text("utf-8").split("\n"):
        if not line.startswith("T"):
            continue
        tid, middle, text = line.split("\t", 2)
        kind, _, where = middle.partition(" ")
        pairs = [tuple(int(x) for x in piece.split(" ")) for piece in where.split(";")]
        out.append((tid, kind, [(a, b) for a, b in pairs], text))
    return out


def _check_brat(article: Article, directory: Path, offsets: str) -> list[str]:
    txt, ann = article.to_brat(directory, offsets=offsets)
    data = txt.read_bytes()
    assert data == article.to_bytes()
    # brat reads the .txt with Python's "utf8" codec and no newline translation:
    # a byte-order mark stays, as the character U+FEFF.
    decoded = data.decode("utf-8")
    for _, _, pairs, text in _read_ann(ann):
        if offsets == "utf8":
            pieces = [data[a:b].decode("utf-8") for a, b in pairs]
        else:
            pieces = [decoded[a:b] for a, b in pairs]
        assert " ".join(pieces) == text
        assert not re.search("[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", text)
    lines = ann.read_text("utf-8").split("\n")
    assert lines[-1] == ""
    assert not [p for p in os.listdir(directory) if p.endswith(".tmp")]
    return lines[:-1]


@pytest.mark.parametrize("offsets", ["codepoint", "utf8"])
def test_cite_brat_round_trip_on_the_seeds(tmp_path: Path, offsets: str) -> None:
    for article in Corpus.from_dir(SEEDS):
        _check_brat(article, tmp_path, offsets)


def test_cite_brat_lines_on_the_seed(tmp_path: Path) -> None:
    lines = _check_brat(Article.from_path(SEED), tmp_path, "codepoint")
    assert lines[:6] == [
        "T1\tReportedSpeech 307 435\tthe small group recently fled their workplace, amid "
        "reports they were now waiting to be flown to South Korea via a third country",
        "#1\tAnnotatorNotes T1\tdd2c270fb12b86b0:307-435",
        "T2\tSource 262 291\tGovernment officials in Seoul",
        "R1\tSource Arg1:T2 Arg2:T1",
        "T3\tCue 292 301\tconfirmed",
        "R2\tCue Arg1:T3 Arg2:T1",
    ]
    assert "A1\tStatistic T7" in lines
    # a quote that its attribution interrupts is one annotation in two pieces
    assert (
        "T4\tDirectQuote 603 677;726 787\tIt is a fact that North Koreans have recently fled "
        "an overseas restaurant, But we cannot confirm anything about their current situation."
    ) in lines


@pytest.mark.parametrize("offsets", ["codepoint", "utf8"])
def test_cite_brat_round_trip_on_the_edge_text(tmp_path: Path, offsets: str) -> None:
    article = _edge()
    lines = _check_brat(article, tmp_path, offsets)
    by_kind = {line.split("\t")[1].split(" ")[0]: line for line in lines if line[0] == "T"}
    # the report states a number: its second kind is an attribute
    assert "A1\tStatistic T1" in lines
    if offsets == "codepoint":
        # the BOM is one character in brat: offsets are one more than the article's
        # the statement's three lines (CRLF, then a lone CR) are three pieces
        assert by_kind["ReportedSpeech"] == (
            "T1\tReportedSpeech 57 70;72 117;118 136\tthe talks had collapsed after two days, "
            "leaving 300 workers stranded in cafe\u0301s"
        )
        assert (
            "T4\tDirectQuote 142 162;201 210;211 216\tWe will not give up, It is a \U0001f600 fact."
        ) in lines
    else:
        # three bytes of BOM, and the emoji is four bytes
        assert (
            "T4\tDirectQuote 150 170;213 225;226 231\tWe will not give up, It is a \U0001f600 fact."
        ) in lines


def test_cite_brat_writes_atomically_over_old_files(tmp_path: Path) -> None:
    article = Article.from_text("Officials said that it rained.\n", id="rain")
    (tmp_path / "rain.ann").write_text("stale\n")
    txt, ann = article.to_brat(tmp_path / "new")
    assert (txt.name, ann.name) == ("rain.txt", "rain.ann")
    txt, ann = article.to_brat(tmp_path)
    assert "stale" not in ann.read_text("utf-8")
    assert sorted(os.listdir(tmp_path)) == ["new", "rain.ann", "rain.txt"]


def test_cite_brat_rejects_unknown_offsets(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="offsets must be one of"):
        _edge().to_brat(tmp_path, offsets="utf16")
    assert os.listdir(tmp_path) == []


# -- properties ----------------------------------------------------------------------------


@given(news_texts())
def test_cite_fragments_round_trip_for_every_claim_and_zone(text: str) -> None:
    article = Article.from_text(text, id="p")
    for span in (*article.claims, *article.zones):
        assert not _cuts_crlf(article.text, span), "no claim or zone ends inside a CRLF"
        fragment = article.fragment(span)
        assert _same(article.span_from_fragment(fragment), span)


@given(news_texts())
def test_cite_web_annotation_positions_slice_to_the_quote(text: str) -> None:
    article = Article.from_text(text, id="p")
    for annotation in article.web_annotations()["first"]["items"]:
        selectors = _selectors(annotation)
        position, quote = selectors["TextPositionSelector"], selectors["TextQuoteSelector"]
        start, end = position["start"], position["end"]
        assert article.text[start:end] == quote["exact"]
        assert article.text[:start].endswith(quote["prefix"])
        assert article.text[end:].startswith(quote["suffix"])
        assert len(quote["prefix"]) <= 32
        assert len(quote["suffix"]) <= 32


@given(news_texts(), st.sampled_from(["codepoint", "utf8"]))
def test_cite_brat_round_trips_through_the_files(text: str, offsets: str) -> None:
    article = Article.from_text(text, id="p")
    with tempfile.TemporaryDirectory() as directory:
        _check_brat(article, Path(directory), offsets)
