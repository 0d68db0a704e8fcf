"""Size limits: defaults a caller can raise or lift, and errors that say how."""

from __future__ import annotations

import io
import os
import pickle
from pathlib import Path

import pytest

from corpuskit import (
    Article,
    Corpus,
    CorpusKitError,
    InvalidArticleError,
    InvalidDocumentError,
    TooLargeError,
)
from corpuskit.io.jsonl import _lines
from corpuskit.stages.read import DEFAULT_MAX_BYTES, DEFAULT_MAX_JSON_BYTES


def _file(folder: Path, name: str, size: int) -> Path:
    path = folder / name
    path.write_bytes(b"Title\n\n" + b"x" * (size - 7))
    assert path.stat().st_size == size
    return path


def test_limits_defaults() -> None:
    assert DEFAULT_MAX_BYTES == 64 * 1024 * 1024
    assert DEFAULT_MAX_JSON_BYTES == 256 * 1024 * 1024


def test_limits_too_large_is_bad_input() -> None:
    assert issubclass(TooLargeError, InvalidArticleError)
    assert issubclass(TooLargeError, ValueError)
    assert issubclass(TooLargeError, CorpusKitError)
    assert TooLargeError.__module__ == "corpuskit"


def test_limits_file_one_byte_over_names_path_size_and_limit(tmp_path: Path) -> None:
    path = _file(tmp_path, "big.txt", 101)
    with pytest.raises(TooLargeError) as info:
        Article.from_path(path, max_bytes=100)
    error = info.value
    assert (error.path, error.size, error.limit, error.line) == (str(path), 101, 100, None)
    assert error.parameter == "max_bytes"
    assert str(error) == (
        f"{path}: the file is 101 bytes, over the limit of 100 bytes: "
        "to read it, pass a larger max_bytes=... (or max_bytes=None for no limit)"
    )


def test_limits_file_exactly_at_the_limit_loads(tmp_path: Path) -> None:
    path = _file(tmp_path, "000_0123456789abcdef.txt", 100)
    article = Article.from_path(path, max_bytes=100)
    assert (article.id, len(article.text)) == ("0123456789abcdef", 100)


def test_limits_none_means_no_limit(tmp_path: Path) -> None:
    path = _file(tmp_path, "big.txt", 500)
    assert len(Article.from_path(path, max_bytes=None).text) == 500
    assert len(Article.from_bytes(b"x" * 500, id="x", max_bytes=None).text) == 500


