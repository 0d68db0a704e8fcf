r"""Text → zones: title, image alt / caption / credit, body paragraphs and boilerplate.

The parser works on lines and blocks.  A *line* runs between line breaks
(``\r\n``, lone ``\r`` or ``\n``); a *block* is a run of non-blank lines with
no blank line inside.  Every line of a block goes to exactly one zone, trimmed of
the invisible characters around it (see `corpuskit.stages.invisible`: anything
`str.isspace` calls whitespace, U+00A0 among it, and format characters that show
nothing, such as U+200B, U+2060 and U+FEFF), so the zones are ordered, never
overlap, start and end on a visible character and together cover every visible
character of the text exactly once.  A line holding only invisible characters is
blank.

How a line is classified, in this order:

1. **Boilerplate**: a short line that is wholly one of the end-matter forms news
   sites add (translator credit, contact line, link text, byline, "Share this
   article" and the like; see ``_BOILERPLATE``).  Forms that also open ordinary
   sentences ("By …", "For questions …") count only when the line does not end
   like a sentence, in a lower-case word and a full stop.
2. **Image**: a line that ends in a photo credit (``_CREDIT``: agency chains such
   as ``WANG ZHAO/AFP/Getty Images``, ``REUTERS/Kim Hong-Ji``, ``AP Photo/…``,
   ``… via Getty Images``, ``Photo: …``, ``(Photo by …)``, ``© …``) is a caption
   with its credit, or a credit alone; the line directly above it in the same
   block is the caption (when the credit stood alone) or the image's alt text
   (when it is short and not a sentence).
3. **Title**: the text that opens the file, one line (or a headline's two), when
   the evidence around it says headline: a blank line (or end matter) after it,
   paragraphs after that, and it short beside them, with nothing a lede carries
   (see `_is_title`).  How it ends (a full stop, ``?``, ``!``) does not count.
4. **Paragraph**: everything else.  Consecutive lines of a block are one
   paragraph wrapped over several lines unless a line is longer than a wrapped
   line would be (``_WRAP_WIDTH``), which marks a file that puts one paragraph
   on each line.

Every pattern here is linear in the length of the line it is applied to: no
nested quantifiers over overlapping classes, possessive quantifiers where a
match could otherwise back off, and credit searches confined to a line's tail.
"""

from __future__ import annotations

import re

import regex

from corpuskit.lexicon.dates import DAYS, MONTHS
from corpuskit.lexicon.names import NAME_PARTICLES
from corpuskit.lexicon.news import (
    AGENCIES,
    BARE_CREDIT_AGENCIES,
    BYLINE_ROLES,
    CREDIT_LABELS,
    FEEDBACK_WORDS,
    LINK_LABELS,
    NEWSLETTER_WORDS,
    STAFF_BYLINES,
    TRANSLATOR_CREDIT_OPENERS,
)
from corpuskit.lexicon.speech import CAPTION_END_CUES, LEDE_CUES
from corpuskit.model.spans import Span, unchecked_maker
from corpuskit.model.zones import Boilerplate, Image, Zone, ZoneKind, ZoneParse
from corpuskit.stages.alternation import alternation
from corpuskit.stages.invisible import INVISIBLE, VISIBLE_CLASS, invisible_class

__all__ = ["parse_zones"]


# --- lines and blocks ---------------------------------------------------------

# Scanning runs over a copy of the text in which "\r\n" became " \n" and a lone "\r"
# became "\n": the same length, the same offsets, whitespace where there was
# whitespace, and a single line-break character that the patterns below can use.
# A visible character, and an invisible one within a line.  A zone that began or
# ended on a zero-width space or a word joiner would hold nothing a reader sees
# there, and a line of them looks blank, so they count as whitespace does.
_VISIBLE = VISIBLE_CLASS
_GAP = invisible_class(but="\n")
# A block: lines holding visible characters with no blank line between them, from
# its first visible character to its last.
# Once a line has joined the block it is never given back (``*+``): the match ends
# where the next line is blank, and a greedy loop would keep a backtracking frame
# for every line, which costs more than linear time in a block of a million lines.
_BLOCK = re.compile(
    rf"{_VISIBLE}(?:[^\n]*{_VISIBLE})?(?:{_GAP}*+\n{_GAP}*+{_VISIBLE}(?:[^\n]*{_VISIBLE})?)*+"
)
# A line's trimmed content.
_LINE = re.compile(rf"{_VISIBLE}(?:.*{_VISIBLE})?")
_WRAP_WIDTH = 100


