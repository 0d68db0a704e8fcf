"""Smoke test of an installed corpuskit, run as a user of the built wheel would.

Run it with the interpreter of a virtual environment that has the wheel
installed, from a working directory outside the source tree:

    /path/to/venv/bin/python /path/to/smoke.py

It checks that ``corpuskit`` is imported from that environment, that the wheel
carries the seed articles, the JSON Schema and ``py.typed``, that both seeds
parse and round-trip through JSON (UTF-16 offsets) and JSON Lines, and that the
``corpuskit`` console script runs.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import corpuskit

SEED_IDS = {"dd2c270fb12b86b0", "09ca764c561f071a"}


def check(condition: object, message: str) -> None:
    """Fail with ``message`` (asserts are stripped under ``python -O``)."""
    if not condition:
        raise SystemExit(f"smoke test failed: {message}")


def inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def check_installed_package() -> Path:
    """Return the installed package folder after checking where it was imported from."""
    prefix = Path(sys.prefix)
    check(sys.prefix != sys.base_prefix, f"not run inside a virtual environment: {sys.prefix}")
    package = Path(corpuskit.__file__).parent
    check(
        inside(package, prefix),
        f"corpuskit imported from {package}, not from the environment {prefix}",
    )
    check(
        not (Path.cwd() / "corpuskit" / "__init__.py").exists(),
        f"the working directory {Path.cwd()} holds a corpuskit source tree",
    )
    for name in ("py.typed", "schema/article.schema.json"):
        check((package / name).is_file(), f"the installed package lacks {name}")
    json.loads((package / "schema" / "article.schema.json").read_text("utf-8"))
    print(f"corpuskit {corpuskit.__version__} imported from {package}")
    return package


def as_articles(loaded: object) -> list[corpuskit.Article]:
    """Accept a corpus, a sequence of articles or a mapping of id to article."""
    items = loaded.values() if isinstance(loaded, Mapping) else loaded
    if not isinstance(items, Iterable):
        raise SystemExit(f"smoke test failed: load_seeds() gave {type(loaded).__name__}")
    articles = list(items)
    for article in articles:
        check(isinstance(article, corpuskit.Article), f"load_seeds() gave {article!r}")
    return articles


def load(seeds: Path) -> list[corpuskit.Article]:
    if hasattr(corpuskit, "load_seeds"):
        loaded = corpuskit.load_seeds()
        where = getattr(loaded, "path", None)
        if isinstance(where, str):
            check(inside(Path(where), seeds), f"load_seeds() read {where}, not {seeds}")
        print(f"seeds loaded with corpuskit.load_seeds() ({type(loaded).__name__})")
        return as_articles(loaded)
    print("seeds loaded with Corpus.from_dir (corpuskit.load_seeds is not available)")
    return list(corpuskit.Corpus.from_dir(seeds))


def check_seeds(package: Path) -> Path:
    seeds = package / "seeds"
    files = sorted(seeds.glob("*.txt"))
    check(len(files) == len(SEED_IDS), f"expected {len(SEED_IDS)} seed files in {seeds}: {files}")
    articles = load(seeds)
    check({a.id for a in articles} == SEED_IDS, f"seed ids {[a.id for a in articles]}")
    for article in articles:
        check(article.source is not None, f"{article.id} has no source")
        raw = (seeds / str(article.source)).read_bytes()
        check(article.to_bytes() == raw, f"{article.id} does not give its file's bytes back")
        check(article.paragraphs, f"{article.id} has no paragraphs")
        check(article.claims, f"{article.id} has no claims")
        for zone in article.zones:
            check(article.text[zone.start : zone.end] == zone.text, f"{article.id}: {zone!r}")
        document = article.to_json(offsets="utf16")
        check(corpuskit.Article.from_json(document) == article, f"{article.id}: JSON round trip")
        print(
            f"  {article.id}: {len(article.zones)} zones, {len(article.sentences)} sentences, "
            f"{len(article.claims)} claims; JSON (utf16) round trip ok"
        )
    return seeds


def check_jsonl(seeds: Path) -> None:
    corpus = corpuskit.Corpus.from_dir(seeds)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "seeds.jsonl"
        written = corpus.to_jsonl(path, offsets="utf16")
        check(written == len(SEED_IDS), f"to_jsonl wrote {written} articles")
        check(len(path.read_text("utf-8").splitlines()) == written, "one line per article")
        again = corpuskit.Corpus.from_jsonl(path)
        check(again.ids == corpus.ids, f"ids after JSON Lines: {again.ids} != {corpus.ids}")
        check(list(again) == list(corpus), "articles differ after a JSON Lines round trip")
        for article_id in corpus.ids:
            check(again[article_id] == corpus[article_id], f"lookup of {article_id}")
    print(f"JSON Lines round trip of {written} articles ok")


def check_console_script(seeds: Path) -> None:
    script = Path(sys.executable).parent / "corpuskit"
    check(script.is_file(), f"no console script at {script}")
    shown = subprocess.run(
        [str(script), "--help"], capture_output=True, text=True, check=False, timeout=60
    )
    check(shown.returncode == 0, f"corpuskit --help exited {shown.returncode}: {shown.stderr}")
    check("zones" in shown.stdout, f"corpuskit --help does not mention zones:\n{shown.stdout}")
    report = subprocess.run(
        [str(script), "zones", str(seeds)], capture_output=True, text=True, check=False, timeout=60
    )
    check(report.returncode == 0, f"corpuskit zones exited {report.returncode}: {report.stderr}")
    for article_id in SEED_IDS:
        check(article_id in report.stdout, f"corpuskit zones does not report {article_id}")
    print("console script: corpuskit --help and corpuskit zones ok")


def main() -> None:
    package = check_installed_package()
    seeds = check_seeds(package)
    check_jsonl(seeds)
    check_console_script(seeds)
    print("downstream smoke test passed")


if __name__ == "__main__":
    main()
