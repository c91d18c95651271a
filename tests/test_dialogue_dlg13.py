"""dlg13: a risk signal typed as the answer to any step of the safety plan, not only the first (extensions/
dialogue_policy.py, crisis_policy.py, actions/safety_plan.py, without servers). The direct question comes once per
plan; after a clear "no" the answer is kept in that step and the plan goes on; "yes" or a hedge gets the crisis reply.
"idk", "nothing" or "no sé" at a step gets the examples once before it is skipped. Inputs are worded off the NLU
examples."""

from __future__ import annotations

import pytest
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet

from actions import form_exit
from actions.crisis import ActionCrisisHandoff
from actions.safety_plan import ActionSafetyPlanDeliver, ValidateSafetyPlanForm, say
from extensions.crisis_policy import ANSWER_REPLIES
from tests.form_helpers import run, slot_events
from tests.form_helpers import tracker as form_tracker
from tests.test_dialogue_dlg12 import _crisis_policy, _policy, _tracker, _user

STEPS = ["safety_plan_warning_signs", "safety_plan_coping", "safety_plan_distractions", "safety_plan_people",
         "safety_plan_professionals", "safety_plan_environment", "safety_plan_reason"]
LATER = STEPS[1:]
# A risk-signal-like answer at each later step, in English and in Spanish (the patterns read each as a signal).
SIGNALS = {
    "safety_plan_coping": ["honestly nothing helps, whats the point", "nada me sirve, ya nada importa"],
    "safety_plan_distractions": ["nowhere really, nothing matters anymore", "la verdad nada, no veo salida"],
    "safety_plan_people": ["nobody really, i feel like a burden to everyone", "a nadie, me siento inutil"],
    "safety_plan_professionals": ["no one, i feel so hopeless", "ninguno, ya nada importa"],
    "safety_plan_environment": ["idk, i feel trapped", "no se, me siento atrapada"],
    "safety_plan_reason": ["cant think of a reason, everything feels pointless", "no se, ya nada tiene sentido"],
}
CASES = [(step, signal) for step, signals in SIGNALS.items() for signal in signals]


def _plan_at(step, answered=None):
    """A safety plan asking `step`, the steps before it answered."""
    answered = answered or {s: f"my words for {s}" for s in STEPS[: STEPS.index(step)]}
    return [*_user("could we make a safety plan", "safety_plan"), ActionExecuted("utter_safety_plan_intro"),
            ActionExecuted("safety_plan_form"), ActiveLoop("safety_plan_form"),
            *[SlotSet(s, words) for s, words in answered.items()], SlotSet("requested_slot", step)]


def _check_at(step, signal):
    """The step's answer was a risk signal: the check question was asked and the step emptied."""
    return [*_plan_at(step), *_user(signal, "risk_check", "signal"), SlotSet(step, signal),
            ActionExecuted("utter_risk_check"), SlotSet(step, None)]


@pytest.mark.parametrize("step, signal", CASES)
def test_a_signal_at_a_later_step_gets_the_direct_question_once(domain, step, signal):
    events = [*_plan_at(step), *_user(signal, "risk_check", "signal")]
    assert _crisis_policy()._next_action(_tracker(domain, events), domain) == "utter_risk_check"


@pytest.mark.parametrize("step, signal", CASES)
@pytest.mark.parametrize("answer, intent", [("no", "deny"), ("nah not really", "deny"), ("/deny", "deny"),
                                            ("no, la verdad no", "deny"), ("no im ok, thats just my answer",
                                                                           "nlu_fallback")])
def test_no_to_the_question_at_a_later_step_keeps_that_steps_answer_and_the_plan_goes_on(
        domain, step, signal, answer, intent):
    events = [*_check_at(step, signal), *_user(answer, intent), SlotSet(step, answer)]
    action, kept = _policy()._next_action(_tracker(domain, events), domain)
    assert action == "utter_dlg_plan_after_check" and kept == [SlotSet(step, signal)], (action, kept)
    assert _crisis_policy()._next_action(_tracker(domain, events), domain) is None
    # The form then asks the next step (no more policy replies this turn).
    events += [*kept, ActionExecuted(action)]
    assert _policy()._next_action(_tracker(domain, events), domain)[0] is None


