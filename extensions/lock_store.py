"""A Redis lock store that lets only one Rasa replica at a time work on a conversation.

Rasa Open Source's RedisLockStore keeps a conversation's ticket queue as one JSON value and changes it by
read-modify-write from Python (get, append a ticket, set). Two replicas can read the same queue, both add
ticket n and both believe it is their turn, or one deletes the queue the other just joined
(RasaHQ/rasa#9213; the fix was reverted from the open-source line, #11428). Then two turns of one
conversation run at once and the second save loses or duplicates events.

Here each step is one Lua script, which Redis runs atomically:
- issue: INCR a per-conversation counter and add that ticket to a sorted set, with a lease;
- acquire: drop tickets whose lease ran out; the lowest ticket left holds the lock (first come, first
  served); the caller's own lease is renewed on every poll, so a waiter is not dropped while it waits;
- release: remove the ticket; the queue goes when it is empty.
If Redis is down, turns run unlocked (logged as errors) rather than not at all.
While a turn runs, a heartbeat renews the holder's lease. A replica that dies therefore frees its
conversations after one lease (HARMBOT_LOCK_LEASE_SECONDS, default 10) instead of Rasa's 60 s ticket
lifetime. Leases run on Redis's clock (TIME), so replicas with skewed clocks agree.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from contextlib import asynccontextmanager
from typing import Any, AsyncGenerator, Optional

import redis
from rasa.core.lock import Ticket, TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore
from rasa.utils.endpoints import EndpointConfig

from harmbot import settings

logger = logging.getLogger(__name__)

# Waiters poll this often; Rasa's store waits a whole second between polls.
POLL_SECONDS = 0.02
# Ticket numbers are never reused while a conversation is active (the counter outlives its queue by a day).
COUNTER_TTL_MS = 86_400_000

_NOW_MS = "local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) "

# KEYS: queue, leases, counter. ARGV: lease ms, counter ttl ms. Returns the new ticket.
_ISSUE = (
    _NOW_MS
    + """
local n = redis.call('INCR', KEYS[3])
redis.call('PEXPIRE', KEYS[3], ARGV[2])
redis.call('ZADD', KEYS[1], n, n)
redis.call('HSET', KEYS[2], n, now + tonumber(ARGV[1]))
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return n
"""
)

# KEYS: queue, leases. ARGV: ticket, lease ms. Returns 1 (holds the lock), 0 (waits), -1 (ticket expired).
_ACQUIRE = (
    _NOW_MS
    + """
for _, t in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if tonumber(redis.call('HGET', KEYS[2], t) or '0') < now then
    redis.call('ZREM', KEYS[1], t)
    redis.call('HDEL', KEYS[2], t)
  end
