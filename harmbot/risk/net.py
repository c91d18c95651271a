"""Second net for imminent danger and medical red flags, beside the deterministic patterns (issue 11).

Pattern lists catch the wording they were written for; new wording of a plan, an overdose taken or a medical
red flag slips through. This small classifier learns from the examples in resources/risk_net.yml and the
labelled development set, and escalates a message to the emergency level when it is confident. It only ever
raises a message to `imminent`: it never lowers what the patterns decided, and never touches a message the
patterns read as someone else at risk (the helper reply is the right one there).

Two models, both logistic regression on character and word pieces of the normalised text (the patterns'
normaliser, so slang and typos are repaired first) and, when `meaning.weight` is set, on the message's
sentence embedding (harmbot/risk/encoder.py), which places messages that mean the same near each other: one
says imminent or not, the other which emergency kind, trained on the emergency examples only. Without the
encoder installed the net trains on the pieces alone and says so in the log. Trained when loaded
(deterministic; no model file is shipped) and cached under .rasa/ by a hash of all it learns from, so a
restart doesn't retrain and a change does.
Pure Python + scikit-learn + NumPy, no Rasa import.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import numpy as np
import yaml
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_union

from harmbot.risk import cache as risk_cache
from harmbot.risk import encoder as risk_encoder
from harmbot.risk import rules as risk_rules

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_NET_PATH = ROOT / "resources" / "risk_net.yml"
# Trained nets are kept here (harmbot/risk/cache.py), named by a hash of everything they were trained from.
CACHE_DIR = risk_cache.CACHE_DIR
NOT_IMMINENT = "not_imminent"
# The category name the net's escalations carry (the `risk` entity, the staff console's reason).
NET_CATEGORY = "risk_net"
# Pattern levels the net may raise to imminent. third_party stays: the helper reply fits someone else.
RAISABLE = frozenset({"ideation", "signal", "none"})
# Pattern categories that read a message as told about the past, with the person safe now. The net reads
# "i overdosed" in them and not the time, so what these let go it doesn't raise; their own cancel words
# ("again", "tonight", "just took", ...) already send anything present to the other categories.
NOT_RAISED = frozenset({"past_event", "past_ideation"})

logger = logging.getLogger(__name__)

Examples = List[Tuple[str, str]]


class RiskNetError(ValueError):
    """The net's example file is malformed."""


@dataclass(frozen=True)
class NetScore:
    """The net's view of one message: the chance it is an emergency, and the most likely kind."""

    imminent: float
    kind: str


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def read_concepts(config: Dict[str, Any], patterns_path: Path = risk_rules.DEFAULT_PATTERNS_PATH) -> Dict[str, str]:
    """name -> regex source for each concept: the pattern file's lists named in `from_patterns` (their own
    {list} references expanded) and the net's own lists."""
    raw = dict(config.get("concepts") or {})
    wanted = raw.pop("from_patterns", None) or []
    lists = (yaml.safe_load(patterns_path.read_text(encoding="utf-8")) or {}).get("lists") or {}
    alternation = {name: "(?:" + "|".join(items) + ")" for name, items in lists.items()}

    def expand(source: str) -> str:
        for _ in range(5):
            source = _PLACEHOLDER.sub(lambda m: alternation.get(m.group(1), m.group(0)), source)
        return source

    concepts = {}
    for name in wanted:
        if name not in alternation:
            raise RiskNetError(f"concepts.from_patterns: no list {name!r} in {patterns_path.name}")
        concepts[name] = expand(alternation[name])
    for name, items in raw.items():
        if not isinstance(items, list) or not items:
            raise RiskNetError(f"concepts.{name} must be a non-empty list")
        concepts[name] = "(?:" + "|".join(items) + ")"
    return concepts


