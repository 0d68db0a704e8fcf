r"""Text → quantities: the numbers a text states, with their exact values.

`find_quantities` reads a stretch of text (a sentence, a paragraph, a caption)
and returns every `Quantity` in it, in order, never overlapping.  A quantity's
``start``/``end``/``text`` cover the numeric expression from its first currency
mark or number to its last number, multiplier or unit (``$10m and $40m``,
``RMB 2,000–3,000``, ``two or three``, ``50%``, ``10 million yuan``); the hedge
before it (``about``) and the noun it counts (``North Koreans``) are separate
spans that lie outside it.  ``docs/claims.md`` states the conventions; the
details:

Numbers
    Digits with thousands separators and decimals (``2,000``, ``3.5``);
    multipliers attached (``10m``, ``1.5bn``, ``3mn``, ``2tn``; ``b`` and ``k``
    only after a currency mark) or spaced (``3 million``, ``10 thousand``,
    ``2 dozen``); spelled numbers from ``zero`` to ``trillion``, hyphenated or
    not (``twenty-five``, ``twenty five``, ``two hundred and fifty``), and
    ``a dozen`` / ``a hundred`` / ``a thousand`` / ``a million`` / ``a billion``,
    in lower case or Capitalised (``Two``, not ``TWO``).  Values are exact
    `decimal.Decimal`; a multiplied value that is a whole number is written
    without a fraction (``1.5bn`` → ``1500000000``).  An expression may run over
    a line break (wrapped paragraphs).

Ranges
    ``10-20`` (hyphen, en or em dash), ``X to Y``, ``X or Y``, ``between X and
    Y`` (``between`` and ``from`` stay outside the span).  A range needs
    ``low <= high``: ``from 20 to 10`` is two numbers, and a dash between a
    larger and a smaller number (a score, ``3-1``) is not a quantity at all,
    except ``2019-20``, a range of years.  A multiplier or unit written once
    applies to both ends (``$10-40m``, ``10-20%``, ``RMB 2,000–3,000``) when the
    bare end is the smaller number (``3 to 5 million`` is 3–5 million, ``500 to
    2 million`` keeps 500); a unit written after the first end only is not
    shared (``10% to 20 firms`` is two quantities).  Three or more numbers
    joined by dashes or slashes (phone numbers, ISO dates) are not quantities.

Units
    ``$`` / ``US$`` / ``USD`` / ``dollars`` → ``USD``; ``RMB`` / ``CNY`` /
    ``yuan`` / ``renminbi`` → ``RMB``; ``€`` / ``EUR`` / ``euro(s)`` → ``EUR``;
    ``£`` / ``GBP`` → ``GBP``; ``¥`` / ``JPY`` / ``yen`` → ``JPY``; ``₩`` /
    ``KRW`` / ``won`` → ``KRW``; ``HK$`` / ``HKD`` → ``HKD``; ``%`` /
    ``percent`` / ``per cent`` → ``percent``; the ISO 4217 codes common in news
    (``KES``, ``NGN``, ``ZAR``, ``INR``, ``AUD``, ``CHF``, ``AED``… 53 of them,
    see `lexicon.numbers`) stay as written.  Codes stand before or after the number,
    spaced or not (``RMB3,000``; but ``COP26`` and ``RON95`` are names, and so
    are ``COP 28`` and ``RON 95``: a whole number below 100 after them is no
    quantity); currency words stand after it.

Hedges
    ``about``, ``approximately``, ``around``, ``roughly``, ``some``, ``up to``,
    ``more than``, ``over``, ``nearly``, ``almost``, ``at least``, ``less
    than``, ``fewer than``, ``under`` directly before the expression (any case;
    ``hedge`` is lower case with single spaces).  A date takes no hedge, and
    ``over`` and ``under`` before a duration are prepositions, not hedges
    (``repaid over 10 years``).

Counted nouns
    After a plain number or range (money and percentages count nothing): a
    run of up to five Capitalised words (``60,000 North Koreans``), else one
    lower-case word that is not a function word, a verb form in ``-ing`` /
    ``-ed``, a time word (``ago``, ``later``) or a number word.  When that word
    is not a regular plural and the next one, on the same line, is a plural
    lower-case word that passes the same tests, the two make a compound
    (``14 police stations``, ``five new cases``).  A number above one counts
    only a noun that looks plural: one ending in ``s`` but not ``ss``, ``us``
    or ``is``, an irregular plural (``people``, ``fishermen``, ``children``,
    ``police``, ``staff``, ``sheep``… see `lexicon.numbers`) or a time unit
    (``a 10 year loan``); else it counts nothing (``four remain trapped``).  A
    time unit (``day``, ``week``, ``month``, ``year``, ``hour``, ``minute``,
    ``second``, ``decade``, ``century`` and plurals) as the head makes the kind
    ``duration``, also in hyphenated compounds (``10-day``, ``three-year-old``
    count ``day`` / ``year``).

Kinds
    ``money`` / ``percent`` by unit; ``date`` for a month name or abbreviation
    with a day (``Feb. 24``, ``March 3rd``, ``24 February``, ``Feb. 24-26``,
    ``June 5, 2020``): the whole date is the span, ``low``/``high`` are the day
    numbers and an attached year is part of the span (it is not a separate
    ``year``); ``duration`` for counted time units; ``count`` for any other
    counted noun; ``year`` for a plain four-digit number 1800–2100 (no
    separator, unit or multiplier) that counts nothing — after ``in``,
    ``since``, ``until``, ``till``, ``before``, ``after``, ``during``,
    ``year``, ``early``, ``late``, ``mid`` it is a year whatever follows, and a
    Capitalised run never makes it a count (``in 2016 North Korea``); ``number``
    otherwise.  A year-like number hedged by ``more than``, ``up to``, ``at
    least``, ``some``, ``nearly`` and the like is a ``number``; ``over`` and
    ``under`` before a year are prepositions and are dropped.

Not quantities
    Digits inside words and identifiers (``COVID-19``, ``G7``, ``F-16``,
    ``3D``, ``mp3``, ``1990s``), ordinals (``3rd``, ``second``), times, ratios
    and dates written with ``:`` or ``/`` (``10:30``, ``24/7``, ``9/11``),
    numbers with a leading zero (``010``) or more than 20 digits, indefinite
    amounts (``a month``, ``a few``, ``several``, ``dozens``, ``hundreds``), a
    bare ``hundred``/``thousand``/``million``, and the word ``one`` standing
    alone (``one source said``: a determiner) unless it has a unit, a range
    (``one or two``) or a time-unit compound (``one-day``).  Spelled numbers
    in other compounds (``two-thirds``, ``twenty-first``) are not quantities;
    digits in them are numbers (``a 12-member delegation``).  List labels: a
    number of up to three digits in brackets, before a word, at the start of
    the window or a line or after ``:``, ``,``, ``;``, a full stop, ``and`` or
    ``or`` (``three parts: (1) new wells, (2) seed grants and (3) a road``).
    Identifiers: a number or range after ``No.``, ``Number`` or ``Nos.`` (with
    the numbers listed after it: ``Nos. 3, 4 and 5``), or directly after a
    Capitalised noun that names one of a series (``Gate 7``, ``Article 5``,
    ``Route 66``, ``Channel Four``; see `lexicon.numbers`) unless a lower-case
    counted noun follows (``Level 4 restrictions`` is a count).

Every pattern here is linear: possessive quantifiers wherever a match could
back off, lookbehinds that stop a scan from starting inside a number or word,
and what stands before a number (a hedge, a currency mark, a month name) read
by matching backwards from it, so that each costs only the length of its match;
identifiers and list labels are checked by looking up the few characters before
the number.
"""

