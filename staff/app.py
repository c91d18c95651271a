"""The staff console's web app (Sanic, the web framework Rasa itself runs on).

Every page and every /api/ path needs a signed-in staff session; every change needs the session's CSRF
token (form field `csrf` or header X-CSRF-Token). Templates escape everything they show.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import secrets
from pathlib import Path
from typing import Any, Optional
from urllib.parse import quote, urlsplit

import aiohttp
import sqlalchemy as sa
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from harmbot.domain import responses
from harmbot.storage import contact_store
from staff import auth, charts, content, conversation, stories, usage
from staff.settings import ROOT, Settings
from staff.settings import load as load_settings

HERE = Path(__file__).resolve().parent
SESSION_COOKIE = "staff_session"
LOGIN_CSRF_COOKIE = "staff_login_csrf"
# The sign-in page and the style sheet are open; everything else needs a session.
OPEN_PAGE, OPEN_PREFIX = "/login", "/static/"
STATIC_DIR = HERE / "static"
# All a session opened with a one-time password may reach, until the person has chosen their own.
PASSWORD_PAGE, LOGOUT = "/password", "/logout"
MAX_MESSAGE_CHARS = 2000
SECURITY_HEADERS = {
    # No inline script, no other origin: the console only ever talks to itself.
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

templates = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]))


def create_app(settings: Optional[Settings] = None) -> Sanic:
    settings = settings or load_settings()
    app = Sanic("harmbot_staff_console")
    app.ctx.settings = settings
    app.ctx.users = auth.UserStore(settings.users_file)
    app.ctx.sessions = auth.Sessions()
    app.ctx.limits = auth.RateLimit()
    app.static("/static", str(STATIC_DIR), name="static")
    app.middleware("request")(_require_session)
    app.middleware("response")(_security_headers)
    _routes(app)
    return app


# ---------- sessions ----------

def _session(request: Request) -> Optional[auth.Session]:
    return request.app.ctx.sessions.get(request.cookies.get(SESSION_COOKIE))


async def _require_session(request: Request) -> Optional[HTTPResponse]:
    path = request.path
    if path == OPEN_PAGE:
        return None
    if path.startswith(OPEN_PREFIX):
        # Only the files themselves: the folder (or a path out of it) is not found, never an error page.
        wanted = (STATIC_DIR / path[len(OPEN_PREFIX):]).resolve()
        if not wanted.is_file() or not wanted.is_relative_to(STATIC_DIR):
            return response.text("Not found.", status=404)
        return None
    is_api = path == "/api" or path.startswith("/api/")
    # Back to the very page after signing in, its search or period included (/content?q=988).
    here = f"{path}?{request.query_string}" if request.query_string else path
    session = _session(request)
    if session is None:
        if is_api:
            return response.json({"error": "Sign in first."}, status=401)
        if path == LOGOUT:
            return response.redirect("/login")  # already signed out: nothing to come back to afterwards
        return response.redirect(f"/login?next={quote(here)}")
    request.ctx.session = session
    if request.method not in ("GET", "HEAD"):
        sent = request.headers.get("x-csrf-token") or (request.form.get("csrf") if request.form else None)
        if not auth.csrf_ok(session, sent):
            return response.json({"error": "The page is out of date: reload it and try again."}, status=403)
    if session.must_choose_password and path not in (PASSWORD_PAGE, LOGOUT):
        if is_api:
            return response.json({"error": "Choose your own password first."}, status=403)
        return response.redirect(f"{PASSWORD_PAGE}?next={quote(here)}")
    return None


async def _security_headers(_: Request, resp: HTTPResponse) -> None:
    for name, value in SECURITY_HEADERS.items():
        resp.headers.setdefault(name, value)


def _set_cookie(resp: HTTPResponse, name: str, value: str, settings: Settings, max_age: int) -> None:
    resp.cookies[name] = value
    cookie = resp.cookies[name]
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    cookie["path"] = "/"
    cookie["max-age"] = max_age
    if settings.secure_cookies:
        cookie["secure"] = True


def _page(template: str, request: Request, **values: Any) -> HTTPResponse:
    session = getattr(request.ctx, "session", None)
    html = templates.get_template(template).render(
        user=session.user if session else None, csrf=session.csrf if session else "", path=request.path,
        choosing_password=bool(session and session.must_choose_password), **values
    )
    return response.html(html)


def _safe_next(target: Optional[str]) -> str:
    """Only a local path: a sign-in link can never send someone to another site."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target \
            or urlsplit(target).netloc:
        return "/"
    return target


