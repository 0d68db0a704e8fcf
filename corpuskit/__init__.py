r"""corpuskit: exact, offset-preserving parsing of raw news-article files.

Read a folder of raw article files as a `Corpus`, or one file as an
`Article`; every part of an article (zones, sentences, quotes, quantities and
claims) is a `Span` whose offsets index the exact text of the file.

>>> import corpuskit
>>> article = corpuskit.Article.from_text("Title Here\n\nThe body, at last.", id="demo")
>>> [(z.kind.value, z.text) for z in article.zones]
[('title', 'Title Here'), ('paragraph', 'The body, at last.')]
"""

import attrs

from corpuskit.align.anchor import Anchor, AnchorStatus
from corpuskit.align.normalize import Normalized, NormalizeStep, OffsetMap, normalize
from corpuskit.align.reanchor import Moved, MoveStatus, reanchor, reanchor_claims
from corpuskit.article import Article
from corpuskit.corpus.corpus import Corpus, CorpusFile
from corpuskit.corpus.seeds import load_seeds, seeds_path
from corpuskit.model.claims import Claim, ClaimKind
from corpuskit.model.errors import (
    AnchorError,
    ArticleNotFoundError,
    ArticlePositionError,
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
from corpuskit.model.offsets import LineCol, OffsetIndex
from corpuskit.model.quantities import Quantity, QuantityKind
from corpuskit.model.quotes import Attribution, Quote
from corpuskit.model.spans import Span
from corpuskit.model.zones import Boilerplate, Image, Zone, ZoneKind
from corpuskit.version import __version__

__all__ = [
    "Anchor",
    "AnchorError",
    "AnchorStatus",
    "Article",
    "ArticleNotFoundError",
    "ArticlePositionError",
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

# Reprs, tracebacks, documentation and pickles name the public path
# (``corpuskit.Article``), never the module that happens to define a name, so a
# pickle stays loadable when the package's insides move.  A class's annotations
# are resolved first, in the module that defines it, where their names are.
for _name in __all__:
    _value = globals()[_name]
    if attrs.has(_value):
        attrs.resolve_types(_value)
    if hasattr(_value, "__module__"):
        _value.__module__ = __name__
del _name, _value
