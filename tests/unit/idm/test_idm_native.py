"""The DuckDB happy path of the IDM archive against `parse_api_line`, the definition of a loadable line.

The native pass may refuse a line Python loads (the ingest then loads it from Python), but it must
never load a line Python rejects, nor load other values than Python would.
"""

from __future__ import annotations

import copy
import gzip
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from assets.common.errors import DesaInputError
from assets.common.records import RecordError
from assets.idm.ingest import ingest_api_archive
from assets.idm.native import NativeParser
from assets.idm.parsing import INDICATOR_COLUMNS, parse_api_line
from assets.idm.synthetic import api_response, master_villages, simulate_scores


@pytest.fixture(scope="module")
def good() -> dict[str, Any]:
    village = master_villages()[3]
    scores = simulate_scores(1, 5)[0]
    code = village.code.replace(".", "")
    return {"kode_desa": code, "tahun": 2023, "response": api_response(village, 2023, scores[2], code, None)}


def rows(record: dict) -> list[dict]:
    return record["response"]["mapData"]["ROW"]


def indicator(record: dict, index: int = 0) -> dict:
    return next(r for r in rows(record) if r["NO"] is not None and r["ROW_CELL"] == 10 + index)


def subtotal(record: dict, cell: int) -> dict:
    return next(r for r in rows(record) if r["ROW_CELL"] == cell)


def nested(depth: int) -> list:
    value: list = []
    for _ in range(depth - 1):
        value = [value]
    return value


def edit(change: Callable[[dict], object]) -> Callable[[dict], str]:
    def make(record: dict) -> str:
        record = copy.deepcopy(record)
        change(record)
        return json.dumps(record)

    return make


