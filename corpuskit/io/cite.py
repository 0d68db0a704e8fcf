r"""Citing spans: RFC 5147 fragments, W3C Web Annotations and brat standoff files.

Three forms, three ways of counting characters, each the one its consumer
expects (see ``docs/citing.md``):

* **RFC 5147** ``#char=`` fragments count characters with every line ending
  (``"\r\n"``, a lone ``"\r"`` or ``"\n"``) as one character, so a CRLF file
  and its LF copy share fragments.  The byte-order mark is not a character.
* **Web Annotation** ``TextPositionSelector`` offsets are code points of
  ``article.text``, as corpuskit's own spans are.
* **brat** offsets are code points of the ``.txt`` file as brat reads it:
  decoded with Python's ``utf8`` codec, which keeps a byte-order mark as the
  character U+FEFF, and no newline translation.  ``offsets="utf8"`` gives
  byte offsets into the same file instead.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote, unquote

from corpuskit.io.files import atomic_writer
from corpuskit.model.claims import Claim, ClaimKind
from corpuskit.model.errors import OffsetError, SpanError
from corpuskit.model.spans import Span

if TYPE_CHECKING:
    from corpuskit.article import Article

__all__ = [
    "CONTEXT",
    "BratOffsets",
    "LineEndings",
    "article_annotations",
    "check_span",
    "corpus_annotation_pages",
    "fragment",
    "span_from_fragment",
    "to_brat",
    "web_annotation",
]

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
#: Characters of context a TextQuoteSelector gives on each side of its ``exact``.
CONTEXT = 32
BratOffsets = Literal["codepoint", "utf8"]
_BRAT_OFFSETS = ("codepoint", "utf8")
_BRAT_TYPES = {
    ClaimKind.DIRECT_QUOTE: "DirectQuote",
    ClaimKind.REPORTED_SPEECH: "ReportedSpeech",
    ClaimKind.STATISTIC: "Statistic",
}
# "char=" then a position, a range "a,b", or a range open at one end ("a," / ",b").
_CHAR = re.compile(r"char=(?:(\d+)(?:(,)(\d*))?|,(\d+))")
# Everything str.splitlines() breaks at: brat reads its .ann files line by line
# with a codecs reader, which splits there, so no text field may hold one.
_ANN_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def check_span(article: Article, span: object) -> Span:
    """Return ``span`` if it is a span of this article's text; raise otherwise."""
    if not isinstance(span, Span):
        raise TypeError(f"expected a Span, got {type(span).__name__}")
    text = article.text
    if span.end > len(text) or text[span.start : span.end] != span.text:
        raise SpanError(
            f"span [{span.start}, {span.end}) {span.text[:40]!r} is not a span of article "
            f"{article.id!r}: its text there is {text[span.start : span.end][:40]!r}"
        )
    return span


def _source_name(article: Article) -> str:
    return article.source if article.source is not None else article.id + ".txt"


# -- RFC 5147 -----------------------------------------------------------------------------


class LineEndings:
    r"""Where the CRLF pairs of a text stand, to count line endings as one character.

    RFC 5147 counts each line ending as one character however many it is made
    of; of corpuskit's line endings only ``"\r\n"`` is two code points, so an
    RFC position is the code-point offset less the CRLF pairs before it.
    """

    __slots__ = ("crlf", "length", "positions")

    def __init__(self, text: str) -> None:
        crlf = [m.start() for m in re.finditer("\r\n", text)]
        self.crlf = crlf
        #: The RFC 5147 position of each CRLF pair (the one character it counts as).
        self.positions = [i - n for n, i in enumerate(crlf)]
        #: The text's length in RFC 5147 characters.
        self.length = len(text) - len(crlf)

    def to_rfc(self, offset: int) -> int:
        """Return the RFC 5147 position of a code-point offset (not inside a CRLF)."""
        i = bisect_right(self.crlf, offset - 1) - 1
        if i >= 0 and self.crlf[i] == offset - 1:
            raise OffsetError(
                f"code point {offset} falls between the CR and the LF of a line ending, "
                "which RFC 5147 counts as one character: no #char= position names it"
            )
        return offset - bisect_right(self.crlf, offset - 2)

    def from_rfc(self, position: int) -> int:
        """Return the code-point offset of an RFC 5147 position in range."""
        return position + bisect_left(self.positions, position)


def fragment(article: Article, span: Span, endings: LineEndings) -> str:
    """Return ``<source>#char=<start>,<end>`` for a span of the article."""
    check_span(article, span)
    start, end = endings.to_rfc(span.start), endings.to_rfc(span.end)
    return f"{quote(_source_name(article), safe='')}#char={start},{end}"


