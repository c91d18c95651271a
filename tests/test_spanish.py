"""Spanish starter (issue 12): a Spanish message gets the Spanish menu, crisis, urge-coping, wound-care and
helping-someone replies (resources/es.yml), with the same numbers and button payloads as the English."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
import yaml
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from extensions import language
from extensions.channels.sms_text import compose
from extensions.nlg import SafetyFooterNLG, is_crisis_reply

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "data" / "language_labelled.yml"
EXPECTED = {"en": "en", "es": "es", "spanglish_es": "es", "spanglish_en": "en", "none": None}
SPANISH = language.spanish_responses()


def _domain_file_responses(name: str) -> List[str]:
    content = yaml.safe_load((ROOT / "domain" / f"{name}.yml").read_text(encoding="utf-8"))
    return list(content["responses"])


# What the issue asks to be in Spanish: the menu and small talk, every crisis reply, the urge flow, the first
# wound-care steps and the basics of helping someone.
# Base is named one by one (other branches add small-talk replies there); every crisis and urge reply is
# covered by file, so a new one without Spanish fails here.
BASE = ["utter_welcome", "utter_menu", "utter_anything_else", "utter_unavailable", "utter_goodbye", "utter_thank",
        "utter_bot_challenge", "utter_harm_reduction_info", "utter_out_of_scope", "utter_default"]
COVERED = (
    BASE
    + _domain_file_responses("crisis")
    + _domain_file_responses("self_harm_urge")
    + ["utter_wound_ask", "utter_wound_emergency", "utter_wound_same_day", "utter_wound_cut", "utter_wound_burn",
       "utter_wound_aftercare", "utter_wound_more"]
    + [n for n in _domain_file_responses("helping_someone") if n != "utter_helping_youth"]
)


# The dialogue layer's short follow-ups and "didn't follow" replies that a Spanish "hola", "gracias", "sí" or
# "no" reaches: without Spanish versions the turn ended in English ("Would one of these help?").
DIALOGUE_FOLLOW_UPS = ["utter_dlg_next_menu", "utter_dlg_clarify_menu", "utter_dlg_clarify_urge", "utter_dlg_next_urge",
                       "utter_dlg_next_after_crisis", "utter_dlg_next_helping", "utter_dlg_clarify_again",
                       "utter_dlg_yes", "utter_dlg_no", "utter_dlg_thank", "utter_dlg_yes_again", "utter_dlg_no_again",
                       "utter_dlg_thank_again",
                       # Session 9, talking to the bot: "no se" after a Spanish reply got "That's okay, you don't
                       # have to know" in English.
                       "utter_dlg_unsure", "utter_dlg_unsure_again"]


def labelled() -> List[tuple]:
    sets = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))
    return [(str(text), EXPECTED[label]) for label, texts in sets.items() for text in texts]


# ---- detection -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["hola", "Hola!", "gracias", "sí", "si", "buenas noches", "¿me ayudas?"])
def test_short_spanish_messages_are_spanish(text):
    assert language.detect(text) == "es"


@pytest.mark.parametrize("text", ["no", "ok", "/affirm", "😢", "3", "menu"])
def test_words_both_languages_use_give_no_signal(text):
    assert language.detect(text) is None


def test_detection_is_right_on_the_labelled_texting_set():
    cases = labelled()
    wrong = [(text, want, language.detect(text)) for text, want in cases if language.detect(text) != want]
    assert len(cases) >= 100
    assert len(wrong) / len(cases) <= 0.02, wrong


def test_no_after_spanish_keeps_spanish_and_after_english_keeps_english():
    assert language.conversation_language(["no", "hola"]) == "es"
    assert language.conversation_language(["no", "hello"]) == "en"
    assert language.conversation_language(["/affirm", "gracias"]) == "es"
    assert language.conversation_language(["no"]) == "en"


def test_switching_to_english_answers_in_english_again():
    assert language.conversation_language(["how do i clean a cut", "hola"]) == "en"


# ---- the Spanish resource file mirrors the English -------------------------------------------------------


def test_every_covered_response_has_a_spanish_version():
    assert sorted(set(COVERED) - set(SPANISH)) == []


@pytest.mark.parametrize("name", DIALOGUE_FOLLOW_UPS)
def test_the_follow_ups_after_a_spanish_message_have_a_spanish_version(name):
    assert name in SPANISH


# content7: someone telling how they feel in Spanish, asking for coping with stress, or asking for a person got
# English replies (or none that fit).
FEELINGS_AND_CONTACT = ["utter_share_feelings", "utter_coping_stress", "utter_coping_stress_next",
                        "utter_contact_ask_consent", "utter_contact_declined", "utter_dlg_next_contact"]


@pytest.mark.parametrize("name", FEELINGS_AND_CONTACT)
def test_feelings_stress_ideas_and_the_contact_question_have_a_spanish_version(name):
    assert name in SPANISH


def test_every_spanish_response_is_a_domain_response(domain):
    assert sorted(set(SPANISH) - set(domain.responses)) == []


def _contacts(text: str) -> List[str]:
    """Numbers of three digits or more (911, 988, phone numbers, 741741), in order of first use."""
    found = [n for n in re.findall(r"\d[\d-]*\d|\d", text) if len(re.sub(r"\D", "", n)) >= 3]
    return sorted(set(found))


@pytest.fixture(scope="module")
def pairs():
    from rasa.shared.core.domain import Domain

    domain = Domain.load(str(ROOT / "domain"))
    return {
        f"{name}[{i}]": (english, spanish)
        for name, variants in SPANISH.items()
        for i, (english, spanish) in enumerate(zip(domain.responses[name], variants, strict=True))
    }


def test_spanish_has_the_same_variants_with_the_same_conditions(domain):
    for name, variants in SPANISH.items():
        english = domain.responses[name]
        assert [v.get("condition") for v in variants] == [v.get("condition") for v in english], name


def test_spanish_buttons_keep_the_payloads_and_translate_the_titles(pairs):
    for where, (english, spanish) in pairs.items():
        en_buttons, es_buttons = english.get("buttons") or [], spanish.get("buttons") or []
        assert [b["payload"] for b in es_buttons] == [b["payload"] for b in en_buttons], where
        assert all(b["title"].strip() for b in es_buttons), where


def test_spanish_gives_the_same_numbers_as_the_english(pairs):
    """911, 988, Poison Help, the ACTION Line, 741741: a translation never drops or changes a number."""
    for where, (english, spanish) in pairs.items():
        en_titles = " ".join(b["title"] for b in english.get("buttons") or [])
        es_titles = " ".join(b["title"] for b in spanish.get("buttons") or [])
        assert _contacts(spanish["text"] + es_titles) == _contacts(english["text"] + en_titles), where


@pytest.mark.parametrize("name", [n for n in SPANISH if is_crisis_reply(n)])
def test_spanish_crisis_replies_give_911_and_988_and_the_spanish_option(name):
    for variant in SPANISH[name]:
        assert "911" in variant["text"] and "988" in variant["text"]
        assert "marca 2" in variant["text"] or "AYUDA" in variant["text"]


def test_the_reminder_line_has_911_and_988_in_spanish():
    line = language.spanish_message("crisis_reminder")
    assert "911" in line and "988" in line and "necesitas" in line


# ---- the NLG answers in the conversation's language ------------------------------------------------------


def _tracker(*events) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("es-test", list(events))


@pytest.fixture(scope="module")
def nlg():
    from rasa.shared.core.domain import Domain

    return SafetyFooterNLG(domain=Domain.load(str(ROOT / "domain")))


def _say(nlg, action: str, tracker: DialogueStateTracker) -> Optional[Dict[str, Any]]:
    return asyncio.run(nlg.generate(action, tracker, "rest"))


def test_hola_gets_the_spanish_menu_with_the_same_payloads(nlg, domain):
    message = _say(nlg, "utter_menu", _tracker(UserUttered("hola")))
    assert message["text"] == "¿Qué te gustaría ver?"
    english = [b["payload"] for b in domain.responses["utter_menu"][0]["buttons"]]
    assert [b["payload"] for b in message["buttons"]] == english
    assert message["buttons"][0]["title"] == "Tengo ganas ahora mismo"


def test_english_conversation_stays_english(nlg):
    message = _say(nlg, "utter_menu", _tracker(UserUttered("hello")))
    assert message["text"] == "What would you like to look at?"


def test_a_response_without_spanish_falls_back_to_english(nlg, domain, monkeypatch):
    # es12: every domain response has Spanish now (tests/test_spanish_es12.py); a new one without it still goes out.
    monkeypatch.delitem(nlg.spanish.responses, "utter_wound_tetanus")
    message = _say(nlg, "utter_wound_tetanus", _tracker(UserUttered("hola")))
    assert message["text"] == domain.responses["utter_wound_tetanus"][0]["text"]


def test_a_spanish_version_whose_conditions_do_not_match_falls_back_to_english(nlg, monkeypatch):
    only_overdose = [{"condition": [{"type": "slot", "name": "risk_reason", "value": "overdose"}], "text": "x"}]
    monkeypatch.setitem(nlg.spanish.responses, "utter_crisis", only_overdose)
    text = _say(nlg, "utter_crisis", _tracker(UserUttered("hola")))["text"]
    assert text.startswith("If you're in danger right now, call 911.")


def test_spanish_crisis_reply_keeps_its_variant(nlg):
    tracker = _tracker(UserUttered("me tomé la caja entera"), SlotSet("risk_reason", "overdose"))
    message = _say(nlg, "utter_crisis", tracker)
    assert "1-800-222-1222" in message["text"] and "911" in message["text"] and "llama" in message["text"]


def test_spanish_someone_else_variant_uses_the_wound_slot(nlg):
    tracker = _tracker(UserUttered("mi amiga se cortó, ¿qué hago?"), SlotSet("for_someone_else", True))
    assert "Ayudar con un corte" in _say(nlg, "utter_wound_cut", tracker)["text"]


def test_after_a_spanish_crisis_the_reminder_is_spanish(nlg):
    tracker = _tracker(
        UserUttered("no quiero seguir viviendo"), ActionExecuted("utter_crisis"), BotUttered("..."),
        UserUttered("gracias"),
    )
    text = _say(nlg, "utter_thank", tracker)["text"]
    assert text.startswith("De nada") and text.endswith(language.spanish_message("crisis_reminder"))


def test_the_follow_up_after_a_spanish_thanks_is_spanish(nlg):
    tracker = _tracker(UserUttered("hola"), BotUttered("..."), UserUttered("gracias"))
    message = _say(nlg, "utter_dlg_next_menu", tracker)
    assert message["text"] == "¿Te ayudaría alguna de estas?"
    assert message["buttons"][0]["title"] == "Tengo ganas ahora mismo"


# After a crisis reply the dialogue layer stays with the person (utter_dlg_crisis_*, and the shared
# utter_dlg_emergency_* replies its buttons lead to): "gracias" in Spanish got these in English.
AFTER_CRISIS = [n for n in _domain_file_responses("dialogue") if n.startswith("utter_dlg_crisis_")] + [
    "utter_dlg_emergency_called", "utter_dlg_emergency_wont_call", "utter_dlg_emergency_safe_now",
    "utter_dlg_emergency_goodbye", "utter_dlg_emergency_still_again", "utter_dlg_emergency_helper_er_fear",
    "utter_dlg_helper_er_fear"]


@pytest.mark.parametrize("name", AFTER_CRISIS)
def test_the_follow_ups_after_a_crisis_reply_have_a_spanish_version(name):
    assert name in SPANISH


def test_gracias_after_a_spanish_crisis_reply_gets_the_spanish_check(nlg):
    tracker = _tracker(
        UserUttered("quiero morir"), ActionExecuted("utter_crisis"), BotUttered("..."), UserUttered("gracias"),
    )
    message = _say(nlg, "utter_dlg_crisis_check", tracker)
    assert message["text"].startswith("Sigo aquí contigo") and "988" in message["text"]
    assert "I'm still here" not in message["text"]
    assert [b["payload"] for b in message["buttons"]] == ["I'm safe now", "not sure", "I don't want to call"]


def test_yes_no_after_spanish_keeps_spanish(nlg):
    tracker = _tracker(UserUttered("hola"), BotUttered("..."), UserUttered("no"))
    assert _say(nlg, "utter_risk_check_no", tracker)["text"].startswith("Gracias")


def test_a_new_session_starts_in_english(nlg):
    tracker = _tracker(UserUttered("hola"), SessionStarted(), UserUttered("ok"))
    assert _say(nlg, "utter_menu", tracker)["text"] == "What would you like to look at?"


# ---- SMS: Spanish buttons become Spanish numbered choices ------------------------------------------------


def test_sms_numbers_spanish_choices_with_a_spanish_intro(nlg):
    message = _say(nlg, "utter_urge_suicide_check", _tracker(UserUttered("hola")))
    text, choices = compose([message])
    assert "Responde con un número:\n1 - Sí\n2 - No" in text
    assert choices == [("Sí", "/affirm"), ("No", "/deny")]


def test_sms_keeps_the_english_intro_for_english(nlg):
    text, _ = compose([_say(nlg, "utter_urge_suicide_check", _tracker(UserUttered("hi")))])
    assert "Reply with a number:" in text


# ---- content8: the fainting / not-eating follow-ups, the ER fear and the contact handoff ----------------------


def _emergency_follow_ups(situation: str) -> List[str]:
    """Every reply the dialogue layer can choose after this emergency reply (extensions/dialogue_policy.py's
    tables): each answer class's own or shared reply, its `_again` wording, the check, "still" and goodbye."""
    from rasa.shared.core.domain import Domain

    from extensions import dialogue_policy as policy

    names = set(Domain.load(str(ROOT / "domain")).action_names_or_texts)
    classes = [c for c in policy.EMERGENCY_ORDER if situation in policy.ONLY_IN.get(c, {situation})]
    # Answers the policy renames: "yes"/"no" to a call question, "are you safe?", feeling faint while asking.
    classes += ["called", "wont_call", "safe_now", "not_safe", "helper_er_fear", "eat_question_faint"]
    chosen = {f"utter_dlg_{situation}_check", f"utter_dlg_{situation}_still", "utter_dlg_emergency_goodbye",
              "utter_dlg_emergency_still_again"}
    for answer in classes:
        chosen |= {next((n for n in (f"utter_dlg_{situation}_{answer}", f"utter_dlg_emergency_{answer}")
                         if n in names), "")}
    chosen |= {f"{n}_again" for n in chosen}
    return sorted(n for n in chosen if n in names)


