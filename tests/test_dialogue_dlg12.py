"""dlg12: gaps people found talking to the bot (extensions/dialogue_policy.py and crisis_policy.py, without servers).
A risk signal typed as a safety plan step's answer is kept when the person says "no" to the direct question; a helper
after the reply about someone with thoughts of suicide gets what to say about suicide and what to do if they get angry;
suicidal thoughts told as past get a short acknowledgement. Inputs are worded off the NLU examples."""

from __future__ import annotations

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from extensions.crisis_policy import CrisisPolicy
from extensions.dialogue_policy import past_ideation
from tests.test_dialogue_policy import _conversation, _policy, _with_message

STEP1, STEP2 = "safety_plan_warning_signs", "safety_plan_coping"


def _user(text, intent, level="none"):
    return [ActionExecuted("action_listen"),
            UserUttered(text, {"name": intent, "confidence": 0.9}, parse_data={"risk_level": level})]


def _plan_until_check(signal):
    """A safety plan at step 1 whose answer was a risk signal: the check question was asked, the step emptied."""
    return [
        *_user("could we make a safety plan", "safety_plan"),
        ActionExecuted("utter_safety_plan_intro"), ActionExecuted("safety_plan_form"), ActiveLoop("safety_plan_form"),
        SlotSet("requested_slot", STEP1),
        *_user(signal, "risk_check", "signal"), SlotSet(STEP1, signal),
        ActionExecuted("utter_risk_check"), SlotSet(STEP1, None),
    ]


def _tracker(domain, events):
    return DialogueStateTracker.from_events("t", events, domain.slots)


@pytest.mark.parametrize("signal", ["and i stop texting people back", "i feel like a burden and go quiet"])
@pytest.mark.parametrize("answer, intent", [("no", "deny"), ("nah not really", "deny"), ("/deny", "deny"),
                                            ("no im ok, just listing them", "nlu_fallback")])
def test_no_to_the_check_question_mid_plan_keeps_the_step_answer_and_the_plan_goes_on(domain, signal, answer, intent):
    events = [*_plan_until_check(signal), *_user(answer, intent), SlotSet(STEP1, answer)]
    action, kept = _policy()._next_action(_tracker(domain, events), domain)
    assert action == "utter_dlg_plan_after_check" and kept == [SlotSet(STEP1, signal)], (action, kept)
    # Then the form asks its next step: the policy leaves the turn to the form.
    events += [*kept, ActionExecuted(action)]
    assert _policy()._next_action(_tracker(domain, events), domain)[0] is None


@pytest.mark.parametrize("answer, intent",
                         [("yes", "affirm"), ("kinda", "not_sure"), ("what do you mean", "out_of_scope")])
def test_anything_but_no_to_the_check_question_mid_plan_is_not_taken_as_the_step_answer_here(domain, answer, intent):
    events = [*_plan_until_check("i feel like a burden and go quiet"), *_user(answer, intent)]
    action, kept = _policy()._next_action(_tracker(domain, events), domain)
    assert action != "utter_dlg_plan_after_check" and not kept


def test_yes_to_the_check_question_mid_plan_still_gets_the_crisis_reply(domain):
    events = [*_plan_until_check("i feel like a burden and go quiet"), *_user("yes", "affirm")]
    crisis = CrisisPolicy(CrisisPolicy.get_default_config(), None, None, ExecutionContext(GraphSchema({}), "t"))
    assert crisis._next_action(_tracker(domain, events), domain) == "utter_crisis"


def _crisis_policy():
    return CrisisPolicy(CrisisPolicy.get_default_config(), None, None, ExecutionContext(GraphSchema({}), "t"))


def test_a_signal_at_a_later_step_is_kept_there_after_no_too(domain):
    # dlg13: "whats the point of any of it" at "things you can do on your own" is the person's answer, like a warning
    # sign at step 1 (dlg12 asked the step again and lost it); tests/test_dialogue_dlg13.py has every step.
    events = [*_user("could we make a safety plan", "safety_plan"), ActionExecuted("safety_plan_form"),
              ActiveLoop("safety_plan_form"), SlotSet(STEP1, "i cant sleep"), SlotSet("requested_slot", STEP2),
              *_user("whats the point of any of it", "risk_check", "signal"), ActionExecuted("utter_risk_check"),
              *_user("no", "deny")]
    action, kept = _policy()._next_action(_tracker(domain, events), domain)
    assert action == "utter_dlg_plan_after_check" and kept == [SlotSet(STEP2, "whats the point of any of it")]


