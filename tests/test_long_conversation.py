"""Long conversations stay fast without changing what the bot does (issue 15).

The shortcuts are checked against Rasa's own full computation: the recent dialogue states the rule
policy sees, the recent applied events the crisis policy sees, and the cached tracker the store hands
out (against what is in the database). The whole bot, 260 turns side by side with the un-optimised
path, is in tests/live/test_long_conversation_live.py.
"""

from __future__ import annotations

import asyncio
from typing import List

import rasa
import sqlalchemy as sa
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from extensions.incremental_tracker import IncrementalTracker
from extensions.recent_history import recent_applied_events, recent_states
from extensions.tracker_cache import CachedSQLTrackerStore
from harmbot.storage.retention import purge_conversations
from tests.test_tracker_store import SECRET, whole_plan

FUNCTIONS = ["anger", "numb", "calm", "unsure"]


def test_written_for_this_rasa_version():
    # recent_history.py mirrors Domain.states_for_tracker_history and DialogueStateTracker.applied_events
    # of this release; on an upgrade, re-read them and re-run these tests before changing the pin.
    assert rasa.__version__ == "3.6.21"


def user(intent: str, text: str = "") -> UserUttered:
    return UserUttered(text or intent, {"name": intent, "confidence": 1.0})


def say(name: str) -> List[Event]:
    return [ActionExecuted(name), BotUttered(name, metadata={"utter_action": name})]


def long_conversation() -> List[Event]:
    """Ordinary turns with a slot that shapes states, a form, a rewind and a new session in between."""
    events: List[Event] = [ActionExecuted("action_listen")]
    for turn in range(120):
        events += [user("greet", f"hi {turn}"), *say("utter_menu")]
        if turn % 7 == 3:
            events += [SlotSet("urge_function", FUNCTIONS[turn % 4])]
        if turn == 30:
            events += [ActionExecuted("safety_plan_form"), ActiveLoop("safety_plan_form"),
                       SlotSet("requested_slot", "safety_plan_warning_signs")]
        if turn in (31, 32):
            events += [ActionExecuted("safety_plan_form"), SlotSet("requested_slot", "x")]
        if turn == 33:
            events += [ActionExecuted("safety_plan_form"), ActiveLoop(None), SlotSet("requested_slot", None)]
        if turn % 8 == 7 or turn in (60, 61):  # fallbacks: "ok" after a menu, and two in a row
            events += [ActionExecuted("action_default_fallback"), UserUtteranceReverted()]
        if turn == 90:
            events += [ActionExecuted("action_session_start"), SessionStarted(), SlotSet("urge_function", "calm")]
        events.append(ActionExecuted("action_listen"))
    return events


def prefixes(domain) -> List[DialogueStateTracker]:
    events = long_conversation()
    ends = [i for i, e in enumerate(events) if isinstance(e, ActionExecuted | UserUttered | SlotSet)]
    return [DialogueStateTracker.from_events("long", events[: end + 1], domain.slots) for end in ends[::3]]


def test_recent_states_are_the_last_of_rasas_full_states(domain):
    used = 0
    for tracker in prefixes(domain):
        recent = recent_states(tracker, domain, 8)
        if recent is None:
            continue
        used += 1
        assert len(recent) >= 9
        assert recent == tracker.past_states(domain)[-len(recent):]
    assert used > 50, "the shortcut must actually be taken in ordinary stretches, fallbacks included"


def test_recent_applied_events_are_the_end_of_rasas_applied_events(domain):
    used = 0
    for tracker in prefixes(domain):
        recent = recent_applied_events(tracker, domain, 2)
        if recent is None:
            continue
        used += 1
        tail = tracker.applied_events()[-len(recent):]
        assert tail == recent and all(a is b for a, b in zip(tail, recent, strict=True))
    assert used > 50


def test_no_shortcut_inside_a_form(domain):
    events = long_conversation()
    in_form = events.index(next(e for e in events if isinstance(e, ActiveLoop))) + 3
    tracker = DialogueStateTracker.from_events("long", events[:in_form], domain.slots)
    assert tracker.active_loop_name and recent_states(tracker, domain, 8) is None


def cached_store(tmp_path, domain) -> CachedSQLTrackerStore:
    return CachedSQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "conversations.db"))


def turn(store: CachedSQLTrackerStore, sender: str, events: List[Event]) -> DialogueStateTracker:
    """One turn as Rasa's processor does it: get (or create) the tracker, add events, save."""
    tracker = asyncio.run(store.get_or_create_tracker(sender))
    for event in [*events, ActionExecuted("action_listen")]:
        tracker.update(event, store.domain)
    asyncio.run(store.save(tracker))
    return tracker


