"""Helping someone else: what a helper reads (no forced promises, asking directly about suicide, 911 and
988 for someone else), the youth and family lines from the directory, and "they" in wound care."""

import re
import unicodedata

import pytest
import yaml

from actions.helping_someone import ActionHelpingYouth
from extensions import language
from harmbot import content
from harmbot import domain as domain_text
from tests.action_helpers import edited_directory, run_action, texts
from tests.flow_content import METHOD_WORDS, ROOT, nlu_examples, payloads, rules, text

HELPER_INTENTS = ["helping_someone", "helping_disclosure", "helping_wound", "helping_self_care",
                  "helping_emergency", "helping_youth", "helping_says_fine", "helping_secret", "helping_means",
                  "helping_tell", "helping_blame", "helping_treatment", "helping_eating"]
# Wound responses a helper reaches from the helper's wound question, and the wound question itself (a typed
# wound question later in a helper conversation gets it).
HELPER_WOUND_RESPONSES = ["utter_wound_ask", "utter_wound_emergency", "utter_wound_same_day", "utter_wound_cut",
                          "utter_wound_burn", "utter_wound_gaping"]


def plain(said: str) -> str:
    """Lower case without accents, so a check reads the words, not the typing."""
    return "".join(c for c in unicodedata.normalize("NFKD", said.lower()) if not unicodedata.combining(c))


def spanish_plain(name: str) -> str:
    """The Spanish reply of a response, plain (see `plain`)."""
    return " ".join(plain(language.spanish_responses()[name][0]["text"]).split())


def nlu_examples_all(intent: str) -> list:
    """Every example of an intent in data/nlu/helping_someone.yml, across its English and Spanish blocks."""
    data = yaml.safe_load((ROOT / "data" / "nlu" / "helping_someone.yml").read_text(encoding="utf-8"))
    return [line[2:].strip() for block in data["nlu"] if block.get("intent") == intent
            for line in block["examples"].splitlines() if line.startswith("- ")]


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
HELPER_FOLLOW_UPS = {"helping_someone", "helping_says_fine", "helping_secret", "helping_tell", "helping_blame",
                     "helping_treatment", "helping_eating"}


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


# A talk check as a parent: "do i tell her dad", "is this my fault", "can i make her see a therapist" were fallbacks.
# Who to tell, blaming yourself, getting them to a therapist: each its own reply, in English and Spanish, then the
# helper topics again (clinical-facts-2 §4).
ASKED_NEXT = ["helping_tell", "helping_blame", "helping_treatment"]


@pytest.mark.parametrize("intent", ASKED_NEXT)
def test_what_helpers_ask_next_gets_its_reply_then_the_helper_topics(intent):
    steps = [r["steps"] for r in rules("helping_someone") if r["steps"][0].get("intent") == intent]
    assert steps == [[{"intent": intent}, {"action": f"utter_helping_{intent[len('helping_'):]}"},
                      {"action": "utter_helping_more"}]]


@pytest.mark.parametrize("intent", ASKED_NEXT)
def test_what_helpers_ask_next_has_english_and_spanish_with_the_same_numbers(intent):
    name = f"utter_helping_{intent[len('helping_'):]}"
    english = text(name)
    spanish = language.spanish_responses()[name]
    assert len(spanish) == len(domain_text.responses()[name]) == 1
    numbers = re.compile(r"\b(911|988|2-1-1)\b")
    assert set(numbers.findall(spanish[0]["text"])) == set(numbers.findall(english)) >= {"988"}
    assert "marca 2" in spanish[0]["text"] and "AYUDA" in spanish[0]["text"]
    assert not METHOD_WORDS.search(english)
    for wrong in ["make them promise", "take everything away", "attention"]:
        assert wrong not in english.lower()


def test_who_to_tell_says_talk_with_them_first_safety_first_and_988():
    said = text("utter_helping_tell")
    for meant in ["okay to tell someone who can help", "school counselor", "talk with them first",
                  "together who to tell and how", "keeping them safe matters more than keeping the promise",
                  "988", "worried about someone else", "call 911"]:
        assert meant in said, meant
    assert said.index("988") < said.index("911")
    # Not the secret reply again: a different answer to a different question.
    assert "Their safety comes before a promise" not in said and "I care about you too much" not in said
    assert "hablalo antes" in spanish_plain("utter_helping_tell")


def test_is_this_my_fault_takes_no_blame_and_offers_988_for_the_helper():
    said = text("utter_helping_blame")
    for meant in ["natural to ask", "way of coping with feelings that are too much",
                  "can't take responsibility for causing", "staying calm, listening", "988 for yourself"]:
        assert meant in said, meant
    # No promises the facts don't make: the bot doesn't know the cause or the outcome.
    for unsupported in ["not your fault", "will stop", "will get better", "nothing to do with you"]:
        assert unsupported not in said.lower()
    assert "no puedes hacerte responsable de causar" in spanish_plain("utter_helping_blame")


def test_getting_them_to_a_therapist_avoids_a_power_struggle_and_gives_youth_mobile_crisis():
    said = text("utter_helping_treatment")
    for meant in ["power struggle", "help choose the support", "what you've noticed and that you care",
                  "offer to help find someone or to go with them", "doctor or a school counselor",
                  "under 18", "dial 2-1-1 and press 1", "988", "call 911"]:
        assert meant in said, meant
    assert "force" not in said.lower() and "make them go" not in said.lower()
    # The same fact as the directory's youth line ("Dial 2-1-1 and press 1 for crisis").
    assert content.entry("ct_youth_mobile_crisis")["how"].split(" for ")[0].lower() in said.lower()
    spanish = spanish_plain("utter_helping_treatment")
    assert "lucha de poder" in spanish and "2-1-1 y luego 1" in spanish and "a la fuerza" not in spanish


def test_help_in_spanish_for_a_helper_gives_988_press_2_and_ayuda_in_both_languages():
    # A helper asking where there is help in Spanish gets helping_emergency: its reply has the Spanish 988 line in
    # either language.
    assert "call 988 and press 2, or text AYUDA to 988" in " ".join(text("utter_helping_emergency").split())
    spanish = spanish_plain("utter_helping_emergency")
    assert "marca 2, o envia ayuda" in spanish and "2-1-1" in spanish and "911" in spanish
    assert any("espanol" in plain(e) for e in nlu_examples_all("helping_emergency"))


def test_being_told_with_no_secret_asked_for_is_not_a_secret_example():
    told = [e for e in nlu_examples("helping_someone", "helping_someone") if " told me " in f" {e} "]
    assert len(told) >= 5
    secret_words = re.compile(r"promis|prometer|secre|swear|swore|trust|confidence|betray|begged|keep quiet|"
                              r"dont tell|not to tell|if i told|anyone to know|find out|telling anyone|"
                              # Session 22: Spanish ("que no le diga a nadie", "no quiere que nadie se entere").
                              r"no le (diga|digas|cuente)|nadie se entere|nadie sepa")
    for example in nlu_examples_all("helping_secret"):
        assert secret_words.search(example), example

