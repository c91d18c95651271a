"""dlg11 over REST with the real servers: gaps a new-user run found. Inputs are worded off the NLU examples
(tests/test_risk_heldout_guard.py checks)."""

from tests.live.harness import buttons, texts


def test_passing_out_right_after_the_have_you_felt_faint_question_gets_the_fainting_emergency(bot, sender):
    said = texts(bot.say(sender, "i hardly eat anything and i keep getting dizzy lately"))
    assert "dizzy or faint" in said, said
    said = texts(bot.say(sender, "i passed out for a sec"))
    assert said.index("911") < said.index("Lie down") < said.index("988"), said
    assert "Thank you for telling me. That sounds really hard" not in said, said


def test_passing_out_after_the_bleeding_reply_gets_the_shock_reply(bot, sender):
    said = texts(bot.say(sender, "i cut myself and its bleeding a lot"))
    assert "Press firmly" in said, said
    said = texts(bot.say(sender, "i blacked out for a bit"))
    assert said.index("911") < said.index("lie down") < said.index("988"), said
    assert "can be shock" in said, said


def test_more_for_the_last_safety_plan_step_lands_there_and_the_plan_comes_back_right(bot, sender):
    bot.say(sender, "could we maybe make a safety plan now")
    bot.say(sender, "i stop sleeping")
    said = texts(bot.say(sender, "oh also when i skip meals"))
    assert "added that to step 1 (my warning signs)" in said and "Step 2 of 7" in said, said
    said = texts(bot.say(sender, "2. long walks 3. the library"))  # steps 2 and 3 in one message
    assert "Step 4 of 7" in said, said
    said = texts(bot.say(sender, "my brother Sam"))
    assert "Step 5 of 7" in said, said
    for answer in ["skip", "skip", "my dog"]:
        said = texts(bot.say(sender, answer))
    assert "1. My warning signs\ni stop sleeping; when i skip meals" in said, said
    assert "2. Things I can do on my own\nlong walks" in said and "3. People and places" in said, said
    assert "the library" in said and "4. People I can ask for help\nmy brother Sam" in said, said


def test_a_crisis_message_in_the_middle_of_the_safety_plan_still_gets_the_crisis_reply(bot, sender):
    bot.say(sender, "could we maybe make a safety plan now")
    bot.say(sender, "i stop sleeping")
    said = texts(bot.say(sender, "and honestly i want to kill myself tonight"))
    assert "911" in said and "988" in said and "added that to step" not in said, said


def test_privacy_in_a_spanish_conversation_is_answered_in_spanish(bot, sender):
    bot.say(sender, "hola")
    reply = bot.say(sender, "quiero saber de la privacidad de esto")
    assert texts(reply).startswith("Privacidad, en corto"), texts(reply)
    assert "¿Quién puede leer esto?" in [b["title"] for b in buttons(reply)]
    said = texts(bot.say(sender, "/privacy_storage"))
    assert "Qué se guarda" in said and "días sin mensajes" in said, said
