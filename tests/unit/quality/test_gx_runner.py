"""The GX runner on a small DuckDB file: every declared check runs, failures name their rows."""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import pytest

from assets.quality.gx_runner import prune_history, read_latest_result, run_suite
from assets.quality.suites import SuiteFile

ROWS = [("01", 2021, 0.5), ("02", 2021, 0.7), ("03", 2021, 1.5), ("03", 2022, 0.2)]


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "desa.duckdb"
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema marts")
        connection.execute(
            "create table marts.scores (kode varchar, tahun integer, nilai double, primary key (kode, tahun))"
        )
        connection.executemany("insert into marts.scores values (?, ?, ?)", ROWS)
        connection.execute("create table marts.no_key as select kode, tahun from marts.scores")
        connection.execute("insert into marts.no_key values ('02', 2021)")
    return path


def suite(*expectations: dict, dataset: str = "scores", keys: tuple[str, ...] = ()) -> SuiteFile:
    return SuiteFile("t_" + dataset, dataset, "marts", "", list(expectations), Path("t.json"), keys)


IN_RANGE = {"type": "expect_column_values_to_be_between", "kwargs": {"column": "nilai", "min_value": 0}}
CODES = {"type": "expect_column_values_to_match_regex", "kwargs": {"column": "kode", "regex": "^[0-9]{2}$"}}


def test_passing_suite_evaluates_every_expectation(warehouse: Path, tmp_path: Path) -> None:
    outcome = run_suite(suite(IN_RANGE, CODES), warehouse, tmp_path / "quality", "run-1")
    assert outcome.success and outcome.evaluated == outcome.declared == 2 and not outcome.failed
    recorded = read_latest_result(tmp_path / "quality", "scores")
    assert recorded is not None and recorded["fingerprint"] == outcome.fingerprint
    assert recorded["fingerprint"]["row_count"] == len(ROWS)
    history = tmp_path / "quality" / "results" / "history" / "run-1" / "scores.json"
    assert json.loads(history.read_text())["success"] is True
    assert outcome.docs_path is not None and outcome.docs_path.exists()


def test_regex_is_evaluated_in_duckdb(warehouse: Path, tmp_path: Path) -> None:
    one_or_two = {**CODES, "kwargs": {"column": "kode", "regex": "^0[12]$"}}
    outcome = run_suite(suite(one_or_two), warehouse, tmp_path / "quality", "r")
    assert not outcome.success and outcome.evaluated == 1
    assert {k["kode"] for k in outcome.failed[0]["offending_keys"]} == {"03"}


