"""Session 16: free-text follow-ups in the medication flow are read there (extensions/dialogue_policy.py
`MEDICATION_FOLLOW_UPS`, answer classes `med_*` in resources/dialogue.yml; without servers).

Found by a talk check: after the medication intro, "i stopped taking my lexapro like a week ago" got the same intro
again, "im getting these weird zaps in my head" got "Sorry, I didn't follow that", "should i just start again" the
menu; "my psychiatrist upped my dose and i feel worse" was taken for a coping reaction, and "what should i say to her"
then got the helper flow's self-harm tips. The inputs here are other words than the talk check's and the NLU data's.
"""

from __future__ import annotations

import pytest
import yaml

from tests.test_contact_human import ROOT
from tests.test_dialogue_policy import _conversation, _policy, _with_message

INTRO = [("can we talk about my medication", "medication", ["utter_medication_intro", "utter_medication_ask_reason"])]
WITHDRAWAL = INTRO + [
    (
        "been dizzy ever since i came off it",
        "medication_withdrawal",
        ["utter_medication_withdrawal", "utter_medication_next"],
    )
]
DOSE = [("they raised my dose and now i feel awful", "medication", ["utter_medication_dose_change"])]
WOUND = [("how do i clean a small cut", "wound_care", ["utter_wound_ask"])]


def _plan(domain, before, text, intent="nlu_fallback", confidence=0.4, level="none"):
    tracker = _with_message(_conversation(domain, before), text, intent, confidence, level=level)
    return _policy().plan_with_events(tracker, domain)


def _picked(events):
    """The intent a typed message was re-read as (a button pick), or None."""
    from rasa.shared.core.events import UserUttered

    return next(((e.intent or {}).get("name") for e in events if isinstance(e, UserUttered)), None)


@pytest.mark.parametrize(
    "text, intent",
    [
        ("ok so do i just go back on them", "nlu_fallback"),
        ("can i start taking it again", "medication"),
        ("should i restart it", "affirm"),
        ("vuelvo a tomarlas?", "nlu_fallback"),
    ],
)
def test_restarting_after_symptoms_gets_the_prescriber_first_and_the_red_flags(domain, text, intent):
    plan, _ = _plan(domain, WITHDRAWAL, text, intent)
    assert plan[0] == "utter_medication_restart", plan
    reply = domain.responses["utter_medication_restart"][0]["text"]
    for words in ("prescriber or a pharmacist", "before you decide", "988", "911", "benzodiazepine, lithium"):
        assert words in reply
    assert not any(ch.isdigit() for ch in reply.replace("911", "").replace("988", "")), "never a dose or a timing"


@pytest.mark.parametrize(
    "text, intent",
    [
        ("hmm ok but what do i actually say to him", "helping_what_to_say"),
        ("how do i even bring it up", "nlu_fallback"),
        ("what am i supposed to tell my psych", "out_of_scope"),
        ("que le digo", "nlu_fallback"),
    ],
)
def test_what_to_say_in_the_medication_flow_is_the_questions_to_ask(domain, text, intent):
    plan, events = _plan(domain, DOSE, text, intent, 0.9)
    assert plan == ["utter_medication_questions"] and _picked(events) == "medication_questions", plan


@pytest.mark.parametrize(
    "text", ["but im afraid he'll get upset", "what if my doctor gets annoyed", "ella se va a enojar"]
)
def test_fear_of_the_prescribers_reaction_gets_the_doctor_mad_reply(domain, text):
    before = DOSE + [
        ("what should i tell her", "medication_questions", ["utter_medication_questions", "utter_medication_next"])
    ]
    plan, _ = _plan(domain, before, text, "helping_gets_mad", 0.7)
    assert plan == ["utter_dlg_medication_doctor_mad"], plan
    reply = domain.responses[plan[0]][0]["text"]
    assert "second opinion" in reply and "your care" in reply


@pytest.mark.parametrize(
    "text", ["my brain keeps zapping", "these jolts in my head are so weird", "feel sick since i quit"]
)
def test_symptoms_after_stopping_get_the_withdrawal_reply_not_a_clarifying_question(domain, text):
    plan, events = _plan(domain, INTRO, text)
    assert plan == ["utter_medication_withdrawal"] and _picked(events) == "medication_withdrawal", plan


