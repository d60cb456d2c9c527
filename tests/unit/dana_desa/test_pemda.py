"""DJPK pemda names to current Kemendagri codes: equal names, the seed, the Papua split, never a guess."""

import polars as pl
import pytest

from assets.dana_desa.pemda import Reference, jenis_pemda, normalize_pemda, resolve_one

KABUPATEN = {
    "12.12": "Kabupaten Toba",
    "12.77": "Kota Padangsidimpuan",
    "73.10": "Kabupaten Pangkajene dan Kepulauan",
    "91.03": "Kabupaten Jayapura",
    "91.71": "Kota Jayapura",
    "93.01": "Kabupaten Merauke",
    "96.01": "Kabupaten Sorong",
    "96.71": "Kota Sorong",
    "33.01": "Kabupaten Cilacap",
}


@pytest.fixture
def reference() -> Reference:
    return Reference.load(KABUPATEN)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Kab. Aceh Barat", "ACEHBARAT"),
        ("Kabupaten Aceh Barat", "ACEHBARAT"),
        ("Kab Musi Rawas Utara", "MUSIRAWASUTARA"),
        ("Kota  Sorong", "KOTASORONG"),
        ("Kabupaten Kabupaten", "KABUPATEN"),
    ],
)
def test_normalize_keeps_kota_and_drops_the_kabupaten_prefix(name: str, expected: str) -> None:
    assert normalize_pemda(name) == expected


def test_equal_name_in_its_province_resolves(reference: Reference) -> None:
    assert resolve_one("Kab. Cilacap", "11", reference).kode_kabupaten == "33.01"
    assert resolve_one("Kab. Cilacap", "11", reference).resolusi == "nama"


def test_kota_and_kabupaten_of_the_same_name_stay_apart(reference: Reference) -> None:
    assert resolve_one("Kota Sorong", "32", reference).kode_kabupaten == "96.71"
    assert resolve_one("Kab. Sorong", "32", reference).kode_kabupaten == "96.01"
    assert resolve_one("Kota Jayapura", "26", reference).kode_kabupaten == "91.71"


def test_papua_before_the_split_reaches_the_new_provinces(reference: Reference) -> None:
    # DJPK 26 is Papua before 2022: Merauke now lies in 93 Papua Selatan.
    assert resolve_one("Kab. Merauke", "26", reference).kode_kabupaten == "93.01"
    # The 2023-2024 files already number Papua Selatan 35.
    assert resolve_one("Kab. Merauke", "35", reference).kode_kabupaten == "93.01"


def test_renames_and_spellings_come_from_the_seed(reference: Reference) -> None:
    toba = resolve_one("Kab. Toba Samosir", "02", reference)
    assert (toba.kode_kabupaten, toba.resolusi) == ("12.12", "seed")
    assert resolve_one("Kota Padang Sidempuan", "2", reference).kode_kabupaten == "12.77"
    assert resolve_one("Kab. Pangkajene Kepulauan", "20", reference).kode_kabupaten == "73.10"


def test_unknown_names_are_not_guessed(reference: Reference) -> None:
    near = resolve_one("Kab. Cilacapp", "11", reference)
    assert near.kode_kabupaten is None
    assert near.resolusi.startswith("unresolved: no current kabupaten/kota")


def test_a_name_in_the_wrong_province_is_refused(reference: Reference) -> None:
    wrong = resolve_one("Kab. Cilacap", "13", reference)  # DJPK 13 is Jawa Timur
    assert wrong.kode_kabupaten is None
    assert "outside the DJPK province" in wrong.resolusi


def test_a_seed_code_missing_from_the_master_is_unresolved() -> None:
    reference = Reference.load({"33.01": "Kabupaten Cilacap"})
    result = resolve_one("Kab. Toba Samosir", "02", reference)
    assert result.kode_kabupaten is None and "seed code 12.12" in result.resolusi


def test_without_a_province_the_national_name_decides(reference: Reference) -> None:
    assert resolve_one("Kab. Cilacap", None, reference).kode_kabupaten == "33.01"


def test_row_kinds() -> None:
    names = pl.Series(
        ["Kab. Mamuju", "Kota Tual", "Prov. Aceh", "Nasional", "Semua pemda", "Kabupaten X", "?"]
    )
    kinds = pl.DataFrame({"n": names}).select(jenis_pemda(pl.col("n")).alias("k"))["k"].to_list()
    assert kinds == [
        "kabupaten",
        "kota",
        "provinsi",
        "nasional",
        "semua_pemda_provinsi",
        "kabupaten",
        "lainnya",
    ]
