"""`make bench`: time and peak memory of the pipeline's code paths against plain DuckDB baselines.

Usage: python benchmarks/bench.py [--only DOMAIN] [--workdir DIR]
Shared data: $DESA_SHARED_DATA_DIR, default ../shared/data. Results also go to
$DESA_DATA_DIR/bench/results.json.

Memory columns: `pipe MiB` and `base MiB` are each side's own process peak (ru_maxrss); `pipe tree
MiB` is the pipeline side's process and its children (dbt) summed, sampled every 0.25 s: the peak of
the whole run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.harness import Measurement, run_side_in_child  # noqa: E402


def discover() -> dict[str, list[str]]:
    import importlib

    found = {}
    for path in sorted((REPO / "benchmarks").glob("*_bench.py")):
        module = path.stem
        found[module] = [c.name for c in importlib.import_module(f"benchmarks.{module}").CASES]
    return found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", help="run the cases of one module, e.g. sdgs_bench")
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    shared = Path(os.environ.get("DESA_SHARED_DATA_DIR", REPO.parent / "shared" / "data")).resolve()
    workroot = args.workdir or Path(tempfile.mkdtemp(prefix="desa-bench-"))
    rows: list[tuple[Measurement, Measurement]] = []
    import importlib

    for module, names in discover().items():
        if args.only and module != args.only:
            continue
        for name in names:
            case = next(c for c in importlib.import_module(f"benchmarks.{module}").CASES if c.name == name)
            workdir = workroot / module / name
            workdir.mkdir(parents=True, exist_ok=True)
            if case.prepare is not None:
                run_side_in_child(module, name, "prepare", workdir, shared)
            baseline = run_side_in_child(module, name, "baseline", workdir, shared)
            pipeline = run_side_in_child(module, name, "pipeline", workdir, shared)
            rows.append((pipeline, baseline))
    if not rows:
        print("no benchmark cases found")
        return 1
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    header = (
        f"{'case':<28} {'pipeline s':>10} {'baseline s':>10} {'ratio':>6} {'pipe MiB':>9} {'base MiB':>9}"
        f" {'pipe tree MiB':>13}"
    )
    print(header)
    print("-" * len(header))
    for pipeline, baseline in rows:
        print(
            f"{pipeline.case:<28} {pipeline.seconds:>10.2f} {baseline.seconds:>10.2f} "
            f"{pipeline.seconds / baseline.seconds:>6.2f} "
            f"{pipeline.peak_rss_mib:>9.0f} {baseline.peak_rss_mib:>9.0f} {pipeline.tree_peak_rss_mib:>13.0f}"
        )
    for pipeline, _ in rows:
        if pipeline.details:  # e.g. the fixed start-up costs inside the pipeline side
            print(f"{pipeline.case} pipeline details: {json.dumps(pipeline.details)}")
    out = Path(os.environ.get("DESA_DATA_DIR", REPO / "data")) / "bench" / "results.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps([[p.__dict__, b.__dict__] for p, b in rows], indent=1, default=str))
    total_pipeline = sum(p.seconds for p, _ in rows)
    total_baseline = sum(b.seconds for _, b in rows)
    print(f"ratio pipeline/baseline: {total_pipeline / total_baseline:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
