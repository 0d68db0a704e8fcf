"""JSON documents: exact round trips, offsets for other languages, and loads that never lie.

Round trips through `to_json`, `to_dict` and JSON Lines are exact in every offset
unit; UTF-16 and UTF-8 offsets slice the text as JavaScript and byte-oriented
languages do; loading anything raises nothing but `CorpusKitError`, and errors
name the JSON path at fault; a document of version 4 migrates to the same article.

Mutations (the ``test_mutated_*`` tests): a document `Article.to_json` wrote, of a
generated article or of a seed file, in any offset unit, changed in one place.

Always rejected, with an `InvalidDocumentError` (whose ``json_path`` points into the
layer changed, or into a layer that refers to it or that it refers to, or at the
layer itself when its digest is what tells):

(a) any integer of a layer -- an offset, an item of a pair, an index, a depth -- changed
    by +1, by -1 or in one decimal digit;
(b) the article text changed in one character (replaced, inserted or deleted), or
    ``bom`` flipped: the recorded ``$.sha256`` no longer matches;
(c) the text a span carries (documents migrated from version 4 do: a pair's third
    item, an object's ``text``) changed in one character, named at its path;
(d) any field of any object of a layer dropped;
(e) a field left out at its default written with that default;
(f) an enum value (a zone's or quantity's ``kind``, an item of a claim's ``kinds``)
    replaced by anything that is not a member of its enum: a misspelling, another
    enum's value, a number, null, an array, an object.

(a), (d) and (e) are caught by the layer's digest when nothing else tells.  With the
digest nulled, as a program that edits the layer does, a change that leaves the
document valid loads what it says: (a) a span moved, (d) a required field is named
missing and any other takes its default, (e) the same article.

The digests cover the layers as written and the ``offsets`` unit they are read in.
Not detected by them: the header's free data (id, ordinal, source; claim ids left
out are made of the id, so renaming an article renames them).  For these, and for
changes made with the digest nulled, the guarantee is weaker but still firm:

(g) one byte of the JSON text flipped, inserted or deleted, and
(h) any value anywhere replaced by another JSON value, valid or not,

raise nothing but `CorpusKitError`, and a document that loads is loaded
faithfully: the article builds every layer, and writing it in the document's unit
gives a document that says the same (`documents.canonical`).
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from documents import (
    DEFAULTS,
    LAYERS,
    UNITS,
    JsonPath,
    Key,
    Unit,
    at,
    bounds,
    canonical,
    in_units,
    null_digests,
    render,
    span_paths,
    unit_slice,
    version_4,
    walk,
    with_texts,
)
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from strategies import BOM, any_texts, articles, articles_with_parts, json_values, texts

from corpuskit import (
    Article,
    ClaimKind,
    Corpus,
    CorpusKitError,
    InvalidDocumentError,
    QuantityKind,
    SchemaVersionError,
    ZoneKind,
)
from corpuskit.io.json import SCHEMA_VERSION

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_NAMES = tuple(sorted(p.name for p in SEEDS.glob("*.txt")))

# Emoji (one of them a flag: two code points, four UTF-16 units, eight bytes), CRLF
# line ends and combining marks (e + U+0301) before and inside every kind of span.
FIXED_TEXT = (
    "Kim’s 😀 café in Seoul 🇰🇷\r\n"
    "\r\n"
    "Workers at the cafe\u0301 😀 earned 2,000 RMB a month 🇰🇷, a source told Daily NK.\r\n"
    "“We fled 🇰🇷 because pay fell by 50%,” one worker said. “Life is hard 😀.”\r\n"
    "\r\n"
    "Officials said about 13 people had left the re\u0301staurant 👍🏽 in April.\r\n"
)


def at_most(n: int) -> settings:
    """For a slow test: ``n`` examples when the profile asks for more, never more."""
    return settings(
        max_examples=min(settings().max_examples, n),
        suppress_health_check=[HealthCheck.too_slow],
    )


# --- documents as plain data -------------------------------------------------------------


def texts_of(doc: dict[str, Any]) -> list[tuple[JsonPath, str]]:
    """Every span of ``doc`` and the text its offsets cover, sliced in the document's unit."""
    return [
        (path, unit_slice(doc["text"], doc["offsets"], *bounds(at(doc, path))))
        for path in span_paths(doc)
    ]


def touch(article: Article) -> None:
    """Build every layer and everything derived from them; each span must read its text."""
    for name in LAYERS:
        assert isinstance(getattr(article, name), tuple)
    _ = (article.title, article.paragraphs, article.boilerplate)
    for zone in article.paragraphs:
        article.sentences_in(zone)
    expected = texts_of(article.to_dict())
    for unit in UNITS[1:]:
        assert texts_of(article.to_dict(offsets=unit)) == expected


def assert_faithful(article: Article, doc: dict[str, Any]) -> None:
    """The loaded ``article`` is what ``doc`` says, no more and no less."""
    assert canonical(article.to_dict(offsets=doc["offsets"])) == canonical(doc)


def layer_ints(doc: dict[str, Any]) -> list[JsonPath]:
    """The path of every integer in the layers of ``doc``: offsets, indices, depths."""
    return [
        path for layer in LAYERS for path, value in walk(doc[layer], (layer,)) if type(value) is int
    ]


def related(layer: Key) -> set[str]:
    """``layer`` and the layers that refer to it or that it refers to."""
    links = {
        "zones": {"images"},
        "images": {"zones"},
        "claims": {"sentences", "quotes", "quantities"},
    }
    for name in ("sentences", "quotes", "quantities"):
        links[name] = {"claims"}
    return {str(layer), *links.get(str(layer), set())}


def in_layers(error: InvalidDocumentError, layers: set[str]) -> bool:
    """Whether the first problem of ``error`` lies in one of ``layers``."""
    return any(re.match(rf"\$\.{name}(?:[.\[]|$)", error.json_path) for name in layers)


def load(doc: dict[str, Any], via_json: bool) -> Article:
    if via_json:
        return Article.from_json(json.dumps(doc, ensure_ascii=False))
    return Article.from_dict(doc)


def load_or_error(doc: dict[str, Any], via_json: bool) -> Article | InvalidDocumentError:
    try:
        return load(doc, via_json)
    except InvalidDocumentError as error:
        return error


def rejected(doc: dict[str, Any], via_json: bool) -> InvalidDocumentError:
    with pytest.raises(InvalidDocumentError) as info:
        load(doc, via_json)
    error = info.value
    assert error.problems
    assert error.json_path == error.problems[0][0]
    assert error.json_path in str(error)
    return error


@functools.cache
def seed_article(name: str) -> Article:
    return Article.from_path(SEEDS / name)


@functools.cache
def seed_document(name: str, unit: Unit) -> dict[str, Any]:
    return seed_article(name).to_dict(offsets=unit)


