"""Who said what: the source, cue and content of quotes and reported speech.

Attribution follows the three-span model (source, cue, content).  A sentence is
read as a short list of word and punctuation tokens; a cue is a form of a
reporting verb (`corpuskit.lexicon.speech`) or "according to" that stands
outside every quote and is used as a verb.  Around a cue the forms of news
prose are recognised by the tokens beside it:

- source first: ``X said (that) …``, ``X, 54, a lawyer, told reporters …``,
  ``X and Y say …``, ``X praised … and added that …`` (the source of an elided
  subject is the sentence's subject);
- source after the cue (inverted): ``…, said X, an economist at Y.``,
  ``“…,” said X``;
- closing attribution: ``…, the ministry said.``, ``…, according to X.``;
- parenthetical: ``The bank, he said, would cut 400 jobs.`` (the content is in
  two pieces around the attribution);
- before a quote: ``She said: “…”``, ``He told the BBC, “…”``.

Every step looks at a bounded number of tokens beside the cue, so a sentence
costs time in proportion to its length.
"""

from __future__ import annotations

import bisect
import functools
import re

import attrs
import regex

from corpuskit.lexicon import dates, news, speech
from corpuskit.model.quotes import Attribution, Quote
from corpuskit.model.spans import Span, trusted_span
from corpuskit.stages.quotes import QuoteIndex

__all__ = [
    "ReportedSpeech",
    "attribute_quote",
    "attribution_before",
    "clear_token_cache",
    "find_reported_speech",
    "is_heading",
    "speaker_label",
    "trim_source",
]


@attrs.frozen
class ReportedSpeech:
    """A statement attributed without quotation marks: its content and attribution.

    ``parts`` holds the content's pieces when the attribution stands inside it
    ("The bank, he said, would cut 400 jobs"); ``content`` is then the whole
    stretch from the first piece's start to the last piece's end.
    """

    content: Span
    attribution: Attribution
    parts: tuple[Span, ...] = ()


# --- words -------------------------------------------------------------------------

_FORMS: dict[str, str] = {}  # inflection (first word of a phrasal verb) → lemma
_PHRASAL: dict[str, str] = {}  # first word → particle ("pointed" → "out")
for _lemma, _verb in speech.REPORTING_VERBS.items():
    for _form in _verb.forms:
        _first, _, _particle = _form.partition(" ")
        if _particle:
            _PHRASAL[_first] = _particle
        _FORMS.setdefault(_first, _lemma)

_DETERMINERS = frozenset(
    "the a an this that these those his her its their our my your some many most several "
    "all both each every another other few no any".split()
)
_POSSESSIVES = frozenset("his her its their our my your".split())
_PRONOUNS = frozenset("he she they it we i you".split())
# Words that end a noun phrase read leftwards from its cue.
_CLAUSE_WORDS = frozenset(
    "that which who whom whose when where while if because as after before since though "
    "although than whether but so yet not nor n't never until unless once what how why "
    "there here then".split()
)
_LEADING = frozenset(
    "and but or so yet now then still also meanwhile however instead indeed later earlier "
    "separately moreover even soon please".split()
)
_AUX = speech.AUXILIARIES
_ADVERBS = speech.CLAUSE_ADVERBS
_ADJUNCTS = speech.ADJUNCT_WORDS
_TIME_WORDS = frozenset(
    w.lower() for w in (*dates.MONTHS, *dates.MONTH_ABBREVIATIONS, *dates.DAYS)
) | frozenset(
    "week weekend month year morning afternoon evening night day days weeks months years "
    "time today yesterday tonight tomorrow earlier later recently".split()
)
_ED_ADJECTIVES = frozenset(
    "retired elected unnamed united armed concerned detailed advanced named unidentified "
    "appointed designated qualified alleged embattled respected celebrated noted registered "
    "surveyed polled interviewed questioned affiliated unaffiliated undecided".split()
)
_TRAILING = speech.TRAILING_PARTICIPLES
_VERBS = speech.COMMON_VERBS
_HEADS = speech.SOURCE_HEADS
_FLOATING = frozenset(("both", "all", "each"))
# Prepositions a source read leftwards never opens with ("backed by Ana Ruiz").
_PREPOSITIONS = frozenset("of for from at by with to in on".split())
_NAME_LINKS = frozenset("of for from at and de van von der la le del da".split())
# Words that open a sentence with a phrase before its subject.
_OPENING_WORDS = frozenset(
    "in on at amid after before during despite with without following since while as "
    "when although though because if for from by under over across among unlike like "
    "asked speaking".split()
)
_INVERTING = frozenset(lemma for lemma, verb in speech.REPORTING_VERBS.items() if verb.inverts)
_OBJECT_PRONOUNS = frozenset("him her them us me".split())
_BE = frozenset("is are was were be been being am".split())
# Words after which a source opens its own clause: "while officials said …".
_SUBORDINATORS = frozenset(
    "and but or so yet while because when if after before since though although as "
    "whereas once until then also now that where even".split()
)
_SPEECH_NOUNS = speech.SPEECH_NOUNS
_IRREGULAR_PAST = frozenset("said told wrote written spoke spoken".split())
# Phrasal cues that are cues only with their particle: "pointed out", "put it".
_PARTICLE_REQUIRED = frozenset(("point_out", "chime_in", "put_it"))
_FUNCTION_WORDS = (
    _DETERMINERS
    | _PRONOUNS
    | _AUX
    | _BE
    | _CLAUSE_WORDS
    | _PREPOSITIONS
    | _ADVERBS
    | frozenset("to and or but not never".split())
)
# Words that open an adverbial clause, not a report: "said as he left".
_ADVERBIAL_OPENERS = frozenset(
    "as while when after before because since though although until amid during".split()
)
# Verbs that take a participle after them: "kept saying", "began asking".
_CATENATIVES = frozenset(
    "keep keeps kept begin begins began start starts started stop stops stopped "
    "continue continues continued".split()
)
# Verbs whose listener "to" introduces: "wrote to his followers", "said to reporters".
_TO_LISTENER = frozenset(
    "say write explain complain announce declare admit confess mention suggest recount "
    "reply respond post tweet report boast brag whisper shout yell speak".split()
)
# Words for people that a restrictive relative clause may follow in a source.
_PEOPLE = frozenset("those people anyone everyone others many some voters".split())
_ASIDE_OPENERS = frozenset(("for", "in", "of", "at", "by", "as"))
_RELATIVES = frozenset("who whom whose which that where".split())
_DASHES = frozenset("― — – - --".split())
# The finite forms of "say" and "write", which may take "of" whom the words are about.
_SAY_OF = frozenset(
    f
    for lemma in ("say", "write", "joke", "quip", "remark")
    for f in speech.REPORTING_VERBS[lemma].forms[:3]
)
_QUESTION_WORDS = frozenset("whether if why how what when where who which".split())
# One-word asides between commas before a cue: "Ostrow, though, said".
_ASIDES = frozenset("though too however meanwhile instead also nonetheless".split())
# Quantifiers that stand alone as a source: "Some said", "Many say".
_QUANTIFIER_SOURCES = frozenset("some many most several both all few another".split())
_NOUN_CUES = speech.NOUN_CUES


# Letters and digits (``[^\W_]``), joined by an apostrophe, a full stop, "&", "/" or
# "-" ("U.S.", "AT&T", "co-founder", "don’t") or a thousands comma; two
# apostrophes (a quotation mark); any other non-space character. The standard
# engine reads it faster than ``regex``; its loops are possessive.
_TOKEN = re.compile(r"[^\W_]++(?:[’'.&/-][^\W_]++|,\d++)*+|''|\S")
# A sentence with none of these words reports nothing: one set test on its words
# passes it over.
# The cue words are ASCII: runs of ASCII letters find every one of them in a
# lower-cased sentence, and the standard engine runs them fastest.
_WORD = re.compile(r"[a-z]+")
_CUE_WORDS = frozenset(_FORMS) | {"according"}
_NO_CONTENT = frozenset("why how what when where whether it this that so enough".split())
_MAX_NP = 12  # tokens of a source read leftwards or rightwards
_MAX_APPOSITION = 30  # tokens between the commas of an apposition


class _Tok:
    __slots__ = ("end", "lower", "quoted", "start", "text", "word")

    def __init__(self, start: int, end: int, text: str, lower: str, quoted: bool) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.lower = lower
        self.word = text[0].isalnum()
        self.quoted = quoted


@functools.lru_cache(maxsize=8)
def _sentence_tokens(
    text: str, start: int, end: int, quotes: QuoteIndex
) -> tuple[list[_Tok], list[int]]:
    """Return a sentence's tokens and their starts, read once for all its quotes.

    `extract_claims` clears the cache when it is done, so no text outlives its
    parse here.
    """
    toks = _tokens(text, start, end, quotes)
    return toks, [t.start for t in toks]


def _window(
    text: str, sentence: tuple[int, int], lo: int, hi: int, quotes: QuoteIndex
) -> list[_Tok]:
    """Return the tokens of ``sentence`` that lie inside ``[lo, hi)``."""
    toks, starts = _sentence_tokens(text, sentence[0], sentence[1], quotes)
    i = bisect.bisect_left(starts, lo)
    j = bisect.bisect_left(starts, hi, i)
    while j > i and toks[j - 1].end > hi:
        j -= 1
    return toks[i:j]


def clear_token_cache() -> None:
    """Forget the sentences read by the last parse."""
    _sentence_tokens.cache_clear()


def _tokens(text: str, start: int, end: int, quotes: QuoteIndex) -> list[_Tok]:
    """Return the tokens of ``text[start:end]``, each marked when a quote holds it."""
    chunk = text[start:end]
    low = chunk.lower()
    if len(low) != len(chunk):
        # A character whose lower case is longer ("İ"): lower each token alone.
        low = "".join(c.lower()[0] for c in chunk)
    if "’" in low:
        low = low.replace("’", "'")
    spans = [m.span() for m in _TOKEN.finditer(chunk)]
    toks = [_Tok(start + a, start + b, chunk[a:b], low[a:b], False) for a, b in spans]
    for qs, qe in quotes.within(start, end):
        # Mark the tokens that start inside each quote (marks included).
        k = bisect.bisect_left(spans, (qs - start, -1))
        while k < len(toks) and toks[k].start < qe:
            toks[k].quoted = True
            k += 1
    if _title_case(toks):
        # "Mayor Says Blast Was Deliberate": verbs and function words are read as
        # lower case, names keep their capitals.
        for t in toks[1:]:
            if t.lower in _FORMS or t.lower in _FUNCTION_WORDS:
                t.text = t.text.lower()
    return toks


def _title_case(toks: list[_Tok]) -> bool:
    """Whether a sentence is written in title case, as many headlines are."""
    words = lower = 0
    for t in toks:
        if t.word and len(t.text) > 3 and not t.quoted:
            words += 1
            if t.text[0].islower():
                lower += 1
                if lower > 0.2 * len(toks):
                    return False  # most sentences: over long before their end
    return words >= 3 and lower <= 0.2 * words


# Each cue form's set phrases, with the form's place in the phrase.
_SET_PHRASES: dict[str, list[tuple[tuple[str, ...], int]]] = {}
for _phrase in speech.SET_PHRASES:
    for _at, _word in enumerate(_phrase):
        if _word in _FORMS:
            _SET_PHRASES.setdefault(_word, []).append((_phrase, _at))


def _in_set_phrase(toks: list[_Tok], i: int) -> bool:
    """Whether the cue form at ``i`` is a word of a set phrase ("Having said that")."""
    for phrase, at in _SET_PHRASES.get(toks[i].lower, ()):
        lo = i - at
        if (
            lo >= 0
            and lo + len(phrase) <= len(toks)
            and all(toks[lo + k].lower == w for k, w in enumerate(phrase))
        ):
            return True
    return False


