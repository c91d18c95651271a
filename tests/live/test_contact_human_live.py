"""Staff contact handoff over REST, read back through the staff command staff really use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.live.harness import ROOT, texts


def staff(bot, *args: str) -> str:
    """`python scripts/contact_requests.py ...` against the live servers' database (same env as the servers)."""
    done = subprocess.run([sys.executable, "scripts/contact_requests.py", *args], cwd=ROOT, env=bot.env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


_NUMBERS_GIVEN: set = set()


def phone_for(sender: str) -> tuple:
    """A valid-looking number no other test of the session was given (the database is shared by the session, and
    two tests drawing the same number would see each other's request)."""
    n = int(sender[-12:], 16) % 10_000
    while n in _NUMBERS_GIVEN:
        n = (n + 1) % 10_000
    _NUMBERS_GIVEN.add(n)
    return f"860-555-{n:04d}", f"+1860555{n:04d}"


def start_request(bot, sender: str) -> str:
    said = texts(bot.say(sender, "i want to contact program staff"))
    assert "katherine.mcmullan@ct.gov" in said and "988" in said and "911" in said
    assert "not a crisis line" in said
    return texts(bot.say(sender, "yes"))


def test_a_request_filed_over_rest_is_listed_by_the_staff_command(bot, sender):
    typed, stored = phone_for(sender)
    said = start_request(bot, sender)
    assert "How would you like staff to reach you" in said and "this chat" not in said.lower()

    said = texts(bot.say(sender, "555-01"))
    assert "doesn't look like a phone number or email" in said
    said = texts(bot.say(sender, typed))
    assert "good time to reach you" in said
    said = texts(bot.say(sender, "weekday mornings"))
    assert "Anything you'd like staff to know" in said
    said = texts(bot.say(sender, "skip"))
    assert typed in said and "weekday mornings" in said and "Shall I send it?" in said
    assert stored not in staff(bot, "list"), "nothing may be stored before the person confirms"

    said = texts(bot.say(sender, "yes"))
    assert "your request is with program staff" in said and "isn't read live" in said

    listing = staff(bot, "list")
    assert stored in listing and "weekday mornings" in listing
    assert sender not in listing, "the conversation id is never kept with a request"
    request_id = next(line.split()[0] for line in listing.splitlines() if stored in line)
    assert "Request" in staff(bot, "show", request_id)
    assert bot.tracker(sender)["slots"]["contact_how"] is None


def test_no_to_the_consent_question_starts_no_form(bot, sender):
    texts(bot.say(sender, "contact"))
    said = texts(bot.say(sender, "no"))
    assert "Nothing has been sent or kept" in said
    assert not bot.tracker(sender).get("active_loop", {}).get("name")


def test_cancel_mid_request_stores_nothing(bot, sender):
    typed, stored = phone_for(sender)
    start_request(bot, sender)
    texts(bot.say(sender, typed))
    said = texts(bot.say(sender, "cancel"))
    assert "haven't sent or kept anything" in said
    assert stored not in staff(bot, "list")
    db = Path(bot.env["HARMBOT_TRACKER_DB_PATH"])
    on_disk = b"".join(path.read_bytes() for path in db.parent.glob(db.name + "*"))
    assert typed.encode() not in on_disk and stored.encode() not in on_disk, "not even in the conversation"
    assert bot.tracker(sender)["slots"]["contact_how"] is None


def test_crisis_mid_request_gets_911_and_988_and_the_form_stops(bot, sender):
    start_request(bot, sender)
    said = texts(bot.say(sender, "i want to kill myself tbh"))
    assert "911" in said and "988" in said
    assert "How would you like staff to reach you" not in said
    assert not bot.tracker(sender).get("active_loop", {}).get("name")
    said = texts(bot.say(sender, "evenings"))
    assert "good time to reach you" not in said and "Shall I send it" not in said


# ---- sp14: answers at the staff offer that are neither yes nor no ----------------------------------------------

def test_wanting_staff_now_at_night_gets_honest_answers_988_and_the_contact_not_goodbye(bot, sender):
    said = texts(bot.say(sender, "/contact_human"))  # the menu's button (the opener is not what is tested)
    assert "katherine.mcmullan@ct.gov" in said and "Would you like to do that?" in said
    said = texts(bot.say(sender, "right now please"))
    assert "can't reply straight away" in said and "988" in said
    assert "Take care" not in said
    assert "Would you like to do that?" in said, "the offer stays open"
    said = texts(bot.say(sender, "so how would i contact them"))
    assert "katherine.mcmullan@ct.gov" in said
    said = texts(bot.say(sender, "its like 3am here tho"))
    assert "aren't there at night" in said and "988 is there 24/7" in said
    assert "Would you like to do that?" in said
    said = texts(bot.say(sender, "yes"))
    assert "How would you like staff to reach you?" in said


def test_still_want_to_after_a_pause_at_the_staff_offer_starts_the_request_not_the_urge_reply(bot, sender):
    # Session 18: "still want to" at the offer got "Urges can stay strong for a while" (read as an urge still there).
    said = texts(bot.say(sender, "is there a real person at the program i could get a message to"))
    assert "Would you like to do that?" in said, said
    said = texts(bot.say(sender, "hmm hang on"))
    said = texts(bot.say(sender, "ok yeah i still want that"))
    assert "Urges can stay strong" not in said, said
    assert "How would you like staff to reach you?" in said, said
    said = texts(bot.say(sender, "actually cancel"))
    assert "haven't sent or kept anything" in said


def test_asking_for_a_real_person_right_now_gets_the_people_there_now_first(bot, sender):
    """Session 21: "i need a real human right now" got the program's email (replies in days) first."""
    said = texts(bot.say(sender, "i need a real human right now"))
    assert said.index("988") < said.index("@") and "741741" in said and "911" in said, said


def test_a_change_of_mind_after_no_thanks_starts_the_request(bot, sender):
    """Session 21: "wait actually yes" after "No, thanks" got "didn't follow", then the email and the time were lost."""
    bot.say(sender, "can somebody from the program reach out to me")
    said = texts(bot.say(sender, "no thanks"))
    assert "Nothing has been sent or kept" in said, said
    said = texts(bot.say(sender, "wait actually yes"))
    assert "How would you like staff to reach you?" in said, said
    said = texts(bot.say(sender, "sam@example.com"))
    assert "When is a good time" in said, said


def test_asking_again_for_a_person_and_about_hours_at_the_staff_offer(bot, sender):
    """Session 26's new-user run: "like someone from the program not a bot" at the offer got the whole contact block
    again, and "is it 24/7?" got the urge flow's "wait 15 minutes"."""
    said = texts(bot.say(sender, "can i talk to an actual human"))
    assert "Would you like to do that?" in said, said
    said = texts(bot.say(sender, "i mean someone from the program, not a bot"))
    assert "Program staff are real people" in said and "Would you like to do that?" in said, said
    said = texts(bot.say(sender, "are they there 24/7"))
    assert "isn't monitored 24/7" in said and "988" in said, said
    assert "15 minutes" not in said, said
