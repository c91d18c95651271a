"""Starts the real action server and Rasa server for live tests, on free ports with a private var dir.

Starts them as scripts/servers.sh does (scripts/rasa_server.py, actions/server.py), with fresh secrets in
the environment, and talks to them the way staff and channels do (HTTP, the API with its token). Every
wait is bounded.
"""

from __future__ import annotations

import os
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Set

import requests

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent


_HANDED_OUT: Set[int] = set()


def _ephemeral_low() -> int:
    """The lowest port the kernel hands to outgoing connections (Linux: ip_local_port_range)."""
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def free_port() -> int:
    """A free port BELOW the kernel's ephemeral range.

    A port taken with bind(0) comes from the ephemeral range, and a server binds it only seconds later (Rasa
    loads its model first). In between, any outgoing connection on the machine (a replica to PostgreSQL,
    Redis, the action server) can be given that very port as its source, and the server then fails with
    "address already in use": a CI run was lost that way. Ports below the range are never handed out to
    outgoing connections, so only another listener could take them.
    """
    low = _ephemeral_low()
    rng = random.SystemRandom()
    for _ in range(200):
        port = rng.randrange(max(1024, low - 12000), low - 8)
        if port in _HANDED_OUT or (port + 1) in _HANDED_OUT:
            continue
        try:
            with socket.socket() as s:
                s.bind(("127.0.0.1", port))
        except OSError:
            continue
        _HANDED_OUT.add(port)
        return port
    with socket.socket() as s:  # a machine with a tiny range below the ephemeral one: the old way
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def trained_model() -> str:
    """The model for the current data (MODEL_PATH if the test script already trained it)."""
    if os.environ.get("MODEL_PATH"):
        return os.environ["MODEL_PATH"]
    out = subprocess.run(["bash", "scripts/train.sh"], cwd=ROOT, check=True, capture_output=True, text=True)
    return out.stdout.strip().splitlines()[-1]


class BotServers:
    def __init__(self, model: Optional[str] = None, extra_env: Optional[Dict[str, str]] = None) -> None:
        self.model = model or trained_model()
        self.var = Path(tempfile.mkdtemp(prefix="harmbot-live-"))
        self.rasa_port, self.actions_port = free_port(), free_port()
        self.env = {
            **os.environ,
            "PATH": f"{VENV_BIN}:{os.environ.get('PATH', '')}",
            "PYTHONPATH": str(ROOT),
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "PYTHONWARNINGS": "ignore",
            "HARMBOT_VAR": str(self.var),
            "HARMBOT_TRACKER_DB_PATH": str(self.var / "conversations.db"),
            "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{self.actions_port}/webhook",
            "SANIC_HOST": "127.0.0.1",
            # credentials.yml needs the SMS settings; tests that use SMS pass their own.
            "TWILIO_AUTH_TOKEN": os.environ.get("TWILIO_AUTH_TOKEN", ""),
            "SMS_WEBHOOK_URL": os.environ.get("SMS_WEBHOOK_URL", ""),
            "SMS_SENDER_SECRET": os.environ.get("SMS_SENDER_SECRET") or "live-test-secret",
            # Fresh secrets per server pair, passed in the environment like scripts/common.sh does.
            "RASA_AUTH_TOKEN": secrets.token_hex(16),
            "ACTION_SERVER_SECRET": secrets.token_hex(16),
            "SOCKET_SESSION_SECRET": secrets.token_hex(16),
            **(extra_env or {}),
        }
        self.rasa: Optional[subprocess.Popen] = None
        self.actions: Optional[subprocess.Popen] = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def _spawn(self, args: List[str], log_name: str) -> subprocess.Popen:
        log = open(self.var / log_name, "ab")
        return subprocess.Popen(args, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)

    def start_actions(self) -> None:
        self.actions = self._spawn(
            [sys.executable, "-m", "actions.server", "--actions", "actions", "--port", str(self.actions_port)],
            "actions.log",
        )
        self._wait(f"http://127.0.0.1:{self.actions_port}/health", 60, self.actions)

    def stop_actions(self) -> None:
        self._stop(self.actions)
        self.actions = None

    def start_rasa(self) -> float:
        """Starts Rasa and returns the seconds until /status answered."""
        started = time.monotonic()
        self.rasa = self._spawn(
            [sys.executable, "scripts/rasa_server.py", "--model", self.model, "-i", "127.0.0.1",
             "-p", str(self.rasa_port), "--endpoints", "endpoints.yml", "--credentials", "credentials.yml"],
            "rasa.log",
        )
        self._wait(f"{self.url}/status?token={self.token}", 180, self.rasa)
        return time.monotonic() - started

    def stop_rasa(self) -> None:
        self._stop(self.rasa)
        self.rasa = None

    def start(self) -> BotServers:
        self.start_actions()
        self.start_rasa()
        return self

    def stop(self) -> None:
        self.stop_rasa()
        self.stop_actions()

    def say(self, sender: str, text: str, timeout: float = 30) -> List[Dict[str, Any]]:
        response = requests.post(
            f"{self.url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=timeout
        )
        response.raise_for_status()
        return response.json()

    @property
    def token(self) -> str:
        return self.env["RASA_AUTH_TOKEN"]

    def api(self, method: str, path: str, token: Optional[str] = None, **kwargs: Any) -> requests.Response:
        """A call to Rasa's HTTP API with the token (or another `token`; "" sends none)."""
        token = self.token if token is None else token
        params = {**kwargs.pop("params", {}), **({"token": token} if token else {})}
        return requests.request(method, f"{self.url}{path}", params=params, timeout=30, **kwargs)

    def parse(self, text: str) -> Dict[str, Any]:
        return self.api("POST", "/model/parse", json={"text": text}).json()

    def parse_many(self, texts: List[str], per_request: int = 100) -> List[Dict[str, Any]]:
        """What /model/parse answers for each text, through the batch route (extensions/http_api.py)."""
        results: List[Dict[str, Any]] = []
        for start in range(0, len(texts), per_request):
            response = self.api("POST", "/model/parse/batch", json={"texts": texts[start : start + per_request]})
            response.raise_for_status()
            results += response.json()["results"]
        return results

    def tracker(self, sender: str) -> Dict[str, Any]:
        return self.api("GET", f"/conversations/{sender}/tracker").json()

    def logs(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in self.var.glob("*.log"))

    def stored_bytes(self) -> bytes:
        """Everything the tracker store has on disk: the SQLite database, its write-ahead log and index."""
        db = Path(self.env["HARMBOT_TRACKER_DB_PATH"])
        return b"".join(path.read_bytes() for path in sorted(db.parent.glob(db.name + "*")))

    @staticmethod
    def _wait(url: str, seconds: float, process: subprocess.Popen) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"server for {url} exited with {process.returncode}")
            try:
                if requests.get(url, timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise TimeoutError(f"{url} did not answer within {seconds} s")

    @staticmethod
    def _stop(process: Optional[subprocess.Popen]) -> None:
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def texts(messages: List[Dict[str, Any]]) -> str:
    """Everything the bot said in one turn, as one string (what a person would read)."""
    return "\n".join(m.get("text", "") for m in messages)


def buttons(messages: List[Dict[str, Any]]) -> List[Dict[str, str]]:
    return [b for m in messages for b in m.get("buttons") or []]


# HARMBOT_LIVE_STACK=scaled: the same suites against the scaled stack (PostgreSQL, Redis, 2 replicas, nginx).
if os.environ.get("HARMBOT_LIVE_STACK") == "scaled":
    from tests.live.scaled_harness import ScaledServers as BotServers  # noqa: E402, F811