def _is_cue(toks: list[_Tok], i: int) -> str | None:
    """Return the lemma of the reporting verb at ``i`` when it is used as a verb."""
    t = toks[i]
    if t.quoted or not t.word:
        return None
    lemma = _FORMS.get(t.lower)
    if lemma is None or (t.lower in _SET_PHRASES and _in_set_phrase(toks, i)):
        return None
    if t.text[0].isupper() and i > 0:
        return None  # "the United States", "Says Who" in a title
    if (
        i > 0
        and toks[i - 1].text[0].isdigit()
        and t.lower.endswith("ed")
        and i + 1 < len(toks)
        and toks[i + 1].word
        and toks[i + 1].text[0].islower()
        and toks[i + 1].lower not in _FUNCTION_WORDS
    ):
        return None  # "271 pledged delegates": an adjective after a number
    particle = _PHRASAL.get(t.lower)
    if (
        particle is not None
        and lemma in _PARTICLE_REQUIRED
        and (i + 1 >= len(toks) or toks[i + 1].lower != particle)
    ):
        return None
    if t.lower.endswith("ing"):
        return None  # gerunds and participles are read by the sentence's main cue
    prev = toks[i - 1].lower if i > 0 else ""
    if (
        (prev in _DETERMINERS and prev not in _FLOATING and not _quantifier_source(toks, i))
        or prev.endswith(("’s", "'s"))
        or prev == "so-called"
    ):
        return None  # "the report", "Those estimates", "the said property"
    nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
    if t.lower in _NOUN_CUES and not _noun_cue_is_verb(toks, i, lemma):
        return None
    if prev == "to":
        return None  # "to say": an infinitive, read with its main verb
    if (t.lower.endswith("ed") or t.lower in _IRREGULAR_PAST) and _after_be(toks, i):
        return None  # "is assured of", "was first reported": a passive names no speaker
    if nxt == "to" and speech.REPORTING_VERBS[lemma].listener:
        return None  # "Minister told to quit": a headline's passive
    return lemma


def _base_form(lemma: str) -> str:
    return speech.REPORTING_VERBS[lemma].forms[0].split()[0]


_DAY = "|".join(dates.DAYS)
_MONTH = "|".join((*dates.MONTHS, *(f"{m}\\." for m in dates.MONTH_ABBREVIATIONS)))
# A time phrase that ends a source ("David Ames on Wednesday called …", "Wells
# Fargo just this month announced …"): when, not who.
_TRAILING_TIME = re.compile(
    rf"(?<!ed)(?<!wn)(?:,?[ \t\u00a0]++(?:just|only|earlier|later|also|again))*+"
    rf",?[ \t\u00a0]++(?:"
    rf"(?:on[ \t\u00a0]+)?(?:(?:early|late)[ \t\u00a0]+)?(?:{_DAY})"
    rf"(?:[ \t\u00a0]+(?:morning|afternoon|evening|night))?"
    rf"|(?:on[ \t\u00a0]+)?(?:{_MONTH})[ \t\u00a0]+\d{{1,2}}"
    rf"|(?:this|last|next)[ \t\u00a0]+(?:week|weekend|month|year|morning|afternoon|"
    rf"evening|spring|summer|fall|autumn|winter)"
    rf"|yesterday|today|tonight"
    rf"|in[ \t\u00a0]+(?:19|20)\d\d"
    rf")(?:[ \t\u00a0]+(?:also|again|too))?$"
)


# What the speaker was doing, set off after the name ("Ann Lee, speaking to a
# veterans group, said", "Ann Lee, at a press conference, said"): no part of who.
_TRAILING_ADJUNCT = re.compile(
    r",[ \t\u00a0]++(?:(?!(?:"
    + "|".join(speech.ING_ADJECTIVES)
    + r")\b)(?=[a-z]+ing\b)[a-z]++|(?:asked|interviewed)\b"
    r"|(?:at|during|in|on|after|before|while)[ \t\u00a0]++"
    r"(?:a|an|the|his|her|their|its|this|that)[ \t\u00a0]).*+$",
    re.DOTALL,
)
# A dateline before the source: "WASHINGTON -- President Ames, …".
_LEADING_DATELINE = re.compile(
    r"[A-Z][A-Z.'’ ]++(?:,[ ][A-Z][A-Za-z.]++)?[ \t\u00a0]*+(?:--|—|–)[ \t\u00a0]++"
)


def trim_source(text: str, source: Span) -> Span:
    """Return ``source`` without what tells when, where or how rather than who.

    A time phrase at its end ("Ann Lee on Tuesday"), a circumstance set off
    after the name ("Ann Lee, speaking to reporters"), a dateline before it.
    """
    start, end = source.start, source.end
    words = source.text
    found = _TRAILING_ADJUNCT.search(words)
    if found is not None and any(c.isalpha() for c in words[: found.start()]):
        end = start + found.start()
    # A time phrase right after the name, not inside an apposition ("Ann Lee, an
    # aide in 2012"): "Ann Lee on Tuesday".
    found = _TRAILING_TIME.search(words, 0, end - start)
    head = words[: found.start()] if found is not None else ""
    if found is not None and "," not in head and any(c.isalpha() for c in head):
        end = start + found.start()
    dateline = _LEADING_DATELINE.match(words, start - source.start, end - source.start)
    if dateline is not None and any(
        c.isalpha() for c in words[dateline.end() : end - source.start]
    ):
        start = source.start + dateline.end()
    if (start, end) == (source.start, source.end):
        return source
    return trusted_span(text, start, end)


def _noun_before_head(toks: list[_Tok], i: int) -> bool:
    """Whether a cue that is also a noun modifies a head noun: "the state attorney"."""
    return (
        toks[i].lower in _NOUN_CUES
        and not toks[i].lower.endswith("s")
        and i + 1 < len(toks)
        and toks[i + 1].lower in _HEADS
        and toks[i + 1].lower not in _NOUN_CUES
    )


def _named_noun(toks: list[_Tok], i: int) -> bool:
    """Whether a noun cue in its bare form is a noun beside a name.

    "Battleground state Florida": before a name; "A Senate report found": after
    "a" or "the" and a name, where a verb would need its "-s".
    """
    t = toks[i]
    if t.lower not in _NOUN_CUES or t.lower.endswith("s") or i == 0:
        return False
    if i + 1 < len(toks) and toks[i + 1].word and toks[i + 1].text[0].isupper():
        return toks[i - 1].word and toks[i - 1].text[0].isupper()
    k = i - 1
    while k >= 0 and toks[k].word and toks[k].text[0].isupper():
        if toks[k].lower in ("a", "an", "the"):
            break
        k -= 1
    return k < i - 1 and k >= 0 and toks[k].lower in ("a", "an", "the")


def _noun_cue_is_verb(toks: list[_Tok], i: int, lemma: str) -> bool:
    """Whether a cue that is also a noun ("report", "states") is a verb at ``i``."""
    t = toks[i]
    prev = toks[i - 1].lower if i > 0 else ""
    nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
    # "states like Ohio", "combat-level stress": a noun unless a name or a
    # pronoun says it, or it ends the clause ("the minister notes.").
    before = toks[i - 1] if i > 0 else None
    if nxt in ("of", "about", "from", "and", "or", "to", "for", "in", "on", "at"):
        return False  # "reports of shelling"
    if _noun_before_head(toks, i) or _named_noun(toks, i):
        return False  # "the New York state attorney general", "A Senate report found"
    if prev in _PREPOSITIONS:
        return False  # "secretary of state"
    if nxt == "that" and i + 2 < len(toks) and _verb_like(toks[i + 2]):
        return False  # "states that will vote": a relative clause after a noun
    # "the minister notes." ends on a verb; "his home state." on a noun.
    ends = nxt in ("", ".", ",", ":", ";", "that", "!", "?") and (
        nxt == "that" or t.lower != _base_form(lemma)
    )
    if before is None or not before.word:
        return False
    if before.text[0].isupper() or before.lower in _PRONOUNS:
        return not before.lower.isdigit()  # "Ms. Ruiz states", "he reports"
    return ends and not (
        before.lower in _CLAUSE_WORDS or before.lower in _LEADING or before.lower in _OPENING_WORDS
    )


def _after_be(toks: list[_Tok], i: int) -> bool:
    """Whether a form of "be" stands before ``i``, over adverbs: "was first reported"."""
    k = i - 1
    while k >= 0 and k > i - 4 and (toks[k].lower in _ADVERBS or _adverb(toks[k])):
        k -= 1
    return k >= 0 and toks[k].lower in _BE


def _quantifier_source(toks: list[_Tok], i: int) -> bool:
    """Whether the word before the cue at ``i`` is a quantifier standing for people.

    "Some said", "Many say": the quantifier opens its clause, and the cue is not a
    noun ("some reports").
    """
    if toks[i].lower in _NOUN_CUES or toks[i - 1].lower not in _QUANTIFIER_SOURCES:
        return False
    before = toks[i - 2] if i >= 2 else None
    return before is None or not before.word or before.lower in _LEADING


def _np_word(t: _Tok) -> bool:
    """Whether a token may stand inside a source noun phrase."""
    if t.quoted:
        return False
    if not t.word:
        return t.text in ("’", "'", "&", ".", "-", "(", ")")
    low = t.lower
    if (low in _FORMS and t.text[0].isupper() and low not in _CLAUSE_WORDS) or low in _NOUN_CUES:
        return True  # "the Post", "the State Department", "the report"
    if low in _FORMS and low.endswith("ing") and low not in _CLAUSE_WORDS:
        return True  # "people familiar with her thinking"
    if low in _CLAUSE_WORDS or low in _AUX or low in _FORMS:
        return low in ("may", "will", "can") and t.text[0].isupper()  # "Will Rogers"
    if low.endswith("ed") and len(low) > 4 and t.text[0].islower():
        return low in _ED_ADJECTIVES or "-" in low
    return True


def _left_np(toks: list[_Tok], end: int, lo: int) -> int:
    """Return the index where the noun phrase ending before ``end`` starts (``end`` if none)."""
    i = end
    skipped = 0  # tokens of parentheses passed over, not counted in the phrase's length
    while i > lo and end - i - skipped < _MAX_NP:
        t = toks[i - 1]
        if t.text == ")":
            # "Sen. Ann Ford (a Democrat so young he was taken for an aide) says"
            opening = next(
                (m for m in range(i - 2, max(lo - 1, i - 26), -1) if toks[m].text == "("), -1
            )
            if opening > lo:
                skipped += i - opening
                i = opening
                continue
        if t.lower in ("and", "&") and i < end:
            nxt = toks[i].lower
            before = toks[i - 2] if i - 2 >= lo else None
            if before is None or not _np_word(before) or nxt in ("then",):
                break
            i -= 1
            continue
        if _participle_in_np(toks, i - 1, end, lo):
            i -= 1
            continue
        if t.lower in ("of", "for", "from", "at", "in", "with", "to", "on", "by") and i < end:
            if i - 1 <= lo or not toks[i - 2].word:
                break
            i -= 1
            continue
        if (
            t.text == ","
            and i < end
            and i - 2 >= lo
            and toks[i - 2].word
            and _np_word(toks[i - 2])
            and toks[i - 2].lower not in _TIME_WORDS
            and _list_item(toks, i, end)
        ):
            i -= 1  # "Teachers, parents and pupils"
            continue
        if not _np_word(t):
            break
        i -= 1
    return _np_start(toks, i, end)


def _np_start(toks: list[_Tok], i: int, end: int) -> int:
    """Trim what a source read leftwards from ``end`` took in before its start."""
    if 0 < i < end and toks[i - 1].lower == "at" and toks[i].lower in ("least", "most"):
        return i - 1  # "At least a dozen members said": a hedge, not a preposition
    opened_by_preposition = i < end and (
        toks[i].lower in _PREPOSITIONS or (i > 0 and toks[i - 1].lower in _PREPOSITIONS)
    )
    while i < end and (toks[i].lower in _LEADING or toks[i].lower in _PREPOSITIONS):
        i += 1  # "But officials said": the conjunction is not the source
    if opened_by_preposition:
        # "In separate interviews, three employees said": an opening phrase, not a
        # list; the source starts after its comma.
        i = max([i, *(m + 1 for m in range(i, end) if toks[m].text == ",")])
    while i < end and not toks[i].word:
        i += 1
    pronoun = next((m for m in range(end - 1, i, -1) if toks[m].lower in _PRONOUNS), -1)
    if pronoun > i and not any(t.text == "(" for t in toks[i:end]):
        # "In 2019 she warned": the pronoun is the subject (one inside parentheses
        # is an aside's).
        i = pronoun
    # A preposition-led tail ("in Seoul") is part of the phrase; a lone
    # determiner or a phrase of only lower-case function words is not one.
    if i < end and all(t.lower in _DETERMINERS for t in toks[i:end]):
        if end - i == 1 and toks[i].lower in _QUANTIFIER_SOURCES:
            return i  # "Some said": the quantifier stands for people
        return end
    return i


