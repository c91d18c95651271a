"""Content safety over everything the bot can say: every response in domain/*.yml and every string in
resources/*.yml (the risk pattern, net, level-net and answer files and the dialogue classes are detection-only
and skipped). Generic on
purpose, so it guards flows added later too. Each response or resource string is its own test case, named after it.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
# What people write, for detection; never said.
# Files that only read the person's words (regular expressions and word lists), never said by the bot. dialogue.yml:
# its `ice_question` class names ice, which the cold check would take for a suggestion (session 10).
DETECTION_ONLY = {"risk_patterns.yml", "risk_net.yml", "risk_level_net.yml", "risk_answers.yml", "dialogue.yml"}

# name -> patterns; any match is a failure. Numbers are only forbidden next to their units, so phone
# numbers, "24/7" and dates stay fine.
FORBIDDEN: Dict[str, List[str]] = {
    '"committed suicide" (say "died by suicide")': [
        r"\bcommit(?:s|ted|ting)?\s+suicide\b",
        r"\bcomet(?:e|er|i[oó]|en)\s+(?:un\s+)?suicidio\b",  # resources/es.yml
    ],
    '"attention-seeking"': [r"\battention[\s-]*seek", r"\bllamar la atenci[oó]n\b"],
    "rubber or elastic band snapping": [r"\b(?:rubber|elastic)[\s-]*bands?\b"],
    "calorie, BMI or weight numbers": [
        r"\d[\d,.]*\s*(?:k?cals?|kcals?|calories|kilocalories|calor[ií]as|kilocalor[ií]as)\b",
        r"\bBMI\b[^.\n]{0,20}\d",
        r"\d[^.\n]{0,20}\bBMI\b",
        r"\d[\d,.]*\s*(?:lbs?|pounds|kg|kilos?|kilograms?|libras|kilogramos?)\b",
        r"\d[^.\n]{0,30}\b(?:lose weight|losing weight|weight[\s-]loss)\b",
        r"\b(?:lose weight|losing weight|weight[\s-]loss)\b[^.\n]{0,30}\d",
    ],
    "dosing units": [
        r"\d\s*(?:mg|mcg|µg)\b",
        r"\b(?:mg|mcg|milligrams?|micrograms?|miligramos?|microgramos?)\b",
        r"\b(?:pills?|tablets?|capsules?|doses?)\s+(?:a|per|each)\s+day\b",
        r"\b(?:pastillas?|tabletas?|c[aá]psulas?|dosis)\s+(?:al|por|cada)\s+d[ií]a\b",
    ],
    '988 "press 3" (ended July 2025)': [r"\bpress\s*(?:3|three)\b", r"\bmarca\s*(?:el\s*)?(?:3|tres)\b"],
    "the closed NEDA helpline number": [r"800[\s.)-]*931[\s.-]*2237"],
    '"you should stop" (no lecturing)': [
        r"\byou\s+(?:should|need to|must|have to)\s+stop\b",
        r"(?<!no )\b(?:debes|deber[ií]as|tienes que)\s+(?:dejar de|parar)\b",
    ],
}

COLD_IDEA = re.compile(
    r"\b(?:ice|ice[\s-]?cubes?|ice[\s-]?packs?|icy|ice[\s-]?water)\b|\bcold\s+(?:water|shower|pack|bath|compress)"
    r"|\bhielo\b|\bcubitos\b|\b(?:agua|ducha|baño|compresa)\s+(?:fr[ií]a|helada)",
    re.IGNORECASE,
)
# "no ice, butter or creams" (burn first aid) warns against cold, it doesn't suggest it.
NEGATION_BEFORE = re.compile(
    r"\b(?:no|not|don'?t|do not|never|avoid|without|instead of|sin|nada de|ni|nunca|evita)\b[^.\n]{0,20}$",
    re.IGNORECASE,
)
COLD_CAUTION = re.compile(r"heart|beta[\s-]?blocker|eating|coraz[oó]n|betabloqueador|alimentari", re.IGNORECASE)

BLEEDING = re.compile(r"\bbleed", re.IGNORECASE)
BLEEDING_THRESHOLD = re.compile(
    r"won'?t stop|doesn'?t stop|does not stop|not stopp|keeps? bleeding|spurt|soak|gaping"
    r"|\d+\s*minutes|pressure",
    re.IGNORECASE,
)

Unit = Tuple[str, str]  # (name for the test id, text a person would read)


def _domain_responses() -> Dict[str, List[Dict[str, Any]]]:
    merged: Dict[str, List[Dict[str, Any]]] = {}
    for path in sorted((ROOT / "domain").glob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        merged.update(content.get("responses") or {})
    return merged


def _variant_text(variant: Dict[str, Any]) -> str:
    titles = [button.get("title", "") for button in variant.get("buttons") or []]
    return "\n".join([variant.get("text") or "", *titles])


def response_units() -> List[Unit]:
    return [
        (f"{name}[{i}]", _variant_text(variant))
        for name, variants in sorted(_domain_responses().items())
        for i, variant in enumerate(variants)
    ]


def _strings(node: Any, where: str) -> Iterator[Unit]:
    if isinstance(node, str):
        yield where, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, f"{where}[{i}]")


def resource_files() -> List[Path]:
    return [p for p in sorted((ROOT / "resources").glob("*.yml")) if p.name not in DETECTION_ONLY]


def resource_units() -> List[Unit]:
    units: List[Unit] = []
    for path in resource_files():
        units += _strings(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
    return units


def directory_entries() -> List[Dict[str, Any]]:
    """Every entry in directory.yml: each mapping with an `id` (lines, contacts, the video)."""
    found: List[Dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "id" in node:
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(yaml.safe_load((ROOT / "resources" / "directory.yml").read_text(encoding="utf-8")))
    return found


def directory_entry_units() -> List[Unit]:
    """A directory entry read as a whole (its `when` and its `how` belong together)."""
    return [
        (f"directory.yml:{e['id']}", "\n".join(text for _, text in _strings(e, e["id"])))
        for e in directory_entries()
    ]


def forbidden_wording(text: str) -> List[str]:
    return [
        f"{name}: {match.group(0)!r}"
        for name, patterns in FORBIDDEN.items()
        for pattern in patterns
        for match in [re.search(pattern, text, re.IGNORECASE)]
        if match
    ]


def suggests_cold(text: str) -> bool:
    return any(not NEGATION_BEFORE.search(text[: m.start()]) for m in COLD_IDEA.finditer(text))


def mentions_bleeding_threshold(text: str) -> bool:
    return bool(BLEEDING.search(text) and BLEEDING_THRESHOLD.search(text))


ALL_UNITS = response_units() + resource_units()


def _params(units: List[Unit]) -> List[Any]:
    return [pytest.param(text, id=name) for name, text in units]


# --- the checks themselves catch what they are meant to (and leave safe wording alone) -------------


@pytest.mark.parametrize(
    "bad",
    [
        "He committed suicide last year.",
        "It's just attention-seeking.",
        "Try snapping a rubber band on your wrist.",
        "Aim for 1,200 calories a day.",
        "Keep it under 500 kcal.",
        "A BMI of 18 is the goal.",
        "You could lose weight: 2 lbs a week.",
        "Take 50 mg in the morning.",
        "Two pills a day is normal.",
        "Call 988 and press 3.",
        "Call NEDA at 1-800-931-2237.",
        "You should stop doing that.",
        "Se cometió suicidio el año pasado.",
        "Solo quiere llamar la atención.",
        "No pases de 1200 calorías.",
        "Toma 50 miligramos por la mañana.",
        "Dos pastillas al día es normal.",
        "Llama al 988 y marca 3.",
        "Tienes que dejar de hacerlo.",
    ],
)
def test_the_forbidden_wording_check_catches_known_bad_sentences(bad):
    assert forbidden_wording(bad)


@pytest.mark.parametrize(
    "fine",
    [
        "Call or text 988, 24/7. Veterans: press 1.",
        "I don't give diet, calorie, weight, BMI or exercise numbers.",
        "Ask: what if I miss a dose?",
        "Call 1-800-467-3135 (checked Nov 27, 2026).",
        "Hold it under cool running water for 20 minutes.",
        "Llama o envía un mensaje al 988, en español marca 2.",
        "No tienes que dejarlo para merecer apoyo.",
        "Enfríala con agua fresca corriendo durante 20 minutos.",
    ],
)
def test_the_forbidden_wording_check_leaves_safe_sentences_alone(fine):
    assert not forbidden_wording(fine)


def test_the_cold_check_tells_a_suggestion_from_a_warning():
    assert suggests_cold("Hold an ice cube briefly.")
    assert suggests_cold("Splash cold water on your face.")
    assert not suggests_cold("Cool running water for 20 minutes; no ice, butter or creams.")
    assert not suggests_cold("Get advice from a pharmacist.")
    assert suggests_cold("Pon hielo en la muñeca.")
    assert not suggests_cold("Nada de hielo, agua helada, mantequilla ni cremas.")


# --- everything the bot can say ----------------------------------------------------------------------


def test_there_is_content_to_check():
    assert len(response_units()) > 10 and resource_units()


@pytest.mark.parametrize("text", _params(ALL_UNITS))
def test_no_forbidden_wording(text):
    assert not forbidden_wording(text), f"{forbidden_wording(text)} in:\n{text}"


@pytest.mark.parametrize("text", _params([u for u in ALL_UNITS if suggests_cold(u[1])]))
def test_cold_or_ice_ideas_carry_their_cautions(text):
    assert COLD_CAUTION.search(text), f"ice/cold idea without a heart/beta-blocker/eating caution:\n{text}"


# A directory entry is read whole: its `when` ("won't stop bleeding") and its `how` ("Call 911") go together.
BLEEDING_UNITS = response_units() + directory_entry_units() + [
    u for u in resource_units() if not u[0].startswith("directory.yml")
]


@pytest.mark.parametrize("text", _params([u for u in BLEEDING_UNITS if mentions_bleeding_threshold(u[1])]))
def test_bleeding_thresholds_come_with_911(text):
    assert "911" in text, f"bleeding threshold without 911:\n{text}"


def test_crisis_reply_exists():
    assert _domain_responses().get("utter_crisis"), "utter_crisis is missing from domain/"


@pytest.mark.parametrize(
    "text", _params([(f"utter_crisis[{i}]", v.get("text") or "")
                     for i, v in enumerate(_domain_responses().get("utter_crisis") or [])])
)
def test_every_crisis_variant_gives_911_988_and_says_the_bot_cant_send_help(text):
    normalised = text.replace("\u2019", "'")
    assert "911" in normalised and "988" in normalised
    assert "can't send help" in normalised


@pytest.mark.parametrize(
    "entry", [pytest.param(e, id=str(e["id"])) for e in directory_entries()]
)
def test_every_directory_entry_has_a_verified_date(entry):
    verified = entry.get("verified")
    if isinstance(verified, str):
        verified = datetime.date.fromisoformat(verified)
    assert isinstance(verified, datetime.date), f"{entry['id']} has no valid `verified` date"
