"""A safety plan conversation over REST: built in the person's words, handed back, then not kept.

"Not kept" is checked where it matters: the bytes of the server's SQLite files (database and log), or in
the scaled setup PostgreSQL's table files.
"""

from __future__ import annotations

from tests.live.harness import texts

STEPS = ["safety_plan_warning_signs", "safety_plan_coping", "safety_plan_distractions", "safety_plan_people",
         "safety_plan_professionals", "safety_plan_environment", "safety_plan_reason"]


def stored_bytes(bot) -> bytes:
    """Everything the tracker store has on disk (SQLite files; or PostgreSQL's, after the scheduled VACUUM)."""
    return bot.stored_bytes()


def test_a_whole_plan_comes_back_in_the_persons_words_and_is_not_kept(bot, sender):
    secret, before, after = "zebra-umbrella-42", "hello kiwi-lantern-7", "thanks mango-lantern-8"
    bot.say(sender, before)
    said = texts(bot.say(sender, "can we make a safety plan"))
    assert "Step 1 of 7" in said and "skip" in said
    assert "your answers are removed" in said

    assert "Step 2 of 7" in texts(bot.say(sender, f"cant sleep, {secret}"))
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
    for words in (f"cant sleep, {secret}", "loud music and a hot shower", "my sister Jo",
                  "Dr Ortiz at the clinic", "ask my roommate to hold onto things", "my cat Biscuit"):
        assert words in said
    assert "988" in said and "911" in said and "1-800-467-3135" in said
    assert "someone you trust" in said

    slots = bot.tracker(sender)["slots"]
    assert all(slots.get(step) is None for step in STEPS)
    bot.say(sender, after)
    stored = stored_bytes(bot)
    assert secret.encode() not in stored and b"my cat Biscuit" not in stored
    assert before.encode() in stored and after.encode() in stored, "messages outside the plan are kept"
    assert b"can we make a safety plan" in stored


def test_cancel_mid_plan_keeps_nothing(bot, sender):
    secret = "zebra-umbrella-43"
    bot.say(sender, "a safety plan please")
    bot.say(sender, f"feeling numb {secret}")
    assert secret.encode() in stored_bytes(bot), "answers stay while the plan is being built"
    said = texts(bot.say(sender, "cancel"))
    assert "kept none of it" in said
    tracker = bot.tracker(sender)
    assert not tracker.get("active_loop", {}).get("name")
    assert all(tracker["slots"].get(step) is None for step in STEPS)
    assert secret.encode() not in stored_bytes(bot)


def test_crisis_mid_plan_gets_911_and_988_and_the_plan_stops(bot, sender):
    secret, after = "zebra-umbrella-44", "music papaya-lantern-9"
    bot.say(sender, "/safety_plan")
    bot.say(sender, f"feeling numb {secret}")
    said = texts(bot.say(sender, "i want to kill myself tbh"))
    assert "911" in said and "988" in said
    assert "Step 2 of 7" not in said
    tracker = bot.tracker(sender)
    assert not tracker.get("active_loop", {}).get("name")
    # The plan is paused, not lost (issue 10): "keep going with the plan" carries on at step 2.
    assert secret in tracker["slots"].get("safety_plan_warning_signs")
    said = texts(bot.say(sender, after))
    assert "Step 2 of 7" not in said and "Step 3 of 7" not in said
    assert "Step 2 of 7" in texts(bot.say(sender, "/safety_plan"))
    assert "kept none of it" in texts(bot.say(sender, "cancel"))
    stored = stored_bytes(bot)
    assert secret.encode() not in stored
    assert after.encode() in stored, "what the person says after the plan is kept"


# ---- sp14: a tester's meta-replies inside the plan ---------------------------------------------------------------

def test_asking_what_a_step_means_or_for_a_moment_saves_nothing_and_cancel_then_back_restarts(bot, sender):
    said = texts(bot.say(sender, "could you help me put together a safety plan"))
    assert "Step 1 of 7" in said
    said = texts(bot.say(sender, "sorry what do u mean by warning signs??"))
    assert "tell you a hard time might be starting" in said and "Step 1 of 7" in said
    said = texts(bot.say(sender, "hang on a sec"))
    assert "Take your time, I'll be here" in said and "Step 2 of 7" not in said
    assert bot.tracker(sender)["slots"].get("safety_plan_warning_signs") is None, "nothing saved for step 1"
    said = texts(bot.say(sender, "can i cancel this"))
    assert "I haven't kept any of it" in said
    assert not bot.tracker(sender).get("active_loop", {}).get("name")
    said = texts(bot.say(sender, "oh hmm actually could we go back to the plan after all"))
    assert "Step 1 of 7" in said


def test_cancel_after_an_answer_then_going_back_carries_on_at_the_same_step(bot, sender):
    bot.say(sender, "/safety_plan")
    assert "Step 2 of 7" in texts(bot.say(sender, "i stop answering my phone"))
    said = texts(bot.say(sender, "brb one min"))
    assert "Take your time" in said and "Step 3 of 7" not in said
    said = texts(bot.say(sender, "how do i stop this"))
    assert "keep what you've written" in said
    said = texts(bot.say(sender, "wait no lets keep going with the plan"))
    assert "carry on" in said and "Step 2 of 7" in said
    assert "Step 3 of 7" in texts(bot.say(sender, "headphones and a long walk"))
    slots = bot.tracker(sender)["slots"]
    assert slots.get("safety_plan_warning_signs") == "i stop answering my phone"
    assert slots.get("safety_plan_coping") == "headphones and a long walk"
