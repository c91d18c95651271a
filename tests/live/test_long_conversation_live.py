"""A 260-turn conversation gives the same replies, actions and stored events with and without the
long-conversation shortcuts (issue 15): the cached tracker store with its IncrementalTracker, the rule
policy over the last turns, and the crisis policy over the tail.

Both runs use the real model and the real action server, through Rasa's Agent in this process (the
reference run with Rasa's SQL store re-reading every turn and the shortcuts switched off). The
conversation holds a whole safety plan mid-way (a form, then its redaction) and a crisis after 250
turns, after which every turn must still carry the crisis reminder.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any, Dict, List, Tuple

import pytest
from rasa.core.agent import load_agent
from rasa.core.utils import AvailableEndpoints
from rasa.shared.core.events import ActionExecuted, UserUttered

import extensions.bounded_rule_policy
import extensions.crisis_policy
from harmbot import content
from tests.live.harness import BotServers, trained_model

ORDINARY = ["hi", "what is harm reduction", "are you a bot", "is this private", "thanks",
            "tell me about peer support", "menu", "ok"]
PLAN = ["can we make a safety plan", "cant sleep", "loud music", "skip", "my sister Jo", "Dr Ortiz",
        "ask my roommate to hold onto things", "my cat Biscuit"]
CRISIS_AT = 251
TURNS = 260


def script() -> List[str]:
    messages = [ORDINARY[i % len(ORDINARY)] for i in range(TURNS)]
    messages[100:100 + len(PLAN)] = PLAN
    messages[CRISIS_AT - 1] = "i want to kill myself"
    return messages


Turn = Tuple[List[Dict[str, Any]], List[str]]


async def converse(endpoints: AvailableEndpoints, model: str, messages: List[str]) -> Tuple[List[Turn], list]:
    agent = await load_agent(model_path=model, endpoints=endpoints)
    turns: List[Turn] = []
    for text in messages:
        replies = await agent.handle_text(text, sender_id="long-conversation")
        tracker = await agent.tracker_store.retrieve("long-conversation")
        events = list(tracker.events)
        turn_start = max(i for i, e in enumerate(events) if isinstance(e, UserUttered))
        actions = [e.action_name for e in events[turn_start:] if isinstance(e, ActionExecuted)]
        turns.append(([{k: r.get(k) for k in ("text", "buttons")} for r in replies or []], actions))
    full = await agent.tracker_store.retrieve_full_tracker("long-conversation")
    return turns, [comparable(e.as_dict()) for e in full.events]


def comparable(event: Dict[str, Any]) -> Dict[str, Any]:
    """An event as stored, without what differs between any two runs (time, random message ids)."""
    event = {k: v for k, v in event.items() if k not in ("timestamp", "message_id")}
    if isinstance(event.get("parse_data"), dict):
        event["parse_data"] = {k: v for k, v in event["parse_data"].items() if k != "message_id"}
    return event


@pytest.fixture(scope="module")
def actions_server():
    servers = BotServers()
    servers.start_actions()
    yield servers
    servers.stop()


def endpoints_for(servers: BotServers, tmp_path, name: str) -> AvailableEndpoints:
    os.environ["HARMBOT_TRACKER_DB_PATH"] = str(tmp_path / f"{name}.db")
    os.environ["ACTION_ENDPOINT_URL"] = servers.env["ACTION_ENDPOINT_URL"]
    os.environ["ACTION_SERVER_SECRET"] = servers.env["ACTION_SERVER_SECRET"]  # endpoints.yml sends it
    return AvailableEndpoints.read_endpoints("endpoints.yml")


def test_long_conversation_is_the_same_with_and_without_shortcuts(actions_server, tmp_path, monkeypatch):
    model, messages = trained_model(), script()
    used = {"states": 0}
    recent_states = extensions.bounded_rule_policy.recent_states

    def counted(*args: Any) -> Any:
        states = recent_states(*args)
        used["states"] += states is not None
        return states

    monkeypatch.setattr(extensions.bounded_rule_policy, "recent_states", counted)
    fast = endpoints_for(actions_server, tmp_path, "fast")
    assert fast.tracker_store.type == "extensions.tracker_cache.CachedSQLTrackerStore"
    fast_turns, fast_stored = asyncio.run(converse(fast, model, messages))

    monkeypatch.setattr(extensions.bounded_rule_policy, "recent_states", lambda *args: None)
    monkeypatch.setattr(extensions.crisis_policy, "recent_applied_events", lambda *args: None)
    plain = endpoints_for(actions_server, tmp_path, "plain")
    plain.tracker_store.type = "extensions.tracker_store.TunedSQLTrackerStore"
    plain.tracker_store.kwargs.pop("cache_conversations", None)
    plain_turns, plain_stored = asyncio.run(converse(plain, model, messages))

    assert used["states"] > 300, "the shortcut must have been taken for most predictions"
    for number, (text, mine, theirs) in enumerate(zip(messages, fast_turns, plain_turns, strict=True), 1):
        assert mine == theirs, f"turn {number} ({text!r}) differs"
    assert fast_stored == plain_stored

    crisis_replies = " ".join(r["text"] or "" for r in fast_turns[CRISIS_AT - 1][0])
    assert "911" in crisis_replies and "988" in crisis_replies
    reminder = content.sentence("messages", "crisis_reminder")
    for replies, _ in fast_turns[CRISIS_AT:]:
        assert reminder in replies[0]["text"], "resources stay in view after the crisis"
    plan_end = " ".join(r["text"] or "" for r in fast_turns[100 + len(PLAN) - 1][0])
    assert "my cat Biscuit" in plan_end, "the plan came back in the person's words"
    assert "my cat Biscuit" not in str(fast_stored), "and was not kept"
