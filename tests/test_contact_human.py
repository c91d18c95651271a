"""Staff contact handoff: the program contact, consent, the request form, and what gets stored."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
import yaml

from actions.contact_human import (
    FORM_SLOTS,
    ActionAskContactConfirm,
    ActionAskContactHow,
    ActionContactHandoff,
    ActionContactSubmit,
    ValidateContactRequestForm,
    parse_contact,
    say,
)
from harmbot.storage import contact_store
from tests.form_helpers import domain, run, said, slot_events, tracker

ROOT = Path(__file__).resolve().parent.parent
FORM = "contact_request_form"
SENDER = "conversation-7f3a"


@pytest.fixture
def db(tmp_path, monkeypatch):
    """An empty request table in a private database; returns a function listing what was stored."""
    monkeypatch.setenv("HARMBOT_REQUESTS_DB_URL", f"sqlite:///{tmp_path / 'requests.db'}")
    return lambda: contact_store.store().all()


def answer(slot: str, text: str, intent: str = "nlu_fallback", slots=None, channel: str = "rest"):
    """Runs the form's validation for the person answering `text` to the question for `slot`."""
    return run(
        ValidateContactRequestForm(),
        tracker(text, intent, slots=slots, requested_slot=slot, form=FORM, channel=channel),
    )


def submit(slots, text: str = "yes", intent: str = "affirm", channel: str = "rest"):
    return run(ActionContactSubmit(), tracker(text, intent, slots=slots, channel=channel))


FILLED = {
    "contact_how": "phone:+18605550123",
    "contact_time": "weekday mornings",
    "contact_note": "I'd rather get a text",
    "contact_confirm": "yes",
}


def _handoff_said_after(user_text: str) -> str:
    """The handoff as Rasa's NLG sends it in a conversation whose last message was `user_text`."""
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from extensions.nlg import SafetyFooterNLG

    (message,), _ = run(ActionContactHandoff(), tracker(user_text, "contact_human"))
    fills = {k: v for k, v in message.items() if k not in ("response", "template", "text")}
    conversation = DialogueStateTracker.from_events("t", [UserUttered(user_text)])
    nlg = SafetyFooterNLG(domain=Domain.load(str(ROOT / "domain")))
    return asyncio.run(nlg.generate(message["response"], conversation, "rest", **fills))["text"]


def test_handoff_gives_the_program_contact_what_to_expect_and_the_crisis_line():
    text = _handoff_said_after("i want to talk to a person")
    assert "Katie McMullan" in text and "katherine.mcmullan@ct.gov" in text
    assert "harm-reduction services" in text
    assert "not a crisis line" in text and "24/7" in text
    assert "within a few working days" in text
    assert "988" in text and "911" in text


# content8: in a Spanish conversation the program text was English.
def test_in_a_spanish_conversation_the_handoff_is_spanish_with_the_same_contact_and_numbers():
    english = _handoff_said_after("i want to talk to a person")
    spanish = _handoff_said_after("quiero hablar con una persona del programa")
    assert "Para información sobre los servicios de reducción de daños" in spanish
    assert "No es una línea de crisis" in spanish and "días hábiles" in spanish and "marca 2" in spanish
    assert "harm-reduction services" not in spanish and "working days" not in spanish
    assert "Katie McMullan" in spanish and "katherine.mcmullan@ct.gov" in spanish
    assert "24/7" in spanish and sorted(re.findall(r"\d{3,}", spanish)) == sorted(re.findall(r"\d{3,}", english))


def test_the_request_form_only_starts_after_yes_to_the_consent_question():
    starts = []
    for path in (ROOT / "data").rglob("*.yml"):
        for section in ("rules", "stories"):
            for item in (yaml.safe_load(path.read_text()) or {}).get(section) or []:
                steps = item.get("steps") or []
                starts += [
                    steps[:i]
                    for i, step in enumerate(steps[:-1])
                    if step.get("action") == FORM and steps[i + 1] == {"active_loop": FORM}
                ]
    assert starts, "no rule starts the contact request form"
    for before in starts:
        assert before[-2:] == [{"action": "utter_contact_ask_consent"}, {"intent": "affirm"}], before


