"""What the Dana Desa part of the budget domain adds to the code location."""

import dagster as dg

from assets.common.source import source_definitions
from assets.dana_desa.sources import DJPK_DANA_DESA, DJPK_DANA_DESA_DESA, DJPK_TKDD

defs = dg.Definitions.merge(
    *(source_definitions(s) for s in (DJPK_TKDD, DJPK_DANA_DESA, DJPK_DANA_DESA_DESA))
)
