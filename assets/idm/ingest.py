"""Landing files -> raw Parquet for IDM: the API archive streamed in batches, the Excel files per year.

The archive is read line by line and its 50 indicator rows per line are written in batches, so memory
stays flat at national scale (75,000 desa x 4 years x 50 rows).
"""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from assets.common.errors import DesaInputError
from assets.idm.parsing import (
    EXCEL_COLUMNS,
    EXCEL_SHEET,
    IDENTITY_FIELDS,
    INDICATOR_COLUMNS,
    STATUSES,
    RecordError,
    excel_required_columns,
    parse_api_line,
    parse_excel_row,
    year_of_excel_columns,
)

Reject = tuple[str, int | None, str, str]

VILLAGE_YEAR_SCHEMA = {
    "source_file": pl.String,
    "line_number": pl.Int64,
    "kode_desa": pl.String,
    "tahun": pl.Int16,
    "iks": pl.String,
    "ike": pl.String,
    "ikl": pl.String,
    "nilai_idm": pl.String,
    "status_baris": pl.String,
    "skor_saat_ini": pl.String,
    "status": pl.String,
    "status_target": pl.String,
    "skor_minimal": pl.String,
    "penambahan": pl.String,
    **dict.fromkeys(IDENTITY_FIELDS, pl.String),
}