def test_the_check_question_is_asked_once_per_plan_and_a_later_signal_is_that_steps_answer(domain):
    first = _plan_until_check("i feel like a burden and go quiet")
    assert _crisis_policy()._next_action(_tracker(domain, first[:-2]), domain) == "utter_risk_check"
    events = [*first, *_user("no", "deny"), SlotSet(STEP1, "i feel like a burden and go quiet"),
              ActionExecuted("utter_dlg_plan_after_check"), ActionExecuted("safety_plan_form"),
              SlotSet("requested_slot", STEP2),
              *_user("honestly i stop answering everyone", "risk_check", "signal")]
    assert _crisis_policy()._next_action(_tracker(domain, events), domain) is None
    # Ideation still interrupts the plan.
    events += _user("i want to kill myself", "crisis", "ideation")
    assert _crisis_policy()._next_action(_tracker(domain, events), domain) == "utter_crisis"


@pytest.mark.parametrize("answer, intent, level", [("yeah music and walks", "affirm", "none"),
                                                   ("and i stop texting people back", "risk_check", "signal"),
                                                   ("sure, my playlist", "affirm", "none")])
@pytest.mark.parametrize("kept_here", [True, False], ids=["kept", "asked_again"])
def test_the_next_step_answer_after_no_is_not_read_as_another_answer_to_the_check_question(
        domain, answer, intent, level, kept_here):
    # Rasa folds the form's happy-path turns out of the applied events: the step's answer must not be read as if it
    # came right after the check question (a "yeah ..." was a yes, a signal "not sure": the crisis reply mid-plan).
    signal = "i feel like a burden and go quiet"
    after_no = [SlotSet(STEP1, signal), ActionExecuted("utter_dlg_plan_after_check")] if kept_here else []
    events = [*_plan_until_check(signal), *_user("no", "deny"), *after_no, ActionExecuted("safety_plan_form"),
              SlotSet("requested_slot", STEP2 if kept_here else STEP1), ActionExecuted("action_listen"),
              UserUttered(answer, {"name": intent, "confidence": 0.9}, parse_data={"risk_level": level}),
              ActionExecuted("safety_plan_form")]
    assert _crisis_policy()._next_action(_tracker(domain, events), domain) is None


def test_a_signal_as_the_first_plan_answer_still_gets_the_check_question(domain):
    events = _plan_until_check("i feel like a burden and go quiet")[:-2]
    assert _crisis_policy()._next_action(_tracker(domain, events), domain) == "utter_risk_check"


# ---- a helper after the reply about someone with thoughts of suicide ---------------------------------------------

SUICIDE_HELPER = ("my sister told me she keeps thinking about suicide", "crisis",
                  ["utter_crisis_someone_else", "action_crisis_handoff"])
SELF_HARM_HELPER = ("how can i help my friend who cuts", "helping_someone",
                    ["utter_helping_intro", "utter_helping_options"])


@pytest.mark.parametrize("text, intent", [("idk what to say to her", "helping_disclosure"),
                                          ("i dont even know how to bring it up with her", "helping_disclosure"),
                                          ("what should i say", "nlu_fallback"),
                                          ("no sé qué decirle", "helping_disclosure")])
def test_what_to_say_after_the_suicide_helper_reply_is_about_suicide_not_self_harm(domain, text, intent):
    plan = _policy().plan(_with_message(_conversation(domain, [SUICIDE_HELPER]), text, intent, 0.95), domain)
    assert plan == ["utter_dlg_helping_what_to_say", "utter_dlg_next_helping"], plan
    said = domain.responses[plan[0]][0]["text"]
    assert "Are you thinking about suicide?" in said and "secret" in said and "988" in said
    assert "self-harm" not in said


