"""action_medication_rights: informed consent in Connecticut (with its legal exceptions) and the
rights contacts from the directory, with their checked dates; a neutral text for other regions.
Medication situations: ran out, missed dose, pregnancy, stopping symptoms, someone else's medicine, and
a dose request declined."""

import json
from pathlib import Path

import pytest
import yaml

from actions.medication import ActionMedicationRights, ActionMedicationSituationLines
from harmbot import content
from tests.action_helpers import edited_directory, run_action, texts
from tests.flow_content import nlu_examples, rules, text

ROOT = Path(__file__).resolve().parent.parent


def test_ct_rights_name_informed_consent_its_exceptions_and_the_legal_rights_project():
    said = texts(run_action(ActionMedicationRights()))
    assert "informed consent" in said and "§17a-543" in said
    assert "exceptions" in said
    clrp = content.entry("ct_patient_rights")
    assert f"{clrp['name']}: {clrp['how']}" in said
    assert f"(checked {content.verified_on(clrp)})" in said


def test_rights_never_claim_a_legal_right_to_a_second_opinion():
    assert "second opinion" not in texts(run_action(ActionMedicationRights())).lower()


def test_another_region_gets_the_general_text_not_connecticut_law(monkeypatch):
    def elsewhere(d):
        d["regions"]["XX"] = {"name": "Elsewhere", "lines": []}
        d["region"] = "XX"

    edited_directory(monkeypatch, elsewhere)
    monkeypatch.delenv("HARMBOT_REGION", raising=False)
    said = texts(run_action(ActionMedicationRights()))
    assert "Connecticut" not in said and "17a-543" not in said
    assert "Rights differ from place to place" in said
    assert "I don't have a checked patients' rights contact" in said



def test_every_reason_button_has_its_own_validation_and_typed_reasons_get_the_choices_again():
    responses = yaml.safe_load((ROOT / "domain" / "medication.yml").read_text())["responses"]
    tapped = {
        json.loads(b["payload"][len("/medication_reason"):])["medication_reason"]
        for b in responses["utter_medication_ask_reason"][0]["buttons"]
    }
    variants = responses["utter_medication_reason"]
    answered = {c["value"] for v in variants for c in v.get("condition", [])}
    assert tapped == answered
    assert len({v["text"] for v in variants}) == len(tapped) + 1, "each reason needs its own words"
    typed = [v for v in variants if not v.get("condition")]
    assert len(typed) == 1 and typed[0]["buttons"] == responses["utter_medication_ask_reason"][0]["buttons"]


# --- situations: ran out, missed dose, pregnancy, stopping symptoms, someone else's medicine ----------

SITUATIONS = ["medication_ran_out", "medication_missed_dose", "medication_pregnancy", "medication_withdrawal",
              "medication_someone_elses", "medication_dose_request"]


@pytest.mark.parametrize("intent", SITUATIONS)
def test_every_situation_has_at_least_25_examples(intent):
    assert len(set(nlu_examples("medication", intent))) >= 25


def test_missed_dose_says_no_doubling_and_ask_a_pharmacist():
    said = text("utter_medication_missed_dose")
    assert "don't take a double dose" in said and "pharmacist" in said


def test_missed_or_extra_dose_gives_poison_help_from_the_directory():
    said = texts(run_action(ActionMedicationSituationLines(), intent="medication_missed_dose"))
    assert content.entry("poison_help")["how"] in said and "(checked " in said


def test_pregnancy_says_dont_stop_alone_and_gives_mothertobaby():
    said = text("utter_medication_pregnancy")
    assert "don't stop or change it on your own" in said and "OB or midwife" in said
    lines = texts(run_action(ActionMedicationSituationLines(), intent="medication_pregnancy"))
    assert content.entry("mothertobaby")["how"] in lines


def test_stopping_symptoms_name_brain_zaps_the_prescriber_and_urgent_signs():
    said = text("utter_medication_withdrawal")
    for part in ["brain zaps", "prescriber or a pharmacist", "Call 911 for a seizure", "988"]:
        assert part in said


def test_someone_elses_medicine_is_not_okayed_and_warns_of_fakes():
    said = text("utter_medication_someone_elses")
    assert "against the law" in said and "fentanyl" in said


def test_a_dose_request_is_declined_then_given_the_questions_to_ask():
    rule = next(r for r in rules("medication") if r["steps"][0].get("intent") == "medication_dose_request")
    assert [s.get("action") for s in rule["steps"][1:]] == ["utter_medication_dose_decline",
                                                            "utter_medication_questions", "utter_medication_next"]
    assert "can't give doses, timings or tapering plans" in text("utter_medication_dose_decline")


def test_a_situation_with_no_directory_entry_adds_no_line(monkeypatch):
    edited_directory(monkeypatch, lambda d: d.update(national=[e for e in d["national"] if e["id"] != "mothertobaby"]))
    assert run_action(ActionMedicationSituationLines(), intent="medication_pregnancy") == []
