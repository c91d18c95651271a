"""TEMPORARY stand-in; replaced by the real screen from the risk branch."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class RiskHit:
    category: str
    pattern: str


_P = [("suicidal_ideation", re.compile(r"kill myself|end my life|suicid"))]


def load_patterns(path=None):
    return _P


def screen(text: str) -> Optional[RiskHit]:
    for cat, p in _P:
        if p.search(text.lower()):
            return RiskHit(cat, p.pattern)
    return None
