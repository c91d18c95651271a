"""action_crisis_handoff: the configured lines that add to the static crisis reply.

The static `utter_crisis` (domain/crisis.yml) already gave 911, 988, the regional line and Crisis
Text Line. This action adds the lines that depend on the region and on what the message was about,
and clears any half-filled form, except that a safety plan with answers is paused, so "keep going with
the plan" carries on where the crisis message interrupted it (actions/form_exit.py).
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions import form_exit, safety_plan
from harmbot import content
from harmbot.names import RISK_REASON_SLOT

# Which extra directory entries to add, by what the risk screen saw (regional lines always come first).
EXTRA_TOPICS = {
    "overdose": ["overdose", "youth", "lgbtq", "trans", "veterans"],
    "someone_else": ["youth", "lgbtq", "trans", "veterans"],
}
DEFAULT_TOPICS = ["youth", "lgbtq", "trans", "veterans"]
# Medical emergencies: their reply (utter_emergency_<kind>, domain/crisis.yml) is 911, the first step, then 988
# (issue 11), with Poison Help where it applies. Five more lines after it push that order off the screen, on SMS
# most of all, so none are added; "Someone to talk to" (utter_crisis_options) has them. Keyed on the reply just
# sent, so the emergencies the dialogue layer raises in context ("my heart is racing rn" after the purging reply)
# count too. A plan or an act under way is a suicidal crisis, not a medical one: it keeps the lines.
EMERGENCY_PREFIX = "utter_emergency_"
SUICIDAL_EMERGENCIES = frozenset({"utter_emergency_plan_means", "utter_emergency_act_underway"})
# Actions between the reply and this one (domain-independent names: Rasa's own, and this action).
BETWEEN = frozenset({"action_listen", "action_deactivate_loop", "action_extract_slots", "action_crisis_handoff"})
# Directory ids whose number utter_crisis already gives (tests/test_names.py checks it against the domain).
ALREADY_IN_STATIC_REPLY = {"emergency", "crisis_text_line", "ct_action_line"}
# domain/crisis.yml: the lines' introduction, English and Spanish (resources/es.yml).
MORE_LINES_RESPONSE = "utter_crisis_more_lines"


class ActionCrisisHandoff(Action):
    def name(self) -> str:
        return "action_crisis_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        reason = tracker.get_slot(RISK_REASON_SLOT)
        if after_medical_emergency(tracker):
            return form_exit.after_crisis(tracker, domain, safety_plan.steps())
        entries = [
            e
            for e in content.with_topics(EXTRA_TOPICS.get(reason, DEFAULT_TOPICS))
            if e["id"] not in ALREADY_IN_STATIC_REPLY
        ]
        if entries:
            # A response, not text: Rasa's NLG picks its Spanish version in a Spanish conversation (the action
            # server doesn't know the conversation's language), so both wordings of the lines go with it.
            dispatcher.utter_message(
                response=MORE_LINES_RESPONSE,
                crisis_lines=content.lines(entries),
                crisis_lines_es=content.lines(entries, language="es"),
            )
        return form_exit.after_crisis(tracker, domain, safety_plan.steps())


def after_medical_emergency(tracker: Tracker) -> bool:
    """Whether the reply this handoff follows was a medical emergency's (the last action before it)."""
    for event in reversed(tracker.events or []):
        if event.get("event") == "user":
            return False
        if event.get("event") == "action" and event.get("name") not in BETWEEN:
            name = str(event.get("name") or "")
            return name.startswith(EMERGENCY_PREFIX) and name not in SUICIDAL_EMERGENCIES
    return False
