"""Conversation context: read a person's answer to what the bot just asked or offered.

Rasa's rule policy matches the latest intent, so "idk", "a bit better", "still want to" or "it was tylenol"
after a question got the generic fallback or an unrelated reply ("You're welcome" after an overdose
reply). This deterministic policy looks at what the bot last said (the *situation*: an emergency reply
still being followed up, or the topic of the last offer) and reads the typed answer against the answer
classes in resources/dialogue.yml. It then picks responses by name:

- in an emergency situation (`overdose`, `bleeding`, `crisis`): `utter_dlg_<situation>_<class>`, else
  `utter_dlg_emergency_<class>`; an answer that settles nothing gets the one-time check
  (`utter_dlg_<situation>_check`: can you call / have you called), then `utter_dlg_<situation>_still`.
  The situation lasts until the person says they are safe (`..._safe_now`) or picks another topic.
- elsewhere: `utter_dlg_<topic>_<class>` or `utter_dlg_<class>`, followed by the topic's next step
  (`utter_dlg_next_<topic>`); a message nobody understood gets a clarifying question with the topic's
  likeliest options (`utter_dlg_clarify_<topic>`), a second miss the menu and program staff.

Why a policy and not stories + TED: the answers are short and the same words mean different things after
different questions; a deterministic reader needs no training, cannot drift, and costs well under a
millisecond per turn (README, `make bench`). Crisis still beats everything: risky messages are left to
CrisisPolicy, except a follow-up that names what was taken or says how the bleeding is going while an
emergency reply is being followed up (those replies keep 911 / Poison Help / 988 in view).
"""

from __future__ import annotations

import functools
import itertools
import json
import re
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import yaml
from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_DEFAULT_FALLBACK_NAME, ACTION_EXTRACT_SLOTS, ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from extensions.crisis_policy import (
    CHECK_QUESTION,
    HANDOFF_ACTION,
    OPTIONS_RESPONSE,
    TOPIC_INTENTS,
    CrisisPolicy,
    distress_emoji_only,
    level_net_signal,
    only_pauses,
    read_direct_answer,
    reopened_answer,
    unsure_of_safety,
)
from extensions.recent_history import recent_applied_events
from harmbot.coping_alternatives import UNSURE as UNSURE_NEED
from harmbot.coping_alternatives import need_from_text
from harmbot.names import QUESTION_TURNS
from harmbot.risk import answers as risk_answers
from harmbot.risk import rules as risk_rules
from harmbot.risk.level_net import CATEGORY as LEVEL_NET_CATEGORY
from harmbot.risk.net import NET_CATEGORY

