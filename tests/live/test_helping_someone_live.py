"""Helping someone else over REST: a helper is not routed into their own wound triage, gets advice for a
disclosure, "they" in wound care, 911/988 for someone else, and the youth and family lines.
Phrasings here are not in the training data."""

import pytest

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


# --- what helpers ask next (found trying it as a helper would) -------------------------------------------


def test_a_friend_who_took_pills_and_wont_let_them_call_gets_911_anyway_and_poison_help(bot, sender):
    said = texts(bot.say(sender, "my roommate swallowed a handful of her anxiety pills"))
    assert "Stay with them" in said
    said = texts(bot.say(sender, "she keeps telling me not to ring anybody"))
    assert "call 911 anyway" in said and "1-800-222-1222" in said and "don't leave them alone" in said
    assert "someone could take you" not in said
    said = texts(bot.say(sender, "she still won't let me call"))
    assert "1-800-222-1222" in said and "911" in said and "call 911 anyway" not in said  # new words, same facts


def test_a_partner_refusing_an_ambulance_is_about_them_not_the_helper(bot, sender):
    bot.say(sender, "my boyfriend just downed a bottle of pills")
    said = texts(bot.say(sender, "he's refusing to let me call an ambulance"))
    assert "call 911 anyway" in said and "Poison Help" in said and "someone could take you" not in said


def test_what_if_they_say_theyre_fine_gets_its_own_answer_not_the_urge_question(bot, sender):
    bot.say(sender, "my little brother has been cutting himself and i'm scared for him")
    said = texts(bot.say(sender, "ok but what happens if he just tells me he's totally fine"))
    assert "keep gently checking in" in said and "ask directly" in said and "988" in said and "911" in said
    assert "what does the urge do" not in said


def test_a_promise_to_keep_it_secret_gets_safety_before_the_promise(bot, sender):
    bot.say(sender, "my best friend cuts and i only know because she trusted me")
    said = texts(bot.say(sender, "she made me swear i wouldn't tell a soul"))
    assert "Their safety comes before a promise" in said and "trusted adult" in said
    assert "I care about you too much to keep this to myself" in said
    assert "I don't report anything" not in said  # the bot's own privacy answer was about the wrong person


def test_being_asked_not_to_tell_the_parents_mid_conversation_is_the_same_answer(bot, sender):
    bot.say(sender, "my sis been cutting herself again and idk what to do")
    said = texts(bot.say(sender, "should i tell mom even tho she asked me not to"))
    assert "Their safety comes before a promise" in said


@pytest.mark.parametrize(
    "text",
    # "she been cutting" used to get the person's own urge steps.
    ["my homie be hurting himself", "my lil bro been burning himself", "she been cutting her arms again",
     "she been cutting"],
)
def test_slang_for_someone_else_reaches_the_helper_topic(bot, sender, text):
    assert "looking for ways to help" in texts(bot.say(sender, text))


def test_ok_thanks_at_the_end_gets_one_short_closing_not_two_questions(bot, sender):
    bot.say(sender, "my friend cuts herself, how can i help")
    said = texts(bot.say(sender, "okay, thanks for that"))
    assert "You're welcome" in said
    assert said.count("?") == 1, said
    assert "Want more on helping them" not in said


SELF_ER_FEAR = ("That fear makes sense", "You can tell them you're scared", "someone could take you")


@pytest.mark.parametrize(
    "opener",
    ["my friend wants to kill herself",  # a crisis reply about someone else
     "my friend cuts herself, how can i help"],  # the helper topic, no emergency
)
def test_a_friend_who_refuses_the_er_gets_what_the_helper_can_do(bot, sender, opener):
    bot.say(sender, opener)
    said = texts(bot.say(sender, "she refuses to go to the ER"))
    assert "Stay with them" in said and "911" in said and "worried about someone" in said
    assert not any(line in said for line in SELF_ER_FEAR), said


def test_after_a_friends_overdose_they_dont_want_the_hospital_gets_the_helpers_reply(bot, sender):
    bot.say(sender, "my boyfriend took a bunch of pills")
    said = texts(bot.say(sender, "they don't want to go to the hospital"))
    assert "call 911 anyway" in said and "1-800-222-1222" in said and "Stay with them" in said
    assert not any(line in said for line in SELF_ER_FEAR), said


def test_a_helper_who_taps_ive_called_is_thanked_not_told_to_put_distance_between_them_and_means(bot, sender):
    """A new-user run (session 8): the helper replies' own "I've called" button got the person's own
    plan-and-means emergency reply, and "ok what now" then asked the helper "Are you safe right now?"."""
    bot.say(sender, "my cousin posted goodbye on her story and shes not picking up")
    said = texts(bot.say(sender, "should i call 911 for her even tho shes far"))
    assert "911" in said and "988" in said
    reply = bot.say(sender, "I've called")
    said = texts(reply)
    assert "stay with them" in said and "distance between you" not in said, said
    said = texts(bot.say(sender, "she lives across town idk"))
    assert "Are you safe right now" not in said and "outside what I can help with" not in said, said


