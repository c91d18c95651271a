"""Privacy: one fear at a time, honest wording, and "delete my chat" leaving nothing of the conversation
in the tracker's SQLite file, its log, or the SMS channel's state."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import List

import pytest
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.privacy import ActionDeleteConversation, ActionPrivacyStorage, deletion_marker
from extensions import conversation_erasure
from extensions.tracker_store import TunedSQLTrackerStore
from harmbot.storage.sms_state import SMSStore, StateChange
from tests.action_helpers import run_action, texts
from tests.flow_content import nlu_examples, payloads, text

FEAR_INTENTS = ["privacy_who_reads", "privacy_reporting", "privacy_storage", "privacy_sms", "privacy_delete"]
SECRET = "marmalade-telescope-19"


# "privacy" (the short answer with the fear buttons) counts too: it moved here from base with fewer.
@pytest.mark.parametrize("intent", ["privacy", *FEAR_INTENTS])
def test_every_privacy_fear_has_at_least_25_examples(intent):
    assert len(set(nlu_examples("privacy", intent))) >= 25


def test_the_short_answer_offers_each_fear():
    assert set(payloads("utter_privacy")) == {f"/{i}" for i in FEAR_INTENTS}


def test_answers_say_what_is_true_and_never_over_promise():
    everything = " ".join(text(n) for n in ["utter_privacy", "utter_privacy_who_reads", "utter_privacy_reporting",
                                             "utter_privacy_sms"]).lower()
    assert "no one is reading this live" in everything
    assert "don't report anything to anyone on my own" in everything
    assert "aren't encrypted" in everything
    for promise in ["completely anonymous", "untraceable", "nothing is stored", "never be reported"]:
        assert promise not in everything


def test_storage_names_the_deployed_retention_period(monkeypatch):
    monkeypatch.setenv("HARMBOT_CONVERSATION_RETENTION_DAYS", "14")
    (message,) = run_action(ActionPrivacyStorage())
    # A response, so Rasa's NLG sends the wording of the conversation's language (dlg11: Spanish too).
    assert message["response"] == "utter_privacy_storage"
    said, spanish = message["privacy_storage"], message["privacy_storage_es"]
    assert "after 14 days without a message" in said and "delete my chat" in said
    assert "después de 14 días sin mensajes" in spanish and "borrar mi chat" in spanish


def test_deleting_asks_first_with_a_yes_and_a_no():
    assert payloads("utter_privacy_delete_confirm") == ["/affirm", "/deny"]


def _run_delete(channel: str = "rest", slots: dict | None = None) -> List[dict]:
    tracker = Tracker("p", slots or {}, {"intent": {"name": "affirm"}}, [{"event": "user", "input_channel": channel}],
                      False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionDeleteConversation().run(dispatcher, tracker, {}))
    return dispatcher.messages


def test_the_delete_reply_says_what_was_deleted_and_carries_the_marker():
    messages = _run_delete()
    said = texts(messages)
    assert "deleted this conversation" in said and "contact request you hadn't sent" in said
    assert "next message starts a fresh conversation" in said
    assert "sent is kept" not in said
    assert any(conversation_erasure.is_deletion_marker(m) for m in messages)


def test_a_sent_contact_request_is_said_to_stay_with_staff():
    assert "contact request you sent is kept separately" in texts(_run_delete(slots={"contact_request_sent": True}))


def test_on_sms_the_reply_says_to_delete_the_thread_on_the_phone_too():
    assert "delete this thread there too" in texts(_run_delete("sms"))


# --- the tracker store deletes the conversation once the turn is saved ---------------------------------


@pytest.fixture
def store(tmp_path, domain):
    return TunedSQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "conversations.db"))


def _user(text: str, intent: str) -> UserUttered:
    return UserUttered(text, {"name": intent, "confidence": 1.0}, parse_data={"text": text, "intent": {"name": intent}})


def _turns() -> List[List[Event]]:
    return [[_user(f"i feel awful {SECRET}", "share_feelings"), ActionExecuted("utter_x"), BotUttered("okay")],
            [_user("contact", "contact_human"), SlotSet("contact_note", f"call me {SECRET}")],
            [_user("delete my chat", "privacy_delete"), ActionExecuted("utter_privacy_delete_confirm")]]


def _delete_turn() -> List[Event]:
    return [_user("yes", "affirm"), ActionExecuted("action_delete_conversation"),
            BotUttered("Done. I've deleted this conversation."), BotUttered(data={"custom": deletion_marker()})]


def _play(store: TunedSQLTrackerStore, turns: List[List[Event]], sender: str) -> None:
    tracker = DialogueStateTracker(sender, store.domain.slots)
    for turn in turns:
        for event in [*turn, ActionExecuted("action_listen")]:
            tracker.update(event, store.domain)
        asyncio.run(store.save(tracker))


def _bytes(store: TunedSQLTrackerStore) -> bytes:
    path = Path(store.engine.url.database)
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def _rows(store: TunedSQLTrackerStore, sender: str) -> List[dict]:
    with store.session_scope() as session:
        query = session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == sender)
        return [json.loads(row.data) for row in query]


def test_before_the_yes_the_conversation_is_kept(store):
    _play(store, _turns(), "person-1")
    assert _rows(store, "person-1") and SECRET.encode() in _bytes(store)


def test_after_the_yes_nothing_of_the_conversation_is_left_in_the_file_or_its_log(store):
    _play(store, [*_turns(), _delete_turn()], "person-1")
    assert _rows(store, "person-1") == []
    assert SECRET.encode() not in _bytes(store)


def test_other_conversations_are_untouched(store):
    _play(store, _turns(), "someone-else")
    _play(store, [*_turns(), _delete_turn()], "person-1")
    assert _rows(store, "someone-else") and not _rows(store, "person-1")


def test_the_next_message_starts_a_fresh_conversation(store):
    _play(store, [*_turns(), _delete_turn()], "person-1")
    asyncio.run(store.save(DialogueStateTracker.from_events("person-1", [_user("hi", "greet")], store.domain.slots)))
    assert [e["event"] for e in _rows(store, "person-1")] == ["user"]
    assert asyncio.run(store.retrieve("person-1")).get_slot("contact_note") is None


def test_a_later_turn_does_not_delete_again(store):
    tracker = DialogueStateTracker.from_events("p", [*_delete_turn(), _user("hello", "greet")], store.domain.slots)
    assert not conversation_erasure.requested(tracker)


def test_sms_state_is_forgotten(tmp_path):
    sms = SMSStore(str(tmp_path / "sms.db"))
    sms.save("person-1", StateChange(reply=([("1", "/affirm")], 100.0)))
    sms.save("person-2", StateChange(reply=([], 100.0)))
    sms.forget("person-1")
    assert sms.load("person-1").last_reply_at is None and sms.load("person-1").choices == []
    assert sms.load("person-2").last_reply_at == 100.0
