"""action_coping_function: works out what the urge does for the person, so the matching ideas follow.

A button carries the need as the `urge_function` entity; a typed answer is matched against the words
in resources/coping_alternatives.yml. Anything else is "unsure", which gets a mixed set of ideas.
The rules in data/rules/coping_alternatives.yml pick the ideas from the slot this action sets.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from harmbot.coping_alternatives import UNSURE, need_for, need_from_text, needs

SLOT = "urge_function"
__all__ = ["ActionCopingFunction", "UNSURE", "need_for", "need_from_text", "needs"]


class ActionCopingFunction(Action):
    def name(self) -> str:
        return "action_coping_function"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        entity = next(tracker.get_latest_entity_values(SLOT), None)
        return [SlotSet(SLOT, need_for(entity, tracker.latest_message.get("text")))]
