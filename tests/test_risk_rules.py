"""The deterministic risk screen: crisis messages are caught, idioms and negations are not.

Run `pytest -s tests/test_risk_rules.py` to see recall and false-positive figures on the labelled set.
"""

from __future__ import annotations

import re
import statistics
import time
from collections import Counter
from pathlib import Path

import pytest
import yaml

from harmbot.risk import rules as risk_rules
from harmbot.risk.rules import RiskHit, RiskPatternError, RiskPatterns

ROOT = Path(__file__).resolve().parent.parent
LABELLED = yaml.safe_load((ROOT / "tests" / "data" / "risk_labelled.yml").read_text(encoding="utf-8"))
PATTERNS = yaml.safe_load((ROOT / "resources" / "risk_patterns.yml").read_text(encoding="utf-8"))
CATEGORY_ORDER = [
    "past_event",
    "overdose",
    "bleeding_or_shock",
    "burn_chemical",
    "burn_electrical",
    "burn_severe",
    "vomiting_blood",
    "heart",
    "fainting",
    "confusion",
    "spanish_emergency",
    "past_ideation",
    "someone_else_not_me",
    "someone_else",
    "act_underway",
    "plan_means",
    "plan_or_preparation",
    "lethality_question",
    "privacy_question",
    "suicidal_ideation",
    "passive_ideation",
    "spanish_someone_else",
    "spanish",
    "help_question",
    "helping_someone",
    "self_injury",
    "figure_of_speech",
    "risk_signal",
]
# Categories the old labelled set (tests/data/risk_labelled.yml) was written against.
LABELLED_CATEGORIES = {
    "overdose", "bleeding_or_shock", "someone_else", "plan_or_preparation", "lethality_question",
    "suicidal_ideation", "passive_ideation", "spanish", "spanish_emergency", "spanish_someone_else",
}
LEVEL_RANK = {"imminent": 0, "ideation": 1, "third_party": 1, "signal": 2, "none": 3}
CATEGORY_LEVEL = {c["id"]: c["level"] for c in PATTERNS["categories"]}


@pytest.fixture(scope="module")
def screen() -> RiskPatterns:
    return RiskPatterns.from_file()


def _flag(screen: RiskPatterns, text: str):
    hit = screen.screen(text)
    return hit.category if hit else None


def _same_or_more_urgent(screen: RiskPatterns, text: str, category: str) -> bool:
    """Flagged with the expected category, or by a category of a more urgent level (an emergency
    category added later may take a message that used to get the crisis reply, never the reverse)."""
    hit = screen.screen(text)
    if hit is None:
        return False
    if hit.category == category:
        return True
    return LEVEL_RANK[hit.level] < LEVEL_RANK[CATEGORY_LEVEL[category]] or (
        hit.level == "imminent" and CATEGORY_LEVEL[category] == "imminent"
    )


def _burden_question(screen: RiskPatterns, text: str, category: str) -> bool:
    """Session 10: feeling a burden with no wish to die said is a risk signal (the product brief; every
    independent held-out writer labelled it so). It gets the direct question, which carries 911 and 988,
    instead of the full crisis reply. Lines of this older set labelled passive ideation for a burden alone
    count as reached when they get the question; any other line must still get a crisis level. Session 13: so
    is giving up ("i'm so tired of everything"), which the brief lists with the risk signals."""
    return (
        category == "passive_ideation"
        and re.search(r"burden|tired of (everything|it all|fighting)", text.lower()) is not None
        and screen.triage(text).level == "signal"
    )


# ---- per category (labelled set) ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, category",
    [(e["text"], e["category"]) for e in LABELLED["crisis"]],
    ids=[f"{e['category']}: {e['text'][:40]}" for e in LABELLED["crisis"]],
)
def test_crisis_message_is_flagged_with_its_category(screen, text, category):
    assert _same_or_more_urgent(screen, text, category) or _burden_question(screen, text, category), _flag(screen, text)


@pytest.mark.parametrize("text", LABELLED["not_crisis"])
def test_everyday_message_is_not_flagged(screen, text):
    assert screen.screen(text) is None


