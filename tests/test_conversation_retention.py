"""Conversations older than the retention period are deleted whole; newer ones stay untouched."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time

from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from extensions.tracker_store import TunedSQLTrackerStore
from harmbot.storage.retention import purge_conversations, sqlite_engine
from tests.live.harness import ROOT

DAY = 86400


def save(store, sender: str, text: str, age_days: float) -> None:
    tracker = DialogueStateTracker.from_events(sender, [UserUttered(text, timestamp=time.time() - age_days * DAY)])
    asyncio.run(store.save(tracker))


def db_bytes(path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(path.parent.glob(path.name + "*")))


def test_old_conversations_go_and_recent_ones_stay(tmp_path, domain):
    db = tmp_path / "conversations.db"
    store = TunedSQLTrackerStore(domain, dialect="sqlite", db=str(db))
    save(store, "old-one", "old-words-31", age_days=40)
    save(store, "recent-one", "recent-words-32", age_days=2)
    store.engine.dispose()

    assert purge_conversations(sqlite_engine(str(db)), days=30) == 1

    assert asyncio.run(store.retrieve("old-one")) is None
    assert asyncio.run(store.retrieve("recent-one")) is not None
    contents = db_bytes(db)
    assert b"old-words-31" not in contents  # secure_delete and a truncated log leave no copy
    assert b"recent-words-32" in contents


def test_a_conversation_still_going_is_kept_whole(tmp_path, domain):
    db = tmp_path / "conversations.db"
    store = TunedSQLTrackerStore(domain, dialect="sqlite", db=str(db))
    events = [UserUttered("started long ago", timestamp=time.time() - 90 * DAY),
              UserUttered("still talking", timestamp=time.time() - 1 * DAY)]
    asyncio.run(store.save(DialogueStateTracker.from_events("ongoing", events)))
    assert purge_conversations(sqlite_engine(str(db)), days=30) == 0
    assert len(asyncio.run(store.retrieve("ongoing")).events) >= 2


def test_staff_command_reports_what_it_deleted(tmp_path, domain):
    db = tmp_path / "conversations.db"
    store = TunedSQLTrackerStore(domain, dialect="sqlite", db=str(db))
    save(store, "old-one", "hello", age_days=45)
    env = {"HARMBOT_TRACKER_DB_PATH": str(db), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "scripts/purge_conversations.py", "--days", "30"], cwd=ROOT,
                          env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Deleted 1 conversation" in done.stdout


def test_the_purge_finds_the_default_database_from_any_working_directory(tmp_path, domain):
    # No path set: the same default as the servers ($HARMBOT_VAR/conversations.db), not ./var of wherever
    # cron happens to start the command.
    store = TunedSQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "conversations.db"))
    save(store, "old-one", "hello", age_days=45)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "purge_conversations.py"), "--days", "30"],
                          cwd=elsewhere, env={"HARMBOT_VAR": str(tmp_path), "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Deleted 1 conversation" in done.stdout
    assert not (elsewhere / "var").exists()