@pytest.mark.parametrize("step, signal", CASES)
@pytest.mark.parametrize("answer, intent", [("yes", "affirm"), ("maybe", "not_sure"), ("idk kinda", "not_sure"),
                                            ("no... tal vez", "deny"), ("sí", "affirm")])
def test_yes_or_a_hedge_to_the_question_at_a_later_step_gets_the_crisis_reply_and_nothing_is_kept(
        domain, step, signal, answer, intent):
    events = [*_check_at(step, signal), *_user(answer, intent)]
    assert _crisis_policy()._next_action(_tracker(domain, events), domain) in ANSWER_REPLIES.values()
    action, kept = _policy()._next_action(_tracker(domain, events), domain)
    assert action != "utter_dlg_plan_after_check" and not kept


@pytest.mark.parametrize("step", LATER[:-1])
def test_after_no_at_a_later_step_the_next_steps_answer_is_its_own_not_another_answer_to_the_question(domain, step):
    signal = SIGNALS[step][0]
    following = STEPS[STEPS.index(step) + 1]
    events = [*_check_at(step, signal), *_user("no", "deny"), SlotSet(step, signal),
              ActionExecuted("utter_dlg_plan_after_check"), ActionExecuted("safety_plan_form"),
              SlotSet("requested_slot", following)]
    for answer, intent, level in [("yeah my sister jo", "affirm", "none"), ("ya nada importa", "risk_check", "signal")]:
        later = [*events, *_user(answer, intent, level), ActionExecuted("safety_plan_form")]
        # Neither a "yes" to the question nor a second question: the question is asked once per plan.
        assert _crisis_policy()._next_action(_tracker(domain, later), domain) is None


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("text, level, kind", [("i have the pills right here", "imminent", "plan_means"),
                                               ("voy a matarme hoy", "imminent", "plan_means"),
                                               ("nothing, i have no reason to live", "ideation", None)])
def test_a_crisis_statement_at_any_step_gets_the_crisis_reply_at_once_even_after_the_question(domain, step, text,
                                                                                              level, kind):
    parse = {"risk_level": level, "risk_kind": kind}
    crisis = [*_user(text, "crisis", level)]
    crisis[-1].parse_data.update(parse)
    expected = f"utter_emergency_{kind}" if kind else "utter_crisis"
    before_question = [*_plan_at(step), *crisis]
    assert _crisis_policy()._next_action(_tracker(domain, before_question), domain) == expected
    if step != STEPS[-1]:
        # ... and after the question was asked and answered "no" at an earlier step of the same plan.
        following = STEPS[STEPS.index(step) + 1]
        signal = "honestly nothing helps, whats the point"
        asked = [*_check_at(step, signal), *_user("no", "deny"), SlotSet(step, signal),
                 ActionExecuted("utter_dlg_plan_after_check"), ActionExecuted("safety_plan_form"),
                 SlotSet("requested_slot", following), *crisis]
        assert _crisis_policy()._next_action(_tracker(domain, asked), domain) == expected


# ---- "idk", "nothing", "no sé" at a step: the examples once, then a skip -----------------------------------------

def _answer(step, text, bot_before=None, slots=None):
    track = form_tracker(text, requested_slot=step, form="safety_plan_form", slots=slots)
    if bot_before:
        track.events[:0] = [{"event": "user", "text": "idk"}, {"event": "action", "name": "safety_plan_form"},
                            {"event": "bot", "text": bot_before}, {"event": "action", "name": "action_listen"}]
    return run(ValidateSafetyPlanForm(), track)


@pytest.mark.parametrize("step", [s for s in STEPS if s != "safety_plan_people"])
@pytest.mark.parametrize("typed", ["idk", "nothing", "honestly nothing", "no se", "no sé", "nada", "ni idea"])
def test_idk_or_nothing_at_a_step_gets_the_examples_once_then_skips_it(step, typed):
    messages, events = _answer(step, typed)
    assert slot_events(events).get(step) is None, "not skipped at once: the step is asked again"
    assert [m.get("text") for m in messages] == [form_exit.say_exit("unsure_reply")]
    for nudge in (form_exit.say_exit("unsure_reply"), form_exit.say_exit("unsure_reply", "es")):
        messages, events = _answer(step, typed, bot_before=nudge)
        assert slot_events(events).get(step) == "" and not messages


