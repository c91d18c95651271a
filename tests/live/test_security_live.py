"""Access to the running bot (issue 13, items 4-7), tried the way an attacker on the same host would.

- the HTTP API answers nothing without the token, also under a plain `make run`; the model cannot be
  deleted or replaced over it, so a crisis message always gets 911 and 988;
- a socket.io client cannot join another person's conversation (widget or REST) by naming its id, nor with a
  copied session id once the conversation has been quiet longer than the idle limit;
- the action server refuses calls without the shared secret;
- client metadata is not stored.
"""

from __future__ import annotations

import os
import queue
import signal
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
import requests
import socketio

from extensions.channels.socketio import conversation_of
from tests.live.harness import ROOT, BotServers, free_port, texts

PHONE = "+15555550123"


# ---------- helpers ----------

class SocketClient:
    """A socket.io client speaking the widget's protocol. Long-polling, which sends no Origin header (like any
    script), so the allow-list of web origins does not apply to it."""

    def __init__(self, url: str) -> None:
        self.sio = socketio.Client(reconnection=False)
        self.confirmed: queue.Queue[str] = queue.Queue()
        self.received: queue.Queue[Dict[str, Any]] = queue.Queue()
        self.refreshed: queue.Queue[str] = queue.Queue()
        self.sio.on("session_confirm", self.confirmed.put)
        self.sio.on("session_refresh", self.refreshed.put)
        self.sio.on("bot_uttered", self.received.put)
        self.sio.connect(url, socketio_path="/socket.io", transports=["polling"], wait_timeout=10)

    def session(self, requested: Optional[str] = None) -> str:
        self.sio.emit("session_request", {"session_id": requested})
        return self.confirmed.get(timeout=10)

    def say(self, text: str, session_id: Optional[str], metadata: Optional[Dict[str, Any]] = None) -> None:
        data: Dict[str, Any] = {"message": text, "session_id": session_id}
        if metadata is not None:
            data["metadata"] = metadata
        self.sio.emit("user_uttered", data)

    def replies(self, seconds: float, until: str = "") -> str:
        """What arrived within `seconds` (stops early once `until` was seen)."""
        deadline, got = time.monotonic() + seconds, []
        while time.monotonic() < deadline:
            try:
                got.append(self.received.get(timeout=max(0.05, deadline - time.monotonic())).get("text", ""))
            except queue.Empty:
                break
            if until and until in "\n".join(got):
                break
        return "\n".join(got)

    def close(self) -> None:
        self.sio.disconnect()


def _clients(url: str):
    """`connect()` opens a socket client to `url`; all are closed when the test ends."""
    opened: List[SocketClient] = []

    def connect() -> SocketClient:
        opened.append(SocketClient(url))
        return opened[-1]

    yield connect
    for one in opened:
        one.close()


@pytest.fixture
def client(bot):
    yield from _clients(bot.url)


def user_texts(bot: BotServers, sender: str) -> List[str]:
    return [e.get("text") for e in bot.tracker(sender)["events"] if e["event"] == "user"]


def stored_bytes(bot: BotServers) -> bytes:
    """The tracker store as it is on disk (SQLite file plus its write-ahead log)."""
    files = [bot.var / "conversations.db", bot.var / "conversations.db-wal"]
    return b"".join(f.read_bytes() for f in files if f.exists())


# ---------- item 4: the HTTP API ----------

@pytest.mark.parametrize("method, path", [
    ("GET", "/status"),
    ("POST", "/model/parse"),
    ("POST", "/model/parse/batch"),
    ("GET", "/conversations/{victim}/tracker"),
    ("POST", "/conversations/{victim}/tracker/events"),
    ("PUT", "/conversations/{victim}/tracker/events"),
    ("POST", "/conversations/{victim}/messages"),
    ("DELETE", "/model"),
    ("PUT", "/model"),
])
@pytest.mark.parametrize("token", ["", "wrong-token"])
def test_the_http_api_refuses_callers_without_the_token(bot, sender, method, path, token):
    bot.say(sender, "hi")
    before = user_texts(bot, sender)
    body: Any = {"text": "hi", "event": "user"} if method == "POST" else []
    refused = bot.api(method, path.format(victim=sender), token=token, json=body)
    assert refused.status_code in (401, 403), (method, path, refused.status_code)
    assert user_texts(bot, sender) == before, "the conversation must be unchanged"


