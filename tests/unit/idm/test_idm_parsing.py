"""Pure parsing functions of the IDM ingest."""

import json
from decimal import Decimal

import pytest

from assets.common.records import RecordError
from assets.idm.parsing import (
    INDEX_TYPE_LIMIT,
    api_shape_problem,
    decimal_fitting,
    decimal_plain,
    decimal_text,
    dimension_of,
    normalize_status,
    parse_api_line,
    parse_excel_row,
    year_of_excel_columns,
)
from assets.idm.synthetic import api_response, master_villages, simulate_scores


@pytest.fixture(scope="module")
def good_line() -> str:
    village = master_villages()[0]
    scores = simulate_scores(1, 7)[0]
    code = village.code.replace(".", "")
    return json.dumps(
        {"kode_desa": code, "tahun": 2022, "response": api_response(village, 2022, scores[1], code, None)}
    )


def test_parse_api_line_splits_indicators_from_subtotals(good_line: str) -> None:
    record = parse_api_line(good_line)
    assert len(record.indicators) == 50
    assert {row[3] for row in record.indicators} == {"IKS", "IKE", "IKL"}
    summary = record.village_year
    total = Decimal(summary["iks"]) + Decimal(summary["ike"]) + Decimal(summary["ikl"])
    assert abs(total / 3 - Decimal(summary["nilai_idm"])) < Decimal("1e-13")
    assert summary["status"] == summary["status_baris"]


def test_decimals_keep_every_digit_the_source_wrote() -> None:
    line = '{"x": 0.65714285714286}'
    assert json.loads(line, parse_float=str)["x"] == "0.65714285714286"
    assert decimal_text("0.65714285714286", "IKS") == "0.65714285714286"
    assert decimal_text(1, "IKS") == "1"
    assert decimal_text("6.6E-5", "IKS") == "0.000066"
    # The API's decimals in plain form: the same exact value, without trailing zeros.
    assert decimal_plain("0.65714285714286", "IKS") == "0.65714285714286"
    assert decimal_plain("0.5990", "SKOR_MINIMAL") == "0.599"
    assert decimal_plain("1.0", "IKS") == "1"
    assert decimal_plain("-0.0", "IKS") == "0"
    assert decimal_plain("100", "PENAMBAHAN") == "100"


def test_deeply_nested_json_is_a_reject_not_a_recursion_error() -> None:
    for line in ("[" * 1000 + "]" * 1000, '{"a":' * 1000 + "1" + "}" * 1000, "[" * 100_000):
        with pytest.raises(RecordError):
            parse_api_line(line)


@pytest.mark.parametrize("value", [True, None, "abc", "1.5", -0.1])
def test_decimal_text_rejects_non_numbers_and_out_of_range(value: object) -> None:
    with pytest.raises(RecordError):
        decimal_text(value, "IKS", Decimal(0), Decimal(1))


@pytest.mark.parametrize(
    ("value", "loads"), [("1.5", True), (-0.5, True), ("9.99", True), (10, False), ("-10", False)]
)
def test_an_index_loads_when_its_column_holds_it(value: object, loads: bool) -> None:
    # Outside [0, 1] is the idm_status suite's rule; only a value DECIMAL(15, 14) cannot hold is a reject.
    if loads:
        assert Decimal(decimal_fitting(value, "IKS", INDEX_TYPE_LIMIT)) == Decimal(str(value))
    else:
        with pytest.raises(RecordError):
            decimal_fitting(value, "IKS", INDEX_TYPE_LIMIT)


def test_parse_api_line_rejects_bad_records(good_line: str) -> None:
    with pytest.raises(RecordError, match="malformed JSON"):
        parse_api_line(good_line[:100])
    record = json.loads(good_line)
    record["response"]["mapData"]["ROW"].pop()
    with pytest.raises(RecordError, match="54 rows"):
        parse_api_line(json.dumps(record))
    record = json.loads(good_line)
    record["response"]["mapData"]["ROW"][0]["SKOR"] = 6.5
    with pytest.raises(RecordError, match="SKOR"):
        parse_api_line(json.dumps(record))
    # A whole score outside 0-5 is loaded: the idm_indicators suite stops it (one rule, one place).
    record["response"]["mapData"]["ROW"][0]["SKOR"] = 6
    assert parse_api_line(json.dumps(record)).indicators[0][6] == 6
    record = json.loads(good_line)
    record["tahun"] = 2019
    with pytest.raises(RecordError, match="tahun"):
        parse_api_line(json.dumps(record))
    record = json.loads(good_line)
    record["response"]["mapData"]["SUMMARIES"]["TAHUN"] = 2021
    with pytest.raises(RecordError, match="differs"):
        parse_api_line(json.dumps(record))


def test_shape_problem() -> None:
    assert api_shape_problem([]) == "response is not an object"
    assert "status" in (api_shape_problem({"status": 500, "error": True}) or "")
    assert "mapData" in (api_shape_problem({"status": 200, "error": False}) or "")


def test_dimension_of_row_cells() -> None:
    assert dimension_of(10) == "IKS"
    assert dimension_of(44) == "IKS"
    assert dimension_of(45) is None
    assert dimension_of(46) == "IKE"
    assert dimension_of(61) == "IKL"
    assert dimension_of(63) is None


def test_normalize_status() -> None:
    assert normalize_status("Sangat  Tertinggal", "s") == "SANGAT TERTINGGAL"
    with pytest.raises(RecordError):
        normalize_status("MAJU SEKALI", "s")


def test_parse_excel_row() -> None:
    row = {
        "KODE_DESA": "1101012001",
        "PROVINSI": "ACEH",
        "KABUPATEN": "ACEH SELATAN",
        "KECAMATAN": "TRUMON",
        "DESA": "KUTA BAHAGIA",
        "IKS_2023": "0.6571",
        "IKE_2023": "0.5333",
        "IKL_2023": "0.6667",
        "NILAI_IDM_2023": "0.619",
        "STATUS_IDM_2023": "BERKEMBANG",
    }
    parsed = parse_excel_row(row, 2023)
    assert parsed[0] == 2023
    assert parsed[1] == "1101012001"
    assert parsed[-2:] == ("0.619", "BERKEMBANG")
    assert parse_excel_row({**row, "KODE_DESA": "1101012001.0"}, 2023)[1] == "1101012001"
    with pytest.raises(RecordError, match="KODE_DESA"):
        parse_excel_row({**row, "KODE_DESA": None}, 2023)
    with pytest.raises(RecordError, match="IKS_2023"):
        parse_excel_row({**row, "IKS_2023": "-"}, 2023)


def test_year_of_excel_columns() -> None:
    assert year_of_excel_columns(["KODE_DESA", "IKS_2022", "IKE_2022"]) == 2022
    assert year_of_excel_columns(["KODE_DESA"]) is None
