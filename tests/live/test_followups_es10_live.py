"""es10 over REST with the real servers: follow-ups found talking to the bot. Inputs are worded off the NLU examples
(tests/test_risk_heldout_guard.py checks)."""

from tests.live.harness import buttons, texts


def test_a_second_stress_message_gets_a_shorter_follow_up_not_the_same_ideas_again(bot, sender):
    first = texts(bot.say(sender, "im so stressed i could scream, what do i do"))
    assert "Breathe out more slowly" in first, first
    said = texts(bot.say(sender, "ugh still stressed about this week, how do i deal"))
    assert "Breathe out more slowly" not in said and "988" not in said, said
    assert "What's weighing on you most?" in said, said
    reply = bot.say(sender, "got any more ideas")
    assert "A few more, for when it's a lot" in texts(reply), texts(reply)


def test_what_if_i_pass_out_after_the_dizziness_reply_gets_what_to_do_then_fainting_gets_the_emergency(bot, sender):
    said = texts(bot.say(sender, "i've barely eaten all week and i keep getting dizzy when i stand up"))
    assert "see a doctor soon" in said, said
    reply = bot.say(sender, "wait what if i pass out?")
    said = texts(reply)
    assert "lie down right away" in said and "911" in said and "doctor soon" in said, said
    assert "ANAD" not in said and "I can't send help" not in said, said
    assert buttons(reply) == []
    # Fainting now is still the emergency: 911 first, the whole reply, not the short answer again.
    # (es10 gap, not fixed here: "ok i just passed out" with no food words in it read as sharing feelings.)
    said = texts(bot.say(sender, "ok i just passed out, i havent eaten anything today"))
    assert said.index("911") < said.index("988"), said
    assert "lie down right away" not in said, said


def test_what_if_i_pass_out_with_an_ok_in_between_still_gets_what_to_do(bot, sender):
    # Session 18: with an "ok" (and the topic's next question) in between, it got "Sorry, I didn't follow that".
    said = texts(bot.say(sender, "i skip most meals lately and i get super dizzy when i get out of bed"))
    assert "doctor" in said, said
    texts(bot.say(sender, "ok"))
    said = texts(bot.say(sender, "but like what if i faint tho"))
    assert "lie down right away" in said and "911" in said, said
    assert "didn't follow" not in said, said
