"""Crisis beats everything: a deterministic, highest-priority dialogue policy that answers by risk level.

The risk screen (extensions/risk_screen.py) puts `risk_level` and `risk_kind` in the parse data.
- imminent: `utter_emergency_<kind>` (911 first, the first step for that emergency, then 988);
- ideation: `utter_crisis`;
- third_party: `utter_crisis_someone_else_urgent` or `utter_crisis_someone_else` (what to do for them);
each followed by `action_deactivate_loop` if a form was active (a crisis answer is never stored as a form
answer), `action_crisis_handoff` (lines that depend on configuration) and, unless the person at risk is
someone else, `utter_crisis_options`. All replies are static responses, so they reach the person even when
the action server is down.
- signal: the direct question `utter_risk_check`. A signal the screen or the classifier's `risk_check`
  found always asks; the classifier's mere lean asks at most once per topic episode.
- An answer to a direct question (`utter_risk_check`, `utter_urge_suicide_check`, and the invitation that ends
  the privacy answer `utter_privacy_reporting`) is read with
  `risk_answers.read_answer` (the answer patterns, then a classifier of replies for what they can't place,
  harmbot/risk/answers.py): yes, unsure ("maybe", "idk") and "yes but I won't act" get the crisis reply
  worded for that answer; a clear no carries on; thanks or anything off-topic is never a yes.
  After "ok" (answered "thank you, I'm here"), the question stays open one more reply: a disclosure then
  ("idk maybe i kinda am") still gets the crisis reply.
- A reply to `utter_risk_check` / `utter_urge_suicide_check` that is neither yes nor no (an acknowledgement, a
  shrug, a laugh, an emoji: `unclear` in resources/risk_answers.yml) gets the question once more, in other words
  (`RECHECKS`); a second unclear reply is read as not being sure. Thanks and a new topic are read as before.
Its predictions are marked as not based on user input, so they also outrank an active form's happy path.
"""

from __future__ import annotations

import functools
import logging
import re
from typing import Any, Dict, List, Optional

import yaml
from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_DEACTIVATE_LOOP_NAME, ACTION_EXTRACT_SLOTS, ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from extensions.recent_history import recent_applied_events
from harmbot.names import CHECK_IN_INTENT, CHECK_QUESTION, CRISIS_INTENT, CRISIS_RESPONSE
from harmbot.risk import answers as risk_answers
from harmbot.risk import rules as risk_rules
from harmbot.risk.level_net import CATEGORY as LEVEL_NET_CATEGORY

logger = logging.getLogger(__name__)

HANDOFF_ACTION = "action_crisis_handoff"
OPTIONS_RESPONSE = "utter_crisis_options"
# The first reply per answer to a direct question.
ANSWER_REPLIES = {
    "yes": CRISIS_RESPONSE,
    "unsure": "utter_crisis_after_unsure",
    "yes_but": "utter_crisis_after_yes_but",
}
# Actions that say nothing: the bot's last action before a message is the last other one.
SILENT_ACTIONS = (ACTION_LISTEN_NAME, ACTION_EXTRACT_SLOTS)
# Said to a typed reply that is neither yes nor no but that the classifier took for "yes" ("gracias").
OTHER_ANSWER_RESPONSE = "utter_risk_answer_other"
# A longer reply that starts with "hold on" is about something else ("hold on i have a question about my meds").
WAIT_MAX_WORDS = 8
# ans13: an unclear reply to a direct question gets it once more, in other words (the same answer buttons and a
# "not sure" one); an unclear reply to that is read as not being sure.
RECHECKS = {
    CHECK_QUESTION: "utter_risk_recheck",
    "utter_urge_suicide_check": "utter_urge_suicide_recheck",
    # After "take your time" (WAITS), "im back" or "ok" gets the question once more.
    "utter_risk_wait": "utter_risk_recheck",
    "utter_urge_suicide_wait": "utter_urge_suicide_recheck",
}
# Session 21: "why" or "why do you keep asking" in reply to a direct question (`why` in resources/risk_answers.yml) was
# read as an answer that was neither ("thank you, I'm here") and the question dropped: why it is asked, then the
# question once more (RECHECKS), still open.
WHY_RESPONSE = "utter_risk_why"
# Session 15: "brb", "one sec", "hold on" in reply to a direct question (`wait` in resources/risk_answers.yml) gets
# "take your time", and the question stays open: the wait reply is read like the question it stands for. Before,
# "brb" got "thank you, I'm here" and the question was dropped; mid-plan, the next "ok back" became a step's answer.
WAITS = {
    **dict.fromkeys((CHECK_QUESTION, "utter_risk_recheck", "utter_risk_wait"), "utter_risk_wait"),
    **dict.fromkeys(
        ("utter_urge_suicide_check", "utter_urge_suicide_recheck", "utter_urge_suicide_wait"), "utter_urge_suicide_wait"
    ),
}
# Intents that start a new topic episode (after which the classifier's lean may ask again).
TOPIC_INTENTS = frozenset(
    "greet menu coping_alternatives self_harm_urge wound_care medication peer_support eating_disorder "
    "contact_human safety_plan privacy harm_reduction_info".split()
)


