"""How extensions/dialogue_policy.py reads a short answer (resources/dialogue.yml), without servers."""

from __future__ import annotations

import pytest

from extensions.dialogue_policy import (
    answer_classes,
    answers_the_flows_read,
    first_action_for,
    normalise,
    picked_button,
)

URGE_BUTTONS = [
    {"title": "Wait 15 minutes", "payload": "/urge_delay"},
    {"title": "Ride out the urge", "payload": "/urge_surf"},
    {"title": "5-4-3-2-1 grounding", "payload": "/urge_grounding"},
    {"title": "Put some distance", "payload": "/urge_distance"},
    {"title": "Skip for now", "payload": "/deny"},
]
PRIVACY_BUTTONS = [
    {"title": "Who can read this?", "payload": "/privacy_who_reads"},
    {"title": "Will anyone be told?", "payload": "/privacy_reporting"},
    {"title": "What's kept, and for how long", "payload": "/privacy_storage"},
]


@pytest.mark.parametrize(
    "text, first",
    [
        ("idk", "unsure"),
        ("Not sure tbh", "unsure"),
        ("maybe?? idk", "unsure"),
        ("idk... maybe lol", "unsure"),
        ("k", "ack"),
        ("yep", "yes"),
        ("nah", "no"),
        ("a bit better", "better"),
        ("didn't really work", "didnt_help"),
        ("still want to", "still_want"),
        ("some more please", "more"),
        ("it was Tylenol", "acetaminophen"),
        ("haven't taken them yet", "not_taken"),
        ("i don't want to call", "wont_call"),
        ("they'll lock me up", "er_fear"),
        ("still bleeding after 15 minutes", "still_bleeding"),
        ("no, I don't have a plan", "no_plan"),
        ("I'm safe now", "safe_now"),
        ("i feel fine though", "feel_fine"),
        ("great, another hotline", "frustrated_lines"),
        ("wow thanks, real helpful", "frustrated"),
        ("ok good to know", "ack"),
        ("what else is there", "more"),
    ],
)
def test_a_short_answer_is_read_as_what_it_means(text, first):
    assert first in answer_classes(text)


@pytest.mark.parametrize(
    "text",
    ["ok so my cut is red and hot", "it helps me calm down", "maybe i should eat", "maybe no", "idk maybe i could"],
)
def test_a_longer_message_is_not_taken_for_a_bare_answer(text):
    assert not {"yes", "unsure", "better"} & set(answer_classes(text))


def test_filler_is_dropped_but_the_answer_kept():
    assert normalise("Um, ok!") == "ok"


def test_answers_a_flow_already_reads_are_left_to_its_rules():
    assert ("utter_coping_ask_function", "not_sure") in answers_the_flows_read()


@pytest.mark.parametrize(
    "text, payload",
    [
        ("2", "/urge_surf"),
        ("#4", "/urge_distance"),
        ("option 3", "/urge_grounding"),
        ("the first one", "/urge_delay"),
        ("last one", "/deny"),
        ("the grounding one", "/urge_grounding"),
        ("ok i'll try riding it out", "/urge_surf"),
    ],
)
def test_a_typed_number_or_words_pick_the_offered_button(text, payload):
    assert picked_button(text, URGE_BUTTONS)["payload"] == payload


@pytest.mark.parametrize("text", ["7", "none of them", "i dont care", "no", "i want to cut now", "ok"])
def test_a_message_that_names_no_option_picks_none(text):
    assert picked_button(text, URGE_BUTTONS) is None


def test_words_people_use_for_an_option_pick_it():
    assert picked_button("could my mum find out", PRIVACY_BUTTONS)["payload"] == "/privacy_reporting"
    assert picked_button("how long do you keep it", PRIVACY_BUTTONS)["payload"] == "/privacy_storage"


def test_a_reaction_sharing_words_with_a_title_is_not_a_pick():
    feel_better = [{"title": "I feel better now", "payload": "/medication_reason"}]
    assert picked_button("that makes me feel a bit better", feel_better, loose=False) is None
    assert picked_button("I feel better now", feel_better, loose=False) is not None


def test_a_picked_flow_starts_with_its_rules_first_action():
    assert first_action_for("urge_surf", "utter_urge_options") == "utter_urge_surf"
    assert first_action_for("coping_alternatives", None) == "utter_coping_intro"


def test_slots_re_set_after_a_re_read_message_are_stamped_after_it():
    """The tracker store orders events by timestamp: slots copied with their old time would sort before the
    re-read message (seen on PostgreSQL as events out of order)."""
    import time

    from rasa.shared.core.events import SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from extensions.dialogue_policy import _slots_after_latest_message

    tracker = DialogueStateTracker("t", [])
    tracker.update(UserUttered("2", {"name": "nlu_fallback"}))
    tracker.update(SlotSet("language", "en"))
    time.sleep(0.01)
    revised = UserUttered("2", {"name": "coping_alternatives"})
    copied = _slots_after_latest_message(tracker)
    assert [(e.key, e.value) for e in copied] == [("language", "en")]
    assert all(e.timestamp >= revised.timestamp for e in copied)


# ---- Known gaps of the first version (issue 10 follow-up) --------------------------------------------

def _policy():
    from rasa.engine.graph import ExecutionContext, GraphSchema

    from extensions.dialogue_policy import DialoguePolicy

    return DialoguePolicy(DialoguePolicy.get_default_config(), None, None, ExecutionContext(GraphSchema({}), "t"))


def _conversation(domain, turns):
    """A tracker from (user text, intent, [bot responses]) turns; bot messages carry their domain buttons."""
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    tracker = DialogueStateTracker("t", domain.slots)
    tracker.update(ActionExecuted("action_listen"))
    for text, intent, replies in turns:
        tracker.update(UserUttered(text, {"name": intent, "confidence": 0.9}, parse_data={"risk_level": "none"}))
        for name in replies:
            tracker.update(ActionExecuted(name))
            buttons = (domain.responses.get(name) or [{}])[0].get("buttons")
            tracker.update(BotUttered(name, {"buttons": buttons} if buttons else {}, {"utter_action": name}))
        if replies:
            tracker.update(ActionExecuted("action_listen"))
    return tracker


def test_more_in_the_urge_flow_offers_new_routes_then_says_the_ideas_ran_out(domain):
    urge = ("i kinda want to hurt myself rn", "self_harm_urge", ["utter_urge_acknowledge", "utter_urge_options"])
    first = _policy().plan(_conversation(domain, [urge, ("more", "nlu_fallback", [])]), domain)
    assert first == ["utter_dlg_urge_more"]
    offered = {b["payload"] for b in domain.responses["utter_dlg_urge_more"][0]["buttons"]}
    assert not offered & {"/urge_delay", "/urge_surf", "/urge_grounding", "/urge_distance"}
    assert {"/peer_support", "/safety_plan", "/contact_human"} <= offered
    second = _policy().plan(
        _conversation(domain, [urge, ("more", "nlu_fallback", first), ("more", "nlu_fallback", [])]), domain
    )
    assert second == ["utter_dlg_urge_more_none"]


