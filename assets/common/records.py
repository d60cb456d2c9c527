"""Records of landing files: the one line reader, the one reject record, the one atomic writer.

Every source reads its files through these, so a defect class behaves the same everywhere:

| defect                                   | behaviour                                             |
|------------------------------------------|-------------------------------------------------------|
| file missing, unreadable, not gzip,      | `DesaInputError` naming the file (and the line where  |
| truncated gzip, empty                    | reading stopped): the run stops, nothing is published |
| UTF-8 BOM, CRLF line ends                | accepted                                              |
| a line that is not UTF-8, over-long,     | quarantined: a `Reject` with file, record number, the |
| unparseable, of the wrong shape          | raw record and the reason                             |
| JSON nested past `MAX_JSON_DEPTH`        | quarantined (never a RecursionError)                  |
| a value outside its domain               | loaded, and stopped by the blocking check that owns   |
|                                          | the rule (dbt test or Great Expectations suite)       |
"""

from __future__ import annotations

import gzip
import json
import os
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import polars as pl

from assets.common.errors import DesaInputError

REJECTS_TABLE = "rejects"
REJECT_SCHEMA: dict[str, pl.DataType] = {
    "source_file": pl.String(),
    "record_number": pl.Int64(),
    "raw_record": pl.String(),
    "reason": pl.String(),
}
# A rejected record is kept for reading, not for reprocessing: cap its stored text.
MAX_RAW_RECORD_CHARS = 2000
# Longest landing record accepted (an IDM API line is ~10 KB); longer ones are quarantined.
MAX_RECORD_BYTES = 4 << 20
# Deeper JSON is quarantined: no landing format nests more than a handful of levels.
MAX_JSON_DEPTH = 64
BATCH_LINES = 20_000

GZIP_MAGIC = b"\x1f\x8b"
UTF8_BOM = b"\xef\xbb\xbf"


class RecordError(ValueError):
    """A record that cannot be loaded; the message is the reason kept beside it in `rejects`."""


class Reject(NamedTuple):
    source_file: str
    record_number: int | None
    raw_record: str
    reason: str


def rejects_frame(rejects: Iterable[Reject | tuple[str, int | None, str, str]]) -> pl.DataFrame:
    """Rejected records as a frame of the shared reject schema (raw text capped)."""
    rows = [(str(r[0]), r[1], (r[2] or "")[:MAX_RAW_RECORD_CHARS], str(r[3])) for r in rejects]
    return pl.DataFrame(rows, schema=REJECT_SCHEMA, orient="row")


# ---------------------------------------------------------------------------------------------
# Writing


def write_atomically(target: Path, write: Callable[[Path], object]) -> Path:
    """Let `write` fill a temporary file beside `target`, then rename it over: readers never see half."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        write(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def write_parquet_atomically(frame: pl.DataFrame, target: Path) -> Path:
    return write_atomically(target, lambda tmp: frame.write_parquet(tmp, compression="zstd", statistics=True))


def write_text_atomically(text: str, target: Path) -> Path:
    return write_atomically(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))


# ---------------------------------------------------------------------------------------------
# Reading lines


@dataclass
class LineBatch:
    """Consecutive non-blank lines of a file: their 1-based numbers and text, and the lines rejected."""

    numbers: list[int] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.lines)


def is_gzip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(2) == GZIP_MAGIC


def open_binary(path: Path):
    """The file's bytes, decompressed when it is gzip (told by its content, not its name)."""
    if not path.is_file():
        what = "a folder, not a file" if path.is_dir() else "missing"
        raise DesaInputError(path, None, f"the file is {what}")
    try:
        compressed = is_gzip(path)
    except OSError as error:
        raise DesaInputError(path, None, f"cannot read the file: {error}") from error
    if path.suffix == ".gz" and not compressed:
        raise DesaInputError(path, None, "the file is named .gz but is not gzip")
    return gzip.open(path, "rb") if compressed else path.open("rb")


def read_lines(
    path: Path, batch_lines: int = BATCH_LINES, max_record_bytes: int = MAX_RECORD_BYTES
) -> Iterator[LineBatch]:
    """Every line of a text file (gzip or plain), in batches, with the same rules for every source.

    A leading BOM and CRLF endings are accepted; blank lines are skipped; a line that is not UTF-8 or
    longer than `max_record_bytes` is rejected; a file that cannot be read (truncated or corrupt gzip)
    or holds no line at all raises DesaInputError naming the file and the line.
    """
    number = 0
    seen_any = False
    batch = LineBatch()
    source = str(path)
    try:
        with open_binary(path) as handle:
            while True:
                raw = handle.readline(max_record_bytes + 1)
                if not raw:
                    break
                number += 1
                if len(raw) > max_record_bytes and not raw.endswith(b"\n"):
                    while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                        pass
                    batch.rejects.append(
                        Reject(
                            source,
                            number,
                            raw[:MAX_RAW_RECORD_CHARS].decode("utf-8", "replace"),
                            f"record longer than {max_record_bytes:,} bytes",
                        )
                    )
                    seen_any = True
                    continue
                if number == 1 and raw.startswith(UTF8_BOM):
                    raw = raw[len(UTF8_BOM) :]
                raw = raw.rstrip(b"\r\n")
                if not raw.strip():
                    continue
                seen_any = True
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError as error:
                    batch.rejects.append(
                        Reject(source, number, raw.decode("utf-8", "replace"), f"not UTF-8 text: {error}")
                    )
                    continue
                batch.numbers.append(number)
                batch.lines.append(text)
                if len(batch.lines) >= batch_lines:
                    yield batch
                    batch = LineBatch()
    except (OSError, EOFError, zlib.error) as error:
        where = f"line {number + 1}" if number else "start of file"
        problem = f"cannot read the file: {error.__class__.__name__}: {error}"
        raise DesaInputError(path, where, problem) from None
    if not seen_any:
        raise DesaInputError(path, None, "the file is empty (no record)")
    if batch.lines or batch.rejects:
        yield batch


def read_text(path: Path) -> tuple[list[tuple[int, str]], list[Reject]]:
    """All lines of a small file as (number, text) pairs, and the lines rejected."""
    lines: list[tuple[int, str]] = []
    rejects: list[Reject] = []
    for batch in read_lines(path):
        lines += zip(batch.numbers, batch.lines, strict=True)
        rejects += batch.rejects
    return lines, rejects


# ---------------------------------------------------------------------------------------------
# JSON


def _depth(value: Any, limit: int) -> int:
    """Nesting depth of decoded JSON, iteratively (a deep document must not exhaust the stack)."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            if depth > limit:
                return depth
            deepest = max(deepest, depth)
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return deepest


def decode_json(text: str | bytes, parse_float: Callable[[str], Any] | None = None) -> Any:
    """One JSON record, or RecordError: malformed, or nested deeper than MAX_JSON_DEPTH."""
    try:
        return json.loads(text, parse_float=parse_float)
    except json.JSONDecodeError as error:
        raise RecordError(f"malformed JSON: {error}") from None
    except RecursionError:
        raise RecordError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels") from None


def decode_json_checked(text: str | bytes, parse_float: Callable[[str], Any] | None = None) -> Any:
    """`decode_json`, refusing documents nested past MAX_JSON_DEPTH even when Python could decode them."""
    value = decode_json(text, parse_float)
    if _depth(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
        raise RecordError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
    return value