# es9: after a Spanish overdose or bleeding reply, "ya llamé", "no quiero ir" and "sigue sangrando" came out in English.
@pytest.mark.parametrize("situation", ["fainting", "crisis", "overdose", "bleeding", "medical", "burn"])
def test_every_follow_up_a_spanish_conversation_can_reach_after_that_reply_has_a_spanish_version(situation):
    reachable = _emergency_follow_ups(situation)
    # The medical follow-up (session 21) has its own ER fear reply, with the medical reason first; so do the burn
    # (session 23) and fainting (session 24) ones.
    own = ("medical", "burn", "fainting")
    fear = f"utter_dlg_{situation}_er_fear" if situation in own else "utter_dlg_emergency_er_fear"
    assert len(reachable) >= 15 and fear in reachable
    assert [n for n in reachable if n not in SPANISH] == []


def test_a_spanish_question_about_eating_after_fainting_gets_the_spanish_answer_with_the_same_numbers(nlg):
    tracker = _tracker(UserUttered("me desmayé y no he comido nada, ¿qué hago?"),
                       ActionExecuted("utter_emergency_fainting"), BotUttered("..."),
                       UserUttered("¿debería comer algo?"))
    message = _say(nlg, "utter_dlg_fainting_eat_question", tracker)
    assert message["text"].startswith("Comer es el camino correcto") and "911" in message["text"]
    assert "right direction" not in message["text"]
    assert [b["payload"] for b in message["buttons"]] == ["I've called", "i feel faint again", "/eating_helpline"]


