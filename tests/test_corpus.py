"""Corpus over a folder: order, lookup, laziness and files that fail."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from corpuskit import (
    Article,
    ArticleNotFoundError,
    ArticlePositionError,
    Corpus,
    CorpusFile,
    DecodeError,
    DuplicateIdError,
    ReadError,
)


def make(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def test_corpus_iterates_seeds_in_ordinal_order(seeds_dir: Path) -> None:
    corpus = Corpus.from_dir(seeds_dir)
    assert len(corpus) == 2
    assert corpus.ids == ("dd2c270fb12b86b0", "09ca764c561f071a")
    assert [a.ordinal for a in corpus] == [0, 1]
    assert "09ca764c561f071a" in corpus
    assert corpus["09ca764c561f071a"] == Article.from_path(seeds_dir / "001_09ca764c561f071a.txt")


def test_corpus_orders_by_ordinal_number_then_name(tmp_path: Path) -> None:
    folder = make(
        tmp_path / "c",
        {
            "10_aaaaaaaaaaaaaaaa.txt": b"ten",
            "9_bbbbbbbbbbbbbbbb.txt": b"nine",
            "zeta.txt": b"z",
            "alpha.txt": b"a",
            "002_cccccccccccccccc.txt": b"two",
            "notes.md": b"not a text file",
        },
    )
    (folder / "sub.txt").mkdir()  # a folder named like a file is not a file
    corpus = Corpus.from_dir(folder)
    assert corpus.ids == (
        "cccccccccccccccc",
        "bbbbbbbbbbbbbbbb",
        "aaaaaaaaaaaaaaaa",
        "alpha",
        "zeta",
    )
    assert [a.text for a in corpus] == ["two", "nine", "ten", "a", "z"]
    assert [f.ordinal for f in corpus.files] == [2, 9, 10, None, None]


def test_corpus_opening_reads_no_file(tmp_path: Path) -> None:
    folder = make(
        tmp_path / "c", {"001_aaaaaaaaaaaaaaaa.txt": b"ok", "002_bbbbbbbbbbbbbbbb.txt": b"\xff"}
    )
    corpus = Corpus.from_dir(folder)  # the bad file is not read yet
    assert len(corpus) == 2
    (folder / "001_aaaaaaaaaaaaaaaa.txt").write_bytes(b"changed")
    assert corpus["aaaaaaaaaaaaaaaa"].text == "changed", "parsed when asked for, not before"


def test_corpus_lookup_error_names_close_ids(seeds_dir: Path) -> None:
    corpus = Corpus.from_dir(seeds_dir)
    with pytest.raises(ArticleNotFoundError) as info:
        corpus["dd2c270fb12b86b1"]
    err = info.value
    assert isinstance(err, KeyError)
    assert err.close == ("dd2c270fb12b86b0",)
    assert "did you mean 'dd2c270fb12b86b0'" in str(err)
    assert str(seeds_dir) in str(err)


def test_corpus_lookup_error_suggests_ids_a_prefix_begins(seeds_dir: Path) -> None:
    with pytest.raises(ArticleNotFoundError, match="09ca764c561f071a"):
        Corpus.from_dir(seeds_dir)["09ca"]


def test_corpus_lookup_error_without_close_ids(seeds_dir: Path) -> None:
    with pytest.raises(ArticleNotFoundError) as info:
        Corpus.from_dir(seeds_dir)["zzzzzzzz"]
    assert info.value.close == ()
    assert "did you mean" not in str(info.value)


def test_corpus_bad_file_raises_by_default(tmp_path: Path) -> None:
    folder = make(
        tmp_path / "c", {"001_aaaaaaaaaaaaaaaa.txt": b"ok", "002_bbbbbbbbbbbbbbbb.txt": b"a\xffb"}
    )
    with pytest.raises(DecodeError, match=r"002_bbbbbbbbbbbbbbbb\.txt:1:2"):
        list(Corpus.from_dir(folder))


def test_corpus_skip_yields_the_good_files_and_reports_the_bad(
    tmp_path: Path, seeds_dir: Path
) -> None:
    folder = tmp_path / "c"
    shutil.copytree(seeds_dir, folder)
    (folder / "002_bbbbbbbbbbbbbbbb.txt").write_bytes(b"caf\xe9")
    (folder / "003_cccccccccccccccc.txt").write_bytes(b"fine.")
    corpus = Corpus.from_dir(folder, on_error="skip")
    assert [a.ordinal for a in corpus] == [0, 1, 3]
    assert [a.ordinal for a in corpus] == [0, 1, 3], "iterating twice gives the same"
    (error,) = corpus.skipped
    assert isinstance(error, DecodeError)
    assert error.path is not None
    assert error.path.endswith("002_bbbbbbbbbbbbbbbb.txt")
    assert error.byte_offset == 3


def test_corpus_lookup_of_a_bad_file_raises_even_when_skipping(tmp_path: Path) -> None:
    folder = make(tmp_path / "c", {"002_bbbbbbbbbbbbbbbb.txt": b"\xff"})
    with pytest.raises(DecodeError):
        Corpus.from_dir(folder, on_error="skip")["bbbbbbbbbbbbbbbb"]


def test_corpus_duplicate_ids_raise_or_are_skipped(tmp_path: Path) -> None:
    folder = make(
        tmp_path / "c", {"001_aaaaaaaaaaaaaaaa.txt": b"one", "002_aaaaaaaaaaaaaaaa.txt": b"two"}
    )
    with pytest.raises(DuplicateIdError, match="aaaaaaaaaaaaaaaa"):
        Corpus.from_dir(folder)
    corpus = Corpus.from_dir(folder, on_error="skip")
    assert [a.text for a in corpus] == ["one"]
    (error,) = corpus.skipped
    assert isinstance(error, DuplicateIdError)
    assert error.paths[1].endswith("002_aaaaaaaaaaaaaaaa.txt")


def test_corpus_file_removed_after_opening_is_a_read_error(tmp_path: Path) -> None:
    folder = make(tmp_path / "c", {"001_aaaaaaaaaaaaaaaa.txt": b"one"})
    corpus = Corpus.from_dir(folder)
    (folder / "001_aaaaaaaaaaaaaaaa.txt").unlink()
    with pytest.raises(ReadError, match="cannot read"):
        list(corpus)
    skipping = Corpus.from_dir(make(tmp_path / "d", {"x.txt": b"x"}), on_error="skip")
    (tmp_path / "d" / "x.txt").unlink()
    assert list(skipping) == []
    assert isinstance(skipping.skipped[0], ReadError)


@pytest.mark.parametrize("name", ["missing", "file.txt"])
def test_corpus_folder_that_cannot_be_listed_is_a_read_error(tmp_path: Path, name: str) -> None:
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(ReadError) as info:
        Corpus.from_dir(tmp_path / name)
    assert str(tmp_path / name) in str(info.value)


def test_corpus_rejects_an_unknown_on_error_mode(seeds_dir: Path) -> None:
    with pytest.raises(ValueError, match="on_error"):
        Corpus.from_dir(seeds_dir, on_error="ignore")  # type: ignore[arg-type]


def test_corpus_empty_folder(tmp_path: Path) -> None:
    corpus = Corpus.from_dir(tmp_path)
    assert (len(corpus), corpus.ids, list(corpus)) == (0, (), [])


def test_corpus_repr_names_the_folder(seeds_dir: Path) -> None:
    assert (
        repr(Corpus.from_dir(seeds_dir)) == f"Corpus({str(seeds_dir)!r}, 2 files, on_error='raise')"
    )


def test_corpus_lookup_by_position_counts_in_ids_order(seeds_dir: Path, tmp_path: Path) -> None:
    corpus = Corpus.from_dir(seeds_dir)
    assert [corpus[i].id for i in range(2)] == list(corpus.ids)
    assert corpus[-1] == corpus[corpus.ids[-1]] == corpus[1]
    assert corpus[-2].id == corpus.ids[0]
    for past in (2, -3, 10**20):
        with pytest.raises(ArticlePositionError) as info:
            corpus[past]
        assert isinstance(info.value, IndexError)
        assert (info.value.position, info.value.size) == (past, 2)
        assert "positions run from -2 to 1" in str(info.value)
    # The same in a JSON Lines corpus, by its index of ids.
    corpus.to_jsonl(tmp_path / "seeds.jsonl")
    lines = Corpus.from_jsonl(tmp_path / "seeds.jsonl")
    assert [lines[i] for i in (0, 1, -1)] == [corpus[0], corpus[1], corpus[1]]
    (tmp_path / "empty").mkdir()
    with pytest.raises(ArticlePositionError, match=r"position 0 in .*, which has 0 articles$"):
        Corpus.from_dir(tmp_path / "empty")[0]


def test_corpus_lookup_by_anything_else_is_a_type_error(seeds_dir: Path) -> None:
    corpus = Corpus.from_dir(seeds_dir)
    with pytest.raises(TypeError, match=r"by article id \(str\) or position \(int\), got bool"):
        corpus[True]
    with pytest.raises(TypeError, match=r"got slice: take list\(corpus\)\[a:b\]"):
        corpus[0:1]  # type: ignore[index]
    with pytest.raises(TypeError, match="got float"):
        corpus[1.0]  # type: ignore[index]


def test_corpus_constructor_keeps_the_files_it_is_given(tmp_path: Path, seeds_dir: Path) -> None:
    # Ids and ordinals that are not those of the names, and paths in two folders.
    other = make(tmp_path / "other", {"x.txt": b"elsewhere"})
    files = (
        CorpusFile("first", 7, str(seeds_dir / "001_09ca764c561f071a.txt")),
        CorpusFile("first", 2, str(seeds_dir / "000_dd2c270fb12b86b0.txt")),
        CorpusFile("second", None, str(other / "x.txt")),
    )
    corpus = Corpus(str(seeds_dir), files)
    assert corpus.files == files
    assert corpus.ids == ("first", "first", "second")
    assert len(corpus) == 3
    assert "second" in corpus
    assert corpus["second"].text == "elsewhere"
    assert corpus["first"].id == "09ca764c561f071a", "the first file with the id is found"
    assert [a.source for a in corpus] == [
        "001_09ca764c561f071a.txt",
        "000_dd2c270fb12b86b0.txt",
        "x.txt",
    ]


def test_corpus_files_are_named_as_the_folder_was_given(tmp_path: Path) -> None:
    make(tmp_path / "c", {"001_aaaaaaaaaaaaaaaa.txt": b"one"})
    for given in (str(tmp_path / "c"), str(tmp_path / "c") + os.sep):
        (f,) = Corpus.from_dir(given).files
        assert f.path == os.path.join(given, "001_aaaaaaaaaaaaaaaa.txt")


@pytest.mark.skipif(sys.platform != "linux", reason="file names of any bytes")
def test_corpus_lists_file_names_that_are_not_utf8(tmp_path: Path) -> None:
    folder = make(tmp_path / "c", {"001_aaaaaaaaaaaaaaaa.txt": b"one"})
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as f:
        f.write(b"two")
    corpus = Corpus.from_dir(folder)
    assert corpus.ids == ("aaaaaaaaaaaaaaaa", "caf\udce9")
    assert corpus.files[1].path == os.path.join(folder, "caf\udce9.txt")
    assert "caf\udce9" in corpus


def test_corpus_lookup_in_a_large_folder_suggests_near_ids(tmp_path: Path) -> None:
    names = [f"{i:05d}_{i:016x}.txt" for i in range(3_000)]
    files = tuple(CorpusFile(f"{i:016x}", i, str(tmp_path / n)) for i, n in enumerate(names))
    corpus = Corpus(str(tmp_path), files)
    assert f"{2_999:016x}" in corpus
    assert f"{3_000:016x}" not in corpus
    prefix = f"{1_500:016x}"[:-1]  # the ids of files 1488 to 1503 begin with it
    with pytest.raises(ArticleNotFoundError) as info:
        corpus[prefix]
    assert info.value.close == (prefix + "0", prefix + "1", prefix + "2")
    with pytest.raises(ArticleNotFoundError) as info:
        corpus[f"{1_500:016x}"[:-1] + "x"]
    assert len(info.value.close) == 3


def _nested(root: Path) -> Path:
    """A folder whose articles are in subfolders, one beside them, none below a link."""
    (root / "b").mkdir(parents=True)
    (root / "a" / "deep").mkdir(parents=True)
    (root / "top.txt").write_text("Beside the folders.", encoding="utf-8")
    (root / "b" / "001_00000000000000b1.txt").write_text("In b.", encoding="utf-8")
    (root / "a" / "002_00000000000000a2.txt").write_text("In a, second.", encoding="utf-8")
    (root / "a" / "000_00000000000000a0.txt").write_text("In a, first.", encoding="utf-8")
    (root / "a" / "deep" / "x.txt").write_text("Deep down.", encoding="utf-8")
    return root


def test_from_dir_reads_subfolders_only_when_recursive(tmp_path: Path) -> None:
    root = _nested(tmp_path / "corpus")
    assert Corpus.from_dir(root).ids == ("top",)
    corpus = Corpus.from_dir(root, recursive=True)
    # The folder's own files first, then each subfolder in name order, by ordinal within.
    assert corpus.ids == ("top", "00000000000000a0", "00000000000000a2", "x", "00000000000000b1")
    assert [a.text for a in corpus][-1] == "In b."
    assert corpus["x"].source == "x.txt"
    assert corpus.files[3].path == str(root / "a" / "deep" / "x.txt")


def test_from_dir_recursive_keeps_ids_unique(tmp_path: Path) -> None:
    root = _nested(tmp_path / "corpus")
    (root / "b" / "top.txt").write_text("Another top.", encoding="utf-8")
    with pytest.raises(DuplicateIdError, match="top"):
        Corpus.from_dir(root, recursive=True)
    corpus = Corpus.from_dir(root, recursive=True, on_error="skip")
    assert corpus.ids.count("top") == 1
    assert corpus["top"].text == "Beside the folders."
    assert [type(e) for e in corpus.skipped] == [DuplicateIdError]


def test_from_dir_recursive_does_not_follow_a_link_to_a_folder(tmp_path: Path) -> None:
    root = _nested(tmp_path / "corpus")
    os.symlink(root / "a", root / "loop")
    assert len(Corpus.from_dir(root, recursive=True)) == 5


def test_cli_warns_of_a_folder_whose_files_are_in_subfolders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from corpuskit.__main__ import main

    root = tmp_path / "only_sub"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "000_00000000000000aa.txt").write_text("Nested.", encoding="utf-8")
    assert main(["parse", str(root), "-o", str(tmp_path / "none.jsonl")]) == 0
    err = capsys.readouterr().err
    assert "holds no .txt files of its own, but its subfolders hold 1 file" in err
    assert "--recursive" in err
    assert main(["parse", str(root), "--recursive", "-o", str(tmp_path / "one.jsonl")]) == 0
    assert len(list(Corpus.from_jsonl(tmp_path / "one.jsonl"))) == 1
    assert "warning" not in capsys.readouterr().err