PATTERNS_PATH = Path(__file__).resolve().parent.parent / "resources" / "dialogue.yml"
RULES_DIR = Path(__file__).resolve().parent.parent / "data" / "rules"
RISK_LEVELS = frozenset({"imminent", "ideation", "third_party", "signal"})
RISK_INTENTS = frozenset({"crisis", "risk_check"})
# Bot actions that open (or continue) an emergency follow-up, by situation.
EMERGENCY_OPENERS = {
    "utter_emergency_overdose": "overdose",
    "utter_emergency_bleeding": "bleeding",
    "utter_emergency_fainting": "fainting",
    # Session 21: a racing heart, confusion or blood in vomit after purging or not eating. "i dont want to call 911"
    # after the heart reply got "didn't follow"; the crisis follow-up would offer text lines, which can't check a heart.
    "utter_emergency_heart": "medical",
    "utter_emergency_confusion": "medical",
    "utter_emergency_vomiting_blood": "medical",
    # Session 24: a seizure (after stopping a medicine): the medical check and 911, as the heart reply's follow-up.
    "utter_emergency_seizure": "medical",
    # Session 23: a chemical, electrical or large-or-deep burn. "idk" after the burn reply got "are you safe right
    # now?" with the text lines; a burn needs cooling and a medical check, like the heart reply's follow-up.
    "utter_emergency_burn_chemical": "burn",
    "utter_emergency_burn_electrical": "burn",
    "utter_emergency_burn_severe": "burn",
}
SITUATIONS = ("overdose", "bleeding", "fainting", "medical", "burn", "crisis")
CRISIS_PREFIXES = ("utter_emergency_", "utter_crisis", "utter_risk_check")
# The topic of the bot's last offer, from the prefix of its response name.
TOPIC_PREFIXES = (
    # Coping with stress is its own topic: its follow-ups must not offer the self-harm urge question.
    ("utter_coping_stress", "stress"),
    ("utter_coping_", "coping"),
    ("action_coping", "coping"),
    ("utter_urge_", "urge"),
    ("utter_wound_", "wound"),
    ("utter_medication_", "medication"),
    # Session 26: the medication talk's own replies ("i wanna stop my zoloft, it makes me feel like a zombie" is
    # answered first by utter_dlg_medication_side_effect_stop, and "what do i even ask him" after it got "didn't
    # follow").
    ("utter_dlg_medication_", "medication"),
    ("utter_eating_", "eating"),
    ("utter_peer_support_", "peer"),
    ("utter_helping_", "helping"),
    ("utter_privacy", "privacy"),
    ("utter_safety_plan", "safety_plan"),
    ("utter_contact", "contact"),
)
# Answer classes tried in an emergency follow-up, in order; substance and bleeding classes only where they fit.
EMERGENCY_ORDER = (
    # "I called 988 and it didn't help" is not "I've called" either: nobody is coming (dlg10).
    "line_didnt_help",
    # "I called but nobody picked up" is not "I've called": help isn't on its way.
    "no_answer",
    # Session 23: help has arrived ("theyre here"): go with them (before "called", whose "ambulance is here" it was).
    "help_here",
    "called",
    "helper_er_fear",
    "er_fear",
    "hold_fear",
    "wont_call",
    # Session 24: "dont tell me to go to a doctor" in a follow-up is not calling (SAME_AS).
    "no_doctor",
    # Session 25: a helper told to keep it secret ("she says not to tell anyone"): their safety first, call anyway.
    "keep_secret",
    # "ok maybe ill call poison control": encouragement and the number (dlg10).
    "will_call",
    "not_taken",
    # After an overdose reply: "can i just sleep it off", "i feel kinda floaty" (the pills acting; dlg10).
    "sleep_it_off",
    "feeling_effects",
    "acetaminophen",
    "sedating",
    "substance",
    "still_bleeding",
    # "its not bleeding its like red and warm": infection signs before "not bleeding" (dlg10).
    "infection_signs",
    "bleeding_stopped",
    "eat_question",
    "tell_staff",
    # "should i put ice on it" after a burn reply (dlg10).
    "ice_question",
    "no_plan",
    "feel_fine",
    # Session 21: after the plan-or-means reply, "i still have them though" (means_still) or "i gave them to my sister"
    # (means_away): the means, not a new topic. After "feel_fine", so not among SITUATION_FACTS: a message the screen
    # raises to an emergency ("i have the pills right here in my hand") gets its emergency reply first.
    "means_still",
    "means_away",
    "get_through",
    "not_tonight",
    # "i dont wanna die i just want it to stop being so much": overwhelm, acknowledged; the follow-up goes on (dlg10).
    "overwhelmed",
    "what_about",
    "all_clear",
    "safe_now",
    "what_now",
    "dont_know_what_to_do",
    "call_police",
    "talk_to_me",
    # Session 21: "you dont care" (got "not sure I followed").
    "you_dont_care",
    "frustrated_lines",
    "frustrated",
    "thank",
    "better",
    "didnt_help",
    "still_want",
    "more",
    "something_else",
    "unsure",
    "ack",
    "yes",
    "no",
)
ONLY_IN = {
    "feel_fine": {"overdose"},
    "sleep_it_off": {"overdose"},
    "feeling_effects": {"overdose"},
    "overwhelmed": {"crisis"},
    "what_about": {"crisis"},
    "acetaminophen": {"overdose"},
    "sedating": {"overdose"},
    "substance": {"overdose"},
    "not_taken": {"overdose", "crisis"},
    "means_still": {"crisis"},
    "means_away": {"crisis"},
    "still_bleeding": {"bleeding"},
    "bleeding_stopped": {"bleeding"},
    "infection_signs": {"bleeding"},
    "ice_question": {"crisis", "burn"},
    "eat_question": {"fainting"},
    "all_clear": {"crisis"},
    "tell_staff": {"bleeding"},
    # "Not tonight, I think" and "just talk to me" answer a crisis reply; after a medical emergency the
    # follow-up's own questions come first.
    "not_tonight": {"crisis"},
    "talk_to_me": {"crisis"},
    # "Help me get through tonight" right after a crisis reply is the follow-up's (elsewhere, the coping flow's).
    "get_through": {"crisis"},
}
TOPIC_ORDER = (
    "line_didnt_help",
    # Session 24: the fear of someone finding out; a sore throat after purging; "i tried the ice thing"; "dont tell me
    # to go to a doctor" once a medical follow-up has ended.
    "found_out",
    "throat_sore",
    "tried_it",
    "no_doctor",
    # Session 25: "idk if its a problem" in the eating talk; "just tired" (got "Nice, thanks for telling me").
    "is_it_a_problem",
    "just_tired",
    # Session 26: "idk i just dont want to" in the eating talk (got the direct question); a helper's fear that it's
    # something worse (got "not every idea works every time").
    "dont_want",
    "fear_worse",
    # Session 26: "no lol i'm fine i just needed to vent" (got the feelings reply with 988 again); "what about my school
    # counselor" after the privacy answer and "no fever i dont think" after the infection signs (got "didn't catch").
    "vent",
    "school_staff",
    "no_fever",
    "ice_question",
    "tell_staff",
    "tell_doctor",
    "doctor_mad",
    "stopped_feeling_fine",
    "helper_er_fear",
    "hold_fear",
    "er_fear",
    "call_police",
    "what_about",
    "what_now",
    "dont_know_what_to_do",
    # Session 21: "you dont care" (got "not sure I followed").
    "you_dont_care",
    "frustrated_lines",
    "frustrated",
    # "still kinda want to but less" before "still want to" (dlg10).
    "eased",
    "still_want",
    "didnt_help",
    "better",
    "no_plan",
    "safe_now",
    "more_instead",
    "more",
    "something_else",
    "unsure",
    "thank",
    "ack",
    "yes",
    "no",
    "skip",
)
# Outside an emergency, answers that only fit some topics ("what do I tell the doctor" is about a wound there; in the
# medication flow it is not). "menu": no topic yet.
TOPIC_ONLY = {
    "tell_staff": {"wound", "menu"},
    "tell_doctor": {"medication"},
    # "Will my doctor be mad?" is about the medication talk there; elsewhere it may be about a wound or a disclosure.
    "doctor_mad": {"medication"},
    "stopped_feeling_fine": {"medication"},
    "call_police": {"helping"},
    # "what do i do about my mom" once a crisis follow-up has ended (dlg10); in a flow it is the flow's.
    "what_about": {"after_crisis"},
    # Session 22: "can i use ice instead" in the urge or coping flow (got the coping intro again): brief and wrapped,
    # with the cautions (utter_dlg_ice_question). After a burn it is the wound flow's "no ice".
    "ice_question": {"wound", "urge", "coping"},
    # Session 24: not in the eating or medication talk (a parent finding out about eating is not the wound's covering),
    # nor a helper's; in the urge or coping talk "no quiero que nadie sepa" keeps the privacy answer (session 22), with
    # no fresh cut to cover.
    "found_out": {"wound", "menu", "peer", "after_crisis", "privacy"},
    "throat_sore": {"eating"},
    "is_it_a_problem": {"eating"},
    "dont_want": {"eating"},
    "more_instead": {"coping"},
    "fear_worse": {"helping"},
    "school_staff": {"privacy"},
    "no_fever": {"wound"},
    "tried_it": {"urge", "coping"},
    # Only once a follow-up has ended, and only after a medical emergency reply (_topic_plan).
    "no_doctor": {"after_crisis"},
}
# Answers that get their own reply and no topic next step after it (their reply carries its own buttons).
OWN_BUTTONS = (
    "you_dont_care",
    "is_it_a_problem",
    "dont_want",
    "fear_worse",
    "vent",
    "just_tired",
    "found_out",
    "throat_sore",
    "tried_it",
    "no_doctor",
    "line_didnt_help",
    "ice_question",
    "frustrated",
    "frustrated_lines",
    "still_want",
    "helper_er_fear",
    "tell_staff",
    "tell_doctor",
    "doctor_mad",
    "stopped_feeling_fine",
    "er_fear",
    "hold_fear",
    "call_police",
)
# Answers that say how the emergency stands (everything in EMERGENCY_ORDER up to "feel_fine"):
# read even when the risk screen saw a faint signal in them, or when only its second net (not the
# patterns) took the update for a new emergency ("haven't taken them yet", "still going after 15 min").
SITUATION_FACTS = frozenset(EMERGENCY_ORDER[: EMERGENCY_ORDER.index("feel_fine") + 1])
# Emergency follow-ups that ask whether the person has called (a "yes" or "no" after them answers that).
CALL_QUESTIONS = frozenset(
    {
        "utter_dlg_overdose_still",
        "utter_dlg_overdose_thank",
        "utter_dlg_emergency_er_fear",
        "utter_dlg_emergency_er_fear_again",
        "utter_dlg_fainting_check",
        # Session 23: "have you been able to call, or is someone with you?" ("no" is not calling yet).
        "utter_dlg_medical_check",
        "utter_dlg_burn_check",
        # dlg10: "can you call now, or is someone with you who can?"
        "utter_dlg_overdose_feeling_effects",
        "utter_dlg_overdose_sleep_it_off",
    }
)
# Answers that beat a flow intent the classifier is sure of ("idk no se que hacer" read as an urge again).
# Session 26: "ok what can i do instead" after the ideas for a need, read by the classifier as the coping flow's start,
# asked "what does the urge do for you?" again: asking for more is more of the same ideas.
BEATS_FLOW_INTENT = frozenset({*OWN_BUTTONS, "what_now", "dont_know_what_to_do", "eased", "more_instead"})
# Questions with their own answer even where a rule reads the intent after the bot's last action (session 22: "is it ok
# to hold an ice cube" at the coping question, an unreadable answer there, got a mixed set of ideas).
BEATS_FLOW_RULES = frozenset({"ice_question"})
# Answer classes that react to what the bot said rather than name an option.
REACTIONS = frozenset(
    {"better", "eased", "didnt_help", "still_want", "more", "more_instead", "unsure", "thank", *OWN_BUTTONS}
)
# Outside an emergency some answers mean the same as another: "ok" is a yes to an offer, "no plan" is okay.
TOPIC_SAME_AS = {
    "ack": "yes",
    "no_plan": "safe_now",
    "skip": "no",
    "dont_know_what_to_do": "what_now",
    "more_instead": "more",
}
# Anywhere, "idk what do i even do" is asking what to do now; after an emergency reply a fear of being held is the
# emergency's ER fear (its reply has the hold facts, after the medical reason).
SAME_AS = {"dont_know_what_to_do": "what_now", "hold_fear": "er_fear", "no_doctor": "wont_call"}
# The bot's own yes/no offers whose "yes" or "ok" means the offered step (not a button of it): by response, the
# `/intent` payload the offer stands for (dlg10: "ok" to "would you like the next steps for cleaning and covering it?").
YES_OFFERS = {"utter_dlg_bleeding_bleeding_stopped": "/wound_cut", "utter_dlg_wound_stopped": "/wound_cut"}
# The wound flow's "how bad is it?": a size answer ("like the size of a coin") picks the care steps for a small one.
SIZE_QUESTIONS = frozenset({"utter_wound_ask", "utter_wound_ask_again"})
# Session 28: a bare "ok" or "yes" to "how bad is it?" answers nothing; the choice is offered again, once.
WOUND_ASK = "utter_wound_ask"
WOUND_ASK_AGAIN = "utter_wound_ask_again"
# Medical emergency follow-ups: a symptom or "can i sleep it off" the screen read as a faint signal is answered
# there (call now), not with the general suicide check question (dlg10).
MEDICAL_SITUATIONS = frozenset({"overdose", "bleeding", "fainting", "medical", "burn"})
# Session 21: after the plan-or-means reply, "im fine now" gets one gentle question about the means before the
# follow-up ends (clinical facts part 2 §2: help keep them safe by putting distance from the means). Not after a
# reply that has already asked it, nor after the person said they moved them.
# Session 22: the large-or-deep burn reply; after it, a burn that doesn't hurt gets 911 again (utter_dlg_burn_painless).
BURN_OPENER = "utter_emergency_burn_severe"
MEANS_OPENER = "utter_emergency_plan_means"
MEANS_CHECK = "utter_dlg_crisis_means_check"
MEANS_ASKED = frozenset(
    {MEANS_CHECK, "utter_dlg_crisis_not_taken", "utter_dlg_crisis_means_still", "utter_dlg_crisis_means_away"}
)
# Replies that ask "are you safe right now?": a bare "yes" or "no" after them answers that.
SAFETY_QUESTIONS = frozenset(
    {
        "utter_dlg_crisis_check",
        "utter_dlg_crisis_line_didnt_help",
        "utter_dlg_crisis_heard",
        "utter_dlg_crisis_overwhelmed",
    }
)
# The crisis follow-up's open questions ("what feels hardest right now?", "tell me a little more"): a message that
# answers one with what is going on gets a reflecting reply (`utter_dlg_crisis_heard`), not the question again.
HOLDING_QUESTIONS = frozenset(
    {
        "utter_dlg_crisis_check",
        "utter_dlg_crisis_still",
        "utter_dlg_emergency_still_again",
        "utter_dlg_crisis_hedge",
        "utter_dlg_crisis_talk_to_me",
        "utter_dlg_crisis_talk_to_me_again",
        "utter_dlg_crisis_overwhelmed",
        "utter_dlg_crisis_heard",
    }
)
# Emergency replies that are not about a medical emergency: after them an ER fear is not led by a medical reason.
NOT_MEDICAL = ("utter_emergency_plan_means",)
# Topic cues (resources/dialogue.yml): a message about another flow than the last offer's ("idk i just dont want
# to eat" after medication reasons) is that flow's, unless it also names the current one ("my meds make me not
# want to eat"). By cue class: (its topic, the intent it is re-read as).
CUES = {
    "eating_cue": ("eating", "/eating_disorder"),
    "stress_cue": ("stress", "/coping_stress"),
    # "honestly i kinda want to do it again rn" after wound care: the urge flow (dlg10).
    "urge_cue": ("urge", "/self_harm_urge"),
    # Session 24: "how do i hide it" after a cut (got the wound-care question again): covering it, and a fresh cut's
    # clean dressing. Its own label, so it is read in the wound talk too.
    "hide_cue": ("hide", "/wound_hide_scars"),
}
# Cues read on any message in another flow; the rest only instead of a reply said word for word again.
ALWAYS_CUES = frozenset({"eating_cue", "urge_cue", "hide_cue"})
# Cues read only in these topics (None: no topic yet): "how do i hide it" in the eating talk is not about a wound.
CUE_TOPICS = {"hide_cue": {None, "wound", "urge", "coping", "after_crisis", "menu", "peer", "privacy"}}
TOPIC_CUES = {"medication": "medication_cue", "eating": "eating_cue", "stress": "stress_cue"}
# After the direct suicide question, answers that are about the idea just tried ("that didn't do anything") and not an
# answer to the question (CrisisPolicy reads those): the flow's reply, and the question stays open. Session 25: anger at
# being sent numbers again ("stop sending numbers" to the question got the menu, then "i just want to talk" the peer
# lines with five more numbers): the apology, and listening here. Session 26: "what about my school counselor" after the
# privacy answer (which ends with the check: "you can say so here").
AFTER_CHECK_CLASSES = ("didnt_help", "better", "eased", "more", "frustrated_lines", "school_staff")
# Flow replies that end a turn with no way on (no buttons, nothing after them in any rule): this policy
# adds the topic's next step after them.
DEAD_ENDS = frozenset(
    {
        "utter_anything_else",
        "utter_bot_challenge",
        "utter_contact_declined",
        "utter_risk_answer_other",
        "action_safety_plan_deliver",
    }
)
# Offers of where to go next: a "no" to one of these closes warmly (utter_dlg_no, utter_anything_else) instead of
# offering the topic's next step again, and a "no" to "anything else?" says goodbye.
WHAT_NEXT_OFFERS = frozenset(
    {
        "utter_coping_next",
        "utter_coping_after_more",
        "utter_coping_stress_next",
        "utter_eating_next",
        "utter_helping_more",
        "utter_medication_next",
        "utter_peer_support_next",
        "utter_privacy_more",
        "utter_urge_next",
        "utter_wound_more",
    }
)
CLOSING = "utter_anything_else"
# Replies to a "no" to where to go next: after one, the topic's next step is not offered again in the episode.
DECLINED = frozenset({"utter_dlg_no", "utter_dlg_no_again"})
# The reply after which a hypothetical "what if i pass out?" (class faint_what_if) gets its short answer.
FAINT_QUESTION_AFTER = "utter_eating_dizzy"
# dlg11: fainting that has happened, said after an eating or medical reply ("ok i just passed out" after "have you felt
# dizzy or faint?"): that situation's emergency reply, 911 first, then its first step and 988 (PRODUCT.md, level 1).
# After a bleeding reply (or in the wound flow) passing out is a sign of shock; after an overdose reply, collapse.
FAINTED_REPLIES = {
    "bleeding": "utter_emergency_shock",
    "wound": "utter_emergency_shock",
    "overdose": "utter_emergency_overdose",
}
FAINTED_CONTEXTS = frozenset({"eating", "wound", *MEDICAL_SITUATIONS})
# Session 25: a racing or skipping heart, or chest pain, said now after an eating or fainting reply ("my heart is racing
# rn" after the fainting reply got the fainting check): the heart reply, 911 first (clinical facts part 1 §5.2). Not
# after the heart reply itself (its follow-up answers), nor after an overdose reply (its own follow-up says call now).
HEART_REPLY = "utter_emergency_heart"
HEART_CONTEXTS = frozenset({"eating", "fainting", "medical"})
# Session 25: "it stopped bleeding" in the wound talk: glad, when it still needs a doctor today, and the care steps.
WOUND_STOPPED_REPLY = "utter_dlg_wound_stopped"
# Session 26: redness, warmth or swelling around a burn told in the wound talk, with no serious sign (burn_red_warm).
BURN_RED_WARM_REPLY = "utter_dlg_wound_burn_red_warm"
BURN_WORDS = re.compile(r"\bburn|\blighter|\bblister|\bscald|\bquem|\bampolla")


def _burn_told(recent: List[Any]) -> bool:
    """A burn was named in this conversation's recent messages (the wound talk is about a burn)."""
    return any(isinstance(e, UserUttered) and BURN_WORDS.search((e.text or "").lower()) for e in recent)


