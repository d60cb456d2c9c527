"""Embedded default for the DJPK Dana Desa sources: files in the official layouts, labelled synthetic.

National scale over the current master: every kabupaten/kota with desa gets Dana Desa, summing
exactly to the national figures the real DJPK files carry (../shared/DOMAIN.md: 2018 Rp60 T, 2019
Rp70 T, 2020 Rp71,19 T, 2021 Rp72 T, 2023 Rp68 T + a Rp2 T reserve, 2024 Rp69 T). DJPK spelling is
imitated: `Kab.`/`Kota`, provinces before the 2022 Papua split in the 2018-2021 file, the old names of
renamed kabupaten (seed `djpk_pemda_renames`), so the generated files exercise name resolution.
"""

from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

import numpy as np
import polars as pl

from assets.dana_desa.allocation import largest_remainder
from assets.dana_desa.pemda import PROVINCES_SEED, RENAMES_SEED
from assets.wilayah.master import load_master_regions

GENERATOR_VERSION = "djpk-dana-desa-synthetic-1"
SEED = 2021
NATIONAL = {  # tahun -> Dana Desa to kabupaten (rupiah), as in the real DJPK files
    2018: 60_000_000_000_000,
    2019: 70_000_000_000_000,
    2020: 71_190_000_000_000,
    2021: 72_000_000_000_000,
    2023: 68_000_000_000_000,
    2024: 69_000_000_000_000,
}
RESERVE_2023 = 2_000_000_000_000
TKDD_YEARS = (2018, 2019, 2020, 2021)
TSV_YEARS = (2023, 2024)
DATADASAR_YEARS = (2018, 2019)
DISCLAIMER = {
    2018: "Data bulan desember",
    2019: "Realisasi Berdasarkan SP2D",
    2020: "Realisasi Berdasarkan SP2D",
    2021: "Realiasi TKDD s.d Maret 2021",
}
REALISED = {2018: 0.998, 2019: 0.999, 2020: 0.999, 2021: 0.15, 2023: 1.02, 2024: 0.53}
TSV_HEADER = [
    "tahun",
    "kdprov",
    "urprov",
    "kdpemda",
    "urpemda",
    "kdakun",
    "urakun",
    "kdkelompok",
    "urkelompok",
    "kdjenis",
    "urjenis",
    "kdobjek",
    "urobjek",
    "nilai",
]
TKDD_HEADER = [
    "tahun",
    "kdpemda",
    "nmpemda",
    "kdprov",
    "nmprov",
    "wilayah",
    "disclaimer",
    "special_row",
    "1_a",
    "1_r",
    "1_p",
    "11_a",
    "11_r",
    "11_p",
    "2_a",
    "2_r",
    "2_p",
    "21_a",
    "21_r",
    "21_p",
    "21_662111_a",
    "21_662111_r",
    "21_662111_p",
]
DATADASAR_HEADER = [
    "Daerah",
    "Alokasi Dasar",
    "Alokasi Afirmasi",
    "Alokasi Formula",
    "Total Alokasi",
    "Jumlah Desa",
    "Jumlah Penduduk",
    "Jumlah Penduduk Miskin",
    "Luas Wilayah",
    "IKK",
]
OLD_PROVINCE = {"93": "91", "94": "91", "95": "91", "96": "92"}


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def djpk_name(nama: str) -> str:
    return "Kab. " + nama.removeprefix("Kabupaten ").strip() if nama.startswith("Kabupaten ") else nama


def village_master() -> pl.DataFrame:
    """Current desa (not kelurahan) of the master: kode_desa, kode_kabupaten."""
    regions = load_master_regions().to_frame()
    return (
        regions.filter((pl.col("kode").str.len_chars() == 13) & (pl.col("kode").str.slice(9, 1) != "1"))
        .select(pl.col("kode").alias("kode_desa"), pl.col("nama").alias("nama_desa"))
        .with_columns(pl.col("kode_desa").str.slice(0, 5).alias("kode_kabupaten"))
        .sort("kode_desa")
    )


