"""The SMS conversation object: what each kind of text is decided to be, and one state read and at most
one state write per turn (issue 16, item 3)."""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import List

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from extensions.channels.sms import conversation_id
from extensions.channels.sms_conversation import Decision, Kind, SMSConversation, decide, is_crisis
from extensions.risk_screen import RiskScreen
from harmbot import content
from harmbot.storage.sms_state import TABLE, ConversationState, SMSStore
from tests.risk_eval import DEV_SET, load, text_of
from tests.test_sms import MENU, NUMBER, SECRET, FakeBot, form, make_channel, post, sign

CHOICES = [(b["title"], b["payload"]) for b in MENU]
# The turn in which the bot deletes the conversation (action_delete_conversation's marker message).
DELETED = [{"text": "I deleted this conversation."},
           {"custom": {"data": {"harmbot": content.sentence("privacy", "deleted_marker")}}}]
OPTED_OUT = ConversationState(opted_out=True, choices=CHOICES)
MID_CONVERSATION = ConversationState(choices=CHOICES, last_reply_at=1000.0)


# --- what a text is: one decision per kind ---------------------------------------------------------------

@pytest.mark.parametrize("text, state, decision", [
    ("Stop", MID_CONVERSATION, Decision(Kind.STOP)),
    ("unstop", OPTED_OUT, Decision(Kind.START)),
    ("INFO", OPTED_OUT, Decision(Kind.HELP)),  # keywords count after STOP too
    ("hello again", OPTED_OUT, Decision(Kind.SILENCED)),
    ("2", OPTED_OUT, Decision(Kind.SILENCED)),  # a choice is not answered after STOP
    ("", OPTED_OUT, Decision(Kind.SILENCED)),
    ("i want to kill myself", OPTED_OUT, Decision(Kind.TEXT, "i want to kill myself")),
    ("", MID_CONVERSATION, Decision(Kind.NO_TEXT)),
    ("2", MID_CONVERSATION, Decision(Kind.CHOICE, "/harm_reduction_info")),
    ("#1.", MID_CONVERSATION, Decision(Kind.CHOICE, "/self_harm_urge")),
    ("What is HARM reduction", MID_CONVERSATION, Decision(Kind.CHOICE, "/harm_reduction_info")),
    ("/2", MID_CONVERSATION, Decision(Kind.CHOICE, "/harm_reduction_info")),  # read as the guard passes it on
    ("3", MID_CONVERSATION, Decision(Kind.TEXT, "3")),  # no third choice
    ("2", ConversationState(), Decision(Kind.TEXT, "2")),  # no choices sent yet
    ("/harm_reduction_info", MID_CONVERSATION, Decision(Kind.TEXT, "/harm_reduction_info")),  # guard makes it text
    ("stop it please", MID_CONVERSATION, Decision(Kind.TEXT, "stop it please")),
])
def test_each_kind_of_text_is_decided_once_from_the_text_and_the_state(text, state, decision):
    assert decide(text, state) == decision


def test_opted_out_crisis_check_agrees_with_the_crisis_intent_of_the_nlu_pipeline():
    """`is_crisis` asks the risk screen instead of parsing the text a second time; that is only right
    while the pipeline's RiskScreen makes the intent `crisis` exactly when the screen fires, whatever the
    classifier guessed. Checked over the whole development set of risk levels."""
    component = RiskScreen(RiskScreen.get_default_config())
    texts = [text_of(item) for items in load(DEV_SET)["messages"].values() for item in items]
    disagree = []
    for text in texts:
        for guess in ("crisis", "greet"):
            message = Message({TEXT: text, INTENT: {"name": guess, "confidence": 0.99},
                               INTENT_RANKING_KEY: [{"name": guess, "confidence": 0.99},
                                                    {"name": "chitchat", "confidence": 0.01}]})
            component.process([message])
            if (message.get(INTENT)["name"] == "crisis") != is_crisis(text):
                disagree.append((text, guess))
    assert len(texts) > 1000 and disagree == []


