"""Scores scripted multi-turn conversations (tests/data/dialogue_scripts.yml and, when present, the
separately written tests/data/dialogue_heldout.yml) against a running bot.

Script format: `conversations: [{name, channel: rest, turns: [{say | press, expect?}]}]`. A turn's
`expect` may hold `all`, `any`, `none` (case-insensitive substrings of the whole turn's text),
`not_fallback`, `buttons`, and `offers` / `not_offers` (button titles that must or must not be offered).
Every turn is also checked for an empty reply and for repeating the previous reply word for word.
Turns without `expect` are set-up and not scored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import yaml

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "tests" / "data" / "dialogue_scripts.yml"
HELD_OUT = ROOT / "tests" / "data" / "dialogue_heldout.yml"
# The generic "didn't catch that" reply (domain/base.yml, utter_default).
FALLBACK_MARKER = "didn't quite catch that"

Reply = List[Dict[str, Any]]


@dataclass
class Result:
    scored: int = 0
    passed: int = 0
    failures: List[str] = field(default_factory=list)


def load(path: Path) -> List[Dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return data.get("conversations") or []


def reply_text(reply: Reply) -> str:
    return "\n".join(m.get("text", "") for m in reply)


def reply_buttons(reply: Reply) -> List[Dict[str, str]]:
    return [b for m in reply for b in m.get("buttons") or []]


def problems(expect: Optional[Dict[str, Any]], reply: Reply, previous: Optional[str]) -> List[str]:
    """What is wrong with one turn's reply (empty list: the turn passes)."""
    text = reply_text(reply)
    low = text.lower()
    found: List[str] = []
    if not text.strip():
        return ["empty reply"]
    if previous is not None and text.strip() == previous.strip():
        found.append("word-for-word repeat of the previous reply")
    expect = expect or {}
    found += [f"missing {s!r}" for s in expect.get("all") or [] if s.lower() not in low]
    if expect.get("any") and not any(s.lower() in low for s in expect["any"]):
        found.append(f"none of {expect['any']!r}")
    found += [f"contains {s!r}" for s in expect.get("none") or [] if s.lower() in low]
    if expect.get("not_fallback") and FALLBACK_MARKER in low:
        found.append("generic fallback")
    if expect.get("buttons") and not reply_buttons(reply):
        found.append("no buttons")
    titles = [b.get("title", "").lower() for b in reply_buttons(reply)]
    found += [f"no button {t!r}" for t in expect.get("offers") or [] if t.lower() not in titles]
    found += [f"offers {t!r} again" for t in expect.get("not_offers") or [] if t.lower() in titles]
    return found


def press(reply: Reply, title: str) -> Optional[str]:
    """The payload of the button whose title matches (exactly, then as a prefix; case-insensitive)."""
    offered = reply_buttons(reply)
    for exact in (True, False):
        for button in offered:
            t = button["title"].lower()
            if (t == title.lower()) if exact else t.startswith(title.lower()):
                return button["payload"]
    return None


def run(conversations: List[Dict[str, Any]], say: Callable[[str, str], Reply], prefix: str) -> Result:
    """Plays every conversation through `say(sender, text)`; returns the score and each failure."""
    result = Result()
    for index, conversation in enumerate(conversations):
        sender = f"{prefix}-{index}"
        reply: Reply = []
        previous: Optional[str] = None
        for number, turn in enumerate(conversation.get("turns") or [], start=1):
            where = f"{conversation.get('name')} turn {number}"
            if "press" in turn:
                payload = press(reply, turn["press"])
                if payload is None:
                    # The rest of the conversation cannot happen: each scored turn left counts as failed.
                    left = [t for t in conversation["turns"][number - 1:] if t.get("expect") is not None]
                    result.scored += len(left)
                    result.failures.append(f"{where}: no button {turn['press']!r} ({len(left)} turns lost)")
                    break
                message = payload
            else:
                message = str(turn.get("say", ""))
            reply = say(sender, message)
            text = reply_text(reply)
            if turn.get("expect") is not None:
                result.scored += 1
                wrong = problems(turn["expect"], reply, previous)
                if wrong:
                    result.failures.append(f"{where} ({message!r}): {'; '.join(wrong)} | got: {text[:160]!r}")
                else:
                    result.passed += 1
            previous = text
    return result
