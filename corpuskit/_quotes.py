"""Quotation marks → quotes; the words around them → who said it, with which verb.

Quotes are paired within a paragraph from its quotation marks: curly ``“ ”``,
straight ``"`` (opening or closing by what stands beside it), and single
``‘ ’`` where ``’`` between letters, or after a word-final ``s`` with no
``‘`` open, is an apostrophe.  A paragraph that ends inside a quote whose next
paragraph opens with a fresh mark is news style for a quote that runs on: the
quote is ``continued``; any other unclosed quote is ``balanced=False``.

Attribution follows the three-span model (source, cue, content) and the
patterns of news prose, each anchored on a quote's marks or a sentence's ends:

- after a quote: ``“…,” a ministry official, told …`` / ``“…,” said a source``;
- before a quote: ``Pyongyang warned of “…”``, ``X said: “…”``;
- reported speech: ``X (has) (earlier) reported (that) …``, ``…, the Chosun Ilbo
  reported.``, ``According to X, …``, ``…, according to X.``

Every pattern is bounded: noun phrases take at most a handful of words, and
searches run over one sentence or the few characters beside a mark.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

import attrs
import regex

from ._spans import Span, trusted_span

__all__ = [
    "Attribution",
    "Quote",
    "QuoteIndex",
    "ReportedSpeech",
    "attribute_quote",
    "find_quotes",
    "find_reported_speech",
    "person_mentions",
    "resolve_source",
]


@attrs.frozen
class Quote(Span):
    """Text between quotation marks; ``start``/``end``/``text`` include the marks.

    ``content`` is the span strictly inside the marks.  ``balanced`` is false
    when a mark is missing (broken text: a best effort); ``continued`` when the
    quote runs on into the next paragraph, news style, without a closing mark.
    ``depth`` is 0 for a quote and 1 for a quote inside another.
    """

    content: Span
    balanced: bool = True
    continued: bool = False
    depth: int = 0


@attrs.frozen
class Attribution:
    """Who says it (``source``), with which words (``cue``).

    ``resolved`` is the full earlier mention that a back-reference such as
    "the source" or "she" stands for, when there is one.
    """

    source: Span | None
    cue: Span | None
    resolved: Span | None = None


@attrs.frozen
class ReportedSpeech:
    """A statement attributed without quotation marks: its content and attribution."""

    content: Span
    attribution: Attribution


# --- quotation marks ---------------------------------------------------------------

_MARKS = re.compile('["“”‘’]')
# Double quotation marks: curly, straight, two apostrophes (''…''), guillemets and
# the low-high pair „…“.
_DOUBLE_MARKS = re.compile("''|[\"“”«»„‹›]")
_OPENERS = frozenset("“«„‹")
_SINGLE_MARKS = re.compile("[‘’‚']")
# A ’ after a word-final s closes an open quote before these ("‘… theirs’, the judge").
_CLOSES_SINGLE = frozenset(",.;:!?)")
# A paragraph that opens with one of these continues a quote left open.
_RUN_ON = frozenset(('"', "“", "'", "«", "„"))
# A straight mark that is open is closed, not opened again, before these.
_CLOSES_BEFORE = frozenset(" \t\n\r\u00a0,.;:!?)]}—–-")
_QUOTE_MARKS = frozenset('"“”‘’')
# Straight double quotes open after these (or at the start of a paragraph).
_OPENS_AFTER = frozenset(" \t\n\r\u00a0([{—–-/“‘")


def _is_apostrophe(text: str, at: int, start: int, end: int) -> bool:
    """Whether ``’`` at ``at`` is an apostrophe: between letters, or after a word's "s"."""
    before = text[at - 1] if at > start else " "
    after = text[at + 1] if at + 1 < end else " "
    if before.isalnum() and after.isalnum():
        return True  # they’re, Workers’Party
    return before in "sS" and not after.isalnum() and after not in '”"' and after != "’"


def _single_quotes(
    text: str, start: int, end: int, depth: int, out: list[tuple[int, int, bool, bool, int]]
) -> None:
    """Pair ‘…’, ‚…‘ and straight '…' inside ``text[start:end]``, skipping apostrophes."""
    opened = -1
    opener = ""
    for m in _SINGLE_MARKS.finditer(text, start, end):
        at = m.start()
        mark = text[at]
        before = text[at - 1] if at > start else " "
        after = text[at + 1] if at + 1 < end else " "
        if mark == "‘" and opener == "‚":
            out.append((opened, at + 1, True, False, depth))  # ‚…‘
            opened, opener = -1, ""
        elif mark in "‘‚" or (mark == "'" and not before.isalnum() and after.isalnum()):
            if not before.isalnum():
                opened, opener = at, mark
        elif opened >= 0 and (
            not _is_apostrophe(text, at, start, end)
            or (before in "sS" and after in _CLOSES_SINGLE and opener in "‘'")
        ):
            out.append((opened, at + 1, True, False, depth))
            opened, opener = -1, ""


