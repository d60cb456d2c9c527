"""Runs whose process died, and the pool slots they hold.

A run killed with `kill -9` (or an out-of-memory kill, or a closed laptop) stays STARTED in the
instance, holding its `duckdb_warehouse` slot: every later run would wait for it forever. Before a run
starts, `pipelines.run` marks such runs failed and frees their slots. A run is stale when the process
that executes it is gone: `pipelines.run` tags its runs with its pid and the process start time (pids
are reused), and runs launched from the UI record their worker's pid in an engine event.

This uses instance methods that Dagster documents only for its own daemons
(`event_log_storage.get_concurrency_info`, `free_concurrency_slots_for_run`); tests/test_run_command.py
pins their behaviour on the locked Dagster version.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
from dagster._core.events import DagsterEventType
from dagster._core.storage.dagster_run import FINISHED_STATUSES, DagsterRunStatus, RunsFilter

PID_TAG = "desa/pid"
PID_START_TAG = "desa/pid_start"
ACTIVE_STATUSES = [DagsterRunStatus.STARTING, DagsterRunStatus.STARTED, DagsterRunStatus.CANCELING]
POOL_WAIT_ENV = "DESA_POOL_WAIT_SECONDS"
DEFAULT_POOL_WAIT_SECONDS = 3600.0
POOL_POLL_SECONDS = 2.0


class PoolWaitTimeoutError(RuntimeError):
    """A live run held the pool for longer than DESA_POOL_WAIT_SECONDS."""


def process_start_ticks(pid: int) -> str | None:
    """When the process started (clock ticks since boot, /proc/<pid>/stat field 22); None off Linux."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may contain spaces: count after the last one.
    return stat.rsplit(")", 1)[1].split()[19]


def process_tags(pid: int | None = None) -> dict[str, str]:
    """Tags that let a later command tell whether this process still executes the run."""
    pid = os.getpid() if pid is None else pid
    start = process_start_ticks(pid)
    return {PID_TAG: str(pid), **({PID_START_TAG: start} if start else {})}


def process_alive(pid: int, start_ticks: str | None = None) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by another user
    if start_ticks is not None:
        current = process_start_ticks(pid)
        # A different start time means the pid was reused by another process.
        return current is None or current == start_ticks
    return True


@dataclass(frozen=True)
class RunProcess:
    pid: int
    start_ticks: str | None


def run_process(instance: dg.DagsterInstance, run: dg.DagsterRun) -> RunProcess | None:
    """The process executing a run: our pid tags, else the worker pid Dagster's launcher records."""
    if PID_TAG in run.tags:
        return RunProcess(int(run.tags[PID_TAG]), run.tags.get(PID_START_TAG))
    records = instance.get_records_for_run(
        run.run_id, of_type=DagsterEventType.ENGINE_EVENT, limit=20
    ).records
    for record in records:
        event = record.event_log_entry.dagster_event
        data = event.event_specific_data if event else None
        pid = getattr(data, "metadata", {}).get("pid") if data is not None else None
        if pid is not None and str(pid.value).isdigit():
            return RunProcess(int(pid.value), None)
    return None


def is_stale(instance: dg.DagsterInstance, run: dg.DagsterRun) -> bool:
    """An unfinished run whose process is gone. A run with no known process is left alone."""
    process = run_process(instance, run)
    return process is not None and not process_alive(process.pid, process.start_ticks)


def fail_stale_runs(instance: dg.DagsterInstance) -> list[str]:
    """Mark runs whose process died as failed and free their pool slots; returns their run ids.

    Slots still held by finished runs (a process killed between the end of the run and the release
    of the slot) are freed too.
    """
    failed = []
    for record in instance.get_run_records(RunsFilter(statuses=ACTIVE_STATUSES)):
        run = record.dagster_run
        if not is_stale(instance, run):
            continue
        process = run_process(instance, run)
        instance.report_run_failed(
            run,
            f"Marked failed by pipelines.run: its process (pid {process.pid if process else '?'}) "
            "is gone (killed or crashed); its pool slots were freed.",
        )
        instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
        failed.append(run.run_id)
    storage = instance.event_log_storage
    if storage.supports_global_concurrency_limits:
        holders = storage.get_concurrency_run_ids()
        if holders:
            for record in instance.get_run_records(RunsFilter(run_ids=list(holders))):
                if record.dagster_run.status in FINISHED_STATUSES:
                    storage.free_concurrency_slots_for_run(record.dagster_run.run_id)
    return failed


def pool_holders(instance: dg.DagsterInstance, pool: str) -> list[tuple[str, str]]:
    """(run id, step) of every claimed slot of a pool."""
    storage = instance.event_log_storage
    if not storage.supports_global_concurrency_limits:
        return []
    info = storage.get_concurrency_info(pool)
    return [(slot.run_id, slot.step_key) for slot in info.claimed_slots]


def pool_is_full(instance: dg.DagsterInstance, pool: str) -> bool:
    storage = instance.event_log_storage
    if not storage.supports_global_concurrency_limits:
        return False
    info = storage.get_concurrency_info(pool)
    limit = info.limit if info.limit is not None else info.slot_count
    return bool(limit) and len(info.claimed_slots) >= limit


def pool_wait_seconds() -> float:
    value = os.environ.get(POOL_WAIT_ENV, "")
    try:
        return float(value) if value.strip() else DEFAULT_POOL_WAIT_SECONDS
    except ValueError as error:
        raise ValueError(f"{POOL_WAIT_ENV}={value!r} is not a number of seconds") from error


def wait_for_pools(
    instance: dg.DagsterInstance,
    pools: Iterable[str],
    timeout: float,
    say: Callable[[str], None],
    poll: float = POOL_POLL_SECONDS,
) -> None:
    """Wait until no pool the job uses is full, failing stale holders as they die; raise after timeout."""
    deadline = time.monotonic() + timeout
    announced: set[tuple[str, str]] = set()
    for pool in sorted(set(pools)):
        while pool_is_full(instance, pool):
            for run_id in fail_stale_runs(instance):
                say(f"run {run_id} had died holding a slot: marked failed, slot freed")
            if not pool_is_full(instance, pool):
                break
            for run_id, step in pool_holders(instance, pool):
                if (run_id, step) not in announced:
                    announced.add((run_id, step))
                    run = instance.get_run_by_id(run_id)
                    process = run_process(instance, run) if run is not None else None
                    where = f", pid {process.pid}" if process is not None else ""
                    say(
                        f"waiting: pool {pool} is held by run {run_id} (step {step}{where}), still "
                        f"running; terminate it in the UI, or stop its process and "
                        f"`dagster run delete {run_id}`; giving up after {timeout:g} s ({POOL_WAIT_ENV})"
                    )
            if time.monotonic() >= deadline:
                holders = ", ".join(run_id for run_id, _ in pool_holders(instance, pool))
                raise PoolWaitTimeoutError(
                    f"pool {pool} still held by run {holders} after {timeout:g} s ({POOL_WAIT_ENV})"
                )
            time.sleep(poll)
