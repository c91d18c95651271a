"""`make bench-scaled`: turns per second and p95 at 50 concurrent users, one Rasa replica against two.

One run of the scaled stack (scripts/run_scaled.sh: PostgreSQL, Redis lock store, action server, two
replicas, nginx). "1 replica": every user talks to the first replica directly; "2 replicas": every user
talks to nginx, which spreads turns over both. Same stack, same database, rounds alternate between the two
modes, so machine noise hits both alike. Each user has fresh conversations of CONVERSATION's turns.
"""

from __future__ import annotations

import argparse
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
        for url in modes.values():
            load(url, 10)  # warm-up: first-turn costs, connection pools
        results: Dict[str, List[Dict[str, float]]] = {mode: [] for mode in modes}
        for round_ in range(args.rounds):
            for mode, url in (modes.items() if round_ % 2 == 0 else reversed(modes.items())):
                figures = load(url, args.users)
                results[mode].append(figures)
                print(f"  round {round_ + 1}, {mode}: {figures['turns/s']:.1f} turns/s, "
                      f"p95 {figures['p95']:.2f} s, {figures['failed']} failed", flush=True)
    finally:
        stack.stop()
    report(results, args.users)
    return 0


def report(results: Dict[str, List[Dict[str, float]]], users: int) -> None:
    print(f"\n{users} concurrent users, {len(CONVERSATION)} turns each, REST through the scaled stack")
    print(f"{'':12} {'turns/s':>8} {'p50 s':>7} {'p95 s':>7} {'failed':>7}")
    summary = {}
    for mode, rounds in results.items():
        turns = sum(r["turns"] for r in rounds)
        rate = sum(r["turns/s"] for r in rounds) / len(rounds)
        p50 = sum(r["p50"] for r in rounds) / len(rounds)
        p95 = sum(r["p95"] for r in rounds) / len(rounds)
        failed = sum(r["failed"] for r in rounds)
        summary[mode] = rate
        print(f"{mode:12} {rate:8.1f} {p50:7.2f} {p95:7.2f} {failed:4}/{turns}")
    ratio = summary["2 replicas"] / summary["1 replica"]
    print(f"\nthroughput, 2 replicas / 1: {ratio:.2f}x (target >= {TARGET}x on 2 cores)")


if __name__ == "__main__":
    sys.exit(main())
