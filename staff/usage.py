"""Usage at a glance, from the tracker store, without reading what anyone wrote.

Only these columns of Rasa's `events` table are read: sender_id, type_name, timestamp, intent_name and
action_name, plus the `input_channel` field of user events, pulled out by the database itself so the
event's text never reaches this process. Contact requests are counted, never read. Staff console
conversations (ids starting `staff-`) are left out: they are tests, not people.
"""

from __future__ import annotations

import datetime as dt
import functools
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import sqlalchemy as sa
import yaml

from harmbot.names import CRISIS_RESPONSE
from staff.conversation import STAFF_PREFIX
from staff.settings import ROOT

CRISIS_ACTION = CRISIS_RESPONSE
FALLBACK_INTENT = "nlu_fallback"
FALLBACK_ACTION = "action_default_fallback"
SENDER_CHANNELS = (("sms-", "sms"), ("staff-", "staff"))  # ids the channels themselves mark


@functools.lru_cache(maxsize=1)
def intent_capabilities() -> Dict[str, str]:
    """Intent name -> capability, from the intents each domain file declares (domain/<capability>.yml)."""
    found: Dict[str, str] = {}
    for path in sorted((ROOT / "domain").glob("*.yml")):
        for intent in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("intents") or []:
            found[intent if isinstance(intent, str) else next(iter(intent))] = path.stem
    return found


@functools.lru_cache(maxsize=1)
def emergency_actions() -> frozenset:
    """Responses that send someone to 911 for a medical emergency (named `utter_*emergency*`)."""
    names = set()
    for path in (ROOT / "domain").glob("*.yml"):
        names |= {n for n in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or {}
                  if "emergency" in n}
    return frozenset(names)


@dataclass
class Usage:
    days: List[str] = field(default_factory=list)
    per_day: Dict[str, Dict[str, int]] = field(default_factory=dict)  # day -> channel -> conversations
    channels: List[str] = field(default_factory=list)
    topics: Dict[str, int] = field(default_factory=dict)  # capability -> conversations that reached it
    crisis_replies: int = 0
    emergency_replies: int = 0
    user_messages: int = 0
    fallbacks: int = 0
    conversations: int = 0
    median_length: float = 0.0  # messages from the person per conversation
    contact_requests_waiting: Optional[int] = None

    @property
    def fallback_rate(self) -> float:
        return self.fallbacks / self.user_messages if self.user_messages else 0.0


def _channel_column(engine: sa.engine.Engine, events: sa.Table) -> sa.sql.ColumnElement:
    """The user event's input_channel, extracted inside the database."""
    if engine.dialect.name == "postgresql":
        return sa.cast(events.c.data, sa.JSON)["input_channel"].as_string()
    return sa.func.json_extract(events.c.data, "$.input_channel")


def _channel(sender: str, input_channel: Optional[str]) -> str:
    for prefix, name in SENDER_CHANNELS:
        if sender.startswith(prefix):
            return name
    return {"socketio": "widget", None: "other"}.get(input_channel, input_channel or "other")


def compute(engine: sa.engine.Engine, days: int = 30, now: Optional[dt.datetime] = None,
            waiting: Optional[int] = None) -> Usage:
    now = now or dt.datetime.now(dt.timezone.utc)
    since = (now - dt.timedelta(days=days)).timestamp()
    if not sa.inspect(engine).has_table("events"):
        return _figures([], now, days, waiting)
    events = sa.Table("events", sa.MetaData(), autoload_with=engine)
    is_user = events.c.type_name == "user"
    query = sa.select(
        events.c.sender_id, events.c.type_name, events.c.timestamp, events.c.intent_name, events.c.action_name,
        sa.case((is_user, _channel_column(engine, events)), else_=None),
    ).where(events.c.timestamp >= since, events.c.type_name.in_(["user", "action"]),
            sa.not_(events.c.sender_id.startswith(STAFF_PREFIX))).order_by(events.c.id)
    with engine.connect() as conn:
        rows = conn.execute(query).fetchall()
    return _figures(rows, now, days, waiting)


def empty(days: int = 30, waiting: Optional[int] = None) -> Usage:
    """The figures when there is no conversation store yet: every day at zero."""
    return _figures([], dt.datetime.now(dt.timezone.utc), days, waiting)


def _figures(rows: List[Tuple], now: dt.datetime, days: int, waiting: Optional[int]) -> Usage:
    usage = Usage(contact_requests_waiting=waiting)
    per_day: Dict[str, Dict[str, set]] = defaultdict(lambda: defaultdict(set))
    lengths: Counter = Counter()
    topics: Dict[str, set] = defaultdict(set)
    capabilities = intent_capabilities()
    for sender, kind, timestamp, intent, action, input_channel in rows:
        if kind == "user":
            day = dt.datetime.fromtimestamp(timestamp, dt.timezone.utc).date().isoformat()
            per_day[day][_channel(sender, input_channel)].add(sender)
            lengths[sender] += 1
            usage.user_messages += 1
            usage.fallbacks += intent == FALLBACK_INTENT
            if intent in capabilities:
                topics[capabilities[intent]].add(sender)
        elif action == CRISIS_ACTION:
            usage.crisis_replies += 1
        elif action in emergency_actions():
            usage.emergency_replies += 1
        elif action == FALLBACK_ACTION:
            usage.fallbacks += 1
    usage.days = [(now.date() - dt.timedelta(days=d)).isoformat() for d in range(days - 1, -1, -1)]
    usage.channels = sorted({c for day in per_day.values() for c in day})
    usage.per_day = {d: {c: len(s) for c, s in per_day.get(d, {}).items()} for d in usage.days}
    usage.topics = dict(sorted(((t, len(s)) for t, s in topics.items()), key=lambda kv: -kv[1]))
    usage.conversations = len(lengths)
    usage.median_length = statistics.median(lengths.values()) if lengths else 0.0
    return usage


def missing_sqlite_file(url: str) -> bool:
    """True for a SQLite URL whose file doesn't exist (opening it would create an empty database)."""
    return url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).is_file()


def waiting_contact_requests(url: str) -> Optional[int]:
    """Contact requests not yet handled (a count; nothing in them is read)."""
    if missing_sqlite_file(url):
        return 0
    engine = sa.create_engine(url)
    try:
        if not sa.inspect(engine).has_table("contact_requests"):
            return 0
        table = sa.Table("contact_requests", sa.MetaData(), autoload_with=engine)
        with engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).where(table.c.status == "new")).scalar_one()
    finally:
        engine.dispose()
