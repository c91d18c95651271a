"""es10: follow-ups found talking to the bot. "what if i pass out?" right after the not-eating dizziness reply, and
a second stress idiom in a row (extensions/dialogue_policy.py, without servers)."""

from __future__ import annotations

import pytest

from extensions.dialogue_policy import answer_classes
from tests.test_dialogue_policy import _conversation, _policy, _with_message

DIZZY = ("i barely eat and i get dizzy when i stand up", "eating_dizzy", ["utter_eating_dizzy", "utter_eating_next"])
DIZZY_ES = ("casi no como y me mareo al pararme", "eating_dizzy", ["utter_eating_dizzy", "utter_eating_next"])


@pytest.mark.parametrize("text", ["what if i pass out", "wait what if i faint??", "what happens if i black out at work",
                                  "y si me desmayo?", "¿y qué pasa si me desmayo?", "pero y si me desmayo sola"])
def test_what_if_i_pass_out_right_after_the_dizziness_reply_gets_the_short_answer_not_the_emergency(domain, text):
    before = DIZZY_ES if "me" in text.split() else DIZZY
    # The screen may read the question alone as the fainting emergency (the bot did): context decides.
    tracker = _with_message(_conversation(domain, [before]), text, "crisis", 1.0, level="imminent")
    tracker.latest_message.parse_data["risk_kind"] = "fainting"
    plan = _policy().plan(tracker, domain)
    assert plan == ["utter_dlg_eating_faint_what_if"], plan
    said = domain.responses[plan[0]][0]["text"]
    assert "lie down" in said and "911" in said and "doctor soon" in said and "someone" in said
    assert len(said) < len(domain.responses["utter_emergency_fainting"][0]["text"])


@pytest.mark.parametrize("text", ["i just passed out", "i fainted", "me desmayé", "me acabo de desmayar",
                                  "what if i pass out, i already fainted once today", "i think im about to pass out"])
def test_fainting_now_after_the_dizziness_reply_is_still_the_fainting_emergency(domain, text):
    assert "faint_what_if" not in answer_classes(text)
    tracker = _with_message(_conversation(domain, [DIZZY]), text, "crisis", 1.0, level="imminent")
    tracker.latest_message.parse_data["risk_kind"] = "fainting"
    assert _policy().plan(tracker, domain) == []  # CrisisPolicy's utter_emergency_fainting


def test_what_if_i_pass_out_elsewhere_is_left_to_the_crisis_policy(domain):
    menu = ("hi", "greet", ["utter_greet", "utter_menu"])
    tracker = _with_message(_conversation(domain, [menu]), "what if i pass out", "crisis", 1.0, level="imminent")
    tracker.latest_message.parse_data["risk_kind"] = "fainting"
    assert _policy().plan(tracker, domain) == []


@pytest.mark.parametrize("between", [[("ok", "affirm", ["utter_dlg_yes", "utter_dlg_next_eating"])],
                                     [("ok", "affirm", ["utter_dlg_yes", "utter_dlg_next_eating"]),
                                      ("hmm", "nlu_fallback", ["utter_dlg_next_eating"])]],
                         ids=["ok", "ok-hmm"])
def test_what_if_i_pass_out_a_turn_or_two_after_the_dizziness_reply_still_gets_the_short_answer(domain, between):
    # Session 18: with an "ok" and the topic's next question in between it got "Sorry, I didn't follow that".
    tracker = _with_message(_conversation(domain, [DIZZY, *between]), "what if i pass out", "nlu_fallback", 0.3)
    assert _policy().plan(tracker, domain) == ["utter_dlg_eating_faint_what_if"]


def test_what_if_i_pass_out_after_another_topic_began_is_not_answered_as_the_dizziness_question(domain):
    meds = ("i have a question about my meds", "medication", ["utter_medication_intro", "utter_medication_ask_reason"])
    tracker = _with_message(_conversation(domain, [DIZZY, meds]), "what if i pass out", "nlu_fallback", 0.3)
    assert _policy().plan(tracker, domain) != ["utter_dlg_eating_faint_what_if"]


def test_the_spanish_short_answer_has_the_same_steps_and_numbers():
    from extensions import language

    spanish = language.spanish_responses()["utter_dlg_eating_faint_what_if"][0]["text"]
    assert "acuéstate" in spanish and "911" in spanish and "médico pronto" in spanish


# ---- a second stress message in a row --------------------------------------------------------------------------

STRESS = ("im so stressed i could scream", "coping_stress", ["utter_coping_stress", "utter_coping_stress_next"])


@pytest.mark.parametrize("text, intent", [("ugh this week is killing me", "coping_stress"),
                                          ("everything is so much rn", "coping_stress"),
                                          ("estoy re estresada con todo", "coping_stress")])
def test_a_second_stress_message_right_after_the_stress_ideas_gets_a_shorter_follow_up_not_the_same_reply(
        domain, text, intent):
    plan = _policy().plan(_conversation(domain, [STRESS, (text, intent, [])]), domain)
    assert plan == ["utter_dlg_coping_stress_again"], plan
    again = domain.responses[plan[0]][0]
    first = domain.responses["utter_coping_stress"][0]["text"]
    assert len(again["text"]) < len(first) / 2 and again["text"] not in first and "?" in again["text"]
    assert {b["payload"] for b in again["buttons"]} == {"more", "/peer_support"}


def test_more_ideas_on_that_follow_up_gets_the_second_set_of_stress_ideas(domain):
    again = ("ugh this week is killing me", "coping_stress", ["utter_dlg_coping_stress_again"])
    plan = _policy().plan(_conversation(domain, [STRESS, again, ("more", "nlu_fallback", [])]), domain)
    assert plan == ["utter_dlg_stress_more"], plan


def test_stress_after_another_topic_still_gets_the_stress_ideas(domain):
    menu = ("hi", "greet", ["utter_greet", "utter_menu"])
    assert _policy().plan(_conversation(domain, [menu, STRESS[:2] + ([],)]), domain) == []
