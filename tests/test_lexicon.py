"""The lexicon: each word list is well formed, and every stage that needs a word knows it.

`corpuskit.lexicon` holds the English word lists the stages build their patterns
from.  The first tests check the lists as data (no empty or padded words, no
duplicates, abbreviations without their full stop, the lists that must not
overlap do not); the rest take every word of a list through the stage that uses
it and check that the stage reads it as the list says.
"""

from __future__ import annotations

import ast
import importlib
import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest

from corpuskit import Boilerplate, Quantity, QuantityKind, ZoneKind
from corpuskit.lexicon import abbreviations, dates, names, news, numbers
from corpuskit.stages.alternation import alternation
from corpuskit.stages.quantities import find_quantities
from corpuskit.stages.sentences import split_sentences
from corpuskit.stages.zones import parse_zones

LEXICON = Path(names.__file__).resolve().parent
MODULES = [abbreviations, dates, names, news, numbers]


def _constants() -> list[tuple[str, object]]:
    return [(f"{m.__name__}.{n}", getattr(m, n)) for m in MODULES for n in m.__all__]


CONSTANTS = _constants()
IDS = [name for name, _ in CONSTANTS]


def _words(value: object) -> list[str]:
    """The words of a list (the keys of a mapping)."""
    assert isinstance(value, (frozenset, tuple, Mapping))
    return list(value)


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def _one(text: str) -> Quantity:
    found = find_quantities(text)
    assert len(found) == 1, (text, found)
    return found[0]


def _zone(text: str, line: str) -> tuple[ZoneKind, str]:
    """The kind of the zone ``line`` (a line of ``text``) falls in, and that zone's text."""
    at = text.index(line)
    for z in parse_zones(text).zones:
        if z.start <= at < z.end:
            return z.kind, z.text
    raise AssertionError(f"no zone holds {line!r}")


# --- the lists as data --------------------------------------------------------------------


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_all_lists_every_constant_of_the_module(module: ModuleType) -> None:
    public = {n for n in vars(module) if n.isupper() and not n.startswith("_")}
    assert set(module.__all__) == public
    assert list(module.__all__) == sorted(module.__all__)


@pytest.mark.parametrize(("name", "value"), CONSTANTS, ids=IDS)
def test_each_list_is_plain_data_of_words(name: str, value: object) -> None:
    words = _words(value)
    assert words, f"{name} is empty"
    for word in words:
        assert isinstance(word, str), (name, word)
        assert word, f"{name} holds an empty string"
        assert word == word.strip(), (name, word)
        assert "  " not in word, (name, word)
        assert not {"\n", "\r", "\t"} & set(word), (name, word)
    if isinstance(value, tuple):
        assert len(set(value)) == len(value), f"{name} holds a word twice"
    if isinstance(value, Mapping):
        for v in value.values():
            assert isinstance(v, (str, int)), (name, v)
            assert not isinstance(v, bool), (name, v)


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_each_list_says_what_it_holds_and_who_uses_it(module: ModuleType) -> None:
    path = Path(str(module.__file__))
    lines = path.read_text(encoding="utf-8").splitlines()
    tree = ast.parse("\n".join(lines))
    assert ast.get_docstring(tree)
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            assert "Final" in ast.unparse(node.annotation), node.target.id
            above = lines[node.lineno - 2].strip()
            assert above.startswith("#"), f"{path.name}: {node.target.id} has no comment"


