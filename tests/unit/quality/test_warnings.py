"""Warning checks: a query's rows summarized into a non-blocking result."""

from pathlib import Path

import dagster as dg
import duckdb

from assets.budget.checks import budget_tieout_gaps
from assets.common.settings import DesaSettings
from assets.idm.checks import idm_status_source_disagreements
from assets.quality.warnings import Rows, warning_check


def _warehouse(data_dir: Path) -> DesaSettings:
    settings = DesaSettings(data_dir=str(data_dir))
    settings.warehouse_path.parent.mkdir(parents=True)
    with duckdb.connect(str(settings.warehouse_path)) as connection:
        connection.execute("create schema marts")
        connection.execute("create table marts.things as select * from (values ('a', 1), ('b', 0)) t(k, n)")
    return settings


def _zeros(rows: Rows) -> tuple[bool, dict]:
    zeros = [k for k, n in rows if n == 0]
    return not zeros, {"zeros": len(zeros)}


def test_a_failing_warning_check_warns_and_blocks_nothing(tmp_path: Path) -> None:
    check = warning_check(
        mart="things",
        name="no_zeros",
        description="Things without n.",
        query="select k, n from marts.things",
        summarize=_zeros,
    )
    (spec,) = check.check_specs
    assert spec.asset_key == dg.AssetKey(["marts", "things"]) and not spec.blocking
    result = check(settings=_warehouse(tmp_path))
    assert not result.passed
    assert result.severity == dg.AssetCheckSeverity.WARN
    assert result.metadata["zeros"].value == 1


def test_the_domain_warning_checks_keep_their_keys() -> None:
    keys = {
        spec.key
        for check in (idm_status_source_disagreements, budget_tieout_gaps)
        for spec in check.check_specs
    }
    assert keys == {
        dg.AssetCheckKey(dg.AssetKey(["marts", "idm_status"]), "idm_source_status_disagreements"),
        dg.AssetCheckKey(dg.AssetKey(["marts", "budget_tieouts"]), "budget_tieout_gaps"),
    }
