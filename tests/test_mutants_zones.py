"""Zone rules at their edges: cases that mutation testing found unchecked."""

from __future__ import annotations

import pytest

from corpuskit import Article

BODY = (
    "The ministry said on Monday that the programme would be reviewed next year, "
    "after a series of complaints from local officials and residents."
)
CAPTION = "Soldiers march through the square in Pyongyang"


def zones(text: str) -> list[tuple[str, str]]:
    return [(z.kind.value, z.text) for z in Article.from_text(text, id="x").zones]


# --- photo credits ---------------------------------------------------------------------


@pytest.mark.parametrize("credit", ["EPA/dpa", "Newsis/News1", "AFP/iStock", "Reuters/Xinhua/Zuma"])
def test_an_agency_that_is_not_a_name_may_follow_a_slash(credit: str) -> None:
    assert zones(f"{BODY}\n\n{CAPTION} {credit}\n\n{BODY}")[1:3] == [
        ("caption", CAPTION),
        ("credit", credit),
    ]


@pytest.mark.parametrize("end", ["REUTERS/", "KCNA/", "AFP / "])
def test_a_slash_with_nothing_after_it_is_no_credit(end: str) -> None:
    line = f"{CAPTION} {end}".strip()
    assert zones(f"{BODY}\n\n{line}\n\n{BODY}") == [
        ("paragraph", BODY),
        ("paragraph", line),
        ("paragraph", BODY),
    ]


@pytest.mark.parametrize("link", ["KCNA/", "AP/", "Getty Images/", "Yonhap News Agency/"])
def test_a_long_chain_of_agency_links_that_is_no_credit_stays_text(link: str) -> None:
    # Each link reads as an agency or as a name; a pattern that tried both at every
    # link would take time doubling with each link (9 s for 23 links of "KCNA/", and
    # no end for 39 of "AP/").
    # The chain fills the 120 characters searched for a credit, and starts a word.
    line = link * ((120 - 1) // len(link)) + "x"
    assert zones(f"Kim Jong Un visits a farm.\n{line}\n\n{BODY}")[-2:] == [
        ("paragraph", line),
        ("paragraph", BODY),
    ]


@pytest.mark.parametrize(
    "credit", ["Photo by A.B", "Photo by Jane Smith", "Courtesy of Jane Smith"]
)
def test_a_credit_line_of_its_own_is_an_image(credit: str) -> None:
    (image,) = Article.from_text(f"{BODY}\n\n{credit}\n\n{BODY}", id="x").images
    assert (image.alt, image.caption) == (None, None)
    assert image.credit is not None
    assert image.credit.text == credit


@pytest.mark.parametrize(
    "line",
    [
        f"{CAPTION} REUTERS/Kim.",
        "The report was carried by EFE",
        "The figures were first reported by Xinhua",
        "The pictures were handed out by Yonhap",
    ],
)
def test_lines_that_end_like_a_sentence_about_an_agency_stay_text(line: str) -> None:
    assert zones(f"{BODY}\n\n{line}\n\n{BODY}") == [
        ("paragraph", BODY),
        ("paragraph", line),
        ("paragraph", BODY),
    ]


@pytest.mark.parametrize("gap", [" ", " " * 14, "\u00a0" * 14, "\t\u00a0 "])
def test_the_word_before_a_bare_agency_is_read_whole_across_any_gap(gap: str) -> None:
    # The reporting word is found however many spaces (scraped text keeps runs of
    # no-break spaces) stand between it and the agency.
    line = f"The figures were first reported{gap}Yonhap"
    assert zones(f"{BODY}\n\n{line}\n\n{BODY}")[1] == ("paragraph", line)
    credited = f"Residents wade through a flooded street{gap}Yonhap"
    assert zones(f"{BODY}\n\n{credited}\n\n{BODY}")[1:3] == [
        ("caption", "Residents wade through a flooded street"),
        ("credit", "Yonhap"),
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Yonhap", [("credit", "Yonhap")]),
        ("Flooding Yonhap", [("caption", "Flooding"), ("credit", "Yonhap")]),
        ("reported Yonhap", [("paragraph", "reported Yonhap")]),
    ],
)
def test_a_bare_agency_after_one_word_or_none(line: str, expected: list[tuple[str, str]]) -> None:
    assert zones(f"{BODY}\n\n{line}\n\n{BODY}")[1:-1] == expected