def test_a_spanish_fear_of_the_er_gets_the_spanish_answer_with_the_rights_line(nlg):
    tracker = _tracker(UserUttered("me tomé muchas pastillas"), ActionExecuted("utter_emergency_overdose"),
                       BotUttered("..."), UserUttered("me da miedo ir a urgencias"))
    text = _say(nlg, "utter_dlg_emergency_er_fear", tracker)["text"]
    assert "Ese miedo tiene sentido" in text and "1-877-402-2299" in text and "911" in text


def test_clicking_a_spanish_button_whose_payload_is_english_words_keeps_the_reply_spanish(nlg):
    offered = {"buttons": [{"title": "¿Debería comer algo?", "payload": "should i eat something"}]}
    spanish = UserUttered("me desmayé y no he comido nada, ¿qué hago?")
    tracker = _tracker(spanish, ActionExecuted("utter_dlg_fainting_check"),
                       BotUttered("Sigo aquí contigo.", data=offered), UserUttered("should i eat something"))
    assert _say(nlg, "utter_dlg_fainting_eat_question", tracker)["text"].startswith("Comer es el camino correcto")
    # Typed in English (not a payload on offer), the reply is English again.
    typed = UserUttered("should i eat something now")
    tracker = _tracker(spanish, BotUttered("Sigo aquí contigo.", data=offered), typed)
    assert _say(nlg, "utter_dlg_fainting_eat_question", tracker)["text"].startswith("Eating is the right direction")