@pytest.mark.parametrize(
    ("expectation", "problem"),
    [
        # the GX 0.x spelling of a type that exists in 1.x: unknown to GX 1.x
        (
            {"type": "expect_column_pair_values_A_to_be_greater_than_B",
             "kwargs": {"column_A": "nilai", "column_B": "tahun"}},
            "not_loaded",
        ),
        ({"type": "expect_column_values_to_be_between", "kwargs": {"min_value": 0}}, "not_loaded"),
        ({"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "missing"}}, "raised"),
    ],
)  # fmt: skip
def test_a_check_that_cannot_run_fails_the_suite(
    warehouse: Path, tmp_path: Path, expectation: dict, problem: str
) -> None:
    outcome = run_suite(suite(IN_RANGE, expectation), warehouse, tmp_path / "quality", "r")
    assert not outcome.success
    assert outcome.declared == 2 and outcome.evaluated == 1
    (failure,) = outcome.failed
    assert failure["problem"] == problem and failure["index"] == 1
    assert "t_scores" in failure["message"] and expectation["type"] in failure["message"]
    recorded = read_latest_result(tmp_path / "quality", "scores")
    assert recorded is not None and recorded["success"] is False
    assert recorded["failed_expectations"][0]["type"] == expectation["type"]


def test_failure_names_dataset_rule_and_offending_keys(warehouse: Path, tmp_path: Path) -> None:
    at_most_one = {
        "type": "expect_column_values_to_be_between",
        "kwargs": {"column": "nilai", "max_value": 1},
    }
    outcome = run_suite(suite(at_most_one), warehouse, tmp_path / "quality", "r")
    (failure,) = outcome.failed
    assert failure["problem"] == "failed"
    assert failure["offending_keys"] == [{"kode": "03", "tahun": 2021}]  # the table's primary key
    assert "scores" in failure["message"] and "expect_column_values_to_be_between" in failure["message"]


def test_offending_rows_are_named_by_the_contract_primary_key(warehouse: Path, tmp_path: Path) -> None:
    """Marts carry their dbt primary key as a checked contract, not a DuckDB index: given, it names rows."""
    codes = {
        "type": "expect_column_values_to_be_in_set",
        "kwargs": {"column": "kode", "value_set": ["01", "03"]},
    }
    outcome = run_suite(
        suite(codes, dataset="no_key"), warehouse, tmp_path / "quality", "r", primary_key=("kode",)
    )
    (failure,) = outcome.failed
    assert failure["offending_keys"] == [{"kode": "02"}] * 2


def test_duplicates_are_named_by_a_follow_up_query(warehouse: Path, tmp_path: Path) -> None:
    unique = {"type": "expect_compound_columns_to_be_unique", "kwargs": {"column_list": ["kode", "tahun"]}}
    outcome = run_suite(
        suite(unique, dataset="no_key", keys=("kode", "tahun")), warehouse, tmp_path / "quality", "r"
    )
    (failure,) = outcome.failed
    assert failure["offending_keys"] == [{"kode": "02", "tahun": 2021}] * 2


def test_the_database_file_is_released(warehouse: Path, tmp_path: Path) -> None:
    run_suite(suite(IN_RANGE, CODES), warehouse, tmp_path / "quality", "r")
    # DuckDB refuses a read-write connection while this process still holds a read-only one.
    with duckdb.connect(str(warehouse)) as connection:
        connection.execute("insert into marts.scores values ('04', 2021, 0.1)")


def test_data_docs_keep_the_latest_validation_per_suite(warehouse: Path, tmp_path: Path) -> None:
    quality = tmp_path / "quality"
    uncommitted = quality / "gx" / "gx" / "uncommitted"

    def stored(suite_name: str) -> tuple[int, int]:
        results = list((uncommitted / "validations" / suite_name).rglob("*.json"))
        pages = list((uncommitted / "data_docs" / "local_site" / "validations" / suite_name).rglob("*.html"))
        return len(results), len(pages)

    run_suite(suite(CODES, dataset="no_key"), warehouse, quality, "r1")
    for run in ("r1", "r2", "r3"):
        outcome = run_suite(suite(IN_RANGE, CODES), warehouse, quality, run)
    assert stored("t_scores") == (1, 1)
    assert stored("t_no_key") == (1, 1)  # another suite's validation stays
    index = (uncommitted / "data_docs" / "local_site" / "index.html").read_text()
    assert index.count("validations/t_scores/") == 1
    assert outcome.docs_path is not None and outcome.docs_path.exists()


def test_results_history_keeps_the_newest_runs_and_the_current_one(tmp_path: Path) -> None:
    history = tmp_path / "history"
    for number in range(6):
        folder = history / f"run-{number}"
        folder.mkdir(parents=True)
        (folder / "scores.json").write_text("{}")
        os.utime(folder, ns=(number * 10**9, number * 10**9))
    # run-0 is the oldest folder but the run being recorded: it stays, with the 2 newest others.
    removed = prune_history(history, keep_run="run-0", keep=3)
    assert sorted(p.name for p in removed) == ["run-1", "run-2", "run-3"]
    assert sorted(p.name for p in history.iterdir()) == ["run-0", "run-4", "run-5"]
