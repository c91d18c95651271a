"""Rasa's RulePolicy, looking only as far back as its longest rule instead of over the whole session.

Why: RulePolicy builds a dialogue state for every turn of the session on each prediction (several per
message), so a turn got slower with every turn before it (issue 15). A rule is matched against the
last states only: `RulePolicy._is_rule_applicable` accepts any state further back than the rule is
long. So the states beyond the longest rule (plus one, so a `conversation_start` rule still sees that
the conversation started earlier) change nothing, and the prediction is the same.
When the recent end can't be worked out exactly (a form, a rewind, a new session nearby: see
extensions/recent_history.py), this is Rasa's RulePolicy unchanged. Training is unchanged.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa.core.policies.rule_policy import RULES, RULES_FOR_LOOP_UNHAPPY_PATH, RulePolicy
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from extensions.recent_history import recent_states


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class BoundedRulePolicy(RulePolicy):
    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        # Rasa's config validator runs this check only for RulePolicy itself, not for subclasses.
        self.raise_if_incompatible_with_domain(self.config, domain)
        return super().train(training_trackers, domain, **kwargs)

    def _prediction_states(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        use_text_for_last_user_input: bool = False,
        rule_only_data: Optional[Dict[str, Any]] = None,
    ) -> List[State]:
        if not isinstance(tracker, TrackerWithCachedStates):  # training trackers are short and cached
            states = recent_states(tracker, domain, self._longest_rule() + 1)
            if states is not None:
                tracker = _KnownStates(states)  # type: ignore[assignment]
        return super()._prediction_states(tracker, domain, use_text_for_last_user_input, rule_only_data)

    def _longest_rule(self) -> int:
        """States in the longest learned rule (computed once; the lookup doesn't change after training)."""
        if getattr(self, "_longest", None) is None:
            keys = list(self.lookup.get(RULES, {})) + list(self.lookup.get(RULES_FOR_LOOP_UNHAPPY_PATH, {}))
            self._longest = max((len(self._rule_key_to_state(key)) for key in keys), default=0)
        return self._longest


class _KnownStates:
    """Stands in for the tracker where Rasa's featurizer asks it for its past states."""

    def __init__(self, states: List[State]) -> None:
        self._states = states

    def past_states(
        self,
        domain: Domain,
        omit_unset_slots: bool = False,
        ignore_rule_only_turns: bool = False,
        rule_only_data: Optional[Dict[str, Any]] = None,
    ) -> List[State]:
        if omit_unset_slots or ignore_rule_only_turns:
            raise ValueError("computed for RulePolicy's defaults only")
        return self._states
