"""Jobs: the whole pipeline, and one per domain for focused reruns from the UI."""

import dagster as dg

from assets.common.tags import HARVESTERS

everything = dg.define_asset_job(
    "desa_full_refresh",
    selection=dg.AssetSelection.all() - HARVESTERS,
    description="Ingest every source, build and check every model, publish.",
)
wilayah = dg.define_asset_job(
    "wilayah_refresh",
    selection=dg.AssetSelection.groups("wilayah").downstream() - HARVESTERS,
    description="Village master and crosswalk, and everything built on them, then publish.",
)
sdgs = dg.define_asset_job(
    "sdgs_refresh",
    selection=(dg.AssetSelection.groups("sdgs") - HARVESTERS).downstream() - HARVESTERS,
    description="SDGs Desa scores from the landing dir, the models built on them, then publish.",
)
sdgs_harvest = dg.define_asset_job(
    "sdgs_harvest",
    selection=dg.AssetSelection.groups("sdgs") & HARVESTERS,
    description="Harvest the live SDGs Desa score API, one BPS province per partition (calls the internet).",
)

all_jobs = [everything, wilayah, sdgs, sdgs_harvest]