def as_stored(store: CachedSQLTrackerStore, sender: str) -> list:
    fresh = asyncio.run(super(CachedSQLTrackerStore, store).retrieve(sender))
    return [e.as_dict() for e in fresh.events]


def test_the_cached_tracker_is_what_the_database_holds(tmp_path, domain):
    store = cached_store(tmp_path, domain)
    for n in range(5):
        tracker = turn(store, "a", [user("greet", f"hi {n}"), *say("utter_menu")])
    again = asyncio.run(store.retrieve("a"))
    assert again is tracker, "a later turn must not re-read and replay the conversation"
    assert [e.as_dict() for e in again.events] == as_stored(store, "a")


def test_a_purged_conversation_is_not_brought_back_from_memory(tmp_path, domain):
    store = cached_store(tmp_path, domain)
    for n in range(3):
        turn(store, "a", [user("greet", f"secret words {n}"), *say("utter_menu")])
    assert purge_conversations(store.engine, days=-1) == 1  # as `make purge-conversations` would, elsewhere
    tracker = turn(store, "a", [user("greet", "hello again"), *say("utter_menu")])
    assert not any("secret words" in (getattr(e, "text", None) or "") for e in tracker.events)
    with store.engine.connect() as connection:
        assert b"secret words" not in b"".join(
            row[0].encode() for row in connection.execute(sa.text("SELECT data FROM events")))


def test_a_redacted_safety_plan_is_not_kept_in_memory_either(tmp_path, domain):
    store = cached_store(tmp_path, domain)
    for events in whole_plan():
        turn(store, "a", events)
    tracker = asyncio.run(store.retrieve("a"))
    assert SECRET not in str([e.as_dict() for e in tracker.events])
    assert all(tracker.get_slot(slot) is None for slot in ("safety_plan_warning_signs", "safety_plan_reason"))


def test_a_turn_that_failed_before_saving_is_read_again(tmp_path, domain):
    store = cached_store(tmp_path, domain)
    for n in range(3):
        tracker = turn(store, "a", [user("greet", f"hi {n}"), *say("utter_menu")])
    tracker.update(user("greet", "never saved"))  # the turn broke off here
    again = asyncio.run(store.retrieve("a"))
    assert again is not tracker and "never saved" not in str([e.as_dict() for e in again.events])


def test_cache_off_reads_the_database_every_time(tmp_path, domain):
    store = CachedSQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "c.db"), cache_conversations=0)
    tracker = turn(store, "a", [user("greet"), *say("utter_menu")])
    tracker = turn(store, "a", [user("greet"), *say("utter_menu")])
    assert asyncio.run(store.retrieve("a")) is not tracker


def test_incremental_applied_events_equal_rasas_at_every_step(domain):
    growing = IncrementalTracker("long", domain.slots)
    for index, event in enumerate(long_conversation()):
        growing.update(event)
        if index % 5 == 0:
            plain = DialogueStateTracker.from_events("long", list(growing.events), domain.slots)
            assert growing.applied_events() == plain.applied_events()


def same_tracker(a: DialogueStateTracker, b: DialogueStateTracker) -> None:
    assert type(a) is type(b) and vars(a).keys() == vars(b).keys()
    for key, value in vars(a).items():
        other = getattr(b, key)
        if key == "events":
            assert len(value) == len(other) and all(x is y for x, y in zip(value, other, strict=True))
        elif key == "slots":
            assert {n: (s.value, s.has_been_set) for n, s in value.items()} == {
                n: (s.value, s.has_been_set) for n, s in other.items()}
            assert all(value[n] is not a.slots for n in value) and not set(map(id, value.values())) & set(
                map(id, other.values())), "slots are copies"
        else:
            assert value == other, key


def test_fast_copy_is_rasas_replayed_copy(domain):
    from rasa.shared.core.events import FollowupAction

    growing = IncrementalTracker("long", domain.slots)
    growing.model_id = "model"  # set by the processor; Rasa's copy leaves it out
    events = long_conversation()
    events.insert(200, FollowupAction("utter_menu"))
    for index, event in enumerate(events):
        growing.update(event)
        if index % 7 == 0 or isinstance(event, FollowupAction):
            if index % 2 or isinstance(event, FollowupAction):
                growing.clear_followup_action()  # what the processor does without an event
            same_tracker(growing.copy(), DialogueStateTracker.copy(growing))
