"""Checks the fuzz harnesses share: every span of an article slices its text exactly.

These functions raise `AssertionError` when a promise is broken; they catch
nothing, so any other exception from corpuskit reaches the fuzzer as a crash.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterator

import attrs

from corpuskit import Article, Boilerplate, Span, ZoneKind

__all__ = [
    "LAYERS",
    "check_spans",
    "check_structure",
    "fail",
    "iter_spans",
]

#: The layers of an article, each a tuple of spans that may hold further spans.
LAYERS = ("zones", "images", "sentences", "quotes", "quantities", "claims")

_OWN_FIELDS = frozenset({"start", "end", "text"})
_TEXT_ZONES = frozenset({ZoneKind.TITLE, ZoneKind.PARAGRAPH, ZoneKind.CAPTION})
_IMAGE_ORDER = (ZoneKind.IMAGE_ALT, ZoneKind.CAPTION, ZoneKind.CREDIT)


# Format characters (Cf) that show something: the prepended concatenation marks are
# drawn, and tag characters end an emoji flag.  Zones may start or end on them.
_SHOWN_FORMAT = frozenset(
    "\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd"
    + "".join(map(chr, range(0xE0020, 0xE0080)))
)


def _invisible(char: str) -> bool:
    """Tell whether ``char`` is whitespace or a format character that shows nothing."""
    return char.isspace() or (unicodedata.category(char) == "Cf" and char not in _SHOWN_FORMAT)


def _visible(text: str) -> str:
    return "".join(c for c in text if not _invisible(c))


def fail(message: str) -> None:
    """Raise `AssertionError` with ``message``: a broken promise is a finding."""
    raise AssertionError(message)


@functools.cache
def _nested_fields(cls: type) -> tuple[str, ...]:
    """Return the attribute names of an attrs class that may hold spans (not its own)."""
    return tuple(f.name for f in attrs.fields(cls) if f.name not in _OWN_FIELDS)


def iter_spans(value: object, path: str) -> Iterator[tuple[str, Span]]:
    """Yield ``(path, span)`` for every `Span` in ``value``, nested ones included.

    Walks attrs objects and tuples, so a claim's sentences, quote, quote
    content, quantities and attribution (source, cue, resolved), a quantity's
    hedge span and counted noun, a boilerplate zone's name and an image's alt
    text, caption and credit are all visited.
    """
    if isinstance(value, tuple | list):
        for i, item in enumerate(value):
            yield from iter_spans(item, f"{path}[{i}]")
        return
    cls = type(value)
    if isinstance(value, Span):
        yield path, value
    if attrs.has(cls):
        for name in _nested_fields(cls):
            yield from iter_spans(getattr(value, name), f"{path}.{name}")


def check_spans(article: Article) -> int:
    """Check that every span of every layer lies in the text and slices it exactly.

    Returns how many spans were checked.
    """
    text = article.text
    length = len(text)
    seen = 0
    for layer in LAYERS:
        for path, span in iter_spans(getattr(article, layer), layer):
            seen += 1
            start, end = span.start, span.end
            if type(start) is not int or type(end) is not int or not 0 <= start <= end <= length:
                fail(f"{path}: offsets [{start!r}, {end!r}) outside a text of {length}")
            if not isinstance(span.text, str) or text[start:end] != span.text:
                fail(
                    f"{path}: text[{start}:{end}] is {text[start:end]!r:.60}, "
                    f"the span says {span.text!r:.60}"
                )
    return seen


def check_structure(article: Article) -> None:
    """Check the layout promises of a parsed (not loaded) article.

    Zones are ordered, trimmed of invisible characters (whitespace and format
    characters that show nothing, such as U+200B) and cover each visible
    character once; images are made of their zones; a translator's name lies in
    its credit; the sentences of the title and of each paragraph or caption are
    trimmed the same way, lie inside it and cover its visible characters; quantities have
    ``low <= high``; claims come from the title and the body paragraphs, hold
    their quantities and have unique ids.
    """
    _check_zones(article)
    _check_images(article)
    _check_sentences(article)
    _check_claims(article)


def _check_zones(article: Article) -> None:
    text = article.text
    zones = article.zones
    previous = 0
    for i, z in enumerate(zones):
        if not previous <= z.start < z.end:
            fail(f"zones[{i}] [{z.start}, {z.end}) is empty or not after the zone before")
        if _invisible(z.text[0]) or _invisible(z.text[-1]):
            fail(f"zones[{i}] is not trimmed: {z.text!r:.60}")
        if _visible(text[previous : z.start]):
            fail(f"text[{previous}:{z.start}] holds visible characters outside every zone")
        previous = z.end
    if _visible(text[previous:]):
        fail(f"text[{previous}:] holds visible characters outside every zone")
    if article.title is not None and zones[0] != article.title:
        fail("the title is not the first zone")
    for i, b in enumerate(article.boilerplate):
        if not isinstance(b, Boilerplate) or not b.kind.is_boilerplate:
            fail(f"boilerplate[{i}] is not a boilerplate zone")
        named = b.name is None or (b.kind is ZoneKind.TRANSLATOR_CREDIT and b.contains(b.name))
        if not named:
            fail(f"boilerplate[{i}].name is outside its zone or on the wrong kind")


def _check_images(article: Article) -> None:
    zone_set = set(article.zones)
    for i, image in enumerate(article.images):
        parts = [p for p in (image.alt, image.caption, image.credit) if p is not None]
        if not parts or not all(p in zone_set for p in parts):
            fail(f"images[{i}] has no parts, or parts that are not zones")
        kinds = [p.kind for p in parts]
        if kinds != [k for k in _IMAGE_ORDER if k in kinds]:
            fail(f"images[{i}] parts are out of order")
        if (image.start, image.end) != (parts[0].start, parts[-1].end):
            fail(f"images[{i}] does not run from its first part to its last")


def _check_sentences(article: Article) -> None:
    counted = 0
    for z in article.zones:
        if z.kind not in _TEXT_ZONES:
            continue
        sentences = article.sentences_in(z)
        counted += len(sentences)
        for s in sentences:
            if not s.text or _invisible(s.text[0]) or _invisible(s.text[-1]) or not z.contains(s):
                fail(f"sentence [{s.start}, {s.end}) is empty, untrimmed or outside its zone")
        if _visible("".join(s.text for s in sentences)) != _visible(z.text):
            fail(f"the sentences of zone [{z.start}, {z.end}) do not cover it")
    if counted != len(article.sentences):
        fail(f"{len(article.sentences)} sentences, but {counted} inside their zones")


def _check_claims(article: Article) -> None:
    for i, n in enumerate(article.quantities):
        if not n.low <= n.high:
            fail(f"quantities[{i}]: low {n.low} > high {n.high}")
    paragraphs = (*article.paragraphs, *(() if article.title is None else (article.title,)))
    ids: set[str] = set()
    for i, c in enumerate(article.claims):
        if c.id in ids:
            fail(f"claims[{i}]: id {c.id!r} is not unique")
        ids.add(c.id)
        if not c.kinds:
            fail(f"claims[{i}] has no kinds")
        if not any(p.contains(c) for p in paragraphs):
            fail(f"claims[{i}] does not lie inside the title or a body paragraph")
        if not all(c.contains(n) for n in c.quantities):
            fail(f"claims[{i}] lists a quantity outside itself")
