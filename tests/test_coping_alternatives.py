"""Coping ideas: matched to the need, safe to read (cold cautions, no rubber bands), SMS-sized."""

import asyncio
import re

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.coping_alternatives import ActionCopingFunction, need_for, need_from_text, needs
from tests.flow_content import COLD, COLD_CAUTIONS, METHOD_WORDS, nlu_examples, payloads, responses, rules, text


@pytest.mark.parametrize(
    "answer, need",
    [
        ("it helps me let the anger out", "anger"),
        ("i get so frustrated", "anger"),
        ("it makes me feel something when im numb", "numb"),
        ("i feel empty", "numb"),
        ("it calms me down", "calm"),
        ("to punish myself", "punish"),
        ("i feel like i deserve it", "punish"),
        ("it shows people how much it hurts", "express"),
        ("its the only thing i can control", "control"),
        ("skip", "unsure"),
        ("idk", "unsure"),
        ("it made me feel better", "unsure"),
    ],
)
def test_typed_answer_gets_ideas_for_the_need_it_describes(answer, need):
    assert need_from_text(answer) == need


def test_button_choice_wins_over_the_words_typed():
    assert need_for("control", "i get so angry") == "control"


def test_unknown_button_value_falls_back_to_the_words():
    assert need_for("made-up", "i feel numb") == "numb"


def test_action_sets_the_need_from_the_button():
    tracker = Tracker(
        "t", {}, {"text": '/coping_function{"urge_function":"calm"}',
                  "entities": [{"entity": "urge_function", "value": "calm"}]},
        [], False, None, {}, "",
    )
    events = asyncio.run(ActionCopingFunction().run(CollectingDispatcher(), tracker, {}))
    assert events == [SlotSet("urge_function", "calm")]


@pytest.mark.parametrize("need", ["anger", "numb", "calm", "punish", "express", "control", "unsure"])
def test_every_need_has_two_sets_of_two_to_four_ideas(need):
    assert need in needs()
    for name in (f"utter_coping_ideas_{need}", f"utter_coping_more_{need}"):
        ideas = [line for line in text(name).splitlines() if line.startswith("- ")]
        assert 2 <= len(ideas) <= 4, name


def test_question_offers_every_need_plus_not_sure_and_skip():
    offered = payloads("utter_coping_ask_function")
    for need in ["anger", "numb", "calm", "punish", "express", "control", "unsure"]:
        assert f'/coping_function{{"urge_function":"{need}"}}' in offered
    assert "/deny" in offered  # Skip


def test_every_cold_idea_is_brief_wrapped_and_carries_its_cautions():
    cold = {name: text(name) for name in responses("utter_coping_") if COLD.search(text(name))}
    assert cold, "the numb set should still offer the ice idea, with its cautions"
    for name, said in cold.items():
        for caution in COLD_CAUTIONS:
            assert caution in said, f"{name} lacks '{caution}'"


def test_no_rubber_bands_or_method_words_in_coping_ideas():
    for name in responses("utter_coping_"):
        said = text(name).lower()
        assert "rubber" not in said and "elastic" not in said and "snap" not in said, name
        assert not METHOD_WORDS.search(said), name


def test_framed_as_a_window_of_time_not_a_cure():
    assert "window of time" in text("utter_coping_intro")


def test_follow_up_offers_another_idea_a_different_feeling_or_the_menu():
    assert payloads("utter_coping_next") == ["/coping_more", "/coping_alternatives", "/menu"]


def test_every_coping_message_fits_an_sms_conversation():
    for name in responses("utter_coping_"):
        assert len(text(name)) < 600, name


def test_coping_alternatives_has_thirty_varied_examples():
    examples = nlu_examples("coping_alternatives", "coping_alternatives")
    assert len(set(e.lower() for e in examples)) >= 30


# ---- stress or overwhelm, with no self-harm said (content7) ----------------------------------------------------

