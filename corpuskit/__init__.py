r"""corpuskit: exact, offset-preserving parsing of raw news-article files.

Read a folder of raw article files as a `Corpus`, or one file as an
`Article`; every part of an article (zones, sentences, quotes, quantities and
claims) is a `Span` whose offsets index the exact text of the file.

>>> import corpuskit
>>> article = corpuskit.Article.from_text("Title Here\n\nThe body, at last.", id="demo")
>>> [(z.kind.value, z.text) for z in article.zones]
[('title', 'Title Here'), ('paragraph', 'The body, at last.')]
"""

from ._anchor import Anchor, AnchorStatus
from ._article import Article
from ._claims import Claim, ClaimKind
from ._corpus import Corpus, CorpusFile
from ._errors import (
    AnchorError,
    ArticleNotFoundError,
    CorpusKitError,
    DecodeError,
    DuplicateIdError,
    InvalidArticleError,
    InvalidDocumentError,
    OffsetError,
    ReadError,
    SchemaVersionError,
    SpanError,
    TooLargeError,
)
from ._normalize import Normalized, NormalizeStep, OffsetMap, normalize
from ._offsets import LineCol, OffsetIndex
from ._quantities import Quantity, QuantityKind
from ._quotes import Attribution, Quote
from ._reanchor import Moved, MoveStatus, reanchor, reanchor_claims
from ._seeds import load_seeds, seeds_path
from ._spans import Span
from ._zones import Boilerplate, Image, Zone, ZoneKind

__version__ = "0.1.0"

__all__ = [
    "Anchor",
    "AnchorError",
    "AnchorStatus",
    "Article",
    "ArticleNotFoundError",
    "Attribution",
    "Boilerplate",
    "Claim",
    "ClaimKind",
    "Corpus",
    "CorpusFile",
    "CorpusKitError",
    "DecodeError",
    "DuplicateIdError",
    "Image",
    "InvalidArticleError",
    "InvalidDocumentError",
    "LineCol",
    "MoveStatus",
    "Moved",
    "NormalizeStep",
    "Normalized",
    "OffsetError",
    "OffsetIndex",
    "OffsetMap",
    "Quantity",
    "QuantityKind",
    "Quote",
    "ReadError",
    "SchemaVersionError",
    "Span",
    "SpanError",
    "TooLargeError",
    "Zone",
    "ZoneKind",
    "__version__",
    "load_seeds",
    "normalize",
    "reanchor",
    "reanchor_claims",
    "seeds_path",
]