def _participle_in_np(toks: list[_Tok], k: int, end: int, lo: int) -> bool:
    """Whether the "-ed" word at ``k`` belongs to a source read leftwards.

    "those surveyed said"; "A report published Wednesday said".
    """
    t = toks[k]
    if not (t.word and t.lower.endswith("ed") and k - 1 >= lo):
        return False
    if toks[k - 1].lower in ("those", "the", "people", "voters", "officials"):
        return True
    return (
        t.text[0].islower()
        and k + 1 < end
        and toks[k - 1].word
        and all(
            x.lower in _TIME_WORDS or x.lower in ("on", "last", "this") for x in toks[k + 1 : end]
        )
    )


def _list_item(toks: list[_Tok], i: int, end: int) -> bool:
    """Whether ``toks[i:end]`` is the end of a list: "parents and pupils"."""
    try:
        k = next(m for m in range(i, end) if toks[m].lower == "and")
    except StopIteration:
        return False
    return 0 < k - i <= 2 and not any(t.lower in _DETERMINERS for t in toks[i:k])


def _apposition_follows(toks: list[_Tok], i: int, hi: int) -> bool:
    """Whether an apposition may open at ``i``, after a comma that follows a source.

    Not a participle or a clause ("…, adding …", "…, and …", "…, was …"), nor a
    time or place phrase ("…, via email", "…, on Tuesday").
    """
    if i >= hi:
        return False
    nxt = toks[i]
    low = nxt.lower
    if low in _TRAILING or low in ("and", "but", "as", "while", "though", "although"):
        return False
    if low in ("more", "less", "fewer", "nearly", "almost", "roughly", "up", "down"):
        return False  # "…, more than twice what it projected": a quantity, no apposition
    if low in _OPENING_WORDS or low in ("to", "on") or low in _BE or low in _AUX:
        return False
    return not (low in _ADJUNCTS or (low.endswith("ing") and nxt.text[0].islower()))


def _right_np(toks: list[_Tok], start: int, hi: int) -> int:
    """Return the index after the source noun phrase that starts at ``start``.

    Before its first comma the phrase holds no verb; after it, an apposition or a
    relative clause runs on ("the union, which represents crane operators").
    """
    i = start
    appositive = False
    while i < hi and i - start < _MAX_NP + _MAX_APPOSITION:
        t = toks[i]
        if t.text == ",":
            if not _apposition_follows(toks, i + 1, hi):
                break
            appositive = True
            i += 1
            continue
        if t.lower in ("who", "whose") and i > start:
            appositive = True  # "a member who supports the plan"
        if not appositive and (
            t.lower in _AUX
            or (t.lower in _FORMS and t.lower not in _NOUN_CUES)
            or t.lower in _CLAUSE_WORDS
            or t.lower in _VERBS
        ):
            break
        adjunct = _adjunct_end(toks, i, hi) if t.lower in _ADJUNCTS and i > start else i
        if adjunct > i and not appositive:
            break
        if t.quoted and not t.word:
            break
        if not (t.word or t.text in ("’", "'", "&", ".", "-", "(", ")")):
            break
        i += 1
    if i >= hi - 1 and i > start and toks[i - 1].text == "." and i - 1 == len(toks) - 1:
        i -= 1  # the sentence's full stop
    while i > start and toks[i - 1].text in (",", "-", "(", "&", "."):
        if toks[i - 1].text == "." and i - 2 >= start and _abbrev(toks, i - 1):
            break
        i -= 1
    return i


def _adjunct_end(toks: list[_Tok], i: int, hi: int) -> int:  # noqa: PLR0912 (one branch a phrase shape)
    """Return the index after a time, place or manner phrase at ``i`` (``i`` if none)."""
    if i >= hi:
        return i
    t = toks[i]
    low = t.lower
    if low in _TIME_WORDS or (t.word and low.isdigit() and len(low) == 4):
        j = i + 1
        while j < hi and (toks[j].lower in _TIME_WORDS or toks[j].lower.isdigit()):
            j += 1
        return j
    if low in ("last", "this", "that", "next", "late", "early") and i + 1 < hi:
        nxt = toks[i + 1].lower
        if nxt in _TIME_WORDS or nxt in ("on", "in"):
            return _adjunct_end(toks, i + 1, hi) if nxt in ("on", "in") else i + 2
        return i
    if (low not in _ADJUNCTS and low not in ("with", "to", "for", "from")) or i + 1 >= hi:
        return i
    if low == "to" and not _listener_word(toks[i + 1]):
        return i  # "vowed to harshly punish …": an infinitive, what is reported
    j = i + 1
    if toks[j].lower in _DETERMINERS:
        j += 1
    k = j
    # "in a statement", "at a news conference in Lagos", "on Friday", "in Seoul".
    while k < hi and k - j < 4 and toks[k].word and not toks[k].quoted:
        w = toks[k]
        if w.lower in _SPEECH_NOUNS or w.lower in _TIME_WORDS or w.lower.isdigit():
            k += 1
            while k < hi and toks[k].lower in _SPEECH_NOUNS:
                k += 1
            return k
        if w.text[0].isupper() and w.lower not in _FORMS:
            k += 1
            while k < hi and toks[k].word and toks[k].text[0].isupper():
                k += 1
            return k
        if w.text[0].islower() and w.lower not in _FORMS and w.lower not in _CLAUSE_WORDS:
            k += 1  # "in a guest column", "at a televised news conference"
            continue
        if w.lower in _FORMS and k + 1 < hi and toks[k + 1].lower in _SPEECH_NOUNS:
            k += 1  # "in a written statement": a participle before its noun
            continue
        break
    if low == "to":
        return i  # "add to his duties or …": no adjunct to skip
    # Any short phrase that runs up to "that", a colon or a quote: "in parliament:".
    k = j
    while k < hi and k - j < 6 and toks[k].word and not toks[k].quoted:
        if toks[k].lower in _FORMS or toks[k].lower in _AUX or toks[k].lower in _VERBS:
            return i
        if toks[k].lower == "that":
            return k
        k += 1
    if k > j and k < hi and (toks[k].text in (":", ",") or (toks[k].quoted and not toks[k].word)):
        return k
    return i


def _skip_adjuncts(toks: list[_Tok], i: int, hi: int) -> int:
    for _ in range(6):
        j = _adjunct_end(toks, i, hi)
        if j == i:
            if i < hi and (toks[i].lower in _ADVERBS or _adverb(toks[i])):
                i += 1  # "replied evenly", "said again"
                continue
            return i
        i = j
    return i


def _listener_end(toks: list[_Tok], i: int, hi: int) -> int:
    """Return the index after the listener of "told reporters (that) …" (``i`` if none)."""
    if i < hi and toks[i].lower in _OBJECT_PRONOUNS:
        return i + 1  # "told her the plan would fail"
    j = i
    if j < hi and toks[j].lower in _DETERMINERS and toks[j].lower not in ("that", "this"):
        j += 1
    k = j
    while k < hi and k - j < 5:
        t = toks[k]
        if not _listener_token(t, first=k == j):
            break
        k += 1
        nxt = toks[k] if k < hi else None
        if (
            t.text[0].isupper()
            and not t.lower.endswith("'s")
            and nxt is not None
            and (nxt.lower in _PREPOSITIONS or nxt.lower in ("against", "about", "over"))
        ):
            break  # "warned the Fed against …": a name ends at a lower-case word
        if t.text[0].islower() and not (
            nxt is not None
            and nxt.word
            and nxt.text[0].islower()
            and nxt.lower not in _PRONOUNS
            and nxt.lower not in _DETERMINERS
            and nxt.lower not in _AUX
            and nxt.lower not in _PREPOSITIONS
            and nxt.lower not in _ADJUNCTS
        ):
            break  # "reporters", "the court": a lower-case noun ends it
    if k == j:
        return i
    if k < hi and (toks[k].lower in _AUX or toks[k].lower in _VERBS):
        return i  # "warned the move would …": the clause's subject, no listener
    if k < hi and toks[k].lower in ("of", "for", "from", "at") and k + 1 < hi:
        # "told a meeting of donors that …"
        m = k + 1
        while m < hi and m - k < 5 and toks[m].word and toks[m].lower not in ("that",):
            m += 1
        if m < hi and toks[m].lower == "that":
            return m
    return k


def _listener_token(t: _Tok, *, first: bool) -> bool:
    """Whether ``t`` may stand in a listener's noun phrase ("The Harbour Post")."""
    low = t.lower
    if not t.word or t.quoted or low in _DETERMINERS or low in _CLAUSE_WORDS:
        return False
    if low in _ADJUNCTS or low in _AUX or low in _PRONOUNS:
        return False
    # "told The Harbour Post": a capitalised "Post" is part of the name
    return low not in _FORMS or (not first and t.text[0].isupper())


def _that_after_listener(toks: list[_Tok], i: int, hi: int) -> int:
    """Return the index of the "that" that a listener and its adjuncts lead to (else ``i``).

    Between the cue and "that" stand only the words of noun phrases and
    prepositional phrases: no verb, pronoun subject, comma or quote.
    """
    for k in range(i, min(hi, i + 14)):
        t = toks[k]
        if t.lower == "that":
            return k if k > i else i
        if (
            t.quoted
            or not t.word
            or t.lower in _FORMS
            or t.lower in _AUX
            or t.lower in _BE
            or t.lower in _VERBS
            or t.lower in ("he", "she", "they", "we", "i", "it")
        ):
            return i
    return i


def _listener_word(t: _Tok) -> bool:
    """Whether a listener may open at ``t`` after "to": "wrote to his followers"."""
    return t.word and (
        t.lower in _DETERMINERS
        or t.lower in _POSSESSIVES
        or t.lower in _OBJECT_PRONOUNS
        or t.text[0].isupper()
        or t.lower in _HEADS
    )


def _strip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and text[end - 1] in ".!?;:,":
        end -= 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _subject(toks: list[_Tok], lo: int, hi: int) -> tuple[int, int] | None:
    """Return the sentence's subject, read from ``lo``: "The minister praised … and added"."""
    i = lo
    if (
        i + 2 < hi
        and toks[i].lower in ("this", "last", "next", "earlier", "later")
        and toks[i + 1].lower in _TIME_WORDS
        and toks[i + 2].text == ","
    ):
        i += 3  # "This week, the president …"
    if (
        i < hi
        and toks[i].text[0].isupper()
        and toks[i].lower.endswith("ed")
        and i + 1 < hi
        and toks[i + 1].lower in ("by", "with", "in", "at", "from")
    ):
        # "Chastened by the defeat, the senator …": an opening participle phrase.
        comma = next((m for m in range(i, min(hi, i + 14)) if toks[m].text == ","), -1)
        if comma < 0:
            return None
        i = comma + 1
    if i < hi and toks[i].lower in _OPENING_WORDS:
        # "In a July interview, he …": the subject follows the opening phrase.
        comma = next((m for m in range(i, min(hi, i + 14)) if toks[m].text == ","), -1)
        if comma < 0:
            return None
        i = comma + 1
    while i < hi and toks[i].lower in _LEADING:
        i += 1
    if i < hi and toks[i].lower in _PRONOUNS:
        return i, i + 1
    j = i
    named = False
    while j < hi and j - i < 10:
        t = toks[j]
        low = t.lower
        if t.text == "(" and named:
            close = next((m for m in range(j, min(hi, j + 6)) if toks[m].text == ")"), -1)
            if close < 0:
                break
            j = close + 1  # "Sen. Ann Ford (I-Vt.)": the party label belongs to the name
            continue
        if _subject_ends(toks, j, i, named=named):
            break
        named = named or (
            t.text[0].isupper()
            and low not in _DETERMINERS
            and (j > i or (j + 1 < hi and toks[j + 1].text[:1].isupper()))
        )
        j += 1
    if j == i or j >= hi:
        return None
    return i, _with_apposition(toks, i, j, hi)


def _with_apposition(toks: list[_Tok], i: int, j: int, hi: int) -> int:
    """Return where a subject ``i:j`` ends with the apposition after it, if one follows.

    "Rendell, a Clinton surrogate, said …": the apposition belongs to the name.
    """
    if toks[j].text != "," or not toks[i].text[0].isupper():
        return j
    k = next((m for m in range(j + 1, min(hi, j + _MAX_APPOSITION)) if toks[m].text == ","), -1)
    if k > j + 1 and k + 1 < hi and _apposition(toks, j + 1, k) and _verb_after(toks, k + 1):
        return k
    return j


def _verb_after(toks: list[_Tok], k: int) -> bool:
    """Whether a verb, with its auxiliaries or adverbs, opens at ``k``."""
    while k < len(toks) and (
        toks[k].lower in _AUX or toks[k].lower in _ADVERBS or _adverb(toks[k])
    ):
        k += 1
    return k < len(toks) and _verb_follows(toks, k - 1)


