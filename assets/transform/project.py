"""The dbt project: where it is, how its manifest is prepared, what it publishes."""

from __future__ import annotations

import importlib.metadata
import json
import sys
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from dagster_dbt import DbtCliResource, DbtProject
from packaging import version

REPO_ROOT = Path(__file__).resolve().parents[2]
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
MANIFEST_PATH = DBT_PROJECT_DIR / "target" / "manifest.json"

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def dbt_executable() -> str:
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


class DbtManifestMissingError(RuntimeError):
    """The dbt manifest has not been built: `make setup` builds it (see the Makefile)."""


DBT_PROJECT_FILES = ("models", "macros", "seeds", "tests")


def manifest_is_stale(manifest_path: Path = MANIFEST_PATH) -> bool:
    """True when the manifest is missing or older than a file of the dbt project (file times only)."""
    if not manifest_path.exists():
        return True
    built = manifest_path.stat().st_mtime
    for folder in DBT_PROJECT_FILES:
        for path in (DBT_PROJECT_DIR / folder).rglob("*"):
            if path.is_file() and path.stat().st_mtime > built:
                return True
    return any(
        (DBT_PROJECT_DIR / name).stat().st_mtime > built for name in ("dbt_project.yml", "profiles.yml")
    )


def read_manifest(manifest_path: Path = MANIFEST_PATH) -> dict[str, Any]:
    """The manifest built by `make setup`; never builds it, so that loading the code location is cheap.

    Parsing the dbt project is a build step (`dagster-dbt project prepare-and-package`, a Makefile
    rule): run at import it cost every process that loads the definitions (UI, daemon, each run, each
    test worker) a dbt subprocess.
    """
    if not manifest_path.exists():
        raise DbtManifestMissingError(
            f"dbt manifest {manifest_path} not found: run `make setup` to build it from dbt_project/"
        )
    return json.loads(manifest_path.read_text())


@lru_cache(maxsize=1)
def load_manifest() -> dict[str, Any]:
    # Under `dagster dev` an edited model should show after "Reload definitions" without leaving the
    # UI: re-parse then, and only when a dbt file is newer than the manifest (make dev built it).
    if dbt_project.preparer.using_dagster_dev() and manifest_is_stale():
        dbt_project.prepare_if_dev()
    elif manifest_is_stale() and MANIFEST_PATH.exists():
        warnings.warn(
            f"dbt manifest {MANIFEST_PATH} is older than dbt_project/: run `make setup` to rebuild it",
            stacklevel=2,
        )
    return read_manifest()


@dataclass(frozen=True)
class PublishedModel:
    """A mart that the publish step exports: its table, docs and how to partition its Parquet."""

    name: str
    schema: str
    description: str
    columns: dict[str, dict[str, str]]  # name -> {"type", "description"}
    partition_by: list[str]
    sources: list[str]  # dbt source names it is built from, e.g. "kode_wilayah"
    unique_id: str
    # The contract's model-level primary key (checked by the `assert_primary_key` post-hook).
    primary_key: tuple[str, ...] = ()


def contract_primary_key(node: dict[str, Any]) -> tuple[str, ...]:
    """The columns of a model's model-level `primary_key` constraint, or () when it has none."""
    for constraint in node.get("constraints", []):
        if constraint["type"] == "primary_key" and constraint.get("columns"):
            return tuple(constraint["columns"])
    return ()


def _upstream_sources(manifest: dict[str, Any], unique_id: str) -> list[str]:
    parents = manifest["parent_map"]
    seen: set[str] = set()
    stack = [unique_id]
    sources: set[str] = set()
    while stack:
        node = stack.pop()
        for parent in parents.get(node, []):
            if parent in seen:
                continue
            seen.add(parent)
            if parent.startswith("source."):
                sources.add(manifest["sources"][parent]["source_name"])
            else:
                stack.append(parent)
    return sorted(sources)


def published_models(manifest: dict[str, Any] | None = None) -> list[PublishedModel]:
    """Every model with `meta.publish` in its config, in name order."""
    manifest = manifest or load_manifest()
    models = []
    for unique_id, node in manifest["nodes"].items():
        if node["resource_type"] != "model":
            continue
        publish = node["config"].get("meta", {}).get("publish")
        if publish is None:
            continue
        models.append(
            PublishedModel(
                name=node["name"],
                schema=node["schema"],
                description=" ".join(node.get("description", "").split()),
                columns={
                    name: {
                        "type": column.get("data_type") or "",
                        "description": " ".join(column.get("description", "").split()),
                    }
                    for name, column in node["columns"].items()
                },
                partition_by=list(publish.get("partition_by", [])),
                sources=_upstream_sources(manifest, unique_id),
                unique_id=unique_id,
                primary_key=contract_primary_key(node),
            )
        )
    return sorted(models, key=lambda m: m.name)


class DesaDbtCliResource(DbtCliResource):
    """dagster-dbt's dbt CLI resource without two start-up costs this platform does not use.

    Before every invocation dagster-dbt runs `dbt --version` in a subprocess (4.7 s of a 25.6 s SDGs
    `dbt build` step on 2 cores) and builds an in-process dbt adapter (3.6 s) that it only uses to
    fetch column metadata and row counts, which `table_summaries` does here. The executable is the
    one next to this interpreter (`dbt_executable`), so its version is the installed dbt-core's.
    """

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(importlib.metadata.version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args: Sequence[str]) -> Any:
        return None
