"""Reading IDM (Indeks Desa Membangun) landing files: the API archive and the official yearly Excel.

Small pure functions; the Dagster asset only loops over files and writes what they return.

The API's `mapData.ROW` list holds 55 rows: 50 indicator rows (35 social, 12 economic, 3 ecological)
and 5 subtotal rows without `NO`, told apart by `ROW_CELL`: 45 IKS, 58 IKE, 62 IKL, 63 IDM and 64 the
status label. API decimals are kept as exact text in plain form (JSON floats are parsed with
`parse_float=str`; trailing zeros are dropped, as the native reader in `native.py` does), so that no
digit is lost on the way to DECIMAL columns in dbt. Excel cells keep the text as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from assets.common.records import RecordError, decode_json_checked

N_ROWS = 55
IKS_CELL, IKE_CELL, IKL_CELL, IDM_CELL, STATUS_CELL = 45, 58, 62, 63, 64
SUBTOTAL_CELLS = {IKS_CELL: "IKS", IKE_CELL: "IKE", IKL_CELL: "IKL", IDM_CELL: "IDM", STATUS_CELL: "STATUS"}
# Indicator rows sit between subtotals: ROW_CELL 10-44 social, 46-57 economic, 59-61 ecological.
DIMENSION_RANGES = (("IKS", 10, 44), ("IKE", 46, 57), ("IKL", 59, 61))
N_INDICATORS = {"IKS": 35, "IKE": 12, "IKL": 3}
STATUSES = ("SANGAT TERTINGGAL", "TERTINGGAL", "BERKEMBANG", "MAJU", "MANDIRI")
YEARS = (2021, 2022, 2023, 2024)
ACTOR_FIELDS = ("PUSAT", "PROV", "KAB", "DESA", "CSR", "LAINNYA")
ROW_FIELDS = ("NO", "INDIKATOR", "SKOR", "KETERANGAN", "KEGIATAN", "NILAI", *ACTOR_FIELDS, "ROW_CELL")
IDENTITY_FIELDS = (
    "id_prov",
    "nama_provinsi",
    "id_kabupaten",
    "nama_kab_kota",
    "id_kecamatan",
    "nama_kecamatan",
    "id_desa",
    "nama_desa",
)
CODE_PATTERN = re.compile(r"^[0-9]{10}$")


SMALLINT_RANGE = range(-32768, 32768)


def dimension_of(row_cell: int) -> str | None:
    for name, first, last in DIMENSION_RANGES:
        if first <= row_cell <= last:
            return name
    return None


def decimal_text(value: Any, what: str, low: Decimal | None = None, high: Decimal | None = None) -> str:
    """The number as plain decimal text (no exponent), checked against [low, high]."""
    if isinstance(value, bool) or value is None:
        raise RecordError(f"{what} is {value!r}, not a number")
    try:
        number = Decimal(str(value).strip().replace(",", ".")) if isinstance(value, str) else Decimal(value)
    except (InvalidOperation, ValueError, TypeError):
        raise RecordError(f"{what} is {value!r}, not a number") from None
    if not number.is_finite():
        raise RecordError(f"{what} is {value!r}, not a finite number")
    if (low is not None and number < low) or (high is not None and number > high):
        raise RecordError(f"{what} = {value} is outside [{low}, {high}]")
    text = format(number, "f")
    return text


# Values outside their domain (an index above 1) load and are stopped by the blocking check that owns
# the rule (the idm_status / idm_indicators suites); only a value the published column cannot hold is a
# reject. Indices are DECIMAL(15, 14) and NILAI DECIMAL(10, 8) in staging: below 10 and 100 in size.
INDEX_TYPE_LIMIT = Decimal(10)
NILAI_TYPE_LIMIT = Decimal(100)


def decimal_fitting(value: Any, what: str, limit: Decimal, plain: bool = True) -> str:
    """The number as exact decimal text, or RecordError when it is not a number or |value| >= limit."""
    text = decimal_text(value, what)
    number = Decimal(text)
    if abs(number) >= limit:
        raise RecordError(f"{what} = {value} does not fit its column (|value| < {limit})")
    return _plain(number) if plain else text


def _plain(number: Decimal) -> str:
    return "0" if number == 0 else format(number.normalize(), "f")


def decimal_plain(value: Any, what: str, low: Decimal | None = None, high: Decimal | None = None) -> str:
    """`decimal_text` without trailing zeros ("0.50" -> "0.5", "1.0" -> "1"): the exact value, as the
    native reader writes it."""
    return _plain(Decimal(decimal_text(value, what, low, high)))


def normalize_status(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise RecordError(f"{what} is {value!r}, not a status label")
    status = " ".join(value.upper().split())
    if status not in STATUSES:
        raise RecordError(f"{what} {value!r} is not one of {', '.join(STATUSES)}")
    return status


def _text(value: Any) -> str | None:
    # The source writes `false` for a missing description in a few rows (real archive: 59).
    if value is None or value is False:
        return None
    if not isinstance(value, str):
        return str(value)
    value = value.strip()
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise RecordError(f"text {value[:40]!r} holds a lone surrogate escape") from None
    return value or None


@dataclass(frozen=True)
class ApiRecord:
    village_year: dict[str, Any]
    indicators: list[tuple[Any, ...]]


INDICATOR_COLUMNS = (
    "kode_desa",
    "tahun",
    "row_cell",
    "dimensi",
    "nomor",
    "indikator",
    "skor",
    "keterangan",
    "kegiatan",
    "nilai",
    "pusat",
    "prov",
    "kab",
    "desa",
    "csr",
    "lainnya",
)


def parse_api_line(line: str) -> ApiRecord:
    """One archive line -> its village-year summary and its 50 indicator rows, or RecordError."""
    record = decode_json_checked(line, parse_float=str)
    if not isinstance(record, dict):
        raise RecordError("line is not a JSON object")
    kode = record.get("kode_desa")
    tahun = record.get("tahun")
    if not isinstance(kode, str) or not CODE_PATTERN.match(kode):
        raise RecordError(f"kode_desa {kode!r} is not a 10-digit code")
    if isinstance(tahun, bool) or not isinstance(tahun, int) or tahun not in YEARS:
        raise RecordError(f"tahun {tahun!r} is not one of {YEARS}")
    problem = api_shape_problem(record.get("response"))
    if problem:
        raise RecordError(f"unexpected shape: {problem}")
    data = record["response"]["mapData"]
    summaries = data["SUMMARIES"]
    if summaries.get("TAHUN") not in (tahun, str(tahun)):
        raise RecordError(
            f"SUMMARIES.TAHUN {summaries.get('TAHUN')!r} differs from the requested tahun {tahun}"
        )
    subtotal: dict[int, Any] = {}
    indicators: list[tuple[Any, ...]] = []
    seen_cells: set[int] = set()
    for index, row in enumerate(data["ROW"]):
        cell = row["ROW_CELL"]
        if cell in seen_cells:
            raise RecordError(f"ROW[{index}]: ROW_CELL {cell} appears twice")
        seen_cells.add(cell)
        if cell in SUBTOTAL_CELLS:
            subtotal[cell] = row.get("SKOR")
            continue
        dimension = dimension_of(cell)
        if dimension is None:
            raise RecordError(f"ROW[{index}]: ROW_CELL {cell} is neither an indicator nor a subtotal row")
        skor = row.get("SKOR")
        # Any integer loads: a score outside 0-5 is stopped by the blocking check on idm_indicators
        # (the same rule for every source: values outside their domain fail the check that owns them).
        if isinstance(skor, bool) or not isinstance(skor, int) or not -9999 <= skor <= 9999:
            raise RecordError(f"ROW[{index}] ({row.get('INDIKATOR')!r}): SKOR {skor!r} is not an integer")
        nomor = row.get("NO")
        if isinstance(nomor, bool) or not isinstance(nomor, int) or nomor not in SMALLINT_RANGE:
            raise RecordError(f"ROW[{index}]: NO {nomor!r} is not an integer")
        nilai = row.get("NILAI")
        indicators.append(
            (
                kode,
                tahun,
                cell,
                dimension,
                nomor,
                _text(row.get("INDIKATOR")),
                skor,
                _text(row.get("KETERANGAN")),
                _text(row.get("KEGIATAN")),
                None if nilai is None else decimal_fitting(nilai, f"ROW[{index}] NILAI", NILAI_TYPE_LIMIT),
                *(_text(row.get(f)) for f in ACTOR_FIELDS),
            )
        )
    missing = sorted(set(SUBTOTAL_CELLS) - set(subtotal))
    if missing:
        raise RecordError(f"subtotal rows missing: ROW_CELL {missing}")
    counts = {d: sum(1 for r in indicators if r[3] == d) for d in N_INDICATORS}
    if counts != N_INDICATORS:
        raise RecordError(f"indicator rows per dimension {counts}, expected {N_INDICATORS}")
    identity = data["IDENTITAS"][0]
    village_year = {
        "kode_desa": kode,
        "tahun": tahun,
        "iks": decimal_fitting(subtotal[IKS_CELL], "IKS", INDEX_TYPE_LIMIT),
        "ike": decimal_fitting(subtotal[IKE_CELL], "IKE", INDEX_TYPE_LIMIT),
        "ikl": decimal_fitting(subtotal[IKL_CELL], "IKL", INDEX_TYPE_LIMIT),
        "nilai_idm": decimal_fitting(subtotal[IDM_CELL], "IDM", INDEX_TYPE_LIMIT),
        "status_baris": normalize_status(subtotal[STATUS_CELL], "STATUS row"),
        "skor_saat_ini": decimal_fitting(summaries.get("SKOR_SAAT_INI"), "SKOR_SAAT_INI", INDEX_TYPE_LIMIT),
        "status": normalize_status(summaries.get("STATUS"), "SUMMARIES.STATUS"),
        "status_target": normalize_status(summaries.get("TARGET_STATUS"), "SUMMARIES.TARGET_STATUS"),
        "skor_minimal": decimal_fitting(summaries.get("SKOR_MINIMAL"), "SKOR_MINIMAL", INDEX_TYPE_LIMIT),
        "penambahan": decimal_plain(summaries.get("PENAMBAHAN"), "PENAMBAHAN"),
        **{field: _text(identity.get(field)) for field in IDENTITY_FIELDS},
    }
    return ApiRecord(village_year=village_year, indicators=indicators)


def api_shape_problem(body: Any) -> str | None:
    """What is wrong with a response body's shape, or None (shared by the ingest and the harvester)."""
    if not isinstance(body, dict):
        return "response is not an object"
    if body.get("status") not in (200, "200") or body.get("error") not in (False, None):
        return f"response status {body.get('status')!r}, error {body.get('error')!r}"
    data = body.get("mapData")
    if not isinstance(data, dict):
        return "mapData is missing or not an object"
    if not isinstance(data.get("SUMMARIES"), dict):
        return "mapData.SUMMARIES is missing or not an object"
    rows = data.get("ROW")
    if not isinstance(rows, list) or len(rows) != N_ROWS:
        return f"mapData.ROW has {len(rows) if isinstance(rows, list) else 'no'} rows, expected {N_ROWS}"
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            return f"ROW[{index}] is not an object"
        missing = [f for f in ROW_FIELDS if f not in row]
        if missing:
            return f"ROW[{index}] lacks {missing}"
        if isinstance(row["ROW_CELL"], bool) or not isinstance(row["ROW_CELL"], int):
            return f"ROW[{index}].ROW_CELL {row['ROW_CELL']!r} is not an integer"
    identity = data.get("IDENTITAS")
    if not isinstance(identity, list) or not identity or not isinstance(identity[0], dict):
        return "mapData.IDENTITAS is missing or empty"
    return None


