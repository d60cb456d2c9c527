"""Shared fixtures: temporary data dirs, the real data folder, and a helper that runs the pipeline."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

import dagster as dg
import pytest

from assets.common.settings import DesaSettings
from pipelines.definitions import all_assets_and_checks, build_resources
from pipelines.jobs import everything

REPO = Path(__file__).resolve().parents[1]


def shared_data_dir() -> Path:
    return Path(os.environ.get("DESA_SHARED_DATA_DIR", REPO.parent / "shared" / "data")).resolve()


def require_shared(*parts: str) -> Path:
    """The real-data path, or a clear skip where the folder is absent (CI has it)."""
    path = shared_data_dir().joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real data not found at {path} (set DESA_SHARED_DATA_DIR)")
    return path


def run_pipeline(
    data_dir: Path,
    landing_dir: Path | None = None,
    selection: dg.AssetSelection | str | Sequence[str] | Sequence[dg.AssetKey] | None = None,
) -> dg.ExecuteInProcessResult:
    """Materialize what the full-refresh job does (or a selection) in-process into `data_dir`.

    Harvest assets (tag desa/harvest=true) hit the internet and are left out, as in the job.
    """
    settings = DesaSettings(data_dir=str(data_dir), landing_dir=str(landing_dir) if landing_dir else None)
    return dg.materialize(
        all_assets_and_checks(),
        resources=build_resources(settings),
        selection=selection if selection is not None else everything.selection,
        instance=dg.DagsterInstance.ephemeral(),
        raise_on_error=False,
    )


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under a folder (following the `published` symlink), by relative path."""
    root = directory.resolve()
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def copy_data_dir(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, symlinks=True)
    return target


def _shared_run(tmp_path_factory: pytest.TempPathFactory, name: str, landing: Path | None) -> Path:
    """Run the whole pipeline once per test session, even across xdist workers.

    The first worker that needs the run makes it under a file lock; the others wait and reuse it.
    Tests that change anything work on a copy (`copy_data_dir`).
    """
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # shared by the workers of this session
    data_dir = root / f"run-{name}" / "data"
    outcome = root / f"run-{name}.json"
    with (root / f"run-{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not outcome.exists():
            result = run_pipeline(data_dir, landing_dir=landing)
            outcome.write_text(json.dumps({"success": result.success}))
    assert json.loads(outcome.read_text())["success"], f"full pipeline run ({name}) failed"
    return data_dir


@pytest.fixture(scope="session")
def synthetic_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One full run on the embedded default (synthetic, national scale); tests read its outputs."""
    return _shared_run(tmp_path_factory, "synthetic", None)


@pytest.fixture(scope="session")
def real_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One full run on the real files in ../shared/data."""
    return _shared_run(tmp_path_factory, "real", require_shared())
