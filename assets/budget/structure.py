"""The RKA-K/L code structure of Kemendes PDTT's budget (BA 067), and the line-code parser.

A budget line is coded (from TA 2021) as
`BA(3 digits).Eselon I(2).Program(2 letters).Kegiatan(4 digits).KRO(3 letters).RO(3 digits).
Komponen(3 digits).Sub-komponen(letter).Akun(6 digits)`, e.g. `067.05.GA.5301.QDB.001.052.A.526211`
(../shared/DOMAIN.md, "Budget line code").

The eight Eselon I units are those of Perpres 85/2020. Their two-digit unit codes, the program
letters of the technical programs and the kegiatan/KRO/RO numbers below are the reference structure
this project uses (the public sources give the shape of the code, not Kemendes PDTT's code lists);
the dbt seeds in `dbt_project/seeds/budget/` are written from this module (`write_seeds`) so the
generator and the models share one structure. `WA` (Program Dukungan Manajemen) is the code every
ministry uses for its support program.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

BA = "067"
THANG = 2021

LINE_CODE = re.compile(
    r"^(?P<ba>[0-9]{3})\.(?P<unit>[0-9]{2})\.(?P<program>[A-Z]{2})\.(?P<kegiatan>[0-9]{4})\."
    r"(?P<kro>[A-Z]{3})\.(?P<ro>[0-9]{3})\.(?P<komponen>[0-9]{3})\.(?P<subkomponen>[A-Z])\."
    r"(?P<akun>[0-9]{6})$"
)


@dataclass(frozen=True)
class LineCode:
    ba: str
    unit: str
    program: str
    kegiatan: str
    kro: str
    ro: str
    komponen: str
    subkomponen: str
    akun: str

    def __str__(self) -> str:
        parts = (self.ba, self.unit, self.program, self.kegiatan, self.kro, self.ro)
        return ".".join((*parts, self.komponen, self.subkomponen, self.akun))

    @property
    def jenis_belanja(self) -> str:
        """pegawai (51), barang (52), modal (53), from the account's first two digits."""
        return JENIS_BY_PREFIX.get(self.akun[:2], "lainnya")


class LineCodeError(ValueError):
    pass


def parse_line_code(code: str) -> LineCode:
    """A dotted RKA-K/L line code split into its parts; LineCodeError naming the part that is wrong."""
    text = code.strip()
    match = LINE_CODE.match(text)
    if match:
        return LineCode(**match.groupdict())
    parts = text.split(".")
    if len(parts) != 9:
        raise LineCodeError(f"{code!r}: expected 9 dot-separated parts (BA to akun), found {len(parts)}")
    shapes = [
        ("BA", r"[0-9]{3}", "3 digits"),
        ("Eselon I", r"[0-9]{2}", "2 digits"),
        ("program", r"[A-Z]{2}", "2 letters"),
        ("kegiatan", r"[0-9]{4}", "4 digits"),
        ("KRO", r"[A-Z]{3}", "3 letters"),
        ("RO", r"[0-9]{3}", "3 digits"),
        ("komponen", r"[0-9]{3}", "3 digits"),
        ("sub-komponen", r"[A-Z]", "1 letter"),
        ("akun", r"[0-9]{6}", "6 digits"),
    ]
    for value, (name, pattern, shape) in zip(parts, shapes, strict=True):
        if not re.fullmatch(pattern, value):
            raise LineCodeError(f"{code!r}: {name} {value!r} is not {shape}")
    raise LineCodeError(f"{code!r}: not a line code")  # pragma: no cover - every part matched


JENIS_BY_PREFIX = {"51": "pegawai", "52": "barang", "53": "modal"}


# ---------------------------------------------------------------------------------------------
# Units and programs


@dataclass(frozen=True)
class Unit:
    kode: str
    singkatan: str
    nama: str


