"""Session 28's dialogue fix, from a run through the servers as a new user: "ok" to the wound flow's "how bad is it?
pick what fits best" got "Okay. Anything else about looking after it?", skipping the question that tells 911 from
self-care."""

from __future__ import annotations

import pytest
from rasa.shared.core.events import ActionExecuted

from tests.test_dialogue_dlg12 import _policy, _tracker, _user

AFTER_ASK = [*_user("cut my leg shaving", "wound_care"), ActionExecuted("utter_wound_ask")]
AFTER_ASK_AGAIN = [*AFTER_ASK, *_user("ok", "affirm"), ActionExecuted("utter_wound_ask_again")]


def _said(domain, before, text, intent="affirm"):
    return _policy()._next_action(_tracker(domain, [*before, *_user(text, intent)]), domain)[0]


@pytest.mark.parametrize("text", ["ok", "okay", "k", "yes", "yeah"])
def test_a_bare_ok_to_how_bad_is_it_gets_the_choice_again(domain, text):
    assert _said(domain, AFTER_ASK, text) == "utter_wound_ask_again"


def test_the_choice_is_offered_again_only_once(domain):
    assert _said(domain, AFTER_ASK_AGAIN, "ok") != "utter_wound_ask_again"


def test_a_size_answer_after_the_choice_again_gets_the_care_steps(domain):
    assert _said(domain, AFTER_ASK_AGAIN, "its tiny like the size of a coin", "nlu_fallback") == "utter_wound_cut"


def test_thanks_to_how_bad_is_it_is_not_asked_again(domain):
    assert _said(domain, AFTER_ASK, "ok thanks", "thank") != "utter_wound_ask_again"


def test_the_choice_again_keeps_911_in_view_and_the_same_buttons(domain):
    ask, again = domain.responses["utter_wound_ask"], domain.responses["utter_wound_ask_again"]
    for first, second in zip(ask, again, strict=True):
        assert "911" in second["text"] and second["buttons"] == first["buttons"]


@pytest.mark.parametrize("text", ["its small, stopped already", "tiny and it stopped now"])
def test_small_and_stopped_answering_how_bad_is_it_is_the_wound_not_a_medicine(domain, text):
    """Talking to the bot: "its small, stopped already" got the reply for stopping a medicine."""
    assert _said(domain, AFTER_ASK, text, "medication_stopping") == "utter_dlg_wound_stopped"
