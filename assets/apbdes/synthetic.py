"""Embedded default for the APBDes sources: Siskeudes export folders and Sideka tables, synthetic.

Small and seeded: two Siskeudes exports (2019 and 2020, three villages each, the Permendagri 20/2018
chart) and twenty Sideka villages (2017, the Permendagri 113/2014 chart), in the official layouts and
with the real files' shapes (codes ending with a dot, every field quoted, a tree of header and leaf
rows). One Siskeudes row and one Sideka row are malformed on purpose (they must be rejected), one
Sideka leaf has a fractional amount (rounded downstream) and one village's budget does not balance.
"""

from __future__ import annotations

import csv
import gzip
import io
from functools import lru_cache
from pathlib import Path

import numpy as np
import polars as pl

from assets.apbdes.layout import KEGIATAN_HEADER, PENGANGGARAN_HEADER
from assets.common.source import GenerateContext, Generator
from assets.wilayah.master import load_master_regions

SEED = 2019
SISKEUDES_VERSION = "siskeudes-synthetic-1"
SIDEKA_VERSION = "sideka-synthetic-1"

REK1 = [("4.", "PENDAPATAN"), ("5.", "BELANJA"), ("6.", "PEMBIAYAAN")]
REK2 = [
    ("4.", "4.1.", "Pendapatan Asli Desa"),
    ("4.", "4.2.", "Pendapatan Transfer"),
    ("5.", "5.1.", "Belanja Pegawai"),
    ("5.", "5.2.", "Belanja Barang dan Jasa"),
    ("5.", "5.3.", "Belanja Modal"),
    ("6.", "6.1.", "Penerimaan Pembiayaan"),
]
REK3 = [
    ("4.1.", "4.1.1.", "Hasil Usaha Desa"),
    ("4.2.", "4.2.1.", "Dana Desa"),
    ("4.2.", "4.2.2.", "Bagi Hasil Pajak dan Retribusi"),
    ("4.2.", "4.2.3.", "Alokasi Dana Desa"),
    ("5.1.", "5.1.1.", "Penghasilan Tetap dan Tunjangan Kepala Desa"),
    ("5.2.", "5.2.1.", "Belanja Barang Perlengkapan"),
    ("5.3.", "5.3.5.", "Belanja Modal Jalan/Prasarana Jalan"),
    ("6.1.", "6.1.1.", "SILPA Tahun Sebelumnya"),
]
REK4 = [
    ("4.1.1.", "4.1.1.01.", "Bagi Hasil BUMDesa"),
    ("4.2.1.", "4.2.1.01.", "Dana Desa"),
    ("4.2.2.", "4.2.2.01.", "Bagi Hasil Pajak Daerah Kabupaten/Kota"),
    ("4.2.3.", "4.2.3.01.", "Alokasi Dana Desa"),
    ("5.1.1.", "5.1.1.01.", "Penghasilan Tetap Kepala Desa"),
    ("5.2.1.", "5.2.1.01.", "Belanja Perlengkapan Alat Tulis Kantor dan Benda Pos"),
    ("5.3.5.", "5.3.5.01.", "Belanja Modal Jalan Desa - Upah Tenaga Kerja"),
    ("6.1.1.", "6.1.1.01.", "SILPA Tahun Sebelumnya"),
]
BIDANG = [
    ("01", "BIDANG PENYELENGGARAN PEMERINTAHAN DESA"),
    ("02", "BIDANG PELAKSANAAN PEMBANGUNAN DESA"),
    ("03", "BIDANG PEMBINAAN KEMASYARAKATAN"),
    ("04", "BIDANG PEMBERDAYAAN MASYARAKAT"),
    ("05", "BIDANG PENANGGULANGAN BENCANA, DARURAT DAN MENDESAK DESA"),
]
SUBBIDANG = [
    ("01", "01.01.", "Penyelenggaran Belanja Siltap, Tunjangan dan Operasional Pemerintahan Desa"),
    ("02", "02.03.", "Pekerjaan Umum dan Penataan Ruang"),
    ("04", "04.01.", "Kelautan dan Perikanan"),
]
KEGIATAN = [  # sub-bidang, id, name, account, funding source
    ("01.01.", "01.01.01.", "Penyediaan Penghasilan Tetap dan Tunjangan Kepala Desa", "5.1.1.01.", "ADD"),
    ("01.01.", "01.01.05.", "Penyediaan Operasional Pemerintah Desa", "5.2.1.01.", "ADD"),
    ("02.03.", "02.03.10.", "Pembangunan/Rehabilitasi/Peningkatan/Pengerasan Jalan Desa", "5.3.5.01.", "DDS"),
    ("04.01.", "04.01.01.", "Pemeliharaan Karamba/Kolam Perikanan Darat Milik Desa", "5.2.1.01.", "DDS"),
]
SUMBER = [
    ("ADD", "Alokasi Dana Desa", "2"),
    ("DDS", "Dana Desa (Dropping APBN)", "3"),
    ("DLL", "Pendapatan Lain Lain", "8"),
    ("PAD", "Pendapatan Asli Desa", "1"),
    ("PBH", "Penerimaan Bagi Hasil Pajak Retribusi Daerah", "4"),
]
STRING, INTEGER = "STRING", "INTEGER"
SCHEMAS: dict[str, list[tuple[str, str]]] = {
    "Ta_Pemda": [("Tahun", INTEGER), ("Kd_Prov", INTEGER), ("Kd_Kab", INTEGER), ("Nama_Pemda", STRING)],
    "Ref_Desa": [("Kd_Kec", INTEGER), ("Kd_Desa", STRING), ("Nama_Desa", STRING)],
    "Ref_Rek1": [("Akun", STRING), ("Nama_Akun", STRING)],
    "Ref_Rek2": [("Akun", STRING), ("Kelompok", STRING), ("Nama_Kelompok", STRING)],
    "Ref_Rek3": [("Kelompok", STRING), ("Jenis", STRING), ("Nama_Jenis", STRING)],
    "Ref_Rek4": [("Jenis", STRING), ("Obyek", STRING), ("Nama_Obyek", STRING)],
    "Ref_Bidang": [("Kd_Bid", INTEGER), ("Nama_Bidang", STRING)],
    "Ref_SubBidang": [("Kd_Bid", INTEGER), ("Kd_Sub", STRING), ("Nama_SubBidang", STRING)],
    "Ref_Kegiatan": [("Kd_Sub", STRING), ("ID_Keg", STRING), ("Nama_Kegiatan", STRING)],
    "Ref_Sumber": [("Kode", STRING), ("Nama_Sumber", STRING), ("Urut", INTEGER)],
    "Ta_Kegiatan": [
        ("Tahun", INTEGER),
        ("Kd_Desa", STRING),
        ("Kd_Sub", STRING),
        ("Kd_Keg", STRING),
        ("ID_Keg", STRING),
        ("Nama_Kegiatan", STRING),
        ("Pagu", INTEGER),
    ],
    "Ta_RAB": [
        ("Tahun", INTEGER),
        ("Kd_Desa", STRING),
        ("Kd_Keg", STRING),
        ("Kd_Rincian", STRING),
        ("Kd_SubRinci", INTEGER),
        ("Anggaran", INTEGER),
        ("AnggaranPAK", INTEGER),
        ("AnggaranStlhPAK", INTEGER),
    ],
    "Ta_RABRinci": [
        ("Tahun", INTEGER),
        ("Kd_Desa", STRING),
        ("Kd_Keg", STRING),
        ("Kd_Rincian", STRING),
        ("Kd_SubRinci", INTEGER),
        ("No_Urut", INTEGER),
        ("SumberDana", STRING),
        ("Uraian", STRING),
        ("Satuan", STRING),
        ("JmlSatuan", INTEGER),
        ("HrgSatuan", INTEGER),
        ("Anggaran", INTEGER),
        ("AnggaranStlhPAK", INTEGER),
        ("AnggaranPAK", INTEGER),
    ],
    "Ta_Anggaran": [
        ("KdPosting", INTEGER),
        ("Tahun", INTEGER),
        ("Kd_Rincian", STRING),
        ("Kd_Keg", STRING),
        ("SumberDana", STRING),
        ("Kd_Desa", STRING),
        ("Anggaran", INTEGER),
        ("AnggaranStlhPAK", INTEGER),
    ],
}
EXPORTS = (("2019-synthetic-aceh", 2019, "11"), ("2020-synthetic-jateng", 2020, "33"))


