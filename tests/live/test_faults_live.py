"""Faults: a killed or hung server must not take the crisis reply, the other servers or stored
conversations with it (issue 13, items 1-3).

The supervisor tests start the real `scripts/run.sh` (what `make run` does) on free ports with a temp
var dir, then kill -9 one of its children. The hang tests SIGSTOP the shared bot's action server.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List

import pytest
import requests
import socketio

from tests.live.harness import ROOT, free_port, texts

NOTICE = "aren't loading right now"  # utter_crisis_handoff_unavailable (domain/crisis.yml)
REMINDER = "If you need someone now: call or text 988"  # crisis_reminder (resources/messages.yml)
# Variables common.sh derives from ports and HARMBOT_VAR: run.sh must derive them afresh, not inherit
# the ones `make test` exported for the default ports.
# How each service's process is recognised (its command line).
COMMANDS = {"actions": "-m actions.server", "rasa": "scripts/rasa_server.py", "widget": "widget_server.py"}
DERIVED = ("HARMBOT_TRACKER_DB_PATH", "ACTION_ENDPOINT_URL", "SMS_WEBHOOK_URL", "WIDGET_SOCKET_URL", "WIDGET_ORIGINS")


def assert_crisis_essentials(said: str) -> None:
    assert "911" in said and "988" in said, said
    assert said.index("911") < said.index("988"), "911 must lead"


def wait_until(check: Callable[[], bool], seconds: float) -> float:
    """Seconds until check() was true; fails after `seconds`."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            if check():
                return time.monotonic() - started
        except (requests.RequestException, LookupError):
            pass  # not up (again) yet
        time.sleep(0.2)
    raise AssertionError(f"not within {seconds} s")


