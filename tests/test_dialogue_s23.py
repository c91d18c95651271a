"""Session 23, from the open list of session 22 (extensions/dialogue_policy.py, without servers).

- After a chemical, electrical or large-or-deep burn reply, "idk" got "are you safe right now?" with the text lines,
  which can't look at a burn. The burn follow-up keeps it cooling and gets it seen today, with 911 for the major signs
  (clinical facts part 1 §2.3, part 2 §8), the way the heart reply's follow-up does.
"""

from __future__ import annotations

import pytest
from rasa.shared.core.events import ActionExecuted

from tests.test_dialogue_dlg12 import _policy, _tracker, _user


def _next(domain, events):
    return _policy()._next_action(_tracker(domain, events), domain)[0]


BURNS = {
    "utter_emergency_burn_severe": "i spilled boiling water on my arm and the skin went white",
    "utter_emergency_burn_chemical": "i got drain cleaner on my hand and it stings",
    "utter_emergency_burn_electrical": "i got a shock from the outlet and theres a burn on my finger",
}


def _after_burn(opener):
    return [*_user(BURNS[opener], "crisis", "imminent"), ActionExecuted(opener),
            ActionExecuted("action_crisis_handoff"), ActionExecuted("utter_crisis_options")]


@pytest.mark.parametrize("opener", sorted(BURNS))
@pytest.mark.parametrize("text, intent, reply", [
    ("idk", "share_feelings", "utter_dlg_burn_check"),
    ("i dont want to call 911", "deny", "utter_dlg_burn_wont_call"),
    ("I don't want to call", "deny", "utter_dlg_burn_wont_call"),
    ("im scared of the er", "share_feelings", "utter_dlg_burn_er_fear"),
    ("what if they lock me up", "share_feelings", "utter_dlg_burn_er_fear"),
    ("im ok now", "affirm", "utter_dlg_burn_safe_now"),
    ("I've called", "affirm", "utter_dlg_emergency_called"),
    ("should i put ice on it", "wound_burn", "utter_dlg_emergency_ice_question"),
])
def test_after_a_burn_reply_answers_keep_the_burn_cooling_and_seen(domain, opener, text, intent, reply):
    assert _next(domain, [*_after_burn(opener), *_user(text, intent)]) == reply


def test_no_to_the_burn_check_question_is_not_calling_and_yes_is_called(domain):
    events = [*_after_burn("utter_emergency_burn_chemical"), *_user("idk", "share_feelings"),
              ActionExecuted("utter_dlg_burn_check")]
    assert _next(domain, [*events, *_user("no", "deny")]) == "utter_dlg_burn_wont_call"
    assert _next(domain, [*events, *_user("yes", "affirm")]) == "utter_dlg_emergency_called"


def test_not_calling_twice_gets_other_words(domain):
    events = [*_after_burn("utter_emergency_burn_severe"), *_user("i dont want to call", "deny"),
              ActionExecuted("utter_dlg_burn_wont_call"), *_user("idk", "share_feelings"),
              ActionExecuted("utter_dlg_burn_still"), *_user("no im not calling anyone", "deny")]
    assert _next(domain, events) == "utter_dlg_burn_wont_call_again"


def test_the_painless_deep_burn_still_gets_911_again(domain):
    events = [*_after_burn("utter_emergency_burn_severe"), *_user("it doesnt even hurt that much", "share_feelings")]
    assert _next(domain, events) == "utter_dlg_burn_painless"


def test_after_the_heart_reply_no_to_its_check_question_is_not_calling(domain):
    events = [*_user("i purged like 4 times today", "eating_purging"), ActionExecuted("utter_eating_purging"),
              *_user("my heart is racing", "share_feelings", "imminent"), ActionExecuted("utter_emergency_heart"),
              *_user("idk", "share_feelings"), ActionExecuted("utter_dlg_medical_check"), *_user("no", "deny")]
    assert _next(domain, events) == "utter_dlg_medical_wont_call"


def test_a_suicide_crisis_reply_still_gets_the_safety_question_not_the_burn_words(domain):
    events = [*_user("i want to die", "crisis", "ideation"), ActionExecuted("utter_crisis"),
              ActionExecuted("action_crisis_handoff"), ActionExecuted("utter_crisis_options"),
              *_user("idk", "share_feelings")]
    assert _next(domain, events) == "utter_dlg_crisis_check"


@pytest.mark.parametrize("name", ["utter_dlg_burn_check", "utter_dlg_burn_still", "utter_dlg_burn_wont_call",
                                  "utter_dlg_burn_better", "utter_dlg_burn_safe_now"])