# ---- es9: texting-style review in Spanish ------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, answer",
    [("sí", "yes"), ("si", "yes"), ("claro", "yes"), ("no", "no"), ("no quiero", "no"), ("no se", "unsure"),
     ("nose", "unsure"), ("tal vez", "unsure"), ("puede ser", "unsure"), ("vale", "ack"), ("ok gracias", "thank"),
     ("ya llamé", "called"), ("ayúdame", "what_now"), ("¿y qué hago mientras?", "what_now"),
     ("habla conmigo", "talk_to_me"), ("no quiero ir", "er_fear"), ("no quiero llamar", "wont_call"),
     ("sigue sangrando", "still_bleeding"), ("ya paró", "bleeding_stopped")],
)
def test_typed_spanish_answers_are_read_like_their_english_ones(typed, answer):
    from extensions import dialogue_policy as policy

    assert answer in policy.answer_classes(typed), policy.answer_classes(typed)


def test_a_spanish_hedge_is_never_all_clear():
    from extensions import dialogue_policy as policy

    assert policy.hedged("no sé, creo que estoy bien") and not policy.hedged("estoy bien")


def test_spanish_overdose_follow_ups_are_spanish_with_the_poison_line(nlg):
    tracker = _tracker(UserUttered("me tomé un montón de pastillas"), ActionExecuted("utter_emergency_overdose"),
                       BotUttered("..."), UserUttered("ya llamé"))
    message = _say(nlg, "utter_dlg_overdose_still", tracker)
    assert message["text"].startswith("Sigo aquí") and "1-800-222-1222" in message["text"]
    assert [b["title"] for b in message["buttons"]][0] == "Ya llamé"
    bleeding = _say(nlg, "utter_dlg_bleeding_still_bleeding", tracker)["text"]
    assert "10 minutos" in bleeding and "911" in bleeding and "pressure" not in bleeding


