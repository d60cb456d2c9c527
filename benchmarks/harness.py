"""Benchmark harness: each side of a case runs in a fresh process; wall time and peak RSS are measured.

A domain adds a module `benchmarks/<domain>_bench.py` with `CASES: list[Case]`. A case has a
`pipeline` side (the platform's own code path) and a `baseline` side (a plain DuckDB SQL script doing
the same work), both callables taking a work directory and the shared data directory. bench.py runs
them in the same session, prints a table, and ends with `ratio pipeline/baseline: X.XX`.
"""

from __future__ import annotations

import importlib
import json
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

Side = Callable[[Path, Path], dict | None]


@dataclass(frozen=True)
class Case:
    name: str
    description: str
    pipeline: Side
    baseline: Side
    # Prepare inputs once for both sides (e.g. generate national-scale data); returns nothing.
    prepare: Side | None = None


@dataclass(frozen=True)
class Measurement:
    case: str
    side: str
    seconds: float
    peak_rss_mib: float
    details: dict
    tree_peak_rss_mib: float = 0.0  # the side's process and its children together (sampled)


def _case(module: str, name: str) -> Case:
    cases = importlib.import_module(f"benchmarks.{module}").CASES
    return next(c for c in cases if c.name == name)


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(child) for child in task.read_text().split()]
        except OSError:
            continue
    return found


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kib(root: int) -> int:
    """Resident memory of a process and all its descendants (e.g. a side and its dbt child), now."""
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _rss_kib(pid)
        stack += _children(pid)
    return total


class TreePeak:
    """Samples a process tree's summed RSS every `interval` s on a thread: the peak of the whole run,
    children included, which ru_maxrss (one process at a time) does not give. Linux only (/proc)."""

    def __init__(self, root: int, interval: float = 0.25) -> None:
        self.root, self.interval, self.peak_kib = root, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak_kib = max(self.peak_kib, tree_rss_kib(self.root))
            self._stop.wait(self.interval)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak_kib / 1024


def run_side_in_child(module: str, case: str, side: str, workdir: Path, shared: Path) -> Measurement:
    """Run one side in a child process so that peak memory is that side's alone."""
    command = [sys.executable, "-m", "benchmarks.harness", module, case, side, str(workdir), str(shared)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreePeak(process.pid)
    stdout, stderr = process.communicate()
    tree_peak = sampler.stop()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"{module}:{case}:{side} failed:\n{stderr[-4000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    return Measurement(case, side, seconds, result["peak_rss_mib"], result.get("details") or {}, tree_peak)


def _child(module: str, case_name: str, side: str, workdir: str, shared: str) -> None:
    case = _case(module, case_name)
    function = {"pipeline": case.pipeline, "baseline": case.baseline, "prepare": case.prepare}[side]
    assert function is not None
    details = function(Path(workdir), Path(shared))
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"peak_rss_mib": peak_kib / 1024, "details": details or {}}, default=str))


if __name__ == "__main__":
    _child(*sys.argv[1:6])