from __future__ import annotations

import decimal
import re
from typing import Any

import regex

from corpuskit.lexicon import speech
from corpuskit.lexicon.abbreviations import TIMES_OF_DAY
from corpuskit.lexicon.dates import DAYS, MONTH_ABBREVIATIONS, MONTHS, TIME_ZONES
from corpuskit.lexicon.numbers import (
    ATTACHED_MULTIPLIERS,
    CURRENCY_CODE_ALIASES,
    CURRENCY_CODES,
    CURRENCY_NAMES,
    CURRENCY_SYMBOLS,
    GROUP_WORDS,
    HEDGES,
    IDENTIFIER_CODES,
    INVARIANT_CURRENCY_NAMES,
    IRREGULAR_PLURALS,
    ISO_CURRENCY_CODES,
    LIST_NUMBER_MARKS,
    MONEY_ONLY_MULTIPLIERS,
    NUMBER_MARKS,
    ONES,
    ORDINAL_SUFFIXES,
    PERCENT_WORDS,
    PREPOSITION_HEDGES,
    SCALES,
    SERIES_NOUNS,
    SPACED_MULTIPLIERS,
    TEENS,
    TENS,
    TIME_UNITS,
    YEAR_HEDGES,
    YEAR_PREFIXES,
    YEAR_PREPOSITIONS,
)
from corpuskit.model.errors import SpanError
from corpuskit.model.quantities import Quantity, QuantityKind
from corpuskit.model.spans import Span
from corpuskit.stages.alternation import alternation

__all__ = ["find_quantities"]


# --- words and values ---------------------------------------------------------------------

# Every word here comes from `corpuskit.lexicon.numbers` (and the calendar words from
# `corpuskit.lexicon.dates`): this module keeps no list of its own but the words a
# number does not count.
_TENS = TENS
_SMALL = {**ONES, **TEENS}
_SCALES = SCALES
_NUMBER_WORDS = frozenset({*_SMALL, *_TENS, *_SCALES, *GROUP_WORDS})
_ARTICLE_SCALES = frozenset({*_SCALES, *GROUP_WORDS})
_ATTACHED_FACTOR = ATTACHED_MULTIPLIERS
_SPACED_FACTOR = {**GROUP_WORDS, **SPACED_MULTIPLIERS, **_SCALES}
# Currency marks, codes and names → the code a quantity's unit holds (a code not here
# is its own).
_CURRENCY = {**CURRENCY_SYMBOLS, **CURRENCY_CODE_ALIASES, **CURRENCY_NAMES}
_TIME_UNITS = TIME_UNITS
# Words that a number does not count: function words, auxiliaries and common verbs,
# adverbs, time words, and from the lexicon calendar names, time zones, number words and
# the words of units.
_NOT_COUNTED = frozenset(
    (
        "a an the this that these those which who whom whose what when where while why how "
        "and or but nor if then than so as yet also too very only just even still already "
        "not no never ever again alone each every all both either neither some any many much "
        "more most less least fewer few several such other others another own same last next "
        "i me my we us our you your he him his she her it its they them their there here "
        "at by for from in into of off on onto out over to under up upon with within without "
        "about above across after against along among amid around before behind below beneath "
        "beside besides between beyond during except inside near outside past per since "
        "through throughout toward towards until till via versus vs despite like unlike "
        "approximately roughly nearly almost "
        "is are was were be been being am has have had having do does did will would shall "
        "should can could may might must ought got get gets "
        "went go goes came come comes fled left made make makes took take takes saw see "
        "ago earlier later today tonight tomorrow yesterday now once twice apiece "
        "respectively altogether overall total abroad overseas away back down "
        "percentage points point times dollar"
    ).split()
).union(
    # "three people said": "say" and "tell" are never what is counted (other
    # reporting verbs are also nouns: "12 states", "two reports").
    (f for lemma in ("say", "tell") for f in speech.REPORTING_VERBS[lemma].forms),
    _NUMBER_WORDS,
    (w.lower() for w in (*MONTHS, *MONTH_ABBREVIATIONS, *DAYS, *TIME_ZONES)),
    (t.replace(".", "") for t in TIMES_OF_DAY),
    (w.lower() for name in (*CURRENCY_NAMES, *PERCENT_WORDS) for w in name.split()),
    (c.lower() for c in CURRENCY_CODES),
)
# Plural nouns that do not end in -s, and nouns whose plural is the singular.  A number
# above one counts only a noun that looks plural: "four remain trapped" counts nothing.
_IRREGULAR_PLURALS = IRREGULAR_PLURALS | INVARIANT_CURRENCY_NAMES
# Hedges that make a year-like number a plain number, and those dropped before a year.
_NUMBER_HEDGES = YEAR_HEDGES
_PREPOSITION_HEDGES = PREPOSITION_HEDGES

_CTX = decimal.Context(prec=80)
_ONE = decimal.Decimal(1)
_MAX_DIGITS = 20

# --- patterns -------------------------------------------------------------------------------


def _trie(words: list[str], *, capitals: bool = False) -> str:
    """Return an alternation of ``words`` sharing prefixes, each branch opening with a literal."""
    heads: dict[str, list[str]] = {}
    for w in words:
        heads.setdefault(w[0], []).append(w[1:])
    branches = []
    for head, tails in sorted(heads.items()):
        rest = [t for t in tails if t]
        inner = _trie(rest) if rest else ""
        if not inner:
            body = ""
        elif "" in tails:
            body = f"(?:{inner})?"
        else:
            body = f"(?:{inner})"
        branches.append(head + body)
        if capitals:
            branches.append(head.upper() + body)
    return "|".join(branches)


# Whitespace inside an expression: spaces, or one line break (wrapped paragraphs).
_GAP = r"(?:[^\S\r\n]++(?:(?:\r\n?|\n)[^\S\r\n]*+)?|(?:\r\n?|\n)[^\S\r\n]*+)"
# Currency codes: those the seeds use, then the ISO 4217 codes common in news.  A code
# may be written against the number ("RMB3,000"), except those that more often name
# something else there ("COP26", the climate summit; "RON95", a petrol grade).
_ALL_CODES = (*CURRENCY_CODES, *ISO_CURRENCY_CODES)
_CODES = _trie(list(_ALL_CODES))
_ATTACHED_CODES = _trie([c for c in _ALL_CODES if c not in IDENTIFIER_CODES])
# "COP 28", "RON 95": a small whole number after these codes is an identifier.
_IDENT_CODES = IDENTIFIER_CODES
# Currency names after a number ("US dollars" over a line break too), and codes.
_CUR_WORDS = alternation(CURRENCY_NAMES, space=_GAP) + f"|{_CODES}"
# "per cent", "percent", in any case.
_PERCENT = "(?i:" + alternation(PERCENT_WORDS, space=r"[^\S\r\n]") + ")"
_MONTH = rf"(?:(?:{alternation(MONTHS)})|(?:{alternation(MONTH_ABBREVIATIONS)})\.?)(?!\w)"