# "sí" after the eating reply got the dialogue layer's English follow-up.
EATING = _domain_file_responses("eating_disorder") + ["utter_dlg_next_eating", "utter_dlg_clarify_eating",
                                                      "utter_dlg_eating_more", "utter_dlg_eating_more_none"]


@pytest.mark.parametrize("name", EATING)
def test_every_eating_reply_and_its_follow_ups_have_a_spanish_version(name):
    assert name in SPANISH


def test_not_eating_and_dizzy_gets_a_doctor_soon_and_911_for_fainting_chest_pain_or_confusion(nlg):
    said = _say(nlg, "utter_eating_dizzy", _tracker(UserUttered("llevo días sin hambre y me mareo")))["text"]
    assert "médico pronto" in said and "911" in said
    assert all(word in said for word in ("desmayas", "pecho", "confundid"))


def test_spanish_dizziness_after_not_eating_is_no_emergency_but_fainting_is():
    from harmbot.risk import rules as risk_rules

    # Patterns only (the nets are measured elsewhere): "no tengo hambre" is not eating, "me voy a desmayar" fainting.
    assert risk_rules.triage("no tengo nada de hambre hace días y me desmayé en el baño").level == "imminent"
    assert risk_rules.triage("no he comido y siento que me voy a desmayar").level == "imminent"
    assert risk_rules.triage("no tengo nada de hambre hace días y me mareo al pararme").level == "none"


def test_crying_with_chest_pain_names_911_and_no_suicide_question(nlg, domain):
    english = domain.responses["utter_share_feelings_chest"][0]["text"]
    spanish = _say(nlg, "utter_share_feelings_chest", _tracker(UserUttered("no paro de llorar y me duele el pecho")))
    for text in (english, spanish["text"]):
        assert "911" in text and "988" in text and "?" not in text


# ---- es9: the contact request form in Spanish ------------------------------------------------------------


