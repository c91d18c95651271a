"""Session 15: "brb", "one sec", "hold on" in reply to the direct suicide question, and "no" to "how should staff reach
you?" (extensions/crisis_policy.py, extensions/dialogue_policy.py, actions/form_exit.py, actions/contact_human.py,
without servers).

Found by a talk check: mid-plan, "brb" to the question got "Thank you. I'm here whenever you want to keep talking", the
question was dropped, and the next "ok back" was stored as the plan's first step. Outside a form the question was
dropped too. Now "brb" gets "take your time", the question stays open, "im back" gets it once more, and a "no" after
that keeps the step's answer as a "no" right after the question does. After "ok" to the staff offer, "no" at "how
should staff reach you?" got "that doesn't look like a phone number" with no way out; now it leaves the request.
"""

from __future__ import annotations

import pytest
import yaml
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.shared.core.events import ActionExecuted, SlotSet
from rasa_sdk import Tracker

from actions import form_exit
from extensions.crisis_policy import CrisisPolicy, asks_to_wait
from tests.form_helpers import slot_events
from tests.test_contact_human import ROOT, answer, said
from tests.test_crisis_policy import _asked, next_action, user
from tests.test_dialogue_dlg12 import STEP1, _crisis_policy, _plan_until_check, _policy, _tracker, _user


@pytest.fixture(scope="module")
def policy():
    return CrisisPolicy(CrisisPolicy.get_default_config(), None, None, ExecutionContext(GraphSchema({}), "t"))


WAIT = {
    "utter_risk_check": "utter_risk_wait",
    "utter_risk_recheck": "utter_risk_wait",
    "utter_urge_suicide_check": "utter_urge_suicide_wait",
    "utter_urge_suicide_recheck": "utter_urge_suicide_wait",
}
RECHECK = {"utter_risk_wait": "utter_risk_recheck", "utter_urge_suicide_wait": "utter_urge_suicide_recheck"}
WAITS = [("brb", "nlu_fallback"), ("one sec", "nlu_fallback"), ("hold on", "affirm"), ("ok brb", "affirm"),
         ("gimme a sec someone's at the door", "out_of_scope"), ("hang on", "nlu_fallback"), ("espera", "nlu_fallback"),
         ("un momento porfa", "nlu_fallback")]


@pytest.mark.parametrize("question", sorted(WAIT))
@pytest.mark.parametrize("text, intent", WAITS)
def test_asking_for_a_moment_gets_take_your_time_and_not_thank_you(policy, domain, question, text, intent):
    assert next_action(policy, domain, _asked(question, text, intent)) == WAIT[question]


def test_take_your_time_keeps_911_988_and_the_answer_buttons_in_both_languages(domain):
    spanish = yaml.safe_load((ROOT / "resources" / "es.yml").read_text(encoding="utf-8"))["responses"]
    for name in set(WAIT.values()):
        for variant in (domain.responses[name][0], spanish[name][0]):
            assert "911" in variant["text"] and "988" in variant["text"]
            assert [b["payload"] for b in variant["buttons"]] == ["/affirm", "/deny", "/not_sure"]
        assert "Take your time" in domain.responses[name][0]["text"] and "Tómate tu tiempo" in spanish[name][0]["text"]


@pytest.mark.parametrize("wait", sorted(RECHECK))
@pytest.mark.parametrize("text, intent", [("ok im back", "affirm"), ("back", "nlu_fallback"), ("sorry", "greet"),
                                          ("ya volví", "nlu_fallback")])
def test_coming_back_gets_the_question_once_more(policy, domain, wait, text, intent):
    assert next_action(policy, domain, _asked(wait, text, intent)) == RECHECK[wait]


@pytest.mark.parametrize(
    "text, intent, reply",
    [("yeah i am", "affirm", "utter_crisis"), ("/affirm", "affirm", "utter_crisis"),
     ("idk maybe", "not_sure", "utter_crisis_after_unsure"), ("no not at all", "deny", "utter_risk_check_no"),
     ("/deny", "deny", "utter_risk_check_no"), ("nah im good", "greet", "utter_risk_check_no")],
)
def test_an_answer_after_take_your_time_is_read_as_an_answer_to_the_question(policy, domain, text, intent, reply):
    events = _asked("utter_risk_check", "brb", "nlu_fallback") + [ActionExecuted("utter_risk_wait")]
    events += user(intent, text) + [ActionExecuted("action_extract_slots")]
    assert next_action(policy, domain, events) == reply


