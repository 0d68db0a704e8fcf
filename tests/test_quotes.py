"""Quotation marks → quotes: pairing, apostrophes, runs over paragraphs, broken text.

That every quote's spans are exact on any text is checked with the other
invariants in test_properties.py.
"""

from __future__ import annotations

import pytest

from corpuskit import Article, Quote
from corpuskit.stages.quotes import find_quotes


def quotes(text: str) -> list[Quote]:
    article = Article.from_text(text, id="x")
    return find_quotes(article.text, article.paragraphs)


def contents(text: str) -> list[str]:
    return [q.content.text for q in quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “we will go” today.", ["we will go"]),
        ('He said "we will go" today.', ["we will go"]),
        ("“A,” she said. “B.”", ["A,", "B."]),
        ('"A," she said. "B."', ["A,", "B."]),
        ("The workers’ dorms are “cramped” and “cold”.", ["cramped", "cold"]),
        ("“They’re afraid,” one source said.", ["They’re afraid,"]),
        ("“He said ‘no’ twice,” she said.", ["He said ‘no’ twice,", "no"]),
        ("Critics call it ‘a farce’, officials said.", ["a farce"]),
        ("The ‘90s were hard for the workers’ families.", []),
        (
            "“[Before the outbreak] they walked,” a source said.",
            ["[Before the outbreak] they walked,"],
        ),
        ('He wrote "10" and "20" on the board.', ["10", "20"]),
    ],
)
def test_quotes_pairs_marks(text: str, expected: list[str]) -> None:
    assert contents(text) == expected


def test_quotes_span_includes_marks_and_content_excludes_them() -> None:
    text = "He said “we will go” today."
    (q,) = quotes(text)
    assert q.text == "“we will go”"
    assert text[q.content.start : q.content.end] == "we will go"
    assert (q.balanced, q.continued, q.depth) == (True, False, 0)


def test_quotes_running_over_paragraphs_news_style() -> None:
    text = "“The first part runs on,\n\n“and the second closes it,” she said."
    first, second = quotes(text)
    assert first.continued
    assert first.balanced
    assert first.content.text == "The first part runs on,"
    assert second.content.text == "and the second closes it,"
    assert not second.continued


def test_quotes_unclosed_mark_is_a_best_effort_flagged_unbalanced() -> None:
    (q,) = quotes("He said “we will go today.\n\nNext paragraph without marks.")
    assert not q.balanced
    assert q.content.text == "we will go today."


def test_quotes_second_opening_mark_closes_the_broken_first() -> None:
    first, second = quotes("“One never closes. “Two does,” he said.")
    assert not first.balanced
    assert second.balanced
    assert second.content.text == "Two does,"


def test_quotes_nested_quote_has_depth_one() -> None:
    outer, inner = quotes("“He said ‘no’ twice,” she said.")
    assert (outer.depth, inner.depth) == (0, 1)
    assert outer.contains(inner)
