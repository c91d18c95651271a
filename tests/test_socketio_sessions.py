"""Widget session ids expire when idle (extensions/channels/socketio.py): a copied id stops resuming the
conversation once it has been quiet for HARMBOT_SOCKET_SESSION_MAX_IDLE_SECONDS, while a person who keeps
chatting or reloads in time keeps their conversation. The clock is injected: nothing sleeps."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
from typing import Any, List, Optional, Tuple

import pytest

from extensions.channels.namespaces import WEB_PREFIX, is_reserved
from extensions.channels.socketio import GuardedSocketIOInput, SessionSigner, conversation_of
from harmbot import settings
from tests.test_access import FakeSocketServer

LIMIT = 3600.0


class Clock:
    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def channel_with_clock(limit: float = LIMIT) -> Tuple[GuardedSocketIOInput, Clock, Any, List[Any]]:
    clock = Clock()
    channel = GuardedSocketIOInput.from_credentials({"session_persistence": True, "session_secret": "key"})
    channel.signer = SessionSigner("key", max_idle_seconds=limit, clock=clock)
    channel.sio = FakeSocketServer()
    received: List[Any] = []

    async def handle(message: Any) -> None:
        received.append(message)

    return channel, clock, handle, received


def request(channel: GuardedSocketIOInput, sid: str, session_id: Optional[str] = None) -> str:
    asyncio.run(channel.session_request(sid, {"session_id": session_id}))
    event, confirmed, room = channel.sio.emitted[-1]
    assert (event, room) == ("session_confirm", sid)
    return confirmed


def say(channel: GuardedSocketIOInput, handle: Any, sid: str, text: str) -> List[Any]:
    before = len(channel.sio.emitted)
    asyncio.run(channel.user_uttered(handle, sid, {"message": text}))
    return channel.sio.emitted[before:]


def old_format_id(conversation: str, secret: str = "key") -> str:
    """An id as the channel issued them before ids expired: `web-<random>.<signature>`."""
    signature = hmac.new(secret.encode(), conversation.encode(), hashlib.sha256).hexdigest()[:32]
    return f"{conversation}.{signature}"


# ---------- the id itself ----------

def test_an_id_carries_its_issue_time_and_still_names_a_widget_conversation():
    clock = Clock()
    issued = SessionSigner("key", LIMIT, clock).issue()
    conversation, when, signature = issued.split(".")
    assert int(when) == int(clock.now) and len(signature) == 32
    assert conversation_of(issued) == conversation and conversation.startswith(WEB_PREFIX)
    assert is_reserved(conversation_of(issued)), "REST still refuses the widget's conversation ids"


def test_an_id_resumes_until_the_idle_limit_and_not_a_second_after():
    clock = Clock()
    signer = SessionSigner("key", LIMIT, clock)
    issued = signer.issue()
    clock.now += LIMIT
    assert signer.resumable(issued) == conversation_of(issued)
    clock.now += 1
    assert signer.resumable(issued) is None and not signer.is_valid(issued)


def test_changing_the_issue_time_breaks_the_signature():
    clock = Clock()
    signer = SessionSigner("key", LIMIT, clock)
    issued = signer.issue()
    clock.now += LIMIT + 100
    conversation, when, signature = issued.split(".")
    younger = f"{conversation}.{int(clock.now)}.{signature}"
    assert not signer.is_valid(younger), "a copied id cannot be made young again without the secret"
    assert signer.is_valid(signer.issue(conversation)), "only the server can refresh it"


@pytest.mark.parametrize("claimed", [
    "web-0123.1800000000", "web-0123..abc", "web-0123.18e8.abc", "web-0123.١٨٠٠.abc", "web-a.b.c.d", "", None, 7,
])
def test_malformed_ids_are_refused_without_an_exception(claimed):
    assert SessionSigner("key", LIMIT, Clock()).resumable(claimed) is None


def test_an_id_from_the_far_future_is_refused_but_a_little_clock_skew_between_replicas_is_not():
    clock = Clock()
    ahead = Clock(clock.now + 30)
    far = Clock(clock.now + 3 * LIMIT)
    signer = SessionSigner("key", LIMIT, clock)
    assert signer.is_valid(SessionSigner("key", LIMIT, ahead).issue())
    assert not signer.is_valid(SessionSigner("key", LIMIT, far).issue())


def test_another_replica_with_the_same_secret_and_limit_resumes_the_id_nothing_is_stored():
    clock = Clock()
    issued = SessionSigner("key", LIMIT, clock).issue()
    clock.now += 60
    assert SessionSigner("key", LIMIT, clock).resumable(issued) == conversation_of(issued)


def test_the_idle_limit_comes_from_the_setting_and_defaults_to_an_hour(monkeypatch):
    monkeypatch.delenv(settings.SOCKET_SESSION_MAX_IDLE_SECONDS.name, raising=False)
    assert SessionSigner("key").max_idle == 3600
    monkeypatch.setenv(settings.SOCKET_SESSION_MAX_IDLE_SECONDS.name, "90")
    assert SessionSigner("key").max_idle == 90
    assert SessionSigner("key").refresh_interval == 45


# ---------- resume, expire, forge, old format ----------

def test_a_reload_within_the_limit_resumes_the_same_conversation_with_a_fresh_id():
    channel, clock, handle, received = channel_with_clock()
    first = request(channel, "tab")
    clock.now += LIMIT - 5
    resumed = request(channel, "reloaded-tab", first)
    assert conversation_of(resumed) == conversation_of(first)
    assert resumed != first and int(resumed.split(".")[1]) == int(clock.now), "a freshly issued id"
    say(channel, handle, "reloaded-tab", "still here")
    assert received[-1].sender_id == conversation_of(first)

    clock.now += LIMIT - 5  # counted from the fresh id, not from the first one
    assert conversation_of(request(channel, "again", resumed)) == conversation_of(first)


def test_a_copied_id_older_than_the_limit_gets_a_new_conversation_and_cannot_take_the_old_one_over():
    channel, clock, handle, received = channel_with_clock()
    owner_id = request(channel, "owner")
    say(channel, handle, "owner", "my first message")
    clock.now += LIMIT + 1
    copier_id = request(channel, "copier", owner_id)
    assert conversation_of(copier_id) != conversation_of(owner_id)
    assert channel.sio.rooms["owner"] == conversation_of(owner_id), "the owner's socket stays in its room"
    assert channel.sio.rooms["copier"] == conversation_of(copier_id)
    say(channel, handle, "copier", "writing as them")
    assert received[-1].sender_id == conversation_of(copier_id)


def test_a_forged_signature_gets_a_new_conversation():
    channel, clock, handle, received = channel_with_clock()
    real = request(channel, "tab")
    forged = real[:-1] + ("0" if real[-1] != "0" else "1")
    assert conversation_of(request(channel, "other", forged)) != conversation_of(real)
    assert conversation_of(request(channel, "other", conversation_of(real))) != conversation_of(real)


def test_an_id_in_the_old_format_is_treated_like_an_expired_one():
    channel, clock, handle, received = channel_with_clock()
    conversation = conversation_of(request(channel, "tab"))
    old = old_format_id(conversation)
    fresh = request(channel, "tab-after-upgrade", old)
    assert conversation_of(fresh) != conversation and conversation_of(fresh).startswith(WEB_PREFIX)
    say(channel, handle, "tab-after-upgrade", "hello again")
    assert received[-1].sender_id == conversation_of(fresh)


# ---------- refresh while chatting ----------

def refreshes(emitted: List[Any]) -> List[str]:
    return [data for event, data, _ in emitted if event == "session_refresh"]


def test_a_person_chatting_gets_a_refreshed_id_at_most_once_a_minute():
    channel, clock, handle, received = channel_with_clock()
    first = request(channel, "tab")
    assert not refreshes(say(channel, handle, "tab", "hi")), "the id was just issued"
    clock.now += 59
    assert not refreshes(say(channel, handle, "tab", "one more"))
    clock.now += 2
    (refreshed,) = refreshes(say(channel, handle, "tab", "and another"))
    assert conversation_of(refreshed) == conversation_of(first) and int(refreshed.split(".")[1]) == int(clock.now)
    assert received[-1].sender_id == conversation_of(first)
    clock.now += 30
    assert not refreshes(say(channel, handle, "tab", "a fourth"))


def test_a_long_conversation_keeps_resuming_while_the_first_id_has_expired():
    channel, clock, handle, received = channel_with_clock()
    first = request(channel, "tab")
    held = first
    for _ in range(10):  # ten messages, 20 minutes apart: over three hours in all
        clock.now += 20 * 60
        held = (refreshes(say(channel, handle, "tab", "still talking")) or [held])[-1]
    assert not channel.signer.is_valid(first)
    assert conversation_of(request(channel, "reloaded", held)) == conversation_of(first)


def test_a_socket_that_never_asked_is_confirmed_not_refreshed_and_its_message_is_handled():
    channel, clock, handle, received = channel_with_clock()
    emitted = say(channel, handle, "sid", "hello")
    assert [event for event, _, _ in emitted] == ["session_confirm"]
    assert received[-1].sender_id == conversation_of(emitted[0][1])


def test_a_tiny_limit_refreshes_more_often_than_once_a_minute():
    channel, clock, handle, received = channel_with_clock(limit=6)
    first = request(channel, "tab")
    clock.now += 3
    (refreshed,) = refreshes(say(channel, handle, "tab", "hi"))
    clock.now += 5  # 8 s after the first id, 5 s after the refreshed one
    assert not channel.signer.is_valid(first) and channel.signer.is_valid(refreshed)


def test_a_closed_socket_is_forgotten():
    channel, clock, handle, received = channel_with_clock()
    request(channel, "tab")
    channel.forget_socket("tab")
    assert "tab" not in channel.sessions and "tab" not in channel.issued_at