class Sample:
    """An article and its document (a fresh copy), shown in a failing example by origin."""

    __slots__ = ("article", "doc", "label")

    def __init__(self, article: Article, doc: dict[str, Any], label: str) -> None:
        self.article = article
        self.doc = doc
        self.label = label

    def __repr__(self) -> str:
        return self.label


@st.composite
def documents(draw: st.DrawFn) -> Sample:
    """A document `to_dict` wrote: of a seed file, or of a generated article (whose
    claims are, one time in three, cut into parts or given in parts)."""
    unit = draw(st.sampled_from(UNITS))
    if draw(st.booleans()):
        name = draw(st.sampled_from(SEED_NAMES))
        doc = copy.deepcopy(seed_document(name, unit))
        return Sample(seed_article(name), doc, f"<seed {name}, offsets={unit!r}>")
    in_parts = draw(st.integers(0, 2)) == 0
    a = draw(articles_with_parts() if in_parts else articles())
    label = (
        f"<Article.from_bytes({a.to_bytes()!r}, id={a.id!r}, ordinal={a.ordinal!r}, "
        f"source={a.source!r}), offsets={unit!r}" + (f", claims={a.claims!r}>" if in_parts else ">")
    )
    return Sample(a, a.to_dict(offsets=unit), label)


# --- 1. round trips ----------------------------------------------------------------------


@at_most(100)
@given(articles(), st.sampled_from(UNITS))
def test_json_round_trip_is_exact(article: Article, unit: Unit) -> None:
    written = article.to_json(offsets=unit)
    assert article.to_json(offsets=unit) == written, "deterministic"
    loaded = Article.from_json(written)
    assert loaded == article
    assert Article.from_json(written.encode("utf-8")) == article
    for name in LAYERS:
        assert getattr(loaded, name) == getattr(article, name), name
    assert loaded.to_bytes() == article.to_bytes()
    assert loaded.to_json(offsets=unit) == written
    indented = article.to_json(offsets=unit, indent=True)
    assert json.loads(indented) == json.loads(written)
    assert Article.from_json(indented) == article


@at_most(100)
@given(articles(), st.sampled_from(UNITS))
def test_dict_round_trip_is_exact(article: Article, unit: Unit) -> None:
    doc = article.to_dict(offsets=unit)
    assert doc == json.loads(article.to_json(offsets=unit))
    assert list(doc)[:9] == [
        "schema_version",
        "id",
        "ordinal",
        "source",
        "bom",
        "sha256",
        "offsets",
        "digests",
        "text",
    ]
    assert list(doc)[9:] == [*LAYERS, "normalized"]
    assert doc["sha256"] == hashlib.sha256(article.to_bytes()).hexdigest()
    assert list(doc["digests"]) == list(LAYERS)
    kept = copy.deepcopy(doc)
    loaded = Article.from_dict(doc)
    assert doc == kept, "from_dict leaves the dict it is given alone"
    assert loaded == article
    assert loaded.to_dict(offsets=unit) == doc
    # Every span given its text (as documents migrated from version 4 carry them),
    # the digests null: the same article.
    full = with_texts(doc)
    kept = copy.deepcopy(full)
    assert Article.from_dict(full) == article
    assert full == kept
    # A document written again has the digests back.
    assert Article.from_dict(full).to_dict(offsets=unit) == doc


@at_most(100)
@given(articles(), st.sampled_from(UNITS), st.data())
def test_articles_with_chosen_claims_round_trip(
    article: Article, unit: Unit, data: st.DataObject
) -> None:
    for base in (article, Article.from_json(article.to_json())):
        claims = base.claims
        order = data.draw(
            st.lists(st.sampled_from(range(len(claims))), unique=True) if claims else st.just([])
        )
        chosen = base.with_claims([claims[i] for i in order])
        assert chosen.claims == tuple(claims[i] for i in sorted(order))  # in text order
        written = chosen.to_json(offsets=unit)
        loaded = Article.from_json(written)
        assert loaded == chosen
        assert loaded.claims == chosen.claims
        assert loaded.to_json(offsets=unit) == written
        assert Article.from_dict(chosen.to_dict(offsets=unit)) == chosen
        if sorted(order) != list(range(len(claims))):
            assert loaded != base


@at_most(100)
@given(articles_with_parts(), st.sampled_from(UNITS))
def test_claims_in_parts_round_trip(article: Article, unit: Unit) -> None:
    claims = article.claims
    assert any(c.parts for c in claims) or all(len(s.text) < 3 for s in article.sentences)
    for claim in claims:
        for part in claim.contents:
            assert article.text[part.start : part.end] == part.text
    written = article.to_json(offsets=unit)
    loaded = Article.from_json(written)
    assert loaded == article
    assert loaded.claims == claims
    assert [c.contents for c in loaded.claims] == [c.contents for c in claims]
    assert loaded.to_json(offsets=unit) == written
    doc = article.to_dict(offsets=unit)
    for claim, written_claim in zip(claims, doc["claims"], strict=True):
        parts = written_claim.get("parts", [])
        assert [unit_slice(doc["text"], unit, *part) for part in parts] == [
            part.text for part in claim.parts
        ]
    assert Article.from_dict(doc) == article
    touch(loaded)


@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_round_trip_is_exact(name: str, unit: Unit) -> None:
    article = seed_article(name)
    written = article.to_json(offsets=unit)
    loaded = Article.from_json(written)
    assert loaded == article
    assert loaded.to_json(offsets=unit) == written
    assert Article.from_dict(json.loads(written)) == article
    for layer in LAYERS:
        assert getattr(loaded, layer) == getattr(article, layer), layer


_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|.)")


@at_most(100)
@given(articles(), st.sampled_from(UNITS))
def test_non_ascii_is_written_as_itself(article: Article, unit: Unit) -> None:
    written = article.to_json(offsets=unit)
    for m in _ESCAPE.finditer(written):
        if m.group(1) is not None:
            assert int(m.group(1), 16) < 0x20, f"needless escape {m.group()}"
    for ch in set(article.text + article.id + (article.source or "")):
        if ord(ch) >= 0x20 and ch not in '"\\':
            assert ch in written, f"{ch!r} is not written as itself"
    assert written.encode("utf-8").decode("utf-8") == written


@st.composite
def number_texts(draw: st.DrawFn) -> str:
    """Sentences stating numbers with any number of decimals, as money, percent, counts."""
    whole = draw(st.sampled_from(["0", "1", "12", "2,000", "1.5"]))
    zeros = "0" * draw(st.integers(0, 9))
    digits = draw(st.sampled_from(["", "1", "5", "25", "0"]))
    number = whole + ("." + zeros + digits if zeros or digits else "")
    template = draw(
        st.sampled_from(
            [
                "Prices rose {n}% last year, officials said.",
                "It cost ${n} million, a source said.",
                "About {n} people fled in April.",
                "The fee was {n} RMB.",
            ]
        )
    )
    return template.format(n=number)


