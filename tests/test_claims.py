"""Claims from the patterns news prose uses, one behaviour at a time."""

from __future__ import annotations

import pytest

from corpuskit import Article, ClaimKind

LEDE = "Intro paragraph that sets the scene for the report below, as ledes do.\n\n"


def claims(text: str) -> list[tuple[str, str, str | None, str | None]]:
    article = Article.from_text(LEDE + text, id="x")
    return [
        (
            "+".join(k.value for k in c.kinds),
            c.text,
            None if c.source is None else c.source.text,
            None if c.cue is None else c.cue.text,
        )
        for c in article.claims
    ]


@pytest.mark.parametrize(
    ("text", "content", "source", "cue"),
    [
        ("The report said the plant had closed.", "the plant had closed", "The report", "said"),
        (
            "According to the report, the plant had closed.",
            "the plant had closed",
            "the report",
            "According to",
        ),
        (
            "The plant had closed, according to reports.",
            "The plant had closed",
            "reports",
            "according to",
        ),
        (
            "The plant had closed, a spokesman said on Monday.",
            "The plant had closed",
            "a spokesman",
            "said",
        ),
        (
            "The plant had closed, the ministry said in a statement.",
            "The plant had closed",
            "the ministry",
            "said",
        ),
        ("The plant had closed, he told reporters.", "The plant had closed", "he", "told"),
        (
            "The plant had closed, officials said, adding that it would reopen.",
            "The plant had closed",
            "officials",
            "said",
        ),
        ("Kim, 45, said the plant had closed.", "the plant had closed", "Kim, 45", "said"),
        (
            "A spokesman for the ministry, Lee Jae-myung, said the plant had closed.",
            "the plant had closed",
            "A spokesman for the ministry, Lee Jae-myung",
            "said",
        ),
        (
            "Officials told Yonhap that the plant had closed.",
            "the plant had closed",
            "Officials",
            "told",
        ),
        (
            "The ministry said on Sunday that the plant had closed.",
            "the plant had closed",
            "The ministry",
            "said",
        ),
    ],
)
def test_claims_reported_speech_patterns(text: str, content: str, source: str, cue: str) -> None:
    assert ("reported_speech", content, source, cue) in claims(text)


@pytest.mark.parametrize(
    "text",
    [
        "The diners are estimated to generate $10m a year.",
        "Officials met on Monday to discuss the plant.",
    ],
)
def test_claims_sentences_that_report_nothing(text: str) -> None:
    assert not any("reported_speech" in c[0] for c in claims(text))


def test_claims_quote_fragments_inside_a_report_are_no_claims_of_their_own() -> None:
    found = claims("He said that “the plan” was “dead”.")
    assert found == [("reported_speech", "“the plan” was “dead”", "He", "said")]


def test_claims_quote_left_open_takes_the_speaker_named_in_the_next_paragraph() -> None:
    found = claims("“The first part runs on.\n\n“And the second closes it,” she said.")
    assert ("direct_quote", "The first part runs on.", "she", "said") in found
    assert ("direct_quote", "And the second closes it,", "she", "said") in found


def test_claims_whole_sentence_quotes_in_a_row_share_the_speaker_named_after_them() -> None:
    found = claims('"Quote one." "Quote two," he said.')
    assert [(c[1], c[2]) for c in found] == [("Quote one.", "he"), ("Quote two,", "he")]


def test_claims_scare_quote_before_an_attributed_quote_stays_unclaimed() -> None:
    found = claims("The “loyalty fees” were due. “We cannot pay,” a source said.")
    assert [c[1] for c in found] == ["We cannot pay,"]


def test_claims_back_references_resolve_to_the_full_mention() -> None:
    article = Article.from_text(
        LEDE + "“It is closed,” a China-based source said. “We wait,” the source continued.",
        id="x",
    )
    second = article.claims[-1]
    assert second.attribution is not None
    assert second.attribution.resolved is not None
    assert second.attribution.resolved.text == "a China-based source"


def test_claims_statistic_sentence_and_ids() -> None:
    article = Article.from_text(LEDE + "About 60 boats are searching the coast.", id="abc")
    (claim,) = article.claims
    assert claim.kinds == (ClaimKind.STATISTIC,)
    assert claim.id == f"abc:{claim.start}-{claim.end}"
    assert [q.text for q in claim.quantities] == ["60"]
