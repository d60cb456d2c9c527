"""The report's charts, each a small declaration: a name, the published datasets it reads, a figure.

A chart reads only published tables (the analyst database of the release being built), so the report
shows exactly what analysts get. To add one, write a function taking a `ChartData` and returning a matplotlib
`Figure` (`new_axes` gives one with its axes set up), and decorate it with `@chart(...)`. A chart
whose datasets are not all in the release is left out of the report (listed as such), so charts can
land before their data.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import duckdb

if TYPE_CHECKING:  # matplotlib loads only when a report is drawn, not with the code location
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# IDM statuses, lowest first, with the source's column suffix and a colour (red to green).
IDM_STATUSES = [
    ("sangat_tertinggal", "Sangat Tertinggal", "#b2182b"),
    ("tertinggal", "Tertinggal", "#ef8a62"),
    ("berkembang", "Berkembang", "#f7e08a"),
    ("maju", "Maju", "#91cf60"),
    ("mandiri", "Mandiri", "#1a9850"),
]


@dataclass(frozen=True)
class ChartData:
    """Read access to the published tables for a chart's figure function."""

    connection: duckdb.DuckDBPyConnection

    def rows(self, query: str, parameters: Sequence[Any] | None = None) -> list[tuple[Any, ...]]:
        return self.connection.execute(query, parameters or []).fetchall()


FigureFunction = Callable[[ChartData], "Figure"]


@dataclass(frozen=True)
class Chart:
    name: str  # file name and Dagster asset name: report/<name>
    title: str
    datasets: tuple[str, ...]  # published datasets it reads (the tables of desa.duckdb)
    description: str
    figure: FigureFunction


CHARTS: list[Chart] = []


def chart(
    name: str, title: str, datasets: Sequence[str], description: str
) -> Callable[[FigureFunction], Chart]:
    """Declare a chart of the report; the decorated function draws it."""

    def register(function: FigureFunction) -> Chart:
        if any(c.name == name for c in CHARTS):
            raise ValueError(f"two report charts are named {name}")
        declared = Chart(name, title, tuple(datasets), description, function)
        CHARTS.append(declared)
        return declared

    return register


def new_figure(width: float = 9.0, height: float = 5.0) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=100, layout="constrained")


def new_axes(
    width: float = 9.0,
    height: float = 5.0,
    *,
    xformat: str | None = None,
    yformat: str | None = None,
    ytick_size: float | None = None,
    **properties: Any,
) -> tuple[Figure, Axes]:
    """A figure with one axes, set up in one call: `properties` go to `Axes.set` (xlabel, ylabel,
    xlim, ylim, ...), `xformat`/`yformat` format the tick labels ("{x:.0%}"), `ytick_size` sizes
    the y tick labels. Limits set here hold: plotting does not rescale an axis whose limits are set."""
    figure = new_figure(width, height)
    axes = figure.add_subplot()
    axes.set(**properties)
    if xformat:
        axes.xaxis.set_major_formatter(xformat)
    if yformat:
        axes.yaxis.set_major_formatter(yformat)
    if ytick_size:
        axes.tick_params(axis="y", labelsize=ytick_size)
    return figure, axes


def _status_columns(prefix: str = "n_") -> str:
    return ", ".join(f"{prefix}{key}" for key, _, _ in IDM_STATUSES)


@chart(
    name="idm_status_by_year",
    title="IDM status of villages by year",
    datasets=["idm_year_summary"],
    description="Villages with an IDM record, by the source's status, per year (idm_year_summary).",
)
def idm_status_by_year(data: ChartData) -> Figure:
    rows = data.rows(f"select tahun, {_status_columns()} from idm_year_summary order by tahun")
    figure, axes = new_axes(xlabel="IDM year", ylabel="villages", yformat="{x:,.0f}")
    years = [str(r[0]) for r in rows]
    bottom = [0] * len(rows)
    for index, (_, label, colour) in enumerate(IDM_STATUSES):
        values = [r[index + 1] or 0 for r in rows]
        axes.bar(years, values, bottom=bottom, label=label, color=colour, edgecolor="white")
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    for x, total in zip(years, bottom, strict=True):
        axes.annotate(f"{total:,}", (x, total), ha="center", va="bottom", fontsize=9)
    axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, title="status")
    return figure


