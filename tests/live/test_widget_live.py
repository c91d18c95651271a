"""The website widget in a real browser (headless Chromium) against the real Rasa socket.io channel.

The widget server (scripts/widget_server.py) serves the demo page; Rasa comes from the session `bot`
fixture. A 360 px screenshot is saved to results/widget-phone.png (copy it to docs/ to update the docs).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterator, List

import pytest
import requests
import websocket
from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from extensions.channels.socketio import conversation_of
from tests.live.harness import ROOT, BotServers, free_port

WIDGET_PORT = free_port()
WIDGET_ORIGIN = f"http://127.0.0.1:{WIDGET_PORT}"
SHORT_IDLE_WIDGET_PORT = free_port()  # the demo site of `short_idle_bot`
SHORT_IDLE_WIDGET_ORIGIN = f"http://127.0.0.1:{SHORT_IDLE_WIDGET_PORT}"
# The session `bot` fixture copies os.environ when it starts Rasa, which happens after collection: its
# socket.io channel then allows this module's widget servers, and only them.
os.environ["WIDGET_ORIGINS"] = (
    f"{os.environ.get('WIDGET_ORIGINS', '')} {WIDGET_ORIGIN} {SHORT_IDLE_WIDGET_ORIGIN}".strip()
)

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
SCREENSHOT = ROOT / "results" / "widget-phone.png"
WAIT = 20  # seconds; every wait is bounded


# ---------- servers and browser ----------

class WidgetServer:
    def __init__(self, port: int, socket_url: str, exit_path: str = "/neutral.html?left-the-chat") -> None:
        self.url = f"http://127.0.0.1:{port}"
        self.exit_url = self.url + exit_path
        self.process = subprocess.Popen(
            [sys.executable, "scripts/widget_server.py", "--port", str(port),
             "--socket-url", socket_url, "--exit-url", self.exit_url],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        BotServers._wait(self.url + "/", 15, self.process)

    def stop(self) -> None:
        BotServers._stop(self.process)


@pytest.fixture(scope="module")
def widget_server(bot) -> Iterator[Callable[..., WidgetServer]]:
    """Starts widget servers: `widget_server()` is the demo site the bot allows; arguments change it."""
    if WIDGET_ORIGIN not in bot.env.get("WIDGET_ORIGINS", ""):
        pytest.fail("Rasa started before this module set WIDGET_ORIGINS; run the live tests in one session.")
    subprocess.run(["bash", "scripts/widget_deps.sh"], cwd=ROOT, check=True)
    started: List[WidgetServer] = []

    def start(port: int = WIDGET_PORT, socket_url: str = bot.url) -> WidgetServer:
        started.append(WidgetServer(port, socket_url))
        return started[-1]

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="module")
def site(widget_server) -> WidgetServer:
    return widget_server()


@pytest.fixture(scope="module")
def short_idle_site(widget_server, short_idle_bot) -> WidgetServer:
    """The demo site talking to a bot whose session ids expire after a few quiet seconds."""
    return widget_server(SHORT_IDLE_WIDGET_PORT, short_idle_bot.url)


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail("Chromium is missing: run `bash scripts/ci_deps.sh` (installs chromium and its driver).")
    profile = tempfile.mkdtemp(prefix="harmbot-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,900", "--lang=en-US", f"--user-data-dir={profile}"):
        options.add_argument(arg)
    options.unhandled_prompt_behavior = "ignore"  # so a test can see an alert() instead of losing it
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser) -> Iterator[WebDriver]:
    """A fresh tab (so an empty sessionStorage) at desktop size, without emulation left over."""
    old = browser.window_handles
    browser.switch_to.new_window("tab")
    for handle in old:
        browser.switch_to.window(handle)
        browser.close()
    browser.switch_to.window(browser.window_handles[0])
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


# ---------- what a person sees and does ----------

def wait_for(driver: WebDriver, condition: Callable[[WebDriver], object], seconds: float = WAIT):
    return WebDriverWait(driver, seconds, poll_frequency=0.1).until(condition)


def bot_messages(driver: WebDriver) -> List[str]:
    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".hb-msg-bot .hb-bubble")]


def user_messages(driver: WebDriver) -> List[str]:
    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".hb-msg-user .hb-bubble")]


def open_chat(driver: WebDriver, url: str) -> None:
    """Opens the demo page and the chat, and waits for the welcome and its menu."""
    driver.get(url)
    wait_for(driver, lambda d: d.find_element(By.CSS_SELECTOR, ".hb-launcher")).click()
    wait_for(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".hb-choice")) >= 6)


def say(driver: WebDriver, text: str) -> str:
    """Types a message, presses Enter, waits for the bot's answer and returns all new bot text."""
    before = len(bot_messages(driver))
    box = driver.find_element(By.ID, "harmbot-input")
    box.send_keys(text + Keys.ENTER)
    wait_for(driver, lambda d: len(bot_messages(d)) > before)
    settle(driver)
    return "\n".join(bot_messages(driver)[before:])


