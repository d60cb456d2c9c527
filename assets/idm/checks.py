"""A non-blocking check that reports how often the IDM source's status disagrees with the thresholds.

Disagreements are facts about the source, not errors of the pipeline: the count is reported (and
each row flagged in idm_status.status_tidak_sesuai), the run goes on. The blocking gates are the
Great Expectations suite (expectations/idm_status.json) and the dbt tests.
"""

import dagster as dg

from assets.common.settings import DesaSettings
from assets.transform.warehouse import DUCKDB_POOL, connect_read_only


@dg.asset_check(
    asset=dg.AssetKey(["marts", "idm_status"]),
    name="idm_source_status_disagreements",
    blocking=False,
    pool=DUCKDB_POOL,
    description="Counts village-years whose source status disagrees with the Permendesa 2/2016 thresholds.",
)
def idm_status_source_disagreements(settings: DesaSettings) -> dg.AssetCheckResult:
    with connect_read_only(settings.warehouse_path) as connection:
        rows = connection.execute(
            """
            select tahun, sumber, count(*) filter (where status_tidak_sesuai), count(*)
            from marts.idm_status group by all order by all
            """
        ).fetchall()
    disagreements = sum(r[2] for r in rows)
    return dg.AssetCheckResult(
        passed=disagreements == 0,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "status_disagreements": disagreements,
            "village_years": sum(r[3] for r in rows),
            "by_year_and_source": dg.MetadataValue.json(
                [{"tahun": r[0], "sumber": r[1], "tidak_sesuai": r[2], "village_years": r[3]} for r in rows]
            ),
        },
    )
