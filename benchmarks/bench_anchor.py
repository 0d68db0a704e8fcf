"""Time anchoring quotes in articles of growing size, at each match level.

For each article size (the seeds' text repeated, with a running number in each
copy so that the copies differ) and each quote length, it anchors a quote
that matches exactly, one that matches after normalisation (straight quotes,
doubled spaces), a fuzzy one (a changed word, a dropped word, an elision) and
one that is nowhere (orphan), and prints the best time of several runs.  The
first anchor in an article also builds what later ones reuse (the normalised
text and the word index); that cost is shown on its own row.

    python benchmarks/bench_anchor.py
    python benchmarks/bench_anchor.py --sizes 10 100 1000 --repeats 5
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from _common import best_of

from corpuskit import Article

ROOT = Path(__file__).resolve().parent.parent


def _article(kilobytes: int) -> Article:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    parts: list[str] = []
    size = 0
    i = 0
    while size < kilobytes * 1000:
        part = f"Copy {i}.\n\n" + seeds[i % len(seeds)]
        parts.append(part)
        size += len(part.encode())
        i += 1
    # The copies repeat every sentence (the worst case for finding candidates);
    # the last paragraph is unique: the seeds' words with a made-up word every fifth.
    words = seeds[0].split()
    unique = " ".join(w if i % 5 else f"{w} zq{i}x" for i, w in enumerate(words))
    parts.append(unique)
    return Article.from_text("\n\n".join(parts), id=f"bench{kilobytes}")


def _quote(article: Article, chars: int) -> str:
    """A run of words of the unique last paragraph, about ``chars`` long."""
    start = article.text.rindex("zq5x") + 200
    return article.text[start : start + chars].split(" ", 1)[1].rsplit(" ", 1)[0]


def _variants(quote: str) -> dict[str, str]:
    words = quote.split(" ")
    middle = len(words) // 2
    changed = [*words[:middle], "zebra", *words[middle + 1 :]]
    dropped = words[:middle] + words[middle + 1 :]
    return {
        "exact": quote,
        "normalised": quote.replace("’", "'").replace(" ", "  ", 3),
        "fuzzy: changed word": " ".join(changed),
        "fuzzy: dropped word": " ".join(dropped),
        "fuzzy: elision": " ".join(words[:4]) + " ... " + " ".join(words[-4:]),
        "orphan": "The weather in Lisbon was mild and sunny all week, officials said.",
    }


def main(argv: list[str] | None = None) -> int:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000], help="KB")
    parser.add_argument("--quotes", type=int, nargs="+", default=[100, 300, 1000], help="chars")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    print(f"Python {sys.version.split()[0]}; best of {args.repeats}; times in milliseconds")
    print(f"{'article':>8} {'quote':>6}  {'level':<22} {'status':<11} {'score':>5} {'ms':>9}")
    for kb in args.sizes:
        article = _article(kb)
        t0 = time.perf_counter()
        article.anchor("zebra quagga okapi")  # builds the normalised text and word index
        first = (time.perf_counter() - t0) * 1000
        print(f"{kb:>6}KB {'':>6}  {'first anchor (index)':<22} {'':<11} {'':>5} {first:>9.2f}")
        for chars in args.quotes:
            quote = _quote(article, chars)
            for level, text in _variants(quote).items():
                seconds, result = best_of(args.repeats, lambda t=text, a=article: a.anchor(t))
                print(
                    f"{kb:>6}KB {len(text):>6}  {level:<22} {result.status.value:<11} "
                    f"{result.score:>5.2f} {seconds * 1000:>9.3f}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
