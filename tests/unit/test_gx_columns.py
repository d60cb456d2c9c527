from pathlib import Path

from assets.quality.gx_runner import columns_needed
from assets.quality.suites import SuiteFile, load_suites


def _suite(*expectations: dict) -> SuiteFile:
    return SuiteFile("s", "d", "marts", "", list(expectations), Path("s.json"))


def test_only_the_columns_under_test_are_loaded() -> None:
    suite = _suite(
        {"type": "expect_table_row_count_to_be_between", "kwargs": {"min_value": 1}},
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "a"}},
        {"type": "expect_compound_columns_to_be_unique", "kwargs": {"column_list": ["a", "b"]}},
    )
    assert columns_needed(suite) == ["a", "b"]


def test_table_level_expectations_get_every_column() -> None:
    suite = _suite(
        {"type": "expect_table_columns_to_match_set", "kwargs": {"column_set": ["a"]}},
        {"type": "expect_table_column_count_to_equal", "kwargs": {"value": 3}},
    )
    assert columns_needed(suite) is None


def test_every_suite_file_loads() -> None:
    suites = load_suites()
    assert suites and all(s.expectations for s in suites)
