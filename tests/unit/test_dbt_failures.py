"""A failed `dbt build` names each failed model or test and a few offending keys."""

from pathlib import Path

import duckdb

from assets.transform.dbt_failures import describe_failures


def _warehouse(path: Path) -> Path:
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema marts")
        connection.execute(
            "create table marts.dim_wilayah as select * from (values ('11.01', 'A'), ('11.01', 'B'), "
            "('11.02', 'C'), ('11.03', 'D'), ('11.03', 'E')) as t(kode, nama)"
        )
    return path


UNIQUE_SQL = (
    "select kode as unique_field, count(*) as n_records from desa.marts.dim_wilayah "
    "where kode is not null group by kode having count(*) > 1"
)


def test_failed_tests_and_models_are_named_with_offending_keys(tmp_path: Path) -> None:
    warehouse = _warehouse(tmp_path / "desa.duckdb")
    run_results = {
        "results": [
            {"unique_id": "model.desa.dim_wilayah", "status": "success", "message": "OK"},
            {
                "unique_id": "test.desa.unique_dim_wilayah_kode.1a2b3c",
                "status": "fail",
                "message": "Got 2 results, configured to fail if != 0",
                "compiled_code": UNIQUE_SQL,
            },
            {
                "unique_id": "model.desa.wilayah_crosswalk",
                "status": "error",
                "message": "Binder Error: column x\n  not found",
                "compiled_code": "select x from nowhere",
            },
            {"unique_id": "model.desa.downstream", "status": "skipped", "message": None},
        ]
    }
    description = describe_failures(run_results, warehouse)
    assert "\n" not in description
    assert "unique_dim_wilayah_kode" in description
    assert "11.01" in description and "11.03" in description
    assert "11.02" not in description  # not a duplicate
    assert "wilayah_crosswalk" in description and "Binder Error" in description
    assert "downstream" not in description and "dim_wilayah:" not in description


def test_without_a_warehouse_the_failed_nodes_are_still_named(tmp_path: Path) -> None:
    run_results = {
        "results": [
            {
                "unique_id": "test.desa.not_null_x_y.99",
                "status": "fail",
                "message": "Got 1 result",
                "compiled_code": UNIQUE_SQL,
            }
        ]
    }
    assert "not_null_x_y" in describe_failures(run_results, tmp_path / "missing.duckdb")
