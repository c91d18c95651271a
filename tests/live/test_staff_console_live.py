"""The staff console in a real browser (headless Chromium) against the real bot.

A staff member signs in (with the one-time password from `make staff-user`, then chooses their own),
talks to the bot and reads why it answered (a crisis message shows its risk),
switches to the SMS view, saves the conversation as a test and runs it, exports the content as CSV,
signs it off, and looks at the usage charts. Without signing in, pages lead to the sign-in page and
every /api/ path answers 401. The content table fits a tablet's width; the chat works by keyboard alone.
A screenshot is saved to results/staff-console.png (docs/ has a copy).
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable, Iterator

import pytest
import requests
from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.live.harness import ROOT, BotServers, free_port

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
SCREENSHOT = ROOT / "results" / "staff-console.png"
WAIT = 30  # seconds; every wait is bounded
CHOSEN_PASSWORD = "a long staff passphrase"


class Console:
    """The staff console as `make run` starts it (python -m staff), on a free port, with its own account
    file, stories folder and sign-off file so the test leaves the repository as it was."""

    def __init__(self, bot: BotServers) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="harmbot-staff-"))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.stories = self.dir / "stories"
        self.signoff = self.dir / "content-signoff.yml"
        self.env = {**bot.env, "RASA_HOST": "127.0.0.1", "RASA_PORT": str(bot.rasa_port),
                    "STAFF_PORT": str(self.port), "STAFF_USERS_FILE": str(self.dir / "users.json"),
                    "STAFF_STORIES_DIR": str(self.stories), "CONTENT_SIGNOFF_FILE": str(self.signoff)}
        made = subprocess.run([sys.executable, "-m", "staff", "add-user", "alex"], cwd=ROOT, env=self.env,
                              capture_output=True, text=True, check=True).stdout
        self.password = re.search(r"password, shown only now: (\S+)", made).group(1)
        self.process = subprocess.Popen([sys.executable, "-m", "staff"], cwd=ROOT, env=self.env,
                                        stdout=open(self.dir / "staff.log", "wb"), stderr=subprocess.STDOUT)
        BotServers._wait(self.url + "/login", 30, self.process)

    def stop(self) -> None:
        BotServers._stop(self.process)


@pytest.fixture(scope="module")
def console(bot) -> Iterator[Console]:
    server = Console(bot)
    yield server
    server.stop()
    shutil.rmtree(server.dir, ignore_errors=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail("Chromium is missing: run `bash scripts/ci_deps.sh` (installs chromium and its driver).")
    profile = tempfile.mkdtemp(prefix="harmbot-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,1000", "--lang=en-US", f"--user-data-dir={profile}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def wait_for(driver: WebDriver, condition: Callable[[WebDriver], object], seconds: float = WAIT):
    # A page that is navigating away can go stale between finding an element and reading it: look again.
    ignored = (NoSuchElementException, StaleElementReferenceException)
    return WebDriverWait(driver, seconds, poll_frequency=0.1, ignored_exceptions=ignored).until(condition)


def heading(driver: WebDriver) -> str:
    return driver.find_element(By.TAG_NAME, "h1").text


def sign_in(driver: WebDriver, console: Console, password: str = "") -> None:
    driver.find_element(By.ID, "name").send_keys("alex")
    driver.find_element(By.ID, "password").send_keys((password or console.password) + Keys.ENTER)


def choose_password(driver: WebDriver) -> None:
    """The page a one-time password leads to: the person chooses their own before anything else."""
    wait_for(driver, lambda d: heading(d) == "Choose your password")
    assert not driver.find_elements(By.CSS_SELECTOR, "nav a")  # nothing else to reach yet
    driver.find_element(By.ID, "new-password").send_keys(CHOSEN_PASSWORD)
    driver.find_element(By.ID, "repeat-password").send_keys(CHOSEN_PASSWORD + Keys.ENTER)


def ensure_signed_in(driver: WebDriver, console: Console) -> None:
    """For a test run on its own (pytest -k): sign in as the tests before it would have."""
    driver.get(console.url + "/")
    if heading(driver) != "Staff sign-in":
        return
    sign_in(driver, console)
    wait_for(driver, lambda d: heading(d) != "Staff sign-in" or d.find_elements(By.ID, "login-error"))
    if heading(driver) == "Choose your password":
        choose_password(driver)
    elif heading(driver) == "Staff sign-in":  # the one-time password was already replaced
        sign_in(driver, console, CHOSEN_PASSWORD)
    wait_for(driver, lambda d: heading(d) == "Try a conversation")


def turns(driver: WebDriver):
    return driver.find_elements(By.CSS_SELECTOR, "#turns > .turn")


def say(driver: WebDriver, text: str):
    """Types a message as a person would, and returns the new turn (reply and reasons)."""
    before = len(turns(driver))
    driver.find_element(By.ID, "message").send_keys(text + Keys.ENTER)
    wait_for(driver, lambda d: len(turns(d)) > before)
    return turns(driver)[-1]


def reasons(turn) -> dict:
    terms = [e.get_attribute("textContent") for e in turn.find_elements(By.CSS_SELECTOR, ".reasons dt")]
    values = [e.get_attribute("textContent") for e in turn.find_elements(By.CSS_SELECTOR, ".reasons dd")]
    return dict(zip(terms, values, strict=True))


# ---------- tests, in the order a staff member would work ----------

def test_nothing_is_served_without_sign_in(console, browser):
    for path in ("/", "/usage", "/content", "/content.csv", "/tests", "/no-such-page"):
        answer = requests.get(console.url + path, allow_redirects=False, timeout=10)
        assert answer.status_code == 302 and answer.headers["Location"].startswith("/login"), path
    for method, path in (("POST", "/api/turn"), ("GET", "/api/flows"), ("POST", "/api/save"),
                         ("GET", "/api/no-such-thing"), ("DELETE", "/api/anything/at/all")):
        assert requests.request(method, console.url + path, timeout=10).status_code == 401, path

    browser.get(console.url + "/usage")
    assert heading(browser) == "Staff sign-in"
    sign_in(browser, console, password="wrong")
    assert "don't match" in wait_for(browser, lambda d: d.find_element(By.ID, "login-error")).text


def test_sign_in_and_a_five_turn_conversation_shows_why_and_the_crisis_risk(console, browser):
    browser.get(console.url + "/usage")
    assert heading(browser) == "Staff sign-in"
    sign_in(browser, console)
    choose_password(browser)
    wait_for(browser, lambda d: heading(d) == "Usage at a glance")  # back where they were going
    with requests.Session() as other:  # the one-time password was used once
        page = other.get(console.url + "/login", timeout=10).text
        token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        again = other.post(console.url + "/login", data={"csrf": token, "name": "alex", "password": console.password},
                           allow_redirects=False, timeout=10)
        assert again.status_code == 401
    browser.get(console.url + "/")
    assert browser.find_element(By.ID, "sender").text.startswith("staff-")

    first = say(browser, "hi")
    assert "not a person" in first.find_element(By.CSS_SELECTOR, ".widget-view").text
    for view in ("widget-view", "sms-view"):  # each view is a labelled group for a screen reader
        group = first.find_element(By.CSS_SELECTOR, f".{view}")
        assert group.get_attribute("role") == "group" and group.get_attribute("aria-label")
    assert reasons(first)["Intent"].startswith("greet")
    first.find_element(By.XPATH, ".//button[.='Looking after a wound']").click()  # a menu button
    wait_for(browser, lambda d: len(turns(d)) == 2)
    assert reasons(turns(browser)[1])["Intent"].startswith("wound_care")

    crisis = say(browser, "honestly i just want to kill myself")
    why = reasons(crisis)
    assert why["Intent"].startswith("crisis")
    assert "suicidal_ideation" in why["Risk level"]
    badge = crisis.find_element(By.CSS_SELECTOR, ".risk-badge").text
    assert badge in ("imminent", "ideation", "flagged")
    assert "utter_crisis (CrisisPolicy" in why["Actions (policy)"]
    assert "risk_reason" in why["Slots changed"]
    assert 'risk="suicidal_ideation"' in why["Entities"]
    assert len(why["Next candidates"].split(", ")) == 2  # the next two intents, each with its confidence
    assert "utter_crisis" in why["Responses"].split(", ")
    reply = crisis.find_element(By.CSS_SELECTOR, ".widget-view").text
    assert "911" in reply and "988" in reply
    assert crisis.find_elements(By.CSS_SELECTOR, ".widget-view a[href='tel:911']")
    # The crisis turn at the top of the chat pane, the page itself scrolled to the top.
    browser.execute_script("arguments[0].scrollIntoView({block: 'start'}); window.scrollTo(0, 0);", crisis)
    SCREENSHOT.parent.mkdir(exist_ok=True)
    browser.save_screenshot(str(SCREENSHOT))

    say(browser, "<b>thank you</b>")
    assert browser.find_elements(By.CSS_SELECTOR, ".said")[-1].text.endswith("<b>thank you</b>")  # as typed
    assert not browser.find_elements(By.CSS_SELECTOR, ".said b")
    say(browser, "bye")
    assert len(turns(browser)) == 5


def test_the_same_turns_as_they_would_arrive_by_sms(console, browser):
    browser.find_element(By.CSS_SELECTOR, "input[name=view][value=sms]").click()
    first, second = turns(browser)[:2]
    assert not first.find_element(By.CSS_SELECTOR, ".widget-view").is_displayed()
    sms = first.find_element(By.CSS_SELECTOR, ".sms-view").text
    assert "Reply with a number:" in sms and "1 - An urge right now" in sms
    assert "Privacy: text messages aren't encrypted" in sms  # the first-text notice
    assert "Privacy: text messages" not in second.find_element(By.CSS_SELECTOR, ".sms-view").text
    assert "/self_harm_urge" not in sms  # payloads never show
    browser.find_element(By.CSS_SELECTOR, "input[name=view][value=widget]").click()
    assert first.find_element(By.CSS_SELECTOR, ".widget-view").is_displayed()


def test_save_the_conversation_as_a_test_and_run_it(console, browser):
    browser.find_element(By.ID, "story-name").send_keys("wound menu then crisis")
    browser.find_element(By.ID, "save").click()
    wait_for(browser, lambda d: "Saved as" in d.find_element(By.ID, "status").text)
    saved = list(console.stories.glob("wound-menu-then-crisis-*.yml"))
    assert len(saved) == 1
    assert "[honestly i just want to kill myself]" in saved[0].read_text()  # the typed words, with the risk marked

    browser.find_element(By.LINK_TEXT, "Saved tests").click()
    wait_for(browser, lambda d: heading(d) == "Saved tests")
    browser.find_element(By.ID, "run-tests").click()
    result = wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#results .result").text != "not run"
                      and d.find_element(By.CSS_SELECTOR, "#results .result"), seconds=90)
    diff = browser.find_element(By.CSS_SELECTOR, "#results .diff").text
    assert result.text == "pass", diff
    assert "1 of 1 passed" in browser.find_element(By.ID, "status").text

    # A test the bot no longer passes: shown as a failure, with the first difference.
    (console.stories / "expects-a-goodbye.yml").write_text(
        'version: "3.1"\nstories:\n- story: expects a goodbye\n  steps:\n  - user: hi\n    intent: greet\n'
        "  - action: utter_goodbye\n", encoding="utf-8")
    browser.refresh()
    browser.find_element(By.ID, "run-tests").click()
    wait_for(browser, lambda d: "of 2 passed" in d.find_element(By.ID, "status").text, seconds=90)
    row = browser.find_element(By.CSS_SELECTOR, "#results tr[data-file='expects-a-goodbye.yml']")
    assert row.find_element(By.CSS_SELECTOR, ".result").text == "fail"
    assert "Turn 1 ('hi'): expected utter_goodbye, got" in row.find_element(By.CSS_SELECTOR, ".diff").text
    (console.stories / "expects-a-goodbye.yml").unlink()


def test_start_from_the_middle_of_a_flow(console, browser):
    browser.get(console.url + "/")
    say(browser, "hi")
    old_sender = browser.find_element(By.ID, "sender").text
    browser.find_element(By.ID, "restart").click()  # a new conversation, an empty pane
    wait_for(browser, lambda d: d.find_element(By.ID, "sender").text != old_sender and not turns(d))
    old_sender = browser.find_element(By.ID, "sender").text
    Select(browser.find_element(By.ID, "flow")).select_by_visible_text("Make a safety plan")
    browser.find_element(By.ID, "jump").click()
    wait_for(browser, lambda d: len(turns(d)) == 1)
    assert browser.find_element(By.ID, "sender").text != old_sender  # a fresh conversation
    assert reasons(turns(browser)[0])["Intent"].startswith("safety_plan")
    assert "safety_plan_form" in reasons(turns(browser)[0])["Actions (policy)"]


def test_a_new_conversation_up_to_a_chosen_turn(console, browser):
    """Start in the middle: replay the turns so far in a fresh conversation, then answer differently."""
    ensure_signed_in(browser, console)
    say(browser, "hi")
    turns(browser)[0].find_element(By.XPATH, ".//button[.='Looking after a wound']").click()
    wait_for(browser, lambda d: len(turns(d)) == 2)
    say(browser, "it's a small cut that won't stop bleeding")
    before = browser.find_element(By.ID, "sender").text
    second = [reasons(t)["Actions (policy)"] for t in turns(browser)[:2]]
    turns(browser)[1].find_element(By.CSS_SELECTOR, "button.fork").click()
    wait_for(browser, lambda d: "Replayed 2 turns" in d.find_element(By.ID, "status").text, seconds=90)
    assert browser.find_element(By.ID, "sender").text != before  # a new conversation...
    assert len(turns(browser)) == 2  # ...at the chosen turn, the same way there
    assert [reasons(t)["Actions (policy)"] for t in turns(browser)] == second
    say(browser, "actually i feel like hurting myself")  # and on from there, differently
    assert len(turns(browser)) == 3


def test_content_review_exports_csv_and_records_a_signoff(console, browser):
    browser.get(console.url + "/content")
    assert "No sign-off recorded yet" in browser.find_element(By.ID, "changes").text
    href = browser.find_element(By.ID, "csv").get_attribute("href")
    csv_text = browser.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text()).then(done);", href)
    rows = list(csv.reader(io.StringIO(csv_text)))
    assert rows[0] == ["capability", "source", "key", "text", "verified", "check overdue"]
    crisis = [r for r in rows if r[:2] == ["crisis", "domain/crisis.yml"] and r[2].startswith("utter_crisis[")]
    assert crisis and "988" in crisis[0][3]
    assert any(r[2] == "directory.lifeline_988" and r[4] for r in rows)  # with its verified date

    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 768, "height": 1024, "deviceScaleFactor": 1, "mobile": False})
    try:  # a tablet held upright: the whole table, Text column included, without scrolling sideways
        assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
        text_cell = browser.find_element(By.CSS_SELECTOR, "table.content tbody td.text")
        assert text_cell.rect["x"] + text_cell.rect["width"] <= 768
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    browser.find_element(By.LINK_TEXT, "Printable page for clinical review").click()
    wait_for(browser, lambda d: heading(d) == "Bot content for clinical review")
    sections = [h.text for h in browser.find_elements(By.TAG_NAME, "h2")]
    assert {"crisis", "directory", "wound_care"} <= set(sections)  # grouped by capability
    assert "Reviewed by:" in browser.find_element(By.CSS_SELECTOR, ".sign").text
    browser.back()
    wait_for(browser, lambda d: heading(d) == "Content review and sign-off")

    browser.find_element(By.ID, "q").send_keys("988" + Keys.ENTER)
    wait_for(browser, lambda d: "q=988" in d.current_url)
    assert all("988" in row.text for row in browser.find_elements(By.CSS_SELECTOR, "table.content tbody tr"))
    Select(browser.find_element(By.ID, "capability")).select_by_visible_text("crisis")
    browser.find_element(By.CSS_SELECTOR, "form.search button").click()
    wait_for(browser, lambda d: "capability=crisis" in d.current_url)
    rows = browser.find_elements(By.CSS_SELECTOR, "table.content tbody tr")
    assert rows and all(r.find_element(By.TAG_NAME, "td").text == "crisis" and "988" in r.text for r in rows)
    assert "capability=crisis" in browser.find_element(By.ID, "csv").get_attribute("href")  # exports this view

    browser.find_element(By.ID, "reviewer").send_keys("Dr. Rivera" + Keys.ENTER)
    wait_for(browser, lambda d: "Sign-off recorded" in d.page_source)
    assert "Last signed off by Dr. Rivera" in browser.find_element(By.ID, "signoff-h").find_element(
        By.XPATH, "..").text
    assert browser.find_element(By.ID, "changes").text == "No change since that sign-off."
    assert "Dr. Rivera" in console.signoff.read_text()


def test_usage_charts_count_crisis_replies_without_showing_what_was_written(console, browser, bot):
    bot.say("test-usage-visitor", "honestly i just want to kill myself")
    browser.get(console.url + "/usage")
    figures = {e.find_element(By.TAG_NAME, "dt").text: e.find_element(By.TAG_NAME, "dd").text
               for e in browser.find_elements(By.CSS_SELECTOR, "#figures > div")}
    assert int(figures["Crisis replies shown"]) >= 1
    assert int(figures["Conversations"]) >= 1
    charts = browser.find_elements(By.CSS_SELECTOR, "svg.chart[role=img]")
    assert len(charts) == 3
    assert charts[0].find_element(By.TAG_NAME, "title").get_attribute("textContent") == "Conversations per day"
    assert "kill myself" not in browser.page_source


def test_changes_need_the_pages_csrf_token(console, browser):
    session = requests.Session()
    session.cookies.set("staff_session", browser.get_cookie("staff_session")["value"])
    answer = session.post(console.url + "/api/restart", json={}, timeout=10)
    assert answer.status_code == 403
    token = browser.find_element(By.CSS_SELECTOR, "meta[name=csrf-token]").get_attribute("content")
    assert session.post(console.url + "/api/restart", json={}, headers={"X-CSRF-Token": token},
                        timeout=10).status_code == 200


# The contrast between the focused element's outline and the background it is drawn on (WCAG's formula).
FOCUS_RING_CONTRAST = """
var el = document.activeElement, ring = getComputedStyle(el).outlineColor, node = el.parentElement, bg;
while (node && (!bg || /rgba\\(0, 0, 0, 0\\)|transparent/.test(bg))) {
  bg = getComputedStyle(node).backgroundColor; node = node.parentElement;
}
function lum(c) {
  var v = c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(function (x) {
    x = x / 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}
var a = lum(ring), b = lum(bg || "rgb(255, 255, 255)");
return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
"""


def test_keyboard_alone_sends_a_message_presses_a_choice_and_saves_a_test(console, browser):
    ensure_signed_in(browser, console)
    browser.get(console.url + "/")
    keys = ActionChains(browser)

    def tab_to(element_id: str = "", text: str = "") -> None:
        for _ in range(60):
            keys.send_keys(Keys.TAB).perform()
            active = browser.switch_to.active_element
            label = active.get_attribute("id") or active.text
            if active.tag_name != "body":  # every stop shows where the focus is, clearly enough to see
                assert browser.execute_script(FOCUS_RING_CONTRAST) >= 3, f"focus ring too faint on {label}"
            if (element_id and active.get_attribute("id") == element_id) or (text and active.text == text):
                return
        raise AssertionError(f"Tab never reached {element_id or text}")

    tab_to("message")
    keys.send_keys("hi" + Keys.ENTER).perform()
    wait_for(browser, lambda d: len(turns(d)) == 1)
    assert browser.switch_to.active_element.get_attribute("id") == "message"  # ready for the next message
    tab_to(text="Looking after a wound")  # a reply's choice
    keys.send_keys(Keys.ENTER).perform()
    wait_for(browser, lambda d: len(turns(d)) == 2)
    tab_to("story-name")
    keys.send_keys("typed by keyboard").perform()
    tab_to("save")
    keys.send_keys(Keys.ENTER).perform()
    wait_for(browser, lambda d: "Saved as" in d.find_element(By.ID, "status").text)
    assert list(console.stories.glob("typed-by-keyboard-*.yml"))


def test_what_is_typed_into_the_search_is_shown_as_text(console, browser):
    ensure_signed_in(browser, console)
    attack = '"><script>document.title="owned"</script><img src=x onerror=alert(1)>'
    browser.get(console.url + "/content")
    browser.find_element(By.ID, "q").send_keys(attack + Keys.ENTER)
    wait_for(browser, lambda d: "q=" in d.current_url)
    assert browser.find_element(By.ID, "q").get_attribute("value") == attack
    assert "owned" not in browser.title
    assert not browser.find_elements(By.CSS_SELECTOR, "main script, main img")


@pytest.mark.parametrize("width, height", [(1280, 800), (768, 1024)], ids=["laptop", "tablet"])
def test_every_page_fits_a_laptop_and_a_tablet(console, browser, width, height):
    ensure_signed_in(browser, console)
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    try:
        for path in ("/", "/tests", "/content", "/usage", "/content/print"):
            browser.get(console.url + path)
            assert heading(browser) != "Staff sign-in"
            assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth"), path
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
