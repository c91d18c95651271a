"""Session 16 over REST with the real servers: a pause mid-flow ("hang on"), coming back ("ok back"), and small talk
("nm just chillin") (extensions/dialogue_policy.py). Inputs are not NLU examples (tests/test_risk_heldout_guard.py)."""

from __future__ import annotations

from tests.live.harness import buttons, texts
from tests.live.test_ans13_live import turn_actions


def test_small_talk_then_an_urge_a_pause_and_back_where_we_were(bot, sender):
    texts(bot.say(sender, "heyy"))
    said = texts(bot.say(sender, "nm just chillin"))
    assert "no pressure" in said and "hard" not in said and "not sure I followed" not in said, said
    offered = [b["payload"] for b in buttons(bot.say(sender, "ngl i really wanna cut rn"))]
    assert offered, "the urge flow offers its steps"
    said = texts(bot.say(sender, "hang on"))
    assert "Take your time" in said and "didn't follow" not in said, said
    reply = bot.say(sender, "ok back")
    assert "Welcome back" in texts(reply), texts(reply)
    assert [b["payload"] for b in buttons(reply)] == offered, "the same steps are offered again"
    assert not any(a.startswith(("utter_risk_check", "utter_crisis")) for a in turn_actions(bot, sender))


def test_a_pause_after_a_crisis_reply_keeps_988_and_911_in_view(bot, sender):
    said = texts(bot.say(sender, "i honestly want to kill myself"))
    assert "988" in said, said
    said = texts(bot.say(sender, "gimme a sec"))
    assert "Take your time" in said and "988" in said and "911" in said, said


def test_a_pause_and_back_at_the_staff_request_and_in_the_plan(bot, sender):
    texts(bot.say(sender, "contact"))
    texts(bot.say(sender, "yes"))
    said = texts(bot.say(sender, "one sec"))
    assert "Take your time" in said and "doesn't look like" not in said, said
    assert "How would you like staff to reach you" not in said, "the question it is waiting on, asked at once"
    said = texts(bot.say(sender, "k im here"))
    assert said.count("How would you like staff to reach you") == 1, said
    said = texts(bot.say(sender, "texting is fine"))
    assert "What number should staff use" in said, said
    assert "How would you like staff to reach you" not in said, "session 17: both questions in one turn"
    said = texts(bot.say(sender, "860 555 0199"))
    assert "doesn't look like" not in said, said


def test_back_after_hold_on_is_not_saved_as_a_plan_step(bot, sender):
    said = texts(bot.say(sender, "i wanna start one of those safety plans"))
    assert "Step 1 of 7" in said, said
    said = texts(bot.say(sender, "hang on a sec"))
    assert "Take your time" in said, said
    said = texts(bot.say(sender, "ok back"))
    assert "Step 2 of 7" not in said, "'ok back' is no answer to step 1"


def test_a_spanish_pause_and_return(bot, sender):
    texts(bot.say(sender, "tengo muchas ganas de cortarme"))
    said = texts(bot.say(sender, "espera un momento"))
    assert "Tómate tu tiempo" in said, said
    said = texts(bot.say(sender, "ya volví"))
    assert "volviste" in said, said
