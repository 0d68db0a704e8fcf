"""Scale: parsing folders on one and several cores, Dask, JSON Lines, lookup by id, memory.

Run from the repository root on a quiet machine (the figures of docs/performance.md):

    python benchmarks/bench_scale.py                      # 1k, 10k and 100k articles
    python benchmarks/bench_scale.py --sizes 1000,10000   # smaller, quicker
    python benchmarks/bench_scale.py --no-dask            # without the Dask rows

Every row is timed in this one run, on the same files.  The corpus is the
seeds copied again and again under new ids (a folder of ``NNN_<hex>.txt``
files), so that every size has the same mix of articles.  Each measurement
of memory runs in a fresh Python process, which reports its peak resident
memory: flat memory means the peak does not grow with the number of
articles.  Needs the ``dask`` extra for the Dask rows.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import corpuskit
from corpuskit import Article, Corpus

ROOT = Path(__file__).resolve().parent.parent


def rss_mb() -> float:
    """The resident memory of this process now, in MB."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_mb() -> float:
    """The peak resident memory of this process so far, in MB.

    Read from ``VmHWM``, which starts afresh in a new program; ``ru_maxrss``
    would carry over the peak of the process that started this one.
    """
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- the corpus -----------------------------------------------------------------------------


def make_folder(pool: Path, target: Path, count: int) -> Path:
    """A folder of ``count`` article files, hard links into ``pool`` (made once)."""
    seeds = [p.read_bytes() for p in sorted((ROOT / "seeds").glob("*.txt"))]
    pool.mkdir(exist_ok=True)
    target.mkdir(exist_ok=True)
    for i in range(count):
        name = f"{i:07d}_{i:016x}.txt"
        source = pool / name
        if not source.exists():
            source.write_bytes(seeds[i % len(seeds)])
        link = target / name
        if not link.exists():
            os.link(source, link)
    return target


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.glob("*.txt"))


# -- measurements that run in a child process -------------------------------------------------


def child(mode: str, path: str, jobs: int) -> dict[str, float]:
    """Run one measurement here and return its figures."""
    if mode == "floor":
        corpus = Corpus.from_dir(path)
        before = rss_mb()
        t0 = time.perf_counter()
        n = 0
        for n, f in enumerate(corpus.files, 1):  # noqa: B007 (n counts the files read)
            with open(f.path, "rb") as fh:
                fh.read().decode("utf-8")
    elif mode == "parse":
        corpus = Corpus.from_dir(path)
        before = rss_mb()
        t0 = time.perf_counter()
        n = sum(1 for _ in corpus.parsed(jobs=jobs))
    elif mode == "jsonl-write":
        corpus = Corpus.from_dir(path)
        before = rss_mb()
        t0 = time.perf_counter()
        n = corpus.to_jsonl(path + ".jsonl", jobs=jobs)
    elif mode == "jsonl-read":
        corpus = Corpus.from_jsonl(path)
        before = rss_mb()
        t0 = time.perf_counter()
        n = 0
        for article in corpus:
            # Loading checks every layer; reading them makes the objects.
            _ = article.claims, article.zones, article.sentences
            n += 1
    else:
        raise SystemExit(f"unknown mode {mode}")
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "articles": n, "rss_before": before, "rss_peak": peak_rss_mb()}


def run_child(mode: str, path: Path, jobs: int = 1) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path), "--jobs", str(jobs)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def best_child(mode: str, path: Path, jobs: int, repeats: int) -> dict[str, float]:
    runs = [run_child(mode, path, jobs) for _ in range(repeats)]
    return min(runs, key=lambda r: r["seconds"])


# -- measurements made here -------------------------------------------------------------------


def dask_rows(folder: Path, workers: list[int]) -> list[tuple[int, float, int]]:
    """Seconds for the claims of ``folder`` as a Dask dataframe, per number of workers."""
    try:
        from distributed import Client, LocalCluster  # noqa: PLC0415 (optional)

        from corpuskit import dask as ck_dask  # noqa: PLC0415 (optional)
    except ImportError:
        print("(dask not installed: pip install 'corpuskit[dask]'; Dask rows skipped)")
        return []
    rows = []
    for n in workers:
        with (
            LocalCluster(
                n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster),
        ):
            frame = ck_dask.claims_frame(str(folder))
            frame.compute()  # warm the workers (imports, first parse)
            t0 = time.perf_counter()
            claims = len(ck_dask.claims_frame(str(folder)).compute())
            rows.append((n, time.perf_counter() - t0, claims))
    return rows