@pytest.mark.parametrize("text", ["what do i do", "ok what should i do now", "how do i help her", "now what"])
def test_what_do_i_do_after_an_emergency_reply_is_an_answer(text):
    assert "what_now" in answer_classes(text)


@pytest.mark.parametrize(
    "text, other", [("my friend took a bunch of pills", True), ("My bf just swallowed a bottle of pills", True),
                    ("she took all her sleeping pills", True), ("i took my mom's pills", False),
                    ("i took a bunch of pills and my friend is here", False)]
)
def test_an_overdose_message_about_someone_else_is_told_apart(text, other):
    assert ("someone_else" in answer_classes(text)) is other


def test_after_a_friends_overdose_the_helper_gets_helper_steps_not_the_coping_options(domain):
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    tracker = DialogueStateTracker("t", domain.slots)
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered("my mate just took a load of pills", {"name": "crisis", "confidence": 1.0},
                               parse_data={"risk_level": "imminent", "risk_kind": "overdose"}))
    tracker.update(ActionExecuted("utter_emergency_overdose"))
    tracker.update(ActionExecuted("action_crisis_handoff"))
    assert _policy()._next_action(tracker, domain)[0] == "utter_dlg_overdose_helper"
    tracker.update(ActionExecuted("utter_dlg_overdose_helper"))
    assert _policy()._next_action(tracker, domain)[0] == "action_listen"


NET_ONLY = {"risk_kind": "plan_means", "entities": [{"entity": "risk", "value": "risk_net"}]}
PATTERNS = {"risk_kind": "plan_means", "entities": [{"entity": "risk", "value": "plan_or_preparation"}]}


@pytest.mark.parametrize(
    "situation, text, reply",
    [
        ("bleeding", "i've been holding it for like 20 min and it's still going", "utter_dlg_bleeding_still_bleeding"),
        ("crisis", "i haven't taken them yet, they're on my desk", "utter_dlg_crisis_not_taken"),
        ("crisis", "i dont have a plan or anything, just exhausted", "utter_dlg_emergency_no_plan"),
    ],
)
def test_an_update_only_the_second_net_took_for_a_new_emergency_stays_in_the_follow_up(domain, situation, text, reply):
    said = ["utter_crisis_options", "action_crisis_handoff", f"utter_emergency_{situation}"]
    plan = _policy()._emergency_plan(situation, answer_classes(text), "crisis", "imminent", NET_ONLY, said, domain)
    assert plan == [reply]


def test_a_new_emergency_the_patterns_found_still_gets_its_own_first_reply(domain):
    text = "i don't have a plan but i'm going to do it tonight"
    said = ["utter_crisis_options", "action_crisis_handoff", "utter_crisis"]
    assert _policy()._emergency_plan("crisis", answer_classes(text), "crisis", "imminent", PATTERNS, said, domain) == []


# ---- a helper whose friend won't let them call (after an overdose reply about someone else) ---------------

HELPER_SAID = ["utter_dlg_overdose_helper", "action_crisis_handoff", "utter_emergency_overdose"]


@pytest.mark.parametrize(
    "text",
    ["he wont let me call anyone", "she says not to call anyone", "he doesnt want an ambulance",
     "shes begging me not to call 911", "he refuses to go to the hospital", "they won't let me get help"],
)
def test_a_helper_told_not_to_call_gets_the_helpers_reply_not_someone_could_take_you(domain, text):
    plan = _policy()._emergency_plan("overdose", answer_classes(text), "nlu_fallback", "none", {}, HELPER_SAID, domain)
    assert plan == ["utter_dlg_overdose_helper_wont_call"]
    said = domain.responses[plan[0]][0]["text"]
    assert "call 911 anyway" in said and "1-800-222-1222" in said and "Stay with them" in said
    assert "someone could take you" not in said


def test_the_person_who_took_them_saying_they_wont_call_still_gets_their_own_reply(domain):
    said = ["utter_crisis_options", "action_crisis_handoff", "utter_emergency_overdose"]
    plan = _policy()._emergency_plan("overdose", answer_classes("i dont want to call anyone"), "deny", "none", {},
                                     said, domain)
    assert plan == ["utter_dlg_overdose_wont_call"]


def test_a_helper_told_twice_not_to_call_gets_new_words(domain):
    said = ["utter_dlg_overdose_helper_wont_call", *HELPER_SAID]
    classes = answer_classes("she still won't let me call anybody")
    plan = _policy()._emergency_plan("overdose", classes, "nlu_fallback", "none", {}, said, domain, set(said))
    assert plan == ["utter_dlg_overdose_helper_wont_call_again"]


@pytest.mark.parametrize("text", ["my homie just took a bunch of pills", "my little sister took all her meds"])
def test_slang_and_younger_relations_count_as_someone_else(text):
    assert "someone_else" in answer_classes(text)


# ---- "more" where the topic's options are already on screen -----------------------------------------------


@pytest.mark.parametrize(
    "first, none",
    [
        (("i cut my arm", "wound_cut", ["utter_wound_cut", "utter_wound_aftercare"]), "utter_dlg_wound_more_none"),
        (("what to ask", "medication_questions", ["utter_medication_questions", "utter_medication_next"]),
         "utter_dlg_medication_more_none"),
        (("my friend cuts", "helping_someone", ["utter_helping_intro", "utter_helping_options"]),
         "utter_dlg_helping_more_none"),
    ],
)
def test_more_when_the_topics_options_are_on_screen_says_so_without_repeating_buttons(domain, first, none):
    plan = _policy().plan(_conversation(domain, [first, ("more", "nlu_fallback", [])]), domain)
    assert plan == [none]
    assert not domain.responses[none][0].get("buttons")
    shown = {b["payload"] for b in domain.responses[first[2][-1]][0]["buttons"]}
    turns = [first, ("more", "nlu_fallback", plan), ("more", "nlu_fallback", [])]
    again = _policy().plan(_conversation(domain, turns), domain)
    offered = {b["payload"] for b in domain.responses[again[0]][0].get("buttons") or []}
    assert again != plan and not offered <= shown


# ---- closing instead of looping: "no" to where next, "ok thanks" at the end ----------------------------------

MEDICATION_REASON = ("side effects", "medication_reason", ["utter_medication_reason"])


@pytest.mark.parametrize("text", ["no", "nah", "no thanks"])
def test_no_to_another_medication_question_closes_warmly_instead_of_asking_again(domain, text):
    offer = ("ok", "affirm", ["utter_dlg_yes", "utter_dlg_next_medication"])
    plan = _policy().plan(_conversation(domain, [MEDICATION_REASON, offer, (text, "deny", [])]), domain)
    assert plan == ["utter_dlg_no", "utter_anything_else"]


STRESS = ("how do i deal w exam stress", "coping_stress", ["utter_coping_stress", "utter_coping_stress_next"])


@pytest.mark.parametrize("text", ["nah", "no thanks"])
def test_no_to_the_offer_after_stress_ideas_closes_warmly(domain, text):
    """content7: the stress ideas end with an offer of where next; "no" closes, it doesn't offer coping again."""
    plan = _policy().plan(_conversation(domain, [STRESS, (text, "deny", [])]), domain)
    assert plan == ["utter_dlg_no", "utter_anything_else"]


