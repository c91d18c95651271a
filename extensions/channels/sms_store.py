"""What the SMS channel remembers per conversation, in one small table in the tracker's SQLite file, or in
PostgreSQL when the bot runs as several replicas (HARMBOT_DB_URL: every replica must see a STOP).

Rows are keyed by the hashed conversation id only (never the phone number): whether the person texted
STOP, the numbered choices sent last (so a reply of "2" can press the second button), and when they
last got a reply (so a new conversation starts with the privacy notice). The table is created on first
use. The SQL is the same for both databases (INSERT ... ON CONFLICT works in each).
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, List, Optional, Sequence

import sqlalchemy as sa

from extensions.channels.sms_text import Choice

TABLE = "sms_conversations"


@dataclass
class ConversationState:
    opted_out: bool = False
    choices: List[Choice] = field(default_factory=list)
    last_reply_at: Optional[float] = None


class _Rows:
    def __init__(self, rows: List[Any], rowcount: int) -> None:
        self._rows, self.rowcount = rows, rowcount

    def fetchone(self) -> Optional[Any]:
        return self._rows[0] if self._rows else None

    def fetchall(self) -> List[Any]:
        return self._rows


class _ServerDatabase:
    """sqlite3's `execute(sql, params)` (autocommit, `?` placeholders) on a SQLAlchemy engine (PostgreSQL)."""

    def __init__(self, url: str) -> None:
        # Checked before use: a database restart leaves dead pooled connections.
        self._engine = sa.create_engine(url, pool_pre_ping=True, future=True)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> _Rows:
        with self._engine.begin() as connection:
            result = connection.exec_driver_sql(sql.replace("?", "%s"), tuple(params))
            return _Rows(result.fetchall() if result.returns_rows else [], result.rowcount)


def _connect(location: str) -> Any:
    """HARMBOT_DB_URL (shared by every replica) if set, else the SQLite file `location`."""
    url = os.environ.get("HARMBOT_DB_URL")
    if url:
        return _ServerDatabase(url)
    if location != ":memory:":
        Path(location).parent.mkdir(parents=True, exist_ok=True)
    # Autocommit; the channel runs in Rasa's event-loop thread, Sanic may create it in another.
    return sqlite3.connect(location, timeout=5, isolation_level=None, check_same_thread=False)


class SMSStore:
    def __init__(self, path: str) -> None:
        self._db = _connect(path)
        try:
            self._create_table()
        except sa.exc.IntegrityError:
            # Replicas starting together race to create it in PostgreSQL; one wins, which is all we need.
            self._create_table()

    def _create_table(self) -> None:
        self._db.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE} ("
            " conversation_id TEXT PRIMARY KEY,"
            " opted_out INTEGER NOT NULL DEFAULT 0,"
            " choices TEXT NOT NULL DEFAULT '[]',"
            # Seconds since the epoch: PostgreSQL's REAL would round them to minutes.
            " last_reply_at DOUBLE PRECISION)"
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

    def _upsert(self, conversation_id: str, **columns: object) -> None:
        names = ", ".join(columns)
        updates = ", ".join(f"{name} = excluded.{name}" for name in columns)
        self._db.execute(
            f"INSERT INTO {TABLE} (conversation_id, {names}) VALUES (?{', ?' * len(columns)})"
            f" ON CONFLICT(conversation_id) DO UPDATE SET {updates}",
            (conversation_id, *columns.values()),
        )
