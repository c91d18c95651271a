"""Conversation gaps a tester found talking to the bot as real people (run 10), read by
extensions/dialogue_policy.py without servers. Each test failed on the code before the fix."""

from __future__ import annotations

import pytest

from extensions.dialogue_policy import answer_classes
from tests.test_dialogue_policy import CRISIS_REPLY, _conversation, _policy, _said, _with_message

OVERDOSE = (
    "took a whole bottle of my sleep meds about an hour back",
    "crisis",
    ["utter_emergency_overdose", "action_crisis_handoff", "utter_crisis_options"],
)


def _plan(domain, turns, text, intent="nlu_fallback", level="none", confidence=0.9):
    tracker = _with_message(_conversation(domain, turns), text, intent, confidence, level=level)
    return _policy().plan(tracker, domain)


# ---- 1. after an overdose reply ------------------------------------------------------------------------------


@pytest.mark.parametrize("intent, level", [("nlu_fallback", "none"), ("risk_check", "signal")])
@pytest.mark.parametrize("text", ["umm i feel sorta floaty now", "im getting kinda woozy", "feeling pretty dizzy tbh"])
def test_feeling_floaty_after_an_overdose_reply_is_the_pills_acting_call_now(domain, text, intent, level):
    """Run 10: "idk i feel kinda floaty" got the general suicide check question."""
    plan = _plan(domain, [OVERDOSE], text, intent, level)
    assert plan == ["utter_dlg_overdose_feeling_effects"], plan
    said = _said(domain, plan[0])
    assert "pills" in said and "911" in said and "1-800-222-1222" in said and "someone with you" in said


@pytest.mark.parametrize("text", ["cant i just sleep this off", "can i just go to sleep", "ill just sleep it off"])
def test_asking_to_sleep_it_off_after_an_overdose_reply_gets_a_clear_no_and_call_now(domain, text):
    """Run 10: "can i just sleep it off" got "Have you been able to call...?"."""
    plan = _plan(domain, [OVERDOSE], text)
    assert plan == ["utter_dlg_overdose_sleep_it_off"], plan
    said = _said(domain, plan[0])
    assert said.startswith("Please don't sleep it off") and "911" in said and "1-800-222-1222" in said


@pytest.mark.parametrize("intent", ["contact_human", "nlu_fallback"])
@pytest.mark.parametrize(
    "text", ["fine i guess ill call poison help", "ok ill call poison control now", "gonna call them"]
)
def test_saying_they_will_call_poison_help_gets_encouragement_and_the_number_not_staff_email(domain, text, intent):
    """Run 10: "ok maybe ill call poison control" got the program staff's email (contact request)."""
    plan = _plan(domain, [OVERDOSE], text, intent)
    assert plan == ["utter_dlg_overdose_will_call"], plan
    said = _said(domain, plan[0])
    assert "1-800-222-1222" in said and "tell me when you've called" in said and "@" not in said


def test_yes_to_can_you_call_now_after_the_floaty_reply_is_having_called(domain):
    floaty = ("i feel sorta floaty", "nlu_fallback", ["utter_dlg_overdose_feeling_effects"])
    assert _plan(domain, [OVERDOSE, floaty], "yes", "affirm") == ["utter_dlg_emergency_called"]


# ---- 2. a call to 988 that didn't help -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, intent, level",
    [
        ("called 988 last night and honestly it didnt help", "nlu_fallback", "none"),
        ("i tried the 988 line already, didnt do anything", "risk_check", "signal"),
        ("ya hable al 988 y no me ayudo", "nlu_fallback", "none"),
        ("is there anything other than 988", "out_of_scope", "none"),
    ],
)
def test_a_988_call_that_didnt_help_gets_other_routes_and_are_you_safe(domain, text, intent, level):
    """Run 10: "i already called 988 earlier and it didnt help at all" got "Thank you for doing that ... unlock the
    door while you wait" (nobody is coming)."""
    for before in ([], [CRISIS_REPLY]):
        plan = _plan(domain, before, text, intent, level)
        assert plan == ["utter_dlg_crisis_line_didnt_help"], (before, plan)
    said = _said(domain, plan[0])
    assert "741741" in said and "988lifeline.org/chat" in said and "warmline" in said
    assert "Are you safe right now?" in said and "unlock the door" not in said