_BARE_YES = frozenset(
    "yes yeah yea yep yup ya yah ye y yh mhm sure si ok okay k correct true absolutely definitely".split()
)


def bare_yes(text: str) -> bool:
    """Only yes-words ("yes", "ok sure"): an answer to whatever was asked last, not a disclosure."""
    words = risk_rules.normalise(text).replace(",", " ").replace(".", " ").replace("!", " ").split()
    return bool(words) and all(w in _BARE_YES for w in words)


@functools.lru_cache(maxsize=1)
def _answer_words() -> Dict[str, Any]:
    config = yaml.safe_load(risk_answers.DEFAULT_ANSWERS_PATH.read_text(encoding="utf-8")) or {}
    unclear = config.get("unclear") or {}
    phrases = "|".join(f"(?:{p})" for p in unclear.get("phrases") or [])
    return {
        "unclear": re.compile(rf"(?:{phrases})(?: (?:{phrases}))*") if phrases else None,
        "distress": set(str(unclear.get("distress_emoji") or "")),
        "unsure_safe": [re.compile(p) for p in config.get("unsure_safe") or []],
        "wait": _wait_pattern(config.get("wait") or {}),
        "why": re.compile("|".join(f"(?:{p})" for p in config.get("why") or []) or r"(?!)"),
    }


def _words_only(text: str) -> str:
    """The normalised reply with its emoji and punctuation gone ("Ok... 😭" -> "ok", "😭😭" -> "")."""
    return " ".join(re.sub(r"[^\w' ]+", " ", risk_rules.normalise(text)).replace("_", " ").split())


def _wait_pattern(config: Dict[str, Any]) -> Optional[re.Pattern]:
    phrases = "|".join(f"(?:{p})" for p in config.get("phrases") or [])
    lead = "|".join(f"(?:{p})" for p in config.get("lead") or [])
    if not phrases:
        return None
    return re.compile(rf"(?:(?:{lead}) )*(?:{phrases})(?: .*)?" if lead else rf"(?:{phrases})(?: .*)?")


# Words that, right after "hold on" or "wait", make the message a question, not a pause ("hold on are you a bot").
QUESTION_AFTER_WAIT = frozenset(
    "are is was what whats how why who where when can could do does did will would should am r u you ur".split()
)


def only_pauses(text: str) -> bool:
    """A message that only asks for a moment, anywhere in a conversation (session 16): `asks_to_wait`, with no
    question in it ("hold on are you a bot?" is a question, "hold on my mom is calling" a pause)."""
    if "?" in (text or "") or not asks_to_wait(text):
        return False
    words = _words_only(text).split()
    pattern = _answer_words()["wait"]
    for end in range(1, len(words) + 1):
        head = " ".join(words[:end])
        if pattern.fullmatch(head) and not pattern.fullmatch(" ".join(words[: end - 1]) or "-"):
            rest = words[end:]
            return not rest or rest[0] not in QUESTION_AFTER_WAIT
    return False


