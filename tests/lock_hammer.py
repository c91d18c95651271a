"""Hammers a Rasa lock store from several processes at once, as Rasa replicas would, and counts overlaps.

    python -m tests.lock_hammer REDIS_URL    # prints the figures for Rasa's RedisLockStore and ours

Each process runs several asyncio tasks; each task takes the lock of one shared conversation again and
again. Inside, it counts who else is inside (a Redis INCR, atomic) and notes its ticket number.
"""

from __future__ import annotations

import asyncio
import contextvars
import multiprocessing
import sys
from dataclasses import dataclass
from typing import List
from urllib.parse import urlparse

import redis
from rasa.core.lock_store import LockError, LockStore, RedisLockStore

from extensions.lock_store import AtomicRedisLockStore

CONVERSATION = "hammered-conversation"
STUCK_SECONDS = 8  # a caller that waited this long for its turn counts as stuck (its ticket was lost)
_ticket: contextvars.ContextVar[int] = contextvars.ContextVar("ticket", default=-1)


@dataclass
class Figures:
    entries: int  # critical sections entered
    overlaps: int  # entries that found another holder inside
    lock_errors: int  # lock() calls that failed (ticket lost)
    stuck: int  # lock() calls still waiting after STUCK_SECONDS
    out_of_order: int  # entries whose ticket was not higher than the previous entry's (not first come, first served)
    duplicate_tickets: int  # one ticket number handed to two callers

    def __str__(self) -> str:
        return (f"{self.entries} entries, {self.overlaps} overlaps, {self.lock_errors} lock errors, "
                f"{self.stuck} stuck, "
                f"{self.out_of_order} out of order, {self.duplicate_tickets} duplicate tickets")


def make_store(kind: str, url: str) -> LockStore:
    if kind == "ours":
        store: LockStore = AtomicRedisLockStore(url=url)
    else:
        parts = urlparse(url)
        store = RedisLockStore(host=parts.hostname, port=parts.port, db=int(parts.path.strip("/") or 1),
                               password=parts.password)
    issue = store.issue_ticket

    def issue_and_note(*args, **kwargs):  # the ticket of the current task, for the order check
        number = issue(*args, **kwargs)
        _ticket.set(number)
        return number

    store.issue_ticket = issue_and_note  # type: ignore[method-assign]
    return store


async def _round(store: LockStore, red: redis.Redis, hold: float) -> None:
    # Tickets live 5 s (Rasa's default is 60 s), so a lost ticket blocks its queue for 5 s only.
    async with store.lock(CONVERSATION, lock_lifetime=5, wait_time_in_seconds=0.005):
        if red.incr("hammer:inside") > 1:
            red.incr("hammer:overlaps")
        red.rpush("hammer:entries", _ticket.get())
        await asyncio.sleep(hold)
        red.decr("hammer:inside")


async def _task(store: LockStore, red: redis.Redis, rounds: int, hold: float) -> int:
    errors = 0
    for _ in range(rounds):
        try:
            await asyncio.wait_for(_round(store, red, hold), STUCK_SECONDS)
        except LockError:
            errors += 1
        except asyncio.TimeoutError:
            red.incr("hammer:stuck")
    return errors


def _process(kind: str, url: str, tasks: int, rounds: int, hold: float) -> None:
    async def main() -> int:
        store, red = make_store(kind, url), redis.Redis.from_url(url)
        return sum(await asyncio.gather(*(_task(store, red, rounds, hold) for _ in range(tasks))))

    redis.Redis.from_url(url).incrby("hammer:lock_errors", asyncio.run(main()))


def hammer(kind: str, url: str, processes: int = 4, tasks: int = 3, rounds: int = 20, hold: float = 0.004) -> Figures:
    """`kind` is "stock" (Rasa's RedisLockStore) or "ours" (AtomicRedisLockStore)."""
    red = redis.Redis.from_url(url)
    red.flushdb()
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_process, args=(kind, url, tasks, rounds, hold)) for _ in range(processes)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        if worker.is_alive():
            worker.kill()
    entries: List[int] = [int(t) for t in red.lrange("hammer:entries", 0, -1)]
    return Figures(
        entries=len(entries),
        overlaps=int(red.get("hammer:overlaps") or 0),
        lock_errors=int(red.get("hammer:lock_errors") or 0),
        stuck=int(red.get("hammer:stuck") or 0),
        out_of_order=sum(1 for a, b in zip(entries, entries[1:], strict=False) if b <= a),
        duplicate_tickets=len(entries) - len(set(entries)),
    )


if __name__ == "__main__":
    for kind in ("stock", "ours"):
        print(f"{kind:5}: {hammer(kind, sys.argv[1])}")
