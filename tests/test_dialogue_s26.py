"""Session 26, from session 25's new-user run (extensions/dialogue_policy.py, without servers).

- "zoloft makes me feel numb" got the medication intro and "What's going on for you with it?", which the person had
  just said.
"""

from __future__ import annotations

import pytest
from rasa.shared.core.events import ActionExecuted, SlotSet

from harmbot.risk.level_net import CATEGORY as LEVEL_NET_CATEGORY
from tests.test_dialogue_dlg12 import _policy, _tracker, _user


def _plan(domain, events):
    return _policy()._next_action(_tracker(domain, events), domain)


@pytest.mark.parametrize("text, intent", [
    ("zoloft makes me feel numb", "medication"),
    ("my meds make me feel like a zombie", "medication"),
    ("the side effects are too much honestly", "medication"),
    ("i cant cry anymore since i started it", "medication"),
    ("ever since i got on lexapro i have no sex drive", "medication"),
    ("ive gained so much weight on these pills", "medication"),
    ("mis pastillas me dan mucho sueño", "medication"),
    ("la sertralina me deja como zombi", "medication"),
    ("it makes me so tired i sleep all day", "medication_reason"),
])
def test_a_side_effect_told_gets_the_side_effects_reply_not_the_question_again(domain, text, intent):
    action, events = _plan(domain, _user(text, intent))
    assert action == "utter_medication_reason"
    assert SlotSet("medication_reason", "side_effects") in events


def test_the_side_effects_reply_names_the_prescriber_and_other_options(domain):
    variants = domain.responses["utter_medication_reason"]
    side = [v for v in variants if any(c.get("value") == "side_effects" for c in v.get("condition") or [])]
    assert side and "prescriber" in side[0]["text"] and "other options" in side[0]["text"]


@pytest.mark.parametrize("text, intent", [
    ("i want to talk about my meds", "medication"),
    ("should i stop my zoloft", "medication"),
    ("my friend says meds make you a zombie, is that true", "helping_someone"),
])
def test_a_medication_message_without_a_side_effect_is_left_to_the_flow(domain, text, intent):
    action, _ = _plan(domain, _user(text, intent))
    assert action != "utter_medication_reason"


def test_the_side_effects_reply_is_not_given_twice_in_a_row(domain):
    first = [*_user("zoloft makes me feel numb", "medication"), ActionExecuted("utter_medication_reason")]
    action, _ = _plan(domain, [*first, *_user("it makes me feel numb all the time", "medication")])
    assert action != "utter_medication_reason"


# Session 25's new-user run: "its all red around it and kinda puffy and warm" after a lighter burn, answering "how bad
# is it?", was raised by the emergency net alone as a large or deep burn and got 911.
NET_RAISED = {"risk_kind": "burn_severe", "entities": [{"entity": "risk", "value": "risk_net"}]}
BURN = [*_user("i burned myself with a lighter", "wound_care"), ActionExecuted("utter_wound_ask")]
CUT = [*_user("i cut my arm earlier", "wound_care"), ActionExecuted("utter_wound_ask")]


def _said(domain, before, text, raised=True):
    events = _user(text, "crisis", "imminent") if raised else _user(text, "nlu_fallback")
    if raised:
        events[-1].parse_data.update(NET_RAISED)
    return _plan(domain, [*before, *events])[0]


@pytest.mark.parametrize("text", [
    "its all red around it and kinda puffy and warm",
    "its red and kinda hot",
    "a little blister and it stings",
    "esta roja y me arde",
])
def test_redness_around_a_burn_with_no_serious_sign_gets_the_self_care_reply(domain, text):
    assert _said(domain, BURN, text) == "utter_dlg_wound_burn_red_warm"
    assert _said(domain, BURN, text, raised=False) == "utter_dlg_wound_burn_red_warm"


@pytest.mark.parametrize("text", [
    "its red and the middle is white",
    "its red and bigger than my hand",
    "red and puffy but i feel faint and cold",
    "its red but i cant feel it",
    "red on my whole forearm",
    "its on my face and red",
    "red and warm, it was bleach",
    "red and swollen and theres pus and a fever",
    "roja y blanca en el centro",
])
def test_a_serious_sign_with_the_redness_keeps_the_emergency_reply(domain, text):
    assert _said(domain, BURN, text) != "utter_dlg_wound_burn_red_warm"


def test_a_pattern_raise_is_never_overridden(domain):
    events = _user("its all red and puffy and warm", "crisis", "imminent")
    events[-1].parse_data.update({"risk_kind": "burn_severe", "entities": [{"entity": "risk", "value": "pattern"}]})
    assert _plan(domain, [*BURN, *events])[0] != "utter_dlg_wound_burn_red_warm"


