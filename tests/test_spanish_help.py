"""Session 17: asking whether there is help in Spanish, for oneself or in general (spanish_help). It used to go to
helping_emergency, whose Spanish reply begins "Si esa persona está en peligro": a person asking for themselves was
answered as if they were asking about someone else."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import yaml

from extensions import language

ROOT = Path(__file__).resolve().parent.parent


def plain(text: str) -> str:
    text = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
    return " ".join(text.split())


def english() -> str:
    domain = yaml.safe_load((ROOT / "domain" / "base.yml").read_text(encoding="utf-8"))
    return plain(domain["responses"]["utter_spanish_help"][0]["text"])


def spanish() -> str:
    return plain(language.spanish_responses()["utter_spanish_help"][0]["text"])


def examples(path: str, intent: str) -> list:
    data = yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))
    return [line[2:].strip() for block in data["nlu"] if block.get("intent") == intent
            for line in block["examples"].splitlines() if line.startswith("- ")]


def test_both_wordings_give_the_spanish_988_line_and_911():
    assert "call 988 and press 2" in english() and "text ayuda to 988" in english() and "call 911" in english()
    assert "llama al 988 y marca 2" in spanish() and "ayuda por mensaje al 988" in spanish()
    assert "llama al 911" in spanish()


def test_neither_wording_assumes_someone_else_is_at_risk():
    assert "if you or someone else" in english() and "they're in danger" not in english()
    assert "si tu u otra persona" in spanish() and "esa persona esta en peligro" not in spanish()


def test_the_reply_says_the_bot_answers_in_spanish():
    assert "write to me in spanish" in english()
    assert "te respondo en espanol" in spanish()


FAMILY = ("hijo", "hija", "padres", "familia", "mom", "mama", "parents", "son", "daughter", "esposo", "amigo")


def test_a_question_for_oneself_is_spanish_help_and_one_for_family_stays_the_helpers():
    own = examples("data/nlu/base.yml", "spanish_help")
    assert len(own) >= 18
    assert not [e for e in own if any(word in plain(e).split() for word in FAMILY)]
    helper = [plain(e) for e in examples("data/nlu/helping_someone.yml", "helping_emergency") if "espanol" in plain(e)
              or "spanish" in plain(e)]
    assert helper and all(any(word in e for word in FAMILY) for e in helper), helper


def test_the_rule_answers_then_offers_the_topics():
    rules = yaml.safe_load((ROOT / "data" / "rules" / "base.yml").read_text(encoding="utf-8"))["rules"]
    steps = [r["steps"] for r in rules if {"intent": "spanish_help"} in r["steps"]]
    assert steps == [[{"intent": "spanish_help"}, {"action": "utter_spanish_help"}, {"action": "utter_menu"}]]
