"""Retention and erasure in the SQL store: whole conversations deleted ("delete my chat", the retention purge),
and deleted or rewritten rows made unrecoverable from the database files.

Pure SQLAlchemy (no Rasa import), so `make purge-conversations` and the Rasa server share it. SQLite runs
with secure_delete and the log is checkpointed and truncated, so deleted words are not left in free pages
or the WAL file.
"""

from __future__ import annotations

import logging
import time
from typing import Any, Iterable, List, Optional

import sqlalchemy as sa

logger = logging.getLogger(__name__)

EVENTS = sa.table("events", sa.column("sender_id"), sa.column("timestamp"))


def sqlite_pragmas(dbapi_connection: Any, _: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Overwrite deleted content with zeros, so a rewritten row leaves no old bytes in the page.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def delete_conversations(engine: sa.engine.Engine, which: sa.sql.ClauseElement) -> int:
    """Deletes every stored event of the conversations `which` (a condition on EVENTS) selects;
    returns how many conversations. Whole conversations only, so a tracker is complete or gone."""
    with engine.begin() as connection:
        if not sa.inspect(connection).has_table("events"):
            return 0
        count = connection.execute(sa.select(sa.func.count(sa.distinct(EVENTS.c.sender_id))).where(which)).scalar()
        connection.execute(EVENTS.delete().where(which))
    if count and engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return int(count or 0)


def delete_conversation(engine: sa.engine.Engine, sender_id: str) -> int:
    return delete_conversations(engine, EVENTS.c.sender_id == sender_id)


def purge_conversations(engine: sa.engine.Engine, days: float, now: Optional[float] = None) -> int:
    """Deletes every conversation whose last event is older than `days`; returns how many.

    Open-source Rasa keeps every event forever. Whole conversations are deleted, never parts of one, so
    a tracker is either complete or gone. Run by `make purge-conversations` (e.g. daily from cron).
    """
    cutoff = (now if now is not None else time.time()) - days * 86400
    events = EVENTS
    stale = sa.select(events.c.sender_id).group_by(events.c.sender_id).having(sa.func.max(events.c.timestamp) < cutoff)
    return delete_conversations(engine, events.c.sender_id.in_(stale))


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
    sa.event.listen(engine, "connect", sqlite_pragmas)
    return engine
