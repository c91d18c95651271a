"""Conversation ids of different channels never collide.

The server makes the widget's ids (`web-...`, extensions/channels/socketio.py) and the SMS ids (`sms-` plus
a keyed hash of the number, extensions/channels/sms.py); REST callers choose their own ids and may not
choose these, so no client can name, read or write another channel's conversation.
"""

from __future__ import annotations

WEB_PREFIX = "web-"
SMS_PREFIX = "sms-"


def is_reserved(sender: str) -> bool:
    """True for an id only the widget or SMS channel may use (any letter case, to avoid look-alikes)."""
    return sender.strip().lower().startswith((WEB_PREFIX, SMS_PREFIX))
