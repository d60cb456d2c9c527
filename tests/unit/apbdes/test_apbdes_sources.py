"""Siskeudes export folders and Sideka tables to raw tables, and the general per-table CSV reader."""

from pathlib import Path

import pytest

from assets.apbdes.sources import SIDEKA_APBDES, SISKEUDES, SISKEUDES_KEYS, SISKEUDES_TABLES
from assets.apbdes.synthetic import generate_sideka, generate_siskeudes
from assets.common.errors import DesaInputError
from assets.common.settings import DesaSettings
from assets.common.source import ParseContext, Source, match_part
from assets.common.tabular import read_exported_table


def _files(source: Source, directory: Path) -> dict[str, list[Path]]:
    return {part.name: match_part(directory, part) for part in source.files}


def _parse(source: Source, directory: Path, tmp_path: Path):
    files = _files(source, directory)
    settings = DesaSettings(data_dir=str(tmp_path / "data"))
    return source.parse(ParseContext(source, settings, files, dict.fromkeys(files, "synthetic"), tmp_path))


def test_exported_table_reads_text_and_rejects_bad_integers(tmp_path: Path) -> None:
    (tmp_path / "Ta_X.columns").write_text(
        '"name","type","length"\n"Kd","STRING","8"\n"Nilai","INTEGER","9"\n'
    )
    (tmp_path / "Ta_X.csv").write_text(
        '"Kd","Nilai"\n"01.2001.","786747799"\n"01.2002.","12.500,00"\n"01.2003.",""\n'
    )
    good, bad = read_exported_table(tmp_path / "Ta_X.csv", ["Kd"])
    assert good["kd"].to_list() == ["01.2001.", "01.2003."]  # codes keep their zeros and dots
    assert good["nilai"].to_list() == ["786747799", None]
    assert bad["reason"].to_list() == ["Nilai is not a whole number"]
    assert bad["record_number"].to_list() == [3]


def test_exported_table_needs_its_schema_and_columns(tmp_path: Path) -> None:
    (tmp_path / "Ta_Y.csv").write_text('"A"\n"1"\n')
    with pytest.raises(DesaInputError, match="no schema file"):
        read_exported_table(tmp_path / "Ta_Y.csv")
    (tmp_path / "Ta_Y.columns").write_text('"name","type"\n"A","STRING"\n')
    with pytest.raises(DesaInputError, match="missing column"):
        read_exported_table(tmp_path / "Ta_Y.csv", ["B"])


def test_siskeudes_folders_are_unioned_with_their_name(tmp_path: Path) -> None:
    landing = tmp_path / "siskeudes"
    landing.mkdir()
    generate_siskeudes(landing)
    parsed = _parse(SISKEUDES, landing, tmp_path)
    rinci = parsed.tables["ta_rabrinci"]
    assert sorted(rinci["ekspor"].unique().to_list()) == ["2019-synthetic-aceh", "2020-synthetic-jateng"]
    assert set(parsed.tables) == {t.lower() for t in SISKEUDES_TABLES}
    assert parsed.rejects["reason"].to_list() == ["HrgSatuan is not a whole number"]


def test_a_siskeudes_folder_missing_a_table_stops_the_run(tmp_path: Path) -> None:
    landing = tmp_path / "siskeudes"
    landing.mkdir()
    generate_siskeudes(landing)
    (landing / "2020-synthetic-jateng" / "Ref_Rek4.csv").unlink()
    with pytest.raises(DesaInputError, match="lacks table"):
        _parse(SISKEUDES, landing, tmp_path)


def test_sideka_rejects_malformed_amounts(tmp_path: Path) -> None:
    landing = tmp_path / "sideka_apbdes"
    landing.mkdir()
    generate_sideka(landing)
    parsed = _parse(SIDEKA_APBDES, landing, tmp_path)
    assert parsed.tables["penganggaran"].height > 100
    assert parsed.rejects["reason"].to_list() == ["anggaran is not a number: '1.500.000'"]


def test_every_siskeudes_key_is_among_the_columns_read() -> None:
    for table, key in SISKEUDES_KEYS.items():
        assert set(key) <= set(SISKEUDES_TABLES[table]), table