# (name, line maker, Python loads it)
CASES: list[tuple[str, Callable[[dict], str], bool]] = [
    ("good, compact", lambda r: json.dumps(r, separators=(",", ":")), True),
    ("good, spaced", lambda r: json.dumps(r), True),
    ("good, raw UTF-8", lambda r: json.dumps(r, ensure_ascii=False), True),
    ("bad JSON", lambda r: json.dumps(r)[:500], False),
    ("deep nesting", lambda r: "[" * 1000 + "]" * 1000, False),
    ("deep nesting in an object", lambda r: '{"kode_desa":' * 1000 + "1" + "}" * 1000, False),
    ("not an object", lambda r: json.dumps([r]), False),
    ("trailing comma", lambda r: json.dumps(r)[:-1] + ",}", False),
    ("trailing comma in ROW", lambda r: json.dumps(r).replace("}], ", "},], ", 1), False),
    ("54 rows", edit(lambda r: rows(r).pop()), False),
    ("response is a string", edit(lambda r: r.update(response="oops")), False),
    # Loaded: a score outside 0-5 is stopped by the idm_indicators suite, not quarantined.
    ("score 150", edit(lambda r: indicator(r).update(SKOR=150)), True),
    ("score 5.0", edit(lambda r: indicator(r).update(SKOR=5.0)), False),
    ("score as text", edit(lambda r: indicator(r).update(SKOR="3")), False),
    ("score true", edit(lambda r: indicator(r).update(SKOR=True)), False),
    ("NO as text", edit(lambda r: indicator(r).update(NO="1")), False),
    ("NO too large", edit(lambda r: indicator(r).update(NO=10**20)), False),
    ("ROW_CELL twice", edit(lambda r: indicator(r, 1).update(ROW_CELL=10)), False),
    ("ROW_CELL outside", edit(lambda r: indicator(r).update(ROW_CELL=99)), False),
    ("row lacks a key", edit(lambda r: indicator(r).pop("PUSAT")), False),
    ("subtotal row lacks a key", edit(lambda r: subtotal(r, 45).pop("NILAI")), False),
    (
        "IKS missing",
        edit(lambda r: rows(r).remove(subtotal(r, 45)) or rows(r).append(dict(indicator(r)))),
        False,
    ),
    # Loaded: an index outside [0, 1] is stopped by the idm_status suite; only one its column cannot
    # hold (DECIMAL(15, 14): below 10) is a reject.
    ("IKS above 1", edit(lambda r: subtotal(r, 45).update(SKOR=1.5)), True),
    ("IKS negative", edit(lambda r: subtotal(r, 45).update(SKOR=-0.25)), True),
    ("IKS too large for its column", edit(lambda r: subtotal(r, 45).update(SKOR=150)), False),
    ("NILAI above 1", edit(lambda r: indicator(r).update(NILAI=2.5)), True),
    ("NILAI too large for its column", edit(lambda r: indicator(r).update(NILAI=100)), False),
    (
        "SKOR_MINIMAL above 1",
        edit(lambda r: r["response"]["mapData"]["SUMMARIES"].update(SKOR_MINIMAL=1.2)),
        True,
    ),
    ("IKS NaN", lambda r: json.dumps(r).replace('"SKOR_SAAT_INI": ', '"SKOR_SAAT_INI": NaN, "x": '), False),
    ("IKS as text", edit(lambda r: subtotal(r, 45).update(SKOR=str(subtotal(r, 45)["SKOR"]))), True),
    (
        "IKS with trailing zeros",
        lambda r: json.dumps(r).replace(f'"SKOR": {subtotal(r, 62)["SKOR"]}', '"SKOR": 0.50', 1),
        True,
    ),
    ("IKS integer", edit(lambda r: subtotal(r, 62).update(SKOR=1)), True),
    (
        "IKS with exponent",
        lambda r: json.dumps(r).replace(f'"SKOR": {subtotal(r, 62)["SKOR"]}', '"SKOR": 5e-1', 1),
        True,
    ),
    ("IKS true", edit(lambda r: subtotal(r, 62).update(SKOR=True)), False),
    ("NILAI with comma", edit(lambda r: indicator(r).update(NILAI="0,5")), True),
    ("NILAI true", edit(lambda r: indicator(r).update(NILAI=True)), False),
    ("NILAI null", edit(lambda r: indicator(r).update(NILAI=None)), True),
    ("kode_desa as number", edit(lambda r: r.update(kode_desa=int(r["kode_desa"]))), False),
    ("kode_desa short", edit(lambda r: r.update(kode_desa="12345")), False),
    ("tahun 2020", edit(lambda r: r.update(tahun=2020)), False),
    ("tahun as text", edit(lambda r: r.update(tahun="2023")), False),
    (
        "SUMMARIES.TAHUN as text",
        edit(lambda r: r["response"]["mapData"]["SUMMARIES"].update(TAHUN="2023")),
        True,
    ),
    (
        "SUMMARIES.TAHUN other",
        edit(lambda r: r["response"]["mapData"]["SUMMARIES"].update(TAHUN=2022)),
        False,
    ),
    ("status 500", edit(lambda r: r["response"].update(status=500)), False),
    ("status as text", edit(lambda r: r["response"].update(status="200")), True),
    ("error true", edit(lambda r: r["response"].update(error=True)), False),
    ("error 0", edit(lambda r: r["response"].update(error=0)), True),
    ("error missing", edit(lambda r: r["response"].pop("error")), True),
    ("status label lower case", edit(lambda r: subtotal(r, 64).update(SKOR=" maju  ")), True),
    (
        "status label spaced",
        edit(lambda r: r["response"]["mapData"]["SUMMARIES"].update(TARGET_STATUS="sangat  tertinggal")),
        True,
    ),
    ("status unknown", edit(lambda r: r["response"]["mapData"]["SUMMARIES"].update(STATUS="KOTA")), False),
    ("text false", edit(lambda r: indicator(r).update(KETERANGAN=False)), True),
    ("text true", edit(lambda r: indicator(r).update(KETERANGAN=True)), True),
    ("text number", edit(lambda r: indicator(r).update(KETERANGAN=1.50)), True),
    ("text object", edit(lambda r: indicator(r).update(KAB={"a": 1})), True),
    ("text Unicode spaces", edit(lambda r: indicator(r).update(INDIKATOR="\u00a0Skor\u3000 A\u2003")), True),
    ("text only spaces", edit(lambda r: indicator(r).update(KEGIATAN=" \t ")), True),
    ("text with quotes", edit(lambda r: indicator(r).update(KEGIATAN='say "x" \\ y')), True),
    (
        "text lone surrogate",
        lambda r: json.dumps(r).replace('"KEGIATAN": "', '"KEGIATAN": "\\ud800', 1),
        False,
    ),
    ("duplicate key in a row", lambda r: json.dumps(r).replace('"SKOR": ', '"SKOR": 9, "SKOR": ', 1), True),
    ("IDENTITAS not an object", edit(lambda r: r["response"]["mapData"].update(IDENTITAS=[5])), False),
    ("IDENTITAS empty", edit(lambda r: r["response"]["mapData"].update(IDENTITAS=[])), False),
    ("identity field missing", edit(lambda r: r["response"]["mapData"]["IDENTITAS"][0].pop("id_desa")), True),
    ("extra key", edit(lambda r: r.update(extra={"SKOR": 1, "x": [1, 2]})), True),
    # Nested past MAX_JSON_DEPTH where the shape reads nothing: Python rejects, so must the native pass.
    ("deep under an extra key", edit(lambda r: r.update(extra=nested(100))), False),
    ("deep under an extra row key", edit(lambda r: indicator(r).update(X=nested(100))), False),
    (
        "deep under an extra SUMMARIES key",
        edit(lambda r: r["response"]["mapData"]["SUMMARIES"].update(X=nested(100))),
        False,
    ),
    (
        "deep in a second IDENTITAS",
        edit(lambda r: r["response"]["mapData"]["IDENTITAS"].append({"id_desa": nested(100)})),
        False,
    ),
    ("Infinity elsewhere", lambda r: json.dumps(r)[:-1] + ', "x": Infinity}', True),
]


