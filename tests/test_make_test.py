"""`make test`'s training step (scripts/test.sh): a failed training stops the run before `rasa test` or the
live servers could quietly pick up an older model. The step's own lines of test.sh are run, nothing else."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# step(), filter_noise and the training block exactly as scripts/test.sh has them, then a marker for
# "the run went on to the steps that need a model".
HARNESS = """
set -uo pipefail
source scripts/common.sh
failed=()
eval "$(sed -n '/^step() {/,/^}/p' scripts/test.sh)"
eval "$(sed -n '/^filter_noise()/p' scripts/test.sh)"; export -f filter_noise
eval "$(sed -n '/^MODEL_PATH=""/,/^fi$/p' scripts/test.sh)"
echo "NEXT STEPS GET MODEL_PATH=$MODEL_PATH"
"""


def run_training_step(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-c", HARNESS], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "HARMBOT_VAR": str(tmp_path / "var"), "MODEL_DIR": str(tmp_path / "models"), **env},
    )


def test_failed_training_fails_the_run_and_no_later_step_runs(tmp_path):
    result = run_training_step(tmp_path, CONFIG=str(tmp_path / "missing-config.yml"), MODEL_PATH="models/old.tar.gz")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "FAILED steps: train" in output and "training failed" in output
    assert "NEXT STEPS GET" not in output


def test_a_trained_model_is_what_the_later_steps_get(tmp_path):
    # train.sh names the model after the fingerprint of config, domain and data; an existing file with that
    # name counts as trained, so nothing is trained here.
    fingerprint = subprocess.run(
        "cat config.yml $(find domain data -name '*.yml' | sort) | sha256sum | cut -c1-16",
        shell=True, cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.strip()
    assert fingerprint
    model = tmp_path / "models" / f"config-{fingerprint}.tar.gz"
    model.parent.mkdir()
    model.write_bytes(b"")
    result = run_training_step(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"NEXT STEPS GET MODEL_PATH={model}" in result.stdout
