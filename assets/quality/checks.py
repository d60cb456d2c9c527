"""Great Expectations suites as blocking Dagster asset checks on the published marts."""

import dagster as dg

from assets.common.settings import DesaSettings
from assets.quality.gx_runner import build_docs, gx_context, run_suite
from assets.quality.suites import load_suites
from assets.transform.project import published_models
from assets.transform.warehouse import DUCKDB_POOL


def check_name(suite_name: str) -> str:
    return f"gx_{suite_name}"


def gx_asset_checks() -> list[dg.AssetChecksDefinition]:
    """One check per suite file, all run by one op so Great Expectations loads once per run.

    Each check is blocking: when it fails, nothing downstream (the publish step) runs.
    """
    suites = load_suites()
    if not suites:
        return []
    by_check = {check_name(s.name): s for s in suites}
    specs = [
        dg.AssetCheckSpec(
            check_name(s.name),
            asset=dg.AssetKey([s.schema, s.dataset]),
            blocking=True,
            description=s.description or f"Great Expectations suite {s.name} ({s.path.name})",
            metadata={"suite_file": dg.MetadataValue.path(str(s.path)), "expectations": len(s.expectations)},
        )
        for s in suites
    ]

    @dg.multi_asset_check(
        name="great_expectations",
        specs=specs,
        can_subset=True,
        compute_kind="great_expectations",
        pool=DUCKDB_POOL,
    )
    def great_expectations_checks(context: dg.AssetCheckExecutionContext, settings: DesaSettings):
        # One GX context for every suite, and the Data Docs rendered once after them.
        gx = gx_context(settings.quality_path)
        primary_keys = {m.name: m.primary_key for m in published_models()}
        outcomes = {}
        for check_key in sorted(context.selected_asset_check_keys, key=lambda k: k.name):
            suite = by_check[check_key.name]
            outcomes[check_key] = run_suite(
                suite,
                settings.warehouse_path,
                settings.quality_path,
                context.run.run_id,
                context=gx,
                primary_key=primary_keys.get(suite.dataset, ()),
            )
        docs = build_docs(gx, settings.quality_path)
        for check_key, outcome in outcomes.items():
            metadata = {
                "declared_expectations": outcome.declared,
                "evaluated_expectations": outcome.evaluated,
                "failed_expectations": len(outcome.failed),
                "row_count": outcome.fingerprint["row_count"],
                "result_json": dg.MetadataValue.path(str(outcome.result_path)),
            }
            if docs:
                metadata["data_docs"] = dg.MetadataValue.url(docs.as_uri())
            if outcome.failed:
                failures = [
                    {k: f[k] for k in ("index", "type", "kwargs", "problem", "message", "offending_keys")}
                    for f in outcome.failed[:20]
                ]
                metadata["failures"] = dg.MetadataValue.json(failures)
                metadata["failure_messages"] = dg.MetadataValue.md(
                    "\n".join(f"- {f['message']}" for f in outcome.failed[:20])
                )
                for failure in outcome.failed[:20]:
                    context.log.error(failure["message"])
            yield dg.AssetCheckResult(
                asset_key=check_key.asset_key,
                check_name=check_key.name,
                passed=outcome.success,
                severity=dg.AssetCheckSeverity.ERROR,
                metadata=metadata,
            )

    return [great_expectations_checks]