def test_redness_around_a_cut_is_not_read_as_a_burn(domain):
    assert _said(domain, CUT, "its all red around it and kinda puffy and warm") != "utter_dlg_wound_burn_red_warm"


def test_the_red_warm_reply_keeps_the_911_signs_and_what_to_watch_for(domain):
    text = domain.responses["utter_dlg_wound_burn_red_warm"][0]["text"]
    assert "911" in text and "charred" in text and "fever" in text and "20 minutes" in text


# Session 25's second new-user run (this session): wanting to stop with a side effect got the side-effects reply without
# what to know before stopping; "can i just skip a few days" got the not-eating reply; "ok ill call the pharmacy" got
# "didn't follow".
@pytest.mark.parametrize("text", [
    "i wanna stop my zoloft, it makes me feel like a zombie",
    "thinking about quitting my lexapro, the side effects suck",
    "quiero dejar la sertralina, me deja como zombi",
])
def test_wanting_to_stop_with_a_side_effect_gets_the_reply_that_says_what_to_know_first(domain, text):
    assert _plan(domain, _user(text, "medication"))[0] == "utter_dlg_medication_side_effect_stop"


def test_the_side_effect_stop_reply_says_to_ask_before_stopping_and_names_seizures(domain):
    text = domain.responses["utter_dlg_medication_side_effect_stop"][0]["text"]
    assert "prescriber or pharmacist" in text and "seizures" in text and "Side effects" in text


MEDS = [*_user("my psych doc doesnt listen when i say the side effects are bad", "medication_second_opinion"),
        ActionExecuted("utter_medication_second_opinion")]


@pytest.mark.parametrize("text, intent", [
    ("can i just skip a few days and see how i feel", "eating_low_intake"),
    ("what if i take a break from them for a week", "nlu_fallback"),
    ("puedo dejarla unos días", "nlu_fallback"),
])
def test_a_break_from_the_medicine_in_the_medication_talk_is_stopping(domain, text, intent):
    assert _plan(domain, [*MEDS, *_user(text, intent)])[0] == "utter_medication_stopping"


def test_skipping_meals_outside_the_medication_talk_is_not_read_as_stopping_a_medicine(domain):
    assert _plan(domain, _user("i keep skipping meals for a few days at a time", "eating_low_intake"))[0] != (
        "utter_medication_stopping"
    )


@pytest.mark.parametrize(
    "text", ["ok ill call the pharmacy", "i'll ask my pharmacist tomorrow", "voy a llamar a la farmacia"]
)
def test_saying_they_will_ask_a_pharmacist_is_met_with_a_good_plan(domain, text):
    assert _plan(domain, [*MEDS, *_user(text, "nlu_fallback")])[0] == "utter_dlg_medication_will_ask"


def test_after_an_extra_dose_calling_the_pharmacy_keeps_the_911_signs(domain):
    extra = [*_user("i think i took my meds twice today", "medication_extra_dose"),
             ActionExecuted("utter_medication_extra_dose")]
    assert _plan(domain, [*extra, *_user("ok ill call the pharmacy", "nlu_fallback")])[0] == (
        "utter_dlg_medication_will_call"
    )


# This session's new-user run: "idk i just dont want to" after the not-eating dizziness reply got the direct question
# (the level net alone read a risk signal).
EATING = [*_user("i havent eaten much this week and i keep getting dizzy when i stand up", "eating_low_intake"),
          ActionExecuted("utter_eating_dizzy")]


def _level_net_signal(text, intent="nlu_fallback"):
    events = _user(text, intent, "signal")
    events[-1].parse_data["entities"] = [{"entity": "risk", "value": LEVEL_NET_CATEGORY}]
    return events


@pytest.mark.parametrize("text", ["idk i just dont want to", "i dont wanna", "no quiero comer"])
def test_not_wanting_to_in_the_eating_talk_is_met_without_the_direct_question(domain, text):
    assert _plan(domain, [*EATING, *_level_net_signal(text)])[0] == "utter_dlg_eating_dont_want"


def test_the_dont_want_reply_never_says_just_eat_and_leaves_room_for_more(domain):
    text = domain.responses["utter_dlg_eating_dont_want"][0]["text"]
    assert "not going to tell you to just eat" in text and "not wanting to be here" in text


@pytest.mark.parametrize("text", ["i dont want to be here anymore", "i dont want to live"])
def test_not_wanting_to_live_in_the_eating_talk_is_left_to_the_crisis_policy(domain, text):
    events = _user(text, "crisis", "ideation")
    assert _plan(domain, [*EATING, *events])[0] != "utter_dlg_eating_dont_want"