# Session 25: dizziness told in the eating talk: after purging, the salts and the heart (a doctor soon, 911's signs);
# otherwise the not-eating dizziness reply.
PURGING_REPLIES = frozenset({"utter_eating_purging", "utter_dlg_eating_throat_sore"})
DIZZY_AFTER_PURGING = "utter_dlg_eating_dizzy_purging"
# Session 25: a medicine's name alone after a medication reply ("its lexapro" after the alcohol reply got "didn't
# follow"): thanked, and who can check that medicine (the bot never can). Short messages only.
MEDICINE_NAME_REPLY = "utter_dlg_medication_named"
MEDICINE_NAME_MAX_WORDS = 4
# Session 25: the urge flow's options ("wait 15 minutes, ride it out, grounding, distance"); a short answer there that
# names a need ("release i guess", "to feel something") is read as what the urge does for them.
URGE_OPTIONS = "utter_urge_options"
NEED_MAX_WORDS = 5
# Questions asking for consent, and what an unsure answer to one gets instead of a "yes" (dlg11).
CONSENT_QUESTIONS = {"utter_contact_ask_consent": "utter_dlg_clarify_contact"}
# sp14: answers at the offer of a staff request that are neither yes nor no ("now pls", "its 2am tho", "how do i
# reach them"; the goodbye and two fallbacks before): their reply, then the offer again (explicit consent only).
CONTACT_OFFERS = frozenset(
    {"utter_contact_ask_consent", "utter_contact_declined", "utter_dlg_next_contact", "utter_dlg_clarify_contact"}
)
# The payload of "Yes, please" at the offer: what "still want to" there is re-read as (class contact_still_want).
CONTACT_YES = "/affirm"
# Session 26: a helper whose worry is someone's eating, told "they say they're fine".
HELPER_EATING_REPLY = "utter_helping_eating"
EATING_SAYS_FINE = "utter_dlg_helping_eating_says_fine"
# Session 26: asking again for a person once the contact block has been given.
CONTACT_AGAIN = "utter_dlg_contact_again"
CONTACT_ANSWERS = {
    "contact_urgent": "utter_dlg_contact_urgent",
    "contact_late_hour": "utter_dlg_contact_late_hour",
    "contact_how_reach": "action_contact_handoff",
}
# Replies after which an emergency follow-up is over ("I'm safe now", "no not like that, just tired"): the next
# message is read on its own, with 988 still in view (extensions/nlg.py's reminder line).
# Session 23: "_help_here": help has arrived; a "thanks" after it is not an answer to "have you been able to call?".
FOLLOW_UP_ENDS = ("_safe_now", "_all_clear", "_help_here")
# The apology for pointing to hotlines again, outside an emergency (its "i just want to vent" is heard here).
LINES_APOLOGY = "utter_dlg_frustrated_lines"
# Answers that end a follow-up and so never count when the message hedges ("just tired maybe", "im safe i guess").
ALL_CLEAR = frozenset({"all_clear", "safe_now"})
# The payload of "Help me get through tonight" on the replies to "not tonight" (domain/dialogue.yml).
TONIGHT_BUTTON = "/coping_alternatives"
# The person's own fears of the ER or of being held: the replies after them are worded for the person ("you").
OWN_FEARS = ("utter_dlg_er_fear", "utter_dlg_hold_fear", "utter_dlg_wound_er_fear")
# Someone else is the one at risk: crisis replies worded for a helper.
HELPER_OPENERS = ("utter_crisis_someone_else",)
# The next step after a dead end whose topic's own next step would not fit (a finished plan isn't re-offered).
DEAD_END_NEXT = {"action_safety_plan_deliver": "utter_dlg_next_after_plan"}
# Classes that elsewhere only count when the classifier could not place the message or took it for a bare
# answer (a rule that reads "yes" or "no" after the bot's last action answers it first; with no such rule
# Rasa's core fallback said "didn't catch that" to a plain "ok" after an offer).
ONLY_ON_FALLBACK = frozenset({"thank", "ack", "yes", "no", "something_else"})
# ("thanks" keeps its own rule, "You're welcome", and gets the topic's next step after it: DEAD_ENDS.)
BARE_ANSWER_INTENTS = frozenset({"nlu_fallback", "affirm", "deny", "not_sure", "out_of_scope"})
# From this classifier confidence a flow's own intent ("it calms me down" -> coping_function) beats an
# answer pattern; below it, "a bit better" taken for a medication reason is read as an answer.
SURE_CONFIDENCE = 0.8
# Bounds the look-back, so the cost per turn does not grow with the conversation.
LOOKBACK_EVENTS = 60
LOOKBACK_ACTIONS = 25  # enough actions for a tail of at least LOOKBACK_EVENTS events in practice


@functools.lru_cache(maxsize=1)
def _patterns_file() -> Dict[str, Any]:
    """resources/dialogue.yml, read once: the answer classes and the typed-pick settings."""
    return yaml.safe_load(PATTERNS_PATH.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def _rules() -> Tuple[Dict[str, Any], ...]:
    """Every rule in data/rules, read once for the three look-ups below."""
    found: List[Dict[str, Any]] = []
    for path in sorted(RULES_DIR.glob("*.yml")):
        found += (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("rules") or []
    return tuple(found)


@functools.lru_cache(maxsize=1)
def answer_patterns() -> Dict[str, List[re.Pattern]]:
    return {name: [re.compile(p) for p in patterns] for name, patterns in _patterns_file()["classes"].items()}


# Filler at either end ("not sure tbh", "um ok") doesn't change what a short answer means.
FILLER = re.compile(
    r"^((um+|uh+|erm+|hmm+|well|so|like|honestly|ok so),? )+"
    r"|( (tbh|really|honestly|lol|tho|though|haha|i guess|maybe|then|now))+$"
)


@functools.lru_cache(maxsize=1)
def answers_the_flows_read() -> frozenset:
    """(bot action, intent) pairs a rule already answers ("not sure" at the coping question): left to rules."""
    pairs = set()
    for rule in _rules():
        steps = rule.get("steps") or []
        for before, step in zip(steps, steps[1:], strict=False):
            if "action" in before and "intent" in step:
                pairs.add((before["action"], step["intent"]))
    return frozenset(pairs)


# Intents that mean an answer, not a topic: a rule that starts with one of these doesn't make it the flow's.
ANSWER_INTENTS = frozenset(
    "greet goodbye thank affirm deny not_sure out_of_scope menu nlu_fallback share_feelings bot_challenge "
    "coping_more".split()
)


@functools.lru_cache(maxsize=1)
def content_intents() -> frozenset:
    """Intents a rule answers on their own ("it calms me down" -> coping ideas): the classifier's call wins."""
    found = {steps[0]["intent"] for steps in (r.get("steps") or [] for r in _rules()) if steps and "intent" in steps[0]}
    return frozenset(found - ANSWER_INTENTS)


def normalise(text: str) -> str:
    text = (text or "").replace("\u2019", "'").replace("\u2018", "'").lower().strip()
    text = re.sub(r"\s+", " ", text).strip(" .!?,")
    return FILLER.sub("", text).strip(" .!?,")


def answer_classes(text: str) -> List[str]:
    """Every answer class whose patterns match the message, in file order."""
    norm = normalise(text)
    return [name for name, patterns in answer_patterns().items() if any(p.search(norm) for p in patterns)]


@functools.lru_cache(maxsize=1)
def _hedge_patterns() -> List[re.Pattern]:
    return [re.compile(p) for p in _patterns_file()["hedges"]]


def fainted(text: str) -> bool:
    """Fainting that has happened ("i passed out for a sec", "me desmayé"), not a "what if" or a "no"."""
    classes = answer_classes(text)
    return "fainted" in classes and not {"faint_what_if", "not_fainted"} & set(classes)


def urge_not_suicide(text: str) -> bool:
    """A clear "no" to the direct suicide question that says it is an urge to self-injure ("no like not kill myself
    just cut"). Never when the message hedges, nor when either answer reader hears a yes or not being sure."""
    if "urge_not_suicide" not in answer_classes(text) or hedged(text):
        return False
    return risk_rules.read_answer(text) in ("no", "other") and risk_answers.read_answer(text) in ("no", "other")


def says_what(text: str) -> bool:
    """Whether a message says what is going on ("my job, my ex, all of it", "my mom. shes gonna see my grades"): a few
    words, or a person or thing of theirs, and no hedge. "ugh" or "just tired maybe" is not that."""
    norm = normalise(text)
    return not hedged(text) and (len(norm.split()) >= 3 or bool(re.search(r"\b(my|our)\b", norm)))


def means_only(text: str) -> bool:
    """Whether a message says no more than where the means are ("i still have them though", "gave them to my sister
    tbh"): once the means_still / means_away answer is taken out, only the words in `means_only` are left."""
    norm = normalise(text)
    patterns = answer_patterns()
    rest = norm
    for name in ("means_still", "means_away"):
        for pattern in patterns[name]:
            rest = pattern.sub(" ", rest)
    allowed = set(_patterns_file()["means_only"])
    return rest != norm and all(word in allowed for word in re.findall(r"[\w']+", rest))


def hedged(text: str) -> bool:
    """Whether the message hedges anywhere ("just tired maybe"): read before filler words are dropped."""
    lowered = (text or "").replace("\u2019", "'").lower()
    return any(p.search(lowered) for p in _hedge_patterns())


@functools.lru_cache(maxsize=1)
def _pick_settings() -> Dict[str, Any]:
    picks = _patterns_file()["picks"]
    numbers = {str(i + 1): i for i in range(10)}
    numbers.update({w: i for i, w in enumerate(picks["ordinals"])})
    numbers.update({w: i for i, w in enumerate(picks["number_words"])})
    return {
        "number": re.compile(picks["number_pattern"]),
        "numbers": numbers,
        "ignore": frozenset(picks["ignore"]),
        "max_words": int(picks["max_words"]),
        "hints": {payload: " ".join(map(str, words)) for payload, words in (picks.get("hints") or {}).items()},
    }


def _content_words(text: str) -> frozenset:
    """A text's meaningful words, cut to their first five letters so "grounding" meets "ground"."""
    words = re.findall(r"[a-z0-9][a-z0-9'-]*", normalise(text))
    return frozenset(w[:5] for w in words if w not in _pick_settings()["ignore"])


def offered_buttons(events: List[Any]) -> List[Dict[str, Any]]:
    """The buttons of the bot's last message with buttons in the turn before the latest user message."""
    seen_latest = False
    for event in reversed(events):
        if isinstance(event, UserUttered):
            if seen_latest:
                return []
            seen_latest = True
        elif seen_latest and isinstance(event, BotUttered) and (event.data or {}).get("buttons"):
            return list(event.data["buttons"])
    return []


def picked_button(text: str, buttons: List[Dict[str, Any]], loose: bool = True) -> Optional[Dict[str, Any]]:
    """The offered button a typed message names: by number ("2", "the second one") or by a few words of
    exactly one button's title ("the grounding one" -> "5-4-3-2-1 grounding"); None if it names none.
    `loose`: a message may also hold a whole title plus a word ("the side effects are awful")."""
    if not buttons:
        return None
    settings = _pick_settings()
    norm = normalise(text)
    number = settings["number"].match(norm)
    if number and (number.group(1) in settings["numbers"] or number.group(1) == "last"):
        index = settings["numbers"].get(number.group(1), len(buttons) - 1)
        return buttons[index] if index < len(buttons) else None
    typed = _content_words(norm)
    if not typed or len(norm.split()) > settings["max_words"]:
        return None
    hints = settings["hints"]
    named = [
        b
        for b in buttons
        if _names(typed, _content_words(f"{b.get('title', '')} {hints.get(b.get('payload'), '')}"), loose)
    ]
    return named[0] if len(named) == 1 else None


def only_repeats(name: str, responses: Dict[str, List[Dict[str, Any]]], shown: frozenset) -> bool:
    """Whether every button of response `name` is already on screen: offering it again adds nothing."""
    variants = responses.get(name) or []
    payloads = [{b.get("payload") for b in v.get("buttons") or []} for v in variants]
    return bool(payloads) and all(p and p <= shown for p in payloads)


def _names(typed: frozenset, title: frozenset, loose: bool) -> bool:
    # Every typed word is in the title or its hints ("grounding", "can my parents find out"), or the whole
    # title is in the message ("the side effects are awful" -> "Side effects") with one word more.
    return bool(title) and (typed <= title or (loose and title <= typed and len(typed - title) <= 1))


def _parse_payload(payload: str) -> Tuple[str, List[Dict[str, Any]]]:
    """("intent", entities) of a `/intent{"entity": "value"}` button payload."""
    match = re.match(r"^/([\w-]+)(\{.*\})?$", payload.strip())
    if not match:
        return "", []
    try:
        values = json.loads(match.group(2)) if match.group(2) else {}
    except ValueError:
        values = {}
    entities = [{"entity": k, "value": v} for k, v in (values.items() if isinstance(values, dict) else [])]
    return match.group(1), entities


@functools.lru_cache(maxsize=1)
def _rule_openers() -> Tuple[Dict[Tuple[str, str], str], Dict[str, str]]:
    """The first action rules take for an intent: after a given bot action, and anywhere (unconditioned)."""
    after: Dict[Tuple[str, str], str] = {}
    anywhere: Dict[str, set] = {}
    for rule in _rules():
        steps = rule.get("steps") or []
        for before, step, then in zip(steps, steps[1:], steps[2:], strict=False):
            if "action" in before and "intent" in step and "action" in then:
                after.setdefault((before["action"], step["intent"]), then["action"])
        if len(steps) > 1 and "intent" in steps[0] and "action" in steps[1] and not rule.get("condition"):
            anywhere.setdefault(steps[0]["intent"], set()).add(steps[1]["action"])
    return after, {intent: next(iter(a)) for intent, a in anywhere.items() if len(a) == 1}


def first_action_for(intent: str, before: Optional[str]) -> Optional[str]:
    after, anywhere = _rule_openers()
    return after.get((before or "", intent)) or anywhere.get(intent)


# The topic a flow's intents belong to, by the start of the intent's name (for a clarifying question).
INTENT_TOPICS = (
    ("medication", "medication"),
    ("wound", "wound"),
    ("eating", "eating"),
    ("helping", "helping"),
    ("privacy", "privacy"),
    ("urge_", "urge"),
    ("self_harm_urge", "urge"),
    ("coping_stress", "stress"),
    ("coping", "coping"),
    ("peer_support", "peer"),
    ("safety_plan", "safety_plan"),
    ("contact_human", "contact"),
)


def _intent_topic(intent: Optional[str]) -> Optional[str]:
    """The flow an intent belongs to, by the start of its name (None for answers and small talk)."""
    return next((t for prefix, t in INTENT_TOPICS if (intent or "").startswith(prefix)), None)


def _likeliest_topic(parse: Dict[str, Any]) -> Optional[str]:
    """With no topic yet, the flow the classifier leaned to for a message it could not place (so the
    clarifying question offers that flow, not a fixed three)."""
    for ranked in (parse.get("intent_ranking") or [])[:3]:
        name = str(ranked.get("name") or "")
        topic = next((t for prefix, t in INTENT_TOPICS if name.startswith(prefix)), None)
        if topic:
            return topic
    return None


def _raw_turn_actions(tracker: DialogueStateTracker) -> List[str]:
    """The actions run since the latest user message, newest first, from the raw events (a short walk)."""
    found: List[str] = []
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, ActionExecuted) and event.action_name and event.action_name != ACTION_LISTEN_NAME:
            found.append(event.action_name)
    return found


def _actions_before_latest_message(events: List[Any]) -> set:
    """Names of the bot actions in `events` before the latest user message (not the ones of this turn)."""
    latest = next((i for i in range(len(events) - 1, -1, -1) if isinstance(events[i], UserUttered)), 0)
    return {e.action_name for e in events[:latest] if isinstance(e, ActionExecuted)}


def _slots_after_latest_message(tracker: DialogueStateTracker) -> List[Event]:
    """Slots set for the latest message (language, ...): re-set after it is re-read, since the revert
    that replaces it drops them."""
    found: List[Event] = []
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, SlotSet):
            # A new event, stamped now: the tracker store orders events by timestamp, so a copy with the
            # old time would sort before the re-read message it follows.
            found.append(SlotSet(event.key, event.value))
    return list(reversed(found))


