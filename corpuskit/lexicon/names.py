"""Honorifics, titles and the other small words of people's names.

Plain data; the stages build their patterns from it (see `corpuskit.lexicon`).
Abbreviations are written without their full stop ("Mr", "Lt").
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "ABBREVIATED_TITLES",
    "FEMALE_HONORIFICS",
    "HONORIFICS",
    "MALE_HONORIFICS",
    "NAME_PARTICLES",
    "NAME_SUFFIXES",
    "PERSON_HONORIFICS",
    "SOURCE_TITLES",
    "WORD_HONORIFICS",
]

# Honorifics and titles written as abbreviations before a name: forms of address
# ("Mr", "Mme", "Sra"), academic and professional titles ("Dr", "Prof", "Atty"),
# ranks ("Lt", "Col", "Sgt") and offices ("Sen", "Gov", "Amb"), with their plurals
# ("Drs", "Gens", "Messrs").  The splitter never ends a sentence at the full stop
# after one ("Lt. Col. Kim", "Sen. Warren").
ABBREVIATED_TITLES: Final[frozenset[str]] = frozenset(
    (
        "Mr Mrs Ms Mx Messrs Mmes Mme Mlle Dr Drs Prof Profs Gen Gens Lt Col Cols Maj Capt "
        "Cmdr Cdr Adm Sgt Cpl Pvt Pte Brig Cmdt Gov Govs Sen Sens Rep Reps Pres Amb Hon Rev "
        "Revs Fr Msgr Supt Insp Det Atty Rt Sra Srta"
    ).split()
)

# Honorifics written out in full before a name ("Sir Keir", "Queen Elizabeth").
# The quotes stage tells from some of them who "he" or "she" is (see
# `MALE_HONORIFICS`, `FEMALE_HONORIFICS`).
WORD_HONORIFICS: Final[frozenset[str]] = frozenset(
    "Sir Lord Lady King Queen Prince Princess Miss Madam".split()
)

# Every honorific and title that stands before a name: the abbreviated ones, those
# written in full, and "St" (Saint), which the splitter lists among the
# abbreviations that may end a sentence (`abbreviations.ENDING_ABBREVIATIONS`), as
# "St." is also a street.
HONORIFICS: Final[frozenset[str]] = ABBREVIATED_TITLES | WORD_HONORIFICS | {"St"}

# Honorifics that say a man is meant: the quotes stage lets "he" refer back to a
# mention that opens with one ("Mr. Kim", "Sir Keir") and "she" not.
MALE_HONORIFICS: Final[tuple[str, ...]] = ("Mr", "Sir", "Lord", "King", "Prince")

# Honorifics that say a woman is meant: the quotes stage lets "she" refer back to a
# mention that opens with one ("Ms. Tan", "Queen Elizabeth") and "he" not.
FEMALE_HONORIFICS: Final[tuple[str, ...]] = (
    "Ms",
    "Mrs",
    "Miss",
    "Madam",
    "Lady",
    "Queen",
    "Princess",
)

# Honorifics before which the quotes stage finds a person named in the text, with
# or without a full stop ("Ms. Tan", "Dr Lee"), for "he", "she" and "they".
PERSON_HONORIFICS: Final[tuple[str, ...]] = ("Mr", "Ms", "Mrs", "Dr", "Prof", "Miss", "Sir")

# Abbreviated titles that the quotes stage lets stand, with their full stop, in the
# noun phrase of a source ("Lt. Col. Kim said").
SOURCE_TITLES: Final[tuple[str, ...]] = (
    "Mr",
    "Ms",
    "Mrs",
    "Dr",
    "Prof",
    "Gen",
    "Col",
    "Lt",
    "Sgt",
    "Rep",
    "Sen",
    "Gov",
    "Capt",
    "Maj",
    "Adm",
    "Rev",
    "Fr",
    "St",
)

# Suffixes written after a name, as abbreviations ("Martin Luther King Jr.").  The
# splitter lets a full stop after one end a sentence only before a sentence opener,
# in any case ("JR." too).
NAME_SUFFIXES: Final[tuple[str, ...]] = ("Jr", "Sr")

# Lower-case particles inside a name ("Ursula von der Leyen", "Abu Bakr al Baghdadi"):
# the zones stage lets a byline's name hold them ("By Ursula von der Leyen").
NAME_PARTICLES: Final[tuple[str, ...]] = (
    "de",
    "van",
    "von",
    "der",
    "da",
    "di",
    "al",
    "bin",
    "la",
    "le",
)
