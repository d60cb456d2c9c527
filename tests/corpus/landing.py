"""A landing folder held in memory, so that a damage is an edit of its content, not of bytes on disk.

Text files are kept as lines (the header first for tabular formats) with how they are written (gzip,
line ends, BOM, lines whose bytes the text cannot hold); Excel files as a sheet of rows. `write`
puts a landing on disk exactly once per case.
"""

from __future__ import annotations

import copy
import csv
import gzip
import io
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from assets.common.records import UTF8_BOM


@dataclass
class Text:
    """A text file: lines, and how they are written."""

    lines: list[str]
    gzip: bool = False
    newline: str = "\n"
    bom: bool = False
    # Line index -> the exact bytes of that line, for defects text cannot hold (a Latin-1 byte).
    raw: dict[int, bytes] = field(default_factory=dict)

    def line_bytes(self, index: int) -> bytes:
        return self.raw.get(index, self.lines[index].encode("utf-8"))

    def plain(self) -> bytes:
        newline = self.newline.encode()
        data = newline.join(self.line_bytes(i) for i in range(len(self.lines))) + newline
        return UTF8_BOM + data if self.bom else data

    def to_bytes(self) -> bytes:
        return gzip.compress(self.plain(), mtime=0) if self.gzip else self.plain()


@dataclass
class Sheet:
    """A workbook with one sheet of rows (the header first), written as the official files are:
    text cells as strings, numbers as numbers, None left empty."""

    name: str
    rows: list[list[object]]

    def to_bytes(self) -> bytes:
        import xlsxwriter

        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = workbook.add_worksheet(self.name)
        for r, row in enumerate(self.rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, int | float) and not isinstance(value, bool):
                    sheet.write_number(r, c, value)
                else:
                    sheet.write_string(r, c, str(value))
        workbook.close()
        return buffer.getvalue()


@dataclass
class Raw:
    """Bytes written as they are (an empty file, a cut archive, text under a .gz name)."""

    data: bytes

    def to_bytes(self) -> bytes:
        return self.data


@dataclass
class FolderInstead:
    """A folder where the file should be."""


Content = Text | Sheet | Raw | FolderInstead
# Path relative to the source's landing folder -> content.
Landing = dict[str, Content]


def clone(landing: Landing) -> Landing:
    return copy.deepcopy(landing)


def write(landing: Landing, folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for relative, content in landing.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, FolderInstead):
            path.mkdir()
            (path / "part-0.csv").write_text("kode\n1\n")  # not empty: a folder that looks like data
        else:
            path.write_bytes(content.to_bytes())
    return folder


def read_text(path: Path) -> Text:
    """A generated text file as `Text`: gzip told by content, line ends kept."""
    data = path.read_bytes()
    compressed = data[:2] == b"\x1f\x8b"
    if compressed:
        data = gzip.decompress(data)
    text = data.decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    return Text(text.removesuffix(newline).split(newline), gzip=compressed, newline=newline)


@dataclass(frozen=True)
class Delimited:
    """How the cells of a delimited file are split and joined (the file's own quoting kept)."""

    delimiter: str = ","
    quote_all: bool = False
    quoted: bool = True  # False: no quoting at all (the crosswalk, the DJPK TSV)

    def cells(self, line: str) -> list[str]:
        if not self.quoted:
            return line.split(self.delimiter)
        return next(csv.reader([line], delimiter=self.delimiter))

    def line(self, cells: list[str]) -> str:
        if not self.quoted:
            return self.delimiter.join(cells)
        buffer = io.StringIO()
        quoting = csv.QUOTE_ALL if self.quote_all else csv.QUOTE_MINIMAL
        csv.writer(buffer, delimiter=self.delimiter, quoting=quoting, lineterminator="").writerow(cells)
        return buffer.getvalue()
