"""The corpus: defect classes, the file of each source they damage, and the cases they make.

A *defect class* promises one behaviour for every source (docs/ARCHITECTURE.md, "defect class ->
behaviour"). A *target* is one landing file of a declared source, in one format (a source with two
formats has two targets), with what is source-specific about damaging it: which required column
to drop, how to make a field of the wrong type, which value is outside its domain and which
blocking check owns that rule. A *case* is a target x an applicable defect class: a good sample
with exactly that one defect, and what the runner must then see.
"""

from __future__ import annotations

import fnmatch
import gzip
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from assets.apbdes.sources import SIDEKA_APBDES, SISKEUDES
from assets.budget.source import KEMENDESA_APBN
from assets.common.records import MAX_JSON_DEPTH, MAX_RECORD_BYTES
from assets.common.source import Source
from assets.dana_desa.sources import DJPK_DANA_DESA, DJPK_DANA_DESA_DESA, DJPK_TKDD
from assets.idm.assets import IDM_SOURCE
from assets.sdgs.assets import KEMENDESA_SDGS
from assets.wilayah.assets import KODE_WILAYAH
from tests.corpus.landing import Delimited, FolderInstead, Landing, Raw, Sheet, Text
from tests.corpus.samples import sample

REPO = Path(__file__).resolve().parents[2]

STOPS = "stops"
QUARANTINED = "quarantined"
ACCEPTED = "accepted"
LOADED = "loaded"

Format = Literal["jsonl", "csv", "xlsx"]
TEXT: frozenset[Format] = frozenset({"jsonl", "csv"})
TABULAR: frozenset[Format] = frozenset({"csv", "xlsx"})
EVERY: frozenset[Format] = frozenset({"jsonl", "csv", "xlsx"})

# An edit of one record: a decoded JSON object, or a tabular row as {column: cell}.
Edit = Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class Defect:
    name: str
    label: str
    expected: str
    formats: frozenset[Format]


DEFECTS: tuple[Defect, ...] = (
    Defect("good", "none: the good sample", ACCEPTED, EVERY),
    Defect("missing_file", "required file missing from the configured folder", STOPS, EVERY),
    Defect("folder_for_file", "a folder where the file should be", STOPS, EVERY),
    Defect("not_gzip", "named .gz but not gzip", STOPS, TEXT),
    Defect("truncated", "truncated gzip / workbook", STOPS, EVERY),
    Defect("empty_file", "empty file", STOPS, EVERY),
    Defect("bom", "UTF-8 BOM", ACCEPTED, TEXT),
    Defect("line_ends", "CRLF line ends (LF where the format has CRLF)", ACCEPTED, TEXT),
    Defect("header_case", "header in other case, with spaces", ACCEPTED, TABULAR),
    Defect("extra_column", "extra column", ACCEPTED, TABULAR),
    Defect("missing_column", "missing column", STOPS, TABULAR),
    Defect("renamed_column", "renamed column", STOPS, TABULAR),
    Defect("latin1", "a Latin-1 byte in one record", QUARANTINED, TEXT),
    Defect("overlong", "one record over 4 MiB", QUARANTINED, TEXT),
    Defect("malformed", "malformed record (bad JSON, wrong field count)", QUARANTINED, TEXT),
    Defect("deep_nesting", f"JSON nested deeper than {MAX_JSON_DEPTH}", QUARANTINED, frozenset({"jsonl"})),
    Defect("wrong_type", "a value of the wrong type", QUARANTINED, EVERY),
    Defect("duplicate_key", "a duplicate key (a record repeated)", QUARANTINED, EVERY),
    Defect("out_of_domain", "a value outside its domain", LOADED, EVERY),
)
DEFECT = {d.name: d for d in DEFECTS}


@dataclass(frozen=True)
class Check:
    """The blocking check that owns a domain rule: a GX expectation or a dbt test."""

    kind: Literal["gx", "dbt"]
    name: str  # the suite (expectations/<name>.json) or the dbt test
    expectation: str = ""
    column: str = ""

    def __str__(self) -> str:
        if self.kind == "gx":
            return f"GX {self.name}: {self.expectation}({self.column})"
        return f"dbt {self.name}"

    def exists(self) -> bool:
        if self.kind == "dbt":
            return any((REPO / "dbt_project" / "tests").rglob(f"{self.name}.sql"))
        suite = json.loads((REPO / "expectations" / f"{self.name}.json").read_text())
        return any(
            e.get("type") == self.expectation and e.get("kwargs", {}).get("column") == self.column
            for e in suite["expectations"]
        )


