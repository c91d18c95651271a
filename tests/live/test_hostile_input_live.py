"""Hostile input over every entry point, on the real servers: REST, socket.io, signed SMS, /model/parse.

Every case must end with a clear status (a reply, a 4xx with a message, an error event, TwiML), never a
crash, a 500 or silence, and the same conversation must still work on its next normal turn. The
outcome of every case is written to results/hostile_input.json (channel, case, outcome).
"""

from __future__ import annotations

import html
import itertools
import json
import queue
import re
import threading
import time
import uuid
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest
import requests
import socketio
from twilio.request_validator import RequestValidator

from extensions.channels.sms import conversation_id
from extensions.payload_guard import MAX_MESSAGE_CHARS
from harmbot.content import sentence
from tests.live.harness import ROOT, BotServers, texts

TOKEN = "hostile-test-auth-token"
SECRET = "hostile-test-sender-secret"
PUBLIC_URL = "https://sms.example.org/webhooks/sms/webhook"
WAIT = 20  # seconds; every wait is bounded
CUT = sentence("messages", "message_cut")
CRISIS_TEXT = "think im gonna kill myself tonight"

OUTCOMES: List[Dict[str, str]] = []


@pytest.fixture(scope="module")
def hostile_bot() -> Iterator[BotServers]:
    servers = BotServers(
        extra_env={
            "TWILIO_AUTH_TOKEN": TOKEN,
            "SMS_WEBHOOK_URL": PUBLIC_URL,
            "SMS_SENDER_SECRET": SECRET,
            "SMS_VALIDATE_SIGNATURE": "true",
        }
    )
    # websocket-client sends an Origin header: allow this test's own origin to open a socket.
    servers.env["WIDGET_ORIGINS"] = f"http://127.0.0.1:{servers.rasa_port}"
    servers.start()
    yield servers
    servers.stop()
    out = ROOT / "results" / "hostile_input.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(OUTCOMES, indent=1))


def record(channel: str, case: str, outcome: str) -> None:
    OUTCOMES.append({"channel": channel, "case": case, "outcome": outcome})


# ---------- hostile texts, sent as the message over every channel ----------

HOSTILE_TEXTS: Dict[str, str] = {
    "empty": "",
    "whitespace": "   \t  ",
    "only newlines": "\n\r\n\r\n",
    "just over the cap": "a" * (MAX_MESSAGE_CHARS + 1),
    "60 KB of words": "tell me about harm reduction please " * 1700,
    "one 3,000-letter word": "b" * 3000,
    "control characters": "hi\x01\x02\x03\x1b[31m there\x7f\x85",
    "NUL bytes inside": "hi\x00 how do i clean a cut\x00",
    "only NUL bytes": "\x00" * 50,
    "emoji flood": "\U0001F600" * 5000,
    "family emoji flood (ZWJ)": "\U0001F469\u200d\U0001F469\u200d\U0001F467" * 600,
    "self-harm emoji": "\U0001F52A\U0001FA78\U0001F48A",
    "RTL override": "\u202eelpoep evah ot tnaw i\u202c \u0645\u0631\u062d\u0628\u0627 \u0643\u064a\u0641",
    "zero-width spaces": "how\u200b do\u200c i\u200d clean\u2060 a\ufeff cut",
    "combining marks (zalgo)": "he" + "\u0301\u0316\u0334" * 1500 + "llo",
    "NFKC expansion bomb": "\ufdfa" * 3000,
    "typed payload /restart": "/restart",
    "typed payload with slots": '/greet{"risk_reason": null, "requested_slot": "x"}',
    "typed session_start": "/session_start",
    "typed action name": "action_listen",
    "JSON-looking text": '{"sender": "someone-else", "message": "hi", "metadata": {"a": 1}}',
    "SQL injection": "'; DROP TABLE events; -- OR 1=1",
    "HTML script injection": "<script>alert('x')</script><img src=x onerror=alert(1)>",
    "TwiML injection": "]]></Message><Message>pwned</Message></Response>",
    "markdown link injection": "[click me](javascript:alert(1)) **bold** `code`",
    "template injection": "{{7*7}} ${7*7} {0} %s %(name)s {risk_reason}",
    "path traversal": "../../../../etc/passwd",
    "huge number": "9" * 400,
    "lone surrogate": "hi \ud800 there",
    "mixed scripts": "\u041f\u0440\u0438\u0432\u0435\u0442 \u4f60\u597d \u3053\u3093\u306b\u3061\u306f hello",
    "crisis with NUL and controls": "i want to\x00 kill myself\x01",
}
# A form field can't carry a lone surrogate (not valid UTF-8): Twilio could never send one.
SMS_SKIPPED = {"lone surrogate"}
# A text far over the request size limit (1 MB), refused by the HTTP layer before it is read.
MEGABYTE = "x" * 1_000_000


