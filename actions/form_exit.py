"""How a person leaves or skips a step inside the contact-request and safety-plan forms.

Leaving is decided in form validation, by whole-message phrases from resources/forms.yml ("cancel",
"stop the plan", "menu", ...) or a click on another topic's button (a `/payload` that passed the guard),
never by the intent classifier alone: it calls answers such as "when I stop eating" `cancel`, and a
safety plan must not be lost to that.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.language import conversation_language
from harmbot import content
from harmbot.names import QUESTION_TURNS

# Button payloads that answer a question inside a form rather than leave it.
ANSWER_PAYLOADS = {"/affirm", "/deny"}


def normalise(text: Optional[str]) -> str:
    text = (text or "").replace("\u2019", "'").lower().strip()
    text = re.sub(r"\s+", " ", text)
    return text.strip(" .!?")


@functools.cache
def _words(name: str) -> frozenset[str]:
    return frozenset(normalise(str(word)) for word in content.sentences("forms")[name])


def is_cancel(text: Optional[str]) -> bool:
    """A whole-message cancel, also with a filler word before or after it ("actually cancel", "ok cancel then")."""
    words = normalise(text).replace(",", " ").split()
    fillers = _words("cancel_fillers")
    while words and words[0] in fillers:
        words = words[1:]
    while words and words[-1] in fillers:
        words = words[:-1]
    return " ".join(words) in _words("cancel_words")


def is_skip(text: Optional[str]) -> bool:
    return normalise(text) in _words("skip_words")


def is_one_of(text: Optional[str], words: Iterable[str]) -> bool:
    return normalise(text) in {normalise(w) for w in words}


def _topic_button(tracker: Tracker) -> bool:
    """A click on another topic's button (the guard lets only the bot's own payloads through)."""
    text = ((tracker.latest_message or {}).get("text") or "").strip()
    return text.startswith("/") and text.split("{")[0] not in ANSWER_PAYLOADS


def is_leaving(tracker: Tracker) -> bool:
    """True when the latest message asks to stop the form (or picks another topic)."""
    text = normalise((tracker.latest_message or {}).get("text"))
    return is_cancel(text) or text in _words("menu_words") or _topic_button(tracker)


def wants_menu(tracker: Tracker) -> bool:
    """True when the person left a form by asking for the menu or clicking another topic."""
    text = normalise((tracker.latest_message or {}).get("text"))
    return text in _words("menu_words") or _topic_button(tracker)


def leave(slots: Iterable[str]) -> Dict[str, Any]:
    """Validation result that empties the form and ends it (nothing kept)."""
    return {**{slot: None for slot in slots}, "requested_slot": None}


# ---- Ways out said in the person's own words (resources/form_exits.yml) ----------------------------

FORM_EXIT = "form_exit"  # why the form just ended, read by the action that runs after it
PAUSED = "form_paused"  # the form whose answers are kept for later in this chat
CHOICE = "form_exit_choice"  # the answer to "keep or discard?", asked inside the form
DELETE_PAYLOAD = "/privacy_delete"
DELETE_QUESTION = "utter_privacy_delete_confirm"
# A longer message is an answer that happens to name a topic, not a request to change the subject.
MAX_SWITCH_WORDS = 14


@dataclass(frozen=True)
class Exit:
    """A way out of a form: `kind` is delete, topic, email or stop; `topic` names resources' topic."""

    kind: str
    topic: Optional[str] = None


@functools.cache
def _exits() -> Dict[str, Any]:
    return content.sentences("form_exits")


def _compile(patterns: Iterable[str]) -> re.Pattern:
    joined = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(rf"(?<![a-z0-9])(?:{joined})(?![a-z0-9])")


@functools.cache
def _pattern(name: str) -> re.Pattern:
    return _compile(_exits()[name])


@functools.cache
def _topic_patterns() -> Dict[str, re.Pattern]:
    return {name: _compile([topic["words"]]) for name, topic in _exits()["topics"].items()}


def words_of(text: Optional[str]) -> str:
    """Lower case, no apostrophes, punctuation as spaces: "I'd rather, um... NOT!" -> "id rather um not"."""
    text = (text or "").replace("\u2019", "'").replace("'", "").lower()
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9@/ ]", " ", text)).strip()


