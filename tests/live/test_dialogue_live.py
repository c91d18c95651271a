"""Multi-turn conversations scored turn by turn (issue 10): does each reply follow from what the bot just
asked or offered? Scripts: tests/data/dialogue_scripts.yml (ours) and, if present,
tests/data/dialogue_heldout.yml (written separately, never tuned on: its figure is printed as counts only, with a
loose floor). Prints `dialogue turns OK X/Y` and `held-out dialogue turns OK X/Y`.
"""

from __future__ import annotations

import uuid

import pytest

from tests import dialogue_eval

# Our own scripts: every scored turn should pass; a few misses are tolerated so one wording slip in a
# long suite shows up in the printed list without hiding the figure.
OWN_FLOOR = 0.95
# Held-out scripts were not seen while building; the floor only catches a broken layer.
HELD_OUT_FLOOR = 0.5


def _report(label: str, result: dialogue_eval.Result, show_failures: bool = True) -> None:
    print(f"\n{label} turns OK {result.passed}/{result.scored}")
    for failure in result.failures if show_failures else []:
        print(f"  FAIL {failure}")


def test_own_dialogue_scripts(bot):
    conversations = dialogue_eval.load(dialogue_eval.SCRIPTS)
    result = dialogue_eval.run(conversations, bot.say, f"test-dlg-{uuid.uuid4().hex[:8]}")
    _report("dialogue", result)
    assert len(conversations) >= 40 and result.scored >= 150
    assert result.passed / result.scored >= OWN_FLOOR, result.failures


@pytest.mark.skipif(not dialogue_eval.HELD_OUT.exists(), reason="no held-out dialogue scripts in this checkout")
def test_held_out_dialogue_scripts(bot):
    result = dialogue_eval.run(dialogue_eval.load(dialogue_eval.HELD_OUT), bot.say, f"test-dlh-{uuid.uuid4().hex[:8]}")
    # Counts only: a held-out line printed in a log is a line someone can tune on (as for the risk sets).
    _report("held-out dialogue", result, show_failures=False)
    assert result.scored and result.passed / result.scored >= HELD_OUT_FLOOR, "held-out dialogue fell below the floor"


# ---- new-user run 8: follow-ups that answer what was said (phrasings not in data/nlu) ------------------------

from tests.live.harness import texts  # noqa: E402


def _turns(bot, sender, messages):
    """Each message's reply text, in order."""
    return [texts(bot.say(sender, message)) for message in messages]


def test_after_a_crisis_reply_talk_to_me_and_not_tonight_get_their_own_answers(bot, sender):
    first = texts(bot.say(sender, "honestly i dont wanna be here anymore"))
    assert "988" in first
    talk = texts(bot.say(sender, "idk can you just talk to me"))
    tonight = texts(bot.say(sender, "prob not tonight i dont think"))
    again = texts(bot.say(sender, "idk can you just talk to me"))
    assert "what's going on" in talk.lower() and "988" in talk and "911" in talk, talk
    assert "tonight" in tonight and "911" in tonight and "988" in tonight, tonight
    assert "still listening" in again.lower() and "988" in again, again
    replies = [first, talk, tonight, again]
    pairs = zip(replies, replies[1:], strict=False)
    assert all(a.strip() != b.strip() for a, b in pairs), "a reply repeated word for word"


def test_a_helper_gets_steps_and_an_honest_answer_about_calling_the_police(bot, sender):
    first = texts(bot.say(sender, "my bf posted goodbye to everyone and hes not picking up"))
    assert "911" in first
    steps = texts(bot.say(sender, "idk what am i supposed to do"))
    assert "near them" in steps and "911" in steps and "988" in steps, steps
    assert "didn't" not in steps and "not sure I followed" not in steps, steps
    police = texts(bot.say(sender, "should i call the police on him"))
    assert "danger right now" in police and "911" in police and "988" in police, police
    assert "ask them directly" in police and "still not getting it" not in police, police


def test_er_fear_is_answered_outside_an_emergency(bot, sender):
    cold = texts(bot.say(sender, "i dont want to go to the hospital theyll judge me"))
    assert "any other patient" in cold and "outside what I can help with" not in cold, cold


