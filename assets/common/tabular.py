"""Native readers for tabular landing files: delimited text through DuckDB, Excel sheets through calamine.

Both return every cell as text (`TextTable`): typing is the source's record rules' job, so a cell
that does not fit its type becomes a reject with its reason instead of a reader error. The same
defect classes behave as in `assets.common.records` (BOM and CRLF accepted; bad UTF-8, over-long and
wrongly shaped rows quarantined, one reject each; an unreadable file or a missing column stops the
run naming the file).
"""

from __future__ import annotations

import csv
import gzip
import os
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from assets.common.errors import DesaInputError
from assets.common.records import (
    MAX_RECORD_BYTES,
    REJECT_SCHEMA,
    UTF8_BOM,
    Reject,
    open_binary,
    rejects_frame,
)

RECORD_NUMBER = "record_number"


@dataclass(frozen=True)
class Dialect:
    """How a delimited file is written. `quote=""` for files that never quote."""

    delimiter: str = ","
    quote: str = '"'
    escape: str = '"'
    header: bool = True


CSV = Dialect()
TSV = Dialect(delimiter="\t", quote="", escape="")


@dataclass
class TextTable:
    """Rows of one file, every cell text, with `record_number` (the line or sheet row) first."""

    path: Path
    frame: pl.DataFrame
    rejects: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=REJECT_SCHEMA))
    extra_columns: list[str] = field(default_factory=list)


def normalize_header(name: str) -> str:
    return name.strip().lstrip("\ufeff").strip().lower()


def _check_columns(path: Path, where: str, found: Sequence[str], expected: Sequence[str]) -> list[str]:
    """The extra columns; a missing (or renamed) expected column stops the run."""
    names = [normalize_header(c) for c in found]
    missing = [c for c in expected if normalize_header(c) not in names]
    if missing:
        raise DesaInputError(
            path, where, f"missing column(s) {missing}; the file has {[c.strip() for c in found]}"
        )
    wanted = {normalize_header(c) for c in expected}
    return [c for c in found if normalize_header(c) not in wanted]


_DATABASES: dict[int, duckdb.DuckDBPyConnection] = {}


def _database() -> duckdb.DuckDBPyConnection:
    """This process's in-memory DuckDB. A read takes a cursor of it (its own session: temp tables
    such as reject_errors are its own), which costs microseconds where a new database costs ~25 ms,
    once per file. Keyed by process id: a forked worker never uses its parent's."""
    pid = os.getpid()
    if pid not in _DATABASES:
        _DATABASES[pid] = duckdb.connect()
    return _DATABASES[pid]


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _first_line(path: Path) -> tuple[bool, bytes]:
    """(whether the file is gzip, its first line); DesaInputError when it is unreadable or empty."""
    try:
        with open_binary(path) as handle:
            compressed = isinstance(handle, gzip.GzipFile)
            first = handle.readline(MAX_RECORD_BYTES + 1)
    except (OSError, EOFError, zlib.error) as error:
        problem = f"cannot read the file: {error.__class__.__name__}: {error}"
        raise DesaInputError(path, "line 1", problem) from None
    if not first:
        raise DesaInputError(path, None, "the file is empty (no header, no record)")
    return compressed, first


def _header_names(path: Path, first: bytes, dialect: Dialect) -> list[str]:
    """The column names of a delimited file's header line (BOM dropped), split as DuckDB would.

    Read here rather than by DuckDB's sniffer: the sniffer fails on the whole file when a record in
    its sample is longer than the line limit, where that record alone should be rejected.
    """
    if len(first) > MAX_RECORD_BYTES:
        raise DesaInputError(path, "header (line 1)", f"longer than {MAX_RECORD_BYTES:,} bytes")
    try:
        text = first.removeprefix(UTF8_BOM).rstrip(b"\r\n").decode("utf-8")
    except UnicodeDecodeError as error:
        raise DesaInputError(path, "header (line 1)", f"not UTF-8 text: {error}") from None
    if dialect.quote:
        escape = None if dialect.escape in ("", dialect.quote) else dialect.escape
        reader = csv.reader(
            [text],
            delimiter=dialect.delimiter,
            quotechar=dialect.quote,
            escapechar=escape,
            doublequote=dialect.escape == dialect.quote,
        )
    else:
        reader = csv.reader([text], delimiter=dialect.delimiter, quoting=csv.QUOTE_NONE)
    names = next(reader, [])
    # DuckDB needs distinct, non-empty names; a blank or repeated header cell gets one as its sniffer
    # would name it (column<i>, <name>_<n>), so that the missing-column check can name the file.
    unique: list[str] = []
    for index, name in enumerate(names):
        base = candidate = name or f"column{index}"
        suffix = 0
        while candidate in unique:
            suffix += 1
            candidate = f"{base}_{suffix}"
        unique.append(candidate)
    return unique


