"""dbt's partial-parse state kept per data dir, so that a run does not parse the project again.

dbt re-parses the whole project when the `--vars` or the profile (here: the warehouse path) differ
from those its `partial_parse.msgpack` was written with. Both are fixed for a data dir, and differ
from the ones `make setup` parsed with whenever DESA_DATA_DIR is not the default; so the state a run
leaves is kept under `$DESA_DATA_DIR/dbt/` and handed to the next run there. dbt itself checks every
file's checksum against the state and re-parses what changed (an edited model, a new dbt version).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

PARSE_STATE = "partial_parse.msgpack"
# Target folders (compiled SQL, run_results.json, logs) kept for inspection, newest first.
KEPT_TARGETS = 5


def dbt_dir(data_dir: Path) -> Path:
    return data_dir / "dbt"


def dbt_target_path(data_dir: Path, run_id: str) -> Path:
    """A fresh target folder for one dbt invocation of a run; older ones beyond KEPT_TARGETS go."""
    root = dbt_dir(data_dir) / "target"
    root.mkdir(parents=True, exist_ok=True)
    for old in sorted(root.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)[KEPT_TARGETS - 1 :]:
        shutil.rmtree(old, ignore_errors=True)
    target = root / run_id
    suffix = 1
    while target.exists():  # a second dbt step in the same run
        suffix += 1
        target = root / f"{run_id}-{suffix}"
    target.mkdir()
    return target


def _state_file(data_dir: Path, command: str) -> Path:
    # One state per command: `dbt docs generate` runs with other vars than `dbt build`.
    return dbt_dir(data_dir) / (PARSE_STATE if command == "build" else f"{command}.{PARSE_STATE}")


def restore_parse_state(data_dir: Path, target_path: Path, command: str = "build") -> bool:
    """Put the data dir's last parse state into the target folder; False when there is none yet."""
    state = _state_file(data_dir, command)
    if not state.exists():
        return False
    shutil.copyfile(state, target_path / PARSE_STATE)
    return True


def save_parse_state(data_dir: Path, target_path: Path, command: str = "build") -> bool:
    """Keep the parse state dbt left in the target folder for the next run (replaced atomically)."""
    produced = target_path / PARSE_STATE
    if not produced.exists():
        return False
    state = _state_file(data_dir, command)
    state.parent.mkdir(parents=True, exist_ok=True)
    partial = state.with_name(f".{PARSE_STATE}.{os.getpid()}")
    shutil.copyfile(produced, partial)
    os.replace(partial, state)
    return True
