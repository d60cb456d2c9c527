"""A mart's contract primary key is checked after the table is built (macros/primary_keys.sql): a
duplicate or a NULL key fails the model naming the key, the previous table stays, and the table
carries no DuckDB primary-key index (its not-null columns stay constraints)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import duckdb

from assets.transform.project import DBT_PROJECT_DIR, dbt_executable

MODELS_YML = """
models:
{models}
"""
MODEL = """
  - name: {name}
    constraints:
      - type: primary_key
        columns: [kode, tahun]
    columns:
      - name: kode
        data_type: varchar
      - name: tahun
        data_type: integer
        constraints:
          - type: not_null
      - name: nilai
        data_type: integer
"""
ROWS = {
    "unique_key": "('11.01', 2021, 1), ('11.01', 2022, 2), ('11.02', 2021, 3)",
    "duplicate_key": "('11.01', 2021, 1), ('11.02', 2021, 2), ('11.02', 2021, 3)",
    "null_key": "('11.01', 2021, 1), (null, 2021, 2)",
}


def _project(root: Path, rows: dict[str, str]) -> Path:
    """The platform's dbt project settings and macros, with toy marts instead of its models."""
    project = root / "dbt_project"
    project.mkdir()
    for name in ("dbt_project.yml", "profiles.yml"):
        shutil.copy(DBT_PROJECT_DIR / name, project / name)
    shutil.copytree(DBT_PROJECT_DIR / "macros", project / "macros")
    marts = project / "models" / "marts" / "toy"
    marts.mkdir(parents=True)
    for name, values in rows.items():
        (marts / f"{name}.sql").write_text(f"select * from (values {values}) as t(kode, tahun, nilai)\n")
    (marts / "_toy__models.yml").write_text(
        MODELS_YML.format(models="".join(MODEL.format(name=n) for n in rows))
    )
    return project


def _dbt_run(project: Path, warehouse: Path) -> subprocess.CompletedProcess:
    dbt_vars = {"data_dir": str(project.parent), "warehouse_path": str(warehouse)}
    return subprocess.run(
        [dbt_executable(), "run", "--vars", json.dumps(dbt_vars), "--target-path", str(project / "target")],
        cwd=project,
        env={**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DBT_PROFILES_DIR": str(project)},
        capture_output=True,
        text=True,
        check=False,
    )


def test_primary_keys_are_checked_after_the_build(tmp_path: Path) -> None:
    warehouse = tmp_path / "desa.duckdb"
    project = _project(tmp_path, ROWS)
    # A first build where every key is good, so that a failed rebuild has a table to keep.
    with duckdb.connect(str(warehouse)) as connection:
        connection.execute("create schema marts")
        for name in ("duplicate_key", "null_key"):
            connection.execute(
                f"create table marts.{name} as select 'kept' as kode, 2020 as tahun, 0 as nilai"
            )
    done = _dbt_run(project, warehouse)
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert "marts.duplicate_key primary key (kode, tahun)" in output and "11.02, 2021" in output
    assert "marts.null_key primary key (kode, tahun)" in output
    assert "marts.unique_key" not in output.split("Completed with")[-1]
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        assert connection.execute("select count(*) from marts.unique_key").fetchone() == (3,)
        for name in ("duplicate_key", "null_key"):  # the failed rebuilds left the previous table
            assert connection.execute(f"select kode from marts.{name}").fetchall() == [("kept",)]
        constraints = connection.execute(
            "select constraint_type, constraint_column_names from duckdb_constraints() "
            "where table_name = 'unique_key' order by all"
        ).fetchall()
    assert ("PRIMARY KEY", ["kode", "tahun"]) not in constraints
    assert ("NOT NULL", ["tahun"]) in constraints
