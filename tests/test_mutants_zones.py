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


FIRST = "Kim visits a farm."  # 18 characters: the longest paragraph after it needs 30


def test_a_title_is_at_most_six_tenths_of_the_longest_paragraph_after_it() -> None:
    assert title(FIRST, "x" * 29 + ".") == FIRST
    assert title(FIRST, "x" * 28 + ".") is None
    first = words_of_length(7, 61)
    assert title(first, "x" * 101 + ".") == first
    assert title(first, "x" * 99 + ".") is None  # 0.61
    # The longest of them, wherever it stands.
    assert title(FIRST, "Short.\n\n" + "x" * 29 + ".\n\nShort.") == FIRST


def test_a_title_is_at_most_two_hundred_and_fifty_characters() -> None:
    rest = "x" * 500 + "."
    first = words_of_length(30, 250)
    assert title(first, rest) == first
    assert title(first + "x", rest) is None


def test_the_paragraphs_weighed_are_those_of_the_next_eight_blocks() -> None:
    shorts = "\n\n".join(["Short."] * 7)
    assert title(FIRST, f"{shorts}\n\n{'x' * 40}.") == FIRST
    assert title(FIRST, f"{shorts}\n\nShort.\n\n{'x' * 40}.") is None


def test_a_block_weighs_as_the_paragraphs_it_holds() -> None:
    first = words_of_length(8, 70)  # 70 characters: a paragraph of 117 or more
    # Lines of 90 characters are one paragraph wrapped over three lines.
    assert title(first, "\n".join(["x" * 90] * 3)) == first
    # Lines over 100 characters are a paragraph each: 101 is too short.
    assert title(first, f"{'x' * 101}\n{'x' * 101}") is None


def test_the_rest_of_the_first_block_is_weighed_after_end_matter() -> None:
    assert zones(f"{FIRST}\nBy Jane Doe\n{BODY}")[:3] == [
        ("title", FIRST),
        ("byline", "By Jane Doe"),
        ("paragraph", BODY),
    ]
    assert zones(f"{FIRST}\nBy Jane Doe\n\nShort.")[:2] == [
        ("paragraph", FIRST),
        ("byline", "By Jane Doe"),
    ]


def test_a_title_needs_paragraphs_after_it() -> None:
    assert title(FIRST, "") is None
    assert zones(FIRST) == [("paragraph", FIRST)]


def test_a_title_over_two_lines_needs_short_lines_in_a_file_of_long_paragraph_lines() -> None:
    one, two = words_of_length(5, 60), words_of_length(5, 40)
    long_line = "x" * 399 + "."
    assert title(f"{one}\n{two}", long_line) == f"{one}\n{two}"
    assert title(f"{one} \r\n{two}", long_line) == f"{one} \r\n{two}"
    assert title(f"{one}\r{two}", f"{long_line}\r") == f"{one}\r{two}"
    hundred = words_of_length(12, 100)
    assert title(f"{hundred}\n{two}", long_line) == f"{hundred}\n{two}"
    assert title(f"{hundred}x\n{two}", long_line) is None
    assert title(f"{two}\n{hundred}x", long_line) is None
    # A file whose paragraphs are wrapped: two short lines may be a short paragraph.
    wrapped = "\n".join(["x" * 90] * 5)
    assert title(f"{one}\n{two}", wrapped) is None
    assert title(f"{one}\n{two}", f"{wrapped}\n\n{long_line}") == f"{one}\n{two}"
    assert title(f"{one}\n{two}\n{two}", long_line) is None
    # The evidence: a paragraph on one line longer than 100 characters.
    assert title("Kim visits\na farm", "x" * 100 + ".") == "Kim visits\na farm"
    assert title("Kim visits\na farm", "x" * 99 + ".") is None
    # The two lines weigh as one joined by a space: 61 characters, over 0.6 of 101.
    assert title(f"{words_of_length(4, 30)}\n{words_of_length(4, 30)}", "x" * 101) is None
    assert title(f"{words_of_length(4, 30)}\n{words_of_length(3, 29)}", "x" * 101) is not None


def test_a_title_opens_the_file() -> None:
    assert title("\n" * 30 + FIRST) == FIRST
    assert title("  \u00a0\n\t\n" + FIRST) == FIRST
    assert zones(f"By Jane Doe\nKim Visits Seoul\n\n{BODY}")[:2] == [
        ("byline", "By Jane Doe"),
        ("paragraph", "Kim Visits Seoul"),
    ]
    assert zones(f"Soldiers\n{CAPTION} REUTERS/Kim Hong-Ji\n\n{FIRST}\n\n{BODY}")[3] == (
        "paragraph",
        FIRST,
    )
    assert zones(f"Kim Visits Seoul\nA short alt\n{CAPTION} REUTERS/Kim Hong-Ji\n\n{BODY}")[:3] == [
        ("title", "Kim Visits Seoul"),
        ("image_alt", "A short alt"),
        ("caption", CAPTION),
    ]


@pytest.mark.parametrize(
    "first",
    [
        "Kim visits a farm,",
        "Kim visits a farm;",
        "Kim visits a farm:",
        "Kim visits a farm, officials said.",
        "Kim visits a farm, KCNA reported",
        "Kim told farmers to plant early",
        "Kim visits a farm, the agency explained",
        "Kim visits a farm, it added",
        "Daily NK has learned of a farm visit",
        "Sources have learned of a farm visit",
        "Kim visits a farm, according to KCNA",
        "Kim visits a farm on Monday",
        "Kim visits a farm early Tuesday",
        "Kim visits a farm late Wednesday",
        "Kim visits a farm last Thursday",
        "Kim visits a farm this Friday",
        "Kim visits a farm next Saturday",
        "Kim visits a farm on Sunday",
        "Kim visits a farm yesterday",
        "Kim visits farms last week",
        "SEOUL (Reuters) - Kim visits a farm.",
        "NEW DELHI (AP) — Kim visits a farm.",
        "KUMASI, Ghana - Kim visits a farm.",
        "ST. LOUIS, Missouri – Kim visits a farm.",
        "Kim visited a farm in March.",
        "Kim toured a farm on May 3.",
        "Exports rose since January.",
        "Exports fell until December",
    ],
)
def test_what_ledes_carry_is_no_title(first: str) -> None:
    assert title(first) is None


@pytest.mark.parametrize(
    "first",
    [
        "Kim visits a farm.",
        "Kim visits a farm?",
        "Kim visits a farm!",
        "Kim visits a farm",
        "Kim visits a farm...",
        "Kim visits a farm. Again.",
        "Kim, again, visits a farm",
        "EXCLUSIVE – Kim visits a farm",
        "Kim meets NATO (again) - and smiles",
        "SEOUL - Kim visits a farm",
        "Kim visited a farm",
        "Kim to visit a farm in March",
        "Kim visits farms on Mondays",
        "Kim’s Tuesday farm visit",
        "Kim Visits Seoul yesterdays",
    ],
)
def test_lines_without_a_ledes_marks_are_titles(first: str) -> None:
    assert title(first) == first
