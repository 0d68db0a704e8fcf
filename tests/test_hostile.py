"""Hostile and broken inputs, one case per entry point, read from tests/data/hostile/cases.json.

Each case names an entry point, says how to build its input (large inputs are
generated here, never stored) and what must happen: a documented success, or
exactly one `CorpusKitError` subclass whose message holds a given fragment, or
(for misuse of the API) a plain `TypeError` or `ValueError`.  Any other
exception fails the case with its id.  Cases marked ``bug`` describe behaviour
that is wrong today; they run with ``xfail(strict=True)`` against the
behaviour wanted, so a fix shows up as an unexpected pass.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import math
import os
import re
import signal
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import orjson
import pytest
from fifos import fed_fifo
from test_signals import outliving, signal_while_working

import corpuskit
from corpuskit import Article, Corpus, CorpusKitError, OffsetMap, Span
from corpuskit.cli import main as cli_main

ROOT = Path(__file__).resolve().parent.parent

HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"
CASES: list[dict[str, Any]] = json.loads((HOSTILE / "cases.json").read_text(encoding="utf-8"))
ENTRIES = frozenset(
    {
        "from_path",
        "from_bytes",
        "from_text",
        "corpus_dir",
        "from_json",
        "from_dict",
        "jsonl",
        "anchor",
        "normalize",
        "offset_map",
        "cli",
    }
)
BASE_TEXT = 'The minister said: "We will act." Prices rose 5%.\n'
DEFAULT_NAME = "001_00000000000000aa.txt"


class CaseFailure(AssertionError):
    """A case whose outcome is not the one its expectation describes."""


# -- building inputs ----------------------------------------------------------------------------


def _text(spec: dict[str, Any]) -> str:
    """Return the str a spec describes: ``text``, or a ``repeat`` generator."""
    if spec.get("generator") == "repeat":
        return spec.get("prefix", "") + spec["unit"] * spec["count"] + spec.get("suffix", "")
    if "text" in spec:
        return str(spec["text"])
    raise ValueError(f"no text in input spec {sorted(spec)}")


def _bytes(spec: dict[str, Any]) -> bytes:
    """Return the bytes a spec describes: ``bytes_hex``, or text in ``encoding`` (UTF-8)."""
    if "bytes_hex" in spec:
        return bytes.fromhex(spec["bytes_hex"])
    return _text(spec).encode(spec.get("encoding", "utf-8"))


def _special(value: Any) -> Any:
    """Replace ``{"$special": ...}`` markers by values JSON cannot spell, recursively."""
    if isinstance(value, list):
        return [_special(v) for v in value]
    if not isinstance(value, dict):
        return value
    kind = value.get("$special")
    if kind is None:
        return {k: _special(v) for k, v in value.items()}
    if kind == "nan":
        return math.nan
    if kind == "int":
        return int(value["value"])
    if kind == "tuple":
        return ()
    if kind == "tuple_key":
        return {(1, 2): 1}
    if kind == "nest":
        root: list[Any] = []
        inner = root
        for _ in range(value["depth"]):
            nested: list[Any] = []
            inner.append(nested)
            inner = nested
        return root
    raise ValueError(f"unknown $special {kind!r}")


def _base_article(article_id: str = "demo", text: str = BASE_TEXT) -> Article:
    return Article.from_text(text, id=article_id)


def _write(folder: Path, spec: dict[str, Any]) -> str:
    """Write a file described by ``spec`` into ``folder``; return its path as a str."""
    if "name_hex" in spec:
        path = os.path.join(os.fsencode(folder), bytes.fromhex(spec["name_hex"]))
        with open(path, "wb") as f:
            f.write(_bytes(spec))
        return os.fsdecode(path)
    path_obj = folder / spec.get("name", DEFAULT_NAME)
    path_obj.write_bytes(_bytes(spec))
    return str(path_obj)


def _skip_unless_permissions_bite() -> None:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("running as root: a file with mode 000 is still readable")


# -- running one case per entry point -------------------------------------------------------


def _run_from_path(spec: dict[str, Any], tmp: Path) -> Any:
    special = spec.get("special")
    if special == "missing":
        return Article.from_path(tmp / spec["name"])
    if special == "directory":
        (tmp / spec["name"]).mkdir()
        return Article.from_path(tmp / spec["name"])
    path = _write(tmp, spec)
    if spec.get("chmod") == "000":
        _skip_unless_permissions_bite()
        os.chmod(path, 0)
    try:
        if spec.get("as_bytes_path"):
            return Article.from_path(os.fsencode(path))  # type: ignore[arg-type]
        return Article.from_path(path)
    finally:
        if os.path.exists(path):
            os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def _run_from_bytes(spec: dict[str, Any], tmp: Path) -> Any:
    if spec.get("as_str"):
        return Article.from_bytes(_text(spec), id="case")  # type: ignore[arg-type]
    return Article.from_bytes(_bytes(spec), id=spec.get("id", "case"))


def _run_from_text(spec: dict[str, Any], tmp: Path) -> Any:
    return Article.from_text(_text(spec), id=spec.get("id", "case"))


def _run_corpus_dir(spec: dict[str, Any], tmp: Path) -> Any:
    folder = tmp / "corpus"
    on_error = spec.get("on_error", "raise")
    if spec.get("special") == "missing":
        return Corpus.from_dir(folder, on_error=on_error)
    folder.mkdir()
    outside = tmp / "outside"
    outside.mkdir()
    for f in spec.get("files", ()):
        _write(folder, f)
    for f in spec.get("outside", ()):
        _write(outside, f)
    for link in spec.get("links", ()):
        os.symlink(link["target"].replace("{outside}", str(outside)), folder / link["name"])
    corpus = Corpus.from_dir(folder, on_error=on_error)
    action = spec.get("action", "ids")
    if action == "ids":
        return corpus
    if action == "iterate":
        return {"corpus": corpus, "articles": list(corpus)}
    target = next(f for f in corpus.files if f.id == spec["id"])
    if action == "rewrite":
        Path(target.path).write_text(spec["new_text"], encoding="utf-8")
    elif action == "remove":
        os.remove(target.path)
    return corpus[spec["id"]]


def _base_json() -> bytes:
    return orjson.dumps(_base_article().to_dict())


def _run_from_json(spec: dict[str, Any], tmp: Path) -> Any:
    if spec.get("generator") == "nest":
        depth = spec["depth"]
        data = (spec["open"] * depth + spec.get("inner", "") + spec["close"] * depth).encode()
    elif spec.get("base"):
        data = _base_json()
        for old, new in spec.get("replace", ()):
            assert old.encode() in data, f"{old!r} is not in the base document"
            data = data.replace(old.encode(), new.encode(), 1)
        if "append_key" in spec:
            key, value = spec["append_key"]
            data = data[:-1] + b"," + orjson.dumps(key) + b":" + orjson.dumps(value) + b"}"
    else:
        data = _bytes(spec)
    return Article.from_json(data)


def _run_from_dict(spec: dict[str, Any], tmp: Path) -> Any:
    if not spec.get("base"):
        return Article.from_dict(_special(spec["value"]))
    doc: Any = copy.deepcopy(_base_article().to_dict())
    for path, value in spec.get("set", ()):
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = _special(value)
    return Article.from_dict(doc)


def _run_jsonl(spec: dict[str, Any], tmp: Path) -> Any:
    path = tmp / "corpus.jsonl"
    if spec.get("special") == "missing":
        return Corpus.from_jsonl(path)
    if "raw" in spec:
        data = _bytes(spec["raw"])
    else:
        lines = [
            orjson.dumps(
                _base_article("a1" if spec.get("same_id") else f"a{i}", text).to_dict(),
                option=orjson.OPT_APPEND_NEWLINE,
            )
            for i, text in enumerate(spec["articles"], 1)
        ]
        data = bytes.fromhex(spec.get("prefix_hex", "")) + b"".join(lines)
        data = data[: len(data) - spec.get("cut_bytes", 0)]
    if spec.get("special") == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs on this system")
        with fed_fifo(path, data):  # the data once; a second reader gets end-of-file
            return _jsonl_action(Corpus.from_jsonl(path), spec)
    path.write_bytes(data)
    return _jsonl_action(Corpus.from_jsonl(path), spec)


def _jsonl_action(corpus: Corpus, spec: dict[str, Any]) -> Any:
    action = spec.get("action", "iterate")
    if action == "len":
        return {"len": len(corpus)}
    if action == "get":
        return corpus[spec["id"]]
    return {"corpus": corpus, "articles": list(corpus)}


def _run_anchor(spec: dict[str, Any], tmp: Path) -> Any:
    article = Article.from_text(_text(spec["article"]), id="case")
    quote = _text(spec["quote"])
    kwargs = {"threshold": spec["threshold"]} if "threshold" in spec else {}
    return {"article": article, "anchor": article.anchor(quote, **kwargs)}


def _run_normalize(spec: dict[str, Any], tmp: Path) -> Any:
    text: Any = _bytes(spec["text"]) if spec.get("as_bytes") else _text(spec["text"])
    if "steps" in spec:
        return corpuskit.normalize(text, spec["steps"])
    return corpuskit.normalize(text)


def _run_offset_map(spec: dict[str, Any], tmp: Path) -> Any:
    return OffsetMap.from_dict(_special(spec["value"]))


def _run_cli(spec: dict[str, Any], tmp: Path) -> Any:
    for f in spec.get("files", ()):
        _write(tmp, f)
    argv = [a.replace("{tmp}", str(tmp)) for a in spec["argv"]]
    if "signal" in spec:
        return _run_cli_signalled(spec, argv, tmp)
    out, err = io.StringIO(), io.StringIO()
    stdin = io.BytesIO(_bytes(spec["stdin"]) if "stdin" in spec else b"")
    stdin.name = "<stdin>"  # type: ignore[attr-defined]  # as sys.stdin.buffer is named
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), _stdin(stdin):
        try:
            code: Any = cli_main(argv)
        except SystemExit as exc:  # argparse misuse
            code = exc.code
    return {"exit": code, "stdout": out.getvalue(), "stderr": err.getvalue()}


def _run_cli_signalled(spec: dict[str, Any], argv: list[str], tmp: Path) -> Any:
    """Run the command as a user would, send it ``signal`` once its workers run, and see.

    ``seed_copies`` copies of the seeds are put in ``{tmp}/texts`` first, and the
    folder ``{tmp}/out`` made: what is left in it, and any worker still alive once
    the command ended, are part of the result.
    """

    texts, out = tmp / "texts", tmp / "out"
    texts.mkdir()
    out.mkdir()
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for i in range(spec["seed_copies"]):
        (texts / f"{i:06d}_{i:016x}.txt").write_bytes(seeds[i % len(seeds)].read_bytes())
    run = subprocess.Popen(
        [sys.executable, "-m", "corpuskit", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own group, so a failed run can be stopped whole
    )
    try:
        workers, stdout, stderr = signal_while_working(run, getattr(signal, spec["signal"]))
        orphans = len(outliving(workers))
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(run.pid, signal.SIGKILL)
    return {
        "exit": run.returncode,
        "stdout": stdout,
        "stderr": stderr,
        "files_left": sorted(p.name for p in out.iterdir()),
        "orphans": orphans,
    }


@contextlib.contextmanager
def _stdin(data: io.BytesIO) -> Iterator[None]:
    """Give ``data`` as standard input for the time of the block."""
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(data, encoding="utf-8")
    try:
        yield
    finally:
        sys.stdin = saved


RUNNERS: dict[str, Callable[[dict[str, Any], Path], Any]] = {
    "from_path": _run_from_path,
    "from_bytes": _run_from_bytes,
    "from_text": _run_from_text,
    "corpus_dir": _run_corpus_dir,
    "from_json": _run_from_json,
    "from_dict": _run_from_dict,
    "jsonl": _run_jsonl,
    "anchor": _run_anchor,
    "normalize": _run_normalize,
    "offset_map": _run_offset_map,
    "cli": _run_cli,
}


# -- checking outcomes ----------------------------------------------------------------------


def _spans(value: Any) -> Iterator[Span]:
    """Yield every `Span` inside ``value`` (attrs objects and tuples, recursively)."""
    if isinstance(value, Span):
        yield value
    if isinstance(value, tuple | list):
        for item in value:
            yield from _spans(item)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _spans(getattr(value, field.name))


def _check_article(case_id: str, article: Article, check: dict[str, Any], data: Any) -> None:
    """Assert the promises every article keeps, then the case's own checks."""
    layers = ("zones", "images", "sentences", "quotes", "quantities", "claims")
    seen = 0
    for layer in layers:
        for span in _spans(getattr(article, layer)):
            seen += 1
            if article.text[span.start : span.end] != span.text:
                raise CaseFailure(f"{case_id}: {layer} span {span.start}:{span.end} does not slice")
    if check.get("layers") and seen == 0:
        raise CaseFailure(f"{case_id}: no spans were built at all")
    if check.get("roundtrip") and isinstance(data, bytes):
        assert article.to_bytes() == data, case_id
    expected = {
        "text": lambda: article.text,
        "bom": lambda: article.bom,
        "id": lambda: article.id,
        "zones": lambda: len(article.zones),
        "zone_texts": lambda: [z.text for z in article.zones],
    }
    for key, get in expected.items():
        if key in check and get() != check[key]:
            raise CaseFailure(f"{case_id}: {key} is {get()!r:.80}, expected {check[key]!r:.80}")
    if "sentences_min" in check and len(article.sentences) < check["sentences_min"]:
        raise CaseFailure(f"{case_id}: {len(article.sentences)} sentences")


