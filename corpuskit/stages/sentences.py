r"""Text → sentences: a rule-based splitter for news prose.

`split_sentences` returns the sentences of ``text[start:end]`` as half-open
offsets into the whole ``text``.  The sentences are trimmed of invisible
characters (anything `str.isspace` calls whitespace, and format characters that
show nothing, such as U+200B and U+FEFF: see `corpuskit.stages.invisible`),
non-empty, in order, and together they cover every visible character of the
range exactly once: a sentence ends at a *cut*, a pair of offsets around a run
of invisible characters, and nothing else is ever dropped.

How cuts are found.  One compiled scan (``_CANDIDATE``) finds every place where
terminal punctuation (``. ! ? … ‽``, ellipses ``...`` and ``. . .`` included),
any closing quotation marks or brackets, whitespace, any opening marks and a
letter that is not lower case follow one another; ``a. b`` and ``3.5`` never
match.  Each candidate is then judged by cheap checks on the words around it:

- **full stop**: the word before it is looked up in frozensets.  Titles
  (``Mr.``, ``Dr.``, ``Lt. Col.``, ``Sen.``, ``vs.``, ``e.g.``) never end a
  sentence.  Abbreviations that can (``Inc.``, ``Co.``, ``Jr.``, ``etc.``,
  months, US states, ``U.S.``) and initials (``J.``, ``I.``) end one only
  before a closing quotation mark or a common sentence opener (``He``, ``The``,
  ``But``, ``In`` …).  A time of day (``6 p.m.``) ends one unless a day, a month
  or a time zone goes on with it, or the sentence would be the bare time
  (``At 5 a.m. Mr. Smith …``).  A number or a letter may be a list item (see
  below).  Anything else ends a sentence.
- **? and !**: end a sentence, unless a closing quotation mark and an
  attribution follow (``“Why?” Kim asked.``).
- **ellipsis**: ``...`` and ``…`` end a sentence before a capital; MLA-style
  spaced dots follow MLA: ``. . .`` is an omission inside a sentence, a fourth
  dot is a full stop (``word. . . . Next`` ends after ``word.``), and ``[...]``
  marks an omission.

Closing marks belong to the sentence they close (the cut comes after them), and
nothing cuts before a lower-case word, a digit or a symbol, which keeps
``“…?” he asked``, ``Yahoo! in``, ``p. 55`` and ``$100.00`` whole.  Besides the
scan: numbered or lettered lists (``1. … 2. …``, ``a) … b) …``) cut before each
item after the first, a bullet (``•``) preceded by whitespace starts a new
sentence, and so does a blank line.

Every pattern is linear in the length of the text: runs are matched with
possessive quantifiers, and lookbehinds make a run match only from its start, so
that no run is scanned twice.  Python code runs once per candidate (about once
per sentence), never once per character.
"""

from __future__ import annotations

import re

from corpuskit.lexicon.abbreviations import (
    ANY_CASE_ABBREVIATIONS,
    COMPANY_ABBREVIATIONS,
    ENDING_ABBREVIATIONS,
    MEASURE_ABBREVIATIONS,
    PREPOSED_ABBREVIATIONS,
    SENTENCE_OPENERS,
    TIMES_OF_DAY,
    US_STATE_ABBREVIATIONS,
)
from corpuskit.lexicon.dates import (
    DAY_ABBREVIATIONS,
    DAYS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    TIME_ZONE_WORDS,
    TIME_ZONES,
)
from corpuskit.lexicon.names import ABBREVIATED_TITLES, NAME_SUFFIXES
from corpuskit.lexicon.speech import REPORTING_VERBS
from corpuskit.stages.alternation import alternation
from corpuskit.stages.invisible import INVISIBLE_CHARS, VISIBLE_CLASS, invisible_class

__all__ = ["split_sentences"]

# --- the candidate scan ------------------------------------------------------------