class Supervised:
    """`scripts/run.sh` as a subprocess, on free ports, with a private var dir."""

    def __init__(self) -> None:
        self.var = Path(tempfile.mkdtemp(prefix="harmbot-faults-"))
        self.logs = self.var / "logs"
        self.rasa_port, self.actions_port, self.widget_port = free_port(), free_port(), free_port()
        env = {k: v for k, v in os.environ.items() if k not in DERIVED}
        env.update(
            HARMBOT_VAR=str(self.var), RASA_PORT=str(self.rasa_port), ACTIONS_PORT=str(self.actions_port),
            WIDGET_PORT=str(self.widget_port), STAFF_PORT=str(free_port()), SMS_SENDER_SECRET="live-test-secret",
        )
        self.env = env
        output = open(self.var / "run.out", "ab")
        self.process = subprocess.Popen(
            ["bash", "scripts/run.sh"], cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def up(self, name: str) -> bool:
        url = {
            "rasa": f"{self.url}/",
            "actions": f"http://127.0.0.1:{self.actions_port}/health",
            "widget": f"http://127.0.0.1:{self.widget_port}/",
        }[name]
        return requests.get(url, timeout=2).status_code == 200

    def pid(self, name: str) -> int:
        """The service's current process: started by run.sh (same session), found by its command line."""
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                session = int(stat.read_text().rsplit(")", 1)[1].split()[3])
                command = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except (OSError, IndexError, ValueError):
                continue  # the process ended while we looked
            if session == self.process.pid and COMMANDS[name] in command:
                return int(stat.parent.name)
        raise LookupError(f"no {name} process under run.sh")

    def say(self, sender: str, text: str, timeout: float = 30) -> List[Dict[str, Any]]:
        response = requests.post(
            f"{self.url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=timeout
        )
        response.raise_for_status()
        return response.json()

    def events(self, sender: str) -> List[Dict[str, Any]]:
        """The stored conversation, read over the HTTP API with run.sh's token (inherited, or the one it made)."""
        token = self.env.get("RASA_AUTH_TOKEN") or (self.var / "api_token").read_text().strip()
        response = requests.get(f"{self.url}/conversations/{sender}/tracker", params={"token": token}, timeout=30)
        response.raise_for_status()
        return response.json()["events"]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # run.sh stops its children on TERM
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # anything left behind
        except ProcessLookupError:
            pass


@pytest.fixture(scope="module")
def supervised() -> Iterator[Supervised]:
    run = Supervised()
    try:
        # Long enough for train.sh to train if the model isn't there yet, then a cold start.
        wait_until(lambda: all(run.up(name) for name in ("rasa", "actions", "widget")), 600)
        yield run
    finally:
        run.stop()


def test_killed_action_server_comes_back_and_crisis_is_answered_meanwhile(supervised, sender):
    victim = supervised.pid("actions")
    others = supervised.pid("rasa"), supervised.pid("widget")
    os.kill(victim, signal.SIGKILL)

    said = texts(supervised.say(sender, "honestly i want to kill myself tonight"))
    assert_crisis_essentials(said)
    # The static fallback and its notice, unless the supervisor had the action server back before the turn
    # reached it (about 3 s after the kill; a turn on a loaded machine can take that long).
    assert NOTICE in said or supervised.pid("actions") != victim, said

    restart = wait_until(lambda: supervised.up("actions") and supervised.pid("actions") != victim, 40)
    print(f"action server answering again {restart:.1f} s after kill -9")
    assert (supervised.pid("rasa"), supervised.pid("widget")) == others, "the other services kept running"
    assert supervised.up("widget")
    log = (supervised.logs / "supervisor.log").read_text()
    assert "actions stopped (exit code 137" in log
    # The log is appended, not overwritten: both start-ups are in it.
    assert (supervised.logs / "actions.log").read_text().count("Starting action endpoint server") >= 2
    # With the action server back, the full crisis reply again, without the notice.
    said = texts(supervised.say(f"{sender}-2", "honestly i want to kill myself tonight"))
    assert_crisis_essentials(said)
    assert NOTICE not in said


def test_killed_rasa_comes_back_with_the_conversation_it_stored(supervised, sender):
    assert_crisis_essentials(texts(supervised.say(sender, "i want to end my life")))
    stored = supervised.events(sender)
    victim, actions = supervised.pid("rasa"), supervised.pid("actions")
    os.kill(victim, signal.SIGKILL)

    restart = wait_until(lambda: supervised.up("rasa") and supervised.pid("rasa") != victim, 240)
    print(f"Rasa answering again {restart:.1f} s after kill -9")
    assert supervised.pid("actions") == actions, "the action server kept running"
    # Every event stored before the kill is still there, unchanged and in order.
    assert supervised.events(sender) == stored
    # The restarted server still knows this person had a crisis turn: 988/911 stay in view.
    said = texts(supervised.say(sender, "what is harm reduction"))
    assert REMINDER in said, said
    assert (supervised.logs / "rasa.log").read_text().count("Starting Rasa server") >= 2


def test_stopping_make_run_stops_every_service(supervised):
    pids = [supervised.pid(name) for name in ("rasa", "actions", "widget")]
    supervised.process.terminate()
    supervised.process.wait(timeout=40)
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


@contextmanager
def hung_action_server(bot) -> Iterator[None]:
    """The action server accepts connections and answers nothing (what a stuck process looks like)."""
    os.kill(bot.actions.pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(bot.actions.pid, signal.SIGCONT)


def timed_say(bot, sender: str, text: str) -> tuple[str, float]:
    started = time.monotonic()
    said = texts(bot.say(sender, text, timeout=30))
    return said, time.monotonic() - started


def test_crisis_reply_arrives_within_5_s_and_is_stored_when_the_action_server_hangs(bot, sender):
    with hung_action_server(bot):
        said, seconds = timed_say(bot, sender, "honestly i want to kill myself tonight")
        print(f"crisis reply with a hung action server: {seconds:.2f} s")
        assert seconds < 5
        assert_crisis_essentials(said)
        assert NOTICE in said
        events = bot.tracker(sender)["events"]
    assert any(e["event"] == "user" and e.get("text") == "honestly i want to kill myself tonight" for e in events)
    assert any(e["event"] == "bot" and "988" in (e.get("text") or "") for e in events)


def test_contact_turns_when_the_action_server_hangs_give_the_program_contact(bot, sender):
    with hung_action_server(bot):
        said, seconds = timed_say(bot, sender, "/contact_human")
        assert seconds < 5
        assert "part of my answer isn't loading" in said
        assert "katherine.mcmullan@ct.gov" in said and "988" in said and "911" in said
        said, seconds = timed_say(bot, sender, "/affirm")  # yes to a contact request: the form can't run
        assert seconds < 5
    assert "can't finish the contact request right now" in said
    assert "katherine.mcmullan@ct.gov" in said and "988" in said


def test_safety_plan_when_the_action_server_hangs_says_it_cannot_go_on(bot, sender):
    with hung_action_server(bot):
        said, seconds = timed_say(bot, sender, "/safety_plan")
        assert seconds < 10
    assert "can't carry on with the safety plan right now" in said
    assert "988" in said and "911" in said
    # The form was closed: with the action server back, asking again starts the plan afresh.
    assert "Step 1 of 7" in texts(bot.say(sender, "/safety_plan"))


def test_buttons_and_closed_websockets_leave_no_errors_in_the_log(bot, sender):
    reply = bot.say(sender, "/coping_alternatives")
    assert any("{" in b["payload"] for m in reply for b in m.get("buttons") or []), "JSON payloads shown"
    client = socketio.Client(websocket_extra_options={"suppress_origin": True})
    client.connect(bot.url, transports=["websocket"], wait_timeout=10)
    client.emit("session_request", {"session_id": sender})
    time.sleep(0.5)
    client.disconnect()
    time.sleep(1)  # the server logs the close after the client has gone
    log = (bot.var / "rasa.log").read_text(errors="replace")
    assert "rasa.core.nlg.interpolator" not in log
    assert "Invalid response type None" not in log


def test_a_poll_after_the_socket_closed_gets_400_and_leaves_no_traceback(bot):
    """engine.io keeps a closed polling socket until its next GET, then raises KeyError('Session is
    disconnected') from that GET: a 500 and a traceback in rasa.log whenever a widget tab's last poll
    crosses its close (seen under `make run`)."""
    polling = f"{bot.url}/socket.io/"
    handshake = requests.get(polling, params={"EIO": "4", "transport": "polling"}, timeout=10)
    sid = json.loads(handshake.text[1:])["sid"]  # "0{...}": engine.io's open packet
    query = {"EIO": "4", "transport": "polling", "sid": sid}
    assert requests.post(polling, params=query, data="1", timeout=10).status_code == 200  # "1": close
    late_poll = requests.get(polling, params=query, timeout=10)
    assert late_poll.status_code == 400, late_poll.status_code
    time.sleep(0.5)
    log = (bot.var / "rasa.log").read_text(errors="replace")
    assert "Session is disconnected" not in log
