"""Run a job from the command line: `python -m pipelines.run [--job desa_full_refresh]` (`make run`).

The run goes into the persistent instance in $DAGSTER_HOME, so it shows in the UI and the
`duckdb_warehouse` pool applies across runs. The console gets one line when a step starts and one when
it finishes (rows written, seconds) or fails (the error in one line: file, record and problem for bad
input), then what was published. Everything else (Dagster's event log at DEBUG, dbt's output,
warnings, tracebacks) goes to `$DESA_DATA_DIR/logs/<time>-<job>.log`, named on the last line.

Before the run starts, runs whose process died are marked failed and their pool slots freed
(`pipelines.recovery`); a pool held by a live run is waited for, up to $DESA_POOL_WAIT_SECONDS. If
another run takes the slot during this run (the ingest steps need none), the step waits in Dagster;
the console names the holder, a holder that dies is freed, and after $DESA_POOL_WAIT_SECONDS of
waiting the run is given up: marked failed, its pending claim dropped, the holder left running.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
import traceback
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import IO

import dagster as dg
from dagster._core.definitions.reconstruct import ReconstructableJob, ReconstructableRepository
from dagster._core.events import DagsterEvent, DagsterEventType, EngineEventData
from dagster._core.execution.api import execute_run_iterator
from dagster._core.execution.plan import active as active_plan
from dagster._core.storage.dagster_run import FINISHED_STATUSES
from dagster._utils.error import SerializableErrorInfo

from assets.common.settings import DesaSettings
from pipelines import recovery

DEFAULT_JOB = "desa_full_refresh"
DEFAULT_DEFINITIONS = "pipelines.definitions:defs"
LOG_FILE_TAG = "desa/log_file"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m pipelines.run", description=__doc__.split("\n")[0])
    parser.add_argument("--job", default=DEFAULT_JOB, help=f"job to run (default {DEFAULT_JOB})")
    parser.add_argument(
        "--definitions",
        default=DEFAULT_DEFINITIONS,
        help="module:attribute of the Definitions (default: the code location)",
    )
    parser.add_argument("--no-summary", action="store_true", help="skip the summary of what is published")
    return parser.parse_args(argv)


def one_line(text: str | None, limit: int = 1000) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def user_error(error: SerializableErrorInfo | None) -> SerializableErrorInfo | None:
    """The exception user code raised, under Dagster's "Error occurred while executing" wrappers."""
    while error is not None and error.cause is not None:
        error = error.cause
    return error


def failure_line(event: DagsterEvent) -> str:
    data = event.step_failure_data
    if data.user_failure_data is not None and data.user_failure_data.description:
        return one_line(data.user_failure_data.description)  # dg.Failure(description=...)
    error = user_error(data.error)
    if error is None:
        return one_line(event.message)
    # SerializableErrorInfo.message is "module.Class: text"; DesaInputError's text is "file, record:
    # problem", which is what the engineer needs; other errors keep their class name.
    message = error.message.strip()
    prefix = f"{error.cls_name}: "
    for candidate in (prefix, f"assets.common.errors.{prefix}"):
        if error.cls_name == "DesaInputError" and message.startswith(candidate):
            message = message[len(candidate) :]
    return one_line(message)


def row_count(event: DagsterEvent) -> int | None:
    metadata = event.step_materialization_data.materialization.metadata
    value = metadata.get("dagster/row_count")
    return int(value.value) if value is not None and value.value is not None else None  # type: ignore[arg-type]


