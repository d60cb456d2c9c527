"""Writing raw tables: typed Parquet files, replaced atomically, plus rejected records."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

import polars as pl

REJECTS_TABLE = "rejects"
REJECTS_SCHEMA: Mapping[str, pl.DataType] = {
    "source_file": pl.String(),
    "line_number": pl.Int64(),
    "raw_line": pl.String(),
    "reason": pl.String(),
}
# A rejected record is kept for reading, not for reprocessing: cap its stored text.
MAX_RAW_RECORD_CHARS = 2000


def write_parquet_atomically(frame: pl.DataFrame, target: Path) -> Path:
    """Write to a temporary file beside the target and rename it over, so readers never see half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    frame.write_parquet(tmp, compression="zstd", statistics=True)
    os.replace(tmp, target)
    return target


def rejects_frame(records: Iterable[tuple[str, int | None, str, str]]) -> pl.DataFrame:
    """Rejected records as (source_file, line_number, raw_line, reason) rows."""
    rows = [
        (source_file, line_number, raw[:MAX_RAW_RECORD_CHARS], reason)
        for source_file, line_number, raw, reason in records
    ]
    return pl.DataFrame(rows, schema=dict(REJECTS_SCHEMA), orient="row")
