"""Leaving the contact-request and safety-plan forms by saying so, and coming back to a kept plan."""

from __future__ import annotations

import pytest

from actions import form_exit
from actions.contact_human import (
    FORM_SLOTS,
    ActionAskContactEmail,
    ActionContactSubmit,
    ValidateContactRequestForm,
)
from actions.crisis import ActionCrisisHandoff
from actions.safety_plan import ActionSafetyPlanDeliver, ValidateSafetyPlanForm
from extensions.tracker_store import form_spans
from tests.form_helpers import domain, run, said, slot_events, tracker

PLAN = "safety_plan_form"
CONTACT = "contact_request_form"
STEPS = domain()["forms"][PLAN]["required_slots"]
ANSWERS = {step: f"my words for {step}" for step in STEPS}
FILLED = {"contact_how": "phone:+18605550123", "contact_time": "weekday mornings", "contact_note": "text first"}

STOPS = ["never mind", "Nevermind!", "nvm", "nevr mind", "forget it", "this is stupid", "ugh nvm this is dumb",
         "nah stop", "i dont wanna do this", "I don't want to do this anymore", "i'm done with this", "stop",
         "can we stop", "not now", "whatever, forget it", "I'd rather not", "nevermnd", "forgt it", "ths is stupid",
         "not rn", "gotta go", "i'd rather not talk about this", "stop asking me stuff"]
ANSWERS_THAT_LOOK_LIKE_EXITS = ["music helps me forget it all", "when I stop eating", "i get quiet and stop texting",
                                "talking to my sister about my cuts", "my sister", "no", "skip", "maybe my mum",
                                "drawing, not being alone", "done with school stress"]


def plan_answer(slot: str, text: str, slots=None, intent: str = "nlu_fallback"):
    return run(ValidateSafetyPlanForm(), tracker(text, intent, slots=slots, requested_slot=slot, form=PLAN))


def contact_answer(slot: str, text: str, slots=None, intent: str = "nlu_fallback"):
    return run(ValidateContactRequestForm(), tracker(text, intent, slots=slots, requested_slot=slot, form=CONTACT))


def before(slot: str):
    return {s: ANSWERS[s] for s in STEPS[: STEPS.index(slot)]}


def responses(messages):
    return [m.get("response") for m in messages]


def followup(events):
    return [e["name"] for e in events if e.get("event") == "followup"]


# ---- reading the message ---------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", STOPS)
def test_ways_of_saying_stop_are_read_as_leaving(typed):
    assert form_exit.read_exit(typed) == form_exit.Exit("stop")


@pytest.mark.parametrize("typed", ANSWERS_THAT_LOOK_LIKE_EXITS)
def test_answers_that_share_words_with_a_way_out_stay_answers(typed):
    assert form_exit.read_exit(typed, email_route=True) is None


@pytest.mark.parametrize("typed", ["I'd rather email", "id rather email", "can you email me instead", "just email me"])
def test_rather_email_is_the_email_route_in_the_contact_form_and_a_stop_in_the_plan(typed):
    assert form_exit.read_exit(typed, email_route=True) == form_exit.Exit("email")
    assert form_exit.read_exit(typed, email_route=False) == form_exit.Exit("stop")


@pytest.mark.parametrize("typed, topic", [
    ("can I ask about my cut instead", "wound_cut"),
    ("actually can i ask about a burn", "wound_burn"),
    ("nvm can we talk about my meds instead", "medication"),
    ("can we talk about something else", "menu"),
])
def test_a_different_question_instead_names_its_topic(typed, topic):
    assert form_exit.read_exit(typed) == form_exit.Exit("topic", topic)


@pytest.mark.parametrize("typed", ["delete my chat", "Delete this conversation.", "erase everything",
                                   "/privacy_delete"])
def test_delete_my_chat_is_read_as_deleting(typed):
    assert form_exit.read_exit(typed) == form_exit.Exit("delete")


@pytest.mark.parametrize("typed, choice", [
    ("keep", "keep"), ("Keep it", "keep"), ("yes please keep them", "keep"), ("1", "keep"),
    ("discard", "discard"), ("no", "discard"), ("nah get rid of it", "discard"), ("2", "discard"),
    ("whatever", None),
])
def test_keep_or_discard_answers(typed, choice):
    assert form_exit.read_choice(typed) == choice