# Opening marks that may stand before a sentence's first letter, and the closing
# marks that are quotation marks (a quotation's end is a sentence's end).
_OPENERS = "\"'“‘«([{¿¡"
_QUOTES = frozenset("\"'”’»")
# A candidate boundary.  The first character stands alone so that the engine can
# skip ahead to the rare terminal marks.  A run of marks may go on with spaced full
# stops (". . . ."), one space before each, when each ends a word; the lookbehinds
# keep a match from starting anywhere a run that started earlier went on, so each
# run is matched once.  The next word must start with a letter that is not ASCII
# lower case; other lower-case letters are checked in Python.
_CANDIDATE = re.compile(
    r"""
    (?P<term>[.!?‽…](?<![.!?‽…][.!?‽…])(?:(?<![.!?‽…][ ][.])|(?![\s"'”’»)\]]|\Z))
        [.!?‽…]*+(?:[ ][.](?=[\s"'”’»)\]]|\Z))*+)
    (?P<close>["'”’»)\]}]*+)
    (?P<space>\s++)
    (?P<open>["'“‘«(\[{¿¡]*+)
    (?=[^\W\d_a-z])
    """,
    re.VERBOSE,
)
# Where a sentence may start or end: not on a space, nor on a format character that
# shows nothing (a zero-width space before a sentence is no part of it).
_VISIBLE = re.compile(VISIBLE_CLASS)
# The letters of the word that follows a boundary ("It" of "It's").
_WORD = re.compile(r"[^\W\d_]++")
# An abbreviation with a full stop inside: U.S, E.U, a.m, U.S.A, Ph.D (the final full
# stop is the candidate's).  Runs are bounded, so the pattern cannot backtrack far.
_DOTTED = re.compile(r"[^\W\d_]{1,2}(?:\.[^\W\d_]{1,2})++")
# How far back the word before a full stop is looked for: longer words are no
# abbreviation.
_WINDOW = 16

# --- words -------------------------------------------------------------------------

# Every word here comes from `corpuskit.lexicon`; a full stop after an abbreviation is
# judged by which of these sets holds the word before it.
# Titles and other words that stand before what they qualify: never the end of a
# sentence ("Lt. Col. Kim", "Sen. Warren", "Roe v. Wade", "N°. 12").
_TITLES = ABBREVIATED_TITLES | PREPOSED_ABBREVIATIONS
# Abbreviations that may end a sentence, as written: "Co." ends "… Briggs & Co." but
# not "Co. executives" (months, days, US states, streets, "No.", "et al.").
_ENDERS = (
    frozenset((*MONTH_ABBREVIATIONS, *DAY_ABBREVIATIONS))
    | US_STATE_ABBREVIATIONS
    | ENDING_ABBREVIATIONS
)
# The same, compared in lower case ("co." and "Co.", "etc." and "Etc.", "Jr." and "JR.").
_ENDERS_ANYCASE = (
    COMPANY_ABBREVIATIONS
    | MEASURE_ABBREVIATIONS
    | ANY_CASE_ABBREVIATIONS
    | frozenset(suffix.lower() for suffix in NAME_SUFFIXES)
)
# Words that commonly open a sentence.  After an abbreviation that may end a
# sentence, one of these shows that it did ("… in the U.S. He said …"), where a name
# or a noun shows that it did not ("the U.S. Government", "Smith Jr. Kim").
_SENTENCE_OPENERS = SENTENCE_OPENERS
# Attribution after a quotation that ends in "?" or "!": "“Why?” Kim asked."  Any
# finite form of a one-word reporting verb of the lexicon.
_FINITE_CUES = frozenset(
    form.split()[0]
    for verb in REPORTING_VERBS.values()
    for form in verb.forms[1:]
    if not form.split()[0].endswith("ing")
)
_ATTRIBUTION = re.compile(
    r"(?:[^\W\d_][\w’'.-]*+[ ]){1,3}"
    r"(?:" + alternation(_FINITE_CUES) + r")\b"
)
# A sentence cannot be a bare time of day: "At 5 a.m. Mr. Smith went …" goes on.
_FRONTED_TIME = re.compile(
    r"(?:At|By|Until|Till|From|Before|After|Around|About|Since|Shortly[ ]before"
    r"|Shortly[ ]after|Just[ ]before|Just[ ]after)\s++(?:about\s++|around\s++)?"
    r"\d{1,2}(?:[:.]\d\d)?+\s*+[aApP]\.[mM]",
)
_TIMES = TIMES_OF_DAY
# What goes on after a time of day: "6 p.m. Tuesday", "6 p.m. Feb. 3", "6 p.m. EST"
# (any capitals ending in T, ST or DT are taken for a time zone), "6 p.m. Seoul time".
# Any other capital starts a sentence: "at 6 p.m. Passengers …".
_TIME_GOES_ON = re.compile(
    r"(?:"
    + alternation(
        (*DAYS, *DAY_ABBREVIATIONS, *MONTHS, *MONTH_ABBREVIATIONS, *TIME_ZONES, *TIME_ZONE_WORDS)
    )
    + r"|[A-Z]{1,3}[SD]?T)\b|[^\W\d_]++[ ]time\b"
)