def test_more_after_stress_ideas_gets_more_for_stress_not_the_self_harm_sets(domain):
    plan = _policy().plan(_conversation(domain, [STRESS, ("any more?", "nlu_fallback", [])]), domain)
    assert plan == ["utter_dlg_stress_more"]


@pytest.mark.parametrize("text", ["a bit better tbh", "idk"])
def test_an_answer_after_stress_ideas_never_offers_the_urge_question(domain, text):
    plan = _policy().plan(_conversation(domain, [STRESS, (text, "nlu_fallback", [])]), domain)
    assert plan
    offered = {b["payload"] for name in plan for v in domain.responses[name] for b in v.get("buttons") or []}
    assert "/coping_alternatives" not in offered and "/coping_more" not in offered, plan


def test_no_to_anything_else_says_goodbye(domain):
    offer = ("ok", "affirm", ["utter_dlg_yes", "utter_dlg_next_medication"])
    closed = ("no", "deny", ["utter_dlg_no", "utter_anything_else"])
    plan = _policy().plan(_conversation(domain, [MEDICATION_REASON, offer, closed, ("nope", "deny", [])]), domain)
    assert plan == ["utter_goodbye"]


def test_ok_thanks_gets_one_closing_question_not_two(domain):
    helping = ("my friend cuts herself", "helping_someone", ["utter_helping_intro", "utter_helping_options"])
    tracker = _conversation(domain, [helping, ("ok thanks", "thank", ["utter_thank", "utter_anything_else"])])
    # The turn's own actions are not followed by an action_listen yet: take it off again.
    tracker.events.pop()
    assert _policy()._next_action(tracker, domain)[0] == "action_listen"


# ---- a helper whose friend won't go to the hospital ---------------------------------------------------------

CRISIS_FOR_SOMEONE = ["action_crisis_handoff", "utter_crisis_someone_else"]


@pytest.mark.parametrize(
    "text", ["she refuses to go to the ER", "they don't want to go to the hospital", "my friend won't go to the er",
             "he is scared of the hospital"],
)
def test_a_helper_whose_friend_wont_go_to_hospital_gets_what_they_can_do(domain, text):
    plan = _policy()._emergency_plan("crisis", answer_classes(text), "nlu_fallback", "none", {},
                                     CRISIS_FOR_SOMEONE, domain)
    assert plan == ["utter_dlg_emergency_helper_er_fear"]
    said = domain.responses[plan[0]][0]["text"]
    assert "Stay with them" in said and "911" in said and "988" in said and "worried about someone" in said


def test_the_person_themself_scared_of_the_er_still_gets_their_own_reply(domain):
    said = ["utter_crisis_options", "action_crisis_handoff", "utter_crisis"]
    plan = _policy()._emergency_plan("crisis", answer_classes("i don't want to go to the hospital"), "nlu_fallback",
                                     "none", {}, said, domain)
    assert plan == ["utter_dlg_emergency_er_fear"]


def test_after_a_friends_overdose_they_wont_go_gets_the_helpers_reply(domain):
    plan = _policy()._emergency_plan("overdose", answer_classes("they don't want to go to the hospital"),
                                     "nlu_fallback", "none", {}, HELPER_SAID, domain)
    assert plan == ["utter_dlg_overdose_helper_wont_call"]


def test_every_offer_of_where_next_is_a_domain_response(domain):
    from extensions.dialogue_policy import WHAT_NEXT_OFFERS

    assert WHAT_NEXT_OFFERS <= set(domain.responses)


LEVEL_NET_HELPER = {"risk_kind": "worried", "entities": [{"entity": "risk", "value": "level_net"}]}


def test_an_update_the_level_net_took_for_someone_else_at_risk_stays_in_the_helpers_follow_up(domain):
    """After a friend's overdose, "she says she's fine and won't let me call" is the follow-up's to answer; the
    third net reading someone else at risk in it must not send the helper the first helper reply again."""
    text = "she says she's fine and wont let me call anyone"
    plan = _policy()._emergency_plan(
        "overdose", answer_classes(text), "crisis", "third_party", LEVEL_NET_HELPER, HELPER_SAID, domain
    )
    assert plan == ["utter_dlg_overdose_helper_wont_call"]


def test_a_short_answer_the_level_net_alone_took_for_a_signal_is_read_in_context(domain):
    """"idc tbh" to the coping offer is an answer ("not sure"), not a new risk signal to ask about."""
    from rasa.shared.core.events import UserUttered

    ideas = ("/coping_function", "coping_function", ["action_coping_function", "utter_coping_ideas_control",
                                                     "utter_coping_next"])
    tracker = _conversation(domain, [ideas])
    parse = {"risk_level": "signal", "entities": [{"entity": "risk", "value": "level_net"}]}
    tracker.update(UserUttered("idc tbh", {"name": "risk_check", "confidence": 0.5}, parse_data=parse))
    plan = _policy().plan(tracker, domain)
    assert plan and plan[0] == "utter_dlg_unsure" and "utter_risk_check" not in plan, plan
    # The same words as a first message, with no question or offer before them: left to the crisis policy.
    fresh = _conversation(domain, [])
    fresh.update(UserUttered("idc tbh", {"name": "risk_check", "confidence": 0.5}, parse_data=parse))
    assert _policy().plan(fresh, domain) == []


# ---- after a crisis reply: a clear "not like that" ends the follow-up; a hedge doesn't --------------------------

CRISIS_REPLY = ("i want to die", "crisis", ["utter_crisis", "action_crisis_handoff", "utter_crisis_options"])
SAFETY_CHECK = ("no", "deny", ["utter_dlg_crisis_check"])


def _with_message(tracker, text, intent, confidence=0.9, ranking=(), level="none"):
    """`tracker` with one more user message, parsed as given (the classifier's ranking for a clarifying question)."""
    from rasa.shared.core.events import UserUttered

    ranked = [{"name": intent, "confidence": confidence}] + [{"name": n, "confidence": c} for n, c in ranking]
    parse = {"risk_level": level, "intent_ranking": ranked}
    tracker.update(UserUttered(text, {"name": intent, "confidence": confidence}, parse_data=parse))
    return tracker


@pytest.mark.parametrize(
    "text, intent",
    [("no not like that, just tired", "deny"), ("im fine thanks", "thank"), ("im fine thx, just tired", "thank"),
     ("nah im ok, just tired", "deny"),
     ("no i'm not suicidal", "deny"), ("im just really tired", "share_feelings")],
)
@pytest.mark.parametrize("before", [[CRISIS_REPLY], [CRISIS_REPLY, SAFETY_CHECK]], ids=["reply", "check"])
def test_a_clear_not_like_that_after_the_crisis_reply_is_acknowledged_and_ends_the_follow_up(domain, text, intent,
                                                                                              before):
    plan = _policy().plan(_conversation(domain, [*before, (text, intent, [])]), domain)
    assert plan == ["utter_dlg_crisis_all_clear"]
    said = domain.responses[plan[0]][0]["text"]
    assert "988" in said and "any time" in said and "Are you safe" not in said


