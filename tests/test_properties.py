"""Invariants that must hold for every input: spans never lie, nothing is lost."""

from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st
from strategies import (
    any_texts,
    articles_with_parts,
    encodable_texts,
    is_invisible,
    news_texts,
    texts,
    visible,
)

from corpuskit import Article, Boilerplate, Claim, CorpusKitError, Span, ZoneKind


def check_zones(article: Article) -> None:
    text = article.text
    zones = article.zones
    covered = [0] * len(text)
    previous_end = 0
    for z in zones:
        assert 0 <= previous_end <= z.start < z.end <= len(text), "ordered, non-empty, in bounds"
        assert text[z.start : z.end] == z.text
        # trimmed of whitespace and of format characters that show nothing (U+200B …)
        assert not is_invisible(z.text[0]), f"{z.text[0]!r} starts a zone"
        assert not is_invisible(z.text[-1]), f"{z.text[-1]!r} ends a zone"
        for i in range(z.start, z.end):
            covered[i] += 1
        previous_end = z.end
    for i, ch in enumerate(text):
        if is_invisible(ch):
            assert covered[i] <= 1, f"invisible {ch!r} at {i} is in two zones"
        else:
            assert covered[i] == 1, f"visible {ch!r} at {i} is not in exactly one zone"
    zone_set = set(zones)
    for image in article.images:
        parts = [p for p in (image.alt, image.caption, image.credit) if p is not None]
        assert parts
        assert all(p in zone_set for p in parts)
        assert [p.kind for p in parts] == sorted(
            (p.kind for p in parts),
            key=[ZoneKind.IMAGE_ALT, ZoneKind.CAPTION, ZoneKind.CREDIT].index,
        )
        assert image.start == parts[0].start
        assert image.end == parts[-1].end
        assert text[image.start : image.end] == image.text
    for b in article.boilerplate:
        assert isinstance(b, Boilerplate)
        assert b.kind.is_boilerplate
        if b.name is not None:
            assert b.kind is ZoneKind.TRANSLATOR_CREDIT
            assert b.start <= b.name.start <= b.name.end <= b.end
            assert text[b.name.start : b.name.end] == b.name.text
    if article.title is not None:
        assert zones[0] == article.title
    assert all(z.kind is ZoneKind.PARAGRAPH for z in article.paragraphs)


@given(texts())
def test_zones_invariants_hold_for_any_text(text: str) -> None:
    check_zones(Article.from_text(text, id="x"))


@given(news_texts())
def test_zones_invariants_hold_for_news_like_text(text: str) -> None:
    check_zones(Article.from_text(text, id="x"))


@given(any_texts())
def test_from_text_raises_only_corpuskit_errors(text: str) -> None:
    try:
        article = Article.from_text(text, id="x")
    except CorpusKitError:
        return
    check_zones(article)


@given(st.binary())
def test_from_bytes_raises_only_corpuskit_errors(data: bytes) -> None:
    try:
        article = Article.from_bytes(data, id="x")
    except CorpusKitError:
        return
    assert article.to_bytes() == data
    check_zones(article)


@given(texts())
def test_bytes_round_trip_is_exact(text: str) -> None:
    data = text.encode("utf-8")
    article = Article.from_bytes(data, id="x")
    assert article.to_bytes() == data
    assert article.sha256 == hashlib.sha256(data).hexdigest()
    assert article == Article.from_text(text, id="x")
    assert Article.from_bytes(article.to_bytes(), id="x") == article


@given(encodable_texts() | news_texts(), st.booleans(), st.data())
def test_article_offsets_agree_with_encodings(text: str, bom: bool, data: st.DataObject) -> None:
    raw = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    article = Article.from_bytes(raw, id="x")
    t = article.text
    idx = article.offsets
    utf16 = t.encode("utf-16-le")
    start = data.draw(st.integers(0, len(t)))
    end = data.draw(st.integers(start, len(t)))
    b0, b1 = idx.span_to_utf8(start, end)
    assert raw[b0:b1].decode("utf-8") == t[start:end]
    u0, u1 = idx.span_to_utf16(start, end)
    assert utf16[2 * u0 : 2 * u1].decode("utf-16-le") == t[start:end]
    assert idx.span_from_utf8(b0, b1) == (start, end)
    assert idx.span_from_utf16(u0, u1) == (start, end)
    assert idx.from_line_col(*idx.to_line_col(start)) == start
    for z in article.zones:
        zb0, zb1 = idx.span_to_utf8(z.start, z.end)
        assert raw[zb0:zb1].decode("utf-8") == z.text


