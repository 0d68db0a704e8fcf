"""Zone rules, one behaviour at a time (the gold files hold whole articles)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from strategies import is_invisible

from corpuskit import Article, Boilerplate, Span, SpanError, Zone, ZoneKind
from corpuskit.stages.invisible import INVISIBLE

BODY = (
    "The ministry said on Monday that the programme would be reviewed next year, "
    "after a series of complaints from local officials and residents."
)
CAPTION = "Soldiers march through the square in Pyongyang"
FIRST = "Kim visits a farm."  # 18 characters: the longest paragraph after it needs 30


def zones(text: str) -> list[tuple[str, str]]:
    return [(z.kind.value, z.text) for z in Article.from_text(text, id="x").zones]


def title(first: str, rest: str = BODY) -> str | None:
    found = Article.from_text(f"{first}\n\n{rest}", id="x").title
    return None if found is None else found.text


def words_of_length(count: int, length: int) -> str:
    """``count`` capitalised words, ``length`` characters in all."""
    words = ["Abcdefg"] * count
    text = " ".join(words)
    return text[:-1] + "x" * (length - len(text) + 1)


# -- photo credits and images ----------------------------------------------------------


@pytest.mark.parametrize(
    "credit",
    [
        "KCNA/AFP/Getty Images",
        "WANG ZHAO/AFP/Getty Images",
        "REUTERS/Kim Hong-Ji",
        "AP Photo/Ahn Young-joon",
        "(AP Photo/Ahn Young-joon)",
        "EPA/JEON HEON-KYUN",
        "EPA-EFE/JEON HEON-KYUN",
        "Ed Jones/AFP via Getty Images",
        "AFP via Getty Images",
        "KCNA via REUTERS",
        "PA Wire/PA Images",
        "Yonhap",
        "Xinhua",
        "Photo: Daily NK",
        "Photograph: Jane Smith/Reuters",
        "(Photo by Chung Sung-Jun/Getty Images)",
        "Rex Features/Shutterstock",
        "Marius Fjeld/NTB/AFP via Getty Images",
        "© Reuters",
    ],
)
def test_zones_caption_ending_in_a_credit_is_an_image(credit: str) -> None:
    text = f"Soldiers march\n{CAPTION} {credit}\n\n{BODY}"
    article = Article.from_text(text, id="x")
    (image,) = article.images
    assert image.alt is not None
    assert image.caption is not None
    assert image.credit is not None
    assert image.alt.text == "Soldiers march"
    assert image.caption.text == CAPTION
    assert image.credit.text == credit
    assert article.paragraphs[0].text == BODY


@pytest.mark.parametrize("credit", ["EPA/dpa", "Newsis/News1", "AFP/iStock", "Reuters/Xinhua/Zuma"])
def test_zones_an_agency_that_is_not_a_name_may_follow_a_slash(credit: str) -> None:
    assert zones(f"{BODY}\n\n{CAPTION} {credit}\n\n{BODY}")[1:3] == [
        ("caption", CAPTION),
        ("credit", credit),
    ]


@pytest.mark.parametrize("end", ["REUTERS/", "KCNA/", "AFP / "])
def test_zones_a_slash_with_nothing_after_it_is_no_credit(end: str) -> None:
    line = f"{CAPTION} {end}".strip()
    assert zones(f"{BODY}\n\n{line}\n\n{BODY}") == [
        ("paragraph", BODY),
        ("paragraph", line),
        ("paragraph", BODY),
    ]


@pytest.mark.parametrize("link", ["KCNA/", "AP/", "Getty Images/", "Yonhap News Agency/"])
def test_zones_a_long_chain_of_agency_links_that_is_no_credit_stays_text(link: str) -> None:
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
    "line",
    [
        "The official declined to comment, the source told Reuters.",
        "The figures were first reported by Yonhap",
        "Kim visits the DMZ",
        "An extract from the 24/7 schedule of the ministry",
        "Trade between the two rose 5% in the first half, according to Xinhua news agency.",
    ],
)
def test_zones_lines_that_merely_mention_agencies_stay_text(line: str) -> None:
    kinds = {k for k, _ in zones(f"{BODY}\n\n{line}\n\n{BODY}")}
    assert kinds == {"paragraph"}


@pytest.mark.parametrize(
    "line",
    [
        f"{CAPTION} REUTERS/Kim.",
        "The report was carried by EFE",
        "The figures were first reported by Xinhua",
        "The pictures were handed out by Yonhap",
    ],
)
def test_zones_lines_that_end_like_a_sentence_about_an_agency_stay_text(line: str) -> None:
    assert zones(f"{BODY}\n\n{line}\n\n{BODY}") == [
        ("paragraph", BODY),
        ("paragraph", line),
        ("paragraph", BODY),
    ]


@pytest.mark.parametrize("gap", [" ", " " * 14, "\u00a0" * 14, "\t\u00a0 "])
def test_zones_the_word_before_a_bare_agency_is_read_whole_across_any_gap(gap: str) -> None:
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
def test_zones_a_bare_agency_after_one_word_or_none(
    line: str, expected: list[tuple[str, str]]
) -> None:
    assert zones(f"{BODY}\n\n{line}\n\n{BODY}")[1:-1] == expected


def test_zones_credit_on_its_own_line_after_a_caption() -> None:
    text = f"{BODY}\n\nFlood\nResidents wade through a flooded street\nPhoto: AP\n\n{BODY}"
    assert zones(text)[1:4] == [
        ("image_alt", "Flood"),
        ("caption", "Residents wade through a flooded street"),
        ("credit", "Photo: AP"),
    ]


def test_zones_a_caption_above_a_credit_line_takes_an_alt_line_only_if_it_looks_like_one() -> None:
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


def test_zones_a_credit_is_found_in_its_own_line_only() -> None:
    text = f"{BODY}\n\nPhoto: Reuters\n{CAPTION} EPA/dpa\n\n{BODY}"
    assert zones(text) == [
        ("paragraph", BODY),
        ("credit", "Photo: Reuters"),
        ("caption", CAPTION),
        ("credit", "EPA/dpa"),
        ("paragraph", BODY),
    ]


def test_zones_caption_without_alt_line() -> None:
    text = f"{BODY}\n\nResidents wade through a flooded street in Dhaka REUTERS/Mohammad Ponir\n"
    article = Article.from_text(text, id="x")
    (image,) = article.images
    assert image.alt is None
    assert image.caption is not None
    assert image.caption.text == "Residents wade through a flooded street in Dhaka"


@pytest.mark.parametrize(
    "credit",
    ["Photo: Reuters", "Photo by A.B", "Photo by Jane Smith", "Courtesy of Jane Smith"],
)
def test_zones_credit_alone_is_an_image_with_only_a_credit(credit: str) -> None:
    (image,) = Article.from_text(f"{BODY}\n\n{credit}\n\n{BODY}", id="x").images
    assert (image.alt, image.caption) == (None, None)
    assert image.credit is not None
    assert image.credit.text == credit


def test_zones_a_credit_at_the_very_start_of_the_text() -> None:
    (image,) = Article.from_text(f"Photo: Reuters\n\n{BODY}", id="x").images
    assert image.credit is not None
    assert (image.start, image.credit.text) == (0, "Photo: Reuters")


def test_zones_seed_images_group_their_parts(seeds_dir: Path) -> None:
    article = Article.from_path(seeds_dir / "000_dd2c270fb12b86b0.txt")
    parts = [
        tuple(None if p is None else p.text for p in (i.alt, i.caption, i.credit))
        for i in article.images
    ]
    assert parts == [
        (
            "North Korea Kim",
            "The defection of a number of North Korean workers is set to infuriate the "
            "country’s leadership",
            "KCNA/AFP/Getty Images",
        ),
        (
            "North Korean restaurant",
            "North Korean hostesses waiting for customers at the entrance to a restaurant in "
            "the Chinese border city of Dandong in China's northeastern Liaoning province",
            "WANG ZHAO/AFP/Getty Images",
        ),
    ]
    assert Article.from_path(seeds_dir / "001_09ca764c561f071a.txt").images == ()


# -- image alt text --------------------------------------------------------------------


def test_zones_long_sentence_above_a_caption_is_not_alt_text() -> None:
    text = f"{BODY}\nResidents wade through a flooded street in Dhaka REUTERS/Mohammad Ponir"
    assert [k for k, _ in zones(text)] == ["paragraph", "caption", "credit"]


def _alt_and_caption(line: str) -> list[tuple[str, str]]:
    return zones(f"{BODY}\n\n{line}\n{CAPTION} REUTERS/Kim Hong-Ji\n\n{BODY}")[1:3]


@pytest.mark.parametrize(
    "line",
    [
        "Rocket launch at SpaceX",
        "one two three four five six seven eight nine ten eleven twelve",
    ],
)
def test_zones_a_short_label_above_a_caption_is_its_alt_text(line: str) -> None:
    assert _alt_and_caption(line) == [("image_alt", line), ("caption", CAPTION)]


@pytest.mark.parametrize(
    "line",
    [
        "Flooded street.",
        "Flooded street!",
        "one two three four five six seven eight nine ten eleven twelve thirteen",
    ],
)
def test_zones_a_sentence_or_a_long_line_above_a_caption_is_not_alt_text(line: str) -> None:
    assert _alt_and_caption(line) == [("paragraph", line), ("caption", CAPTION)]


# -- titles ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "North Korea Steps Up Surveillance of Workers in China",
        "North Korea steps up surveillance of workers in China",
        "North Korea fires missile into sea off east coast.",
        "Is Kim Jong Un ill?",
        "Exclusive: Defectors describe life in a Chinese restaurant",
    ],
)
def test_zones_headline_before_a_blank_line_is_a_title(title: str) -> None:
    article = Article.from_text(f"{title}\n\n{BODY}\n\n{BODY}", id="x")
    assert article.title is not None
    assert article.title.text == title
    assert article.title.kind is ZoneKind.TITLE


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
def test_zones_lines_without_a_ledes_marks_are_titles(first: str) -> None:
    assert title(first) == first


def test_zones_a_title_opens_the_file() -> None:
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


def test_zones_title_wrapped_over_two_lines() -> None:
    title = "Norway’s salmon farmers brace for a new tax\nas export prices slide from records."
    article = Article.from_text(f"{title}\n\n{BODY}", id="x")
    assert article.title is not None
    assert article.title.text == title


def test_zones_a_title_over_two_lines_needs_short_lines_in_a_file_of_long_paragraph_lines() -> None:
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


@pytest.mark.parametrize(
    "first",
    [
        # A long lede: more than 0.6 times as long as the paragraph after it.
        "North Korean officials overseeing workers in Chinese factories and North Korean "
        "restaurants in China are intensifying their surveillance of the workers, Daily NK "
        "has learned.",
        # Attribution, a past tense with a date, a day: what ledes carry.
        "Exports rose 9% in May, the bureau said.",
        "Bangladesh’s garment exports rose 9% in May.",
        "Kim is back. He appeared in public on Friday.",
        # A lead-in.
        "The ministry said:",
    ],
)
def test_zones_lede_sentences_are_not_titles(first: str) -> None:
    article = Article.from_text(f"{first}\n\n{BODY}", id="x")
    assert article.title is None
    assert article.paragraphs[0].text == first


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
def test_zones_what_ledes_carry_is_no_title(first: str) -> None:
    assert title(first) is None


def test_zones_a_title_is_at_most_six_tenths_of_the_longest_paragraph_after_it() -> None:
    assert title(FIRST, "x" * 29 + ".") == FIRST
    assert title(FIRST, "x" * 28 + ".") is None
    first = words_of_length(7, 61)
    assert title(first, "x" * 101 + ".") == first
    assert title(first, "x" * 99 + ".") is None  # 0.61
    # The longest of them, wherever it stands.
    assert title(FIRST, "Short.\n\n" + "x" * 29 + ".\n\nShort.") == FIRST


def test_zones_a_title_is_at_most_two_hundred_and_fifty_characters() -> None:
    rest = "x" * 500 + "."
    first = words_of_length(30, 250)
    assert title(first, rest) == first
    assert title(first + "x", rest) is None


def test_zones_the_paragraphs_weighed_are_those_of_the_next_eight_blocks() -> None:
    shorts = "\n\n".join(["Short."] * 7)
    assert title(FIRST, f"{shorts}\n\n{'x' * 40}.") == FIRST
    assert title(FIRST, f"{shorts}\n\nShort.\n\n{'x' * 40}.") is None


def test_zones_a_block_weighs_as_the_paragraphs_it_holds() -> None:
    first = words_of_length(8, 70)  # 70 characters: a paragraph of 117 or more
    # Lines of 90 characters are one paragraph wrapped over three lines.
    assert title(first, "\n".join(["x" * 90] * 3)) == first
    # Lines over 100 characters are a paragraph each: 101 is too short.
    assert title(first, f"{'x' * 101}\n{'x' * 101}") is None


def test_zones_single_block_file_has_no_title() -> None:
    assert zones("Short Title Case Line") == [("paragraph", "Short Title Case Line")]


def test_zones_a_title_needs_paragraphs_after_it() -> None:
    assert title(FIRST, "") is None
    assert zones(FIRST) == [("paragraph", FIRST)]


def test_zones_title_then_byline_in_one_block() -> None:
    assert zones(f"Kim Returns to Public View\nBy Jane Doe\n\n{BODY}")[:2] == [
        ("title", "Kim Returns to Public View"),
        ("byline", "By Jane Doe"),
    ]


def test_zones_the_rest_of_the_first_block_is_weighed_after_end_matter() -> None:
    assert zones(f"{FIRST}\nBy Jane Doe\n{BODY}")[:3] == [
        ("title", FIRST),
        ("byline", "By Jane Doe"),
        ("paragraph", BODY),
    ]
    assert zones(f"{FIRST}\nBy Jane Doe\n\nShort.")[:2] == [
        ("paragraph", FIRST),
        ("byline", "By Jane Doe"),
    ]


# -- boilerplate -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("*Translated by Violet Kim", "translator_credit"),
        ("Translated by Hiroshi Tanaka.", "translator_credit"),
        ("Please direct any comments or questions about this article to", "contact_line"),
        (
            "Please direct any comments or questions about this article to dailynkenglish@x.org",
            "contact_line",
        ),
        ("Read in Korean", "link_text"),
        ("Read more: Kim’s sister rises", "link_text"),
        ("By Jane Doe", "byline"),
        ("By Hodan Warsame in Baidoa", "byline"),
        ("Reporting by Josh Smith; Editing by Ed Davies", "byline"),
        ("Share this article", "other_boilerplate"),
        ("Advertisement", "other_boilerplate"),
        ("© 2024 Daily NK. All rights reserved.", "other_boilerplate"),
    ],
)
def test_zones_boilerplate_kinds(line: str, kind: str) -> None:
    assert zones(f"{BODY}\n\n{line}") == [("paragraph", BODY), (kind, line)]


def test_zones_boilerplate_is_at_most_two_hundred_characters() -> None:
    line = "Read more: " + "x" * 189
    assert len(line) == 200
    assert zones(f"{BODY}\n\n{line}")[-1] == ("link_text", line)
    assert zones(f"{BODY}\n\n{line}x")[-1] == ("paragraph", line + "x")


def test_zones_translator_credit_names_the_translator() -> None:
    article = Article.from_text(f"{BODY}\n\n*Translated by Violet Kim\n", id="x")
    (credit,) = article.boilerplate
    assert isinstance(credit, Boilerplate)
    assert credit.name is not None
    assert credit.name.text == "Violet Kim"
    assert article.text[credit.name.start : credit.name.end] == "Violet Kim"


def test_zones_other_boilerplate_has_no_name() -> None:
    (link,) = Article.from_text(f"{BODY}\n\nRead in Korean", id="x").boilerplate
    assert link.name is None


@pytest.mark.parametrize(
    "line",
    [
        "By Tuesday, the talks had collapsed.",
        "Copyright disputes between the two studios have dragged on for years.",
        "Subscribe to sanctions, he added.",
        "Follow the money, investigators say.",
        "For questions of sovereignty, the court has no say, he said.",
        "Originally published in 1990, the book was banned for a decade.",
        "Read more widely than you think, she told the graduates.",
        "Staff writers at the paper walked out on Monday.",
    ],
)
def test_zones_sentences_that_begin_like_boilerplate_stay_paragraphs(line: str) -> None:
    assert zones(f"{BODY}\n\n{line}") == [("paragraph", BODY), ("paragraph", line)]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Sign up for our newsletter.", "other_boilerplate"),
        ("Subscribe to our newsletter.", "other_boilerplate"),
        ("Follow us on social media.", "other_boilerplate"),
        ("Contact us for more information.", "contact_line"),
        ("Click here to read more.", "link_text"),
        ("This article first appeared on the website.", "link_text"),
        ("Share this article!", "other_boilerplate"),
        ("Read more: what it means for trade.", "link_text"),
        ("Tags: north korea, workers.", "other_boilerplate"),
        ("By Jane Doe, staff reporter", "byline"),
        ("By Jane Doe for the Guardian", "byline"),
        ("By Jane Doe in St. Louis", "byline"),
        ("By Jane Doe, U.S. correspondent", "byline"),
        ("By Jane Doe in Seoul.", "byline"),
        ("For comments, email us at desk@example.org.", "contact_line"),
    ],
)
def test_zones_end_matter_that_ends_with_a_full_stop(line: str, kind: str) -> None:
    assert zones(f"{BODY}\n\n{line}") == [("paragraph", BODY), (kind, line)]


def test_zones_only_all_rights_reserved_is_exempt_from_the_sentence_rule() -> None:
    line = "Everything the committee asked for was reserved."
    assert zones(f"{BODY}\n\n{line}")[-1] == ("paragraph", line)


# -- paragraphs ------------------------------------------------------------------------


def test_zones_wrapped_paragraph_is_one_zone() -> None:
    para = (
        "The ministry said on Monday that the programme\n"
        "would be reviewed next year after\ncomplaints."
    )
    assert zones(f"{BODY}\n\n{para}") == [("paragraph", BODY), ("paragraph", para)]


def test_zones_a_line_of_exactly_the_wrap_width_is_a_wrapped_line() -> None:
    long, short = "a" * 99 + ".", "It went on."
    assert len(long) == 100
    assert zones(f"{BODY}\n\n{long}\n{short}")[-1] == ("paragraph", f"{long}\n{short}")
    assert zones(f"{BODY}\n\n{short}\n{long}")[-1] == ("paragraph", f"{short}\n{long}")
    assert zones(f"{BODY}\n\n{long}a\n{short}")[-2:] == [
        ("paragraph", long + "a"),
        ("paragraph", short),
    ]


def test_zones_one_paragraph_per_line_files_split_on_long_lines() -> None:
    text = f"{BODY}\n{BODY}\nHe declined to comment.\n{BODY}"
    assert [t for _, t in zones(text)] == [BODY, BODY, "He declined to comment.", BODY]


def test_zones_blank_lines_may_hold_spaces_and_nbsp() -> None:
    assert zones(f"{BODY}\u00a0\n \t\u00a0\n{BODY}") == [("paragraph", BODY), ("paragraph", BODY)]


# -- invisible characters at the edges -------------------------------------------------


def test_zones_are_trimmed_of_format_characters_that_show_nothing() -> None:
    # a zero-width space left after a paragraph, a word joiner and a soft hyphen
    # around another
    text = f"{BODY}\u200b\n\n\u2060\u00adThe talks resume on Friday.\u00ad\u2060\n"
    assert zones(text) == [("paragraph", BODY), ("paragraph", "The talks resume on Friday.")]


def test_zones_keep_format_characters_inside_a_line() -> None:
    line = "Share\u00adholders met in Dae\u200bjeon on Friday.\ufeff Nothing was decided."
    assert zones(f"{BODY}\n\n{line}") == [("paragraph", BODY), ("paragraph", line)]


def test_zones_title_after_a_byte_order_mark_inside_the_text() -> None:
    # U+FEFF after a blank first line is no byte-order mark: it stays in the text,
    # outside the title.
    text = f"\n\ufeff{FIRST}\n\n{BODY}"
    article = Article.from_text(text, id="x")
    assert not article.bom
    assert article.title is not None
    assert (article.title.start, article.title.text) == (2, FIRST)
    assert article.text == text


def test_zones_end_matter_after_a_byte_order_mark_is_still_end_matter() -> None:
    # Two files pasted together leave the second one's U+FEFF at the start of a line.
    text = f"{BODY}\n\n\ufeffBy Jane Doe\n\u200bShare this article\u200b\n"
    assert zones(text) == [
        ("paragraph", BODY),
        ("byline", "By Jane Doe"),
        ("other_boilerplate", "Share this article"),
    ]


@pytest.mark.parametrize(
    "blank", ["\u2060", "\u200b\u200b", "\ufeff", " \u00ad\u3000", "\u2028\u200d"]
)
def test_zones_a_line_of_invisible_characters_is_blank(blank: str) -> None:
    # It is no zone, and it separates blocks as an empty line does: the short line
    # above it is the title.
    text = f"{FIRST}\n{blank}\n{BODY}\n{blank}\n{BODY}"
    assert zones(text) == [("title", FIRST), ("paragraph", BODY), ("paragraph", BODY)]


def test_zones_a_caption_ends_before_the_invisible_characters_ahead_of_its_credit() -> None:
    text = f"{BODY}\n\n{CAPTION}\u200b\u00a0REUTERS/Kim Hong-Ji\u2060\n\n{BODY}"
    assert zones(text)[1:3] == [("caption", CAPTION), ("credit", "REUTERS/Kim Hong-Ji")]


def test_zones_keep_format_characters_that_show_something() -> None:
    # England's flag is U+1F3F4 and tag characters, the last of which ends the line;
    # an Arabic number sign (U+0600) is drawn over the digits after it.
    flag = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
    cheer = f"Fans in Manchester cheered {flag}"
    sign = "\u0600\u0661\u0662 was printed on the ballot."
    assert zones(f"{BODY}\n\n{cheer}\n\n{sign}") == [
        ("paragraph", BODY),
        ("paragraph", cheer),
        ("paragraph", sign),
    ]


def test_zones_invisible_characters_are_spaces_and_format_characters_showing_nothing() -> None:
    # The zone parser lists its candidates instead of walking every code point at
    # import: a Python whose Unicode has a new space or format character fails here
    # until the list in corpuskit/stages/invisible.py holds it.
    every = (chr(c) for c in range(sys.maxunicode + 1))
    assert {c for c in every if is_invisible(c)} == INVISIBLE
    assert {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u00a0"} <= INVISIBLE
    assert "\u0600" not in INVISIBLE
    assert "\U000e007f" not in INVISIBLE


# -- zone kinds ------------------------------------------------------------------------


def test_zones_kind_properties() -> None:
    assert ZoneKind.BYLINE.is_boilerplate
    assert not ZoneKind.PARAGRAPH.is_boilerplate
    assert ZoneKind.CREDIT.is_image
    assert not ZoneKind.TITLE.is_image
    assert ZoneKind("paragraph") is ZoneKind.PARAGRAPH


def test_zones_zone_and_boilerplate_check_their_kind() -> None:
    with pytest.raises(SpanError, match="ZoneKind"):
        Zone(0, 5, "hello", "title")  # type: ignore[arg-type]
    with pytest.raises(SpanError, match="boilerplate kind"):
        Boilerplate(0, 5, "hello", ZoneKind.TITLE)
    with pytest.raises(SpanError, match="does not lie inside"):
        Boilerplate(0, 5, "hello", ZoneKind.BYLINE, Span(6, 7, "x"))
