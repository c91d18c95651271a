"""Deletes conversations older than the retention period (`make purge-conversations`).

    python scripts/purge_conversations.py [--days N]

N defaults to HARMBOT_CONVERSATION_RETENTION_DAYS (30). A conversation goes when its last message is
older than that. Works on the tracker's SQLite file (TRACKER_DB), or on HARMBOT_TRACKER_DB_URL (a
SQLAlchemy URL, e.g. PostgreSQL) when set. Schedule it daily, e.g. from cron.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extensions.tracker_store import purge_conversations, sqlite_engine  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default_days = float(os.environ.get("HARMBOT_CONVERSATION_RETENTION_DAYS", "30"))
    parser.add_argument("--days", type=float, default=default_days)
    args = parser.parse_args()
    if args.days <= 0:
        parser.error("--days must be more than 0")
    url = os.environ.get("HARMBOT_TRACKER_DB_URL")
    engine = sa.create_engine(url) if url else sqlite_engine(os.environ.get("TRACKER_DB", "var/conversations.db"))
    removed = purge_conversations(engine, args.days)
    print(f"Deleted {removed} conversation(s) with no message in the last {args.days:g} days.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
