"""Where a raw table came from: which landing files, real or synthetic, with checksums."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

from assets.common.records import write_text_atomically

DataOrigin = Literal["real", "synthetic"]

PROVENANCE_FILE = "_provenance.json"


def sha256_of(path: Path, chunk_size: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(chunk_size):
            digest.update(chunk)
    return digest.hexdigest()


def tree_sha256(root: Path, pattern: str = "*", skip: Collection[str] = ()) -> str:
    """sha256 over the relative names and bytes of the files under `root` matching `pattern`, in name
    order: a fingerprint of code or project files. Dot-files (an editor's lock files, tool state) and
    the top-level folders in `skip` (build output) are left out; OSError when a file cannot be read."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob(pattern)):
        relative = path.relative_to(root)
        if relative.parts[0] in skip or any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file():
            digest.update(f"{relative}\n".encode())
            digest.update(path.read_bytes())
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
        return write_text_atomically(json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n", target)

    @classmethod
    def read(cls, directory: Path) -> Provenance:
        return cls.from_dict(json.loads((directory / PROVENANCE_FILE).read_text()))


MODEL_PROVENANCE_FILE = "model_provenance.json"


def read_source_provenance(raw_dir: Path) -> dict[str, Provenance]:
    """The provenance of every ingested source, by source name (`raw/<source>/_provenance.json`)."""
    return {
        path.parent.name: Provenance.read(path.parent)
        for path in sorted(raw_dir.glob(f"*/{PROVENANCE_FILE}"))
    }


def record_model_provenance(
    warehouse_dir: Path, model_sources: dict[str, list[str]], raw_dir: Path
) -> dict[str, list[Provenance]]:
    """Remember, for each model just built, the provenance of the sources it was built from.

    Read at publish time, so a dataset is labelled by the inputs of the build that made its table,
    not by whatever was ingested since.
    """
    sources = read_source_provenance(raw_dir)
    path = warehouse_dir / MODEL_PROVENANCE_FILE
    recorded = json.loads(path.read_text()) if path.exists() else {}
    for model, names in model_sources.items():
        recorded[model] = [sources[n].to_dict() for n in names if n in sources]
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(recorded, indent=1, ensure_ascii=False) + "\n")
    tmp.replace(path)
    return {m: [Provenance.from_dict(p) for p in ps] for m, ps in recorded.items()}


def read_model_provenance(warehouse_dir: Path) -> dict[str, list[Provenance]]:
    path = warehouse_dir / MODEL_PROVENANCE_FILE
    if not path.exists():
        return {}
    return {m: [Provenance.from_dict(p) for p in ps] for m, ps in json.loads(path.read_text()).items()}
