"""Run the fuzz harnesses one after another, each for a bounded time, from fresh seeds.

Usage::

    python fuzz/run.py [--seconds N] [--seed N] [--artifacts DIR] [--corpus DIR]
                       [-libfuzzer_flag=value ...] [parse] [json]

Each run builds the seed corpus of each harness (`seed_corpus`) into a
temporary folder, then runs the harness under libFuzzer with these limits:
``-max_total_time`` (``--seconds``, else the ``FUZZ_SECONDS`` environment
variable, else 60), ``-timeout=10`` (an input that runs longer is a hang, a
finding), ``-rss_limit_mb=2048`` and ``-max_len`` (64 KiB for parse, 256 KiB
for JSON), and the harness's dictionary of tokens (``parse.dict``,
``json.dict``).  New inputs the fuzzer finds go to a temporary folder, or to
``--corpus DIR/<harness>`` to keep them for the next run.  Arguments of the
form ``-flag=value`` are passed on to libFuzzer.

A crash, hang or out-of-memory input is saved under ``--artifacts`` (else the
``FUZZ_ARTIFACTS`` environment variable, else a new temporary folder), whose
path is printed; the run exits with status 1 when any harness found one.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import seed_corpus

HERE = Path(__file__).resolve().parent
HARNESSES = {
    "parse": (HERE / "fuzz_parse.py", seed_corpus.parse_inputs, seed_corpus.PARSE_MAX_LEN),
    "json": (HERE / "fuzz_json.py", seed_corpus.json_inputs, seed_corpus.JSON_MAX_LEN),
}
#: What libFuzzer calls the files it saves for a finding.
FINDINGS = ("crash-", "timeout-", "oom-", "leak-")


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Arguments of the form -flag=value are passed on to libFuzzer.",
    )
    parser.add_argument(
        "harnesses",
        nargs="*",
        metavar="harness",
        help=f"the harnesses to run: {', '.join(HARNESSES)} (default: all, one after another)",
    )
    parser.add_argument(
        "--seconds",
        type=int,
        default=int(os.environ.get("FUZZ_SECONDS", "60")),
        help="fuzzing time per harness (default: $FUZZ_SECONDS or 60)",
    )
    parser.add_argument(
        "--seed", type=int, default=None, help="libFuzzer's random seed (default: its own)"
    )
    parser.add_argument(
        "--artifacts",
        type=Path,
        default=os.environ.get("FUZZ_ARTIFACTS") or None,
        help="where crashing inputs are saved (default: $FUZZ_ARTIFACTS or a new temp folder)",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=None,
        help="keep the inputs found in DIR/<harness> (default: a temp folder, removed)",
    )
    args, extra = parser.parse_known_args(argv)
    unknown = [h for h in args.harnesses if h not in HARNESSES]
    if unknown:
        parser.error(f"unknown harness {', '.join(unknown)}; choose from {', '.join(HARNESSES)}")
    flags = [a for a in extra if a.startswith("-") and "=" in a and not a.startswith("--")]
    if flags != extra:
        parser.error(f"unrecognised arguments: {' '.join(a for a in extra if a not in flags)}")
    args.flags = flags
    return args


def run_harness(name: str, args: argparse.Namespace, artifacts: Path) -> bool:
    """Fuzz the harness ``name`` as ``args`` say; return whether it found nothing.

    ``args`` holds ``seconds``, ``seed``, ``corpus`` and further libFuzzer
    ``flags`` (``-len_control=0``), which are given last.
    """
    script, inputs, max_len = HARNESSES[name]
    prefix = artifacts / f"{name}-"
    with tempfile.TemporaryDirectory(prefix=f"corpuskit-fuzz-{name}-") as tmp:
        seeds = Path(tmp) / "seeds"
        count = seed_corpus.write(seeds, inputs(max_len))
        grown = args.corpus / name if args.corpus is not None else Path(tmp) / "corpus"
        grown.mkdir(parents=True, exist_ok=True)
        command = [
            sys.executable,
            str(script),
            str(grown),
            str(seeds),
            f"-max_total_time={args.seconds}",
            "-timeout=10",
            "-rss_limit_mb=2048",
            f"-max_len={max_len}",
            f"-artifact_prefix={prefix}",
            f"-dict={HERE / (name + '.dict')}",
            "-print_final_stats=1",
        ]
        if args.seed is not None:
            command.append(f"-seed={args.seed}")
        command.extend(args.flags)
        before = set(_findings(artifacts, name))
        print(f"== fuzz {name}: {count} seed inputs, {args.seconds} s", flush=True)
        print("   " + " ".join(command), flush=True)
        started = time.monotonic()
        # The harness's scratch files go into this run's temporary folder, removed after it.
        env = {**os.environ, "TMPDIR": tmp}
        code = subprocess.run(command, check=False, env=env).returncode
        elapsed = time.monotonic() - started
    found = sorted(set(_findings(artifacts, name)) - before)
    if code == 0 and not found:
        print(f"== fuzz {name}: nothing found in {elapsed:.0f} s", flush=True)
        return True
    print(f"== fuzz {name}: FOUND a problem (exit status {code}) in {elapsed:.0f} s", flush=True)
    for path in found:
        print(f"   saved: {path}", flush=True)
    print(
        f"   reproduce: {sys.executable} {script} <saved input>\n"
        f"   minimise:  {sys.executable} {script} -minimize_crash=1 -max_total_time=60 "
        f"-artifact_prefix={prefix} <saved input>",
        flush=True,
    )
    return False


def _findings(artifacts: Path, name: str) -> list[Path]:
    """Return the inputs libFuzzer saved for findings of the harness ``name``."""
    prefixes = tuple(f"{name}-{kind}" for kind in FINDINGS)
    return [p for p in artifacts.iterdir() if p.name.startswith(prefixes)]


def main(argv: list[str] | None = None) -> int:
    """Run the harnesses asked for (all by default); return 1 when any found a problem."""
    args = _arguments(argv)
    artifacts: Path = args.artifacts or Path(tempfile.mkdtemp(prefix="corpuskit-fuzz-artifacts-"))
    artifacts.mkdir(parents=True, exist_ok=True)
    print(f"== crashing inputs are saved in {artifacts}", flush=True)
    clean = True
    for name in args.harnesses or list(HARNESSES):
        clean = run_harness(name, args, artifacts) and clean
    if clean:
        if args.artifacts is None and not any(artifacts.iterdir()):
            artifacts.rmdir()  # made for this run, and nothing was saved in it
        print("== fuzzing found nothing", flush=True)
        return 0
    print(f"== fuzzing found problems; the inputs are in {artifacts}", flush=True)
    return 1


if __name__ == "__main__":
    sys.exit(main())
