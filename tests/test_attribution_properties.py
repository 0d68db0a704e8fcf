"""Attribution keeps the span promise on any mix of the words it reads.

Texts are drawn from the pieces attribution looks at: names, titles, reporting
verbs in every form, "according to", appositions, commas, colons, quotation
marks of every kind, conjunctions and time words.  Whatever the extractor
makes of them, every claim, source, cue, resolved mention and content part
cites the text exactly, parts are in order inside their claim, and nothing but
the package's own errors is raised (here: nothing at all).
"""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from corpuskit import Article
from corpuskit.lexicon import speech

_VERB_FORMS = sorted(speech.cue_forms())
_WORDS = st.sampled_from(
    [
        "The",
        "the",
        "a",
        "minister",
        "Ms Okafor",
        "Dr. Lee",
        "officials",
        "police",
        "he",
        "she",
        "they",
        "it",
        "who",
        "which",
        "that",
        "and",
        "but",
        "according to",
        "of",
        "for",
        "in",
        "on Monday",
        "in a statement",
        "54",
        "400 jobs",
        "12%",
        "the report",
        "Reuters",
        "plan",
        "would",
        "was",
        "dead",
        "both",
        "also",
        "Q",
        "A",
        "SMITH",
        ",",
        ",",
        ":",
        ".",
        "?",
        "—",
        "-",
        "(",
        ")",
        '"',
        "“",
        "”",
        "‘",
        "’",
        "'",
        "''",
        "«",
        "»",
        "„",
        "‚",
        "‹",
        "›",
        "\n\n",
        "\n",
    ]
)
_TOKEN = st.one_of(_WORDS, _WORDS, st.sampled_from(_VERB_FORMS))


def _text(pieces: list[str]) -> str:
    out = ""
    for piece in pieces:
        glue = "" if piece in ",.:?)’”»›" or out.endswith(("(", "“", "«", "\n")) else " "
        out += (glue if out else "") + piece
    return out


def _check(article: Article) -> None:
    text = article.text
    for claim in article.claims:
        assert text[claim.start : claim.end] == claim.text
        parts = claim.contents
        assert parts[0].start == claim.start
        assert parts[-1].end == claim.end
        for a, b in itertools.pairwise(parts):
            assert a.end <= b.start
        for span in (*parts, claim.source, claim.cue):
            if span is not None:
                # A slice of an inverted span is "" too: check the order as well.
                assert 0 <= span.start < span.end <= len(text)
                assert text[span.start : span.end] == span.text
        if claim.attribution is not None and claim.attribution.resolved is not None:
            r = claim.attribution.resolved
            assert 0 <= r.start < r.end <= len(text)
            assert text[r.start : r.end] == r.text


@given(st.lists(_TOKEN, min_size=1, max_size=40))
def test_attribution_spans_cite_the_text(pieces: list[str]) -> None:
    _check(Article.from_text(_text(pieces), id="p"))


def test_an_according_to_with_nobody_after_it_names_no_source() -> None:
    # Found by the fuzzer: a comma right after "according to" made a source that
    # ended before it began.
    for text in ("according to ,0 the plan.", "The plant, according to , will close."):
        article = Article.from_text(text, id="p")
        _check(article)
        assert all(c.source is None or c.source.text.strip(" ,") for c in article.claims)


@given(st.lists(st.lists(_TOKEN, min_size=3, max_size=25), min_size=1, max_size=4))
def test_attribution_spans_cite_the_text_over_paragraphs(paragraphs: list[list[str]]) -> None:
    text = "\n\n".join(_text(p) + "." for p in paragraphs)
    _check(
        Article.from_text(
            "A long enough opening line of the article body goes here.\n\n" + text, id="p"
        )
    )