def _form_tracker(bot_text: str, bot_action: str, text: str, slots=None):
    from rasa_sdk import Tracker

    events = [{"event": "bot", "text": bot_text, "metadata": {"utter_action": bot_action}},
              {"event": "user", "text": text, "parse_data": {"text": text, "intent": {"name": "nlu_fallback"}}}]
    return Tracker("es-form", dict(slots or {}), {"text": text, "intent": {"name": "nlu_fallback"}}, events, False,
                   None, {}, "action_listen")


def test_the_contact_form_speaks_the_language_its_question_was_asked_in():
    from actions.contact_human import conversation_language

    spanish_question = SPANISH["utter_ask_contact_note"][0]["text"]
    assert conversation_language(_form_tracker(spanish_question, "utter_ask_contact_note", "nada")) == "es"
    assert conversation_language(_form_tracker("Anything you'd like staff to know", "utter_ask_contact_note",
                                               "nothing")) == "en"


def test_the_spanish_summary_and_cancel_are_spanish_with_the_same_payloads():
    from actions.contact_human import ActionAskContactConfirm, ActionContactSubmit
    from tests.form_helpers import run

    slots = {"contact_how": "phone:+18605550123", "contact_time": "mornings", "contact_note": ""}
    question = SPANISH["utter_ask_contact_note"][0]["text"]
    (summary,), _ = run(ActionAskContactConfirm(), _form_tracker(question, "utter_ask_contact_note", "saltar", slots))
    assert summary["text"].startswith("Esto es lo que pasaría") and "860-555-0123" in summary["text"]
    assert [b["payload"] for b in summary["buttons"]] == ["yes", "change", "cancel"]
    messages, _ = run(ActionContactSubmit(), _form_tracker(question, "utter_ask_contact_note", "cancelar", slots))
    assert messages[0]["text"] == "De acuerdo, no he enviado ni guardado nada."


@pytest.mark.parametrize("typed", ["cancelar", "Cancelar.", "cancélalo"])
def test_cancelar_leaves_the_form_keeping_nothing(typed):
    from actions import form_exit

    assert form_exit.is_leaving(_form_tracker("", "utter_ask_contact_how", typed))


@pytest.mark.parametrize("typed", ["ya no", "olvídalo", "olvidalo", "mejor no, déjalo"])
def test_spanish_ways_out_stop_the_form(typed):
    from actions import form_exit

    assert form_exit.only(typed, "stop")


@pytest.mark.parametrize("answer", ["después de las 5", "por la tarde", "entre semana"])
def test_a_spanish_time_is_still_an_answer(answer):
    from actions import form_exit

    assert not form_exit.only(answer, "stop") and not form_exit.is_leaving(_form_tracker("", "x", answer))



# ---- es10: gaps found talking to the bot in Spanish ------------------------------------------------------


@pytest.mark.parametrize("reply", ["creo que si", "creo que sí", "Creo que sí...", "pues creo que sí", "yo creo q si",
                                   "tal vez", "puede ser", "a veces", "supongo que sí"])
def test_a_spanish_i_think_so_to_the_direct_question_is_a_hedge_not_a_plain_yes(reply):
    """ "creo que sí" ("i think so") got the plain-yes crisis reply; English "i think so" / "maybe" get the one worded
    for a hedge ("it's okay not to be sure")."""
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted

    from extensions.crisis_policy import CrisisPolicy, read_direct_answer

    assert read_direct_answer(reply, "affirm", "none") == "unsure"
    domain = Domain.load(str(Path(__file__).resolve().parent.parent / "domain"))
    policy = CrisisPolicy(CrisisPolicy.get_default_config(), None, None, ExecutionContext(GraphSchema({}), "t"))
    for question, first in (("utter_risk_check", "utter_crisis_after_unsure"),
                            ("utter_urge_suicide_check", "utter_urge_check_unsure")):
        events = [ActionExecuted(question), ActionExecuted("action_listen"),
                  UserUttered(reply, {"name": "affirm", "confidence": 1.0}, parse_data={"risk_level": "none"})]
        tracker = DialogueStateTracker.from_events("t", events, domain.slots)
        prediction = policy.predict_action_probabilities(tracker, domain)
        assert domain.action_names_or_texts[prediction.max_confidence_index] in (first, "utter_crisis_after_unsure")


