"""Rasa's HTTP API for staff and tests: its token, and the routes this project refuses.

- The token: env RASA_AUTH_TOKEN, else $HARMBOT_VAR/api_token (scripts/common.sh writes it, mode 600).
  Every API route needs `?token=...`; the channel webhooks (REST, socket.io, SMS) never take it.
- `PUT /model` (load another model) and `DELETE /model` (unload it) are refused with 403 even with the
  token: without a model every message, a crisis message too, is answered with nothing. A new model goes
  in by restarting the server (`make run`).
"""

from __future__ import annotations

from asyncio import AbstractEventLoop
from typing import Optional

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from harmbot import settings

TOKEN_FILE = "api_token"
REFUSED_MODEL_METHODS = frozenset({"PUT", "DELETE"})


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
