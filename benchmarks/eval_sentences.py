"""Sentence splitting: accuracy on pySBD's English golden rules, and speed.

Run from the repository root:

    python benchmarks/eval_sentences.py             # accuracy, then speed
    python benchmarks/eval_sentences.py --no-speed  # accuracy only
    python benchmarks/eval_sentences.py --megabytes 10 --repeats 5

Accuracy.  The golden rules (``GOLDEN_EN_RULES`` in pySBD's
``benchmarks/english_golden_rules.py``: 48 pairs of a text and its expected
sentences) are not vendored: the first run downloads the pySBD 0.3.3 source
distribution with pip into ``benchmarks/.data/`` (git-ignored) and extracts
that one file from it.  A case counts as correct when the sentence texts,
each stripped, equal the expected list.  Some rules are not news-relevant
(lists, MLA ellipses); they are counted all the same.

Comparison.  When ``pysbd`` is importable it is scored on the same cases in
the same run (``pysbd.Segmenter(language="en", clean=False,
char_span=False)``); when ``spacy`` is importable the speed section times its
blank English pipeline with the ``sentencizer`` on the same texts.  Neither is
a dependency of corpuskit; use a throwaway virtualenv:

    python -m venv /tmp/sbdvenv
    /tmp/sbdvenv/bin/pip install pysbd==0.3.3 spacy attrs cattrs regex
    /tmp/sbdvenv/bin/python benchmarks/eval_sentences.py

Speed.  The seeds are replicated to ``--megabytes`` of text, one article per
file's text; each splitter gets the articles one by one on one core, and the
best of ``--repeats`` runs is reported as MB/s of UTF-8 text.
"""

from __future__ import annotations

import argparse
import runpy
import subprocess
import sys
import tarfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run from any virtualenv that has corpuskit's dependencies

from _common import best_of  # noqa: E402 - after the path is set

from corpuskit.stages.sentences import split_sentences  # noqa: E402 - after the path is set

DATA = REPO / "benchmarks" / ".data"
PYSBD = "pysbd==0.3.3"
SDIST = DATA / "pysbd-0.3.3.tar.gz"
MEMBER = "pysbd-0.3.3/benchmarks/english_golden_rules.py"
RULES = DATA / "english_golden_rules.py"
PIP_DOWNLOAD = (
    sys.executable,
    "-m",
    "pip",
    "download",
    PYSBD,
    "--no-binary",
    ":all:",
    "--no-deps",
    "-d",
)

Splitter = Callable[[str], list[str]]


def golden_rules() -> list[tuple[str, list[str]]]:
    """Return pySBD's golden rules, downloading and extracting them on first use."""
    if not RULES.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        if not SDIST.exists():
            subprocess.run(
                [*PIP_DOWNLOAD, str(DATA)],
                check=True,
            )
        with tarfile.open(SDIST) as tar:
            member = tar.extractfile(MEMBER)
            if member is None:
                sys.exit(f"{MEMBER} is not a file in {SDIST}")
            RULES.write_bytes(member.read())
    rules = runpy.run_path(str(RULES))["GOLDEN_EN_RULES"]
    return [(text, list(expected)) for text, expected in rules]


def corpuskit_split(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def pysbd_splitter() -> Splitter | None:
    try:
        import pysbd  # noqa: PLC0415 - optional, only for the comparison
    except ImportError:
        return None
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=False)
    return lambda text: list(segmenter.segment(text))


def score(split: Splitter, rules: list[tuple[str, list[str]]]) -> list[int]:
    """Return the 1-based numbers of the cases ``split`` gets wrong."""
    wrong = []
    for number, (text, expected) in enumerate(rules, 1):
        got = [s.strip() for s in split(text)]
        if got != [s.strip() for s in expected]:
            wrong.append(number)
    return wrong


def accuracy(show: bool) -> None:
    rules = golden_rules()
    rows: list[tuple[str, Splitter]] = [("corpuskit", corpuskit_split)]
    pysbd_split = pysbd_splitter()
    if pysbd_split is not None:
        rows.append(("pySBD 0.3.3", pysbd_split))
    else:
        print("(pysbd is not importable: corpuskit is scored alone)")
    print(f"pySBD English golden rules: {len(rules)} cases")
    wrongs = {}
    for name, split in rows:
        wrong = score(split, rules)
        wrongs[name] = wrong
        right = len(rules) - len(wrong)
        print(f"  {name:12} {right:3}/{len(rules)} correct  ({right / len(rules):6.1%})")
    for name, wrong in wrongs.items():
        print(f"{name} gets wrong: {', '.join(map(str, wrong)) or 'none'}")
    if show:
        for number in wrongs["corpuskit"]:
            text, expected = rules[number - 1]
            print(f"\n#{number} {text!r}")
            print(f"  expected:  {expected!r}")
            print(f"  corpuskit: {corpuskit_split(text)!r}")


def speed(megabytes: float, repeats: int) -> None:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    texts: list[str] = []
    size = 0
    while size < megabytes * 1e6:
        text = seeds[len(texts) % len(seeds)]
        texts.append(text)
        size += len(text.encode("utf-8"))

    def run_corpuskit() -> None:
        for text in texts:
            split_sentences(text)

    rows: list[tuple[str, Callable[[], object]]] = [("corpuskit split_sentences", run_corpuskit)]
    try:
        import spacy  # noqa: PLC0415 - optional, only for the comparison
    except ImportError:
        print("(spacy is not importable: corpuskit is timed alone)")
    else:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")

        def run_spacy() -> None:
            for doc in nlp.pipe(texts):
                [(s.start_char, s.end_char) for s in doc.sents]

        rows.append((f"spaCy {spacy.__version__} blank en + sentencizer", run_spacy))
    sbd = pysbd_splitter()
    if sbd is not None:
        rows.append(("pySBD 0.3.3", lambda: [sbd(text) for text in texts[: len(texts) // 20]]))

    print(f"\n{len(texts):,} articles, {size / 1e6:.1f} MB (the seeds replicated), one core")
    first = None
    for name, run in rows:
        share = 20 if name.startswith("pySBD") else 1  # pySBD is timed on a 20th of the text
        run()  # warm up
        t = best_of(1 if share > 1 else repeats, run)[0] * share
        first = first or t
        print(f"  {name:40} {size / t / 1e6:8.2f} MB/s  {t / first:7.1f}x corpuskit's time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=5.0)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-speed", action="store_true", help="score accuracy only")
    parser.add_argument("--quiet", action="store_true", help="do not show the wrong cases")
    args = parser.parse_args()
    accuracy(show=not args.quiet)
    if not args.no_speed:
        speed(args.megabytes, args.repeats)


if __name__ == "__main__":
    main()