@pytest.mark.parametrize("text", ["idk", "maybe", "just tired maybe", "im fine idk", "not sure, just tired"])
def test_a_hedge_after_the_crisis_reply_is_still_read_as_risk(domain, text):
    plan = _policy().plan(_conversation(domain, [CRISIS_REPLY, (text, "not_sure", [])]), domain)
    assert plan and plan[0] in ("utter_dlg_crisis_check", "utter_dlg_crisis_unsure", "utter_dlg_crisis_still"), plan
    again = _policy().plan(_conversation(domain, [CRISIS_REPLY, SAFETY_CHECK, (text, "not_sure", [])]), domain)
    # ans13: after "are you safe right now?" a hedge gets the reply for not being sure you're safe.
    hedge_replies = ("utter_dlg_crisis_unsure", "utter_dlg_crisis_unsure_safe", "utter_dlg_crisis_still")
    assert again and again[0] in hedge_replies, again


@pytest.mark.parametrize(
    "ended", [("no not like that, just tired", "deny", ["utter_dlg_crisis_all_clear"]),
              ("I'm safe now", "nlu_fallback", ["utter_dlg_emergency_safe_now"])], ids=["all_clear", "safe_now"]
)
def test_after_the_follow_up_ends_a_new_question_is_read_on_its_own_topic(domain, ended):
    tracker = _conversation(domain, [CRISIS_REPLY, ended])
    question = "any tips for sleeping, i cant sleep"
    _with_message(tracker, question, "nlu_fallback", 0.25, [("coping_alternatives", 0.16)])
    plan = _policy().plan(tracker, domain)
    assert plan == ["utter_dlg_clarify_coping"]


def test_a_question_the_classifier_took_for_thanks_never_gets_youre_welcome(domain):
    """"any tips for sleeping, i cant sleep" came out of the classifier as `thank` after "I'm safe now": the thanks
    rule said "You're welcome". Now it is a message nobody placed (a clarifying question); real thanks is unchanged."""
    safe = ("I'm safe now", "nlu_fallback", ["utter_dlg_emergency_safe_now"])
    tracker = _with_message(_conversation(domain, [CRISIS_REPLY, safe]), "any tips for sleeping, i cant sleep",
                            "thank", 0.4, [("coping_alternatives", 0.16)])
    plan = _policy().plan(tracker, domain)
    assert plan and not {"utter_thank", "utter_dlg_thank", "utter_dlg_thank_again"} & set(plan), plan
    assert "You're welcome" not in domain.responses[plan[0]][0]["text"]
    thanked = _with_message(_conversation(domain, [CRISIS_REPLY, safe]), "thank you", "thank", 0.95)
    assert _policy().plan(thanked, domain) == []  # the thanks rule answers it


# ---- after the fainting / not-eating reply: "should I eat something?" ------------------------------------------

FAINTING_REPLY = ("i havent eaten in days and i fainted", "crisis",
                  ["utter_emergency_fainting", "action_crisis_handoff", "utter_crisis_options"])


@pytest.mark.parametrize(
    "text", ["should i eat something?", "can i eat now", "shud i eat somethin", "what should i eat",
             "is it ok to drink some juice"]
)
def test_should_i_eat_after_the_fainting_reply_gets_a_short_safe_answer(domain, text):
    plan = _policy().plan(_conversation(domain, [FAINTING_REPLY, (text, "nlu_fallback", [])]), domain)
    assert plan == ["utter_dlg_fainting_eat_question"], plan
    said = domain.responses[plan[0]][0]["text"]
    assert "right direction" in said and "doctor" in said and "911" in said
    import re

    assert not re.findall(r"\d+", said.replace("911", "")), "no amounts or other numbers"


def test_should_i_eat_while_feeling_faint_again_repeats_the_emergency_advice_first(domain):
    tracker = _with_message(_conversation(domain, [FAINTING_REPLY]), "should i eat something, i feel faint again",
                            "crisis", 1.0, level="imminent")
    tracker.latest_message.parse_data["risk_kind"] = "fainting"
    plan = _policy().plan(tracker, domain)
    assert plan == ["utter_dlg_fainting_eat_question_faint"]
    assert domain.responses[plan[0]][0]["text"].startswith("If you feel faint right now, please call 911 now.")


def test_fainting_again_after_the_fainting_reply_gets_911_again_not_are_you_safe(domain):
    tracker = _with_message(_conversation(domain, [FAINTING_REPLY]), "i just fainted again", "crisis", 1.0,
                            level="imminent")
    tracker.latest_message.parse_data["risk_kind"] = "fainting"
    plan = _policy().plan(tracker, domain)
    assert plan == ["utter_dlg_fainting_check"]
    assert "911" in domain.responses[plan[0]][0]["text"]


# ---- wound care: telling the ER it was self-inflicted; "skip" -------------------------------------------------

WOUND_CUT = ("/wound_cut", "wound_cut", ["utter_wound_cut", "utter_wound_more"])


@pytest.mark.parametrize(
    "text, intent",
    [("do i have to tell them i did it myself?", "helping_secret"),
     ("will the er know i did it to myself", "self_harm_urge"),
     ("shud i tell the nurse i did it on purpose", "self_harm_urge"),
     ("what do i tell the doctor", "nlu_fallback")],
)
def test_telling_the_er_it_was_self_inflicted_after_wound_advice_gets_an_answer_not_the_urge_flow(domain, text, intent):
    plan = _policy().plan(_conversation(domain, [WOUND_CUT, (text, intent, [])]), domain)
    assert plan == ["utter_dlg_tell_staff"]
    said = domain.responses[plan[0]][0]["text"]
    assert "comfortable" in said and "tetanus" in said and "won't keep you" not in said


def test_telling_staff_during_a_bleeding_follow_up_keeps_911_first(domain):
    bleeding = ("my cut wont stop bleeding", "crisis", ["utter_emergency_bleeding", "action_crisis_handoff",
                                                        "utter_crisis_options"])
    plan = _policy().plan(_conversation(domain, [bleeding, ("do i have to tell them i did it", "helping_secret", [])]),
                          domain)
    assert plan == ["utter_dlg_emergency_tell_staff"]
    assert "call 911 now" in domain.responses[plan[0]][0]["text"]


@pytest.mark.parametrize("text", ["skip", "skip that", "Skip it"])
@pytest.mark.parametrize(
    "before, after",
    [(WOUND_CUT, ["utter_dlg_no", "utter_anything_else"]),
     (("i burned myself", "wound_care", ["utter_wound_ask"]), None),
     (("idk", "not_sure", ["utter_wound_overview"]), ["utter_dlg_no", "utter_dlg_next_wound"])],
    ids=["after_advice", "first_question", "after_overview"],
)
def test_skip_in_the_wound_flow_moves_on_and_is_never_a_risk_question(domain, text, before, after):
    asked = ("i cut myself", "wound_care", ["utter_wound_ask"])
    turns = [asked, before] if before[2] != ["utter_wound_ask"] else [before]
    plan = _policy().plan(_conversation(domain, [*turns, (text, "deny", [])]), domain)
    if after is None:  # the first question: the flow's own rule ("skip" -> the thresholds in brief)
        assert plan == [] and ("utter_wound_ask", "deny") in answers_the_flows_read()
    else:
        assert plan == after
    assert not {"utter_urge_suicide_check", "utter_risk_check"} & set(plan)