class StepReporter:
    """Turns the run's events into console lines: a step's start, and its end."""

    def __init__(
        self,
        say: Callable[[str], None],
        instance: dg.DagsterInstance,
        run_id: str,
        pool_wait_seconds: float = recovery.DEFAULT_POOL_WAIT_SECONDS,
    ) -> None:
        self.say = say
        self.instance = instance
        self.run_id = run_id
        self.pool_wait_seconds = pool_wait_seconds
        self.blocked_since: dict[str, float] = {}  # step -> when it was first blocked by a pool
        self.announced: dict[str, str] = {}  # step -> the holders last named on the console
        self.gave_up: str | None = None  # set when a step waited for its pool longer than allowed
        self.rows: dict[str, int] = defaultdict(int)
        self.tables: dict[str, int] = defaultdict(int)
        self.origins: dict[str, str] = {}
        self.kept_from: dict[str, str] = {}  # ingest steps that kept the raw tables of an earlier run
        self.started_steps: set[str] = set()
        self.failed_steps: list[str] = []
        self.run_failure: str | None = None

    def __call__(self, event: DagsterEvent) -> None:
        step = event.step_key or ""
        kind = event.event_type
        if kind == DagsterEventType.STEP_START:
            self.started_steps.add(step)
            self.say(f"started   {step}")
        elif kind == DagsterEventType.ASSET_MATERIALIZATION:
            materialization = event.step_materialization_data.materialization
            if materialization.asset_key.path[0] == "landing":
                # The landing step says where a source's files came from: real, or generated.
                origins = materialization.metadata.get("origins")
                parts = origins.value if origins is not None else {}
                self.origins[step] = ", ".join(f"{part} {o.upper()}" for part, o in parts.items())  # type: ignore[union-attr]
            kept = materialization.metadata.get("reused_from_run")
            if kept is not None:
                self.kept_from[step] = str(kept.value)
            rows = row_count(event)
            if rows is not None:
                self.rows[step] += rows
                self.tables[step] += 1
        elif kind == DagsterEventType.STEP_SUCCESS:
            seconds = event.step_success_data.duration_ms / 1000
            written = ""
            if self.tables[step]:
                tables = f" in {self.tables[step]} tables" if self.tables[step] > 1 else ""
                written = f"{self.rows[step]:,} rows{tables}, "
            if step in self.origins:
                written = f"{self.origins[step]}, "
            if step in self.kept_from:
                written += f"inputs unchanged, kept from run {self.kept_from[step][:8]}, "
            self.say(f"finished  {step}: {written}{seconds:.1f} s")
        elif kind == DagsterEventType.STEP_FAILURE:
            self.failed_steps.append(step)
            self.say(f"FAILED    {step}: {failure_line(event)}")
        elif kind == DagsterEventType.STEP_SKIPPED:
            self.say(f"skipped   {step}: an upstream step failed")
        elif (
            kind == DagsterEventType.ENGINE_EVENT
            and step
            and isinstance(event.event_specific_data, EngineEventData)
            and "pool" in event.event_specific_data.metadata
        ):
            # Dagster's "step blocked by limit for pool" (another run took the slot since this run
            # started), repeated every `blocked_event_seconds` while the step waits.
            pool = str(event.event_specific_data.metadata["pool"].value)
            since = self.blocked_since.setdefault(step, time.monotonic())
            # A holder that died since this run started would block it forever; Dagster retries the
            # claim once the slot is freed.
            for run_id in recovery.fail_stale_runs(self.instance):
                self.say(f"run {run_id} had died holding a slot: marked failed, slot freed")
            holders = ", ".join(
                run_id for run_id, _ in recovery.pool_holders(self.instance, pool) if run_id != self.run_id
            )
            waited = time.monotonic() - since
            if waited >= self.pool_wait_seconds:
                self.gave_up = (
                    f"{step} waited {waited:.0f} s for pool {pool}, held by run {holders or '?'}: gave up "
                    f"({recovery.POOL_WAIT_ENV}={self.pool_wait_seconds:g})"
                )
            elif self.announced.get(step) != holders:
                self.announced[step] = holders
                self.say(
                    f"waiting   {step}: pool {pool} is held by run {holders or '?'}; cancel it in the UI or "
                    f"with `dagster run delete <run id>`; giving up after {self.pool_wait_seconds:g} s "
                    f"({recovery.POOL_WAIT_ENV})"
                )
        elif kind == DagsterEventType.RUN_FAILURE:
            self.run_failure = one_line(event.message)


