"""What the SDGs Desa domain adds to the code location: the declared source and its harvester."""

import dagster as dg

from assets.common.source import source_definitions
from assets.sdgs.assets import KEMENDESA_SDGS
from assets.sdgs.harvest import kemendesa_sdgs_harvest

defs = dg.Definitions.merge(
    source_definitions(KEMENDESA_SDGS), dg.Definitions(assets=[kemendesa_sdgs_harvest])
)