def _entity_slots(domain: Domain, intent: str, entities: List[Dict[str, Any]]) -> List[Event]:
    """The slots a button's entities fill (`from_entity` mappings), as Rasa's slot extraction would."""
    values = {e["entity"]: e["value"] for e in entities}
    found: List[Event] = []
    for slot in domain.slots:
        for mapping in slot.mappings:
            wanted = mapping.get("intent")
            fits = not wanted or intent in ([wanted] if isinstance(wanted, str) else wanted)
            if mapping.get("type") == "from_entity" and mapping.get("entity") in values and fits:
                found.append(SlotSet(slot.name, values[mapping["entity"]]))
                break
    return found


def _rules_repeat(intent: Optional[str], events: List[Any]) -> Optional[str]:
    """The rules' first reply to `intent` if it is one the bot gave in the turn before ("no im just stressed" after
    "this midterm is killing me" would get the same feelings reply), else None."""
    latest = next((i for i in range(len(events) - 1, -1, -1) if isinstance(events[i], UserUttered)), None)
    if latest is None or not intent:
        return None
    last_turn: List[str] = []
    for event in reversed(events[:latest]):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, ActionExecuted) and event.action_name and event.action_name != ACTION_LISTEN_NAME:
            last_turn.append(event.action_name)
    first = first_action_for(intent, last_turn[0] if last_turn else None)
    return first if first and first in last_turn else None


def _offered_what_next(action: str) -> bool:
    """Whether the bot's last action offered where to go next (a topic's next step, or "anything else?")."""
    return action.startswith("utter_dlg_next_") or action in WHAT_NEXT_OFFERS or action == CLOSING


def _last_reply_was_a_miss(tracker: DialogueStateTracker) -> bool:
    """Whether the bot's reply before the latest message was Rasa's own fallback ("didn't catch that").

    Read from the raw events: the fallback reverts the message it could not place, so the applied events
    no longer show it.
    """
    seen_latest = False
    for event in itertools.islice(reversed(tracker.events), 40):
        if isinstance(event, UserUttered):
            if seen_latest:
                return False
            seen_latest = True
        elif seen_latest and isinstance(event, ActionExecuted) and event.action_name != ACTION_LISTEN_NAME:
            return event.action_name == ACTION_DEFAULT_FALLBACK_NAME
    return False


def _unkeep_typed_answer(tracker: DialogueStateTracker) -> List[Event]:
    """A risk signal typed as a form's answer got the check question: the form's slot mapping already took
    the message as the answer, so it is emptied (the form asks the same step again after the check)."""
    slot = tracker.get_slot("requested_slot")
    text = tracker.latest_message.text if tracker.latest_message else None
    return [SlotSet(slot, None)] if slot and text and tracker.get_slot(slot) == text else []


# dlg12: a helper's questions after the helper reply, by answer class ("what if she gets mad", "idk what to say to
# her"). What to say is about suicide only after the helper reply for someone with thoughts of suicide; after the
# self-harm helper flow the rules' disclosure tips answer it.
HELPER_QUESTIONS = {
    # Session 23: the child's age told after the helper reply ("shes 14"): the youth and family lines.
    "helper_age": "action_helping_youth",
    "helper_gets_mad": "utter_dlg_helping_gets_mad",
    "helper_what_to_say": "utter_dlg_helping_what_to_say",
}
AFTER_SUICIDE_HELPER_ONLY = frozenset({"helper_what_to_say"})
# Session 21: after the reply about someone else's eating, "what do i say" has its own words to try.
EATING_HELPER_REPLY = "utter_helping_eating"
# Medication follow-ups (session 16): in the medication flow a short follow-up is about the medicine and the prescriber
# ("should i just start again", "what should i say to her", "she'll be mad", "is that normal"). Read alone, the
# classifier took them for the helper flow, a coping reaction or nothing (a talk check got the helper's self-harm tips,
# the menu and "didn't follow"). By answer class (resources/dialogue.yml), first match wins: a reply, or a `/intent`
# whose flow the rules carry on (the questions to ask, the reply for symptoms after stopping).
MEDICATION_FOLLOW_UPS = (
    # Session 22: "should i take 2 today" after the missed-dose reply (got "didn't follow"): no double dose unless a
    # professional says so, a pharmacist by phone, Poison Help if extra was taken already.
    ("med_double_up", "utter_dlg_medication_double_up"),
    ("med_restart", "utter_medication_restart"),
    # Session 21: "can i just stop" after a side effect (got "anything else?"): what to know before stopping.
    ("med_can_stop", "/medication_stopping"),
    ("med_prescriber_reaction", "utter_dlg_medication_doctor_mad"),
    ("med_what_to_say", "/medication_questions"),
    ("med_withdrawal_cue", "/medication_withdrawal"),
    ("med_is_normal", "utter_medication_is_normal"),
    # Session 24: "what about like 2 beers" after the alcohol reply (got the diet decline); "how do i find another
    # psychiatrist" (got coping ideas).
    ("med_alcohol_amount", "utter_dlg_medication_alcohol_amount"),
    ("med_find_prescriber", "utter_dlg_medication_find_prescriber"),
    # Session 26: "can i just skip a few days and see how i feel" (got the not-eating reply); "ok ill call the pharmacy"
    # (got "didn't follow").
    ("med_skip_days", "/medication_stopping"),
    ("med_will_ask", "utter_dlg_medication_will_ask"),
)
# Session 26: a side effect told in a medication message is the reason the flow would ask for (med_side_effect).
SIDE_EFFECT_INTENTS = frozenset({"medication", "medication_reason"})
# ... and where the classifier heard feelings or nothing it could place, when a medicine is named (med_mentioned).
SIDE_EFFECT_LOOSE_INTENTS = frozenset({"share_feelings", "nlu_fallback", "coping_function", "out_of_scope"})
SIDE_EFFECT_PICK = '/medication_reason{"medication_reason":"side_effects"}'
SIDE_EFFECT_REPLY = "utter_medication_reason"
SIDE_EFFECT_STOP_REPLY = "utter_dlg_medication_side_effect_stop"
# Session 24: "how do i find another one" right after the second-opinion reply is another prescriber.
SECOND_OPINION_REPLY = "utter_medication_second_opinion"
# Session 22: after the extra-dose reply, a message that names the medicine (the overdose follow-up's classes) gets
# Poison Help again for that medicine; it got the reply for stopping one. Not `sedating`, which also holds symptoms
# ("i feel dizzy" is not the name of a medicine).
EXTRA_DOSE_REPLY = "utter_medication_extra_dose"
EXTRA_DOSE_NAMED = "utter_dlg_medication_extra_dose_named"
MEDICINE_NAMED = ("acetaminophen", "substance")
# Medication situations the classifier is sure of keep their own reply ("i ran out and now im dizzy").
MEDICATION_SITUATION_INTENTS = frozenset(
    {
        "medication_ran_out",
        "medication_missed_dose",
        "medication_extra_dose",
        "medication_pregnancy",
        "medication_someone_elses",
    }
)
# dlg12, dlg13: the form whose step answer, when it led to the direct question, is kept after a "no" to it, at every
# step, and the reply that says so before the form asks its next step. Warning signs often sound like a risk signal ("i
# feel like a burden and go quiet"), and so do answers at the later steps ("honestly nothing helps, whats the point" as
# things to do on one's own, "nobody really, i feel like a burden to everyone" as people to ask): after "no" they are
# the person's answer, in their words, like any other (asking the step again lost it and read it as no answer).
KEEPS_ANSWER_AFTER_CHECK = frozenset({"safety_plan_form"})
PLAN_AFTER_CHECK = "utter_dlg_plan_after_check"
SILENT_ACTIONS = frozenset({ACTION_LISTEN_NAME, ACTION_EXTRACT_SLOTS})


def _confidence(tracker: DialogueStateTracker) -> float:
    return float((tracker.latest_message.intent or {}).get("confidence") or 0.0)


def _latest_user_text_before(events: List[Any]) -> str:
    """The text of the person's message before their latest one, within `events` ("" if none)."""
    users = [e for e in events if isinstance(e, UserUttered)]
    return (users[-2].text or "") if len(users) >= 2 else ""


def past_ideation(text: str) -> bool:
    """The person's own suicidal thoughts or attempt told as past, with nothing saying they are back ("i was suicidal in
    high school but im past it now", "years ago i tried, i'm ok now"): the risk patterns' `past_ideation` (level none),
    or their `past_event` (which also holds past self-harm and past overdoses) with words of suicide in it. Never about
    someone else."""
    classes = answer_classes(text)
    if "past_someone_else" in classes:
        return False  # someone else's past ("my sister was suicidal in high school but shes ok now")
    hit = risk_rules.triage(text).hit
    category = hit.category if hit else None
    return category == "past_ideation" or (category == "past_event" and "past_suicidal_words" in classes)


def _step_answer_before_check(tracker: DialogueStateTracker, domain: Domain) -> List[Event]:
    """dlg12: a clear "no" to the direct question that a step's answer led to ("i feel like a burden and go quiet" as a
    warning sign, "nobody, i feel like a burden to everyone" as people to ask): that answer, put back in the step (it
    was emptied when the question was asked), so the form goes on to its next step with nothing lost. Empty when the
    latest message is no such "no", or the step is none of the form's own (keep or discard?)."""
    form = tracker.active_loop_name
    slot = tracker.get_slot("requested_slot")
    message = tracker.latest_message
    if form not in KEEPS_ANSWER_AFTER_CHECK or slot not in domain.required_slots_for_form(form) or message is None:
        return []
    intent = (message.intent or {}).get("name")
    if read_direct_answer(message.text or "", intent, message.parse_data.get("risk_level")) != "no":
        return []
    # Walking back: the bot's turns since the step's answer each said only the question, or kept it open ("brb" ->
    # "take your time", "im back" -> the question once more, session 15); the answer is the message before the question.
    seen_latest = False
    turn: List[str] = []
    for event in itertools.islice(reversed(tracker.events), 80):
        if isinstance(event, UserUttered):
            if not seen_latest:
                seen_latest = True
                continue
            if len(turn) != 1 or turn[0] not in QUESTION_TURNS:
                return []  # the bot's turn before was not the check question (or its wait or recheck) alone
            if turn[0] == CHECK_QUESTION:
                text = (event.text or "").strip()
                return [SlotSet(slot, text)] if text and not text.startswith("/") else []
            turn = []
        elif seen_latest and isinstance(event, ActionExecuted) and event.action_name not in SILENT_ACTIONS:
            turn.append(event.action_name)
    return []


# Intents a helper's update is often mistaken for, right after the helper reply (a session 8 new-user run).
UNSURE_HELPER_INTENTS = frozenset({"out_of_scope", "greet", "share_feelings", "affirm", "deny", "not_sure"})


def _just_helped(said: List[str]) -> bool:
    """The bot's last turn was the helper reply (someone else at risk) or a reply of the helper follow-up."""
    last_turn = said[:3]
    return any(n.startswith(HELPER_OPENERS) or n.startswith("utter_dlg_helping_") for n in last_turn)