def _compose(template: str, **parts: str) -> regex.Pattern[str]:
    """Compile a verbose pattern after putting each named part in place of ``<NAME>``."""
    for name, part in parts.items():
        template = template.replace(f"<{name}>", part)
    if regex.search(r"<[A-Z_]+>", template):
        raise AssertionError(f"a part of the pattern was not given: {template}")  # pragma: no cover
    return regex.compile(template, regex.VERBOSE)


# --- boilerplate ---------------------------------------------------------------

_BOILERPLATE_MAX = 200
_NAME_WORD = r"\p{Lu}[\p{L}\p{M}.'’-]*+"
_PARTICLE = "(?:" + alternation(NAME_PARTICLES) + ")"
_NAME = _NAME_WORD + r"(?:[ ](?:" + _NAME_WORD + "|" + _PARTICLE + r")){0,5}"
# Forms that also open ordinary sentences ("By Tuesday, the talks had collapsed.",
# "For questions of sovereignty, …") are end matter only when the line does not end
# like a sentence, in a lower-case word and a full stop.
_NOT_SENTENCE = r"(?!.*[ ]\p{Ll}++[.!?][\"”’)]?$)"
_BOILERPLATE = _compose(
    r"""
    (?P<translator_credit>\*?[ ]*+(?:<TRANSLATED>)
        (?:[ ]and[ ](?:edited|adapted))?[ ]by:?[ ]*+(?P<name>.+?)\.?)
    |(?P<contact_line>
        Please[ ]direct[ ]any[ ]comments[ ]or[ ]questions.*
        |<NOT_SENTENCE>(?:For|Send|Direct)[ ](?:any[ ])?(?:<FEEDBACK>)\b.*
        |(?:Contact|Email|E-mail)[ ](?:us|the[ ](?:author|editor|newsroom))\b.*
        |Questions[ ]or[ ]comments\b.*)
    |(?P<link_text>
        Read[ ](?:in|this[ ](?:article|story)[ ]in)[ ]\p{Lu}\p{L}*+
        |Read[ ]more(?:[ ]*+:.*|[ ]*+)|<NOT_SENTENCE>Read[ ]the[ ](?:original|full)\b.*
        |Click[ ]here\b.*
        |(?:<LINK_LABEL>)[ ]?:.*
        |Continue[ ]reading\b.*|View[ ](?:comments|original|the[ ]original)\b.*
        |<NOT_SENTENCE>Originally[ ]published\b.*
        |This[ ](?:article|story)[ ](?:was|first)[ ](?:originally[ ])?(?:published|appeared)\b.*)
    |(?P<byline>
        <NOT_SENTENCE>By[ ]<NAME>(?:(?:,[ ]|[ ]and[ ]|[ ]&[ ])<NAME>){0,3}
            (?:(?:,[ ]|[ ](?:in|for|at|from)[ ]).{1,60})?
        |\(?(?:<BYLINE_ROLE>)[ ]by\b.*
        |<NOT_SENTENCE>(?:<STAFF>)\b.{0,60})
    |(?P<other_boilerplate>
        Share[ ](?:this|the)[ ](?:article|story|post)\b.*|Share[ ]on[ ].{1,40}
        |Advertisement|ADVERTISEMENT|Sponsored(?:[ ]content)?
        |Subscribe(?:[ ](?:now|today|here))?
            (?:[ ](?:to|for)[ ](?:our|the|a|free|Daily[ ]NK|premium)\b.{0,60})?[.!]?
        |Sign[ ]up[ ](?:now[ ])?(?:for|to)[ ].{0,60}(?:<NEWSLETTER>).{0,10}
        |Follow[ ]us\b.{0,60}|Copyright[ ]*+(?:©|\([Cc]\)|\d{4}).{0,100}|©[ ]*+\d{4}.*
        |All[ ]rights[ ]reserved\.?
        |\(?END\)?|Back[ ]to[ ]top|Print(?:[ ]this[ ](?:article|page))?|Tags?:.*|Topics?:.*)
    """,
    NOT_SENTENCE=_NOT_SENTENCE,
    NAME=_NAME,
    TRANSLATED=alternation(TRANSLATOR_CREDIT_OPENERS),
    FEEDBACK=alternation(FEEDBACK_WORDS),
    LINK_LABEL=alternation(LINK_LABELS),
    BYLINE_ROLE=alternation(BYLINE_ROLES),
    STAFF=alternation(STAFF_BYLINES),
    NEWSLETTER=alternation(NEWSLETTER_WORDS),
)
# How every boilerplate form begins: a cheap test that passes most lines over.
_BOILERPLATE_START = re.compile(
    r"[*(©]|Please|For |Send|Direct|Contact|E-?mail|Questions|Read|READ|Click"
    r"|Continue|View|Originally|This (?:article|story)|By |Share|Advertisement|ADVERTISEMENT"
    r"|Sponsored|Subscribe|Sign up|Follow|Copyright|All rights|END|Back to|Print|Tags?:|Topics?:|"
    + alternation((*TRANSLATOR_CREDIT_OPENERS, *LINK_LABELS, *BYLINE_ROLES, *STAFF_BYLINES))
)
_BOILERPLATE_GROUPS = (
    ("translator_credit", ZoneKind.TRANSLATOR_CREDIT),
    ("contact_line", ZoneKind.CONTACT_LINE),
    ("link_text", ZoneKind.LINK_TEXT),
    ("byline", ZoneKind.BYLINE),
    ("other_boilerplate", ZoneKind.OTHER_BOILERPLATE),
)


