"""Helping someone else: what a helper reads (no forced promises, asking directly about suicide, 911 and
988 for someone else), the youth and family lines from the directory, and "they" in wound care."""

import re

import pytest
import yaml

from actions.helping_someone import ActionHelpingYouth
from extensions import language
from harmbot import content
from harmbot import domain as domain_text
from tests.action_helpers import edited_directory, run_action, texts
from tests.flow_content import METHOD_WORDS, ROOT, nlu_examples, payloads, text

HELPER_INTENTS = ["helping_someone", "helping_disclosure", "helping_wound", "helping_self_care",
                  "helping_emergency", "helping_youth", "helping_says_fine", "helping_secret", "helping_means"]
# Wound responses a helper reaches from the helper's wound question, and the wound question itself (a typed
# wound question later in a helper conversation gets it).
HELPER_WOUND_RESPONSES = ["utter_wound_ask", "utter_wound_emergency", "utter_wound_same_day", "utter_wound_cut",
                          "utter_wound_burn", "utter_wound_gaping"]


@pytest.mark.parametrize("intent", HELPER_INTENTS)
def test_every_helper_intent_has_at_least_25_examples(intent):
    assert len(set(nlu_examples("helping_someone", intent))) >= 25


def test_disclosure_advice_asks_no_promise_and_asks_directly_about_suicide():
    said = text("utter_helping_disclosure")
    assert "don't need them to promise to stop" in said
    assert "Are you having thoughts of ending your life?" in said
    assert "doesn't put the idea in their head" in said
    assert "988" in said
    for wrong in ["make them promise", "take everything away", "attention"]:
        assert wrong not in said.lower()


def test_danger_now_gives_911_staying_if_safe_and_988_for_people_worried_about_someone():
    said = text("utter_helping_emergency")
    assert said.index("call 911") < said.index("988")
    assert "Stay with them if it's safe for you" in said
    assert "worried about someone else" in said


# Questions helpers type in the middle of the conversation, not topics to pick from the options.
HELPER_FOLLOW_UPS = {"helping_someone", "helping_says_fine", "helping_secret"}


def test_helper_options_cover_every_helper_topic():
    assert set(payloads("utter_helping_options")) == {f"/{i}" for i in HELPER_INTENTS if i not in HELPER_FOLLOW_UPS}


def test_youth_lines_give_ct_youth_mobile_crisis_with_checked_date_then_family_support():
    said = texts(run_action(ActionHelpingYouth()))
    youth = content.entry("ct_youth_mobile_crisis")
    assert youth["how"] in said and f"(checked {content.verified_on(youth)})" in said
    assert "press 1" in said
    assert content.entry("nami_helpline")["how"] in said
    assert said.index(youth["how"]) < said.index("Support for you")
    assert "988" in said


def test_a_region_without_youth_lines_says_so_and_does_not_guess(monkeypatch):
    edited_directory(monkeypatch, lambda d: d["regions"]["CT"].update(
        lines=[e for e in d["regions"]["CT"]["lines"] if "youth_helper" not in e.get("topics", [])]))
    said = texts(run_action(ActionHelpingYouth()))
    assert "I don't have a checked youth crisis line" in said and "988" in said


def test_youth_messages_fit_an_sms():
    assert all(len(m["text"]) <= content.MESSAGE_LIMIT for m in run_action(ActionHelpingYouth()))


@pytest.mark.parametrize("name", HELPER_WOUND_RESPONSES)
def test_wound_care_for_a_helper_says_they_not_you(name):
    variants = domain_text.responses()[name]
    helper = [v for v in variants if {"name": "for_someone_else", "type": "slot", "value": True}
              in (v.get("condition") or [])]
    assert helper, f"{name} has no variant for someone helping"
    assert " they " in f" {helper[0]['text']} " or "their" in helper[0]["text"]
    assert " you feel faint" not in helper[0]["text"]


def test_the_helper_wound_question_leads_to_those_responses():
    offered = set(payloads("utter_helping_wound"))
    assert offered == {"/wound_emergency", "/wound_same_day", "/wound_cut", "/wound_burn"}


def test_the_slot_is_set_by_helper_intents_and_cleared_by_the_persons_own_urge():
    slot = yaml.safe_load((ROOT / "domain" / "helping_someone.yml").read_text())["slots"]["for_someone_else"]
    setting = {m["value"]: set(m["intent"]) for m in slot["mappings"]}
    assert setting[True] == set(HELPER_INTENTS)
    assert {"self_harm_urge", "coping_alternatives"} <= setting[False]
    assert slot["influence_conversation"] is False


def test_the_menu_offers_helping_someone_else():
    assert "/helping_someone" in payloads("utter_menu")


# par14: "should i take her razors away" got the medication dose decline. Taking things away, searching their room or
# watching them: no force or punishment, talk together, giving things is their choice, and suicide is different
# (means out of reach, 988, 911). clinical-facts §2.7; clinical-facts-2 §4.
def test_should_i_take_things_away_gets_no_force_talk_together_and_suicide_is_different():
    said = text("utter_helping_means")
    for meant in ["by force or as a punishment", "power struggle", "search their room or watch them all the time",
                  "talk together", "they might choose to give you things", "If they're thinking of suicide",
                  "harder to reach", "988", "call 911"]:
        assert meant in said, meant
    assert said.index("988") < said.index("911")  # 911 closes it: danger now
    for wrong in ["take everything away", "attention", "dose", "make them promise"]:
        assert wrong not in said.lower()
    assert not METHOD_WORDS.search(said)  # no implements named back to them


def test_should_i_take_things_away_in_spanish_has_the_same_numbers_and_no_implements():
    said = language.spanish_responses()["utter_helping_means"][0]["text"]
    assert "a la fuerza" in said and "castigo" in said and "hablar juntos" in said
    assert "988" in said and "marca 2" in said and "911" in said
    assert not re.search(r"\b(navajas?|cuchillas?|encendedor(es)?|pastillas)\b", said)
    assert len(said) <= content.MESSAGE_LIMIT and len(text("utter_helping_means")) <= content.MESSAGE_LIMIT


def test_helper_options_offer_the_taking_things_away_question():
    assert "/helping_means" in payloads("utter_helping_options")
    spanish = language.spanish_responses()["utter_helping_options"][0]["buttons"]
    assert "/helping_means" in [b["payload"] for b in spanish]
