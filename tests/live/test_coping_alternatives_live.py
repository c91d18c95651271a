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
    # es9: stress venting now gets the stress ideas at once; plain venting still gets the feelings reply first.
    reply = bot.say(sender, "honestly today just sucked and i feel so low rn")
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


# content8: "any tips for sleep?" got the eating flow's pro-ana refusal (the word "tips"), and there was no sleep reply.
REFUSAL = "I don't give diet, calorie, weight-loss or body-size advice"
SLEEP_BASICS = "same time every day"


def test_a_sleep_question_with_tips_gets_sleep_basics_and_the_night_lines_not_the_refusal(bot, sender):
    reply = bot.say(sender, "got any tips for getting to sleep tonight")
    said = texts(reply)
    assert SLEEP_BASICS in said and "20 minutes" in said and "doctor" in said
    assert "988" in said and "741741" in said
    assert REFUSAL not in said and "pro-ana" not in said
    assert [b["payload"] for b in buttons(reply)] == ["/coping_stress", "/peer_support", "/menu"]
    said = texts(bot.say(sender, "any more ideas?"))
    assert URGE_QUESTION not in said and REFUSAL not in said


def test_cant_sleep_with_tips_typed_after_it_gets_sleep_basics(bot, sender):
    said = texts(bot.say(sender, "i cant sleep at all, tips?"))
    assert SLEEP_BASICS in said and REFUSAL not in said


def test_study_and_stress_tips_get_ideas_for_the_feeling_not_the_refusal(bot, sender):
    # Each in its own conversation: a second stress message in a row gets a shorter follow-up (es10).
    for n, typed in enumerate(("any tips for studying for finals", "any good tips for stress at uni")):
        said = texts(bot.say(f"{sender}-{n}", typed))
        assert "Breathe out more slowly" in said and REFUSAL not in said, typed


def test_pro_ana_tips_are_still_refused(bot, sender):
    for typed in ("give me some pro ana tips", "got any ana tips for me"):
        said = texts(bot.say(sender, typed))
        assert REFUSAL in said and SLEEP_BASICS not in said, typed


def test_questions_that_mention_thanks_or_tips_are_not_read_as_thanks(bot):
    for typed in ("thanks but how do i fall asleep faster", "thanks for that but any tips for sleeping",
                  "cheers, what helps with sleep", "ty, any tips for when i cant sleep"):
        assert bot.parse(typed)["intent"]["name"] == "coping_sleep", typed
    for typed in ("how do i stop overthinking at night, any tips", "any tips for focusing, i cant concentrate"):
        assert bot.parse(typed)["intent"]["name"] not in ("thank", "eating_diet_request"), typed
    for typed in ("thank u so much", "ty that helped"):
        assert bot.parse(typed)["intent"]["name"] == "thank", typed


# --- es9: stress said as an idiom got "outside what I can help with" ------------------------------------------


def test_stress_idioms_get_the_stress_ideas(bot, sender):
    # Each in its own conversation: a second stress message in a row gets a shorter follow-up (es10), tested there.
    idioms = ("ugh im so stressed rn i could literally scream", "my job is eating me alive this month",
              "drowning in homework and its not even monday", "my boss is driving me up the wall fr")
    for n, message in enumerate(idioms):
        said = texts(bot.say(f"{sender}-{n}", message))
        assert "outside what I can help with" not in said, (message, said)
        assert "Stress can pile up" in said or "That sounds really hard" in said, (message, said)


def test_a_deadline_killing_me_is_stress_with_no_suicide_question(bot, sender):
    reply = bot.say(sender, "this deadline tonight is killing me lol")
    said = texts(reply)
    assert "outside what I can help with" not in said, said
    assert "Are you having thoughts of ending your life" not in said, said
    assert "/affirm" not in [b["payload"] for b in buttons(reply)]


def test_crying_with_chest_pain_gets_the_chest_pain_line_and_no_suicide_question(bot, sender):
    said = texts(bot.say(sender, "i cant stop crying and my chest hurts"))
    assert "About your chest" in said and "911" in said and "trouble breathing" in said, said
    assert "Are you having thoughts of ending your life" not in said


def test_wanting_to_stop_cutting_gets_coping_ideas_not_the_helper_script(bot, sender):
    """Found talking to the bot (session 20): "how do i stop cutting" got the helper's script ("When someone tells
    you they self-harm"), then "i mean me" got "Another mix to try". 0 of 6 such wordings got coping ideas."""
    said = texts(bot.say(sender, "how do i stop cutting"))
    assert "what does the urge do for you" in said and "When someone tells you" not in said, said
    said = texts(bot.say(sender, "it helps me feel something when im numb"))
    assert "Another mix" not in said and "When someone tells you" not in said, said