def asks_to_wait(text: str) -> bool:
    """ "brb", "one sec my mom is calling", "espera": a reply to the direct question that asks for a moment (`wait` in
    resources/risk_answers.yml). A reply that also answers ("hold on, yes") is an answer."""
    pattern = _answer_words()["wait"]
    if not text or text.startswith("/") or pattern is None:
        return False
    normalised = _words_only(text)
    if len(normalised.split()) > WAIT_MAX_WORDS or not pattern.fullmatch(normalised):
        return False
    return risk_rules.read_answer(text) == "other" and risk_answers.read_answer(text) == "other"


def asks_why(text: str) -> bool:
    """A reply to the direct question that asks why it is asked ("why", "why do you keep asking", "por qué")."""
    if not text or text.startswith("/"):
        return False
    return bool(_answer_words()["why"].fullmatch(_words_only(text)))


def unclear_answer(text: str) -> Optional[str]:
    """A typed reply to the direct question that is neither yes nor no ("ok", "lol", "whatever", "ajá", an emoji):
    "unclear"; an emoji-only reply (or an unclear one) with an emoji of distress: "unsure"; anything else None."""
    if not text or text.startswith("/"):
        return None
    words = _answer_words()
    normalised = _words_only(text)
    if normalised and not (words["unclear"] and words["unclear"].fullmatch(normalised)):
        return None
    if normalised and risk_rules.read_answer(text) in ("yes", "no", "yes_but"):
        return None  # what the answer patterns read stands ("uh huh", "n")
    return "unsure" if words["distress"] & set(text) else "unclear"


def distress_emoji_only(text: str) -> bool:
    """A message of emoji alone, one of them showing distress ("😭😭", "💔"; `distress_emoji` in
    resources/risk_answers.yml): no words, nothing else."""
    if not text or text.startswith("/"):
        return False
    normalised = _words_only(text)
    return not normalised and bool(_answer_words()["distress"] & set(text))


def unsure_of_safety(text: str) -> bool:
    """A reply to "are you safe tonight?" that hedges ("ok ill try", "i think so", "hopefully", "creo que sí")."""
    normalised = risk_rules.normalise(text or "")
    return any(p.search(normalised) for p in _answer_words()["unsure_safe"])


def level_net_signal(parse: Dict[str, Any]) -> bool:
    """A risk signal that only the level net (harmbot/risk/level_net.py) saw in this message."""
    return parse.get("risk_level") == "signal" and any(
        e.get("entity") == "risk" and e.get("value") == LEVEL_NET_CATEGORY for e in parse.get("entities") or []
    )


def reopened_answer(tracker: DialogueStateTracker, domain: Domain, questions: Dict[str, Any]) -> Optional[str]:
    """How this reply answers a direct question that is still open ("yes", "unsure", "yes_but"), else None.

    The question stays open one more reply when the person's reply to it got only "thank you, I'm here"
    (OTHER_ANSWER_RESPONSE: an "ok" is neither yes nor no). Then only a disclosure counts ("idk maybe i kinda
    am", "yeah i am"): a bare "yes" may answer what came in between ("anything else about privacy?").
    DialoguePolicy leaves such a reply to CrisisPolicy.
    """
    message = tracker.latest_message
    text = (message.text or "") if message else ""
    if not text or text.startswith("/") or tracker.active_loop_name:
        return None
    if not _question_still_open(tracker, domain, questions):
        return None
    answer = risk_rules.read_answer(text)
    if answer == "other":
        answer = risk_answers.read_answer(text)
    if answer not in ANSWER_REPLIES or (answer == "yes" and bare_yes(text)):
        return None
    return answer


def read_direct_answer(text: str, intent: Optional[str], level: Optional[str]) -> str:
    """How a reply answers the direct question: "yes", "yes_but", "unsure", "no" or "other" (DialoguePolicy reads
    it the same way when a "no" also names a topic: "no im ok i meant the meds")."""
    if not text or text.startswith("/"):
        return {"affirm": "yes", "deny": "no", "not_sure": "unsure"}.get(intent or "", "other")
    answer = risk_rules.answer_by_pattern(text)
    if answer is None and (intent == "not_sure" or level == "signal"):
        return "unsure"
    if answer is None:
        # No pattern placed it: the trained reader. An explicit "other" pattern (a question back: "yes what?",
        # "if i said yes would you call the cops") is final, not left to the reader (session 18).
        return risk_answers.read_answer(text)
    return answer


