"""A non-blocking check that reports how often the IDM source's status disagrees with the thresholds.

Disagreements are facts about the source, not errors of the pipeline: the count is reported (and
each row flagged in idm_status.status_tidak_sesuai), the run goes on. The blocking gates are the
Great Expectations suite (expectations/idm_status.json) and the dbt tests.
"""

from typing import Any

import dagster as dg

from assets.quality.warnings import Rows, warning_check


def _disagreements(rows: Rows) -> tuple[bool, dict[str, Any]]:
    disagreements = sum(r[2] for r in rows)
    return disagreements == 0, {
        "status_disagreements": disagreements,
        "village_years": sum(r[3] for r in rows),
        "by_year_and_source": dg.MetadataValue.json(
            [{"tahun": r[0], "sumber": r[1], "tidak_sesuai": r[2], "village_years": r[3]} for r in rows]
        ),
    }


idm_status_source_disagreements = warning_check(
    mart="idm_status",
    name="idm_source_status_disagreements",
    description="Counts village-years whose source status disagrees with the Permendesa 2/2016 thresholds.",
    query="""
        select tahun, sumber, count(*) filter (where status_tidak_sesuai), count(*)
        from marts.idm_status group by all order by all
    """,
    summarize=_disagreements,
)
