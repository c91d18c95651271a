"""Whole peer-support conversations over REST: what peer support is, the dated peer lines from the
directory, honesty about local warmlines, warmline vs crisis line, and leaving the flow."""

import re

from harmbot import content
from tests.live.harness import buttons, texts

PHONE = re.compile(r"\b1?-?\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b")


def test_someone_to_talk_to_explains_peer_support_and_lists_dated_lines(bot, sender):
    reply = bot.say(sender, "i need someone to talk to please")
    said = texts(reply)
    assert "Peer support means talking with someone who has been through" in said
    warmlines = content.entry("warmline_directory")
    assert "warmline.org" in said
    assert f"(checked {content.verified_on(warmlines)})" in said
    assert "988" in said
    assert "/peer_support_warmline" in {b["payload"] for b in buttons(reply)}


def test_it_is_honest_that_there_is_no_checked_ct_warmline_and_invents_no_number(bot, sender):
    said = texts(bot.say(sender, "is there any warmline in connecticut"))
    assert "I don't have a checked, current local warmline number yet" in said
    directory_text = (content.RESOURCES_DIR / "directory.yml").read_text()
    for number in PHONE.findall(said):
        assert number in directory_text, number


def test_warmline_or_crisis_line_explains_the_difference(bot, sender):
    reply = bot.say(sender, "/peer_support")
    said = texts(bot.say(sender, next(b["payload"] for b in buttons(reply) if "Warmline" in b["title"])))
    assert "peer-run listening line" in said
    assert "not in crisis" in said
    assert "like 988" in said


def test_typed_question_about_warmlines_gets_the_same_answer(bot, sender):
    said = texts(bot.say(sender, "whats the difference between a warmline and 988"))
    assert "peer-run listening line" in said


def test_crisis_options_lead_to_peer_support_with_988_still_in_view(bot, sender):
    bot.say(sender, "i want to kill myself tbh")
    said = texts(bot.say(sender, "/peer_support"))
    assert "warmline.org" in said
    assert "988" in said and "911" in said


def test_menu_mid_flow_shows_the_topics(bot, sender):
    bot.say(sender, "i just want to talk to someone tonight")
    assert "What would you like to look at?" in texts(bot.say(sender, "/menu"))


def test_a_menu_button_mid_flow_switches_topic(bot, sender):
    bot.say(sender, "peer support please")
    assert "You're in charge of your own care" in texts(bot.say(sender, "/medication"))


def test_i_just_want_to_vent_after_stop_sending_hotlines_is_listened_to_not_sent_more_lines(bot, sender):
    """Session 22's new-user run: "i just want to vent" right after "stop sending me hotlines" got the peer lines."""
    bot.say(sender, "is there anyone i can talk to")
    said = texts(bot.say(sender, "stop sending me hotlines omg"))
    assert "I'm sorry" in said, said
    said = texts(bot.say(sender, "i just want to vent"))
    assert "I'm listening" in said and "no more numbers" in said, said
    assert "warmline" not in said.lower() and "988" not in said, said


def test_what_is_vented_after_i_just_want_to_vent_is_heard_not_out_of_scope(bot, sender):
    bot.say(sender, "is there anyone i can talk to")
    bot.say(sender, "stop sending me hotlines omg")
    bot.say(sender, "i just want to vent")
    said = texts(bot.say(sender, "my dad keeps screaming at me over nothing"))
    assert "outside what I can help with" not in said and "still listening" in said and "988" not in said, said
