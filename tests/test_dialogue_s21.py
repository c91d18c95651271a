"""Session 21, found by a helper talking to the bot as new users (extensions/dialogue_policy.py, without servers).

- After the plan-or-means reply, "im fine now" was accepted at once ("I'm really glad you're safe right now") and
  "i still have them though" got the eating reply. Now "im fine now" gets one gentle question about the means
  (clinical facts part 2 §2), and "still have them" gets the distance steps with 911 and 988.
- After the racing-heart reply, "i dont want to call 911" got "didn't follow". The heart, confusion and
  blood-in-vomit replies now open a medical follow-up whose answers keep the medical check (not text lines) first.
"""

from __future__ import annotations

import pytest
from rasa.shared.core.events import ActionExecuted

from tests.test_dialogue_dlg12 import _policy, _tracker, _user

PLAN = "i have pills saved up and im going to take them tonight"


def _after_plan(*turns):
    events = [*_user(PLAN, "crisis", "imminent"), ActionExecuted("utter_emergency_plan_means"),
              ActionExecuted("utter_crisis_options")]
    for text, intent, reply in turns:
        events += [*_user(text, intent), ActionExecuted(reply)]
    return events


def _next(domain, events):
    return _policy()._next_action(_tracker(domain, events), domain)[0]


@pytest.mark.parametrize("text, intent", [("im fine now", "affirm"), ("i'm ok now", "share_feelings"),
                                          ("i feel a bit safer", "share_feelings"), ("ya estoy bien", "affirm")])
def test_fine_after_the_plan_reply_gets_one_question_about_the_means(domain, text, intent):
    assert _next(domain, [*_after_plan(), *_user(text, intent)]) == "utter_dlg_crisis_means_check"


@pytest.mark.parametrize("text, intent", [("i still have them though", "share_feelings"),
                                          ("not yet", "deny"), ("no", "deny"), ("idk", "not_sure"),
                                          ("they're still in my room", "share_feelings"),
                                          ("todavia las tengo", "share_feelings")])
def test_the_means_still_near_after_the_question_gets_the_distance_steps(domain, text, intent):
    events = _after_plan(("im fine now", "affirm", "utter_dlg_crisis_means_check"))
    assert _next(domain, [*events, *_user(text, intent)]) == "utter_dlg_crisis_means_still"


def test_the_means_still_near_right_after_the_plan_reply_gets_the_distance_steps(domain):
    assert _next(domain, [*_after_plan(), *_user("i still have them though", "share_feelings")]) == (
        "utter_dlg_crisis_means_still")


@pytest.mark.parametrize("text, intent", [("yes its away", "affirm"), ("yes", "affirm"),
                                          ("i gave them to my sister", "share_feelings"),
                                          ("i've moved them", "share_feelings")])
def test_the_means_away_gets_thanks_and_the_step_down(domain, text, intent):
    events = _after_plan(("im fine now", "affirm", "utter_dlg_crisis_means_check"))
    assert _next(domain, [*events, *_user(text, intent)]) == "utter_dlg_crisis_means_away"


def test_the_means_question_is_asked_once(domain):
    events = _after_plan(("im fine now", "affirm", "utter_dlg_crisis_means_check"),
                         ("not yet", "deny", "utter_dlg_crisis_means_still"),
                         ("i've moved them", "share_feelings", "utter_dlg_crisis_means_away"))
    assert _next(domain, [*events, *_user("im fine now", "affirm")]) != "utter_dlg_crisis_means_check"


def test_without_a_plan_or_means_fine_ends_the_follow_up_as_before(domain):
    events = [*_user("i want to die", "crisis", "ideation"), ActionExecuted("utter_crisis"),
              ActionExecuted("utter_crisis_options"), *_user("im fine now", "affirm")]
    assert _next(domain, events) == "utter_dlg_emergency_safe_now"


def _after_heart():
    return [*_user("i purged like 4 times today", "eating_purging"), ActionExecuted("utter_eating_purging"),
            ActionExecuted("utter_eating_next"), *_user("my heart is racing", "share_feelings", "imminent"),
            ActionExecuted("utter_emergency_heart")]


@pytest.mark.parametrize("text, intent, reply", [
    ("i dont want to call 911", "deny", "utter_dlg_medical_wont_call"),
    ("I don't want to call", "deny", "utter_dlg_medical_wont_call"),
    ("im scared of the er", "share_feelings", "utter_dlg_medical_er_fear"),
    ("what if they lock me up", "share_feelings", "utter_dlg_medical_er_fear"),
    ("its slowing down i think", "share_feelings", "utter_dlg_medical_check"),
    ("im ok now", "affirm", "utter_dlg_medical_safe_now"),
    ("I've called", "affirm", "utter_dlg_emergency_called"),
])
def test_after_the_heart_reply_answers_keep_the_medical_check_first(domain, text, intent, reply):
    assert _next(domain, [*_after_heart(), *_user(text, intent)]) == reply


def test_the_medical_wont_call_reply_points_to_a_medical_check_not_a_text_line(domain):
    text = domain.responses["utter_dlg_medical_wont_call"][0]["text"]
    assert "ER" in text and "911" in text and "741741" not in text


def test_the_means_in_hand_raised_to_an_emergency_is_left_to_the_emergency_reply(domain):
    # Session 21's CI rehearsal: "i have the pills right here in my hand" after hedges got the calm distance steps.
    # Raised by the emergency net (its `risk` entity), as in the rehearsal: an update the follow-up reads would win.
    events = [*_after_plan(), *_user("i have the pills right here in my hand", "crisis", "imminent")]
    events[-1].parse_data.update(risk_kind="plan_means", entities=[{"entity": "risk", "value": "risk_net"}])
    assert _next(domain, events) is None


# Session 22: after the bot's own question about the means, "i still have them though" got the act-under-way reply
# ("step back from the edge"), because the emergency net raises it alone. It answers the question: the distance steps,
# with 911 and 988 in them. A means in hand the net raises anywhere else still gets the emergency reply first (above),
# and a message the patterns raise (an act, a time) always does.
@pytest.mark.parametrize("text", ["i still have them though", "i still got em tbh", "todavia las tengo"])
def test_the_means_still_near_raised_by_the_net_after_the_question_gets_the_distance_steps(domain, text):
    events = _after_plan(("im fine now", "affirm", "utter_dlg_crisis_means_check"))
    events += _user(text, "crisis", "imminent")
    events[-1].parse_data.update(risk_kind="act_underway", entities=[{"entity": "risk", "value": "risk_net"}])
    assert _next(domain, events) == "utter_dlg_crisis_means_still"
    still = domain.responses["utter_dlg_crisis_means_still"][0]["text"]
    assert "911" in still and "988" in still


@pytest.mark.parametrize("text, net", [("i still have them and im taking them now", False),
                                       ("i still have them and im taking them now", True),
                                       ("i already took them", True)])
def test_an_act_after_the_means_question_still_gets_the_emergency_reply(domain, text, net):
    events = _after_plan(("im fine now", "affirm", "utter_dlg_crisis_means_check"))
    events += _user(text, "crisis", "imminent")
    entities = [{"entity": "risk", "value": "risk_net"}] if net else []
    events[-1].parse_data.update(risk_kind="act_underway", entities=entities)
    assert _next(domain, events) is None