def read_delimited(path: Path, columns: Sequence[str], dialect: Dialect = CSV) -> TextTable:
    """A CSV/TSV file (gzip or plain, told by content) read by DuckDB, every column as text.

    Rows with too many or too few fields, longer than `MAX_RECORD_BYTES`, or with bytes that are not
    UTF-8 are rejected with DuckDB's reason and their line number (one reject per row, whatever the
    number of errors DuckDB counts on it). `record_number` of an accepted row is its line number when
    every record sits on one line (the header is line 1), as in every landing format here.
    """
    compressed, first = _first_line(path)
    names = _header_names(path, first, dialect) if dialect.header else list(columns)
    connection = _database().cursor()
    try:
        options = [
            f"delim={_sql_text(dialect.delimiter)}",
            f"quote={_sql_text(dialect.quote)}",
            f"escape={_sql_text(dialect.escape)}",
            f"header={str(dialect.header).lower()}",
            "compression=" + ("'gzip'" if compressed else "'none'"),
            "auto_detect=false",
            "columns={" + ", ".join(f"{_sql_text(c)}: 'VARCHAR'" for c in names) + "}",
            "store_rejects=true",
            "strict_mode=true",
            "null_padding=false",
            f"max_line_size={MAX_RECORD_BYTES}",
        ]
        relation = connection.sql(f"select * from read_csv({_sql_text(str(path))}, {', '.join(options)})")
        extra = _check_columns(path, "header (line 1)", relation.columns, columns)
        rename = {c: normalize_header(c) for c in relation.columns}
        frame = relation.pl().rename(rename)
        errors = connection.sql(
            "select line, first(csv_line), "
            "string_agg(distinct lower(error_type) || ': ' || error_message, '; ') "
            "from reject_errors group by line order by line"
        ).fetchall()
    except duckdb.Error as error:
        raise DesaInputError(path, None, f"cannot read as delimited text: {error}") from None
    finally:
        connection.close()
    first_data_line = 2 if dialect.header else 1
    rejected_lines = [int(line) for line, *_ in errors]
    # The k-th accepted row sits on the k-th data line that was not rejected.
    numbers: list[int] = []
    line = first_data_line
    skip = iter(rejected_lines)
    next_skip = next(skip, None)
    while len(numbers) < frame.height:
        if next_skip is not None and line == next_skip:
            next_skip = next(skip, None)
        else:
            numbers.append(line)
        line += 1
    frame = frame.select(
        pl.Series(RECORD_NUMBER, numbers, dtype=pl.Int64),
        *[pl.col(normalize_header(c)) for c in columns],
    )
    rejects = rejects_frame(
        Reject(str(path), int(line_no), (text or "").strip("\r\n"), reason)
        for line_no, text, reason in errors
    )
    return TextTable(path, frame, rejects, extra)


def read_excel_sheet(path: Path, sheet: str, columns: Sequence[str]) -> TextTable:
    """One sheet of an Excel workbook, every cell as text; `record_number` is Excel's row number."""
    if not path.is_file():
        raise DesaInputError(path, None, "the file is missing")
    try:
        frame = pl.read_excel(
            path,
            sheet_name=sheet,
            engine="calamine",
            read_options={"dtypes": "string"},
            drop_empty_rows=False,
            raise_if_empty=False,
        )
    except Exception as error:  # fastexcel raises its own types for corrupt zips, missing sheets...
        problem = f"cannot read: {error.__class__.__name__}: {error}"
        raise DesaInputError(path, f"sheet {sheet}", problem) from None
    extra = _check_columns(path, f"sheet {sheet}, header row", frame.columns, columns)
    frame = frame.rename({c: normalize_header(c) for c in frame.columns})
    wanted = [normalize_header(c) for c in columns]
    frame = frame.select(pl.col(c).cast(pl.String) for c in wanted)
    frame = frame.with_row_index(RECORD_NUMBER, offset=2).with_columns(pl.col(RECORD_NUMBER).cast(pl.Int64))
    empty = pl.all_horizontal(pl.col(c).is_null() | (pl.col(c).str.strip_chars() == "") for c in wanted)
    return TextTable(path, frame.filter(~empty), extra_columns=extra)


@dataclass(frozen=True)
class RecordRule:
    """A rule on text rows: `bad` is True for a row that breaks it; `reason` may be an expression."""

    reason: str | pl.Expr
    bad: pl.Expr


