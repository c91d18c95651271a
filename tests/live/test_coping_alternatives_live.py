"""Coping ideas over REST: the optional question, ideas matched to the need, cold cautions, leaving."""

from tests.flow_content import COLD, COLD_CAUTIONS
from tests.live.clicks import click
from tests.live.harness import buttons, texts

NEEDS = ["Release anger", "Feel something", "Calm down", "Punish myself", "Show or say", "Feel in control",
         "Not sure", "Skip"]


def assert_cold_ideas_carry_cautions(reply) -> None:
    """Each message that offers something cold says, in that same message, briefly, wrapped and why not."""
    for message in reply:
        said = message.get("text", "")
        if COLD.search(said):
            for caution in COLD_CAUTIONS:
                assert caution in said, f"cold idea without '{caution}': {said}"


def test_asking_for_coping_ideas_gets_an_optional_question_with_every_need(bot, sender):
    reply = bot.say(sender, "what could i do instead of cutting")
    said = texts(reply)
    assert "window of time" in said and "skip" in said.lower()
    titles = [b["title"] for b in buttons(reply)]
    for need in NEEDS:
        assert any(t.startswith(need) for t in titles), need


def test_numb_gets_strong_sensations_and_the_ice_idea_with_its_cautions(bot, sender):
    reply = bot.say(sender, "other ways to cope")
    reply = click(bot, sender, reply, "Feel something when I'm numb")
    said = texts(reply)
    assert "Taste something strong" in said
    assert "ice cube" in said
    assert_cold_ideas_carry_cautions(reply)
    assert [b["title"] for b in buttons(reply)] == ["Another idea", "A different feeling", "Something else"]

    more = click(bot, sender, reply, "Another idea")
    assert "warm shower" in texts(more) and "Taste something strong" not in texts(more)
    assert_cold_ideas_carry_cautions(more)


def test_every_need_and_its_second_set_is_safe_to_read(bot, sender):
    for need in NEEDS:
        reply = bot.say(sender, "some coping ideas please")
        ideas = click(bot, sender, reply, need)
        more = click(bot, sender, ideas, "Another idea")
        said = texts(ideas + more)
        assert said.count("\n- ") >= 4, need
        assert "rubber" not in said.lower() and "elastic" not in said.lower()
        assert_cold_ideas_carry_cautions(ideas + more)


def test_typed_answer_gets_ideas_for_that_need(bot, sender):
    bot.say(sender, "can you give me some coping ideas")
    said = texts(bot.say(sender, "it helps me calm down"))
    assert "out-breath longer" in said


def test_skipping_the_question_gets_a_mixed_set(bot, sender):
    bot.say(sender, "coping skills please")
    said = texts(bot.say(sender, "skip"))
    assert "Here's a mix" in said


def test_a_different_feeling_asks_again_without_the_intro(bot, sender):
    reply = click(bot, sender, bot.say(sender, "some coping ideas please"), "Release anger")
    reply = click(bot, sender, reply, "A different feeling")
    assert "what does the urge do for you" in texts(reply)
    assert "window of time" not in texts(reply)


def test_menu_in_the_middle_of_the_flow_shows_the_topics(bot, sender):
    bot.say(sender, "some coping ideas please")
    reply = bot.say(sender, "something else")
    assert "/wound_care" in [b["payload"] for b in buttons(reply)]


def test_topic_button_in_the_middle_of_the_flow_jumps_to_that_topic(bot, sender):
    bot.say(sender, "some coping ideas please")
    assert "cut or a burn" in texts(bot.say(sender, "/wound_care"))


def test_crisis_at_the_question_gets_911_and_988(bot, sender):
    bot.say(sender, "some coping ideas please")
    said = texts(bot.say(sender, "i want to kill myself tbh"))
    assert said.index("911") < said.index("988")


# content7: "this exam is killing me lol" was "outside what I can help with", and coping ideas for stress went into the
# question about what a self-harm urge does for the person, though nobody had mentioned self-harm.
URGE_QUESTION = "what does the urge do for you"
CRISIS_WORDS = ("thoughts of suicide", "thinking about suicide", "Some of what you said makes me want to check in")


def test_an_exam_idiom_is_met_as_stress_and_coping_ideas_for_it_assume_no_urge(bot, sender):
    reply = bot.say(sender, "this exam is killing me lol")
    said = texts(reply)
    assert "outside what I can help with" not in said
    assert "Thank you for telling me" in said
    assert not any(w in said for w in CRISIS_WORDS)
    said = texts(bot.say(sender, "coping ideas for stress"))
    assert "Breathe out more slowly" in said
    assert URGE_QUESTION not in said and "urge" not in said.lower()
    said = texts(bot.say(sender, "got any more? lol"))
    assert "A few more, for when it's a lot" in said and URGE_QUESTION not in said
    reply = bot.say(sender, "ok thats a bit better tbh")
    assert URGE_QUESTION not in texts(reply)
    assert "/coping_alternatives" not in [b["payload"] for b in buttons(reply)]


def test_picking_other_ways_to_cope_after_venting_gets_ideas_for_the_feeling(bot, sender):
    reply = bot.say(sender, "ugh uni is so much rn, i have like 3 deadlines n im so overwhelmed")
    assert "Thank you for telling me" in texts(reply)
    said = texts(click(bot, sender, reply, "Other ways to cope"))
    assert "Breathe out more slowly" in said and URGE_QUESTION not in said


def test_asking_how_to_handle_overwhelm_gets_ideas_and_someone_to_talk_to(bot, sender):
    reply = bot.say(sender, "how do i stop feeling this overwhelmed with work idk")
    assert "Breathe out more slowly" in texts(reply) and URGE_QUESTION not in texts(reply)
    assert "/peer_support" in [b["payload"] for b in buttons(reply)]


def test_coping_ideas_after_an_urge_to_self_harm_still_ask_what_the_urge_does(bot, sender):
    reply = bot.say(sender, "ok but what do i do instead of hurting myself, any ideas?")
    assert URGE_QUESTION in texts(reply)
