"""The code location: every asset, check, job, schedule and sensor of the platform.

Each domain package under `assets/` contributes a `definitions.py` with its own `defs`; this module
merges them with the dbt models, the quality checks and the publish step.
"""

import dagster as dg

from assets.apbdes.definitions import defs as apbdes_defs
from assets.budget.definitions import defs as budget_defs
from assets.common.harvest import HARVEST_API, HarvestApi
from assets.common.settings import DesaSettings
from assets.common.tags import HARVEST_TAG
from assets.dana_desa.definitions import defs as dana_desa_defs
from assets.idm.definitions import defs as idm_defs
from assets.publish.assets import publish_datasets
from assets.quality.checks import gx_asset_checks
from assets.sdgs.definitions import defs as sdgs_defs
from assets.transform.dbt_assets import desa_dbt_models
from assets.transform.project import DesaDbtCliResource, dbt_executable, dbt_project
from assets.wilayah.definitions import defs as wilayah_defs
from pipelines.jobs import all_jobs
from pipelines.schedules import all_schedules
from pipelines.sensors import all_sensors

DOMAIN_DEFINITIONS = [wilayah_defs, sdgs_defs, idm_defs, budget_defs, dana_desa_defs, apbdes_defs]


def build_resources(settings: DesaSettings | None = None) -> dict[str, object]:
    """Resources for a run; tests pass their own settings (a temporary DESA_DATA_DIR)."""
    return {
        "settings": settings or DesaSettings.from_env(),
        # DbtCliResource.__init__ takes a DbtProject; mypy's pydantic view of the subclass does not.
        "dbt": DesaDbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable()),  # type: ignore[arg-type]
        # The live APIs of the harvesters (base URLs, concurrency, attempts, timeout, backoff).
        HARVEST_API: HarvestApi(),
    }


platform_defs = dg.Definitions(
    assets=[desa_dbt_models, publish_datasets],
    asset_checks=gx_asset_checks(),
    jobs=all_jobs,
    schedules=all_schedules,
    sensors=all_sensors,
    resources=build_resources(),
    # One process runs the steps in order: the working DuckDB file takes one writer at a time and
    # the machine has two cores. Scale out with the multiprocess or a cluster executor once the
    # warehouse moves to per-domain files or object storage.
    executor=dg.in_process_executor,
)

defs = dg.Definitions.merge(platform_defs, *DOMAIN_DEFINITIONS)


def all_assets_and_checks(include_harvesters: bool = False) -> list:
    """Every asset and check of the code location, for `dagster.materialize` in tests and scripts.

    Harvesters (tag `desa/harvest=true`) call live APIs and are partitioned: left out unless asked for.
    """
    assets = [
        a
        for a in (defs.assets or [])
        if include_harvesters or not any(t.get(HARVEST_TAG) == "true" for t in _tags_of(a))
    ]
    return [*assets, *(defs.asset_checks or [])]


def _tags_of(asset: object) -> list[dict[str, str]]:
    specs = getattr(asset, "specs", None)
    return [dict(spec.tags or {}) for spec in specs] if specs is not None else []