def test_every_burn_follow_up_says_to_get_it_seen_or_call_911_and_offers_no_text_line_instead(domain, name):
    text = domain.responses[name][0]["text"]
    assert "911" in text or "seen today" in text
    assert "741741" not in text and "Are you safe" not in text


def test_the_burn_fear_of_the_er_reply_has_the_hold_facts_and_911(domain):
    text = domain.responses["utter_dlg_burn_er_fear"][0]["text"]
    assert "Connecticut" in text and "911" in text and "burn" in text


# Session 22's new-user run: "theyre here" after the 911 reply got the welcome again, and a helper's "ok they're on the
# way" after a friend's overdose got "have you been able to call, or is someone with you who can?", as if the helper
# had taken the pills.
def _after_overdose(helper: bool):
    if helper:
        return [*_user("my friend took a bunch of pills", "helping_emergency", "third_party"),
                ActionExecuted("utter_emergency_overdose"), ActionExecuted("action_crisis_handoff"),
                ActionExecuted("utter_dlg_overdose_helper")]
    return [*_user("i took a bunch of pills", "crisis", "imminent"), ActionExecuted("utter_emergency_overdose"),
            ActionExecuted("action_crisis_handoff"), ActionExecuted("utter_crisis_options")]


@pytest.mark.parametrize("text, intent", [("theyre here", "greet"), ("the ambulance is here", "greet"),
                                          ("ok paramedics just got here", "nlu_fallback"),
                                          ("ya llegaron", "nlu_fallback")])
@pytest.mark.parametrize("helper, reply", [(False, "utter_dlg_overdose_help_here"),
                                           (True, "utter_dlg_helping_help_here")])
def test_help_arriving_after_an_overdose_reply_gets_go_with_them(domain, text, intent, helper, reply):
    assert _next(domain, [*_after_overdose(helper), *_user(text, intent)]) == reply


def test_help_arriving_after_a_bleeding_or_burn_reply_gets_the_general_words(domain):
    events = [*_user("i cut too deep and it wont stop", "crisis", "imminent"),
              ActionExecuted("utter_emergency_bleeding"),
              ActionExecuted("action_crisis_handoff"), *_user("theyre here", "greet")]
    assert _next(domain, events) == "utter_dlg_emergency_help_here"
    assert _next(domain, [*_after_burn("utter_emergency_burn_chemical"), *_user("ems is here", "greet")]) == \
        "utter_dlg_emergency_help_here"


@pytest.mark.parametrize("text", ["ok they're on the way", "theyre on their way", "help is coming",
                                  "they're like 5 min away", "ya vienen en camino"])
@pytest.mark.parametrize("helper, reply", [(False, "utter_dlg_emergency_called"), (True, "utter_dlg_helping_called")])
def test_help_on_the_way_is_called_in_the_helpers_own_words(domain, text, helper, reply):
    assert _next(domain, [*_after_overdose(helper), *_user(text, "nlu_fallback")]) == reply


def test_the_helpers_called_reply_is_worded_for_the_helper(domain):
    text = domain.responses["utter_dlg_helping_called"][0]["text"]
    assert "stay with them" in text and "unlock the door" not in text


def test_theyre_here_outside_an_emergency_is_not_read_as_help_arriving(domain):
    events = [*_user("i want to stop cutting", "self_harm_urge"), ActionExecuted("utter_urge_acknowledge"),
              ActionExecuted("utter_urge_options"), *_user("theyre here", "greet")]
    assert _next(domain, events) not in ("utter_dlg_emergency_help_here", "utter_dlg_overdose_help_here")


def test_a_fear_of_the_cops_coming_is_still_the_fear(domain):
    events = [*_after_overdose(False), *_user("the cops are coming and im scared they'll lock me up", "share_feelings")]
    assert _next(domain, events) == "utter_dlg_emergency_er_fear"


def test_after_help_arrived_a_thanks_is_not_asked_whether_they_called(domain):
    events = [*_after_overdose(False), *_user("theyre here", "greet"), ActionExecuted("utter_dlg_overdose_help_here"),
              *_user("thanks", "thank")]
    assert _next(domain, events) not in ("utter_dlg_overdose_check", "utter_dlg_overdose_thank")


def test_the_help_arrived_replies_say_go_with_them_and_keep_988(domain):
    for name in ("utter_dlg_overdose_help_here", "utter_dlg_emergency_help_here"):
        text = domain.responses[name][0]["text"]
        assert "Go with them" in text and "988" in text
    assert "bottle" in domain.responses["utter_dlg_overdose_help_here"][0]["text"]


