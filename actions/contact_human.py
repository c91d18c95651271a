"""Staff contact handoff: the configured program contact, and a contact request staff can pick up.

The request form only starts after an explicit "yes". It asks how to be reached (a phone number or an
email: staff have no way to reply into a chat), a best time and an optional note, shows a summary, and
stores the request (harmbot/storage/contact_store.py) only when the person confirms. "cancel" at any step keeps
nothing.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import form_exit
from actions.language import conversation_language
from harmbot import content
from harmbot.domain import form_slots
from harmbot.storage import contact_store

logger = logging.getLogger(__name__)

FORM_SLOTS = form_slots("contact_request_form")
CONFIRMED = "yes"
MAX_TIME_CHARS = 120
MAX_NOTE_CHARS = 300
SHORT_REPLY_WORDS = 3
EMAIL_SLOT = "contact_email"  # asked after "I'd rather email"
HANDOFF_RESPONSE = "utter_contact_handoff"  # domain/contact_human.yml; Spanish in resources/es.yml

EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE = re.compile(r"\+?\d[\d\s().-]{6,}\d")


def say(name: str, language: str = "en") -> str:
    """One sentence of resources/contact_human.yml, or its Spanish wording in resources/es.yml."""
    return str(_wording(language)[name]).strip()


def _names_a_way(text: Any) -> bool:
    """ "text is fine", "call me", "por mensaje": a way to reach the person named, without the number
    (`way_words` in resources/contact_human.yml)."""
    normalised = form_exit.normalise(text)
    return any(re.fullmatch(p, normalised) for p in _wording("en")["way_words"])


def say_email(name: str, language: str = "en") -> str:
    """The email step's sentences: resources/form_exits.yml (shared with the safety plan's ways out), or their
    Spanish wording in resources/es.yml's `contact_human` (es10: asked in English in a Spanish conversation)."""
    return say(name, language) if language == "es" else form_exit.say_exit(name)


def _wording(language: str) -> Dict[str, Any]:
    return content.sentences("es")["contact_human"] if language == "es" else content.sentences("contact_human")


def handoff_text(language: str = "en", now: bool = False) -> str:
    """Who to contact about the program, what to expect, and the crisis line; "es": resources/es.yml's
    `contact_human` wording, with the directory's program contact in Spanish (names and emails stay). `now`: asked
    for someone right now, so 988 and 741741 (people, day and night) come before the program's email."""
    sentences = content.sentences("es")["contact_human"] if language == "es" else content.sentences("contact_human")
    contact = content.in_language(program_contact(), language)
    handoff = str(sentences["handoff"]).strip().format(**contact)
    if now:
        return f"{str(sentences['now_first']).strip()}\n{handoff}"
    return f"{handoff}\n{str(sentences['crisis_line']).strip()}"


def asks_for_someone_now(text: Optional[str]) -> bool:
    """ "i need a real human right now": the people who are there now come first (session 21)."""
    words = "|".join(re.escape(str(w)) for w in content.sentences("contact_human")["now_words"])
    return bool(re.search(rf"\b(?:{words})\b", (text or "").lower()))


def say_list(name: str) -> List[str]:
    return list(content.sentences("contact_human")[name])


def contact_in(language: str) -> Dict[str, Any]:
    return content.in_language(program_contact(), language)


def program_contact() -> Dict[str, Any]:
    return content.region()["program_contact"]


def parse_contact(text: Optional[str]) -> Optional[Tuple[str, str]]:
    """(method, value) from what the person typed, or None if it is no usable phone or email.

    Phone numbers are US numbers (10 digits, or 11 starting with 1) or international with a leading +.
    """
    text = (text or "").strip()
    emails = EMAIL.findall(text)
    if len(emails) == 1:
        return "email", emails[0]
    if emails:
        return None
    match = PHONE.search(text)
    if not match:
        return None
    raw = match.group()
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("+"):
        return ("phone", f"+{digits}") if 8 <= len(digits) <= 15 else None
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) == 10 and digits[0] not in "01":
        return "phone", f"+1{digits}"
    return None


def encode(method: str, value: str) -> str:
    return f"{method}:{value}"


def decode(slot_value: Optional[str]) -> Tuple[str, str]:
    method, _, value = (slot_value or "").partition(":")
    return method, value