def find_quotes(text: str, paragraphs: Sequence[Span]) -> list[Quote]:  # noqa: PLR0912, PLR0915 (one branch a kind of mark)
    """Return the quotes of the given paragraphs, in text order."""
    # start, end, balanced, continued, length of the opening and closing marks
    found: list[tuple[int, int, bool, bool, int, int]] = []
    for index, para in enumerate(paragraphs):
        start, end = para.start, para.end
        opened = -1
        opener = ""
        seen = False
        for m in _DOUBLE_MARKS.finditer(text, start, end):
            at, mark = m.start(), m.group()
            before = text[at - 1] if at > start else " "
            after = text[m.end()] if m.end() < end else " "
            if mark in ('"', "''") and opener in ("“", "«", "„", "‹", "»"):
                continue  # straight marks inside a curly quote are nested
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
            if mark in ("”", "»", "›") and opened < 0 and not seen:
                # A closing mark with no opening one before it in the paragraph: a
                # scraper dropped the opening mark at the paragraph's start.
                found.append((start, m.end(), False, False, 0, 1))
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
                found.append(
                    (opened, m.end(), True, False, (2 if opener == "''" else 1), len(mark))
                )
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
        inner: list[tuple[int, int, bool, bool, int]] = []
        _single_quotes(text, cs, ce, 1, inner)
        quotes.append(
            Quote(qs, qe, text[qs:qe], trusted_span(text, cs, ce), balanced, continued, 0)
        )
        quotes.extend(
            Quote(s, e, text[s:e], Span(s + 1, e - 1, text[s + 1 : e - 1]), b, c, d)
            for s, e, b, c, d in inner
        )
    # Quotes in single marks outside any double-quoted stretch (British style).
    doubles = QuoteIndex(quotes)
    for para in paragraphs:
        outer: list[tuple[int, int, bool, bool, int]] = []
        _single_quotes(text, para.start, para.end, 0, outer)
        for s, e, b, c, d in outer:
            if not doubles.holds(s):
                quotes.append(Quote(s, e, text[s:e], trusted_span(text, s + 1, e - 1), b, c, d))
    quotes.sort(key=lambda q: (q.start, -q.end))
    return quotes


# --- sources and cues ----------------------------------------------------------------

_CUE_VERBS = (
    "said|says|say|told|tells|tell|added|adds|continued|continues|explained|explains|stated|"
    "states|noted|notes|warned|warns|claimed|claims|insisted|insists|argued|argues|reported|"
    "reports|report|confirmed|confirms|denied|denies|announced|announces|asked|asks|replied|"
    "replies|wrote|writes|learned|learnt|speculated|speculate|speculates|believes|believe|"
    "believed|suggested|suggests|acknowledged|admitted|stressed|emphasized|emphasised|urged|"
    "revealed|disclosed|predicted|recalled|remarked|observed|commented|concluded|alleged|"
    "maintained|testified|indicated|estimated|estimates|estimate|agreed|complained|cautioned"
)
# Before a quoted phrase, naming it: "called the budget “a gift to the banks”".
_NAMING_VERBS = "called|calls|described|describes|dubbed|labelled|labeled|branded|termed"
# Verbs that report a clause with no "that" ("Local media reported the defectors were …").
_BARE_CLAUSE_CUES = frozenset(
    "said says say reported reports report believes believe believed claimed claims "
    "estimated estimates estimate told tells".split()
)
_CUE = rf"(?:{_CUE_VERBS})(?:[ ]of)?"
_AUX = r"(?:has|have|had|did|does|do|will|would|could|may|might|must|should)"
_ADV = r"(?:also|earlier|previously|reportedly|recently|later|further|again|however|then|once)"
# Words a noun phrase does not hold: they start clauses, phrases or the cue itself.
# Cue words that are also nouns ("the report said", "according to estimates") may
# stand in a noun phrase; the regex finds the split where a cue follows.
_NOUN_CUES = frozenset("report reports estimate estimates claims notes states".split())
_STOP = (
    rf"(?:the|a|an|The|A|An|"
    rf"who|which|that|and|but|or|when|if|because|while|as|on|in|at|of|from|with|for|to|by|"
    rf"after|before|during|about|into|than|it|is|was|were|are|be|been|{_AUX}|{_ADV}|"
    + "|".join(w for w in _CUE_VERBS.split("|") if w not in _NOUN_CUES)
    + rf"|{_NAMING_VERBS})"
)
_TITLE = r"(?:Mr|Ms|Mrs|Dr|Prof|Gen|Col|Lt|Sgt|Rep|Sen|Gov|Capt|Maj|Adm|Rev|Fr|St)\."
_W = rf"(?!{_STOP}(?![\p{{L}}\p{{N}}’'-]))(?:{_TITLE}|[\p{{L}}\p{{N}}][\p{{L}}\p{{N}}’'-]*+)"
_PRONOUN = r"(?:[Hh]e|[Ss]he|[Tt]hey)"
_DET = r"(?:[Tt]he|[Aa]n?)"
# A noun phrase from its first word to its head noun, at most six words.
_NP = rf"(?:{_PRONOUN}(?![\p{{L}}])|(?:{_DET}[ ])?{_W}(?:[ ]{_W}){{0,5}})"
# A phrase after the head that is matched but not cited ("officials in Seoul").
_PP = r"(?:[ ](?:in|at|of|from|with|for|on)[ ](?:[\p{L}\p{N}’'.-]+[ ]){0,4}?[\p{L}\p{N}’'-]+)"
# Words between a cue and what it reports: "told reporters", "said on Sunday".
_OBJECT = rf"(?:[ ](?:the[ ]|a[ ]|an[ ])?{_W})"
_WHEN = r"(?:[ ](?:on|in|at|late|early|last|this)[ ](?:[\p{L}\p{N}]+[ ]){0,2}?[\p{L}\p{N}]+)"
_NOT_WORD = r"(?![\p{L}\p{N}])"

