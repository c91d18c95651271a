"""Response generator that keeps crisis resources in view after a crisis turn.

Rasa's templated generator, plus one rule: once a crisis reply (`utter_crisis`, an emergency reply
`utter_emergency_*`, or a variant of the crisis reply) has been sent in this session, the first reply of
every later turn ends with the short `crisis_reminder` line (resources/messages.yml), without repeating
the whole crisis block. Configured in endpoints.yml (`nlg: type: extensions.nlg.SafetyFooterNLG`).

When the conversation is in Spanish (extensions/language.py), a response that has a Spanish version in
resources/es.yml is sent in Spanish (same variants, conditions and button payloads), and so is the
reminder line. Responses without one stay English.
"""

from __future__ import annotations

from typing import Any, Dict, Iterator, Optional

from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from extensions import action_guard, language
from extensions.recent_history import EventKinds
from harmbot import content
from harmbot.names import CRISIS_RESPONSE, EMERGENCY_RESPONSE_PREFIX


class Templates(TemplatedNaturalLanguageGenerator):
    """Rasa's templated generator with button payloads left as they are written."""

    def _fill_response(
        self, response: Dict[str, Any], filled_slots: Optional[Dict[str, Any]] = None, **kwargs: Any
    ) -> Dict[str, Any]:
        """Rasa's slot filling, except for button payloads: here they are fixed intents with JSON entities
        (`/coping_function{"urge_function":"anger"}`), never slot templates, and Rasa's interpolator reads
        their braces as a slot name and logs an ERROR (with every slot value) each time they are shown."""
        payloads = [button.pop("payload", None) for button in response.get("buttons") or []]
        filled = super()._fill_response(response, filled_slots, **kwargs)
        for button, payload in zip(filled.get("buttons") or [], payloads, strict=True):
            if payload is not None:
                button["payload"] = payload
        return filled


class SafetyFooterNLG(Templates):
    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, domain: Optional[Domain] = None) -> None:
        super().__init__((domain or Domain.empty()).responses)
        self.spanish = Templates(language.spanish_responses())
        # Every button payload either language offers: a message that is exactly one was a click, not words.
        self.payloads = frozenset(
            str(button.get("payload"))
            for responses in (self.responses, self.spanish.responses)
            for variants in responses.values()
            for variant in variants
            for button in variant.get("buttons") or []
        )
        # Rasa builds the NLG once per loaded model, in every process that answers people (endpoints.yml),
        # so this is where custom actions get their short timeout and static fallback.
        action_guard.install()

    async def generate(
        self, utter_action: str, tracker: DialogueStateTracker, output_channel: str, **kwargs: Any
    ) -> Optional[Dict[str, Any]]:
        slots = tracker.current_slot_values()
        in_spanish = language.conversation_language(user_texts(tracker, self.payloads)) == language.SPANISH
        message = None
        if in_spanish:
            message = self.spanish.generate_from_slots(utter_action, slots, output_channel, **kwargs)
        # No Spanish version (or none whose conditions match): the English one, never nothing.
        message = message or self.generate_from_slots(utter_action, slots, output_channel, **kwargs)
        if message and message.get("text") and needs_reminder(utter_action, tracker):
            reminder = (
                language.spanish_message("crisis_reminder")
                if in_spanish
                else content.sentence("messages", "crisis_reminder")
            )
            message = {**message, "text": f"{message['text']}\n{reminder}"}
        return message


def user_texts(tracker: DialogueStateTracker, payloads: frozenset = frozenset()) -> Iterator[Optional[str]]:
    """What the person wrote in this session, newest first. A button click sends the button's payload, which
    says nothing about the person's language ("should i eat something" under "¿Debería comer algo?"), so a
    message that is exactly one of `payloads` is skipped. Lazy: the reader stops at the first text that
    decides (this runs for every message the bot sends)."""
    for event in reversed(tracker.events):
        if isinstance(event, SessionStarted):
            return
        if isinstance(event, UserUttered) and event.text not in payloads:
            yield event.text


CRISIS_REPLY_PREFIXES = (EMERGENCY_RESPONSE_PREFIX, f"{CRISIS_RESPONSE}_after_", f"{CRISIS_RESPONSE}_someone_else")


def is_crisis_reply(action_name: Optional[str]) -> bool:
    """The first reply of a crisis turn (every risk level that sends 911/988)."""
    return bool(action_name) and (action_name == CRISIS_RESPONSE or str(action_name).startswith(CRISIS_REPLY_PREFIXES))


def needs_reminder(utter_action: str, tracker: DialogueStateTracker) -> bool:
    """True for the first bot message of a turn, in a session with a crisis turn before this one."""
    if utter_action.startswith((CRISIS_RESPONSE, EMERGENCY_RESPONSE_PREFIX)):
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
        if kind is ActionExecuted and is_crisis_reply(event.action_name):
            return user_spoke
    return False


_KINDS = EventKinds(SessionStarted, BotUttered, UserUttered, ActionExecuted)
