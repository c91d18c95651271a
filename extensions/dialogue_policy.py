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
import re
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml
from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_DEFAULT_FALLBACK_NAME, ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from extensions.crisis_policy import TOPIC_INTENTS, CrisisPolicy
from extensions.recent_history import recent_applied_events

PATTERNS_PATH = Path(__file__).resolve().parent.parent / "resources" / "dialogue.yml"
RULES_DIR = Path(__file__).resolve().parent.parent / "data" / "rules"
RISK_LEVELS = frozenset({"imminent", "ideation", "third_party", "signal"})
RISK_INTENTS = frozenset({"crisis", "risk_check"})
# Bot actions that open (or continue) an emergency follow-up, by situation.
EMERGENCY_OPENERS = {"utter_emergency_overdose": "overdose", "utter_emergency_bleeding": "bleeding"}
CRISIS_PREFIXES = ("utter_emergency_", "utter_crisis", "utter_risk_check")
# The topic of the bot's last offer, from the prefix of its response name.
TOPIC_PREFIXES = (
    ("utter_coping_", "coping"), ("action_coping", "coping"), ("utter_urge_", "urge"),
    ("utter_wound_", "wound"), ("utter_medication_", "medication"), ("utter_eating_", "eating"),
    ("utter_peer_support_", "peer"), ("utter_helping_", "helping"), ("utter_privacy", "privacy"),
    ("utter_safety_plan", "safety_plan"), ("utter_contact", "contact"),
)
# Answer classes tried in an emergency follow-up, in order; substance and bleeding classes only where they fit.
EMERGENCY_ORDER = (
    "called", "wont_call", "er_fear", "not_taken", "acetaminophen", "sedating", "substance", "still_bleeding",
    "bleeding_stopped", "safe_now", "frustrated", "thank", "better", "didnt_help", "still_want", "more",
    "something_else", "unsure", "yes", "no",
)
ONLY_IN = {
    "acetaminophen": {"overdose"}, "sedating": {"overdose"}, "substance": {"overdose"},
    "not_taken": {"overdose", "crisis"}, "still_bleeding": {"bleeding"}, "bleeding_stopped": {"bleeding"},
}
TOPIC_ORDER = ("frustrated", "still_want", "didnt_help", "better", "more", "something_else", "unsure", "thank",
               "yes", "no")
# Classes that elsewhere only count when the classifier could not place the message (their own rules
# answer "thanks", "yes", "no" and "something else" otherwise).
ONLY_ON_FALLBACK = frozenset({"thank", "yes", "no", "something_else"})
# From this classifier confidence a flow's own intent ("it calms me down" -> coping_function) beats an
# answer pattern; below it, "a bit better" taken for a medication reason is read as an answer.
SURE_CONFIDENCE = 0.8
# Bounds the look-back, so the cost per turn does not grow with the conversation.
LOOKBACK_EVENTS = 60
LOOKBACK_ACTIONS = 25  # enough actions for a tail of at least LOOKBACK_EVENTS events in practice


@functools.lru_cache(maxsize=1)
def answer_patterns() -> Dict[str, List[re.Pattern]]:
    content = yaml.safe_load(PATTERNS_PATH.read_text(encoding="utf-8"))
    return {name: [re.compile(p) for p in patterns] for name, patterns in content["classes"].items()}


# Filler at either end ("not sure tbh", "um ok") doesn't change what a short answer means.
FILLER = re.compile(
    r"^((um+|uh+|well|so|like|honestly|ok so),? )+"
    r"|( (tbh|really|honestly|lol|tho|though|haha|i guess|maybe|then|now))+$"
)


@functools.lru_cache(maxsize=1)
def answers_the_flows_read() -> frozenset:
    """(bot action, intent) pairs a rule already answers ("not sure" at the coping question): left to rules."""
    pairs = set()
    for path in sorted(RULES_DIR.glob("*.yml")):
        for rule in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("rules") or []:
            steps = rule.get("steps") or []
            for before, step in zip(steps, steps[1:], strict=False):
                if "action" in before and "intent" in step:
                    pairs.add((before["action"], step["intent"]))
    return frozenset(pairs)


