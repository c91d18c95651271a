"""Buttons whose payloads carry JSON entities are shown unchanged, without an ERROR in the log each time."""

import asyncio
import logging

from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from extensions.nlg import SafetyFooterNLG


def test_json_payload_buttons_are_shown_unchanged_and_log_no_error(domain, caplog, capsys):
    tracker = DialogueStateTracker.from_events("t", [UserUttered("hi")], slots=domain.slots)
    with caplog.at_level(logging.WARNING):
        message = asyncio.run(SafetyFooterNLG(domain=domain).generate("utter_coping_ask_function", tracker, "rest"))
    assert message["buttons"][0] == {
        "title": "Release anger or tension", "payload": '/coping_function{"urge_function":"anger"}'
    }
    assert "interpolator" not in caplog.text + capsys.readouterr().out
