"""IDM end to end: the embedded default and the real archive, read from the session runs' outputs."""

import gzip
import json
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pytest

from tests.conftest import require_shared

IDM_MARTS = [
    "idm_status",
    "idm_indicators",
    "idm_status_transitions",
    "idm_kabupaten_summary",
    "idm_province_summary",
    "idm_year_summary",
    "idm_code_resolution",
    "daerah_tertinggal",
    "daerah_tertinggal_progress",
]


def query(data_dir: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(data_dir / "warehouse" / "desa.duckdb"), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def manifest(data_dir: Path) -> dict:
    return json.loads((data_dir / "published" / "manifest.json").read_text())


@pytest.mark.e2e
def test_synthetic_run_publishes_every_idm_mart(synthetic_run: Path) -> None:
    datasets = {d["name"]: d for d in manifest(synthetic_run)["datasets"]}
    for name in IDM_MARTS:
        assert name in datasets, name
        assert datasets[name]["quality"]["great_expectations"]["success"], name
        # daerah_tertinggal is built from a seed and the (real) region master only.
        assert datasets[name]["synthetic"] == (name != "daerah_tertinggal"), name
    provenance = json.loads((synthetic_run / "raw" / "kemendesa_idm" / "_provenance.json").read_text())
    assert provenance["origin"] == "synthetic"
    landing = json.loads((synthetic_run / "landing" / "kemendesa_idm.json").read_text())
    assert landing["origins"] == {"api": "synthetic", "excel": "synthetic"}
    assert len(landing["files"]["excel"]) == 4


@pytest.mark.e2e
def test_synthetic_counts_match_raw_and_rejects(synthetic_run: Path) -> None:
    raw = synthetic_run / "raw" / "kemendesa_idm"
    api = pl.read_parquet(raw / "village_years.parquet")
    excel = pl.read_parquet(raw / "excel_village_years.parquet")
    keys = pl.concat([api.select("kode_desa", "tahun"), excel.select("kode_desa", "tahun")]).unique()
    assert query(synthetic_run, "select count(*) from marts.idm_status")[0][0] == keys.height
    assert query(synthetic_run, "select count(*) from marts.idm_indicators")[0][0] == api.height * 50
    rejects = query(
        synthetic_run,
        "select reason from marts.load_rejects where source_name = 'kemendesa_idm'",
    )
    assert len(rejects) == 4 + 4 * 3  # API: 4 defects; Excel: 3 bad rows per year
    # Status disagreements are flagged, not failed.
    assert query(synthetic_run, "select count(*) from marts.idm_status where status_tidak_sesuai")[0][0] > 0


@pytest.mark.e2e
def test_all_62_daerah_tertinggal_resolve(synthetic_run: Path) -> None:
    rows = query(
        synthetic_run, "select nama_kabupaten, kode_kabupaten, kode_provinsi from marts.daerah_tertinggal"
    )
    assert len(rows) == 62
    codes = {name: code for name, code, _ in rows}
    assert all(codes.values())
    assert len(set(codes.values())) == 62
    assert codes["Jayawijaya"] == "95.01"
    assert codes["Boven Digoel"] == "93.02"
    assert codes["Nabire"] == "94.01"
    assert codes["Sorong"] == "96.01"
    assert codes["Kupang"] == "53.01"
    assert codes["Maluku Tenggara Barat"] == "81.03"
    assert {p for *_, p in rows} >= {"93", "94", "95", "96"}
    schedule = dict(
        query(synthetic_run, "select tahun_target_entas, count(*) from marts.daerah_tertinggal group by 1")
    )
    assert (schedule[2021], schedule[2022], schedule[2023], schedule[2024]) == (6, 7, 6, 7)


@pytest.mark.e2e
@pytest.mark.real_data
def test_real_archive_values_are_published_exactly(real_run: Path) -> None:
    archive = require_shared("kemendesa_idm", "idm-rumusan.jsonl.gz")
    expected = {}
    nilai_by_row = {}
    decimals = 0
    with gzip.open(archive, "rt") as handle:
        for line in handle:
            record = json.loads(line, parse_float=Decimal)
            rows = {r["ROW_CELL"]: r["SKOR"] for r in record["response"]["mapData"]["ROW"]}
            key = (record["kode_desa"], record["tahun"])
            expected[key] = (
                Decimal(rows[45]),
                Decimal(rows[58]),
                Decimal(rows[62]),
                Decimal(rows[63]),
                record["response"]["mapData"]["SUMMARIES"]["STATUS"],
            )
            decimals = max(
                decimals, *(-Decimal(rows[c]).normalize().as_tuple().exponent for c in (45, 58, 62, 63))
            )
            for r in record["response"]["mapData"]["ROW"]:
                if r["NO"] is not None:
                    nilai_by_row[(*key, r["ROW_CELL"])] = None if r["NILAI"] is None else Decimal(r["NILAI"])
    published = query(
        real_run,
        "select kode_bps, tahun, iks, ike, ikl, nilai_idm, status, sumber, data_origin from marts.idm_status",
    )
    assert len(published) == len(expected) == 10006
    for kode, tahun, iks, ike, ikl, nilai, status, sumber, origin in published:
        assert (sumber, origin) == ("api", "real")
        assert (iks, ike, ikl, nilai, status) == expected[(kode, tahun)]
    # The source's rounding (the most decimals it writes) gives the published tolerance.
    tolerances = query(real_run, "select distinct toleransi_pembulatan from marts.idm_status")
    assert tolerances == [(10.0**-decimals,)]
    published_nilai = query(real_run, "select kode_bps, tahun, row_cell, nilai from marts.idm_indicators")
    assert len(published_nilai) == len(nilai_by_row) == 10006 * 50
    for kode, tahun, row_cell, value in published_nilai:
        assert value == nilai_by_row[(kode, tahun, row_cell)], (kode, tahun, row_cell)
    assert query(real_run, "select count(*) from marts.idm_status where status_tidak_sesuai")[0][0] == 0
    datasets = {d["name"]: d for d in manifest(real_run)["datasets"]}
    assert datasets["idm_status"]["data_origin"] == "real"
    notes = " ".join(n for s in datasets["idm_status"]["sources"] for n in s["notes"])
    assert "MIXED" in notes and "excel" in notes


@pytest.mark.e2e
@pytest.mark.real_data
def test_real_code_resolution_is_published(real_run: Path) -> None:
    rows = dict(query(real_run, "select metode, count(*) from marts.idm_code_resolution group by 1"))
    assert sum(rows.values()) == 2567
    # The IDM codes are Kemendagri codes without dots: most resolve through IDENTITAS.id_desa.
    assert rows.get("identitas", 0) + rows.get("identitas_dan_crosswalk", 0) > 2000
    assert (
        query(real_run, "select count(*) from marts.daerah_tertinggal where kode_kabupaten is not null")[0][0]
        == 62
    )
