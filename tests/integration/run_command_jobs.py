"""Small jobs for tests of `pipelines.run`: the command is job-agnostic, the full job takes minutes.

Steps use the real `duckdb_warehouse` pool so that slots are claimed as in the pipeline.
"""

import os
import time
from pathlib import Path

import dagster as dg

from assets.common.errors import DesaInputError
from assets.transform.warehouse import DUCKDB_POOL


@dg.asset(pool=DUCKDB_POOL)
def hold_slot() -> dg.MaterializeResult:
    """Holds the pool slot until killed (or DESA_TEST_HOLD_SECONDS): the step a test kills."""
    Path(os.environ["DESA_TEST_MARKER"]).write_text(str(os.getpid()))
    time.sleep(float(os.environ.get("DESA_TEST_HOLD_SECONDS", "600")))
    return dg.MaterializeResult(metadata={"dagster/row_count": 1})


@dg.asset(pool=DUCKDB_POOL)
def small_table() -> dg.MaterializeResult:
    return dg.MaterializeResult(metadata={"dagster/row_count": 3})


@dg.asset
def slow_ingest() -> dg.MaterializeResult:
    """No pool (like the ingest steps): waits for DESA_TEST_GO so a test can act in between."""
    Path(os.environ["DESA_TEST_INGEST_MARKER"]).write_text(str(os.getpid()))
    go = Path(os.environ["DESA_TEST_GO"])
    deadline = time.monotonic() + 240
    while not go.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    return dg.MaterializeResult(metadata={"dagster/row_count": 2})


@dg.asset(deps=[slow_ingest], pool=DUCKDB_POOL)
def after_ingest() -> dg.MaterializeResult:
    return dg.MaterializeResult(metadata={"dagster/row_count": 2})


@dg.asset
def bad_landing_file() -> None:
    raise DesaInputError("/landing/kode_wilayah/desa.csv", "line 7", "5 columns, expected 6")


@dg.asset(deps=[bad_landing_file], pool=DUCKDB_POOL)
def after_bad_file() -> None:
    pass


defs = dg.Definitions(
    assets=[hold_slot, small_table, slow_ingest, after_ingest, bad_landing_file, after_bad_file],
    jobs=[
        dg.define_asset_job("hold", selection=[hold_slot]),
        dg.define_asset_job("small", selection=[small_table]),
        dg.define_asset_job("ingest_then_pool", selection=[slow_ingest, after_ingest]),
        dg.define_asset_job("bad_input", selection=[bad_landing_file, after_bad_file]),
    ],
    executor=dg.in_process_executor,
)
