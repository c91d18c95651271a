"""The Redis lock store across processes (as across Rasa replicas), against a real redis-server."""

from __future__ import annotations

import asyncio
import multiprocessing
import time

import pytest

from extensions.lock_store import AtomicRedisLockStore
from tests.lock_hammer import hammer
from tests.scaled_services import redis_server


@pytest.fixture(scope="module")
def redis_url():
    with redis_server() as url:
        yield url


def test_two_replicas_never_work_on_one_conversation_at_once_and_turns_go_first_come_first_served(redis_url):
    figures = hammer("ours", redis_url, processes=4, tasks=3, rounds=20)
    print(f"AtomicRedisLockStore: {figures}")
    assert figures.entries == 240 and figures.lock_errors == 0 and figures.stuck == 0, figures
    assert figures.overlaps == 0, figures
    assert figures.out_of_order == 0 and figures.duplicate_tickets == 0, figures


def test_demonstration_rasas_redis_lock_store_lets_two_replicas_in_at_once(redis_url):
    """RasaHQ/rasa#9213, measured: the stock store overlaps, loses tickets and leaves callers stuck."""
    figures = hammer("stock", redis_url, processes=3, tasks=2, rounds=6)
    print(f"RedisLockStore (stock): {figures}")
    assert figures.overlaps + figures.lock_errors + figures.stuck + figures.duplicate_tickets > 0, figures


def _hold_and_die(url: str) -> None:
    async def main() -> None:
        async with AtomicRedisLockStore(url=url, lease=1).lock("dying-replica"):
            import os

            os._exit(0)  # a replica killed mid-turn: it never releases

    asyncio.run(main())


def test_a_conversation_held_by_a_replica_that_died_is_free_again_after_one_lease(redis_url):
    dying = multiprocessing.get_context("fork").Process(target=_hold_and_die, args=(redis_url,))
    dying.start()
    dying.join(timeout=30)
    store = AtomicRedisLockStore(url=redis_url, lease=1)
    assert store.is_someone_waiting("dying-replica"), "the dead replica's ticket is still in the queue"

    async def take() -> float:
        started = time.monotonic()
        async with store.lock("dying-replica"):
            return time.monotonic() - started

    waited = asyncio.run(take())
    assert waited < 2.5, waited
    assert not store.is_someone_waiting("dying-replica"), "released: the queue is gone"


def test_a_long_turn_keeps_its_lock_past_the_lease(redis_url):
    store = AtomicRedisLockStore(url=redis_url, lease=0.4)
    order = []

    async def turn(name: str, seconds: float) -> None:
        async with store.lock("long-turn"):
            order.append(f"{name} in")
            await asyncio.sleep(seconds)
            order.append(f"{name} out")

    async def main() -> None:
        first = asyncio.ensure_future(turn("first", 1.5))  # nearly four leases long: the heartbeat renews it
        await asyncio.sleep(0.05)
        await asyncio.gather(first, turn("second", 0))

    asyncio.run(main())
    assert order == ["first in", "first out", "second in", "second out"]


def test_with_redis_down_the_turn_still_runs_and_the_outage_is_logged(caplog):
    from tests.live.harness import free_port

    store = AtomicRedisLockStore(url=f"redis://127.0.0.1:{free_port()}/1")
    ran = []

    async def turn() -> None:
        async with store.lock("no-redis"):
            ran.append(True)

    asyncio.run(turn())
    assert ran == [True]
    assert "without a lock" in caplog.text
