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


def messages(reason=None, domain=None, kind=None):
    """The handoff's messages; `kind`: the emergency reply it follows (utter_emergency_<kind>), as in a conversation."""
    events = [{"event": "user", "text": "x"}]
    if kind:
        events += [{"event": "action", "name": f"utter_emergency_{kind}"}, {"event": "bot", "text": "..."},
                   {"event": "action", "name": "action_deactivate_loop"}]
    tracker = Tracker("t", {"risk_reason": reason}, {}, events, False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionCrisisHandoff().run(dispatcher, tracker, domain or {}))
    return dispatcher.messages, events


def run(reason=None, domain=None, kind=None):
    """What the person reads in English: the lines go out as a response the NLG fills (`crisis_lines`)."""
    sent, events = messages(reason, domain, kind)
    return "\n".join(m.get("text") or m.get("crisis_lines") or "" for m in sent), events


def test_adds_trevor_trans_lifeline_with_honest_hours_and_youth_line():
    said, _ = run("suicidal_ideation")
    assert "1-866-488-7386" in said
    assert "1-877-565-8860" in said and "not 24/7" in said
    assert "2-1-1" in said


def test_overdose_adds_poison_help():
    said, _ = run("overdose")
    assert "1-800-222-1222" in said


@pytest.mark.parametrize("kind", ["overdose", "bleeding", "burn_chemical", "heart", "fainting", "confusion"])
def test_a_medical_emergency_keeps_911_then_988_in_view_without_a_list_of_more_lines(kind):
    domain = {"forms": {"safety_plan_form": {"required_slots": ["warning_signs"]}}}
    sent, events = messages("risk_net", domain, kind)
    assert sent == []  # the emergency reply (911, first step, 988) is the last thing read before the options
    assert SlotSet("requested_slot", None) in events  # a half-filled form is still cleared


@pytest.mark.parametrize("kind", ["plan_means", "act_underway"])
def test_a_plan_or_an_act_under_way_still_gets_the_lines_for_young_lgbtq_trans_people_and_veterans(kind):
    said, _ = run("plan_means", kind=kind)
    assert "1-866-488-7386" in said and "2-1-1" in said and "988 then press 1" in said


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


# ---- in a Spanish conversation the extra lines are Spanish too -----------------------------------------


def _lines_said_after(user_text: str, reason: str) -> str:
    """The handoff's message as Rasa's NLG sends it in a conversation that said `user_text`."""
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from extensions.nlg import SafetyFooterNLG

    (message,), _ = messages(reason)
    fills = {k: v for k, v in message.items() if k not in ("response", "template", "text")}
    tracker = DialogueStateTracker.from_events("t", [UserUttered(user_text)])
    nlg = SafetyFooterNLG(domain=Domain.load("domain"))
    return asyncio.run(nlg.generate(message["response"], tracker, "rest", **fills))["text"]


@pytest.mark.parametrize("reason", ["overdose", "suicidal_ideation", "someone_else"])
def test_a_spanish_conversation_gets_the_extra_lines_in_spanish_with_the_same_numbers(reason):
    english = _lines_said_after("i don't want to be here anymore", reason)
    spanish = _lines_said_after("ya no quiero estar aquí", reason)
    assert english.startswith("A few more lines") and "Dial 2-1-1" in english
    assert spanish.startswith("Algunas líneas más") and "Marca 2-1-1" in spanish
    assert "in case one fits" not in spanish and "Call " not in spanish and "(24/7)" in spanish
    assert sorted(re.findall(r"\d[\d-]*\d", spanish)) == sorted(re.findall(r"\d[\d-]*\d", english))


def test_every_line_the_handoff_can_add_has_its_spanish_wording():
    from actions.crisis import ALREADY_IN_STATIC_REPLY, DEFAULT_TOPICS, EXTRA_TOPICS

    spanish = content.sentences("es")["directory"]
    for topics in [DEFAULT_TOPICS, *EXTRA_TOPICS.values()]:
        for item in content.with_topics(topics):
            if item["id"] in ALREADY_IN_STATIC_REPLY:
                continue
            assert {"name", "how"} <= set(spanish.get(item["id"], {})), item["id"]


def test_the_suicidal_emergencies_the_handoff_keeps_the_lines_for_are_replies_in_the_domain():
    """A renamed plan or act-under-way reply would silently lose the lines after it."""
    from rasa.shared.core.domain import Domain

    from actions.crisis import SUICIDAL_EMERGENCIES

    assert SUICIDAL_EMERGENCIES <= set(Domain.load("domain").responses)
