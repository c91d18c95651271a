"""Runs a custom action the way the action server does (rasa_sdk Tracker + CollectingDispatcher),
and swaps in a changed copy of the resource directory for one test."""

from __future__ import annotations

import asyncio
import copy
from typing import Any, Callable, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from harmbot import content


def tracker(text: str = "", intent: str = "", slots: Dict[str, Any] | None = None) -> Tracker:
    return Tracker(
        sender_id="test",
        slots=slots or {},
        latest_message={"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": []},
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def run_action(action: Action, text: str = "", intent: str = "") -> List[Dict[str, Any]]:
    """The messages the action sends (dicts with text/buttons), as the channel would get them."""
    dispatcher = CollectingDispatcher()
    asyncio.run(action.run(dispatcher, tracker(text, intent), {}))
    return dispatcher.messages


def texts(messages: List[Dict[str, Any]]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def edited_directory(monkeypatch, edit: Callable[[Dict[str, Any]], None]) -> Dict[str, Any]:
    """Makes the actions read a copy of directory.yml changed by `edit` (e.g. a region with its own line)."""
    data = copy.deepcopy(content.directory())
    edit(data)
    monkeypatch.setattr(content, "directory", lambda: data)
    return data
