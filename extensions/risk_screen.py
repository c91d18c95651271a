"""NLU component that combines the deterministic risk screen with the trained classifier.

It sits last in the pipeline (after FallbackClassifier, whose ambiguity check would otherwise undo it) and
adds the message's risk level to the parse output: a top-level `risk_level` (imminent, ideation,
third_party, signal, none) and `risk_kind` (for imminent: the emergency kind, e.g. `burn_chemical`; for
third_party: `urgent` or `worried`; else null). See resources/risk_patterns.yml for the levels.
- imminent, ideation, third_party: intent `crisis` at full confidence, with a `risk` entity naming the
  category (it fills the `risk_reason` slot); CrisisPolicy picks the reply from the level and kind;
- signal (a pattern, or the classifier sure of `risk_check`): intent `risk_check`, the direct question;
- none, with a risk phrase negated, past, idiomatic or about helping: the classifier's `crisis` or
  `risk_check` guess is dropped for its next-best intent, since word counts can't read those;
- otherwise the classifier's "lean" (top intent `crisis` without the screen agreeing) never becomes a
  crisis reply: the message keeps its next-best topic intent, `risk_level` is `signal` with the `risk`
  entity `classifier`, and CrisisPolicy asks the question at most once per topic episode. Below
  `lean_threshold` the lean is ignored (measured: it put the question in front of ordinary messages).
The second net (harmbot/risk/net.py, examples in resources/risk_net.yml) runs beside the patterns and can
raise a message to imminent from `net_threshold`; its escalations carry the `risk` entity `risk_net`.
The third net (harmbot/risk/level_net.py, resources/risk_level_net.yml) reads what both left at none and can
raise it to third_party (the helper reply) or signal (the question); those carry the `risk` entity `level_net`.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from harmbot.names import CHECK_IN_INTENT as CHECK_IN
from harmbot.names import CLASSIFIER_LEAN, RISK_INTENTS
from harmbot.names import CRISIS_INTENT as CRISIS
from harmbot.risk import level_net as risk_level_net
from harmbot.risk import net as risk_net
from harmbot.risk import rules as risk_rules

logger = logging.getLogger(__name__)

# The screen the NLU pipeline loaded last. The channels ask it whether a text would get the crisis reply
# without parsing it (`fires`): the SMS channel lets such a text through after STOP.
_loaded: Optional[RiskScreen] = None


def fires(text: str) -> bool:
    """Whether the pipeline's screen (patterns and both nets) gives this text a crisis level, i.e. the intent
    `crisis`. Before a pipeline is loaded (a script, a unit test), the patterns alone."""
    screen = _loaded
    if screen is not None:
        try:
            return screen._triage(text).level in risk_rules.CRISIS_LEVELS
        except Exception:
            logger.exception("Risk screen failed on a channel check; using the patterns alone.")
    hit, _ = risk_rules.assess(text)
    return hit is not None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class RiskScreen(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        # patterns: None = resources/risk_patterns.yml in this repository.
        # check_in_threshold: the classifier's own `risk_check` intent ("i don't know if i'm safe") asks
        # the question from this confidence. lean_threshold: a top `crisis` guess the screen doesn't share
        # becomes a once-per-episode signal from this confidence, and is ignored below it.
        # net: the second net's example file (None = resources/risk_net.yml; False = patterns only).
        # net_threshold: None = the threshold written in that file.
        # level_net: the third net's example file (None = resources/risk_level_net.yml; False = off).
        # fallback_threshold: a dropped `crisis` guess leaves the rest of the ranking small; a next-best intent
        # whose share of what is left is below this is no reading at all, so the message becomes `nlu_fallback`
        # (the clarifying question), as FallbackClassifier would have made it (keep the two thresholds the same).
        # Session 21: "i've been on prozac for a year and i want to stop" (crisis 0.70, dropped) got the
        # not-eating reply at 0.05.
        return {
            "patterns": None,
            "check_in_threshold": 0.5,
            "lean_threshold": 0.5,
            "net": None,
            "net_threshold": None,
            "level_net": None,
            "fallback_threshold": 0.25,
        }

    def __init__(self, config: Dict[str, Any]) -> None:
        # This component's own pattern engine (the configured file), not a module-wide one.
        self.patterns = risk_rules.load_patterns(config.get("patterns"))
        self.check_in_threshold = config["check_in_threshold"]
        self.lean_threshold = config["lean_threshold"]
        self.fallback_threshold = float(config.get("fallback_threshold") or 0.0)
        self.net = self._load_net(config)
        self.level_net = self._load_level_net(config) if self.net is not None else None
        global _loaded
        _loaded = self

    @staticmethod
    def _load_net(config: Dict[str, Any]) -> Optional[risk_net.RiskNet]:
        if config.get("net") is False:
            return None
        try:
            return risk_net.load_net(config.get("net"), config.get("net_threshold"))
        except Exception:
            # The patterns alone still screen every message; a broken example file must not stop the bot.
            logger.exception("Risk net failed to train; screening with the patterns alone.")
            return None

    @staticmethod
    def _load_level_net(config: Dict[str, Any]) -> Optional[risk_level_net.LevelNet]:
        if config.get("level_net") is False:
            return None
        try:
            return risk_level_net.load_level_net(config.get("level_net"))
        except Exception:
            logger.exception("Level net failed to train; screening without it.")
            return None

    def _triage(self, text: str) -> risk_rules.Triage:
        if self.net is None:
            return self.patterns.triage(text)
        try:
            result = self.net.triage(text)
        except Exception:
            logger.exception("Risk net failed on a message; using the patterns alone.")
            return self.patterns.triage(text)
        if self.level_net is None:
            return result
        try:
            return self.level_net.raise_level(result, text)
        except Exception:
            logger.exception("Level net failed on a message; using the patterns and the emergency net.")
            return result

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> RiskScreen:
        return cls(config)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not text:
                continue
            try:
                result = self._triage(text)
            except Exception:
                # Never lose a turn to a broken pattern: the trained classifier's answer still stands.
                logger.exception("Risk screen failed on a message; using the classifier's intent.")
                result = risk_rules.Triage("none")
            level, kind = self._apply(message, result)
            message.set("risk_level", level, add_to_output=True)
            message.set("risk_kind", kind, add_to_output=True)
        return messages

    def _apply(self, message: Message, result: risk_rules.Triage) -> Tuple[str, Optional[str]]:
        """Set the intent (and `risk` entity) for the screen's result; returns (risk_level, risk_kind)."""
        intent = message.get(INTENT) or {}
        top, confidence = intent.get("name"), intent.get("confidence") or 0.0
        if result.level in risk_rules.CRISIS_LEVELS:
            self._set_intent(message, CRISIS, 1.0, result.category)
            if result.kind:
                self._add_entity(message, "risk_kind", result.kind, role=result.kind)
            return result.level, result.kind
        if result.level == "signal":
            self._set_intent(message, CHECK_IN, max(confidence, 0.5), result.category)
            return "signal", None
        if result.dismissed:
            self._drop_risk_intents(message, self.fallback_threshold)
            return "none", None
        if top == CHECK_IN and confidence >= self.check_in_threshold:
            self._set_intent(message, CHECK_IN, confidence, CLASSIFIER_LEAN)
            return "signal", None
        if top == CRISIS and confidence >= self.lean_threshold:
            self._drop_risk_intents(message)
            self._add_risk_entity(message, CLASSIFIER_LEAN)
            return "signal", None
        self._drop_risk_intents(message, self.fallback_threshold)
        return "none", None

    def _drop_risk_intents(self, message: Message, fallback_below: float = 0.0) -> None:
        """Replace a `crisis` or `risk_check` guess by the classifier's next-best other intent; by `nlu_fallback`
        when that intent's share of the confidence the dropped guesses leave is below `fallback_below` (the dropped
        guesses then leave the ranking too)."""
        if (message.get(INTENT) or {}).get("name") not in RISK_INTENTS:
            return
        ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != "nlu_fallback"]
        best = next((r for r in ranking if r["name"] not in RISK_INTENTS), None)
        # The next-best's share of what the dropped guesses leave ("im really scared rn": crisis 0.85 dropped,
        # share_feelings 0.09 of the 0.15 left is a clear reading; prozac's 0.05 of 0.30, next to 0.04, is not).
        left = 1.0 - sum(float(r.get("confidence") or 0.0) for r in ranking if r["name"] in RISK_INTENTS)
        if best and float(best["confidence"]) < fallback_below * max(left, 1e-9):
            others = [r for r in ranking if r["name"] not in RISK_INTENTS]
            message.set(INTENT_RANKING_KEY, others, add_to_output=True)
            self._set_intent(message, "nlu_fallback", fallback_below)
        elif best:
            self._set_intent(message, best["name"], best["confidence"])

    @staticmethod
    def _set_intent(message: Message, name: str, confidence: float, risk: Optional[str] = None) -> None:
        """Make `name` the intent (first in the ranking) and, with `risk`, add the `risk` entity."""
        message.set(INTENT, {"name": name, "confidence": confidence}, add_to_output=True)
        ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != name]
        message.set(INTENT_RANKING_KEY, [{"name": name, "confidence": confidence}] + ranking, add_to_output=True)
        if risk:
            RiskScreen._add_risk_entity(message, risk)

    @staticmethod
    def _add_risk_entity(message: Message, risk: str) -> None:
        RiskScreen._add_entity(message, "risk", risk)

    @staticmethod
    def _add_entity(message: Message, name: str, value: str, role: Optional[str] = None) -> None:
        """Add (or replace) a whole-message entity set by the risk screen."""
        text = message.get(TEXT) or ""
        entities = [e for e in message.get(ENTITIES) or [] if e.get("entity") != name]
        entity = {"entity": name, "value": value, "start": 0, "end": len(text), "extractor": "RiskScreen"}
        if role:
            entity["role"] = role
        entities.append(entity)
        message.set(ENTITIES, entities, add_to_output=True)