@given(number_texts(), st.sampled_from(UNITS))
def test_quantities_with_many_decimals_round_trip(text: str, unit: Unit) -> None:
    article = Article.from_text(text, id="x")
    written = article.to_json(offsets=unit)
    assert Article.from_json(written) == article


@pytest.mark.parametrize("text", ["The rate was 0.0000001% last year.", "It cost $0.0000000."])
def test_tiny_decimal_quantities_round_trip(text: str) -> None:
    article = Article.from_text(text, id="x")
    assert article.quantities, "the parser finds the number"
    doc = article.to_dict()
    for q in doc["quantities"]:
        assert re.fullmatch(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?", q["low"]), q["low"]
    assert Article.from_json(article.to_json()) == article


def test_hand_written_tiny_decimal_loads_back_after_writing() -> None:
    article = Article.from_text("The rate was 0.5% last year.", id="x")
    doc = article.to_dict()
    for q in doc["quantities"]:
        q["low"] = q["high"] = "0.0000001"
    loaded = Article.from_dict(null_digests(doc, "quantities"))
    assert Article.from_json(loaded.to_json()) == loaded


def write_files(folder: Path, texts: list[str], bom: list[bool]) -> list[Path]:
    paths = []
    for i, (text, b) in enumerate(zip(texts, bom, strict=True)):
        name = f"{i:03d}_{i * 0x1F3D5B7A9:016x}.txt" if i % 3 else f'naïve "😀 {i}.txt'
        path = folder / name
        path.write_bytes((BOM if b else b"") + text.encode("utf-8"))
        paths.append(path)
    return paths


@at_most(50)
@given(
    st.lists(st.tuples(texts(), st.booleans()), min_size=1, max_size=4),
    st.sampled_from(UNITS),
)
def test_jsonl_round_trip(items: list[tuple[str, bool]], unit: Unit) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "articles")
        folder.mkdir()
        paths = write_files(folder, [t for t, _ in items], [b for _, b in items])
        expected = [Article.from_path(p) for p in paths]
        expected.sort(key=lambda a: (a.ordinal is None, a.ordinal or 0, a.source or ""))
        out = Path(tmp, "corpus.jsonl")
        assert Corpus.from_dir(folder).to_jsonl(out, offsets=unit) == len(items)
        raw = out.read_bytes()
        assert raw.count(b"\n") == len(items)
        assert raw.endswith(b"\n")
        for line, article in zip(raw.split(b"\n")[:-1], expected, strict=True):
            assert Article.from_json(line) == article
        corpus = Corpus.from_jsonl(out)
        assert list(corpus) == expected
        assert corpus.ids == tuple(a.id for a in expected)
        assert len(corpus) == len(expected)
        for article in expected:
            assert article.id in corpus
            assert corpus[article.id] == article
        again = Path(tmp, "again.jsonl")
        corpus.to_jsonl(again, offsets=unit)
        assert again.read_bytes() == raw, "JSON Lines to JSON Lines is byte-identical"
        assert not corpus.skipped


# --- 2. offsets for other languages ------------------------------------------------------


def fixed_articles() -> list[Article]:
    data = FIXED_TEXT.encode("utf-8")
    return [Article.from_bytes(data, id="fixed"), Article.from_bytes(BOM + data, id="fixed")]


def test_fixed_text_has_every_kind_of_span_after_wide_characters() -> None:
    article = fixed_articles()[0]
    for name in LAYERS:
        if name != "images":
            assert getattr(article, name), f"the fixed text has {name}"
    assert article.text.count("\r\n") == 6
    first_wide = article.text.index("😀")
    doc = article.to_dict()
    assert all(bounds(at(doc, p))[0] > first_wide for p in span_paths(doc) if p[0] == "claims")


@pytest.mark.parametrize("unit", ["utf16", "utf8"])
@pytest.mark.parametrize("bom", [False, True], ids=["no-bom", "bom"])
def test_fixed_text_offsets_slice_like_other_languages(unit: Unit, bom: bool) -> None:
    article = fixed_articles()[bom]
    doc = article.to_dict(offsets=unit)
    codepoints = article.to_dict()
    paths = span_paths(doc)
    assert len(paths) > 25
    assert paths == span_paths(codepoints)
    for path in paths:
        (start, end), (cp_start, cp_end) = bounds(at(doc, path)), bounds(at(codepoints, path))
        assert unit_slice(doc["text"], unit, start, end) == article.text[cp_start:cp_end]
        assert start == in_units(article.text, unit, cp_start)
        assert end == in_units(article.text, unit, cp_end)
    # The byte-order mark is not part of the text, so it does not shift UTF-8 offsets.
    assert doc["bom"] is bom
    assert doc == {
        **fixed_articles()[not bom].to_dict(offsets=unit),
        "bom": bom,
        "sha256": doc["sha256"],
    }
    assert Article.from_dict(doc) == article


