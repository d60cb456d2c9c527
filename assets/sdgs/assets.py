"""Dagster assets of the `sdgs` group: SDGs Desa score responses as raw Parquet."""

from pathlib import Path

import dagster as dg
import polars as pl

from assets.common.errors import DesaInputError
from assets.common.landing import Landing, resolve_landing
from assets.common.metadata import frame_metadata, raw_table_specs
from assets.common.provenance import Provenance, SourceFile
from assets.common.raw_tables import REJECTS_TABLE, rejects_frame, write_parquet_atomically
from assets.common.settings import DesaSettings
from assets.sdgs.ingest import raw_frames, read_archive, read_village_folder, village_files
from assets.sdgs.parsing import ARCHIVE_NAMES, SOURCE
from assets.sdgs.synthetic import DEFAULT_SEED, GENERATOR_VERSION, generate_score_archive

GROUP = "sdgs"
CROSSWALK_DESA = dg.AssetKey(["raw", "kode_wilayah__desa"])
# Harvesters may leave one `<location_code>.json` per village here (or directly in the source folder).
VILLAGE_FOLDER = "score-sdgs"


def crosswalk_codes(settings: DesaSettings) -> list[str]:
    """BPS village codes of the crosswalk that the ingest ran on (real or synthetic)."""
    path = settings.raw_path / "kode_wilayah" / "desa.parquet"
    if not path.exists():
        raise DesaInputError(
            path, None, "the village crosswalk has not been ingested (raw/kode_wilayah__desa)"
        )
    return pl.read_parquet(path, columns=["kode_bps"])["kode_bps"].drop_nulls().unique().sort().to_list()


def folder_landing(settings: DesaSettings) -> Landing | None:
    """A real landing made of per-village JSON files, when there is no archive."""
    if settings.landing_path is None:
        return None
    source_dir = settings.landing_path / SOURCE
    for directory in (source_dir / VILLAGE_FOLDER, source_dir):
        if directory.is_dir() and village_files(directory):
            files = village_files(directory)
            return Landing(
                directory,
                Provenance(
                    source=SOURCE,
                    origin="real",
                    files=[SourceFile.of(f) for f in files],
                    notes=[f"{len(files)} per-village response files"],
                ),
            )
    return None


def sdgs_landing(settings: DesaSettings) -> Landing:
    archive = settings.landing_path and any(
        (settings.landing_path / SOURCE / n).is_file() for n in ARCHIVE_NAMES
    )
    if not archive:
        folder = folder_landing(settings)
        if folder is not None:
            return folder
    seed = DEFAULT_SEED
    codes = crosswalk_codes(settings)
    # The generated archive depends on the crosswalk it covers: its identity is part of the cache key.
    crosswalk = Provenance.read(settings.raw_path / "kode_wilayah")
    crosswalk_id = ",".join(sorted(f.sha256[:12] for f in crosswalk.files))

    def generate(directory: Path) -> None:
        generate_score_archive(directory, codes, seed=seed)

    return resolve_landing(
        SOURCE,
        settings.landing_path,
        settings.synthetic_landing_path,
        [ARCHIVE_NAMES],
        generate,
        f"{GENERATOR_VERSION} seed={seed} crosswalk={crosswalk_id}",
    )


@dg.multi_asset(
    specs=raw_table_specs(
        SOURCE,
        GROUP,
        [
            (
                "villages",
                "One row per village response: code, reported average (string as given), file and line.",
            ),
            (
                "scores",
                "One row per village x response item: goal, title, image, score text exactly as given.",
            ),
            (
                REJECTS_TABLE,
                "SDGs response records that could not be loaded, with file, line, text and reason.",
            ),
        ],
        deps=[CROSSWALK_DESA],
    ),
)
def kemendesa_sdgs_responses(context: dg.AssetExecutionContext, settings: DesaSettings):
    """Read the SDGs score archive (or per-village JSON files, or a generated archive) into raw Parquet."""
    landing = sdgs_landing(settings)
    context.log.info(f"{SOURCE}: {landing.provenance.origin} files from {landing.directory}")
    archives = [landing.directory / n for n in ARCHIVE_NAMES if (landing.directory / n).is_file()]
    if archives:
        parsed = read_archive(archives[0])
        source = str(archives[0])
    else:
        parsed = read_village_folder(village_files(landing.directory))
        source = str(landing.directory)
    villages, scores = raw_frames(parsed)
    directory = settings.raw_path / SOURCE
    for _, line, _, reason in parsed.rejected[:50]:
        context.log.warning(f"{source}, line {line}: rejected: {reason}")
    rejects = rejects_frame(parsed.rejected)
    landing.provenance.write(directory)
    common = {"data_origin": landing.provenance.origin, "source_file": dg.MetadataValue.path(source)}
    for name, frame in [("villages", villages), ("scores", scores), (REJECTS_TABLE, rejects)]:
        written = write_parquet_atomically(frame, directory / f"{name}.parquet")
        extra = {"records_rejected": rejects.height} if name == "villages" else {}
        yield dg.MaterializeResult(
            asset_key=["raw", f"{SOURCE}__{name}"],
            metadata={**frame_metadata(frame, str(written)), **common, **extra},
        )
