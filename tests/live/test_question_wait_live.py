"""Session 15 over REST with the real servers: "brb" in reply to the direct suicide question, mid-plan and outside a
form, and "no" to "how should staff reach you?" after an "ok" to the staff offer.

Found by a talk check: mid-plan, "brb" to the question got "Thank you. I'm here whenever you want to keep talking", the
question was dropped and the next "ok back" was stored as the plan's first step; after "ok" to the staff offer, "no"
got "That doesn't look like a phone number" with no way out. Inputs are not NLU examples
(tests/test_risk_heldout_guard.py).
"""

from __future__ import annotations

from tests.live.harness import buttons, texts
from tests.live.test_ans13_live import turn_actions

WAIT = "Take your time"
ASKED_AGAIN = "Any answer is okay here"


def test_brb_mid_plan_waits_then_asks_again_and_after_no_the_warning_sign_is_kept(bot, sender):
    said = texts(bot.say(sender, "i think i need a safety plan thing"))
    assert "Step 1 of 7" in said, said
    warning_sign = "ok when i stop texting people back"
    bot.say(sender, warning_sign)
    assert "utter_risk_check" in turn_actions(bot, sender)
    reply = bot.say(sender, "brb")
    said = texts(reply)
    assert WAIT in said and "911" in said and "988" in said, said
    assert "I'm here whenever you want to keep talking" not in said and "Step 2" not in said, said
    assert [b["payload"] for b in buttons(reply)] == ["/affirm", "/deny", "/not_sure"]
    said = texts(bot.say(sender, "ok back"))
    assert ASKED_AGAIN in said and "Step 2" not in said, said
    said = texts(bot.say(sender, "nah"))
    assert "Step 2 of 7" in said, said
    # The rest of the plan, skipped: the warning sign typed before the question is in the plan given back.
    for _ in range(8):
        said = texts(bot.say(sender, "skip"))
        if warning_sign in said or "Step" not in said:
            break
    assert warning_sign in said and "ok back" not in said and "brb" not in said, said


def test_one_sec_outside_a_form_waits_and_the_next_reply_is_still_an_answer(bot, sender):
    bot.say(sender, "lately it all feels kind of pointless tbh")
    assert "utter_risk_check" in turn_actions(bot, sender)
    said = texts(bot.say(sender, "one sec my moms calling"))
    assert WAIT in said and "Thank you. I'm here" not in said, said
    said = texts(bot.say(sender, "ok im here, honestly kinda yeah"))
    assert "988" in said and any(a.startswith("utter_crisis") for a in turn_actions(bot, sender)), said


def test_no_after_ok_to_the_staff_offer_leaves_the_request_and_nothing_is_sent(bot, sender):
    said = texts(bot.say(sender, "could someone from the program get in touch w me at some point"))
    assert "Would you like to do that?" in said, said
    said = texts(bot.say(sender, "ok"))
    assert "phone number or an email address" in said, said
    said = texts(bot.say(sender, "no"))
    assert "doesn't look like a phone number" not in said and "Nothing has been sent or kept" in said, said
    said = texts(bot.say(sender, "how do i look after a burn from a curling iron"))
    assert "phone number" not in said, "the request is over: the next message is its own topic"


def test_why_to_the_question_gets_why_it_is_asked_and_the_question_stays_open(bot, sender):
    """Session 21: "why" after the question got "Thank you. I'm here whenever you want to keep talking" and the
    question was dropped; "why do you keep asking" got the privacy card."""
    said = texts(bot.say(sender, "honestly i dont see the point anymore"))
    assert "Are you having thoughts of ending your life" in said or "thoughts of suicide" in said, said
    said = texts(bot.say(sender, "why"))
    assert "Asking doesn't put the idea in anyone's head" in said and "thoughts of ending your life" in said, said
    assert "I'm here whenever you want to keep talking" not in said, said
    said = texts(bot.say(sender, "idk maybe"))
    assert "988" in said and "911" in said, said


def test_why_do_you_keep_asking_is_not_the_privacy_card(bot, sender):
    bot.say(sender, "everything feels pointless lately")
    said = texts(bot.say(sender, "why do you keep asking"))
    assert "What's kept" not in said and "Asking doesn't put the idea" in said, said
    said = texts(bot.say(sender, "no im not, just tired"))
    assert "988" in said or "glad" in said.lower() or "Thank you" in said, said


def test_you_dont_care_gets_an_honest_answer_not_a_repair(bot, sender):
    """Session 21: "you dont care" got "Sorry, I'm not sure I followed"."""
    bot.say(sender, "hey")
    said = texts(bot.say(sender, "you dont care"))
    assert "I'm a chatbot" in said and "988" in said and "not sure I followed" not in said, said
