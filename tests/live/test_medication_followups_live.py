"""Session 16: free-text follow-ups in the medication flow over REST, on the trained model (extensions/
dialogue_policy.py `MEDICATION_FOLLOW_UPS`).

A talk check got the medication intro twice in a row, "Sorry, I didn't follow that" for brain zaps, the menu for
"should i just start again", a coping reply for a dose change, and the helper flow's self-harm tips for "what should
i say to her". The same conversations here, in words that are neither the talk check's nor in the NLU data.
"""

from tests.live.harness import texts

INTRO = "You're in charge of your own care"
MISSES = ("didn't follow", "not sure I followed", "Not every idea fits", "When someone tells you they self-harm")


def _no_miss(said: str) -> None:
    for words in MISSES:
        assert words not in said, said


def test_stopped_then_symptoms_then_restarting(bot, sender):
    said = texts(bot.say(sender, "hey i need to talk about my medication stuff"))
    assert INTRO in said and "What's going on for you with it?" in said

    said = texts(bot.say(sender, "so i kinda stopped my celexa about 10 days ago"))
    assert INTRO not in said, "the intro twice in a row"
    assert "prescriber or pharmacist" in said or "prescriber or a pharmacist" in said
    _no_miss(said)

    said = texts(bot.say(sender, "and now theres this zapping feeling in my brain"))
    assert "brain zaps" in said and "pharmacist" in said
    _no_miss(said)

    said = texts(bot.say(sender, "would it be better to just go back on it"))
    assert "before you decide" in said and "pharmacist" in said and "prescriber" in said
    assert "988" in said and "911" in said and "benzodiazepine" in said
    assert "What would you like to talk about" not in said and "Other topics" not in said
    _no_miss(said)

    said = texts(bot.say(sender, "is this normal"))
    assert "common" in said and "not imagining it" in said
    _no_miss(said)


def test_dose_change_then_what_to_say_then_fear_of_the_prescriber(bot, sender):
    said = texts(bot.say(sender, "my prescriber increased my dose and honestly i feel worse"))
    assert "dose change" in said and "prescriber" in said and "988" in said
    _no_miss(said)

    said = texts(bot.say(sender, "ok what do i even say to him"))
    assert "Questions you could take to a prescriber or pharmacist" in said
    _no_miss(said)

    said = texts(bot.say(sender, "ugh im scared he'll be annoyed with me"))
    assert "second opinion" in said and "your care" in said
    _no_miss(said)


def test_crisis_still_wins_in_the_medication_flow(bot, sender):
    bot.say(sender, "hey i need to talk about my medication stuff")
    said = texts(bot.say(sender, "i stopped my meds and now i want to kill myself"))
    assert "988" in said
    assert INTRO not in said and "brain zaps" not in said


def test_days_without_pills_then_a_dose_change_that_feels_wrong(bot, sender):
    # Session 17: "i havent had my pills since last tuesday" after the intro got "Sorry, I didn't follow that",
    # and "got my lithium raised and i feel off" (the medicine before the change) was not read as a dose change.
    said = texts(bot.say(sender, "can we talk abt my meds"))
    assert INTRO in said, said
    said = texts(bot.say(sender, "ngl i havent had my tablets since last wednesday"))
    assert "pharmacist" in said and "double dose" in said, said
    _no_miss(said)
    said = texts(bot.say(sender, "ok"))
    _no_miss(said)
    said = texts(bot.say(sender, "also they put my seroquel up and i feel so weird"))
    assert "prescriber" in said and "dose change" in said, said
    _no_miss(said)


def test_can_i_just_stop_after_a_side_effect_gets_what_to_know_before_stopping(bot, sender):
    """Session 21: "can i just stop" after telling a side effect got "anything else?" with no stopping advice."""
    bot.say(sender, "my antidepressant makes me so tired")
    said = texts(bot.say(sender, "can i just stop"))
    assert "Stopping some medicines suddenly can be dangerous" in said and "prescriber or pharm" in said, said
    said = texts(bot.say(sender, "ok"))
    assert "didn't follow" not in said, said


def test_an_extra_dose_by_mistake_gets_poison_help_first_not_the_missed_dose_text(bot, sender):
    """Session 21: "i accidentally took my pills twice this morning" got "What to do about a missed dose" first."""
    said = texts(bot.say(sender, "i accidentally took my pills twice this morning"))
    assert said.startswith("Thanks for checking") and "1-800-222-1222" in said and "911" in said, said
    assert "missed dose" not in said, said


def test_wanting_to_stop_after_a_year_on_prozac_gets_the_medication_flow_not_eating(bot, sender):
    """Session 21: "i've been on prozac for a year and i want to stop" got the not-eating reply."""
    said = texts(bot.say(sender, "i've been on prozac for a year and i want to stop"))
    assert "how little your body has been getting" not in said, said
    assert "medication" in said.lower() or "prescriber" in said, said


