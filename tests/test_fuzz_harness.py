"""The fuzz harnesses' checks, run over their seed inputs without a fuzzer.

The harnesses in fuzz/ are only run by the fuzzer for a bounded time; here
their `check` functions run over every seed input (the seed articles, the
hostile catalogue and the seeds' JSON documents), so the harness code is
tested and keeps in step with the library's API.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import orjson
import pytest

from corpuskit import Article, Boilerplate, CorpusKitError, Span, ZoneKind
from corpuskit.model.spans import trusted_span

FUZZ = Path(__file__).resolve().parent.parent / "fuzz"
if not (FUZZ / "fuzz_parse.py").is_file():  # a source tree without the harnesses
    pytest.skip("fuzz/ is not in this source tree", allow_module_level=True)
sys.path.insert(0, str(FUZZ))

import fuzz_json  # noqa: E402
import fuzz_parse  # noqa: E402
import harness_checks  # noqa: E402
import seed_corpus  # noqa: E402

PARSE_INPUTS = seed_corpus.parse_inputs()
JSON_INPUTS = seed_corpus.json_inputs()


def _params(inputs: dict[str, bytes]) -> list[object]:
    return [pytest.param(data, id=name) for name, data in inputs.items()]


def test_seed_corpora_draw_on_seeds_and_catalogue() -> None:
    seeds = [n for n in PARSE_INPUTS if n.startswith("seed-")]
    assert len(seeds) == len(list(seed_corpus.SEEDS.glob("*.txt"))) >= 2
    assert sum(n.startswith("case-") for n in PARSE_INPUTS) >= 20
    assert sum(n.startswith("case-") for n in JSON_INPUTS) >= 20
    assert all(len(d) <= seed_corpus.PARSE_MAX_LEN for d in PARSE_INPUTS.values())
    assert all(len(d) <= seed_corpus.JSON_MAX_LEN for d in JSON_INPUTS.values())
    # The generated inputs are cut down, but stay large enough to matter.
    assert len(PARSE_INPUTS["case-1mb-straight-quotes"]) == seed_corpus.PARSE_GENERATED
    assert JSON_INPUTS["case-json-deeply-nested-arrays"].startswith(b"[" * 1025)


@pytest.mark.parametrize("data", _params(PARSE_INPUTS))
def test_parse_check_passes_on_seed_input(data: bytes) -> None:
    fuzz_parse.check(data)


@pytest.mark.parametrize("data", _params(JSON_INPUTS))
def test_json_check_passes_on_seed_input(data: bytes) -> None:
    fuzz_json.check(data)


def test_json_check_reads_json_lines() -> None:
    data = JSON_INPUTS["seed-jsonl"]
    assert data.count(b"\n") == 3
    fuzz_json.check_jsonl(data)
    fuzz_json.check_jsonl(b"\n".join(data.splitlines()[::-1]) + b"\nnot json\n")


def test_span_walk_reaches_nested_spans() -> None:
    paths = set()
    for path in sorted(seed_corpus.SEEDS.glob("*.txt")):
        article = Article.from_path(path)
        for layer in harness_checks.LAYERS:
            for where, _ in harness_checks.iter_spans(getattr(article, layer), layer):
                paths.add(where.split(".", 1)[-1] if "." in where else "")
        assert harness_checks.check_spans(article) > 100
    nested = {p.replace("]", "").split("[")[0] for p in paths}
    for field in ("sentences", "quote", "content", "attribution", "quantities", "name"):
        assert any(n.startswith(field) for n in nested), field


def _stand_in(text: str, zones: tuple[Span, ...]) -> Article:
    """An object with an article's text and layers, to give the checks broken spans."""
    layers = dict.fromkeys(harness_checks.LAYERS, ())
    return SimpleNamespace(text=text, **{**layers, "zones": zones})  # type: ignore[return-value]


def test_checks_catch_spans_that_do_not_slice() -> None:
    harness_checks.check_spans(_stand_in("abc", (Span(1, 2, "b"),)))
    with pytest.raises(AssertionError, match="zones"):
        harness_checks.check_spans(_stand_in("abc", (Span(1, 2, "x"),)))
    # Offsets past the end, whose text is what slicing (which clamps) gives.
    with pytest.raises(AssertionError, match="outside a text of 3"):
        harness_checks.check_spans(_stand_in("abc", (trusted_span("abc", 2, 5),)))
    # A nested span: the translator's name inside a credit.
    credit = Boilerplate(0, 3, "abc", ZoneKind.TRANSLATOR_CREDIT, name=Span(0, 1, "z"))
    with pytest.raises(AssertionError, match=r"zones\[0\]\.name"):
        harness_checks.check_spans(_stand_in("abc", (credit,)))


def test_json_repair_reaches_past_checksum_and_span_texts() -> None:
    document = JSON_INPUTS["seed-demo-codepoint"]
    assert fuzz_json.repaired(document) is None
    changed = document.replace(b"minister", b"ministry", 1)
    fixed = fuzz_json.repaired(changed)
    assert fixed is not None
    loaded = Article.from_json(fixed)
    assert loaded.text.startswith("The ministry said")
    assert "ministry" in loaded.zones[0].text
    fuzz_json.check_document(fixed)
    for data in (b"[1]", b"\xff", b'{"text": 1}'):
        assert fuzz_json.repaired(data) is None


@pytest.mark.parametrize("unit", ["utf16", "utf8"])
def test_json_repair_leaves_offsets_that_split_a_character(unit: str) -> None:
    article = Article.from_text("Smile 😀 now.\n\nA second paragraph.", id="u")
    document = orjson.loads(article.to_json(offsets=unit))  # type: ignore[arg-type]
    first = document["zones"][0]
    first["end"] = first["start"] + (7 if unit == "utf16" else 8)  # inside the emoji
    fixed = fuzz_json.repaired(orjson.dumps(document))
    assert fixed is None or orjson.loads(fixed)["zones"][0]["text"] == first["text"]
    with pytest.raises(CorpusKitError):
        Article.from_json(orjson.dumps(document))
