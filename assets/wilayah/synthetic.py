"""A synthetic BPS <-> Kemendagri crosswalk for all 83,762 villages, in the official files' format.

Deterministic for a seed. It reproduces what the real `kode_wilayah` files look like and how they go
wrong, so every code path of the resolution runs on the embedded default:

- BPS codes in the BPS frame of 34 provinces (BPS 94 = Kemendagri 91 Papua, BPS 91 = Kemendagri 92
  Papua Barat; the 2022 provinces 93-96 are still inside them, under old Kemendagri codes);
- village codes changed since the crosswalk (resolved by name), spelling variants, names shared by
  two villages of a kecamatan (ambiguous), villages created after the crosswalk (absent);
- the file defects: the first village of each province missing, unquoted commas in names, a missing
  or empty last column, stray `"` in names, a kecamatan without a Kemendagri code (`-`), and two
  lines cut short that cannot be recovered (they end up in `load_rejects`).

`generate_crosswalk` returns the truth (BPS code -> current code) so tests can check resolutions.
"""

from __future__ import annotations

import gzip
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from assets.wilayah.master import MasterRegion, load_master_regions

GENERATOR_VERSION = "kode_wilayah/3"
DEFAULT_SEED = 20251

# Kemendagri province before the 2022 split, for the provinces created then.
OLD_PROVINCE = {"93": "91", "94": "91", "95": "91", "96": "92"}
# BPS province code for a (pre-split) Kemendagri province where the two differ.
BPS_PROVINCE = {"91": "94", "92": "91"}

SHARE_CODE_CHANGED = 0.06  # villages whose crosswalk code no longer exists (renumbered since)
SHARE_SPELLING_VARIANT = 0.02  # names spelled differently in the BPS frame
SHARE_CREATED_LATER = 0.006  # current villages that did not exist when the crosswalk was made
SHARE_MOVED_KECAMATAN = 0.004  # listed under another kecamatan of the kabupaten (found by name there)
SHARE_RENAMED = 0.001  # renumbered and renamed since: no honest match, stays unresolved
SHARE_WEAK_NAME = 0.0005  # same code, but a name that no longer agrees: stays unresolved
N_UNQUOTED_COMMA = 6
N_MISSING_PARENT = 7
N_EMPTY_PARENT = 450
N_STRAY_QUOTE = 25
N_UNRECOVERABLE = 2  # lines cut short before the Kemendagri code: rejected with their reason


@dataclass(frozen=True)
class SyntheticCrosswalk:
    directory: Path
    # BPS village code -> current Kemendagri code it truly stands for.
    truth: dict[str, str]
    n_villages: int


def _upper(name: str) -> str:
    return name.upper()


def _kabupaten_label(region: MasterRegion) -> str:
    # The crosswalk writes "KAB. NAME" / "KOTA NAME"; the master writes "Kabupaten Name" / "Kota Name".
    name = region.nama
    if name.startswith("Kabupaten "):
        return "KAB. " + name[len("Kabupaten ") :].upper()
    return name.upper()


def _bps_kabupaten_name(region: MasterRegion) -> str:
    name = region.nama
    for prefix in ("Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota "):
        if name.startswith(prefix):
            return name[len(prefix) :].upper()
    return name.upper()


def _spelling_variant(name: str, rng: random.Random) -> str:
    """A plausible BPS spelling: a vowel swapped or a letter doubled, as in the real file."""
    letters = list(name)
    positions = [i for i, c in enumerate(letters) if c in "AEIOU"]
    if not positions:
        return name + " I"
    i = rng.choice(positions)
    letters[i] = rng.choice([v for v in "AEIOU" if v != letters[i]])
    return "".join(letters)


