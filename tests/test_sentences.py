"""Sentence splitting, one behaviour at a time, plus the invariants every split keeps."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import any_texts, is_invisible, news_texts, texts, visible

from corpuskit.stages.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def check_tiling(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Check that the sentences of text[start:end] tile its visible content.

    Between sentences, before the first and after the last, there is nothing but
    invisible characters: whitespace and format characters that show nothing.
    """
    spans = split_sentences(text, start, end)
    lo, hi, _ = slice(start, end).indices(len(text))
    previous = lo
    for s, e in spans:
        assert lo <= previous <= s < e <= hi, "ordered, non-empty, non-overlapping, in bounds"
        piece = text[s:e]
        assert piece == piece.strip(), "trimmed"
        assert not is_invisible(piece[0]), f"{piece[0]!r} starts a sentence"
        assert not is_invisible(piece[-1]), f"{piece[-1]!r} ends a sentence"
        assert not visible(text[previous:s]), "nothing lost before or between sentences"
        previous = e
    assert hi <= previous or not visible(text[previous:hi]), "nothing lost at the end"
    return spans


CASES = [
    # plain terminal punctuation
    pytest.param(
        "The talks ended on Monday. Neither side spoke afterwards.",
        ["The talks ended on Monday.", "Neither side spoke afterwards."],
        id="full-stop",
    ),
    pytest.param(
        "Will the border reopen? Traders in Dandong doubt it! Few expect change.",
        ["Will the border reopen?", "Traders in Dandong doubt it!", "Few expect change."],
        id="question-and-exclamation",
    ),
    pytest.param(
        "Is that all?! Officials refused to say.",
        ["Is that all?!", "Officials refused to say."],
        id="double-punctuation",
    ),
    # titles and abbreviations
    pytest.param(
        "The ban took effect on Feb. 24 across the province. Shops closed at once.",
        ["The ban took effect on Feb. 24 across the province.", "Shops closed at once."],
        id="month-before-day",
    ),
    pytest.param(
        "Mr. Ri and Mrs. Ri met Dr. Pak and Prof. Chae. The four talked for hours.",
        ["Mr. Ri and Mrs. Ri met Dr. Pak and Prof. Chae.", "The four talked for hours."],
        id="personal-titles",
    ),
    pytest.param(
        "Gen. Ro briefed Lt. Col. Yun and Sgt. Maj. Ko on the drill.",
        ["Gen. Ro briefed Lt. Col. Yun and Sgt. Maj. Ko on the drill."],
        id="military-titles",
    ),
    pytest.param(
        "Gov. Hale and Sen. Ortiz wrote to Rep. Fenn. None of them replied.",
        ["Gov. Hale and Sen. Ortiz wrote to Rep. Fenn.", "None of them replied."],
        id="political-titles",
    ),
    pytest.param(
        "Envoys from the U.S., the U.K. and the E.U. met at the U.N. headquarters.",
        ["Envoys from the U.S., the U.K. and the E.U. met at the U.N. headquarters."],
        id="dotted-initialisms",
    ),
    pytest.param(
        "Rice shipments to the U.S. Department of Agriculture resumed in July.",
        ["Rice shipments to the U.S. Department of Agriculture resumed in July."],
        id="dotted-initialism-before-name",
    ),
    pytest.param(
        "Fewer students now study in the U.S. They choose Canada instead.",
        ["Fewer students now study in the U.S.", "They choose Canada instead."],
        id="dotted-initialism-ends-sentence",
    ),
    pytest.param(
        "Tariffs rose in the U.K. But exporters adapted quickly.",
        ["Tariffs rose in the U.K.", "But exporters adapted quickly."],
        id="initialism-before-conjunction",
    ),
    pytest.param(
        "He was listed as No. 3 on the roster at St. Anne's school.",
        ["He was listed as No. 3 on the roster at St. Anne's school."],
        id="number-and-saint",
    ),
    pytest.param(
        "The speech by Sammy Davis Jr. drew a crowd. Tickets sold out.",
        ["The speech by Sammy Davis Jr. drew a crowd.", "Tickets sold out."],
        id="junior",
    ),
    pytest.param(
        "Orders went to Pohang Steel Co. and Namsan Trading Corp. last year.",
        ["Orders went to Pohang Steel Co. and Namsan Trading Corp. last year."],
        id="company-suffixes-mid-sentence",
    ),
    pytest.param(
        "The mine was sold to Kestrel Holdings Ltd. It closed a year later.",
        ["The mine was sold to Kestrel Holdings Ltd.", "It closed a year later."],
        id="company-suffix-ends-sentence",
    ),
    pytest.param(
        "Stalls sold rice, noodles, soap, etc. In winter they sold coal.",
        ["Stalls sold rice, noodles, soap, etc.", "In winter they sold coal."],
        id="etc-ends-sentence",
    ),
    pytest.param(
        "Some goods, e.g. batteries, and some fuels, i.e. diesel, are banned.",
        ["Some goods, e.g. batteries, and some fuels, i.e. diesel, are banned."],
        id="eg-and-ie",
    ),
    pytest.param(
        "The case of Choe vs. Hyon reopens on Sept. 9 and closes by Dec. 1.",
        ["The case of Choe vs. Hyon reopens on Sept. 9 and closes by Dec. 1."],
        id="versus-and-sept",
    ),
    pytest.param(
        "Jan. and Feb. were quiet. Mar. was not.",
        ["Jan. and Feb. were quiet.", "Mar. was not."],
        id="months-before-lower-case",
    ),
    # initials
    pytest.param(
        "A biography of W. H. Auden was banned there. Copies still circulate.",
        ["A biography of W. H. Auden was banned there.", "Copies still circulate."],
        id="initials",
    ),
    pytest.param(
        "Analysts say Kim J. Un is unlikely to attend.",
        ["Analysts say Kim J. Un is unlikely to attend."],
        id="initial-in-korean-name",
    ),
    pytest.param(
        "The answer was not option C. The auditors chose D.",
        ["The answer was not option C.", "The auditors chose D."],
        id="single-letter-ends-sentence",
    ),
    # numbers
    pytest.param(
        "Output grew 3.5 percent to 2,000 tonnes, worth $10m or 1.5bn won.",
        ["Output grew 3.5 percent to 2,000 tonnes, worth $10m or 1.5bn won."],
        id="decimals-thousands-money",
    ),
    pytest.param(
        "Wages run from RMB 2,000–3,000 a month. Managers take half.",
        ["Wages run from RMB 2,000–3,000 a month.", "Managers take half."],
        id="range-with-en-dash",
    ),
    pytest.param(
        "The bill came to $45.50. Nobody paid it.",
        ["The bill came to $45.50.", "Nobody paid it."],
        id="decimal-ends-sentence",
    ),
    # ellipses
    pytest.param(
        "The convoy waited… Then the gates opened.",
        ["The convoy waited…", "Then the gates opened."],
        id="ellipsis-character-before-capital",
    ),
    pytest.param(
        "The convoy waited... Then the gates opened.",
        ["The convoy waited...", "Then the gates opened."],
        id="three-dots-before-capital",
    ),
    pytest.param(
        "The convoy waited... and waited … until dawn.",
        ["The convoy waited... and waited … until dawn."],
        id="ellipsis-before-lower-case",
    ),
    # quotations and brackets
    pytest.param(
        "“We have no food left.” The source hung up.",
        ["“We have no food left.”", "The source hung up."],
        id="closing-curly-quote",
    ),
    pytest.param(
        'He called the fees "a burden." Others agreed.',
        ['He called the fees "a burden."', "Others agreed."],
        id="closing-straight-quote",
    ),
    pytest.param(
        "‘Nobody came!’ Then the line went dead.",
        ["‘Nobody came!’", "Then the line went dead."],
        id="closing-single-quote-after-exclamation",
    ),
    pytest.param(
        "Fees rose to RMB 900 (about USD 130). Workers paid anyway.",
        ["Fees rose to RMB 900 (about USD 130).", "Workers paid anyway."],
        id="bracket-before-full-stop",
    ),
    pytest.param(
        "Fees rose sharply. (The ministry denies this.) Workers paid anyway.",
        ["Fees rose sharply.", "(The ministry denies this.)", "Workers paid anyway."],
        id="full-stop-inside-bracket",
    ),
    pytest.param(
        "Prices are up [see table.] Traders blame the floods.",
        ["Prices are up [see table.]", "Traders blame the floods."],
        id="full-stop-inside-square-bracket",
    ),
    pytest.param(
        "“The factories are shut,” a trade official, told reporters. “Nobody knows why.”",
        ["“The factories are shut,” a trade official, told reporters.", "“Nobody knows why.”"],
        id="quote-then-attribution",
    ),
    pytest.param(
        "“Where would we go?” she asked. “There is no work.”",
        ["“Where would we go?” she asked.", "“There is no work.”"],
        id="question-quote-then-lower-case-attribution",
    ),
    pytest.param(
        "“Enough!” shouted a guard at the gate.",
        ["“Enough!” shouted a guard at the gate."],
        id="exclamation-quote-then-lower-case",
    ),
    pytest.param(
        "“Who pays?” Kim asked the manager.",
        ["“Who pays?” Kim asked the manager."],
        id="question-quote-then-named-attribution",
    ),
    pytest.param(
        "“[After the border closed] we sold nothing,” one trader said.",
        ["“[After the border closed] we sold nothing,” one trader said."],
        id="bracketed-insertion-in-quote",
    ),
    pytest.param(
        "The shop shut. “[Since March] nobody has come,” its owner said.",
        ["The shop shut.", "“[Since March] nobody has come,” its owner said."],
        id="sentence-opens-with-quote-and-bracket",
    ),
    # URLs and e-mail
    pytest.param(
        "The list is posted at www.example.org/data.v2.csv for anyone. Check it.",
        ["The list is posted at www.example.org/data.v2.csv for anyone.", "Check it."],
        id="url",
    ),
    pytest.param(
        "Write to tips.desk@news.example.com. Replies take a week.",
        ["Write to tips.desk@news.example.com.", "Replies take a week."],
        id="email-address",
    ),
    # lists
    pytest.param(
        "1. Stop all exports 2. Recall the workers 3. Close the offices",
        ["1. Stop all exports", "2. Recall the workers", "3. Close the offices"],
        id="numbered-list-without-full-stops",
    ),
    pytest.param(
        "The order had two points: 1. Watch the workers. 2. Report every absence.",
        ["The order had two points: 1. Watch the workers.", "2. Report every absence."],
        id="numbered-list-after-colon",
    ),
    pytest.param(
        "a) Seal the dormitory b) Collect the passports",
        ["a) Seal the dormitory", "b) Collect the passports"],
        id="lettered-list-with-parentheses",
    ),
    pytest.param(
        "• Border trade is down • Fees are due monthly",
        ["• Border trade is down", "• Fees are due monthly"],
        id="bulleted-list",
    ),
    # lower case and blank lines
    pytest.param(
        "Sales of the new phone began. iPhones were not on sale.",
        ["Sales of the new phone began. iPhones were not on sale."],
        id="lower-case-after-full-stop-no-break",
    ),
    pytest.param(
        "Factory closures\n\nMany plants stopped work in March.",
        ["Factory closures", "Many plants stopped work in March."],
        id="blank-line-separates",
    ),
    pytest.param(
        "The report was\nwrapped over two lines. It ends here.",
        ["The report was\nwrapped over two lines.", "It ends here."],
        id="wrapped-line-does-not-separate",
    ),
    # times of day
    pytest.param(
        "The train left at 6 p.m. Passengers were searched at the border.",
        ["The train left at 6 p.m.", "Passengers were searched at the border."],
        id="time-of-day-ends-sentence",
    ),
    pytest.param(
        "The train left at 6 p.m. Tuesday and arrived at 9 a.m. Seoul time.",
        ["The train left at 6 p.m. Tuesday and arrived at 9 a.m. Seoul time."],
        id="time-of-day-goes-on",
    ),
    pytest.param(
        "By 7 a.m. Mr. Hong had left. He did not return.",
        ["By 7 a.m. Mr. Hong had left.", "He did not return."],
        id="fronted-time-of-day",
    ),
    # known limits
    pytest.param(
        "Exports to the U.S. fell sharply. Kim said they would recover.",
        ["Exports to the U.S. fell sharply.", "Kim said they would recover."],
        id="initialism-then-lower-case-then-name",
    ),
    pytest.param(
        "Fewer students now study in the U.S. Kim said the trend would last.",
        ["Fewer students now study in the U.S.", "Kim said the trend would last."],
        id="initialism-ends-sentence-before-name",
        marks=pytest.mark.xfail(
            strict=True,
            reason="after an abbreviation only a common sentence opener proves a sentence "
            "end; a name could equally continue it ('the U.S. Army')",
        ),
    ),
    pytest.param(
        "Nobody saw it but you and I. I saw it.",
        ["Nobody saw it but you and I.", "I saw it."],
        id="pronoun-i-after-initial-like-i",
        marks=pytest.mark.xfail(
            strict=True,
            reason="a one-letter word after a capital and a full stop reads as initials "
            "('J. A. Smith')",
        ),
    ),
    pytest.param(
        "The toll reached 40. 12 more died later.",
        ["The toll reached 40.", "12 more died later."],
        id="sentence-opening-with-digits",
        marks=pytest.mark.xfail(
            strict=True,
            reason="no cut before a digit, which keeps 'p. 55', 'No. 3' and list numbers; "
            "news style spells out a number that opens a sentence",
        ),
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sentences_split_news_phenomena(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected
    check_tiling(text)


def test_sentences_offsets_index_the_whole_text() -> None:
    text = "Intro line.\n\nThe ministry spoke. “We deny it,” it said. Talks go on."
    start = text.index("The ministry")
    spans = check_tiling(text, start)
    assert [text[s:e] for s, e in spans] == [
        "The ministry spoke.",
        "“We deny it,” it said.",
        "Talks go on.",
    ]
    assert spans[0][0] == start


def test_sentences_start_and_end_bound_the_range() -> None:
    text = "Skip this. Keep this one. And this one.  Skip this too."
    start = text.index("Keep")
    end = text.index("  Skip")
    spans = check_tiling(text, start, end)
    assert [text[s:e] for s, e in spans] == ["Keep this one.", "And this one."]
    assert all(start <= s < e <= end for s, e in spans)


def test_sentences_range_ending_inside_a_sentence_cuts_it_there() -> None:
    text = "One sentence here. Another one follows."
    end = text.index("one follows")
    assert [text[s:e] for s, e in split_sentences(text, 0, end)] == [
        "One sentence here.",
        "Another",
    ]


def test_sentences_range_is_trimmed() -> None:
    text = "  \u00a0 Padded sentence. \t\n Next one.\u2009 "
    spans = check_tiling(text)
    assert [text[s:e] for s, e in spans] == ["Padded sentence.", "Next one."]


@pytest.mark.parametrize(
    ("start", "end"),
    [(0, 0), (5, 5), (9, 3), (100, 200), (-5, None), (-100, 4), (3, -3), (0, None)],
)
def test_sentences_bounds_read_like_slices(start: int, end: int | None) -> None:
    text = "Short one. Another. A third."
    spans = check_tiling(text, start, end)
    piece = text[start:end]
    assert " ".join(text[s:e] for s, e in spans) == " ".join(piece.split())


def test_sentences_are_trimmed_of_format_characters_that_show_nothing() -> None:
    text = "\u200b\u00a0Padded sentence. Next one.\u2060\u00ad"
    assert [text[s:e] for s, e in check_tiling(text)] == ["Padded sentence.", "Next one."]


def test_sentences_a_line_of_invisible_characters_is_a_blank_line() -> None:
    text = "First one\u200b\u2029\u2060\u2029\ufeffsecond one"
    assert [text[s:e] for s, e in check_tiling(text)] == ["First one", "second one"]


@pytest.mark.parametrize(
    "text", ["", " ", "\n\n\t", "\u00a0\u2009\u3000", "\u200b\ufeff\u2060\u00ad\n"]
)
def test_sentences_of_blank_text_are_empty(text: str) -> None:
    assert split_sentences(text) == []


def test_sentences_of_the_seeds_tile_them(seeds_dir: Path) -> None:
    found: list[str] = []
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found += [text[s:e] for s, e in check_tiling(text)]
    assert (
        '"It is a fact that North Koreans have recently fled an overseas restaurant," '
        "a ministry official, told Yonhap news agency." in found
    )
    assert (
        "“Chinese factories and North Korean restaurants have been closed since Feb. 24 "
        "because of the coronavirus,” a China-based source told Daily NK on Sunday." in found
    )
    assert (
        "“There was a recent order issued to local managers [in China] to be particularly "
        "vigilant in their surveillance of the workers.”" in found
    )


@pytest.mark.parametrize(
    "unit",
    [".", "A. ", "“", "7", ". ", ". . . ", "... A", "1. A ", "a) A ", "• ", "\n \n", "x. Y"],
)
def test_sentences_tile_adversarial_input(unit: str) -> None:
    # How the time grows with such input is measured in benchmarks/bench_adversarial.py.
    check_tiling(unit * (300_000 // len(unit)))


@given(texts())
def test_sentences_tile_any_text(text: str) -> None:
    check_tiling(text)


@given(news_texts())
def test_sentences_tile_news_text(text: str) -> None:
    check_tiling(text)


@given(any_texts(), st.integers(-20, 200), st.one_of(st.none(), st.integers(-20, 200)))
def test_sentences_never_raise_and_honour_any_range(text: str, start: int, end: int | None) -> None:
    check_tiling(text, start, end)
