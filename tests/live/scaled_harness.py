"""The scaled stack for live tests: `scripts/run_scaled.sh` (PostgreSQL, Redis, action server, two Rasa
replicas, nginx) on free ports with a private var dir, stopped with Ctrl-C (SIGINT) as a person would.

With HARMBOT_LIVE_STACK=scaled, tests/live/harness.py hands this out as BotServers, so the existing live
suites run unchanged against nginx (scripts/test.sh runs the crisis, SMS and safety-plan suites that way).
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path
from typing import List, Optional

import requests

from tests.live import harness
from tests.scaled_services import services


def _free_pair() -> int:
    """A port p with p+1 free too (two replicas on consecutive ports)."""
    for _ in range(50):
        port = harness.free_port()
        try:
            import socket

            with socket.socket() as s:
                s.bind(("127.0.0.1", port + 1))
            harness._HANDED_OUT.add(port + 1)
            return port
        except OSError:
            continue
    raise RuntimeError("no two consecutive free ports")


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class ScaledServers(harness.BotServers):
    replicas = 2

    def __init__(self, model: Optional[str] = None, extra_env: Optional[dict] = None) -> None:
        super().__init__(model, extra_env)
        os.chmod(self.var, 0o755)  # PostgreSQL runs as its own user and must reach var/pg
        self.replica_base = _free_pair()
        self.pg_port, self.redis_port = harness.free_port(), harness.free_port()
        self.env.update(
            RASA_PORT=str(self.rasa_port), REPLICA_BASE_PORT=str(self.replica_base), REPLICAS=str(self.replicas),
            SCALED_PG_PORT=str(self.pg_port), SCALED_REDIS_PORT=str(self.redis_port),
            ACTIONS_PORT=str(self.actions_port), MODEL_PATH=self.model, RASA_HOST="127.0.0.1",
            ACTIONS_HOST="127.0.0.1",
        )
        self.env.pop("HARMBOT_DB_URL", None)
        self.env.pop("HARMBOT_REDIS_URL", None)
        self.stack: Optional[subprocess.Popen] = None

    @property
    def replica_urls(self) -> List[str]:
        return [f"http://127.0.0.1:{self.replica_base + i}" for i in range(self.replicas)]

    @property
    def db_url(self) -> str:
        return services("pg_url", self.var, self.pg_port)

    def start(self) -> ScaledServers:
        log = open(self.var / "run_scaled.log", "ab")
        # Its own process group, so SIGINT reaches it like Ctrl-C in a terminal.
        # SIGINT back to its default first: a test run started in the background of a shell without job control
        # (a CI job) inherits SIGINT ignored, and bash cannot trap a signal ignored on entry, so Ctrl-C would do
        # nothing (a fresh-clone run launched that way timed out stopping the stack, session 9).
        self.stack = subprocess.Popen(["bash", "scripts/run_scaled.sh"], cwd=harness.ROOT, env=self.env,
                                      stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                                      preexec_fn=_default_sigint)
        ready, deadline = self.var / "run" / "ready", time.monotonic() + 600
        while not ready.exists():
            if self.stack.poll() is not None:
                raise RuntimeError(f"run_scaled.sh exited with {self.stack.returncode}: see {self.var}")
            if time.monotonic() > deadline:
                raise TimeoutError("the scaled stack did not come up within 600 s")
            time.sleep(0.5)
        return self

    def stop(self) -> None:
        if self.stack is None or self.stack.poll() is not None:
            return
        os.killpg(self.stack.pid, signal.SIGINT)
        self.stack.wait(timeout=90)
        left = [p.name for p in (self.var / "run").glob("*.pid")]
        if left or (self.var / "pg" / "data" / "postmaster.pid").exists():
            raise RuntimeError(f"Ctrl-C left processes running: {left or 'postgres'}")

    def pid(self, name: str) -> int:
        return int((self.var / "run" / f"{name}.pid").read_text())

    def kill_replica(self, index: int) -> None:
        """SIGKILLs a replica and returns once its port refuses connections: until then the kernel can still
        queue a new connection for the dying process, so "killed" means the moment it stopped taking them."""
        import socket

        os.kill(self.pid(f"replica-{self.replica_base + index}"), signal.SIGKILL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.replica_base + index), timeout=0.2).close()
            except OSError:
                return
            time.sleep(0.005)
        raise TimeoutError(f"replica {index} still accepts connections 10 s after SIGKILL")

    def stop_actions(self) -> None:
        """Kills the action server; run_scaled.sh starts it again within seconds."""
        os.kill(self.pid("actions"), signal.SIGTERM)

    def start_actions(self) -> None:
        self._wait_until_up(f"http://127.0.0.1:{self.actions_port}/health", 120)

    def wait_replicas(self, seconds: float = 300) -> None:
        for url in self.replica_urls:
            self._wait_until_up(f"{url}/status?token={self.token}", seconds)

    def restart_postgres(self) -> None:
        services("pg_restart", self.var)

    def say_to(self, replica: int, sender: str, text: str, timeout: float = 60) -> list:
        response = requests.post(f"{self.replica_urls[replica]}/webhooks/rest/webhook",
                                 json={"sender": sender, "message": text}, timeout=timeout)
        response.raise_for_status()
        return response.json()

    def stored_bytes(self) -> bytes:
        """Every table file, after the scheduled purge's VACUUM FULL and a checkpoint."""
        done = subprocess.run(["python", "scripts/purge_conversations.py", "--days", "36500"], cwd=harness.ROOT,
                              env={**self.env, "HARMBOT_DB_URL": self.db_url}, capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, done.stderr
        services("pg_psql", self.var, self.pg_port, "CHECKPOINT")
        return b"".join(p.read_bytes() for p in (self.var / "pg" / "data" / "base").rglob("*") if p.is_file())

    def logs(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in Path(self.var).rglob("*.log"))

    @staticmethod
    def _wait_until_up(url: str, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if requests.get(url, timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise TimeoutError(f"{url} did not answer within {seconds} s")
