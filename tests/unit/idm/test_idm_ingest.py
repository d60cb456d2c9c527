"""Ingest of IDM landing files: rejects kept with file, line and reason; unreadable files raise."""

import gzip
from pathlib import Path

import numpy as np
import polars as pl
import pytest
import xlsxwriter

from assets.common.errors import DesaInputError
from assets.idm.ingest import ingest_api_archive, ingest_excel
from assets.idm.synthetic import excel_rows, master_villages, simulate_scores, write_api_archive, write_excel


def ingest(archive: Path, directory: Path):
    return ingest_api_archive(
        archive, directory / "indicators.parquet", directory / "village_years.parquet", "synthetic"
    )


@pytest.fixture(scope="module")
def villages():
    return master_villages()[:40]


@pytest.fixture(scope="module")
def scores(villages):
    return simulate_scores(len(villages), 11)


def test_api_archive_with_defects(tmp_path: Path, villages, scores) -> None:
    archive = tmp_path / "idm-rumusan.jsonl.gz"
    lines = write_api_archive(archive, villages, scores, np.arange(10), seed=11)
    result = ingest(archive, tmp_path)
    assert lines == 44
    reasons = [r[3] for r in result.rejects]
    assert len(reasons) == 4
    assert any(r.startswith("malformed JSON") for r in reasons)
    assert any("54 rows" in r for r in reasons)
    assert any("SKOR" in r for r in reasons)
    assert any(r.startswith("duplicate of line") for r in reasons)
    assert all(r[1] and r[2] and r[0] == str(archive) for r in result.rejects)
    village_years = pl.read_parquet(tmp_path / "village_years.parquet")
    assert village_years.height == result.village_year_rows == 40
    assert village_years["data_origin"].unique().to_list() == ["synthetic"]
    indicators = pl.read_parquet(tmp_path / "indicators.parquet")
    assert indicators.height == result.indicator_rows == 40 * 50
    assert indicators["skor"].is_between(0, 5).all()
    # One village's codes were made outdated (a code the master no longer has).
    assert village_years.filter(pl.col("id_desa").str.slice(6, 2) == "29").height == 4


def test_batches_parsed_side_by_side_give_the_same_output(tmp_path: Path, villages, scores) -> None:
    """Several batches in flight at once (and a duplicate in a later batch than its first) change nothing."""
    archive = tmp_path / "idm-rumusan.jsonl.gz"
    write_api_archive(archive, villages, scores, np.arange(10), seed=11)
    results = {}
    for workers, batch_lines in ((1, 10_000), (2, 3), (3, 1)):
        out = tmp_path / f"w{workers}"
        loaded = ingest_api_archive(
            archive,
            out / "indicators.parquet",
            out / "village_years.parquet",
            "synthetic",
            batch_lines=batch_lines,
            workers=workers,
        )
        results[workers] = (
            pl.read_parquet(out / "village_years.parquet"),
            pl.read_parquet(out / "indicators.parquet"),
            [(r.record_number, r.reason) for r in loaded.rejects],
        )
    years, indicators, rejects = results[1]
    assert len(rejects) == 4
    for other in (2, 3):
        assert results[other][0].equals(years)
        assert results[other][1].equals(indicators)
        assert results[other][2] == rejects


def test_an_unreadable_archive_stops_with_batches_in_flight(tmp_path: Path, villages, scores) -> None:
    archive = tmp_path / "idm-rumusan.jsonl.gz"
    write_api_archive(archive, villages, scores, np.arange(5), seed=11, with_defects=False)
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) * 3 // 4])
    with pytest.raises(DesaInputError, match="line"):
        ingest_api_archive(
            archive, tmp_path / "i.parquet", tmp_path / "v.parquet", "synthetic", batch_lines=2, workers=2
        )
    assert not list(tmp_path.glob("*.parquet*")) and not list(tmp_path.glob(".*.tmp-*"))


def test_api_archive_that_is_not_gzip_raises(tmp_path: Path) -> None:
    archive = tmp_path / "idm-rumusan.jsonl.gz"
    archive.write_bytes(b"this is not gzip at all\n")
    with pytest.raises(DesaInputError, match=r"idm-rumusan\.jsonl\.gz.*gzip"):
        ingest(archive, tmp_path)
    assert not (tmp_path / "indicators.parquet").exists()
    assert not (tmp_path / "village_years.parquet").exists()


def test_truncated_gzip_names_the_line(tmp_path: Path, villages, scores) -> None:
    archive = tmp_path / "idm-rumusan.jsonl.gz"
    write_api_archive(archive, villages, scores, np.arange(5), seed=11, with_defects=False)
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])
    with pytest.raises(DesaInputError, match="line"):
        ingest(archive, tmp_path)


def test_archive_without_any_good_line_raises(tmp_path: Path) -> None:
    archive = tmp_path / "idm-rumusan.jsonl.gz"
    with gzip.open(archive, "wt") as handle:
        handle.write('{"kode_desa": "1101012001", "tahun": 2021, "response": {"status": 500}}\n')
    with pytest.raises(DesaInputError, match="no loadable record"):
        ingest(archive, tmp_path)


def test_excel_rows_and_rejects(tmp_path: Path, villages, scores) -> None:
    rows = excel_rows(villages, scores, 1)
    rows[3][5] = "-"
    rows[4][0] = ""
    rows[5][6] = "0.7x"
    rows[6][0] = rows[7][0]  # the same village twice
    rows[8][7] = 1.25  # outside [0, 1]: loaded, for the idm_status suite to stop
    path = tmp_path / "idm-desa-2022.xlsx"
    write_excel(path, 2022, rows)
    result = ingest_excel(path, 2022)
    assert result.rows.height == 36
    assert sorted(r[1] for r in result.rejects) == [5, 6, 7, 9]
    assert {r[0] for r in result.rejects} == {str(path)}
    assert result.rows.filter(pl.col("kode_desa") == rows[8][0].replace(".", ""))["ikl"].to_list() == ["1.25"]
    assert result.rows["nilai_idm"].str.contains(r"^0\.[0-9]{1,4}$|^1$|^0$").all()


def test_corrupted_excel_raises(tmp_path: Path) -> None:
    path = tmp_path / "idm-desa-2021.xlsx"
    path.write_bytes(b"PK\x03\x04 truncated zip")
    with pytest.raises(DesaInputError, match=r"idm-desa-2021\.xlsx, sheet DESA"):
        ingest_excel(path, 2021)


def test_excel_without_sheet_or_columns_raises(tmp_path: Path, villages, scores) -> None:
    path = tmp_path / "idm-desa-2021.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    workbook.add_worksheet("Sheet1").write_row(0, 0, ["A", "B"])
    workbook.close()
    with pytest.raises(DesaInputError, match="sheet DESA"):
        ingest_excel(path, 2021)
    write_excel(path, 2022, excel_rows(villages, scores, 1))
    with pytest.raises(DesaInputError, match=r"missing column.*the sheet has year 2022"):
        ingest_excel(path, 2021)