def test_the_lexicon_is_plain_data_that_imports_nothing_of_the_package() -> None:
    # Patterns are built by the stages; the regex audit walks the stages' modules.
    allowed = {"__future__", "typing", "collections.abc"}
    for path in sorted(LEXICON.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert {a.name for a in node.names} <= allowed, path.name
            elif isinstance(node, ast.ImportFrom):
                assert node.level == 0, path.name
                assert node.module in allowed, path.name
        module = importlib.import_module(f"corpuskit.lexicon.{path.stem}")
        for value in vars(module).values():
            assert not isinstance(value, re.Pattern), path.name


ABBREVIATION_LISTS = [
    names.ABBREVIATED_TITLES,
    names.NAME_SUFFIXES,
    abbreviations.PREPOSED_ABBREVIATIONS,
    abbreviations.US_STATE_ABBREVIATIONS,
    abbreviations.ENDING_ABBREVIATIONS,
    abbreviations.COMPANY_ABBREVIATIONS,
    abbreviations.MEASURE_ABBREVIATIONS,
    abbreviations.ANY_CASE_ABBREVIATIONS,
    abbreviations.TIMES_OF_DAY,
    dates.MONTH_ABBREVIATIONS,
    dates.DAY_ABBREVIATIONS,
]


def test_abbreviations_are_written_without_their_full_stop() -> None:
    for words in ABBREVIATION_LISTS:
        for word in words:
            assert not word.endswith("."), word
            assert " " not in word, word


def test_lists_compared_in_lower_case_are_lower_case() -> None:
    for words in (
        abbreviations.COMPANY_ABBREVIATIONS,
        abbreviations.MEASURE_ABBREVIATIONS,
        abbreviations.ANY_CASE_ABBREVIATIONS,
    ):
        assert all(w == w.lower() for w in words)


def test_the_splitters_lists_do_not_overlap() -> None:
    # A word the splitter never ends a sentence at cannot also be one that may end one.
    never = names.ABBREVIATED_TITLES | abbreviations.PREPOSED_ABBREVIATIONS
    may = (
        set(dates.MONTH_ABBREVIATIONS)
        | set(dates.DAY_ABBREVIATIONS)
        | abbreviations.US_STATE_ABBREVIATIONS
        | abbreviations.ENDING_ABBREVIATIONS
    )
    assert not names.ABBREVIATED_TITLES & abbreviations.PREPOSED_ABBREVIATIONS
    assert not never & may
    any_case = (
        abbreviations.COMPANY_ABBREVIATIONS
        | abbreviations.MEASURE_ABBREVIATIONS
        | abbreviations.ANY_CASE_ABBREVIATIONS
        | {s.lower() for s in names.NAME_SUFFIXES}
    )
    assert not {w.lower() for w in never} & any_case


def test_honorifics_hold_every_honorific_the_stages_name() -> None:
    assert names.HONORIFICS.issuperset(names.ABBREVIATED_TITLES | names.WORD_HONORIFICS)
    assert names.HONORIFICS.difference(names.ABBREVIATED_TITLES, names.WORD_HONORIFICS) == {"St"}
    for words in (
        names.MALE_HONORIFICS,
        names.FEMALE_HONORIFICS,
        names.PERSON_HONORIFICS,
        names.SOURCE_TITLES,
    ):
        assert set(words) <= names.HONORIFICS
    assert not set(names.MALE_HONORIFICS) & set(names.FEMALE_HONORIFICS)
    assert "St" in abbreviations.ENDING_ABBREVIATIONS  # Saint, and a street


def test_dates_are_the_calendars() -> None:
    assert len(dates.MONTHS) == 12
    assert len(dates.DAYS) == 7
    for abbreviation in dates.MONTH_ABBREVIATIONS:
        assert any(m.startswith(abbreviation) for m in dates.MONTHS), abbreviation
    for abbreviation in dates.DAY_ABBREVIATIONS:
        assert any(d.startswith(abbreviation) for d in dates.DAYS), abbreviation
    assert all(z.isupper() for z in dates.TIME_ZONES)


def test_number_words_have_their_values() -> None:
    assert list(numbers.ONES.values()) == list(range(10))
    assert list(numbers.TEENS.values()) == list(range(10, 20))
    assert list(numbers.TENS.values()) == list(range(20, 100, 10))
    assert all(v == 1000**k for k, v in enumerate(numbers.SCALES.values(), start=1))
    words = [*numbers.ONES, *numbers.TEENS, *numbers.TENS, *numbers.GROUP_WORDS, *numbers.SCALES]
    assert len(words) == len(set(words))
    assert all(w.isalpha() and w.islower() for w in words)
    for word, value in numbers.SPACED_MULTIPLIERS.items():
        assert numbers.ATTACHED_MULTIPLIERS[word] == value
    assert numbers.MONEY_ONLY_MULTIPLIERS.issubset(numbers.ATTACHED_MULTIPLIERS)


def test_currencies_name_codes() -> None:
    codes = [*numbers.CURRENCY_CODES, *numbers.ISO_CURRENCY_CODES]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch("[A-Z]{3}", c) for c in codes)
    assert numbers.IDENTIFIER_CODES.issubset(codes)
    assert set(numbers.CURRENCY_CODE_ALIASES) <= set(codes)
    for value in (
        *numbers.CURRENCY_SYMBOLS.values(),
        *numbers.CURRENCY_NAMES.values(),
        *numbers.CURRENCY_CODE_ALIASES.values(),
    ):
        assert value in numbers.CURRENCY_CODES


