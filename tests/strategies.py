"""Hypothesis strategies for news-like raw article text, shared by every property test.

`news_texts` builds files the way scrapers leave them: optional title, image
blocks with credits, paragraphs wrapped or not, boilerplate at the end, any
line-break convention, trailing spaces and U+00A0, tabs, emoji, combining
marks, zero-width characters and NUL bytes, and invisible characters (U+200B,
U+FEFF, U+2060, U+00AD, U+3000, U+2028 …) at the ends of lines and on blank
lines.  `any_texts` is every Unicode string Python can hold, lone surrogates
included.  `articles_with_parts` gives articles holding claims in several parts
(`Claim.parts`), made from their own claims and sentences.  `is_invisible` says
which characters zones and sentences are trimmed of.
"""

from __future__ import annotations

import unicodedata

import attrs
from hypothesis import strategies as st

from corpuskit import Article, Claim, ClaimKind, Span

WORDS = (
    "the a of North Korean workers restaurant in China said source Daily NK Pyongyang "
    "Seoul officials 2016 RMB 2,000–3,000 U.S. Mr. Kim Jong-un’s “quote” ‘single’ "
    "don’t $10m 50% Feb. 24 [in China] — – … café naïve 😀 👍🏽 𝔘 e\u0301 \u200b \x00 "
    "\ufeff AFP Reuters Photo Getty"
).split(" ")
SPACES = st.sampled_from([" ", " ", " ", "\u00a0", "\t", "  ", "\u2009"])
BREAKS = st.sampled_from(["\n", "\r\n", "\r"])
# Format characters (general category Cf) that show something, and so count as
# visible: the prepended concatenation marks are drawn (U+0600 ARABIC NUMBER SIGN …),
# and the tag characters end an emoji flag ("🏴" and tags spell England's).
SHOWN_FORMAT_CHARACTERS = frozenset(
    "\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd"
    + "".join(map(chr, range(0xE0020, 0xE0080)))
)


def is_invisible(char: str) -> bool:
    """Tell whether zones and sentences are trimmed of ``char`` (docs/data-model.md).

    Whitespace as `str.isspace` has it, and format characters (Cf) that show nothing.
    """
    return char.isspace() or (
        unicodedata.category(char) == "Cf" and char not in SHOWN_FORMAT_CHARACTERS
    )


def visible(text: str) -> str:
    """Return ``text`` without its invisible characters."""
    return "".join(c for c in text if not is_invisible(c))


# What scrapers leave at the ends of lines and on lines that look blank: spaces, and
# characters that show nothing.
EDGES = ["\u200b", "\ufeff", "\u2060", "\u00ad", "\u200d", "\u3000", "\u2028", "\u200b \u2060"]
CREDITS = st.sampled_from(
    [
        "KCNA/AFP/Getty Images",
        "WANG ZHAO/AFP/Getty Images",
        "REUTERS/Kim Hong-Ji",
        "AP Photo/Ahn Young-joon",
        "EPA/JEON HEON-KYUN",
        "Ed Jones/AFP via Getty Images",
        "(Photo by Chung Sung-Jun/Getty Images)",
        "Photo: Daily NK",
        "Yonhap",
        "KCNA via REUTERS",
    ]
)
BOILERPLATE = st.sampled_from(
    [
        "*Translated by Violet Kim",
        "Please direct any comments or questions about this article to",
        "Read in Korean",
        "By Jane Doe",
        "Share this article",
        "Advertisement",
    ]
)


@st.composite
def sentences(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25))
    spaces = draw(st.lists(SPACES, min_size=len(words), max_size=len(words)))
    body = "".join(w + s for w, s in zip(words, spaces, strict=True)).strip()
    end = draw(st.sampled_from([".", ".", "?", "!", ".”", '."', "", ":"]))
    return (body or "x") + end


SOURCES = st.sampled_from(
    [
        "a source",
        "the source",
        "one source",
        "officials",
        "he",
        "she",
        "Mr. Kim",
        "Ms. Lee Min-ji",
        "Daily NK sources",
        "the ministry",
        "a China-based source",
        "the report",
    ]
)
CUES = st.sampled_from(["said", "told reporters", "explained", "reported", "added", "continued"])
ATTRIBUTED = st.sampled_from(
    [
        "“{s},” {src} {cue}.",
        '"{s}," {cue} {src}.',
        "{Src} {cue} that {s}.",
        "{s}, {src} {cue} on Monday.",
        "According to {src}, {s}.",
        "{Src} said: “{s}.” “{s}.”",
        "“{s}.” “{s},” {src} {cue}.",
        "“{s}",
        "The “{s}” were due, {src} {cue}.",
        "{Src}, 45, said the “{s}” was ‘{s}’.",
    ]
)


@st.composite
def attributed(draw: st.DrawFn) -> str:
    """A sentence in one of the shapes attribution takes, quotes left open included."""
    src = draw(SOURCES)
    template = draw(ATTRIBUTED)
    return template.format(
        s=draw(sentences()).rstrip('.?!:”"'),
        src=src,
        Src=src[:1].upper() + src[1:],
        cue=draw(CUES),
    )


