"""Session 17: asking for help in Spanish for oneself gets the Spanish 988 line worded for them, not the helper's
"si esa persona está en peligro"; a parent asking about their child still gets the helper's reply.
Phrasings here are not in the training data (tests/test_risk_level_net.py's guard checks)."""

from tests.live.harness import texts


def test_someone_asking_for_spanish_help_for_themselves_is_answered_as_themselves(bot, sender):
    texts(bot.say(sender, "hola"))
    said = texts(bot.say(sender, "ustedes hablan español o nomas ingles?"))
    assert "te respondo en español" in said and "marca 2" in said and "AYUDA" in said and "911" in said, said
    assert "esa persona" not in said, said
    said = texts(bot.say(sender, "ok gracias"))
    assert "esa persona" not in said and "Traceback" not in said, said


def test_asking_in_english_for_someone_who_speaks_spanish(bot, sender):
    said = texts(bot.say(sender, "is there anybody who talks spanish? my english isnt great"))
    assert "press 2" in said and "AYUDA" in said, said
    assert "they're in danger" not in said, said


def test_a_parent_asking_for_spanish_help_for_a_son_still_gets_the_helpers_reply(bot, sender):
    said = texts(bot.say(sender, "hay ayuda en español para una mama? mi hijo se esta cortando"))
    assert "988" in said and "2-1-1" in said, said
