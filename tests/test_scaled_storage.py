"""What the bot stores works on PostgreSQL (the scaled setup, HARMBOT_DB_URL) as on SQLite: SMS opt-outs
seen by every replica, and the retention purge leaving no old row versions in the table files.
(Redaction on PostgreSQL: tests/test_tracker_store.py; contact requests: tests/test_contact_store.py.)
"""

from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from extensions.tracker_store import TunedSQLTrackerStore
from harmbot.storage.sms_state import SMSStore, StateChange
from tests.live.harness import ROOT
from tests.scaled_services import services
from tests.test_conversation_retention import save


@pytest.fixture
def replicas(postgres, monkeypatch):
    """Two replicas' SMS stores on one PostgreSQL."""
    monkeypatch.setenv("HARMBOT_DB_URL", postgres.url)
    postgres.psql("DROP TABLE IF EXISTS sms_conversations")
    return SMSStore("unused-sqlite-path.db"), SMSStore("unused-sqlite-path.db")


def test_stop_texted_through_one_replica_silences_the_bot_on_the_other(replicas):
    first, second = replicas
    first.save("hashed-id-1", StateChange(opted_out=True))
    assert second.load("hashed-id-1").opted_out
    second.save("hashed-id-1", StateChange(opted_out=False))
    assert not first.load("hashed-id-1").opted_out


def test_numbered_choices_and_reply_time_carry_over_between_replicas(replicas):
    first, second = replicas
    first.save("hashed-id-2", StateChange(reply=([("An urge right now", "/self_harm_urge")], 1_796_000_123.25)))
    state = second.load("hashed-id-2")
    assert state.choices == [("An urge right now", "/self_harm_urge")]
    assert state.last_reply_at == 1_796_000_123.25, "to the second, not rounded to minutes"
    assert not (ROOT / "unused-sqlite-path.db").exists()


def test_purge_on_postgresql_deletes_old_conversations_and_leaves_no_bytes_in_the_table_files(postgres, domain):
    postgres.psql("DROP TABLE IF EXISTS events")
    store = TunedSQLTrackerStore(domain, dialect="postgresql", host=postgres.url)
    save(store, "old-one", "old words quokka-ledger-19", age_days=45)
    save(store, "recent-one", "recent words", age_days=1)
    store.engine.dispose()

    done = subprocess.run([sys.executable, "scripts/purge_conversations.py", "--days", "30"], cwd=ROOT,
                          env={"HARMBOT_DB_URL": postgres.url, "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Deleted 1 conversation" in done.stdout and "VACUUM FULL" in done.stdout
    postgres.psql("CHECKPOINT")
    files = b"".join(p.read_bytes() for p in (postgres.data_dir / "base").rglob("*") if p.is_file())
    assert b"quokka-ledger-19" not in files
    assert b"recent words" in files


def test_conversation_events_come_back_in_order_from_postgresql(postgres, domain):
    postgres.psql("DROP TABLE IF EXISTS events")
    store = TunedSQLTrackerStore(domain, dialect="postgresql", host=postgres.url)
    tracker = DialogueStateTracker.from_events("ordered", [UserUttered(f"message {n}") for n in range(30)])
    asyncio.run(store.save(tracker))
    back = asyncio.run(store.retrieve("ordered"))
    assert [e.text for e in back.events] == [f"message {n}" for n in range(30)]


def _pings(store: TunedSQLTrackerStore, monkeypatch) -> list:
    """Records every liveness round trip (SELECT 1) the store's connection pool makes."""
    pings, real = [], store.engine.dialect.do_ping
    monkeypatch.setattr(store.engine.dialect, "do_ping", lambda connection: pings.append(1) or real(connection))
    return pings


def _turns(store: TunedSQLTrackerStore, sender: str, texts: list) -> DialogueStateTracker:
    """One retrieve and one save per message, as Rasa does per turn; returns the tracker read back."""
    for text in texts:
        tracker = asyncio.run(store.retrieve(sender)) or DialogueStateTracker.from_events(sender, [])
        tracker.update(UserUttered(text))
        asyncio.run(store.save(tracker))
    return asyncio.run(store.retrieve(sender))


def test_turns_in_steady_use_make_no_extra_round_trip_to_postgresql(postgres, domain, monkeypatch):
    store = TunedSQLTrackerStore(domain, dialect="postgresql", host=postgres.url)
    pings = _pings(store, monkeypatch)
    back = _turns(store, "steady", [f"message {n}" for n in range(5)])
    assert [e.text for e in back.events] == [f"message {n}" for n in range(5)]
    assert pings == []  # pool_pre_ping made two per turn


def test_a_connection_left_unused_is_checked_with_a_round_trip_before_use(postgres, domain, monkeypatch):
    monkeypatch.setattr("extensions.tracker_store.PING_AFTER_IDLE_SECONDS", 0.0)
    store = TunedSQLTrackerStore(domain, dialect="postgresql", host=postgres.url)
    pings = _pings(store, monkeypatch)
    _turns(store, "quiet", ["hello", "anyone there"])
    assert pings


def test_the_first_turn_after_postgresql_restarts_works_and_nothing_is_lost(postgres, domain):
    store = TunedSQLTrackerStore(domain, dialect="postgresql", host=postgres.url)
    _turns(store, "restart", ["before 1", "before 2"])
    services("pg_restart", postgres.var)  # every pooled connection is now dead
    back = _turns(store, "restart", ["after"])
    assert [e.text for e in back.events] == ["before 1", "before 2", "after"]