def check_span(article: Article, span: object) -> None:
    assert isinstance(span, Span)
    assert 0 <= span.start <= span.end <= len(article.text)
    assert article.text[span.start : span.end] == span.text


def check_parts(article: Article, claim: Claim) -> None:
    """A claim's contents are its parts (two or more, in order, its span their hull) or itself."""
    contents = claim.contents
    assert contents == (claim.parts or (Span(claim.start, claim.end, claim.text),))
    assert len(claim.parts) != 1
    assert contents[0].start == claim.start
    assert contents[-1].end == claim.end
    for i, part in enumerate(contents):
        check_span(article, part)
        assert type(part) is Span
        assert part.start < part.end or not claim.parts
        if i:
            assert contents[i - 1].end <= part.start


def check_claims(article: Article) -> None:
    zones = [
        z for z in article.zones if z.kind in (ZoneKind.TITLE, ZoneKind.PARAGRAPH, ZoneKind.CAPTION)
    ]
    for zone in zones:
        sentences = article.sentences_in(zone)
        covered = "".join(s.text for s in sentences)
        assert visible(covered) == visible(zone.text), "sentences tile the zone"
        for s in sentences:
            check_span(article, s)
            assert zone.contains(s)
            assert s.text
            assert not is_invisible(s.text[0]), f"{s.text[0]!r} starts a sentence"
            assert not is_invisible(s.text[-1]), f"{s.text[-1]!r} ends a sentence"
    assert sum(len(article.sentences_in(z)) for z in zones) == len(article.sentences)
    for q in article.quotes:
        check_span(article, q)
        check_span(article, q.content)
    for n in article.quantities:
        check_span(article, n)
        assert n.low <= n.high
        for part in (n.hedge_span, n.counted):
            if part is not None:
                check_span(article, part)
    ids = [c.id for c in article.claims]
    assert len(ids) == len(set(ids)), "claim ids are unique"
    for c in article.claims:
        check_span(article, c)
        assert c.kinds
        assert any(p.contains(c) for p in article.paragraphs) or (
            article.title is not None and article.title.contains(c)
        ), "claims come from the title and the body paragraphs"
        for part in (c.source, c.cue, c.attribution and c.attribution.resolved, *c.sentences):
            if part is not None:
                check_span(article, part)
        for n in c.quantities:
            assert c.contains(n)
        check_parts(article, c)
    again = Article.from_bytes(article.to_bytes(), id=article.id)
    assert [(c.id, c.kinds) for c in again.claims] == [(c.id, c.kinds) for c in article.claims]


@given(news_texts())
def test_claims_invariants_hold_for_news_like_text(text: str) -> None:
    check_claims(Article.from_text(text, id="x"))


@given(texts())
def test_claims_invariants_hold_for_any_text(text: str) -> None:
    check_claims(Article.from_text(text, id="x"))


@given(any_texts())
def test_claims_raise_only_corpuskit_errors(text: str) -> None:
    try:
        article = Article.from_text(text, id="x")
    except CorpusKitError:
        return
    check_claims(article)


@given(articles_with_parts())
def test_claims_in_parts_keep_their_invariants_through_every_store(article: Article) -> None:
    claims = article.claims
    for claim in claims:
        check_span(article, claim)
        check_parts(article, claim)
    assert article.claims == claims, "made again from the packed store, equal"
    assert Article.from_json(article.to_json(offsets="utf16")).claims == claims
    reread = Article.from_bytes(
        article.to_bytes(), id=article.id, ordinal=article.ordinal, source=article.source
    ).with_claims(claims)
    assert reread == article
