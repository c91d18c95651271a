"""What the SMS channel remembers per conversation, in one small table in the tracker's SQLite file, or in
PostgreSQL when the bot runs as several replicas (HARMBOT_DB_URL: every replica must see a STOP).

Rows are keyed by the hashed conversation id only (never the phone number): whether the person texted
STOP, the numbered choices sent last (so a reply of "2" can press the second button), and when they
last got a reply (so a new conversation starts with the privacy notice). The tables are created on first
use. The SQL is the same for both databases (INSERT ... ON CONFLICT works in each).

A second table remembers the MessageSids (as keyed hashes) of recent requests, so a request Twilio
sends again is not a second turn, and for a few minutes the TwiML answered to it, so the repeat gets
the same answer. Old rows are purged whenever a new request is claimed.

One SMS turn reads the conversation's row once (`load`) and writes it at most once (`save`, in the same
transaction as the answer kept for a repeat).
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple, Union

import sqlalchemy as sa

from harmbot import settings

Choice = Tuple[str, str]  # (button title, payload) of a numbered choice sent by SMS

TABLE = "sms_conversations"
MESSAGES_TABLE = "sms_messages"
# Twilio repeats a webhook request within seconds to minutes; a day also stops a late replay of a
# captured request. The answer (it can hold the person's own words, e.g. a safety plan given back) is
# kept only as long as a repeat is likely.
REPLAY_WINDOW_S = 24 * 60 * 60
ANSWER_KEPT_S = 10 * 60
_KEEP_ANSWER = f"UPDATE {MESSAGES_TABLE} SET answer = ? WHERE message_key = ?"


@dataclass
class ConversationState:
    opted_out: bool = False
    choices: List[Choice] = field(default_factory=list)
    last_reply_at: Optional[float] = None


@dataclass(frozen=True)
class StateChange:
    """What one turn changes. Only the columns it names are written, so a STOP that arrives while an
    earlier turn is still running is not undone when that turn saves its reply."""

    opted_out: Optional[bool] = None
    # The reply just sent: its numbered choices (older ones no longer apply) and when it went out.
    reply: Optional[Tuple[Sequence[Choice], float]] = None
    # "delete my chat": nothing is kept, not even the reply just sent.
    forget: bool = False


class _Rows:
    def __init__(self, rows: List[Any], rowcount: int) -> None:
        self._rows, self.rowcount = rows, rowcount

    def fetchone(self) -> Optional[Any]:
        return self._rows[0] if self._rows else None

    def fetchall(self) -> List[Any]:
        return self._rows


Execute = Callable[..., Any]  # execute(sql, params=()): `?` placeholders, rows as sqlite3 gives them


class _FileDatabase:
    """SQLite, autocommit: each statement is its own transaction unless grouped in `transaction`."""

    def __init__(self, location: str) -> None:
        if location != ":memory:":
            Path(location).parent.mkdir(parents=True, exist_ok=True)
        # The channel runs in Rasa's event-loop thread, Sanic may create it in another.
        self.connection = sqlite3.connect(location, timeout=5, isolation_level=None, check_same_thread=False)
        # Deleted rows ("delete my chat", purged answers) are zeroed on disk (PostgreSQL: VACUUM FULL).
        self.connection.execute("PRAGMA secure_delete=ON")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.connection.execute(sql, params)

    @contextmanager
    def transaction(self) -> Iterator[Execute]:
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.execute
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")


class _ServerDatabase:
    """The same `execute(sql, params)` and `transaction()` on a SQLAlchemy engine (PostgreSQL)."""

    def __init__(self, url: str) -> None:
        # Checked before use: a database restart leaves dead pooled connections.
        self._engine = sa.create_engine(url, pool_pre_ping=True, future=True)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> _Rows:
        with self.transaction() as execute:
            return execute(sql, params)

    @contextmanager
    def transaction(self) -> Iterator[Execute]:
        with self._engine.begin() as connection:

            def execute(sql: str, params: Sequence[Any] = ()) -> _Rows:
                result = connection.exec_driver_sql(sql.replace("?", "%s"), tuple(params))
                return _Rows(result.fetchall() if result.returns_rows else [], result.rowcount)

            yield execute


def _connect(location: str) -> Union[_FileDatabase, _ServerDatabase]:
    """HARMBOT_DB_URL (shared by every replica) if set, else the SQLite file `location`."""
    url = settings.DB_URL.get()
    return _ServerDatabase(url) if url else _FileDatabase(location)


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
        self._db.execute(
            f"CREATE TABLE IF NOT EXISTS {MESSAGES_TABLE} ("
            " message_key TEXT PRIMARY KEY,"
            " seen_at DOUBLE PRECISION NOT NULL,"
            " answer TEXT)"
        )

    def load(self, conversation_id: str) -> ConversationState:
        row = self._db.execute(
            f"SELECT opted_out, choices, last_reply_at FROM {TABLE} WHERE conversation_id = ?",
            (conversation_id,),
        ).fetchone()
        if row is None:
            return ConversationState()
        return ConversationState(bool(row[0]), [tuple(c) for c in json.loads(row[1])], row[2])

    def save(self, conversation_id: str, change: StateChange, answer: Optional[Tuple[str, str]] = None) -> None:
        """One turn's change, and the (message key, TwiML answer) kept for a repeat, in one transaction."""
        statements = self._change(conversation_id, change)
        if answer:
            message_key, twiml = answer
            statements.append((_KEEP_ANSWER, (twiml, message_key)))
        if statements:
            with self._db.transaction() as execute:
                for sql, params in statements:
                    execute(sql, params)

    @staticmethod
    def _change(conversation_id: str, change: StateChange) -> List[Tuple[str, Sequence[Any]]]:
        """The statement (at most one) that writes the change."""
        if change.forget:
            return [(f"DELETE FROM {TABLE} WHERE conversation_id = ?", (conversation_id,))]
        columns: Dict[str, Any] = {}
        if change.opted_out is not None:
            columns["opted_out"] = int(change.opted_out)
        if change.reply is not None:
            choices, at = change.reply
            columns.update(choices=json.dumps([list(c) for c in choices]), last_reply_at=at)
        if not columns:
            return []
        names = ", ".join(columns)
        updates = ", ".join(f"{name} = excluded.{name}" for name in columns)
        sql = (
            f"INSERT INTO {TABLE} (conversation_id, {names}) VALUES (?{', ?' * len(columns)})"
            f" ON CONFLICT(conversation_id) DO UPDATE SET {updates}"
        )
        return [(sql, (conversation_id, *columns.values()))]

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
        self._db.execute(_KEEP_ANSWER, (answer, message_key))

    def answer_to(self, message_key: str) -> Optional[str]:
        """The answer given to a claimed message, while it is kept; None while it is still being worked on."""
        row = self._db.execute(f"SELECT answer FROM {MESSAGES_TABLE} WHERE message_key = ?", (message_key,)).fetchone()
        return row[0] if row else None

    def forget(self, conversation_id: str) -> None:
        """Deletes everything kept for the conversation ("delete my chat"); the next text starts fresh."""
        self.save(conversation_id, StateChange(forget=True))