STRESS_REPLIES = ["utter_coping_stress", "utter_coping_stress_next"]
URGE_WORDS = re.compile(r"\b(urges?|self[- ]?harm\w*|hurt(ing)? yourself|cut(ting)?|punish\w*|sh)\b", re.IGNORECASE)


def _rule_actions(intent, before=()):
    """The actions a coping rule takes for `intent` when the bot's actions `before` it are exactly those."""
    for rule in rules("coping_alternatives"):
        steps = rule["steps"]
        at = next((i for i, s in enumerate(steps) if s.get("intent") == intent), None)
        if at is not None and [s.get("action") for s in steps[:at]] == list(before):
            return [s["action"] for s in steps[at + 1:]]
    return None


def test_coping_ideas_for_stress_get_ideas_for_the_feeling_not_the_urge_question():
    assert _rule_actions("coping_stress") == STRESS_REPLIES


def test_the_coping_topic_picked_right_after_venting_does_not_assume_an_urge():
    assert _rule_actions("coping_alternatives", ["utter_share_feelings", "utter_menu"]) == STRESS_REPLIES


@pytest.mark.parametrize("name", [*STRESS_REPLIES, "utter_dlg_stress_more", "utter_dlg_next_stress"])
def test_the_stress_replies_never_mention_an_urge_or_self_harm_or_numbers(name):
    said = text(name)
    assert "/coping_alternatives" not in payloads(name) and "/coping_more" not in payloads(name)
    assert not URGE_WORDS.search(said), said
    assert not re.search(r"\d", said), said
    assert len(said) < 600


def test_the_stress_ideas_are_a_short_list_and_lead_to_a_person_or_the_menu():
    ideas = [line for line in text("utter_coping_stress").splitlines() if line.startswith("- ")]
    assert 2 <= len(ideas) <= 4
    assert payloads("utter_coping_stress_next") == ["/peer_support", "/menu"]


def test_coping_stress_has_twenty_varied_examples_that_never_name_self_harm():
    examples = nlu_examples("coping_alternatives", "coping_stress")
    assert len(set(e.lower() for e in examples)) >= 20
    assert not [e for e in examples if URGE_WORDS.search(e)]


# ---- sleep (content8: "any tips for sleep?" got the eating flow's pro-ana refusal, and there was no sleep reply) ----

SLEEP = "utter_coping_stress_sleep"


def test_a_sleep_question_gets_sleep_basics():
    assert _rule_actions("coping_sleep") == [SLEEP]


def test_the_sleep_reply_gives_the_basics_a_doctor_and_the_night_lines():
    said = text(SLEEP)
    for basic in ("same time every day", "Wind down", "screens", "caffeine", "20 minutes", "get up", "doctor"):
        assert basic in said, basic
    assert "988" in said and "741741" in said and "night" in said
    assert not URGE_WORDS.search(said.replace("urges or dark thoughts", "")), said
    assert not re.search(r"\b(pills?|melatonin|sleeping tablets?|dose)\b", said, re.IGNORECASE), said
    assert len(said) < 600


def test_the_sleep_reply_leads_back_to_coping_a_person_or_the_menu_not_the_urge_question():
    assert payloads(SLEEP) == ["/coping_stress", "/peer_support", "/menu"]


def test_sleep_study_and_stress_tips_are_taught_as_coping_and_pro_ana_tips_as_a_diet_request():
    sleep = nlu_examples("coping_alternatives", "coping_sleep")
    stress = nlu_examples("coping_alternatives", "coping_stress")
    assert len(set(e.lower() for e in sleep)) >= 20
    assert sum("tips" in e for e in sleep) >= 3 and sum("tips" in e for e in stress) >= 5
    assert any("study" in e for e in stress)
    diet = nlu_examples("eating_disorder", "eating_diet_request")
    assert any("ana tips" in e for e in diet)
    assert not [e for e in diet if re.search(r"\b(sleep\w*|study\w*|stress\w*|exams?)\b", e)]