UNITS: tuple[Unit, ...] = (
    Unit("01", "Setjen", "Sekretariat Jenderal"),
    Unit("02", "Itjen", "Inspektorat Jenderal"),
    Unit("03", "Ditjen PDP", "Direktorat Jenderal Pembangunan Desa dan Perdesaan"),
    Unit(
        "04",
        "Ditjen PEID",
        "Direktorat Jenderal Pengembangan Ekonomi dan Investasi Desa, Daerah Tertinggal, dan Transmigrasi",
    ),
    Unit("05", "Ditjen PPDT", "Direktorat Jenderal Percepatan Pembangunan Daerah Tertinggal"),
    Unit("06", "Ditjen PPKTrans", "Direktorat Jenderal Pembangunan dan Pengembangan Kawasan Transmigrasi"),
    Unit("07", "BPI", "Badan Pengembangan dan Informasi Desa, Daerah Tertinggal, dan Transmigrasi"),
    Unit(
        "08",
        "BPSDM",
        "Badan Pengembangan Sumber Daya Manusia dan Pemberdayaan Masyarakat Desa, Daerah Tertinggal, "
        "dan Transmigrasi",
    ),
)
UNIT_BY_SHORT = {u.singkatan: u for u in UNITS}

PROGRAMS: dict[str, str] = {
    "WA": "Program Dukungan Manajemen",
    "GA": "Program Desa, Daerah Tertinggal dan Transmigrasi",
    "DL": "Program Pendidikan dan Pelatihan Vokasi",
    "DM": "Program Riset dan Inovasi Ilmu Pengetahuan dan Teknologi",
}

KRO: dict[str, str] = {
    "EBA": "Layanan Dukungan Manajemen Internal",
    "EBB": "Layanan Sarana dan Prasarana Internal",
    "EBC": "Layanan Manajemen SDM Internal",
    "EBD": "Layanan Manajemen Kinerja Internal",
    "PEA": "Kebijakan Bidang Desa, Daerah Tertinggal dan Transmigrasi",
    "QDB": "Fasilitasi dan Pembinaan Pemerintah Daerah",
    "QDC": "Fasilitasi dan Pembinaan Masyarakat",
    "QDD": "Fasilitasi dan Pembinaan Lembaga",
    "QEA": "Pelatihan Bidang Desa dan Pemberdayaan Masyarakat",
    "RAB": "Prasarana Bidang Permukiman",
    "DCM": "Sistem Informasi",
    "BDB": "Fasilitasi dan Pembinaan Desa Wisata",
    "BMA": "Data dan Informasi Publik",
}


# ---------------------------------------------------------------------------------------------
# Accounts (Bagan Akun Standar) and the spending categories the 2021 refocusing names


@dataclass(frozen=True)
class Account:
    kode: str
    nama: str
    kategori: str  # see KATEGORI
    satuan: str


KATEGORI: dict[str, str] = {
    "pegawai": "Belanja pegawai (51): salaries and allowances",
    "operasional": "Operational goods and services: office running, utilities, maintenance",
    "perjalanan_dinas": "Official travel and meeting packages (524xxx) outside monitoring and evaluation",
    "honorarium": "Honoraria (521213, 521115)",
    "kajian_konsultan": "Consultant studies (522131)",
    "monev_lapangan": "On-site monitoring and evaluation (komponen 054)",
    "bantuan": "Goods handed to the public or regions: government aid (526xxx)",
    "barang_lainnya": "Other non-operational goods and services (materials, professional and other services)",
    "modal": "Belanja modal (53): buildings, equipment, roads",
}

