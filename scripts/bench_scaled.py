"""`make bench-scaled`: turns per second and p95 at 50 concurrent users, one Rasa replica against two.

One run of the scaled stack (scripts/run_scaled.sh: PostgreSQL, Redis lock store, action server, two
replicas, nginx). "1 replica": every user talks to the first replica directly; "2 replicas": every user
talks to nginx, which spreads turns over both. Same stack, same database, rounds alternate between the two
modes, so machine noise hits both alike. Each user has fresh conversations of CONVERSATION's turns.

Beside the rates it prints the CPU milliseconds per turn of every process of the stack (read from
/proc/PID/stat before and after each round, children included) and the machine's idle share: on a shared
machine the rates move with other people's work, the CPU per turn does not.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
import uuid
from pathlib import Path
from typing import Dict, List

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.bench import CONVERSATION, percentile  # noqa: E402
from tests.live.scaled_harness import ScaledServers  # noqa: E402

TARGET = 1.6  # throughput of two replicas over one, on two cores
TICK = os.sysconf("SC_CLK_TCK")


def _proc_times() -> Dict[int, tuple]:
    """pid -> (parent pid, own CPU seconds, CPU seconds of its reaped children), for every process."""
    table = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            fields = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        table[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK,
                                  (int(fields[13]) + int(fields[14])) / TICK)
    return table


def cpu_seconds(groups: Dict[str, List[int]]) -> Dict[str, float]:
    """CPU seconds used so far by each group of processes (with all their descendants, live or reaped),
    and by the whole machine ("busy", all cores) with its idle seconds ("idle")."""
    table = _proc_times()
    children: Dict[int, List[int]] = {}
    for pid, (ppid, _, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    roots = {pid for pids in groups.values() for pid in pids}
    used = {}
    for name, pids in groups.items():
        total, todo = 0.0, [pid for pid in pids if pid in table]
        while todo:
            pid = todo.pop()
            total += table[pid][1] + table[pid][2]
            # Not into another group: the stack's script, a child of this process, started the replicas.
            todo += [child for child in children.get(pid, []) if child not in roots]
        used[name] = total
    cpu = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    used["busy"] = (sum(cpu) - cpu[3] - cpu[4]) / TICK
    used["idle"] = (cpu[3] + cpu[4]) / TICK
    return used


def stack_processes(stack: ScaledServers) -> Dict[str, List[int]]:
    """The stack's processes by role (the load generator is this process)."""
    var = stack.var

    def pid_in(path: Path) -> List[int]:
        return [int(path.read_text().split()[0])] if path.exists() else []

    groups = {"load generator": [os.getpid()], "nginx": pid_in(var / "nginx" / "nginx.pid")}
    for i in range(stack.replicas):
        groups[f"replica {i + 1}"] = [stack.pid(f"replica-{stack.replica_base + i}")]
    groups["action server"] = [stack.pid("actions")]
    groups["PostgreSQL"] = pid_in(var / "pg" / "data" / "postmaster.pid")
    groups["Redis"] = pid_in(var / "redis" / "redis.pid")
    return groups


def measured(url: str, users: int, groups: Dict[str, List[int]]) -> Dict[str, float]:
    """`load`, plus the CPU milliseconds per turn of each group and of the rest of the machine ("other"),
    and the machine's idle share meanwhile."""
    before = cpu_seconds(groups)
    figures = load(url, users)
    after = cpu_seconds(groups)
    used = {name: after[name] - before[name] for name in after}
    turns = max(figures["turns"], 1)
    for name in groups:
        figures[f"ms {name}"] = 1000 * used[name] / turns
    figures["ms other"] = 1000 * max(used["busy"] - sum(used[name] for name in groups), 0) / turns
    figures["idle"] = used["idle"] / max(used["idle"] + used["busy"], 1e-9)
    return figures


def load(url: str, users: int) -> Dict[str, float]:
    """`users` conversations at once, each through CONVERSATION; returns turns/s, p50, p95 and failures.

    One asyncio client with kept-alive connections: it runs on the same cores as the stack, so it has to
    be cheap per request (a thread per user with `requests` took more CPU per turn than a replica)."""
    return asyncio.run(_load(url, users))


async def _load(url: str, users: int) -> Dict[str, float]:
    latencies: List[float] = []
    failures = [0]
    webhook = f"{url}/webhooks/rest/webhook"

    async def conversation(session: aiohttp.ClientSession) -> None:
        sender = f"bench-{uuid.uuid4().hex[:10]}"
        for text in CONVERSATION:
            started = time.monotonic()
            try:
                async with session.post(webhook, json={"sender": sender, "message": text}) as response:
                    ok = response.status == 200 and bool(await response.json())
            except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
                ok = False
            latencies.append(time.monotonic() - started)
            failures[0] += not ok

    connector = aiohttp.TCPConnector(limit=users, keepalive_timeout=30)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=300)) as session:
        started = time.monotonic()
        await asyncio.gather(*(conversation(session) for _ in range(users)))
        elapsed = time.monotonic() - started
    return {"turns/s": len(latencies) / elapsed, "p50": percentile(latencies, 0.5),
            "p95": percentile(latencies, 0.95), "failed": failures[0], "turns": len(latencies)}


