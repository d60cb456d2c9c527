"""What the idm domain adds to the code location."""

import dagster as dg

from assets.idm.assets import kemendesa_idm_raw

defs = dg.Definitions(assets=[kemendesa_idm_raw])
