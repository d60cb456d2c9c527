"""Tags and selections shared by the asset code and the code location's jobs."""

import dagster as dg

# Harvesters call live APIs: they carry this tag, are never part of a refresh, and have their own jobs.
HARVEST_TAG = "desa/harvest"
HARVESTERS = dg.AssetSelection.tag(HARVEST_TAG, "true")