def _backward(pattern: str) -> Any:
    """Compile a verbose pattern that matches backwards, ending at ``match``'s ``endpos``.

    What stands before a number (a hedge, a currency mark, a month) is read by
    matching backwards from it: the cost is the length of the match, however
    long the text before it.
    """
    return regex.compile(pattern, regex.REVERSE | regex.VERBOSE)


# A year after a prefix and a hyphen ("mid-2016", "Pre-2000"), seen from its first digit.
_YEAR_PREFIXED = "|".join(
    rf"(?<=[{p[0].upper()}{p[0]}]{re.escape(p[1:])}-[0-9])" for p in YEAR_PREFIXES
)

# Where numbers begin.  Scanning is most of the cost on ordinary text (most sentences
# hold no number), so it is split into two passes the engine runs fast, each opening
# with a literal or a character class it can skip ahead to, and each run lazily, from
# where the finder has got to.  One pass finds the words after a space: there is a
# space every few characters, so each attempt there must fail fast, and the pattern
# tests the first letter against a character class, then the rest of the word against
# a trie of the words' tails (every branch opens with a literal, which the engine tests
# cheaply).  That admits a few non-words ("dillion"), which `_WORD_FORMS` then turns
# away.  The other pass finds, at once, a digit that is not inside a word, number or
# identifier ("G7", "COVID-19", "1,2", "24/7") and a number word after any other
# character that may open one.  A number word at the very start of the window is
# looked for once.
_WORD_TRIE = _trie(sorted(_NUMBER_WORDS), capitals=True)
_WORD_FORMS = frozenset(_NUMBER_WORDS) | frozenset(w.capitalize() for w in _NUMBER_WORDS)
_WORD_HEADS = "".join(sorted({w[0] for w in _WORD_FORMS}))
_WORD_TAILS = _trie(sorted({w[1:] for w in _NUMBER_WORDS}))
_SPACED_WORDS = re.compile(rf" [{_WORD_HEADS}](?:{_WORD_TAILS})(?!\w)")
_OPENERS = "\n\r\t\u00a0\u2009\u202f([{“\"‘'—–/*…"
_DIGIT_OR_WORD = re.compile(
    rf"""[0-9{re.escape(_OPENERS)}](?:
        (?<=[0-9])(?<![0-9].)(?:                  # a digit, not after a digit (fast)
            (?<![\w.,/:@\#].)(?<!\w-.)
            |(?<=(?:{_ATTACHED_CODES})[0-9])                # "RMB3,000"
            |{_YEAR_PREFIXED}                               # "mid-2016"
        )
        |(?<![0-9])(?P<word>{_WORD_TRIE})(?!\w)             # a word after an opener
    )""",
    re.VERBOSE,
)
_WORDS_AT = re.compile(rf"(?:{_WORD_TRIE})(?!\w)")
# The first three letters of the number words ("one", "two", "six", "ten" are the
# shortest): what the window must open with for `_WORDS_AT` to be worth trying.
_WORD_PREFIXES = frozenset(w[:3] for w in _WORD_FORMS)

# What may stand directly before a number, each read backwards from it: a currency
# mark, a hedge, "between", a preposition that introduces years, a month name, the
# "a" of "a dozen".  Each is tried only when the characters before the number allow
# it (see `_HEDGE_ENDS` and the like), which keeps ordinary numbers cheap.
_SPACE = r"(?:[^\S\r\n]|\r?\n|\r)"  # one space or line break
# A currency mark: those of more than one character ("US$") first.
_MARKS = (
    alternation(m for m in CURRENCY_SYMBOLS if len(m) > 1)
    + "|["
    + "".join(re.escape(m) for m in CURRENCY_SYMBOLS if len(m) == 1)
    + "]"
)
# (Any three capitals, checked against `_CODE_SET` after: a trie of the codes would be
# slow read backwards, as every branch opens with a different first letter.)
_CUR_BEFORE = _backward(rf"(?:(?<![\w$])(?P<m>{_MARKS})|\b(?P<c>[A-Z]{{3}})){_SPACE}?")
_CODE_SET = frozenset(_ALL_CODES)
_CUR_LASTS = frozenset(m[-1] for m in CURRENCY_SYMBOLS).union(c[-1] for c in _ALL_CODES)
_HEDGE = _backward(r"\b(?P<h>(?i:" + alternation(HEDGES, space=r"\s++") + r"))\s++")
# How the hedges end: "about" → "ut", "roughly" → "ly", "at least" → "st"…, each with
# the last words of the hedges that end so ("st": "almost", "least").
_HEDGE_ENDS: dict[str, tuple[str, ...]] = {}
for _h in HEDGES:
    _HEDGE_ENDS[_h[-2:]] = tuple(sorted({*_HEDGE_ENDS.get(_h[-2:], ()), _h.split()[-1]}))
del _h
# Identifiers: a number after "No." or "Number", or after a Capitalised noun that
# names one of a series ("Gate 7", "Article 5").
# Each word by its last three characters, which `_at` reads before calling `_identifier`.
_IDENT_WORDS: dict[str, list[tuple[str, str]]] = {}
for _w, _group in (
    *((w, "list") for w in LIST_NUMBER_MARKS),
    *((w, "mark") for w in NUMBER_MARKS),
    *((w, "noun") for w in SERIES_NOUNS),
):
    _IDENT_WORDS.setdefault(_w[-3:], []).append((_w, _group))
