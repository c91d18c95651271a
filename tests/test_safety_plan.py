"""Safety plan: each step in the person's words, skippable, handed back whole, then cleared."""

from __future__ import annotations

from pathlib import Path

import pytest

from actions import safety_plan
from actions.safety_plan import (
    ActionAskSafetyPlanProfessionals,
    ActionSafetyPlanDeliver,
    ValidateSafetyPlanForm,
)
from tests.form_helpers import domain, run, said, slot_events, tracker

ROOT = Path(__file__).resolve().parent.parent
FORM = "safety_plan_form"
STEPS = domain()["forms"][FORM]["required_slots"]
ANSWERS = {
    "safety_plan_warning_signs": "can't sleep, pulling away from Mia",
    "safety_plan_coping": "loud music, a hot shower",
    "safety_plan_distractions": "the library on Elm St",
    "safety_plan_people": "my sister Jo, 860-555-0100",
    "safety_plan_professionals": "Dr. Ortiz at the clinic",
    "safety_plan_environment": "ask my roommate to hold onto things",
    "safety_plan_reason": "my cat Biscuit",
}


def answer(slot: str, text: str, intent: str = "nlu_fallback", slots=None, confidence: float = 1.0):
    return run(ValidateSafetyPlanForm(),
               tracker(text, intent, confidence, slots=slots, requested_slot=slot, form=FORM))


def deliver(slots, text: str = "my cat Biscuit", intent: str = "nlu_fallback"):
    return run(ActionSafetyPlanDeliver(), tracker(text, intent, slots=slots))


def test_the_form_asks_the_seven_stanley_brown_steps_in_order():
    assert STEPS == list(ANSWERS)
    assert safety_plan.steps() == STEPS, "plan headings must follow the form's order"


def test_a_crisis_message_is_never_taken_as_a_plan_answer():
    slots = domain()["slots"]
    for name in STEPS:
        (mapping,) = slots[name]["mappings"]
        assert "crisis" in mapping["not_intent"]
        assert mapping["conditions"] == [{"active_loop": FORM, "requested_slot": name}]


@pytest.mark.parametrize("slot", STEPS)
def test_every_question_offers_examples_and_a_skip(slot):
    responses = domain()["responses"]
    if slot == "safety_plan_professionals":
        messages, _ = run(ActionAskSafetyPlanProfessionals(), tracker())
        text, buttons = said(messages), messages[0]["buttons"]
    else:
        (question,) = responses[f"utter_ask_{slot}"]
        text, buttons = question["text"], question["buttons"]
    assert "skip" in text.lower() or "Skip" in [b["title"] for b in buttons]
    assert {"title": "Skip", "payload": "skip"} in buttons
    if slot != "safety_plan_professionals":
        assert "For example" in text


def test_the_space_step_asks_generically_and_never_about_a_method():
    (question,) = domain()["responses"]["utter_ask_safety_plan_environment"]
    text = " ".join(question["text"].split())
    assert "Is there anything around you that you might use to hurt yourself?" in text
    assert "Could you put it away, give it to someone, or put distance between you and it for now?" in text
    for word in ("method", "how would you", "which", "pills", "blade", "knife", "rope", "gun"):
        assert word not in text.lower()


def test_step_five_is_prefilled_with_the_configured_crisis_lines():
    messages, _ = run(ActionAskSafetyPlanProfessionals(), tracker())
    text = said(messages)
    assert "988" in text and "911" in text and "1-800-467-3135" in text
    assert "clinician" in text


# "idk" (and since dlg13 "nothing", "no sé") first gets the step's examples and the skip option again
# (tests/test_form_exits.py, tests/test_dialogue_dlg13.py), then skips.
@pytest.mark.parametrize("typed", ["skip", "Skip.", "no", "none"])
def test_any_step_can_be_skipped(typed):
    _, events = answer("safety_plan_coping", typed)
    assert slot_events(events) == {"safety_plan_coping": ""}


def test_answers_are_kept_in_the_persons_own_words():
    _, events = answer("safety_plan_warning_signs", "  can't sleep, pulling away from Mia ")
    assert slot_events(events) == {"safety_plan_warning_signs": "can't sleep, pulling away from Mia"}


