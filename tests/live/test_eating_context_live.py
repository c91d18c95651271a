"""Red flags said in an eating conversation without the eating words (session 13): a tester who had talked about
not eating and fainting wrote "my heart feels kinda fluttery rn" and got "I'm still with you". Our own wordings."""

from tests.live.harness import texts


def test_a_fluttering_heart_mid_eating_conversation_gets_911_and_the_heart_steps(bot, sender):
    said = texts(bot.say(sender, "i havent eaten anything real since friday and idk"))
    assert "Please call 911 now" not in said, said  # the eating flow's opening, not an emergency yet
    texts(bot.say(sender, "ok"))
    said = texts(bot.say(sender, "my heart is doing this weird flutter thing now"))
    assert "Please call 911 now" in said, said
    assert "Sit or lie down" in said and "988" in said, said


def test_nearly_fainting_mid_eating_conversation_gets_the_fainting_steps(bot, sender):
    texts(bot.say(sender, "been skipping meals all week so i can fit in my dress"))
    said = texts(bot.say(sender, "i stood up and everything went black for a second"))
    assert "please call 911 now" in said.lower(), said
    assert "Lie down where you won't fall" in said, said


def test_a_heart_that_has_settled_is_not_an_emergency(bot, sender):
    texts(bot.say(sender, "i purge most days, i dont really want to stop"))
    said = texts(bot.say(sender, "my heart was pounding earlier but it calmed down now"))
    assert "Please call 911 now" not in said, said


def test_a_sore_throat_after_purging_gets_why_and_the_signs_for_911(bot, sender):
    """Session 23's new-user run: "my throat hurts" after the purging reply got "didn't follow"."""
    said = texts(bot.say(sender, "threw up after lunch again. i hate this"))
    assert "purging" in said or "vomiting" in said, said
    said = texts(bot.say(sender, "my throat is killing me"))
    assert "stomach acid" in said and "911" in said and "vomit blood" in said, said
    assert "didn't follow" not in said, said
    said = texts(bot.say(sender, "ok"))
    assert "didn't follow" not in said, said


def test_feeling_fine_after_fainting_still_gets_a_check_today_and_no_is_heard(bot, sender):
    """Session 23's new-user run: after the fainting reply, "im fine now" got "glad you're safe" with the text lines,
    and "dont tell me to go to a doctor" then got the list of questions for a prescriber."""
    said = texts(bot.say(sender, "i blacked out in the kitchen, havent really eaten all week"))
    assert said.index("911") < said.index("988"), said
    said = texts(bot.say(sender, "im good now"))
    assert "check today" in said and "911" in said, said
    said = texts(bot.say(sender, "pls dont tell me to go to a doctor"))
    assert "I won't keep pushing" in said and "911" in said, said
    assert "prescriber" not in said, said


def test_not_eating_in_spanish_is_answered_in_spanish_and_dizziness_is_heard(bot, sender):
    """Session 24's new-user run: "no he comido en 3 días" got the English reply, and "me mareo mucho" to its own
    question got "no te entendí"."""
    said = texts(bot.say(sender, "no he comido nada en 4 dias"))
    assert "cuerpo" in said and "Thank you" not in said, said
    said = texts(bot.say(sender, "si me mareo bastante"))
    assert "Marearte" in said and "no te entendí" not in said.lower(), said


def test_not_sure_its_a_problem_then_dizzy_after_purging_stays_about_them(bot, sender):
    """Session 24's new-user run: "idk if its a problem" after purging was read as a helper's worry, then "my throat
    hurts and i feel dizzy sometimes" got the helper's bleeding-and-burn emergency card."""
    texts(bot.say(sender, "made myself sick after dinner again"))
    said = texts(bot.say(sender, "idk if its even a real problem tbh"))
    assert "don't have to be sure" in said, said
    assert "someone else's self-harm" not in said, said
    said = texts(bot.say(sender, "my throats sore and i get dizzy sometimes"))
    assert "dizzy after throwing up" in said and "911" in said, said
    assert "bleeding" not in said.lower(), said


def test_not_wanting_to_eat_after_the_dizziness_reply_is_met_without_the_suicide_question(bot, sender):
    """Session 26's new-user run: "idk i just dont want to" after the dizziness reply got the direct question."""
    said = texts(bot.say(sender, "barely ate anything this week and i get lightheaded when i stand"))
    assert "see a doctor soon" in said, said
    said = texts(bot.say(sender, "idk i just dont wanna"))
    assert "not going to tell you to just eat" in said, said
    assert "Are you having thoughts of ending your life" not in said, said
    said = texts(bot.say(sender, "ok"))
    assert "Are you having thoughts of ending your life" not in said, said
