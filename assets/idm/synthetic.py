"""Synthetic IDM landing files in the official formats: the API archive and the yearly Excel files.

Deterministic for a seed. What it reproduces from the real archive (`../shared/data/kemendesa_idm`):
- 55 rows per response: 35 social, 12 economic and 3 ecological indicator rows scored 0-5, the IKS,
  IKE, IKL subtotal rows (score sum / (5 x n), 14 decimals), IDM = mean of the three, a status row;
  NILAI = what raising the indicator to 5 would add to the IDM, (5 - skor) / (5 x n x 3);
- status by the Permendesa 2/2016 thresholds; TARGET_STATUS the next status; SKOR_MINIMAL its floor;
- the request code is the Kemendagri code without dots, as is IDENTITAS.id_desa (as in the real
  archive, where the two are equal on all 10,006 lines);
- a status mix close to the national one (2023: about 6% / 10% / 38% / 31% / 15%), rising by year.

Defects, so that every reject path runs: a truncated JSON line, a response with 54 rows, a score of
7, a duplicate line, a few outdated `id_desa` codes; in the Excel files a `-` index, an empty village
code and an index typed as "0.7x". (An index above 1 would load and stop publication at the
idm_status suite, so the default carries none.) A handful of village-years carry a status that
disagrees with the thresholds: facts about a source, flagged, not rejected.
"""

from __future__ import annotations

import gzip
import io
import json
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import numpy as np

from assets.idm.parsing import (
    EXCEL_CODE_COLUMN,
    EXCEL_NAME_COLUMNS,
    EXCEL_SHEET,
    N_INDICATORS,
    STATUSES,
    YEARS,
    excel_file_name,
    excel_value_columns,
)
from assets.wilayah.master import load_master_regions

GENERATOR_VERSION = "kemendesa_idm/3"
EXCEL_GENERATOR_VERSION = "kemendesa_idm_excel/2"
DEFAULT_SEED = 20216
DEFAULT_API_VILLAGES = 2000
API_ARCHIVE = "idm-rumusan.jsonl.gz"

# Upper bounds (inclusive) of each status, Permendesa PDTT 2/2016.
THRESHOLDS = (
    (Decimal("0.4907"), "SANGAT TERTINGGAL"),
    (Decimal("0.5989"), "TERTINGGAL"),
    (Decimal("0.7072"), "BERKEMBANG"),
    (Decimal("0.8155"), "MAJU"),
)

