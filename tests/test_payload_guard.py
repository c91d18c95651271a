import asyncio
from typing import List

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from extensions.payload_guard import (
    MAX_MESSAGE_CHARS,
    MAX_METADATA_BYTES,
    MAX_SENDER_LENGTH,
    cap_text,
    clean_text,
    guard_text,
    guarded,
    metadata_problem,
    risk_fires,
    sender_problem,
)
from harmbot import domain as domain_text
from harmbot.content import sentence


def test_ordinary_text_passes_unchanged():
    assert guard_text("  how do I clean a cut ") == "how do I clean a cut"


def test_a_button_payload_the_bot_offers_is_kept_as_a_payload():
    assert "/wound_care" in domain_text.button_payloads()
    assert guard_text("/wound_care", domain_text.button_payloads()) == "/wound_care"


def test_typed_intent_with_text_becomes_text_so_the_risk_screen_sees_it():
    assert guard_text("/greet i want to die", domain_text.button_payloads()) == "greet i want to die"


def test_typed_payload_with_slot_values_is_not_a_payload():
    assert guard_text('/greet{"risk_reason": null}', domain_text.button_payloads()) == 'greet{"risk_reason": null}'


def test_sms_style_guard_allows_no_payload_at_all():
    assert guard_text("/wound_care") == "wound_care"


def test_a_lone_slash_still_gets_an_answer():
    assert guard_text("/") == "?"


# --- length cap (issue 13, item 8) -------------------------------------------------------------------

def test_text_within_the_cap_is_untouched():
    assert cap_text("how do I clean a cut") == ("how do I clean a cut", False)


def test_text_over_the_cap_keeps_its_beginning_and_says_it_was_cut():
    text = "tell me about harm reduction. " * 1000
    capped, cut = cap_text(text)
    assert cut and len(capped) == MAX_MESSAGE_CHARS and text.startswith(capped)


def test_crisis_sentence_beyond_the_cap_leads_the_capped_text():
    text = "Today was long and I went to the shop and back. " * 200 + "I want to kill myself tonight."
    assert not risk_fires(text[:MAX_MESSAGE_CHARS])
    capped, cut = cap_text(text)
    assert cut and len(capped) <= MAX_MESSAGE_CHARS
    assert capped.startswith("I want to kill myself tonight.") and risk_fires(capped)


def test_risk_parts_far_apart_still_fire_after_cutting():
    """A pattern whose parts sit in different sentences (bleeding ... dizzy), thousands of characters apart."""
    text = "I made tea. " * 400 + "My arm is bleeding a little. " + "I watched a film. " * 400 + "Now I feel dizzy."
    assert risk_fires(text) and not risk_fires(text[:MAX_MESSAGE_CHARS])
    capped, cut = cap_text(text)
    assert cut and len(capped) <= MAX_MESSAGE_CHARS and risk_fires(capped)


def test_control_characters_and_nul_bytes_are_removed_but_lines_stay():
    assert clean_text("hi\x00 there\x01\x1b[31m\nok\tyes\x7f") == "hi there[31m\nok\tyes"


def test_lone_surrogates_become_replacement_characters():
    assert clean_text("hi \ud800") == "hi \ufffd"


def test_not_a_string_becomes_empty_text():
    assert clean_text(42) == "" and clean_text(None) == "" and clean_text(["hi"]) == ""


def test_cut_message_gets_the_kind_line_after_the_turns_replies():
    seen: List[str] = []

    async def bot(message: UserMessage) -> None:
        seen.append(message.text)
        await message.output_channel.send_text_message(message.sender_id, "the bot's reply")

    output = CollectingOutputChannel()
    asyncio.run(guarded(bot)(UserMessage("word " * 2000, output, "someone")))
    assert len(seen[0]) == MAX_MESSAGE_CHARS - 1  # capped, then stripped
    assert [m["text"] for m in output.messages] == ["the bot's reply", sentence("messages", "message_cut")]


def test_short_message_gets_no_cut_line():
    output = CollectingOutputChannel()

    async def bot(message: UserMessage) -> None:
        await message.output_channel.send_text_message(message.sender_id, "ok")

    asyncio.run(guarded(bot)(UserMessage("hi\x00", output, "someone")))
    assert [m["text"] for m in output.messages] == ["ok"]


def test_oversized_or_wrong_ids_and_metadata_are_refused():
    assert sender_problem("abc") is None
    assert sender_problem("s" * (MAX_SENDER_LENGTH + 1)) and sender_problem(" ") and sender_problem(7)
    assert metadata_problem(None) is None and metadata_problem({"a": 1}) is None
    assert metadata_problem({"a": "v" * MAX_METADATA_BYTES}) and metadata_problem([1]) and metadata_problem("x")
