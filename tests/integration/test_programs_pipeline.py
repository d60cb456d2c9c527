"""Programs end to end: the harmonized activities and convergence marts on the session runs."""

import json
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.e2e

PROGRAM_MARTS = [
    "program_activities",
    "program_sdgs_alignment",
    "village_goal_convergence",
    "kabupaten_convergence",
    "asn_mengabdi_priorities",
]


def query(data_dir: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(data_dir / "warehouse" / "desa.duckdb"), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def check_programs(data_dir: Path) -> None:
    manifest = json.loads((data_dir / "published" / "manifest.json").read_text())
    datasets = {d["name"]: d for d in manifest["datasets"]}
    for name in PROGRAM_MARTS:
        assert name in datasets, name
        assert datasets[name]["quality"]["great_expectations"]["success"], name
        assert datasets[name]["row_count"] > 0, name

    # Every source system contributes, each activity once, with a level, a group and a place.
    systems = dict(query(data_dir, "select source_system, count(*) from marts.program_activities group by 1"))
    assert set(systems) == {"rkakl", "siskeudes", "idm"}, systems
    assert query(
        data_dir,
        "select count(*) from marts.program_activities where level is null or program_group is null "
        "or (kode_wilayah is null) <> (level_wilayah = 'nasional')",
    ) == [(0,)]

    # A Dana Desa rupiah appears once: at the spending village, equal to the APBDes DDS spending.
    (in_activities,) = query(
        data_dir, "select coalesce(sum(pagu_rupiah), 0) from marts.program_activities where dana_desa"
    )[0]
    (in_apbdes,) = query(
        data_dir,
        "select coalesce(sum(coalesce(anggaran_setelah_perubahan_rupiah, anggaran_rupiah)), 0) "
        "from marts.apbdes_lines where kode_akun = '5' and kode_desa is not null and sumber_dana = 'DDS'",
    )[0]
    assert in_activities == in_apbdes
    assert query(
        data_dir,
        "select count(*) from marts.program_activities where dana_desa and source_system <> 'siskeudes'",
    ) == [(0,)]

    # Ministry rupiah: the effective pagu of each year's latest revision, counted once.
    (ministry,) = query(
        data_dir, "select sum(pagu_rupiah) from marts.program_activities where source_system = 'rkakl'"
    )[0]
    (latest,) = query(
        data_dir,
        "select sum(pagu_efektif_rupiah) from (select pagu_efektif_rupiah from marts.apbn_lines "
        "qualify revisi = max(revisi) over (partition by tahun))",
    )[0]
    assert ministry == latest

    # Convergence: every village with SDGs scores and a current code x 18 goals; >= 3 weak goals each.
    (villages,) = query(
        data_dir,
        "select count(distinct kode_desa) from marts.sdgs_village_scores where kode_desa is not null",
    )[0]
    assert query(data_dir, "select count(*) from marts.village_goal_convergence") == [(villages * 18,)]
    assert query(
        data_dir,
        "select min(n) >= 3 from (select count(*) filter (where goal_lemah) as n "
        "from marts.village_goal_convergence group by kode_desa)",
    ) == [(True,)]
    assert query(
        data_dir,
        "select bool_and(pencegahan_perkawinan_anak = (goal = 5)) from marts.village_goal_convergence",
    ) == [(True,)]

    # Daerah tertinggal marked in the kabupaten table; Blitar's villages marked as the pilot.
    assert (
        query(
            data_dir,
            "select count(distinct kode_kabupaten) from marts.kabupaten_convergence where daerah_tertinggal",
        )[0][0]
        >= 60
    )
    blitar = query(
        data_dir,
        "select count(*), bool_and(pilot_asn_mengabdi), min(peringkat_kabupaten) "
        "from marts.asn_mengabdi_priorities where kode_kabupaten = '35.05'",
    )[0]
    assert blitar[0] > 0 and blitar[1] and blitar[2] == 1
    assert query(
        data_dir, "select count(*) from marts.asn_mengabdi_priorities where substr(kode_desa, 10, 1) = '1'"
    ) == [(0,)]


def test_programs_on_the_embedded_default(synthetic_run: Path) -> None:
    check_programs(synthetic_run)


def test_programs_on_the_real_files(real_run: Path) -> None:
    check_programs(real_run)
    # The IDM leg is real (the archive), its origin carried through.
    assert query(
        real_run, "select distinct data_origin from marts.program_activities where source_system = 'idm'"
    ) == [("real",)]
