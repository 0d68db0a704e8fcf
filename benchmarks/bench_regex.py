"""Every regular expression in the package, timed on input made to trip it up.

Run from the repository root:

    python benchmarks/bench_regex.py             # 100 KB and 1 MB per input
    python benchmarks/bench_regex.py --large     # and 10 MB (slow)
    python benchmarks/bench_regex.py --only _zones._BLOCK

Backtracking engines (`re`, `regex`) can take time that grows with the square
of the input, or exponentially, when a pattern can match the same text in many
ways.  This script finds every compiled pattern in `corpuskit` (module-level
patterns, by walking the modules), builds adversarial inputs for each and times
it the way the package uses it:

- a pattern the package only calls with ``match`` or ``fullmatch`` (read from
  the source) is matched once at the start of the text: each call must take
  time linear in the text;
- any other pattern is run with ``finditer`` over the whole text, trying a
  match at every position, the worst way a pattern can be used.

A pattern the package runs only on a stretch of bounded length (a window of
160 characters around a quote, a line short enough to be a title or a photo
credit) is listed in `BOUNDED` with the constant that bounds it, and timed at
that length.  How often the package calls a pattern, and on how much text, is
the business of `bench_adversarial.py`, which times the whole pipeline.

The inputs for a pattern are made from the pattern itself and from the
whole-pipeline families of `bench_adversarial.py`:

- every character the pattern names (literals, ends of ranges, a sample of
  each category such as ``\\d`` or ``\\s``), repeated;
- every literal word in the pattern, repeated, alone and followed by a space;
- the families of `bench_adversarial.py` (quotation marks, full stops, digits,
  attributions, initials, ...).

Every input is timed at 100 KB; the three slowest for each pattern are timed
again at 1 MB (and 10 MB with ``--large``).  Input that makes a pattern take
more than linear time is slow already at 100 KB: a quadratic scan of it is
billions of steps.  The table prints the slowest input and its growth for ten
times the text.  A growth above 12 on an input taking more than 10 ms is
measured again, at 1 MB and 10 MB, and flagged if it holds.
`tests/test_regex_audit.py` checks, without timing, that every pattern is
collected here and that none has the shapes known to backtrack without bound.
"""

from __future__ import annotations

import argparse
import ast
import collections
import gc
import importlib
import itertools
import pkgutil
import re
import re._constants as sre_constants
import re._parser as sre_parse
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import regex

import corpuskit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_adversarial import FAMILIES

_PACKAGE = Path(corpuskit.__file__).resolve().parent
# Patterns the package runs only on a stretch of text of bounded length, with the
# module constant that bounds it: they are timed at that length (their time may grow
# faster than the stretch; the stretch does not grow).
BOUNDED = {
    "stages.zones._BOILERPLATE": "stages.zones._BOILERPLATE_MAX",  # a line short enough to be one
    "stages.zones._CREDIT_HINT": "stages.zones._CREDIT_TAIL",  # the end of a caption line
    "stages.zones._CREDIT": "stages.zones._CREDIT_TAIL",
    "stages.zones._BARE_AGENCY_OK": "stages.zones._CREDIT_TAIL",  # what _CREDIT matched
    "stages.zones._LEDE_WORDS": "stages.zones._TITLE_MAX_CHARS",  # a line short enough for a title
    "stages.zones._DATELINE": "stages.zones._TITLE_MAX_CHARS",
    "stages.zones._PAST_TENSE": "stages.zones._TITLE_MAX_CHARS",
    "stages.zones._DATE": "stages.zones._TITLE_MAX_CHARS",
}
FLAG = 12.0
FLAG_MIN_SECONDS = 0.01
_UNBOUNDED = sre_constants.MAXREPEAT
# A repetition allowed more times than this counts as unbounded here.
_LARGE_REPEAT = 100
# Characters standing for a category in the generated inputs.
_CATEGORY_SAMPLES = {
    sre_constants.CATEGORY_DIGIT: "7",
    sre_constants.CATEGORY_NOT_DIGIT: "a",
    sre_constants.CATEGORY_SPACE: " ",
    sre_constants.CATEGORY_NOT_SPACE: "x",
    sre_constants.CATEGORY_WORD: "w",
    sre_constants.CATEGORY_NOT_WORD: ".",
}
_ONE_CHARACTER = (
    sre_constants.LITERAL,
    sre_constants.NOT_LITERAL,
    sre_constants.IN,
    sre_constants.ANY,
    sre_constants.CATEGORY,
)
# What is possessive or atomic never gives back what it matched.
_KEEPS = (sre_constants.POSSESSIVE_REPEAT, sre_constants.ATOMIC_GROUP)
_MAX_CHARS = 40
_MAX_WORDS = 40