def lookup(jsonl: Path, ids: list[str], probes: int) -> tuple[float, list[float]]:
    corpus = Corpus.from_jsonl(jsonl)
    t0 = time.perf_counter()
    assert len(corpus) == len(ids)
    build = time.perf_counter() - t0
    rng = random.Random(7)
    times = []
    for article_id in rng.sample(ids, min(probes, len(ids))):
        t0 = time.perf_counter()
        article = corpus[article_id]
        times.append(time.perf_counter() - t0)
        assert article.id == article_id
    return build, times


def memory_per_article(folder: Path, sample: int) -> tuple[float, float, float]:
    """Mean bytes an article holds once parsed, its text's bytes, and the largest ratio."""
    paths = sorted(folder.glob("*.txt"))[:sample]
    for p in paths[:4]:  # fill the parsers' own caches first
        _ = Article.from_path(p).claims
    held_total = text_total = 0
    worst = 0.0
    for p in paths:
        data = p.read_bytes()
        gc.collect()
        tracemalloc.start()
        article = Article.from_bytes(data, id=p.stem)
        layers = article.zones, article.sentences, article.claims
        del layers
        gc.collect()
        held = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        text = sys.getsizeof(article.text)
        held_total += held
        text_total += text
        worst = max(worst, held / text)
    return held_total / len(paths), text_total / len(paths), worst


# -- the report ---------------------------------------------------------------------------------


