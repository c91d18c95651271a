#!/usr/bin/env bash
# `make shell`: uses a running bot (make run) if there is one, else starts one for this session.
set -euo pipefail
source "$(dirname "$0")/common.sh"
source "$ROOT/scripts/servers.sh"
if ! curl -fs -o /dev/null "http://$RASA_HOST:$RASA_PORT/version"; then
  MODEL="$(bash scripts/train.sh | tail -n 1)"
  LOGS="$HARMBOT_VAR/logs"; mkdir -p "$LOGS"
  trap 'stop_pid "${RASA_PID:-}"; stop_pid "${ACTIONS_PID:-}"' EXIT
  echo "Starting the bot for this shell (logs in $LOGS)..."
  start_actions "$LOGS/actions.log"
  start_rasa "$MODEL" "$LOGS/rasa.log"
  wait_http "http://$ACTIONS_HOST:$ACTIONS_PORT/health" 60 "action server" "$ACTIONS_PID"
  wait_http "http://$RASA_HOST:$RASA_PORT/status${RASA_AUTH_TOKEN:+?token=$RASA_AUTH_TOKEN}" 180 "Rasa server" "$RASA_PID"
fi
python scripts/staff_shell.py
