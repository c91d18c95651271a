"""The crisis path is decided by CrisisPolicy; these tests run it on hand-built conversations."""

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from extensions.crisis_policy import CrisisPolicy


@pytest.fixture(scope="module")
def policy():
    return CrisisPolicy(CrisisPolicy.get_default_config(), None, None, ExecutionContext(GraphSchema({}), "t"))


def next_action(policy, domain, events):
    tracker = DialogueStateTracker.from_events("t", events, domain.slots)
    prediction = policy.predict_action_probabilities(tracker, domain)
    if max(prediction.probabilities) == 0:
        return None
    return domain.action_names_or_texts[prediction.max_confidence_index]


def user(intent, text="x", **parse):
    """One user turn; `parse` adds parse-data keys such as risk_level and risk_kind."""
    return [ActionExecuted("action_listen"), UserUttered(text, {"name": intent, "confidence": 1.0}, parse_data=parse)]


def test_crisis_message_is_answered_with_the_static_crisis_reply_first(policy, domain):
    assert next_action(policy, domain, user("crisis")) == "utter_crisis"


def test_then_the_handoff_action_then_the_options_then_listen(policy, domain):
    events = user("crisis") + [ActionExecuted("utter_crisis")]
    assert next_action(policy, domain, events) == "action_crisis_handoff"
    events.append(ActionExecuted("action_crisis_handoff"))
    assert next_action(policy, domain, events) == "utter_crisis_options"
    events.append(ActionExecuted("utter_crisis_options"))
    assert next_action(policy, domain, events) == "action_listen"


def test_crisis_in_the_middle_of_a_form_closes_the_form(policy, domain):
    events = [ActiveLoop("some_form"), SlotSet("requested_slot", "x")] + user("crisis")
    events.append(ActionExecuted("utter_crisis"))
    assert next_action(policy, domain, events) == "action_deactivate_loop"


def test_crisis_wins_over_an_active_form_in_the_ensemble_ordering(policy, domain):
    events = [ActiveLoop("some_form")] + user("crisis")
    tracker = DialogueStateTracker.from_events("t", events, domain.slots)
    prediction = policy.predict_action_probabilities(tracker, domain)
    # Marked like a loop's happy-path prediction, and with a higher priority than RulePolicy (6).
    assert prediction.is_no_user_prediction and prediction.policy_priority > 6


def test_yes_to_the_suicide_check_question_is_a_crisis(policy, domain):
    events = [ActionExecuted("utter_urge_suicide_check")] + user("affirm", "yes")
    assert next_action(policy, domain, events) == "utter_crisis"


def test_yes_to_any_other_question_is_not_a_crisis(policy, domain):
    events = [ActionExecuted("utter_menu")] + user("affirm")
    assert next_action(policy, domain, events) is None


def test_other_messages_are_left_to_the_other_policies(policy, domain):
    assert next_action(policy, domain, user("greet")) is None


# ---- risk levels (issue 11) ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind",
    ["overdose", "bleeding", "shock", "burn_chemical", "burn_electrical", "burn_severe", "fainting", "heart",
     "confusion", "vomiting_blood", "seizure", "plan_means"],
)
def test_each_emergency_kind_gets_its_own_first_reply(policy, domain, kind):
    events = user("crisis", risk_level="imminent", risk_kind=kind)
    assert next_action(policy, domain, events) == f"utter_emergency_{kind}"
    events.append(ActionExecuted(f"utter_emergency_{kind}"))
    assert next_action(policy, domain, events) == "action_crisis_handoff"


def test_someone_else_in_danger_now_gets_the_urgent_helper_reply_and_no_options_for_themselves(policy, domain):
    events = user("crisis", risk_level="third_party", risk_kind="urgent")
    assert next_action(policy, domain, events) == "utter_crisis_someone_else_urgent"
    events += [ActionExecuted("utter_crisis_someone_else_urgent"), ActionExecuted("action_crisis_handoff")]
    assert next_action(policy, domain, events) == "action_listen"


