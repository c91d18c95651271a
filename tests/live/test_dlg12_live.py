"""dlg12 over REST with the real servers: gaps people found talking to the bot. A warning sign that reads as a risk
signal keeps its place in the safety plan after "no" to the direct question; a helper gets what to say about suicide
and what to do if the other person gets angry; suicidal thoughts told as past get a short acknowledgement. Inputs are
worded off the NLU examples (tests/test_risk_heldout_guard.py checks)."""

from tests.live.harness import buttons, texts


def test_a_warning_sign_that_sounds_like_a_risk_signal_is_kept_after_no_and_the_plan_goes_on(bot, sender):
    said = texts(bot.say(sender, "can we put together a safety plan"))
    assert "Step 1 of 7" in said, said
    said = texts(bot.say(sender, "i feel like a burden and go quiet"))
    assert "thoughts of ending your life" in said and "Step 2 of 7" not in said, said
    said = texts(bot.say(sender, "no not really, thats just what happens"))
    assert "kept what you wrote" in said and "Step 2 of 7" in said and "Step 1 of 7" not in said, said
    said = texts(bot.say(sender, "and i stop texting people back"))  # another signal: the question is asked once
    assert "thoughts of ending your life" not in said and "988 (24/7" not in said, said
    assert "added that to step 1" in said, said
    for answer in ["music and long walks", "the library", "my cousin Dana", "skip", "skip", "my little brother"]:
        said = texts(bot.say(sender, answer))
    assert "1. My warning signs\ni feel like a burden and go quiet; i stop texting people back" in said, said
    assert "2. Things I can do on my own\nmusic and long walks" in said and "my little brother" in said, said


def test_yes_to_the_question_a_warning_sign_led_to_still_gets_the_crisis_reply(bot, sender):
    bot.say(sender, "can we put together a safety plan")
    said = texts(bot.say(sender, "and i stop texting people back"))
    assert "thoughts of ending your life" in said, said
    said = texts(bot.say(sender, "yeah kind of"))
    assert "988" in said and "Step 2 of 7" not in said, said


def test_a_helper_whose_sister_talked_about_suicide_gets_what_to_say_and_what_if_she_gets_mad(bot, sender):
    said = texts(bot.say(sender, "my sister told me last night she has been thinking about suicide"))
    assert "Thank you for looking out for them" in said, said
    said = texts(bot.say(sender, "ok but idk what to say to her"))
    assert "Are you thinking about suicide?" in said and "secret" in said, said
    assert "When someone tells you they self-harm" not in said, said
    said = texts(bot.say(sender, "what if she gets really mad at me"))
    assert "okay if they get angry" in said and "safety comes first" in said, said
    assert "If they say they're fine" not in said, said


def test_suicidal_thoughts_told_as_past_get_a_short_acknowledgement(bot, sender):
    bot.say(sender, "hey")
    reply = bot.say(sender, "i was suicidal back in high school but im past it now")
    said = texts(reply)
    assert "glad you're in a better place" in said and "come back" in said, said
    assert "thoughts of ending your life" not in said and "That sounds really hard" not in said, said
    assert "/safety_plan" in [b["payload"] for b in buttons(reply)]
    said = texts(bot.say(sender, "ok thanks. i also attempted when i was a teenager"))
    assert "glad" not in said and "or if they're around now" in said, said


def test_past_thoughts_that_are_back_now_still_get_the_crisis_reply(bot, sender):
    said = texts(bot.say(sender, "i tried years ago and lately im thinking about it again"))
    assert "988" in said and "glad you're in a better place" not in said, said
