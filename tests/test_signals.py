"""SIGTERM is met as Ctrl-C is: no temporary file left, no worker left running.

The command is run as a user would (``python -m corpuskit``) on enough text to
still be parsing when the signal comes; the time limits only stop a hung run.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or not Path("/proc").is_dir(), reason="POSIX with /proc only"
)


def _children(pid: int) -> set[int]:
    """The live child processes of ``pid`` (read from /proc)."""
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = task / "children"
        if children.exists():
            found.update(int(c) for c in children.read_text().split())
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[-1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def test_sigterm_to_a_parallel_parse_cleans_up(tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    seeds = sorted((REPO / "seeds").glob("*.txt"))
    for i in range(1500):
        (texts / f"{i:06d}_{i:016x}.txt").write_bytes(seeds[i % len(seeds)].read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    run = subprocess.Popen(
        [sys.executable, "-m", "corpuskit", "parse", str(texts), "-j", "2", "-o",
         str(out / "corpus.jsonl")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own group, so a failed run can be stopped whole
    )  # fmt: skip
    try:
        _terminate_and_check(run, out)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(run.pid, signal.SIGKILL)


def signal_while_working(run: subprocess.Popen[str], signum: int) -> tuple[set[int], str, str]:
    """Send ``signum`` to ``run`` once its worker processes run; return them and its output.

    Skips the test when the command ends before its workers could be seen.
    """
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while not workers and run.poll() is None and time.monotonic() < deadline:
        workers = _children(run.pid)
        time.sleep(0.05)
    if run.poll() is not None:
        pytest.skip("the command ended before the signal could be sent")
    time.sleep(0.3)  # let the workers take their first chunks
    workers |= _children(run.pid)
    run.send_signal(signum)
    out, err = run.communicate(timeout=60)
    return workers, out, err


def outliving(workers: set[int]) -> list[int]:
    """Return the workers still alive once they have had 30 s to stop."""
    deadline = time.monotonic() + 30
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    return [w for w in workers if _alive(w)]


def _terminate_and_check(run: subprocess.Popen[str], out: Path) -> None:
    workers, _, err = signal_while_working(run, signal.SIGTERM)
    assert run.returncode == 128 + signal.SIGTERM, err
    assert "corpuskit: error: terminated" in err
    assert "Traceback" not in err
    assert [p.name for p in out.iterdir()] == []  # no .tmp file, and no partial output
    assert not outliving(workers), "workers outlived the command"


def test_sigterm_handler_is_only_installed_for_the_command() -> None:
    from corpuskit.__main__ import main

    before = signal.getsignal(signal.SIGTERM)
    assert main(["zones", str(REPO / "seeds")]) == 0
    assert signal.getsignal(signal.SIGTERM) is before
