"""A custom action that fails or hangs doesn't take the turn with it.

Rasa 3.6 waits up to 300 s for the action server (`RemoteAction.run` passes the hard-coded
`DEFAULT_REQUEST_TIMEOUT`; no endpoint setting changes it), and when a call fails it logs a traceback
and drops the action's events: the person gets silence for that part of the turn, or no reply at all
while the call hangs. `install()` wraps `RemoteAction.run` (which forms also use for `validate_<form>`):
each call gets `HARMBOT_ACTION_TIMEOUT` seconds (default 3), and when it times out, can't connect or gets
an error, the action answers with static domain text instead, which says that part of the answer is
missing and carries 988/911:
- for a form's own actions (`validate_<form>`, `action_ask_<slot>`), while a form is active, or for an
  action right after a form this turn: `utter_<form>_unavailable`; the form is closed and its answers
  cleared, because it can't go on without its validation;
- otherwise `utter_<action name without action_>_unavailable` if the domain has it, else
  `utter_unavailable`.
Once one call has failed in a turn, later calls in that turn fail at once instead of waiting again, and
the same notice is not sent twice. When the action server itself was unreachable (a call timed out or the
connection was refused), later turns don't wait the timeout for it again: each call first asks its `/health`
(PROBE_SECONDS at most) and answers with the static text at once while that fails; as soon as it answers,
calls go through again. An error from one action (HTTP 5xx, a bad answer) doesn't do this: other actions
may still work. A form's "this
answer isn't valid" (`ActionExecutionRejection`) is normal dialogue and passes through untouched.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from typing import Any, Callable, List, Optional, Set

import aiohttp
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction, create_bot_utterance
from rasa.shared.core.constants import REQUESTED_SLOT
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from harmbot import settings

logger = logging.getLogger(__name__)

# The default (harmbot/settings.py) is 3 s. A healthy action server answers in well under 0.2 s; a crisis
# turn must reach the person in a few seconds even when the action server hangs (utter_crisis is static
# and goes out first anyway).
TIMEOUT_ENV = settings.ACTION_TIMEOUT.name
GENERIC_FALLBACK = "utter_unavailable"
FALLBACK_SUFFIX = "_unavailable"


# A healthy action server answers /health in a few milliseconds; a stuck one costs a turn this much, not
# the whole timeout.
PROBE_SECONDS = 0.5
# Action servers (webhook URLs) that hung or refused a connection and haven't answered /health since.
_unreachable: Set[str] = set()


def action_timeout() -> float:
    """Seconds to wait for one custom action (HARMBOT_ACTION_TIMEOUT, default 3)."""
    return settings.ACTION_TIMEOUT.get()


def install() -> None:
    """Wraps RemoteAction.run once per process (idempotent)."""
    if not getattr(RemoteAction.run, "guarded", False):
        RemoteAction.run = guarded(RemoteAction.run)


def guarded(run: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(run)
    async def guarded_run(
        self: RemoteAction, output_channel: Any, nlg: Any, tracker: DialogueStateTracker, domain: Domain
    ) -> List[Event]:
        name = self.name()
        server = str(getattr(self.action_endpoint, "url", "") or "")
        if failed_this_turn(tracker) or (server in _unreachable and not await healthy(server)):
            return await fallback(name, output_channel, nlg, tracker, domain)
        _unreachable.discard(server)
        try:
            return await asyncio.wait_for(run(self, output_channel, nlg, tracker, domain), action_timeout())
        except ActionExecutionRejection:
            raise
        except asyncio.TimeoutError:
            reason = f"no answer within {action_timeout():g} s"
            _unreachable.add(server)
        except Exception as error:  # connection refused, HTTP 5xx, a malformed answer: all the same to the person
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            if unreachable(error):
                _unreachable.add(server)
        # One line, no traceback and no user text: the action server's own log has the details.
        logger.warning("Custom action '%s' failed (%s); answering with static text.", name, reason)
        return await fallback(name, output_channel, nlg, tracker, domain)

    guarded_run.guarded = True  # type: ignore[attr-defined]
    return guarded_run


async def healthy(webhook_url: str) -> bool:
    """The action server answers its /health (rasa-sdk's) within PROBE_SECONDS."""
    url = webhook_url.rsplit("/", 1)[0] + "/health"
    try:
        timeout = aiohttp.ClientTimeout(total=PROBE_SECONDS)
        async with aiohttp.ClientSession(timeout=timeout) as session, session.get(url) as response:
            return response.status == 200
    except (aiohttp.ClientError, asyncio.TimeoutError, OSError):
        return False


def unreachable(error: BaseException) -> bool:
    """The action server can't be reached at all (not one action's own error)."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, ConnectionError | aiohttp.ClientConnectionError | asyncio.TimeoutError):
            return True
        error = error.__cause__ or error.__context__  # type: ignore[assignment]
    return False


async def fallback(
    action_name: str, output_channel: Any, nlg: Any, tracker: DialogueStateTracker, domain: Domain
) -> List[Event]:
    """The static reply and events for a failed custom action (see the module docstring)."""
    form = form_in_play(action_name, tracker, domain)
    events: List[Event] = close_form(form, domain) if form else []
    response = fallback_response(action_name, form, domain)
    if already_said(response, tracker):
        return events
    message = await nlg.generate(response, tracker, output_channel.name(), domain_responses=domain.responses)
    if not message:
        return events
    message["utter_action"] = response
    return [create_bot_utterance(message), *events]


def fallback_response(action_name: str, form: Optional[str], domain: Domain) -> str:
    base = form or action_name.removeprefix("action_")
    response = f"utter_{base}{FALLBACK_SUFFIX}"
    return response if response in domain.responses else GENERIC_FALLBACK


def form_in_play(action_name: str, tracker: DialogueStateTracker, domain: Domain) -> Optional[str]:
    """The form the failed action belongs to or runs in, if any."""
    for form in domain.form_names:
        slots = domain.required_slots_for_form(form)
        own = {f"validate_{form}"} | {f"action_ask_{slot}" for slot in slots}
        own |= {f"action_ask_{form}_{slot}" for slot in slots}
        if action_name in own:
            return form
    if tracker.active_loop_name:
        return tracker.active_loop_name
    return next((e.action_name for e in turn_events(tracker) if _is_form_run(e, domain)), None)


def _is_form_run(event: Event, domain: Domain) -> bool:
    return isinstance(event, ActionExecuted) and event.action_name in domain.form_names


def close_form(form: str, domain: Domain) -> List[Event]:
    """Ends the form and forgets its answers, so asking again starts afresh."""
    cleared = [SlotSet(slot, None) for slot in domain.required_slots_for_form(form)]
    return [*cleared, SlotSet(REQUESTED_SLOT, None), ActiveLoop(None)]


def turn_events(tracker: DialogueStateTracker) -> List[Event]:
    """Events since the latest user message."""
    events: List[Event] = []
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            break
        events.append(event)
    return events


def _fallback_of(event: Event) -> Optional[str]:
    if not isinstance(event, BotUttered):
        return None
    response = (event.metadata or {}).get("utter_action") or ""
    return response if response.endswith(FALLBACK_SUFFIX) else None


def failed_this_turn(tracker: DialogueStateTracker) -> bool:
    return any(_fallback_of(event) for event in turn_events(tracker))


def already_said(response: str, tracker: DialogueStateTracker) -> bool:
    return any(_fallback_of(event) == response for event in turn_events(tracker))