# --- photo credits ---------------------------------------------------------------

# Agencies, picture desks and photo libraries whose names end captions (the lexicon's
# `AGENCIES`).  Longer names first so that alternation prefers them.
_AGENCY = "(?:" + alternation(AGENCIES) + ")"
# A photographer in capitals ("WANG ZHAO", "JEON HEON-KYUN"); no word may run on in lower case.
_CAPS_WORD = r"\p{Lu}[\p{Lu}\p{M}.'’-]*+(?![\p{Ll}])"
_CAPS_NAME = _CAPS_WORD + r"(?:[ ]" + _CAPS_WORD + r"){0,3}"
# A photographer written in title case before a slash ("Chung Sung-Jun/Getty Images"):
# two words, or three with an initial in the middle, so that a place name ending the
# caption ("… in Pyongyang Ed Jones/AFP") stays with the caption.
_TITLE_NAME = r"\p{Lu}\p{Ll}[\p{L}\p{M}'’-]*+(?:[ ]\p{Lu}\.)?[ ]\p{Lu}\p{Ll}[\p{L}\p{M}'’-]*+"


def _not_names(agencies: tuple[str, ...]) -> str:
    """Return an alternation of the ``agencies`` that `_NAME` does not match.

    After a slash a credit takes an agency or a name.  An agency that is also a
    name ("KCNA", "Getty Images") gave the chain two ways to read each link, and a
    line of many links that is no credit ("KCNA/KCNA/…/KCNA/x") was tried both
    ways at every link: time doubling with each link.  Leaving such agencies to
    `_NAME` accepts the same text, read one way.
    """
    name = regex.compile(_NAME, regex.VERBOSE)
    return "(?:" + alternation(a for a in agencies if not name.fullmatch(a)) + ")"