del _w, _group
# More numbers after "Nos. 3": ", 4", " and 5".
_ID_CHAIN = re.compile(
    r"(?:(?:[^\S\r\n]?[,&][^\S\r\n]?|[^\S\r\n]++(?:and|or)[^\S\r\n]++)[0-9]++)*+"
)
_BETWEEN = _backward(r"\b(?i:between)\s++")
_YEAR_PREP = _backward(
    rf"\b(?:(?i:{alternation(YEAR_PREPOSITIONS)})\s++|(?i:{alternation(YEAR_PREFIXES)})-)"
)
_MONTH_BEFORE = _backward(rf"(?<![\w.]){_MONTH}[^\S\r\n]++")
# The last characters of month names, and the full stop of an abbreviation.
_MONTH_LASTS = frozenset(m[-1] for m in (*MONTHS, *MONTH_ABBREVIATIONS)) | {"."}
_ARTICLE = _backward(rf"(?<![\w-])[Aa]{_GAP}")
# A number in digits and everything that may follow it, in one match: a multiplier,
# attached or spaced, then a unit.
_NUMBER = re.compile(
    rf"""
    (?P<n>(?:[0-9]{{1,3}}(?:,[0-9]{{3}})++|[0-9]++)(?:\.[0-9]++)?)
    (?:(?P<att>{alternation(_ATTACHED_FACTOR)})(?!\w)
      |{_GAP}(?P<mult>(?i:{alternation(_SPACED_FACTOR)}))(?!\w)
        (?:{_GAP}(?P<mult2>(?i:{alternation(_SCALES)}))(?!\w))?
    )?
    (?P<unit>[^\S\r\n]?%|{_GAP}(?:{_PERCENT}|(?P<cur>{_CUR_WORDS}))(?!\w))?
    """,
    re.VERBOSE,
)
# One number word ("twenty-five" is one), and what may join the next ("and").  The
# words are tries: with case ignored the engine cannot test a branch's first letter
# cheaply, so fewer branches make the usual failed match faster.  (A word must end where
# its letters do, so a trie matches what a list of the words, longest first, would.)
_DIGIT_WORDS = _trie(sorted(w for w, v in ONES.items() if v > 0))
_ONE_WORD = rf"(?i:(?:{_trie(sorted(_TENS))})-(?:{_DIGIT_WORDS})|{_trie(sorted(_NUMBER_WORDS))})"
_WORD_NUM = re.compile(rf"{_ONE_WORD}(?!\w)")
# The next word of a spelled number: the first has no space before it (it starts where a
# word does), each other one has (what stands after a word is no letter).
_NEXT_NUM = re.compile(rf"(?:{_GAP}(?:(?P<and>(?i:and)){_GAP})?)?(?P<word>{_ONE_WORD})(?!\w)")
# A unit after a spelled number ("two percent", "ten million dollars").
_UNIT_AFTER = re.compile(rf"[^\S\r\n]?%|{_GAP}(?:{_PERCENT}|(?P<cur>{_CUR_WORDS}))(?!\w)")
# What joins the two ends of a range, and the currency mark of the second end.
_RANGE_SEP = re.compile(rf"(?P<dash>[^\S\r\n]?[-–—][^\S\r\n]?)|{_GAP}(?P<word>to|or|and){_GAP}")
# How those words begin: what must follow a single space for `_RANGE_SEP` to be tried.
_RANGE_HEADS = frozenset({"to", "or", "an"})
_CUR_AT = re.compile(rf"(?:(?P<m>{_MARKS})|(?P<c>{_CODES})){_SPACE}?(?=[0-9])")
_CHAIN = re.compile(r"[^\S\r\n]?[-–—/][^\S\r\n]?[0-9]")
# Dates: the rest of "Feb. 24" after the day (an ordinal suffix, a second day, a
# year), or the month after the day in "24 February".
_ORDINAL = rf"(?:{alternation(ORDINAL_SUFFIXES)})"
# The first letters of the ordinal suffixes: what may follow a day of the month ("3rd").
_ORDINAL_HEADS = frozenset(s[0] for s in ORDINAL_SUFFIXES)
_YEAR_TAIL = rf"(?:,?{_GAP}(?:1[89][0-9]{{2}}|20[0-9]{{2}})(?![\w]|[.,:/][0-9]))?"
_DATE_TAIL = re.compile(
    rf"{_ORDINAL}?(?![\w]|[.,:/][0-9])"
    rf"(?:[-–—](?P<day2>3[01]|[12][0-9]|0?[1-9]){_ORDINAL}?(?![\w]|[.,:/-][0-9]))?" + _YEAR_TAIL
)
_MONTH_AFTER = re.compile(rf"{_ORDINAL}?{_GAP}(?:of{_GAP})?{_MONTH}" + _YEAR_TAIL)
# What may follow a day before its month: a space, then a month's first letter or "of".
_MONTH_NEXT = frozenset(m[0] for m in (*MONTHS, *MONTH_ABBREVIATIONS)) | set("o \t\u00a0\n\r")
# Counted nouns: the next word, and the words of a Capitalised run.
_WORD = r"[^\W\d_]++(?:['’-][^\W\d_]++)*+"
_NEXT_WORD = re.compile(rf"{_GAP}({_WORD})")
_NEXT_CAP = re.compile(rf"[^\S\r\n]({_WORD})")
_LETTERS = re.compile(r"[^\W\d_]++")
# The lower-case words that may follow "one" in a quantity: another number word, "and",
# the words of a range, a percentage or a currency.  Before any other, "one" alone is a
# determiner ("one source said"), the commonest number word of all.
_AFTER_ONE = frozenset(
    {*_NUMBER_WORDS, "and", "to", "or"}
    | {w.split()[0].lower() for w in PERCENT_WORDS}
    | {w.split()[0] for w in CURRENCY_NAMES}
)


# --- trusted construction -----------------------------------------------------------------

_new = object.__new__
_slots = {**vars(Span), **vars(Quantity)}
_set_start = _slots["start"].__set__
_set_end = _slots["end"].__set__
_set_text = _slots["text"].__set__
_set_kind = _slots["kind"].__set__
_set_low = _slots["low"].__set__
_set_high = _slots["high"].__set__
_set_unit = _slots["unit"].__set__
_set_hedge = _slots["hedge"].__set__
_set_hedge_span = _slots["hedge_span"].__set__
_set_counted = _slots["counted"].__set__


def _span(text: str, start: int, end: int) -> Span:
    # Offsets computed here are right by construction: skip Span's checks.
    s = _new(Span)
    _set_start(s, start)
    _set_end(s, end)
    _set_text(s, text[start:end])
    return s


def _quantity(
    text: str,
    start: int,
    end: int,
    kind: QuantityKind,
    *,
    low: decimal.Decimal,
    high: decimal.Decimal,
    unit: str | None = None,
    hedge: tuple[str, int, int] | None = None,
    counted: tuple[int, int] | None = None,
) -> Quantity:
    q = _new(Quantity)
    _set_start(q, start)
    _set_end(q, end)
    _set_text(q, text[start:end])
    _set_kind(q, kind)
    _set_low(q, low)
    _set_high(q, high)
    _set_unit(q, unit)
    if hedge is None:
        _set_hedge(q, None)
        _set_hedge_span(q, None)
    else:
        _set_hedge(q, hedge[0])
        _set_hedge_span(q, _span(text, hedge[1], hedge[2]))
    _set_counted(q, None if counted is None else _span(text, counted[0], counted[1]))
    return q


# --- reading one number -------------------------------------------------------------------


class _Num:
    """One number as read: where it lies, its value before and after scaling, its unit."""

    __slots__ = (
        "base",
        "compound",
        "end",
        "factor",
        "lone_one",
        "start",
        "unit",
        "unit_after",
        "year",
    )

    def __init__(self, start: int, end: int, base: decimal.Decimal, unit: str | None) -> None:
        self.start = start  # the currency mark, else the number
        self.end = end  # after the number, its multiplier and unit
        self.base = base  # the value as written, before any multiplier
        self.factor = 1  # the multiplier
        self.unit = unit
        self.unit_after = False  # the unit is written after the number ("300 yuan")
        self.year = False  # a plain four-digit 1800–2100
        self.lone_one = False  # the word "one" alone
        # A hyphenated lower-case word after the number: (start, end, is a time unit).
        self.compound: tuple[int, int, bool] | None = None