def span_from_fragment(article: Article, value: str, endings: LineEndings) -> Span:
    """Return the span an RFC 5147 ``char=`` fragment names in the article."""
    if not isinstance(value, str):
        raise TypeError(f"a fragment is a str, got {type(value).__name__}")
    resource, sep, frag = value.rpartition("#")
    if not sep:
        frag = value
    if resource:
        name = unquote(resource.rsplit("/", 1)[-1])
        if name != _source_name(article):
            raise SpanError(
                f"fragment {value!r} cites {name!r}, not this article's file "
                f"{_source_name(article)!r}"
            )
    if ";" in frag:
        raise SpanError(
            f"fragment {value!r} carries an integrity check (;length= or ;md5=), "
            "which corpuskit does not read: drop it to cite by position alone"
        )
    m = _CHAR.fullmatch(frag)
    if m is None:
        raise SpanError(
            f"fragment {value!r} is not an RFC 5147 character fragment such as "
            "'char=120,245' (line= fragments are not supported)"
        )
    first, comma, second, only_end = m.groups()
    if only_end is not None:
        start, end = 0, int(only_end)
    else:
        start = int(first)
        end = (int(second) if second else endings.length) if comma else start
    if not start <= end <= endings.length:
        raise SpanError(
            f"fragment {value!r} does not lie inside article {article.id!r}, which is "
            f"{endings.length} characters long as RFC 5147 counts them "
            "(each line ending one character)"
        )
    a, b = endings.from_rfc(start), endings.from_rfc(end)
    return Span(a, b, article.text[a:b])


# -- W3C Web Annotation -------------------------------------------------------------------


def _urn(*parts: str) -> str:
    return "urn:corpuskit:" + ":".join(quote(p, safe=":") for p in parts)


def _selectors(text: str, span: Span) -> list[dict[str, Any]]:
    return [
        {"type": "TextPositionSelector", "start": span.start, "end": span.end},
        {
            "type": "TextQuoteSelector",
            "exact": span.text,
            "prefix": text[max(0, span.start - CONTEXT) : span.start],
            "suffix": text[span.end : span.end + CONTEXT],
        },
    ]


def _describe_claim(claim: Claim) -> str:
    said = [" and ".join(k.value.replace("_", " ") for k in claim.kinds)]
    attribution = claim.attribution
    if attribution is not None and attribution.source is not None:
        said.append(f"source: {attribution.source.text}")
        if attribution.resolved is not None:
            said.append(f"resolved: {attribution.resolved.text}")
    if claim.cue is not None:
        said.append(f"cue: {claim.cue.text}")
    if claim.parts:
        said.append("content: " + " … ".join(part.text for part in claim.parts))
    return "; ".join(said)


def web_annotation(
    article: Article, span: Span, *, tag: str | None = None, context: bool = True
) -> dict[str, Any]:
    """Return a W3C Web Annotation (JSON-LD, as a dict) targeting ``span``."""
    check_span(article, span)
    if tag is not None and not isinstance(tag, str):
        raise TypeError(f"tag must be a str or None, got {type(tag).__name__}")
    out: dict[str, Any] = {"@context": ANNO_CONTEXT} if context else {}
    if isinstance(span, Claim):
        out["id"] = _urn("claim", span.id)
        out["type"] = "Annotation"
        out["motivation"] = "describing"
        body: list[dict[str, Any]] = [
            {
                "type": "TextualBody",
                "purpose": "describing",
                "format": "text/plain",
                "value": _describe_claim(span),
            }
        ]
        body.extend(
            {"type": "TextualBody", "purpose": "tagging", "value": k.value} for k in span.kinds
        )
        if tag is not None:
            body.append({"type": "TextualBody", "purpose": "tagging", "value": tag})
        out["body"] = body
    else:
        out["id"] = _urn("span", _source_name(article), f"{span.start}-{span.end}")
        out["type"] = "Annotation"
        if tag is None:
            out["motivation"] = "highlighting"
        else:
            out["motivation"] = "tagging"
            out["body"] = {"type": "TextualBody", "purpose": "tagging", "value": tag}
    out["target"] = {
        "source": _source_name(article),
        "selector": _selectors(article.text, span),
    }
    return out


def _page(page_id: str, items: list[dict[str, Any]], start_index: int) -> dict[str, Any]:
    return {"id": page_id, "type": "AnnotationPage", "startIndex": start_index, "items": items}


def article_annotations(article: Article) -> dict[str, Any]:
    """Return an AnnotationCollection of the article's claims, in one page."""
    items = [web_annotation(article, c, context=False) for c in article.claims]
    collection = _urn("article", article.id)
    return {
        "@context": ANNO_CONTEXT,
        "id": collection,
        "type": "AnnotationCollection",
        "label": f"Claims of {_source_name(article)}",
        "total": len(items),
        "first": _page(collection + ":page:0", items, 0),
    }


