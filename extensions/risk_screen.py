"""NLU component that combines the deterministic risk screen with the trained classifier.

It sits last in the pipeline (after FallbackClassifier, whose ambiguity check would otherwise undo it):
- the screen fires: intent `crisis` at full confidence, with a `risk` entity naming the category (it
  fills the `risk_reason` slot, which picks the variant of the crisis reply);
- the screen found a risk phrase but negated or idiomatic ("i'm not suicidal"): the classifier's
  `crisis` guess is dropped for its next-best intent, since word counts can't read negation;
- otherwise, if the classifier gives `crisis` at least `check_in_threshold`: intent `risk_check`, a
  direct, respectful question with 988/911 in view ("yes" leads to the crisis reply). Measured on our
  sets, the classifier alone is too unsure to send the full crisis reply without asking (it would have
  flagged a fifth of ordinary messages), but too useful to ignore: it catches wording the patterns miss.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from extensions import risk_rules

CRISIS = "crisis"
CHECK_IN = "risk_check"

logger = logging.getLogger(__name__)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class RiskScreen(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        # patterns: None = resources/risk_patterns.yml in this repository.
        return {"patterns": None, "check_in_threshold": 0.3}

    def __init__(self, config: Dict[str, Any]) -> None:
        risk_rules.load_patterns(config.get("patterns"))
        self.check_in_threshold = config["check_in_threshold"]

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
                hit, dismissed = risk_rules.assess(text)
            except Exception:
                # Never lose a turn to a broken pattern: the trained classifier's answer still stands.
                logger.exception("Risk screen failed on a message; using the classifier's intent.")
                hit, dismissed = None, False
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != "nlu_fallback"]
            crisis_confidence = next((r["confidence"] for r in ranking if r["name"] == CRISIS), 0.0)
            if hit:
                self._set_intent(message, CRISIS, 1.0, hit.category)
            elif dismissed:
                if (message.get(INTENT) or {}).get("name") == CRISIS:
                    best = next((r for r in ranking if r["name"] != CRISIS), None)
                    if best:
                        self._set_intent(message, best["name"], best["confidence"])
            elif crisis_confidence >= self.check_in_threshold or (message.get(INTENT) or {}).get("name") == CRISIS:
                # The classifier alone never sends the full crisis reply: it asks.
                self._set_intent(message, CHECK_IN, crisis_confidence, "classifier")
        return messages

    @staticmethod
    def _set_intent(message: Message, name: str, confidence: float, risk: Optional[str] = None) -> None:
        """Make `name` the intent (first in the ranking) and, with `risk`, add the `risk` entity."""
        message.set(INTENT, {"name": name, "confidence": confidence}, add_to_output=True)
        ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != name]
        message.set(INTENT_RANKING_KEY, [{"name": name, "confidence": confidence}] + ranking, add_to_output=True)
        if risk:
            text = message.get(TEXT) or ""
            entities = [e for e in message.get(ENTITIES) or [] if e.get("entity") != "risk"]
            entities.append({"entity": "risk", "value": risk, "start": 0, "end": len(text), "extractor": "RiskScreen"})
            message.set(ENTITIES, entities, add_to_output=True)
