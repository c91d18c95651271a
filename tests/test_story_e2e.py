"""The end-to-end story runner (scripts/story_e2e.py): what makes a turn pass, and that the policies get the
whole parse (risk level and kind), which `rasa test core --e2e` drops. The NLU is a stub here; `make test`
runs the runner on tests/stories with the trained model."""

from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Dict

import yaml
from rasa.shared.core.events import ActiveLoop, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import story_e2e  # noqa: E402

ANNOTATED = re.compile(r"\[([^\]]*)\](\([^)]*\)|\{[^}]*\}|\[[^\]]*\])")  # [words](risk:x), {..} or [{..}, {..}]


def _agent(parse: Dict[str, Any]) -> SimpleNamespace:
    async def parse_message(message, tracker=None):
        return {"text": message.text, **parse}

    return SimpleNamespace(processor=SimpleNamespace(parse_message=parse_message))


def _turn(story_intent, parse, in_form=False, entities=None):
    tracker = DialogueStateTracker("t", [])
    if in_form:
        tracker.update(ActiveLoop("contact_form"))
    event = UserUttered("860 555 0123", {"name": story_intent} if story_intent else {"name": None}, entities or [])
    turn = asyncio.run(story_e2e._user_turn(_agent(parse), tracker, event))
    return turn, tracker


OVERDOSE = {"intent": {"name": "crisis", "confidence": 1.0}, "risk_level": "imminent", "risk_kind": "overdose",
            "entities": [{"entity": "risk", "value": "overdose"}, {"entity": "risk_kind", "value": "overdose"}]}


def test_the_policies_see_the_risk_level_and_kind_the_screen_added():
    _, tracker = _turn("crisis", OVERDOSE, entities=OVERDOSE["entities"])
    assert tracker.latest_message.parse_data["risk_level"] == "imminent"
    assert tracker.latest_message.parse_data["risk_kind"] == "overdose"


def test_a_turn_fails_when_the_text_is_read_as_another_intent():
    turn, _ = _turn("deny", {"intent": {"name": "safety_plan", "confidence": 0.6}, "entities": []})
    assert not turn.ok


def test_a_turn_fails_when_the_screen_adds_an_entity_the_story_does_not_declare():
    turn, _ = _turn("crisis", OVERDOSE)
    assert turn.intent_ok is False
    declared, _ = _turn("crisis", OVERDOSE, entities=OVERDOSE["entities"])
    assert declared.ok


def test_a_story_line_without_intent_passes_only_as_an_answer_inside_a_form():
    parse = {"intent": {"name": "urge_grounding", "confidence": 0.4}, "entities": []}
    assert _turn(None, parse, in_form=True)[0].ok
    assert not _turn(None, parse, in_form=False)[0].ok


def test_a_listed_misread_excuses_only_that_wrong_intent_and_never_the_actions():
    misreads = {("ugh", "nlu_fallback", "affirm"): "why"}
    listed = story_e2e.Turn("ugh", "nlu_fallback", parsed_intent="affirm", actions=[("utter_a", "utter_a")])
    other = story_e2e.Turn("ugh", "nlu_fallback", parsed_intent="greet")
    wrong_action = story_e2e.Turn("ugh", "nlu_fallback", parsed_intent="affirm", actions=[("utter_a", "utter_b")])
    seen: set = set()
    story_e2e.mark_misreads([listed, other, wrong_action], misreads, seen)
    assert listed.ok and not other.ok and not wrong_action.ok
    assert seen == set(misreads)


def test_a_listed_misread_also_excuses_the_entities_of_its_wrong_parse():
    """A crisis misread carries the screen's `risk` entities; the listed misread covers them, not the actions."""
    misreads = {("it was tylenol", "nlu_fallback", "crisis"): "why"}
    risk = [("risk", "risk_net"), ("risk_kind", "overdose")]
    listed = story_e2e.Turn("it was tylenol", "nlu_fallback", parsed_intent="crisis", parsed_entities=risk,
                            actions=[("utter_a", "utter_a")])
    unlisted = story_e2e.Turn("it was advil", "nlu_fallback", parsed_intent="nlu_fallback", parsed_entities=risk)
    story_e2e.mark_misreads([listed, unlisted], misreads, set())
    assert listed.ok and not unlisted.ok


def _story_files():
    for path in sorted((ROOT / "tests" / "stories").rglob("*.yml")):
        yield from (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("stories") or []


def test_every_known_failure_names_a_story_and_a_text_that_exist():
    misreads, failing = story_e2e.load_known()
    names = {story["story"] for story in _story_files()}
    texts = {ANNOTATED.sub(r"\1", str(step.get("user") or "")).strip()
             for story in _story_files() for step in story.get("steps") or []}
    assert set(failing) <= names
    assert {text for text, _, _ in misreads} <= texts
