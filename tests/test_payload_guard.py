from extensions import domain_text
from extensions.payload_guard import guard_text


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
