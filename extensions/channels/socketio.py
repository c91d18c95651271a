"""socket.io channel for the website widget: Rasa's channel with typed `/payloads` guarded and only the
configured web origins allowed to connect.

Rasa's own channel builds its socket.io server with `cors_allowed_origins=[]`, which turns engine.io's
Origin check off: any web page could open a socket to the bot. Here the allow-list comes from the
`WIDGET_ORIGINS` environment variable (space- or comma-separated), else from the channel's
`cors_allowed_origins` key in credentials.yml, else the local widget server
(http://127.0.0.1:$WIDGET_PORT and http://localhost:$WIDGET_PORT, port 8080 by default).
engine.io answers a request whose Origin is not listed with 400, for polling and for the websocket
handshake. Requests without an Origin header (non-browser clients) are not affected by this check.
"""

from __future__ import annotations

import os
from typing import Any, Awaitable, Callable, Dict, Iterable, List, Optional, Union
from urllib.parse import urlsplit

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

from extensions.payload_guard import guarded

ORIGINS_ENV = "WIDGET_ORIGINS"


def default_origins() -> List[str]:
    port = os.environ.get("WIDGET_PORT", "8080")
    return [f"http://127.0.0.1:{port}", f"http://localhost:{port}"]


def normalise_origin(origin: str) -> str:
    """`https://Example.org/` -> `https://example.org`; anything that is not a bare origin is refused,
    because a browser's Origin header never carries a path and such an entry would never match."""
    if origin == "*":
        return origin
    parts = urlsplit(origin.strip().rstrip("/"))
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path or parts.query:
        raise ValueError(
            f"socket.io allowed origin {origin!r} must look like https://www.example.org (scheme, host and "
            "optional port, no path)."
        )
    return f"{parts.scheme}://{parts.netloc.lower()}"


def configured_origins(
    configured: Union[str, Iterable[str], None], env: Optional[Dict[str, str]] = None
) -> Union[str, List[str]]:
    """The origins allowed to open a socket: env WIDGET_ORIGINS, else credentials.yml, else the local
    widget server. Returns "*" only if a deployer explicitly lists "*"."""
    env = os.environ if env is None else env
    raw: Union[str, Iterable[str], None] = env.get(ORIGINS_ENV) or configured
    if raw is None:
        return default_origins()
    items = raw.replace(",", " ").split() if isinstance(raw, str) else list(raw)
    origins = [normalise_origin(str(item)) for item in items]
    if not origins:
        # engine.io reads an empty list as "no Origin check at all": never let a blank setting mean that.
        raise ValueError(f"socket.io allowed origins are empty; list the widget's origins in {ORIGINS_ENV}.")
    return "*" if "*" in origins else origins


class GuardedSocketIOInput(SocketIOInput):
    allowed_origins: Union[str, List[str], None] = None

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        channel = super().from_credentials(credentials)
        channel.allowed_origins = configured_origins((credentials or {}).get("cors_allowed_origins"))
        return channel

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = super().blueprint(guarded(on_new_message))
        # Rasa creates the AsyncServer inside blueprint() with the Origin check off; engine.io reads this
        # attribute on every request, so setting it here is the same as passing it to the constructor.
        self.sio.eio.cors_allowed_origins = self.allowed_origins or configured_origins(None)
        return webhook


def conversation_of(session_id: str) -> str:
    """The conversation id inside a session id the server issued (`<conversation id>.<signature>`)."""
    return session_id.partition(".")[0]