def package_patterns() -> dict[str, re.Pattern[Any] | regex.Pattern[Any]]:
    """Every compiled pattern held by a module of `corpuskit`, by ``module.NAME``."""
    found: dict[str, re.Pattern[Any] | regex.Pattern[Any]] = {}
    walk = pkgutil.walk_packages(corpuskit.__path__, "corpuskit.")
    for info in sorted(walk, key=lambda i: i.name):
        if info.name == "corpuskit.dask":  # an optional extra; it compiles no patterns
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, (re.Pattern, regex.Pattern)):
                found[f"{info.name.removeprefix('corpuskit.')}.{name}"] = value
    return found


def usage(name: str) -> str:
    """How the package runs the pattern ``module.NAME``: ``"anchored"`` or ``"scan"``.

    A pattern only ever called with ``match`` or ``fullmatch`` is tried at one
    position per call, and each call must take time linear in the text.  Any
    other use (``finditer``, ``search``, ``sub``, ``split``, or the pattern
    handed to another function) counts as a scan of every position.
    """
    module, attr = name.rsplit(".", 1)
    path = _PACKAGE.joinpath(*module.split(".")).with_suffix(".py")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = list(ast.walk(tree))
    loads = [n for n in nodes if isinstance(n, ast.Name) and n.id == attr]
    methods = [
        n.attr
        for n in nodes
        if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == attr
    ]
    if methods and len(methods) == len(loads) - 1 and set(methods) <= {"match", "fullmatch"}:
        return "anchored"  # (the one load more is the assignment's own target)
    return "scan"


def structure(pattern: re.Pattern[Any] | regex.Pattern[Any]) -> sre_parse.SubPattern:
    """Parse ``pattern`` with the standard library's parser, for its structure only.

    A pattern of the `regex` module is first rewritten into the standard syntax
    with the same shape: a property class (``\\p{L}``) becomes ``\\w``, a grapheme
    (``\\X``) any character, and group names are dropped (`regex` lets
    alternatives reuse a name).  Flags that change matching but not
    backtracking (``REVERSE``, ``VERSION1``) are left out.
    """
    source = pattern.pattern
    if isinstance(source, bytes):
        source = source.decode("latin-1")
    flags = 0
    for mine, theirs in (
        (regex.IGNORECASE, re.IGNORECASE),
        (regex.VERBOSE, re.VERBOSE),
        (regex.DOTALL, re.DOTALL),
        (regex.MULTILINE, re.MULTILINE),
    ):
        if pattern.flags & mine:
            flags |= theirs
    if isinstance(pattern, regex.Pattern):
        source = re.sub(r"\\[pP]\{[^}]*\}", r"\\w", source)
        source = source.replace(r"\X", ".")
        source = re.sub(r"\(\?P<\w+>", "(?:", source)
    return sre_parse.parse(source, flags)


