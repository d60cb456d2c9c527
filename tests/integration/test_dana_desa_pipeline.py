"""Dana Desa and APBDes end to end: the real DJPK, Siskeudes and Sideka files, and the embedded default."""

import json
from pathlib import Path

import duckdb
import pytest

MARTS = [
    "dana_desa_kabupaten",
    "dana_desa_desa",
    "dana_desa_tieouts",
    "djpk_pemda_codes",
    "apbdes_lines",
    "apbdes_summary",
    "apbdes_dana_desa_reconciliation",
]
BUDGET_SOURCES = ["djpk_tkdd", "djpk_dana_desa", "djpk_dana_desa_desa", "siskeudes", "sideka_apbdes"]


def query(data_dir: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(data_dir / "warehouse" / "desa.duckdb"), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def datasets(data_dir: Path) -> dict[str, dict]:
    manifest = json.loads((data_dir / "published" / "manifest.json").read_text())
    return {d["name"]: d for d in manifest["datasets"]}


def tieouts(data_dir: Path) -> dict[str, tuple]:
    rows = query(
        data_dir,
        "select figure, published_rupiah, computed_rupiah, difference_rupiah, status "
        "from marts.dana_desa_tieouts",
    )
    return {r[0]: r[1:] for r in rows}


@pytest.mark.e2e
def test_real_marts_are_published_and_pass_their_suites(real_run: Path) -> None:
    published = datasets(real_run)
    for name in MARTS:
        assert name in published, name
        assert published[name]["quality"]["great_expectations"]["success"], name
    # The per-village allocations are generated from the real kabupaten figures: synthetic.
    assert published["dana_desa_desa"]["synthetic"]
    assert not published["dana_desa_kabupaten"]["synthetic"]


@pytest.mark.e2e
def test_real_every_receiving_kabupaten_resolves_every_year(real_run: Path) -> None:
    per_year = dict(query(real_run, "select tahun, count(*) from marts.dana_desa_kabupaten group by 1"))
    assert per_year == {2018: 434, 2019: 434, 2020: 434, 2021: 434, 2023: 434, 2024: 434}
    unresolved = query(
        real_run,
        "select nama_pemda_djpk from marts.djpk_pemda_codes "
        "where penerima_dana_desa and kode_kabupaten is null",
    )
    assert unresolved == []
    toba = query(
        real_run,
        "select kode_kabupaten, metode from marts.djpk_pemda_codes "
        "where nama_pemda_djpk = 'Kab. Toba Samosir'",
    )
    assert set(toba) == {("12.12", "seed")}


@pytest.mark.e2e
def test_real_tieouts(real_run: Path) -> None:
    rows = tieouts(real_run)
    national = "Dana Desa {}: sum of kabupaten allocations vs the DJPK national row"
    for year, total in ((2018, 60), (2019, 70), (2021, 72)):
        assert rows[national.format(year)] == (total * 10**12, total * 10**12, 0, "ties")
    assert rows[national.format(2020)] == (71_190_000_000_000, 71_190_000_000_000, 0, "ties")
    domain = "Dana Desa {}: DJPK kabupaten allocations (+ national reserve) vs DOMAIN.md"
    assert rows[domain.format(2020)][2:] == (190_000_000_000, "gap")
    assert rows[domain.format(2022)][3] == "not_computable"
    assert rows[domain.format(2023)][2:] == (0, "ties")  # Rp68 T to kabupaten + the Rp2 T reserve
    assert rows[domain.format(2024)] == (71 * 10**12, 69 * 10**12, -2 * 10**12, "gap")
    parts = "Formula parts 2019: alokasi dasar + afirmasi + formula vs total alokasi (all kabupaten)"
    assert rows[parts][2:] == (-1_732_000, "gap")
    assert rows["Kabupaten/kota receiving Dana Desa 2021 vs DOMAIN.md"] == (434, 434, 0, "ties")
    assert rows["Villages 2018: DJPK formula inputs vs DOMAIN.md"][2:] == (0, "ties")
    assert rows["Villages 2019: DJPK formula inputs vs DOMAIN.md"][2:] == (0, "ties")
    for year in (2018, 2019, 2020, 2021, 2023, 2024):
        assert rows[f"Dana Desa {year}: per-village allocations vs kabupaten allocations"][3] == "ties"


@pytest.mark.e2e
def test_real_kabupaten_figures_are_exact(real_run: Path) -> None:
    bogor = query(
        real_run,
        "select tahun, pagu_rupiah, realisasi_rupiah, realisasi_sampai_tanggal "
        "from marts.dana_desa_kabupaten "
        "where kode_kabupaten = '32.01' order by tahun",
    )
    assert bogor[1][:3] == (2019, 488_434_210_000, 488_434_209_602)
    assert bogor[3][0] == 2021 and bogor[3][3].isoformat() == "2021-03-31"
    prabumulih = query(
        real_run,
        "select selisih_komponen_rupiah from marts.dana_desa_kabupaten "
        "where kode_kabupaten = '16.74' and tahun = 2019",
    )
    assert prabumulih == [(1_732_000,)]


@pytest.mark.e2e
def test_real_apbdes(real_run: Path) -> None:
    subulussalam = query(
        real_run,
        "select pendapatan_rupiah, belanja_rupiah, dana_desa_rupiah, seimbang from marts.apbdes_summary "
        "where kode_desa = '11.75.04.2014' and tahun = 2019",
    )
    assert subulussalam == [(1_459_971_435, 1_459_971_435, 786_747_799, True)]
    lines = dict(query(real_run, "select sumber_data, count(*) from marts.apbdes_lines group by 1"))
    assert lines["siskeudes"] == 481
    assert lines["sideka"] > 20_000
    villages = dict(query(real_run, "select sumber_data, count(*) from marts.apbdes_summary group by 1"))
    assert villages == {"siskeudes": 1, "sideka": 164}
    charts = dict(
        query(
            real_run,
            "select versi_bagan, count(*) filter (where kode_kelompok_20_2018 is null) "
            "from marts.apbdes_lines group by 1",
        )
    )
    assert charts == {"20/2018": 0, "113/2014": 0}
    rejects = query(
        real_run, f"select count(*) from marts.load_rejects where source_name in {tuple(BUDGET_SOURCES)}"
    )
    assert rejects == [(0,)]  # the real budget files load whole (fractional poor population is an estimate)


@pytest.mark.e2e
def test_synthetic_budget_marts_are_published_labelled_and_reject_the_planted_rows(
    synthetic_run: Path,
) -> None:
    published = datasets(synthetic_run)
    for name in MARTS:
        assert name in published, name
        assert published[name]["synthetic"], name
        assert published[name]["quality"]["great_expectations"]["success"], name
    rows = tieouts(synthetic_run)
    for year in (2018, 2019, 2020, 2021):
        assert rows[f"Dana Desa {year}: sum of kabupaten allocations vs the DJPK national row"][3] == "ties"
        assert rows[f"Dana Desa {year}: per-village allocations vs kabupaten allocations"][3] == "ties"
    reasons = dict(
        query(
            synthetic_run,
            "select source_name, reason from marts.load_rejects "
            "where source_name in ('siskeudes', 'sideka_apbdes')",
        )
    )
    assert reasons == {
        "siskeudes": "HrgSatuan is not a whole number",
        "sideka_apbdes": "anggaran is not a number: '1.500.000'",
    }
    unbalanced = query(synthetic_run, "select count(*) from marts.apbdes_summary where not seimbang")
    assert unbalanced == [(2,)]