def only(text: Optional[str], phrases: str) -> bool:
    """True when the message is made of `phrases` (at least one) and filler, with nothing else left."""
    rest = words_of(text)
    found = False
    for _ in range(2):  # a second pass for phrases that filler had split ("nvm ugh forget it")
        rest, count = _pattern(phrases).subn(" ", rest)
        found = found or count > 0
        rest = _pattern("filler").sub(" ", rest)
    return found and not rest.strip()


def switch_topic(text: Optional[str]) -> Optional[str]:
    """The topic of "can I ask about my cut instead": a word that says "instead" and a topic's word."""
    words = words_of(text)
    if not words or len(words.split()) > MAX_SWITCH_WORDS or not _pattern("switch").search(words):
        return None
    return next((name for name, pattern in _topic_patterns().items() if pattern.search(words)), None)


def read_exit(text: Optional[str], email_route: bool = False) -> Optional[Exit]:
    """What a message inside a form asks for, if it is a way out; None for an answer.

    `email_route`: the form can switch to email (the contact request); elsewhere "I'd rather email" stops.
    """
    if (text or "").strip().split("{")[0] == DELETE_PAYLOAD or only(text, "delete"):
        return Exit("delete")
    topic = switch_topic(text)
    if topic:
        return Exit("topic", topic)
    if only(text, "email"):
        return Exit("email" if email_route else "stop")
    if only(text, "stop"):
        return Exit("stop")
    return None


def read_choice(text: Optional[str]) -> Optional[str]:
    """ "keep", "discard" or None for an answer to "keep what you've told me, or discard it?"."""
    if only(text, "discard"):
        return "discard"
    if only(text, "keep"):
        return "keep"
    return None


def wants_start_over(text: Optional[str]) -> bool:
    return only(text, "start_over")


def wants_to_resume(text: Optional[str]) -> bool:
    """ "actually wait can we go back to the plan" when asked "keep or discard?": carry on with the form."""
    return only(text, "resume")


def topic_replies(topic: str) -> List[str]:
    return list(_exits()["topics"][topic]["replies"])


def say_exit(name: str, language: str = "en") -> str:
    """One sentence of resources/form_exits.yml, or its Spanish wording (resources/es.yml `form_exits`)."""
    spanish = (content.sentences("es").get("form_exits") or {}) if language == "es" else {}
    return str(spanish.get(name) or _exits()[name]).strip()


