"""The crosswalk on the real files in ../shared/data/kode_wilayah, against an independent resolution."""

import re
from pathlib import Path

import duckdb
import pytest

from assets.wilayah.crosswalk_parsing import parse_crosswalk_file
from assets.wilayah.master import load_master_regions
from tests.conftest import require_shared

pytestmark = [pytest.mark.e2e, pytest.mark.real_data]

REAL_VILLAGE_ROWS = 83_207


def _norm(name: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", name.upper())


def test_parser_recovers_every_real_line() -> None:
    path = require_shared("kode_wilayah", "desa.csv.gz")
    parsed = parse_crosswalk_file(path, "desa")
    assert len(parsed.rows) == REAL_VILLAGE_ROWS
    assert parsed.rejected == []
    rows = parsed.records()
    repaired = [r for r in rows if r.repair]
    assert {r.line_number for r in repaired} >= {738, 9496, 14079}
    lambang = next(r for r in rows if r.kode_bps == "1402041010")
    assert lambang.nama_bps == "LAMBANG SARI I, II, III" and lambang.kode_dagri == "14.02.09.2010"


def test_real_crosswalk_resolution(real_run: Path) -> None:
    crosswalk = real_run / "published" / "parquet" / "wilayah_crosswalk.parquet"
    rows = duckdb.sql(
        f"select kode_bps, kode_dagri_sumber, nama_bps, nama_dagri_sumber, kode_desa, match_method "
        f"from read_parquet('{crosswalk}')"
    ).fetchall()
    assert len(rows) == REAL_VILLAGE_ROWS
    resolved = [r for r in rows if r[4]]
    share = len(resolved) / len(rows)
    print(f"resolved {len(resolved)} of {len(rows)} = {share:.4%}")
    assert share >= 0.99
    assert len({r[4] for r in resolved}) == len(resolved), "a current code resolved twice"

    # Independent resolution where it is unambiguous: the source code still exists in the master and
    # its name is exactly equal. The pipeline must agree on every one of those.
    master = {r.kode: _norm(r.nama) for r in load_master_regions().regions}
    confident = {
        bps: dagri
        for bps, dagri, nama_bps, nama_dagri, _, _ in rows
        if dagri in master and master[dagri] in {_norm(nama_bps), _norm(nama_dagri or "")}
    }
    assert len(confident) > 75_000
    disagreements = {
        r[0]: (confident[r[0]], r[4]) for r in rows if r[0] in confident and r[4] != confident[r[0]]
    }
    assert disagreements == {}

    # Papua: villages of BPS province 94 (Kemendagri 91) now in the 2022 provinces resolve there.
    merauke = [r for r in resolved if r[0].startswith("9401")]
    assert merauke and all(r[4].startswith("93.01.") for r in merauke)


def test_real_exceptions_have_reasons(real_run: Path) -> None:
    exceptions = real_run / "published" / "parquet" / "wilayah_crosswalk_exceptions.parquet"
    counts = dict(
        duckdb.sql(f"select level, count(*) from read_parquet('{exceptions}') group by level").fetchall()
    )
    assert counts.get("desa", 0) <= REAL_VILLAGE_ROWS * 0.01
    assert duckdb.sql(
        f"select count(*) from read_parquet('{exceptions}') where reason is null"
    ).fetchall() == [(0,)]
