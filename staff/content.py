"""Every user-facing text, by capability, for clinical review and sign-off.

Sources: the domain's responses (domain/<capability>.yml), the resource files (resources/*.yml) and the
directory's entries with their `verified` dates. A sign-off records the reviewer, the time and a hash of
the content, plus one short hash per text, so the console and `make test` can list what changed since.
The sign-off file (docs/content-signoff.yml) is committed: it is a program record that travels with the
content it covers, and a reviewer can see it in the history next to the content changes.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import yaml

from staff.settings import ROOT

STALE_AFTER_DAYS = 90  # a directory entry not checked for this long is flagged
# Detection data, not text anyone reads; the directory is listed entry by entry.
NOT_USER_TEXT = {"risk_patterns.yml", "risk_net.yml", "risk_level_net.yml", "risk_answers.yml", "directory.yml"}
DIRECTORY_FIELDS = ("name", "how", "tel", "sms", "sms_body", "url", "email", "when", "hours", "reply_time",
                    "extras", "about", "not_for", "checked_against")


@dataclass(frozen=True)
class Item:
    capability: str
    source: str  # file it comes from
    key: str  # unique across all items
    text: str
    verified: str = ""
    stale: bool = False

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]


def _response_items(domain_dir: Path) -> Iterator[Item]:
    for path in sorted(domain_dir.glob("*.yml")):
        responses = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or {}
        for name, variants in responses.items():
            for i, variant in enumerate(variants):
                titles = [f"[{b.get('title', '')}]" for b in variant.get("buttons") or []]
                text = "\n".join(t for t in [(variant.get("text") or "").strip(), " ".join(titles)] if t)
                key = name if len(variants) == 1 else f"{name}[{i}]"
                yield Item(path.stem, f"domain/{path.name}", key, text)


def _strings(node: Any, where: str) -> Iterator[tuple]:
    if isinstance(node, str):
        yield where, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, f"{where}[{i}]")


def _resource_items(resources_dir: Path) -> Iterator[Item]:
    for path in sorted(resources_dir.glob("*.yml")):
        if path.name in NOT_USER_TEXT:
            continue
        for key, text in _strings(yaml.safe_load(path.read_text(encoding="utf-8")), path.stem):
            yield Item(path.stem, f"resources/{path.name}", key, text.strip())


def _directory_entries(node: Any) -> Iterator[Dict[str, Any]]:
    if isinstance(node, dict):
        if "id" in node:
            yield node
        for value in node.values():
            yield from _directory_entries(value)
    elif isinstance(node, list):
        for value in node:
            yield from _directory_entries(value)


def _directory_items(path: Path, today: dt.date) -> Iterator[Item]:
    seen: Dict[str, int] = {}
    for entry in _directory_entries(yaml.safe_load(path.read_text(encoding="utf-8"))):
        text = "\n".join(f"{f}: {entry[f]}" for f in DIRECTORY_FIELDS if entry.get(f) not in (None, ""))
        verified = entry.get("verified")
        if isinstance(verified, str):
            try:
                verified = dt.date.fromisoformat(verified)
            except ValueError:
                verified = None
        stale = not isinstance(verified, dt.date) or (today - verified).days > STALE_AFTER_DAYS
        # The same id can appear in two regions; keys stay unique.
        seen[entry["id"]] = seen.get(entry["id"], 0) + 1
        key = f"directory.{entry['id']}" + (f"#{seen[entry['id']]}" if seen[entry["id"]] > 1 else "")
        yield Item("directory", "resources/directory.yml", key, text, str(verified or "never"), stale)


def collect(root: Path = ROOT, today: Optional[dt.date] = None) -> List[Item]:
    today = today or dt.date.today()
    return [
        *_response_items(root / "domain"),
        *_resource_items(root / "resources"),
        *_directory_items(root / "resources" / "directory.yml", today),
    ]


def search(items: List[Item], query: str = "", capability: str = "") -> List[Item]:
    words = query.lower().split()
    return [
        i for i in items
        if (not capability or i.capability == capability)
        and all(w in f"{i.key}\n{i.text}".lower() for w in words)
    ]


def content_hash(items: List[Item]) -> str:
    """One hash for all texts: the same content gives the same hash whatever the file order."""
    canonical = json.dumps(sorted((i.key, i.text) for i in items), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def to_csv(items: List[Item]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["capability", "source", "key", "text", "verified", "check overdue"])
    for i in items:
        # A leading = + - @ would make a spreadsheet run the cell as a formula.
        text = f"'{i.text}" if i.text[:1] in ("=", "+", "-", "@") else i.text
        writer.writerow([i.capability, i.source, i.key, text, i.verified, "yes" if i.stale else ""])
    return out.getvalue()


# ---------- sign-off ----------

@dataclass(frozen=True)
class SignOff:
    reviewer: str
    signed_at: str
    content_hash: str


def load_signoffs(path: Path) -> Dict[str, Any]:
    if not path.is_file():
        return {"signoffs": [], "items": {}}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {"signoffs": data.get("signoffs") or [], "items": data.get("items") or {}}


def last_signoff(path: Path) -> Optional[SignOff]:
    signoffs = load_signoffs(path)["signoffs"]
    return SignOff(**signoffs[-1]) if signoffs else None


def record_signoff(path: Path, reviewer: str, items: List[Item], now: Optional[dt.datetime] = None) -> SignOff:
    reviewer = " ".join(reviewer.split())
    if not reviewer:
        raise ValueError("A sign-off needs the reviewer's name.")
    signed = SignOff(
        reviewer[:100],
        (now or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0).isoformat(),
        content_hash(items),
    )
    data = load_signoffs(path)
    data["signoffs"].append(asdict(signed))
    data["items"] = {i.key: i.digest for i in items}
    path.parent.mkdir(parents=True, exist_ok=True)
    header = ("# Content sign-offs recorded in the staff console (who, when, hash of all user-facing text).\n"
              "# `items` holds one short hash per text as of the last sign-off, to show what changed since.\n")
    path.write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
    return signed


@dataclass(frozen=True)
class Changes:
    added: List[str]
    changed: List[str]
    removed: List[str]

    @property
    def any(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def changes_since_signoff(path: Path, items: List[Item]) -> Optional[Changes]:
    """What differs from the last sign-off, or None if there has never been one."""
    data = load_signoffs(path)
    if not data["signoffs"]:
        return None
    before: Dict[str, str] = data["items"]
    now = {i.key: i.digest for i in items}
    return Changes(
        added=sorted(k for k in now if k not in before),
        changed=sorted(k for k in now if k in before and before[k] != now[k]),
        removed=sorted(k for k in before if k not in now),
    )
