"""One small good landing folder per declared source, in the source's official format.

Each is made by the source's own generator where it is quick (the first records of its files) or
from the generator's record writers on a handful of records (IDM, SDGs, the APBN revisions, whose
full generators take seconds to a minute); the crosswalk and the per-village Dana Desa file, whose
generators need national inputs, are a few records written here. Nothing is read from
../shared/data: the corpus runs anywhere. Every sample loads with no reject (the `good` case of
the corpus checks that), so each damage case changes exactly one thing.
"""

from __future__ import annotations

import functools
import random
import tempfile
from collections.abc import Callable
from pathlib import Path

from tests.corpus.landing import Delimited, Landing, Sheet, Text, clone, read_text

# Data records kept from each generated file: enough that one damaged record leaves good ones.
RECORDS = 6

CROSSWALK = {
    "provinsi.csv": [
        "11,ACEH,11,ACEH,0",
        "12,SUMATERA UTARA,12,SUMATERA UTARA,0",
        "13,SUMATERA BARAT,13,SUMATERA BARAT,0",
    ],
    "kabupaten.csv": [
        "1101,SIMEULUE,11.09,KAB. SIMEULUE,11",
        "1102,ACEH SINGKIL,11.10,KAB. ACEH SINGKIL,11",
        "1201,NIAS,12.04,KAB. NIAS,12",
    ],
    "kecamatan.csv": [
        "1101010,TEUPAH SELATAN,11.09.01,TEUPAH SELATAN,1101",
        "1101020,SIMEULUE TIMUR,11.09.02,SIMEULUE TIMUR,1101",
        "1102010,PULAU BANYAK,11.10.01,PULAU BANYAK,1102",
    ],
    "desa.csv.gz": [
        "1101010001,LATIUNG,11.09.01.2001,LATIUNG,1101010",
        "1101010002,LABUHAN BAJAU,11.09.01.2002,LABUHAN BAJAU,1101010",
        "1101010003,SUAK LAMATAN,11.09.01.2003,SUAK LAMATAN,1101010",
        "1101010004,ANA AO,11.09.01.2004,ANA AO,1101010",
        "1101020001,SINABANG,11.09.02.2001,SINABANG,1101020",
        "1101020002,SEMBILAN,11.09.02.2002,SEMBILAN,1101020",
    ],
}


def kode_wilayah() -> Landing:
    from assets.wilayah.crosswalk_parsing import HEADER

    return {
        name: Text([",".join(HEADER), *lines], gzip=name.endswith(".gz")) for name, lines in CROSSWALK.items()
    }


def kemendesa_sdgs() -> Landing:
    from assets.sdgs.synthetic import ARCHIVE_NAME, response_line, village_scores

    rng = random.Random(7)
    codes = [line.split(",")[0] for line in CROSSWALK["desa.csv.gz"]]
    lines = [response_line(code, village_scores(rng), 1) for code in codes]
    return {ARCHIVE_NAME: Text(lines, gzip=True)}


def kemendesa_idm() -> Landing:
    import numpy as np

    from assets.idm import synthetic
    from assets.idm.parsing import EXCEL_CODE_COLUMN, EXCEL_NAME_COLUMNS, YEARS, excel_value_columns

    villages = synthetic.master_villages()[:3]
    scores = synthetic.simulate_scores(len(villages), seed=7)
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / synthetic.API_ARCHIVE
        synthetic.write_api_archive(
            archive, villages, scores, np.arange(len(villages)), seed=7, with_defects=False
        )
        landing: Landing = {synthetic.API_ARCHIVE: read_text(archive)}
    for y, year in enumerate(YEARS):
        header = ["NO", EXCEL_CODE_COLUMN, *EXCEL_NAME_COLUMNS, *excel_value_columns(year)]
        rows = [[n, *row] for n, row in enumerate(synthetic.excel_rows(villages, scores, y), start=1)]
        landing[f"idm-desa-{year}.xlsx"] = Sheet("DESA", [header, *rows])
    return landing


