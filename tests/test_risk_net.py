"""The second net for imminent danger and medical red flags (harmbot/risk/net.py), beside the patterns.

Figures on the dev-test set (tests/data/risk_net_devtest.yml: written before the net, only scored): run
`pytest -s tests/test_risk_net.py`. The inputs below are not training examples of the net (checked here).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from harmbot.risk import net as risk_net
from harmbot.risk import rules as risk_rules
from tests.risk_eval import DATA, evaluate_messages, load, report, text_of
from tests.test_risk_heldout_guard import normalise, training_examples

ROOT = Path(__file__).resolve().parent.parent
DEVTEST = DATA / "risk_net_devtest.yml"
NET_FILE = yaml.safe_load(risk_net.DEFAULT_NET_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def net() -> risk_net.RiskNet:
    return risk_net.load_net()


def _net_parse(net: risk_net.RiskNet):
    def parse(text: str) -> dict:
        result = net.triage(text)
        return {"risk_level": result.level, "risk_kind": result.kind}

    return parse


def _net_examples() -> set:
    return {normalise(t) for texts in NET_FILE["examples"].values() for t in texts}


# Wording the patterns miss (checked in the test), each a different kind of emergency.
PATTERNS_MISS = [
    ("i knocked back all my nan's tablets with gin an hour ago", "overdose"),
    ("got some wet cement stuck on my shin for hours and it's raw and weeping", "burn_chemical"),
]


@pytest.mark.parametrize("text, kind", PATTERNS_MISS)
def test_new_wording_the_patterns_miss_gets_the_emergency_reply(net, text, kind):
    assert risk_rules.triage(text).level != "imminent", "the patterns alone must miss this for the test to mean much"
    result = net.triage(text)
    assert (result.level, result.kind) == ("imminent", kind), result
    assert result.category == risk_net.NET_CATEGORY


@pytest.mark.parametrize(
    "text",
    [
        "my manager is going to murder me for this report",
        "does grapefruit juice mess with my sertraline",
        "i burned my finger a tiny bit on the toaster",
        "how can i be there for my cousin who self harms",
        "i'm going to the cliffs for a hike tomorrow",
        # Session 10 new-user run: a small burn made on purpose that blisters, and a cut that looks infected the
        # next day, got "call 911 now" from the net; they are first aid and a doctor soon.
        "burned myself w a lighter on purpose, its blistering",
        "i cut last night and its kinda red around it now",
    ],
)
def test_ordinary_look_alikes_stay_on_their_topic(net, text):
    assert net.triage(text).level == "none"


def test_the_net_never_lowers_or_redirects_what_the_patterns_decided(net):
    someone_else = "she said she's going to jump tonight"
    assert risk_rules.triage(someone_else).level == "third_party"
    assert net.triage(someone_else).level == "third_party", "someone else at risk keeps the helper reply"
    pattern = risk_rules.triage("i poured bleach on my arm and it burns")
    assert net.triage("i poured bleach on my arm and it burns") == pattern, "a pattern emergency keeps its kind"
    assert net.triage("i want to kill myself").level == "ideation"


def test_dev_test_figures_patterns_and_net(net):
    data = load(DEVTEST)["messages"]
    alone = evaluate_messages(data, lambda t: {"risk_level": risk_rules.triage(t).level})
    both = evaluate_messages(data, _net_parse(net))
    print("\n" + report("dev-test, patterns alone", alone, show_misses=0))
    print(report(f"dev-test, patterns + net (thresholds {net.threshold}, {net.threshold_after_ideation})", both))
    assert both["imminent"].right > alone["imminent"].right, "the net must add emergencies the patterns miss"
    # Floors at the first measurement of this configuration (README, "Measured"), to catch a broken net.
    assert both["imminent"].rate >= 0.85
    assert both["none"].rate - alone["none"].rate <= 0.03, "the net must not add more than 3 points of friction"


def test_the_dev_test_set_is_never_trained_on():
    devtest = {normalise(text_of(i)) for items in load(DEVTEST)["messages"].values() for i in items}
    sets = [DATA / "risk_levels.yml", DATA / "risk_labelled.yml", DATA / "risk_folded_heldout.yml"]
    trained = _net_examples() | training_examples()
    for path in sets:
        for items in (load(path)["messages"] or {}).values():
            trained.update(normalise(text_of(i)) for i in items)
    leaked = sorted(devtest & trained)
    assert not leaked, f"dev-test lines in training data: {leaked}"
    assert DEVTEST.name not in " ".join(NET_FILE.get("learn_from") or [])
    assert not any("heldout" in name for name in NET_FILE.get("learn_from") or [])


def test_triage3_check_set_figures_patterns_and_net(net):
    """The check set written before the triage3 round (README, "Measured"): 74/80 emergencies and 3/80
    look-alikes raised before it, 80/80 and 1/80 after. Floors catch a change that undoes the round."""
    data = load(DATA / "risk_levels_triage3_check.yml")["messages"]
    both = evaluate_messages(data, _net_parse(net))
    print("\n" + report("triage3 check set, patterns + net", both))
    assert both["imminent"].rate >= 0.97
    assert both["none"].rate <= 0.03


def test_the_triage3_check_set_is_never_trained_on():
    """tests/data/risk_levels_triage3_check.yml was written before the triage3 tuning round and kept aside:
    no line of it may be a net example, an NLU example or a line of a set the net learns from."""
    check_path = DATA / "risk_levels_triage3_check.yml"
    check = {normalise(text_of(i)) for items in load(check_path)["messages"].values() for i in items}
    trained = _net_examples() | training_examples()
    for name in NET_FILE.get("learn_from") or []:
        for items in (load(ROOT / name)["messages"] or {}).values():
            trained.update(normalise(text_of(i)) for i in items)
    assert len(check) >= 160
    assert not sorted(check & trained), "check-set lines in training data"
    assert check_path.name not in " ".join(NET_FILE.get("learn_from") or [])


def test_the_tests_own_inputs_are_not_net_examples():
    examples = _net_examples()
    inputs = [t for t, _ in PATTERNS_MISS] + ["she said she's going to jump tonight"]
    assert not [t for t in inputs if normalise(t) in examples]


def test_every_kind_the_net_can_give_has_its_own_reply(net, domain):
    missing = [k for k in net.kinds if f"utter_emergency_{k}" not in domain.responses]
    assert not missing, f"kinds without an emergency reply: {missing}"


def test_a_broken_example_file_is_refused_clearly(tmp_path):
    bad = tmp_path / "net.yml"
    bad.write_text("examples:\n  overdose: ['took them all']\n")
    with pytest.raises(risk_net.RiskNetError, match="not_imminent"):
        risk_net.RiskNet.from_file(bad)
    bad.write_text("examples:\n  overdose: 'took them all'\n")
    with pytest.raises(risk_net.RiskNetError, match="list of strings"):
        risk_net.RiskNet.from_file(bad)


def test_the_bot_still_screens_with_the_patterns_when_the_net_cannot_be_trained(tmp_path, caplog):
    from rasa.shared.nlu.training_data.message import Message

    from extensions.risk_screen import RiskScreen

    bad = tmp_path / "net.yml"
    bad.write_text("examples: {}\n")
    component = RiskScreen({**RiskScreen.get_default_config(), "net": str(bad)})
    assert component.net is None and "patterns alone" in caplog.text
    message = Message(data={"text": "i took a whole bottle of my sleeping pills", "intent": {"name": "medication"}})
    component.process([message])
    assert message.get("risk_level") == "imminent" and message.get("intent")["name"] == "crisis"


def test_an_example_is_never_its_own_nearest_neighbour_when_the_net_learns():
    """The net reads how close a message is to its nearest emergency and ordinary examples. While it learns,
    each example must skip itself, or "nearest emergency: 1.0" would teach it to trust a perfect match that a
    new message never has."""
    bank = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.8], [0.8, 0.6]])
    urgent = np.array([True, False, True, False])
    learning = risk_net.neighbour_features(bank, bank, urgent, leave_out_self=True)
    scoring = risk_net.neighbour_features(bank, bank, urgent, leave_out_self=False)
    assert scoring[0, 0] == pytest.approx(1.0), "an unseen copy of an example sits on it"
    assert learning[0, 0] == pytest.approx(0.6), "while learning, example 0's nearest emergency is example 2"
    assert learning[1, 1] == pytest.approx(0.6), "and example 1's nearest ordinary line is example 3"
    # Chunked like a long example list: the same rows as one piece.
    many = np.random.default_rng(0).normal(size=(2500, 8))
    many /= np.linalg.norm(many, axis=1, keepdims=True)
    flags = np.arange(2500) % 3 == 0
    whole = risk_net.neighbour_features(many, many, flags, leave_out_self=True)
    assert whole.shape == (2500, 5) and float(whole[:, 0].max()) < 0.999
