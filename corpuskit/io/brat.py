r"""brat standoff files: the claims of an article as ``<stem>.txt`` and ``<stem>.ann``.

brat offsets are code points of the ``.txt`` file as brat reads it: decoded
with Python's ``utf8`` codec, which keeps a byte-order mark as the character
U+FEFF, and no newline translation.  ``offsets="utf8"`` gives byte offsets
into the same file instead (see ``docs/citing.md``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from corpuskit.io.files import atomic_writer
from corpuskit.model.claims import Claim, ClaimKind
from corpuskit.model.ids import id_problem
from corpuskit.model.spans import Span

if TYPE_CHECKING:
    from corpuskit.article import Article

__all__ = ["BratOffsets", "brat_lines", "file_stem", "to_brat"]

BratOffsets = Literal["codepoint", "utf8"]
_BRAT_OFFSETS = ("codepoint", "utf8")
_BRAT_TYPES = {
    ClaimKind.DIRECT_QUOTE: "DirectQuote",
    ClaimKind.REPORTED_SPEECH: "ReportedSpeech",
    ClaimKind.STATISTIC: "Statistic",
}
# Everything str.splitlines() breaks at: brat reads its .ann files line by line
# with a codecs reader, which splits there, so no text field may hold one.
_ANN_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _pieces(text: str, spans: Sequence[Span]) -> list[tuple[int, int]]:
    """Split spans at line breaks into whitespace-trimmed pieces, as brat does."""
    out: list[tuple[int, int]] = []
    for span in spans:
        pos = span.start
        for m in [*_ANN_BREAK.finditer(text, span.start, span.end), None]:
            stop = span.end if m is None else m.start()
            piece = text[pos:stop]
            a = pos + len(piece) - len(piece.lstrip())
            b = stop - (len(piece) - len(piece.rstrip()))
            if a < b:
                out.append((a, b))
            if m is not None:
                pos = m.end()
    return out or [(spans[0].start, spans[0].start)]


class _Ann:
    """The lines of one .ann file, with text-bound annotations shared by span."""

    def __init__(self, article: Article, offsets: BratOffsets) -> None:
        self.article = article
        self.base = 1 if article.bom else 0
        self.utf8 = offsets == "utf8"
        self.lines: list[str] = []
        self.textbound: dict[tuple[str, tuple[tuple[int, int], ...]], str] = {}
        self.counts = {"T": 0, "R": 0, "A": 0, "#": 0}

    def _next(self, prefix: str) -> str:
        self.counts[prefix] += 1
        return f"{prefix}{self.counts[prefix]}"

    def _offsets(self, a: int, b: int) -> str:
        if self.utf8:
            a, b = self.article.offsets.span_to_utf8(a, b)
        else:
            a, b = a + self.base, b + self.base
        return f"{a} {b}"

    def text_bound(self, kind: str, spans: Sequence[Span]) -> str:
        """Return the id of the annotation of ``kind`` over ``spans``, written once."""
        key = (kind, tuple((span.start, span.end) for span in spans))
        found = self.textbound.get(key)
        if found is not None:
            return found
        tid = self._next("T")
        pieces = _pieces(self.article.text, spans)
        where = ";".join(self._offsets(a, b) for a, b in pieces)
        text = " ".join(self.article.text[a:b] for a, b in pieces)
        self.lines.append(f"{tid}\t{kind} {where}\t{text}")
        self.textbound[key] = tid
        return tid

    def relation(self, kind: str, arg1: str, arg2: str) -> None:
        self.lines.append(f"{self._next('R')}\t{kind} Arg1:{arg1} Arg2:{arg2}")

    def attribute(self, kind: str, target: str) -> None:
        self.lines.append(f"{self._next('A')}\t{kind} {target}")

    def note(self, target: str, value: str) -> None:
        value = _ANN_BREAK.sub(" ", value)
        self.lines.append(f"{self._next('#')}\tAnnotatorNotes {target}\t{value}")


def brat_lines(article: Article, claims: Sequence[Claim], offsets: BratOffsets) -> list[str]:
    """Return the lines of the .ann file for the article's claims."""
    ann = _Ann(article, offsets)
    for claim in claims:
        # A claim in parts is one discontinuous annotation over its parts.
        tid = ann.text_bound(_BRAT_TYPES[claim.kinds[0]], claim.contents)
        for kind in claim.kinds[1:]:
            ann.attribute(_BRAT_TYPES[kind], tid)
        ann.note(tid, claim.id)
        if claim.source is not None:
            ann.relation("Source", ann.text_bound("Source", (claim.source,)), tid)
        if claim.cue is not None:
            ann.relation("Cue", ann.text_bound("Cue", (claim.cue,)), tid)
    return ann.lines


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it, flushed and synced."""
    with atomic_writer(path) as f:
        f.write(data)


def file_stem(article: Article) -> str:
    """Return the name an export gives the article's files: its source's stem, else its id.

    A stem that could name another folder (a separator, ``..``, a control
    character) is never used: the id, which cannot, stands in for it.
    """
    if article.source:
        stem = Path(article.source.replace("\\", "/")).stem
        if stem and id_problem(stem) is None:
            return stem
    return article.id


def to_brat(
    article: Article, directory: str | os.PathLike[str], offsets: str, name: str | None = None
) -> tuple[Path, Path]:
    """Write ``<name>.txt`` and ``<name>.ann`` into ``directory``; return their paths.

    ``name`` defaults to `file_stem`; a name that is not one plain path
    component raises `ValueError`.
    """
    if offsets not in _BRAT_OFFSETS:
        raise ValueError(f"offsets must be one of {_BRAT_OFFSETS}, got {offsets!r}")
    kind: BratOffsets = "utf8" if offsets == "utf8" else "codepoint"
    stem = file_stem(article) if name is None else name
    problem = id_problem(stem) if isinstance(stem, str) else "is not a str"
    if problem is not None:
        raise ValueError(f"the brat file name {stem!r} {problem}")
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    txt, ann = folder / f"{stem}.txt", folder / f"{stem}.ann"
    lines = brat_lines(article, article.claims, kind)
    _write_atomically(txt, article.to_bytes())
    _write_atomically(ann, "".join(line + "\n" for line in lines).encode("utf-8"))
    return txt, ann
