"""Zone rules, one behaviour at a time (the gold files hold whole articles)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpuskit import Article, Boilerplate, Span, SpanError, Zone, ZoneKind

BODY = (
    "The ministry said on Monday that the programme would be reviewed next year, "
    "after a series of complaints from local officials and residents."
)


def zones(text: str) -> list[tuple[str, str]]:
    return [(z.kind.value, z.text) for z in Article.from_text(text, id="x").zones]


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
    text = f"Soldiers march\nSoldiers march through the square in Pyongyang {credit}\n\n{BODY}"
    article = Article.from_text(text, id="x")
    (image,) = article.images
    assert image.alt is not None
    assert image.caption is not None
    assert image.credit is not None
    assert image.alt.text == "Soldiers march"
    assert image.caption.text == "Soldiers march through the square in Pyongyang"
    assert image.credit.text == credit
    assert article.paragraphs[0].text == BODY


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


def test_zones_credit_on_its_own_line_after_a_caption() -> None:
    text = f"{BODY}\n\nFlood\nResidents wade through a flooded street\nPhoto: AP\n\n{BODY}"
    assert zones(text)[1:4] == [
        ("image_alt", "Flood"),
        ("caption", "Residents wade through a flooded street"),
        ("credit", "Photo: AP"),
    ]


def test_zones_caption_without_alt_line() -> None:
    text = f"{BODY}\n\nResidents wade through a flooded street in Dhaka REUTERS/Mohammad Ponir\n"
    article = Article.from_text(text, id="x")
    (image,) = article.images
    assert image.alt is None
    assert image.caption is not None
    assert image.caption.text == "Residents wade through a flooded street in Dhaka"


def test_zones_credit_alone_is_an_image_with_only_a_credit() -> None:
    (image,) = Article.from_text(f"{BODY}\n\nPhoto: Reuters\n\n{BODY}", id="x").images
    assert (image.alt, image.caption) == (None, None)
    assert image.credit is not None
    assert image.credit.text == "Photo: Reuters"


def test_zones_long_sentence_above_a_caption_is_not_alt_text() -> None:
    text = f"{BODY}\nResidents wade through a flooded street in Dhaka REUTERS/Mohammad Ponir"
    assert [k for k, _ in zones(text)] == ["paragraph", "caption", "credit"]


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


def test_zones_title_wrapped_over_two_lines() -> None:
    title = "Norway’s salmon farmers brace for a new tax\nas export prices slide from records."
    article = Article.from_text(f"{title}\n\n{BODY}", id="x")
    assert article.title is not None
    assert article.title.text == title


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


def test_zones_single_block_file_has_no_title() -> None:
    assert zones("Short Title Case Line") == [("paragraph", "Short Title Case Line")]


def test_zones_title_then_byline_in_one_block() -> None:
    assert zones(f"Kim Returns to Public View\nBy Jane Doe\n\n{BODY}")[:2] == [
        ("title", "Kim Returns to Public View"),
        ("byline", "By Jane Doe"),
    ]


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


def test_zones_wrapped_paragraph_is_one_zone() -> None:
    para = (
        "The ministry said on Monday that the programme\n"
        "would be reviewed next year after\ncomplaints."
    )
    assert zones(f"{BODY}\n\n{para}") == [("paragraph", BODY), ("paragraph", para)]


def test_zones_one_paragraph_per_line_files_split_on_long_lines() -> None:
    text = f"{BODY}\n{BODY}\nHe declined to comment.\n{BODY}"
    assert [t for _, t in zones(text)] == [BODY, BODY, "He declined to comment.", BODY]


def test_zones_blank_lines_may_hold_spaces_and_nbsp() -> None:
    assert zones(f"{BODY}\u00a0\n \t\u00a0\n{BODY}") == [("paragraph", BODY), ("paragraph", BODY)]


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