ACCOUNTS: tuple[Account, ...] = (
    Account("511111", "Belanja Gaji Pokok PNS", "pegawai", "OB"),
    Account("511121", "Belanja Tunjangan Suami/Istri PNS", "pegawai", "OB"),
    Account("511122", "Belanja Tunjangan Anak PNS", "pegawai", "OB"),
    Account("511123", "Belanja Tunjangan Struktural PNS", "pegawai", "OB"),
    Account("511124", "Belanja Tunjangan Fungsional PNS", "pegawai", "OB"),
    Account("511126", "Belanja Tunjangan Beras PNS", "pegawai", "OB"),
    Account("511129", "Belanja Uang Makan PNS", "pegawai", "OH"),
    Account("512211", "Belanja Uang Lembur", "pegawai", "OJ"),
    Account("513111", "Belanja Tunjangan Kinerja", "pegawai", "OB"),
    Account("521111", "Belanja Operasional Perkantoran", "operasional", "BLN"),
    Account("521115", "Belanja Honor Operasional Satuan Kerja", "honorarium", "OB"),
    Account("521211", "Belanja Bahan", "barang_lainnya", "PAKET"),
    Account("521213", "Belanja Honor Output Kegiatan", "honorarium", "OK"),
    Account("521219", "Belanja Barang Non Operasional Lainnya", "barang_lainnya", "PAKET"),
    Account("522111", "Belanja Langganan Listrik", "operasional", "BLN"),
    Account("522112", "Belanja Langganan Telepon", "operasional", "BLN"),
    Account("522131", "Belanja Jasa Konsultan", "kajian_konsultan", "OB"),
    Account("522151", "Belanja Jasa Profesi", "barang_lainnya", "OB"),
    Account("522191", "Belanja Jasa Lainnya", "barang_lainnya", "PAKET"),
    Account("523111", "Belanja Pemeliharaan Gedung dan Bangunan", "operasional", "M2"),
    Account("523121", "Belanja Pemeliharaan Peralatan dan Mesin", "operasional", "UNIT"),
    Account("524111", "Belanja Perjalanan Dinas Biasa", "perjalanan_dinas", "OP"),
    Account("524113", "Belanja Perjalanan Dinas Dalam Kota", "perjalanan_dinas", "OH"),
    Account("524114", "Belanja Perjalanan Dinas Paket Meeting Dalam Kota", "perjalanan_dinas", "OH"),
    Account("524119", "Belanja Perjalanan Dinas Paket Meeting Luar Kota", "perjalanan_dinas", "OH"),
    Account(
        "526111", "Belanja Peralatan dan Mesin untuk Diserahkan kepada Masyarakat/Pemda", "bantuan", "UNIT"
    ),
    Account("526211", "Belanja Barang Bantuan Pemerintah kepada Masyarakat", "bantuan", "PAKET"),
    Account("526311", "Belanja Barang Lainnya untuk Diserahkan kepada Masyarakat/Pemda", "bantuan", "PAKET"),
    Account("532111", "Belanja Modal Peralatan dan Mesin", "modal", "UNIT"),
    Account("533111", "Belanja Modal Gedung dan Bangunan", "modal", "M2"),
    Account("533121", "Belanja Modal Jalan", "modal", "KM"),
)
ACCOUNT_BY_CODE = {a.kode: a for a in ACCOUNTS}

MONEV_KOMPONEN = "054"
KOMPONEN: dict[str, str] = {
    "051": "Persiapan dan Perencanaan",
    "052": "Pelaksanaan",
    "053": "Pelaporan",
    MONEV_KOMPONEN: "Monitoring dan Evaluasi Lapangan",
    "001": "Gaji dan Tunjangan",
    "002": "Operasional dan Pemeliharaan Kantor",
}


def kategori_of(akun: str, komponen: str) -> str:
    """The spending category of a line: on-site monitoring (komponen 054) first, then the account's."""
    account = ACCOUNT_BY_CODE.get(akun)
    base = account.kategori if account else JENIS_BY_PREFIX.get(akun[:2], "barang_lainnya")
    if komponen == MONEV_KOMPONEN and base not in ("pegawai", "modal"):
        return "monev_lapangan"
    return base


# ---------------------------------------------------------------------------------------------
# Kegiatan and outputs (RO) by unit


