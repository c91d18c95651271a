"""Session 24, from the open list of session 23 (extensions/dialogue_policy.py, without servers).

- After the fainting reply, "im fine now" got "glad you're safe" and the text lines, and "dont tell me to go to a
  doctor" then got the prescriber questions. Fainting needs a check today even when it has passed (clinical facts part 1
  §5.2, part 2 §6): the fainting follow-up says so, and once it has ended the reason is given once, without pushing.
- "my dad almost saw" after a cut got the feelings reply with 988; "my mom cant find out i cut" got "didn't follow";
  "how do i hide it" got the wound question again.
- "my throat hurts" after the purging reply got "didn't follow".
- "i tried the ice thing" in the urge flow got "didn't follow".
- "what about like 2 beers" after the alcohol reply got the diet decline; "how do i find another one" after the
  second-opinion reply got coping ideas.
"""

from __future__ import annotations

import pytest
from rasa.shared.core.events import ActionExecuted

from tests.test_dialogue_dlg12 import _policy, _tracker, _user


def _next(domain, events):
    return _policy()._next_action(_tracker(domain, events), domain)[0]


FAINTED = [*_user("havent eaten since monday and i blacked out in the shower", "crisis", "imminent"),
           ActionExecuted("utter_emergency_fainting"), ActionExecuted("action_crisis_handoff"),
           ActionExecuted("utter_crisis_options")]


@pytest.mark.parametrize("text, intent, reply", [
    ("im fine now", "mood_ok", "utter_dlg_fainting_safe_now"),
    ("i feel ok now", "affirm", "utter_dlg_fainting_safe_now"),
    ("its better now i think", "share_feelings", "utter_dlg_fainting_better"),
    ("i dont want to call", "deny", "utter_dlg_fainting_wont_call"),
    ("dont tell me to go to a doctor", "medication_questions", "utter_dlg_fainting_wont_call"),
    ("im not going to the hospital", "share_feelings", "utter_dlg_fainting_wont_call"),
    ("never going to the er", "share_feelings", "utter_dlg_fainting_wont_call"),
    ("no voy a ir al médico", "nlu_fallback", "utter_dlg_fainting_wont_call"),
    ("im scared of the hospital", "share_feelings", "utter_dlg_fainting_er_fear"),
])
def test_after_the_fainting_reply_feeling_fine_still_gets_a_check_today(domain, text, intent, reply):
    assert _next(domain, [*FAINTED, *_user(text, intent)]) == reply


def test_not_wanting_a_doctor_after_the_follow_up_ended_gets_the_reason_once(domain):
    ended = [*FAINTED, *_user("im fine now", "mood_ok"), ActionExecuted("utter_dlg_fainting_safe_now")]
    assert _next(domain, [*ended, *_user("dont tell me to go to a doctor", "medication_questions")]) \
        == "utter_dlg_no_doctor"
    # The last run through the servers: "no i dont want a doctor" got "didn't follow".
    assert _next(domain, [*ended, *_user("no i dont want a doctor", "nlu_fallback")]) == "utter_dlg_no_doctor"


def test_not_wanting_a_doctor_with_no_medical_emergency_is_not_that_reply(domain):
    # After a suicide crisis reply ended with "im ok now" there was no medical emergency: not "what happened can
    # affect your heart".
    ended = [*_user("i want to die", "crisis", "ideation"), ActionExecuted("utter_crisis"),
             ActionExecuted("action_crisis_handoff"), ActionExecuted("utter_crisis_options"),
             *_user("im ok now", "mood_ok"), ActionExecuted("utter_dlg_emergency_safe_now")]
    assert _next(domain, [*ended, *_user("dont tell me to go to a doctor", "medication_questions")]) \
        != "utter_dlg_no_doctor"


CUT = [*_user("i cut last night", "wound_care"), ActionExecuted("utter_wound_ask")]


@pytest.mark.parametrize("text, intent", [
    ("my dad almost saw", "share_feelings"),
    ("my mom cant find out", "privacy"),
    ("im so scared my parents will see them", "share_feelings"),
    ("mi mamá casi lo vio", "nlu_fallback"),
])
def test_the_fear_of_someone_finding_out_is_met_not_given_988(domain, text, intent):
    assert _next(domain, [*CUT, *_user(text, intent)]) == "utter_dlg_found_out"


def test_the_fear_of_being_found_out_with_no_topic_yet(domain):
    assert _next(domain, _user("my mom cant find out i cut", "nlu_fallback")) == "utter_dlg_found_out"


def test_how_to_hide_it_after_a_cut_gets_covering_it(domain):
    assert _next(domain, [*CUT, *_user("how do i hide it", "wound_care")]) == "utter_wound_hide_scars"


