"""SMS channel without servers: signature, hashed ids, numbered choices, splitting, keywords, timeout."""

from __future__ import annotations

import asyncio
import itertools
import logging
import re
from typing import Any, Dict, List, Optional
from urllib.parse import urlencode

import pytest
from rasa.core.channels.channel import UserMessage
from twilio.request_validator import RequestValidator

from extensions.channels import sms_text
from extensions.channels.sms import (
    SMSInput,
    SMSSettings,
    conversation_id,
    form_fields,
    message_key,
    signature_is_valid,
)
from extensions.channels.sms_text import MAX_CHARS, compose, keyword, pick_choice, plain, split_for_sms
from harmbot.storage.sms_state import ANSWER_KEPT_S, REPLAY_WINDOW_S, SMSStore

TOKEN = "test-auth-token"
URL = "https://sms.example.org/webhooks/sms/webhook"
SECRET = "test-sender-secret"
NUMBER = "+12035550147"
MENU = [
    {"title": "An urge right now", "payload": "/self_harm_urge"},
    {"title": "What is harm reduction?", "payload": "/harm_reduction_info"},
]


class FakeBot:
    """Stands in for Rasa: records what reached it and answers with fixed messages."""

    def __init__(self, replies: Optional[List[Dict[str, Any]]] = None, delay: float = 0) -> None:
        self.replies = replies if replies is not None else [{"text": "Hi there.", "buttons": MENU}]
        self.delay = delay
        self.received: List[UserMessage] = []
        self.finished = 0

    async def __call__(self, message: UserMessage) -> None:
        self.received.append(message)
        await asyncio.sleep(self.delay)
        for reply in self.replies:
            await message.output_channel.send_response(message.sender_id, dict(reply))
        self.finished += 1


def make_channel(tmp_path, **settings: Any) -> SMSInput:
    values = {"auth_token": TOKEN, "webhook_url": URL, "sender_secret": SECRET, **settings}
    return SMSInput(SMSSettings(**values), SMSStore(str(tmp_path / "state.db")))


_sids = (f"SM{n:032d}" for n in itertools.count(123))


def form(body: str, number: str = NUMBER, sid: Optional[str] = None) -> Dict[str, List[str]]:
    """One inbound text; each gets its own MessageSid, as Twilio gives each message."""
    return {"From": [number], "To": ["+18605550100"], "Body": [body], "MessageSid": [sid or next(_sids)],
            "FromZip": ["06101"]}


def sign(fields: Dict[str, List[str]], url: str = URL) -> str:
    return RequestValidator(TOKEN).compute_signature(url, {k: v[0] for k, v in fields.items()})


def post(channel: SMSInput, bot, fields: Dict[str, List[str]], signature: Optional[str]):
    """(status, TwiML) for one webhook request."""
    return asyncio.run(channel.answer(fields, signature, "", bot))


def text_of(channel: SMSInput, bot: FakeBot, body: str, number: str = NUMBER, signed: bool = True):
    fields = form(body, number)
    return post(channel, bot, fields, sign(fields) if signed else None)


def messages(xml: str) -> List[str]:
    return re.findall(r"<Message>(.*?)</Message>", xml, re.S)


# --- signature ---------------------------------------------------------------------------------------

def test_signed_request_reaches_the_bot_and_gets_twiml(tmp_path):
    bot = FakeBot()
    status, xml = text_of(make_channel(tmp_path), bot, "hi")
    assert status == 200
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?><Response><Message>')
    assert "Hi there." in xml and [m.text for m in bot.received] == ["hi"]


@pytest.mark.parametrize("signature", [None, "", "bm90IGEgc2lnbmF0dXJl"])
def test_missing_or_wrong_signature_is_refused_and_nothing_reaches_the_bot(tmp_path, signature):
    bot, channel = FakeBot(), make_channel(tmp_path)
    status, body = post(channel, bot, form("hi"), signature)
    assert status == 403 and body == ""
    assert bot.received == []


