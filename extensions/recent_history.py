"""The recent end of a long conversation, worked out without replaying the whole session.

Why: Rasa's policies turn the whole session into dialogue states on every prediction (replaying every
event from the start), although rules and the crisis policy only look a few turns back. At turn 300
that was a quarter of a turn and grew with every turn (issue 15).

Exactness: the states (and applied events) computed here are exactly the last ones Rasa would compute
from the whole session, or None, and then the caller uses Rasa's own full computation. The tail starts
at an `action_listen` followed by a user message, and is used only when nothing in it depends on what
came before it:
- nothing in it rewinds or resets (`UserUtteranceReverted`, `ActionReverted`, `Restarted`,
  `SessionStarted`, `AllSlotsReset`): then every event in it is applied as it is;
- no form (loop) is active or runs in it: Rasa folds a form's repeated runs back onto earlier ones;
- the value of every slot that shapes a state (`influence_conversation`) at its start is known from
  the last `SlotSet` before it, with no rewind in between (else from the start of the session).
The latest user message and action at its start are never part of a state that is returned.
Written for Rasa 3.6 (`Domain.states_for_tracker_history`, `DialogueStateTracker.applied_events`);
tests/test_long_conversation.py pins the version and compares against Rasa's full computation.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence

from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActionReverted,
    ActiveLoop,
    AllSlotsReset,
    Event,
    LoopInterrupted,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

_REWINDS = (ActionReverted, UserUtteranceReverted)
_RESETS = (Restarted, SessionStarted, AllSlotsReset)
_LOOPS = (ActiveLoop, LoopInterrupted, ActionExecutionRejected)


def tail_start(tracker: DialogueStateTracker, domain: Domain, min_actions: int) -> Optional[int]:
    """Index in `tracker.events` where a self-contained tail with more than `min_actions` actions starts.

    None if the conversation is shorter, or if no such tail exists (see the module docstring).
    """
    if tracker.active_loop_name:
        return None
    events = tracker.events
    forms = set(domain.form_names)
    actions = 0
    following: Optional[Event] = None
    for index in range(len(events) - 1, -1, -1):
        event = events[index]
        if isinstance(event, _REWINDS + _RESETS + _LOOPS):
            return None
        if isinstance(event, ActionExecuted):
            if event.action_name in forms:
                return None
            actions += 1
            listen = event.action_name == ACTION_LISTEN_NAME and isinstance(following, UserUttered)
            if actions > min_actions and listen:
                return index
        following = event
    return None


def recent_states(tracker: DialogueStateTracker, domain: Domain, min_states: int) -> Optional[List[State]]:
    """The last (at least `min_states`) states of `tracker.past_states(domain)`, or None (use Rasa's).

    Only for the defaults Rasa's rule policy uses: no omitted unset slots, no rule-only turns ignored.
    """
    events = list(tracker.events)
    start = tail_start(tracker, domain, min_states)
    if start is None:
        return None
    slots = _state_slots_at(events, start, tracker)
    if slots is None:
        return None
    # The same walk as DialogueStateTracker.generate_all_prior_trackers, from the tail's start.
    replay = tracker.init_copy()
    for name, value in slots.items():
        replay.slots[name].value = value
    states = []
    for event in events[start:]:
        if isinstance(event, ActionExecuted):
            states.append(domain.get_active_state(replay))
        replay.update(event)
    states.append(domain.get_active_state(replay))
    return states[1:]  # the first one holds the user message and action from before the tail


def recent_applied_events(tracker: DialogueStateTracker, domain: Domain, min_actions: int) -> Optional[List[Event]]:
    """The last events of `tracker.applied_events()` (more than `min_actions` actions), or None."""
    start = tail_start(tracker, domain, min_actions)
    return None if start is None else list(tracker.events)[start:]


class EventKinds:
    """Which of some event classes an event is, cached per class: Rasa's events are ABCs, whose isinstance
    checks are slow, and these walks can cover thousands of events."""

    def __init__(self, *kinds: type) -> None:
        self.kinds = kinds
        self._known: Dict[type, Optional[type]] = {}

    def of(self, event: Event) -> Optional[type]:
        cls = type(event)
        if cls not in self._known:
            self._known[cls] = next((kind for kind in self.kinds if issubclass(cls, kind)), None)
        return self._known[cls]


_SLOT_HISTORY = EventKinds(*_REWINDS, *_RESETS, SlotSet)


def _state_slots_at(events: Sequence[Event], start: int, tracker: DialogueStateTracker) -> Optional[Dict[str, Any]]:
    """Values at `events[start]` of the slots that appear in states; None if a rewind hides them."""
    wanted = {name for name, slot in tracker.slots.items() if slot.has_features()}
    values: Dict[str, Any] = {}
    for index in range(start - 1, -1, -1):
        if not wanted:
            break
        event = events[index]
        kind = _SLOT_HISTORY.of(event)
        if kind in _REWINDS:
            return None
        if kind in _RESETS:
            break
        if kind is SlotSet and event.key in wanted:
            values[event.key] = event.value
            wanted.discard(event.key)
    return values  # slots not found were never set in the session: init_copy() gives their initial value
