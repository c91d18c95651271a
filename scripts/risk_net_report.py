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
        net = risk_net.RiskNet([pool[i] for i in train], 0.5, concepts, meaning_weight=_meaning_weight(config))
        for i in test:
            scores[i] = net.score(pool[i][0]).imminent
    groups = _groups(pool, config)
    print(f"[{folds}-fold cross-validation on the training pool, net alone: "
          + ", ".join(f"{len(v)} {k}" for k, v in groups.items()) + "]")
    for t in THRESHOLDS:
        print(f"  threshold {t:.1f}: " + ", ".join(
            f"{k} raised {sum(scores[i] >= t for i in v) / len(v):.1%}" for k, v in groups.items()))


def _meaning_weight(config: Dict) -> float:
    return float((config.get("meaning") or {}).get("weight", 0.0))


def cross_source(threshold: float) -> None:
    """New wording, the closest thing to a held-out set that can be tuned on: learn from the development set
    and the NLU examples only, then score the net file's own examples (written separately, later, in other
    words). Counts only, pieces alone vs pieces + meaning, the patterns in front as in the bot."""
    config = yaml.safe_load(risk_net.DEFAULT_NET_PATH.read_text(encoding="utf-8"))
    concepts = risk_net.read_concepts(config)
    scored = [(text, label) for label, texts in config["examples"].items() for text in texts]
    own = {text for text, _ in scored}
    sources = {"learn_from": config.get("learn_from"), "learn_from_nlu": config.get("learn_from_nlu")}
    learn = [(text, label) for text, label in risk_net.read_examples(sources) if text not in own]
    print(f"[cross-source: learn from the development set + NLU ({len(learn)} lines), score the net file's "
          f"{len(scored)} examples, threshold {threshold}]")
    for name, weight in (("pieces alone", 0.0), ("pieces + meaning", _meaning_weight(config))):
        net = risk_net.RiskNet(learn, threshold, concepts, config.get("threshold_after_ideation"), weight)
        caught = raised = emergencies = ordinary = 0
        for text, label in scored:
            level = net.triage(text).level
            if label == risk_net.NOT_IMMINENT:
                ordinary += 1
                raised += level != "none"
            else:
                emergencies += 1
                caught += level == "imminent"
        print(f"  {name:<17} emergencies caught {caught}/{emergencies} ({caught / emergencies:.1%}), "
              f"look-alikes raised {raised}/{ordinary} ({raised / ordinary:.1%})")


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


def timing(net: risk_net.RiskNet, pieces_only: risk_net.RiskNet, texts: List[str]) -> Dict[str, float]:
    """ms per message for the patterns alone, the net on pieces alone, and the shipped net (pieces + meaning),
    taking turns over the same lines twice (the lowest of the two counts). The sentence vectors remembered in
    training are forgotten before each timed pass: a new message has none."""
    runs: Dict[str, List[float]] = {"patterns alone": [], "net, pieces alone": [], "net, pieces + meaning": []}
    fns = {"patterns alone": risk_rules.triage, "net, pieces alone": pieces_only.triage,
           "net, pieces + meaning": net.triage}
    for _ in range(2):
        for name, fn in fns.items():
            risk_net._VECTORS.clear()
            start = time.perf_counter()
            for text in texts:
                fn(text)
            runs[name].append((time.perf_counter() - start) * 1000 / len(texts))
    return {name: min(values) for name, values in runs.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    cross_validate(args.folds)
    cross_source(float(yaml.safe_load(risk_net.DEFAULT_NET_PATH.read_text(encoding="utf-8"))["threshold"]))
    start = time.perf_counter()
    net = risk_net.load_net()
    print(f"[net trained in {time.perf_counter() - start:.1f} s]")
    devtest(net)
    dev = load(DATA / "risk_levels.yml")["messages"]
    texts = [text_of(i) for items in dev.values() for i in items]
    random.Random(42).shuffle(texts)
    config = yaml.safe_load(risk_net.DEFAULT_NET_PATH.read_text(encoding="utf-8"))
    pieces_only = risk_net.RiskNet(risk_net.read_examples(config), net.threshold, risk_net.read_concepts(config),
                                   net.threshold_after_ideation, 0.0)
    times = timing(net, pieces_only, texts[:500])
    print(f"[time per message over {len(texts[:500])} development lines, taking turns: "
          + ", ".join(f"{name} {ms:.2f} ms" for name, ms in times.items()) + "]")


if __name__ == "__main__":
    main()
