"""Exceptions raised by corpuskit.

Every error that bad input can cause derives from one root, and also from the
built-in exception it most resembles, so ``except ValueError`` in existing code
keeps working::

    CorpusKitError
    ├── InvalidArticleError (ValueError)   values that cannot make an article (its text,
    │   │                                  id or ordinal)
    │   ├── DecodeError                    bytes that are not valid UTF-8
    │   ├── TooLargeError                  a file, document or line over a size limit
    │   └── InvalidDocumentError           a JSON document that does not describe an
    │       │                              article (each problem named by its JSON path)
    │       └── SchemaVersionError         a document newer than this corpuskit reads
    ├── SpanError (ValueError)             offsets that do not describe a span
    ├── AnchorError (LookupError)          a quote that cannot be placed in a text
    ├── OffsetError (ValueError)           an offset that is out of range, or not on a
    │                                      character boundary in the unit asked for
    ├── ReadError (OSError)                a file or folder that cannot be read
    ├── DuplicateIdError (ValueError)      two files of one folder claim the same id
    └── ArticleNotFoundError (KeyError)    no article with that id in a corpus

Errors about a place in a file carry ``path``, ``line`` and ``column`` (both
1-based, the column counted in code points) and ``byte_offset`` (0-based), and
their message starts with ``path:line:column:`` like a compiler's.

Misuse of the API (a ``str`` where bytes belong, an unknown option) raises the
ordinary ``TypeError`` or ``ValueError``, outside this tree: it is a bug to fix
in the calling code, not bad data to report.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

__all__ = [
    "AnchorError",
    "ArticleNotFoundError",
    "ArticlePositionError",
    "CorpusKitError",
    "DecodeError",
    "DuplicateIdError",
    "InvalidArticleError",
    "InvalidDocumentError",
    "OffsetError",
    "ReadError",
    "SchemaVersionError",
    "SpanError",
    "TooLargeError",
]


class CorpusKitError(Exception):
    """Root of every error corpuskit raises about the data it is given."""

    def __reduce__(self) -> tuple[object, ...]:
        # The subclasses take keyword arguments that ``args`` does not hold, so the
        # default (calling the class with ``args``) cannot rebuild them; errors must
        # cross process boundaries intact (multiprocessing, concurrent.futures).
        # A bound class method pickles as ``getattr(corpuskit.<Error>, "_rebuild")``,
        # which names the public class only.
        return (type(self)._rebuild, (self.args, self.__dict__))

    @classmethod
    def _rebuild(cls, args: tuple[object, ...], state: dict[str, object]) -> object:
        """Rebuild a pickled error (see `__reduce__`)."""
        return _rebuild(cls, args, state)


def _rebuild(
    cls: type[CorpusKitError], args: tuple[object, ...], state: dict[str, object]
) -> object:
    error = cls.__new__(cls, *args)
    error.args = args
    error.__dict__.update(state)
    if isinstance(error, OSError):
        # OSError keeps errno, strerror and filename in slots, not in __dict__, and
        # fills them in __init__ when a subclass defines its own.
        OSError.__init__(error, *args)
        error.filename = state.get("path")
    return error


class InvalidArticleError(CorpusKitError, ValueError):
    """Values that cannot make an `Article`: text with a lone surrogate, an empty id."""


class DecodeError(InvalidArticleError):
    """Bytes that are not valid UTF-8.

    Attributes name the file (``path``, or ``None`` for bytes given directly),
    the 0-based ``byte_offset`` of the first bad byte, and the 1-based ``line``
    and ``column`` (in code points) where it stands.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | os.PathLike[str] | None,
        byte_offset: int,
        line: int,
        column: int,
    ) -> None:
        self.path = None if path is None else os.fspath(path)
        self.byte_offset = byte_offset
        self.line = line
        self.column = column
        where = "<bytes>" if self.path is None else self.path
        super().__init__(f"{where}:{line}:{column}: {message}")


def _size(n: int) -> str:
    """Write ``n`` bytes for a message, in MiB too when that is easier to read."""
    if n < 1 << 20:
        return f"{n} byte{'' if n == 1 else 's'}"
    return f"{n} bytes ({n / (1 << 20):.1f} MiB)"


class TooLargeError(InvalidArticleError):
    """A file, JSON document or JSON Lines line larger than the limit it is read with.

    ``size`` is its size in bytes as far as it was measured (a file that grew
    while it was read gives ``limit + 1``), ``limit`` the limit and
    ``parameter`` the argument that sets it (``max_bytes`` or
    ``max_line_bytes``; ``None`` lifts the limit).  ``path`` names the file
    (``None`` for data given directly) and ``line`` the 1-based line of a
    JSON Lines file.  ``written`` says the document is one being written,
    refused because it could not be read back under the default limit.
    """

    def __init__(
        self,
        what: str,
        *,
        size: int,
        limit: int,
        parameter: str,
        path: str | os.PathLike[str] | None = None,
        line: int | None = None,
        grew: bool = False,
        written: bool = False,
    ) -> None:
        self.size = size
        self.limit = limit
        self.parameter = parameter
        self.path = None if path is None else os.fspath(path)
        self.line = line
        where = ("<json>" if what == "document" else "<bytes>") if self.path is None else self.path
        if line is not None:
            where = f"{where}:{line}"
        measured = (
            f"grew past the limit of {_size(limit)} while it was read"
            if grew
            else f"is {_size(size)}, over the limit of {_size(limit)}"
        )
        advice = (
            f"it is not written, since it could not be read back under the default {parameter}"
            if written
            else f"to read it, pass a larger {parameter}=... (or {parameter}=None for no limit)"
        )
        super().__init__(f"{where}: the {what} {measured}: {advice}")


