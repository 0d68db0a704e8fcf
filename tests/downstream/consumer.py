"""A small program using corpuskit the way a typed downstream project would.

Type-checked with ``mypy --strict`` against the installed wheel, it shows that
the package's inline types reach its users (``py.typed``): ``assert_type``
fails under mypy when an expression's type is ``Any``, which is what a user
would get from an untyped package.  It also runs: ``python consumer.py DIR``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import assert_type

import corpuskit
from corpuskit import AnchorStatus, Article, Claim, Corpus, InvalidDocumentError, Span


@dataclass(frozen=True)
class Row:
    """One claim, flattened for a spreadsheet."""

    article_id: str
    claim_id: str
    kinds: tuple[str, ...]
    source: str | None
    utf16: tuple[int, int]
    text: str


def rows(article: Article) -> Iterator[Row]:
    for claim in article.claims:
        assert_type(claim, Claim)
        source: Span | None = claim.source
        yield Row(
            article_id=article.id,
            claim_id=claim.id,
            kinds=tuple(kind.value for kind in claim.kinds),
            source=None if source is None else source.text,
            utf16=article.offsets.span_to_utf16(claim.start, claim.end),
            text=claim.text,
        )


def first_paragraph(article: Article) -> Span | None:
    paragraphs = article.paragraphs
    return paragraphs[0] if paragraphs else None


def locate(article: Article, quote: str) -> tuple[AnchorStatus, Span | None]:
    found = article.anchor(quote)
    assert_type(found.status, AnchorStatus)
    if found.status in {AnchorStatus.EXACT, AnchorStatus.NORMALISED}:
        assert found.span is not None
    return found.status, found.span


def load_document(data: str) -> Article | list[tuple[str, str]]:
    """Return the article, or every problem ``(json_path, message)`` of the document."""
    try:
        return Article.from_json(data)
    except InvalidDocumentError as error:
        problems: tuple[tuple[str, str], ...] = error.problems
        return list(problems)


def summarise(corpus: Corpus) -> dict[str, int]:
    counts: dict[str, int] = {}
    for article in corpus:
        assert_type(article, Article)
        counts[article.id] = sum(1 for _ in rows(article))
    return counts


def main(argv: list[str]) -> int:
    corpus = Corpus.from_dir(Path(argv[0]))
    version: str = corpuskit.__version__
    counts = summarise(corpus)
    article = corpus[corpus.ids[0]]
    paragraph = first_paragraph(article)
    if paragraph is None or not any(counts.values()):
        print("consumer: no paragraph or no claims", file=sys.stderr)
        return 1
    status, span = locate(article, paragraph.text)
    if status is not AnchorStatus.EXACT or span is None or span.start != paragraph.start:
        print(f"consumer: the first paragraph anchored as {status}: {span}", file=sys.stderr)
        return 1
    document = article.to_dict()
    document["sha256"] = "0" * 64
    problems = load_document(json.dumps(document))
    if not isinstance(problems, list) or not problems:
        print("consumer: a document with a wrong checksum was accepted", file=sys.stderr)
        return 1
    if load_document(article.to_json(offsets="utf16")) != article:
        print("consumer: the JSON round trip changed the article", file=sys.stderr)
        return 1
    print(f"consumer (corpuskit {version}): claims per article {counts}; {problems[0][0]} refused")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
