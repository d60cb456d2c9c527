"""Run a Great Expectations suite on a table of the working DuckDB file; keep JSON and Data Docs."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assets.quality.suites import SuiteFile
from assets.transform.warehouse import connect_read_only, table_fingerprint

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


@dataclass(frozen=True)
class SuiteOutcome:
    suite: str
    dataset: str
    success: bool
    evaluated: int
    failed: list[dict[str, Any]]
    fingerprint: dict[str, Any]
    result_path: Path
    docs_path: Path | None


def results_dir(quality_dir: Path) -> Path:
    return quality_dir / "results"


def latest_result_path(quality_dir: Path, dataset: str) -> Path:
    return results_dir(quality_dir) / f"{dataset}.json"


def _context(quality_dir: Path):  # noqa: ANN202 - GX types are heavy to import at module load
    import great_expectations as gx

    context = gx.get_context(mode="file", project_root_dir=str(quality_dir / "gx"))
    context.variables.progress_bars = {"globally": False, "metric_calculations": False}
    return context


def run_suite(suite: SuiteFile, warehouse: Path, quality_dir: Path, run_id: str) -> SuiteOutcome:
    """Validate `suite.schema.suite.dataset` as it is now, and record the outcome.

    The result file carries the table's fingerprint, so the publish step can tell that what it is
    about to publish is exactly what passed.
    """
    import great_expectations as gx
    from great_expectations.checkpoint import UpdateDataDocsAction
    from great_expectations.core.expectation_suite import ExpectationSuite
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    with connect_read_only(warehouse) as connection:
        fingerprint = table_fingerprint(connection, suite.schema, suite.dataset)
        frame = connection.execute(f'select * from "{suite.schema}"."{suite.dataset}"').df()

    context = _context(quality_dir)
    expectations = [
        ExpectationConfiguration(type=e["type"], kwargs=e.get("kwargs", {}), meta=e.get("meta", {}))
        for e in suite.expectations
    ]
    gx_suite = context.suites.add_or_update(ExpectationSuite(name=suite.name, expectations=expectations))
    source = context.data_sources.add_or_update_pandas("desa_warehouse")
    asset = next((a for a in source.assets if a.name == suite.dataset), None) or source.add_dataframe_asset(
        suite.dataset
    )
    batch = next((b for b in asset.batch_definitions if b.name == "whole_table"), None)
    batch = batch or asset.add_batch_definition_whole_dataframe("whole_table")
    validation = context.validation_definitions.add_or_update(
        gx.ValidationDefinition(name=suite.name, data=batch, suite=gx_suite)
    )
    checkpoint = context.checkpoints.add_or_update(
        gx.Checkpoint(
            name=f"{suite.name}_checkpoint",
            validation_definitions=[validation],
            actions=[UpdateDataDocsAction(name="update_data_docs")],
            result_format={"result_format": "SUMMARY", "partial_unexpected_count": 10},
        )
    )
    result = checkpoint.run(batch_parameters={"dataframe": frame}, run_id=None)
    described = result.describe_dict()
    validation_result = described["validation_results"][0]
    failed = [
        {
            "type": e["expectation_type"],
            "kwargs": {k: v for k, v in e["kwargs"].items() if k != "batch_id"},
            "result": e.get("result", {}),
        }
        for e in validation_result["expectations"]
        if not e["success"]
    ]
    record = {
        "suite": suite.name,
        "dataset": suite.dataset,
        "schema": suite.schema,
        "success": bool(result.success),
        "run_id": run_id,
        "validated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "fingerprint": fingerprint,
        "statistics": validation_result["statistics"],
        "failed_expectations": failed,
        "expectations": validation_result["expectations"],
    }
    out = latest_result_path(quality_dir, suite.dataset)
    out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(record, indent=1, default=str)
    out.write_text(text)
    history = results_dir(quality_dir) / "history" / run_id / f"{suite.dataset}.json"
    history.parent.mkdir(parents=True, exist_ok=True)
    history.write_text(text)
    docs = quality_dir / "gx" / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"
    return SuiteOutcome(
        suite=suite.name,
        dataset=suite.dataset,
        success=bool(result.success),
        evaluated=int(validation_result["statistics"]["evaluated_expectations"]),
        failed=failed,
        fingerprint=fingerprint,
        result_path=out,
        docs_path=docs if docs.exists() else None,
    )


def read_latest_result(quality_dir: Path, dataset: str) -> dict[str, Any] | None:
    path = latest_result_path(quality_dir, dataset)
    return json.loads(path.read_text()) if path.exists() else None
