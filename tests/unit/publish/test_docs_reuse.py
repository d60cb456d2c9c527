"""dbt docs are generated again only when what they are generated from changed."""

import subprocess
from pathlib import Path

import duckdb
import pytest

from assets.publish import docs
from assets.publish.docs import DBT_DOCS_FILES, DOCS_SOURCE_HASH, dbt_docs_source_hash, generate_dbt_docs
from assets.publish.package import PathScrubber

VARS = {"data_dir": "$DESA_DATA_DIR", "warehouse_path": "w.duckdb"}


def _warehouse(path: Path) -> Path:
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema marts")
        connection.execute("create table marts.a (kode varchar, nilai integer)")
        connection.execute("create view marts.v as select kode from marts.a")
    return path


def test_the_source_hash_follows_the_catalog_and_not_the_rows(tmp_path: Path) -> None:
    warehouse = _warehouse(tmp_path / "w.duckdb")
    scrubber = PathScrubber(())
    first = dbt_docs_source_hash(warehouse, VARS, scrubber)
    with duckdb.connect(str(warehouse)) as connection:
        connection.execute("insert into marts.a values ('11', 1)")  # rows: not in the docs
    assert dbt_docs_source_hash(warehouse, VARS, scrubber) == first
    with duckdb.connect(str(warehouse)) as connection:
        connection.execute("comment on column marts.a.nilai is 'the score'")
    commented = dbt_docs_source_hash(warehouse, VARS, scrubber)
    assert commented != first
    with duckdb.connect(str(warehouse)) as connection:
        connection.execute("alter table marts.a alter nilai type bigint")
    assert dbt_docs_source_hash(warehouse, VARS, scrubber) not in (first, commented)
    assert dbt_docs_source_hash(warehouse, {**VARS, "data_dir": "/elsewhere"}, scrubber) != first


def test_docs_of_the_same_sources_are_copied_without_running_dbt(tmp_path: Path, monkeypatch) -> None:
    warehouse = _warehouse(tmp_path / "w.duckdb")
    scrubber = PathScrubber(())
    previous = tmp_path / "previous"
    previous.mkdir()
    for name in DBT_DOCS_FILES:
        (previous / name).write_text(f"docs {name}")
    source_hash = dbt_docs_source_hash(warehouse, {**VARS, "warehouse_path": str(warehouse)}, scrubber)
    (previous / DOCS_SOURCE_HASH).write_text(source_hash + "\n")

    def no_dbt(*args, **kwargs):
        raise AssertionError("dbt ran")

    monkeypatch.setattr(subprocess, "run", no_dbt)
    links = generate_dbt_docs(tmp_path / "new", warehouse, scrubber, previous=previous)
    assert links == {"dbt_docs": f"{docs.DBT_DOCS_DIR}/static_index.html"}
    for name in DBT_DOCS_FILES:
        assert (tmp_path / "new" / name).read_text() == f"docs {name}"
    # Recorded from other sources: dbt runs.
    (previous / DOCS_SOURCE_HASH).write_text("0" * 64 + "\n")
    with pytest.raises(AssertionError, match="dbt ran"):
        generate_dbt_docs(tmp_path / "newer", warehouse, scrubber, previous=previous)
