"""Session 25, from session 24's new-user run (extensions/dialogue_policy.py, without servers).

- "it stopped bleeding" answering the wound flow's "how bad is it?" got the reply for stopping a medicine.
- After the bleeding reply had slowed things, "do i need stitches its kinda open" got "Okay. Keep an eye on it."
- "me mareo mucho" answering "have you felt dizzy or faint?" got "no te entendí".
- After the purging reply, "idk if its a problem" got a helper's "is it my fault" reply, and then "my throat hurts and
  i feel dizzy sometimes" got the helper's bleeding-and-burn emergency card.
- "my heart is racing rn" after the fainting reply got the fainting check, not the heart reply's 911.
- "she says not to tell anyone" after a friend's overdose got "have you been able to call?".
- "just tired" after "no" to the direct question got "Nice, thanks for telling me".
- "stop sending numbers" got the menu, then "i just want to talk" the peer lines with five numbers.
- "its lexapro" after the alcohol reply got "didn't follow".
"""

from __future__ import annotations

import pytest
from rasa.shared.core.events import ActionExecuted

from extensions.language import detect
from tests.test_dialogue_dlg12 import _policy, _tracker, _user


def _next(domain, events):
    return _policy()._next_action(_tracker(domain, events), domain)[0]


def _emergency(text, intent, level, opener, helper=None):
    events = [*_user(text, intent, level), ActionExecuted(opener), ActionExecuted("action_crisis_handoff")]
    return events + [ActionExecuted(helper or "utter_crisis_options")]


WOUND = [*_user("cut my arm pretty deep earlier", "wound_care"), ActionExecuted("utter_wound_ask")]


@pytest.mark.parametrize("text, intent", [
    ("it stopped bleeding", "medication_stopping"),
    ("its not bleeding anymore", "wound_care"),
    ("ok it stopped on its own", "nlu_fallback"),
    ("ya no sangra", "nlu_fallback"),
])
def test_a_cut_that_stopped_bleeding_gets_when_it_still_needs_a_doctor(domain, text, intent):
    assert _next(domain, [*WOUND, *_user(text, intent)]) == "utter_dlg_wound_stopped"


def test_stopping_something_else_in_the_wound_talk_is_not_bleeding_that_stopped(domain):
    assert _next(domain, [*WOUND, *_user("i stopped cutting for a month", "nlu_fallback")]) != "utter_dlg_wound_stopped"


def test_ok_to_the_stopped_reply_gives_the_cleaning_steps(domain):
    stopped = [*WOUND, *_user("it stopped bleeding", "medication_stopping"), ActionExecuted("utter_dlg_wound_stopped")]
    assert _next(domain, [*stopped, *_user("ok", "affirm")]) == "utter_wound_cut"


def test_the_stopped_reply_says_when_a_doctor_is_needed_today(domain):
    text = domain.responses["utter_dlg_wound_stopped"][0]["text"]
    assert "today" in text and "gape" in text


BLED = [*_emergency("cut deep and its bleeding a lot", "crisis", "imminent", "utter_emergency_bleeding"),
        *_user("it stopped", "nlu_fallback"), ActionExecuted("utter_dlg_bleeding_bleeding_stopped")]


def test_a_wound_question_after_the_bleeding_stopped_gets_the_wound_answer(domain):
    assert _next(domain, [*BLED, *_user("do i need stitches its kinda open", "wound_gaping")]) == "utter_wound_gaping"


def test_bleeding_again_after_it_stopped_stays_the_emergency(domain):
    got = _next(domain, [*BLED, *_user("its still bleeding through the towel", "wound_gaping")])
    assert got.startswith("utter_dlg_bleeding_") or got.startswith("utter_emergency_"), got


LOW = [*_user("no he comido en 3 dias", "eating_low_intake"), ActionExecuted("utter_eating_low_intake")]
PURGED = [*_user("made myself throw up after lunch", "eating_purging"), ActionExecuted("utter_eating_purging")]


@pytest.mark.parametrize("text", ["me mareo mucho", "kinda dizzy when i stand", "ya lightheaded a lot"])
def test_dizziness_answering_the_not_eating_question_gets_the_dizzy_reply(domain, text):
    assert _next(domain, [*LOW, *_user(text, "nlu_fallback")]) == "utter_eating_dizzy"


def test_dizziness_after_purging_gets_the_salts_and_the_911_signs(domain):
    got = _next(domain, [*PURGED, *_user("my throat hurts and i feel dizzy sometimes", "wound_emergency")])
    assert got == "utter_dlg_eating_dizzy_purging"
    text = domain.responses[got][0]["text"]
    assert "911" in text and "doctor" in text


def test_not_dizzy_is_not_the_dizzy_reply(domain):
    assert _next(domain, [*LOW, *_user("not dizzy no", "deny")]) not in ("utter_eating_dizzy",
                                                                       "utter_dlg_eating_dizzy_purging")


@pytest.mark.parametrize("text, intent", [
    ("idk if its a problem", "helping_blame"),
    ("im not sure its even that bad", "not_sure"),
    ("no sé si es un problema", "nlu_fallback"),
])
def test_not_knowing_if_it_is_a_problem_is_met_in_the_eating_talk(domain, text, intent):
    assert _next(domain, [*PURGED, *_user(text, intent)]) == "utter_dlg_eating_is_it_a_problem"


FAINTED = _emergency("havent eaten in 4 days and i passed out", "crisis", "imminent", "utter_emergency_fainting")


