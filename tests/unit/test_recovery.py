"""Stale runs: found by their process, marked failed, their pool slots freed; live runs left alone.

Pins the Dagster instance methods `pipelines.recovery` relies on (not public API in Dagster 1.13).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest
from dagster._core.events import EngineEventData

from assets.transform.warehouse import DUCKDB_POOL
from pipelines import recovery
from tests.integration.run_command_jobs import defs

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def instance(tmp_path: Path) -> Iterator[dg.DagsterInstance]:
    shutil.copy(REPO / ".dagster_home" / "dagster.yaml", tmp_path / "dagster.yaml")
    with dg.DagsterInstance.from_config(str(tmp_path)) as instance:
        yield instance


def _dead_pid() -> int:
    finished = subprocess.Popen(["true"])
    finished.wait()
    return finished.pid


def _started_run(instance: dg.DagsterInstance, tags: dict[str, str] | None = None) -> dg.DagsterRun:
    job = defs.resolve_job_def("small")
    return instance.create_run_for_job(job, status=dg.DagsterRunStatus.STARTED, tags=tags or {})


def _hold_slot(instance: dg.DagsterInstance, run: dg.DagsterRun) -> None:
    storage = instance.event_log_storage
    storage.set_concurrency_slots(DUCKDB_POOL, 1)
    assert storage.claim_concurrency_slot(DUCKDB_POOL, run.run_id, "small_table").is_claimed
    assert recovery.pool_is_full(instance, DUCKDB_POOL)


def test_a_run_tagged_with_a_dead_pid_is_failed_and_its_slot_freed(instance: dg.DagsterInstance) -> None:
    run = _started_run(instance, recovery.process_tags(_dead_pid()))
    _hold_slot(instance, run)
    assert recovery.fail_stale_runs(instance) == [run.run_id]
    after = instance.get_run_by_id(run.run_id)
    assert after is not None and after.status == dg.DagsterRunStatus.FAILURE
    assert recovery.pool_holders(instance, DUCKDB_POOL) == []
    assert not recovery.pool_is_full(instance, DUCKDB_POOL)


def test_a_ui_launched_run_is_found_by_the_pid_its_worker_recorded(instance: dg.DagsterInstance) -> None:
    run = _started_run(instance)
    instance.report_engine_event("Started process for run", run, EngineEventData.in_process(_dead_pid()))
    _hold_slot(instance, run)
    assert recovery.fail_stale_runs(instance) == [run.run_id]
    assert recovery.pool_holders(instance, DUCKDB_POOL) == []


def test_live_runs_and_runs_without_a_known_process_are_left_alone(instance: dg.DagsterInstance) -> None:
    live = _started_run(instance, recovery.process_tags(os.getpid()))
    unknown = _started_run(instance)
    _hold_slot(instance, live)
    assert recovery.fail_stale_runs(instance) == []
    for run in (live, unknown):
        after = instance.get_run_by_id(run.run_id)
        assert after is not None and after.status == dg.DagsterRunStatus.STARTED
    assert recovery.pool_holders(instance, DUCKDB_POOL) == [(live.run_id, "small_table")]


def test_a_reused_pid_does_not_keep_a_dead_run_alive(instance: dg.DagsterInstance) -> None:
    # Our pid is alive, but the run was started by an earlier process with the same pid.
    run = _started_run(instance, {recovery.PID_TAG: str(os.getpid()), recovery.PID_START_TAG: "1"})
    assert recovery.fail_stale_runs(instance) == [run.run_id]


def test_waiting_for_a_live_holder_gives_up_after_the_timeout(instance: dg.DagsterInstance) -> None:
    live = _started_run(instance, recovery.process_tags(os.getpid()))
    _hold_slot(instance, live)
    said: list[str] = []
    with pytest.raises(recovery.PoolWaitTimeoutError):
        recovery.wait_for_pools(instance, [DUCKDB_POOL], timeout=0.5, say=said.append, poll=0.1)
    assert len(said) == 1 and live.run_id in said[0]


def test_a_slot_left_by_a_finished_run_is_freed(instance: dg.DagsterInstance) -> None:
    run = _started_run(instance, recovery.process_tags(os.getpid()))
    _hold_slot(instance, run)
    instance.report_run_failed(run, "finished without releasing its slot")
    recovery.fail_stale_runs(instance)
    assert recovery.pool_holders(instance, DUCKDB_POOL) == []
