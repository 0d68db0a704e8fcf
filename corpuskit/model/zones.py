"""Zones: the typed parts of an article (title, image block, paragraphs, end matter)."""

from __future__ import annotations

import enum

import attrs

from corpuskit.model.errors import SpanError
from corpuskit.model.spans import Span

__all__ = ["Boilerplate", "Image", "Zone", "ZoneKind", "ZoneParse"]


class ZoneKind(enum.StrEnum):
    """What a zone of an article is; the value is the name used in data files."""

    TITLE = "title"
    IMAGE_ALT = "image_alt"
    CAPTION = "caption"
    CREDIT = "credit"
    PARAGRAPH = "paragraph"
    TRANSLATOR_CREDIT = "translator_credit"
    CONTACT_LINE = "contact_line"
    LINK_TEXT = "link_text"
    BYLINE = "byline"
    OTHER_BOILERPLATE = "other_boilerplate"

    @property
    def is_boilerplate(self) -> bool:
        """Whether zones of this kind are end matter rather than content."""
        return self in _BOILERPLATE_KINDS

    @property
    def is_image(self) -> bool:
        """Whether zones of this kind belong to an image block."""
        return self in _IMAGE_KINDS


_BOILERPLATE_KINDS = frozenset(
    {
        ZoneKind.TRANSLATOR_CREDIT,
        ZoneKind.CONTACT_LINE,
        ZoneKind.LINK_TEXT,
        ZoneKind.BYLINE,
        ZoneKind.OTHER_BOILERPLATE,
    }
)
_IMAGE_KINDS = frozenset({ZoneKind.IMAGE_ALT, ZoneKind.CAPTION, ZoneKind.CREDIT})


@attrs.frozen
class Zone(Span):
    """A typed part of an article: a `Span` with a `ZoneKind`."""

    kind: ZoneKind

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        if not isinstance(self.kind, ZoneKind):
            raise SpanError(f"zone kind must be a ZoneKind, got {self.kind!r}")


@attrs.frozen
class Boilerplate(Zone):
    """An end-matter zone; a translator credit also names the translator in ``name``."""

    name: Span | None = None

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        if not self.kind.is_boilerplate:
            raise SpanError(f"a Boilerplate zone needs a boilerplate kind, got {self.kind}")
        if self.name is not None and not self.contains(self.name):
            raise SpanError(
                f"name {self.name} does not lie inside its zone [{self.start}, {self.end})"
            )


@attrs.frozen
class Image(Span):
    """An image block: its alt text, caption and photo credit, any of which may be missing.

    The image's own span runs from the first of its parts to the last.
    """

    alt: Zone | None
    caption: Zone | None
    credit: Zone | None


@attrs.frozen
class ZoneParse:
    """The zones of a text in order, with the image blocks they form."""

    zones: tuple[Zone, ...]
    images: tuple[Image, ...]
