"""SDGs Desa on the real archive: the platform's ingest + dbt build + publish, against plain DuckDB.

prepare: one full pipeline run on ../shared/data (crosswalk resolved, everything published), untimed.
pipeline: the SDGs assets again on that data dir: ingest the archive to raw Parquet (parsed again,
  not kept from `prepare`: reuse_ingest=False), `dbt build` of
  the SDGs models with their tests, the GX suites, and the atomic publish.
baseline: one DuckDB SQL script: read_json of the gzip archive, unnest the 18 goals, join to the
  resolved crosswalk (the published wilayah_crosswalk), write the goal and village tables as Parquet
  (goal scores partitioned by province).
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

from benchmarks.harness import Case

FIXED_COSTS = "fixed_costs.json"


def _data_dir(workdir: Path) -> Path:
    return workdir / "data"


def prepare(workdir: Path, shared: Path) -> dict:
    from tests.conftest import run_pipeline

    result = run_pipeline(_data_dir(workdir), landing_dir=shared)
    if not result.success:
        raise RuntimeError("full pipeline run on the real data failed")
    # Measured here, untimed, so that the pipeline side's seconds do not include the measurement.
    (workdir / FIXED_COSTS).write_text(json.dumps(fixed_costs()))
    return {}


def _startup_seconds(command: list[str], cwd: Path | None = None) -> float:
    import subprocess

    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, capture_output=True, check=False)
    return time.perf_counter() - started


def fixed_costs() -> dict:
    """Start-up that does not depend on the data: the code location's import (Dagster, dagster-dbt),
    one dbt invocation that builds nothing, and a Great Expectations context, each in a fresh process."""
    import sys

    from assets.transform.project import DBT_PROJECT_DIR, dbt_executable

    python = sys.executable
    return {
        "import_code_location_s": round(
            _startup_seconds([python, "-c", "import pipelines.definitions"], cwd=Path(__file__).parents[1]), 1
        ),
        "dbt_noop_s": round(
            _startup_seconds(
                [
                    dbt_executable(),
                    "build",
                    "--select",
                    "tag:__nothing__",
                    "--quiet",
                    "--project-dir",
                    str(DBT_PROJECT_DIR),
                    "--profiles-dir",
                    str(DBT_PROJECT_DIR),
                ]
            ),
            1,
        ),
        "gx_context_s": round(
            _startup_seconds(
                [python, "-c", "import great_expectations as gx; gx.get_context(mode='ephemeral')"]
            ),
            1,
        ),
    }


def pipeline(workdir: Path, shared: Path) -> dict:
    started = time.perf_counter()
    import dagster as dg

    from assets.common.settings import DesaSettings
    from assets.common.tags import HARVESTERS
    from pipelines.definitions import all_assets_and_checks, build_resources

    imported = time.perf_counter()
    # The prepared data dir has the same landing files: without reuse_ingest=False the ingest would keep
    # the raw tables of `prepare` and the case would not measure the ingest at all.
    settings = DesaSettings(data_dir=str(_data_dir(workdir)), landing_dir=str(shared), reuse_ingest=False)
    selection = (dg.AssetSelection.groups("sdgs") - HARVESTERS) | dg.AssetSelection.assets(
        ["publish", "release"]
    )
    result = dg.materialize(
        all_assets_and_checks(),
        resources=build_resources(settings),
        selection=selection,
        instance=dg.DagsterInstance.ephemeral(),
        raise_on_error=False,
    )
    finished = time.perf_counter()
    if not result.success:
        raise RuntimeError("SDGs pipeline run failed")
    steps: dict[str, float] = {}
    for event in result.all_events:
        if event.is_step_success and event.step_key:
            steps[event.step_key] = round(event.event_specific_data.duration_ms / 1000, 1)  # type: ignore[union-attr]
    ingest = sum(v for k, v in steps.items() if "kemendesa_sdgs" in k and "dbt" not in k)
    return {
        "import_s": round(imported - started, 1),
        "run_s": round(finished - imported, 1),
        "ingest_s": round(ingest, 1),
        "steps_s": steps,
        # measured apart (in `prepare`): what any run pays before touching the data
        "fixed": json.loads((workdir / FIXED_COSTS).read_text()) if (workdir / FIXED_COSTS).exists() else {},
    }


BASELINE_SQL = """
create table raw as
select * from read_json(
    '{archive}',
    format = 'newline_delimited',
    columns = {{
        location_code: 'varchar',
        response: 'struct(average varchar, data struct(goals integer, title varchar, image varchar,
                   score decimal(5, 2))[], total_desa integer)'
    }}
);
create table crosswalk as select kode_bps, kode_desa from read_parquet('{crosswalk}');
create table goal_scores as
with items as (select location_code as kode_bps, unnest(response.data) as item from raw)
select i.kode_bps, x.kode_desa, left(i.kode_bps, 2) as kode_provinsi_bps,
       i.item.goals as goal, i.item.score as score
from items as i left join crosswalk as x using (kode_bps);
create table village_scores as
select r.location_code as kode_bps, x.kode_desa, cast(r.response.average as decimal(5, 2)) as score_reported,
       cast(round(list_sum([d.score for d in r.response.data]) / 18, 2) as decimal(5, 2)) as score_recomputed
from raw as r left join crosswalk as x on x.kode_bps = r.location_code;
copy goal_scores to '{out}/goal_scores' (format parquet, compression zstd, partition_by (kode_provinsi_bps));
copy village_scores to '{out}/village_scores.parquet' (format parquet, compression zstd);
"""


def baseline(workdir: Path, shared: Path) -> dict:
    import duckdb

    out = workdir / "baseline_out"
    shutil.rmtree(out, ignore_errors=True)  # a reused work dir: COPY refuses a non-empty folder
    out.mkdir(parents=True)
    crosswalk = _data_dir(workdir) / "published" / "parquet" / "wilayah_crosswalk.parquet"
    sql = BASELINE_SQL.format(
        archive=shared / "kemendesa_sdgs" / "score-sdgs.jsonl.gz", crosswalk=crosswalk, out=out
    )
    with duckdb.connect() as connection:
        connection.execute("set preserve_insertion_order = false")
        connection.execute(sql)
        rows = connection.execute("select count(*) from goal_scores").fetchone()[0]  # type: ignore[index]
    return {"goal_rows": rows}


CASES = [
    Case(
        name="sdgs_real_archive",
        description="82,156 villages x 18 goals: ingest + dbt build + checks + publish vs one DuckDB script",
        pipeline=pipeline,
        baseline=baseline,
        prepare=prepare,
    )
]