def test_how_to_hide_it_in_the_eating_talk_is_not_the_covering_reply(domain):
    # Nothing on hiding purging (clinical facts part 2 §6).
    events = [*_user("i threw up after dinner again", "eating_purging"), ActionExecuted("utter_eating_purging"),
              *_user("how do i hide it", "wound_hide_scars")]
    assert _next(domain, events) not in ("utter_wound_hide_scars", "utter_dlg_found_out")


def test_a_parent_worried_about_their_child_is_not_read_as_their_own_fear(domain):
    events = [*_user("my son cuts himself", "helping_disclosure"), ActionExecuted("utter_helping_disclosure"),
              *_user("his dad cant find out", "helping_secret")]
    assert _next(domain, events) != "utter_dlg_found_out"


PURGED = [*_user("i threw up after dinner again", "eating_purging"), ActionExecuted("utter_eating_purging")]


@pytest.mark.parametrize("text", ["my throat hurts", "my throat is so sore", "me duele la garganta"])
def test_a_sore_throat_after_purging_gets_why_and_the_911_signs(domain, text):
    assert _next(domain, [*PURGED, *_user(text, "nlu_fallback")]) == "utter_dlg_eating_throat_sore"


def test_a_sore_throat_outside_the_eating_talk_is_not_the_purging_reply(domain):
    events = [*_user("i cut last night", "wound_care"), ActionExecuted("utter_wound_ask"),
              *_user("my throat hurts", "nlu_fallback")]
    assert _next(domain, events) != "utter_dlg_eating_throat_sore"


URGE = [*_user("i really want to cut right now", "self_harm_urge"), ActionExecuted("utter_urge_intro")]


@pytest.mark.parametrize("text", ["i tried the ice thing", "i did the breathing", "tried it already"])
def test_trying_an_idea_is_thanked_and_asked_how_it_is(domain, text):
    assert _next(domain, [*URGE, *_user(text, "nlu_fallback")]) == "utter_dlg_tried_it"


ALCOHOL = [*_user("can i drink on my meds", "medication_alcohol"), ActionExecuted("utter_medication_alcohol")]


@pytest.mark.parametrize("text", ["what about like 2 beers", "is one drink ok", "y una cerveza?"])
def test_an_amount_of_alcohol_is_still_the_pharmacists_question(domain, text):
    assert _next(domain, [*ALCOHOL, *_user(text, "eating_diet_request")]) == "utter_dlg_medication_alcohol_amount"


SECOND = [*_user("my doctor doesnt listen to me", "medication_second_opinion"),
          ActionExecuted("utter_medication_second_opinion"), ActionExecuted("utter_dlg_next_medication")]


@pytest.mark.parametrize("text", ["how do i find another one", "where do i find a new psychiatrist"])
def test_finding_another_prescriber_after_the_second_opinion_reply(domain, text):
    assert _next(domain, [*SECOND, *_user(text, "coping_more")]) == "utter_dlg_medication_find_prescriber"


def test_another_one_elsewhere_in_the_medication_talk_is_not_a_prescriber(domain):
    assert _next(domain, [*ALCOHOL, *_user("how do i find another one", "coping_more")]) \
        != "utter_dlg_medication_find_prescriber"


def test_a_crisis_message_after_the_fear_of_being_found_out_still_goes_to_the_crisis_policy(domain):
    events = [*CUT, *_user("my dad almost saw and i want to die", "crisis", "ideation")]
    assert _next(domain, events) is None


OVERDOSE = [*_user("took a whole bottle of my pills", "crisis", "imminent"), ActionExecuted("utter_emergency_overdose"),
            ActionExecuted("action_crisis_handoff"), ActionExecuted("utter_crisis_options")]


@pytest.mark.parametrize("text", ["im not calling 911", "i wont be calling 911", "not calling them",
                                  "im not going to the er", "never going to the hospital"])
def test_a_negated_call_or_er_is_never_read_as_called(domain, text):
    # "im not calling 911" matched "calling 911" and got "thank you for calling" after an overdose reply.
    events = [*OVERDOSE, *_user(text, "deny")]
    assert _next(domain, events) not in ("utter_dlg_emergency_called", "utter_dlg_overdose_called")


@pytest.mark.parametrize("text", ["i called 911", "calling 911 now", "im going to the er", "my mom is driving me"])
def test_a_real_call_is_still_read_as_called(domain, text):
    events = [*OVERDOSE, *_user(text, "affirm")]
    assert _next(domain, events) in ("utter_dlg_emergency_called", "utter_dlg_overdose_called")
