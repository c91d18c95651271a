"""Red flags read with the conversation's topic (session 13). A tester in an eating conversation, after talking
about fainting, wrote "my heart feels kinda fluttery rn" and got "I'm still with you": the heart red flag's patterns
need the eating words in the same message. CrisisPolicy now reads the message with the topic's words added
(harmbot/risk/rules.py, triage_in_context), for the red flags that need them only."""

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from extensions.crisis_policy import CrisisPolicy
from harmbot.risk import rules


@pytest.fixture(scope="module")
def policy():
    return CrisisPolicy(CrisisPolicy.get_default_config(), None, None, ExecutionContext(GraphSchema({}), "t"))


def user(intent, text):
    return [ActionExecuted("action_listen"), UserUttered(text, {"name": intent, "confidence": 1.0}, parse_data={})]


def next_action(policy, domain, events):
    tracker = DialogueStateTracker.from_events("t", events, domain.slots)
    prediction = policy.predict_action_probabilities(tracker, domain)
    if max(prediction.probabilities) == 0:
        return None
    return domain.action_names_or_texts[prediction.max_confidence_index]


def eating_conversation():
    return user("eating_disorder", "i havent really eaten in 3 days") + [ActionExecuted("utter_eating_intro")]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("my heart feels kinda fluttery rn", "heart"),
        ("my chest hurts a lot", "heart"),
        ("i think im gonna pass out", "fainting"),
        ("everything went black for a sec when i stood up", "fainting"),
        ("i cant think straight and im so confused", "confusion"),
    ],
)
def test_in_an_eating_conversation_a_red_flag_said_alone_gets_its_emergency_reply(policy, domain, text, kind):
    events = eating_conversation() + user("share_feelings", text)
    assert next_action(policy, domain, events) == f"utter_emergency_{kind}"


@pytest.mark.parametrize(
    "text",
    [
        "my heart isnt racing anymore, i feel better",
        "my heart was pounding but it calmed down",
        "i feel a bit better today",
        "i passed my math test lol",
        "ok",
    ],
)
def test_in_an_eating_conversation_ordinary_replies_stay_with_the_flow(policy, domain, text):
    events = eating_conversation() + user("share_feelings", text)
    assert next_action(policy, domain, events) is None


def test_outside_an_eating_conversation_the_message_is_read_alone(policy, domain):
    events = user("wound_care", "i burned my hand on the pan") + [ActionExecuted("utter_wound_intro")]
    assert next_action(policy, domain, events + user("share_feelings", "my heart feels kinda fluttery rn")) is None


def test_a_new_topic_ends_the_eating_context(policy, domain):
    events = eating_conversation() + user("medication", "can i ask about my zoloft") + [ActionExecuted("utter_x")]
    assert next_action(policy, domain, events + user("share_feelings", "my heart is racing")) is None


def test_a_new_session_ends_the_eating_context(policy, domain):
    events = eating_conversation() + [SessionStarted()]
    assert next_action(policy, domain, events + user("share_feelings", "my heart is racing")) is None


def test_the_topic_words_only_add_red_flags_that_need_them():
    # Red flags that stand alone are read the same; the topic adds nothing to a plain sad message.
    assert rules.triage_in_context("i feel so alone", "eating").level == rules.triage("i feel so alone").level
    assert rules.triage_in_context("my heart is racing", None).level == "none"
    assert rules.triage_in_context("my heart is racing", "eating").kind == "heart"


def test_the_latest_message_read_as_another_topic_is_still_read_in_the_eating_context(policy, domain):
    events = eating_conversation() + user("medication", "my heart is racing and skipping, is it my meds")
    assert next_action(policy, domain, events) == "utter_emergency_heart"


@pytest.mark.parametrize(
    "intent, said, reply",
    [
        ("eating_purging", "i purged like 4 times today", "utter_eating_purging"),
        ("eating_low_intake", "hardly ate all week", "utter_eating_low_intake"),
        ("eating_warning_signs", "what symptoms are dangerous", "utter_eating_warning_signs"),
        ("eating_teeth", "my teeth hurt from throwing up", "utter_eating_teeth"),
    ],
)
def test_every_eating_reply_keeps_the_eating_context(policy, domain, intent, said, reply):
    # Session 21: after the purging card (intent eating_purging, not eating_disorder), "my heart is racing" got
    # sympathy and the menu, though the card itself says a racing heart after purging needs help today.
    events = user(intent, said) + [ActionExecuted(reply), ActionExecuted("utter_eating_next")]
    assert next_action(policy, domain, events + user("share_feelings", "my heart is racing")) == "utter_emergency_heart"
    assert next_action(policy, domain, events + user("share_feelings", "my heart is fine now thanks")) is None