@dataclass(frozen=True)
class Output:
    kro: str
    ro: str
    nama: str
    # where the output happens: pusat (Jakarta), provinsi, dt (the 62 daerah tertinggal),
    # transmigrasi, kabupaten (sampled nationally), desa (sampled villages), upt (the unit's regional
    # offices)
    lokasi: str
    # how the output's budget is spent: account codes with weights
    akun: tuple[tuple[str, int], ...]
    weight: int = 10
    prioritas: str | None = None  # key of PRIORITY_PROGRAMS
    n_lokasi: int = 0  # how many places (0: all of the kind)


@dataclass(frozen=True)
class Kegiatan:
    kode: str
    nama: str
    unit: str
    program: str
    outputs: tuple[Output, ...]


SUPPORT_ACCOUNTS = (
    ("521111", 30),
    ("522111", 10),
    ("522112", 4),
    ("523111", 8),
    ("523121", 6),
    ("521211", 4),
)
ACTIVITY_ACCOUNTS = (
    ("521211", 8),
    ("521213", 10),
    ("521219", 6),
    ("522191", 6),
    ("524111", 24),
    ("524114", 8),
    ("524119", 14),
)
STUDY_ACCOUNTS = (("522131", 40), ("521213", 15), ("524111", 25), ("524119", 20))
AID_ACCOUNTS = (("526211", 50), ("526311", 25), ("526111", 10), ("524111", 10), ("521213", 5))
TRAINING_ACCOUNTS = (("521211", 15), ("521213", 25), ("524114", 25), ("524119", 20), ("524111", 15))
PERSONNEL_ACCOUNTS = (
    ("511111", 40),
    ("511121", 3),
    ("511122", 2),
    ("511123", 4),
    ("511124", 5),
    ("511126", 3),
    ("511129", 6),
    ("512211", 2),
    ("513111", 35),
)
CAPITAL_OFFICE = (("532111", 60), ("533111", 40))


