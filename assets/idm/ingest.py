"""Landing files -> raw Parquet for IDM: the API archive streamed in batches, the Excel files per year.

The archive's lines come from the shared reader (`read_lines`), in batches; each batch is parsed in
DuckDB (`native.py`), and only the lines the native pass cannot take go to `parse_api_line`, which
loads them or says why they are rejected. Village-years and indicator rows are written batch by batch,
so memory stays flat at national scale (75,000 desa x 4 years x 50 rows).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from assets.common.errors import DesaInputError
from assets.common.records import RecordError, Reject, read_lines
from assets.common.tabular import RECORD_NUMBER, read_excel_sheet
from assets.idm.native import NativePool
from assets.idm.parsing import (
    EXCEL_COLUMNS,
    EXCEL_SHEET,
    IDENTITY_FIELDS,
    INDICATOR_COLUMNS,
    STATUSES,
    excel_required_columns,
    parse_api_line,
    parse_excel_row,
    year_of_excel_columns,
)

# Lines per batch: ~15 KB each, ~30 MB of text. Each statement on a batch pays ~0.15 s of planning
# whatever its size, so bigger batches are faster; memory is bounded by native.SCAN_CHUNK_LINES.
API_BATCH_LINES = 2_000
# Batches parsed at once (one DuckDB cursor each): the machines have 2 cores.
NATIVE_WORKERS = 2

VILLAGE_YEAR_SCHEMA = pa.schema(
    [
        ("source_file", pa.string()),
        ("line_number", pa.int64()),
        ("kode_desa", pa.string()),
        ("tahun", pa.int16()),
        *(
            (name, pa.string())
            for name in (
                "iks",
                "ike",
                "ikl",
                "nilai_idm",
                "status_baris",
                "skor_saat_ini",
                "status",
                "status_target",
                "skor_minimal",
                "penambahan",
                *IDENTITY_FIELDS,
            )
        ),
        ("data_origin", pa.string()),
    ]
)

INDICATOR_SCHEMA = pa.schema(
    [
        ("line_number", pa.int64()),
        ("kode_desa", pa.string()),
        ("tahun", pa.int16()),
        ("row_cell", pa.int16()),
        ("dimensi", pa.string()),
        ("nomor", pa.int16()),
        ("indikator", pa.string()),
        ("skor", pa.int16()),
        ("keterangan", pa.string()),
        ("kegiatan", pa.string()),
        ("nilai", pa.string()),
        ("pusat", pa.string()),
        ("prov", pa.string()),
        ("kab", pa.string()),
        ("desa", pa.string()),
        ("csr", pa.string()),
        ("lainnya", pa.string()),
    ]
)

EXCEL_SCHEMA = {
    "source_file": pl.String,
    "row_number": pl.Int64,
    **{name: (pl.Int16 if name == "tahun" else pl.String) for name in EXCEL_COLUMNS},
}


@dataclass
class ApiIngest:
    village_year_rows: int
    indicator_rows: int
    rejects: list[Reject] = field(default_factory=list)
    lines: int = 0
    lines_from_python: int = 0


class _ParquetStream:
    """Batches appended to one Parquet file, renamed into place when complete."""

    def __init__(self, target: Path, schema: pa.Schema) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        self.target = target
        self.schema = schema
        self.tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
        self.writer = pq.ParquetWriter(self.tmp, schema, compression="zstd")
        self.rows = 0

    def write(self, table: pa.Table) -> None:
        if table.num_rows:
            self.writer.write_table(table.select(self.schema.names).cast(self.schema))
            self.rows += table.num_rows

    def close(self) -> int:
        self.writer.close()
        os.replace(self.tmp, self.target)
        return self.rows

    def abort(self) -> None:
        self.writer.close()
        self.tmp.unlink(missing_ok=True)


def _python_tables(records: list[tuple[int, dict, list[tuple]]]) -> tuple[pa.Table, pa.Table]:
    """Village-years and indicator rows of the lines `parse_api_line` loaded, typed like the native ones."""
    names = [n for n in VILLAGE_YEAR_SCHEMA.names if n not in ("source_file", "data_origin")]
    years = {name: [] for name in names}  # type: dict[str, list]
    indicators = {name: [] for name in INDICATOR_SCHEMA.names}  # type: dict[str, list]
    for number, village_year, rows in records:
        years["line_number"].append(number)
        for name in names[1:]:
            years[name].append(village_year[name])
        for row in rows:
            indicators["line_number"].append(number)
            for name, value in zip(INDICATOR_COLUMNS, row, strict=True):
                indicators[name].append(value)
    year_schema = pa.schema([VILLAGE_YEAR_SCHEMA.field(n) for n in names])
    return pa.table(years, schema=year_schema), pa.table(indicators, schema=INDICATOR_SCHEMA)


def ingest_api_archive(
    path: Path,
    indicators_target: Path,
    village_years_target: Path,
    data_origin: str,
    batch_lines: int = API_BATCH_LINES,
    workers: int = NATIVE_WORKERS,
) -> ApiIngest:
    """Parse the archive into the two Parquet files; return the counts and the rejected lines.

    A later line for a (kode_desa, tahun) already loaded is rejected, pointing at the first.
    """
    source = str(path)
    rejects: list[Reject] = []
    seen: dict[tuple[str, int], int] = {}
    pool = NativePool(workers)
    years_out = _ParquetStream(village_years_target, VILLAGE_YEAR_SCHEMA)
    indicators_out = _ParquetStream(indicators_target, INDICATOR_SCHEMA)
    lines = from_python = 0
    try:
        for batch, native in pool.map(read_lines(path, batch_lines=batch_lines)):
            rejects += batch.rejects
            lines += len(batch) + len(batch.rejects)
            text = dict(zip(batch.numbers, batch.lines, strict=True)) if native.refused else {}
            loaded: list[tuple[int, dict, list[tuple]]] = []
            for number in native.refused:
                try:
                    record = parse_api_line(text[number])
                except RecordError as error:
                    rejects.append(Reject(source, number, text[number], str(error)))
                    continue
                loaded.append((number, record.village_year, record.indicators))
            from_python += len(loaded)
            years, indicators = native.village_years, native.indicators
            if loaded:
                python_years, python_indicators = _python_tables(loaded)
                years = pa.concat_tables([years.cast(python_years.schema), python_years]).sort_by(
                    "line_number"
                )
                indicators = pa.concat_tables([indicators.cast(INDICATOR_SCHEMA), python_indicators]).sort_by(
                    [("line_number", "ascending")]
                )
            duplicates = []
            for number, kode, tahun in zip(
                years.column("line_number").to_pylist(),
                years.column("kode_desa").to_pylist(),
                years.column("tahun").to_pylist(),
                strict=True,
            ):
                first = seen.setdefault((kode, tahun), number)
                if first != number:
                    duplicates.append(number)
                    line = text.get(number) or batch.lines[batch.numbers.index(number)]
                    rejects.append(
                        Reject(source, number, line, f"duplicate of line {first} ({kode}, {tahun})")
                    )
            if duplicates:
                keep = pa.array(duplicates, pa.int64())
                years = years.filter(pc.invert(pc.is_in(years.column("line_number"), keep)))
                indicators = indicators.filter(pc.invert(pc.is_in(indicators.column("line_number"), keep)))
            n = years.num_rows
            years = years.append_column("source_file", pa.array([source] * n, pa.string()))
            years = years.append_column("data_origin", pa.array([data_origin] * n, pa.string()))
            years_out.write(years)
            indicators_out.write(indicators)
    except BaseException:
        years_out.abort()
        indicators_out.abort()
        raise
    finally:
        pool.close()
    if not years_out.rows:
        years_out.abort()
        indicators_out.abort()
        raise DesaInputError(path, None, f"no loadable record in {lines} lines ({len(rejects)} rejected)")
    village_year_rows = years_out.close()
    indicator_rows = indicators_out.close()
    rejects.sort(key=lambda r: r.record_number or 0)
    return ApiIngest(village_year_rows, indicator_rows, rejects, lines, from_python)


@dataclass
class ExcelIngest:
    rows: pl.DataFrame
    rejects: list[Reject]


def read_excel_year(path: Path, year: int) -> pl.DataFrame:
    """Sheet DESA of one year's file (`read_excel_sheet`): `record_number` (Excel's row) and the year's
    columns as stripped text, named as in the file (upper case); DesaInputError when it cannot be read."""
    columns = excel_required_columns(year)
    try:
        table = read_excel_sheet(path, EXCEL_SHEET, columns)
    except DesaInputError as error:
        # Say which year the sheet has when it is another year's file.
        found = None
        if error.record and "header" in error.record:
            header = pl.read_excel(
                path, sheet_name=EXCEL_SHEET, engine="calamine", raise_if_empty=False
            ).columns
            found = year_of_excel_columns([c.strip().upper() for c in header])
        if found and found != year:
            raise DesaInputError(
                error.path, error.record, f"{error.problem} (the sheet has year {found})"
            ) from None
        raise
    return table.frame.select(
        pl.col(RECORD_NUMBER),
        *(pl.col(c.lower()).str.strip_chars().alias(c) for c in columns),
    )


PLAIN_INDEX = r"^(0(\.[0-9]+)?|1(\.0+)?|\.[0-9]+)$"  # a plain decimal in [0, 1]


def ingest_excel(path: Path, year: int) -> ExcelIngest:
    """Rows of one year's file. Clean rows pass a vectorized check; the others go through
    `parse_excel_row`, which loads what it can (e.g. a decimal comma) and says why it rejects the rest.
    """
    text = read_excel_year(path, year).rename({RECORD_NUMBER: "row_number"})
    source = str(path)
    columns = excel_required_columns(year)
    code_col, *name_cols = columns[:5]
    iks_col, ike_col, ikl_col, idm_col, status_col = columns[5:]
    code = pl.col(code_col).str.replace(r"\.0$", "").str.replace_all(".", "", literal=True)
    status = pl.col(status_col).str.to_uppercase().str.replace_all(r"\s+", " ")
    clean = (
        code.str.contains(r"^[0-9]{10}$").fill_null(False)
        & pl.col(name_cols[3]).is_not_null()
        & (pl.col(name_cols[3]) != "")
        & pl.all_horizontal(
            pl.col(c).str.contains(PLAIN_INDEX).fill_null(False) for c in (iks_col, ike_col, ikl_col, idm_col)
        )
        & status.is_in(list(STATUSES)).fill_null(False)
    )
    text = text.with_columns(clean.alias("_clean"), code.alias("_code"), status.alias("_status"))
    good = text.filter(pl.col("_clean")).select(
        pl.lit(source).alias("source_file"),
        pl.col("row_number").cast(pl.Int64),
        pl.lit(year).cast(pl.Int16).alias("tahun"),
        pl.col("_code").alias("kode_desa"),
        *(pl.col(c).alias(n) for c, n in zip(name_cols, EXCEL_COLUMNS[2:6], strict=True)),
        *(
            pl.col(c).alias(n)
            for c, n in zip((iks_col, ike_col, ikl_col, idm_col), EXCEL_COLUMNS[6:10], strict=True)
        ),
        pl.col("_status").alias("status"),
    )
    rejects: list[Reject] = []
    recovered = []
    for row in text.filter(~pl.col("_clean")).iter_rows(named=True):
        values = {c: row[c] for c in columns}
        raw = ",".join("" if v is None else str(v) for v in values.values())
        try:
            recovered.append((source, row["row_number"], *parse_excel_row(values, year)))
        except RecordError as error:
            rejects.append(Reject(source, row["row_number"], raw, str(error)))
    rows = pl.concat([good, pl.DataFrame(recovered, schema=EXCEL_SCHEMA, orient="row")]).sort("row_number")
    # One row per village: a later row with the same code is rejected, pointing at the first.
    first = rows.group_by("kode_desa", maintain_order=True).agg(pl.col("row_number").first().alias("_first"))
    rows = rows.join(first, on="kode_desa")
    for row in rows.filter(pl.col("row_number") != pl.col("_first")).iter_rows(named=True):
        raw = ",".join(str(row[c]) for c in EXCEL_COLUMNS[1:])
        rejects.append(
            Reject(source, row["row_number"], raw, f"duplicate of row {row['_first']} ({row['kode_desa']})")
        )
    rows = rows.filter(pl.col("row_number") == pl.col("_first")).drop("_first")
    return ExcelIngest(rows.select(list(EXCEL_SCHEMA)), sorted(rejects, key=lambda r: r[1] or 0))
