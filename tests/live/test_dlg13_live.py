"""dlg13 over REST with the real servers: a risk-signal-like answer at a later step of the safety plan (not only the
first) gets the direct question once; after "no" the answer is kept in that step and the plan goes on; a hedge gets the
crisis reply and the plan comes back at that step; a crisis statement at any step gets the emergency reply at once;
"nothing" / "no sé" gets the examples once before the step is skipped. Inputs are worded off the NLU examples
(tests/test_risk_heldout_guard.py checks)."""

import pytest

from tests.live.harness import texts

QUESTION = {"en": "thoughts of ending your life", "es": "pensamientos de quitarte la vida"}
STEP = {"en": "Step {} of 7", "es": "Paso {} de 7"}
KEPT = {"en": "kept what you wrote", "es": "Guardé lo que escribiste"}
START = {"en": "can we put together a safety plan", "es": "quiero hacer un plan de seguridad"}
SKIP = {"en": "skip", "es": "saltar"}
# (language, step number, a signal-like answer there, its heading in the plan given back)
LATER = [
    ("en", 2, "honestly nothing helps, whats the point", "2. Things I can do on my own"),
    ("en", 4, "nobody really, i feel like a burden to everyone", "4. People I can ask for help"),
    ("en", 7, "cant think of a reason, everything feels pointless", "7. One reason for living"),
    ("es", 3, "la verdad nada, no veo salida", "3. Personas y lugares que me distraen"),
    ("es", 4, "a nadie, me siento inutil", "4. Personas a las que puedo pedir ayuda"),
]


def _skip_to(bot, sender, language, number):
    """Starts a plan and skips to step `number` (the people step's one nudge answered with a second skip)."""
    said = texts(bot.say(sender, START[language]))
    for _ in range(number + 1):
        if STEP[language].format(number) in said:
            return said
        said = texts(bot.say(sender, SKIP[language]))
    raise AssertionError(said)


@pytest.mark.parametrize("language, number, signal, heading", LATER)
def test_a_signal_at_a_later_step_is_asked_about_once_then_kept_after_no_and_the_plan_goes_on(
        bot, sender, language, number, signal, heading):
    _skip_to(bot, sender, language, number)
    said = texts(bot.say(sender, signal))
    assert QUESTION[language] in said and STEP[language].format(number + 1) not in said, said
    said = texts(bot.say(sender, "no" if language == "es" else "no not really"))
    assert KEPT[language] in said and "988 (24/7" not in said, said
    if number == 7:
        assert f"{heading}\n{signal}" in said, said  # the last step: the plan comes back with it
        return
    assert STEP[language].format(number + 1) in said and STEP[language].format(number) not in said, said
    # The next answer is that step's own: not a "yes" to the question, and the question is not asked again.
    said = texts(bot.say(sender, "yeah my sister jo" if language == "en" else "si, mi prima ana"))
    assert QUESTION[language] not in said and "988 (24/7" not in said and "ayuda ahora" not in said, said
    for _ in range(8):
        if "MY SAFETY PLAN" in said or "MI PLAN DE SEGURIDAD" in said:
            break
        said = texts(bot.say(sender, SKIP[language]))
    assert f"{heading}\n{signal}" in said, said


@pytest.mark.parametrize("language, hedge", [("en", "maybe"), ("en", "idk kinda"), ("es", "tal vez")])
def test_a_hedge_to_the_question_at_a_later_step_gets_the_crisis_reply_and_the_plan_resumes_at_that_step(
        bot, sender, language, hedge):
    _skip_to(bot, sender, language, 3)
    signal = "nowhere really, nothing matters anymore" if language == "en" else "la verdad nada, no veo salida"
    said = texts(bot.say(sender, signal))
    assert QUESTION[language] in said, said
    said = texts(bot.say(sender, hedge))
    assert "988" in said and KEPT[language] not in said and STEP[language].format(4) not in said, said
    said = texts(bot.say(sender, "keep going with the plan" if language == "en" else "/safety_plan"))
    assert STEP[language].format(3) in said, said


@pytest.mark.parametrize("number", [2, 4, 6])
@pytest.mark.parametrize("language, crisis", [("en", "i have the pills right here"), ("es", "voy a matarme hoy")])
def test_a_crisis_statement_at_any_step_gets_the_emergency_reply_at_once(bot, sender, number, language, crisis):
    _skip_to(bot, sender, language, number)
    said = texts(bot.say(sender, crisis))
    assert "911" in said and "988" in said and QUESTION[language] not in said, said
    assert STEP[language].format(number + 1) not in said, said


def test_a_crisis_statement_after_no_to_the_question_still_gets_the_emergency_reply(bot, sender):
    _skip_to(bot, sender, "en", 2)
    bot.say(sender, "honestly nothing helps, whats the point")
    said = texts(bot.say(sender, "nope"))
    assert STEP["en"].format(3) in said, said
    said = texts(bot.say(sender, "i have the pills right here"))
    assert "911" in said and "988" in said and STEP["en"].format(4) not in said, said


@pytest.mark.parametrize("language, nothing", [("en", "nothing"), ("es", "no sé"), ("es", "nada")])
def test_nothing_at_a_step_gets_the_examples_once_then_the_step_is_skipped(bot, sender, language, nothing):
    _skip_to(bot, sender, language, 2)
    said = texts(bot.say(sender, nothing))
    assert ("examples again" in said or "ejemplos" in said) and STEP[language].format(2) in said, said
    said = texts(bot.say(sender, nothing))
    assert STEP[language].format(3) in said, said