end
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return -1 end
redis.call('HSET', KEYS[2], ARGV[1], now + tonumber(ARGV[2]))
if redis.call('ZRANGE', KEYS[1], 0, 0)[1] == ARGV[1] then return 1 end
return 0
"""
)

# KEYS: queue, leases. ARGV: ticket.
_RELEASE = """
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
if redis.call('ZCARD', KEYS[1]) == 0 then redis.call('DEL', KEYS[1], KEYS[2]) end
return 1
"""


def lease_seconds() -> float:
    return settings.LOCK_LEASE_SECONDS.get()


class AtomicRedisLockStore(LockStore):
    """Rasa's LockStore interface (`async with store.lock(conversation_id)`), atomic across processes.

    endpoints.yml: `lock_store: {type: extensions.lock_store.AtomicRedisLockStore, url: ${HARMBOT_REDIS_URL}}`
    with a URL like redis://:password@host:6379/1 (the password only ever from the environment).
    """

    def __init__(
        self,
        endpoint_config: Optional[EndpointConfig] = None,
        url: Optional[str] = None,
        key_prefix: str = "harmbot:lock:",
        lease: Optional[float] = None,
    ) -> None:
        url = url or (endpoint_config.url if endpoint_config else None) or settings.REDIS_URL.get()
        if not url:
            raise LockError("AtomicRedisLockStore needs a Redis URL (HARMBOT_REDIS_URL).")
        self.red = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5, health_check_interval=30)
        self.key_prefix = key_prefix
        self.lease = lease or lease_seconds()
        self._issue = self.red.register_script(_ISSUE)
        self._acquire = self.red.register_script(_ACQUIRE)
        self._release = self.red.register_script(_RELEASE)
        super().__init__()

    def _keys(self, conversation_id: str) -> list:
        # One hash tag per conversation keeps its keys in one slot on a Redis cluster.
        base = f"{self.key_prefix}{{{conversation_id}}}"
        return [f"{base}:queue", f"{base}:leases", f"{base}:counter"]

    @property
    def _lease_ms(self) -> int:
        return int(self.lease * 1000)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        try:
            return int(self._issue(keys=self._keys(conversation_id), args=[self._lease_ms, COUNTER_TTL_MS]))
        except redis.RedisError as error:
            raise LockError(f"Could not issue a lock ticket: {error}") from error

    def try_acquire(self, conversation_id: str, ticket: int) -> int:
        """1: `ticket` holds the lock now (its lease renewed); 0: it waits; -1: it expired."""
        return int(self._acquire(keys=self._keys(conversation_id)[:2], args=[ticket, self._lease_ms]))

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self._release(keys=self._keys(conversation_id)[:2], args=[ticket_number])

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        try:
            self.finish_serving(conversation_id, ticket_number)
        except redis.RedisError as error:
            # The lease frees the lock anyway; the turn itself is done.
            logger.warning(f"Could not release a lock ticket ({error}); it expires in {self.lease:g} s.")

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: str,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float = POLL_SECONDS,
    ) -> AsyncGenerator[TicketLock, None]:
        """Waits (at most `lock_lifetime` seconds) until this call is first in line for the conversation.

        If Redis cannot be reached, the turn runs without the lock (and an error is logged): a reply, above
        all a crisis reply, matters more than the order of two messages sent at the same moment.
        """
        try:
            ticket = self.issue_ticket(conversation_id)
        except LockError as error:
            ticket = None
            logger.error(f"{error} Handling the message without a lock.")
        if ticket is None:
            yield TicketLock(conversation_id)
            return
        try:
            await self._wait_for_turn(conversation_id, ticket, lock_lifetime, min(wait_time_in_seconds, POLL_SECONDS))
            heartbeat = asyncio.ensure_future(self._keep(conversation_id, ticket))
            try:
                yield TicketLock(conversation_id)
            finally:
                heartbeat.cancel()
        finally:
            self.cleanup(conversation_id, ticket)

    async def _wait_for_turn(self, conversation_id: str, ticket: int, max_wait: float, poll: float) -> None:
        deadline = time.monotonic() + max_wait
        while True:
            try:
                state = self.try_acquire(conversation_id, ticket)
            except redis.RedisError as error:
                logger.error(f"Could not acquire a lock ({error}); handling the message without it.")
                return
            if state == 1:
                return
            if state == -1:
                raise LockError(f"Lock ticket for conversation '{conversation_id}' expired while waiting.")
            if time.monotonic() > deadline:
                raise LockError(f"Waited {max_wait:g} s for conversation '{conversation_id}'.")
            await asyncio.sleep(poll)

    async def _keep(self, conversation_id: str, ticket: int) -> None:
        """Renews the holder's lease while the turn runs."""
        while True:
            await asyncio.sleep(self.lease / 4)
            try:
                if self.try_acquire(conversation_id, ticket) != 1:
                    logger.error(f"Lost the lock of a conversation mid-turn (lease {self.lease:g} s ran out).")
                    return
            except redis.RedisError as error:
                logger.warning(f"Could not renew a lock lease: {error}")

    # The rest of Rasa's LockStore interface, for tools that inspect locks.
    def get_lock(self, conversation_id: str) -> Optional[TicketLock]:
        queue, leases, _ = self._keys(conversation_id)
        tickets = self.red.zrange(queue, 0, -1)
        if not tickets:
            return None
        deadlines = self.red.hmget(leases, tickets)
        tickets_ = (Ticket(int(t), float(d or 0) / 1000) for t, d in zip(tickets, deadlines, strict=True))
        return TicketLock(conversation_id, deque(tickets_))

    def is_someone_waiting(self, conversation_id: str) -> bool:
        return bool(self.red.zcard(self._keys(conversation_id)[0]))

    def delete_lock(self, conversation_id: str) -> None:
        self._log_deletion(conversation_id, bool(self.red.delete(*self._keys(conversation_id)[:2])))

    def save_lock(self, lock: Any) -> None:
        raise NotImplementedError("Saving a whole lock is the read-modify-write this store exists to avoid.")