def _subject_ends(toks: list[_Tok], j: int, i: int, *, named: bool) -> bool:
    """Whether a subject read from ``i`` ends before the token at ``j``."""
    t = toks[j]
    low = t.lower
    if t.quoted or low in _CLAUSE_WORDS:
        return True
    if (low in _AUX or low in _ADVERBS) and not (named and _name_word(toks, j)):
        return True  # not "Theresa May", "USA Today"
    if not t.word and not (t.text == "." and (named or _abbrev(toks, j))):
        return True
    if _noun_before_head(toks, j):
        return False  # "New York state attorney general"
    if (low in _FORMS or low in _VERBS or _adverb(t)) and not (named and _name_word(toks, j)):
        return True
    if j > i and t.text[0].islower() and low not in _DETERMINERS:
        title = any(x.word and x.text[0].isupper() for x in toks[j + 1 : j + 3])
        if named and low not in _NAME_LINKS and low not in _HEADS and not title:
            # "Ana Ruiz threw …": a lower-case word after a name, unless a verb or a
            # relative follows it ("Central European leaders rejected …").
            return not (_verb_follows(toks, j) or _relative_follows(toks, j))
        if low.endswith(("ed", "es")):
            return True
    return False


def _relative_follows(toks: list[_Tok], j: int) -> bool:
    return j + 1 < len(toks) and toks[j + 1].lower in ("who", "whose")


def _verb_follows(toks: list[_Tok], j: int) -> bool:
    """Whether the word after ``j`` is a verb in lower case: ``j`` ends a subject."""
    if j + 1 >= len(toks):
        return False
    t = toks[j + 1]
    low = t.lower
    return (
        t.word
        and t.text[0].islower()
        and (
            low in _FORMS
            or low in _VERBS
            or low in _AUX
            or low in _IRREGULAR_PAST
            or (low.endswith("ed") and len(low) > 4)
        )
    )


def _aside_start(toks: list[_Tok], j: int) -> int:
    """Return where an aside between commas just before ``j`` starts (-1 if none).

    "though", "however", "too", "for example", "in turn", "for his part".
    """
    if j < 3 or toks[j - 1].text != ",":
        return -1
    for width in (1, 2, 3):
        k = j - 2 - width
        if k < 0 or toks[k].text != ",":
            continue
        words = toks[k + 1 : j - 1]
        first = words[0]
        if width == 1 and (first.lower in _ADVERBS or first.lower in _ASIDES or _adverb(first)):
            return k
        if width > 1 and first.lower in _ASIDE_OPENERS and all(w.word for w in words):
            return k
    return -1


def _elided_subject(toks: list[_Tok], conj: int) -> tuple[int, int] | None:
    """Return the subject of the verb phrase before the conjunction at ``conj``.

    The sentence's subject ("The minister praised … and added"), else the
    subject of the clause after the last comma ("Once, when my mother asked, I
    laughed and said").
    """
    subj = _subject(toks, 0, conj)
    if subj is not None:
        return subj
    comma = next((m for m in range(conj - 1, 0, -1) if toks[m].text == ","), -1)
    if comma < 0:
        return None
    subj = _subject(toks, comma + 1, conj)
    if subj is None or not _name_like(toks, *subj) or not _gap_verb(toks[subj[1]]):
        return None  # the subject must be followed by its own verb: "I laughed and said"
    return subj


def _adverb(t: _Tok) -> bool:
    """Whether a lower-case token is an adverb in "-ly" ("suddenly", "wrongly")."""
    return (
        t.text[0].islower()
        and t.lower.endswith("ly")
        and len(t.lower) > 4
        and t.lower not in speech.LY_NON_ADVERBS
    )


def _name_word(toks: list[_Tok], k: int) -> bool:
    """Whether a capitalised modal at ``k`` ends a name ("Theresa May said")."""
    prev = toks[k - 1] if k > 0 else None
    return toks[k].text[0].isupper() and prev is not None and prev.word and prev.text[0].isupper()


# --- reported speech ------------------------------------------------------------------


def find_reported_speech(text: str, sentence: Span, quotes: QuoteIndex) -> list[ReportedSpeech]:
    """Return the statements a sentence reports without quotation marks, in order."""
    found: list[ReportedSpeech] = []
    # Most sentences hold no cue word: one set test on their words passes them over.
    words = _CUE_WORDS.intersection(_WORD.findall(sentence.text.lower()))
    if not words or quotes.holds(sentence.start, sentence.end):
        return found  # no cue word, or only quoted ones, which report nothing here
    toks = _sentence_tokens(text, sentence.start, sentence.end, quotes)[0]
    n = len(toks)
    if n < 3:
        return found
    if "according" in words:
        closing = _closing_according(text, toks, sentence, quotes)
        if closing is not None:
            return [closing]
    taken = -1  # tokens up to here belong to a found statement or its attribution
    for i in [k for k, t in enumerate(toks) if t.lower in words]:
        if i <= taken:
            continue
        got = _report_at(text, toks, i, sentence)
        if got is None:
            continue
        reported, last = got
        if reported.content.start < (toks[taken].end if taken >= 0 else sentence.start):
            continue
        if quotes.holds(reported.content.start, reported.content.end) or _ends_in_colon_quote(
            text, reported.content, quotes
        ):
            continue  # the quote is the statement: the quote's own attribution holds it
        found.append(reported)
        taken = last
    return found


def _ends_in_colon_quote(text: str, content: Span, quotes: QuoteIndex) -> bool:
    """Whether ``content`` ends in a quote that a colon opens: "He scolded them: “…”"."""
    colon = content.text.rfind(":")
    if colon < 0:
        return False
    at = content.start + colon + 1
    while at < content.end and text[at].isspace():
        at += 1
    return at < content.end and quotes.holds(at, content.end) and text[at] in _QUOTE_OPENERS


def _report_at(
    text: str, toks: list[_Tok], i: int, sentence: Span
) -> tuple[ReportedSpeech, int] | None:
    """Read the report whose cue word is at ``i``, by the form of the cue."""
    low = toks[i].lower
    if low == "according" and i + 1 < len(toks) and toks[i + 1].lower == "to":
        return None if toks[i].quoted else _according(text, toks, i, sentence)
    if low.endswith("ing"):
        return _gerund(text, toks, i, sentence)
    lemma = _is_cue(toks, i)
    return None if lemma is None else _reported(text, toks, i, lemma, sentence)


def _closing_according(
    text: str, toks: list[_Tok], sentence: Span, quotes: QuoteIndex
) -> ReportedSpeech | None:
    """Read a closing "…, according to X.", which governs the whole sentence before it.

    Whatever verbs the sentence holds are part of what X is said to report
    ("Ostrow wrote to the board, threatening a suit, according to a letter").
    """
    for i in range(len(toks) - 3, 0, -1):
        if toks[i].lower == "according" and toks[i + 1].lower == "to":
            got = _according(text, toks, i, sentence)
            if got is None or got[0].parts or got[0].content.start != toks[0].start:
                return None
            content = got[0].content
            return None if quotes.holds(content.start, content.end) else got[0]
    return None


def _span(text: str, toks: list[_Tok], a: int, b: int) -> Span:
    return trusted_span(text, toks[a].start, toks[b - 1].end)


# Particles that belong to a cue and open what it reports: "warned of flooding",
# "called for a ban", "called on the board to act".
_CUE_PARTICLES = {"warn": ("of",), "call": ("for", "on")}


def _cue_span(text: str, toks: list[_Tok], i: int) -> tuple[Span, int]:
    """Return the cue's span and the index after it (particles included: "warned of")."""
    particles = _CUE_PARTICLES.get(_FORMS.get(toks[i].lower, ""), ())
    if particles and i + 1 < len(toks) and toks[i + 1].lower in particles:
        return _span(text, toks, i, i + 2), i + 2
    if (
        toks[i].lower in _PHRASAL
        and i + 1 < len(toks)
        and toks[i + 1].lower == _PHRASAL[toks[i].lower]
    ):
        return _span(text, toks, i, i + 2), i + 2
    return _span(text, toks, i, i + 1), i + 1


def _content(text: str, toks: list[_Tok], a: int, sentence: Span) -> Span | None:
    """Return the content from token ``a`` to the sentence's end, without its final stop."""
    if a >= len(toks):
        return None
    start = toks[a].start
    end = _strip_end(text, start, sentence.end)
    if end <= start or not _has_word(toks, a, end):
        return None
    if text[start:end].lower() in _NO_CONTENT:
        return None  # "did not explain why"
    return trusted_span(text, start, end)


def _has_word(toks: list[_Tok], a: int, end: int) -> bool:
    """Whether a token from ``a`` on that starts before ``end`` is a word.

    Stops at ``end``: a sentence may hold thousands of tokens, and this is asked
    once for each cue in it.
    """
    for k in range(a, len(toks)):
        t = toks[k]
        if t.start >= end:
            return False
        if t.word:
            return True
    return False


