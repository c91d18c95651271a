"""Every setting the staff console reads, once, with its default (see the README's configuration table)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent


def _var_dir() -> Path:
    return Path(os.environ.get("HARMBOT_VAR") or ROOT / "var")


def api_token() -> Optional[str]:
    """The Rasa HTTP API token: RASA_AUTH_TOKEN wins, else $HARMBOT_VAR/api_token, else none."""
    token = os.environ.get("RASA_AUTH_TOKEN", "").strip()
    if token:
        return token
    path = _var_dir() / "api_token"
    if path.is_file():
        return path.read_text(encoding="utf-8").strip() or None
    return None


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
    var_dir = _var_dir()
    tracker_db = os.environ.get("TRACKER_DB") or str(var_dir / "conversations.db")
    return Settings(
        host=os.environ.get("STAFF_HOST", "127.0.0.1"),
        port=int(os.environ.get("STAFF_PORT", "8090")),
        rasa_url=f"http://{os.environ.get('RASA_HOST', '127.0.0.1')}:{os.environ.get('RASA_PORT', '5005')}",
        var_dir=var_dir,
        users_file=Path(os.environ.get("STAFF_USERS_FILE") or var_dir / "staff_users.json"),
        stories_dir=Path(os.environ.get("STAFF_STORIES_DIR") or ROOT / "tests" / "stories" / "staff"),
        signoff_file=Path(os.environ.get("CONTENT_SIGNOFF_FILE") or ROOT / "docs" / "content-signoff.yml"),
        # A SQLAlchemy URL (PostgreSQL in a multi-machine deployment), else the SQLite tracker file.
        tracker_db_url=os.environ.get("TRACKER_DB_URL") or f"sqlite:///{tracker_db}",
        secure_cookies=os.environ.get("STAFF_SECURE_COOKIES", "").lower() in ("1", "true", "yes"),
    )
