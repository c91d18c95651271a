"""`make bench-scaled`'s CPU accounting: each process's CPU goes to its own row, once."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from scripts.bench_scaled import ceiling, cpu_seconds

BURN = "import time\nend = time.process_time() + 0.6\nwhile time.process_time() < end: pass\ntime.sleep(30)"


def test_a_child_started_by_the_bench_counts_in_its_own_row_not_the_load_generators():
    # The stack's script is a child of the bench process, and the replicas are its children.
    child = subprocess.Popen([sys.executable, "-c", BURN])
    try:
        groups = {"load generator": [os.getpid()], "replica 1": [child.pid]}
        before = cpu_seconds(groups)
        time.sleep(1.5)
        after = cpu_seconds(groups)
    finally:
        child.kill()
        child.wait()
    assert after["replica 1"] - before["replica 1"] > 0.3
    assert after["load generator"] - before["load generator"] < 0.2


def test_one_replica_is_held_to_one_core_and_its_waits_for_storage_two_by_the_machine():
    stack = ["load generator", "replica 1", "replica 2", "PostgreSQL", "Redis"]
    one = [{"ms load generator": 1, "ms replica 1": 28, "ms replica 2": 0, "ms PostgreSQL": 1.5, "ms Redis": 0.5}]
    two = [{"ms load generator": 1, "ms replica 1": 15, "ms replica 2": 15, "ms PostgreSQL": 1.5, "ms Redis": 0.5}]
    assert ceiling(one, stack) == min(1000 / 30, 1000 * (os.cpu_count() or 1) / 31)
    assert ceiling(two, stack) == min(1000 / 16, 1000 * (os.cpu_count() or 1) / 33)
