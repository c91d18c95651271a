"""dlg11: gaps a new-user run found. Fainting that has happened, said right after an eating or medical reply, gets that
situation's emergency reply (911 first) instead of the feelings reply (extensions/dialogue_policy.py, without servers).
Inputs are worded off the NLU examples (tests/test_risk_heldout_guard.py checks the live ones)."""

from __future__ import annotations

import pytest

from extensions.dialogue_policy import fainted
from tests.test_dialogue_policy import _conversation, _policy, _with_message

LOW_INTAKE = ("i barely eat anything and i keep getting dizzy", "eating_disorder", ["utter_eating_low_intake"])
DIZZY = ("i barely eat and i get dizzy when i stand up", "eating_dizzy", ["utter_eating_dizzy", "utter_eating_next"])
DIZZY_ES = ("casi no como y me mareo al pararme", "eating_dizzy", ["utter_eating_dizzy", "utter_eating_next"])
BLEEDING = ("i cut and its bleeding a lot", "crisis",
            ["utter_emergency_bleeding", "action_crisis_handoff", "utter_crisis_options"])
OVERDOSE = ("i took a lot of my pills", "crisis",
            ["utter_emergency_overdose", "action_crisis_handoff", "utter_crisis_options"])
WOUND = ("how do i look after a cut", "wound_care", ["utter_wound_cut", "utter_wound_more"])
EMERGENCY = ["action_crisis_handoff", "utter_crisis_options"]


@pytest.mark.parametrize("text, intent", [("i passed out for a sec", "share_feelings"),
                                          ("i blacked out", "eating_disorder"),
                                          ("yeah i blacked out for a bit", "affirm"),
                                          ("ok so i kinda fainted earlier", "nlu_fallback")])
@pytest.mark.parametrize("before", [LOW_INTAKE, DIZZY], ids=["low_intake_question", "dizzy_reply"])
def test_fainting_right_after_the_eating_reply_gets_the_fainting_emergency_not_the_feelings_reply(domain, text, intent,
                                                                                                 before):
    tracker = _with_message(_conversation(domain, [before]), text, intent, 0.3)
    plan = _policy().plan(tracker, domain)
    assert plan == ["utter_emergency_fainting", *EMERGENCY], plan
    said = domain.responses[plan[0]][0]["text"]
    assert said.index("911") < said.index("Lie down") < said.index("988")


@pytest.mark.parametrize("text", ["me desmayé un ratito", "casi me desmayo en la cocina", "perdí el conocimiento"])
def test_spanish_fainting_after_the_dizziness_reply_gets_the_fainting_emergency(domain, text):
    tracker = _with_message(_conversation(domain, [DIZZY_ES]), text, "share_feelings", 0.3)
    assert _policy().plan(tracker, domain) == ["utter_emergency_fainting", *EMERGENCY]


@pytest.mark.parametrize("before, reply", [(BLEEDING, ["utter_emergency_shock"]),
                                           (OVERDOSE, ["utter_emergency_overdose"]),
                                           (WOUND, ["utter_emergency_shock", *EMERGENCY])],
                         ids=["bleeding_reply", "overdose_reply", "wound_flow"])
def test_passing_out_after_a_first_aid_or_medical_reply_gets_that_emergency_911_first(domain, before, reply):
    tracker = _with_message(_conversation(domain, [before]), "i passed out for a sec", "share_feelings", 0.3)
    plan = _policy().plan(tracker, domain)
    assert plan == reply, plan
    said = domain.responses[plan[0]][0]["text"]
    assert "911" in said and said.index("911") < said.index("988")


@pytest.mark.parametrize("text", ["no i havent passed out", "never fainted, just dizzy", "no, i didnt black out",
                                  "what if i pass out", "no me he desmayado", "i feel like i might pass out"])
def test_no_or_what_if_is_not_fainting_that_happened(text):
    assert not fainted(text)


def test_passing_out_with_no_eating_or_medical_context_is_left_to_the_risk_screen(domain):
    menu = ("hi", "greet", ["utter_greet", "utter_menu"])
    tracker = _with_message(_conversation(domain, [menu]), "i passed out for a sec", "share_feelings", 0.3)
    assert "utter_emergency_fainting" not in _policy().plan(tracker, domain)


# ---- explicit consent to a contact request --------------------------------------------------------------------

CONSENT = ("can i talk to someone from the program", "contact_human",
           ["action_contact_handoff", "utter_contact_ask_consent"])
CONSENT_ES = ("quiero hablar con alguien del programa", "contact_human",
              ["action_contact_handoff", "utter_contact_ask_consent"])


@pytest.mark.parametrize("text, before", [("eh?", CONSENT_ES), ("hmm i guess", CONSENT), ("maybe??", CONSENT),
                                          ("no sé", CONSENT_ES), ("eh", CONSENT)])
def test_an_unsure_answer_the_classifier_took_for_yes_to_the_request_question_is_asked_again(domain, text, before):
    tracker = _with_message(_conversation(domain, [before]), text, "affirm", 0.4)
    plan = _policy().plan(tracker, domain)
    assert plan == ["utter_dlg_clarify_contact"], plan
    assert [b["payload"] for b in domain.responses[plan[0]][0]["buttons"]] == ["/contact_human", "/menu"]


@pytest.mark.parametrize("text", ["yes", "yes pls", "sí por favor", "ok", "yeah go ahead"])
def test_a_yes_to_the_request_question_starts_the_request(domain, text):
    tracker = _with_message(_conversation(domain, [CONSENT]), text, "affirm", 0.9)
    assert _policy().plan(tracker, domain) in ([], ["contact_request_form"])  # the rule's form, or picked here