def test_yes_to_are_you_safe_after_the_other_routes_ends_the_follow_up(domain):
    other = ("988 was useless when i called", "nlu_fallback", ["utter_dlg_crisis_line_didnt_help"])
    plan = _plan(domain, [other], "yes", "affirm")
    assert len(plan) == 1 and plan[0].endswith("_safe_now"), plan


def test_a_988_call_that_didnt_help_after_an_overdose_still_needs_medical_help(domain):
    plan = _plan(domain, [OVERDOSE], "already called 988 and they were no help")
    assert plan == ["utter_dlg_emergency_line_didnt_help"], plan
    assert "1-800-222-1222" in _said(domain, plan[0]) and "741741" in _said(domain, plan[0])


# ---- 3. answers to the crisis follow-up's own questions ------------------------------------------------------


HOLDING = [("i dunno", "not_sure", ["utter_dlg_crisis_check"]), ("hmm", "nlu_fallback", ["utter_dlg_crisis_still"])]


@pytest.mark.parametrize("text", ["school, my dad, everything honestly", "my sister. she found out about the money"])
def test_an_answer_to_what_feels_hardest_is_reflected_and_moves_on_not_asked_again(domain, text):
    """Run 10: after a crisis reply the bot alternated "What feels hardest right now?" and "tell me a little more"
    whatever was said."""
    turns = [CRISIS_REPLY, *HOLDING]
    plan = _plan(domain, turns, text)
    assert plan == ["utter_dlg_crisis_heard"], plan
    said = _said(domain, plan[0])
    assert "Thank you for telling me" in said and "safe tonight" in said and "hardest" not in said
    second = _plan(domain, [*turns, (text, "nlu_fallback", plan)], "and my friends dont get it either")
    assert second == ["utter_dlg_crisis_heard_again"], second


@pytest.mark.parametrize("level", ["none", "ideation"])
def test_not_wanting_to_die_just_wanting_it_to_stop_being_so_much_is_acknowledged(domain, level):
    intent = "crisis" if level == "ideation" else "nlu_fallback"
    tracker = _with_message(
        _conversation(domain, [CRISIS_REPLY]),
        "i dont want to die or whatever i just want it all to stop being so much",
        intent,
        0.9,
        level=level,
    )
    plan = _policy().plan(tracker, domain)
    assert plan == ["utter_dlg_crisis_overwhelmed"], plan
    said = _said(domain, plan[0])
    assert "so much" in said and "988" in said


def test_what_do_i_do_about_my_mom_after_im_safe_is_thought_through_not_a_wound_question(domain):
    """Run 10: after "im safe", "ok so what do i do about my mom" got "Is it about the wound?"."""
    safe = ("im safe", "nlu_fallback", ["utter_dlg_crisis_safe_now"])
    tracker = _with_message(
        _conversation(domain, [CRISIS_REPLY, safe]),
        "ok so what should i do about my dad",
        "nlu_fallback",
        0.4,
        ranking=[("wound_infection", 0.2)],
    )
    plan = _policy().plan(tracker, domain)
    assert plan == ["utter_dlg_what_about"], plan
    assert "wound" not in _said(domain, plan[0]).lower()


# ---- 5. urges --------------------------------------------------------------------------------------------------


def test_wanting_to_do_it_again_after_wound_care_starts_the_urge_flow(domain):
    wound = ("how do i clean a cut", "wound_cut", ["utter_wound_cut_care", "utter_wound_more"])
    plan = _plan(domain, [wound], "ok ty. tbh i kinda wanna do it again right now", "thank", confidence=0.6)
    assert plan and plan[0] == "utter_urge_acknowledge", plan


@pytest.mark.parametrize("intent", ["nlu_fallback", "self_harm_urge"])
@pytest.mark.parametrize(
    "after", [["utter_urge_delay", "utter_urge_next"], ["utter_urge_grounding", "utter_urge_next"]]
)
def test_still_wanting_to_but_less_after_the_delay_is_glad_it_eased_and_another_round(domain, intent, after):
    delay = ("wait 15 minutes", "urge_delay", after)
    plan = _plan(domain, [delay], "ok did it. still sorta want to but a bit less", intent)
    assert plan == ["utter_dlg_urge_eased"], plan
    said = _said(domain, plan[0])
    assert "glad it eased" in said and "another 15 minutes" in said