# After a closing mark: ", a ministry official, told" / ", said a source" / ", he said".
_AFTER_QUOTE = regex.compile(
    rf",?[ ]++(?:(?P<cue1>{_CUE})[ ](?P<src1>{_NP})|(?P<src2>{_NP}){_PP}?,?[ ]"
    rf"(?:{_AUX}[ ])?(?:{_ADV}[ ])?(?P<cue2>{_CUE})){_NOT_WORD}"
)
# Before an opening mark: "Pyongyang warned of", "X said:", "X told the court:",
# "The opposition called the budget".
_BEFORE_QUOTE = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}’'.-])(?P<src>{_NP}){_PP}?[ ](?:{_AUX}[ ])?(?:{_ADV}[ ])?"
    rf"(?P<cue>{_CUE}|{_NAMING_VERBS}){_NOT_WORD}(?:{_OBJECT}{{1,3}}?)?(?:[ ]that)?[ ]*+[,:]?[ ]*+$"
)
_BEFORE_WINDOW = 160

# Reported speech, sentence by sentence.  A sentence may open with a short adjunct.
_OPENER = r"(?:(?:In|On|At|Last|Earlier|Later|Meanwhile|However|But)[^,]{0,40},[ ])?"
# Nouns that head a source ("the national statistics office", "Daily NK sources").
_HEAD = (
    r"(?:sources?|officials?|spokes(?:person|man|woman|people)|ministers?|ministry|ministries|"
    r"media|agency|agencies|newspapers?|daily|police|analysts?|experts?|residents?|workers?|"
    r"defectors?|diplomats?|government|military|authorities|person|people|witness(?:es)?|"
    r"observers?|researchers?|president|leader|chief|director|head|professors?|insiders?|"
    r"officers?|employees?|managers?|members?|lawmakers?|reporters?|journalists?|"
    r"representatives?|activists?|citizens?|traders?|merchants?|doctors?|scientists?|"
    r"economists?|farmers?|soldiers?|students?|locals?|individuals?|groups?|office|committee|"
    r"council|service|institute|organi[sz]ation|company|firm|bank|union|bureau|agency|radio|"
    r"television|broadcaster)"
)
# Without a comma after it, a source must end in a known head noun, or it would run
# on into the statement ("According to the statistics office unemployment rose").
_HEADED_NP = rf"(?:{_DET}[ ])?(?:{_W}[ ]){{0,5}}?(?i:{_HEAD}){_NOT_WORD}"
# The statement runs to the end of the sentence (greedy, then one final stop is
# dropped), which keeps the match a single pass.
_ACCORDING_START = regex.compile(
    rf"{_OPENER}(?P<cue>[Aa]ccording[ ]to)[ ](?:(?P<src>{_NP}){_PP}?,|(?P<src>{_HEADED_NP}))"
    r"[ ]+(?P<content>[\p{L}\p{N}].*)",
    regex.DOTALL,  # a statement may run over a wrapped line
)
# An apposition between the source and its verb: "Kim, 45, said", "A spokesman for
# the ministry, Lee Jae-myung, said".
_APPOSITION = r"(?:,[ ][^,]{1,60},)"
_SAID_START = regex.compile(
    rf"{_OPENER}(?P<src>{_NP}){_PP}?{_APPOSITION}?[ ](?:{_AUX},?[ ])?(?:{_ADV},?[ ])?"
    rf"(?P<cue>{_CUE})"
    rf"(?:,?[ ]{_ADV},?)?"
    # "told reporters (on Sunday)": only "told" takes its listener before the report;
    # any cue may take a time before "that" ("said on Sunday that").
    rf"(?:(?<=told|tells)(?P<object>{_OBJECT}){_WHEN}?|{_WHEN}(?=[ ]that[ ]))?"
    r"[ ](?P<that>that[ ])?(?P<content>[\p{L}\p{N}“\"‘].*)",
    regex.DOTALL,
)
# Attribution closing a sentence, matched from one of its last commas:
# "…, the Chosun Ilbo reported." / "…, according to Seoul."
# After the cue: a listener or a time ("said on Monday", "told reporters", "said in a
# statement"), or a clause set off by a comma ("said, adding that …").
_AFTER_CUE = r"(?:[ ][\p{L}\p{N}’'-]+){0,6}(?:,[ ].*)?"
_SAID_TAIL = regex.compile(
    rf",[ ]+(?P<src>{_NP}){_PP}?[ ](?:{_AUX}[ ])?(?:{_ADV}[ ])?(?P<cue>{_CUE})"
    rf"{_AFTER_CUE}[.!?]?$"
)
_ACCORDING_TAIL = regex.compile(rf",[ ]+(?P<cue>according[ ]to)[ ](?P<src>{_NP}){_PP}?[.!?]?$")
_TAIL_COMMAS = 3
_TAIL_WORDS = 12  # a closing attribution, with its time or listener, is this short