INDICATOR_SCHEMA = pa.schema(
    [
        ("line_number", pa.int64()),
        ("kode_desa", pa.string()),
        ("tahun", pa.int16()),
        ("row_cell", pa.int16()),
        ("dimensi", pa.string()),
        ("nomor", pa.int16()),
        ("indikator", pa.string()),
        ("skor", pa.int8()),
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
    village_years: pl.DataFrame
    indicator_rows: int
    rejects: list[Reject] = field(default_factory=list)
    lines: int = 0


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """(line number, bytes) of a gzip or plain file; a file that cannot be read raises DesaInputError."""
    opener = gzip.open if path.suffix == ".gz" else open
    number = 0
    try:
        with opener(path, "rb") as handle:  # type: ignore[operator]
            for number, line in enumerate(handle, start=1):
                yield number, line
    except (OSError, EOFError, zlib.error) as error:
        where = f"line {number + 1}" if number else "first line"
        raise DesaInputError(
            path, where, f"cannot read the file: {error.__class__.__name__}: {error}"
        ) from error


class _IndicatorWriter:
    """Indicator rows appended in batches to one Parquet file, renamed into place when complete."""

    def __init__(self, target: Path, batch_rows: int = 500_000) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        self.target = target
        self.tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
        self.writer = pq.ParquetWriter(self.tmp, INDICATOR_SCHEMA, compression="zstd")
        self.batch_rows = batch_rows
        self.columns: list[list] = [[] for _ in INDICATOR_SCHEMA]
        self.rows = 0

    def add(self, line_number: int, rows: list[tuple]) -> None:
        columns = self.columns
        for row in rows:
            columns[0].append(line_number)
            for index, value in enumerate(row, start=1):
                columns[index].append(value)
        if len(columns[0]) >= self.batch_rows:
            self.flush()

    def flush(self) -> None:
        if not self.columns[0]:
            return
        batch = pa.record_batch(
            [pa.array(values, type=f.type) for values, f in zip(self.columns, INDICATOR_SCHEMA, strict=True)],
            schema=INDICATOR_SCHEMA,
        )
        self.writer.write_batch(batch)
        self.rows += batch.num_rows
        self.columns = [[] for _ in INDICATOR_SCHEMA]

    def close(self) -> int:
        self.flush()
        self.writer.close()
        self.tmp.replace(self.target)
        return self.rows

    def abort(self) -> None:
        self.writer.close()
        self.tmp.unlink(missing_ok=True)


def ingest_api_archive(path: Path, indicators_target: Path) -> ApiIngest:
    """Parse the archive; write indicator rows to `indicators_target`; return village-years and rejects."""
    assert len(INDICATOR_COLUMNS) + 1 == len(INDICATOR_SCHEMA)
    source = str(path)
    rejects: list[Reject] = []
    summaries: list[dict] = []
    seen: dict[tuple[str, int], int] = {}
    writer = _IndicatorWriter(indicators_target)
    lines = 0
    try:
        for number, raw in _lines(path):
            lines = number
            try:
                line = raw.decode("utf-8").strip()
            except UnicodeDecodeError as error:
                rejects.append((source, number, raw.decode("utf-8", "replace"), f"not UTF-8: {error}"))
                continue
            if not line:
                continue
            try:
                record = parse_api_line(line)
            except RecordError as error:
                rejects.append((source, number, line, str(error)))
                continue
            key = (record.village_year["kode_desa"], record.village_year["tahun"])
            if key in seen:
                rejects.append((source, number, line, f"duplicate of line {seen[key]} ({key[0]}, {key[1]})"))
                continue
            seen[key] = number
            summaries.append({"source_file": source, "line_number": number, **record.village_year})
            writer.add(number, record.indicators)
    except BaseException:
        writer.abort()
        raise
    indicator_rows = writer.close()
    if not summaries:
        raise DesaInputError(path, None, f"no loadable record in {lines} lines ({len(rejects)} rejected)")
    frame = pl.DataFrame(summaries, schema=VILLAGE_YEAR_SCHEMA)
    return ApiIngest(village_years=frame, indicator_rows=indicator_rows, rejects=rejects, lines=lines)


@dataclass
class ExcelIngest:
    rows: pl.DataFrame
    rejects: list[Reject]


def read_excel_sheet(path: Path, year: int) -> pl.DataFrame:
    """Sheet DESA of one year's file, every cell as text; DesaInputError when it cannot be read."""
    try:
        frame = pl.read_excel(
            path,
            sheet_name=EXCEL_SHEET,
            engine="calamine",
            read_options={"dtypes": "string"},
            drop_empty_rows=False,
            raise_if_empty=False,
        )
    except Exception as error:  # fastexcel raises its own types for corrupt zips, missing sheets...
        raise DesaInputError(
            path, f"sheet {EXCEL_SHEET}", f"cannot read: {error.__class__.__name__}: {error}"
        ) from None
    frame = frame.rename({c: c.strip().upper() for c in frame.columns})
    missing = [c for c in excel_required_columns(year) if c not in frame.columns]
    if missing:
        found = year_of_excel_columns(frame.columns)
        hint = f" (the sheet has year {found})" if found and found != year else ""
        raise DesaInputError(path, f"sheet {EXCEL_SHEET}, header row", f"missing columns {missing}{hint}")
    return frame


PLAIN_INDEX = r"^(0(\.[0-9]+)?|1(\.0+)?|\.[0-9]+)$"  # a plain decimal in [0, 1]


def ingest_excel(path: Path, year: int) -> ExcelIngest:
    """Rows of one year's file. Clean rows pass a vectorized check; the others go through
    `parse_excel_row`, which loads what it can (e.g. a decimal comma) and says why it rejects the rest.
    """
    frame = read_excel_sheet(path, year)
    source = str(path)
    columns = excel_required_columns(year)
    code_col, *name_cols = columns[:5]
    iks_col, ike_col, ikl_col, idm_col, status_col = columns[5:]
    text = frame.select(columns).with_columns(pl.col(c).cast(pl.String).str.strip_chars() for c in columns)
    text = text.with_row_index("row_number", offset=2)  # Excel's own row number: the header is row 1
    empty = pl.all_horizontal(pl.col(c).is_null() | (pl.col(c) == "") for c in columns)
    text = text.filter(~empty)
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
            rejects.append((source, row["row_number"], raw, str(error)))
    rows = pl.concat([good, pl.DataFrame(recovered, schema=EXCEL_SCHEMA, orient="row")]).sort("row_number")
    # One row per village: a later row with the same code is rejected, pointing at the first.
    first = rows.group_by("kode_desa", maintain_order=True).agg(pl.col("row_number").first().alias("_first"))
    rows = rows.join(first, on="kode_desa")
    for row in rows.filter(pl.col("row_number") != pl.col("_first")).iter_rows(named=True):
        raw = ",".join(str(row[c]) for c in EXCEL_COLUMNS[1:])
        rejects.append(
            (source, row["row_number"], raw, f"duplicate of row {row['_first']} ({row['kode_desa']})")
        )
    rows = rows.filter(pl.col("row_number") == pl.col("_first")).drop("_first")
    return ExcelIngest(rows.select(list(EXCEL_SCHEMA)), sorted(rejects, key=lambda r: r[1] or 0))
