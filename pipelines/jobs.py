"""Jobs: the whole pipeline, and one per domain for focused reruns from the UI."""

import dagster as dg

# Harvesters fetch from the internet: they carry this tag and run only in their own jobs.
HARVEST_TAG = "desa/harvest"
harvest_assets = dg.AssetSelection.tag(HARVEST_TAG, "true")

everything = dg.define_asset_job(
    "desa_full_refresh",
    selection=dg.AssetSelection.all() - harvest_assets,
    description="Ingest every source, build and check every model, publish.",
)
wilayah = dg.define_asset_job(
    "wilayah_refresh",
    selection=dg.AssetSelection.groups("wilayah").downstream(),
    description="Village master and crosswalk, and everything built on them, then publish.",
)

all_jobs = [everything, wilayah]
