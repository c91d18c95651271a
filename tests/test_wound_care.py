"""Wound care: the right route (911 now, care today, self-care), sourced first aid, no extra figures."""

import re

import pytest

from tests.flow_content import METHOD_WORDS, buttons, nlu_examples, payloads, responses, text

ALLOWED_FIGURES = {"10", "20", "911", "988"}


def test_question_routes_to_911_same_day_and_self_care():
    offered = payloads("utter_wound_ask")
    for payload in ["/wound_emergency", "/wound_same_day", "/wound_cut", "/wound_burn", "/wound_aftercare"]:
        assert payload in offered


def test_emergency_says_call_911_first_and_names_the_signs():
    said = text("utter_wound_emergency")
    assert said.startswith("Please call 911 now")
    for sign in ["spurts", "won't stop", "faint", "dizzy", "pale", "clammy", "fast breathing", "confused",
                 "white", "charred", "bigger than your hand", "chemical", "electrical"]:
        assert sign in said, sign


def test_same_day_care_names_its_thresholds():
    said = text("utter_wound_same_day")
    assert "urgent care" in said and "today" in said
    for sign in ["10 minutes of firm pressure", "gape", "stitches", "numbness", "tingling", "face", "hands",
                 "genitals", "joint", "stuck in it", "dirty"]:
        assert sign in said, sign


def test_burn_care_is_twenty_minutes_of_cool_running_water_and_no_ice_or_butter():
    said = text("utter_wound_burn")
    assert "cool running water for 20 minutes" in said
    assert "No ice" in said and "butter" in said and "creams" in said
    assert "Don't burst" in said
    assert "plastic wrap (cling film)" in said


def test_cut_care_is_pressure_clean_water_and_a_clean_non_fluffy_dressing():
    said = text("utter_wound_cut")
    for step in ["Press on it", "clean running water", "non-fluffy dressing", "change it"]:
        assert step in said, step


def test_aftercare_covers_infection_tetanus_kit_and_scars():
    infection = text("utter_wound_infection")
    assert "Redness that spreads" in infection and "fever" in infection
    assert "pharmacist or doctor" in text("utter_wound_tetanus")
    assert "non-fluffy dressings" in text("utter_wound_kit")
    scars = text("utter_wound_scars")
    assert "healed" in scars and "sun" in scars and "pharmacist" in scars


def test_wound_messages_hold_no_figures_beyond_the_sourced_ones():
    for name in responses("utter_wound_"):
        variants = [text(name)] + [b["title"] for b in buttons(name)]
        for said in variants:
            assert set(re.findall(r"\d+", said)) <= ALLOWED_FIGURES, (name, said)


def test_wound_messages_never_describe_how_to_injure():
    for name in responses("utter_wound_"):
        assert not METHOD_WORDS.search(text(name)), name


def test_every_wound_message_fits_an_sms_conversation():
    for name, variants in responses("utter_wound_").items():
        for variant in variants:  # each variant is one message (a helper's "they" variant is another)
            assert len(variant.get("text", "")) < 600, name


def test_wound_care_has_thirty_varied_examples():
    examples = nlu_examples("wound_care", "wound_care")
    assert len(set(e.lower() for e in examples)) >= 30



@pytest.mark.parametrize("intent", ["wound_gaping", "wound_hide_scars"])
def test_every_follow_up_has_at_least_25_examples(intent):
    assert len(set(nlu_examples("wound_care", intent))) >= 25


def test_a_gaping_cut_needs_care_today_and_strips_are_only_for_edges_that_meet():
    said = text("utter_wound_gaping")
    assert "needs a doctor today" in said and "911" in said
    assert "only for small cuts whose edges already meet" in said
    assert "don't try to hold a gaping cut shut" in said
    assert not METHOD_WORDS.search(said)


def test_covering_scars_is_answered_without_judgement():
    said = text("utter_wound_hide_scars")
    assert "Wanting to cover your scars is okay" in said
    for option in ["long sleeves", "scar-cover tape", "Make-up", "fully healed"]:
        assert option in said
    assert not METHOD_WORDS.search(said)