# ---- the safety plan ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("slot", STEPS[1:])
@pytest.mark.parametrize("typed", ["ugh nvm this is dumb", "forget it", "I'd rather email"])
def test_leaving_the_plan_with_answers_given_asks_keep_or_discard_and_saves_nothing_new(slot, typed):
    _, events = plan_answer(slot, typed, slots=before(slot))
    set_now = slot_events(events)
    assert set_now[slot] is None  # the words are not saved as the step's answer
    assert set_now["requested_slot"] == form_exit.CHOICE
    assert not set(before(slot)) & set(set_now)  # earlier answers untouched


def test_the_keep_or_discard_question_exists_for_both_forms_with_buttons():
    responses_ = domain()["responses"]
    for form in (PLAN, CONTACT):
        question = responses_[f"utter_ask_{form}_{form_exit.CHOICE}"][0]
        assert "keep" in question["text"].lower() and "discard" in question["text"].lower()
        assert [b["payload"] for b in question["buttons"]] == ["keep", "discard"]


def test_leaving_at_the_first_step_ends_at_once_with_nothing_kept():
    _, events = plan_answer(STEPS[0], "never mind")
    set_now = slot_events(events)
    assert set_now["requested_slot"] is None and all(set_now[s] is None for s in STEPS)
    messages, events = run(ActionSafetyPlanDeliver(), tracker("never mind", slots=set_now))
    assert responses(messages) == ["utter_form_exit_left_safety_plan_form"]
    assert all(v is None for k, v in slot_events(events).items() if k in STEPS)


def test_keep_pauses_the_plan_with_its_answers():
    slots = before("safety_plan_people")
    _, events = plan_answer(form_exit.CHOICE, "keep", slots={**slots, form_exit.FORM_EXIT: "stop"})
    set_now = slot_events(events)
    assert set_now["requested_slot"] is None and set_now[form_exit.PAUSED] == PLAN
    messages, events = run(ActionSafetyPlanDeliver(), tracker("keep", slots={**slots, **set_now}))
    assert responses(messages) == ["utter_form_exit_paused_safety_plan_form"]
    assert set(slot_events(events)) == {form_exit.FORM_EXIT}  # the answers are not cleared


def test_cancel_at_the_keep_or_discard_question_keeps_nothing():
    slots = before("safety_plan_people")
    _, events = plan_answer(form_exit.CHOICE, "cancel", slots={**slots, form_exit.FORM_EXIT: "stop"})
    set_now = slot_events(events)
    assert all(set_now[s] is None for s in STEPS) and set_now["requested_slot"] is None
    assert set_now[form_exit.PAUSED] is None


def test_discard_clears_the_plan():
    slots = before("safety_plan_people")
    _, events = plan_answer(form_exit.CHOICE, "discard", slots={**slots, form_exit.FORM_EXIT: "stop"})
    set_now = slot_events(events)
    assert all(set_now[s] is None for s in STEPS) and set_now["requested_slot"] is None
    messages, events = run(ActionSafetyPlanDeliver(), tracker("discard", slots={**slots, **set_now}))
    assert "haven't kept any of it" in domain()["responses"][responses(messages)[0]][0]["text"]
    assert all(slot_events(events)[s] is None for s in STEPS)


def test_asking_about_a_cut_mid_plan_keeps_the_plan_and_answers_the_cut():
    slots = before("safety_plan_distractions")
    _, events = plan_answer("safety_plan_distractions", "can I ask about my cut instead", slots=slots)
    set_now = slot_events(events)
    assert set_now["safety_plan_distractions"] is None and set_now[form_exit.PAUSED] == PLAN
    messages, events = run(ActionSafetyPlanDeliver(), tracker("can I ask about my cut instead",
                                                                slots={**slots, **set_now}))
    assert responses(messages) == ["utter_form_exit_paused_safety_plan_form", "utter_wound_cut", "utter_wound_more"]
    assert followup(events) == []


@pytest.mark.parametrize("slot", STEPS)
def test_delete_my_chat_mid_plan_goes_to_the_deletion_question(slot):
    _, events = plan_answer(slot, "delete my chat", slots=before(slot))
    set_now = slot_events(events)
    assert all(set_now[s] is None for s in STEPS) and set_now["requested_slot"] is None
    messages, events = run(ActionSafetyPlanDeliver(), tracker("delete my chat", slots=set_now))
    assert messages == []
    assert followup(events) == ["utter_privacy_delete_confirm"]


def test_a_resumed_plan_clears_the_pause_and_start_over_clears_the_answers():
    slots = {**before("safety_plan_people"), form_exit.PAUSED: PLAN}
    _, events = plan_answer("safety_plan_people", "my brother Sam", slots=slots)
    assert slot_events(events)[form_exit.PAUSED] is None
    assert slot_events(events)["safety_plan_people"] == "my brother Sam"
    _, events = plan_answer("safety_plan_people", "start over", slots=slots)
    assert all(slot_events(events)[s] is None for s in STEPS)


