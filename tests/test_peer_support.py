"""action_peer_support_lines, run as the action server runs it: the peer lines from the directory with
the date each was checked, honest about missing local lines, and 988 for a crisis."""

import datetime
import re

from actions.peer_support import ActionPeerSupportLines
from harmbot import content
from tests.action_helpers import edited_directory, run_action, texts

PHONE = re.compile(r"\b1?-?\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b")


def peer_entries():
    return [e for e in content.all_entries() if "peer" in e.get("topics", [])]


def test_every_peer_line_in_the_directory_is_listed_with_the_date_it_was_checked():
    said = texts(run_action(ActionPeerSupportLines()))
    assert peer_entries(), "the directory should hold at least one peer line"
    for entry in peer_entries():
        listed = [line for line in said.splitlines() if entry["how"] in line]
        assert listed, f"{entry['id']} is missing from:\n{said}"
        assert f"(checked {content.verified_on(entry)})" in listed[0]


def test_the_national_warmline_directory_comes_first():
    said = texts(run_action(ActionPeerSupportLines()))
    first_line = next(line for line in said.splitlines() if line.startswith("- "))
    assert "warmline.org" in first_line


def test_without_a_checked_local_warmline_it_says_so_instead_of_guessing_a_number():
    said = texts(run_action(ActionPeerSupportLines()))
    assert "Connecticut" in said
    assert "I don't have a checked, current local warmline number" in said
    directory_text = (content.RESOURCES_DIR / "directory.yml").read_text()
    for number in PHONE.findall(said):
        assert number in directory_text, f"{number} is not in the directory"


def test_a_region_with_its_own_checked_warmline_lists_it_first_and_drops_the_apology(monkeypatch):
    local = {
        "id": "test_local_warmline",
        "name": "Test County Warmline",
        "how": "Call 1-555-010-0000",
        "topics": ["peer"],
        "verified": datetime.date(2026, 1, 5),
    }
    edited_directory(monkeypatch, lambda d: d["regions"]["CT"]["lines"].append(local))
    said = texts(run_action(ActionPeerSupportLines()))
    first_line = next(line for line in said.splitlines() if line.startswith("- "))
    assert "Test County Warmline" in first_line and "(checked Jan 5, 2026)" in first_line
    assert "I don't have a checked" not in said


def test_it_ends_by_saying_988_is_there_for_a_crisis():
    messages = run_action(ActionPeerSupportLines())
    assert "988" in messages[-1]["text"]


def test_each_message_fits_an_sms_even_with_many_lines(monkeypatch):
    def add_many(d):
        for i in range(12):
            d["national"].append(
                {"id": f"peer_{i}", "name": f"Peer line {i}", "how": "Call 1-555-010-0000",
                 "hours": "Monday to Friday, 9am to 5pm", "topics": ["peer"], "verified": "2026-02-01"}
            )

    edited_directory(monkeypatch, add_many)
    messages = run_action(ActionPeerSupportLines())
    assert len(messages) > 2
    assert all(len(m["text"]) <= content.MESSAGE_LIMIT for m in messages)
    assert "Peer line 11" in texts(messages)
