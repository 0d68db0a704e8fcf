"""Pickles name public paths only: ``corpuskit.Article``, never the module defining it.

A pickle holds the import path of every class and function it needs to load;
corpuskit's pickles need ``corpuskit.<public name>`` and the standard library
alone, so a pickle keeps loading when the package's insides move.
"""

from __future__ import annotations

import io
import pickle
from pathlib import Path
from typing import Any

import pytest

import corpuskit
from corpuskit import Article, Corpus, Span, load_seeds

SEEDS = list(load_seeds())


class _Recording(pickle.Unpickler):
    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data))
        self.found: set[tuple[str, str]] = set()

    def find_class(self, module: str, name: str) -> Any:
        self.found.add((module, name))
        return super().find_class(module, name)


def _paths(obj: object) -> tuple[object, set[tuple[str, str]]]:
    """Return the object a pickle of ``obj`` loads as, and the paths it named."""
    recording = _Recording(pickle.dumps(obj))
    back = recording.load()
    return back, recording.found


def _assert_public(paths: set[tuple[str, str]]) -> None:
    # (Test tooling may register picklers of its own: pytest-xdist has tblib pickle
    # exceptions with their tracebacks.  Only corpuskit's own paths are checked.)
    for module, name in paths:
        if module.split(".")[0] == "corpuskit":
            assert module == "corpuskit", (module, name)
            assert name in corpuskit.__all__, name


def _articles() -> list[Article]:
    seed = SEEDS[0]
    parsed = Article.from_bytes(seed.to_bytes(), id=seed.id, source=seed.source)
    _ = parsed.claims
    loaded = Article.from_json(seed.to_json())
    touched = Article.from_json(seed.to_json())
    _ = touched.zones
    given = parsed.with_claims(parsed.claims[:1])
    return [Article.from_text("x", id="bare"), parsed, loaded, touched, given]


@pytest.mark.parametrize(
    "article", _articles(), ids=["bare", "parsed", "loaded", "touched", "given"]
)
def test_pickle_of_an_article_names_public_paths_and_loads_equal(article: Article) -> None:
    back, paths = _paths(article)
    _assert_public(paths)
    assert ("corpuskit", "Article") in paths
    assert back == article
    assert isinstance(back, Article)
    assert back.claims == article.claims
    assert back.zones == article.zones


def test_pickle_of_a_parsed_article_carries_its_layers() -> None:
    seed = SEEDS[1]
    article = Article.from_bytes(seed.to_bytes(), id=seed.id)
    _ = article.claims
    back = pickle.loads(pickle.dumps(article))
    assert "_claims_store" in dir(back)
    assert vars(Article)["_claims_store"].__get__(back, Article) is not None


def test_pickle_of_a_folder_corpus_names_public_paths_and_keeps_its_files(
    tmp_path: Path,
) -> None:
    corpus = load_seeds()
    back, paths = _paths(corpus)
    _assert_public(paths)
    assert isinstance(back, Corpus)
    assert list(back) == list(corpus)
    assert back.files == corpus.files
    assert repr(back) == repr(corpus)


def test_pickle_of_a_corpus_keeps_given_files_and_skipped_errors(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Fine text.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe broken")
    corpus = Corpus.from_dir(tmp_path, on_error="skip")
    assert len(list(corpus)) == 1
    back, paths = _paths(corpus)
    _assert_public(paths)
    assert isinstance(back, Corpus)
    assert [e.path for e in back.skipped] == [e.path for e in corpus.skipped]
    assert back["good"] == corpus["good"]


def test_pickle_of_a_json_lines_corpus_indexes_it_again(tmp_path: Path) -> None:
    out = tmp_path / "c.jsonl"
    load_seeds().to_jsonl(out)
    corpus = Corpus.from_jsonl(out)
    first = SEEDS[0].id
    _ = corpus[first]
    back, paths = _paths(corpus)
    _assert_public(paths)
    assert isinstance(back, Corpus)
    assert back[first] == corpus[first]
    assert list(back) == list(corpus)


def test_pickle_of_spans_and_errors_names_public_paths() -> None:
    article = SEEDS[0]
    for obj in (Span(0, 1, "a"), article.zones[0], article.claims[0], article.quantities[0]):
        back, paths = _paths(obj)
        _assert_public(paths)
        assert back == obj
