"""The SDGs source assets (landing + ingest) on a landing folder of per-village JSON files, on a
missing source, and on an empty archive."""

import gzip
import json
from pathlib import Path

import dagster as dg
import polars as pl

from assets.common.provenance import Provenance, SourceFile
from assets.common.settings import DesaSettings
from assets.common.source import source_definitions
from assets.sdgs.assets import KEMENDESA_SDGS
from assets.sdgs.synthetic import response_line


def materialize(settings: DesaSettings, raise_on_error: bool = True) -> dg.ExecuteInProcessResult:
    return dg.materialize(
        list(source_definitions(KEMENDESA_SDGS).assets or []),
        resources={"settings": settings},
        instance=dg.DagsterInstance.ephemeral(),
        raise_on_error=raise_on_error,
    )


def test_folder_of_village_files_is_a_real_landing(tmp_path: Path):
    from decimal import Decimal

    folder = tmp_path / "landing" / "kemendesa_sdgs" / "score-sdgs"
    folder.mkdir(parents=True)
    for code in ["1101010001", "1101010002"]:
        body = json.loads(response_line(code, [Decimal("47.6")] * 18, 1))["response"]
        (folder / f"{code}.json").write_text(json.dumps(body))
    (folder / "1101010003.json").write_text('{"average": "1.00", "data": [')
    settings = DesaSettings(data_dir=str(tmp_path / "data"), landing_dir=str(tmp_path / "landing"))
    assert materialize(settings).success
    raw = settings.raw_path / "kemendesa_sdgs"
    scores = pl.read_parquet(raw / "scores.parquet")
    assert scores.height == 36 and set(scores["score_text"]) == {"47.6"}
    rejects = pl.read_parquet(raw / "rejects.parquet")
    assert rejects["source_file"].to_list() == ["kemendesa_sdgs/score-sdgs/1101010003.json"]
    assert set(pl.read_parquet(raw / "villages.parquet")["source_file"]) == {
        f"kemendesa_sdgs/score-sdgs/{code}.json" for code in ["1101010001", "1101010002"]
    }
    assert Provenance.read(raw).origin == "real"


def test_missing_source_is_generated_for_the_crosswalk_villages(tmp_path: Path):
    settings = DesaSettings(data_dir=str(tmp_path / "data"), landing_dir=str(tmp_path / "empty_landing"))
    crosswalk = settings.raw_path / "kode_wilayah"
    crosswalk.mkdir(parents=True)
    codes = ["1101010002", "1101010003", "1201010005"]
    pl.DataFrame({"kode_bps": codes}).write_parquet(crosswalk / "desa.parquet")
    Provenance("kode_wilayah", "synthetic", [SourceFile("x", "0" * 64, 0)]).write(crosswalk)
    assert materialize(settings).success
    raw = settings.raw_path / "kemendesa_sdgs"
    villages = pl.read_parquet(raw / "villages.parquet")
    # Every crosswalk village, plus per province one village the crosswalk lacks (like the real one).
    assert set(villages["location_code"]) == {*codes, "1101010001", "1201010001"}
    provenance = Provenance.read(raw)
    assert provenance.origin == "synthetic" and "SYNTHETIC" in provenance.notes[0]
    assert pl.read_parquet(raw / "rejects.parquet").height == 4


def test_empty_archive_stops_the_run_naming_the_file(tmp_path: Path):
    landing = tmp_path / "landing" / "kemendesa_sdgs"
    landing.mkdir(parents=True)
    archive = landing / "score-sdgs.jsonl.gz"
    archive.write_bytes(gzip.compress(b""))
    settings = DesaSettings(data_dir=str(tmp_path / "data"), landing_dir=str(tmp_path / "landing"))
    result = materialize(settings, raise_on_error=False)
    assert not result.success
    failures = [e for e in result.all_events if e.is_step_failure]
    assert failures and str(archive) in str(failures[0].step_failure_data.error)
    assert not (settings.raw_path / "kemendesa_sdgs" / "villages.parquet").exists()