def _raised_by_net_only(parse: Dict[str, Any]) -> bool:
    """One of the risk screen's nets (the emergency net or the level net), not its patterns, made this message a
    crisis (its `risk` entity): in a follow-up, an update the follow-up can answer is answered there."""
    nets = (NET_CATEGORY, LEVEL_NET_CATEGORY)
    return any(e.get("entity") == "risk" and e.get("value") in nets for e in parse.get("entities") or [])


# "Take your time" replies (session 16): the next "im back" gets the bot's last question again.
WAIT_REPLIES = frozenset({"utter_dlg_wait", "utter_dlg_wait_again", "utter_dlg_wait_urgent"})


def _last_offer(said: List[str], domain: Domain) -> str:
    """The newest of the bot's responses in `said` (newest first) that offered buttons or asked something, to
    ask once more after "im back"; the menu when there is none."""
    for name in said:
        variants = domain.responses.get(name) or []
        if name in WAIT_REPLIES or not variants:
            continue
        if any(v.get("buttons") or str(v.get("text") or "").rstrip().endswith("?") for v in variants):
            return name
    return "utter_menu"


def _recent_events(tracker: DialogueStateTracker, domain: Domain) -> List[Any]:
    """The last LOOKBACK_EVENTS applied events, without replaying the whole conversation when it is long."""
    events = recent_applied_events(tracker, domain, LOOKBACK_ACTIONS) or tracker.applied_events()
    return list(events)[-LOOKBACK_EVENTS:]