def test_a_credit_is_found_in_its_own_line_only() -> None:
    text = f"{BODY}\n\nPhoto: Reuters\n{CAPTION} EPA/dpa\n\n{BODY}"
    assert zones(text) == [
        ("paragraph", BODY),
        ("credit", "Photo: Reuters"),
        ("caption", CAPTION),
        ("credit", "EPA/dpa"),
        ("paragraph", BODY),
    ]


def test_a_credit_at_the_very_start_of_the_text() -> None:
    (image,) = Article.from_text(f"Photo: Reuters\n\n{BODY}", id="x").images
    assert image.credit is not None
    assert (image.start, image.credit.text) == (0, "Photo: Reuters")


def test_a_caption_above_a_credit_line_takes_an_alt_line_only_if_it_looks_like_one() -> None:
    caption = "Residents wade through a flooded street"
    assert zones(f"{BODY}\n\n{caption}\nPhoto: AP\n\n{BODY}")[1:3] == [
        ("caption", caption),
        ("credit", "Photo: AP"),
    ]
    assert zones(f"{BODY}\n\n{BODY}\n{caption}\nPhoto: AP")[1:] == [
        ("paragraph", BODY),
        ("caption", caption),
        ("credit", "Photo: AP"),
    ]


# --- image alt text ----------------------------------------------------------------------


def _alt_and_caption(line: str) -> list[tuple[str, str]]:
    return zones(f"{BODY}\n\n{line}\n{CAPTION} REUTERS/Kim Hong-Ji\n\n{BODY}")[1:3]


@pytest.mark.parametrize(
    "line",
    [
        "Rocket launch at SpaceX",
        "one two three four five six seven eight nine ten eleven twelve",
    ],
)
def test_a_short_label_above_a_caption_is_its_alt_text(line: str) -> None:
    assert _alt_and_caption(line) == [("image_alt", line), ("caption", CAPTION)]


@pytest.mark.parametrize(
    "line",
    [
        "Flooded street.",
        "Flooded street!",
        "one two three four five six seven eight nine ten eleven twelve thirteen",
    ],
)
def test_a_sentence_or_a_long_line_above_a_caption_is_not_alt_text(line: str) -> None:
    assert _alt_and_caption(line) == [("paragraph", line), ("caption", CAPTION)]


# --- boilerplate and paragraphs ------------------------------------------------------------


def test_boilerplate_is_at_most_two_hundred_characters() -> None:
    line = "Read more: " + "x" * 189
    assert len(line) == 200
    assert zones(f"{BODY}\n\n{line}")[-1] == ("link_text", line)
    assert zones(f"{BODY}\n\n{line}x")[-1] == ("paragraph", line + "x")


def test_a_line_of_exactly_the_wrap_width_is_a_wrapped_line() -> None:
    long, short = "a" * 99 + ".", "It went on."
    assert len(long) == 100
    assert zones(f"{BODY}\n\n{long}\n{short}")[-1] == ("paragraph", f"{long}\n{short}")
    assert zones(f"{BODY}\n\n{short}\n{long}")[-1] == ("paragraph", f"{short}\n{long}")
    assert zones(f"{BODY}\n\n{long}a\n{short}")[-2:] == [
        ("paragraph", long + "a"),
        ("paragraph", short),
    ]


# --- titles -----------------------------------------------------------------------------------


def title(first: str, rest: str = BODY) -> str | None:
    found = Article.from_text(f"{first}\n\n{rest}", id="x").title
    return None if found is None else found.text


def words_of_length(count: int, length: int) -> str:
    """``count`` capitalised words, ``length`` characters in all."""
    words = ["Abcdefg"] * count
    text = " ".join(words)
    return text[:-1] + "x" * (length - len(text) + 1)


def test_a_title_has_at_most_twenty_words() -> None:
    twenty = " ".join(["Kim", "Visits", "Seoul", "Again"] * 5)
    assert title(twenty) == twenty
    assert title(twenty + " Today") is None


def test_a_title_has_at_most_a_hundred_and_fifty_characters() -> None:
    text = words_of_length(10, 150)
    assert len(text) == 150
    assert title(text) == text
    assert title(text + "x") is None


@pytest.mark.parametrize(
    "first", ["North Korea Fires Missiles,", "Kim Is Back. He Appears In Public"]
)
def test_a_lead_in_or_two_sentences_are_no_title(first: str) -> None:
    assert title(first) is None


