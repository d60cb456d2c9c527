"""The dbt resource skips dagster-dbt's `dbt --version` subprocess and in-process adapter."""

import importlib.metadata
import inspect

from dagster_dbt import DbtCliResource

from assets.transform.project import DBT_PROJECT_DIR, DesaDbtCliResource, dbt_executable


def test_the_version_is_the_installed_dbt_core_and_no_adapter_is_built(monkeypatch) -> None:
    import subprocess

    def no_process(*args, **kwargs):
        raise AssertionError(f"started a process: {args}")

    monkeypatch.setattr(subprocess, "check_output", no_process)
    monkeypatch.setattr("dagster_dbt.core.resource.check_output", no_process)
    resource = DesaDbtCliResource(project_dir=str(DBT_PROJECT_DIR), dbt_executable=dbt_executable())
    assert str(resource._cli_version) == importlib.metadata.version("dbt-core")
    assert resource._cli_version.major < 2  # dbt Core, not the Fusion engine
    assert resource._initialize_dbt_core_adapter(["build"]) is None


def test_dagster_dbt_still_calls_what_is_overridden() -> None:
    """If dagster-dbt renames these, the overrides would silently stop saving the start-up time."""
    source = inspect.getsource(DbtCliResource.cli)
    assert "self._cli_version" in source
    assert "self._initialize_dbt_core_adapter(" in source