def test_model_deletion_and_replacement_are_refused_and_crisis_still_gets_911_and_988(bot, sender):
    assert bot.api("DELETE", "/model").status_code == 403
    assert bot.api("PUT", "/model", json={"model_file": "/nonexistent.tar.gz"}).status_code == 403
    assert bot.api("GET", "/status").json()["model_id"], "the model is still loaded"
    said = texts(bot.say(sender, "i really want to kill myself now"))
    assert "911" in said and "988" in said


def make_run_env(var: Path) -> Dict[str, str]:
    """The environment of someone typing `make run`: no secrets set, nothing inherited from the test run."""
    inherited = ("RASA_AUTH_TOKEN", "ACTION_SERVER_SECRET", "SOCKET_SESSION_SECRET", "HARMBOT_TRACKER_DB_PATH",
                 "ACTION_ENDPOINT_URL", "SMS_WEBHOOK_URL", "SMS_SENDER_SECRET", "HARMBOT_REQUESTS_DB_URL",
                 "WIDGET_ORIGINS")
    env = {k: v for k, v in os.environ.items() if k not in inherited}
    env.update(HARMBOT_VAR=str(var), RASA_PORT=str(free_port()), ACTIONS_PORT=str(free_port()),
               WIDGET_PORT=str(free_port()), STAFF_PORT=str(free_port()))
    return env