def test_labelled_set_full_recall_and_few_false_positives(screen):
    crisis, calm = LABELLED["crisis"], LABELLED["not_crisis"]
    assert len(crisis) >= 170 and len(calm) >= 130
    caught = [e for e in crisis if screen.screen(e["text"]) or _burden_question(screen, e["text"], e["category"])]
    asked = sum(_burden_question(screen, e["text"], e["category"]) for e in crisis)
    right_category = [e for e in crisis if _same_or_more_urgent(screen, e["text"], e["category"])]
    false_pos = [t for t in calm if screen.screen(t)]
    recall = len(caught) / len(crisis)
    fp_rate = len(false_pos) / len(calm)
    per_category = Counter(e["category"] for e in crisis)
    print(
        f"\nrisk screen on tests/data/risk_labelled.yml: recall {recall:.1%} ({len(caught)}/{len(crisis)}), "
        f"category agreement {len(right_category)}/{len(crisis)}, "
        f"false positives {fp_rate:.1%} ({len(false_pos)}/{len(calm)}); a burden alone gets the question: {asked}"
    )
    print("crisis examples per category: " + ", ".join(f"{c} {n}" for c, n in sorted(per_category.items())))
    missed = [e["text"] for e in crisis if e not in caught]
    assert recall == 1.0, f"missed: {missed}"
    assert fp_rate <= 0.03, f"false positives: {false_pos}"


def test_every_category_has_labelled_examples():
    per_category = Counter(e["category"] for e in LABELLED["crisis"])
    assert set(per_category) <= LABELLED_CATEGORIES
    assert min(n for c, n in per_category.items() if not c.startswith("spanish_")) >= 10


def test_labelled_set_does_not_copy_training_examples(screen):
    nlu = yaml.safe_load((ROOT / "data" / "nlu" / "crisis.yml").read_text(encoding="utf-8"))
    [block] = [b for b in nlu["nlu"] if b.get("intent") == "crisis"]
    training = [line[2:].strip() for line in block["examples"].splitlines() if line.startswith("- ")]
    assert len(training) >= 130
    training_forms = {screen.normalise(t) for t in training}
    labelled = [e["text"] for e in LABELLED["crisis"]] + LABELLED["not_crisis"]
    assert [t for t in labelled if screen.normalise(t) in training_forms] == []


# ---- negations and idioms ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I'm not suicidal",
        "I don't want to kill myself",
        "I would never kill myself",
        "this homework is killing me",
        "I'd die for pizza",
        "dying to see that movie",
        "killing it at work",
        "I cut my finger cooking",
        "my phone died",
        "I could kill my brother lol (he ate my fries)",
        "to die for",
        "the suspense is killing me",
        "i do not want to die",
        "i have no intention of killing myself",
        "i'm not thinking about suicide at all",
        "not going to kill myself, relax",
        "i want to die of embarrassment lol",
        "suicide squad was a good movie",
    ],
)
def test_negations_and_idioms_are_not_crisis(screen, text):
    assert screen.screen(text) is None


@pytest.mark.parametrize(
    "text, category",
    [
        ("I don't want to live anymore", "suicidal_ideation"),
        ("I can't go on", "passive_ideation"),
        ("I'm not ok, I want to die", "suicidal_ideation"),
        ("im not ok i want to die", "suicidal_ideation"),
        ("i'm trying not to kill myself", "suicidal_ideation"),
        ("i cut so i don't kill myself", "suicidal_ideation"),
        ("i can't promise i won't kill myself", "suicidal_ideation"),
        ("i didn't mean to take that many pills", "overdose"),
        ("no. i want to die", "suicidal_ideation"),
    ],
)
def test_negation_words_that_do_not_negate_the_risk_still_fire(screen, text, category):
    assert _flag(screen, text) == category


# ---- self-injury and medication without suicidal content ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I want to cut",
        "I have the urge to self harm",
        "I cut myself last night",
        "I burned myself",
        "how do I clean a cut",
        "my cuts are healing",
        "I relapsed and cut",
        "i want to hurt myself",
        "the cut stopped bleeding",
    ],
)
def test_self_injury_without_suicidal_content_goes_to_harm_reduction(screen, text):
    assert screen.screen(text) is None


