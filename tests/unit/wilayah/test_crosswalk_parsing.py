import gzip
from pathlib import Path

import pytest

from assets.common.errors import DesaInputError
from assets.wilayah.crosswalk_parsing import (
    CrosswalkRow,
    RejectedLine,
    parse_crosswalk_file,
    parse_crosswalk_line,
    parse_crosswalk_lines,
)

HEADER = "kode_bps,nama_bps,kode_dagri,nama_dagri,parent"


def test_clean_line() -> None:
    row = parse_crosswalk_line(2, "1101010002,LABUHAN BAJAU,11.09.07.2011,LABUHAN BAJAU,1101010", "desa")
    assert row == CrosswalkRow(
        2, "1101010002", "LABUHAN BAJAU", "11.09.07.2011", "LABUHAN BAJAU", "1101010", None
    )


def test_unquoted_commas_in_both_names() -> None:
    line = "1402041010,LAMBANG SARI I, II, III,14.02.09.2010,LAMBANG SARI I, II, III,1402041"
    row = parse_crosswalk_line(14079, line, "desa")
    assert isinstance(row, CrosswalkRow)
    assert row.nama_bps == "LAMBANG SARI I, II, III"
    assert row.nama_dagri == "LAMBANG SARI I, II, III"
    assert row.kode_dagri == "14.02.09.2010"
    assert row.repair == "unquoted comma inside a name"


def test_missing_last_column_is_derived_from_the_code() -> None:
    row = parse_crosswalk_line(
        738, "1104032004,TERUTUNG MEGARE LAWE PASARAN,11.02.14.2001,TERUTUNG MEGARA", "desa"
    )
    assert isinstance(row, CrosswalkRow)
    assert row.parent_bps == "1104032"
    assert row.nama_dagri == "TERUTUNG MEGARA"
    assert "missing parent" in (row.repair or "")


def test_empty_last_column() -> None:
    row = parse_crosswalk_line(6464, "1113022001,SANGIR,11.13.08.2004,SANGIR,", "desa")
    assert isinstance(row, CrosswalkRow)
    assert (row.nama_dagri, row.parent_bps) == ("SANGIR", "1113022")
    assert "empty parent" in (row.repair or "")


def test_stray_quote_is_kept_verbatim() -> None:
    row = parse_crosswalk_line(43678, '3513160006,SOKAAN,35.13.15.2017,SOKA"AN,3513160', "desa")
    assert isinstance(row, CrosswalkRow)
    assert row.nama_dagri == 'SOKA"AN'


def test_missing_kemendagri_code() -> None:
    row = parse_crosswalk_line(5, "9426030,WALANI,-,-,9426", "kecamatan")
    assert isinstance(row, CrosswalkRow)
    assert row.kode_dagri is None and row.nama_dagri is None


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("110101000X,NAME,11.01.01.2001,NAME,1101010", "not 10 digits"),
        ("1101010002,NAME,NOCODE,NAME,1101010", "no Kemendagri code"),
        ("1101010002,NAME,11.01.01.2001,NAME,1199999", "does not contain kode_bps"),
    ],
)
def test_rejected_lines_say_why(line: str, reason: str) -> None:
    parsed = parse_crosswalk_line(9, line, "desa")
    assert isinstance(parsed, RejectedLine)
    assert parsed.line_number == 9
    assert reason in parsed.reason


def test_duplicate_code_keeps_first_and_rejects_second() -> None:
    lines = [HEADER, "11,ACEH,11,ACEH,0", "11,ACEH LAGI,11,ACEH,0", "12,SUMUT,12,SUMUT,0"]
    parsed = parse_crosswalk_lines(lines * 1, "provinsi", "provinsi.csv")
    assert [r.kode_bps for r in parsed.rows] == ["11", "12"]
    assert parsed.rejected[0].line_number == 3
    assert "duplicate kode_bps 11 (first on line 2)" in parsed.rejected[0].reason


def test_wrong_header_names_file_and_line() -> None:
    with pytest.raises(DesaInputError, match=r"x\.csv, line 1: unexpected header"):
        parse_crosswalk_lines(["a,b,c", "1,2,3"], "provinsi", "x.csv")


def test_header_case_and_spaces_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "provinsi.csv"
    path.write_text(" KODE_BPS ,Nama_BPS,KODE_DAGRI,NAMA_DAGRI, Parent\n11,ACEH,11,ACEH,0\n")
    parsed = parse_crosswalk_file(path, "provinsi")
    assert [r.kode_bps for r in parsed.records()] == ["11"]
    assert parsed.extra_columns == []


