"""Wound care over REST: routing to 911, same-day care or self-care, first aid, and leaving mid-flow."""

from tests.live.clicks import click
from tests.live.harness import buttons, texts


def start(bot, sender):
    return bot.say(sender, "i cut myself and need to clean it")


def test_wound_question_asks_if_it_is_happening_now_and_how_bad(bot, sender):
    reply = start(bot, sender)
    assert "happening now" in texts(reply)
    offered = {b["payload"] for b in buttons(reply)}
    assert {"/wound_emergency", "/wound_same_day", "/wound_cut", "/wound_burn"} <= offered


def test_blood_that_wont_stop_after_10_minutes_of_pressure_routes_to_same_day_care(bot, sender):
    reply = click(bot, sender, start(bot, sender), "Still bleeding after 10 minutes of pressure")
    said = texts(reply)
    assert "needs a doctor today" in said and "urgent care" in said
    assert "Call 911 if it spurts" in said


def test_spurting_routes_to_911(bot, sender):
    said = texts(click(bot, sender, start(bot, sender), "Spurting or won't stop"))
    assert said.startswith("Please call 911 now")
    assert "988" in said


def test_typed_spurting_mid_flow_gets_911(bot, sender):
    start(bot, sender)
    assert "911" in texts(bot.say(sender, "its spurting out"))


def test_a_bad_burn_routes_to_911(bot, sender):
    said = texts(click(bot, sender, bot.say(sender, "i burned myself earlier"), "A bad burn"))
    assert "call 911 now" in said and "cool running water" in said


def test_burn_self_care_is_20_minutes_of_cool_running_water_and_no_ice_or_butter(bot, sender):
    said = texts(click(bot, sender, bot.say(sender, "how do you treat a burn"), "A burn I can look after"))
    assert "cool running water for 20 minutes" in said
    assert "No ice" in said and "butter" in said
    assert "Don't burst any blisters" in said


def test_cut_self_care_then_aftercare_topics(bot, sender):
    reply = click(bot, sender, start(bot, sender), "A cut I can look after")
    assert "clean running water" in texts(reply) and "non-fluffy" in texts(reply)
    infection = click(bot, sender, reply, "Signs of infection")
    assert "Redness that spreads" in texts(infection) and "fever" in texts(infection)
    tetanus = click(bot, sender, infection, "Tetanus shots")
    assert "not sure when you last had one" in texts(tetanus) and "pharmacist" in texts(tetanus)
    kit = click(bot, sender, tetanus, "A first-aid kit")
    assert "Surgical tape" in texts(kit)
    scars = click(bot, sender, kit, "Scar care")
    assert "sun" in texts(scars) and "Moisturise" in texts(scars)


def test_healing_wound_goes_to_aftercare(bot, sender):
    reply = click(bot, sender, bot.say(sender, "my wound still isnt healing"), "It's healing")
    assert "/wound_infection" in [b["payload"] for b in buttons(reply)]


def test_skipping_the_question_still_gives_the_thresholds(bot, sender):
    start(bot, sender)
    said = texts(bot.say(sender, "skip"))
    assert "call 911" in said and "10 minutes of firm pressure" in said


def test_menu_button_in_the_middle_jumps_to_that_topic(bot, sender):
    start(bot, sender)
    reply = bot.say(sender, "/coping_alternatives")
    assert "what does the urge do for you" in texts(reply)


def test_something_else_in_the_middle_shows_the_menu(bot, sender):
    start(bot, sender)
    assert "/self_harm_urge" in [b["payload"] for b in buttons(bot.say(sender, "something else"))]


def test_crisis_in_the_middle_of_wound_care_gets_911_and_988(bot, sender):
    start(bot, sender)
    said = texts(bot.say(sender, "i want to kill myself tbh"))
    assert said.index("911") < said.index("988")


# --- follow-ups (phrasings not in the training data) ---------------------------------------------------


def test_a_gaping_cut_gets_care_today_and_no_home_closing(bot, sender):
    said = texts(bot.say(sender, "the edges of my cut are pulling apart, can i put steristrips on"))
    assert "needs a doctor today" in said and "only for small cuts whose edges already meet" in said


def test_covering_scars_without_judgement(bot, sender):
    said = texts(bot.say(sender, "what's a good way to conceal scars on my arms for a job"))
    assert "Wanting to cover your scars is okay" in said


