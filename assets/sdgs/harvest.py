"""Harvesting the SDGs Desa score API, one BPS province per partition.

Uses the shared machinery of `assets.common.harvest` (bounded concurrency, retries with backoff,
resume, recorded failures, the archive format). Each province is harvested into its own archive
(`harvest/kemendesa_sdgs/provinsi/score-sdgs-<PP>.jsonl.gz`) so that partitions can run side by side;
the combined `harvest/kemendesa_sdgs/score-sdgs.jsonl.gz` (the landing format: copy it into
`$DESA_LANDING_DIR/kemendesa_sdgs/` to load it) is rebuilt under a file lock after each one.
Never part of the default run: it calls the live API.
"""

import fcntl
import gzip
import json
import os
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import dagster as dg
import polars as pl

from assets.common.errors import DesaInputError
from assets.common.harvest import HarvestItem, HarvestReport, HarvestSettings, failures_path, harvest
from assets.common.metadata import OWNERS
from assets.common.settings import DesaSettings
from assets.common.tags import HARVEST_TAG
from assets.sdgs.parsing import RejectedRecordError, parse_response, response_problem

SOURCE = "kemendesa_sdgs"
ARCHIVE_NAME = "score-sdgs.jsonl.gz"
KEY_FIELDS = ["location_code"]

# The 34 provinces of the BPS frame the crosswalk and the API use (before the 2022 Papua split).
BPS_PROVINCES = [
    "11", "12", "13", "14", "15", "16", "17", "18", "19", "21",
    "31", "32", "33", "34", "35", "36", "51", "52", "53",
    "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76",
    "81", "82", "91", "94",
]  # fmt: skip
province_partitions = dg.StaticPartitionsDefinition(BPS_PROVINCES)


class SdgsApiResource(dg.ConfigurableResource):
    """The SDGs Desa score API: where it is and how politely to call it."""

    base_url: str = "https://sid.kemendesa.go.id"
    concurrency: int = 8
    max_attempts: int = 4
    timeout_seconds: float = 20.0
    backoff_base_seconds: float = 0.5
    backoff_max_seconds: float = 30.0

    def score_url(self, location_code: str) -> str:
        return f"{self.base_url.rstrip('/')}/sdgs/searching/score-sdgs?location_code={location_code}"

    def harvest_settings(self) -> HarvestSettings:
        return HarvestSettings(
            concurrency=self.concurrency,
            max_attempts=self.max_attempts,
            timeout_seconds=self.timeout_seconds,
            backoff_base_seconds=self.backoff_base_seconds,
            backoff_max_seconds=self.backoff_max_seconds,
        )


def decode_exact(text: str) -> Any:
    return json.loads(text, parse_float=Decimal)


def shape_problem(body: Any) -> str | None:
    """What the harvester retries on: a body that is not an SDGs score response we can load."""
    problem = response_problem(body)
    if problem is not None:
        return problem
    try:
        parse_response("0000000000", body)
    except RejectedRecordError as error:
        return str(error).replace("location_code", "code", 1)
    return None


def harvest_dir(settings: DesaSettings) -> Path:
    return settings.data_path / "harvest" / SOURCE


def province_archive(settings: DesaSettings, province: str) -> Path:
    return harvest_dir(settings) / "provinsi" / f"score-sdgs-{province}.jsonl.gz"


def province_items(codes: Sequence[str], province: str, api: SdgsApiResource) -> list[HarvestItem]:
    return [
        HarvestItem(key={"location_code": code}, url=api.score_url(code))
        for code in sorted(set(codes))
        if code.startswith(province)
    ]


def combine_archives(province_archives: Sequence[Path], target: Path) -> int:
    """Concatenate the province archives into one (atomic swap, under a lock); returns the line count."""
    target.parent.mkdir(parents=True, exist_ok=True)
    lock_path = target.with_name(f".{target.name}.lock")
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
        count = 0
        with gzip.open(tmp, "wt", encoding="utf-8") as out:
            for path in sorted(province_archives):
                with gzip.open(path, "rt", encoding="utf-8") as handle:
                    for line in handle:
                        if line.strip():
                            out.write(line if line.endswith("\n") else line + "\n")
                            count += 1
        tmp.replace(target)
    return count


def crosswalk_village_codes(settings: DesaSettings) -> list[str]:
    path = settings.raw_path / "kode_wilayah" / "desa.parquet"
    if not path.exists():
        raise DesaInputError(
            path, None, "the village crosswalk has not been ingested: materialize raw/kode_wilayah__desa"
        )
    return pl.read_parquet(path, columns=["kode_bps"])["kode_bps"].drop_nulls().to_list()


class SdgsHarvestConfig(dg.Config):
    refetch: bool = False
    """Fetch the province again even where already harvested (default: resume, fetch what is missing)."""


def run_province_harvest(
    settings: DesaSettings, api: SdgsApiResource, province: str, refetch: bool = False, transport: Any = None
) -> tuple[HarvestReport, Path, int]:
    """Harvest one province, then rebuild the combined archive. Pure of Dagster, for tests and scripts."""
    archive = province_archive(settings, province)
    if refetch and archive.exists():
        archive.unlink()
    items = province_items(crosswalk_village_codes(settings), province, api)
    report = harvest(
        items,
        archive,
        KEY_FIELDS,
        shape_problem,
        api.harvest_settings(),
        transport=transport,
        decode=decode_exact,
    )
    archives = sorted(archive.parent.glob("score-sdgs-*.jsonl.gz"))
    combined = combine_archives(archives, harvest_dir(settings) / ARCHIVE_NAME)
    return report, archive, combined


@dg.asset(
    key=["harvest", f"{SOURCE}__score_sdgs"],
    group_name="sdgs",
    kinds={"python", "json"},
    owners=OWNERS,
    tags={HARVEST_TAG: "true"},
    partitions_def=province_partitions,
    deps=[dg.AssetKey(["raw", "kode_wilayah__desa"])],
    description=(
        "Harvests GET {base_url}/sdgs/searching/score-sdgs?location_code=CODE for every BPS village code "
        "of the crosswalk, one province per partition, into $DESA_DATA_DIR/harvest/kemendesa_sdgs. "
        "Calls the live API: not part of the default run."
    ),
)
def kemendesa_sdgs_harvest(
    context: dg.AssetExecutionContext,
    config: SdgsHarvestConfig,
    settings: DesaSettings,
    sdgs_api: SdgsApiResource,
) -> dg.MaterializeResult:
    province = context.partition_key
    report, archive, combined = run_province_harvest(settings, sdgs_api, province, refetch=config.refetch)
    for failure in report.failures[:20]:
        context.log.warning(f"{failure['url']}: {failure['reason']} after {failure['attempts']} attempts")
    return dg.MaterializeResult(
        metadata={
            "province_bps": province,
            "requested": report.requested,
            "skipped_existing": report.skipped_existing,
            "harvested": report.harvested,
            "failed": report.failed,
            "seconds": round(report.seconds, 1),
            "archive": dg.MetadataValue.path(str(archive)),
            "failures": dg.MetadataValue.path(str(failures_path(archive))),
            "combined_archive_lines": combined,
            "base_url": sdgs_api.base_url,
        }
    )