def test_someone_else_worried_about_gets_the_helper_reply(policy, domain):
    events = user("crisis", risk_level="third_party", risk_kind="worried")
    assert next_action(policy, domain, events) == "utter_crisis_someone_else"


@pytest.mark.parametrize(
    "answer, first_reply",
    [
        ("yes", "utter_crisis"),
        ("maybe", "utter_crisis_after_unsure"),
        ("i guess", "utter_crisis_after_unsure"),
        ("idk", "utter_crisis_after_unsure"),
        ("yes but i won't act on it", "utter_crisis_after_yes_but"),
    ],
)
def test_yes_and_hedged_answers_get_the_crisis_reply_worded_for_them(policy, domain, answer, first_reply):
    for question in ("utter_risk_check", "utter_urge_suicide_check"):
        events = [ActionExecuted(question)] + user("deny", answer)
        assert next_action(policy, domain, events) == first_reply, (question, answer)


@pytest.mark.parametrize("thanks", ["gracias", "thank you", "merci", "ok thanks"])
def test_thanks_in_any_language_is_never_read_as_yes_even_if_the_classifier_says_affirm(policy, domain, thanks):
    events = [ActionExecuted("utter_risk_check")] + user("affirm", thanks)
    assert next_action(policy, domain, events) == "utter_risk_answer_other"


def test_a_clear_no_the_classifier_missed_still_carries_on(policy, domain):
    events = [ActionExecuted("utter_risk_check")] + user("greet", "nah im good")
    assert next_action(policy, domain, events) == "utter_risk_check_no"
    events.append(ActionExecuted("utter_risk_check_no"))
    assert next_action(policy, domain, events) == "utter_menu"


def test_a_no_in_the_middle_of_a_form_is_left_to_the_form_which_asks_its_step_again(policy, domain):
    events = [ActiveLoop("safety_plan_form"), ActionExecuted("utter_risk_check")]
    events += user("share_feelings", "no, im not going to do anything")
    assert next_action(policy, domain, events) is None, "the menu would drop the person's safety plan"


def test_no_nothing_like_that_with_what_is_going_on_instead_carries_on(policy, domain):
    answer = user("share_feelings", "nah nothing like that, my boss is a nightmare")
    events = [ActionExecuted("utter_risk_check")] + answer
    assert next_action(policy, domain, events) == "utter_risk_check_no"


def test_a_clear_no_the_classifier_got_is_left_to_the_flow(policy, domain):
    events = [ActionExecuted("utter_risk_check")] + user("deny", "no")
    assert next_action(policy, domain, events) is None


def test_the_classifier_lean_asks_once_and_not_again_after_no(policy, domain):
    first = user("share_feelings", "ugh", risk_level="signal")
    assert next_action(policy, domain, first) == "utter_risk_check"
    events = first + [ActionExecuted("utter_risk_check")] + user("deny", "no") + [
        ActionExecuted("utter_risk_check_no"), ActionExecuted("utter_menu")]
    events += user("share_feelings", "work was long", risk_level="signal")
    assert next_action(policy, domain, events) is None


def test_a_new_topic_starts_a_new_episode_for_the_lean(policy, domain):
    events = [ActionExecuted("utter_risk_check")] + user("deny", "no") + [ActionExecuted("utter_risk_check_no")]
    events += user("medication", "about my meds") + [ActionExecuted("utter_medication_ask_reason")]
    events += user("share_feelings", "ugh", risk_level="signal")
    assert next_action(policy, domain, events) == "utter_risk_check"


def test_a_new_risk_signal_asks_again_after_no(policy, domain):
    events = [ActionExecuted("utter_risk_check")] + user("deny", "no") + [ActionExecuted("utter_risk_check_no")]
    events += user("risk_check", "honestly nothing matters anymore", risk_level="signal")
    assert next_action(policy, domain, events) == "utter_risk_check"


def test_no_risk_level_means_no_question(policy, domain):
    assert next_action(policy, domain, user("share_feelings", "long day", risk_level="none")) is None


