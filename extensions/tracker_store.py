"""Rasa's SQL tracker store, tuned for the embedded SQLite default.

On SQLite every saved turn was a full fsync'ed rollback-journal commit: measured at 30-50 ms of each
turn on this machine, more than NLU and policies together. Write-ahead logging with
`synchronous=NORMAL` keeps the database consistent through crashes and restarts (a process restart
loses nothing) and only risks the last moments before a power cut. Other dialects are untouched.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore


def _sqlite_pragmas(dbapi_connection: Any, _: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class TunedSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
            self.engine.dispose()  # connections opened during set-up come back with the pragmas
