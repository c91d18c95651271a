"""Deterministic suicide/self-harm risk screen with risk levels.

Normalises a message (slang, misspellings, missing apostrophes, stretched letters) and matches it against
the clinician-readable patterns in resources/risk_patterns.yml, with negation and idiom handling. Each
category carries a risk level (imminent, ideation, signal, third_party, none) and, for emergencies, a kind
that picks the reply. `triage(text)` gives the level; `assess`/`screen` keep answering "is this a crisis".
`read_answer(text)` reads a reply to the direct suicide question (yes, unsure, yes_but, no, other).
Pure Python (stdlib + PyYAML) so it can be tested and reused without Rasa.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

import yaml

from harmbot.names import CRISIS_LEVELS, LEVELS  # noqa: F401 (LEVELS: part of this API)

try:  # Python 3.11+
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_parse as _sre_parse

DEFAULT_PATTERNS_PATH = Path(__file__).resolve().parents[2] / "resources" / "risk_patterns.yml"

_APOSTROPHES = str.maketrans({c: "'" for c in "\u2019\u2018\u02bc`\u00b4\u2032\uff07"})
_ELLIPSIS = re.compile(r"\.{2,}|\u2026")
_NOT_TEXT = re.compile(r"[^\w\s'/.,!?;:]|_")
_TOKEN = re.compile(r"[\w'/]+|[.,!?;:]")
_ELONGATED = re.compile(r"([^\W\d_])\1{2,}")
_SPACE_BEFORE_PUNCT = re.compile(r" (?=[.,!?;:])")
_REGEX_ESCAPE = re.compile(r"\\[a-zA-Z]")
_LETTERS = re.compile(r"[a-zñ']+")
_OPTIONAL_S = re.compile(r"([a-zñ]+)s\?")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_LEET = str.maketrans("01345", "oieas")
_LEET_TOKEN = re.compile(r"[a-z][a-z01345]*[01345][a-z01345]*")
_CLAUSE_PUNCT = frozenset(".,!?;:")
_ANSWER_PUNCT = re.compile(r"[.,!?;:]")
_CLITIC = re.compile(r"(.+?)('s|'ll|'re|'d|'ve|'m)?")
_WORD = r"[a-z0-9ñ']+"
_UPPER_OUTSIDE_ESCAPE = re.compile(r"(?<!\\)[A-Z]")


# Words too common to make a useful pre-check on their own (see _required_sets).
_COMMON_WORDS = frozenset(
    "i i'm i'd i'll i've a an to the my me of and in it it's is are was be do at or if so on for with you"
    " your he she they we that this what just not no all but have has can will would like get go up out now"
    " want really don't can't am been from".split()
)

# A gate is a tuple of sets of literal strings: a regex can only match a text that contains at least one
# string from every set. Checking that first lets almost every pattern be skipped without running it.
Gate = Tuple[frozenset, ...]


def _strength(literals: frozenset) -> Tuple[int, int]:
    """How selective a set of alternative literals is: its weakest alternative decides."""

    def weight(literal: str) -> int:
        return 1 if all(w in _COMMON_WORDS for w in literal.split()) else len(literal.strip())

    return min(map(weight, literals)), -len(literals)


def _required_sets(parsed: Any) -> List[frozenset]:
    """Sets of literal strings such that every match of the parsed regex contains one string of each set."""
    sets: List[frozenset] = []
    run: List[str] = []
    for op, av in parsed:
        if op is _sre_parse.LITERAL:
            run.append(chr(av))
            continue
        if run:
            sets.append(frozenset({"".join(run)}))
            run = []
        if op is _sre_parse.SUBPATTERN:
            sets.extend(_required_sets(av[-1]))
        elif op in (_sre_parse.MAX_REPEAT, _sre_parse.MIN_REPEAT) and av[0] >= 1:
            sets.extend(_required_sets(av[2]))
        elif op is _sre_parse.BRANCH:
            # One set per alternative (its most selective); the union covers the whole alternation.
            best = [max(found, key=_strength) for found in map(_required_sets, av[1]) if found]
            if len(best) == len(av[1]):
                sets.append(frozenset().union(*best))
    if run:
        sets.append(frozenset({"".join(run)}))
    return [c for c in sets if min(map(len, c)) >= 2]


def _gate(regex: re.Pattern) -> Optional[Gate]:
    sets = sorted(set(_required_sets(_sre_parse.parse(regex.pattern))), key=_strength, reverse=True)
    return tuple(sets) or None


class _KeywordFinder:
    """Finds which of many literal strings occur in a text, indexing them by their first three characters."""

    def __init__(self, words: Iterable[str]) -> None:
        self._by_head: Dict[str, List[str]] = {}
        self._short: List[str] = []
        for word in sorted(set(words)):
            if len(word) < 3:
                self._short.append(word)
            else:
                self._by_head.setdefault(word[:3], []).append(word)

    def __call__(self, text: str) -> frozenset:
        found = {w for w in self._short if w in text}
        heads = set(map("".join, zip(text, text[1:], text[2:], strict=False)))
        for head in heads.intersection(self._by_head):
            found.update(w for w in self._by_head[head] if len(w) == 3 or w in text)
        return frozenset(found)


def _passes(gate: Optional[Gate], present: frozenset) -> bool:
    if gate is not None:
        for literals in gate:
            if literals.isdisjoint(present):
                return False
    return True


class RiskPatternError(ValueError):
    """The pattern file is malformed (missing fields, bad regex, unknown {list})."""


# Risk levels, most urgent first. The first three send the crisis path (intent `crisis`).
ANSWERS = ("yes", "yes_but", "unsure", "no", "other")


@dataclass(frozen=True)
class RiskHit:
    """Why a message was flagged: the category id and the pattern (as written in the YAML) that fired,
    the category's risk level, and for emergencies and third parties the kind that picks the reply."""

    category: str
    pattern: str
    level: str = "ideation"
    kind: Optional[str] = None