def test_repeated_message_sid_is_answered_from_the_kept_answer_without_reading_the_state(tmp_path):
    store, bot = SMSStore(str(tmp_path / "state.db")), FakeBot()
    conversation = SMSConversation(store, "sms-hashed", reply_timeout=5)
    first = asyncio.run(conversation.answer("hi", "key-1", bot))
    counts = count_statements(store)
    again = asyncio.run(SMSConversation(store, "sms-hashed", reply_timeout=5).answer("hi", "key-1", bot))
    assert again == first and len(bot.received) == 1
    assert counts["state read"] == counts["state write"] == 0


# --- one read, at most one write ----------------------------------------------------------------------------

def count_statements(store: SMSStore) -> Counter:
    """Counts the statements SQLite runs on the conversation-state table from now on (reads: SELECT;
    writes: the rest)."""
    counts: Counter = Counter()

    def seen(sql: str) -> None:
        if TABLE in sql:
            counts["state read" if sql.lstrip().upper().startswith("SELECT") else "state write"] += 1

    store._db.connection.set_trace_callback(seen)
    return counts


# Every kind of text, in an order that reaches each (STOP before the silenced and the crisis texts).
SCRIPT = ["hi", "2", "what is harm reduction", "tell me more", "", "HELP", "STOP", "hello", "2",
          "i want to kill myself", "START", "delete my chat"]


def test_every_turn_reads_the_state_once_and_writes_it_at_most_once(tmp_path):
    channel = make_channel(tmp_path)
    counts = count_statements(channel.store)
    per_turn: List[tuple] = []
    for body in SCRIPT:
        bot = FakeBot(DELETED if body == "delete my chat" else None)
        before = counts.copy()
        fields = form(body)
        status, _ = post(channel, bot, fields, sign(fields))
        assert status == 200
        turn = counts - before
        per_turn.append((body, turn["state read"], turn["state write"]))
    assert [(body, reads) for body, reads, _ in per_turn] == [(body, 1) for body in SCRIPT]
    assert all(writes <= 1 for _, _, writes in per_turn), per_turn


def test_delete_my_chat_leaves_no_state_even_for_the_reply_just_sent(tmp_path):
    channel = make_channel(tmp_path)
    post(channel, FakeBot(), *_signed("hi"))
    post(channel, FakeBot(DELETED), *_signed("delete my chat"))
    state = channel.store.load(conversation_id(NUMBER, SECRET))
    assert state == ConversationState()


def test_stop_texted_while_an_earlier_turn_runs_is_not_undone_when_that_turn_saves(tmp_path):
    channel, slow = make_channel(tmp_path, reply_timeout=5), FakeBot(delay=0.3)

    async def both():
        first = asyncio.ensure_future(channel.answer(*_signed("hi"), "", slow))
        await asyncio.sleep(0.1)
        await channel.answer(*_signed("STOP"), "", FakeBot())
        return await first

    status, xml = asyncio.run(both())
    assert status == 200 and "Hi there." in xml
    assert channel.store.load(conversation_id(NUMBER, SECRET)).opted_out
    _, later = post(channel, FakeBot(), *_signed("hello"))
    assert "<Message>" not in later


def _signed(body: str) -> tuple:
    fields = form(body)
    return fields, sign(fields)


def test_after_stop_an_emergency_only_the_risk_net_reads_still_reaches_the_bot():
    """Someone who texted STOP and then writes that a weapon is in their hand must get the crisis reply.
    The patterns don't read this wording; the emergency net does. The opt-out check used the patterns
    alone, so the text was silenced: it now asks the screen the NLU pipeline loaded (nets included)."""
    text = "the gun is sitting in my lap rn"
    RiskScreen(RiskScreen.get_default_config())  # the pipeline's screen, loaded as the Rasa server does
    assert decide(text, OPTED_OUT) == Decision(Kind.TEXT, text)
    # An ordinary text after STOP stays silenced.
    assert decide("the gun show was in my town this weekend", OPTED_OUT) == Decision(Kind.SILENCED)
