"""A chart is drawn again only when its datasets' rows, its origin or the report's code changed."""

from pathlib import Path

import duckdb

from assets.report import render
from assets.report.charts import Chart, ChartData

CALLS: list[str] = []


def _figure(data: ChartData):
    from matplotlib.figure import Figure

    CALLS.append("drawn")
    figure = Figure(figsize=(3, 2), layout="constrained")
    (value,) = data.rows("select count(*) from scores")[0]
    figure.add_subplot().bar(["rows"], [value])
    return figure


CHART = Chart("scores_chart", "Scores", ("scores",), "A test chart.", _figure)


def _release(folder: Path, rows: int) -> Path:
    folder.mkdir(parents=True)
    database = folder / "desa.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute(f"create table scores as select range as n from range({rows})")
    return database


def test_charts_of_unchanged_datasets_are_copied_from_the_previous_report(tmp_path: Path) -> None:
    CALLS.clear()
    first_db = _release(tmp_path / "r1", 3)
    report = tmp_path / "r1" / "report"
    (first,) = render.render_report(
        first_db, {"scores": "real"}, report, "r1", [CHART], content_hashes={"scores": "h1"}
    )
    assert CALLS == ["drawn"]
    second_db = _release(tmp_path / "r2", 3)
    (second,) = render.render_report(
        second_db,
        {"scores": "real"},
        tmp_path / "r2" / "report",
        "r2",
        [CHART],
        content_hashes={"scores": "h1"},
        previous=tmp_path / "r1" / "report",
    )
    assert CALLS == ["drawn"]  # copied, not drawn
    assert second.png() == first.png() == (tmp_path / "r2" / "report" / "scores_chart.png").read_bytes()
    # Other rows, another origin, or no known content: drawn again.
    for origin, hashes in (("real", {"scores": "h2"}), ("synthetic", {"scores": "h1"}), ("real", {})):
        CALLS.clear()
        render.render_report(
            second_db,
            {"scores": origin},
            tmp_path / "r3" / "report",
            "r3",
            [CHART],
            content_hashes=hashes,
            previous=tmp_path / "r1" / "report",
        )
        assert CALLS == ["drawn"], (origin, hashes)