class InvalidDocumentError(InvalidArticleError):
    """A JSON document (or JSON Lines line) that does not describe a valid article.

    ``problems`` lists every problem found as ``(json_path, message)`` pairs,
    the path in JSONPath form from the document's root (``$.claims[3].start``);
    ``json_path`` is the first one's.  ``path`` names the file (``None`` for a
    document given directly) and ``line`` the 1-based line of a JSON Lines file.
    The message starts with ``path:line:`` like a compiler's, then one problem
    per line.
    """

    _SHOWN = 5

    def __init__(
        self,
        problems: Sequence[tuple[str, str]],
        *,
        path: str | os.PathLike[str] | None = None,
        line: int | None = None,
    ) -> None:
        self.problems = tuple(problems)
        self.json_path = self.problems[0][0] if self.problems else "$"
        self.path = None if path is None else os.fspath(path)
        self.line = line
        where = "<json>" if self.path is None else self.path
        if line is not None:
            where = f"{where}:{line}"
        shown = [f"{p}: {m}" if p else m for p, m in self.problems[: self._SHOWN]]
        more = len(self.problems) - self._SHOWN
        if more > 0:
            shown.append(f"… and {more} more problem{'s' if more > 1 else ''}")
        super().__init__(f"{where}: " + "\n  ".join(shown))


class SchemaVersionError(InvalidDocumentError):
    """A document written by a newer corpuskit, in a format this one cannot read."""

    def __init__(
        self,
        version: int,
        supported: int,
        *,
        path: str | os.PathLike[str] | None = None,
        line: int | None = None,
    ) -> None:
        self.version = version
        self.supported = supported
        super().__init__(
            [
                (
                    "$.schema_version",
                    f"the document has schema_version {version}, but this corpuskit reads "
                    f"versions up to {supported}: upgrade corpuskit "
                    "(python -m pip install --upgrade corpuskit-news)",
                )
            ],
            path=path,
            line=line,
        )


class SpanError(CorpusKitError, ValueError):
    """Offsets that do not describe a span of the text they are meant for."""


class AnchorError(CorpusKitError, LookupError):
    """A quote that cannot be placed in a text: not found, or found in several places.

    ``quote`` is the string and ``anchor`` the `Anchor` the search gave (its
    ``status`` is ``orphan`` or ``ambiguous``; for ``ambiguous``, its
    ``candidates`` are the places that tied).
    """

    def __init__(self, quote: str, anchor: object) -> None:
        self.quote = quote
        self.anchor = anchor
        status = getattr(anchor, "status", "orphan")
        shown = repr(quote) if len(quote) <= 60 else repr(quote[:60]) + "…"
        if status == "ambiguous":
            places = ", ".join(f"[{c.start}, {c.end})" for c in getattr(anchor, "candidates", ()))
            message = (
                f"the quote {shown} matches several places equally well ({places}): "
                "give a prefix, suffix or hint to choose"
            )
        else:
            score = getattr(anchor, "score", 0.0)
            message = (
                f"the quote {shown} is not in the text (best fuzzy score {score:.2f}, "
                "below the threshold): check it, or lower the threshold"
            )
        super().__init__(message)


class OffsetError(CorpusKitError, ValueError):
    """An offset out of range, or inside a character in the unit asked for."""


class ReadError(CorpusKitError, OSError):
    """A file or folder that cannot be read; ``path`` names it."""

    def __init__(
        self, message: str, *, path: str | os.PathLike[str], errno: int | None = None
    ) -> None:
        self.path = os.fspath(path)
        # Like an OSError: ``errno``, ``strerror`` (the message) and ``filename``.
        super().__init__(errno, message)
        self.filename = self.path

    def __str__(self) -> str:
        # OSError would format "[Errno …] message: 'filename'"; read like a compiler.
        return f"{self.path}: {self.strerror}"


class DuplicateIdError(CorpusKitError, ValueError):
    """Two files of one folder carry the same article id."""

    def __init__(self, article_id: str, paths: Sequence[str]) -> None:
        self.article_id = article_id
        self.paths = tuple(paths)
        #: The file that lost: every path after the first, in ordinal order.
        self.path = self.paths[-1]
        super().__init__(
            f"article id {article_id!r} is claimed by {len(self.paths)} files: "
            + ", ".join(self.paths)
            + "; rename all but one (with on_error='skip' the first in order is kept)"
        )


class ArticleNotFoundError(CorpusKitError, KeyError):
    """No article with the id asked for; ``close`` lists ids that look alike."""

    def __init__(self, article_id: str, close: Sequence[str], where: str) -> None:
        self.article_id = article_id
        self.close = tuple(close)
        hint = (
            "; did you mean " + " or ".join(repr(c) for c in self.close) + "?" if self.close else ""
        )
        super().__init__(f"no article with id {article_id!r} in {where}{hint}")

    def __str__(self) -> str:
        # KeyError would show the repr of the message; show the message itself.
        return str(self.args[0])


class ArticlePositionError(CorpusKitError, IndexError):
    """No article at the position asked for: ``corpus[i]`` past either end."""

    def __init__(self, position: int, size: int, where: str) -> None:
        self.position = position
        self.size = size
        have = f"{size} article{'' if size == 1 else 's'}"
        allowed = f": positions run from {-size} to {size - 1}" if size else ""
        super().__init__(f"no article at position {position} in {where}, which has {have}{allowed}")


# Tracebacks and reprs name the public path, ``corpuskit.SpanError``, not the module
# that happens to define it.
for _name in __all__:
    globals()[_name].__module__ = "corpuskit"
