"""One inbound text, start to finish: the SMS conversation's state is loaded once, what the text is gets
decided once (`decide`), that is carried out, and the change is saved once.

A repeat of a request already claimed (same MessageSid) is told first, before the state is read: it
gets the first answer again and no second turn. Then the kinds of text (`Kind`), in the order `decide`
tells them apart:
- STOP/START/HELP as Twilio defines them (whole message, any case);
- after STOP, anything but a crisis: no answer, nothing reaches the bot or is stored;
- a picture without words: a kind answer with the crisis numbers;
- the number or the words of a choice sent last: that button's payload goes to the bot;
- anything else: text for the bot, through the payload guard (a typed `/payload` is text).

The state is in harmbot/storage/sms_state.py, the text in and out in sms_text.py; the webhook (signature, hashed
number) in sms.py.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import time
from dataclasses import dataclass, replace
from typing import Any, Awaitable, Callable, Dict, List, Optional, Sequence, Tuple

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from extensions import conversation_erasure, language, risk_screen
from extensions.channels import sms_text
from extensions.channels.sms_text import Choice, sentence
from extensions.payload_guard import guard_text, guarded
from harmbot import content
from harmbot.storage.sms_state import ConversationState, SMSStore, StateChange

logger = logging.getLogger(__name__)

CHANNEL = "sms"
# Same as the domain's session_expiration_time: after this much silence a text starts a new
# conversation, and its first reply carries the privacy notice again.
NEW_CONVERSATION_AFTER_S = 60 * 60

Handler = Callable[[UserMessage], Awaitable[Any]]


class Kind(enum.Enum):
    STOP = "stop"
    START = "start"
    HELP = "help"
    SILENCED = "silenced"  # opted out, and not a crisis
    NO_TEXT = "no_text"  # a picture or other file without words
    CHOICE = "choice"  # names one of the choices sent last
    TEXT = "text"


@dataclass(frozen=True)
class Decision:
    kind: Kind
    # What the bot is sent: the chosen button's payload (CHOICE) or the person's text (TEXT).
    to_bot: str = ""


def decide(text: str, state: ConversationState) -> Decision:
    """What an inbound text is, given the conversation's state (no database, no bot)."""
    word = sms_text.keyword(text)
    if word:
        return Decision(Kind(word))
    if state.opted_out and not (text and is_crisis(text)):
        return Decision(Kind.SILENCED)
    if not text:
        return Decision(Kind.NO_TEXT)
    # Read as the bot would get it (the guard drops a leading "/"), like a button the person pressed.
    payload = sms_text.pick_choice(guard_text(text), state.choices)
    return Decision(Kind.CHOICE, payload) if payload else Decision(Kind.TEXT, text)


def is_crisis(text: str) -> bool:
    """Whether the bot would give this text the crisis reply. The risk screen alone decides that in the
    NLU pipeline (extensions/risk_screen.py: intent `crisis` exactly when it fires), so asking the loaded
    screen here (patterns and both nets) costs no NLU parse, and the turn that follows parses the text once."""
    return risk_screen.fires(guard_text(text))


