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

Known limit, left out of the table because it is quadratic in size, not in
time per byte: a JSON document repeats each claim's sentences in full, so one
very long sentence holding many claims (``"“a,” she said. " * n`` is one
sentence, since no sentence starts with a lower-case letter) makes a document
of claims × sentence length: 848 MB of JSON for 1 MB of such text.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import time
from collections.abc import Callable

from corpuskit import Article, normalize, reanchor

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


def _paused(run: Callable[[str], float], text: str) -> float:
    """Time ``run`` on ``text`` with the cyclic collector paused.

    Entry points build hundreds of thousands of objects, and the collector's
    passes (which grow with the heap, not with the work) would hide how the
    work itself grows.
    """
    gc.collect()
    gc.disable()
    try:
        return run(text)
    finally:
        gc.enable()


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
        _row(name, [_paused(run, _repeat(unit, size)) for size in sizes], flagged)
    print("super-linear (ratio > 12): " + (", ".join(flagged) if flagged else "none"))


if __name__ == "__main__":
    main()