def test_an_answer_the_classifier_calls_cancel_is_still_an_answer():
    typed = "when i can't sleep and stop eating"
    _, events = answer("safety_plan_warning_signs", typed, "cancel", confidence=0.96)
    assert slot_events(events) == {"safety_plan_warning_signs": typed}


def test_a_very_long_answer_is_asked_again_shorter():
    messages, events = answer("safety_plan_coping", "music " * 60)
    assert slot_events(events) == {"safety_plan_coping": None}
    assert "fewer words" in said(messages)


def test_skipping_the_people_step_gets_one_gentle_nudge_then_is_accepted():
    messages, events = answer("safety_plan_people", "no one")
    assert slot_events(events) == {"safety_plan_people": None, "safety_plan_people_nudged": True}
    assert "Even one person" in said(messages) and "skipping is fine" in said(messages)

    messages, events = answer("safety_plan_people", "skip", slots={"safety_plan_people_nudged": True})
    assert slot_events(events) == {"safety_plan_people": ""}
    assert messages == []


@pytest.mark.parametrize("slot", STEPS)
def test_cancel_at_any_step_ends_the_plan_and_keeps_nothing(slot):
    before = {s: ANSWERS[s] for s in STEPS[: STEPS.index(slot)]}
    _, events = answer(slot, "cancel", "cancel", slots=before)
    cleared = slot_events(events)
    assert cleared["requested_slot"] is None
    assert all(cleared[s] is None for s in STEPS)

    messages, events = deliver({**before, **cleared}, "cancel", "cancel")
    text = said(messages)
    assert "kept none of it" in text
    for words in before.values():
        assert words not in text
    assert all(value is None for value in slot_events(events).values())


def test_clicking_another_topic_mid_plan_leaves_and_shows_the_menu():
    _, events = answer("safety_plan_coping", "/wound_care", "wound_care", slots={
        "safety_plan_warning_signs": ANSWERS["safety_plan_warning_signs"]})
    assert slot_events(events)["requested_slot"] is None
    messages, _ = deliver(slot_events(events), "/wound_care", "wound_care")
    assert messages[-1].get("response") == "utter_menu"


def test_the_plan_comes_back_with_the_persons_words_and_the_crisis_lines():
    messages, _ = deliver(ANSWERS)
    plan = said(messages[:-1])
    for heading in safety_plan.plan_text()["steps"].values():
        assert heading in plan
    for words in ANSWERS.values():
        assert words in plan
    assert "988" in plan and "911" in plan and "1-800-467-3135" in plan
    assert len(messages) == 2, "a short plan is one message, then the closing line"
    assert "someone you trust or with your clinician" in said(messages[-1:])


def test_skipped_steps_are_left_out_but_the_crisis_lines_stay():
    slots = {**{slot: "" for slot in STEPS}, "safety_plan_reason": "my cat Biscuit"}
    messages, _ = deliver(slots)
    plan = said(messages)
    assert "1. My warning signs" not in plan and "7. One reason for living\nmy cat Biscuit" in plan
    assert "5. Professionals and crisis lines" in plan and "988" in plan and "911" in plan
    assert "You skipped some steps" in plan


def test_the_plan_is_cleared_from_the_conversation_after_delivery():
    _, events = deliver({**ANSWERS, "safety_plan_people_nudged": True})
    cleared = slot_events(events)
    assert set(cleared) == {*STEPS, "safety_plan_people_nudged"}
    assert all(value is None for value in cleared.values())


def test_a_long_plan_is_split_between_steps_for_sms():
    long_answers = {slot: f"{slot} " + "word " * 55 for slot in STEPS}
    messages, _ = deliver(long_answers)
    parts = [m["text"] for m in messages[:-1]]
    assert len(parts) > 1
    assert all(len(part) <= 1500 for part in parts)
    headings = list(safety_plan.plan_text()["steps"].values())
    for part in parts[1:]:
        assert any(part.startswith(h) for h in headings), "a part must start at a step"
    for slot, words in long_answers.items():
        assert sum(words.strip() in part for part in parts) == 1, slot


