"""Guards that keep evaluation honest (issue 11).

- No sentence of the held-out risk-level set (tests/data/risk_levels_heldout.yml, written separately) may
  appear in the NLU data, the labelled/development sets or the pattern file: a held-out figure measured on
  sentences the model or the patterns were built from would be a development figure in disguise.
- No live test may send a training example: a live test that passes only because the classifier memorised
  its input shows nothing about real wording. Inputs are found by reading tests/live/*.py with `ast`:
  string literals passed to `say()` / `parse()`, and the string values of `pytest.mark.parametrize` on
  tests that call them (including module-level lists named there).

Sentences are compared normalised: lower case, one kind of apostrophe, punctuation dropped, spaces folded.
One-word texts ("hi", "yes") and held-out answers under three words ("no thanks") are shared vocabulary,
not leaked sentences, so they are not compared; nor are button titles typed as text ("Safety plan"), which
are the bot's own words, trained on purpose for SMS.
"""

from __future__ import annotations

import ast
import re
import unicodedata
from pathlib import Path
from typing import Dict, Iterable, List, Set

import pytest
import yaml

from tests.risk_eval import (
    DEV10_SET,
    DEV11_SET,
    DEV12_SET,
    DEV13_SET,
    DEV14_SET,
    DEV15_SET,
    DEV16M_SET,
    DEV17_SET,
    DEV17A_SET,
    DEV17B_SET,
    DEV17M_SET,
    DEV18_SET,
    DEV18A_SET,
    DEV18F_SET,
    DEV19_SET,
    DEV19S_SET,
    DEV22_SET,
    DEV23_SET,
    DEV24_SET,
    DEV25_SET,
    DEV25B_SET,
    DEV26_SET,
    DEV26M_SET,
    DEV26N_SET,
    DEV27_SET,
    DEV28_SET,
    FOLDED_SETS,
    HELD_OUT_SETS,
    load,
    text_of,
)

ROOT = Path(__file__).resolve().parent.parent
LIVE = ROOT / "tests" / "live"
SETS = [ROOT / "tests" / "data" / n for n in ("risk_levels.yml", "risk_labelled.yml", "risk_folded_heldout.yml")]
SETS += list(FOLDED_SETS.values())  # former held-out sets the nets now learn from (tests/risk_eval.py)
SETS.append(DEV10_SET)  # session 11's tuning set
SETS.append(DEV11_SET)  # session 12's tuning set
SETS.append(DEV12_SET)  # session 13's tuning set
SETS.append(DEV13_SET)  # session 14's tuning set
SETS.append(DEV14_SET)  # session 15's tuning set
SETS.append(DEV15_SET)  # session 16's tuning set
SETS.append(DEV16M_SET)  # session 16's red-flag tuning set
SETS.append(DEV17_SET)  # session 17's tuning set
SETS.append(DEV17A_SET)  # session 17's answers tuning set
SETS.append(DEV17M_SET)  # session 17's confusion tuning set
SETS.append(DEV17B_SET)  # session 17's second answers tuning set
SETS.append(DEV18_SET)  # session 18's tuning set
SETS.append(DEV18A_SET)  # session 18's answers tuning set
SETS.append(DEV18F_SET)  # session 18's friction tuning set
SETS.append(DEV19_SET)  # session 19's tuning set (plans and acts under way)
SETS.append(DEV19S_SET)  # session 19's risk-signal tuning set
SETS.append(DEV22_SET)  # session 22's tuning set
SETS.append(DEV23_SET)  # session 23's tuning set
SETS.append(DEV24_SET)  # session 24's tuning set
SETS.append(DEV25_SET)  # session 25's tuning set
SETS.append(DEV25B_SET)  # session 25's emergency-level tuning set
SETS.append(DEV26_SET)  # session 26's tuning set
SETS.append(DEV26N_SET)  # session 26's look-alike tuning set
SETS.append(DEV26M_SET)  # session 26's everyday-message tuning set
SETS.append(DEV27_SET)  # session 27's hard-case tuning set
SETS.append(DEV28_SET)  # session 28's hard-case and shared-word look-alike tuning set
PATTERNS = ROOT / "resources" / "risk_patterns.yml"
NET_EXAMPLES = ROOT / "resources" / "risk_net.yml"
_PUNCT = re.compile(r"[^\w\s']")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    for mark in "\u2019\u2018\u02bc`\u00b4":
        text = text.replace(mark, "'")
    return " ".join(_PUNCT.sub(" ", text).replace("'", "").split())


