"""JSON documents and JSON Lines corpora: the API, given claims, the id index, atomic writes."""

from __future__ import annotations

import json
import os
from pathlib import Path

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
    ReadError,
    SchemaVersionError,
    Span,
    SpanError,
)

SEED = "000_dd2c270fb12b86b0.txt"


@pytest.fixture
def seed(seeds_dir: Path) -> Article:
    return Article.from_path(seeds_dir / SEED)


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


def test_from_json_takes_str_and_bytes_but_nothing_else(seed: Article) -> None:
    text = seed.to_json()
    assert Article.from_json(text) == Article.from_json(text.encode()) == seed
    with pytest.raises(TypeError, match="str or bytes"):
        Article.from_json(seed.to_dict())  # type: ignore[arg-type]


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
        ("ordinal", -1, "expected an integer >= 0 or null, got a number"),
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


def test_not_json_and_not_an_object_are_errors_at_the_root() -> None:
    for data, message in ((b"{", "not valid JSON"), (b"[1, 2]", "expected an object")):
        with pytest.raises(InvalidDocumentError) as caught:
            Article.from_json(data)
        assert caught.value.json_path == "$"
        assert message in str(caught.value)


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


def test_too_many_problems_are_cut_short(seed: Article) -> None:
    doc = seed.to_dict()
    for span in doc["sentences"] * 10:
        span["start"] = -1
    doc["sentences"] = doc["sentences"] * 10
    with pytest.raises(InvalidDocumentError) as caught:
        Article.from_dict(doc)
    assert len(caught.value.problems) == 100
    assert "… and 95 more problems" in str(caught.value)


def test_invalid_document_errors_pickle(seed: Article) -> None:
    import pickle

    doc = seed.to_dict()
    doc["zones"][0]["start"] = -3
    with pytest.raises(InvalidDocumentError) as caught:
        Article.from_dict(doc)
    copy = pickle.loads(pickle.dumps(caught.value))
    assert copy.problems == caught.value.problems
    assert str(copy) == str(caught.value)


# -- claims given from outside --------------------------------------------------------------


def _claim(article: Article, start: int, end: int, claim_id: str) -> Claim:
    return Claim(
        start,
        end,
        article.text[start:end],
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


# -- JSON Lines -----------------------------------------------------------------------------


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
    other = Article.from_text("Short text.\n\nA second paragraph.", id="b\\q")
    path = tmp_path / "c.jsonl"
    path.write_bytes(
        b"\n" + orjson.dumps(reordered) + b"\r\n\n" + other.to_json().encode() + b"\n   \n"
    )
    corpus = Corpus.from_jsonl(path)
    assert corpus.ids == (seed.id, "b\\q")
    assert corpus["b\\q"] == other
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