def test_no_at_the_consent_question_ends_kindly_without_storing():
    rules = yaml.safe_load((ROOT / "data/rules/contact_human.yml").read_text())["rules"]
    after_no = [r["steps"] for r in rules if {"intent": "deny"} in r["steps"]]
    assert after_no == [
        [{"action": "utter_contact_ask_consent"}, {"intent": "deny"}, {"action": "utter_contact_declined"}]
    ]
    declined = domain()["responses"]["utter_contact_declined"][0]["text"]
    assert "Nothing has been sent or kept" in declined


def test_a_crisis_message_is_never_taken_as_a_form_answer():
    slots = domain()["slots"]
    for name in FORM_SLOTS:
        (mapping,) = slots[name]["mappings"]
        assert "crisis" in mapping["not_intent"]
        assert mapping["conditions"] == [{"active_loop": FORM, "requested_slot": name}]


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("860-555-0123", "phone:+18605550123"),
        ("(860) 555 0123", "phone:+18605550123"),
        ("my number is 1 860 555 0123", "phone:+18605550123"),
        ("+1 860 555 0123", "phone:+18605550123"),
        ("+44 20 7946 0958", "phone:+442079460958"),
        ("Sam.Lee@example.org", "email:Sam.Lee@example.org"),
        ("email me at sam@example.org please", "email:sam@example.org"),
    ],
)
def test_phone_numbers_and_emails_are_understood(typed, expected):
    _, events = answer("contact_how", typed)
    assert slot_events(events)["contact_how"] == expected


@pytest.mark.parametrize(
    "typed",
    ["12345", "555-0123", "sam@", "sam at example dot org", "call me maybe", "a@example.org or b@example.org", "911"],
)
def test_an_invalid_phone_or_email_is_asked_again_clearly(typed):
    messages, events = answer("contact_how", typed)
    assert slot_events(events) == {"contact_how": None}
    assert "doesn't look like a phone number or email" in said(messages)
    assert "860-555-0123" in said(messages)  # an example of what works


def test_parse_contact_ignores_text_without_contact_details():
    assert parse_contact("") is None
    assert parse_contact("whenever") is None


@pytest.mark.parametrize("slot", FORM_SLOTS)
# "actually cancel", "ok cancel then": a filler word around a whole-message cancel (session 19: it was read
# as a phone number that did not parse, and the form asked again).
@pytest.mark.parametrize(
    "typed", ["cancel", "Cancel.", "cancel please", "actually cancel", "ok, cancel then", "mejor cancela"]
)
def test_cancel_at_any_step_ends_the_form_and_stores_nothing(db, slot, typed):
    before = {s: FILLED[s] for s in FORM_SLOTS[: FORM_SLOTS.index(slot)]}
    _, events = answer(slot, typed, intent="cancel", slots=before)
    cleared = slot_events(events)
    assert cleared["requested_slot"] is None
    assert all(cleared[s] is None for s in FORM_SLOTS)

    messages, events = submit({**before, **cleared}, typed, "cancel")
    assert db() == []
    assert "haven't sent or kept anything" in said(messages)
    assert all(v is None for v in slot_events(events).values())


def test_menu_mid_form_leaves_and_shows_the_menu(db):
    _, events = answer("contact_time", "menu", intent="menu", slots={"contact_how": FILLED["contact_how"]})
    messages, _ = submit(slot_events(events), "menu", "menu")
    assert db() == []
    assert [m.get("response") for m in messages][-1] == "utter_menu"


@pytest.mark.parametrize("payload, parsed_as", [("/safety_plan", "safety_plan"), ("/wound_care", "affirm")])
def test_clicking_another_topic_mid_form_leaves_and_stores_nothing(db, payload, parsed_as):
    before = {"contact_how": FILLED["contact_how"]}
    _, events = answer("contact_time", payload, intent=parsed_as, slots=before)
    assert slot_events(events)["requested_slot"] is None
    messages, _ = submit(slot_events(events), payload, parsed_as)
    assert db() == [] and messages[-1].get("response") == "utter_menu"


def test_the_consent_buttons_still_answer_inside_the_form():
    _, events = answer("contact_confirm", "/affirm", "affirm", slots=FILLED)
    assert slot_events(events) == {"contact_confirm": "yes"}


def test_a_time_answer_with_stop_in_it_is_kept():
    _, events = answer("contact_time", "not before 10, I stop work at 6", intent="cancel")
    assert slot_events(events) == {"contact_time": "not before 10, I stop work at 6"}


