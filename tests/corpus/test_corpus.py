"""Every damaged input behaves as its defect class promises (docs/ARCHITECTURE.md): one behaviour per
defect class, the same for every declared source. A case that deviates is a bug in the shared reader
or the source; one not fixed yet is a strict xfail naming why (`cases.KNOWN_DEVIATIONS`).

No Dagster run: each case is `resolve_landing` + the source's `parse` on a few records (the corpus
runs in well under a minute, without ../shared/data).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus.cases import ACCEPTED, LOADED, QUARANTINED, STOPS, TARGETS, Case, all_cases
from tests.corpus.runner import prepare_deps, run_case

# Not e2e (no pipeline run): part of `make test-fast`; `-m corpus` selects it alone.
pytestmark = pytest.mark.corpus

CASES = all_cases()


def _param(case: Case):
    marks = [pytest.mark.xfail(reason=case.xfail, strict=True)] if case.xfail else []
    return pytest.param(case, id=case.id, marks=marks)


@pytest.fixture(scope="module")
def deps(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return prepare_deps(tmp_path_factory.mktemp("corpus-deps"))


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_damaged_input_behaves_as_its_defect_class_promises(case: Case, deps: Path, tmp_path: Path) -> None:
    outcome = run_case(case, tmp_path, deps)
    expect = outcome.expect
    seen = outcome.error or outcome.rejects.select("record_number", "reason").rows()
    assert outcome.kind == case.defect.expected, f"{case.id}: {outcome.kind}: {seen}"
    if outcome.kind == STOPS:
        # The message names the file (or, for a missing file, the folder) to open.
        assert expect.names is not None
        assert str(outcome.landing / expect.names if expect.names else outcome.landing) in outcome.error
    elif outcome.kind == QUARANTINED:
        # One damaged record, one reject: file, record number, its text and why; the others load.
        assert outcome.rejected == 1, seen
        reject = outcome.rejects.row(0, named=True)
        assert reject["source_file"] == str(outcome.landing / case.target.file)
        assert reject["record_number"] == expect.record
        assert reject["raw_record"] and reject["reason"]
        assert outcome.rows == outcome.good_rows + expect.rows
    elif outcome.kind == ACCEPTED:
        assert outcome.rejected == 0 and outcome.rows == outcome.good_rows
    elif outcome.kind == LOADED:
        domain = case.out_of_domain
        assert domain is not None and outcome.value_found
        assert outcome.rows == outcome.good_rows
        assert domain.check.exists(), f"{domain.check} is not declared"


def test_the_corpus_covers_every_declared_source() -> None:
    from pipelines.definitions import defs

    declared = {
        key.path[1]
        for asset in defs.assets or []
        for key in getattr(asset, "keys", ())
        if key.path[0] == "landing"
    }
    assert {t.source.name for t in TARGETS} == declared
