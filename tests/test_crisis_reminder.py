"""After a crisis turn, the first reply of each later turn carries the short 988/911 line."""

from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from extensions.nlg import needs_reminder


def tracker(*events):
    return DialogueStateTracker.from_events("t", list(events))


def test_no_reminder_without_a_crisis():
    assert not needs_reminder("utter_menu", tracker(UserUttered("hi")))


def test_first_reply_of_a_later_turn_gets_the_reminder():
    t = tracker(UserUttered("x"), ActionExecuted("utter_crisis"), BotUttered("crisis"), UserUttered("ok"))
    assert needs_reminder("utter_menu", t)


def test_only_the_first_reply_of_the_turn_gets_it():
    t = tracker(
        UserUttered("x"), ActionExecuted("utter_crisis"), BotUttered("crisis"), UserUttered("ok"),
        ActionExecuted("utter_thank"), BotUttered("thanks"),
    )
    assert not needs_reminder("utter_anything_else", t)


def test_the_crisis_turn_itself_gets_no_extra_line():
    t = tracker(UserUttered("x"), ActionExecuted("utter_crisis"), BotUttered("crisis"))
    assert not needs_reminder("utter_crisis_options", t)


def test_a_new_session_starts_clean():
    t = tracker(UserUttered("x"), ActionExecuted("utter_crisis"), BotUttered("c"), SessionStarted(), UserUttered("hi"))
    assert not needs_reminder("utter_welcome", t)
