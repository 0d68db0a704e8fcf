"""Fuzz harness: bytes loaded as an article JSON document, and as a JSON Lines file.

Run it with ``python fuzz/fuzz_json.py [corpus folders] [libFuzzer flags]``
(see fuzz/README.md); `check` is the body of each run and needs no fuzzer.

For any input, `Article.from_json` gives an article or raises a
`CorpusKitError`.  When it gives an article:

* every span of its zones, images, sentences, quotes, quantities and claims
  (nested ones too) lies in the text and ``text[start:end] == span.text``;
* writing it with ``to_json`` in a unit chosen from the input (codepoint,
  utf16 or utf8) and loading that gives an equal article, whose spans slice
  exactly and which writes the same document again.

A document whose ``sha256`` or recorded span texts do not match its text and
offsets (the fuzzer changed them) is checked again with both made right (see
`repaired`), so that changes to texts and offsets reach the checks beyond.

Whatever the outcome, the same document given as a ``str`` (when the bytes
are UTF-8), and as dicts and lists to `Article.from_dict` (when orjson parses
it), gives the same outcome: an equal article, or the same error class.

An input holding a newline is also written to a file and read as JSON Lines
by `Corpus.from_jsonl` with ``on_error="skip"``: iterating must raise nothing,
the articles it yields must have unique ids and spans that slice exactly, and
looking one up by id gives an equal article (or a `CorpusKitError`).
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import os
import shlex
import sys
import tempfile
import zlib
from typing import Literal

if __name__ == "__main__":
    import atheris

    # corpuskit is imported under instrumentation, so coverage guides the fuzzer through it.
    with atheris.instrument_imports(include=["corpuskit"]):
        import corpuskit  # noqa: F401

import orjson
from harness_checks import check_spans, fail

from corpuskit import Article, Corpus, CorpusKitError

__all__ = ["check", "check_document", "check_jsonl", "repaired"]

UNITS: tuple[Literal["codepoint", "utf16", "utf8"], ...] = ("codepoint", "utf16", "utf8")

_scratch: list[str] = []


def check(data: bytes) -> None:
    """Load ``data`` as a JSON document (and as JSON Lines) and check every promise."""
    check_document(data)
    fixed = repaired(data)
    if fixed is not None:
        check_document(fixed)
    if b"\n" in data:
        check_jsonl(data)


def repaired(data: bytes) -> bytes | None:
    """Return the document ``data`` with its checksum and recorded span texts made right.

    A changed text fails the checksum, and a changed offset the span's
    recorded text, before anything else is looked at.  Here the ``sha256`` is
    computed again from the text, and each span's ``text`` is taken again from
    the text at its offsets (in the document's unit, where they fall on
    character boundaries), so that the fuzzer's changes to texts and offsets
    reach the checks that come after: units, nesting, claims.  Returns None
    when ``data`` is no such object or nothing needed repair.
    """
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(doc, dict):
        return None
    text, bom = doc.get("text"), doc.get("bom")
    if not isinstance(text, str) or not isinstance(bom, bool):
        return None
    try:
        raw = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    except UnicodeEncodeError:
        return None
    checksum = hashlib.sha256(raw).hexdigest()
    changed = doc.get("sha256") != checksum
    doc["sha256"] = checksum
    unit = doc.get("offsets")
    if unit == "utf16":
        units: str | bytes = text.encode("utf-16-le", "surrogatepass")
    elif unit == "utf8":
        units = raw
    else:
        units = text
    for key in _LAYER_KEYS:
        changed = _repair_spans(doc.get(key), units, unit) or changed
    if not changed:
        return None
    try:
        return orjson.dumps(doc)
    except orjson.JSONEncodeError:
        return None


_LAYER_KEYS = ("zones", "images", "sentences", "quotes", "quantities", "claims")


def _slice(units: str | bytes, unit: object, start: int, end: int) -> str | None:
    """Return the text at ``[start, end)`` counted in ``unit``, or None if there is none."""
    width = 2 if unit == "utf16" else 1
    if not 0 <= start <= end or width * end > len(units):
        return None
    piece = units[width * start : width * end]
    if isinstance(piece, str):
        return piece
    try:
        return piece.decode("utf-16-le" if unit == "utf16" else "utf-8")
    except UnicodeDecodeError:  # the offsets split a character: left for the loader to refuse
        return None


def _repair_spans(value: object, units: str | bytes, unit: object) -> bool:
    """Set the ``text`` of every span object in ``value`` from its offsets; say if any changed."""
    changed = False
    if isinstance(value, list):
        for item in value:
            changed = _repair_spans(item, units, unit) or changed
        return changed
    if not isinstance(value, dict):
        return False
    start, end = value.get("start"), value.get("end")
    if type(start) is int and type(end) is int and isinstance(value.get("text"), str):
        piece = _slice(units, unit, start, end)
        if piece is not None and piece != value["text"]:
            value["text"] = piece
            changed = True
    for item in value.values():
        if isinstance(item, dict | list):
            changed = _repair_spans(item, units, unit) or changed
    return changed


def _load(data: bytes | str) -> Article | CorpusKitError:
    """Return the article ``data`` holds, or the `CorpusKitError` loading it raised."""
    try:
        return Article.from_json(data)
    except CorpusKitError as error:
        return error


def _same_outcome(first: Article | CorpusKitError, second: object, how: str) -> None:
    """Fail unless two loads of one document agree: equal articles, or one error class."""
    if isinstance(first, Article):
        if not isinstance(second, Article) or second != first:
            fail(f"{how} gives {second!r:.200}, where from_json(bytes) gives an article")
    elif type(second) is not type(first):
        fail(f"{how} gives {second!r:.200}, where from_json(bytes) raises {first!r:.200}")


def check_document(data: bytes) -> None:
    """Load ``data`` with `Article.from_json`; check a loaded article and its round trip."""
    loaded = _load(data)
    choice = zlib.crc32(data)
    if choice & 8:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            _same_outcome(loaded, _load(text), "from_json(str)")
    if choice & 16:
        try:
            parsed = orjson.loads(data)
        except orjson.JSONDecodeError:
            pass
        else:
            try:
                from_dict: object = Article.from_dict(parsed)
            except CorpusKitError as error:
                from_dict = error
            _same_outcome(loaded, from_dict, "from_dict(orjson.loads(data))")
    if isinstance(loaded, CorpusKitError):
        return
    check_spans(loaded)
    unit = UNITS[choice % 3]
    document = loaded.to_json(offsets=unit)
    again = Article.from_json(document)
    if again != loaded:
        fail(f"Article.from_json(to_json(offsets={unit!r})) differs from the loaded article")
    check_spans(again)
    if again.to_json(offsets=unit) != document:
        fail(f"the reloaded article writes another {unit} document")


def _scratch_path() -> str:
    """Return the path of this process's scratch JSON Lines file, made on first use.

    It is made in the temporary folder (``TMPDIR``), and removed at exit
    unless the fuzzer ends the process first: `run` points ``TMPDIR`` at a
    folder of its own, which it removes.
    """
    if not _scratch:
        fd, path = tempfile.mkstemp(prefix="corpuskit-fuzz-", suffix=".jsonl")
        os.close(fd)
        atexit.register(_remove, path)
        _scratch.append(path)
    return _scratch[0]


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.remove(path)


def check_jsonl(data: bytes) -> None:
    """Read ``data`` as a JSON Lines file with ``on_error="skip"`` and check what it yields."""
    path = _scratch_path()
    with open(path, "wb") as f:
        f.write(data)
    corpus = Corpus.from_jsonl(path, on_error="skip")
    articles = list(corpus)  # with on_error="skip", nothing may be raised
    ids = [a.id for a in articles]
    if len(set(ids)) != len(ids):
        fail(f"JSON Lines iteration yields a repeated id: {ids!r:.200}")
    for article in articles:
        check_spans(article)
    for article in articles:
        try:
            found = corpus[article.id]
        except CorpusKitError:
            continue
        if found != article:
            fail(f"corpus[{article.id!r}] differs from the article iteration yields")


if __name__ == "__main__":
    # libFuzzer runs argv[0] as a shell command (-minimize_crash, -fork): make it run this script.
    program = f"{shlex.quote(sys.executable)} {shlex.quote(os.path.abspath(__file__))}"
    atheris.Setup([program, *sys.argv[1:]], check)
    atheris.Fuzz()