class ConceptFeatures(BaseEstimator, TransformerMixin):
    """One feature per concept found in the text and one per pair found together (scikit-learn transformer)."""

    def __init__(self, concepts: Optional[Dict[str, str]] = None) -> None:
        self.concepts = concepts

    def fit(self, texts: Sequence[str], labels: Any = None) -> ConceptFeatures:
        try:
            self.regexes_ = [re.compile(rf"(?<![\w']){source}(?![\w'])") for source in (self.concepts or {}).values()]
        except re.error as err:
            raise RiskNetError(f"a concept is not a valid regular expression: {err}") from err
        pairs = list(combinations(range(len(self.regexes_)), 2))
        self.first_ = np.array([a for a, _ in pairs], dtype=int)
        self.second_ = np.array([b for _, b in pairs], dtype=int)
        return self

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        found = np.array([[bool(regex.search(text)) for regex in self.regexes_] for text in texts], dtype=float)
        found = found.reshape(len(texts), len(self.regexes_))
        return sparse.csr_matrix(np.hstack([found, found[:, self.first_] * found[:, self.second_]]))


def _features(concepts: Dict[str, str]) -> Any:
    # Character pieces inside word boundaries tolerate typos and unseen inflections; word pairs keep phrases
    # ("took all", "wont stop"); concepts and their pairs carry combinations beyond the examples' own words.
    return make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=1),
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), token_pattern=r"[\w']+", sublinear_tf=True),
        ConceptFeatures(concepts),
    )


def _model(class_weight: Optional[str]) -> LogisticRegression:
    # C=4: little regularisation, the examples are short and varied (chosen by cross-validation, README).
    return LogisticRegression(C=4.0, max_iter=2000, class_weight=class_weight, random_state=42)


def read_examples(config: Dict[str, Any], root: Path = ROOT) -> Examples:
    """(text, label) pairs: the file's own examples and the imminent / other lines of `learn_from` sets."""
    pairs: Examples = []
    for label, texts in (config.get("examples") or {}).items():
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            raise RiskNetError(f"examples.{label} must be a list of strings")
        pairs.extend((t, str(label)) for t in texts)
    for name in config.get("learn_from") or []:
        path = root / name
        if not path.exists():
            logger.warning("risk net: %s is missing; training without it", name)
            continue
        messages = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("messages") or {}
        for level, items in messages.items():
            for item in items or []:
                text = item if isinstance(item, str) else item["text"]
                kind = item.get("kind") if isinstance(item, dict) else None
                pairs.append((text, kind if level == "imminent" and kind else NOT_IMMINENT))
    nlu = config.get("learn_from_nlu") or {}
    if nlu:
        skip = set(nlu.get("skip_intents") or [])
        pairs.extend((text, NOT_IMMINENT) for text in nlu_examples(root / nlu["folder"], skip))
    if not any(label != NOT_IMMINENT for _, label in pairs) or not any(label == NOT_IMMINENT for _, label in pairs):
        raise RiskNetError("the net needs both emergency examples and not_imminent examples")
    return pairs


def nlu_examples(folder: Path, skip: set) -> List[str]:
    """Every NLU example under `folder` whose intent is not in `skip`."""
    texts: List[str] = []
    for path in sorted(folder.rglob("*.yml")):
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            if item.get("intent") and item["intent"] not in skip:
                lines = (item.get("examples") or "").splitlines()
                texts.extend(line.strip()[2:] for line in lines if line.strip().startswith("- "))
    return texts


def encoder_available() -> bool:
    """Whether the sentence encoder's files are installed (part of the cache fingerprint)."""
    try:
        risk_encoder.model_dir()
        return True
    except risk_encoder.EncoderUnavailable:
        return False


_VECTORS: Dict[str, np.ndarray] = {}
_VECTORS_KEPT = 20000  # ~30 MB: the training pool plus the short answers ("ok", "yes", "idk") that come back all day


def meanings(normalised: List[str]) -> np.ndarray:
    """Sentence vectors, remembered: one takes ~20 ms, and retraining or cross-validating reuses them."""
    new = sorted({text for text in normalised if text not in _VECTORS})
    if new:
        if len(_VECTORS) + len(new) > _VECTORS_KEPT:
            _VECTORS.clear()
        _VECTORS.update(zip(new, risk_encoder.shared().encode(new), strict=True))
    return np.stack([_VECTORS[text] for text in normalised])


