"""Limits on what the Rasa server's HTTP layer accepts, installed from the channels' blueprints (the
only project code Rasa loads into its Sanic app).

- Request bodies: Sanic's REQUEST_MAX_SIZE (default 100 MB) becomes HARMBOT_MAX_REQUEST_BYTES (64 KiB),
  so a 1 MB message is answered 413 from its Content-Length, before it is read or parsed. 64 KiB fits
  the longest accepted message even as JSON `\\uXXXX` escapes (4,000 emoji are 48 KB) plus metadata.
  It applies to Rasa's HTTP API too: raise it if you upload models or stories over HTTP.
- `POST /model/parse`: Rasa's route answers 500 to client mistakes (a body that is not JSON, no `text`,
  `text` not a string). A request middleware answers them 400 with a message instead, and refuses a
  text longer than the channels accept, which would only cost time.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Optional

from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from extensions.payload_guard import MAX_MESSAGE_CHARS
from harmbot import settings

logger = logging.getLogger(__name__)

PARSE_PATH = "/model/parse"


def max_request_bytes() -> int:
    return settings.MAX_REQUEST_BYTES.get()


def install(blueprint: Blueprint) -> None:
    """Applies the limits to whichever app the blueprint joins (safe to call from several channels)."""
    blueprint.listener("before_server_start")(_configure_app)


async def _configure_app(app: Sanic, _: Any) -> None:
    # HttpProtocol reads REQUEST_MAX_SIZE per connection, so setting it before serving is enough.
    app.config.REQUEST_MAX_SIZE = max_request_bytes()
    # App-level (not blueprint) middleware, so it also sees Rasa's own API routes; Sanic skips duplicates.
    app.register_middleware(check_parse_request, "request")


def parse_request_problem(body: bytes) -> Optional[str]:
    """Why a /model/parse body can't be parsed (None: Rasa can take it)."""
    try:
        data = json.loads(body or b"")
    except (ValueError, UnicodeDecodeError, RecursionError):
        return 'The body must be JSON: {"text": "..."}.'
    if not isinstance(data, dict) or "text" not in data:
        return 'The body must be a JSON object with a "text" field: {"text": "..."}.'
    if not isinstance(data["text"], str):
        return '"text" must be a string.'
    if len(data["text"]) > MAX_MESSAGE_CHARS:
        return f'"text" is longer than {MAX_MESSAGE_CHARS} characters.'
    return None


def _body_unread(request: Request) -> bool:
    length = request.headers.get("content-length")
    return length is not None and length.isdigit() and int(length) != len(request.body or b"")


async def check_parse_request(request: Request) -> Optional[HTTPResponse]:
    # Emulation modes (wit, luis, dialogflow) read other fields; Rasa handles those requests itself.
    if request.path != PARSE_PATH or request.method != "POST" or request.args.get("emulation_mode"):
        return None
    if _body_unread(request):
        # Sanic also runs request middleware while answering an error, e.g. 413 for a body over the
        # limit; that answer stands.
        return None
    problem = parse_request_problem(request.body)
    if problem is None:
        return None
    # Rasa's own error shape, so API clients read it like any other Rasa error.
    return response.json({"status": "failure", "reason": "BadRequest", "message": problem, "code": 400}, status=400)