def test_resuming_a_plan_by_its_button_is_no_way_out():
    slots = {**before("safety_plan_people"), form_exit.PAUSED: PLAN}
    track = tracker("/safety_plan", "safety_plan", slots=slots, form=PLAN)
    track.events.append({"event": "slot", "name": "safety_plan_warning_signs", "value": ANSWERS[STEPS[0]]})
    _, events = run(ValidateSafetyPlanForm(), track)
    set_now = slot_events(events)
    assert set_now["safety_plan_warning_signs"] == ANSWERS[STEPS[0]] and set_now[form_exit.PAUSED] is None


def test_a_crisis_mid_plan_pauses_the_plan_instead_of_emptying_it():
    slots = before("safety_plan_people")
    _, events = run(ActionCrisisHandoff(), tracker("i want to die", "crisis", slots=slots))
    set_now = slot_events(events)
    assert set_now[form_exit.PAUSED] == PLAN
    assert not any(s in set_now for s in slots)
    assert all(set_now[s] is None for s in FORM_SLOTS)


def test_a_crisis_with_no_plan_answers_keeps_nothing():
    _, events = run(ActionCrisisHandoff(), tracker("i want to die", "crisis", slots={"contact_how": "phone:+1"}))
    set_now = slot_events(events)
    assert set_now[form_exit.PAUSED] is None and set_now["contact_how"] is None
    assert all(set_now[s] is None for s in STEPS)


# ---- the contact request ------------------------------------------------------------------------------------

def test_rather_email_at_the_first_question_asks_for_an_email_address():
    _, events = contact_answer("contact_how", "I'd rather email")
    assert slot_events(events) == {"contact_how": None, "requested_slot": "contact_email"}
    messages, _ = run(ActionAskContactEmail(), tracker("I'd rather email"))
    assert "email address" in said(messages) and "katherine.mcmullan@ct.gov" in said(messages)


def test_rather_email_after_a_phone_number_swaps_the_phone_for_an_email_and_keeps_the_rest():
    slots = {"contact_how": FILLED["contact_how"], "contact_time": FILLED["contact_time"]}
    _, events = contact_answer("contact_note", "id rather email", slots=slots)
    set_now = slot_events(events)
    assert set_now["contact_how"] is None and set_now["requested_slot"] == "contact_email"
    assert "contact_time" not in set_now
    _, events = contact_answer("contact_email", "sam@example.org", slots={**slots, **set_now})
    assert slot_events(events) == {"contact_how": "email:sam@example.org", "contact_email": None}


def test_a_typo_for_an_email_is_asked_again():
    messages, events = contact_answer("contact_email", "sam at example")
    assert slot_events(events) == {"contact_email": None, "requested_slot": "contact_email"}
    assert "doesn't look like an email" in said(messages)


@pytest.mark.parametrize("slot", ["contact_time", "contact_note", "contact_confirm"])
def test_never_mind_after_contact_details_asks_keep_or_discard(slot):
    slots = {s: FILLED[s] for s in FORM_SLOTS[: FORM_SLOTS.index(slot)]}
    _, events = contact_answer(slot, "never mind", slots=slots)
    assert slot_events(events)["requested_slot"] == form_exit.CHOICE


@pytest.mark.parametrize("slot", list(FORM_SLOTS))
def test_delete_my_chat_mid_request_goes_to_the_deletion_question(slot):
    slots = {s: FILLED[s] for s in FORM_SLOTS[: FORM_SLOTS.index(slot)] if s in FILLED}
    _, events = contact_answer(slot, "delete my chat", slots=slots)
    set_now = slot_events(events)
    assert all(set_now[s] is None for s in FORM_SLOTS)
    messages, events = run(ActionContactSubmit(), tracker("delete my chat", slots=set_now))
    assert followup(events) == ["utter_privacy_delete_confirm"]
    assert "sent" not in said(messages)


def test_keeping_a_contact_request_sends_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("HARMBOT_REQUESTS_DB_URL", f"sqlite:///{tmp_path / 'requests.db'}")
    slots = {"contact_how": FILLED["contact_how"], form_exit.PAUSED: CONTACT, form_exit.FORM_EXIT: "pause"}
    messages, events = run(ActionContactSubmit(), tracker("keep", slots=slots))
    assert responses(messages) == ["utter_form_exit_paused_contact_request_form"]
    assert "contact_how" not in slot_events(events)
    from harmbot.storage import contact_store
    assert contact_store.store().all() == []