def _question_still_open(tracker: DialogueStateTracker, domain: Domain, questions: Dict[str, Any]) -> Optional[str]:
    """The direct question the person's previous reply did not answer (the bot said only "thank you, I'm
    here" to it), else None."""
    # The recent end is enough to see the bot's last turn; the whole conversation only when that end
    # doesn't reach back to the question before it.
    for events in (recent_applied_events(tracker, domain, 6), tracker.applied_events()):
        users = [i for i, e in enumerate(events or []) if isinstance(e, UserUttered)]
        if not events or len(users) < 2:
            continue
        between = [
            e.action_name
            for e in events[users[-2] + 1 : users[-1]]
            if isinstance(e, ActionExecuted) and e.action_name not in SILENT_ACTIONS
        ]
        if not between or between[0] != OTHER_ANSWER_RESPONSE:
            return None
        _, question = CrisisPolicy._turn_actions(events[: users[-2] + 1])
        if question is not None:
            return question if question in questions else None
    return None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False)
class CrisisPolicy(Policy):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {
            # RulePolicy has 6; ties are broken by priority, so crisis always wins.
            "priority": 7,
            # Direct questions whose answer is read here, and what a clear "no" gets when the classifier
            # didn't already call it `deny` (then the flow's own rules answer).
            "check_questions": {
                "utter_urge_suicide_check": ["utter_urge_check_no", "utter_urge_next"],
                CHECK_QUESTION: ["utter_risk_check_no", "utter_menu"],
                # The same questions asked once more after an unclear reply (RECHECKS).
                "utter_urge_suicide_recheck": ["utter_urge_check_no", "utter_urge_next"],
                "utter_risk_recheck": ["utter_risk_check_no", "utter_menu"],
                # ... and kept open after "brb" (WAITS).
                "utter_urge_suicide_wait": ["utter_urge_check_no", "utter_urge_next"],
                "utter_risk_wait": ["utter_risk_check_no", "utter_menu"],
                # "Will anyone be told?" ends: "If you're having thoughts of suicide, you can say so here."
                "utter_privacy_reporting": ["utter_privacy_more"],
            },
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Train (or load from the cache) the reader of answers now, not on the first person who answers.
        try:
            risk_answers.load_reader()
        except Exception:
            logger.exception("Answer reader failed to load; answers are read by the patterns alone.")

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[str, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        action = self._next_action(tracker, domain)
        if action is None:
            return self._prediction(self._default_predictions(domain))
        probabilities = self._default_predictions(domain)
        probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities, is_no_user_prediction=True)

    def _next_action(self, tracker: DialogueStateTracker, domain: Domain) -> Optional[str]:
        # The end of the conversation is enough (a whole session is slow to walk at every prediction);
        # the whole of it only when that end doesn't reach back to the bot's action before this message.
        done, before = self._turn_actions(recent_applied_events(tracker, domain, 2) or [])
        if before is None:
            done, before = self._turn_actions(self._turn_events(tracker))
        if done is None:
            return None
        if before in self.config["check_questions"] and self._form_asked_last(tracker, domain):
            before = None  # the form's step came after the question (a form's turns are folded out of `before`)
        plan = self._turn_plan(tracker, before, domain)
        if not plan and before not in self.config["check_questions"]:
            # "ok" to the question got "thank you, I'm here": the question is still open for one more reply.
            plan = self._reopened_plan(tracker, domain)
        if not plan:
            return None
        for action in plan:
            if action == ACTION_DEACTIVATE_LOOP_NAME and not tracker.active_loop_name:
                continue
            if action not in done:
                return action
        return ACTION_LISTEN_NAME

