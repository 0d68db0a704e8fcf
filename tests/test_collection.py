"""Loading pauses the garbage collector and gives it back as it found it."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpuskit import Article, InvalidDocumentError, ZoneKind, load_seeds
from corpuskit.model.collection import paused

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_paused_switches_the_collector_off_and_back(collector_on: None) -> None:
    with paused():
        assert not gc.isenabled()
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still holds
    assert gc.isenabled()


def test_paused_leaves_a_collector_that_was_off_off() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


def test_paused_gives_the_collector_back_after_an_error(collector_on: None) -> None:
    with pytest.raises(ValueError, match="boom"), paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_paused_counts_threads(collector_on: None) -> None:
    inside = threading.Barrier(2)
    leave = threading.Event()

    def hold() -> None:
        with paused():
            inside.wait()
            leave.wait()

    other = threading.Thread(target=hold)
    other.start()
    with paused():
        inside.wait()
    assert not gc.isenabled()  # the other thread still holds its pause
    leave.set()
    other.join()
    assert gc.isenabled()


def test_loading_a_document_gives_the_collector_back(collector_on: None) -> None:
    seed = next(iter(load_seeds()))
    loaded = Article.from_json(seed.to_json())
    assert loaded.claims == seed.claims
    assert gc.isenabled()
    with pytest.raises(InvalidDocumentError):
        Article.from_json(seed.to_json().replace('"offsets":"codepoint"', '"offsets":"x"'))
    assert gc.isenabled()


def _collections(copies: int) -> list[int]:
    """The generations collected while an article of ``copies`` x the seeds' prose is
    written as JSON, unpacked again, loaded and its layers built."""
    paragraphs = [
        zone.text
        for path in sorted(SEEDS.glob("*.txt"))
        for zone in Article.from_path(path).zones
        if zone.kind is ZoneKind.PARAGRAPH
    ]
    article = Article.from_text("\n\n".join(paragraphs * copies), id="big")
    assert len(article.claims) > 20 * copies
    starts: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            starts.append(info["generation"])

    gc.collect()
    gc.callbacks.append(count)
    try:
        document = article.to_json()
        again = article.claims  # unpacked from the packed store
        loaded = Article.from_json(document)
        built = (loaded.zones, loaded.sentences, loaded.quotes, loaded.claims)
    finally:
        gc.callbacks.remove(count)
    assert gc.isenabled()
    assert again == built[3] == article.claims
    return starts


def test_writing_loading_and_building_layers_run_no_collection_as_they_go(
    collector_on: None,
) -> None:
    # Each of these makes a container per item, all kept: the collector's passes over a
    # heap that grows with the article made them grow faster than the article (to_json
    # 18x and from_json 56x for 10x the news prose, with the collector on).  Paused,
    # the collector runs at most once as each pause ends, on the young objects only,
    # however large the article (before: 22 passes for 10 copies, 44 for 20).
    for copies in (10, 20):
        starts = _collections(copies)
        assert set(starts) <= {0}, copies
        assert len(starts) <= 8, copies