def test_a_cut_that_will_not_stop_bleeding_is_a_crisis(screen):
    assert _flag(screen, "I cut too deep and it won't stop bleeding") == "bleeding_or_shock"


@pytest.mark.parametrize(
    "text",
    ["can I stop my meds", "my antidepressant makes me sleepy", "I missed a dose", "how many pills a day"],
)
def test_medication_questions_are_not_crisis(screen, text):
    assert screen.screen(text) is None


@pytest.mark.parametrize(
    "text",
    ["how many of my pills would it take", "what happens if I take all my pills", "lethal dose of xanax"],
)
def test_lethality_shaped_medication_questions_are_crisis(screen, text):
    assert _same_or_more_urgent(screen, text, "lethality_question")


# ---- slang, misspellings, missing apostrophes --------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("I dont want to DIIIIE", "i don't want to die"),
        ("i cant go on", "i can't go on"),
        ("im done", "i'm done"),
        ("i wont", "i won't"),
        ("ive tried", "i've tried"),
        ("I\u2019m fine", "i'm fine"),
        ("i wanna kil my self", "i want to kill myself"),
        ("im gonna do it rn", "i'm going to do it right now"),
        ("u r better off w/o me", "you are better off without me"),
        ("ur joking", "your joking"),
        ("i feel sucide", "i feel suicide"),
        ("suicde", "suicide"),
        ("suiside", "suicide"),
        ("suicidle", "suicidal"),
        ("killlll", "kill"),
        ("soooo", "so"),
        ("id rather die", "i'd rather die"),
        ("my id card", "my id card"),
        ("ill kill myself", "i'll kill myself"),
        ("i feel ill", "i feel ill"),
        ("ran 5 kms", "ran 5 kms"),
        ("kms", "kill myself"),
        ("i do not want", "i don't want"),
        ("I cannot", "i can't"),
        ("k1ll mys3lf", "kill myself"),
        ("2nite's the nite", "tonight's the night"),
        ("tomé pastillas mañana", "tome pastillas mañana"),
        ("i'm dead 😂", "i'm dead"),
        ("💊", "pills"),
        ("I'm so tired... i want to die", "i'm so tired i want to die"),
    ],
)
def test_normalise_repairs_texting_style(raw, expected):
    assert risk_rules.normalise(raw) == expected


@pytest.mark.parametrize(
    "text",
    [
        "i wanna kms",
        "i want to kil myself",
        "im gonna kill my self tonite",
        "i feel sucidal",
        "suiside is all i think about",
        "i dont wanna be alive anymore",
        "i cant go on",
        "u would b better off without me",
        "I WANT TO DIE",
        "i want 2 die",
        "i want to diee",
        "i wanna diiiie",
        "i want to unalive myself",
        "thinking about sewerslide",
        "k1ll mys3lf",
        "i took 2 many pills",
        "i odd on my meds",
        "i feel suicidle",
    ],
)
def test_slang_misspellings_and_missing_apostrophes_still_fire(screen, text):
    assert screen.screen(text) is not None


# ---- Spanish -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "quiero morir",
        "me quiero matar",
        "quiero suicidarme",
        "no quiero vivir",
        "tomé muchas pastillas",
        "pienso en quitarme la vida",
        "Me quiero morir ya",
        "no aguanto mas",
    ],
)
def test_basic_spanish_crisis_messages_fire(screen, text):
    assert _same_or_more_urgent(screen, text, "spanish")


@pytest.mark.parametrize("text", ["no quiero morir", "me muero de risa", "me voy a matar estudiando", "hola"])
def test_spanish_negations_and_idioms_do_not_fire(screen, text):
    assert screen.screen(text) is None


# ---- the pattern file --------------------------------------------------------------------------


def test_pattern_file_has_the_agreed_categories_in_priority_order():
    assert [c["id"] for c in PATTERNS["categories"]] == CATEGORY_ORDER