def test_what_do_i_tell_the_doctor_in_the_medication_flow_is_not_taken_for_a_wound_question(domain):
    turns = [MEDICATION_REASON, ("what do i tell the doctor", "medication_questions", [])]
    assert "utter_dlg_tell_staff" not in _policy().plan(_conversation(domain, turns), domain)
    overdose = ("i took too many pills", "crisis", ["utter_emergency_overdose", "action_crisis_handoff"])
    turns = [overdose, ("do i have to tell them i did it on purpose", "nlu_fallback", [])]
    assert "utter_dlg_emergency_tell_staff" not in _policy().plan(_conversation(domain, turns), domain)


@pytest.mark.parametrize("confidence", [0.79, 0.81, 0.95])
def test_a_bit_better_after_the_urge_steps_is_a_reaction_even_when_the_classifier_is_sure_it_is_a_med_reason(
    domain, confidence
):
    """Retraining moved "it's a tiny bit better" from 0.796 to 0.802 medication_reason, over the 0.8 line: the
    medication flow's reply came instead of "glad it helped"."""
    urge = ("i have a strong urge to cut right now", "self_harm_urge", ["utter_urge_acknowledge", "utter_urge_options"])
    tracker = _with_message(_conversation(domain, [urge]), "it's a tiny bit better", "medication_reason", confidence)
    assert _policy().plan(tracker, domain) == ["utter_dlg_better", "utter_dlg_next_urge"]
    medication = _with_message(_conversation(domain, [MEDICATION_REASON]), "a bit better", "medication_reason", 0.9)
    assert _policy().plan(medication, domain) == [], "in its own flow the confident flow intent still decides"


@pytest.mark.parametrize("text", ["idk should i say something", "she lives 2 hrs away", "ok what do i say to her"])
def test_after_the_helper_reply_the_follow_up_is_for_the_helper_not_are_you_safe(domain, text):
    """A new-user run (session 7): every message after the helper reply got "Are you safe right now?"."""
    turns = [
        ("my roommate said bye to all of us and wont answer", "crisis",
         ["utter_crisis_someone_else_urgent", "action_crisis_handoff"]),
        (text, "nlu_fallback", []),
    ]
    plan = _policy().plan(_conversation(domain, turns), domain)
    assert not any(a.startswith(("utter_dlg_crisis_", "utter_dlg_emergency_")) for a in plan), plan


# ---- new-user run 8: replies that answer what was said ------------------------------------------------------


def _said(domain, name):
    return domain.responses[name][0]["text"]


@pytest.mark.parametrize("text", ["idk can u just talk to me", "i just need someone to talk to rn", "pls stay with me"])
@pytest.mark.parametrize("before", [[CRISIS_REPLY], [CRISIS_REPLY, SAFETY_CHECK]], ids=["reply", "check"])
def test_asking_the_bot_to_just_talk_after_a_crisis_reply_gets_an_invitation_to_talk(domain, text, before):
    plan = _policy().plan(_conversation(domain, [*before, (text, "nlu_fallback", [])]), domain)
    assert plan and plan[0].startswith("utter_dlg_crisis_talk_to_me"), plan
    said = _said(domain, plan[0])
    assert "911" in said and "988" in said and "Are you safe right now" not in said
    assert "what's going on" in said.lower() or "listening" in said.lower()


@pytest.mark.parametrize("text", ["probably not tonight i think", "not today i dont think", "no not tonight"])
def test_a_hedge_about_tonight_keeps_the_safety_follow_up_worded_for_tonight(domain, text):
    plan = _policy().plan(_conversation(domain, [CRISIS_REPLY, (text, "deny", [])]), domain)
    assert plan and plan[0].startswith("utter_dlg_crisis_not_tonight"), plan
    said = _said(domain, plan[0])
    assert "tonight" in said and "911" in said and "988" in said


def test_the_crisis_follow_up_never_says_the_same_thing_twice_in_a_row(domain):
    """The old follow-up cycled 'still' / 'still again' whatever was said: each answer now gets its own reply,
    and the same answer twice gets other words."""
    turns = [CRISIS_REPLY]
    replies = []
    for text in ["idk just talk to me lol", "not tonight i dont think", "nah not tonight", "idk just talk to me"]:
        plan = _policy().plan(_conversation(domain, [*turns, (text, "nlu_fallback", [])]), domain)
        assert plan, text
        replies.append(plan[0])
        turns.append((text, "nlu_fallback", plan))
    assert all(a != b for a, b in zip(replies, replies[1:], strict=False)), replies
    assert {"utter_dlg_crisis_talk_to_me", "utter_dlg_crisis_not_tonight"} <= set(replies), replies
    assert replies[-1] == "utter_dlg_crisis_talk_to_me_again", "asked again two turns later: other words"
    assert all("988" in _said(domain, r) for r in replies)


URGENT_HELPER = ("my roomie texted goodbye to everyone and wont pick up", "crisis",
                 ["utter_crisis_someone_else_urgent", "action_crisis_handoff"])


@pytest.mark.parametrize("text", ["idk what im supposed to do", "what do i even do", "i dont know what to do now"])
def test_a_helper_who_doesnt_know_what_to_do_gets_concrete_steps_not_a_question(domain, text):
    plan = _policy().plan(_conversation(domain, [URGENT_HELPER, (text, "nlu_fallback", [])]), domain)
    assert plan == ["utter_dlg_helping_what_now"], plan
    said = _said(domain, plan[0])
    assert "911" in said and "988" in said and "far away" in said and "near them" in said
    assert not said.startswith("Sorry")


@pytest.mark.parametrize(
    "text", ["should i call the police on him", "do i call 911 for her", "should i get a wellness check"]
)
def test_a_helper_asking_about_calling_the_police_gets_an_honest_answer(domain, text):
    plan = _policy().plan(_conversation(domain, [URGENT_HELPER, (text, "nlu_fallback", [])]), domain)
    assert plan == ["utter_dlg_helping_call_police"], plan
    said = _said(domain, plan[0])
    assert "danger right now" in said and "911" in said and "988" in said and "ask them directly" in said
    assert "lawyer" not in said and "legal" not in said


def test_a_helper_what_now_after_a_friends_overdose_keeps_the_overdose_wording(domain):
    plan = _policy()._emergency_plan("overdose", answer_classes("idk what to do"), "nlu_fallback", "none", {},
                                     HELPER_SAID, domain)
    assert plan == ["utter_dlg_overdose_helper_what_now"]


ER_FEAR = "i dont wanna go to the hospital theyll judge me"


@pytest.mark.parametrize(
    "before, reply",
    [([], "utter_dlg_er_fear"),
     ([WOUND_CUT], "utter_dlg_wound_er_fear"),
     ([MEDICATION_REASON], "utter_dlg_er_fear"),
     ([("my cut wont stop bleeding", "crisis", ["utter_emergency_bleeding", "action_crisis_handoff"]),
       ("it stopped, im safe now", "nlu_fallback", ["utter_dlg_emergency_safe_now"])], "utter_dlg_er_fear_medical")],
    ids=["cold", "after_wound_care", "after_medication", "after_a_bleeding_emergency"],
)
def test_er_fear_is_answered_wherever_it_comes(domain, before, reply):
    plan = _policy().plan(_conversation(domain, [*before, (ER_FEAR, "out_of_scope", [])]), domain)
    assert plan == [reply], plan
    said = _said(domain, reply)
    assert "makes sense" in said and "any other patient" in said and "911" in said
    if reply == "utter_dlg_er_fear_medical":
        assert said.startswith("After what happened earlier, getting checked")
    else:
        assert "After what happened" not in said


