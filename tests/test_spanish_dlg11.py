"""dlg11: the privacy notice and answers, and the contact handoff's "I didn't follow that", in a Spanish conversation
(resources/es.yml, picked by extensions/nlg.py; the SMS privacy notice by extensions/channels/sms_conversation.py)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from extensions.channels.sms_conversation import _turn_reply
from extensions.nlg import SafetyFooterNLG
from harmbot import content
from harmbot.storage.sms_state import ConversationState

ROOT = Path(__file__).resolve().parent.parent
PRIVACY = ["utter_privacy", "utter_privacy_more", "utter_privacy_who_reads", "utter_privacy_reporting",
           "utter_privacy_storage", "utter_privacy_sms", "utter_privacy_delete_confirm", "utter_privacy_delete_kept",
           "utter_dlg_privacy_more", "utter_dlg_privacy_more_none", "utter_dlg_next_privacy",
           "utter_dlg_clarify_privacy"]


@pytest.fixture(scope="module")
def nlg():
    from rasa.shared.core.domain import Domain

    return SafetyFooterNLG(domain=Domain.load(str(ROOT / "domain")))


def _say(nlg, action, text, channel="rest", **kwargs):
    tracker = DialogueStateTracker.from_events("es-dlg11", [UserUttered(text)])
    return asyncio.run(nlg.generate(action, tracker, channel, **kwargs))


@pytest.mark.parametrize("name", PRIVACY)
def test_every_privacy_answer_is_spanish_in_a_spanish_conversation(nlg, name):
    kwargs = {"privacy_storage": "kept 30 days", "privacy_storage_es": "se guarda 30 días"}
    english = _say(nlg, name, "hi, who can read this?", **kwargs)["text"]
    spanish = _say(nlg, name, "hola, quién puede leer esto?", **kwargs)["text"]
    assert spanish != english and english.split()[0] not in spanish.split()[:1], (name, spanish)


def test_the_privacy_summary_in_spanish_keeps_its_buttons(nlg, domain):
    message = _say(nlg, "utter_privacy", "quiero saber sobre la privacidad")
    assert message["text"].startswith("Privacidad, en corto: nadie lee esto en vivo")
    assert [b["payload"] for b in message["buttons"]] == [b["payload"] for b in domain.responses["utter_privacy"][0]
                                                          ["buttons"]]
    assert message["buttons"][0]["title"] == "¿Quién puede leer esto?"


def test_what_is_kept_goes_out_in_spanish_with_the_retention_period(nlg):
    from actions.privacy import ActionPrivacyStorage
    from tests.action_helpers import run_action

    (sent,) = run_action(ActionPrivacyStorage())
    kwargs = {k: v for k, v in sent.items() if k.startswith("privacy_storage")}
    message = _say(nlg, sent["response"], "y qué se guarda de esto", **kwargs)
    assert message["text"].startswith("Qué se guarda: esta conversación") and "días sin mensajes" in message["text"]


def test_texts_not_encrypted_has_a_spanish_sms_variant(nlg):
    message = _say(nlg, "utter_privacy_sms", "los mensajes son privados?", channel="sms")
    assert "no están cifrados" in message["text"] and "borra esta conversación en tu teléfono" in message["text"]


def test_the_contact_handoffs_didnt_follow_reply_is_spanish(nlg, domain):
    message = _say(nlg, "utter_dlg_clarify_contact", "mmm no sé qué quieres decir")
    assert message["text"].startswith("Perdón, no te entendí")
    assert [b["payload"] for b in message["buttons"]] == ["/contact_human", "/menu"]


def test_the_sms_privacy_notice_follows_a_spanish_reply():
    reply = [{"text": "Hola, soy una guía automática de apoyo entre pares: un chatbot, no una persona."}]
    (body,) = _turn_reply(ConversationState(), reply)[0]
    assert body.endswith(content.sentences("es")["sms"]["privacy_notice"].strip())
    assert "no están cifrados" in body and "STOP" in body
    english = [{"text": "Hi, I'm an automated peer-support guide: a chatbot, not a person."}]
    assert _turn_reply(ConversationState(), english)[0][0].endswith(content.sentence("sms", "privacy_notice"))


def test_still_wanting_to_in_the_spanish_urge_flow_is_answered_in_spanish(nlg, domain):
    message = _say(nlg, "utter_dlg_still_want", "sigo con ganas")
    assert message["text"].startswith("Gracias por decírmelo") and "988" in message["text"]
    english = [b["payload"] for b in domain.responses["utter_dlg_still_want"][0]["buttons"]]
    assert [b["payload"] for b in message["buttons"]] == english


@pytest.mark.parametrize("name", ["utter_dlg_helping_what_now", "utter_dlg_helping_what_now_again"])
def test_a_spanish_helper_who_does_not_know_what_to_do_gets_the_steps_in_spanish(nlg, name):
    """Session 11, talking to the bot: "no se que hacer" after the Spanish helper reply came back in English."""
    reply = _say(nlg, name, "no se que hacer, mi amiga no contesta")
    assert "911" in reply["text"] and "988" in reply["text"] and "llama" in reply["text"].lower(), reply["text"]
    assert [b["payload"] for b in reply["buttons"]] == ["I've called", "/helping_disclosure", "/helping_self_care"]
