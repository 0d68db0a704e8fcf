"""The forms of attribution one by one: source, cue and content of each claim.

Short invented sentences, each checking one rule of `corpuskit.stages.attribution`;
the gold families in `tests/gold/attribution/` check the same rules at scale.
"""

from __future__ import annotations

import pytest

from corpuskit import Article

LEAD = "The council met for three hours on Tuesday evening in the town hall to debate the plan.\n\n"


def claims(text: str) -> list[tuple[str, str | None, str | None]]:
    article = Article.from_text(LEAD + text, id="t")
    return [
        (c.text, c.source.text if c.source else None, c.cue.text if c.cue else None)
        for c in article.claims
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "SMITH: We will rebuild the bridge before winter.",
            [("We will rebuild the bridge before winter", "SMITH", ":")],
        ),
        (
            "Q: Will the bridge reopen?\n\nA: It will reopen in May.",
            [("Will the bridge reopen", "Q", ":"), ("It will reopen in May", "A", ":")],
        ),
        ("8:35 p.m.", []),
        (
            "Leeds: Ann Lee, Bo Park, Cy Dunn, Di Ford, Ed Gray, Flo Hart, Gus Ives.",
            [],
        ),
    ],
)
def test_transcript_labels(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert claims(text) == expected


def test_who_said_resolves_to_the_phrase_before_it() -> None:
    article = Article.from_text(
        LEAD + "The plan was backed by Ana Ruiz, who said the bridge would reopen.", id="t"
    )
    (claim,) = article.claims
    assert claim.text == "the bridge would reopen"
    assert claim.source is not None
    assert claim.source.text == "who"
    assert claim.attribution is not None
    assert claim.attribution.resolved is not None
    assert claim.attribution.resolved.text == "Ana Ruiz"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "According to the council, “The bridge will reopen in May.”",
            [("The bridge will reopen in May.", "the council", "According to")],
        ),
        (
            "“The bridge will reopen in May,” according to a council filing.",
            [("The bridge will reopen in May,", "a council filing", "according to")],
        ),
        (
            "The mayor wrote to residents, promising a new bridge, according to a letter seen by"
            " the Gazette.",
            [
                (
                    "The mayor wrote to residents, promising a new bridge",
                    "a letter seen by the Gazette",
                    "according to",
                )
            ],
        ),
        (
            "According to the council statistics office unemployment rose sharply.",
            [("unemployment rose sharply", "the council statistics office", "According to")],
        ),
    ],
)
def test_according_to(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert claims(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "As the Gazette reported, the bridge will reopen in May.",
            [("the bridge will reopen in May", "the Gazette", "reported")],
        ),
        ("The bridge, as the Gazette noted, will reopen in May.", []),
        ("The mayor did not explain why.", []),
        (
            "The mayor told her the bridge would reopen.",
            [("the bridge would reopen", "The mayor", "told")],
        ),
        (
            "The bridge, says Ana Ruiz, the council's engineer, is safe.",
            [
                (
                    "The bridge, says Ana Ruiz, the council's engineer, is safe",
                    "Ana Ruiz, the council's engineer",
                    "says",
                )
            ],
        ),
        (
            "Ana Ruiz, 41, a council engineer from Leeds, said the bridge was safe.",
            [("the bridge was safe", "Ana Ruiz, 41, a council engineer from Leeds", "said")],
        ),
        (
            "The mayor opened the meeting, saying the bridge was safe.",
            [("the bridge was safe", "The mayor", "saying")],
        ),
    ],
)
def test_forms_around_the_cue(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert claims(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The mayor warned of “a winter of closures”.",
            [("a winter of closures", "The mayor", "warned of")],
        ),
        (
            "The mayor spoke last. She said:\n\n“The bridge will reopen in May.”",
            [("The bridge will reopen in May.", "She", "said")],
        ),
        (
            "“It is safe,” the engineer said, adding: “We checked every bolt.”",
            [
                ("It is safe,", "the engineer", "said"),
                ("We checked every bolt.", "the engineer", "adding"),
            ],
        ),
        (
            "The council met. From the report: “Every bolt was checked.”",
            [("Every bolt was checked.", "the report", ":")],
        ),
        (
            "The council met. Ana Ruiz: “Every bolt was checked.”",
            [("Every bolt was checked.", "Ana Ruiz", ":")],
        ),
    ],
)
def test_forms_before_a_quote(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert claims(text) == expected
