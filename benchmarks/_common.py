"""Helpers shared by the benchmark scripts: timing and replicating the seeds."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def best_of(repeats: int, run: Callable[[], T]) -> tuple[float, T]:
    """Return the fastest of ``repeats`` timings of ``run`` (seconds) and its last result."""
    times = []
    result = None
    for _ in range(max(1, repeats)):
        t0 = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - t0)
    return min(times), result  # type: ignore[return-value]


def replicate(source: Path, target: Path, megabytes: float) -> list[Path]:
    """Copy the *.txt files of ``source`` into ``target`` until they reach ``megabytes``."""
    datas = [p.read_bytes() for p in sorted(source.glob("*.txt"))]
    if not any(datas):
        sys.exit(f"no non-empty *.txt files in {source}")
    paths: list[Path] = []
    total = 0
    i = 0
    while total < megabytes * 1e6:
        data = datas[i % len(datas)]
        path = target / f"{i:06d}_{i:016x}.txt"
        path.write_bytes(data)
        paths.append(path)
        total += len(data)
        i += 1
    return paths
