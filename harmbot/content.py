"""The one way to read content from resources/: a sentence (`sentence`), a whole file (`sentences`), and the
directory of lines and contacts (directory.yml). Pure Python, so both the action server and Rasa's
channels use it. The region comes from HARMBOT_REGION or the directory's `region:`.
"""

from __future__ import annotations

import datetime
import functools
from typing import Any, Dict, Iterable, List

import yaml

from harmbot import settings

RESOURCES_DIR = settings.ROOT / "resources"

Entry = Dict[str, Any]

# Replies also go out as SMS: code that assembles text keeps each message under this many characters.
MESSAGE_LIMIT = 600


@functools.lru_cache(maxsize=1)
def directory() -> Dict[str, Any]:
    return yaml.safe_load(settings.DIRECTORY.get().read_text(encoding="utf-8"))


def region_key() -> str:
    return settings.REGION.get() or directory()["region"]


def region() -> Dict[str, Any]:
    return directory()["regions"][region_key()]


def all_entries() -> List[Entry]:
    reg = region()
    singles = [reg[key] for key in ("program_contact", "program_video") if key in reg]
    return list(directory()["national"]) + list(reg.get("lines", [])) + singles


def entry(entry_id: str) -> Entry:
    for item in all_entries():
        if item["id"] == entry_id:
            return item
    raise KeyError(entry_id)


def with_topics(topics: Iterable[str]) -> List[Entry]:
    """Entries tagged with any of the topics, regional lines first, in file order."""
    wanted = set(topics)
    regional = [e for e in region().get("lines", []) if wanted & set(e.get("topics", []))]
    national = [e for e in directory()["national"] if wanted & set(e.get("topics", []))]
    return regional + national


SPANISH_MONTHS = "ene feb mar abr may jun jul ago sep oct nov dic".split()


def verified_on(item: Entry, language: str = "en") -> str:
    """The date an entry was last checked, as people read it ("Nov 27, 2026"; Spanish "27 nov 2026")."""
    date = item["verified"]
    if isinstance(date, str):  # quoted in the YAML
        date = datetime.date.fromisoformat(date)
    if language == "es":
        return f"{date.day} {SPANISH_MONTHS[date.month - 1]} {date.year}"
    return f"{date:%b} {date.day}, {date.year}"


def in_language(item: Entry, language: str = "en") -> Entry:
    """The entry with its wording in `language`: resources/es.yml `directory` replaces the fields it gives
    for Spanish ("es"); numbers and dates stay the directory's. English, or no translation, as it is."""
    if language != "es":
        return item
    return {**item, **(sentences("es").get("directory") or {}).get(item["id"], {})}


def line(item: Entry) -> str:
    """One entry as a short line that reads well in a widget and in an SMS."""
    text = f"- {item['name']}: {item['how']}"
    if item.get("hours"):
        text += f" ({item['hours']})"
    if item.get("extras"):
        text += f". {item['extras']}"
    return text


def dated_line(item: Entry, language: str = "en") -> str:
    """`line()` plus when its details were last checked, so people can judge how current it is; "es": the
    entry's Spanish wording and suffix (resources/es.yml)."""
    messages = sentences("es")["messages"] if language == "es" else sentences("messages")
    suffix = str(messages["verified_suffix"]).strip()
    return f"{line(in_language(item, language))} {suffix.format(date=verified_on(item, language))}"


def lines(items: Iterable[Entry], language: str = "en") -> str:
    return "\n".join(line(in_language(item, language)) for item in items)


def as_messages(parts: Iterable[str], limit: int = MESSAGE_LIMIT) -> List[str]:
    """Joins parts with newlines into as few messages as fit under `limit` (a part is never split)."""
    messages: List[str] = []
    for part in parts:
        if messages and len(messages[-1]) + 1 + len(part) <= limit:
            messages[-1] += "\n" + part
        else:
            messages.append(part)
    return messages


@functools.cache
def sentences(capability: str) -> Dict[str, Any]:
    """Everything in resources/<capability>.yml, for lists and nested content (`sentence` for one text).
    `messages` holds the sentences code adds outside the dialogue, `sms` the SMS channel's own."""
    return yaml.safe_load((RESOURCES_DIR / f"{capability}.yml").read_text(encoding="utf-8"))


def sentence(capability: str, name: str, **values: Any) -> str:
    """One sentence of resources/<capability>.yml, with any `{placeholders}` filled from `values`."""
    text = str(sentences(capability)[name]).strip()
    return text.format(**values) if values else text
