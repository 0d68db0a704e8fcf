"""How parsing time grows on hostile input: it must grow linearly.

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
"""

from __future__ import annotations

import argparse
import gc
import itertools
import time

from corpuskit import Article

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


def seconds(text: str) -> float:
    gc.collect()
    t0 = time.perf_counter()
    Article.from_text(text, id="x").claims  # noqa: B018 - computing them is the point
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--large", action="store_true", help="also time 10 MB per family")
    args = parser.parse_args()
    sizes = [100_000, 1_000_000] + ([10_000_000] if args.large else [])
    header = "".join(f"{s // 1000:>9,} KB" for s in sizes)
    print(f"{'family':<24}{header}   ratios (x10 size)")
    flagged = []
    for name, unit in FAMILIES.items():
        times = [seconds((unit * (size // len(unit) + 1))[:size]) for size in sizes]
        ratios = [b / max(a, 1e-6) for a, b in itertools.pairwise(times)]
        marks = ["!" if r > FLAG else "" for r in ratios]
        cells = "".join(f"{t:>11.3f}s" for t in times)
        print(
            f"{name:<24}{cells}   "
            + "  ".join(f"{r:.1f}{m}" for r, m in zip(ratios, marks, strict=True))
        )
        if any(marks):
            flagged.append(name)
    print("super-linear (ratio > 12): " + (", ".join(flagged) if flagged else "none"))


if __name__ == "__main__":
    main()
