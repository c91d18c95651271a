"""Serves the website widget locally: the demo page, the widget's files and the socket.io client.

`make run` starts it at http://127.0.0.1:8080/ (WIDGET_HOST, WIDGET_PORT). Only a fixed list of files is
served (no directory listing, nothing outside widget/). /demo-config.js is the demo page's
`window.HarmbotConfig`, built from WIDGET_SOCKET_URL (default the local Rasa server) and WIDGET_EXIT_URL.
In production, serve widget/src/ and socket.io-client's dist/socket.io.min.js (as vendor/) from any web
server instead; see the README.
"""

from __future__ import annotations

import argparse
import json
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harmbot import settings  # noqa: E402

WIDGET = Path(__file__).resolve().parent.parent / "widget"
SOCKET_IO_DIST = WIDGET / "node_modules" / "socket.io-client" / "dist"
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".map": "application/json",
    ".png": "image/png",
}


def routes() -> Dict[str, Path]:
    """URL path -> file. Everything else is 404."""
    table = {"/": WIDGET / "demo" / "index.html", "/neutral.html": WIDGET / "demo" / "neutral.html"}
    table.update({f"/demo/{p.name}": p for p in (WIDGET / "demo").iterdir() if p.is_file()})
    table.update({f"/widget/{p.name}": p for p in (WIDGET / "src").iterdir() if p.is_file()})
    for name in ("socket.io.min.js", "socket.io.min.js.map"):
        table[f"/widget/vendor/{name}"] = SOCKET_IO_DIST / name
    return table


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def content_security_policy(socket_url: str) -> str:
    """The demo page runs no inline script or style, and may only talk to itself and the bot."""
    http = origin_of(socket_url)
    ws = http.replace("https://", "wss://", 1).replace("http://", "ws://", 1)
    return (
        f"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
        f"connect-src 'self' {http} {ws}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


def make_handler(socket_url: str, exit_url: str) -> type:
    config_js = "window.HarmbotConfig = {};\n".format(
        json.dumps({"socketUrl": socket_url, "exitUrl": exit_url}, indent=2)
    ).encode()
    csp = content_security_policy(socket_url)
    table = routes()

    class Handler(BaseHTTPRequestHandler):
        server_version = "harmbot-widget"
        sys_version = ""

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            self._serve(send_body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._serve(send_body=False)

        def _serve(self, send_body: bool) -> None:
            path = urlsplit(self.path).path
            status, body, kind = HTTPStatus.OK, config_js, TYPES[".js"]
            file = table.get(path)
            if file is not None and file.is_file():
                body, kind = file.read_bytes(), TYPES.get(file.suffix, "application/octet-stream")
            elif path != "/demo-config.js":
                status, body, kind = HTTPStatus.NOT_FOUND, b"Not found\n", "text/plain; charset=utf-8"
            self.send_response(status)
            self._headers(kind, len(body))
            if send_body:
                self.wfile.write(body)

        def _headers(self, kind: str, length: int) -> None:
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(length))
            # A shared phone should not keep copies of these pages in its cache.
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Referrer-Policy", "no-referrer")
            if kind.startswith("text/html"):
                self.send_header("Content-Security-Policy", csp)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass  # quiet: paths only, but nobody needs them

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=settings.WIDGET_HOST.get())
    parser.add_argument("--port", type=int, default=settings.WIDGET_PORT.get())
    parser.add_argument("--socket-url", default=settings.WIDGET_SOCKET_URL.get())
    parser.add_argument("--exit-url", default=settings.WIDGET_EXIT_URL.get())
    args = parser.parse_args()

    if not (SOCKET_IO_DIST / "socket.io.min.js").is_file():
        print("ERROR: widget/node_modules is missing; run: bash scripts/widget_deps.sh", file=sys.stderr)
        sys.exit(1)
    server = ThreadingHTTPServer((args.host, args.port), make_handler(args.socket_url, args.exit_url))
    print(f"Widget demo at http://{args.host}:{server.server_port}/ (bot at {args.socket_url})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