def test_the_new_classes_read_the_testers_words():
    assert "feeling_effects" in answer_classes("idk i feel kinda floaty")
    assert "sleep_it_off" in answer_classes("can i just sleep it off")
    assert "will_call" in answer_classes("ok maybe ill call poison control")
    assert "will_call" not in answer_classes("i wont call poison control")
    assert "line_didnt_help" in answer_classes("ya llame al 988 y no sirvio")


# ---- 4. wound care ---------------------------------------------------------------------------------------------

BLEEDING = ("my cut is bleeding a lot", "crisis", ["utter_emergency_bleeding", "action_crisis_handoff"])


def test_red_and_warm_but_not_bleeding_after_a_bleeding_reply_gets_the_infection_signs(domain):
    """Run 10: "its not bleeding its like red and warm. is it infected??" got "I'm glad it has slowed"."""
    plan = _plan(domain, [BLEEDING], "it stopped bleeding but now its all red and hot, is that infection")
    assert plan == ["utter_dlg_bleeding_infection_signs"], plan
    said = _said(domain, plan[0])
    assert "infection" in said and "urgent care" in said and "fever" in said and "glad it has slowed" not in said


@pytest.mark.parametrize("text, intent", [("ok", "affirm"), ("yes please", "affirm"), ("okay", "nlu_fallback")])
def test_ok_to_the_offer_of_cleaning_and_covering_steps_gives_those_steps(domain, text, intent):
    """Run 10: "ok" to "Would you like the next steps for cleaning and covering it?" asked the question again."""
    slowed = ("its slowing down now", "nlu_fallback", ["utter_dlg_bleeding_bleeding_stopped"])
    plan = _plan(domain, [BLEEDING, slowed], text, intent)
    assert plan and plan[0] == "utter_wound_cut", plan


@pytest.mark.parametrize("text", ["can i put an ice pack on it", "what about ice", "should i use ice cubes"])
def test_asking_about_ice_in_the_wound_flow_gets_no_ice_cool_water(domain, text):
    """Run 10: "should i put ice on it" after burn care got the triage question."""
    burn = ("how do i look after a burn", "wound_burn", ["utter_wound_burn", "utter_wound_more"])
    plan = _plan(domain, [burn], text, "wound_care", confidence=0.95)
    assert plan == ["utter_dlg_wound_ice_question"], plan
    said = _said(domain, plan[0])
    assert said.startswith("No ice") and "cool running water for 20 minutes" in said


@pytest.mark.parametrize("text", ["its about the size of a quarter", "pretty small tbh", "like a fingernail"])
def test_a_size_answer_to_how_bad_is_it_gets_the_care_steps(domain, text):
    """Run 10: "its like the size of a coin" answering "how bad is it?" was out of scope."""
    burn = ("i burnt my arm with a lighter", "wound_care", ["utter_wound_ask"])
    plan = _plan(domain, [burn], text, "out_of_scope", confidence=0.5)
    assert plan and plan[0] == "utter_wound_burn", plan
    cut = ("i cut my leg", "wound_care", ["utter_wound_ask"])
    plan = _plan(domain, [cut], text, "out_of_scope", confidence=0.5)
    assert plan and plan[0] == "utter_wound_cut", plan


def test_asking_about_ice_after_the_emergency_burn_reply_gets_no_ice_not_the_triage_question(domain):
    """Run 10: after the burn reply "should i put ice on it" got the wound flow's triage question."""
    burn = (
        "burnt my arm on purpose w a lighter",
        "crisis",
        ["utter_emergency_burn_severe", "action_crisis_handoff", "utter_crisis_options"],
    )
    plan = _plan(domain, [burn], "should i hold some ice on it", "wound_care", confidence=0.3)
    assert plan == ["utter_dlg_emergency_ice_question"], plan
    said = _said(domain, plan[0])
    assert said.startswith("No ice") and "911" in said


@pytest.mark.parametrize("text", ["ugh", "just tired maybe"])
def test_a_sound_or_a_hedge_after_the_holding_question_is_not_taken_for_an_answer(domain, text):
    plan = _plan(domain, [CRISIS_REPLY, *HOLDING], text)
    assert plan and plan[0] != "utter_dlg_crisis_heard", plan