@pytest.mark.parametrize(
    "first",
    [
        "Apple Unveils iPhone X",
        # Title case (three words in four capitalised) outweighs a lede's "yesterday".
        "Kim Visits Seoul yesterday",
        "Kim Visits Seoul 1 2 3 yesterday",
        "Kim Jong Un Visits a Farm in the North yesterday",
        "Kim on Monday",
        # An ellipsis is not a full stop.
        "Kim Jong Un visited Seoul...",
    ],
)
def test_title_case_headlines(first: str) -> None:
    assert title(first) == first


@pytest.mark.parametrize("first", ["At 9 on Monday", "Kim visits farms yesterday"])
def test_lines_not_in_title_case_with_a_ledes_words_are_no_title(first: str) -> None:
    assert title(first) is None


def test_a_headline_not_in_title_case_has_at_most_sixteen_words() -> None:
    sixteen = "Kim visits farms of the north to see how the harvest goes in a dry year"
    assert len(sixteen.split()) == 16
    assert title(sixteen) == sixteen
    assert title(sixteen + " again") is None


def test_a_headline_sentence_has_at_most_twelve_words() -> None:
    twelve = "Kim visits farms of the north to see how the harvest goes."
    assert len(twelve.split()) == 12
    assert title(twelve) == twelve
    assert title("Kim now " + twelve[4:]) is None


def test_a_headline_sentence_comes_before_a_longer_paragraph() -> None:
    first = "Kim visits a farm."  # 18 characters: the paragraph must be longer than 27
    assert title(first, "x" * 26 + ".") is None
    assert title(first, "x" * 27 + ".") == first
    assert title(first, "x" * 35 + ".") == first


def test_a_title_block_comes_first_and_is_one_or_two_lines() -> None:
    assert title("Kim Visits\nSeoul For\nTalks") is None
    assert zones(f"By Jane Doe\nKim Visits Seoul\n\n{BODY}")[:2] == [
        ("byline", "By Jane Doe"),
        ("paragraph", "Kim Visits Seoul"),
    ]
    assert zones(f"Kim Visits Seoul\nA short alt\n{CAPTION} REUTERS/Kim Hong-Ji\n\n{BODY}")[:3] == [
        ("title", "Kim Visits Seoul"),
        ("image_alt", "A short alt"),
        ("caption", CAPTION),
    ]


def test_a_title_after_leading_blank_lines() -> None:
    first = words_of_length(10, 140)
    assert title("\n" * 30 + first) == first


def test_a_title_over_two_lines_is_at_most_a_hundred_and_fifty_two_characters() -> None:
    # The two lines are joined with one space; the span may hold a line break and
    # spaces besides.
    one, two = words_of_length(5, 74), words_of_length(5, 75)
    assert title(f"{one} \r\n{two}") == f"{one} \r\n{two}"  # 152 characters
    assert title(f"{one}  \r\n{two}") is None  # 153
    joined = f"{one}\n{words_of_length(5, 75)}"
    assert title(joined) == joined  # 150 characters, joined with a space
    assert title(f"{one}\n{words_of_length(5, 76)}") is None


def test_a_sentence_before_a_byline_is_weighed_against_the_rest_of_its_block() -> None:
    assert zones(f"Kim visits Seoul.\nBy Jane Doe\n\n{BODY}")[:2] == [
        ("paragraph", "Kim visits Seoul."),
        ("byline", "By Jane Doe"),
    ]


# A headline sentence of more than twelve words is a title only when wrapped over two
# lines in a file whose paragraphs are single long lines.
WRAPPED = (
    "Norway’s salmon farmers brace for a new tax as export\n"
    "prices slide from records and fishermen count the cost."
)


def test_a_wrapped_headline_sentence_before_long_paragraph_lines_is_a_title() -> None:
    assert title(WRAPPED) == WRAPPED
    assert title(WRAPPED.replace("\n", " ")) is None
    crlf = f"{WRAPPED}\r\n\r\n{BODY}\r\n".replace("export\n", "export\r\n")
    found = Article.from_text(crlf, id="x").title
    assert found is not None
    assert found.text == WRAPPED.replace("\n", "\r\n")


@pytest.mark.parametrize(
    "rest",
    [
        "A short paragraph.",
        "x" * 99 + ".",
        "A paragraph wrapped over two lines, which are not long but together\n"
        "are longer than one wrapped line would be.",
    ],
)
def test_a_wrapped_headline_sentence_before_short_lines_is_no_title(rest: str) -> None:
    assert title(WRAPPED, rest) is None
    cr = f"{WRAPPED}\r\r{rest}\r".replace("\n", "\r")
    assert Article.from_text(cr, id="x").title is None