def test_a_risk_signal_as_the_answer_is_read_as_not_sure_not_asked_again(policy, domain):
    events = [ActionExecuted("utter_risk_check")] + user(
        "risk_check", "no... but honestly nothing matters anymore", risk_level="signal")
    assert next_action(policy, domain, events) == "utter_crisis_after_unsure"


LEVEL_NET_SIGNAL = {"risk_level": "signal", "entities": [{"entity": "risk", "value": "level_net"}]}


def test_a_signal_only_the_level_net_saw_is_a_forms_answer_but_a_pattern_signal_still_asks(policy, domain):
    in_plan = [ActiveLoop("safety_plan_form"), SlotSet("requested_slot", "safety_plan_warning_signs")]
    learnt = in_plan + user("risk_check", "everything feels far away", **LEVEL_NET_SIGNAL)
    assert next_action(policy, domain, learnt) is None, "a warning sign is the step's answer"
    pattern = in_plan + user("risk_check", "i feel so hopeless", risk_level="signal")
    assert next_action(policy, domain, pattern) == "utter_risk_check"
    outside = user("risk_check", "everything feels far away", **LEVEL_NET_SIGNAL)
    assert next_action(policy, domain, outside) == "utter_risk_check", "outside a form the question is asked"


def _ok_then(question, reply_text, intent="share_feelings", between=("utter_risk_answer_other",)):
    """The question, an "ok" the bot answered with "thank you, I'm here", then `reply_text`."""
    # Rasa runs action_extract_slots after every user message, before any policy's action.
    events = [ActionExecuted(question)] + user("affirm", "ok") + [ActionExecuted("action_extract_slots")]
    events += [ActionExecuted(a) for a in between]
    return events + user(intent, reply_text) + [ActionExecuted("action_extract_slots")]


@pytest.mark.parametrize(
    "question, between",
    [
        ("utter_privacy_reporting", ("utter_risk_answer_other", "utter_privacy_more")),
        ("utter_risk_check", ("utter_risk_answer_other",)),
    ],
)
@pytest.mark.parametrize(
    "reply, first_reply",
    [
        ("idk maybe i kinda am", "utter_crisis_after_unsure"),
        ("i think i am tbh", "utter_crisis_after_unsure"),
        ("yeah i am", "utter_crisis"),
    ],
)
def test_after_ok_a_disclosure_one_reply_later_still_gets_the_crisis_reply(policy, domain, question, between,
                                                                           reply, first_reply):
    # Found talking to the bot: the privacy answer invites "you can say so here"; "ok" got "thank you, I'm
    # here", and then "idk maybe i kinda am" got "didn't follow, is it about privacy?".
    events = _ok_then(question, reply, between=between)
    assert next_action(policy, domain, events) == first_reply


def test_after_ok_a_bare_yes_answers_what_came_in_between_not_the_suicide_question(policy, domain):
    # "Anything else about privacy?" -> "yes": more privacy questions, not a disclosure.
    between = ("utter_risk_answer_other", "utter_privacy_more")
    events = _ok_then("utter_privacy_reporting", "yes", intent="affirm", between=between)
    assert next_action(policy, domain, events) is None
    events = _ok_then("utter_privacy_reporting", "how long do you keep my messages", intent="privacy_storage",
                      between=between)
    assert next_action(policy, domain, events) is None


def test_the_question_stays_open_for_one_reply_only(policy, domain):
    events = _ok_then("utter_risk_check", "cool") + [ActionExecuted("utter_dlg_next_menu")]
    events += user("share_feelings", "idk maybe i kinda am")
    assert next_action(policy, domain, events) is None


def test_late_in_a_long_conversation_the_question_is_still_found_after_ok(policy, domain):
    """Late in a conversation the policy reads only its recent end; that end must reach back to the question."""
    earlier = []
    for _ in range(6):
        earlier += user("greet", "hey") + [ActionExecuted("utter_greet"), ActionExecuted("utter_menu")]
    between = ("utter_risk_answer_other", "utter_dlg_next_privacy")
    events = earlier + _ok_then("utter_privacy_reporting", "idk maybe i kinda am", intent="not_sure", between=between)
    assert next_action(policy, domain, events) == "utter_crisis_after_unsure"