# Session 22's new-user run: "can i drink on seroquel" got "Sorry, I'm not sure I followed". Its own answer: it depends
# on the medicine, ask a pharmacist, 911 and Poison Help for a mix that has happened (clinical facts part 1 §3.3, §3.4).
def test_alcohol_with_a_medicine_has_its_own_intent_rule_and_answer(domain):
    from pathlib import Path

    import yaml

    assert "medication_alcohol" in domain.intents
    rules = yaml.safe_load(Path("data/rules/medication.yml").read_text())["rules"]
    steps = next(r["steps"] for r in rules if {"intent": "medication_alcohol"} in r["steps"])
    assert {"action": "utter_medication_alcohol"} in steps
    text = domain.responses["utter_medication_alcohol"][0]["text"]
    assert "pharmacist" in text and "911" in text and "1-800-222-1222" in text
    # Class level only: no brand names and no amounts (clinical facts part 1 §3.4, writers' note).
    for name in ("seroquel", "xanax", "lexapro", "zoloft", "lithium", "mg"):
        assert name not in text.lower()


# Session 23's new-user run: "he got mad when i brought it up", after the helper's tips for what to say, got coping
# ideas for anger ("punch a cushion"), meant for the person at risk.
@pytest.mark.parametrize("text, intent", [("he got mad when i brought it up", "coping_function"),
                                          ("she was so upset after i asked her", "share_feelings"),
                                          ("my gf snapped at me when i said something", "nlu_fallback")])
def test_the_person_helped_getting_mad_is_answered_for_the_helper(domain, text, intent):
    events = [*_user("my bf cuts himself what do i say to him", "helping_disclosure"),
              ActionExecuted("utter_helping_disclosure"), *_user(text, intent)]
    assert _next(domain, events) == "utter_dlg_helping_gets_mad"


def test_the_overdose_reply_says_call_911_for_an_overdose_on_purpose_without_an_if(domain):
    # Session 23's new-user run: "i took all my pills" got "call 911 now *if* anyone is hard to wake", then the ER.
    text = domain.responses["utter_emergency_overdose"][0]["text"]
    on_purpose = next(p for p in text.split("\n\n") if "on purpose" in p)
    assert "call 911" in on_purpose and "ER now" in on_purpose
    assert text.index("911") < text.index("988")


# Session 23's new-user run: a parent's "shes 14" after the helper reply got "didn't follow".
@pytest.mark.parametrize("text, reply", [("she just turned 14", "action_helping_youth"),
                                         ("shes 14", "action_helping_youth"),
                                         ("tiene 13 años", "action_helping_youth"),
                                         ("she's 19", "utter_dlg_clarify_helping")])
def test_a_childs_age_after_the_helper_reply_gets_the_youth_lines_under_18_only(domain, text, reply):
    events = [*_user("my daughter has been self harming and i just found out", "helping_someone"),
              ActionExecuted("utter_helping_disclosure"), *_user(text, "nlu_fallback")]
    assert _next(domain, events) == reply


# Session 23's final run: after "no more numbers, I'm listening", "my mom yells at me all the time" got "outside what I
# can help with"; "its better now i think" after the burn follow-up got the shared "still with you" line.
@pytest.mark.parametrize("intent", ["out_of_scope", "share_feelings"])
def test_what_is_vented_after_the_listening_reply_is_heard_without_numbers(domain, intent):
    events = [*_user("stop sending me hotlines", "nlu_fallback"), ActionExecuted("utter_dlg_frustrated_lines"),
              *_user("i just want to vent", "peer_support"), ActionExecuted("utter_dlg_listen"),
              *_user("my mom yells at me all the time", intent)]
    assert _next(domain, events) == "utter_dlg_listen_heard"
    # A risk message there is still the crisis reply's.
    risky = [*events[:-2], *_user("i want to die honestly", "crisis", "ideation")]
    assert _next(domain, risky) != "utter_dlg_listen_heard"
    text = domain.responses["utter_dlg_listen_heard"][0]["text"]
    assert "listening" in text and "988" not in text and "911" not in text


def test_better_now_after_the_burn_check_gets_seen_today(domain):
    events = [*_after_burn("utter_emergency_burn_chemical"), *_user("idk", "share_feelings"),
              ActionExecuted("utter_dlg_burn_check"), *_user("its better now i think", "share_feelings")]
    assert _next(domain, events) == "utter_dlg_burn_better"