# ---- what is kept in the stored conversation ----------------------------------------------------------------

def _run_of(form: str, *middle):
    return [{"event": "active_loop", "name": form}, *middle]


def test_a_paused_plan_is_not_removed_from_the_record_until_it_ends():
    listen = {"event": "action", "name": "action_listen"}
    paused = [*_run_of(PLAN, {"event": "slot", "name": "safety_plan_coping", "value": "music"}),
              {"event": "slot", "name": "form_paused", "value": PLAN}, {"event": "active_loop", "name": None}, listen]
    assert list(form_spans(paused, PLAN)) == []
    meanwhile = [{"event": "user", "text": "thanks, that helped"}, listen]
    resumed = [*paused, *meanwhile, {"event": "active_loop", "name": PLAN},
               {"event": "slot", "name": "form_paused", "value": None}, {"event": "active_loop", "name": None}, listen]
    # both stretches of the plan, not what was said while it was paused
    assert list(form_spans(resumed, PLAN)) == [(0, 4), (7, len(resumed) - 1)]
    assert list(form_spans([*paused, {"event": "session_started"}], PLAN)) == [(0, 4)]
    let_go = [*paused, {"event": "slot", "name": "form_paused", "value": None}]
    assert list(form_spans(let_go, PLAN)) == [(0, 4)]


# ---- Messages that answer no step of the plan (issue 10 follow-up) -----------------------------------

# ("what do you mean" gets the step explained since sp14: tests/test_sp14.py)
@pytest.mark.parametrize("typed", ["ok", "more", "k", "what?", "huh", "Okay.", "um ok"])
def test_a_filler_mid_plan_is_not_saved_and_the_step_is_asked_again(typed):
    slot = STEPS[1]
    messages, events = plan_answer(slot, typed, slots=before(slot))
    assert slot_events(events).get(slot) is None
    assert [m.get("text") for m in messages] == [form_exit.say_exit("not_an_answer_reply")]


@pytest.mark.parametrize("typed", ["idk", "i dont know", "no idea tbh"])
def test_idk_mid_plan_gets_the_examples_and_the_skip_option_once_then_skips(typed):
    slot = STEPS[0]
    messages, events = plan_answer(slot, typed)
    assert slot_events(events).get(slot) is None
    assert "skip" in messages[0]["text"]
    track = tracker(typed, requested_slot=slot, form=PLAN)
    track.events[:0] = [{"event": "user", "text": "safety plan"}, {"event": "action", "name": "safety_plan_form"},
                        {"event": "bot", "text": form_exit.say_exit("unsure_reply")},
                        {"event": "action", "name": "action_listen"}]
    messages, events = run(ValidateSafetyPlanForm(), track)
    assert slot_events(events).get(slot) == "" and not messages


@pytest.mark.parametrize("typed", ["okay, music and a hot shower", "more time with my dog", "what helps is drawing"])
def test_an_answer_that_starts_like_a_filler_is_saved(typed):
    slot = STEPS[1]
    _, events = plan_answer(slot, typed, slots=before(slot))
    assert slot_events(events)[slot] == typed


def test_a_risk_signal_that_got_the_check_question_is_not_saved():
    slot = STEPS[2]
    track = tracker("honestly nothing will ever get better", requested_slot=slot, slots=before(slot), form=PLAN)
    track.events.insert(1, {"event": "action", "name": "utter_risk_check"})
    messages, events = run(ValidateSafetyPlanForm(), track)
    assert slot_events(events).get(slot) is None and not messages


def test_the_answer_to_the_check_question_is_not_saved_and_the_same_step_comes_back():
    slot = STEPS[2]
    track = tracker("/deny", intent="deny", requested_slot=slot, slots=before(slot), form=PLAN)
    track.events[:0] = [{"event": "user", "text": "honestly nothing will ever get better"},
                        {"event": "action", "name": "utter_risk_check"}, {"event": "action", "name": "action_listen"}]
    messages, events = run(ValidateSafetyPlanForm(), track)
    assert slot_events(events).get(slot) is None
    assert [m.get("text") for m in messages] == [form_exit.say_exit("after_check_reply")]


def test_yes_to_the_check_question_mid_plan_is_not_kept_as_the_step_answer():
    slots = before("safety_plan_people")
    track = tracker("yes", "affirm", slots=slots, requested_slot="safety_plan_people", form=PLAN)
    _, events = run(ActionCrisisHandoff(), track)
    set_now = slot_events(events)
    assert set_now[form_exit.PAUSED] == PLAN and set_now["safety_plan_people"] is None
    assert not any(s in set_now for s in slots)
