"""action_crisis_handoff and the resource directory it reads."""

import asyncio
import datetime
import re

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.crisis import ActionCrisisHandoff
from harmbot import content


def run(reason=None, domain=None):
    tracker = Tracker("t", {"risk_reason": reason}, {}, [], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()


    events = asyncio.run(ActionCrisisHandoff().run(dispatcher, tracker, domain or {}))
    return "\n".join(m.get("text") or "" for m in dispatcher.messages), events


def test_adds_trevor_trans_lifeline_with_honest_hours_and_youth_line():
    said, _ = run("suicidal_ideation")
    assert "1-866-488-7386" in said
    assert "1-877-565-8860" in said and "not 24/7" in said
    assert "2-1-1" in said


def test_overdose_adds_poison_help():
    said, _ = run("overdose")
    assert "1-800-222-1222" in said


def test_does_not_repeat_what_the_static_reply_already_gave():
    said, _ = run("suicidal_ideation")
    assert "741741" not in said and "1-800-467-3135" not in said


def test_clears_every_form_slot():
    domain = {"forms": {"safety_plan_form": {"required_slots": ["warning_signs", "reason_for_living"]}}}
    _, events = run("classifier", domain)
    assert SlotSet("warning_signs", None) in events and SlotSet("requested_slot", None) in events


@pytest.mark.parametrize("item", content.all_entries(), ids=lambda e: e["id"])
def test_every_directory_entry_has_a_verified_date_and_how_it_was_checked(item):
    assert isinstance(item.get("verified"), datetime.date)
    assert item.get("checked_against")


def test_directory_has_no_ended_or_closed_services():
    text = repr(content.directory())  # values only; the file's comments may name what was removed
    assert not re.search(r"press 3", text, re.I)
    assert "800-931-2237" not in text  # NEDA helpline, closed 2023


def test_directory_ids_are_unique():
    ids = [e["id"] for e in content.all_entries()]
    assert len(ids) == len(set(ids))