def settle(driver: WebDriver) -> None:
    """Waits until no new bot message has arrived for half a second (a turn can send several)."""
    last = [-1]

    def quiet(d: WebDriver) -> bool:
        count = len(bot_messages(d))
        done = count == last[0]
        last[0] = count
        return done

    WebDriverWait(driver, WAIT, poll_frequency=0.5).until(quiet)


def links(driver: WebDriver, selector: str = ".hb-msg-bot") -> List[str]:
    return [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, f"{selector} a")]


def stored_session_id(driver: WebDriver) -> str:
    return driver.execute_script("return JSON.parse(sessionStorage.getItem('harmbot-chat')).sessionId")


def store_session_id(driver: WebDriver, session_id: str) -> None:
    driver.execute_script(
        "var s = JSON.parse(sessionStorage.getItem('harmbot-chat'));"
        "s.sessionId = arguments[0]; sessionStorage.setItem('harmbot-chat', JSON.stringify(s));",
        session_id,
    )


def notes(driver: WebDriver) -> List[str]:
    """The widget's own lines in the log (a new chat started)."""
    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".hb-note")]


def sleep_until(moment: float) -> None:
    time.sleep(max(0.0, moment - time.monotonic()))


# ---------- tests ----------

def test_welcome_menu_button_and_crisis_numbers_as_tap_to_call_links(page, site):
    open_chat(page, site.url)
    assert "not a person" in bot_messages(page)[0]

    page.find_element(By.XPATH, "//button[@class='hb-choice'][.='What is harm reduction?']").click()
    wait_for(page, lambda d: any("meeting you where you are" in t for t in bot_messages(d)))
    assert user_messages(page) == ["What is harm reduction?"]  # the title is shown, not the payload

    said = say(page, "i want to kill myself tbh")
    assert "911" in said and "988" in said
    hrefs = links(page)
    assert "tel:911" in hrefs
    assert "tel:988" in hrefs and "sms:988" in hrefs
    assert "tel:18004673135" in hrefs and "tel:211" in hrefs
    assert "sms:741741?body=HOME" in hrefs
    # screen readers hear the new bot messages through the live region
    assert "911" in page.find_element(By.CSS_SELECTOR, "[aria-live='polite']").get_attribute("textContent")


def test_typed_html_is_shown_as_text_and_never_runs_also_after_reload(page, site):
    open_chat(page, site.url)
    typed = "<img src=x onerror=alert(1)>"
    say(page, typed)
    assert user_messages(page) == [typed]
    assert not page.find_elements(By.CSS_SELECTOR, ".hb-root img")

    page.refresh()  # the history is rendered again from sessionStorage
    wait_for(page, lambda d: user_messages(d) == [typed])
    assert not page.find_elements(By.CSS_SELECTOR, ".hb-root img")
    with pytest.raises(TimeoutException):
        WebDriverWait(page, 1).until(expected_conditions.alert_is_present())


