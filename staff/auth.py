"""Staff accounts, sign-in sessions, CSRF tokens and the sign-in rate limit.

Accounts live in a JSON file (mode 600) with scrypt password hashes, or in STAFF_USERS (the same JSON in
the environment, for deployments that keep secrets there). `make staff-user` gives a one-time password:
it signs the person in once, to a page where they choose their own, and nothing else until they have.
Sessions are random ids kept in memory: a console restart signs everyone out, which is fine for a handful
of staff.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Deque, Dict, Optional

from harmbot import settings

# scrypt cost: about 50 ms per check on this 2-core machine; slows guessing, not a person signing in.
SCRYPT = {"n": 2**14, "r": 8, "p": 1}
SESSION_SECONDS = 8 * 60 * 60  # a working day
MIN_PASSWORD_CHARS = 12  # a chosen password; long beats complicated
MAX_ATTEMPTS = 5  # failed sign-ins per name and per client address...
ATTEMPT_WINDOW = 5 * 60  # ...within this many seconds


def hash_password(password: str, salt: Optional[bytes] = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, **SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    return hmac.compare_digest(hash_password(password, bytes.fromhex(salt)).split("$")[2], digest)


# A hash to compare against when the name is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = hash_password(secrets.token_urlsafe(12))


class UserStore:
    """name -> "scrypt$..." (a password the person chose, or one from STAFF_USERS), or
    {"hash": "scrypt$...", "one_time": true} (made by `make staff-user`, to be replaced at first sign-in)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _load(self) -> Dict[str, Any]:
        from_env = settings.STAFF_USERS.get()
        if from_env:
            return json.loads(from_env)
        if not self.path.is_file():
            return {}
        return json.loads(self.path.read_text(encoding="utf-8"))

    @staticmethod
    def _hash(entry: Any) -> Optional[str]:
        return entry.get("hash") if isinstance(entry, dict) else entry

    def verify(self, name: str, password: str) -> bool:
        stored = self._hash(self._load().get(name))
        ok = check_password(password, stored or _DUMMY_HASH)
        return ok and stored is not None

    def is_one_time(self, name: str) -> bool:
        """True while the account still has the password `make staff-user` printed. Accounts kept in
        STAFF_USERS can't be rewritten from the console, so they never are."""
        entry = self._load().get(name)
        return not settings.STAFF_USERS.get() and isinstance(entry, dict) and bool(entry.get("one_time"))

    def create(self, name: str) -> str:
        """Adds or resets an account and returns its new one-time password (shown once, used once)."""
        if not name or not name.replace("-", "").replace("_", "").replace(".", "").isalnum():
            raise ValueError("A staff name is letters, digits, '.', '-' or '_'.")
        password = secrets.token_urlsafe(12)
        self._write(name, {"hash": hash_password(password), "one_time": True})
        return password

    def set_password(self, name: str, password: str) -> None:
        """The person's own password, replacing the one-time one."""
        if settings.STAFF_USERS.get():
            raise ValueError("These accounts are kept in STAFF_USERS; change the password there.")
        if len(password) < MIN_PASSWORD_CHARS:
            raise ValueError(f"Choose a password of at least {MIN_PASSWORD_CHARS} characters.")
        if name not in self._load():
            raise ValueError("This account no longer exists.")
        self._write(name, hash_password(password))

    def _write(self, name: str, entry: Any) -> None:
        users = json.loads(self.path.read_text(encoding="utf-8")) if self.path.is_file() else {}
        users[name] = entry
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Written with mode 600 from the start: the hashes are never readable by other users.
        fd = os.open(self.path.with_suffix(".tmp"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(users, out, indent=1)
        os.replace(self.path.with_suffix(".tmp"), self.path)


@dataclass
class Session:
    user: str
    csrf: str
    expires: float
    must_choose_password: bool = False  # signed in with a one-time password: only the password page


@dataclass
class Sessions:
    by_id: Dict[str, Session] = field(default_factory=dict)

    def open(self, user: str, must_choose_password: bool = False) -> str:
        session_id = secrets.token_urlsafe(32)
        self.by_id[session_id] = Session(
            user, secrets.token_urlsafe(32), time.time() + SESSION_SECONDS, must_choose_password
        )
        return session_id

    def get(self, session_id: Optional[str]) -> Optional[Session]:
        session = self.by_id.get(session_id or "")
        if session and session.expires < time.time():
            del self.by_id[session_id]
            return None
        return session

    def close(self, session_id: Optional[str]) -> None:
        self.by_id.pop(session_id or "", None)


@dataclass
class RateLimit:
    """At most MAX_ATTEMPTS failed sign-ins per key (name or address) in ATTEMPT_WINDOW seconds."""

    failures: Dict[str, Deque[float]] = field(default_factory=lambda: defaultdict(deque))

    def _recent(self, key: str, now: float) -> int:
        times = self.failures.get(key)
        while times and times[0] < now - ATTEMPT_WINDOW:
            times.popleft()
        if times is not None and not times:
            del self.failures[key]  # forgotten once it is out of the window
        return len(times or ())

    def blocked(self, *keys: str) -> bool:
        now = time.time()
        return any(self._recent(key, now) >= MAX_ATTEMPTS for key in keys)

    def failed(self, *keys: str) -> None:
        now = time.time()
        # Names tried once and never again would pile up (someone trying many names): old ones are dropped.
        for stale in [k for k, times in self.failures.items() if times[-1] < now - ATTEMPT_WINDOW]:
            del self.failures[stale]
        for key in keys:
            self.failures[key].append(now)


def csrf_ok(session: Session, sent: Optional[str]) -> bool:
    return bool(sent) and hmac.compare_digest(session.csrf, sent)
