"""Run a Great Expectations suite on a table of the working DuckDB file; keep JSON and Data Docs.

GX validates in the database: a SQL datasource on the DuckDB file (duckdb-engine, read-only), one
table asset per dataset, a whole-table batch. Nothing is copied into Python but the results.

Every declared expectation must be evaluated. One that cannot be loaded (an unknown type, bad
arguments), that raised while it was evaluated, or that is missing from GX's result is a failed
check naming suite and expectation, never a silent pass.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assets.quality.gx_duckdb import duckdb_for_gx
from assets.quality.suites import SuiteFile
from assets.transform.warehouse import connect_read_only, table_fingerprint

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

DATASOURCE_NAME = "desa_warehouse"
BATCH_NAME = "whole_table"
# Offending values and keys kept per failed expectation (GX limits its SQL queries to this many rows).
SAMPLE_SIZE = 10
# Validations kept per suite in the GX store and its Data Docs, the newest (the one being made
# included): the docs are published with every release and would otherwise grow with every run.
KEEP_VALIDATIONS = 1
# Runs whose results stay under results/history/<run id>/ (the newest, by time written): an audit
# trail of what each run validated, bounded like the releases (~15 small JSON files a run).
KEEP_HISTORY_RUNS = 100


@dataclass(frozen=True)
class SuiteOutcome:
    suite: str
    dataset: str
    success: bool
    declared: int
    evaluated: int
    failed: list[dict[str, Any]]
    fingerprint: dict[str, Any]
    result_path: Path
    docs_path: Path | None


def results_dir(quality_dir: Path) -> Path:
    return quality_dir / "results"


def latest_result_path(quality_dir: Path, dataset: str) -> Path:
    return results_dir(quality_dir) / f"{dataset}.json"


def gx_context(quality_dir: Path) -> Any:
    """The file-backed GX context under `quality_dir/gx` (suites, results, Data Docs).

    Made once per run and shared by every suite (`run_suite(context=...)`): creating it reads and
    writes the project's config, and the Data Docs are built once at the end (`build_docs`).
    """
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="file", project_root_dir=str(quality_dir / "gx"))
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    return context


def docs_index(quality_dir: Path) -> Path:
    return quality_dir / "gx" / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"


def build_docs(context: Any, quality_dir: Path) -> Path | None:
    """Render the Data Docs from the stored validation results; the index page, if any."""
    context.build_data_docs()
    index = docs_index(quality_dir)
    return index if index.exists() else None


def key_columns(connection: Any, suite: SuiteFile, primary_key: Sequence[str] = ()) -> list[str]:
    """The dataset's key: the suite's `keys`, else the model's primary key (its dbt contract; the
    warehouse tables carry it as a check, not a DuckDB constraint), else a DuckDB primary key."""
    if suite.keys:
        return list(suite.keys)
    if primary_key:
        return list(primary_key)
    rows = connection.execute(
        "select constraint_column_names from duckdb_constraints() "
        "where schema_name = ? and table_name = ? and constraint_type = 'PRIMARY KEY'",
        [suite.schema, suite.dataset],
    ).fetchall()
    return list(rows[0][0]) if rows else []


def describe(expectation: dict[str, Any]) -> str:
    """`type(column=..., ...)`: the rule as it is declared, for messages."""
    kwargs = expectation.get("kwargs", {})
    arguments = ", ".join(f"{k}={v!r}" for k, v in kwargs.items() if k not in {"batch_id", "result_format"})
    return f"{expectation['type']}({arguments})"


def _failure(
    suite: SuiteFile, index: int, problem: str, detail: str, result: dict[str, Any] | None = None
) -> dict[str, Any]:
    declared = suite.expectations[index]
    return {
        "index": index,
        "type": declared["type"],
        "kwargs": declared.get("kwargs", {}),
        "problem": problem,
        "message": f"{suite.name} on {suite.schema}.{suite.dataset}: expectation #{index} "
        f"{describe(declared)} {detail}",
        "offending_keys": [],
        "result": result or {},
    }


def _raised(exception_info: dict[str, Any] | None) -> str | None:
    """GX's exception message when evaluating the expectation raised, else None.

    `exception_info` is either one {"raised_exception", "exception_message", ...} or one per metric.
    """
    if not exception_info:
        return None
    infos = [exception_info] if "raised_exception" in exception_info else list(exception_info.values())
    messages = [
        str(info.get("exception_message") or "an exception")
        for info in infos
        if isinstance(info, dict) and info.get("raised_exception")
    ]
    return "; ".join(messages) if messages else None


def _load(suite: SuiteFile) -> tuple[list[tuple[int, Any]], list[dict[str, Any]]]:
    """GX Expectation objects for the declared expectations, and a failure for each that cannot load."""
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    loaded: list[tuple[int, Any]] = []
    failures: list[dict[str, Any]] = []
    for index, declared in enumerate(suite.expectations):
        try:
            configuration = ExpectationConfiguration(
                type=declared["type"], kwargs=declared.get("kwargs", {}), meta=declared.get("meta", {})
            )
            loaded.append((index, configuration.to_domain_obj()))
        except Exception as error:  # an unknown type or invalid arguments: the check cannot run
            failures.append(_failure(suite, index, "not_loaded", f"cannot be loaded: {error}"))
    return loaded, failures


def _sql_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _keys_from_index_list(result: dict[str, Any], keys: list[str]) -> list[dict[str, Any]]:
    rows = result.get("partial_unexpected_index_list") or []
    return [{k: row.get(k) for k in keys} for row in rows if isinstance(row, dict)][:SAMPLE_SIZE]


def _duplicate_keys(cursor: Any, table: str, columns: list[str], keys: list[str]) -> list[dict[str, Any]]:
    """A sample of rows whose `columns` values occur more than once (GX gives no index list there)."""
    wanted = keys or columns
    column_sql = ", ".join(_sql_identifier(c) for c in columns)
    cursor.execute(
        f"select {', '.join(_sql_identifier(k) for k in wanted)} from {table} "
        f"where ({column_sql}) in (select ({column_sql}) from {table} group by all having count(*) > 1) "
        f"order by all limit {SAMPLE_SIZE}"
    )
    return [dict(zip(wanted, row, strict=True)) for row in cursor.fetchall()]


def _failed_detail(result: dict[str, Any]) -> str:
    if "unexpected_count" in result:
        detail = f"failed: {result['unexpected_count']} of {result.get('element_count')} rows unexpected"
        sample = result.get("partial_unexpected_list")
        return f"{detail} (e.g. {sample[:5]})" if sample else detail
    if "observed_value" in result:
        return f"failed: observed {result['observed_value']!r}"
    return "failed"


def prune_validations(context: Any, suite_name: str, keep: int = KEEP_VALIDATIONS) -> int:
    """Remove the suite's stored validations but the newest `keep - 1`, before it is validated again.

    Their Data Docs pages go with them: the next Data Docs build (`build_docs`) drops every page
    whose validation is no longer stored.
    """
    store = context.validation_results_store
    stored = sorted(
        (key for key in store.list_keys() if key.expectation_suite_identifier.name == suite_name),
        key=lambda key: key.run_id.run_time,
    )
    old = stored[: max(len(stored) - (keep - 1), 0)]
    for key in old:
        store.remove_key(key)
    return len(old)


def run_suite(
    suite: SuiteFile,
    warehouse: Path,
    quality_dir: Path,
    run_id: str,
    context: Any = None,
    primary_key: Sequence[str] = (),
) -> SuiteOutcome:
    """Validate `suite.schema.suite.dataset` as it is now, and record the outcome.

    The result file carries the table's fingerprint, so the publish step can tell that what it is
    about to publish is exactly what passed. Given a shared `context` (`gx_context`), the caller
    builds the Data Docs once after its suites; alone, the suite builds them itself.
    """
    import great_expectations as gx
    from great_expectations.core.expectation_suite import ExpectationSuite

    with connect_read_only(warehouse) as connection:
        fingerprint = table_fingerprint(connection, suite.schema, suite.dataset)
        keys = key_columns(connection, suite, primary_key)

    loaded, failures = _load(suite)
    result_format: dict[str, Any] = {"result_format": "SUMMARY", "partial_unexpected_count": SAMPLE_SIZE}
    if keys:
        result_format["unexpected_index_column_names"] = keys
    table = f"{_sql_identifier(suite.schema)}.{_sql_identifier(suite.dataset)}"

    shared_context = context is not None
    context = context if shared_context else gx_context(quality_dir)
    with duckdb_for_gx(suite.schema) as connections:
        gx_suite = context.suites.add_or_update(
            ExpectationSuite(name=suite.name, expectations=[e for _, e in loaded])
        )
        index_of = {e.id: index for (index, _), e in zip(loaded, gx_suite.expectations, strict=True)}
        source = context.data_sources.add_or_update_sql(
            name=DATASOURCE_NAME,
            connection_string=f"duckdb:///{warehouse.resolve()}",
            kwargs={"connect_args": {"read_only": True}},
        )
        # The schema is the connections' search_path (see gx_duckdb): the table asset names the table.
        asset = source.add_table_asset(name=suite.dataset, table_name=suite.dataset)
        batch = asset.add_batch_definition_whole_table(BATCH_NAME)
        validation = context.validation_definitions.add_or_update(
            gx.ValidationDefinition(name=suite.name, data=batch, suite=gx_suite)
        )
        checkpoint = context.checkpoints.add_or_update(
            gx.Checkpoint(
                name=f"{suite.name}_checkpoint",
                validation_definitions=[validation],
                result_format=result_format,
            )
        )
        prune_validations(context, suite.name)
        try:
            result = checkpoint.run(run_id=None)
            validation_result = result.describe_dict()["validation_results"][0]
            outcomes = [r.to_json_dict() for run in result.run_results.values() for r in run.results]
            gx_success = bool(result.success)
        except Exception as error:  # nothing was evaluated: every loaded expectation fails
            validation_result = {"statistics": {}, "expectations": []}
            outcomes = []
            gx_success = False
            detail = f"was not evaluated: {error}"
            failures += [_failure(suite, index, "not_evaluated", detail) for index, _ in loaded]

        evaluated: set[int] = set()
        for outcome in outcomes:
            index = index_of.get(outcome["expectation_config"].get("id"))
            if index is None:
                continue
            raised = _raised(outcome.get("exception_info"))
            if raised:
                failures.append(_failure(suite, index, "raised", f"raised while evaluated: {raised}"))
                continue
            evaluated.add(index)
            if outcome["success"]:
                continue
            details = outcome.get("result") or {}
            failure = _failure(suite, index, "failed", _failed_detail(details), details)
            failure["offending_keys"] = _keys_from_index_list(failure["result"], keys)
            columns = failure["kwargs"].get("column_list")
            if not failure["offending_keys"] and failure["type"] == "expect_compound_columns_to_be_unique":
                cursor = connections[-1].cursor()
                failure["offending_keys"] = _duplicate_keys(cursor, table, columns, keys)
            failure["offending_keys"] = json.loads(json.dumps(failure["offending_keys"], default=str))
            if failure["offending_keys"]:
                failure["message"] += f"; offending keys, e.g. {failure['offending_keys'][:5]}"
            failures.append(failure)
        for index, _ in loaded:
            if index not in evaluated and not any(f["index"] == index for f in failures):
                failures.append(_failure(suite, index, "not_evaluated", "was not evaluated"))

    failures.sort(key=lambda f: f["index"])
    success = gx_success and not failures and len(evaluated) == len(suite.expectations)
    statistics = {
        **validation_result["statistics"],
        "declared_expectations": len(suite.expectations),
        "evaluated_expectations": len(evaluated),
    }
    record = {
        "suite": suite.name,
        "dataset": suite.dataset,
        "schema": suite.schema,
        "success": success,
        "run_id": run_id,
        "validated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "fingerprint": fingerprint,
        "key_columns": keys,
        "statistics": statistics,
        "failed_expectations": failures,
        "expectations": validation_result["expectations"],
    }
    out = latest_result_path(quality_dir, suite.dataset)
    out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(record, indent=1, default=str)
    out.write_text(text)
    history = results_dir(quality_dir) / "history" / run_id / f"{suite.dataset}.json"
    history.parent.mkdir(parents=True, exist_ok=True)
    history.write_text(text)
    prune_history(history.parent.parent, keep_run=run_id)
    # With a shared context the caller builds the Data Docs after all its suites (`build_docs`).
    docs = None if shared_context else build_docs(context, quality_dir)
    return SuiteOutcome(
        suite=suite.name,
        dataset=suite.dataset,
        success=success,
        declared=len(suite.expectations),
        evaluated=len(evaluated),
        failed=failures,
        fingerprint=fingerprint,
        result_path=out,
        docs_path=docs,
    )


def prune_history(history_dir: Path, keep_run: str, keep: int = KEEP_HISTORY_RUNS) -> list[Path]:
    """Remove all but the newest `keep` run folders of the results history (never `keep_run`'s)."""
    runs = sorted(
        (p for p in history_dir.iterdir() if p.is_dir() and p.name != keep_run),
        key=lambda p: (p.stat().st_mtime_ns, p.name),
    )
    removed = runs[: max(0, len(runs) - (keep - 1))]
    for path in removed:
        shutil.rmtree(path, ignore_errors=True)
    return removed


def read_latest_result(quality_dir: Path, dataset: str) -> dict[str, Any] | None:
    path = latest_result_path(quality_dir, dataset)
    return json.loads(path.read_text()) if path.exists() else None
