"""Ids are names, never paths, and exports write only inside their folder.

An export names an article's files after its source's stem or its id, and ids
come from data: an id that could name another folder is refused wherever an
article is made, and two articles that would share a file name get two.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpuskit import Article, Corpus, InvalidArticleError, InvalidDocumentError
from corpuskit.__main__ import main

BAD_IDS = [
    "../../victim",
    "/tmp/absolute",
    "a/b",
    "a\\b",
    "..",
    ".",
    "nul\x00byte",
    "new\nline",
    "carriage\rreturn",
    "tab\there",
    "line\u2028separator",
    "\x1b[31mred",
]
TEXT = "“We will build it,” the mayor said. It costs $5 million."


@pytest.mark.parametrize("bad", BAD_IDS)
def test_ids_that_could_name_a_path_are_refused_by_every_constructor(bad: str) -> None:
    for make in (
        lambda: Article.from_text(TEXT, id=bad),
        lambda: Article.from_bytes(TEXT.encode(), id=bad),
        lambda: Article(bad, TEXT),
    ):
        with pytest.raises(InvalidArticleError, match="article id"):
            make()


@pytest.mark.parametrize("good", ["dd2c270fb12b86b0", "a..b", "café", "with space", "x.y"])
def test_ids_that_are_plain_names_are_kept(good: str) -> None:
    assert Article.from_text(TEXT, id=good).id == good


@pytest.mark.parametrize("bad", BAD_IDS)
def test_a_document_with_such_an_id_is_refused_at_its_json_path(bad: str) -> None:
    doc = Article.from_text(TEXT, id="fine").to_dict()
    doc["id"] = bad  # the checksum covers the text, not the id
    with pytest.raises(InvalidDocumentError) as caught:
        Article.from_dict(doc)
    assert [p for p, _ in caught.value.problems] == ["$.id"]


def _evil_jsonl(folder: Path, *ids_and_sources: tuple[str, str | None]) -> Path:
    path = folder / "evil.jsonl"
    lines = []
    for article_id, source in ids_and_sources:
        doc = Article.from_text(TEXT, id="placeholder", source=source).to_dict()
        doc["id"] = article_id
        lines.append(json.dumps(doc, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_validate_refuses_a_line_whose_id_is_a_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    evil = _evil_jsonl(tmp_path, ("../../victim", None))
    assert main(["validate", str(evil)]) == 1
    out = capsys.readouterr().out
    assert f"{evil}:1: $.id: the id '../../victim' holds a path separator" in out


def test_brat_export_of_a_path_id_writes_nothing_outside_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    (work / "out").mkdir(parents=True)
    monkeypatch.chdir(work)
    victim = work / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    evil = _evil_jsonl(tmp_path, ("../../victim", None), ("/tmp/corpuskit-abs", None))
    main(["export", str(evil), "--format", "brat", "-o", "out/b"])
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert not Path("/tmp/corpuskit-abs.txt").exists()
    written = {p for p in tmp_path.rglob("*") if p.is_file()} - {victim, evil}
    assert all(p.is_relative_to(work / "out" / "b") for p in written), written


@pytest.mark.parametrize(
    ("source", "stem"),
    [
        ("../../escape.txt", "escape"),
        ("/etc/passwd", "passwd"),
        ("a\\..\\..\\win.txt", "win"),
        ("..", "fallback"),
        ("bad\nname.txt", "fallback"),
    ],
)
def test_brat_names_never_leave_the_folder_whatever_the_source(
    tmp_path: Path, source: str, stem: str
) -> None:
    article = Article.from_text(TEXT, id="fallback", source=source)
    txt, ann = article.to_brat(tmp_path / "out")
    assert (txt.name, ann.name) == (f"{stem}.txt", f"{stem}.ann")
    assert txt.parent == ann.parent == tmp_path / "out"


@pytest.mark.parametrize("name", ["../x", "a/b", "", ".."])
def test_brat_refuses_a_given_name_that_is_a_path(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="brat file name"):
        Article.from_text(TEXT, id="a").to_brat(tmp_path, name=name)


def test_two_articles_with_one_stem_export_to_two_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "two.jsonl"
    corpus.write_text(
        "".join(
            Article.from_text(f"{TEXT} Copy {i}.", id=f"id{i}", source=f"{d}/same.txt").to_json()
            + "\n"
            for i, d in enumerate(("a", "b", "c"))
        ),
        encoding="utf-8",
    )
    out = tmp_path / "brat"
    assert main(["export", str(corpus), "--format", "brat", "-o", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"{s}.{e}" for s in ("same", "same-2", "same-3") for e in ("ann", "txt"))
    texts = {(out / f"{s}.txt").read_text(encoding="utf-8") for s in ("same", "same-2", "same-3")}
    assert len(texts) == 3
    err = capsys.readouterr().err
    assert "2 articles renamed" in err
    assert "b/same.txt -> same-2" in err
    assert len(list(Corpus.from_jsonl(corpus))) == 3
