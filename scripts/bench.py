"""`make bench`: this project's config against Rasa's default config, side by side in one run.

Both models are trained on the same data, both servers run at the same time, and requests alternate
between them, so machine noise hits both alike. Prints training time and peak memory, cold start,
and p50/p95 latency for the HTTP floor (/version), NLU parse and full REST turns (sequential and with
10 concurrent conversations), crisis-turn latency quiet and while another client keeps sending
maximum-size messages, then the ratios against the targets.

A hung action server (SIGSTOP) is timed on the project config: the first turn that needs a custom action
waits the timeout (HARMBOT_ACTION_TIMEOUT); later turns only ask its /health (extensions/action_guard.py).
`--only-hung` measures just that, on the model in models/.

A second table shows what the dialogue layer costs (issue 10): the project's config against the same config
without DialoguePolicy, both playing the scripted multi-turn conversations of tests/data/dialogue_scripts.yml
with turns alternating between the two servers; per-turn p50/p95 and how many scored turns each got right.
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable, Dict, List

import requests
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extensions.request_limits import max_request_bytes  # noqa: E402
from tests import dialogue_eval  # noqa: E402
from tests.live.harness import BotServers  # noqa: E402

CONFIGS = {"project": ROOT / "config.yml", "rasa default": ROOT / "bench" / "default_config.yml"}
# The project's config without the dialogue layer; written into the bench's work directory at run time.
NO_DIALOGUE = "without dialogue layer"
DIALOGUE_POLICY = "extensions.dialogue_policy.DialoguePolicy"
CONVERSATION = [
    "hi",
    "what is harm reduction",
    "are you a bot",
    "i want to kill myself",
    "thanks",
    "is this private",
]


def train(config: Path, out: Path) -> Dict[str, float]:
    """Trains in a child process; returns seconds and the child's peak RSS in MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.monotonic()
    subprocess.run(
        [str(Path(sys.executable).parent / "rasa"), "train", "--config", str(config), "--domain", "domain",
         "--data", "data", "--out", str(out), "--fixed-model-name", "bench", "--force"],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    seconds = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss is the largest child so far: only meaningful if this child set a new maximum.
    return {"train_s": seconds, "train_peak_mb": peak / 1024 if peak > before else float("nan")}


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values: List[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def timed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def sequential(servers: Dict[str, BotServers], n: int, make_call) -> Dict[str, List[float]]:
    """Alternates requests between the servers, n per server."""
    results: Dict[str, List[float]] = {name: [] for name in servers}
    for i in range(n):
        for name, bot in servers.items():
            results[name].append(timed(make_call(bot, i)))
    return results


def concurrent(bot: BotServers, n: int, workers: int = 10) -> List[float]:
    senders = [f"bench-{uuid.uuid4().hex[:8]}" for _ in range(workers)]

    def conversation(worker: int) -> List[float]:
        latencies = []
        for i in range(n // workers):
            text = CONVERSATION[i % len(CONVERSATION)]
            latencies.append(timed(lambda text=text: bot.say(senders[worker], text)))
        return latencies

    with ThreadPoolExecutor(workers) as pool:
        return [x for chunk in pool.map(conversation, range(workers)) for x in chunk]


def max_size_message() -> str:
    """The longest message the REST channel takes: its JSON body just under the request size limit."""
    return ("I keep thinking about what harm reduction could mean for me. " * 2000)[: max_request_bytes() - 256]


def crisis_turns(bot: BotServers, n: int, load: bool) -> Dict[str, List[float]]:
    """Crisis-turn latency (a new conversation each), quiet or while another client sends max-size
    messages back to back; with load, also the latency of those messages."""
    stop, flood_latencies = threading.Event(), []

    def flood() -> None:
        text = max_size_message()
        while not stop.is_set():  # a new conversation each time, so a growing history doesn't add to it
            flood_latencies.append(timed(lambda: bot.say(f"bench-flood-{uuid.uuid4().hex[:8]}", text, timeout=120)))

    flooder = threading.Thread(target=flood, daemon=True)
    if load:
        flooder.start()
        time.sleep(0.5)  # the flood is under way before the first crisis message
    try:
        crisis = [timed(lambda: bot.say(f"bench-crisis-{uuid.uuid4().hex[:8]}", "i want to kill myself"))
                  for _ in range(n)]
    finally:
        stop.set()
        if load:
            flooder.join(120)
    return {"crisis": crisis, "flood": flood_latencies}


HUNG_TURNS = 6


def hung_action_server(bot: BotServers, turns: int = HUNG_TURNS) -> Dict[str, float]:
    """Latency of turns that call a custom action (the contact handoff) while the action server is stopped,
    then the first such turn after it resumes (it must not wait, and must answer in full again)."""
    sender = f"bench-hung-{uuid.uuid4().hex[:8]}"
    os.kill(bot.actions.pid, signal.SIGSTOP)
    try:
        times = [timed(lambda: bot.say(sender, "/contact_human", timeout=60)) for _ in range(turns)]
    finally:
        os.kill(bot.actions.pid, signal.SIGCONT)
    after = timed(lambda: bot.say(f"{sender}-after", "/contact_human"))
    return {"hung_first": times[0], "hung_later_p50": percentile(times[1:], 0.5),
            "hung_later_max": max(times[1:]), "hung_resumed": after}


def report_hung(figures: Dict[str, float]) -> None:
    timeout = os.environ.get("HARMBOT_ACTION_TIMEOUT", "3")
    first, later, most = figures["hung_first"], figures["hung_later_p50"], figures["hung_later_max"]
    print(f"\nHung action server (SIGSTOP), {HUNG_TURNS} turns that call a custom action, project config:")
    print(f"  first turn (waits the {timeout} s timeout)      {first:9.1f} ms")
    print(f"  later turns p50 / max                 {later:9.1f} / {most:.1f} ms")
    print(f"  later / first (x)                     {later / first:9.2f}")
    print(f"  first turn after it resumes           {figures['hung_resumed']:9.1f} ms")


def only_hung() -> int:
    models = sorted((ROOT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        print("No model in models/: run make train first.")
        return 1
    bot = BotServers(model=str(models[-1]))
    try:
        bot.start_actions()
        bot.start_rasa()
        bot.say("bench-warm", "hi")
        report_hung(hung_action_server(bot))
    finally:
        bot.stop()
    return 0


LONG_TURNS = 300
LONG_MESSAGES = ["hi", "what is harm reduction", "are you a bot", "is this private", "thanks",
                 "tell me about peer support", "menu"]


def long_conversation(servers: Dict[str, BotServers], turns: int = LONG_TURNS) -> Dict[str, Dict[str, float]]:
    """One sender, `turns` ordinary turns in one session, alternating between the servers (issue 15).

    Reports the p50 of turns 1-10 and of the last ten turns, and their ratio: how much slower a turn
    gets as a conversation grows (target for this project: <= 1.5).
    """
    print(f"long conversation: {turns} turns, one sender per config ...", flush=True)
    sender = f"bench-long-{uuid.uuid4().hex[:8]}"
    times = sequential(servers, turns, lambda bot, i: lambda: bot.say(sender, LONG_MESSAGES[i % len(LONG_MESSAGES)]))
    result = {}
    for name, values in times.items():
        first, last = statistics.median(values[:10]), statistics.median(values[-10:])
        result[name] = {"long_first_p50": first, "long_last_p50": last, "long_ratio": last / first}
    return result


def without_dialogue_policy(config: Path, out: Path) -> Path:
    """A copy of `config` without DialoguePolicy: same pipeline, same other policies."""
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    kept = [p for p in data["policies"] if p.get("name") != DIALOGUE_POLICY]
    if len(kept) == len(data["policies"]):
        raise SystemExit(f"{config} has no {DIALOGUE_POLICY}: nothing to compare")
    out.write_text(yaml.safe_dump({**data, "policies": kept}, sort_keys=False), encoding="utf-8")
    return out


def scripted_conversations(servers: Dict[str, BotServers], turns: int) -> Dict[str, Dict[str, float]]:
    """Plays the dialogue scripts on each server, conversation by conversation, alternating which server
    goes first, until each has taken at least `turns` turns. Returns per-turn p50/p95 and the scored
    turns passed (dialogue_eval's checks) per server."""
    conversations = dialogue_eval.load(dialogue_eval.SCRIPTS)
    per_pass = sum(len(c.get("turns") or []) for c in conversations)
    passes = max(1, -(-turns // per_pass))
    print(f"dialogue scripts: {len(conversations)} conversations, {passes} x {per_pass} turns per config ...",
          flush=True)
    latencies: Dict[str, List[float]] = {name: [] for name in servers}
    scores = {name: dialogue_eval.Result() for name in servers}
    for run in range(passes):
        for index, conversation in enumerate(conversations):
            order = list(servers) if (run + index) % 2 == 0 else list(reversed(servers))
            for name in order:
                bot, sink = servers[name], latencies[name]

                def say(sender: str, text: str, bot: BotServers = bot, sink: List[float] = sink):
                    started = time.perf_counter()
                    reply = bot.say(sender, text)
                    sink.append((time.perf_counter() - started) * 1000)
                    return reply

                result = dialogue_eval.run([conversation], say, f"bench-dlg-{uuid.uuid4().hex[:8]}")
                scores[name].scored += result.scored
                scores[name].passed += result.passed
    return {
        name: {"dlg_turn_p50": percentile(values, 0.5), "dlg_turn_p95": percentile(values, 0.95),
               "dlg_turns": len(values), "dlg_passed": scores[name].passed, "dlg_scored": scores[name].scored}
        for name, values in latencies.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=300)
    parser.add_argument("--only-hung", action="store_true", help="only the hung-action-server figures")
    args = parser.parse_args()
    if args.only_hung:
        return only_hung()
    n = args.turns
    work = Path(tempfile.mkdtemp(prefix="harmbot-bench-"))
    configs = {**CONFIGS, NO_DIALOGUE: without_dialogue_policy(CONFIGS["project"], work / "no_dialogue.yml")}
    figures: Dict[str, Dict[str, float]] = {name: {} for name in configs}
    servers: Dict[str, BotServers] = {}  # the two configs of the main table
    no_dialogue = None

    for name, config in configs.items():
        print(f"training {name} ...", flush=True)
        figures[name].update(train(config, work / name.replace(" ", "_")))

    try:
        for name in configs:
            bot = BotServers(model=str(work / name.replace(" ", "_") / "bench.tar.gz"))
            if name == NO_DIALOGUE:
                no_dialogue = bot
            else:
                servers[name] = bot
            bot.start_actions()
            figures[name]["cold_start_s"] = bot.start_rasa()

        print(f"measuring {n} requests per kind and config ...", flush=True)
        floors = sequential(servers, n, lambda bot, i: lambda: requests.get(f"{bot.url}/version", timeout=30))
        parses = sequential(
            servers, n, lambda bot, i: lambda: bot.parse(CONVERSATION[i % len(CONVERSATION)])
        )
        senders = [f"bench-{uuid.uuid4().hex[:8]}" for _ in range(n // len(CONVERSATION) + 1)]
        turns = sequential(
            servers, n,
            lambda bot, i: lambda: bot.say(senders[i // len(CONVERSATION)], CONVERSATION[i % len(CONVERSATION)]),
        )
        figures_long = long_conversation(servers)
        for name, bot in servers.items():
            figures[name].update(figures_long[name])
            for label, values in (("version", floors[name]), ("parse", parses[name]), ("turn", turns[name]),
                                  ("turn_10x", concurrent(bot, n))):
                figures[name][f"{label}_p50"] = percentile(values, 0.5)
                figures[name][f"{label}_p95"] = percentile(values, 0.95)
            crisis_n = max(10, n // 5)
            quiet, loaded = crisis_turns(bot, crisis_n, load=False), crisis_turns(bot, crisis_n, load=True)
            for label, values in (("crisis_quiet", quiet["crisis"]), ("crisis_loaded", loaded["crisis"]),
                                  ("max_size", loaded["flood"])):
                figures[name][f"{label}_p50"] = percentile(values, 0.5)
                figures[name][f"{label}_p95"] = percentile(values, 0.95)
            figures[name]["server_peak_mb"] = peak_rss_mb(bot.rasa.pid)
        hung = hung_action_server(servers["project"])
        dialogue = scripted_conversations({"project": servers["project"], NO_DIALOGUE: no_dialogue}, n)
        for name, values in dialogue.items():
            figures[name].update(values)
        figures[NO_DIALOGUE]["server_peak_mb"] = peak_rss_mb(no_dialogue.rasa.pid)
    finally:
        for bot in [*servers.values(), *([no_dialogue] if no_dialogue else [])]:
            bot.stop()

    report(figures, n)
    report_hung(hung)
    report_dialogue(figures)
    return 0


def report(figures: Dict[str, Dict[str, float]], n: int) -> None:
    ours, base = figures["project"], figures["rasa default"]
    rows = [
        ("training time (s)", "train_s"), ("training peak RSS (MB)", "train_peak_mb"),
        ("cold start to /status (s)", "cold_start_s"), ("server peak RSS (MB)", "server_peak_mb"),
        ("/version p50 (ms) [HTTP floor]", "version_p50"), ("/version p95 (ms)", "version_p95"),
        ("/model/parse p50 (ms)", "parse_p50"), ("/model/parse p95 (ms)", "parse_p95"),
        ("REST turn p50 (ms)", "turn_p50"), ("REST turn p95 (ms)", "turn_p95"),
        ("REST turn, 10 concurrent p50 (ms)", "turn_10x_p50"), ("REST turn, 10 concurrent p95 (ms)", "turn_10x_p95"),
        ("crisis turn, quiet p50 (ms)", "crisis_quiet_p50"), ("crisis turn, quiet p95 (ms)", "crisis_quiet_p95"),
        ("crisis turn, max-size flood p50 (ms)", "crisis_loaded_p50"),
        ("crisis turn, max-size flood p95 (ms)", "crisis_loaded_p95"),
        ("max-size message turn p50 (ms)", "max_size_p50"),
        ("long conversation: turns 1-10 p50 (ms)", "long_first_p50"),
        (f"  turns {LONG_TURNS - 9}-{LONG_TURNS} p50 (ms)", "long_last_p50"),
        ("  last / first (x)", "long_ratio"),
    ]
    print(f"\nBenchmark: {n} requests per row and config; requests alternate between the two servers.\n")
    print(f"{'':38}{'project':>12}{'rasa default':>14}{'ratio':>9}")
    for label, key in rows:
        ratio = ours[key] / base[key] if base[key] else float("nan")
        print(f"{label:38}{ours[key]:12.1f}{base[key]:14.1f}{ratio:9.2f}")
    print("\nTargets (project config):")
    checks = [
        ("turn p95 <= 0.5 x default", ours["turn_p95"] <= 0.5 * base["turn_p95"]),
        ("turn p95 (10 concurrent) <= 0.5 x default", ours["turn_10x_p95"] <= 0.5 * base["turn_10x_p95"]),
        ("cold start <= 15 s", ours["cold_start_s"] <= 15),
        ("full training <= 60 s", ours["train_s"] <= 60),
        ("long conversation: turns 291-300 p50 <= 1.5 x turns 1-10", ours["long_ratio"] <= 1.5),
    ]
    for label, ok in checks:
        print(f"  {'met ' if ok else 'MISSED'}  {label}")
    print(f"\nMax-size message: {max_request_bytes() // 1024} KiB request body, cut to the message cap; crisis turns "
          f"{max(10, n // 5)} per condition.")
    print(f"\nMedian of the HTTP floor: {statistics.median([ours['version_p50'], base['version_p50']]):.1f} ms")


def report_dialogue(figures: Dict[str, Dict[str, float]]) -> None:
    """The dialogue layer's cost, side by side: this config against this config without DialoguePolicy."""
    ours, bare = figures["project"], figures[NO_DIALOGUE]
    print(f"\nDialogue layer (issue 10): {int(ours['dlg_turns'])} turns per config of the scripted conversations "
          f"(tests/data/dialogue_scripts.yml), conversations alternating between the two servers.\n")
    print(f"{'':38}{'project':>12}{'no DialoguePolicy':>19}{'ratio':>9}")
    for label, key in (("scripted turn p50 (ms)", "dlg_turn_p50"), ("scripted turn p95 (ms)", "dlg_turn_p95"),
                       ("training time (s)", "train_s"), ("cold start to /status (s)", "cold_start_s"),
                       ("server peak RSS (MB)", "server_peak_mb")):
        ratio = ours[key] / bare[key] if bare[key] else float("nan")
        print(f"{label:38}{ours[key]:12.1f}{bare[key]:19.1f}{ratio:9.2f}")
    print(f"{'scripted turns passing their checks':38}"
          f"{int(ours['dlg_passed']):>7}/{int(ours['dlg_scored']):<4}"
          f"{int(bare['dlg_passed']):>14}/{int(bare['dlg_scored']):<4}")


if __name__ == "__main__":
    sys.exit(main())