INDICATORS: dict[str, list[tuple[str, str]]] = {
    # (name, who should act: P pusat, R provinsi, K kabupaten, D desa, C CSR, L lainnya)
    "IKS": [
        ("Skor Akses Sarkes", "K"),
        ("Skor Dokter", "K"),
        ("Skor Bidan", "K"),
        ("Skor Nakes Lain", "K"),
        ("Skor Tingkat Kepesertaan BPJS", "KL"),
        ("Skor Akses Poskesdes", "K"),
        ("Skor Aktivitas Posyandu", "RKD"),
        ("Skor Akses SD/MI", "K"),
        ("Skor Akses SMP/MTS", "K"),
        ("Skor Akses SMA/SMK", "RK"),
        ("Skor Ketersediaan PAUD", "RKD"),
        ("Skor Ketersediaan PKBM/ Paket ABC", "K"),
        ("Skor Ketersediaan Kursus", "CL"),
        ("Skor Ketersediaan Taman Baca/ Perpus Desa", "PRKDC"),
        ("Skor Kebiasaan Goryong", "D"),
        ("Skor Frekuensi Goryong", "D"),
        ("Skor Ketersediaan Ruang Publik", "KD"),
        ("Skor Kelompok OR", "RKD"),
        ("Skor Kegiatan OR", "PRKDCL"),
        ("Skor Keragaman Agama", "D"),
        ("Skor Keragaman Bahasa", "D"),
        ("Skor Keragaman Komunikasi", "D"),
        ("Skor Poskamling", "D"),
        ("Skor Siskamling", "D"),
        ("Skor Konflik", "K"),
        ("Skor PMKS", "K"),
        ("Skor SLB", "R"),
        ("Skor Akses Listrik", "PRDCL"),
        ("Skor Sinyal Tlp", "PRKL"),
        ("Skor Internet Kantor Desa", "PDC"),
        ("Skor Akses Internet Warga", "PRKL"),
        ("Skor Akses Jamban", "KCL"),
        ("Skor Sampah", "RKDC"),
        ("Skor Air Minum", "PKDCL"),
        ("Skor Air Mandi & Cuci", "PKDCL"),
    ],
    "IKE": [
        ("Skor Keragaman Produksi", "RKDCL"),
        ("Skor Pertokoan", "KL"),
        ("Skor Pasar", "PRK"),
        ("Skor Toko/ Warung Kelontong", "DL"),
        ("Skor Kedai & Penginapan", "RKDL"),
        ("Skor POS & Logistik", "DL"),
        ("Skor Bank & BPR", "L"),
        ("Skor Kredit", "KDL"),
        ("Skor Lembaga Ekonomi", "KDC"),
        ("Skor Moda Transportasi Umum", "K"),
        ("Skor Keterbukaan Wilayah", "KDC"),
        ("Skor Kualitas Jalan", "KDC"),
    ],
    "IKL": [
        ("Skor Kualitas Lingkungan", "RK"),
        ("Skor Rawan Bencana", "RK"),
        ("Skor Tanggap Bencana", "PRKDC"),
    ],
}
FIRST_CELL = {"IKS": 10, "IKE": 46, "IKL": 59}
SUBTOTAL_CELL = {"IKS": 45, "IKE": 58, "IKL": 62}
ACTOR_TEXT = {
    "P": ("PUSAT", "Kemendes"),
    "R": ("PROV", "DPMD"),
    "K": ("KAB", "Dinas terkait"),
    "D": ("DESA", "DD"),
    "C": ("CSR", "CSR"),
    "L": ("LAINNYA", "Swasta"),
}
FOURTEEN = Decimal("0.00000000000001")


def status_of(value: Decimal) -> str:
    for upper, status in THRESHOLDS:
        if value <= upper:
            return status
    return "MANDIRI"


def decimal_text(value: Decimal) -> str:
    text = format(value.quantize(FOURTEEN, rounding=ROUND_HALF_UP).normalize(), "f")
    return text if text not in ("-0",) else "0"


@dataclass(frozen=True)
class Village:
    code: str  # Kemendagri, dotted
    nama: str
    kecamatan: str
    kabupaten: str
    provinsi: str


def master_villages() -> list[Village]:
    """Every desa (not kelurahan) of the Kemendagri 2025 master: village codes 2xxx and 3xxx."""
    regions = load_master_regions().regions
    names = {r.kode: r.nama for r in regions if r.kode.count(".") < 3}
    return [
        Village(r.kode, r.nama, names[r.kode[:8]], names[r.kode[:5]], names[r.kode[:2]])
        for r in regions
        if r.kode.count(".") == 3 and r.kode[9] in "23"
    ]


def simulate_scores(n_villages: int, seed: int) -> np.ndarray:
    """Indicator scores, shape (villages, years, 50), int8 in 0-5, rising a little each year."""
    rng = np.random.default_rng(seed)
    level = rng.beta(14, 7, size=n_villages)  # village's development level in (0, 1)
    offsets = np.array([0.0, 0.02, 0.04, 0.06])
    per_indicator = rng.normal(0.0, 0.1, size=(1, 1, 50))  # some indicators are scarce everywhere
    latent = level[:, None, None] + offsets[None, :, None] + per_indicator
    noise = rng.normal(0.0, 0.2, size=(n_villages, len(YEARS), 50))
    return np.clip(np.rint((latent + noise) * 5), 0, 5).astype(np.int8)


