import json
from pathlib import Path

import duckdb
import pytest

from assets.common.provenance import Provenance
from assets.publish.package import DatasetKeys
from assets.publish.release import (
    PreviousRelease,
    PublishBlockedError,
    QualityGate,
    check_gates,
    data_origin,
    prune_releases,
    swap_published,
    write_release,
)
from assets.transform.project import PublishedModel
from assets.transform.warehouse import connect_read_only, table_fingerprint

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


def test_unchanged_datasets_are_taken_from_the_live_release(tmp_path: Path) -> None:
    """A dataset with the same rows, columns, key and partitioning is hard-linked from the live release;
    a changed one is written again; both releases read the same as a full publication would."""
    models = [
        _model("flat", ["id", "label"]),
        _model("parts", ["id", "part"], partition_by=["part"]),
        _model("unkeyed", ["a", "b"]),
    ]
    keys = {"flat": DatasetKeys(("id",)), "parts": DatasetKeys(("id",))}
    warehouse = _shuffled_warehouse(tmp_path / "w.duckdb", 1)
    published = tmp_path / "published"

    def publish(release: str, previous: PreviousRelease | None) -> Path:
        with connect_read_only(warehouse) as connection:
            fingerprints = {m.name: table_fingerprint(connection, "marts", m.name) for m in models}
        folder = write_release(
            warehouse=warehouse,
            releases_dir=tmp_path / "releases",
            release=release,
            models=models,
            provenance={},
            quality={},
            run_id=release,
            pipeline_version="test",
            keys=keys,
            fingerprints=fingerprints,
            previous=previous,
        )
        swap_published(published, folder)
        return folder

    first = publish("r1", None)
    assert PreviousRelease.of(tmp_path / "nowhere") is None
    with duckdb.connect(str(warehouse)) as connection:
        connection.execute("update marts.flat set label = 'changed' where id = 7")
    second = publish("r2", PreviousRelease.of(published))

    def inode(release: Path, name: str) -> int:
        return (release / "parquet" / name).stat().st_ino

    assert inode(first, "unkeyed.parquet") == inode(second, "unkeyed.parquet")
    part_files = sorted(p.relative_to(first) for p in (first / "parquet" / "parts").rglob("*.parquet"))
    assert len(part_files) == 3
    assert all((first / f).stat().st_ino == (second / f).stat().st_ino for f in part_files)
    assert inode(first, "flat.parquet") != inode(second, "flat.parquet")
    manifest = {d["name"]: d for d in json.loads((second / "manifest.json").read_text())["datasets"]}
    before = {d["name"]: d for d in json.loads((first / "manifest.json").read_text())["datasets"]}
    assert manifest["flat"]["content_hash"] != before["flat"]["content_hash"]
    assert manifest["parts"]["content_hash"] == before["parts"]["content_hash"]
    assert manifest["parts"]["files"] == before["parts"]["files"]
    with duckdb.connect(str(second / "desa.duckdb"), read_only=True) as connection:
        assert connection.execute("select label from flat where id = 7").fetchone() == ("changed",)
        ids = connection.execute("select id from parts").fetchall()
        assert ids == sorted(ids) and len(ids) == 300000
        assert connection.execute("select count(*) from unkeyed").fetchone() == (1000,)
    # The first release is untouched by the second.
    with duckdb.connect(str(first / "desa.duckdb"), read_only=True) as connection:
        assert connection.execute("select label from flat where id = 7").fetchone() != ("changed",)


def test_reuse_when_an_analyst_holds_the_live_database_read_write(tmp_path: Path) -> None:
    """The live database cannot be attached then: tables are sorted again, Parquet is still linked."""
    import subprocess
    import sys

    models = [_model("flat", ["id", "label"]), _model("unkeyed", ["a", "b"])]
    keys = {"flat": DatasetKeys(("id",))}
    warehouse = _shuffled_warehouse(tmp_path / "w.duckdb", 1)
    with connect_read_only(warehouse) as connection:
        fingerprints = {m.name: table_fingerprint(connection, "marts", m.name) for m in models}
    common = {
        "warehouse": warehouse,
        "releases_dir": tmp_path / "releases",
        "models": models,
        "provenance": {},
        "quality": {},
        "pipeline_version": "test",
        "keys": keys,
        "fingerprints": fingerprints,
    }
    first = write_release(release="r1", run_id="r1", **common)
    published = tmp_path / "published"
    swap_published(published, first)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('held', flush=True); input()",
            str(published / "desa.duckdb"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        second = write_release(release="r2", run_id="r2", previous=PreviousRelease.of(published), **common)
    finally:
        holder.communicate("\n")
    flat = Path("parquet") / "flat.parquet"
    assert (first / flat).stat().st_ino == (second / flat).stat().st_ino
    with duckdb.connect(str(second / "desa.duckdb"), read_only=True) as connection:
        ids = connection.execute("select id from flat").fetchall()
    assert len(ids) == 300000 and ids == sorted(ids)