@st.composite
def lines(draw: st.DrawFn) -> str:
    kind = draw(
        st.sampled_from(["sentence", "sentence", "caption", "boilerplate", "short", "said", "said"])
    )
    if kind == "said":
        text = " ".join(draw(st.lists(attributed(), min_size=1, max_size=3)))
    elif kind == "caption":
        text = draw(sentences()).rstrip('.?!:”"') + " " + draw(CREDITS)
    elif kind == "boilerplate":
        text = draw(BOILERPLATE)
    elif kind == "short":
        text = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4)))
    else:
        text = " ".join(draw(st.lists(sentences(), min_size=1, max_size=6)))
    lead = draw(st.sampled_from(["", "", " ", "\t", "\u00a0", *EDGES]))
    trail = draw(st.sampled_from(["", "", " ", "\u00a0", "  \u00a0 ", "\t", *EDGES]))
    return lead + text + trail


@st.composite
def news_texts(draw: st.DrawFn) -> str:
    """A raw article file's text, as a scraper might leave it."""
    brk = draw(BREAKS)
    mixed = draw(st.booleans())
    blocks = draw(st.lists(st.lists(lines(), min_size=1, max_size=3), max_size=8))
    out: list[str] = []
    for block in blocks:
        sep = draw(BREAKS) if mixed else brk
        out.append(sep.join(block))
        blank = draw(st.sampled_from(["", " ", "\u00a0", "\t ", *EDGES, "\ufeff\u00a0\u2060"]))
        out.append((sep + blank) * draw(st.integers(1, 3)))
    text = "".join(out)
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    if draw(st.integers(0, 9)) == 0:
        text = "\ufeff" + text
    return text


def any_texts() -> st.SearchStrategy[str]:
    """Every string Python can hold, lone surrogates included."""
    return st.text(st.characters(codec=None))


def encodable_texts() -> st.SearchStrategy[str]:
    """Every string that UTF-8 can encode (no lone surrogates)."""
    return st.text(st.characters(exclude_categories=("Cs",)))


def texts() -> st.SearchStrategy[str]:
    """News-like and arbitrary encodable text, mixed."""
    return st.one_of(news_texts(), encodable_texts())


BOM = b"\xef\xbb\xbf"


def articles() -> st.SearchStrategy[Article]:
    """An article as `Article.from_bytes` reads a file: news-like or any text, maybe a BOM."""
    raw = st.tuples(st.sampled_from([b"", BOM]), texts()).map(
        lambda parts: parts[0] + parts[1].encode("utf-8")
    )
    return st.builds(
        Article.from_bytes,
        raw,
        # ids JSON must escape (a quote) and non-ASCII ones; never a path (see model/ids.py)
        id=st.sampled_from(["x", "dd2c270fb12b86b0", "café 😀", "a\"b'c"]),
        ordinal=st.none() | st.integers(0, 2**63),
        source=st.none() | st.sampled_from(["000_dd2c270fb12b86b0.txt", "naïve 🇰🇷.txt"]),
    )


def json_values() -> st.SearchStrategy[object]:
    """Any JSON value as `json.loads` returns it (no NaN or infinities), nested."""
    scalars = (
        st.none()
        | st.booleans()
        | st.integers(-(2**63), 2**64 - 1)
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text(st.characters(codec="utf-8"), max_size=8)
    )
    return st.recursive(
        scalars,
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.text(max_size=8), children, max_size=4)
        ),
        max_leaves=12,
    )


@st.composite
def pieces(draw: st.DrawFn, span: Span, text: str) -> tuple[Span, ...]:
    """``span`` cut into two to four parts of ``text``, with text between them."""
    room = span.end - span.start - 1  # the offsets strictly inside the span
    most = min(4, (room + 2) // 2)
    assert most >= 2, "a span of fewer than 3 code points has no room for parts"
    n = draw(st.integers(2, most))
    cuts = sorted(
        draw(
            st.sets(
                st.integers(span.start + 1, span.end - 1), min_size=2 * n - 2, max_size=2 * n - 2
            )
        )
    )
    bounds = [span.start, *cuts, span.end]
    return tuple(Span.of(text, bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2))


@st.composite
def claims_in_parts(draw: st.DrawFn, article: Article) -> tuple[Claim, ...]:
    """The article's claims, some cut into parts, and new claims in parts over its sentences.

    Every article with a sentence of three code points or more gets at least one
    claim in parts.  Ids stay unique; every claim has a kind; claims are in text order.
    """
    text = article.text
    claims = []
    for claim in article.claims:
        # A claim in parts already (a quote its attribution interrupts) keeps them.
        split = not claim.parts and claim.end - claim.start >= 3 and draw(st.booleans())
        claims.append(attrs.evolve(claim, parts=draw(pieces(claim, text))) if split else claim)
    long_enough = [s for s in article.sentences if s.end - s.start >= 3]
    if long_enough:
        chosen = draw(st.lists(st.sampled_from(long_enough), min_size=1, max_size=3, unique=True))
        for n, sentence in enumerate(chosen):
            claims.append(
                Claim(
                    sentence.start,
                    sentence.end,
                    sentence.text,
                    f"parts:{n}",
                    (draw(st.sampled_from(list(ClaimKind))),),
                    (sentence,),
                    None,
                    tuple(q for q in article.quantities if sentence.contains(q)),
                    None,
                    draw(pieces(sentence, text)),
                )
            )
    return tuple(sorted(claims, key=lambda c: (c.start, c.end)))


@st.composite
def articles_with_parts(draw: st.DrawFn) -> Article:
    """An article of `articles` given claims in parts with `Article.with_claims`."""
    article = draw(articles())
    return article.with_claims(draw(claims_in_parts(article)))
