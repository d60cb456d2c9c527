"""Reading SDGs Desa score responses: pure functions shared by the ingest asset and the harvester.

A response (`GET /sdgs/searching/score-sdgs?location_code=CODE`) looks like
`{"average": "29.91", "data": [{"goals": 1, "title": ..., "image": ..., "score": 44.46}, x18],
"total_desa": 1}`. Scores are JSON numbers with at most two decimals; they are kept as their exact
source text (never through a float) so that the warehouse can cast them to DECIMAL(5, 2) unchanged.

What is rejected here is what cannot be represented: bad JSON, a body of the wrong shape, a bad code,
a number that DECIMAL(5, 2) cannot hold exactly, a duplicate village. Semantic problems (17 goals,
a score of 120, a goal twice, an average that disagrees) are kept and stopped by the quality gates,
so that a corrupted archive blocks publication instead of quietly shrinking it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

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


class RejectedRecordError(ValueError):
    """A record that cannot be loaded; the message is the reason stored in rejects."""


def decode_exact(text: str | bytes) -> Any:
    """JSON with every non-integer number as a Decimal holding its source text (no float sees a score).

    Integers stay int, JSON strings stay str: a score sent as a string is told apart from a number.
    """
    return json.loads(text, parse_float=Decimal)


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
    """Source text of a score decoded by `decode_exact` (or an int/float from elsewhere)."""
    what = f"response.data[{index}].score"
    if isinstance(value, bool) or value is None:
        raise RejectedRecordError(f"{what} is {json.dumps(value)}, not a number")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)  # shortest text that reads back to the same float: the source's digits
    if isinstance(value, Decimal):
        return str(value)  # the source's digits, e.g. "47.6" stays "47.6"
    raise RejectedRecordError(f"{what} is {type(value).__name__}, not a number")


def parse_response(location_code: Any, body: Any) -> VillageResponse:
    """One village's response -> typed record, or RejectedRecordError naming what is wrong.

    `body` must come from `decode_exact` for exact scores: strings that look like numbers are then
    JSON numbers. A JSON string score ("44.46") is a wrong shape.
    """
    code = (
        str(location_code)
        if isinstance(location_code, str | int) and not isinstance(location_code, bool)
        else None
    )
    if code is None or not BPS_VILLAGE_CODE.match(code):
        raise RejectedRecordError(
            f"location_code {json.dumps(location_code)} is not a 10-digit BPS village code"
        )
    problem = response_problem(body)
    if problem:
        raise RejectedRecordError(f"wrong shape: {problem}")
    average = str(body["average"])
    if not AVERAGE_TEXT.match(average):
        raise RejectedRecordError(f"response.average {average!r} is not a number with at most 2 decimals")
    total = body.get("total_desa")
    total_desa = (
        total if isinstance(total, int) and not isinstance(total, bool) and 0 <= total < 10**9 else None
    )
    scores = []
    for index, item in enumerate(body["data"]):
        goal = item["goals"]
        if not isinstance(goal, int) or isinstance(goal, bool) or not 0 <= goal < 1000:
            raise RejectedRecordError(
                f"response.data[{index}].goals {json.dumps(goal, default=str)} is not a goal number"
            )
        score = item["score"]
        # Fast path for the common case; anything unusual goes through _number for its reason.
        score_text = str(score) if type(score) is Decimal or type(score) is int else _number(score, index)
        if not EXACT_SCORE.match(score_text):
            raise RejectedRecordError(
                f"response.data[{index}].score {score_text} is not exactly representable as DECIMAL(5, 2)"
            )
        title, image = item.get("title"), item.get("image")
        scores.append(
            GoalScore(
                goal,
                title if isinstance(title, str) else None,
                image if isinstance(image, str) else None,
                score_text,
            )
        )
    return VillageResponse(code, average, total_desa, scores)


def parse_archive_line(text: str) -> VillageResponse:
    """One archive line `{"location_code": ..., "response": {...}}`."""
    try:
        record = decode_exact(text)
    except json.JSONDecodeError as error:
        raise RejectedRecordError(f"malformed JSON: {error}") from None
    if not isinstance(record, dict):
        raise RejectedRecordError(f"wrong shape: line is {type(record).__name__}, not an object")
    if "location_code" not in record or "response" not in record:
        raise RejectedRecordError("wrong shape: line lacks location_code or response")
    return parse_response(record["location_code"], record["response"])


def parse_village_file_text(text: str, stem: str) -> VillageResponse:
    """A harvester's `<location_code>.json`: the response body, or an archive-style wrapper."""
    try:
        record = decode_exact(text)
    except json.JSONDecodeError as error:
        raise RejectedRecordError(f"malformed JSON: {error}") from None
    if isinstance(record, dict) and "response" in record and "location_code" in record:
        if record["location_code"] != stem:
            raise RejectedRecordError(
                f"location_code {record['location_code']!r} differs from the file name {stem!r}"
            )
        return parse_response(record["location_code"], record["response"])
    return parse_response(stem, record)


@dataclass
class ParsedRecords:
    villages: list[tuple[VillageResponse, str, int]] = field(default_factory=list)  # (record, file, line)
    rejected: list[tuple[str, int | None, str, str]] = field(
        default_factory=list
    )  # (file, line, raw, reason)


def collect(records: Iterable[tuple[str, int, str, VillageResponse | RejectedRecordError]]) -> ParsedRecords:
    """Keep the first record of each village; later ones are rejected as duplicates."""
    parsed = ParsedRecords()
    first_seen: dict[str, tuple[str, int]] = {}
    for source_file, line_number, raw, outcome in records:
        if isinstance(outcome, RejectedRecordError):
            parsed.rejected.append((source_file, line_number, raw, str(outcome)))
            continue
        seen = first_seen.get(outcome.location_code)
        if seen is not None:
            reason = f"duplicate location_code {outcome.location_code}, first at {seen[0]} line {seen[1]}"
            parsed.rejected.append((source_file, line_number, raw, reason))
            continue
        first_seen[outcome.location_code] = (source_file, line_number)
        parsed.villages.append((outcome, source_file, line_number))
    return parsed


def parse_lines(
    source_file: str, lines: Iterable[tuple[int, str, str | None]]
) -> Iterator[tuple[str, int, str, Any]]:
    """(file, line, raw, VillageResponse | RejectedRecordError) for each non-blank (line, text, problem)."""
    for line_number, text, problem in lines:
        if problem is not None:
            yield source_file, line_number, text, RejectedRecordError(problem)
            continue
        if not text.strip():
            continue
        try:
            outcome: VillageResponse | RejectedRecordError = parse_archive_line(text)
        except RejectedRecordError as rejected:
            outcome = rejected
        yield source_file, line_number, text, outcome
