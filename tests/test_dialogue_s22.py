"""Session 22, from the open list of session 21's new-user run (extensions/dialogue_policy.py, without servers).

- "can i use ice instead" in the urge flow got the coping intro again: ice only briefly and wrapped, with the cold
  cautions (clinical facts part 1 §1.3, §1.4). After a burn it is still "no ice".
- "its my lexapro" after the extra-dose reply got the reply for stopping a medicine: Poison Help for that medicine.
"""

from __future__ import annotations

import pytest
from rasa.shared.core.events import ActionExecuted

from tests.test_dialogue_dlg12 import _policy, _tracker, _user


def _next(domain, events):
    return _policy()._next_action(_tracker(domain, events), domain)[0]


def _after(text, intent, *replies):
    return [*_user(text, intent), *(ActionExecuted(r) for r in replies)]


URGE = ("i keep wanting to cut", "self_harm_urge", "utter_urge_acknowledge", "utter_urge_options")
COPING = ("what can i do instead of cutting", "coping_alternatives", "utter_coping_intro", "utter_coping_ask_function")


@pytest.mark.parametrize("before", [URGE, COPING])
@pytest.mark.parametrize("text, intent", [("can i use ice instead", "coping_alternatives"),
                                          ("what about holding ice", "coping_alternatives"),
                                          ("is it ok to hold an ice cube", "nlu_fallback"),
                                          ("puedo usar hielo?", "share_feelings")])
def test_ice_in_the_urge_or_coping_flow_gets_brief_and_wrapped_with_the_cautions(domain, before, text, intent):
    assert _next(domain, [*_after(*before), *_user(text, intent)]) == "utter_dlg_ice_question"
    reply = domain.responses["utter_dlg_ice_question"][0]["text"]
    assert "briefly" in reply and "Wrap it" in reply
    for caution in ("eating disorder", "heart", "beta-blockers"):
        assert caution in reply


def test_ice_after_a_burn_is_still_no_ice(domain):
    events = [*_after("i burned myself how do i look after it", "wound_care", "utter_wound_ask"),
              *_after("/wound_burn", "wound_burn", "utter_wound_burn"), *_user("can i use ice instead", "wound_burn")]
    assert _next(domain, events) == "utter_dlg_wound_ice_question"
    assert "No ice" in domain.responses["utter_dlg_wound_ice_question"][0]["text"]


def test_ice_in_the_eating_flow_is_not_offered(domain):
    # Cold ideas are left out for anyone with an eating disorder (clinical facts part 1 §1.4).
    events = [*_after("i binge and then hate myself", "eating_disorder", "utter_eating_intro"),
              *_user("can i use ice instead", "coping_alternatives")]
    assert _next(domain, events) != "utter_dlg_ice_question"


EXTRA = ("i took 2 of my pills by accident this morning", "medication_extra_dose", "utter_medication_extra_dose",
         "action_medication_situation_lines", "utter_medication_next")


@pytest.mark.parametrize("text, intent", [("its my lexapro", "medication"), ("zoloft", "nlu_fallback"),
                                          ("they were my sleeping pills", "medication"),
                                          ("es mi sertraline", "share_feelings")])
def test_the_medicine_named_after_the_extra_dose_reply_gets_poison_help_for_it(domain, text, intent):
    assert _next(domain, [*_after(*EXTRA), *_user(text, intent)]) == "utter_dlg_medication_extra_dose_named"
    reply = domain.responses["utter_dlg_medication_extra_dose_named"][0]["text"]
    assert "1-800-222-1222" in reply and "911" in reply


def test_a_medicine_named_elsewhere_in_the_medication_flow_is_not_read_as_an_extra_dose(domain):
    events = [*_after("can we talk about my meds", "medication", "utter_medication_intro"),
              *_user("its my lexapro", "medication")]
    assert _next(domain, events) != "utter_dlg_medication_extra_dose_named"


def test_stopping_after_the_extra_dose_reply_is_still_the_stopping_talk(domain):
    # "i want to stop my lexapro" names a medicine too, but the classifier is sure it is about stopping.
    events = [*_after(*EXTRA), *_user("honestly i just want to stop taking it", "medication_stopping")]
    assert _next(domain, events) != "utter_dlg_medication_extra_dose_named"


@pytest.mark.parametrize("text", ["ok ill call them", "i called", "ill call poison control"])
def test_calling_after_the_extra_dose_replies_gets_a_good_step_and_911s_signs(domain, text):
    events = [*_after(*EXTRA), *_after("its my lexapro", "medication", "utter_dlg_medication_extra_dose_named"),
              *_user(text, "nlu_fallback")]
    assert _next(domain, events) == "utter_dlg_medication_will_call"
    assert "911" in domain.responses["utter_dlg_medication_will_call"][0]["text"]
    assert _next(domain, [*_after(*EXTRA), *_user(text, "nlu_fallback")]) == "utter_dlg_medication_will_call"


MISSED = ("i missed my dose yesterday", "medication_missed_dose", "utter_medication_missed_dose",
          "action_medication_situation_lines", "utter_medication_next")


@pytest.mark.parametrize("text", ["should i take 2 today", "can i double up",
                                  "do i take two tomorrow to make up for it", "puedo tomar dos hoy"])
def test_taking_two_after_the_missed_dose_reply_gets_no_double_dose(domain, text):
    assert _next(domain, [*_after(*MISSED), *_user(text, "nlu_fallback")]) == "utter_dlg_medication_double_up"
    reply = domain.responses["utter_dlg_medication_double_up"][0]["text"]
    assert "don't take two" in reply and "pharmacist" in reply and "1-800-222-1222" in reply


@pytest.mark.parametrize("text", ["should i take it with food", "can i take it at night instead"])
def test_other_dose_questions_after_the_missed_dose_reply_are_not_read_as_doubling(domain, text):
    assert _next(domain, [*_after(*MISSED), *_user(text, "nlu_fallback")]) != "utter_dlg_medication_double_up"


@pytest.mark.parametrize("text", ["i feel really dizzy now", "kinda sleepy"])
def test_a_symptom_after_the_extra_dose_reply_is_not_thanked_as_the_medicine_named(domain, text):
    assert _next(domain, [*_after(*EXTRA), *_user(text, "share_feelings")]) != "utter_dlg_medication_extra_dose_named"


def _after_deep_burn():
    return [*_user("i spilled boiling water on my leg and the skin looks white", "crisis", "imminent"),
            ActionExecuted("utter_emergency_burn_severe"), ActionExecuted("action_crisis_handoff"),
            ActionExecuted("utter_crisis_options")]


@pytest.mark.parametrize("text", ["it doesnt even hurt that much", "i cant even feel it", "no me duele nada"])
def test_a_deep_burn_that_doesnt_hurt_gets_911_again_not_the_safety_question(domain, text):
    # Session 22 (new-user run): it got "I'm still here with you. Are you safe right now?".
    assert _next(domain, [*_after_deep_burn(), *_user(text, "share_feelings")]) == "utter_dlg_burn_painless"
    reply = domain.responses["utter_dlg_burn_painless"][0]["text"]
    assert "911" in reply and "deeper" in reply and "cool running water" in reply


def test_not_hurting_after_a_crisis_reply_that_was_not_about_a_burn_is_not_read_as_a_burn(domain):
    events = [*_user("i want to die", "crisis", "ideation"), ActionExecuted("utter_crisis"),
              ActionExecuted("action_crisis_handoff"), ActionExecuted("utter_crisis_options"),
              *_user("it doesnt even hurt anymore", "share_feelings")]
    assert _next(domain, events) != "utter_dlg_burn_painless"
