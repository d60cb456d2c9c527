"""Reading SDGs responses: exact scores, rejected records with reasons, unreadable files, and the
native (DuckDB) pass agreeing with the Python rules line for line."""

import gzip
import json
from decimal import Decimal
from pathlib import Path

import pytest

from assets.common.errors import DesaInputError
from assets.common.records import RecordError
from assets.sdgs.ingest import SdgsRaw, read_archive, read_village_folder
from assets.sdgs.parsing import parse_archive_line, parse_village_file_text
from assets.sdgs.synthetic import GOAL_TITLES, average_text, response_line, score_text


def line(code: str = "1101010001", scores: list[str] | None = None, average: str | None = None) -> str:
    scores = scores or ["44.46", "0", "47.6", "100"] + ["1.05"] * 14
    items = ",".join(
        f'{{"goals":{i},"title":"t{i}","image":"skor-sdgs-{i}.jpg","score":{s}}}'
        for i, s in enumerate(scores, 1)
    )
    average = average or average_text([Decimal(s) for s in scores])
    return (
        f'{{"location_code":"{code}","response":{{"average":"{average}","data":[{items}],"total_desa":1}}}}'
    )


def test_scores_keep_their_exact_source_text():
    village = parse_archive_line(line())
    assert [s.score_text for s in village.scores[:4]] == ["44.46", "0", "47.6", "100"]
    assert village.location_code == "1101010001" and village.total_desa == 1 and len(village.scores) == 18


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"location_code":"1101010001","response":{"average":"1.00","data":[', "malformed JSON"),
        ('["not", "an", "object"]', "not an object"),
        ('{"location_code":"1101010001","response":{"message":"Not Found"}}', "wrong shape"),
        ('{"location_code":"1101010001","response":{"average":"1.00","data":{}}}', "not a list"),
        ('{"location_code":"12345","response":{"average":"1.00","data":[]}}', "10-digit"),
        ('{"location_code":"1101010001","response":{"average":1.0,"data":[]}}', "not a string"),
        (line(scores=["44.456"] + ["0"] * 17, average="2.47"), "DECIMAL(5, 2)"),
        (line(scores=['"44.46"'] + ["0"] * 17, average="2.47"), "not a number"),
        (line(scores=["null"] + ["0"] * 17, average="0.00"), "not a number"),
        (line(scores=["1e2"] + ["0"] * 17, average="5.56"), "DECIMAL(5, 2)"),
    ],
)
def test_unloadable_records_are_rejected_with_a_reason(text, reason):
    with pytest.raises(RecordError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse_archive_line(text)


def test_semantic_problems_are_kept_for_the_quality_gates():
    # 17 goals, a score above 100, a wrong average: loadable, stopped later by the gates.
    village = parse_archive_line(line(scores=["150"] + ["0"] * 16, average="99.00"))
    assert len(village.scores) == 17 and village.scores[0].score_text == "150"


def write_archive(path: Path, lines: list[str]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    return path


def test_archive_rejects_duplicates_and_keeps_the_first(tmp_path: Path):
    archive = write_archive(
        tmp_path / "score-sdgs.jsonl.gz",
        [line("1101010001"), line("1101010002"), "{bad", line("1101010001", average="9.99"), ""],
    )
    raw = read_archive(archive)
    assert raw.villages["location_code"].to_list() == ["1101010001", "1101010002"]
    assert raw.villages["line_number"].to_list() == [1, 2]
    assert [(r["record_number"], r["reason"].split(":")[0]) for r in raw.rejects.iter_rows(named=True)] == [
        (3, "malformed JSON"),
        (4, "duplicate location_code 1101010001, first at " + str(archive) + " line 1"),
    ]
    assert raw.villages.height == 2 and raw.scores.height == 36
    assert raw.scores["score_text"].to_list()[:4] == ["44.46", "0", "47.6", "100"]
    assert raw.records_native == 3 and raw.records_python == 1  # the blank line is no record


def test_bad_utf8_line_is_a_rejected_record(tmp_path: Path):
    archive = tmp_path / "score-sdgs.jsonl"
    archive.write_bytes(line().encode() + b"\n" + b'{"location_code":"\xff"}\n')
    raw = read_archive(archive)
    assert raw.villages.height == 1
    assert raw.rejects["record_number"].to_list() == [2] and "UTF-8" in raw.rejects["reason"][0]


def test_bom_and_crlf_are_accepted(tmp_path: Path):
    archive = tmp_path / "score-sdgs.jsonl"
    archive.write_bytes(
        b"\xef\xbb\xbf" + (line("1101010001") + "\r\n" + line("1101010002") + "\r\n").encode()
    )
    raw = read_archive(archive)
    assert raw.villages["location_code"].to_list() == ["1101010001", "1101010002"]
    assert raw.rejects.height == 0 and raw.records_python == 0


@pytest.mark.parametrize(
    "content", [b"", b"\n\n", gzip.compress(b"", mtime=0)], ids=["empty", "blank", "empty-gzip"]
)
def test_empty_archive_stops_the_run_naming_the_file(tmp_path: Path, content: bytes):
    archive = tmp_path / ("score-sdgs.jsonl.gz" if content.startswith(b"\x1f") else "score-sdgs.jsonl")
    archive.write_bytes(content)
    with pytest.raises(DesaInputError, match="score-sdgs") as error:
        read_archive(archive)
    assert "empty" in error.value.problem


def test_deeply_nested_line_is_a_reject_not_a_crash(tmp_path: Path):
    deep = '{"location_code":"1101010003","response":' + "[" * 1000 + "]" * 1000 + "}"
    deeper = '{"location_code":"1101010004","response":{"average":"1.00","data":[],"x":' + "[" * 100_000
    archive = write_archive(
        tmp_path / "score-sdgs.jsonl.gz", [line("1101010001"), deep, deeper + "]" * 100_000 + "}}"]
    )
    raw = read_archive(archive)
    assert raw.villages["location_code"].to_list() == ["1101010001"]
    assert raw.rejects["record_number"].to_list() == [2, 3]
    assert all("nested" in reason for reason in raw.rejects["reason"])


def test_unreadable_gzip_raises_naming_file_and_record(tmp_path: Path):
    archive = tmp_path / "score-sdgs.jsonl.gz"
    archive.write_bytes(b"this is not gzip")
    with pytest.raises(DesaInputError, match=r"score-sdgs\.jsonl\.gz") as error:
        read_archive(archive)
    assert error.value.path == str(archive)


def test_truncated_gzip_raises_after_the_lines_it_could_read(tmp_path: Path):
    archive = tmp_path / "score-sdgs.jsonl.gz"
    data = gzip.compress(("\n".join(line(f"11010100{i:02d}") for i in range(1, 40)) + "\n").encode())
    archive.write_bytes(data[: len(data) // 2])
    with pytest.raises(DesaInputError, match="line"):
        read_archive(archive)


def test_village_folder_accepts_bodies_and_wrappers(tmp_path: Path):
    body = json.loads(line())["response"]
    (tmp_path / "1101010001.json").write_text(json.dumps(body))
    (tmp_path / "1101010002.json").write_text(line("1101010002"))
    (tmp_path / "1101010003.json").write_text(line("1101010009"))  # wrapper for another village
    (tmp_path / "1101010004.json").write_text("{not json")
    (tmp_path / "1101010005.json").write_bytes(b"\xef\xbb\xbf" + json.dumps(body, indent=2).encode())
    raw = read_village_folder(sorted(tmp_path.glob("*.json")))
    assert raw.villages["location_code"].to_list() == ["1101010001", "1101010002", "1101010005"]
    assert raw.villages["source_file"].to_list()[0] == str(tmp_path / "1101010001.json")
    reasons = raw.rejects["reason"].to_list()
    assert ["differs from the file name" in r or "malformed" in r for r in reasons] == [True, True]
    assert parse_village_file_text(json.dumps(body), "1101010001").scores[0].score_text == "44.46"


def test_generator_writes_source_style_numbers_and_half_up_averages():
    assert score_text(Decimal("47.60")) == "47.6" and score_text(Decimal("100.00")) == "100"
    assert score_text(Decimal("0")) == "0"
    assert average_text([Decimal("2.25")] + [Decimal(0)] * 17) == "0.13"  # 0.125 rounds half-up
    village = parse_archive_line(response_line("1101010001", [Decimal("1.5")] * 18, 0))
    assert village.average_text == "1.50" and [s.title for s in village.scores] == list(GOAL_TITLES.values())


# ---------------------------------------------------------------------------------------------
# The native pass and the Python rules agree

GOOD = line("1101010001")
DEFECT_LINES = [
    # loaded on purpose (semantic defects for the quality gates)
    line("1101010002", scores=["150"] + ["0"] * 16, average="99.00"),  # 17 goals, score 150, wrong average
    line("1101010003", scores=["1.5"] * 18, average="99.99"),  # wrong average
    line("1101010004", scores=["0"] * 17 + ["-0"]),
    line("1101010005", scores=["-5.5"] + ["0"] * 17, average="-0.31"),
    line("1101010006", scores=["47.60"] + ["0"] * 17, average="2.64"),  # a trailing zero
    GOOD.replace('"location_code":"1101010001"', '"location_code":1101010007'),  # an integer code
    GOOD.replace('"title":"t1",', "").replace("1101010001", "1101010008"),  # no title
    GOOD.replace('"title":"t1"', '"title":5').replace("1101010001", "1101010009"),  # title not a string
    GOOD.replace('"total_desa":1', '"total_desa":-0').replace("1101010001", "1101010010"),
    GOOD.replace('"total_desa":1', '"total_desa":1.0').replace("1101010001", "1101010011"),
    GOOD.replace('"total_desa":1', '"total_desa":1000000000').replace("1101010001", "1101010012"),
    GOOD.replace(",", " , ").replace(":", " : ").replace("1101010001", "1101010013"),  # whitespace
    GOOD.replace('"response"', '"extra":{"a":[1,2]},"response"').replace("1101010001", "1101010014"),
    GOOD.replace('"goals":1,', '"goals":-0,').replace("1101010001", "1101010015"),
    GOOD.replace('"title":"t1"', '"title":"caf\\u00e9 \\"x\\" \\/"').replace("1101010001", "1101010016"),
    GOOD.replace("1101010001", "1101010017").replace('"average":', '"average":"0.00","average":'),  # dup key
    GOOD.replace('"image":"skor-sdgs-1.jpg"', '"image":"a","image":"b"').replace("1101010001", "1101010018"),
    GOOD.replace('"score":44.46', '"score":44.46,"score":1').replace("1101010001", "1101010019"),  # last wins
    # rejected
    line("1101010020", scores=["44.456"] + ["0"] * 17, average="2.47"),
    line("1101010021", scores=["1e2"] + ["0"] * 17, average="5.56"),
    line("1101010022", scores=["44.46000000000000000000000000000001"] + ["0"] * 17, average="2.47"),
    line("1101010023", scores=['"44.46"'] + ["0"] * 17, average="2.47"),
    line("1101010024", scores=["true"] + ["0"] * 17, average="0.06"),
    line("1101010025", scores=["NaN"] + ["0"] * 17, average="0.00"),
    line("1101010026", scores=["1000"] + ["0"] * 17, average="55.56"),
    line("1101010027", scores=["null"] + ["0"] * 17, average="0.00"),
    GOOD.replace('"goals":1,', '"goals":1.0,').replace("1101010001", "1101010028"),
    GOOD.replace('"goals":1,', '"goals":true,').replace("1101010001", "1101010029"),
    GOOD.replace('"goals":1,', '"goals":1000,').replace("1101010001", "1101010030"),
    GOOD.replace('"average":"', '"average":"x').replace("1101010001", "1101010031"),
    GOOD.replace('"average":"', '"average":"11').replace("1101010001", "1101010032"),  # 4 digits
    GOOD.replace("}}", ",}}").replace("1101010001", "1101010033"),  # trailing comma (DuckDB takes it)
    GOOD.replace("1101010001", "110101003"),
    GOOD.replace('"location_code":"1101010001"', '"location_code":"1101010034\\n"'),
    GOOD.replace('"title":"t1"', '"title":"\\ud800"').replace("1101010001", "1101010035"),  # lone surrogate
    GOOD.replace('"data":[', '"data":[1,').replace("1101010001", "1101010037"),
    GOOD.replace("1101010001", "1101010038")[:-1],  # cut short
    '{"location_code":"1101010039","response":{"average":"1.00","data":[]}} {}',
    GOOD.replace("1101010001", "1101010040").replace('"score":0', '"score":Infinity', 1),
    GOOD,  # a duplicate of the first line
]


def test_native_and_python_paths_agree_on_defect_lines(tmp_path: Path):
    archive = write_archive(tmp_path / "score-sdgs.jsonl.gz", [GOOD, *DEFECT_LINES])
    native, python = read_archive(archive), read_archive(archive, native=False)
    assert python.records_native == 0 and native.records_native > 0 and native.records_python > 0
    assert_same_records(native, python)
    loaded = set(native.villages["location_code"])
    assert loaded == {f"11010100{n:02d}" for n in range(1, 20)}
    assert not loaded & {f"11010100{n}" for n in range(20, 41)}
    assert native.rejects["record_number"].to_list() == sorted(native.rejects["record_number"].to_list())


def test_native_and_python_paths_agree_on_the_generated_archive(tmp_path: Path):
    from assets.sdgs.synthetic import generate_score_archive

    codes = [f"{p}01{k:02d}0{v:03d}" for p in (11, 94) for k in range(1, 3) for v in range(1, 60)]
    archive = generate_score_archive(tmp_path, codes)
    native, python = read_archive(archive, batch_lines=50), read_archive(archive, native=False)
    assert native.records_python == 3  # malformed, wrong shape, bad code (the duplicate is found in SQL)
    assert_same_records(native, python)


def assert_same_records(native: SdgsRaw, python: SdgsRaw) -> None:
    """Same villages, rejects and scores; score texts may differ in form, never in value."""
    assert native.villages.equals(python.villages)
    assert native.rejects.equals(python.rejects)
    assert native.scores.drop("score_text").equals(python.scores.drop("score_text"))
    assert [Decimal(t) for t in native.scores["score_text"]] == [
        Decimal(t) for t in python.scores["score_text"]
    ]