def _check_normalized(case_id: str, result: corpuskit.Normalized, check: dict[str, Any]) -> None:
    back = result.map
    assert (back.raw_length, back.length) == (len(result.raw), len(result.text)), case_id
    if "text" in check:
        assert result.text == check["text"], case_id
    if "text_unit" in check:
        assert set(result.text) == {check["text_unit"]}, case_id
        whole = result.to_raw((0, len(result.text)))
        assert (whole.start, whole.end) == (0, len(result.raw)), case_id


def _check_anchor(case_id: str, result: dict[str, Any], check: dict[str, Any]) -> None:
    found = result["anchor"]
    assert found.status.value == check["status"], f"{case_id}: {found!r:.200}"
    if found.span is not None:
        text = result["article"].text
        assert text[found.span.start : found.span.end] == found.span.text, case_id
    if "span" in check:
        assert [found.span.start, found.span.end] == check["span"], case_id


def _check_read(case_id: str, result: dict[str, Any], check: dict[str, Any]) -> None:
    articles: list[Article] = result["articles"]
    for article in articles:
        _check_article(case_id, article, {}, None)
    if "ids" in check:
        assert [a.id for a in articles] == check["ids"], case_id
    if "texts" in check:
        assert [a.text for a in articles] == check["texts"], case_id
    if "skipped" in check:
        assert len(result["corpus"].skipped) == check["skipped"], case_id