def test_reload_continues_the_same_conversation(page, site, bot):
    open_chat(page, site.url)
    say(page, "what is harm reduction")
    session_id = stored_session_id(page)
    shown = bot_messages(page)

    page.refresh()
    wait_for(page, lambda d: bot_messages(d) == shown)  # reopened with the history, nothing lost
    assert "chatbot" in say(page, "wait are you a bot")  # the reloaded page still gets the bot's replies
    # confirmed with a freshly issued id for the same conversation, and no "new chat" line
    assert conversation_of(stored_session_id(page)) == conversation_of(session_id)
    assert not notes(page)

    typed = [e["text"] for e in bot.tracker(conversation_of(session_id))["events"] if e["event"] == "user"]
    assert typed[-2:] == ["what is harm reduction", "wait are you a bot"]


def test_clear_chat_starts_a_new_conversation(page, site):
    open_chat(page, site.url)
    say(page, "what is harm reduction")
    old_id = stored_session_id(page)

    page.find_element(By.CSS_SELECTOR, ".hb-clear").click()
    wait_for(page, lambda d: not user_messages(d) and len(d.find_elements(By.CSS_SELECTOR, ".hb-choice")) > 5)
    assert "not a person" in bot_messages(page)[0]  # a fresh welcome, nothing of the old chat
    assert not any("meeting you where you are" in t for t in bot_messages(page))
    assert stored_session_id(page) not in (None, old_id)


def test_quick_exit_wipes_the_chat_and_back_does_not_return_to_it(page, site):
    start = site.url + "/neutral.html?before-the-chat"
    page.get(start)
    open_chat(page, site.url)
    say(page, "what is harm reduction")

    page.find_element(By.CSS_SELECTOR, ".hb-exit").click()
    wait_for(page, lambda d: d.current_url == site.exit_url)
    assert page.execute_script("return sessionStorage.length") == 0

    page.back()
    wait_for(page, lambda d: d.current_url == start)  # the chat page is no longer in the history
    page.get(site.url)
    page.find_element(By.CSS_SELECTOR, ".hb-launcher").click()
    wait_for(page, lambda d: bot_messages(d))
    assert not user_messages(page)


def test_unreachable_bot_shows_a_kind_message_with_911_and_988(page, widget_server):
    closed = widget_server(port=free_port(), socket_url=f"http://127.0.0.1:{free_port()}")
    page.get(closed.url)
    page.find_element(By.CSS_SELECTOR, ".hb-launcher").click()
    # Wait for the text a person sees, not only the element: while the panel is still opening, Selenium reads its
    # text as '' (session 20's CI rehearsal, on a busy machine).
    notice = wait_for(page, lambda d: d.find_element(By.CSS_SELECTOR, ".hb-notice[role='alert']"))
    wait_for(page, lambda d: "can't reach the chat" in notice.text)
    assert {"tel:911", "tel:988", "sms:988"} <= set(links(page, ".hb-notice"))
    assert {"tel:911", "tel:988"} <= set(links(page, ".hb-crisis"))  # the crisis line is always on screen

    box = page.find_element(By.ID, "harmbot-input")
    box.send_keys("hello" + Keys.ENTER)
    wait_for(page, lambda d: "wasn't sent" in d.find_element(By.CSS_SELECTOR, ".hb-notice").text)
    assert box.get_attribute("value") == "hello"  # nothing typed is lost


def test_a_page_on_an_origin_not_allowed_cannot_connect_and_shows_the_fallback(page, widget_server, bot):
    elsewhere = widget_server(port=free_port())
    page.get(elsewhere.url)
    page.find_element(By.CSS_SELECTOR, ".hb-launcher").click()
    wait_for(page, lambda d: d.find_element(By.CSS_SELECTOR, ".hb-notice[role='alert']"))
    assert not bot_messages(page)