def test_not_wanting_to_eat_after_medication_talk_is_the_eating_topic(bot, sender):
    bot.say(sender, "i wanna stop my meds")
    reply = texts(bot.say(sender, "idk i just dont feel like eating"))
    # The eating topic, not the medication flow's "reason" question. Since nlu13 (session 13) this reads as low
    # intake and gets the eating flow's concern; before, its clarifying question.
    eating = "food or your body" in reply or "how little your body has been getting" in reply
    assert eating and "reason about medication" not in reply, reply


def test_a_second_stress_message_is_not_the_same_feelings_reply(bot, sender):
    first = texts(bot.say(sender, "school is killing me rn"))
    second = texts(bot.say(sender, "nah im just stressed out"))
    assert second.strip() != first.strip()
    assert "That sounds really hard" in first, first
    assert "That sounds really hard" not in second and "Stress can pile up" in second, second


def test_right_after_the_crisis_reply_talk_to_me_then_not_tonight_then_idk_each_get_their_own_answer(bot, sender):
    """Talking to the bot (session 8): "just talk to me" straight after the crisis reply picked its peer-support
    button (the explainer about peer supporters); the crisis follow-up then ended and "not tonight" got "Sorry,
    I didn't quite catch that"."""
    bot.say(sender, "honestly i dont wanna be here anymore")
    said = texts(bot.say(sender, "can u just talk to me"))
    assert "Peer support means" not in said and "988" in said, said
    said = texts(bot.say(sender, "not tonight i dont think"))
    assert "didn't quite catch" not in said and "tonight" in said, said
    said = texts(bot.say(sender, "idk what to do tbh"))
    assert "911" in said and "didn't quite catch" not in said, said


# ---- new-user run 9 (texting style; inputs not in data/nlu) ----------------------------------------------------

FULL_CRISIS = "You deserve support with this right now"  # the crisis reply itself (utter_crisis)
DIRECT_QUESTION = "Are you having thoughts of ending your life"


def test_after_a_crisis_reply_getting_through_tonight_and_hedges_get_short_follow_ups_a_plan_the_emergency(bot,
                                                                                                          sender):
    """Run 9: "help me get through tonight" got the coping flow's "what does the urge do for you?"; a further hedge
    read as a risk signal got the direct question again, and its answer the whole crisis reply again."""
    first = texts(bot.say(sender, "i dont wanna be here anymore"))
    assert FULL_CRISIS in first
    tonight = texts(bot.say(sender, "help me get through tonight"))
    assert "tonight" in tonight and "911" in tonight and "988" in tonight, tonight
    assert "what does the urge do for you" not in tonight, tonight
    hedges = [texts(bot.say(sender, m)) for m in ("idk maybe its all pointless", "i guess nothing matters", "i guess")]
    for said in hedges:
        assert "911" in said and "988" in said, said
        assert FULL_CRISIS not in said and DIRECT_QUESTION not in said, said
    replies = [tonight, *hedges]
    assert all(a.strip() != b.strip() for a, b in zip(replies, replies[1:], strict=False)), "a reply repeated"
    plan = texts(bot.say(sender, "i have the pills right here in my hand"))
    assert plan.startswith("Please call 911 now") or "call 911 now" in plan, plan


def test_scared_of_the_er_as_a_first_message_then_the_fear_of_a_hold_gets_the_ct_facts(bot, sender):
    """Run 9: "im scared to go to the er" was read as an urge to self-injure; "what if they lock me up" set the
    helper flow's slot and got no facts about holds."""
    er = texts(bot.say(sender, "im scared to go to the er"))
    assert "any other patient" in er and "Urges can feel huge" not in er, er
    hold = bot.say(sender, "what if they lock me up")
    said = texts(hold)
    assert "Connecticut" in said and "48 hours" in said and "lawyer" in said and "1-877-402-2299" in said, said
    assert "911" in said and "988" in said
    assert bot.tracker(sender)["slots"].get("for_someone_else") is False


def test_the_help_me_get_through_tonight_button_after_not_tonight_gets_the_tonight_follow_up(bot, sender):
    """Run 9: the button (the coping flow's payload) asked "what does the urge do for you?" right after a crisis."""
    from tests.live.clicks import click

    bot.say(sender, "honestly i dont want to be here anymore")
    reply = bot.say(sender, "prob not tonight tbh")
    assert "tonight" in texts(reply), texts(reply)
    said = texts(click(bot, sender, reply, "Help me get through tonight"))
    assert "one step at a time" in said and "911" in said and "988" in said, said
    assert "what does the urge do for you" not in said, said


