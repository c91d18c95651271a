"""The eating-disorder actions: the ANAD helpline with its honest hours and checked date, the 24/7
lines for other times, never the closed NEDA number, and the configurable video link."""

from actions import resources
from actions.eating_disorder import ActionEatingHelpline, ActionEatingVideo
from tests.action_helpers import edited_directory, run_action, texts


def test_helpline_gives_anads_number_hours_and_checked_date_from_the_directory():
    anad = resources.entry("anad_helpline")
    said = texts(run_action(ActionEatingHelpline()))
    assert anad["how"] in said
    assert anad["hours"] in said
    assert f"(checked {resources.verified_on(anad)})" in said


def test_helpline_offers_24_7_lines_for_the_hours_it_is_closed():
    messages = run_action(ActionEatingHelpline())
    assert "Outside those hours" in messages[-1]["text"]
    assert "988" in messages[-1]["text"] and "741741" in messages[-1]["text"]


def test_helpline_never_gives_the_closed_neda_number():
    said = texts(run_action(ActionEatingHelpline()))
    assert "931-2237" not in said
    assert "NEDA helpline closed" in said


def test_without_a_helpline_entry_it_says_so_and_still_gives_24_7_lines(monkeypatch):
    edited_directory(
        monkeypatch, lambda d: d.update(national=[e for e in d["national"] if e["id"] != "anad_helpline"])
    )
    said = texts(run_action(ActionEatingHelpline()))
    assert "I don't have a checked eating disorder helpline" in said
    assert "Outside those hours" not in said
    assert "988" in said


def test_video_link_is_the_one_the_deployer_configured(monkeypatch):
    edited_directory(
        monkeypatch, lambda d: d["regions"]["CT"]["program_video"].update(url="https://example.org/ed-video")
    )
    said = texts(run_action(ActionEatingVideo()))
    assert "https://example.org/ed-video" in said


def test_video_without_a_link_says_it_is_not_set_up(monkeypatch):
    edited_directory(monkeypatch, lambda d: d["regions"]["CT"].pop("program_video"))
    assert "isn't set up" in texts(run_action(ActionEatingVideo()))


def test_every_message_fits_an_sms():
    for action in (ActionEatingHelpline(), ActionEatingVideo()):
        assert all(len(m["text"]) <= resources.MESSAGE_LIMIT for m in run_action(action))