def test_extra_trailing_column_is_ignored_and_listed(tmp_path: Path) -> None:
    lines = [
        "1101010002,LABUHAN BAJAU,11.09.07.2011,LABUHAN BAJAU,1101010,diperiksa",
        "1101010004,LAMBANG SARI I, II,11.09.07.2013,LAMBANG,1101010,",
        "1101010005,SANGIR,11.09.07.2014,SANGIR,1101010",  # no value in the extra column
        "1101010006,CUT",
    ]
    path = tmp_path / "desa.csv"
    path.write_text(HEADER + ",catatan\n" + "\n".join(lines) + "\n")
    parsed = parse_crosswalk_file(path, "desa")
    assert parsed.extra_columns == ["catatan"]
    rows = [(r.kode_bps, r.nama_bps, r.nama_dagri, r.parent_bps) for r in parsed.records()]
    assert rows == [
        ("1101010002", "LABUHAN BAJAU", "LABUHAN BAJAU", "1101010"),
        ("1101010004", "LAMBANG SARI I, II", "LAMBANG", "1101010"),
        ("1101010005", "SANGIR", "SANGIR", "1101010"),
    ]
    assert [(r.line_number, r.raw_line) for r in parsed.rejected] == [(5, "1101010006,CUT")]


def test_a_column_moved_out_of_place_stops_the_run(tmp_path: Path) -> None:
    path = tmp_path / "provinsi.csv"
    path.write_text("nama_bps,kode_bps,kode_dagri,nama_dagri,parent\nACEH,11,11,ACEH,0\n")
    with pytest.raises(DesaInputError) as raised:
        parse_crosswalk_file(path, "provinsi")
    assert raised.value.path == str(path)


def test_mostly_garbage_file_fails_loudly() -> None:
    lines = [HEADER] + [f"garbage line {i}" for i in range(50)]
    with pytest.raises(DesaInputError, match="too many unreadable lines"):
        parse_crosswalk_lines(lines, "desa", "desa.csv")


def test_truncated_gzip_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "desa.csv.gz"
    path.write_bytes(
        gzip.compress((HEADER + "\n" + "1101010002,A,11.01.01.2001,A,1101010\n" * 100).encode())[:60]
    )
    with pytest.raises(DesaInputError) as raised:
        parse_crosswalk_file(path, "desa")
    assert raised.value.path == str(path)


def test_invalid_utf8_line_is_quarantined_like_in_every_source(tmp_path: Path) -> None:
    path = tmp_path / "provinsi.csv"
    path.write_bytes((HEADER + "\n11,ACEH,11,ACEH,0\n").encode() + b"12,\xff\xfe,12,X,0\n")
    parsed = parse_crosswalk_file(path, "provinsi")
    assert [r.kode_bps for r in parsed.records()] == ["11"]
    assert [r.line_number for r in parsed.rejected] == [3]


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "provinsi.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + "\r\n11,ACEH,11,ACEH,0\r\n12,SUMUT,12,SUMUT,0\r\n").encode())
    parsed = parse_crosswalk_file(path, "provinsi")
    assert [(r.kode_bps, r.nama_dagri, r.parent_bps) for r in parsed.records()] == [
        ("11", "ACEH", "0"),
        ("12", "SUMUT", "0"),
    ]
    assert parsed.rejected == []


def test_native_and_line_paths_agree(tmp_path: Path) -> None:
    """Clean lines take the polars path, the others the line parser: both give the same rows."""
    lines = [
        "1101010002,LABUHAN BAJAU,11.09.07.2011,LABUHAN BAJAU,1101010",
        '1101010003,SOKAAN,11.09.07.2012,SOKA"AN,1101010',
        "1101010004,LAMBANG SARI I, II,11.09.07.2013,LAMBANG,1101010",
        "1101010005,SANGIR,11.09.07.2014,SANGIR,",
        "1101010006,WALANI,-,-,1101010",
        "1101010007,TANPA,11.09.07.2015,,1101010",
    ]
    path = tmp_path / "desa.csv"
    path.write_text(HEADER + "\n" + "\n".join(lines) + "\n")
    native = parse_crosswalk_file(path, "desa").records()
    one_by_one = [parse_crosswalk_line(n, line, "desa") for n, line in enumerate(lines, start=2)]
    assert native == one_by_one


def test_empty_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "kabupaten.csv"
    path.write_bytes(b"")
    with pytest.raises(DesaInputError) as raised:
        parse_crosswalk_file(path, "kabupaten")
    assert raised.value.path == str(path)
