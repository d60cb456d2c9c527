"""Resources: where data lives, configured by environment variables with sensible defaults."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

DEFAULT_DATA_DIR = "data"
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})


def _env_path(name: str, default: str | None) -> str | None:
    value = os.environ.get(name) or default
    return str(Path(value).expanduser().resolve()) if value else None


class DesaSettings(dg.ConfigurableResource):
    """Paths of the platform.

    - `data_dir` ($DESA_DATA_DIR, default `./data`): every output: raw Parquet, the working DuckDB
      file, quality results, published datasets, generated landing files.
    - `landing_dir` ($DESA_LANDING_DIR, unset by default): source files laid out like
      `../shared/data` (`kode_wilayah/`, `kemendesa_sdgs/`, `kemendesa_idm/`). A source absent from it
      is generated (synthetic, labelled so) under `data_dir/landing_synthetic/`.
    - `reuse_ingest` (default true; $DESA_REINGEST=1 turns it off): an ingest step whose landing files,
      upstream raw tables, parser code and libraries are all unchanged since its last parse keeps the
      raw tables that parse wrote instead of parsing again (`assets.common.source`).
    """

    data_dir: str = DEFAULT_DATA_DIR
    landing_dir: str | None = None
    reuse_ingest: bool = True

    @classmethod
    def from_env(cls) -> DesaSettings:
        return cls(
            data_dir=_env_path("DESA_DATA_DIR", DEFAULT_DATA_DIR) or DEFAULT_DATA_DIR,
            landing_dir=_env_path("DESA_LANDING_DIR", None),
            reuse_ingest=os.environ.get("DESA_REINGEST", "").strip().lower() not in TRUE_WORDS,
        )

    @property
    def data_path(self) -> Path:
        return Path(self.data_dir or DEFAULT_DATA_DIR).expanduser().resolve()

    @property
    def landing_path(self) -> Path | None:
        return Path(self.landing_dir).expanduser().resolve() if self.landing_dir else None

    @property
    def raw_path(self) -> Path:
        return self.data_path / "raw"

    @property
    def synthetic_landing_path(self) -> Path:
        return self.data_path / "landing_synthetic"

    @property
    def warehouse_path(self) -> Path:
        """The working DuckDB file that dbt builds into; never read by users."""
        return self.data_path / "warehouse" / "desa.duckdb"

    @property
    def quality_path(self) -> Path:
        return self.data_path / "quality"

    @property
    def published_path(self) -> Path:
        return self.data_path / "published"

    @property
    def releases_path(self) -> Path:
        return self.data_path / "releases"