def _ids(cases: Dict[str, Any]) -> List[str]:
    return list(cases)


def assert_normal_turn_works(reply_texts: List[str]) -> None:
    said = "\n".join(reply_texts)
    assert said.strip(), "the next normal turn got no reply"
    assert "went wrong" not in said


# ---------- REST ----------

def rest_post(bot: BotServers, body: Any, raw: Optional[bytes] = None, headers: Optional[Dict] = None):
    kwargs: Dict[str, Any] = {"data": raw, "headers": headers or {}} if raw is not None else {"json": body}
    return requests.post(f"{bot.url}/webhooks/rest/webhook", timeout=60, **kwargs)


def rest_outcome(response: requests.Response) -> str:
    assert response.status_code < 500, response.text[:300]
    if response.status_code >= 400:
        assert response.text.strip(), "an error status needs a message"
        return f"refused {response.status_code}"
    messages = response.json()
    assert isinstance(messages, list) and messages, "a 200 must carry a reply, never silence"
    assert "went wrong" not in texts(messages)
    return "answered, cut" if CUT in texts(messages) else "answered"


@pytest.mark.parametrize("case", _ids(HOSTILE_TEXTS))
def test_rest_hostile_text_gets_a_reply_and_the_next_turn_works(hostile_bot, case):
    sender = f"hostile-{uuid.uuid4().hex[:10]}"
    record("rest", case, rest_outcome(rest_post(hostile_bot, {"sender": sender, "message": HOSTILE_TEXTS[case]})))
    assert_normal_turn_works([texts(hostile_bot.say(sender, "hi"))])


def _nested(depth: int) -> str:
    return '{"sender": "nest", "message": "hi", "metadata": ' + '{"a": ' * depth + "1" + "}" * depth + "}"


REST_REQUESTS: Dict[str, Tuple[Optional[Any], Optional[bytes]]] = {
    "not JSON": (None, b"sender=a&message=hi"),
    "invalid JSON": (None, b'{"sender": "a", "message": '),
    "invalid UTF-8": (None, b'{"sender": "a", "message": "\xff\xfe\xfa"}'),
    "JSON list": ([{"sender": "a", "message": "hi"}], None),
    "JSON string": ("hi", None),
    "JSON null": (None, b"null"),
    "empty body": (None, b""),
    "message missing": ({"sender": "a"}, None),
    "message a number": ({"sender": "a", "message": 42}, None),
    "message a list": ({"sender": "a", "message": ["hi"]}, None),
    "message an object": ({"sender": "a", "message": {"text": "hi"}}, None),
    "message null": ({"sender": "a", "message": None}, None),
    "sender missing": ({"message": "hi"}, None),
    "sender a number": ({"sender": 7, "message": "hi"}, None),
    "sender blank": ({"sender": "  ", "message": "hi"}, None),
    "sender 10,000 chars": ({"sender": "s" * 10_000, "message": "hi"}, None),
    "metadata 100 KB": ({"sender": "a", "message": "hi", "metadata": {"k": "v" * 50_000}}, None),
    "metadata 10 KB": ({"sender": "a", "message": "hi", "metadata": {"k": "v" * 10_000}}, None),
    "metadata a list": ({"sender": "a", "message": "hi", "metadata": [1, 2]}, None),
    "deeply nested JSON (10,000)": (None, _nested(10_000).encode()),
    "deeply nested JSON (100)": (None, _nested(100).encode()),
    "1 MB message": ({"sender": "a", "message": MEGABYTE}, None),
}


@pytest.mark.parametrize("case", _ids(REST_REQUESTS))
def test_rest_malformed_request_gets_a_clear_status_and_the_server_stays_usable(hostile_bot, case):
    body, raw = REST_REQUESTS[case]
    response = rest_post(hostile_bot, body, raw, {"Content-Type": "application/json"})
    outcome = rest_outcome(response)
    record("rest", case, outcome)
    if case not in ("deeply nested JSON (100)",):
        assert outcome.startswith("refused 4"), outcome
    assert_normal_turn_works([texts(hostile_bot.say(f"hostile-{uuid.uuid4().hex[:10]}", "hi"))])