def test_er_fear_the_classifier_is_sure_is_a_wound_question_is_still_answered(domain):
    tracker = _with_message(_conversation(domain, [WOUND_CUT]), ER_FEAR, "wound_care", 0.93)
    assert _policy().plan(tracker, domain) == ["utter_dlg_wound_er_fear"]


@pytest.mark.parametrize("text", ["idk i just dont feel like eating", "i havent been eating much tbh"])
def test_not_wanting_to_eat_after_medication_talk_is_the_eating_topic(domain, text):
    tracker = _with_message(_conversation(domain, [MEDICATION_REASON]), text, "medication_reason", 0.85)
    plan, events = _policy().plan_with_events(tracker, domain)
    assert plan == ["utter_eating_intro"], plan
    assert any(getattr(e, "intent", {}).get("name") == "eating_disorder" for e in events)


def test_a_medicine_that_takes_away_appetite_stays_in_the_medication_flow(domain):
    tracker = _with_message(_conversation(domain, [MEDICATION_REASON]), "my meds make me not want to eat",
                            "medication_reason", 0.85)
    assert _policy().plan(tracker, domain) == []


@pytest.mark.parametrize("text", ["i was feeling better so i stopped", "felt fine so i just quit them"])
def test_stopping_because_of_feeling_fine_stays_in_the_medication_flow(domain, text):
    tracker = _with_message(_conversation(domain, [MEDICATION_REASON]), text, "eating_disorder", 0.6)
    plan = _policy().plan(tracker, domain)
    assert plan == ["utter_dlg_medication_stopped_feeling_fine"], plan
    assert "prescriber or a pharmacist" in _said(domain, plan[0])


@pytest.mark.parametrize("text", ["do i need to tell my doctor", "should i tell my psychiatrist"])
def test_telling_the_doctor_in_the_medication_flow_gets_a_medication_talking_point(domain, text):
    tracker = _with_message(_conversation(domain, [MEDICATION_REASON]), text, "helping_secret", 0.9)
    plan = _policy().plan(tracker, domain)
    assert plan == ["utter_dlg_medication_tell_doctor"], plan
    said = _said(domain, plan[0])
    assert "up to you" in said and "prescriber" in said and "secret" not in said


FEELINGS = ("finals week is destroying me", "share_feelings", ["utter_share_feelings"])


def test_a_second_feelings_message_about_stress_gets_the_stress_topic_not_the_same_reply(domain):
    tracker = _with_message(_conversation(domain, [FEELINGS]), "nah im just really stressed out", "share_feelings")
    plan, _ = _policy().plan_with_events(tracker, domain)
    assert plan == ["utter_coping_stress"], plan


def test_a_second_feelings_message_without_a_cue_gets_other_words(domain):
    tracker = _with_message(_conversation(domain, [FEELINGS]), "its just a lot rn", "share_feelings")
    assert _policy().plan(tracker, domain) == ["utter_dlg_share_feelings_again"]


def test_a_first_feelings_message_is_left_to_its_rule(domain):
    tracker = _with_message(_conversation(domain, []), "finals week is destroying me", "share_feelings")
    assert _policy().plan(tracker, domain) == []


URGE_STEPS = ("i have a strong urge to cut right now", "self_harm_urge",
              ["utter_urge_acknowledge", "utter_urge_options"])


@pytest.mark.parametrize("text", ["ok maybe ill try", "i guess i could try", "yeah i might give it a go"])
def test_a_hedged_yes_to_the_urge_steps_asks_which_one_naming_them(domain, text):
    plan = _policy().plan(_conversation(domain, [URGE_STEPS, (text, "nlu_fallback", [])]), domain)
    assert plan == ["utter_dlg_urge_yes"], plan
    said = _said(domain, plan[0])
    assert "Which one" in said and "15 minutes" in said and "grounding" in said
    assert {b["payload"] for b in domain.responses[plan[0]][0]["buttons"]} >= {"/urge_delay", "/urge_grounding"}


@pytest.mark.parametrize("intent", ["self_harm_urge", "nlu_fallback"])
def test_not_knowing_what_to_do_in_spanish_after_the_urge_steps_gets_a_gentle_next_step(domain, intent):
    tracker = _with_message(_conversation(domain, [URGE_STEPS]), "idk no sé qué hacer", intent, 0.9)
    plan = _policy().plan(tracker, domain)
    assert plan == ["utter_dlg_urge_what_now"], plan
    assert not _said(domain, plan[0]).startswith("Sorry")


def test_the_urge_reply_is_not_repeated_word_for_word(domain):
    tracker = _with_message(_conversation(domain, [URGE_STEPS]), "i really really wanna cut", "self_harm_urge", 0.95)
    plan = _policy().plan(tracker, domain)
    assert plan == ["utter_dlg_urge_acknowledge_again"], plan
    assert "988" in _said(domain, plan[0])


def test_a_declined_eating_offer_is_not_offered_again_in_the_same_episode(domain):
    """After "no" to "anything else about eating?", a later "idk" got the eating offer back."""
    low = ("i barely eat anything lately", "eating_low_intake", ["utter_eating_low_intake"])
    checkup = ("no", "deny", ["utter_eating_low_intake_checkup", "utter_eating_next"])
    closed = ("nah", "deny", ["utter_dlg_no", "utter_anything_else"])
    plan = _policy().plan(_conversation(domain, [low, checkup, closed, ("dunno", "not_sure", [])]), domain)
    assert plan and plan[0] == "utter_dlg_unsure", plan
    assert "utter_dlg_next_eating" not in plan and "utter_eating_next" not in plan, plan


def _add_message(tracker, text, intent, **parse):
    from rasa.shared.core.events import UserUttered

    tracker.update(UserUttered(text, {"name": intent, "confidence": 0.9}, parse_data={"risk_level": "none", **parse}))
    return tracker


@pytest.mark.parametrize("text", ["I've called", "ive called 911", "ok i called them"])
def test_a_helper_who_has_called_is_thanked_not_given_their_own_emergency_reply(domain, text):
    """A new-user run (session 8): the helper replies' own "I've called" button got "If you might act on this
    soon, please call 911 now... put some distance between you and what you might use"."""
    from harmbot.risk.net import NET_CATEGORY

    police = ("should i call the cops on her", "nlu_fallback", ["utter_dlg_helping_call_police"])
    for before in ([URGENT_HELPER], [URGENT_HELPER, police]):
        tracker = _add_message(_conversation(domain, before), text, "crisis", risk_level="imminent",
                                risk_kind="plan_means", entities=[{"entity": "risk", "value": NET_CATEGORY}])
        plan = _policy().plan(tracker, domain)
        assert plan == ["utter_dlg_helping_called"], (before, plan)
    said = _said(domain, "utter_dlg_helping_called")
    assert "stay with them" in said and "988" in said and "distance" not in said


