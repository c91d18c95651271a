"""Starts the Rasa server like `rasa run --enable-api`, with the HTTP API token, the refused routes and the
batch parse route of extensions/http_api.py.

The token is read from the environment or the mode-600 file, never passed on the command line: any user on
the host can read every process's command line (`ps`, /proc/PID/cmdline), while /proc/PID/environ and the
file are readable only by the same user and root. So `rasa run --auth-token ...` would leak it.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="the trained model (.tar.gz)")
    parser.add_argument("-i", "--interface", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=5005)
    parser.add_argument("--endpoints", default="endpoints.yml")
    parser.add_argument("--credentials", default="credentials.yml")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    from extensions import http_api

    token = http_api.api_token()  # before Rasa's slow imports: without a token, stop at once
    import rasa.api
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.io import configure_colored_logging
    from rasa.utils.log_utils import configure_structlog

    # What `rasa run` sets up before serving (rasa/__main__.py), at its default level (INFO, no --debug).
    configure_logging_and_warnings(logging.INFO, warn_only_once=True, filter_repeated_logs=True)
    configure_colored_logging("INFO")
    configure_structlog(logging.INFO)
    # Routes are added at main_process_start: Sanic fixes its routes before before_server_start.
    listeners = [(http_api.add_routes, "main_process_start"), (http_api.install, "before_server_start")]
    rasa.api.run(
        model=args.model, endpoints=args.endpoints, credentials=args.credentials, interface=args.interface,
        port=args.port, enable_api=True, auth_token=token, server_listeners=listeners,
    )


if __name__ == "__main__":
    main()
