"""action_coping_function: works out what the urge does for the person, so the matching ideas follow.

A button carries the need as the `urge_function` entity; a typed answer is matched against the words
in resources/coping_alternatives.yml. Anything else is "unsure", which gets a mixed set of ideas.
The rules in data/rules/coping_alternatives.yml pick the ideas from the slot this action sets.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from harmbot import content

SLOT = "urge_function"
UNSURE = "unsure"


@functools.lru_cache(maxsize=1)
def _patterns() -> Dict[str, re.Pattern]:
    data = content.sentences("coping_alternatives")
    return {need: re.compile("|".join(_word(w) for w in words)) for need, words in data["needs"].items()}


def _word(word: str) -> str:
    if word.endswith("*"):
        return r"\b" + re.escape(word[:-1])
    return r"\b" + re.escape(word) + r"\b"


def needs() -> List[str]:
    """Every need the flow knows, including "unsure"."""
    return list(_patterns()) + [UNSURE]


def need_from_text(text: Optional[str]) -> str:
    lowered = (text or "").lower()
    for need, pattern in _patterns().items():
        if pattern.search(lowered):
            return need
    return UNSURE


def need_for(entity: Optional[str], text: Optional[str]) -> str:
    """The need a button named, else the one a typed answer describes, else "unsure"."""
    if entity in needs():
        return entity
    return need_from_text(text)


class ActionCopingFunction(Action):
    def name(self) -> str:
        return "action_coping_function"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        entity = next(tracker.get_latest_entity_values(SLOT), None)
        return [SlotSet(SLOT, need_for(entity, tracker.latest_message.get("text")))]