def _check_ok(case: dict[str, Any], result: Any) -> None:
    case_id = case["id"]
    check: dict[str, Any] = case["expect"].get("check", {})
    if isinstance(result, Article):
        _check_article(case_id, result, check, _input_bytes(case))
    elif isinstance(result, Corpus):
        if "ids" in check:
            assert list(result.ids) == check["ids"], case_id
    elif isinstance(result, corpuskit.Normalized):
        _check_normalized(case_id, result, check)
    elif isinstance(result, OffsetMap):
        assert result.to_dict() == OffsetMap.from_dict(result.to_dict()).to_dict(), case_id
    elif isinstance(result, dict) and "anchor" in result:
        _check_anchor(case_id, result, check)
    elif isinstance(result, dict) and "articles" in result:
        _check_read(case_id, result, check)
    elif isinstance(result, dict) and "len" in result:
        assert result["len"] == check["len"], case_id
    else:
        raise CaseFailure(f"{case_id}: no check for a result of type {type(result).__name__}")


def _input_bytes(case: dict[str, Any]) -> bytes | None:
    spec = case["input"]
    if case["entry"] in ("from_bytes", "from_path") and "special" not in spec:
        with contextlib.suppress(ValueError, KeyError):
            return _bytes(spec)
    return None


def _check_cli(case: dict[str, Any], result: dict[str, Any], tmp: Path) -> None:
    expect = case["expect"]
    shown = f"{case['id']}: exit {result['exit']}, stderr {result['stderr']!r:.300}"
    assert result["exit"] == expect["exit"], shown
    if "files_left" in expect:
        assert result["files_left"] == expect["files_left"], shown
    assert result.get("orphans", 0) == 0, shown
    for stream in ("stdout", "stderr"):
        fragment = expect.get(f"{stream}_contains")
        if fragment is not None:
            assert fragment.replace("{tmp}", str(tmp)) in result[stream], shown
    assert "Traceback" not in result["stderr"], shown
    assert "unexpected" not in result["stderr"], shown
    for line in result["stderr"].splitlines():
        # An error, a skip, or a report that counts articles ("2 articles, 4 claims, …").
        assert line.startswith(
            ("corpuskit: error: ", "corpuskit: warning: ", "skipped: ")
        ) or re.match(r"[\d,]+ articles?\b", line), shown


