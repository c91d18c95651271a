#!/usr/bin/env bash
# `make test`: every check, in order. Each step runs even if an earlier one failed, so one run shows
# everything; the exit code is non-zero if any step failed. Only a failed training ends the run early: the
# steps after it need its model.
set -uo pipefail
source "$(dirname "$0")/common.sh"
# System packages for the widget's browser tests (skips what is installed).
bash "$ROOT/scripts/ci_deps.sh"
# PostgreSQL, Redis and nginx for the scaled setup's unit and live tests.
bash "$ROOT/scripts/scaled_deps.sh"

failed=()
# Tests that failed (and flaky ones: failed, then passed on their own), printed again at the very end, where a long
# log's tail still shows them (scripts/pytest_step.py writes them).
rm -f "$HARMBOT_VAR/failed_tests.txt" "$HARMBOT_VAR/flaky.txt"
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
# Formatting and types of the code both servers run (actions/, extensions/, and harmbot/ when present).
# Modules that predate the type check are listed in pyproject.toml ([[tool.mypy.overrides]]).
SERVER_CODE=(actions extensions); [ -d harmbot ] && SERVER_CODE+=(harmbot)
step "format (ruff format --check)" ruff format --check "${SERVER_CODE[@]}"
step "types (mypy)" mypy "${SERVER_CODE[@]}"
step "data validate" bash -c "rasa data validate --domain domain --data data --fail-on-warnings 2>&1 | filter_noise; exit \${PIPESTATUS[0]}"
# A unit test that fails is run once more on its own: failing twice fails the step; failing once is reported as
# FLAKY at the end of the run (scripts/pytest_step.py says why).
step "unit tests (pytest)" python scripts/pytest_step.py -q -p no:cacheprovider --ignore=tests/live tests
# Training is a step of its own. If it fails, MODEL_PATH stays empty and the run stops before the steps
# that need a model: given no model, `rasa test` and the live servers would quietly use an older one.
MODEL_PATH=""
train_model() {
  local out log="$HARMBOT_VAR/train.log"
  if ! out="$(bash scripts/train.sh 2> >(tee "$log" | filter_noise | grep -E "Training|trained|Error|error" >&2))"; then
    echo "ERROR: training failed; the end of its output ($log):" >&2
    filter_noise <"$log" | grep -v -E "Processed|it/s" | tail -n 15 >&2
    return 1
  fi
  out="$(tail -n 1 <<<"$out")"
  [ -f "$out" ] || { echo "ERROR: training gave no model file (got '$out')" >&2; return 1; }
  MODEL_PATH="$out"; echo "model: $MODEL_PATH"
}
step "train (only if data, domain or config changed)" train_model
export MODEL_PATH
if [ -z "$MODEL_PATH" ]; then
  echo; for list in "$HARMBOT_VAR/failed_tests.txt" "$HARMBOT_VAR/flaky.txt"; do [ -s "$list" ] && cat "$list"; done
  echo "FAILED steps: ${failed[*]}"
  echo "Stopped after training: the dialogue, live and scaled steps need the model (the content report did not run)."
  exit 1
fi
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
for list in "$HARMBOT_VAR/failed_tests.txt" "$HARMBOT_VAR/flaky.txt"; do [ -s "$list" ] && cat "$list"; done
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED steps: ${failed[*]}"; exit 1
fi
echo "All test steps passed."
