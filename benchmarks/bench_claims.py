"""Sentence and claim throughput beside spaCy and pySBD, on the same text in one run.

Run from the repository root, in a throwaway virtualenv that has the peers:

    python -m venv /tmp/bench &&
      /tmp/bench/bin/pip install -e '.[bench]' &&
      /tmp/bench/bin/python benchmarks/bench_claims.py

    /tmp/bench/bin/python benchmarks/bench_claims.py DIR          # every *.txt of DIR
    /tmp/bench/bin/python benchmarks/bench_claims.py --megabytes 50 --repeats 3 --no-pysbd

By default the seeds are replicated as files in a temporary folder until they
reach 10 MB.  It prints, for the same files on one core:

- read + decode: open, read and UTF-8-decode every file (the floor);
- corpuskit sentences: a fresh ``Article.from_text`` then ``.sentences``
  (zones, then sentences in body paragraphs and captions);
- corpuskit splitter alone: ``split_sentences`` over the ranges of the body
  paragraphs and captions, their zones found beforehand and not timed;
- corpuskit claims: a fresh ``Article.from_text`` then ``.claims`` (zones,
  sentences, quotes, quantities, claims);
- spaCy sentencizer: ``spacy.blank("en")`` with the ``sentencizer`` pipe, on
  each whole article text, one ``nlp(text)`` at a time and through
  ``nlp.pipe(texts, batch_size=...)``; the faster of the two is the one compared;
- pySBD: ``Segmenter(language="en", clean=False, char_span=True)`` on each
  article text, timed on a random sample (seeded) when the whole set would be
  too slow and scaled per MB;

each as MB/s (of the files' UTF-8 bytes, whatever part of them a tool reads),
microseconds per article, the time as a multiple of the floor's and the number
of spans it found; then the two ratios the project promises, with PASS or MISS:
corpuskit sentences >= 4x the spaCy sentencizer and corpuskit claims >= 2x the
spaCy sentencizer.  Timings are the best of ``--repeats`` runs after one warm-up.
A peer that is not installed is reported and skipped.
"""

from __future__ import annotations

import argparse
import importlib
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from _common import best_of, replicate

REPO = Path(__file__).resolve().parent.parent
INSTALL_HINT = "not installed (pip install '.[bench]')"
SPACY_BATCH_SIZE = 256
PYSBD_BUDGET_SECONDS = 5.0  # above this per run, pySBD is timed on a sample
SENTENCES_TARGET = 4.0
CLAIMS_TARGET = 2.0


@dataclass
class Row:
    name: str
    seconds: float | None  # None: not run
    articles: int
    megabytes: float  # of the files the timing covers
    spans: int | None = None
    note: str = ""

    @property
    def mb_per_s(self) -> float:
        assert self.seconds is not None
        return self.megabytes / self.seconds


def timed(repeats: int, run: Callable[[], int]) -> tuple[float, int]:
    run()  # warm up caches and compiled patterns
    return best_of(repeats, run)


# -- what is installed -------------------------------------------------------------


def load_corpuskit() -> tuple[Any, Callable[[str, int, int], list[tuple[int, int]]], Any]:
    """Return ``(Article, split_sentences, ZoneKind)``, or exit naming what is missing."""
    try:
        corpuskit = importlib.import_module("corpuskit")
    except ImportError as exc:
        sys.exit(f"bench_claims.py: cannot import corpuskit ({exc}); run `pip install -e .` first")
    article = corpuskit.Article
    problems = [
        f"corpuskit.Article.{attribute} does not exist"
        for attribute in ("sentences", "claims")
        if not hasattr(article, attribute)
    ]
    split = None
    try:
        split = importlib.import_module("corpuskit.stages.sentences").split_sentences
    except (ImportError, AttributeError) as exc:
        problems.append(f"corpuskit.stages.sentences.split_sentences cannot be imported ({exc})")
    if problems or split is None:
        sys.exit(
            "bench_claims.py needs corpuskit's claims pipeline, which the installed corpuskit "
            f"({corpuskit.__file__}) lacks:\n  - "
            + "\n  - ".join(problems)
            + "\nUpdate the checkout (and `pip install -e .` into this environment), then rerun."
        )
    return article, split, corpuskit.ZoneKind