def encoder_ready(what: str) -> bool:
    """Whether the sentence encoder loads; if not, `what` (a net's name) says in the log it goes without."""
    try:
        risk_encoder.shared()
        return True
    except risk_encoder.EncoderUnavailable as err:
        logger.warning("%s: no sentence encoder (%s); learning from word and character pieces only", what, err)
        return False


def with_meaning(pieces: Any, normalised: List[str], weight: float) -> Any:
    """The piece features, with the sentence vectors (scaled by `weight`) beside them; 0 leaves them as they are."""
    if not weight:
        return pieces
    return sparse.hstack([pieces, sparse.csr_matrix(meanings(normalised) * weight)]).tocsr()


NEIGHBOURS_K = 3
_CHUNK = 1000  # rows of the similarity matrix at a time: ~40 MB, not the whole examples-by-examples matrix


def neighbour_features(vectors: np.ndarray, bank: np.ndarray, urgent: np.ndarray, leave_out_self: bool) -> np.ndarray:
    """How close a message's meaning is to the nearest emergency examples and to the nearest ordinary ones
    (cosine similarity of sentence vectors): the closest of each, the mean of the NEIGHBOURS_K closest of each,
    and the gap between the two closest. With `leave_out_self` (the examples themselves, when training) row i
    skips bank row i, so an example never counts as its own neighbour."""
    rows = []
    for start in range(0, len(vectors), _CHUNK):
        sims = vectors[start : start + _CHUNK] @ bank.T
        if leave_out_self:
            index = np.arange(len(sims))
            sims[index, index + start] = -1.0
        near_urgent = np.sort(np.where(urgent, sims, -1.0), axis=1)[:, -NEIGHBOURS_K:]
        near_other = np.sort(np.where(~urgent, sims, -1.0), axis=1)[:, -NEIGHBOURS_K:]
        rows.append(
            np.column_stack(
                [
                    near_urgent[:, -1],
                    near_other[:, -1],
                    near_urgent.mean(axis=1),
                    near_other.mean(axis=1),
                    near_urgent[:, -1] - near_other[:, -1],
                ]
            )
        )
    return np.vstack(rows)


