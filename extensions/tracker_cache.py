"""The SQL tracker store with an in-process cache of recent conversations, so a turn doesn't reload them.

Why: Rasa rebuilds the tracker from the database on every message, deserialising and replaying every
event of the session. At turn 300 of one session that was 60% of a turn (measured, issue 15), and it
grows with every turn.

How it stays right:
- A cached tracker is only handed out if the database still holds exactly what it held when the tracker
  was saved: the count and the highest id of the sender's stored events are checked on every retrieve
  (one small indexed query). Anything else that wrote or deleted events (another process, another
  replica, `make purge-conversations`) changes them, and the tracker is read from the database again.
- Only a tracker that is what the database would give back is kept: the one this store handed out,
  with events only appended, and no new session started in it (Rasa reads back only the latest session).
- When the save rewrote stored events (the private-form redaction in extensions/tracker_store.py), the
  cached copy still holds the words: it is dropped, and the next turn reads the redacted events.
- A tracker that was changed but not saved (a turn that failed half-way) is noticed by its event count
  and read again.
The trackers handed out are IncrementalTrackers (extensions/incremental_tracker.py): the same, except
that they don't walk the whole session each time Rasa asks for the applied events.

`cache_conversations` (endpoints.yml) bounds how many conversations are kept (least recently used go
first); 0 turns the cache off. With several Rasa processes on one database the checks above still apply.
"""

from __future__ import annotations

import itertools
import json
import logging
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Iterator, Optional, Tuple

import sqlalchemy as sa
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

from extensions import conversation_erasure
from extensions.incremental_tracker import IncrementalTracker
from extensions.tracker_store import TunedSQLTrackerStore

logger = logging.getLogger(__name__)

DEFAULT_CACHED_CONVERSATIONS = 100


@dataclass
class _Cached:
    tracker: DialogueStateTracker
    length: int  # events in the tracker when it matched the database
    last: Optional[Event]  # the last of those events (identity, to notice a replaced tracker)
    stored: Tuple[int, Optional[int]]  # (count, max id) of the sender's stored events at that time

    def unchanged(self) -> bool:
        events = self.tracker.events
        return len(events) == self.length and (self.length == 0 or events[-1] is self.last)

    def continued_by(self, tracker: DialogueStateTracker) -> bool:
        events = tracker.events
        return (
            tracker is self.tracker
            and len(events) >= self.length
            and (self.length == 0 or events[self.length - 1] is self.last)
        )


class CachedSQLTrackerStore(TunedSQLTrackerStore):
    def __init__(self, *args: Any, cache_conversations: int = DEFAULT_CACHED_CONVERSATIONS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cache_size = int(cache_conversations)
        self._cache: OrderedDict[str, _Cached] = OrderedDict()
        self._known_stored: Optional[Tuple[DialogueStateTracker, int]] = None

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        if self.cache_size <= 0:
            return await super().retrieve(sender_id)
        cached = self._cache.get(sender_id)
        stored = self._stored(sender_id)
        if cached and cached.unchanged() and cached.stored == stored:
            self._cache.move_to_end(sender_id)
            return cached.tracker
        tracker = await super().retrieve(sender_id)
        self._cache.pop(sender_id, None)
        if tracker is not None:
            # Remember what was handed out; it becomes a cache entry once it is saved as it is continued.
            self._remember(sender_id, _Cached(tracker, len(tracker.events), _last(tracker), stored))
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        sender_id = tracker.sender_id
        cached = self._cache.get(sender_id)
        keep = cached is not None and cached.continued_by(tracker) and self._same_session(tracker, cached.length)
        # The database holds exactly the first `length` events of a continued tracker (checked at retrieve,
        # and the lock store keeps other turns of this conversation out), so Rasa needn't count them.
        self._known_stored = (tracker, cached.length) if keep and cached is not None else None
        try:
            await super().save(tracker)
        finally:
            self._known_stored = None
        if conversation_erasure.requested(tracker):  # deleted: no copy of it may stay in memory either
            self._cache.pop(sender_id, None)
        elif keep and cached is not None and self._cache.get(sender_id) is cached:
            cached.length, cached.last, cached.stored = len(tracker.events), _last(tracker), self._stored(sender_id)
        else:
            self._cache.pop(sender_id, None)

    def init_tracker(self, sender_id: str) -> DialogueStateTracker:
        return IncrementalTracker(sender_id, self.domain.slots, max_event_history=self.max_event_history)

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
        """Rasa's SQLTrackerStore._retrieve (3.6), building an IncrementalTracker."""
        with self.session_scope() as session:
            rows = self._event_query(session, sender_id, fetch_events_from_all_sessions).all()
            events = [json.loads(row.data) for row in rows]
        if not self.domain or not events:
            return None
        return IncrementalTracker.from_dict(sender_id, events, self.domain.slots)

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator[Event]:
        known = self._known_stored
        if known is not None and known[0] is tracker:
            return itertools.islice(tracker.events, known[1], None)
        return super()._additional_events(session, tracker)

    def redact_stored(self, sender_id: str) -> int:
        changed = super().redact_stored(sender_id)
        if changed:
            self._cache.pop(sender_id, None)  # the cached tracker still holds what was just removed
        return changed

    def _remember(self, sender_id: str, cached: _Cached) -> None:
        self._cache[sender_id] = cached
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    def _stored(self, sender_id: str) -> Tuple[int, Optional[int]]:
        """(count, highest id) of every stored event of the sender: changes with any insert or delete."""
        query = sa.select(sa.func.count(self.SQLEvent.id), sa.func.max(self.SQLEvent.id)).where(
            self.SQLEvent.sender_id == sender_id
        )
        with self.session_scope() as session:
            count, highest = session.execute(query).one()
        return int(count), highest

    @staticmethod
    def _same_session(tracker: DialogueStateTracker, checked: int) -> bool:
        """True if reading the tracker back would give the same events: Rasa reads from the latest
        `session_started` on (by timestamp), so no session may start after the first event."""
        events = tracker.events
        first = events[0] if events else None
        for event in itertools.islice(events, max(checked, 1), None):
            if isinstance(event, SessionStarted):
                return False
            if isinstance(first, SessionStarted) and event.timestamp < first.timestamp:
                return False
        return True


def _last(tracker: DialogueStateTracker) -> Optional[Event]:
    return tracker.events[-1] if tracker.events else None
