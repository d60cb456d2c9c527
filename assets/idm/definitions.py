"""What the idm domain adds to the code location: the declared source (landing + raw assets), the
harvester and their jobs."""

import dagster as dg

from assets.common.source import source_definitions
from assets.common.tags import HARVESTERS
from assets.idm.assets import IDM_SOURCE
from assets.idm.checks import idm_status_source_disagreements
from assets.idm.harvest import kemendesa_idm_harvest

idm_refresh = dg.define_asset_job(
    "idm_refresh",
    selection=dg.AssetSelection.groups("idm").downstream() - HARVESTERS,
    description="IDM ingest, models and checks, then publish.",
)
idm_harvest = dg.define_asset_job(
    "idm_harvest",
    selection=dg.AssetSelection.assets(kemendesa_idm_harvest),
    description="Harvest the IDM API for one year and province (hits the internet).",
)

defs = dg.Definitions.merge(
    source_definitions(IDM_SOURCE),
    dg.Definitions(
        assets=[kemendesa_idm_harvest],
        asset_checks=[idm_status_source_disagreements],
        jobs=[idm_refresh, idm_harvest],
    ),
)
