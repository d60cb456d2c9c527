"""An ingest whose inputs did not change keeps its raw tables instead of parsing again, and parses
again as soon as any input (landing file, parser code, a raw table it wrote) changed or is asked to."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import dagster as dg
import polars as pl
import pytest

from assets.common import source as source_module
from assets.common.settings import DesaSettings
from assets.common.source import INGEST_RECORD, ParseContext, Parsed, Source, source_definitions
from tests.unit.common.test_source import _parse, declared


class CountingParse:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, context: ParseContext) -> Parsed:
        self.calls += 1
        parsed = _parse(context)
        # Metadata of the kinds parsers emit: replayed as it was, except the parse's own timings.
        parsed.metadata = {
            "pagu": {"how": dg.MetadataValue.json({"records_native": 2}), "parse_seconds": 0.5}
        }
        return parsed


def _source() -> tuple[Source, CountingParse]:
    parse = CountingParse()
    return replace(declared(), parse=parse), parse


def _run(source: Source, settings: DesaSettings) -> dg.ExecuteInProcessResult:
    defs = source_definitions(source)
    result = dg.materialize(list(defs.assets or []), resources={"settings": settings})
    assert result.success
    return result


def _metadata(result: dg.ExecuteInProcessResult, table: str) -> dict:
    events = result.asset_materializations_for_node("contoh_ingest")
    found = [e.metadata for e in events if e.asset_key == dg.AssetKey(["raw", f"contoh__{table}"])]
    assert len(found) == 1
    return found[0]


@pytest.fixture
def landing(tmp_path: Path) -> Path:
    folder = tmp_path / "landing" / "contoh"
    folder.mkdir(parents=True)
    (folder / "pagu.csv").write_text("kode,nama,pagu\n11,ACEH,100\n12,SUMUT,2x0\n13,SUMBAR,300\n")
    (folder / "notes.tsv").write_text("kode\tcatatan\n11\treal\n")
    return folder


def _settings(tmp_path: Path, **kwargs: object) -> DesaSettings:
    return DesaSettings(data_dir=str(tmp_path / "data"), landing_dir=str(tmp_path / "landing"), **kwargs)


def test_unchanged_inputs_keep_the_raw_tables_without_parsing(tmp_path: Path, landing: Path) -> None:
    source, parse = _source()
    settings = _settings(tmp_path)
    first = _run(source, settings)
    raw = settings.raw_path / "contoh"
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in raw.glob("*.parquet")}
    second = _run(source, settings)
    assert parse.calls == 1
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in raw.glob("*.parquet")}
    assert after == before  # not even rewritten
    for table in ("pagu", "notes", "rejects"):
        kept, fresh = _metadata(second, table), _metadata(first, table)
        assert kept["reused_from_run"].value == first.run_id
        assert kept["dagster/row_count"] == fresh["dagster/row_count"]
        assert kept["data_origin"] == fresh["data_origin"]
    assert _metadata(second, "pagu")["how"] == _metadata(first, "pagu")["how"]
    assert "parse_seconds" in _metadata(first, "pagu") and "parse_seconds" not in _metadata(second, "pagu")
    kept_rejects, fresh_rejects = (
        _metadata(second, "pagu")["records_rejected"],
        _metadata(first, "pagu")["records_rejected"],
    )
    assert kept_rejects.value == fresh_rejects.value == 1


def test_a_changed_landing_file_is_parsed_again(tmp_path: Path, landing: Path) -> None:
    source, parse = _source()
    settings = _settings(tmp_path)
    _run(source, settings)
    (landing / "pagu.csv").write_text("kode,nama,pagu\n11,ACEH,100\n14,RIAU,400\n")
    second = _run(source, settings)
    assert parse.calls == 2
    assert "reused_from_run" not in _metadata(second, "pagu")
    assert pl.read_parquet(settings.raw_path / "contoh" / "pagu.parquet")["kode"].to_list() == ["11", "14"]
    _run(source, settings)
    assert parse.calls == 2  # and the new parse is the one kept from then on


def test_a_raw_table_touched_since_is_parsed_again(tmp_path: Path, landing: Path) -> None:
    source, parse = _source()
    settings = _settings(tmp_path)
    _run(source, settings)
    table = settings.raw_path / "contoh" / "pagu.parquet"
    pl.read_parquet(table).head(1).write_parquet(table)
    _run(source, settings)
    assert parse.calls == 2
    assert pl.read_parquet(table).height == 2


def test_changed_code_or_a_request_parses_again(
    tmp_path: Path, landing: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, parse = _source()
    _run(source, _settings(tmp_path))
    _run(source, _settings(tmp_path, reuse_ingest=False))
    assert parse.calls == 2
    monkeypatch.setattr(source_module, "CODE_DIGEST", "another version of the code under assets/")
    _run(source, _settings(tmp_path))
    assert parse.calls == 3


def test_reingest_switch_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DESA_REINGEST", raising=False)
    assert DesaSettings.from_env().reuse_ingest
    monkeypatch.setenv("DESA_REINGEST", "1")
    assert not DesaSettings.from_env().reuse_ingest


def test_a_failed_parse_leaves_no_record_to_vouch_for_its_tables(tmp_path: Path, landing: Path) -> None:
    source, _ = _source()
    settings = _settings(tmp_path)
    _run(source, settings)
    record = settings.raw_path / "contoh" / INGEST_RECORD
    assert record.is_file()

    def broken(context: ParseContext) -> Parsed:
        raise RuntimeError("parser crashed half way")

    (landing / "pagu.csv").write_text("kode,nama,pagu\n15,JAMBI,500\n")
    defs = source_definitions(replace(source, parse=broken))
    failed = dg.materialize(list(defs.assets or []), resources={"settings": settings}, raise_on_error=False)
    assert not failed.success
    assert not record.exists()


def test_an_upstream_raw_table_is_part_of_the_fingerprint(tmp_path: Path, landing: Path) -> None:
    upstream = dg.AssetKey(["raw", "induk__daftar"])
    source, parse = _source()
    source = replace(source, deps=(upstream,))
    settings = _settings(tmp_path)
    daftar = settings.raw_path / "induk" / "daftar.parquet"
    daftar.parent.mkdir(parents=True)
    pl.DataFrame({"kode": ["11"]}).write_parquet(daftar)

    def run() -> None:
        defs = source_definitions(source)
        stand_in = dg.AssetSpec(upstream)
        assert dg.materialize(
            [*(defs.assets or []), stand_in],
            resources={"settings": settings},
            selection=[source.landing_key, *(source.table_key(t) for t in ("pagu", "notes", "rejects"))],
        ).success

    run()
    run()
    assert parse.calls == 1
    pl.DataFrame({"kode": ["11", "12"]}).write_parquet(daftar)
    run()
    assert parse.calls == 2


def test_the_console_names_the_run_whose_tables_were_kept(tmp_path: Path, landing: Path) -> None:
    from pipelines.run import StepReporter

    source, _ = _source()
    settings = _settings(tmp_path)
    first = _run(source, settings)
    second = _run(source, settings)
    lines: list[str] = []
    reporter = StepReporter(lines.append, dg.DagsterInstance.ephemeral(), second.run_id)
    for event in second.all_events:
        reporter(event)
    finished = [line for line in lines if "contoh_ingest" in line and line.startswith("finished")]
    assert len(finished) == 1 and first.run_id[:8] in finished[0]


def test_a_changed_reference_file_is_parsed_again(
    tmp_path: Path, landing: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = tmp_path / "seeds"
    (seeds / "dana_desa").mkdir(parents=True)
    renames = seeds / "dana_desa" / "renames.csv"
    renames.write_text("nama_djpk,kode\nKab. Lama,1101\n")
    # an editor's lock file: a dangling symlink, which must not make the digest fail
    (seeds / "dana_desa" / ".#renames.csv").symlink_to(tmp_path / "nowhere")
    monkeypatch.setattr(source_module, "REFERENCE_DIRS", (seeds,))
    source, parse = _source()
    _run(source, _settings(tmp_path))
    _run(source, _settings(tmp_path))
    assert parse.calls == 1
    renames.write_text("nama_djpk,kode\nKab. Lama,1102\n")
    _run(source, _settings(tmp_path))
    assert parse.calls == 2


@pytest.mark.parametrize("damage", ["[]", "{}", '{"fingerprint": 1, "tables": 2}', "not json"])
def test_a_damaged_record_is_parsed_again_not_a_failure(tmp_path: Path, landing: Path, damage: str) -> None:
    source, parse = _source()
    settings = _settings(tmp_path)
    _run(source, settings)
    record = settings.raw_path / "contoh" / INGEST_RECORD
    record.write_text(damage)
    _run(source, settings)
    assert parse.calls == 2
    _run(source, settings)
    assert parse.calls == 2  # the new parse wrote a good record
