"""action_medication_rights: the right to informed consent for the configured region, plus the
patients' rights contacts from resources/directory.yml (topic `rights`) with their checked dates.
action_medication_situation_lines: the directory lines for a medication situation (e.g. Poison Help
after a missed or extra dose), as listed in resources/medication.yml `situation_lines`.

Sentences come from resources/medication.yml, keyed by region, because rights differ by state.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.language import ENGLISH, conversation_language, wording
from harmbot import content


def rights_text(language: str = ENGLISH) -> str:
    """The region's informed-consent explanation and rights contacts; "es": resources/es.yml `medication`."""
    texts = wording("medication", language)
    explanation = (texts["rights_by_region"].get(content.region_key()) or texts["rights_default"]).strip()
    contacts = content.with_topics(["rights"])
    if not contacts:
        return f"{explanation}\n{str(texts['no_rights_contact']).strip()}"
    return "\n".join([explanation, *(content.dated_line(e, language) for e in contacts)])


class ActionMedicationRights(Action):
    def name(self) -> str:
        return "action_medication_rights"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        dispatcher.utter_message(text=rights_text(conversation_language(tracker)))
        return []


def situation_lines(intent: str, language: str = ENGLISH) -> List[str]:
    """Dated directory lines for the situation `intent` names; entries missing from the directory are
    left out rather than guessed."""
    ids = content.sentences("medication")["situation_lines"].get(intent) or []
    found = []
    for entry_id in ids:
        try:
            found.append(content.entry(entry_id))
        except KeyError:
            continue
    return content.as_messages(content.dated_line(e, language) for e in found) if found else []


class ActionMedicationSituationLines(Action):
    def name(self) -> str:
        return "action_medication_situation_lines"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
        for text in situation_lines(intent, conversation_language(tracker)):
            dispatcher.utter_message(text=text)
        return []