@dataclass(frozen=True)
class OutOfDomain:
    """A value outside its domain: where it is written, where it must arrive, who stops it."""

    name: str
    edit: Edit
    table: str
    column: str
    value: str
    check: Check
    record: int | None = None  # the record edited (a row the check sees), else the target's
    xfail: str | None = None


@dataclass(frozen=True)
class Target:
    source: Source
    label: str
    file: str  # relative to the source's landing folder
    format: Format
    table: str  # the raw table the file feeds
    wrong_type: Edit
    out_of_domain: tuple[OutOfDomain, ...] = ()
    cells: Delimited | None = None  # how a delimited file's cells are split
    gzip_name: str | None = None  # the name under which the source reads it gzipped
    column: str = ""  # a required column (dropped, renamed)
    schema: str | None = None  # an export table's schema file, changed with its columns
    missing: Literal["part", "file"] = "part"  # what a missing-file case removes
    record: int = 2  # the data record damaged
    not_applicable: dict[str, str] = field(default_factory=dict)  # defect -> why not

    def applies(self, defect: Defect) -> bool:
        if defect.name in self.not_applicable or self.format not in defect.formats:
            return False
        if defect.name == "not_gzip" or (defect.name == "truncated" and self.format != "xlsx"):
            return self.gzip_name is not None
        return not (defect.name == "out_of_domain" and not self.out_of_domain)

    def why_not(self, defect: Defect) -> str:
        if defect.name in self.not_applicable:
            return self.not_applicable[defect.name]
        if self.format not in defect.formats:
            return f"not a defect of {self.format}"
        if self.gzip_name is None:
            return "the source reads no gzip here"
        return ""


@dataclass(frozen=True)
class Expect:
    """What the runner must see beside the outcome."""

    names: str | None = None  # the path a stop names, relative to the source folder ("" = the folder)
    record: int | None = None  # the record number quarantined
    rows: int = 0  # change in the target table's rows against the good sample


@dataclass(frozen=True)
class Case:
    target: Target
    defect: Defect
    out_of_domain: OutOfDomain | None = None

    @property
    def id(self) -> str:
        variant = f"[{self.out_of_domain.name}]" if self.out_of_domain else ""
        return f"{self.target.label.replace(' ', '-')}/{self.defect.name}{variant}"

    @property
    def xfail(self) -> str | None:
        if self.out_of_domain and self.out_of_domain.xfail:
            return self.out_of_domain.xfail
        return KNOWN_DEVIATIONS.get((self.target.label, self.defect.name))

    def build(self) -> tuple[Landing, Expect]:
        landing = sample(self.target.source.name)
        expect = DAMAGES[self.defect.name](landing, self)
        return landing, expect


# Cases that deviate from the promised behaviour and are not fixed yet: (target, defect) -> why.
KNOWN_DEVIATIONS: dict[tuple[str, str], str] = {}


# ---------------------------------------------------------------------------------------------
# Editing records


def _header(target: Target) -> bool:
    return target.format != "jsonl"


def line_index(target: Target, record: int) -> int:
    """Index in the file's lines (or sheet rows) of data record `record` (1-based)."""
    return record if _header(target) else record - 1


def _text(landing: Landing, target: Target) -> Text:
    content = landing[target.file]
    assert isinstance(content, Text), target.file
    return content


def _sheet(landing: Landing, target: Target) -> Sheet:
    content = landing[target.file]
    assert isinstance(content, Sheet), target.file
    return content


def edit_record(landing: Landing, target: Target, record: int, edit: Edit) -> None:
    index = line_index(target, record)
    if target.format == "xlsx":
        rows = _sheet(landing, target).rows
        values = dict(zip((str(c) for c in rows[0]), rows[index], strict=True))
        edit(values)
        rows[index] = list(values.values())
        return
    text = _text(landing, target)
    line = text.lines[index]
    if target.format == "jsonl":
        value = json.loads(line)
        edit(value)
        compact = '": ' not in line
        text.lines[index] = json.dumps(value, separators=(",", ":") if compact else None)
        return
    assert target.cells is not None
    header = target.cells.cells(text.lines[0])
    values = dict(zip(header, target.cells.cells(line), strict=True))
    edit(values)
    text.lines[index] = target.cells.line(list(values.values()))


