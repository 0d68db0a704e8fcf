"""Abbreviations, the words that open sentences, and the times of day.

Plain data; the stages build their patterns from it (see `corpuskit.lexicon`).
Abbreviations are written without their final full stop ("Calif", "e.g").  The
abbreviations of titles, name suffixes, months and days are in `names` and
`dates`.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "ANY_CASE_ABBREVIATIONS",
    "COMPANY_ABBREVIATIONS",
    "ENDING_ABBREVIATIONS",
    "MEASURE_ABBREVIATIONS",
    "PREPOSED_ABBREVIATIONS",
    "SENTENCE_OPENERS",
    "TIMES_OF_DAY",
    "US_STATE_ABBREVIATIONS",
]

# Abbreviations other than titles that stand before what they qualify, so that a
# full stop after one never ends a sentence ("Roe v. Wade", "e.g. rice",
# "Nos. 3 and 4", "N°. 12").  The splitter keeps them with the titles.
PREPOSED_ABBREVIATIONS: Final[frozenset[str]] = frozenset(
    "vs Vs v cf Cf viz e.g E.g i.e I.e N° Nº № Nos".split()
)

# The abbreviations of US states in newspaper style ("Calif.", "Pa.").  The splitter
# lets a full stop after one end a sentence only before a sentence opener.
US_STATE_ABBREVIATIONS: Final[frozenset[str]] = frozenset(
    (
        "Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn "
        "Miss Mo Mont Neb Nebr Nev Okla Ore Oreg Pa Penn Tenn Tex Va Vt Wash Wis Wyo"
    ).split()
)

# Other abbreviations, as written, that may end a sentence or not: places ("St",
# "Ave", "Mt"), references ("No", "Fig", "Vol", "Ed") and "Gov't", "et al".  The
# splitter lets a full stop after one end a sentence only before a sentence opener:
# "Co." ends "… Briggs & Co." but not "Co. executives".
ENDING_ABBREVIATIONS: Final[frozenset[str]] = frozenset(
    "St Mt Ft Ave Blvd Rd Hwy Sq No Art Fig Figs Vol Vols Ch Sec Op Ref Ed Eds Gov't al".split()
)

# The abbreviations of company forms, in lower case: they are written in any case
# ("Co.", "CO.", "co.").  The splitter compares them in lower case and lets a full
# stop after one end a sentence only before a sentence opener.
COMPANY_ABBREVIATIONS: Final[frozenset[str]] = frozenset("co inc corp ltd llc plc".split())

# Abbreviations of units of time and measure, in lower case ("3 hrs.", "2 lbs.").
# The splitter compares them in lower case and lets a full stop after one end a
# sentence only before a sentence opener.
MEASURE_ABBREVIATIONS: Final[frozenset[str]] = frozenset(
    "yr yrs mos hr hrs min mins sec secs wk wks lb lbs oz".split()
)

# Other abbreviations written in any case, in lower case ("etc.", "Dept.", "approx.").
# The splitter compares them in lower case and lets a full stop after one end a
# sentence only before a sentence opener.
ANY_CASE_ABBREVIATIONS: Final[frozenset[str]] = frozenset(
    "bros etc dept univ assn assoc intl natl approx est esp ca".split()
)

# Words that commonly open a sentence, as they are written there.  After an
# abbreviation that may end a sentence, the splitter takes one of these to show that
# it did ("… in the U.S. He said …"), where a name or a noun shows that it did not
# ("the U.S. Government", "Smith Jr. Kim").
SENTENCE_OPENERS: Final[frozenset[str]] = frozenset(
    (
        "I He She It They We You His Her Its Their Our My Your There Here "
        "The A An This That These Those Some Many Most Much More All Both Each Every Few "
        "Several Such Other Another Neither Either None "
        "But And Or So Yet Nor However Meanwhile Still Also Then Now Thus Instead Moreover "
        "Furthermore Nevertheless Nonetheless Indeed Although Though While Whereas Because "
        "Since If When Whenever Where After Before As Once Until Unless Despite According "
        "Earlier Later Last Next Today Yesterday Tomorrow Tonight Previously Currently "
        "Recently Finally Eventually Overall Even Only Just Perhaps Maybe Otherwise Already "
        "For In On At By From With Without Of To Under Over During Among Amid Against "
        "Between Following About Around Through Like Unlike Within "
        "Why What Who Whom Whose Which How Did Do Does Is Are Was Were Has Have Had Could "
        "Would Should Must Might Not Yes Please Let "
        "Mr Mrs Ms Dr Prof"
    ).split()
)

# The times of day, as abbreviated, without the final full stop ("6 p.m.").  The
# splitter lets a full stop after one end a sentence unless a day, a month or a time
# zone goes on with the time, or the sentence would be nothing but the time.
TIMES_OF_DAY: Final[frozenset[str]] = frozenset({"a.m", "p.m"})
