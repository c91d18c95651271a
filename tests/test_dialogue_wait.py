"""Session 16: "brb" in the middle of a flow, "ok im back" after it, and small talk ("im just chilling", "nm u")
(extensions/dialogue_policy.py; the words in resources/dialogue.yml `back` and `chilling`, and `wait` in
resources/risk_answers.yml; without servers).

Found by a talk check on the session-15 model: "brb" after the urge flow's options got "Sorry, I didn't follow
that", the next "ok im back" the whole menu, and "im just chilling" after a greeting got "That sounds really hard".
"""

from __future__ import annotations

import pytest
import yaml

from tests.test_contact_human import ROOT
from tests.test_dialogue_policy import CRISIS_REPLY, _conversation, _policy, _with_message

URGE = ("i keep wanting to cut", "self_harm_urge", ["utter_urge_acknowledge", "utter_urge_options"])
GREETED = ("hey", "greet", ["utter_greet", "utter_menu"])
WAITED = ("brb", "nlu_fallback", ["utter_dlg_wait"])


@pytest.mark.parametrize("text", ["brb", "one sec", "hold on my mom is calling", "gimme a min", "espera"])
def test_a_pause_mid_flow_is_given_time_not_a_fallback(domain, text):
    tracker = _with_message(_conversation(domain, [URGE]), text, "nlu_fallback", 0.3)
    assert _policy().plan(tracker, domain) == ["utter_dlg_wait"]
    said = domain.responses["utter_dlg_wait"][0]["text"]
    assert "Take your time" in said and "Sorry" not in said


def test_a_pause_after_a_crisis_reply_keeps_the_lines_with_it(domain):
    tracker = _with_message(_conversation(domain, [CRISIS_REPLY]), "brb", "nlu_fallback", 0.3)
    plan = _policy().plan(tracker, domain)
    assert plan == ["utter_dlg_wait_urgent"], plan
    said = domain.responses[plan[0]][0]["text"]
    assert "988" in said and "911" in said


def test_a_second_pause_in_a_row_gets_other_words(domain):
    tracker = _with_message(_conversation(domain, [URGE, WAITED]), "one more sec", "nlu_fallback", 0.3)
    assert _policy().plan(tracker, domain) == ["utter_dlg_wait_again"]


@pytest.mark.parametrize("text", ["ok im back", "back", "sorry about that, back", "im here now", "ya volví"])
def test_coming_back_gets_a_welcome_and_the_last_question_again(domain, text):
    tracker = _with_message(_conversation(domain, [URGE, WAITED]), text, "nlu_fallback", 0.3)
    assert _policy().plan(tracker, domain) == ["utter_dlg_welcome_back", "utter_urge_options"]


def test_coming_back_with_no_question_before_gets_the_menu(domain):
    waited_first = [("brb", "nlu_fallback", ["utter_dlg_wait"])]
    tracker = _with_message(_conversation(domain, waited_first), "back", "nlu_fallback")
    assert _policy().plan(tracker, domain) == ["utter_dlg_welcome_back", "utter_menu"]


@pytest.mark.parametrize("text", ["hold on, yes", "brb i want to die", "one sec i took all my pills"])
def test_a_pause_that_says_more_is_not_a_pause(domain, text):
    tracker = _with_message(_conversation(domain, [URGE]), text, "crisis", 0.9)
    assert "utter_dlg_wait" not in _policy().plan(tracker, domain)


@pytest.mark.parametrize("text", ["im just chilling", "nm u", "nothing much wbu", "just chillin rn", "aqui nomas"])
def test_small_talk_after_a_greeting_gets_a_light_reply(domain, text):
    tracker = _with_message(_conversation(domain, [GREETED]), text, "share_feelings", 0.6)
    plan = _policy().plan(tracker, domain)
    assert plan == ["utter_dlg_chilling"], plan
    assert "hard" not in domain.responses[plan[0]][0]["text"]


@pytest.mark.parametrize("text", ["not much", "nada", "im bored"])
def test_words_that_can_answer_did_it_help_are_not_small_talk(domain, text):
    tracker = _with_message(_conversation(domain, [GREETED]), text, "nlu_fallback", 0.3)
    assert "utter_dlg_chilling" not in _policy().plan(tracker, domain)


def test_small_talk_words_inside_a_flow_are_left_to_the_flow(domain):
    tracker = _with_message(_conversation(domain, [URGE]), "just chilling", "nlu_fallback", 0.3)
    assert "utter_dlg_chilling" not in _policy().plan(tracker, domain)


@pytest.mark.parametrize(
    "name", ["utter_dlg_wait", "utter_dlg_wait_again", "utter_dlg_wait_urgent", "utter_dlg_welcome_back",
             "utter_dlg_chilling", "utter_dlg_chilling_again"]
)
def test_every_new_reply_has_spanish_words(domain, name):
    spanish = yaml.safe_load((ROOT / "resources" / "es.yml").read_text(encoding="utf-8"))["responses"]
    assert name in domain.responses and spanish[name][0]["text"].strip()
    if name == "utter_dlg_wait_urgent":
        assert "988" in spanish[name][0]["text"] and "911" in spanish[name][0]["text"]


@pytest.mark.parametrize("text", ["hold on are you a bot", "wait what is this", "hold on?", "one sec can you repeat"])
def test_a_question_after_hold_on_is_not_a_pause(domain, text):
    """The CI rehearsal: "hold on are you a bot" got "take your time" instead of the answer to the question."""
    tracker = _with_message(_conversation(domain, [GREETED]), text, "bot_challenge", 0.9)
    assert "utter_dlg_wait" not in _policy().plan(tracker, domain)
