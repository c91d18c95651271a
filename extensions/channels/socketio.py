"""socket.io channel for the website widget: Rasa's channel with typed `/payloads` guarded, only the
configured web origins allowed to connect, server-issued session ids, no client metadata stored, and
malformed events answered with an error event.

Sessions. Rasa's channel takes whatever `session_id` a client asks for and puts the socket in that room, so
anyone who knew an id received that person's replies (crisis replies too) and could write as them, and a
socket client could name a REST conversation. Here the server issues every id,
`web-<random>.<issued>.<signature>` (an HMAC with `session_secret` from credentials.yml over the
conversation id and the Unix time it was issued): the conversation id is the part before the first dot, in
the `web-` namespace REST refuses. A client that asks for an id resumes its conversation only with a valid
signature and an issue time less than HARMBOT_SOCKET_SESSION_MAX_IDLE_SECONDS ago (a page reload in the
same tab); it is confirmed with a freshly issued id for the same conversation. Anything else (forged,
expired, or the older `web-<random>.<signature>` form) gets a new session. While the person chats, the
socket gets `session_refresh` with a new id (at most once a minute, on their messages), so the limit
counts from the last message: a copied id stops working once the conversation has been quiet that long.
Nothing is stored on the server for this, so it works the same with several Rasa instances that share the
secret. Each socket is bound to the session it was confirmed, and its messages go to that conversation
whatever `session_id` they carry; a session is held by one socket at a time, the one that asked for it last.

Rasa's own channel builds its socket.io server with `cors_allowed_origins=[]`, which turns engine.io's
Origin check off: any web page could open a socket to the bot. Here the allow-list comes from the
`WIDGET_ORIGINS` environment variable (space- or comma-separated), else from the channel's
`cors_allowed_origins` key in credentials.yml, else the local widget server
(http://127.0.0.1:$WIDGET_PORT and http://localhost:$WIDGET_PORT, port 8080 by default).
engine.io answers a request whose Origin is not listed with 400, for polling and for the websocket
handshake. Requests without an Origin header (non-browser clients) are not affected by this check.

Rasa's handlers drop a malformed event in silence (or with an exception in the log): `data` that is not
an object, `message` that is not text, a missing session id. Here such an event gets `harmbot_error`
`{"error": <what was wrong>, "message": <a kind sentence>}`, and the socket stays open for the next one.
Session ids and metadata are capped like the REST channel's sender.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import re
import secrets
import time
from typing import Any, Awaitable, Callable, Dict, Iterable, List, Optional, Union
from urllib.parse import urlsplit

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint, response

from extensions import request_limits
from extensions.channels.metadata import client_metadata
from extensions.channels.namespaces import WEB_PREFIX
from extensions.payload_guard import guarded, metadata_problem, sender_problem
from harmbot import settings
from harmbot.content import sentence

ORIGINS_ENV = settings.WIDGET_ORIGINS.name
ERROR_EVENT = "harmbot_error"
REFRESH_EVENT = "session_refresh"
# The longest gap between two refreshed ids (the idle limit counts from the last one the widget stored).
MAX_REFRESH_INTERVAL = 60.0
# Replicas' clocks may differ a little: an id issued "in the future" by this much is still accepted.
CLOCK_SKEW_SECONDS = 60
_ISSUED = re.compile(r"[0-9]{1,12}")


def default_origins() -> List[str]:
    port = settings.WIDGET_PORT.get()
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
    raw: Union[str, Iterable[str], None] = settings.WIDGET_ORIGINS.get(env) or configured
    if raw is None:
        return default_origins()
    items = raw.replace(",", " ").split() if isinstance(raw, str) else list(raw)
    origins = [normalise_origin(str(item)) for item in items]
    if not origins:
        # engine.io reads an empty list as "no Origin check at all": never let a blank setting mean that.
        raise ValueError(f"socket.io allowed origins are empty; list the widget's origins in {ORIGINS_ENV}.")
    return "*" if "*" in origins else origins


def conversation_of(session_id: str) -> str:
    """The conversation id inside a session id this server issued (`web-<random>.<issued>.<signature>`)."""
    return session_id.partition(".")[0]


class SessionSigner:
    """Issues session ids and recognises the ones it issued, while they are younger than the idle limit
    (HMAC-SHA256 over the conversation id and the issue time, truncated to 128 bits)."""

    def __init__(
        self, secret: str, max_idle_seconds: Optional[float] = None, clock: Callable[[], float] = time.time
    ) -> None:
        if not secret:
            raise ValueError("The socket.io channel needs `session_secret` (SOCKET_SESSION_SECRET; scripts/common.sh).")
        self.key = secret.encode("utf-8")
        limit = settings.SOCKET_SESSION_MAX_IDLE_SECONDS.get() if max_idle_seconds is None else max_idle_seconds
        self.max_idle = float(limit)
        self.clock = clock

    @property
    def refresh_interval(self) -> float:
        """How often a chatting socket gets a new id: once a minute, more often only for a limit under 2 min."""
        return min(MAX_REFRESH_INTERVAL, self.max_idle / 2)

    def issue(self, conversation: Optional[str] = None) -> str:
        """A new id, for a new conversation or (refreshed) for `conversation`."""
        conversation = conversation or f"{WEB_PREFIX}{secrets.token_hex(16)}"
        issued = str(int(self.clock()))
        return f"{conversation}.{issued}.{self._sign(conversation, issued)}"

    def resumable(self, session_id: Any) -> Optional[str]:
        """The conversation of an id this server issued less than the idle limit ago; else None (forged,
        expired, malformed, or the old `web-<random>.<signature>` form without an issue time)."""
        if not isinstance(session_id, str) or len(session_id) > 100:
            return None
        parts = session_id.split(".")
        if len(parts) != 3:
            return None
        conversation, issued, signature = parts
        if not conversation.startswith(WEB_PREFIX) or not _ISSUED.fullmatch(issued):
            return None
        expected = self._sign(conversation, issued).encode("utf-8")
        if not hmac.compare_digest(signature.encode("utf-8"), expected):
            return None
        age = self.clock() - int(issued)
        return conversation if -CLOCK_SKEW_SECONDS <= age <= self.max_idle else None

    def is_valid(self, session_id: Any) -> bool:
        return self.resumable(session_id) is not None

    def _sign(self, conversation: str, issued: str) -> str:
        message = f"{conversation}.{issued}".encode()
        return hmac.new(self.key, message, hashlib.sha256).hexdigest()[:32]


class GuardedSocketIOInput(SocketIOInput):
    allowed_origins: Union[str, List[str], None] = None
    signer: Optional[SessionSigner] = None
    sessions: Dict[str, str]  # socket id -> conversation id
    issued_at: Dict[str, float]  # socket id -> when it was last sent an id (confirmed or refreshed)

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        channel = super().from_credentials(credentials)
        channel.allowed_origins = configured_origins((credentials or {}).get("cors_allowed_origins"))
        channel.signer = SessionSigner(str((credentials or {}).get("session_secret") or ""))
        channel.sessions, channel.issued_at = {}, {}
        return channel

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = super().blueprint(on_new_message)
        # Rasa creates the AsyncServer inside blueprint() with the Origin check off; engine.io reads this
        # attribute on every request, so setting it here is the same as passing it to the constructor.
        self.sio.eio.cors_allowed_origins = self.allowed_origins or configured_origins(None)
        # Replace Rasa's session and message handlers (socket.io keeps one handler per event).
        if self.signer is None:
            raise ValueError("Create the socket.io channel with from_credentials (it needs session_secret).")
        self.sessions, self.issued_at = {}, {}
        handle = guarded(on_new_message)

        async def user_uttered(sid: str, data: Any) -> None:
            await self.user_uttered(handle, sid, data)

        self.sio.on("session_request", self.session_request, namespace=self.namespace)
        self.sio.on(self.user_message_evt, user_uttered, namespace=self.namespace)
        mark_websocket_route(self.sio.eio)
        self.sio.on("disconnect", self.forget_socket, namespace=self.namespace)
        # engine.io's limit on one packet (polling body or websocket frame); default 1 MB.
        self.sio.eio.max_http_buffer_size = request_limits.max_request_bytes()
        request_limits.install(webhook)
        self._refuse_malformed_events()
        return webhook

    def _signer(self) -> SessionSigner:
        if self.signer is None:
            raise ValueError("Create the socket.io channel with from_credentials (it needs session_secret).")
        return self.signer

    def forget_socket(self, sid: str) -> None:
        self.sessions.pop(sid, None)
        self.issued_at.pop(sid, None)

    async def session_request(self, sid: str, data: Any) -> None:
        requested = data.get("session_id") if isinstance(data, dict) else None
        signer = self._signer()
        # A resumed conversation is confirmed with a fresh id (a new issue time), so the idle limit starts again.
        await self.confirm(sid, signer.issue(signer.resumable(requested)))

    async def confirm(self, sid: str, session_id: str) -> None:
        conversation = conversation_of(session_id)
        # One socket per session, the newest (a reloaded page): an older socket leaves the room, so even a
        # copied session id hears nothing more; its next message starts a new session. And a socket that
        # asks again leaves the session it had.
        for other, held in list(self.sessions.items()):
            if other == sid or held == conversation:
                self.sio.leave_room(other, held, namespace=self.namespace)
                self.forget_socket(other)
        self.sessions[sid] = conversation
        self.issued_at[sid] = self._signer().clock()
        self.sio.enter_room(sid, conversation, namespace=self.namespace)
        await self.sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

    async def refresh(self, sid: str) -> None:
        """A new id for the socket's conversation when the one it holds is older than the refresh interval."""
        signer = self._signer()
        if signer.clock() - self.issued_at.get(sid, 0.0) < signer.refresh_interval:
            return
        self.issued_at[sid] = signer.clock()
        await self.sio.emit(REFRESH_EVENT, signer.issue(self.sessions[sid]), room=sid, namespace=self.namespace)

    async def user_uttered(self, handle: Callable[[UserMessage], Awaitable[Any]], sid: str, data: Any) -> None:
        if sid not in self.sessions:  # a client that never asked for a session gets one, not silence
            await self.confirm(sid, self._signer().issue())
        else:
            await self.refresh(sid)
        data = data if isinstance(data, dict) else {}
        text = data.get("message")
        await handle(
            UserMessage(
                text if isinstance(text, str) else "",
                SocketIOOutput(self.sio, self.bot_message_evt),
                self.sessions[sid],
                input_channel=self.name(),
                metadata=client_metadata(data.get(self.metadata_key)),
            )
        )

    def _refuse_malformed_events(self) -> None:
        """Puts a check in front of the registered session_request and user message handlers."""
        handlers = self.sio.handlers[self.namespace or "/"]
        checks = {
            "session_request": session_request_problem,
            self.user_message_evt: lambda data: user_message_problem(data, self.session_persistence, self.metadata_key),
        }
        for event, check in checks.items():
            if event in handlers:
                handlers[event] = self._checked(handlers[event], check)

    def _checked(
        self, handler: Callable[..., Awaitable[Any]], problem: Callable[[Any], Optional[str]]
    ) -> Callable[..., Awaitable[Any]]:
        async def checked(sid: str, *args: Any) -> Any:
            # A client can emit an event with no argument or several; Rasa's handlers take exactly one.
            data = args[0] if len(args) == 1 else _WRONG_ARGUMENTS
            reason = problem(data)
            if reason:
                await self.sio.emit(
                    ERROR_EVENT,
                    {"error": reason, "message": sentence("messages", "unreadable_message")},
                    room=sid,
                    namespace=self.namespace,
                )
                return None
            return await handler(sid, data)

        return checked