def test_signature_for_another_url_is_refused(tmp_path):
    bot, channel = FakeBot(), make_channel(tmp_path)
    fields = form("hi")
    signature = sign(fields, "https://evil.example.org/webhooks/sms/webhook")
    status, _ = post(channel, bot, fields, signature)
    assert status == 403 and bot.received == []


def test_changed_body_invalidates_the_signature(tmp_path):
    bot, channel = FakeBot(), make_channel(tmp_path)
    signature = sign(form("hi"))
    status, _ = post(channel, bot, form("STOP"), signature)
    assert status == 403


def test_no_auth_token_refuses_everything(tmp_path):
    status, _ = text_of(make_channel(tmp_path, auth_token=""), FakeBot(), "hi")
    assert status == 403


def test_development_mode_accepts_unsigned_requests_and_warns_every_time(tmp_path, caplog):
    bot, channel = FakeBot(), make_channel(tmp_path, validate_signature=False)
    with caplog.at_level(logging.WARNING):
        status, _ = text_of(channel, bot, "hi", signed=False)
        text_of(channel, bot, "hello", signed=False)
    assert status == 200 and len(bot.received) == 2
    assert sum("signature check is OFF" in r.getMessage() for r in caplog.records) == 2


def test_development_mode_warns_at_start_up(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("SMS_VALIDATE_SIGNATURE", "false")
    with caplog.at_level(logging.WARNING):
        channel = SMSInput.from_credentials(
            {"auth_token": TOKEN, "webhook_url": URL, "sender_secret": SECRET, "state_db": f"{tmp_path}/db"}
        )
    assert channel.settings.validate_signature is False
    assert any("Development only" in r.getMessage() for r in caplog.records)


def test_signature_check_is_on_unless_switched_off(tmp_path, monkeypatch):
    monkeypatch.delenv("SMS_VALIDATE_SIGNATURE", raising=False)
    monkeypatch.setenv("SMS_REPLY_TIMEOUT", "4")
    channel = SMSInput.from_credentials({"sender_secret": SECRET, "state_db": str(tmp_path / "s.db")})
    assert channel.settings.validate_signature is True
    assert channel.settings.reply_timeout == 4


def test_no_sender_secret_answers_503_without_reaching_the_bot(tmp_path):
    bot = FakeBot()
    status, _ = text_of(make_channel(tmp_path, sender_secret=""), bot, "hi")
    assert status == 503 and bot.received == []


# --- the phone number is never kept -------------------------------------------------------------------

def test_conversation_id_is_a_keyed_hash_of_the_number():
    cid = conversation_id(NUMBER, SECRET)
    assert cid == conversation_id(f" {NUMBER} ", SECRET)
    assert cid != conversation_id("+12035550148", SECRET)
    assert cid != conversation_id(NUMBER, "another-secret")
    assert re.fullmatch(r"sms-[0-9a-f]{64}", cid)
    assert "2035550147" not in cid


def test_nothing_about_the_number_reaches_the_bot(tmp_path):
    bot = FakeBot()
    text_of(make_channel(tmp_path), bot, "hi")
    message = bot.received[0]
    assert message.sender_id == conversation_id(NUMBER, SECRET)
    assert not message.metadata
    assert not message.message_id.startswith("SM")
    assert message.input_channel == "sms"
    assert message.output_channel.name() == "sms"  # responses can have `channel: sms` variations


def test_state_table_holds_no_phone_number(tmp_path):
    channel = make_channel(tmp_path)
    text_of(channel, FakeBot(), "hi")
    text_of(channel, FakeBot(), "STOP")
    raw = (tmp_path / "state.db").read_bytes()
    assert b"2035550147" not in raw
    assert conversation_id(NUMBER, SECRET).encode() in raw


# --- numbered choices -----------------------------------------------------------------------------------

def test_buttons_become_numbered_choices_without_payloads():
    text, choices = compose([{"text": "Pick one.", "buttons": MENU}])
    assert text == "Pick one.\nReply with a number:\n1 - An urge right now\n2 - What is harm reduction?"
    assert "/" not in text
    assert choices == [(b["title"], b["payload"]) for b in MENU]


def test_numbers_continue_across_the_messages_of_a_turn():
    text, choices = compose([{"text": "A", "buttons": MENU[:1]}, {"text": "B", "buttons": MENU[1:]}])
    assert "1 - An urge right now" in text and "2 - What is harm reduction?" in text
    assert [payload for _, payload in choices] == ["/self_harm_urge", "/harm_reduction_info"]


def test_messages_of_a_turn_are_joined_as_paragraphs():
    text, _ = compose([{"text": "First."}, {"text": "Second."}])
    assert text == "First.\n\nSecond."


@pytest.mark.parametrize("reply", ["2", " 2 ", "2.", "#2", "what is harm reduction",
                                   "WHAT IS HARM REDUCTION?"])
def test_reply_with_the_number_or_the_words_picks_the_choice(reply):
    choices = [(b["title"], b["payload"]) for b in MENU]
    assert pick_choice(reply, choices) == "/harm_reduction_info"


@pytest.mark.parametrize("reply", ["3", "0", "12", "harm", "i want to die", ""])
def test_other_replies_pick_nothing(reply):
    choices = [(b["title"], b["payload"]) for b in MENU]
    assert pick_choice(reply, choices) is None


def test_number_reply_presses_the_button_sent_last(tmp_path):
    bot, channel = FakeBot(), make_channel(tmp_path)
    text_of(channel, bot, "hi")
    _, xml = text_of(channel, bot, "2")
    assert bot.received[-1].text == "/harm_reduction_info"
    assert "/harm_reduction_info" not in xml


def test_choices_expire_when_a_reply_has_no_buttons(tmp_path):
    channel = make_channel(tmp_path)
    text_of(channel, FakeBot(), "hi")
    text_of(channel, FakeBot([{"text": "How many days would you like to plan for?"}]), "plan")
    bot = FakeBot()
    text_of(channel, bot, "2")
    assert bot.received[0].text == "2"


def test_typed_payload_is_text_even_when_it_is_a_real_button(tmp_path):
    bot, channel = FakeBot(), make_channel(tmp_path)
    text_of(channel, bot, "/harm_reduction_info")
    text_of(channel, bot, '/crisis{"risk_reason": "overdose"}')
    assert [m.text for m in bot.received] == ["harm_reduction_info", 'crisis{"risk_reason": "overdose"}']


# --- formatting and splitting --------------------------------------------------------------------------

def test_markdown_is_removed():
    assert plain("**Bold** and *soft* and `code`") == "Bold and soft and code"
    assert plain("# Title\n* one\n* two") == "Title\n- one\n- two"
    assert plain("See [988 Lifeline](https://988lifeline.org).") == "See 988 Lifeline (https://988lifeline.org)."
    assert plain("Call 1-800-HOPE-135 or 2*3") == "Call 1-800-HOPE-135 or 2*3"


def test_short_reply_is_one_message():
    assert split_for_sms("Hello.") == ["Hello."]


def test_long_reply_is_split_at_paragraphs_into_marked_parts():
    paragraphs = [f"Paragraph {i}. " + "word " * 120 for i in range(6)]
    parts = split_for_sms("\n\n".join(p.strip() for p in paragraphs))
    assert len(parts) > 1
    assert all(len(p) <= MAX_CHARS for p in parts)
    assert parts[0].endswith(f"(1/{len(parts)})") and parts[-1].endswith(f"({len(parts)}/{len(parts)})")
    for part in parts:
        assert part.startswith("Paragraph")  # no paragraph was cut in the middle


def test_one_long_paragraph_is_split_between_sentences():
    paragraph = " ".join(f"Sentence number {i} is here." for i in range(120))
    parts = split_for_sms(paragraph)
    assert len(parts) > 1 and all(len(p) <= MAX_CHARS for p in parts)
    assert all(re.sub(r"\s*\(\d+/\d+\)$", "", p).endswith("here.") for p in parts)
    assert " ".join(re.sub(r"\s*\(\d+/\d+\)$", "", p) for p in parts) == paragraph


def test_very_long_reply_goes_out_as_several_message_elements(tmp_path):
    long_text = "\n\n".join("A short paragraph that repeats. " * 20 for _ in range(5))
    _, xml = text_of(make_channel(tmp_path), FakeBot([{"text": long_text}]), "hi")
    bodies = messages(xml)
    assert len(bodies) == 3 and all(len(b) <= MAX_CHARS for b in bodies)  # 5 x 640 chars, 2 per text


def test_bot_text_is_xml_escaped(tmp_path):
    _, xml = text_of(make_channel(tmp_path), FakeBot([{"text": "a < b & c > d"}]), "hi")
    assert "a &lt; b &amp; c &gt; d" in xml


# --- privacy notice ---------------------------------------------------------------------------------------

def test_first_reply_carries_the_privacy_notice_and_later_ones_do_not(tmp_path):
    channel = make_channel(tmp_path)
    _, first = text_of(channel, FakeBot(), "hi")
    _, second = text_of(channel, FakeBot(), "hello")
    assert "aren't encrypted" in first and "Text STOP" in first
    assert "encrypted" not in second


# --- keywords -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("word", ["STOP", "stop", " Stop ", "STOPALL", "unsubscribe",
                                  "Cancel", "END", "quit"])