class RiskNet:
    """The trained net. `score(text)` gives a NetScore; `triage(text)` combines it with the patterns."""

    def __init__(
        self,
        examples: Examples,
        threshold: float,
        concepts: Optional[Dict[str, str]] = None,
        threshold_after_ideation: Optional[float] = None,
        meaning_weight: float = 0.0,
        neighbours_weight: float = 0.0,
    ) -> None:
        self.threshold = threshold
        self.fingerprint: Optional[str] = None  # set by load_net: what it was trained from
        self.threshold_after_ideation = threshold if threshold_after_ideation is None else threshold_after_ideation
        concepts = concepts or {}
        texts = [risk_rules.normalise(t) for t, _ in examples]
        labels = np.array([label for _, label in examples])
        self.meaning_weight = meaning_weight if meaning_weight > 0 and self._encoder_ready() else 0.0
        urgent = labels != NOT_IMMINENT
        # The examples' sentence vectors, kept to find a new message's nearest examples (needs the encoder).
        self.neighbours_weight = neighbours_weight if self.meaning_weight else 0.0
        self._bank = meanings(texts) if self.neighbours_weight else None
        self._bank_urgent = urgent
        self._features = _features(concepts).fit(texts)
        matrix = self._with_meaning(self._features.transform(texts), texts, training=True)
        # Imminent or not: balanced, so the few hundred emergencies weigh as much as the many ordinary lines.
        self._gate = _model("balanced").fit(matrix, urgent)
        # Which kind: trained on the emergency examples only.
        self._kind = _model(None).fit(matrix[urgent], labels[urgent])
        self.kinds = tuple(self._kind.classes_)

    @classmethod
    def from_file(cls, path: Union[str, Path, None] = None, threshold: Optional[float] = None) -> RiskNet:
        path = Path(path) if path else DEFAULT_NET_PATH
        config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        chosen = float(threshold if threshold is not None else config.get("threshold", 0.5))
        after_ideation = config.get("threshold_after_ideation")
        after_ideation = min(chosen, float(after_ideation)) if after_ideation is not None else None
        meaning = float((config.get("meaning") or {}).get("weight", 0.0))
        neighbours = float((config.get("meaning") or {}).get("neighbours", 0.0))
        return cls(read_examples(config), chosen, read_concepts(config), after_ideation, meaning, neighbours)

    @staticmethod
    def _encoder_ready() -> bool:
        return encoder_ready("risk net")

    def _with_meaning(self, pieces: Any, normalised: List[str], training: bool = False) -> Any:
        matrix = with_meaning(pieces, normalised, getattr(self, "meaning_weight", 0.0))
        bank = getattr(self, "_bank", None)  # nets cached before session 10 have none
        if bank is None:
            return matrix
        near = neighbour_features(meanings(normalised), bank, self._bank_urgent, leave_out_self=training)
        return sparse.hstack([matrix, sparse.csr_matrix(near * self.neighbours_weight)]).tocsr()

    def score(self, text: str) -> NetScore:
        normalised = risk_rules.normalise(text or "")
        row = self._with_meaning(self._features.transform([normalised]), [normalised])
        imminent = float(self._gate.predict_proba(row)[0][list(self._gate.classes_).index(True)])
        return NetScore(imminent, self.kinds[int(self._kind.predict_proba(row)[0].argmax())])

    def triage(self, text: str) -> risk_rules.Triage:
        """The patterns' level, raised to imminent when the net is confident (see the module docstring)."""
        result = risk_rules.triage(text)
        if result.level not in RAISABLE or (result.hit is not None and result.hit.category in NOT_RAISED):
            return result
        if result.level == "none" and left_alone(risk_rules.normalise(text or "")):
            return result
        score = self.score(text)
        if score.imminent < (self.threshold_after_ideation if result.level == "ideation" else self.threshold):
            return result
        hit = risk_rules.RiskHit(NET_CATEGORY, f"net {score.imminent:.2f}", "imminent", score.kind)
        return risk_rules.Triage("imminent", hit)


@functools.lru_cache(maxsize=1)
def _left_alone() -> Tuple[Tuple[re.Pattern, Optional[re.Pattern]], ...]:
    """`left_alone` in resources/risk_net.yml: messages the net never raises on its own, each with its `unless`."""
    config = yaml.safe_load(DEFAULT_NET_PATH.read_text(encoding="utf-8")) or {}
    return tuple(
        (re.compile(item["pattern"]), re.compile(item["unless"]) if item.get("unless") else None)
        for item in config.get("left_alone") or []
    )


def left_alone(normalised: str) -> bool:
    """Session 17: a message the patterns leave alone that the net must not raise either (dizzy on standing up)."""
    return any(p.search(normalised) and not (u and u.search(normalised)) for p, u in _left_alone())


_active: Optional[RiskNet] = None


def _fingerprint(path: Path, threshold: Optional[float]) -> str:
    """A hash of the example file, every file it learns from, the pattern lists and this code."""
    config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    # A net trained without the encoder (not installed) is not reused once it is, and the other way round.
    salt = repr((threshold, encoder_available()))
    return risk_cache.cache_name("net-", risk_cache.learning_sources(path, config, Path(__file__)), salt)


def load_net(path: Union[str, Path, None] = None, threshold: Optional[float] = None) -> RiskNet:
    """The net for an example file: from the cache when nothing it learns from changed, else trained anew.
    The module-level `triage` then uses it."""
    global _active
    path = Path(path) if path else DEFAULT_NET_PATH
    name = _fingerprint(path, threshold)
    if _active is not None and getattr(_active, "fingerprint", None) == name:
        return _active
    net = risk_cache.load_or_train(name, lambda: RiskNet.from_file(path, threshold), "risk net")
    net.fingerprint = name
    _active = net
    return net


def triage(text: str) -> risk_rules.Triage:
    """The risk level of one message from the patterns and the net together."""
    net = _active if _active is not None else load_net()
    return net.triage(text)