def _scaled(value: decimal.Decimal, factor: int) -> decimal.Decimal:
    if factor == 1:
        return value
    out = _CTX.multiply(value, decimal.Decimal(factor))
    if out == out.to_integral_value(context=_CTX):
        out = out.quantize(_ONE, context=_CTX)
    return out


def _currency_word(word: str) -> str:
    """Return the code of a currency written after a number ("yuan", "US dollars", "EUR")."""
    return _CURRENCY.get(" ".join(word.split()), word)


def _compound(text: str, q: int, end: int) -> tuple[int, int, bool] | int | None:
    """Read ``-word`` after a number at ``q``: None if there is none, -1 if capitalised."""
    if q + 1 >= end or text[q] != "-":
        return None
    m = _LETTERS.match(text, q + 1, end)
    if m is None or _WORD_NUM.match(text, q + 1, end):
        return None  # "-20" or "-three": a range, read elsewhere
    word = m.group()
    if not word[0].islower():
        return -1
    return (q + 1, m.end(), word in _TIME_UNITS)


# The values of the numbers written most (small counts, years), made once: looking one
# up costs less than building it.
_DECIMALS = {str(i): decimal.Decimal(i) for i in range(2101)}


def _read_digits(
    text: str, m: re.Match[str], end: int, prefix: int, unit: str | None
) -> _Num | int:
    """Read the number `_NUMBER` matched; return where to resume if it is none."""
    token, att, mult, mult2, unit_text, cur = m.groups()  # in the order they open
    q = m.end(1)  # the digits
    if len(token) > _MAX_DIGITS and len(token) - token.count(",") - token.count(".") > _MAX_DIGITS:
        return q
    if token[0] == "0" and len(token) > 1 and token[1] != ".":
        return q  # "007", "010-…"
    nxt = text[q] if q < end else " "
    if nxt in ".,:/" and q + 1 < end and "0" <= text[q + 1] <= "9":
        return q  # "1,23", "3.5.1", "10:30", "24/7"
    if att is None and (nxt.isalnum() or nxt == "_"):
        return q  # "3D", "3rd", "1990s", "10km"
    if att in MONEY_ONLY_MULTIPLIERS and unit is None:
        return m.end("att")  # "3b", "5k" without a currency: identifiers
    value = _DECIMALS.get(token)
    if value is None:
        value = decimal.Decimal(token.replace(",", ""))
    num = _Num(prefix, q, value, unit)
    if att is not None or mult is not None:
        _multiply(num, m, att, mult, mult2)
    if unit is None and num.factor == 1 and len(token) == 4 and token.isdigit():
        num.year = 1800 <= int(token) <= 2100
    if num.end < end and text[num.end] == "-":
        comp = _compound(text, num.end, end)
        if comp == -1:
            return num.end  # "3-D"
        if isinstance(comp, tuple):
            num.compound = comp
            return num
    if unit is None and unit_text is not None and not (cur == "won" and num.year):
        # ("won" after a year is a verb: "who in 2017 won the election")
        num.unit = "percent" if cur is None else _currency_word(cur)
        num.unit_after = True
        num.year = False
        num.end = m.end()
    return num


def _multiply(
    num: _Num, m: re.Match[str], att: str | None, mult: str | None, mult2: str | None
) -> None:
    """Apply the multiplier `_NUMBER` matched after ``num``."""
    if att is not None:
        num.factor = _ATTACHED_FACTOR[att]
        num.end = m.end("att")
    elif mult is not None:
        num.factor = _SPACED_FACTOR[mult.lower()]
        num.end = m.end("mult")
        if mult2 is not None:
            num.factor *= _SPACED_FACTOR[mult2.lower()]
            num.end = m.end("mult2")


# The spelled-number grammar: (state, word class, after "and") → next state.  States:
# "unit", a number below 100 that is complete ("five", "fifteen", "twenty-five");
# "tens", which a digit word may complete ("twenty five"); "hundred"; "scale" (after
# thousand, million…); "end", which takes nothing more.  After "and" ("hundred and
# fifty") only a larger scale may follow ("… and fifty thousand"), so that "between
# two hundred and three hundred" reads two numbers.
_GRAMMAR = {
    ("", "zero", False): "end",
    ("", "digit", False): "unit",
    ("", "teen", False): "unit",
    ("", "tens", False): "tens",
    ("a", "hundred", False): "hundred",
    ("a", "dozen", False): "end",
    ("a", "scale", False): "scale",
    ("unit", "hundred", False): "hundred",
    ("unit", "dozen", False): "end",
    ("unit", "scale", False): "scale",
    ("tens", "digit", False): "unit",
    ("tens", "hundred", False): "hundred",
    ("tens", "dozen", False): "end",
    ("tens", "scale", False): "scale",
    ("hundred", "digit", False): "unit",
    ("hundred", "teen", False): "unit",
    ("hundred", "tens", False): "tens",
    ("hundred", "scale", False): "scale",
    ("scale", "digit", False): "unit",
    ("scale", "teen", False): "unit",
    ("scale", "tens", False): "tens",
    ("hundred", "digit", True): "and-unit",
    ("hundred", "teen", True): "and-unit",
    ("hundred", "tens", True): "and-tens",
    ("scale", "digit", True): "and-unit",
    ("scale", "teen", True): "and-unit",
    ("scale", "tens", True): "and-tens",
    ("and-tens", "digit", False): "and-unit",
    ("and-tens", "scale", False): "scale",
    ("and-unit", "scale", False): "scale",
}
_CLASS: dict[str, tuple[str, int]] = {
    "zero": ("zero", 0),
    **{w: (w, v) for w, v in GROUP_WORDS.items()},  # "hundred", "dozen"
    **{w: ("digit", v) for w, v in _SMALL.items() if 0 < v < 10},
    **{w: ("teen", v) for w, v in _SMALL.items() if v >= 10},
    **{w: ("tens", v) for w, v in _TENS.items()},
    **{w: ("scale", v) for w, v in _SCALES.items()},
}


def _word_class(word: str) -> tuple[str, int]:
    if "-" in word:  # "twenty-five" is one number below 100
        tens, _, unit = word.partition("-")
        return "teen", _TENS[tens] + _SMALL[unit]
    return _CLASS[word]


def _spell(text: str, p: int, end: int, article: bool) -> tuple[int, int, int] | int:
    """Parse the number words from ``p``: (value, end, words) or where to resume."""
    total, group, top = 0, int(article), 10**13
    state = "a" if article else ""
    best: tuple[int, int, int] | None = None
    before_and: tuple[int, int, int] | None = None
    q, words = p, 0
    while True:
        wm = _NEXT_NUM.match(text, q, end)  # the first word at ``p``; each other after a space
        if wm is None:
            break
        has_and = wm.group("and") is not None
        cls, value = _word_class(wm.group("word").lower())
        nxt = _GRAMMAR.get((state, cls, has_and))
        if (cls in ("hundred", "dozen") and group >= 100) or (cls == "scale" and value >= top):
            nxt = None
        if nxt is None:
            if before_and is not None and cls in ("hundred", "scale"):
                best = before_and  # "between two hundred and | three hundred"
            break
        if has_and:
            before_and = best
        if cls in ("hundred", "dozen"):
            group *= value
        elif cls == "scale":
            total, group, top = total + group * value, 0, value
            before_and = None
        else:
            group += value
        state, q, words = nxt, wm.end(), words + 1
        best = (total + group, q, words)
        if state == "end":
            break
    if best is None:
        m = _WORD_NUM.match(text, p, end)
        return p + 1 if m is None else m.end()
    return best


