"""Every environment variable the bot reads, declared once here with its default, type and meaning.

Only this module reads `os.environ` (tests and the shell scripts aside). A setting is read when asked for,
not at import, so a test or a long-running process sees the value of the moment. The README's
configuration table lists exactly these names (tests/test_settings.py checks it).

Naming: project settings start with HARMBOT_; a file path ends in _PATH, a SQLAlchemy URL in _URL. Names
that broke that rule still work for one release, with a warning in the log.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, Mapping, Optional, Tuple

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
Env = Optional[Mapping[str, str]]
_FALSE = frozenset({"false", "0", "no", "off"})
_warned: set = set()


@dataclass(frozen=True)
class Setting:
    """One environment variable: `get()` gives its typed value, else the default."""

    name: str
    doc: str
    default: Any = None
    kind: Callable[[str], Any] = str
    # Older spellings still read (with a warning) for one release.
    old_names: Tuple[str, ...] = ()
    # A value of 0 or less is a mistake for these: the default is used instead.
    positive: bool = False
    # Only the shell scripts (or Rasa's own ${VAR} in endpoints.yml/credentials.yml) read it.
    shell_only: bool = False

    def raw(self, env: Env = None) -> Optional[str]:
        """The text set for this variable (or an old name), or None when unset or blank."""
        env = os.environ if env is None else env
        value = env.get(self.name, "").strip()
        if value:
            return value
        for old in self.old_names:
            value = env.get(old, "").strip()
            if value:
                _warn_once(old, f"{old} is deprecated and will stop working in the next release; set {self.name}.")
                return value
        return None

    def get(self, env: Env = None) -> Any:
        default = self.default(env) if callable(self.default) else self.default
        raw = self.raw(env)
        if raw is None:
            return default
        try:
            value = self.kind(raw)
        except ValueError:
            _warn_once(self.name, f"{self.name}={raw!r} is not valid; using {default!r}.")
            return default
        if self.positive and value <= 0:
            _warn_once(self.name, f"{self.name} must be more than 0; using {default!r}.")
            return default
        return value


def _warn_once(key: str, text: str) -> None:
    if key not in _warned:
        _warned.add(key)
        logger.warning(text)


def flag(text: str) -> bool:
    """ "false", "0", "no" and "off" (any case) are false; anything else set is true."""
    return text.strip().lower() not in _FALSE


def yes(text: str) -> bool:
    """Only "1", "true" and "yes" (any case) are true: for a setting that is off unless turned on."""
    return text.strip().lower() in {"1", "true", "yes"}


def _path(text: str) -> Path:
    """A relative path is relative to the repository, never to the working directory."""
    path = Path(text)
    return path if path.is_absolute() else ROOT / path


ALL: Dict[str, Setting] = {}


def _setting(*args: Any, **kwargs: Any) -> Setting:
    setting = Setting(*args, **kwargs)
    ALL[setting.name] = setting
    return setting


# ---- paths and storage ------------------------------------------------------------------------------
VAR = _setting("HARMBOT_VAR", "Runtime state: the tracker store, logs and the generated secrets.", ROOT / "var", _path)
TRACKER_DB_PATH = _setting(
    "HARMBOT_TRACKER_DB_PATH",
    "The SQLite file that holds conversations, contact requests and SMS state.",
    lambda env: VAR.get(env) / "conversations.db",
    _path,
    old_names=("TRACKER_DB",),
)
DB_URL = _setting(
    "HARMBOT_DB_URL",
    "PostgreSQL for everything stored (conversations, contact requests, SMS state), as a "
    "SQLAlchemy URL; only from the environment, never in a file under git. Unset: the SQLite file.",
)
REQUESTS_DB_URL = _setting(
    "HARMBOT_REQUESTS_DB_URL",
    "Where contact requests are kept (a SQLAlchemy URL), if not with the conversations.",
    old_names=("HARMBOT_REQUESTS_DB",),
)
TRACKER_DB_URL = _setting(
    "HARMBOT_TRACKER_DB_URL",
    "Where the staff console reads usage figures (a SQLAlchemy URL).",
    lambda env: f"sqlite:///{TRACKER_DB_PATH.get(env)}",
    old_names=("TRACKER_DB_URL",),
)
REDIS_URL = _setting("HARMBOT_REDIS_URL", "Redis for the lock store of several replicas; only from the environment.")
LOCK_LEASE_SECONDS = _setting(
    "HARMBOT_LOCK_LEASE_SECONDS",
    "A replica that dies frees its conversations after this many seconds.",
    10.0,
    float,
    positive=True,
)
CONVERSATION_RETENTION_DAYS = _setting(
    "HARMBOT_CONVERSATION_RETENTION_DAYS",
    "Conversations idle longer than this many days are purged.",
    30.0,
    float,
    positive=True,
)
REQUEST_RETENTION_DAYS = _setting(
    "HARMBOT_REQUEST_RETENTION_DAYS", "Contact requests older than this many days are purged.", 30, int, positive=True
)

# ---- content ----------------------------------------------------------------------------------------
DIRECTORY = _setting(
    "HARMBOT_DIRECTORY", "The resource directory of lines and contacts.", ROOT / "resources" / "directory.yml", _path
)
REGION = _setting("HARMBOT_REGION", "Which regional block of the directory applies (unset: the directory's own).")

# ---- the Rasa server --------------------------------------------------------------------------------
RASA_HOST = _setting("RASA_HOST", "The Rasa server's host.", "127.0.0.1")
RASA_PORT = _setting("RASA_PORT", "The Rasa server's port.", 5005, int, positive=True)
RASA_AUTH_TOKEN = _setting("RASA_AUTH_TOKEN", "The HTTP API token (else $HARMBOT_VAR/api_token).")
ACTION_TIMEOUT = _setting(
    "HARMBOT_ACTION_TIMEOUT",
    "Seconds Rasa waits for a custom action before going on with static text.",
    3.0,
    float,
    positive=True,
)
MAX_REQUEST_BYTES = _setting(
    "HARMBOT_MAX_REQUEST_BYTES",
    "The largest HTTP request body (and socket.io packet) the Rasa server reads.",
    64 * 1024,
    int,
    positive=True,
)
SOCKET_SESSION_SECRET = _setting(
    "SOCKET_SESSION_SECRET",
    "Signs the widget's session ids (else $HARMBOT_VAR/socket_session_secret).",
    shell_only=True,
)
# An hour, like Rasa's own `session_expiration_time: 60` (minutes, domain/base.yml): past an hour of quiet
# Rasa has already started a fresh dialogue session (no slots carried over), so resuming the old id would give
# the person little of their conversation back, while every extra hour is an hour in which a copied id (a
# shared computer, a screenshot of dev tools, a log line) still takes the conversation over. Shorter would
# cut off a person who steps away for a while in a hard moment and comes back to the same tab.
SOCKET_SESSION_MAX_IDLE_SECONDS = _setting(
    "HARMBOT_SOCKET_SESSION_MAX_IDLE_SECONDS",
    "A widget session id idle longer than this many seconds no longer resumes its conversation.",
    3600.0,
    float,
    positive=True,
)
ACTION_ENDPOINT_URL = _setting(
    "ACTION_ENDPOINT_URL", "The action server's webhook, for endpoints.yml.", shell_only=True
)

# ---- the action server ------------------------------------------------------------------------------
ACTIONS_HOST = _setting("ACTIONS_HOST", "The action server's host.", "127.0.0.1")
ACTIONS_PORT = _setting("ACTIONS_PORT", "The action server's port.", 5055, int, shell_only=True)
ACTION_SERVER_SECRET = _setting(
    "ACTION_SERVER_SECRET", "Shared by Rasa and the action server (else $HARMBOT_VAR/action_secret)."
)

# ---- the widget -------------------------------------------------------------------------------------
WIDGET_HOST = _setting("WIDGET_HOST", "The widget's static server host.", "127.0.0.1")
WIDGET_PORT = _setting("WIDGET_PORT", "The widget's static server port.", 8080, int, positive=True)
WIDGET_SOCKET_URL = _setting(
    "WIDGET_SOCKET_URL",
    "The bot the demo page talks to.",
    lambda env: f"http://{RASA_HOST.get(env)}:{RASA_PORT.get(env)}",
)
# Somewhere ordinary to land when the person leaves in a hurry; widget/src/harmbot-widget.js has the same.
QUICK_EXIT_URL = "https://www.google.com/search?q=weather"
WIDGET_EXIT_URL = _setting("WIDGET_EXIT_URL", "Where the widget's quick exit goes.", QUICK_EXIT_URL)
WIDGET_ORIGINS = _setting(
    "WIDGET_ORIGINS",
    "Space- or comma-separated origins allowed to open a socket (else credentials.yml, else "
    "the local widget server).",
)

# ---- SMS --------------------------------------------------------------------------------------------
TWILIO_AUTH_TOKEN = _setting("TWILIO_AUTH_TOKEN", "Twilio's auth token, checks signatures.", shell_only=True)
SMS_WEBHOOK_URL = _setting(
    "SMS_WEBHOOK_URL", "The public SMS webhook URL exactly as in the Twilio console.", shell_only=True
)
SMS_SENDER_SECRET = _setting(
    "SMS_SENDER_SECRET", "HMAC key: phone numbers are only stored as this keyed hash.", shell_only=True
)
SMS_VALIDATE_SIGNATURE = _setting(
    "SMS_VALIDATE_SIGNATURE", "`false` turns Twilio's signature check off (development only).", True, flag
)
SMS_REPLY_TIMEOUT = _setting(
    "SMS_REPLY_TIMEOUT", "Seconds before an SMS gets a holding message with 988/911.", 10.0, float, positive=True
)

# ---- the staff console ------------------------------------------------------------------------------
STAFF_HOST = _setting("STAFF_HOST", "The staff console's host.", "127.0.0.1")
STAFF_PORT = _setting("STAFF_PORT", "The staff console's port.", 8090, int, positive=True)
STAFF_USERS_FILE = _setting(
    "STAFF_USERS_FILE",
    "Staff accounts (scrypt hashes, mode 600).",
    lambda env: VAR.get(env) / "staff_users.json",
    _path,
)
STAFF_USERS = _setting("STAFF_USERS", "The staff accounts' JSON itself, instead of STAFF_USERS_FILE.")
STAFF_STORIES_DIR = _setting(
    "STAFF_STORIES_DIR", "Where the console writes test stories.", ROOT / "tests" / "stories" / "staff", _path
)
STAFF_SECURE_COOKIES = _setting("STAFF_SECURE_COOKIES", "`true` when the console is served over https.", False, yes)
CONTENT_SIGNOFF_FILE = _setting(
    "CONTENT_SIGNOFF_FILE",
    "Content sign-offs (committed with the content).",
    ROOT / "docs" / "content-signoff.yml",
    _path,
)

# ---- scripts only -----------------------------------------------------------------------------------
RASA_PYTHON = _setting("RASA_PYTHON", "The Python 3.10 interpreter used to build .venv.", shell_only=True)
REPLICAS = _setting("REPLICAS", "`make run-scaled`: how many Rasa replicas.", 2, int, shell_only=True)
REPLICA_BASE_PORT = _setting("REPLICA_BASE_PORT", "`make run-scaled`: the first replica's port.", shell_only=True)
SCALED_PG_PORT = _setting("SCALED_PG_PORT", "`make run-scaled`: the local PostgreSQL port.", 5433, int, shell_only=True)
SCALED_REDIS_PORT = _setting(
    "SCALED_REDIS_PORT", "`make run-scaled`: the local Redis port.", 6380, int, shell_only=True
)


def secret(setting: Setting, file_name: str, env: Env = None) -> str:
    """A secret from the environment, else from $HARMBOT_VAR/<file_name>; refuses to go on without one."""
    value = setting.raw(env) or ""
    path = VAR.get(env) / file_name
    if not value and path.is_file():
        value = path.read_text(encoding="utf-8").strip()
    if not value:
        raise SystemExit(
            f"No {setting.name} and no {path}: start the servers through `make run` "
            f"(scripts/common.sh creates it) or set {setting.name}."
        )
    return value


def optional_secret(setting: Setting, file_name: str, env: Env = None) -> Optional[str]:
    """Like `secret`, but None when there is none (the staff console starts without the API token)."""
    try:
        return secret(setting, file_name, env)
    except SystemExit:
        return None


def set_default(name: str, value: str) -> None:
    """For a library that only reads the environment (rasa-sdk's SANIC_HOST): set it unless already set."""
    os.environ.setdefault(name, value)
