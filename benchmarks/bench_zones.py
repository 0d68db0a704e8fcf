"""Zone parsing throughput beside the cost of merely reading the same files.

Run from the repository root:

    python benchmarks/bench_zones.py                 # the seeds, replicated to 20 MB
    python benchmarks/bench_zones.py DIR             # your own folder of *.txt files
    python benchmarks/bench_zones.py --open-files 100000

It prints, for the same files in one run and on one core:

- read + decode: open, read and UTF-8-decode every file (the floor);
- blank-line split: ``text.split("\\n\\n")``, what a script would do instead
  (no offsets, no kinds, wrong on CRLF and blank lines holding spaces);
- zones only: corpuskit's zone parser on text already decoded;
- Article.from_path + zones: the whole path from a file name to zones;

each as MB/s (of raw bytes), microseconds per article and the ratio to the
floor; then how long ``Corpus.from_dir`` takes to open a folder of many files.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _common import best_of, replicate

from corpuskit import Article, Corpus
from corpuskit.stages.zones import parse_zones

REPO = Path(__file__).resolve().parent.parent


def bench_throughput(paths: list[Path], repeats: int) -> None:
    size = sum(p.stat().st_size for p in paths)
    texts = [p.read_bytes().decode("utf-8") for p in paths]
    n = len(paths)

    def read_decode() -> None:
        for p in paths:
            with open(p, "rb") as f:
                f.read().decode("utf-8")

    def blank_split() -> None:
        for t in texts:
            t.split("\n\n")

    def zones_only() -> None:
        for t in texts:
            parse_zones(t)

    def from_path() -> None:
        for p in paths:
            Article.from_path(p).zones  # noqa: B018 - computing the zones is the point

    rows = [
        ("read + decode (floor)", read_decode),
        ("blank-line split (reference)", blank_split),
        ("corpuskit zones only", zones_only),
        ("corpuskit Article.from_path + zones", from_path),
    ]
    print(
        f"{n:,} files, {size / 1e6:.1f} MB, mean {size / n / 1e3:.1f} KB/article, best of {repeats}"
    )
    print(f"{'':38} {'MB/s':>9} {'us/article':>11} {'x floor':>8}")
    floor = None
    for name, run in rows:
        run()  # warm up caches and compiled patterns
        t, _ = best_of(repeats, run)
        floor = floor or t
        print(f"{name:38} {size / t / 1e6:9.1f} {t / n * 1e6:11.1f} {t / floor:8.1f}")

    per_file = [best_of(2000, lambda t=t: parse_zones(t))[0] * 1e6 for t in texts[:2]]
    sizes = [len(t.encode("utf-8")) for t in texts[: len(per_file)]]
    for b, us in zip(sizes, per_file, strict=True):
        print(f"one article of {b / 1e3:.1f} KB: zones in {us:.1f} us ({b / us:.1f} MB/s)")


def bench_open(count: int, repeats: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i in range(count):
            (folder / f"{i:06d}_{i:016x}.txt").write_bytes(b"x")
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            corpus = Corpus.from_dir(folder)
            len(corpus)
            corpus.ids  # noqa: B018 - listing the ids is part of opening
            times.append(time.perf_counter() - t0)
        print(
            f"Corpus.from_dir on {count:,} files: best {min(times) * 1e3:.0f} ms, "
            f"median {statistics.median(times) * 1e3:.0f} ms (no file is read)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", nargs="?", type=Path, help="folder of *.txt files (default: seeds/)")
    parser.add_argument(
        "--megabytes", type=float, default=20.0, help="replicate seeds to this size"
    )
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--open-files", type=int, default=100_000, help="0 to skip")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, pid {os.getpid()}, one core")
    if args.dir is not None:
        bench_throughput(sorted(args.dir.glob("*.txt")), args.repeats)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            bench_throughput(replicate(REPO / "seeds", Path(tmp), args.megabytes), args.repeats)
    if args.open_files:
        bench_open(args.open_files, max(3, args.repeats))


if __name__ == "__main__":
    main()