# A reader as docs/json.md describes one: spans are pairs or objects with start and
# end, references are indices. It prints every span's text, then what each claim refers
# to, as JSON.
_NODE_CHECK = r"""
const fs = require("fs");
const doc = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const bytes = Buffer.from(doc.text, "utf8");
const PAIRS = new Set(["name", "content", "source", "cue", "resolved", "hedge_span", "counted"]);
const cite = ([start, end]) => doc.offsets === "utf16"
  ? doc.text.slice(start, end)
  : bytes.subarray(start, end).toString("utf8");
const spans = [];
function inner(node, path) {
  for (const [key, value] of Object.entries(node)) {
    if (value === null) continue;
    if (PAIRS.has(key)) spans.push([`${path}.${key}`, cite(value)]);
    else if (key === "parts") value.forEach((p, i) => spans.push([`${path}.parts[${i}]`, cite(p)]));
    else if (key === "attribution") inner(value, `${path}.attribution`);
  }
}
for (const layer of ["zones", "images", "sentences", "quotes", "quantities", "claims"]) {
  doc[layer].forEach((item, i) => {
    const path = `$.${layer}[${i}]`;
    if (Array.isArray(item)) {
      spans.push([path, cite(item)]);
    } else {
      spans.push([path, cite([item.start, item.end])]);
      inner(item, path);
    }
  });
}
const refers = doc.claims.map((claim) => [
  (claim.sentences ?? []).map((i) => cite(doc.sentences[i])),
  (claim.quantities ?? []).map((i) => cite([doc.quantities[i].start, doc.quantities[i].end])),
  claim.quote === undefined ? null : cite(doc.quotes[claim.quote].content),
]);
console.log(JSON.stringify({ spans, refers }));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not on PATH")
@pytest.mark.parametrize("unit", ["utf16", "utf8"])
@pytest.mark.parametrize("bom", [False, True], ids=["no-bom", "bom"])
def test_fixed_text_offsets_slice_in_javascript(unit: Unit, bom: bool, tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node is not None
    article = fixed_articles()[bom]
    written = article.to_json(offsets=unit)
    (tmp_path / "doc.json").write_text(written, encoding="utf-8")
    (tmp_path / "check.js").write_text(_NODE_CHECK, encoding="utf-8")
    result = subprocess.run(
        [node, str(tmp_path / "check.js"), str(tmp_path / "doc.json")],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    read = json.loads(result.stdout)
    expected = texts_of(article.to_dict())  # sliced by code point, in Python
    assert read["spans"] == [[render(path), text] for path, text in expected]
    assert read["refers"] == [
        [
            [s.text for s in claim.sentences],
            [q.text for q in claim.quantities],
            None if claim.quote is None else claim.quote.content.text,
        ]
        for claim in article.claims
    ]
    assert any(claim.quote for claim in article.claims)


@at_most(100)
@given(articles(), st.sampled_from(["utf16", "utf8"]))
def test_offsets_slice_like_other_languages(article: Article, unit: Unit) -> None:
    doc = article.to_dict(offsets=unit)
    codepoints = article.to_dict()
    assert span_paths(doc) == span_paths(codepoints)
    for path in span_paths(doc):
        (start, end), (cp_start, cp_end) = bounds(at(doc, path)), bounds(at(codepoints, path))
        assert unit_slice(doc["text"], unit, start, end) == article.text[cp_start:cp_end]
        assert start == in_units(article.text, unit, cp_start)
        assert end == in_units(article.text, unit, cp_end)


# --- 3. mutations --------------------------------------------------------------------------


def any_site(doc: dict[str, Any], keep: Callable[[JsonPath], bool]) -> st.SearchStrategy[JsonPath]:
    """A path in ``doc``: first a field name (or "an item"), then a place it occurs.

    Choosing the name first gives rare fields (``low``, ``depth``, ``resolved``) as
    much attention as the offsets that occur on every span.
    """
    by_key: dict[str, list[JsonPath]] = {}
    for path, _ in walk(doc):
        if path and keep(path):
            by_key.setdefault(path[-1] if isinstance(path[-1], str) else "[]", []).append(path)
    return st.sampled_from(sorted(by_key)).flatmap(lambda key: st.sampled_from(by_key[key]))


def changed_ints(old: int) -> st.SearchStrategy[int]:
    """``old`` plus one, minus one, or with one decimal digit changed."""
    digits = str(old)

    @st.composite
    def one_digit(draw: st.DrawFn) -> int:
        i = draw(st.integers(0, len(digits) - 1))
        if digits[i] == "-":
            return -old
        new = draw(st.sampled_from([d for d in "0123456789" if d != digits[i]]))
        return int(digits[:i] + new + digits[i + 1 :])

    return st.sampled_from([old + 1, old - 1]) | one_digit()


@st.composite
def changed_strings(draw: st.DrawFn, old: str) -> str:
    """``old`` with one character replaced, inserted or deleted (never a lone surrogate)."""
    ops = ["insert"] + (["replace", "delete"] if old else [])
    op = draw(st.sampled_from(ops))
    i = draw(st.integers(0, len(old) - (op != "insert")))
    if op == "delete":
        return old[:i] + old[i + 1 :]
    ch = draw(st.characters(codec="utf-8").filter(lambda c: op == "insert" or c != old[i]))
    return old[:i] + ch + old[i + (op == "replace") :]


@at_most(200)
@given(documents(), st.booleans(), st.data())
def test_mutated_integer_is_rejected(sample: Sample, via_json: bool, data: st.DataObject) -> None:
    """(a) Any integer of a layer changed by one or in one digit: refused.

    With the layer's digest nulled, the change is refused by another check or loads
    what it says (a span moved, another item referred to).
    """
    doc = sample.doc
    sites = layer_ints(doc)
    assume(sites)
    path = data.draw(st.sampled_from(sites), label="path")
    old = at(doc, path)
    new = data.draw(changed_ints(old), label="new")
    assert new != old
    at(doc, path[:-1])[path[-1]] = new
    refused_then_faithful(doc, path, via_json, sample.article)


@at_most(200)
@given(documents(), st.booleans(), st.data())
def test_mutated_text_is_rejected(sample: Sample, via_json: bool, data: st.DataObject) -> None:
    """(b) The article text changed in one character, or the BOM flag flipped."""
    doc = sample.doc
    if data.draw(st.integers(0, 9), label="flip bom?") == 0:
        doc["bom"] = not doc["bom"]
    else:
        doc["text"] = data.draw(changed_strings(doc["text"]), label="text")
    error = rejected(doc, via_json)
    if doc["text"].startswith("\ufeff") and not doc["bom"]:
        assert error.json_path == "$.text"  # a byte-order mark belongs in "bom"
    else:
        assert error.json_path == "$.sha256"
        assert "changed" in error.problems[0][1]


@at_most(200)
@given(documents(), st.booleans(), st.data())
def test_mutated_span_text_is_rejected(sample: Sample, via_json: bool, data: st.DataObject) -> None:
    """(c) The text a span carries changed in one character: named at its path."""
    doc = with_texts(sample.doc)
    assert load(doc, via_json) == sample.article
    sites = [(*p, 2 if isinstance(at(doc, p), list) else "text") for p in span_paths(doc)]
    assume(sites)
    path = data.draw(st.sampled_from(sites), label="path")
    at(doc, path[:-1])[path[-1]] = data.draw(changed_strings(at(doc, path)), label="text")
    assert rejected(doc, via_json).json_path == render(path)


def object_fields(doc: dict[str, Any]) -> list[JsonPath]:
    """The path of every field of every object in the layers of ``doc``."""
    return [
        path
        for layer in LAYERS
        for path, _ in walk(doc[layer], (layer,))
        if len(path) > 1 and isinstance(path[-1], str)
    ]


@at_most(200)
@given(documents(), st.booleans(), st.data())
def test_mutated_by_a_dropped_field_is_rejected(
    sample: Sample, via_json: bool, data: st.DataObject
) -> None:
    """(d) Any field of any object of a layer dropped: refused.

    With the layer's digest nulled, a required field is named missing, and a field
    written (so not at its default) takes its default: another article, or an error.
    """
    doc = sample.doc
    fields = object_fields(doc)
    assume(fields)
    path = data.draw(any_site(doc, lambda p: p in fields), label="path")
    del at(doc, path[:-1])[path[-1]]
    refused_then_faithful(doc, path, via_json, sample.article)


def refused_then_faithful(
    doc: dict[str, Any], path: JsonPath, via_json: bool, article: Article
) -> None:
    """Check a document changed at ``path``: refused, at its layer, with the digest on;
    with the digest nulled, refused at its layer again or loaded as what it now says."""
    error = rejected(doc, via_json)
    assert in_layers(error, related(path[0])), error.json_path
    null_digests(doc, str(path[0]))
    loaded = load_or_error(doc, via_json)
    if isinstance(loaded, InvalidDocumentError):
        assert in_layers(loaded, related(path[0])), loaded.json_path
    else:
        touch(loaded)
        assert_faithful(loaded, doc)
        assert loaded != article


def defaults_left_out(doc: dict[str, Any]) -> list[tuple[JsonPath, object]]:
    """Every field left out of an object of ``doc``, with the value it has: its default,
    or for a claim's id and a quantity's high the value derived, or a span's text."""
    found: list[tuple[JsonPath, object]] = []
    full = canonical(doc)
    for path in span_paths(doc):
        span = at(doc, path)
        if isinstance(span, dict):
            found.append(((*path, "text"), unit_slice(doc["text"], doc["offsets"], *bounds(span))))
    for layer in ("zones", "images", "quotes", "quantities", "claims"):
        for i, item in enumerate(doc[layer]):
            for key, value in full[layer][i].items():
                if key not in item:
                    found.append(((layer, i, key), value))
            attribution = item.get("attribution")
            if attribution is not None:
                found.extend(
                    ((layer, i, "attribution", key), None)
                    for key in DEFAULTS["attribution"]
                    if key not in attribution
                )
    return found


