"""Replies to the direct suicide question beyond the answer patterns (harmbot/risk/answers.py, issue 11).

The sentences here are written for these tests: none is an example in resources/risk_answers.yml or the NLU
data (test_the_test_replies_are_not_training_examples checks).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from harmbot.risk import answers as risk_answers
from harmbot.risk import rules as risk_rules
from tests.risk_eval import HELD_OUT_SETS, load
from tests.test_risk_heldout_guard import normalise, training_examples

DEVTEST = Path(__file__).parent / "data" / "risk_answers_devtest.yml"
CRISIS = ("yes", "unsure", "yes_but")

OBLIQUE_YES = [
    "honestly what else would i be doing on a crisis chat at 4am",
    "i mean i wouldnt be messaging this thing if everything was fine",
    "its been on my mind more than i like",
    "kind of a lot if im being real",
    "thats the whole reason im texting you",
    "el primero, lo de terminar con todo",
    # Session 8, written before any change; the patterns can't place these (all read right by the reader).
    "ig so", "prob yea", "sometimes ig", "no se la verdad", "lowkey yes", "eh kinda",
    "the thoughts come back", "some nights yeah",
]
OBLIQUE_NO = [
    "no no im just fed up with my roommate",
    "nah not like that, work is just brutal rn",
    "lol no i just had a crap day at school",
    "no its just the cutting urge tonight",
    # Session 8, as above.
    "not like that no", "no, just stressed about school", "nah im good tho",
]
NOT_ANSWERS = [
    "muchas gracias por preguntar",
    "can you tell me what lithium does",
    "wait who am i talking to",
    "how do i delete this chat",
    "could we work on a safety plan together",
    "my cut from yesterday looks red, is that normal",
]


@pytest.fixture(scope="module")
def reader() -> risk_answers.AnswerReader:
    return risk_answers.load_reader()


def test_the_test_replies_are_not_training_examples():
    pairs, _, _ = risk_answers.read_examples(risk_answers.DEFAULT_ANSWERS_PATH)
    trained = {normalise(t) for t, _ in pairs} | training_examples()
    assert not [t for t in OBLIQUE_YES + OBLIQUE_NO + NOT_ANSWERS if normalise(t) in trained]


@pytest.mark.parametrize("reply", OBLIQUE_YES)
def test_an_oblique_yes_the_patterns_cannot_place_gets_the_crisis_reply(reader, reply):
    assert reader.read(reply) in CRISIS


@pytest.mark.parametrize("reply", OBLIQUE_NO)
def test_a_no_in_everyday_words_reads_as_no(reader, reply):
    assert reader.read(reply) == "no"


@pytest.mark.parametrize("reply", NOT_ANSWERS)
def test_thanks_a_question_back_or_a_new_topic_is_never_read_as_yes(reader, reply):
    assert reader.read(reply) not in CRISIS


def test_what_the_patterns_read_is_never_changed(reader):
    for reply in ("yes", "maybe idk", "yeah but i'd never act on it", "nope", "thanks", "the second one"):
        assert reader.read(reply) == risk_rules.read_answer(reply), reply


def test_the_urge_questions_first_or_both_is_yes_and_the_urge_is_no():
    # utter_urge_suicide_check: "thoughts of ending your life, or the urge to hurt yourself?"
    for reply in ("the first", "both tbh", "honestly kinda both"):
        assert risk_rules.read_answer(reply) == "yes", reply
    for reply in ("the second", "just the urges", "only the self harm part"):
        assert risk_rules.read_answer(reply) == "no", reply


def test_development_replies_nobody_trained_on(reader):
    """tests/data/risk_answers_devtest.yml, written after the training replies by the same writer. The
    figure is printed; every thanks/off-topic reply must stay off yes, and nine in ten must be read right."""
    answers = load(DEVTEST)["answers"]
    right = total = 0
    for kind, replies in answers.items():
        for reply in replies:
            got = reader.read(reply)
            total += 1
            right += (got in CRISIS) == (kind == "yes")
            if kind == "other":
                assert got not in CRISIS, reply
    alone = sum((risk_rules.read_answer(r) in CRISIS) == (k == "yes") for k, rs in answers.items() for r in rs)
    print(f"\n[answer dev-test: {right}/{total} read right ({right / total:.1%}); patterns alone {alone}/{total}]")
    assert right >= 0.9 * total


def test_no_held_out_or_devtest_reply_is_a_training_example():
    pairs, _, _ = risk_answers.read_examples(risk_answers.DEFAULT_ANSWERS_PATH)
    trained = {normalise(t) for t, _ in pairs}
    for path in list(HELD_OUT_SETS.values()) + [DEVTEST]:
        replies = [r for rs in load(path)["answers"].values() for r in rs if len(normalise(r).split()) >= 3]
        leaked = [r for r in replies if normalise(r) in trained]
        assert not leaked, f"{path.name}: {leaked}"


def test_a_broken_example_file_leaves_the_patterns_reading(monkeypatch, tmp_path):
    broken = tmp_path / "risk_answers.yml"
    broken.write_text(yaml.safe_dump({"version": 1, "examples": {"yes": ["yes"]}}), encoding="utf-8")
    monkeypatch.setattr(risk_answers, "DEFAULT_ANSWERS_PATH", broken)
    monkeypatch.setattr(risk_answers, "_active", None)
    with pytest.raises(risk_answers.RiskAnswersError):
        risk_answers.load_reader()
    assert risk_answers.read_answer("maybe") == "unsure"
    assert risk_answers.read_answer("why do you even ask") == "other"


def test_a_reply_read_by_both_policies_in_one_turn_runs_the_classifier_once(monkeypatch):
    reader = risk_answers.load_reader()
    calls = []
    original = reader.chances

    def counting(text: str):
        calls.append(text)
        return original(text)

    monkeypatch.setattr(reader, "chances", counting)
    reply = "the bus was late again this morning"  # the patterns leave it to the classifier
    first = risk_answers.read_answer(reply)
    second = risk_answers.read_answer(reply)
    assert first == second
    assert risk_rules.read_answer(reply) == "other"
    assert len(calls) == 1


# es9: typed Spanish answers. "nose" and "puede ser" read as other or a plain yes, "claro" as other.
@pytest.mark.parametrize(
    "reply, kind",
    [("nose", "unsure"), ("puede ser", "unsure"), ("claro", "yes"), ("sí", "yes"),
     ("no", "no"), ("gracias", "other"), ("ok gracias", "other"), ("muchas gracias", "other")],
)
def test_spanish_replies_to_the_question_read_as_they_are_meant(reader, reply, kind):
    assert reader.read(reply) == kind
