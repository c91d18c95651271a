"""NLU component that runs the deterministic risk screen on every message.

It sits last in the pipeline (after FallbackClassifier, whose ambiguity check would otherwise undo
it). When the screen fires, or the trained classifier already chose `crisis`, the message leaves with
intent `crisis` at full confidence and a `risk` entity naming why (a screen category or "classifier").
That entity fills the `risk_reason` slot, which picks the right variant of the crisis reply.
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

logger = logging.getLogger(__name__)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class RiskScreen(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        # None = resources/risk_patterns.yml in this repository.
        return {"patterns": None}

    def __init__(self, config: Dict[str, Any]) -> None:
        risk_rules.load_patterns(config.get("patterns"))

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
            try:
                reason = self._reason(message)
            except Exception:
                # Never lose a turn to a broken pattern: the trained classifier's answer still stands.
                logger.exception("Risk screen failed on a message; using the classifier's intent.")
                continue
            if reason:
                self._mark_crisis(message, reason)
        return messages

    @staticmethod
    def _reason(message: Message) -> Optional[str]:
        text = message.get(TEXT) or ""
        hit = risk_rules.screen(text) if text else None
        if hit:
            return hit.category
        if (message.get(INTENT) or {}).get("name") == CRISIS:
            return "classifier"
        return None

    @staticmethod
    def _mark_crisis(message: Message, reason: str) -> None:
        text = message.get(TEXT) or ""
        message.set(INTENT, {"name": CRISIS, "confidence": 1.0}, add_to_output=True)
        ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != CRISIS]
        message.set(INTENT_RANKING_KEY, [{"name": CRISIS, "confidence": 1.0}] + ranking, add_to_output=True)
        entities = [e for e in message.get(ENTITIES) or [] if e.get("entity") != "risk"]
        entities.append(
            {"entity": "risk", "value": reason, "start": 0, "end": len(text), "extractor": "RiskScreen"}
        )
        message.set(ENTITIES, entities, add_to_output=True)
