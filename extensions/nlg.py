"""Response generator that keeps crisis resources in view after a crisis turn.

Rasa's templated generator, plus one rule: once `utter_crisis` has been sent in this session, the
first reply of every later turn ends with the short `crisis_reminder` line (resources/messages.yml),
without repeating the whole crisis block. Configured in endpoints.yml (`nlg: type: extensions.nlg.SafetyFooterNLG`).
"""

from __future__ import annotations

from typing import Any, Dict, Optional

from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from actions import resources
from extensions.recent_history import EventKinds


class SafetyFooterNLG(TemplatedNaturalLanguageGenerator):
    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, domain: Optional[Domain] = None) -> None:
        super().__init__((domain or Domain.empty()).responses)

    async def generate(
        self, utter_action: str, tracker: DialogueStateTracker, output_channel: str, **kwargs: Any
    ) -> Optional[Dict[str, Any]]:
        message = await super().generate(utter_action, tracker, output_channel, **kwargs)
        if message and message.get("text") and needs_reminder(utter_action, tracker):
            message = {**message, "text": f"{message['text']}\n{resources.message('crisis_reminder')}"}
        return message


def needs_reminder(utter_action: str, tracker: DialogueStateTracker) -> bool:
    """True for the first bot message of a turn, in a session with a crisis turn before this one."""
    if utter_action.startswith("utter_crisis"):
        return False
    user_spoke = False
    for event in reversed(tracker.events):  # to the session start: can be thousands of events
        kind = _KINDS.of(event)
        if kind is SessionStarted:
            return False
        if kind is BotUttered and not user_spoke:
            return False  # something was already sent this turn
        if kind is UserUttered:
            user_spoke = True
        if kind is ActionExecuted and event.action_name == "utter_crisis":
            return user_spoke
    return False


_KINDS = EventKinds(SessionStarted, BotUttered, UserUttered, ActionExecuted)
