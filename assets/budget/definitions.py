"""What the budget domain adds to the code location: the `kemendesa_apbn` source, a check, a job."""

import dagster as dg

from assets.budget.checks import budget_tieout_gaps
from assets.budget.source import KEMENDESA_APBN
from assets.common.source import source_definitions
from assets.common.tags import HARVESTERS

budget_refresh = dg.define_asset_job(
    "budget_refresh",
    selection=dg.AssetSelection.groups("budget").downstream() - HARVESTERS,
    description="Budget lines (every revision) ingest, models, tie-outs and checks, then publish.",
)

defs = dg.Definitions.merge(
    source_definitions(KEMENDESA_APBN),
    dg.Definitions(asset_checks=[budget_tieout_gaps], jobs=[budget_refresh]),
)
