"""The project's own files keep their promises: requirements are exact pins that match the virtualenv, and
every Makefile verb exists and shows in `make help`."""

from __future__ import annotations

import re
import subprocess
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ("requirements.txt", "requirements-actions.txt", "requirements-dev.txt")
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([A-Za-z0-9.]+)$")


def requirement_lines(name: str):
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            yield line


def test_every_requirement_is_an_exact_pin_of_what_is_installed():
    for name in REQUIREMENTS:
        for line in requirement_lines(name):
            if line.startswith("-r "):
                assert line[3:].strip() in REQUIREMENTS, f"{name}: {line}"
                continue
            pin = PIN.match(line)
            assert pin, f"{name}: {line!r} is not an exact pin (name==version)"
            assert metadata.version(pin.group(1)) == pin.group(2), f"{name}: {line} but installed differs"


def test_the_action_server_needs_no_rasa_and_setup_installs_everything():
    actions = {PIN.match(line).group(1).lower() for line in requirement_lines("requirements-actions.txt")}
    assert "rasa-sdk" in actions and "rasa" not in actions
    dev = list(requirement_lines("requirements-dev.txt"))
    assert "-r requirements.txt" in dev and "-r requirements-actions.txt" in dev
    assert "requirements-dev.txt" in (ROOT / "scripts" / "env.sh").read_text(encoding="utf-8")


def test_every_make_verb_exists_and_make_help_lists_it():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    phony = re.search(r"^\.PHONY:(.*?)(?<!\\)\n", makefile, re.S | re.M).group(1).replace("\\\n", " ").split()
    helped = set(re.findall(r"^([a-z-]+): *##", makefile, re.M))
    assert set(phony) == helped, f"in .PHONY without a documented target: {set(phony) - helped}"
    listed = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for verb in phony:
        assert f"make {verb} " in listed
