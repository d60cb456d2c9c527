"""Reading the budget revision files: both formats, the record rules, exact rupiah, clear errors."""

import csv
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter

from assets.budget.source import KEMENDESA_APBN, parse
from assets.budget.synthetic import COLUMNS
from assets.common.errors import DesaInputError
from assets.common.settings import DesaSettings
from assets.common.source import ParseContext

LINE = {
    "THANG": "2021",
    "KDSATKER": "660501",
    "KDDEPT": "067",
    "KDUNIT": "05",
    "KDPROGRAM": "GA",
    "KDGIAT": "5502",
    "KDOUTPUT": "RAB",
    "KDSOUTPUT": "001",
    "KDKMPNEN": "052",
    "KDSKMPNEN": "A",
    "KDAKUN": "526211",
    "NMAKUN": "Belanja Barang Bantuan Pemerintah kepada Masyarakat",
    "NOITEM": "1",
    "NMITEM": "Bantuan sarana prasarana - Kabupaten Nias",
    "VOL": "3",
    "SAT": "PAKET",
    "HARGASAT": "150000000",
    "JUMLAH": "450000000",
    "KDBLOKIR": "",
    "RPHBLOKIR": "",
    "KDLOKASI": "12",
    "KDKABKOTA": "01",
    "REVISIKE": "0",
}


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[dict[str, object]]) -> Path:
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("RKAKL")
    sheet.write_row(0, 0, COLUMNS)
    for r, row in enumerate(rows, start=1):
        for c, column in enumerate(COLUMNS):
            value = row.get(column)
            if value not in (None, ""):
                sheet.write(r, c, value)
    workbook.close()
    return path


def run_parse(tmp_path: Path, files: list[Path]):  # type: ignore[no-untyped-def]
    context = ParseContext(
        KEMENDESA_APBN,
        DesaSettings(data_dir=str(tmp_path / "data")),
        {"revisions": files},
        {"revisions": "real"},
        tmp_path / "out",
    )
    return parse(context)


def test_a_letter_in_the_akun_is_a_reject_with_its_reason(tmp_path: Path) -> None:
    rows = [LINE, {**LINE, "NOITEM": "2", "KDAKUN": "5262I1"}, {**LINE, "NOITEM": "3"}]
    parsed = run_parse(tmp_path, [write_csv(tmp_path / "rev0.csv", rows)])
    lines = parsed.tables["lines"]
    assert isinstance(lines, pl.DataFrame)
    assert lines.get_column("noitem").to_list() == [1, 3]
    rejects = parsed.rejects
    assert isinstance(rejects, pl.DataFrame)
    assert rejects.height == 1
    reject = rejects.row(0, named=True)
    assert reject["reason"] == "KDAKUN '5262I1' has a letter: an akun is six digits"
    assert reject["record_number"] == 3  # header is line 1
    assert reject["source_file"].endswith("rev0.csv")
    assert "5262I1" in reject["raw_record"]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"JUMLAH": "1.250.000,50"}, "JUMLAH '1.250.000,50' is not a whole rupiah amount"),
        ({"JUMLAH": ""}, "JUMLAH '' is not a whole rupiah amount"),
        ({"JUMLAH": "450000000.5"}, "JUMLAH '450000000.5' is not a whole rupiah amount"),
        ({"HARGASAT": "1e8"}, "HARGASAT '1e8' is not a whole rupiah amount"),
        ({"RPHBLOKIR": "-5"}, "RPHBLOKIR '-5' is not a whole rupiah amount"),
        ({"VOL": "tiga"}, "VOL 'tiga' is not a volume"),
        ({"KDAKUN": "52621"}, "KDAKUN '52621' is not six digits"),
        ({"REVISIKE": "R1"}, "REVISIKE 'R1' is not a revision number"),
    ],
)
def test_record_rules(tmp_path: Path, change: dict[str, str], reason: str) -> None:
    rows = [LINE, {**LINE, "NOITEM": "2", **change}]
    parsed = run_parse(tmp_path, [write_csv(tmp_path / "rev0.csv", rows)])
    rejects = parsed.rejects
    assert isinstance(rejects, pl.DataFrame)
    assert rejects.get_column("reason").to_list() == [reason]