def test_asking_about_stitches_gets_care_today(bot, sender):
    said = texts(bot.say(sender, "do you think it needs stitches"))
    assert "needs a doctor today" in said


def test_asking_about_superglue_as_a_follow_up_gets_no_home_closing(bot, sender):
    bot.say(sender, "the cut on my leg is kind of wide open")
    said = texts(bot.say(sender, "what about superglue then"))
    assert "needs a doctor today" in said and "strips, tape or glue at home" in said


def test_more_after_the_cut_steps_says_thats_all_without_repeating_the_buttons(bot, sender):
    reply = click(bot, sender, start(bot, sender), "A cut I can look after")
    shown = {b["payload"] for b in buttons(reply)}
    assert "/wound_infection" in shown
    reply = bot.say(sender, "more")
    assert "everything I have on looking after a wound" in texts(reply)
    assert not {b["payload"] for b in buttons(reply)} & shown
    reply = bot.say(sender, "more")
    assert "everything I have" not in texts(reply) and not {b["payload"] for b in buttons(reply)} <= shown


def test_their_own_burn_done_on_purpose_gets_their_own_wound_care_not_the_helpers(bot, sender):
    said = texts(bot.say(sender, "i burned my hand on purpose with a lighter, how do i look after it"))
    assert "help you look after a cut or a burn" in said or "cool or lukewarm running water" in said, said
    assert "help you help them" not in said and "Helping with a burn" not in said


def test_asking_if_the_er_has_to_know_i_did_it_gets_an_answer_and_skip_moves_on(bot, sender):
    click(bot, sender, start(bot, sender), "A cut I can look after")
    reply = texts(bot.say(sender, "ok but if i go to urgent care do i have to tell them i did it myself??"))
    assert "comfortable" in reply and "tetanus" in reply, reply
    assert "thoughts of ending your life" not in reply and "Which sounds doable" not in reply
    skipped = texts(bot.say(sender, "skip that"))
    assert "thoughts of ending your life" not in skipped and "didn't follow" not in skipped, skipped


def test_ice_question_after_burn_care_and_a_size_answer_to_how_bad_is_it(bot, sender):
    """Run 10: "should i put ice on it" got the triage question again; "its like the size of a coin" answering
    "how bad is it?" was out of scope."""
    bot.say(sender, "i need to look after a burn on my hand")
    size = texts(bot.say(sender, "its about the size of a quarter"))
    assert "cool running water for 20 minutes" in size, size
    ice = texts(bot.say(sender, "can i put an ice pack on it"))
    assert ice.startswith("No ice") and "how bad is it" not in ice, ice


def test_butter_on_a_burn_after_burn_care_gets_the_burn_card_not_cut_advice(bot, sender):
    """Session 21: "can i put butter on it" after "A burn I can look after" got gaping-cut advice (2 of 2)."""
    bot.say(sender, "i burned myself with a lighter")
    bot.say(sender, "A burn I can look after")
    said = texts(bot.say(sender, "can i put butter on it"))
    assert "butter" in said and "gape" not in said and "Stitches" not in said, said


def test_ok_after_a_cut_that_stopped_gets_the_cleaning_and_covering_steps(bot, sender):
    """Session 21: "ok" after "i cut earlier and it stopped after i pressed on it" got "Okay." and no steps."""
    bot.say(sender, "i cut earlier and it stopped after i pressed on it")
    said = texts(bot.say(sender, "ok"))
    assert said.startswith("Looking after a cut"), said


def test_a_spanish_cutting_disclosure_gets_the_urge_flow_in_spanish(bot, sender):
    """Session 21: "me corto cuando estoy muy triste" got only sympathy and the menu."""
    reply = bot.say(sender, "me corto cuando estoy muy triste")
    assert "/urge_delay" in [b["payload"] for b in buttons(reply)], texts(reply)


def test_a_burn_told_without_how_bad_gets_the_wound_question_in_both_languages(bot, sender):
    """Session 21: "i burned my arm on purpose" and "me quemé el brazo a propósito" got "call 911 now" for a large or
    deep burn and the crisis lines; the wound flow asks how bad it is first (its first button is the 911 one)."""
    reply = bot.say(sender, "i burned my arm on purpose")
    said = texts(reply)
    assert "/wound_emergency" in [b["payload"] for b in buttons(reply)] and "988" not in said, said
    said = texts(bot.say(sender, "its like a small blister"))
    assert "Cool it under cool running water for 20 minutes" in said, said
    reply = bot.say(f"{sender}-es", "me quemé el brazo a propósito")
    assert "/wound_emergency" in [b["payload"] for b in buttons(reply)] and "988" not in texts(reply), texts(reply)


