"""`python -m pipelines.run`: a quiet console, a log file, and recovery from a killed run.

Each test runs the command in a subprocess against a temporary DAGSTER_HOME with the project's
instance settings (the `duckdb_warehouse` pool, limit 1), on the small jobs of
tests/integration/run_command_jobs.py.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import pytest
from dagster._core.events import DagsterEventType

from assets.transform.warehouse import DUCKDB_POOL

REPO = Path(__file__).resolve().parents[1]
JOBS = "tests.integration.run_command_jobs:defs"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(REPO / ".dagster_home" / "dagster.yaml", home / "dagster.yaml")
    return home


def _env(home: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "DAGSTER_HOME": str(home),
        "DESA_DATA_DIR": str(home.parent / "data"),
        "DESA_TEST_MARKER": str(home.parent / "holding"),
        "DESA_TEST_INGEST_MARKER": str(home.parent / "ingesting"),
        "DESA_TEST_GO": str(home.parent / "go"),
        **extra,
    }


def _command(job: str) -> list[str]:
    return [sys.executable, "-m", "pipelines.run", "--definitions", JOBS, "--job", job, "--no-summary"]


def _run(home: Path, job: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _command(job), cwd=REPO, env=_env(home, **extra), capture_output=True, text=True, timeout=300
    )


def _start(home: Path, job: str, marker: str, **extra: str) -> subprocess.Popen[str]:
    """Start a run of `job`; returns once its step has written `marker`."""
    process = subprocess.Popen(
        _command(job),
        cwd=REPO,
        env=_env(home, **extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 240
    while not (home.parent / marker).exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, f"the step of {job} did not start"
        time.sleep(0.2)
    return process


def _start_holder(home: Path) -> subprocess.Popen[str]:
    """A run whose step holds the pool slot; returns once the step is running."""
    return _start(home, "hold", "holding")


def _instance(home: Path) -> dg.DagsterInstance:
    return dg.DagsterInstance.from_config(str(home))


def _log_file(stdout: str) -> Path:
    """The log file the last console line names."""
    last = stdout.strip().splitlines()[-1]
    candidates = [Path(word) for word in last.split() if word.endswith(".log")]
    assert candidates, last
    return candidates[-1]


def test_one_line_per_step_and_the_log_file_has_the_rest(home: Path) -> None:
    completed = _run(home, "small")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    lines = completed.stdout.strip().splitlines()
    # a header, the step's start and end, the closing line
    assert len(lines) <= 4, completed.stdout
    assert sum("small_table" in line for line in lines) == 2
    assert any("3 rows" in line for line in lines)
    log = _log_file(completed.stdout)
    assert "RUN_SUCCESS" in log.read_text()
    with _instance(home) as instance:
        (record,) = instance.get_run_records()
        assert record.dagster_run.status == dg.DagsterRunStatus.SUCCESS


def test_a_new_dagster_home_gets_the_platform_instance_settings(tmp_path: Path) -> None:
    home = tmp_path / "new" / "dagster_home"  # does not exist yet: the user just named it
    completed = _run(home, "small")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert (home / "dagster.yaml").read_text() == (REPO / ".dagster_home" / "dagster.yaml").read_text()
    with _instance(home) as instance:
        assert instance.get_concurrency_config().pool_config.default_pool_limit == 1


def test_bad_input_is_one_line_naming_file_and_record_without_traceback(home: Path) -> None:
    completed = _run(home, "bad_input")
    assert completed.returncode == 1
    assert "Traceback" not in completed.stdout + completed.stderr
    failure = [line for line in completed.stdout.splitlines() if "bad_landing_file" in line][-1]
    assert "/landing/kode_wilayah/desa.csv" in failure and "line 7" in failure
    # the step downstream of the failure is accounted for
    assert "after_bad_file" in completed.stdout
    log = _log_file(completed.stdout)
    assert "DesaInputError" in log.read_text()
    assert "Stack Trace" in log.read_text() or "Traceback" in log.read_text()


def test_a_killed_run_is_marked_failed_and_frees_its_slot(home: Path) -> None:
    holder = _start_holder(home)
    with _instance(home) as instance:
        (stale,) = instance.get_run_records()
        assert stale.dagster_run.status == dg.DagsterRunStatus.STARTED
        assert instance.event_log_storage.get_concurrency_run_ids() == {stale.dagster_run.run_id}
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    killed = time.monotonic()
    # Without recovery the next run would wait for the slot: bound the wait so a regression fails.
    completed = _run(home, "small", DESA_POOL_WAIT_SECONDS="60")
    recovered = time.monotonic() - killed
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert stale.dagster_run.run_id in completed.stdout
    print(f"SIGKILL to the next successful run: {recovered:.1f} s")
    with _instance(home) as instance:
        run = instance.get_run_by_id(stale.dagster_run.run_id)
        assert run is not None and run.status == dg.DagsterRunStatus.FAILURE
        assert instance.event_log_storage.get_concurrency_run_ids() == set()
        assert not instance.event_log_storage.get_concurrency_info(DUCKDB_POOL).claimed_slots


def test_a_live_holder_is_named_and_waited_for_until_the_timeout(home: Path) -> None:
    holder = _start_holder(home)
    try:
        with _instance(home) as instance:
            (live,) = instance.get_run_records()
        completed = _run(home, "small", DESA_POOL_WAIT_SECONDS="3")
        assert completed.returncode == 1
        assert live.dagster_run.run_id in completed.stdout
        assert "Traceback" not in completed.stdout + completed.stderr
        with _instance(home) as instance:
            run = instance.get_run_by_id(live.dagster_run.run_id)
            assert run is not None and run.status == dg.DagsterRunStatus.STARTED
            # the waiting command created no run of its own
            assert len(instance.get_run_records()) == 1
    finally:
        holder.kill()
        holder.wait()


def test_a_holder_killed_while_a_run_waits_for_its_slot_is_recovered(home: Path) -> None:
    """The slot was free at launch, taken during the run's ingest, then its holder was killed."""
    waiting = _start(home, "ingest_then_pool", "ingesting")
    holder = _start_holder(home)
    with _instance(home) as instance:
        (held,) = instance.event_log_storage.get_concurrency_run_ids()
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    (home.parent / "go").write_text("")
    try:
        stdout, stderr = waiting.communicate(timeout=240)
    finally:
        waiting.kill()
    assert waiting.returncode == 0, stdout + stderr
    assert held in stdout
    with _instance(home) as instance:
        run = instance.get_run_by_id(held)
        assert run is not None and run.status == dg.DagsterRunStatus.FAILURE