def test_stop_words_get_no_reply_and_are_remembered(tmp_path, word):
    bot, channel = FakeBot(), make_channel(tmp_path)
    status, xml = text_of(channel, bot, word)
    assert status == 200 and "<Message>" not in xml and "<Response />" in xml
    assert bot.received == []
    reopened = SMSStore(str(tmp_path / "state.db"))
    assert reopened.load(conversation_id(NUMBER, SECRET)).opted_out


@pytest.mark.parametrize("text", ["stop it", "please stop", "STOP!", "end it all"])
def test_keywords_count_only_as_the_whole_message(text):
    assert keyword(text) is None


def test_after_stop_other_messages_get_nothing_and_reach_nobody(tmp_path):
    bot, channel = FakeBot(), make_channel(tmp_path)
    text_of(channel, bot, "STOP")
    _, xml = text_of(channel, bot, "hi")
    assert "<Message>" not in xml and bot.received == []


def test_after_stop_a_crisis_message_still_gets_the_crisis_reply(tmp_path):
    crisis = FakeBot([{"text": "In danger right now, call 911. Call or text 988."},
                      {"text": "Would any of these help?", "buttons": MENU}])
    channel = make_channel(tmp_path)
    text_of(channel, FakeBot(), "STOP")
    _, xml = text_of(channel, crisis, "i want to kill myself")
    assert "911" in xml and "988" in xml
    assert "Text START" in xml
    # A choice would not be answered while opted out, so neither the choices nor their question show.
    assert "Reply with a number" not in xml and "Would any of these help?" not in xml