def nested_repeats(pattern: re.Pattern[Any] | regex.Pattern[Any]) -> list[str]:
    """Describe each unbounded repetition that sits inside another one.

    Nesting is the shape of exponential backtracking (``(a+)+``).  A possessive
    repetition (``a*+``) or an atomic group never gives back what it matched,
    so neither it nor what it contains counts.
    """
    found: list[str] = []

    def walk(items: Iterable[tuple[Any, Any]], outer: str | None, protected: bool) -> None:
        for op, av in items:
            if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
                low, high, body = av
                unbounded = (high is _UNBOUNDED or high > _LARGE_REPEAT) and not protected
                here = f"{{{low},{'' if high is _UNBOUNDED else high}}}"
                if unbounded and outer is not None:
                    found.append(f"{here} inside {outer}")
                walk(body, here if unbounded else outer, protected)
            else:
                for part in _parts(op, av):
                    walk(part, outer, protected or op in _KEEPS)

    walk(structure(pattern).data, None, False)
    return found


def greedy_group_loops(pattern: re.Pattern[Any] | regex.Pattern[Any]) -> list[str]:
    """Describe each unbounded greedy or lazy loop over more than one character.

    Only for the standard library's engine, which keeps a backtracking frame
    for every iteration of such a loop: a million iterations (a block of a
    million lines) took more than linear time.  A loop over one character
    (``x*``, ``[^\\n]*``) keeps none, and a possessive loop gives its frames up.
    The `regex` module's loops measured linear and are not reported.
    """
    found: list[str] = []
    if not isinstance(pattern, re.Pattern):
        return found

    def walk(items: Iterable[tuple[Any, Any]], protected: bool) -> None:
        for op, av in items:
            if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
                _, high, body = av
                one = len(body) == 1 and body[0][0] in _ONE_CHARACTER
                if high is _UNBOUNDED and not protected and not one:
                    found.append(str(sre_parse.SubPattern(body.state, list(body)))[:80])
            inside = protected or op in (
                sre_constants.POSSESSIVE_REPEAT,
                sre_constants.ATOMIC_GROUP,
            )
            for part in _parts(op, av):
                walk(part, inside)

    walk(structure(pattern).data, False)
    return found


def lookarounds_after_loops(pattern: re.Pattern[Any] | regex.Pattern[Any]) -> int:
    """Count the lookarounds a `regex` pattern may try after an unbounded greedy loop.

    The `regex` module pays for a lookaround (or a capturing group) tried at
    each place a loop gives back a character in proportion to what the loop
    holds: ``^\\p{L}+s(?= )`` takes quadratic time on one long word.  Standard
    library patterns are not counted; neither are loops that are possessive.
    """
    if not isinstance(pattern, regex.Pattern):
        return 0
    count = 0

    def walk(items: Iterable[tuple[Any, Any]], after_loop: bool, protected: bool) -> bool:
        nonlocal count
        for op, av in items:
            if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
                after_loop = walk(av[2], after_loop, protected)
                after_loop = after_loop or (av[1] is _UNBOUNDED and not protected)
            elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
                count += after_loop
            elif op is sre_constants.BRANCH:
                ends = [walk(branch, after_loop, protected) for branch in av[1]]  # every one
                after_loop = any(ends)
            elif op is sre_constants.SUBPATTERN:
                after_loop = walk(av[3], after_loop, protected)
            else:
                for part in _parts(op, av):
                    walk(part, after_loop, True)
        return after_loop

    walk(structure(pattern).data, False, False)
    return count


def _parts(op: Any, av: Any) -> list[Any]:
    """The sequences inside a node of a parsed pattern (none for a single item)."""
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT):
        return [av[2]]
    if op is sre_constants.SUBPATTERN:
        return [av[3]]
    if op is sre_constants.ATOMIC_GROUP:
        return [av]
    if op is sre_constants.BRANCH:
        return list(av[1])
    if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        return [av[1]]
    if op is sre_constants.GROUPREF_EXISTS:
        return [branch for branch in av[1:] if branch is not None]
    return []


