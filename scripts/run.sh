#!/usr/bin/env bash
# `make run`: set up if needed, train if data/domain/config changed, then start and supervise the services
# listed below. A service that stops is restarted after 1, 2, 4 ... up to 30 s (back to 1 s once it has
# run for a minute), logged to var/logs/supervisor.log and stderr; the others keep running. Ctrl-C or
# TERM stops them all.
set -euo pipefail
source "$(dirname "$0")/common.sh"
source "$ROOT/scripts/servers.sh"
source "$ROOT/scripts/supervisor.sh"  # log, rotate, supervise (tests/test_supervisor.py)

bash scripts/widget_deps.sh
MODEL="$(bash scripts/train.sh | tail -n 1)"
LOGS="$HARMBOT_VAR/logs"; mkdir -p "$LOGS"
# One line per service: NAME|START COMMAND (a scripts/servers.sh function; the log file is added as its
# last argument)|URL that answers when it is up|SECONDS it may take to start.
SERVICES=(
  "actions|start_actions|http://$ACTIONS_HOST:$ACTIONS_PORT/health|60"
  "rasa|start_rasa $MODEL|http://$RASA_HOST:$RASA_PORT/status${RASA_AUTH_TOKEN:+?token=$RASA_AUTH_TOKEN}|180"
  "widget|start_widget|http://$WIDGET_HOST:$WIDGET_PORT/|20"
  "staff|start_staff|http://$STAFF_HOST:$STAFF_PORT/login|20"
)

echo "HTTP API token (send it as ?token=...): $HARMBOT_VAR/api_token, unless RASA_AUTH_TOKEN is set."
SUPERVISORS=()
cleanup() {
  local rc=$?
  trap - INT TERM EXIT
  echo; echo "Stopping..."
  kill -TERM "${SUPERVISORS[@]}" 2>/dev/null || true
  wait || true
  log "all services stopped"
  exit "$rc"
}
trap cleanup INT TERM EXIT

for service in "${SERVICES[@]}"; do
  IFS='|' read -r name command _ _ <<<"$service"
  supervise "$name" "$command" &
  SUPERVISORS+=($!)
done
for service in "${SERVICES[@]}"; do
  IFS='|' read -r name _ url seconds <<<"$service"
  wait_http "$url" "$seconds" "$name" "$$" \
    || echo "WARNING: $name is not answering yet; see $LOGS/$name.log (still retrying)." >&2
done

cat <<MSG

The bot is running (model: $MODEL)
  REST (staff, tests): POST http://$RASA_HOST:$RASA_PORT/webhooks/rest/webhook  {"sender": "...", "message": "..."}
  SMS (Twilio):        POST http://$RASA_HOST:$RASA_PORT/webhooks/sms/webhook  (signed for $SMS_WEBHOOK_URL; docs/sms.md)
  HTTP API:            http://$RASA_HOST:$RASA_PORT/status  (localhost only; send ?token= from $HARMBOT_VAR/api_token, or RASA_AUTH_TOKEN if set)
  Action server:       http://$ACTIONS_HOST:$ACTIONS_PORT/health
  Website widget:      http://$WIDGET_HOST:$WIDGET_PORT/  (demo page; socket.io at http://$RASA_HOST:$RASA_PORT/socket.io)
  Staff console:       http://$STAFF_HOST:$STAFF_PORT/  (sign in; make an account with: make staff-user NAME)
  Conversations:       $HARMBOT_TRACKER_DB_PATH
  Logs:                $LOGS  (supervisor.log: restarts)
A service that stops is restarted; the others keep running. Press Ctrl-C to stop.
MSG
wait
