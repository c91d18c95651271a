"""es12: a person who writes in Spanish gets Spanish all the way through.

Every domain response can be sent in a Spanish conversation (the menu's Spanish buttons lead to every flow, and
the dialogue layer builds response names at run time), so every one needs a Spanish version in resources/es.yml.
The sentences actions assemble themselves (the safety plan, leaving a form, "conversation deleted") follow the
language of the bot's latest reply (actions/language.py).

`python -m tests.test_spanish_es12` lists the domain responses that have no Spanish version.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any, Dict, List, Set

import pytest
import yaml

from actions.language import conversation_language
from actions.privacy import ActionDeleteConversation
from actions.safety_plan import ActionAskSafetyPlanProfessionals, ActionSafetyPlanDeliver, ValidateSafetyPlanForm
from tests.form_helpers import run, said, tracker

ROOT = Path(__file__).resolve().parent.parent
ES = yaml.safe_load((ROOT / "resources" / "es.yml").read_text(encoding="utf-8"))
SPANISH = ES["responses"]

# Responses a Spanish conversation can never reach, each with the reason. Empty: every flow can be reached from
# the Spanish menu's buttons, and the dialogue layer's follow-ups and clarifications are built from the
# conversation's topic at run time, so no response can be shown to be English-only.
UNREACHABLE_IN_SPANISH: Dict[str, str] = {}

# Common English words that Spanish text does not use. A Spanish reply with one of them has an English sentence
# in it. ("help", "text" and "stop" are left out: "Poison Help", "envía HOME al 741741" and "escribe STOP" are
# names and keywords the person has to type.)
ENGLISH_WORDS = frozenset(
    """the and you your to of what with for this that it's i'm i've okay please would can step here if or is are it
    do don't we let's keep discard sure done deleted thanks sorry want call who when how go on at my""".split()
)
# Proper names in Spanish replies that contain English words.
NAMES = ("The Trevor Project",)


def domain_responses() -> Dict[str, str]:
    """Every response in domain/*.yml, with the file that defines it."""
    found = {}
    for path in sorted((ROOT / "domain").glob("*.yml")):
        for name in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or {}:
            found[name] = path.name
    return found


def missing_spanish() -> List[str]:
    """Domain responses that a Spanish conversation can reach and that have no Spanish version."""
    return [name for name in domain_responses() if name not in SPANISH and name not in UNREACHABLE_IN_SPANISH]


def english_words(text: str) -> Set[str]:
    text = re.sub(r"\{[a-z_]+\}", " ", text)  # placeholders
    for name in NAMES:
        text = text.replace(name, " ")
    return set(re.findall(r"[a-z']+", text.lower().replace("\u2019", "'"))) & ENGLISH_WORDS


def _texts(variants: List[Dict[str, Any]]) -> List[str]:
    return [str(v.get("text") or "") + " " + " ".join(b["title"] for b in v.get("buttons") or []) for v in variants]


# ---- coverage -------------------------------------------------------------------------------------------


def test_every_response_a_spanish_conversation_can_reach_has_a_spanish_version():
    assert missing_spanish() == []


def test_the_unreachable_list_names_real_responses_without_spanish_each_with_a_reason():
    for name, reason in UNREACHABLE_IN_SPANISH.items():
        assert name in domain_responses() and name not in SPANISH and reason.strip(), name


@pytest.mark.parametrize("name", sorted(SPANISH))
def test_no_spanish_response_has_an_english_sentence_in_it(name):
    for text in _texts(SPANISH[name]):
        assert not english_words(text), (name, english_words(text))


def _english(section: str) -> Dict[str, Any]:
    return yaml.safe_load((ROOT / "resources" / f"{section}.yml").read_text(encoding="utf-8"))


SAFETY_PLAN_SENTENCES = ["title", "intro", "ask_professionals", "people_nudge", "too_long", "skipped_note", "share",
                         "cancelled", "added_to_step", "placed_in_steps"]


def test_every_sentence_the_safety_plan_assembles_has_spanish_with_the_same_placeholders():
    english, spanish = _english("safety_plan"), ES["safety_plan"]
    assert set(spanish["steps"]) == set(english["steps"])
    assert set(english) - set(spanish) == {"crisis_lines", "regional_topic", "max_message_chars", "max_answer_chars",
                                           "continuation", "step_label"}
    for key in SAFETY_PLAN_SENTENCES:
        placeholders = set(re.findall(r"\{[a-z_]+\}", str(english[key])))
        assert set(re.findall(r"\{[a-z_]+\}", str(spanish[key]))) == placeholders, key
        assert not english_words(str(spanish[key])), key
    for slot, heading in spanish["steps"].items():
        assert heading.split(".")[0] == english["steps"][slot].split(".")[0]  # same step number
    assert spanish["skip_button"]["payload"] == english["skip_button"]["payload"]


@pytest.mark.parametrize("key", ["deleted", "request_kept", "deleted_sms", "deleted_web"])
def test_the_conversation_deleted_message_has_spanish(key):
    assert key in ES["privacy"] and not english_words(ES["privacy"][key])


@pytest.mark.parametrize("key", ["not_an_answer_reply", "unsure_reply", "after_check_reply"])
def test_what_the_plan_says_to_a_message_that_answers_no_step_has_spanish(key):
    assert key in ES["form_exits"] and not english_words(ES["form_exits"][key])


# Sentences the directory actions put around their lines (resources/<capability>.yml); the rest are ids.
ACTION_SENTENCES = {
    "peer_support": ["lines_intro", "no_regional_line", "no_lines", "crisis_note"],
    "medication": ["rights_by_region", "rights_default", "no_rights_contact"],
    "eating_disorder": ["helpline_intro", "helpline_other_times", "neda_closed", "no_helpline", "always_there",
                        "video_intro", "no_video"],
    "helping_someone": ["youth_intro", "no_youth_lines", "family_intro", "always_988"],
}


@pytest.mark.parametrize("section", sorted(ACTION_SENTENCES))
def test_every_sentence_the_directory_actions_say_has_spanish(section):
    english, spanish = _english(section), ES[section]
    assert sorted(k for k, v in english.items() if k not in ("situation_lines",)) == sorted(ACTION_SENTENCES[section])
    for key in ACTION_SENTENCES[section]:
        assert key in spanish, (section, key)
        if isinstance(english[key], dict):  # by region
            assert set(spanish[key]) == set(english[key]), (section, key)
        else:
            placeholders = set(re.findall(r"\{[a-z_]+\}", str(english[key])))
            assert set(re.findall(r"\{[a-z_]+\}", str(spanish[key]))) == placeholders, (section, key)


def _directory_ids_listed() -> Set[str]:
    from actions import eating_disorder, peer_support, safety_plan
    from harmbot import content

    ids = {e["id"] for topic in (peer_support.PEER_TOPIC, "rights", "youth_helper", "family")
           for e in content.with_topics([topic])}
    ids |= {i for lines in _english("medication")["situation_lines"].values() for i in lines}
    ids |= {eating_disorder.HELPLINE_ID, *eating_disorder.OTHER_TIMES_IDS, *_english("safety_plan")["crisis_lines"]}
    topic = safety_plan.plan_text()["regional_topic"]
    ids |= {e["id"] for e in content.region().get("lines", []) if topic in e.get("topics", [])}
    return ids


def test_every_directory_line_an_action_lists_has_its_words_in_spanish():
    from harmbot import content

    for entry_id in sorted(_directory_ids_listed()):
        english, spanish = content.entry(entry_id), ES["directory"].get(entry_id, {})
        # Names that are the same in both languages ("Crisis Text Line") are still written out in es.yml.
        worded = [f for f in ("name", "how", "extras", "hours") if english.get(f) and english[f] != "24/7"]
        assert [f for f in worded if f not in spanish] == [], entry_id


# ---- the action server answers in the language its question went out in ---------------------------------

STEP_1 = SPANISH["utter_ask_safety_plan_warning_signs"][0]["text"]
STEP_4 = SPANISH["utter_ask_safety_plan_people"][0]["text"]
CONFIRM_DELETE = SPANISH["utter_privacy_delete_confirm"][0]["text"]


def after(bot_text: str, bot_action: str, track):
    """`track` with the bot's reply `bot_text` (response `bot_action`) just before the person's message."""
    track.events.insert(0, {"event": "bot", "text": bot_text, "metadata": {"utter_action": bot_action}})
    return track


def _answer(slot: str, text: str, bot_text: str, bot_action: str, slots=None):
    track = tracker(text, slots=slots, requested_slot=slot, form="safety_plan_form")
    return run(ValidateSafetyPlanForm(), after(bot_text, bot_action, track))


def test_actions_follow_the_language_the_latest_question_went_out_in():
    spanish = after(STEP_1, "utter_ask_safety_plan_warning_signs", tracker("no puedo dormir"))
    assert conversation_language(spanish) == "es"
    english = after("Step 1 of 7: warning signs.", "utter_ask_safety_plan_warning_signs", tracker("cant sleep"))
    assert conversation_language(english) == "en"


def test_step_five_is_asked_in_spanish_with_the_lines_in_spanish():
    track = after(STEP_4, "utter_ask_safety_plan_people", tracker("mi hermana"))
    (asked,), _ = run(ActionAskSafetyPlanProfessionals(), track)
    assert asked["text"].startswith("Paso 5 de 7")
    assert "988" in asked["text"] and "911" in asked["text"] and "1-800-467-3135" in asked["text"]
    assert "Llama al 911" in asked["text"] and "Call 911" not in asked["text"]
    assert asked["buttons"] == [{"title": "Saltar", "payload": "skip"}]
    assert not english_words(asked["text"]), english_words(asked["text"])


def test_the_plan_comes_back_in_spanish_with_the_persons_own_words():
    answers = {"safety_plan_warning_signs": "no puedo dormir", "safety_plan_coping": "música fuerte",
               "safety_plan_distractions": "", "safety_plan_people": "mi hermana Ana",
               "safety_plan_professionals": "", "safety_plan_environment": "", "safety_plan_reason": "mi gato"}
    question = SPANISH["utter_ask_safety_plan_reason"][0]["text"]
    messages, _ = run(ActionSafetyPlanDeliver(), after(question, "utter_ask_safety_plan_reason",
                                                       tracker("mi gato", slots=answers)))
    text = said(messages)
    assert "MI PLAN DE SEGURIDAD" in text and "1. Mis señales de alerta\nno puedo dormir" in text
    assert "7. Una razón para vivir\nmi gato" in text and "Servicios de emergencia: Llama al 911" in text
    assert "Saltaste algunos pasos" in text and "Guarda tu copia" in text
    assert not english_words(text), english_words(text)


def test_a_filler_an_unsure_answer_and_a_long_answer_get_spanish_before_the_step_again():
    (filler,), _ = _answer("safety_plan_warning_signs", "ok", STEP_1, "utter_ask_safety_plan_warning_signs")
    assert filler["text"].startswith("Sin prisa") and not english_words(filler["text"])
    (unsure,), events = _answer("safety_plan_warning_signs", "idk", STEP_1, "utter_ask_safety_plan_warning_signs")
    assert unsure["text"].startswith("Está bien, a veces es difícil saberlo")
    # Not knowing a second time in a row, after the Spanish reply, is a skip, as that reply offered.
    track = tracker("idk", requested_slot="safety_plan_warning_signs", form="safety_plan_form")
    step_1 = {"event": "bot", "text": STEP_1, "metadata": {"utter_action": "utter_ask_safety_plan_warning_signs"}}
    track.events[:0] = [step_1, {"event": "user", "text": "idk"}, {"event": "bot", "text": unsure["text"]}, step_1]
    messages, events = run(ValidateSafetyPlanForm(), track)
    assert messages == [] and {"event": "slot", "timestamp": None, "name": "safety_plan_warning_signs",
                               "value": ""} in events
    (long,), _ = _answer("safety_plan_warning_signs", "x " * 200, STEP_1, "utter_ask_safety_plan_warning_signs")
    assert long["text"].startswith("Es mucho para un solo paso") and "300" in long["text"]


def test_the_people_nudge_and_an_answer_for_the_step_before_are_spanish():
    (nudge,), _ = _answer("safety_plan_people", "saltar", STEP_4, "utter_ask_safety_plan_people")
    assert nudge["text"].startswith("Está bien, a mucha gente le pasa")
    step_2 = SPANISH["utter_ask_safety_plan_coping"][0]["text"]
    (added,), _ = _answer("safety_plan_coping", "y también me aíslo", step_2, "utter_ask_safety_plan_coping",
                          slots={"safety_plan_warning_signs": "no puedo dormir"})
    assert added["text"] == ("Entendido, lo agregué al paso 1 (mis señales de alerta). Si era para este paso, "
                             "escríbelo otra vez.")


def test_cancelling_the_spanish_plan_says_so_in_spanish():
    messages, _ = run(ActionSafetyPlanDeliver(), after(STEP_4, "utter_ask_safety_plan_people",
                                                       tracker("cancelar", slots={"safety_plan_people": None})))
    assert messages[0]["text"].startswith("De acuerdo, paré el plan de seguridad")


def test_conversation_deleted_is_spanish_after_the_spanish_question_and_english_after_the_english_one():
    track = after(CONFIRM_DELETE, "utter_privacy_delete_confirm", tracker("sí", intent="affirm", channel="socketio"))
    (deleted, marker), _ = run(ActionDeleteConversation(), track)
    assert deleted["text"].startswith("Listo. Borré esta conversación") and "ventana de chat" in deleted["text"]
    assert not english_words(deleted["text"])
    assert marker["custom"] == {"data": {"harmbot": "conversation_deleted"}}  # the marker never changes
    english = after("I can delete this whole conversation", "utter_privacy_delete_confirm",
                    tracker("yes", intent="affirm", channel="sms"))
    (deleted, _), _ = run(ActionDeleteConversation(), english)
    assert deleted["text"].startswith("Done. I've deleted this conversation")
    assert "delete this thread" in deleted["text"]


def test_leaving_the_spanish_plan_midway_asks_keep_or_discard_in_spanish():
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from extensions.nlg import SafetyFooterNLG

    nlg = SafetyFooterNLG(domain=Domain.load(str(ROOT / "domain")))
    conversation = DialogueStateTracker.from_events("es12", [UserUttered("ya no quiero seguir con esto")])
    for name, start in [("utter_ask_safety_plan_form_form_exit_choice", "De acuerdo, podemos parar"),
                        ("utter_form_exit_left_safety_plan_form", "Claro, dejemos el plan"),
                        ("utter_form_exit_paused_safety_plan_form", "De acuerdo, guardé tu plan"),
                        ("utter_ask_safety_plan_coping", "Paso 2 de 7")]:
        message = asyncio.run(nlg.generate(name, conversation, "rest"))
        assert message["text"].startswith(start), name
    choice = asyncio.run(nlg.generate("utter_ask_safety_plan_form_form_exit_choice", conversation, "rest"))
    assert [b["payload"] for b in choice["buttons"]] == ["keep", "discard"]


def test_peer_lines_rights_eating_and_youth_lines_follow_the_conversations_language():
    from actions.eating_disorder import ActionEatingHelpline
    from actions.helping_someone import ActionHelpingYouth
    from actions.medication import ActionMedicationRights
    from actions.peer_support import ActionPeerSupportLines

    for action, response, start in [(ActionPeerSupportLines(), "utter_peer_support_intro", "Líneas de pares"),
                                    (ActionMedicationRights(), "utter_medication_next", "En Connecticut, la ley"),
                                    (ActionEatingHelpline(), "utter_eating_intro", "ANAD tiene una línea"),
                                    (ActionHelpingYouth(), "utter_helping_disclosure", "Si una persona joven")]:
        question = SPANISH[response][-1]["text"]
        messages, _ = run(action, after(question, response, tracker("sí")))
        text = said(messages)
        assert text.startswith(start) and "(revisado el " in text and "checked" not in text, action.name()
        assert not english_words(text), (action.name(), english_words(text))
        english, _ = run(action, after("Peer support means", response, tracker("yes")))
        assert "(checked " in said(english) and "revisado" not in said(english), action.name()


if __name__ == "__main__":
    where = domain_responses()
    for response in missing_spanish():
        print(f"{where[response]}\t{response}")