def test_start_welcomes_back_and_the_bot_answers_again(tmp_path):
    bot, channel = FakeBot(), make_channel(tmp_path)
    text_of(channel, bot, "STOP")
    _, xml = text_of(channel, bot, "start")
    assert "Welcome back" in xml and bot.received == []
    _, xml = text_of(channel, bot, "hi")
    assert "Hi there." in xml


@pytest.mark.parametrize("word", ["HELP", "info"])
def test_help_says_what_the_number_is_with_the_contact_and_emergency_numbers(tmp_path, word):
    bot = FakeBot()
    _, xml = text_of(make_channel(tmp_path), bot, word)
    assert "chatbot" in xml and "katherine.mcmullan@ct.gov" in xml
    assert "911" in xml and "988" in xml
    assert bot.received == []


def test_picture_without_words_gets_a_kind_answer(tmp_path):
    bot = FakeBot()
    _, xml = text_of(make_channel(tmp_path), bot, "")
    assert "only read words" in xml and "988" in xml and bot.received == []


# --- answering in time ---------------------------------------------------------------------------------

def test_slow_turn_gets_a_holding_reply_and_still_finishes(tmp_path, caplog):
    channel = make_channel(tmp_path, reply_timeout=0.2)
    bot = FakeBot(delay=0.6)

    async def scenario():
        fields = form("hi")
        started = asyncio.get_running_loop().time()
        status, xml = await channel.answer(fields, sign(fields), "", bot)
        elapsed = asyncio.get_running_loop().time() - started
        finished_before = bot.finished
        await asyncio.sleep(0.8)
        return status, xml, elapsed, finished_before

    with caplog.at_level(logging.INFO):
        status, xml, elapsed, finished_before = asyncio.run(scenario())
    assert status == 200 and elapsed < 0.5
    assert "slow to answer" in xml and "911" in xml and "988" in xml
    assert finished_before == 0 and bot.finished == 1
    log = "\n".join(r.getMessage() for r in caplog.records)
    assert "longer than 0.2 s" in log and "finished after" in log
    assert NUMBER not in log and "hi" not in log.split()


