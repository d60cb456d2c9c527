"""Each rule in one place: no (dataset, columns, rule kind) is checked by both dbt and Great Expectations.

dbt owns model integrity (keys unique and not null, relationships, row counts per entity, logic of
intermediate models); GX owns the published dataset's contract (domains, formats, ranges, set
membership, completeness, cross-column rules). See docs/ARCHITECTURE.md, "Where each rule lives".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from assets.quality.suites import SuiteFile, load_suites
from assets.transform.project import load_manifest

Rule = tuple[str, tuple[str, ...], str]  # dataset, columns, kind

DBT_TEST_KINDS = {"unique": "unique", "not_null": "not_null", "accepted_values": "in_set"}
GX_KINDS = {
    "expect_column_values_to_be_unique": "unique",
    "expect_compound_columns_to_be_unique": "unique",
    "expect_column_values_to_not_be_null": "not_null",
    "expect_column_values_to_be_in_set": "in_set",
    "expect_column_distinct_values_to_be_in_set": "in_set",
    "expect_column_distinct_values_to_equal_set": "in_set",
    "expect_column_values_to_be_between": "range",
    "expect_column_values_to_match_regex": "format",
}


def dbt_rules(manifest: dict[str, Any]) -> Iterator[Rule]:
    """Generic data tests, and the primary keys of enforced contracts (unique and not null)."""
    nodes = manifest["nodes"]
    for node in nodes.values():
        if node["resource_type"] == "test" and node.get("test_metadata") and node.get("column_name"):
            kind = DBT_TEST_KINDS.get(node["test_metadata"]["name"])
            model = nodes.get(node.get("attached_node") or "")
            if kind and model:
                yield model["name"], (node["column_name"],), kind
        if node["resource_type"] == "model":
            for constraint in node.get("constraints", []):
                if constraint["type"] == "primary_key":
                    columns = tuple(constraint["columns"])
                    yield node["name"], columns, "unique"
                    yield from ((node["name"], (c,), "not_null") for c in columns)


def gx_rules(suites: list[SuiteFile]) -> Iterator[Rule]:
    for suite in suites:
        for expectation in suite.expectations:
            kind = GX_KINDS.get(expectation["type"])
            kwargs = expectation.get("kwargs", {})
            if kind == "not_null" and kwargs.get("mostly", 1) < 1:
                kind = "completeness"  # a published threshold, not a key rule
            columns = tuple(kwargs.get("column_list") or [kwargs.get("column")])
            if kind:
                yield suite.dataset, columns, kind


def test_a_rule_is_checked_by_dbt_or_gx_not_both() -> None:
    both = set(dbt_rules(load_manifest())) & set(gx_rules(load_suites()))
    assert not both, f"checked by both a dbt test and a GX expectation: {sorted(both)}"


def test_the_detector_sees_both_sides() -> None:
    """Guard against a vacuous pass: the manifest and the suites do yield rules of each kind."""
    dbt_kinds = {kind for _, _, kind in dbt_rules(load_manifest())}
    gx_kinds = {kind for _, _, kind in gx_rules(load_suites())}
    assert {"unique", "not_null"} <= dbt_kinds
    assert {"in_set", "range", "format"} <= gx_kinds