def _support(kode: str, unit: str, upt: bool = False, weight: int = 30) -> Kegiatan:
    """Every unit's Dukungan Manajemen kegiatan: staff (51), offices, planning, capital."""
    lokasi = "upt" if upt else "pusat"
    return Kegiatan(
        kode,
        f"Dukungan Manajemen dan Pelaksanaan Tugas Teknis Lainnya {UNIT_BY_CODE_SHORT[unit]}",
        unit,
        "WA",
        (
            Output("EBA", "994", "Layanan Perkantoran", lokasi, SUPPORT_ACCOUNTS, weight),
            Output("EBA", "962", "Layanan Umum", "pusat", ACTIVITY_ACCOUNTS, weight // 3),
            Output("EBC", "996", "Layanan Manajemen SDM", "pusat", ACTIVITY_ACCOUNTS + STUDY_ACCOUNTS[:1], 4),
            Output("EBD", "955", "Layanan Manajemen Keuangan", "pusat", ACTIVITY_ACCOUNTS, 4),
            Output(
                "EBD", "953", "Layanan Pemantauan dan Evaluasi", "provinsi", ACTIVITY_ACCOUNTS, 3, n_lokasi=12
            ),
            Output("EBB", "951", "Layanan Sarana Internal", lokasi, CAPITAL_OFFICE, 6),
        ),
    )


UNIT_BY_CODE_SHORT = {u.kode: u.singkatan for u in UNITS}
# Share of the personnel budget (51) by unit: staff sit mostly in the Secretariat General.
PERSONNEL_WEIGHT = {"01": 30, "02": 6, "03": 10, "04": 9, "05": 7, "06": 14, "07": 8, "08": 16}

PRIORITY_PROGRAMS: dict[str, tuple[int, str, str, str, int, str, str]] = {
    # key: (nomor, nama, target, satuan target, pagu rupiah, lokasi, unit)
    "pendampingan": (1, "Pendampingan Desa", "74957", "desa", 1_740_000_000_000, "33 provinsi", "08"),
    "tekad": (
        2,
        "Transformasi Ekonomi Kampung Terpadu (TEKAD)",
        "500",
        "desa",
        74_860_000_000,
        "Maluku, Maluku Utara, NTT, Papua, Papua Barat",
        "03",
    ),
    "stunting": (
        3,
        "Konvergensi Pencegahan Stunting Desa",
        "159",
        "kabupaten",
        5_000_000_000,
        "nasional",
        "03",
    ),
    "desa_digital": (
        4,
        "Peningkatan Kapasitas Pendampingan Desa Digital",
        "100",
        "kabupaten",
        75_000_000_000,
        "nasional",
        "08",
    ),
    "ued_bumdes": (
        5,
        "Usaha Ekonomi Desa Terintegrasi BUMDes",
        "50",
        "kelompok",
        13_500_000_000,
        "nasional",
        "04",
    ),
    "desa_wisata_dsp": (
        6,
        "Desa Wisata di 5 Destinasi Super Prioritas",
        "50",
        "desa",
        55_000_000_000,
        "Danau Toba, Borobudur, Mandalika, Labuan Bajo, Likupang",
        "03",
    ),
    "kapasitas_pokmas": (
        7,
        "Peningkatan Kapasitas Kelompok Masyarakat Desa",
        "200",
        "desa",
        30_000_000_000,
        "nasional",
        "08",
    ),
    "pengendalian_dd": (8, "Pengendalian Dana Desa", "33", "provinsi", 10_000_000_000, "33 provinsi", "03"),
    "bumdes_produk": (
        9,
        "Pengembangan BUMDes untuk Produk Unggulan Desa",
        "500",
        "BUMDes",
        34_000_000_000,
        "nasional",
        "04",
    ),
    "desa_wisata_lain": (
        10,
        "Desa Wisata di Lokasi Prioritas Lainnya",
        "55",
        "desa",
        30_000_000_000,
        "nasional (realokasi)",
        "03",
    ),
}
PRIORITY_SOURCE = "Raker Komisi V DPR, 24 Sep 2020 (bisnis.com); ../shared/DOMAIN.md"

KEGIATAN: tuple[Kegiatan, ...] = (
    # Sekretariat Jenderal
    _support("3101", "01", weight=150),
    Kegiatan(
        "3102",
        "Perencanaan, Penganggaran dan Kerja Sama",
        "01",
        "WA",
        (
            Output("EBD", "952", "Layanan Perencanaan dan Penganggaran", "pusat", ACTIVITY_ACCOUNTS, 8),
            Output("PEA", "001", "Rekomendasi Kebijakan Kerja Sama", "pusat", STUDY_ACCOUNTS, 4),
        ),
    ),
    Kegiatan(
        "3103",
        "Hukum, Organisasi dan Hubungan Masyarakat",
        "01",
        "WA",
        (
            Output("EBA", "960", "Layanan Organisasi dan Tata Kelola", "pusat", ACTIVITY_ACCOUNTS, 5),
            Output("BMA", "001", "Informasi dan Komunikasi Publik", "pusat", ACTIVITY_ACCOUNTS, 5),
        ),
    ),
    # Inspektorat Jenderal
    _support("3201", "02", weight=20),
    Kegiatan(
        "3202",
        "Pengawasan Internal dan Pengawasan Dana Desa",
        "02",
        "WA",
        (
            Output("EBD", "954", "Layanan Audit Internal", "provinsi", ACTIVITY_ACCOUNTS, 8, n_lokasi=20),
            Output(
                "QDB",
                "001",
                "Pengawasan Pengelolaan Dana Desa",
                "kabupaten",
                ACTIVITY_ACCOUNTS,
                4,
                n_lokasi=40,
            ),
        ),
    ),
    # Ditjen PDP
    _support("5301", "03"),
    Kegiatan(
        "5302",
        "Pengembangan Sosial Budaya dan Lingkungan Desa dan Perdesaan",
        "03",
        "GA",
        (
            Output(
                "QDB",
                "001",
                "Kabupaten Konvergensi Pencegahan Stunting Desa",
                "kabupaten",
                ACTIVITY_ACCOUNTS,
                prioritas="stunting",
                n_lokasi=159,
            ),
            Output("QDC", "002", "Desa Peduli Lingkungan", "kabupaten", AID_ACCOUNTS, 20, n_lokasi=40),
        ),
    ),
    Kegiatan(
        "5303",
        "Pengembangan Sarana Prasarana dan Kawasan Perdesaan",
        "03",
        "GA",
        (
            Output(
                "BDB",
                "001",
                "Desa Wisata di 5 Destinasi Super Prioritas",
                "desa_wisata_dsp",
                AID_ACCOUNTS,
                prioritas="desa_wisata_dsp",
                n_lokasi=50,
            ),
            Output(
                "BDB",
                "002",
                "Desa Wisata di Lokasi Prioritas Lainnya",
                "desa",
                AID_ACCOUNTS,
                prioritas="desa_wisata_lain",
                n_lokasi=55,
            ),
            Output(
                "RAB", "001", "Sarana Prasarana Kawasan Perdesaan", "kabupaten", AID_ACCOUNTS, 50, n_lokasi=60
            ),
            Output("PEA", "002", "Kajian Pembangunan Kawasan Perdesaan", "pusat", STUDY_ACCOUNTS, 8),
        ),
    ),
    Kegiatan(
        "5304",
        "Fasilitasi Pengelolaan Keuangan dan Aset Desa",
        "03",
        "GA",
        (
            Output(
                "QDB",
                "002",
                "Provinsi Pengendalian Dana Desa",
                "provinsi",
                ACTIVITY_ACCOUNTS,
                prioritas="pengendalian_dd",
                n_lokasi=33,
            ),
            Output("QDD", "001", "Fasilitasi Aset Desa", "provinsi", ACTIVITY_ACCOUNTS, 10, n_lokasi=20),
        ),
    ),
    Kegiatan(
        "5305",
        "Transformasi Ekonomi Kampung Terpadu",
        "03",
        "GA",
        (
            Output(
                "QDC",
                "003",
                "Desa TEKAD",
                "desa_tekad",
                AID_ACCOUNTS + TRAINING_ACCOUNTS[:2],
                prioritas="tekad",
                n_lokasi=500,
            ),
        ),
    ),
    # Ditjen PEID
    _support("5401", "04"),
    Kegiatan(
        "5402",
        "Pengembangan Usaha Ekonomi Desa dan BUMDes",
        "04",
        "GA",
        (
            Output(
                "QDD",
                "001",
                "Kelompok Usaha Ekonomi Desa Terintegrasi BUMDes",
                "kabupaten",
                AID_ACCOUNTS,
                prioritas="ued_bumdes",
                n_lokasi=50,
            ),
            Output(
                "QDD",
                "002",
                "BUMDes Produk Unggulan Desa",
                "desa",
                AID_ACCOUNTS,
                prioritas="bumdes_produk",
                n_lokasi=500,
            ),
            Output(
                "QDC",
                "001",
                "Pengembangan Produk Unggulan Kawasan Perdesaan",
                "kabupaten",
                AID_ACCOUNTS,
                90,
                n_lokasi=60,
            ),
        ),
    ),
    Kegiatan(
        "5403",
        "Investasi Desa, Daerah Tertinggal dan Transmigrasi",
        "04",
        "GA",
        (
            Output("PEA", "001", "Kajian Peluang Investasi", "pusat", STUDY_ACCOUNTS, 15),
            Output("QDB", "003", "Promosi Investasi Daerah", "provinsi", ACTIVITY_ACCOUNTS, 30, n_lokasi=20),
        ),
    ),
    # Ditjen PPDT
    _support("5501", "05"),
    Kegiatan(
        "5502",
        "Percepatan Pembangunan Daerah Tertinggal",
        "05",
        "GA",
        (
            Output("RAB", "001", "Sarana Prasarana Daerah Tertinggal", "dt", AID_ACCOUNTS, 45),
            Output("QDB", "001", "Pendampingan Pemda Daerah Tertinggal", "dt", ACTIVITY_ACCOUNTS, 15),
            Output(
                "PEA", "001", "Strategi Nasional Percepatan Daerah Tertinggal", "pusat", STUDY_ACCOUNTS, 6
            ),
        ),
    ),
    # Ditjen PPKTrans
    _support("5601", "06", weight=40),
    Kegiatan(
        "5602",
        "Pembangunan Kawasan Transmigrasi",
        "06",
        "GA",
        (
            Output("RAB", "001", "Jalan Poros Kawasan Transmigrasi", "transmigrasi", (("533121", 1),), 40),
            Output(
                "RAB", "002", "Sarana Prasarana Permukiman Transmigrasi", "transmigrasi", AID_ACCOUNTS, 120
            ),
            Output(
                "QDC", "001", "Pemberdayaan Masyarakat Transmigrasi", "transmigrasi", ACTIVITY_ACCOUNTS, 50
            ),
            Output("PEA", "001", "Rencana Kawasan Transmigrasi", "pusat", STUDY_ACCOUNTS, 15),
        ),
    ),
    # BPI
    _support("5701", "07"),
    Kegiatan(
        "5702",
        "Penelitian, Pengembangan dan Informasi",
        "07",
        "DM",
        (
            Output("PEA", "001", "Rekomendasi Kebijakan Hasil Penelitian", "pusat", STUDY_ACCOUNTS, 15),
            Output("DCM", "001", "Sistem Informasi Desa (SDGs Desa, IDM)", "pusat", STUDY_ACCOUNTS, 15),
            Output("BMA", "001", "Data IDM dan SDGs Desa", "provinsi", ACTIVITY_ACCOUNTS, 12, n_lokasi=33),
        ),
    ),
    # BPSDM
    _support("5801", "08", upt=True, weight=30),
    Kegiatan(
        "5802",
        "Pendampingan Desa",
        "08",
        "GA",
        (
            Output(
                "QDC",
                "001",
                "Desa Didampingi Tenaga Pendamping Profesional",
                "provinsi",
                (("522151", 80), ("521213", 4), ("524111", 8), ("524119", 5), ("521211", 3)),
                prioritas="pendampingan",
                n_lokasi=33,
            ),
        ),
    ),
    Kegiatan(
        "5803",
        "Pelatihan Masyarakat dan Pendamping",
        "08",
        "DL",
        (
            Output(
                "QEA",
                "001",
                "Kabupaten Pendampingan Desa Digital",
                "kabupaten",
                TRAINING_ACCOUNTS,
                prioritas="desa_digital",
                n_lokasi=100,
            ),
            Output(
                "QEA",
                "002",
                "Desa Peningkatan Kapasitas Kelompok Masyarakat",
                "desa",
                TRAINING_ACCOUNTS,
                prioritas="kapasitas_pokmas",
                n_lokasi=200,
            ),
            Output("QEA", "003", "Pelatihan Masyarakat di Balai", "upt", TRAINING_ACCOUNTS, 60),
        ),
    ),
)

# Regional offices (UPT) by unit: Balai Besar Pelatihan Masyarakat of BPSDM.
UPT_KABUPATEN: dict[str, tuple[str, ...]] = {
    "08": ("34.71", "51.71", "14.71", "63.71", "73.71", "91.71"),
}
PUSAT_KABUPATEN = "31.74"  # Kalibata, Jakarta Selatan

# Transmigration kabupaten (kawasan transmigrasi), by name and current province code.
TRANSMIGRASI_KABUPATEN: tuple[tuple[str, str], ...] = (
    ("Mesuji", "18"),
    ("Tulang Bawang Barat", "18"),
    ("Bengkulu Utara", "17"),
    ("Mukomuko", "17"),
    ("Musi Rawas Utara", "16"),
    ("Sambas", "61"),
    ("Kubu Raya", "61"),
    ("Sintang", "61"),
    ("Kapuas", "62"),
    ("Seruyan", "62"),
    ("Tanah Bumbu", "63"),
    ("Kotabaru", "63"),
    ("Penajam Paser Utara", "64"),
    ("Berau", "64"),
    ("Nunukan", "65"),
    ("Buol", "72"),
    ("Parigi Moutong", "72"),
    ("Morowali Utara", "72"),
    ("Konawe Selatan", "74"),
    ("Bombana", "74"),
    ("Mamuju Tengah", "76"),
    ("Pasangkayu", "76"),
    ("Halmahera Timur", "82"),
    ("Pulau Morotai", "82"),
    ("Merauke", "93"),
    ("Keerom", "91"),
)

# The five super-priority tourism destinations (DSP) and their kabupaten.
DSP_KABUPATEN: tuple[tuple[str, str, str], ...] = (
    ("Danau Toba", "Toba", "12"),
    ("Danau Toba", "Samosir", "12"),
    ("Borobudur", "Magelang", "33"),
    ("Mandalika", "Lombok Tengah", "52"),
    ("Labuan Bajo", "Manggarai Barat", "53"),
    ("Likupang", "Minahasa Utara", "71"),
)
# TEKAD works in eastern Indonesia: Maluku, Maluku Utara, NTT, Papua, Papua Barat (current codes).
TEKAD_PROVINSI = ("81", "82", "53", "91", "92", "93", "94", "95", "96")


def kegiatan(kode: str) -> Kegiatan:
    return next(k for k in KEGIATAN if k.kode == kode)


# ---------------------------------------------------------------------------------------------
# Seeds written from this module


def seed_rows() -> dict[str, tuple[list[str], Sequence[Sequence[object]]]]:
    units = (["kode_unit", "singkatan", "nama_unit"], [[u.kode, u.singkatan, u.nama] for u in UNITS])
    programs = (["kode_program", "nama_program"], [[k, v] for k, v in PROGRAMS.items()])
    kegiatan_rows = [[k.kode, k.unit, k.program, k.nama] for k in KEGIATAN]
    outputs = [
        [k.kode, o.kro, KRO[o.kro], o.ro, o.nama, o.lokasi, o.prioritas or ""]
        for k in KEGIATAN
        for o in k.outputs
    ]
    accounts = [[a.kode, a.nama, JENIS_BY_PREFIX[a.kode[:2]], a.kategori] for a in ACCOUNTS]
    carriers = {
        o.prioritas: [k.kode, k.program, o.kro, o.ro] for k in KEGIATAN for o in k.outputs if o.prioritas
    }
    priority = [
        [nomor, key, nama, target, satuan, pagu, lokasi, unit, *carriers[key], PRIORITY_SOURCE]
        for key, (nomor, nama, target, satuan, pagu, lokasi, unit) in PRIORITY_PROGRAMS.items()
    ]
    return {
        "budget_eselon1_units": units,
        "budget_programs": programs,
        "budget_kegiatan": (["kode_kegiatan", "kode_unit", "kode_program", "nama_kegiatan"], kegiatan_rows),
        "budget_outputs": (
            ["kode_kegiatan", "kode_kro", "nama_kro", "kode_ro", "nama_ro", "lokasi", "prioritas"],
            outputs,
        ),
        "budget_accounts": (["kode_akun", "nama_akun", "jenis_belanja", "kategori_belanja"], accounts),
        "budget_spending_categories": (
            ["kategori_belanja", "keterangan"],
            [[k, v] for k, v in KATEGORI.items()],
        ),
        "budget_priority_programs_2021": (
            [
                "nomor",
                "prioritas",
                "nama_program_prioritas",
                "target",
                "satuan_target",
                "pagu_rupiah",
                "lokasi",
                "kode_unit",
                "kode_kegiatan",
                "kode_program",
                "kode_kro",
                "kode_ro",
                "sumber",
            ],
            priority,
        ),
    }


def write_seeds(directory: Path) -> list[Path]:
    written = []
    for name, (header, rows) in seed_rows().items():
        path = directory / f"{name}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)
        written.append(path)
    return written
