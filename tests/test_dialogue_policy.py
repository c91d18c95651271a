"""How extensions/dialogue_policy.py reads a short answer (resources/dialogue.yml), without servers."""

from __future__ import annotations

import pytest

from extensions.dialogue_policy import answer_classes, answers_the_flows_read, normalise


@pytest.mark.parametrize(
    "text, first",
    [
        ("idk", "unsure"),
        ("Not sure tbh", "unsure"),
        ("k", "yes"),
        ("nah", "no"),
        ("a bit better", "better"),
        ("didn't really work", "didnt_help"),
        ("still want to", "still_want"),
        ("some more please", "more"),
        ("it was Tylenol", "acetaminophen"),
        ("haven't taken them yet", "not_taken"),
        ("i don't want to call", "wont_call"),
        ("they'll lock me up", "er_fear"),
        ("still bleeding after 15 minutes", "still_bleeding"),
        ("no, I don't have a plan", "safe_now"),
        ("great, another hotline", "frustrated"),
    ],
)
def test_a_short_answer_is_read_as_what_it_means(text, first):
    assert first in answer_classes(text)


@pytest.mark.parametrize("text", ["ok so my cut is red and hot", "it helps me calm down", "maybe i should eat"])
def test_a_longer_message_is_not_taken_for_a_bare_answer(text):
    assert not {"yes", "unsure", "better"} & set(answer_classes(text))


def test_filler_is_dropped_but_the_answer_kept():
    assert normalise("Um, ok!") == "ok"


def test_answers_a_flow_already_reads_are_left_to_its_rules():
    assert ("utter_coping_ask_function", "not_sure") in answers_the_flows_read()
