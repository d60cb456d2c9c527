"""Reading the SDGs landing files (the JSON-lines archive or a folder of per-village JSON) into raw frames.

The archive is read natively: `read_lines` (the shared line reader) hands batches of numbered lines to
DuckDB, which decodes them with `json_transform` (scores as exact DECIMAL(38, 10), never a double)
and checks the rules of `assets.sdgs.parsing.parse_response` in SQL. DuckDB's JSON reader is more
lenient than JSON (trailing commas, `inf`), silently rounds decimals past the target scale, keeps the
first of duplicate keys and reads a number into VARCHAR through a double, so the native pass only
vouches for lines it can prove Python would read the same way:

- the line has the full expected shape with no duplicate key (`json_transform_strict`), and no
  nesting beyond it (as many `{`/`[` as the shape needs: nothing deeper can hide in it);
- no token that could be lenient or inexact: an exponent, a third decimal, a trailing comma, a
  non-finite number (checked on the whole text, strings included: a false alarm only costs time);
- each value has the JSON type the rule wants (a string code and average, integer goals, numeric
  scores) and passes the same patterns and ranges.

Every other line goes to the Python parser, which rejects it with its reason or, when it can read
it after all (an integer `location_code`, a missing title), loads it: no record is lost. Duplicate
villages are found in SQL over everything loaded so far (records arrive in file order) and rejected
pointing at the first. Semantic defects (17 goals, a score of 150, a wrong average) are loaded, as
on the Python path, for the quality gates to stop.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from assets.common.errors import DesaInputError
from assets.common.records import (
    BATCH_LINES,
    UTF8_BOM,
    RecordError,
    Reject,
    open_binary,
    read_lines,
    rejects_frame,
    write_atomically,
)
from assets.sdgs.parsing import VillageResponse, parse_archive_line, parse_village_file_text

VILLAGES_SCHEMA = {
    "location_code": pl.String,
    "average_text": pl.String,
    "total_desa": pl.Int32,
    "n_items": pl.Int32,
    "source_file": pl.String,
    "line_number": pl.Int64,
}
SCORES_SCHEMA = {
    "location_code": pl.String,
    "item_index": pl.Int16,
    "goal": pl.Int16,
    "title": pl.String,
    "image": pl.String,
    # The score as the source wrote it (a JSON number of at most 3 integer digits and 2 decimals);
    # dbt casts it to DECIMAL(5, 2).
    "score_text": pl.String,
}
_LINES_SCHEMA = {"record_number": pl.Int64, "line": pl.String}
_PY_VILLAGES_SCHEMA = {k: v for k, v in VILLAGES_SCHEMA.items() if k not in ("source_file", "line_number")}
_PY_SCORES_SCHEMA = {"record_number": pl.Int64, **SCORES_SCHEMA}

# The happy path's line, as the harvester writes it: the keys in the API's order, nothing else in
# it, every value of the type the rule wants. A line of this form is valid JSON (no lenient token,
# no duplicate key, no nesting beyond the shape) whose numbers have at most 2 decimals and no
# exponent, so that DuckDB reads exactly what Python reads; any other line goes to Python.
_WS = r"[ \t\n\r]*"  # JSON whitespace (RE2's \s also takes \f, which JSON does not)
_STRING = r'"(?:[^"\\\x00-\x1f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"'
_INTEGER = r"-?(?:0|[1-9][0-9]{0,2})"
_SCORE = _INTEGER + r"(?:\.[0-9]{1,2})?"


def _key(name: str) -> str:
    return f'{_WS}"{name}"{_WS}:{_WS}'


_ITEM = (
    rf"\{{{_key('goals')}{_INTEGER}"
    rf"(?:{_WS},{_key('title')}(?:{_STRING}|null))?"
    rf"(?:{_WS},{_key('image')}(?:{_STRING}|null))?"
    rf"{_WS},{_key('score')}{_SCORE}{_WS}\}}"
)
_CODE = '"[0-9]{10}"'
_AVERAGE = r'"-?[0-9]{1,3}(?:\.[0-9]{1,2})?"'
CANONICAL_LINE = (
    rf"{_WS}\{{{_key('location_code')}{_CODE}{_WS},{_key('response')}"
    rf"\{{{_key('average')}{_AVERAGE}{_WS},{_key('data')}"
    rf"\[{_WS}(?:{_ITEM}(?:{_WS},{_WS}{_ITEM})*)?{_WS}\]"
    rf"(?:{_WS},{_key('total_desa')}(?:-?[0-9]{{1,18}}|null))?{_WS}\}}{_WS}\}}{_WS}"
)
# The expected struct; scores as DECIMAL, which json_transform reads exactly in DuckDB 2.0.1 (it
# parses the digits; a number read into VARCHAR or through ->> would go through a double).
RESPONSE_STRUCT = (
    '{"location_code":"VARCHAR","response":{"average":"VARCHAR","total_desa":"BIGINT",'
    '"data":[{"goals":"BIGINT","title":"VARCHAR","image":"VARCHAR","score":"DECIMAL(38,10)"}]}}'
)

_SETUP_SQL = """
create table villages (
    record_number bigint, location_code varchar, average_text varchar, total_desa integer, n_items integer
);
create table scores (
    record_number bigint, location_code varchar, item_index smallint, goal smallint,
    title varchar, image varchar, score_text varchar
);
create table duplicates (record_number bigint, location_code varchar, first_record bigint);
"""

# One batch of numbered lines (`batch`) -> the villages and scores of the lines that pass natively.
_NATIVE_SQL = rf"""
create or replace temp table native as
with decoded as (
    select record_number, json_transform(line, '{RESPONSE_STRUCT}') as r
    from batch
    where regexp_full_match(line, '{CANONICAL_LINE}') and json_valid(line)
)

