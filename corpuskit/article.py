"""Article: one raw file held exactly, with its zones computed when first asked for."""

from __future__ import annotations

import bisect
import functools
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

import attrs

from corpuskit.align.anchor import Anchor, WordIndex, anchor
from corpuskit.io import cite as _cite
from corpuskit.io.brat import to_brat
from corpuskit.io.json import (
    MAX_ORDINAL,
    Where,
    article_to_json,
    check_claims,
    document_from_dict,
    document_from_json,
    document_to_dict,
)
from corpuskit.model.claims import Claim, ClaimKind, ClaimParse, claim_id
from corpuskit.model.collection import paused
from corpuskit.model.errors import (
    AnchorError,
    InvalidArticleError,
    TooLargeError,
)
from corpuskit.model.ids import id_problem
from corpuskit.model.layers import GROUPS, Group, Layers
from corpuskit.model.offsets import OffsetIndex
from corpuskit.model.packed import Packed, zone_ranges
from corpuskit.model.quantities import Quantity
from corpuskit.model.quotes import Attribution, Quote
from corpuskit.model.spans import Span, trusted_span
from corpuskit.model.units import OffsetUnit
from corpuskit.model.zones import Boilerplate, Image, Zone, ZoneKind, ZoneParse
from corpuskit.stages.claims import extract_claims
from corpuskit.stages.read import (
    BOM,
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_JSON_BYTES,
    check_limit,
    decode,
    parse_file_name,
    read_bounded,
)
from corpuskit.stages.sentences import split_sentences
from corpuskit.stages.zones import parse_zones

__all__ = ["Article", "article_from_dict", "article_from_json"]

_G = TypeVar("_G")
_SENTENCE_ZONES = frozenset({ZoneKind.TITLE, ZoneKind.PARAGRAPH, ZoneKind.CAPTION})
# A headline states what someone said as a body paragraph does ("Mayor says the
# blast was deliberate"); captions describe a picture and claim nothing.
_CLAIM_ZONES = frozenset({ZoneKind.TITLE, ZoneKind.PARAGRAPH})


def _check_text(article: Article, attribute: attrs.Attribute[str], text: str) -> None:
    if not isinstance(text, str):
        raise TypeError(f"article text must be a str, got {type(text).__name__}")
    at = _lone_surrogate(text)
    if at is not None:
        raise InvalidArticleError(
            f"article text has a lone surrogate U+{ord(text[at]):04X} at code point "
            f"{at}; text must be encodable as UTF-8 so the raw bytes can be recovered"
        )
    if text.startswith("\ufeff") and not article.bom:
        raise InvalidArticleError(
            "article text starts with U+FEFF, a byte-order mark: build the article with "
            "Article.from_text or Article.from_bytes, which record it in `bom` instead"
        )


def _check_id(article: Article, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str):
        raise TypeError(f"article id must be a str, got {type(value).__name__}")
    if not value:
        raise InvalidArticleError("article id must not be empty")
    problem = id_problem(value)
    if problem is not None:
        raise InvalidArticleError(f"article id {value!r} {problem}")
    _check_encodable("id", value)


def _check_source(
    article: Article, attribute: attrs.Attribute[str | None], value: str | None
) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        raise TypeError(f"article source must be a str or None, got {type(value).__name__}")
    _check_encodable("source", value)


def _check_encodable(name: str, value: str) -> None:
    """Refuse a lone surrogate (a file name that was not UTF-8): it cannot be written out."""
    at = _lone_surrogate(value)
    if at is not None:
        raise InvalidArticleError(
            f"article {name} {value!r} has a lone surrogate U+{ord(value[at]):04X} "
            "(a file name that is not UTF-8?): it could not be written as JSON; "
            "rename the file or give the article another " + name
        )


def _lone_surrogate(value: str) -> int | None:
    """Return where the first lone surrogate of ``value`` stands, or None."""
    if value.isascii():
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None


def _check_ordinal(article: Article, attribute: attrs.Attribute[int | None], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"article ordinal must be an int or None, got {type(value).__name__}")
    if not 0 <= value <= MAX_ORDINAL:
        raise InvalidArticleError(f"article ordinal must be from 0 to 2**64 - 1, got {value}")


