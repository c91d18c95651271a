"""Rasa's SQL tracker store, tuned for the embedded SQLite default, and forgetting private form answers.

Speed: SQLite was the largest cost of a turn (more than NLU and policies together): SQLAlchemy 1.4 opens
and closes a new SQLite connection for every session (NullPool), and each close and each commit forced a
sync to disk. Here SQLite keeps one pooled connection, in write-ahead-log mode with `synchronous=NORMAL`:
the database stays consistent through crashes and restarts, and only the last moments before a power cut
are at risk. Other dialects (e.g. PostgreSQL) keep Rasa's engine.

Privacy: a safety plan is given back, not kept (docs/product.md, flow 10), and a contact request is kept only in
the staff table. So whenever one of REDACTED_FORMS stops being active (finished, cancelled, left for the
menu, ended by a crisis, or left open when a new session starts), the stored events of that span are
rewritten in place: what the person typed, the form's slot values, and every bot message not taken as-is
from the domain (those are assembled from the answers, e.g. the plan given back) become a fixed marker.
Rows are updated, never deleted, so Rasa's count of stored events (`_additional_events`) stays right and
the tracker saved later in the same turn adds nothing back. SQLite runs with `secure_delete` and the log is
checkpointed and truncated after a redaction, so the old words are not left in free pages or the WAL file.
On PostgreSQL (HARMBOT_DB_URL, the scaled setup) an UPDATE leaves the old row version's bytes in the table
file, through autovacuum and plain VACUUM alike, until the table is rewritten: `make purge-conversations`
(scheduled) runs VACUUM FULL (see `vacuum`). Until then the words are out of reach of SQL but on disk; they
can stay a while longer in PostgreSQL's write-ahead log, backups and replicas (README, "Scaled deployment").
An event broker, if one is ever configured, receives events before redaction.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any, Dict, Iterable, Iterator, List, Optional, Set, Tuple

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import ActiveLoop
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.pool import QueuePool

from extensions import conversation_erasure

logger = logging.getLogger(__name__)

# Form name -> what replaces its answers in the stored conversation.
REDACTED_FORMS = {
    "safety_plan_form": "[removed: safety plan]",
    "contact_request_form": "[removed: contact request]",
}


def _sqlite_pragmas(dbapi_connection: Any, _: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Overwrite deleted content with zeros, so a rewritten row leaves no old bytes in the page.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def form_spans(events: List[Dict[str, Any]], form: str) -> Iterator[Tuple[int, int]]:
    """(start, end) index ranges of `form` runs that are over, each to the end of the turn that ended it.

    A run starts when the form becomes active. It is over when another loop (or none) becomes active, and
    then runs on until the bot next listens, so that what the ending action said (the plan given back) is
    in the span; or when a new session starts while the form was still open.
    """
    start: Optional[int] = None
    ended = False
    for index, event in enumerate(events):
        kind = event.get("event")
        if start is None:
            if kind == "active_loop" and event.get("name") == form:
                start, ended = index, False
        elif kind == "session_started" or (ended and kind == "action" and event.get("name") == "action_listen"):
            yield start, index
            start = None
        elif kind == "active_loop" and event.get("name") != form:
            ended = True
    if start is not None and ended:
        yield start, len(events)


def redact(events: List[Dict[str, Any]], form: str, slots: Iterable[str], marker: str) -> Set[int]:
    """Rewrites, in place, the answers inside every finished run of `form`; returns the changed indices."""
    slots = set(slots)
    changed = set()
    for start, end in form_spans(events, form):
        for index in range(start, end):
            if _redact_event(events[index], slots, marker):
                changed.add(index)
    return changed


def _redact_event(event: Dict[str, Any], slots: Set[str], marker: str) -> bool:
    kind = event.get("event")
    if kind == "user":
        parse_data = event.get("parse_data") or {}
        fields = [(event, "text"), (parse_data, "text")]
        fields += [(entity, key) for entity in parse_data.get("entities") or [] for key in ("value", "text")]
        return any([_replace(owner, key, marker) for owner, key in fields])
    if kind == "slot" and event.get("name") in slots:
        return _replace(event, "value", None)
    if kind == "bot" and not (event.get("metadata") or {}).get("utter_action") and event.get("text"):
        return _replace(event, "text", marker)
    return False


def _replace(owner: Dict[str, Any], key: str, value: Optional[str]) -> bool:
    if key not in owner or owner[key] == value:
        return False
    owner[key] = value
    return True


class TunedSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        if url.get_backend_name() == "sqlite":
            # Rasa uses the store from its event-loop thread only; the pool just keeps the connection open.
            self.engine = sa.create_engine(
                url, poolclass=QueuePool, pool_size=1, max_overflow=4, connect_args={"check_same_thread": False}
            )
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        else:
            # Check each pooled connection before use: after a database restart, the first turn on every
            # replica would otherwise fail on a dead connection.
            self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await super().save(tracker)
        if conversation_erasure.requested(tracker):  # "delete my chat": nothing of it stays
            conversation_erasure.delete_conversation(self.engine, tracker.sender_id)
            return
        if self._holds_finished_answers(tracker):
            self.redact_stored(tracker.sender_id)

    def _redact_all(self, events: List[Dict[str, Any]]) -> Set[int]:
        changed: Set[int] = set()
        for form, marker in REDACTED_FORMS.items():
            slots = self.domain.required_slots_for_form(form) if self.domain else []
            changed |= redact(events, form, slots, marker)
        return changed

    def _holds_finished_answers(self, tracker: DialogueStateTracker) -> bool:
        """Cheap check on the tracker in memory: most turns have no redacted form in their session."""
        if not any(isinstance(e, ActiveLoop) and e.name in REDACTED_FORMS for e in tracker.events):
            return False
        return bool(self._redact_all([event.as_dict() for event in tracker.events]))

    def redact_stored(self, sender_id: str) -> int:
        """Redacts every finished private-form run stored for `sender_id` (all sessions); returns rows changed."""
        with self.session_scope() as session:
            rows = self._event_query(session, sender_id, fetch_events_from_all_sessions=True).all()
            events = [json.loads(row.data) for row in rows]
            changed = self._redact_all(events)
            for index in changed:
                rows[index].data = json.dumps(events[index])
            session.commit()
        if changed and self.engine.dialect.name == "sqlite":
            self._truncate_log()
        return len(changed)

    def _truncate_log(self) -> None:
        with self.engine.connect() as connection:
            busy = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()[0]
        if busy:
            logger.warning("The SQLite log could not be truncated after a redaction; the next one retries.")


def purge_conversations(engine: sa.engine.Engine, days: float, now: Optional[float] = None) -> int:
    """Deletes every conversation whose last event is older than `days`; returns how many.

    Open-source Rasa keeps every event forever. Whole conversations are deleted, never parts of one, so
    a tracker is either complete or gone. Run by `make purge-conversations` (e.g. daily from cron).
    """
    cutoff = (now if now is not None else time.time()) - days * 86400
    events = conversation_erasure.EVENTS
    stale = sa.select(events.c.sender_id).group_by(events.c.sender_id).having(sa.func.max(events.c.timestamp) < cutoff)
    return conversation_erasure.delete_conversations(engine, events.c.sender_id.in_(stale))


def vacuum(engine: sa.engine.Engine, tables: Iterable[str], lock_timeout_s: int = 10) -> List[str]:
    """Makes deleted and rewritten rows unrecoverable from the database files; returns the tables done.

    SQLite (secure_delete zeroes freed space) only needs its log truncated. On PostgreSQL an UPDATE or DELETE
    leaves the old row version in the table file; a plain VACUUM frees its space but leaves its bytes there
    (measured), so this runs VACUUM FULL, which writes each table anew. It locks the table while it runs:
    schedule it for a quiet hour (`make purge-conversations`). A table it could not lock within
    `lock_timeout_s` is skipped (a warning), so a busy bot is never held up for long.
    """
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return list(tables)
    done = []
    # VACUUM cannot run inside a transaction.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql(f"SET lock_timeout = '{int(lock_timeout_s)}s'")
        for table in tables:
            if not sa.inspect(connection).has_table(table):
                continue
            try:
                connection.exec_driver_sql(f"VACUUM FULL {table}")
                done.append(table)
            except sa.exc.OperationalError as error:
                logger.warning(f"VACUUM FULL {table} skipped: {error.orig}")
    return done


def sqlite_engine(path: str) -> sa.engine.Engine:
    """An engine on the tracker's SQLite file with the store's pragmas (secure_delete zeroes what is deleted)."""
    engine = sa.create_engine(f"sqlite:///{path}")
    sa.event.listen(engine, "connect", _sqlite_pragmas)
    return engine
