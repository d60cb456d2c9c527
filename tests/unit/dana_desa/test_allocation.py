"""Per-village Dana Desa: exact to the rupiah, and each component goes where the formula says."""

import random

import polars as pl
import pytest

from assets.dana_desa.allocation import COMPONENTS, Formula, allocate, component_totals, largest_remainder

FORMULA_2021 = Formula(
    {"alokasi_dasar": 0.65, "alokasi_afirmasi": 0.01, "alokasi_kinerja": 0.03, "alokasi_formula": 0.31},
    0.10,
    0.40,
    0.20,
    0.30,
)


@pytest.mark.parametrize("seed", range(50))
def test_largest_remainder_sums_exactly(seed: int) -> None:
    rng = random.Random(seed)
    total = rng.randint(0, 10**13)
    weights = [rng.choice([0.0, rng.uniform(0, 1e6)]) for _ in range(rng.randint(1, 50))]
    parts = largest_remainder(total, weights)
    assert sum(parts) == total
    assert all(p >= 0 for p in parts)


def test_largest_remainder_gives_leftovers_to_the_largest_fractions() -> None:
    assert largest_remainder(10, [1, 1, 1]) == [4, 3, 3]
    assert largest_remainder(100, [0.5, 0.3, 0.2]) == [50, 30, 20]
    assert largest_remainder(7, [0, 0]) == [4, 3]


def test_component_totals_follow_the_shares_or_djpk_parts() -> None:
    shares = component_totals(1_000_000_000, None, FORMULA_2021)
    assert shares == {
        "alokasi_dasar": 650_000_000,
        "alokasi_afirmasi": 10_000_000,
        "alokasi_kinerja": 30_000_000,
        "alokasi_formula": 310_000_000,
    }
    # 2019 Kota Prabumulih: DJPK's parts sum Rp1.732.000 below the total; the total is kept.
    parts = {
        "alokasi_dasar": 8_069_057_000,
        "alokasi_afirmasi": 1_901_600_000,
        "alokasi_kinerja": 0,
        "alokasi_formula": 11_242_024_000,
    }
    split = component_totals(21_214_413_000, parts, FORMULA_2021)
    assert sum(split.values()) == 21_214_413_000
    assert split["alokasi_kinerja"] == 0


def _villages(n: int, kabupaten: str = "11.01") -> pl.DataFrame:
    return pl.DataFrame(
        {
            "kode_desa": [f"{kabupaten}.01.{2001 + i}" for i in range(n)],
            "kode_kabupaten": [kabupaten] * n,
            "penduduk": [1000 + 100 * i for i in range(n)],
            "penduduk_miskin": [10 * (i + 1) for i in range(n)],
            "luas_km2": [5.0 + i for i in range(n)],
            "ikg": [40.0] * n,
            "tertinggal": [i % 2 == 0 for i in range(n)],
            "skor_kinerja": [i / n for i in range(n)],
        }
    )


def test_allocate_sums_to_the_kabupaten_figure_to_the_rupiah() -> None:
    villages = pl.concat([_villages(17), _villages(3, "11.02")])
    kabupaten = pl.DataFrame(
        {
            "kode_kabupaten": ["11.01", "11.02", "11.03"],
            "tahun": [2021, 2021, 2021],
            "pagu": [12_345_678_901, 2_000_000_003, 5],
        }
    )
    result = allocate(villages, kabupaten, {2021: FORMULA_2021})
    sums = result.group_by("kode_kabupaten").agg(pl.col("pagu").sum()).sort("kode_kabupaten")
    assert sums.rows() == [("11.01", 12_345_678_901), ("11.02", 2_000_000_003)]  # 11.03 has no villages
    assert (result.select(pl.sum_horizontal(*COMPONENTS)).to_series() == result["pagu"]).all()
    assert result.select(pl.min_horizontal(*COMPONENTS).min()).item() >= 0


def test_each_component_follows_the_formula() -> None:
    villages = _villages(20)
    kabupaten = pl.DataFrame({"kode_kabupaten": ["11.01"], "tahun": [2021], "pagu": [20_000_000_000]})
    result = allocate(villages, kabupaten, {2021: FORMULA_2021}).sort("kode_desa")
    totals = {c: result[c].sum() for c in COMPONENTS}
    assert totals == {
        "alokasi_dasar": 13_000_000_000,
        "alokasi_afirmasi": 200_000_000,
        "alokasi_kinerja": 600_000_000,
        "alokasi_formula": 6_200_000_000,
    }
    # Dasar is equal per village.
    assert result["alokasi_dasar"].n_unique() == 1
    # Afirmasi: only tertinggal villages among the poorest 30% (villages 14, 16, 18 by index).
    afirmasi = result.filter(pl.col("alokasi_afirmasi") > 0)["kode_desa"].to_list()
    assert afirmasi == ["11.01.01.2015", "11.01.01.2017", "11.01.01.2019"]
    # Kinerja: the best 10% (2 of 20) by performance score.
    assert result.filter(pl.col("alokasi_kinerja") > 0)["kode_desa"].to_list() == [
        "11.01.01.2019",
        "11.01.01.2020",
    ]
    # Formula grows with population, poverty and area.
    formula = result["alokasi_formula"].to_list()
    assert formula == sorted(formula)


def test_a_year_without_its_formula_is_an_error() -> None:
    kabupaten = pl.DataFrame({"kode_kabupaten": ["11.01"], "tahun": [2030], "pagu": [10]})
    with pytest.raises(KeyError):
        allocate(_villages(2), kabupaten, {2021: FORMULA_2021})
