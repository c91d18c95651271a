"""Deletes conversations older than the retention period (`make purge-conversations`).

    python scripts/purge_conversations.py [--days N]

N defaults to HARMBOT_CONVERSATION_RETENTION_DAYS (30). A conversation goes when its last message is
older than that. Works on the tracker's SQLite file (HARMBOT_TRACKER_DB_PATH), or on HARMBOT_DB_URL (the
scaled setup's PostgreSQL) when set. Schedule it daily, e.g. from cron. On PostgreSQL it then rewrites the tables with
VACUUM FULL, so deleted conversations and redacted form answers leave no old row versions in the table
files (a few seconds' lock per table: pick a quiet hour).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harmbot import settings  # noqa: E402
from harmbot.storage.retention import purge_conversations, sqlite_engine, vacuum  # noqa: E402

# Every table that holds rows about people: conversations, contact requests, SMS state.
TABLES = ["events", "contact_requests", "sms_conversations"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=float, default=settings.CONVERSATION_RETENTION_DAYS.get())
    args = parser.parse_args()
    if args.days <= 0:
        parser.error("--days must be more than 0")
    url = settings.DB_URL.get()
    engine = sa.create_engine(url) if url else sqlite_engine(str(settings.TRACKER_DB_PATH.get()))
    removed = purge_conversations(engine, args.days)
    print(f"Deleted {removed} conversation(s) with no message in the last {args.days:g} days.")
    if engine.dialect.name != "sqlite":
        done = vacuum(engine, TABLES)
        print(f"Rewrote {', '.join(done) or 'no table'} (VACUUM FULL): no old row versions left in the files.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
