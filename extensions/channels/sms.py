"""SMS channel in Twilio's webhook format: POST /webhooks/sms/webhook, answered inline with TwiML.

- Only requests whose X-Twilio-Signature matches the configured public URL reach the bot (else 403).
- The phone number is never kept: the conversation id is an HMAC-SHA256 of it, and nothing else
  from the form (no metadata, no MessageSid, no location fields) goes to Rasa.
- Buttons become numbered choices; a reply of the number or the choice's words presses the button.
  A typed `/payload` is text (payload guard without button pass-through).
- STOP/START/HELP as Twilio defines them. After STOP only a crisis message gets an answer.
- The signature is checked over the raw form body, blank fields included (Twilio signs `FromCity=`
  and the empty `Body` of a picture-only MMS; Sanic's `request.form` drops them).
- A request Twilio repeats (same MessageSid, e.g. after a timeout) gets the first answer again, or
  empty TwiML while the first is still being worked on: never a second turn.
- Every request is answered within SMS_REPLY_TIMEOUT seconds; a slow turn finishes in the background.

Configured in credentials.yml; sentences in resources/sms.yml; operator notes in docs/sms.md.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import time
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Dict, List, Mapping, Optional, Sequence, Tuple
from urllib.parse import parse_qsl

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from extensions import conversation_erasure, request_limits
from extensions.channels import sms_text
from extensions.channels.sms_store import ConversationState, SMSStore
from extensions.channels.sms_text import Choice, sentence
from extensions.payload_guard import guard_text, guarded
from harmbot import content
from harmbot import settings as config
from harmbot.names import CRISIS_INTENT

logger = logging.getLogger(__name__)

# Same as the domain's session_expiration_time: after this much silence a text starts a new
# conversation, and its first reply carries the privacy notice again.
NEW_CONVERSATION_AFTER_S = 60 * 60
DEFAULT_REPLY_TIMEOUT_S = 10.0

Handler = Callable[[UserMessage], Awaitable[Any]]
Parser = Callable[[str], Awaitable[Dict[str, Any]]]


def conversation_id(number: str, secret: str) -> str:
    """The only trace of a phone number that is kept: a keyed hash (unguessable without the secret)."""
    digest = hmac.new(secret.encode("utf-8"), number.strip().encode("utf-8"), hashlib.sha256)
    return f"sms-{digest.hexdigest()}"


def message_key(message_sid: str, secret: str) -> str:
    """What the replay check keeps of a MessageSid: a keyed hash, like the conversation id."""
    digest = hmac.new(secret.encode("utf-8"), f"MessageSid:{message_sid}".encode(), hashlib.sha256)
    return digest.hexdigest()


def form_fields(body: bytes) -> Dict[str, List[str]]:
    """The urlencoded form exactly as Twilio signed it: every field, blank ones included."""
    fields: Dict[str, List[str]] = {}
    for name, value in parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True):
        fields.setdefault(name, []).append(value)
    return fields


class _FormParams(dict):
    """Form fields as Twilio's validator reads them (every value of a repeated field counts)."""

    def getlist(self, name: str) -> List[str]:
        return self[name]


def signature_is_valid(token: str, url: str, form: Mapping[str, List[str]], signature: Optional[str]) -> bool:
    if not (token and url and signature):
        return False
    return RequestValidator(token).validate(url, _FormParams(form), signature)


def twiml(bodies: List[str]) -> str:
    """<Response> with one <Message> per body (XML-escaped); no bodies: an empty <Response/>."""
    reply = MessagingResponse()
    for body in bodies:
        reply.message(body)
    return str(reply)


@dataclass
class SMSSettings:
    auth_token: str
    webhook_url: str
    sender_secret: str
    validate_signature: bool = True
    reply_timeout: float = DEFAULT_REPLY_TIMEOUT_S


class SMSOutput(CollectingOutputChannel):
    """Collects the turn's replies; named "sms" so responses can have `channel: sms` variations."""

    @classmethod
    def name(cls) -> str:
        return "sms"


