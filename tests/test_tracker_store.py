"""The tracker store forgets a safety plan (and a contact request's answers) once the form is over.

Conversations are replayed turn by turn into a temporary store, SQLite (the default) and PostgreSQL (the
scaled setup), saved after every turn as Rasa does, and the database files are then searched byte by byte.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import List

import pytest
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from extensions.tracker_store import TunedSQLTrackerStore
from harmbot.storage.retention import vacuum

PLAN = "safety_plan_form"
SECRET = "zebra-umbrella-42"
OUTSIDE = "outside-words-77"
STEPS = ["safety_plan_warning_signs", "safety_plan_coping", "safety_plan_distractions", "safety_plan_people",
         "safety_plan_professionals", "safety_plan_environment", "safety_plan_reason"]


def user(text: str, intent: str = "nlu_fallback") -> UserUttered:
    parse = {"text": text, "intent": {"name": intent, "confidence": 1.0},
             "entities": [{"entity": "note", "value": text, "start": 0, "end": len(text)}]}
    return UserUttered(text, parse["intent"], parse_data=parse)


def response(name: str, text: str = "fixed domain text") -> List[Event]:
    return [ActionExecuted(name), BotUttered(text, metadata={"utter_action": name})]


def answer_turn(slot: str, text: str, next_slot: str) -> List[Event]:
    return [user(text), SlotSet(slot, text), ActionExecuted(PLAN), SlotSet(slot, text),
            SlotSet("requested_slot", next_slot), *response(f"utter_ask_{next_slot}")]


def start_plan() -> List[List[Event]]:
    return [[user(f"hello {OUTSIDE}", "greet"), *response("utter_greet")],
            [user("make a safety plan", "safety_plan"), *response("utter_safety_plan_intro"),
             ActionExecuted(PLAN), ActiveLoop(PLAN), SlotSet("requested_slot", STEPS[0]),
             *response(f"utter_ask_{STEPS[0]}")],
            answer_turn(STEPS[0], f"warning {SECRET}", STEPS[1])]


def whole_plan() -> List[List[Event]]:
    turns = start_plan()
    turns += [answer_turn(slot, f"{slot} {SECRET}", STEPS[i + 2]) for i, slot in enumerate(STEPS[1:-1])]
    turns.append([user(f"reason {SECRET}"), SlotSet(STEPS[-1], SECRET), ActionExecuted(PLAN),
                  SlotSet(STEPS[-1], SECRET), ActiveLoop(None), SlotSet("requested_slot", None),
                  ActionExecuted("action_safety_plan_deliver"),
                  BotUttered(f"MY SAFETY PLAN\n1. My warning signs\nwarning {SECRET}"),
                  BotUttered("It can help to share this plan with someone you trust."),
                  *[SlotSet(slot, None) for slot in STEPS]])
    return turns


def crisis_mid_plan() -> List[List[Event]]:
    return [*start_plan(),
            [user("i want to end my life", "crisis"), *response("utter_crisis"),
             ActionExecuted("action_deactivate_loop"), ActiveLoop(None),
             ActionExecuted("action_crisis_handoff"), BotUttered("More lines: 1-800-273-8255"),
             *[SlotSet(slot, None) for slot in STEPS], SlotSet("requested_slot", None),
             *response("utter_crisis_options")]]


def cancel_mid_plan() -> List[List[Event]]:
    return [*start_plan(),
            [user("cancel", "cancel"), ActionExecuted(PLAN), SlotSet(STEPS[0], None),
             SlotSet("requested_slot", None), ActiveLoop(None), ActionExecuted("action_safety_plan_deliver"),
             BotUttered("Okay, I've stopped the safety plan and kept none of it.")]]


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path, domain):
    if request.param == "sqlite":
        yield TunedSQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "conversations.db"))
        return
    pg = request.getfixturevalue("postgres")
    pg.psql("DROP TABLE IF EXISTS events")
    store = TunedSQLTrackerStore(domain=domain, dialect="postgresql", host=pg.url)
    store.postgres = pg
    yield store
    store.engine.dispose()


def play(store: TunedSQLTrackerStore, turns: List[List[Event]], sender: str = "person-1") -> DialogueStateTracker:
    """Saves after every turn, each turn ending with the bot listening, like Rasa's processor."""
    tracker = DialogueStateTracker(sender, store.domain.slots)
    for turn in turns:
        for event in [*turn, ActionExecuted("action_listen")]:
            tracker.update(event, store.domain)
        asyncio.run(store.save(tracker))
    return tracker


def stored_rows(store: TunedSQLTrackerStore) -> List[dict]:
    with store.session_scope() as session:
        return [json.loads(row.data) for row in session.query(store.SQLEvent).order_by(store.SQLEvent.id)]