def test_hedges_hold_the_hedges_the_quantities_stage_treats_apart() -> None:
    assert numbers.YEAR_HEDGES.issubset(numbers.HEDGES)
    assert numbers.PREPOSITION_HEDGES.issubset(numbers.HEDGES)
    assert not numbers.YEAR_HEDGES & numbers.PREPOSITION_HEDGES
    assert all(h == h.lower() for h in numbers.HEDGES)


def test_bare_credit_agencies_are_agencies() -> None:
    assert set(news.BARE_CREDIT_AGENCIES) <= set(news.AGENCIES)


def test_alternation_tries_longer_words_first_and_matches_them_literally() -> None:
    assert alternation(["Sep", "Sept"]) == "Sept|Sep"
    assert re.fullmatch(alternation(["e.g"]), "e.g")
    assert not re.fullmatch(alternation(["e.g"]), "exg")
    assert re.fullmatch(alternation(["up to"], space=r"\s++"), "up \n to")
    pattern = re.compile(f"(?:{alternation(news.AGENCIES)})", re.VERBOSE)
    assert all(pattern.fullmatch(a) for a in news.AGENCIES)


# --- the splitter -------------------------------------------------------------------------

ABBREVIATED_HONORIFICS = sorted(names.HONORIFICS - names.WORD_HONORIFICS)


@pytest.mark.parametrize("word", ABBREVIATED_HONORIFICS)
def test_an_honorific_keeps_its_full_stop_from_ending_a_sentence(word: str) -> None:
    text = f"They met {word}. Kim in Seoul. He left."
    assert _sentences(text) == [f"They met {word}. Kim in Seoul.", "He left."]


@pytest.mark.parametrize("word", sorted(abbreviations.PREPOSED_ABBREVIATIONS))
def test_a_preposed_abbreviation_never_ends_a_sentence(word: str) -> None:
    text = f"They cited {word}. He and others."
    assert _sentences(text) == [text]


ENDERS = sorted(
    {
        *dates.MONTH_ABBREVIATIONS,
        *dates.DAY_ABBREVIATIONS,
        *abbreviations.US_STATE_ABBREVIATIONS,
        *abbreviations.ENDING_ABBREVIATIONS,
    }
    | {
        form
        for w in (
            *abbreviations.COMPANY_ABBREVIATIONS,
            *abbreviations.MEASURE_ABBREVIATIONS,
            *abbreviations.ANY_CASE_ABBREVIATIONS,
            *names.NAME_SUFFIXES,
        )
        for form in (w.lower(), w.capitalize(), w.upper())
    }
)


@pytest.mark.parametrize("word", ENDERS)
def test_an_abbreviation_that_may_end_a_sentence_ends_one_before_an_opener_only(
    word: str,
) -> None:
    assert _sentences(f"It was {word}. He left.") == [f"It was {word}.", "He left."]
    assert _sentences(f"It was {word}. Kim left.") == [f"It was {word}. Kim left."]


