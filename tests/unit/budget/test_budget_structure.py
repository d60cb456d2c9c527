"""The RKA-K/L line code parser and the reference structure the seeds are written from."""

import csv
from pathlib import Path

import pytest

from assets.budget import structure as s

SEEDS = Path(__file__).resolve().parents[3] / "dbt_project" / "seeds" / "budget"


def test_parses_the_domain_example() -> None:
    code = s.parse_line_code("026.01.WA.2158.EBA.994.002.A.524111")
    assert (code.ba, code.unit, code.program, code.kegiatan) == ("026", "01", "WA", "2158")
    assert (code.kro, code.ro, code.komponen) == ("EBA", "994", "002")
    assert (code.subkomponen, code.akun) == ("A", "524111")
    assert str(code) == "026.01.WA.2158.EBA.994.002.A.524111"
    assert code.jenis_belanja == "barang"


def test_surrounding_spaces_are_accepted() -> None:
    code = "067.05.GA.5502.RAB.001.052.A.526211"
    assert str(s.parse_line_code(f" {code}\n")) == code


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("067.05.GA.5502.RAB.001.052.A", "expected 9 dot-separated parts"),
        ("067.05.GA.5502.RAB.001.052.A.526211.1", "expected 9 dot-separated parts"),
        ("67.05.GA.5502.RAB.001.052.A.526211", "BA '67' is not 3 digits"),
        ("067.5.GA.5502.RAB.001.052.A.526211", "Eselon I '5' is not 2 digits"),
        ("067.05.G1.5502.RAB.001.052.A.526211", "program 'G1' is not 2 letters"),
        ("067.05.ga.5502.RAB.001.052.A.526211", "program 'ga' is not 2 letters"),
        ("067.05.GA.550.RAB.001.052.A.526211", "kegiatan '550' is not 4 digits"),
        ("067.05.GA.5502.RA1.001.052.A.526211", "KRO 'RA1' is not 3 letters"),
        ("067.05.GA.5502.RAB.01.052.A.526211", "RO '01' is not 3 digits"),
        ("067.05.GA.5502.RAB.001.52.A.526211", "komponen '52' is not 3 digits"),
        ("067.05.GA.5502.RAB.001.052.AB.526211", "sub-komponen 'AB' is not 1 letter"),
        ("067.05.GA.5502.RAB.001.052.A.5262I1", "akun '5262I1' is not 6 digits"),
        ("067.05.GA.5502.RAB.001.052.A.52621", "akun '52621' is not 6 digits"),
    ],
)
def test_a_wrong_part_is_named(code: str, problem: str) -> None:
    with pytest.raises(s.LineCodeError, match=problem):
        s.parse_line_code(code)


def test_spending_type_and_category() -> None:
    assert s.parse_line_code("067.01.WA.3101.EBA.994.001.A.511111").jenis_belanja == "pegawai"
    assert s.parse_line_code("067.06.GA.5602.RAB.001.052.A.533121").jenis_belanja == "modal"
    assert s.kategori_of("524111", "052") == "perjalanan_dinas"
    assert s.kategori_of("524111", s.MONEV_KOMPONEN) == "monev_lapangan"
    assert s.kategori_of("511111", s.MONEV_KOMPONEN) == "pegawai"
    assert s.kategori_of("526211", "052") == "bantuan"
    assert s.kategori_of("522131", "052") == "kajian_konsultan"
    assert s.kategori_of("521213", "052") == "honorarium"


def test_eight_units_of_perpres_85_2020_and_well_formed_codes() -> None:
    assert len(s.UNITS) == 8
    assert len({u.kode for u in s.UNITS}) == 8
    for keg in s.KEGIATAN:
        for out in keg.outputs:
            for akun, _ in out.akun:
                code = f"{s.BA}.{keg.unit}.{keg.program}.{keg.kode}.{out.kro}.{out.ro}.052.A.{akun}"
                s.parse_line_code(code)
                assert akun in s.ACCOUNT_BY_CODE
    priority = [o.prioritas for k in s.KEGIATAN for o in k.outputs if o.prioritas]
    assert sorted(priority) == sorted(s.PRIORITY_PROGRAMS)


def test_seeds_are_written_from_the_structure() -> None:
    """The dbt seeds and the generator share one structure: regenerate with write_seeds on change."""
    for name, (header, rows) in s.seed_rows().items():
        with (SEEDS / f"{name}.csv").open(encoding="utf-8") as handle:
            written = list(csv.reader(handle))
        assert written[0] == header, name
        assert written[1:] == [[str(v) for v in row] for row in rows], name
