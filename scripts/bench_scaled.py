"""`make bench-scaled`: turns per second and p95 at 50 concurrent users, one Rasa replica against two.

One run of the scaled stack (scripts/run_scaled.sh: PostgreSQL, Redis lock store, action server, two
replicas, nginx). "1 replica": every user talks to the first replica directly; "2 replicas": every user
talks to nginx, which spreads turns over both. Same stack, same database, rounds alternate between the two
modes, so machine noise hits both alike. Each user has fresh conversations of CONVERSATION's turns.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, List

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.bench import CONVERSATION, percentile  # noqa: E402
from tests.live.scaled_harness import ScaledServers  # noqa: E402

TARGET = 1.6  # throughput of two replicas over one, on two cores


def _busy_seconds(pids: List[int]) -> Dict[str, float]:
    """CPU seconds used so far by the replicas, and by the whole machine (all processes, all cores)."""
    tick = os.sysconf("SC_CLK_TCK")
    replicas = 0.0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        replicas += (int(fields[11]) + int(fields[12])) / tick
    cpu = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return {"replicas": replicas, "machine": (sum(cpu) - cpu[3] - cpu[4]) / tick}


def measured(url: str, users: int, pids: List[int]) -> Dict[str, float]:
    """`load`, plus the cores the replicas and the whole machine kept busy meanwhile (on a shared machine,
    other work takes cores the second replica would use)."""
    before, started = _busy_seconds(pids), time.monotonic()
    figures = load(url, users)
    after, elapsed = _busy_seconds(pids), time.monotonic() - started
    figures.update({f"{key} cores": (after[key] - before[key]) / elapsed for key in after})
    return figures


def load(url: str, users: int) -> Dict[str, float]:
    """`users` conversations at once, each through CONVERSATION; returns turns/s, p50, p95 and failures."""
    latencies: List[float] = []
    failures = [0]

    def conversation(_: int) -> None:
        sender = f"bench-{uuid.uuid4().hex[:10]}"
        for text in CONVERSATION:
            started = time.monotonic()
            try:
                response = requests.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text},
                                         timeout=300)
                ok = response.ok and bool(response.json())
            except requests.RequestException:
                ok = False
            latencies.append(time.monotonic() - started)
            failures[0] += not ok

    started = time.monotonic()
    with ThreadPoolExecutor(users) as pool:
        list(pool.map(conversation, range(users)))
    elapsed = time.monotonic() - started
    return {"turns/s": len(latencies) / elapsed, "p50": percentile(latencies, 0.5),
            "p95": percentile(latencies, 0.95), "failed": failures[0], "turns": len(latencies)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=2, help="measured rounds per mode (after one warm-up)")
    args = parser.parse_args()

    stack = ScaledServers()
    print(f"Starting the scaled stack (2 replicas, logs in {stack.var})...", flush=True)
    stack.start()
    try:
        modes = {"1 replica": stack.replica_urls[0], "2 replicas": stack.url}
        pids = [stack.pid(f"replica-{stack.replica_base + i}") for i in range(stack.replicas)]
        for url in modes.values():
            load(url, 10)  # warm-up: first-turn costs, connection pools
        results: Dict[str, List[Dict[str, float]]] = {mode: [] for mode in modes}
        for round_ in range(args.rounds):
            for mode, url in (modes.items() if round_ % 2 == 0 else reversed(modes.items())):
                figures = measured(url, args.users, pids)
                results[mode].append(figures)
                print(f"  round {round_ + 1}, {mode}: {figures['turns/s']:.1f} turns/s, "
                      f"p95 {figures['p95']:.2f} s, {figures['failed']} failed; cores busy: replicas "
                      f"{figures['replicas cores']:.2f}, machine {figures['machine cores']:.2f}", flush=True)
    finally:
        stack.stop()
    report(results, args.users)
    return 0


def report(results: Dict[str, List[Dict[str, float]]], users: int) -> None:
    print(f"\n{users} concurrent users, {len(CONVERSATION)} turns each, REST through the scaled stack")
    print(f"{'':12} {'turns/s':>8} {'p50 s':>7} {'p95 s':>7} {'failed':>8} {'replica cores':>14} {'machine':>8}")
    summary = {}
    for mode, rounds in results.items():
        turns = sum(r["turns"] for r in rounds)
        rate = sum(r["turns/s"] for r in rounds) / len(rounds)
        p50 = sum(r["p50"] for r in rounds) / len(rounds)
        p95 = sum(r["p95"] for r in rounds) / len(rounds)
        failed = sum(r["failed"] for r in rounds)
        cores = sum(r["replicas cores"] for r in rounds) / len(rounds)
        machine = sum(r["machine cores"] for r in rounds) / len(rounds)
        summary[mode] = rate
        print(f"{mode:12} {rate:8.1f} {p50:7.2f} {p95:7.2f} {failed:4}/{turns:<4} {cores:14.2f} {machine:8.2f}")
    ratio = summary["2 replicas"] / summary["1 replica"]
    print(f"\nthroughput, 2 replicas / 1: {ratio:.2f}x (target >= {TARGET}x on 2 cores)")
    print("If 'machine' is near the number of cores while the replicas use much less, other processes held the"
          " cores: the ratio then measures the machine, not the replicas.")


if __name__ == "__main__":
    sys.exit(main())