@dataclass(frozen=True)
class Triage:
    """The risk level of one message. `hit` is the category that decided it (None: nothing fired)."""

    level: str
    hit: Optional[RiskHit] = None
    # A risk phrase was found but negated, idiomatic, past or about helping ("i'm not suicidal").
    dismissed: bool = False

    @property
    def category(self) -> Optional[str]:
        return self.hit.category if self.hit else None

    @property
    def kind(self) -> Optional[str]:
        return self.hit.kind if self.hit else None


def _strip_accents(text: str) -> str:
    # Accents are dropped so "tomé" and "tome" match alike; ñ is kept because it changes the word.
    text = text.replace("ñ", "\0")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return text.replace("\0", "ñ")


def _one_edit_apart(a: str, b: str) -> bool:
    """True when a and b differ by at most one inserted, deleted, changed or swapped letter."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        i, j = (diffs + [0, 0])[:2]
        return len(diffs) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


class Normaliser:
    """Turns a raw message into the canonical form the patterns are written against."""

    def __init__(self, config: Dict[str, Any], vocabulary: Iterable[str]) -> None:
        self.emoji: Dict[str, str] = dict(config.get("emoji") or {})
        self.words: Dict[str, str] = {str(k).lower(): str(v) for k, v in (config.get("words") or {}).items()}
        self.rewrites: List[Tuple[re.Pattern, str, Optional[Gate]]] = []
        for rule in config.get("rewrites") or []:
            try:
                regex = re.compile(rule["from"])
                regex.sub(rule["to"], "")
            except (KeyError, TypeError, re.error) as err:
                raise RiskPatternError(f"bad rewrite {rule!r}: {err}") from err
            self.rewrites.append((regex, rule["to"], _gate(regex)))
        # Longest first so that a tie ("suicidel") goes to the longer word.
        self.fuzzy: Tuple[str, ...] = tuple(sorted(config.get("fuzzy_words") or [], key=len, reverse=True))
        self.keep = frozenset(config.get("keep_words") or [])
        # Words the patterns use: stretched or doubled letters are only repaired towards these.
        self.known = frozenset(vocabulary)
        self._cache: Dict[str, str] = {}

    def __call__(self, text: str) -> str:
        text = unicodedata.normalize("NFKC", text or "").lower().translate(_APOSTROPHES)
        for symbol, replacement in self.emoji.items():
            text = text.replace(symbol, replacement)
        if not text.isascii():
            text = _strip_accents(text)
        if ".." in text or "\u2026" in text:
            text = _ELLIPSIS.sub(" ", text)
        text = _NOT_TEXT.sub(" ", text)
        out: List[str] = []
        for token in _TOKEN.findall(text):
            if token in _CLAUSE_PUNCT:
                if out and out[-1] not in _CLAUSE_PUNCT:
                    out.append(token)
                continue
            out.extend(self._word(token))
        text = " ".join(out)
        text = _SPACE_BEFORE_PUNCT.sub("", text)
        for regex, replacement, gate in self.rewrites:
            if gate is None or all(any(word in text for word in literals) for literals in gate):
                text = regex.sub(replacement, text)
        return " ".join(text.split())

    def _word(self, token: str) -> List[str]:
        token = token.strip("'")
        if not token:
            return []
        if token in self.words:
            return [self.words[token]]
        split = _CLITIC.fullmatch(token)  # always matches: the base takes any token
        base, clitic = split.groups() if split else (token, None)
        if clitic and base in self.words:  # "2nite's" -> "tonight's"
            return [self.words[base] + clitic]
        if "/" in token:
            return [w for part in token.split("/") for w in self._word(part)]
        cached = self._cache.get(token)
        if cached is None:
            cached = self._spell(token)
            if len(self._cache) < 50_000:
                self._cache[token] = cached
        return [cached] if cached else []

    def _spell(self, word: str) -> str:
        if _ELONGATED.search(word):
            # "diiiie" -> "die", but "killlll" -> "kill" and "sleeeep" -> "sleep" (known double letters).
            doubled = _ELONGATED.sub(r"\1\1", word)
            word = doubled if doubled in self.known else _ELONGATED.sub(r"\1", word)
            if word in self.words:
                return self.words[word]
        if _LEET_TOKEN.fullmatch(word) and sum(c.isalpha() for c in word) >= 2:
            word = word.translate(_LEET)
            if word in self.words:
                return self.words[word]
        if len(word) >= 4 and word[-1] == word[-2] and word not in self.known and word[:-1] in self.known:
            return word[:-1]  # "diee" -> "die"
        if len(word) >= 5 and word not in self.keep and word not in self.known:
            for target in self.fuzzy:
                if word[0] == target[0] and _one_edit_apart(word, target):
                    return target
        return word


@dataclass(frozen=True)
class _Part:
    regex: re.Pattern
    gate: Optional[Gate]

    @classmethod
    def of(cls, regex: re.Pattern) -> _Part:
        return cls(regex, _gate(regex))


@dataclass(frozen=True)
class _Pattern:
    source: str
    parts: Tuple[_Part, ...]


@dataclass(frozen=True)
class _Category:
    id: str
    description: str
    patterns: Tuple[_Pattern, ...]
    unless: Tuple[re.Pattern, ...]
    level: str = "ideation"
    kind: Optional[str] = None
    # (kind, regex): the first regex found anywhere in the message picks the kind instead of `kind`.
    kind_if: Tuple[Tuple[str, re.Pattern], ...] = ()
    # Found anywhere in the message, these stop the category from firing (e.g. "again" for past ideation).
    cancel_if: Tuple[re.Pattern, ...] = ()

    def kind_for(self, text: str) -> Optional[str]:
        return next((kind for kind, regex in self.kind_if if regex.search(text)), self.kind)


class _Text:
    """One normalised message plus, computed only when a pattern hits, its tokens and idiom spans."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._tokens: Optional[List[Tuple[int, str]]] = None
        self._ends: List[int] = []
        self._pseudo: Optional[List[Tuple[int, int]]] = None
        self.unless_spans: Dict[str, List[Tuple[int, int]]] = {}
        # Set when a risk phrase was found but negated or part of an idiom ("i'm not suicidal").
        self.dismissed = False

    def tokens_before(self, pos: int) -> List[Tuple[int, str]]:
        """(start, token) for every token that ends at or before pos."""
        if self._tokens is None:
            matches = list(_TOKEN.finditer(self.text))
            self._tokens = [(m.start(), m.group()) for m in matches]
            self._ends = [m.end() for m in matches]
        return self._tokens[: bisect.bisect_right(self._ends, pos)]

    def pseudo_spans(self, patterns: Sequence[re.Pattern]) -> List[Tuple[int, int]]:
        if self._pseudo is None:
            self._pseudo = [m.span() for p in patterns for m in p.finditer(self.text)]
        return self._pseudo