@pytest.mark.parametrize("word", sorted(abbreviations.SENTENCE_OPENERS))
def test_a_sentence_opener_shows_that_an_abbreviation_ended_a_sentence(word: str) -> None:
    text = f"They live in the U.S. {word} went there."
    assert _sentences(text) == ["They live in the U.S.", f"{word} went there."]


GOES_ON = sorted(
    {
        *dates.DAYS,
        *dates.DAY_ABBREVIATIONS,
        *dates.MONTHS,
        *dates.MONTH_ABBREVIATIONS,
        *dates.TIME_ZONES,
        *dates.TIME_ZONE_WORDS,
    }
)


@pytest.mark.parametrize("time", sorted(abbreviations.TIMES_OF_DAY))
@pytest.mark.parametrize("word", GOES_ON)
def test_a_time_of_day_goes_on_into_a_day_a_month_or_a_time_zone(time: str, word: str) -> None:
    text = f"It starts at 6 {time}. {word} and ends then."
    assert _sentences(text) == [text]


@pytest.mark.parametrize("time", sorted(abbreviations.TIMES_OF_DAY))
def test_a_time_of_day_ends_a_sentence_before_another_capital(time: str) -> None:
    text = f"It starts at 6 {time}. Passengers wait."
    assert _sentences(text) == [f"It starts at 6 {time}.", "Passengers wait."]


# --- the quantities stage -----------------------------------------------------------------

MONTHS = [*dates.MONTHS, *dates.MONTH_ABBREVIATIONS]


@pytest.mark.parametrize("month", MONTHS)
def test_every_month_makes_a_date(month: str) -> None:
    forms = [f"{month} 24", f"24 {month}", f"{month} 24, 2020"]
    if month in dates.MONTH_ABBREVIATIONS:
        forms.append(f"{month}. 24")
    for form in forms:
        q = _one(f"It happened on {form} in the city.")
        assert (q.kind, q.text, q.low) == (QuantityKind.DATE, form, Decimal(24))


@pytest.mark.parametrize("suffix", numbers.ORDINAL_SUFFIXES)
def test_a_day_takes_every_ordinal_suffix(suffix: str) -> None:
    for form in (f"March 3{suffix}", f"3{suffix} March", f"3{suffix} of March"):
        q = _one(f"It happened on {form} in the city.")
        assert (q.kind, q.text, q.low) == (QuantityKind.DATE, form, Decimal(3))


@pytest.mark.parametrize(
    "word", [*dates.MONTHS, *dates.MONTH_ABBREVIATIONS, *dates.DAYS, *dates.TIME_ZONES]
)
def test_calendar_words_are_never_counted(word: str) -> None:
    for form in (word, word.lower()):
        for q in find_quantities(f"They left at 9 {form} after the talks."):
            assert q.counted is None, (form, q)


SPELLED = {**numbers.ONES, **numbers.TEENS, **numbers.TENS}


@pytest.mark.parametrize("word", sorted(SPELLED))
def test_every_number_word_is_read_with_its_value(word: str) -> None:
    for form in (word, word.capitalize()):
        q = _one(f"{form} percent of them agreed.")
        assert (q.kind, q.text, q.low) == (
            QuantityKind.PERCENT,
            f"{form} percent",
            Decimal(SPELLED[word]),
        )


def test_every_tens_word_joins_every_digit_word() -> None:
    for tens, t in numbers.TENS.items():
        for ones, o in numbers.ONES.items():
            if o == 0:
                continue
            for sep in ("-", " "):
                q = _one(f"They found {tens}{sep}{ones} cases.")
                assert (q.text, q.low) == (f"{tens}{sep}{ones}", Decimal(t + o))