# ---------- issue 13, item 8: size ----------

def test_1mb_message_is_refused_at_once_and_does_not_stall_another_persons_crisis_reply(hostile_bot):
    sender = f"hostile-{uuid.uuid4().hex[:10]}"
    hostile_bot.say(sender, "hi")
    quiet = _timed(lambda: hostile_bot.say(sender, CRISIS_TEXT))
    results: Dict[str, Any] = {}

    def flood() -> None:
        started = time.monotonic()
        results["status"] = rest_post(hostile_bot, {"sender": "flooder", "message": MEGABYTE}).status_code
        results["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=flood)
    thread.start()
    time.sleep(0.05)
    other = f"hostile-{uuid.uuid4().hex[:10]}"
    stalled = _timed(lambda: results.setdefault("crisis", hostile_bot.say(other, CRISIS_TEXT)))
    thread.join(WAIT)
    assert results["status"] == 413 and results["seconds"] < 1.0
    assert "988" in texts(results["crisis"])
    assert stalled < quiet + 1.0, (quiet, stalled)
    # Nothing of it was stored: the flooder's conversation has no user message.
    assert not [e for e in hostile_bot.tracker("flooder")["events"] if e["event"] == "user"]


def _timed(call) -> float:
    started = time.monotonic()
    call()
    return time.monotonic() - started


def test_long_message_is_cut_kindly_and_only_the_capped_text_is_stored(hostile_bot):
    sender = f"hostile-{uuid.uuid4().hex[:10]}"
    long_text = "I have been thinking about what harm reduction means for me. " * 500  # 31,000 chars
    messages = hostile_bot.say(sender, long_text)
    assert CUT in texts(messages)
    stored = [e["text"] for e in hostile_bot.tracker(sender)["events"] if e["event"] == "user"]
    assert stored and all(len(t) <= MAX_MESSAGE_CHARS for t in stored)


def test_crisis_sentence_beyond_the_cap_still_gets_the_crisis_reply_first(hostile_bot):
    sender = f"hostile-{uuid.uuid4().hex[:10]}"
    text = "Today was long and I went to the shop and back. " * 200 + "I want to kill myself tonight."
    assert len(text) > MAX_MESSAGE_CHARS * 2
    messages = hostile_bot.say(sender, text)
    said = texts(messages)
    assert "911" in said and "988" in said and said.index("988") < said.index(CUT)
    stored = [e for e in hostile_bot.tracker(sender)["events"] if e["event"] == "user"]
    assert stored[-1]["parse_data"]["intent"]["name"] == "crisis"
    assert len(stored[-1]["text"]) <= MAX_MESSAGE_CHARS


# ---------- socket.io ----------

class SocketUser:
    """A socket.io client like the widget: session_request, then user_uttered with the session id."""

    def __init__(self, bot: BotServers) -> None:
        self.events: queue.Queue[Tuple[str, Any]] = queue.Queue()
        self.client = socketio.Client(reconnection=False)
        for name in ("bot_uttered", "harmbot_error", "session_confirm"):
            self.client.on(name, lambda data=None, name=name: self.events.put((name, data)))
        self.client.connect(bot.url, transports=["websocket"], wait_timeout=WAIT)
        self.client.emit("session_request", {"session_id": uuid.uuid4().hex})
        self.session_id = self.next("session_confirm")[1]

    def next(self, *names: str, timeout: float = WAIT) -> Tuple[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            try:
                event = self.events.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no {names} event within {timeout} s (silence)") from None
            if event[0] in names:
                return event

    def say(self, *args: Any) -> None:
        """Emits user_uttered with exactly these arguments (none, one, or several)."""
        self.client.emit("user_uttered", args)

    def bot_texts(self, first: Optional[Dict[str, Any]] = None, settle: float = 1.0) -> List[str]:
        """The bot's messages for one turn: the first (within WAIT, unless given), then until `settle` s
        of quiet."""
        said = [(first or self.next("bot_uttered")[1]).get("text", "")]
        while True:
            try:
                name, data = self.events.get(timeout=settle)
            except queue.Empty:
                return said
            if name == "bot_uttered":
                said.append(data.get("text", ""))

    def close(self) -> None:
        self.client.disconnect()


@pytest.fixture
def socket_user(hostile_bot) -> Iterator[SocketUser]:
    user = SocketUser(hostile_bot)
    yield user
    user.close()


@pytest.mark.parametrize("case", _ids(HOSTILE_TEXTS))
def test_socket_hostile_text_gets_a_reply_and_the_next_turn_works(socket_user, case):
    socket_user.say({"message": HOSTILE_TEXTS[case], "session_id": socket_user.session_id})
    name, data = socket_user.next("bot_uttered", "harmbot_error")
    said = socket_user.bot_texts(first=data) if name == "bot_uttered" else [data.get("message", "")]
    outcome = "error event" if name == "harmbot_error" else ("answered, cut" if CUT in said else "answered")
    record("socket.io", case, outcome)
    assert "went wrong" not in "\n".join(said)
    socket_user.say({"message": "hi", "session_id": socket_user.session_id})
    assert_normal_turn_works(socket_user.bot_texts())


SOCKET_PAYLOADS: Dict[str, Tuple[Any, ...]] = {
    "message a number": ({"message": 42, "session_id": "SID"},),
    "message a list": ({"message": ["hi", "there"], "session_id": "SID"},),
    "message an object": ({"message": {"text": "hi"}, "session_id": "SID"},),
    "message null": ({"message": None, "session_id": "SID"},),
    "message true": ({"message": True, "session_id": "SID"},),
    "data a string": ("hi",),
    "data a number": (7,),
    "data a list": ([{"message": "hi"}],),
    "data null": (None,),
    "no data at all": (),
    "two arguments": ({"message": "hi", "session_id": "SID"}, "extra"),
    "session_id missing": ({"message": "hi"},),
    "session_id a number": ({"message": "hi", "session_id": 12345},),
    "session_id blank": ({"message": "hi", "session_id": " "},),
    "session_id 10,000 chars": ({"message": "hi", "session_id": "s" * 10_000},),
    "metadata 10 KB": ({"message": "hi", "session_id": "SID", "metadata": {"k": "v" * 10_000}},),
    "metadata not JSON": ({"message": "hi", "session_id": "SID", "metadata": "{not json"},),
    "metadata a list": ({"message": "hi", "session_id": "SID", "metadata": [1, 2, 3]},),
}


def _fill(value: Any, session_id: str) -> Any:
    if isinstance(value, dict):
        return {k: (session_id if v == "SID" else v) for k, v in value.items()}
    return value


@pytest.mark.parametrize("case", _ids(SOCKET_PAYLOADS))
def test_socket_malformed_payload_gets_an_error_event_and_the_socket_stays_usable(socket_user, case):
    args = [_fill(a, socket_user.session_id) for a in SOCKET_PAYLOADS[case]]
    socket_user.say(*args)
    name, data = socket_user.next("harmbot_error", "bot_uttered")
    record("socket.io", case, "error event" if name == "harmbot_error" else "answered")
    assert name == "harmbot_error", data
    assert data["error"] and "988" in data["message"] and "911" in data["message"]
    socket_user.say({"message": "hi", "session_id": socket_user.session_id})
    assert_normal_turn_works(socket_user.bot_texts())


def test_socket_session_request_with_a_huge_or_wrong_session_id_gets_an_error_event(hostile_bot):
    user = SocketUser(hostile_bot)
    try:
        for data in ({"session_id": "s" * 10_000}, {"session_id": ["a"]}, "not an object"):
            user.client.emit("session_request", data)
            name, payload = user.next("harmbot_error", "session_confirm")
            record("socket.io", f"session_request {str(data)[:30]}", "error event" if name == "harmbot_error" else name)
            assert name == "harmbot_error", payload
        user.say({"message": "hi", "session_id": user.session_id})
        assert_normal_turn_works(user.bot_texts())
    finally:
        user.close()


def test_socket_message_over_the_packet_limit_does_not_reach_the_bot(hostile_bot):
    """A 1 MB packet is dropped by engine.io (the connection closes); the bot keeps serving others."""
    user = SocketUser(hostile_bot)
    try:
        user.say({"message": MEGABYTE, "session_id": user.session_id})
        time.sleep(1.0)
        assert user.events.empty() or user.next("harmbot_error", timeout=0.1)
    finally:
        user.close()
    record("socket.io", "1 MB message", "connection closed")
    other = SocketUser(hostile_bot)
    try:
        other.say({"message": "hi", "session_id": other.session_id})
        assert_normal_turn_works(other.bot_texts())
    finally:
        other.close()


# ---------- SMS ----------

_numbers = (f"+1475555{n:04d}" for n in itertools.count(100))
_sids = (f"SM{uuid.uuid4().hex}" for _ in itertools.count())


def sms_form(number: str, body: str, **overrides: str) -> Dict[str, str]:
    sid = overrides.pop("MessageSid", None) or next(_sids)
    form = {
        "ToCountry": "US", "ToState": "CT", "SmsMessageSid": sid, "NumMedia": "0", "ToCity": "HARTFORD",
        "FromZip": "06101", "SmsSid": sid, "FromState": "CT", "SmsStatus": "received", "FromCity": "HARTFORD",
        "Body": body, "FromCountry": "US", "To": "+18605550100", "ToZip": "06101", "NumSegments": "1",
        "MessageSid": sid, "AccountSid": "AC0123456789abcdef0123456789abcdef", "From": number,
        "ApiVersion": "2010-04-01",
    }
    form.update(overrides)
    return form


def sms_post(bot: BotServers, form: Dict[str, str], signed: bool = True) -> requests.Response:
    headers = {"X-Twilio-Signature": RequestValidator(TOKEN).compute_signature(PUBLIC_URL, form)} if signed else {}
    return requests.post(f"{bot.url}/webhooks/sms/webhook", data=form, headers=headers, timeout=60)


def sms_outcome(response: requests.Response) -> Tuple[str, List[str]]:
    assert response.status_code < 500, response.text[:300]
    if response.status_code >= 400:
        return f"refused {response.status_code}", []
    assert "<Response" in response.text
    bodies = [html.unescape(m) for m in re.findall(r"<Message>(.*?)</Message>", response.text, re.S)]
    assert bodies, "an SMS must always be answered"
    assert "went wrong" not in "\n".join(bodies)
    assert "pwned" not in response.text  # user text is never echoed into TwiML
    return ("answered, cut" if CUT in "\n".join(bodies) else "answered"), bodies


@pytest.mark.parametrize("case", [c for c in HOSTILE_TEXTS if c not in SMS_SKIPPED])
def test_sms_hostile_text_gets_a_reply_and_the_next_text_works(hostile_bot, case):
    number = next(_numbers)
    outcome, _ = sms_outcome(sms_post(hostile_bot, sms_form(number, HOSTILE_TEXTS[case])))
    record("sms", case, outcome)
    _, bodies = sms_outcome(sms_post(hostile_bot, sms_form(number, "hi")))
    assert_normal_turn_works(bodies)


def test_sms_signed_request_with_blank_fields_is_answered(hostile_bot):
    """Twilio signs every field, blank ones too (FromCity= for many numbers)."""
    number = next(_numbers)
    form = sms_form(number, "hi", FromCity="", FromState="", FromZip="")
    outcome, bodies = sms_outcome(sms_post(hostile_bot, form))
    record("sms", "blank location fields", outcome)
    assert "chatbot" in "\n".join(bodies)


def test_mms_picture_without_text_gets_the_can_only_read_words_reply(hostile_bot):
    number = next(_numbers)
    form = sms_form(number, "", NumMedia="1", MediaContentType0="image/jpeg",
                    MediaUrl0="https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM0/Media/ME0")
    outcome, bodies = sms_outcome(sms_post(hostile_bot, form))
    record("sms", "MMS picture, empty Body", outcome)
    said = "\n".join(bodies)
    assert "only read words" in said and "988" in said


def test_replayed_message_sid_is_answered_the_same_and_is_not_a_second_turn(hostile_bot):
    number = next(_numbers)
    form = sms_form(number, "what is harm reduction")
    first = sms_post(hostile_bot, form)
    again = sms_post(hostile_bot, form)
    _, first_bodies = sms_outcome(first)
    assert again.status_code == 200 and again.text == first.text
    record("sms", "replayed MessageSid", "same answer, no second turn")
    events = hostile_bot.tracker(conversation_id(number, SECRET))["events"]
    assert [e["text"] for e in events if e["event"] == "user"] == ["what is harm reduction"]


def test_concurrent_replays_make_one_turn(hostile_bot):
    number = next(_numbers)
    form = sms_form(number, "hi")
    with_threads: List[requests.Response] = []
    threads = [threading.Thread(target=lambda: with_threads.append(sms_post(hostile_bot, form))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT)
    assert sorted(r.status_code for r in with_threads) == [200] * 4
    record("sms", "4 concurrent copies of one MessageSid", "one turn")
    events = hostile_bot.tracker(conversation_id(number, SECRET))["events"]
    assert [e["text"] for e in events if e["event"] == "user"] == ["hi"]


SMS_REQUESTS: Dict[str, Tuple[Dict[str, str], bool, int]] = {
    # (form overrides, signed, expected status)
    "unsigned": ({}, False, 403),
    "From missing": ({"From": ""}, True, 400),
    "Body missing": ({"Body": "__drop__"}, True, 200),
    "MessageSid missing": ({"MessageSid": "__drop__"}, True, 200),
    "1 MB Body": ({"Body": MEGABYTE}, True, 413),
}


@pytest.mark.parametrize("case", _ids(SMS_REQUESTS))
def test_sms_malformed_request_gets_a_clear_status(hostile_bot, case):
    overrides, signed, expected = SMS_REQUESTS[case]
    number = next(_numbers)
    form = sms_form(number, "hi", **{k: v for k, v in overrides.items() if v != "__drop__"})
    for name in [k for k, v in overrides.items() if v == "__drop__"]:
        form.pop(name)
    response = sms_post(hostile_bot, form, signed)
    record("sms", case, f"status {response.status_code}")
    assert response.status_code == expected, response.text[:200]
    _, bodies = sms_outcome(sms_post(hostile_bot, sms_form(next(_numbers), "hi")))
    assert_normal_turn_works(bodies)


def test_sms_invalid_utf8_body_is_refused_not_crashed(hostile_bot):
    raw = b"From=%2B14755550999&Body=%FF%FE&MessageSid=SMbad"
    response = requests.post(f"{hostile_bot.url}/webhooks/sms/webhook", data=raw, timeout=30,
                             headers={"Content-Type": "application/x-www-form-urlencoded",
                                      "X-Twilio-Signature": "bm90IGEgc2lnbmF0dXJl"})
    record("sms", "invalid UTF-8 form", f"status {response.status_code}")
    assert response.status_code == 403


# ---------- /model/parse ----------

@pytest.mark.parametrize("case", _ids(HOSTILE_TEXTS))
def test_parse_hostile_text_gets_an_intent_or_a_400(hostile_bot, case):
    response = requests.post(f"{hostile_bot.url}/model/parse", json={"text": HOSTILE_TEXTS[case]}, timeout=60,
                             params={"token": hostile_bot.token})
    assert response.status_code in (200, 400), response.text[:300]
    if response.status_code == 400:
        assert response.json()["message"]
        record("/model/parse", case, "refused 400")
    else:
        record("/model/parse", case, "parsed")
        assert "intent" in response.json()
    assert hostile_bot.parse("hi")["intent"]["name"]


PARSE_REQUESTS: Dict[str, bytes] = {
    "not JSON": b"text=hi",
    "invalid JSON": b'{"text": ',
    "invalid UTF-8": b'{"text": "\xff\xfe"}',
    "empty body": b"",
    "JSON null": b"null",
    "JSON list": b'["hi"]',
    "JSON string": b'"hi"',
    "text missing": b'{"message": "hi"}',
    "text a number": b'{"text": 42}',
    "text null": b'{"text": null}',
    "text a list": b'{"text": ["hi"]}',
    "text an object": b'{"text": {"a": 1}}',
    "text over the cap": json.dumps({"text": "a" * (MAX_MESSAGE_CHARS + 1)}).encode(),
    "deeply nested JSON": b'{"text": "hi", "x": ' + b"[" * 10_000 + b"]" * 10_000 + b"}",
    "1 MB text": json.dumps({"text": MEGABYTE}).encode(),
}


@pytest.mark.parametrize("case", _ids(PARSE_REQUESTS))
def test_parse_client_error_gets_a_400_with_a_message(hostile_bot, case):
    response = requests.post(f"{hostile_bot.url}/model/parse", data=PARSE_REQUESTS[case], timeout=60,
                             headers={"Content-Type": "application/json"}, params={"token": hostile_bot.token})
    record("/model/parse", case, f"status {response.status_code}")
    expected = 413 if case == "1 MB text" else 400
    assert response.status_code == expected, response.text[:300]
    assert response.text.strip()
    if expected == 400:
        assert response.json()["message"]
    assert hostile_bot.parse("hi")["intent"]["name"]

