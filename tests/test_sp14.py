"""sp14: dead ends a tester found in the safety plan and at the staff-contact offer.

Safety plan: "what do u mean by warning signs" and "brb" were kept as the step's answer, "can i cancel" too; the
plan now explains the step, waits, or stops. At the staff offer, "now pls" got the goodbye, "how do i reach them"
and "its 2am tho" the fallback; now: staff can't reply right away (988 can), the contact again, nobody is there at
night (988 is), each with the offer again.
"""

from __future__ import annotations

import pytest

from actions import form_exit
from actions.safety_plan import ActionSafetyPlanDeliver, ValidateSafetyPlanForm, plan_text
from extensions.dialogue_policy import CONTACT_ANSWERS, answer_classes, first_action_for
from harmbot import content
from tests.form_helpers import domain, run, said, slot_events, tracker
from tests.test_dialogue_policy import _conversation, _policy

PLAN = "safety_plan_form"
STEPS = domain()["forms"][PLAN]["required_slots"]
SOME_ANSWERS = {"safety_plan_warning_signs": "i stop replying to texts", "safety_plan_coping": "long walks"}


def plan_answer(slot: str, text: str, slots=None):
    return run(ValidateSafetyPlanForm(), tracker(text, "nlu_fallback", slots=slots, requested_slot=slot, form=PLAN))


# ---- safety plan: asking what a step means ---------------------------------------------------------------------

@pytest.mark.parametrize(
    "slot, typed",
    [
        ("safety_plan_warning_signs", "wait what do u even mean by warning signs?"),
        ("safety_plan_warning_signs", "wdym"),
        ("safety_plan_environment", "sorry what do you mean by that"),
        ("safety_plan_reason", "what counts as a reason for living"),
        ("safety_plan_distractions", "like what??"),
    ],
)
def test_asking_what_a_step_means_explains_that_step_and_keeps_nothing(slot, typed):
    messages, events = plan_answer(slot, typed, slots=SOME_ANSWERS)
    assert slot_events(events) == {slot: None}, "nothing is kept; the form asks the same step again"
    assert said(messages) == str(plan_text()["explain"][slot]).strip()


def test_every_step_has_an_explanation_in_english_and_spanish():
    for language in ("en", "es"):
        assert set(plan_text(language)["explain"]) == set(STEPS)


@pytest.mark.parametrize("typed", ["brb", "one sec!", "hold on", "hang on a sec", "gimme a min", "ok wait"])
def test_asking_for_a_moment_gets_take_your_time_and_the_step_waits(typed):
    messages, events = plan_answer("safety_plan_distractions", typed, slots=SOME_ANSWERS)
    assert slot_events(events) == {"safety_plan_distractions": None}
    assert "Take your time, I'll be here" in said(messages)


@pytest.mark.parametrize(
    "typed", ["when i hold on too long i snap", "coping", "reason", "the library", "music helps me wait it out"]
)
def test_answers_that_share_those_words_are_still_answers(typed):
    _, events = plan_answer("safety_plan_coping", typed)
    assert slot_events(events) == {"safety_plan_coping": typed}


@pytest.mark.parametrize("typed", ["can i cancel", "how do i stop this", "could we cancel the plan?"])
def test_asking_to_cancel_with_nothing_written_stops_and_says_nothing_was_kept(typed):
    _, events = plan_answer("safety_plan_warning_signs", typed)
    set_now = slot_events(events)
    assert set_now["requested_slot"] is None and all(set_now[s] is None for s in STEPS)
    messages, _ = run(ActionSafetyPlanDeliver(), tracker(typed, slots=set_now))
    assert [m.get("response") for m in messages] == ["utter_form_exit_left_safety_plan_form"]
    assert "I haven't kept any of it" in domain()["responses"][messages[0]["response"]][0]["text"]


def test_asking_to_cancel_with_answers_asks_keep_or_discard_first():
    _, events = plan_answer("safety_plan_distractions", "can i cancel", slots=SOME_ANSWERS)
    set_now = slot_events(events)
    assert set_now["requested_slot"] == form_exit.CHOICE and set_now["safety_plan_distractions"] is None


@pytest.mark.parametrize("typed", ["actually wait can we go back to the plan", "no lets keep going", "continue"])
def test_going_back_to_the_plan_at_keep_or_discard_carries_on(typed):
    slots = {**SOME_ANSWERS, form_exit.FORM_EXIT: "stop"}
    messages, events = plan_answer(form_exit.CHOICE, typed, slots=slots)
    set_now = slot_events(events)
    assert set_now == {form_exit.CHOICE: None, form_exit.FORM_EXIT: None}, "not paused, not discarded"
    assert "carry on" in said(messages)