@pytest.mark.parametrize("word", sorted({**numbers.GROUP_WORDS, **numbers.SCALES}))
def test_every_multiplier_word_multiplies(word: str) -> None:
    value = {**numbers.GROUP_WORDS, **numbers.SCALES}[word]
    assert _one(f"They found a {word} cases.").low == value
    assert _one(f"They found two {word} cases.").low == 2 * value
    assert _one(f"It cost $3 {word}.").low == 3 * value
    assert _one(f"It cost $3 {word.capitalize()}.").low == 3 * value


@pytest.mark.parametrize("word", sorted(numbers.ATTACHED_MULTIPLIERS))
def test_every_attached_multiplier_multiplies_money(word: str) -> None:
    value = numbers.ATTACHED_MULTIPLIERS[word]
    q = _one(f"It cost $3{word} last year.")
    assert (q.kind, q.text, q.low) == (QuantityKind.MONEY, f"$3{word}", Decimal(3 * value))
    alone = find_quantities(f"It took 3{word} steps.")
    if word in numbers.MONEY_ONLY_MULTIPLIERS:
        assert alone == []
    else:
        assert [q.low for q in alone] == [3 * value]
    if word in numbers.SPACED_MULTIPLIERS:
        assert _one(f"It cost $3 {word} last year.").low == 3 * value


@pytest.mark.parametrize("mark", sorted(numbers.CURRENCY_SYMBOLS))
def test_every_currency_mark_is_money(mark: str) -> None:
    q = _one(f"It cost {mark}3,000 last year.")
    assert (q.kind, q.unit, q.text) == (QuantityKind.MONEY, numbers.CURRENCY_SYMBOLS[mark], q.text)
    assert q.text == f"{mark}3,000"


@pytest.mark.parametrize("code", [*numbers.CURRENCY_CODES, *numbers.ISO_CURRENCY_CODES])
def test_every_currency_code_is_money(code: str) -> None:
    unit = numbers.CURRENCY_CODE_ALIASES.get(code, code)
    forms = [f"{code} 3,000", f"3,000 {code}"]
    if code not in numbers.IDENTIFIER_CODES:
        forms.append(f"{code}3,000")
    for form in forms:
        q = _one(f"It cost {form} last year.")
        assert (q.kind, q.unit, q.text) == (QuantityKind.MONEY, unit, form)


@pytest.mark.parametrize("code", sorted(numbers.IDENTIFIER_CODES))
def test_identifier_codes_before_a_small_number_are_names(code: str) -> None:
    assert find_quantities(f"They met at {code} 28 and {code}26.") == []


@pytest.mark.parametrize("name", sorted(numbers.CURRENCY_NAMES))
def test_every_currency_name_is_money(name: str) -> None:
    unit = numbers.CURRENCY_NAMES[name]
    for form in (f"3,000 {name}", f"3,000 {name.replace(' ', chr(10))}", f"ten million {name}"):
        q = _one(f"It cost {form} last year.")
        assert (q.kind, q.unit, q.text) == (QuantityKind.MONEY, unit, form)


@pytest.mark.parametrize("word", numbers.PERCENT_WORDS)
def test_every_percent_word_makes_a_percentage(word: str) -> None:
    for form in (word, word.upper()):
        q = _one(f"It rose 20 {form} last year.")
        assert (q.kind, q.unit, q.text) == (QuantityKind.PERCENT, "percent", f"20 {form}")


@pytest.mark.parametrize("hedge", numbers.HEDGES)
def test_every_hedge_is_read(hedge: str) -> None:
    for form in (hedge, hedge.capitalize(), hedge.upper(), hedge.replace(" ", "  ")):
        q = _one(f"They counted {form} 300 people.")
        assert (q.hedge, q.text) == (hedge, "300"), form
        assert q.hedge_span is not None
        assert q.hedge_span.text == form
    q = _one(f"They counted {hedge} 2000.")
    if hedge in numbers.YEAR_HEDGES:
        assert (q.kind, q.hedge) == (QuantityKind.NUMBER, hedge)
    elif hedge in numbers.PREPOSITION_HEDGES:
        assert (q.kind, q.hedge) == (QuantityKind.YEAR, None)