def _reported(  # noqa: PLR0912, PLR0915 (one branch a form of attribution)
    text: str, toks: list[_Tok], i: int, lemma: str, sentence: Span
) -> tuple[ReportedSpeech, int] | None:
    verb = speech.REPORTING_VERBS[lemma]
    n = len(toks)
    cue, after = _cue_span(text, toks, i)
    # Read leftwards over auxiliaries and adverbs: "has also said", "both said".
    j = i
    while (
        j > 0
        and j > i - 4
        and (
            (toks[j - 1].lower in _AUX and not _name_word(toks, j - 1))
            or (toks[j - 1].lower in _ADVERBS and not _name_word(toks, j - 1))
            or toks[j - 1].lower in _FLOATING
            or toks[j - 1].lower in ("here", "there")
            or _adverb(toks[j - 1])
        )
    ):
        j -= 1
    aside = _aside_start(toks, j)
    if aside >= 0:
        j = aside  # "Ostrow, though, said", "Osei, for example, said": the aside
        while j > 0 and toks[j - 1].lower in _AUX:
            j -= 1
    elif j > 0 and toks[j - 1].text == "," and j >= 2 and toks[j - 2].lower in _ADVERBS:
        j -= 2  # "…, however, said"
    if j > 0 and toks[j - 1].text == "," and j >= 2 and toks[j - 2].lower in _AUX:
        j -= 2  # "sources did, however, speculate"
    source: tuple[int, int] | None = None
    before_source = 0  # index where the words before the source end
    if j == 0:
        return _inverted_tail(text, toks, i, after, cue, sentence)
    prev = toks[j - 1]
    if prev.lower in ("and", "but", "or") and j >= 2:
        # An elided subject: "… praised the nurses and added that …"; or the
        # source of the sentence's cue before ("X admitted …, but said …").
        subj = _elided_subject(toks, j - 1) or _earlier_speaker(toks, j - 1, through_quotes=True)
        if subj is None:
            return None
        source = subj
        before_source = -1
    elif prev.text in (",", "—", "–", "-"):
        # A closing attribution right after a quote or a clause: "…, said X"; or an
        # apposition, an age, a relative clause: "X, 54, said", "X, who …, said".
        inverted = (
            _inverted_tail(text, toks, i, after, cue, sentence)
            if j == i and lemma in _INVERTING
            else None
        )
        if inverted is not None:
            return inverted
        # Back over one apposition or several ("Marley Anderson, 21, a junior from
        # Las Vegas, said"), to the name before them.
        source = _before_appositions(toks, j - 1)
        if source is None and j >= 3 and toks[j - 2].text == ")":
            # "Sen. Jack Reed (D-R.I.), said": a stray comma after a party label.
            a = _left_np(toks, j - 1, 0)
            source = (a, j - 1) if a < j - 1 and _name_like(toks, a, j - 1) else None
        if source is None:
            return None
        before_source = source[0]
    elif (
        prev.lower in ("who", "which")
        and j >= 2
        and (toks[j - 2].text == "," or (prev.lower == "who" and toks[j - 2].word))
    ):
        # "…, who said he would …", "leaders who say the law …": the relative
        # pronoun speaks for the phrase before it.
        np_end = j - 2 if toks[j - 2].text == "," else j - 1
        a = _left_np(toks, np_end, 0)
        if np_end == j - 1:
            # "ammunition to Republicans who say": a restrictive "who" follows its noun.
            a = max(
                [
                    a,
                    np_end - 3,
                    *(m + 1 for m in range(a, np_end) if toks[m].lower in _PREPOSITIONS),
                ]
            )
        if a == np_end or not _name_like(toks, a, np_end):
            return None
        rest = _skip_after_cue(toks, after, n, verb)
        if rest < n and toks[rest].lower == "that":
            rest += 1
        elif not (verb.bare and _clause_start(toks, rest)) and not verb.obj:
            return None
        content = _content(text, toks, rest, sentence)
        if content is None:
            return None
        who = Attribution(_span(text, toks, j - 1, j), cue, _span(text, toks, a, np_end))
        return ReportedSpeech(content, who), n - 1
    elif (
        prev.word or prev.text == ")" or (prev.text == "." and j >= 2 and _abbrev(toks, j - 1))
    ) and not prev.quoted:
        a = _left_np(toks, j, 0)
        if a == j and j >= 3 and toks[j - 2].lower == "who" and toks[j - 3].lower in _PEOPLE:
            a = j - 1  # "Those who voted say": the relative clause is one verb
        if a == j:
            return None
        if a >= 2 and toks[a - 1].lower in ("who", "that") and toks[a - 2].lower in _PEOPLE:
            a -= 2  # "those who back her opponents say"
        source = (a, j)
        before_source = a
    else:
        return _inverted_tail(text, toks, i, after, cue, sentence)
    s0, s1 = source
    src = _span(text, toks, s0, s1)
    attribution = Attribution(src, cue)
    # What follows the cue decides the form: the end of the sentence (a closing
    # attribution), a comma and more (a parenthetical one), or the report itself.
    # "warned of flooding": the phrase after "of" is what is reported, no listener.
    particle = after > i + 1 and toks[after - 1].lower in ("of", "for", "on")
    if lemma == "call" and not particle and (toks[i].lower == "call" or not _names_as(toks, after)):
        # "a group called Our Future", "locals call it the green corridor": a name
        return None
    if lemma == "describe" and not _described_as(toks, after):
        return None  # "described her meeting": an account, with no judgement in it
    rest = _skip_adjuncts(toks, after, n) if particle else _skip_after_cue(toks, after, n, verb)
    closing = (
        rest >= n
        or (rest == n - 1 and toks[rest].text in (".", "!", "?"))
        or (
            toks[rest].text == ","
            and rest + 1 < n
            and (toks[rest + 1].lower in _TRAILING or toks[rest + 1].lower in ("and", "but"))
        )
    )
    comma = before_source - 1 if before_source > 0 and toks[before_source - 1].text == "," else -1
    if (
        closing
        and comma < 0
        and before_source > 1
        and toks[before_source - 1].quoted
        and not toks[before_source - 1].word
        and not toks[0].quoted
    ):
        # "… placed a card in a “burn bag,” the Times reported.": the quoted phrase
        # ends a statement that opened before it.
        end = toks[before_source - 1].end
        head = _content(text, toks, 0, Span.of(text, sentence.start, end))
        return None if head is None else (ReportedSpeech(head, attribution), n - 1)
    if closing:
        if comma <= 0 or _is_opener(toks, before_source):
            return None  # "He said." / "On Monday, she said."
        head = _content(text, toks, 0, Span.of(text, sentence.start, toks[comma].start))
        if head is None:
            return None
        return ReportedSpeech(head, attribution), n - 1
    if (
        toks[rest].text == ","
        and comma > 0
        and not _is_opener(toks, before_source)
        and not (rest + 1 < n and toks[rest + 1].quoted)
    ):
        head = _content(text, toks, 0, Span.of(text, sentence.start, toks[comma].start))
        tail = _content(text, toks, rest + 1, sentence)
        if head is None or tail is None:
            return None
        whole = trusted_span(text, head.start, tail.end)
        return ReportedSpeech(whole, attribution, (head, tail)), n - 1
    if particle and rest < n and toks[rest].quoted:
        return None  # "warned of “…”": the quote is the statement
    if before_source > 0 and toks[before_source - 1].lower in ("which", "what", "that", "how"):
        gap = _relative_report(text, toks, before_source - 1, rest, sentence, attribution)
        if gap is not None:
            return gap
    # Source first: the report follows the cue, and a clause opens at the source.
    if before_source > 0:
        word = toks[before_source - 1].lower
        if word == "as":
            # "As the paper reported, …" opens the sentence; "…, as X noted, …" is
            # an aside whose statement is the sentence around it; "as he noted
            # that …" reports what follows.
            if toks[rest].text == "," and before_source - 1 > 0:
                return None
        elif (
            word not in _SUBORDINATORS
            and word not in (",", ":", "—", "–", "-", "(", ";")
            and not (
                toks[before_source - 1].quoted
                and before_source >= 2
                and toks[before_source - 2].text == ","
                and not toks[0].quoted
            )  # "In an interview on “Harbour Talk,” Berg said": a comma inside the marks
            and not all(
                toks[k].lower in _LEADING or toks[k].lower == "at" for k in range(before_source)
            )
        ):
            return None
    if toks[rest].text in (":",) or _colon_quote(toks, rest):
        return None  # "She said: “…”": the quote is the statement
    infinitive = False
    if (
        verb.listener
        and not particle
        and after < rest < n
        and (
            toks[rest].lower == "to"
            or (
                verb.obj
                and not (toks[rest].lower == "that" or toks[rest].quoted)
                and toks[rest].lower not in _QUESTION_WORDS
                and not _finite_clause(toks, rest)
            )
        )
    ):
        # "asked the court to intervene", "promised a country of new opportunities":
        # the listener is part of what is reported.
        infinitive = toks[rest].lower == "to"
        rest = _skip_adjuncts(toks, after, n)
    that = toks[rest].lower == "that"
    if that or toks[rest].text == ",":
        rest += 1
    question = verb.question and rest < n and toks[rest].lower in _QUESTION_WORDS
    if not (
        that
        or question
        or infinitive
        or verb.obj
        or (verb.bare and _clause_start(toks, rest) and not _written_object(toks, rest, lemma))
        or (verb.that and _finite_clause(toks, rest))
    ):
        return None
    if verb.sense == "cognition" and not that and src.text.lower() in ("i", "we", "you"):
        return None
    cut = _coordinated_end(toks, rest, clause=that or _finite_clause(toks, rest))
    if cut < n:
        # "said they were relieved but warned that …": the report ends before the
        # second verb, whose own claim (if it reports) is read next.
        end = toks[cut - 1].start if toks[cut - 1].text == "," else toks[cut].start
        content = _content(text, toks, rest, Span.of(text, sentence.start, end))
        if content is None:
            return None
        return ReportedSpeech(content, attribution), cut - 1
    content = _content(text, toks, rest, sentence)
    if content is None:
        return None
    return ReportedSpeech(content, attribution), n - 1


def _takes_object(toks: list[_Tok], after: int, rest: int, lemma: str, *, particle: bool) -> bool:
    """Whether what follows a participle cue at ``rest`` is what it reports."""
    verb = speech.REPORTING_VERBS[lemma]
    if lemma == "call" and not particle:
        return _names_as(toks, after)
    if lemma == "describe":
        return _described_as(toks, after)
    return (
        verb.obj
        or (verb.bare and _clause_start(toks, rest) and not _written_object(toks, rest, lemma))
        or _finite_clause(toks, rest)
    )


def _names_as(toks: list[_Tok], i: int) -> bool:
    """Whether "called" at ``i - 1`` calls something something: "called it a “farce”".

    The object is followed, within a few words, by what it is called: a quoted
    phrase or an indefinite noun phrase.
    """
    n = len(toks)
    if (
        i + 2 <= n
        and toks[i].lower in _OBJECT_PRONOUNS | {"it"}
        and i + 1 < n
        and toks[i + 1].word
        and toks[i + 1].text[0].islower()
        and toks[i + 1].lower not in _FUNCTION_WORDS
        and toks[i + 1].lower not in _TIME_WORDS
        and toks[i + 1].lower not in ("back", "up", "off", "out", "again", "later")
        and (i + 2 >= n or toks[i + 2].lower in ("and", "but", "or") or not toks[i + 2].word)
    ):
        return True  # "called him divisive"
    for k in range(i + 1, min(n, i + 7)):
        t = toks[k]
        if t.quoted or t.lower in ("a", "an"):
            return True
        if t.text == "." and _abbrev(toks, k):
            continue  # "called Mrs. Ames a …"
        if t.text in (",", ".", ";", ":") or t.lower in _AUX or t.lower in _BE:
            return False
    return False


def _described_as(toks: list[_Tok], i: int) -> bool:
    """Whether "described" before ``i`` describes something as something."""
    for k in range(i + 1, min(len(toks), i + 12)):
        if toks[k].lower == "as":
            return True
        if toks[k].text in (",", ".", ";", ":") or toks[k].lower in _AUX:
            return False
    return False


def _relative_report(  # noqa: PLR0917
    text: str, toks: list[_Tok], rel: int, rest: int, sentence: Span, attribution: Attribution
) -> tuple[ReportedSpeech, int] | None:
    """Read "…, which officials said will go into effect soon": a report inside a relative.

    The relative pronoun stands for what is reported and the clause after the
    cue lacks its subject; the content is the pronoun and that clause, in two
    parts around the attribution.
    """
    n = len(toks)
    if rest >= n or not (
        _gap_verb(toks[rest]) or (toks[rel].lower == "which" and _finite_clause(toks, rest))
    ):
        return None  # "which officials said will …", "which Ann says she is doing …"
    end = rest
    while end < n and not (
        toks[end].text in (",", ";", ":", "—", "–", "(") and not toks[end].quoted
    ):
        end += 1
    stop = toks[end].start if end < n else sentence.end
    tail = _content(text, toks, rest, Span.of(text, sentence.start, stop))
    if tail is None:
        return None
    head = _span(text, toks, rel, rel + 1)
    whole = trusted_span(text, head.start, tail.end)
    return ReportedSpeech(whole, attribution, (head, tail)), end - 1


def _gap_verb(t: _Tok) -> bool:
    """Whether a clause missing its subject opens at ``t``: "were covered up", "includes"."""
    low = t.lower
    return _verb_like(t) or (
        t.word
        and t.text[0].islower()
        and low.endswith("s")
        and not low.endswith("ss")
        and low not in _FUNCTION_WORDS
    )


# Words that link a participle cue to the sentence's subject: "…, saying", "responded
# by saying", "marched while chanting".
_PARTICIPLE_LINKS = frozenset(("by", "after", "before", "while", "when"))


def _participle_speaker(toks: list[_Tok], i: int, lemma: str) -> tuple[int, int] | None:
    """Return who speaks through the participle cue at ``i`` ("saying", "adding")."""
    prev = toks[i - 1]
    if prev.text == "," or prev.lower in _PARTICIPLE_LINKS:
        # "…, saying …", "responded by saying …": the sentence's subject, or the
        # source of its cue before.
        lo = 0
        if toks[0].lower in _ADJUNCTS or toks[0].lower in ("in", "on", "at", "after", "before"):
            lo = next((k + 1 for k in range(min(i - 1, 12)) if toks[k].text == ","), 0)
        # "Here in Dover, Ms. Lund stepped up …, saying": after an opening phrase.
        after_opener = next((k + 1 for k in range(min(i - 1, 10)) if toks[k].text == ","), 0)
        return (
            _subject(toks, lo, i - 1)
            or (_subject(toks, after_opener, i - 1) if 0 < after_opener < i - 1 else None)
            or _earlier_speaker(toks, i - 1)
        )
    if prev.lower in _VERBS or prev.lower in _CATENATIVES:
        return _subject(toks, 0, i)  # "The crowd kept saying …"
    if prev.word and not prev.quoted and prev.lower not in _FUNCTION_WORDS:
        # "Ostrow saying he was encouraged", "with 50 percent saying …": a name says
        # it, or a share of people with "saying"; a noun before a participle rarely
        # speaks ("a petition calling for …").
        a = _left_np(toks, i, 0)
        a = max([a, *(m + 1 for m in range(a, i) if toks[m].lower in _PREPOSITIONS)])
        if a >= i or a == 0 or i - a > 4 or toks[a - 1].lower not in (",", "with", "of", "and"):
            return None
        name = all(t.text[0].isupper() for t in toks[a:i] if t.word)
        share = toks[a].text[0].isdigit() and lemma in ("say", "tell", "add", "write")
        return (a, i) if name or share else None
    return None


