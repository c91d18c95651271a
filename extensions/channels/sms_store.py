"""What the SMS channel remembers per conversation, in one small table in the tracker's SQLite file.

Rows are keyed by the hashed conversation id only (never the phone number): whether the person texted
STOP, the numbered choices sent last (so a reply of "2" can press the second button), and when they
last got a reply (so a new conversation starts with the privacy notice). One Rasa process; the table
is created on first use.

A second table remembers the MessageSids (as keyed hashes) of recent requests, so a request Twilio
sends again is not a second turn, and for a few minutes the TwiML answered to it, so the repeat gets
the same answer. Old rows are purged whenever a new request is claimed. Plain SQL that PostgreSQL
reads the same way.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional, Sequence

from extensions.channels.sms_text import Choice

TABLE = "sms_conversations"
MESSAGES_TABLE = "sms_messages"
# Twilio repeats a webhook request within seconds to minutes; a day also stops a late replay of a
# captured request. The answer (it can hold the person's own words, e.g. a safety plan given back) is
# kept only as long as a repeat is likely.
REPLAY_WINDOW_S = 24 * 60 * 60
ANSWER_KEPT_S = 10 * 60


@dataclass
class ConversationState:
    opted_out: bool = False
    choices: List[Choice] = field(default_factory=list)
    last_reply_at: Optional[float] = None


class SMSStore:
    def __init__(self, path: str) -> None:
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        # Autocommit; the channel runs in Rasa's event-loop thread, Sanic may create it in another.
        self._db = sqlite3.connect(path, timeout=5, isolation_level=None, check_same_thread=False)
        self._db.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE} ("
            " conversation_id TEXT PRIMARY KEY,"
            " opted_out INTEGER NOT NULL DEFAULT 0,"
            " choices TEXT NOT NULL DEFAULT '[]',"
            " last_reply_at REAL)"
        )
        self._db.execute(
            f"CREATE TABLE IF NOT EXISTS {MESSAGES_TABLE} ("
            " message_key TEXT PRIMARY KEY,"
            " seen_at REAL NOT NULL,"
            " answer TEXT)"
        )

    def state(self, conversation_id: str) -> ConversationState:
        row = self._db.execute(
            f"SELECT opted_out, choices, last_reply_at FROM {TABLE} WHERE conversation_id = ?",
            (conversation_id,),
        ).fetchone()
        if row is None:
            return ConversationState()
        return ConversationState(bool(row[0]), [tuple(c) for c in json.loads(row[1])], row[2])

    def set_opted_out(self, conversation_id: str, opted_out: bool) -> None:
        self._upsert(conversation_id, opted_out=int(opted_out))

    def record_reply(self, conversation_id: str, choices: Sequence[Choice], at: float) -> None:
        """The choices in the reply just sent (replacing older ones) and when it was sent."""
        self._upsert(conversation_id, choices=json.dumps([list(c) for c in choices]), last_reply_at=at)

    def claim_message(self, message_key: str, now: float) -> bool:
        """True the first time a message is seen (within the replay window); then it is being handled."""
        self._db.execute(f"DELETE FROM {MESSAGES_TABLE} WHERE seen_at < ?", (now - REPLAY_WINDOW_S,))
        self._db.execute(
            f"UPDATE {MESSAGES_TABLE} SET answer = NULL WHERE answer IS NOT NULL AND seen_at < ?",
            (now - ANSWER_KEPT_S,),
        )
        inserted = self._db.execute(
            f"INSERT INTO {MESSAGES_TABLE} (message_key, seen_at) VALUES (?, ?) ON CONFLICT (message_key) DO NOTHING",
            (message_key, now),
        )
        return inserted.rowcount == 1

    def record_answer(self, message_key: str, answer: str) -> None:
        self._db.execute(f"UPDATE {MESSAGES_TABLE} SET answer = ? WHERE message_key = ?", (answer, message_key))

    def answer_to(self, message_key: str) -> Optional[str]:
        """The answer given to a claimed message, while it is kept; None while it is still being worked on."""
        row = self._db.execute(
            f"SELECT answer FROM {MESSAGES_TABLE} WHERE message_key = ?", (message_key,)
        ).fetchone()
        return row[0] if row else None

    def forget(self, conversation_id: str) -> None:
        """Deletes everything kept for the conversation ("delete my chat"); the next text starts fresh."""
        self._db.execute("PRAGMA secure_delete=ON")
        self._db.execute(f"DELETE FROM {TABLE} WHERE conversation_id = ?", (conversation_id,))

    def _upsert(self, conversation_id: str, **columns: object) -> None:
        names = ", ".join(columns)
        updates = ", ".join(f"{name} = excluded.{name}" for name in columns)
        self._db.execute(
            f"INSERT INTO {TABLE} (conversation_id, {names}) VALUES (?{', ?' * len(columns)})"
            f" ON CONFLICT(conversation_id) DO UPDATE SET {updates}",
            (conversation_id, *columns.values()),
        )