@pytest.mark.parametrize("events, text", [
    (FAINTED, "my heart is racing rn"),
    (FAINTED, "el corazón me late muy rápido"),
    (LOW, "my heart keeps skipping"),
    (PURGED, "my chest hurts"),
])
def test_a_racing_heart_now_after_an_eating_or_fainting_reply_gets_the_heart_reply(domain, events, text):
    assert _next(domain, [*events, *_user(text, "share_feelings")]) == "utter_emergency_heart"


@pytest.mark.parametrize("text", [
    "my heart races when i think about eating in front of people",
    "my heart isn't racing anymore",
])
def test_a_heart_that_races_only_at_a_thought_or_has_calmed_is_not_the_heart_reply(domain, text):
    assert _next(domain, [*PURGED, *_user(text, "share_feelings")]) != "utter_emergency_heart"


def test_after_the_heart_reply_a_racing_heart_is_its_follow_up_not_the_reply_again(domain):
    heart = _emergency("threw up and my heart is pounding", "crisis", "imminent", "utter_emergency_heart")
    assert _next(domain, [*heart, *_user("its still racing", "share_feelings")]) != "utter_emergency_heart"


HELPER_OD = _emergency("my friend took a bunch of pills", "helping_emergency", "third_party",
                       "utter_emergency_overdose", "utter_dlg_overdose_helper")


@pytest.mark.parametrize("text", [
    "she says not to tell anyone",
    "he'll hate me if i call",
    "i promised i wouldnt tell",
    "me pidió que no le diga a nadie",
])
def test_a_helper_told_to_keep_it_secret_is_told_safety_comes_first(domain, text):
    assert _next(domain, [*HELPER_OD, *_user(text, "helping_secret")]) == "utter_dlg_helping_keep_secret"
    reply = domain.responses["utter_dlg_helping_keep_secret"][0]["text"]
    assert "911" in reply and "1-800-222-1222" in reply


def test_the_person_who_took_them_asking_not_to_tell_is_not_the_helper_reply(domain):
    own = _emergency("i took a bunch of pills", "crisis", "imminent", "utter_emergency_overdose")
    assert _next(domain, [*own, *_user("please dont tell anyone", "privacy")]) != "utter_dlg_helping_keep_secret"


CHECKED = [*_user("everything feels pointless", "share_feelings", "signal"), ActionExecuted("utter_risk_check"),
           *_user("no", "deny"), ActionExecuted("utter_risk_check_no")]


@pytest.mark.parametrize("text", ["just tired", "im just exhausted tbh", "cansada nada mas"])
def test_just_tired_after_no_is_not_nice_thanks(domain, text):
    assert _next(domain, [*CHECKED, *_user(text, "mood_ok")]) == "utter_dlg_just_tired"


ASKED = [*_user("i feel hopeless", "share_feelings", "signal"), ActionExecuted("utter_risk_check")]


@pytest.mark.parametrize("text", ["stop sending numbers", "no more hotlines", "enough with the numbers"])
def test_stop_sending_numbers_to_the_question_gets_the_apology(domain, text):
    assert _next(domain, [*ASKED, *_user(text, "cancel")]) == "utter_dlg_frustrated_lines"


@pytest.mark.parametrize("text", ["i just want to talk", "i just wanna talk"])
def test_then_wanting_to_talk_gets_listening_with_no_numbers(domain, text):
    events = [*ASKED, *_user("stop sending numbers", "cancel"), ActionExecuted("utter_dlg_frustrated_lines"),
              *_user(text, "peer_support")]
    assert _next(domain, events) == "utter_dlg_listen"


ALCOHOL = [*_user("can i drink on my meds", "medication_alcohol"), ActionExecuted("utter_medication_alcohol")]


@pytest.mark.parametrize("text", ["its lexapro", "zoloft", "im on wellbutrin xl", "tomo litio"])
def test_a_medicine_named_after_a_medication_reply_gets_who_can_check_it(domain, text):
    assert _next(domain, [*ALCOHOL, *_user(text, "nlu_fallback")]) == "utter_dlg_medication_named"


def test_a_longer_message_with_a_medicine_name_is_not_read_as_the_name_alone(domain):
    got = _next(domain, [*ALCOHOL, *_user("lexapro makes me so tired all day every day", "medication_side_effects")])
    assert got != "utter_dlg_medication_named"


def test_after_the_extra_dose_reply_a_name_keeps_its_poison_help_reply(domain):
    extra = [*_user("i took an extra dose by accident", "medication_extra_dose"),
             ActionExecuted("utter_medication_extra_dose")]
    assert _next(domain, [*extra, *_user("its my lexapro", "nlu_fallback")]) == "utter_dlg_medication_extra_dose_named"


@pytest.mark.parametrize("text", ["no he comido en 3 días", "me mareo mucho", "mis pastillas me dan mucho sueño"])
def test_short_spanish_about_eating_or_medicine_is_answered_in_spanish(text):
    assert detect(text) == "es"


@pytest.mark.parametrize("text", ["i ate in the car", "en route to the er", "he hasnt eaten in days"])
def test_english_with_those_words_stays_english(text):
    assert detect(text) == "en"


URGE = [*_user("i want to cut so bad", "self_harm_urge"), ActionExecuted("utter_urge_acknowledge"),
        ActionExecuted("utter_urge_options")]


@pytest.mark.parametrize("text, intent", [("release i guess", "affirm"), ("to feel something", "nlu_fallback")])
def test_a_need_typed_at_the_urge_options_gets_the_ideas_for_it(domain, text, intent):
    assert _next(domain, [*URGE, *_user(text, intent)]) == "action_coping_function"


def test_an_answer_naming_no_need_at_the_urge_options_is_not_read_as_one(domain):
    assert _next(domain, [*URGE, *_user("idk honestly", "not_sure")]) != "action_coping_function"
