"""Risk-level evaluation: reads a level set (tests/data/risk_levels*.yml), classifies every message with a
`parse(text) -> dict` function (the trained model's /model/parse), and reports per level.

Used by tests/live/test_risk_levels_live.py (the model through a real server) and reusable against any
model, e.g. an older one for before/after figures. A parse output without `risk_level` (a model from
before the risk levels) is read from its intent: `crisis` is the crisis reply (the emergency reply when
its `risk` category was overdose or bleeding), `risk_check` the question.

What counts as right, per level (issue 11):
- imminent: the emergency reply (level imminent); the kind is reported, not required to match;
- ideation: the crisis reply or the emergency reply;
- signal: at least the direct question (the question, the crisis or the emergency reply);
- third_party: the helper reply (level third_party), or for someone in danger now also the emergency reply;
- none: friction is any question or crisis reply (any level other than none).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import yaml

DATA = Path(__file__).resolve().parent / "data"
DEV_SET = DATA / "risk_levels.yml"
# The held-out sets: never tuned on, only counts are ever printed.
HELD_OUT_SETS = {
    # Written in session 9 (2026-12-01) by an independent writer who read only the product brief and the
    # clinical facts, at the start of the session; 134 lines found in the project's data, resources, sets or
    # test code removed by script before anything was measured on it. First measured (counts only) on the
    # tree at the start of session 9, before the folded sets below were learnt from.
    "v8, fresh": DATA / "risk_levels_heldout_v8.yml",
    # Written in session 10 (2026-12-01) by an independent writer who read only the product brief and the
    # clinical facts, at the start of the session; 145 lines found in the project's data, resources, sets or
    # test code removed by script before anything was measured on it.
    "v9, fresh": DATA / "risk_levels_heldout_v9.yml",
    # Written in session 11 (2026-12-01) by an independent writer who read only the product brief and the
    # clinical facts, at the start of the session; 125 lines found in the project's data, resources, sets or
    # test code removed by script before anything was measured on it.
    "v10, fresh": DATA / "risk_levels_heldout_v10.yml",
    # Written in session 12 (2026-12-02) by an independent writer who read only the product brief and the
    # clinical facts, at the start of the session; 174 lines found in the project's data, resources, sets or
    # test code removed by script before anything was measured on it.
    "v11, fresh": DATA / "risk_levels_heldout_v11.yml",
    # Written in session 13 (2026-12-02) by an independent writer who read only the product brief and the
    # clinical facts, at the start of the session; 140 lines found in the project's data, resources, sets or
    # test code removed by script before anything was measured on it, and one answer ("i dont know, maybe") the
    # guard found in the pattern file's wording, before any answer was measured.
    "v12, fresh": DATA / "risk_levels_heldout_v12.yml",
    # Written in session 15 (2026-12-02) by an independent writer who read only the product brief and the
    # clinical facts, at the start of the session; 112 lines found in the project's data, resources, sets or
    # test code removed by script before anything was measured on it.
    "v13, fresh": DATA / "risk_levels_heldout_v13.yml",
    # Written in session 16 (2026-12-02) by an independent writer who read only the product brief and the
    # clinical facts, at the start of the session; 171 lines found in the project's data, resources, sets or
    # test code removed by script before anything was measured on it, and one answer ("idk tbh") the guard found in
    # the level net's examples after the first measurement.
    "v14, fresh": DATA / "risk_levels_heldout_v14.yml",
    # Written in session 17 (2026-12-02) by an independent writer who read only the product brief and the
    # clinical facts, at the start of the session; 184 lines found in the project's data, resources, sets or
    # test code removed by script before anything was measured on it (and short answers equal to any item of the
    # project's YAML). Its answers were topped up by a second writer asked for answers of three words or more.
    "v15, fresh": DATA / "risk_levels_heldout_v15.yml",
    # Written in session 18 (2026-12-03) by an independent writer who read only the product brief and the
    # clinical facts, at the start of the session; 290 lines found in the project's data, resources, sets or
    # test code removed by script before anything was measured on it (and short answers equal to any item of the
    # project's YAML). Its answers were topped up by a second writer asked for answers of three words or more.
    "v16, fresh": DATA / "risk_levels_heldout_v16.yml",
    # Written in session 19 (2026-12-03) by an independent writer who read only the product brief and the clinical
    # facts, early in the session (after the session's first pattern changes, before any change informed by it); 199
    # lines found in the project's data, resources, sets or test code removed by script before anything was measured
    # on it (and short answers equal to any item of the project's YAML).
    "v17, fresh": DATA / "risk_levels_heldout_v17.yml",
    # Written in session 22 (2026-12-03) by an independent writer who read only the product brief and the clinical
    # facts, at the start of the session (after one dialogue change, before any change to the risk screen); 178 lines
    # found in the project's data, resources, domain, sets or test code removed by script before anything was
    # measured on it (and short answers equal to any item of the project's files).
    "v18, fresh": DATA / "risk_levels_heldout_v18.yml",
    # Written in session 23 (2026-12-03) by an independent writer who read only the product brief and the clinical
    # facts, at the start of the session (after dialogue changes only, before any change to the risk screen); 188 lines
    # found in the project's data, resources, domain, sets or test code removed by script before anything was
    # measured on it (and short answers equal to any item of the project's files).
    "v19, fresh": DATA / "risk_levels_heldout_v19.yml",
    # Written in session 24 (2026-12-04) by an independent writer who read only the product brief and the clinical
    # facts, at the start of the session (after dialogue changes only, before any change to the risk screen); 170 lines
    # found in the project's data, resources, domain, sets or test code removed by script before anything was
    # measured on it (and short answers equal to any item of the project's files).
    "v20, fresh": DATA / "risk_levels_heldout_v20.yml",
    # Written in session 25 (2026-12-04) by an independent writer who read only the product brief and the clinical
    # facts, at the start of the session (after dialogue changes only, before any change to the risk screen); 167 lines
    # found in the project's data, resources, domain, sets or test code (and dev25) removed by script before anything
    # was measured on it. It has no "yes" answers left: all of its short yes answers were already in the project.
    "v21, fresh": DATA / "risk_levels_heldout_v21.yml",
    # Written in session 26 (2026-12-04) by an independent writer who read only the product brief and the clinical
    # facts, at the start of the session (after two dialogue changes only, before any change to the risk screen); 149
    # lines found in the project's data, resources, domain, sets or test code removed by script before anything was
    # measured on it.
    "v22, fresh": DATA / "risk_levels_heldout_v22.yml",
    # Written in session 27 (2026-12-04) by an independent writer who read only the product brief and the clinical
    # facts, at the start of the session (before any change to the risk screen); 146 lines found in the project's
    # data, resources, domain, sets or test code removed by script before anything was measured on it.
    "v23, fresh": DATA / "risk_levels_heldout_v23.yml",
    # Written in session 28 (2026-12-04) by an independent writer who read only the product brief and the clinical
    # facts, at the start of the session (before any change to the risk screen); 93 lines found in the project's
    # data, resources, sets or test code removed by script before anything was measured on it.
    "v24, fresh": DATA / "risk_levels_heldout_v24.yml",
    # Written in session 28 (2026-12-04) by a second independent writer who read only the product brief and the
    # clinical facts, after v24's first measurement and before any change to the risk screen (it was measured on the
    # screen as it stood at the start of the session); 73 lines found in the project's data, resources, sets or test
    # code removed by script before anything was measured on it.
    "v25, fresh": DATA / "risk_levels_heldout_v25.yml",
}
HELD_OUT_SET = HELD_OUT_SETS["v8, fresh"]
# Former held-out sets v2-v7, each written by a different independent writer (sessions 2-6; their headers say
# how). In session 10 they were folded into development: the emergency net learns from them (`learn_from` in
# resources/risk_net.yml), because six writers' wording teaches it more than any one more round of examples
# written here (README, "Measured", sessions 9 and 10), and their misses informed that session's plan patterns.
# Their figures are development figures now; v8, v9, v10, v11 and v12 are the held-out ones.
FOLDED_SETS = {f"v{i}, folded": DATA / f"risk_levels_folded_v{i}.yml" for i in range(2, 8)}
# v1 was measured once (2026-11-30), then its misses informed the second round of pattern work, so it has not
# been held out since; it is printed with the folded sets (not learnt from; later writers wrote some of its lines
# word for word too).
EARLIER_SETS = {"v1, seen (its misses informed round 2)": DATA / "risk_levels_heldout.yml", **FOLDED_SETS}
# Written in session 11 by another independent writer (brief and facts only) as tuning material, with many hard
# look-alikes and helpers: measured once before any change (README, session 11), then tuned on.
DEV10_SET = DATA / "risk_levels_dev10.yml"
EARLIER_SETS["dev10, tuned on (session 11)"] = DEV10_SET
# Written in session 12 by a ninth independent writer (brief and facts only), asked for indirect plans, medical red
# flags in plain words and many wordings of risk signals: measured once before any change (README, session 12),
# then tuned on.
DEV11_SET = DATA / "risk_levels_dev11.yml"
EARLIER_SETS["dev11, tuned on (session 12)"] = DEV11_SET
# Written in session 13 by a tenth independent writer (brief and facts only), asked for red flags in a scared
# person's words, many risk-signal wordings and many hard look-alikes: measured once before any change (README,
# session 13), then tuned on.
DEV12_SET = DATA / "risk_levels_dev12.yml"
EARLIER_SETS["dev12, tuned on (session 13)"] = DEV12_SET
# Written in session 14 by an eleventh independent writer (brief and facts only), asked for more plans with means,
# acts under way, overdoses, confusion, heart and fainting, and look-alikes about running out of medication:
# measured once before any change (README, session 14), then tuned on.
DEV13_SET = DATA / "risk_levels_dev13.yml"
EARLIER_SETS["dev13, tuned on (session 14)"] = DEV13_SET
# Written in session 15 by a twelfth independent writer (brief and facts only), asked for plans with means said
# indirectly, acts under way and overdoses, and look-alike ordinary plans: measured once before any change (README,
# session 15), then tuned on.
DEV14_SET = DATA / "risk_levels_dev14.yml"
EARLIER_SETS["dev14, tuned on (session 15)"] = DEV14_SET
# Written in session 16 by a thirteenth development writer (brief and facts only), asked for plans said indirectly,
# acts under way, overdoses and confusion, and everyday look-alikes: measured once before any change (README, session
# 16), then tuned on.
DEV15_SET = DATA / "risk_levels_dev15.yml"
EARLIER_SETS["dev15, tuned on (session 16)"] = DEV15_SET
# Written in session 16 by another writer (brief and facts only), asked for medical red flags in plain, scared words
# (confusion, fainting, a racing heart) and look-alikes with the same words: measured once, then tuned on.
DEV16M_SET = DATA / "risk_levels_dev16m.yml"
EARLIER_SETS["dev16m, tuned on (session 16)"] = DEV16M_SET
# Written in session 17 by a fifteenth development writer (brief and facts only), asked for plans said indirectly in
# ordinary words, acts under way, and look-alikes with the same surface words (a will for a new baby, a rope for
# climbing, a last meal before surgery): measured once before any change (README, session 17), then tuned on.
DEV17_SET = DATA / "risk_levels_dev17.yml"
EARLIER_SETS["dev17, tuned on (session 17)"] = DEV17_SET
# Written in session 17 by another writer (brief and facts only): replies to the direct question only (hedged yes,
# yes-but-safe, no with extra words, thanks and questions back): measured once, then tuned on.
DEV17A_SET = DATA / "risk_levels_dev17a.yml"
EARLIER_SETS["dev17a, tuned on (session 17)"] = DEV17A_SET
# Written in session 17 by another writer (brief and facts only), asked for confusion as a red flag in plain, foggy
# words (the kind the held-out sets v13-v15 missed most) and look-alikes with the same words: measured once, then
# tuned on.
DEV17M_SET = DATA / "risk_levels_dev17m.yml"
EARLIER_SETS["dev17m, tuned on (session 17)"] = DEV17M_SET
# Written in session 17 by another writer (brief and facts only): hard replies to the direct question (questions back
# with yes-words, idioms with die or kill, a no with "dying" in it): measured once, then tuned on.
DEV17B_SET = DATA / "risk_levels_dev17b.yml"
EARLIER_SETS["dev17b, tuned on (session 17)"] = DEV17B_SET
# Written in session 18 by a sixteenth development writer (brief and facts only), asked for plans said many ways,
# confusion in plain words, signals, and many ordinary look-alikes with the same surface words (tiredness,
# deadlines, idioms, medication questions, grief): measured once before any change (README, session 18), then tuned on.
DEV18_SET = DATA / "risk_levels_dev18.yml"
EARLIER_SETS["dev18, tuned on (session 18)"] = DEV18_SET
# Written in session 18 by another writer (brief and facts only): replies to the direct question in new wording,
# longer ones that turn halfway, half English half Spanish: measured once, then tuned on.
DEV18A_SET = DATA / "risk_levels_dev18a.yml"
EARLIER_SETS["dev18a, tuned on (session 18)"] = DEV18A_SET
# Written in session 18 by another writer (brief and facts only), asked for friction: ordinary messages with the
# heaviest words (suicide as a school subject, 988 questions, denials, hyperbole) and their dangerous twins: measured
# once at the end of session 18 (friction 63/537, mostly the patterns' ideation rules), then tuned on in session 19.
DEV18F_SET = DATA / "risk_levels_dev18f.yml"
EARLIER_SETS["dev18f, tuned on (session 19)"] = DEV18F_SET
# Written in session 19 by another writer (brief and facts only), asked for plans and acts under way said indirectly
# (the kind v8's misses are), medical red flags in plain words, and look-alike twins with the same surface words:
# measured once before any change (README, session 19), then tuned on by patterns and the net's `left_alone` only (the
# emergency net does not learn it: resources/risk_net.yml says why). Its friction is still over 10 % (43/413, the net
# raising ordinary plans with a time or a place), so it is not among EARLIER_SETS, whose live check holds friction
# under 10 %. The guard test covers it.
DEV19_SET = DATA / "risk_levels_dev19.yml"
# Written in session 19 by another writer (brief and facts only), asked for risk signals said quietly (no key word, in
# passing inside another topic, numb or flat wording, the future gone, self-erasure, Spanish) and look-alike twins:
# measured once before any change (README, session 19), then tuned on (patterns only; the nets do not learn it).
DEV19S_SET = DATA / "risk_levels_dev19s.yml"
EARLIER_SETS["dev19s, tuned on (session 19)"] = DEV19S_SET
# Written in session 22 by another writer (brief and facts only), asked for the hard cases (plans and acts said
# indirectly, overdoses said casually, red flags in plain words, signals in passing) and look-alike twins with the same
# surface words: measured once before any change informed by it (README, session 22), then tuned on (patterns and the
# emergency net's `left_alone`; the nets do not learn it).
DEV22_SET = DATA / "risk_levels_dev22.yml"
EARLIER_SETS["dev22, tuned on (session 22)"] = DEV22_SET
# Written in session 23 by another writer (brief and facts only), asked for the hard look-alikes (tonight, goodbye,
# giving things away, the bridge, pills, passed out, a racing heart, burned, bleeding, done, no point, in ordinary
# safe contexts) and red flags as a scared teenager texts them: measured once before any change informed by it
# (README, session 23), then tuned on (patterns and the emergency net's `left_alone`; the nets do not learn it).
DEV23_SET = DATA / "risk_levels_dev23.yml"
EARLIER_SETS["dev23, tuned on (session 23)"] = DEV23_SET
# Written in session 24 by another writer (brief and facts only), asked for phrasings a keyword screen gets wrong both
# ways (dangers said indirectly, safe messages full of alarming words): measured once before any change informed by it
# (README, session 24), then tuned on (patterns and the emergency net's `left_alone`; the nets do not learn it).
DEV24_SET = DATA / "risk_levels_dev24.yml"
EARLIER_SETS["dev24, tuned on (session 24)"] = DEV24_SET
# Written in session 25 by another writer (brief and facts only), asked for hard dangers (plans said indirectly, acts
# mentioned in passing at the end of a long message, casual overdoses, vague red flags) and hard look-alikes with the
# same surface words: measured once before any change informed by it (README, session 25), then tuned on (patterns and
# the emergency net's `left_alone`; the nets do not learn it).
DEV25_SET = DATA / "risk_levels_dev25.yml"
EARLIER_SETS["dev25, tuned on (session 25)"] = DEV25_SET
# Written in session 25 by another writer (brief and facts only), asked mostly for the emergency level as people text it
# in a bad moment (understated, joking, red flags described rather than named, a seizure told by whoever saw it) and
# look-alikes with the same words: measured once before any change informed by it (README, session 25), then tuned on.
DEV25B_SET = DATA / "risk_levels_dev25b.yml"
EARLIER_SETS["dev25b, tuned on (session 25)"] = DEV25B_SET
# Written in session 26 by another writer (brief and facts only), asked for understated, joking and in-passing dangers
# as people text them in a bad moment, and hard look-alikes: measured once before any change informed by it (README,
# session 26), then tuned on (patterns and the emergency net's `left_alone`; the nets do not learn it).
DEV26_SET = DATA / "risk_levels_dev26.yml"
EARLIER_SETS["dev26, tuned on (session 26)"] = DEV26_SET
# Written in session 26 by another writer (brief and facts only), asked mostly for look-alikes (idioms, ordinary
# goodbyes, pets, grief, medical words in ordinary use, dark humour, Spanish idioms) with dangers in the same words:
# measured once before any change informed by it (README, session 26), then tuned on.
DEV26N_SET = DATA / "risk_levels_dev26n.yml"
EARLIER_SETS["dev26n, tuned on (session 26)"] = DEV26N_SET
# Written in session 26 by another writer (brief and facts only), asked for the everyday messages of ten kinds of users
# (a teen, a student on antidepressants, a parent, a nurse, people in recovery, a grandmother writing in Spanish, a
# veteran), with dangers in the same voices: measured once before any change informed by it, then tuned on.
DEV26M_SET = DATA / "risk_levels_dev26m.yml"
EARLIER_SETS["dev26m, tuned on (session 26)"] = DEV26M_SET
# Written in session 27 by another writer (brief and facts only), asked for the hard cases: dangers buried in long
# messages, flat or joking tone, plans told without the word, emergencies told by their signs, Spanish, very short
# messages, and tricky look-alikes: measured once before any change informed by it (README, session 27), then tuned on.
DEV27_SET = DATA / "risk_levels_dev27.yml"
EARLIER_SETS["dev27, tuned on (session 27)"] = DEV27_SET
# Written in session 28 by another writer (brief and facts only), asked for the hard cases and for look-alikes that
# share words with dangers ("tonight", "last", "goodbye", "saved up", "won't be here", "plan"): measured once before any
# change informed by it (README, session 28: imminent 141/145, friction 19/238), then tuned on.
DEV28_SET = DATA / "risk_levels_dev28.yml"
EARLIER_SETS["dev28, tuned on (session 28)"] = DEV28_SET
CRISIS_REPLY_LEVELS = ("imminent", "ideation", "third_party")
_OLD_EMERGENCY_CATEGORIES = ("overdose", "bleeding_or_shock")

Parse = Callable[[str], Dict[str, Any]]


def load(path: Path) -> Dict[str, Any]:
    """A level set, with YAML 1.1's `yes:`/`no:` keys (read as True/False) turned back into words."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    answers = {{True: "yes", False: "no"}.get(k, k): v or [] for k, v in (data.get("answers") or {}).items()}
    return {"messages": data.get("messages") or {}, "answers": answers}


