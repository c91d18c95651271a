"""Staff console pieces that need no running server: story export, sign-off hashing, usage figures,
accounts and sign-in limits, the reasons shown beside a reply, and the SMS view."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa
import yaml

from staff import auth, content, conversation, stories, usage

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "staff_conversation_tracker.json"


def fixture_events():
    """A real staff conversation: hi, the safety-plan button, one answer, a crisis message mid-form
    (the tracker store has removed the person's words inside the form), thanks."""
    return json.loads(FIXTURE.read_text(encoding="utf-8"))["events"]


# ---------- story export ----------

def test_exported_story_keeps_typed_text_button_intents_and_what_actions_did():
    steps = stories.story_steps(fixture_events())
    assert steps[0] == {"user": "hi", "intent": "greet"}
    assert {"intent": "safety_plan"} in steps  # a pressed button: no typed text to keep
    assert {"user": "thank you", "intent": "thank"} in steps
    # what the form and the crisis policy did is in the story, so rasa test core needs no action server
    assert {"active_loop": "safety_plan_form"} in steps and {"active_loop": None} in steps
    assert {"slot_was_set": [{"risk_reason": "suicidal_ideation"}]} in steps
    actions = [s["action"] for s in steps if "action" in s]
    assert actions[actions.index("utter_crisis"):][:4] == [
        "utter_crisis", "action_deactivate_loop", "action_crisis_handoff", "utter_crisis_options"]
    assert not any("action_listen" in str(s) for s in steps)


def test_words_removed_by_the_tracker_store_are_not_written_into_the_story():
    text = stories.story_yaml("t", fixture_events())
    assert "[removed" not in text
    assert "- intent: crisis" in text


def test_story_marks_entities_in_the_typed_text():
    event = {"event": "user", "text": "i want to die", "parse_data": {
        "intent": {"name": "crisis"}, "entities": [{"entity": "risk", "value": "suicidal_ideation", "start": 0,
                                                    "end": 13}]}}
    step = stories.story_steps([event])[0]
    assert step["user"] == '[i want to die]{"entity": "risk", "value": "suicidal_ideation"}'
    # replaying sends the words as typed
    assert stories.story_turns([step]) == [("i want to die", "crisis", [])]


def test_redaction_markers_match_the_tracker_store():
    from extensions.tracker_store import REDACTED_FORMS

    assert set(REDACTED_FORMS.values()) == stories.REDACTED_MARKERS


def test_saving_never_overwrites_and_refuses_an_empty_conversation(tmp_path):
    now = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.timezone.utc)
    first = stories.save_story(tmp_path, "Crisis mid plan!", fixture_events(), now)
    second = stories.save_story(tmp_path, "Crisis mid plan!", fixture_events(), now)
    assert first != second and first.name.startswith("crisis-mid-plan-20261130-120000")
    assert yaml.safe_load(first.read_text())["stories"][0]["story"] == "Crisis mid plan!"
    with pytest.raises(ValueError):
        stories.save_story(tmp_path, "empty", [{"event": "action", "name": "action_session_start"}])


def test_first_difference_names_the_turn_and_what_differed():
    expected = [("hi", "greet", ["utter_welcome", "utter_menu"]), ("i want to die", "crisis", ["utter_crisis"])]
    assert stories.first_difference(expected, [("greet", ["utter_welcome", "utter_menu"]),
                                               ("crisis", ["utter_crisis"])]) is None
    assert stories.first_difference(expected, [("greet", ["utter_welcome", "utter_menu"]),
                                               ("crisis", ["utter_default"])]) == \
        "Turn 2 ('i want to die'): expected utter_crisis, got utter_default."
    assert "expected intent crisis" in stories.first_difference(expected, [("greet", ["utter_welcome", "utter_menu"]),
                                                                            ("thank", ["utter_crisis"])])
    assert "did not answer" in stories.first_difference(expected, [("greet", ["utter_welcome", "utter_menu"])])


def _model() -> str:
    from tests.live.harness import trained_model

    return trained_model()


