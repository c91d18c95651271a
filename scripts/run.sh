#!/usr/bin/env bash
# `make run`: set up if needed, train if data/domain/config changed, start the action server, Rasa
# (REST + socket.io channels, HTTP API on localhost) and the widget server, wait until all answer,
# stop all on Ctrl-C.
set -euo pipefail
source "$(dirname "$0")/common.sh"
source "$ROOT/scripts/servers.sh"

bash scripts/widget_deps.sh
MODEL="$(bash scripts/train.sh | tail -n 1)"
LOGS="$HARMBOT_VAR/logs"; mkdir -p "$LOGS"

cleanup() { local rc=$?; trap - INT TERM EXIT; echo; echo "Stopping..."; stop_pid "${RASA_PID:-}"; stop_pid "${ACTIONS_PID:-}"; stop_pid "${WIDGET_PID:-}"; stop_pid "${STAFF_PID:-}"; exit "$rc"; }
trap cleanup INT TERM EXIT

start_actions "$LOGS/actions.log"
start_rasa "$MODEL" "$LOGS/rasa.log"
python scripts/widget_server.py >"$LOGS/widget.log" 2>&1 &
WIDGET_PID=$!
start_staff "$LOGS/staff.log"
wait_http "http://$STAFF_HOST:$STAFF_PORT/login" 20 "staff console" "$STAFF_PID"
wait_http "http://$WIDGET_HOST:$WIDGET_PORT/" 20 "widget server" "$WIDGET_PID"
wait_http "http://$ACTIONS_HOST:$ACTIONS_PORT/health" 60 "action server" "$ACTIONS_PID"
wait_http "http://$RASA_HOST:$RASA_PORT/status${RASA_AUTH_TOKEN:+?token=$RASA_AUTH_TOKEN}" 180 "Rasa server" "$RASA_PID"

cat <<MSG

The bot is running (model: $MODEL)
  REST (staff, tests): POST http://$RASA_HOST:$RASA_PORT/webhooks/rest/webhook  {"sender": "...", "message": "..."}
  SMS (Twilio):        POST http://$RASA_HOST:$RASA_PORT/webhooks/sms/webhook  (signed for $SMS_WEBHOOK_URL; docs/sms.md)
  HTTP API:            http://$RASA_HOST:$RASA_PORT/status  (localhost only${RASA_AUTH_TOKEN:+, token required})
  Action server:       http://$ACTIONS_HOST:$ACTIONS_PORT/health
  Website widget:      http://$WIDGET_HOST:$WIDGET_PORT/  (demo page; socket.io at http://$RASA_HOST:$RASA_PORT/socket.io)
  Staff console:       http://$STAFF_HOST:$STAFF_PORT/  (sign in; make an account with: make staff-user NAME)
  Conversations:       $TRACKER_DB
  Logs:                $LOGS
Press Ctrl-C to stop.
MSG
wait -n "$RASA_PID" "$ACTIONS_PID" "$WIDGET_PID" "$STAFF_PID" || true
echo "A server stopped; see $LOGS." >&2
exit 1
