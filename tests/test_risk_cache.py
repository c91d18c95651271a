"""The risk nets' cache (harmbot/risk/cache.py): a restart reuses a trained net; a change retrains it."""

from __future__ import annotations

import pickle

import pytest

from harmbot.risk import cache as risk_cache


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(risk_cache, "CACHE_DIR", tmp_path)
    return tmp_path


def test_a_second_load_reuses_the_trained_object(cache_dir):
    calls = []

    def train():
        calls.append(1)
        return {"trained": len(calls)}

    assert risk_cache.load_or_train("levels-abc", train, "level net") == {"trained": 1}
    assert risk_cache.load_or_train("levels-abc", train, "level net") == {"trained": 1}
    assert len(calls) == 1


def test_a_new_file_replaces_older_ones_of_its_kind_only(cache_dir):
    for name in ("levels-old", "answers-keep", "net-keep", "0123oldnet"):
        (cache_dir / f"{name}.pkl").write_bytes(pickle.dumps(name))
    risk_cache.load_or_train("levels-new", lambda: "new", "level net")
    assert sorted(p.stem for p in cache_dir.glob("*.pkl")) == ["0123oldnet", "answers-keep", "levels-new", "net-keep"]
    risk_cache.load_or_train("net-new", lambda: "new", "risk net")
    # The emergency net's files from before the prefixes go with its older ones.
    assert sorted(p.stem for p in cache_dir.glob("*.pkl")) == ["answers-keep", "levels-new", "net-new"]


def test_an_unreadable_file_is_trained_again_and_said_in_the_log(cache_dir, caplog):
    (cache_dir / "answers-x.pkl").write_bytes(b"not a pickle")
    assert risk_cache.load_or_train("answers-x", lambda: "fresh", "risk answers") == "fresh"
    assert "unreadable cache answers-x.pkl" in caplog.text
    assert pickle.loads((cache_dir / "answers-x.pkl").read_bytes()) == "fresh"


def test_the_name_changes_with_what_is_learnt_from(tmp_path):
    source = tmp_path / "examples.yml"
    source.write_text("a", encoding="utf-8")
    first = risk_cache.cache_name("levels-", [source], "salt")
    assert first.startswith("levels-") and first == risk_cache.cache_name("levels-", [source], "salt")
    source.write_text("b", encoding="utf-8")
    second = risk_cache.cache_name("levels-", [source], "salt")
    assert second != first
    assert risk_cache.cache_name("levels-", [source], "other salt") != second


def test_the_fingerprint_follows_a_change_to_a_file_it_learns_from_and_otherwise_reads_nothing(tmp_path, monkeypatch):
    """The answer reader asks for its fingerprint on every reply to the direct question. It must still notice
    a changed labelled set (listed in the example file, not the example file itself), and must not read or
    parse any file when nothing changed: reading them all each time cost over half of such a turn."""
    labelled = tmp_path / "labelled.yml"
    labelled.write_text("answers: {yes: [yeah]}\n", encoding="utf-8")
    examples = tmp_path / "answers.yml"
    examples.write_text(f"learn_from: [{labelled}]\n", encoding="utf-8")
    code = tmp_path / "reader.py"
    code.write_text("# the reader's code\n", encoding="utf-8")
    first = risk_cache.fingerprint("answers-", examples, code, "salt")

    reads = []
    for method in ("read_text", "read_bytes"):
        original = getattr(type(examples), method)

        def counted(self, *args, _original=original, **kwargs):
            reads.append(self)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(type(examples), method, counted)
    assert risk_cache.fingerprint("answers-", examples, code, "salt") == first
    assert reads == [], "nothing changed, so no file is read"

    labelled.write_text("answers: {yes: [yeah, yep, for sure]}\n", encoding="utf-8")
    second = risk_cache.fingerprint("answers-", examples, code, "salt")
    assert second != first
    assert risk_cache.fingerprint("answers-", examples, code, "other salt") != second
