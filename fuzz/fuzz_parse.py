"""Fuzz harness: raw bytes parsed as an article file, every layer computed and checked.

Run it with ``python fuzz/fuzz_parse.py [corpus folders] [libFuzzer flags]``
(see fuzz/README.md); `check` is the body of each run and needs no fuzzer.

For any input, `Article.from_bytes` gives an article or raises a
`CorpusKitError`.  Once it gives an article, everything below must hold and
nothing may raise:

* ``to_bytes()`` gives the input back, and ``from_text`` of the decoded text
  gives an equal article;
* every span of the zones, images, sentences, quotes, quantities and claims
  (nested ones too) lies in the text and ``text[start:end] == span.text``;
* the layout promises of `harness_checks.check_structure` hold;
* ``Article.from_json(article.to_json(offsets=unit)) == article`` for a unit
  chosen from the input (codepoint, utf16 or utf8, sometimes with the
  ``normalized`` block), the loaded article's spans slice exactly, and writing
  it again gives the same document;
* ``normalize`` with steps chosen from the input gives a consistent map: the
  whole text maps to the whole text, a span maps back to a span covering it,
  and the map survives ``to_dict``/``from_dict``;
* ``article.anchor`` of a slice of the text finds it exactly (or reports the
  tie), and of a slice with one character dropped gives spans that slice;
* RFC 5147 fragments of sentences and zones lead back to the same offsets.
"""

from __future__ import annotations

import os
import shlex
import sys
import zlib
from typing import Literal

if __name__ == "__main__":
    import atheris

    # corpuskit is imported under instrumentation, so coverage guides the fuzzer through it.
    with atheris.instrument_imports(include=["corpuskit"]):
        import corpuskit  # noqa: F401

from harness_checks import check_spans, check_structure, fail

from corpuskit import (
    Anchor,
    AnchorStatus,
    Article,
    CorpusKitError,
    Normalized,
    NormalizeStep,
    OffsetMap,
    Span,
    normalize,
)

__all__ = ["check"]

UNITS: tuple[Literal["codepoint", "utf16", "utf8"], ...] = ("codepoint", "utf16", "utf8")
_STEPS = tuple(NormalizeStep)
_FOUND = (AnchorStatus.EXACT, AnchorStatus.NORMALISED, AnchorStatus.FUZZY)
#: Spans probed per input for the normalisation map and RFC 5147 fragments.
_PROBES = 8
#: Texts longer than this skip the fuzzy anchoring probe, to keep runs fast.
_FUZZY_LIMIT = 8192


def check(data: bytes) -> None:
    """Parse ``data`` as an article file and check every promise; raise on a broken one."""
    try:
        article = Article.from_bytes(data, id="f")
    except CorpusKitError:
        return
    if article.to_bytes() != data:
        fail("to_bytes() does not give the input back")
    if Article.from_text(data.decode("utf-8"), id="f") != article:
        fail("from_text of the decoded input differs from from_bytes")
    check_spans(article)
    check_structure(article)
    choice = zlib.crc32(data)
    _check_json(article, choice)
    _check_normalize(article, choice)
    _check_anchor(article, choice)
    _check_fragments(article)


def _check_json(article: Article, choice: int) -> None:
    """Write the article as JSON in one unit, load it back, and compare."""
    unit = UNITS[choice % 3]
    normalized = None if choice & 4 == 0 else ("quotes", "spaces", "collapse", "nfc")
    document = article.to_json(offsets=unit, normalized=normalized)
    loaded = Article.from_json(document)
    if loaded != article:
        fail(f"Article.from_json(to_json(offsets={unit!r})) differs from the article")
    check_spans(loaded)
    again = loaded.to_json(offsets=unit, normalized=normalized)
    if again != document:
        fail(f"the loaded article writes another {unit} document")


