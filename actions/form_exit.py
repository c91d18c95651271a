"""How a person leaves or skips a step inside the contact-request and safety-plan forms.

Leaving is decided in form validation, by whole-message phrases from resources/forms.yml ("cancel",
"stop the plan", "menu", ...) or a click on another topic's button (a `/payload` that passed the guard),
never by the intent classifier alone: it calls answers such as "when I stop eating" `cancel`, and a
safety plan must not be lost to that.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Dict, Iterable, Optional

from rasa_sdk import Tracker

from harmbot import content

# Button payloads that answer a question inside a form rather than leave it.
ANSWER_PAYLOADS = {"/affirm", "/deny"}


def normalise(text: Optional[str]) -> str:
    text = (text or "").replace("\u2019", "'").lower().strip()
    text = re.sub(r"\s+", " ", text)
    return text.strip(" .!?")


@functools.cache
def _words(name: str) -> frozenset[str]:
    return frozenset(normalise(str(word)) for word in content.sentences("forms")[name])


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
    return text in _words("cancel_words") or text in _words("menu_words") or _topic_button(tracker)


def wants_menu(tracker: Tracker) -> bool:
    """True when the person left a form by asking for the menu or clicking another topic."""
    text = normalise((tracker.latest_message or {}).get("text"))
    return text in _words("menu_words") or _topic_button(tracker)


def leave(slots: Iterable[str]) -> Dict[str, Any]:
    """Validation result that empties the form and ends it (nothing kept)."""
    return {**{slot: None for slot in slots}, "requested_slot": None}