def _gerund(
    text: str, toks: list[_Tok], i: int, sentence: Span
) -> tuple[ReportedSpeech, int] | None:
    """Read "…, saying (that) …", which the sentence's subject says.

    Also "responded by saying …" (the subject again) and "with 50 percent saying
    …", "Ostrow saying he was …" (the phrase just before the participle).
    """
    if i < 1:
        return None
    lemma = _FORMS.get(toks[i].lower)
    if lemma is None:
        return None
    verb = speech.REPORTING_VERBS[lemma]
    if not (verb.that or verb.obj) or verb.sense != "speech" or toks[i].quoted:
        return None
    subj = _participle_speaker(toks, i, lemma)
    if subj is None:
        return None
    cue, after = _cue_span(text, toks, i)
    n = len(toks)
    particle = after > i + 1
    rest = _skip_adjuncts(toks, after, n) if particle else _skip_after_cue(toks, after, n, verb)
    if rest >= n or toks[rest].text in (",", ":") or (toks[rest].quoted and not toks[rest].word):
        return None  # "…, adding: “…”": the quote is the statement
    if toks[rest].lower == "that":
        rest += 1
    elif verb.question and toks[rest].lower in _QUESTION_WORDS:
        pass
    elif not _takes_object(toks, after, rest, lemma, particle=particle):
        return None
    attribution = Attribution(_span(text, toks, *subj), cue)
    cut = _coordinated_end(toks, rest)
    if cut < n:
        # "…, accusing the South of kidnap but Seoul denied the claims"
        end = toks[cut - 1].start if toks[cut - 1].text == "," else toks[cut].start
        content = _content(text, toks, rest, Span.of(text, sentence.start, end))
        return None if content is None else (ReportedSpeech(content, attribution), cut - 1)
    content = _content(text, toks, rest, sentence)
    if content is None:
        return None
    return ReportedSpeech(content, attribution), n - 1


def _speaker_like(toks: list[_Tok], a: int, b: int) -> bool:
    """Whether the phrase after an inverted cue names a speaker ("said the mayor").

    A pronoun, a name, a number of people ("said two officials") or a phrase whose
    head, before any comma or preposition, is a noun of the sources lexicon.
    """
    words = [t for t in toks[a:b] if t.word]
    if not words:
        return False
    if words[0].lower in _PRONOUNS or any(t.text[0].isupper() for t in words[:6]):
        return True
    head = a
    while head < b and toks[head].word and toks[head].lower not in _NAME_LINKS:
        head += 1
    return head > a and toks[head - 1].lower in _HEADS


def _apposition(toks: list[_Tok], a: int, b: int) -> bool:
    """Whether tokens ``a:b`` (between two commas) can stand in apposition to a name.

    An age, a title, a relative clause or a participle phrase ("citing data from
    the ministry") may; a clause with a finite verb of its own may not.
    """
    if a >= b:
        return False
    if toks[a].quoted:
        return False
    if toks[a].lower in ("who", "whose", "which"):
        return True
    # "the Republican who heads the committee": a relative clause may hold verbs.
    rel = next((k for k in range(a, b) if toks[k].lower in _RELATIVES), b)
    return not any(_finite(toks, k, a) for k in range(a, rel))


def _finite(toks: list[_Tok], k: int, a: int) -> bool:
    """Whether token ``k`` is a finite verb of a clause that opens at ``a``.

    A reporting verb's bare form is also a noun ("a former state legislator", "a
    news report"): it is a verb only after a pronoun, a relative or an auxiliary.
    """
    t = toks[k]
    if not t.text[0].islower():
        return False
    if t.lower in _BE:
        return True
    if t.lower not in _FORMS or t.lower.endswith("ing"):
        return False
    if t.lower.endswith("ed") or t.lower in _IRREGULAR_PAST:
        return True
    prev = toks[k - 1].lower if k > a else ""
    return prev in _PRONOUNS or prev in _AUX or prev in ("who", "which", "that")


def _before_appositions(toks: list[_Tok], comma: int) -> tuple[int, int] | None:
    """Return the source whose appositions end at ``comma``, read back to its name.

    "Marley Anderson, 21, a junior from Las Vegas, said"; "Senator Ray Shelton,
    the Republican who heads the committee, which oversees the Fed, said". Each
    stretch between commas must read as an apposition, and the name must fill the
    stretch before them (from the sentence's start, an opener or a conjunction).
    """
    mark = toks[comma].text
    seg_end = comma
    k = comma
    # A phrase in lower case after a comma ("president of the union") may itself be
    # an apposition to a name before it: kept only if no name is found further back.
    fallback = None
    for _ in range(4):
        k -= 1
        while (
            k >= 0
            and comma - k < 2 * _MAX_APPOSITION
            and (toks[k].quoted or toks[k].text not in (",", ";", ":", mark))
        ):
            k -= 1
        if k < 0 or toks[k].text != mark or not _apposition(toks, k + 1, seg_end):
            return fallback
        start = k - 1
        while start >= 0 and not (toks[start].text in (",", ";", ":") and not toks[start].quoted):
            start -= 1
        start += 1
        a = _left_np(toks, k, start)
        if (
            a < k
            and _name_like(toks, a, k)
            and (
                all(t.lower in _LEADING or not t.word for t in toks[start:a]) or _is_opener(toks, a)
            )
        ):
            lower = toks[a].text[0].islower()
            if a == start and start > 0 and toks[start - 1].text == mark and lower:
                fallback = fallback or (a, comma)
            else:
                return a, comma
        seg_end = k
    return fallback


def _name_like(toks: list[_Tok], a: int, b: int) -> bool:
    """Whether tokens ``a:b`` can name a speaker (not a clause before an apposition)."""
    words = [t for t in toks[a:b] if t.word]
    if not words or len(words) > 10:
        return False
    if len(words) == 1 and words[0].lower in _PRONOUNS:
        return True
    return (
        any(t.text[0].isupper() for t in words)
        or words[0].lower in _DETERMINERS
        or words[0].lower in ("one", "two", "three", "several")
        or words[-1].lower in _HEADS
    )


def _is_opener(toks: list[_Tok], a: int) -> bool:
    """Whether everything before token ``a`` is a sentence opener ("On Tuesday,")."""
    if a == 0:
        return True
    if toks[a - 1].text != ",":
        return all(toks[k].lower in _LEADING or not toks[k].word for k in range(a))
    if not 0 < a - 1 <= 8:  # checked before slicing: a sentence may be long
        return False
    head = toks[: a - 1]
    first = head[0].lower
    if first in ("this", "last", "next", "late", "early") and (
        len(head) < 2 or head[1].lower not in _TIME_WORDS
    ):
        return False  # "This makes it hard, he said": no time phrase
    return (
        first in _ADJUNCTS
        or first in _LEADING
        or first in _TIME_WORDS
        or first in ("in", "on", "at", "for", "speaking", "asked", "separately", "still")
    ) and not any(t.lower in _FORMS or t.quoted for t in head)


def _clause_start(toks: list[_Tok], i: int) -> bool:
    """Whether a clause (not an object) may start at ``i``: "warned the move would …"."""
    if i >= len(toks):
        return False
    t = toks[i]
    if t.quoted:
        return True
    return (
        t.word
        and t.lower not in ("to", "for", "of", "about", "with", "on", "in", "at")
        and t.lower not in _ADVERBIAL_OPENERS
    )


def _written_object(toks: list[_Tok], i: int, lemma: str) -> bool:
    """Whether "wrote" or "read" takes a document as its object at ``i``.

    "wrote a letter to the board" reports no clause; "wrote the bill would fail" does.
    """
    return lemma in ("write", "read") and _document_object(toks, i)


def _document_object(toks: list[_Tok], i: int) -> bool:
    """Whether a document is the verb's object at ``i``: "a letter to the board"."""
    if toks[i].lower in speech.DOCUMENT_NOUNS and toks[i].lower.endswith("s"):
        return not (i + 1 < len(toks) and toks[i + 1].lower in _AUX)  # "wrote letters"
    if toks[i].lower not in _DETERMINERS:
        return False
    k = i + 1
    if k + 1 < len(toks) and toks[k].word and toks[k + 1].lower in speech.DOCUMENT_NOUNS:
        k += 1  # "a long letter", "an open letter"
    return (
        k < len(toks)
        and toks[k].lower in speech.DOCUMENT_NOUNS
        and not (k + 1 < len(toks) and toks[k + 1].lower in _AUX)  # "the report was …"
        and not _finite_clause(toks, i)
    )


def _skip_after_cue(toks: list[_Tok], i: int, hi: int, verb: speech.Verb) -> int:
    """Skip the listener, times, places and adverbs after a cue."""
    i = _skip_adjuncts(toks, i, hi)
    if i + 1 < hi and toks[i].lower == "of" and toks[i - 1].lower in _SAY_OF:
        # "said of the senator, “…”": whom the words are about
        k = _right_np(toks, i + 1, hi)
        if k > i + 1 and (k == hi or toks[k].text in (",", ":") or toks[k].lower == "that"):
            i = k
    if verb.listener:
        that = _that_after_listener(toks, i, hi)
        if that > i:
            return that  # "told one of his aides on a regular basis that …"
        i = _listener_end(toks, i, hi)
        i = _skip_adjuncts(toks, i, hi)
    elif (
        i + 1 < hi
        and toks[i].lower == "to"
        and _listener_word(toks[i + 1])
        and _FORMS.get(toks[i - 1].lower) in _TO_LISTENER
    ):
        # "wrote to his followers, “…”", "said to reporters that …"
        k = _listener_end(toks, i + 1, hi)
        if k > i + 1:
            i = _skip_adjuncts(toks, k, hi)
    if i < hi and toks[i].text == "," and i + 1 < hi and toks[i + 1].lower in _ADVERBS:
        i += 2
        if i < hi and toks[i].text == ",":
            i += 1
    return i


def _inverted_tail(  # noqa: PLR0917
    text: str, toks: list[_Tok], i: int, after: int, cue: Span, sentence: Span
) -> tuple[ReportedSpeech, int] | None:
    """Read a cue with its source after it, closing the sentence: "…, said X."."""
    n = len(toks)
    if i == 0 or toks[i - 1].text != ",":
        return None
    comma = i - 1
    named = _before_appositions(toks, comma)
    if named is not None and named[0] == 0:
        return None  # "Ann Lee, a fellow at the institute, wrote the report.": no report
    s0 = after
    if s0 < n and (
        toks[s0].lower in _OPENING_WORDS
        or toks[s0].lower in _ADJUNCTS
        or toks[s0].lower in ("of", "to", "about")
        or (toks[s0].lower in _TIME_WORDS and not (s0 + 1 < n and toks[s0 + 1].text[0].isupper()))
    ):
        return None  # "…, said in a statement", "…, said Tuesday": no source follows
    if _finite_clause(toks, s0):
        return None  # "X, the director, said he expects …": a report follows, no source
    s1 = _right_np(toks, s0, n)
    if s1 <= s0 or not _speaker_like(toks, s0, s1):
        return None
    rest = _skip_adjuncts(toks, s1, n)
    src = _span(text, toks, s0, s1)
    if (
        rest < n - 2
        and toks[rest].text == ","
        and toks[rest + 1].lower not in _TRAILING
        and toks[rest + 1].lower not in ("and", "but")
    ):
        # "The paradox, says X, is that …": the statement is in two pieces.
        head = _content(text, toks, 0, Span.of(text, sentence.start, toks[comma].start))
        tail = _content(text, toks, rest + 1, sentence)
        if head is not None and tail is not None:
            whole = trusted_span(text, head.start, tail.end)
            return ReportedSpeech(whole, Attribution(src, cue), (head, tail)), n - 1
    if not (rest >= n - 1 or toks[rest].text == ","):
        return None
    head = _content(text, toks, 0, Span.of(text, sentence.start, toks[comma].start))
    if head is None:
        return None
    src = _span(text, toks, s0, s1)
    return ReportedSpeech(head, Attribution(src, cue)), n - 1