@contextlib.contextmanager
def output_to(log_file: IO[str]) -> Iterator[IO[str]]:
    """Send fds 1 and 2 (this process and its children: dbt) to the log; yield the real console."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved_out, saved_err = os.dup(1), os.dup(2)
    console = os.fdopen(os.dup(saved_out), "w", buffering=1)
    os.dup2(log_file.fileno(), 1)
    os.dup2(log_file.fileno(), 2)
    try:
        yield console
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved_out, 1)
        os.dup2(saved_err, 2)
        os.close(saved_out)
        os.close(saved_err)
        console.close()


def blocked_event_seconds(wait_seconds: float) -> int:
    """How often a step blocked by its pool is reported: a tenth of the allowed wait, 2 s to 5 min."""
    return int(min(300, max(2, wait_seconds // 10)))


def job_pools(job: dg.JobDefinition) -> set[str]:
    return set(job.graph.pools)


def recon_job(definitions: str, job_name: str) -> ReconstructableJob:
    module, _, attribute = definitions.partition(":")
    repository = ReconstructableRepository.for_module(module, attribute or "defs", str(Path.cwd()))
    return repository.get_reconstructable_job(job_name)


# The instance settings the platform relies on (the one-writer pool, run monitoring), in the repo.
INSTANCE_TEMPLATE = Path(__file__).resolve().parents[1] / ".dagster_home" / "dagster.yaml"


def ensure_dagster_home(say: Callable[[str], None]) -> None:
    """A $DAGSTER_HOME that does not exist yet is made, with the repo's instance settings.

    Without them the `duckdb_warehouse` pool has no limit and two steps could open the working file
    for writing at once; an existing dagster.yaml is the user's and is left alone.
    """
    home = os.environ.get("DAGSTER_HOME")
    if not home:
        return
    settings = Path(home) / "dagster.yaml"
    if settings.exists():
        return
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(INSTANCE_TEMPLATE.read_text())
    say(f"new Dagster instance in {home}: settings copied from {INSTANCE_TEMPLATE}")


def execute(args: argparse.Namespace, say: Callable[[str], None], log_path: Path) -> tuple[int, str | None]:
    """Recover, wait for the pools, run; returns (exit code, run id)."""
    ensure_dagster_home(say)
    instance = dg.DagsterInstance.get()
    with instance:
        for run_id in recovery.fail_stale_runs(instance):
            say(f"run {run_id} had died (process gone): marked failed, its pool slots freed")
        job = recon_job(args.definitions, args.job)
        job_def = job.get_definition()
        recovery.wait_for_pools(instance, job_pools(job_def), recovery.pool_wait_seconds(), say)
        run = instance.create_run_for_job(
            job_def=job_def,
            tags={**recovery.process_tags(), LOG_FILE_TAG: str(log_path)},
            job_code_origin=job.get_python_origin(),
        )
        say(f"run {run.run_id} of {args.job}: one line per step; full log in {log_path}")
        wait_seconds = recovery.pool_wait_seconds()
        reporter = StepReporter(say, instance, run.run_id, wait_seconds)
        # Dagster says a step is still blocked by its pool every 5 minutes (a module constant; a
        # rename shows as the give-up test waiting forever); the wait is measured on those events, so
        # they must come often enough to give up on time.
        active_plan.CONCURRENCY_CLAIM_MESSAGE_INTERVAL = blocked_event_seconds(wait_seconds)
        events = iter(execute_run_iterator(job, run, instance))
        try:
            for event in events:
                reporter(event)
                if reporter.gave_up:
                    # In the event log before Dagster's own record of the close (a GeneratorExit).
                    instance.report_engine_event(f"pipelines.run gave the run up: {reporter.gave_up}", run)
                    break
        finally:
            # Closing the execution unwinds its plan loop: the step's pending pool claim is dropped
            # and Dagster marks the run failed.
            close = getattr(events, "close", None)
            if close is not None:
                close()
        if reporter.gave_up:
            final = instance.get_run_by_id(run.run_id)
            if final is not None and final.status not in FINISHED_STATUSES:
                instance.report_run_failed(run, f"Gave up by pipelines.run: {reporter.gave_up}")
            say(f"FAILED    {args.job}: {reporter.gave_up}")
            return 1, run.run_id
        final = instance.get_run_by_id(run.run_id)
        if final is not None and final.status == dg.DagsterRunStatus.SUCCESS:
            return 0, run.run_id
        # Steps downstream of a failure are not executed and get no event of their own.
        plan = instance.get_execution_plan_snapshot(run.execution_plan_snapshot_id or "")
        not_run = sorted(set(plan.step_keys_to_execute) - reporter.started_steps)
        if not_run:
            say(f"not run   {', '.join(not_run)}: upstream failed")
        if not reporter.failed_steps and reporter.run_failure:
            say(f"FAILED    {args.job}: {reporter.run_failure}")
        return 1, run.run_id


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    data_dir = DesaSettings.from_env().data_path
    log_path = data_dir / "logs" / f"{datetime.now():%Y%m%d-%H%M%S}-{args.job}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    code: int
    with log_path.open("a", buffering=1) as log_file, output_to(log_file) as console:

        def say(line: str) -> None:
            stamp = f"{datetime.now():%H:%M:%S}"
            console.write(f"{stamp}  {line}\n")
            log_file.write(f"{stamp}  [console] {line}\n")

        try:
            code, _ = execute(args, say, log_path)
        except KeyboardInterrupt:
            traceback.print_exc()
            say("interrupted")
            code = 130
        except Exception as error:  # the console gets one line; the traceback goes to the log
            traceback.print_exc()
            say(f"FAILED    {args.job}: {one_line(str(error)) or type(error).__name__}")
            code = 1
        elapsed = time.monotonic() - started
        if code == 0:
            say(f"{args.job} succeeded in {elapsed:.0f} s; log: {log_path}")
        else:
            say(f"{args.job} failed after {elapsed:.0f} s; full log and tracebacks: {log_path}")
    if code == 0 and not args.no_summary:
        from pipelines import summary

        return summary.main()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