def generate_crosswalk(directory: Path, seed: int = DEFAULT_SEED) -> SyntheticCrosswalk:
    """Write provinsi.csv, kabupaten.csv, kecamatan.csv and desa.csv.gz into `directory`."""
    rng = random.Random(seed)
    regions = load_master_regions().regions
    by_level: dict[int, list[MasterRegion]] = defaultdict(list)
    for region in regions:
        by_level[region.kode.count(".")].append(region)

    # Provinces in the BPS frame: the 2022 provinces fold back into their old province.
    bps_province: dict[str, str] = {}
    old_province: dict[str, str] = {}
    for province in by_level[0]:
        old = OLD_PROVINCE.get(province.kode, province.kode)
        old_province[province.kode] = old
        bps_province[province.kode] = BPS_PROVINCE.get(old, old)
    province_names = {p.kode: p.nama for p in by_level[0]}

    province_lines = []
    for old in sorted(set(old_province.values())):
        bps = BPS_PROVINCE.get(old, old)
        name = province_names[old].upper()
        province_lines.append((bps, f"{bps},{name},{old},{name},0"))

    # Kabupaten: BPS numbers kabupaten 01.. and kota 71.. within its frame province; a kabupaten that
    # moved province in 2022 gets an old Kemendagri code above the old province's highest.
    kabupaten_bps: dict[str, str] = {}
    kabupaten_old: dict[str, str] = {}
    next_old_number: dict[str, int] = defaultdict(int)
    for kab in by_level[1]:
        prov = kab.kode[:2]
        if old_province[prov] == prov:
            next_old_number[prov] = max(next_old_number[prov], int(kab.kode[3:5]) % 70)
    counters: dict[tuple[str, bool], int] = defaultdict(int)
    kabupaten_lines = []
    shuffled = sorted(by_level[1], key=lambda r: (bps_province[r.kode[:2]], rng.random()))
    for kab in shuffled:
        prov = kab.kode[:2]
        is_kota = kab.nama.startswith("Kota")
        frame = bps_province[prov]
        counters[(frame, is_kota)] += 1
        number = counters[(frame, is_kota)] + (70 if is_kota else 0)
        kabupaten_bps[kab.kode] = f"{frame}{number:02d}"
        old = old_province[prov]
        if old != prov:
            next_old_number[old] += 1
            base = 70 if is_kota else 0
            kabupaten_old[kab.kode] = f"{old}.{base + next_old_number[old]:02d}"
        else:
            kabupaten_old[kab.kode] = kab.kode
        kabupaten_lines.append(
            (
                kabupaten_bps[kab.kode],
                f"{kabupaten_bps[kab.kode]},{_bps_kabupaten_name(kab)},{kabupaten_old[kab.kode]},"
                f"{_kabupaten_label(kab)},{frame}",
            )
        )

    kecamatan_bps: dict[str, str] = {}
    kecamatan_counter: dict[str, int] = defaultdict(int)
    kecamatan_lines = []
    missing_dagri_done = False
    for kec in sorted(by_level[2], key=lambda r: (kabupaten_bps[r.kode[:5]], r.kode)):
        parent = kabupaten_bps[kec.kode[:5]]
        kecamatan_counter[parent] += 1
        code = f"{parent}{kecamatan_counter[parent] * 10:03d}"
        kecamatan_bps[kec.kode] = code
        old = kabupaten_old[kec.kode[:5]] + kec.kode[5:]
        if not missing_dagri_done and kec.kode.startswith("91."):
            # As in the real file: one kecamatan BPS knows and Kemendagri had no code for.
            kecamatan_lines.append((code, f"{code},{kec.nama.upper()},-,-,{parent}"))
            missing_dagri_done = True
            continue
        kecamatan_lines.append((code, f"{code},{kec.nama.upper()},{old},{kec.nama.upper()},{parent}"))

    # Villages.
    villages = sorted(by_level[3], key=lambda r: (kecamatan_bps[r.kode[:8]], r.kode))
    kecamatan_of_kabupaten: dict[str, list[str]] = defaultdict(list)
    for kec in by_level[2]:
        kecamatan_of_kabupaten[kec.kode[:5]].append(kec.kode)
    village_counter: dict[str, int] = defaultdict(int)
    used_old_codes = {v.kode for v in villages}
    rows: list[tuple[str, str, str, str, str]] = []
    truth: dict[str, str] = {}
    for village in villages:
        if rng.random() < SHARE_CREATED_LATER:
            continue
        parent = kecamatan_bps[village.kode[:8]]
        village_counter[parent] += 1
        code = f"{parent}{village_counter[parent]:03d}"
        old = kabupaten_old[village.kode[:5]] + village.kode[5:]
        if rng.random() < SHARE_CODE_CHANGED:
            # Renumbered since: the crosswalk's code is free in the current master.
            for attempt in range(20):
                candidate = f"{old[:9]}{int(old[9]) if attempt < 10 else 9}{rng.randrange(500, 1000):03d}"
                if candidate not in used_old_codes:
                    old = candidate
                    used_old_codes.add(candidate)
                    break
        name = village.nama.upper()
        bps_name = _spelling_variant(name, rng) if rng.random() < SHARE_SPELLING_VARIANT else name
        draw = rng.random()
        siblings = kecamatan_of_kabupaten[village.kode[:5]]
        if draw < SHARE_MOVED_KECAMATAN and len(siblings) > 1:
            # Listed under a neighbouring kecamatan, with a number that is free there.
            other = rng.choice([k for k in siblings if k != village.kode[:8]])
            parent = kecamatan_bps[other]
            old = f"{kabupaten_old[other[:5]]}{other[5:]}.{old[9]}{rng.randrange(500, 1000):03d}"
            code = f"{parent}{900 + village_counter[parent] % 99:03d}"
            if code in truth or old in used_old_codes:
                continue
            used_old_codes.add(old)
        elif draw < SHARE_MOVED_KECAMATAN + SHARE_RENAMED:
            old = f"{old[:9]}{old[9]}{rng.randrange(500, 1000):03d}"
            name = bps_name = _spelling_variant(_spelling_variant(name, rng), rng) + " BARU"
            if old in used_old_codes:
                continue
            used_old_codes.add(old)
        elif draw < SHARE_MOVED_KECAMATAN + SHARE_RENAMED + SHARE_WEAK_NAME:
            name = bps_name = "PEMEKARAN " + _spelling_variant(name, rng)[::-1]
        rows.append((code, bps_name, old, name, parent))
        truth[code] = village.kode

    rows.sort()
    # File defects, at fixed positions chosen by the seed.
    province_first: dict[str, int] = {}
    for index, row in enumerate(rows):
        province_first.setdefault(row[0][:2], index)
    drop = set(province_first.values())

    candidates = [i for i in range(len(rows)) if i not in drop]
    rng.shuffle(candidates)
    cursor = 0

    def take(n: int) -> list[int]:
        nonlocal cursor
        chosen = candidates[cursor : cursor + n]
        cursor += n
        return chosen

    lines: dict[int, str] = {}
    for i in range(len(rows)):
        code, bps_name, old, name, parent = rows[i]
        lines[i] = f"{code},{bps_name},{old},{name},{parent}"
    for i in take(N_UNQUOTED_COMMA):
        code, bps_name, old, name, parent = rows[i]
        lines[i] = f"{code},{bps_name} I, II,{old},{name} I, II,{parent}"
    for i in take(N_MISSING_PARENT):
        code, bps_name, old, name, parent = rows[i]
        lines[i] = f"{code},{bps_name},{old},{name[: max(4, len(name) - 4)]}"
    for i in take(N_EMPTY_PARENT):
        code, bps_name, old, name, parent = rows[i]
        lines[i] = f"{code},{bps_name},{old},{name},"
    for i in take(N_STRAY_QUOTE):
        code, bps_name, old, name, parent = rows[i]
        middle = max(1, len(name) // 2)
        lines[i] = f'{code},{bps_name},{old},{name[:middle]}"{name[middle:]},{parent}'
    for i in take(N_UNRECOVERABLE):
        code, bps_name, *_ = rows[i]
        lines[i] = f"{code},{bps_name}"
        truth.pop(code, None)
    for i in drop:
        truth.pop(rows[i][0], None)

    directory.mkdir(parents=True, exist_ok=True)
    header = "kode_bps,nama_bps,kode_dagri,nama_dagri,parent"
    for file_name, entries in (
        ("provinsi.csv", province_lines),
        ("kabupaten.csv", kabupaten_lines),
        ("kecamatan.csv", kecamatan_lines),
    ):
        body = "\n".join(line for _, line in sorted(entries))
        (directory / file_name).write_text(f"{header}\n{body}\n", encoding="utf-8")
    village_text = "\n".join(lines[i] for i in range(len(rows)) if i not in drop)
    # mtime=0 keeps the gzip bytes identical for the same seed.
    with gzip.GzipFile(directory / "desa.csv.gz", "wb", mtime=0) as handle:
        handle.write(f"{header}\n{village_text}\n".encode())
    return SyntheticCrosswalk(directory=directory, truth=truth, n_villages=len(truth))
