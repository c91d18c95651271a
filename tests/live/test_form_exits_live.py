"""Leaving the safety plan and the contact request by saying so, over REST, on the real servers.

Each test is a whole conversation in the words people use (none of them NLU training examples:
tests/test_risk_heldout_guard.py checks). Every bot turn is checked for what a person would notice, and
each module prints `form exit turns OK X/Y`: turns whose reply fit, out of the turns scored.
"""

from __future__ import annotations

from typing import List, Tuple

import pytest

from tests.live.harness import texts

STEPS = ["safety_plan_warning_signs", "safety_plan_coping", "safety_plan_distractions", "safety_plan_people",
         "safety_plan_professionals", "safety_plan_environment", "safety_plan_reason"]
SCORE: List[Tuple[str, bool]] = []
KEEP_OR_DISCARD = ("keep what you", "discard")


def check(name: str, ok: bool, said: str) -> None:
    """Scores one turn and fails the test on a miss, showing what the bot said."""
    SCORE.append((name, ok))
    assert ok, f"{name}: {said!r}"


@pytest.fixture(scope="module", autouse=True)
def report():
    yield
    good = sum(ok for _, ok in SCORE)
    print(f"\nform exit turns OK {good}/{len(SCORE)}")


def slots(bot, sender):
    return bot.tracker(sender)["slots"]


def active_form(bot, sender):
    return (bot.tracker(sender).get("active_loop") or {}).get("name")


def test_nvm_mid_plan_keep_then_finish_it_later(bot, sender):
    secret = "walrus-teacup-31"
    said = texts(bot.say(sender, "could we do one of those safety plans"))
    check("plan starts", "Step 1 of 7" in said, said)
    said = texts(bot.say(sender, f"i stop answering texts and stay in bed {secret}"))
    check("step 1 answered", "Step 2 of 7" in said, said)
    said = texts(bot.say(sender, "ugh nvm this is dumb"))
    check("asks keep or discard", all(w in said.lower() for w in KEEP_OR_DISCARD) and "Step 2" not in said, said)
    said = texts(bot.say(sender, "keep it"))
    check("kept, says how to come back", "kept your plan" in said and "Step" not in said, said)
    assert active_form(bot, sender) is None
    assert secret in (slots(bot, sender)["safety_plan_warning_signs"] or "")
    said = texts(bot.say(sender, "can we finish my plan"))
    check("resumes at step 2", "Welcome back" in said and "Step 2 of 7" in said and "Step 1 of 7" not in said, said)
    said = texts(bot.say(sender, "go for a run with headphones"))
    check("carries on", "Step 3 of 7" in said, said)
    said = texts(bot.say(sender, "cancel"))
    check("cancel keeps nothing", "kept none of it" in said, said)
    assert secret.encode() not in bot.stored_bytes()


def test_forget_it_then_discard_keeps_nothing(bot, sender):
    secret = "walrus-teacup-32"
    bot.say(sender, "safety plan pls")
    bot.say(sender, f"pacing and not eating {secret}")
    said = texts(bot.say(sender, "forget it lol"))
    check("asks keep or discard", all(w in said.lower() for w in KEEP_OR_DISCARD), said)
    said = texts(bot.say(sender, "nah get rid of it"))
    check("discarded", "haven't kept any of it" in said, said)
    assert all(slots(bot, sender).get(step) is None for step in STEPS)
    assert secret.encode() not in bot.stored_bytes()


def test_stopping_at_the_first_question_just_ends(bot, sender):
    bot.say(sender, "can u help me make a safety plan")
    said = texts(bot.say(sender, "i dont wanna do this"))
    check("ends without asking", "leave the plan" in said and "discard" not in said.lower(), said)
    assert active_form(bot, sender) is None
    said = texts(bot.say(sender, "i dont feel like typing"))
    check("not taken as a plan answer later", "Step" not in said, said)


def test_asking_about_a_cut_mid_plan_answers_the_cut_and_keeps_the_plan(bot, sender):
    bot.say(sender, "i want to do the safety plan thing")
    bot.say(sender, "when i start skipping meals")
    said = texts(bot.say(sender, "can I ask about my cut instead"))
    check("answers the cut", "pressure" in said.lower() and "Step 2" not in said, said)
    check("plan kept", "kept your plan" in said, said)
    assert slots(bot, sender)["safety_plan_warning_signs"] == "when i start skipping meals"
    said = texts(bot.say(sender, "ok back to the safety plan now"))
    check("plan resumes at step 2", "Step 2 of 7" in said, said)