def test_a_risk_in_the_same_message_is_not_waited_on(policy, domain):
    events = [ActionExecuted("utter_risk_check"),
              *user("crisis", "hold on im gonna kill myself", risk_level="ideation")]
    assert next_action(policy, domain, events) == "utter_crisis"


@pytest.mark.parametrize("text", ["hold on, yes", "wait yeah i am", "hang on i have a question about my meds and stuff",
                                  "gtg", "thanks", "one second is all it takes to change everything honestly"])
def test_replies_that_answer_or_say_more_are_not_asking_for_a_moment(text):
    assert not asks_to_wait(text)


def test_mid_plan_brb_waits_then_back_asks_again_then_no_keeps_the_steps_answer(domain):
    signal = "and i stop texting people back"
    events = [*_plan_until_check(signal), *_user("brb", "nlu_fallback"), SlotSet(STEP1, "brb")]
    assert _crisis_policy()._next_action(_tracker(domain, events), domain) == "utter_risk_wait"
    action, kept = _policy()._next_action(_tracker(domain, [*events, ActionExecuted("utter_risk_wait")]), domain)
    assert kept == [SlotSet(STEP1, None)], "brb is not stored as the step's answer"
    events += [ActionExecuted("utter_risk_wait"), *kept]
    events += [*_user("ok im back", "affirm"), SlotSet(STEP1, "ok im back")]
    assert _crisis_policy()._next_action(_tracker(domain, events), domain) == "utter_risk_recheck"
    events += [ActionExecuted("utter_risk_recheck"), SlotSet(STEP1, None)]
    events += [*_user("no", "deny"), SlotSet(STEP1, "no")]
    assert _crisis_policy()._next_action(_tracker(domain, events), domain) is None, "left to the plan"
    action, kept = _policy()._next_action(_tracker(domain, events), domain)
    assert action == "utter_dlg_plan_after_check" and kept == [SlotSet(STEP1, signal)], (action, kept)


def _sdk_tracker(bot_said: str, text: str) -> Tracker:
    events = [{"event": "user", "text": "and i stop texting people back"}, {"event": "action", "name": bot_said},
              {"event": "action", "name": "action_listen"}, {"event": "user", "text": text}]
    parse = {"text": text, "intent": {"name": "nlu_fallback", "confidence": 1.0}, "entities": []}
    return Tracker("t", {"requested_slot": STEP1}, parse, events, False, None, {"name": "safety_plan_form"},
                   "action_listen")


@pytest.mark.parametrize("bot_said", ["utter_risk_check", "utter_risk_recheck", "utter_risk_wait"])
def test_the_plan_never_stores_a_reply_to_the_question_as_a_step(bot_said):
    assert form_exit.not_a_step_answer(_sdk_tracker(bot_said, "no")) == "check"


def test_a_step_answer_after_the_plans_own_question_is_stored():
    assert form_exit.not_a_step_answer(_sdk_tracker("utter_ask_safety_plan_coping", "music")) is None


@pytest.mark.parametrize("text, intent", [("no", "deny"), ("nope", "deny"), ("no thanks", "deny"),
                                          ("nah im good", "deny"), ("no gracias", "nlu_fallback")])
def test_no_to_how_staff_should_reach_you_leaves_the_request(text, intent):
    messages, events = answer("contact_how", text, intent)
    slots = slot_events(events)
    assert slots["requested_slot"] is None and slots["contact_how"] is None and slots["form_exit"] == "stop"
    assert "phone number" not in said(messages)


def test_a_number_after_no_is_still_a_number_and_other_words_are_asked_again():
    _, events = answer("contact_how", "no wait its 860 555 0123", "deny")
    assert slot_events(events)["contact_how"] == "phone:+18605550123"
    messages, events = answer("contact_how", "my cell i think", "nlu_fallback")
    assert "phone number" in said(messages) and slot_events(events)["contact_how"] is None



# Session 16: a talk check saved "back" alone (after "hold on") as the plan's first step.
@pytest.mark.parametrize("text", ["ya volví", "ok ya regresé", "aquí estoy", "back now", "back", "ok back", "im here"])
def test_coming_back_after_take_your_time_at_a_step_is_not_the_steps_answer(text):
    """A talk check: "espera" at a step got "take your time", then "ya volví" was saved as the step's answer."""
    assert form_exit.not_a_step_answer(_sdk_tracker("utter_ask_safety_plan_coping", text)) == "filler"


@pytest.mark.parametrize("text", ["volví a cortarme anoche", "música y dibujar", "back pain", "being back home"])
def test_answers_with_the_same_words_are_still_answers(text):
    assert form_exit.not_a_step_answer(_sdk_tracker("utter_ask_safety_plan_coping", text)) is None
