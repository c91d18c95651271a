"""REST channel for staff and tests, at POST /webhooks/rest/webhook {"sender", "message"}.

Differs from Rasa's built-in one where it matters here: typed `/payloads` are guarded, a missing
sender is refused instead of silently sharing the conversation "default", so is a sender id of the widget
or SMS namespace (extensions/channels/namespaces.py), client metadata is dropped unless allowed
(extensions/channels/metadata.py), and a failed turn answers with a kind message that carries the crisis
numbers instead of an empty list. User text is never logged.
"""

from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from extensions import request_limits
from extensions.channels.metadata import client_metadata
from extensions.channels.namespaces import SMS_PREFIX, WEB_PREFIX, is_reserved
from extensions.payload_guard import guarded, metadata_problem, sender_problem
from harmbot.content import sentence

logger = logging.getLogger(__name__)


class GuardedRestInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        handle = guarded(on_new_message)
        webhook = Blueprint("harmbot_rest", __name__)
        request_limits.install(webhook)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                body = request.json
            except Exception:
                body = None
            if not isinstance(body, dict):
                return response.json({"error": 'Send JSON: {"sender": "...", "message": "..."}'}, 400)
            sender, text = body.get("sender"), body.get("message")
            problem = sender_problem(sender) or metadata_problem(body.get("metadata"))
            if problem:
                return response.json({"error": f"Refused: {problem}."}, 400)
            if is_reserved(str(sender)):
                reserved = f"Sender ids starting with {WEB_PREFIX} or {SMS_PREFIX} belong to the widget and SMS."
                return response.json({"error": reserved}, 400)
            if not isinstance(text, str):
                return response.json({"error": "'message' must be a string."}, 400)

            collector = CollectingOutputChannel()
            metadata = client_metadata(body.get("metadata"))
            try:
                await handle(UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata))
            except Exception:
                logger.exception("REST turn failed; the user got the technical-problem message.")
                collector.messages.append({"recipient_id": sender, "text": sentence("messages", "technical_problem")})
            return response.json(collector.messages)

        return webhook
