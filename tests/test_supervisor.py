"""`make run` restarts a stopped service with a growing wait and keeps its logs bounded (scripts/supervisor.sh).

These run the supervisor's own functions in bash with a stand-in service and small limits; the live fault
tests (tests/live/test_faults_live.py) kill the real services.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def supervise_for(seconds: float, logs: Path, service: str, settings: str = "") -> str:
    """Supervise `service` (a bash function body that starts the stand-in) for `seconds`; the supervisor log."""
    script = f"""
        set -uo pipefail
        source "{ROOT}/scripts/servers.sh"
        source "{ROOT}/scripts/supervisor.sh"
        LOGS="{logs}"
        {settings}
        demo() {{ {service} }}
        supervise demo demo 2>/dev/null & supervisor=$!
        sleep {seconds}
        kill -TERM "$supervisor"; wait "$supervisor"
    """
    subprocess.run(["bash", "-c", script], check=True, timeout=seconds + 30)
    return (logs / "supervisor.log").read_text()


def waits(log: str) -> list[int]:
    return [int(s) for s in re.findall(r"restarting in (\d+) s", log)]


def test_a_service_that_keeps_failing_at_start_waits_longer_each_time(tmp_path):
    log = supervise_for(8, tmp_path, 'bash -c "exit 3" & ')
    assert waits(log)[:3] == [1, 2, 4], log
    assert "demo stopped (exit code 3" in log


def test_the_wait_never_grows_past_the_cap(tmp_path):
    log = supervise_for(6, tmp_path, 'bash -c "exit 1" & ', "MAX_DELAY=2")
    assert waits(log)[:4] == [1, 2, 2, 2], log


def test_a_service_that_ran_for_a_while_comes_back_after_one_second(tmp_path):
    # Runs 1.5 s each time; with STABLE_SECONDS=1 that counts as a one-off failure, so the wait stays 1 s.
    log = supervise_for(7, tmp_path, 'bash -c "sleep 1.5; exit 1" & ', "STABLE_SECONDS=1")
    assert len(waits(log)) >= 2 and set(waits(log)) == {1}, log


def test_a_log_past_the_limit_is_rotated_and_the_new_one_starts_empty(tmp_path):
    (tmp_path / "demo.log").write_text("old line\n" * 50)
    supervise_for(2, tmp_path, 'bash -c "echo new line >> \\"$1\\"; sleep 30" _ "$1" & ', "ROTATE_BYTES=100")
    assert (tmp_path / "demo.log.1").read_text() == "old line\n" * 50
    assert (tmp_path / "demo.log").read_text() == "new line\n"


def test_a_log_under_the_limit_is_appended_to(tmp_path):
    (tmp_path / "demo.log").write_text("old line\n")
    supervise_for(2, tmp_path, 'bash -c "echo new line >> \\"$1\\"; sleep 30" _ "$1" & ')
    assert (tmp_path / "demo.log").read_text() == "old line\nnew line\n"
    assert not (tmp_path / "demo.log.1").exists()
