"""The staff console's sign-in over HTTP: `python -m staff` on a free port, no bot needed.

A one-time password from `make staff-user` opens only the page where the person chooses their own; after
that it no longer signs anyone in. Sign-in is rate-limited per name and address, and leads back to the page
asked for, its query included. The static folder itself is not found (it used to be a server error).
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator, Tuple

import pytest
import requests

from staff import auth

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(var: Path) -> Iterator[Tuple[str, Path]]:
    port = _free_port()
    env = {"PATH": "/usr/bin:/bin", "HARMBOT_VAR": str(var), "STAFF_PORT": str(port), "STAFF_HOST": "127.0.0.1",
           "STAFF_USERS_FILE": str(var / "users.json"), "RASA_PORT": str(_free_port())}
    process = subprocess.Popen([sys.executable, "-m", "staff"], cwd=ROOT, env=env,
                               stdout=open(var / "staff.log", "wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while True:
        try:
            requests.get(url + "/login", timeout=2)
            break
        except requests.ConnectionError:
            assert process.poll() is None and time.time() < deadline, (var / "staff.log").read_text()
            time.sleep(0.2)
    yield url, var / "users.json"
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="module")
def console(tmp_path_factory) -> Iterator[Tuple[str, Path]]:
    yield from _serve(tmp_path_factory.mktemp("staff"))


@pytest.fixture
def fresh_console(tmp_path) -> Iterator[Tuple[str, Path]]:
    """A console of its own: the sign-in limit counts every failure from this address."""
    yield from _serve(tmp_path)


def sign_in(url: str, name: str, password: str, target: str = "/usage") -> Tuple[requests.Session, requests.Response]:
    session = requests.Session()
    page = session.get(f"{url}/login", params={"next": target}, timeout=10).text
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    answer = session.post(f"{url}/login", data={"csrf": token, "name": name, "password": password, "next": target},
                          allow_redirects=False, timeout=10)
    return session, answer


def page_csrf(session: requests.Session, url: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', session.get(url, timeout=10).text).group(1)


def test_a_one_time_password_opens_only_the_page_to_choose_ones_own(console):
    url, users_file = console
    one_time = auth.UserStore(users_file).create("robin")
    session, answer = sign_in(url, "robin", one_time)
    assert answer.status_code == 302 and answer.headers["Location"] == "/password?next=/usage"
    # Nothing else until the person has chosen a password: pages lead back, the API refuses.
    assert session.get(f"{url}/content", allow_redirects=False, timeout=10).headers["Location"].startswith("/password")
    assert session.get(f"{url}/api/flows", timeout=10).status_code == 403
    token = page_csrf(session, f"{url}/password?next=/usage")
    short = session.post(f"{url}/password", data={"csrf": token, "password": "short", "repeat": "short"}, timeout=10)
    assert short.status_code == 400 and "at least 12 characters" in short.text
    typo = session.post(f"{url}/password", data={"csrf": token, "password": "a long passphrase",
                                                  "repeat": "a long passphrasE"}, timeout=10)
    assert typo.status_code == 400 and "not the same" in typo.text
    chosen = session.post(f"{url}/password", data={"csrf": token, "password": "a long passphrase",
                                                    "repeat": "a long passphrase", "next": "/usage"},
                          allow_redirects=False, timeout=10)
    assert chosen.status_code == 302 and chosen.headers["Location"] == "/usage"
    assert session.get(f"{url}/usage", timeout=10).status_code == 200
    assert session.get(f"{url}/api/flows", timeout=10).status_code == 200
    assert one_time not in users_file.read_text() and "a long passphrase" not in users_file.read_text()

    assert sign_in(url, "robin", one_time)[1].status_code == 401  # used once: it no longer signs in
    again = sign_in(url, "robin", "a long passphrase")[1]
    assert again.status_code == 302 and again.headers["Location"] == "/usage"


def test_choosing_a_password_needs_the_pages_csrf_token(console):
    url, users_file = console
    session, _ = sign_in(url, "sam", auth.UserStore(users_file).create("sam"))
    forged = session.post(f"{url}/password", data={"password": "a long passphrase", "repeat": "a long passphrase"},
                          timeout=10)
    assert forged.status_code == 403
    assert auth.UserStore(users_file).is_one_time("sam")


def test_sign_in_is_refused_after_five_failures_even_with_the_right_password(fresh_console):
    url, users_file = fresh_console
    password = auth.UserStore(users_file).create("kim")
    for _ in range(auth.MAX_ATTEMPTS):
        assert sign_in(url, "kim", "wrong password")[1].status_code == 401
    blocked = sign_in(url, "kim", password)[1]
    assert blocked.status_code == 429 and "Too many failed sign-ins" in blocked.text


def test_the_static_folder_itself_is_not_found(console):
    url, _ = console
    assert requests.get(f"{url}/static/console.css", timeout=10).status_code == 200
    for path in ("/static/", "/static/nothing.css"):
        assert requests.get(url + path, timeout=10).status_code == 404, path


def test_signing_in_leads_back_to_the_page_with_its_search(console):
    url, users_file = console
    store = auth.UserStore(users_file)
    store.create("lee")
    store.set_password("lee", "a long passphrase")
    asked = requests.get(f"{url}/content?q=988&capability=crisis", allow_redirects=False, timeout=10)
    assert asked.status_code == 302
    target = requests.utils.unquote(asked.headers["Location"].split("next=", 1)[1])
    assert target == "/content?q=988&capability=crisis"
    _, answer = sign_in(url, "lee", "a long passphrase", target=target)
    assert answer.status_code == 302 and answer.headers["Location"] == "/content?q=988&capability=crisis"


def test_an_open_session_is_not_enough_to_change_a_chosen_password(console):
    url, users_file = console
    store = auth.UserStore(users_file)
    store.create("ash")
    store.set_password("ash", "ash's own passphrase")
    session, _ = sign_in(url, "ash", "ash's own passphrase")
    assert session.get(f"{url}/password", allow_redirects=False, timeout=10).headers["Location"] == "/"
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', session.get(f"{url}/", timeout=10).text).group(1)
    taken = session.post(f"{url}/password", data={"csrf": csrf, "password": "someone else's pass",
                                                  "repeat": "someone else's pass"}, allow_redirects=False, timeout=10)
    assert taken.status_code == 403
    assert store.verify("ash", "ash's own passphrase") and not store.verify("ash", "someone else's pass")


def test_opening_logout_in_the_browser_offers_a_sign_out_button_that_signs_out(console):
    # A typed or bookmarked /logout used to get Sanic's "405 Method Not Allowed" page.
    url, users_file = console
    store = auth.UserStore(users_file)
    store.create("jo")
    store.set_password("jo", "jo's own passphrase")
    session, _ = sign_in(url, "jo", "jo's own passphrase")
    page = session.get(f"{url}/logout", timeout=10)
    assert page.status_code == 200 and "Method Not Allowed" not in page.text
    assert "Sign out of the staff console" in page.text and 'action="/logout"' in page.text
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    assert session.post(f"{url}/logout", timeout=10, allow_redirects=False).status_code == 403  # no token
    out = session.post(f"{url}/logout", data={"csrf": token}, allow_redirects=False, timeout=10)
    assert out.status_code == 302 and out.headers["Location"] == "/login"
    assert session.get(f"{url}/usage", allow_redirects=False, timeout=10).headers["Location"].startswith("/login")


def test_logout_when_already_signed_out_goes_to_the_sign_in_page(console):
    url, _ = console
    answer = requests.get(f"{url}/logout", allow_redirects=False, timeout=10)
    assert answer.status_code == 302 and answer.headers["Location"] == "/login"