    def _turn_plan(self, tracker: DialogueStateTracker, before: Optional[str], domain: Domain) -> List[str]:
        """Every action this policy wants in this turn, in order (empty: leave the turn to other policies)."""
        message = tracker.latest_message
        parse = message.parse_data if message else {}
        intent = (message.intent or {}).get("name") if message else None
        level = parse.get("risk_level")
        if intent == CRISIS_INTENT:
            return self._crisis_plan(self._crisis_reply(level, parse.get("risk_kind"), domain), level)
        topic = self._topic(tracker)
        if topic in risk_rules.CONTEXT_WORDS and message is not None:
            # "my heart is fluttering" after talking about not eating: the heart red flag, with its first step.
            found = risk_rules.triage_in_context(message.text or "", topic)
            if found.level == "imminent":
                return self._crisis_plan(self._crisis_reply(found.level, found.kind, domain), found.level)
        if before is not None and before in self.config["check_questions"]:
            plan = self._answer_plan(message.text or "", intent, before, level, bool(tracker.active_loop_name))
            if plan is not None:
                return plan
        if tracker.active_loop_name and level_net_signal(parse):
            # Inside a form (a safety plan lists warning signs: "everything feels far away") a signal that only
            # the level net saw, reading the message alone, is the step's answer; the patterns' signals still ask.
            return []
        if intent == CHECK_IN_INTENT:
            # In a form the question is asked once: a later step answer with a signal in it ("i go quiet" as a warning
            # sign, after "no" to the question) is that step's answer (dlg12). Crisis levels still interrupt above.
            asked = tracker.active_loop_name and self._asked_this_episode(tracker, before_this_message=True)
            return [] if asked else [CHECK_QUESTION]
        if level == "signal" and not self._asked_this_episode(tracker):
            return [CHECK_QUESTION]
        return []

    def _reopened_plan(self, tracker: DialogueStateTracker, domain: Domain) -> List[str]:
        answer = reopened_answer(tracker, domain, self.config["check_questions"])
        return self._crisis_plan(ANSWER_REPLIES[answer], "ideation") if answer else []

    @staticmethod
    def _crisis_plan(first_reply: str, level: Optional[str]) -> List[str]:
        plan = [first_reply, ACTION_DEACTIVATE_LOOP_NAME, HANDOFF_ACTION]
        # For someone else at risk, the options (coping, a safety plan) would treat the helper as the one at risk.
        return plan if level == "third_party" else plan + [OPTIONS_RESPONSE]

    @staticmethod
    def _crisis_reply(level: Optional[str], kind: Optional[str], domain: Domain) -> str:
        if level == "imminent" and kind and f"utter_emergency_{kind}" in domain.action_names_or_texts:
            return f"utter_emergency_{kind}"
        if level == "third_party":
            return "utter_crisis_someone_else_urgent" if kind == "urgent" else "utter_crisis_someone_else"
        return CRISIS_RESPONSE

    def _answer_plan(
        self, text: str, intent: Optional[str], question: str, level: Optional[str], in_form: bool = False
    ) -> Optional[List[str]]:
        """The plan for an answer to a direct question, or None to leave it to the flow's rules.

        Typed text is read by the answer patterns; the classifier's intent only decides for button
        payloads (or says "not sure"), so a "thank you" it mistakes for "yes" is never read as yes.
        A new risk signal as the answer ("no... but nothing matters") is read as not being sure.
        """
        rechecked = question in RECHECKS.values()
        waited = question in WAITS.values()
        direct = question in RECHECKS or rechecked  # not the privacy answer's invitation
        # In a form an unclear reply is left to the form, except right after "take your time": "ok im back" is no step.
        unclear = unclear_answer(text) if direct and level != "signal" and (not in_form or waited) else None
        if unclear == "unclear" and question in RECHECKS:
            # "ok", "lol", an emoji: neither yes nor no. Asked once more, in other words.
            return [RECHECKS[question]]
        if unclear:
            # Unclear again after the question was asked once more, or an emoji of distress: not being sure.
            return self._crisis_plan(ANSWER_REPLIES["unsure"], "ideation")
        if direct and level in (None, "none") and asks_why(text):
            return [WHY_RESPONSE, RECHECKS.get(question, question)]
        if direct and question in WAITS and level in (None, "none") and asks_to_wait(text):
            return [WAITS[question]]
        answer = read_direct_answer(text, intent, level)
        if answer in ANSWER_REPLIES:
            return self._crisis_plan(ANSWER_REPLIES[answer], "ideation")
        if answer == "no":
            # In a form (a safety plan, a contact request) the form asks its step again; elsewhere the menu. No rule
            # follows the question asked once more: this policy answers a "no" to it.
            if in_form or (intent == "deny" and not rechecked and not waited):
                return None
            return list(self.config["check_questions"][question])
        return [OTHER_ANSWER_RESPONSE] if intent == "affirm" else None

