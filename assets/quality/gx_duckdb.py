"""Great Expectations 1.x on a DuckDB file through duckdb-engine: the fixes it needs, in one place.

GX has no DuckDB engine of its own (github.com/great-expectations/great_expectations PR #12084 would
add one); its generic SQLAlchemy engine needs three things on DuckDB, applied only while
`duckdb_for_gx` is active and only to DuckDB connections:

1. One connection per execution engine. GX opens a connection per query and fetches the rows after
   closing it; duckdb-engine then returns no rows and every expectation fails with an IndexError in
   `resolve_metric_bundle` (GX issues #10738 and #11579). We keep the engine's connection open, as
   GX does for SQLite, and close every DuckDB connection opened meanwhile on exit: DuckDB keeps the
   database file locked while a connection is open.
2. The schema. duckdb-engine's table reflection fails on DuckDB 2.0 (it queries pg_catalog tables
   DuckDB does not have); GX then falls back to `select * from <table>` without the schema, and
   `TableAsset(schema_name=...)` is deprecated in favour of the connection's configuration. Each
   DuckDB connection gets `search_path` set to the suite's schema.
3. Regular expressions. GX knows no regex operator for DuckDB and raises NotImplementedError; we
   give it `regexp_matches` (a search, like GX's pandas `str.contains`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import import_module
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.pool import Pool

DUCKDB_DIALECT = "duckdb"

# GX modules that call `get_dialect_regex_expression` by the name they imported.
_REGEX_MODULES = (
    "great_expectations.expectations.metrics.column_map_metrics.column_values_match_regex",
    "great_expectations.expectations.metrics.column_map_metrics.column_values_not_match_regex",
    "great_expectations.expectations.metrics.column_map_metrics.column_values_match_regex_list",
    "great_expectations.expectations.metrics.column_map_metrics.column_values_not_match_regex_list",
)


def _is_duckdb_connection(dbapi_connection: Any) -> bool:
    return type(dbapi_connection).__module__.startswith("duckdb")


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _duckdb_regex(original: Callable[..., Any]) -> Callable[..., Any]:
    def regex_expression(column: Any, regex: str, dialect: Any, positive: bool = True) -> Any:
        if getattr(dialect, "name", None) != DUCKDB_DIALECT:
            return original(column, regex, dialect, positive)
        matches = sa.func.regexp_matches(column, sa.literal(regex))
        return matches if positive else sa.not_(matches)

    return regex_expression


@contextmanager
def duckdb_for_gx(schema: str) -> Iterator[list[Any]]:
    """Run GX on DuckDB inside this block; yields the DuckDB connections opened so far (a live list).

    Every DuckDB connection opened in the block is closed when it ends, even when GX raised.
    """
    from great_expectations.execution_engine import SqlAlchemyExecutionEngine

    opened: list[Any] = []
    engines: list[sa.Engine] = []
    execution_engines: list[Any] = []

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        if _is_duckdb_connection(dbapi_connection):
            opened.append(dbapi_connection)
            dbapi_connection.execute(f"set search_path = {_sql_string(schema)}")

    def on_engine_connect(connection: sa.Connection) -> None:
        if connection.engine.dialect.name == DUCKDB_DIALECT and connection.engine not in engines:
            engines.append(connection.engine)

    original_get_connection = SqlAlchemyExecutionEngine.get_connection

    @contextmanager
    def get_connection(self: Any) -> Iterator[Any]:
        if self.engine.dialect.name != DUCKDB_DIALECT:
            with original_get_connection(self) as connection:
                yield connection
            return
        if self._connection is None or self._connection.closed:
            self._connection = self.engine.connect()
            execution_engines.append(self)
        yield self._connection

    regex_modules = [import_module(name) for name in _REGEX_MODULES]
    original_regex = [module.get_dialect_regex_expression for module in regex_modules]

    event.listen(Pool, "connect", on_connect)
    event.listen(sa.Engine, "engine_connect", on_engine_connect)
    SqlAlchemyExecutionEngine.get_connection = get_connection  # type: ignore[method-assign]
    for module, original in zip(regex_modules, original_regex, strict=True):
        module.get_dialect_regex_expression = _duckdb_regex(original)  # type: ignore[attr-defined]
    try:
        yield opened
    finally:
        for module, original in zip(regex_modules, original_regex, strict=True):
            module.get_dialect_regex_expression = original  # type: ignore[attr-defined]
        SqlAlchemyExecutionEngine.get_connection = original_get_connection  # type: ignore[method-assign]
        event.remove(sa.Engine, "engine_connect", on_engine_connect)
        event.remove(Pool, "connect", on_connect)
        for execution_engine in execution_engines:
            execution_engine._connection.close()
            execution_engine._connection = None
        for engine in engines:
            engine.dispose()
        for connection in opened:  # any still open (disposing only closes idle pooled connections)
            connection.close()