def test_what_to_say_in_the_self_harm_helper_flow_is_left_to_its_disclosure_tips(domain):
    tracker = _with_message(_conversation(domain, [SELF_HARM_HELPER]), "idk what to say to her", "helping_disclosure")
    assert _policy().plan(tracker, domain) == []


@pytest.mark.parametrize("text, intent", [("what if she gets mad", "helping_says_fine"),
                                          ("what if she gets mad at me", "helping_says_fine"),
                                          ("im scared hes gonna be so angry with me", "helping_secret"),
                                          ("y si se enoja conmigo", "helping_says_fine")])
@pytest.mark.parametrize("before", [[SUICIDE_HELPER], [SELF_HARM_HELPER]], ids=["suicide", "self_harm"])
def test_a_helper_afraid_they_will_get_angry_gets_that_reply_not_if_they_say_theyre_fine(domain, text, intent, before):
    plan = _policy().plan(_with_message(_conversation(domain, before), text, intent, 0.95), domain)
    assert plan and plan[0] == "utter_dlg_helping_gets_mad", plan
    said = domain.responses[plan[0]][0]["text"]
    assert "okay if they get angry" in said and "care" in said and "safety comes first" in said
    assert "If they say they're fine" not in said


def test_two_helper_questions_in_a_row_get_two_answers_and_the_next_step_once(domain):
    what = ("idk what to say to her", "helping_disclosure", ["utter_dlg_helping_what_to_say", "utter_dlg_next_helping"])
    tracker = _with_message(_conversation(domain, [SUICIDE_HELPER, what]), "what if she gets mad", "helping_says_fine")
    assert _policy().plan(tracker, domain) == ["utter_dlg_helping_gets_mad"]


# ---- suicidal thoughts told as past -----------------------------------------------------------------------------

PAST = ["i was suicidal in high school but im past it now", "years ago i tried, i'm ok now",
        "i used to want to die in college but therapy helped",
        "a few years ago i attempted but im doing way better now"]


@pytest.mark.parametrize("text", PAST)
@pytest.mark.parametrize("intent", ["share_feelings", "out_of_scope", "nlu_fallback"])
def test_suicidal_thoughts_told_as_past_get_a_short_acknowledgement_not_the_feelings_reply(domain, text, intent):
    menu = ("hi", "greet", ["utter_greet", "utter_menu"])
    plan = _policy().plan(_with_message(_conversation(domain, [menu]), text, intent, 0.6), domain)
    assert plan == ["utter_dlg_past_ideation"], plan
    said = domain.responses[plan[0]][0]["text"]
    assert "glad" in said and "come back" in said and "safety plan" in said
    assert "911" not in said and "thoughts of ending your life" not in said


@pytest.mark.parametrize("text", ["i was suicidal in high school", "back in college i attempted"])
def test_past_thoughts_told_with_nothing_about_now_leave_the_door_open_without_being_glad(domain, text):
    menu = ("hi", "greet", ["utter_greet", "utter_menu"])
    plan = _policy().plan(_with_message(_conversation(domain, [menu]), text, "share_feelings", 0.6), domain)
    assert plan == ["utter_dlg_past_ideation_open"], plan
    said = domain.responses[plan[0]][0]["text"]
    assert "glad" not in said and "come back, or if they're around now" in said and "safety plan" in said


@pytest.mark.parametrize("text", ["i was suicidal in high school and honestly i feel that way again",
                                  "i tried years ago and lately im thinking about it again",
                                  "i used to cut in high school but im fine now",
                                  "i overdosed by accident years ago, im ok now",
                                  "my sister was suicidal in high school but shes ok now"])
def test_present_risk_past_self_harm_or_someone_elses_past_is_not_read_as_past_ideation(text):
    assert not past_ideation(text)


def test_past_ideation_right_after_the_direct_question_is_left_to_the_crisis_policy(domain):
    check = ("everything feels pointless", "risk_check", ["utter_risk_check"])
    tracker = _with_message(_conversation(domain, [check]), "no, i was suicidal years ago but not now", "deny")
    assert "utter_dlg_past_ideation" not in _policy().plan(tracker, domain)