def load_peer(module: str) -> tuple[ModuleType | None, str]:
    """Import an optional peer: ``(module, "")`` or ``(None, why not)``; never raises."""
    try:
        return importlib.import_module(module), ""
    except ImportError:
        return None, INSTALL_HINT
    except Exception as exc:  # a broken install (say, a binary mismatch) is reported, not fatal
        return None, f"failed to import ({type(exc).__name__}: {exc})"


# -- the rows ----------------------------------------------------------------------


def bench(paths: Sequence[Path], repeats: int, use_pysbd: bool) -> None:
    article_cls, split_sentences, zone_kind = load_corpuskit()
    spacy, spacy_missing = load_peer("spacy")
    pysbd, pysbd_missing = (None, "skipped (--no-pysbd)") if not use_pysbd else load_peer("pysbd")

    n = len(paths)
    sizes = [p.stat().st_size for p in paths]
    size = sum(sizes) / 1e6
    texts = [p.read_bytes().decode("utf-8") for p in paths]
    ids = [f"a{i}" for i in range(n)]
    versions = [f"Python {sys.version.split()[0]}"]
    versions += [f"{m.__name__} {m.__version__}" for m in (spacy, pysbd) if m is not None]
    print(", ".join(versions) + f", pid {os.getpid()}, one core")
    print(
        f"{n:,} files, {size:.2f} MB, mean {size / n * 1e3:.1f} KB/article, best of {repeats}",
        flush=True,
    )

    rows: list[Row] = []

    def add(name: str, run: Callable[[], int]) -> Row:
        seconds, spans = timed(repeats, run)
        row = Row(name, seconds, n, size, spans)
        rows.append(row)
        return row

    def read_decode() -> int:
        for p in paths:
            with open(p, "rb") as f:
                f.read().decode("utf-8")
        return 0

    def sentences() -> int:
        return sum(
            len(article_cls.from_text(t, id=i).sentences) for t, i in zip(texts, ids, strict=True)
        )

    content = {zone_kind.PARAGRAPH, zone_kind.CAPTION}
    ranges = [
        (t, [(z.start, z.end) for z in article_cls.from_text(t, id="r").zones if z.kind in content])
        for t in texts
    ]

    def splitter() -> int:
        return sum(len(split_sentences(t, s, e)) for t, spans in ranges for s, e in spans)

    def claims() -> int:
        return sum(
            len(article_cls.from_text(t, id=i).claims) for t, i in zip(texts, ids, strict=True)
        )

    floor = add("read + decode (floor)", read_decode)
    floor.spans = None
    ck_sentences = add("corpuskit sentences", sentences)
    add("corpuskit splitter alone", splitter)
    ck_claims = add("corpuskit claims", claims)
    spacy_row = bench_spacy(spacy, spacy_missing, texts, repeats=repeats, size=size, rows=rows)
    bench_pysbd(pysbd, pysbd_missing, texts, sizes, repeats=repeats, rows=rows)

    print_rows(rows, floor)
    print_promises(ck_sentences, ck_claims, spacy_row, spacy_missing)


def bench_spacy(
    spacy: ModuleType | None,
    missing: str,
    texts: list[str],
    *,
    repeats: int,
    size: float,
    rows: list[Row],
) -> Row | None:
    """Time the sentencizer both ways; return the faster row (``None`` when not installed)."""
    n = len(texts)
    if spacy is None:
        rows.append(Row("spaCy sentencizer", None, n, size, note=missing))
        return None
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = max(nlp.max_length, max(len(t) for t in texts) + 1)

    def one_by_one() -> int:
        return sum(len([s for s in nlp(t).sents]) for t in texts)  # noqa: C416 - as users write it

    def piped() -> int:
        return sum(
            len([s for s in doc.sents])  # noqa: C416
            for doc in nlp.pipe(texts, batch_size=SPACY_BATCH_SIZE)
        )

    results = []
    for name, run in (
        ("spaCy sentencizer, nlp(text)", one_by_one),
        (f"spaCy sentencizer, nlp.pipe({SPACY_BATCH_SIZE})", piped),
    ):
        seconds, spans = timed(repeats, run)
        results.append(Row(name, seconds, n, size, spans))
    faster = min(results, key=lambda r: r.seconds or 0.0)
    faster.note = "faster, compared below"
    rows.extend(results)
    return faster


