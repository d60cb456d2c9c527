"""Great Expectations suites kept as JSON in `expectations/`, one per published dataset."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assets.transform.project import REPO_ROOT

EXPECTATIONS_DIR = REPO_ROOT / "expectations"


@dataclass(frozen=True)
class SuiteFile:
    """A suite file: `{"name", "dataset", "schema", "description", "keys", "expectations": [...]}`.

    `keys` (optional) are the dataset's key columns, named with offending rows in failures; by
    default the table's primary key.
    """

    name: str
    dataset: str
    schema: str
    description: str
    expectations: list[dict[str, Any]]
    path: Path
    keys: tuple[str, ...] = ()


def load_suite(path: Path) -> SuiteFile:
    data = json.loads(path.read_text())
    missing = {"name", "dataset", "expectations"} - set(data)
    if missing:
        raise ValueError(f"{path}: suite file lacks {sorted(missing)}")
    for index, expectation in enumerate(data["expectations"]):
        if "type" not in expectation:
            raise ValueError(f"{path}: expectation {index} has no 'type'")
    return SuiteFile(
        name=data["name"],
        dataset=data["dataset"],
        schema=data.get("schema", "marts"),
        description=data.get("description", ""),
        expectations=data["expectations"],
        path=path,
        keys=tuple(data.get("keys", ())),
    )


def load_suites(directory: Path = EXPECTATIONS_DIR) -> list[SuiteFile]:
    return [load_suite(path) for path in sorted(directory.glob("*.json"))]
