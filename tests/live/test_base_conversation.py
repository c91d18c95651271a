"""Whole conversations over REST with the real servers: the conversational base."""

import requests

from tests.live.harness import buttons, texts


def test_greeting_gets_disclosure_emergency_numbers_privacy_and_menu(bot, sender):
    reply = bot.say(sender, "hi")
    said = texts(reply)
    assert "chatbot" in said and "not a person" in said
    assert "911" in said and "988" in said
    assert "Privacy" in said
    assert len(buttons(reply)) >= 6


def test_are_you_a_bot_gets_an_honest_answer(bot, sender):
    said = texts(bot.say(sender, "wait are you a bot"))
    assert "chatbot" in said
    assert "Nobody is reading this chat live" in said


def test_what_is_harm_reduction_gets_an_answer_and_the_menu(bot, sender):
    reply = bot.say(sender, "what is harm reduction")
    assert "meeting you where you are" in texts(reply)
    assert buttons(reply)


def test_gibberish_gets_a_clarifying_question_with_likely_topics_and_no_hotline_push(bot, sender):
    # Issue 10: repair instead of a wall; 911/988 only when something risky was said.
    reply = bot.say(sender, "xqzzy blorp fnord")
    assert "not sure I followed" in texts(reply)
    assert "988" not in texts(reply) and "911" not in texts(reply)
    assert 2 <= len(buttons(reply)) <= 4
    again = bot.say(sender, "xqzzy blorp fnord")
    assert "program staff" in texts(again)


def test_menu_button_payload_works(bot, sender):
    reply = bot.say(sender, "/harm_reduction_info")
    assert "meeting you where you are" in texts(reply)


def test_missing_sender_is_refused_instead_of_sharing_a_conversation(bot):
    response = requests.post(f"{bot.url}/webhooks/rest/webhook", json={"message": "hi"}, timeout=10)
    assert response.status_code == 400
    assert "sender" in response.json()["error"]


def test_malformed_body_gets_a_clear_error(bot):
    response = requests.post(f"{bot.url}/webhooks/rest/webhook", data="not json", timeout=10)
    assert response.status_code == 400


def test_restart_keeps_the_conversation(bot, sender):
    bot.say(sender, "hi")
    bot.say(sender, "what is harm reduction")
    before = [e for e in bot.tracker(sender)["events"] if e["event"] == "user"]
    bot.stop_rasa()
    bot.start_rasa()
    after = [e for e in bot.tracker(sender)["events"] if e["event"] == "user"]
    assert [e["text"] for e in after] == [e["text"] for e in before]
    assert texts(bot.say(sender, "wait are you a bot"))
