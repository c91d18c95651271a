"""A safety plan conversation over REST: built in the person's words, handed back, then cleared."""

from __future__ import annotations

from tests.live.harness import texts

STEPS = ["safety_plan_warning_signs", "safety_plan_coping", "safety_plan_distractions", "safety_plan_people",
         "safety_plan_professionals", "safety_plan_environment", "safety_plan_reason"]


def test_a_whole_plan_comes_back_in_the_persons_words_and_is_cleared(bot, sender):
    said = texts(bot.say(sender, "can we make a safety plan"))
    assert "Step 1 of 7" in said and "skip" in said

    assert "Step 2 of 7" in texts(bot.say(sender, "cant sleep, pulling away from Mia"))
    assert "Step 3 of 7" in texts(bot.say(sender, "loud music and a hot shower"))
    assert "Step 4 of 7" in texts(bot.say(sender, "skip"))
    said = texts(bot.say(sender, "no one"))
    assert "Even one person" in said and "Step 4 of 7" in said
    said = texts(bot.say(sender, "my sister Jo"))
    assert "Step 5 of 7" in said and "988" in said and "911" in said
    said = texts(bot.say(sender, "Dr Ortiz at the clinic"))
    assert "Is there anything around you that you might use to hurt yourself?" in said
    assert "Step 7 of 7" in texts(bot.say(sender, "ask my roommate to hold onto things"))

    said = texts(bot.say(sender, "my cat Biscuit"))
    for words in ("cant sleep, pulling away from Mia", "loud music and a hot shower", "my sister Jo",
                  "Dr Ortiz at the clinic", "ask my roommate to hold onto things", "my cat Biscuit"):
        assert words in said
    assert "988" in said and "911" in said and "1-800-467-3135" in said
    assert "someone you trust" in said

    slots = bot.tracker(sender)["slots"]
    assert all(slots.get(step) is None for step in STEPS)


def test_cancel_mid_plan_keeps_nothing(bot, sender):
    bot.say(sender, "safety plan")
    bot.say(sender, "feeling numb")
    said = texts(bot.say(sender, "cancel"))
    assert "kept none of it" in said
    tracker = bot.tracker(sender)
    assert not tracker.get("active_loop", {}).get("name")
    assert all(tracker["slots"].get(step) is None for step in STEPS)


def test_crisis_mid_plan_gets_911_and_988_and_the_plan_stops(bot, sender):
    bot.say(sender, "/safety_plan")
    bot.say(sender, "feeling numb")
    said = texts(bot.say(sender, "i want to kill myself"))
    assert "911" in said and "988" in said
    assert "Step 2 of 7" not in said
    tracker = bot.tracker(sender)
    assert not tracker.get("active_loop", {}).get("name")
    assert tracker["slots"].get("safety_plan_warning_signs") is None
    said = texts(bot.say(sender, "music"))
    assert "Step 3 of 7" not in said
