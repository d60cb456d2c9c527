"""Budget end to end: the whole pipeline's session run on the embedded default (the budget lines are
generated there and in real runs alike), read from its warehouse, raw tables and published release."""

import json
from pathlib import Path

import duckdb
import polars as pl
import pytest

BUDGET_MARTS = ["apbn_lines", "apbn_revisions", "apbn_refocusing_2021", "budget_tieouts"]
# Rows per revision of the embedded default (seed 67): round 3 cancels 40 travel lines and adds
# three COVID-19 items under an existing output.
ROWS_PER_REVISION = {0: 30623, 1: 30623, 2: 30623, 3: 30586, 4: 30586}
EXPECTED_GAPS = {
    # the published breakdown sums to 130,76 miliar, not the 130,82 announced
    "refocusing_2021_round_1_breakdown_sum": -60_000_000,
    # detik.com rounds the first round to Rp130 M
    "refocusing_2021_round_1_rounded": 820_000_000,
    "refocusing_2021_four_rounds_total": 820_000_000,
    # the lines leave Rp3.036.989.142.000, not the Rp3,08 T reported
    "pagu_2021_after_refocusing": -43_010_858_000,
    # 3,69 T - 0,652 T = 3,04 T, not 3,08 T (published beside published)
    "pagu_2021_after_refocusing_published_arithmetic": -42_190_858_000,
    # 2022 indicative figures by unit beside the final 2022 pagu
    "pagu_indikatif_2022_units_sum": 73_860_000_000,
}
NOT_COMPUTABLE = {
    "pagu_indikatif_2021",
    "pagu_2022",
    "pagu_2023",
    *(f"pagu_indikatif_2022_{u}" for u in ("pdp", "peid", "ppdt", "ppktrans", "bpsdm", "setjen", "bpi")),
}


def query(data_dir: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(data_dir / "warehouse" / "desa.duckdb"), read_only=True) as connection:
        return connection.execute(sql).fetchall()


@pytest.mark.e2e
def test_rows_per_revision_and_the_approved_pagu(synthetic_run: Path) -> None:
    rows = query(
        synthetic_run,
        "select revisi, count(*), sum(pagu_rupiah)::bigint, sum(pagu_efektif_rupiah)::bigint "
        "from marts.apbn_lines group by revisi order by revisi",
    )
    assert {r[0]: r[1] for r in rows} == ROWS_PER_REVISION
    assert rows[0][2] == rows[0][3] == 3_689_809_142_000
    assert [r[3] for r in rows] == [
        3_689_809_142_000,
        3_558_989_142_000,
        3_540_989_142_000,
        3_290_989_142_000,
        3_036_989_142_000,
    ]
    raw = pl.read_parquet(synthetic_run / "raw" / "kemendesa_apbn" / "lines.parquet")
    assert raw.height == sum(ROWS_PER_REVISION.values())
    files = raw.group_by("revisike").agg(pl.col("source_file").first()).sort("revisike")
    suffixes = [Path(f).suffix for f in files.get_column("source_file")]
    assert suffixes == [".csv", ".csv", ".csv", ".xlsx", ".csv"]  # both readers ran


@pytest.mark.e2e
def test_tieouts_surface_the_public_gaps(synthetic_run: Path) -> None:
    rows = query(
        synthetic_run,
        "select figure, status, difference_rupiah from marts.budget_tieouts "
        "where computed_as is distinct from 'dana_desa_tieouts'",
    )
    assert (
        query(synthetic_run, "select count(*) from marts.budget_tieouts")[0][0]
        == 39 + query(synthetic_run, "select count(*) from marts.dana_desa_tieouts")[0][0]
    )
    assert len(rows) == 39
    status = {figure: s for figure, s, _ in rows}
    gaps = {figure: d for figure, s, d in rows if s == "gap"}
    assert gaps == EXPECTED_GAPS
    assert {f for f, s in status.items() if s == "not_computable"} == NOT_COMPUTABLE
    ties = {f for f, s in status.items() if s == "ties"}
    assert {
        "pagu_2021",
        "pagu_2021_belanja_pegawai",
        "pagu_2021_belanja_barang",
        "pagu_2021_belanja_modal",
        "refocusing_2021_round_1",
        "refocusing_2021_round_1_perjalanan_dinas",
        "refocusing_2021_round_1_honorarium",
        "refocusing_2021_round_1_kajian_konsultan",
        "refocusing_2021_round_1_monev_lapangan",
        "refocusing_2021_round_1_bantuan",
        "refocusing_2021_round_2",
        "refocusing_2021_round_3",
        "refocusing_2021_round_4",
        "prioritas_2021_tekad",
        "prioritas_2021_pendampingan",
    } <= ties
    assert len(ties) == 39 - len(EXPECTED_GAPS) - len(NOT_COMPUTABLE)


@pytest.mark.e2e
def test_refocusing_rounds_and_revisions_agree_with_the_lines(synthetic_run: Path) -> None:
    rounds = query(
        synthetic_run,
        "select putaran, sum(pengurangan_pagu_efektif_rupiah)::bigint, "
        "sum(dipotong_rupiah + diblokir_rupiah)::bigint "
        "from marts.apbn_refocusing_2021 group by 1 order by 1",
    )
    assert rounds == [
        (1, 130_820_000_000, 130_820_000_000),
        (2, 18_000_000_000, 18_000_000_000),
        (3, 250_000_000_000, 250_000_000_000),
        (4, 254_000_000_000, 254_000_000_000),
    ]
    changes = query(
        synthetic_run,
        "select revisi, sum(perubahan_pagu_efektif_rupiah)::bigint from marts.apbn_revisions "
        "where revisi > 0 group by 1 order by 1",
    )
    assert changes == [(r, -c) for r, c, _ in rounds]


@pytest.mark.e2e
def test_rejects_and_publication(synthetic_run: Path) -> None:
    rejects = query(
        synthetic_run,
        "select reason from marts.load_rejects where source_name = 'kemendesa_apbn' order by reason",
    )
    assert rejects == [
        ("JUMLAH '1.250.000,50' is not a whole rupiah amount",),
        ("KDAKUN '5241I1' has a letter: an akun is six digits",),
    ]
    manifest = json.loads((synthetic_run / "published" / "manifest.json").read_text())
    datasets = {d["name"]: d for d in manifest["datasets"]}
    for name in BUDGET_MARTS:
        assert name in datasets, name
        assert datasets[name]["quality"]["great_expectations"]["success"], name
        assert datasets[name]["synthetic"], name
    provenance = json.loads((synthetic_run / "raw" / "kemendesa_apbn" / "_provenance.json").read_text())
    assert provenance["origin"] == "synthetic"
    assert provenance["notes"][0].startswith("SYNTHETIC: revisions generated by kemendesa_apbn-synthetic-1")