# After a slash: another agency, or a photographer in any case ("REUTERS/Kim Hong-Ji").
_AFTER = r"(?:" + _not_names(AGENCIES) + r"|" + _NAME + r")"
_SLASH = r"[ ]?/[ ]?"
# An agency at the head of a chain: a known one, or any acronym that a slash follows
# ("NTB/AFP", "ANP/…").
_HEAD = r"(?:" + _AGENCY + r"|\p{Lu}{2,6}(?=[ ]?/))"
# A photographer's name does not follow "of", "the" and the like: "… headquarters of
# NATO MARC DELVAUX/AFP" credits MARC DELVAUX, and NATO stays in the caption.
_NOT_AFTER_FUNCTION_WORD = r"(?<!\b(?:of|the|at|in|on|from|by|and|with|to|for|a|an|near)[ ])"
_CREDIT = _compose(
    r"""
    (?<![^\s(\[])(?=[\p{Lu}(©])         # a credit starts a word, with a capital, "(" or "©"
    (?:
      \(?(?:<LABEL>)(?:[ ]*+:[ ]*+|[ ]by[ ]|[ ]of[ ])[^\s:][^:]{0,80}
      |©[ ]*+\S.{0,80}
      |\(?(?:<NOT_AFTER_FUNCTION_WORD>(?:<CAPS>|<TITLE>)<SLASH>)?<HEAD>(?:<SLASH><AFTER>)*
          (?:[ ]via[ ]<AGENCY>(?:<SLASH><AFTER>)*)?\)?
    )
    $""",
    LABEL=alternation(CREDIT_LABELS),
    NOT_AFTER_FUNCTION_WORD=_NOT_AFTER_FUNCTION_WORD,
    CAPS=_CAPS_NAME,
    TITLE=_TITLE_NAME,
    SLASH=_SLASH,
    HEAD=_HEAD,
    AFTER=_AFTER,
    AGENCY=_AGENCY,
)
# Credits are short; only a line's tail is searched, which keeps the search linear.
_CREDIT_TAIL = 120
_CREDIT_LEAD = 50
# The labels that no other label starts with ("Photo" for "Photographs" and "Photo
# credit" too): every credit that opens with a label holds one.
_LABEL_HEADS = tuple(
    label
    for label in CREDIT_LABELS
    if not any(label != other and label.startswith(other) for other in CREDIT_LABELS)
)
# Something every credit form has; a tail without it is passed over cheaply: a slash,
# "©", "via", a label, or at the end of the line an acronym or a bare agency of one
# word not in capitals ("Yonhap").
_CREDIT_HINT = re.compile(
    r"[/©]|\bvia\b|"
    + alternation(_LABEL_HEADS)
    + r"|(?:[A-Z]{2,}|"
    + alternation(a for a in BARE_CREDIT_AGENCIES if " " not in a and not a.isupper())
    + r")\)?\Z"
)
# A bare agency name with no slash, "via" or trigger word ends a caption only when it
# cannot be the last word of a sentence ("… the official told Reuters").
_BARE_AGENCY_OK = regex.compile(r"\(?(?:" + alternation(BARE_CREDIT_AGENCIES) + r")\)?")
_REPORTING_WORDS = frozenset(
    ("by", "to", "from", "of", "via", "with", "and", "the", "a", "an", *CAPTION_END_CUES)
)
_NOT_CREDIT_END = frozenset(".!?,;:\"”’'")

# --- titles -----------------------------------------------------------------------

# A title is decided by where it stands (see `_is_title`): the first text of the file,
# followed by a blank line, with no more than _TITLE_SHARE of the length of the longest
# paragraph in the _TITLE_LOOKAHEAD blocks after it, and no longer than _TITLE_MAX_CHARS.
_TITLE_MAX_CHARS = 250
_TITLE_SHARE = 0.6
_TITLE_LOOKAHEAD = 8
_ALT_MAX_WORDS = 12
# What ledes say and headlines leave out: attribution, a day of the week, a dateline.
_LEDE_WORDS = regex.compile(
    r"\b(?:" + alternation(LEDE_CUES, space="[ ]") + "|"
    r"(?:on|early|late|last|this|next)[ ](?:" + alternation(DAYS) + r")|yesterday|last[ ]week)\b"
)
# "SEOUL (Reuters) -", "KUMASI, Ghana -": a place in capitals, then a state or country
# or an agency in brackets, then a dash.  A word in capitals before a dash alone is
# no dateline: headlines open with labels that way ("EXCLUSIVE – …").
_DATELINE = regex.compile(
    r"\p{Lu}[\p{Lu}\p{M}.'’-]*+(?:[ ]\p{Lu}[\p{Lu}\p{M}.'’-]*+){0,3}"
    r"(?:,[ ][\p{L}\p{M}.'’ ]{1,30}|[ ]\([\p{L}\p{M}.'’ ]{1,30}\))[ ]*+[-—–]"
)
# Headlines tell of past events in the present tense ("rise", not "rose"), but not
# always ("Senator missed the vote."): past tense counts as a lede's only with a date
# ("Exports rose 9% in May.").
_PAST_TENSE = regex.compile(
    r"\b(?:\p{Ll}{3,}ed|was|were|had|did|rose|fell|grew|won|lost|took|made|came|went|saw|gave"
    r"|left|hit|cut|ran|began|fled|struck|sank|spoke|wrote|sold|bought|paid|met|held|kept"
    r"|brought|found|became|chose|drew|drove|flew|knew|led|shot|spent|stood|threw)\b"
)
_DATE = regex.compile(
    r"\b(?:in|on|since|until|by|from|early|late|last|this|next)[ ](?:"
    + alternation(MONTHS)
    + r")\b"
)


