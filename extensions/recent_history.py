"""The recent end of a long conversation, worked out without replaying the whole session.

Why: Rasa's policies turn the whole session into dialogue states on every prediction (replaying every
event from the start), although rules and the crisis policy only look a few turns back. At turn 300
that was a quarter of a turn and grew with every turn (issue 15).

Exactness: the states (and applied events) computed here are exactly the last ones Rasa would compute
from the whole session, or None, and then the caller uses Rasa's own full computation. The tail starts
at an `action_listen` followed by a user message, and is used only when nothing in it depends on what
came before it:
- nothing in it resets (`Restarted`, `SessionStarted`, `AllSlotsReset`), and no form (loop) is active or
  runs in it (Rasa folds a form's repeated runs back onto earlier ones);
- its applied events are Rasa's own `applied_events()` over the tail alone, and a rewind in it
  (`UserUtteranceReverted` after a fallback, `ActionReverted`) never reached its first event, so none
  needed anything from before it;
- the slots that shape a state (`influence_conversation`) have, at its start, the value they have now
  if nothing in the tail sets them, else that of the last `SlotSet` before it with no rewind in between.
The latest user message and action at its start are never part of a state that is returned.
Written for Rasa 3.6 (`Domain.states_for_tracker_history`, `DialogueStateTracker.applied_events`);
tests/test_long_conversation.py pins the version and compares against Rasa's full computation.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Tuple

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


def recent_tail(tracker: DialogueStateTracker, domain: Domain, min_actions: int) -> Optional[Tuple[int, List[Event]]]:
    """(index in `tracker.events`, applied events from there): the end of `tracker.applied_events()`,
    starting at an `action_listen` before a user message, with more than `min_actions` actions.

    None if the conversation is shorter, or if no such tail exists (see the module docstring).
    """
    if tracker.active_loop_name:
        return None
    events = list(tracker.events)
    forms = set(domain.form_names)
    actions = tries = 0
    following: Optional[Event] = None
    for index in range(len(events) - 1, -1, -1):
        event = events[index]
        kind = _TAIL.of(event)
        if kind in _RESETS or kind in _LOOPS or (kind is ActionExecuted and event.action_name in forms):
            return None
        if kind is ActionExecuted:
            actions += 1
            listen = event.action_name == ACTION_LISTEN_NAME and _TAIL.of(following) is UserUttered
            if actions > min_actions and listen:
                applied = _applied(events[index:])
                # Nothing rewound into the tail's first event, so no rewind reached before the tail.
                enough = sum(_TAIL.of(e) is ActionExecuted for e in applied) > min_actions
                if applied and applied[0] is event and enough:
                    return index, applied
                tries += 1
                if tries == _MAX_TRIES:
                    return None
        following = event
    return None


_MAX_TRIES = 10  # rewinds right at the start of a tail: try a few earlier starts, then use Rasa's walk


def _applied(tail: List[Event]) -> List[Event]:
    """Rasa's own applied_events() over just `tail` (no loops or resets in it: checked by the caller)."""
    scratch = DialogueStateTracker("tail", None)
    scratch.events = tail  # type: ignore[assignment]
    return scratch.applied_events()


def recent_states(tracker: DialogueStateTracker, domain: Domain, min_states: int) -> Optional[List[State]]:
    """The last (at least `min_states`) states of `tracker.past_states(domain)`, or None (use Rasa's).

    Only for the defaults Rasa's rule policy uses: no omitted unset slots, no rule-only turns ignored.
    """
    tail = recent_tail(tracker, domain, min_states)
    if tail is None:
        return None
    start, applied = tail
    slots = _state_slots_at(list(tracker.events), start, tracker)
    if slots is None:
        return None
    # The same walk as DialogueStateTracker.generate_all_prior_trackers, from the tail's start.
    replay = tracker.init_copy()
    for name, value in slots.items():
        replay.slots[name].value = value
    states = []
    for event in applied:
        if _TAIL.of(event) is ActionExecuted:
            states.append(domain.get_active_state(replay))
        replay.update(event)
    states.append(domain.get_active_state(replay))
    return states[1:]  # the first one holds the user message and action from before the tail


def recent_applied_events(tracker: DialogueStateTracker, domain: Domain, min_actions: int) -> Optional[List[Event]]:
    """The last events of `tracker.applied_events()` (more than `min_actions` actions), or None."""
    tail = recent_tail(tracker, domain, min_actions)
    return None if tail is None else tail[1]


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
_TAIL = EventKinds(*_RESETS, *_LOOPS, ActionExecuted, UserUttered)


def _state_slots_at(events: Sequence[Event], start: int, tracker: DialogueStateTracker) -> Optional[Dict[str, Any]]:
    """Values at `events[start]` of the slots that appear in states; None if a rewind hides them.

    A slot that nothing in the tail sets still has the value it has now (slots change only by events,
    and the tracker's state is its events replayed). Others: the last `SlotSet` before the tail.
    """
    featurized = {name for name, slot in tracker.slots.items() if slot.has_features()}
    set_in_tail = {e.key for e in events[start:] if _SLOT_HISTORY.of(e) is SlotSet and e.key in featurized}
    values: Dict[str, Any] = {name: tracker.slots[name].value for name in featurized - set_in_tail}
    wanted = set_in_tail
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
