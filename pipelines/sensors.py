"""Sensors: refresh when files in the landing dir change."""

import hashlib
import os
from pathlib import Path

import dagster as dg

from pipelines.jobs import everything


def landing_signature(landing_dir: Path) -> str:
    """Names, sizes and modification times of every landing file: changes when a harvest lands."""
    digest = hashlib.sha256()
    for path in sorted(p for p in landing_dir.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.relative_to(landing_dir)}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@dg.sensor(
    job=everything,
    minimum_interval_seconds=300,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Runs the full refresh when a file in $DESA_LANDING_DIR is added or changed.",
)
def landing_files_changed(context: dg.SensorEvaluationContext):
    landing = os.environ.get("DESA_LANDING_DIR")
    if not landing or not Path(landing).is_dir():
        return dg.SkipReason("DESA_LANDING_DIR is not set or not a folder")
    signature = landing_signature(Path(landing))
    if signature == context.cursor:
        return dg.SkipReason("no landing file changed")
    context.update_cursor(signature)
    return dg.RunRequest(run_key=signature)


all_sensors = [landing_files_changed]
