"""Creates the shared database's tables once, before the replicas start (run_scaled.sh).

Replicas that start together each run CREATE TABLE IF NOT EXISTS, and PostgreSQL does not make that
safe when two run at once: the loser fails with a duplicate-key error on its catalogue and the replica
exits during start-up (seen in CI). Creating the tables here first leaves nothing to race over.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa  # noqa: E402
from rasa.core.tracker_store import SQLTrackerStore  # noqa: E402

from harmbot import settings  # noqa: E402
from harmbot.storage.sms_state import SMSStore  # noqa: E402


def main() -> None:
    url = settings.DB_URL.get()
    if not url:
        raise SystemExit("HARMBOT_DB_URL is not set: the shared database's tables need its URL.")
    engine = sa.create_engine(url, future=True)
    SQLTrackerStore.Base.metadata.create_all(engine)  # Rasa's events table and its sequence
    engine.dispose()
    SMSStore(url)  # the SMS channel's tables (it reads HARMBOT_DB_URL)
    print("database tables ready")


if __name__ == "__main__":
    main()
