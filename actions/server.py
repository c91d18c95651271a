"""The action server: rasa-sdk's own, answering only callers that send the shared secret, on localhost.

Run as `python -m actions.server --actions actions --port 5055` (scripts/servers.sh does). Rasa sends the
secret in the `X-Action-Secret` header (endpoints.yml); every other caller gets 401, so a forged
`POST /webhook` can no longer file a contact request. `/health` stays open for start-up checks.
The secret: env ACTION_SERVER_SECRET, else $HARMBOT_VAR/action_secret (scripts/common.sh writes it, mode 600).
"""

from __future__ import annotations

import hmac
import sys
from typing import Optional

import pluggy
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from harmbot import settings

SECRET_FILE = "action_secret"
SECRET_HEADER = "X-Action-Secret"
OPEN_PATHS = frozenset({"/health"})

hookimpl = pluggy.HookimplMarker("rasa_sdk")


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

    plugin_manager().register(SecretCheck(settings.secret(settings.ACTION_SERVER_SECRET, SECRET_FILE)))
    # rasa-sdk binds to SANIC_HOST, else 0.0.0.0 (every interface): default to localhost instead.
    settings.set_default("SANIC_HOST", settings.ACTIONS_HOST.get())
    sys.argv[0] = "actions.server"
    sdk_main.main()


if __name__ == "__main__":
    main()
