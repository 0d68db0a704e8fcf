"""Articles from many threads at once, and writes that a killed process cannot corrupt."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from corpuskit import Article, Corpus, CorpusKitError


def _everything(article: Article) -> tuple[object, ...]:
    """Every layer and derived view, so that each lazily built one is built."""
    return (
        article.zones,
        article.images,
        article.sentences,
        article.quotes,
        article.quantities,
        article.claims,
        article.sha256,
        article.offsets.span_to_utf16(0, len(article.text)),
        article.to_json(offsets="utf16"),
        article.anchor("North Korean workers").span,
    )


def test_parsing_the_same_files_from_eight_threads_matches_the_serial_run(
    seeds_dir: Path,
) -> None:
    serial = [_everything(a) for a in Corpus.from_dir(seeds_dir)]
    paths = sorted(seeds_dir.glob("*.txt")) * 8

    def parse(path: Path) -> tuple[object, ...]:
        return _everything(Article.from_path(path))

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(parse, paths))
    assert results == serial * 8


def _place(error: CorpusKitError) -> tuple[object, object]:
    return getattr(error, "path", None), getattr(error, "line", None)


def _corpus_views(corpus: Corpus, ids: list[str]) -> tuple[object, ...]:
    """What a reader of a shared corpus asks of it, with the articles' layers built."""
    return (
        [(a.id, a.claims) for a in corpus],
        [corpus[i].zones for i in ids],
        len(corpus),
        [i in corpus for i in [*ids, "not-an-id"]],
        corpus.ids,
    )


@pytest.mark.parametrize("kind", ["folder", "jsonl"])
def test_one_corpus_shared_by_eight_threads_reads_alike_and_reports_each_failure_once(
    kind: str, seeds_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in seeds_dir.glob("*.txt"):
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "002_00000000000000aa.txt").write_bytes(b"caf\xe9")  # not UTF-8
    if kind == "jsonl":
        lines = tmp_path / "corpus.jsonl"
        Corpus.from_dir(folder, on_error="skip").to_jsonl(lines)
        with lines.open("ab") as f:
            f.write(b'{"schema_version": 3}\n')  # a bad line
        open_corpus = lambda: Corpus.from_jsonl(lines, on_error="skip")  # noqa: E731
    else:
        open_corpus = lambda: Corpus.from_dir(folder, on_error="skip")  # noqa: E731
    reference = open_corpus()
    ids = [a.id for a in reference]
    serial = _corpus_views(reference, ids)
    # One failure, reported once at its place (its message may come from whichever
    # reader met it first: a full load or the id index of a JSON Lines file).
    expected_skipped = [_place(e) for e in reference.skipped]
    assert len(expected_skipped) == 1
    for _ in range(3):
        shared = open_corpus()  # its indexes are built lazily, by whichever thread comes first
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(lambda _, c=shared: _corpus_views(c, ids), range(16)))
        assert all(r == serial for r in results)
        assert [_place(e) for e in shared.skipped] == expected_skipped


def test_one_article_shared_by_eight_threads_builds_each_layer_alike(seeds_dir: Path) -> None:
    # The layers of one article are built lazily, on first access; threads racing
    # to build them must all see equal values.
    expected = _everything(Article.from_path(seeds_dir / "000_dd2c270fb12b86b0.txt"))
    for _ in range(5):
        shared = Article.from_path(seeds_dir / "000_dd2c270fb12b86b0.txt")
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(lambda _, a=shared: _everything(a), range(16)))
        assert all(r == expected for r in results)
        loaded = Article.from_json(shared.to_json())
        with ThreadPoolExecutor(max_workers=8) as pool:
            built = list(pool.map(lambda _, a=loaded: (a.claims, a.zones), range(16)))
        assert all(b == (shared.claims, shared.zones) for b in built)


_WRITER = textwrap.dedent(
    """
    import sys
    from corpuskit import Article, Corpus

    articles = list(Corpus.from_dir(sys.argv[1]))

    def forever():
        # Many articles, slowly enough to be killed half way through the file.
        import time
        n = 0
        while True:
            for a in articles:
                n += 1
                yield Article.from_text(a.text, id=f"{a.id}-{n}")
                if n == 50:
                    print("writing", flush=True)
                time.sleep(0.001)

    from corpuskit.io.jsonl import write_jsonl
    write_jsonl(forever(), sys.argv[2], "codepoint")
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_writer_killed_mid_write_leaves_the_previous_file_intact(
    seeds_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "corpus.jsonl"
    assert Corpus.from_dir(seeds_dir).to_jsonl(out) == 2
    before = out.read_bytes()
    script = tmp_path / "writer.py"
    script.write_text(_WRITER, encoding="utf-8")
    with subprocess.Popen(
        [sys.executable, str(script), str(seeds_dir), str(out)],
        stdout=subprocess.PIPE,
        text=True,
    ) as writer:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "writing"
        time.sleep(0.05)
        temporary = [p for p in tmp_path.iterdir() if p.name.startswith(".corpus.jsonl.")]
        assert temporary, "the writer writes to a temporary file beside the target"
        assert temporary[0].stat().st_size > 0
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    assert out.read_bytes() == before
    assert [a.id for a in Corpus.from_jsonl(out)] == ["dd2c270fb12b86b0", "09ca764c561f071a"]
