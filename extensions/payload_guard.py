"""Keeps typed `/intent{...}` text from steering the bot.

Rasa parses any message starting with `/` as an intent payload and skips NLU, so a user could type
their way past the risk screen or set slots. A message is passed on as a payload only when it is
exactly a button payload the bot offers; everything else has its leading slashes removed and goes
through NLU (and the risk screen) as ordinary text.
"""

from __future__ import annotations

from typing import Awaitable, Callable, Iterable, Optional

from rasa.core.channels.channel import UserMessage

from extensions import domain_text


def guard_text(text: Optional[str], allowed_payloads: Iterable[str] = ()) -> str:
    text = (text or "").strip()
    if not text.startswith("/") or text in allowed_payloads:
        return text
    return text.lstrip("/").strip() or "?"


def guarded(
    on_new_message: Callable[[UserMessage], Awaitable[None]], allow_buttons: bool = True
) -> Callable[[UserMessage], Awaitable[None]]:
    """Wraps a channel's message handler so every message passes `guard_text` first."""
    allowed = domain_text.button_payloads() if allow_buttons else frozenset()

    async def handler(message: UserMessage) -> None:
        message.text = guard_text(message.text, allowed)
        await on_new_message(message)

    return handler