# ---- run 10: a tester talking as real people -----------------------------------------------------------------


def test_after_an_overdose_floaty_sleeping_it_off_and_maybe_calling_each_get_their_own_reply(bot, sender):
    """Run 10: "idk i feel kinda floaty" got the general suicide question, "can i just sleep it off" the call check,
    and "ok maybe ill call poison control" the program staff's email."""
    first = texts(bot.say(sender, "swallowed pretty much all my sleep pills about an hour ago"))
    assert "911" in first and "1-800-222-1222" in first, first
    floaty = texts(bot.say(sender, "hmm i feel sorta floaty now"))
    assert "pills are starting to act" in floaty and "1-800-222-1222" in floaty and "911" in floaty, floaty
    sleep = texts(bot.say(sender, "cant i just sleep this off"))
    assert "Please don't sleep it off" in sleep and "911" in sleep, sleep
    call = texts(bot.say(sender, "fine maybe ill call poison help then"))
    assert "1-800-222-1222" in call and "tell me when you've called" in call and "@" not in call, call


def test_a_988_call_that_didnt_help_gets_other_routes_then_asking_what_else_too(bot, sender):
    """Run 10: "i already called 988 earlier and it didnt help at all" got "Thank you for doing that ... unlock the
    door while you wait" (nobody is coming)."""
    said = texts(bot.say(sender, "i called 988 last night and honestly it didnt help"))
    assert "741741" in said and "988lifeline.org/chat" in said and "Are you safe right now?" in said, said
    assert "unlock the door" not in said
    other = bot.say(f"{sender}-b", "is there anything other than 988")
    assert "741741" in texts(other) and "warmline" in texts(other), texts(other)
    spanish = texts(bot.say(f"{sender}-es", "ya hable al 988 y no me ayudo nada"))
    assert "741741" in spanish and "Siento" in spanish and "abre la puerta" not in spanish, spanish


def test_answers_to_the_crisis_follow_up_are_reflected_not_asked_again(bot, sender):
    """Run 10: after a crisis reply the bot alternated two holding lines whatever was said."""
    bot.say(sender, "i honestly want to die")
    bot.say(sender, "i dunno")
    replies = [texts(bot.say(sender, t)) for t in ("school, my dad, basically everything",
                                                    "my sister. she finds out about the money tomorrow")]
    assert "Thank you for telling me" in replies[0] and "safe tonight" in replies[0], replies[0]
    assert replies[0] != replies[1] and "hardest right now" not in " ".join(replies), replies
    assert all("988" in r or "safe" in r for r in replies)


def test_just_tired_after_no_is_not_nice_thanks(bot, sender):
    """Session 24's new-user run: "just tired" after "no" to the direct question got "Nice, thanks for telling me"."""
    texts(bot.say(sender, "everything feels kinda pointless lately"))
    texts(bot.say(sender, "no"))
    said = texts(bot.say(sender, "nah just really tired"))
    assert "Nice" not in said and "Being that tired" in said, said


def test_stop_sending_numbers_then_wanting_to_talk_gets_listening_without_numbers(bot, sender):
    """Session 24's new-user run: "stop sending numbers" got the menu, then "i just want to talk" five numbers."""
    texts(bot.say(sender, "i feel so hopeless"))
    said = texts(bot.say(sender, "pls stop sending numbers"))
    assert "frustrating" in said, said
    said = texts(bot.say(sender, "i just wanna talk"))
    assert "no more numbers" in said, said
    assert not any(ch.isdigit() for ch in said), said


def test_venting_after_the_feelings_reply_is_heard_with_no_numbers(bot, sender):
    """Session 26's new-user run: "no lol i'm fine i just needed to vent" got the feelings reply again, 988 and all."""
    said = texts(bot.say(sender, "my manager is honestly killing me this week"))
    said = texts(bot.say(sender, "lol im ok i just needed to rant"))
    assert "Venting counts" in said, said
    assert "988" not in said and "ending your life" not in said, said
