"""What an urge does for the person, read from a typed answer (resources/coping_alternatives.yml `needs`).

Shared by the action server (action_coping_function) and the Rasa server's dialogue policy, which reads "release i
guess" typed at the urge flow's options as that answer.
"""

from __future__ import annotations

import functools
import re
from typing import Dict, List, Optional

from harmbot import content

UNSURE = "unsure"


@functools.lru_cache(maxsize=1)
def _patterns() -> Dict[str, re.Pattern]:
    data = content.sentences("coping_alternatives")
    return {need: re.compile("|".join(_word(w) for w in words)) for need, words in data["needs"].items()}


def _word(word: str) -> str:
    if word.endswith("*"):
        return r"\b" + re.escape(word[:-1])
    return r"\b" + re.escape(word) + r"\b"


def needs() -> List[str]:
    """Every need the flow knows, including "unsure"."""
    return list(_patterns()) + [UNSURE]


def need_from_text(text: Optional[str]) -> str:
    lowered = (text or "").lower()
    for need, pattern in _patterns().items():
        if pattern.search(lowered):
            return need
    return UNSURE


def need_for(entity: Optional[str], text: Optional[str]) -> str:
    """The need a button named, else the one a typed answer describes, else "unsure"."""
    if entity in needs():
        return entity
    return need_from_text(text)
