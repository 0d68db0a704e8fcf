r"""Citing spans: RFC 5147 fragments and W3C Web Annotations (brat files: `corpuskit.io.brat`).

The forms count characters as their consumers expect (see ``docs/citing.md``):

* **RFC 5147** ``#char=`` fragments count characters with every line ending
  (``"\r\n"``, a lone ``"\r"`` or ``"\n"``) as one character, so a CRLF file
  and its LF copy share fragments.  The byte-order mark is not a character.
* **Web Annotation** ``TextPositionSelector`` offsets are code points of
  ``article.text``, as corpuskit's own spans are.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from corpuskit.model.claims import Claim
from corpuskit.model.errors import OffsetError, SpanError
from corpuskit.model.spans import Span

if TYPE_CHECKING:
    from corpuskit.article import Article

__all__ = [
    "CONTEXT",
    "LineEndings",
    "article_annotations",
    "check_span",
    "corpus_annotation_pages",
    "fragment",
    "span_from_fragment",
    "web_annotation",
]

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
#: Characters of context a TextQuoteSelector gives on each side of its ``exact``.
CONTEXT = 32
# "char=" then a position, a range "a,b", or a range open at one end ("a," / ",b").
_CHAR = re.compile(r"char=(?:(\d+)(?:(,)(\d*))?|,(\d+))")


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
