"""action_helping_youth: youth crisis and family support lines for someone helping a young person.

The lines come from resources/directory.yml (topics `youth_helper` and `family`, regional first, each
with its checked date); the sentences around them from resources/helping_someone.yml.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.language import ENGLISH, conversation_language, wording
from harmbot import content


def _say(name: str, language: str = ENGLISH) -> str:
    """One sentence of resources/helping_someone.yml, or its Spanish wording (resources/es.yml `helping_someone`)."""
    return str(wording("helping_someone", language)[name]).strip()


def youth_and_family_messages(language: str = ENGLISH) -> List[str]:
    """Youth lines (or an honest "none here"), then family supports, then 988 (SMS-sized messages)."""
    youth = content.with_topics(["youth_helper"])
    family = content.with_topics(["family"])
    parts = (
        [_say("youth_intro", language), *(content.dated_line(e, language) for e in youth)]
        if youth
        else [_say("no_youth_lines", language)]
    )
    if family:
        parts += [_say("family_intro", language), *(content.dated_line(e, language) for e in family)]
    parts.append(_say("always_988", language))
    return content.as_messages(parts)


class ActionHelpingYouth(Action):
    def name(self) -> str:
        return "action_helping_youth"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        for text in youth_and_family_messages(conversation_language(tracker)):
            dispatcher.utter_message(text=text)
        return []
