"""Safety plan (Stanley-Brown steps) built from the person's own words and given straight back.

Every step can be skipped; step 4 gently asks once more for one person; step 5 comes pre-filled with the
configured crisis lines. At the end the plan is sent as one message (split between steps when it is long,
for SMS) and the answers are cleared from the conversation's slots. Once the form is over, the tracker
store also removes the answers and the returned plan from the stored conversation
(extensions/tracker_store.py).
"""

from __future__ import annotations

import functools
import re
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import form_exit
from actions.language import ENGLISH, conversation_language, wording
from harmbot import content
from harmbot.domain import form_slots

PEOPLE = "safety_plan_people"
PROFESSIONALS = "safety_plan_professionals"
NUDGED = "safety_plan_people_nudged"
# What a message that answers no step gets before the step is asked again (resources/form_exits.yml).
NOT_AN_ANSWER_REPLIES = {
    "check": "after_check_reply",
    "unsure": "unsure_reply",
    "filler": "not_an_answer_reply",
    "wait": "wait_reply",
}


def nudges() -> List[str]:
    """What the plan says when a step gets "idk" or "nothing" ("examples again", the people step's nudge), in
    both languages: the same answer right after one of them skips the step."""
    return [
        *(form_exit.say_exit("unsure_reply", language) for language in (ENGLISH, "es")),
        *(say("people_nudge", language) for language in (ENGLISH, "es")),
    ]


def plan_text(language: str = ENGLISH) -> Dict[str, Any]:
    """resources/safety_plan.yml, or its Spanish wording (resources/es.yml `safety_plan`) for "es"."""
    return wording("safety_plan", language)


def say(name: str, language: str = ENGLISH) -> str:
    return str(plan_text(language)[name]).strip()


def steps() -> List[str]:
    """The form's slots, in plan order (the domain's; the plan's headings follow the same order)."""
    return list(form_slots("safety_plan_form"))


def clear_plan() -> List[EventType]:
    return [SlotSet(slot, None) for slot in [*steps(), NUDGED]]


def crisis_lines(language: str = ENGLISH) -> List[str]:
    """Step 5's pre-filled lines: the configured national lines, the region's crisis lines after the first."""
    config = plan_text()
    national = [content.entry(entry_id) for entry_id in config["crisis_lines"]]
    topic = config["regional_topic"]
    regional = [e for e in content.region().get("lines", []) if topic in e.get("topics", [])]
    entries = [content.in_language(e, language) for e in [*national[:1], *regional, *national[1:]]]
    return [f"- {e['name']}: {e['how']}" for e in entries]


def plan_blocks(answers: Dict[str, Optional[str]], language: str = ENGLISH) -> List[str]:
    """One block per step: heading and the person's words. Skipped steps are left out (step 5 never is)."""
    headings = plan_text(language)["steps"]
    blocks = []
    for slot in steps():
        words = (answers.get(slot) or "").strip()
        if slot == PROFESSIONALS:
            body = "\n".join([*crisis_lines(language), *([f"- {words}"] if words else [])])
        elif words:
            body = words
        else:
            continue
        blocks.append(f"{headings[slot]}\n{body}")
    return blocks


def plan_messages(answers: Dict[str, Optional[str]], language: str = ENGLISH) -> List[str]:
    """The whole plan as few messages as possible, each under the limit, split only between steps."""
    limit = int(plan_text()["max_message_chars"])
    messages: List[str] = []
    current = f"{say('intro', language)}\n\n{say('title', language)}"
    for block in plan_blocks(answers, language):
        candidate = f"{current}\n\n{block}"
        if len(candidate) > limit:
            messages.append(current)
            current = block
        else:
            current = candidate
    messages.append(current)
    return messages


@functools.cache
def _pattern(name: str) -> re.Pattern:
    return re.compile(str(plan_text()[name]), re.IGNORECASE)


def heading_words(slot: str, language: str = ENGLISH) -> str:
    """ "1. My warning signs" -> "my warning signs" (said back when an answer goes to another step)."""
    return plan_text(language)["steps"][slot].split(". ", 1)[-1].lower()


