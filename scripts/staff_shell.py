"""`make shell`: staff chat with the bot in the terminal.

Each turn goes through the REST channel like any user message; the tracker then shows what Rasa did:
the intent and its confidence, the risk flag (the `risk` entity from the risk screen), and the actions
run. Type a button's number to press it, /new for a new conversation, /quit to leave.
Typing "delete my chat" and confirming deletes this conversation from the tracker store for good, as it
would for any user; the next message starts a fresh one.
"""

from __future__ import annotations

import sys
import uuid
from typing import Any, Dict, List

import requests

from extensions.http_api import api_token  # scripts/common.sh puts the project on PYTHONPATH
from harmbot import settings

BASE = f"http://{settings.RASA_HOST.get()}:{settings.RASA_PORT.get()}"
PARAMS = {"token": api_token()}  # the HTTP API always needs it: RASA_AUTH_TOKEN or $HARMBOT_VAR/api_token


def turn(sender: str, text: str) -> List[Dict[str, Any]]:
    response = requests.post(f"{BASE}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60)
    response.raise_for_status()
    return response.json()


def last_turn_events(sender: str) -> List[Dict[str, Any]]:
    events = requests.get(f"{BASE}/conversations/{sender}/tracker", params=PARAMS, timeout=30).json()["events"]
    start = max(i for i, e in enumerate(events) if e["event"] == "user")
    return events[start:]


def describe(events: List[Dict[str, Any]]) -> str:
    parse = events[0].get("parse_data") or {}
    intent = parse.get("intent") or {}
    risk = [e["value"] for e in parse.get("entities", []) if e.get("entity") == "risk"]
    level = "/".join(str(v) for v in (parse.get("risk_level"), parse.get("risk_kind")) if v)
    hidden = ("action_listen", "action_extract_slots")
    actions = [e["name"] for e in events if e["event"] == "action" and e["name"] not in hidden]
    return (
        f"  [intent {intent.get('name')} {intent.get('confidence', 0):.2f}"
        f" | risk {level or '-'} {', '.join(risk) or '-'} | actions {' > '.join(actions) or '-'}]"
    )


def main() -> int:
    sender = f"staff-{uuid.uuid4().hex[:8]}"
    choices: List[Dict[str, str]] = []
    print(f"Staff shell on {BASE} (conversation {sender}). /new, /quit; a number presses a button;")
    print('"delete my chat" (then yes) deletes this conversation for good, as it would for any user.')
    while True:
        try:
            text = input("you> ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if text == "/quit":
            return 0
        if text == "/new":
            sender = f"staff-{uuid.uuid4().hex[:8]}"
            print(f"  (new conversation {sender})")
            continue
        if text.isdigit() and 1 <= int(text) <= len(choices):
            text = choices[int(text) - 1]["payload"]
        if not text:
            continue
        messages = turn(sender, text)
        print(describe(last_turn_events(sender)))
        choices = []
        for message in messages:
            for line in (message.get("text") or "").splitlines():
                print(f"bot> {line}")
            for button in message.get("buttons") or []:
                choices.append(button)
                print(f"     {len(choices)}. {button['title']}")


if __name__ == "__main__":
    sys.exit(main())
