"""Great Expectations on the embedded default: every declared check runs, and a broken rule blocks."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from assets.quality.suites import load_suites
from tests.conftest import copy_data_dir, run_pipeline, snapshot

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("suite", load_suites(), ids=lambda s: s.name)
def test_every_declared_expectation_is_evaluated(synthetic_run: Path, suite) -> None:
    result = json.loads((synthetic_run / "quality" / "results" / f"{suite.dataset}.json").read_text())
    assert result["success"] is True and result["failed_expectations"] == []
    assert result["statistics"]["declared_expectations"] == len(suite.expectations)
    assert result["statistics"]["evaluated_expectations"] == len(suite.expectations)
    assert len(result["expectations"]) == len(suite.expectations)


def test_an_idm_value_off_the_mean_of_its_indices_blocks_publication(synthetic_run: Path, tmp_path: Path):
    data_dir = copy_data_dir(synthetic_run, tmp_path / "data")
    before = snapshot(data_dir / "published")
    # A source IDM value 0.01 above (IKS + IKE + IKL) / 3, as the mart would carry it: idm_status
    # derives selisih_rata_rata from nilai_idm and the indices in the same select.
    with duckdb.connect(str(data_dir / "warehouse" / "desa.duckdb")) as connection:
        village = connection.execute("select min(kode_bps) from marts.idm_status").fetchall()[0][0]
        connection.execute(
            "update marts.idm_status set nilai_idm = nilai_idm + 0.01, "
            "selisih_rata_rata = abs((nilai_idm + 0.01) * 3 - (iks + ike + ikl)) / 3 "
            "where kode_bps = ? and tahun = 2021",
            [village],
        )
    idm_status = dg.AssetKey(["marts", "idm_status"])
    release = dg.AssetKey(["publish", "release"])
    selection = dg.AssetSelection.checks_for_assets(idm_status) | dg.AssetSelection.assets(release)
    result = run_pipeline(data_dir, selection=selection)

    assert not result.success
    checks = {e.check_name: e for e in result.get_asset_check_evaluations()}
    assert checks["gx_idm_status"].passed is False
    assert release not in {e.asset_key for e in result.get_asset_materialization_events()}
    assert snapshot(data_dir / "published") == before
    recorded = json.loads((data_dir / "quality" / "results" / "idm_status.json").read_text())
    (failure,) = recorded["failed_expectations"]
    assert failure["type"] == "expect_column_pair_values_a_to_be_greater_than_b"
    assert failure["kwargs"]["column_B"] == "selisih_rata_rata"
    assert failure["offending_keys"] == [{"kode_bps": village, "tahun": 2021}]
    assert "idm_status" in failure["message"]


def test_an_idm_index_above_1_is_loaded_and_blocks_publication(synthetic_run: Path, tmp_path: Path):
    """A value outside its domain is not quarantined at ingest: it reaches the mart, and the suite
    that owns the rule (idm_status: indices in [0, 1]) stops publication naming the village-year."""
    data_dir = copy_data_dir(synthetic_run, tmp_path / "data")
    before = snapshot(data_dir / "published")
    archive = synthetic_run / "landing_synthetic" / "kemendesa_idm" / "idm-rumusan.jsonl.gz"
    with gzip.open(archive, "rt", encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    record = json.loads(lines[0], parse_float=str)
    iks_row = next(r for r in record["response"]["mapData"]["ROW"] if r["ROW_CELL"] == 45)
    iks_row["SKOR"] = "1.5"
    lines[0] = json.dumps(record)
    landing = tmp_path / "landing" / "kemendesa_idm"
    landing.mkdir(parents=True)
    with gzip.open(landing / archive.name, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")

    idm_status = dg.AssetKey(["marts", "idm_status"])
    between = (
        dg.AssetSelection.assets(dg.AssetKey(["landing", "kemendesa_idm"])).downstream()
        & dg.AssetSelection.assets(idm_status).upstream()
    ).required_multi_asset_neighbors()  # the ingest step writes all four raw tables
    selection = between | dg.AssetSelection.assets(dg.AssetKey(["publish", "release"]))
    result = run_pipeline(data_dir, landing_dir=tmp_path / "landing", selection=selection)

    assert not result.success
    raw = duckdb.sql(
        f"select iks from read_parquet('{data_dir / 'raw' / 'kemendesa_idm' / 'village_years.parquet'}') "
        f"where kode_desa = '{record['kode_desa']}' and tahun = {record['tahun']}"
    ).fetchall()
    assert raw == [("1.5",)]
    checks = {e.check_name: e for e in result.get_asset_check_evaluations()}
    assert checks["gx_idm_status"].passed is False
    assert snapshot(data_dir / "published") == before
    recorded = json.loads((data_dir / "quality" / "results" / "idm_status.json").read_text())
    failures = {(f["type"], f["kwargs"].get("column")): f for f in recorded["failed_expectations"]}
    failure = failures[("expect_column_values_to_be_between", "iks")]
    assert [k["tahun"] for k in failure["offending_keys"]] == [record["tahun"]]