def test_a_run_waiting_in_a_step_for_a_live_holder_gives_up_after_the_timeout(home: Path) -> None:
    """The slot was free at launch and taken during the run's ingest by a run that stays alive."""
    waiting = _start(home, "ingest_then_pool", "ingesting", DESA_POOL_WAIT_SECONDS="4")
    holder = _start_holder(home)
    try:
        with _instance(home) as instance:
            (held,) = instance.event_log_storage.get_concurrency_run_ids()
        (home.parent / "go").write_text("")
        stdout, stderr = waiting.communicate(timeout=240)
        assert waiting.returncode == 1, stdout + stderr
        assert held in stdout
        assert "Traceback" not in stdout
        with _instance(home) as instance:
            (gave_up,) = [r.dagster_run for r in instance.get_run_records() if r.dagster_run.run_id != held]
            assert gave_up.status == dg.DagsterRunStatus.FAILURE
            # the holder keeps its slot and runs on; the run that gave up claims nothing
            holder_run = instance.get_run_by_id(held)
            assert holder_run is not None and holder_run.status == dg.DagsterRunStatus.STARTED
            assert instance.event_log_storage.get_concurrency_run_ids() == {held}
            info = instance.event_log_storage.get_concurrency_info(DUCKDB_POOL)
            assert [slot.run_id for slot in info.claimed_slots] == [held]
            assert not [step for step in info.pending_steps if step.run_id == gave_up.run_id]
            # one failure on record, and the reason (the holder) in the run's own event log
            records = instance.get_records_for_run(gave_up.run_id).records
            events = [r.event_log_entry for r in records]
            failures = [e for e in events if e.dagster_event_type == DagsterEventType.RUN_FAILURE]
            assert len(failures) == 1
            assert any(held in (e.dagster_event.message or "") for e in events if e.dagster_event)
    finally:
        waiting.kill()
        holder.kill()
        holder.wait()