def _read_words(text: str, p: int, floor: int, end: int) -> _Num | int:
    """Read a spelled number whose first number word is at ``p``."""
    s = p
    if p - 2 >= floor and text[p - 2] in "aA" and text[p - 1].isspace():
        first = _WORD_NUM.match(text, p, end)
        if first is not None and first.group().lower() in _ARTICLE_SCALES:
            a = _ARTICLE.match(text, floor, p)
            if a is not None:
                s = a.start()  # "a dozen", "a million"
    spelled = _spell(text, p, end, s < p)
    if isinstance(spelled, int):
        return spelled
    value, q, words = spelled
    num = _Num(s, q, decimal.Decimal(value), None)
    num.lone_one = words == 1 and s == p and value == 1 and text[p:q].lower() == "one"
    comp = _compound(text, q, end) if text[q : q + 1] == "-" else None  # "two-thirds"
    if comp is None:
        # (A unit opens with a space or "%": "two,", "one." need not be matched.)
        u = None
        if q < end and (text[q] == "%" or text[q].isspace()):
            u = _UNIT_AFTER.match(text, q, end)
        if u is not None:
            cur = u.group("cur")
            num.unit = "percent" if cur is None else _currency_word(cur)
            num.unit_after = True
            num.end = u.end()
        return num
    if not isinstance(comp, tuple):
        return q  # "two-Thirds"
    if not comp[2]:
        return comp[1]  # "two-thirds", "twenty-first": not quantities
    num.compound = comp
    return num


def _read_second(text: str, p: int, end: int) -> _Num | None:
    """Read the number that ends a range, at ``p`` (after its separator)."""
    unit = None
    q = p
    c = _CUR_AT.match(text, p, end)
    if c is not None:
        unit = _currency(c)
        q = c.end()
    if q < end and "0" <= text[q] <= "9":
        m = _NUMBER.match(text, q, end)
        num = _read_digits(text, m, end, p, unit) if m is not None else None
    elif c is None and _WORD_NUM.match(text, q, end):
        num = _read_words(text, q, q, end)
    else:
        return None
    return num if isinstance(num, _Num) else None


def _currency(m: Any) -> str:
    """Return the code of the currency mark or code a match found (group "m" or "c")."""
    mark = m.group("m")
    if mark is not None:
        return _CURRENCY[mark]
    code: str = m.group("c")
    return _CURRENCY.get(code, code)


# --- ranges, dates, counted nouns ---------------------------------------------------------

# What a range reads: low, high, the number that ends it, its unit, whether it is years.
_Range = tuple[decimal.Decimal, decimal.Decimal, _Num, str | None, bool]


def _join(first: _Num, second: _Num, dash: bool) -> _Range | None:
    """Join two numbers into a range, or None when they do not make one."""
    if first.unit and second.unit and first.unit != second.unit:
        return None
    if second.compound is not None and not second.compound[2]:
        return None
    if first.unit and not second.unit and (first.unit_after or first.factor > second.factor):
        return None  # "10% to 20 companies", "$10m to 20 companies"
    f1, f2 = first.factor, second.factor
    if f1 == 1 and f2 > 1 and first.base < second.base:
        f1 = f2  # "$10-40m", "3 to 5 million"
    low, high = _scaled(first.base, f1), _scaled(second.base, f2)
    if low <= high:
        return low, high, second, first.unit or second.unit, first.year and second.year
    if dash and first.year and second.end - second.start == 2 and second.factor == 1:
        high = first.base - first.base % 100 + second.base  # "2019-20"
        if low < high and second.unit is None:
            return low, high, second, None, True
    return None


def _range(text: str, first: _Num, floor: int, end: int) -> _Range | int | None:
    """Extend ``first`` into a range; None if it is alone, where to resume if it is none."""
    q = first.end
    if q >= end:
        return None
    c = text[q]
    if c not in "-–—" and not (
        c.isspace()
        and q + 1 < end
        and (text[q + 1] in "-–—" or text[q + 1].isspace() or text[q + 1 : q + 3] in _RANGE_HEADS)
    ):
        return None  # no separator: most numbers
    sep = _RANGE_SEP.match(text, q, end)
    if sep is None:
        return None
    if sep.group("word") == "and" and (
        first.start <= floor or _BETWEEN.match(text, floor, first.start) is None
    ):
        return None  # "X and Y" is a range only after "between"
    dash = sep.group("dash") is not None
    second = _read_second(text, sep.end(), end)
    if second is None:
        if dash and sep.end() < end and "0" <= text[sep.end()] <= "9":
            return sep.end()  # "2020-02-24", "010-…": an identifier
        return None
    if dash and _CHAIN.match(text, second.end, end):
        return second.end  # three numbers or more: a phone number, a date
    joined = _join(first, second, dash)
    if joined is None and dash:
        return second.end  # "3-1": a score, not a quantity
    return joined


def _date(text: str, m: re.Match[str], month: int, end: int) -> Quantity | None:
    """Read a date whose day is the number `_NUMBER` matched: ``Feb. 24``, ``24 February``.

    ``month`` is where a month name before the day starts, or -1 (`_read_first` then
    calls it only if an ordinal suffix or a space and a month's first letter follow).
    """
    s, e = m.span("n")
    if e - s > 2 or not 1 <= int(m.group("n")) <= 31:
        return None
    day = decimal.Decimal(m.group("n"))
    if month >= 0:
        t = _DATE_TAIL.match(text, e, end)
        if t is None:
            return None
        e = t.end()
        high = day
        if t.group("day2") is not None:
            high = decimal.Decimal(t.group("day2"))
            if high <= day:  # not a range of days: the date ends at the dash
                high = day
                e = t.start("day2") - 1
        return _quantity(text, month, e, QuantityKind.DATE, low=day, high=high)
    ma = _MONTH_AFTER.match(text, e, end)
    if ma is not None:
        return _quantity(text, s, ma.end(), QuantityKind.DATE, low=day, high=day)
    return None


def _plural(word: str) -> bool:
    """Say whether a lower-case ``word`` looks plural: "cases", "people", "fishermen"."""
    if word[-1] == "s":
        return word[-2:] not in ("ss", "us", "is")
    return word in _IRREGULAR_PLURALS or word.endswith(("men", "people"))


