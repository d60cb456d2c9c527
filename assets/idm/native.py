"""The IDM API archive's happy path in DuckDB: a batch of lines -> village-years and indicator rows.

`parse_api_line` (Python, ~1 ms a line) stays the definition of a loadable line. This module takes
the lines it can prove loadable with set-based SQL and leaves every other line to `parse_api_line`
(which then loads it or gives the reason it is rejected). The native pass may refuse a line Python
would load (it is then loaded from Python); it must never load a line Python would reject, nor load
a different value. How each leniency of DuckDB's JSON reader is closed:

- exact numbers: the decimals are read with `json_transform` to DECIMAL (exact in DuckDB >= 2.0.1) in
  a second transform; the JSON values (`JSON` type) of the first tell each value's JSON type: an
  integer is written without `.`/`e`, a string starts with `"`, `true`/`false` are literal, and JSON
  null and a missing key are SQL NULL (the presence of the 13 keys of each ROW object is checked on
  `json_keys`, which also refuses an object with a duplicate key);
- trailing commas and `Infinity` (accepted by DuckDB, not by Python's json): a line with a comma
  before `]`/`}` is refused; a non-finite value in a field that is read has no accepted type;
- text: the value a string field gets is what Python's `_text` gives (strip of Python's whitespace,
  empty -> NULL, `false` -> NULL); a number, `true`, an object or an array in a text field is refused;
- statuses: only ASCII letters and spaces are normalized natively (Python's `upper`/`split` agree
  there); anything else goes to Python.

- depth: a line with a key the shape does not read (at any level) is refused, so no container the
  values do not type-check can sit in a line loaded natively (nothing nested past MAX_JSON_DEPTH).

Decimals are kept as text, as written in plain form: the exact value with trailing zeros dropped
(`decimal_plain` in parsing.py does the same for lines loaded from Python), so both paths give the
same text. Not closed (documented): a duplicate key outside the ROW objects (DuckDB keeps the first,
Python the last), and decimals written with more than 37 digits after the point (DuckDB rounds them).
"""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Protocol, TypeVar

import duckdb
import pyarrow as pa

from assets.idm.parsing import (
    ACTOR_FIELDS,
    DIMENSION_RANGES,
    IDENTITY_FIELDS,
    N_ROWS,
    ROW_FIELDS,
    STATUSES,
    SUBTOTAL_CELLS,
    YEARS,
)


class LineSource(Protocol):
    """A batch of lines with their record numbers (e.g. `records.LineBatch`)."""

    numbers: list[int]
    lines: list[str]


B = TypeVar("B", bound=LineSource)

# DuckDB scans the batch a record batch at a time, and each JSON function keeps the parsed documents
# of the chunk it is on (~10x the text): 250 lines a chunk instead of one 2,048-line vector cut the
# peak of a 2,000-line batch from +731 to +290 MiB, and took no longer.
SCAN_CHUNK_LINES = 250

# Python's str.strip() strips these (str.isspace); DuckDB's trim() takes the same set explicitly.
PYTHON_WHITESPACE = "".join(ch for ch in map(chr, range(0x110000)) if ch.isspace())
# The whitespace characters above ASCII space (U+0085, U+00A0, U+1680, U+2000-U+200A, ...).
WIDE_SPACES = ", ".join(str(ord(ch)) for ch in PYTHON_WHITESPACE if ord(ch) > 32)
INDEX_DECIMAL = "DECIMAL(38, 37)"  # indices, NILAI, SKOR_MINIMAL: in [0, 1]
WIDE_DECIMAL = "DECIMAL(38, 30)"  # PENAMBAHAN: no range in the source


def _types() -> tuple[str, str]:
    row = {name: "JSON" for name in ROW_FIELDS}
    summaries = {
        name: "JSON"
        for name in ("SKOR_SAAT_INI", "STATUS", "TARGET_STATUS", "SKOR_MINIMAL", "PENAMBAHAN", "TAHUN")
    }
    values = {
        "kode_desa": "JSON",
        "tahun": "JSON",
        "response": {
            "status": "JSON",
            "error": "JSON",
            "mapData": {"SUMMARIES": summaries, "ROW": [row], "IDENTITAS": ["JSON"]},
        },
    }
    decimals = {
        "response": {
            "mapData": {
                "SUMMARIES": {
                    "SKOR_SAAT_INI": INDEX_DECIMAL,
                    "SKOR_MINIMAL": INDEX_DECIMAL,
                    "PENAMBAHAN": WIDE_DECIMAL,
                },
                "ROW": [{"SKOR": INDEX_DECIMAL, "NILAI": INDEX_DECIMAL}],
            }
        }
    }
    return json.dumps(values), json.dumps(decimals)