def test_the_dialogue_layer_leaves_that_reply_to_the_crisis_policy(domain):
    """DialoguePolicy (priority 8) answered it with "didn't follow, is it about privacy?" before."""
    from extensions.dialogue_policy import DialoguePolicy

    dialogue = DialoguePolicy(DialoguePolicy.get_default_config(), None, None, ExecutionContext(GraphSchema({}), "t"))
    between = ("utter_risk_answer_other", "utter_dlg_next_privacy")
    events = _ok_then("utter_privacy_reporting", "idk maybe i kinda am", intent="not_sure", between=between)
    assert next_action(dialogue, domain, events) is None


# ---- ans13: unclear replies to the direct question, and hedges to "are you safe tonight?" ------------------------
# Found by a tester talking to the bot as new users: "ok", "k", "ok done", "🙂" to the question got "Thank you. I'm
# here whenever you want to keep talking" (8 of 8), "whatever" and "lol" got "Sorry, I didn't quite catch that" and
# the question was dropped, and "ok ill try" to "Are you safe tonight?" got "I'm really glad you're safe".

RECHECK = {"utter_risk_check": "utter_risk_recheck", "utter_urge_suicide_check": "utter_urge_suicide_recheck"}
UNCLEAR = [
    ("okk", "affirm"), ("k", "affirm"), ("ok done", "affirm"), ("🙂", "nlu_fallback"), ("whatevs", "nlu_fallback"),
    ("lmao", "nlu_fallback"), ("??", "nlu_fallback"), ("idc", "nlu_fallback"), ("hmmm", "nlu_fallback"),
    ("eh", "nlu_fallback"), ("ajá", "affirm"), ("pues", "nlu_fallback"), ("equis", "nlu_fallback"),
    ("no sé qué decir", "not_sure"), ("Ok.", "affirm"), ("whatever lol", "out_of_scope"),
]


def _asked(question, text, intent):
    return [ActionExecuted(question)] + user(intent, text) + [ActionExecuted("action_extract_slots")]


@pytest.mark.parametrize("question", sorted(RECHECK))
@pytest.mark.parametrize("text, intent", UNCLEAR)
def test_an_unclear_reply_to_the_question_gets_it_asked_once_more_in_other_words(policy, domain, question, text,
                                                                                   intent):
    assert next_action(policy, domain, _asked(question, text, intent)) == RECHECK[question]


def test_the_question_asked_once_more_says_any_answer_is_okay_and_offers_not_sure(domain):
    for name in set(RECHECK.values()):
        variant = domain.responses[name][0]
        text = variant["text"]
        assert "Any answer is okay" in text and "ending your life" in text and "911" in text
        assert [b["payload"] for b in variant["buttons"]] == ["/affirm", "/deny", "/not_sure"]
        assert text != domain.responses["utter_risk_check"][0]["text"]


@pytest.mark.parametrize("question", sorted(RECHECK))
@pytest.mark.parametrize("text, intent", [("okk", "affirm"), ("lmao", "nlu_fallback"), ("idk", "not_sure"),
                                          ("🙂", "nlu_fallback"), ("/not_sure", "not_sure")])
def test_an_unclear_reply_to_the_second_asking_is_read_as_not_being_sure(policy, domain, question, text, intent):
    events = _asked(question, "k", "affirm") + [ActionExecuted(RECHECK[question])]
    events += user(intent, text) + [ActionExecuted("action_extract_slots")]
    assert next_action(policy, domain, events) == "utter_crisis_after_unsure"
    events.append(ActionExecuted("utter_crisis_after_unsure"))
    assert next_action(policy, domain, events) == "action_crisis_handoff"


@pytest.mark.parametrize(
    "question, no_reply",
    [("utter_risk_check", "utter_risk_check_no"), ("utter_urge_suicide_check", "utter_urge_check_no")],
)
@pytest.mark.parametrize("text, intent", [("nope not at all", "deny"), ("/deny", "deny"), ("nah im good", "greet")])
def test_a_clear_no_to_the_second_asking_carries_on_as_after_the_first(policy, domain, question, no_reply, text,
                                                                        intent):
    events = _asked(question, "lmao", "nlu_fallback") + [ActionExecuted(RECHECK[question])]
    events += user(intent, text) + [ActionExecuted("action_extract_slots")]
    assert next_action(policy, domain, events) == no_reply


