"""Deleting whole conversations from the tracker's SQL store: "delete my chat" and the retention purge.

A person's request to delete their conversation (action_delete_conversation) can't be carried out by
the action itself: Rasa saves the tracker after the last action of the turn and would write it back.
So the action adds a marker message, and the tracker store, right after saving that turn, deletes
every stored event of the conversation (`requested` + `delete_conversations`). The next message finds
no tracker and starts a fresh session. SQLite runs with secure_delete and the log is checkpointed and
truncated, so the words are not left in free pages or the WAL file.
"""

from __future__ import annotations

from typing import Any, Dict

import sqlalchemy as sa
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from harmbot import content

EVENTS = sa.table("events", sa.column("sender_id"), sa.column("timestamp"))


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


def delete_conversations(engine: sa.engine.Engine, which: sa.sql.ClauseElement) -> int:
    """Deletes every stored event of the conversations `which` (a condition on EVENTS) selects;
    returns how many conversations. Whole conversations only, so a tracker is complete or gone."""
    with engine.begin() as connection:
        if not sa.inspect(connection).has_table("events"):
            return 0
        count = connection.execute(
            sa.select(sa.func.count(sa.distinct(EVENTS.c.sender_id))).where(which)
        ).scalar()
        connection.execute(EVENTS.delete().where(which))
    if count and engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return int(count or 0)


def delete_conversation(engine: sa.engine.Engine, sender_id: str) -> int:
    return delete_conversations(engine, EVENTS.c.sender_id == sender_id)
