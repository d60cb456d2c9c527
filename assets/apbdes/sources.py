"""APBDes (village budgets) on the source contract: Siskeudes exports and the Sideka tables.

- `siskeudes`: any number of Siskeudes (BPKP) export folders under the landing folder, each one
  `<Table>.csv` (every field quoted, codes ending with a dot) plus `<Table>.columns` (the schema) per
  table, read with `assets.common.tabular.read_exported_table`. Every table this domain needs must be
  in every folder, or the run stops naming the folder. Each raw table is the union of the folders,
  with the folder name (`ekspor`).
- `sideka_apbdes`: the Sideka server's copy of its villages' Siskeudes budgets (2017, Permendagri
  113/2014 chart): budget lines as a tree (header rows for accounts, bidang and kegiatan, leaf rows
  with funding source and amounts) and the activities.

Everything stays text here (codes keep their zeros and dots); amounts are checked to be numbers and
typed in dbt staging.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from assets.apbdes import synthetic
from assets.apbdes.layout import KEGIATAN_COLUMNS, PENGANGGARAN_COLUMNS
from assets.common.errors import DesaInputError
from assets.common.records import REJECT_SCHEMA
from assets.common.source import LandingFiles, ParseContext, Parsed, RawTable, Source
from assets.common.tabular import (
    CSV,
    RecordRule,
    apply_rules,
    normalize_header,
    read_delimited,
    read_exported_table,
)

GROUP = "budget"

# Table -> columns the models read (others are kept as exported).
SISKEUDES_TABLES: dict[str, tuple[str, ...]] = {
    "Ta_Pemda": ("Tahun", "Kd_Prov", "Kd_Kab", "Nama_Pemda"),
    "Ref_Desa": ("Kd_Kec", "Kd_Desa", "Nama_Desa"),
    "Ref_Rek1": ("Akun", "Nama_Akun"),
    "Ref_Rek2": ("Akun", "Kelompok", "Nama_Kelompok"),
    "Ref_Rek3": ("Kelompok", "Jenis", "Nama_Jenis"),
    "Ref_Rek4": ("Jenis", "Obyek", "Nama_Obyek"),
    "Ref_Bidang": ("Kd_Bid", "Nama_Bidang"),
    "Ref_SubBidang": ("Kd_Bid", "Kd_Sub", "Nama_SubBidang"),
    "Ref_Kegiatan": ("Kd_Sub", "ID_Keg", "Nama_Kegiatan"),
    "Ref_Sumber": ("Kode", "Nama_Sumber"),
    "Ta_Kegiatan": ("Tahun", "Kd_Desa", "Kd_Keg", "ID_Keg", "Nama_Kegiatan"),
    "Ta_RAB": ("Tahun", "Kd_Desa", "Kd_Keg", "Kd_Rincian", "Kd_SubRinci", "Anggaran", "AnggaranStlhPAK"),
    "Ta_RABRinci": (
        "Tahun",
        "Kd_Desa",
        "Kd_Keg",
        "Kd_Rincian",
        "Kd_SubRinci",
        "No_Urut",
        "SumberDana",
        "Uraian",
        "Anggaran",
        "AnggaranStlhPAK",
    ),
    "Ta_Anggaran": (
        "KdPosting",
        "Tahun",
        "Kd_Rincian",
        "Kd_Keg",
        "SumberDana",
        "Kd_Desa",
        "Anggaran",
        "AnggaranStlhPAK",
    ),
}


# The columns that identify a row of each table (the export database's keys, unique in the real
# export); a repeated row is rejected, pointing at the first. Ta_Anggaran is a posting log: the
# columns read identify no single row, so it has none.
SISKEUDES_KEYS: dict[str, tuple[str, ...]] = {
    "Ta_Pemda": ("Tahun", "Kd_Prov", "Kd_Kab"),
    "Ref_Desa": ("Kd_Desa",),
    "Ref_Rek1": ("Akun",),
    "Ref_Rek2": ("Kelompok",),
    "Ref_Rek3": ("Jenis",),
    "Ref_Rek4": ("Obyek",),
    "Ref_Bidang": ("Kd_Bid",),
    "Ref_SubBidang": ("Kd_Sub",),
    "Ref_Kegiatan": ("ID_Keg",),
    "Ref_Sumber": ("Kode",),
    "Ta_Kegiatan": ("Tahun", "Kd_Keg"),
    "Ta_RAB": ("Tahun", "Kd_Desa", "Kd_Keg", "Kd_Rincian", "Kd_SubRinci"),
    "Ta_RABRinci": ("Tahun", "Kd_Desa", "Kd_Keg", "Kd_Rincian", "Kd_SubRinci", "No_Urut"),
}


def _rejects(frames: list[pl.DataFrame]) -> pl.DataFrame:
    return (
        pl.concat([f.cast(pl.Schema(REJECT_SCHEMA)) for f in frames])
        if frames
        else pl.DataFrame(schema=REJECT_SCHEMA)
    )


def parse_siskeudes(context: ParseContext) -> Parsed:
    by_folder: dict[Path, set[str]] = {}
    for table, paths in context.files.items():
        for path in paths:
            by_folder.setdefault(path.parent, set()).add(table)
    for folder, present in sorted(by_folder.items()):
        missing = sorted(set(SISKEUDES_TABLES) - present)
        if missing:
            raise DesaInputError(folder, None, f"the Siskeudes export lacks table(s) {missing}")
    tables: dict[str, pl.DataFrame | Path] = {}
    rejects: list[pl.DataFrame] = []
    for table, required in SISKEUDES_TABLES.items():
        frames = []
        for path in context.files[table]:
            good, bad = read_exported_table(path, required, SISKEUDES_KEYS.get(table, ()))
            rejects.append(bad)
            frames.append(
                good.with_columns(
                    pl.lit(path.parent.name).alias("ekspor"),
                    pl.lit(str(path)).alias("source_file"),
                    pl.lit(context.origins[table]).alias("data_origin"),
                )
            )
        tables[table.lower()] = pl.concat(frames, how="diagonal_relaxed")
    return Parsed(tables=tables, rejects=_rejects(rejects))


SISKEUDES = Source(
    name="siskeudes",
    group=GROUP,
    description=(
        "Siskeudes (BPKP) village finance exports: reference charts and APBDes, any number of folders."
    ),
    format="one folder per export: <Table>.csv (every field quoted) + <Table>.columns (name,type,...)",
    files=tuple(
        LandingFiles(table, (f"*/{table}.csv",), many=True, description=f"{table} of every export folder")
        for table in SISKEUDES_TABLES
    ),
    tables=tuple(
        RawTable(
            table.lower(), f"Siskeudes {table} of every export folder, as text, with the folder (`ekspor`)."
        )
        for table in SISKEUDES_TABLES
    ),
    parse=parse_siskeudes,
    generator=synthetic.SISKEUDES_GENERATOR,
    rejects_description=(
        "Siskeudes rows that could not be loaded (malformed CSV, a non-integer INTEGER cell)."
    ),
)


# ---------------------------------------------------------------------------------------------
# Sideka

VILLAGE_CODE = r"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}$"


def _number_rule(column: str) -> RecordRule:
    text = pl.col(column).str.strip_chars()
    return RecordRule(
        pl.format("{} is not a number: '{}'", pl.lit(column), pl.col(column).fill_null("")),
        (
            pl.col(column).is_not_null() & (text != "") & ~text.str.contains(r"^-?[0-9]+(\.[0-9]+)?$")
        ).fill_null(False),
    )


def _common_rules() -> list[RecordRule]:
    return [
        RecordRule(
            pl.format("year is not a year: '{}'", pl.col("year").fill_null("")),
            ~pl.col("year").fill_null("").str.contains(r"^(19|20)[0-9]{2}$"),
        ),
        RecordRule(
            pl.format(
                "fk_region_id is not a Kemendagri village code: '{}'", pl.col("fk_region_id").fill_null("")
            ),
            ~pl.col("fk_region_id").fill_null("").str.strip_chars().str.contains(VILLAGE_CODE),
        ),
    ]


def parse_sideka(context: ParseContext) -> Parsed:
    path = context.file("penganggaran")
    table = read_delimited(path, PENGANGGARAN_COLUMNS, CSV)
    lines, bad_lines = apply_rules(
        table,
        [
            *_common_rules(),
            *[_number_rule(c) for c in ("anggaran", "anggaran_pak", "jumlah_satuan", "harga_satuan")],
        ],
        # A village's budget rows are numbered; `id` (the account path) repeats for lines under one account.
        key=("fk_region_id", "year", "row_number"),
    )
    kegiatan_path = context.file("kegiatan")
    kegiatan_table = read_delimited(kegiatan_path, KEGIATAN_COLUMNS, CSV)
    kegiatan, bad_kegiatan = apply_rules(
        kegiatan_table,
        [*_common_rules(), *[_number_rule(c) for c in ("pagu", "pagu_pak")]],
        key=("fk_region_id", "year", "id"),
    )
    text = [normalize_header(c) for c in PENGANGGARAN_COLUMNS]
    return Parsed(
        tables={
            "penganggaran": lines.select("record_number", *text).with_columns(
                pl.lit(str(path)).alias("source_file"),
                pl.lit(context.origins["penganggaran"]).alias("data_origin"),
            ),
            "kegiatan": kegiatan.select("record_number", *KEGIATAN_COLUMNS).with_columns(
                pl.lit(str(kegiatan_path)).alias("source_file"),
                pl.lit(context.origins["kegiatan"]).alias("data_origin"),
            ),
        },
        rejects=_rejects([bad_lines, bad_kegiatan]),
    )


SIDEKA_APBDES = Source(
    name="sideka_apbdes",
    group=GROUP,
    description=(
        "APBDes 2017 of the Sideka villages, synced from their Siskeudes (Permendagri 113/2014 chart)."
    ),
    format="CSV (gzip or plain) with a header, PostgreSQL export",
    files=(
        LandingFiles(
            "penganggaran",
            ("siskeudes_penganggarans.csv.gz", "siskeudes_penganggarans.csv"),
            description="budget lines (a tree of header and leaf rows)",
        ),
        LandingFiles(
            "kegiatan",
            ("siskeudes_kegiatans.csv.gz", "siskeudes_kegiatans.csv"),
            description="activities (kegiatan)",
        ),
    ),
    tables=(
        RawTable(
            "penganggaran",
            "Sideka budget rows (headers and leaves), as text, keyed by Kemendagri village code.",
        ),
        RawTable("kegiatan", "Sideka activities with their bidang, as text."),
    ),
    parse=parse_sideka,
    generator=synthetic.SIDEKA_GENERATOR,
    rejects_description=(
        "Sideka rows that could not be loaded (year, village code or an amount that is not a number)."
    ),
)
