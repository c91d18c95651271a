"""A conversation tracker whose per-turn bookkeeping doesn't walk the whole session.

Why: Rasa's processor asks for `applied_events()` at least twice per message (is there a session, has
it expired) and copies the tracker before every action (`copy()` replays every event into a new one).
At turn 300 each of those walks thousands of events. The tracker store (extensions/tracker_cache.py)
hands out this tracker and keeps it between turns.

Exactness (Rasa 3.6; tests/test_long_conversation.py compares both against Rasa's own):
- `applied_events()` is Rasa's walk, continued from where the last call stopped. It starts over when
  that can't give the same result: events were not only appended (the last one seen is no longer where
  it was), or a loop name appears that the earlier walk didn't know (Rasa decides with the names of
  all loops in the conversation). Callers get a new list each time.
- `copy()` builds the tracker that replaying every event would give, from this one's state, which the
  same events built. The one part Rasa changes without an event (the processor clears a follow-up
  action) is worked out from the events. Rasa's replay is used when that isn't certain: a rewind, a
  limited event history, or `EntitiesAdded` (its replay changes the user message it applies to).
"""

from __future__ import annotations

import copy
import itertools
from typing import List, Optional, Set

from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    EntitiesAdded,
    Event,
    FollowupAction,
    Restarted,
    SessionStarted,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

_UNCERTAIN = object()


class IncrementalTracker(DialogueStateTracker):
    _walked = 0  # events walked so far
    _walked_last: Optional[Event] = None
    _applied: Optional[List[Event]] = None
    _loop_names: Set[str] = frozenset()  # type: ignore[assignment]
    _entities_added = False

    def update(self, event: Event, domain: Optional[Domain] = None) -> None:
        if isinstance(event, EntitiesAdded):
            self._entities_added = True
        super().update(event, domain)

    def copy(self) -> DialogueStateTracker:
        followup = self._replayed_followup_action()
        if followup is _UNCERTAIN or self._max_event_history or self._entities_added:
            return super().copy()
        clone = self.init_copy()  # like Rasa's: a plain tracker, no model or assistant id
        clone.events.extend(self.events)
        clone.slots = {name: copy.copy(slot) for name, slot in self.slots.items()}
        clone._paused = self._paused
        clone.latest_action = None if self.latest_action is None else dict(self.latest_action)
        clone.latest_message = self.latest_message
        clone.latest_bot_utterance = self.latest_bot_utterance
        clone.active_loop = copy.copy(self.active_loop)
        clone.followup_action = followup
        return clone

    def _replayed_followup_action(self) -> object:
        """The follow-up action a replay of all events ends with (the last event that sets or clears it)."""
        for event in reversed(self.events):
            if isinstance(event, FollowupAction):
                return event.action_name
            if isinstance(event, UserUttered | ActionExecuted):
                return None
            if isinstance(event, Restarted):
                return ACTION_SESSION_START_NAME
            if isinstance(event, SessionStarted):
                return ACTION_LISTEN_NAME
            if isinstance(event, UserUtteranceReverted | ActionReverted):
                return _UNCERTAIN
        return ACTION_LISTEN_NAME

    def applied_events(self) -> List[Event]:
        events = self.events
        if not self._can_continue():
            self._applied, self._walked, self._loop_names = [], 0, set()
        new = list(itertools.islice(events, self._walked, None))
        names = {e.name for e in new if isinstance(e, ActiveLoop) and e.name}
        if not names <= self._loop_names:
            self._applied, self._loop_names = [], self._loop_names | names
            new = list(events)
        applied = self._applied if self._applied is not None else []
        self._applied = applied
        self._walk(new, applied)
        self._walked, self._walked_last = len(events), events[-1] if events else None
        return list(applied)

    def _can_continue(self) -> bool:
        events = self.events
        if self._applied is None or len(events) < self._walked:
            return False
        return self._walked == 0 or events[self._walked - 1] is self._walked_last

    def _walk(self, new: List[Event], applied: List[Event]) -> None:
        """The loop of DialogueStateTracker.applied_events (Rasa 3.6), over `new` events, into `applied`."""
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
