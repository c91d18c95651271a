"""Try a conversation as a staff test sender and see why the bot answered as it did.

A turn goes through the REST channel like any person's message; the tracker then tells what Rasa did.
`explain` turns that turn's events into the reasons shown beside the reply; `sms_view` and
`widget_view` show the same reply as each channel would.
"""

from __future__ import annotations

import secrets
from typing import Any, Dict, List, Optional

import aiohttp

from extensions.channels import sms_text

STAFF_PREFIX = "staff-"  # every console conversation id starts with this, so usage figures can leave it out
# Rasa runs these on every turn; they say nothing about why the bot answered.
HIDDEN_ACTIONS = ("action_listen", "action_extract_slots", "action_session_start")


def new_sender() -> str:
    return f"{STAFF_PREFIX}{secrets.token_hex(4)}"


def is_staff_sender(sender: str) -> bool:
    return sender.startswith(STAFF_PREFIX) and len(sender) <= 64


class RasaClient:
    """The Rasa server as the console uses it: the REST channel and the token-protected HTTP API."""

    def __init__(self, base_url: str, token: Optional[str]) -> None:
        self.base_url = base_url.rstrip("/")
        self.params = {"token": token} if token else {}
        self.timeout = aiohttp.ClientTimeout(total=60)

    async def _request(self, method: str, path: str, api: bool = True, **kwargs: Any) -> Any:
        async with aiohttp.ClientSession(timeout=self.timeout) as http:
            params = self.params if api else {}
            async with http.request(method, self.base_url + path, params=params, **kwargs) as response:
                response.raise_for_status()
                return await response.json(content_type=None)

    async def say(self, sender: str, text: str) -> List[Dict[str, Any]]:
        return await self._request("POST", "/webhooks/rest/webhook", api=False,
                                   json={"sender": sender, "message": text}) or []

    async def parse(self, text: str) -> Dict[str, Any]:
        return await self._request("POST", "/model/parse", json={"text": text})

    async def events(self, sender: str) -> List[Dict[str, Any]]:
        tracker = await self._request("GET", f"/conversations/{sender}/tracker")
        return tracker.get("events") or []

    async def status(self) -> Dict[str, Any]:
        return await self._request("GET", "/status")


def last_turn(events: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The events from the last user message on."""
    starts = [i for i, e in enumerate(events) if e.get("event") == "user"]
    return events[starts[-1]:] if starts else []


def changed_slots(events: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The last turn's slot events that gave a slot a new value (Rasa re-sets some slots every turn)."""
    turn_start = len(events) - len(last_turn(events))
    values: Dict[str, Any] = {}
    changed: Dict[str, Any] = {}
    for index, event in enumerate(events):
        if event.get("event") == "slot":
            name, value = event.get("name"), event.get("value")
            if index >= turn_start and values.get(name) != value:
                changed[name] = value
            values[name] = value
        elif event.get("event") in ("restart", "session_started"):
            values = {}
    return [{"name": name, "value": value} for name, value in changed.items()]


def explain(events: List[Dict[str, Any]], parse: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    """Why the bot answered the last message: intent and the next two candidates, risk, entities, slots
    changed, actions with the policy that chose each, and the response names."""
    turn = last_turn(events)
    user = turn[0] if turn else {}
    data = user.get("parse_data") or {}
    parse = parse or {}
    intent = data.get("intent") or {}
    ranking = [r for r in data.get("intent_ranking") or [] if r.get("name") != intent.get("name")]
    entities = data.get("entities") or []
    return {
        "intent": {"name": intent.get("name"), "confidence": intent.get("confidence")},
        "candidates": [{"name": r.get("name"), "confidence": r.get("confidence")} for r in ranking[:2]],
        "risk": {
            "level": data.get("risk_level") or parse.get("risk_level"),
            "kind": data.get("risk_kind") or parse.get("risk_kind"),
            "category": [e.get("value") for e in entities if e.get("entity") == "risk"],
        },
        "entities": [{"entity": e.get("entity"), "value": e.get("value")} for e in entities],
        "slots": changed_slots(events),
        "actions": [
            {"name": e.get("name"), "policy": e.get("policy"), "confidence": e.get("confidence")}
            for e in turn if e.get("event") == "action" and e.get("name") not in HIDDEN_ACTIONS
        ],
        "responses": [
            (e.get("metadata") or {}).get("utter_action") for e in turn
            if e.get("event") == "bot" and (e.get("metadata") or {}).get("utter_action")
        ],
    }


def sms_view(messages: List[Dict[str, Any]], first_text: bool) -> List[str]:
    """The reply as the SMS channel would send it: numbered choices, split into texts, and the privacy
    notice on the first reply of a conversation (the channel's own functions and sentences)."""
    body, _ = sms_text.compose(messages)
    if first_text and body:
        body = f"{body}\n\n{sms_text.sentence('privacy_notice')}"
    return sms_text.split_for_sms(body)


def widget_view(messages: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """What the widget renders: each message's text and its buttons' titles (pressing one sends its payload)."""
    views = []
    for m in messages:
        buttons = [b for b in m.get("buttons") or [] if b.get("title") and b.get("payload")]
        views.append({"text": m.get("text") or "", "buttons": [b["title"] for b in buttons],
                      "payloads": [b["payload"] for b in buttons]})
    return views