    @staticmethod
    def _topic(tracker: DialogueStateTracker) -> Optional[str]:
        """The topic before the latest message, as `harmbot.risk.rules.CONTEXT_WORDS` names it: "eating" from the
        person's last topic intent (eating_disorder, or any eating_* intent: session 21, "my heart is racing" after
        "i purged like 4 times today" got sympathy) until another topic starts; None otherwise. The latest message
        itself doesn't count: "my heart is racing" read as a medication question is still said mid-conversation."""
        user_turns = 0
        for event in reversed(tracker.events):
            if isinstance(event, SessionStarted):
                return None
            if isinstance(event, UserUttered):
                user_turns += 1
                if user_turns == 1:
                    continue
                name = (event.intent or {}).get("name") or ""
                if name.startswith("eating_"):
                    return "eating"
                if name in TOPIC_INTENTS:
                    return None
        return None

    def _asked_this_episode(self, tracker: DialogueStateTracker, before_this_message: bool = False) -> bool:
        """A direct question was asked since the session started or the person last changed topic (with
        `before_this_message`, not counting one asked in reply to the latest message)."""
        questions = self.config["check_questions"]
        user_turns = 0
        for event in reversed(tracker.events):
            if isinstance(event, SessionStarted):
                return False
            if isinstance(event, UserUttered):
                user_turns += 1
                if user_turns > 1 and (event.intent or {}).get("name") in TOPIC_INTENTS:
                    return False
            if before_this_message and not user_turns:
                continue
            if isinstance(event, ActionExecuted) and event.action_name in questions:
                return True
        return False

    @staticmethod
    def _form_asked_last(tracker: DialogueStateTracker, domain: Domain) -> bool:
        """The bot's last action before the latest message, in the raw events, was a form asking its step. Rasa folds a
        form's turns out of the applied events, so once the form has closed (the plan's last step answered) they show
        the direct question asked steps before as if it came right before this message (dlg13: "saltar" at step 7 got
        "thank you, I'm here" and no plan, "maybe my cat" the crisis reply)."""
        seen_latest = False
        for event in reversed(tracker.events):
            if isinstance(event, UserUttered):
                if seen_latest:
                    return False
                seen_latest = True
            elif seen_latest and isinstance(event, ActionExecuted) and event.action_name not in SILENT_ACTIONS:
                return event.action_name in domain.form_names
        return False

    @staticmethod
    def _turn_events(tracker: DialogueStateTracker) -> List[Event]:
        """The applied events, ending with the latest message. In a form Rasa folds the form's happy-path turns out of
        them, the latest message among them: then the raw events, so a step's answer right after "no" to the direct
        question asked mid-plan is not read as a second answer to that question (dlg12)."""
        events = tracker.applied_events()
        if tracker.active_loop_name:
            last_user = next((e for e in reversed(events) if isinstance(e, UserUttered)), None)
            if last_user is not tracker.latest_message:
                return list(tracker.events)
        return events

    @staticmethod
    def _turn_actions(events: List[Event]) -> tuple[Optional[List[str]], Optional[str]]:
        """Actions run since the last user message, and the last bot action before it, in `events` (applied).

        Returns (None, None) when there is no user message in `events`.
        """
        done: List[str] = []
        for index in range(len(events) - 1, -1, -1):
            event = events[index]
            if isinstance(event, UserUttered):
                before = next(
                    (
                        e.action_name
                        for e in reversed(events[:index])
                        if isinstance(e, ActionExecuted) and e.action_name != ACTION_LISTEN_NAME
                    ),
                    None,
                )
                return done, before
            if isinstance(event, ActionExecuted) and event.action_name:
                done.append(event.action_name)
        return None, None
