"""dbt's parse state carried from run to run in the data dir, and old target folders pruned."""

from __future__ import annotations

import os
from pathlib import Path

from assets.transform.parse_state import (
    KEPT_TARGETS,
    PARSE_STATE,
    dbt_target_path,
    restore_parse_state,
    save_parse_state,
)


def test_the_state_a_run_leaves_is_handed_to_the_next(tmp_path: Path) -> None:
    first = dbt_target_path(tmp_path, "run-1")
    assert not restore_parse_state(tmp_path, first)  # nothing yet: dbt parses (or uses the project's)
    (first / PARSE_STATE).write_bytes(b"state of run 1")
    assert save_parse_state(tmp_path, first)
    second = dbt_target_path(tmp_path, "run-2")
    assert restore_parse_state(tmp_path, second)
    assert (second / PARSE_STATE).read_bytes() == b"state of run 1"


def test_a_run_without_state_keeps_the_previous_one(tmp_path: Path) -> None:
    first = dbt_target_path(tmp_path, "run-1")
    (first / PARSE_STATE).write_bytes(b"kept")
    save_parse_state(tmp_path, first)
    failed = dbt_target_path(tmp_path, "run-2")  # dbt failed before writing its state
    assert not save_parse_state(tmp_path, failed)
    third = dbt_target_path(tmp_path, "run-3")
    restore_parse_state(tmp_path, third)
    assert (third / PARSE_STATE).read_bytes() == b"kept"


def test_target_folders_are_unique_and_bounded(tmp_path: Path) -> None:
    made = []
    for number in range(KEPT_TARGETS + 3):
        target = dbt_target_path(tmp_path, f"run-{number}")
        os.utime(target, (number, number))  # creation order, whatever the clock's resolution
        made.append(target)
    again = dbt_target_path(tmp_path, f"run-{KEPT_TARGETS + 2}")
    assert again != made[-1] and again.exists()
    remaining = sorted(p.name for p in (tmp_path / "dbt" / "target").iterdir())
    assert len(remaining) == KEPT_TARGETS
    assert again.name in remaining and made[0].name not in remaining