def _according(  # noqa: PLR0912 (one branch a form of attribution)
    text: str, toks: list[_Tok], i: int, sentence: Span
) -> tuple[ReportedSpeech, int] | None:
    """Read "According to X, …", "…, according to X." and "The plant, according to X, …"."""
    n = len(toks)
    cue = _span(text, toks, i, i + 2)
    s0 = i + 2
    s1 = _right_np(toks, s0, n)
    if s1 <= s0:
        return None
    if 1 <= i <= 2 and toks[0].lower.split("'")[0] in ("that", "this") and s1 >= n - 1:
        # "That's according to exit polls.": the demonstrative stands for what the
        # sentences before it state.
        first = toks[0]
        that = trusted_span(text, first.start, first.start + len(first.lower.split("'")[0]))
        return ReportedSpeech(that, Attribution(_span(text, toks, s0, s1), cue)), n - 1
    # The source ends at the first comma at the top level of the phrase (an
    # apposition after it belongs to it only when the sentence goes on after).
    if i == 0 or _is_opener(toks, i):
        # "According to X, the statement."
        k = s0
        while k < n and toks[k].text != ",":
            k += 1
        skip = 1
        if k >= n - 1:
            # No comma: the source ends at its head noun ("According to the statistics
            # office unemployment rose").
            heads = [m for m in range(s0, min(n, s0 + 8)) if toks[m].lower in _HEADS]
            if not heads:
                return None
            k, skip = heads[-1] + 1, 0
        if k <= s0:
            return None  # "According to , …" names nobody
        src = _span(text, toks, s0, k)
        content = _content(text, toks, k + skip, sentence)
        if content is None:
            return None
        return ReportedSpeech(content, Attribution(src, cue)), n - 1
    if toks[i - 1].text != ",":
        if s1 >= n - 1 and i >= 3 and (toks[i - 1].word or toks[i - 1].text in _DASHES):
            # "… by 271 delegates according to a count by the AP.": no comma
            # before a closing "according to".
            cut = i - 1 if toks[i - 1].text in _DASHES else i
            head = _content(text, toks, 0, Span.of(text, sentence.start, toks[cut].start))
            if head is not None:
                return ReportedSpeech(head, Attribution(_span(text, toks, s0, s1), cue)), n - 1
        return None
    # A comma inside the phrase followed by a clause ends the source there: "Since
    # May, according to the group, forces have killed 400 people."
    k = next((m for m in range(s0, s1) if toks[m].text == ","), s1)
    if k < s1 and _finite_clause(toks, k + 1):
        s1 = k
    if s1 <= s0:
        return None  # "according to ," names nobody
    if i >= 2 and toks[i - 2].lower in _SUBORDINATORS:
        # "…, because, according to X, the media would …": the statement follows.
        k = s0
        while k < n and toks[k].text != ",":
            k += 1
        content = _content(text, toks, k + 1, sentence) if k < n - 1 else None
        if content is None or k <= s0:
            return None
        return ReportedSpeech(content, Attribution(_span(text, toks, s0, k), cue)), n - 1
    src = _span(text, toks, s0, s1)
    attribution = Attribution(src, cue)
    head = _content(text, toks, 0, Span.of(text, sentence.start, toks[i - 1].start))
    if head is None:
        return None
    rest = s1
    if rest < n - 2 and toks[rest].text == "," and toks[rest + 1].lower in ("and", "but"):
        rest += 1  # "…, according to X, and the rest paid 69 percent": X reports both
    if (
        rest < n - 1
        and toks[rest].text in (",", "and", "but")
        and (i - 1 <= 8 or _finite_clause(toks, rest + 1) or toks[rest].word)
    ):
        tail = _content(text, toks, rest + 1, sentence)
        if tail is not None:
            whole = trusted_span(text, head.start, tail.end)
            return ReportedSpeech(whole, attribution, (head, tail)), n - 1
    return ReportedSpeech(head, attribution), n - 1


# --- quotes --------------------------------------------------------------------------


def attribute_quote(
    text: str, quote: Quote, first: Span, last: Span, quotes: QuoteIndex
) -> Attribution | None:
    """Return the source and cue written beside ``quote``, if any.

    ``first`` and ``last`` are the sentences holding the quote's start and end;
    the attribution is looked for after the quote in ``last`` and before it in
    ``first``.
    """
    if quote.end < last.end:
        found = _after_quote(text, quote, last, quotes)
        if found is not None:
            return found
    if quote.start > first.start:
        return _before_quote(text, quote, first, quotes)
    return None


def _after_quote(  # noqa: PLR0912 (one branch a form of attribution)
    text: str, quote: Quote, last: Span, quotes: QuoteIndex
) -> Attribution | None:
    toks = _window(text, (last.start, last.end), quote.end, min(last.end, quote.end + 200), quotes)
    n = len(toks)
    if not n:
        return None
    end_mark = quote.content.text.rstrip()[-1:]
    first = toks[0]
    if first.text in _DASHES and end_mark != ",":
        return _dash_signature(text, toks)
    # A full stop closes the quote's sentence; what follows speaks for itself
    # unless it is only an attribution: "“….” he said.", "“…” Ann Lee said on Monday."
    closes = not (end_mark in ",?!—–-…'’\"" or first.text == "," or first.text[0].islower())
    if closes and not (first.word and first.lower in _PRONOUNS) and not _only_attribution(toks):
        return None
    i = 1 if first.text == "," else 0
    # "“…,” according to a court filing."
    if i + 2 < n and toks[i].lower == "according" and toks[i + 1].lower == "to":
        s1 = _right_np(toks, i + 2, n)
        if s1 > i + 2:
            return Attribution(_span(text, toks, i + 2, s1), _span(text, toks, i, i + 2))
        return None
    # Inverted: "“…,” said X" / "“…,” says the report" ("“…,” Read said": a name).
    if (
        i < n
        and _FORMS.get(toks[i].lower) is not None
        and not toks[i].quoted
        and toks[i].text[0].islower()
    ):
        cue, after = _cue_span(text, toks, i)
        s1 = _right_np(toks, after, n)
        rest = _skip_adjuncts(toks, s1, n)
        if rest < n - 1 and _clause_follows(toks, rest):
            return None  # "“a sociopath,” said he doubts …": the verb reports a clause
        if s1 > after and _name_like(toks, after, min(s1, after + 6)):
            return Attribution(_span(text, toks, after, s1), cue)
        return None
    # Source first: "“…,” X said" / "“…,” X, the union's secretary, said".
    for k in range(i, min(n, i + _MAX_APPOSITION + _MAX_NP)):
        t = toks[k]
        if t.quoted and k > i:
            return None
        if t.text in (".", "!", "?", ";") and k > i and toks[k - 1].word and not _abbrev(toks, k):
            return None
        lemma = _is_cue(toks, k) if toks[k].text[0].islower() else None  # not "Read said"
        if lemma is None:
            continue
        j = k
        while j > i and (toks[j - 1].lower in _AUX or toks[j - 1].lower in _ADVERBS):
            j -= 1
        if j == i:
            return None
        end = j - 1 if toks[j - 1].text == "," else j
        if end <= i:
            return None
        # The source is everything from the quote to the cue: a noun phrase, with
        # its apposition.
        a = i
        while a < end and toks[a].lower in _LEADING:
            a += 1
        if a >= end:
            return None
        head_end = end
        for m in range(a, end):
            if toks[m].text == ",":
                head_end = m
                break
        # Between a quote and its cue any short noun phrase names the speaker
        # ("villagers told").
        if head_end - a > _MAX_NP or _left_np(toks, head_end, a) != a:
            return None
        cue, after = _cue_span(text, toks, k)
        verb = speech.REPORTING_VERBS[lemma]
        rest = _skip_after_cue(toks, after, n, verb)
        if rest < n - 1 and _clause_follows(toks, rest):
            return None  # "“a sociopath,” he said the plan …": the verb reports a clause
        return Attribution(_span(text, toks, a, end), cue)
    return None


def _dash_signature(text: str, toks: list[_Tok]) -> Attribution | None:
    """Read a name signed after a quote with a dash: "“…” ― Ana Ruiz, a voter in Ohio".

    The name must be a proper name that ends the sentence, its line or an
    apposition; the dash is the cue.
    """
    n = len(toks)
    s0 = 1
    while s0 < n and toks[s0].text in _DASHES:
        s0 += 1
    if s0 >= n or not toks[s0].word or not toks[s0].text[0].isupper():
        return None
    s1 = _right_np(toks, s0, n)
    if s1 <= s0 or not _name_like(toks, s0, s1):
        return None
    if s1 < n and not (
        toks[s1].quoted
        or toks[s1].text in (".", "!", "?", ",")
        or "\n" in text[toks[s1 - 1].end : toks[s1].start]
    ):
        return None
    return Attribution(_span(text, toks, s0, s1), _span(text, toks, 0, s0))


def _label_start(toks: list[_Tok], c: int) -> int:
    """Where a label ending at ``c`` may start: after a dash or a comma, 12 tokens at most."""
    lo = max(0, c - 12)
    for m in range(c - 1, lo - 1, -1):
        if toks[m].text in _DASHES or toks[m].text in (",", ";"):
            return m + 1
    return lo


def _only_attribution(toks: list[_Tok]) -> bool:
    """Whether the tokens are a source and a cue and nothing more: "Ann Lee said Monday."."""
    n = len(toks)
    for k in range(min(n, 10)):
        if _is_cue(toks, k) is not None:
            rest = _skip_adjuncts(toks, k + 1, n)
            return k > 0 and (rest >= n - 1 or toks[rest].text == ",")
    return False


def _colon_quote(toks: list[_Tok], i: int) -> bool:
    """Whether a few words and then a colon and a quote follow: "told the crowd outside: “…”"."""
    for k in range(i, min(len(toks) - 1, i + 10)):
        t = toks[k]
        if t.text == ":":
            return toks[k + 1].quoted
        if not t.word or t.quoted or t.lower in _AUX or t.lower in _VERBS or t.lower in _FORMS:
            return False
    return False


def _coordinated_end(toks: list[_Tok], start: int, *, clause: bool = False) -> int:
    """Return where a second verb phrase or report joined by "and"/"but" begins.

    "confirmed the injury but gave no date", "said A, but the workers say B":
    the index of the conjunction, or the number of tokens when there is none.
    When what is reported is a clause with its own subject (``clause``), a verb
    after "and" is that clause's ("said she was tired and wanted a change"): only
    a second report ends it.
    """
    n = len(toks)
    for k in range(start + 1, n - 1):
        t = toks[k]
        nxt = toks[k + 1]
        if t.text == "," and nxt.lower in _TRAILING and nxt.lower in _FORMS and not nxt.quoted:
            return k  # "said there is more to do, noting that …": a report of its own
        if t.quoted or t.lower not in ("and", "but"):
            continue
        if (
            not clause
            and nxt.text[0].islower()
            and nxt.lower not in _AUX
            and (
                nxt.lower in _VERBS
                or (nxt.lower.endswith("ed") and nxt.lower not in _ED_ADJECTIVES)
            )
        ):
            return k  # "… but gave no date"
        for m in range(k + 1, min(n, k + 7)):
            if _is_cue(toks, m) is not None or (
                m > k + 1 and toks[m].lower.endswith("ing") and toks[m].lower in _FORMS
            ):
                return k  # "… but warned that", "…, but the workers say", "and Ann saying"
            if not toks[m].word or toks[m].lower in _AUX:
                break
    return n


def _earlier_speaker(
    toks: list[_Tok], end: int, *, through_quotes: bool = False
) -> tuple[int, int] | None:
    """Return the source of the sentence's cue before ``end``.

    "“…,” he said, adding: “…”"; "“…,” said Ms. Ruiz, noting that …"; "“…,” Mr. Ames
    said at the time, adding that …".
    """
    for c in range(end - 1, max(-1, end - 25), -1):
        t = toks[c]
        if t.quoted and through_quotes:
            continue  # "called her “weak” and said …": a quoted word on the way back
        if t.quoted or (t.text in (".", "!", "?", ";") and not _abbrev(toks, c)):
            return None
        if _is_cue(toks, c) is None:
            continue
        j = c
        while j > 0 and toks[j - 1].lower in _AUX:
            j -= 1
        if j > 0 and (toks[j - 1].word or toks[j - 1].text == ")"):
            a = _left_np(toks, j, 0)
            return (a, j) if a < j and _name_like(toks, a, j) else None
        s1 = _right_np(toks, c + 1, end)
        return (c + 1, s1) if s1 > c + 1 and _speaker_like(toks, c + 1, s1) else None
    return None


def _clause_follows(toks: list[_Tok], i: int) -> bool:
    """Whether a clause starts at ``i`` after a cue: "that …", "he does …"."""
    t = toks[i]
    if t.lower == "that":
        return True
    if t.lower in _AUX or t.lower in _VERBS:
        return True
    return (
        (t.lower in _PRONOUNS or t.lower in _DETERMINERS)
        and i + 2 < len(toks)
        and any(x.lower in _AUX or x.lower in _VERBS for x in toks[i + 1 : i + 4])
    )


