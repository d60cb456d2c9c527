"""Errors for bad input: each names the file, the record and the problem."""

from __future__ import annotations

from pathlib import Path


class DesaInputError(ValueError):
    """A landing file that cannot be read as its format promises.

    The message always names the file, the record (line number or key) and the problem, so that a
    data engineer can open the file at the right place without reading a traceback.
    """

    def __init__(self, path: Path | str, record: str | None, problem: str) -> None:
        self.path = str(path)
        self.record = record
        self.problem = problem
        where = f"{self.path}, {record}" if record else self.path
        super().__init__(f"{where}: {problem}")