def _reads_like_lede(text: str) -> bool:
    """Return whether a candidate title says what ledes say and headlines leave out.

    A lead-in (a trailing comma, semicolon or colon: the line runs on into what
    follows), attribution ("said", "told", "according to", "has learned"), a day
    ("on Monday", "yesterday"), a dateline, or a past-tense verb with a date.  None
    of these is in any of the 776 PolNeAR train and dev headlines.
    """
    return bool(
        text[-1] in ",;:"
        or _LEDE_WORDS.search(text)
        or _DATELINE.match(text)
        or (_DATE.search(text) and _PAST_TENSE.search(text))
    )


def _looks_like_alt(text: str) -> bool:
    """Return whether a line reads like image alt text: a short label, not a sentence."""
    return text[-1] not in '.!?:;,"”' and len(text.split()) <= _ALT_MAX_WORDS


# --- the parser -----------------------------------------------------------------------


def _find_credit(text: str, start: int, end: int) -> int:
    """Return where a photo credit ending the line ``text[start:end]`` begins, or -1."""
    if text[end - 1] in _NOT_CREDIT_END:
        return -1
    tail = max(start, end - _CREDIT_TAIL)
    hint = _CREDIT_HINT.search(text, tail, end)
    if hint is None:
        return -1
    # A credit holds its hint within its first _CREDIT_LEAD characters.
    m = _CREDIT.search(text, max(tail, hint.start() - _CREDIT_LEAD), end)
    if m is None:
        return -1
    credit_start: int = m.start()
    found = m.group()
    if (
        "/" in found
        or " via " in found
        or found[0] in "(©"
        or ":" in found
        or " by " in found
        or " of " in found
    ):
        return credit_start
    # A bare agency name: a credit only when it is one of the distinctive ones and
    # does not end a sentence about the agency ("… first reported by Yonhap").
    if not _BARE_AGENCY_OK.fullmatch(found):
        return -1
    # The word before it, whole however many spaces come between.
    before = text[start:credit_start].rsplit(None, 1)
    if before and before[-1] in _REPORTING_WORDS:
        return -1
    return credit_start


def _boilerplate(text: str, start: int, end: int) -> Boilerplate | None:
    if end - start > _BOILERPLATE_MAX or not _BOILERPLATE_START.match(text, start, end):
        return None
    m = _BOILERPLATE.fullmatch(text, start, end)
    if m is None:
        return None
    for group, kind in _BOILERPLATE_GROUPS:
        if m.start(group) >= 0:
            name = None
            if kind is ZoneKind.TRANSLATOR_CREDIT:
                ns, ne = m.span("name")
                name = Span(ns, ne, text[ns:ne])
            return Boilerplate(start, end, text[start:end], kind, name)
    raise AssertionError("unreachable: a boilerplate match names its group")  # pragma: no cover


_zone = unchecked_maker(Zone)


class _Builder:
    """Collects zones and image blocks in text order."""

    __slots__ = ("images", "scan", "text", "zones")

    def __init__(self, text: str, scan: str) -> None:
        self.text = text
        self.scan = scan  # the text with one line-break character (see `parse_zones`)
        self.zones: list[Zone] = []
        self.images: list[Image] = []

    def zone(self, start: int, end: int, kind: ZoneKind) -> Zone:
        # The parser's offsets are right by construction: skip the checks that
        # Span runs for values that come from outside (a third of parse time).
        z: Zone = _zone(start, end, self.text[start:end], kind)
        self.zones.append(z)
        return z

    def image(self, alt: Zone | None, caption: Zone | None, credit: Zone | None) -> None:
        parts = [p for p in (alt, caption, credit) if p is not None]
        s, e = parts[0].start, parts[-1].end
        self.images.append(Image(s, e, self.text[s:e], alt, caption, credit))

    def paragraphs(self, lines: list[tuple[int, int]]) -> None:
        """Emit paragraphs for consecutive lines, joining wrapped lines."""
        for s, e in _paragraph_spans(lines):
            self.zone(s, e, ZoneKind.PARAGRAPH)