def pemda_frame() -> pl.DataFrame:
    """Every current kabupaten/kota with its DJPK-style name, DJPK province numbers and desa count."""
    regions = load_master_regions().to_frame()
    kabupaten = regions.filter(pl.col("kode").str.len_chars() == 5).select("kode", "nama").sort("kode")
    provinces = dict(regions.filter(pl.col("kode").str.len_chars() == 2).select("kode", "nama").iter_rows())
    old_names = {r["kode_kabupaten"]: r["nama_pemda_djpk"] for r in _read(RENAMES_SEED)}
    djpk_prov = {r["kode_provinsi"]: r["kdprov_djpk"] for r in _read(PROVINCES_SEED)}
    desa = village_master().group_by("kode_kabupaten").len("jumlah_desa")
    rows = []
    for kode, nama in kabupaten.iter_rows():
        province = kode[:2]
        old_province = OLD_PROVINCE.get(province, province)
        rows.append(
            {
                "kode": kode,
                "nama_djpk": old_names.get(kode, djpk_name(nama)),
                "kdprov_lama": djpk_prov[old_province],
                "nmprov_lama": provinces[old_province],
                "kdprov_baru": djpk_prov[province],
                "nmprov_baru": provinces[province],
            }
        )
    frame = pl.DataFrame(rows).join(desa, left_on="kode", right_on="kode_kabupaten", how="left")
    frame = frame.with_columns(pl.col("jumlah_desa").fill_null(0).cast(pl.Int64))
    return frame.with_columns(
        pl.int_range(1, pl.len() + 1).over("kdprov_lama").alias("kdpemda_lama"),
        pl.int_range(1, pl.len() + 1).over("kdprov_baru").alias("kdpemda_baru"),
    )


