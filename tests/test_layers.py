"""The layers (docs/ARCHITECTURE.md, issue 16): the Rasa server's code and the action server's code sit side by
side on the shared core, so each process can be built without the other."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# package -> the packages it must never import
FORBIDDEN = {
    "harmbot": ("actions", "extensions", "staff", "rasa", "rasa_sdk"),
    "extensions": ("actions",),
    "actions": ("extensions", "staff", "rasa"),
    "staff": ("actions", "rasa", "rasa_sdk"),
}


def imports(path: Path) -> set:
    text = path.read_text(encoding="utf-8")
    found = re.findall(r"^\s*(?:from|import)\s+([a-zA-Z_][\w]*)", text, re.M)
    return set(found)


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_beside_or_above_it(package):
    wrong = {
        str(path.relative_to(ROOT)): sorted(imports(path) & set(FORBIDDEN[package]))
        for path in sorted((ROOT / package).rglob("*.py"))
        if imports(path) & set(FORBIDDEN[package])
    }
    assert wrong == {}