# This session's new-user run: asking for a person again at the staff offer got the whole contact block word for word
# three times, and "is it 24/7?" got the urge flow's "wait 15 minutes".
CONTACT = [*_user("can i talk to a real person", "contact_human"), ActionExecuted("action_contact_handoff"),
           ActionExecuted("utter_contact_ask_consent")]


@pytest.mark.parametrize("text", ["like someone from the program not a bot", "i want a human not a chatbot"])
def test_asking_again_for_a_person_gets_a_short_answer_and_the_offer_not_the_block_again(domain, text):
    assert _plan(domain, [*CONTACT, *_user(text, "contact_human")])[0] == "utter_dlg_contact_again"


def test_the_offer_follows_the_short_answer(domain):
    events = [*CONTACT, *_user("someone real pls", "contact_human"), ActionExecuted("utter_dlg_contact_again")]
    assert _plan(domain, events)[0] == "utter_contact_ask_consent"


@pytest.mark.parametrize(
    "text, intent", [("ok how do i contact them", "contact_human"), ("whats their email", "out_of_scope")]
)
def test_asking_how_to_reach_them_still_gets_the_address(domain, text, intent):
    assert _plan(domain, [*CONTACT, *_user(text, intent)])[0] == "action_contact_handoff"


@pytest.mark.parametrize("text", ["is it 24/7?", "are they available on weekends", "what are their hours"])
def test_asking_about_staff_hours_at_the_offer_says_not_24_7_and_988_is(domain, text):
    assert _plan(domain, [*CONTACT, *_user(text, "urge_delay")])[0] == "utter_dlg_contact_late_hour"


# This session's new-user run: a parent's "tengo miedo que sea algo peor" got "not every idea works every time".
HELPER = [
    *_user("my daughter has been cutting her arms", "helping_disclosure"),
    ActionExecuted("utter_helping_disclosure"),
]


@pytest.mark.parametrize("text", [
    "tengo miedo que sea algo peor",
    "im scared its something worse",
    "what if shes suicidal",
    "y si está pensando en matarse",
])
def test_a_helpers_fear_of_something_worse_is_met_with_asking_directly_and_988(domain, text):
    assert _plan(domain, [*HELPER, *_user(text, "nlu_fallback")])[0] == "utter_dlg_helping_fear_worse"


def test_the_fear_reply_says_to_ask_directly_and_gives_988_and_911(domain):
    text = domain.responses["utter_dlg_helping_fear_worse"][0]["text"]
    assert "Asking doesn't put the idea in their head" in text and "988" in text and "911" in text


def test_a_fear_of_something_worse_outside_the_helper_talk_is_not_the_helper_reply(domain):
    assert _plan(domain, _user("im scared its something worse", "nlu_fallback"))[0] != "utter_dlg_helping_fear_worse"


# This session's new-user run: "no lol i'm fine i just needed to vent" after the feelings reply got that reply again.
FEELINGS = [*_user("ugh this job is killing me", "share_feelings"), ActionExecuted("utter_share_feelings")]


@pytest.mark.parametrize("text, intent", [
    ("no lol i'm fine i just needed to vent", "share_feelings"),
    ("sorry for the rant", "nlu_fallback"),
    ("solo necesitaba desahogarme", "nlu_fallback"),
])
def test_venting_is_heard_with_no_numbers(domain, text, intent):
    assert _plan(domain, [*FEELINGS, *_user(text, intent)])[0] == "utter_dlg_vent"
    assert "988" not in domain.responses["utter_dlg_vent"][0]["text"]


def test_a_risk_message_that_mentions_venting_is_still_the_crisis_policys(domain):
    events = _user("i just need to vent, i want to die", "crisis", "ideation")
    assert _plan(domain, [*FEELINGS, *events])[0] != "utter_dlg_vent"


# This session's new-user run: "what about my school counselor" after the privacy answer, and "no fever i dont think"
# after the infection signs, got "didn't catch that".
PRIVACY = [*_user("if i tell you stuff will you tell my parents", "privacy_reporting"),
           ActionExecuted("utter_privacy_reporting")]
INFECTION = [*_user("how do i know if its infected", "wound_infection"), ActionExecuted("utter_wound_infection")]


@pytest.mark.parametrize(
    "text", ["what about my school counselor", "would you tell my teacher", "y qué pasa con mi consejera"]
)
def test_asking_about_school_staff_after_the_privacy_answer_gets_what_they_must_report(domain, text):
    assert _plan(domain, [*PRIVACY, *_user(text, "nlu_fallback")])[0] == "utter_dlg_privacy_school_staff"


