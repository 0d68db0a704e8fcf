"""Reading article files: names, size limits and exact UTF-8 decoding.

The first stage of the pipeline (bytes → text): a file is read whole, within a
size limit, and decoded as UTF-8 exactly (a leading byte-order mark is set
aside, nothing else changes); its name gives the article's id and ordinal.
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

from corpuskit.model.errors import DecodeError, ReadError, TooLargeError

__all__ = [
    "BOM",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_JSON_BYTES",
    "binary_kind",
    "check_limit",
    "decode",
    "parse_file_name",
    "read_bounded",
]

#: The largest raw article file (or bytes) read unless ``max_bytes`` says otherwise.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
#: The largest JSON document (or JSON Lines line) read unless told otherwise.
DEFAULT_MAX_JSON_BYTES = 256 * 1024 * 1024

#: The UTF-8 byte-order mark, set aside when a file opens with it.
BOM = codecs.BOM_UTF8
_FILE_NAME = re.compile(r"(\d+)_([0-9A-Fa-f]{16})\.txt")


def parse_file_name(name: str) -> tuple[str, int | None]:
    """Return ``(id, ordinal)`` for a file name.

    ``NNN_<16 hex>.txt`` gives the hex id and the ordinal ``NNN``; any other
    name gives its stem and ``None``.

    >>> parse_file_name("000_dd2c270fb12b86b0.txt")
    ('dd2c270fb12b86b0', 0)
    >>> parse_file_name("notes.txt")
    ('notes', None)
    """
    m = _FILE_NAME.fullmatch(name)
    if m is None:
        return Path(name).stem, None
    return m.group(2), int(m.group(1))


def check_limit(name: str, value: object) -> int | None:
    """Return a size limit given as ``name``: an int >= 0, or None for no limit."""
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} must be an int or None, got {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value}")
    return value


def read_bounded(path: str | os.PathLike[str], limit: int | None) -> bytes:
    """Read the file at ``path`` whole, or raise `TooLargeError` past ``limit`` bytes.

    The size is checked on the open file before reading, and at most
    ``limit + 1`` bytes are read, so a file that grows meanwhile is caught too.
    The first read asks for the size found plus one byte (asking for the limit
    would allocate the whole limit for every file); only a file that grew is
    read on, up to the limit.
    """
    try:
        with open(path, "rb") as f:
            if limit is None:
                return f.read()
            size = os.fstat(f.fileno()).st_size
            data = b""
            if size <= limit:
                data = f.read(size + 1)
                if len(data) > size:
                    data += f.read(limit + 1 - len(data))
    except OSError as exc:
        raise ReadError(
            f"cannot read article file: {exc.strerror or exc}", path=path, errno=exc.errno
        ) from exc
    if size > limit:
        raise TooLargeError("file", size=size, limit=limit, parameter="max_bytes", path=path)
    if len(data) > limit:
        raise TooLargeError(
            "file", size=len(data), limit=limit, parameter="max_bytes", path=path, grew=True
        )
    return data


def decode(data: bytes, path: str | os.PathLike[str] | None) -> tuple[str, bool]:
    """Decode UTF-8 exactly, splitting off a leading byte-order mark."""
    bom = data.startswith(BOM)
    try:
        text = (data[len(BOM) :] if bom else data).decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.start + (len(BOM) if bom else 0)
        raise _decode_error(data, bad, exc.reason, path) from None
    return text, bom


def _decode_error(
    data: bytes, bad: int, reason: str, path: str | os.PathLike[str] | None
) -> DecodeError:
    """Build the error for an undecodable byte at ``bad``, locating its line and column."""
    line_start = max(data.rfind(b"\n", 0, bad), data.rfind(b"\r", 0, bad)) + 1
    newlines = data.count(b"\n", 0, bad) + data.count(b"\r", 0, bad) - data.count(b"\r\n", 0, bad)
    prefix = data[line_start:bad]
    if line_start == 0 and prefix.startswith(BOM):
        prefix = prefix[len(BOM) :]
    column = len(prefix.decode("utf-8", errors="replace")) + 1
    kind = binary_kind(data)
    advice = (
        f"this looks like {kind}, not text: corpuskit reads text files"
        if kind is not None
        else "corpuskit reads UTF-8 only: re-encode the file as UTF-8 "
        "(for example `iconv -f latin1 -t utf-8`)"
    )
    return DecodeError(
        f"invalid UTF-8 at byte offset {bad} (byte 0x{data[bad]:02x}: {reason}); {advice}",
        path=path,
        byte_offset=bad,
        line=newlines + 1,
        column=column,
    )


# The first bytes of the binary files most often found among text files by mistake.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a Word, Excel or EPUB file)"),
    (b"\x7fELF", "an executable"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)
_SNIFF = 8192  # bytes looked at for NULs


def binary_kind(data: bytes) -> str | None:
    r"""Say what binary file ``data`` looks like (a PNG image, ...), or ``None`` for text.

    Known signatures first; else NUL bytes among the first 8 KiB, which no text
    in an 8-bit encoding holds, and which UTF-8 text only holds by accident.

    >>> binary_kind(b"\x89PNG\r\n\x1a\n...")
    'a PNG image'
    >>> binary_kind("café".encode("latin-1")) is None
    True
    """
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:_SNIFF]
    if head.count(0) > max(1, len(head) // 100):
        return "a binary file"
    return None