def _paragraph_spans(lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Group consecutive lines into paragraphs, joining wrapped lines."""
    spans = []
    first = lines[0][0]
    for i, (s, e) in enumerate(lines):
        last = i + 1 == len(lines)
        if last or e - s > _WRAP_WIDTH or lines[i + 1][1] - lines[i + 1][0] > _WRAP_WIDTH:
            spans.append((first, e))
            if not last:
                first = lines[i + 1][0]
    return spans


def parse_zones(text: str) -> ZoneParse:
    """Split ``text`` into zones; see the module docstring for the rules."""
    scan = text.replace("\r\n", " \n").replace("\r", "\n") if "\r" in text else text
    out = _Builder(text, scan)
    blocks = [m.span() for m in _BLOCK.finditer(scan)]
    for index, (bstart, bend) in enumerate(blocks):
        if scan.find("\n", bstart, bend) < 0:
            if (
                index
                and text[bend - 1] in _NOT_CREDIT_END
                and _boilerplate(text, bstart, bend) is None
            ):
                # The common case: a one-line paragraph ending in punctuation.
                out.zone(bstart, bend, ZoneKind.PARAGRAPH)
                continue
            lines = [(bstart, bend)]
        else:
            lines = [m.span() for m in _LINE.finditer(scan, bstart, bend)]
        pending: list[tuple[int, int]] = []  # lines waiting to become text zones
        for s, e in lines:
            bp = _boilerplate(text, s, e)
            if bp is not None:
                _flush(out, pending, blocks)
                out.zones.append(bp)
                continue
            credit_at = _find_credit(text, s, e)
            if credit_at < 0:
                pending.append((s, e))
                continue
            # An image block: claim the caption and alt lines from what is pending.
            caption_end = credit_at
            while caption_end > s and text[caption_end - 1] in INVISIBLE:
                caption_end -= 1
            alt_line = caption_line = None
            if caption_end > s:
                caption_line = (s, caption_end)
                if pending and _looks_like_alt(text[pending[-1][0] : pending[-1][1]]):
                    alt_line = pending.pop()
            elif pending:
                caption_line = pending.pop()
                if pending and _looks_like_alt(text[pending[-1][0] : pending[-1][1]]):
                    alt_line = pending.pop()
            _flush(out, pending, blocks)
            alt = None if alt_line is None else out.zone(*alt_line, ZoneKind.IMAGE_ALT)
            caption = None if caption_line is None else out.zone(*caption_line, ZoneKind.CAPTION)
            credit = out.zone(credit_at, e, ZoneKind.CREDIT)
            out.image(alt, caption, credit)
        _flush(out, pending, blocks)
    return ZoneParse(tuple(out.zones), tuple(out.images))


def _flush(out: _Builder, pending: list[tuple[int, int]], blocks: list[tuple[int, int]]) -> None:
    """Turn the pending lines into a title or paragraphs, and clear them."""
    if not pending:
        return
    if _is_title(out, pending, blocks):
        out.zone(pending[0][0], pending[-1][1], ZoneKind.TITLE)
    else:
        out.paragraphs(pending)
    pending.clear()


def _is_title(out: _Builder, pending: list[tuple[int, int]], blocks: list[tuple[int, int]]) -> bool:
    """Decide by where they stand whether the pending lines are the article's title.

    They are when they open the file (nothing comes before them, not even an image
    block: a title is an article's first zone); they are one line, or two lines of a
    headline wrapped in a file whose paragraphs are single long lines; a blank line
    or end matter follows them, and paragraphs follow that; they are at most
    ``_TITLE_MAX_CHARS`` long and at most ``_TITLE_SHARE`` of the longest paragraph
    in the rest of their block and the ``_TITLE_LOOKAHEAD`` blocks after it; and
    they carry nothing a lede carries (`_reads_like_lede`).  Whether they end in a
    full stop, a question mark, an exclamation mark or nothing does not count.
    """
    if out.zones or len(pending) > 2:  # no zone before them: they are in the first block
        return False
    text, scan = out.text, out.scan
    candidate = " ".join(text[s:e] for s, e in pending)
    if len(candidate) > _TITLE_MAX_CHARS:
        return False
    if len(pending) == 2 and not (
        all(e - s <= _WRAP_WIDTH for s, e in pending)
        and any(e - s > _WRAP_WIDTH and scan.find("\n", s, e) < 0 for s, e in blocks[1:])
    ):
        return False
    end, block_end = pending[-1][1], blocks[0][1]
    # What follows: the rest of the block (end matter, an image), then the next blocks.
    after = [(end, block_end)] if end < block_end else []
    after += blocks[1 : 1 + _TITLE_LOOKAHEAD]
    longest = max(
        (
            e - s
            for bs, be in after
            for s, e in _paragraph_spans([m.span() for m in _LINE.finditer(scan, bs, be)])
        ),
        default=0,
    )
    return len(candidate) <= _TITLE_SHARE * longest and not _reads_like_lede(candidate)
