"""Months, days and time zones: the words of dates and times.

Plain data; the stages build their patterns from it (see `corpuskit.lexicon`).
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "DAYS",
    "DAY_ABBREVIATIONS",
    "MONTHS",
    "MONTH_ABBREVIATIONS",
    "TIME_ZONES",
    "TIME_ZONE_WORDS",
]

# The months, in order.  The quantities stage reads a month with a day as a date
# ("24 February", "March 3rd") and never counts one ("5 March" counts nothing); the
# splitter lets a time of day run on into one ("6 p.m. March 3"); the zones stage
# reads a past tense with a month ("rose in May") as a lede, not a headline.
MONTHS: Final[tuple[str, ...]] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# The months as abbreviated, without the full stop ("Feb." is "Feb"): May is not
# abbreviated, September is both "Sep" and "Sept".  The quantities stage reads them
# in dates ("Feb. 24") and never counts one; the splitter lets a full stop after one
# end a sentence only before a sentence opener, and a time of day run on into one.
MONTH_ABBREVIATIONS: Final[tuple[str, ...]] = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
)

# The days of the week, Monday first.  The splitter lets a time of day run on into
# one ("6 p.m. Tuesday"); the quantities stage never counts one; the zones stage takes
# a day ("on Monday") for what a lede says and a headline leaves out.
DAYS: Final[tuple[str, ...]] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)

# The days as abbreviated, without the full stop, each form in use ("Tue" and
# "Tues").  The splitter lets a full stop after one end a sentence only before a
# sentence opener, and a time of day run on into one ("6 p.m. Tues.").
DAY_ABBREVIATIONS: Final[tuple[str, ...]] = (
    "Mon",
    "Tue",
    "Tues",
    "Wed",
    "Thu",
    "Thur",
    "Thurs",
    "Fri",
    "Sat",
    "Sun",
)

# Time zones written as abbreviations.  The splitter lets a time of day run on into
# one ("6 p.m. KST"; it also takes any capitals ending in "T", "ST" or "DT" for
# one); the quantities stage never counts one ("9 GMT" counts nothing).
TIME_ZONES: Final[tuple[str, ...]] = ("UTC", "GMT", "KST", "EST", "PST", "BST", "CET", "JST")

# Words that name a time zone, Capitalised ("Eastern", "Local").  The splitter lets a
# time of day run on into one ("6 p.m. Eastern"); it also lets any word before "time"
# do so ("6 p.m. Seoul time").
TIME_ZONE_WORDS: Final[tuple[str, ...]] = (
    "Eastern",
    "Central",
    "Mountain",
    "Pacific",
    "Greenwich",
    "Local",
)