@pytest.mark.parametrize("word", numbers.YEAR_PREPOSITIONS)
def test_a_year_preposition_makes_a_year(word: str) -> None:
    assert _one("They found 2016 people.").kind is QuantityKind.COUNT
    for form in (word, word.capitalize()):
        q = _one(f"They met {form} 2016 people.")
        assert (q.kind, q.text) == (QuantityKind.YEAR, "2016")


@pytest.mark.parametrize("prefix", numbers.YEAR_PREFIXES)
def test_a_year_prefix_keeps_the_year(prefix: str) -> None:
    for form in (prefix, prefix.capitalize()):
        q = _one(f"It grew in {form}-2016 people.")
        assert (q.kind, q.text) == (QuantityKind.YEAR, "2016")


@pytest.mark.parametrize("unit", sorted(numbers.TIME_UNITS))
def test_every_time_unit_makes_a_duration(unit: str) -> None:
    for text in (f"It took 10 {unit} there.", f"It was a 10-{unit} loan."):
        q = _one(text)
        assert q.kind is QuantityKind.DURATION, text
        assert q.counted is not None
        assert q.counted.text == unit


# "offspring" ends in -ing, which the quantities stage takes for a verb form before it
# looks the word up (`_quantities._counted`).
_PLURALS_MISSED = {"offspring"}


@pytest.mark.parametrize(
    "noun",
    [
        pytest.param(n, marks=pytest.mark.xfail(reason="read as an -ing form", strict=True))
        if n in _PLURALS_MISSED
        else n
        for n in sorted(numbers.IRREGULAR_PLURALS | numbers.INVARIANT_CURRENCY_NAMES)
    ],
)
def test_every_irregular_plural_is_counted(noun: str) -> None:
    q = _one(f"They found 5 {noun} there.")
    assert q.kind is QuantityKind.COUNT
    assert q.counted is not None
    assert q.counted.text == noun


@pytest.mark.parametrize(
    "word", [*numbers.SERIES_NOUNS, *numbers.NUMBER_MARKS, *numbers.LIST_NUMBER_MARKS]
)
def test_a_number_after_a_series_noun_or_mark_is_an_identifier(word: str) -> None:
    assert find_quantities(f"They met at {word} 7 today.") == []
    if word in numbers.LIST_NUMBER_MARKS:
        assert find_quantities(f"They met at {word} 3, 4 and 5 today.") == []


def test_the_value_of_a_quantity_is_exact() -> None:
    assert _one("It cost $1.5bn.").low == Decimal(1_500_000_000)


# --- the zones stage ----------------------------------------------------------------------

BODY = "The talks went on for a week in the capital, officials said on the record.\n\n"


def _credit(credit: str) -> tuple[ZoneKind, str]:
    """The zone of ``credit`` written at the end of a caption."""
    return _zone(BODY + f"A man walks past a screen in Seoul. {credit}\n\n" + BODY, credit)


@pytest.mark.parametrize("agency", news.AGENCIES)
def test_every_agency_ends_a_photo_credit(agency: str) -> None:
    for credit in (f"KIM LEE/{agency}", f"Kim Lee/Yonhap via {agency}", f"Photo: {agency}"):
        assert _credit(credit) == (ZoneKind.CREDIT, credit)


# A credit opens with a capital, "(" or "©" (`_zones._CREDIT`), so an agency written in
# lower case cannot head one ("dpa/Bernd Kim" is left in the caption).
_HEADS_MISSED = {a for a in news.AGENCIES if not a[0].isupper()}


@pytest.mark.parametrize(
    "agency",
    [
        pytest.param(a, marks=pytest.mark.xfail(reason="opens in lower case", strict=True))
        if a in _HEADS_MISSED
        else a
        for a in news.AGENCIES
    ],
)
def test_every_agency_heads_a_photo_credit(agency: str) -> None:
    credit = f"{agency}/Kim Hong-Ji"
    assert _credit(credit) == (ZoneKind.CREDIT, credit)


