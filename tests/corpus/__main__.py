"""`python -m tests.corpus`: run the whole damaged-input corpus and print its tables as Markdown."""

from __future__ import annotations

import sys
import time

from tests.corpus.cases import all_cases
from tests.corpus.report import report
from tests.corpus.runner import run_all


def main() -> int:
    started = time.monotonic()
    results = run_all(all_cases())
    print(report(results))
    print(f"\n({len(results)} cases in {time.monotonic() - started:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
