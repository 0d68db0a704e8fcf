"""Quantity rules, one behaviour at a time; the seeds' quantities exactly; invariants."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import any_texts, texts

from corpuskit import Quantity, QuantityKind, Span, SpanError
from corpuskit.stages.quantities import find_quantities

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
HEDGES = {
    "about",
    "approximately",
    "around",
    "roughly",
    "some",
    "up to",
    "more than",
    "over",
    "nearly",
    "almost",
    "at least",
    "less than",
    "fewer than",
    "under",
}

# (text, kind, low, high, unit, hedge, counted)
Row = tuple[str, str, str, str, str | None, str | None, str | None]


def rows(text: str, start: int = 0, end: int | None = None) -> list[Row]:
    return [
        (
            q.text,
            q.kind.value,
            str(q.low),
            str(q.high),
            q.unit,
            q.hedge,
            None if q.counted is None else q.counted.text,
        )
        for q in find_quantities(text, start, end)
    ]


def row(
    text: str,
    kind: str,
    low: str,
    high: str | None = None,
    *,
    unit: str | None = None,
    hedge: str | None = None,
    counted: str | None = None,
) -> Row:
    return (text, kind, low, low if high is None else high, unit, hedge, counted)


# --- the rules, one sentence at a time ---------------------------------------------------

CASES: list[tuple[str, list[Row]]] = [
    # numbers: separators, decimals, multipliers attached and spaced
    (
        "The ministry received 2,000 applications in the first round.",
        [row("2,000", "count", "2000", counted="applications")],
    ),
    (
        "Exports reached 1.5bn in the last quarter.",
        [row("1.5bn", "number", "1500000000")],
    ),
    (
        "Some 3 million people voted in the referendum.",
        [row("3 million", "count", "3000000", hedge="some", counted="people")],
    ),
    (
        "Volunteers planted 10 thousand trees along the river.",
        [row("10 thousand", "count", "10000", counted="trees")],
    ),
    (
        "Officials pledged 2 billion dollars in aid.",
        [row("2 billion dollars", "money", "2000000000", unit="USD")],
    ),
    # spelled numbers
    (
        "Seventeen ministers resigned on the same day.",
        [row("Seventeen", "count", "17", counted="ministers")],
    ),
    (
        "The school admitted twenty-five pupils this year.",
        [row("twenty-five", "count", "25", counted="pupils")],
    ),
    (
        "Two hundred and fifty delegates attended the congress.",
        [row("Two hundred and fifty", "count", "250", counted="delegates")],
    ),
    (
        "A dozen fishermen were rescued off the coast.",
        [row("A dozen", "count", "12", counted="fishermen")],
    ),
    # ranges
    (
        "Each shift at the mine lasts 10-20 hours.",
        [row("10-20", "duration", "10", "20", counted="hours")],
    ),
    (
        "Monthly wages rose from 4,000 to 6,000 won a month.",
        [row("4,000 to 6,000 won", "money", "4000", "6000", unit="KRW")],
    ),
    (
        "Inspectors boarded between 15 and 25 vessels.",
        [row("15 and 25", "count", "15", "25", counted="vessels")],
    ),
    (
        "Three or four fishermen were missing.",
        [row("Three or four", "count", "3", "4", counted="fishermen")],
    ),
    (
        "The convoy took 5—7 days to arrive.",
        [row("5—7", "duration", "5", "7", counted="days")],
    ),
    (
        "The programme will reach 3 to 5 million households.",
        [row("3 to 5 million", "count", "3000000", "5000000", counted="households")],
    ),
    (
        "Between two hundred and three hundred workers left.",
        [row("two hundred and three hundred", "count", "200", "300", counted="workers")],
    ),
    (
        "Prices fell from 20 to 10 last year.",
        [row("20", "number", "20"), row("10", "number", "10")],
    ),
    (
        "The firm raised its stake from $10m to $40m.",
        [row("$10m to $40m", "money", "10000000", "40000000", unit="USD")],
    ),
    # money
    (
        "The ticket cost US$15 and the meal €200.",
        [row("US$15", "money", "15", unit="USD"), row("€200", "money", "200", unit="EUR")],
    ),
    (
        "The club paid £3.5m for the striker.",
        [row("£3.5m", "money", "3500000", unit="GBP")],
    ),
    (
        "A bowl of noodles costs ¥1,200 in Tokyo.",
        [row("¥1,200", "money", "1200", unit="JPY")],
    ),
    (
        "Traders asked for RMB 300, or 300 yuan, for the set.",
        [row("RMB 300", "money", "300", unit="RMB"), row("300 yuan", "money", "300", unit="RMB")],
    ),
    (
        "Fees were EUR 40, GBP 12, JPY 900 and KRW 5,000.",
        [
            row("EUR 40", "money", "40", unit="EUR"),
            row("GBP 12", "money", "12", unit="GBP"),
            row("JPY 900", "money", "900", unit="JPY"),
            row("KRW 5,000", "money", "5000", unit="KRW"),
        ],
    ),
    (
        "Each recruit was paid 40 dollars a week.",
        [row("40 dollars", "money", "40", unit="USD")],
    ),
    # percentages
    (
        "Unemployment fell to 7.5 per cent from 8 percent.",
        [
            row("7.5 per cent", "percent", "7.5", unit="percent"),
            row("8 percent", "percent", "8", unit="percent"),
        ],
    ),
    (
        "The currency lost 12% against the dollar.",
        [row("12%", "percent", "12", unit="percent")],
    ),
    (
        "Between 10-20% of the harvest was lost.",
        [row("10-20%", "percent", "10", "20", unit="percent")],
    ),
    # hedges
    (
        "Roughly 40 journalists and around 60 diplomats attended.",
        [
            row("40", "count", "40", hedge="roughly", counted="journalists"),
            row("60", "count", "60", hedge="around", counted="diplomats"),
        ],
    ),
    (
        "Approximately 300 families were moved.",
        [row("300", "count", "300", hedge="approximately", counted="families")],
    ),
    (
        "Up to 500 soldiers and more than 20 tanks took part.",
        [
            row("500", "count", "500", hedge="up to", counted="soldiers"),
            row("20", "count", "20", hedge="more than", counted="tanks"),
        ],
    ),
    (
        "Nearly 70 percent of voters and almost 90 delegates agreed.",
        [
            row("70 percent", "percent", "70", unit="percent", hedge="nearly"),
            row("90", "count", "90", hedge="almost", counted="delegates"),
        ],
    ),
    (
        "At least 14 people died and less than 10 were injured.",
        [
            row("14", "count", "14", hedge="at least", counted="people"),
            row("10", "number", "10", hedge="less than"),
        ],
    ),
    (
        "Fewer than 30 candidates and under 5 observers registered.",
        [
            row("30", "count", "30", hedge="fewer than", counted="candidates"),
            row("5", "count", "5", hedge="under", counted="observers"),
        ],
    ),
    (
        "Over 200 prisoners were freed.",
        [row("200", "count", "200", hedge="over", counted="prisoners")],
    ),
    (
        "The price was, at most, about\u00a0$3 a day.",
        [row("$3", "money", "3", unit="USD", hedge="about")],
    ),
    # counted nouns
    (
        "Officials said 60,000 North Koreans work abroad.",
        [row("60,000", "count", "60000", counted="North Koreans")],
    ),
    ("The 5 injured were taken to hospital.", [row("5", "number", "5")]),
    ("Only 3 remaining members voted.", [row("3", "number", "3")]),
    (
        "He left 10 years ago and returned after two months.",
        [
            row("10", "duration", "10", counted="years"),
            row("two", "duration", "2", counted="months"),
        ],
    ),
    (
        "She is a 30-year-old nurse on a 10-day trip.",
        [
            row("30", "duration", "30", counted="year"),
            row("10", "duration", "10", counted="day"),
        ],
    ),
    # years and dates
    (
        "The treaty was signed in 1953 and revised since 2016.",
        [row("1953", "year", "1953"), row("2016", "year", "2016")],
    ),
    (
        "The factory hired 2016 workers in a single year.",
        [row("2016", "count", "2016", counted="workers")],
    ),
    (
        "In 2016 North Korea tested a missile during the 2019-20 season.",
        [row("2016", "year", "2016"), row("2019-20", "year", "2019", "2020")],
    ),
    (
        "The talks resumed on Feb. 24 and ended on March 3.",
        [row("Feb. 24", "date", "24"), row("March 3", "date", "3")],
    ),
    (
        "The summit opened on 24 February and closed on June 5, 2020.",
        [row("24 February", "date", "24"), row("June 5, 2020", "date", "5")],
    ),
    # "one" as a determiner, as a number
    (
        "One source said one of them would bring one or two people.",
        [row("one or two", "count", "1", "2", counted="people")],
    ),
    # currency codes in news use, before or after the number
    (
        "Tuition is KES 45,000 a term, up from about KES 38,000.",
        [
            row("KES 45,000", "money", "45000", unit="KES"),
            row("KES 38,000", "money", "38000", unit="KES", hedge="about"),
        ],
    ),
    (
        "Fares rose to 1,200 NGN, ZAR 300 and INR500.",
        [
            row("1,200 NGN", "money", "1200", unit="NGN"),
            row("ZAR 300", "money", "300", unit="ZAR"),
            row("INR500", "money", "500", unit="INR"),
        ],
    ),
    ("Delegates at COP 28 and COP26 discussed RON95 petrol.", []),
    # compound counted nouns: a plural head after a word that is not plural
    (
        "Rebels attacked 14 police stations and two copper mines.",
        [
            row("14", "count", "14", counted="police stations"),
            row("two", "count", "2", counted="copper mines"),
        ],
    ),
    (
        "Officials reported five new cases and 50 staff members.",
        [
            row("five", "count", "5", counted="new cases"),
            row("50", "count", "50", counted="staff members"),
        ],
    ),
    # above one, a counted noun must look plural
    (
        "Twelve miners were rescued and four remain trapped.",
        [row("Twelve", "count", "12", counted="miners"), row("four", "number", "4")],
    ),
    (
        "Six children, 40 sheep and 1 person were counted under a 10 year plan.",
        [
            row("Six", "count", "6", counted="children"),
            row("40", "count", "40", counted="sheep"),
            row("1", "count", "1", counted="person"),
            row("10", "duration", "10", counted="year"),
        ],
    ),
    # "over" and "under" before a duration are prepositions
    (
        "The loan will be repaid over 10 years, under 5-year terms.",
        [
            row("10", "duration", "10", counted="years"),
            row("5", "duration", "5", counted="year"),
        ],
    ),
    # list labels
    (
        "The plan has three parts: (1) new wells, (2) seed grants and (3) a paved road.",
        [row("three", "count", "3", counted="parts")],
    ),
    ("(1) Wells come first.", []),
    (
        "The toll (12) was revised and 5 (6) people left.",
        [row("12", "number", "12"), row("5", "number", "5"), row("6", "number", "6")],
    ),
    # identifiers
    ("Flight No. 442 landed at Gate 7 after Nos. 3, 4 and 5 were shut.", []),
    ("Article 5 of the law and Route 66, and Channel Four showed Number 10.", []),
    (
        "Level 4 restrictions began in Round 2 and 14 people died.",
        [
            row("4", "count", "4", counted="restrictions"),
            row("14", "count", "14", counted="people"),
        ],
    ),
    # not quantities
    ("Cases of COVID-19 rose among G7 members flying F-16 jets.", []),
    ("She bought a 3D printer and mp3 files for K-pop fans.", []),
    ("He finished second and she came 3rd in the 1990s.", []),
    ("They met a month later and a few years ago with several officials.", []),
    ("The meeting started at 10:30 and ran 24/7; call 010-1234-5678.", []),
    ("Korea beat Japan 3-1 on the twenty-first, with two-thirds of the vote.", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_quantities_follow_the_rules(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


def test_quantities_table_covers_enough_cases() -> None:
    assert len(CASES) >= 40
    kinds = {r[1] for _, expected in CASES for r in expected}
    assert kinds == {k.value for k in QuantityKind}
    hedges = {r[5] for _, expected in CASES for r in expected} - {None}
    assert hedges == HEDGES


# --- the seeds ------------------------------------------------------------------------------

SEED_QUANTITIES: dict[str, list[Row]] = {
    "000_dd2c270fb12b86b0.txt": [
        row("two", "duration", "2", counted="months"),
        row("two or three", "count", "2", "3", counted="women"),
        row("12", "count", "12", counted="waitresses"),
        row("130", "count", "130", hedge="about", counted="diners"),
        row("90", "number", "90", hedge="over"),
        row("$10m and $40m", "money", "10000000", "40000000", unit="USD"),
        row("60,000", "count", "60000", hedge="up to", counted="North Koreans"),
        row("29,000", "count", "29000", hedge="more than", counted="North Koreans"),
        row("1953", "year", "1953"),
    ],
    "001_09ca764c561f071a.txt": [
        row("Feb. 24", "date", "24"),
        row("2016", "year", "2016"),
        row("2016", "year", "2016"),
        row("13", "count", "13", counted="workers"),
        row("10-20", "count", "10", "20", hedge="about", counted="workers"),
        row("RMB 1,000", "money", "1000", unit="RMB", hedge="about"),
        row("USD 143", "money", "143", unit="USD", hedge="approximately"),
        row("RMB 2,000–3,000", "money", "2000", "3000", unit="RMB"),
        row("50%", "percent", "50", unit="percent", hedge="about"),
    ],
}


@pytest.mark.parametrize("name", sorted(SEED_QUANTITIES))
def test_quantities_of_the_seeds_are_exact(name: str) -> None:
    text = (SEEDS / name).read_text("utf-8")
    assert rows(text) == SEED_QUANTITIES[name]
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text
        if q.hedge_span is not None:
            assert text[q.hedge_span.start : q.hedge_span.end].lower() == q.hedge
        if q.counted is not None:
            assert text[q.counted.start : q.counted.end] == q.counted.text


def test_quantities_seed_spans_point_into_the_text() -> None:
    text = (SEEDS / "001_09ca764c561f071a.txt").read_text("utf-8")
    q = next(q for q in find_quantities(text) if q.text == "USD 143")
    assert q.hedge_span is not None
    assert text[q.hedge_span.start - 1 : q.end + 1] == "(approximately USD 143)"


# --- details of the rules -------------------------------------------------------------------


def test_quantities_values_are_exact_decimals() -> None:
    (q,) = find_quantities("It cost $1.5bn.")
    assert q.low == q.high == Decimal(1_500_000_000)
    assert str(q.low) == "1500000000"
    (q,) = find_quantities("Growth was 3.50 percent.")
    assert isinstance(q.low, Decimal)
    assert str(q.low) == "3.50"


def test_quantities_hedge_span_is_exact_and_normalised() -> None:
    text = "They paid More  than\u00a0$5 for it."
    (q,) = find_quantities(text)
    assert q.hedge == "more than"
    assert q.hedge_span == Span.of(text, 10, 20)
    assert q.hedge_span.text == "More  than"


def test_quantities_range_spans_from_first_to_last_number() -> None:
    text = "between $10m and $40m a year"
    (q,) = find_quantities(text)
    assert (q.start, q.end) == (8, 21)
    assert q.hedge is None


def test_quantities_multiplier_of_the_second_end_applies_to_a_smaller_first() -> None:
    assert rows("worth $10-40m") == [row("$10-40m", "money", "10000000", "40000000", unit="USD")]
    assert rows("from 500 to 2 million") == [row("500 to 2 million", "number", "500", "2000000")]


def test_quantities_year_rules() -> None:
    assert rows("around 2016") == [row("2016", "year", "2016", hedge="around")]
    assert rows("over 2016") == [row("2016", "year", "2016")]  # a preposition here
    assert rows("more than 2000") == [row("2000", "number", "2000", hedge="more than")]
    assert rows("in mid-2016 and 2,016 people") == [
        row("2016", "year", "2016"),
        row("2,016", "count", "2016", counted="people"),
    ]
    assert rows("from 2016 to 2018") == [row("2016 to 2018", "year", "2016", "2018")]


def test_quantities_dates_with_ordinals_ranges_and_years() -> None:
    assert rows("on March 3rd, 2020 and Feb. 24-26") == [
        row("March 3rd, 2020", "date", "3"),
        row("Feb. 24-26", "date", "24", "26"),
    ]
    assert rows("in early March and in May 2016") == [row("2016", "year", "2016")]


def test_quantities_wrapped_lines_join_an_expression() -> None:
    assert rows("up to\n60,000 North\nKoreans") == [
        row("60,000", "count", "60000", hedge="up to", counted="North")
    ]
    assert rows("about RMB\r\n2,000") == [
        row("RMB\r\n2,000", "money", "2000", unit="RMB", hedge="about")
    ]
    assert rows("two hundred\nand fifty") == [row("two hundred\nand fifty", "number", "250")]


def test_quantities_number_words_after_quotes_and_brackets() -> None:
    assert rows("“Two workers fled.” (Three stayed.)") == [
        row("Two", "count", "2", counted="workers"),
        row("Three", "number", "3"),
    ]


def test_quantities_window_returns_offsets_into_the_whole_text() -> None:
    text = "In 2016, 13 workers defected; about 10-20 stayed."
    start = text.index("13")
    found = find_quantities(text, start, text.index(";"))
    assert [(q.text, q.start) for q in found] == [("13", start)]
    assert find_quantities(text, start, start) == []
    # A hedge must lie inside the window too.
    tail = find_quantities(text, text.index("10-20"))
    assert [(q.text, q.hedge) for q in tail] == [("10-20", None)]


@pytest.mark.parametrize(("start", "end"), [(-1, None), (0, 99), (5, 4), (True, None)])
def test_quantities_bad_window_raises_span_error(start: int, end: int | None) -> None:
    with pytest.raises(SpanError):
        find_quantities("only ten words", start, end)


def test_quantities_kind_values_are_the_data_names() -> None:
    assert [k.value for k in QuantityKind] == [
        "count",
        "money",
        "percent",
        "duration",
        "year",
        "date",
        "number",
    ]
    assert QuantityKind("money") is QuantityKind.MONEY


def quantity(**changes: object) -> Quantity:
    text = "about 12 workers"
    fields: dict[str, object] = {
        "start": 6,
        "end": 8,
        "text": "12",
        "kind": QuantityKind.COUNT,
        "low": Decimal(12),
        "high": Decimal(12),
        "unit": None,
        "hedge": "about",
        "hedge_span": Span.of(text, 0, 5),
        "counted": Span.of(text, 9, 16),
    }
    fields.update(changes)
    return Quantity(**fields)  # type: ignore[arg-type]


def test_quantities_constructor_accepts_a_consistent_quantity() -> None:
    q = quantity()
    assert q == find_quantities("about 12 workers")[0]
    assert hash(q) == hash(find_quantities("about 12 workers")[0])


@pytest.mark.parametrize(
    "changes",
    [
        {"kind": "count"},
        {"low": 12},
        {"low": Decimal("NaN")},
        {"low": Decimal(13)},
        {"hedge": None},
        {"hedge_span": None},
        {"hedge_span": Span(0, 7, "about 1")},
        {"counted": Span(7, 16, "2 workers")},
        {"text": "123"},
    ],
)
def test_quantities_constructor_rejects_inconsistent_values(changes: dict[str, object]) -> None:
    with pytest.raises(SpanError):
        quantity(**changes)


# --- known gaps -------------------------------------------------------------------------------


@pytest.mark.xfail(strict=True, reason="number words are found in lower case or Capitalised only")
def test_quantities_all_capitals_number_words() -> None:
    assert rows("TWO HUNDRED workers") == [row("TWO HUNDRED", "count", "200", counted="workers")]


@pytest.mark.xfail(strict=True, reason="signs are not read: a quantity is never negative")
def test_quantities_negative_numbers() -> None:
    assert rows("Growth was -5% last year.") == [row("-5%", "percent", "-5", unit="percent")]


@pytest.mark.xfail(strict=True, reason="fractions and 'half' are not read")
def test_quantities_fractions() -> None:
    assert rows("one and a half million people") == [
        row("one and a half million", "count", "1500000", counted="people")
    ]


@pytest.mark.xfail(strict=True, reason="a verb in -s after an identifier reads as a plural noun")
def test_quantities_identifier_before_a_verb() -> None:
    assert rows("Article 5 bans it.") == []


# --- properties -------------------------------------------------------------------------------


def check(text: str, found: list[Quantity], start: int, end: int) -> None:
    previous = start
    for q in found:
        assert isinstance(q, Quantity)
        assert isinstance(q.kind, QuantityKind)
        assert previous <= q.start < q.end <= end, "ordered, non-overlapping, in the window"
        assert text[q.start : q.end] == q.text
        assert isinstance(q.low, Decimal)
        assert isinstance(q.high, Decimal)
        assert q.low.is_finite()
        assert q.high.is_finite()
        assert q.low <= q.high
        assert (q.kind is QuantityKind.MONEY) == (q.unit not in (None, "percent"))
        assert (q.kind is QuantityKind.PERCENT) == (q.unit == "percent")
        if q.hedge_span is not None:
            h = q.hedge_span
            assert previous <= h.start < h.end <= q.start
            assert text[h.start : h.end] == h.text
            assert q.hedge in HEDGES
            assert q.hedge == " ".join(h.text.lower().split())
        else:
            assert q.hedge is None
        previous = q.end
        if q.counted is not None:
            c = q.counted
            assert q.end < c.start < c.end <= end
            assert text[c.start : c.end] == c.text
            assert q.kind in (QuantityKind.COUNT, QuantityKind.DURATION)
            previous = c.end


@given(texts())
def test_quantities_invariants_hold_for_news_text(text: str) -> None:
    check(text, find_quantities(text), 0, len(text))


@given(any_texts())
def test_quantities_never_raise_on_any_string(text: str) -> None:
    check(text, find_quantities(text), 0, len(text))


@given(texts(), st.data())
def test_quantities_invariants_hold_in_any_window(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    check(text, find_quantities(text, start, end), start, end)


# Number-dense text: the pieces quantities are made of, in any order and spacing.
PIECES = (
    "0 1 7 12 31 130 2016 1953 2019 20 2,000 60,000 1,000,000 3.5 0.5 007 1,23 "
    "$ US$ € £ ¥ ₩ RMB USD yuan won dollars % percent per cent m bn k b million billion "
    "thousand hundred dozen a A one One two twenty twenty-five twenty-first ninety and or to "
    "from between about up to more than over some at least under nearly Feb. March May 3rd "
    "st of - – — / : , . ( ) “ ” workers North Koreans months years day in since mid- "
    "COVID-19 G7 F-16 3D"
).split(" ")


@st.composite
def number_texts(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.sampled_from(PIECES), max_size=30))
    gaps = draw(
        st.lists(
            st.sampled_from(["", " ", " ", "  ", "\n", "\r\n", "\u00a0", "-"]),
            min_size=len(pieces),
            max_size=len(pieces),
        )
    )
    return "".join(p + g for p, g in zip(pieces, gaps, strict=True))


@given(number_texts(), st.data())
def test_quantities_invariants_hold_in_number_dense_text(text: str, data: st.DataObject) -> None:
    check(text, find_quantities(text), 0, len(text))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    check(text, find_quantities(text, start, end), start, end)


@given(st.integers(0, 10**15))
def test_quantities_read_any_integer_with_separators(n: int) -> None:
    text = f"They counted {n:,} sheep."
    assert rows(text) == [row(f"{n:,}", "count", str(n), counted="sheep")]


@given(st.decimals(min_value=0, max_value=10**6, places=2), st.sampled_from(["%", " percent"]))
def test_quantities_read_decimal_percentages_exactly(value: Decimal, sign: str) -> None:
    (q,) = find_quantities(f"It rose {value}{sign}.")
    assert q.kind is QuantityKind.PERCENT
    assert q.low == q.high == value


@given(
    st.integers(1, 999_999),
    st.sampled_from([("m", 10**6), ("bn", 10**9), (" million", 10**6), (" billion", 10**9)]),
)
def test_quantities_apply_multipliers_exactly(n: int, multiplier: tuple[str, int]) -> None:
    suffix, factor = multiplier
    (q,) = find_quantities(f"The deal was worth ${n}{suffix}.")
    assert q.kind is QuantityKind.MONEY
    assert q.unit == "USD"
    assert q.low == n * factor
    assert str(q.low) == str(n * factor)


SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def spell(n: int, *, british: bool) -> str:
    """Write ``n`` (below a million) in words, with "and" after hundreds if ``british``."""
    if n < 20:
        return SMALL[n]
    if n < 100:
        return TENS[n // 10 - 2] + ("" if n % 10 == 0 else "-" + SMALL[n % 10])
    if n < 1000:
        head = SMALL[n // 100] + " hundred"
        return (
            head
            if n % 100 == 0
            else head + (" and " if british else " ") + spell(n % 100, british=british)
        )
    head = spell(n // 1000, british=british) + " thousand"
    if n % 1000 == 0:
        return head
    joiner = " and " if british and n % 1000 < 100 else " "
    return head + joiner + spell(n % 1000, british=british)


@given(st.integers(0, 999_999), st.booleans())
def test_quantities_read_spelled_numbers(n: int, british: bool) -> None:
    words = spell(n, british=british)
    (q,) = find_quantities(f"Turnout rose {words} percent.")
    assert q.text == f"{words} percent"
    assert q.low == n


# --- cost on adversarial input ----------------------------------------------------------------

MB = 1_000_000


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("digits", "7" * MB),
        ("commas", "," * MB),
        ("ones and commas", "1," * (MB // 2)),
        ("thousands", "1,000" * (MB // 5)),
        ("spaces", " " * MB),
        ("dashes", "1-" * (MB // 2)),
        ("between", "between 1 and " * (MB // 14)),
    ],
)
def test_quantities_read_adversarial_input(name: str, text: str) -> None:
    # How the time grows with such input is measured in benchmarks/bench_adversarial.py.
    found = find_quantities(text)
    assert all(text[q.start : q.end] == q.text for q in found), name