def mark_websocket_route(eio: Any) -> None:
    """Lets Sanic accept engine.io's "no response" once a websocket has closed.

    engine.io serves polling and websocket on one Sanic route; after a websocket closes, its handler
    returns None (the connection is no longer HTTP), and Sanic logs "Invalid response type None" with a
    traceback for every closed widget tab, unless the handler carries Sanic's `is_websocket` mark.
    The route is added later, when the blueprint is registered, from `eio.handle_request`.

    A closed polling socket stays in engine.io's table until a request names it; a poll that arrives then
    (a tab's last poll crossing its close) makes engine.io raise KeyError("Session is disconnected"):
    a 500 and a traceback. It gets the 400 engine.io gives any unknown session.
    """
    handle_request = eio.handle_request

    @functools.wraps(handle_request)
    async def handle(*args: Any, **kwargs: Any) -> Any:
        try:
            return await handle_request(*args, **kwargs)
        except KeyError as error:
            if error.args not in _CLOSED_SESSION_ERRORS:
                raise
            return response.text("Invalid session", status=400)

    handle.is_websocket = True  # type: ignore[attr-defined]
    eio.handle_request = handle


_WRONG_ARGUMENTS = object()
# What engine.io raises for a session it has closed (engineio.base_server._get_socket).
_CLOSED_SESSION_ERRORS = {("Session is disconnected",), ("Session not found",)}


def session_request_problem(data: Any) -> Optional[str]:
    """Why a session_request event is refused (None: Rasa's handler can take it)."""
    if data is _WRONG_ARGUMENTS:
        return 'send one object: {"session_id": "..."}'
    if data is None:
        return None
    if not isinstance(data, dict):
        return "the data must be an object"
    if data.get("session_id") is None:
        return None
    return sender_problem(data["session_id"], "session_id")


def user_message_problem(data: Any, session_persistence: bool, metadata_key: str) -> Optional[str]:
    """Why a user message event is refused (None: Rasa's handler can take it)."""
    if data is _WRONG_ARGUMENTS:
        return 'send one object: {"message": "...", "session_id": "..."}'
    if not isinstance(data, dict):
        return "the data must be an object"
    if not isinstance(data.get("message", ""), str):
        return "'message' must be a string"
    if session_persistence:
        problem = sender_problem(data.get("session_id"), "session_id")
        if problem:
            return problem
    metadata = data.get(metadata_key)
    if isinstance(metadata, str):  # Rasa accepts metadata as a JSON string too
        try:
            metadata = json.loads(metadata)
        except ValueError:
            return "metadata must be JSON"
    return metadata_problem(metadata)
