"""Reading SDGs Desa score responses: pure functions shared by the ingest asset and the harvester.

A response (`GET /sdgs/searching/score-sdgs?location_code=CODE`) looks like
`{"average": "29.91", "data": [{"goals": 1, "title": ..., "image": ..., "score": 44.46}, x18],
"total_desa": 1}`. Scores are JSON numbers with at most two decimals; they are kept as their exact
source text (never through a float) so that the warehouse can cast them to DECIMAL(5, 2) unchanged.

What is rejected here is what cannot be represented: bad JSON, a body of the wrong shape, a bad code,
a number that DECIMAL(5, 2) cannot hold exactly, a duplicate village. Semantic problems (17 goals,
a score of 120, a goal twice, an average that disagrees) are kept and stopped by the quality gates,
so that a corrupted archive blocks publication instead of quietly shrinking it.

These functions are the rules. The archive's happy path applies the same rules in DuckDB
(`assets.sdgs.ingest`); a line that pass cannot vouch for is decided here, so both paths load and
reject the same lines.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from assets.common.records import RecordError, decode_json_checked

SOURCE = "kemendesa_sdgs"
ARCHIVE_NAMES = ["score-sdgs.jsonl.gz", "score-sdgs.jsonl"]
N_GOALS = 18

BPS_VILLAGE_CODE = re.compile(r"^[0-9]{10}$")
# What DECIMAL(5, 2) holds exactly: up to 3 integer digits and 2 decimals, optional sign.
EXACT_SCORE = re.compile(r"^-?[0-9]{1,3}(\.[0-9]{1,2})?$")
AVERAGE_TEXT = re.compile(r"^-?[0-9]{1,3}(\.[0-9]{1,2})?$")


class GoalScore(NamedTuple):
    goal: int
    title: str | None
    image: str | None
    score_text: str


@dataclass(frozen=True)
class VillageResponse:
    location_code: str
    average_text: str
    total_desa: int | None
    scores: list[GoalScore] = field(default_factory=list)


def response_problem(body: Any) -> str | None:
    """The problem with a decoded response body's shape, or None. Works on exact or float decoding."""
    if not isinstance(body, dict):
        return f"response is {type(body).__name__}, not an object"
    missing = {"average", "data"} - set(body)
    if missing:
        return f"response lacks {sorted(missing)}"
    if not isinstance(body["data"], list):
        return f"response.data is {type(body['data']).__name__}, not a list"
    if not isinstance(body["average"], str):
        return f"response.average is {type(body['average']).__name__}, not a string"
    for index, item in enumerate(body["data"]):
        if not isinstance(item, dict):
            return f"response.data[{index}] is {type(item).__name__}, not an object"
        if "goals" not in item or "score" not in item:
            return f"response.data[{index}] lacks goals or score"
    return None


def _number(value: Any, index: int) -> str:
    """Source text of a score decoded with `parse_float=Decimal` (or an int/float from elsewhere)."""
    what = f"response.data[{index}].score"
    if isinstance(value, bool) or value is None:
        raise RecordError(f"{what} is {json.dumps(value)}, not a number")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)  # shortest text that reads back to the same float: the source's digits
    if isinstance(value, Decimal):
        return str(value)  # the source's digits, e.g. "47.6" stays "47.6"
    raise RecordError(f"{what} is {type(value).__name__}, not a number")


def _text(item: dict[str, Any], key: str, index: int) -> str | None:
    """A string field (anything else is None); a lone surrogate (`"\\ud800"`) cannot be stored as UTF-8."""
    value = item.get(key)
    if not isinstance(value, str):
        return None
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise RecordError(f"response.data[{index}].{key} is not valid Unicode (lone surrogate)") from None
    return value


def parse_response(location_code: Any, body: Any) -> VillageResponse:
    """One village's response -> typed record, or RecordError naming what is wrong.

    `body` must be decoded with `parse_float=Decimal` for exact scores: numbers then keep their source
    text. A JSON string score ("44.46") is a wrong shape.
    """
    code = (
        str(location_code)
        if isinstance(location_code, str | int) and not isinstance(location_code, bool)
        else None
    )
    if code is None or not BPS_VILLAGE_CODE.fullmatch(code):
        raise RecordError(f"location_code {json.dumps(location_code)} is not a 10-digit BPS village code")
    problem = response_problem(body)
    if problem:
        raise RecordError(f"wrong shape: {problem}")
    average = str(body["average"])
    if not AVERAGE_TEXT.fullmatch(average):
        raise RecordError(f"response.average {average!r} is not a number with at most 2 decimals")
    total = body.get("total_desa")
    total_desa = (
        total if isinstance(total, int) and not isinstance(total, bool) and 0 <= total < 10**9 else None
    )
    scores = []
    for index, item in enumerate(body["data"]):
        goal = item["goals"]
        if not isinstance(goal, int) or isinstance(goal, bool) or not 0 <= goal < 1000:
            raise RecordError(
                f"response.data[{index}].goals {json.dumps(goal, default=str)} is not a goal number"
            )
        score = item["score"]
        # Fast path for the common case; anything unusual goes through _number for its reason.
        score_text = str(score) if type(score) is Decimal or type(score) is int else _number(score, index)
        if not EXACT_SCORE.fullmatch(score_text):
            raise RecordError(
                f"response.data[{index}].score {score_text} is not exactly representable as DECIMAL(5, 2)"
            )
        scores.append(GoalScore(goal, _text(item, "title", index), _text(item, "image", index), score_text))
    return VillageResponse(code, average, total_desa, scores)


def parse_archive_line(text: str) -> VillageResponse:
    """One archive line `{"location_code": ..., "response": {...}}`."""
    record = decode_json_checked(text, parse_float=Decimal)
    if not isinstance(record, dict):
        raise RecordError(f"wrong shape: line is {type(record).__name__}, not an object")
    if "location_code" not in record or "response" not in record:
        raise RecordError("wrong shape: line lacks location_code or response")
    return parse_response(record["location_code"], record["response"])


def parse_village_file_text(text: str, stem: str) -> VillageResponse:
    """A harvester's `<location_code>.json`: the response body, or an archive-style wrapper."""
    record = decode_json_checked(text, parse_float=Decimal)
    if isinstance(record, dict) and "response" in record and "location_code" in record:
        if record["location_code"] != stem:
            raise RecordError(
                f"location_code {record['location_code']!r} differs from the file name {stem!r}"
            )
        return parse_response(record["location_code"], record["response"])
    return parse_response(stem, record)