def apply_rules(
    table: TextTable, rules: Sequence[RecordRule], key: Sequence[str] = ()
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(rows passing every rule, rejects naming the first rule each other row breaks).

    `key`: the columns that identify a record. Among the rows passing the rules, a later row with the
    key of an earlier one is rejected, pointing at the first (compared as stripped text): a repeated
    record is quarantined like any other bad record, not loaded twice.

    Vectorized: the rules run as polars expressions over the whole table; nothing row by row.
    """
    frame = table.frame
    if not rules and not key:
        return frame, table.rejects
    reason = pl.lit(None, dtype=pl.String)
    for rule in reversed(rules):
        text = rule.reason if isinstance(rule.reason, pl.Expr) else pl.lit(rule.reason)
        reason = pl.when(rule.bad.fill_null(True)).then(text).otherwise(reason)
    marked = frame.with_columns(reason.alias("_reason"))
    if key:
        columns = [normalize_header(c) for c in key]
        values = [pl.col(c).str.strip_chars() for c in columns]
        passing = pl.col("_reason").is_null()
        first = pl.col(RECORD_NUMBER).filter(passing).min().over(values)
        duplicate = pl.format(
            "duplicate of record {} ({} = {})",
            first,
            pl.lit(", ".join(columns)),
            pl.concat_str([v.fill_null("") for v in values], separator="|"),
        )
        later = passing & (pl.col(RECORD_NUMBER) != first)
        marked = marked.with_columns(
            pl.when(later).then(duplicate).otherwise(pl.col("_reason")).alias("_reason")
        )
    good = marked.filter(pl.col("_reason").is_null()).drop("_reason")
    cells = [c for c in frame.columns if c != RECORD_NUMBER]
    bad = marked.filter(pl.col("_reason").is_not_null()).select(
        pl.lit(str(table.path)).alias("source_file"),
        pl.col(RECORD_NUMBER).alias("record_number"),
        pl.concat_str([pl.col(c).fill_null("") for c in cells], separator="|").alias("raw_record"),
        pl.col("_reason").alias("reason"),
    )
    return good, pl.concat([table.rejects, bad.cast(pl.Schema(REJECT_SCHEMA))])


# ---------------------------------------------------------------------------------------------
# Per-table CSV folders (database exports such as Siskeudes: `<Table>.csv` + `<Table>.columns`)

COLUMNS_FILE_HEADER = ("name", "type")
INTEGER_TYPES = frozenset({"INTEGER", "INT", "LONG", "BIGINT", "SMALLINT", "BYTE"})


@dataclass(frozen=True)
class ColumnSpec:
    """One column of an exported table as its `<Table>.columns` schema file declares it."""

    name: str
    type: str


def read_columns_file(path: Path) -> list[ColumnSpec]:
    """The schema file of an exported table: a CSV with at least `name,type` (more columns ignored)."""
    table = read_delimited(path, COLUMNS_FILE_HEADER)
    if table.rejects.height:
        first = table.rejects.row(0, named=True)
        raise DesaInputError(path, f"line {first['record_number']}", f"malformed schema: {first['reason']}")
    specs = [
        ColumnSpec(str(name).strip(), str(kind or "").strip().upper())
        for name, kind in table.frame.select("name", "type").iter_rows()
    ]
    if not specs:
        raise DesaInputError(path, None, "the schema file lists no column")
    return specs


def read_exported_table(
    path: Path, required: Sequence[str] = (), key: Sequence[str] = ()
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """One table of a per-table CSV export folder: `path` is `<Table>.csv`, its schema `<Table>.columns`.

    Every column is read as text (codes keep their leading zeros and trailing dots); a cell of an
    INTEGER column that is not a whole number rejects its row, with the column named. `required`
    columns must be in the schema, else the run stops naming the file; a later row with the `key` (a
    subset of `required`) of an earlier one is rejected. Returns (rows, rejects); the rows carry
    `record_number` (the CSV line).
    """
    schema_path = path.with_suffix(".columns")
    if not schema_path.is_file():
        raise DesaInputError(path, None, f"no schema file {schema_path.name} beside it")
    specs = read_columns_file(schema_path)
    names = [s.name for s in specs]
    missing = [c for c in required if normalize_header(c) not in {normalize_header(n) for n in names}]
    if missing:
        raise DesaInputError(schema_path, None, f"missing column(s) {missing}; the schema has {names}")
    table = read_delimited(path, names)
    rules = [
        RecordRule(
            f"{spec.name} is not a whole number",
            pl.col(normalize_header(spec.name)).is_not_null()
            & (pl.col(normalize_header(spec.name)).str.strip_chars() != "")
            & ~pl.col(normalize_header(spec.name)).str.strip_chars().str.contains(r"^-?[0-9]+$"),
        )
        for spec in specs
        if spec.type in INTEGER_TYPES
    ]
    # A rule's `bad` must be false (not null) for a good row: null cells are allowed here.
    rules = [RecordRule(r.reason, r.bad.fill_null(False)) for r in rules]
    return apply_rules(table, rules, key)
