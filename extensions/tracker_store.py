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
(scheduled) runs VACUUM FULL (`vacuum` in harmbot/storage/retention.py). Until then the words are out of
reach of SQL but on disk; they can stay a while longer in PostgreSQL's write-ahead log, backups and
replicas (README, "Scaled deployment"). An event broker, if one is ever configured, receives events before redaction.
"""

from __future__ import annotations

import json
import logging
import select
import time
from typing import Any, Dict, Iterable, Iterator, List, Optional, Set, Tuple

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import ActiveLoop
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.pool import QueuePool

from extensions import conversation_erasure
from harmbot.storage import retention

logger = logging.getLogger(__name__)

# Form name -> what replaces its answers in the stored conversation.
REDACTED_FORMS = {
    "safety_plan_form": "[removed: safety plan]",
    "contact_request_form": "[removed: contact request]",
}
# Slots a form asks for on the way out (actions/form_exit.py) that are not among its required slots.
EXTRA_FORM_SLOTS = ("contact_email", "form_exit_choice")
# Names the form whose answers the person chose to keep for later in the session.
PAUSED_SLOT = "form_paused"
# A pooled PostgreSQL connection unused for longer than this is pinged before use (check_pooled_connections).
PING_AFTER_IDLE_SECONDS = 5.0
_USED = "harmbot_checked_in_at"


def form_spans(events: List[Dict[str, Any]], form: str) -> Iterator[Tuple[int, int]]:
    """(start, end) index ranges of `form` runs that are over, each to the end of the turn that ended it.

    A run starts when the form becomes active. It is over when another loop (or none) becomes active, and
    then runs on until the bot next listens, so that what the ending action said (the plan given back) is
    in the span; or when a new session starts while the form was still open. A run the person paused
    (PAUSED_SLOT names the form: "keep it for later", or a crisis message mid-plan) is not over: its
    answers stay until the form is taken up again and finished, discarded, or the session ends. Then every
    stretch in which the form was active is given, but not what was said while it was paused.
    """
    done: List[Tuple[int, int]] = []  # stretches of a run that may still be resumed
    start: Optional[int] = None
    ended = paused = False
    for index, event in enumerate(events):
        kind = event.get("event")
        if kind == "slot" and event.get("name") == PAUSED_SLOT:
            paused = event.get("value") == form
            if not paused and start is None and done:  # a kept form let go of outside the form
                yield from done
                done = []
        if kind == "session_started":
            if start is not None:
                done.append((start, index))
            yield from done
            done, start, paused = [], None, False
        elif start is None:
            if kind == "active_loop" and event.get("name") == form:
                start, ended = index, False
        elif ended and kind == "action" and event.get("name") == "action_listen":
            done.append((start, index))
            start = None
            if not paused:
                yield from done
                done = []
        elif kind == "active_loop":
            ended = event.get("name") != form
    if start is not None and ended and not paused:
        yield from [*done, (start, len(events))]


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


def check_pooled_connections(engine: sa.engine.Engine) -> None:
    """What `pool_pre_ping` does, without its round trip on every checkout (two per turn, a fifth of a turn's
    statements; the replica waits for each).

    A server that restarted, or closed the connection for any other reason, has sent its goodbye (an error
    and end of file) to the idle pooled connection: the socket is readable, and a zero-time poll sees that.
    Then, and for a connection that sat unused for PING_AFTER_IDLE_SECONDS (a firewall or a crashed host
    sends nothing), the connection gets `pool_pre_ping`'s round trip (SELECT 1); if that fails, every pooled
    connection is replaced, as `pool_pre_ping` does. A connection in steady use goes straight to work.
    """

    def checkout(dbapi_connection: Any, record: Any, proxy: Any) -> None:
        used = record.info.get(_USED)
        if used is None:  # fresh from connect(): just proven alive
            return
        if _readable(dbapi_connection) or time.monotonic() - used > PING_AFTER_IDLE_SECONDS:
            if not engine.dialect.do_ping(dbapi_connection):
                raise sa.exc.InvalidatePoolError("the database closed the connection")

    def checkin(dbapi_connection: Any, record: Any) -> None:
        if dbapi_connection is not None:
            record.info[_USED] = time.monotonic()

    sa.event.listen(engine, "checkout", checkout)
    sa.event.listen(engine, "checkin", checkin)


def _readable(dbapi_connection: Any) -> bool:
    """True if the server sent something to a connection that is not running a statement (it has no reason
    to, but to say goodbye), or the connection is closed."""
    if dbapi_connection.closed:
        return True
    poller = select.poll()
    poller.register(dbapi_connection.fileno(), select.POLLIN)
    return bool(poller.poll(0))


class TunedSQLTrackerStore(SQLTrackerStore):
    engine: sa.engine.Engine  # set by SQLTrackerStore.__init__ (Rasa's code has no annotations)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        if url.get_backend_name() == "sqlite":
            # Rasa uses the store from its event-loop thread only; the pool just keeps the connection open.
            self.engine = sa.create_engine(
                url, poolclass=QueuePool, pool_size=1, max_overflow=4, connect_args={"check_same_thread": False}
            )
            sa.event.listen(self.engine, "connect", retention.sqlite_pragmas)
        else:
            # Check each pooled connection before use: after a database restart, the first turn on every
            # replica would otherwise fail on a dead connection. check_pooled_connections: why not pre-ping.
            self.engine = sa.create_engine(url, **create_engine_kwargs(url))
            check_pooled_connections(self.engine)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await super().save(tracker)
        if conversation_erasure.requested(tracker):  # "delete my chat": nothing of it stays
            retention.delete_conversation(self.engine, tracker.sender_id)
            return
        if self._holds_finished_answers(tracker):
            self.redact_stored(tracker.sender_id)

    def _redact_all(self, events: List[Dict[str, Any]]) -> Set[int]:
        changed: Set[int] = set()
        for form, marker in REDACTED_FORMS.items():
            slots = self.domain.required_slots_for_form(form) if self.domain else []
            changed |= redact(events, form, [*slots, *EXTRA_FORM_SLOTS], marker)
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