def table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |"
    print(line)
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        cells = [r[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(r[1:], widths[1:], strict=True)
        ]
        print("| " + " | ".join(cells) + " |")
    print()


def main() -> None:  # noqa: PLR0915 (one report, section by section)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="corpus sizes, in articles")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel processes")
    parser.add_argument("--repeats", type=int, default=1, help="runs per row (best kept)")
    parser.add_argument("--probes", type=int, default=2000, help="lookups by id to time")
    parser.add_argument("--no-dask", action="store_true", help="leave out the Dask rows")
    parser.add_argument("--dask-size", type=int, default=10_000, help="articles for Dask rows")
    parser.add_argument(
        "--throughput-size", type=int, default=10_000, help="articles for the throughput rows"
    )
    parser.add_argument("--workdir", help="keep the generated corpora here (default: a temp dir)")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], args.child[1], args.jobs)))
        return

    sizes = sorted(int(s) for s in args.sizes.split(","))
    work = Path(args.workdir or tempfile.mkdtemp(prefix="corpuskit-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    print(
        f"corpuskit {corpuskit.__version__}, Python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} cores, jobs={args.jobs}; corpora in {work}\n"
    )
    pool = work / "pool"
    folders = {n: make_folder(pool, work / f"articles-{n}", n) for n in sizes}
    largest = sizes[-1]
    megabytes = {n: folder_bytes(folders[n]) / 1e6 for n in sizes}

    # 1. Throughput: the floor, parsing on 1 and N cores, loading JSON Lines.
    size = min(args.throughput_size, largest)
    if size not in folders:
        folders[size] = make_folder(pool, work / f"articles-{size}", size)
        megabytes[size] = folder_bytes(folders[size]) / 1e6
    print(f"## Folder of {size:,} articles ({megabytes[size]:.1f} MB)\n")
    big = folders[size]
    floor = best_child("floor", big, 1, args.repeats)
    runs = {
        "read + decode (the floor)": floor,
        "parse: zones, sentences, claims, 1 process": best_child("parse", big, 1, args.repeats),
        f"parse, {args.jobs} processes": best_child("parse", big, args.jobs, args.repeats),
        "parse to JSON Lines, 1 process": best_child("jsonl-write", big, 1, args.repeats),
        f"parse to JSON Lines, {args.jobs} processes": best_child(
            "jsonl-write", big, args.jobs, args.repeats
        ),
    }
    jsonl = Path(str(big) + ".jsonl")
    jsonl_mb = jsonl.stat().st_size / 1e6
    runs["load JSON Lines (streaming, every layer)"] = best_child(
        "jsonl-read", jsonl, 1, args.repeats
    )
    serial = runs["parse: zones, sentences, claims, 1 process"]["seconds"]
    rows = []
    for name, r in runs.items():
        mb = jsonl_mb if name.startswith("load") else megabytes[size]
        rows.append(
            [
                name,
                f"{r['articles'] / r['seconds']:,.0f}",
                f"{mb / r['seconds']:,.1f}",
                f"{r['seconds']:.2f}",
                f"{serial / r['seconds']:.2f}×" if "parse" in name else "",
                f"{r['rss_peak']:.0f}",
            ]
        )
    table(["row", "articles/s", "MB/s", "seconds", "vs 1 process", "peak RSS MB"], rows)
    print(f"(JSON Lines: {jsonl_mb:,.0f} MB; MB/s of the load row counts JSON bytes)\n")

    # 2. Dask.
    if not args.no_dask:
        dask_size = min(args.dask_size, largest)
        folder = folders.get(dask_size) or make_folder(
            pool, work / f"articles-{dask_size}", dask_size
        )
        dask = dask_rows(folder, [1, 2])
        if dask:
            print(f"## Dask: claims of {dask_size:,} articles as a dataframe (LocalCluster)\n")
            base = dask[0][1]
            table(
                ["workers", "articles/s", "MB/s", "seconds", "claims", "vs 1 worker"],
                [
                    [
                        str(n),
                        f"{dask_size / s:,.0f}",
                        f"{folder_bytes(folder) / 1e6 / s:,.1f}",
                        f"{s:.2f}",
                        f"{claims:,}",
                        f"{base / s:.2f}×",
                    ]
                    for n, s, claims in dask
                ],
            )

    # 3. Lookup by id in the largest JSON Lines file.
    ids = list(Corpus.from_dir(folders[largest]).ids)
    jsonl = Path(str(folders[largest]) + ".jsonl")
    if not jsonl.exists():
        run_child("jsonl-write", folders[largest], args.jobs)
    jsonl_mb = jsonl.stat().st_size / 1e6
    build, times = lookup(jsonl, ids, args.probes)
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    print(f"## Lookup by id in a JSON Lines file of {largest:,} articles ({jsonl_mb:,.0f} MB)\n")
    table(
        ["index build (once)", "lookups", "median", "p99"],
        [
            [
                f"{build:.2f} s",
                f"{len(times):,}",
                f"{statistics.median(times) * 1e6:,.0f} µs",
                f"{p99 * 1e6:,.0f} µs",
            ]
        ],
    )

    # 4. Memory per parsed article.
    held, text, worst = memory_per_article(big, 200)
    print("## Memory of a parsed article (zones, sentences, claims) against its text's\n")
    table(
        ["articles", "text (bytes, mean)", "article held (bytes, mean)", "ratio", "largest ratio"],
        [["200", f"{text:,.0f}", f"{held:,.0f}", f"{held / text:.2f}×", f"{worst:.2f}×"]],
    )

    # 5. Growth with corpus size: time linear, memory flat.
    print("## Cost against corpus size (1 process; memory is the peak of a fresh process)\n")
    rows = []
    for n in sizes:
        if n == size:
            parse = runs["parse: zones, sentences, claims, 1 process"]
            load = runs["load JSON Lines (streaming, every layer)"]
        else:
            parse = best_child("parse", folders[n], 1, args.repeats)
            path = Path(str(folders[n]) + ".jsonl")
            if not path.exists():
                run_child("jsonl-write", folders[n], args.jobs)
            load = best_child("jsonl-read", path, 1, args.repeats)
        rows.append(
            [
                f"{n:,}",
                f"{parse['seconds']:.2f}",
                f"{parse['seconds'] / n * 1e6:,.0f}",
                f"{parse['rss_before']:.0f}",
                f"{parse['rss_peak']:.0f}",
                f"{load['seconds']:.2f}",
                f"{load['rss_peak']:.0f}",
            ]
        )
    table(
        [
            "articles",
            "parse s",
            "µs/article",
            "RSS after listing MB",
            "peak RSS parse MB",
            "JSONL load s",
            "peak RSS load MB",
        ],
        rows,
    )
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