def _run_case(case: dict[str, Any], expect: dict[str, Any], tmp: Path) -> None:
    """Run ``case`` and hold its outcome to ``expect``; any other exception is a failure."""
    case_id = case["id"]
    spec = case["input"]
    try:
        result = RUNNERS[case["entry"]](spec, tmp)
    except CorpusKitError as error:
        wanted = expect.get("error")
        if wanted is None:
            raise CaseFailure(
                f"{case_id}: expected {expect}, got {type(error).__name__}: {error}"
            ) from error
        if type(error).__name__ != wanted:
            raise CaseFailure(
                f"{case_id}: expected exactly {wanted}, got {type(error).__name__}: {error}"
            ) from error
        if expect["message_contains"] not in str(error):
            raise CaseFailure(
                f"{case_id}: the message lacks {expect['message_contains']!r}: {error}"
            ) from error
        return
    except (TypeError, ValueError) as error:
        wanted = expect.get("misuse")
        if wanted is None or type(error).__name__ != wanted:
            raise CaseFailure(
                f"{case_id}: expected {expect}, got {type(error).__name__}: {error}"
            ) from error
        if expect["message_contains"] not in str(error):
            raise CaseFailure(
                f"{case_id}: the message lacks {expect['message_contains']!r}: {error}"
            ) from error
        return
    except Exception as error:
        raise CaseFailure(
            f"{case_id}: raised {type(error).__name__}, which is not a CorpusKitError: {error}"
        ) from error
    if "exit" in expect:
        _check_cli(case, result, tmp)
    elif expect.get("ok"):
        _check_ok({**case, "expect": expect}, result)
    else:
        raise CaseFailure(f"{case_id}: expected {expect}, but it succeeded: {result!r:.200}")


