"""A synthetic SDGs Desa score archive for every village of the crosswalk, in the official format.

Deterministic for a seed. Distributions are measured on the real archive (82,156 villages harvested
2024-10-25, `../shared/data/kemendesa_sdgs`):
- 19.8% of villages have all 18 goals at 0 (no SDGs Desa data entered);
- in the others, each goal is 0 with its own probability (goal 13 mostly, goal 1 rarely), else a
  score with the goal's own mean and spread among non-zero scores, two decimals, in (0, 100];
- `average` is the mean of the 18 goals (zeros included) rounded half-up to two decimals, written as
  a string, as the source does (half-up reproduces all 82,156 real averages);
- scores are JSON numbers written like the source: `0`, `47.6`, `44.46`, `100`.

It also writes a few defective lines so the rejects path runs on the default: malformed JSON, a
duplicate village, a response of the wrong shape, a bad code; and, per province, one village the
crosswalk lacks (the real crosswalk misses the first village of each province) so unresolved codes
are exercised.
"""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

GENERATOR_VERSION = "kemendesa_sdgs/2"
DEFAULT_SEED = 20243
ARCHIVE_NAME = "score-sdgs.jsonl.gz"

GOAL_TITLES = {
    1: "Desa Tanpa Kemiskinan",
    2: "Desa Tanpa Kelaparan",
    3: "Desa Sehat dan Sejahtera",
    4: "Pendidikan Desa Berkualitas",
    5: "Keterlibatan Perempuan Desa",
    6: "Desa Layak Air Bersih dan Sanitasi",
    7: "Desa Berenergi Bersih dan Terbarukan",
    8: "Pertumbuhan Ekonomi Desa Merata",
    9: "Infrastruktur dan Inovasi Desa Sesuai Kebutuhan",
    10: "Desa Tanpa Kesenjangan",
    11: "Kawasan Pemukiman Desa Aman dan Nyaman",
    12: "Konsumsi dan Produksi Desa Sadar Lingkungan",
    13: "Desa Tanggap Perubahan Iklim",
    14: "Desa Peduli Lingkungan Laut",
    15: "Desa Peduli Lingkungan Darat",
    16: "Desa Damai Berkeadilan",
    17: "Kemitraan Untuk Pembangunan Desa",
    18: "Kelembagaan Desa Dinamis dan Budaya Desa Adaptif",
}

SHARE_ALL_ZERO = 0.198  # 16,261 of 82,156 real villages
SHARE_TOTAL_DESA_ONE = 0.43  # `total_desa` is 0 or 1 (a handful 2-5) in the real responses
# goal: (share of villages with the goal at 0, mean and standard deviation of its non-zero scores)
GOAL_STATS = {
    1: (0.238, 48.86, 13.50),
    2: (0.239, 41.31, 11.48),
    3: (0.209, 59.22, 14.44),
    4: (0.217, 44.87, 23.83),
    5: (0.282, 53.60, 23.38),
    6: (0.220, 57.92, 15.41),
    7: (0.219, 96.50, 8.49),
    8: (0.222, 32.82, 11.42),
    9: (0.583, 45.78, 29.52),
    10: (0.224, 39.71, 12.33),
    11: (0.219, 43.38, 16.80),
    12: (0.763, 24.07, 22.40),
    13: (0.861, 36.37, 32.07),
    14: (0.672, 48.29, 8.79),
    15: (0.621, 32.79, 24.77),
    16: (0.212, 75.36, 13.89),
    17: (0.641, 50.77, 22.10),
    18: (0.258, 43.51, 22.50),
}
LEVEL_CORRELATION = 0.6
ZERO_PROPENSITY_SPREAD = 0.9
CENT = Decimal("0.01")


def score_text(value: Decimal) -> str:
    """A score as the source writes it: no trailing zeros, integers without a point."""
    text = format(value.quantize(CENT), "f").rstrip("0").rstrip(".")
    return text or "0"


def average_text(scores: Sequence[Decimal]) -> str:
    return format((sum(scores, Decimal(0)) / len(scores)).quantize(CENT, rounding=ROUND_HALF_UP), "f")


def village_scores(rng: random.Random) -> list[Decimal]:
    if rng.random() < SHARE_ALL_ZERO:
        return [Decimal(0)] * len(GOAL_STATS)
    # Goals move together within a village (a shared level and a shared propensity to leave goals
    # empty): without them village averages would spread far less than the real ones (sd 8.6).
    level = rng.gauss(0, 1)
    emptiness = rng.uniform(1 - ZERO_PROPENSITY_SPREAD, 1 + ZERO_PROPENSITY_SPREAD)
    scores = []
    for share_zero, mean, spread in GOAL_STATS.values():
        # Zero share among villages that have some data.
        if rng.random() < emptiness * (share_zero - SHARE_ALL_ZERO) / (1 - SHARE_ALL_ZERO):
            scores.append(Decimal(0))
            continue
        z = LEVEL_CORRELATION * level + (1 - LEVEL_CORRELATION**2) ** 0.5 * rng.gauss(0, 1)
        value = min(100.0, max(0.01, mean + spread * z))
        scores.append(Decimal(f"{value:.2f}"))
    return scores


def response_line(code: str, scores: Sequence[Decimal], total_desa: int) -> str:
    items = ",".join(
        f'{{"goals":{goal},"title":{json.dumps(GOAL_TITLES[goal])},"image":"skor-sdgs-{goal}.jpg",'
        f'"score":{score_text(score)}}}'
        for goal, score in zip(GOAL_TITLES, scores, strict=True)
    )
    return (
        f'{{"location_code":"{code}","response":{{"average":"{average_text(scores)}",'
        f'"data":[{items}],"total_desa":{total_desa}}}}}'
    )


def villages_missing_from_crosswalk(codes: Sequence[str]) -> list[str]:
    """Per province, the code before its first crosswalk village (the real crosswalk lacks those)."""
    first: dict[str, str] = {}
    for code in codes:
        province = code[:2]
        if province not in first or code < first[province]:
            first[province] = code
    return sorted(code[:7] + "001" for code in first.values() if code[7:] > "001")


def generate_score_archive(directory: Path, bps_codes: Sequence[str], seed: int = DEFAULT_SEED) -> Path:
    """Write `score-sdgs.jsonl.gz` for `bps_codes` (plus the defects above) into `directory`."""
    rng = random.Random(seed)
    codes = sorted(set(bps_codes) | set(villages_missing_from_crosswalk(bps_codes)))
    lines = [
        response_line(code, village_scores(rng), int(rng.random() < SHARE_TOTAL_DESA_ONE)) for code in codes
    ]
    if lines:
        lines.insert(len(lines) // 3, lines[len(lines) // 3][:150])  # cut short: malformed JSON
        lines.insert(len(lines) // 2, lines[len(lines) // 2])  # the same village twice
        not_found = f'{{"location_code":"{codes[-1]}","response":{{"message":"Not Found"}}}}'
        lines.insert(2 * len(lines) // 3, not_found)  # a response of the wrong shape
        lines.append(response_line("12345", village_scores(rng), 1))  # not a BPS village code
    target = directory / ARCHIVE_NAME
    with gzip.open(target, "wt", encoding="utf-8", compresslevel=6) as handle:
        handle.write("\n".join(lines) + "\n")
    return target
