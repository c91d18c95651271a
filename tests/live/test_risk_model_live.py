"""Crisis detection through the trained model (/model/parse): risk screen and classifier together.

`risk_labelled.yml` is the set the screen was developed against: it must be 100 % recall, <= 3 % false
positives. `risk_heldout.yml` was written independently and is never tuned line by line: its figures
are printed as the honest estimate for new wording, with a floor that catches regressions.
"""

from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parents[1] / "data"


def evaluate(bot, crisis, not_crisis):
    missed = [t for t in crisis if bot.parse(t)["intent"]["name"] != "crisis"]
    false_alarms = [t for t in not_crisis if bot.parse(t)["intent"]["name"] == "crisis"]
    recall = 1 - len(missed) / len(crisis)
    fp_rate = len(false_alarms) / len(not_crisis)
    return recall, fp_rate, missed, false_alarms


def report(name, recall, fp_rate, missed, false_alarms, n_crisis, n_other):
    print(f"\n[{name}] crisis recall {recall:.1%} ({n_crisis - len(missed)}/{n_crisis}); "
          f"false positives {fp_rate:.1%} ({len(false_alarms)}/{n_other})")
    for text in missed:
        print(f"  missed: {text}")
    for text in false_alarms:
        print(f"  false alarm: {text}")


def test_labelled_set_full_recall_and_few_false_positives_through_the_model(bot):
    data = yaml.safe_load((DATA / "risk_labelled.yml").read_text())
    crisis = [item["text"] for item in data["crisis"]]
    not_crisis = [item if isinstance(item, str) else item["text"] for item in data["not_crisis"]]
    recall, fp_rate, missed, false_alarms = evaluate(bot, crisis, not_crisis)
    report("labelled", recall, fp_rate, missed, false_alarms, len(crisis), len(not_crisis))
    assert recall == 1.0, missed
    assert fp_rate <= 0.03, false_alarms


def test_held_out_set_figures(bot):
    path = DATA / "risk_heldout.yml"
    if not path.exists():
        pytest.skip("no held-out set")
    data = yaml.safe_load(path.read_text())
    recall, fp_rate, missed, false_alarms = evaluate(bot, data["crisis"], data["not_crisis"])
    report("held-out", recall, fp_rate, missed, false_alarms, len(data["crisis"]), len(data["not_crisis"]))
    assert recall >= 0.95, "held-out crisis recall fell below 95 %"
    assert fp_rate <= 0.05
