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


def _case(module: str, name: str) -> Case:
    cases = importlib.import_module(f"benchmarks.{module}").CASES
    return next(c for c in cases if c.name == name)


def run_side_in_child(module: str, case: str, side: str, workdir: Path, shared: Path) -> Measurement:
    """Run one side in a child process so that peak memory is that side's alone."""
    command = [sys.executable, "-m", "benchmarks.harness", module, case, side, str(workdir), str(shared)]
    started = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if completed.returncode != 0:
        raise RuntimeError(f"{module}:{case}:{side} failed:\n{completed.stderr[-4000:]}")
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    return Measurement(case, side, seconds, result["peak_rss_mib"], result.get("details") or {})


def _child(module: str, case_name: str, side: str, workdir: str, shared: str) -> None:
    case = _case(module, case_name)
    function = {"pipeline": case.pipeline, "baseline": case.baseline, "prepare": case.prepare}[side]
    assert function is not None
    details = function(Path(workdir), Path(shared))
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"peak_rss_mib": peak_kib / 1024, "details": details or {}}, default=str))


if __name__ == "__main__":
    _child(*sys.argv[1:6])
