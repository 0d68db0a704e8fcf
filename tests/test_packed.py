"""Compact layer storage: objects made on access equal the objects computed, and stay small."""

from __future__ import annotations

import copy
import gc
import pickle
import sys
import tracemalloc
from collections.abc import Callable

import attrs
import pytest
from hypothesis import given
from strategies import articles_with_parts, news_texts, texts

from corpuskit import (
    Article,
    Claim,
    InvalidDocumentError,
    Quote,
    Span,
    SpanError,
    ZoneKind,
    load_seeds,
)
from corpuskit.model.layers import Layers
from corpuskit.model.packed import (
    Packed,
    pack_claims,
    pack_sentences,
    pack_zones,
    unpack_claims,
    unpack_sentences,
    unpack_zones,
)
from corpuskit.model.quotes import MAX_DEPTH
from corpuskit.stages.zones import parse_zones

SEEDS = list(load_seeds())


def held_bytes(data: bytes) -> tuple[int, int]:
    """Parse ``data`` with every layer; return (bytes the article holds, bytes of its text)."""
    gc.collect()
    tracemalloc.start()
    try:
        article = Article.from_bytes(data, id="m")
        layers = article.zones, article.sentences, article.claims
        assert all(layers)
        del layers  # the objects made on access are the caller's to keep or drop
        gc.collect()
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    return held, sys.getsizeof(article.text)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda a: a.id)
def test_parsed_article_holds_at_most_three_times_its_text(seed: Article) -> None:
    for a in SEEDS:  # the parsers' own caches are filled before measuring
        _ = a.claims
    held, text = held_bytes(seed.to_bytes())
    assert held <= 3 * text, f"{held} bytes held for {text} bytes of text"


def test_large_article_holds_at_most_three_times_its_text() -> None:
    data = b"\n\n".join(a.to_bytes() for a in SEEDS * 20)
    held, text = held_bytes(data)
    assert held <= 3 * text, f"{held} bytes held for {text} bytes of text"


def check_layers(article: Article) -> None:
    """Packing each layer group and making it again gives equal objects."""
    text = article.text
    zones = parse_zones(text)
    packed = pack_zones(zones)
    assert packed is not None
    assert unpack_zones(text, packed) == zones
    sentences = article.sentences
    packed_sentences = pack_sentences(sentences)
    assert packed_sentences is not None
    assert unpack_sentences(text, packed_sentences) == sentences
    claims = article._claim_parse
    packed_claims = pack_claims(article.id, claims)
    assert packed_claims is not None
    made = unpack_claims(article.id, text, packed_claims)
    assert made == claims
    for claim in made.claims:  # a claim's quote and numbers are the layer's own objects
        assert claim.quote is None or any(claim.quote is q for q in made.quotes)
        assert all(any(q is m for m in made.quantities) for q in claim.quantities)
    for span in (*made.quotes, *made.quantities, *made.claims, *zones.zones, *sentences):
        assert text[span.start : span.end] == span.text


@pytest.mark.parametrize("seed", SEEDS, ids=lambda a: a.id)
def test_seed_layers_survive_packing(seed: Article) -> None:
    check_layers(seed)


@given(news_texts())
def test_layers_survive_packing(text: str) -> None:
    check_layers(Article.from_text(text, id="p"))


@given(articles_with_parts())
def test_claims_in_parts_survive_packing(article: Article) -> None:
    check_layers(article)
    assert any(c.parts for c in article.claims) or all(len(s.text) < 3 for s in article.sentences)


@given(texts())
def test_every_access_gives_equal_layers(text: str) -> None:
    article = Article.from_text(text, id="p")
    first = (article.zones, article.images, article.sentences, article.claims, article.quotes)
    again = (article.zones, article.images, article.sentences, article.claims, article.quotes)
    assert first == again
    fresh = Article.from_text(text, id="p")
    assert fresh.claims == first[3]  # claims first, then the rest: the same objects
    assert (fresh.zones, fresh.sentences) == (first[0], first[2])


@pytest.mark.parametrize("seed", SEEDS, ids=lambda a: a.id)
def test_sentences_in_reads_the_packed_store(seed: Article) -> None:
    sentences = seed.sentences
    for zone in seed.zones:
        inside = tuple(s for s in sentences if zone.contains(s))
        assert seed.sentences_in(zone) == inside
    assert seed.sentences_in(Span.of(seed.text, 0, len(seed.text))) == sentences


