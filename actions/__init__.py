"""Custom actions, one module per capability. `python -m rasa_sdk --actions actions` loads them all."""
