"""The eating-disorder actions: the ANAD helpline with its honest hours and checked date, the 24/7
lines for other times, never the closed NEDA number, and the configurable video link. Follow-ups: very
low intake, purging risks, teeth, and a kind decline for diet and pro-ana requests, never with numbers."""

import re

import pytest

from actions.eating_disorder import ActionEatingHelpline, ActionEatingVideo
from harmbot import content
from tests.action_helpers import edited_directory, run_action, texts
from tests.flow_content import nlu_examples, payloads, rules, text


def test_helpline_gives_anads_number_hours_and_checked_date_from_the_directory():
    anad = content.entry("anad_helpline")
    said = texts(run_action(ActionEatingHelpline()))
    assert anad["how"] in said
    assert anad["hours"] in said
    assert f"(checked {content.verified_on(anad)})" in said


def test_helpline_offers_24_7_lines_for_the_hours_it_is_closed():
    messages = run_action(ActionEatingHelpline())
    assert "Outside those hours" in messages[-1]["text"]
    assert "988" in messages[-1]["text"] and "741741" in messages[-1]["text"]


def test_helpline_never_gives_the_closed_neda_number():
    said = texts(run_action(ActionEatingHelpline()))
    assert "931-2237" not in said
    assert "NEDA helpline closed" in said


def test_without_a_helpline_entry_it_says_so_and_still_gives_24_7_lines(monkeypatch):
    edited_directory(
        monkeypatch, lambda d: d.update(national=[e for e in d["national"] if e["id"] != "anad_helpline"])
    )
    said = texts(run_action(ActionEatingHelpline()))
    assert "I don't have a checked eating disorder helpline" in said
    assert "Outside those hours" not in said
    assert "988" in said


def test_video_link_is_the_one_the_deployer_configured(monkeypatch):
    edited_directory(
        monkeypatch, lambda d: d["regions"]["CT"]["program_video"].update(url="https://example.org/ed-video")
    )
    said = texts(run_action(ActionEatingVideo()))
    assert "https://example.org/ed-video" in said


def test_video_without_a_link_says_it_is_not_set_up(monkeypatch):
    edited_directory(monkeypatch, lambda d: d["regions"]["CT"].pop("program_video"))
    assert "isn't set up" in texts(run_action(ActionEatingVideo()))


def test_every_message_fits_an_sms():
    for action in (ActionEatingHelpline(), ActionEatingVideo()):
        assert all(len(m["text"]) <= content.MESSAGE_LIMIT for m in run_action(action))


FOLLOW_UPS = ["eating_low_intake", "eating_purging", "eating_teeth", "eating_diet_request"]
FOLLOW_UP_RESPONSES = ["utter_eating_low_intake", "utter_eating_low_intake_checkup", "utter_eating_purging",
                       "utter_eating_teeth", "utter_eating_diet_decline"]


@pytest.mark.parametrize("intent", FOLLOW_UPS)
def test_every_follow_up_has_at_least_25_examples(intent):
    assert len(set(nlu_examples("eating_disorder", intent))) >= 25


@pytest.mark.parametrize("name", FOLLOW_UP_RESPONSES)
def test_follow_ups_hold_no_numbers_at_all(name):
    assert not re.search(r"\d", text(name).replace("911", "")), text(name)


def test_low_intake_asks_about_warning_signs_and_yes_leads_to_them():
    assert "dizzy or faint" in text("utter_eating_low_intake")
    assert payloads("utter_eating_low_intake") == ["/affirm", "/deny"]
    yes = next(r for r in rules("eating_disorder")
               if r["steps"][0].get("action") == "utter_eating_low_intake" and r["steps"][1].get("intent") == "affirm")
    assert yes["steps"][2]["action"] == "utter_eating_warning_signs"


def test_purging_has_no_safe_amount_and_gives_the_911_signs():
    said = text("utter_eating_purging")
    assert "isn't an amount of purging that is safe" in said
    assert "Call 911" in said and "vomit blood" in said and "chest" in said


def test_teeth_advice_is_aftercare_with_a_dentist_and_no_recipes():
    said = text("utter_eating_teeth").lower()
    assert "rinsing your mouth with water" in said and "dentist" in said
    for recipe in ["baking soda", "bicarbonate", "minutes", "mouthwash"]:
        assert recipe not in said


def test_diet_and_pro_ana_requests_get_a_boundary_once_and_an_offer():
    said = text("utter_eating_diet_decline")
    assert said.count("I don't give") == 1 and "thinspo" in said
    assert "What I can do" in said
