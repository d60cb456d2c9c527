"""The corpus as Markdown: what each defect class promises and what every source did."""

from __future__ import annotations

from collections.abc import Sequence

from tests.corpus.cases import DEFECTS, LOADED, QUARANTINED, STOPS, TARGETS, Case
from tests.corpus.runner import Outcome

Result = tuple[Case, Outcome]
SHORT = {STOPS: "stops", QUARANTINED: "rejected", LOADED: "loaded", "accepted": "ok"}


def _cell(case: Case, outcome: Outcome) -> str:
    if outcome.kind == QUARANTINED:
        text = f"{outcome.rejected} rejected"
    else:
        text = SHORT.get(outcome.kind, outcome.kind)
    if outcome.kind != case.defect.expected:
        text = f"**{text}** ✗"
    return text


def summary(results: Sequence[Result]) -> str:
    lines = [
        "| defect class | promised | cases | as promised | rows rejected | deviations |",
        "|---|---|---:|---:|---:|---|",
    ]
    for defect in DEFECTS:
        mine = [(c, o) for c, o in results if c.defect == defect]
        if not mine:
            continue
        held = [c for c, o in mine if o.kind == defect.expected]
        deviations = ", ".join(f"{c.target.label} ({o.kind})" for c, o in mine if o.kind != defect.expected)
        rejected = sum(o.rejected for _, o in mine)
        lines.append(
            f"| {defect.label} | {defect.expected} | {len(mine)} | {len(held)} | {rejected} | {deviations} |"
        )
    return "\n".join(lines)


def matrix(results: Sequence[Result]) -> str:
    """Defect class (rows) x source target (columns): the outcome of each case."""
    by_cell: dict[tuple[str, str], list[str]] = {}
    for case, outcome in results:
        by_cell.setdefault((case.defect.name, case.target.label), []).append(_cell(case, outcome))
    lines = [
        "| defect class | " + " | ".join(t.label for t in TARGETS) + " |",
        "|---|" + "---|" * len(TARGETS),
    ]
    for defect in DEFECTS:
        cells = [" / ".join(by_cell.get((defect.name, t.label), ["·"])) for t in TARGETS]
        lines.append(f"| {defect.label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def domain_rules(results: Sequence[Result]) -> str:
    """Out-of-domain values: where each was written, where it arrived, which check stops it."""
    lines = ["| source | value | loaded into | stopped by |", "|---|---|---|---|"]
    for case, outcome in results:
        domain = case.out_of_domain
        if domain is None:
            continue
        arrived = f"raw `{case.target.source.name}__{domain.table}.{domain.column}`"
        if outcome.kind != LOADED:
            arrived = f"**{outcome.kind}** ✗ ({case.xfail or 'deviation'})"
        lines.append(f"| {case.target.label} | {domain.name} | {arrived} | {domain.check} |")
    return "\n".join(lines)


def not_applicable() -> str:
    lines = ["| source | defect class | why it does not apply |", "|---|---|---|"]
    for target in TARGETS:
        for defect in DEFECTS:
            if not target.applies(defect) and defect.name in target.not_applicable:
                lines.append(f"| {target.label} | {defect.label} | {target.why_not(defect)} |")
    return "\n".join(lines)


def report(results: Sequence[Result]) -> str:
    cases = len(results)
    rejected = sum(o.rejected for _, o in results)
    held = sum(o.kind == c.defect.expected for c, o in results)
    return "\n\n".join(
        [
            f"Damaged-input corpus: {cases} cases over {len(TARGETS)} source files "
            f"({len({t.source.name for t in TARGETS})} sources), {held} as promised, "
            f"{rejected} rows rejected in all.",
            summary(results),
            "Per source file (`·`: the defect class does not apply to that format; ✗: not as promised):",
            matrix(results),
            "Values outside their domain:",
            domain_rules(results),
            "Not applicable by the source's nature:",
            not_applicable(),
        ]
    )