def bench_pysbd(
    pysbd: ModuleType | None,
    missing: str,
    texts: list[str],
    sizes: list[int],
    *,
    repeats: int,
    rows: list[Row],
) -> None:
    """Time pySBD on every text, or on a random sample when that would be too slow."""
    n = len(texts)
    name = "pySBD char_span"
    if pysbd is None:
        rows.append(Row(name, None, n, sum(sizes) / 1e6, note=missing))
        return
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)

    # Probe: a few articles (this is also the warm-up) to guess the whole set's time.
    rng = random.Random(0)
    probe = rng.sample(range(n), min(n, 8))
    t0 = time.perf_counter()
    for i in probe:
        segmenter.segment(texts[i])
    probe_rate = sum(sizes[i] for i in probe) / (time.perf_counter() - t0)
    chosen = list(range(n))
    share = PYSBD_BUDGET_SECONDS * probe_rate / sum(sizes)
    if share < 1:
        # A seeded random sample: a fixed stride could keep only some of the replicated seeds.
        chosen = sorted(rng.sample(chosen, max(1, round(n * share))))
    sample = [texts[i] for i in chosen]
    sample_mb = sum(sizes[i] for i in chosen) / 1e6

    def run() -> int:
        return sum(len(segmenter.segment(t)) for t in sample)

    seconds, spans = best_of(max(1, min(repeats, 3)), run)
    row = Row(name, seconds, len(sample), sample_mb, spans)
    if len(sample) < n:
        row.name = f"{name} (sample, scaled)"
        row.note = f"{len(sample):,} of {n:,} articles, {sample_mb:.2f} MB"
        row.spans = None
    rows.append(row)


# -- printing ----------------------------------------------------------------------


def print_rows(rows: list[Row], floor: Row) -> None:
    assert floor.seconds is not None
    floor_rate = floor.mb_per_s
    print(f"{'':40} {'MB/s':>9} {'us/article':>11} {'x floor':>8} {'spans':>9}")
    for row in rows:
        if row.seconds is None:
            print(f"{row.name:40} {row.note}")
            continue
        spans = "" if row.spans is None else f"{row.spans:,}"
        line = (
            f"{row.name:40} {row.mb_per_s:9.2f} {row.seconds / row.articles * 1e6:11.1f} "
            f"{floor_rate / row.mb_per_s:8.1f} {spans:>9}"
        )
        print(line + (f"  ({row.note})" if row.note else ""))


def print_promises(
    ck_sentences: Row, ck_claims: Row, spacy_row: Row | None, spacy_missing: str
) -> None:
    print("promises (speed of corpuskit / speed of the faster spaCy sentencizer row):")
    for row, target in ((ck_sentences, SENTENCES_TARGET), (ck_claims, CLAIMS_TARGET)):
        label = f"  {row.name} vs spaCy sentencizer (target >= {target:g}x):"
        if spacy_row is None:
            print(f"{label} n/a, spaCy {spacy_missing}")
            continue
        ratio = row.mb_per_s / spacy_row.mb_per_s
        verdict = "PASS" if ratio >= target else "MISS"
        print(f"{label} {ratio:.1f}x {verdict}  [{spacy_row.name}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "dir", nargs="?", type=Path, help="a folder of *.txt files to time after the seeds"
    )
    parser.add_argument(
        "--megabytes", type=float, default=10.0, help="replicate the seeds to this size"
    )
    parser.add_argument("--repeats", type=int, default=5, help="time each row this many times")
    parser.add_argument("--no-pysbd", action="store_true", help="skip pySBD (the slowest peer)")
    args = parser.parse_args()
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    # The replicated seeds always run; a folder given as well runs after them.
    with tempfile.TemporaryDirectory() as tmp:
        paths = replicate(REPO / "seeds", Path(tmp), args.megabytes)
        print(f"== the seeds, replicated to {args.megabytes:g} MB")
        bench(paths, args.repeats, not args.no_pysbd)
    if args.dir is not None:
        paths = sorted(args.dir.glob("*.txt"))
        if not paths:
            sys.exit(f"no *.txt files in {args.dir}")
        print(f"\n== {args.dir}")
        bench(paths, args.repeats, not args.no_pysbd)


if __name__ == "__main__":
    main()
