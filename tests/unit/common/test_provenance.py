from pathlib import Path

from assets.common.provenance import Provenance, read_model_provenance, record_model_provenance


def test_models_keep_the_provenance_of_the_build_that_made_them(tmp_path: Path) -> None:
    raw, warehouse = tmp_path / "raw", tmp_path / "warehouse"
    warehouse.mkdir()
    Provenance(source="a", origin="synthetic", generator="g/1").write(raw / "a")
    Provenance(source="b", origin="real").write(raw / "b")
    record_model_provenance(warehouse, {"x": ["a", "b"], "y": ["a"]}, raw)

    Provenance(source="a", origin="real").write(raw / "a")  # a new landing file, ingested later
    record_model_provenance(warehouse, {"y": ["a"]}, raw)  # only y is rebuilt

    recorded = read_model_provenance(warehouse)
    assert [p.origin for p in recorded["x"]] == ["synthetic", "real"]
    assert [p.origin for p in recorded["y"]] == ["real"]
    assert read_model_provenance(tmp_path / "nowhere") == {}
