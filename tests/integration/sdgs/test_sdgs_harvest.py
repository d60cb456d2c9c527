"""The SDGs harvester against a local HTTP server on 127.0.0.1 that replays recorded responses.

The server injects 500s, slow responses (timeouts), malformed JSON, wrong shapes and a 404; the test
checks retries, recorded failures, resume, the combined archive, and that scores keep their digits.
Nothing here touches the internet.
"""

import gzip
import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import dagster as dg
import polars as pl
import pytest

from assets.common.harvest import HarvestApi, failures_path, harvest_dir
from assets.common.settings import DesaSettings
from assets.sdgs.harvest import kemendesa_sdgs_harvest, province_archive, run_province_harvest
from assets.sdgs.ingest import read_archive
from tests.conftest import shared_data_dir

PROVINCE = "11"
# A body shaped like the real ones (scores of 1101010001) for when ../shared/data is absent.
RECORDED = (
    '{"average":"29.91","data":[{"goals":1,"title":"Desa Tanpa Kemiskinan","image":"skor-sdgs-1.jpg",'
    '"score":44.46},'
    + ",".join(
        f'{{"goals":{g},"title":"T{g}","image":"skor-sdgs-{g}.jpg","score":{s}}}'
        for g, s in zip(
            range(2, 19),
            ["31.71", "47.6", "30.12", "30.87", "55.55", "98.16", "24.45", "0", "37.26", "31.1", "0", "0",
             "0", "22.22", "66.41", "10", "8.31"],
            strict=True,
        )
    )
    + '],"total_desa":1}'
)  # fmt: skip


def recorded_bodies(n: int) -> list[str]:
    """A few real response bodies from the archive when available, else the recorded one."""
    archive = shared_data_dir() / "kemendesa_sdgs" / "score-sdgs.jsonl.gz"
    bodies = []
    if archive.exists():
        with gzip.open(archive, "rt", encoding="utf-8") as handle:
            for line, _ in zip(handle, range(n), strict=False):
                text = line.strip()
                bodies.append(text[text.index('"response":') + len('"response":') : -1])
    return bodies or [RECORDED] * n


class Replay:
    """Scenario per village code: a list of behaviours, one per attempt (the last one repeats)."""

    def __init__(self, bodies: dict[str, str], scenario: dict[str, list[str]]) -> None:
        self.bodies, self.scenario = bodies, scenario
        self.calls: Counter[str] = Counter()
        self.lock = threading.Lock()

    def handler(self) -> type[BaseHTTPRequestHandler]:
        replay = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep pytest output clean
                pass

            def do_GET(self) -> None:
                url = urlparse(self.path)
                code = parse_qs(url.query).get("location_code", [""])[0]
                with replay.lock:
                    replay.calls[code] += 1
                    attempt = replay.calls[code]
                steps = replay.scenario.get(code, ["ok"])
                step = steps[min(attempt, len(steps)) - 1]
                if url.path != "/sdgs/searching/score-sdgs":
                    step = "404"
                if step == "slow":
                    time.sleep(1.5)
                    step = "ok"
                status, body = {
                    "ok": (200, replay.bodies.get(code, "")),
                    "500": (500, "<html>Internal Server Error</html>"),
                    "404": (404, '{"message":"not found"}'),
                    "malformed": (200, '{"average":"29.91","data":[{"goals":1'),
                    "shape": (200, '{"status":"error","message":"location not found"}'),
                }[step]
                data = body.encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout)

        return Handler


@pytest.fixture
def server():
    started: list[tuple[ThreadingHTTPServer, Replay]] = []

    def start(replay: Replay) -> str:
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), replay.handler())
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        started.append((httpd, replay))
        return f"http://127.0.0.1:{httpd.server_address[1]}"

    yield start
    for httpd, _ in started:
        httpd.shutdown()
        httpd.server_close()


def crosswalk(settings: DesaSettings, codes: list[str]) -> None:
    path = settings.raw_path / "kode_wilayah" / "desa.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    pl.DataFrame({"kode_bps": codes}).write_parquet(path)


def archive_records(path: Path) -> dict[str, str]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return {json.loads(line)["location_code"]: line.rstrip("\n") for line in handle}


