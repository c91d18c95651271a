"""Turn a conversation into a Rasa test story, and replay saved stories against the running bot.

An exported story keeps what the person typed (`user:`), the intent the bot understood, and every
action the bot took. What custom actions did appears as `slot_was_set`, because the dialogue tests of
`make test` (scripts/story_e2e.py on tests/stories/, this folder included, like `rasa test core`) do not call
the action server.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml

from harmbot.domain import button_payloads
from staff.conversation import HIDDEN_ACTIONS, STAFF_PREFIX, RasaClient


def _annotated(text: str, entities: List[Dict[str, Any]]) -> str:
    """The typed text with its entities marked the way story files do: [words]{"entity": ..., "value": ...}."""
    spans = sorted(
        (e for e in entities if isinstance(e.get("start"), int) and isinstance(e.get("end"), int)),
        key=lambda e: e["start"],
    )
    out, at = [], 0
    for e in spans:
        if e["start"] < at or e["end"] > len(text) or e["start"] >= e["end"]:
            continue  # overlapping or out of range: keep the text as typed
        label = json.dumps({"entity": e["entity"], "value": e.get("value")}, ensure_ascii=False)
        out += [text[at:e["start"]], f"[{text[e['start']:e['end']]}]{label}"]
        at = e["end"]
    return "".join(out) + text[at:]


# What the tracker store leaves of a person's words inside a safety plan or contact request
# (extensions/tracker_store.py REDACTED_FORMS; a test checks the two agree). Importing that module here
# would load all of Rasa into the console.
REDACTED_MARKERS = frozenset({"[removed: safety plan]", "[removed: contact request]"})


def _user_step(event: Dict[str, Any]) -> Dict[str, Any]:
    text = event.get("text") or ""
    data = event.get("parse_data") or {}
    intent = (data.get("intent") or {}).get("name")
    entities = [e for e in data.get("entities") or [] if e.get("entity")]
    if text in REDACTED_MARKERS:
        return {"intent": intent}  # the words were not kept; what the bot understood was
    if text.startswith("/") and text.split("{")[0] in button_payloads():
        # A pressed button: the payload names the intent; there is no typed text to keep.
        step: Dict[str, Any] = {"intent": intent}
        if entities:
            step["entities"] = [{e["entity"]: e.get("value")} for e in entities]
        return step
    return {"user": _annotated(text, entities), "intent": intent}


def story_steps(events: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Test-story steps for a conversation's tracker events (from its first message on)."""
    first_user = next((i for i, e in enumerate(events) if e.get("event") == "user"), len(events))
    steps: List[Dict[str, Any]] = []
    values: Dict[str, Any] = {}
    for event in events[:first_user]:
        if event.get("event") == "slot":
            values[event.get("name")] = event.get("value")
    for event in events[first_user:]:
        kind = event.get("event")
        if kind == "user":
            steps.append(_user_step(event))
        elif kind == "action" and event.get("name") not in HIDDEN_ACTIONS:
            steps.append({"action": event["name"]})
        elif kind == "slot":
            if values.get(event.get("name")) == event.get("value"):
                continue  # set to the value it already had (Rasa re-sets some slots every turn)
            values[event["name"]] = event.get("value")
            if steps and "slot_was_set" in steps[-1]:
                steps[-1]["slot_was_set"].append({event["name"]: event.get("value")})
            else:
                steps.append({"slot_was_set": [{event["name"]: event.get("value")}]})
        elif kind == "active_loop":
            steps.append({"active_loop": event.get("name")})
    return steps


class _StoryDumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_StoryDumper.add_representer(str, _str)


def story_yaml(name: str, events: List[Dict[str, Any]]) -> str:
    document = {"version": "3.1", "stories": [{"story": name, "steps": story_steps(events)}]}
    header = ("# Saved from the staff console. Runs in `make test` (end to end, scripts/story_e2e.py) and on its "
              "Run saved tests page.\n")
    return header + yaml.dump(document, Dumper=_StoryDumper, sort_keys=False, allow_unicode=True, width=120)


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60] or "conversation"


