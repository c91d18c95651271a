"""The scaled setup under load: two Rasa replicas behind nginx sharing PostgreSQL and the Redis lock store.

Runs with HARMBOT_LIVE_STACK=scaled (scripts/test.sh's scaled step), on the `bot` fixture's stack.
"""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Dict, List, Tuple

import pytest
import requests

from tests.live.harness import texts

pytestmark = pytest.mark.skipif(os.environ.get("HARMBOT_LIVE_STACK") != "scaled",
                                reason="runs in the scaled step of make test (HARMBOT_LIVE_STACK=scaled)")

USERS, CRISIS_EVERY, DOUBLE_TAP_EVERY = 50, 5, 7
TURNS = ["hi", "what is harm reduction", "how do i look after a cut", "thanks", "what is peer support", "bye"]
CRISIS_TURN, CRISIS_TEXT = 2, "i want to kill myself"


def script(user: int) -> List[str]:
    turns = list(TURNS)
    if user % CRISIS_EVERY == 0:
        turns[CRISIS_TURN] = CRISIS_TEXT
    return turns


def kept_user_events(events: List[Dict]) -> List[int]:
    """Indexes of the user messages that stand: a message the dialogue layer re-read as a picked button is
    reverted ("rewind") and stored again with its new meaning, as Rasa's own two-stage fallback does."""
    kept: List[int] = []
    for index, event in enumerate(events):
        if event["event"] == "user":
            kept.append(index)
        elif event["event"] == "rewind" and kept:
            kept.pop()
    return kept


def user_texts(tracker: Dict) -> List[str]:
    return [tracker["events"][i]["text"] for i in kept_user_events(tracker["events"])]


def assert_whole_and_in_order(tracker: Dict, expected: List[str], double_tapped: bool) -> None:
    events = tracker["events"]
    got = user_texts(tracker)
    if double_tapped:  # turns 4 and 5 were sent at the same moment, one to each replica: either order
        assert got[:3] == expected[:3] and sorted(got[3:5]) == sorted(expected[3:5]) and got[5:] == expected[5:], got
    else:
        assert got == expected, got
    stamps = [e["timestamp"] for e in events]
    assert stamps == sorted(stamps), "events out of order"
    # Every message was answered before the next one was handled (no interleaved turns).
    users = kept_user_events(events) + [len(events)]
    for start, end in zip(users, users[1:], strict=False):
        between = events[start + 1:end]
        assert any(e["event"] == "bot" for e in between), f"turn at event {start} has no reply"
        assert between[-1].get("name") == "action_listen", f"turn at event {start} did not finish"


def test_fifty_users_alternating_between_replicas_lose_nothing_and_every_crisis_gets_911_and_988(bot, sender):
    replies: Dict[Tuple[int, int], List[Dict]] = {}
    latencies: List[float] = []

    def say(replica: int, user: int, turn: int, text: str) -> None:
        started = time.monotonic()
        replies[(user, turn)] = bot.say_to(replica, f"{sender}-{user}", text, timeout=180)
        latencies.append(time.monotonic() - started)

    def converse(user: int) -> None:
        turns = script(user)
        for turn, text in enumerate(turns):
            if user % DOUBLE_TAP_EVERY == 3 and turn == 4:  # a double tap: two messages at once
                tap = threading.Thread(target=say, args=(1, user, 3, turns[3]))
                tap.start()
                say(0, user, 4, text)
                tap.join()
            elif not (user % DOUBLE_TAP_EVERY == 3 and turn == 3):
                say(turn % 2, user, turn, text)  # consecutive turns alternate between the two replicas

    started = time.monotonic()
    with ThreadPoolExecutor(USERS) as pool:
        list(pool.map(converse, range(USERS)))
    elapsed = time.monotonic() - started
    latencies.sort()
    print(f"\n{len(latencies)} turns in {elapsed:.1f} s ({len(latencies) / elapsed:.1f}/s), "
          f"p95 {latencies[int(0.95 * len(latencies)) - 1]:.2f} s")

    assert len(replies) == USERS * len(TURNS)
    assert all(replies.values()), "every turn got an answer"
    for user in range(0, USERS, CRISIS_EVERY):
        said = texts(replies[(user, CRISIS_TURN)])
        assert "911" in said and "988" in said, said
    for user in range(USERS):
        assert_whole_and_in_order(bot.tracker(f"{sender}-{user}"), script(user), user % DOUBLE_TAP_EVERY == 3)


def test_killing_a_replica_fails_only_the_turns_in_flight_and_conversations_go_on(bot, sender):
    users, in_flight, lock = 20, [0], threading.Lock()
    outcomes: List[Tuple[int, int, bool, float]] = []  # user, turn, ok, start time
    killed_at: List[float] = []

    def converse(user: int) -> None:
        for turn, text in enumerate(TURNS):
            with lock:
                in_flight[0] += 1
            started = time.monotonic()
            try:
                ok = bool(bot.say(f"{sender}-{user}", text, timeout=120))
            except requests.RequestException:
                ok = False
            with lock:
                in_flight[0] -= 1
            outcomes.append((user, turn, ok, started))
            if user == 0 and turn == 1:
                with lock:
                    bot.kill_replica(0)
                    # Turns started before this moment may have been on the killed replica (or in its queue).
                    killed_at.extend([time.monotonic(), in_flight[0]])

    with ThreadPoolExecutor(users) as pool:
        list(pool.map(converse, range(users)))
    kill_time, busy = killed_at
    failed = [o for o in outcomes if not o[2]]
    print(f"\nreplica killed with {busy} turns in flight; {len(failed)} of {len(outcomes)} turns failed")
    assert len(failed) <= busy, failed
    assert all(o[3] < kill_time for o in failed), [(u, t, round(at - kill_time, 3)) for u, t, _, at in failed]
    assert all(ok for user, turn, ok, _ in outcomes if turn == len(TURNS) - 1), "every conversation went on"
    for user in range(users):
        sent = [TURNS[t] for u, t, ok, _ in sorted(outcomes, key=lambda o: o[1]) if u == user and ok]
        got = user_texts(bot.tracker(f"{sender}-{user}"))
        assert [t for t in got if t in sent] == sent and len(got) == len(set(got)), (sent, got)


def test_after_a_postgresql_restart_the_bot_answers_within_seconds_and_nothing_is_lost(bot, sender):
    bot.wait_replicas()  # the replica killed above is back (run_scaled.sh restarted it)
    before = ["hi", "what is harm reduction"]
    for text in before:
        assert bot.say(sender, text)
    bot.restart_postgres()
    back = time.monotonic()
    # The first turns after the restart, on both replicas' stale connection pools, already get answers.
    after = ["what is peer support", "thanks", "how do i look after a cut", "menu"]
    for replica, text in enumerate(after):
        assert bot.say_to(replica % 2, sender, text, timeout=30), f"no answer to {text!r} after the restart"
    print(f"\n{len(after)} turns answered within {time.monotonic() - back:.1f} s of PostgreSQL being back")
    assert time.monotonic() - back < 15
    said = texts(bot.say(sender, CRISIS_TEXT))
    assert "911" in said and "988" in said
    assert user_texts(bot.tracker(sender)) == [*before, *after, CRISIS_TEXT]
