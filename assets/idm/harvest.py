"""Harvesting the IDM API (`/open/api/desa/rumusan/{kode_desa}/{tahun}`), partitioned by year and province.

The behaviour is the shared one of `assets.common.harvest` (the `harvest_api` resource, bounded
concurrency, retries with backoff, resume, failures in `.failures.jsonl` and the metadata, partition
archives joined into the landing file); this module only says which items to fetch and what a good
body looks like.

Each partition writes its own archive under `$DESA_DATA_DIR/harvest/kemendesa_idm/` (the landing dir is
never written to): `idm-rumusan-<tahun>-<provinsi>.jsonl.gz` plus `.failures.jsonl`. After each
partition they are joined into `harvest/kemendesa_idm/idm-rumusan.jsonl.gz`, the landing file
`kemendesa_idm/idm-rumusan.jsonl.gz`.
"""

from collections.abc import Iterable, Sequence
from pathlib import Path

import dagster as dg
import httpx

from assets.common.harvest import (
    MASTER_PROVINCES,
    HarvestApi,
    HarvestItem,
    HarvestReport,
    HarvestSettings,
    PartitionPlan,
    harvest,
    harvest_asset,
    harvest_dir,
    require_master_province,
)
from assets.common.settings import DesaSettings
from assets.idm.parsing import YEARS, api_shape_problem
from assets.wilayah.master import load_master_regions

SOURCE = "kemendesa_idm"
LANDING_NAME = "idm-rumusan.jsonl.gz"
DEFAULT_BASE_URL = HarvestApi().idm_base_url
KEY_FIELDS = ("kode_desa", "tahun")
# Static (importing the code location reads no data); a test keeps it equal to the master's provinces.
PROVINCES = list(MASTER_PROVINCES)

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
    code equals IDENTITAS.id_desa on every line). Read at run time.
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


def partition_plan(
    partition: str | dg.MultiPartitionKey, settings: DesaSettings, api: HarvestApi
) -> PartitionPlan:
    keys = partition.keys_by_dimension if isinstance(partition, dg.MultiPartitionKey) else {}
    tahun, provinsi = int(keys["tahun"]), keys["provinsi"]
    require_master_province(provinsi)
    directory = harvest_dir(settings, SOURCE)
    return PartitionPlan(
        items=harvest_items(api.idm_base_url, village_codes(provinsi), tahun),
        archive=archive_path(directory, tahun, provinsi),
        partition_archives="idm-rumusan-*-*.jsonl.gz",
        landing=directory / LANDING_NAME,
        key_fields=KEY_FIELDS,
        check_shape=check_shape,
    )


kemendesa_idm_harvest = harvest_asset(
    key=["harvest", "kemendesa_idm__rumusan"],
    group="idm",
    partitions_def=partitions,
    plan=partition_plan,
    description=(
        "Harvests GET {idm_base_url}/open/api/desa/rumusan/{kode_desa}/{tahun} for the desa of one province "
        "and year into a resumable archive (gzip JSON lines, the ../shared/data format), then joins "
        "every partition archive into harvest/kemendesa_idm/idm-rumusan.jsonl.gz. Hits the internet: "
        "not part of desa_full_refresh; run it with the idm_harvest job."
    ),
)
