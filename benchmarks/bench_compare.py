"""Time two versions of corpuskit side by side, in one run: did a change slow it down?

    python benchmarks/bench_compare.py HEAD~1            # this tree against a commit
    python benchmarks/bench_compare.py v0.1.0 --rounds 7

The other version is checked out into a temporary folder (``git worktree``);
each measurement runs in a fresh subprocess with that version (or this tree)
first on ``PYTHONPATH``, the two alternating round after round, so both see
the same machine state.  Each row prints the best time of either version and
the ratio (this tree / the other: below 1 is faster).  The work is the public
API only, so any version can run it: zones, sentences and claims of every
file, and a JSON round trip (``to_json`` then ``Article.from_json``) of
articles parsed beforehand.  With no folder, the seeds are replicated to
``--megabytes``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import replicate

ROOT = Path(__file__).resolve().parent.parent

# Run inside the subprocess: times one kind of work on every file, best of `repeats`.
_WORKER = r"""
import json, sys, time
from pathlib import Path
import corpuskit

kind, folder, repeats = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]

def zones():
    for i, t in enumerate(texts):
        corpuskit.Article.from_text(t, id=str(i)).zones

def sentences():
    for i, t in enumerate(texts):
        corpuskit.Article.from_text(t, id=str(i)).sentences

def claims():
    for i, t in enumerate(texts):
        corpuskit.Article.from_text(t, id=str(i)).claims

parsed = []
if kind == "json":
    for i, t in enumerate(texts):
        a = corpuskit.Article.from_text(t, id=str(i))
        a.claims
        parsed.append(a)

def json_round_trip():
    for a in parsed:
        corpuskit.Article.from_json(a.to_json()).claims

run = {"zones": zones, "sentences": sentences, "claims": claims, "json": json_round_trip}[kind]
run()
best = min(
    (lambda t0: (run(), time.perf_counter() - t0)[1])(time.perf_counter()) for _ in range(repeats)
)
print(json.dumps({"seconds": best, "megabytes": sum(len(t.encode()) for t in texts) / 1e6}))
"""

KINDS = ("zones", "sentences", "claims", "json")


def _measure(source: Path, kind: str, folder: Path, repeats: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(source)}
    done = subprocess.run(
        [sys.executable, "-c", _WORKER, kind, str(folder), str(repeats)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("base", help="the commit (or tag, branch) to compare against")
    parser.add_argument("folder", nargs="?", type=Path, help="a folder of *.txt files")
    parser.add_argument("--megabytes", type=float, default=2.0)
    parser.add_argument("--rounds", type=int, default=5, help="alternations of the two")
    parser.add_argument("--repeats", type=int, default=2, help="best of, per subprocess")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "--quiet", str(base), args.base],
            cwd=ROOT,
            check=True,
        )
        try:
            folder = args.folder
            if folder is None:
                folder = Path(tmp) / "texts"
                folder.mkdir()
                replicate(ROOT / "seeds", folder, args.megabytes)
            print(f"this tree against {args.base}, {folder}, best of {args.rounds} rounds")
            print(f"{'':12}{'this MB/s':>12}{'base MB/s':>12}{'ratio':>8}")
            for kind in KINDS:
                best = {"this": float("inf"), "base": float("inf")}
                size = 0.0
                for _ in range(args.rounds):
                    for name, source in (("this", ROOT), ("base", base)):
                        got = _measure(source, kind, folder, args.repeats)
                        best[name] = min(best[name], got["seconds"])
                        size = got["megabytes"]
                ratio = best["this"] / best["base"]
                print(
                    f"{kind:12}{size / best['this']:12.2f}{size / best['base']:12.2f}{ratio:8.2f}"
                )
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, check=False
            )


if __name__ == "__main__":
    main()