def test_limits_size_is_checked_before_reading_and_bounds_the_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _file(tmp_path, "big.txt", 101)
    reads: list[int] = []
    real_open = open

    def spying_open(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        f = real_open(file, mode, *args, **kwargs)  # type: ignore[call-overload]
        real_read = f.read

        def read(n: int = -1) -> bytes:
            reads.append(n)
            return real_read(n)  # type: ignore[no-any-return]

        f.read = read
        return f

    monkeypatch.setattr("builtins.open", spying_open)
    with pytest.raises(TooLargeError):
        Article.from_path(path, max_bytes=100)
    assert reads == []  # refused on its size alone
    Article.from_path(path, max_bytes=101)
    assert reads == [102]  # one read of at most the limit and one byte more


def test_limits_file_that_grows_while_read_is_not_read_past_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _file(tmp_path, "growing.txt", 50)
    real_fstat = os.fstat

    def fstat_then_grow(fd: int) -> os.stat_result:
        result = real_fstat(fd)
        with open(path, "ab") as f:  # the file grows after its size was taken
            f.write(b"y" * 1000)
        return result

    monkeypatch.setattr(os, "fstat", fstat_then_grow)
    with pytest.raises(TooLargeError) as info:
        Article.from_path(path, max_bytes=100)
    assert (info.value.size, info.value.limit) == (101, 100)
    assert "grew past the limit of 100 bytes while it was read" in str(info.value)


def test_limits_from_bytes(tmp_path: Path) -> None:
    assert Article.from_bytes(b"x" * 100, id="x", max_bytes=100).text == "x" * 100
    with pytest.raises(TooLargeError) as info:
        Article.from_bytes(memoryview(b"x" * 101), id="x", max_bytes=100)
    assert str(info.value).startswith("<bytes>: the data is 101 bytes, over the limit of 100")
    with pytest.raises(TooLargeError) as info:
        Article.from_bytes(bytearray(101), id="x", source="a.txt", max_bytes=100)
    assert info.value.path == "a.txt"


def test_limits_message_shows_mebibytes() -> None:
    error = TooLargeError("file", size=70 * 2**20, limit=64 * 2**20, parameter="max_bytes")
    assert "is 73400320 bytes (70.0 MiB), over the limit of 67108864 bytes (64.0 MiB)" in str(error)


@pytest.mark.parametrize(
    ("bad", "expected"),
    [(-1, ValueError), (1.5, TypeError), (True, TypeError), ("100", TypeError)],
)
def test_limits_bad_limit_is_misuse(tmp_path: Path, bad: object, expected: type[Exception]) -> None:
    path = _file(tmp_path, "a.txt", 10)
    with pytest.raises(expected) as info:
        Article.from_path(path, max_bytes=bad)  # type: ignore[arg-type]
    assert not isinstance(info.value, CorpusKitError)
    with pytest.raises(expected):
        Corpus.from_dir(tmp_path, max_bytes=bad)  # type: ignore[arg-type]
    with pytest.raises(expected):
        Corpus.from_jsonl(path, max_line_bytes=bad)  # type: ignore[arg-type]


def test_limits_corpus_from_dir_skips_the_big_file(tmp_path: Path) -> None:
    _file(tmp_path, "000_0000000000000000.txt", 100)
    big = _file(tmp_path, "001_1111111111111111.txt", 101)
    _file(tmp_path, "002_2222222222222222.txt", 20)
    corpus = Corpus.from_dir(tmp_path, on_error="skip", max_bytes=100)
    assert [a.id for a in corpus] == ["0000000000000000", "2222222222222222"]
    [error] = corpus.skipped
    assert isinstance(error, TooLargeError)
    assert (error.path, error.size, error.limit) == (str(big), 101, 100)
    with pytest.raises(TooLargeError):
        corpus["1111111111111111"]  # asked for by name: raised whatever on_error says
    with pytest.raises(TooLargeError):
        list(Corpus.from_dir(tmp_path, max_bytes=100))
    assert len(list(Corpus.from_dir(tmp_path, max_bytes=None))) == 3
    assert len(list(Corpus.from_dir(tmp_path))) == 3


def _jsonl(tmp_path: Path) -> tuple[Path, list[bytes]]:
    docs = [
        Article.from_text(f"Title {i}\n\nBody {i}.", id=f"a{i}").to_json().encode()
        for i in range(3)
    ]
    docs[1] = Article.from_text("Long\n\n" + "z" * 2000, id="long").to_json().encode()
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(b"".join(d + b"\n" for d in docs))
    return path, docs


def test_limits_jsonl_over_long_line_names_its_line(tmp_path: Path) -> None:
    path, docs = _jsonl(tmp_path)
    limit = max(len(docs[0]), len(docs[2]))
    with pytest.raises(TooLargeError) as info:
        list(Corpus.from_jsonl(path, max_line_bytes=limit))
    error = info.value
    assert (error.path, error.line, error.size, error.limit) == (str(path), 2, len(docs[1]), limit)
    assert error.parameter == "max_line_bytes"
    assert str(error).startswith(f"{path}:2: the line is {len(docs[1])} bytes, over the limit")
    assert "max_line_bytes=None" in str(error)


def test_limits_jsonl_skip_loads_the_other_lines(tmp_path: Path) -> None:
    path, docs = _jsonl(tmp_path)
    limit = max(len(docs[0]), len(docs[2]))  # each short line is exactly at most the limit
    corpus = Corpus.from_jsonl(path, on_error="skip", max_line_bytes=limit)
    assert [a.id for a in corpus] == ["a0", "a2"]
    assert [(type(e), e.line) for e in corpus.skipped] == [(TooLargeError, 2)]  # type: ignore[attr-defined]
    # The index passes over the line too, and still finds the line after it.
    indexed = Corpus.from_jsonl(path, on_error="skip", max_line_bytes=limit)
    assert indexed.ids == ("a0", "a2")
    assert indexed["a2"].id == "a2"
    assert [e.line for e in indexed.skipped] == [2]  # type: ignore[attr-defined]
    assert Corpus.from_jsonl(path, max_line_bytes=None).ids == ("a0", "long", "a2")
    assert Corpus.from_jsonl(path).ids == ("a0", "long", "a2")


def test_limits_jsonl_index_raises_for_an_over_long_line(tmp_path: Path) -> None:
    path, docs = _jsonl(tmp_path)
    with pytest.raises(TooLargeError) as info:
        len(Corpus.from_jsonl(path, max_line_bytes=len(docs[0])))
    assert info.value.line == 2


def test_limits_lines_are_read_in_bounded_pieces() -> None:
    class Recording(io.BytesIO):
        def __init__(self, data: bytes) -> None:
            super().__init__(data)
            self.asked: list[int] = []

        def readline(self, size: int | None = -1) -> bytes:
            assert size is not None
            assert size >= 0, "an unbounded readline"
            self.asked.append(size)
            return super().readline(size)

    data = b"ab\n" + b"x" * 5_000_000 + b"\ncd\nefgh"
    f = Recording(data)
    got = [(raw, length, size) for raw, length, size in _lines(f, 3)]
    assert got == [
        (b"ab\n", 3, 2),
        (None, 5_000_001, 5_000_000),
        (b"cd\n", 3, 2),
        (None, 4, 4),  # the last line, with no newline, is one byte over
    ]
    assert max(f.asked) <= 1 << 20
    assert [raw for raw, _, _ in _lines(io.BytesIO(b"abc\nabc"), 3)] == [b"abc\n", b"abc"]


def test_limits_from_json_over_the_limit() -> None:
    text = Article.from_text("Title\n\nBody.", id="x").to_json()
    size = len(text.encode())
    assert Article.from_json(text, max_bytes=size).id == "x"
    assert Article.from_json(text, max_bytes=None).id == "x"
    with pytest.raises(TooLargeError) as info:
        Article.from_json(text, max_bytes=size - 1)
    assert (info.value.size, info.value.limit, info.value.path) == (size, size - 1, None)
    assert str(info.value).startswith(f"<json>: the document is {size} bytes, over the limit")
    with pytest.raises(TooLargeError):
        Article.from_json(memoryview(text.encode()), max_bytes=size - 1)


def test_limits_from_json_counts_utf8_bytes_of_a_str() -> None:
    text = Article.from_text("Title\n\nCafé – “quoted”.", id="x").to_json()
    size = len(text.encode())
    assert size > len(text)
    assert Article.from_json(text, max_bytes=size).id == "x"
    with pytest.raises(TooLargeError) as info:
        Article.from_json(text, max_bytes=size - 1)
    assert info.value.size == size


def test_limits_deep_nesting_is_invalid_json_not_a_recursion_error() -> None:
    with pytest.raises(InvalidDocumentError) as info:
        Article.from_json("[" * 100_000 + "]" * 100_000)
    assert info.value.json_path == "$"
    assert info.value.problems[0][1].startswith("not valid JSON")


def test_limits_deep_nesting_in_a_jsonl_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_bytes(b"[" * 100_000 + b"\n")
    corpus = Corpus.from_jsonl(path, on_error="skip")
    assert list(corpus) == []
    assert [type(e) for e in corpus.skipped] == [InvalidDocumentError]


@pytest.mark.parametrize(
    "error",
    [
        TooLargeError("file", size=101, limit=100, parameter="max_bytes", path="a/b.txt"),
        TooLargeError("data", size=101, limit=100, parameter="max_bytes"),
        TooLargeError("line", size=9, limit=5, parameter="max_line_bytes", path="c.jsonl", line=4),
        TooLargeError("file", size=101, limit=100, parameter="max_bytes", path="g", grew=True),
    ],
)
def test_limits_errors_survive_pickling(error: TooLargeError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is TooLargeError
    assert str(copy) == str(error)
    assert copy.args == error.args
    assert vars(copy) == vars(error)


# --- no code from data ---------------------------------------------------------

# Modules that turn bytes into objects or code, which no data path may use.
_CODE_FROM_DATA_MODULES = {"pickle", "marshal", "shelve", "dill", "cloudpickle", "importlib"}
_CODE_FROM_DATA_CALLS = {"eval", "exec", "compile", "__import__"}
# The places that build code, each from the package's own class definitions at import.
_BUILDS_CODE = {
    ("io.json", "_object_check"): "checks generated from a model class's attrs fields",
    ("io.json", "_generated_writer"): "writers generated from a model class's attrs fields",
    ("model.spans", "unchecked_maker"): "constructors generated from a model class's attrs fields",
}


def _code_from_data() -> tuple[set[str], set[tuple[str, str | None]]]:
    import ast

    import corpuskit

    imports: set[str] = set()
    calls: set[tuple[str, str | None]] = set()
    package = Path(corpuskit.__file__).parent
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module = ".".join(path.relative_to(package).with_suffix("").parts)
        functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imports |= {f"{module}: {a.name}" for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                imports.add(f"{module}: {node.module}")
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in _CODE_FROM_DATA_CALLS
            ):
                inside = [f for f in functions if f.lineno <= node.lineno <= (f.end_lineno or 0)]
                calls.add((module, inside[-1].name if inside else None))
    # (Reading the package's own files through importlib.resources is not importing.)
    imports = {i for i in imports if i.split(": ")[1] in _CODE_FROM_DATA_MODULES}
    return imports, calls


def test_no_pickle_eval_or_import_by_name_in_the_package() -> None:
    # Data is read as bytes, UTF-8 text and JSON only: nothing in the package
    # unpickles, evaluates or imports by a name it was given.
    imports, calls = _code_from_data()
    assert imports == set()
    assert calls == set(_BUILDS_CODE)


def test_the_generated_code_is_built_from_class_definitions_only() -> None:
    # The same fields give the same code, whatever data went through before.
    from corpuskit.io import json as _json
    from corpuskit.model.spans import Span, unchecked_maker

    assert _json._object_check(Span) is not None
    first = unchecked_maker(Span)
    Article.from_text("“A,” she said.", id="x").claims  # noqa: B018
    assert unchecked_maker(Span)(1, 2, "b") == first(1, 2, "b") == Span(1, 2, "b")


def _quoted_folder(folder: Path) -> Path:
    """A folder of two articles: a short one, and one whose document is large."""
    folder.mkdir()
    (folder / "000_00000000000000aa.txt").write_text("Short\n\nA calm day.", encoding="utf-8")
    (folder / "001_00000000000000bb.txt").write_text("“x,” he said. " * 2000, encoding="utf-8")
    return folder


def test_limits_a_document_too_large_to_read_back_is_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every line written must load under the default limits: one that would not is
    # refused when written, not found out when read.  The limit is made small here.
    from corpuskit.io import json as _json

    folder = _quoted_folder(tmp_path / "in")
    big = Article.from_path(folder / "001_00000000000000bb.txt")
    size = len(big.to_json().encode())
    monkeypatch.setattr(_json, "DEFAULT_MAX_JSON_BYTES", size - 1)
    with pytest.raises(TooLargeError, match="it is not written") as info:
        Corpus.from_dir(folder).to_jsonl(tmp_path / "out.jsonl")
    assert info.value.size == size
    assert info.value.limit == size - 1
    assert "00000000000000bb" in str(info.value)
    assert not (tmp_path / "out.jsonl").exists()
    corpus = Corpus.from_dir(folder, on_error="skip")
    assert corpus.to_jsonl(tmp_path / "out.jsonl") == 1
    assert [type(e) for e in corpus.skipped] == [TooLargeError]
    assert [a.id for a in Corpus.from_jsonl(tmp_path / "out.jsonl")] == ["00000000000000aa"]
    # In worker processes too (they read the limit from the module as imported there,
    # so the size of the document decides: run it with the real limit and a small one).
    monkeypatch.setattr(_json, "DEFAULT_MAX_JSON_BYTES", DEFAULT_MAX_JSON_BYTES)
    assert Corpus.from_dir(folder).to_jsonl(tmp_path / "all.jsonl", jobs=2) == 2


def test_limits_documents_stay_linear_in_a_long_sentence_of_quotes() -> None:
    # One long sentence holding many claims once made a document of claims x
    # sentence length (848 MB of JSON for 1 MB of text).
    sizes = []
    for count in (500, 5000):
        article = Article.from_text("“a,” she said. " * count, id="q")
        sizes.append(len(article.to_json().encode()) / len(article.text.encode()))
    assert sizes[1] < 1.2 * sizes[0]
    assert sizes[1] < 15
