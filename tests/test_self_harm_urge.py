"""An urge right now: steps that help, the direct suicide check asked last, and "no" goes on with choices."""

import re

from extensions.crisis_policy import CrisisPolicy
from tests.flow_content import METHOD_WORDS, nlu_examples, payloads, responses, rules, text

CHECK = "utter_urge_suicide_check"


def test_check_question_asks_directly_with_yes_and_no_buttons():
    assert "thoughts of ending your life" in text(CHECK)
    assert payloads(CHECK) == ["/affirm", "/deny"]


def test_crisis_policy_reads_yes_after_the_check_as_crisis():
    assert CHECK in CrisisPolicy.get_default_config()["check_questions"]


def test_check_is_always_the_last_message_of_its_turn():
    asked = 0
    for rule in rules("self_harm_urge"):
        steps = rule["steps"]
        for index, step in enumerate(steps):
            if step.get("action") == CHECK:
                asked += 1
                following = steps[index + 1] if index + 1 < len(steps) else {"intent": "(listen)"}
                assert "intent" in following, rule["rule"]
    assert asked >= 5  # after each of the four steps and after skipping them


def test_yes_to_the_check_is_documented_as_the_crisis_path():
    documented = [
        [s.get("action") or s.get("intent") for s in rule["steps"]] for rule in rules("self_harm_urge")
    ]
    assert [CHECK, "affirm", "utter_crisis", "action_crisis_handoff", "utter_crisis_options"] in documented


def test_no_continues_with_coping_ideas_wound_care_or_someone_to_talk_to():
    offered = payloads("utter_urge_next")
    for payload in ["/coping_alternatives", "/wound_care", "/peer_support"]:
        assert payload in offered


def test_steps_offered_are_delay_surfing_grounding_and_distance():
    steps = ["/urge_delay", "/urge_surf", "/urge_grounding", "/urge_distance"]
    assert payloads("utter_urge_options")[:4] == steps


def test_delay_is_fifteen_minutes_the_person_can_renew():
    said = text("utter_urge_delay")
    assert "15 minutes" in said and "another 15" in said and "choice" in said


def test_urge_surfing_makes_no_claim_about_how_many_minutes_an_urge_lasts():
    said = text("utter_urge_surf")
    assert "rise, peak and pass" in said
    assert not re.search(r"\d", said)


def test_grounding_counts_down_five_senses():
    said = text("utter_urge_grounding")
    for line in ["5 things you can see", "4 things you can touch", "3 things you can hear",
                 "2 things you can smell", "1 thing you can taste"]:
        assert line in said


def test_no_urge_message_names_a_method():
    for name in responses("utter_urge_"):
        assert not METHOD_WORDS.search(text(name)), name


def test_every_urge_message_fits_an_sms_conversation():
    for name in responses("utter_urge_"):
        assert len(text(name)) < 600, name


def test_self_harm_urge_has_thirty_examples_and_none_is_about_suicide():
    examples = nlu_examples("self_harm_urge", "self_harm_urge")
    assert len(set(e.lower() for e in examples)) >= 30
    suicidal = re.compile(r"kill myself|suicid|die|dead|end it|end my life|not be here", re.IGNORECASE)
    assert not [e for e in examples if suicidal.search(e)]
