"""Real PostgreSQL and Redis for tests, started by scripts/scaled_services.sh on free ports in a temp dir.

Debian's packages come from scripts/scaled_deps.sh, which `make test` runs first; without them these
tests skip and say why.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from tests.live.harness import ROOT, free_port

SCRIPT = ROOT / "scripts" / "scaled_services.sh"


def services(*args: object) -> str:
    """Runs one function of scripts/scaled_services.sh and returns what it printed."""
    done = subprocess.run(["bash", str(SCRIPT), *map(str, args)], capture_output=True, text=True, timeout=120)
    if done.returncode:
        raise RuntimeError(f"scaled_services.sh {args[0]} failed: {done.stderr}")
    return done.stdout.strip()


def _need(binary: str) -> None:
    if not shutil.which(binary) and not list(Path("/usr/lib/postgresql").glob(f"*/bin/{binary}")):
        pytest.skip(f"{binary} is not installed (scripts/scaled_deps.sh installs it)")


@contextmanager
def redis_server() -> Iterator[str]:
    """Yields the URL of a fresh Redis."""
    _need("redis-server")
    var, port = tempfile.mkdtemp(prefix="harmbot-redis-"), free_port()
    services("redis_start", var, port)
    try:
        yield services("redis_url", var, port)
    finally:
        services("redis_stop", var)
        shutil.rmtree(var, ignore_errors=True)


class Postgres:
    def __init__(self) -> None:
        self.var, self.port = tempfile.mkdtemp(prefix="harmbot-pg-"), free_port()

    @property
    def url(self) -> str:
        return services("pg_url", self.var, self.port)

    @property
    def data_dir(self) -> Path:
        return Path(self.var) / "pg" / "data"

    def psql(self, sql: str) -> str:
        return services("pg_psql", self.var, self.port, sql)


@contextmanager
def postgres_server() -> Iterator[Postgres]:
    """Yields a fresh PostgreSQL cluster with a database `harmbot`."""
    _need("initdb")
    pg = Postgres()
    services("pg_start", pg.var, pg.port)
    try:
        yield pg
    finally:
        services("pg_stop", pg.var)
        shutil.rmtree(pg.var, ignore_errors=True)
