"""The seed inputs of the fuzz harnesses, built from the seed articles and the hostile catalogue.

Nothing here is stored: `parse_inputs` and `json_inputs` build the inputs
from ``seeds/*.txt`` and ``tests/data/hostile/cases.json`` (see its README
for the format) each time, and `write` puts them in a folder for the fuzzer.

Parse inputs are the seed files and every raw file, text or quote the
catalogue describes.  JSON inputs are each seed article's document in every
offset unit (with and without the ``normalized`` block, compact and
indented), a JSON Lines file of the seeds, and every document, dict and JSON
Lines file the catalogue describes.  Generated inputs (a character repeated a
million times) are cut down to ``generated`` bytes (a few KiB) by repeating
less: at full size each would take the fuzzer seconds a run, and
tests/test_hostile.py runs them at full size anyway.
"""

from __future__ import annotations

import copy
import hashlib
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from corpuskit import Article

__all__ = [
    "CATALOGUE",
    "JSON_GENERATED",
    "JSON_MAX_LEN",
    "PARSE_GENERATED",
    "PARSE_MAX_LEN",
    "ROOT",
    "SEEDS",
    "json_inputs",
    "parse_inputs",
    "write",
]

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CATALOGUE = ROOT / "tests" / "data" / "hostile" / "cases.json"
#: The largest input each harness is given (libFuzzer's ``-max_len``).
PARSE_MAX_LEN = 65536
JSON_MAX_LEN = 262144
#: The size generated inputs are cut down to (JSON: deep enough to pass the depth limit).
PARSE_GENERATED = 8192
JSON_GENERATED = 16384

# The small article the catalogue's "base" documents are made from (tests/test_hostile.py).
BASE_TEXT = 'The minister said: "We will act." Prices rose 5%.\n'
BASE_ID = "demo"
UNITS: tuple[Literal["codepoint", "utf16", "utf8"], ...] = ("codepoint", "utf16", "utf8")
_NEST = "\x00nest\x00"
#: How deep a nest of arrays in a dict case is written (the loader refuses past 1024).
_NEST_DEPTH = 2000
_NORMALIZED = ("newlines", "quotes", "spaces", "collapse", "nfc", "dashes", "ellipsis")


