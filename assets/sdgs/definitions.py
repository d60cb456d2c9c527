"""What the SDGs Desa domain adds to the code location."""

import dagster as dg

from assets.sdgs.assets import kemendesa_sdgs_responses
from assets.sdgs.harvest import SdgsApiResource, kemendesa_sdgs_harvest

defs = dg.Definitions(
    assets=[kemendesa_sdgs_responses, kemendesa_sdgs_harvest],
    resources={"sdgs_api": SdgsApiResource()},
)