def _sql_type(spec: object, leaf: str | None = None) -> str:
    """The DuckDB type of a json_transform structure (leaves replaced by `leaf` when given)."""
    if isinstance(spec, dict):
        return "STRUCT(" + ", ".join(f'"{k}" {_sql_type(v, leaf)}' for k, v in spec.items()) + ")"
    if isinstance(spec, list):
        return _sql_type(spec[0], leaf) + "[]"
    return leaf or str(spec)


VALUES_TYPE, DECIMALS_TYPE = _types()
# The JSON values as VARCHAR (the same text): compared with text, a JSON value would be parsed.
VALUES_TEXT_TYPE = _sql_type(json.loads(VALUES_TYPE), "VARCHAR")
IDENTITY_TYPE = json.dumps(dict.fromkeys(IDENTITY_FIELDS, "JSON"))


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _in(values: Sequence[object]) -> str:
    return ", ".join(_sql_text(str(v)) for v in values)


MACROS = f"""
-- The string a JSON value holds, or NULL when it is not a string.
create or replace temp macro jstr(v) as
    case when v is null or not starts_with(v, '"') then null
         when contains(v, '\\') then json_extract_string(v, '$')
         else substr(v, 2, length(v) - 2) end;
-- A JSON integer (no fraction, no exponent) as BIGINT, or NULL: its text is the integer's own.
create or replace temp macro jint(v) as
    case when cast(try_cast(v as bigint) as varchar) = v then try_cast(v as bigint) end;
-- Python's _text: a string stripped of Python's whitespace (empty -> NULL); null and false -> NULL.
-- Most strings neither start nor end with whitespace: they are taken as they are. The edges are
-- code points (unicode() of the string and of substr(s, -1)): left()/right() count grapheme
-- clusters, slower and not what str.strip() looks at; printable ASCII is decided without the list.
create or replace temp macro edge_ok(cp) as
    cp between 33 and 126 or (cp > 126 and cp not in ({WIDE_SPACES}));
create or replace temp macro pstrip(s) as
    case when edge_ok(unicode(s)) and edge_ok(unicode(substr(s, -1))) then s
         else nullif(trim(s, {_sql_text(PYTHON_WHITESPACE)}), '') end;
create or replace temp macro ptext(v) as
    case when v is null or v = 'false' then null else pstrip(jstr(v)) end;
create or replace temp macro ptext_ok(v) as v is null or v = 'false' or starts_with(v, '"');
-- A decimal written as a JSON number (plain: no exponent, not NaN/Infinity) or as a plain decimal string.
create or replace temp macro dec_ok(v, d) as
    d is not null and (
        ((unicode(v) between 48 and 57 or unicode(v) = 45)  -- a digit or '-'
         and not contains(v, 'e') and not contains(v, 'E') and not contains(v, 'n'))
        or (starts_with(v, '"') and regexp_full_match(jstr(v), '-?[0-9]+(\\.[0-9]{{1,30}})?'))
    );
-- The exact value in plain form: trailing zeros (and a trailing point) dropped.
create or replace temp macro plain(d) as rtrim(rtrim(cast(d as varchar), '0'), '.');
-- A status label Python would normalize the same way: ASCII letters and spaces only.
create or replace temp macro status_of(v) as
    case when regexp_full_match(jstr(v), '[A-Za-z ]+')
         then upper(regexp_replace(trim(jstr(v)), ' +', ' ', 'g')) end;
"""

DIMENSION_CASE = " ".join(
    f"when cell between {first} and {last} then '{name}'" for name, first, last in DIMENSION_RANGES
)