# Intents that mean an answer, not a topic: a rule that starts with one of these doesn't make it the flow's.
ANSWER_INTENTS = frozenset(
    "greet goodbye thank affirm deny not_sure out_of_scope menu nlu_fallback share_feelings bot_challenge coping_more"
    .split()
)


@functools.lru_cache(maxsize=1)
def content_intents() -> frozenset:
    """Intents a rule answers on their own ("it calms me down" -> coping ideas): the classifier's call wins."""
    found = set()
    for path in sorted(RULES_DIR.glob("*.yml")):
        for rule in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("rules") or []:
            steps = rule.get("steps") or []
            if steps and "intent" in steps[0]:
                found.add(steps[0]["intent"])
    return frozenset(found - ANSWER_INTENTS)


def normalise(text: str) -> str:
    text = (text or "").replace("\u2019", "'").replace("\u2018", "'").lower().strip()
    text = re.sub(r"\s+", " ", text).strip(" .!?,")
    return FILLER.sub("", text).strip(" .!?,")


def answer_classes(text: str) -> List[str]:
    """Every answer class whose patterns match the message, in file order."""
    norm = normalise(text)
    return [name for name, patterns in answer_patterns().items() if any(p.search(norm) for p in patterns)]


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
        if name.endswith("_safe_now"):
            return None, topic or "after_crisis", said
        for situation in ("overdose", "bleeding", "crisis"):
            if name.startswith(f"utter_dlg_{situation}_"):
                return situation, situation, said
        if name in EMERGENCY_OPENERS:
            return EMERGENCY_OPENERS[name], EMERGENCY_OPENERS[name], said
        if name.startswith("utter_dlg_emergency_"):
            continue
        if name.startswith(CRISIS_PREFIXES) and name not in ("utter_risk_check", "utter_risk_check_no"):
            pending = "crisis"
        if topic is None:
            topic = next((t for prefix, t in TOPIC_PREFIXES if name.startswith(prefix)), None)
            for prefix in ("utter_dlg_next_", "utter_dlg_clarify_"):
                if topic is None and name.startswith(prefix) and name != "utter_dlg_clarify_again":
                    topic = name[len(prefix):]
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
        action = self._next_action(tracker, domain)
        probabilities = self._default_predictions(domain)
        if action is None:
            return self._prediction(probabilities)
        probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities, is_no_user_prediction=True)

    def _next_action(self, tracker: DialogueStateTracker, domain: Domain) -> Optional[str]:
        done, _ = CrisisPolicy._turn_actions(recent_applied_events(tracker, domain, 2) or [])
        if done is None:
            done, _ = CrisisPolicy._turn_actions(tracker.applied_events())
        if done is None:
            return None
        plan = self.plan(tracker, domain)
        # Only a turn this policy started: after a form or another policy has acted, it is theirs.
        if not plan or any(action not in plan for action in done):
            return None
        for action in plan:
            if action not in done:
                return action
        return ACTION_LISTEN_NAME

    def plan(self, tracker: DialogueStateTracker, domain: Domain) -> List[str]:
        """Every response for this turn, in order (empty: leave the turn to the other policies)."""
        message = tracker.latest_message
        text = (message.text or "") if message else ""
        if not text or text.startswith("/") or tracker.active_loop_name:
            return []
        intent = (message.intent or {}).get("name")
        level = message.parse_data.get("risk_level")
        situation, topic, said = read_context(_recent_events(tracker, domain))
        names = domain.action_names_or_texts
        classes = answer_classes(text)
        if situation:
            return self._emergency_plan(situation, classes, intent, level, message.parse_data, said, domain)
        if intent in RISK_INTENTS or level in RISK_LEVELS or (said and said[0] in CrisisPolicy.get_default_config()[
                "check_questions"]):
            return []
        return self._topic_plan(topic, classes, intent, tracker, said, names)

    def _emergency_plan(
        self, situation: str, classes: List[str], intent: Optional[str], level: Optional[str],
        parse: Dict[str, Any], said: List[str], domain: Domain,
    ) -> List[str]:
        names = domain.action_names_or_texts
        found = [c for c in EMERGENCY_ORDER if c in classes and situation in ONLY_IN.get(c, {situation})]
        risky = intent in RISK_INTENTS or level in RISK_LEVELS
        if risky and intent == "crisis":
            opener = CrisisPolicy._crisis_reply(level, parse.get("risk_kind"), domain)
            same = opener == "utter_crisis" or EMERGENCY_OPENERS.get(opener) == situation
            # A new, different emergency gets its own first reply from CrisisPolicy.
            if not same:
                return []
            found = [c for c in found if c not in ("yes", "no", "unsure", "thank")]
        elif risky or intent in TOPIC_INTENTS and not found:
            return []
        if intent == "goodbye" and not found:
            # Leaving in the middle of an emergency: a goodbye that keeps the lines in view.
            return ["utter_dlg_emergency_goodbye"]
        asked = f"utter_dlg_{situation}_check"
        answer = found[0] if found else None
        if said and said[0] in (asked, "utter_dlg_emergency_er_fear") and answer in ("yes", "no"):
            answer = "called" if answer == "yes" else "wont_call"
        for name in (f"utter_dlg_{situation}_{answer}", f"utter_dlg_emergency_{answer}"):
            if answer and name in names:
                return [self._not_again(name, said, names)]
        if asked not in said:
            return [asked]
        return [self._not_again(f"utter_dlg_{situation}_still", said, names)]

    def _topic_plan(
        self, topic: Optional[str], classes: List[str], intent: Optional[str], tracker: DialogueStateTracker,
        said: List[str], names: List[str],
    ) -> List[str]:
        confidence = float((tracker.latest_message.intent or {}).get("confidence") or 0.0)
        fallback = intent == "nlu_fallback"
        if said and (said[0], intent) in answers_the_flows_read():
            return []
        found = [c for c in TOPIC_ORDER if c in classes and (fallback or c not in ONLY_ON_FALLBACK)]
        sure_topic = intent in TOPIC_INTENTS or (intent in content_intents() and confidence >= SURE_CONFIDENCE)
        if sure_topic and found and found[0] not in ("frustrated", "still_want"):
            return []
        topic = topic or "menu"
        if found:
            answer = found[0]
            if answer == "more":
                return self._more_plan(topic, tracker, said, names)
            first = next((n for n in (f"utter_dlg_{topic}_{answer}", f"utter_dlg_{answer}") if n in names), None)
            if first:
                plan = [self._not_again(first, said, names, "utter_dlg_clarify_again")]
                follow = f"utter_dlg_next_{topic}"
                if answer not in ("frustrated", "still_want") and follow in names and follow != plan[0]:
                    plan.append(follow)
                return plan
        if not fallback:
            return []
        # A second miss in a row (after our clarifying question or Rasa's own fallback) offers more routes.
        if said and said[0].startswith("utter_dlg_clarify") or _last_reply_was_a_miss(tracker):
            return ["utter_dlg_clarify_again"]
        clarify = f"utter_dlg_clarify_{topic}"
        return [clarify if clarify in names else "utter_dlg_clarify_menu"]

    @staticmethod
    def _more_plan(topic: str, tracker: DialogueStateTracker, said: List[str], names: List[str]) -> List[str]:
        function = tracker.get_slot("urge_function")
        more = f"utter_coping_more_{function}"
        if topic == "coping" and more in names and more not in said:
            return [more, "utter_coping_after_more"]
        specific = f"utter_dlg_{topic}_more"
        if specific in names and specific not in said:
            return [specific]
        return [DialoguePolicy._not_again("utter_dlg_more_none", said, names, "utter_dlg_clarify_again")]

    @staticmethod
    def _not_again(
        name: str, said: List[str], names: List[str], shared: str = "utter_dlg_emergency_still_again"
    ) -> str:
        """Never the same response twice in a row: its `_again` wording, or the shared one."""
        if name not in said[:2]:
            return name
        again = f"{name}_again"
        return again if again in names else shared
