"""The Dagster UI and the published report in headless Chromium (the system browser, no download).

Starts `dagster-webserver` on the code location with a temporary DAGSTER_HOME, checks the code
location loads, the asset graph shows every group, a mart's page and a chart's page render (the
chart's PNG is embedded in its metadata), and that every chart of the published report renders.
Screenshots go to the test's tmp folder.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest

from assets.publish.assets import chart_key
from tests.conftest import REPO

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
GROUPS = ("wilayah", "sdgs", "idm", "publish")
MART = ("marts", "idm_status")
CHART_NAME = "idm_status_by_year"
CHART = tuple(chart_key(CHART_NAME).path)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"{CHROMIUM} is absent: install it with `apt-get install -y chromium` (.ci/run does)",
    ),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _graphql(url: str, query: str) -> dict:
    request = urllib.request.Request(
        f"{url}/graphql",
        data=json.dumps({"query": query}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())["data"]


LOCATIONS = """
{ workspaceOrError { __typename ... on Workspace { locationEntries { name
    locationOrLoadError { __typename ... on PythonError { message } } } } } }
"""


def _record_chart(home: Path, published: Path) -> None:
    """Record the report chart's materialization, as the publish step made it, in the UI's instance."""
    from assets.report.charts import CHARTS
    from assets.report.render import RenderedChart, markdown_image

    manifest = json.loads((published / "manifest.json").read_text())
    chart = next(c for c in CHARTS if c.name == CHART_NAME)
    origins = {d["name"]: d["data_origin"] for d in manifest["datasets"]}
    png = published / "report" / f"{chart.name}.png"
    rendered = RenderedChart(chart, origins[chart.datasets[0]], png, png.read_bytes())
    with dg.DagsterInstance.from_config(str(home)) as instance:
        instance.report_runless_asset_event(
            dg.AssetMaterialization(
                asset_key=list(CHART), metadata={"chart": dg.MetadataValue.md(markdown_image(rendered))}
            )
        )


@pytest.fixture(scope="module")
def webserver(synthetic_run: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("dagster_home")
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    _record_chart(home, synthetic_run / "published")
    port = _free_port()
    log = (home / "webserver.log").open("w")
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "DESA_DATA_DIR": str(synthetic_run),
        "PYTHONPATH": str(REPO),
    }
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("dagster-webserver")),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-w",
            str(REPO / "workspace.yaml"),
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while True:
            if server.poll() is not None:
                pytest.fail(f"dagster-webserver exited: {(home / 'webserver.log').read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{url}/server_info", timeout=5):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    pytest.fail("dagster-webserver did not answer within 240 s")
                time.sleep(1)
        # The instance is new: mark the UI's first-visit dialog (community newsletter) as seen.
        _graphql(url, "mutation { setNuxSeen }")
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


class Page:
    """A page that records console errors and uncaught exceptions."""

    def __init__(self, browser, screenshots: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1600, "height": 1000})
        # On 2 cores with a national pipeline run in the other test worker, the first load of the
        # asset graph took over Playwright's default 30 s once: allow what the element waits allow.
        self.page.set_default_navigation_timeout(120_000)
        self.errors: list[str] = []
        self.screenshots = screenshots
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def shot(self, name: str) -> Path:
        path = self.screenshots / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


def test_code_location_loads_and_the_ui_shows_every_group(webserver: str, browser, tmp_path: Path) -> None:
    entries = _graphql(webserver, LOCATIONS)["workspaceOrError"]["locationEntries"]
    assert entries, "no code location"
    for entry in entries:
        outcome = entry["locationOrLoadError"]
        assert outcome["__typename"] == "RepositoryLocation", f"{entry['name']}: {outcome.get('message')}"

    page = Page(browser, tmp_path)
    page.page.goto(f"{webserver}/asset-groups", wait_until="networkidle")
    for group in GROUPS:
        page.page.get_by_text(group, exact=True).first.wait_for(timeout=60_000)
    page.shot("asset_graph")

    page.page.goto(f"{webserver}/assets/{'/'.join(MART)}", wait_until="networkidle")
    page.page.get_by_text("Indeks Desa Membangun", exact=False).first.wait_for(timeout=60_000)
    page.shot("mart_asset")

    page.page.goto(f"{webserver}/assets/{'/'.join(CHART)}", wait_until="networkidle")
    # Markdown metadata opens in a dialog; the chart is an inline data: PNG in it.
    page.page.get_by_text("[Show Markdown]").first.click()
    image = page.page.locator('img[src^="data:image/png"]').first
    image.wait_for(timeout=60_000)
    assert image.evaluate("img => img.complete && img.naturalWidth") > 0, "the chart in the metadata"
    page.shot("chart_asset")
    assert page.errors == [], f"console errors in the Dagster UI: {page.errors}"


def test_every_report_chart_renders(synthetic_run: Path, browser, tmp_path: Path) -> None:
    published = synthetic_run / "published"
    page = Page(browser, tmp_path)
    page.page.goto((published / "report" / "index.html").as_uri(), wait_until="load")
    widths = page.page.locator("figure img").evaluate_all(
        "imgs => imgs.map(i => i.complete && i.naturalWidth)"
    )
    drawn = sorted(p.stem for p in (published / "report").glob("*.png"))
    assert len(widths) == len(drawn) >= 5 and all(w > 0 for w in widths), widths
    origins = page.page.locator("figure").evaluate_all("fs => fs.map(f => f.dataset.origin)")
    assert all(o in {"real", "synthetic", "mixed"} for o in origins), origins
    page.shot("report")
    page.page.goto((published / "index.html").as_uri(), wait_until="load")
    for link in ("report/index.html", "datapackage.json", "desa.duckdb", "docs/dbt/static_index.html"):
        assert page.page.locator(f'a[href="{link}"]').count() == 1, link
    page.shot("index")
    assert page.errors == [], f"console errors on the report: {page.errors}"
