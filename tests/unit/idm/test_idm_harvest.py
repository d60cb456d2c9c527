"""The IDM harvester against a loopback server replaying recorded responses and injecting faults."""

import gzip
import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest

from assets.common.harvest import HarvestSettings, failures_path
from assets.idm.harvest import KEY_FIELDS, harvest_idm, partitions, rumusan_url, village_codes
from assets.idm.parsing import parse_api_line
from assets.idm.synthetic import master_villages, simulate_scores, write_api_archive


def read_lines(archive: Path) -> list[str]:
    with gzip.open(archive, "rt") as handle:
        return handle.read().splitlines()


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], str]:
    """Responses recorded in the archive format, served back by the loopback server."""
    villages = master_villages()[:7]
    archive = tmp_path_factory.mktemp("recorded") / "idm-rumusan.jsonl.gz"
    write_api_archive(archive, villages, simulate_scores(7, 3), np.arange(7), seed=3, with_defects=False)
    bodies = {}
    for line in read_lines(archive):
        record = json.loads(line)
        bodies[(record["kode_desa"], str(record["tahun"]))] = json.dumps(record["response"])
    return bodies


class Replay:
    """Per (kode, tahun): a script of faults for successive requests, then the recorded body."""

    def __init__(self, bodies: dict[tuple[str, str], str], scripts: dict[str, list[str]]) -> None:
        self.bodies, self.scripts = bodies, scripts
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()

    def answer(self, kode: str, tahun: str) -> tuple[int, bytes, float]:
        with self.lock:
            attempt = self.hits[kode]
            self.hits[kode] += 1
        script = self.scripts.get(kode, [])
        fault = (
            script[attempt]
            if attempt < len(script)
            else script[-1]
            if script and script[-1] in ("500!", "404")
            else "ok"
        )
        body = self.bodies[(kode, tahun)]
        if fault in ("500", "500!"):
            return 500, b"Internal Server Error", 0
        if fault == "404":
            return 404, b"not found", 0
        if fault == "slow":
            return 200, body.encode(), 1.5
        if fault == "malformed":
            return 200, body[: len(body) // 3].encode(), 0
        if fault == "shape":
            broken = json.loads(body)
            broken["mapData"]["ROW"] = broken["mapData"]["ROW"][:54]
            return 200, json.dumps(broken).encode(), 0
        return 200, body.encode(), 0


@pytest.fixture
def server(recorded):
    codes = sorted({k for k, _ in recorded})
    scripts = {
        codes[1]: ["500"],
        codes[2]: ["slow"],
        codes[3]: ["malformed"],
        codes[4]: ["shape"],
        codes[5]: ["500!"],
        codes[6]: ["404"],
    }
    replay = Replay(recorded, scripts)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = self.path.strip("/").split("/")  # open/api/desa/rumusan/{kode}/{tahun}
            status, body, delay = replay.answer(parts[-2], parts[-1])
            if delay:
                time.sleep(delay)
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client timed out first

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", codes, replay
    httpd.shutdown()
    httpd.server_close()


SETTINGS = HarvestSettings(concurrency=3, max_attempts=3, timeout_seconds=0.5, backoff_base_seconds=0.01)


def test_harvest_retries_records_failures_and_resumes(server, tmp_path: Path) -> None:
    base_url, codes, replay = server
    archive = tmp_path / "idm-rumusan-2022-11.jsonl.gz"
    report = harvest_idm(codes, 2022, archive, base_url=base_url, settings=SETTINGS, seed=1)
    assert (report.requested, report.harvested, report.failed) == (7, 5, 2)
    failures = {f["kode_desa"]: f for f in map(json.loads, failures_path(archive).read_text().splitlines())}
    assert failures[codes[5]]["reason"] == "HTTP 500" and failures[codes[5]]["attempts"] == 3
    assert failures[codes[6]]["reason"] == "HTTP 404" and failures[codes[6]]["attempts"] == 1
    lines = read_lines(archive)
    assert len(lines) == 5
    for line in lines:  # every archived line is one the ingest loads
        record = parse_api_line(line)
        assert record.village_year["tahun"] == 2022
    assert replay.hits[codes[0]] == 1
    assert replay.hits[codes[1]] == 2  # 500, then the body
    assert replay.hits[codes[2]] == 2  # timed out, then the body
    assert replay.hits[codes[3]] == 2  # malformed JSON, then the body
    assert replay.hits[codes[4]] == 2  # 54 rows, then the body

    # Resume: only the two failed items are asked for again.
    before = sum(replay.hits.values())
    again = harvest_idm(codes, 2022, archive, base_url=base_url, settings=SETTINGS, seed=1)
    assert (again.skipped_existing, again.harvested, again.failed) == (5, 0, 2)
    assert sum(replay.hits.values()) - before == 3 + 1
    assert len(read_lines(archive)) == 5


def test_urls_and_partitions() -> None:
    assert rumusan_url("https://idm.kemendesa.go.id/", "1101012001", 2021) == (
        "https://idm.kemendesa.go.id/open/api/desa/rumusan/1101012001/2021"
    )
    assert KEY_FIELDS == ("kode_desa", "tahun")
    keys = partitions.get_partition_keys()
    assert len(keys) == 4 * 38
    codes = village_codes("94")
    assert codes and all(len(c) == 10 and c.startswith("94") and c[6] in "23" for c in codes)


def test_harvest_is_not_in_the_full_refresh() -> None:
    from pipelines.definitions import defs
    from pipelines.jobs import everything

    graph = defs.resolve_asset_graph()
    selected = everything.selection.resolve(graph)
    harvest_keys = {k for k in graph.get_all_asset_keys() if k.path[0] == "harvest"}
    assert harvest_keys
    assert not harvest_keys & selected
    assert defs.resolve_job_def("idm_harvest") is not None


def test_static_provinces_are_the_master_provinces() -> None:
    from assets.common.harvest import MASTER_PROVINCES, master_provinces

    assert list(MASTER_PROVINCES) == master_provinces()


def test_partition_archives_are_joined_into_the_landing_file(server, tmp_path: Path) -> None:
    """The shared join step: every partition archive, one landing file the IDM ingest reads."""
    from assets.common.harvest import join_partition_archives

    base_url, codes, _ = server
    first = tmp_path / "idm-rumusan-2022-11.jsonl.gz"
    second = tmp_path / "idm-rumusan-2023-11.jsonl.gz"
    harvest_idm(codes[:1], 2022, first, base_url=base_url, settings=SETTINGS, seed=1)
    harvest_idm(codes[:1], 2023, second, base_url=base_url, settings=SETTINGS, seed=1)
    landing = tmp_path / "idm-rumusan.jsonl.gz"
    assert join_partition_archives(sorted(tmp_path.glob("idm-rumusan-*-*.jsonl.gz")), landing) == 2
    assert read_lines(landing) == read_lines(first) + read_lines(second)