def test_a_helper_whose_own_message_the_patterns_read_as_a_crisis_still_gets_the_crisis_reply(domain):
    """Only the net's reading of "I've called" is set aside; the patterns' reading of a real crisis is not."""
    pattern_hit = [{"entity": "risk", "value": "suicidal_ideation"}]
    tracker = _add_message(_conversation(domain, [URGENT_HELPER]), "i called 911 and now i want to die too",
                            "crisis", risk_level="ideation", entities=pattern_hit)
    assert _policy().plan(tracker, domain) == []


def test_keep_talking_here_after_a_crisis_reply_is_an_invitation_to_talk_not_the_peer_support_page(domain):
    """The "Keep talking here" button sent /peer_support (the explainer about peer supporters)."""
    for name in ("utter_dlg_emergency_wont_call", "utter_dlg_overdose_wont_call"):
        payloads = {b["title"]: b["payload"] for b in domain.responses[name][0]["buttons"]}
        assert payloads["Keep talking here"] == "Keep talking here"
    plan = _policy().plan(_conversation(domain, [CRISIS_REPLY, ("Keep talking here", "nlu_fallback", [])]), domain)
    assert plan and plan[0].startswith("utter_dlg_crisis_talk_to_me"), plan


@pytest.mark.parametrize(
    "text, intent, confidence",
    [("she lives like 20 min away idk", "out_of_scope", 0.59), ("hes in his room rn", "greet", 0.6),
     ("ok im with him now", "nlu_fallback", 0.3)],
)
def test_an_update_from_a_helper_the_classifier_cannot_place_gets_what_they_can_do(domain, text, intent, confidence):
    """A new-user run (session 8): "That's outside what I can help with", a fresh welcome or the self-harm menu
    came right after the helper reply."""
    from rasa.shared.core.events import UserUttered

    tracker = _conversation(domain, [URGENT_HELPER])
    tracker.update(UserUttered(text, {"name": intent, "confidence": confidence}, parse_data={"risk_level": "none"}))
    plan = _policy().plan(tracker, domain)
    assert plan and plan[0].startswith("utter_dlg_helping_what_now"), plan


def test_a_sure_new_topic_from_a_helper_is_left_to_its_flow(domain):
    from rasa.shared.core.events import UserUttered

    tracker = _conversation(domain, [URGENT_HELPER])
    tracker.update(UserUttered("hi", {"name": "greet", "confidence": 0.99}, parse_data={"risk_level": "none"}))
    assert not any(a.startswith("utter_dlg_helping_") for a in _policy().plan(tracker, domain))


def test_just_talk_to_me_right_after_the_crisis_reply_is_not_read_as_its_peer_support_button(domain):
    """Talking to the bot (session 8): right after the crisis reply, whose options include peer support, "just
    talk to me" picked that button and got the explainer about peer supporters."""
    replies = ["utter_crisis", "action_crisis_handoff", "utter_crisis_options"]
    crisis = ("i dont want to be here anymore", "crisis", replies)
    plan = _policy().plan(_conversation(domain, [crisis, ("just talk to me", "peer_support", [])]), domain)
    assert plan and plan[0].startswith("utter_dlg_crisis_talk_to_me"), plan


# ---- new-user run 9 (texting style) -------------------------------------------------------------------------

URGE_START = ("i rly want to cut rn", "self_harm_urge", ["utter_urge_acknowledge", "utter_urge_options"])
URGE_CHECK = ("/urge_delay", "urge_delay", ["utter_urge_delay", "utter_urge_suicide_check"])


@pytest.mark.parametrize(
    "text", ["no like not kill myself just cut", "nah not suicidal i just wanna cut", "no no just the urge to cut lol"]
)
@pytest.mark.parametrize("before", [[URGE_START, URGE_CHECK], [URGE_START]], ids=["asked", "urge_steps"])
def test_no_not_suicide_just_cut_is_an_answer_and_the_urge_flow_goes_on(domain, text, before):
    """Run 9: after the urge flow's direct question (or its steps), "no like not kill myself just cut" got the
    wound-care questions (the classifier heard a wound)."""
    plan = _policy().plan(_conversation(domain, [*before, (text, "wound_care", [])]), domain)
    assert plan == ["utter_dlg_urge_not_suicide", "utter_urge_next"], plan
    said = _said(domain, plan[0])
    assert "988" in said and "urge" in said


@pytest.mark.parametrize("text", ["idk maybe kill myself or just cut", "not sure, maybe not kill myself just cut"])
def test_a_hedged_answer_about_suicide_is_never_read_as_no(domain, text):
    plan = _policy().plan(_conversation(domain, [URGE_START, URGE_CHECK, (text, "wound_care", [])]), domain)
    assert "utter_dlg_urge_not_suicide" not in plan, plan


def test_not_suicide_just_cut_read_as_a_risk_signal_before_the_question_is_left_to_the_crisis_policy(domain):
    """Before the direct question was asked, a risk signal in the message still gets it (never weaker)."""
    tracker = _with_message(_conversation(domain, [URGE_START]), "no not kill myself just cut", "risk_check", 0.6,
                            level="signal")
    assert _policy().plan(tracker, domain) == []


def test_the_delay_button_after_still_wanting_to_goes_on_to_the_delay_idea(domain):
    """Run 9: "Delay it a little" sent /self_harm_urge, which repeats the flow's opening."""
    buttons = {b["title"]: b["payload"] for b in domain.responses["utter_dlg_still_want"][0]["buttons"]}
    assert buttons["Delay it a little"] == "/urge_delay"
    assert first_action_for("urge_delay", "utter_dlg_still_want") == "utter_urge_delay"


@pytest.mark.parametrize("text", ["pls help me get through tonight", "how do i even get through the night",
                                  "can u help me get thru tonight"])
def test_getting_through_tonight_right_after_the_crisis_reply_is_the_crisis_follow_up(domain, text):
    """Run 9: the coping flow's "what does the urge do for you?" came right after the crisis reply."""
    plan = _policy().plan(_conversation(domain, [CRISIS_REPLY, (text, "coping_alternatives", [])]), domain)
    assert plan == ["utter_dlg_crisis_get_through"], plan
    said = _said(domain, plan[0])
    assert "tonight" in said and "911" in said and "988" in said and "another room" in said


@pytest.mark.parametrize("not_tonight", ["utter_dlg_crisis_not_tonight", "utter_dlg_crisis_not_tonight_again"])
def test_the_help_me_get_through_tonight_button_after_not_tonight_gets_the_tonight_follow_up(domain, not_tonight):
    """The button's payload is the coping flow's (/coping_alternatives): it got "what does the urge do for you?"."""
    titles = {b["title"]: b["payload"] for b in domain.responses[not_tonight][0]["buttons"]}
    assert titles["Help me get through tonight"] == "/coping_alternatives"
    tonight = ("prob not tonight", "deny", [not_tonight])
    plan = _policy().plan(_conversation(domain, [CRISIS_REPLY, tonight, ("/coping_alternatives", "coping_alternatives",
                                                                           [])]), domain)
    assert plan == ["utter_dlg_crisis_get_through"], plan
    # The same button elsewhere (the crisis options' coping button) still starts the coping flow.
    assert _policy().plan(_conversation(domain, [CRISIS_REPLY, ("/coping_alternatives", "coping_alternatives", [])]),
                          domain) == []