# --- Excel -------------------------------------------------------------------------------------------

EXCEL_SHEET = "DESA"
EXCEL_CODE_COLUMN = "KODE_DESA"
EXCEL_NAME_COLUMNS = ("PROVINSI", "KABUPATEN", "KECAMATAN", "DESA")


def excel_value_columns(year: int) -> tuple[str, str, str, str, str]:
    return (f"IKS_{year}", f"IKE_{year}", f"IKL_{year}", f"NILAI_IDM_{year}", f"STATUS_IDM_{year}")


def excel_required_columns(year: int) -> list[str]:
    return [EXCEL_CODE_COLUMN, *EXCEL_NAME_COLUMNS, *excel_value_columns(year)]


def excel_file_name(year: int) -> str:
    return f"idm-desa-{year}.xlsx"


EXCEL_COLUMNS = (
    "tahun",
    "kode_desa",
    "provinsi",
    "kabupaten",
    "kecamatan",
    "desa",
    "iks",
    "ike",
    "ikl",
    "nilai_idm",
    "status",
)


def parse_excel_row(row: dict[str, Any], year: int) -> tuple[Any, ...]:
    """One sheet row (cells as text) -> (tahun, kode_desa, names..., indices..., status) or RecordError."""
    code = _text(row.get(EXCEL_CODE_COLUMN))
    if code is not None and code.endswith(".0"):  # a code typed as a number in Excel
        code = code[:-2]
    code = code.replace(".", "") if code else code
    if not code or not CODE_PATTERN.match(code):
        raise RecordError(
            f"{EXCEL_CODE_COLUMN} {row.get(EXCEL_CODE_COLUMN)!r} is not a 10-digit village code"
        )
    iks_col, ike_col, ikl_col, idm_col, status_col = excel_value_columns(year)
    names = [_text(row.get(c)) for c in EXCEL_NAME_COLUMNS]
    if names[3] is None:
        raise RecordError("DESA (village name) is empty")
    return (
        year,
        code,
        *names,
        decimal_fitting(row.get(iks_col), iks_col, INDEX_TYPE_LIMIT, plain=False),
        decimal_fitting(row.get(ike_col), ike_col, INDEX_TYPE_LIMIT, plain=False),
        decimal_fitting(row.get(ikl_col), ikl_col, INDEX_TYPE_LIMIT, plain=False),
        decimal_fitting(row.get(idm_col), idm_col, INDEX_TYPE_LIMIT, plain=False),
        normalize_status(row.get(status_col), status_col),
    )


def year_of_excel_columns(columns: list[str]) -> int | None:
    """The year the sheet's IKS_YYYY column names, if exactly one."""
    years = {int(m.group(1)) for c in columns if (m := re.fullmatch(r"IKS_([0-9]{4})", c.strip()))}
    return years.pop() if len(years) == 1 else None