@chart(
    name="idm_status_by_province",
    title="IDM status of villages by province, latest year",
    datasets=["idm_province_summary"],
    description=(
        "Share of each province's villages (resolved to a current code) by IDM status in the latest "
        "year of the data, most advanced provinces first (idm_province_summary)."
    ),
)
def idm_status_by_province(data: ChartData) -> Figure:
    rows = data.rows(
        f"select nama_provinsi, tahun, n_desa, {_status_columns()} from idm_province_summary "
        "where tahun = (select max(tahun) from idm_province_summary) and n_desa > 0"
    )
    shares = [(r[0], r[1], r[2], [(v or 0) / r[2] for v in r[3:]]) for r in rows]
    # Most villages Maju or Mandiri at the top.
    shares.sort(key=lambda s: s[3][3] + s[3][4])
    year = shares[0][1] if shares else ""
    figure, axes = new_axes(
        9.0,
        max(3.0, 0.28 * len(shares) + 1.5),
        xlim=(0, 1),
        xlabel=f"share of villages with an IDM record in {year} (count in brackets)",
        xformat="{x:.0%}",
        ytick_size=8,
    )
    names = [f"{s[0]} ({s[2]:,})" for s in shares]
    left = [0.0] * len(shares)
    for index, (_, label, colour) in enumerate(IDM_STATUSES):
        values = [s[3][index] for s in shares]
        axes.barh(names, values, left=left, label=label, color=colour, edgecolor="white", height=0.8)
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=5, frameon=False, fontsize=8)
    return figure


@chart(
    name="sdgs_goal_profile_by_province",
    title="SDGs Desa goal profile per province",
    datasets=["sdgs_goal_scores", "sdgs_province_summary"],
    description=(
        "Mean score of each of the 18 SDGs Desa goals per province, over villages with data for the "
        "goal (score > 0); provinces in code order (sdgs_goal_scores, sdgs_province_summary)."
    ),
)
def sdgs_goal_profile_by_province(data: ChartData) -> Figure:
    rows = data.rows(
        "select s.kode_provinsi, p.nama_provinsi, s.goal, avg(s.score)::double "
        "from sdgs_goal_scores as s join sdgs_province_summary as p on s.kode_provinsi = p.kode_provinsi "
        "where s.score > 0 group by all order by s.kode_provinsi, s.goal"
    )
    provinces = sorted({(r[0], r[1]) for r in rows})
    goals = list(range(1, 19))
    position = {code: i for i, (code, _) in enumerate(provinces)}
    grid = [[float("nan")] * len(goals) for _ in provinces]
    for code, _, goal, mean in rows:
        grid[position[code]][goal - 1] = mean
    figure, axes = new_axes(10.0, max(3.0, 0.26 * len(provinces) + 1.8), xlabel="SDGs Desa goal")
    image = axes.imshow(grid, aspect="auto", cmap="RdYlGn", vmin=0, vmax=100)
    axes.set_xticks(range(len(goals)), [str(g) for g in goals])
    axes.set_yticks(range(len(provinces)), [name for _, name in provinces], fontsize=8)
    for i, line in enumerate(grid):
        for j, value in enumerate(line):
            if value == value:  # not NaN
                axes.text(j, i, f"{value:.0f}", ha="center", va="center", fontsize=6)
    figure.colorbar(image, ax=axes, label="mean goal score (0-100)", shrink=0.6)
    return figure


