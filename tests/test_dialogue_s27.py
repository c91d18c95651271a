"""Session 27's dialogue fix, from a run through the servers as a new user: a white part told after the red-burn
self-care reply got "didn't follow" (the emergency net raises some wordings of a white burn and not others)."""

from __future__ import annotations

import pytest
from rasa.shared.core.events import ActionExecuted

from tests.test_dialogue_dlg12 import _policy, _tracker, _user

AFTER_RED_BURN = [
    *_user("i burned my arm on the stove", "wound_care"),
    ActionExecuted("utter_wound_ask"),
    *_user("its red and stings a bit", "nlu_fallback"),
    ActionExecuted("utter_dlg_wound_burn_red_warm"),
]
AFTER_CUT = [*_user("i cut my arm earlier", "wound_care"), ActionExecuted("utter_wound_ask")]


def _said(domain, before, text):
    return _policy()._next_action(_tracker(domain, [*before, *_user(text, "nlu_fallback")]), domain)[0]


@pytest.mark.parametrize("text", [
    "actually part of it looks white",
    "hmm the middle went kinda whitish",
    "some of it is charred looking",
    "wait i cant feel it at all",
    "its bigger than my palm actually",
    "una parte se ve blanca",
])
def test_a_911_sign_told_after_the_red_burn_reply_gets_the_large_burn_emergency_reply(domain, text):
    assert _said(domain, AFTER_RED_BURN, text) == "utter_emergency_burn_severe"


@pytest.mark.parametrize("text", [
    "its not white or anything, just red",
    "no white parts, just stings",
    "ok thanks",
])
def test_a_denied_sign_or_an_ordinary_answer_gets_no_emergency_reply(domain, text):
    assert _said(domain, AFTER_RED_BURN, text) != "utter_emergency_burn_severe"


def test_a_white_cut_edge_is_not_read_as_a_burn(domain):
    assert _said(domain, AFTER_CUT, "the edges look kinda white") != "utter_emergency_burn_severe"


def test_the_large_burn_reply_says_911_and_keeps_cooling_it(domain):
    text = domain.responses["utter_emergency_burn_severe"][0]["text"]
    assert "911" in text and "running water" in text and "988" in text