def text_of(item: Any) -> str:
    return item if isinstance(item, str) else item["text"]


def level_of(parsed: Dict[str, Any]) -> Tuple[str, Optional[str]]:
    """(risk level, kind) from a parse output, also for models from before the risk levels."""
    if "risk_level" in parsed:
        return parsed["risk_level"], parsed.get("risk_kind")
    intent = (parsed.get("intent") or {}).get("name")
    risk = next((e.get("value") for e in parsed.get("entities") or [] if e.get("entity") == "risk"), None)
    if intent == "crisis":
        return ("imminent" if risk in _OLD_EMERGENCY_CATEGORIES else "ideation"), risk
    if intent == "risk_check":
        return "signal", None
    return "none", None


@dataclass
class LevelResult:
    name: str
    total: int = 0
    right: int = 0
    wrong: List[Tuple[str, str]] = field(default_factory=list)
    notes: Dict[str, int] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 0.0

    def line(self, what: str) -> str:
        extra = ", ".join(f"{k} {v}" for k, v in self.notes.items())
        return (f"  {self.name:<12} {what}: {self.right}/{self.total} ({self.rate:.1%})"
                + (f"  [{extra}]" if extra else ""))


def _count(result: LevelResult, text: str, ok: bool, got: str) -> None:
    result.total += 1
    if ok:
        result.right += 1
    else:
        result.wrong.append((text, got))


