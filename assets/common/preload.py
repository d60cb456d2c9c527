"""Import a heavy library in the background while the process waits on something else.

`import great_expectations` takes ~8 s on 2 cores (it pulls in pandas, scipy, altair). The runs execute
in one process (in-process executor), and the GX checks follow `dbt build`, during which this process
only waits on dbt's output: importing then costs the checks nothing. A failed import is left for the
real import to report.
"""

from __future__ import annotations

import contextlib
import importlib
import threading

_started: set[str] = set()
_lock = threading.Lock()


def _import(module: str) -> None:
    # The step that needs the module imports it again and reports what went wrong.
    with contextlib.suppress(Exception):
        importlib.import_module(module)


def preload_in_background(*modules: str) -> list[threading.Thread]:
    """Start importing each module not yet imported or being imported; return the threads started."""
    threads = []
    with _lock:
        for module in modules:
            if module in _started:
                continue
            _started.add(module)
            thread = threading.Thread(target=_import, args=(module,), name=f"preload-{module}", daemon=True)
            thread.start()
            threads.append(thread)
    return threads