def _text(spec: dict[str, Any], size: int) -> str | None:
    """Return the str a catalogue spec describes, a repeated unit cut down to ``size`` bytes."""
    if spec.get("generator") == "repeat":
        prefix, unit, suffix = spec.get("prefix", ""), spec["unit"], spec.get("suffix", "")
        room = size - len((prefix + suffix).encode("utf-8", "surrogatepass"))
        count = min(spec["count"], max(1, room // max(1, len(unit.encode("utf-8")))))
        return prefix + unit * count + suffix
    if "text" in spec:
        return str(spec["text"])
    return None


def _bytes(spec: object, size: int) -> bytes | None:
    """Return the bytes a catalogue spec describes (UTF-8 unless it names an encoding)."""
    if not isinstance(spec, dict):
        return None
    if "bytes_hex" in spec:
        return bytes.fromhex(spec["bytes_hex"])
    text = _text(spec, size)
    if text is None:
        return None
    encoding = spec.get("encoding", "utf-8")
    # A lone surrogate cannot be UTF-8; written as its three bytes it is undecodable input.
    return text.encode(encoding, "surrogatepass" if encoding == "utf-8" else "strict")


def _cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    return cases


def _seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def _files(spec: dict[str, Any], size: int) -> Iterator[tuple[str, bytes]]:
    """Yield ``(name, data)`` for the files of a ``corpus_dir`` or ``cli`` case."""
    for key in ("files", "outside"):
        for f in spec.get(key, ()):
            data = _bytes(f, size)
            if data is not None:
                yield f.get("name", ""), data
    if "new_text" in spec:
        yield "", spec["new_text"].encode("utf-8")


def parse_inputs(
    max_len: int = PARSE_MAX_LEN, generated: int = PARSE_GENERATED
) -> dict[str, bytes]:
    """Return the parse harness's seed inputs, by a name that says where each came from."""
    out: dict[str, bytes] = {}
    size = min(max_len, generated)
    for path in _seed_files():
        out[f"seed-{path.stem}"] = path.read_bytes()
    for case in _cases():
        entry, spec, name = case["entry"], case["input"], f"case-{case['id']}"
        found: list[bytes | None] = []
        if entry in ("from_path", "from_bytes", "from_text"):
            found.append(_bytes(spec, size))
        elif entry in ("corpus_dir", "cli"):
            found.extend(data for _, data in _files(spec, size))
        elif entry == "anchor":
            found += [_bytes(spec["article"], size), _bytes(spec["quote"], size)]
        elif entry == "normalize":
            found.append(_bytes(spec["text"], size))
        elif entry == "jsonl" and "raw" in spec:
            found.append(_bytes(spec["raw"], size))
        for i, data in enumerate(found):
            if data is not None and len(data) <= max_len:
                out[name if i == 0 else f"{name}-{i}"] = data
    return out


def _special(value: Any) -> Any:
    """Replace the catalogue's ``{"$special": ...}`` markers by what JSON text can spell."""
    if isinstance(value, list):
        return [_special(v) for v in value]
    if not isinstance(value, dict):
        return value
    kind = value.get("$special")
    if kind is None:
        return {k: _special(v) for k, v in value.items()}
    if kind == "nan":
        return math.nan  # written as NaN, which is not JSON: a hostile input all the same
    if kind == "int":
        return int(value["value"])
    if kind == "tuple":
        return []
    if kind == "tuple_key":
        return {"[1, 2]": 1}
    if kind == "nest":
        return _NEST  # replaced by nested arrays once written: too deep for json.dumps
    raise ValueError(f"unknown $special {kind!r}")


def _dumps(value: Any) -> bytes:
    """Write ``value`` as JSON text (big ints and NaN as Python's json writes them)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace(json.dumps(_NEST), "[" * _NEST_DEPTH + "]" * _NEST_DEPTH)
    return text.encode("utf-8", "surrogatepass")


def _base_document(article_id: str = BASE_ID, text: str = BASE_TEXT) -> dict[str, Any]:
    return Article.from_text(text, id=article_id).to_dict()


def _from_json_case(spec: dict[str, Any], size: int) -> bytes | None:
    if spec.get("generator") == "nest":
        inner = spec.get("inner", "")
        depth = min(spec["depth"], (size - len(inner)) // (len(spec["open"]) + len(spec["close"])))
        return (spec["open"] * depth + inner + spec["close"] * depth).encode("utf-8")
    if spec.get("base"):
        data = _dumps(_base_document())
        for old, new in spec.get("replace", ()):
            data = data.replace(old.encode(), new.encode(), 1)
        if "append_key" in spec:
            key, value = spec["append_key"]
            data = data[:-1] + b"," + _dumps(key) + b":" + _dumps(value) + b"}"
        return data
    return _bytes(spec, size)


def _from_dict_case(spec: dict[str, Any]) -> bytes:
    if not spec.get("base"):
        return _dumps(_special(spec["value"]))
    doc: Any = copy.deepcopy(_base_document())
    for path, value in spec.get("set", ()):
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = _special(value)
    return _dumps(doc)


def _jsonl_case(spec: dict[str, Any], size: int) -> bytes | None:
    if "raw" in spec:
        return _bytes(spec["raw"], size)
    if "articles" not in spec:
        return None
    lines = [
        _dumps(_base_document("a1" if spec.get("same_id") else f"a{i}", text)) + b"\n"
        for i, text in enumerate(spec["articles"], 1)
    ]
    data = bytes.fromhex(spec.get("prefix_hex", "")) + b"".join(lines)
    return data[: len(data) - spec.get("cut_bytes", 0)]


def json_inputs(max_len: int = JSON_MAX_LEN, generated: int = JSON_GENERATED) -> dict[str, bytes]:
    """Return the JSON harness's seed inputs, by a name that says where each came from."""
    out: dict[str, bytes] = {}
    size = min(max_len, generated)
    articles = [Article.from_path(p) for p in _seed_files()]
    articles.append(Article.from_text(BASE_TEXT, id=BASE_ID))
    for article in articles:
        for unit in UNITS:
            name = f"seed-{article.id}-{unit}"
            out[name] = article.to_json(offsets=unit).encode("utf-8")
            out[f"{name}-normalized"] = article.to_json(
                offsets=unit,
                normalized=_NORMALIZED,
                indent=True,
            ).encode("utf-8")
    out["seed-jsonl"] = b"".join(a.to_json().encode("utf-8") + b"\n" for a in articles)
    for case in _cases():
        entry, spec, name = case["entry"], case["input"], f"case-{case['id']}"
        data: bytes | None = None
        if entry == "from_json":
            data = _from_json_case(spec, size)
        elif entry == "from_dict":
            data = _from_dict_case(spec)
        elif entry == "jsonl":
            data = _jsonl_case(spec, size)
        elif entry == "cli":
            for i, (file_name, file_data) in enumerate(_files(spec, size)):
                if file_name.endswith(".jsonl") and len(file_data) <= max_len:
                    out[f"{name}-{i}"] = file_data
        if data is not None and len(data) <= max_len:
            out[name] = data
    return out


def write(folder: Path, inputs: dict[str, bytes]) -> int:
    """Write each input into ``folder`` (made if missing), named by its SHA-1 as libFuzzer names.

    Returns how many distinct inputs were written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    names = set()
    for data in inputs.values():
        name = hashlib.sha1(data).hexdigest()
        names.add(name)
        (folder / name).write_bytes(data)
    return len(names)
