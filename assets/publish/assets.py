"""The publish step: Parquet per dataset, the analyst DuckDB file and the manifest, swapped in atomically."""

import subprocess

import dagster as dg

from assets.common.metadata import OWNERS
from assets.common.provenance import read_model_provenance
from assets.common.settings import DesaSettings
from assets.publish.release import (
    MANIFEST_NAME,
    QualityGate,
    check_gates,
    prune_releases,
    release_id,
    swap_published,
    write_release,
)
from assets.quality.gx_runner import read_latest_result
from assets.transform.project import REPO_ROOT, published_models
from assets.transform.warehouse import DUCKDB_POOL, connect_read_only, table_fingerprint


def pipeline_version() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


MODELS = published_models()


@dg.asset(
    key=["publish", "release"],
    group_name="publish",
    deps=[dg.AssetKey([m.schema, m.name]) for m in MODELS],
    kinds={"duckdb", "parquet"},
    owners=OWNERS,
    pool=DUCKDB_POOL,
    description=(
        "Publishes every checked mart: Parquet per dataset, the analyst DuckDB file "
        "(published/desa.duckdb, column comments from the dbt docs) and published/manifest.json "
        "(schema, row counts, checksums, provenance, quality results), built aside and swapped in "
        "atomically. Refuses to publish a dataset whose Great Expectations result is missing, failed "
        "or older than the table."
    ),
)
def publish_datasets(context: dg.AssetExecutionContext, settings: DesaSettings) -> dg.MaterializeResult:
    quality = {}
    gates = []
    with connect_read_only(settings.warehouse_path) as connection:
        for model in MODELS:
            result = read_latest_result(settings.quality_path, model.name)
            gates.append(
                QualityGate(model.name, result, table_fingerprint(connection, model.schema, model.name))
            )
            if result is not None:
                quality[model.name] = {
                    "great_expectations": {
                        "suite": result["suite"],
                        "success": result["success"],
                        "statistics": result["statistics"],
                        "validated_at": result["validated_at"],
                        "run_id": result["run_id"],
                    }
                }
    check_gates(gates)

    release = release_id(context.run.run_id)
    release_dir = write_release(
        warehouse=settings.warehouse_path,
        releases_dir=settings.releases_path,
        release=release,
        models=MODELS,
        provenance=read_model_provenance(settings.warehouse_path.parent),
        quality=quality,
        run_id=context.run.run_id,
        pipeline_version=pipeline_version(),
    )
    swap_published(settings.published_path, release_dir)
    removed = prune_releases(settings.releases_path, settings.published_path)
    manifest_path = settings.published_path / MANIFEST_NAME
    context.log.info(f"published release {release} -> {settings.published_path}")
    return dg.MaterializeResult(
        metadata={
            "release_id": release,
            "published": dg.MetadataValue.path(str(settings.published_path)),
            "manifest": dg.MetadataValue.path(str(manifest_path)),
            "datasets": len(MODELS),
            "releases_pruned": len(removed),
        }
    )
