"""Where a raw table came from: which landing files, real or synthetic, with checksums."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

DataOrigin = Literal["real", "synthetic"]

PROVENANCE_FILE = "_provenance.json"


def sha256_of(path: Path, chunk_size: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(chunk_size):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class SourceFile:
    path: str
    sha256: str
    bytes: int

    @classmethod
    def of(cls, path: Path) -> SourceFile:
        return cls(path=str(path.resolve()), sha256=sha256_of(path), bytes=path.stat().st_size)


@dataclass(frozen=True)
class Provenance:
    """What a landed source is made of; written beside its raw tables and carried into the manifest."""

    source: str
    origin: DataOrigin
    files: list[SourceFile] = field(default_factory=list)
    generator: str | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Provenance:
        return cls(
            source=data["source"],
            origin=data["origin"],
            files=[SourceFile(**f) for f in data.get("files", [])],
            generator=data.get("generator"),
            notes=list(data.get("notes", [])),
        )

    def write(self, directory: Path) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        target = directory / PROVENANCE_FILE
        target.write_text(json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n")
        return target

    @classmethod
    def read(cls, directory: Path) -> Provenance:
        return cls.from_dict(json.loads((directory / PROVENANCE_FILE).read_text()))
