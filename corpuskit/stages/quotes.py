"""Quotation marks → quotes; who a pronoun stands for.

Quotes are paired within a paragraph from its quotation marks: curly ``“ ”``,
straight ``"``, two apostrophes ``''``, guillemets ``« »`` (and ``» «``,
``‹ ›``), low-high ``„ “`` (opening or closing by what stands beside them),
and single ``‘ ’``, ``‚ ‘`` and straight ``' '``, where a mark between letters
or after a word-final ``s`` is an apostrophe.  A paragraph that ends inside a
quote whose next paragraph opens with a fresh mark is news style for a quote
that runs on: the quote is ``continued``; any other unclosed quote is
``balanced=False``.

The attribution of quotes and reported speech (source, cue, content) is read in
`corpuskit.stages.attribution`; this module keeps the `Attribution` value type, the
index of an article's quotes, and the resolution of back-references ("he",
"the source") to the mentions before them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence

import regex

from corpuskit.lexicon import names
from corpuskit.model.quotes import Quote
from corpuskit.model.spans import Span, trusted_span, unchecked_maker

__all__ = [
    "QuoteIndex",
    "find_quotes",
    "person_mentions",
    "resolve_source",
]


# --- quotation marks ---------------------------------------------------------------

# Double quotation marks: curly, straight, two apostrophes (''…''), guillemets and
# the low-high pair „…“.
_DOUBLE_MARKS = ('"', "“", "”", "«", "»", "„", "‹", "›")  # and ''
_OPENERS = frozenset("“«„‹")
_SINGLE_MARKS = ("‘", "’", "‚", "'")
# A ’ after a word-final s closes an open quote before these ("‘… theirs’, the judge").
_CLOSES_SINGLE = frozenset(",.;:!?)")
# A paragraph that opens with one of these continues a quote left open.
_RUN_ON = frozenset(('"', "“", "'", "«", "„"))
# A straight mark that is open is closed, not opened again, before these.
_CLOSES_BEFORE = frozenset(" \t\n\r\u00a0,.;:!?)]}—–-")
# Straight double quotes open after these (or at the start of a paragraph).
_OPENS_AFTER = frozenset(" \t\n\r\u00a0([{—–-/“‘")


def _offsets(text: str, marks: Sequence[str]) -> list[int]:
    """Return where each of ``marks`` stands in ``text``, in order."""
    # str.find passes over text a hundred times faster than a regex character class,
    # and most of an article is no quotation mark.
    found: list[int] = []
    for mark in marks:
        at = text.find(mark)
        while at >= 0:
            found.append(at)
            at = text.find(mark, at + 1)
    found.sort()
    return found


def _is_apostrophe(text: str, at: int, start: int, end: int) -> bool:
    """Whether ``’`` at ``at`` is an apostrophe: between letters, or after a word's "s"."""
    before = text[at - 1] if at > start else " "
    after = text[at + 1] if at + 1 < end else " "
    if before.isalnum() and after.isalnum():
        return True  # they’re, Workers’Party
    return before in "sS" and not after.isalnum() and after not in '”"' and after != "’"


def _single_quotes(text: str, marks: list[int], start: int, end: int) -> list[tuple[int, int]]:
    """Pair ‘…’, ‚…‘ and straight '…' inside ``text[start:end]``, skipping apostrophes.

    ``marks`` are the offsets of the text's single marks (`_offsets`); the pairs are
    returned as ``(start, end)``, the marks included.
    """
    found: list[tuple[int, int]] = []
    opened = -1
    opener = ""
    for i in range(bisect.bisect_left(marks, start), len(marks)):
        at = marks[i]
        if at >= end:
            break
        mark = text[at]
        if mark == "’" and opened < 0:
            continue  # ’ opens no quote, and none is open
        before = text[at - 1] if at > start else " "
        after = text[at + 1] if at + 1 < end else " "
        if mark == "‘" and opener == "‚":
            found.append((opened, at + 1))  # ‚…‘
            opened, opener = -1, ""
        elif mark in "‘‚" or (mark == "'" and not before.isalnum() and after.isalnum()):
            if not before.isalnum():
                opened, opener = at, mark
        elif opened >= 0 and (
            not _is_apostrophe(text, at, start, end)
            or (before in "sS" and after in _CLOSES_SINGLE and opener in "‘'")
        ):
            found.append((opened, at + 1))
            opened, opener = -1, ""
    return found


