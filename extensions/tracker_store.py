"""Rasa's SQL tracker store, tuned for the embedded SQLite default.

Measured on this machine, SQLite was the largest cost of a turn (more than NLU and policies
together): SQLAlchemy 1.4 opens and closes a new SQLite connection for every session (NullPool), and
each close and each commit forced a sync to disk. Here SQLite keeps one pooled connection, in
write-ahead-log mode with `synchronous=NORMAL`: the database stays consistent through crashes and
restarts (a process restart loses nothing), and only the last moments before a power cut are at risk.
Other dialects (e.g. PostgreSQL) are untouched.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy.pool import QueuePool


def _sqlite_pragmas(dbapi_connection: Any, _: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class TunedSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name != "sqlite":
            return
        url = self.engine.url
        self.engine.dispose()
        # Rasa uses the store from its event-loop thread only; the pool just keeps the connection open.
        self.engine = sa.create_engine(
            url, poolclass=QueuePool, pool_size=1, max_overflow=4, connect_args={"check_same_thread": False}
        )
        sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
