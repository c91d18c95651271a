"""Session 15: a message of emoji alone with one that shows distress ("😭😭", "💔") is met warmly (extensions/
dialogue_policy.py, `crisis_policy.distress_emoji_only`; without servers).

Found by a talk check: "😭😭" as a first message, after a greeting and after the wound question got "Sorry, I'm not
sure I followed" (or "Is it about the wound?"). A crying face alone is no risk signal: no question, no crisis reply.
"""

from __future__ import annotations

import pytest
import yaml

from tests.test_contact_human import ROOT
from tests.test_dialogue_policy import _conversation, _policy, _with_message

GREETED = [("hey there", "greet", ["utter_greet", "utter_menu"])]
WOUND = [("how do i clean a small cut", "wound_care", ["utter_wound_ask"])]


@pytest.mark.parametrize("text", ["😭😭", "💔", "😞😞😞", "🥺"])
@pytest.mark.parametrize("before", [[], GREETED, WOUND], ids=["first", "greeted", "wound"])
def test_distress_emoji_alone_gets_a_warm_reply_with_the_ways_on(domain, text, before):
    tracker = _with_message(_conversation(domain, before), text, "nlu_fallback", 0.3)
    plan = _policy().plan(tracker, domain)
    assert plan == ["utter_dlg_emoji_distress"], plan
    variant = domain.responses[plan[0]][0]
    assert "Sorry" not in variant["text"] and "911" in variant["text"] and "988" in variant["text"]
    assert [b["payload"] for b in variant["buttons"]] == ["/self_harm_urge", "/coping_alternatives", "/peer_support"]


def test_a_second_one_in_a_row_gets_other_words(domain):
    turns = [("😭😭", "nlu_fallback", ["utter_dlg_emoji_distress"])]
    tracker = _with_message(_conversation(domain, turns), "😭", "nlu_fallback", 0.3)
    assert _policy().plan(tracker, domain) == ["utter_dlg_emoji_distress_again"]


@pytest.mark.parametrize("text", ["🙂", "👍", "😭 my cat died", "ok 😭"])
def test_other_emoji_and_words_are_read_as_before(domain, text):
    tracker = _with_message(_conversation(domain, GREETED), text, "nlu_fallback", 0.3)
    assert "utter_dlg_emoji_distress" not in _policy().plan(tracker, domain)


def test_the_reply_has_spanish_words_too():
    spanish = yaml.safe_load((ROOT / "resources" / "es.yml").read_text(encoding="utf-8"))["responses"]
    assert "911" in spanish["utter_dlg_emoji_distress"][0]["text"] and "Aquí estoy" in spanish[
        "utter_dlg_emoji_distress"][0]["text"]