@at_most(200)
@given(documents(), st.booleans(), st.data())
def test_mutated_by_a_default_written_is_rejected(
    sample: Sample, via_json: bool, data: st.DataObject
) -> None:
    """(e) A field left out at its default written with it: refused by the digest.

    With the digest nulled, the document says the same article.
    """
    doc = sample.doc
    sites = defaults_left_out(doc)
    assume(sites)
    path, value = data.draw(st.sampled_from(sites), label="field")
    at(doc, path[:-1])[path[-1]] = value
    error = rejected(doc, via_json)
    assert error.problems == ((render(path[:1]), error.problems[0][1]),)
    assert "digest" in error.problems[0][1]
    null_digests(doc, str(path[0]))
    assert load(doc, via_json) == sample.article


#: The fields without a default, which every object of each layer has (docs/json.md).
REQUIRED = {
    "zones": {"start", "end", "kind"},
    "images": {"start", "end"},
    "quotes": {"start", "end", "content"},
    "quantities": {"start", "end", "kind", "low"},
    "claims": {"start", "end", "kinds"},
    "attribution": set(),
}
WHAT = {"zones": "zone", "images": "image", "quotes": "quote", "quantities": "quantity"}
WHAT |= {"claims": "claim", "attribution": "attribution"}


def shapes(doc: dict[str, Any], sites: list[JsonPath]) -> dict[tuple[Key, ...], JsonPath]:
    """The first of ``sites`` for each kind of site: its path with indices as ``*``."""
    found: dict[tuple[Key, ...], JsonPath] = {}
    for path in sites:
        found.setdefault(tuple("*" if isinstance(k, int) else k for k in path), path)
    return found


# An image without alt text, and a range ("1,200 to 1,500").
_IMAGE_TEXT = (
    "Flood hits town\n\nResidents wade through water in Porto Alegre REUTERS/Kim Hong-Ji\n\n"
    "The mayor said 1,200 to 1,500 homes were damaged, up from about 40 last year.\n"
)


def exhaustive_samples() -> list[tuple[Article, dict[str, Any]]]:
    """Documents of both seeds, the fixed text and `_IMAGE_TEXT`, in all three units."""
    image = Article.from_text(_IMAGE_TEXT, id="image")
    return [
        *((seed_article(name), seed_document(name, "utf16")) for name in SEED_NAMES),
        *((a, a.to_dict(offsets="utf8")) for a in fixed_articles()),
        (image, image.to_dict()),
    ]


def test_every_field_of_every_kind_of_object_is_required_or_has_a_default() -> None:
    """(d), exhaustively: each kind of field of both seeds and the fixed text, dropped."""
    seen = set()
    for article, written in exhaustive_samples():
        for path in shapes(written, object_fields(written)).values():
            doc = copy.deepcopy(written)
            del at(doc, path[:-1])[path[-1]]
            assert in_layers(rejected(doc, via_json=False), related(path[0])), render(path)
            null_digests(doc)
            owner = "attribution" if "attribution" in path[:-1] else str(path[0])
            missing = (render(path), f"required field missing from this {WHAT[owner]}")
            if path[-1] in REQUIRED[owner]:
                assert missing in rejected(doc, via_json=False).problems
            else:
                # It takes its default: not what was written (or not valid with the rest).
                loaded = load_or_error(doc, via_json=False)
                if isinstance(loaded, InvalidDocumentError):
                    assert missing not in loaded.problems
                else:
                    assert loaded != article, render(path)
            seen.add((owner, path[-1]))
    # Every field of every kind of object was written somewhere, and dropped.
    assert seen >= {(layer, f) for layer, fields in REQUIRED.items() for f in fields}
    assert len(seen) > 30


def test_every_default_of_every_kind_of_object_written_is_the_same_article() -> None:
    """(e), exhaustively: each kind of field left out, of both seeds and the fixed text."""
    seen = set()
    for article, written in exhaustive_samples():
        sites = dict(defaults_left_out(written))
        for shape, path in shapes(written, list(sites)).items():
            doc = copy.deepcopy(written)
            at(doc, path[:-1])[path[-1]] = sites[path]
            error = rejected(doc, via_json=False)
            assert [p for p, _ in error.problems] == [render(path[:1])], render(path)
            assert Article.from_dict(null_digests(doc)) == article, render(path)
            seen.add(shape[:1] + shape[2:])
    assert {
        ("zones", "name"),
        ("zones", "text"),
        ("images", "alt"),
        ("quotes", "balanced"),
        ("quotes", "depth"),
        ("quantities", "high"),
        ("quantities", "unit"),
        ("claims", "id"),
        ("claims", "quote"),
        ("claims", "parts"),
        ("claims", "attribution", "resolved"),
    } <= seen


_ENUMS: dict[str, frozenset[str]] = {
    "zone": frozenset(k.value for k in ZoneKind),
    "quantity": frozenset(k.value for k in QuantityKind),
    "claim": frozenset(k.value for k in ClaimKind),
}
_ALL_ENUM_VALUES = sorted(set().union(*_ENUMS.values()))


