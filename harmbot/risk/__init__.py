"""The deterministic risk engine (rules.py) and its clinician-readable patterns (resources/risk_patterns.yml)."""