def database_bytes(store: TunedSQLTrackerStore) -> bytes:
    """SQLite: the database and its log. PostgreSQL: every table file, after the scheduled VACUUM FULL
    (`make purge-conversations`) and a checkpoint (the write-ahead log is not searched: README, "Scaled
    deployment")."""
    if store.engine.dialect.name == "sqlite":
        path = Path(store.engine.url.database)
        return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
    assert vacuum(store.engine, ["events"]) == ["events"]
    store.postgres.psql("CHECKPOINT")
    return b"".join(p.read_bytes() for p in (store.postgres.data_dir / "base").rglob("*") if p.is_file())


@pytest.mark.parametrize("conversation", [whole_plan, cancel_mid_plan, crisis_mid_plan])
def test_nothing_of_the_plan_stays_in_any_column_or_file_once_the_form_is_over(store, conversation):
    tracker = play(store, conversation())
    rows = stored_rows(store)

    assert len(rows) == len(tracker.events), "rows are rewritten, never added or dropped"
    assert SECRET not in json.dumps(rows)
    assert SECRET.encode() not in database_bytes(store)
    redacted = [r for r in rows if r["event"] == "user" and r["text"] == "[removed: safety plan]"]
    assert redacted and all(r["parse_data"]["text"] == r["text"] for r in redacted)
    assert all(e["value"] == r["text"] for r in redacted for e in r["parse_data"]["entities"])
    assert all(r["value"] is None for r in rows if r["event"] == "slot" and r["name"] in STEPS)


def test_messages_outside_the_plan_and_the_bots_fixed_replies_are_kept(store):
    play(store, [*crisis_mid_plan(), [user(f"thanks {OUTSIDE}", "thank"), *response("utter_welcome")]])
    texts = [r.get("text") for r in stored_rows(store) if r["event"] in ("user", "bot")]

    assert f"hello {OUTSIDE}" in texts and f"thanks {OUTSIDE}" in texts and "make a safety plan" in texts
    assert "fixed domain text" in texts  # the questions and the crisis reply stay readable for staff
    crisis = [r for r in stored_rows(store) if r["event"] == "user" and r["parse_data"]["intent"]["name"] == "crisis"]
    assert len(crisis) == 1, "the crisis turn is still there to count, without its words"


def test_answers_are_kept_while_the_plan_is_still_being_built(store):
    play(store, start_plan())
    assert f"warning {SECRET}" in json.dumps(stored_rows(store))
    assert asyncio.run(store.retrieve("person-1")).get_slot(STEPS[0]) == f"warning {SECRET}"


def test_saving_the_unredacted_tracker_again_adds_nothing_back(store):
    tracker = play(store, whole_plan())
    count = len(stored_rows(store))
    asyncio.run(store.save(tracker))

    assert len(stored_rows(store)) == count
    assert SECRET not in json.dumps(stored_rows(store))
    retrieved = asyncio.run(store.retrieve("person-1"))
    assert len(retrieved.events) == count and all(retrieved.get_slot(slot) is None for slot in STEPS)


def test_a_plan_left_open_is_removed_when_a_new_session_starts(store):
    tracker = play(store, start_plan())
    for event in [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen"),
                  user(f"back again {OUTSIDE}", "greet")]:
        tracker.update(event, store.domain)
    asyncio.run(store.save(tracker))

    assert SECRET.encode() not in database_bytes(store)
    assert f"back again {OUTSIDE}" in json.dumps(stored_rows(store))


def test_other_conversations_are_untouched(store):
    play(store, start_plan(), sender="still-building")
    play(store, whole_plan(), sender="finished")
    still = [r for r in stored_rows(store) if r.get("text") == f"warning {SECRET}"]
    assert len(still) == 1


def test_a_cancelled_contact_request_keeps_no_phone_number(store):
    number = "860-555-0199"
    play(store, [[user("contact", "contact_human"), *response("utter_contact_ask_consent")],
                 [user("yes", "affirm"), ActionExecuted("contact_request_form"), ActiveLoop("contact_request_form"),
                  SlotSet("requested_slot", "contact_how"), *response("utter_ask_contact_how")],
                 [user(number), SlotSet("contact_how", "phone:+18605550199"),
                  ActionExecuted("contact_request_form"), SlotSet("contact_how", "phone:+18605550199"),
                  SlotSet("requested_slot", "contact_time"), *response("utter_ask_contact_time")],
                 [user("cancel", "cancel"), ActionExecuted("contact_request_form"),
                  SlotSet("contact_how", None), SlotSet("requested_slot", None), ActiveLoop(None),
                  ActionExecuted("action_contact_submit"), BotUttered("Okay, I haven't sent or kept anything.")]])

    assert b"555-0199" not in database_bytes(store) and b"5550199" not in database_bytes(store)
