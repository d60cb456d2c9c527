from pathlib import Path

from assets.common.source import match_part
from assets.wilayah.assets import KODE_WILAYAH
from assets.wilayah.crosswalk_parsing import LEVELS, parse_crosswalk_file
from assets.wilayah.master import EXPECTED_COUNTS, level_counts, load_master_regions
from assets.wilayah.synthetic import generate_crosswalk


def test_master_has_the_2025_counts() -> None:
    master = load_master_regions()
    assert level_counts(master.regions) == EXPECTED_COUNTS
    assert sum(1 for r in master.regions if r.kode.count(".") == 3 and r.kode[9] == "1") == 8496  # kelurahan


def test_synthetic_crosswalk_is_deterministic_and_has_the_real_quirks(tmp_path: Path) -> None:
    first = generate_crosswalk(tmp_path / "a", seed=7)
    second = generate_crosswalk(tmp_path / "b", seed=7)
    for name in ("provinsi.csv", "kabupaten.csv", "kecamatan.csv", "desa.csv.gz"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert first.truth == second.truth

    files = {level: match_part(tmp_path / "a", KODE_WILAYAH.part(level))[0] for level in LEVELS}
    parsed = {level: parse_crosswalk_file(files[level], level).records() for level in LEVELS}
    assert len(parsed["provinsi"]) == 34  # the BPS frame, before the 2022 Papua split
    provinces = {r.kode_bps: r.kode_dagri for r in parsed["provinsi"]}
    assert provinces["94"] == "91" and provinces["91"] == "92"
    villages = parsed["desa"]
    assert len(villages) > 82_000
    repairs = [r.repair or "" for r in villages]
    assert sum("unquoted comma" in r for r in repairs) >= 5
    assert sum("missing parent" in r for r in repairs) >= 5
    assert sum("empty parent" in r for r in repairs) >= 400
    assert sum('"' in (r.nama_dagri or "") for r in villages) >= 20
    # The first village of each province is missing, as in the real file.
    codes = {r.kode_bps for r in villages}
    assert all(code in first.truth for code in codes)
    assert len(codes) == len(first.truth)
    assert any(r.kode_dagri is None for r in parsed["kecamatan"])
    # Villages of the 2022 provinces carry pre-split Kemendagri codes.
    assert not any((r.kode_dagri or "").startswith(("93.", "94.", "95.", "96.")) for r in villages)
    assert any(first.truth[r.kode_bps].startswith("95.") for r in villages)


def test_synthetic_crosswalk_has_unrecoverable_lines_for_the_rejects_path(tmp_path: Path) -> None:
    generate_crosswalk(tmp_path, seed=3)
    parsed = parse_crosswalk_file(tmp_path / "desa.csv.gz", "desa")
    assert len(parsed.rejected) == 2
    assert all("no Kemendagri code" in r.reason for r in parsed.rejected)
