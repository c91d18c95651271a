"""SMS channel in Twilio's webhook format: POST /webhooks/sms/webhook, answered inline with TwiML.

- Only requests whose X-Twilio-Signature matches the configured public URL reach the bot (else 403).
- The phone number is never kept: the conversation id is an HMAC-SHA256 of it, and nothing else
  from the form (no metadata, no MessageSid, no location fields) goes to Rasa.
- Buttons become numbered choices; a reply of the number or the choice's words presses the button.
  A typed `/payload` is text (payload guard without button pass-through).
- STOP/START/HELP as Twilio defines them. After STOP only a crisis message gets an answer.
  (What a text is and the turn it gets: sms_conversation.py, which reads and writes the state once.)
- The signature is checked over the raw form body, blank fields included (Twilio signs `FromCity=`
  and the empty `Body` of a picture-only MMS; Sanic's `request.form` drops them).
- A request Twilio repeats (same MessageSid, e.g. after a timeout) gets the first answer again, or
  empty TwiML while the first is still being worked on: never a second turn.
- Every request is answered within SMS_REPLY_TIMEOUT seconds; a slow turn finishes in the background.

Configured in credentials.yml; sentences in resources/sms.yml; operator notes in docs/sms.md.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Tuple
from urllib.parse import parse_qsl

from rasa.core.channels.channel import InputChannel
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from extensions import request_limits
from extensions.channels.sms_conversation import CHANNEL, Handler, SMSConversation
from harmbot import settings as config
from harmbot.storage.sms_state import SMSStore

logger = logging.getLogger(__name__)

DEFAULT_REPLY_TIMEOUT_S = 10.0


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


@dataclass
class SMSSettings:
    auth_token: str
    webhook_url: str
    sender_secret: str
    validate_signature: bool = True
    reply_timeout: float = DEFAULT_REPLY_TIMEOUT_S


class SMSInput(InputChannel):
    def __init__(self, settings: SMSSettings, store: SMSStore) -> None:
        self.settings = settings
        self.store = store

    @classmethod
    def name(cls) -> str:
        return CHANNEL

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
                on_new_message,
            )
            return response.text(body, status=status, content_type="text/xml; charset=utf-8")

        return webhook

    async def answer(
        self, form: Mapping[str, List[str]], signature: Optional[str], query_string: str, to_bot: Handler
    ) -> Tuple[int, str]:
        """(HTTP status, TwiML) for one inbound text; `to_bot` is Rasa's handler for a user message."""
        if not self.settings.sender_secret:
            return 503, ""
        if not self._signature_ok(form, signature, query_string):
            return 403, ""
        number = (form.get("From") or [""])[0]
        if not number.strip():
            return 400, ""
        secret = self.settings.sender_secret
        conversation = SMSConversation(self.store, conversation_id(number, secret), self.settings.reply_timeout)
        sid = (form.get("MessageSid") or [""])[0]
        text = (form.get("Body") or [""])[0].strip()
        return 200, await conversation.answer(text, message_key(sid, secret) if sid else None, to_bot)

    def _signature_ok(self, form: Mapping[str, List[str]], signature: Optional[str], query_string: str) -> bool:
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