def _known_keys() -> str:
    """SQL: every object of the line's structure (`json_structure`, one merged element per list) has
    only keys of the shape read above, and the ROW and IDENTITAS elements are objects.

    Each value read is checked for its JSON type, so a container (and any depth) can only hide under
    a key the shape does not read, or in a list element of another kind (merged as "JSON"): such a
    line is left to Python, which rejects it when it nests past MAX_JSON_DEPTH.
    """
    values = json.loads(VALUES_TYPE)
    response, data = values["response"], values["response"]["mapData"]
    objects = {
        "$": list(values),
        "$.response": list(response),
        "$.response.mapData": list(data),
        "$.response.mapData.SUMMARIES": list(data["SUMMARIES"]),
        "$.response.mapData.ROW[0]": list(ROW_FIELDS),
        "$.response.mapData.IDENTITAS[0]": list(IDENTITY_FIELDS),
    }
    known = [
        f"json_type(shape, '{path}') = 'OBJECT' and list_has_all([{_in(keys)}], json_keys(shape, '{path}'))"
        for path, keys in objects.items()
    ]
    # Only the first IDENTITAS element is read: the others must not hold a container either (their
    # merged structure is one flat object of scalar types; "JSON" is a scalar merged with a container).
    identity = "json_extract(shape, '$.response.mapData.IDENTITAS[0]')::varchar"
    flat = f"regexp_full_match({identity}, '[{{][^{{}}\\[\\]]*[}}]') and not contains({identity}, '\"JSON\"')"
    return " and ".join([*known, flat])


LINES_SQL = f"""
create or replace temp table idm_lines as
select record_number,
       cast(json_transform(line, {_sql_text(VALUES_TYPE)}) as {VALUES_TEXT_TYPE}) as j,
       json_transform(line, {_sql_text(DECIMALS_TYPE)}) as d,
       json_keys(line, '$.response.mapData.ROW[*]') as k
from (
    -- NULL for a line that is not JSON (what json_valid would say, without a parse of its own)
    select record_number, line, try(json_structure(line)) as shape
    from idm_batch
    where not regexp_matches(line, ',\\s*[\\]}}]')
)
where coalesce({_known_keys()}, false)
"""

TEXT_FIELDS = ("INDIKATOR", "KETERANGAN", "KEGIATAN", *ACTOR_FIELDS)
ROW_KEYS = ",".join(ROW_FIELDS)
TEXT_SELECT = ", ".join(
    f"case when r.{f} <> 'false' then jstr(r.{f}) end as s_{f.lower()}" for f in TEXT_FIELDS
)

ROWS_SQL = f"""
create or replace temp table idm_rows as
with unnested as (
    select record_number,
           unnest(j.response.mapData.ROW) as r,
           unnest(d.response.mapData.ROW) as dr,
           unnest(k) as keys,
           unnest(range(1, len(j.response.mapData.ROW) + 1)) as position
    from idm_lines
    where len(j.response.mapData.ROW) = {N_ROWS} and len(k) = {N_ROWS}
),
typed as (
    -- each JSON value decoded once
    select record_number, position, jint(r.ROW_CELL) as cell, jint(r."NO") as nomor, r.SKOR as skor_json,
           dr.SKOR as skor_decimal, r.NILAI as nilai_json, dr.NILAI as nilai_decimal,
           case when array_to_string(keys, ',') = '{ROW_KEYS}' then true
                else list_has_all(keys, [{_in(ROW_FIELDS)}]) and len(keys) = len(list_distinct(keys)) end
               as keys_ok,
           {", ".join(f"ptext_ok(r.{f}) as ok_{f.lower()}" for f in TEXT_FIELDS)},
           {TEXT_SELECT}
    from unnested
),
classified as (
    select *, case {DIMENSION_CASE} end as dimensi,
           cell in ({", ".join(str(c) for c in SUBTOTAL_CELLS)}) as subtotal
    from typed
)
select record_number, position, cell, dimensi, subtotal, nomor,
       jint(skor_json) as skor, skor_json, skor_decimal, nilai_json, nilai_decimal,
       {", ".join(f"pstrip(s_{f.lower()}) as {f.lower()}" for f in TEXT_FIELDS)},
       keys_ok and cell is not null
       and (
           subtotal
           or (
               dimensi is not null
               and regexp_full_match(skor_json, '-?[0-9]{{1,4}}')
               and nomor is not null and try_cast(nomor as smallint) is not null
               and (nilai_json is null
                    or (dec_ok(nilai_json, nilai_decimal) and nilai_decimal between 0 and 1))
               and {" and ".join(f"ok_{f.lower()}" for f in TEXT_FIELDS)}
           )
       ) as row_ok
from classified
"""

