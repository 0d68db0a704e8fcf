"""Number words, multipliers, currencies, units, hedges and the nouns numbers count.

Plain data; the quantities stage builds its patterns from it (see
`corpuskit.lexicon`).  Values are exact integers; currencies map to the code a
quantity's ``unit`` holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

__all__ = [
    "ATTACHED_MULTIPLIERS",
    "CURRENCY_CODES",
    "CURRENCY_CODE_ALIASES",
    "CURRENCY_NAMES",
    "CURRENCY_SYMBOLS",
    "GROUP_WORDS",
    "HEDGES",
    "IDENTIFIER_CODES",
    "INVARIANT_CURRENCY_NAMES",
    "IRREGULAR_PLURALS",
    "ISO_CURRENCY_CODES",
    "LIST_NUMBER_MARKS",
    "MONEY_ONLY_MULTIPLIERS",
    "NUMBER_MARKS",
    "ONES",
    "ORDINAL_SUFFIXES",
    "PERCENT_WORDS",
    "PREPOSITION_HEDGES",
    "SCALES",
    "SERIES_NOUNS",
    "SPACED_MULTIPLIERS",
    "TEENS",
    "TENS",
    "TIME_UNITS",
    "YEAR_HEDGES",
    "YEAR_PREFIXES",
    "YEAR_PREPOSITIONS",
]

# --- number words ---------------------------------------------------------------------
# The quantities stage reads spelled numbers made of these words, in lower case or
# Capitalised ("twenty-five", "Two hundred and fifty", "a dozen").

# The number words below ten, by value.
ONES: Final[Mapping[str, int]] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}

# The number words from ten to nineteen, by value.
TEENS: Final[Mapping[str, int]] = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}

# The tens, by value; a tens word joins a word of `ONES` with a hyphen or a space
# ("twenty-five", "twenty five").
TENS: Final[Mapping[str, int]] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}

# Words that multiply the number before them, or "a", by their value, and take no
# number above 99 before them ("two hundred", "a dozen", "twelve hundred").
GROUP_WORDS: Final[Mapping[str, int]] = {"hundred": 100, "dozen": 12}

# The scales, powers of a thousand that multiply the number before them, or "a", by
# their value ("three million", "a billion", "two hundred thousand").
SCALES: Final[Mapping[str, int]] = {
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
}

# --- multipliers after digits ---------------------------------------------------------

# Multipliers written against the digits, by value ("10m", "1.5bn", "3mn", "2tn").
ATTACHED_MULTIPLIERS: Final[Mapping[str, int]] = {
    "m": 10**6,
    "mn": 10**6,
    "bn": 10**9,
    "b": 10**9,
    "k": 10**3,
    "tn": 10**12,
}

# Attached multipliers that multiply only money ("$3b", "RMB 5k"): "3b" and "5k"
# alone are identifiers.
MONEY_ONLY_MULTIPLIERS: Final[frozenset[str]] = frozenset({"b", "k"})

# Abbreviated multipliers that may also stand after a space, by value ("3 bn").  The
# words of `GROUP_WORDS` and `SCALES` may too ("3 million", "2 dozen").
SPACED_MULTIPLIERS: Final[Mapping[str, int]] = {"mn": 10**6, "bn": 10**9}

# --- currencies and percentages ------------------------------------------------------

# Currency marks written before a number, with the code a quantity's unit holds.
CURRENCY_SYMBOLS: Final[Mapping[str, str]] = {
    "$": "USD",
    "US$": "USD",
    "HK$": "HKD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₩": "KRW",
}

# Currency names written after a number ("300 yuan", "10 million US dollars"), with
# the code a quantity's unit holds.  A space in a name stands for any gap, a line
# break among it.
CURRENCY_NAMES: Final[Mapping[str, str]] = {
    "US dollars": "USD",
    "dollars": "USD",
    "yuan": "RMB",
    "renminbi": "RMB",
    "won": "KRW",
    "yen": "JPY",
    "euro": "EUR",
    "euros": "EUR",
}

# The currency codes found most in the news this library was built for, before or
# after a number ("RMB 2,000", "3,000 EUR").  A quantity's unit holds the code as
# written, but for `CURRENCY_CODE_ALIASES`.
CURRENCY_CODES: Final[tuple[str, ...]] = ("USD", "RMB", "CNY", "EUR", "GBP", "JPY", "KRW", "HKD")

# Codes whose currency a quantity's unit names by another code.
CURRENCY_CODE_ALIASES: Final[Mapping[str, str]] = {"CNY": "RMB"}

# The other ISO 4217 codes common in news, read like `CURRENCY_CODES`.
ISO_CURRENCY_CODES: Final[tuple[str, ...]] = tuple(
    (
        "KES NGN ZAR EGP INR PKR BDT LKR IDR PHP THB VND MYR SGD AUD NZD CAD MXN BRL ARS CLP "
        "COP PEN CHF SEK NOK DKK PLN CZK HUF RON RUB UAH TRY ILS SAR AED QAR KWD IRR IQD TWD "
        "MNT KPW ETB GHS TZS UGX XOF XAF MAD DZD TND"
    ).split()
)

# Codes that more often name something else when a number follows: "COP26" and
# "COP 28" (the climate summit), "RON95" and "RON 95" (a petrol grade).  Written
# against a number they are no currency, and a whole number below 100 after them is
# an identifier.
IDENTIFIER_CODES: Final[frozenset[str]] = frozenset({"COP", "RON"})

# Currency names whose plural is the singular ("5,000 baht"): a number above one
# counts them as it counts a plural.
INVARIANT_CURRENCY_NAMES: Final[frozenset[str]] = frozenset(
    "baht naira rand rupiah ringgit dong kwacha kyat tenge".split()
)

# Words after a number that make it a percentage ("20 percent", "20 per cent"),
# beside the sign "%"; in any case.  A space stands for one space character.
PERCENT_WORDS: Final[tuple[str, ...]] = ("percent", "per cent")

# --- hedges ---------------------------------------------------------------------------

# Hedges standing directly before a quantity ("about 300", "more than $5m"), in any
# case; a space stands for any run of whitespace.  The quantities stage gives the
# hedge in lower case with single spaces.
HEDGES: Final[tuple[str, ...]] = (
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
)

# Hedges that make a number that looks like a year a plain number ("more than 2000").
YEAR_HEDGES: Final[frozenset[str]] = frozenset(
    {"some", "up to", "more than", "nearly", "almost", "at least", "less than", "fewer than"}
)

# Hedges that are prepositions before a year or a duration, and then no hedge
# ("over 2016", "repaid over 10 years").
PREPOSITION_HEDGES: Final[frozenset[str]] = frozenset({"over", "under"})

# Words before which a four-digit number is a year whatever follows ("in 2016 North
# Korea"), in any case.
YEAR_PREPOSITIONS: Final[tuple[str, ...]] = (
    "in",
    "since",
    "until",
    "till",
    "before",
    "after",
    "during",
    "year",
    "early",
    "late",
    "mid",
)

# Prefixes joined to a year by a hyphen ("mid-2016", "pre-2000", "post-2008"), in
# lower case or Capitalised: the year is a quantity although a word comes before it.
YEAR_PREFIXES: Final[tuple[str, ...]] = ("mid", "pre", "post")

# --- what numbers count, and identifiers ----------------------------------------------

# Units of time: a number that counts one is a duration ("10 years", "a 10-day trip").
TIME_UNITS: Final[frozenset[str]] = frozenset(
    (
        "second seconds minute minutes hour hours day days week weeks month months year years "
        "decade decades century centuries"
    ).split()
)

# Plural nouns that do not end in -s, and nouns whose plural is the singular: a
# number above one counts only a noun that looks plural ("four remain trapped"
# counts nothing), and these do.
IRREGULAR_PLURALS: Final[frozenset[str]] = frozenset(
    (
        "people men women children police staff personnel cattle sheep fish feet teeth mice "
        "geese lice oxen dice media data criteria phenomena bacteria crew troops deer aircraft "
        "spacecraft livestock poultry offspring folk youth clergy swine alumni"
    ).split()
)

# Capitalised nouns that name one of a series: a number after one is an identifier
# ("Gate 7", "Article 5", "Route 66"), unless a lower-case noun follows that it
# counts ("Level 4 restrictions").
SERIES_NOUNS: Final[tuple[str, ...]] = tuple(
    (
        "Gate Flight Room Route Highway Platform Terminal Article Section Chapter Page "
        "Resolution Line Unit Block Building Apartment Suite Ward District Zone Phase Stage "
        "Level Round Game Channel Bus Train Seat Row Lane Exit Pier Berth Grade Class Group "
        "Team Tier Type Model Version"
    ).split()
)

# Marks before a number that is an identifier ("No. 442", "Number 10").
NUMBER_MARKS: Final[tuple[str, ...]] = ("No.", "no.", "Number")

# Marks before a list of numbers that are identifiers ("Nos. 3, 4 and 5").
LIST_NUMBER_MARKS: Final[tuple[str, ...]] = ("Nos.", "nos.")

# The suffixes of ordinals written in digits ("3rd", "24th"): a day of the month
# may take one ("March 3rd"); otherwise an ordinal is no quantity.
ORDINAL_SUFFIXES: Final[tuple[str, ...]] = ("st", "nd", "rd", "th")
