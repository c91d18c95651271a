"""Client metadata: what a REST or socket.io client may attach to a message and have stored.

Rasa stores a message's metadata verbatim with the conversation (and copies it into more than one event),
so a `{"phone": ...}` would sit in the tracker store and 1 MB of metadata became 3 MB of rows. Nothing in
this bot reads client metadata, so no key is allowed today: add a key to ALLOWED_KEYS together with the
code that reads it. Values are short strings only.
"""

from __future__ import annotations

from typing import Any, Dict, FrozenSet, Iterable, Optional

ALLOWED_KEYS: FrozenSet[str] = frozenset()
MAX_VALUE_CHARS = 64


def client_metadata(raw: Any, allowed: Iterable[str] = ALLOWED_KEYS) -> Optional[Dict[str, str]]:
    """The allowed keys of `raw` whose values are short strings; None when nothing is left."""
    if not isinstance(raw, dict):
        return None
    allowed = frozenset(allowed)
    kept = {
        key: value
        for key, value in raw.items()
        if key in allowed and isinstance(value, str) and len(value) <= MAX_VALUE_CHARS
    }
    return kept or None
