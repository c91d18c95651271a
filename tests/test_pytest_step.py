"""`make test`'s unit step (scripts/pytest_step.py): a test that fails once and then passes is reported as flaky and
does not fail the run; a test that fails twice fails it; many failures are a broken change and are not run again."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

FLAKY = '''
import os
def test_fails_the_first_time_only():
    marker = os.path.join(os.path.dirname(__file__), "ran")
    if not os.path.exists(marker):
        open(marker, "w").close()
        assert False, "first run"
def test_fine():
    pass
'''
BROKEN = '''
import pytest
@pytest.mark.parametrize("word", ["a b", "c"])
def test_always_fails_for_a_b(word):
    assert word == "c", "broken for good"
'''
MANY = '''
import pytest
@pytest.mark.parametrize("n", range(5))
def test_all_fail(n):
    assert False
'''


def step(tmp_path: Path, source: str):
    (tmp_path / "test_case.py").write_text(source)
    var = tmp_path / "var"
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "pytest_step.py"), "-q", "-p", "no:cacheprovider",
                           "test_case.py"], cwd=tmp_path, env={"PATH": "/usr/bin:/bin", "HARMBOT_VAR": str(var)},
                          capture_output=True, text=True, timeout=120)
    listed = {name: (var / name).read_text() if (var / name).exists() else "" for name in ("flaky.txt",
                                                                                         "failed_tests.txt")}
    return done, listed


def test_a_test_that_fails_once_then_passes_is_listed_as_flaky_and_the_step_passes(tmp_path):
    done, listed = step(tmp_path, FLAKY)
    assert done.returncode == 0, done.stdout
    assert "test_case.py::test_fails_the_first_time_only" in listed["flaky.txt"]
    assert "first run" in listed["flaky.txt"]
    assert "test_fine" not in listed["flaky.txt"] and listed["failed_tests.txt"] == ""


def test_a_test_that_fails_twice_fails_the_step_and_is_listed_with_its_message(tmp_path):
    done, listed = step(tmp_path, BROKEN)
    assert done.returncode == 1
    assert "running them once more" in done.stdout
    assert "test_case.py::test_always_fails_for_a_b[a b]" in listed["failed_tests.txt"]
    assert "broken for good" in listed["failed_tests.txt"] and listed["flaky.txt"] == ""


def test_many_failures_are_not_run_again(tmp_path):
    done, listed = step(tmp_path, MANY)
    assert done.returncode == 1
    assert "running them once more" not in done.stdout
    assert listed["failed_tests.txt"].count("FAILED") == 5