@pytest.mark.parametrize(
    "text, intent, reply",
    [("yeah i am", "affirm", "utter_crisis"), ("/affirm", "affirm", "utter_crisis"),
     ("kinda honestly", "not_sure", "utter_crisis_after_unsure")],
)
def test_a_yes_or_a_hedge_to_the_second_asking_gets_the_crisis_reply_worded_for_it(policy, domain, text, intent,
                                                                                     reply):
    events = _asked("utter_risk_check", "whatevs", "nlu_fallback") + [ActionExecuted("utter_risk_recheck")]
    events += user(intent, text) + [ActionExecuted("action_extract_slots")]
    assert next_action(policy, domain, events) == reply


def test_an_emoji_of_distress_is_read_as_not_being_sure_at_once(policy, domain):
    events = _asked("utter_risk_check", "😭😭", "nlu_fallback")
    assert next_action(policy, domain, events) == "utter_crisis_after_unsure"


@pytest.mark.parametrize("thanks", ["thank you so much", "gracias"])
def test_thanks_to_the_question_still_gets_the_thank_you_reply_not_the_second_asking(policy, domain, thanks):
    assert next_action(policy, domain, _asked("utter_risk_check", thanks, "affirm")) == "utter_risk_answer_other"


def test_a_new_topic_after_the_question_is_still_left_to_the_topic(policy, domain):
    events = _asked("utter_risk_check", "how do i clean a scrape on my knee", "wound_care")
    assert next_action(policy, domain, events) is None


def test_ok_to_the_privacy_answers_invitation_is_not_asked_again(policy, domain):
    """The privacy answer ends with an invitation, not a question: "ok" there keeps its "thank you, I'm here"."""
    assert next_action(policy, domain, _asked("utter_privacy_reporting", "okk", "affirm")) == "utter_risk_answer_other"


def test_in_a_form_an_unclear_reply_is_read_as_before(policy, domain):
    events = [ActiveLoop("safety_plan_form")] + _asked("utter_risk_check", "lmao", "nlu_fallback")
    assert next_action(policy, domain, events) not in ("utter_risk_recheck", "utter_crisis_after_unsure")


@pytest.mark.parametrize("text", ["ok ill try", "i think so", "idk", "maybe", "hopefully", "i guess so",
                                  "creo que sí", "lo voy a intentar"])
def test_a_hedge_to_are_you_safe_tonight_gets_the_reply_for_not_being_sure_you_are_safe(domain, text):
    from tests.test_dialogue_policy import CRISIS_REPLY, _conversation, _policy, _with_message

    turns = [CRISIS_REPLY, ("school, my dad, everything honestly", "nlu_fallback", ["utter_dlg_crisis_heard"])]
    tracker = _with_message(_conversation(domain, turns), text, "affirm", 0.9, level="none")
    plan = _policy().plan(tracker, domain)
    assert plan == ["utter_dlg_crisis_unsure_safe"], plan
    said = domain.responses[plan[0]][0]["text"]
    assert "988" in said and "911" in said and "with someone" in said and "distance" in said
    assert "glad you're safe" not in said


@pytest.mark.parametrize("text", ["yes", "im safe", "yeah im safe for tonight"])
def test_a_clear_yes_to_are_you_safe_tonight_still_gets_glad(domain, text):
    from tests.test_dialogue_policy import CRISIS_REPLY, _conversation, _policy, _with_message

    turns = [CRISIS_REPLY, ("school, my dad, everything honestly", "nlu_fallback", ["utter_dlg_crisis_heard"])]
    tracker = _with_message(_conversation(domain, turns), text, "affirm", 0.9, level="none")
    assert _policy().plan(tracker, domain) == ["utter_dlg_emergency_safe_now"]
