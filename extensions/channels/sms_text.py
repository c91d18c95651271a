"""SMS text in and out: a turn's bot messages as plain numbered-choice text split to Twilio's limit
(and as TwiML), and what a texted reply means (STOP/START/HELP keywords, a choice's number or words).

Pure functions; the sentences come from resources/sms.yml.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from twilio.twiml.messaging_response import MessagingResponse

from extensions import language
from harmbot import content
from harmbot.storage.sms_state import Choice

MAX_CHARS = 1600  # Twilio's limit for one message body

# Twilio's own opt-out keywords: whole message, any case (it still forwards them to the webhook).
STOP_WORDS = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"})
START_WORDS = frozenset({"START", "UNSTOP"})
HELP_WORDS = frozenset({"HELP", "INFO"})


# A sentence of resources/sms.yml: `sentence(name, **values)`.
sentence = functools.partial(content.sentence, "sms")


def help_text() -> str:
    """The answer to HELP: what this number is, the program contact and the emergency numbers."""
    region = content.region()
    contact = region["program_contact"]
    return sentence(
        "help",
        region=region["name"],
        contact_about=contact["about"],
        contact_name=contact["name"],
        contact_email=contact["email"],
        contact_not_for=contact.get("not_for", ""),
    )


def keyword(text: Optional[str]) -> Optional[str]:
    """ "stop", "start" or "help" when the whole message is one of Twilio's keywords, else None."""
    word = (text or "").strip().upper()
    if word in STOP_WORDS:
        return "stop"
    if word in START_WORDS:
        return "start"
    if word in HELP_WORDS:
        return "help"
    return None


_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_STRONG = re.compile(r"(\*\*|__)(.+?)\1", re.S)
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_CODE = re.compile(r"`([^`]*)`")
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.M)
_BULLET = re.compile(r"^([ \t]*)[*+][ \t]+", re.M)
_BLANK_LINES = re.compile(r"\n[ \t]*(\n[ \t]*)+")


def plain(text: str) -> str:
    """Markdown as a phone would show it best: no markup, links as "words (url)"."""
    text = _LINK.sub(lambda m: m[2] if m[1] == m[2] else f"{m[1]} ({m[2]})", text)
    text = _HEADING.sub("", text)
    text = _BULLET.sub(r"\1- ", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    text = "\n".join(line.rstrip() for line in text.splitlines())
    return _BLANK_LINES.sub("\n\n", text).strip()


def compose(messages: Iterable[Dict[str, Any]], with_choices: bool = True) -> Tuple[str, List[Choice]]:
    """One turn's bot messages as one text, buttons numbered under their message (numbers continue
    across the turn), and the choices in number order. Payloads never appear in the text.
    Without choices, a message that offers buttons is left out (its question would have no answers)."""
    parts: List[str] = []
    choices: List[Choice] = []
    for message in messages:
        buttons = [b for b in message.get("buttons") or [] if b.get("title") and b.get("payload")]
        if buttons and not with_choices:
            continue
        text = plain(message.get("text") or "")
        for media in ("image", "attachment"):
            if isinstance(message.get(media), str):
                text = f"{text}\n{message[media]}".strip()
        if buttons:
            # The bot's own words say which language the choices are in (Spanish titles from resources/es.yml).
            spanish = language.detect(text) == language.SPANISH
            lines = [language.spanish_sms("choices_intro") if spanish else sentence("choices_intro")] + [
                sentence("choice", number=number, title=plain(b["title"]))
                for number, b in enumerate(buttons, len(choices) + 1)
            ]
            text = "\n".join([text, *lines]).strip()
            choices += [(b["title"], b["payload"]) for b in buttons]
        if text:
            parts.append(text)
    return "\n\n".join(parts), choices


_CHOICE_NUMBER = re.compile(r"^#?(\d{1,3})[.)]?$")


def _words(text: str) -> str:
    return " ".join(re.findall(r"[\w']+", text.replace("\u2019", "'").lower()))


def pick_choice(text: Optional[str], choices: Sequence[Choice]) -> Optional[str]:
    """The payload a reply selects: the choice's number, or its title's words in any case."""
    answer = (text or "").strip()
    number = _CHOICE_NUMBER.match(answer)
    if number:
        index = int(number.group(1))
        return choices[index - 1][1] if 1 <= index <= len(choices) else None
    words = _words(answer)
    return next((payload for title, payload in choices if words and _words(title) == words), None)


# From the coarsest to the finest boundary: paragraphs, lines, sentences, words.
_BOUNDARIES = [
    ("\n\n", re.compile(r"\n[ \t]*\n")),
    ("\n", re.compile(r"\n")),
    (" ", re.compile(r"(?<=[.!?])\s+")),
    (" ", re.compile(r"\s+")),
]


def _pack(text: str, limit: int, level: int = 0) -> List[str]:
    """Greedy chunks of at most `limit` characters, cut at the coarsest boundary that works."""
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    if level == len(_BOUNDARIES):
        return [text[i : i + limit] for i in range(0, len(text), limit)]
    joiner, boundary = _BOUNDARIES[level]
    chunks: List[str] = []
    current = ""
    for part in boundary.split(text):
        for piece in _pack(part, limit, level + 1):
            candidate = f"{current}{joiner}{piece}" if current else piece
            if len(candidate) <= limit:
                current = candidate
            else:
                chunks.append(current)
                current = piece
    if current:
        chunks.append(current)
    return chunks


def twiml(bodies: List[str]) -> str:
    """<Response> with one <Message> per body (XML-escaped); no bodies: an empty <Response/>."""
    reply = MessagingResponse()
    for body in bodies:
        reply.message(body)
    return str(reply)


def split_for_sms(text: str, limit: int = MAX_CHARS) -> List[str]:
    """The text as one or more message bodies of at most `limit` characters, marked "(1/2)" etc.
    when split (texts can arrive out of order)."""
    if len(text) <= limit:
        return [text] if text.strip() else []
    room = len(sentence("part_marker", part=99, total=99)) + 1
    chunks = _pack(text, limit - room)
    total = len(chunks)
    return [f"{chunk}\n{sentence('part_marker', part=i, total=total)}" for i, chunk in enumerate(chunks, 1)]
