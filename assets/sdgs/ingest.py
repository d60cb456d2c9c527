"""Reading the SDGs landing files (the gzip archive or a folder of per-village JSON) into raw frames."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path

import polars as pl

from assets.common.errors import DesaInputError
from assets.sdgs.parsing import (
    ParsedRecords,
    RejectedRecordError,
    VillageResponse,
    collect,
    parse_lines,
    parse_village_file_text,
)

VILLAGES_SCHEMA = {
    "location_code": pl.String,
    "average_text": pl.String,
    "total_desa": pl.Int32,
    "n_items": pl.Int32,
    "source_file": pl.String,
    "line_number": pl.Int64,
}
SCORES_SCHEMA = {
    "location_code": pl.String,
    "item_index": pl.Int16,
    "goal": pl.Int16,
    "title": pl.String,
    "image": pl.String,
    # The score exactly as the source wrote it; dbt casts it to DECIMAL(5, 2).
    "score_text": pl.String,
}


def archive_lines(path: Path) -> Iterator[tuple[int, str, str | None]]:
    """(line number, text, decoding problem) of a JSON-lines file, gzip or plain.

    An unreadable file (bad gzip, truncated stream) raises DesaInputError.

    Lines are decoded one by one so that one line of bad UTF-8 is a rejected record, not a dead file.
    """
    opener = gzip.open if path.suffix == ".gz" else open
    line_number = 0
    try:
        with opener(path, "rb") as handle:  # type: ignore[operator]
            for line_number, raw in enumerate(handle, start=1):
                try:
                    yield line_number, raw.decode("utf-8").rstrip("\r\n"), None
                except UnicodeDecodeError as error:
                    yield (
                        line_number,
                        raw.decode("utf-8", errors="replace").rstrip("\r\n"),
                        f"not UTF-8: {error}",
                    )
    except (OSError, EOFError, zlib.error) as error:
        record = f"line {line_number + 1}" if line_number else "start of file"
        raise DesaInputError(
            path, record, f"cannot read the file: {error.__class__.__name__}: {error}"
        ) from error


def read_archive(path: Path) -> ParsedRecords:
    return collect(parse_lines(str(path), archive_lines(path)))


def village_files(directory: Path) -> list[Path]:
    """The `<location_code>.json` files of a harvest folder, in code order."""
    return sorted(p for p in directory.glob("*.json") if not p.name.startswith(("_", ".")))


def read_village_folder(files: list[Path]) -> ParsedRecords:
    def outcomes() -> Iterator[tuple[str, int, str, VillageResponse | RejectedRecordError]]:
        for path in files:
            try:
                data = path.read_bytes()
            except OSError as error:
                raise DesaInputError(path, None, f"cannot read the file: {error}") from error
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as error:
                yield (
                    str(path),
                    1,
                    data.decode("utf-8", errors="replace"),
                    RejectedRecordError(f"not UTF-8: {error}"),
                )
                continue
            try:
                outcome: VillageResponse | RejectedRecordError = parse_village_file_text(text, path.stem)
            except RejectedRecordError as problem:
                outcome = problem
            yield str(path), 1, text, outcome

    return collect(outcomes())


def raw_frames(parsed: ParsedRecords) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(villages, scores) frames: one row per village, one per village x response item."""
    villages: dict[str, list] = {name: [] for name in VILLAGES_SCHEMA}
    scores: dict[str, list] = {name: [] for name in SCORES_SCHEMA}
    for village, source_file, line_number in parsed.villages:
        villages["location_code"].append(village.location_code)
        villages["average_text"].append(village.average_text)
        villages["total_desa"].append(village.total_desa)
        villages["n_items"].append(len(village.scores))
        villages["source_file"].append(source_file)
        villages["line_number"].append(line_number)
        for index, score in enumerate(village.scores):
            scores["location_code"].append(village.location_code)
            scores["item_index"].append(index)
            scores["goal"].append(score.goal)
            scores["title"].append(score.title)
            scores["image"].append(score.image)
            scores["score_text"].append(score.score_text)
    return pl.DataFrame(villages, schema=VILLAGES_SCHEMA), pl.DataFrame(scores, schema=SCORES_SCHEMA)