def set_cell(column: str, value: object) -> Edit:
    def edit(row: dict[str, Any]) -> None:
        assert column in row, f"no column {column} in {list(row)}"
        row[column] = value

    return edit


def _columns(landing: Landing, case: Case, change: Callable[[list[list[Any]]], None]) -> None:
    """Apply `change` to the table as rows of cells (header first), and to its schema file."""
    target = case.target
    if target.format == "xlsx":
        change(_sheet(landing, target).rows)
        return
    assert target.cells is not None
    text = _text(landing, target)
    rows: list[list[Any]] = [target.cells.cells(line) for line in text.lines]
    change(rows)
    text.lines = [target.cells.line([str(c) for c in row]) for row in rows]
    if target.schema:
        # The schema lists one column per line: the change applies to it as to a one-row header.
        schema = landing[target.schema]
        assert isinstance(schema, Text)
        specs = [target.cells.cells(line) for line in schema.lines[1:]]
        names = [[spec[0] for spec in specs]]
        change(names)
        by_name = {spec[0].strip().lower(): spec for spec in specs}
        schema.lines[1:] = [
            target.cells.line(
                [name, *by_name.get(name.strip().lower(), [name, "STRING", "10", "0", "0"])[1:]]
            )
            for name in names[0]
        ]


# A string value in a JSON line, or any letter on a delimited line: where a byte is put.
JSON_STRING_VALUE = re.compile(rb'":\s?"[^"\\]*?[A-Za-z]')
LETTER = re.compile(rb"[A-Za-z]")


def _insert(landing: Landing, case: Case, data: bytes) -> Expect:
    target = case.target
    text = _text(landing, target)
    index = line_index(target, target.record)
    line = text.line_bytes(index)
    found = (JSON_STRING_VALUE if target.format == "jsonl" else LETTER).search(line)
    at = found.end() if found else len(line) - 1
    text.raw[index] = line[:at] + data + line[at:]
    return Expect(record=index + 1, rows=-1)


# ---------------------------------------------------------------------------------------------
# The damage of each defect class


def _good(landing: Landing, case: Case) -> Expect:
    return Expect()


def _missing_file(landing: Landing, case: Case) -> Expect:
    target = case.target
    if target.missing == "file":
        del landing[target.file]
    else:
        part = next(
            p for p in target.source.files if any(fnmatch.fnmatch(target.file, g) for g in p.patterns)
        )
        for relative in [r for r in landing if any(fnmatch.fnmatch(r, g) for g in part.patterns)]:
            del landing[relative]
    return Expect(names="")


def _folder_for_file(landing: Landing, case: Case) -> Expect:
    landing[case.target.file] = FolderInstead()
    return Expect(names=case.target.file)


def _gzip_variant(landing: Landing, case: Case, data: Callable[[bytes], bytes]) -> Expect:
    target = case.target
    assert target.gzip_name is not None
    text = landing.pop(target.file)
    assert isinstance(text, Text)
    landing[target.gzip_name] = Raw(data(text.plain()))
    return Expect(names=target.gzip_name)


def _not_gzip(landing: Landing, case: Case) -> Expect:
    return _gzip_variant(landing, case, lambda plain: plain)