def test_rupiah_are_exact_integers_beyond_float_precision(tmp_path: Path) -> None:
    big = "9007199254740993"  # 2^53 + 1: a float would make it ...992
    row = {**LINE, "VOL": "", "HARGASAT": "", "JUMLAH": big, "RPHBLOKIR": "7", "KDBLOKIR": "1"}
    lines = run_parse(tmp_path, [write_csv(tmp_path / "rev0.csv", [row])]).tables["lines"]
    assert isinstance(lines, pl.DataFrame)
    assert lines.schema["jumlah"] == pl.Int64
    assert lines.get_column("jumlah").to_list() == [9007199254740993]
    assert lines.get_column("rphblokir").to_list() == [7]
    assert lines.get_column("vol").to_list() == [None]
    assert lines.get_column("hargasat").to_list() == [None]


def test_csv_and_excel_revisions_read_alike(tmp_path: Path) -> None:
    numbers = {"REVISIKE": 1, "VOL": 3, "HARGASAT": 150000000, "JUMLAH": 450000000}
    excel_row: dict[str, object] = {**LINE, **numbers}
    files = [write_csv(tmp_path / "rev0.csv", [LINE]), write_xlsx(tmp_path / "rev1.xlsx", [excel_row])]
    parsed = run_parse(tmp_path, files)
    lines = parsed.tables["lines"]
    assert isinstance(lines, pl.DataFrame)
    assert lines.get_column("revisike").to_list() == [0, 1]
    first, second = lines.drop("source_file", "record_number", "revisike").iter_rows()
    assert first == second
    assert parsed.metadata["lines"]["rows_per_revision"] == {"0": 1, "1": 1}


def test_a_corrupted_excel_export_stops_naming_the_file(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "rev1.xlsx", [LINE])
    corrupted = tmp_path / "rkakl_067_2021_revisi_03.xlsx"
    corrupted.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(DesaInputError) as raised:
        run_parse(tmp_path, [write_csv(tmp_path / "rev0.csv", [LINE]), corrupted])
    assert raised.value.path == str(corrupted)
    assert str(raised.value).startswith(f"{corrupted}: cannot read as an Excel workbook")


def test_an_excel_export_missing_a_column_stops_naming_it(tmp_path: Path) -> None:
    workbook = xlsxwriter.Workbook(str(tmp_path / "rev0.xlsx"))
    workbook.add_worksheet("RKAKL").write_row(0, 0, [c for c in COLUMNS if c != "JUMLAH"])
    workbook.close()
    expected = r"rev0.xlsx, sheet RKAKL, header row: missing column\(s\) \['JUMLAH'\]"
    with pytest.raises(DesaInputError, match=expected):
        run_parse(tmp_path, [tmp_path / "rev0.xlsx"])


def test_one_file_per_revision(tmp_path: Path) -> None:
    mixed = write_csv(tmp_path / "mixed.csv", [LINE, {**LINE, "REVISIKE": "1"}])
    with pytest.raises(DesaInputError, match=r"mixed.csv, column REVISIKE: holds revisions \[0, 1\]"):
        run_parse(tmp_path, [mixed])
    twice = [write_csv(tmp_path / "a.csv", [LINE]), write_csv(tmp_path / "b.csv", [LINE])]
    with pytest.raises(DesaInputError, match=r"b.csv, column REVISIKE: revision 0 is also in .*a.csv"):
        run_parse(tmp_path, twice)


def test_a_file_of_another_kind_stops_the_run(tmp_path: Path) -> None:
    other = tmp_path / "catatan.txt"
    other.write_text("not a revision\n")
    with pytest.raises(DesaInputError, match="not a revision file"):
        run_parse(tmp_path, [other])