class RiskPatterns:
    """The loaded pattern file. `screen(text)` returns the first category that fires, or None."""

    def __init__(self, config: Dict[str, Any], path: Optional[Path] = None) -> None:
        if not isinstance(config, dict):
            raise RiskPatternError("the pattern file must be a mapping")
        self.path = path
        negation = config.get("negation") or {}
        self.cues = frozenset(negation.get("cues") or [])
        self.scope_words = frozenset(negation.get("scope_words") or [])
        self.max_gap = int(negation.get("max_scope_words", 6))
        self.not_negating = tuple(self._compile(p, {}, "not_negating") for p in negation.get("not_negating") or [])
        macros = self._macros(config)
        self.categories = tuple(self._category(c, macros) for c in config.get("categories") or [])
        if not self.categories:
            raise RiskPatternError("no categories")
        ids = [c.id for c in self.categories]
        if len(set(ids)) != len(ids):
            raise RiskPatternError(f"duplicate category ids: {ids}")
        self.normalise = Normaliser(config.get("normalisation") or {}, self._vocabulary(config))
        self.answers = self._answers(config.get("answers") or [], macros)
        # Every pattern in priority order, and an index from key word to the patterns that need it, so a
        # message only runs the few patterns whose most selective key word it contains.
        self._ordered = [(c, p) for c in self.categories for p in c.patterns]
        self._always: List[int] = []
        self._by_word: Dict[str, List[int]] = {}
        for index, (_, pattern) in enumerate(self._ordered):
            gate = pattern.parts[0].gate
            if gate is None:
                self._always.append(index)
            for word in gate[0] if gate else ():
                self._by_word.setdefault(word, []).append(index)
        gates = [part.gate or () for _, p in self._ordered for part in p.parts]
        self._keywords = _KeywordFinder(word for gate in gates for literals in gate for word in literals)

    @classmethod
    def from_file(cls, path: Union[str, Path, None] = None) -> RiskPatterns:
        path = Path(path) if path else DEFAULT_PATTERNS_PATH
        with open(path, encoding="utf-8") as handle:
            return cls(yaml.safe_load(handle), path)

    # ---- loading -------------------------------------------------------------------------------

    def _macros(self, config: Dict[str, Any]) -> Dict[str, str]:
        negation_word = "(?:" + "|".join(sorted(self.cues | {"cannot"})) + r"|[a-z]+n't)"
        end_words = "|".join(config.get("clause_end_words") or ["i"])
        macros = {
            "w": rf"(?:(?!{negation_word}\b){_WORD})",
            "clause_end": rf"(?=[.,!?;:]|$| (?:{end_words})\b)",
        }
        for name, items in (config.get("lists") or {}).items():
            if not items or not all(isinstance(i, str) for i in items):
                raise RiskPatternError(f"list {name!r} must be a non-empty list of strings")
            macros[name] = "(?:" + "|".join(items) + ")"
        return macros

    def _compile(self, source: str, macros: Dict[str, str], where: str) -> re.Pattern:
        if not isinstance(source, str) or not source:
            raise RiskPatternError(f"{where}: pattern must be a non-empty string, got {source!r}")

        def expand(match: re.Match) -> str:
            if match.group(1) not in macros:
                raise RiskPatternError(f"{where}: unknown list {{{match.group(1)}}} in {source!r}")
            return macros[match.group(1)]

        if _UPPER_OUTSIDE_ESCAPE.search(source):
            raise RiskPatternError(f"{where}: write patterns in lower case (text is lower-cased): {source!r}")
        text = source
        for _ in range(5):  # lists may use other lists, e.g. {suicide_act} uses {substance}
            text, expanded = _PLACEHOLDER.subn(expand, text)
            if not expanded:
                break
        else:
            raise RiskPatternError(f"{where}: lists refer to each other in a loop in {source!r}")
        try:
            return re.compile(text)
        except re.error as err:
            raise RiskPatternError(f"{where}: {err} in {source!r}") from err

    def _category(self, raw: Any, macros: Dict[str, str]) -> _Category:
        if not isinstance(raw, dict) or not raw.get("id"):
            raise RiskPatternError(f"category without an id: {raw!r}")
        cid = raw["id"]
        unknown = set(raw) - {"id", "description", "patterns", "unless", "level", "kind", "kind_if", "cancel_if"}
        if unknown:
            raise RiskPatternError(f"{cid}: unknown keys {sorted(unknown)}")
        if not str(raw.get("description") or "").strip():
            raise RiskPatternError(f"{cid}: missing description")
        if not raw.get("patterns"):
            raise RiskPatternError(f"{cid}: no patterns")
        patterns = []
        for item in raw["patterns"]:
            if isinstance(item, dict) and set(item) == {"all"} and item["all"]:
                parts = tuple(_Part.of(self._compile(p, macros, cid)) for p in item["all"])
                patterns.append(_Pattern(" & ".join(item["all"]), parts))
            else:
                patterns.append(_Pattern(item, (_Part.of(self._compile(item, macros, cid)),)))
        unless = tuple(self._compile(p, macros, f"{cid} unless") for p in raw.get("unless") or [])
        level = raw.get("level")
        if level not in LEVELS:
            raise RiskPatternError(f"{cid}: level must be one of {LEVELS}, got {level!r}")
        if level == "imminent" and not raw.get("kind"):
            raise RiskPatternError(f"{cid}: an imminent category needs a kind (it picks the emergency reply)")
        kind_if = tuple(
            (str(kind), self._compile(p, macros, f"{cid} kind_if"))
            for rule in raw.get("kind_if") or []
            for kind, p in dict(rule).items()
        )
        cancel_if = tuple(self._compile(p, macros, f"{cid} cancel_if") for p in raw.get("cancel_if") or [])
        return _Category(
            cid, raw["description"].strip(), tuple(patterns), unless, level, raw.get("kind"), kind_if, cancel_if
        )

    def _answers(self, raw: Any, macros: Dict[str, str]) -> Tuple[Tuple[str, Tuple[re.Pattern, ...]], ...]:
        answers = []
        for item in raw:
            if not isinstance(item, dict) or item.get("answer") not in ANSWERS or not item.get("patterns"):
                raise RiskPatternError(f"answers: each item needs an answer in {ANSWERS} and patterns: {item!r}")
            answers.append((item["answer"], tuple(self._compile(p, macros, "answers") for p in item["patterns"])))
        return tuple(answers)

    @staticmethod
    def _vocabulary(config: Dict[str, Any]) -> List[str]:
        """Every word the patterns, lists and replacements use (regex syntax removed)."""
        sources: List[str] = []
        for category in config.get("categories") or []:
            for item in list(category.get("patterns") or []) + list(category.get("unless") or []):
                sources.extend(item["all"] if isinstance(item, dict) else [item])
            sources.extend(category.get("cancel_if") or [])
            sources.extend(p for rule in category.get("kind_if") or [] for p in dict(rule).values())
        for item in config.get("answers") or []:
            sources.extend(item.get("patterns") or [])
        for items in (config.get("lists") or {}).values():
            sources.extend(items)
        normalisation = config.get("normalisation") or {}
        sources.extend(str(v) for v in (normalisation.get("words") or {}).values())
        sources.extend(normalisation.get("fuzzy_words") or [])
        # "pills?" gives both "pill" and "pills".
        text = _OPTIONAL_S.sub(r"\1 \1s", _REGEX_ESCAPE.sub(" ", " ".join(sources)))
        return sorted({w.strip("'") for w in _LETTERS.findall(text)})

    # ---- screening -----------------------------------------------------------------------------

    def screen(self, text: str) -> Optional[RiskHit]:
        """First crisis-level category (in file order) that fires on the message, or None."""
        return self.assess(text)[0]

    def assess(self, text: str) -> Tuple[Optional[RiskHit], bool]:
        """(hit, dismissed): the hit as in `screen`, and whether, without a hit, the message held a risk
        phrase that was negated, idiomatic, past or about helping ("i'm not suicidal", "this homework is
        killing me"). A risk signal (level `signal`) is neither: see `triage`."""
        result = self.triage(text)
        if result.level in CRISIS_LEVELS:
            return result.hit, False
        return None, result.dismissed

    def triage(self, text: str) -> Triage:
        """The risk level of one message: the level of the first category (in file order) that fires."""
        normalised = self.normalise(text or "")
        if not normalised:
            return Triage("none")
        present = self._keywords(normalised)
        candidates = set(self._always)
        for word in present:
            candidates.update(self._by_word.get(word, ()))
        ctx = _Text(normalised)
        cancelled: Dict[str, bool] = {}
        for index in sorted(candidates):
            category, pattern = self._ordered[index]
            if category.cancel_if:
                if category.id not in cancelled:
                    cancelled[category.id] = any(r.search(normalised) for r in category.cancel_if)
                if cancelled[category.id]:
                    continue
            for part in pattern.parts:
                if not _passes(part.gate, present) or not self._part_fires(part, category, ctx):
                    break
            else:
                hit = RiskHit(category.id, pattern.source, category.level, category.kind_for(normalised))
                return Triage(category.level, hit, dismissed=category.level == "none" or ctx.dismissed)
        return Triage("none", None, ctx.dismissed)

    def read_answer(self, text: str) -> str:
        """How a reply to the direct suicide question reads: the first `answers` group whose pattern
        matches the whole normalised reply ("yes", "yes_but", "unsure", "no", "other"), else "other"."""
        return self.answer_by_pattern(text) or "other"

    def answer_by_pattern(self, text: str) -> Optional[str]:
        """The first `answers` group whose pattern matches the whole normalised reply, or None when none does
        (an explicit "other" group, a question back such as "yes what?", is then told apart from no match)."""
        normalised = " ".join(_ANSWER_PUNCT.sub(" ", self.normalise(text or "")).split())
        if not normalised:
            return "other"
        for answer, patterns in self.answers:
            if any(p.fullmatch(normalised) for p in patterns):
                return answer
        return None

    def _part_fires(self, part: _Part, category: _Category, ctx: _Text) -> bool:
        for match in part.regex.finditer(ctx.text):
            start, end = match.span()
            if self._negated(ctx, start) or self._excused(category, ctx, start, end):
                ctx.dismissed = True
                continue
            return True
        return False

    def _negated(self, ctx: _Text, start: int) -> bool:
        """A negation cue shortly before the hit, with only scope words in between."""
        gap = 0
        for tok_start, token in reversed(ctx.tokens_before(start)):
            if token in _CLAUSE_PUNCT:
                return False
            if token in self.cues or token.endswith("n't"):
                spans = ctx.pseudo_spans(self.not_negating)
                return not any(s <= tok_start < e for s, e in spans)
            if token not in self.scope_words:
                return False
            gap += 1
            if gap > self.max_gap:
                return False
        return False

    @staticmethod
    def _excused(category: _Category, ctx: _Text, start: int, end: int) -> bool:
        """An idiom (`unless` pattern) overlaps the hit."""
        if not category.unless:
            return False
        spans = ctx.unless_spans.get(category.id)
        if spans is None:
            spans = [m.span() for p in category.unless for m in p.finditer(ctx.text)]
            ctx.unless_spans[category.id] = spans
        return any(s < end and start < e for s, e in spans)


