import json
from pathlib import Path

from assets.common.landing import resolve_landing
from assets.common.provenance import Provenance

REQUIRED = [["a.csv.gz", "a.csv"], ["b.csv"]]


def _generator(calls: list[Path]):
    def generate(directory: Path) -> None:
        calls.append(directory)
        (directory / "a.csv").write_text("x\n")
        (directory / "b.csv").write_text("y\n")

    return generate


def test_real_files_win(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    (landing / "src").mkdir(parents=True)
    (landing / "src" / "a.csv.gz").write_bytes(b"real")
    (landing / "src" / "b.csv").write_text("real")
    calls: list[Path] = []
    result = resolve_landing("src", landing, tmp_path / "synthetic", REQUIRED, _generator(calls), "gen/1")
    assert result.provenance.origin == "real"
    assert not result.is_synthetic
    assert [Path(f.path).name for f in result.provenance.files] == ["a.csv.gz", "b.csv"]
    assert calls == []


def test_missing_files_are_generated_once_and_labelled(tmp_path: Path) -> None:
    calls: list[Path] = []
    first = resolve_landing("src", None, tmp_path / "synthetic", REQUIRED, _generator(calls), "gen/1")
    second = resolve_landing("src", None, tmp_path / "synthetic", REQUIRED, _generator(calls), "gen/1")
    assert first.is_synthetic and second.is_synthetic
    assert len(calls) == 1, "the cached generation is reused"
    assert "SYNTHETIC" in first.provenance.notes[0]
    resolve_landing("src", None, tmp_path / "synthetic", REQUIRED, _generator(calls), "gen/2")
    assert len(calls) == 2, "a new generator id regenerates"


def test_partial_landing_folder_falls_back_to_synthetic(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    (landing / "src").mkdir(parents=True)
    (landing / "src" / "a.csv").write_text("only one of two")
    calls: list[Path] = []
    result = resolve_landing("src", landing, tmp_path / "synthetic", REQUIRED, _generator(calls), "gen/1")
    assert result.is_synthetic
    assert str(landing / "src") in result.provenance.notes[0]


def test_provenance_round_trip(tmp_path: Path) -> None:
    calls: list[Path] = []
    landing = resolve_landing("src", None, tmp_path / "s", REQUIRED, _generator(calls), "gen/1")
    landing.provenance.write(tmp_path / "raw")
    assert Provenance.read(tmp_path / "raw") == landing.provenance
    assert json.loads((tmp_path / "raw" / "_provenance.json").read_text())["origin"] == "synthetic"