SUMMARY_SQL = f"""
create or replace temp table idm_summary as
with per_line as (
    select record_number,
           bool_and(row_ok) and count(distinct cell) = {N_ROWS}
               and count(*) filter (where subtotal) = {len(SUBTOTAL_CELLS)} as rows_ok,
           {
    ", ".join(
        f"any_value(skor_json) filter (where cell = {cell}) as j_{name.lower()}, "
        f"any_value(skor_decimal) filter (where cell = {cell}) as d_{name.lower()}"
        for cell, name in SUBTOTAL_CELLS.items()
    )
}
    from idm_rows
    group by record_number
),
lines as (
    select l.record_number, jstr(l.j.kode_desa) as kode_desa, jint(l.j.tahun) as tahun, l.j, l.d,
           cast(
               json_transform(l.j.response.mapData.IDENTITAS[1], {_sql_text(IDENTITY_TYPE)})
               as {_sql_type(json.loads(IDENTITY_TYPE), "VARCHAR")}
           ) as i,
           p.*
    from idm_lines as l join per_line as p using (record_number)
)
select record_number, kode_desa, cast(tahun as smallint) as tahun,
       plain(d_iks) as iks, plain(d_ike) as ike, plain(d_ikl) as ikl, plain(d_idm) as nilai_idm,
       status_of(j_status) as status_baris,
       plain(d.response.mapData.SUMMARIES.SKOR_SAAT_INI) as skor_saat_ini,
       status_of(j.response.mapData.SUMMARIES.STATUS) as status,
       status_of(j.response.mapData.SUMMARIES.TARGET_STATUS) as status_target,
       plain(d.response.mapData.SUMMARIES.SKOR_MINIMAL) as skor_minimal,
       plain(d.response.mapData.SUMMARIES.PENAMBAHAN) as penambahan,
       {", ".join(f"ptext(i.{f}) as {f}" for f in IDENTITY_FIELDS)},
       coalesce(
           rows_ok
           and regexp_full_match(kode_desa, '[0-9]{{10}}')
           and j.tahun in ({_in(YEARS)})
           and j.response.status in ('200', '"200"')
           and (j.response.error is null or j.response.error in ('false', '0'))
           and j.response.mapData.SUMMARIES.TAHUN in (j.tahun, '"' || j.tahun || '"')
           and {
    " and ".join(f"dec_ok(j_{n}, d_{n}) and d_{n} between 0 and 1" for n in ("iks", "ike", "ikl", "idm"))
}
           and status_baris in ({_in(STATUSES)})
           and status in ({_in(STATUSES)})
           and status_target in ({_in(STATUSES)})
           and dec_ok(j.response.mapData.SUMMARIES.SKOR_SAAT_INI, d.response.mapData.SUMMARIES.SKOR_SAAT_INI)
           and d.response.mapData.SUMMARIES.SKOR_SAAT_INI between 0 and 1
           and dec_ok(j.response.mapData.SUMMARIES.SKOR_MINIMAL, d.response.mapData.SUMMARIES.SKOR_MINIMAL)
           and d.response.mapData.SUMMARIES.SKOR_MINIMAL between 0 and 1
           and dec_ok(j.response.mapData.SUMMARIES.PENAMBAHAN, d.response.mapData.SUMMARIES.PENAMBAHAN)
           and starts_with(j.response.mapData.IDENTITAS[1], '{{')
           and {" and ".join(f"ptext_ok(i.{f})" for f in IDENTITY_FIELDS)},
           false
       ) as ok
from lines
"""

