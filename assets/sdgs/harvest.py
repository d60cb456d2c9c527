"""Harvesting the SDGs Desa score API, one BPS province per partition.

The behaviour is the shared one of `assets.common.harvest` (the `harvest_api` resource, bounded
concurrency, retries with backoff, resume, failures in `.failures.jsonl` and the metadata, partition
archives joined into the landing file). This module says which villages a partition asks for and what
a good body looks like. Each province goes to its own archive
(`harvest/kemendesa_sdgs/provinsi/score-sdgs-<PP>.jsonl.gz`) so that partitions can run side by side;
they are joined into `harvest/kemendesa_sdgs/score-sdgs.jsonl.gz` (the landing format: copy it into
`$DESA_LANDING_DIR/kemendesa_sdgs/` to load it). Never part of the default run: it calls the live API.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import dagster as dg
import polars as pl

from assets.common.errors import DesaInputError
from assets.common.harvest import (
    HarvestApi,
    HarvestItem,
    HarvestReport,
    PartitionPlan,
    harvest_asset,
    harvest_dir,
    run_partition,
)
from assets.common.records import RecordError, decode_json_checked
from assets.common.settings import DesaSettings
from assets.sdgs.parsing import ARCHIVE_NAMES, SOURCE, parse_response, response_problem

ARCHIVE_NAME = ARCHIVE_NAMES[0]
KEY_FIELDS = ("location_code",)

# The API keys villages by their BPS code: partitions are the 34 provinces of the BPS frame (before
# the 2022 Papua split), static so that importing the code location reads no data. The villages of a
# partition are the crosswalk's, read at run time.
BPS_PROVINCES = [
    "11", "12", "13", "14", "15", "16", "17", "18", "19", "21",
    "31", "32", "33", "34", "35", "36", "51", "52", "53",
    "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76",
    "81", "82", "91", "94",
]  # fmt: skip
province_partitions = dg.StaticPartitionsDefinition(BPS_PROVINCES)


def score_url(api: HarvestApi, location_code: str) -> str:
    return f"{api.sdgs_base_url.rstrip('/')}/sdgs/searching/score-sdgs?location_code={location_code}"


def decode_exact(text: str) -> Any:
    """The shared JSON decoder with exact numbers (malformed or too deep: a RecordError)."""
    return decode_json_checked(text, parse_float=Decimal)


def shape_problem(body: Any) -> str | None:
    """What the harvester retries on: a body that is not an SDGs score response we can load."""
    problem = response_problem(body)
    if problem is not None:
        return problem
    try:
        parse_response("0000000000", body)
    except RecordError as error:
        return str(error).replace("location_code", "code", 1)
    return None


def province_archive(settings: DesaSettings, province: str) -> Path:
    return harvest_dir(settings, SOURCE) / "provinsi" / f"score-sdgs-{province}.jsonl.gz"


def province_items(codes: Sequence[str], province: str, api: HarvestApi) -> list[HarvestItem]:
    return [
        HarvestItem(key={"location_code": code}, url=score_url(api, code))
        for code in sorted(set(codes))
        if code.startswith(province)
    ]


def crosswalk_village_codes(settings: DesaSettings) -> list[str]:
    path = settings.raw_path / "kode_wilayah" / "desa.parquet"
    if not path.exists():
        raise DesaInputError(
            path, None, "the village crosswalk has not been ingested: materialize raw/kode_wilayah__desa"
        )
    return pl.read_parquet(path, columns=["kode_bps"])["kode_bps"].drop_nulls().to_list()


def province_plan(province: str, settings: DesaSettings, api: HarvestApi) -> PartitionPlan:
    return PartitionPlan(
        items=province_items(crosswalk_village_codes(settings), province, api),
        archive=province_archive(settings, province),
        partition_archives="score-sdgs-*.jsonl.gz",
        landing=harvest_dir(settings, SOURCE) / ARCHIVE_NAME,
        key_fields=KEY_FIELDS,
        check_shape=shape_problem,
        decode=decode_exact,
    )


def run_province_harvest(
    settings: DesaSettings, api: HarvestApi, province: str, refetch: bool = False, transport: Any = None
) -> tuple[HarvestReport, Path, int]:
    """Harvest one province, then join the archives. Pure of Dagster, for tests and scripts."""
    outcome = run_partition(province_plan(province, settings, api), api, refetch=refetch, transport=transport)
    return outcome.report, outcome.archive, outcome.landing_lines


kemendesa_sdgs_harvest = harvest_asset(
    key=["harvest", f"{SOURCE}__score_sdgs"],
    group="sdgs",
    partitions_def=province_partitions,
    plan=lambda partition, settings, api: province_plan(str(partition), settings, api),
    deps=[dg.AssetKey(["raw", "kode_wilayah__desa"])],
    description=(
        "Harvests GET {sdgs_base_url}/sdgs/searching/score-sdgs?location_code=CODE for every BPS village "
        "code of the crosswalk, one province per partition, into $DESA_DATA_DIR/harvest/kemendesa_sdgs, "
        "and joins the province archives into score-sdgs.jsonl.gz. Calls the live API: not part of "
        "the default run."
    ),
)