def enum_sites(doc: dict[str, Any]) -> list[tuple[JsonPath, str]]:
    """Every enum value in a document, with the enum it belongs to."""
    sites = []
    for path, value in walk(doc):
        if not path or not isinstance(value, str):
            continue
        if path[-1] == "kind":
            sites.append((path, "quantity" if "low" in at(doc, path[:-1]) else "zone"))
        elif len(path) > 1 and path[-2] == "kinds":
            sites.append((path, "claim"))
    return sites


def non_members(old: str, members: frozenset[str]) -> st.SearchStrategy[object]:
    strings = st.sampled_from(
        [
            old.upper(),
            old.title(),
            old + " ",
            " " + old,
            old.replace("_", " "),
            old[:-1],
            "",
            *_ALL_ENUM_VALUES,
        ]
    )
    return (strings | st.text() | json_values()).filter(
        lambda v: not (isinstance(v, str) and v in members)
    )


@at_most(200)
@given(documents(), st.booleans(), st.data())
def test_mutated_enum_value_outside_its_enum_is_rejected(
    sample: Sample, via_json: bool, data: st.DataObject
) -> None:
    """(e) A kind replaced by anything that is not a member of its enum."""
    doc = sample.doc
    sites = enum_sites(doc)
    assume(sites)
    path, enum = data.draw(st.sampled_from(sites), label="site")
    value = data.draw(non_members(at(doc, path), _ENUMS[enum]), label="value")
    at(doc, path[:-1])[path[-1]] = value
    error = rejected(doc, via_json)
    owner = render(path[:-1]) if enum != "claim" else render(path)
    assert error.json_path.startswith(owner)


def test_zone_kind_of_the_wrong_type_is_rejected() -> None:
    """A zone whose kind is an array or an object: an error naming it, not a crash."""
    article = Article.from_text("Title\n\nThe body, at last.", id="x")
    for value in ([], ["paragraph"], {}, {"kind": "paragraph"}):
        doc = article.to_dict()
        doc["zones"][1]["kind"] = value
        with pytest.raises(InvalidDocumentError) as info:
            Article.from_dict(doc)
        assert info.value.json_path == "$.zones[1].kind"


@at_most(200)
@given(documents(), st.booleans(), st.data())
def test_mutated_enum_value_within_its_enum_loads_faithfully_or_not_at_all(
    sample: Sample, via_json: bool, data: st.DataObject
) -> None:
    """A kind swapped for another member: refused by the digest; with the digest
    nulled, loaded faithfully or not at all.  The offsets unit, which no digest
    covers, swapped for another: loaded faithfully or not at all."""
    doc = sample.doc
    sites = [*enum_sites(doc), (("offsets",), "offsets")]
    path, enum = data.draw(st.sampled_from(sites), label="site")
    members = set(UNITS) if enum == "offsets" else _ENUMS[enum]
    old = at(doc, path)
    at(doc, path[:-1])[path[-1]] = data.draw(st.sampled_from(sorted(members - {old})))
    if enum != "offsets":
        assert in_layers(rejected(doc, via_json), related(path[0]))
        null_digests(doc, str(path[0]))
    loaded = load_or_error(doc, via_json)
    if not isinstance(loaded, InvalidDocumentError):
        touch(loaded)
        assert_faithful(loaded, doc)


def replacements(old: object) -> st.SearchStrategy[object]:
    """Values a careless tool might write instead of ``old``: near misses and junk."""
    near: list[object] = [None, True, False, 0, -1, "", [], {}, *_ALL_ENUM_VALUES, *UNITS]
    if isinstance(old, bool):
        near.append(not old)
    elif isinstance(old, int):
        near += [old + 1, old - 1, -old, 2**63, 2**64 - 1, float(old), str(old)]
    elif isinstance(old, str):
        near += [old + "x", old[1:], old.upper(), "0.0000001", "1E-7", "-0", "1.50", " 1"]
    elif isinstance(old, list):
        near += [old[1:], old[:1] * 2, old[::-1], [*old, None]]
    elif isinstance(old, dict):
        near += [{k: v for k, v in old.items() if k != key} for key in old]
        near += [{**old, "extra": 1}, list(old.values())]
    decimals = st.from_regex(r"-?(?:0|[1-9][0-9]{0,3})(?:\.[0-9]{1,9})?", fullmatch=True)
    return st.sampled_from(near) | decimals | json_values()


@at_most(200)
@given(documents(), st.booleans(), st.data())
def test_mutated_value_loads_faithfully_or_raises_our_error(
    sample: Sample, via_json: bool, data: st.DataObject
) -> None:
    """(h) Any value anywhere replaced by another JSON value: error, or what it says.

    The digest of a layer changed is nulled, as a program that edits it does (with
    it, the change is refused: see (a), (d), (e)).
    """
    doc = sample.doc
    path = data.draw(any_site(doc, lambda p: True), label="path")
    value = data.draw(replacements(at(doc, path)), label="value")
    at(doc, path[:-1])[path[-1]] = value
    if path[0] in LAYERS:
        null_digests(doc, str(path[0]))
    try:
        loaded = load(doc, via_json)
    except CorpusKitError:
        return
    touch(loaded)
    if path == ("schema_version",):
        # An earlier version that loads is migrated: it says the same article, and
        # the article is written in the current version.
        doc["schema_version"] = SCHEMA_VERSION
    assert_faithful(loaded, doc)


@at_most(200)
@given(documents(), st.data())
def test_mutated_bytes_raise_only_our_errors(sample: Sample, data: st.DataObject) -> None:
    """(g) One byte of the JSON text flipped, inserted or deleted."""
    article, doc = sample.article, sample.doc
    raw = bytearray(article.to_json(offsets=doc["offsets"]).encode("utf-8"))
    i = data.draw(st.integers(0, len(raw) - 1), label="at")
    op = data.draw(st.sampled_from(["flip", "insert", "delete"]), label="op")
    if op == "flip":
        raw[i] ^= data.draw(st.integers(1, 255), label="mask")
    elif op == "insert":
        raw.insert(i, data.draw(st.integers(0, 255), label="byte"))
    else:
        del raw[i]
    try:
        loaded = Article.from_json(bytes(raw))
    except CorpusKitError:
        return
    touch(loaded)
    assert_faithful(loaded, orjson.loads(bytes(raw)))


# --- 4. nothing but our errors -------------------------------------------------------------


def loads_cleanly_or_raises_our_error(load_it: Any, value: object) -> None:
    try:
        article = load_it(value)
    except CorpusKitError:
        return
    touch(article)


@given(st.binary())
def test_from_json_bytes_raises_only_our_errors(data: bytes) -> None:
    loads_cleanly_or_raises_our_error(Article.from_json, data)


@given(st.text() | any_texts())
def test_from_json_text_raises_only_our_errors(text: str) -> None:
    loads_cleanly_or_raises_our_error(Article.from_json, text)