# The offsets found here are right by construction, so quotes are made without the
# checks of Span, which cost more than the rest of making one (as `trusted_span` does):
# ``_quote(start, end, text, content, balanced, continued, depth)``.
_quote: Callable[..., Quote] = unchecked_maker(Quote)


def find_quotes(text: str, paragraphs: Sequence[Span]) -> list[Quote]:  # noqa: PLR0912, PLR0915 (one branch a kind of mark)
    """Return the quotes of the given paragraphs, in text order."""
    single_marks = _offsets(text, _SINGLE_MARKS)
    # Two apostrophes ('') are a double mark; str.find is faster for one character
    # than for two, and the apostrophes are among the single marks already.
    double_marks = _offsets(text, _DOUBLE_MARKS)
    double_marks += [at for at in single_marks if text.startswith("''", at)]
    double_marks.sort()
    # start, end, balanced, continued, length of the opening and closing marks
    found: list[tuple[int, int, bool, bool, int, int]] = []
    for index, para in enumerate(paragraphs):
        start, end = para.start, para.end
        opened = -1
        opener = ""
        seen = False
        paired = start  # where the last '' ends: of ''' only the first two are a mark
        for i in range(bisect.bisect_left(double_marks, start), len(double_marks)):
            at = double_marks[i]
            if at >= end:
                break
            mark = text[at]
            if mark == "'":
                if at < paired or at + 2 > end:
                    continue
                mark = "''"
                paired = at + 2
            stop = at + len(mark)
            before = text[at - 1] if at > start else " "
            after = text[stop] if stop < end else " "
            if mark in ('"', "''") and opener in ("“", "«", "„", "‹", "»"):
                if not (
                    opener == "“"
                    and not before.isspace()
                    and (after.isspace() or after in _CLOSES_BEFORE)
                    and "”" not in text[at:end]
                ):
                    continue  # straight marks inside a curly quote are nested
                mark = "”"  # “…," he said: a straight mark closes what no ” will
            if mark == "»" and opened < 0 and not after.isspace() and "«" in text[at:end]:
                mark = "»open"  # »…«, German style
            if mark == "«" and opener == "»open":
                found.append((opened, at + 1, True, False, 1, 1))
                opened, opener = -1, ""
                continue
            if mark == "»open":
                opened, opener = at, "»"
                opener = "»open"
                continue
            if (
                mark == "”"
                and opened < 0
                and (at == start or (before.isspace() and after.isalnum()))
                and "”" in text[stop:end]
            ):
                mark = "“"  # ”The ferry is late.” a typesetter's slip: ” opens
            elif mark in ("”", "»", "›") and opened < 0 and not seen:
                # A closing mark with no opening one before it in the paragraph: a
                # scraper dropped the opening mark at the paragraph's start.
                found.append((start, stop, False, False, 0, 1))
                seen = True
                continue
            seen = True
            if mark == "“" and opened >= 0 and not before.isspace() and after in _CLOSES_BEFORE:
                mark = "”"  # a typesetter's slip: “It's unusual,“ said …
            if mark in _OPENERS or (
                mark in ('"', "''")
                and (
                    (before in _OPENS_AFTER and not after.isspace())
                    or (opened < 0 and before.isspace() and after.isspace())
                )
                and not (opened >= 0 and opener == mark and after in _CLOSES_BEFORE)
            ):
                if mark == "“" and opener == "„":
                    found.append((opened, at + 1, True, False, 1, 1))  # „…“
                    opened = -1
                    opener = ""
                    continue
                if opened >= 0:
                    # A second opening mark: the first quote never closed.
                    found.append((opened, at, False, False, (2 if opener == "''" else 1), 0))
                opened, opener = at, mark
            elif opened >= 0:
                found.append((opened, stop, True, False, (2 if opener == "''" else 1), len(mark)))
                opened = -1
                opener = ""
        if opened >= 0:
            following = paragraphs[index + 1].text[:1] if index + 1 < len(paragraphs) else ""
            runs_on = following in _RUN_ON
            found.append((opened, end, runs_on, runs_on, (2 if opener == "''" else 1), 0))
    quotes: list[Quote] = []
    for qs, qe, balanced, continued, open_len, close_len in found:
        cs, ce = qs + open_len, qe - close_len
        # « Nous restons » : the spaces inside the marks are not the quote's.
        while cs < ce - 1 and text[cs].isspace():
            cs += 1
        while ce > cs + 1 and text[ce - 1].isspace():
            ce -= 1
        quotes.append(
            _quote(qs, qe, text[qs:qe], trusted_span(text, cs, ce), balanced, continued, 0)
        )
        for s, e in _single_quotes(text, single_marks, cs, ce):
            quotes.append(_quote(s, e, text[s:e], trusted_span(text, s + 1, e - 1), True, False, 1))
    # Quotes in single marks outside any double-quoted stretch (British style).
    doubles = QuoteIndex(quotes)
    for para in paragraphs:
        for s, e in _single_quotes(text, single_marks, para.start, para.end):
            if not doubles.holds(s):
                quotes.append(
                    _quote(s, e, text[s:e], trusted_span(text, s + 1, e - 1), True, False, 0)
                )
    quotes.sort(key=lambda q: (q.start, -q.end))
    return quotes


