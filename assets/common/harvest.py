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
"""

from __future__ import annotations

import asyncio
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

import httpx

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
