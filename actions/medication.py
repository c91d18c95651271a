"""action_medication_rights: the right to informed consent for the configured region, plus the
patients' rights contacts from resources/directory.yml (topic `rights`) with their checked dates.

Sentences come from resources/medication.yml, keyed by region, because rights differ by state.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions import resources


def rights_text() -> str:
    texts = resources.sentences("medication")
    explanation = (texts["rights_by_region"].get(resources.region_key()) or texts["rights_default"]).strip()
    contacts = resources.with_topics(["rights"])
    if not contacts:
        return f"{explanation}\n{resources.sentence('medication', 'no_rights_contact')}"
    return "\n".join([explanation, *map(resources.dated_line, contacts)])


class ActionMedicationRights(Action):
    def name(self) -> str:
        return "action_medication_rights"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        dispatcher.utter_message(text=rights_text())
        return []
