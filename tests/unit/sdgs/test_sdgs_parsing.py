"""Reading SDGs responses: exact scores, rejected records with reasons, unreadable files."""

import gzip
import json
from decimal import Decimal
from pathlib import Path

import pytest

from assets.common.errors import DesaInputError
from assets.sdgs.ingest import raw_frames, read_archive, read_village_folder
from assets.sdgs.parsing import RejectedRecordError, parse_archive_line, parse_village_file_text
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
    with pytest.raises(RejectedRecordError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse_archive_line(text)


def test_semantic_problems_are_kept_for_the_quality_gates():
    # 17 goals, a score above 100, a wrong average: loadable, stopped later by the gates.
    village = parse_archive_line(line(scores=["150"] + ["0"] * 16, average="99.00"))
    assert len(village.scores) == 17 and village.scores[0].score_text == "150"


def test_archive_rejects_duplicates_and_keeps_the_first(tmp_path: Path):
    archive = tmp_path / "score-sdgs.jsonl.gz"
    lines = [line("1101010001"), line("1101010002"), "{bad", line("1101010001", average="9.99"), ""]
    with gzip.open(archive, "wt") as handle:
        handle.write("\n".join(lines) + "\n")
    parsed = read_archive(archive)
    assert [v.location_code for v, _, _ in parsed.villages] == ["1101010001", "1101010002"]
    assert [(r[1], r[3].split(":")[0]) for r in parsed.rejected] == [
        (3, "malformed JSON"),
        (4, "duplicate location_code 1101010001, first at " + str(archive) + " line 1"),
    ]
    villages, scores = raw_frames(parsed)
    assert villages.height == 2 and scores.height == 36
    assert scores["score_text"].to_list()[:4] == ["44.46", "0", "47.6", "100"]


def test_bad_utf8_line_is_a_rejected_record(tmp_path: Path):
    archive = tmp_path / "score-sdgs.jsonl"
    archive.write_bytes(line().encode() + b"\n" + b'{"location_code":"\xff"}\n')
    parsed = read_archive(archive)
    assert len(parsed.villages) == 1 and parsed.rejected[0][1] == 2 and "UTF-8" in parsed.rejected[0][3]


def test_unreadable_gzip_raises_naming_file_and_record(tmp_path: Path):
    archive = tmp_path / "score-sdgs.jsonl.gz"
    archive.write_bytes(b"this is not gzip")
    with pytest.raises(DesaInputError, match=r"score-sdgs\.jsonl\.gz") as error:
        read_archive(archive)
    assert error.value.record and "cannot read" in error.value.problem


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
    parsed = read_village_folder(sorted(tmp_path.glob("*.json")))
    assert [v.location_code for v, _, _ in parsed.villages] == ["1101010001", "1101010002"]
    assert ["differs from the file name" in r[3] or "malformed" in r[3] for r in parsed.rejected] == [
        True,
        True,
    ]
    assert parse_village_file_text(json.dumps(body), "1101010001").scores[0].score_text == "44.46"


def test_generator_writes_source_style_numbers_and_half_up_averages():
    assert score_text(Decimal("47.60")) == "47.6" and score_text(Decimal("100.00")) == "100"
    assert score_text(Decimal("0")) == "0"
    assert average_text([Decimal("2.25")] + [Decimal(0)] * 17) == "0.13"  # 0.125 rounds half-up
    village = parse_archive_line(response_line("1101010001", [Decimal("1.5")] * 18, 0))
    assert village.average_text == "1.50" and [s.title for s in village.scores] == list(GOAL_TITLES.values())