def test_every_category_has_a_description_and_patterns_that_compile(screen):
    macros = screen._macros(PATTERNS)
    for category in PATTERNS["categories"]:
        assert category["description"].strip(), category["id"]
        assert category["patterns"], category["id"]
        for item in category["patterns"] + category.get("unless", []):
            for source in item["all"] if isinstance(item, dict) else [item]:
                assert source == source.lower(), source
                screen._compile(source, macros, category["id"])  # raises on an unknown list or bad regex
    for rule in PATTERNS["normalisation"]["rewrites"]:
        re.compile(rule["from"])
    for source in PATTERNS["negation"]["not_negating"]:
        re.compile(source)


def test_a_broken_pattern_file_is_rejected(tmp_path):
    bad = dict(PATTERNS, categories=[{"id": "x", "description": "d", "patterns": ["(unclosed"]}])
    path = tmp_path / "bad.yml"
    path.write_text(yaml.safe_dump(bad), encoding="utf-8")
    with pytest.raises(RiskPatternError):
        RiskPatterns.from_file(path)
    unknown_list = dict(PATTERNS, categories=[{"id": "x", "description": "d", "patterns": ["{nope} pills"]}])
    path.write_text(yaml.safe_dump(unknown_list), encoding="utf-8")
    with pytest.raises(RiskPatternError):
        RiskPatterns.from_file(path)
    no_description = dict(PATTERNS, categories=[{"id": "x", "patterns": ["pills"]}])
    path.write_text(yaml.safe_dump(no_description), encoding="utf-8")
    with pytest.raises(RiskPatternError):
        RiskPatterns.from_file(path)


def test_module_api_loads_the_default_file_and_returns_a_frozen_hit():
    loaded = risk_rules.load_patterns()
    assert isinstance(loaded, RiskPatterns)
    hit = risk_rules.screen("i want to end my life")
    assert isinstance(hit, RiskHit) and hit.category == "suicidal_ideation" and hit.pattern
    with pytest.raises(AttributeError):
        hit.category = "other"  # type: ignore[misc]
    assert risk_rules.screen("") is None
    assert risk_rules.screen("   ") is None


# ---- speed -------------------------------------------------------------------------------------

ADVERSARIAL = [
    "how many " * 250,
    "a" * 2000,
    "kill my " * 250,
    "i don't " * 250,
    "wish i was " * 190,
    "bleeding " * 230,
    "how many pills " * 140,
    "my friend she he they " * 95,
    "can't " * 340,
    "so i don't " * 190,
    "i" * 2000,
    "took all of my " * 140,
    "what happens if i take " * 90,
    "how deep " * 230,
    "suicidee " * 230,
    "'" * 2000,
    ". " * 1000,
    "💊" * 2000,
    "k1ll " * 400,
    "not " * 500,
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=[t[:12] for t in ADVERSARIAL])
def test_a_2000_character_adversarial_message_does_not_hang_the_screen(screen, text):
    # A hang guard, not a speed target (make bench prints the screen's speed): catastrophic regex
    # backtracking takes seconds to forever; a normal screen takes well under a millisecond, so 1 s only
    # fails on a real hang, never on a busy machine.
    text = text[:2000]
    start = time.perf_counter()
    screen.screen(text)
    assert time.perf_counter() - start < 1.0


def test_a_typical_message_screens_well_under_a_millisecond(screen):
    message = (
        "honestly today was rough, work ran late and my boss yelled at me again. i feel flat and my meds "
        "make me sleepy, not sure if i should keep taking them. anyway how do i look after a burn tbh"
    )[:200]
    screen.screen(message)
    timings = []
    for i in range(200):
        start = time.perf_counter()
        screen.screen(message + str(i))  # a new message each time, so nothing is cached
        timings.append(time.perf_counter() - start)
    median = statistics.median(timings)
    print(f"\nmedian screen time for a 200-character message: {median * 1000:.3f} ms")
    # A hang guard only (the speed is make bench's job): typically well under 1 ms.
    assert median < 0.1