# --- lists, bullets and blank lines ------------------------------------------------

_BULLETS = "•‣⁃◦▪●"
_BULLET_SET = frozenset(_BULLETS)
# What may stand before the first item of a list that does not open a sentence.
_LIST_LEADS = frozenset(":.?!")
# What may stand before the word of an abbreviation or a list item's number.
_TOKEN_LEAD = _OPENERS + _BULLETS
_BULLET = re.compile(r"[•‣⁃◦▪●]")
# A list item marked with a closing parenthesis ("1) The first item"); items marked
# with a full stop ("1.", "a.", "1.)") are found by the candidate scan.
_PAREN_ITEM = re.compile(r"(?<!\S)[•‣⁃◦▪●]?+(\d{1,2}|[a-z])\)(?=\s++[\"'“‘(\[]*+[^\W\d_a-z])")
# A blank line: two line breaks with nothing but invisible characters between them.
_BLANK_LINE = re.compile(
    r"(?:\r\n?+|\n|\u2029)"
    + invisible_class(but="\r\n\u2029")
    + r"*+(?:\r\n?+|\n|\u2029)"
    + invisible_class()
    + "*+"
)


def _trim_back(text: str, lo: int, pos: int) -> int:
    """Return the offset after the last visible character of ``text[lo:pos]``.

    Looks back through growing windows, so that a long run of invisible characters
    costs time in proportion to its length.
    """
    size = 64
    while True:
        begin = max(lo, pos - size)
        kept = len(text[begin:pos].rstrip(INVISIBLE_CHARS))
        if kept or begin == lo:
            return begin + kept
        pos = begin
        size *= 4


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return the sentences of text[start:end] as (start, end) offsets into `text`.

    ``start`` and ``end`` are read like slice bounds (negative values count from
    the end, values out of range are clipped).  The sentences are trimmed of
    invisible characters (whitespace, U+200B, U+FEFF …), non-empty, in order, and
    cover every visible character of the range exactly once; an empty range, or
    one of invisible characters only, gives ``[]``.

    >>> text = "Mr. Kim arrived in the U.S. on Feb. 24. He left. “Why?” he asked."
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['Mr. Kim arrived in the U.S. on Feb. 24.', 'He left.', '“Why?” he asked.']
    """
    lo, hi, _ = slice(start, end).indices(len(text))
    first = _VISIBLE.search(text, lo, hi) if lo < hi else None
    if first is None:
        return []
    lo = first.start()
    hi = _trim_back(text, lo, hi)
    cuts, items = _scan(text, lo, hi)
    if _more_cuts(text, lo, hi, cuts, items):
        cuts.sort(key=lambda cut: cut[1])
    sentences: list[tuple[int, int]] = []
    current = lo
    for left, right in cuts:
        if left > current:  # cuts that would leave an empty sentence are passed over
            sentences.append((current, left))
            current = right
    sentences.append((current, hi))
    return sentences


# A cut: where a sentence ends and where the next begins, around a run of invisible
# characters.
_Cut = tuple[int, int]
# The spans of a candidate's match and its groups.
_Regs = tuple[tuple[int, int], ...]


def _scan(text: str, lo: int, hi: int) -> tuple[list[_Cut], list[_Item]]:
    """Judge every candidate boundary of ``text[lo:hi]`` (trimmed).

    Return the cuts, in order, and the tokens that may number list items, whose
    cuts wait for `_list_cuts`.
    """
    cuts: list[_Cut] = []
    items: list[_Item] = []
    head = lo  # where the current sentence starts, as far as the scan knows
    for m in _CANDIDATE.finditer(text, lo, hi):
        # the marks, the end of the closing marks, the end of the whitespace, the next letter
        regs = m.regs
        _, (i, marks_end), (_, left), (_, right), (_, nxt) = regs
        if text[nxt].islower():  # a lower-case letter outside ASCII
            continue
        cut: bool | _Item
        if marks_end - i == 1 and text[i] == ".":
            cut = _full_stop(text, regs, lo, hi, head)
            if isinstance(cut, _Item):
                items.append(cut)
                continue
        elif text.find(" ", i, marks_end) >= 0:  # spaced dots, MLA style
            if i > lo and not text[i - 1].isspace():
                # "word. . . . Next": a full stop, then an ellipsis that opens the next sentence
                split = text.index(" ", i, marks_end)
                cuts.append((split, split + 1))
                head = split + 1
                continue
            # "word . . . Next" leaves words out of a sentence, "word . . . . Next" leaves
            # out the end of one
            cut = text.count(".", i, marks_end) >= 4
        elif text.find("?", i, marks_end) >= 0 or text.find("!", i, marks_end) >= 0:
            # "“Why?” Kim asked." is one sentence
            cut = not (
                any(c in _QUOTES for c in text[marks_end:left])
                and _ATTRIBUTION.match(text, nxt, hi) is not None
            )
        elif text[i - 1 : i] in ("[", "(") and text[marks_end : marks_end + 1] in ("]", ")"):
            cut = False  # "[...]" leaves words out
        else:  # "...", "…", "....", "‽"
            cut = True
        if cut:
            cuts.append((left, right))
            head = right
    return cuts, items


def _full_stop(text: str, regs: _Regs, lo: int, hi: int, head: int) -> bool | _Item:
    """Tell whether the full stop a candidate found ends a sentence that starts at ``head``.

    ``regs`` are the spans of the candidate's match and groups (``Match.regs``).

    A token that may number a list item gives an `_Item` instead, which carries
    the cut the full stop makes if the token numbers no list.
    """
    _, (i, marks_end), (_, left), (_, right), (_, nxt) = regs
    if i == lo or text[i - 1].isspace():  # a full stop standing alone
        return True
    if (i - 1 == lo or text[i - 2].isspace()) and text[i - 1].isupper():
        # an initial, the commonest short token: "J. R. R. Tolkien", "Albert I. Jones"
        return text[left - 1] in _QUOTES or _opener_follows(text, nxt, hi, initial=True)
    begin = i - _WINDOW if i - _WINDOW > lo else lo
    token = text[begin:i].rsplit(None, 1)[-1]
    if len(token) == _WINDOW and begin > lo:  # too long for an abbreviation
        return True
    word = token.lstrip(_TOKEN_LEAD)
    if word in _TITLES:
        return False
    quoted = text[left - 1] in _QUOTES  # "… in the U.S.” He" ends with the quotation
    if len(word) == 1 and word.isalpha():
        initial_ends = quoted or _opener_follows(text, nxt, hi, initial=True)
        if "a" <= word <= "z" and text[marks_end:left] in ("", ")"):  # "a." may be an item
            item = _item(text, lo, i - len(token), (i - 1, i), "." + text[marks_end:left])
            item.head = item.head or i - len(token) == head
            item.cut = (left, right) if initial_ends else None
            return item
        return initial_ends
    if len(word) <= 2 and word.isascii() and word.isdecimal():
        if text[marks_end:left] in ("", ")"):  # "1." and "1.)" may be items
            item = _item(text, lo, i - len(token), (i - len(word), i), "." + text[marks_end:left])
            item.head = item.head or i - len(token) == head
            item.cut = (left, right)
            return item
        return True
    if word.lower() in _TIMES:
        # a time of day ends a sentence unless a day, a month or a time zone goes on with
        # it, or the sentence would be nothing but the time
        return quoted or (
            _TIME_GOES_ON.match(text, nxt, hi) is None
            and _FRONTED_TIME.fullmatch(text, head, i) is None
        )
    if word in _ENDERS or word.lower() in _ENDERS_ANYCASE or _DOTTED.fullmatch(word):
        # an abbreviation that may end a sentence ends one before a closing quotation
        # mark or a sentence opener
        return quoted or _opener_follows(text, nxt, hi, initial=False)
    return True


def _opener_follows(text: str, nxt: int, hi: int, *, initial: bool) -> bool:
    """Tell whether the word at ``nxt`` shows that an abbreviation before it ended a sentence.

    It does when it is a common sentence opener; after an initial (``initial``) the
    opener must be longer than one letter, as ``J. R. Tolkien`` and ``J. A. Smith``
    show.
    """
    if initial and (nxt + 1 >= hi or not text[nxt + 1].isalpha()):
        return False  # a one-letter word: "J. R."
    word = _WORD.match(text, nxt, hi)
    return word is not None and word.group() in _SENTENCE_OPENERS


# --- lists, bullets and blank lines ------------------------------------------------


class _Item:
    """A token that may number a list item, and the cut it makes if it numbers none."""

    __slots__ = ("alpha", "cut", "first", "head", "start", "style", "value")

    def __init__(self, start: int, number: str, style: str, *, head: bool, first: bool) -> None:
        self.start = start  # where the token starts ("2.", "(b)", "•3.")
        self.alpha = number.isalpha()
        self.value = ord(number) - ord("a") + 1 if self.alpha else int(number)
        self.style = style  # ".", ".)" or ")"
        self.head = head  # the token opens a sentence (at its start or after a bullet)
        self.first = first  # the token may start a list (it opens a sentence or follows ":")
        self.cut: _Cut | None = None  # the cut after the token in running text


def _item(text: str, lo: int, token_start: int, number: tuple[int, int], style: str) -> _Item:
    """Describe the token at ``token_start`` that may number a list item.

    ``number`` is the span of the number or letter inside the token; a bullet in
    or before the token makes it open a sentence, and so may the caller.
    """
    before = text[max(lo, token_start - 8) : token_start].rstrip()
    opens = token_start == lo or text[token_start] in _BULLET_SET or before[-1:] in _BULLET_SET
    return _Item(
        token_start,
        text[number[0] : number[1]],
        style,
        head=opens,
        first=opens or before[-1:] in _LIST_LEADS,
    )


def _list_cuts(text: str, lo: int, items: list[_Item]) -> list[_Cut]:
    """Return the cuts that runs of consecutive items make, and the cuts of other tokens.

    Items 1, 2, 3 … (or a, b, c …) in the same style form a list when the first
    may start one: a cut comes before each item after the first, and none after an
    item's number.  A token that numbers no list makes its own cut, unless it opens
    a sentence ("• 9. The first item").
    """
    cuts: list[_Cut] = []
    items.sort(key=lambda it: it.start)

    def close(chain: list[_Item]) -> None:
        if len(chain) >= 2:  # a bullet before an item already cuts
            cuts.extend(
                (_trim_back(text, lo, it.start), it.start) for it in chain[1:] if not it.head
            )
        else:
            cuts.extend(it.cut for it in chain if it.cut is not None and not it.head)

    chain: list[_Item] = []
    for it in items:
        last = chain[-1] if chain else None
        if (
            last is not None
            and it.value == last.value + 1
            and it.alpha == last.alpha
            and it.style == last.style
        ):
            chain.append(it)
        elif it.value == 1 and it.first:
            close(chain)
            chain = [it]
        else:
            close([it])
    close(chain)
    return cuts


def _more_cuts(text: str, lo: int, hi: int, cuts: list[_Cut], items: list[_Item]) -> bool:
    """Add the cuts of lists, bullets and blank lines to ``cuts``; tell whether there were any.

    Each search runs only when a character it needs occurs in the range.
    """
    more = len(cuts)
    if text.find("1)", lo, hi) >= 0 or text.find("a)", lo, hi) >= 0:
        heads = {lo}.union(right for _, right in cuts)
        for p in _PAREN_ITEM.finditer(text, lo, hi):
            item = _item(text, lo, p.start(), p.span(1), ")")
            item.head = item.head or p.start() in heads
            items.append(item)
    if items:
        cuts.extend(_list_cuts(text, lo, items))
    if any(text.find(b, lo, hi) >= 0 for b in _BULLETS):
        for b in _BULLET.finditer(text, lo, hi):
            at = b.start()
            if at > lo and text[at - 1].isspace():
                cuts.append((_trim_back(text, lo, at), at))
    if any(text.find(b, lo, hi) >= 0 for b in "\n\r\u2029"):
        cuts.extend(
            (_trim_back(text, lo, b.start()), b.end()) for b in _BLANK_LINE.finditer(text, lo, hi)
        )
    return len(cuts) > more
