"""Distributing a kabupaten's Dana Desa to its villages with the year's formula, exact to the rupiah.

Every split is a largest-remainder apportionment in integers: each share gets the floor of its
exact quota and the rupiah left over go one each to the largest fractional parts (ties by village
code), so the parts always sum to the whole.

The formula (../shared/DOMAIN.md; PMK 222/PMK.07/2020 for 2021):
- alokasi dasar: equal per village;
- alokasi afirmasi: equal among the desa tertinggal / sangat tertinggal with the most poor people
  (the top three deciles of poor population in the kabupaten);
- alokasi kinerja: equal among the best-performing 10% of villages;
- alokasi formula: by population, poor population, area and geographic difficulty (IKG), weighted.
The kabupaten's component totals come from DJPK where DJPK publishes them (2018, 2019), else from
the year's national shares (seed `dana_desa_formula`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl

COMPONENTS = ("alokasi_dasar", "alokasi_afirmasi", "alokasi_kinerja", "alokasi_formula")
GROUP = ("kode_kabupaten", "tahun")
AFIRMASI_TOP_SHARE = 0.3  # deciles 8-10 of poor population
KINERJA_TOP_SHARE = 0.1


@dataclass(frozen=True)
class Formula:
    """A year's national shares of the four components and the formula part's weights."""

    porsi: Mapping[str, float]  # component -> share of the total
    bobot_penduduk: float
    bobot_miskin: float
    bobot_luas: float
    bobot_ikg: float


def largest_remainder(total: int, weights: Sequence[float | int]) -> list[int]:
    """`total` split in proportion to `weights` into integers that sum to `total` exactly."""
    if total < 0:
        raise ValueError(f"cannot apportion a negative total {total}")
    positive = [max(float(w), 0.0) for w in weights]
    weight_sum = sum(positive)
    if not positive:
        raise ValueError("no share to apportion to")
    if weight_sum == 0:
        positive = [1.0] * len(positive)
        weight_sum = float(len(positive))
    quotas = [total * w / weight_sum for w in positive]
    base = [int(q) for q in quotas]
    left = total - sum(base)
    order = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - base[i]), i))
    for i in order[: max(left, 0)]:
        base[i] += 1
    if sum(base) != total:
        raise AssertionError(f"largest remainder of {total} summed to {sum(base)}")
    return base


def component_totals(total: int, parts: Mapping[str, int | None] | None, formula: Formula) -> dict[str, int]:
    """The kabupaten total split over the four components (DJPK parts when known, else the shares)."""
    known = parts is not None and all(parts.get(c) is not None for c in ("alokasi_dasar", "alokasi_formula"))
    if known and parts is not None:
        weights = [float(parts.get(c) or 0) for c in COMPONENTS]
    else:
        weights = [formula.porsi[c] for c in COMPONENTS]
    return dict(zip(COMPONENTS, largest_remainder(total, weights), strict=True))


def _apportion(frame: pl.DataFrame, total: str, weight: str, out: str) -> pl.DataFrame:
    """Vectorized largest remainder: `total` (constant per group) over rows in proportion to `weight`."""
    group = list(GROUP)
    w = pl.col(weight).clip(lower_bound=0.0)
    share = (
        pl.when(w.sum().over(group) > 0).then(w / w.sum().over(group)).otherwise(1.0 / pl.len().over(group))
    )
    quota = pl.col(total).cast(pl.Float64) * share
    staged = frame.with_columns(quota.alias("_quota")).with_columns(
        pl.col("_quota").floor().cast(pl.Int64).alias("_base")
    )
    staged = staged.with_columns(
        (pl.col(total) - pl.col("_base").sum().over(group)).alias("_left"),
        (pl.col("_quota") - pl.col("_base")).alias("_frac"),
    ).sort([*group, "_frac", "kode_desa"], descending=[False, False, True, False])
    staged = staged.with_columns(pl.int_range(pl.len()).over(group).alias("_rank"))
    bad = staged.filter((pl.col("_left") < 0) | (pl.col("_left") > pl.len().over(group)))
    if bad.height:
        raise AssertionError(f"{out}: rounding left {bad['_left'][0]} rupiah for {bad.height} rows")
    return staged.with_columns(
        (pl.col("_base") + (pl.col("_rank") < pl.col("_left")).cast(pl.Int64)).alias(out)
    ).drop("_quota", "_base", "_left", "_frac", "_rank")


def _top(column: str, share: float) -> pl.Expr:
    """True for the rows in the top `share` of `column` within their kabupaten-year (at least one)."""
    rank = pl.col(column).rank("ordinal", descending=True).over(list(GROUP))
    count = (pl.len().over(list(GROUP)) * share).ceil().clip(lower_bound=1)
    return rank <= count


def allocate(
    villages: pl.DataFrame, kabupaten: pl.DataFrame, formulas: Mapping[int, Formula]
) -> pl.DataFrame:
    """Per-village allocations.

    `villages`: kode_desa, kode_kabupaten, penduduk, penduduk_miskin, luas_km2, ikg, tertinggal (bool),
    skor_kinerja. `kabupaten`: kode_kabupaten, tahun, pagu (int) and optionally the DJPK parts
    alokasi_dasar, alokasi_afirmasi, alokasi_formula. Returns kode_desa, kode_kabupaten, tahun, the four
    components and pagu, for every village of every kabupaten-year (kabupaten without villages get none).
    """
    rows = []
    for record in kabupaten.iter_rows(named=True):
        formula = formulas[int(record["tahun"])]
        parts = {c: record.get(c) for c in COMPONENTS} if record.get("alokasi_dasar") is not None else None
        totals = component_totals(int(record["pagu"]), parts, formula)
        rows.append({"kode_kabupaten": record["kode_kabupaten"], "tahun": int(record["tahun"]), **totals})
    schema = {"kode_kabupaten": pl.String, "tahun": pl.Int32, **dict.fromkeys(COMPONENTS, pl.Int64)}
    totals_frame = pl.DataFrame(rows, schema=schema, orient="row")
    weights = {int(t): f for t, f in formulas.items()}
    formula_weights = pl.DataFrame(
        {
            "tahun": list(weights),
            "_wp": [f.bobot_penduduk for f in weights.values()],
            "_wm": [f.bobot_miskin for f in weights.values()],
            "_wl": [f.bobot_luas for f in weights.values()],
            "_wg": [f.bobot_ikg for f in weights.values()],
        },
        schema={
            "tahun": pl.Int32,
            "_wp": pl.Float64,
            "_wm": pl.Float64,
            "_wl": pl.Float64,
            "_wg": pl.Float64,
        },
    )
    frame = (
        villages.join(totals_frame, on="kode_kabupaten", how="inner")
        .join(formula_weights, on="tahun", how="left")
        .rename({c: f"_total_{c}" for c in COMPONENTS})
    )
    group = list(GROUP)

    def part(column: str) -> pl.Expr:
        return pl.col(column) / pl.col(column).sum().over(group)

    poorest = _top("penduduk_miskin", AFIRMASI_TOP_SHARE)
    frame = frame.with_columns(
        pl.lit(1.0).alias("_w_dasar"),
        (
            pl.col("_wp") * part("penduduk")
            + pl.col("_wm") * part("penduduk_miskin")
            + pl.col("_wl") * part("luas_km2")
            + pl.col("_wg") * part("ikg")
        ).alias("_w_formula"),
        _top("skor_kinerja", KINERJA_TOP_SHARE).cast(pl.Float64).alias("_w_kinerja"),
        (poorest & pl.col("tertinggal")).alias("_afirmasi"),
        poorest.alias("_poorest"),
    )
    # Afirmasi goes to the poorest tertinggal villages; where a kabupaten has none, to its poorest.
    any_tertinggal = pl.col("_afirmasi").any().over(group)
    frame = frame.with_columns(
        pl.when(any_tertinggal)
        .then(pl.col("_afirmasi"))
        .otherwise(pl.col("_poorest"))
        .cast(pl.Float64)
        .alias("_w_afirmasi")
    )
    for component in COMPONENTS:
        short = component.removeprefix("alokasi_")
        frame = _apportion(frame, f"_total_{component}", f"_w_{short}", component)
    return (
        frame.with_columns(pl.sum_horizontal(*COMPONENTS).alias("pagu"))
        .select("kode_desa", "kode_kabupaten", "tahun", *COMPONENTS, "pagu")
        .sort("tahun", "kode_desa")
    )
