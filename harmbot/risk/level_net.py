"""Third net: someone else at risk, suicidal thoughts and risk signals the patterns did not see (issue 11).

The patterns (resources/risk_patterns.yml) read the wording they were written for, and the second net
(harmbot/risk/net.py) only raises emergencies. On wording nobody wrote a pattern for, two levels were missed
most on the held-out sets: a person telling us that SOMEONE ELSE is at risk ("my son's been giving his stuff
away", "she posted goodbye on her story") and risk signals ("everyone would be better off", "what's even the
point"). Such messages stayed on their topic, with no helper reply and no question.

This reader looks only at a message the patterns and the second net left at `none` (and did not dismiss as
negated, past, idiomatic or about helping in general). A small classifier, trained on the labelled examples
in resources/risk_level_net.yml, the development set and the bot's own NLU examples (as ordinary
messages), gives each level a chance, on the message's sentence embedding (harmbot/risk/encoder.py) and its
word and character pieces. From that level's threshold in the example file, the message is raised:
- third_party: the helper reply (kind `urgent` when its urgency chance passes `thresholds.urgent`, else
  `worried`);
- ideation: the crisis reply;
- signal: the direct question.
Every raise is friction if it is wrong, so the thresholds are high and chosen on development figures. It
never lowers a level and never touches what the patterns decided. Trained when first used (deterministic)
and cached under .rasa/ by a hash of what it learns from, like the other nets. Pure Python + scikit-learn +
NumPy, no Rasa import.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Dict, List, Optional, Tuple, Union

import numpy as np
import yaml
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_union

from harmbot.risk import cache as risk_cache
from harmbot.risk import net as risk_net
from harmbot.risk import rules as risk_rules

DEFAULT_PATH = risk_net.ROOT / "resources" / "risk_level_net.yml"
# The category its raises carry (the `risk` entity, the staff console's reason).
CATEGORY = "level_net"
LEVELS = ("third_party", "ideation", "signal", "none")
RAISED = ("third_party", "ideation", "signal")  # checked in this order: someone else first, then the person

logger = logging.getLogger(__name__)

Examples = List[Tuple[str, str, bool]]  # (text, level, urgent)


class LevelNetError(ValueError):
    """The example file is malformed."""


def _item(item: Union[str, Dict[str, object]]) -> Tuple[str, bool]:
    if isinstance(item, str):
        return item, False
    if isinstance(item, dict) and isinstance(item.get("text"), str):
        return str(item["text"]), bool(item.get("urgent"))
    raise LevelNetError(f"an example must be a string or {{text: ..., urgent: ...}}, not {item!r}")


def read_examples(config: Dict[str, object], root: Path = risk_net.ROOT) -> Examples:
    """(text, level, urgent) from the file's own examples, the `learn_from` sets and the NLU examples."""
    examples: Examples = []
    own = config.get("examples") or {}
    if not isinstance(own, dict):
        raise LevelNetError("examples must map a level to a list")
    for level, items in own.items():
        if level not in LEVELS or not isinstance(items, list):
            raise LevelNetError(f"examples.{level}: levels are {LEVELS}, each a list")
        examples.extend((text, level, urgent) for text, urgent in map(_item, items))
    for name in config.get("learn_from") or []:  # type: ignore[attr-defined]
        path = root / str(name)
        if not path.exists():
            logger.warning("level net: %s is missing; training without it", name)
            continue
        messages = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("messages") or {}
        for level, items in messages.items():
            if level in LEVELS:  # imminent lines are the second net's work, not this one's
                examples.extend((text, level, urgent) for text, urgent in map(_item, items or []))
    nlu = config.get("learn_from_nlu") or {}
    if isinstance(nlu, dict) and nlu:
        skip = set(nlu.get("skip_intents") or [])
        examples.extend((t, "none", False) for t in risk_net.nlu_examples(root / str(nlu["folder"]), skip))
    present = {level for _, level, _ in examples}
    if not set(LEVELS) <= present:
        raise LevelNetError(f"the level net needs examples of every level {LEVELS}; missing {set(LEVELS) - present}")
    return examples