def test_crisis_mid_plan_comes_first_then_the_plan_resumes_where_it_stopped(bot, sender):
    bot.say(sender, "help me write a plan for bad nights")
    bot.say(sender, "when i cant stop crying")
    bot.say(sender, "drawing and my cat")
    said = texts(bot.say(sender, "tbh i just want to end my life tonight"))
    check("crisis reply first", "988" in said and "911" in said and "Step 3" not in said, said)
    assert active_form(bot, sender) is None
    said = texts(bot.say(sender, "im a bit calmer now"))
    check("plan not pushed on", "Step 3" not in said, said)
    said = texts(bot.say(sender, "ok lets continue the plan"))
    check("resumes at step 3", "Step 3 of 7" in said and "Step 1 of 7" not in said, said)
    for answer in ("the park", "my friend Dee", "skip", "lock the razors in the car"):
        bot.say(sender, answer)
    said = texts(bot.say(sender, "my little sister"))
    check("the plan holds the answers from before the crisis",
          "when i cant stop crying" in said and "drawing and my cat" in said and "my little sister" in said, said)


def test_keep_going_with_the_plan_after_a_crisis_at_step_two(bot, sender):
    bot.say(sender, "/safety_plan")
    bot.say(sender, "everything feels far away")
    said = texts(bot.say(sender, "i think im going to kill myself tonight honestly"))
    check("crisis reply", "988" in said and "911" in said and "Step 2" not in said, said)
    said = texts(bot.say(sender, "keep going with the plan"))
    check("resumes at step 2", "Step 2 of 7" in said, said)
    assert slots(bot, sender)["safety_plan_warning_signs"] == "everything feels far away"


def test_delete_my_chat_inside_the_plan_reaches_the_deletion_question(bot, sender):
    bot.say(sender, "lets make a safety plan")
    bot.say(sender, "staying up all night")
    said = texts(bot.say(sender, "pls delete this whole chat"))
    check("deletion question", "Delete it?" in said and "Step 2" not in said, said)
    assert slots(bot, sender)["safety_plan_coping"] is None
    bot.say(sender, "yes")
    assert b"staying up all night" not in bot.stored_bytes()


def start_request(bot, sender) -> None:
    said = texts(bot.say(sender, "is there an actual human i can reach"))
    check("consent question", "Would you like to do that?" in said, said)
    said = texts(bot.say(sender, "yes"))
    check("asks how", "phone number or an email" in said, said)


def test_rather_email_at_the_first_question_takes_an_email(bot, sender):
    start_request(bot, sender)
    said = texts(bot.say(sender, "I'd rather email"))
    check("asks for an email", "email address" in said and "katherine.mcmullan@ct.gov" in said, said)
    said = texts(bot.say(sender, "jo.doe@example.org"))
    check("goes on to the time", "good time" in said, said)
    bot.say(sender, "evenings")
    said = texts(bot.say(sender, "skip"))
    check("summary has the email", "jo.doe@example.org" in said, said)


def test_rather_email_after_a_phone_number_swaps_it(bot, sender):
    start_request(bot, sender)
    bot.say(sender, "860-555-0199")
    bot.say(sender, "after 6pm")
    said = texts(bot.say(sender, "actually can you email me instead"))
    check("asks for an email", "email address" in said, said)
    said = texts(bot.say(sender, "sam.r@example.org"))
    check("keeps the time, goes to the note", "Anything you'd like staff to know" in said, said)
    said = texts(bot.say(sender, "skip"))
    check("summary: email, not the phone, same time",
          "sam.r@example.org" in said and "860-555-0199" not in said and "after 6pm" in said, said)


def test_nah_stop_mid_request_asks_then_discards(bot, sender):
    start_request(bot, sender)
    bot.say(sender, "860-555-0142")
    said = texts(bot.say(sender, "nah stop"))
    check("asks keep or discard", all(w in said.lower() for w in KEEP_OR_DISCARD) and "sent" in said, said)
    said = texts(bot.say(sender, "discard"))
    check("nothing sent or kept", "Nothing has been sent or kept" in said, said)
    assert slots(bot, sender)["contact_how"] is None


def test_i_dont_wanna_do_this_mid_request_keep_then_finish_it_later(bot, sender):
    start_request(bot, sender)
    bot.say(sender, "203-555-0161")
    said = texts(bot.say(sender, "hmm i dont wanna do this right now"))
    check("asks keep or discard", all(w in said.lower() for w in KEEP_OR_DISCARD), said)
    said = texts(bot.say(sender, "keep"))
    check("kept, nothing sent", "nothing has been sent" in said.lower(), said)
    start_request_again = texts(bot.say(sender, "ok i do want staff to get in touch after all"))
    check("consent asked again", "Would you like to do that?" in start_request_again, start_request_again)
    said = texts(bot.say(sender, "yes"))
    check("carries on with the time, phone kept", "good time" in said and "phone number" not in said, said)