def _probe_spans(article: Article) -> list[Span]:
    """Return a few spans of the article to probe: some sentences and some zones."""
    return [*article.sentences[:_PROBES], *article.zones[: _PROBES // 2]]


def _check_normalize(article: Article, choice: int) -> None:
    """Normalise the text with steps chosen from the input and check the offset map."""
    text = article.text
    bits = choice >> 3
    if bits & 1:
        result = normalize(text)
    else:
        result = normalize(text, [s for i, s in enumerate(_STEPS) if bits >> (i + 1) & 1])
    if result.raw != text:
        fail("normalize changed its raw text")
    try:
        # The constructor checks that raw and text agree outside the map's edits.
        Normalized(result.raw, result.text, result.map, result.steps)
    except (TypeError, ValueError) as exc:
        fail(f"normalize gave an inconsistent result: {exc}")
    whole = result.to_raw((0, len(result.text)))
    if (whole.start, whole.end) != (0, len(text)):
        fail(f"the whole normalised text maps to [{whole.start}, {whole.end}), not the whole raw")
    for span in _probe_spans(article):
        image = result.from_raw(span)
        if result.text[image.start : image.end] != image.text:
            fail(f"from_raw of [{span.start}, {span.end}) does not slice the normalised text")
        back = result.to_raw(image)
        if not back.contains(span) or text[back.start : back.end] != back.text:
            fail(f"[{span.start}, {span.end}) maps back to [{back.start}, {back.end})")
    if OffsetMap.from_dict(result.map.to_dict()) != result.map:
        fail("the offset map does not survive to_dict and from_dict")


def _check_anchor(article: Article, choice: int) -> None:
    """Anchor a slice of the text, then the slice with one character dropped."""
    text = article.text
    if not text:
        return
    start = choice % len(text)
    end = start + min(len(text) - start, 1 + (choice >> 12) % 200)
    exact = text[start:end]
    found = article.anchor(exact, hint=start)
    _check_anchor_spans(article, found, exact)
    if exact.strip():
        if found.status not in (AnchorStatus.EXACT, AnchorStatus.AMBIGUOUS):
            fail(f"text[{start}:{end}] anchors as {found.status}, not exact")
        if found.span is not None and found.span.text != exact:
            fail(f"text[{start}:{end}] anchors to {found.span.text!r:.60}")
    elif found.status is not AnchorStatus.ORPHAN:
        fail(f"the blank text[{start}:{end}] anchors as {found.status}, not orphan")
    if len(text) <= _FUZZY_LIMIT and len(exact) > 1:
        cut = len(exact) // 2
        _check_anchor_spans(article, article.anchor(exact[:cut] + exact[cut + 1 :]), None)


def _check_anchor_spans(article: Article, found: object, exact: str | None) -> None:
    """Check that an anchor's span and candidates slice the text, and its status fits."""
    if not isinstance(found, Anchor):
        fail(f"anchor gave {type(found).__name__}, not an Anchor")
        return
    text = article.text
    for span in (found.span, *found.candidates):
        if span is not None and (
            not 0 <= span.start <= span.end <= len(text) or text[span.start : span.end] != span.text
        ):
            fail(f"anchor span [{span.start}, {span.end}) does not slice the text")
    if (found.span is not None) != (found.status in _FOUND):
        fail(f"anchor status {found.status} with span {found.span!r:.80}")


def _check_fragments(article: Article) -> None:
    """RFC 5147 fragments of some sentences and zones lead back to their offsets."""
    for span in _probe_spans(article):
        back = article.span_from_fragment(article.fragment(span))
        if (back.start, back.end) != (span.start, span.end):
            fail(f"the fragment of [{span.start}, {span.end}) leads to [{back.start}, {back.end})")


if __name__ == "__main__":
    # libFuzzer runs argv[0] as a shell command (-minimize_crash, -fork): make it run this script.
    program = f"{shlex.quote(sys.executable)} {shlex.quote(os.path.abspath(__file__))}"
    atheris.Setup([program, *sys.argv[1:]], check)
    atheris.Fuzz()