@lru_cache(maxsize=1)
def _master() -> pl.DataFrame:
    return load_master_regions().to_frame().select("kode", "nama")


def _desa_of_province(province: str, count: int, offset: int = 0) -> pl.DataFrame:
    regions = _master()
    desa = regions.filter(
        pl.col("kode").str.starts_with(province + ".")
        & (pl.col("kode").str.len_chars() == 13)
        & (pl.col("kode").str.slice(9, 1) == "2")
    ).sort("kode")
    first_kabupaten = desa["kode"][offset][:5]
    return desa.filter(pl.col("kode").str.starts_with(first_kabupaten)).head(count).select("kode", "nama")


def _write_table(folder: Path, table: str, rows: list[list[object]]) -> None:
    schema = SCHEMAS[table]
    columns = io.StringIO()
    writer = csv.writer(columns, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(["name", "type", "length", "leftDigits", "rightDigits"])
    for name, kind in schema:
        writer.writerow([name, kind, 10, 10 if kind == INTEGER else 0, 0])
    (folder / f"{table}.columns").write_text(columns.getvalue(), encoding="utf-8", newline="")
    data = io.StringIO()
    writer = csv.writer(data, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([name for name, _ in schema])
    writer.writerows(rows)
    (folder / f"{table}.csv").write_text(data.getvalue(), encoding="utf-8", newline="")


def generate_siskeudes(directory: Path, seed: int = SEED) -> None:
    rng = np.random.default_rng(seed)
    for index, (name, year, province) in enumerate(EXPORTS):
        folder = directory / name
        folder.mkdir(parents=True)
        villages = _desa_of_province(province, 3)
        kabupaten = villages["kode"][0][:5]
        regions = _master()
        pemda_name = regions.filter(pl.col("kode") == kabupaten)["nama"][0].upper()
        _write_table(
            folder, "Ta_Pemda", [[year, int(kabupaten[:2]), int(kabupaten[3:5]), f"PEMERINTAH {pemda_name}"]]
        )
        _write_table(
            folder,
            "Ref_Desa",
            [[k[6:8], k[6:] + ".", f"PEMERINTAH DESA {n.upper()}"] for k, n in villages.iter_rows()][:3],
        )
        _write_table(folder, "Ref_Rek1", [list(r) for r in REK1])
        _write_table(folder, "Ref_Rek2", [list(r) for r in REK2])
        _write_table(folder, "Ref_Rek3", [list(r) for r in REK3])
        _write_table(folder, "Ref_Rek4", [list(r) for r in REK4])
        _write_table(folder, "Ref_Bidang", [list(r) for r in BIDANG])
        _write_table(folder, "Ref_SubBidang", [list(r) for r in SUBBIDANG])
        _write_table(folder, "Ref_Kegiatan", [[s, i, n] for s, i, n, _, _ in KEGIATAN])
        _write_table(folder, "Ref_Sumber", [list(r) for r in SUMBER])
        kegiatan, rab, rinci, anggaran = [], [], [], []
        for v, (kode, _) in enumerate(villages.iter_rows()):
            desa = kode[6:] + "."
            revenue = {
                "4.2.1.01.": (
                    "DDS",
                    int(rng.integers(600, 1200)) * 1_000_000 + int(rng.integers(0, 999_999)),
                ),
                "4.2.3.01.": ("ADD", int(rng.integers(300, 700)) * 1_000_000),
                "4.2.2.01.": ("PBH", int(rng.integers(10, 40)) * 1_000_000),
                "4.1.1.01.": ("PAD", int(rng.integers(1, 10)) * 1_000_000),
                "6.1.1.01.": ("DLL", int(rng.integers(0, 50)) * 1_000_000),
            }
            spend_total = sum(a for _, a in revenue.values())
            if index == 1 and v == 2:
                spend_total -= 2_500_000  # this village's budget does not balance
            non_keg = f"{desa}00.00.00."
            lines: list[tuple[str, str, str, str, int, int]] = []
            for rincian, (sumber, amount) in revenue.items():
                lines.append((non_keg, rincian, sumber, f"Pendapatan {sumber} {year}", amount, amount))
            shares = rng.dirichlet(np.ones(len(KEGIATAN)))
            amounts = [int(spend_total * s) for s in shares]
            amounts[-1] += spend_total - sum(amounts)
            for (sub, keg_id, keg_name, rincian, sumber), amount in zip(KEGIATAN, amounts, strict=True):
                kd_keg = f"{desa}{keg_id}"
                kegiatan.append([year, desa, f"{desa}{sub}", kd_keg, keg_id, keg_name, amount])
                first = amount // 2
                after = first + (5_000_000 if year == 2020 and sumber == "DDS" else 0)
                lines.append((kd_keg, rincian, sumber, f"{keg_name[:30]} tahap 1", first, after))
                lines.append(
                    (
                        kd_keg,
                        rincian,
                        sumber,
                        f"{keg_name[:30]} tahap 2",
                        amount - first,
                        amount - first - (after - first),
                    )
                )
            for number, (kd_keg, rincian, sumber, uraian, before, after) in enumerate(lines, start=1):
                rinci.append(
                    [
                        year,
                        desa,
                        kd_keg,
                        rincian,
                        1,
                        number,
                        sumber,
                        uraian,
                        "Paket",
                        1,
                        before,
                        before,
                        after,
                        0,
                    ]
                )
            totals: dict[tuple[str, str], list[int]] = {}
            for kd_keg, rincian, sumber, _, before, after in lines:
                entry = totals.setdefault((kd_keg, rincian), [0, 0, 0])
                entry[0] += before
                entry[1] += after
                anggaran.append([1, year, rincian, kd_keg, sumber, desa, before, after])
            for (kd_keg, rincian), (before, after, _) in totals.items():
                rab.append([year, desa, kd_keg, rincian, 1, before, 0, after])
        if index == 0:
            broken = list(rinci[-1])
            broken[10] = broken[11] = "12.500,00"  # a malformed amount: rejected, named
            broken[5] = 99
            rinci.append(broken)
        _write_table(folder, "Ta_Kegiatan", kegiatan)
        _write_table(folder, "Ta_RAB", rab)
        _write_table(folder, "Ta_RABRinci", rinci)
        _write_table(folder, "Ta_Anggaran", anggaran)


SIDEKA_BIDANG = [
    (
        "01",
        "Bidang Penyelenggaraan Pemerintah Desa",
        "5.1.1",
        "Belanja Pegawai",
        "5.1.1.01",
        "Penghasilan Tetap",
        "ADD",
    ),
    (
        "02",
        "Bidang Pelaksanaan Pembangunan Desa",
        "5.1.3",
        "Belanja Modal",
        "5.1.3.27",
        "Belanja Modal Jalan Desa",
        "DDS",
    ),
    (
        "03",
        "Bidang Pembinaan Kemasyarakatan",
        "5.1.2",
        "Belanja Barang dan Jasa",
        "5.1.2.07",
        "Belanja Makanan",
        "ADD",
    ),
    (
        "04",
        "Bidang Pemberdayaan Masyarakat",
        "5.1.2",
        "Belanja Barang dan Jasa",
        "5.1.2.02",
        "Belanja ATK",
        "DDS",
    ),
]


def generate_sideka(directory: Path, seed: int = SEED) -> None:
    rng = np.random.default_rng(seed)
    villages = pl.concat([_desa_of_province(p, 5, 40) for p in ("32", "33", "52", "75")])
    stamp = "2017-11-23 09:16:02.24"
    lines: list[list[object]] = []
    kegiatans: list[list[object]] = []
    pid = 1

    def row(
        region: str,
        rid: str,
        keg: str | None,
        rek: str | None,
        uraian: str,
        sumber: str | None,
        amount: str,
        after: str,
    ) -> None:
        nonlocal pid
        unit: list[str | None] = [None, None, None] if sumber is None else ["Tahun", "1", amount]
        unit_pak: list[str | None] = [None, None] if sumber is None else ["1", after]
        lines.append(
            [
                stamp,
                stamp,
                pid,
                2017,
                pid,
                rid,
                keg,
                rek,
                uraian,
                sumber,
                *unit,
                amount,
                *unit_pak,
                after,
                str(round(float(after) - float(amount))),
                region,
            ]
        )
        pid += 1

    for v, (kode, _) in enumerate(villages.iter_rows()):
        prefix = kode[6:]
        dds = int(rng.integers(600, 900)) * 1_000_000
        add = int(rng.integers(250, 500)) * 1_000_000
        row(kode, "4.", None, "4", "PENDAPATAN", None, str(dds + add), str(dds + add))
        row(kode, "4.2.", None, "4.2", "Pendapatan Transfer", None, str(dds + add), str(dds + add))
        for jenis, name, sumber, amount in (
            ("4.2.1", "Dana Desa", "DDS", dds),
            ("4.2.3", "Alokasi Dana Desa", "ADD", add),
        ):
            row(kode, f"{jenis}.", None, jenis, name, None, str(amount), str(amount))
            row(kode, f"{jenis}.01.", None, f"{jenis}.01", name, None, str(amount), str(amount))
            row(kode, f"{jenis}.01.01", None, f"{jenis}.01.01", name, sumber, str(amount), str(amount))
        spend = dds + add - (7_000_000 if v == 3 else 0)
        row(kode, "5.", None, "5", "BELANJA", None, str(spend), str(spend))
        shares = rng.dirichlet(np.ones(len(SIDEKA_BIDANG)))
        amounts = [int(spend * s) for s in shares]
        amounts[-1] += spend - sum(amounts)
        for (bid, bname, jenis, jname, objek, oname, sumber), amount in zip(
            SIDEKA_BIDANG, amounts, strict=True
        ):
            bidang = f"{prefix}.{bid}"
            keg = f"{bidang}.01"
            row(kode, bidang, bidang, None, bname, None, str(amount), str(amount))
            row(kode, f"{keg}.", keg, None, f"Kegiatan {bname[7:]}", None, str(amount), str(amount))
            row(kode, f"{keg}._{jenis}.", keg, jenis, jname, None, str(amount), str(amount))
            row(kode, f"{keg}._{objek}.", keg, objek, oname, None, str(amount), str(amount))
            text = f"{amount - 0.25:.2f}" if v == 0 and bid == "04" else str(amount)  # a fractional rupiah
            row(kode, f"{keg}._{objek}.01", keg, f"{objek}.01", oname, sumber, text, text)
            kegiatans.append(
                [
                    stamp,
                    stamp,
                    len(kegiatans) + 1,
                    2017,
                    len(kegiatans) + 1,
                    f"{bidang}_{keg}.",
                    bidang,
                    bname,
                    f"{keg}.",
                    f"Kegiatan {bname[7:]}",
                    "",
                    "",
                    "",
                    amount,
                    amount,
                    kode,
                ]
            )
    broken = list(lines[-1])
    broken[13] = "1.500.000"  # a malformed amount: rejected, named
    lines.append(broken)
    for name, header, rows in (
        ("siskeudes_penganggarans.csv.gz", PENGANGGARAN_HEADER, lines),
        ("siskeudes_kegiatans.csv.gz", KEGIATAN_HEADER, kegiatans),
    ):
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(["" if c is None else c for c in r] for r in rows)
        with gzip.open(directory / name, "wt", encoding="utf-8") as handle:
            handle.write(buffer.getvalue())


def _siskeudes(context: GenerateContext) -> None:
    generate_siskeudes(context.directory)


def _sideka(context: GenerateContext) -> None:
    generate_sideka(context.directory)


SISKEUDES_GENERATOR = Generator(
    version=f"{SISKEUDES_VERSION} seed={SEED}",
    generate=_siskeudes,
    description="two Siskeudes exports (2019, 2020), three villages each, Permendagri 20/2018 chart",
)
SIDEKA_GENERATOR = Generator(
    version=f"{SIDEKA_VERSION} seed={SEED}",
    generate=_sideka,
    description="twenty Sideka villages' 2017 budgets, Permendagri 113/2014 chart",
)
