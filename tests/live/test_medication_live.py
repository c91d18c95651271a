"""Whole medication conversations over REST: validation, talking points, no doses or tapering plans,
stopping safely, informed consent in CT, and leaving the flow at any point."""

import re

import pytest

from harmbot import content
from tests.live.harness import buttons, texts

DOSING = re.compile(
    r"\d+\s*(?:mg|mcg|milligrams?|%|percent)\b|\bpills? a day\b|\b\d+\s*(?:days?|weeks?)\b", re.IGNORECASE
)
REASONS = ["Side effects", "The cost", "What people think", "I feel better now", "Not sure it helps",
           "I just don't want to take it", "Something else"]


def click(reply, title):
    """The payload of the button a person would tap."""
    return next(b["payload"] for b in buttons(reply) if b["title"] == title)


def test_wanting_to_stop_gets_validation_the_limits_and_the_reason_choices(bot, sender):
    reply = bot.say(sender, "i want to stop my meds now")
    said = texts(reply)
    assert "You're in charge of your own care" in said
    assert "can't do is give doses, tapering plans" in said
    assert "prescriber or pharmacist" in said
    assert [b["title"] for b in buttons(reply)] == REASONS


def test_each_reason_gets_its_own_validation_and_the_next_steps(bot, sender):
    seen = set()
    for title in REASONS:
        reply = bot.say(sender, click(bot.say(sender, "/medication"), title))
        said = texts(reply)
        seen.add(said)
        payloads = {b["payload"] for b in buttons(reply)}
        assert {"/medication_questions", "/medication_second_opinion", "/medication_stopping",
                "/medication_rights", "/peer_support", "/menu"} <= payloads, title
    assert len(seen) == len(REASONS), "every reason should get its own words"


def test_cost_gets_a_question_about_cheaper_or_covered_options(bot, sender):
    reply = bot.say(sender, click(bot.say(sender, "i cant afford my prescription"), "The cost"))
    assert "cheaper or covered option" in texts(reply)


def test_a_typed_reason_naming_an_offered_choice_picks_it(bot, sender):
    # Issue 10: a few words naming one of the offered buttons pick it (extensions/dialogue_policy.py).
    bot.say(sender, "/medication")
    reply = bot.say(sender, "mostly the side effects")
    assert "Side effects are one of the most common reasons" in texts(reply)
    assert "which of these is closest?" not in texts(reply)


def test_a_typed_answer_naming_no_choice_gets_a_clarifying_question_in_the_topic(bot, sender):
    bot.say(sender, "/medication")
    reply = bot.say(sender, "i have my reasons")
    said = texts(reply)
    assert "medication" in said.lower() and buttons(reply)
    assert "didn't quite catch" not in said and "911" not in said


def test_a_typed_reason_after_a_tapped_one_is_not_replayed_as_the_first(bot, sender):
    bot.say(sender, click(bot.say(sender, "/medication"), "The cost"))
    reply = bot.say(sender, "none of those please")
    said = texts(reply)
    assert "cheaper or covered option" not in said
    assert "911" in said and "988" in said and buttons(reply)


def test_direct_requests_for_doses_tapering_or_comparisons_get_a_kind_refusal_with_a_reason(bot, sender):
    for ask in ["how do i taper off sertraline", "which antidepressant is easiest to quit",
                "just tell me the right dose", "what dose should i take"]:
        said = texts(bot.say(sender, ask))
        # A dose or taper request gets the dose decline; a comparison gets the intro's refusal.
        assert ("can't do is give doses, tapering plans, or say which medicine is easier to stop" in said
                or "can't give doses, timings or tapering plans" in said), ask
        assert "your body" in said and "prescriber or pharmacist" in said, ask
        assert not DOSING.search(said), ask


def test_questions_to_ask_cover_what_it_is_for_side_effects_and_stopping_safely(bot, sender):
    said = texts(bot.say(sender, "what should i ask my doctor about it"))
    assert "What is it for" in said
    assert "which mean I should call you" in said
    assert "how would we do that safely" in said


def test_stopping_warns_that_stopping_suddenly_can_be_dangerous(bot, sender):
    said = texts(bot.say(sender, "/medication_stopping"))
    assert "Stopping some medicines suddenly can be dangerous" in said
    assert "talk to a prescriber or pharmacist before you stop" in said
    assert "911" in said
    assert not DOSING.search(said)


def test_second_opinion_is_something_you_can_ask_for_not_a_legal_right(bot, sender):
    said = texts(bot.say(sender, "can i get a second opinion on my meds"))
    assert "You can ask for a second opinion" in said
    assert "legal right" not in said


def test_rights_explain_informed_consent_in_ct_with_exceptions_and_the_legal_rights_project(bot, sender):
    said = texts(bot.say(sender, "can they force me to take my meds"))
    clrp = content.entry("ct_patient_rights")
    assert "right to informed consent" in said and "17a-543" in said
    assert "legal exceptions" in said
    assert clrp["name"] in said and "clrp.org" in said
    assert f"(checked {content.verified_on(clrp)})" in said


def test_menu_mid_flow_shows_the_topics(bot, sender):
    bot.say(sender, "i want to stop my meds now")
    reply = bot.say(sender, "menu")
    assert "What would you like to look at?" in texts(reply)
    assert "/peer_support" in {b["payload"] for b in buttons(reply)}


def test_a_menu_button_mid_flow_switches_topic(bot, sender):
    bot.say(sender, "i want to stop my meds now")
    said = texts(bot.say(sender, "/eating_disorder"))
    assert "don't have to be ready to stop anything" in said


