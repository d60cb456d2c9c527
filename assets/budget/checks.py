"""A non-blocking check that reports the gaps between published budget figures and the lines.

The public figures do not all agree (the 2021 refocusing breakdown sums to Rp130,76 miliar, not the
130,82 announced; four rounds from Rp3,69 T give 3,04 T, not the 3,08 reported). These gaps are facts
about the sources: `budget_tieouts` keeps both numbers and this check reports them; the run goes on.
The blocking gates are the dbt tests and the Great Expectations suites (every tie-out row present).
"""

from typing import Any

import dagster as dg

from assets.quality.warnings import Rows, warning_check


def _gaps(rows: Rows) -> tuple[bool, dict[str, Any]]:
    gaps = [r for r in rows if r[4] == "gap"]
    return not gaps, {
        "figures": len(rows),
        "ties": sum(1 for r in rows if r[4] == "ties"),
        "gaps": len(gaps),
        "not_computable": sum(1 for r in rows if r[4] == "not_computable"),
        "gap_rows": dg.MetadataValue.json(
            [
                {"figure": r[0], "published": r[1], "computed": r[2], "difference": r[3], "note": r[5]}
                for r in gaps
            ]
        ),
    }


budget_tieout_gaps = warning_check(
    mart="budget_tieouts",
    name="budget_tieout_gaps",
    description="Reports published budget figures that do not tie to the lines (or to each other).",
    query="""
        select figure, published_rupiah, computed_rupiah, difference_rupiah, status, note
        from marts.budget_tieouts order by figure
    """,
    summarize=_gaps,
)
