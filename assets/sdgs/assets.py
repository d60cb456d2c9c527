"""The SDGs Desa score source, declared once: `source_definitions` turns it into the landing and
ingest assets of the `sdgs` group (`landing/kemendesa_sdgs`, `raw/kemendesa_sdgs__{villages,scores,
rejects}`)."""

from __future__ import annotations

import dagster as dg
import polars as pl

from assets.common.errors import DesaInputError
from assets.common.provenance import Provenance
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
from assets.sdgs.ingest import read_village_folder, write_archive
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


def crosswalk_identity(settings: DesaSettings) -> str:
    """The generated archive covers the crosswalk's villages: its files' checksums are in the cache key."""
    crosswalk = Provenance.read(settings.raw_path / "kode_wilayah")
    return "crosswalk=" + ",".join(sorted(f.sha256[:12] for f in crosswalk.files))


def generate(context: GenerateContext) -> None:
    generate_score_archive(context.directory, crosswalk_codes(context.settings), seed=DEFAULT_SEED)


def parse(context: ParseContext) -> Parsed:
    files = context.files["responses"]
    if files[0].name in ARCHIVE_NAMES:
        archive = write_archive(files[0], context.output_dir)
        how = {"records_native": archive.records_native, "records_python": archive.records_python}
        return Parsed(
            tables={"villages": archive.villages, "scores": archive.scores},
            rejects=archive.rejects,
            metadata={"villages": {**how, "source_file": str(files[0])}},
        )
    raw = read_village_folder(files)
    return Parsed(
        tables={"villages": raw.villages, "scores": raw.scores},
        rejects=raw.rejects,
        metadata={"villages": {"records_python": raw.records_python, "source_file": str(files[0].parent)}},
    )


KEMENDESA_SDGS = Source(
    name=SOURCE,
    group=GROUP,
    description="SDGs Desa score responses of the Kemendes PDTT API, one per village.",
    format="JSON lines (gzip or plain), or one JSON file per village",
    files=(
        LandingFiles(
            "responses",
            (*ARCHIVE_NAMES, f"{VILLAGE_FOLDER}/*.json", "*.json"),
            many=True,
            description=(
                "`score-sdgs.jsonl.gz` (one `{location_code, response}` per line), else a folder of "
                "per-village `<location_code>.json` files (a response body or an archive-style wrapper)"
            ),
        ),
    ),
    tables=(
        RawTable(
            "villages",
            "One row per village response: code, reported average (string as given), file and line.",
        ),
        RawTable(
            "scores", "One row per village x response item: goal, title, image, score text exactly as given."
        ),
    ),
    parse=parse,
    generator=Generator(
        version=f"{GENERATOR_VERSION} seed={DEFAULT_SEED}",
        generate=generate,
        inputs=crosswalk_identity,
        deps=(CROSSWALK_DESA,),
        description="a score archive for every village of the ingested crosswalk (assets/sdgs/synthetic.py)",
    ),
    rejects_description="SDGs response records that could not be loaded: file, record number, text, reason.",
)
