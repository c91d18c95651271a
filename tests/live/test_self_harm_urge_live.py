"""An urge right now over REST: steps, the direct suicide check, and what "yes" and "no" lead to."""

from tests.live.clicks import click
from tests.live.harness import buttons, texts

CHECK = "thoughts of ending your life"


def start(bot, sender):
    return bot.say(sender, "i really want to cut myself right now")


def test_urge_is_acknowledged_without_alarm_and_offers_four_steps(bot, sender):
    reply = start(bot, sender)
    said = texts(reply)
    assert "Thank you for telling me" in said
    assert "911" not in said
    titles = [b["title"] for b in buttons(reply)]
    assert titles[:4] == ["Wait 15 minutes", "Ride out the urge", "5-4-3-2-1 grounding", "Put some distance"]


def test_a_step_is_followed_by_the_check_question_as_the_last_message(bot, sender):
    reply = click(bot, sender, start(bot, sender), "Wait 15 minutes")
    assert "15 minutes" in reply[0]["text"] and "another 15" in texts(reply)
    assert CHECK in reply[-1]["text"]
    assert [b["payload"] for b in reply[-1]["buttons"]] == ["/affirm", "/deny"]


def test_yes_to_the_check_gets_911_then_988(bot, sender):
    reply = click(bot, sender, start(bot, sender), "Ride out the urge")
    said = texts(click(bot, sender, reply, "Yes"))
    assert said.index("911") < said.index("988")
    assert "can't send help" in said


def test_typed_yes_to_the_check_also_gets_crisis_support(bot, sender):
    click(bot, sender, start(bot, sender), "5-4-3-2-1 grounding")
    said = texts(bot.say(sender, "yeah"))
    assert "911" in said and "988" in said


def test_no_to_the_check_continues_with_coping_wound_care_or_someone_to_talk_to(bot, sender):
    reply = click(bot, sender, start(bot, sender), "Put some distance")
    reply = click(bot, sender, reply, "No")
    offered = [b["payload"] for b in buttons(reply)]
    for payload in ["/coping_alternatives", "/wound_care", "/peer_support"]:
        assert payload in offered
    assert CHECK not in texts(reply)


def test_a_second_step_after_the_check_is_not_asked_again(bot, sender):
    reply = click(bot, sender, start(bot, sender), "Wait 15 minutes")
    reply = click(bot, sender, reply, "No")
    reply = click(bot, sender, reply, "5-4-3-2-1 grounding")
    assert "5 things you can see" in texts(reply)
    assert CHECK not in texts(reply)


def test_skipping_the_steps_still_gets_the_check(bot, sender):
    start(bot, sender)
    reply = bot.say(sender, "skip")
    assert CHECK in reply[-1]["text"]


def test_not_sure_at_the_check_gets_988_and_choices(bot, sender):
    click(bot, sender, start(bot, sender), "Wait 15 minutes")
    reply = bot.say(sender, "idk")
    assert "988" in texts(reply)
    assert "/coping_alternatives" in [b["payload"] for b in buttons(reply)]


def test_distance_step_never_names_a_method(bot, sender):
    said = texts(click(bot, sender, start(bot, sender), "Put some distance")).lower()
    assert "anything you might use to hurt yourself" in said
    for word in ["knife", "blade", "razor", "pills", "lighter"]:
        assert word not in said


def test_menu_in_the_middle_of_the_flow_shows_the_topics(bot, sender):
    start(bot, sender)
    reply = bot.say(sender, "menu")
    assert "/coping_alternatives" in [b["payload"] for b in buttons(reply)]


def test_crisis_in_the_middle_of_the_flow_gets_911_and_988(bot, sender):
    start(bot, sender)
    said = texts(bot.say(sender, "i want to end my life"))
    assert said.index("911") < said.index("988")


# ---- new-user run 9 (texting style; inputs not in data/nlu) ----------------------------------------------------

WOUND_QUESTION = "I can help you look after a cut or a burn"


def test_no_not_kill_myself_just_cut_to_the_check_carries_the_urge_flow_on(bot, sender):
    """Run 9: read as wound care ("I can help you look after a cut or a burn...")."""
    reply = click(bot, sender, start(bot, sender), "Wait 15 minutes")
    assert CHECK in reply[-1]["text"]
    said = bot.say(sender, "no like not kill myself just cut")
    assert "urge" in texts(said) and "988" in texts(said), texts(said)
    assert WOUND_QUESTION not in texts(said), texts(said)
    assert "/urge_delay" in [b["payload"] for b in buttons(said)]
    # The same words right after the urge steps (before the question) carry the flow on too.
    other = f"{sender}-steps"
    start(bot, other)
    said = texts(bot.say(other, "nah not suicidal i just wanna cut"))
    assert WOUND_QUESTION not in said and "urge" in said, said