def indices_of(scores: np.ndarray) -> tuple[Decimal, Decimal, Decimal]:
    """(IKS, IKE, IKL) as exact fractions of one village-year's 50 scores."""
    s, e = N_INDICATORS["IKS"], N_INDICATORS["IKS"] + N_INDICATORS["IKE"]
    return (
        Decimal(int(scores[:s].sum())) / Decimal(5 * N_INDICATORS["IKS"]),
        Decimal(int(scores[s:e].sum())) / Decimal(5 * N_INDICATORS["IKE"]),
        Decimal(int(scores[e:].sum())) / Decimal(5 * N_INDICATORS["IKL"]),
    )


CATALOG = [
    (dimension, number, name, actors, len(catalog))
    for dimension, catalog in INDICATORS.items()
    for number, (name, actors) in enumerate(catalog, start=1)
]


def _indicator_row(position: int, skor: int) -> dict[str, Any]:
    dimension, number, name, actors, n = CATALOG[position]
    gain = Decimal(5 - skor) / Decimal(5 * n * 3)
    row: dict[str, Any] = {
        "NO": number,
        "INDIKATOR": name,
        "SKOR": skor,
        "KETERANGAN": f"Kondisi skor {skor}",
        "KEGIATAN": "-" if skor == 5 else f"Peningkatan {name[5:].lower()}",
        "NILAI": format(gain.quantize(Decimal("0.00000001"), rounding=ROUND_HALF_UP), "f"),
    }
    for code, (field, text) in ACTOR_TEXT.items():
        row[field] = text if code in actors else None
    row["ROW_CELL"] = FIRST_CELL[dimension] + number - 1
    return row


# Each indicator row's JSON for each score: lines are assembled from these at national scale.
FRAGMENTS = [[json.dumps(_indicator_row(p, skor)) for skor in range(6)] for p in range(len(CATALOG))]
ROW_PLACEHOLDER = "__ROWS__"


def api_response(
    village: Village,
    year: int,
    scores: np.ndarray,
    id_desa: str,
    status_override: str | None,
    rows_as_text=False,
):
    """One response body; with `rows_as_text` the ROW list is a placeholder (see api_line)."""
    iks, ike, ikl = indices_of(scores)
    idm = (iks + ike + ikl) / 3
    status = status_override or status_of(idm)
    target = STATUSES[min(STATUSES.index(status) + 1, len(STATUSES) - 1)]
    floor = {"TERTINGGAL": "0.4908", "BERKEMBANG": "0.5990", "MAJU": "0.7073", "MANDIRI": "0.8156"}[target]
    subtotals = {
        45: _subtotal(f"IKS {year}", float(decimal_text(iks)), 45),
        58: _subtotal(f"IKE {year}", float(decimal_text(ike)), 58),
        62: _subtotal(f"IKL {year}", float(decimal_text(ikl)), 62),
    }
    ends = {34: 45, 46: 58, 49: 62}  # last indicator position of a dimension -> its subtotal row
    rows: list[Any] = []
    for position, skor in enumerate(scores.tolist()):
        rows.append(FRAGMENTS[position][skor] if rows_as_text else _indicator_row(position, skor))
        if position in ends:
            subtotal = subtotals[ends[position]]
            rows.append(json.dumps(subtotal) if rows_as_text else subtotal)
    for row in (
        _subtotal(f"IDM {year}", float(decimal_text(idm)), 63),
        _subtotal(f"STATUS IDM {year}", status.title(), 64),
    ):
        rows.append(json.dumps(row) if rows_as_text else row)
    kode = village.code.replace(".", "")
    identity = {
        "nama_provinsi": village.provinsi.upper(),
        "id_prov": kode[:2],
        "id_kabupaten": kode[:4],
        "nama_kab_kota": village.kabupaten.upper().removeprefix("KABUPATEN "),
        "id_kecamatan": kode[:6],
        "nama_kecamatan": village.kecamatan.upper(),
        "id_desa": id_desa,
        "nama_desa": village.nama.upper(),
    }
    summaries = {
        "SKOR_SAAT_INI": float(decimal_text(idm)),
        "STATUS": status,
        "TARGET_STATUS": target,
        "SKOR_MINIMAL": floor,
        "PENAMBAHAN": max(float(Decimal(floor) - idm), 0.0),
        "TAHUN": year,
    }
    map_data: dict[str, Any] = {"SUMMARIES": summaries, "ROW": rows, "IDENTITAS": [identity]}
    body = {"status": 200, "error": False, "mapData": map_data}
    if rows_as_text:
        map_data["ROW"] = ROW_PLACEHOLDER
        return body, "[" + ", ".join(rows) + "]"
    return body


