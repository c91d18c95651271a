"""action_peer_support_lines: the peer lines from resources/directory.yml, each with its checked date.

Sentences come from resources/peer_support.yml. When the region has no checked peer line of its own
the bot says so plainly instead of guessing a number.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.language import ENGLISH, conversation_language, wording
from harmbot import content

PEER_TOPIC = "peer"


def _say(name: str, language: str = ENGLISH) -> str:
    """One sentence of resources/peer_support.yml, or its Spanish wording (resources/es.yml `peer_support`)."""
    return str(wording("peer_support", language)[name]).strip()


def peer_lines_messages(language: str = ENGLISH) -> List[str]:
    """The dated peer lines, then an honest note when the region has no checked line of its own, and
    when to call 988 instead. Split into SMS-sized messages."""
    entries = content.with_topics([PEER_TOPIC])
    # Lines for everyone first (tagged only `peer`), then those for a community or topic.
    entries.sort(key=lambda e: set(e.get("topics", [])) != {PEER_TOPIC})
    listing = (
        [_say("lines_intro", language), *(content.dated_line(e, language) for e in entries)]
        if entries
        else [_say("no_lines", language)]
    )
    notes = []
    if not any(PEER_TOPIC in e.get("topics", []) for e in content.region().get("lines", [])):
        notes.append(_say("no_regional_line", language).format(region=content.region()["name"]))
    notes.append(_say("crisis_note", language))
    return content.as_messages(listing) + content.as_messages(notes)


class ActionPeerSupportLines(Action):
    def name(self) -> str:
        return "action_peer_support_lines"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        for text in peer_lines_messages(conversation_language(tracker)):
            dispatcher.utter_message(text=text)
        return []