def test_crisis_mid_flow_gets_911_then_988(bot, sender):
    bot.say(sender, "my antidepressant makes me feel so flat")
    said = texts(bot.say(sender, "i want to kill myself tbh"))
    assert "911" in said and "988" in said and said.index("911") < said.index("988")
    assert "can't send help" in said


# --- situations (phrasings not in the training data) ---------------------------------------------------


def test_ran_out_calls_the_pharmacy_first(bot, sender):
    said = texts(bot.say(sender, "there's none of my antidepressant left in the bottle"))
    assert "Call your pharmacy first" in said


def test_missed_dose_no_doubling_and_poison_help(bot, sender):
    said = texts(bot.say(sender, "totally forgot to take my tablet last night"))
    assert "don't take a double dose" in said and "1-800-222-1222" in said


def test_pregnancy_on_lithium_gets_prescriber_ob_and_mothertobaby(bot, sender):
    said = texts(bot.say(sender, "just got a positive pregnancy test and i'm on lithium"))
    assert "don't stop or change it on your own" in said and "MotherToBaby" in said and "1-866-626-6847" in said


def test_withdrawal_symptoms_after_stopping(bot, sender):
    said = texts(bot.say(sender, "ever since i quit my ssri i get these zaps in my head"))
    assert "brain zaps" in said and "prescriber or a pharmacist" in said


def test_someone_elses_pills(bot, sender):
    said = texts(bot.say(sender, "my coworker offered me her adderall, should i take it"))
    assert "against the law" in said


def test_a_taper_request_gets_a_kind_decline_and_the_questions(bot, sender):
    said = texts(bot.say(sender, "what's the best schedule for cutting down my venlafaxine"))
    assert "can't give doses, timings or tapering plans" in said
    assert "how would we do that safely?" in said


def test_pushing_for_a_number_gets_the_kind_decline(bot, sender):
    bot.say(sender, "how many mg of my sleeping meds is ok to take")
    said = texts(bot.say(sender, "just tell me how much to take"))
    assert "can't give doses, timings or tapering plans" in said
    assert not DOSING.search(said)


def test_more_after_a_medication_answer_does_not_offer_the_same_buttons_again(bot, sender):
    reply = bot.say(sender, "what sort of things could i bring up with my psychiatrist")
    shown = {b["payload"] for b in buttons(reply)}
    assert "What is it for" in texts(reply) and "/medication_stopping" in shown
    reply = bot.say(sender, "any more?")
    assert "all I have on medication" in texts(reply) and "pharmacist" in texts(reply)
    assert not {b["payload"] for b in buttons(reply)} & shown


@pytest.mark.parametrize("no", ["no", "nah", "no thanks"])
def test_no_to_another_medication_question_closes_warmly_and_does_not_ask_again(bot, sender, no):
    bot.say(sender, click(bot.say(sender, "/medication"), "Side effects"))
    offer = texts(bot.say(sender, "ok"))
    assert "Would another medication question help" in offer
    said = texts(bot.say(sender, no))
    assert "Would another medication question help" not in said
    assert "something else you'd like to look at" in said and said.count("?") == 1
    # A second "no" ends kindly, with 988 in view, instead of another offer.
    said = texts(bot.say(sender, no))
    assert "Take care of yourself" in said and "988" in said and "?" not in said


def test_questions_about_their_own_antidepressant_get_the_medication_flow_not_someone_elses(bot, sender):
    reply = bot.say(sender, "can i ask some things about my antidepressant")
    said = texts(reply)
    assert "You're in charge of your own care" in said
    assert "someone else's medicine" not in said and "sharing prescriptions" not in said
    assert "Side effects" in [b["title"] for b in buttons(reply)]


# content7: symptoms told after the stopping was already talked about, without naming the medicine again, got the
# eating flow's "how little your body has been getting" reply.
@pytest.mark.parametrize(
    "symptoms",
    ["i already stopped 3 days ago and now im really dizzy", "ok well i quit it like 4 days ago n now im so dizzy"],
)
def test_dizzy_after_stopping_an_antidepressant_gets_the_discontinuation_answer_not_the_eating_one(
    bot, sender, symptoms
):
    bot.say(sender, "hey so im thinking about stopping my antidepressant")
    bot.say(sender, "idk the side effects mostly")
    said = texts(bot.say(sender, symptoms))
    assert "brain zaps" in said and "prescriber or a pharmacist" in said
    assert "911" in said and "988" in said  # when it is urgent
    assert "how little your body" not in said and "your size" not in said
    assert not DOSING.search(said)


def test_dizzy_from_not_eating_still_reaches_the_eating_flow(bot, sender):
    said = texts(bot.say(sender, "i get dizzy when i havent eaten all day"))
    assert "brain zaps" not in said and "prescriber" not in said
    assert "your body" in said


# ---- new-user run 9 (texting style; inputs not in data/nlu) ----------------------------------------------------


def test_a_clear_no_to_the_check_that_names_the_meds_carries_on_with_medication(bot, sender):
    """Run 9: "no im ok i meant the meds" after the direct question got the whole menu (the topic was lost); then
    "will my doctor be mad" got the privacy answer ("I don't report anything to anyone")."""
    bot.say(sender, "i wanna stop my meds")
    check = texts(bot.say(sender, "idk i just feel like shit all the time"))
    assert "thoughts of ending your life" in check, check
    reply = bot.say(sender, "no im ok i meant the meds")
    said = texts(reply)
    assert "glad you're safe" in said and "What would you like to look at?" not in said, said
    assert any("medication_reason" in b["payload"] for b in buttons(reply)), said
    mad = texts(bot.say(sender, "will my doctor be mad"))
    assert "prescriber" in mad.lower() and "second opinion" in mad, mad
    assert "I don't report anything" not in mad, mad
