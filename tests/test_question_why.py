"""Session 21, found by a helper talking to the bot as new users: "why" and "why do you keep asking" in reply to the
direct question got "Thank you. I'm here whenever you want to keep talking" (or the privacy card) and the question was
dropped. Now: why it is asked, then the question once more, and the next reply is read as the answer."""

from __future__ import annotations

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.shared.core.events import ActionExecuted

from extensions.crisis_policy import CrisisPolicy, asks_why
from tests.test_crisis_policy import _asked, next_action, user


@pytest.fixture(scope="module")
def policy():
    return CrisisPolicy(CrisisPolicy.get_default_config(), None, None, ExecutionContext(GraphSchema({}), "t"))

RECHECK = {"utter_risk_check": "utter_risk_recheck", "utter_urge_suicide_check": "utter_urge_suicide_recheck",
           "utter_risk_recheck": "utter_risk_recheck"}
WHYS = [("why", "nlu_fallback"), ("why?", "nlu_fallback"), ("why do you keep asking", "privacy"),
        ("why are u asking me that", "out_of_scope"), ("y tho", "nlu_fallback"), ("por qué me preguntas eso", "deny")]


@pytest.mark.parametrize("question", sorted(RECHECK))
@pytest.mark.parametrize("text, intent", WHYS)
def test_why_gets_why_it_is_asked_then_the_question_again(policy, domain, question, text, intent):
    events = _asked(question, text, intent)
    assert next_action(policy, domain, events) == "utter_risk_why"
    events += [ActionExecuted("utter_risk_why")]
    assert next_action(policy, domain, events) == RECHECK[question]


@pytest.mark.parametrize("text, intent, reply", [("yeah i am", "affirm", "utter_crisis"),
                                                 ("no", "deny", "utter_risk_check_no")])
def test_the_answer_after_why_is_read_as_the_answer(policy, domain, text, intent, reply):
    events = _asked("utter_risk_check", "why", "nlu_fallback") + [ActionExecuted("utter_risk_why"),
                                                                   ActionExecuted("utter_risk_recheck")]
    events += user(intent, text) + [ActionExecuted("action_extract_slots")]
    assert next_action(policy, domain, events) == reply


def test_why_with_a_risk_in_it_is_not_a_why(policy, domain):
    assert not asks_why("why do i even bother living")
    assert not asks_why("why is everything so hard") and not asks_why("why not")


def test_the_why_reply_says_asking_is_safe_and_the_bot_sends_no_one(domain):
    text = domain.responses["utter_risk_why"][0]["text"]
    assert "doesn't put the idea in anyone's head" in text and "can't send anyone" in text
