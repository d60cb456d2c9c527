"""What failed in a `dbt build`, said in one place: each failed model or test, and a few offending rows.

dbt's own summary sits hundreds of log lines above the step's failure; the failure itself should name
what to fix.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

FAILED_STATUSES = {"error", "fail", "runtime error"}
SAMPLE_ROWS = 5
MESSAGE_CHARS = 300


def failed_results(run_results: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in run_results.get("results", []) if r.get("status") in FAILED_STATUSES]


def node_label(unique_id: str) -> str:
    """`test.desa.unique_dim_wilayah_kode.1a2b` -> `test unique_dim_wilayah_kode`."""
    kind, _, rest = unique_id.partition(".")
    parts = rest.split(".")
    name = parts[1] if len(parts) > 1 else rest
    return f"{kind.replace('_', ' ')} {name}"


def offending_rows(
    connection: duckdb.DuckDBPyConnection, compiled_sql: str, limit: int = SAMPLE_ROWS
) -> list[str]:
    """The first rows a failed data test selects (dbt tests select what violates them)."""
    relation = connection.sql(f"select * from ({compiled_sql}) as failing limit {int(limit)}")
    columns = relation.columns
    return [
        "(" + ", ".join(f"{c}={v}" for c, v in zip(columns, row, strict=True)) + ")"
        for row in relation.fetchall()
    ]


def _one_line(text: str | None, limit: int = MESSAGE_CHARS) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def describe_failures(run_results: dict[str, Any], warehouse_path: Path | None) -> str:
    """`dbt build failed: test x: Got 2 results (kode=1), (kode=2); model y: <error>` or a fallback.

    Offending rows come from re-running each failed test's compiled SQL on a read-only connection,
    after dbt has exited (it holds the file for writing while it runs).
    """
    failed = failed_results(run_results)
    if not failed:
        return "dbt build failed: no failed node in run_results.json (see the run's log)"
    connection = None
    if warehouse_path is not None and warehouse_path.exists():
        try:
            connection = duckdb.connect(str(warehouse_path), read_only=True)
        except duckdb.Error:
            connection = None
    parts = []
    try:
        for result in failed:
            unique_id = str(result.get("unique_id", "?"))
            part = f"{node_label(unique_id)}: {_one_line(result.get('message')) or result.get('status')}"
            compiled = result.get("compiled_code")
            if connection is not None and unique_id.startswith("test.") and compiled:
                try:
                    rows = offending_rows(connection, compiled)
                except duckdb.Error:
                    rows = []
                if rows:
                    part += " " + ", ".join(_one_line(row, 120) for row in rows)
            parts.append(part)
    finally:
        if connection is not None:
            connection.close()
    return f"dbt build failed ({len(failed)}): " + "; ".join(parts)