def display_contact(slot_value: Optional[str]) -> str:
    method, value = decode(slot_value)
    if method == "phone" and value.startswith("+1") and len(value) == 12:
        return f"{value[2:5]}-{value[5:8]}-{value[8:]}"
    return value


def clear_form() -> List[EventType]:
    return [SlotSet(slot, None) for slot in FORM_SLOTS]


class ActionContactHandoff(Action):
    """Who to contact about the program, what to expect, and the crisis line in one short line."""

    def name(self) -> str:
        return "action_contact_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        # A response, not text: Rasa's NLG picks its Spanish version in a Spanish conversation (the action server
        # doesn't know the conversation's language), so both wordings go with it (as action_crisis_handoff does).
        now = asks_for_someone_now((tracker.latest_message or {}).get("text"))
        dispatcher.utter_message(
            response=HANDOFF_RESPONSE, contact_handoff=handoff_text(now=now), contact_handoff_es=handoff_text("es", now)
        )
        return []


class ValidateContactRequestForm(form_exit.FormExits, FormValidationAction):
    answer_slots = FORM_SLOTS
    extra_slots = (form_exit.CHOICE, EMAIL_SLOT)
    email_route = True

    def name(self) -> str:
        return "validate_contact_request_form"

    def email_instead(self, slot: str, tracker: Tracker) -> Dict[str, Any]:
        """ "I'd rather email": ask for an email address; the other answers stay."""
        return {slot: None, "contact_how": None, "requested_slot": EMAIL_SLOT}

    async def extract_contact_email(self, dispatcher, tracker, domain) -> Dict[str, Any]:
        return self.typed_if_asked(EMAIL_SLOT, tracker)

    def validate_contact_email(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        way_out = self.way_out(EMAIL_SLOT, tracker)
        if way_out is not None:
            return way_out
        contact = parse_contact(value)
        if contact:
            return {"contact_how": encode(*contact), EMAIL_SLOT: None}
        dispatcher.utter_message(text=say_email("invalid_email", conversation_language(tracker)))
        return {EMAIL_SLOT: None, "requested_slot": EMAIL_SLOT}

    def validate_contact_how(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        contact = parse_contact(value)
        if contact:
            return {"contact_how": encode(*contact)}
        way_out = self.way_out("contact_how", tracker)
        if way_out is not None:
            return way_out
        if self._declines(value, tracker):
            # Session 15: "no" to "how should staff reach you?" (after an "ok" to the offer) is changing one's mind,
            # not a mistyped number: the request is left, nothing kept (it got "that doesn't look like a phone
            # number" again and again).
            return {**form_exit.leave(FORM_SLOTS), form_exit.FORM_EXIT: "stop", form_exit.PAUSED: None}
        language = conversation_language(tracker)
        # Session 16: "brb", "ok im back" and "text is fine" each got "that doesn't look like a phone number".
        if form_exit.only(value, "wait"):
            dispatcher.utter_message(text=say("wait", language))
        elif form_exit.only(value, "not_an_answer"):
            pass  # back after a pause, or "ok": the question again, no complaint
        elif _names_a_way(value):
            dispatcher.utter_message(text=say("way_without_number", language))
        else:
            dispatcher.utter_message(text=say("invalid_contact", language))
        return {"contact_how": None}

    @staticmethod
    def _declines(value: Any, tracker: Tracker) -> bool:
        """ "no", "nah", "no thanks", or a short reply the classifier reads as `deny` ("nah im good")."""
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        short = len(form_exit.normalise(value).split()) <= SHORT_REPLY_WORDS
        return form_exit.is_one_of(value, say_list("decline_words")) or (short and intent == "deny")

    def validate_contact_time(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        return self._free_text("contact_time", value, MAX_TIME_CHARS, dispatcher, tracker)

    def validate_contact_note(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        return self._free_text("contact_note", value, MAX_NOTE_CHARS, dispatcher, tracker)

    def validate_contact_confirm(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        short = len(form_exit.normalise(value).split()) <= SHORT_REPLY_WORDS
        # The classifier only decides for short replies: "no wait, the number is wrong" is not a decline.
        if self._declines(value, tracker):
            return form_exit.leave(FORM_SLOTS)
        way_out = self.way_out("contact_confirm", tracker)
        if way_out is not None:
            return way_out
        if form_exit.is_one_of(value, say_list("change_words")):
            return {slot: None for slot in FORM_SLOTS}
        if form_exit.is_one_of(value, say_list("confirm_words")) or (short and intent == "affirm"):
            return {"contact_confirm": CONFIRMED}
        dispatcher.utter_message(text=say("confirm_reask", conversation_language(tracker)))
        return {"contact_confirm": None}

    def _free_text(
        self, slot: str, value: Any, limit: int, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> Dict[str, Any]:
        way_out = self.way_out(slot, tracker)
        if way_out is not None:
            return way_out
        text = str(value or "").strip()
        if form_exit.is_skip(text):
            return {slot: ""}
        if len(text) > limit:
            dispatcher.utter_message(text=say("too_long", conversation_language(tracker)).format(limit=limit))
            return {slot: None}
        return {slot: text}


# The validator's replies at the contact question that stand in for the question itself this turn.
ASKS_ITSELF = ("way_without_number", "wait")


class ActionAskContactHow(Action):
    """ "How would you like staff to reach you?" (utter_ask_contact_how, so the NLG picks its Spanish wording),
    unless the validator has just answered with the question for the number or "take your time": session 17's
    talk check found "text is fine" followed by both questions, and "brb" by the question it was waiting on."""

    def name(self) -> str:
        return "action_ask_contact_how"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        if not _answered_for_the_question(tracker):
            dispatcher.utter_message(response="utter_ask_contact_how")
        return []


def _answered_for_the_question(tracker: Tracker) -> bool:
    """Whether the bot's words since the person's latest message include one of ASKS_ITSELF (either language)."""
    standing_in = {say(name, language) for name in ASKS_ITSELF for language in ("en", "es")}
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "bot" and str(event.get("text") or "").strip() in standing_in:
            return True
    return False


class ActionAskContactConfirm(Action):
    """The summary of the request, asked before anything is stored."""

    def name(self) -> str:
        return "action_ask_contact_confirm"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        language = conversation_language(tracker)
        summary = say("summary", language).format(
            how=display_contact(tracker.get_slot("contact_how")),
            time=tracker.get_slot("contact_time") or say("any_time", language),
            note=tracker.get_slot("contact_note") or say("no_note", language),
        )
        privacy_text = say("summary_privacy", language).format(days=contact_store.retention_days())
        text = f"{summary}\n{privacy_text}\n{say('summary_question', language)}"
        dispatcher.utter_message(text=text, buttons=_wording(language)["summary_buttons"])
        return []


class ActionAskContactEmail(Action):
    """After "I'd rather email": asks for an email address, and names the program's own email."""

    def name(self) -> str:
        return "action_ask_contact_email"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        language = conversation_language(tracker)
        dispatcher.utter_message(text=say_email("email_ask", language).format(**contact_in(language)))
        return []


class ActionContactSubmit(Action):
    """After the form: store the confirmed request, or say nothing was kept. Clears the form either way."""

    def name(self) -> str:
        return "action_contact_submit"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        language = conversation_language(tracker)
        contact = contact_in(language)
        after_exit = form_exit.after_form("contact_request_form", tracker, dispatcher)
        if after_exit is not None:
            kept = tracker.get_slot(form_exit.PAUSED) == "contact_request_form"
            return after_exit if kept else [*after_exit, *clear_form()]
        if tracker.get_slot("contact_confirm") != CONFIRMED:
            dispatcher.utter_message(text=say("cancelled", language))
            next_step = "utter_menu" if form_exit.wants_menu(tracker) else "utter_anything_else"
            dispatcher.utter_message(response=next_step)
            return clear_form()
        method, value = decode(tracker.get_slot("contact_how"))
        try:
            contact_store.store().add(
                channel=tracker.get_latest_input_channel(),
                contact_method=method,
                contact_value=value,
                best_time=tracker.get_slot("contact_time"),
                note=tracker.get_slot("contact_note"),
            )
        except Exception as error:  # never log the request itself: it holds contact details
            logger.error("Saving a contact request failed (%s).", type(error).__name__)
            failed = say("save_failed", language).format(**contact)
            dispatcher.utter_message(text=f"{failed}\n{say('crisis_line', language)}")
            return clear_form()
        sent = say("sent", language).format(**contact)
        dispatcher.utter_message(text=f"{sent}\n{say('crisis_line', language)}")
        return [*clear_form(), SlotSet("contact_request_sent", True)]
