"""Parse the BPS <-> Kemendagri crosswalk files (`kode_wilayah/*.csv[.gz]`).

The published files are plain comma-separated text without quoting. Some lines carry unquoted
commas inside names (`LAMBANG SARI I, II, III`), some lack the last column, and some names hold a
stray `"` (`SOKA"AN`). Every line whose codes can still be told apart is recovered and marked with
the repair made; the rest are rejected with their line number and reason, never dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import polars as pl

from assets.common.errors import DesaInputError
from assets.common.records import read_text
from assets.common.tabular import normalize_header

Level = Literal["provinsi", "kabupaten", "kecamatan", "desa"]
LEVELS: tuple[Level, ...] = ("provinsi", "kabupaten", "kecamatan", "desa")

HEADER = ("kode_bps", "nama_bps", "kode_dagri", "nama_dagri", "parent")

# Digits of a BPS code per level: PP, PPKK, PPKKCCC, PPKKCCCDDD.
BPS_DIGITS: dict[Level, int] = {"provinsi": 2, "kabupaten": 4, "kecamatan": 7, "desa": 10}
# Kemendagri codes as the crosswalk writes them: PP, PP.KK, PP.KK.CC, PP.KK.CC.DDDD.
DAGRI_PATTERN: dict[Level, re.Pattern[str]] = {
    "provinsi": re.compile(r"\d{2}"),
    "kabupaten": re.compile(r"\d{2}\.\d{2}"),
    "kecamatan": re.compile(r"\d{2}\.\d{2}\.\d{2}"),
    "desa": re.compile(r"\d{2}\.\d{2}\.\d{2}\.\d{4}"),
}
# The crosswalk writes "-" where BPS has a region that Kemendagri has no code for.
MISSING_DAGRI = "-"

# When more than this share of data lines is rejected, the file is not a crosswalk with a few bad
# lines but a broken file: fail loudly instead of publishing a fraction of it.
MAX_REJECTED_SHARE = 0.01


def header_extra_columns(header_line: str, source: Path | str) -> list[str]:
    """The columns after the five of a crosswalk header (BOM, case and spaces accepted), or
    DesaInputError naming the file when the five are not there, first and in order: the lines are
    split by position, so a missing, renamed or moved column cannot be read around."""
    names = [normalize_header(h) for h in header_line.split(",")]
    if tuple(names[: len(HEADER)]) != HEADER:
        raise DesaInputError(
            source,
            "line 1",
            f"unexpected header {header_line.strip()!r}; expected {','.join(HEADER)!r}, then any others",
        )
    return names[len(HEADER) :]


def without_extra_fields(line: str, extra: int) -> str:
    """A data line without the values of `extra` trailing columns.

    Only a line with at least as many fields as the header loses them: a shorter line lacks values
    at its end (the known missing last column), and is then read as it is, repaired or rejected.
    """
    if extra and line.count(",") >= len(HEADER) - 1 + extra:
        return line.rsplit(",", extra)[0]
    return line


@dataclass(frozen=True)
class CrosswalkRow:
    line_number: int
    kode_bps: str
    nama_bps: str
    kode_dagri: str | None
    nama_dagri: str | None
    parent_bps: str
    repair: str | None


@dataclass(frozen=True)
class RejectedLine:
    line_number: int
    raw_line: str
    reason: str


@dataclass(frozen=True)
class ParsedLines:
    level: Level
    rows: list[CrosswalkRow]
    rejected: list[RejectedLine]


@dataclass(frozen=True)
class ParsedCrosswalk:
    """A whole file: rows as a frame (line_number, kode_bps, nama_bps, kode_dagri, nama_dagri,
    parent_bps, repair) and the rejected lines."""

    level: Level
    rows: pl.DataFrame
    rejected: list[RejectedLine]
    extra_columns: list[str] = field(default_factory=list)  # after the five, ignored

    def records(self) -> list[CrosswalkRow]:
        return [CrosswalkRow(**row) for row in self.rows.iter_rows(named=True)]


def _parent_of(kode_bps: str, level: Level) -> str:
    index = LEVELS.index(level)
    return "0" if index == 0 else kode_bps[: BPS_DIGITS[LEVELS[index - 1]]]


def _is_dagri(value: str, level: Level) -> bool:
    return value == MISSING_DAGRI or DAGRI_PATTERN[level].fullmatch(value) is not None


def parse_crosswalk_line(line_number: int, line: str, level: Level) -> CrosswalkRow | RejectedLine:
    """Parse one data line, recovering unquoted commas and a missing last column.

    The codes anchor the split: the first field is the BPS code, the first later field shaped like a
    Kemendagri code ends the BPS name, and a trailing field equal to the BPS parent code is the
    parent. Whatever lies between is a name, commas included.
    """
    raw = line.rstrip("\r\n")
    fields = raw.split(",")
    digits = BPS_DIGITS[level]
    kode_bps = fields[0].strip()
    if not (kode_bps.isdigit() and len(kode_bps) == digits):
        return RejectedLine(line_number, raw, f"kode_bps {kode_bps!r} is not {digits} digits")
    expected_parent = _parent_of(kode_bps, level)

    dagri_index = next((i for i in range(2, len(fields)) if _is_dagri(fields[i].strip(), level)), None)
    if dagri_index is None:
        return RejectedLine(line_number, raw, "no Kemendagri code (kode_dagri) found on the line")

    repairs: list[str] = []
    rest = fields[dagri_index + 1 :]
    if len(rest) >= 2 and not rest[-1].strip():
        # An empty last column: the parent was left blank.
        parent = expected_parent
        name_fields = rest[:-1]
        repairs.append("empty parent column, derived from kode_bps")
    elif rest and rest[-1].strip() == expected_parent:
        parent = rest[-1].strip()
        name_fields = rest[:-1]
    elif rest and rest[-1].strip().isdigit() and len(rest) >= 2:
        return RejectedLine(
            line_number,
            raw,
            f"parent {rest[-1].strip()!r} does not contain kode_bps {kode_bps!r} "
            f"(expected {expected_parent!r})",
        )
    else:
        parent = expected_parent
        name_fields = rest
        repairs.append("missing parent column, derived from kode_bps")

    if dagri_index > 2 or len(name_fields) > 1:
        repairs.append("unquoted comma inside a name")
    nama_bps = ",".join(fields[1:dagri_index]).strip()
    nama_dagri = ",".join(name_fields).strip() or None
    kode_dagri: str | None = fields[dagri_index].strip()
    if kode_dagri == MISSING_DAGRI:
        kode_dagri, nama_dagri = None, None
    if not nama_bps:
        return RejectedLine(line_number, raw, "empty nama_bps")
    return CrosswalkRow(
        line_number=line_number,
        kode_bps=kode_bps,
        nama_bps=nama_bps,
        kode_dagri=kode_dagri,
        nama_dagri=nama_dagri,
        parent_bps=parent,
        repair="; ".join(repairs) or None,
    )


def parse_crosswalk_lines(lines: Iterable[str], level: Level, source: str) -> ParsedLines:
    """Parse a whole crosswalk file given as lines (header first).

    Raises `DesaInputError` for a wrong header or a file that is mostly not a crosswalk; returns the
    recovered rows and the rejected lines otherwise. A repeated kode_bps keeps its first line.
    """
    iterator: Iterator[str] = iter(lines)
    header_line = next(iterator, None)
    if header_line is None:
        raise DesaInputError(source, None, "file is empty; expected a header line")
    extra = len(header_extra_columns(header_line.rstrip("\r\n"), source))
    rows: list[CrosswalkRow] = []
    rejected: list[RejectedLine] = []
    seen: dict[str, int] = {}
    for line_number, line in enumerate(iterator, start=2):
        if not line.strip():
            continue
        parsed = parse_crosswalk_line(line_number, without_extra_fields(line.rstrip("\r\n"), extra), level)
        if isinstance(parsed, RejectedLine):
            parsed = RejectedLine(line_number, line.rstrip("\r\n"), parsed.reason)
        if isinstance(parsed, CrosswalkRow) and parsed.kode_bps in seen:
            parsed = RejectedLine(
                line_number,
                line.rstrip("\r\n"),
                f"duplicate kode_bps {parsed.kode_bps} (first on line {seen[parsed.kode_bps]})",
            )
        if isinstance(parsed, RejectedLine):
            rejected.append(parsed)
        else:
            seen[parsed.kode_bps] = line_number
            rows.append(parsed)
    total = len(rows) + len(rejected)
    if total == 0:
        raise DesaInputError(source, None, "no data lines after the header")
    if len(rejected) > max(5, MAX_REJECTED_SHARE * total):
        sample = "; ".join(f"line {r.line_number}: {r.reason}" for r in rejected[:5])
        raise DesaInputError(
            source,
            f"{len(rejected)} of {total} lines",
            f"too many unreadable lines for a crosswalk file (first: {sample})",
        )
    return ParsedLines(level=level, rows=rows, rejected=rejected)


# A clean line: the BPS code, a name without comma or quote, a Kemendagri code (or "-"), a name, the
# parent code. Lines that do not match take the line-by-line path, which repairs or rejects them.
def _clean_line_pattern(level: Level) -> str:
    dagri = DAGRI_PATTERN[level].pattern.replace("\\", "\\")
    return rf"^([0-9]{{{BPS_DIGITS[level]}}}),([^,]+),({dagri}|-),([^,]*),([0-9]+)$"


def parse_crosswalk_file(path: Path, level: Level) -> ParsedCrosswalk:
    """One crosswalk file through the shared line reader: clean lines natively, the rest repaired.

    Clean lines (codes where they belong, parent equal to the code's prefix, no comma inside a
    name) are split by one polars regex; only the others go through `parse_crosswalk_line`.
    """
    numbered, unreadable = read_text(path)
    if not numbered or numbered[0][0] != 1:
        raise DesaInputError(path, "line 1", "expected a header line")
    extra_columns = header_extra_columns(numbered[0][1], path)
    lines = pl.DataFrame(
        {
            "line_number": [n for n, _ in numbered[1:]],
            "text": [without_extra_fields(t, len(extra_columns)) for _, t in numbered[1:]],
        },
        schema={"line_number": pl.Int64, "text": pl.String},
    )
    parts = pl.col("text").str.extract_groups(_clean_line_pattern(level))
    split = lines.with_columns(parts.alias("parts")).unnest("parts")
    parent_digits = BPS_DIGITS[LEVELS[LEVELS.index(level) - 1]] if level != "provinsi" else 0
    expected_parent = pl.col("1").str.slice(0, parent_digits) if parent_digits else pl.lit("0")
    clean = (
        pl.col("1").is_not_null()
        & (pl.col("5") == expected_parent)
        & (pl.col("2").str.strip_chars() != "")
        & ((pl.col("3") != MISSING_DAGRI) | (pl.col("4").str.strip_chars() == MISSING_DAGRI))
    )
    split = split.with_columns(clean.fill_null(False).alias("_clean"))
    missing = pl.col("3") == MISSING_DAGRI
    rows = split.filter("_clean").select(
        pl.col("line_number"),
        pl.col("1").alias("kode_bps"),
        pl.col("2").str.strip_chars().alias("nama_bps"),
        pl.when(missing).then(None).otherwise(pl.col("3")).alias("kode_dagri"),
        pl.when(missing).then(None).otherwise(pl.col("4").str.strip_chars()).alias("nama_dagri"),
        pl.col("5").alias("parent_bps"),
        pl.lit(None, dtype=pl.String).alias("repair"),
    )
    rows = rows.with_columns(
        pl.when(pl.col("nama_dagri") == "").then(None).otherwise(pl.col("nama_dagri")).alias("nama_dagri")
    )
    slow = [
        parse_crosswalk_line(n, t, level)
        for n, t in split.filter(~pl.col("_clean")).select("line_number", "text").iter_rows()
    ]
    repaired = pl.DataFrame(
        [
            (r.line_number, r.kode_bps, r.nama_bps, r.kode_dagri, r.nama_dagri, r.parent_bps, r.repair)
            for r in slow
            if isinstance(r, CrosswalkRow)
        ],
        schema=rows.schema,
        orient="row",
    )
    texts = dict(numbered)
    # A rejected line keeps its text as written, extra columns included.
    rejected = [
        RejectedLine(r.line_number, texts[r.line_number], r.reason)
        for r in slow
        if isinstance(r, RejectedLine)
    ]
    rejected += [RejectedLine(r.record_number or 0, r.raw_record, r.reason) for r in unreadable]
    every = pl.concat([rows, repaired]).sort("line_number")
    # A repeated kode_bps keeps its first line; the others are rejected pointing at it.
    every = every.with_columns(pl.col("line_number").min().over("kode_bps").alias("_first"))
    rejected += [
        RejectedLine(n, texts[n], f"duplicate kode_bps {code} (first on line {first})")
        for n, code, first in every.filter(pl.col("line_number") != pl.col("_first"))
        .select("line_number", "kode_bps", "_first")
        .iter_rows()
    ]
    every = every.filter(pl.col("line_number") == pl.col("_first")).drop("_first")
    total = every.height + len(rejected)
    if total == 0:
        raise DesaInputError(path, None, "no data lines after the header")
    if len(rejected) > max(5, MAX_REJECTED_SHARE * total):
        rejected.sort(key=lambda r: r.line_number)
        sample = "; ".join(f"line {r.line_number}: {r.reason}" for r in rejected[:5])
        raise DesaInputError(
            path,
            f"{len(rejected)} of {total} lines",
            f"too many unreadable lines for a crosswalk file (first: {sample})",
        )
    return ParsedCrosswalk(
        level=level,
        rows=every,
        rejected=sorted(rejected, key=lambda r: r.line_number),
        extra_columns=extra_columns,
    )