class SMSInput(InputChannel):
    def __init__(self, settings: SMSSettings, store: SMSStore) -> None:
        self.settings = settings
        self.store = store

    @classmethod
    def name(cls) -> str:
        return "sms"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> SMSInput:
        credentials = credentials or {}
        settings = SMSSettings(
            auth_token=str(credentials.get("auth_token") or ""),
            webhook_url=str(credentials.get("webhook_url") or ""),
            sender_secret=str(credentials.get("sender_secret") or ""),
            validate_signature=config.SMS_VALIDATE_SIGNATURE.get(),
            reply_timeout=config.SMS_REPLY_TIMEOUT.get(),
        )
        state_db = str(credentials.get("state_db") or "")
        if not state_db:
            logger.warning("SMS channel: no state_db configured; STOP opt-outs are lost on restart.")
        channel = cls(settings, SMSStore(state_db or ":memory:"))
        channel.log_configuration()
        return channel

    def log_configuration(self) -> None:
        s = self.settings
        if not s.sender_secret:
            logger.error("SMS channel: SMS_SENDER_SECRET is empty, so every SMS request gets 503.")
        if not s.validate_signature:
            logger.warning(
                "SMS channel: signature check is OFF (SMS_VALIDATE_SIGNATURE=false). Anyone can post as any "
                "number. Development only."
            )
        elif not (s.auth_token and s.webhook_url):
            logger.warning(
                "SMS channel: TWILIO_AUTH_TOKEN or SMS_WEBHOOK_URL is empty, so every SMS request gets 403 "
                "(docs/sms.md)."
            )

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        run_turn = self.turn_handler(on_new_message)
        webhook = Blueprint("harmbot_sms", __name__)
        request_limits.install(webhook)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            status, body = await self.answer(
                form_fields(request.body),
                request.headers.get("X-Twilio-Signature"),
                request.query_string,
                run_turn,
                request.app.ctx.agent.parse_message,
            )
            return response.text(body, status=status, content_type="text/xml; charset=utf-8")

        return webhook

    async def answer(
        self,
        form: Mapping[str, List[str]],
        signature: Optional[str],
        query_string: str,
        run_turn: Handler,
        parse: Parser,
    ) -> Tuple[int, str]:
        """(HTTP status, TwiML) for one inbound text."""
        if not self.settings.sender_secret:
            return 503, ""
        if not self._signature_ok(form, signature, query_string):
            return 403, ""
        number = (form.get("From") or [""])[0]
        if not number.strip():
            return 400, ""
        sender = conversation_id(number, self.settings.sender_secret)
        text = (form.get("Body") or [""])[0].strip()
        sid = (form.get("MessageSid") or [""])[0]
        key = message_key(sid, self.settings.sender_secret) if sid else None
        if key and not self.store.claim_message(key, time.time()):
            logger.info("A repeated SMS request (same MessageSid) got the first answer again, not a new turn.")
            return 200, self.store.answer_to(key) or twiml([])
        try:
            reply = await self._reply(sender, text, run_turn, parse)
        except Exception:
            logger.exception("SMS turn failed; the person got the technical-problem message.")
            reply = twiml([content.sentence("messages", "technical_problem")])
        if key:
            self.store.record_answer(key, reply)
        return 200, reply

    async def _reply(self, sender: str, text: str, run_turn: Handler, parse: Parser) -> str:
        state = self.store.state(sender)
        word = sms_text.keyword(text)
        if word == "stop":
            self.store.set_opted_out(sender, True)
            return twiml([])
        if word == "start":
            self.store.set_opted_out(sender, False)
            return self._send(sender, state, sentence("welcome_back"))
        if word == "help":
            return self._send(sender, state, help_text(), notice=False)
        if state.opted_out and not (text and await self._is_crisis(text, parse)):
            # After STOP only a crisis gets an answer; nothing else is passed to the bot or stored.
            return twiml([])
        if not text:
            return self._send(sender, state, sentence("no_text"))

        messages = await self._run_turn(sender, text, run_turn)
        if messages is None:
            return self._send(sender, state, sentence("holding"))
        body, choices = sms_text.compose(messages, with_choices=not state.opted_out)
        if not body:
            # Every turn should say something; silence could leave someone in crisis with nothing.
            logger.error("An SMS turn produced no reply; sent the technical-problem message.")
            body = content.sentence("messages", "technical_problem")
        if state.opted_out:
            body = f"{body}\n\n{sentence('after_stop_crisis')}"
        reply = self._send(sender, state, body, choices)
        if any(map(conversation_erasure.is_deletion_marker, messages)):
            self.store.forget(sender)  # "delete my chat": no choices or reply time kept either
        return reply

    @staticmethod
    async def _is_crisis(text: str, parse: Parser) -> bool:
        parsed = await parse(guard_text(text))
        return (parsed.get("intent") or {}).get("name") == CRISIS_INTENT

    def _send(
        self,
        sender: str,
        state: ConversationState,
        body: str,
        choices: Sequence[Choice] = (),
        notice: bool = True,
    ) -> str:
        """TwiML for the reply; remembers its choices (older ones no longer apply) and when it went out."""
        now = time.time()
        new_conversation = state.last_reply_at is None or now - state.last_reply_at > NEW_CONVERSATION_AFTER_S
        if notice and body and new_conversation:
            body = f"{body}\n\n{sentence('privacy_notice')}"
        self.store.record_reply(sender, choices, now)
        return twiml(sms_text.split_for_sms(body))

    async def _run_turn(self, sender: str, text: str, run_turn: Handler) -> Optional[List[Dict[str, Any]]]:
        """The bot's messages for this turn, or None if they took longer than the reply timeout."""
        output = SMSOutput()
        started = time.monotonic()
        turn = asyncio.ensure_future(run_turn(UserMessage(text, output, sender, input_channel=self.name())))
        try:
            await asyncio.wait_for(asyncio.shield(turn), self.settings.reply_timeout)
        except asyncio.TimeoutError:
            logger.warning(
                "An SMS turn took longer than %.1f s: sent the holding message; the turn goes on in the "
                "background.",
                self.settings.reply_timeout,
            )
            turn.add_done_callback(lambda task: _log_late_turn(task, started))
            return None
        return output.messages

    def _signature_ok(
        self, form: Mapping[str, List[str]], signature: Optional[str], query_string: str
    ) -> bool:
        if not self.settings.validate_signature:
            logger.warning("SMS signature check is OFF (SMS_VALIDATE_SIGNATURE=false): request not verified.")
            return True
        url = self.settings.webhook_url
        if query_string and "?" not in url:
            url = f"{url}?{query_string}"
        if signature_is_valid(self.settings.auth_token, url, form, signature):
            return True
        logger.warning(
            "Refused an SMS webhook request (403): %s X-Twilio-Signature. If Twilio's own requests are "
            "refused, SMS_WEBHOOK_URL must be exactly the URL set in the Twilio console.",
            "wrong" if signature else "missing",
        )
        return False

    def turn_handler(self, on_new_message: Handler) -> Handler:
        """Typed `/payloads` become text (payload guard); then a reply naming one of the choices sent
        last presses that button."""

        async def choices_to_payloads(message: UserMessage) -> None:
            payload = sms_text.pick_choice(message.text, self.store.state(message.sender_id).choices)
            if payload:
                message.text = payload
            await on_new_message(message)

        return guarded(choices_to_payloads, allow_buttons=False)


def help_text() -> str:
    region = content.region()
    contact = region["program_contact"]
    return sentence(
        "help",
        region=region["name"],
        contact_about=contact["about"],
        contact_name=contact["name"],
        contact_email=contact["email"],
        contact_not_for=contact.get("not_for", ""),
    )


def _log_late_turn(turn: asyncio.Future, started: float) -> None:
    seconds = time.monotonic() - started
    if turn.cancelled():
        logger.warning("A delayed SMS turn was cancelled after %.1f s.", seconds)
    elif turn.exception() is not None:
        logger.error("A delayed SMS turn failed after %.1f s (%s).", seconds, type(turn.exception()).__name__)
    else:
        logger.info("A delayed SMS turn finished after %.1f s.", seconds)