# "PA Wire" standing alone is never looked at: the credit hint finds no acronym, label
# or slash in it.  (`_zones._CREDIT_HINT`.)
_BARE_MISSED = {"PA Wire"}


@pytest.mark.parametrize(
    "agency",
    [
        pytest.param(a, marks=pytest.mark.xfail(reason="the credit hint misses it", strict=True))
        if a in _BARE_MISSED
        else a
        for a in news.BARE_CREDIT_AGENCIES
    ],
)
def test_a_bare_agency_is_a_credit_unless_a_sentence_ends_with_it(agency: str) -> None:
    for credit in (agency, f"({agency})"):
        assert _credit(credit) == (ZoneKind.CREDIT, credit)
    if " via " not in agency:  # "via" makes a credit wherever it stands
        text = BODY + f"The news was first reported by {agency}\n\n" + BODY
        assert _zone(text, agency)[0] is ZoneKind.PARAGRAPH


@pytest.mark.parametrize("label", news.CREDIT_LABELS)
def test_every_credit_label_opens_a_credit(label: str) -> None:
    for credit in (f"{label}: Kim Lee", f"({label}: Kim Lee)", f"{label} by Kim Lee"):
        assert _credit(credit) == (ZoneKind.CREDIT, credit)


def _boilerplate(line: str) -> ZoneKind:
    kind, zone = _zone(BODY + line + "\n\n" + BODY, line)
    assert zone == line
    return kind


@pytest.mark.parametrize("opener", news.TRANSLATOR_CREDIT_OPENERS)
def test_every_translator_credit_opener_makes_a_translator_credit(opener: str) -> None:
    for line in (f"{opener} by Violet Kim", f"*{opener} and edited by Violet Kim."):
        text = BODY + line + "\n\n" + BODY
        (zone,) = [z for z in parse_zones(text).zones if z.text == line]
        assert zone.kind is ZoneKind.TRANSLATOR_CREDIT
        assert isinstance(zone, Boilerplate)
        assert zone.name is not None
        assert zone.name.text == "Violet Kim"


@pytest.mark.parametrize("word", news.FEEDBACK_WORDS)
def test_every_feedback_word_makes_a_contact_line(word: str) -> None:
    for line in (f"Send {word} to news@example.com", f"For any {word}, write to the desk"):
        assert _boilerplate(line) is ZoneKind.CONTACT_LINE


@pytest.mark.parametrize("label", news.LINK_LABELS)
def test_every_link_label_makes_link_text(label: str) -> None:
    assert _boilerplate(f"{label}: Talks end in the capital") is ZoneKind.LINK_TEXT


@pytest.mark.parametrize("role", news.BYLINE_ROLES)
def test_every_byline_role_makes_a_byline(role: str) -> None:
    assert _boilerplate(f"{role} by Kim Lee; Editing by Jane Doe") is ZoneKind.BYLINE


@pytest.mark.parametrize("post", news.STAFF_BYLINES)
def test_every_staff_byline_is_a_byline(post: str) -> None:
    assert _boilerplate(post) is ZoneKind.BYLINE
    assert _boilerplate(f"{post} in Seoul") is ZoneKind.BYLINE


@pytest.mark.parametrize("word", news.NEWSLETTER_WORDS)
def test_every_newsletter_word_makes_a_sign_up_line_boilerplate(word: str) -> None:
    assert _boilerplate(f"Sign up for our daily {word}") is ZoneKind.OTHER_BOILERPLATE


@pytest.mark.parametrize("particle", names.NAME_PARTICLES)
def test_a_byline_name_holds_every_particle(particle: str) -> None:
    assert _boilerplate(f"By Ursula {particle} Leyen") is ZoneKind.BYLINE
