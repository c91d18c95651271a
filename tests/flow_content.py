"""Reads the domain's responses and the NLU/rule files, for tests that check what a person would read."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict, List

import yaml

from harmbot import domain as domain_text

ROOT = Path(__file__).resolve().parent.parent

# Words that would describe how to injure, not how to look after an injury.
METHOD_WORDS = re.compile(
    r"\b(razor|blade|knife|knives|sharpener|lighter|vein|artery|arteries|wrist|deep|depth|pills?|overdose)\b",
    re.IGNORECASE,
)

# A cold or ice idea must say all of these (docs/sources.md §1.3, §1.4).
COLD = re.compile(r"\b(ice|icy|iced|cold)\b", re.IGNORECASE)
COLD_CAUTIONS = [
    "briefly", "wrapped", "heart problems", "beta-blockers", "low resting heart rate", "eating disorder",
]


def responses(prefix: str) -> Dict[str, List[Dict[str, Any]]]:
    return {name: variants for name, variants in domain_text.responses().items() if name.startswith(prefix)}


def text(name: str) -> str:
    return "\n".join(v.get("text", "") for v in domain_text.responses()[name])


def buttons(name: str) -> List[Dict[str, str]]:
    return [b for v in domain_text.responses()[name] for b in v.get("buttons") or []]


def payloads(name: str) -> List[str]:
    return [b["payload"] for b in buttons(name)]


def nlu_examples(capability: str, intent: str) -> List[str]:
    data = yaml.safe_load((ROOT / "data" / "nlu" / f"{capability}.yml").read_text(encoding="utf-8"))
    for block in data["nlu"]:
        if block.get("intent") == intent:
            return [line[2:].strip() for line in block["examples"].splitlines() if line.startswith("- ")]
    return []


def rules(capability: str) -> List[Dict[str, Any]]:
    path = ROOT / "data" / "rules" / f"{capability}.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]