# --- the quotes of an article -------------------------------------------------------


class QuoteIndex:
    """The top-level quotes of an article, for asking which one holds an offset."""

    __slots__ = ("quotes", "starts")

    def __init__(self, quotes: Sequence[Quote]) -> None:
        # Top-level quotes never overlap one another, so sorted starts answer both
        # questions below with one bisection.
        self.quotes = [q for q in quotes if q.depth == 0]
        self.starts = [q.start for q in self.quotes]

    def holds(self, start: int, end: int | None = None) -> bool:
        """Return whether a quote (marks included) holds ``start`` (and ``end - 1``)."""
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and start < self.quotes[i].end and (end is None or end <= self.quotes[i].end)

    def starts_at(self, offset: int) -> bool:
        """Return whether a quote (its opening mark) starts at ``offset``."""
        i = bisect.bisect_left(self.starts, offset)
        return i < len(self.starts) and self.starts[i] == offset

    def within(self, start: int, end: int) -> list[tuple[int, int]]:
        """Return ``(start, end)`` of every quote that shares a character with ``[start, end)``."""
        i = max(0, bisect.bisect_right(self.starts, start) - 1)
        out = []
        while i < len(self.quotes) and self.quotes[i].start < end:
            q = self.quotes[i]
            if q.end > start:
                out.append((q.start, q.end))
            i += 1
        return out


# --- back-references -----------------------------------------------------------------

_DEFINITE = re.compile(r"(?:[Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose)[ ]")
_PRONOUNS = frozenset({"he", "she", "they", "it"})
_MALE = re.compile(rf"(?:{'|'.join(names.MALE_HONORIFICS)})\b")
_FEMALE = re.compile(rf"(?:{'|'.join(names.FEMALE_HONORIFICS)})\b")


def _gender(mention: str) -> str | None:
    if _MALE.match(mention):
        return "he"
    if _FEMALE.match(mention):
        return "she"
    return None


def refers_back(source: Span) -> bool:
    """Whether a source is a back-reference: a pronoun, or "the" and a noun ("the source")."""
    text = source.text
    return text.lower() in _PRONOUNS or (
        _DEFINITE.match(text) is not None and len(text.split()) == 2
    )