def _param(case: dict[str, Any]) -> Any:
    bug = case["expect"].get("bug")
    if bug is None:
        return pytest.param(case, id=case["id"])
    return pytest.param(
        case, id=case["id"], marks=pytest.mark.xfail(strict=True, reason=f"bug: {bug}")
    )


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_hostile_case(case: dict[str, Any], tmp_path: Path) -> None:
    expect = case["expect"]
    # A case marked as a bug is held to the behaviour wanted; it fails (xfail) until fixed.
    _run_case(case, expect.get("want", expect), tmp_path)


# -- the catalogue itself -------------------------------------------------------------------


def test_catalogue_is_well_formed() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    assert len(CASES) >= 40
    kinds = {"ok", "error", "misuse", "bug", "exit"}
    for case in CASES:
        assert set(case) == {"id", "entry", "input", "expect", "why"}, case["id"]
        assert case["entry"] in ENTRIES, case["id"]
        assert len(kinds & set(case["expect"])) == 1, case["id"]
        wanted = case["expect"].get("error")
        if wanted is not None:
            assert issubclass(getattr(corpuskit, wanted), CorpusKitError), case["id"]
            assert case["expect"]["message_contains"], case["id"]
    assert {c["entry"] for c in CASES} == ENTRIES, "every entry point has cases"


def test_readme_lists_every_case() -> None:
    readme = (HOSTILE / "README.md").read_text(encoding="utf-8")
    missing = [c["id"] for c in CASES if f"`{c['id']}`" not in readme]
    assert not missing, f"README.md does not list: {missing}"
