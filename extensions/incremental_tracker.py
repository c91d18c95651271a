"""A conversation tracker that works out its applied events once, then only for the events added since.

Why: Rasa's processor asks for `applied_events()` at least twice per message (is there a session, has
it expired), and each call walks the whole session: at turn 300 that is thousands of events per call.
The tracker store (extensions/tracker_cache.py) hands out this tracker, and keeps it between turns.

Exactness: the walk is Rasa 3.6's `DialogueStateTracker.applied_events`, continued from where the last
call stopped. It starts over when that can't give the same result: when events were not only appended
(the last one seen is no longer where it was) or when a loop name appears that the earlier walk didn't
know (Rasa decides with the names of all loops in the conversation). Callers get a new list each time.
"""

from __future__ import annotations

import itertools
from typing import List, Optional, Set

from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    Event,
    Restarted,
    SessionStarted,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker


class IncrementalTracker(DialogueStateTracker):
    _walked = 0  # events walked so far
    _walked_last: Optional[Event] = None
    _applied: Optional[List[Event]] = None
    _loop_names: Set[str] = frozenset()  # type: ignore[assignment]

    def applied_events(self) -> List[Event]:
        events = self.events
        if not self._can_continue():
            self._applied, self._walked, self._loop_names = [], 0, set()
        new = list(itertools.islice(events, self._walked, None))
        names = {e.name for e in new if isinstance(e, ActiveLoop) and e.name}
        if not names <= self._loop_names:
            self._applied, self._loop_names = [], self._loop_names | names
            new = list(events)
        self._walk(new)
        self._walked, self._walked_last = len(events), events[-1] if events else None
        return list(self._applied)

    def _can_continue(self) -> bool:
        events = self.events
        if self._applied is None or len(events) < self._walked:
            return False
        return self._walked == 0 or events[self._walked - 1] is self._walked_last

    def _walk(self, new: List[Event]) -> None:
        """The loop of DialogueStateTracker.applied_events (Rasa 3.6), over `new` events."""
        applied = self._applied
        for event in new:
            if isinstance(event, Restarted | SessionStarted):
                applied.clear()
            elif isinstance(event, ActionReverted):
                self._undo_till_previous(ActionExecuted, applied)
            elif isinstance(event, UserUtteranceReverted):
                self._undo_till_previous(UserUttered, applied)
                self._undo_till_previous(ActionExecuted, applied)
            elif (
                isinstance(event, ActionExecuted)
                and event.action_name in self._loop_names
                and not self._first_loop_execution_or_unhappy_path(event.action_name, applied)
            ):
                self._undo_till_previous_loop_execution(event.action_name, applied)
            else:
                applied.append(event)
