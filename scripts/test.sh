#!/usr/bin/env bash
# `make test`: every check, in order. Each step runs even if an earlier one failed, so one run shows
# everything; the exit code is non-zero if any step failed.
set -uo pipefail
source "$(dirname "$0")/common.sh"
# System packages for the widget's browser tests (skips what is installed).
bash "$ROOT/scripts/ci_deps.sh"
# PostgreSQL, Redis and nginx for the scaled setup's unit and live tests.
bash "$ROOT/scripts/scaled_deps.sh"

failed=()
step() {  # step NAME COMMAND...
  local name=$1; shift
  echo; echo "=== $name ==="
  local start=$SECONDS
  if "$@"; then echo "--- $name: ok ($((SECONDS - start)) s)"
  else echo "--- $name: FAILED ($((SECONDS - start)) s)"; failed+=("$name"); fi
}

filter_noise() { grep -v -E "DeprecationWarning|declare_namespace|xla_computation|pkg_resources|^\s*$|warnings.warn|LooseVersion|from jax|np.bool8|SADeprecationWarning" || true; }
export -f filter_noise

step "lint (ruff)" ruff check harmbot actions extensions tests scripts staff
step "data validate" bash -c "rasa data validate --domain domain --data data --fail-on-warnings 2>&1 | filter_noise; exit \${PIPESTATUS[0]}"
step "unit tests (pytest)" python -m pytest -q -p no:cacheprovider --ignore=tests/live tests
MODEL_PATH="$(bash scripts/train.sh 2> >(filter_noise | grep -E "Training|trained|Error|error" >&2) | tail -n 1)"
export MODEL_PATH
echo "model: $MODEL_PATH"
# End to end: every typed line of the test stories goes through the trained NLU pipeline (risk screen
# included) and the policies see the whole parse, as on the server (scripts/story_e2e.py says why not
# `rasa test core --e2e`). Fails on any wrong intent, entity or action.
step "dialogue tests (test stories end to end)" bash -c "python scripts/story_e2e.py --model '$MODEL_PATH' --stories tests/stories --fail-on-prediction-errors --out results/e2e 2>&1 | filter_noise | grep -v -E 'Processed|it/s' ; exit \${PIPESTATUS[0]}"
# Informs, never fails: content changes are normal between releases; a reviewer signs them off.
step "content changed since the last sign-off" python scripts/content_changes.py
step "live tests (real servers: REST, and the widget in headless Chromium)" python -m pytest -q -p no:cacheprovider -rA tests/live
step "scaled setup (PostgreSQL, Redis, 2 replicas behind nginx: load, failover; crisis, SMS, safety-plan suites)" \
  env HARMBOT_LIVE_STACK=scaled python -m pytest -q -p no:cacheprovider -rA tests/live/test_scaled_live.py \
  tests/live/test_crisis_live.py tests/live/test_safety_plan_live.py tests/live/test_sms_live.py

echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED steps: ${failed[*]}"; exit 1
fi
echo "All test steps passed."