def _examples(block: str) -> List[str]:
    return [line.strip()[2:] for line in (block or "").splitlines() if line.strip().startswith("- ")]


def training_examples() -> Set[str]:
    """Every NLU example and every user text in stories and rules under data/."""
    found: Set[str] = set()
    for path in (ROOT / "data").rglob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in data.get("nlu") or []:
            found.update(normalise(e) for e in _examples(item.get("examples")))
        for story in (data.get("stories") or []) + (data.get("rules") or []):
            found.update(normalise(s["user"]) for s in story.get("steps") or [] if s.get("user"))
    found.discard("")
    return found


def _set_texts(path: Path) -> Set[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    texts: Set[str] = set()

    def walk(node) -> None:
        if isinstance(node, str):
            texts.add(normalise(node))
        elif isinstance(node, dict):
            if "text" in node:
                texts.add(normalise(node["text"]))
            else:
                for value in node.values():
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk({k: v for k, v in data.items() if k != "version"})
    return texts


def held_out_sentences() -> Dict[str, str]:
    """normalised -> original, for every held-out message (2+ words) and answer (3+ words)."""
    sentences: Dict[str, str] = {}
    for path in HELD_OUT_SETS.values():
        if path.exists():
            sentences.update(_sentences(load(path)))
    return sentences


def _sentences(data: Dict) -> Dict[str, str]:
    sentences: Dict[str, str] = {}
    for items in data["messages"].values():
        for item in items or []:
            text = text_of(item)
            if len(normalise(text).split()) >= 2:
                sentences[normalise(text)] = text
    for items in data["answers"].values():
        for text in items:
            if len(normalise(text).split()) >= 3:
                sentences[normalise(text)] = text
    return sentences


needs_held_out = pytest.mark.skipif(not any(p.exists() for p in HELD_OUT_SETS.values()), reason="held-out set missing")


@needs_held_out
def test_no_held_out_sentence_is_in_the_nlu_data():
    trained = training_examples()  # once: it reads every file under data/
    leaked = sorted(original for key, original in held_out_sentences().items() if key in trained)
    assert not leaked, f"held-out sentences in the NLU data: {leaked}"


@needs_held_out
def test_no_held_out_sentence_is_in_the_labelled_or_development_sets():
    tuned = set().union(*(_set_texts(p) for p in SETS))
    leaked = sorted(original for key, original in held_out_sentences().items() if key in tuned)
    assert not leaked, f"held-out sentences in the development sets: {leaked}"


@needs_held_out
def test_no_held_out_sentence_is_in_the_pattern_file():
    patterns = f" {normalise(PATTERNS.read_text(encoding='utf-8'))} "
    leaked = sorted(original for key, original in held_out_sentences().items() if f" {key} " in patterns)
    assert not leaked, f"held-out sentences written into the pattern file: {leaked}"


@needs_held_out
def test_no_held_out_sentence_is_in_the_risk_nets_examples():
    net = yaml.safe_load(NET_EXAMPLES.read_text(encoding="utf-8")) or {}
    examples = {normalise(t) for texts in (net.get("examples") or {}).values() for t in texts}
    leaked = sorted(original for key, original in held_out_sentences().items() if key in examples)
    assert not leaked, f"held-out sentences in resources/risk_net.yml: {leaked}"
    assert not any("heldout" in str(name) for name in net.get("learn_from") or []), "no held-out set to learn from"


# ---- live tests' inputs ------------------------------------------------------------------------


def _strings(node: ast.AST, names: Dict[str, ast.AST]) -> Iterable[str]:
    """String constants in an expression, following module-level names."""
    if isinstance(node, ast.Name) and node.id in names:
        yield from _strings(names[node.id], {k: v for k, v in names.items() if k != node.id})
        return
    if isinstance(node, ast.BinOp):
        yield from _strings(node.left, names)
        yield from _strings(node.right, names)
        return
    for child in ast.walk(node):
        if isinstance(child, ast.Constant) and isinstance(child.value, str):
            yield child.value
        elif isinstance(child, ast.Name) and child.id in names and child is not node:
            yield from _strings(child, {k: v for k, v in names.items() if k != child.id})


def button_titles() -> Set[str]:
    titles: Set[str] = set()
    for path in (ROOT / "domain").glob("*.yml"):
        for variants in ((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or {}).values():
            for variant in variants or []:
                titles.update(normalise(b.get("title") or "") for b in variant.get("buttons") or [])
    return titles


def _is_bot_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("say", "parse")


def _calls_bot(function: ast.AST) -> bool:
    return any(_is_bot_call(n) for n in ast.walk(function))


def live_test_inputs() -> Dict[str, str]:
    """normalised -> 'file: original' for every text a live test sends to the bot."""
    inputs: Dict[str, str] = {}
    titles = button_titles()
    for path in sorted(LIVE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {t.id: node.value for node in tree.body if isinstance(node, ast.Assign)
                 for t in node.targets if isinstance(t, ast.Name)}
        found: List[str] = []
        for node in ast.walk(tree):
            if _is_bot_call(node):
                found.extend(a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and _calls_bot(node):
                for decorator in node.decorator_list:
                    if isinstance(decorator, ast.Call) and getattr(decorator.func, "attr", "") == "parametrize":
                        for arg in decorator.args[1:]:
                            found.extend(_strings(arg, names))
        for text in found:
            key = normalise(text)
            if len(key.split()) >= 2 and not text.startswith("/") and key not in titles:
                inputs.setdefault(key, f"{path.name}: {text}")
    return inputs


# Scripted conversations played by tests/live/test_dialogue_live.py (ours and the held-out set).
DIALOGUE_SCRIPTS = [ROOT / "tests" / "data" / n for n in ("dialogue_scripts.yml", "dialogue_heldout.yml")]


def dialogue_script_inputs() -> Dict[str, str]:
    """normalised -> 'file: original' for every `say:` text of the dialogue scripts (2+ words)."""
    inputs: Dict[str, str] = {}
    for path in DIALOGUE_SCRIPTS:
        if not path.exists():
            continue
        for conversation in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("conversations") or []:
            for turn in conversation.get("turns") or []:
                text = str(turn.get("say") or "")
                key = normalise(text)
                if len(key.split()) >= 2 and not text.startswith("/"):
                    inputs.setdefault(key, f"{path.name}: {text}")
    return inputs


def test_the_dialogue_script_scan_finds_the_inputs():
    assert any(v.startswith("dialogue_scripts.yml") for v in dialogue_script_inputs().values())


def test_no_dialogue_script_sends_a_training_example():
    examples = training_examples()
    memorised = sorted(origin for key, origin in dialogue_script_inputs().items() if key in examples)
    assert not memorised, f"dialogue script inputs that are training examples or story texts: {memorised}"


def test_the_live_input_scan_finds_the_inputs():
    inputs = live_test_inputs()
    # A say() literal and a parametrized list, both known to be in tests/live.
    assert "i want to end my life" in inputs
    assert any(k.startswith("i poured bleach on my leg") for k in inputs)


def test_no_live_test_sends_a_training_example():
    examples = training_examples()
    memorised = sorted(origin for key, origin in live_test_inputs().items() if key in examples)
    assert not memorised, f"live test inputs that are NLU training examples: {memorised}"


# ---- test stories' typed text --------------------------------------------------------------------

STORIES = ROOT / "tests" / "stories"
_ANNOTATION = re.compile(r"\[([^\]]*)\](\([^)]*\)|\{[^}]*\}|\[[^\]]*\])")  # (risk:x), {...} or [{...}, {...}]


def story_inputs() -> Dict[str, str]:
    """normalised -> 'file: original' for every typed `user:` text of the test stories (2+ words).

    Entity marks ([words](risk:...)) are read as the words; payloads and button titles are left out, and so
    are the staff console's saved stories (tests/stories/staff/): they replay what a person really typed."""
    inputs: Dict[str, str] = {}
    titles = button_titles()
    for path in sorted(STORIES.glob("*.yml")):
        for story in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("stories") or []:
            for step in story.get("steps") or []:
                text = _ANNOTATION.sub(r"\1", str(step.get("user") or "")).strip()
                key = normalise(text)
                if len(key.split()) >= 2 and not text.startswith("/") and key not in titles:
                    inputs.setdefault(key, f"{path.relative_to(STORIES)}: {text}")
    return inputs


def test_the_story_scan_finds_typed_text_and_reads_entity_marks():
    inputs = story_inputs()
    assert "i want to kill myself so bad" in inputs  # written as [i want to kill myself so bad](risk:...)
    assert "i took way too many pills" in inputs  # written as [i took way too many pills][{...}, {...}]
    assert not any("suicidal_ideation" in key or "entity" in key for key in inputs)  # marks are not typed text


def test_no_test_story_types_a_training_example():
    """End-to-end stories (scripts/story_e2e.py) show how real wording is read only if the classifier
    never learnt that exact wording."""
    examples = training_examples()
    memorised = sorted(origin for key, origin in story_inputs().items() if key in examples)
    assert not memorised, f"test story texts that are NLU training examples: {memorised}"