def _class_samples(av: Any) -> Iterator[str]:
    """A character for each item of a character class."""
    for item, value in av:
        if item is sre_constants.LITERAL:
            yield chr(value)
        elif item is sre_constants.RANGE:
            yield chr(value[0])
            yield chr(value[1])
        elif item is sre_constants.CATEGORY and value in _CATEGORY_SAMPLES:
            yield _CATEGORY_SAMPLES[value]


def _alphabet_and_words(tree: sre_parse.SubPattern) -> tuple[list[str], list[str]]:
    """The characters a pattern names, and its literal words (runs of literals)."""
    chars: dict[str, None] = {}
    words: dict[str, None] = {}

    def walk(items: Iterable[tuple[Any, Any]]) -> None:
        run: list[str] = []
        for op, av in [*items, (None, None)]:
            if op is sre_constants.LITERAL:
                chars[chr(av)] = None
                run.append(chr(av))
                continue
            if len(run) > 1:
                words["".join(run)] = None
            run = []
            if op is sre_constants.IN:
                chars.update(dict.fromkeys(_class_samples(av)))
            elif op is sre_constants.NOT_LITERAL:
                chars["x" if chr(av) != "x" else "y"] = None
            elif op is sre_constants.ANY:
                chars["a"] = None
            for part in _parts(op, av):
                walk(part)

    walk(tree.data)
    return list(chars), list(words)


def _spread(items: list[str], most: int) -> list[str]:
    """Up to ``most`` of ``items``, spread evenly over the list."""
    if len(items) <= most:
        return items
    step = len(items) / most
    return [items[int(i * step)] for i in range(most)]


def units(pattern: re.Pattern[Any] | regex.Pattern[Any]) -> dict[str, str]:
    """The repeated units of the adversarial inputs for ``pattern``, by label."""
    chars, words = _alphabet_and_words(structure(pattern))
    out: dict[str, str] = {}
    for c in _spread(chars, _MAX_CHARS):
        out[f"char {c!r}"] = c
    for w in _spread(words, _MAX_WORDS):
        out[f"word {w!r}"] = w
        out[f"word {w!r} + space"] = w + " "
    out.update(FAMILIES)
    if isinstance(pattern.pattern, bytes):
        # Byte patterns read JSON Lines: the same units, as UTF-8.
        return {label: unit for label, unit in out.items() if unit.isascii()}
    return out