def test_delay_it_a_little_after_still_wanting_to_gives_the_delay_idea(bot, sender):
    """Run 9: the button repeated the flow's opening ("Thank you for telling me. Urges can feel huge...")."""
    reply = click(bot, sender, start(bot, sender), "Ride out the urge")
    click(bot, sender, reply, "No")
    still = bot.say(sender, "i still wanna do it tbh")
    delay = click(bot, sender, still, "Delay it a little")
    said = texts(delay)
    assert "15 minutes" in said and "Urges can feel huge" not in said, said


def test_an_urge_that_eased_after_another_delay_gets_glad_and_another_round(bot, sender):
    """Run 10: "done. still kinda want to but less" after the 15-minute idea got the generic reply."""
    reply = click(bot, sender, start(bot, sender), "Wait 15 minutes")
    reply = click(bot, sender, reply, "No")
    click(bot, sender, reply, "Wait 15 minutes")
    said = texts(bot.say(sender, "ok did that. still sorta want to but a bit less"))
    assert "glad it eased" in said and "another 15 minutes" in said, said


def test_wanting_to_do_it_again_after_wound_care_starts_the_urge_steps(bot, sender):
    """Run 10: "ok thx. honestly i kinda want to do it again rn" after wound care got the generic reply."""
    click(bot, sender, bot.say(sender, "i cut myself and need to clean it"), "A cut I can look after")
    reply = bot.say(sender, "ok ty. tbh i kinda wanna do it again right now")
    titles = [b["title"] for b in buttons(reply)]
    assert "Wait 15 minutes" in titles, (texts(reply), titles)


def test_asking_about_ice_mid_urge_gets_brief_and_wrapped_with_the_cautions(bot, sender):
    """Session 22: "can i use ice instead" in the urge flow got the coping intro again, with nothing about ice."""
    said = texts(bot.say(sender, "i keep wanting to cut"))
    assert "Urges can feel huge" in said, said
    said = texts(bot.say(sender, "can i use ice instead"))
    assert "Wrap it in a cloth and hold it briefly" in said and "eating disorder" in said, said
    said = texts(bot.say(sender, "ok ill try that"))
    assert "didn't follow" not in said and "not sure I followed" not in said, said
    # An urge that turns to dying mid-conversation still gets 911 first, then 988.
    said = texts(bot.say(sender, "honestly i dont want to be here anymore"))
    assert "988" in said, said


def test_wanting_nobody_to_know_mid_urge_in_spanish_gets_the_privacy_answer_not_the_question(bot, sender):
    """Session 22: "no quiero que nadie sepa" mid urge flow was read as a no, and the flow asked the direct question."""
    said = texts(bot.say(sender, "tengo muchas ganas de cortarme"))
    assert "Las ganas pueden sentirse enormes" in said, said
    said = texts(bot.say(sender, "no quiero que nadie sepa"))
    assert "No le informo nada a nadie" in said, said
    assert "¿Tienes pensamientos de quitarte la vida?" not in said, said


def test_trying_an_idea_is_thanked_and_asked_how_it_is_now(bot, sender):
    """Session 23's new-user run: "i tried the ice thing" in the urge flow got "didn't follow"."""
    said = texts(bot.say(sender, "i want to cut so bad rn"))
    assert "Urges can feel huge" in said, said
    said = texts(bot.say(sender, "ok i tried the ice thing"))
    assert "Thank you for trying it" in said and "didn't follow" not in said, said
    said = texts(bot.say(sender, "a bit better"))
    assert "didn't follow" not in said, said


def test_a_need_typed_at_the_options_gets_the_ideas_for_it(bot, sender):
    """Session 24's new-user run: "release i guess" at the urge options got "didn't follow"."""
    texts(start(bot, sender))
    said = texts(bot.say(sender, "release i guess"))
    assert "anger or tension" in said, said
    assert "didn't follow" not in said, said


def test_too_much_in_my_head_at_the_urge_options_gets_ideas_to_calm_not_911(bot, sender):
    """Session 26's new-user run: "idk its just too much in my head, i need it to stop" at the urge options got the
    act-under-way reply (911, "step back from the edge"); once the net left it alone, the reply for stopping a
    medicine."""
    said = texts(bot.say(sender, "i rly want to hurt myself tonight ngl"))
    assert "Which sounds doable?" in said, said
    said = texts(bot.say(sender, "ugh theres just too much noise in my head, i need it to stop"))
    assert "To calm down and comfort yourself" in said, said
    assert "911" not in said and "medicine" not in said, said
    said = texts(bot.say(sender, "ok what else can i try"))
    assert "didn't follow" not in said and "911" not in said, said