@chart(
    name="sdgs_weakest_goals",
    title="Weakest SDGs Desa goals",
    datasets=["sdgs_goal_scores", "sdgs_province_summary"],
    description=(
        "National mean score per goal over villages with data for it, weakest first, with the number "
        "of provinces whose weakest goal it is (sdgs_goal_scores, sdgs_province_summary.weakest_goal)."
    ),
)
def sdgs_weakest_goals(data: ChartData) -> Figure:
    rows = data.rows(
        "select goal, any_value(goal_title), avg(score)::double from sdgs_goal_scores "
        "where score > 0 group by goal order by 3"
    )
    weakest = dict(
        data.rows("select weakest_goal, count(*) from sdgs_province_summary group by weakest_goal")
    )
    figure, axes = new_axes(
        10.0,
        6.0,
        xlim=(0, 100),
        xlabel="national mean goal score (villages with data); red: the three weakest",
        ytick_size=8,
    )
    labels = [f"{goal}. {title[:48]}" for goal, title, _ in rows]
    colours = ["#b2182b" if i < 3 else "#6b8fb3" for i in range(len(rows))]
    bars = axes.barh(labels, [r[2] for r in rows], color=colours)
    axes.invert_yaxis()
    for bar, (goal, _, mean) in zip(bars, rows, strict=True):
        note = f"{mean:.1f}"
        if weakest.get(goal):
            note += f"  (weakest in {weakest[goal]} province{'s' if weakest[goal] > 1 else ''})"
        axes.annotate(
            note,
            (bar.get_width(), bar.get_y() + bar.get_height() / 2),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    return figure


@chart(
    name="daerah_tertinggal_progress",
    title="Daerah tertinggal against the 2021-2024 schedule",
    datasets=["daerah_tertinggal", "daerah_tertinggal_progress"],
    description=(
        "The 62 daerah tertinggal of Perpres 63/2020 grouped by the year the schedule targets them to "
        "be lifted out: left, how many kabupaten are due by each year; right, the share of their "
        "villages with an IDM record that are still Tertinggal or Sangat Tertinggal, per IDM year "
        "(daerah_tertinggal, daerah_tertinggal_progress)."
    ),
)
def daerah_tertinggal_progress(data: ChartData) -> Figure:
    cohorts = data.rows(
        "select tahun_target_entas, count(*) from daerah_tertinggal group by all order by 1 nulls last"
    )
    progress = data.rows(
        "select tahun_target_entas, tahun, "
        "sum(n_sangat_tertinggal + n_tertinggal)::double / nullif(sum(n_desa_idm), 0) "
        "from daerah_tertinggal_progress group by all order by 1 nulls last, 2"
    )
    figure = new_figure(11.0, 4.8)
    left, right = figure.subplots(1, 2, width_ratios=[2, 3])
    due = 0
    years = sorted({r[1] for r in progress} | {c[0] for c in cohorts if c[0] is not None})
    scheduled = dict(cohorts)
    cumulative = []
    for year in years:
        due += scheduled.get(year, 0)
        cumulative.append(due)
    left.bar([str(y) for y in years], cumulative, color="#6b8fb3")
    for x, value in zip(years, cumulative, strict=True):
        left.annotate(str(value), (str(x), value), ha="center", va="bottom", fontsize=9)
    unscheduled = scheduled.get(None, 0)
    left.set_title(
        f"kabupaten due to be lifted out, cumulative\n(of {sum(scheduled.values())}; "
        f"{unscheduled} not scheduled by 2024)",
        fontsize=9,
    )
    left.set_xlabel("year")
    palette = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#999999"]
    targets = sorted({r[0] for r in progress}, key=lambda t: (t is None, t or 0))
    for colour, target in zip(palette, targets, strict=False):
        points = [(r[1], r[2]) for r in progress if r[0] == target and r[2] is not None]
        if not points:
            continue
        label = f"target {target}" if target is not None else "not scheduled"
        right.plot([p[0] for p in points], [p[1] for p in points], marker="o", color=colour, label=label)
        if target is not None:
            right.axvline(target, color=colour, linestyle=":", linewidth=1)
    right.set_ylim(0, 1)
    right.yaxis.set_major_formatter("{x:.0%}")
    right.set_xticks(years, [str(y) for y in years])
    right.set_title("villages still Tertinggal or Sangat Tertinggal\n(dotted: the target year)", fontsize=9)
    right.set_xlabel("IDM year")
    right.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return figure


@chart(
    name="apbn_refocusing_2021",
    title="Kemendes PDTT 2021 pagu: the four refocusing rounds",
    datasets=["budget_tieouts"],
    description=(
        "Waterfall from the approved 2021 pagu through the four published refocusing rounds to what "
        "they leave, beside the reported pagu after the rounds and the pagu the budget lines give; "
        "the unexplained gaps are labelled, not forced (budget_tieouts)."
    ),
)
def apbn_refocusing_2021(data: ChartData) -> Figure:
    figures = {
        figure: (published, computed)
        for figure, published, computed in data.rows(
            "select figure, published_rupiah, computed_rupiah from budget_tieouts "
            "where figure like 'pagu_2021%' or figure similar to 'refocusing_2021_round_[0-9]'"
        )
    }
    trillion = 1e12
    start = figures["pagu_2021"][0]
    rounds = [(f"round {n}", figures[f"refocusing_2021_round_{n}"][0]) for n in range(1, 5)]
    reported, from_lines = figures["pagu_2021_after_refocusing"]
    figure, axes = new_axes(12.0, 5.0, ylabel="Rp trillion", ylim=(2.8, start / trillion * 1.03))
    labels = ["approved pagu"]
    axes.bar(0, start / trillion, color="#6b8fb3")
    level = start
    for index, (label, cut) in enumerate(rounds, start=1):
        axes.bar(index, -cut / trillion, bottom=level / trillion, color="#d6604d")
        axes.annotate(f"-{cut / 1e9:,.2f} M", (index, level / trillion), ha="center", va="bottom", fontsize=8)
        level -= cut
        labels.append(label)
    ends = [("after the rounds\n(arithmetic)", level, "#6b8fb3")]
    if from_lines is not None:
        ends.append(("after the rounds\n(budget lines)", from_lines, "#4d9221"))
    ends.append(('reported "Rp3,08 T"', reported, "#999999"))
    for offset, (label, value, colour) in enumerate(ends, start=len(labels)):
        axes.bar(offset, value / trillion, color=colour)
        gap = value - reported
        note = f"{value / trillion:,.3f} T" + (f"\n{gap / 1e9:+,.2f} M vs reported" if gap else "")
        axes.annotate(note, (offset, value / trillion), ha="center", va="bottom", fontsize=8)
        labels.append(label)
    axes.set_xticks(range(len(labels)), labels, fontsize=8)
    return figure


@chart(
    name="dana_desa_per_kabupaten",
    title="Dana Desa per kabupaten/kota, by year",
    datasets=["dana_desa_kabupaten"],
    description=(
        "Distribution of the Dana Desa allocation of each kabupaten/kota per year (box: quartiles, "
        "whiskers: 5th-95th percentile), with the national total above each year (dana_desa_kabupaten)."
    ),
)
def dana_desa_per_kabupaten(data: ChartData) -> Figure:
    rows = data.rows("select tahun, pagu_rupiah from dana_desa_kabupaten where pagu_rupiah is not null")
    years = sorted({r[0] for r in rows})
    values = [[r[1] / 1e9 for r in rows if r[0] == year] for year in years]
    top = max((max(v) for v in values if v), default=0)
    figure, axes = new_axes(
        ylabel="allocation per kabupaten/kota (Rp miliar)", ylim=(0, top * 1.2 if top else 1)
    )
    axes.boxplot(values, tick_labels=[str(y) for y in years], whis=(5, 95), showfliers=False)
    for index, year_values in enumerate(values, start=1):
        axes.annotate(
            f"{sum(year_values) / 1e3:,.2f} T\n{len(year_values)} kab.",
            (index, top * 1.02),
            ha="center",
            va="bottom",
            fontsize=8,
        )
    return figure