def allocations(pemda: pl.DataFrame, rng: np.random.Generator) -> dict[int, list[int]]:
    """Per year, each pemda's allocation in whole thousands of rupiah (0 without desa), summing exactly."""
    desa = pemda["jumlah_desa"].to_numpy()
    factor = rng.lognormal(0.0, 0.25, size=len(desa))
    result = {}
    for year, total in NATIONAL.items():
        drift = rng.lognormal(0.0, 0.03, size=len(desa))
        weights = [float(d * f * g) for d, f, g in zip(desa, factor, drift, strict=True)]
        result[year] = [v * 1000 for v in largest_remainder(total // 1000, weights)]
    return result


def _rupiah(value: int | None) -> str:
    return "" if value is None else f"{value}.00"


def _write_gzip_csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=6) as handle:
        handle.write(buffer.getvalue())


def generate_djpk_tkdd(directory: Path, seed: int = SEED) -> None:
    rng = np.random.default_rng(seed)
    pemda = pemda_frame()
    amounts = allocations(pemda, rng)
    rows: list[list[object]] = []
    for year in TKDD_YEARS:
        realised = [int(a * REALISED[year] * rng.uniform(0.97, 1.0)) for a in amounts[year]]
        national_r = sum(realised)
        rows.append(
            [
                year,
                "--",
                "Nasional",
                "--",
                "Semua Provinsi",
                "Nasional",
                DISCLAIMER[year],
                "{}",
                "",
                "",
                "",
                *[_rupiah(NATIONAL[year]), _rupiah(national_r), f"{national_r / NATIONAL[year] * 100:.2f}%"]
                * 4,
            ]
        )
        by_province: dict[str, list[int]] = {}
        for index, record in enumerate(pemda.iter_rows(named=True)):
            by_province.setdefault(record["kdprov_lama"], []).append(index)
        for kdprov, members in by_province.items():
            nmprov = "Prov. " + pemda["nmprov_lama"][members[0]]
            alloc = sum(amounts[year][i] for i in members)
            real = sum(realised[i] for i in members)
            shown = alloc if year != 2018 else None
            rows.append(
                [
                    year,
                    "--",
                    "Semua pemda",
                    int(kdprov),
                    nmprov,
                    f"se-{nmprov}",
                    DISCLAIMER[year],
                    "",
                    "",
                    "",
                    "",
                    *[_rupiah(shown), _rupiah(real), "-"] * 4,
                ]
            )
            rows.append(
                [
                    year,
                    "0",
                    nmprov,
                    int(kdprov),
                    nmprov,
                    f"se-{nmprov}",
                    DISCLAIMER[year],
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
            for i in members:
                record = pemda.row(i, named=True)
                alloc_i = amounts[year][i] if year != 2018 else None
                percent = (
                    f"{realised[i] / amounts[year][i] * 100:.2f}%"
                    if amounts[year][i] and year != 2018
                    else "-"
                )
                rows.append(
                    [
                        year,
                        record["kdpemda_lama"],
                        record["nama_djpk"],
                        int(kdprov),
                        nmprov,
                        f"se-{record['nama_djpk']}",
                        DISCLAIMER[year],
                        "",
                        "",
                        "",
                        "",
                        *[_rupiah(alloc_i), _rupiah(realised[i]), percent] * 4,
                    ]
                )
    _write_gzip_csv(directory / "tkdd-2018-2021.csv.gz", TKDD_HEADER, rows)


def generate_djpk_dana_desa(directory: Path, seed: int = SEED) -> None:
    rng = np.random.default_rng(seed)
    pemda = pemda_frame()
    amounts = allocations(pemda, rng)
    receiving = [i for i in range(pemda.height) if pemda["jumlah_desa"][i] > 0]
    account = [
        "6",
        "TRANSFER KE DAERAH DAN DANA DESA",
        "66",
        "Dana Desa",
        "662",
        "Dana Desa",
        "6621",
        "Dana Desa",
    ]
    pagu: list[list[object]] = []
    realisasi: list[list[object]] = []
    for year in TSV_YEARS:
        if year == 2023:
            pagu.append([year, "00", "Nasional", "00", "Nasional", *account, RESERVE_2023])
        for i in receiving:
            record = pemda.row(i, named=True)
            where = [
                year,
                record["kdprov_baru"],
                "Provinsi " + record["nmprov_baru"],
                f"{record['kdpemda_baru']:02d}",
                record["nama_djpk"],
                *account,
            ]
            pagu.append([*where, amounts[year][i]])
            if year == 2024 and rng.uniform() < 0.02:
                continue  # not every kabupaten had drawn its 2024 Dana Desa at the cut-off
            realisasi.append([*where, int(amounts[year][i] * REALISED[year] * rng.uniform(0.9, 1.0))])
    files: tuple[tuple[str, list[list[object]]], ...] = (
        ("pagu-dana-desa.tsv", pagu),
        ("realisasi-dana-desa.tsv", realisasi),
    )
    for name, rows in files:
        lines: list[list[object]] = [list(TSV_HEADER), *rows]
        text = "\r\n".join("\t".join(str(v) for v in row) for row in lines) + "\r\n"
        (directory / name).write_text(text, encoding="utf-8", newline="")
    for year in DATADASAR_YEARS:
        rows = []
        for i in receiving:
            record = pemda.row(i, named=True)
            total = amounts[year][i] // 1000
            dasar, afirmasi, formula = largest_remainder(
                total, [0.77, 0.03, 0.20] if year == 2018 else [0.72, 0.015, 0.265]
            )
            penduduk = int(record["jumlah_desa"] * rng.lognormal(8.1, 0.3))
            rows.append(
                [
                    record["nama_djpk"],
                    _rupiah(dasar * 1000),
                    _rupiah(afirmasi * 1000),
                    _rupiah(formula * 1000),
                    _rupiah(total * 1000),
                    f"{record['jumlah_desa']}.00",
                    f"{penduduk}.00",
                    f"{int(penduduk * rng.uniform(0.05, 0.3))}.00",
                    f"{rng.uniform(50, 20000):.2f}",
                    f"{rng.uniform(80, 200):.2f}",
                ]
            )
        buffer = io.StringIO()
        writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(DATADASAR_HEADER)
        writer.writerows(rows)
        (directory / f"datadasar-danadesa{year}.csv").write_text(buffer.getvalue(), encoding="utf-8")


def village_attributes(villages: pl.DataFrame, seed: int = SEED) -> pl.DataFrame:
    """Synthetic formula inputs per village (no public per-village data): seeded, stable per master."""
    rng = np.random.default_rng(seed)
    n = villages.height
    penduduk = rng.lognormal(7.9, 0.6, size=n).astype(np.int64) + 50
    return villages.with_columns(
        pl.Series("penduduk", penduduk),
        pl.Series("penduduk_miskin", (penduduk * rng.beta(2.0, 12.0, size=n)).astype(np.int64)),
        pl.Series("luas_km2", rng.lognormal(2.5, 1.0, size=n)),
        pl.Series("ikg", rng.uniform(20.0, 80.0, size=n)),
        pl.Series("tertinggal", rng.uniform(size=n) < 0.25),
        pl.Series("skor_kinerja", rng.uniform(size=n)),
    )