def python_outcome(line: str) -> tuple[dict, list[tuple]] | None:
    try:
        record = parse_api_line(line)
    except RecordError:
        return None
    return record.village_year, record.indicators


@pytest.fixture(scope="module")
def outcomes(good: dict) -> list[tuple[str, str, bool, Any, dict | None, list[tuple] | None]]:
    lines = [make(good) for _, make, _ in CASES]
    parser = NativeParser()
    batch = parser.parse(list(range(1, len(lines) + 1)), lines)
    parser.close()
    years = {row["line_number"]: row for row in batch.village_years.to_pylist()}
    indicators: dict[int, list[tuple]] = {}
    for row in batch.indicators.to_pylist():
        indicators.setdefault(row["line_number"], []).append(tuple(row[c] for c in INDICATOR_COLUMNS))
    return [
        (name, line, loads, python_outcome(line), years.get(number), indicators.get(number))
        for number, ((name, _, loads), line) in enumerate(zip(CASES, lines, strict=True), start=1)
    ]


def test_python_decides_as_expected(outcomes) -> None:
    assert {name: python is not None for name, _, _, python, _, _ in outcomes} == {
        name: loads for name, _, loads in CASES
    }


def test_native_never_loads_what_python_rejects_nor_other_values(outcomes) -> None:
    for name, _, _, python, native_year, native_rows in outcomes:
        if native_year is None:
            continue
        assert python is not None, f"{name}: loaded natively, rejected by Python"
        village_year, python_rows = python
        native = {k: v for k, v in native_year.items() if k != "line_number"}
        assert native == village_year, name
        assert native_rows == python_rows, name


def test_native_takes_the_clean_lines(outcomes) -> None:
    native = {name for name, _, _, _, year, _ in outcomes if year is not None}
    assert {"good, compact", "good, spaced", "good, raw UTF-8", "IKS as text", "text false"} <= native
    assert {
        "text true",
        "text number",
        "text object",
        "duplicate key in a row",
        "NILAI with comma",
    }.isdisjoint(native)


def test_ingest_loads_every_line_python_loads(tmp_path: Path, good: dict) -> None:
    archive = tmp_path / "idm-rumusan.jsonl.gz"
    records = []
    for index, (_, make, _) in enumerate(CASES):
        record = copy.deepcopy(good)
        record["kode_desa"] = f"{int(good['kode_desa']) + index:010d}"
        records.append(make(record))
    with gzip.open(archive, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(records) + "\n")
    result = ingest_api_archive(
        archive,
        tmp_path / "indicators.parquet",
        tmp_path / "village_years.parquet",
        "synthetic",
        batch_lines=16,
    )
    expected = [number for number, line in enumerate(records, start=1) if python_outcome(line) is not None]
    years = pl.read_parquet(tmp_path / "village_years.parquet")
    assert years["line_number"].to_list() == expected
    assert sorted(r.record_number for r in result.rejects) == sorted(
        set(range(1, len(records) + 1)) - set(expected)
    )
    assert all(r.reason for r in result.rejects)
    assert result.indicator_rows == 50 * len(expected)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_bom_and_crlf_are_accepted(tmp_path: Path, good: dict) -> None:
    line = json.dumps(good).encode()
    archive = write(tmp_path / "idm-rumusan.jsonl", b"\xef\xbb\xbf" + line + b"\r\n")
    result = ingest_api_archive(archive, tmp_path / "i.parquet", tmp_path / "v.parquet", "real")
    assert (result.village_year_rows, result.rejects, result.lines_from_python) == (1, [], 0)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty gzip", gzip.compress(b"", mtime=0)),
        ("empty plain", b""),
        ("blank lines only", b"\n\r\n  \n"),
        ("truncated gzip", gzip.compress(b'{"kode_desa": "1"}\n' * 5000, mtime=0)[:60]),
        ("named gz, not gzip", b"plain text\n"),
    ],
    ids=["empty gzip", "empty plain", "blank lines only", "truncated gzip", "named gz, not gzip"],
)
def test_unreadable_archives_raise_naming_the_file(tmp_path: Path, name: str, data: bytes) -> None:
    archive = write(tmp_path / "idm-rumusan.jsonl.gz", data)
    with pytest.raises(DesaInputError, match=r"idm-rumusan\.jsonl\.gz"):
        ingest_api_archive(archive, tmp_path / "i.parquet", tmp_path / "v.parquet", "real")
    assert not (tmp_path / "i.parquet").exists()
    assert not (tmp_path / "v.parquet").exists()