def labelled_answers(text: str) -> List[Tuple[str, str]]:
    """(step slot, words) for every part of a message that names its step by number ("1. can't sleep 2. music",
    "step 3: the library"), in order; empty when the message names no step."""
    marks = list(_pattern("step_label").finditer(text))
    parts = []
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        words = text[mark.end() : end].strip(" \n,;.-")
        if words:
            parts.append((steps()[int(mark.group(1) or mark.group(2)) - 1], words))
    if not parts or text[: marks[0].start()].strip(" \n,;.-"):
        return []  # words before the first number: a number inside an answer ("walk 2 blocks"), not a label
    return parts


def added_on(text: str) -> Optional[str]:
    """The words of a message that starts by adding on ("and i stop texting people back", "also music"), or None."""
    raw = text.replace("\u2019", "'").strip()
    mark = _pattern("continuation").match(raw)
    return (raw[mark.end() :].strip(" .!?") or None) if mark else None


def joined(before: Any, words: str) -> str:
    before = str(before or "").strip()
    return f"{before}; {words}" if before else words


class ValidateSafetyPlanForm(form_exit.FormExits, FormValidationAction):
    answer_slots = tuple(steps())

    def name(self) -> str:
        return "validate_safety_plan_form"

    def _answer(self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> Dict[str, Any]:
        way_out = self.way_out(slot, tracker)
        if way_out is not None:
            return way_out
        if form_exit.wants_start_over(form_exit.latest_text(tracker)):
            return {**{step: None for step in steps()}, NUDGED: None}
        reason = form_exit.not_a_step_answer(tracker, nudges())
        if reason is not None:
            # Not stored: the step is asked again (a signal already got the check question this turn).
            language = conversation_language(tracker)
            if reason == "unsure" and slot == PEOPLE:
                # "nobody", "idk": the people step's own nudge, once (not the examples again and then that too).
                if tracker.get_slot(NUDGED):
                    return {slot: ""}
                dispatcher.utter_message(text=say("people_nudge", language))
                return {slot: None, NUDGED: True}
            if reason == "explain":
                # "what do u mean by warning signs": what this step is for, then the same question.
                dispatcher.utter_message(text=str(plan_text(language)["explain"][slot]).strip())
            elif reason in NOT_AN_ANSWER_REPLIES:
                dispatcher.utter_message(text=form_exit.say_exit(NOT_AN_ANSWER_REPLIES[reason], language))
            return {slot: None}
        text = str(value or "").strip()
        if form_exit.is_skip(text) or form_exit.is_unsure(text) or not text:
            return {slot: ""}
        elsewhere = self._other_steps(slot, text, dispatcher, tracker)
        if elsewhere is not None:
            return elsewhere
        limit = int(plan_text()["max_answer_chars"])
        if len(text) > limit:
            dispatcher.utter_message(text=say("too_long", conversation_language(tracker)).format(limit=limit))
            return {slot: None}
        return {slot: text}

    @staticmethod
    def _other_steps(
        slot: str, text: str, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> Optional[Dict[str, Any]]:
        """An answer that belongs (partly) to another step lands there; None when it is this step's answer.
        "1. can't sleep 2. music": each part in its step (steps still to come are then not asked). "and i stop
        texting people back" as the first reply to a new step: more for the step before, and this step is asked
        again. A part longer than a step takes is left to the usual "fewer words" question."""
        limit = int(plan_text()["max_answer_chars"])
        parts = labelled_answers(text)
        if parts and all(step == slot for step, _ in parts):
            return {slot: "; ".join(words for _, words in parts)} if len(text) <= limit else None  # "2. long walks"
        if parts and all(len(w) <= limit for _, w in parts):
            # (This step's slot already holds the whole message, as the form mapped it: nothing kept there yet.)
            result: Dict[str, Any] = {slot: None}
            for step, part in parts:
                result[step] = joined(result[step] if step in result else tracker.get_slot(step), part)
            numbers = ", ".join(str(steps().index(step) + 1) for step in dict.fromkeys(s for s, _ in parts))
            placed = say("placed_in_steps", conversation_language(tracker))
            dispatcher.utter_message(text=placed.format(numbers=numbers))
            return result
        index = steps().index(slot)
        added = added_on(text)
        if index == 0 or added is None or len(added) > limit:
            return None
        before = steps()[index - 1]
        language = conversation_language(tracker)
        heading = heading_words(before, language)
        dispatcher.utter_message(text=say("added_to_step", language).format(number=index, heading=heading))
        return {slot: None, before: joined(tracker.get_slot(before), added)}

    def validate_safety_plan_warning_signs(self, value, dispatcher, tracker, domain) -> Dict[str, Any]:
        return self._answer("safety_plan_warning_signs", value, dispatcher, tracker)

    def validate_safety_plan_coping(self, value, dispatcher, tracker, domain) -> Dict[str, Any]:
        return self._answer("safety_plan_coping", value, dispatcher, tracker)

    def validate_safety_plan_distractions(self, value, dispatcher, tracker, domain) -> Dict[str, Any]:
        return self._answer("safety_plan_distractions", value, dispatcher, tracker)

    def validate_safety_plan_people(self, value, dispatcher, tracker, domain) -> Dict[str, Any]:
        result = self._answer(PEOPLE, value, dispatcher, tracker)
        if result.get(PEOPLE) == "" and not tracker.get_slot(NUDGED):
            # Plans without anyone to ask for help go with more risk (docs/sources.md §8.2): ask once more.
            dispatcher.utter_message(text=say("people_nudge", conversation_language(tracker)))
            return {PEOPLE: None, NUDGED: True}
        return result

    def validate_safety_plan_professionals(self, value, dispatcher, tracker, domain) -> Dict[str, Any]:
        return self._answer(PROFESSIONALS, value, dispatcher, tracker)

    def validate_safety_plan_environment(self, value, dispatcher, tracker, domain) -> Dict[str, Any]:
        return self._answer("safety_plan_environment", value, dispatcher, tracker)

    def validate_safety_plan_reason(self, value, dispatcher, tracker, domain) -> Dict[str, Any]:
        return self._answer("safety_plan_reason", value, dispatcher, tracker)


class ActionAskSafetyPlanProfessionals(Action):
    """Step 5's question, showing the crisis lines that are already in the plan."""

    def name(self) -> str:
        return "action_ask_safety_plan_professionals"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        language = conversation_language(tracker)
        dispatcher.utter_message(
            text=say("ask_professionals", language).format(lines="\n".join(crisis_lines(language))),
            buttons=[plan_text(language)["skip_button"]],
        )
        return []


class ActionSafetyPlanDeliver(Action):
    """Gives the finished plan back and clears it; after a cancel, says that nothing was kept; after another
    way out (kept for later, another question, "delete my chat"), what actions/form_exit.py says."""

    def name(self) -> str:
        return "action_safety_plan_deliver"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        after_exit = form_exit.after_form("safety_plan_form", tracker, dispatcher)
        if after_exit is not None:
            kept = tracker.get_slot(form_exit.PAUSED) == "safety_plan_form"
            return after_exit if kept else [*after_exit, *clear_plan()]
        answers = {slot: tracker.get_slot(slot) for slot in steps()}
        language = conversation_language(tracker)
        if any(value is None for value in answers.values()):
            dispatcher.utter_message(text=say("cancelled", language))
            if form_exit.wants_menu(tracker):
                dispatcher.utter_message(response="utter_menu")
            return clear_plan()
        for message in plan_messages(answers, language):
            dispatcher.utter_message(text=message)
        skipped = any(not (answers[slot] or "").strip() for slot in steps() if slot != PROFESSIONALS)
        share = say("share", language)
        closing = f"{say('skipped_note', language)}\n{share}" if skipped else share
        dispatcher.utter_message(text=closing)
        return clear_plan()