def _span(text: str, offset: int, m: regex.Match[str], group: str) -> Span | None:
    s, e = m.span(group)
    if s < 0:
        return None
    return trusted_span(text, offset + s, offset + e)


def attribute_quote(text: str, quote: Quote, first: Span, last: Span) -> Attribution | None:
    """Return the source and cue written beside ``quote``, if any.

    ``first`` and ``last`` are the sentences holding the quote's start and end;
    the attribution is looked for after the quote in ``last`` and before it in
    ``first``.
    """
    # After the quote: only when the quote ends in , ? ! or a comma follows it, or what
    # follows is lower case, so that a new sentence is not read as its attribution.
    if quote.end < last.end:
        end_mark = quote.content.text.rstrip()[-1:]
        window = text[quote.end : min(last.end, quote.end + _BEFORE_WINDOW)]
        m = _AFTER_QUOTE.match(window)
        opens = window.lstrip()[:1]
        if m is not None and (end_mark in ",?!—–-" or opens == "," or opens.islower()):
            source = _span(text, quote.end, m, "src1") or _span(text, quote.end, m, "src2")
            cue = _span(text, quote.end, m, "cue1") or _span(text, quote.end, m, "cue2")
            return Attribution(source, cue)
    if quote.start > first.start:
        begin = max(first.start, quote.start - _BEFORE_WINDOW)
        window = text[begin : quote.start]
        words = window.split()
        # The search is the dearest step: run it only when a cue word is there.
        if _CUE_TOKENS.isdisjoint(words) and _NAMING_TOKENS.isdisjoint(words):
            return None
        m = _BEFORE_QUOTE.search(window)
        if m is not None:
            return Attribution(_span(text, begin, m, "src"), _span(text, begin, m, "cue"))
    return None


# A sentence that reports speech holds a cue word; most sentences are passed over by
# one set test on their words (with the punctuation a cue may carry).
_CUE_TOKENS = frozenset(
    f"{word}{mark}"
    for word in (*_CUE_VERBS.split("|"), "according", "According")
    for mark in ("", ".", ",", ":", "?", "!")
)


_NAMING_TOKENS = frozenset(_NAMING_VERBS.split("|"))


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

    def overlaps(self, start: int, end: int) -> bool:
        """Return whether a quote shares a character with ``[start, end)``."""
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and self.quotes[i].end > start