@pytest.mark.skipif(shutil.which("rasa") is None, reason="rasa is not on PATH (run through scripts/common.sh)")
def test_exported_conversation_passes_rasa_test_core_unchanged(tmp_path):
    stories.save_story(tmp_path / "stories", "safety plan interrupted by crisis", fixture_events())
    result = subprocess.run(
        ["rasa", "test", "core", "--model", _model(), "--stories", str(tmp_path / "stories"),
         "--fail-on-prediction-errors", "--out", str(tmp_path / "results")],
        cwd=ROOT, capture_output=True, text=True, timeout=600, env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    failed = (tmp_path / "results" / "failed_test_stories.yml").read_text()
    assert "None of the test stories failed" in failed


# ---------- reasons and channel views ----------

def test_reasons_show_intent_candidates_risk_policies_and_only_slots_that_changed():
    events = fixture_events()
    crisis_turn_end = next(i for i, e in enumerate(events) if e.get("name") == "utter_crisis_options")
    reasons = conversation.explain(events[:crisis_turn_end + 1], {"risk_level": "ideation"})
    assert reasons["intent"]["name"] == "crisis"
    assert reasons["risk"]["level"] == "ideation"
    assert [a["name"] for a in reasons["actions"]][:2] == ["utter_crisis", "action_deactivate_loop"]
    assert reasons["actions"][0]["policy"]
    assert "utter_crisis" in reasons["responses"]
    changed = {s["name"] for s in reasons["slots"]}
    assert "risk_reason" in changed and "medication_reason" not in changed  # re-set each turn, same value


def test_sms_view_numbers_the_choices_and_adds_the_privacy_notice_to_the_first_text_only():
    messages = [{"text": "What would you like?", "buttons": [{"title": "Wound care", "payload": "/wound_care"}]}]
    first = conversation.sms_view(messages, first_text=True)
    later = conversation.sms_view(messages, first_text=False)
    assert "1 - Wound care" in first[0] and "/wound_care" not in first[0]
    assert "Privacy" in first[0] and "Privacy" not in later[0]
    long_reply = [{"text": "word " * 700}]
    assert len(conversation.sms_view(long_reply, False)) == 3  # split like the SMS channel, marked (1/3)...


def test_staff_senders_are_marked():
    assert conversation.new_sender().startswith("staff-")
    assert not conversation.is_staff_sender("sms-abc")


# ---------- content and sign-off ----------

def _content_tree(root: Path, verified: str = "2026-11-01", welcome: str = "Hi there.") -> Path:
    (root / "domain").mkdir(parents=True)
    (root / "resources").mkdir()
    (root / "domain" / "base.yml").write_text(yaml.safe_dump({"responses": {
        "utter_welcome": [{"text": welcome}],
        "utter_menu": [{"text": "Pick one:", "buttons": [{"title": "Wound care", "payload": "/wound_care"}]}]}}))
    (root / "resources" / "messages.yml").write_text(yaml.safe_dump({"technical_problem": "Sorry, call 988."}))
    (root / "resources" / "risk_patterns.yml").write_text("categories: {a: [x]}\n")
    (root / "resources" / "directory.yml").write_text(yaml.safe_dump({"national": [
        {"id": "lifeline_988", "name": "988 Lifeline", "how": "Call or text 988", "verified": verified},
        {"id": "old_line", "name": "Old line", "how": "Call 211", "verified": "2026-01-02"}]}))
    return root


def test_content_lists_every_text_by_capability_and_flags_checks_older_than_90_days(tmp_path):
    items = content.collect(_content_tree(tmp_path), today=dt.date(2026, 11, 30))
    keys = {i.key: i for i in items}
    assert keys["utter_menu"].text == "Pick one:\n[Wound care]" and keys["utter_menu"].capability == "base"
    assert "technical_problem" in str(keys) and not any("risk_patterns" in i.source for i in items)
    assert not keys["directory.lifeline_988"].stale
    assert keys["directory.old_line"].stale and keys["directory.old_line"].verified == "2026-01-02"
    assert [i.key for i in content.search(items, "988 LIFELINE")] == ["directory.lifeline_988"]
    assert {i.capability for i in content.search(items, "", "directory")} == {"directory"}
    assert [i.key for i in content.search(items, "call", "messages")] == ["messages.technical_problem"]


def test_content_hash_depends_on_the_text_not_on_file_order(tmp_path):
    items = content.collect(_content_tree(tmp_path / "a"), today=dt.date(2026, 11, 30))
    same = content.collect(_content_tree(tmp_path / "b"), today=dt.date(2026, 11, 30))
    changed = content.collect(_content_tree(tmp_path / "c", welcome="Hello."), today=dt.date(2026, 11, 30))
    assert content.content_hash(items) == content.content_hash(list(reversed(same)))
    assert content.content_hash(items) != content.content_hash(changed)


def test_signoff_records_who_when_and_hash_and_then_lists_what_changed(tmp_path):
    signoff = tmp_path / "content-signoff.yml"
    items = content.collect(_content_tree(tmp_path / "a"), today=dt.date(2026, 11, 30))
    assert content.changes_since_signoff(signoff, items) is None
    now = dt.datetime(2026, 11, 30, 9, 30, tzinfo=dt.timezone.utc)
    signed = content.record_signoff(signoff, "  Dr. Rivera ", items, now)
    assert (signed.reviewer, signed.signed_at) == ("Dr. Rivera", "2026-11-30T09:30:00+00:00")
    assert signed.content_hash == content.content_hash(items)
    assert content.last_signoff(signoff) == signed
    assert not content.changes_since_signoff(signoff, items).any

    edited = content.collect(_content_tree(tmp_path / "b", welcome="Hello."), today=dt.date(2026, 11, 30))
    edited = [i for i in edited if i.key != "technical_problem" and "technical_problem" not in i.key]
    edited.append(content.Item("base", "domain/base.yml", "utter_new", "New text."))
    changes = content.changes_since_signoff(signoff, edited)
    assert changes.changed == ["utter_welcome"]
    assert changes.added == ["utter_new"]
    assert changes.removed == ["messages.technical_problem"]
    with pytest.raises(ValueError):
        content.record_signoff(signoff, "   ", items)


def test_csv_export_has_every_text_and_defuses_spreadsheet_formulas():
    items = [content.Item("base", "domain/base.yml", "utter_x", "=HYPERLINK(\"http://x\")"),
             content.Item("directory", "resources/directory.yml", "directory.a", "Call 988", "2026-01-01", True)]
    rows = content.to_csv(items).splitlines()
    assert rows[0] == "capability,source,key,text,verified,check overdue"
    assert "'=HYPERLINK" in rows[1]
    assert rows[2].endswith("2026-01-01,yes")


def test_the_repositorys_content_collects_without_error():
    items = content.collect()
    assert len(items) > 100
    assert len({i.key for i in items}) == len(items)  # keys are unique, so sign-off diffs are exact


# ---------- usage figures on a fixture tracker store ----------

SECRET = "what the person wrote"


def _tracker_store(path: Path, now: float) -> sa.engine.Engine:
    """Rasa's SQL tracker store table, with a few conversations over two days."""
    engine = sa.create_engine(f"sqlite:///{path}")
    meta = sa.MetaData()
    events = sa.Table("events", meta, sa.Column("id", sa.Integer, primary_key=True),
                      sa.Column("sender_id", sa.String(255)), sa.Column("type_name", sa.String(255)),
                      sa.Column("timestamp", sa.Float), sa.Column("intent_name", sa.String(255)),
                      sa.Column("action_name", sa.String(255)), sa.Column("data", sa.Text))
    meta.create_all(engine)
    day = 24 * 3600

    def user(sender, t, intent, channel):
        return dict(sender_id=sender, type_name="user", timestamp=t, intent_name=intent, action_name=None,
                    data=json.dumps({"event": "user", "text": SECRET, "input_channel": channel}))

    def action(sender, t, name):
        return dict(sender_id=sender, type_name="action", timestamp=t, intent_name=None, action_name=name,
                    data=json.dumps({"event": "action", "name": name}))

    rows = [
        user("w1", now - day, "greet", "socketio"), action("w1", now - day, "utter_welcome"),
        user("w1", now - day + 5, "crisis", "socketio"), action("w1", now - day + 5, "utter_crisis"),
        user("sms-abc", now, "wound_emergency", "sms"), action("sms-abc", now, "utter_wound_emergency"),
        user("sms-abc", now + 1, "medication", "sms"), action("sms-abc", now + 1, "utter_medication_ask"),
        user("sms-abc", now + 2, "nlu_fallback", "sms"), action("sms-abc", now + 2, "utter_default"),
        user("r1", now, "wound_care", "rest"),
        user("staff-1", now, "crisis", "rest"), action("staff-1", now, "utter_crisis"),  # a test: left out
        user("old", now - 90 * day, "greet", "rest"),  # outside the window
    ]
    with engine.begin() as conn:
        conn.execute(events.insert(), rows)
    return engine


def test_usage_figures_from_a_fixture_tracker_store(tmp_path):
    now = dt.datetime(2026, 11, 30, 15, 0, tzinfo=dt.timezone.utc)
    engine = _tracker_store(tmp_path / "c.db", now.timestamp())
    figures = usage.compute(engine, days=30, now=now, waiting=2)
    assert figures.conversations == 3
    assert figures.per_day["2026-11-29"] == {"widget": 1}
    assert figures.per_day["2026-11-30"] == {"sms": 1, "rest": 1}
    assert figures.crisis_replies == 1 and figures.emergency_replies == 1
    assert figures.user_messages == 6 and figures.fallbacks == 1
    assert round(figures.fallback_rate, 3) == round(1 / 6, 3)
    assert figures.median_length == 2
    assert figures.topics["wound_care"] == 2 and figures.topics["medication"] == 1 and figures.topics["crisis"] == 1
    assert figures.contact_requests_waiting == 2
    assert len(figures.days) == 30


def test_usage_never_reads_what_anyone_wrote(tmp_path):
    now = dt.datetime(2026, 11, 30, 15, 0, tzinfo=dt.timezone.utc)
    engine = _tracker_store(tmp_path / "c.db", now.timestamp())
    fetched = []

    @sa.event.listens_for(engine, "after_cursor_execute")
    def keep(conn, cursor, statement, parameters, context, executemany):
        fetched.append(statement)

    rows = []
    real = usage._figures

    def spy(found, *args):
        rows.extend(found)
        return real(found, *args)

    usage._figures = spy
    try:
        usage.compute(engine, now=now)
    finally:
        usage._figures = real
    assert SECRET not in repr(rows)
    select = next(s for s in fetched if "FROM events" in s)
    assert "events.data" not in select.replace("json_extract(events.data, ?)", "")


def test_waiting_contact_requests_are_counted(tmp_path):
    from harmbot.storage.contact_store import ContactStore

    url = f"sqlite:///{tmp_path / 'requests.db'}"
    store = ContactStore(url)
    store.add(channel="rest", contact_method="email", contact_value="a@example.org", best_time="any", note="")
    second = store.add(channel="rest", contact_method="email", contact_value="b@example.org", best_time="", note="")
    store.mark_handled(second)
    assert usage.waiting_contact_requests(url) == 1
    assert usage.waiting_contact_requests(f"sqlite:///{tmp_path / 'none.db'}") == 0
    assert not (tmp_path / "none.db").exists()


# ---------- accounts and sign-in ----------

def test_passwords_are_stored_hashed_in_a_private_file(tmp_path):
    users = auth.UserStore(tmp_path / "staff_users.json")
    password = users.create("alex")
    stored = (tmp_path / "staff_users.json").read_text()
    assert password not in stored and "scrypt$" in stored
    assert stat.S_IMODE((tmp_path / "staff_users.json").stat().st_mode) == 0o600
    assert users.verify("alex", password)
    assert not users.verify("alex", password + "x") and not users.verify("nobody", password)
    with pytest.raises(ValueError):
        users.create("not a name")


def test_accounts_can_come_from_the_environment_and_are_never_one_time(tmp_path, monkeypatch):
    """STAFF_USERS holds the same JSON as the file, for deployments that keep secrets in the environment."""
    monkeypatch.setenv("STAFF_USERS", json.dumps({"ops": auth.hash_password("an operator passphrase")}))
    users = auth.UserStore(tmp_path / "absent.json")
    assert users.verify("ops", "an operator passphrase") and not users.verify("ops", "something else")
    assert not users.is_one_time("ops")  # the console can't rewrite the environment, so it never asks
    with pytest.raises(ValueError, match="STAFF_USERS"):
        users.set_password("ops", "a new long passphrase")


def test_a_one_time_password_is_replaced_by_the_persons_own(tmp_path):
    users = auth.UserStore(tmp_path / "staff_users.json")
    one_time = users.create("alex")
    assert users.is_one_time("alex") and users.verify("alex", one_time)
    with pytest.raises(ValueError, match="at least 12"):
        users.set_password("alex", "short")
    users.set_password("alex", "my own long passphrase")
    assert not users.is_one_time("alex")
    assert users.verify("alex", "my own long passphrase") and not users.verify("alex", one_time)


def test_sign_in_is_blocked_after_five_failures():
    limits = auth.RateLimit()
    for _ in range(auth.MAX_ATTEMPTS - 1):
        limits.failed("name:alex", "ip:1")
    assert not limits.blocked("name:alex", "ip:1")
    limits.failed("name:alex", "ip:1")
    assert limits.blocked("name:alex") and limits.blocked("ip:1")
    assert not limits.blocked("name:sam", "ip:2")


def test_the_sign_in_limit_forgets_names_once_their_window_has_passed(monkeypatch):
    limits, now = auth.RateLimit(), [1000.0]
    monkeypatch.setattr(auth.time, "time", lambda: now[0])
    for i in range(1000):  # someone trying many names from many addresses
        limits.failed(f"name:guess{i}", f"ip:{i}")
    assert not limits.blocked("name:alex", "ip:nobody") and len(limits.failures) == 2000  # asking adds nothing
    now[0] += auth.ATTEMPT_WINDOW + 1
    limits.failed("name:alex", "ip:1")
    assert set(limits.failures) == {"name:alex", "ip:1"}


def test_sign_in_only_sends_people_back_to_a_page_of_the_console():
    from staff.app import _safe_next

    assert _safe_next("/usage?days=7") == "/usage?days=7"
    for elsewhere in ("https://evil.example", "//evil.example", "/\\evil.example", "", None, "usage"):
        assert _safe_next(elsewhere) == "/"


def test_the_console_uses_the_same_api_token_as_make_run(tmp_path, monkeypatch):
    from staff import settings

    monkeypatch.setenv("HARMBOT_VAR", str(tmp_path))
    monkeypatch.delenv("RASA_AUTH_TOKEN", raising=False)
    assert settings.api_token() is None
    assert conversation.RasaClient("http://x", settings.api_token()).params == {}  # no token: none sent
    (tmp_path / "api_token").write_text("from-file\n")
    assert settings.api_token() == "from-file"
    monkeypatch.setenv("RASA_AUTH_TOKEN", "from-env")
    assert settings.api_token() == "from-env"
    assert conversation.RasaClient("http://x", settings.api_token()).params == {"token": "from-env"}


def test_make_test_lists_overdue_directory_checks_even_when_no_text_changed(tmp_path, monkeypatch, capsys):
    from scripts import content_changes

    items = content.collect(_content_tree(tmp_path / "repo"), today=dt.date(2026, 11, 30))
    signoff = tmp_path / "content-signoff.yml"
    content.record_signoff(signoff, "Dr. Rivera", items)
    monkeypatch.setenv("CONTENT_SIGNOFF_FILE", str(signoff))
    monkeypatch.setattr(content, "collect", lambda: items)
    assert content_changes.main() == 0
    printed = capsys.readouterr().out
    assert "No user-facing text changed since." in printed
    assert "older than 90 days: directory.old_line" in printed


def test_make_test_lists_the_texts_changed_since_the_sign_off(tmp_path, monkeypatch, capsys):
    from scripts import content_changes

    signoff = tmp_path / "content-signoff.yml"
    content.record_signoff(signoff, "Dr. Rivera", content.collect(_content_tree(tmp_path / "before")))
    after = content.collect(_content_tree(tmp_path / "after", welcome="Hello, welcome."))
    monkeypatch.setenv("CONTENT_SIGNOFF_FILE", str(signoff))
    monkeypatch.setattr(content, "collect", lambda: after)
    content_changes.main()
    printed = capsys.readouterr().out
    assert "Last sign-off: Dr. Rivera" in printed and "Changed since: 1 changed, 0 new, 0 removed." in printed
    assert "  changed: utter_welcome" in printed


def test_make_run_starts_the_console_on_staff_port_8090():
    common = (ROOT / "scripts" / "common.sh").read_text()
    run = (ROOT / "scripts" / "run.sh").read_text()
    assert 'STAFF_HOST="${STAFF_HOST:-127.0.0.1}" STAFF_PORT="${STAFF_PORT:-8090}"' in common
    assert '"staff|start_staff|http://$STAFF_HOST:$STAFF_PORT/login|20"' in run
    assert "python -m staff " in (ROOT / "scripts" / "servers.sh").read_text()