@pytest.mark.parametrize("typed", ["idk", "nobody", "no one really", "nadie", "no se"])
def test_nobody_at_the_people_step_gets_its_own_nudge_once_then_skips(typed):
    step = "safety_plan_people"
    messages, events = _answer(step, typed)
    assert slot_events(events).get(step) is None and slot_events(events)["safety_plan_people_nudged"] is True
    assert [m.get("text") for m in messages] == [say("people_nudge")]
    messages, events = _answer(step, typed, bot_before=say("people_nudge"), slots={"safety_plan_people_nudged": True})
    assert slot_events(events).get(step) == "" and not messages


@pytest.mark.parametrize("typed", ["skip", "none", "no", "saltar"])
def test_skip_still_skips_a_step_at_once(typed):
    _, events = _answer("safety_plan_coping", typed)
    assert slot_events(events).get("safety_plan_coping") == ""


@pytest.mark.parametrize("typed", ["nothing much, music helps a bit", "nadie en casa, pero mi tia si"])
def test_an_answer_that_starts_with_nothing_is_kept(typed):
    _, events = _answer("safety_plan_coping", typed)
    assert slot_events(events).get("safety_plan_coping") == typed


def test_the_plan_given_back_lists_answers_kept_after_no_in_the_persons_words():
    answers = {s: "" for s in STEPS}
    answers.update({"safety_plan_coping": SIGNALS["safety_plan_coping"][0],
                    "safety_plan_people": SIGNALS["safety_plan_people"][0]})
    messages, _ = run(ActionSafetyPlanDeliver(), form_tracker("skip", slots=answers))
    plan = "\n".join(m.get("text") or "" for m in messages)
    assert f"2. Things I can do on my own\n{answers['safety_plan_coping']}" in plan
    assert f"4. People I can ask for help\n{answers['safety_plan_people']}" in plan


@pytest.mark.parametrize("answer, intent", [("saltar", "affirm"), ("yeah my cat", "affirm"), ("gracias", "thank"),
                                            ("maybe my cat", "not_sure"), ("mi gato, creo", "affirm")])
@pytest.mark.parametrize("form_done", [False, True], ids=["form_asking", "form_finished"])
def test_answers_steps_after_the_question_are_never_read_as_answers_to_it(domain, answer, intent, form_done):
    # Rasa folds the form's turns out of the applied events: once the last step is answered and the form closes,
    # "saltar" (classified as "yes") at step 7, five steps after "no" to the question at step 2, got "Thank you, I'm
    # here..." and the plan was never given back ("maybe my cat" got the crisis reply).
    step = "safety_plan_coping"
    events = [*_check_at(step, SIGNALS[step][0]), *_user("no", "deny"), SlotSet(step, SIGNALS[step][0]),
              ActionExecuted("utter_dlg_plan_after_check"), ActionExecuted("safety_plan_form")]
    for later in STEPS[2:-1]:
        events += [SlotSet("requested_slot", later), *_user(f"my words for {later}", "nlu_fallback"),
                   SlotSet(later, f"my words for {later}"), ActionExecuted("safety_plan_form")]
    events += [SlotSet("requested_slot", STEPS[-1]), *_user(answer, intent), SlotSet(STEPS[-1], answer)]
    if form_done:
        events += [ActionExecuted("safety_plan_form"), SlotSet("requested_slot", None), ActiveLoop(None)]
    assert _crisis_policy()._next_action(_tracker(domain, events), domain) is None


@pytest.mark.parametrize("step", LATER)
@pytest.mark.parametrize("answer", ["maybe", "yes", "idk kinda"])
def test_a_plan_stopped_by_a_hedged_answer_to_the_question_comes_back_at_that_step(step, answer):
    # The form took "maybe" for the step's answer; the crisis reply closed the form (no step asked any more) before the
    # handoff paused the plan. Resumed, the plan skipped the step with "maybe" kept in it.
    answered = {s: f"my words for {s}" for s in STEPS[: STEPS.index(step)]}
    track = form_tracker(answer, "not_sure", slots={**answered, step: answer})
    track.events += [{"event": "slot", "name": step, "value": answer},
                     {"event": "action", "name": "utter_crisis_after_unsure"},
                     {"event": "active_loop", "name": None}, {"event": "slot", "name": "requested_slot", "value": None}]
    _, events = run(ActionCrisisHandoff(), track)
    set_now = slot_events(events)
    assert set_now[form_exit.PAUSED] == "safety_plan_form" and set_now[step] is None
    assert not any(s in set_now for s in answered)
