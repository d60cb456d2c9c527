"""Build a release of the published datasets aside, then swap it in atomically.

Layout under $DESA_DATA_DIR:
    releases/<release_id>/      one complete release: parquet/, desa.duckdb, manifest.json,
                                datapackage.json, docs/, report/, index.html
    published -> releases/<id>  a symlink, replaced with one atomic rename

Readers following `published/` see either the old release or the new one, never a mix; a failed
or killed run leaves a `*.partial` folder that is never linked and is cleaned up by the next run.

Every table is published in the order of its primary key (every column where it has none), in the
analyst database and in its Parquet files: the same warehouse gives the same files, byte for byte.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from assets.common.provenance import Provenance, sha256_of
from assets.publish.package import (
    DatasetEntry,
    DatasetKeys,
    FieldEntry,
    FileEntry,
    PathScrubber,
    ReleaseDescription,
)
from assets.transform.project import PublishedModel

PARTIAL_SUFFIX = ".partial"
KEEP_RELEASES = 3
MANIFEST_NAME = "manifest.json"
DATAPACKAGE_NAME = "datapackage.json"
ANALYST_DB_NAME = "desa.duckdb"


class PublishBlockedError(RuntimeError):
    """A dataset may not be published (quality result missing, failed, or for other content)."""


@dataclass(frozen=True)
class QualityGate:
    dataset: str
    result: dict[str, Any] | None
    fingerprint: dict[str, Any]

    def problem(self) -> str | None:
        if self.result is None:
            return "no Great Expectations result: run its checks first"
        if not self.result.get("success"):
            failed = [f["type"] for f in self.result.get("failed_expectations", [])]
            return f"its Great Expectations suite failed ({', '.join(failed)})"
        if self.result.get("fingerprint") != self.fingerprint:
            return "the table changed since its checks passed: run its checks again"
        return None


def check_gates(gates: Sequence[QualityGate]) -> None:
    problems = [f"{g.dataset}: {p}" for g in gates if (p := g.problem())]
    if problems:
        raise PublishBlockedError("not publishing; " + "; ".join(problems))


def release_id(run_id: str, now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    return f"{now.strftime('%Y%m%dT%H%M%SZ')}-{run_id[:8]}"


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def order_by(primary_key: Sequence[str]) -> str:
    """The ORDER BY of a published table: its primary key, else every column (`all`), so that its
    rows come out in one order whatever order the warehouse holds them in."""
    return ", ".join(f'"{c}"' for c in primary_key) if primary_key else "all"


def _file_entry(path: Path, root: Path) -> FileEntry:
    relative = path.relative_to(root)
    partition = dict(part.split("=", 1) for part in relative.parts[:-1] if "=" in part)
    return FileEntry(relative.as_posix(), path.stat().st_size, sha256_of(path), partition)


def data_origin(provenances: Sequence[Provenance]) -> str:
    origins = {p.origin for p in provenances}
    if not origins:
        return "unknown"
    return origins.pop() if len(origins) == 1 else "mixed"


def remove_partials(releases_dir: Path) -> list[Path]:
    """Remove `*.partial` folders: releases a failed or killed publish never finished.

    Only the publish step writes releases, one at a time (pool `duckdb_warehouse`), so none of them
    belongs to a publish still running.
    """
    if not releases_dir.exists():
        return []
    stale = sorted(p for p in releases_dir.iterdir() if p.name.endswith(PARTIAL_SUFFIX))
    for path in stale:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    return stale


# Called with the release folder being built and its datasets; returns links to what it added
# (relative to the release), e.g. {"report": "report/index.html"}.
Decorator = Callable[[Path, Sequence[DatasetEntry]], Mapping[str, str]]


@dataclass(frozen=True)
class PreviousRelease:
    """The live release, whose unchanged datasets the next one takes as they are."""

    folder: Path
    datasets: dict[str, dict[str, Any]]  # name -> its manifest entry

    @classmethod
    def of(cls, published: Path) -> PreviousRelease | None:
        manifest = published / MANIFEST_NAME
        if not manifest.is_file() or not (published / ANALYST_DB_NAME).is_file():
            return None
        try:
            datasets = json.loads(manifest.read_text(encoding="utf-8"))["datasets"]
        except (OSError, ValueError, KeyError):
            return None
        return cls(published.resolve(), {d["name"]: d for d in datasets})

    def unchanged(
        self,
        model: PublishedModel,
        fingerprint: Mapping[str, Any] | None,
        types: Sequence[tuple[str, str]],
        primary_key: Sequence[str],
    ) -> dict[str, Any] | None:
        """The previous entry of `model` when its rows, columns, key and partitioning are the same."""
        entry = self.datasets.get(model.name)
        if entry is None or not fingerprint or not entry.get("content_hash"):
            return None
        try:
            schema = entry["schema"]
            same = (
                entry["content_hash"] == fingerprint["content_hash"]
                and entry["row_count"] == fingerprint["row_count"]
                and [(f["name"], f["type"]) for f in schema["fields"]] == list(types)
                and schema["primary_key"] == list(primary_key)
                and entry["partition_by"] == list(model.partition_by)
                and all((self.folder / f["path"]).is_file() for f in entry["files"])
            )
        except (KeyError, TypeError):  # a manifest of another layout: publish the dataset anew
            return None
        return entry if same else None


def _link_or_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)  # releases share the data folder: no bytes written
    except OSError:
        shutil.copy2(source, target)


def write_release(
    *,
    warehouse: Path,
    releases_dir: Path,
    release: str,
    models: Sequence[PublishedModel],
    provenance: Mapping[str, Sequence[Provenance]],
    quality: dict[str, dict[str, Any]],
    run_id: str,
    pipeline_version: str,
    keys: Mapping[str, DatasetKeys] | None = None,
    scrubber: PathScrubber | None = None,
    decorate: Decorator | None = None,
    fingerprints: Mapping[str, Mapping[str, Any]] | None = None,
    previous: PreviousRelease | None = None,
) -> Path:
    """Write parquet/, desa.duckdb, manifest.json and datapackage.json into releases/<release>.partial,
    let `decorate` add to it (docs, report), then rename it to releases/<release>.

    Given the tables' `fingerprints` and the `previous` (live) release, a dataset whose rows,
    columns, key and partitioning are unchanged is taken from it: its Parquet files hard-linked (the
    same bytes), its analyst table copied without sorting again.
    """
    remove_partials(releases_dir)
    partial = releases_dir / f"{release}{PARTIAL_SUFFIX}"
    (partial / "parquet").mkdir(parents=True)
    analyst_db = partial / ANALYST_DB_NAME
    keys = keys or {}
    fingerprints = fingerprints or {}
    scrubber = scrubber or PathScrubber(())
    datasets = []
    with duckdb.connect(str(analyst_db)) as connection:
        # The default, stated: COPY writes a table's rows in the order they were inserted.
        connection.execute("set preserve_insertion_order = true")
        connection.execute(f"attach {_sql_string(str(warehouse))} as warehouse (read_only)")
        previous_attached = False
        if previous is not None:
            previous_db = _sql_string(str(previous.folder / ANALYST_DB_NAME))
            try:
                connection.execute(f"attach {previous_db} as previous (read_only)")
                previous_attached = True
            except duckdb.IOException:
                # An analyst holds the live database read-write (a lock a publish never waits for):
                # unchanged tables are then sorted from the warehouse again; Parquet is still linked.
                pass
        for model in models:
            source = f'warehouse."{model.schema}"."{model.name}"'
            primary_key = keys.get(model.name, DatasetKeys()).primary_key
            fingerprint = fingerprints.get(model.name)
            kept = None
            if previous is not None:
                columns = connection.execute(f"describe {source}").fetchall()
                kept = previous.unchanged(model, fingerprint, [(c[0], c[1]) for c in columns], primary_key)
            if kept is not None and previous_attached:
                # Already in key order in the previous release's database.
                target_table = f'main."{model.name}"'
                connection.execute(f"create table {target_table} as select * from previous.{target_table}")
            else:
                # Rows in key order: the copies below keep the table's order, so two publications
                # of the same warehouse give the same files, row for row.
                order = order_by(primary_key)
                connection.execute(
                    f'create table main."{model.name}" as select * from {source} order by {order}'
                )
            connection.execute(f'comment on table main."{model.name}" is {_sql_string(model.description)}')
            for column, info in model.columns.items():
                connection.execute(
                    f'comment on column main."{model.name}"."{column}" is {_sql_string(info["description"])}'
                )
            rows = connection.execute(f'select count(*) from main."{model.name}"').fetchall()[0][0]
            if kept is not None:
                files = [partial / f["path"] for f in kept["files"]]
                for entry, target in zip(kept["files"], files, strict=True):
                    _link_or_copy(previous.folder / entry["path"], target)  # type: ignore[union-attr]
            elif model.partition_by:
                target = partial / "parquet" / model.name
                partition = ", ".join(f'"{c}"' for c in model.partition_by)
                # A partitioned COPY writes one file per thread into each folder, in the order the
                # threads get to the rows; with one thread it is one file in the table's order.
                connection.execute("set threads = 1")
                try:
                    connection.execute(
                        f'copy main."{model.name}" to {_sql_string(str(target))} '
                        f"(format parquet, compression zstd, partition_by ({partition}))"
                    )
                finally:
                    connection.execute("reset threads")
                files = sorted(p for p in target.rglob("*.parquet"))
            else:
                target = partial / "parquet" / f"{model.name}.parquet"
                connection.execute(
                    f'copy main."{model.name}" to {_sql_string(str(target))} '
                    "(format parquet, compression zstd)"
                )
                files = [target]
            sources = list(provenance.get(model.name, []))
            types = {
                name: data_type
                for _, name, data_type, *_ in connection.execute(
                    f"pragma table_info('main.\"{model.name}\"')"
                ).fetchall()
            }
            datasets.append(
                DatasetEntry(
                    name=model.name,
                    description=model.description,
                    data_origin=data_origin(sources),
                    row_count=int(rows),
                    partition_by=list(model.partition_by),
                    files=[_file_entry(f, partial) for f in files],
                    fields=[
                        FieldEntry(c, types.get(c, info["type"]), info["description"])
                        for c, info in model.columns.items()
                    ],
                    keys=keys.get(model.name, DatasetKeys()),
                    sources=[scrubber.provenance(p) for p in sources],
                    quality=quality.get(model.name, {}),
                    content_hash=str(fingerprint["content_hash"]) if fingerprint else "",
                )
            )
        # A table of contents for analysts: `select * from _datasets`.
        connection.execute(
            "create table main._datasets (name varchar, description varchar, row_count bigint, "
            "data_origin varchar, release_id varchar)"
        )
        connection.executemany(
            "insert into main._datasets values (?, ?, ?, ?, ?)",
            [(d.name, d.description, d.row_count, d.data_origin, release) for d in datasets],
        )
        connection.execute("detach warehouse")
        if previous_attached:
            connection.execute("detach previous")
    links = dict(decorate(partial, datasets)) if decorate else {}
    description = ReleaseDescription(
        release_id=release,
        run_id=run_id,
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        pipeline_version=pipeline_version,
        analyst_database=_file_entry(analyst_db, partial),
        datasets=datasets,
        links=links,
    )
    _write_json(partial / MANIFEST_NAME, description.manifest())
    _write_json(partial / DATAPACKAGE_NAME, description.datapackage())
    final = releases_dir / release
    os.replace(partial, final)
    return final


def _write_json(path: Path, content: Mapping[str, Any]) -> None:
    path.write_text(json.dumps(content, indent=2, ensure_ascii=False, default=str) + "\n")


def swap_published(published: Path, release_dir: Path) -> None:
    """Point `published` at `release_dir` with one atomic rename of a symlink."""
    published.parent.mkdir(parents=True, exist_ok=True)
    if published.exists() and not published.is_symlink():
        # A real folder from an older layout: keep it as a release rather than lose it.
        legacy = release_dir.parent / f"legacy-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}"
        os.replace(published, legacy)
    link = published.with_name(f".{published.name}.{os.getpid()}.tmp")
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(os.path.relpath(release_dir, published.parent))
    os.replace(link, published)


def prune_releases(releases_dir: Path, published: Path, keep: int = KEEP_RELEASES) -> list[Path]:
    """Remove leftover partial folders and all but the newest `keep` releases (never the live one)."""
    live = published.resolve() if published.is_symlink() else None
    removed = []
    entries = sorted(p for p in releases_dir.iterdir() if p.is_dir()) if releases_dir.exists() else []
    complete = [p for p in entries if not p.name.endswith(PARTIAL_SUFFIX)]
    for path in entries:
        stale_partial = path.name.endswith(PARTIAL_SUFFIX)
        old = path in complete[:-keep] if keep else True
        if (stale_partial or old) and path.resolve() != live:
            shutil.rmtree(path)
            removed.append(path)
    return removed
