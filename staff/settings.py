"""The staff console's settings, gathered from harmbot/settings.py (the README's configuration table)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from harmbot import settings as env

ROOT = env.ROOT


def api_token() -> Optional[str]:
    """The Rasa HTTP API token: RASA_AUTH_TOKEN wins, else $HARMBOT_VAR/api_token, else none."""
    return env.optional_secret(env.RASA_AUTH_TOKEN, "api_token")


@dataclass(frozen=True)
class Settings:
    host: str
    port: int
    rasa_url: str
    var_dir: Path
    users_file: Path
    stories_dir: Path
    signoff_file: Path
    tracker_db_url: str
    # Cookies get the Secure flag when the console is served over https (behind a TLS proxy).
    secure_cookies: bool

    @property
    def token(self) -> Optional[str]:
        return api_token()


def load() -> Settings:
    return Settings(
        host=env.STAFF_HOST.get(),
        port=env.STAFF_PORT.get(),
        rasa_url=f"http://{env.RASA_HOST.get()}:{env.RASA_PORT.get()}",
        var_dir=env.VAR.get(),
        users_file=env.STAFF_USERS_FILE.get(),
        stories_dir=env.STAFF_STORIES_DIR.get(),
        signoff_file=env.CONTENT_SIGNOFF_FILE.get(),
        # A SQLAlchemy URL (PostgreSQL in a multi-machine deployment), else the SQLite tracker file.
        tracker_db_url=env.TRACKER_DB_URL.get(),
        secure_cookies=env.STAFF_SECURE_COOKIES.get(),
    )
