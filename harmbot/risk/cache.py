"""The trained risk nets' cache: one file per net under .rasa/risk_net/, named by a hash of what it learnt from.

The emergency net (net.py), the level net (level_net.py) and the reader of answers (answers.py) are trained
when first loaded (tens of seconds on a busy 2-core machine) and kept here, so a restart doesn't retrain and
a change to anything they learn from does. Each kind has its own name prefix; a newer file of a kind
replaces the older ones of that kind only. Pure Python, no Rasa import.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple, TypeVar

import yaml

from harmbot.risk import encoder as risk_encoder
from harmbot.risk import rules as risk_rules

ROOT = Path(__file__).resolve().parents[2]
# Ignored by git, like Rasa's own cache.
CACHE_DIR = ROOT / ".rasa" / "risk_net"
PREFIXES = ("net-", "answers-", "levels-")

logger = logging.getLogger(__name__)

T = TypeVar("T")


def learning_sources(path: Path, config: Dict[str, Any], code: Path) -> List[Path]:
    """Every file a net learns from: its example file, its code, the encoder's and the patterns' files, the
    `learn_from` sets and the NLU data of `learn_from_nlu`."""
    sources = [path, code, Path(risk_encoder.__file__), risk_rules.DEFAULT_PATTERNS_PATH]
    sources += [ROOT / str(name) for name in config.get("learn_from") or []]
    nlu = config.get("learn_from_nlu") or {}
    if nlu:
        sources += sorted((ROOT / str(nlu["folder"])).rglob("*.yml"))
    return sources


def cache_name(prefix: str, sources: Iterable[Path], salt: str) -> str:
    """`prefix` + a hash of the sources' names and bytes and of `salt` (settings that change the result)."""
    digest = hashlib.sha256(salt.encode())
    for source in sources:
        digest.update(str(source).encode())
        digest.update(source.read_bytes() if source.exists() else b"missing")
    return prefix + digest.hexdigest()[:20]


Stamp = Tuple[Tuple[str, Optional[int], Optional[int], Optional[int]], ...]


def _stamp(paths: Iterable[Path]) -> Stamp:
    """Each file's inode, size and modification time: a stat, not a read."""
    stamps: List[Tuple[str, Optional[int], Optional[int], Optional[int]]] = []
    for path in paths:
        try:
            info = path.stat()
            stamps.append((str(path), info.st_ino, info.st_size, info.st_mtime_ns))
        except OSError:
            stamps.append((str(path), None, None, None))
    return tuple(stamps)


@functools.lru_cache(maxsize=32)
def _sources_of(path: Path, code: Path, _: Stamp) -> Tuple[Path, ...]:
    config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return tuple(learning_sources(path, config, code))


@functools.lru_cache(maxsize=32)
def _name_of(prefix: str, sources: Tuple[Path, ...], salt: str, _: Stamp) -> str:
    return cache_name(prefix, sources, salt)


def fingerprint(prefix: str, path: Path, code: Path, salt: str) -> str:
    """`cache_name` of everything the reader of `path` learns from. The answer reader asks for it on every
    reply to the direct question; reading and hashing the example file, the labelled sets and the NLU data
    each time took more than half of the server's time on such a turn (measured with py-spy). So the work is
    done again only when a file's inode, size or modification time changes."""
    sources = _sources_of(path, code, _stamp([path]))
    return _name_of(prefix, sources, salt, _stamp(sources))


def load_or_train(name: str, train: Callable[[], T], what: str) -> T:
    """The object cached as `name`, or `train()` and keep it (older files of the same kind are removed)."""
    cached = CACHE_DIR / f"{name}.pkl"
    if cached.exists():
        try:
            with open(cached, "rb") as handle:
                return pickle.load(handle)  # type: ignore[no-any-return]  # noqa: S301 - written below, project folder
        except Exception:
            logger.warning("%s: unreadable cache %s; training again", what, cached.name)
    trained = train()
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")  # replicas may start together
        with open(partial, "wb") as handle:
            pickle.dump(trained, handle)
        partial.replace(cached)
        prefix = next((p for p in PREFIXES if name.startswith(p)), "")
        for stale in CACHE_DIR.glob("*.pkl"):
            # Older files of this kind; for the emergency net also its files from before the prefixes.
            older = stale.name.startswith(prefix) or (prefix == "net-" and not stale.name.startswith(PREFIXES))
            if stale != cached and older:
                stale.unlink(missing_ok=True)
    except OSError:
        logger.warning("%s: could not write the cache in %s", what, CACHE_DIR)
    return trained