def test_the_note_can_be_skipped_and_is_then_not_stored(db):
    _, events = answer(
        "contact_note", "skip", slots={"contact_how": "email:sam@example.org", "contact_time": "evenings"}
    )
    assert slot_events(events)["contact_note"] == ""
    messages, _ = run(ActionAskContactConfirm(), tracker(slots={**FILLED, "contact_note": ""}))
    assert "Note: (none)" in said(messages)
    submit({**FILLED, "contact_note": ""})
    assert db()[0].note is None


def test_a_long_note_is_asked_again_shorter():
    messages, events = answer("contact_note", "x" * 301)
    assert slot_events(events) == {"contact_note": None}
    assert "300 characters" in said(messages)


def test_the_summary_shows_every_answer_and_nothing_is_stored_before_yes(db):
    slots = {k: v for k, v in FILLED.items() if k != "contact_confirm"}
    messages, _ = run(ActionAskContactConfirm(), tracker(slots=slots))
    text = said(messages)
    assert "860-555-0123" in text and "weekday mornings" in text and "I'd rather get a text" in text
    assert "Nothing is kept until you say yes" in text and "30 days" in text
    assert [b["title"] for b in messages[0]["buttons"]] == ["Yes, send it", "Change something", "Cancel"]
    assert db() == []


@pytest.mark.parametrize("typed, intent", [("no", "deny"), ("Cancel", "cancel"), ("don't send it", "deny")])
def test_no_at_the_summary_stores_nothing(db, typed, intent):
    _, events = answer("contact_confirm", typed, intent, slots=FILLED)
    messages, _ = submit({**FILLED, **slot_events(events)}, typed, intent)
    assert db() == []
    assert "haven't sent or kept anything" in said(messages)


def test_change_at_the_summary_asks_every_question_again():
    _, events = answer("contact_confirm", "change", slots=FILLED)
    assert slot_events(events) == {slot: None for slot in FORM_SLOTS}


@pytest.mark.parametrize(
    "typed, intent",
    [
        ("hmm what", "nlu_fallback"),
        ("yes but the time is wrong", "affirm"),
        ("no wait, my number is different", "deny"),
    ],
)
def test_an_unclear_reply_at_the_summary_is_asked_again(typed, intent):
    messages, events = answer("contact_confirm", typed, intent, slots=FILLED)
    assert slot_events(events) == {"contact_confirm": None}
    assert "Yes, send it" in said(messages)


def test_confirming_stores_exactly_the_answers_and_no_conversation_id(db):
    _, events = answer("contact_confirm", "yes", "affirm", slots={**FILLED, "contact_confirm": None})
    assert slot_events(events) == {"contact_confirm": "yes"}

    messages, events = submit(FILLED, channel="socketio")
    (saved,) = db()
    assert (saved.channel, saved.contact_method, saved.contact_value) == ("socketio", "phone", "+18605550123")
    assert (saved.best_time, saved.note, saved.status) == ("weekday mornings", "I'd rather get a text", "new")
    assert SENDER not in repr(saved)
    text = said(messages)
    assert "your request is with program staff" in text
    assert "isn't read live" in text and "988" in text and "911" in text
    slots = slot_events(events)
    # "delete my chat" later says this sent copy stays with staff.
    assert slots.pop("contact_request_sent") is True
    assert all(v is None for v in slots.values())


def test_no_reply_in_chat_is_offered_since_staff_cannot_reply_into_a_chat():
    question = domain()["responses"]["utter_ask_contact_how"][0]
    assert "buttons" not in question and "this chat" not in question["text"].lower()
    assert "phone number or an email" in question["text"]


@pytest.mark.parametrize("typed", ["Reply in this chat", "reply here", "here"])
def test_asking_to_be_answered_in_this_chat_is_asked_again_for_a_phone_or_email(typed):
    messages, events = answer("contact_how", typed)
    assert slot_events(events) == {"contact_how": None}
    assert "Staff can't reply in this chat" in said(messages)


def test_a_storage_failure_is_told_honestly_with_the_email_and_crisis_line(monkeypatch):
    def broken():
        raise OSError("disk full")

    monkeypatch.setattr(contact_store, "store", broken)
    messages, events = submit(FILLED)
    text = said(messages)
    assert "couldn't save your request" in text and "katherine.mcmullan@ct.gov" in text and "988" in text
    assert all(v is None for v in slot_events(events).values())