def test_make_run_generates_a_private_token_and_never_serves_the_api_without_it():
    var = Path(tempfile.mkdtemp(prefix="harmbot-run-"))
    env = make_run_env(var)
    out = var / "run.out"
    with open(out, "wb") as log:
        run = subprocess.Popen(["bash", "scripts/run.sh"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    url = f"http://127.0.0.1:{env['RASA_PORT']}"
    try:
        token = wait_for_token_and_model(var / "api_token", url, run)
        assert (var / "api_token").stat().st_mode & 0o777 == 0o600
        assert str(var / "api_token") in out.read_text(), "make run says where the token is"
        assert requests.get(f"{url}/status", timeout=10).status_code == 401
        assert requests.get(f"{url}/conversations/someone/tracker", timeout=10).status_code == 401
        assert requests.delete(f"{url}/model", timeout=10).status_code in (401, 403)
        assert requests.delete(f"{url}/model", params={"token": token}, timeout=10).status_code == 403
        assert token not in command_lines(), "the token must not be visible in ps"
        forged = requests.post(f"http://127.0.0.1:{env['ACTIONS_PORT']}/webhook", json={}, timeout=10)
        assert forged.status_code == 401, "the action server needs the shared secret under make run too"
        assert (var / "action_secret").stat().st_mode & 0o777 == 0o600
    finally:
        stop_group(run)


def wait_for_token_and_model(token_file: Path, url: str, run: subprocess.Popen, seconds: float = 300) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert run.poll() is None, f"make run exited with {run.returncode}"
        if token_file.exists():
            token = token_file.read_text().strip()
            try:
                if requests.get(f"{url}/status", params={"token": token}, timeout=2).status_code == 200:
                    return token
            except requests.RequestException:
                pass
        time.sleep(0.5)
    pytest.fail(f"make run did not write {token_file} and load the model within {seconds} s")


def command_lines() -> str:
    """Every process's argv, as `ps` shows it to any user."""
    lines = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            lines.append(cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace"))
        except OSError:
            pass
    return "\n".join(lines)


def stop_group(run: subprocess.Popen) -> None:
    """Ctrl-C for make run (its trap stops the servers); then the process group it started, if anything is left."""
    if run.poll() is None:
        os.killpg(run.pid, signal.SIGINT)
        try:
            run.wait(timeout=40)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(run.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


# ---------- item 5: socket.io sessions ----------

def test_naming_another_widget_conversation_neither_hears_its_crisis_replies_nor_writes_into_it(bot, client):
    victim, intruder = client(), client()
    victim_id = victim.session()
    # The conversation id is what the tracker store, the API and the logs show.
    intruder_id = intruder.session(conversation_of(victim_id))
    assert conversation_of(intruder_id) != conversation_of(victim_id)

    victim.say("i really want to kill myself now", victim_id)
    assert "988" in victim.replies(20, until="988")
    assert "988" not in intruder.replies(3), "the intruder must not receive the victim's crisis reply"

    intruder.say("intruder was here", victim_id)  # Rasa's protocol: the id in every message
    intruder.replies(10)
    assert "intruder was here" not in user_texts(bot, conversation_of(victim_id))


def test_even_a_copied_session_id_does_not_let_a_second_socket_hear_the_crisis_reply(client):
    victim, intruder = client(), client()
    victim_id = victim.session()
    # a valid id resumes (that is how a reload works)...
    assert conversation_of(intruder.session(victim_id)) == conversation_of(victim_id)
    victim.say("i really want to kill myself now", victim_id)
    assert "988" in victim.replies(20, until="988"), "...but the person still gets the crisis reply"
    assert "988" not in intruder.replies(3)


def test_a_socket_client_cannot_write_into_a_rest_conversation(bot, sender, client):
    bot.say(sender, "hi")
    intruder = client()
    assert conversation_of(intruder.session(sender)) != sender
    intruder.say("intruder was here", sender)
    intruder.replies(10)
    assert user_texts(bot, sender) == ["hi"]


@pytest.mark.parametrize("prefix", ["web-", "WEB-", "sms-"])
def test_rest_refuses_conversation_ids_of_the_widget_and_sms_channels(bot, client, prefix):
    widget = client()
    session = widget.session()
    widget.say("what is harm reduction", session)
    widget.replies(20, until="harm reduction")
    taken = prefix + conversation_of(session).split("-", 1)[1]
    refused = requests.post(f"{bot.url}/webhooks/rest/webhook", json={"sender": taken, "message": "intruder"},
                            timeout=10)
    assert refused.status_code == 400
    assert "intruder" not in user_texts(bot, conversation_of(session))


def test_a_reload_resumes_with_the_signed_id_and_a_forged_signature_starts_afresh(bot, client):
    first = client()
    session = first.session()
    first.say("what is harm reduction", session)
    assert "meeting you where you are" in first.replies(20, until="meeting you")
    first.close()

    reloaded = client()
    resumed = reloaded.session(session)
    assert conversation_of(resumed) == conversation_of(session), "the same conversation, with a freshly issued id"
    reloaded.say("hold on are you a bot", resumed)
    assert "chatbot" in reloaded.replies(20, until="chatbot")
    assert user_texts(bot, conversation_of(session))[-2:] == ["what is harm reduction", "hold on are you a bot"]

    forged = session[:-1] + ("0" if session[-1] != "0" else "1")
    assert conversation_of(client().session(forged)) != conversation_of(session)


# ---------- session ids expire when idle (short_idle_bot: the limit is SHORT_IDLE_SECONDS) ----------

def idle_limit(bot: BotServers) -> float:
    return float(bot.env["HARMBOT_SOCKET_SESSION_MAX_IDLE_SECONDS"])


def sleep_until(moment: float) -> None:
    time.sleep(max(0.0, moment - time.monotonic()))


@pytest.fixture
def short_client(short_idle_bot):
    yield from _clients(short_idle_bot.url)


def test_a_copied_session_id_older_than_the_idle_limit_no_longer_takes_over_the_conversation(
    short_idle_bot, short_client
):
    owner = short_client()
    issued = time.monotonic()
    copied = owner.session()
    owner.say("what is harm reduction", copied)
    assert "meeting you where you are" in owner.replies(20, until="meeting you")

    sleep_until(issued + idle_limit(short_idle_bot) + 2)  # the person has been quiet longer than the limit
    intruder = short_client()
    taken = intruder.session(copied)
    assert conversation_of(taken) != conversation_of(copied), "an expired id starts a new conversation"
    intruder.say("intruder was here", copied)
    intruder.replies(10)
    assert "intruder was here" not in user_texts(short_idle_bot, conversation_of(copied))

    owner.say("i really want to kill myself now", copied)  # the person's own socket was not moved out
    assert "988" in owner.replies(20, until="988")
    assert "988" not in intruder.replies(2), "the copier hears nothing of the person's conversation"


def test_chatting_keeps_the_id_fresh_so_a_reload_resumes_and_crisis_still_gets_911_and_988(
    short_idle_bot, short_client
):
    limit = idle_limit(short_idle_bot)
    first = short_client()
    issued = time.monotonic()
    session = first.session()
    first.say("what is harm reduction", session)
    assert "meeting you where you are" in first.replies(20, until="meeting you")

    sleep_until(issued + limit * 0.6)  # past the refresh interval (half the limit, here)
    first.say("hold on are you a bot", session)
    refreshed = first.refreshed.get(timeout=10)  # the server sent a newer id for the same conversation
    assert conversation_of(refreshed) == conversation_of(session) and refreshed != session
    assert "chatbot" in first.replies(20, until="chatbot")

    sleep_until(issued + limit + 1.5)  # the first id has expired; the refreshed one has not
    first.close()
    reloaded = short_client()
    resumed = reloaded.session(refreshed)
    assert conversation_of(resumed) == conversation_of(session), "a reload within the limit resumes"
    reloaded.say("i really want to kill myself now", resumed)
    said = reloaded.replies(20, until="988")
    assert "911" in said and "988" in said, "crisis still gets the crisis reply after a resume"
    wanted = ["what is harm reduction", "hold on are you a bot", "i really want to kill myself now"]
    deadline = time.monotonic() + 10  # the tracker is saved when the turn ends, after the first replies
    while user_texts(short_idle_bot, conversation_of(session))[-3:] != wanted and time.monotonic() < deadline:
        time.sleep(0.3)
    assert user_texts(short_idle_bot, conversation_of(session))[-3:] == wanted, "all in the one conversation"

    assert conversation_of(short_client().session(session)) != conversation_of(session), "the first id expired"


# ---------- item 6: the action server ----------

def forged_contact_request(value: str) -> Dict[str, Any]:
    slots = {"contact_confirm": "yes", "contact_how": f"phone:{value}", "contact_time": "forged", "contact_note": None}
    tracker = {"sender_id": "forger", "slots": slots, "latest_message": {}, "events": [], "paused": False,
               "followup_action": None, "active_loop": {}, "latest_action_name": None,
               "latest_input_channel": "rest"}
    return {"next_action": "action_contact_submit", "sender_id": "forger", "tracker": tracker, "domain": {},
            "version": "3.6.2"}


def stored_contact_requests(bot: BotServers) -> List[tuple]:
    """(contact_value, best_time) of every stored request."""
    with sqlite3.connect(bot.var / "conversations.db") as db:
        try:
            return list(db.execute("SELECT contact_value, best_time FROM contact_requests"))
        except sqlite3.OperationalError:  # no request was ever stored: no table yet
            return []


@pytest.mark.parametrize("secret", [None, "wrong-secret"])
def test_a_forged_action_server_call_files_no_contact_request(bot, secret):
    # Area code 959, never 860: the contact tests file real requests for 860-555-XXXX from the random sender id, and
    # stop 34's CI drew 0199, this test's old number (the database is shared by the session).
    value = "+19595550199"
    headers = {"X-Action-Secret": secret} if secret else {}
    forged = requests.post(f"http://127.0.0.1:{bot.actions_port}/webhook", json=forged_contact_request(value),
                           headers=headers, timeout=10)
    assert forged.status_code == 401
    stored = stored_contact_requests(bot)
    assert value not in [v for v, _ in stored] and "forged" not in [t for _, t in stored]
    assert requests.get(f"http://127.0.0.1:{bot.actions_port}/health", timeout=10).status_code == 200


# ---------- item 7: client metadata ----------

def test_rest_metadata_is_not_stored(bot, sender):
    size_before = len(stored_bytes(bot))
    response = requests.post(
        f"{bot.url}/webhooks/rest/webhook",
        json={"sender": sender, "message": "hi", "metadata": {"phone": PHONE, "blob": "x" * 300_000}}, timeout=30,
    )
    assert response.status_code in (200, 400, 413)
    tracker = str(bot.tracker(sender))
    assert PHONE not in tracker and "xxxxxxxxxx" not in tracker
    assert PHONE.encode() not in stored_bytes(bot)
    assert len(stored_bytes(bot)) - size_before < 100_000



def test_rest_metadata_small_enough_to_pass_the_size_limits_is_still_not_stored(bot, sender):
    """The allow-list itself: the request above is refused for its size before the allow-list is reached."""
    response = requests.post(
        f"{bot.url}/webhooks/rest/webhook",
        json={"sender": sender, "message": "hi", "metadata": {"phone": PHONE, "name": "Sam"}}, timeout=30,
    )
    assert response.status_code == 200 and response.json(), "the turn is answered"
    tracker = str(bot.tracker(sender))
    assert PHONE not in tracker and "Sam" not in tracker
    assert PHONE.encode() not in stored_bytes(bot)

def test_socketio_metadata_is_not_stored(bot, client):
    widget = client()
    session = widget.session()
    widget.say("hi", session, metadata={"phone": PHONE, "blob": "x" * 1_000})
    assert "988" in widget.replies(20, until="988")
    tracker = str(bot.tracker(conversation_of(session)))
    assert PHONE not in tracker and "xxxxxxxxxx" not in tracker
    assert PHONE.encode() not in stored_bytes(bot)