def test_harvest_retries_records_failures_and_resumes(tmp_path: Path, server):
    codes = [f"11010100{i:02d}" for i in range(1, 9)] + ["1201010001"]  # the last is another province
    bodies = dict(zip(codes, recorded_bodies(len(codes)), strict=True))
    scenario = {
        codes[1]: ["500", "500", "ok"],  # recovers on the third attempt
        codes[2]: ["slow", "ok"],  # times out once
        codes[3]: ["malformed"],  # always malformed: recorded failure
        codes[4]: ["shape"],  # always the wrong shape: recorded failure
        codes[5]: ["404"],  # not retried
        codes[6]: ["malformed", "ok"],  # recovers
    }
    replay = Replay(bodies, scenario)
    base_url = server(replay)
    settings = DesaSettings(data_dir=str(tmp_path / "data"))
    crosswalk(settings, codes)
    api = HarvestApi(
        sdgs_base_url=base_url, concurrency=3, max_attempts=3, timeout_seconds=0.5, backoff_base_seconds=0.01
    )

    report, archive, combined = run_province_harvest(settings, api, PROVINCE)

    assert report.requested == 8 and report.harvested == 5 and report.failed == 3
    assert replay.calls[codes[1]] == 3 and replay.calls[codes[2]] == 2 and replay.calls[codes[6]] == 2
    assert replay.calls[codes[5]] == 1, "a 404 is not retried"
    assert replay.calls["1201010001"] == 0, "only the partition's province is fetched"
    failures = [json.loads(line) for line in failures_path(archive).read_text().splitlines()]
    reasons = {f["location_code"]: (f["reason"], f["attempts"]) for f in failures}
    assert reasons[codes[3]][0].startswith("malformed JSON") and reasons[codes[3]][1] == 3
    assert reasons[codes[4]][0].startswith("unexpected shape") and reasons[codes[4]][1] == 3
    assert reasons[codes[5]] == ("HTTP 404", 1)

    records = archive_records(archive)
    assert sorted(records) == sorted(codes[i] for i in (0, 1, 2, 6, 7))
    for code, line in records.items():  # the body verbatim: every digit as the server sent it
        assert line == f'{{"location_code":"{code}","response":{bodies[code]}}}'
    landing = harvest_dir(settings, "kemendesa_sdgs") / "score-sdgs.jsonl.gz"
    assert combined == 5 and archive_records(landing) == records
    parsed = read_archive(landing)
    assert parsed.villages.height == 5 and parsed.rejects.height == 0

    # Resume: the server is healed; only the three failures are fetched again.
    replay.scenario = {}
    before = Counter(replay.calls)
    report, archive, combined = run_province_harvest(settings, api, PROVINCE)
    assert report.skipped_existing == 5 and report.harvested == 3 and report.failed == 0
    fetched = {c for c in codes if replay.calls[c] > before[c]}
    assert fetched == {codes[3], codes[4], codes[5]}
    assert len(archive_records(archive)) == 8 and combined == 8
    assert failures_path(archive).read_text() == ""

    # An interrupted harvest: lines in the work file count as harvested.
    archive.unlink()
    work = archive.with_name(archive.name.removesuffix(".gz") + ".work")
    work.write_text(
        f'{{"location_code":"{codes[0]}","response":{bodies[codes[0]]}}}\n{{"location_code":"{codes[1]}"'
    )
    before = Counter(replay.calls)
    report, archive, _ = run_province_harvest(settings, api, PROVINCE)
    assert report.skipped_existing == 1 and replay.calls[codes[0]] == before[codes[0]]
    assert replay.calls[codes[1]] == before[codes[1]] + 1, "a line cut short is harvested again"
    assert len(archive_records(archive)) == 8


def test_harvest_asset_runs_one_province_partition(tmp_path: Path, server):
    codes = ["1101010001", "1101010002", "9401010001"]
    replay = Replay(dict(zip(codes, recorded_bodies(3), strict=True)), {})
    base_url = server(replay)
    settings = DesaSettings(data_dir=str(tmp_path / "data"))
    crosswalk(settings, codes)
    result = dg.materialize(
        [kemendesa_sdgs_harvest],
        partition_key="94",
        resources={
            "settings": settings,
            "harvest_api": HarvestApi(sdgs_base_url=base_url, timeout_seconds=2),
        },
        instance=dg.DagsterInstance.ephemeral(),
        run_config={"ops": {"harvest__kemendesa_sdgs__score_sdgs": {"config": {"refetch": True}}}},
    )
    assert result.success
    metadata = result.asset_materializations_for_node("harvest__kemendesa_sdgs__score_sdgs")[0].metadata
    assert metadata["harvested"].value == 1 and metadata["failed"].value == 0
    assert set(archive_records(province_archive(settings, "94"))) == {"9401010001"}
    assert set(replay.calls) == {"9401010001"}


def test_failed_requests_fail_the_partition_after_archiving_and_joining(tmp_path: Path, server):
    codes = ["1101010001", "1101010002"]
    replay = Replay(dict(zip(codes, recorded_bodies(2), strict=True)), {codes[1]: ["404"]})
    base_url = server(replay)
    settings = DesaSettings(data_dir=str(tmp_path / "data"))
    crosswalk(settings, codes)
    result = dg.materialize(
        [kemendesa_sdgs_harvest],
        partition_key="11",
        resources={
            "settings": settings,
            "harvest_api": HarvestApi(sdgs_base_url=base_url, timeout_seconds=2),
        },
        instance=dg.DagsterInstance.ephemeral(),
        raise_on_error=False,
    )
    assert not result.success
    failure = next(e for e in result.all_events if e.is_step_failure)
    metadata = failure.step_failure_data.user_failure_data.metadata
    assert metadata["harvested"].value == 1 and metadata["failed"].value == 1
    assert metadata["landing_lines"].value == 1
    assert set(archive_records(harvest_dir(settings, "kemendesa_sdgs") / "score-sdgs.jsonl.gz")) == {codes[0]}
    failures = failures_path(province_archive(settings, "11")).read_text().splitlines()
    assert [json.loads(f)["location_code"] for f in failures] == [codes[1]]
