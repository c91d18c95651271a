"""Crisis detection through the trained model (/model/parse): risk screen and classifier together.

Intent `crisis` (full crisis reply) comes from the deterministic screen; `risk_check` (a direct question
with 988/911 in view) from the classifier when the screen is silent. `risk_labelled.yml` is the set the
screen was developed against: 100 % crisis recall and <= 3 % false crisis replies. `risk_heldout.yml` was
written independently and is never tuned line by line: its figures are the honest estimate for new
wording, with floors that catch regressions.
"""

from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parents[1] / "data"


def classify(bot, texts):
    return {t: bot.parse(t)["intent"]["name"] for t in texts}


def report(name, crisis, not_crisis):
    n, m = len(crisis), len(not_crisis)
    full = sum(v == "crisis" for v in crisis.values())
    asked = sum(v == "risk_check" for v in crisis.values())
    false_full = [t for t, v in not_crisis.items() if v == "crisis"]
    false_asked = [t for t, v in not_crisis.items() if v == "risk_check"]
    missed = [t for t, v in crisis.items() if v not in ("crisis", "risk_check")]
    print(f"\n[{name}] crisis messages: full crisis reply {full}/{n} ({full / n:.1%}), check-in question "
          f"{asked}/{n}, reached 988/911 {full + asked}/{n} ({(full + asked) / n:.1%}), missed {len(missed)}")
    print(f"[{name}] other messages: false crisis reply {len(false_full)}/{m} ({len(false_full) / m:.1%}), "
          f"check-in question {len(false_asked)}/{m} ({len(false_asked) / m:.1%})")
    for text in missed:
        print(f"  missed: {text}")
    for text in false_full:
        print(f"  false crisis reply: {text}")
    return full / n, (full + asked) / n, len(false_full) / m


def test_labelled_set_full_recall_and_few_false_crisis_replies_through_the_model(bot):
    data = yaml.safe_load((DATA / "risk_labelled.yml").read_text())
    crisis = classify(bot, [item["text"] for item in data["crisis"]])
    not_crisis = classify(bot, [item if isinstance(item, str) else item["text"] for item in data["not_crisis"]])
    recall, _, false_rate = report("labelled", crisis, not_crisis)
    assert recall == 1.0
    assert false_rate <= 0.03


def test_held_out_set_figures(bot):
    data = yaml.safe_load((DATA / "risk_heldout.yml").read_text())
    crisis = classify(bot, data["crisis"])
    not_crisis = classify(bot, data["not_crisis"])
    _, reached, false_rate = report("held-out", crisis, not_crisis)
    assert reached >= 0.80, "fewer than 80 % of held-out crisis messages reached 988/911"
    assert false_rate <= 0.03
