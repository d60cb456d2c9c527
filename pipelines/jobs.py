"""Jobs: the whole pipeline, and one per domain for focused reruns from the UI."""

import dagster as dg

# Harvesters call live APIs: they carry this tag, are never part of a refresh, and have their own jobs.
HARVEST_TAG = "desa/harvest"
HARVESTERS = dg.AssetSelection.tag(HARVEST_TAG, "true")

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