def api_line(
    village: Village, year: int, scores: np.ndarray, id_desa: str, status_override: str | None
) -> str:
    """One archive line, assembled from cached row fragments (same JSON as json.dumps of the dict)."""
    body, rows = api_response(village, year, scores, id_desa, status_override, rows_as_text=True)
    text = json.dumps({"kode_desa": id_desa, "tahun": year, "response": body})
    return text.replace(f'"{ROW_PLACEHOLDER}"', rows, 1)


def _subtotal(name: str, value: Any, cell: int) -> dict[str, Any]:
    return {
        "NO": None,
        "INDIKATOR": name,
        "SKOR": value,
        "KETERANGAN": None,
        "KEGIATAN": None,
        "NILAI": None,
        "PUSAT": None,
        "PROV": None,
        "KAB": None,
        "DESA": None,
        "CSR": None,
        "LAINNYA": None,
        "ROW_CELL": cell,
    }


def _sample(n_total: int, n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed + 1)
    return np.sort(rng.choice(n_total, size=min(n, n_total), replace=False))


def write_api_archive(
    path: Path,
    villages: list[Village],
    scores: np.ndarray,
    sample: np.ndarray,
    seed: int,
    with_defects: bool = True,
    compresslevel: int = 6,
) -> int:
    """Write the API archive for the sampled villages; returns the number of lines."""
    rng = np.random.default_rng(seed + 2)
    n = len(sample)
    outdated = set(rng.choice(n, size=max(1, n // 100), replace=False).tolist()) if with_defects else set()
    disagree = set(rng.choice(n * 4, size=3, replace=False).tolist()) if with_defects else set()
    # Outdated codes are free in the master and distinct from each other (no duplicate village-years).
    taken = {v.code.replace(".", "") for v in villages}
    outdated_code: dict[int, str] = {}
    for i in sorted(outdated):
        kode = villages[int(sample[i])].code.replace(".", "")
        number = 2999
        while kode[:6] + str(number) in taken:
            number -= 1
        outdated_code[i] = kode[:6] + str(number)
        taken.add(outdated_code[i])
    lines = 0
    with (
        gzip.GzipFile(path, "wb", mtime=0, compresslevel=compresslevel) as raw,
        io.TextIOWrapper(raw, encoding="utf-8") as handle,
    ):
        for i, index in enumerate(sample.tolist()):
            village = villages[index]
            kode = village.code.replace(".", "")
            # An outdated code: what the IDM system knew that year, no longer in the current master.
            id_desa = outdated_code.get(i, kode)
            for y, year in enumerate(YEARS):
                override = None
                if i * 4 + y in disagree:
                    status = status_of((sum(indices_of(scores[index, y]), Decimal(0))) / 3)
                    override = STATUSES[(STATUSES.index(status) + 1) % len(STATUSES)]
                handle.write(api_line(village, year, scores[index, y], id_desa, override) + "\n")
                lines += 1
        if with_defects:
            lines += _write_api_defects(handle, villages, scores, sample)
    return lines


def _write_api_defects(handle, villages: list[Village], scores: np.ndarray, sample: np.ndarray) -> int:
    village, index = villages[int(sample[0])], int(sample[0])
    kode = village.code.replace(".", "")
    good = json.dumps(
        {
            "kode_desa": kode,
            "tahun": 2021,
            "response": api_response(village, 2021, scores[index, 0], kode, None),
        }
    )
    short = api_response(village, 2022, scores[index, 1], kode, None)
    short["mapData"]["ROW"] = short["mapData"]["ROW"][:-1]
    bad_score = api_response(village, 2023, scores[index, 2], kode, None)
    # A score written as text cannot be loaded (a score of 7 would load and stop publication instead).
    bad_score["mapData"]["ROW"][3]["SKOR"] = "7"
    defects = [
        good[: len(good) // 2],  # cut short, as by a killed harvest
        json.dumps({"kode_desa": kode, "tahun": 2022, "response": short}),
        json.dumps({"kode_desa": kode, "tahun": 2023, "response": bad_score}),
        good,  # the same village-year twice
    ]
    for line in defects:
        handle.write(line + "\n")
    return len(defects)


def excel_rows(villages: list[Village], scores: np.ndarray, y: int) -> list[list[Any]]:
    """Rows of one year's sheet: values rounded to 4 decimals as the official files print them."""
    s, e = N_INDICATORS["IKS"], N_INDICATORS["IKS"] + N_INDICATORS["IKE"]
    year = scores[:, y, :].astype(np.int64)
    iks = year[:, :s].sum(axis=1) / (5 * N_INDICATORS["IKS"])
    ike = year[:, s:e].sum(axis=1) / (5 * N_INDICATORS["IKE"])
    ikl = year[:, e:].sum(axis=1) / (5 * N_INDICATORS["IKL"])
    idm = np.round((iks + ike + ikl) / 3, 4)
    bounds = np.array([float(upper) for upper, _ in THRESHOLDS])
    status = np.searchsorted(bounds, idm, side="left")  # idm <= bound -> that status
    iks, ike, ikl = np.round(iks, 4), np.round(ike, 4), np.round(ikl, 4)
    return [
        [
            village.code.replace(".", ""),
            village.provinsi.upper(),
            village.kabupaten.upper(),
            village.kecamatan.upper(),
            village.nama.upper(),
            float(iks[index]),
            float(ike[index]),
            float(ikl[index]),
            float(idm[index]),
            STATUSES[int(status[index])],
        ]
        for index, village in enumerate(villages)
    ]


def write_excel(path: Path, year: int, rows: list[list[Any]]) -> None:
    import xlsxwriter

    header = ["NO", EXCEL_CODE_COLUMN, *EXCEL_NAME_COLUMNS, *excel_value_columns(year)]
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet(EXCEL_SHEET)
    sheet.write_row(0, 0, header)
    for number, row in enumerate(rows, start=1):
        sheet.write_number(number, 0, number)
        # The code as text: as a number Excel would show 1.101E+09.
        sheet.write_string(number, 1, str(row[0]))
        sheet.write_row(number, 2, row[1:])
    workbook.close()


def generate_api(directory: Path, seed: int = DEFAULT_SEED, n_villages: int = DEFAULT_API_VILLAGES) -> Path:
    """The API archive for a sample of `n_villages` desa of the master."""
    villages = master_villages()
    scores = simulate_scores(len(villages), seed)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / API_ARCHIVE
    write_api_archive(path, villages, scores, _sample(len(villages), n_villages, seed), seed)
    return path


def generate_excel(directory: Path, seed: int = DEFAULT_SEED) -> list[Path]:
    """One Excel file per year 2021-2024, every desa of the master, with a few defective rows."""
    villages = master_villages()
    scores = simulate_scores(len(villages), seed)
    rng = np.random.default_rng(seed + 3)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for y, year in enumerate(YEARS):
        rows = excel_rows(villages, scores, y)
        picks = rng.choice(len(rows), size=5, replace=False).tolist()
        rows[picks[0]][5] = "-"  # an index left blank as "-"
        rows[picks[1]][0] = ""  # a village without its code
        rows[picks[2]][6] = "0.7x"  # an index mistyped: not a number
        # A status that disagrees with the thresholds: a fact about the source, flagged.
        status = rows[picks[3]][9]
        rows[picks[3]][9] = STATUSES[(STATUSES.index(status) + 1) % len(STATUSES)]
        path = directory / excel_file_name(year)
        write_excel(path, year, rows)
        paths.append(path)
    return paths
