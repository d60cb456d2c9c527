"""Metadata for the Dagster UI: row counts, table previews, paths."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dagster as dg
import polars as pl

OWNERS = ["team:data-platform"]


def markdown_preview(frame: pl.DataFrame, rows: int = 10) -> dg.MetadataValue:
    """The first rows as a Markdown table (cells shortened so the UI stays readable)."""
    head = frame.head(rows)
    columns = head.columns

    def cell(value: Any) -> str:
        text = "" if value is None else str(value)
        text = text.replace("|", "\\|").replace("\n", " ")
        return text if len(text) <= 60 else text[:57] + "..."

    lines = [
        "| " + " | ".join(columns) + " |",
        "| " + " | ".join("---" for _ in columns) + " |",
    ]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in head.iter_rows()]
    return dg.MetadataValue.md("\n".join(lines))


def frame_metadata(frame: pl.DataFrame, path: str | None = None) -> dict[str, Any]:
    metadata: dict[str, Any] = {
        "dagster/row_count": frame.height,
        "preview": markdown_preview(frame),
    }
    if path:
        metadata["path"] = dg.MetadataValue.path(path)
    return metadata


def raw_table_specs(
    source: str, group: str, tables: Sequence[tuple[str, str]], deps: Sequence[dg.AssetKey] = ()
) -> list[dg.AssetSpec]:
    """Specs of the raw tables one ingest step writes: keys `raw/<source>__<table>`, Parquet, owned."""
    return [
        dg.AssetSpec(
            key=["raw", f"{source}__{name}"],
            group_name=group,
            kinds={"python", "parquet"},
            owners=OWNERS,
            description=description,
            deps=list(deps),
        )
        for name, description in tables
    ]
