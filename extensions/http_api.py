"""Rasa's HTTP API for staff and tests: its token, and the routes this project refuses.

- The token: env RASA_AUTH_TOKEN, else $HARMBOT_VAR/api_token (scripts/common.sh writes it, mode 600).
  Every API route needs `?token=...`; the channel webhooks (REST, socket.io, SMS) never take it.
- `PUT /model` (load another model) and `DELETE /model` (unload it) are refused with 403 even with the
  token: without a model every message, a crisis message too, is answered with nothing. A new model goes
  in by restarting the server (`make run`).
- `POST /model/parse/batch` (this project's route, token required): `{"texts": [...]}` in, `{"results": [...]}`
  out, each result exactly what `POST /model/parse` answers for that text. It runs the same trained pipeline
  once over a list, which the pipeline's components support. It is there for the figures per risk level
  that `make test` prints over some 20,000 labelled messages (one request each took about 35 ms a text, in a
  batch about 15 ms), and for staff checking many phrasings at once. Up to MAX_BATCH_TEXTS texts per request;
  between groups of BATCH_STEP texts it gives the event loop back, so a person's message never waits long
  behind a batch.
"""

from __future__ import annotations

import asyncio
import json
import logging
from asyncio import AbstractEventLoop
from typing import Any, Dict, List, Optional

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from extensions.payload_guard import MAX_MESSAGE_CHARS
from harmbot import settings

logger = logging.getLogger(__name__)

TOKEN_FILE = "api_token"
REFUSED_MODEL_METHODS = frozenset({"PUT", "DELETE"})
PARSE_BATCH_PATH = "/model/parse/batch"
# 100 texts of a typical length fit well inside the 64 KiB body limit (extensions/request_limits.py).
MAX_BATCH_TEXTS = 100
# About 25 x 4 ms: the longest a person's message waits behind a batch before the loop serves it.
BATCH_STEP = 25


def api_token() -> str:
    return settings.secret(settings.RASA_AUTH_TOKEN, TOKEN_FILE)


async def refuse_model_changes(request: Request) -> Optional[HTTPResponse]:
    """Request middleware. Sanic has matched the route by now, so `/model/` or `/model?x` can't slip past."""
    route = getattr(request, "route", None)
    if route is not None and route.path.strip("/") == "model" and request.method in REFUSED_MODEL_METHODS:
        return response.json(
            {"error": "The model cannot be replaced or unloaded over the API; restart the server instead."}, 403
        )
    return None


async def install(app: Sanic, _loop: AbstractEventLoop) -> None:
    """`before_server_start` listener. Sanic reads app-level middleware per request, so adding it here works."""
    app.register_middleware(refuse_model_changes, "request")


def _failure(status: int, reason: str, message: str) -> HTTPResponse:
    # Rasa's own error shape, so API clients read it like any other Rasa error.
    return response.json({"status": "failure", "reason": reason, "message": message, "code": status}, status=status)


def batch_request_problem(body: bytes) -> Optional[str]:
    """Why a /model/parse/batch body can't be parsed (None: it can)."""
    try:
        data = json.loads(body or b"")
    except (ValueError, UnicodeDecodeError, RecursionError):
        return 'The body must be JSON: {"texts": ["...", "..."]}.'
    if not isinstance(data, dict) or not isinstance(data.get("texts"), list):
        return 'The body must be a JSON object with a "texts" list: {"texts": ["...", "..."]}.'
    texts = data["texts"]
    if not texts:
        return '"texts" is empty: send at least one text.'
    if len(texts) > MAX_BATCH_TEXTS:
        return f'"texts" has {len(texts)} texts; send at most {MAX_BATCH_TEXTS} per request.'
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            return f'"texts"[{i}] must be a string.'
        if len(text) > MAX_MESSAGE_CHARS:
            return f'"texts"[{i}] is longer than {MAX_MESSAGE_CHARS} characters.'
    return None


def parse_texts(processor: Any, texts: List[str]) -> List[Dict[str, Any]]:
    """What `processor.parse_message` answers for each text, from one run of the NLU graph over the list.
    Each result is built as Rasa 3.6 builds one (MessageProcessor._parse_message_with_graph and
    parse_message): the defaults, the message's output properties, the full retrieval intent."""
    from rasa.core.channels.channel import UserMessage
    from rasa.engine.constants import PLACEHOLDER_MESSAGE, PLACEHOLDER_TRACKER
    from rasa.shared.core.trackers import DialogueStateTracker

    tracker = DialogueStateTracker.from_events("parse-batch", [])
    target = processor.model_metadata.nlu_target
    outputs = processor.graph_runner.run(
        inputs={PLACEHOLDER_MESSAGE: [UserMessage(text) for text in texts], PLACEHOLDER_TRACKER: tracker},
        targets=[target],
    )[target]
    results = []
    for parsed in outputs:
        data: Dict[str, Any] = {"text": "", "intent": {"name": None, "confidence": 0.0}, "entities": []}
        data.update(parsed.as_dict(only_output_properties=True))
        processor._update_full_retrieval_intent(data)
        results.append(data)
    return results


async def parse_batch(request: Request) -> HTTPResponse:
    problem = batch_request_problem(request.body)
    if problem is not None:
        return _failure(400, "BadRequest", problem)
    agent = request.app.ctx.agent
    if not agent or not agent.is_ready():
        return _failure(409, "Conflict", "No model is loaded yet; try again when the server has started.")
    texts: List[str] = json.loads(request.body)["texts"]
    results: List[Dict[str, Any]] = []
    try:
        for start in range(0, len(texts), BATCH_STEP):
            step = texts[start : start + BATCH_STEP]
            if agent.processor.http_interpreter:  # an external NLU server: one text at a time, as Rasa does
                results += [await agent.parse_message(text) for text in step]
            else:
                results += parse_texts(agent.processor, step)
            await asyncio.sleep(0)  # a person's message waiting behind the batch goes first
    except Exception:
        logger.exception("A batch parse failed.")
        return _failure(500, "ParsingError", "The texts could not be parsed; the server log has the details.")
    return response.json({"results": results})


def add_routes(app: Sanic, _loop: Any = None) -> None:
    """`main_process_start` listener: Sanic fixes its routes before `before_server_start`, so this project's
    routes are added here, behind the same token as Rasa's API."""
    from rasa.server import requires_auth

    app.add_route(requires_auth(app, api_token())(parse_batch), PARSE_BATCH_PATH, methods=["POST"])
