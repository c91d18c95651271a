"""Access rules without servers (issue 13, items 4-7): where secrets come from, the refused API routes, the
action server's secret check, socket.io session ids, conversation-id namespaces and client metadata.
The same rules against the real servers: tests/live/test_security_live.py.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Dict, List, Optional

import pytest

from actions.server import SECRET_HEADER, SecretCheck
from extensions.channels.metadata import client_metadata
from extensions.channels.namespaces import SMS_PREFIX, WEB_PREFIX, is_reserved
from extensions.channels.sms import conversation_id
from extensions.channels.socketio import GuardedSocketIOInput, SessionSigner, conversation_of
from extensions.http_api import refuse_model_changes
from harmbot import settings

ROOT = Path(__file__).resolve().parents[1]

# ---------- secrets: the environment wins, else the file in $HARMBOT_VAR ----------

def test_a_secret_in_the_environment_wins_over_the_file(tmp_path):
    (tmp_path / "api_token").write_text("from-file\n")
    env = {"HARMBOT_VAR": str(tmp_path), "RASA_AUTH_TOKEN": "from-env"}
    assert settings.secret(settings.RASA_AUTH_TOKEN, "api_token", env) == "from-env"


def test_without_the_environment_the_secret_comes_from_the_file(tmp_path):
    (tmp_path / "api_token").write_text("from-file\n")
    env = {"HARMBOT_VAR": str(tmp_path), "RASA_AUTH_TOKEN": ""}
    assert settings.secret(settings.RASA_AUTH_TOKEN, "api_token", env) == "from-file"


def test_with_no_secret_anywhere_the_server_does_not_start_open(tmp_path):
    with pytest.raises(SystemExit, match="RASA_AUTH_TOKEN"):
        settings.secret(settings.RASA_AUTH_TOKEN, "api_token", {"HARMBOT_VAR": str(tmp_path)})



def test_the_runtime_folder_is_private_to_the_user_who_runs_the_bot(tmp_path):
    """$HARMBOT_VAR holds the conversations database and the logs as well as the secrets: another account on
    the host must not read conversations from the file when it can't through the API (SQLite creates its
    file 644)."""
    var = tmp_path / "var"
    env = {**os.environ, "HARMBOT_VAR": str(var)}
    for name in ("RASA_AUTH_TOKEN", "ACTION_SERVER_SECRET", "SOCKET_SESSION_SECRET", "SMS_SENDER_SECRET"):
        env.pop(name, None)
    subprocess.run(["bash", "-c", "source scripts/common.sh"], cwd=ROOT, env=env, check=True)
    assert var.stat().st_mode & 0o777 == 0o700
    assert (var / "api_token").stat().st_mode & 0o777 == 0o600


# ---------- the HTTP API: the model can't be unloaded or swapped ----------

def api_request(method: str, route_path: Optional[str]) -> SimpleNamespace:
    route = SimpleNamespace(path=route_path) if route_path is not None else None
    return SimpleNamespace(method=method, route=route)


@pytest.mark.parametrize("method, path", [("DELETE", "model"), ("PUT", "model"), ("PUT", "/model/")])
def test_unloading_or_replacing_the_model_is_refused(method, path):
    answer = asyncio.run(refuse_model_changes(api_request(method, path)))
    assert answer is not None and answer.status == 403


@pytest.mark.parametrize("method, path", [("POST", "model/parse"), ("GET", "status"), ("GET", "model"),
                                          ("DELETE", "conversations/<conversation_id>/tracker"), ("GET", None)])
def test_other_api_routes_pass_on_to_rasa(method, path):
    assert asyncio.run(refuse_model_changes(api_request(method, path))) is None


# ---------- the action server's shared secret ----------

def action_call(path: str, headers: Dict[str, str]) -> SimpleNamespace:
    return SimpleNamespace(path=path, headers=headers)


@pytest.mark.parametrize("headers", [{}, {SECRET_HEADER: "wrong"}, {SECRET_HEADER: ""}, {SECRET_HEADER: "sécret"}])
def test_an_action_call_without_the_secret_gets_401(headers):
    answer = asyncio.run(SecretCheck("s3cret").check(action_call("/webhook", headers)))
    assert answer is not None and answer.status == 401


def test_an_action_call_with_the_secret_passes_and_health_is_open():
    check = SecretCheck("s3cret")
    assert asyncio.run(check.check(action_call("/webhook", {SECRET_HEADER: "s3cret"}))) is None
    assert asyncio.run(check.check(action_call("/health", {}))) is None


# ---------- socket.io session ids ----------

def test_the_server_recognises_the_ids_it_issued_and_nothing_else():
    signer = SessionSigner("key")
    issued = signer.issue()
    assert signer.is_valid(issued) and conversation_of(issued).startswith(WEB_PREFIX)
    assert signer.issue() != issued
    tampered = issued[:-1] + ("0" if issued[-1] != "0" else "1")
    unsigned = conversation_of(issued)
    for claimed in (tampered, unsigned, "test-rest-sender", "sms-abc.def", issued + "é", None, 42, issued * 3):
        assert not signer.is_valid(claimed), claimed
    assert not SessionSigner("another key").is_valid(issued)


def test_the_socketio_channel_does_not_start_without_a_session_secret():
    with pytest.raises(ValueError, match="session_secret"):
        GuardedSocketIOInput.from_credentials({"session_persistence": True})


class FakeSocketServer:
    """Records what the channel does with rooms and emits (python-socketio's AsyncServer interface)."""

    def __init__(self) -> None:
        self.rooms: Dict[str, str] = {}
        self.emitted: List[Any] = []

    def enter_room(self, sid: str, room: str, namespace: Optional[str] = None) -> None:
        self.rooms[sid] = room

    def leave_room(self, sid: str, room: str, namespace: Optional[str] = None) -> None:
        self.rooms.pop(sid, None)

    async def emit(self, event: str, data: Any, room: Optional[str] = None, namespace: Optional[str] = None) -> None:
        self.emitted.append((event, data, room))


def socket_channel() -> tuple:
    channel = GuardedSocketIOInput.from_credentials({"session_persistence": True, "session_secret": "key"})
    channel.sio, channel.sessions = FakeSocketServer(), {}
    received: List[Any] = []

    async def handle(message: Any) -> None:
        received.append(message)

    return channel, handle, received


def test_a_socket_naming_someone_elses_id_gets_its_own_session_and_writes_only_there():
    channel, handle, received = socket_channel()
    asyncio.run(channel.session_request("victim", {"session_id": None}))
    victim_id = channel.sio.emitted[-1][1]
    asyncio.run(channel.session_request("intruder", {"session_id": conversation_of(victim_id)}))
    intruder_id = channel.sio.emitted[-1][1]
    assert conversation_of(intruder_id) != conversation_of(victim_id)
    assert channel.sio.rooms == {"victim": conversation_of(victim_id), "intruder": conversation_of(intruder_id)}

    asyncio.run(channel.user_uttered(handle, "intruder", {"message": "hi", "session_id": victim_id}))
    assert received[-1].sender_id == conversation_of(intruder_id)


def test_a_reloaded_page_resumes_its_own_session():
    channel, handle, received = socket_channel()
    asyncio.run(channel.session_request("first-socket", {}))
    session_id = channel.sio.emitted[-1][1]
    asyncio.run(channel.session_request("after-reload", {"session_id": session_id}))
    event, confirmed, room = channel.sio.emitted[-1]
    assert (event, conversation_of(confirmed), room) == ("session_confirm", conversation_of(session_id), "after-reload")
    assert channel.sio.rooms["after-reload"] == conversation_of(session_id)


def test_a_copied_session_id_takes_the_session_from_the_older_socket_which_then_gets_a_new_one():
    channel, handle, received = socket_channel()
    asyncio.run(channel.session_request("owner", {}))
    session_id = channel.sio.emitted[-1][1]
    asyncio.run(channel.session_request("copy", {"session_id": session_id}))
    assert channel.sio.rooms == {"copy": conversation_of(session_id)}, "one socket per session"
    asyncio.run(channel.user_uttered(handle, "owner", {"message": "hi", "session_id": session_id}))
    assert received[-1].sender_id not in (conversation_of(session_id), "")
    assert channel.sio.rooms["owner"] == received[-1].sender_id


def test_a_message_before_any_session_request_is_answered_in_a_new_session_not_dropped():
    channel, handle, received = socket_channel()
    asyncio.run(channel.user_uttered(handle, "sid", {"message": "i want to die", "metadata": {"phone": "+1555"}}))
    event, session_id, room = channel.sio.emitted[-1]
    assert event == "session_confirm" and room == "sid"
    assert received[-1].text == "i want to die" and received[-1].sender_id == conversation_of(session_id)
    assert received[-1].metadata is None


# ---------- conversation-id namespaces ----------

@pytest.mark.parametrize("sender, reserved", [
    ("web-0123", True), ("WEB-0123", True), ("sms-abc", True), (" Sms-abc", True),
    ("test-0123", False), ("staff-1", False), ("website-visitor", False),
])
def test_rest_may_not_use_the_widget_or_sms_namespace(sender, reserved):
    assert is_reserved(sender) is reserved


def test_sms_and_widget_ids_are_made_in_their_reserved_namespaces():
    assert conversation_id("+18605550100", "secret").startswith(SMS_PREFIX)
    assert is_reserved(conversation_of(SessionSigner("key").issue()))


# ---------- client metadata ----------

@pytest.mark.parametrize("raw", [{"phone": "+18605550100"}, {"blob": "x" * 1_000_000}, "{\"phone\": 1}", [1], None])
def test_client_metadata_is_dropped(raw):
    assert client_metadata(raw) is None


def test_only_allowed_keys_with_short_string_values_are_kept():
    raw = {"language": "es", "phone": "+18605550100", "note": "x" * 65, "nested": {"a": 1}}
    assert client_metadata(raw, allowed={"language", "note", "nested"}) == {"language": "es"}