def _routes(app: Sanic) -> None:
    settings: Settings = app.ctx.settings

    def rasa() -> conversation.RasaClient:
        return conversation.RasaClient(settings.rasa_url, settings.token)

    def login_token(request: Request) -> str:
        # Kept while the cookie lives: a second tab (or the browser's favicon request, which also lands
        # here) must not invalidate the form already on screen.
        return request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(24)

    @app.get("/login")
    async def login_form(request: Request) -> HTTPResponse:
        token = login_token(request)
        resp = _page("login.html", request, login_csrf=token, next=_safe_next(request.args.get("next")), error=None)
        _set_cookie(resp, LOGIN_CSRF_COOKIE, token, settings, 3600)
        return resp

    @app.post("/login")
    async def login(request: Request) -> HTTPResponse:
        form = request.form or {}
        name, password = (form.get("name") or "").strip(), form.get("password") or ""
        target = _safe_next(form.get("next"))
        cookie_token = request.cookies.get(LOGIN_CSRF_COOKIE) or ""
        address = request.remote_addr or request.ip or "?"
        error, status = None, 200
        if not cookie_token or not secrets.compare_digest(cookie_token, form.get("csrf") or ""):
            error, status = "The sign-in page was out of date. Please try again.", 403
        elif app.ctx.limits.blocked(f"name:{name}", f"ip:{address}"):
            error, status = "Too many failed sign-ins. Wait five minutes and try again.", 429
        elif not app.ctx.users.verify(name, password):
            app.ctx.limits.failed(f"name:{name}", f"ip:{address}")
            error, status = "That name and password don't match a staff account.", 401
        if error:
            token = login_token(request)
            resp = _page("login.html", request, login_csrf=token, next=target, error=error, name=name)
            resp.status = status
            _set_cookie(resp, LOGIN_CSRF_COOKIE, token, settings, 3600)
            return resp
        one_time = app.ctx.users.is_one_time(name)
        # A one-time password leads to the page where the person chooses their own, then on to the target.
        resp = response.redirect(f"{PASSWORD_PAGE}?next={quote(target)}" if one_time else target)
        _set_cookie(resp, SESSION_COOKIE, app.ctx.sessions.open(name, one_time), settings, auth.SESSION_SECONDS)
        return resp

    # Only a one-time password leads here. Anyone else asks for a reset (`make staff-user NAME`): a session
    # left open on a shared screen must not be enough to take the account over.
    @app.get(PASSWORD_PAGE)
    async def password_form(request: Request) -> HTTPResponse:
        if not request.ctx.session.must_choose_password:
            return response.redirect("/")
        return _page("password.html", request, next=_safe_next(request.args.get("next")), error=None,
                     min_chars=auth.MIN_PASSWORD_CHARS)

    @app.post(PASSWORD_PAGE)
    async def choose_password(request: Request) -> HTTPResponse:
        form, session = request.form or {}, request.ctx.session
        if not session.must_choose_password:
            return response.json({"error": "Ask for a password reset (make staff-user NAME)."}, status=403)
        target = _safe_next(form.get("next"))
        password = form.get("password") or ""
        error = None
        if password != (form.get("repeat") or ""):
            error = "The two passwords are not the same."
        else:
            try:
                app.ctx.users.set_password(session.user, password)
            except ValueError as problem:
                error = str(problem)
        if error:
            resp = _page("password.html", request, next=target, error=error, min_chars=auth.MIN_PASSWORD_CHARS)
            resp.status = 400
            return resp
        session.must_choose_password = False
        return response.redirect(target)

    # Signing out changes state, so it is a POST with the CSRF token; a typed or bookmarked /logout gets a
    # page with that button (Sanic's own answer was a bare 405 page).
    @app.get(LOGOUT)
    async def logout_page(request: Request) -> HTTPResponse:
        return _page("logout.html", request)

    @app.post(LOGOUT)
    async def logout(request: Request) -> HTTPResponse:
        app.ctx.sessions.close(request.cookies.get(SESSION_COOKIE))
        resp = response.redirect("/login")
        del resp.cookies[SESSION_COOKIE]
        return resp

    # ---------- try a conversation ----------

    @app.get("/")
    async def chat(request: Request) -> HTTPResponse:
        return _page("chat.html", request, flows=_flows(), sender=conversation.new_sender())

    @app.post("/api/turn")
    async def turn(request: Request) -> HTTPResponse:
        body = request.json or {}
        sender, text = str(body.get("sender") or ""), str(body.get("text") or "").strip()
        if not conversation.is_staff_sender(sender):
            return response.json({"error": "Not a staff test conversation."}, status=400)
        if not text or len(text) > MAX_MESSAGE_CHARS:
            return response.json({"error": f"Type a message of 1 to {MAX_MESSAGE_CHARS} characters."}, status=400)
        client = rasa()
        try:
            first_text = not any(e.get("event") == "user" for e in await client.events(sender))
            messages = await client.say(sender, text)
            parse, events = await asyncio.gather(client.parse(text), client.events(sender))
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            return response.json({"error": f"The bot did not answer ({type(error).__name__}). Is `make run` "
                                           "running?"}, status=502)
        return response.json({
            "messages": conversation.widget_view(messages),
            "sms": conversation.sms_view(messages, first_text),
            "reasons": conversation.explain(events, parse),
        })

    @app.get("/api/flows")
    async def flows(_: Request) -> HTTPResponse:
        return response.json(_flows())

    @app.post("/api/restart")
    async def restart(_: Request) -> HTTPResponse:
        return response.json({"sender": conversation.new_sender()})

    # ---------- save as a test, run saved tests ----------

    @app.post("/api/save")
    async def save(request: Request) -> HTTPResponse:
        body = request.json or {}
        sender = str(body.get("sender") or "")
        if not conversation.is_staff_sender(sender):
            return response.json({"error": "Not a staff test conversation."}, status=400)
        name = " ".join(str(body.get("name") or "").split())[:80] or f"staff conversation {sender}"
        try:
            path = stories.save_story(settings.stories_dir, name, await rasa().events(sender))
        except ValueError as error:
            return response.json({"error": str(error)}, status=400)
        except aiohttp.ClientError:
            return response.json({"error": "The bot did not answer. Is `make run` running?"}, status=502)
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        return response.json({"file": str(shown), "name": path.name})

    @app.get("/tests")
    async def tests_page(request: Request) -> HTTPResponse:
        return _page("tests.html", request, files=[p.name for p in stories.saved_files(settings.stories_dir)])

    @app.post("/api/tests/run")
    async def run_tests(request: Request) -> HTTPResponse:
        wanted = (request.json or {}).get("file")
        results = []
        for path in stories.saved_files(settings.stories_dir):
            if wanted and path.name != wanted:
                continue
            try:
                results += [r.__dict__ for r in await stories.replay(rasa(), path)]
            except (aiohttp.ClientError, asyncio.TimeoutError):
                return response.json({"error": "The bot did not answer. Is `make run` running?"}, status=502)
            except Exception as error:  # a hand-edited file that isn't a story: say which, go on
                results.append({"file": path.name, "story": "", "passed": False,
                                "difference": f"Could not read this file: {error}", "turns": 0})
        return response.json({"results": results})

    # ---------- content review and sign-off ----------

    @app.get("/content")
    async def content_page(request: Request) -> HTTPResponse:
        items = content.collect()
        query, capability = request.args.get("q", ""), request.args.get("capability", "")
        return _page(
            "content.html", request, items=content.search(items, query, capability), total=len(items), q=query,
            capability=capability, capabilities=sorted({i.capability for i in items}),
            content_hash=content.content_hash(items), last=content.last_signoff(settings.signoff_file),
            changes=content.changes_since_signoff(settings.signoff_file, items),
            stale=[i for i in items if i.stale], stale_days=content.STALE_AFTER_DAYS,
            signed=request.args.get("signed"),
        )

    @app.get("/content.csv")
    async def content_csv(request: Request) -> HTTPResponse:
        items = content.search(content.collect(), request.args.get("q", ""), request.args.get("capability", ""))
        return response.text(content.to_csv(items), content_type="text/csv; charset=utf-8", headers={
            "Content-Disposition": f'attachment; filename="bot-content-{dt.date.today().isoformat()}.csv"'})

    @app.get("/content/print")
    async def content_print(request: Request) -> HTTPResponse:
        items = content.collect()
        return _page("content_print.html", request, items=items, content_hash=content.content_hash(items),
                     last=content.last_signoff(settings.signoff_file), today=dt.date.today().isoformat(),
                     stale_days=content.STALE_AFTER_DAYS)

    @app.post("/content/signoff")
    async def signoff(request: Request) -> HTTPResponse:
        form = request.form or {}
        items = content.collect()
        if form.get("content_hash") != content.content_hash(items):
            return _page("message.html", request, title="Content changed",
                         text="The content changed while you were reviewing it. Reload the page and review again.")
        try:
            content.record_signoff(settings.signoff_file, form.get("reviewer") or "", items)
        except ValueError as error:
            return _page("message.html", request, title="Sign-off not recorded", text=str(error))
        return response.redirect("/content?signed=1")

    # ---------- usage ----------

    @app.get("/usage")
    async def usage_page(request: Request) -> HTTPResponse:
        try:
            days = min(max(int(request.args.get("days", "30")), 1), 365)
        except ValueError:
            days = 30
        figures = await asyncio.get_running_loop().run_in_executor(None, _usage, settings, days)
        return _page(
            "usage.html", request, u=figures, days=days,
            per_day_chart=charts.stacked_days(figures.per_day, figures.channels, "Conversations per day", "per-day"),
            topics_chart=charts.horizontal_bars(list(figures.topics.items()), "Topics reached", "topics"),
            safety_chart=charts.horizontal_bars(
                [("Crisis replies", figures.crisis_replies), ("Emergency (911) replies", figures.emergency_replies),
                 ("Fallback replies", figures.fallbacks)], "Safety replies and fallbacks", "safety"),
        )

    # Unknown paths: after the session check above, so an unknown /api/ path is 401 until signed in.
    @app.route("/api/<rest:path>", methods=["GET", "POST", "PUT", "DELETE", "PATCH"])
    async def api_not_found(_: Request, rest: str) -> HTTPResponse:
        return response.json({"error": "No such API path."}, status=404)

    @app.route("/<rest:path>", methods=["GET", "POST"])
    async def page_not_found(request: Request, rest: str) -> HTTPResponse:
        resp = _page("message.html", request, title="Page not found", text="There is no page at this address.")
        resp.status = 404
        return resp


def _flows() -> list:
    """The menu's topics and their payloads: sending one starts the conversation in that flow."""
    return [{"title": b["title"], "payload": b["payload"]}
            for b in (responses().get("utter_menu") or [{}])[0].get("buttons") or []]


def _usage(settings: Settings, days: int) -> usage.Usage:
    waiting = usage.waiting_contact_requests(contact_store.database_url())
    if usage.missing_sqlite_file(settings.tracker_db_url):
        return usage.empty(days, waiting)  # no conversation yet; don't create the file
    engine = sa.create_engine(settings.tracker_db_url)
    try:
        return usage.compute(engine, days=days, waiting=waiting)
    finally:
        engine.dispose()