@functools.lru_cache(maxsize=4)
def load_patterns(path: Union[str, Path, None] = None) -> RiskPatterns:
    """The pattern file at `path` (None: the default file), loaded once per process.
    The module-level `screen`, `triage`, ... use the default file."""
    return RiskPatterns.from_file(path)


def _screen_in_use() -> RiskPatterns:
    return load_patterns()


def normalise(text: str) -> str:
    """The canonical form of a message that the patterns are matched against."""
    return _screen_in_use().normalise(text)


def screen(text: str) -> Optional[RiskHit]:
    """Screen one message: a RiskHit (crisis, and why) or None."""
    return _screen_in_use().screen(text)


def assess(text: str) -> Tuple[Optional[RiskHit], bool]:
    """Screen one message: (hit or None, whether a risk phrase was found but negated or idiomatic)."""
    return _screen_in_use().assess(text)


def triage(text: str) -> Triage:
    """The risk level of one message (`.level`, `.category`, `.kind`); see resources/risk_patterns.yml."""
    return _screen_in_use().triage(text)


# The conversation's topic, said in words the red-flag patterns gate on. In an eating conversation a person
# seldom repeats "after purging" when the heart starts racing or they nearly faint: the topic says it for them.
CONTEXT_WORDS = {"eating": "after not eating"}
# Only the red flags that need the eating words are read with the topic's words added.
CONTEXT_KINDS = frozenset({"heart", "fainting", "confusion"})


def triage_in_context(text: str, topic: Optional[str]) -> Triage:
    """`triage`, with the topic's words added when that finds a red flag that needs them (CONTEXT_WORDS):
    "my heart is fluttering" in an eating conversation is the heart emergency; anything else reads as alone."""
    alone = triage(text)
    words = CONTEXT_WORDS.get(topic or "")
    if words is None or alone.level == "imminent" or not (text or "").strip():
        return alone
    with_topic = triage(f"{text.rstrip(' .!?')}, {words}")
    return with_topic if with_topic.level == "imminent" and with_topic.kind in CONTEXT_KINDS else alone


def read_answer(text: str) -> str:
    """A reply to the direct suicide question: "yes", "yes_but", "unsure", "no" or "other"."""
    return _screen_in_use().read_answer(text)


def answer_by_pattern(text: str) -> Optional[str]:
    """The answer group whose pattern matches the whole reply, or None (RiskPatterns.answer_by_pattern)."""
    return _screen_in_use().answer_by_pattern(text)