@given(json_values())
def test_from_json_of_any_json_value_raises_only_our_errors(value: object) -> None:
    loads_cleanly_or_raises_our_error(Article.from_json, json.dumps(value))
    loads_cleanly_or_raises_our_error(Article.from_dict, value)


def json_like() -> st.SearchStrategy[object]:
    """Python values a caller might pass for a parsed document: JSON and not quite."""
    scalars = (
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats()
        | st.text(st.characters(codec=None), max_size=6)
        | st.binary(max_size=4)
    )
    return st.recursive(
        scalars,
        lambda children: (
            st.lists(children, max_size=4)
            | st.lists(children, max_size=4).map(tuple)
            | st.dictionaries(st.text(max_size=6) | st.integers(), children, max_size=4)
        ),
        max_leaves=12,
    )


_SMALL = Article.from_bytes(("Hi 😀 there.\r\n\r\n“Next,” e\u0301 said she.").encode(), id="s")
_FIELDS = sorted(
    {"start", "end", "text", "kind", "kinds", "id", "name", "alt", "caption", "credit"}
    | {"content", "balanced", "continued", "depth", "source", "cue", "resolved", "low", "high"}
    | {"unit", "hedge", "hedge_span", "counted", "sentences", "attribution", "quantities"}
    | {"quote"}
)


@st.composite
def pairlike(draw: st.DrawFn) -> list[object]:
    """A pair that looks like some span of `_SMALL`, more or less, maybe with its text."""
    n = len(_SMALL.text) + 2
    start = draw(st.integers(-1, n))
    end = draw(st.integers(start - 1, n + 1))
    text = [_SMALL.text[max(start, 0) : max(end, 0)]] if draw(st.booleans()) else []
    return [start, end, *text]


# Values for any field: junk, pairs, indices and arrays of them.
_VALUES = (
    st.sampled_from([None, True, 0, 1, -1, "", "1", [], {}, ["statistic"], [0], [0, 1], [1, 0]])
    | pairlike()
    | st.lists(pairlike(), max_size=3)
    | json_values()
)


@st.composite
def spanlike(draw: st.DrawFn) -> dict[str, object] | list[object]:
    """An object (or a pair) that looks like some span of `_SMALL`, more or less."""
    pair = draw(pairlike())
    if draw(st.integers(0, 4)) == 0:
        return pair
    obj: dict[str, object] = {"start": pair[0], "end": pair[1]}
    if len(pair) == 3:
        obj["text"] = pair[2]
    if draw(st.integers(0, 3)):
        obj["kind"] = draw(_KIND_VALUES)
    extra = draw(st.dictionaries(st.sampled_from(_FIELDS), _VALUES, max_size=4))
    return {**extra, **obj}


_KIND_VALUES = st.sampled_from(_ALL_ENUM_VALUES) | st.sampled_from(
    [None, 0, "Paragraph", [], ["paragraph"], {}, {"kind": "paragraph"}]
)


@st.composite
def documentish(draw: st.DrawFn) -> dict[str, object]:
    """A document of `_SMALL` with a valid header and layers of span-like junk.

    The digests are null (or the junk would be refused for them alone), but one
    time in four.
    """
    doc: dict[str, Any] = _SMALL.to_dict(offsets=draw(st.sampled_from(UNITS)))
    for name in LAYERS:
        doc[name] = draw(st.lists(spanlike(), max_size=2))
    if draw(st.integers(0, 3)):
        null_digests(doc)
    return doc


@at_most(150)
@given(json_like())
def test_from_dict_of_anything_raises_only_our_errors(value: object) -> None:
    kept = repr(value)
    loads_cleanly_or_raises_our_error(Article.from_dict, value)
    assert repr(value) == kept, "from_dict leaves what it is given alone"


@at_most(150)
@given(documentish())
def test_documentish_values_raise_only_our_errors(value: dict[str, Any]) -> None:
    kept = copy.deepcopy(value)
    loads_cleanly_or_raises_our_error(Article.from_dict, value)
    assert value == kept, "from_dict leaves what it is given alone"
    loads_cleanly_or_raises_our_error(Article.from_json, json.dumps(value, ensure_ascii=False))


