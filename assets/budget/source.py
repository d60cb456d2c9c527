"""The `kemendesa_apbn` source: Kemendes PDTT's RKA-K/L budget lines, one landing file per revision.

Declared on the source contract (`assets.common.source`): the landing folder `kemendesa_apbn/` holds
one file per DIPA revision, as CSV (the RKA-K/L data layout) or as the application's one-sheet Excel
export; both are read by the shared readers with every cell as text, then the record rules below
decide what loads. Rupiah are parsed from text to exact integers (never through a float).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import polars as pl

from assets.budget import structure, synthetic
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
from assets.common.tabular import (
    RECORD_NUMBER,
    RecordRule,
    TextTable,
    apply_rules,
    read_delimited,
    read_excel_sheet,
)
from assets.wilayah.master import load_master_regions

NAME = "kemendesa_apbn"
GROUP = "budget"
COLUMNS = synthetic.COLUMNS
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")
DELIMITED_SUFFIXES = (".csv", ".gz")

# Whole rupiah: digits, optionally followed by ".0" (how a spreadsheet may render an integer).
WHOLE_RUPIAH = r"^[0-9]+(\.0+)?$"
VOLUME = r"^[0-9]+(\.[0-9]+)?$"
RUPIAH_COLUMNS = ("hargasat", "jumlah", "rphblokir")


def _text(column: str) -> pl.Expr:
    return pl.col(column).fill_null("")


def _required_amount(column: str) -> RecordRule:
    return RecordRule(
        pl.format(f"{column.upper()} '{{}}' is not a whole rupiah amount", _text(column)),
        ~_text(column).str.strip_chars().str.contains(WHOLE_RUPIAH),
    )


def _optional(column: str, pattern: str, what: str) -> RecordRule:
    value = _text(column).str.strip_chars()
    return RecordRule(
        pl.format(f"{column.upper()} '{{}}' is not {what}", value),
        (value != "") & ~value.str.contains(pattern),
    )


def _required_code(column: str, pattern: str, what: str) -> RecordRule:
    value = _text(column).str.strip_chars()
    return RecordRule(
        pl.format(f"{column.upper()} '{{}}' is not {what}", value), ~value.str.contains(pattern)
    )


# Rules on the text of each record, in order: a record breaking one is rejected with the first reason.
# Code parts that read but are outside the domain (a unit that is not one of the eight, a program
# that is not two letters, ...) load, and are stopped by the blocking checks (dbt tests, GX suites).
RULES: tuple[RecordRule, ...] = (
    _required_code("thang", r"^[0-9]{4}$", "a year (4 digits)"),
    _required_code("revisike", r"^[0-9]{1,3}$", "a revision number"),
    RecordRule(
        pl.format("KDAKUN '{}' has a letter: an akun is six digits", _text("kdakun")),
        _text("kdakun").str.contains(r"[A-Za-z]"),
    ),
    _required_code("kdakun", r"^[0-9]{6}$", "six digits"),
    _required_code("noitem", r"^[0-9]+$", "an item number"),
    _required_amount("jumlah"),
    _optional("hargasat", WHOLE_RUPIAH, "a whole rupiah amount"),
    _optional("rphblokir", WHOLE_RUPIAH, "a whole rupiah amount"),
    _optional("vol", VOLUME, "a volume"),
)


# What identifies a budget line within a revision file (the key int_budget__lines holds unique:
# revision, satker, the full line code, item number); a repeated line is rejected, not loaded twice.
KEY = (
    "REVISIKE",
    "KDSATKER",
    "KDDEPT",
    "KDUNIT",
    "KDPROGRAM",
    "KDGIAT",
    "KDOUTPUT",
    "KDSOUTPUT",
    "KDKMPNEN",
    "KDSKMPNEN",
    "KDAKUN",
    "NOITEM",
)


def parse_rupiah(column: str) -> pl.Expr:
    """Whole rupiah from text to Int64 exactly: the text is cut at the decimal point, never a float."""
    return pl.col(column).str.strip_chars().str.replace(r"\.0+$", "").cast(pl.Int64, strict=True)


def sheet_of(path: Path) -> str:
    """The one sheet of an Excel export; the run stops naming the file when it is not a workbook."""
    import fastexcel

    try:
        names = fastexcel.read_excel(path).sheet_names
    except Exception as error:  # fastexcel raises its own types for corrupt zips, non-workbooks...
        problem = f"cannot read as an Excel workbook: {error.__class__.__name__}: {error}"
        raise DesaInputError(path, None, problem) from None
    if len(names) != 1:
        raise DesaInputError(path, None, f"expected the export's one sheet, found {names}")
    return names[0]


def read_revision_file(path: Path) -> TextTable:
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        return read_excel_sheet(path, sheet_of(path), COLUMNS)
    if suffix in DELIMITED_SUFFIXES:
        return read_delimited(path, COLUMNS)
    raise DesaInputError(
        path, None, f"not a revision file: expected .csv, .csv.gz or .xlsx, found {suffix!r}"
    )


def typed_lines(frame: pl.DataFrame, source_file: str) -> pl.DataFrame:
    """Rows that passed the rules, typed: codes as trimmed text, counts as integers, rupiah exact."""
    codes = [c.lower() for c in COLUMNS if c.startswith("KD") and c not in ("KDBLOKIR",)]
    return frame.select(
        pl.lit(source_file).alias("source_file"),
        pl.col(RECORD_NUMBER),
        pl.col("thang").str.strip_chars().cast(pl.Int32).alias("thang"),
        pl.col("revisike").str.strip_chars().cast(pl.Int32).alias("revisike"),
        *[pl.col(c).str.strip_chars().alias(c) for c in codes],
        pl.col("nmakun").str.strip_chars(),
        pl.col("noitem").str.strip_chars().cast(pl.Int32),
        pl.col("nmitem").str.strip_chars(),
        pl.col("vol").str.strip_chars().cast(pl.Decimal(18, 2)),
        pl.col("sat").str.strip_chars(),
        parse_rupiah("hargasat").alias("hargasat"),
        parse_rupiah("jumlah").alias("jumlah"),
        pl.col("kdblokir").str.strip_chars(),
        pl.when(_text("rphblokir").str.strip_chars() == "")
        .then(pl.lit(0, dtype=pl.Int64))
        .otherwise(parse_rupiah("rphblokir"))
        .alias("rphblokir"),
    )


def parse(context: ParseContext) -> Parsed:
    lines: list[pl.DataFrame] = []
    rejects: list[pl.DataFrame] = []
    revision_files: dict[int, str] = {}
    for path in context.files["revisions"]:
        table = read_revision_file(path)
        good, bad = apply_rules(table, RULES, KEY)
        rejects.append(bad)
        typed = typed_lines(good, str(path))
        found = sorted(typed.get_column("revisike").unique().to_list())
        if len(found) > 1:
            raise DesaInputError(path, "column REVISIKE", f"holds revisions {found}: one file per revision")
        for revision in found:
            if revision in revision_files:
                raise DesaInputError(
                    path, "column REVISIKE", f"revision {revision} is also in {revision_files[revision]}"
                )
            revision_files[revision] = str(path)
        lines.append(typed)
        if bad.height:
            context.warn(f"{path.name}: {typed.height} lines loaded, {bad.height} rejected")
    if not lines:
        raise DesaInputError(context.output_dir, None, "no revision file")
    frame = pl.concat(lines).sort("revisike", "source_file", RECORD_NUMBER)
    all_rejects = pl.concat(rejects) if rejects else pl.DataFrame(schema=REJECT_SCHEMA)
    per_revision = frame.group_by("revisike").len().sort("revisike")
    return Parsed(
        tables={"lines": frame},
        rejects=all_rejects,
        metadata={
            "lines": {
                "revisions": len(revision_files),
                "rows_per_revision": {str(r): n for r, n in per_revision.iter_rows()},
            }
        },
    )


def generate(context: GenerateContext) -> list[Path]:
    return synthetic.generate(context.directory)


def generator_inputs(_: DesaSettings) -> str:
    """The generator depends on the region master and the daerah tertinggal seed: a change regenerates."""
    digest = hashlib.sha256(synthetic.DT_SEED.read_bytes())
    digest.update(load_master_regions().package_version.encode())
    digest.update(repr(structure.seed_rows()).encode())
    return digest.hexdigest()[:16]


KEMENDESA_APBN = Source(
    name=NAME,
    group=GROUP,
    description="Kemendes PDTT's RKA-K/L / DIPA budget lines (BA 067), one file per revision.",
    format="RKA-K/L line items: CSV, or the application's one-sheet Excel export",
    files=(
        LandingFiles(
            name="revisions",
            patterns=("*",),
            many=True,
            description=(
                "Every file of the folder is one revision (REVISIKE): .csv / .csv.gz in the RKA-K/L data "
                "layout or the .xlsx export (one sheet), with columns " + ", ".join(COLUMNS) + "."
            ),
        ),
    ),
    tables=(
        RawTable(
            "lines",
            "One row per budget item and revision as loaded: codes as text, NOITEM and REVISIKE as integers, "
            "VOL as decimal, HARGASAT / JUMLAH / RPHBLOKIR as exact integer rupiah.",
        ),
    ),
    parse=parse,
    generator=Generator(
        version=synthetic.GENERATOR_VERSION + f" seed={synthetic.DEFAULT_SEED}",
        generate=generate,
        inputs=generator_inputs,
        description=(
            "Kemendes PDTT's 2021 DIPA and its four refocusing revisions, tied to the published figures "
            "(no line-level file is public; ../shared/data has none, so real runs generate it too)"
        ),
    ),
)
