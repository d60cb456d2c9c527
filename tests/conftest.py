"""Shared fixtures: temporary data dirs, the real data folder, and a helper that runs the pipeline."""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path

import dagster as dg
import pytest

from pipelines.definitions import all_assets_and_checks, build_resources
from pipelines.jobs import everything
from pipelines.resources import DesaSettings

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
    data_dir: Path, landing_dir: Path | None = None, selection: str | Sequence[str] | None = None
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


@pytest.fixture(scope="session")
def synthetic_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One full run on the embedded default (synthetic, national scale); tests read its outputs."""
    data_dir = tmp_path_factory.mktemp("synthetic") / "data"
    result = run_pipeline(data_dir)
    assert result.success, "full pipeline run on the embedded default failed"
    return data_dir


@pytest.fixture(scope="session")
def real_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One full run on the real files in ../shared/data."""
    landing = require_shared()
    data_dir = tmp_path_factory.mktemp("real") / "data"
    result = run_pipeline(data_dir, landing_dir=landing)
    assert result.success, "full pipeline run on ../shared/data failed"
    return data_dir


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Keep every test that shares a whole-pipeline run on one xdist worker (`--dist loadgroup`).

    Each session fixture then runs the pipeline once, and the synthetic and real runs proceed on the
    two cores side by side.
    """
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "real_run" in fixtures:
            item.add_marker(pytest.mark.xdist_group("real_run"))
        elif "synthetic_run" in fixtures:
            item.add_marker(pytest.mark.xdist_group("synthetic_run"))