def test_no_sentence_implies_a_person_is_reading_live():
    sentences = yaml.safe_load((ROOT / "resources/contact_human.yml").read_text())
    texts = [v for v in sentences.values() if isinstance(v, str)]
    texts += [r[0]["text"] for name, r in domain()["responses"].items() if name.startswith("utter_contact")]
    for text in texts:
        lowered = text.lower()
        for phrase in (
            "someone is reading",
            "reading this now",
            "right away",
            "shortly",
            "in a moment",
            "is typing",
            "live chat",
        ):
            assert phrase not in lowered, (phrase, text)


# Session 16: at "how should staff reach you?", "brb", "ok im back" and "text is fine" each got "that doesn't look
# like a phone number". A pause gets time, coming back gets the question alone, a way without a number the number.
@pytest.mark.parametrize("typed", ["brb", "one sec", "hold on", "espera"])
def test_a_pause_at_the_contact_question_gets_time_not_an_error(typed):
    messages, events = answer("contact_how", typed)
    assert slot_events(events) == {"contact_how": None}
    assert "Take your time" in said(messages) or "Tómate tu tiempo" in said(messages)
    assert "doesn't look like" not in said(messages)


@pytest.mark.parametrize("typed", ["ok im back", "back", "sorry about that"])
def test_coming_back_gets_the_question_again_without_a_complaint(typed):
    messages, events = answer("contact_how", typed)
    assert slot_events(events) == {"contact_how": None}
    assert said(messages) == ""


@pytest.mark.parametrize("typed", ["text is fine", "just text me", "call me pls", "texting works best", "por mensaje"])
def test_a_way_without_the_number_is_asked_for_the_number(typed):
    messages, events = answer("contact_how", typed)
    assert slot_events(events) == {"contact_how": None}
    assert "What number should staff use" in said(messages) or "Qué número" in said(messages)


def _asked_after(*bot_lines: str, later_user: bool = False):
    """What action_ask_contact_how sends after the person's message and the validator's `bot_lines`."""
    track = tracker("text is fine", requested_slot="contact_how", form=FORM)
    track.events += [{"event": "bot", "text": line} for line in bot_lines]
    if later_user:
        track.events.append({"event": "user", "text": "hello?", "parse_data": {}})
    return run(ActionAskContactHow(), track)[0]


# Session 17: "text is fine" got "Sure. What number should staff use?" and then "How would you like staff to
# reach you?" in the same turn; "brb" got "take your time" and then the question it was to wait on.
@pytest.mark.parametrize("name", ["way_without_number", "wait"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_the_contact_question_is_not_asked_twice_in_one_turn(name, language):
    assert _asked_after(say(name, language)) == []


def test_the_contact_question_is_asked_when_the_validator_said_something_else_or_nothing():
    asked = [{**m} for m in _asked_after()]
    assert [m.get("response") for m in asked] == ["utter_ask_contact_how"]
    invalid = _asked_after(say("invalid_contact"))
    assert [m.get("response") for m in invalid] == ["utter_ask_contact_how"]


def test_a_number_question_from_an_earlier_turn_does_not_silence_this_one():
    asked = _asked_after(say("way_without_number"), later_user=True)
    assert [m.get("response") for m in asked] == ["utter_ask_contact_how"]


def test_a_way_with_the_number_is_taken():
    _, events = answer("contact_how", "text me at 860 555 0123")
    assert slot_events(events) == {"contact_how": "phone:+18605550123"}


@pytest.mark.parametrize("typed", ["no", "ok", "actually", "dont cancel", "cancel my appointment at the clinic"])
def test_a_filler_alone_or_a_sentence_with_cancel_in_it_is_not_a_cancel(typed):
    from actions import form_exit

    assert not form_exit.is_cancel(typed)


# Session 21: "i need a real human right now" got the program's email (replies in days) before the people who are there
# now. Asked for someone now, 988 and 741741 come first; asked without hurry, the program contact first as before.
@pytest.mark.parametrize("user_text", ["i need a real human right now", "can i talk to a person now pls",
                                       "necesito hablar con una persona ahora"])
def test_asked_for_a_person_now_the_people_there_now_come_before_the_program_email(user_text):
    text = _handoff_said_after(user_text)
    assert text.index("988") < text.index("@") and text.index("741741") < text.index("@")
    assert "911" in text and ("working days" in text or "días hábiles" in text)


def test_asked_for_staff_without_hurry_the_program_contact_comes_first():
    text = _handoff_said_after("can someone from the program email me")
    assert text.index("@") < text.index("988") and "741741" not in text