# ---- new-user run 9 (texting style; inputs not in data/nlu) ----------------------------------------------------


def test_a_helper_whose_call_nobody_answered_is_told_to_keep_trying_not_thanked_for_calling(bot, sender):
    """Run 9: "i called her mom but nobody picked up" got "Thank you for calling ... until help gets there"."""
    first = texts(bot.say(sender, "my friend texted me goodbye and wont answer"))
    assert "911" in first
    said = texts(bot.say(sender, "i called her mom but nobody picked up"))
    assert "Thank you for calling" not in said and "help gets there" not in said, said
    assert "Keep trying" in said and "911" in said and "988" in said, said
    again = texts(bot.say(sender, "still nothing, her dad didnt pick up either"))
    assert again.strip() != said.strip() and "911" in again, again


# --- par14: "should i take her razors away" got the medication dose decline (found talking to the bot as a parent) ---


def test_a_parent_asking_to_take_the_lighters_away_gets_the_helper_answer_not_a_dose_decline(bot, sender):
    bot.say(sender, "my 15 year old son has been burning himself and i just found out")
    reply = bot.say(sender, "do i need to take all the lighters off him now")
    said = texts(reply)
    assert "by force or as a punishment" in said and "talk together" in said
    assert "If they're thinking of suicide" in said and "988" in said and "911" in said
    assert "can't give doses" not in said
    assert "/helping_means" in [b["payload"] for b in buttons(reply)]  # the helper topics again


def test_a_friend_asking_whether_to_check_his_room_hears_they_need_not_police_him(bot, sender):
    bot.say(sender, "my boyfriend cuts and i want to support him better")
    said = texts(bot.say(sender, "should i be checking his arms and his room every day"))
    assert "search their room or watch them all the time" in said and "talk together" in said
    assert "can't give doses" not in said


# --- a talk check as a parent: who to tell, "is this my fault", getting them to a therapist, and in Spanish ---------
# ("do i tell her dad", "is this my fault", "que le digo", "le quito las navajas?" were fallbacks).

NOT_FOLLOWED = ("didn't follow", "not sure I followed", "still not getting it", "outside what I can help with",
                "no entendí", "no te entendí", "haberte entendido", "sigo sin entenderte", "fuera de lo que puedo")


def _answered(said: str) -> str:
    assert not any(words in said for words in NOT_FOLLOWED), said
    return said


def test_a_parent_texting_about_their_son_gets_who_to_tell_not_their_fault_and_how_to_find_help(bot, sender):
    said = _answered(texts(bot.say(sender, "my son cuts himself")))
    assert "looking for ways to help" in said or "For a parent" in said, said
    _answered(texts(bot.say(sender, "ok")))
    said = _answered(texts(bot.say(sender, "do i have to tell his dad tho")))
    assert "talk with them first" in said and "who to tell and how" in said and "988" in said, said
    said = _answered(texts(bot.say(sender, "is it bc of me")))
    assert "can't take responsibility for causing" in said and "988 for yourself" in said, said
    said = _answered(texts(bot.say(sender, "how do i get him to talk to someone")))
    assert "power struggle" in said and "2-1-1 and press 1" in said and "988" in said, said


def test_a_spanish_speaking_parent_gets_what_to_say_no_forced_removal_and_help_in_spanish(bot, sender):
    said = _answered(texts(bot.say(sender, "mi hija se corta")))
    assert "formas de ayudar" in said or "Para madres y padres" in said, said
    said = _answered(texts(bot.say(sender, "y que le digo")))
    assert "Mantén la calma" in said and "No necesitas que te prometa dejarlo" in said, said
    said = _answered(texts(bot.say(sender, "le quito las navajas o no")))
    assert "a la fuerza" in said and "lucha de poder" in said, said
    said = _answered(texts(bot.say(sender, "hay ayuda en espanol?")))
    assert "988" in said and "marca 2" in said and "AYUDA" in said, said


@pytest.mark.parametrize(
    "urgent, meant",
    [("my daughter took a bunch of pills and wont wake up", "hard to wake"),
     ("she says she wants to die tonight", "If they are in danger right now, call 911")],
)
def test_a_parents_crisis_message_still_gets_911_first_not_the_helper_advice(bot, sender, urgent, meant):
    bot.say(sender, "my daughter has been hurting herself and idk what to do")
    said = texts(bot.say(sender, urgent))
    assert meant in said and "call 911" in said and "988" in said, said
    assert "power struggle" not in said and "who to tell" not in said and "looking for ways to help" not in said


