"""The dbt project: where it is, how its manifest is prepared, what it publishes."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from dagster_dbt import DbtProject

REPO_ROOT = Path(__file__).resolve().parents[2]
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
MANIFEST_PATH = DBT_PROJECT_DIR / "target" / "manifest.json"

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def dbt_executable() -> str:
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


def _sources_newer_than_manifest() -> bool:
    if not MANIFEST_PATH.exists():
        return True
    built = MANIFEST_PATH.stat().st_mtime
    for folder in ("models", "macros", "seeds", "tests"):
        for path in (DBT_PROJECT_DIR / folder).rglob("*"):
            if path.is_file() and path.stat().st_mtime > built:
                return True
    return (DBT_PROJECT_DIR / "dbt_project.yml").stat().st_mtime > built


def prepare_manifest() -> Path:
    """Run `dbt parse` when the manifest is missing or older than the project's files.

    A fresh clone has no manifest; parsing takes a few seconds and needs no database or network.
    """
    MANIFEST_PATH.parent.mkdir(parents=True, exist_ok=True)
    # Several processes (test workers, the UI and a run) may load the code location at once.
    with (MANIFEST_PATH.parent / ".parse.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _sources_newer_than_manifest():
            subprocess.run(
                [
                    dbt_executable(),
                    "parse",
                    "--quiet",
                    "--project-dir",
                    str(DBT_PROJECT_DIR),
                    "--profiles-dir",
                    str(DBT_PROJECT_DIR),
                ],
                check=True,
                cwd=DBT_PROJECT_DIR,
                env={**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"},
            )
    return MANIFEST_PATH


@lru_cache(maxsize=1)
def load_manifest() -> dict[str, Any]:
    return json.loads(prepare_manifest().read_text())


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
            )
        )
    return sorted(models, key=lambda m: m.name)
