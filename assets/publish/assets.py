"""The publish step: Parquet per dataset, the analyst DuckDB file, the manifest and data package, the
dbt and Great Expectations docs and the report, built aside and swapped in atomically."""

import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import dagster as dg

from assets.common.metadata import OWNERS
from assets.common.provenance import read_model_provenance
from assets.common.settings import DesaSettings
from assets.publish.docs import (
    DBT_DOCS_DIR,
    QUALITY_DOCS_DIR,
    copy_quality_docs,
    generate_dbt_docs,
    index_html,
)
from assets.publish.package import DatasetEntry, PathScrubber, dataset_keys
from assets.publish.release import (
    ANALYST_DB_NAME,
    DATAPACKAGE_NAME,
    MANIFEST_NAME,
    PreviousRelease,
    QualityGate,
    check_gates,
    prune_releases,
    release_id,
    swap_published,
    write_release,
)
from assets.quality.gx_runner import read_latest_result
from assets.report.charts import CHARTS
from assets.report.render import REPORT_DIR, RenderedChart, markdown_image, render_report
from assets.transform.project import REPO_ROOT, load_manifest, published_models
from assets.transform.warehouse import DUCKDB_POOL, connect_read_only, table_fingerprint


def pipeline_version() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


MODELS = published_models()
RELEASE_KEY = dg.AssetKey(["publish", "release"])
MART_KEYS = {m.name: dg.AssetKey([m.schema, m.name]) for m in MODELS}


def chart_key(name: str) -> dg.AssetKey:
    """publish/report__<chart>: keys are [layer, name], like raw/<source>__<table>."""
    return dg.AssetKey(["publish", f"report__{name}"])


RELEASE_SPEC = dg.AssetSpec(
    key=RELEASE_KEY,
    group_name="publish",
    deps=list(MART_KEYS.values()),
    kinds={"duckdb", "parquet"},
    owners=OWNERS,
    description=(
        "Publishes every checked mart: Parquet per dataset, the analyst DuckDB file "
        "(published/desa.duckdb, column comments from the dbt docs), published/datapackage.json "
        "(Frictionless Data Package: schema, keys, files, provenance, quality) and manifest.json, the dbt "
        "docs, the Great Expectations Data Docs and the report, with published/index.html linking them; "
        "built aside and swapped in atomically. Refuses to publish a dataset whose Great Expectations "
        "result is missing, failed or older than the table."
    ),
)
# One asset per chart of the report, so the Dagster UI shows each chart on its own page and its
# lineage from the datasets it reads. Drawn by the publish step, inside the release.
CHART_SPECS = [
    dg.AssetSpec(
        key=chart_key(chart.name),
        group_name="publish",
        deps=[MART_KEYS.get(d, dg.AssetKey(["marts", d])) for d in chart.datasets],
        kinds={"matplotlib", "html"},
        owners=OWNERS,
        description=f"Report chart: {chart.title}. {chart.description}",
        skippable=True,  # not drawn while a dataset it reads is not published yet
    )
    for chart in CHARTS
]


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


@dg.multi_asset(
    specs=[RELEASE_SPEC, *CHART_SPECS],
    name="publish__release",  # the op name of the single-asset publish step it replaces
    can_subset=True,
    pool=DUCKDB_POOL,
)
def publish_datasets(
    context: dg.AssetExecutionContext, settings: DesaSettings
) -> Iterator[dg.MaterializeResult]:
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

    scrubber = PathScrubber.for_run(settings.data_path, settings.landing_path, REPO_ROOT)
    timings: dict[str, float] = {}
    charts: list[RenderedChart] = []
    release = release_id(context.run.run_id)

    # The live release, still linked while this one is built: docs and charts made from the same
    # sources are taken from it.
    live = settings.published_path if settings.published_path.exists() else None

    def add_docs_and_report(folder: Path, datasets: Sequence[DatasetEntry]) -> Mapping[str, str]:
        # `dbt docs generate` is a process of its own: the report is drawn while it runs (each takes
        # about one core; together ~13 + 7 s one after the other on the real data).
        started = time.monotonic()
        with ThreadPoolExecutor(1, thread_name_prefix="dbt-docs") as pool:
            dbt_docs = pool.submit(
                generate_dbt_docs,
                folder / DBT_DOCS_DIR,
                settings.warehouse_path,
                scrubber,
                data_dir=settings.data_path,
                previous=live / DBT_DOCS_DIR if live else None,
            )
            charts.extend(
                render_report(
                    folder / ANALYST_DB_NAME,
                    {d.name: d.data_origin for d in datasets},
                    folder / REPORT_DIR,
                    release,
                    content_hashes={d.name: d.content_hash for d in datasets},
                    previous=live / REPORT_DIR if live else None,
                )
            )
            timings["report_seconds"] = round(time.monotonic() - started, 1)
            docs_links = dbt_docs.result()
        timings["dbt_docs_seconds"] = round(time.monotonic() - started, 1)
        links = {
            "report": f"{REPORT_DIR}/index.html",
            "datapackage": DATAPACKAGE_NAME,
            "manifest": MANIFEST_NAME,
            "analyst_database": ANALYST_DB_NAME,
            **docs_links,
        }
        links |= copy_quality_docs(settings.quality_path, folder / QUALITY_DOCS_DIR, scrubber)
        (folder / "index.html").write_text(index_html(release, datasets, links), encoding="utf-8")
        return links

    release_dir = write_release(
        warehouse=settings.warehouse_path,
        releases_dir=settings.releases_path,
        release=release,
        models=MODELS,
        provenance=read_model_provenance(settings.warehouse_path.parent),
        quality=quality,
        run_id=context.run.run_id,
        pipeline_version=pipeline_version(),
        keys=dataset_keys(load_manifest(), [m.name for m in MODELS]),
        scrubber=scrubber,
        decorate=add_docs_and_report,
        fingerprints={gate.dataset: gate.fingerprint for gate in gates},
        previous=PreviousRelease.of(settings.published_path),
    )
    swap_published(settings.published_path, release_dir)
    removed = prune_releases(settings.releases_path, settings.published_path)
    published = settings.published_path
    context.log.info(f"published release {release} -> {published} ({timings})")
    selected = context.selected_asset_keys
    if RELEASE_KEY in selected:
        yield dg.MaterializeResult(
            asset_key=RELEASE_KEY,
            metadata={
                "release_id": release,
                "published": dg.MetadataValue.path(str(published)),
                "index": dg.MetadataValue.path(str(published / "index.html")),
                "manifest": dg.MetadataValue.path(str(published / MANIFEST_NAME)),
                "datapackage": dg.MetadataValue.path(str(published / DATAPACKAGE_NAME)),
                "report": dg.MetadataValue.path(str(published / REPORT_DIR / "index.html")),
                "datasets": len(MODELS),
                "charts": sum(1 for c in charts if c.path is not None),
                "release_bytes": folder_bytes(release_dir),
                "releases_pruned": len(removed),
                **timings,
            },
        )
    for item in charts:
        key = chart_key(item.chart.name)
        if item.path is None or key not in selected:
            continue
        yield dg.MaterializeResult(
            asset_key=key,
            metadata={
                "chart": dg.MetadataValue.md(markdown_image(item)),
                "data_origin": item.data_origin,
                "synthetic": item.synthetic,
                "datasets": ", ".join(item.chart.datasets),
                "png": dg.MetadataValue.path(str(published / REPORT_DIR / item.path.name)),
            },
        )