def test_failed_turn_answers_with_the_crisis_numbers(tmp_path):
    async def broken(message: UserMessage) -> None:
        raise RuntimeError("boom")

    channel = make_channel(tmp_path)
    fields = form("hi")
    status, xml = post(channel, broken, fields, sign(fields))
    assert status == 200 and "911" in xml and "988" in xml


def test_turn_without_any_reply_still_gives_the_crisis_numbers(tmp_path):
    _, xml = text_of(make_channel(tmp_path), FakeBot([]), "hi")
    assert "911" in xml and "988" in xml


def test_all_sms_sentences_stay_short():
    for name in ("privacy_notice", "welcome_back", "holding", "no_text", "after_stop_crisis"):
        assert len(sms_text.sentence(name)) < 600
    assert len(sms_text.help_text()) < 600


# --- blank fields and repeated requests (issue 13, items 9 and 10) ----------------------------------------

def test_form_is_read_with_its_blank_fields_so_twilios_signature_matches():
    signed = {"From": NUMBER, "Body": "", "FromCity": "", "NumMedia": "1", "MessageSid": "SMabc"}
    body = urlencode(signed).encode()
    fields = form_fields(body)
    assert fields["Body"] == [""] and fields["FromCity"] == [""]
    signature = RequestValidator(TOKEN).compute_signature(URL, signed)
    assert signature_is_valid(TOKEN, URL, fields, signature)


def test_repeated_message_sid_gets_the_first_answer_and_no_second_turn(tmp_path):
    channel, bot = make_channel(tmp_path), FakeBot()
    fields = form("hi")
    first = post(channel, bot, fields, sign(fields))
    again = post(channel, bot, fields, sign(fields))
    assert first[0] == 200 and again == first
    assert len(bot.received) == 1


def test_repeat_while_the_first_is_still_answering_gets_empty_twiml(tmp_path):
    channel, bot = make_channel(tmp_path), FakeBot(delay=0.3)
    fields = form("hi")

    async def both():
        return await asyncio.gather(
            channel.answer(fields, sign(fields), "", bot),
            channel.answer(fields, sign(fields), "", bot),
        )

    (status1, xml1), (status2, xml2) = asyncio.run(both())
    assert status1 == status2 == 200 and messages(xml1) and messages(xml2) == []
    assert len(bot.received) == 1


def test_message_sids_are_kept_only_as_keyed_hashes_and_purged_after_the_window(tmp_path):
    store = SMSStore(str(tmp_path / "state.db"))
    assert store.claim_message("k1", now=1000.0) and not store.claim_message("k1", now=1001.0)
    store.record_answer("k1", "<Response/>")
    assert store.answer_to("k1") == "<Response/>"
    store.claim_message("k2", now=1000.0 + ANSWER_KEPT_S + 1)
    assert store.answer_to("k1") is None  # the answer goes first
    assert store.claim_message("k1", now=1000.0 + REPLAY_WINDOW_S + 1)  # then the key itself
    assert message_key("SMabc", SECRET) != message_key("SMabc", "other") and "SMabc" not in message_key("SMabc", SECRET)