def pin_ports(stack: ScaledServers, base: int) -> None:
    """Fixed ports from `base` on (nginx, action server, two replicas, PostgreSQL, Redis) instead of free
    ones picked at random, for a shared machine where each person has a port range."""
    stack.rasa_port, stack.actions_port, stack.replica_base = base, base + 1, base + 2
    stack.pg_port, stack.redis_port = base + 2 + stack.replicas, base + 3 + stack.replicas
    stack.env.update(RASA_PORT=str(base), ACTIONS_PORT=str(base + 1), REPLICA_BASE_PORT=str(base + 2),
                     SCALED_PG_PORT=str(stack.pg_port), SCALED_REDIS_PORT=str(stack.redis_port),
                     ACTION_ENDPOINT_URL=f"http://127.0.0.1:{base + 1}/webhook")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3, help="measured rounds per mode (after one warm-up)")
    parser.add_argument("--base-port", type=int, help="ports from this one on (default: free ones)")
    args = parser.parse_args()

    stack = ScaledServers()
    if args.base_port:
        pin_ports(stack, args.base_port)
    print(f"Starting the scaled stack (2 replicas, logs in {stack.var})...", flush=True)
    stack.start()
    try:
        modes = {"1 replica": stack.replica_urls[0], "2 replicas": stack.url}
        groups = stack_processes(stack)
        for url in modes.values():
            load(url, 10)  # warm-up: first-turn costs, connection pools
        results: Dict[str, List[Dict[str, float]]] = {mode: [] for mode in modes}
        for round_ in range(args.rounds):
            for mode, url in (modes.items() if round_ % 2 == 0 else reversed(modes.items())):
                figures = measured(url, args.users, groups)
                results[mode].append(figures)
                print(f"  round {round_ + 1}, {mode}: {figures['turns/s']:.1f} turns/s, "
                      f"p95 {figures['p95']:.2f} s, {figures['failed']} failed; machine idle "
                      f"{figures['idle']:.0%}", flush=True)
    finally:
        stack.stop()
    report(results, args.users, [*groups, "other"])
    return 0


def _mean(rounds: List[Dict[str, float]], key: str) -> float:
    return sum(r[key] for r in rounds) / len(rounds)


def report(results: Dict[str, List[Dict[str, float]]], users: int, groups: List[str]) -> None:
    print(f"\n{users} concurrent users, {len(CONVERSATION)} turns each, REST through the scaled stack")
    print(f"{'':12} {'turns/s':>8} {'p50 s':>7} {'p95 s':>7} {'failed':>9} {'machine idle':>13}")
    for mode, rounds in results.items():
        turns, failed = sum(r["turns"] for r in rounds), sum(r["failed"] for r in rounds)
        print(f"{mode:12} {_mean(rounds, 'turns/s'):8.1f} {_mean(rounds, 'p50'):7.2f} {_mean(rounds, 'p95'):7.2f} "
              f"{failed:4}/{turns:<4} {_mean(rounds, 'idle'):13.0%}")
    print("\nCPU ms per turn (all cores; 'other' is everything on the machine outside this stack)")
    print(f"{'':16}" + "".join(f"{mode:>12}" for mode in results))
    for name in groups:
        print(f"{name:16}" + "".join(f"{_mean(rounds, 'ms ' + name):12.1f}" for rounds in results.values()))
    stack = [name for name in groups if name != "other"]
    print(f"{'stack total':16}" + "".join(
        f"{sum(_mean(rounds, 'ms ' + name) for name in stack):12.1f}" for rounds in results.values()))
    ratio = _mean(results["2 replicas"], "turns/s") / _mean(results["1 replica"], "turns/s")
    print(f"\nthroughput, 2 replicas / 1: {ratio:.2f}x (target >= {TARGET}x on 2 cores)")
    ceilings = {mode: ceiling(rounds, stack) for mode, rounds in results.items()}
    print(f"CPU-bound ceiling on this machine with nothing else running ({os.cpu_count()} cores, from the CPU per "
          "turn above): " + ", ".join(f"{mode} {rate:.0f} turns/s" for mode, rate in ceilings.items())
          + f", so {ceilings['2 replicas'] / ceilings['1 replica']:.2f}x")
    print("On a busy machine (little idle time, much 'other'), the measured ratio is the machine's, not the "
          "replicas'; the CPU per turn and the ceiling hold either way.")


def ceiling(rounds: List[Dict[str, float]], stack: List[str]) -> float:
    """Turns per second if the stack had every core to itself. Each replica is one event loop, so one core
    at most, and that loop also waits for PostgreSQL and Redis (their calls are synchronous): while they
    work for its turns, it can't. All of the stack's processes together get the machine's cores."""
    replica_ms = {name: _mean(rounds, f"ms {name}") for name in stack if name.startswith("replica")}
    storage_ms = _mean(rounds, "ms PostgreSQL") + _mean(rounds, "ms Redis")
    replicas_ms = sum(replica_ms.values())
    limits = [1000 / (ms + storage_ms * ms / replicas_ms) for ms in replica_ms.values() if ms > 0.5]
    limits.append(1000 * (os.cpu_count() or 1) / sum(_mean(rounds, f"ms {name}") for name in stack))
    return min(limits)

if __name__ == "__main__":
    sys.exit(main())
