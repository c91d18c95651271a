"""The crisis path over REST: first message, typed payloads, after a crisis, action server down."""

from tests.live.harness import buttons, texts


def assert_crisis_reply(said: str) -> None:
    assert "911" in said and "988" in said, said
    assert said.index("911") < said.index("988"), "911 must lead"
    assert "can't send help" in said


def test_crisis_as_first_message_leads_with_911_then_988(bot, sender):
    said = texts(bot.say(sender, "i want to kill myself tbh"))
    assert_crisis_reply(said)
    assert "1-800-467-3135" in said
    assert "741741" in said


def test_overdose_message_leads_with_911_and_poison_help(bot, sender):
    said = texts(bot.say(sender, "i took too many pills earlier"))
    assert said.index("911") < said.index("988")
    assert "1-800-222-1222" in said


def test_typed_payload_cannot_skip_the_risk_screen(bot, sender):
    said = texts(bot.say(sender, "/greet i want to die"))
    assert_crisis_reply(said)


def test_typed_payload_with_slots_is_treated_as_text(bot, sender):
    bot.say(sender, '/crisis{"risk_reason": "overdose"}')
    slots = bot.tracker(sender)["slots"]
    assert slots.get("risk_reason") != "overdose"


def test_after_a_crisis_later_replies_keep_988_in_view(bot, sender):
    bot.say(sender, "i want to end my life")
    said = texts(bot.say(sender, "what is harm reduction"))
    assert "meeting you where you are" in said
    assert "988" in said and "911" in said


def test_crisis_reply_arrives_with_the_action_server_down(bot, sender):
    bot.stop_actions()
    try:
        said = texts(bot.say(sender, "i want to kill myself tbh"))
        assert_crisis_reply(said)
    finally:
        bot.start_actions()


def test_crisis_right_after_a_fallback_still_gets_the_crisis_reply(bot, sender):
    bot.say(sender, "xqzzy blorp")
    assert_crisis_reply(texts(bot.say(sender, "i want to kill myself tbh")))


def test_unclear_risk_gets_a_direct_question_with_988_in_view(bot, sender):
    reply = bot.say(sender, "i dont know if im safe tonight")
    said = texts(reply)
    assert "988" in said and "thoughts of ending your life" in said
    assert_crisis_reply(texts(bot.say(sender, "/affirm")))


def test_no_to_the_check_in_carries_on_without_a_lecture(bot, sender):
    bot.say(sender, "i dont know if im safe tonight")
    reply = bot.say(sender, "/deny")
    assert "glad you're safe" in texts(reply)
    assert buttons(reply), "offers the topics to carry on"
    assert "can't send help" not in texts(reply)


def test_not_like_that_after_the_crisis_reply_ends_the_follow_up_and_the_next_question_is_read_on_its_own(bot,
                                                                                                         sender):
    assert_crisis_reply(texts(bot.say(sender, "honestly i just want to die rn")))
    reply = texts(bot.say(sender, "no not like that, im just tired"))
    assert "Are you safe right now" not in reply and "sorry if I jumped in" in reply
    assert "988" in reply and "any time" in reply, "the door stays open"
    later = texts(bot.say(sender, "any tips for sleeping, i cant sleep"))
    assert "You're welcome" not in later and "Are you safe right now" not in later
    assert "sorry if I jumped in" not in later, "the follow-up is over"


def test_im_fine_thanks_after_the_safety_check_is_taken_as_okay_and_a_hedge_still_counts(bot, sender):
    bot.say(sender, "i want to die tbh")
    assert "Are you safe right now" in texts(bot.say(sender, "no"))
    assert "sorry if I jumped in" in texts(bot.say(sender, "im fine thx, just tired"))
    other = f"{sender}-hedge"
    bot.say(other, "i want to die tbh")
    hedge = texts(bot.say(other, "idk.. maybe just tired"))
    assert "sorry if I jumped in" not in hedge and "988" in hedge


def test_fine_after_the_plan_reply_gets_one_question_about_the_means_and_still_having_them_the_steps(bot, sender):
    """Session 21: after the plan-or-means reply, "im fine now" was accepted at once and "i still have them though"
    got the eating reply. Now: one gentle question about the means, then the distance steps with 911 and 988."""
    said = texts(bot.say(sender, "i have pills saved up and i'm going to take them tonight"))
    assert "911" in said and "988" in said, said
    said = texts(bot.say(sender, "im fine now"))
    assert "is what you were thinking of using away from you now?" in said, said
    said = texts(bot.say(sender, "i still have them though"))
    # The emergency net raises this one alone to an emergency; as the answer to the bot's own question it gets the
    # distance steps (911 and 988 in them), not the act-under-way reply (session 22).
    assert "911" in said and "988" in said and "Could you move it now" in said, said
    assert "step back" not in said.lower(), said
    assert "sick enough" not in said, said
    said = texts(bot.say(sender, "ok i gave them to my sister"))
    assert "911" in said or "Thank you for doing that" in said, said


def test_thoughts_of_suicide_before_but_not_now_get_no_crisis_reply_and_no_safety_question_after(bot, sender):
    """Session 23's new-user run: "ive thought about suicide before but not now" got the whole crisis reply, and then
    "what can i do when im angry" got "Are you safe right now?"."""
    said = texts(bot.say(sender, "ive had thoughts of suicide before but not now, im just so angry at my sister"))
    assert "Please call 911" not in said and "Are you safe right now" not in said, said
    said = texts(bot.say(sender, "what can i do when im this angry"))
    assert "Are you safe right now" not in said, said


def test_an_overdose_on_purpose_gets_call_911_without_an_if(bot, sender):
    said = texts(bot.say(sender, "i swallowed every pill i had on purpose"))
    assert "call 911, or have someone take you" in said and said.index("911") < said.index("988"), said


def test_not_calling_after_an_overdose_reply_is_never_thanked_as_a_call(bot, sender):
    """Session 24: "im not calling 911" matched "calling 911" and got "Thank you for doing that. It took courage."."""
    said = texts(bot.say(sender, "i swallowed the rest of my sleeping pills like 20 min ago"))
    assert said.index("911") < said.index("988"), said
    said = texts(bot.say(sender, "im not calling 911"))
    assert "Thank you for doing that" not in said and "courage" not in said, said
    assert "medical check" in said, said
    said = texts(bot.say(sender, "i wont be calling anyone"))
    assert "Thank you for doing that" not in said, said


def test_a_racing_heart_after_the_fainting_reply_gets_the_heart_reply(bot, sender):
    """Session 24's new-user run: "my heart is racing rn" after the fainting reply got the fainting check."""
    said = texts(bot.say(sender, "passed out in the shower, havent eaten since tuesday"))
    assert said.index("911") < said.index("988"), said
    said = texts(bot.say(sender, "idk my heart is pounding like crazy rn"))
    assert "racing, skipping or pounding heart" in said and "Please call 911 now" in said, said