def _truncated(landing: Landing, case: Case) -> Expect:
    if case.target.format == "xlsx":
        data = _sheet(landing, case.target).to_bytes()
        landing[case.target.file] = Raw(data[: len(data) // 2])
        return Expect(names=case.target.file)

    def cut(plain: bytes) -> bytes:
        data = gzip.compress(plain, mtime=0)
        return data[: len(data) // 2]

    return _gzip_variant(landing, case, cut)


def _empty_file(landing: Landing, case: Case) -> Expect:
    content = landing[case.target.file]
    # A gzip file holds an empty text; anything else is zero bytes.
    landing[case.target.file] = Raw(gzip.compress(b"") if isinstance(content, Text) and content.gzip else b"")
    return Expect(names=case.target.file)


def _bom(landing: Landing, case: Case) -> Expect:
    _text(landing, case.target).bom = True
    return Expect()


def _line_ends(landing: Landing, case: Case) -> Expect:
    text = _text(landing, case.target)
    text.newline = "\n" if text.newline == "\r\n" else "\r\n"
    return Expect()


def _header_case(landing: Landing, case: Case) -> Expect:
    def change(rows: list[list[Any]]) -> None:
        rows[0] = [f" {c.lower() if c == c.upper() else c.upper()} " for c in map(str, rows[0])]

    _columns(landing, case, change)
    return Expect()


def _extra_column(landing: Landing, case: Case) -> Expect:
    def change(rows: list[list[Any]]) -> None:
        rows[0].append("catatan")
        for row in rows[1:]:
            row.append("diperiksa")

    _columns(landing, case, change)
    return Expect()


def _column_index(rows: list[list[Any]], column: str) -> int:
    return [str(c) for c in rows[0]].index(column)


def _missing_column(landing: Landing, case: Case) -> Expect:
    def change(rows: list[list[Any]]) -> None:
        index = _column_index(rows, case.target.column)
        for row in rows:
            del row[index]

    _columns(landing, case, change)
    return Expect(names=case.target.schema or case.target.file)


def _renamed_column(landing: Landing, case: Case) -> Expect:
    def change(rows: list[list[Any]]) -> None:
        rows[0][_column_index(rows, case.target.column)] = case.target.column + "_lama"

    _columns(landing, case, change)
    return Expect(names=case.target.schema or case.target.file)


def _latin1(landing: Landing, case: Case) -> Expect:
    return _insert(landing, case, b"\xe9")  # é in Latin-1 (cp1252): not UTF-8


def _overlong(landing: Landing, case: Case) -> Expect:
    return _insert(landing, case, b"X" * (MAX_RECORD_BYTES + 1))


def _malformed(landing: Landing, case: Case) -> Expect:
    target = case.target
    text = _text(landing, target)
    index = line_index(target, target.record)
    line = text.lines[index]
    if target.format == "jsonl":
        text.lines[index] = line[: len(line) // 2]  # cut short, as by a killed harvest
    else:
        assert target.cells is not None
        text.lines[index] = target.cells.line(target.cells.cells(line)[:2])  # two fields only
    return Expect(record=index + 1, rows=-1)


def nested(depth: int) -> Any:
    value: Any = []
    for _ in range(depth - 1):
        value = [value]
    return value


def _deep_nesting(landing: Landing, case: Case) -> Expect:
    def edit(record: dict[str, Any]) -> None:
        record["catatan"] = nested(MAX_JSON_DEPTH + 36)  # a key no parser reads: only depth is wrong

    edit_record(landing, case.target, case.target.record, edit)
    return Expect(record=line_index(case.target, case.target.record) + 1, rows=-1)


def _wrong_type(landing: Landing, case: Case) -> Expect:
    edit_record(landing, case.target, case.target.record, case.target.wrong_type)
    return Expect(record=line_index(case.target, case.target.record) + 1, rows=-1)


def _duplicate_key(landing: Landing, case: Case) -> Expect:
    target = case.target
    index = line_index(target, target.record)
    if target.format == "xlsx":
        rows = _sheet(landing, target).rows
        rows.append(list(rows[index]))
        return Expect(record=len(rows), rows=0)
    lines = _text(landing, target).lines
    lines.append(lines[index])
    return Expect(record=len(lines), rows=0)


def _out_of_domain(landing: Landing, case: Case) -> Expect:
    domain = case.out_of_domain
    assert domain is not None
    edit_record(landing, case.target, domain.record or case.target.record, domain.edit)
    return Expect()


DAMAGES: dict[str, Callable[[Landing, Case], Expect]] = {
    "good": _good,
    "missing_file": _missing_file,
    "folder_for_file": _folder_for_file,
    "not_gzip": _not_gzip,
    "truncated": _truncated,
    "empty_file": _empty_file,
    "bom": _bom,
    "line_ends": _line_ends,
    "header_case": _header_case,
    "extra_column": _extra_column,
    "missing_column": _missing_column,
    "renamed_column": _renamed_column,
    "latin1": _latin1,
    "overlong": _overlong,
    "malformed": _malformed,
    "deep_nesting": _deep_nesting,
    "wrong_type": _wrong_type,
    "duplicate_key": _duplicate_key,
    "out_of_domain": _out_of_domain,
}
assert set(DAMAGES) == set(DEFECT)


# ---------------------------------------------------------------------------------------------
# The targets: one per declared source and format


def _sdgs_score(value: Any) -> Edit:
    def edit(record: dict[str, Any]) -> None:
        record["response"]["data"][0]["score"] = value

    return edit


def _idm_row(cell: int | None, value: Any, index: int = 3) -> Edit:
    """Set SKOR of the ROW with ROW_CELL `cell` (or of ROW[index], an indicator row)."""

    def edit(record: dict[str, Any]) -> None:
        rows = record["response"]["mapData"]["ROW"]
        row = rows[index] if cell is None else next(r for r in rows if r["ROW_CELL"] == cell)
        row["SKOR"] = value

    return edit


GX_BETWEEN = "expect_column_values_to_be_between"

CSV = Delimited()
QUOTED_CSV = Delimited(quote_all=True)
UNQUOTED_CSV = Delimited(quoted=False)
TSV = Delimited(delimiter="\t", quoted=False)

TARGETS: tuple[Target, ...] = (
    Target(
        KODE_WILAYAH,
        "kode_wilayah",
        "desa.csv.gz",
        "csv",
        "desa",
        cells=UNQUOTED_CSV,
        gzip_name="desa.csv.gz",
        column="parent",
        wrong_type=set_cell("kode_bps", "11010100O2"),
        not_applicable={
            "out_of_domain": "codes are checked by shape (wrong type); a code of no region loads and is "
            "reported unresolved in wilayah_crosswalk, not a domain rule"
        },
    ),
    Target(
        KEMENDESA_SDGS,
        "kemendesa_sdgs",
        "score-sdgs.jsonl.gz",
        "jsonl",
        "villages",
        gzip_name="score-sdgs.jsonl.gz",
        wrong_type=_sdgs_score("44.46"),
        out_of_domain=(
            OutOfDomain(
                "score 150",
                _sdgs_score(150),
                "scores",
                "score_text",
                "150",
                Check("gx", "sdgs_goal_scores", GX_BETWEEN, "score"),
            ),
        ),
    ),
    Target(
        IDM_SOURCE,
        "kemendesa_idm api",
        "idm-rumusan.jsonl.gz",
        "jsonl",
        "village_years",
        gzip_name="idm-rumusan.jsonl.gz",
        wrong_type=_idm_row(None, "4"),
        out_of_domain=(
            OutOfDomain(
                "SKOR 7",
                _idm_row(None, 7),
                "indicators",
                "skor",
                "7",
                Check("gx", "idm_indicators", GX_BETWEEN, "skor"),
            ),
            OutOfDomain(
                "IKS 1.5",
                _idm_row(45, 1.5),
                "village_years",
                "iks",
                "1.5",
                Check("gx", "idm_status", GX_BETWEEN, "iks"),
            ),
        ),
    ),
    Target(
        IDM_SOURCE,
        "kemendesa_idm excel",
        "idm-desa-2023.xlsx",
        "xlsx",
        "excel_village_years",
        column="KODE_DESA",
        missing="file",
        wrong_type=set_cell("IKS_2023", "tinggi"),
        out_of_domain=(
            OutOfDomain(
                "IKS 1.25",
                set_cell("IKS_2023", 1.25),
                "excel_village_years",
                "iks",
                "1.25",
                Check("gx", "idm_status", GX_BETWEEN, "iks"),
            ),
        ),
    ),
    Target(
        KEMENDESA_APBN,
        "kemendesa_apbn csv",
        "rkakl_067_2021_revisi_00.csv",
        "csv",
        "lines",
        cells=CSV,
        gzip_name="rkakl_067_2021_revisi_00.csv.gz",
        column="JUMLAH",
        wrong_type=set_cell("JUMLAH", "1.250.000,50"),
        out_of_domain=(
            OutOfDomain(
                "KDUNIT 99",
                set_cell("KDUNIT", "99"),
                "lines",
                "kdunit",
                "99",
                Check("gx", "apbn_lines", "expect_column_values_to_be_in_set", "kode_unit"),
            ),
        ),
    ),
    Target(
        KEMENDESA_APBN,
        "kemendesa_apbn excel",
        "rkakl_067_2021_revisi_01.xlsx",
        "xlsx",
        "lines",
        column="JUMLAH",
        wrong_type=set_cell("JUMLAH", "1.250.000,50"),
        out_of_domain=(
            OutOfDomain(
                "KDUNIT 99",
                set_cell("KDUNIT", "99"),
                "lines",
                "kdunit",
                "99",
                Check("gx", "apbn_lines", "expect_column_values_to_be_in_set", "kode_unit"),
            ),
        ),
        not_applicable={"missing_file": "one part with the CSV revision: every file of the folder"},
    ),
    Target(
        DJPK_TKDD,
        "djpk_tkdd",
        "tkdd-2018-2021.csv.gz",
        "csv",
        "dana_desa",
        cells=CSV,
        gzip_name="tkdd-2018-2021.csv.gz",
        column="21_662111_a",
        wrong_type=set_cell("21_662111_a", "12 M"),
        out_of_domain=(
            OutOfDomain(
                "tahun 2030",
                set_cell("tahun", "2030"),
                "dana_desa",
                "tahun",
                "2030",
                Check("gx", "dana_desa_kabupaten", GX_BETWEEN, "tahun"),
                record=4,  # a kabupaten row: the province rows never reach the checked mart
            ),
        ),
    ),
    Target(
        DJPK_DANA_DESA,
        "djpk_dana_desa tsv",
        "pagu-dana-desa.tsv",
        "csv",
        "pagu",
        cells=TSV,
        gzip_name="pagu-dana-desa.tsv.gz",
        column="nilai",
        wrong_type=set_cell("nilai", "224.869.613.000"),
        out_of_domain=(
            OutOfDomain(
                "tahun 2030",
                set_cell("tahun", "2030"),
                "pagu",
                "tahun",
                "2030",
                Check("gx", "dana_desa_kabupaten", GX_BETWEEN, "tahun"),
            ),
        ),
    ),
    Target(
        DJPK_DANA_DESA,
        "djpk_dana_desa csv",
        "datadasar-danadesa2019.csv",
        "csv",
        "datadasar",
        cells=QUOTED_CSV,
        gzip_name="datadasar-danadesa2019.csv.gz",
        column="Total Alokasi",
        wrong_type=set_cell("Jumlah Desa", "banyak"),
        out_of_domain=(
            OutOfDomain(
                "alokasi dasar -5",
                set_cell("Alokasi Dasar", "-5.00"),
                "datadasar",
                "alokasi_dasar_rupiah",
                "-5",
                Check("gx", "dana_desa_kabupaten", GX_BETWEEN, "alokasi_dasar_rupiah"),
            ),
        ),
    ),
    Target(
        DJPK_DANA_DESA_DESA,
        "djpk_dana_desa_desa",
        "dana-desa-desa-2021.tsv.gz",
        "csv",
        "alokasi",
        cells=TSV,
        gzip_name="dana-desa-desa-2021.tsv.gz",
        column="pagu",
        wrong_type=set_cell("pagu", "1 M"),
        out_of_domain=(
            OutOfDomain(
                "alokasi dasar -5",
                set_cell("alokasi_dasar", "-5"),
                "alokasi",
                "alokasi_dasar_rupiah",
                "-5",
                Check("gx", "dana_desa_desa", GX_BETWEEN, "alokasi_dasar_rupiah"),
            ),
        ),
    ),
    Target(
        SISKEUDES,
        "siskeudes",
        "2019-synthetic-aceh/Ta_RABRinci.csv",
        "csv",
        "ta_rabrinci",
        cells=QUOTED_CSV,
        column="Anggaran",
        schema="2019-synthetic-aceh/Ta_RABRinci.columns",
        wrong_type=set_cell("Anggaran", "sejuta"),
        out_of_domain=(
            OutOfDomain(
                "anggaran -100",
                set_cell("Anggaran", "-100"),
                "ta_rabrinci",
                "anggaran",
                "-100",
                Check("gx", "apbdes_lines", GX_BETWEEN, "anggaran_rupiah"),
            ),
        ),
    ),
    Target(
        SIDEKA_APBDES,
        "sideka_apbdes",
        "siskeudes_penganggarans.csv.gz",
        "csv",
        "penganggaran",
        cells=CSV,
        gzip_name="siskeudes_penganggarans.csv.gz",
        column="anggaran",
        wrong_type=set_cell("anggaran", "banyak"),
        out_of_domain=(
            OutOfDomain(
                "anggaran -100",
                set_cell("anggaran", "-100"),
                "penganggaran",
                "anggaran",
                "-100",
                Check("gx", "apbdes_lines", GX_BETWEEN, "anggaran_rupiah"),
                record=5,  # a leaf line: header rows never reach apbdes_lines
            ),
        ),
    ),
)


def all_cases() -> list[Case]:
    cases = []
    for target in TARGETS:
        for defect in DEFECTS:
            if not target.applies(defect):
                continue
            if defect.name == "out_of_domain":
                cases += [Case(target, defect, domain) for domain in target.out_of_domain]
            else:
                cases.append(Case(target, defect))
    return cases