def test_the_spanish_hedge_reply_says_it_is_okay_not_to_be_sure_with_911_and_988(nlg):
    said = _say(nlg, "utter_crisis_after_unsure", _tracker(UserUttered("creo que sí")))["text"]
    assert "no estar seguro" in said and "911" in said and "988" in said


@pytest.mark.parametrize("reply", ["sí", "si la verdad", "claro"])
def test_a_plain_spanish_yes_is_still_yes(reply):
    from extensions.crisis_policy import read_direct_answer

    assert read_direct_answer(reply, "affirm", "none") == "yes"


@pytest.mark.parametrize("text", ["me quiero morir de la vergüenza jaja", "me quiero morir de la verguenza",
                                  "me muero de risa", "me quiero morir de risa jajaja", "me muero de sueño",
                                  "me quiero morir de sueño", "me muero de la pena jaja",
                                  "me quiero morir de la pena jajaja", "me muero de hambre",
                                  "quiero morirme de la vergüenza xD"])
def test_spanish_dying_of_embarrassment_laughter_sleep_or_hunger_is_an_idiom_not_ideation(text):
    from harmbot.risk import rules as risk_rules

    result = risk_rules.triage(text)
    assert result.level == "none", result
    # Set aside as an idiom where a risk phrase was in it: the level net then leaves it alone too.
    assert result.dismissed or "quiero" not in text


@pytest.mark.parametrize("text", ["me quiero morir", "ya no quiero vivir", "me quiero morir de verdad",
                                  "me quiero morir de tristeza", "me quiero morir de la pena",
                                  "me quiero morir de hambre",
                                  "me quiero morir de la vergüenza y ya no quiero vivir",
                                  "me quiero morir de la vergüenza, en serio me quiero morir"])
def test_real_spanish_ideation_still_gets_the_crisis_reply(text):
    from harmbot.risk import rules as risk_rules

    assert risk_rules.triage(text).level == "ideation"


def _email_tracker(bot_text: str, bot_action: str, text: str, requested: Optional[str] = None, slots=None):
    from rasa_sdk import Tracker

    slots = dict(slots or {})
    parse = {"text": text, "intent": {"name": "nlu_fallback", "confidence": 1.0}, "entities": []}
    events = [{"event": "bot", "text": bot_text, "metadata": {"utter_action": bot_action}},
              {"event": "user", "text": text, "parse_data": parse}]
    if requested:
        slots["requested_slot"] = requested
        slots[requested] = text
        events.append({"event": "slot", "name": requested, "value": text})
    return Tracker("es-form", slots, parse, events, False, None, {"name": "contact_request_form"}, "action_listen")


def test_the_contact_forms_email_step_is_spanish_in_a_spanish_conversation():
    """es10: "prefiero por correo" (or "email me") in the Spanish form got "Sure, staff can email you instead"."""
    from actions.contact_human import ActionAskContactEmail, ValidateContactRequestForm
    from tests.form_helpers import run

    question = SPANISH["utter_ask_contact_how"][0]["text"]
    _, events = run(ValidateContactRequestForm(),
                    _email_tracker(question, "utter_ask_contact_how", "prefiero por correo", "contact_how"))
    assert {"event": "slot", "timestamp": None, "name": "requested_slot", "value": "contact_email"} in events
    (asked,), _ = run(ActionAskContactEmail(), _email_tracker(question, "utter_ask_contact_how", "prefiero por correo"))
    assert asked["text"].startswith("Claro, el personal puede escribirte por correo") and "@" in asked["text"]
    assert "Sure" not in asked["text"]
    messages, events = run(ValidateContactRequestForm(),
                           _email_tracker(question, "utter_ask_contact_how", "a mi gmail", "contact_email"))
    assert messages[0]["text"].startswith("Eso no parece un correo electrónico"), messages
    # English stays English.
    (english,), _ = run(ActionAskContactEmail(), _email_tracker("How would you like staff to reach you?",
                                                                "utter_ask_contact_how", "email me instead"))
    assert english["text"].startswith("Sure, staff can email you instead")


@pytest.mark.parametrize("name", ["utter_contact_handoff_unavailable", "utter_contact_request_form_unavailable"])
def test_the_contact_forms_fallbacks_have_a_spanish_version(name):
    assert name in SPANISH and "988" in SPANISH[name][0]["text"] and "911" in SPANISH[name][0]["text"]