def resolve_source(source: Span, earlier: Sequence[Span]) -> Span | None:
    """Return the earlier full mention that ``source`` refers back to, if any.

    ``earlier`` lists, in text order, the mentions of possible speakers seen so
    far (sources, and people named in the text).  "the source" resolves to the
    most recent mention with the same head noun that is not itself a
    back-reference ("a China-based source"); "he" and "she" to the most recent
    mention of a person whose title does not say otherwise ("Ms. Tan" is not
    "he"); "they" to the most recent plural mention.
    """
    if not refers_back(source):
        return None  # a name, or a phrase that refers to nobody earlier
    word = source.text.lower()
    words = source.text.split()
    # The mentions a back-reference may stand for, the nearest first.
    candidates = (
        m
        for m in reversed(earlier)
        if m.start < source.start
        and m.text.lower() not in _PRONOUNS
        and (not _DEFINITE.match(m.text) or _NAMED.match(m.text))
    )
    if word in ("he", "she"):
        for mention in candidates:
            gender = _gender(mention.text)
            plural = mention.text.endswith("s") and gender is None
            if gender in (None, word) and mention.text[:1].isupper() and not plural:
                return mention
        return None
    if word == "it":
        for mention in candidates:
            if _gender(mention.text) is None and mention.text[:1].isupper():
                return mention  # "The Civil Aviation Directorate … it said"
        return None
    if word == "they":
        for mention in candidates:
            if mention.text.endswith("s") and not mention.text.endswith("’s"):
                return mention
        return None
    head = words[-1].lower()
    for mention in candidates:
        if mention.text.split()[-1].lower() == head:
            return mention
    return None


# People named in the text, for "he", "she" and "they": a titled name ("Ms. Tan"), a
# name of two or more capitalised words ("Felipe Duarte"), or a plural subject that
# opens a sentence ("Nurses at the district hospital have …").
_TITLES = "|".join(names.PERSON_HONORIFICS)
_PERSON = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}’'.-])(?:(?:{_TITLES})\.?[ ]\p{{Lu}}[\p{{L}}’'-]*+"
    r"(?:[ ]\p{Lu}[\p{L}’'-]*+){0,2}"
    r"|\p{Lu}\p{Ll}[\p{L}’'-]*+(?:[ ]\p{Lu}\p{Ll}[\p{L}’'-]*+){1,2}(?![ ]\p{Lu}))"
)
# The verb after the subject is matched, not looked ahead to, and the subject is not
# a group: in the `regex` module a lookahead or a group tried at each place a long word
# gives back costs the length of the word, which made a sentence that opens with one
# very long word take quadratic time.  The subject ends at the match's last space.
# "The National Weather Service": a definite name, not a back-reference.
_NAMED = re.compile(r"[Tt]he[ ][A-Z]")
_PLURAL_SUBJECT = regex.compile(
    r"^(?:(?:The|These|Those|Many|Some|Several|Most|Local)[ ])?(?:\p{L}+[ ]){0,2}?"
    r"\p{L}+[^s’'\W]s[ ](?:at|in|of|from|have|has|had|are|were|say|said|will|would|who|"
    r"\p{Ll}+ed\b)"
)


def person_mentions(text: str, sentence: Span) -> list[Span]:
    """Return the people and plural subjects a sentence names, in order."""
    out = []
    m = _PLURAL_SUBJECT.match(sentence.text)
    if m is not None:
        subject = m.group()[: m.group().rindex(" ")]
        out.append(Span(sentence.start, sentence.start + len(subject), subject))
    for p in _PERSON.finditer(sentence.text):
        if p.start() == 0 and p.group().split()[0] in ("The", "In", "On", "At", "But", "A"):
            continue
        s, e = sentence.start + p.start(), sentence.start + p.end()
        if text[max(sentence.start, s - 4) : s] in ("The ", "the "):
            s -= 4  # "The Civil Aviation Directorate": the name keeps its article
        out.append(Span(s, e, text[s:e]))
    return out