# ---- staff contact offer ----------------------------------------------------------------------------------------

HANDOFF = ("i want to talk to a human", "contact_human", ["action_contact_handoff", "utter_contact_ask_consent"])


@pytest.mark.parametrize(
    "typed, intent, reply",
    [
        ("now pls", "goodbye", "utter_dlg_contact_urgent"),
        ("asap please", "nlu_fallback", "utter_dlg_contact_urgent"),
        ("its 2am tho", "nlu_fallback", "utter_dlg_contact_late_hour"),
        ("is anyone even there at this hour", "bot_challenge", "utter_dlg_contact_late_hour"),
        ("ok how do i reach them", "nlu_fallback", "action_contact_handoff"),
        ("whats their email", "out_of_scope", "action_contact_handoff"),
    ],
)
def test_answers_at_the_staff_offer_get_their_reply_and_the_offer_again(domain, typed, intent, reply):
    plan = _policy().plan(_conversation(domain, [HANDOFF, (typed, intent, [])]), domain)
    assert plan == [reply, "utter_contact_ask_consent"]


def test_the_urgent_and_night_replies_are_honest_and_give_988_in_both_languages(domain):
    spanish = content.sentences("es")["responses"]
    for name in ("utter_dlg_contact_urgent", "utter_dlg_contact_late_hour"):
        for text in (domain.responses[name][0]["text"], spanish[name][0]["text"]):
            assert "988" in text and "911" in text
    assert "can't reply straight away" in domain.responses["utter_dlg_contact_urgent"][0]["text"]
    assert "aren't there at night" in domain.responses["utter_dlg_contact_late_hour"][0]["text"]


def test_a_night_time_message_elsewhere_is_not_read_as_about_staff(domain):
    urge = ("i kinda want to hurt myself rn", "self_harm_urge", ["utter_urge_acknowledge", "utter_urge_options"])
    plan = _policy().plan(_conversation(domain, [urge, ("its 2am tho", "nlu_fallback", [])]), domain)
    assert not set(plan) & set(CONTACT_ANSWERS.values())


def test_a_crisis_message_at_the_staff_offer_is_left_to_the_crisis_policy(domain):
    plan = _policy().plan(_conversation(domain, [HANDOFF, ("i want to die now pls", "crisis", [])]), domain)
    assert plan == []


def test_a_plain_yes_or_no_at_the_offer_is_left_to_the_rules():
    assert not set(answer_classes("yes please")) & set(CONTACT_ANSWERS)
    assert not set(answer_classes("no thanks")) & set(CONTACT_ANSWERS)


# Session 18: "still want to" at the offer got the urge reply ("Urges can stay strong…"); it is a yes to the offer.
@pytest.mark.parametrize(
    "typed, intent",
    [("still want to", "nlu_fallback"), ("yes i still want to", "self_harm_urge"),
     ("i do still want it tbh", "nlu_fallback"), ("ok i still want them to call me", "nlu_fallback"),
     ("todavía quiero", "nlu_fallback")],
)
def test_still_want_to_at_the_staff_offer_starts_the_request_like_its_yes_button(domain, typed, intent):
    plan, events = _policy().plan_with_events(_conversation(domain, [HANDOFF, (typed, intent, [])]), domain)
    # The rules' first step after "Yes, please" at the offer: the request form.
    assert plan == [first_action_for("affirm", "utter_contact_ask_consent")] == ["contact_request_form"], plan
    assert events[2].intent["name"] == "affirm", "re-read as the 'Yes, please' button, so the form's rules carry on"


def test_still_want_to_after_take_your_time_at_the_staff_offer_still_starts_the_request(domain):
    wait = ("hmm hang on", "nlu_fallback", ["utter_dlg_wait"])
    plan, _ = _policy().plan_with_events(_conversation(domain, [HANDOFF, wait, ("ok i still want that", "nlu_fallback",
                                                                              [])]), domain)
    assert plan == ["contact_request_form"], plan
    # After "hmm hang on" the bot asked which it was (the clarifying offer); "still want to" is still the yes.
    clarify = ("hmm hang on", "nlu_fallback", ["utter_dlg_clarify_contact"])
    plan, _ = _policy().plan_with_events(_conversation(domain, [HANDOFF, clarify, ("ok yeah i still want that",
                                                                                 "affirm", [])]), domain)
    assert plan == ["contact_request_form"], plan


@pytest.mark.parametrize("typed", ["i still want to cut", "still want to hurt myself", "still thinking about it",
                                   "no i still dont want to"])
def test_an_urge_or_a_no_at_the_staff_offer_is_not_read_as_still_wanting_the_request(typed):
    assert "contact_still_want" not in answer_classes(typed)
