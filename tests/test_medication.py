"""action_medication_rights: informed consent in Connecticut (with its legal exceptions) and the
rights contacts from the directory, with their checked dates; a neutral text for other regions."""

import json
from pathlib import Path

import yaml

from actions import resources
from actions.medication import ActionMedicationRights
from tests.action_helpers import edited_directory, run_action, texts

ROOT = Path(__file__).resolve().parent.parent


def test_ct_rights_name_informed_consent_its_exceptions_and_the_legal_rights_project():
    said = texts(run_action(ActionMedicationRights()))
    assert "informed consent" in said and "§17a-543" in said
    assert "exceptions" in said
    clrp = resources.entry("ct_patient_rights")
    assert f"{clrp['name']}: {clrp['how']}" in said
    assert f"(checked {resources.verified_on(clrp)})" in said


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
