"""Names the Rasa server, the action server and the staff console must agree on, written once.

Each is also declared in the domain (domain/crisis.yml) or the pattern file (resources/risk_patterns.yml);
tests/test_names.py checks that they agree.
"""

from __future__ import annotations

# The intent a crisis message gets, and the one for "unclear risk: ask directly" (domain/crisis.yml).
CRISIS_INTENT = "crisis"
CHECK_IN_INTENT = "risk_check"
RISK_INTENTS = (CRISIS_INTENT, CHECK_IN_INTENT)

# The static crisis reply, and the prefix of the static emergency replies (one per risk kind).
CRISIS_RESPONSE = "utter_crisis"
# The direct question ("Are you having thoughts of ending your life?"), asked by CrisisPolicy, and the bot turns
# that keep it open: asked once more after an unclear reply, and "take your time" after "brb" (session 15). A
# message right after one of them answers the question, not a form's step.
CHECK_QUESTION = "utter_risk_check"
QUESTION_TURNS = frozenset({CHECK_QUESTION, "utter_risk_recheck", "utter_risk_wait"})
EMERGENCY_RESPONSE_PREFIX = "utter_emergency_"

# The entity naming why the screen fired (a pattern category, or CLASSIFIER_LEAN), and the slot it fills.
RISK_ENTITY = "risk"
RISK_KIND_ENTITY = "risk_kind"
RISK_REASON_SLOT = "risk_reason"
# The `risk` value when only the trained classifier leans to crisis.
CLASSIFIER_LEAN = "classifier"

# Risk levels, most urgent first (resources/risk_patterns.yml gives each category one).
LEVELS = ("imminent", "ideation", "third_party", "signal", "none")
CRISIS_LEVELS = frozenset({"imminent", "ideation", "third_party"})
