"""Builds rasa-sdk trackers and runs actions the way the action server does, without servers."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

ROOT = Path(__file__).resolve().parent.parent


def domain() -> Dict[str, Any]:
    """The merged domain/ folder (slots, forms, responses), as the action server receives it."""
    merged: Dict[str, Any] = {"slots": {}, "forms": {}, "responses": {}, "intents": []}
    for path in sorted((ROOT / "domain").glob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key in ("slots", "forms", "responses"):
            merged[key].update(content.get(key) or {})
        merged["intents"] += content.get("intents") or []
    return merged


def tracker(
    text: str = "",
    intent: str = "nlu_fallback",
    confidence: float = 1.0,
    slots: Optional[Dict[str, Any]] = None,
    requested_slot: Optional[str] = None,
    form: Optional[str] = None,
    sender: str = "conversation-7f3a",
    channel: str = "rest",
) -> Tracker:
    """A tracker right after the user said `text`; with `requested_slot`, the form has just mapped
    the text to that slot (the trailing slot event the validation action reads)."""
    slots = dict(slots or {})
    parse = {"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": []}
    events: List[Dict[str, Any]] = [
        {"event": "user", "text": text, "parse_data": parse, "input_channel": channel},
    ]
    if requested_slot:
        slots["requested_slot"] = requested_slot
        slots[requested_slot] = text
        events.append({"event": "slot", "name": requested_slot, "value": text})
    return Tracker(
        sender, slots, parse, events, False, None, {"name": form} if form else {}, "action_listen"
    )


def run(action: Action, track: Tracker) -> Tuple[List[Dict[str, Any]], List[Dict[str, Any]]]:
    """Runs an action; returns (messages sent, events returned)."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, track, domain()))
    return dispatcher.messages, events


def slot_events(events: List[Dict[str, Any]]) -> Dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def said(messages: List[Dict[str, Any]]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)
