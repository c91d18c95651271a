"""Which language an action's own sentences go out in: the one Rasa's NLG used for the bot's latest reply.

Rasa's NLG picks the language of each domain response from what the person wrote (extensions/language.py);
the action server only sees what was sent, so sentences an action assembles itself (the safety plan, the
contact request, "conversation deleted") follow the language of the latest reply that has a Spanish version.
"""

from __future__ import annotations

import functools
from typing import Any, Dict, Tuple

from rasa_sdk import Tracker

from harmbot import content

SPANISH = "es"
ENGLISH = "en"


@functools.cache
def _spanish_starts() -> Dict[str, Tuple[str, ...]]:
    """Each Spanish response's opening words (up to any {placeholder}), by response name."""
    found: Dict[str, Tuple[str, ...]] = {}
    for name, variants in (content.sentences("es").get("responses") or {}).items():
        starts = tuple(str(v.get("text") or "").split("{")[0].strip()[:40] for v in variants)
        if all(starts):
            found[name] = starts
    return found


def conversation_language(tracker: Tracker) -> str:
    """ "es" when the bot's latest reply that has a Spanish version went out in Spanish, else "en"."""
    starts = _spanish_starts()
    for event in reversed(tracker.events):
        name = (event.get("metadata") or {}).get("utter_action") if event.get("event") == "bot" else None
        if name in starts:
            text = str(event.get("text") or "")
            return SPANISH if any(text.startswith(start) for start in starts[name]) else ENGLISH
    return ENGLISH


def wording(section: str, language: str) -> Dict[str, Any]:
    """A resource file's sentences (resources/<section>.yml), or their Spanish wording: resources/es.yml's
    `<section>` entries replace the English ones they give (an entry not given stays English)."""
    english = content.sentences(section)
    if language != SPANISH:
        return english
    return {**english, **(content.sentences("es").get(section) or {})}
