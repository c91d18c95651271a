"""Privacy actions: what is stored and for how long, and deleting this conversation.

action_delete_conversation only says what is deleted and adds a marker message; the deletion itself
happens in the tracker store once the turn is saved (extensions/conversation_erasure.py), because Rasa
saves the tracker after the last action of the turn and would otherwise write it back.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.language import ENGLISH, conversation_language, wording
from harmbot import settings

WEB_CHANNELS = {"socketio"}
# What is kept and for how long (domain/privacy.yml), in both languages: Rasa's NLG picks the conversation's.
STORAGE_RESPONSE = "utter_privacy_storage"


def _say(name: str, language: str = ENGLISH) -> str:
    """One sentence of resources/privacy.yml, or its Spanish wording (resources/es.yml `privacy`)."""
    return str(wording("privacy", language)[name]).strip()


def retention_days() -> str:
    """The retention period as people read it ("30"), from the same setting the purge uses."""
    days = settings.CONVERSATION_RETENTION_DAYS.get()
    return f"{days:g}"


def deletion_text(channel: str, request_sent: bool, language: str = ENGLISH) -> str:
    parts = [_say("deleted", language)]
    if request_sent:
        parts.append(_say("request_kept", language))
    if channel == "sms":
        parts.append(_say("deleted_sms", language))
    elif channel in WEB_CHANNELS:
        parts.append(_say("deleted_web", language))
    return "\n\n".join(parts)


def deletion_marker() -> Dict[str, Any]:
    """The custom message that tells the channels and the tracker store to forget this conversation.
    Wrapped in `data` because Rasa's socket.io output passes the custom message to `emit()` as keywords."""
    return {"data": {"harmbot": _say("deleted_marker")}}


class ActionPrivacyStorage(Action):
    def name(self) -> str:
        return "action_privacy_storage"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        days = retention_days()
        dispatcher.utter_message(
            response=STORAGE_RESPONSE,
            privacy_storage=_say("storage").format(days=days),
            privacy_storage_es=_say("storage", "es").format(days=days),
        )
        return []


class ActionDeleteConversation(Action):
    def name(self) -> str:
        return "action_delete_conversation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        request_sent = bool(tracker.get_slot("contact_request_sent"))
        channel = tracker.get_latest_input_channel() or ""
        language = conversation_language(tracker)
        dispatcher.utter_message(text=deletion_text(channel, request_sent, language))
        dispatcher.utter_message(json_message=deletion_marker())
        return []