class LevelNet:
    """`raise_level(result, text)`: the patterns' Triage, raised when the classifier is sure (module docstring)."""

    def __init__(self, examples: Examples, thresholds: Dict[str, float], meaning_weight: float) -> None:
        self.thresholds = thresholds
        self.fingerprint: Optional[str] = None
        texts = [risk_rules.normalise(t) for t, _, _ in examples]
        labels = np.array([level for _, level, _ in examples])
        self.meaning_weight = meaning_weight if self._encoder_ready() else 0.0
        self._features = make_union(
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), token_pattern=r"[\w']+", sublinear_tf=True),
        ).fit(texts)
        matrix = self._matrix(texts)
        # Balanced: a few hundred helper and signal lines weigh as much as the thousands of ordinary ones.
        self._level = LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced", random_state=42)
        self._level.fit(matrix, labels)
        helper = labels == "third_party"
        urgent = np.array([u for _, _, u in examples])[helper]
        # Urgency among someone-else messages only; both kinds must be present to learn it.
        self._urgent: Optional[LogisticRegression] = None
        if urgent.any() and not urgent.all():
            self._urgent = LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced", random_state=42)
            self._urgent.fit(matrix[helper], urgent)

    @staticmethod
    def _encoder_ready() -> bool:
        return risk_net.encoder_ready("level net")

    def _matrix(self, normalised: List[str]) -> sparse.csr_matrix:
        return risk_net.with_meaning(self._features.transform(normalised), normalised, self.meaning_weight)

    def chances(self, text: str) -> Dict[str, float]:
        """Each level's chance, plus `urgent` (someone else in danger now), for reports and tests."""
        row = self._matrix([risk_rules.normalise(text or "")])
        found = dict(zip(self._level.classes_, (float(p) for p in self._level.predict_proba(row)[0]), strict=True))
        found["urgent"] = float(self._urgent.predict_proba(row)[0][1]) if self._urgent is not None else 0.0
        return found

    def raise_level(self, result: risk_rules.Triage, text: str) -> risk_rules.Triage:
        if result.level != "none" or result.dismissed or not (text or "").strip():
            return result
        chances = self.chances(text)
        for level in RAISED:
            if chances[level] >= self.thresholds[level]:
                kind = None
                if level == "third_party":
                    kind = "urgent" if chances["urgent"] >= self.thresholds["urgent"] else "worried"
                return risk_rules.Triage(
                    level, risk_rules.RiskHit(CATEGORY, f"{level} {chances[level]:.2f}", level, kind)
                )
        return result


def read_config(path: Path) -> Tuple[Dict[str, object], Dict[str, float], float]:
    config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    raw = config.get("thresholds") or {}
    missing = [name for name in (*RAISED, "urgent") if name not in raw]
    if missing:
        raise LevelNetError(f"thresholds: missing {missing}")
    thresholds = {name: float(raw[name]) for name in (*RAISED, "urgent")}
    return config, thresholds, float((config.get("meaning") or {}).get("weight", 3.0))


_active: Optional[LevelNet] = None


def _fingerprint(path: Path) -> str:
    config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    sources = risk_cache.learning_sources(path, config, Path(__file__))
    return risk_cache.cache_name("levels-", sources, repr(risk_net.encoder_available()))


def load_level_net(path: Union[str, Path, None] = None) -> LevelNet:
    """The reader for an example file: from the cache when nothing it learns from changed, else trained anew."""
    global _active
    path = Path(path) if path else DEFAULT_PATH
    name = _fingerprint(path)
    if _active is not None and _active.fingerprint == name:
        return _active

    def train() -> LevelNet:
        config, thresholds, weight = read_config(path)
        return LevelNet(read_examples(config), thresholds, weight)

    reader = risk_cache.load_or_train(name, train, "level net")
    reader.fingerprint = name
    _active = reader
    return reader
