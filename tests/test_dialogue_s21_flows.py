"""Session 21, found by a helper talking to the bot as new users: follow-ups read in the flow they answer
(extensions/dialogue_policy.py, without servers). Each test names what the person got before."""

from __future__ import annotations

import pytest

from extensions.dialogue_policy import answer_classes
from tests.test_dialogue_run10 import _plan

SIDE_EFFECT = ("my antidepressant makes me so tired", "medication", ["utter_medication_intro", "utter_medication_ask"])


@pytest.mark.parametrize("text", ["can i just stop", "so can i just quit them then", "what if i just stop taking it",
                                  "puedo dejarlas"])
def test_can_i_just_stop_in_the_medication_flow_gets_what_to_know_before_stopping(domain, text):
    # Was "Is there something else you'd like to look at?": the main safety message (don't stop suddenly) missing.
    plan = _plan(domain, [SIDE_EFFECT], text, "deny", confidence=0.5)
    assert plan and plan[0] == "utter_medication_stopping", plan


def test_can_i_just_stop_outside_the_medication_flow_is_not_read_as_medication(domain):
    urge = ("i really want to cut", "self_harm_urge", ["utter_urge_acknowledge", "utter_urge_next"])
    plan = _plan(domain, [urge], "can i just stop", "deny", confidence=0.5)
    assert not plan or plan[0] != "utter_medication_stopping", plan


@pytest.mark.parametrize("text, intent", [("ok", "affirm"), ("okay", "nlu_fallback"), ("yes", "affirm")])
def test_ok_after_telling_the_cut_stopped_gets_the_cleaning_and_covering_steps(domain, text, intent):
    # Was "Okay." and no care steps.
    stopped = ("i cut earlier and it stopped after i pressed on it", "wound_care", ["utter_wound_ask"])
    plan = _plan(domain, [stopped], text, intent)
    assert plan and plan[0] == "utter_wound_cut", plan


def test_ok_to_how_bad_is_it_without_a_word_of_stopping_is_not_taken_as_small(domain):
    cut = ("i cut my leg", "wound_care", ["utter_wound_ask"])
    plan = _plan(domain, [cut], "ok", "affirm")
    assert not plan or plan[0] != "utter_wound_cut", plan


DECLINED = ("can someone from the program contact me", "contact_human",
            ["action_contact_handoff", "utter_contact_ask_consent"])


@pytest.mark.parametrize("text", ["wait actually yes", "oh wait yes please", "i changed my mind",
                                  "pensándolo mejor sí"])
def test_a_change_of_mind_after_no_thanks_starts_the_request(domain, text):
    # Was "Sorry, I didn't follow that. Did you want program staff to get in touch...?"
    no = ("no thanks", "deny", ["utter_contact_declined", "utter_dlg_next_contact"])
    plan = _plan(domain, [DECLINED, no], text, "nlu_fallback", confidence=0.4)
    assert plan and plan[0] == "contact_request_form", plan


PURGE_URGE = ("i ate so much tonight and i really want to throw up", "eating_purge_urge", ["utter_eating_purge_urge"])


@pytest.mark.parametrize("text", ["im going to do it anyway", "still want to", "gonna do it anyway tbh"])
def test_going_to_anyway_after_the_purge_urge_reply_gets_aftercare_and_the_911_signs(domain, text):
    # Was the stress options ("Ideas for stress").
    plan = _plan(domain, [PURGE_URGE], text, "nlu_fallback")
    assert plan == ["utter_dlg_eating_still_want"], plan
    said = domain.responses[plan[0]][0]["text"]
    assert "911" in said and "rinse" in said and "lecture" in said


def test_not_ready_to_stop_but_safer_after_the_purging_reply_gets_the_safer_reply(domain):
    # Was "If you were telling me your reason about medication, which of these is closest?"
    purging = ("i purged like 4 times today", "eating_purging", ["utter_eating_purging", "utter_eating_next"])
    plan = _plan(domain, [purging], "i dont want to stop, i just want to be safer", "medication_reason",
                 confidence=0.5)
    assert plan and plan[0] == "utter_eating_safer", plan
    said = domain.responses["utter_eating_safer"][0]["text"]
    assert "911" in said and "doctor" in said and "can't give tips on how to purge" in said


def test_safer_outside_the_eating_flow_is_not_the_eating_reply(domain):
    cut = ("how do i clean a cut", "wound_cut", ["utter_wound_cut_care", "utter_wound_more"])
    plan = _plan(domain, [cut], "i dont want to stop, i just want to be safer", "harm_reduction_info",
                 confidence=0.5)
    assert not plan or plan[0] != "utter_eating_safer", plan


def test_what_do_i_say_after_the_reply_about_someone_elses_eating_gets_words_to_try(domain):
    # Was "Sorry, I didn't follow that. Is it about helping them?"
    helper = ("i think my roommate has bulimia", "helping_eating", ["utter_helping_eating"])
    plan = _plan(domain, [helper], "what do i say", "nlu_fallback")
    assert plan and plan[0] == "utter_dlg_helping_eating_what_to_say", plan
    said = domain.responses[plan[0]][0]["text"]
    assert "I've noticed" in said and "weight" not in said


def test_the_new_classes_read_the_new_users_words_and_not_their_look_alikes():
    assert "med_can_stop" in answer_classes("can i just stop")
    assert "med_can_stop" not in answer_classes("can i just stop by later")
    assert "contact_still_want" in answer_classes("wait actually yes")
    assert "contact_still_want" not in answer_classes("wait no")
    assert "safer_not_stop" in answer_classes("i dont want to stop, i just want to be safer")
    assert "safer_not_stop" not in answer_classes("i just want to feel safe")
    assert "means_still" in answer_classes("i still have them though")
    assert "means_away" in answer_classes("i gave them to my sister")
    assert "still_want" in answer_classes("im going to do it anyway")


@pytest.mark.parametrize("text", ["you dont care", "u don't even care lol", "as if you care", "no te importa nada"])
def test_you_dont_care_gets_an_honest_answer_and_people_now(domain, text):
    # Was "Sorry, I'm not sure I followed."
    menu = ("hey", "greet", ["utter_greet", "utter_menu"])
    plan = _plan(domain, [menu], text, "nlu_fallback")
    assert plan and plan[0] == "utter_dlg_you_dont_care", plan
    said = domain.responses[plan[0]][0]["text"]
    assert "chatbot" in said and "988" in said and "741741" in said


def test_you_dont_care_after_a_crisis_reply_keeps_911_in_view(domain):
    crisis = ("i want to die", "crisis", ["utter_crisis", "action_crisis_handoff", "utter_crisis_options"])
    plan = _plan(domain, [crisis], "you dont care", "nlu_fallback")
    assert plan == ["utter_dlg_emergency_you_dont_care"], plan
    assert "911" in domain.responses[plan[0]][0]["text"]