def kemendesa_apbn() -> Landing:
    from assets.budget import synthetic

    lines = _apbn_lines()
    cells = Delimited()
    csv_rows = [[("" if v is None else str(v)) for v in synthetic._row(line, 0)] for line in lines]
    csv_file = Text([cells.line(list(synthetic.COLUMNS)), *(cells.line(row) for row in csv_rows)])
    excel_rows: list[list[object]] = [list(synthetic.COLUMNS)]
    for line in lines:
        row: list[object] = []
        for column, value in zip(synthetic.COLUMNS, synthetic._row(line, 1), strict=True):
            # As the generator writes the export: integers as numbers, except the satker code.
            keep = value if isinstance(value, int) and column != "KDSATKER" else str(value)
            row.append(None if value is None or value == "" else keep)
        excel_rows.append(row)
    return {
        synthetic.file_name(0): csv_file,
        synthetic.file_name(1).replace(".csv", ".xlsx"): Sheet(synthetic.EXCEL_SHEET, excel_rows),
    }


@functools.cache
def _apbn_lines() -> list:
    from assets.budget import synthetic

    return synthetic.revision_0()[:RECORDS]


def _generated(generate: Callable[[Path], object], keep: Callable[[str], bool] = lambda _: True) -> Landing:
    """The generator's files (those `keep` takes), each cut to its header and first records."""
    landing: Landing = {}
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        generate(directory)
        for path in sorted(p for p in directory.rglob("*") if p.is_file()):
            relative = path.relative_to(directory).as_posix()
            if not keep(relative):
                continue
            text = read_text(path)
            if not path.name.endswith(".columns"):  # a schema file is kept whole
                text.lines = text.lines[: RECORDS + 1]
            landing[relative] = text
    return landing


def djpk_tkdd() -> Landing:
    from assets.dana_desa.synthetic import generate_djpk_tkdd

    return _generated(generate_djpk_tkdd)


def djpk_dana_desa() -> Landing:
    from assets.dana_desa.synthetic import generate_djpk_dana_desa

    # One formula-input file: a .gz variant of it is then the only match of its part.
    return _generated(generate_djpk_dana_desa, keep=lambda name: "2018" not in name)


def djpk_dana_desa_desa() -> Landing:
    from assets.dana_desa.sources import DESA_COLUMNS

    villages = [
        ("11.09.01.2001", "Latiung"),
        ("11.09.01.2002", "Labuhan Bajau"),
        ("11.09.01.2003", "Suak Lamatan"),
        ("11.09.01.2004", "Ana Ao"),
        ("11.09.02.2001", "Sinabang"),
        ("11.09.02.2002", "Sembilan"),
    ]
    rows = [
        f"2021\t11\tProvinsi Aceh\t09\tKab. Simeulue\t{kode}\t{nama}\t"
        f"{600_000_000 + i}\t{50_000_000}\t{10_000_000}\t{340_000_000 - i}\t{1_000_000_000}"
        for i, (kode, nama) in enumerate(villages)
    ]
    return {"dana-desa-desa-2021.tsv.gz": Text(["\t".join(DESA_COLUMNS), *rows], gzip=True)}


def siskeudes() -> Landing:
    from assets.apbdes.synthetic import EXPORTS, generate_siskeudes

    first = EXPORTS[0][0]
    return _generated(generate_siskeudes, keep=lambda name: name.startswith(first + "/"))


def sideka_apbdes() -> Landing:
    from assets.apbdes.synthetic import generate_sideka

    return _generated(generate_sideka)


SAMPLES: dict[str, Callable[[], Landing]] = {
    "kode_wilayah": kode_wilayah,
    "kemendesa_sdgs": kemendesa_sdgs,
    "kemendesa_idm": kemendesa_idm,
    "kemendesa_apbn": kemendesa_apbn,
    "djpk_tkdd": djpk_tkdd,
    "djpk_dana_desa": djpk_dana_desa,
    "djpk_dana_desa_desa": djpk_dana_desa_desa,
    "siskeudes": siskeudes,
    "sideka_apbdes": sideka_apbdes,
}


@functools.cache
def _sample(source: str) -> Landing:
    return SAMPLES[source]()


def sample(source: str) -> Landing:
    """A fresh copy of the source's good sample (built once per process)."""
    return clone(_sample(source))
