"""Loading pauses the garbage collector and gives it back as it found it."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from corpuskit import Article, InvalidDocumentError, load_seeds
from corpuskit.model.collection import paused


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
