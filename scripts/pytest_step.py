"""One pytest step of `make test` that tells a flaky test from a broken one, and says which it was.

    python scripts/pytest_step.py PYTEST_ARGS...

Runs pytest with PYTEST_ARGS. If at most MAX_RERUN tests failed (and nothing failed to collect), those tests run
once more, in a fresh process of their own. A test that fails and then passes is FLAKY: the step passes, and the
test's name and its first failure go to $HARMBOT_VAR/flaky.txt, which `make test` prints at the very end (where a
CI log's tail shows it) so the next person fixes it instead of never hearing of it. A test that fails twice fails
the step. Why: stop 37's CI failed one unit test that passed in the rehearsal before it and in three runs under
load after it, and the log's tail no longer showed which test it was.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import List

MAX_RERUN = 3  # more failures than this is a broken change, not a flaky test: no second run


class FailureRecorder:
    """A pytest plugin: each failed test's node id and the last line of its failure, one per line of FILE."""

    def __init__(self, path: str) -> None:
        self.path = path

    def pytest_runtest_logreport(self, report) -> None:  # noqa: ANN001 (pytest's TestReport)
        if report.failed:
            crash = getattr(getattr(report.longrepr, "reprcrash", None), "message", "") or str(report.longrepr)
            message = " ".join(crash.split())[:300]
            with open(self.path, "a", encoding="utf-8") as out:
                out.write(f"{report.nodeid}\t{message}\n")

    def pytest_collectreport(self, report) -> None:  # noqa: ANN001
        if report.failed:
            with open(self.path, "a", encoding="utf-8") as out:
                out.write(f"COLLECT\t{report.nodeid}\n")


def _run(args: List[str], record: str) -> int:
    """pytest in a child process (a fresh interpreter each time), with the recorder."""
    code = (
        f"import sys, pytest; sys.path.insert(0, {str(Path(__file__).resolve().parent)!r});"
        "from pytest_step import FailureRecorder;"
        f"sys.exit(pytest.main(sys.argv[1:], plugins=[FailureRecorder({record!r})]))"
    )
    return subprocess.call([sys.executable, "-c", code, *args])


def _keep(path: Path, label: str, failures: List[str]) -> None:
    """Appends each failure to PATH, for `make test` to print again at the end of the run."""
    with path.open("a", encoding="utf-8") as out:
        for line in failures:
            out.write(f"{label}: {line}\n")


def main(args: List[str]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        first, second = os.path.join(tmp, "first"), os.path.join(tmp, "second")
        status = _run(args, first)
        if status == 0:
            return 0
        failed = Path(first).read_text(encoding="utf-8").splitlines() if os.path.exists(first) else []
        ids = list(dict.fromkeys(line.split("\t")[0] for line in failed))
        var = Path(os.environ.get("HARMBOT_VAR", "var"))
        var.mkdir(parents=True, exist_ok=True)
        if status != 1 or not ids or "COLLECT" in ids or len(ids) > MAX_RERUN:
            _keep(var / "failed_tests.txt", "FAILED", failed)
            return status
        print(f"\n--- {len(ids)} test(s) failed; running them once more on their own: {', '.join(ids)}", flush=True)
        if _run(["-q", "-p", "no:cacheprovider", *ids], second) != 0:
            _keep(var / "failed_tests.txt", "FAILED", failed)
            return 1
        _keep(var / "flaky.txt", "FLAKY (failed, then passed on its own)", failed)
        print(f"--- FLAKY: {len(ids)} test(s) failed and then passed on their own (listed at the end of the run)")
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
