"""Figures for the second risk net (harmbot/risk/net.py): cross-validated on its own training pool, then
on the dev-test set (tests/data/risk_net_devtest.yml, scored only), patterns alone vs patterns + net, and
the time per message with and without the net. Never reads a held-out set.

    source scripts/common.sh && python scripts/risk_net_report.py [--folds 5]
"""

from __future__ import annotations

import argparse
import random
import time
from typing import Dict, List, Tuple

import yaml
from sklearn.model_selection import StratifiedKFold

from harmbot.risk import net as risk_net
from harmbot.risk import rules as risk_rules
from tests.risk_eval import DATA, evaluate_messages, load, report, text_of

DEVTEST = DATA / "risk_net_devtest.yml"
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def cross_validate(folds: int) -> None:
    """Out-of-fold imminence per threshold: recall on emergencies, friction on look-alikes (net alone)."""
    config = yaml.safe_load(risk_net.DEFAULT_NET_PATH.read_text(encoding="utf-8"))
    pool = risk_net.read_examples(config)
    concepts = risk_net.read_concepts(config)
    labels = [label != risk_net.NOT_IMMINENT for _, label in pool]
    scores = [0.0] * len(pool)
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=42).split(pool, labels):
        net = risk_net.RiskNet([pool[i] for i in train], 0.5, concepts)
        for i in test:
            scores[i] = net.score(pool[i][0]).imminent
    groups = _groups(pool, config)
    print(f"[{folds}-fold cross-validation on the training pool, net alone: "
          + ", ".join(f"{len(v)} {k}" for k, v in groups.items()) + "]")
    for t in THRESHOLDS:
        print(f"  threshold {t:.1f}: " + ", ".join(
            f"{k} raised {sum(scores[i] >= t for i in v) / len(v):.1%}" for k, v in groups.items()))


def _groups(pool: List[Tuple[str, str]], config: Dict) -> Dict[str, List[int]]:
    """Indices of the pool by where a line comes from: emergencies, look-alikes, other risk levels, NLU."""
    dev = load(DATA / "risk_levels.yml")["messages"]
    level = {text_of(i): name for name, items in dev.items() for i in items}
    own = {t for t in (config.get("examples") or {}).get(risk_net.NOT_IMMINENT) or []}
    groups: Dict[str, List[int]] = {"emergencies": [], "look-alikes": [], "ideation/signal/someone else": [],
                                    "NLU examples": []}
    for i, (text, label) in enumerate(pool):
        if label != risk_net.NOT_IMMINENT:
            groups["emergencies"].append(i)
        elif text in own or level.get(text) == "none":
            groups["look-alikes"].append(i)
        elif text in level:
            groups["ideation/signal/someone else"].append(i)
        else:
            groups["NLU examples"].append(i)
    return groups


def devtest(net: risk_net.RiskNet) -> None:
    data = load(DEVTEST)

    def with_patterns(text: str) -> Dict:
        result = risk_rules.triage(text)
        return {"risk_level": result.level, "risk_kind": result.kind}

    def with_net(text: str) -> Dict:
        result = net.triage(text)
        return {"risk_level": result.level, "risk_kind": result.kind}

    print(report("dev-test, patterns alone", evaluate_messages(data["messages"], with_patterns), show_misses=0))
    print(report(f"dev-test, patterns + net at {net.threshold}", evaluate_messages(data["messages"], with_net),
                 show_misses=100))
    chosen = net.threshold
    for t in THRESHOLDS + (0.85, 0.95):
        net.threshold = t
        r = evaluate_messages(data["messages"], with_net)
        print(f"  threshold {t:.2f}: imminent {r['imminent'].right}/{r['imminent'].total}, "
              f"friction {r['none'].right}/{r['none'].total}")
    net.threshold = chosen


def timing(net: risk_net.RiskNet, texts: List[str]) -> Tuple[float, float]:
    """Median-free simple mean, ms per message, patterns alone vs patterns + net, each run twice."""
    best = []
    for fn in (risk_rules.triage, net.triage, risk_rules.triage, net.triage):
        start = time.perf_counter()
        for text in texts:
            fn(text)
        best.append((time.perf_counter() - start) * 1000 / len(texts))
    return min(best[0], best[2]), min(best[1], best[3])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    cross_validate(args.folds)
    start = time.perf_counter()
    net = risk_net.load_net()
    print(f"[net trained in {time.perf_counter() - start:.1f} s]")
    devtest(net)
    dev = load(DATA / "risk_levels.yml")["messages"]
    texts = [text_of(i) for items in dev.values() for i in items]
    random.Random(42).shuffle(texts)
    alone, both = timing(net, texts[:500])
    print(f"[time per message over {len(texts[:500])} development lines: patterns alone {alone:.2f} ms, "
          f"patterns + net {both:.2f} ms]")


if __name__ == "__main__":
    main()
