"""Crisis beats everything: a deterministic, highest-priority dialogue policy.

After a `crisis` message, or "yes" to one of the direct check questions (the urge flow's suicide check,
or the `risk_check` question asked when only the classifier leaned to crisis), the bot runs, in order:
`utter_crisis` (a static response, so it reaches the person even when the action server is down),
`action_deactivate_loop` if a form was active (a crisis answer is never stored as a form answer),
`action_crisis_handoff` (lines that depend on configuration), `utter_crisis_options`, then listens.
Its predictions are marked as not based on user input, so they also outrank an active form's happy path.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_DEACTIVATE_LOOP_NAME, ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from extensions.recent_history import recent_applied_events

CRISIS_INTENT = "crisis"
CRISIS_RESPONSE = "utter_crisis"
HANDOFF_ACTION = "action_crisis_handoff"
OPTIONS_RESPONSE = "utter_crisis_options"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False
)
class CrisisPolicy(Policy):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {
            # RulePolicy has 6; ties are broken by priority, so crisis always wins.
            "priority": 7,
            # Bot questions after which "yes" means crisis.
            "check_questions": ["utter_urge_suicide_check", "utter_risk_check"],
        }

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[str, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        action = self._next_action(tracker, domain)
        if action is None:
            return self._prediction(self._default_predictions(domain))
        probabilities = self._default_predictions(domain)
        probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities, is_no_user_prediction=True)

    def _next_action(self, tracker: DialogueStateTracker, domain: Domain) -> Optional[str]:
        # The end of the conversation is enough (a whole session is slow to walk at every prediction);
        # the whole of it only when that end doesn't reach back to the bot's action before this message.
        done, before = self._turn_actions(recent_applied_events(tracker, domain, 2) or [])
        if before is None:
            done, before = self._turn_actions(tracker.applied_events())
        if done is None or not self._is_crisis_turn(tracker, before):
            return None
        if CRISIS_RESPONSE not in done:
            return CRISIS_RESPONSE
        if tracker.active_loop_name and ACTION_DEACTIVATE_LOOP_NAME not in done:
            return ACTION_DEACTIVATE_LOOP_NAME
        if HANDOFF_ACTION not in done:
            return HANDOFF_ACTION
        if OPTIONS_RESPONSE not in done:
            return OPTIONS_RESPONSE
        return ACTION_LISTEN_NAME

    def _is_crisis_turn(self, tracker: DialogueStateTracker, bot_action_before: Optional[str]) -> bool:
        intent = (tracker.latest_message.intent or {}).get("name") if tracker.latest_message else None
        if intent == CRISIS_INTENT:
            return True
        return intent == "affirm" and bot_action_before in self.config["check_questions"]

    @staticmethod
    def _turn_actions(events: List[Event]) -> tuple[Optional[List[str]], Optional[str]]:
        """Actions run since the last user message, and the last bot action before it, in `events` (applied).

        Returns (None, None) when there is no user message in `events`.
        """
        done: List[str] = []
        for index in range(len(events) - 1, -1, -1):
            event = events[index]
            if isinstance(event, UserUttered):
                before = next(
                    (
                        e.action_name
                        for e in reversed(events[:index])
                        if isinstance(e, ActionExecuted) and e.action_name != ACTION_LISTEN_NAME
                    ),
                    None,
                )
                return done, before
            if isinstance(event, ActionExecuted) and event.action_name:
                done.append(event.action_name)
        return None, None
