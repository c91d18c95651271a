"""Facts written in more than one place agree (issue 16): the shared names (harmbot/names.py), the risk
categories and kinds (resources/risk_patterns.yml), the domain, and the crisis handoff's list of lines the
static reply already gave."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from actions import crisis
from harmbot import content, domain, names
from harmbot.risk import rules

ROOT = Path(__file__).resolve().parent.parent
PATTERNS = yaml.safe_load((ROOT / "resources" / "risk_patterns.yml").read_text(encoding="utf-8"))


def domain_intents() -> set:
    found = set()
    for path in (ROOT / "domain").glob("*.yml"):
        for intent in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("intents") or []:
            found.add(intent if isinstance(intent, str) else next(iter(intent)))
    return found


def risk_kind_roles() -> set:
    for path in (ROOT / "domain").glob("*.yml"):
        for entity in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("entities") or []:
            if isinstance(entity, dict) and names.RISK_KIND_ENTITY in entity:
                return set(entity[names.RISK_KIND_ENTITY]["roles"])
    return set()


def test_the_shared_intent_and_response_names_are_in_the_domain():
    assert {names.CRISIS_INTENT, names.CHECK_IN_INTENT} <= domain_intents()
    assert names.CRISIS_RESPONSE in domain.responses()
    assert names.RISK_REASON_SLOT in domain.section("slots")


def test_every_category_that_can_fire_is_a_value_of_the_risk_reason_slot():
    # A category missing from the slot's values would leave risk_reason unset: utter_crisis's default text.
    firing = {c["id"] for c in PATTERNS["categories"] if c.get("level", "ideation") != "none"}
    values = set(domain.section("slots")[names.RISK_REASON_SLOT]["values"])
    assert values == firing | {names.CLASSIFIER_LEAN}


def test_every_kind_the_patterns_give_is_a_role_of_the_risk_kind_entity():
    kinds = {c["kind"] for c in PATTERNS["categories"] if c.get("kind")}
    kinds |= {kind for c in PATTERNS["categories"] for rule in c.get("kind_if") or [] for kind in rule}
    assert kinds <= risk_kind_roles()


def test_the_risk_levels_are_the_engine_s():
    assert rules.LEVELS == names.LEVELS and rules.CRISIS_LEVELS == names.CRISIS_LEVELS
    assert {c.get("level", "ideation") for c in PATTERNS["categories"]} <= set(names.LEVELS)


def test_the_handoff_topics_are_risk_reasons():
    assert set(crisis.EXTRA_TOPICS) <= set(domain.section("slots")[names.RISK_REASON_SLOT]["values"])


def _first_number(how: str) -> str:
    return re.search(r"\d[\d-]*\d", how).group()


def test_what_the_handoff_leaves_out_is_really_in_the_static_crisis_reply():
    default = next(v["text"] for v in domain.responses()[names.CRISIS_RESPONSE] if not v.get("condition"))
    for entry_id in crisis.ALREADY_IN_STATIC_REPLY:
        number = _first_number(content.entry(entry_id)["how"])
        assert number in default, f"{entry_id} ({number}) is left out of the handoff but not in utter_crisis"