def _encode_store(store: object) -> tuple[Any, ...]:
    """Return a layer group's store as plain data, for a pickle naming no private class."""
    if isinstance(store, Packed):
        return ("packed", store.ints, store.objects, store.count)
    if isinstance(store, ZoneParse):
        return ("zones", store.zones, store.images)
    if isinstance(store, ClaimParse):
        return ("claims", store.quotes, store.quantities, store.claims)
    if isinstance(store, tuple):
        return ("sentences", store)
    return ("value", store)  # the checksum


def _decode_store(encoded: tuple[Any, ...]) -> object:
    kind, *values = encoded
    if kind == "packed":
        return Packed(*values)
    if kind == "zones":
        return ZoneParse(*values)
    if kind == "claims":
        return ClaimParse(*values)
    return values[0]


def _start(span: Span) -> int:
    return span.start


@attrs.frozen(eq=False)
class Article:
    """One raw news-article file, held exactly.

    ``text`` is the file's bytes decoded as UTF-8 with no newline translation
    and no stripping; a leading UTF-8 byte-order mark is not part of it but
    recorded in ``bom``, so offsets count from the first character after it and
    `to_bytes` gives the raw bytes back byte for byte.  Everything else (zones,
    the offset index, the checksum) is computed from ``text`` when first asked
    for and kept.

    Build articles with `from_path`, `from_bytes`, `from_text` or `from_json`;
    the constructor takes finished values only.

    An article loaded from JSON, or given its claims with `with_claims`, holds
    those annotations as given instead of computing them.  Two articles are
    equal when they hold the same file (id, text, ordinal, source, bom) and
    the same zones, images, sentences, quotes, quantities and claims, however
    each came by them: a parsed article equals itself loaded back from JSON.
    """

    id: str = attrs.field(validator=_check_id)
    text: str = attrs.field(validator=_check_text, repr=lambda t: f"<{len(t)} code points>")
    ordinal: int | None = attrs.field(default=None, validator=_check_ordinal, kw_only=True)
    source: str | None = attrs.field(default=None, kw_only=True, validator=_check_source)
    bom: bool = attrs.field(default=False, kw_only=True)
    _given: Layers | None = attrs.field(default=None, kw_only=True, alias="_given", repr=False)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Article)
        if (self.id, self.text, self.ordinal, self.source, self.bom) != (
            other.id,
            other.text,
            other.ordinal,
            other.source,
            other.bom,
        ):
            return False
        if self._given is None and other._given is None:
            return True  # both computed from the same text: nothing more to compare
        # Equal stores hold equal layers; stores that differ (one packed and one not,
        # or equal values shared differently between objects) are compared as objects.
        return (
            (self._zones_store == other._zones_store or self._zone_parse == other._zone_parse)
            and (
                self._sentences_store == other._sentences_store or self.sentences == other.sentences
            )
            and (
                self._claims_store == other._claims_store or self._claim_parse == other._claim_parse
            )
        )

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        # Equal articles hold the same file; the annotations need not enter the hash.
        return hash((Article, self.id, self.text, self.ordinal, self.source, self.bom))

    def __reduce__(self) -> tuple[Any, ...]:
        # The layers computed so far travel with the article (compact, as they are
        # kept), so an article parsed in another process is not parsed again.  Given
        # layers are packed first, and everything travels as plain data: the pickle
        # names `corpuskit.Article` and the standard library, nothing private.
        given = self._given
        if given is not None:
            for name in ("_zones_store", "_sentences_store", "_claims_store"):
                getattr(self, name)
        computed = {}
        for name in _CARRIED:
            try:
                computed[name] = _encode_store(_SLOTS[name].__get__(self, Article))
            except AttributeError:
                continue  # not computed yet
        names = None if given is None else given.names
        fields = (self.id, self.text, self.ordinal, self.source, self.bom, names)
        return (Article._unpickle, (fields, computed))

    @classmethod
    def _unpickle(cls, fields: tuple[Any, ...], computed: dict[str, Any]) -> Article:
        """Rebuild a pickled article with the layers it had computed (see `__reduce__`)."""
        article_id, text, ordinal, source, bom, names = fields
        given = None
        if names is not None:
            given = Layers()
            given.names = names  # the layers themselves are in the stores
        article = cls(article_id, text, ordinal=ordinal, source=source, bom=bom, _given=given)
        for name, value in computed.items():
            if name in _CARRIED:
                _SLOTS[name].__set__(article, _decode_store(value))
        return article

    # -- constructors -------------------------------------------------------------

    @classmethod
    def from_path(
        cls, path: str | os.PathLike[str], *, max_bytes: int | None = DEFAULT_MAX_BYTES
    ) -> Article:
        """Read the file at ``path`` and hold it exactly.

        The id and ordinal come from a ``NNN_<16 hex>.txt`` name; other names
        give the file's stem as id and no ordinal.  Raises `ReadError` when the
        file cannot be read, `DecodeError` (naming the file, line, column and
        byte offset) when it is not UTF-8, and `TooLargeError` when it is
        larger than ``max_bytes`` (64 MiB unless given; ``None`` for no
        limit), which is checked before the file is read.
        """
        given: object = path  # callers without type checking pass bytes now and then
        if not isinstance(given, str | os.PathLike) or isinstance(os.fspath(given), bytes):
            raise TypeError(
                "Article.from_path takes a str or os.PathLike[str] path, "
                f"got {type(given).__name__}; decode a bytes path with os.fsdecode"
            )
        limit = check_limit("max_bytes", max_bytes)
        data = read_bounded(path, limit)
        name = os.path.basename(os.fspath(path))
        article_id, ordinal = parse_file_name(name)
        text, bom = decode(data, path)
        return cls(article_id, text, ordinal=ordinal, source=name, bom=bom)

    @classmethod
    def from_bytes(
        cls,
        data: bytes | bytearray | memoryview,
        *,
        id: str,
        ordinal: int | None = None,
        source: str | None = None,
        max_bytes: int | None = DEFAULT_MAX_BYTES,
    ) -> Article:
        r"""Decode raw UTF-8 ``data`` exactly; a leading byte-order mark goes to ``bom``.

        Raises `DecodeError` when the data is not UTF-8 and `TooLargeError`
        when it is larger than ``max_bytes`` (64 MiB unless given; ``None``
        for no limit).

        >>> a = Article.from_bytes(b"\xef\xbb\xbfHello\r\n", id="x")
        >>> a.text, a.bom, a.to_bytes()
        ('Hello\r\n', True, b'\xef\xbb\xbfHello\r\n')
        """
        given: object = data  # callers without type checking pass a str now and then
        if not isinstance(given, bytes | bytearray | memoryview):
            hint = "; for a str use Article.from_text" if isinstance(given, str) else ""
            raise TypeError(
                f"Article.from_bytes takes bytes, bytearray or memoryview, "
                f"got {type(given).__name__}{hint}"
            )
        limit = check_limit("max_bytes", max_bytes)
        size = data.nbytes if isinstance(data, memoryview) else len(data)
        if limit is not None and size > limit:
            raise TooLargeError("data", size=size, limit=limit, parameter="max_bytes", path=source)
        text, bom = decode(bytes(data), source)
        return cls(id, text, ordinal=ordinal, source=source, bom=bom)

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        id: str,
        ordinal: int | None = None,
        source: str | None = None,
    ) -> Article:
        """Hold ``text`` as the article's text.

        A leading U+FEFF is treated as a byte-order mark exactly as `from_bytes`
        treats the bytes ``EF BB BF``, so ``from_text(t)`` equals
        ``from_bytes(t.encode("utf-8"))``.  Raises `InvalidArticleError` for text
        that cannot be encoded as UTF-8 (a lone surrogate).
        """
        if not isinstance(text, str):
            raise TypeError(
                f"Article.from_text takes a str, got {type(text).__name__}; "
                "for raw bytes use Article.from_bytes"
            )
        bom = text.startswith("\ufeff")
        return cls(id, text[1:] if bom else text, ordinal=ordinal, source=source, bom=bom)

    @classmethod
    def from_json(
        cls,
        data: str | bytes | bytearray | memoryview,
        *,
        max_bytes: int | None = DEFAULT_MAX_JSON_BYTES,
    ) -> Article:
        """Load an article from a JSON document that `to_json` (or another tool) wrote.

        The document is checked before anything is built: its
        ``schema_version`` (an older one is migrated, a newer one raises
        `SchemaVersionError`), the text's SHA-256, every span's offsets (in
        range, on character boundaries of the document's unit, nested as the
        model requires) and recorded text, and unique claim ids.  Every problem
        is reported in one `InvalidDocumentError` that names its JSON path
        (``$.claims[3].source.start``).  The article holds the document's
        zones, sentences, quotes, quantities and claims as given.

        A document larger than ``max_bytes`` of UTF-8 JSON text (256 MiB
        unless given; ``None`` for no limit) raises `TooLargeError` before it
        is parsed; one nested deeper than 1024 arrays or objects is not
        valid JSON here.
        """
        return article_from_json(data, max_bytes=check_limit("max_bytes", max_bytes))

    @classmethod
    def from_dict(cls, document: Any) -> Article:
        """Load an article from a JSON document already parsed into dicts and lists.

        Checks it exactly as `from_json` does.
        """
        return article_from_dict(document)

    def to_json(
        self,
        *,
        offsets: OffsetUnit = "codepoint",
        indent: bool = False,
        normalized: Iterable[str] | None = None,
    ) -> str:
        """Return the article as a JSON document (see the JSON format page of the docs).

        The document holds the header (``schema_version``, id, ordinal,
        source, bom, the raw bytes' ``sha256``, the offset unit), the text and
        every layer: zones, images, sentences, quotes, quantities and claims,
        each span with its offsets and text.  ``offsets`` chooses the unit of
        every offset written: ``"codepoint"`` (Python), ``"utf16"`` (JavaScript,
        Java) or ``"utf8"`` (bytes of the UTF-8 text, for C, Rust and Go);
        loading converts back.  The output is deterministic: the same article
        always gives the same string, with non-ASCII characters written as
        themselves, not as escapes.  ``indent=True`` indents by two spaces.
        ``normalized`` (normalisation steps, as `normalize` takes them) adds
        the text normalised with those steps and the offset map back to the
        raw text, for a program that works on normalised text.
        """
        return article_to_json(self, offsets, indent=indent, normalized=normalized).decode("utf-8")

    def to_dict(
        self, *, offsets: OffsetUnit = "codepoint", normalized: Iterable[str] | None = None
    ) -> dict[str, Any]:
        """Return the JSON document of `to_json` as plain dicts, lists, strings and numbers."""
        return document_to_dict(self, self._layers(), offsets, normalized)

    def with_claims(self, claims: Iterable[Claim]) -> Article:
        """Return a copy of this article that holds ``claims`` as its claims.

        For claims made elsewhere (a model, a person, another tool): every
        span of every claim must be a span of this article's text, a claim's
        sentences, quantities and quote must be among this article's (or
        empty), and claim ids must be unique, or `SpanError` names the claim
        and the field at fault.  The claims are kept in text order (by start,
        then end).  Zones, sentences, quotes and quantities stay as they were.
        """
        checked = check_claims(self.text, self.id, claims, self._layers())
        kept = () if self._given is None else self._given.names
        given = Layers(**{n: getattr(self, n) for n in kept if n != "claims"}, claims=checked)
        return attrs.evolve(self, _given=given)

    # -- anchoring --------------------------------------------------------------------

    @functools.cached_property
    def _words(self) -> WordIndex:
        return WordIndex(self.text)

    def anchor(
        self,
        exact: str,
        *,
        prefix: str | None = None,
        suffix: str | None = None,
        hint: int | None = None,
        threshold: float = 0.75,
    ) -> Anchor:
        """Find where the quoted string ``exact`` stands in the text, and how it matched.

        Tries an exact match, then a match after normalisation (newlines,
        spaces, zero-width characters, curly quotes, dashes, the ellipsis
        character), then a fuzzy match of the words (a changed, dropped or
        added word, ``...`` or ``[…]`` for elided words, ``[he]`` for an
        insertion) scoring at least ``threshold``.  Places that match equally
        well make the result ``ambiguous`` unless ``prefix`` (text just before),
        ``suffix`` (text just after) or ``hint`` (a code-point offset near the
        place) separate them.  Returns an `Anchor` with the span, the status
        and the score; see the anchoring page of the docs.
        """
        return anchor(
            self.text,
            exact,
            prefix=prefix,
            suffix=suffix,
            hint=hint,
            threshold=threshold,
            words=self._words,
        )

    def cite(
        self,
        quote: str,
        *,
        kinds: Iterable[ClaimKind] = (ClaimKind.DIRECT_QUOTE,),
        prefix: str | None = None,
        suffix: str | None = None,
        hint: int | None = None,
        threshold: float = 0.75,
        id: str | None = None,
        attribution: Attribution | None = None,
    ) -> Claim:
        """Build a `Claim` for a statement quoted from this article, wherever it stands.

        The quote is anchored as `anchor` does; the claim cites the place found,
        lists the sentences it overlaps and the quantities inside it, and takes
        ``kinds``, ``attribution`` and ``id`` (default ``<article id>:<start>-<end>``)
        as given.  Raises `AnchorError` when the quote cannot be placed (its
        ``anchor`` says whether it was ambiguous or not found).  Attach claims
        with `with_claims`: ``article.with_claims([*article.claims, claim])``.
        """
        found = self.anchor(quote, prefix=prefix, suffix=suffix, hint=hint, threshold=threshold)
        span = found.span
        if span is None:
            raise AnchorError(quote, found)
        kinds = tuple(kinds)
        if not kinds or not all(isinstance(k, ClaimKind) for k in kinds):
            raise ValueError("kinds must be one or more ClaimKind members")
        return Claim(
            span.start,
            span.end,
            span.text,
            id=id if id is not None else claim_id(self.id, span.start, span.end),
            kinds=kinds,
            sentences=tuple(s for s in self.sentences if s.overlaps(span)),
            attribution=attribution,
            quantities=tuple(q for q in self.quantities if span.contains(q)),
        )

    # -- the raw file ---------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """Return the raw bytes of the file, byte-identical to what was read."""
        data = self.text.encode("utf-8")
        return BOM + data if self.bom else data

    @functools.cached_property
    def sha256(self) -> str:
        """The SHA-256 of the raw bytes, as 64 lower-case hex digits."""
        return hashlib.sha256(self.to_bytes()).hexdigest()

    @functools.cached_property
    def offsets(self) -> OffsetIndex:
        """The index converting this text's code-point offsets to other units.

        UTF-8 offsets count bytes of the raw file, so after a byte-order mark
        the first character stands at byte 3; UTF-16 offsets count code units
        of ``text`` (what a JavaScript string of it would hold).
        """
        return OffsetIndex(self.text, byte_base=len(BOM) if self.bom else 0)

    # -- the layers, kept compact --------------------------------------------------------
    #
    # Each group of layers (see `corpuskit.model.layers.GROUPS`) is computed by its stage
    # (or taken from `_given`) once and kept packed: offsets in one integer array,
    # objects made again on every access (see `corpuskit.model.packed`).  A group that
    # holds objects the packer does not know is kept as it is.  The first access after
    # computing a group returns the objects just computed; later ones make them from
    # the store.

    @functools.cached_property
    def _zones_store(self) -> Packed | ZoneParse:
        return self._compute("zones")[1]  # type: ignore[no-any-return]

    @functools.cached_property
    def _sentences_store(self) -> Packed | tuple[Span, ...]:
        return self._compute("sentences")[1]  # type: ignore[no-any-return]

    @functools.cached_property
    def _claims_store(self) -> Packed | ClaimParse:
        return self._compute("claims")[1]  # type: ignore[no-any-return]

    def _run_stage(self, group: str) -> Any:
        """Compute a group of layers from the text, with the stage that makes it."""
        text = self.text
        if group == "zones":
            return parse_zones(text)
        if group == "sentences":
            out: list[Span] = []
            for start, end in self._zone_ranges(_SENTENCE_ZONES):
                out.extend(trusted_span(text, s, e) for s, e in split_sentences(text, start, end))
            return tuple(out)
        zones = [trusted_span(text, s, e) for s, e in self._zone_ranges(_CLAIM_ZONES)]
        return extract_claims(self.id, text, zones, self.sentences)

    def _compute(self, name: str) -> tuple[Any, Any]:
        """Return a group's value and its store: from the given layers, or computed."""
        group = GROUPS[name]
        article_id = self.id
        given = self._given
        if given is not None:
            made: list[Any] = []

            def pack(*layers: tuple[Any, ...]) -> Any:
                made.append(group.join(*layers))
                return group.pack(article_id, made[0]) or made[0]

            with paused():  # the layers' objects are made in bulk and all live on
                found = given.group(group.layers, pack)
            if found is not None:
                return (made[0] if made else self._unpack(group, found)), found
        value = self._run_stage(name)
        if given is not None and any(n in given.names for n in group.layers):
            # Some layers of the group given (claims made elsewhere): they replace
            # what the stage found, the others stay.
            layers = group.split(value)
            value = group.join(
                *(
                    layer if (kept := given.get(n)) is None else kept
                    for n, layer in zip(group.layers, layers, strict=True)
                )
            )
        return value, group.pack(article_id, value) or value

    def _unpack(self, group: Group, store: Any) -> Any:
        if not isinstance(store, Packed):
            return store
        with paused():  # the layers' objects are made in bulk and all live on
            return group.unpack(self.id, self.text, store)

    def _group(self, name: str) -> Any:
        """Return a group's value, computing and storing it on first access."""
        slot = _SLOTS[f"_{name}_store"]
        try:
            store = slot.__get__(self, Article)
        except AttributeError:
            value, store = self._compute(name)
            slot.__set__(self, store)
            return value
        return self._unpack(GROUPS[name], store)

    def _layers(self) -> dict[str, tuple[Any, ...]]:
        """Return every layer by name (`LAYER_NAMES` order), each group made once."""
        layers: dict[str, tuple[Any, ...]] = {}
        for name, group in GROUPS.items():
            layers.update(zip(group.layers, group.split(self._group(name)), strict=True))
        return layers

    @property
    def _zone_parse(self) -> ZoneParse:
        parse: ZoneParse = self._group("zones")
        return parse

    @property
    def _claim_parse(self) -> ClaimParse:
        parse: ClaimParse = self._group("claims")
        return parse

    def _zone_ranges(self, kinds: frozenset[ZoneKind]) -> list[tuple[int, int]]:
        """Where the zones of ``kinds`` are, read from the store without making zones."""
        store = self._zones_store
        if isinstance(store, Packed):
            return zone_ranges(store, kinds)
        return [(z.start, z.end) for z in store.zones if z.kind in kinds]

    @property
    def zones(self) -> tuple[Zone, ...]:
        """Every zone in text order: together they cover each non-space character once."""
        return self._zone_parse.zones

    @property
    def title(self) -> Zone | None:
        """The headline, or ``None`` when the file has none."""
        zones = self._zone_parse.zones
        return zones[0] if zones and zones[0].kind is ZoneKind.TITLE else None

    @property
    def paragraphs(self) -> tuple[Zone, ...]:
        """The body paragraphs, in order."""
        return tuple(z for z in self._zone_parse.zones if z.kind is ZoneKind.PARAGRAPH)

    @property
    def images(self) -> tuple[Image, ...]:
        """The image blocks (alt text, caption, credit), in order."""
        return self._zone_parse.images

    @property
    def boilerplate(self) -> tuple[Boilerplate, ...]:
        """The end-matter zones (translator credit, contact line, links, bylines, other)."""
        return tuple(z for z in self._zone_parse.zones if isinstance(z, Boilerplate))

    # -- sentences and claims -----------------------------------------------------------

    @property
    def sentences(self) -> tuple[Span, ...]:
        """The sentences of the title, every body paragraph and caption, in text order.

        Sentences never cross a zone: within each zone they are trimmed and
        cover its every non-space character once.  Alt text, credits and
        boilerplate have none.
        """
        sentences: tuple[Span, ...] = self._group("sentences")
        return sentences

    def sentences_in(self, zone: Span) -> tuple[Span, ...]:
        """Return the sentences that lie inside ``zone`` (a paragraph or caption)."""
        store = self._sentences_store
        if isinstance(store, Packed):
            ints, text = store.ints, self.text
            starts = ints[0::2]
            i = bisect.bisect_left(starts, zone.start)
            j = bisect.bisect_left(starts, zone.end, i)
            return tuple(
                trusted_span(text, s, e)
                for s, e in zip(starts[i:j], ints[2 * i + 1 : 2 * j : 2], strict=True)
                if e <= zone.end
            )
        i = bisect.bisect_left(store, zone.start, key=_start)
        j = bisect.bisect_left(store, zone.end, i, key=_start)
        return tuple(s for s in store[i:j] if s.end <= zone.end)

    @property
    def quotes(self) -> tuple[Quote, ...]:
        """Every quotation in the body paragraphs, with its marks (nested ones too)."""
        return self._claim_parse.quotes

    @property
    def quantities(self) -> tuple[Quantity, ...]:
        """Every number stated in the title, the body paragraphs and the captions, parsed."""
        return self._claim_parse.quantities

    @property
    def claims(self) -> tuple[Claim, ...]:
        """The check-worthy statements of the body paragraphs, in text order."""
        return self._claim_parse.claims

    # -- citing ---------------------------------------------------------------------------

    @functools.cached_property
    def _line_endings(self) -> _cite.LineEndings:
        return _cite.LineEndings(self.text)

    def fragment(self, span: Span) -> str:
        r"""Return an RFC 5147 fragment citing ``span``: ``<source>#char=<start>,<end>``.

        The resource is the file name (``<id>.txt`` when the article has no
        source), percent-encoded.  RFC 5147 counts every line ending as one
        character, so behind each ``"\r\n"`` the positions are one less than
        code points; the byte-order mark is not counted.  Raises `SpanError`
        for a span that is not of this article and `OffsetError` for one that
        starts or ends between the CR and the LF of a line ending.
        """
        return _cite.fragment(self, span, self._line_endings)

    def span_from_fragment(self, fragment: str) -> Span:
        """Return the span an RFC 5147 ``char=`` fragment cites in this article.

        Takes ``name.txt#char=a,b``, ``#char=a,b`` or ``char=a,b`` (a URL
        before the ``#`` is compared by its last path segment), and the RFC's
        other forms ``char=a`` (an empty span), ``char=a,`` and ``char=,b``.
        Raises `SpanError` for a fragment that names another file, lies past the
        text's end, is reversed, is malformed or carries an integrity check.
        """
        return _cite.span_from_fragment(self, fragment, self._line_endings)

    def web_annotation(self, span: Span, *, tag: str | None = None) -> dict[str, Any]:
        """Return a W3C Web Annotation (a JSON-LD dict) that targets ``span``.

        A `Claim` gets a URN id built from its id, a describing `TextualBody`
        (kinds, source and cue) and a tagging body per kind; a plain span gets a
        URN id built from the file name and offsets and no body, or a tagging
        body when ``tag`` is given.  The target names the file and holds a
        ``TextPositionSelector`` (code points of ``text``) and a
        ``TextQuoteSelector`` with up to 32 characters of context each side.
        """
        return _cite.web_annotation(self, span, tag=tag)

    def web_annotations(self) -> dict[str, Any]:
        """Return an ``AnnotationCollection`` of every claim, in one ``AnnotationPage``."""
        return _cite.article_annotations(self)

    def to_brat(
        self,
        directory: str | os.PathLike[str],
        *,
        offsets: str = "codepoint",
        name: str | None = None,
    ) -> tuple[Path, Path]:
        """Write the claims as brat standoff: ``<name>.txt`` and ``<name>.ann``.

        ``<stem>.txt`` holds the raw bytes (`to_bytes`), ``<stem>.ann`` a
        text-bound annotation per claim (typed by its first kind), its source
        and its cue, ``Source`` and ``Cue`` relations to the claim, an
        attribute per further kind and an ``AnnotatorNotes`` line with the
        claim id.  ``offsets="codepoint"`` counts characters as brat does (the
        file decoded as UTF-8, a byte-order mark being one character);
        ``offsets="utf8"`` writes byte offsets instead.  ``name`` is the files'
        stem: by default the source's stem, else the id (never a name that
        could leave ``directory``: one that could raises `ValueError`).  A span that holds line
        breaks is written as brat's discontinuous ``start end;start end``.  Each
        file is written to a temporary file beside it and moved into place.
        Returns the two paths.
        """
        return to_brat(self, directory, offsets, name)


# What a pickled article carries besides its fields, and the slots that hold it.
_CARRIED = ("_zones_store", "_sentences_store", "_claims_store", "sha256")
_SLOTS: dict[str, Any] = {name: vars(Article)[name] for name in _CARRIED}


def _make(
    article_id: str, text: str, ordinal: int | None, source: str | None, bom: bool
) -> Article:
    return Article(article_id, text, ordinal=ordinal, source=source, bom=bom)


def _attach(article: Article, layers: Layers) -> Article:
    return attrs.evolve(article, _given=layers)


def article_from_dict(doc: object, where: Where = (None, None), *, owned: bool = False) -> Article:
    """Check a parsed JSON document and build its article (see `Article.from_dict`).

    ``where`` (file, line) places the errors; ``owned`` says the caller hands the
    document over, so it may be changed in place rather than copied.
    """
    return document_from_dict(doc, where, owned=owned, make=_make, attach=_attach)


def article_from_json(
    data: str | bytes | bytearray | memoryview,
    where: Where = (None, None),
    *,
    max_bytes: int | None = None,
) -> Article:
    """Parse and check one JSON document and build its article (see `Article.from_json`)."""
    return document_from_json(data, where, max_bytes=max_bytes, make=_make, attach=_attach)