def _text(pattern: re.Pattern[Any] | regex.Pattern[Any], unit: str, size: int) -> Any:
    text = unit * (size // len(unit.encode("utf-8", "surrogatepass")) + 1)
    return text.encode() if isinstance(pattern.pattern, bytes) else text


def time_scan(pattern: re.Pattern[Any] | regex.Pattern[Any], text: Any, *, scan: bool) -> float:
    """Seconds to run ``pattern`` over ``text``, best of two.

    A scan runs ``finditer`` over the whole text, dropping each match object
    as soon as it is made, so that memory stays flat and what grows with the
    text is the matching; otherwise one ``match`` at the start (at the end for
    a pattern that matches backwards), as the package calls it.
    """
    return _best(pattern, text, 2, scan=scan)


def _best(
    pattern: re.Pattern[Any] | regex.Pattern[Any], text: Any, runs: int, *, scan: bool
) -> float:
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        t0 = time.perf_counter()
        if scan:
            collections.deque(pattern.finditer(text), maxlen=0)
        else:
            pattern.match(text)
        best = min(best, time.perf_counter() - t0)
    return best


def bound(name: str) -> int | None:
    """The length of text the package runs the pattern ``name`` on at most, if bounded."""
    if name not in BOUNDED:
        return None
    module, constant = BOUNDED[name].rsplit(".", 1)
    value: int = getattr(importlib.import_module(f"corpuskit.{module}"), constant)
    return value


def _suspect(times: list[float]) -> bool:
    """Whether the last step of ``times`` grew more than `FLAG` times, and took long enough."""
    return times[-1] > FLAG_MIN_SECONDS and times[-1] > FLAG * max(times[-2], 1e-9)


def measure(
    pattern: re.Pattern[Any] | regex.Pattern[Any], sizes: list[int], keep: int, *, scan: bool
) -> list[tuple[str, list[float]]]:
    """Time every input at the first size, and the ``keep`` slowest at every size.

    Input that makes a pattern take more than linear time is slow already at
    the first size (a quadratic scan of 100 KB is billions of steps), so the
    larger sizes go to the slowest inputs only.  Rows come slowest first.
    """
    made = units(pattern)
    first = {
        label: time_scan(pattern, _text(pattern, unit, sizes[0]), scan=scan)
        for label, unit in made.items()
    }
    slowest = sorted(first, key=first.__getitem__, reverse=True)
    rows = []
    for label in slowest[:keep]:
        more = [time_scan(pattern, _text(pattern, made[label], n), scan=scan) for n in sizes[1:]]
        rows.append((label, [first[label], *more]))
    return rows


def confirm(
    pattern: re.Pattern[Any] | regex.Pattern[Any], unit: str, size: int, *, scan: bool
) -> list[float]:
    """Times at ``size`` and ten times it, best of three: a second look at a suspect.

    A busy machine can slow one run, and the first step up from a small size
    pays for caches warming; the step above it shows the growth itself.
    """
    return [_best(pattern, _text(pattern, unit, n), 3, scan=scan) for n in (size, size * 10)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--large", action="store_true", help="add 10 MB to the sizes")
    parser.add_argument("--only", action="append", help="a pattern to run (module.NAME)")
    parser.add_argument(
        "--keep", type=int, default=3, help="inputs taken to the larger sizes (default 3)"
    )
    args = parser.parse_args(argv)
    sizes = [100_000, 1_000_000] + ([10_000_000] if args.large else [])
    patterns = package_patterns()
    if args.only:
        patterns = {k: v for k, v in patterns.items() if k in args.only}
    print(f"{len(patterns)} patterns; sizes {', '.join(f'{s // 1000} KB' for s in sizes)}")
    head = f"{'pattern':<32} {'use':<8} {'inputs':>6} {'slowest input':<34}"
    head += "".join(f" {f'{s // 1000} KB':>10}" for s in sizes) + "  growth"
    print(head)
    flagged = 0
    start = time.perf_counter()
    for name, pattern in patterns.items():
        scan = usage(name) == "scan"
        use = "scan" if scan else "anchored"
        limit = bound(name)
        if limit is not None:
            slowest = max(
                (time_scan(pattern, _text(pattern, u, limit), scan=scan), label)
                for label, u in units(pattern).items()
            )
            line = f"{name:<32} {use:<8} {len(units(pattern)):>6} {slowest[1][:34]:<34}"
            print(f"{line} {slowest[0] * 1e3:>8.2f}ms at most {limit} characters", flush=True)
            continue
        rows = measure(pattern, sizes, args.keep, scan=scan)
        label, times = rows[0]
        growth = [b / a if a > 0 else 0.0 for a, b in itertools.pairwise(times)]
        cells = "".join(f" {t * 1e3:>8.2f}ms" for t in times)
        ratios = " ".join(f"{g:.1f}x" for g in growth)
        line = f"{name:<32} {use:<8} {len(units(pattern)):>6} {label[:34]:<34}{cells}  {ratios}"
        print(line, flush=True)
        for row_label, row in rows:
            if not _suspect(row):
                continue
            again = confirm(pattern, units(pattern)[row_label], sizes[-1], scan=scan)
            if _suspect(again):
                flagged += 1
                print(
                    f"  FLAG: {row_label}: {again[0] * 1e3:.2f}ms then {again[1] * 1e3:.2f}ms,"
                    f" {again[1] / again[0]:.1f}x for 10x the text",
                    flush=True,
                )
    print(f"\n{flagged} flagged; {time.perf_counter() - start:.1f} s in all")
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
