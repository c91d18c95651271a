"""The contact-request table and the staff command that reads it (no servers)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from harmbot.storage import contact_store
from harmbot.storage.contact_store import ContactStore

ROOT = Path(__file__).resolve().parent.parent
NOW = dt.datetime(2026, 11, 27, 12, 0)


@pytest.fixture
def db(tmp_path, monkeypatch) -> str:
    monkeypatch.delenv("HARMBOT_REQUESTS_DB_URL", raising=False)
    monkeypatch.delenv("HARMBOT_DB_URL", raising=False)
    monkeypatch.delenv("HARMBOT_REQUEST_RETENTION_DAYS", raising=False)
    monkeypatch.setenv("HARMBOT_TRACKER_DB_PATH", str(tmp_path / "conversations.db"))
    return f"sqlite:///{tmp_path / 'conversations.db'}"


def add(store: ContactStore, days_ago: float = 0, **fields) -> int:
    values = {"channel": "rest", "contact_method": "email", "contact_value": "sam@example.org",
              "best_time": "evenings", "note": None, **fields}
    return store.add(**values, now=NOW - dt.timedelta(days=days_ago))


def test_requests_go_into_the_tracker_store_file_by_default(db, tmp_path):
    assert contact_store.database_url() == db
    add(ContactStore())
    tables = sa.inspect(sa.create_engine(db)).get_table_names()
    assert "contact_requests" in tables


def test_a_deployer_url_puts_requests_in_another_database(db, tmp_path, monkeypatch):
    other = f"sqlite:///{tmp_path / 'requests.db'}"
    monkeypatch.setenv("HARMBOT_REQUESTS_DB_URL", other)
    assert contact_store.database_url() == other
    add(contact_store.store())
    assert (tmp_path / "requests.db").exists()
    assert not (tmp_path / "conversations.db").exists()


def test_the_table_holds_only_what_was_asked_for(db):
    columns = {c["name"] for c in sa.inspect(ContactStore().engine).get_columns("contact_requests")}
    assert columns == {"id", "created_at", "channel", "contact_method", "contact_value", "best_time",
                       "note", "status", "handled_at"}


def test_a_saved_request_reads_back_exactly(db):
    store = ContactStore()
    request_id = add(store, contact_method="phone", contact_value="+18605550123", best_time="mornings",
                     note="prefer texts")
    saved = store.get(request_id)
    assert (saved.channel, saved.contact_method, saved.contact_value, saved.best_time, saved.note) == (
        "rest", "phone", "+18605550123", "mornings", "prefer texts")
    assert saved.status == "new" and saved.handled_at is None


def test_handling_a_request_marks_it_with_the_time(db):
    store = ContactStore()
    request_id = add(store)
    assert store.mark_handled(request_id, now=NOW)
    assert store.get(request_id).status == "handled"
    assert store.get(request_id).handled_at == NOW
    assert not store.mark_handled(9999)


def test_purge_deletes_only_requests_older_than_the_retention(db):
    store = ContactStore()
    old, recent = add(store, days_ago=31), add(store, days_ago=29)
    assert store.purge(days=30, now=NOW) == 1
    assert store.get(old) is None and store.get(recent) is not None


def test_retention_period_comes_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("HARMBOT_REQUEST_RETENTION_DAYS", "7")
    store = ContactStore()
    week_old, day_old = add(store, days_ago=8), add(store, days_ago=1)
    assert store.purge(now=NOW) == 1
    assert store.get(week_old) is None and store.get(day_old) is not None
    monkeypatch.setenv("HARMBOT_REQUEST_RETENTION_DAYS", "soon")
    assert contact_store.retention_days() == 30


def test_saving_a_new_request_deletes_expired_ones(db):
    store = ContactStore()
    expired = store.add(channel="rest", contact_method="email", contact_value="a@example.org", best_time="",
                        note="", now=NOW - dt.timedelta(days=40))
    add(store)
    assert store.get(expired) is None


def test_unknown_contact_method_is_refused(db):
    with pytest.raises(ValueError):
        add(ContactStore(), contact_method="postcard")


def staff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/contact_requests.py", *args], cwd=ROOT, env=os.environ.copy(),
                          capture_output=True, text=True, timeout=60)


def test_staff_command_lists_shows_handles_and_purges(db):
    store = ContactStore()
    fresh = add(store, contact_method="phone", contact_value="+18605550123", note="prefer texts")
    stale = add(store, days_ago=45, contact_value="old@example.org")

    listing = staff("list")
    assert listing.returncode == 0, listing.stderr
    assert "+18605550123" in listing.stdout and "old@example.org" in listing.stdout
    assert "2 request(s), 2 not handled yet" in listing.stdout

    shown = staff("show", str(fresh))
    assert "prefer texts" in shown.stdout and "(new)" in shown.stdout

    assert staff("handle", str(fresh)).returncode == 0
    assert "(handled)" in staff("show", str(fresh)).stdout

    purged = staff("purge", "--days", "30")
    assert "Deleted 1 request(s)" in purged.stdout
    assert store.get(stale) is None and store.get(fresh) is not None

    missing = staff("show", "9999")
    assert missing.returncode == 1 and "No request 9999" in missing.stderr


def test_scaled_setup_keeps_requests_in_postgresql_for_staff_to_list_and_handle(postgres, monkeypatch, tmp_path):
    monkeypatch.delenv("HARMBOT_REQUESTS_DB_URL", raising=False)
    monkeypatch.setenv("HARMBOT_DB_URL", postgres.url)
    monkeypatch.setenv("HARMBOT_TRACKER_DB_PATH", str(tmp_path / "unused.db"))
    store = ContactStore()
    assert store.engine.dialect.name == "postgresql"
    kept = add(store, contact_value="pg-person@example.org")
    add(store, days_ago=45, contact_value="too-old@example.org")

    assert [r.contact_value for r in store.all()][0] == "pg-person@example.org"
    assert store.mark_handled(kept) and store.get(kept).status == "handled"
    assert store.purge(now=NOW) == 1 and "too-old@example.org" not in postgres.psql("SELECT * FROM contact_requests")
    assert not (tmp_path / "unused.db").exists()
