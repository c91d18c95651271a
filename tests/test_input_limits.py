"""Malformed socket.io events and /model/parse bodies are told apart from good ones (issue 13, items 11-12).

The live suite (tests/live/test_hostile_input_live.py) sends them to the real server; these pin the rules.
"""

from __future__ import annotations

import json

import pytest

from extensions.channels.socketio import _WRONG_ARGUMENTS, session_request_problem, user_message_problem
from extensions.payload_guard import MAX_MESSAGE_CHARS
from extensions.request_limits import parse_request_problem

GOOD = {"message": "hi", "session_id": "abc123"}


def test_a_good_widget_message_passes():
    assert user_message_problem(GOOD, True, "metadata") is None
    assert user_message_problem({**GOOD, "metadata": '{"page": "home"}'}, True, "metadata") is None


@pytest.mark.parametrize(
    "data",
    [_WRONG_ARGUMENTS, None, "hi", 7, [GOOD], {**GOOD, "message": 42}, {**GOOD, "message": ["hi"]},
     {**GOOD, "message": {"t": 1}}, {"message": "hi"}, {**GOOD, "session_id": 5}, {**GOOD, "session_id": "s" * 200},
     {**GOOD, "metadata": "{nope"}, {**GOOD, "metadata": [1]}, {**GOOD, "metadata": {"k": "v" * 5000}}],
)
def test_malformed_widget_messages_are_refused_with_a_reason(data):
    assert user_message_problem(data, True, "metadata")


def test_without_session_persistence_no_session_id_is_needed():
    assert user_message_problem({"message": "hi"}, False, "metadata") is None


@pytest.mark.parametrize("data", [None, {}, {"session_id": None}, {"session_id": "abc"}])
def test_good_session_requests_pass(data):
    assert session_request_problem(data) is None


@pytest.mark.parametrize("data", [_WRONG_ARGUMENTS, "abc", 5, {"session_id": ["a"]}, {"session_id": "s" * 200}])
def test_bad_session_requests_are_refused(data):
    assert session_request_problem(data)


@pytest.mark.parametrize(
    "body",
    [b"", b"text=hi", b'{"text": ', b'{"text": "\xff"}', b"null", b'["hi"]', b'{"message": "hi"}', b'{"text": 4}',
     b'{"text": null}', b"[" * 5000 + b"]" * 5000, json.dumps({"text": "a" * (MAX_MESSAGE_CHARS + 1)}).encode()],
)
def test_parse_bodies_rasa_would_answer_500_get_a_reason(body):
    assert parse_request_problem(body)


def test_a_good_parse_body_passes():
    assert parse_request_problem(b'{"text": "hi", "message_id": "x"}') is None