def find_reported_speech(text: str, sentence: Span, quotes: QuoteIndex) -> ReportedSpeech | None:
    """Return the statement a sentence reports without quotation marks, if it does."""
    s = sentence.text
    words = s.split()
    if _CUE_TOKENS.isdisjoint(words):
        return None
    found = _reported_at_end(s, words) or _reported_at_start(s)
    if found is None:
        return None
    m, (cs, ce), bare = found
    if ce > cs and s[ce - 1] in ".!?":
        ce -= 1
    while ce > cs and s[ce - 1].isspace():
        ce -= 1
    if ce <= cs:
        return None
    start = sentence.start
    content = trusted_span(text, start + cs, start + ce)
    if quotes.holds(content.start, content.end):
        return None  # a statement inside a quote, or a quote: the quote holds it
    if bare and quotes.overlaps(content.start, content.end):
        return None  # "told the court: “…”": the quote is the statement
    return ReportedSpeech(
        content, Attribution(_span(text, start, m, "src"), _span(text, start, m, "cue"))
    )


_Reported = tuple[regex.Match[str], tuple[int, int], bool]


def _reported_at_end(s: str, words: list[str]) -> _Reported | None:
    """Find an attribution after the statement: "…, the Chosun Ilbo reported."."""
    if "ccording to" not in s and _CUE_TOKENS.isdisjoint(words[-_TAIL_WORDS:]):
        return None
    comma = len(s)
    for _ in range(_TAIL_COMMAS):
        comma = s.rfind(",", 0, comma)
        if comma <= 0:
            return None
        m = _SAID_TAIL.match(s, comma) or _ACCORDING_TAIL.match(s, comma)
        if m is not None:
            return m, (0, comma), False
    return None


def _reported_at_start(s: str) -> _Reported | None:
    """Find an attribution before the statement: "Local media reported (that) …"."""
    m = None
    if "ccording to" in s:
        m = _ACCORDING_START.match(s)
    if m is None and s[0] not in _QUOTE_MARKS:
        m = _SAID_START.match(s)
        if m is not None:
            bare = m.group("that") is None
            if bare and m.group("cue").split()[0].lower() not in _BARE_CLAUSE_CUES:
                return None  # "Seoul denied the claims": a verb with an object, not a report
            return m, m.span("content"), bare
    if m is None:
        return None
    return m, m.span("content"), False


_DEFINITE = re.compile(r"(?:[Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose)[ ]")
_PRONOUNS = frozenset({"he", "she", "they", "it"})
_MALE = re.compile(r"(?:Mr|Sir|Lord|King|Prince)\b")
_FEMALE = re.compile(r"(?:Ms|Mrs|Miss|Madam|Lady|Queen|Princess)\b")


def _gender(mention: str) -> str | None:
    if _MALE.match(mention):
        return "he"
    if _FEMALE.match(mention):
        return "she"
    return None


def resolve_source(source: Span, earlier: Sequence[Span]) -> Span | None:
    """Return the earlier full mention that ``source`` refers back to, if any.

    ``earlier`` lists, in text order, the mentions of possible speakers seen so
    far (sources, and people named in the text).  "the source" resolves to the
    most recent mention with the same head noun that is not itself a
    back-reference ("a China-based source"); "he" and "she" to the most recent
    mention of a person whose title does not say otherwise ("Ms. Tan" is not
    "he"); "they" to the most recent plural mention.
    """
    word = source.text.lower()
    candidates = [
        m
        for m in earlier
        if m.text.lower() not in _PRONOUNS
        and (not _DEFINITE.match(m.text) or _NAMED.match(m.text))
        and m.start < source.start
    ]
    if word in ("he", "she"):
        for mention in reversed(candidates):
            gender = _gender(mention.text)
            plural = mention.text.endswith("s") and gender is None
            if gender in (None, word) and mention.text[:1].isupper() and not plural:
                return mention
        return None
    if word == "it":
        for mention in reversed(candidates):
            if _gender(mention.text) is None and mention.text[:1].isupper():
                return mention  # "The Civil Aviation Directorate … it said"
        return None
    if word == "they":
        for mention in reversed(candidates):
            if mention.text.endswith("s") and not mention.text.endswith("’s"):
                return mention
        return None
    words = source.text.split()
    if not _DEFINITE.match(source.text) or len(words) != 2:
        return None
    head = words[-1].lower()
    for mention in reversed(candidates):
        if mention.text.split()[-1].lower() == head:
            return mention
    return None


# People named in the text, for "he", "she" and "they": a titled name ("Ms. Tan"), a
# name of two or more capitalised words ("Felipe Duarte"), or a plural subject that
# opens a sentence ("Nurses at the district hospital have …").
_PERSON = regex.compile(
    r"(?<![\p{L}\p{N}’'.-])(?:(?:Mr|Ms|Mrs|Dr|Prof|Miss|Sir)\.?[ ]\p{Lu}[\p{L}’'-]*+"
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
