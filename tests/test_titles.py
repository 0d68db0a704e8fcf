"""Titles are decided by the lines around the first line, not by how it ends.

Every headline and paragraph here is invented for this file.  The rule is in
`corpuskit.stages.zones._is_title` and in docs/data-model.md ("Title").
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import news_texts

from corpuskit import Article, ZoneKind

LEDE = (
    "Members of the regional assembly voted on Thursday to postpone a decision on the "
    "new harbour permits until an environmental review is complete, the assembly's "
    "speaker told reporters after the session."
)
SECOND = (
    "The review, ordered by the environment agency in the spring, is expected to take "
    "at least four months and will examine the effect of dredging on the fishing "
    "grounds north of the harbour."
)
BODY = f"{LEDE}\n\n{SECOND}\n\nThe harbour authority declined to comment."


def title(text: str) -> str | None:
    found = Article.from_text(text, id="x").title
    return None if found is None else found.text


@pytest.mark.parametrize(
    "headline",
    [
        # A full stop, a question, an exclamation, nothing: how it ends does not count.
        "Harbour board delays vote on dredging permits.",
        "Harbour board delays vote on dredging permits",
        "Can the harbour survive another year of dredging?",
        "Astonishing!",
        "Mayor urged to resign over leaked memo",
        "Mayor urged to resign over leaked memo.",
        # Two sentences, a label, title case.
        "The vote is off. Again.",
        "EXCLUSIVE – Harbour board weighs a second delay",
        "Harbour Board Delays Vote On Dredging Permits.",
        # Past tense alone (headlines use it too) and a date alone.
        "Harbour board missed its own deadline.",
        "Dredging to resume in October.",
    ],
)
def test_a_first_line_before_a_blank_line_and_longer_paragraphs_is_a_title(
    headline: str,
) -> None:
    article = Article.from_text(f"{headline}\n\n{BODY}\n", id="x")
    assert article.title is not None
    assert article.title.text == headline
    assert article.zones[0] == article.title
    assert article.paragraphs[0].text == LEDE


def test_a_long_headline_before_longer_paragraphs_is_a_title() -> None:
    headline = (
        "Harbour board delays its vote on the dredging permits for a second time as "
        "fishing crews, environmental groups and the port's largest shipping customers "
        "trade accusations over who should pay for the review"
    )
    assert len(headline.split()) == 33
    long_paragraph = f"{LEDE} {SECOND}"
    assert len(headline) <= 0.6 * len(long_paragraph)
    assert title(f"{headline}\n\n{long_paragraph}\n\n{SECOND}") == headline
    # Before paragraphs hardly longer than itself, the same line is a paragraph.
    assert title(f"{headline}\n\n{BODY}") is None


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_line_endings_do_not_change_the_title(end: str) -> None:
    headline = "Harbour board delays vote on dredging permits."
    text = f"{headline}\n\n{BODY}\n".replace("\n", end)
    assert title(text) == headline


def test_a_title_may_be_followed_by_a_byline_in_its_block() -> None:
    article = Article.from_text(f"Harbour board delays vote.\nBy Ana Ruiz\n\n{BODY}", id="x")
    assert [z.kind for z in article.zones[:3]] == [
        ZoneKind.TITLE,
        ZoneKind.BYLINE,
        ZoneKind.PARAGRAPH,
    ]


def test_a_one_paragraph_article_has_a_title_only_when_it_is_short_beside_it() -> None:
    assert title(f"Harbour board delays vote.\n\n{LEDE}") == "Harbour board delays vote."
    # A first line not much shorter than the one paragraph after it is a paragraph.
    article = Article.from_text("Talks ended without a deal\n\nBoth sides meet again soon.", id="x")
    assert article.title is None
    assert [p.text for p in article.paragraphs] == [
        "Talks ended without a deal",
        "Both sides meet again soon.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # A short lede wrapped onto the next line: no blank line after the first line.
        "Harbour board delays vote.\n" + LEDE + "\n\n" + SECOND,
        # The same in a hard-wrapped file.
        "Harbour board delays vote\non dredging permits as\nfishing crews protest.\n\n"
        "The vote was put off until an environmental\nreview of the dredging is done.",
        # One block: nothing after the first line.
        "Harbour board delays vote on dredging permits.",
        # Something before it: a byline, an image block.
        f"By Ana Ruiz\nHarbour board delays vote.\n\n{BODY}",
        "Harbour cranes\nCranes at the port at dusk REUTERS/Ana Ruiz\n\n"
        f"Harbour board delays vote.\n\n{BODY}",
    ],
)
def test_no_title_without_the_evidence_around_the_line(text: str) -> None:
    assert title(text) is None


@pytest.mark.parametrize(
    "first",
    [
        # Longer than 0.6 of the longest paragraph after it: a lede.
        LEDE.replace("Thursday", "Tuesday") + " The vote had been expected for weeks.",
        # What ledes carry and headlines leave out.
        "The harbour board delayed the vote, its chairman said.",
        "The harbour board delayed the vote on Tuesday.",
        "PORTSMOUTH (Wire) - The harbour board delayed the vote.",
        "KALMAR, Sweden - The harbour board delayed the vote.",
        "Dredging permits fell by a third in March.",
        "The board gave three reasons:",
    ],
)
def test_ledes_stay_paragraphs(first: str) -> None:
    article = Article.from_text(f"{first}\n\n{BODY}", id="x")
    assert article.title is None
    assert article.paragraphs[0].text == first


@pytest.mark.xfail(
    strict=True,
    reason="a short lede with no mark of a lede, before longer paragraphs, reads as a headline",
)
def test_a_short_lede_without_the_marks_of_a_lede_is_a_paragraph() -> None:
    assert title(f"Police fired tear gas at protesters.\n\n{BODY}") is None


def test_the_seeds_keep_their_zones(seeds_dir: Path) -> None:
    image_first = Article.from_path(seeds_dir / "000_dd2c270fb12b86b0.txt")
    assert image_first.title is None
    assert [z.kind for z in image_first.zones[:3]] == [
        ZoneKind.IMAGE_ALT,
        ZoneKind.CAPTION,
        ZoneKind.CREDIT,
    ]
    lede_first = Article.from_path(seeds_dir / "001_09ca764c561f071a.txt")
    assert lede_first.title is None
    assert lede_first.zones[0].kind is ZoneKind.PARAGRAPH
    assert lede_first.zones[0].text.startswith("North Korean officials overseeing workers")


# --- properties ------------------------------------------------------------------------------

HEADLINE_WORDS = (
    "harbour board vote dredging permits mayor port crews fishing delays urges rejects "
    "plan new review second Council Ferry Strike Talks over for in of to a the and again "
    "three 2027 $4m 40%"
).split()


@st.composite
def headlines(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(HEADLINE_WORDS), min_size=1, max_size=10))
    return " ".join(words)


@given(headlines(), st.sampled_from(["", ".", "?", "!", "…"]))
def test_how_a_headline_ends_does_not_decide(headline: str, end: str) -> None:
    # Ten words of at most eight letters: 90 characters at most; 0.6 of LEDE's 200 is 120.
    assert title(f"{headline}{end}\n\n{BODY}") == f"{headline}{end}"


@given(news_texts())
def test_a_title_is_the_first_zone_and_its_own_text(text: str) -> None:
    article = Article.from_text(text, id="x")
    titles = [z for z in article.zones if z.kind is ZoneKind.TITLE]
    assert len(titles) <= 1
    if article.title is not None:
        t = article.title
        assert titles == [t]
        assert article.zones[0] == t
        assert article.text[t.start : t.end] == t.text
        assert len(article.zones) > 1  # something follows a title
    else:
        assert titles == []
