"""The eating-disorder actions that read resources/directory.yml: the ANAD helpline and the video link.

Numbers, hours and the link live in the directory (deployers edit it); the sentences around them live
in resources/eating_disorder.yml.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.language import ENGLISH, conversation_language, wording
from harmbot import content

HELPLINE_ID = "anad_helpline"
# Shown after the helpline for the hours it is closed: 24/7 lines, in this order.
OTHER_TIMES_IDS = ("lifeline_988", "crisis_text_line")


def _say(name: str, language: str = ENGLISH) -> str:
    """One sentence of resources/eating_disorder.yml, or its Spanish wording (resources/es.yml `eating_disorder`)."""
    return str(wording("eating_disorder", language)[name]).strip()


def _entry_or_none(entry_id: str) -> Dict[str, Any] | None:
    try:
        return content.entry(entry_id)
    except KeyError:
        return None


def helpline_messages(language: str = ENGLISH) -> List[str]:
    """The helpline with its checked date, then the 24/7 lines for other times (SMS-sized messages)."""
    helpline = _entry_or_none(HELPLINE_ID)
    first = (
        [_say("helpline_intro", language), content.dated_line(helpline, language)]
        if helpline
        else [_say("no_helpline", language)]
    )
    first.append(_say("neda_closed", language))
    others = [content.in_language(e, language) for e in map(_entry_or_none, OTHER_TIMES_IDS) if e is not None]
    header = _say("helpline_other_times", language) if helpline else _say("always_there", language)
    second = [header, *map(content.line, others)] if others else []
    return content.as_messages(first) + content.as_messages(second)


def video_text(language: str = ENGLISH) -> str:
    video = content.region().get("program_video")
    if not video or not video.get("url"):
        return _say("no_video", language)
    return f"{_say('video_intro', language)}\n{video['url']}"


class ActionEatingHelpline(Action):
    def name(self) -> str:
        return "action_eating_helpline"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        for text in helpline_messages(conversation_language(tracker)):
            dispatcher.utter_message(text=text)
        return []


class ActionEatingVideo(Action):
    def name(self) -> str:
        return "action_eating_video"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        dispatcher.utter_message(text=video_text(conversation_language(tracker)))
        return []