def corpus_annotation_pages(name: str, articles: Iterable[Article]) -> Iterator[dict[str, Any]]:
    """Yield one AnnotationPage per article, linked by ``next``/``prev``.

    Pages are yielded one behind the articles read, so that each page's
    ``next`` names the page actually yielded after it (a file skipped with
    ``on_error="skip"`` has none); only one page is held at a time.
    """
    collection = _urn("corpus", name)
    pending: dict[str, Any] | None = None
    previous_id: str | None = None
    start_index = 0
    for article in articles:
        items = [web_annotation(article, c, context=False) for c in article.claims]
        page: dict[str, Any] = {"@context": ANNO_CONTEXT}
        page.update(_page(_urn("corpus", name, "page", article.id), items, start_index))
        page["partOf"] = {"id": collection, "type": "AnnotationCollection"}
        start_index += len(items)
        if previous_id is not None:
            page["prev"] = previous_id
        if pending is not None:
            pending["next"] = page["id"]
            yield pending
        pending, previous_id = page, page["id"]
    if pending is not None:
        yield pending


# -- brat standoff ------------------------------------------------------------------------


def _pieces(text: str, spans: Sequence[Span]) -> list[tuple[int, int]]:
    """Split spans at line breaks into whitespace-trimmed pieces, as brat does."""
    out: list[tuple[int, int]] = []
    for span in spans:
        pos = span.start
        for m in [*_ANN_BREAK.finditer(text, span.start, span.end), None]:
            stop = span.end if m is None else m.start()
            piece = text[pos:stop]
            a = pos + len(piece) - len(piece.lstrip())
            b = stop - (len(piece) - len(piece.rstrip()))
            if a < b:
                out.append((a, b))
            if m is not None:
                pos = m.end()
    return out or [(spans[0].start, spans[0].start)]


class _Ann:
    """The lines of one .ann file, with text-bound annotations shared by span."""

    def __init__(self, article: Article, offsets: BratOffsets) -> None:
        self.article = article
        self.base = 1 if article.bom else 0
        self.utf8 = offsets == "utf8"
        self.lines: list[str] = []
        self.textbound: dict[tuple[str, tuple[tuple[int, int], ...]], str] = {}
        self.counts = {"T": 0, "R": 0, "A": 0, "#": 0}

    def _next(self, prefix: str) -> str:
        self.counts[prefix] += 1
        return f"{prefix}{self.counts[prefix]}"

    def _offsets(self, a: int, b: int) -> str:
        if self.utf8:
            a, b = self.article.offsets.span_to_utf8(a, b)
        else:
            a, b = a + self.base, b + self.base
        return f"{a} {b}"

    def text_bound(self, kind: str, spans: Sequence[Span]) -> str:
        """Return the id of the annotation of ``kind`` over ``spans``, written once."""
        key = (kind, tuple((span.start, span.end) for span in spans))
        found = self.textbound.get(key)
        if found is not None:
            return found
        tid = self._next("T")
        pieces = _pieces(self.article.text, spans)
        where = ";".join(self._offsets(a, b) for a, b in pieces)
        text = " ".join(self.article.text[a:b] for a, b in pieces)
        self.lines.append(f"{tid}\t{kind} {where}\t{text}")
        self.textbound[key] = tid
        return tid

    def relation(self, kind: str, arg1: str, arg2: str) -> None:
        self.lines.append(f"{self._next('R')}\t{kind} Arg1:{arg1} Arg2:{arg2}")

    def attribute(self, kind: str, target: str) -> None:
        self.lines.append(f"{self._next('A')}\t{kind} {target}")

    def note(self, target: str, value: str) -> None:
        value = _ANN_BREAK.sub(" ", value)
        self.lines.append(f"{self._next('#')}\tAnnotatorNotes {target}\t{value}")


def brat_lines(article: Article, claims: Sequence[Claim], offsets: BratOffsets) -> list[str]:
    """Return the lines of the .ann file for the article's claims."""
    ann = _Ann(article, offsets)
    for claim in claims:
        # A claim in parts is one discontinuous annotation over its parts.
        tid = ann.text_bound(_BRAT_TYPES[claim.kinds[0]], claim.contents)
        for kind in claim.kinds[1:]:
            ann.attribute(_BRAT_TYPES[kind], tid)
        ann.note(tid, claim.id)
        if claim.source is not None:
            ann.relation("Source", ann.text_bound("Source", (claim.source,)), tid)
        if claim.cue is not None:
            ann.relation("Cue", ann.text_bound("Cue", (claim.cue,)), tid)
    return ann.lines


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it, flushed and synced."""
    with atomic_writer(path) as f:
        f.write(data)


def to_brat(article: Article, directory: str | os.PathLike[str], offsets: str) -> tuple[Path, Path]:
    """Write ``<stem>.txt`` and ``<stem>.ann`` into ``directory``; return their paths."""
    if offsets not in _BRAT_OFFSETS:
        raise ValueError(f"offsets must be one of {_BRAT_OFFSETS}, got {offsets!r}")
    kind: BratOffsets = "utf8" if offsets == "utf8" else "codepoint"
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    stem = Path(article.source).stem if article.source else article.id
    txt, ann = folder / f"{stem}.txt", folder / f"{stem}.ann"
    lines = brat_lines(article, article.claims, kind)
    _write_atomically(txt, article.to_bytes())
    _write_atomically(ann, "".join(line + "\n" for line in lines).encode("utf-8"))
    return txt, ann