def test_a_burn_with_white_painless_skin_still_gets_911_first(bot, sender):
    said = texts(bot.say(sender, "i burned my arm on purpose and the skin went white and i cant feel it"))
    assert "911" in said and said.index("911") < 200, said


def test_cutting_again_told_with_typos_gets_the_wound_question_not_the_eating_reply(bot, sender):
    """Session 22: "i hav bin cuting agen" got the eating reply, and "i have been cutting again" was read as a helper's
    worry about someone else."""
    said = texts(bot.say(sender, "i hav bin cuting agen"))
    assert "I can help you look after a cut or a burn" in said, said
    assert "food" not in said, said
    other = f"{sender}-b"
    said = texts(bot.say(other, "ive been cutting again lately and idk"))
    assert "When someone tells you" not in said and "your friend" not in said.lower(), said


def test_a_cut_and_the_fear_of_parents_finding_out_in_spanish_is_met_and_nothing_is_reported(bot, sender):
    """Session 22: "me corté y tengo miedo que mis papás se enteren" got general sympathy and the menu. Session 24: the
    fear is met first (their choice whom to tell), with nothing reported and caring for the cut offered."""
    reply = bot.say(sender, "me corté y tengo miedo que mis papás se enteren")
    said = texts(reply)
    assert "No le informo nada a nadie" in said and "Tú decides a quién se lo cuentas" in said, said
    assert "/wound_cut" in {b["payload"] for b in buttons(reply)}, said


def test_a_blister_after_a_lighter_burn_gets_the_burn_card_not_the_bleeding_steps(bot, sender):
    """Session 22 (new-user run): "its blistering" after "i burned myself on purpose with a lighter" got "press firmly
    on the wound" and the crisis list; "should i pop it" then got "is the bleeding slowing?"."""
    said = texts(bot.say(sender, "i burned myself on purpose with a lighter"))
    assert "I can help you look after a cut or a burn" in said, said
    said = texts(bot.say(sender, "its blistering"))
    assert "Press firmly" not in said and "bleeding" not in said.lower(), said
    assert "Don't burst any blisters" in said, said
    said = texts(bot.say(sender, "should i pop it"))
    assert "bleeding slowing" not in said, said


def test_a_teen_who_cuts_sometimes_gets_care_not_out_of_scope(bot, sender):
    """Session 22 (new-user run): "im 15 and i cut sometimes" got "That's outside what I can help with"."""
    said = texts(bot.say(sender, "im 15 and i cut sometimes"))
    assert "outside what I can help with" not in said and "didn't" not in said, said
    assert "I can help you look after a cut or a burn" in said or "Urges can feel huge" in said, said


def test_a_deep_burn_that_doesnt_hurt_gets_911_again(bot, sender):
    """Session 22 (new-user run): "it doesnt even hurt that much" after the deep-burn reply got "Are you safe right
    now?" and the text line; a burn that doesn't hurt can be a deep one."""
    said = texts(bot.say(sender, "i spilled boiling water on my leg and the skin looks white"))
    assert said.index("911") < said.index("988"), said
    said = texts(bot.say(sender, "it doesnt even hurt that much"))
    assert "deeper burn" in said and "911" in said and "Are you safe right now" not in said, said
    said = texts(bot.say(sender, "ok"))
    assert "didn't follow" not in said, said


def test_after_a_chemical_burn_idk_and_not_calling_get_the_burn_follow_up_not_the_safety_question(bot, sender):
    """Session 23: after the burn reply, "idk" got "Are you safe right now?" with the text lines, which can't look at a
    burn. Now: keep it cooling, get it seen today, 911 for the major signs."""
    said = texts(bot.say(sender, "got oven cleaner all over my hand and its burning bad"))
    assert "20 minutes" in said and "911" in said, said
    said = texts(bot.say(sender, "idk"))
    assert "Are you safe right now" not in said and "741741" not in said, said
    assert "cool running water" in said and "911" in said, said
    said = texts(bot.say(sender, "no i dont wanna call anyone"))
    assert "seen today" in said and "urgent care" in said and "1-800-222-1222" in said, said
    said = texts(bot.say(sender, "its a bit better now"))
    assert "seen today" in said and "didn't follow" not in said, said


