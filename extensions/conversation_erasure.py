"""Recognising "delete my chat" in a saved turn; the deletion itself is harmbot/storage/retention.py.

A person's request to delete their conversation (action_delete_conversation) can't be carried out by
the action itself: Rasa saves the tracker after the last action of the turn and would write it back.
So the action adds a marker message, and the tracker store, right after saving that turn, deletes
every stored event of the conversation (`requested` + harmbot/storage/retention.py). The next message finds
no tracker and starts a fresh session. SQLite runs with secure_delete and the log is checkpointed and
truncated, so the words are not left in free pages or the WAL file.
"""

from __future__ import annotations

from typing import Any, Dict

from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from harmbot import content


def is_deletion_marker(message: Dict[str, Any]) -> bool:
    """True for the custom message action_delete_conversation sends (a bot event's data, or a channel
    message with `custom`)."""
    custom = message.get("custom") or {}
    data = custom.get("data") if isinstance(custom, dict) else None
    return isinstance(data, dict) and data.get("harmbot") == content.sentence("privacy", "deleted_marker")


def requested(tracker: DialogueStateTracker) -> bool:
    """True if the bot confirmed a deletion in this turn (since the person's last message)."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, BotUttered) and is_deletion_marker(event.data or {}):
            return True
    return False
