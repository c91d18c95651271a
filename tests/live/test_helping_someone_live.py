"""Helping someone else over REST: a helper is not routed into their own wound triage, gets advice for a
disclosure, "they" in wound care, 911/988 for someone else, and the youth and family lines.
Phrasings here are not in the training data."""

from tests.live.clicks import click
from tests.live.harness import buttons, texts


def test_a_friend_who_self_harms_gets_the_helper_flow_not_wound_triage(bot, sender):
    reply = bot.say(sender, "my best mate has been hurting herself and i want to be there for her")
    said = texts(reply)
    assert "looking for ways to help" in said
    assert "/helping_disclosure" in [b["payload"] for b in buttons(reply)]
    assert "happening now" not in said


def test_what_to_say_after_a_disclosure(bot, sender):
    said = texts(bot.say(sender, "my boyfriend admitted he cuts, how do i handle that conversation"))
    assert "don't need them to promise to stop" in said
    assert "Are you having thoughts of ending your life?" in said


def test_wound_care_for_a_friend_says_they(bot, sender):
    reply = bot.say(sender, "my flatmate cut her leg, how can i help her clean and cover it")
    assert "help them look after it" in texts(reply)
    said = texts(click(bot, sender, reply, "A cut we can look after"))
    assert "raised above their heart" in said and "they feel faint" in said


def test_a_helper_who_picks_the_gaping_button_hears_about_them(bot, sender):
    reply = bot.say(sender, "my flatmate cut her leg, how can i help her clean and cover it")
    said = texts(click(bot, sender, reply, "Gaping, numb"))
    assert "help them get to urgent care" in said and "they feel faint" in said


def test_the_persons_own_urge_afterwards_is_about_them_again(bot, sender):
    bot.say(sender, "my flatmate cut her leg, how can i help her clean and cover it")
    assert bot.tracker(sender)["slots"]["for_someone_else"] is True
    bot.say(sender, "/self_harm_urge")
    assert bot.tracker(sender)["slots"]["for_someone_else"] is False


def test_when_they_are_in_danger_911_stay_if_safe_and_988(bot, sender):
    said = texts(bot.say(sender, "at what point do i ring emergency services for my partner"))
    assert "call 911" in said and "Stay with them if it's safe for you" in said and "988" in said


def test_a_parent_gets_ct_youth_mobile_crisis_and_family_support(bot, sender):
    said = texts(bot.say(sender, "my 14 yr old daughter has been self harming, where can we turn"))
    assert "Avoid punishment" in said
    assert "Dial 2-1-1 and press 1" in said and "(checked " in said
    assert "NAMI" in said


def test_looking_after_yourself_as_a_helper(bot, sender):
    said = texts(bot.say(sender, "supporting my brother through his self harm is draining everything out of me"))
    assert "can't take responsibility for stopping" in said


# --- found trying it as a helper would (issue 12 audit) -------------------------------------------------


def test_a_typed_wound_question_later_in_a_helper_conversation_is_about_them(bot, sender):
    bot.say(sender, "my cousin just confided she self harms, how should i react")
    said = texts(bot.say(sender, "and what if he has a wound"))
    assert "help them" in said and "they feel faint" in said
    assert "you feel faint" not in said


def test_looking_after_myself_typed_by_a_helper_is_not_wound_care(bot, sender):
    bot.say(sender, "my cousin just confided she self harms, how should i react")
    said = texts(bot.say(sender, "how do i look after myself in all of this"))
    assert "can't take responsibility for stopping" in said
    assert "cut or a burn" not in said


def test_a_friend_talking_about_ending_it_mid_conversation_gets_911_and_988(bot, sender):
    # Found in the issue-12 audit: the talk came after a clause, and the urge-coping flow answered instead.
    bot.say(sender, "my friend keeps hurting himself and idk what to say to him")
    said = texts(bot.say(sender, "hes in a really bad way rn, talking about ending it"))
    assert "911" in said and "988" in said
    assert "Urges can feel huge" not in said