def latest_text(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


def has_answers(tracker: Tracker, slots: Iterable[str], but: Optional[str] = None) -> bool:
    """True when some answer would be lost by leaving (a skipped step, "", is not an answer)."""
    return any(str(tracker.get_slot(slot) or "").strip() for slot in slots if slot != but)


class FormExits:
    """Mixin for a FormValidationAction: reads a way out before the answer and asks keep or discard.

    `answer_slots` are the form's own slots (emptied when it is left); `extra_slots` are slots the form
    may ask for on the way (keep or discard, an email address) that are not in its required list.
    """

    answer_slots: Iterable[str] = ()
    extra_slots: Iterable[str] = (CHOICE,)
    email_route = False

    def form(self) -> str:
        # A mixin: name() comes from the FormValidationAction it is mixed into.
        return self.name().replace("validate_", "", 1)  # type: ignore[attr-defined]

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> List[str]:
        # A slot the form asked for on the way out is validated too (rasa-sdk validates required ones only).
        requested = tracker.get_slot("requested_slot")
        return [*domain_slots, requested] if requested in self.extra_slots else list(domain_slots)

    @staticmethod
    def typed_if_asked(slot: str, tracker: Tracker) -> Dict[str, Any]:
        """The latest message as `slot`'s value while the form asks for it (the crisis policy has already
        taken a crisis message before the form runs)."""
        return {slot: latest_text(tracker)} if tracker.get_slot("requested_slot") == slot else {}

    async def extract_form_exit_choice(self, dispatcher, tracker, domain) -> Dict[str, Any]:
        return self.typed_if_asked(CHOICE, tracker)

    async def next_requested_slot(self, dispatcher, tracker, domain) -> None:
        return None  # Rasa's form picks the next question (or ends, when validation said so)

    async def run(self, dispatcher, tracker, domain) -> List[Dict[str, Any]]:
        resumed = tracker.get_slot(PAUSED) == self.form()
        events = await super().run(dispatcher, tracker, domain)  # type: ignore[misc]  # the form's own run
        if resumed and not any(e.get("name") == PAUSED for e in events):
            events.append({"event": "slot", "timestamp": None, "name": PAUSED, "value": None})
        return events

    def way_out(self, slot: str, tracker: Tracker) -> Optional[Dict[str, Any]]:
        """The validation result when the latest message leaves the form; None when it is an answer."""
        if tracker.get_slot("requested_slot") is None:
            return None  # the form is starting (or resuming): the message that asked for it is no way out
        found = read_exit(latest_text(tracker), self.email_route)
        if found == Exit("delete"):
            return {**leave(self.answer_slots), FORM_EXIT: "delete", PAUSED: None}
        if is_leaving(tracker):  # "cancel", "menu", another topic's button: keep nothing, as promised
            return {**leave(self.answer_slots), FORM_EXIT: None, PAUSED: None}
        if found is None:
            return None
        kept = has_answers(tracker, self.answer_slots, but=slot)
        if found.kind == "topic":
            if kept:
                return {slot: None, "requested_slot": None, PAUSED: self.form(), FORM_EXIT: f"topic:{found.topic}"}
            return {**leave(self.answer_slots), FORM_EXIT: f"topic:{found.topic}", PAUSED: None}
        if found.kind == "email":
            return self.email_instead(slot, tracker)
        if kept:
            return {slot: None, "requested_slot": CHOICE, FORM_EXIT: "stop"}
        return {**leave(self.answer_slots), FORM_EXIT: "stop", PAUSED: None}

    def email_instead(self, slot: str, tracker: Tracker) -> Dict[str, Any]:
        return {slot: None}

    def validate_form_exit_choice(self, value, dispatcher, tracker, domain) -> Dict[str, Any]:
        found = read_exit(latest_text(tracker), self.email_route)
        if is_leaving(tracker) or (found is not None and found.kind in ("delete", "topic")):
            return {**(self.way_out(CHOICE, tracker) or {}), CHOICE: None}
        if read_choice(value) == "discard":
            return {**leave(self.answer_slots), CHOICE: None, FORM_EXIT: "stop", PAUSED: None}
        if wants_to_resume(value):
            # sp14: the form asks the step it stopped at again (its answer was not kept when it stopped).
            dispatcher.utter_message(text=say_exit("resume_reply", conversation_language(tracker)))
            return {CHOICE: None, FORM_EXIT: None}
        # "keep", or anything unclear: keeping loses nothing, and "start over" or "cancel" clear it later.
        return {CHOICE: None, "requested_slot": None, PAUSED: self.form(), FORM_EXIT: "pause"}


def after_form(form: str, tracker: Tracker, dispatcher: CollectingDispatcher) -> Optional[List[EventType]]:
    """Run by the action after a form ends: the replies for a way out, or None for the form's own ending.

    Returns the events to add (the action clears the form's answers unless the form was paused).
    """
    reason = tracker.get_slot(FORM_EXIT)
    if not reason:
        return None
    done: List[EventType] = [SlotSet(FORM_EXIT, None)]
    paused = tracker.get_slot(PAUSED) == form
    if reason == "delete":
        return [*done, FollowupAction(DELETE_QUESTION)]
    if reason == "stop":
        dispatcher.utter_message(response=f"utter_form_exit_left_{form}")
        return done
    if paused:
        dispatcher.utter_message(response=f"utter_form_exit_paused_{form}")
    if reason.startswith("topic:"):
        # Sent from here rather than run as a follow-up action: after a follow-up no rule says "listen",
        # and Rasa's fallback would undo the turn.
        for response in topic_replies(reason.split(":", 1)[1]):
            dispatcher.utter_message(response=response)
    return done


def _typed_as_answer(tracker: Tracker, plan_slots: List[str]) -> set[str]:
    """The plan steps the message that led here ("yes", "maybe" to the check question) was taken for. The form's slot
    mapping stored it in the step it asked, and the form was closed before this action (no step asked any more): read
    from the slot events since the message (dlg13: a resumed plan skipped the step, "maybe" kept as its answer)."""
    text = latest_text(tracker)
    typed = {tracker.get_slot("requested_slot")} & set(plan_slots)
    for event in reversed(list(tracker.events or [])):
        if event.get("event") == "user":
            break
        if event.get("event") == "slot" and event.get("name") in plan_slots and event.get("value") == text:
            typed.add(event["name"])
    return {slot for slot in typed if tracker.get_slot(slot) == text}


def after_crisis(tracker: Tracker, domain: Dict[str, Any], plan_slots: Iterable[str]) -> List[EventType]:
    """Form slots to clear after a crisis message, keeping a safety plan's answers so it can be resumed.

    The crisis reply comes first and the form is closed; a plan with something in it is paused rather than
    lost, so "keep going with the plan" carries on at the step where it stopped.
    """
    plan_slots = list(plan_slots)
    typed = _typed_as_answer(tracker, plan_slots)
    keep_plan = any(tracker.get_slot(slot) is not None for slot in plan_slots if slot not in typed)
    slots = {slot for form in (domain.get("forms") or {}).values() for slot in (form or {}).get("required_slots", [])}
    if keep_plan:
        slots -= set(plan_slots) - typed
    events: List[EventType] = [SlotSet(slot, None) for slot in sorted(slots)]
    events += [SlotSet("requested_slot", None), SlotSet(FORM_EXIT, None), SlotSet(CHOICE, None)]
    events.append(SlotSet(PAUSED, "safety_plan_form" if keep_plan else None))
    return events


# ---- Messages inside the safety plan that answer no step ---------------------------------------------


def _bot_turn_before_latest(tracker: Tracker) -> List[Dict[str, Any]]:
    """The events of the bot's turn before the latest user message, newest first."""
    events = list(tracker.events or [])
    latest = next((i for i in range(len(events) - 1, -1, -1) if events[i].get("event") == "user"), None)
    found: List[Dict[str, Any]] = []
    for event in reversed(events[: latest or 0]):
        if event.get("event") == "user":
            break
        found.append(event)
    return found


def _actions_since_latest(tracker: Tracker) -> List[str]:
    """The bot actions already run for the latest user message."""
    found: List[str] = []
    for event in reversed(list(tracker.events or [])):
        if event.get("event") == "user":
            break
        if event.get("event") == "action":
            found.append(event.get("name"))
    return found


def answers_check_question(tracker: Tracker) -> bool:
    """The latest message answers the check question the crisis policy asked mid-form, not the step."""
    actions = [e.get("name") for e in _bot_turn_before_latest(tracker) if e.get("event") == "action"]
    return next((a for a in actions if a != "action_listen"), None) in QUESTION_TURNS


def is_unsure(text: Optional[str]) -> bool:
    """ "idk", "no idea tbh": not knowing what to write (a skip once the step's examples were shown again)."""
    return only(text, "unsure")


def not_a_step_answer(tracker: Tracker, nudges: Iterable[str] = ()) -> Optional[str]:
    """Why the latest message is no answer to the plan's step ("signal", "check", "explain", "wait", "unsure",
    "filler"), or
    None when it is one. A risk signal that got the check question this turn is not stored; "idk" ("nothing", "no sé")
    right after a nudge (`nudges`: the texts that give the examples again) is a skip, as the nudge offered."""
    if QUESTION_TURNS & set(_actions_since_latest(tracker)):
        return "signal"
    if answers_check_question(tracker):
        return "check"
    text = latest_text(tracker)
    if only(text, "explain"):
        return "explain"  # sp14: "what do u mean by warning signs" (was kept as the step's answer)
    if only(text, "wait"):
        return "wait"  # sp14: "brb", "one sec", "hold on"
    if is_unsure(text):
        texts = [e.get("text") for e in _bot_turn_before_latest(tracker) if e.get("event") == "bot"]
        return None if set(nudges) & set(texts) else "unsure"
    return "filler" if only(text, "not_an_answer") else None
