"""The action server: rasa-sdk's own, answering only callers that send the shared secret, on localhost.

Run as `python -m actions.server --actions actions --port 5055` (scripts/servers.sh does). Rasa sends the
secret in the `X-Action-Secret` header (endpoints.yml); every other caller gets 401, so a forged
`POST /webhook` can no longer file a contact request. `/health` stays open for start-up checks.
The secret: env ACTION_SERVER_SECRET, else $HARMBOT_VAR/action_secret (scripts/common.sh writes it, mode 600).
"""

from __future__ import annotations

import hmac
import os
import sys
from pathlib import Path
from typing import Mapping, Optional

import pluggy
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

SECRET_ENV, SECRET_FILE = "ACTION_SERVER_SECRET", "action_secret"
SECRET_HEADER = "X-Action-Secret"
OPEN_PATHS = frozenset({"/health"})
ROOT = Path(__file__).resolve().parent.parent

hookimpl = pluggy.HookimplMarker("rasa_sdk")


def read_secret(env_name: str, file_name: str, env: Optional[Mapping[str, str]] = None) -> str:
    """A secret from the environment, else from $HARMBOT_VAR/<file_name>; refuses to go on without one."""
    env = os.environ if env is None else env
    value = env.get(env_name, "").strip()
    path = Path(env.get("HARMBOT_VAR") or ROOT / "var") / file_name
    if not value and path.is_file():
        value = path.read_text(encoding="utf-8").strip()
    if not value:
        raise SystemExit(f"No {env_name} and no {path}: start the servers through `make run` "
                         f"(scripts/common.sh creates it) or set {env_name}.")
    return value


class SecretCheck:
    """rasa-sdk plugin: a request middleware that answers 401 unless the shared secret is sent."""

    def __init__(self, secret: str) -> None:
        self.secret = secret.encode("utf-8")

    @hookimpl
    def attach_sanic_app_extensions(self, app: Sanic) -> None:
        app.register_middleware(self.check, "request")

    async def check(self, request: Request) -> Optional[HTTPResponse]:
        if request.path in OPEN_PATHS:
            return None
        sent = request.headers.get(SECRET_HEADER, "").encode("utf-8")
        if hmac.compare_digest(sent, self.secret):
            return None
        return response.json({"error": f"Calls to the action server need the {SECRET_HEADER} header."}, 401)


def main() -> None:
    from rasa_sdk import __main__ as sdk_main
    from rasa_sdk.plugin import plugin_manager

    plugin_manager().register(SecretCheck(read_secret(SECRET_ENV, SECRET_FILE)))
    # rasa-sdk binds to SANIC_HOST, else 0.0.0.0 (every interface): default to localhost instead.
    os.environ.setdefault("SANIC_HOST", os.environ.get("ACTIONS_HOST", "127.0.0.1"))
    sys.argv[0] = "actions.server"
    sdk_main.main()


if __name__ == "__main__":
    main()
