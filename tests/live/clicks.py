"""Clicking a button the way a person does: by its title, from the reply they were shown."""

from __future__ import annotations

from typing import Any, Dict, List

from tests.live.harness import BotServers, buttons


def click(bot: BotServers, sender: str, reply: List[Dict[str, Any]], title: str) -> List[Dict[str, Any]]:
    """Sends the payload of the button whose title starts with `title` (it must be on offer)."""
    offered = buttons(reply)
    matches = [b["payload"] for b in offered if b["title"].startswith(title)]
    assert matches, f"no button starting {title!r} in {[b['title'] for b in offered]}"
    return bot.say(sender, matches[0])