def test_a_cut_that_looks_infected_gets_the_infection_signs_and_a_doctor(bot, sender):
    """Session 22's new-user run: "red and hot, yellow stuff" got the wording for someone helping a friend."""
    said = texts(bot.say(sender, "my cut from last week is red n hot and theres yellow stuff coming out"))
    assert "Signs a wound may be infected" in said and "urgent care" in said, said
    assert "your friend" not in said.lower() and "911" not in said, said


def test_the_fear_of_a_parent_finding_out_is_met_and_covering_it_is_offered(bot, sender):
    """Session 23's new-user run: "my dad almost saw" after a cut got the feelings reply with 988; "how do i hide it"
    got the wound question again."""
    said = texts(bot.say(sender, "cut my arm last night"))
    assert "happening now" in said, said
    said = texts(bot.say(sender, "my dad almost walked in on me"))
    assert "your choice who you tell" in said and "988" not in said, said
    said = texts(bot.say(sender, "how do i hide it tho"))
    assert "long sleeves" in said and "clean dressing" in said, said


def test_a_cut_that_stopped_bleeding_still_gets_when_it_needs_a_doctor_today(bot, sender):
    """Session 24's new-user run: "it stopped bleeding" after "how bad is it?" got the reply for stopping a medicine."""
    texts(bot.say(sender, "cut my leg kinda deep last night"))
    said = texts(bot.say(sender, "its stopped bleeding now i think"))
    assert "glad it's stopped" in said and "today" in said, said
    assert "prescriber" not in said and "seizure" not in said, said
    said = texts(bot.say(sender, "ok"))
    assert "didn't follow" not in said and "glad it's stopped" not in said, said


def test_a_red_warm_burn_gets_self_care_and_what_to_watch_not_911(bot, sender):
    """Session 25's new-user run: "its all red around it and kinda puffy and warm" after a lighter burn got the
    large-or-deep burn reply (911); a white patch told after it still gets 911."""
    said = texts(bot.say(sender, "burnt my arm w a lighter again"))
    assert "how bad is it" in said, said
    said = texts(bot.say(sender, "its kinda red n puffy around it and feels warm"))
    assert "20 minutes" in said and "fever" in said, said
    assert "Please call 911 now" not in said and "needs emergency care" not in said, said
    said = texts(bot.say(sender, "wait actually the middle looks kinda white"))
    assert "911" in said, said


def test_no_fever_after_the_infection_signs_still_says_when_to_see_a_doctor(bot, sender):
    """Session 26's new-user run: "no fever i dont think" after the infection signs got "didn't catch that"."""
    said = texts(bot.say(sender, "how can i tell if my cut is getting infected"))
    said = texts(bot.say(sender, "its red around the edges and kinda warm"))
    said = texts(bot.say(sender, "no fever tho i dont think"))
    assert "no fever" in said and "doctor" in said, said
    assert "didn't catch" not in said, said


def test_a_kitchen_burn_told_alone_gets_the_wound_question_and_a_red_sting_gets_self_care(bot, sender):
    """Session 26's new-user run: "i burned my arm on the stove" got the large-or-deep burn reply (call 911 now), and
    "its red and stings a bit" after it stayed in that emergency. The wound flow asks how bad it is instead; a white
    patch told after the self-care reply still gets 911."""
    said = texts(bot.say(sender, "i burned my arm on the stove"))
    assert "how bad is it" in said and "Please call 911 now" not in said, said
    said = texts(bot.say(sender, "its red n stings a little"))
    assert "20 minutes" in said and "Don't burst" in said, said
    assert "Please call 911 now" not in said and "needs emergency care" not in said, said
    said = texts(bot.say(sender, "actually part of it looks white"))
    assert "911" in said, said


def test_ok_to_how_bad_is_it_gets_the_choice_again_then_a_size_answer_gets_the_steps(bot, sender):
    """Session 28: "ok" there got "Okay. Anything else about looking after it?" and skipped the triage."""
    assert "Pick what fits best" in texts(bot.say(sender, "cut my arm a bit and its bleeding some"))
    said = texts(bot.say(sender, "ok"))
    assert "pick what fits best" in said and "911" in said, said
    assert "Anything else about looking after it" not in said
    said = texts(bot.say(sender, "its only small, stopped bleeding already"))
    assert "Please call 911 now" not in said and "clean" in said.lower(), said