def test_is_that_normal_after_the_withdrawal_reply(domain):
    plan, _ = _plan(domain, WITHDRAWAL, "is this normal tho")
    assert plan == ["utter_medication_is_normal", "utter_dlg_next_medication"], plan


def test_stopping_told_after_the_intro_never_gets_the_intro_again(domain):
    plan, events = _plan(domain, INTRO, "i went off my escitalopram a few days back", "medication", 0.8)
    assert plan == ["utter_medication_stopping"] and _picked(events) == "medication_stopping", plan
    plan, events = _plan(domain, INTRO, "they just make me feel weird", "medication", 0.8)
    assert plan == ["utter_medication_reason"] and _picked(events) == "medication_reason", plan


@pytest.mark.parametrize(
    "text, intent",
    [
        ("my psych just raised my dosage and im feeling worse", "coping_function"),
        ("since the dose went up i feel horrible", "medication"),
        ("me aumentaron la dosis y estoy peor", "nlu_fallback"),
        # Session 17: the medicine named before the change.
        ("got my lithium raised and i feel off", "share_feelings"),
        ("my lexapro got bumped up last week and im a mess", "coping_function"),
        ("also they upped my zoloft and i feel so off", "medication"),
    ],
)
def test_a_dose_change_and_feeling_worse_is_a_medication_talk(domain, text, intent):
    plan, _ = _plan(domain, [], text, intent, 0.6)
    assert plan == ["utter_medication_dose_change"], plan
    reply = domain.responses[plan[0]][0]
    assert "prescriber" in reply["text"] and "988" in reply["text"]
    assert "/medication_questions" in {b["payload"] for b in reply["buttons"]}


@pytest.mark.parametrize("text", ["should i just start again", "what should i say to her", "is that normal"])
def test_the_same_words_outside_the_medication_flow_are_not_read_as_medication(domain, text):
    plan, _ = _plan(domain, WOUND, text)
    assert not any(p.startswith("utter_medication") for p in plan), plan


@pytest.mark.parametrize("text", ["got my rent raised and i feel awful", "my hours got changed and im a mess"])
def test_something_else_raised_or_changed_is_not_a_dose_change(domain, text):
    plan, _ = _plan(domain, WOUND, text)
    assert "utter_medication_dose_change" not in plan, plan


def test_crisis_still_wins_in_the_medication_flow(domain):
    plan, _ = _plan(domain, WITHDRAWAL, "ever since i quit i just want to die", "crisis", 1.0, level="ideation")
    assert plan == [], "left to CrisisPolicy"


def test_the_same_reply_is_not_given_twice_in_a_row(domain):
    before = WITHDRAWAL + [
        ("should i start again", "nlu_fallback", ["utter_medication_restart", "utter_dlg_next_medication"])
    ]
    plan, _ = _plan(domain, before, "so i should go back on it")
    assert "utter_medication_restart" not in plan


def test_the_new_replies_have_spanish_words_with_the_same_buttons(domain):
    spanish = yaml.safe_load((ROOT / "resources" / "es.yml").read_text(encoding="utf-8"))["responses"]
    for name in ("utter_medication_restart", "utter_medication_is_normal", "utter_medication_dose_change"):
        english, es = domain.responses[name][0], spanish[name][0]
        assert "988" in es["text"] and "911" in es["text"]
        assert [b["payload"] for b in english.get("buttons") or []] == [b["payload"] for b in es.get("buttons") or []]


def test_a_follow_up_the_classifier_already_placed_is_left_to_the_rules(domain):
    plan, _ = _plan(domain, INTRO, "getting brain zaps", "medication_withdrawal", 0.9)
    assert plan == [], "the rules give the withdrawal reply and the next steps"


def test_an_unsure_helper_intent_naming_nobody_else_is_asked_about_in_the_medication_flow(domain):
    plan, _ = _plan(domain, INTRO, "i have my own reasons ok", "helping_blame", 0.38)
    assert plan == ["utter_dlg_clarify_medication"], plan
    plan, _ = _plan(domain, INTRO, "my sister takes the same one", "helping_someone", 0.5)
    assert "utter_dlg_clarify_medication" not in plan


def test_an_unsure_helper_intent_with_a_medication_answer_class_keeps_that_answer(domain):
    plan, _ = _plan(domain, INTRO, "do i have to tell my psychiatrist", "helping_tell", 0.5)
    assert plan == ["utter_dlg_medication_tell_doctor"], plan
