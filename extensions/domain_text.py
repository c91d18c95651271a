"""Read-only access to the domain's responses for code that runs outside Rasa's NLG (channels).

Channels need the exact button payloads the bot offers, so a typed `/intent` can be told apart
from a button click (and, for SMS, buttons can become numbered choices).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Dict, FrozenSet

import yaml

DOMAIN_DIR = Path(__file__).resolve().parent.parent / "domain"


@functools.lru_cache(maxsize=1)
def responses() -> Dict[str, Any]:
    merged: Dict[str, Any] = {}
    for path in sorted(DOMAIN_DIR.glob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        merged.update(content.get("responses") or {})
    return merged


@functools.lru_cache(maxsize=1)
def button_payloads() -> FrozenSet[str]:
    return frozenset(
        button["payload"]
        for variations in responses().values()
        for variation in variations
        for button in variation.get("buttons") or []
    )