def test_socketio_refuses_origins_not_on_the_allow_list(bot, site):
    polling = f"{bot.url}/socket.io/?EIO=4&transport=polling"
    refused = requests.get(polling, headers={"Origin": "https://evil.example"}, timeout=10)
    assert refused.status_code == 400
    allowed = requests.get(polling, headers={"Origin": WIDGET_ORIGIN}, timeout=10)
    assert allowed.status_code == 200
    assert allowed.headers["Access-Control-Allow-Origin"] == WIDGET_ORIGIN

    ws_url = bot.url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
    with pytest.raises(websocket.WebSocketBadStatusException):
        websocket.create_connection(ws_url, origin="https://evil.example", timeout=10)
    ws = websocket.create_connection(ws_url, origin=WIDGET_ORIGIN, timeout=10)
    try:
        assert ws.recv().startswith("0{")  # engine.io's "open" packet
    finally:
        ws.close()


def test_phone_keyboard_only_screen_reader_labels_and_200_percent_zoom(page, site):
    page.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                         {"width": 360, "height": 740, "deviceScaleFactor": 1, "mobile": True})
    page.execute_cdp_cmd("Emulation.setEmulatedMedia",
                         {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]})
    page.get(site.url)
    wait_for(page, lambda d: d.find_elements(By.CSS_SELECTOR, ".hb-exit"))  # the widget loads after the page
    focused = lambda d: d.switch_to.active_element  # noqa: E731
    keys = ActionChains(page)

    keys.send_keys(Keys.TAB).perform()
    assert "hb-exit" in focused(page).get_attribute("class")  # quick exit is the first Tab stop
    keys.send_keys(Keys.TAB).perform()
    assert "hb-launcher" in focused(page).get_attribute("class")
    keys.send_keys(Keys.ENTER).perform()
    wait_for(page, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".hb-choice")) >= 6)
    assert focused(page).get_attribute("id") == "harmbot-input"
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.save_screenshot(str(SCREENSHOT))

    # From the message box, Shift+Tab reaches the newest choice; Enter presses it.
    keys.key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
    choice = focused(page)
    assert choice.text == "Helping someone else"  # the menu's last topic
    assert page.execute_script("return getComputedStyle(arguments[0]).outlineStyle", choice) == "solid"
    keys.send_keys(Keys.ENTER).perform()
    wait_for(page, lambda d: any("looking for ways to help" in t for t in bot_messages(d)))

    controls = page.find_elements(By.CSS_SELECTOR, ".hb-root button, .hb-root input")
    controls = [c for c in controls if c.is_displayed()]
    assert len(controls) > 10 and all(c.accessible_name.strip() for c in controls)
    assert page.find_element(By.ID, "harmbot-input").accessible_name == "Your message"
    panel = page.find_element(By.ID, "harmbot-panel")
    assert page.execute_script("return getComputedStyle(arguments[0]).animationName", panel) == "none"

    # 360 px wide, and a desktop at 200% zoom (1280x800 -> 640x400 CSS px): nothing off screen.
    for width, height in ((360, 740), (640, 400)):
        page.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                             {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        assert page.execute_script("return document.documentElement.scrollWidth") <= width
        for selector in (".hb-exit", ".hb-title", "#harmbot-input", ".hb-send", ".hb-crisis"):
            box = page.find_element(By.CSS_SELECTOR, selector).rect
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (selector, width)
            assert box["y"] >= 0 and box["y"] + box["height"] <= height, (selector, height)
        exit_box, title_box = (page.find_element(By.CSS_SELECTOR, s).rect for s in (".hb-exit", ".hb-title"))
        assert title_box["x"] + title_box["width"] <= exit_box["x"], "quick exit covers the title"


def test_delete_my_chat_clears_the_widget_session_and_the_server_copy(page, site, bot):
    words = "nectarine-saxophone-64"
    open_chat(page, site.url)
    say(page, f"my plant is named {words}")
    old_session = stored_session_id(page)
    assert "Delete it?" in say(page, "wipe out the whole chat please")
    page.find_element(By.XPATH, "//button[@class='hb-choice'][.='Yes, delete it']").click()
    # The widget clears its log and reconnects: read the page with one script, never through stale elements.
    shown = "return document.querySelector('.hb-log') ? document.querySelector('.hb-log').textContent : ''"
    wait_for(page, lambda d: "deleted this conversation" in d.execute_script(shown)
             and words not in d.execute_script(shown))
    session = "return (JSON.parse(sessionStorage.getItem('harmbot-chat') || '{}') || {}).sessionId || null"
    wait_for(page, lambda d: d.execute_script(session) not in (None, old_session))
    assert conversation_of(page.execute_script(session)) != conversation_of(old_session)
    stored = page.execute_script("return sessionStorage.getItem('harmbot-chat')")
    assert words not in stored and "deleted this conversation" in stored  # the confirmation stays
    assert not [e for e in bot.tracker(conversation_of(old_session))["events"] if e["event"] in ("user", "bot")]
    assert not notes(page), "a deleted chat is not announced as an idle one"


# ---------- session ids that expire when idle ----------

def test_a_session_id_from_before_ids_expired_starts_a_new_chat_with_a_kind_line(page, site, bot):
    open_chat(page, site.url)
    say(page, "what is harm reduction")
    conversation = conversation_of(stored_session_id(page))
    # What the widget stored before this change: `web-<random>.<signature>`, signed with this bot's secret.
    secret = bot.env["SOCKET_SESSION_SECRET"].encode()
    signature = hmac.new(secret, conversation.encode(), hashlib.sha256).hexdigest()[:32]
    store_session_id(page, f"{conversation}.{signature}")

    shown = bot_messages(page)
    page.refresh()
    wait_for(page, lambda d: any("new chat" in n for n in notes(d)))
    wait_for(page, lambda d: any("not a person" in t for t in bot_messages(d)[len(shown):]))  # a new welcome
    assert conversation_of(stored_session_id(page)) not in (conversation, "")
    assert "chatbot" in say(page, "wait are you a bot")
    typed = [e["text"] for e in bot.tracker(conversation)["events"] if e["event"] == "user"]
    assert "wait are you a bot" not in typed, "the old conversation was not resumed"


def test_chatting_and_reloading_keep_the_conversation_but_an_idle_one_starts_afresh(
    page, short_idle_site, short_idle_bot
):
    limit = float(short_idle_bot.env["HARMBOT_SOCKET_SESSION_MAX_IDLE_SECONDS"])
    open_chat(page, short_idle_site.url)
    issued = time.monotonic()
    first_id = stored_session_id(page)
    conversation = conversation_of(first_id)
    say(page, "what is harm reduction")

    sleep_until(issued + limit * 0.6)  # past the refresh interval (half the limit, here)
    say(page, "wait are you a bot")
    wait_for(page, lambda d: stored_session_id(d) != first_id)  # the widget kept the refreshed id
    refreshed = stored_session_id(page)
    assert conversation_of(refreshed) == conversation

    sleep_until(issued + limit + 1.5)  # the first id has expired, the refreshed one has not
    shown = bot_messages(page)
    page.refresh()
    wait_for(page, lambda d: bot_messages(d) == shown)
    wait_for(page, lambda d: stored_session_id(d) != refreshed)
    assert conversation_of(stored_session_id(page)) == conversation, "a reload within the limit resumes"
    assert not notes(page)
    reloaded = time.monotonic()

    sleep_until(reloaded + limit + 2)  # now quiet for longer than the limit
    page.refresh()
    wait_for(page, lambda d: any("new chat" in n for n in notes(d)))
    wait_for(page, lambda d: any("not a person" in t for t in bot_messages(d)[len(shown):]))  # a new welcome
    assert conversation_of(stored_session_id(page)) != conversation
    assert bot_messages(page)[: len(shown)] == shown, "what was said stays on screen, above the line"


# ---------- dlg11: the widget's own lines in Spanish ----------

SPANISH_BROWSER = ("Object.defineProperty(navigator, 'language', {get: () => 'es-MX'});"
                   "Object.defineProperty(navigator, 'languages', {get: () => ['es-MX', 'es']});")


def notice_text(driver: WebDriver) -> str:
    """The alert notice's words, or "" while there is none or it is being redrawn."""
    try:
        return driver.find_element(By.CSS_SELECTOR, ".hb-notice[role='alert']").text
    except (NoSuchElementException, StaleElementReferenceException):
        return ""


def spanish_browser(driver: WebDriver) -> None:
    """This tab's pages see a browser set to Spanish (Mexico)."""
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": SPANISH_BROWSER})


def widget_lines(driver: WebDriver) -> dict:
    find = driver.find_element
    return {"exit": find(By.CSS_SELECTOR, ".hb-exit").text,
            "placeholder": find(By.ID, "harmbot-input").get_attribute("placeholder"),
            "send": find(By.CSS_SELECTOR, ".hb-send").text,
            "clear": find(By.CSS_SELECTOR, ".hb-clear").text,
            "crisis": find(By.CSS_SELECTOR, ".hb-crisis").text,
            "lang": find(By.CSS_SELECTOR, ".hb-root").get_attribute("lang")}


def test_a_spanish_browser_gets_the_widget_in_spanish_then_it_follows_the_bots_language(page, site):
    spanish_browser(page)
    page.get(site.url)
    launcher = wait_for(page, lambda d: d.find_element(By.CSS_SELECTOR, ".hb-launcher"))
    assert launcher.text == "Chatear con la guía de apoyo entre pares"
    launcher.click()
    wait_for(page, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".hb-choice")) >= 6)
    # The welcome is asked for in Spanish, so the bot starts in Spanish too.
    assert bot_messages(page)[0].startswith("Hola, soy una guía automática")
    lines = widget_lines(page)
    assert lines["exit"] == "Salida rápida" and lines["placeholder"] == "Escribe un mensaje"
    assert lines["send"] == "Enviar" and lines["clear"] == "Borrar chat" and lines["lang"] == "es"
    assert "Llama al 911" in lines["crisis"] and "envía un mensaje al 988" in lines["crisis"]
    assert {"tel:911", "tel:988", "sms:988", "sms:988?body=AYUDA"} <= set(links(page, ".hb-crisis"))
    # Spanish numbers in the bot's own replies become links too.
    assert "sms:988" in links(page)

    # Writing in English: the bot answers in English and the widget's lines follow, and stay after a reload.
    said = say(page, "hi, what is harm reduction exactly?")
    assert "meeting you where you are" in said, said
    lines = widget_lines(page)
    assert lines["exit"] == "Quick exit" and lines["placeholder"] == "Type a message" and lines["lang"] == "en"
    page.refresh()
    wait_for(page, lambda d: d.find_element(By.CSS_SELECTOR, ".hb-exit").text == "Quick exit")


def test_an_english_browser_keeps_english_until_the_bot_answers_in_spanish(page, site):
    open_chat(page, site.url)
    assert widget_lines(page)["placeholder"] == "Type a message"
    said = say(page, "hola, tengo ganas de cortarme ahora mismo")
    assert "Gracias por contármelo" in said, said
    wait_for(page, lambda d: widget_lines(d)["exit"] == "Salida rápida")
    assert widget_lines(page)["send"] == "Enviar"


def test_a_spanish_browser_gets_the_unreachable_line_in_spanish_with_911_and_988(page, widget_server):
    closed = widget_server(port=free_port(), socket_url=f"http://127.0.0.1:{free_port()}")
    spanish_browser(page)
    page.get(closed.url)
    page.find_element(By.CSS_SELECTOR, ".hb-launcher").click()
    # Wait for the notice's words, not only its element, and look again if it was redrawn: stop 27's CI failed
    # here once (its output kept no reason) while the same test passes alone.
    said = wait_for(page, lambda d: notice_text(d) if "911" in notice_text(d) else None)
    assert "no puedo conectarme al chat" in said
    assert {"tel:911", "tel:988", "sms:988"} <= set(links(page, ".hb-notice"))
