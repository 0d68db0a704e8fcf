"""How time grows on hostile input, for every entry point: it must grow linearly.

Run from the repository root:

    python benchmarks/bench_adversarial.py            # 100 KB and 1 MB per family
    python benchmarks/bench_adversarial.py --large    # and 10 MB (slow)

For each family of adversarial text (one unit repeated: quotation marks, full
stops, digits, attributions, …) it times the whole pipeline, from
`Article.from_text` to `article.claims` (zones, sentences, quotes,
attribution, quantities), at each size, and prints the time and the ratio of
each size to the one before.  Ten times the text should take about ten times
as long: a ratio above 12 is flagged, as a sign of super-linear work.  (Families
that build hundreds of thousands of objects pay Python's cyclic garbage
collector a little more at larger sizes; a flag there is worth a second run at
``--large`` before it is called quadratic.)

A second table does the same for the other entry points that take outside
data: loading a JSON document (`Article.from_json`, every span checked),
normalising (`normalize` with every step), anchoring a quote that is not there
in a text that repeats one word (the worst case for finding candidates), and
moving spans to an edited copy of a repetitive text (`reanchor`).

A third times one article of news prose (the seeds, repeated) through the
whole round: parsing it (every layer), `to_json`, `from_json` and building
every layer of the loaded article.

Every row runs with Python's cyclic garbage collector on, as users run; pass
``--collector-off`` to pause it around each timed call and see the work alone.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import time
from collections.abc import Callable
from pathlib import Path

from corpuskit import Article, ZoneKind, normalize, reanchor

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

FAMILIES = {
    "straight quotes": '"',
    "curly open quotes": "“",
    "single quotes": "‘a’ b ",
    "nested quotes": "“a ‘b’ c,” she said. ",
    "quote and attribution": "“x,” he said. ",
    "quote in a report": "Officials said the deal was “dead”. ",
    "reports": "Officials said x. ",
    "pronouns": "Mr. Kim met Ms. Lee. “X,” she said. ",
    "full stops": ".",
    "initials": "A. ",
    "digits": "7",
    "numbers and spaces": "1 ",
    "money ranges": "$1m and ",
    "between": "between 1 and ",
    "one word": "word ",
    "lines": "x\n",
    "blank lines": "\n \n",
    "credits": "KCNA/",
    "bylines": "By Jane Doe\n",
}
FLAG = 12.0


def _json_load(text: str) -> float:
    document = Article.from_text(text, id="x").to_json()
    t0 = time.perf_counter()
    Article.from_json(document)
    return time.perf_counter() - t0


def _normalize(text: str) -> float:
    t0 = time.perf_counter()
    normalize(text, steps=[s.value for s in normalize("").steps] + ["nfkc", "casefold"])
    return time.perf_counter() - t0


def _anchor(text: str) -> float:
    article = Article.from_text(text, id="x")
    t0 = time.perf_counter()
    article.anchor("word word zebra word okapi word word")
    return time.perf_counter() - t0


def _reanchor(text: str) -> float:
    old = Article.from_text(text, id="x")
    spans = old.sentences[:: max(1, len(old.sentences) // 200)][:200]
    middle = len(text) // 2
    new = text[:middle] + "A new sentence here. " + text[middle:]
    t0 = time.perf_counter()
    reanchor(text, new, spans)
    return time.perf_counter() - t0


# Each entry point with the input that is hardest for it, and what is timed.
ENTRY_POINTS: dict[str, tuple[str, Callable[[str], float]]] = {
    "from_json: quotes": ("“A,” she said. ", _json_load),
    "from_json: numbers": ("$1m and 2% of 3 ", _json_load),
    "normalize: quotes": ("“‘…’” ", _normalize),
    "normalize: spaces": (" \u00a0\t\u200b\r\n", _normalize),
    "anchor: one word": ("word ", _anchor),
    "reanchor: one sentence": ("The deal is dead. ", _reanchor),
}


def seconds(text: str) -> float:
    gc.collect()
    t0 = time.perf_counter()
    Article.from_text(text, id="x").claims  # noqa: B018 - computing them is the point
    return time.perf_counter() - t0


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _timed(run: Callable[[str], float], text: str, collector: bool) -> float:
    """Time ``run`` on ``text``, with the cyclic collector on or paused.

    Entry points build hundreds of thousands of objects; with the collector
    paused, its passes (which grow with the heap, not with the work) do not
    hide how the work itself grows.
    """
    gc.collect()
    if collector:
        return run(text)
    gc.disable()
    try:
        return run(text)
    finally:
        gc.enable()


def _prose(size: int) -> str:
    """News prose of ``size`` characters: the body paragraphs of the seeds, repeated.

    Paragraphs only: a seed's end matter (a translator's credit, "Read in Korean")
    would make everything after it end matter too.
    """
    paragraphs = [
        zone.text
        for path in sorted(SEEDS.glob("*.txt"))
        for zone in Article.from_path(path).zones
        if zone.kind is ZoneKind.PARAGRAPH
    ]
    return _repeat("\n\n".join(paragraphs) + "\n\n", size)


def _round(text: str) -> tuple[float, float, float, float]:
    """Time parsing ``text``, writing it as JSON, loading it and building its layers."""
    t0 = time.perf_counter()
    article = Article.from_text(text, id="x")
    article.claims  # noqa: B018 - computing every layer is the point
    t1 = time.perf_counter()
    document = article.to_json()
    t2 = time.perf_counter()
    loaded = Article.from_json(document)
    t3 = time.perf_counter()
    loaded.zones, loaded.sentences, loaded.claims  # noqa: B018
    t4 = time.perf_counter()
    return t1 - t0, t2 - t1, t3 - t2, t4 - t3


def _round_rows(sizes: list[int], collector: bool) -> dict[str, list[float]]:
    rows: dict[str, list[float]] = {
        name: [] for name in ("parse", "to_json", "from_json", "layers of the loaded")
    }
    for size in sizes:
        gc.collect()
        if not collector:
            gc.disable()
        try:
            times = _round(_prose(size))
        finally:
            gc.enable()
        for row, seconds_taken in zip(rows.values(), times, strict=True):
            row.append(seconds_taken)
    return rows


def _row(name: str, times: list[float], flagged: list[str]) -> None:
    """Print one row of times and size ratios; note the name when a ratio is flagged."""
    ratios = [b / max(a, 1e-6) for a, b in itertools.pairwise(times)]
    marks = ["!" if r > FLAG else "" for r in ratios]
    cells = "".join(f"{t:>11.3f}s" for t in times)
    print(
        f"{name:<24}{cells}   "
        + "  ".join(f"{r:.1f}{m}" for r, m in zip(ratios, marks, strict=True))
    )
    if any(marks):
        flagged.append(name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--large", action="store_true", help="also time 10 MB per family")
    parser.add_argument(
        "--collector-off",
        dest="collector",
        action="store_false",
        help="pause the garbage collector around each timed call of the last two tables",
    )
    args = parser.parse_args()
    sizes = [100_000, 1_000_000] + ([10_000_000] if args.large else [])
    header = "".join(f"{s // 1000:>9,} KB" for s in sizes)
    print(f"{'family':<24}{header}   ratios (x10 size)")
    flagged: list[str] = []
    for name, unit in FAMILIES.items():
        _row(name, [seconds(_repeat(unit, size)) for size in sizes], flagged)
    print()
    print(f"{'entry point':<24}{header}   ratios (x10 size)")
    for name, (unit, run) in ENTRY_POINTS.items():
        _row(name, [_timed(run, _repeat(unit, size), args.collector) for size in sizes], flagged)
    print()
    state = "on" if args.collector else "paused"
    print(f"{'news prose, collector ' + state:<24}{header}   ratios (x10 size)")
    for name, times in _round_rows(sizes, args.collector).items():
        _row(name, times, flagged)
    print("super-linear (ratio > 12): " + (", ".join(flagged) if flagged else "none"))


if __name__ == "__main__":
    main()
