"""Dagster assets of the `idm` group: IDM API archive and yearly Excel files -> raw Parquet."""

import dagster as dg
import polars as pl

from assets.common.landing import Landing, resolve_landing
from assets.common.metadata import frame_metadata, raw_table_specs
from assets.common.provenance import DataOrigin, Provenance
from assets.common.raw_tables import REJECTS_TABLE, rejects_frame, write_parquet_atomically
from assets.common.settings import DesaSettings
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
API_REQUIRED = [[API_ARCHIVE]]
EXCEL_REQUIRED = [[excel_file_name(year)] for year in YEARS]
# The Excel files are looked for in the same landing folder but resolve on their own: the real
# landing dir holds only the API archive, and then the Excel files are generated (labelled so).
EXCEL_SYNTHETIC_SUBDIR = "kemendesa_idm_excel"

TABLES = [
    (
        "village_years",
        "One row per loaded line of the IDM API archive: summary, IKS/IKE/IKL/IDM rows, identity.",
    ),
    (
        "indicators",
        "The 50 indicator rows of each loaded API line (score 0-5, description, activity, actors).",
    ),
    (
        "excel_village_years",
        "One row per loaded village row of the yearly official Excel files (sheet DESA).",
    ),
    (
        REJECTS_TABLE,
        "API lines and Excel rows that could not be loaded, with file, line/row, raw text and reason.",
    ),
]


def _discard(_: object) -> None:
    """resolve_landing's generators return nothing; ours return the files they wrote."""


def combined_provenance(api: Landing, excel: Landing) -> Provenance:
    """One provenance for the source, saying which part is real and which synthetic.

    The marts use the real part only when the parts differ (see int_idm__village_years), so the
    source is labelled real when any part is real.
    """
    origins = {"api": api.provenance.origin, "excel": excel.provenance.origin}
    origin: DataOrigin = "real" if "real" in origins.values() else "synthetic"
    notes = [
        f"API archive ({API_ARCHIVE}): {origins['api']}",
        f"Excel files (sheet DESA): {origins['excel']}",
    ]
    if len(set(origins.values())) > 1:
        synthetic = next(part for part, o in origins.items() if o == "synthetic")
        notes.append(f"MIXED: the {synthetic} part is synthetic and is not used by the published marts")
    notes += api.provenance.notes + excel.provenance.notes
    generators = [p.generator for p in (api.provenance, excel.provenance) if p.generator]
    return Provenance(
        source=SOURCE,
        origin=origin,
        files=[*api.provenance.files, *excel.provenance.files],
        generator="; ".join(generators) or None,
        notes=notes,
    )


@dg.multi_asset(
    specs=raw_table_specs(
        SOURCE,
        GROUP,
        TABLES,
    ),
)
def kemendesa_idm_raw(context: dg.AssetExecutionContext, settings: DesaSettings):
    """Read the IDM API archive and the yearly Excel files (or generate them) into raw Parquet."""
    api = resolve_landing(
        SOURCE,
        settings.landing_path,
        settings.synthetic_landing_path,
        API_REQUIRED,
        lambda directory: _discard(
            generate_api(directory, seed=DEFAULT_SEED, n_villages=DEFAULT_API_VILLAGES)
        ),
        f"{GENERATOR_VERSION} seed={DEFAULT_SEED} villages={DEFAULT_API_VILLAGES}",
    )
    excel = resolve_landing(
        SOURCE,
        settings.landing_path,
        settings.synthetic_landing_path / EXCEL_SYNTHETIC_SUBDIR,
        EXCEL_REQUIRED,
        lambda directory: _discard(generate_excel(directory, seed=DEFAULT_SEED)),
        f"{EXCEL_GENERATOR_VERSION} seed={DEFAULT_SEED}",
    )
    context.log.info(
        f"kemendesa_idm: API archive {api.provenance.origin} ({api.directory}), "
        f"Excel {excel.provenance.origin} ({excel.directory})"
    )
    directory = settings.raw_path / SOURCE
    rejected: list[tuple[str, int | None, str, str, str]] = []

    archive = api.directory / API_ARCHIVE
    loaded = ingest_api_archive(archive, directory / "indicators.parquet")
    rejected += [(*r, api.provenance.origin) for r in loaded.rejects]
    village_years = loaded.village_years.with_columns(data_origin=pl.lit(api.provenance.origin))
    written = write_parquet_atomically(village_years, directory / "village_years.parquet")
    status_disagreements = village_years.filter(pl.col("status") != pl.col("status_baris")).height
    yield dg.MaterializeResult(
        asset_key=["raw", f"{SOURCE}__village_years"],
        metadata={
            **frame_metadata(village_years, str(written)),
            "data_origin": api.provenance.origin,
            "source_file": dg.MetadataValue.path(str(archive)),
            "lines_read": loaded.lines,
            "lines_rejected": len(loaded.rejects),
            "villages": village_years["kode_desa"].n_unique(),
            "summary_vs_status_row_disagreements": status_disagreements,
        },
    )
    yield dg.MaterializeResult(
        asset_key=["raw", f"{SOURCE}__indicators"],
        metadata={
            "dagster/row_count": loaded.indicator_rows,
            "path": dg.MetadataValue.path(str(directory / "indicators.parquet")),
            "data_origin": api.provenance.origin,
        },
    )

    frames = []
    excel_rejects = 0
    for year in YEARS:
        path = excel.directory / excel_file_name(year)
        result = ingest_excel(path, year)
        frames.append(result.rows)
        rejected += [(*r, excel.provenance.origin) for r in result.rejects]
        excel_rejects += len(result.rejects)
        for source_file, row_number, _, reason in result.rejects[:20]:
            context.log.warning(f"{source_file}, row {row_number}: rejected: {reason}")
    excel_rows = pl.concat(frames).with_columns(data_origin=pl.lit(excel.provenance.origin))
    written = write_parquet_atomically(excel_rows, directory / "excel_village_years.parquet")
    yield dg.MaterializeResult(
        asset_key=["raw", f"{SOURCE}__excel_village_years"],
        metadata={
            **frame_metadata(excel_rows, str(written)),
            "data_origin": excel.provenance.origin,
            "rows_rejected": excel_rejects,
            "rows_per_year": dg.MetadataValue.json(
                {str(k): v for k, v in excel_rows.group_by("tahun").len().sort("tahun").iter_rows()}
            ),
        },
    )

    # Each reject keeps the origin of its part, so that a run on the real archive does not list the
    # defects of generated Excel files among its rejects (see stg_kemendesa_idm__rejects).
    rejects = rejects_frame([r[:4] for r in rejected]).with_columns(
        data_origin=pl.Series([r[4] for r in rejected], dtype=pl.String)
    )
    written = write_parquet_atomically(rejects, directory / f"{REJECTS_TABLE}.parquet")
    combined_provenance(api, excel).write(directory)
    yield dg.MaterializeResult(
        asset_key=["raw", f"{SOURCE}__{REJECTS_TABLE}"],
        metadata={**frame_metadata(rejects, str(written)), "data_origin": api.provenance.origin},
    )