def test_a_folder_with_an_undecodable_file_name_writes_or_raises_our_error(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    try:  # a Latin-1 name: Python holds it with a lone surrogate, U+DCE9
        (folder / os.fsdecode(b"caf\xe9.txt")).write_bytes(b"Hello there.\n")
    except OSError:
        pytest.skip("this file system takes UTF-8 file names only")
    corpus = Corpus.from_dir(folder)
    try:
        corpus.to_jsonl(tmp_path / "out.jsonl")
    except CorpusKitError:
        return
    assert list(Corpus.from_jsonl(tmp_path / "out.jsonl")) == list(corpus)


def test_article_with_lone_surrogate_id_writes_json_or_raises_our_error() -> None:
    try:
        article = Article.from_text("Hello there.", id="caf\udce9")
        written = article.to_json()
    except CorpusKitError:
        return
    assert Article.from_json(written) == article


# --- 5. errors name a JSON path ------------------------------------------------------------


def seed_doc() -> dict[str, Any]:
    return copy.deepcopy(seed_document(SEED_NAMES[0], "codepoint"))


def _past_end(d: dict[str, Any]) -> None:
    d["claims"][0]["end"] = len(d["text"]) + 1


def _negative_start(d: dict[str, Any]) -> None:
    d["claims"][0]["attribution"]["source"][0] = -1


def _reversed(d: dict[str, Any]) -> None:
    d["sentences"][2].reverse()


def _string_offset(d: dict[str, Any]) -> None:
    d["quotes"][0]["content"][0] = str(d["quotes"][0]["content"][0])


def _unknown_field(d: dict[str, Any]) -> None:
    d["claims"][3]["confidence"] = 0.9


def _missing_kinds(d: dict[str, Any]) -> None:
    del d["claims"][0]["kinds"]


def _text_edited(d: dict[str, Any]) -> None:
    d["text"] = d["text"].replace("North", "South", 1)


def _span_text_edited(d: dict[str, Any]) -> None:
    start, end = d["sentences"][1]
    d["sentences"][1].append(d["text"][start:end].upper())


def _duplicate_ids(d: dict[str, Any]) -> None:
    first = d["claims"][0]
    d["claims"][2]["id"] = f"{d['id']}:{first['start']}-{first['end']}"


def _index_out_of_range(d: dict[str, Any]) -> None:
    d["claims"][1]["sentences"][-1] = len(d["sentences"])


def _changed_unseen(d: dict[str, Any]) -> None:
    d["quotes"][0]["depth"] = 1


@pytest.mark.parametrize(
    ("edit", "path", "words"),
    [
        (_past_end, "$.claims[0].end", "past the end"),
        (_negative_start, "$.claims[0].attribution.source[0]", "negative"),
        (_reversed, "$.sentences[2][1]", "before start"),
        (_string_offset, "$.quotes[0].content[0]", "integer"),
        (_unknown_field, "$.claims[3].confidence", "unknown field"),
        (_missing_kinds, "$.claims[0].kinds", "missing"),
        (_text_edited, "$.sha256", "changed"),
        (_span_text_edited, "$.sentences[1][2]", "changed"),
        (_duplicate_ids, "$.claims[2].id", "$.claims[0]"),
        (_index_out_of_range, "$.claims[1].sentences[1]", "refers to"),
        (_changed_unseen, "$.quotes", "digest"),
    ],
    ids=lambda v: v.__name__.strip("_") if callable(v) else None,
)
def test_errors_name_the_json_path(edit: Any, path: str, words: str) -> None:
    doc = seed_doc()
    edit(doc)
    for via_json in (False, True):
        error = rejected(doc, via_json)
        assert error.json_path == path
        assert words in error.problems[0][1]
        assert isinstance(error, CorpusKitError)
        assert isinstance(error, ValueError)


def test_truncated_json_is_reported_at_the_root() -> None:
    written = seed_article(SEED_NAMES[0]).to_json()
    for cut in (0, 1, len(written) // 2, len(written) - 1):
        with pytest.raises(InvalidDocumentError) as info:
            Article.from_json(written[:cut])
        assert info.value.json_path == "$"
        assert "not valid JSON" in str(info.value)


def test_newer_schema_version_asks_for_an_upgrade() -> None:
    doc = seed_doc()
    doc["schema_version"] += 1
    for via_json in (False, True):
        with pytest.raises(SchemaVersionError) as info:
            load(doc, via_json)
        assert isinstance(info.value, InvalidDocumentError)
        assert info.value.json_path == "$.schema_version"
        assert "upgrade" in str(info.value)


@at_most(100)
@given(documents(), st.booleans())
def test_version_4_document_is_migrated(sample: Sample, via_json: bool) -> None:
    """A document as version 4 wrote it loads the same article, written as version 5."""
    doc = version_4(sample.doc)
    kept = copy.deepcopy(doc)
    article = load(doc, via_json)
    assert doc == kept
    assert article == sample.article
    assert article.to_dict(offsets=doc["offsets"]) == sample.doc
    touch(article)


@pytest.mark.parametrize("name", SEED_NAMES)
def test_version_1_document_is_migrated(name: str) -> None:
    doc = seed_doc() if name == SEED_NAMES[0] else copy.deepcopy(seed_document(name, "codepoint"))
    # Claims in parts came with version 4: an older document holds the others.
    doc["claims"] = [claim for claim in doc["claims"] if "parts" not in claim]
    expected = Article.from_dict(null_digests(doc, "claims"))
    current = expected.to_dict()
    doc = version_4(current)
    doc["schema_version"] = 1
    del doc["offsets"]
    del doc["normalized"]
    for claim in doc["claims"]:
        del claim["parts"]
    kept = copy.deepcopy(doc)
    for via_json in (False, True):
        article = load(doc, via_json)
        assert article == expected
        assert article.to_dict() == current
    assert doc == kept
    doc["offsets"] = "codepoint"
    with pytest.raises(InvalidDocumentError) as info:
        Article.from_dict(doc)
    assert info.value.json_path == "$.offsets"


def jsonl_lines(tmp_path: Path) -> list[bytes]:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in SEED_NAMES:
        shutil.copy(SEEDS / name, folder / name)
    texts = ["Title 😀\r\n\r\nHe said “hi,” e\u0301.\r\n", "Another one.\n", "Last 🇰🇷 one.\n"]
    for i, text in enumerate(texts, 2):
        (folder / f"{i:03d}_{i:016x}.txt").write_text(text, encoding="utf-8", newline="")
    out = tmp_path / "all.jsonl"
    assert Corpus.from_dir(folder).to_jsonl(out, offsets="utf16") == 5
    return out.read_bytes().splitlines(keepends=True)


def test_jsonl_error_names_the_line_and_skip_keeps_the_others(tmp_path: Path) -> None:
    lines = jsonl_lines(tmp_path)
    good = [Article.from_json(line) for line in lines]
    doc = json.loads(lines[2])
    doc["claims"][0]["end"] += 1
    for broken in (lines[2][:40] + b"\n", orjson.dumps(doc) + b"\n"):
        path = tmp_path / "broken.jsonl"
        path.write_bytes(b"".join([*lines[:2], broken, *lines[3:]]))
        with pytest.raises(InvalidDocumentError) as info:
            list(Corpus.from_jsonl(path))
        assert f"{path}:3:" in str(info.value)
        assert info.value.line == 3
        corpus = Corpus.from_jsonl(path, on_error="skip")
        assert list(corpus) == good[:2] + good[3:]
        assert len(corpus.skipped) == 1
        assert f"{path}:3:" in str(corpus.skipped[0])


def test_jsonl_cut_mid_line_says_so(tmp_path: Path) -> None:
    lines = jsonl_lines(tmp_path)
    path = tmp_path / "cut.jsonl"
    path.write_bytes(b"".join(lines)[:-25])
    with pytest.raises(InvalidDocumentError) as info:
        list(Corpus.from_jsonl(path))
    message = str(info.value)
    assert f"{path}:{len(lines)}:" in message
    assert "cut short" in message
    assert "no newline" in message
    corpus = Corpus.from_jsonl(path, on_error="skip")
    assert [a.id for a in corpus] == [Article.from_json(line).id for line in lines[:-1]]
    assert len(corpus.skipped) == 1
    assert "cut short" in str(corpus.skipped[0])


def test_jsonl_newer_schema_version_asks_for_an_upgrade(tmp_path: Path) -> None:
    lines = jsonl_lines(tmp_path)
    doc = json.loads(lines[1])
    doc["schema_version"] = 99
    path = tmp_path / "newer.jsonl"
    path.write_bytes(lines[0] + json.dumps(doc).encode() + b"\n")
    with pytest.raises(SchemaVersionError) as info:
        list(Corpus.from_jsonl(path))
    assert f"{path}:2:" in str(info.value)
    assert "upgrade" in str(info.value)


@pytest.mark.parametrize(
    ("path", "number"),
    [(("ordinal",), float("nan")), (("claims", 0, "attribution"), float("inf"))],
    ids=["nan-ordinal", "inf-attribution"],
)
def test_from_dict_does_not_read_numbers_json_cannot_hold_as_null(
    path: JsonPath, number: float
) -> None:
    doc = seed_doc()
    assert at(doc, path) is not None
    at(doc, path[:-1])[path[-1]] = number
    loaded = load_or_error(doc, via_json=False)
    assert isinstance(loaded, InvalidDocumentError), f"{render(path)} was read as null"
