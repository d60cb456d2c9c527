import json
from pathlib import Path

import duckdb
import pytest

from assets.common.provenance import Provenance
from assets.publish.package import DatasetKeys
from assets.publish.release import (
    PublishBlockedError,
    QualityGate,
    check_gates,
    data_origin,
    prune_releases,
    swap_published,
    write_release,
)
from assets.transform.project import PublishedModel

FINGERPRINT = {"row_count": 2, "content_hash": "123"}


def test_gates_pass_only_on_the_validated_table() -> None:
    ok = {"success": True, "fingerprint": FINGERPRINT, "failed_expectations": []}
    check_gates([QualityGate("a", ok, FINGERPRINT)])
    with pytest.raises(PublishBlockedError, match="a: no Great Expectations result"):
        check_gates([QualityGate("a", None, FINGERPRINT)])
    failed = {**ok, "success": False, "failed_expectations": [{"type": "expect_x"}]}
    with pytest.raises(PublishBlockedError, match=r"b: its Great Expectations suite failed \(expect_x\)"):
        check_gates([QualityGate("b", failed, FINGERPRINT)])
    with pytest.raises(PublishBlockedError, match="c: the table changed since its checks passed"):
        check_gates([QualityGate("c", ok, {"row_count": 3, "content_hash": "9"})])


def test_data_origin() -> None:
    real = Provenance(source="a", origin="real")
    synthetic = Provenance(source="b", origin="synthetic")
    assert data_origin([real]) == "real"
    assert data_origin([synthetic, synthetic]) == "synthetic"
    assert data_origin([real, synthetic]) == "mixed"


def _warehouse(path: Path) -> Path:
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema marts")
        connection.execute(
            "create table marts.things as select range as id, 'p' || (range % 2) as part from range(10)"
        )
    return path


def test_release_swap_and_prune(tmp_path: Path) -> None:
    warehouse = _warehouse(tmp_path / "w.duckdb")
    model = PublishedModel(
        name="things",
        schema="marts",
        description="Things.",
        columns={
            "id": {"type": "bigint", "description": "Id."},
            "part": {"type": "varchar", "description": "Part."},
        },
        partition_by=["part"],
        sources=["src"],
        unique_id="model.desa.things",
    )
    releases, published = tmp_path / "releases", tmp_path / "published"
    provenance = {"things": [Provenance(source="src", origin="synthetic", generator="g/1")]}
    made = []
    for number in range(5):
        release = write_release(
            warehouse=warehouse,
            releases_dir=releases,
            release=f"r{number}",
            models=[model],
            provenance=provenance,
            quality={},
            run_id=f"run{number}",
            pipeline_version="test",
        )
        swap_published(published, release)
        made.append(release)
        prune_releases(releases, published, keep=3)
    assert published.is_symlink() and published.resolve() == made[-1]
    assert sorted(p.name for p in releases.iterdir()) == ["r2", "r3", "r4"]
    manifest = json.loads((published / "manifest.json").read_text())
    assert manifest["synthetic"] is True and "SYNTHETIC" in manifest["label"]
    dataset = manifest["datasets"][0]
    assert dataset["row_count"] == 10
    assert {f["path"] for f in dataset["files"]} == {
        "parquet/things/part=p0/data_0.parquet",
        "parquet/things/part=p1/data_0.parquet",
    }
    assert [f["description"] for f in dataset["schema"]["fields"]] == ["Id.", "Part."]
    with duckdb.connect(str(published / "desa.duckdb"), read_only=True) as connection:
        comment = connection.execute(
            "select comment from duckdb_columns() where table_name = 'things' and column_name = 'id'"
        ).fetchone()
        assert comment == ("Id.",)
        assert connection.execute("select count(*) from things").fetchone() == (10,)


def _model(name: str, columns: list[str], partition_by: list[str] | None = None) -> PublishedModel:
    return PublishedModel(
        name=name,
        schema="marts",
        description=f"{name}.",
        columns={c: {"type": "", "description": f"{c}."} for c in columns},
        partition_by=partition_by or [],
        sources=[],
        unique_id=f"model.desa.{name}",
    )


def _shuffled_warehouse(path: Path, seed: int) -> Path:
    """The same rows in an order of their own: as two dbt runs may leave them."""
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema marts")
        rows = f"from range(300000) order by hash(range + {seed})"  # several row groups
        connection.execute(
            f"create table marts.flat as select range as id, md5(range::varchar) as label {rows}"
        )
        connection.execute(
            f"create table marts.parts as select range as id, 'p' || (range % 3) as part {rows}"
        )
        connection.execute(
            "create table marts.unkeyed as select range % 5 as a, range % 7 as b "
            f"from range(1000) order by hash(range + {seed})"
        )
    return path


def test_publications_of_the_same_rows_give_identical_files_in_key_order(tmp_path: Path) -> None:
    models = [
        _model("flat", ["id", "label"]),
        _model("parts", ["id", "part"], partition_by=["part"]),
        _model("unkeyed", ["a", "b"]),
    ]
    keys = {"flat": DatasetKeys(("id",)), "parts": DatasetKeys(("id",))}
    files = []
    for seed in (1, 2):
        release = write_release(
            warehouse=_shuffled_warehouse(tmp_path / f"w{seed}.duckdb", seed),
            releases_dir=tmp_path / f"releases{seed}",
            release="r",
            models=models,
            provenance={},
            quality={},
            run_id="run",
            pipeline_version="test",
            keys=keys,
        )
        parquet = release / "parquet"
        files.append(
            {str(f.relative_to(parquet)): f.read_bytes() for f in sorted(parquet.rglob("*.parquet"))}
        )
        with duckdb.connect(str(release / "desa.duckdb"), read_only=True) as connection:
            for table, order in [("flat", "id"), ("parts", "id"), ("unkeyed", "a, b")]:
                stored = connection.execute(f"select {order} from {table}").fetchall()
                assert stored == sorted(stored), table
    assert files[0] == files[1]
    assert len(files[0]) == 5  # flat, unkeyed and one file per part
    for name in files[0]:
        path = tmp_path / "releases1" / "r" / "parquet" / name
        order = "a, b" if name.startswith("unkeyed") else "id"
        rows = duckdb.sql(f"select {order} from read_parquet('{path}')").fetchall()
        assert rows == sorted(rows), name


def test_partial_release_is_never_linked_and_is_cleaned(tmp_path: Path) -> None:
    releases, published = tmp_path / "releases", tmp_path / "published"
    (releases / "good").mkdir(parents=True)
    swap_published(published, releases / "good")
    (releases / "crashed.partial").mkdir()
    prune_releases(releases, published)
    assert not (releases / "crashed.partial").exists()
    assert published.readlink() == Path("releases") / "good"


def test_a_real_published_folder_is_kept_as_a_release(tmp_path: Path) -> None:
    published = tmp_path / "published"
    published.mkdir()
    (published / "old.txt").write_text("old")
    (tmp_path / "releases" / "new").mkdir(parents=True)
    swap_published(published, tmp_path / "releases" / "new")
    legacy = [p for p in (tmp_path / "releases").iterdir() if p.name.startswith("legacy-")]
    assert len(legacy) == 1 and (legacy[0] / "old.txt").read_text() == "old"