def test_the_school_staff_reply_says_the_bot_tells_no_one_and_names_dcf(domain):
    text = domain.responses["utter_dlg_privacy_school_staff"][0]["text"]
    assert "on my own" in text and "DCF" in text and "under 18" in text


@pytest.mark.parametrize("text, intent", [("no fever i dont think", "deny"), ("no tengo fiebre", "nlu_fallback")])
def test_no_fever_after_the_infection_signs_still_says_when_to_see_a_doctor(domain, text, intent):
    assert _plan(domain, [*INFECTION, *_user(text, intent)])[0] == "utter_dlg_wound_no_fever"
    assert "doctor" in domain.responses["utter_dlg_wound_no_fever"][0]["text"]


# This session's new-user run: "hes 16. he says hes fine" after the helper's eating reply got the suicide question to
# ask.
HELPER_EATING = [*_user("im worried about my son hes been throwing up after meals", "helping_eating"),
                 ActionExecuted("utter_helping_eating")]


def test_they_say_theyre_fine_about_eating_gets_the_eating_reply_not_the_suicide_question(domain):
    action = _plan(domain, [*HELPER_EATING, *_user("shes 15, she says shes fine", "helping_says_fine")])[0]
    assert action == "utter_dlg_helping_eating_says_fine"
    text = domain.responses[action][0]["text"]
    assert "thoughts of ending your life" not in text and "doctor" in text and "911" in text


def test_they_say_theyre_fine_about_self_harm_keeps_the_says_fine_reply(domain):
    assert _plan(domain, [*HELPER, *_user("he says hes fine", "helping_says_fine")])[0] != (
        "utter_dlg_helping_eating_says_fine"
    )


# This session's replay of the new-user run: "what do i even ask him" after the side-effect-and-stopping reply got
# "didn't follow"; "idk its just too much in my head, i need it to stop" at the urge options got the reply for stopping
# a medicine.
def test_what_to_ask_after_the_side_effect_stop_reply_gets_the_questions(domain):
    events = [*_user("i wanna stop my zoloft, it makes me feel like a zombie", "medication"),
              ActionExecuted("utter_dlg_medication_side_effect_stop"), *_user("what do i even ask him", "nlu_fallback")]
    assert _plan(domain, events)[0] == "utter_medication_questions"


URGE = [*_user("i really want to cut tonight like bad", "self_harm_urge"), ActionExecuted("utter_urge_acknowledge"),
        ActionExecuted("utter_urge_options")]


@pytest.mark.parametrize("text", [
    "idk its just too much in my head, i need it to stop",
    "theres so much noise in my head and i want it to stop",
])
def test_too_much_in_my_head_at_the_urge_options_is_what_the_urge_does(domain, text):
    action, events = _plan(domain, [*URGE, *_user(text, "medication_stopping")])
    assert action == "action_coping_function"


def test_what_can_i_do_instead_after_the_ideas_for_a_need_gets_more_of_them(domain):
    events = [*_user("like numb all the time. sometimes i hurt myself just to feel something", "coping_function"),
              ActionExecuted("action_coping_function"), SlotSet("urge_function", "numb"),
              *_user("ok what can i do instead", "coping_alternatives")]
    assert _plan(domain, events)[0] == "utter_coping_more_numb"


@pytest.mark.parametrize("text, intent, picked", [
    ("my sertraline makes me feel kinda flat n empty all day", "share_feelings", True),
    ("these meds leave me so tired i sleep all day", "nlu_fallback", True),
    ("my boyfriend makes me feel so empty", "share_feelings", False),
    ("weed makes me feel numb", "share_feelings", False),
])
def test_a_side_effect_the_classifier_read_as_feelings_counts_when_a_medicine_is_named(domain, text, intent, picked):
    assert (_plan(domain, _user(text, intent))[0] == "utter_medication_reason") is picked


@pytest.mark.parametrize(
    "text", ["what could i do instead of cutting", "what can i do instead", "que puedo hacer en vez de eso"]
)
def test_asking_what_to_do_instead_as_a_first_message_is_left_to_the_coping_flow(domain, text):
    """The CI rehearsal of this session: as a first message it got "That's all the ideas I have on this one"."""
    action = _plan(domain, _user(text, "coping_alternatives"))[0]
    assert action is None or not action.startswith(("utter_dlg_more", "utter_coping_more")), action


def test_asking_what_to_do_instead_in_spanish_after_the_anger_ideas_gets_more_of_them(domain):
    events = [*_user("me corto cuando estoy muy enojada", "coping_function"), ActionExecuted("action_coping_function"),
              SlotSet("urge_function", "anger"), *_user("que puedo hacer en vez de eso", "nlu_fallback")]
    assert _plan(domain, events)[0] == "utter_coping_more_anger"
