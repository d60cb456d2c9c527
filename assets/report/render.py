"""Draw the report's charts from a release's analyst database: PNGs and a static index.html."""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.metadata
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from assets.common.provenance import tree_sha256
from assets.report.charts import CHARTS, Chart, ChartData

REPORT_DIR = "report"
REAL = "real"


@dataclass(frozen=True)
class RenderedChart:
    chart: Chart
    data_origin: str  # real, synthetic, mixed (from the datasets it reads)
    path: Path | None  # where the PNG was written, None when left out
    image: bytes = b""  # the PNG
    missing: tuple[str, ...] = ()  # datasets it needs that are not in the release

    @property
    def synthetic(self) -> bool:
        return self.data_origin != REAL

    @property
    def origin_label(self) -> str:
        return origin_label(self.data_origin)

    def png(self) -> bytes:
        if not self.image:
            raise ValueError(f"chart {self.chart.name} was not drawn")
        return self.image


def origin_label(origin: str) -> str:
    if origin == REAL:
        return "Data: REAL (official sources as harvested)"
    if origin == "mixed":
        return "Data: MIXED real and SYNTHETIC inputs: not official figures"
    return f"Data: {origin.upper()}: generated for testing the pipeline, not official figures"


def combined_origin(origins: Sequence[str]) -> str:
    distinct = set(origins)
    if not distinct:
        return "unknown"
    return distinct.pop() if len(distinct) == 1 else "mixed"


def _draw(chart: Chart, connection: duckdb.DuckDBPyConnection, origin: str) -> bytes:
    figure = chart.figure(ChartData(connection))
    figure.suptitle(chart.title, fontsize=12, fontweight="bold")
    colour = "#1a7f37" if origin == REAL else "#b2182b"
    figure.text(
        0.005,
        0.005,
        f"{origin_label(origin)}  |  datasets: {', '.join(chart.datasets)}",
        fontsize=8,
        color=colour,
        ha="left",
        va="bottom",
    )
    figure.get_layout_engine().set(rect=(0, 0.04, 1, 0.96))  # type: ignore[union-attr, call-arg]
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
    return buffer.getvalue()


# Each chart's inputs (see chart_key), kept beside the PNGs so that the next release can reuse them.
CHART_KEYS = ".chart_keys.json"


def _code_hash() -> str:
    """The report's code and the library that draws it: a change redraws every chart."""
    code = tree_sha256(Path(__file__).parent, "*.py")
    return hashlib.sha256(f"{importlib.metadata.version('matplotlib')}|{code}".encode()).hexdigest()


def chart_key(chart: Chart, origin: str, content_hashes: Mapping[str, str], code: str) -> str | None:
    """What a chart is drawn from: its datasets' rows (content hashes), its origin label and the code;
    None when a dataset's content hash is unknown (the chart is then always drawn)."""
    hashes = [content_hashes.get(d, "") for d in chart.datasets]
    if not all(hashes):
        return None
    payload = json.dumps([chart.name, origin, list(chart.datasets), hashes, code])
    return hashlib.sha256(payload.encode()).hexdigest()


