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


def user(intent):
    return [ActionExecuted("action_listen"), UserUttered("x", {"name": intent, "confidence": 1.0})]


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
    events = [ActionExecuted("utter_urge_suicide_check")] + user("affirm")
    assert next_action(policy, domain, events) == "utter_crisis"


def test_yes_to_any_other_question_is_not_a_crisis(policy, domain):
    events = [ActionExecuted("utter_menu")] + user("affirm")
    assert next_action(policy, domain, events) is None


def test_other_messages_are_left_to_the_other_policies(policy, domain):
    assert next_action(policy, domain, user("greet")) is None
