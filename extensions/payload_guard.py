"""What every channel does to a user's message before Rasa sees it.

- Typed `/intent{...}` text can't steer the bot. Rasa parses any message starting with `/` as an
  intent payload and skips NLU, so a user could type their way past the risk screen or set slots. A
  message is passed on as a payload only when it is exactly a button payload the bot offers; everything
  else has its leading slashes removed and goes through NLU (and the risk screen) as ordinary text.
- Length is capped (MAX_MESSAGE_CHARS): a huge message costs seconds of NLU that every other person's
  turn waits behind, and its text would be stored whole. The full text is screened for risk first, so
  cutting never hides a crisis (see `cap_text`), and the person is told kindly that we read only part.
- Control characters (NUL included) are removed: they mean nothing to the bot, and PostgreSQL refuses
  NUL in text, which would lose the whole turn there.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from typing import Awaitable, Callable, Iterable, Iterator, Optional, Tuple

from rasa.core.channels.channel import UserMessage

from harmbot import content
from harmbot import domain as domain_text
from harmbot.risk import rules as risk_rules

logger = logging.getLogger(__name__)

# Longer than the widget's box (2,000) and a whole Twilio message (1,600); far below what slows a turn.
MAX_MESSAGE_CHARS = 4000
# Conversation ids (REST sender, socket.io session_id) and per-message metadata, in every channel.
MAX_SENDER_LENGTH = 128
MAX_METADATA_BYTES = 4096

# C0/C1 control characters except tab and newline; lone surrogates (JSON can carry "\ud800").
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Pieces of a long text screened on their own: sentences, and windows over sentences longer than this.
_PIECE_CHARS = 400


def risk_fires(text: str) -> bool:
    """Whether the deterministic risk patterns would send this text to the crisis reply: what cutting a
    long text keeps in front (`cap_text`). The SMS channel's check after STOP asks the whole screen,
    nets included (extensions/risk_screen.fires)."""
    hit, _ = risk_rules.assess(text)
    return hit is not None


def clean_text(text: object) -> str:
    """The message as plain text: not-a-string becomes "", control characters go, lone surrogates
    become U+FFFD (they can't be stored or logged as UTF-8)."""
    if not isinstance(text, str):
        return ""
    return _LONE_SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


def cap_text(text: str, limit: int = MAX_MESSAGE_CHARS) -> Tuple[str, bool]:
    """(text to pass on, whether it was cut). A text over `limit` keeps its first `limit` characters,
    except when the risk screen fires on the whole text but not on that beginning: then the passage
    that fires (a sentence, or the shortest stretch the screen needs) leads, and the beginning fills the
    rest. The person's own words reach the screen again in the NLU pipeline, so the turn gets the
    crisis reply exactly as if nothing had been cut; no marker text is put in their mouth."""
    if len(text) <= limit:
        return text, False
    head = text[:limit]
    if risk_fires(head) or not risk_fires(text):
        return head, True
    passage = _risky_passage(text, limit)
    for candidate in (f"{passage}\n{text[: max(0, limit - len(passage) - 1)]}", passage):
        if risk_fires(candidate):
            return candidate, True
    logger.warning("A cut message fired the risk screen only in full; passed on its beginning.")
    return head, True


def _pieces(text: str) -> Iterator[str]:
    for sentence in re.split(r"(?<=[.!?\n])", text):
        if len(sentence) <= _PIECE_CHARS:
            yield sentence
            continue
        step = _PIECE_CHARS // 2  # windows overlap by half, so a phrase is whole in at least one
        for start in range(0, len(sentence) - step, step):
            yield sentence[start : start + _PIECE_CHARS]


def _risky_passage(text: str, limit: int) -> str:
    """A passage of at most `limit` characters on which the screen fires (best effort): the first
    sentence or window that fires alone, else the shortest stretch found by bisection (for patterns
    whose parts sit far apart), shortened to its two ends."""
    piece = next((p for p in _pieces(text) if p.strip() and risk_fires(p)), None)
    if piece is not None:
        return piece.strip()
    end = _bisect(lambda e: risk_fires(text[:e]), 1, len(text))
    start = _bisect(lambda s: not risk_fires(text[s:end]), 0, end) - 1
    stretch = text[max(start, 0) : end]
    if len(stretch) <= limit:
        return stretch
    half = (limit - 1) // 2
    return f"{stretch[:half]}\n{stretch[-half:]}"


def _bisect(ok: Callable[[int], bool], low: int, high: int) -> int:
    """The smallest n in [low, high] with ok(n), given ok(high) and ok monotone."""
    while low < high:
        middle = (low + high) // 2
        if ok(middle):
            high = middle
        else:
            low = middle + 1
    return high


def guard_text(text: Optional[str], allowed_payloads: Iterable[str] = ()) -> str:
    text = clean_text(text).strip()
    if not text.startswith("/") or text in allowed_payloads:
        return text
    return text.lstrip("/").strip() or "?"


def guarded(
    on_new_message: Callable[[UserMessage], Awaitable[None]], allow_buttons: bool = True
) -> Callable[[UserMessage], Awaitable[None]]:
    """Wraps a channel's message handler: every message is cleaned, capped and passes `guard_text`
    first; a message that was cut gets the kind `message_cut` line after the turn's replies (after, so a
    crisis reply is still the very next thing the person reads)."""
    allowed = domain_text.button_payloads() if allow_buttons else frozenset()

    async def handler(message: UserMessage) -> None:
        text, cut = clean_text(message.text), False
        if len(text) > MAX_MESSAGE_CHARS:
            # Screening a long text can take a few hundred ms (see cap_text): in a worker thread, other
            # people's turns keep moving meanwhile.
            text, cut = await asyncio.get_running_loop().run_in_executor(None, cap_text, text)
        message.text = guard_text(text, allowed)
        await on_new_message(message)
        if cut:
            cut_notice = content.sentence("messages", "message_cut")
            await message.output_channel.send_text_message(message.sender_id, cut_notice)

    return handler


def metadata_problem(metadata: object) -> Optional[str]:
    """Why a message's metadata is refused (None: it's fine). Metadata is stored with every event."""
    if metadata is None:
        return None
    if not isinstance(metadata, dict):
        return "metadata must be an object"
    try:
        size = len(json.dumps(metadata, ensure_ascii=False).encode("utf-8"))
    except (TypeError, ValueError, RecursionError):
        return "metadata must be plain JSON"
    return f"metadata is larger than {MAX_METADATA_BYTES} bytes" if size > MAX_METADATA_BYTES else None


def sender_problem(sender: object, name: str = "sender") -> Optional[str]:
    """Why a conversation id is refused (None: it's fine)."""
    if not isinstance(sender, str) or not sender.strip():
        return f"a non-empty '{name}' string is required"
    if len(sender) > MAX_SENDER_LENGTH:
        return f"'{name}' is longer than {MAX_SENDER_LENGTH} characters"
    return None