def evaluate_messages(messages: Dict[str, List[Any]], parse: Parse) -> Dict[str, LevelResult]:
    results = {name: LevelResult(name) for name in ("imminent", "ideation", "signal", "third_party", "none")}
    for item in messages.get("imminent") or []:
        level, kind = level_of(parse(text_of(item)))
        _count(results["imminent"], text_of(item), level == "imminent", f"{level}/{kind}")
        if level != "none":  # at least a reply with 911/988 in view (crisis reply or the direct question)
            results["imminent"].notes["reached 911/988"] = results["imminent"].notes.get("reached 911/988", 0) + 1
        if level == "imminent" and isinstance(item, dict) and kind == item.get("kind"):
            results["imminent"].notes["kind agrees"] = results["imminent"].notes.get("kind agrees", 0) + 1
    for item in messages.get("ideation") or []:
        level, _ = level_of(parse(text_of(item)))
        _count(results["ideation"], text_of(item), level in ("ideation", "imminent"), level)
    for item in messages.get("signal") or []:
        level, _ = level_of(parse(text_of(item)))
        _count(results["signal"], text_of(item), level in ("signal", "ideation", "imminent"), level)
        if level == "signal":
            results["signal"].notes["the question itself"] = results["signal"].notes.get("the question itself", 0) + 1
    for item in messages.get("third_party") or []:
        parsed = parse(text_of(item))
        level, kind = level_of(parsed)
        urgent = isinstance(item, dict) and bool(item.get("urgent"))
        # Someone not in danger now: the helping_someone flow (issue 12) is the right answer too.
        helper_flow = not urgent and level == "none" and str((parsed.get("intent") or {}).get("name")).startswith(
            "helping_")
        _count(results["third_party"], text_of(item),
               level == "third_party" or (urgent and level == "imminent") or helper_flow, f"{level}/{kind}")
        if level == "third_party" and (kind == "urgent") == urgent:
            results["third_party"].notes["urgency agrees"] = results["third_party"].notes.get("urgency agrees", 0) + 1
    for item in messages.get("none") or []:
        level, _ = level_of(parse(text_of(item)))
        # For `none`, "right" counts the friction (a question or a crisis reply in front of an ordinary
        # message) and `wrong` lists those messages.
        results["none"].total += 1
        if level != "none":
            results["none"].right += 1
            results["none"].wrong.append((text_of(item), level))
        if level in CRISIS_REPLY_LEVELS:
            results["none"].notes["crisis reply"] = results["none"].notes.get("crisis reply", 0) + 1
    return results


def report(title: str, results: Dict[str, LevelResult], show_misses: int = 15) -> str:
    none = results["none"]
    lines = [
        f"[{title}]",
        results["imminent"].line("imminent/medical -> emergency reply"),
        results["ideation"].line("ideation -> crisis (or emergency) reply"),
        results["signal"].line("risk signal -> question or more"),
        results["third_party"].line("someone else -> helper (or emergency) reply"),
        none.line("look-alike 'none' -> FRICTION (question or crisis reply)"),
    ]
    for name in ("imminent", "ideation", "signal", "third_party"):
        for text, got in results[name].wrong[:show_misses]:
            lines.append(f"    missed {name}: {text!r} -> {got}")
    for text, got in none.wrong[:show_misses]:
        lines.append(f"    friction: {text!r} -> {got}")
    return "\n".join(lines)
