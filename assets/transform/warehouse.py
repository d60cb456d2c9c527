"""Reading the working DuckDB file: read-only connections, table fingerprints, summaries."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb

from assets.common.metadata import markdown_preview

# DuckDB lets one process write a database file, and a writer excludes readers in other processes.
# Every asset or check that opens the working file runs in this pool (limit 1, see dagster.yaml).
DUCKDB_POOL = "duckdb_warehouse"


def connect_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    if not path.exists():
        raise FileNotFoundError(
            f"working database {path} does not exist yet: materialize the dbt models first"
        )
    return duckdb.connect(str(path), read_only=True)


def table_fingerprint(connection: duckdb.DuckDBPyConnection, schema: str, table: str) -> dict[str, Any]:
    """Row count and an order-independent content hash: identifies exactly what a check validated."""
    ((rows, content),) = connection.sql(
        f'select count(*), coalesce(sum(hash(t)), 0)::varchar from "{schema}"."{table}" as t'
    ).fetchall()
    return {"row_count": int(rows), "content_hash": str(content)}


def table_summaries(path: Path, tables: Iterable[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
    tables = list(tables)
    if not tables or not path.exists():
        return {}
    summaries = {}
    with connect_read_only(path) as connection:
        for schema, table in tables:
            try:
                frame = connection.sql(f'select * from "{schema}"."{table}" limit 10').pl()
                count = connection.sql(f'select count(*) from "{schema}"."{table}"').fetchall()[0][0]
            except duckdb.CatalogException:
                continue
            summaries[(schema, table)] = {"dagster/row_count": int(count), "preview": markdown_preview(frame)}
    return summaries
