"""Reading a reply to the direct suicide question, beyond the answer patterns (issue 11).

The answer patterns (resources/risk_patterns.yml, `answers`) read the replies they were written for: "yes",
"maybe", "nah im ok", "yes but i won't". A reply they can't place ("why do you think im here", "its
complicated", "no lol i just hate mondays") used to count as no answer at all, and the bot carried on as if
the question had not been asked. This reader sends such a reply to a small classifier that learned from the
labelled replies in resources/risk_answers.yml, on the reply's sentence embedding (harmbot/risk/encoder.py)
and its word and character pieces:
- a reply it is fairly sure means yes (`thresholds.yes`) reads as "yes": the crisis reply;
- one it is sure means no (`thresholds.no`) reads as "no": the person is thanked and the topic carries on;
- anything else stays "other" (thanks, a question back, a new topic, in any language): never read as yes.
What the patterns read is never changed. Without the encoder installed, the reader is the patterns alone
and says so in the log.
Trained when first used (deterministic) and cached under .rasa/ by a hash of what it learns from, like the
net (harmbot/risk/net.py). Pure Python + scikit-learn + NumPy, no Rasa import.
"""

from __future__ import annotations

import functools
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

DEFAULT_ANSWERS_PATH = risk_net.ROOT / "resources" / "risk_answers.yml"
LABELS = ("yes", "no", "other")

logger = logging.getLogger(__name__)


class RiskAnswersError(ValueError):
    """The answer example file is malformed."""


def read_examples(path: Path, root: Path = risk_net.ROOT) -> Tuple[List[Tuple[str, str]], Dict[str, float], float]:
    """(text, label) pairs, the thresholds and the meaning weight from an answer example file."""
    config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    # YAML 1.1 reads the keys yes:/no: as True/False; quoted or not, they mean the words.
    examples = {{True: "yes", False: "no"}.get(k, k): v for k, v in (config.get("examples") or {}).items()}
    pairs: List[Tuple[str, str]] = []
    for label in LABELS:
        texts = examples.get(label)
        if not isinstance(texts, list) or not texts or not all(isinstance(t, str) for t in texts):
            raise RiskAnswersError(f"examples.{label} must be a non-empty list of strings")
        pairs.extend((t, label) for t in texts)
    unknown = set(examples) - set(LABELS)
    if unknown:
        raise RiskAnswersError(f"unknown answer labels: {sorted(unknown)}")
    for relative in config.get("learn_from") or []:
        # Session 17: a labelled set's replies to the direct question (the `answers` of tests/data/risk_levels_*.yml).
        labelled = yaml.safe_load((root / relative).read_text(encoding="utf-8")) or {}
        for key, texts in (labelled.get("answers") or {}).items():
            label = {True: "yes", False: "no"}.get(key, key)
            if label in LABELS:
                pairs.extend((t, label) for t in texts or [] if isinstance(t, str))
    nlu = config.get("learn_from_nlu") or {}
    if nlu:
        # What people write when they move on instead of answering: the bot's own topic examples.
        skip = set(nlu.get("skip_intents") or [])
        pairs.extend((t, "other") for t in risk_net.nlu_examples(root / nlu["folder"], skip))
    raw = {{True: "yes", False: "no"}.get(k, k): v for k, v in (config.get("thresholds") or {}).items()}
    thresholds = {"yes": float(raw.get("yes", 0.6)), "no": float(raw.get("no", 0.8))}
    return pairs, thresholds, float((config.get("meaning") or {}).get("weight", 3.0))


class AnswerReader:
    """`read(text)`: "yes", "yes_but", "unsure", "no" or "other" (see the module docstring)."""

    def __init__(self, examples: List[Tuple[str, str]], thresholds: Dict[str, float], meaning_weight: float) -> None:
        self.thresholds = thresholds
        self.fingerprint: Optional[str] = None
        texts = [self._normalise(t) for t, _ in examples]
        labels = np.array([label for _, label in examples])
        self.meaning_weight = meaning_weight if self._encoder_ready() else 0.0
        # Replies are short: character pieces carry typos and Spanish, word pairs carry "not really".
        self._features = make_union(
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True),
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), token_pattern=r"[\w']+", sublinear_tf=True),
        ).fit(texts)
        self._model = LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced", random_state=42)
        self._model.fit(self._matrix(texts), labels)

    @staticmethod
    def _normalise(text: str) -> str:
        return risk_rules.normalise(text or "")

    @staticmethod
    def _encoder_ready() -> bool:
        return risk_net.encoder_ready("risk answers")

    def _matrix(self, normalised: List[str]) -> sparse.csr_matrix:
        return risk_net.with_meaning(self._features.transform(normalised), normalised, self.meaning_weight)

    def chances(self, text: str) -> Dict[str, float]:
        """The classifier's chance for each label (for reports and tests)."""
        row = self._matrix([self._normalise(text)])
        return dict(zip(self._model.classes_, (float(p) for p in self._model.predict_proba(row)[0]), strict=True))

    def read(self, text: str) -> str:
        first = risk_rules.read_answer(text)
        if first != "other" or not (text or "").strip():
            return first
        chances = self.chances(text)
        if chances["yes"] >= self.thresholds["yes"]:
            return "yes"
        if chances["no"] >= self.thresholds["no"]:
            return "no"
        return "other"


_active: Optional[AnswerReader] = None


def _fingerprint(path: Path) -> str:
    # Asked on every reply read, so from file stats unless a file changed (risk_cache.fingerprint).
    return risk_cache.fingerprint("answers-", path, Path(__file__), repr(risk_net.encoder_available()))


def load_reader(path: Union[str, Path, None] = None) -> AnswerReader:
    """The reader for an example file: from the cache when nothing it learns from changed, else trained anew."""
    global _active
    path = Path(path) if path else DEFAULT_ANSWERS_PATH
    name = _fingerprint(path)
    if _active is not None and _active.fingerprint == name:
        return _active
    reader = risk_cache.load_or_train(name, lambda: AnswerReader(*read_examples(path)), "risk answers")
    reader.fingerprint = name
    _active = reader
    return reader


@functools.lru_cache(maxsize=256)
def _read_once(reader: AnswerReader, text: str) -> str:
    # Both policies read the same reply in one turn (CrisisPolicy, then DialoguePolicy's check for a reply
    # that is an answer): the second reading is this cache, not the classifier again.
    return reader.read(text)


def read_answer(text: str) -> str:
    """A reply to the direct suicide question: "yes", "yes_but", "unsure", "no" or "other".
    If the reader can't be trained (a broken example file), the patterns alone read the reply."""
    try:
        return _read_once(load_reader(), text)
    except Exception:
        logger.exception("risk answers: the reader failed; reading with the patterns alone")
        return risk_rules.read_answer(text)