def test_the_plan_is_not_written_to_any_database(tmp_path, monkeypatch):
    monkeypatch.setenv("HARMBOT_REQUESTS_DB_URL", f"sqlite:///{tmp_path / 'requests.db'}")
    monkeypatch.setenv("HARMBOT_TRACKER_DB_PATH", str(tmp_path / "conversations.db"))
    deliver(ANSWERS)
    assert list(tmp_path.iterdir()) == []
    source = (ROOT / "actions/safety_plan.py").read_text()
    assert "contact_store" not in source and "sqlalchemy" not in source


# ---- dlg11: an answer that belongs to another step lands in that step -------------------------------------------

@pytest.mark.parametrize("typed, added", [("and i stop texting people back", "i stop texting people back"),
                                          ("oh also when I skip meals", "when I skip meals"),
                                          ("Also: pacing at night", "pacing at night"),
                                          ("y también cuando no duermo", "cuando no duermo")])
def test_more_for_the_last_step_sent_after_the_bot_moved_on_goes_to_that_step_and_this_one_is_asked_again(typed,
                                                                                                          added):
    before = {"safety_plan_warning_signs": "i stop sleeping"}
    messages, events = answer("safety_plan_coping", typed, slots=before)
    assert slot_events(events) == {"safety_plan_coping": None,
                                   "safety_plan_warning_signs": f"i stop sleeping; {added}"}
    assert "added that to step 1 (my warning signs)" in said(messages)
    assert "type it again" in said(messages)


def test_more_for_a_skipped_step_fills_it():
    _, events = answer("safety_plan_people", "and the library", slots={"safety_plan_distractions": ""})
    assert slot_events(events) == {"safety_plan_people": None, "safety_plan_distractions": "the library"}


@pytest.mark.parametrize("typed", ["music and a hot shower", "anderson cooper's show", "yoga", "drawing, also music",
                                   "yelling into a pillow"])
def test_an_ordinary_answer_stays_in_this_step(typed):
    _, events = answer("safety_plan_coping", typed, slots={"safety_plan_warning_signs": "i stop sleeping"})
    assert slot_events(events) == {"safety_plan_coping": typed}


def test_the_first_step_has_no_step_before_it():
    _, events = answer("safety_plan_warning_signs", "and when i cant sleep")
    assert slot_events(events) == {"safety_plan_warning_signs": "and when i cant sleep"}


@pytest.mark.parametrize("typed", ["1. cant sleep, pulling away\n2. loud music",
                                   "1) cant sleep, pulling away 2) loud music"])
def test_two_steps_answered_in_one_message_each_land_in_their_step(typed):
    messages, events = answer("safety_plan_warning_signs", typed)
    assert slot_events(events) == {"safety_plan_warning_signs": "cant sleep, pulling away",
                                   "safety_plan_coping": "loud music"}
    assert "each answer in its own step: 1, 2" in said(messages)


def test_an_answer_naming_an_earlier_step_goes_there_and_this_step_is_asked_again():
    before = {"safety_plan_warning_signs": "i stop sleeping", "safety_plan_coping": "music"}
    messages, events = answer("safety_plan_distractions", "for step 1 - not eating", slots=before)
    assert slot_events(events) == {"safety_plan_distractions": None,
                                   "safety_plan_warning_signs": "i stop sleeping; not eating"}
    assert "1" in said(messages)


@pytest.mark.parametrize("typed", ["walk 2 blocks to the park", "call 1-800-273-8255", "my sister, 860-555-0100",
                                   "3 things: music, tea, a bath"])
def test_numbers_inside_an_answer_are_not_step_labels(typed):
    _, events = answer("safety_plan_coping", typed)
    assert slot_events(events) == {"safety_plan_coping": typed}


def test_a_numbered_answer_to_this_step_keeps_only_the_words():
    _, events = answer("safety_plan_coping", "2. long walks")
    assert slot_events(events) == {"safety_plan_coping": "long walks"}