class SMSOutput(CollectingOutputChannel):
    """Collects the turn's replies; named "sms" so responses can have `channel: sms` variations."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL


class SMSConversation:
    """The turn for one inbound text of one conversation (`sender`: the hashed number)."""

    def __init__(self, store: SMSStore, sender: str, reply_timeout: float) -> None:
        self.store = store
        self.sender = sender
        self.reply_timeout = reply_timeout

    async def answer(self, text: str, message_key: Optional[str], to_bot: Handler) -> str:
        """The TwiML answer to `text`; `message_key` is the hashed MessageSid (None if Twilio sent none)."""
        if message_key and not self.store.claim_message(message_key, time.time()):
            logger.info("A repeated SMS request (same MessageSid) got the first answer again, not a new turn.")
            return self.store.answer_to(message_key) or sms_text.twiml([])
        try:
            state = self.store.load(self.sender)
            bodies, change = await self._carry_out(decide(text, state), state, to_bot)
            reply = sms_text.twiml(bodies)
            self.store.save(self.sender, change, (message_key, reply) if message_key else None)
        except Exception:
            logger.exception("SMS turn failed; the person got the technical-problem message.")
            reply = sms_text.twiml([content.sentence("messages", "technical_problem")])
            if message_key:
                self.store.record_answer(message_key, reply)
        return reply

    async def _carry_out(
        self, decision: Decision, state: ConversationState, to_bot: Handler
    ) -> Tuple[List[str], StateChange]:
        """(message bodies to send, the state change) for the decision."""
        kind = decision.kind
        if kind is Kind.STOP:
            return [], StateChange(opted_out=True)
        if kind is Kind.START:
            bodies, change = _reply(state, sentence("welcome_back"))
            return bodies, replace(change, opted_out=False)
        if kind is Kind.HELP:
            return _reply(state, sms_text.help_text(), notice=False)
        if kind is Kind.SILENCED:
            return [], StateChange()
        if kind is Kind.NO_TEXT:
            return _reply(state, sentence("no_text"))
        messages = await self._run_turn(decision, to_bot)
        if messages is None:
            return _reply(state, sentence("holding"))
        return _turn_reply(state, messages)

    async def _run_turn(self, decision: Decision, to_bot: Handler) -> Optional[List[Dict[str, Any]]]:
        """The bot's messages for this turn, or None if they took longer than the reply timeout."""
        # A chosen payload is one the bot offered, so it goes as it is; typed text passes the guard.
        send = to_bot if decision.kind is Kind.CHOICE else guarded(to_bot, allow_buttons=False)
        output = SMSOutput()
        started = time.monotonic()
        turn = asyncio.ensure_future(send(UserMessage(decision.to_bot, output, self.sender, input_channel=CHANNEL)))
        try:
            await asyncio.wait_for(asyncio.shield(turn), self.reply_timeout)
        except asyncio.TimeoutError:
            logger.warning(
                "An SMS turn took longer than %.1f s: sent the holding message; the turn goes on in the " "background.",
                self.reply_timeout,
            )
            turn.add_done_callback(lambda task: _log_late_turn(task, started))
            return None
        return output.messages


def _turn_reply(state: ConversationState, messages: List[Dict[str, Any]]) -> Tuple[List[str], StateChange]:
    # After STOP only a crisis gets here; a choice would not be answered then, so none is offered.
    body, choices = sms_text.compose(messages, with_choices=not state.opted_out)
    if not body:
        # Every turn should say something; silence could leave someone in crisis with nothing.
        logger.error("An SMS turn produced no reply; sent the technical-problem message.")
        body = content.sentence("messages", "technical_problem")
    if state.opted_out:
        body = f"{body}\n\n{sentence('after_stop_crisis')}"
    # The bot answered in the conversation's language (extensions/nlg.py): the privacy notice follows it (dlg11).
    bodies, change = _reply(state, body, choices, spanish=language.detect(body) == language.SPANISH)
    if any(map(conversation_erasure.is_deletion_marker, messages)):
        change = StateChange(forget=True)  # "delete my chat": no choices or reply time kept either
    return bodies, change


def _reply(
    state: ConversationState, body: str, choices: Sequence[Choice] = (), notice: bool = True, spanish: bool = False
) -> Tuple[List[str], StateChange]:
    """The reply's message bodies (the first of a new conversation carries the privacy notice), and
    the change that remembers its choices and when it went out."""
    now = time.time()
    new_conversation = state.last_reply_at is None or now - state.last_reply_at > NEW_CONVERSATION_AFTER_S
    if notice and body and new_conversation:
        notice_text = language.spanish_sms("privacy_notice") if spanish else sentence("privacy_notice")
        body = f"{body}\n\n{notice_text}"
    return sms_text.split_for_sms(body), StateChange(reply=(list(choices), now))


def _log_late_turn(turn: asyncio.Future, started: float) -> None:
    seconds = time.monotonic() - started
    if turn.cancelled():
        logger.warning("A delayed SMS turn was cancelled after %.1f s.", seconds)
    elif turn.exception() is not None:
        logger.error("A delayed SMS turn failed after %.1f s (%s).", seconds, type(turn.exception()).__name__)
    else:
        logger.info("A delayed SMS turn finished after %.1f s.", seconds)