@pytest.mark.parametrize("seed", SEEDS, ids=lambda a: a.id)
def test_pickled_article_carries_its_layers(seed: Article) -> None:
    article = Article.from_bytes(seed.to_bytes(), id=seed.id, source=seed.source)
    _ = article.claims
    back = pickle.loads(pickle.dumps(article))
    assert back == article
    # The layers came along: nothing is parsed again.
    assert isinstance(vars(Article)["_claims_store"].__get__(back, Article), Packed)
    assert back.claims == article.claims
    loaded = Article.from_json(seed.to_json())
    _ = loaded.zones
    assert pickle.loads(pickle.dumps(loaded)) == seed
    assert copy.deepcopy(loaded) == seed


def test_articles_sharing_given_layers_build_them_once() -> None:
    seed = SEEDS[0]
    loaded = Article.from_json(seed.to_json())
    twin = attrs.evolve(loaded, source="elsewhere.txt")  # the same given layers
    assert loaded._given is twin._given
    assert loaded.claims == seed.claims
    assert twin.claims == seed.claims
    assert twin.zones == seed.zones
    assert loaded.zones == seed.zones
    assert loaded.sentences == twin.sentences == seed.sentences


class NotedClaim(Claim):
    """A claim class of a user's own: kept as given, not packed."""


def test_layers_of_unknown_classes_are_kept_as_given() -> None:
    seed = SEEDS[1]
    claims = seed.claims
    own = [attrs.evolve(c) for c in claims]
    noted = [NotedClaim(**{f.name: getattr(c, f.name) for f in attrs.fields(Claim)}) for c in own]
    article = seed.with_claims(noted)
    assert article.claims == tuple(noted)
    assert all(type(c) is NotedClaim for c in article.claims)
    assert pack_claims(seed.id, article._claim_parse) is None
    assert article != seed  # a different class is a different claim
    assert seed.with_claims(own) == seed


def test_claim_ids_other_than_the_default_are_kept() -> None:
    seed = SEEDS[0]
    renamed = [attrs.evolve(c, id=f"mine-{i}") for i, c in enumerate(seed.claims)]
    article = seed.with_claims(renamed)
    assert [c.id for c in article.claims] == [f"mine-{i}" for i in range(len(renamed))]
    assert Article.from_json(article.to_json()).claims == article.claims


def test_given_layers_name_what_was_given() -> None:
    assert Layers(claims=()).names == ("claims",)
    assert Layers().names == ()
    with pytest.raises(TypeError, match="unknown layers"):
        Layers(paragraphs=())


def test_zone_kinds_round_trip_through_their_codes() -> None:
    text = "\n\n".join(f"{kind.value} line." for kind in ZoneKind)
    article = Article.from_text(text, id="k")
    assert article.zones == parse_zones(text).zones


@pytest.mark.parametrize("depth", [2**63, -1, MAX_DEPTH + 1])
def test_a_depth_the_packer_and_parquet_cannot_hold_is_refused(depth: int) -> None:
    """A quote's depth past a byte is refused: by the model and, at its path, on load.

    (A depth of 2**63 once loaded, then failed to pack and stopped every command.)
    """
    article = Article.from_text('He said: "The bridge is safe." Then he left.', id="x")
    quote = article.quotes[0]
    with pytest.raises(SpanError, match="quote depth"):
        Quote(quote.start, quote.end, quote.text, quote.content, depth=depth)
    doc = article.to_dict()
    doc["quotes"][0]["depth"] = depth
    with pytest.raises(InvalidDocumentError, match=r"\$\.quotes\[0\]\.depth: expected an integer"):
        Article.from_dict(doc)
    # A depth it can hold: refused for the layer's digest, loaded once that is null.
    doc["quotes"][0]["depth"] = MAX_DEPTH
    with pytest.raises(InvalidDocumentError, match=r"^<json>: \$\.quotes: this layer's digest"):
        Article.from_dict(doc)
    doc["digests"]["quotes"] = None  # as a program that edits the layer does
    assert Article.from_dict(doc).quotes[0].depth == MAX_DEPTH


def _peak(run: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_second_and_third_look_at_claims_cost_no_more_than_the_first() -> None:
    # Every claim of one long sentence holds that sentence: made again per claim on
    # a later access, its text was copied once per claim (quadratic memory).
    article = Article.from_text('"x," he said. ' * 2_000, id="q")
    first = _peak(lambda: article.claims)
    assert len(article.claims) == 2_000
    assert _peak(lambda: article.claims) <= first
    assert _peak(lambda: article.claims) <= first
    sentences = {id(s) for c in article.claims for s in c.sentences}
    assert len(sentences) == len(article.sentences)
