"""The bench's whole-run memory: a side's process and its children summed, as dbt runs in a child."""

from __future__ import annotations

import subprocess
import sys

from benchmarks.harness import TreePeak

# A parent holding ~40 MiB starts a child holding ~120 MiB; both stay alive for a while.
PARENT = """
import subprocess, sys
held = bytearray(40 * 2**20)
child = "import time; held = bytearray(120 * 2**20); time.sleep(1.5)"
subprocess.run([sys.executable, "-c", child], check=True)
"""


def test_tree_peak_counts_the_children_of_the_side() -> None:
    process = subprocess.Popen([sys.executable, "-c", PARENT])
    sampler = TreePeak(process.pid, interval=0.05)
    process.wait()
    peak = sampler.stop()
    assert process.returncode == 0
    # both processes' memory at once: more than the child alone could hold
    assert peak > 150