-- The rules of parse_response (implied by the line's form; checked again on the decoded values).
select
    record_number,
    r.location_code,
    r.response.average as average_text,
    case when r.response.total_desa between 0 and 999999999 then r.response.total_desa end::integer
        as total_desa,
    r.response.data as items
from decoded
where regexp_full_match(r.location_code, '[0-9]{{10}}')
    and regexp_full_match(r.response.average, '-?[0-9]{{1,3}}(\.[0-9]{{1,2}})?')
    and coalesce(list_bool_and(list_transform(
        r.response.data,
        lambda i: coalesce(
            i.goals between 0 and 999 and i.score = round(i.score, 2) and abs(i.score) < 1000, false
        )
    )), true);

insert into villages by name
select record_number, location_code, average_text, total_desa, len(items)::integer as n_items
from native;

insert into scores by name
select
    record_number,
    location_code,
    item_index::smallint as item_index,
    item.goals::smallint as goal,
    item.title as title,
    item.image as image,
    -- the exact value as the source writes it: no trailing zeros, integers without a point
    rtrim(rtrim(item.score::varchar, '0'), '.') as score_text
from (
    select
        record_number, location_code, generate_subscripts(items, 1) - 1 as item_index, unnest(items) as item
    from native
);
"""

# Loaded records are in file order, so a village loaded before is a duplicate of the first one.
_DUPLICATES_SQL = """
insert into duplicates
select b.record_number, b.location_code, min(v.record_number) as first_record
from batch_villages as b
inner join villages as v using (location_code)
group by all
having b.record_number > min(v.record_number)
returning record_number, location_code, first_record
"""
_VILLAGES_QUERY = """
select location_code, average_text, total_desa, n_items, {source} as source_file, record_number as line_number
from villages anti join duplicates using (record_number)
order by record_number
"""
_SCORES_QUERY = """
select location_code, item_index, goal, title, image, score_text
from scores anti join duplicates using (record_number)
order by record_number, item_index
"""


@dataclass
class SdgsRaw:
    """The raw tables of one landing, and how the records were read."""

    villages: pl.DataFrame
    scores: pl.DataFrame
    rejects: pl.DataFrame
    records_native: int = 0
    records_python: int = 0


def _python_rows(
    outcomes: Iterable[tuple[int, VillageResponse]],
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Villages (with record_number) and scores of the records the Python parser loaded."""
    villages: dict[str, list] = {"record_number": [], **{k: [] for k in _PY_VILLAGES_SCHEMA}}
    scores: dict[str, list] = {k: [] for k in _PY_SCORES_SCHEMA}
    for number, village in outcomes:
        villages["record_number"].append(number)
        villages["location_code"].append(village.location_code)
        villages["average_text"].append(village.average_text)
        villages["total_desa"].append(village.total_desa)
        villages["n_items"].append(len(village.scores))
        for index, score in enumerate(village.scores):
            scores["record_number"].append(number)
            scores["location_code"].append(village.location_code)
            scores["item_index"].append(index)
            scores["goal"].append(score.goal)
            scores["title"].append(score.title)
            scores["image"].append(score.image)
            scores["score_text"].append(score.score_text)
    return (
        pl.DataFrame(villages, schema={"record_number": pl.Int64, **_PY_VILLAGES_SCHEMA}),
        pl.DataFrame(scores, schema=_PY_SCORES_SCHEMA),
    )


@dataclass
class _Archive:
    """An archive loaded into a DuckDB connection: tables `villages`, `scores`, `duplicates`."""

    source: str
    rejects: list[Reject]
    records_native: int
    records_python: int

    def villages_query(self) -> str:
        return _VILLAGES_QUERY.format(source="'" + self.source.replace("'", "''") + "'")


def _load_archive(
    connection: duckdb.DuckDBPyConnection, path: Path, native: bool, batch_lines: int
) -> _Archive:
    archive = _Archive(str(path), [], 0, 0)
    connection.execute(_SETUP_SQL)
    for batch in read_lines(path, batch_lines):
        archive.rejects += batch.rejects
        if not batch.lines:
            continue
        accepted: set[int] = set()
        if native:
            lines = pl.DataFrame({"record_number": batch.numbers, "line": batch.lines}, schema=_LINES_SCHEMA)
            connection.register("batch", lines)
            connection.execute(_NATIVE_SQL)
            connection.unregister("batch")
            accepted = {n for (n,) in connection.execute("select record_number from native").fetchall()}
        texts = dict(zip(batch.numbers, batch.lines, strict=True))
        loaded: list[tuple[int, VillageResponse]] = []
        for number, text in texts.items():
            if number in accepted:
                continue
            try:
                loaded.append((number, parse_archive_line(text)))
            except RecordError as error:
                archive.rejects.append(Reject(archive.source, number, text, str(error)))
        archive.records_native += len(accepted)
        archive.records_python += len(texts) - len(accepted)
        python_villages, python_scores = _python_rows(loaded)
        connection.register("python_villages", python_villages)
        connection.register("python_scores", python_scores)
        connection.execute(
            "insert into villages by name select * from python_villages;"
            "insert into scores by name select * from python_scores;"
            "create or replace temp table batch_villages as "
            "select record_number, location_code from python_villages"
            + (" union all select record_number, location_code from native" if native else "")
        )
        connection.unregister("python_villages")
        connection.unregister("python_scores")
        for number, code, first in connection.execute(_DUPLICATES_SQL).fetchall():
            reason = f"duplicate location_code {code}, first at {archive.source} line {first}"
            archive.rejects.append(Reject(archive.source, number, texts[number], reason))
    archive.rejects.sort(key=lambda r: r.record_number or 0)
    return archive


def _frame(connection: duckdb.DuckDBPyConnection, query: str, schema: dict) -> pl.DataFrame:
    frame = pl.from_arrow(connection.sql(query).to_arrow_table())
    assert isinstance(frame, pl.DataFrame)
    return frame.cast(schema)


def read_archive(path: Path, native: bool = True, batch_lines: int = BATCH_LINES) -> SdgsRaw:
    """The archive `{"location_code", "response"}` per line -> raw villages, scores and rejects.

    `native=False` decides every line in Python (the reference the native pass is tested against).
    A file that cannot be read (not gzip, truncated, empty) raises DesaInputError naming it.
    """
    with duckdb.connect() as connection:
        archive = _load_archive(connection, path, native, batch_lines)
        villages = _frame(connection, archive.villages_query(), VILLAGES_SCHEMA)
        scores = _frame(connection, _SCORES_QUERY, SCORES_SCHEMA)
    return SdgsRaw(
        villages, scores, rejects_frame(archive.rejects), archive.records_native, archive.records_python
    )


@dataclass
class WrittenArchive:
    villages: Path
    scores: Path
    rejects: list[Reject]
    records_native: int
    records_python: int


def write_archive(path: Path, output_dir: Path, batch_lines: int = BATCH_LINES) -> WrittenArchive:
    """`read_archive`, with the villages and scores written as Parquet by DuckDB (atomically)."""

    def copy(connection: duckdb.DuckDBPyConnection, query: str, target: Path) -> Path:
        def write(tmp: Path) -> None:
            quoted = str(tmp).replace("'", "''")
            connection.execute(f"copy ({query}) to '{quoted}' (format parquet, compression zstd)")

        return write_atomically(target, write)

    with duckdb.connect() as connection:
        archive = _load_archive(connection, path, True, batch_lines)
        villages = copy(connection, archive.villages_query(), output_dir / "villages.parquet")
        scores = copy(connection, _SCORES_QUERY, output_dir / "scores.parquet")
    return WrittenArchive(villages, scores, archive.rejects, archive.records_native, archive.records_python)


def read_village_file(path: Path) -> str:
    """A per-village file's text (gzip or plain, BOM accepted); bad UTF-8 is a RecordError."""
    try:
        with open_binary(path) as handle:
            data = handle.read()
    except OSError as error:
        raise DesaInputError(path, None, f"cannot read the file: {error}") from None
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RecordError(f"not UTF-8 text: {error}") from None


def read_village_folder(files: list[Path]) -> SdgsRaw:
    """Per-village `<location_code>.json` files (a body or an archive-style wrapper each), in order."""
    rejects: list[Reject] = []
    loaded: list[tuple[int, VillageResponse]] = []
    sources: list[str] = []
    first_seen: dict[str, str] = {}
    for path in files:
        text = ""
        try:
            text = read_village_file(path)
            village = parse_village_file_text(text, path.stem)
        except RecordError as error:
            rejects.append(Reject(str(path), 1, text, str(error)))
            continue
        first = first_seen.setdefault(village.location_code, str(path))
        if first != str(path):
            reason = f"duplicate location_code {village.location_code}, first at {first} line 1"
            rejects.append(Reject(str(path), 1, text, reason))
            continue
        loaded.append((len(loaded), village))
        sources.append(str(path))
    villages, scores = _python_rows(loaded)
    villages = villages.with_columns(
        source_file=pl.Series(sources, dtype=pl.String), line_number=pl.lit(1, dtype=pl.Int64)
    )
    return SdgsRaw(
        villages.select(list(VILLAGES_SCHEMA)),
        scores.drop("record_number"),
        rejects_frame(rejects),
        0,
        len(files),
    )