def test_delete_my_chat_inside_the_request_reaches_the_deletion_question(bot, sender):
    start_request(bot, sender)
    bot.say(sender, "860-555-0177")
    said = texts(bot.say(sender, "can you erase this conversation"))
    check("deletion question", "Delete it?" in said, said)
    assert slots(bot, sender)["contact_how"] is None


def test_a_crisis_inside_the_request_still_gets_the_crisis_reply(bot, sender):
    start_request(bot, sender)
    said = texts(bot.say(sender, "honestly i dont want to be alive anymore"))
    check("crisis reply", "988" in said and "911" in said, said)
    assert active_form(bot, sender) is None


# ---- over SMS: numbered choices instead of buttons ---------------------------------------------------------

from tests.live.test_sms_live import number, sms_bot, texted  # noqa: E402,F401  (fixtures and the signed POST)


def test_sms_nvm_mid_plan_keep_by_number_then_finish_later(sms_bot, number):  # noqa: F811
    said = "\n".join(texted(sms_bot, number, "safety plan please"))
    check("sms: plan starts", "Step 1 of 7" in said, said)
    said = "\n".join(texted(sms_bot, number, "i go quiet and skip class"))
    check("sms: step 1 answered", "Step 2 of 7" in said, said)
    said = "\n".join(texted(sms_bot, number, "nvm i dont want to do this rn"))
    check("sms: keep or discard as numbers", "1 - Keep it" in said and "2 - Discard" in said, said)
    said = "\n".join(texted(sms_bot, number, "1"))
    check("sms: kept", "kept your plan" in said and "Step" not in said, said)
    said = "\n".join(texted(sms_bot, number, "can we finish the plan now"))
    check("sms: resumes at step 2", "Step 2 of 7" in said and "Step 1 of 7" not in said, said)


# ---- Messages that answer no step: fillers, not knowing, a risk signal (issue 10 follow-up) -----------

def test_ok_more_and_huh_mid_plan_are_asked_again_not_saved(bot, sender):
    said = texts(bot.say(sender, "i'd like to put together a plan for bad nights"))
    check("plan starts", "Step 1 of 7" in said, said)
    for filler in ("ok", "more", "huh?"):
        said = texts(bot.say(sender, filler))
        check(f"{filler!r} gets a gentle re-ask of step 1", "words of your own" in said and "Step 1 of 7" in said, said)
    said = texts(bot.say(sender, "idk"))
    check("idk gets the examples and the skip option", "skip" in said.lower() and "Step 1 of 7" in said, said)
    said = texts(bot.say(sender, "i start skipping meals and sleeping all day"))
    check("a real answer moves on", "Step 2 of 7" in said, said)
    said = texts(bot.say(sender, "k"))
    check("'k' at step 2 is asked again", "Step 2 of 7" in said and "Step 3" not in said, said)
    plan = slots(bot, sender)
    assert plan["safety_plan_warning_signs"] == "i start skipping meals and sleeping all day"
    assert plan["safety_plan_coping"] is None


def test_hopelessness_typed_as_a_step_gets_the_question_then_is_kept_after_no_and_the_plan_goes_on(bot, sender):
    # Since dlg13 (session 13) a signal-like answer at any step gets the question once and, after a clear "no", is
    # kept as that step's answer (it is the person's honest answer; they can change it later); before, only step 1
    # kept it and this test expected step 2 again (stop 27's CI failed on the old expectation).
    bot.say(sender, "help me write a safety plan please")
    said = texts(bot.say(sender, "when i cancel on everyone and stay in my room"))
    check("step 1 answered", "Step 2 of 7" in said, said)
    said = texts(bot.say(sender, "honestly whats the point, nothing is ever going to get better"))
    check("the direct question", "thoughts of ending your life" in said and "Step 3" not in said, said)
    assert slots(bot, sender)["safety_plan_coping"] is None
    said = texts(bot.say(sender, "no, im not going to do anything"))
    check("kept, and on to step 3", "kept what you wrote" in said and "Step 3 of 7" in said, said)
    assert slots(bot, sender)["safety_plan_coping"] == "honestly whats the point, nothing is ever going to get better"
    said = texts(bot.say(sender, "the skate park with my cousin"))
    own_answer = "Step 4 of 7" in said and "ending your life" not in said
    check("step 3 is its own answer, not a yes to the question", own_answer, said)
    said = texts(bot.say(sender, "actually i do want to end my life, i just lied"))
    check("ideation still interrupts the plan with the crisis reply", "988" in said and "Step 4" not in said, said)