INDICATORS_SQL = """
select r.record_number as line_number, s.kode_desa, s.tahun, cast(r.cell as smallint) as row_cell,
       r.dimensi, cast(r.nomor as smallint) as nomor, r.indikator, cast(r.skor as smallint) as skor,
       r.keterangan, r.kegiatan, plain(r.nilai_decimal) as nilai,
       r.pusat, r.prov, r.kab, r.desa, r.csr, r.lainnya
from idm_rows as r join idm_summary as s using (record_number)
where s.ok and not r.subtotal
order by r.record_number, r.position
"""

VILLAGE_YEARS_SQL = f"""
select record_number as line_number, kode_desa, tahun, iks, ike, ikl, nilai_idm, status_baris,
       skor_saat_ini, status, status_target, skor_minimal, penambahan, {", ".join(IDENTITY_FIELDS)}
from idm_summary where ok order by record_number
"""


@dataclass
class NativeBatch:
    """What the native pass loaded from a batch, and the record numbers it left to Python."""

    village_years: pa.Table
    indicators: pa.Table
    refused: list[int]


class NativeParser:
    """One DuckDB connection (a cursor of `database` when given), reused batch after batch."""

    def __init__(self, threads: int | None = None, database: duckdb.DuckDBPyConnection | None = None) -> None:
        self.connection = database.cursor() if database is not None else duckdb.connect()
        if threads:
            self.connection.execute(f"set threads = {int(threads)}")
        self.connection.execute("set preserve_insertion_order = false")
        self.connection.execute(MACROS)

    def parse(self, numbers: Sequence[int], lines: Sequence[str]) -> NativeBatch:
        batch = pa.Table.from_batches(
            pa.table(
                {"record_number": pa.array(numbers, pa.int64()), "line": pa.array(lines, pa.string())}
            ).to_batches(max_chunksize=SCAN_CHUNK_LINES)
        )
        connection = self.connection
        connection.register("idm_batch", batch)
        try:
            connection.execute(LINES_SQL)
            connection.execute(ROWS_SQL)
            connection.execute(SUMMARY_SQL)
            village_years = connection.sql(VILLAGE_YEARS_SQL).to_arrow_table()
            indicators = connection.sql(INDICATORS_SQL).to_arrow_table()
        finally:
            connection.unregister("idm_batch")
        accepted = set(village_years.column("line_number").to_pylist())
        refused = [n for n in numbers if n not in accepted]
        return NativeBatch(village_years, indicators, refused)

    def close(self) -> None:
        self.connection.close()


class NativePool:
    """Batches parsed `workers` at a time, each on its own cursor of one in-memory database.

    DuckDB runs these statements on about one core whatever its thread setting (a batch is one small
    table), so the speed-up comes from parsing batches side by side while the caller reads the next
    lines and writes the last results. Results come back in the order the batches went in.
    """

    def __init__(self, workers: int = 2) -> None:
        self.workers = max(1, workers)
        self.database = duckdb.connect()
        # One core per statement: `workers` statements at once already fill the machine.
        self.database.execute("set threads = 1")
        self._local = threading.local()
        self._parsers: list[NativeParser] = []
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(self.workers, thread_name_prefix="idm-native")

    def _parse(self, numbers: Sequence[int], lines: Sequence[str]) -> NativeBatch:
        parser = getattr(self._local, "parser", None)
        if parser is None:
            parser = NativeParser(database=self.database)
            self._local.parser = parser
            with self._lock:
                self._parsers.append(parser)
        return parser.parse(numbers, lines)

    def map(self, batches: Iterable[B]) -> Iterator[tuple[B, NativeBatch]]:
        """(batch, what the native pass made of it) for each batch, in order; `workers` in flight.

        A batch needs `numbers` and `lines`. An error reading the batches or parsing one is raised
        here, after the batches in flight are abandoned.
        """
        pending: deque[tuple[B, Future[NativeBatch]]] = deque()
        try:
            for batch in batches:
                pending.append((batch, self._executor.submit(self._parse, batch.numbers, batch.lines)))
                if len(pending) > self.workers:
                    done, future = pending.popleft()
                    yield done, future.result()
            while pending:
                done, future = pending.popleft()
                yield done, future.result()
        finally:
            for _, future in pending:
                future.cancel()

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
        for parser in self._parsers:
            parser.close()
        self.database.close()
