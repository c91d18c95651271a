"""The website widget without a browser: the socket.io origin allow-list and the local widget server.

The widget itself is tested in headless Chromium in tests/live/test_widget_live.py.
"""

from __future__ import annotations

import asyncio
import threading
from http.server import ThreadingHTTPServer
from typing import Iterator

import pytest
import requests

from extensions.channels.socketio import GuardedSocketIOInput, configured_origins, mark_websocket_route
from scripts import widget_server


def test_widget_origins_env_overrides_credentials():
    env = {"WIDGET_ORIGINS": "https://www.example.org, https://portal.example.gov"}
    assert configured_origins(["https://other.example"], env) == [
        "https://www.example.org", "https://portal.example.gov"
    ]


def test_widget_origins_from_credentials_are_normalised_like_a_browser_origin():
    assert configured_origins(["https://WWW.Example.org/"], {}) == ["https://www.example.org"]


def test_without_configuration_only_the_local_widget_server_may_connect():
    assert configured_origins(None, {}) == ["http://127.0.0.1:8080", "http://localhost:8080"]


@pytest.mark.parametrize("bad", ["www.example.org", "https://www.example.org/chat", "ftp://example.org"])
def test_an_origin_that_could_never_match_stops_start_up(bad):
    with pytest.raises(ValueError, match="must look like"):
        configured_origins([bad], {})


def test_an_empty_allow_list_is_refused_instead_of_turning_the_origin_check_off():
    # engine.io reads [] as "no Origin check at all"
    with pytest.raises(ValueError, match="empty"):
        configured_origins([], {})


def test_the_channel_passes_the_allow_list_to_engineio(monkeypatch):
    monkeypatch.delenv("WIDGET_ORIGINS", raising=False)
    channel = GuardedSocketIOInput.from_credentials(
        {"session_persistence": True, "cors_allowed_origins": ["https://www.example.org"], "session_secret": "k"}
    )

    async def on_new_message(_):
        return None

    channel.blueprint(on_new_message)
    assert channel.session_persistence is True
    assert channel.sio.eio.cors_allowed_origins == ["https://www.example.org"]


class ClosedSessionEngine:
    """engine.io's request handler as it behaves for a polling socket that has closed."""

    def __init__(self, error: str) -> None:
        self.error = error

    async def handle_request(self, *_: object) -> None:
        raise KeyError(self.error)


def test_a_poll_for_a_closed_socket_is_answered_400_not_a_500_with_a_traceback():
    engine = ClosedSessionEngine("Session is disconnected")
    mark_websocket_route(engine)
    answer = asyncio.run(engine.handle_request("request"))
    assert answer.status == 400


def test_other_errors_in_engineio_are_not_hidden():
    engine = ClosedSessionEngine("sid")
    mark_websocket_route(engine)
    with pytest.raises(KeyError):
        asyncio.run(engine.handle_request("request"))


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    handler = widget_server.make_handler("http://127.0.0.1:5005", "https://www.google.com/search?q=weather")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def test_widget_server_serves_the_demo_page_with_a_strict_content_security_policy(server):
    response = requests.get(server + "/", timeout=5)
    assert response.status_code == 200 and "harmbot-widget.js" in response.text
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "connect-src 'self' http://127.0.0.1:5005 ws://127.0.0.1:5005" in policy
    assert response.headers["Cache-Control"] == "no-store"


def test_widget_server_gives_the_demo_its_config(server):
    config = requests.get(server + "/demo-config.js", timeout=5).text
    assert '"socketUrl": "http://127.0.0.1:5005"' in config and '"exitUrl"' in config


@pytest.mark.parametrize("path", ["/widget/../../credentials.yml", "/widget/", "/scripts/widget_server.py",
                                  "/widget/node_modules/socket.io-client/package.json"])
def test_widget_server_serves_nothing_but_its_own_files(server, path):
    assert requests.get(server + path, timeout=5).status_code == 404