def _counted(text: str, p: int, end: int, caps: bool, many: bool) -> tuple[int, int, bool] | None:
    """Find the noun a number ending at ``p`` counts: (start, end, is a time unit).

    ``caps``: a Capitalised run may be it; ``many``: the number is above one, so a
    lower-case noun must look plural (a time unit need not: "a 10 year loan").
    """
    m = _NEXT_WORD.match(text, p, end)
    if m is None:
        return None
    ws, we = m.span(1)
    word = m.group(1)
    if len(word) == 1 or word.lower() in _NOT_COUNTED:
        return None
    if word[0].isupper():
        if not caps:
            return None
        last = word
        for _ in range(4):
            n = _NEXT_CAP.match(text, we, end)
            if n is None:
                break
            following = n.group(1)
            if not following[0].isupper() or following.lower() in _NOT_COUNTED:
                break
            we, last = n.end(1), following
        return ws, we, last.lower() in _TIME_UNITS
    if not word[0].islower() or word.endswith(("ing", "ed")):
        return None
    if word in _TIME_UNITS:
        return ws, we, True
    if word[-1] != "s" or word[-2:] in ("ss", "us", "is"):  # not a regular plural
        compound = _plural_head(text, we, end)
        if compound is not None:
            return ws, *compound
        if many and word not in _IRREGULAR_PLURALS and not word.endswith(("men", "people")):
            return None  # "four remain trapped"
    return ws, we, False


def _plural_head(text: str, p: int, end: int) -> tuple[int, bool] | None:
    """Read the plural head noun of a compound after ``p``: "police | stations".

    Returns where it ends and whether it is a time unit, or None.
    """
    n = _NEXT_CAP.match(text, p, end)
    if n is None:
        return None
    head = n.group(1)
    if (
        head[0].islower()
        and len(head) > 1
        and head not in _NOT_COUNTED
        and not head.endswith(("ing", "ed"))
        and _plural(head)
    ):
        return n.end(1), head in _TIME_UNITS
    return None


def _hedge(text: str, at: int, floor: int) -> tuple[str, int, int] | None:
    """Find the hedge directly before ``at``: (normalised, start, end)."""
    if at - 3 < floor or not text[at - 1].isspace():
        return None
    for last in _HEDGE_ENDS.get(text[at - 3 : at - 1].lower(), ()):
        # The hedge's last word must stand before the space ("and 30" has none).  Only
        # ASCII letters match it as ASCII: a word with other letters ("İ" matches "i"
        # when case is ignored) is left to the pattern.
        word = text[at - 1 - len(last) : at - 1]
        if word.lower() == last or not word.isascii():
            break
    else:
        return None
    h = _HEDGE.match(text, floor, at)
    if h is None:
        return None
    return " ".join(h.group("h").lower().split()), h.start("h"), h.end("h")


def _classify(
    text: str,
    first: _Num,
    last: _Num,
    year_like: bool,
    hedge: tuple[str, int, int] | None,
    *,
    floor: int,
    end: int,
    caps: bool,
    many: bool,
) -> tuple[QuantityKind, tuple[str, int, int] | None, tuple[int, int] | None]:
    """Decide the kind of a number without a unit; return it, its hedge and counted noun.

    ``caps``: a Capitalised run may be the counted noun; ``many``: the number is above one.
    """
    preposition = hedge is not None and hedge[0] in _PREPOSITION_HEDGES
    if last.compound is not None:
        if last.compound[2]:  # "over 10-year terms": "over" is a preposition
            hedge = None if preposition else hedge
            return QuantityKind.DURATION, hedge, (last.compound[0], last.compound[1])
        return QuantityKind.NUMBER, hedge, None
    if year_like and hedge is not None and hedge[0] in _NUMBER_HEDGES:
        year_like = False  # "more than 2000": a number
    prep = year_like and first.start > floor and _YEAR_PREP.match(text, floor, first.start)
    counted = None
    if not prep and last.end < end and text[last.end].isspace():  # ("2016,": no noun)
        counted = _counted(text, last.end, end, caps and not year_like, many)
    if counted is not None:
        cs, ce, time = counted
        if time:  # "repaid over 10 years": "over" is a preposition
            return QuantityKind.DURATION, None if preposition else hedge, (cs, ce)
        return QuantityKind.COUNT, hedge, (cs, ce)
    if not year_like:
        return QuantityKind.NUMBER, hedge, None
    if preposition:
        hedge = None  # "over 2016": a preposition
    return QuantityKind.YEAR, hedge, None


# --- the finder -------------------------------------------------------------------------------


def _determiner(text: str, s: int, end: int) -> bool:
    """Say whether the number word at ``s`` is "one" before a word it does not join.

    Only the plain case is decided here: "one" or "One", a space, a word of ASCII
    lower-case letters not in `_AFTER_ONE`, then (inside the window) a character
    that is not a letter, digit or "_", so that no pattern reading on from "one"
    (`_NEXT_NUM`, `_UNIT_AFTER`, `_RANGE_SEP`) can match there.  Reading the number
    in full finds the same, at more cost.
    """
    if text[s : s + 4] not in ("one ", "One "):
        return False
    m = _LETTERS.match(text, s + 4, end)
    if m is None:
        return False
    word, r = m.group(), m.end()
    return (
        r < end
        and word.isascii()
        and word.islower()
        and word not in _AFTER_ONE
        and not (text[r].isalnum() or text[r] == "_")
    )


def _label(text: str, s: int, e: int, lo: int, end: int) -> bool:
    """Say whether the digits at ``[s, e)`` are a list label: ``: (1) new wells``.

    A label stands in brackets and before a word, at the start of the window
    ``[lo, end)`` or of a line, or after ``:``, ``,``, ``;``, a full stop, ``and`` or ``or``.
    """
    if s <= lo or text[s - 1] != "(" or e + 2 >= end or text[e] != ")":
        return False
    if not text[s:e].isdigit():
        return False  # "(1.5)"
    if not text[e + 1].isspace() or not text[e + 2].isalpha():
        return False
    k = s - 2
    while k >= lo and text[k] in " \t\u00a0":
        k -= 1
    if k < lo or text[k] in ":,;.!?\n\r":
        return True
    for word in ("and", "or"):
        w = k + 1 - len(word)
        if w >= lo and text[w : k + 1] == word and (w == lo or not text[w - 1].isalnum()):
            return True
    return False


def _identifier(text: str, at: int, floor: int) -> str | None:
    """Name what makes the number at ``at`` an identifier: ``No. 442``, ``Gate 7``.

    Returns "list" (``Nos.``), "mark" (``No.``, ``Number``), "noun" (``Gate``) or None.
    """
    k = at - 1  # the space
    if k - 3 < floor or not text[k].isspace():
        return None
    for word, group in _IDENT_WORDS.get(text[k - 3 : k], ()):
        w = k - len(word)
        if (
            w >= floor
            and text.startswith(word, w)
            and (w == floor or not (text[w - 1].isalnum() or text[w - 1] in "_.'’-"))
        ):
            return group
    return None


