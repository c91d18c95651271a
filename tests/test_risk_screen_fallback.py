"""Session 21: when the screen drops the classifier's `crisis` guess, the next-best intent may be a tiny share of what
is left ("i've been on prozac for a year and i want to stop": crisis 0.70 dropped, then the not-eating reply at 0.05).
Below the fallback threshold the message is `nlu_fallback` (the clarifying question), never a confident wrong reply."""

from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.training_data.message import Message

from extensions.risk_screen import RiskScreen

CONFIG = yaml.safe_load((Path(__file__).resolve().parent.parent / "config.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def screen():
    # The thresholds in config.yml; patterns only: these messages are ordinary, the classifier's intents given here.
    mine = next(c for c in CONFIG["pipeline"] if c["name"].endswith("RiskScreen"))
    settings = {k: v for k, v in mine.items() if k != "name"}
    assert settings["fallback_threshold"] == next(c for c in CONFIG["pipeline"] if c["name"] == "FallbackClassifier")[
        "threshold"]
    return RiskScreen({**RiskScreen.get_default_config(), **settings, "net": False})


def _parsed(screen, text, ranking):
    message = Message(data={"text": text, "intent": dict(ranking[0]), "intent_ranking": [dict(r) for r in ranking]})
    screen.process([message])
    return message


def test_a_dropped_crisis_guess_with_only_tiny_other_guesses_becomes_the_fallback(screen):
    ranking = [{"name": "crisis", "confidence": 0.70}, {"name": "eating_low_intake", "confidence": 0.05},
               {"name": "medication", "confidence": 0.04}]
    message = _parsed(screen, "i've been on prozac for a year and i want to stop", ranking)
    assert message.get("risk_level") == "none"
    assert message.get("intent")["name"] == "nlu_fallback"
    assert [r["name"] for r in message.get("intent_ranking")] == ["nlu_fallback", "eating_low_intake", "medication"]


def test_a_dropped_crisis_guess_with_a_clear_next_best_keeps_that_intent(screen):
    ranking = [{"name": "crisis", "confidence": 0.55}, {"name": "medication", "confidence": 0.40},
               {"name": "eating_low_intake", "confidence": 0.05}]
    message = _parsed(screen, "thinking about stopping my zoloft", ranking)
    assert message.get("intent") == {"name": "medication", "confidence": 0.40}


def test_a_message_the_classifier_placed_is_left_alone(screen):
    ranking = [{"name": "medication", "confidence": 0.10}, {"name": "crisis", "confidence": 0.05}]
    message = _parsed(screen, "can i ask about my meds", ranking)
    assert message.get("intent")["name"] == "medication"


def test_a_clear_next_best_of_what_the_dropped_guess_leaves_is_kept(screen):
    # "i'm really scared right now": crisis 0.85 dropped; share_feelings has 0.09 of the 0.15 left, a clear reading.
    ranking = [{"name": "crisis", "confidence": 0.85}, {"name": "share_feelings", "confidence": 0.09},
               {"name": "self_harm_urge", "confidence": 0.03}]
    message = _parsed(screen, "i'm really scared right now", ranking)
    assert message.get("intent")["name"] == "share_feelings"