def _finite_clause(toks: list[_Tok], i: int) -> bool:
    """Whether a clause with a subject and a finite verb opens at ``i``: "added he would".

    A verb that takes a that-clause may drop the "that"; what follows must then
    read as a clause (a pronoun or a short noun phrase, then a verb), not as an
    object ("added fuel to the fire").
    """
    n = len(toks)
    if i >= n - 1:
        return False
    t = toks[i]
    if t.quoted or not t.word:
        return False
    if t.lower in _PRONOUNS or t.lower.split("'")[0] in _PRONOUNS:
        if "'" in t.lower:
            return True  # "he'd", "they're"
        k = i + 1
        while k < n - 1 and _adverb(toks[k]):
            k += 1  # "he fully supports"
        nxt = toks[k]
        # "he expects", "they think": after a pronoun a lower-case word that is no
        # function word is its verb.
        return _verb_like(nxt) or (
            nxt.word
            and nxt.text[0].islower()
            and nxt.lower not in _FUNCTION_WORDS
            and not _adverb(nxt)
        )
    if t.lower in _FUNCTION_WORDS and t.lower not in _DETERMINERS:
        return False
    for k in range(i + 1, min(n, i + 6)):
        x = toks[k]
        if _verb_like(x):
            return True
        if not x.word or x.lower in _PREPOSITIONS or x.lower in _CLAUSE_WORDS:
            return False
    return False


def _verb_like(t: _Tok) -> bool:
    """Whether a token reads as a finite verb: an auxiliary, a common verb, "-ed"."""
    low = t.lower
    return t.word and (
        low in _AUX
        or low in _BE
        or low in _VERBS
        or (low.endswith("ed") and t.text[0].islower() and low not in _ED_ADJECTIVES)
    )


def _abbrev(toks: list[_Tok], k: int) -> bool:
    """Whether the full stop at ``k`` closes an abbreviation ("Mr.", "U.S.")."""
    w = toks[k - 1].text
    if k + 1 < len(toks) and (toks[k + 1].text in (")", ",") or toks[k + 1].text[0].islower()):
        return True  # "(R-Fla.)", "Inc., said": no sentence ends before these
    return (len(w) <= 3 and w[0].isupper()) or "." in w


def _before_quote(text: str, quote: Quote, first: Span, quotes: QuoteIndex) -> Attribution | None:
    return attribution_before(text, first.start, quote.start, quotes, first.end)


def attribution_before(  # noqa: PLR0912, PLR0915 (one branch a form of attribution)
    text: str, start: int, end: int, quotes: QuoteIndex, sentence_end: int | None = None
) -> Attribution | None:
    """Return the attribution that ends ``text[start:end]`` and opens a quote after it.

    "She said: “…”", "He told the BBC, “…”", "…, telling reporters, “…”",
    "Okafor: “…”"; ``end`` is where the quote opens (or the end of the
    sentence before a quote that opens the next paragraph).
    """
    sentence = (start, end if sentence_end is None else sentence_end)
    toks = _window(text, sentence, max(start, end - 160), end, quotes)
    n = len(toks)
    # From the quote leftwards: ":" or "," (optional), then listener, times and
    # places, then the cue.
    k = n
    if k and toks[k - 1].text in (":", ",", "—", "–", "-"):
        k -= 1
    for c in range(k - 1, max(-1, k - 12), -1):
        t = toks[c]
        if t.quoted or (t.text in (".", "!", "?", ";") and not _abbrev(toks, c)):
            return None
        lemma = _is_cue(toks, c)
        if lemma == "call":
            return None  # "what he called “a farce”": a quote after "called" is a name
        if (
            lemma is None
            and t.lower.endswith("ing")
            and c >= 1
            and toks[c - 1].word
            and toks[c - 1].text[0].isupper()
            and _FORMS.get(t.lower) is not None
            and _skip_after_cue(toks, c + 1, k, speech.REPORTING_VERBS[_FORMS[t.lower]]) >= k
        ):
            # "footage of Ann Lee saying, “…”": the name before the participle says it.
            a = c - 1
            while a > 0 and (toks[a - 1].word and toks[a - 1].text[0].isupper()):
                a -= 1
            return Attribution(_span(text, toks, a, c), _span(text, toks, c, c + 1))
        if (
            lemma is None
            and t.lower.endswith("ing")
            and c >= 2
            and (toks[c - 1].text == "," or toks[c - 1].lower in _PARTICIPLE_LINKS)
        ):
            lemma = _FORMS.get(t.lower)
            verb = speech.REPORTING_VERBS[lemma] if lemma is not None else None
            rest = _skip_after_cue(toks, c + 1, k, verb) if verb is not None else k
            if rest < k and toks[rest].lower == "that":
                rest += 1  # "…, adding that “…”"
            if verb is not None and lemma is not None and rest >= k:
                # "…, writing “…”" / "…, adding: “…”": the sentence's subject writes it.
                subj = _participle_speaker(toks, c, lemma)
                if subj is not None:
                    return Attribution(_span(text, toks, *subj), _span(text, toks, c, c + 1))
            return None
        if lemma is None:
            if t.lower in ("according",) and c + 1 < n and toks[c + 1].lower == "to":
                # "According to the campaign, “…”": the phrase up to the comma speaks.
                if c + 2 < k < n and toks[k].text == ",":
                    return Attribution(_span(text, toks, c + 2, k), _span(text, toks, c, c + 2))
                return None
            if (
                c == k - 1
                and k < n
                and toks[k].text == ":"
                and t.word
                and not any(_is_cue(toks, m) for m in range(_label_start(toks, c), c))
            ):
                # "Okafor: “…”", "– Hanna Moreau: “…”", "From the report: “…”": a
                # name, or a source noun, and a colon.
                a = max(_left_np(toks, k, 0), _label_start(toks, c))
                while a < k and toks[a].lower in ("from", "more"):
                    a += 1
                named = a < k and toks[a].text[0].isupper() and _name_like(toks, a, k)
                if named or (a < k and t.lower in _HEADS and toks[a].lower in _DETERMINERS):
                    return Attribution(_span(text, toks, a, k), _span(text, toks, k, k + 1))
            continue
        verb = speech.REPORTING_VERBS[lemma]
        cue, after = _cue_span(text, toks, c)
        if c == 0 and lemma in _INVERTING:
            # "Said Dalby, “…”": the cue opens the sentence, its source follows it.
            s1 = _right_np(toks, after, k)
            if s1 > after and _speaker_like(toks, after, s1):
                return Attribution(_span(text, toks, after, s1), cue)
            return None
        rest = _skip_after_cue(toks, after, k, verb)
        if rest < k and toks[rest].lower == "that":
            rest += 1
        if (
            rest < k
            and k < n
            and toks[k].text == ":"
            and (verb.listener or lemma in ("say", "write"))
            and k - rest <= 8
            and all(
                t.word and t.lower not in _AUX and t.lower not in _VERBS and t.lower not in _FORMS
                for t in toks[rest:k]
            )
        ):
            rest = k  # "told the crowd outside the town hall: “…”"
        if rest < k:
            return None  # words of a clause stand between: a quoted phrase in a report
        j = c
        while j > 0 and (toks[j - 1].lower in _AUX or toks[j - 1].lower in _ADVERBS) and j > c - 4:
            j -= 1
        if j == 0:
            return None
        prev = toks[j - 1]
        if prev.lower in ("and", "but") and j >= 2:
            subj = _elided_subject(toks, j - 1)
            if subj is None:
                return None
            return Attribution(_span(text, toks, *subj), cue)
        if prev.text == ",":
            m = j - 2
            while m >= 0 and j - m < _MAX_APPOSITION and toks[m].text not in (",", ";", ":"):
                m -= 1
            if m >= 0 and toks[m].text == ",":
                a = _left_np(toks, m, 0)
                if a < m and _name_like(toks, a, m):
                    return Attribution(_span(text, toks, a, j - 1), cue)
            return None
        if prev.lower == "who" and j >= 2 and toks[j - 2].text == ",":
            # "Ann Lee, who said, “…”": "who", standing for the name before it.
            a = _left_np(toks, j - 2, 0)
            earlier = _span(text, toks, a, j - 2) if a < j - 2 else None
            return Attribution(_span(text, toks, j - 1, j), cue, earlier)
        a = _left_np(toks, j, 0)
        if a == j or not _name_like(toks, a, j):
            return None
        return Attribution(_span(text, toks, a, j), cue)
    return None


_QUOTE_OPENERS = frozenset("\"“‘'«„")
# A quote right after one of these names a work or a show ("a broadcast of
# “Morning Harbour,”", "the “budget whisperer”"): nobody says it.
_BEFORE_A_TITLE = regex.compile(
    r"(?:\b(?:of|on|in|at|the|a|an|from|for|to|by|with)|['’]s)[ \t\u00a0]*+$", regex.IGNORECASE
)
# A transcript's label opening a line: "WALLACE: …", "Q: …".
_LABEL_OPENING = regex.compile(r"\(?\p{Lu}[\p{Lu}.'’ -]{0,30}+:[ ]")


def names_a_work(text: str, quote: Quote) -> bool:
    """Whether ``quote`` follows a preposition, an article or a possessive."""
    found = _BEFORE_A_TITLE.search(text, max(0, quote.start - 12), quote.start)
    if found is None:
        return False
    before = text[max(0, found.start() - 12) : found.start()].split()
    # "warned of “…”": the particle of a cue, not a title's preposition
    return not (found.group().strip().lower() == "of" and before and before[-1].lower() in _FORMS)


def opens_with_label(content: str) -> bool:
    """Whether a quote's content opens with a transcript label ("PENCE: …")."""
    return _LABEL_OPENING.match(content) is not None


def is_heading(text: str, quote: Quote, sentence: Span) -> bool:
    """Whether a quote is a heading in title case: the whole line, a few capitalised words.

    ``‘All Bets Are Off.’`` between two paragraphs heads a section; it continues
    nobody's quote.
    """
    line_start = sentence.start == 0 or text[sentence.start - 1] in "\n\r"
    rest = text[quote.end : sentence.end].strip(" .\u00a0")
    words = quote.content.text.split()
    return (
        line_start
        and quote.start == sentence.start
        and not rest
        and 2 <= len(words) <= 10
        and all(w[0].isupper() or len(w) <= 3 or not w[0].isalpha() for w in words)
    )


_LABEL_WORDS = 6  # a speaker's label in a transcript is this short


def speaker_label(text: str, sentence: Span, end: int, quotes: QuoteIndex) -> ReportedSpeech | None:
    """Read a transcript's line: "SMITH: We will …" / "Rep. Ann Lee (D-Ore.): …".

    ``sentence`` opens a line that runs to ``end``; the label before the colon
    is the source, the colon the cue, and the rest of the line the content.
    """
    if sentence.start > 0 and text[sentence.start - 1] not in "\n\r":
        return None
    colon = text.find(":", sentence.start, min(sentence.end, sentence.start + 80))
    if colon < 0 or not (text[sentence.start].isalnum() or text[sentence.start] in _QUOTE_OPENERS):
        return None  # no colon, or "[Video: …]"
    toks = _tokens(text, sentence.start, colon, quotes)
    words = [t for t in toks if t.word]
    if not words or len(toks) > _LABEL_WORDS + 4 or len(words) > _LABEL_WORDS:
        return None
    if not all(t.text[0].isupper() and not t.lower[:1].isdigit() for t in words):
        return None
    if any(t.lower in _FORMS or t.lower in _CLAUSE_WORDS for t in words):
        return None
    start = colon + 1
    while start < end and text[start].isspace():
        start += 1
    stop = _strip_end(text, start, end)
    if stop <= start or not (text[start].isalpha() or text[start] in _QUOTE_OPENERS):
        return None
    if text.count(",", start, stop) > 5 and "." not in text[start:stop]:
        return None  # "Iowa: Ann Lee, Bo Park, …": a list under a heading
    # The label is what follows a dash ("EXCLUSIVE – Ann Lee: …"), up to a parenthesis.
    first = next((m + 1 for m in range(len(toks) - 1, -1, -1) if toks[m].text in _DASHES), 0)
    named = toks[first : next((m for m, t in enumerate(toks) if t.text == "("), len(toks))]
    if not named:
        return None
    lead = named[1] if len(named) > 1 and named[0].lower in ("the", "just") else named[0]
    if lead.lower in news.HEADING_LABELS:
        return None  # "Update: …", "The Latest: …"
    if text[start] not in _QUOTE_OPENERS and (
        sum(t.word for t in named) > 4
        or (len(named) > 1 and any(t.lower in _FUNCTION_WORDS for t in named))
    ):
        # "Stealth Over Health: Clinton was …": a heading, unless it opens a quote
        # ("Warren Hammers Bank Chief: “You should resign”").
        return None
    source = trusted_span(text, toks[first].start, toks[-1].end)  # not "MORE - " before it
    cue = trusted_span(text, colon, colon + 1)
    return ReportedSpeech(trusted_span(text, start, stop), Attribution(source, cue))