def _at(text: str, s: int, floor: int, end: int, lo: int) -> tuple[Quantity | None, int]:
    """Read the quantity whose number starts at ``s``; return it (or None) and where to go on.

    ``lo`` is where the window starts (``floor`` moves past each quantity found).
    """
    digit = "0" <= text[s] <= "9"  # else a number word
    first = _read_first(text, s, digit, floor, end)
    if not isinstance(first, _Num):
        return (first, first.end) if isinstance(first, Quantity) else (None, max(first, s + 1))
    joined = None if first.compound is not None else _range(text, first, floor, end)
    if isinstance(joined, int):
        return None, joined
    if joined is None:
        if first.lone_one and first.unit is None and first.compound is None:
            return None, first.end  # "one source said": a determiner
        if (
            digit
            and first.start > lo
            and text[first.start - 1] == "("
            and first.end - first.start <= 3
            and first.unit is None
            and first.compound is None
            and _label(text, first.start, first.end, lo, end)
        ):
            return None, first.end + 1  # "(1) new wells": a list label
        low = high = first.base if first.factor == 1 else _scaled(first.base, first.factor)
        last, unit, year_like = first, first.unit, first.year
    else:
        low, high, last, unit, year_like = joined
    at = first.start  # the three characters before the space before it may end "Gate"
    ident = _identifier(text, at, floor) if text[at - 4 : at - 1] in _IDENT_WORDS else None
    if ident is not None and ident != "noun":  # "No. 442", "Nos. 3 and 4"
        chain = _ID_CHAIN.match(text, last.end, end) if ident == "list" else None
        return None, last.end if chain is None else chain.end()
    hedge = _hedge(text, first.start, floor)
    counted = None
    if unit == "percent":
        kind = QuantityKind.PERCENT
    elif unit is not None:
        kind = QuantityKind.MONEY
    elif year_like and high != last.base:
        kind = QuantityKind.YEAR  # "2019-20": the second year is abbreviated
    else:
        kind, hedge, counted = _classify(
            text,
            first,
            last,
            year_like,
            hedge,
            floor=floor,
            end=end,
            caps=ident is None,
            many=high > _ONE,
        )
        if ident is not None and counted is None:
            return None, last.end  # "Gate 7": an identifier
    q = _quantity(
        text,
        first.start,
        last.end,
        kind,
        low=low,
        high=high,
        unit=unit,
        hedge=hedge,
        counted=counted,
    )
    return q, last.end


def _read_first(text: str, s: int, digit: bool, floor: int, end: int) -> _Num | Quantity | int:
    """Read the number at ``s`` with what stands before it; a date is read whole."""
    if not digit:  # "one source said", the commonest number word, is decided at once
        one = text[s] in "oO" and _determiner(text, s, end)
        return s + 3 if one else _read_words(text, s, floor, end)
    m = _NUMBER.match(text, s, end)
    if m is None:  # pragma: no cover - the scan found a digit
        return s + 1
    after_space = s > floor and text[s - 1].isspace()
    e = m.end(1)  # the digits
    if e - s <= 2:
        # A day of the month, perhaps: a month name stands before it or after it.
        month = -1
        if (
            after_space
            and s - 2 >= floor
            and text[s - 2] in _MONTH_LASTS
            and not text[max(floor, s - 11) : s - 1].islower()  # months are capitalised
        ):
            mb = _MONTH_BEFORE.match(text, floor, s)
            month = -1 if mb is None else mb.start()
        if month >= 0 or (
            e < end
            and (
                text[e] in _ORDINAL_HEADS  # "3rd"
                or (text[e].isspace() and e + 1 < end and text[e + 1] in _MONTH_NEXT)
            )
        ):
            date = _date(text, m, month, end)
            if date is not None:
                return date
    prefix, unit = s, None
    k = s - 2 if after_space else s - 1  # the character before a space
    if k > floor and text[k] == "\r" and text[s - 1] == "\n":
        k -= 1
    if k >= floor and text[k] in _CUR_LASTS:
        c = _CUR_BEFORE.match(text, floor, s)
        code = None if c is None else c.group("c")
        if c is not None and (code is None or code in _CODE_SET):
            if code in _IDENT_CODES and e - s <= 2 and m.end() == e:
                return e  # "COP 28", "RON 95": identifiers
            prefix, unit = c.start(), _currency(c)
    return _read_digits(text, m, end, prefix, unit)


def _spaced_word(text: str, m: re.Match[str], end: int) -> int:
    """Where the number word `_SPACED_WORDS` matched starts, or ``end`` if there is none.

    Looks on past the few non-words the pattern admits ("dillion").
    """
    while text[m.start() + 1 : m.end()] not in _WORD_FORMS:
        found = _SPACED_WORDS.search(text, m.end(), end)
        if found is None:
            return end
        m = found
    return m.start() + 1


def _opens_with_word(text: str, start: int, end: int) -> bool:
    """Say whether a number word opens the window ``[start, end)`` (not inside a word)."""
    if _WORDS_AT.match(text, start, end) is None:
        return False
    before = text[start - 1] if start else " "
    return not (before.isalnum() or before in "_-")


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Return the quantities in ``text[start:end]``, in order, offsets into the whole text.

    See the module docstring for what counts as a quantity.  Quantities never
    overlap, and each one's hedge and counted noun lie inside ``[start, end)``
    and outside every quantity.  Raises `SpanError` when ``start`` and ``end``
    do not describe a range of ``text``.

    >>> [(q.text, q.kind.value, str(q.low), q.hedge) for q in find_quantities(
    ...     "They earn about RMB 2,000–3,000 a month, in 2016.")]
    [('RMB 2,000–3,000', 'money', '2000', 'about'), ('2016', 'year', '2016', None)]
    """
    if end is None:
        end = len(text)
    if type(start) is not int or type(end) is not int:  # the usual case passes at once
        for name, value in (("start", start), ("end", end)):
            if not isinstance(value, int) or isinstance(value, bool):
                raise SpanError(f"{name} must be an int, got {type(value).__name__} {value!r}")
    if not 0 <= start <= end <= len(text):
        raise SpanError(f"[{start}, {end}) is not a range of a text of {len(text)} code points")
    spaced = _SPACED_WORDS.search(text, start, end)
    other = _DIGIT_OR_WORD.search(text, start, end)
    opens = text[start : start + 3] in _WORD_PREFIXES and _opens_with_word(text, start, end)
    if spaced is None and other is None and not opens:
        return []  # the usual case: a sentence without a number
    out: list[Quantity] = []
    floor = pos = start
    # Where the next number word after a space starts, and the next digit or word after
    # an opener; each is looked for again only once the finder has gone past it, from
    # the character before (the space or opener of a word that starts there).  A word
    # after an opener is group 1 of its match, and starts after the match does; a digit
    # starts the match, and group 1 is -1: the number starts at the larger of the two.
    w = start if opens else end if spaced is None else _spaced_word(text, spaced, end)
    o = end if other is None else max(other.start(), other.start(1))
    while True:
        if w < pos:
            spaced = _SPACED_WORDS.search(text, pos - 1, end)
            w = end if spaced is None else _spaced_word(text, spaced, end)
        if o < pos:
            other = _DIGIT_OR_WORD.search(text, pos - 1, end)
            if other is not None and other.start() < pos and other.start(1) < 0:
                other = _DIGIT_OR_WORD.search(text, pos, end)  # a digit just before
            o = end if other is None else max(other.start(), other.start(1))
        if w == o:  # both at the end
            return out
        q, pos = _at(text, o if o < w else w, floor, end, start)
        if q is not None:
            out.append(q)
            floor = q.end if q.counted is None else q.counted.end
            pos = floor if pos < floor else pos