def save_story(directory: Path, name: str, events: List[Dict[str, Any]], now: Optional[dt.datetime] = None) -> Path:
    """Writes the story to a new file (never overwrites) and returns its path."""
    if not any(e.get("event") == "user" for e in events):
        raise ValueError("The conversation has no messages yet.")
    directory.mkdir(parents=True, exist_ok=True)
    stamp = (now or dt.datetime.now(dt.timezone.utc)).strftime("%Y%m%d-%H%M%S")
    path = directory / f"{slug(name)}-{stamp}.yml"
    while path.exists():
        path = directory / f"{slug(name)}-{stamp}-{secrets.token_hex(2)}.yml"
    path.write_text(story_yaml(name, events), encoding="utf-8")
    return path


# ---------- replay against the running bot ----------

Turn = Tuple[str, Optional[str], List[str]]  # (what to send, expected intent, expected actions)


def story_turns(steps: List[Dict[str, Any]]) -> List[Turn]:
    turns: List[Turn] = []
    for step in steps:
        if "user" in step or "intent" in step:
            if "user" in step:
                # Entity marks come off: the bot gets the words as typed.
                sent = re.sub(r"\[([^\]]*)\]\{[^}]*\}|\[([^\]]*)\]\([^)]*\)", lambda m: m[1] or m[2] or "",
                              step["user"])
            else:
                # A pressed button can be pressed again; an intent without words (they were not kept)
                # cannot be replayed to the bot.
                sent = f"/{step['intent']}" if f"/{step['intent']}" in button_payloads() else ""
            turns.append((sent.strip(), step.get("intent"), []))
        elif "action" in step and turns:
            turns[-1][2].append(step["action"])
    return turns


def actual_turns(events: List[Dict[str, Any]]) -> List[Tuple[Optional[str], List[str]]]:
    turns: List[Tuple[Optional[str], List[str]]] = []
    for event in events:
        if event.get("event") == "user":
            turns.append((((event.get("parse_data") or {}).get("intent") or {}).get("name"), []))
        elif event.get("event") == "action" and turns and event.get("name") not in HIDDEN_ACTIONS:
            turns[-1][1].append(event["name"])
    return turns


def first_difference(expected: List[Turn], actual: List[Tuple[Optional[str], List[str]]]) -> Optional[str]:
    for number, (sent, intent, actions) in enumerate(expected, 1):
        if number > len(actual):
            return f"Turn {number} ({sent!r}): the bot did not answer."
        got_intent, got_actions = actual[number - 1]
        if intent and got_intent != intent:
            return f"Turn {number} ({sent!r}): expected intent {intent}, got {got_intent}."
        for index, action in enumerate(actions):
            got = got_actions[index] if index < len(got_actions) else "nothing"
            if got != action:
                return f"Turn {number} ({sent!r}): expected {action}, got {got}."
        if len(got_actions) > len(actions):
            return f"Turn {number} ({sent!r}): the bot also ran {got_actions[len(actions)]}."
    return None


@dataclass
class StoryResult:
    file: str
    story: str
    passed: bool
    difference: Optional[str] = None
    turns: int = 0
    errors: List[str] = field(default_factory=list)


async def replay(client: RasaClient, path: Path) -> List[StoryResult]:
    """Plays each story of a saved file to the running bot as a fresh staff sender and compares."""
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    results = []
    for story in document.get("stories") or []:
        expected = story_turns(story.get("steps") or [])
        sender = f"{STAFF_PREFIX}replay-{secrets.token_hex(4)}"
        replayable = next((i for i, (sent, _, _) in enumerate(expected) if not sent), len(expected))
        for sent, _, _ in expected[:replayable]:
            await client.say(sender, sent)
        difference = first_difference(expected[:replayable], actual_turns(await client.events(sender)))
        if difference is None and replayable < len(expected):
            difference = (f"Turn {replayable + 1} ({expected[replayable][1]}): the person's words were not kept "
                          "(safety plan or contact request), so it can't be replayed; `make test` still checks it.")
        results.append(StoryResult(path.name, story.get("story", ""), difference is None, difference, len(expected)))
    return results


def saved_files(directory: Path) -> List[Path]:
    return sorted(directory.glob("*.yml")) if directory.is_dir() else []
