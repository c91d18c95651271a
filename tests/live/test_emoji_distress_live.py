"""Session 15 over REST with the real servers: emoji alone that show distress get a warm reply, not "Sorry, I'm not
sure I followed" (extensions/dialogue_policy.py). Inputs are not NLU examples (tests/test_risk_heldout_guard.py)."""

from __future__ import annotations

from tests.live.harness import buttons, texts
from tests.live.test_ans13_live import turn_actions


def test_crying_faces_get_a_warm_reply_then_other_words_and_never_the_question(bot, sender):
    texts(bot.say(sender, "hey"))
    reply = bot.say(sender, "😭😭")
    said = texts(reply)
    assert "That looks like a lot right now" in said and "not sure I followed" not in said, said
    assert "911" in said and "988" in said, said
    assert [b["payload"] for b in buttons(reply)] == ["/self_harm_urge", "/coping_alternatives", "/peer_support"]
    said = texts(bot.say(sender, "💔"))
    assert "I'm still here with you" in said, said
    assert not any(a.startswith(("utter_risk_check", "utter_crisis")) for a in turn_actions(bot, sender))
