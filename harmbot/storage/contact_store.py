"""Contact requests a person chose to send to program staff: one SQL table (SQLAlchemy 1.4 Core).

By default the table sits in the tracker store's SQLite file (HARMBOT_TRACKER_DB_PATH), or in the scaled
setup's PostgreSQL (HARMBOT_DB_URL); HARMBOT_REQUESTS_DB_URL (a SQLAlchemy URL) puts it elsewhere. Only what
the person gave is kept: a phone number or email, a best time and an optional note, never the
conversation id. Requests older than HARMBOT_REQUEST_RETENTION_DAYS (default 30) are deleted whenever a
new one is saved, and by `purge`.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

import sqlalchemy as sa

from harmbot import settings

METHODS = ("phone", "email")
NEW, HANDLED = "new", "handled"

metadata = sa.MetaData()
contact_requests = sa.Table(
    "contact_requests",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("created_at", sa.DateTime, nullable=False, index=True),
    sa.Column("channel", sa.String(32)),
    sa.Column("contact_method", sa.String(16), nullable=False),
    sa.Column("contact_value", sa.String(254), nullable=False),
    sa.Column("best_time", sa.String(200)),
    sa.Column("note", sa.String(500)),
    sa.Column("status", sa.String(16), nullable=False, default=NEW),
    sa.Column("handled_at", sa.DateTime),
    # Never reuse the id of a deleted request: staff refer to requests by id.
    sqlite_autoincrement=True,
)


@dataclass(frozen=True)
class ContactRequest:
    id: int
    created_at: dt.datetime
    channel: Optional[str]
    contact_method: str
    contact_value: str
    best_time: Optional[str]
    note: Optional[str]
    status: str
    handled_at: Optional[dt.datetime]


def utc_now() -> dt.datetime:
    """Naive UTC, as SQLite stores it."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def database_url() -> str:
    return settings.REQUESTS_DB_URL.get() or settings.DB_URL.get() or f"sqlite:///{settings.TRACKER_DB_PATH.get()}"


def retention_days() -> int:
    return settings.REQUEST_RETENTION_DAYS.get()


class ContactStore:
    def __init__(self, url: Optional[str] = None) -> None:
        self.url = url or database_url()
        options: dict = {"pool_pre_ping": True}  # a database restart leaves dead pooled connections
        if self.url.startswith("sqlite:///"):
            Path(self.url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
            # The Rasa server writes to the same file; wait for its lock instead of failing.
            options = {"connect_args": {"timeout": 15}}
        self.engine = sa.create_engine(self.url, future=True, **options)
        metadata.create_all(self.engine)

    def add(
        self,
        *,
        channel: Optional[str],
        contact_method: str,
        contact_value: str,
        best_time: Optional[str],
        note: Optional[str],
        now: Optional[dt.datetime] = None,
    ) -> int:
        if contact_method not in METHODS:
            raise ValueError(f"unknown contact method {contact_method!r}")
        now = now or utc_now()
        with self.engine.begin() as conn:
            self._purge(conn, retention_days(), now)
            result = conn.execute(
                contact_requests.insert().values(
                    created_at=now,
                    channel=channel,
                    contact_method=contact_method,
                    contact_value=contact_value,
                    best_time=best_time or None,
                    note=note or None,
                    status=NEW,
                )
            )
            return int(result.inserted_primary_key[0])

    def all(self) -> List[ContactRequest]:
        """Every request, newest first."""
        query = sa.select(contact_requests).order_by(contact_requests.c.created_at.desc(), contact_requests.c.id.desc())
        with self.engine.connect() as conn:
            return [ContactRequest(**row._mapping) for row in conn.execute(query)]

    def get(self, request_id: int) -> Optional[ContactRequest]:
        query = sa.select(contact_requests).where(contact_requests.c.id == request_id)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return ContactRequest(**row._mapping) if row else None

    def mark_handled(self, request_id: int, now: Optional[dt.datetime] = None) -> bool:
        with self.engine.begin() as conn:
            result = conn.execute(
                contact_requests.update()
                .where(contact_requests.c.id == request_id)
                .values(status=HANDLED, handled_at=now or utc_now())
            )
        return result.rowcount > 0

    def purge(self, days: Optional[int] = None, now: Optional[dt.datetime] = None) -> int:
        """Deletes requests created more than `days` (default: the retention setting) ago."""
        with self.engine.begin() as conn:
            return self._purge(conn, days or retention_days(), now or utc_now())

    @staticmethod
    def _purge(conn: sa.engine.Connection, days: int, now: dt.datetime) -> int:
        cutoff = now - dt.timedelta(days=days)
        return conn.execute(contact_requests.delete().where(contact_requests.c.created_at < cutoff)).rowcount


def store() -> ContactStore:
    """The configured store; one per database URL (and connection pool) in a process."""
    return _store_for(database_url())


@functools.lru_cache(maxsize=4)
def _store_for(url: str) -> ContactStore:
    return ContactStore(url)
