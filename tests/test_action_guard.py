"""A custom action that hangs, is down or errors still leaves the person with a reply (extensions/action_guard.py).

These run Rasa's own RemoteAction and FormAction against an action server that isn't there (connection
refused) or never answers (a socket that accepts and stays silent), with the project's NLG.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Iterator, List, Optional

import pytest
import yaml
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.core.actions.forms import FormAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from extensions import action_guard
from extensions.nlg import SafetyFooterNLG
from tests.live.harness import ROOT


@pytest.fixture(autouse=True)
def short_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(action_guard.TIMEOUT_ENV, "0.5")


@pytest.fixture(autouse=True)
def fresh_servers(monkeypatch: pytest.MonkeyPatch) -> None:
    """No action server is remembered as unreachable from an earlier test."""
    monkeypatch.setattr(action_guard, "_unreachable", set())


@pytest.fixture
def nlg(domain) -> SafetyFooterNLG:
    return SafetyFooterNLG(domain=domain)  # installs the guard


@pytest.fixture
def down() -> EndpointConfig:
    """An action endpoint where nothing listens (what a killed action server looks like)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return EndpointConfig(f"http://127.0.0.1:{port}/webhook")


@pytest.fixture
def hung() -> Iterator[EndpointConfig]:
    """An action endpoint that accepts the connection and never answers (a SIGSTOPped action server)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        yield EndpointConfig(f"http://127.0.0.1:{s.getsockname()[1]}/webhook")


def run(action, nlg, tracker, domain) -> List[Event]:
    return asyncio.run(action.run(CollectingOutputChannel(), nlg, tracker, domain))


def said(events: List[Event]) -> str:
    return "\n".join(e.text or "" for e in events if isinstance(e, BotUttered))


def tracker(*events: Event) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("t", [ActionExecuted("action_listen"), *events])


def test_crisis_handoff_that_hangs_answers_with_the_notice_within_the_timeout(nlg, domain, hung):
    crisis_turn = tracker(UserUttered("i want to die", {"name": "crisis"}), ActionExecuted("utter_crisis"))
    started = time.monotonic()
    events = run(RemoteAction("action_crisis_handoff", hung), nlg, crisis_turn, domain)
    assert time.monotonic() - started < 2
    assert "extra lines I usually add aren't loading" in said(events)
    assert "911" in said(events) and "988" in said(events)


def test_contact_handoff_with_the_action_server_down_gives_the_program_contact_and_988(nlg, domain, down):
    events = run(RemoteAction("action_contact_handoff", down), nlg, tracker(UserUttered("staff")), domain)
    assert "katherine.mcmullan@ct.gov" in said(events)
    assert "988" in said(events) and "911" in said(events)


def test_contact_request_form_that_cannot_validate_closes_and_forgets_the_answer(nlg, domain, down):
    in_form = tracker(
        ActiveLoop("contact_request_form"), SlotSet("requested_slot", "contact_time"),
        SlotSet("contact_how", "phone:+18605550123"), ActionExecuted("action_listen"), UserUttered("mornings"),
    )
    events = run(FormAction("contact_request_form", down), nlg, in_form, domain)
    assert "can't finish the contact request right now" in said(events)
    assert "katherine.mcmullan@ct.gov" in said(events) and "988" in said(events)
    in_form.update_with_events(events, domain)
    assert in_form.active_loop_name is None
    assert in_form.get_slot("contact_how") is None


def test_safety_plan_that_cannot_start_says_so_once_and_keeps_nothing(nlg, domain, hung):
    asked = tracker(UserUttered("safety plan", {"name": "safety_plan"}), ActionExecuted("utter_safety_plan_intro"))
    started = time.monotonic()
    events = run(FormAction("safety_plan_form", hung), nlg, asked, domain)
    assert time.monotonic() - started < 2, "a second call in the same turn must not wait again"
    assert said(events).count("can't carry on with the safety plan") == 1
    assert "988" in said(events) and "911" in said(events)
    asked.update_with_events(events, domain)
    assert asked.active_loop_name is None


def test_an_action_after_a_failed_one_in_the_same_turn_adds_no_second_notice(nlg, domain, down):
    turn = tracker(UserUttered("x"))
    first = run(RemoteAction("action_contact_handoff", down), nlg, turn, domain)
    turn.update_with_events([ActionExecuted("action_contact_handoff"), *first], domain)
    second = run(RemoteAction("action_contact_handoff", down), nlg, turn, domain)
    assert said(first) and not said(second)


def test_an_action_without_its_own_fallback_gets_the_general_notice(nlg, domain, down):
    events = run(RemoteAction("action_medication_reason", down), nlg, tracker(UserUttered("x")), domain)
    assert "part of my answer isn't loading" in said(events)
    assert "988" in said(events)


def stub_server(status: int, body: Optional[dict] = None) -> type:
    """An action server stand-in: every POST gets `status` (and `body` as JSON), GET /health answers 200;
    `calls` counts the POSTs."""

    class Stub(BaseHTTPRequestHandler):
        calls = 0

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            self.send_response(200)
            self.end_headers()

        def do_POST(self) -> None:  # noqa: N802
            self.rfile.read(int(self.headers["Content-Length"]))
            type(self).calls += 1
            self.send_response(status)
            data = json.dumps(body).encode() if body is not None else b""
            if body is not None:
                self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args) -> None:
            pass

    return Stub


@contextmanager
def serving(handler: type, port: int = 0) -> Iterator[EndpointConfig]:
    server = HTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield EndpointConfig(f"http://127.0.0.1:{server.server_port}/webhook")
    finally:
        server.shutdown()
        server.server_close()


def test_a_form_rejection_is_ordinary_dialogue_not_a_failure(nlg, domain):
    # rasa-sdk rejects a form answer with HTTP 400 and this body.
    rejects = stub_server(400, {"action_name": "validate_contact_request_form", "error": "rejected"})
    with serving(rejects) as endpoint, pytest.raises(ActionExecutionRejection):
        run(RemoteAction("validate_contact_request_form", endpoint), nlg, tracker(UserUttered("x")), domain)


def test_every_fallback_reply_carries_988_and_911(domain):
    fallbacks = [name for name in domain.responses if name.endswith(action_guard.FALLBACK_SUFFIX)]
    assert {"utter_unavailable", "utter_crisis_handoff_unavailable"} <= set(fallbacks)
    for name in fallbacks:
        for variation in domain.responses[name]:
            assert "988" in variation["text"] and "911" in variation["text"], name


def test_fallback_program_contact_matches_the_directory(domain):
    directory = yaml.safe_load((ROOT / "resources" / "directory.yml").read_text())
    contact = directory["regions"][directory["region"]]["program_contact"]
    for name in ("utter_contact_handoff_unavailable", "utter_contact_request_form_unavailable"):
        text = domain.responses[name][0]["text"]
        assert contact["email"] in text and contact["name"] in text, name


def test_after_the_action_server_hangs_the_next_turns_do_not_wait_the_timeout_again(nlg, domain, hung, monkeypatch):
    """Every turn used to wait the whole timeout (3 s) again while the action server hung."""
    monkeypatch.setenv(action_guard.TIMEOUT_ENV, "2")
    run(RemoteAction("action_crisis_handoff", hung), nlg, tracker(UserUttered("i want to die")), domain)
    for message in ("still here", "what do i do"):
        started = time.monotonic()
        events = run(RemoteAction("action_contact_handoff", hung), nlg, tracker(UserUttered(message)), domain)
        waited = time.monotonic() - started
        assert waited < action_guard.PROBE_SECONDS + 0.2 < action_guard.action_timeout(), waited
        assert "katherine.mcmullan@ct.gov" in said(events) and "988" in said(events)


def test_an_action_server_that_comes_back_is_used_again_at_once(nlg, domain):
    """While it was down the static text; the first turn after it is back gets its answer, not the notice."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook")
    events = run(RemoteAction("action_contact_handoff", endpoint), nlg, tracker(UserUttered("talk to staff")), domain)
    assert "katherine.mcmullan@ct.gov" in said(events)
    assert action_guard._unreachable, "a refused connection marks the server unreachable"
    events = run(RemoteAction("action_medication_reason", endpoint), nlg, tracker(UserUttered("about meds")), domain)
    assert "part of my answer isn't loading" in said(events)
    with serving(stub_server(200, {"events": [], "responses": [{"text": "from the action server"}]}), port):
        events = run(RemoteAction("action_medication_reason", endpoint), nlg, tracker(UserUttered("ok so")), domain)
    assert "from the action server" in said(events) and "isn't loading" not in said(events)


def test_one_actions_error_does_not_stop_the_next_turn_from_calling_the_server(nlg, domain):
    fails = stub_server(500)  # one action's bug, not the server down
    with serving(fails) as endpoint:
        for message in ("about my meds", "what about side effects"):
            events = run(RemoteAction("action_medication_reason", endpoint), nlg, tracker(UserUttered(message)), domain)
            assert "part of my answer isn't loading" in said(events)
    assert fails.calls == 2
