"""One settings module (issue 16): every environment variable is declared once in harmbot/settings.py, the
README's table lists exactly those, old names keep working for a release with a warning, and no other
module reads the environment."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from harmbot import settings
from harmbot.storage import contact_store

ROOT = Path(__file__).resolve().parent.parent
# The processes' own code; tests and the shell scripts may read the environment.
PACKAGES = ("actions", "extensions", "harmbot", "staff")


@pytest.fixture(autouse=True)
def fresh_warnings(monkeypatch):
    monkeypatch.setattr(settings, "_warned", set())


def readme_table() -> dict:
    """First-column names of the README's configuration table -> the old names its row mentions."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text[text.index("## Configuration (environment variables)"):]
    table = table[: table.index("\n\n", table.index("| variable |"))]
    rows = {}
    for line in table.splitlines()[3:]:
        first = line.split("|")[1]
        current, _, old = first.partition("(was ")
        for name in re.findall(r"`([A-Z_]+)`", current):
            rows[name] = tuple(re.findall(r"`([A-Z_]+)`", old))
    return rows


def test_the_readme_lists_exactly_the_settings_module_s_variables():
    rows = readme_table()
    assert sorted(rows) == sorted(settings.ALL)


def test_the_readme_names_every_old_name_that_still_works():
    rows = readme_table()
    assert {name: rows[name] for name in settings.ALL} == {n: s.old_names for n, s in settings.ALL.items()}


def test_every_setting_says_what_it_is_for():
    assert all(len(s.doc) > 15 for s in settings.ALL.values())


def test_every_variable_the_rasa_config_files_and_common_sh_use_is_declared():
    used = set()
    for name in ("credentials.yml", "endpoints.yml", "endpoints.scaled.yml"):
        text = re.sub(r"#.*", "", (ROOT / name).read_text(encoding="utf-8"))  # comments say "${VARS}"
        used |= set(re.findall(r"\$\{([A-Z_]+)\}", text))
    used |= set(re.findall(r"^export ([A-Z_]+)=", (ROOT / "scripts" / "common.sh").read_text(), re.M))
    tooling = {"PATH", "PYTHONPATH", "PYTHONWARNINGS", "RASA_TELEMETRY_ENABLED", "TF_CPP_MIN_LOG_LEVEL",
               "SQLALCHEMY_SILENCE_UBER_WARNING",
               "OPENBLAS_NUM_THREADS"}  # for the libraries, not the bot's own settings
    assert used - tooling <= set(settings.ALL)


def test_only_the_settings_module_reads_the_environment():
    readers = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if path == ROOT / "harmbot" / "settings.py":
                continue
            text = path.read_text(encoding="utf-8")
            if re.search(r"os\.environ|os\.getenv|getenv\(", text):
                readers.append(str(path.relative_to(ROOT)))
    assert readers == []


def test_an_old_name_still_works_and_says_what_to_set_instead(monkeypatch, tmp_path, caplog):
    monkeypatch.delenv("HARMBOT_TRACKER_DB_PATH", raising=False)
    monkeypatch.delenv("HARMBOT_REQUESTS_DB_URL", raising=False)
    monkeypatch.delenv("HARMBOT_DB_URL", raising=False)
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "old.db"))
    with caplog.at_level(logging.WARNING, logger="harmbot.settings"):
        assert contact_store.database_url() == f"sqlite:///{tmp_path / 'old.db'}"
    assert "TRACKER_DB is deprecated" in caplog.text and "HARMBOT_TRACKER_DB_PATH" in caplog.text


def test_the_new_name_wins_over_the_old_one(monkeypatch, tmp_path):
    monkeypatch.setenv("HARMBOT_REQUESTS_DB", "sqlite:///old.db")
    monkeypatch.setenv("HARMBOT_REQUESTS_DB_URL", f"sqlite:///{tmp_path / 'new.db'}")
    assert contact_store.database_url() == f"sqlite:///{tmp_path / 'new.db'}"


def test_a_relative_database_path_is_relative_to_the_repository_not_the_working_directory(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    env = {"HARMBOT_TRACKER_DB_PATH": "var/conversations.db"}
    assert settings.TRACKER_DB_PATH.get(env) == ROOT / "var" / "conversations.db"


def test_every_process_has_the_same_default_database(tmp_path):
    env = {"HARMBOT_VAR": str(tmp_path)}
    assert settings.TRACKER_DB_PATH.get(env) == tmp_path / "conversations.db"
    assert settings.TRACKER_DB_URL.get(env) == f"sqlite:///{tmp_path / 'conversations.db'}"


@pytest.mark.parametrize("value", ["soon", "0", "-2"])
def test_a_nonsense_number_falls_back_to_the_default_with_a_warning(value, caplog):
    with caplog.at_level(logging.WARNING, logger="harmbot.settings"):
        assert settings.ACTION_TIMEOUT.get({"HARMBOT_ACTION_TIMEOUT": value}) == 3.0
    assert "HARMBOT_ACTION_TIMEOUT" in caplog.text


def test_the_widget_s_own_quick_exit_default_is_the_settings_one():
    script = (ROOT / "widget" / "src" / "harmbot-widget.js").read_text(encoding="utf-8")
    defaults = set(re.findall(r'exitUrl: "([^"]+)"', script))
    assert defaults == {settings.QUICK_EXIT_URL}