def test_naming_the_medicine_after_the_extra_dose_reply_gets_poison_help_for_it(bot, sender):
    """Session 22: "its my lexapro" after the extra-dose reply got the reply for stopping a medicine."""
    said = texts(bot.say(sender, "i took 2 of my pills by accident this morning"))
    assert "1-800-222-1222" in said, said
    said = texts(bot.say(sender, "its my lexapro"))
    assert "Thanks for telling me which one" in said and "1-800-222-1222" in said and "911" in said, said
    assert "I'm not for or against medication" not in said, said
    said = texts(bot.say(sender, "ok ill call them"))
    assert "good step" in said and "911" in said and "didn't follow" not in said, said


def test_asking_to_take_two_after_a_missed_dose_gets_no_double_dose(bot, sender):
    """Session 22 (new-user run): "should i take 2 today" after the missed-dose reply got "Sorry, I didn't follow"."""
    said = texts(bot.say(sender, "i missed my dose yesterday"))
    assert "double dose" in said, said
    said = texts(bot.say(sender, "should i take 2 today"))
    assert "don't take two" in said and "pharmacist" in said and "didn't follow" not in said, said


def test_asking_about_drinking_on_a_medicine_gets_the_pharmacist_answer_not_didnt_follow(bot, sender):
    """Session 22's new-user run: "can i drink on seroquel" got "Sorry, I'm not sure I followed"."""
    said = texts(bot.say(sender, "hey quick q is it ok to drink a little on seroquel? party on sat"))
    assert "pharmacist" in said and "depends on the medicine" in said and "didn't follow" not in said, said
    assert "thoughts of ending your life" not in said, "a question about a mix is not a risk signal"
    said = texts(bot.say(sender, "ok thx"))
    assert "didn't follow" not in said, said
    other = f"{sender}-es"
    said = texts(bot.say(other, "oye una pregunta, el alcohol le hace algo a la fluoxetina? voy a una fiesta"))
    assert "farmacéutico" in said, said


def test_side_effects_typed_in_passing_get_the_medication_talk_not_ice_ideas(bot, sender):
    """Session 22's new-user run: "made me feel numb and gain weight" got cold-water coping ideas."""
    said = texts(bot.say(sender, "my new meds made me super numb and i put on weight"))
    assert "ice" not in said.lower() and "cold water" not in said.lower(), said
    assert "medication" in said.lower() or "prescriber" in said.lower(), said


def test_a_psychiatrist_who_doesnt_listen_gets_the_second_opinion_answer(bot, sender):
    said = texts(bot.say(sender, "my psychiatrist literally never listens when i say the meds arent working"))
    assert "second opinion" in said, said


def test_an_amount_after_the_alcohol_answer_is_still_the_pharmacists_question(bot, sender):
    """Session 23's new-user run: "what about like 2 beers" after the alcohol answer got the diet decline."""
    said = texts(bot.say(sender, "am i allowed to drink on lexapro or nah"))
    assert "pharmacist" in said, said
    said = texts(bot.say(sender, "what about like 2 beers tho"))
    assert "pharmacist" in said and "one or two drinks" in said, said
    assert "diet" not in said and "weight-loss" not in said, said
    said = texts(bot.say(sender, "ok ty"))
    assert "didn't follow" not in said, said


def test_finding_another_prescriber_after_the_second_opinion_answer(bot, sender):
    """Session 23's new-user run: "how do i find another one" after the second-opinion answer got coping ideas."""
    said = texts(bot.say(sender, "my psych doc brushes me off every time i say the side effects r bad"))
    assert "second opinion" in said, said
    said = texts(bot.say(sender, "ok how do i find another one"))
    assert "referral" in said and "1-800-662-4357" in said, said
    assert "muscles" not in said and "soothing music" not in said, said


def test_naming_the_medicine_after_the_alcohol_answer_gets_who_can_check_it(bot, sender):
    """Session 24's new-user run: "its lexapro" after the alcohol answer got "didn't follow"."""
    said = texts(bot.say(sender, "is it ok to have a couple drinks on my antidepressant"))
    assert "pharmacist" in said, said
    said = texts(bot.say(sender, "its zoloft"))
    assert "which one" in said and "pharmacist" in said, said
    assert "didn't follow" not in said, said


def test_a_side_effect_told_first_gets_its_reply_not_the_question_again(bot, sender):
    """Session 25's new-user run: "zoloft makes me feel numb" got "What's going on for you with it?"."""
    said = texts(bot.say(sender, "my sertraline makes me feel kinda flat n empty all day"))
    assert "Side effects are one of the most common reasons" in said, said
    assert "What's going on for you with it?" not in said, said
    said = texts(bot.say(sender, "so can i just quit it"))
    assert "prescriber or pharmacist" in said and "seizure" in said, said
    said = texts(bot.say(sender, "ok thx"))
    assert "didn't follow" not in said, said