def test_a_roommate_who_may_have_bulimia_gets_the_helper_reply_and_words_to_try(bot, sender):
    """Session 21: "i think my roommate has bulimia" got the first-person eating reply ("If you've fainted..."), and
    "what do i say" got "didn't follow"."""
    reply = bot.say(sender, "i think my roommate has bulimia")
    said = texts(reply)
    assert "It's kind of you to look out for them" in said and "police their eating" in said, said
    assert "If you've fainted" not in said and "911" in said, said
    said = texts(bot.say(sender, "what do i say"))
    assert "I've noticed" in said and "didn't follow" not in said, said
    said = texts(bot.say(sender, "ok ill try that"))
    assert "Are you having thoughts of ending your life" not in said, said


def test_a_friends_overdose_help_on_the_way_then_arriving_is_answered_for_the_helper(bot, sender):
    """Session 22's new-user run: a helper's "they're on the way" got "Have you been able to call, or is someone with
    you who can?", as if the helper had taken the pills, and "theyre here" got the welcome again."""
    said = texts(bot.say(sender, "my best friend swallowed a whole bunch of her pills and shes really sleepy"))
    assert "911" in said and "1-800-222-1222" in said, said
    said = texts(bot.say(sender, "ok i called, they're on the way"))
    assert "stay with them" in said and "Have you been able to call" not in said, said
    said = texts(bot.say(sender, "omg theyre here"))
    assert "glad help is there" in said and "automated peer-support guide" not in said, said
    assert "bottles or packets" in said, said


def test_my_own_overdose_then_the_ambulance_arriving_gets_go_with_them(bot, sender):
    said = texts(bot.say(sender, "i took way too many of my sleeping pills like 20 min ago"))
    assert "911" in said, said
    said = texts(bot.say(sender, "ok ambulance coming"))
    assert "Thank you for doing that" in said, said
    said = texts(bot.say(sender, "paramedics r here now"))
    assert "Go with them" in said and "bottle or packet" in said and "automated peer-support guide" not in said, said


def test_a_parent_says_the_age_and_asks_where_to_get_help_and_gets_the_youth_lines(bot, sender):
    """Session 23's new-user run: "shes 14" after "my daughter is self harming" got "didn't follow", and "where can we
    get help" got "still not getting it" and the menu."""
    bot.say(sender, "my daughter has been self harming and i just found out")
    said = texts(bot.say(sender, "she just turned 14"))
    assert "didn't follow" not in said and "not getting it" not in said, said
    said = texts(bot.say(sender, "ok so where do we go for help"))
    assert "2-1-1" in said and "not getting it" not in said, said


def test_the_boyfriend_getting_mad_after_the_tips_gets_the_helpers_reply_not_anger_coping(bot, sender):
    """Session 23's new-user run: "he got mad when i brought it up" got "punch a cushion"."""
    bot.say(sender, "my boyfriend cuts and i want to talk to him about it, what do i say")
    said = texts(bot.say(sender, "i tried and he got really mad when i asked"))
    assert "cushion" not in said and "okay if they get angry" in said, said


def test_a_helper_asked_to_keep_an_overdose_secret_is_told_safety_comes_first(bot, sender):
    """Session 24's new-user run: "she says not to tell anyone" after a friend's overdose got "have you been able to
    call, or is someone with you who can?"."""
    said = texts(bot.say(sender, "my best friend just swallowed a bunch of her pills"))
    assert "1-800-222-1222" in said, said
    said = texts(bot.say(sender, "she made me promise not to tell anybody"))
    assert "matters more than keeping the secret" in said and "1-800-222-1222" in said, said


def test_a_parents_fear_of_something_worse_in_spanish_gets_asking_directly_and_988(bot, sender):
    """Session 26's new-user run: "tengo miedo que sea algo peor" about a daughter who cuts got "not every idea
    works"."""
    said = texts(bot.say(sender, "mi hijo de 15 se está cortando y no sé qué hacer"))
    assert "988" in said, said
    said = texts(bot.say(sender, "me da miedo que sea algo más grave"))
    assert "quitarte la vida" in said and "988" in said, said
    assert "No todas las ideas" not in said, said


def test_they_say_theyre_fine_about_eating_gets_the_eating_reply_not_the_suicide_question(bot, sender):
    """Session 26's new-user run: "hes 16. he says hes fine" about a son throwing up after meals got the suicide
    question to ask him."""
    said = texts(bot.say(sender, "my daughter keeps making herself sick after dinner and i dont know how to help"))
    assert "doctor" in said, said
    said = texts(bot.say(sender, "shes 15 and she keeps saying shes fine"))
    assert "leave the door open" in said and "911" in said, said
    assert "thoughts of ending your life" not in said, said
