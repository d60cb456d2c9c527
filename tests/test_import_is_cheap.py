"""Loading the code location starts no process and reads no data.

Every process that loads `pipelines.definitions` (the UI, the daemon, each run, each test worker)
pays for what happens at import; the dbt manifest is build output (`make setup`), and data is read
only when an asset runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assets.transform.project import DbtManifestMissingError, read_manifest

REPO = Path(__file__).resolve().parents[1]

# Runs in a fresh interpreter: the hook is installed before anything is imported.
PROBE = r"""
import json, os, sys, time

FORBIDDEN_DIRS = [d for d in json.loads(sys.argv[1]) if d]
DATA_SUFFIXES = (".parquet", ".duckdb", ".gz", ".csv", ".xlsx", ".jsonl")
PROCESS_EVENTS = ("subprocess.Popen", "os.posix_spawn", "os.system", "os.fork", "os.forkpty")
processes, known, reads = [], [], []


def from_platform_file_probe():
    # `import dagster` imports its vendored croniter, which asks platform.architecture(), which runs
    # `file -b <python>`: Dagster's own import, not ours, and it cannot be configured away.
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_code.co_name == "_syscmd_file" and frame.f_code.co_filename.endswith("platform.py"):
            return True
        frame = frame.f_back
    return False


def hook(event, args):
    if event in PROCESS_EVENTS or event.startswith(("os.exec", "os.spawn")):
        (known if from_platform_file_probe() else processes).append(f"{event} {str(args)[:300]}")
    elif event == "open" and isinstance(args[0], (str, bytes)):
        path = os.fsdecode(args[0])
        if path.endswith(DATA_SUFFIXES) or any(path.startswith(d) for d in FORBIDDEN_DIRS):
            reads.append(path)


sys.addaudithook(hook)
started, cpu_started = time.perf_counter(), time.process_time()
import pipelines.definitions  # noqa: E402,F401

seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
print(json.dumps({"seconds": seconds, "cpu": cpu, "processes": processes, "known": known, "reads": reads}))
"""


def _lokal_data_dir() -> str:
    from importlib import resources

    return str(resources.files("lokal").joinpath("data"))


def test_importing_the_code_location_starts_no_process_and_reads_no_data(tmp_path: Path) -> None:
    data, landing = tmp_path / "data", tmp_path / "landing"
    for folder in (data, landing / "kode_wilayah"):
        folder.mkdir(parents=True)
    shared = os.environ.get("DESA_SHARED_DATA_DIR", str(REPO.parent / "shared" / "data"))
    forbidden = [str(data), str(landing), shared, _lokal_data_dir()]
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "DAGSTER_HOME": str(tmp_path),
        "DESA_DATA_DIR": str(data),
        "DESA_LANDING_DIR": str(landing),
    }
    env.pop("DAGSTER_IS_DEV_CLI", None)
    completed = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(forbidden)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    report = json.loads(completed.stdout.strip().splitlines()[-1])
    # CPU time is the figure to compare on a shared machine; wall time grows with the load.
    print(f"import pipelines.definitions: {report['seconds']:.2f} s wall, {report['cpu']:.2f} s CPU")
    assert report["processes"] == []
    assert report["reads"] == []


def test_a_missing_manifest_is_an_error_that_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(DbtManifestMissingError) as raised:
        read_manifest(tmp_path / "target" / "manifest.json")
    assert "\n" not in str(raised.value)
    assert "make setup" in str(raised.value)


def test_idm_harvest_provinces_are_the_master_provinces() -> None:
    """The harvester's partitions are a written-out list (no master read at import): keep it current."""
    from assets.idm.harvest import PROVINCES
    from assets.wilayah.master import load_master_regions

    master = sorted(r.kode for r in load_master_regions().regions if r.kode.count(".") == 0)
    assert master == PROVINCES
