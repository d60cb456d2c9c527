"""Non-blocking checks on a mart: they report facts about the sources, and the run goes on.

A warning check runs one query on the working DuckDB file (read-only) and turns its rows into
whether it passed and the metadata to show; one that does not pass warns and blocks nothing. The
blocking gates are the dbt tests and the Great Expectations suites.
"""

from collections.abc import Callable
from typing import Any

import dagster as dg

from assets.common.settings import DesaSettings
from assets.transform.warehouse import DUCKDB_POOL, connect_read_only

Rows = list[tuple[Any, ...]]


def warning_check(
    *,
    mart: str,
    name: str,
    description: str,
    query: str,
    summarize: Callable[[Rows], tuple[bool, dict[str, Any]]],
) -> dg.AssetChecksDefinition:
    """A non-blocking check of marts.<mart>: `summarize` gets the rows of `query` and returns
    (passed, metadata); a check that does not pass has severity WARN."""

    @dg.asset_check(
        asset=dg.AssetKey(["marts", mart]),
        name=name,
        blocking=False,
        pool=DUCKDB_POOL,
        description=description,
    )
    def _check(settings: DesaSettings) -> dg.AssetCheckResult:
        with connect_read_only(settings.warehouse_path) as connection:
            rows = connection.execute(query).fetchall()
        passed, metadata = summarize(rows)
        return dg.AssetCheckResult(passed=passed, severity=dg.AssetCheckSeverity.WARN, metadata=metadata)

    return _check