def _previous_keys(previous: Path | None) -> dict[str, str]:
    if previous is None:
        return {}
    try:
        keys = json.loads((previous / CHART_KEYS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return keys if isinstance(keys, dict) else {}


def render_report(
    analyst_db: Path,
    origins: Mapping[str, str],
    out_dir: Path,
    release: str,
    charts: Sequence[Chart] | None = None,
    content_hashes: Mapping[str, str] | None = None,
    previous: Path | None = None,
) -> list[RenderedChart]:
    """Draw every chart whose datasets are in the release (`origins`: dataset -> data_origin).

    Writes `<name>.png` files and `index.html` into `out_dir`; returns one entry per chart. Given the
    datasets' `content_hashes` and the `previous` release's report folder, a chart drawn there from
    the same rows, origin and code is copied from it instead of drawn again.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    rendered = []
    keys: dict[str, str] = {}
    previous_keys = _previous_keys(previous)
    content_hashes = content_hashes or {}
    code = _code_hash()
    with duckdb.connect(str(analyst_db), read_only=True) as connection:
        for chart in CHARTS if charts is None else charts:
            missing = tuple(d for d in chart.datasets if d not in origins)
            if missing:
                rendered.append(RenderedChart(chart, "unknown", None, missing=missing))
                continue
            origin = combined_origin([origins[d] for d in chart.datasets])
            target = out_dir / f"{chart.name}.png"
            key = chart_key(chart, origin, content_hashes, code)
            before = previous / f"{chart.name}.png" if previous is not None else None
            if key is not None and previous_keys.get(chart.name) == key and before and before.is_file():
                image = before.read_bytes()
            else:
                image = _draw(chart, connection, origin)
            target.write_bytes(image)
            if key is not None:
                keys[chart.name] = key
            rendered.append(RenderedChart(chart, origin, target, image))
    (out_dir / "index.html").write_text(report_html(rendered, release), encoding="utf-8")
    (out_dir / CHART_KEYS).write_text(json.dumps(keys, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return rendered


STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; }
figure { margin: 2rem 0; border-top: 1px solid #ddd; padding-top: 1rem; }
figure img { max-width: 100%; height: auto; }
.origin { display: inline-block; padding: 0.1rem 0.5rem; border-radius: 0.3rem; font-size: 0.85rem; }
.real { background: #dafbe1; color: #1a7f37; }
.synthetic { background: #ffebe9; color: #b2182b; font-weight: bold; }
.missing { color: #777; }
"""


def report_html(rendered: Sequence[RenderedChart], release: str) -> str:
    drawn = [r for r in rendered if r.path is not None]
    left_out = [r for r in rendered if r.path is None]
    any_synthetic = any(r.synthetic for r in drawn)
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Desa Data Platform report, release {html.escape(release)}</title>",
        f"<style>{STYLE}</style></head><body>",
        "<h1>Desa Data Platform report</h1>",
        f"<p>Release <code>{html.escape(release)}</code>, drawn "
        f"{datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')} from the published tables "
        '(<a href="../datapackage.json">datapackage.json</a>, '
        '<a href="../desa.duckdb">desa.duckdb</a>). <a href="../index.html">All publications</a>.</p>',
    ]
    if any_synthetic:
        parts.append(
            '<p class="origin synthetic">Some charts below are drawn from SYNTHETIC data: they test the '
            "pipeline and are not official figures. Each chart says what its data is.</p>"
        )
    for item in drawn:
        css = "synthetic" if item.synthetic else "real"
        parts += [
            f'<figure id="{html.escape(item.chart.name)}" data-origin="{html.escape(item.data_origin)}">',
            f"<h2>{html.escape(item.chart.title)}</h2>",
            f'<p class="origin {css}">{html.escape(item.origin_label)}</p>',
            f'<img src="{html.escape(item.chart.name)}.png" alt="{html.escape(item.chart.title)}">',
            f"<figcaption>{html.escape(item.chart.description)}</figcaption>",
            "</figure>",
        ]
    if left_out:
        parts.append('<h2 class="missing">Not drawn in this release</h2><ul class="missing">')
        parts += [
            f"<li>{html.escape(r.chart.title)}: needs {html.escape(', '.join(r.missing))}</li>"
            for r in left_out
        ]
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def markdown_image(rendered: RenderedChart) -> str:
    """The chart as Markdown with the PNG inline (a data: URL), for Dagster asset metadata."""
    encoded = base64.b64encode(rendered.png()).decode("ascii")
    return (
        f"**{rendered.origin_label}**\n\n"
        f"![{rendered.chart.title}](data:image/png;base64,{encoded})\n\n"
        f"{rendered.chart.description}"
    )
