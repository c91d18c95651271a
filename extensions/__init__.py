"""Rasa server-side extensions: risk screen, crisis policy, NLG footer and input channels."""