def read_context(events: List[Any]) -> Tuple[Optional[str], Optional[str], List[str]]:
    """(emergency situation, topic, bot actions since the situation began, newest first) before the latest
    message, from the conversation's last applied `events`."""
    latest = next((i for i in range(len(events) - 1, -1, -1) if isinstance(events[i], UserUttered)), None)
    if latest is None:
        return None, None, []
    said: List[str] = []
    topic: Optional[str] = None
    # A generic crisis line (the options, a shared follow-up) keeps the look-back going to the opener.
    pending: Optional[str] = None
    answered_here = False  # this policy answered the user message being passed (so it stayed on topic)
    for event in reversed(events[:latest]):
        if isinstance(event, SessionStarted):
            break
        if isinstance(event, UserUttered):
            if pending:
                return pending, pending, said
            if (event.intent or {}).get("name") in TOPIC_INTENTS and not answered_here:
                return None, topic, said
            answered_here = False
            continue
        if not isinstance(event, ActionExecuted) or not event.action_name or event.action_name == ACTION_LISTEN_NAME:
            continue
        name = event.action_name
        said.append(name)
        answered_here = answered_here or name.startswith("utter_dlg_")
        if name.endswith(FOLLOW_UP_ENDS):
            return None, topic or "after_crisis", said
        for situation in SITUATIONS:
            if name.startswith(f"utter_dlg_{situation}_"):
                return situation, situation, said
        if name in EMERGENCY_OPENERS:
            return EMERGENCY_OPENERS[name], EMERGENCY_OPENERS[name], said
        if name.startswith("utter_dlg_emergency_"):
            continue
        if name.startswith(HELPER_OPENERS) and not pending:
            # Someone else is the one at risk: what follows is the helper's ("what do i say to her"), never
            # "are you safe right now?" to the person typing. A new risk message still gets CrisisPolicy's reply.
            return None, topic or "helping", said
        if name.startswith(CRISIS_PREFIXES) and name not in ("utter_risk_check", "utter_risk_check_no"):
            pending = "crisis"
        if topic is None:
            topic = next((t for prefix, t in TOPIC_PREFIXES if name.startswith(prefix)), None)
            for prefix in ("utter_dlg_next_", "utter_dlg_clarify_"):
                if topic is None and name.startswith(prefix) and name != "utter_dlg_clarify_again":
                    topic = name[len(prefix) :]
    if pending or any(n.startswith("utter_dlg_emergency_") for n in said):
        return "crisis", "crisis", said
    return None, topic, said


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False)
class DialoguePolicy(Policy):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        # Above RulePolicy (6) so an answer is read in context; above CrisisPolicy (7) only for the
        # emergency follow-ups it chooses to answer (it leaves every other risky message alone).
        return {"priority": 8}

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[str, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        action, events = self._next_action(tracker, domain)
        probabilities = self._default_predictions(domain)
        if action is None:
            return self._prediction(probabilities)
        probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities, optional_events=events, is_no_user_prediction=True)

    def _next_action(self, tracker: DialogueStateTracker, domain: Domain) -> Tuple[Optional[str], List[Event]]:
        done, _ = CrisisPolicy._turn_actions(recent_applied_events(tracker, domain, 2) or [])
        if done is None:
            done, _ = CrisisPolicy._turn_actions(tracker.applied_events())
        if done is None:
            return None, []
        helper = self._helper_turn(done, tracker, domain)
        if helper:
            return helper, []
        raw = _raw_turn_actions(tracker)
        kept = _step_answer_before_check(tracker, domain) if not raw else []
        if kept:
            # The form then asks its next step: it doesn't read the "no" as the step's answer after this reply.
            return PLAN_AFTER_CHECK, kept
        if tracker.active_loop_name and len(raw) == 1 and raw[0] in QUESTION_TURNS:
            return ACTION_LISTEN_NAME, _unkeep_typed_answer(tracker)
        if set(raw) & set(domain.form_names):
            # Rasa folds a form's turns out of the applied events, so `done` can't be trusted here; the
            # form's own rules (submit, deliver) finish the turn, and a dead end after them gets its next step.
            return self._after_dead_end(raw, tracker, domain), []
        plan, events = self.plan_with_events(tracker, domain)
        # Only a turn this policy started: after a form or another policy has acted, it is theirs, except
        # that a flow reply with no way on gets the topic's next step.
        if not plan or any(action not in plan for action in done):
            return self._after_dead_end(done, tracker, domain), []
        for action in plan:
            if action not in done:
                return action, (events if not done else [])
        return ACTION_LISTEN_NAME, []

    @staticmethod
    def _after_dead_end(done: List[str], tracker: DialogueStateTracker, domain: Domain) -> Optional[str]:
        """The topic's next step after a flow reply that left the person nowhere to go, then listening."""
        if tracker.active_loop_name or not done:
            return None
        if done[0].startswith("utter_dlg_next_") and len(done) > 1 and done[1] in DEAD_ENDS:
            return ACTION_LISTEN_NAME
        if done[0] not in DEAD_ENDS:
            return None
        if done[0] == CLOSING and "utter_thank" in done:
            # "ok thanks": the person is closing; "anything else?" is the one question, not a second one.
            return ACTION_LISTEN_NAME
        _, topic, _ = read_context(_recent_events(tracker, domain))
        own = next((t for prefix, t in TOPIC_PREFIXES if done[0].startswith(prefix)), None)
        follow = DEAD_END_NEXT.get(done[0]) or f"utter_dlg_next_{own or topic or 'menu'}"
        return follow if follow in domain.action_names_or_texts else "utter_dlg_next_menu"

    def plan(self, tracker: DialogueStateTracker, domain: Domain) -> List[str]:
        """Every response for this turn, in order (empty: leave the turn to the other policies)."""
        return self.plan_with_events(tracker, domain)[0]

    def plan_with_events(self, tracker: DialogueStateTracker, domain: Domain) -> Tuple[List[str], List[Event]]:
        """This turn's responses, and the events that go with the first (a typed pick of a button that
        starts another flow is re-read as that button's intent, as Rasa's own two-stage fallback does)."""
        message = tracker.latest_message
        text = (message.text or "") if message else ""
        intent = (message.intent or {}).get("name") if message else None
        # A pressed button's payload (in the story runner, a button press has no text: its intent).
        pressed = text == TONIGHT_BUTTON or (not text and intent == TONIGHT_BUTTON[1:])
        if pressed and not tracker.active_loop_name:
            # The "Help me get through tonight" button of the reply to "not tonight" (its payload is the coping flow's,
            # kept as the Spanish version has it): the follow-up for tonight, not "what does the urge do for you?".
            situation, _, said = read_context(_recent_events(tracker, domain))
            if situation == "crisis" and said and said[0].startswith("utter_dlg_crisis_not_tonight"):
                names = domain.action_names_or_texts
                return [self._not_again("utter_dlg_crisis_get_through", said, names)], []
        if not text or text.startswith("/") or tracker.active_loop_name or message.parse_data.get("dlg_pick"):
            return [], []
        intent = (message.intent or {}).get("name")
        level = message.parse_data.get("risk_level")
        if intent == "thank" and "thanked" not in answer_classes(text):
            # The classifier took a question ("any tips for sleeping, i cant sleep") for thanks: "You're welcome"
            # only answers someone who thanked, so it is read as a message nobody placed. Still needed after the
            # session 8 contrast examples (run 9): of 647 messages without a thanks word in the stories, live tests
            # and dialogue scripts, the classifier still took one for `thank` ("honestly that didn't do much", 0.40).
            intent = "nlu_fallback"
        recent = _recent_events(tracker, domain)
        situation, topic, said = read_context(recent)
        if (situation or topic) and level_net_signal(message.parse_data) and answer_classes(text):
            # The level net reads one message alone: a short answer to the bot's own question or offer ("idc",
            # "didn't help tbh", "still want to tbh") is read here in context, not asked about again.
            intent, level = "nlu_fallback", "none"
        risky = intent in RISK_INTENTS or level in RISK_LEVELS
        if not situation and FAINT_QUESTION_AFTER in said and "faint_what_if" in answer_classes(text):
            # es10: "what if i pass out?" after the dizziness reply asks what to do, it is not fainting now: a short
            # answer (lie down, get someone, 911; a doctor soon), not the whole fainting emergency reply. Anywhere in
            # the episode (session 18: with an "ok" and the topic's next question in between it got "didn't follow").
            return [self._not_again("utter_dlg_eating_faint_what_if", said, domain.action_names_or_texts)], []
        context = situation or topic or ""
        if not risky and context in FAINTED_CONTEXTS and fainted(text):
            # dlg11: the screen read "i passed out for a sec" alone as nothing; after "have you felt dizzy or faint?" or
            # a bleeding reply it is the emergency. The crisis lines and options once per situation, as CrisisPolicy.
            reply = FAINTED_REPLIES.get(context, "utter_emergency_fainting")
            return [reply] + ([] if HANDOFF_ACTION in said else [HANDOFF_ACTION, OPTIONS_RESPONSE]), []
        if (
            not risky
            and context in HEART_CONTEXTS
            and HEART_REPLY not in _actions_before_latest_message(recent)
            and "heart_now" in answer_classes(text)
        ):
            # Session 25: "my heart is racing rn" after the fainting reply, or after the purging or not-eating reply
            # (the screen reads it alone as nothing): the heart reply, 911 first; the lines once per situation.
            return [HEART_REPLY] + ([] if HANDOFF_ACTION in said else [HANDOFF_ACTION, OPTIONS_RESPONSE]), []
        if not risky and reopened_answer(tracker, domain, CrisisPolicy.get_default_config()["check_questions"]):
            return [], []  # "ok" to the direct question, then "idk maybe i kinda am": CrisisPolicy's answer
        # Never re-read an answer to the direct suicide question: CrisisPolicy reads those.
        asked_directly = bool(said) and said[0] in CrisisPolicy.get_default_config()["check_questions"]
        if (asked_directly or topic == "urge" and not risky) and intent != "crisis" and urge_not_suicide(text):
            # Except a clear "no" that says it is an urge to self-injure ("no like not kill myself just cut"): an
            # answer (no thoughts of suicide), and the urge flow goes on, where the classifier heard a wound.
            return ["utter_dlg_urge_not_suicide", "utter_urge_next"], [SlotSet("for_someone_else", False)]
        if (
            not risky
            and not situation
            and intent == "helping_says_fine"
            and HELPER_EATING_REPLY in _actions_before_latest_message(recent)
            and EATING_SAYS_FINE not in said[:1]
        ):
            # Session 26 (new-user run): "hes 16. he says hes fine" about a son throwing up after meals got the
            # says-fine reply with the suicide question to ask: with only an eating worry told, it is the eating one
            # (care, the door open, a doctor's check, ANAD for families; 911's signs).
            return [EATING_SAYS_FINE], []
        if not risky and not situation and not asked_directly and distress_emoji_only(text):
            # Session 15: "😭😭" alone got "Sorry, I'm not sure I followed": met warmly, the ways on offered.
            return [self._not_again("utter_dlg_emoji_distress", said, domain.action_names_or_texts)], []
        if not risky and not asked_directly and only_pauses(text):
            # Session 16: "brb" in the middle of a flow got "Sorry, I didn't follow that". Time is given; after a
            # crisis or emergency reply the lines go with it. The flow's place is kept for "ok im back" (below).
            reply = "utter_dlg_wait_urgent" if situation else "utter_dlg_wait"
            return [self._not_again(reply, said, domain.action_names_or_texts, reply)], []
        heard = answer_classes(text)  # read once for the two checks below
        if not risky and said and said[0] in WAIT_REPLIES and "back" in heard:
            # "ok im back" after "take your time": welcomed back, and the bot's last question or offer once more.
            return ["utter_dlg_welcome_back", _last_offer(said[1:], domain)], []
        if not risky and not situation and not topic and "chilling" in heard:
            # Session 16: "im just chilling", "nm u" got "That sounds really hard": small talk gets a light reply.
            # Outside a flow only, where it can't be an answer to "did that help?".
            return [self._not_again("utter_dlg_chilling", said, domain.action_names_or_texts)], []
        if not risky and not situation and not asked_directly and past_ideation(text):
            # dlg12: thoughts of suicide told as past ("i was suicidal in high school but im past it now"): a short
            # acknowledgement, the door left open and a safety plan offered; no question, no crisis reply.
            names = domain.action_names_or_texts
            better = "better_now" in answer_classes(text)
            reply = "utter_dlg_past_ideation" if better else "utter_dlg_past_ideation_open"
            return [self._not_again(reply, said, names, "utter_dlg_past_ideation_again")], []
        carry_on = self._no_and_a_topic(said, text, intent, level, risky, tracker, domain)
        if carry_on:
            return carry_on, []
        offer = next((a for a in said if a not in WAIT_REPLIES), None)  # "take your time" in between is skipped
        lean_only = intent not in RISK_INTENTS and level_net_signal(message.parse_data)
        if (not risky or lean_only) and offer in CONTACT_OFFERS and "contact_still_want" in answer_classes(text):
            # Session 18: "still want to" at the offer (or after "hang on" there) is a yes; it got the urge reply (the
            # level net alone leans on "still want"; a risk pattern or the crisis intent still goes to CrisisPolicy).
            # Read as its "Yes, please" button, so the request's own rules carry on.
            # Every offer in CONTACT_OFFERS offers the same request: its yes is the consent question's yes.
            picked = self._pick_plan(CONTACT_YES, tracker, domain, ["utter_contact_ask_consent"])
            if picked[0]:
                return picked
        if not risky and said and said[0] in CONTACT_OFFERS:
            contact_reply = next((CONTACT_ANSWERS[c] for c in answer_classes(text) if c in CONTACT_ANSWERS), None)
            again = intent == "contact_human" and not contact_reply
            if again and "action_contact_handoff" in _actions_before_latest_message(recent):
                # Session 26 (new-user run): "like someone from the program not a bot" at the offer got the whole
                # contact block again, word for word: staff are people, the address is just above, and the offer to have
                # them get in touch. Asking how to reach them ("whats their email") still gets the block (sp14).
                reply = self._not_again(CONTACT_AGAIN, said, domain.action_names_or_texts, CONTACT_AGAIN)
                return [reply, "utter_contact_ask_consent"], []
            if contact_reply:
                return [contact_reply, "utter_contact_ask_consent"], []
        # A reaction to the bot ("ok that makes me feel a bit better") may share words with a title: only
        # a message made of the title's own words picks it then.
        reaction = any(c in REACTIONS for c in answer_classes(text))
        # After a crisis reply, "just talk to me" asks the bot to stay, not for the peer-support button it resembles.
        # So does "help me get through tonight" (not "Ways to get through the next few minutes", the coping flow).
        stay = situation == "crisis" and bool({"talk_to_me", "get_through"} & set(answer_classes(text)))
        button = None if risky or asked_directly or stay else picked_button(text, offered_buttons(recent), not reaction)
        if button is not None:
            payload = str(button.get("payload") or "")
            if payload.startswith("/"):
                picked = self._pick_plan(payload, tracker, domain, said)
                if picked[0]:
                    return picked
            else:
                text = payload  # a button that answers in words ("I've called"): read those words
        classes = answer_classes(text)
        offered = YES_OFFERS.get(said[0]) if said else None
        if offered and not risky and {"yes", "ack"} & set(classes):
            # "ok" to the bot's own "would you like the next steps for cleaning and covering it?": those steps,
            # never the question again (dlg10).
            picked = self._pick_plan(offered, tracker, domain, said)
            if picked[0]:
                return picked
        if (
            topic == "eating"
            and not situation
            and not risky
            and intent != "eating_safer"
            and "safer_not_stop" in answer_classes(text)
        ):
            # Session 21: "i dont want to stop, i just want to be safer" after the purging reply got the medication
            # reasons. In the eating flow it asks how to be safer without stopping: eating_safer's reply.
            picked = self._pick_plan("/eating_safer", tracker, domain, said)
            if picked[0]:
                return picked
        told_stopped = (
            said
            and said[0] in SIZE_QUESTIONS
            and {"yes", "ack"} & set(classes)
            and "bleeding_stopped" in answer_classes(_latest_user_text_before(recent))
        )
        if said and said[0] in SIZE_QUESTIONS and ("small_size" in classes or told_stopped) and not risky:
            # "its like the size of a coin" answering "how bad is it?": the care steps for a small one (dlg10).
            # Session 21: "ok" there, after "it stopped after i pressed on it": the steps for cleaning and covering
            # it, not "Okay." (a cut that has stopped bleeding is one the person can look after, unless they say more).
            burn = any(
                isinstance(e, UserUttered) and re.search(r"\bburn|\blighter|\bblister", (e.text or "").lower())
                for e in recent
            )
            picked = self._pick_plan("/wound_burn" if burn else "/wound_cut", tracker, domain, said)
            if picked[0]:
                return picked
        if said and said[0] == WOUND_ASK and not risky and classes and set(classes) <= {"yes", "ack"}:
            # Session 28: "ok" to "how bad is it? pick what fits best" got "Okay. Anything else about looking after
            # it?", skipping the question that tells 911 from self-care. Asked once more, shorter, same choices.
            return [WOUND_ASK_AGAIN], []
        if (
            topic == "wound"
            and not situation
            and (not risky or _raised_by_net_only(message.parse_data))
            and "burn_red_warm" in classes
            and not {"burn_serious_sign", "burn_painless"} & set(classes)
            and _burn_told(recent)
            and BURN_RED_WARM_REPLY not in said[:1]
        ):
            # Session 26: "its all red around it and kinda puffy and warm" after a lighter burn, answering "how bad is
            # it?", was raised by the emergency net alone as a large or deep burn (911). No 911 or same-day sign told:
            # the self-care steps and what to watch for; any sign, or a pattern's raise, keeps the emergency reply.
            return [BURN_RED_WARM_REPLY], []
        if (
            topic == "wound"
            and not situation
            and not risky
            and "burn_911_sign" in classes
            and "burn_sign_denied" not in classes
            and _burn_told(recent)
            and BURN_OPENER not in said[:1]
        ):
            # Session 27: "actually part of it looks white" after the red-burn self-care reply got "didn't follow" (the
            # emergency net raises some wordings of a white burn and not others): a 911 sign of the burn gets the
            # large-burn emergency reply, whatever the net read.
            return [BURN_OPENER], []
        if topic == "wound" and not situation and not risky and "wound_stopped" in classes:
            sure_wound = (
                (intent or "").startswith("wound_")
                and intent != "wound_care"
                and _confidence(tracker) >= SURE_CONFIDENCE
            )
            if not sure_wound and WOUND_STOPPED_REPLY not in said[:1]:
                # Session 25: "it stopped bleeding" answering "how bad is it?" got the reply for stopping a medicine.
                return [WOUND_STOPPED_REPLY], []
        if topic == "eating" and not situation and not risky and "dizzy" in classes and not fainted(text):
            purged = bool(PURGING_REPLIES & _actions_before_latest_message(recent))
            if purged and DIZZY_AFTER_PURGING not in said[:1]:
                # Session 25: "my throat hurts and i feel dizzy sometimes" after the purging reply (got a helper's
                # emergency card): the salts and the heart, a doctor soon, 911's signs, and the sore throat.
                return [DIZZY_AFTER_PURGING], []
            if not purged and intent != "eating_dizzy":
                # "me mareo mucho" answering "have you felt dizzy or faint?" (got "no te entendí").
                picked = self._pick_plan("/eating_dizzy", tracker, domain, said)
                if picked[0]:
                    return picked
        if (
            not situation
            and not risky
            and said[:1] == [URGE_OPTIONS]
            and intent != "coping_function"
            and need_from_text(text) != UNSURE_NEED
            and (len(text.split()) <= NEED_MAX_WORDS or "head_too_much" in answer_classes(text))
        ):
            # Session 25: "release i guess" typed at the urge flow's options (got "didn't follow") says what the urge
            # does for them: the ideas for that need, as the "what does the urge do for you?" answer gets.
            picked = self._pick_plan("/coping_function", tracker, domain, said)
            if picked[0]:
                return picked
        if (
            situation == "bleeding"
            and not risky
            and (intent or "").startswith("wound_")
            and "utter_dlg_bleeding_bleeding_stopped" in _actions_before_latest_message(recent)
            and not {"still_bleeding", "fainted"} & set(classes)
        ):
            # Session 25: once the bleeding has stopped, a wound question ("do i need stitches its kinda open") got
            # "Okay. Keep an eye on it.": the wound flow answers it (a gaping cut needs a doctor today).
            picked = self._pick_plan(f"/{intent}", tracker, domain, said)
            if picked[0]:
                return picked
        if situation:
            if hedged(text):
                # A hedge after an emergency or crisis reply counts as risk: the follow-up goes on.
                classes = [c for c in classes if c not in ALL_CLEAR]
            earlier = _actions_before_latest_message(recent)
            plan = self._emergency_plan(
                situation, classes, intent, level, message.parse_data, said, domain, earlier, says_what(text)
            )
            return plan, []
        helper_update = not risky or _raised_by_net_only(message.parse_data)
        if topic == "helping" and "no_answer" in classes and helper_update:
            # "I called her mom but nobody picked up": help isn't on its way; keep trying, who else, 911, 988.
            again = "utter_dlg_helping_no_answer_again"
            return [self._not_again("utter_dlg_helping_no_answer", said, domain.action_names_or_texts, again)], []
        if topic == "helping" and helper_update:
            asked = self._helper_question(classes, said, domain.action_names_or_texts)
            if asked:
                return asked, []
        if topic == "helping" and "called" in classes and helper_update:
            # "I've called" (a button of the helper replies) from someone helping another person: the emergency
            # net reads it alone as the person's own plan ("call 911 now, put distance between you and...").
            return ["utter_dlg_helping_called"], []
        if "line_didnt_help" in classes and intent != "crisis" and level not in ("imminent", "ideation", "third_party"):
            # "i already called 988 earlier and it didnt help at all" (read alone, perhaps as a faint signal): the
            # other routes and "are you safe right now?", and the crisis follow-up goes on from there (dlg10).
            names = domain.action_names_or_texts
            return [self._not_again("utter_dlg_crisis_line_didnt_help", said, names)], []
        if risky:
            return [], []
        if said and said[0] in CrisisPolicy.get_default_config()["check_questions"]:
            if risk_answers.read_answer(text) != "other" or not any(c in classes for c in AFTER_CHECK_CLASSES):
                return [], []
        medication = self._medication_plan(topic, classes, intent, tracker, domain, said, recent)
        if medication[0]:
            return medication
        cued = self._cue_plan(topic, classes, intent, tracker, domain, said, None)
        if cued[0]:
            return cued
        shown = frozenset(b.get("payload") for b in offered_buttons(recent))
        repeats = functools.partial(only_repeats, responses=domain.responses, shown=shown)
        medical = any(
            isinstance(e, ActionExecuted)
            and (e.action_name or "").startswith("utter_emergency_")
            and e.action_name not in NOT_MEDICAL
            for e in recent
        )
        plan = self._topic_plan(
            topic,
            classes,
            intent,
            tracker,
            said,
            domain.action_names_or_texts,
            repeats,
            lambda name: any(v.get("buttons") for v in domain.responses.get(name) or []),
            medical,
        )
        if plan and plan[0].startswith(OWN_FEARS) and topic != "helping" and tracker.get_slot("for_someone_else"):
            # "What if they lock me up" is the person's own fear, whatever helper intent the classifier heard: the
            # replies after it are worded for them, not "they".
            return plan, [SlotSet("for_someone_else", False)]
        if plan:
            return plan, []
        # Left to the rules: never their reply from the turn before, word for word.
        return self._cue_plan(topic, classes, intent, tracker, domain, said, _rules_repeat(intent, recent))

    def _no_and_a_topic(
        self,
        said: List[str],
        text: str,
        intent: Optional[str],
        level: Optional[str],
        risky: bool,
        tracker: DialogueStateTracker,
        domain: Domain,
    ) -> List[str]:
        """A clear "no" to the direct question that also names a topic ("no im ok i meant the meds"): CrisisPolicy's
        reply to a no, then that topic's offer from before the question (or its next step), not the whole menu."""
        if risky or not said or said[0] != CHECK_QUESTION or hedged(text):
            return []
        if read_direct_answer(text, intent, level) != "no":
            return []
        classes = answer_classes(text)
        named = next((t for t, cue in TOPIC_CUES.items() if cue in classes), None)
        confidence = float((tracker.latest_message.intent or {}).get("confidence") or 0.0)
        if named is None and intent in TOPIC_INTENTS and confidence >= SURE_CONFIDENCE:
            named = _intent_topic(intent)
        if named is None:
            return []
        names = domain.action_names_or_texts
        offer = next(
            (
                a
                for a in said[1:]
                if next((t for prefix, t in TOPIC_PREFIXES if a.startswith(prefix)), None) == named
                and any(v.get("buttons") for v in domain.responses.get(a) or [])
            ),
            None,
        )
        follow = offer or f"utter_dlg_next_{named}"
        return ["utter_risk_check_no", follow] if follow in names else []

    def _cue_plan(
        self,
        topic: Optional[str],
        classes: List[str],
        intent: Optional[str],
        tracker: DialogueStateTracker,
        domain: Domain,
        said: List[str],
        again: Optional[str],
    ) -> Tuple[List[str], List[Event]]:
        """A message about another flow than the last offer's is re-read as that flow's intent (CUES); `again`:
        the rules' reply would be the last turn's again, so a cue, or that reply's `_again` wording, answers."""
        for cue in classes:
            if (
                cue not in CUES
                or (cue not in ALWAYS_CUES and again is None)
                or topic not in CUE_TOPICS.get(cue, {topic})
            ):
                continue
            cue_topic, payload = CUES[cue]
            if intent == payload[1:]:
                continue  # the classifier read it so already: that flow's own rules answer
            if cue_topic == topic or _intent_topic(intent) == cue_topic or TOPIC_CUES.get(topic or "") in classes:
                continue
            if again is None and topic is None and intent not in BARE_ANSWER_INTENTS:
                continue  # no flow yet: the classifier's call stands
            picked = self._pick_plan(payload, tracker, domain, said)
            if picked[0]:
                return picked
        if again:
            other = f"utter_dlg_{again[len('utter_'):]}_again"
            if other in domain.action_names_or_texts:
                return [other], []
        return [], []

    @staticmethod
    def _pick_plan(
        payload: str, tracker: DialogueStateTracker, domain: Domain, said: List[str]
    ) -> Tuple[List[str], List[Event]]:
        """The first action of the flow a picked `/intent` button starts, and the events that re-read the
        typed message as that intent (so the flow's own rules carry on from there)."""
        intent, entities = _parse_payload(payload)
        first = first_action_for(intent, said[0] if said else None)
        if not intent or intent not in domain.intents or not first or first not in domain.action_names_or_texts:
            return [], []
        message = tracker.latest_message
        ranking = {"name": intent, "confidence": 1.0}
        parse = {
            **message.parse_data,
            "intent": ranking,
            "intent_ranking": [ranking],
            "entities": entities,
            "dlg_pick": payload,
        }
        parse.pop("risk_level", None)
        revised = UserUttered(
            message.text,
            ranking,
            entities,
            parse,
            input_channel=message.input_channel,
            message_id=message.message_id,
            metadata=message.metadata,
        )
        return [first], [
            UserUtteranceReverted(),
            ActionExecuted(ACTION_LISTEN_NAME),
            revised,
            *_slots_after_latest_message(tracker),
            *_entity_slots(domain, intent, entities),
        ]

    def _emergency_plan(
        self,
        situation: str,
        classes: List[str],
        intent: Optional[str],
        level: Optional[str],
        parse: Dict[str, Any],
        said: List[str],
        domain: Domain,
        earlier: Optional[set] = None,
        says_what: bool = False,
    ) -> List[str]:
        """`earlier`: the bot actions in the recent events (the one-time check is asked only once); `says_what`: the
        message says what is going on ("my job, my ex, all of it"; not "ugh", and never a hedge like "just tired
        maybe"), so it answers the follow-up's open question."""
        names = domain.action_names_or_texts
        earlier = earlier or set(said)
        found = [c for c in EMERGENCY_ORDER if c in classes and situation in ONLY_IN.get(c, {situation})]
        risky = intent in RISK_INTENTS or level in RISK_LEVELS
        if risky and intent == "crisis":
            opener = CrisisPolicy._crisis_reply(level, parse.get("risk_kind"), domain)
            same = opener == "utter_crisis" or EMERGENCY_OPENERS.get(opener) == situation
            # A new, different emergency gets its own first reply from CrisisPolicy, unless only the second
            # net saw one in an update on this one (the follow-up replies keep 911 / 988 in view).
            update = bool(found) and found[0] in SITUATION_FACTS and _raised_by_net_only(parse)
            # Session 22: the answer to the bot's own question about the means ("is it away from you now?" - "i still
            # have them though") is read as that answer, whose reply keeps 911 and 988 in view, even where a net
            # raises it alone. Anywhere else a means in hand the net raises gets the emergency reply first.
            update = update or (
                bool(found)
                and found[0] in ("means_still", "means_away")
                and said[:1] == [MEANS_CHECK]
                and _raised_by_net_only(parse)
                and means_only(str(parse.get("text") or ""))
            )
            if not same and not update:
                return []
            found = [c for c in found if c not in ("yes", "no", "unsure", "thank")]
        elif (
            level == "signal"
            and found
            and found[0] in SITUATION_FACTS
            and (intent not in RISK_INTENTS or situation in MEDICAL_SITUATIONS)
        ):
            # A faint risk signal in a follow-up that says how things stand ("she says she's fine and doesn't
            # want an ambulance"): the follow-up answers it and keeps 911 / Poison Help / 988 in view, where
            # CrisisPolicy's general check-in would ask the helper about their own thoughts. After an overdose reply,
            # "idk i feel kinda floaty" read as a faint signal is the pills acting: the follow-up's "call now" (dlg10).
            pass
        elif situation == "crisis" and risky:
            # A further hedge or low mood right after the crisis reply ("idk maybe nothing matters"), read alone as a
            # risk signal: the person has 911 and 988 in front of them, so not the direct question or the whole
            # crisis reply again, but the follow-up's answer, or a short reply that keeps both in view. (A new, more
            # serious disclosure is intent `crisis` and gets its own emergency reply above.)
            if not found:
                return [self._not_again("utter_dlg_crisis_hedge", said, domain.action_names_or_texts)]
        elif risky or intent in TOPIC_INTENTS and not found:
            # Moving on to another topic ends the follow-up.
            return []
        if intent == "goodbye" and not found:
            # Leaving in the middle of an emergency ends it too, with a goodbye that keeps 911 and 988 in view.
            return ["utter_dlg_emergency_goodbye"]
        if situation == "burn" and BURN_OPENER in earlier and "burn_painless" in classes:
            # Session 22: "it doesnt even hurt that much" after the large-or-deep burn reply got "are you safe right
            # now?": a burn that doesn't hurt can be a deep one, so 911 again, and keep cooling it.
            return [self._not_again("utter_dlg_burn_painless", said, names)]
        asked = f"utter_dlg_{situation}_check"
        answer = SAME_AS.get(found[0], found[0]) if found else None
        # Someone else took them, or is the one at risk: the helper's own wording where there is one.
        helper = f"utter_dlg_{situation}_helper" in earlier or any(a.startswith(HELPER_OPENERS) for a in earlier)
        if helper and answer in ("er_fear", "helper_er_fear"):
            # "They don't want to go to the hospital": what the helper can do. After an overdose that is the
            # helper's "they won't let me call" reply (911 anyway if needed, Poison Help, stay with them).
            answer = "wont_call" if situation == "overdose" else "helper_er_fear"
        if answer == "eat_question" and level == "imminent":
            # "should i eat something, i feel faint again": the emergency advice again first.
            answer = "eat_question_faint"
        if said and said[0] in SAFETY_QUESTIONS and answer in (None, "yes", "unsure") and not risky:
            # ans13: a hedge to "are you safe tonight?" ("ok ill try", "i think so", "hopefully") is not a yes.
            if unsure_of_safety(str(parse.get("text") or "")):
                answer = "unsure_safe"
        if said and said[0] in SAFETY_QUESTIONS and answer in ("yes", "no"):
            # "Are you safe right now?"
            answer = "safe_now" if answer == "yes" else "not_safe"
        elif said and said[0] in CALL_QUESTIONS | {asked} and answer in ("yes", "no"):
            # Replies that ask whether they have called: "no" is not calling (yet).
            answer = "called" if answer == "yes" else "wont_call"
        elif said and said[0] == MEANS_CHECK and answer in ("yes", "ack", "no", "unsure"):
            # "Is it away from you now?": yes, it's away; no or not sure, it's still near.
            answer = "means_away" if answer in ("yes", "ack") else "means_still"
        if answer == "safe_now" and MEANS_OPENER in earlier and not MEANS_ASKED & earlier:
            answer = "means_check"
        if answer in ("unsure", "thank") and asked not in earlier:
            answer = None  # "not sure" or "thanks" to the first reply itself: ask the one-time check first
        # A helper's own wording: the situation's, else the helper flow's ("what do i even do", "call the cops?").
        helper_names = (f"utter_dlg_{situation}_helper_{answer}", f"utter_dlg_helping_{answer}") if helper else ()
        for name in (*helper_names, f"utter_dlg_{situation}_{answer}", f"utter_dlg_emergency_{answer}"):
            if answer and name in names:
                if name in earlier and name not in said[:1] and f"{name}_again" in names:
                    # Said a few turns back already ("just talk to me" again after "not tonight"): other words.
                    name = f"{name}_again"
                return [self._not_again(name, said, names)]
        if situation == "crisis" and not found and says_what and said and said[0] in HOLDING_QUESTIONS:
            # An answer to the bot's own "what feels hardest?" ("my job, my ex, all of it"): reflected, and the
            # conversation moves on (safety tonight, thinking it through, coping), never the same question (dlg10).
            heard = ["utter_dlg_crisis_heard", "utter_dlg_crisis_heard_again"]
            fresh = [n for n in heard if n not in earlier] or [n for n in heard if n != said[0]]
            return [fresh[0]]
        if f"utter_dlg_{situation}_bleeding_stopped" in earlier:
            # It has slowed already: don't go back to asking how the bleeding is.
            return [self._not_again("utter_dlg_bleeding_after_stopped", said, names)]
        if asked not in earlier:
            return [asked]
        return [self._not_again(f"utter_dlg_{situation}_still", said, names)]

    @staticmethod
    def _helper_turn(done: List[str], tracker: DialogueStateTracker, domain: Domain) -> Optional[str]:
        """After an emergency reply for someone else ("my friend took a bunch of pills"): the helper's
        next steps in place of the options meant for the person at risk, then listening."""
        opener = next((a for a in done if a in EMERGENCY_OPENERS), None)
        if opener is None or not done or "someone_else" not in answer_classes(tracker.latest_message.text or ""):
            return None
        helper = f"utter_dlg_{EMERGENCY_OPENERS[opener]}_helper"
        if helper not in domain.action_names_or_texts:
            return None
        if done[0] == helper:
            return ACTION_LISTEN_NAME
        return helper if done[0] == HANDOFF_ACTION else None

    def _helper_question(self, classes: List[str], said: List[str], names: List[str]) -> List[str]:
        """dlg12: a helper's question after the helper reply ("what if she gets mad", and after the reply for someone
        with thoughts of suicide "idk what to say to her"): its own reply, and the helper's next step unless it was
        just offered."""
        suicide = any(n.startswith(HELPER_OPENERS) for n in said)
        if "helper_what_to_say" in classes and EATING_HELPER_REPLY in said:
            # Session 21: "what do i say" after the reply about someone else's eating (got "didn't follow").
            reply = "utter_dlg_helping_eating_what_to_say"
            return [self._not_again(reply, said, names, f"{reply}_again")]
        for answer, reply in HELPER_QUESTIONS.items():
            if answer in classes and (suicide or answer not in AFTER_SUICIDE_HELPER_ONLY):
                follow = "utter_dlg_next_helping"
                plan = [self._not_again(reply, said, names, f"{reply}_again")]
                return plan + ([follow] if follow in names and follow not in said[:2] else [])
        return []

    def _medication_plan(
        self,
        topic: Optional[str],
        classes: List[str],
        intent: Optional[str],
        tracker: DialogueStateTracker,
        domain: Domain,
        said: List[str],
        recent: List[Any],
    ) -> Tuple[List[str], List[Event]]:
        """Session 16: a follow-up that only makes sense in the medication flow is read there (MEDICATION_FOLLOW_UPS),
        never with the reply the bot gave just before; a dose change with feeling worse is a medication talk
        anywhere."""
        names = domain.action_names_or_texts
        last_turn = said[:3]
        if "med_dose_worse" in classes and "utter_medication_dose_change" not in last_turn:
            # "my psychiatrist upped my dose and i feel worse" (was a coping reaction): tell the prescriber soon.
            return ["utter_medication_dose_change"], []
        side_effect_told = "med_side_effect" in classes and (
            intent in SIDE_EFFECT_INTENTS or intent in SIDE_EFFECT_LOOSE_INTENTS and "med_mentioned" in classes
        )
        if side_effect_told and "med_want_stop" in classes and SIDE_EFFECT_STOP_REPLY not in last_turn:
            # Session 26: "i wanna stop my zoloft, it makes me feel like a zombie" got the side-effects reply alone: the
            # reason met, and what to know before stopping (a prescriber or pharmacist first), in one reply.
            return [SIDE_EFFECT_STOP_REPLY], []
        if side_effect_told and SIDE_EFFECT_REPLY not in last_turn:
            # Session 26: "zoloft makes me feel numb" got the intro and "What's going on for you with it?", which the
            # person had just said; typed after that question it got the reply for "something else". The side effect
            # told is the reason: its reply (what to take to the prescriber, other options), with the flow's next steps.
            return self._pick_plan(SIDE_EFFECT_PICK, tracker, domain, said)
        if topic != "medication" or {"er_fear", "hold_fear", "helper_er_fear"} & set(classes):
            return [], []  # a fear of the ER or of being held ("theyll judge me there") has its own reply
        confidence = float((tracker.latest_message.intent or {}).get("confidence") or 0.0)
        sure_situation = intent in MEDICATION_SITUATION_INTENTS and confidence >= SURE_CONFIDENCE
        if EXTRA_DOSE_REPLY in last_turn and set(MEDICINE_NAMED) & set(classes) and not sure_situation:
            # Session 22: "its my lexapro" after the extra-dose reply got the reply for stopping a medicine: the name
            # is the answer to "what did you take?", so Poison Help again, for that medicine, with 911's signs.
            return [self._not_again(EXTRA_DOSE_NAMED, said, names)], []
        will_call = {"will_call", "called", "med_will_ask"} & set(classes)
        if {EXTRA_DOSE_REPLY, EXTRA_DOSE_NAMED} & set(last_turn) and will_call:
            # "ok ill call them" after it got "didn't follow": a good step, the bottle at hand, 911's signs again.
            return [self._not_again("utter_dlg_medication_will_call", said, names)], []
        if (
            "med_name" in classes
            and not sure_situation
            and len(str(tracker.latest_message.text or "").split()) <= MEDICINE_NAME_MAX_WORDS
            and any(a.startswith("utter_medication_") or a.startswith("utter_dlg_medication_") for a in last_turn)
        ):
            # Session 25: "its lexapro" after the alcohol reply (got "didn't follow"): thanked, and who can check it.
            follow = "utter_dlg_next_medication"
            return [self._not_again(MEDICINE_NAME_REPLY, said, names)] + (
                [follow] if follow not in said[:2] else []
            ), []
        if SECOND_OPINION_REPLY in last_turn and "med_another_one" in classes:
            classes = [*classes, "med_find_prescriber"]
        for answer, reply in MEDICATION_FOLLOW_UPS:
            if answer not in classes or (answer == "med_withdrawal_cue" and sure_situation):
                continue
            if reply.startswith("/"):
                if intent == reply[1:]:
                    return [], []  # the classifier read it so already: the flow's rules answer
                first = first_action_for(reply[1:], said[0] if said else None)
                if first in last_turn:
                    continue  # its reply was just given: not word for word again
                picked = self._pick_plan(reply, tracker, domain, said)
                if picked[0]:
                    return picked
            elif reply in names and reply not in last_turn:
                # The topic's next step after a reply with no way on of its own (never twice in a row).
                own = any(v.get("buttons") for v in domain.responses.get(reply) or [])
                follow = "utter_dlg_next_medication"
                return [reply] + ([] if own or follow not in names or follow in said[:2] else [follow]), []
        if intent == "medication" and _rules_repeat(intent, recent) == "utter_medication_intro":
            # "i stopped taking my lexapro like a week ago" in answer to "What's going on for you with it?", read as
            # wanting to talk about medication, got the same intro again: what to know now it's stopped, or the
            # reply for any reason of their own.
            stopped = "med_stopped" in classes
            payload = "/medication_stopping" if stopped else '/medication_reason{"medication_reason":"other"}'
            return self._pick_plan(payload, tracker, domain, said)
        if _intent_topic(intent) == "helping" and confidence < SURE_CONFIDENCE and not classes:
            # An answer about their own medicine that the classifier, unsure, put in the helper flow ("i have my
            # reasons" -> helping_blame at 0.38), with no answer class (none naming someone else, none the topic's own
            # like "do i have to tell my dr"): asked about in this flow, not the helper's tips.
            return [self._not_again("utter_dlg_clarify_medication", said, names, "utter_dlg_clarify_again")], []
        return [], []

    def _topic_plan(
        self,
        topic: Optional[str],
        classes: List[str],
        intent: Optional[str],
        tracker: DialogueStateTracker,
        said: List[str],
        names: List[str],
        repeats: Callable[[str], bool] = lambda _: False,
        has_buttons: Callable[[str], bool] = lambda _: False,
        medical: bool = False,
    ) -> List[str]:
        """`repeats(name)`: whether that response's buttons are all on screen already (for "more");
        `has_buttons(name)`: whether it offers its own way on; `medical`: a medical emergency was in the recent
        conversation (an ER fear is then answered with the medical reason first)."""
        confidence = float((tracker.latest_message.intent or {}).get("confidence") or 0.0)
        # A bare-answer intent with no answer pattern ("zxcv" read as "yes" at low confidence) is a miss too.
        fallback = intent == "nlu_fallback" or (intent in ("affirm", "deny", "not_sure") and not classes)
        if said and said[0] in CONSENT_QUESTIONS and intent == "affirm" and "unsure" in classes:
            # dlg11: a request goes to staff only with explicit consent: "eh?" or "i guess" the classifier took for
            # "yes" is asked about again (with the choice as buttons), never the start of the request.
            return [self._not_again(CONSENT_QUESTIONS[said[0]], said, names)]
        if said and (said[0], intent) in answers_the_flows_read() and not BEATS_FLOW_RULES & set(classes):
            return []
        if said and said[0] == LINES_APOLOGY and "talk_to_me" in classes:
            # Session 23: "i just want to vent" right after "stop sending me hotlines" got the peer lines: it asks to
            # be listened to here, with no more numbers (the crisis follow-up keeps its own, with 911 and 988).
            return [self._not_again("utter_dlg_listen", said, names)]
        if said and said[0] == "utter_dlg_listen" and intent in ("out_of_scope", "nlu_fallback", "share_feelings"):
            # Session 23: what the person then vents ("my mom yells at me all the time") got "outside what I can help
            # with", or the feelings reply with 988 and 911: it is heard, with no numbers, as the reply before it
            # promised (a risk message never reaches here: it is the crisis policy's).
            return ["utter_dlg_listen_heard"]
        bare = intent in BARE_ANSWER_INTENTS
        here = topic or "menu"
        found = [
            c
            for c in TOPIC_ORDER
            if c in classes
            and (bare or c not in ONLY_ON_FALLBACK)
            and here in TOPIC_ONLY.get(c, {here})
            and (c != "no_doctor" or medical)
        ]
        sure_topic = intent in TOPIC_INTENTS or (intent in content_intents() and confidence >= SURE_CONFIDENCE)
        if sure_topic and intent not in TOPIC_INTENTS and found and found[0] in REACTIONS:
            # A reaction to the last offer ("it's a tiny bit better" in the urge flow) that the classifier, sure of
            # itself, put in another flow (a medication reason) is still a reaction; in that flow the flow decides.
            sure_topic = _intent_topic(intent) in (topic, None)
        if sure_topic and found and found[0] not in BEATS_FLOW_INTENT:
            return []
        topic = topic or "menu"
        if found:
            answer = TOPIC_SAME_AS.get(found[0], found[0])
            if answer == "more":
                return self._more_plan(topic, tracker, said, names, repeats)
            if answer == "no" and said and _offered_what_next(said[0]):
                return self._closing_plan(said, names)
            if answer == "er_fear" and medical:
                answer = "er_fear_medical"
            first = next((n for n in (f"utter_dlg_{topic}_{answer}", f"utter_dlg_{answer}") if n in names), None)
            if first:
                plan = [self._not_again(first, said, names, "utter_dlg_clarify_again")]
                follow = f"utter_dlg_next_{topic}"
                if DECLINED & set(said):
                    # Where to go next in this topic was declined in this episode: never offered again.
                    follow = "utter_dlg_next_menu" if topic != "menu" else ""
                own = answer in OWN_BUTTONS or answer == "er_fear_medical" or has_buttons(plan[0])
                if not own and follow in names and follow != plan[0]:
                    plan.append(follow)
                return plan
        if (
            topic == "helping"
            and _just_helped(said)
            and (fallback or (intent in UNSURE_HELPER_INTENTS and confidence < SURE_CONFIDENCE))
        ):
            # Just after the helper reply, an update the classifier can't place ("she lives like 20 min away",
            # "he's in his room rn", read as out of scope or a greeting) gets what they can do now, not a menu.
            return [self._not_again("utter_dlg_helping_what_now", said, names, "utter_dlg_helping_what_now_again")]
        if not fallback:
            return []
        # A second miss in a row (after our clarifying question or Rasa's own fallback) offers more routes.
        if said and said[0].startswith("utter_dlg_clarify") or _last_reply_was_a_miss(tracker):
            return ["utter_dlg_clarify_again"]
        if topic in ("menu", "after_crisis"):
            # After a follow-up has ended too, a message nobody placed is read on its own ("any tips for sleeping").
            topic = _likeliest_topic(tracker.latest_message.parse_data) or topic
        clarify = f"utter_dlg_clarify_{topic}"
        return [clarify if clarify in names else "utter_dlg_clarify_menu"]

    def _closing_plan(self, said: List[str], names: List[str]) -> List[str]:
        """ "No" to where to go next: a warm close, never the same offer again; "no" to "anything else?" ends."""
        if CLOSING in said[:2]:  # just asked (after "thanks", or with the next step after it)
            return ["utter_goodbye"]
        return [self._not_again("utter_dlg_no", said, names, "utter_dlg_no_again"), CLOSING]

    @staticmethod
    def _more_plan(
        topic: str, tracker: DialogueStateTracker, said: List[str], names: List[str], repeats: Callable[[str], bool]
    ) -> List[str]:
        function = tracker.get_slot("urge_function")
        more = f"utter_coping_more_{function}"
        if topic == "coping" and more in names and more not in said:
            return [more, "utter_coping_after_more"]
        specific = f"utter_dlg_{topic}_more"
        # Not when the last reply already offered all of its buttons (after a wound or medication answer
        # they are on screen), nor once the topic's ideas were said to have run out.
        if specific in names and not {specific, f"{specific}_none"} & set(said) and not repeats(specific):
            return [specific]
        # Ideas have run out: say so (in the topic's own words where it has them), then that a person may have
        # more; never the reply said just before.
        out = [n for n in (f"utter_dlg_{topic}_more_none", "utter_dlg_more_none") if n in names and not repeats(n)][:1]
        again = ("utter_dlg_more_none_again", *out)
        fresh = [n for n in out if n not in said] or [n for n in again if not said or n != said[0]]
        return [fresh[0] if fresh else "utter_dlg_more_none_again"]

    @staticmethod
    def _not_again(
        name: str, said: List[str], names: List[str], shared: str = "utter_dlg_emergency_still_again"
    ) -> str:
        """Never the same response twice in a row: its `_again` wording, or the shared one."""
        options = [n for n in (name, f"{name}_again", shared) if n in names] or [shared]
        fresh = [n for n in options if n not in said[:2]] or [n for n in options if not said or n != said[0]]
        return (fresh or options)[0]
