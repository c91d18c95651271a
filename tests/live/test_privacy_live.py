"""Privacy over REST: each fear gets its own answer, and "delete my chat" erases the conversation from
the tracker's SQLite file, its log and the HTTP API, says what was deleted, and the next message starts
fresh. (SMS and widget deletion: tests/live/test_sms_live.py and tests/live/test_widget_live.py.)
Phrasings here are not in the training data."""

from __future__ import annotations

from tests.live.clicks import click
from tests.live.harness import texts
from tests.live.test_contact_human_live import phone_for, start_request

WORDS = "periwinkle-accordion-58"


def database_and_log(bot) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(bot.var.glob("conversations.db*"))) + bot.logs().encode()


def test_a_fear_about_parents_or_police_gets_a_direct_answer(bot, sender):
    said = texts(bot.say(sender, "if i tell you stuff are you gonna let my mum know"))
    assert "don't report anything to anyone on my own" in said
    assert "legal duties in a few situations" in said


def test_who_reads_this_says_no_one_live(bot, sender):
    # Either the privacy answer or the bot disclosure: both say so plainly.
    said = texts(bot.say(sender, "is there somebody on the other end reading this"))
    assert "No one is reading this live" in said or "Nobody is reading this chat live" in said


def test_how_long_it_is_kept_names_the_retention_period(bot, sender):
    said = texts(bot.say(sender, "how long will you hang on to what i type"))
    assert "deleted after 30 days without a message" in said


def test_texting_is_not_encrypted(bot, sender):
    assert "aren't encrypted" in texts(bot.say(sender, "could the cell company see what i send here"))


def test_no_to_deleting_keeps_the_conversation(bot, sender):
    words = "kept-harmonica-31"
    bot.say(sender, f"hello {words}")
    reply = bot.say(sender, "i'd like to wipe out this entire conversation")
    assert "Delete it?" in texts(reply)
    assert "haven't deleted anything" in texts(click(bot, sender, reply, "No, keep it"))
    assert any(words in (e.get("text") or "") for e in bot.tracker(sender)["events"])


def test_delete_erases_the_conversation_everywhere_and_the_next_message_starts_fresh(bot, sender):
    bot.say(sender, f"my cat is called {WORDS}")
    bot.say(sender, f"i feel awful today {WORDS}")
    assert WORDS.encode() in database_and_log(bot)  # the words were stored, so their absence means something

    reply = bot.say(sender, "can you get rid of everything i typed")
    said = texts(click(bot, sender, reply, "Yes, delete it"))
    assert "deleted this conversation" in said and "next message starts a fresh conversation" in said
    assert "contact request you sent" not in said

    events = bot.tracker(sender)["events"]
    assert not [e for e in events if e["event"] in ("user", "bot")]
    assert WORDS.encode() not in database_and_log(bot)

    assert "automated peer-support guide" in texts(bot.say(sender, "heya, hello again"))
    assert all(WORDS not in (e.get("text") or "") for e in bot.tracker(sender)["events"])


def test_delete_after_a_sent_contact_request_says_that_copy_stays_with_staff(bot, sender):
    typed, _ = phone_for(sender)
    start_request(bot, sender)
    for answer in (typed, "weekday mornings", "skip", "yes"):
        bot.say(sender, answer)
    reply = bot.say(sender, "please remove this whole chat")
    said = texts(click(bot, sender, reply, "Yes, delete it"))
    assert "contact request you sent is kept separately for program staff" in said


# content8: "is my ip logged" got the reply for sharing feelings; "delete my chat" after another privacy answer and
# a message the bot could not place was reported to have been dropped once.
def test_asking_whether_the_ip_is_logged_gets_what_is_kept(bot, sender):
    for typed in ("is my ip logged", "does this thing record my ip"):
        said = texts(bot.say(sender, typed))
        assert "What's kept" in said and "Thank you for telling me" not in said, typed


def test_delete_after_a_privacy_answer_and_a_misread_message_still_asks_first(bot, sender):
    bot.say(sender, "who gets to see the stuff i type here")
    bot.say(sender, "hmm ok whatever lol")
    assert "Delete it?" in texts(bot.say(sender, "pls delete this chat now"))


def test_delete_after_the_reporting_answer_and_an_ok_still_asks_first(bot, sender):
    bot.say(sender, "would u tell my parents about this")
    bot.say(sender, "ok")
    reply = bot.say(sender, "pls delete this chat now")
    assert "Delete it?" in texts(reply)
    assert "haven't deleted anything" in texts(click(bot, sender, reply, "No, keep it"))


def test_a_teen_asking_if_parents_or_school_will_be_told_gets_the_privacy_answer_not_the_helpers_text(bot, sender):
    """Session 22 (new-user run): "will u tell my parents or the school" got the helper's "tell someone who can help,
    like a parent" (helping_tell), which a scared teen reads as "I will tell"."""
    bot.say(sender, "hey")
    said = texts(bot.say(sender, "will u tell my parents or the school"))
    assert "I don't report anything to anyone on my own" in said, said
    assert "keeping them safe matters more" not in said, said


def test_a_parent_who_checks_the_phone_gets_what_someone_with_the_phone_can_see(bot, sender):
    """Session 22's new-user run: "my mom checks my phone" got "Sorry, I'm not sure I followed"."""
    said = texts(bot.say(sender, "my mom goes thru my phone sometimes, can she see this"))
    assert "anyone who can open the phone" in said and "didn't follow" not in said, said


def test_asking_about_a_school_counselor_after_the_privacy_answer(bot, sender):
    """Session 26's new-user run: "what about my school counselor" after the privacy answer got "didn't catch that"."""
    said = texts(bot.say(sender, "will u tell my parents if i tell u stuff"))
    assert "on my own" in said, said
    said = texts(bot.say(sender, "what about my guidance counselor"))
    assert "DCF" in said and "on my own" in said, said
    assert "didn't catch" not in said, said