def test_getting_through_tonight_outside_a_crisis_is_left_to_the_coping_flow(domain):
    plan = _policy().plan(_conversation(domain, [("pls help me get through tonight", "coping_alternatives", [])]),
                          domain)
    assert "utter_dlg_crisis_get_through" not in plan


@pytest.mark.parametrize("text, intent", [("im rly scared to go to the er", "self_harm_urge"),
                                          ("i think i should go to the er but im scared", "eating_warning_signs")])
def test_scared_to_go_to_the_er_as_a_first_message_gets_the_er_fear_reply(domain, text, intent):
    """Run 9: read as an urge to self-injure; the second (session 9, talking to the bot) as eating warning signs."""
    plan = _policy().plan(_conversation(domain, [(text, intent, [])]), domain)
    assert plan == ["utter_dlg_er_fear"], plan


def test_the_persons_own_fear_of_being_held_gets_the_hold_facts_and_is_not_the_helper_flow(domain):
    """Run 9: "what if they lock me up" set for_someone_else (a helper intent) and got no hold facts."""
    tracker = _conversation(domain, [])
    from rasa.shared.core.events import SlotSet

    tracker.update(SlotSet("for_someone_else", True))
    tracker = _with_message(tracker, "but what if they lock me up", "helping_secret", 0.6)
    plan, events = _policy().plan_with_events(tracker, domain)
    assert plan == ["utter_dlg_hold_fear"], plan
    assert [(e.key, e.value) for e in events] == [("for_someone_else", False)]
    said = _said(domain, plan[0])
    assert "48 hours" in said and "lawyer" in said and "hearing" in said and "1-877-402-2299" in said
    assert "911" in said and "988" in said
    assert "won't keep" not in said and "only 72" not in said and "72 hours" not in said


def test_a_fear_of_being_held_after_an_emergency_reply_keeps_the_emergency_er_reply(domain):
    said = ["utter_crisis_options", "action_crisis_handoff", "utter_crisis"]
    plan = _policy()._emergency_plan("crisis", answer_classes("what if they lock me up"), "nlu_fallback", "none",
                                     {}, said, domain)
    assert plan == ["utter_dlg_emergency_er_fear"]


MEDICATION_START = ("i wanna stop my meds", "medication", ["utter_medication_intro", "utter_medication_ask_reason"])


def test_a_clear_no_to_the_check_that_names_the_meds_carries_on_with_medication(domain):
    """Run 9: "no im ok i meant the meds" after the direct question got the whole menu; the topic was lost."""
    check = ("idk i just feel like crap all the time", "risk_check", ["utter_risk_check"])
    tracker = _conversation(domain, [MEDICATION_START, check, ("no im fine i meant the meds", "medication", [])])
    plan = _policy().plan(tracker, domain)
    assert plan == ["utter_risk_check_no", "utter_medication_ask_reason"], plan


@pytest.mark.parametrize("text", ["yes i meant the meds", "idk maybe, i meant the meds"])
def test_a_yes_or_a_hedge_to_the_check_is_still_left_to_the_crisis_policy(domain, text):
    check = ("idk i just feel like crap all the time", "risk_check", ["utter_risk_check"])
    tracker = _conversation(domain, [MEDICATION_START, check, (text, "medication", [])])
    assert _policy().plan(tracker, domain) == []


@pytest.mark.parametrize("text", ["will my doctor be mad", "would my psychiatrist be angry at me"])
def test_will_my_doctor_be_mad_in_the_medication_flow_gets_a_talking_point(domain, text):
    """Run 9: the privacy answer ("I don't report anything to anyone") came instead."""
    plan = _policy().plan(_conversation(domain, [MEDICATION_START, (text, "privacy_reporting", [])]), domain)
    assert plan == ["utter_dlg_medication_doctor_mad"], plan
    assert "prescriber" in _said(domain, plan[0]).lower()


@pytest.mark.parametrize("text", ["idk maybe its all pointless", "i guess nothing really matters"])
def test_a_further_hedge_right_after_the_crisis_reply_gets_a_short_follow_up_not_the_question_again(domain, text):
    """Run 9: after the crisis reply a hedge the screen read as a risk signal got the direct question (and its
    answer the whole crisis reply again)."""
    tracker = _with_message(_conversation(domain, [CRISIS_REPLY]), text, "risk_check", 0.6, level="signal")
    plan = _policy().plan(tracker, domain)
    assert plan == ["utter_dlg_crisis_hedge"], plan
    said = _said(domain, plan[0])
    assert "911" in said and "988" in said and len(said) < len(_said(domain, "utter_crisis"))
    hedge = (text, "risk_check", plan)
    again = _with_message(_conversation(domain, [CRISIS_REPLY, hedge]), "i guess so", "risk_check", 0.6,
                          level="signal")
    second = _policy().plan(again, domain)
    assert second and second[0] != "utter_dlg_crisis_hedge" and not second[0].startswith("utter_crisis"), second
    assert "988" in _said(domain, second[0])


@pytest.mark.parametrize(
    "text, kind", [("ok i have the pills in my hand rn", "plan_means"), ("i already took them all", "act_underway")]
)
def test_a_new_more_serious_disclosure_after_the_crisis_reply_still_gets_the_emergency_reply(domain, text, kind):
    tracker = _with_message(_conversation(domain, [CRISIS_REPLY]), text, "crisis", 1.0, level="imminent")
    tracker.latest_message.parse_data["risk_kind"] = kind
    tracker.latest_message.parse_data["entities"] = [{"entity": "risk", "value": "plan_or_preparation"}]
    assert _policy().plan(tracker, domain) == []  # CrisisPolicy's emergency reply


def test_its_pointless_is_low_mood_not_anger_at_the_bot(domain):
    assert "frustrated" not in answer_classes("idk maybe its pointless")
    assert "frustrated" in answer_classes("this bot is pointless")


@pytest.mark.parametrize("text", ["i called her mom but nobody picked up", "i tried her dad and he didnt answer"])
def test_a_helper_whose_call_nobody_answered_gets_keep_trying_not_thanks_for_calling(domain, text):
    """Run 9: "i called her mom but nobody picked up" got "Thank you for calling ... until help gets there"."""
    plan = _policy().plan(_conversation(domain, [URGENT_HELPER, (text, "share_feelings", [])]), domain)
    assert plan == ["utter_dlg_helping_no_answer"], plan
    said = _said(domain, plan[0])
    assert "Keep trying" in said and "911" in said and "988" in said and "Thank you for calling" not in said


def test_the_persons_own_call_nobody_answered_after_a_crisis_reply_is_not_thanks_for_calling(domain):
    plan = _policy()._emergency_plan("crisis", answer_classes("i called 988 and no one answered"), "nlu_fallback",
                                     "none", {}, ["utter_crisis_options", "action_crisis_handoff", "utter_crisis"],
                                     domain)
    assert plan == ["utter_dlg_emergency_no_answer"]
    assert "911" in _said(domain, plan[0]) and "988" in _said(domain, plan[0])
