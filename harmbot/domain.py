"""Read-only access to the domain (domain/*.yml) for code that runs outside Rasa: responses, button payloads
and form slots.

Channels need the exact button payloads the bot offers, so a typed `/intent` can be told apart
from a button click (and, for SMS, buttons can become numbered choices). Actions take a form's slots
from here, so the list is written once, in the domain.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Dict, FrozenSet, Tuple

import yaml

DOMAIN_DIR = Path(__file__).resolve().parent.parent / "domain"


@functools.cache
def section(name: str) -> Dict[str, Any]:
    """One mapping section (`responses`, `forms`, `slots`) merged over every domain file, as Rasa does."""
    merged: Dict[str, Any] = {}
    for path in sorted(DOMAIN_DIR.glob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        merged.update(content.get(name) or {})
    return merged


def responses() -> Dict[str, Any]:
    return section("responses")


def form_slots(form: str) -> Tuple[str, ...]:
    """The form's required slots, in the order it asks them."""
    return tuple(section("forms")[form]["required_slots"])


@functools.lru_cache(maxsize=1)
def button_payloads() -> FrozenSet[str]:
    return frozenset(
        button["payload"]
        for variations in responses().values()
        for variation in variations
        for button in variation.get("buttons") or []
    )
