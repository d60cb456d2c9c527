"""What the APBDes part of the budget domain adds to the code location."""

import dagster as dg

from assets.apbdes.sources import SIDEKA_APBDES, SISKEUDES
from assets.common.source import source_definitions

defs = dg.Definitions.merge(source_definitions(SISKEUDES), source_definitions(SIDEKA_APBDES))
