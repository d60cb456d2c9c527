"""DJPK pemda names to current Kemendagri kabupaten/kota codes, never guessing.

DJPK files name pemda (`Kab. Mamuju`, `Kota Padang Sidempuan`) and number provinces its own way
(`kdprov` 1-38, before and after the 2022 Papua split). A name resolves when:

1. `nama`: its normalized name (upper-case letters and digits, the `Kab.`/`Kabupaten` prefix dropped,
   `Kota` kept so Kabupaten Sorong and Kota Sorong stay apart) equals exactly one current
   kabupaten/kota of the master, or
2. `seed`: it is listed in the seed `djpk_pemda_renames` (renamed kabupaten, DJPK spellings and
   abbreviations, each with its legal basis),

and the code found lies in the DJPK province or in a province that succeeded it (the Papua split,
seed `papua_province_successors`). Anything else stays unresolved, with the reason.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import polars as pl

SEEDS = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds"
RENAMES_SEED = SEEDS / "dana_desa" / "djpk_pemda_renames.csv"
PROVINCES_SEED = SEEDS / "dana_desa" / "djpk_provinsi.csv"
SUCCESSORS_SEED = SEEDS / "wilayah" / "papua_province_successors.csv"

_PREFIX = re.compile(r"^(KABUPATEN|KAB)\b\.?\s*")
_NOT_ALNUM = re.compile(r"[^A-Z0-9]")


def normalize_pemda(name: str) -> str:
    """`Kab. Aceh Barat` / `Kabupaten Aceh Barat` / `Kab Aceh Barat` -> `ACEHBARAT`; `Kota X` -> `KOTAX`."""
    upper = " ".join(name.upper().split())
    return _NOT_ALNUM.sub("", _PREFIX.sub("", upper))


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass(frozen=True)
class Reference:
    """What resolution needs: the current kabupaten/kota, the seeds."""

    kabupaten: Mapping[str, str]  # kode -> nama (current master)
    renames: Mapping[str, str]  # normalized DJPK name -> kode
    provinces: Mapping[str, str]  # DJPK kdprov (2 digits) -> Kemendagri province code
    successors: Mapping[str, frozenset[str]]  # province code -> itself and its successors

    @classmethod
    def load(cls, kabupaten: Mapping[str, str]) -> Reference:
        return cls(kabupaten, *_seeds())


@lru_cache(maxsize=1)
def _seeds() -> tuple[dict[str, str], dict[str, str], dict[str, frozenset[str]]]:
    renames = {normalize_pemda(r["nama_pemda_djpk"]): r["kode_kabupaten"] for r in _read_csv(RENAMES_SEED)}
    provinces = {r["kdprov_djpk"]: r["kode_provinsi"] for r in _read_csv(PROVINCES_SEED)}
    successors: dict[str, set[str]] = {}
    for row in _read_csv(SUCCESSORS_SEED):
        successors.setdefault(row["kode_provinsi_lama"], set()).add(row["kode_provinsi_baru"])
    return renames, provinces, {k: frozenset(v) for k, v in successors.items()}


def kabupaten_of_master(regions: pl.DataFrame) -> dict[str, str]:
    """Current kabupaten/kota (code `PP.KK`) -> name, from the master's `kode`, `nama` columns."""
    rows = regions.filter(pl.col("kode").str.len_chars() == 5).select("kode", "nama").iter_rows()
    return dict(rows)


@dataclass(frozen=True)
class Resolution:
    kode_kabupaten: str | None
    resolusi: str  # nama | seed | unresolved: <reason>


def province_code(kdprov: str | None, reference: Reference) -> str | None:
    if kdprov is None or not kdprov.strip().isdigit():
        return None
    return reference.provinces.get(f"{int(kdprov):02d}")


def resolve_one(name: str, kdprov: str | None, reference: Reference) -> Resolution:
    normalized = normalize_pemda(name)
    by_name = [k for k, n in reference.kabupaten.items() if normalize_pemda(n) == normalized]
    if len(by_name) > 1:
        return Resolution(None, f"unresolved: ambiguous name ({', '.join(sorted(by_name))})")
    if by_name:
        code, method = by_name[0], "nama"
    elif normalized in reference.renames:
        code, method = reference.renames[normalized], "seed"
        if code not in reference.kabupaten:
            return Resolution(None, f"unresolved: seed code {code} is not a current kabupaten/kota")
    else:
        return Resolution(None, "unresolved: no current kabupaten/kota of that name and no seed entry")
    if kdprov is None:
        # Files without a province column (the formula inputs): names are unique nationally.
        return Resolution(code, method)
    province = province_code(kdprov, reference)
    if province is None:
        return Resolution(None, f"unresolved: DJPK province {kdprov!r} unknown (seed djpk_provinsi)")
    allowed = reference.successors.get(province, frozenset({province}))
    if code[:2] not in allowed:
        return Resolution(None, f"unresolved: {code} lies outside the DJPK province {province}")
    return Resolution(code, method)


def resolve(
    pairs: Iterable[tuple[str, str | None]], reference: Reference
) -> dict[tuple[str, str | None], Resolution]:
    """Each distinct (pemda name, DJPK kdprov) pair resolved once."""
    return {pair: resolve_one(pair[0], pair[1], reference) for pair in set(pairs)}


def with_codes(frame: pl.DataFrame, reference: Reference, name: str, kdprov: str) -> pl.DataFrame:
    """`frame` with `kode_kabupaten` and `resolusi` for its kabupaten/kota rows (`jenis_pemda`)."""
    rows = frame.filter(pl.col("jenis_pemda").is_in(["kabupaten", "kota"]))
    found = resolve(rows.select(name, kdprov).iter_rows(), reference)
    table = pl.DataFrame(
        {
            name: [k[0] for k in found],
            kdprov: [k[1] for k in found],
            "kode_kabupaten": [r.kode_kabupaten for r in found.values()],
            "resolusi": [r.resolusi for r in found.values()],
        },
        schema={name: pl.String, kdprov: pl.String, "kode_kabupaten": pl.String, "resolusi": pl.String},
    )
    joined = frame.join(table, on=[name, kdprov], how="left", nulls_equal=True)
    kabupaten = pl.col("jenis_pemda").is_in(["kabupaten", "kota"])
    return joined.with_columns(
        pl.when(kabupaten).then(pl.col("kode_kabupaten")).alias("kode_kabupaten"),
        pl.when(kabupaten).then(pl.col("resolusi")).alias("resolusi"),
    )


def jenis_pemda(name: pl.Expr) -> pl.Expr:
    """Kind of a DJPK pemda row from its name: kabupaten, kota, provinsi, or another kind of row."""
    upper = name.str.strip_chars().str.to_uppercase()
    return (
        pl.when(upper.str.contains(r"^(KAB\b|KABUPATEN\b)"))
        .then(pl.lit("kabupaten"))
        .when(upper.str.starts_with("KOTA "))
        .then(pl.lit("kota"))
        .when(upper.str.contains(r"^(PROV\b|PROVINSI\b)"))
        .then(pl.lit("provinsi"))
        .when(upper == "NASIONAL")
        .then(pl.lit("nasional"))
        .when(upper == "SEMUA PEMDA")
        .then(pl.lit("semua_pemda_provinsi"))
        .otherwise(pl.lit("lainnya"))
    )
