"""The IDM landing source, declared on the source contract (`assets.common.source`).

Two parts: the API archive (required) and the official yearly Excel files (optional: the real landing
folder holds only the API archive, and then the Excel files are generated, labelled so). The raw
tables are the same as before the contract: `village_years`, `indicators`, `excel_village_years`, and
`rejects`, whose rows keep the origin of their part (`data_origin`, see stg_kemendesa_idm__rejects).
"""

from __future__ import annotations

import time

import polars as pl

from assets.common.errors import DesaInputError
from assets.common.records import REJECT_SCHEMA, rejects_frame
from assets.common.source import (
    GenerateContext,
    Generator,
    LandingFiles,
    ParseContext,
    Parsed,
    RawTable,
    Source,
)
from assets.idm.ingest import ingest_api_archive, ingest_excel
from assets.idm.parsing import YEARS, excel_file_name
from assets.idm.synthetic import (
    API_ARCHIVE,
    DEFAULT_API_VILLAGES,
    DEFAULT_SEED,
    EXCEL_GENERATOR_VERSION,
    GENERATOR_VERSION,
    generate_api,
    generate_excel,
)

GROUP = "idm"
SOURCE = "kemendesa_idm"
API_PART = "api"
EXCEL_PART = "excel"


def generate(context: GenerateContext) -> None:
    """The parts asked for, in the official formats (seeded)."""
    if API_PART in context.parts:
        generate_api(context.directory, seed=DEFAULT_SEED, n_villages=DEFAULT_API_VILLAGES)
    if EXCEL_PART in context.parts:
        generate_excel(context.directory, seed=DEFAULT_SEED)


def parse(context: ParseContext) -> Parsed:
    started = time.monotonic()
    directory = context.output_dir
    api_origin = context.origins[API_PART]
    excel_origin = context.origins[EXCEL_PART]
    archive = context.file(API_PART)
    loaded = ingest_api_archive(
        archive, directory / "indicators.parquet", directory / "village_years.parquet", api_origin
    )
    ingest_seconds = round(time.monotonic() - started, 2)
    village_years = pl.scan_parquet(directory / "village_years.parquet")
    facts = village_years.select(
        pl.col("kode_desa").n_unique().alias("villages"),
        (pl.col("status") != pl.col("status_baris")).sum().alias("disagreements"),
    ).collect()

    frames = []
    excel_rejects = []
    for year in YEARS:
        path = next((p for p in context.files[EXCEL_PART] if p.name == excel_file_name(year)), None)
        if path is None:
            folder = context.file(EXCEL_PART).parent
            raise DesaInputError(folder, None, f"the Excel part has no {excel_file_name(year)}")
        result = ingest_excel(path, year)
        frames.append(result.rows)
        excel_rejects += result.rejects
    excel_rows = pl.concat(frames).with_columns(data_origin=pl.lit(excel_origin))

    # Each reject keeps the origin of its part, so that a run on the real archive does not list the
    # defects of generated Excel files among its rejects (see stg_kemendesa_idm__rejects).
    rejects = pl.concat(
        [
            rejects_frame(loaded.rejects).with_columns(data_origin=pl.lit(api_origin)),
            rejects_frame(excel_rejects).with_columns(data_origin=pl.lit(excel_origin)),
        ]
    ).cast(pl.Schema({**REJECT_SCHEMA, "data_origin": pl.String()}))
    return Parsed(
        tables={
            "village_years": directory / "village_years.parquet",
            "indicators": directory / "indicators.parquet",
            "excel_village_years": excel_rows,
        },
        rejects=rejects,
        metadata={
            "village_years": {
                "source_file": str(archive),
                "data_origin": api_origin,
                "lines_read": loaded.lines,
                "lines_rejected": len(loaded.rejects),
                "lines_parsed_in_python": loaded.lines_from_python,
                "ingest_seconds": ingest_seconds,
                "villages": facts["villages"].item(),
                "summary_vs_status_row_disagreements": facts["disagreements"].item(),
            },
            "indicators": {"data_origin": api_origin},
            "excel_village_years": {
                "data_origin": excel_origin,
                "rows_rejected": len(excel_rejects),
                "rows_per_year": {
                    str(k): v for k, v in excel_rows.group_by("tahun").len().sort("tahun").iter_rows()
                },
            },
        },
    )


IDM_SOURCE = Source(
    name=SOURCE,
    group=GROUP,
    description="IDM (Indeks Desa Membangun): the API archive and the official yearly Excel files.",
    format="JSON lines (gzip or plain) and Excel workbooks (sheet DESA)",
    files=(
        LandingFiles(
            API_PART,
            (API_ARCHIVE, API_ARCHIVE.removesuffix(".gz")),
            description="Responses of GET /open/api/desa/rumusan/{kode_desa}/{tahun}, one line each.",
        ),
        LandingFiles(
            EXCEL_PART,
            ("idm-desa-*.xlsx",),
            many=True,
            required=False,
            description="The official yearly Excel files, " + ", ".join(excel_file_name(y) for y in YEARS),
        ),
    ),
    tables=(
        RawTable(
            "village_years",
            "One row per loaded line of the IDM API archive: summary, IKS/IKE/IKL/IDM rows, identity.",
        ),
        RawTable(
            "indicators",
            "The 50 indicator rows of each loaded API line (score 0-5, description, activity, actors).",
        ),
        RawTable(
            "excel_village_years",
            "One row per loaded village row of the yearly official Excel files (sheet DESA).",
        ),
    ),
    parse=parse,
    generator=Generator(
        version=(
            f"{GENERATOR_VERSION} + {EXCEL_GENERATOR_VERSION} "
            f"seed={DEFAULT_SEED} villages={DEFAULT_API_VILLAGES}"
        ),
        generate=generate,
        description=(
            f"{DEFAULT_API_VILLAGES} villages x {len(YEARS)} years of API responses, "
            "and the yearly Excel files"
        ),
    ),
    rejects_description=(
        "API lines and Excel rows that could not be loaded, with file, line/row, raw text, reason and "
        "the origin of their part."
    ),
)
