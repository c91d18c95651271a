#!/usr/bin/env bash
# `make run`: set up if needed, train if data/domain/config changed, then start and supervise the services
# listed below. A service that stops is restarted after 1, 2, 4 ... up to 30 s (back to 1 s once it has
# run for a minute), logged to var/logs/supervisor.log and stderr; the others keep running. Ctrl-C or
# TERM stops them all.
set -euo pipefail
source "$(dirname "$0")/common.sh"
source "$ROOT/scripts/servers.sh"

bash scripts/widget_deps.sh
MODEL="$(bash scripts/train.sh | tail -n 1)"
LOGS="$HARMBOT_VAR/logs"; mkdir -p "$LOGS"
ROTATE_BYTES=$((20 * 1024 * 1024))  # logs are appended across restarts; past this size the old one becomes .1

# One line per service: NAME|START COMMAND (a scripts/servers.sh function; the log file is added as its
# last argument)|URL that answers when it is up|SECONDS it may take to start.
SERVICES=(
  "actions|start_actions|http://$ACTIONS_HOST:$ACTIONS_PORT/health|60"
  "rasa|start_rasa $MODEL|http://$RASA_HOST:$RASA_PORT/status${RASA_AUTH_TOKEN:+?token=$RASA_AUTH_TOKEN}|180"
  "widget|start_widget|http://$WIDGET_HOST:$WIDGET_PORT/|20"
  "staff|start_staff|http://$STAFF_HOST:$STAFF_PORT/login|20"
)

log() { echo "$(date -u '+%F %T') supervisor: $*" | tee -a "$LOGS/supervisor.log" >&2; }

rotate() {  # rotate LOGFILE
  if [ -f "$1" ] && [ "$(stat -c %s "$1")" -gt "$ROTATE_BYTES" ]; then mv -f "$1" "$1.1"; fi
}

supervise() {  # supervise NAME COMMAND: run the service; whenever it exits, wait, then start it again
  local name=$1 command=$2 child="" delay=1 started rc
  trap 'stop_pid "$child"; exit 0' TERM
  while true; do
    rotate "$LOGS/$name.log"
    started=$SECONDS
    $command "$LOGS/$name.log"; child=$!
    log "$name started (pid $child)"
    wait "$child" && rc=0 || rc=$?
    # A service that ran for a while had a one-off failure: come back fast. One that keeps failing at
    # start-up waits longer each time, so it can't spin.
    if (( SECONDS - started >= 60 )); then delay=1; fi
    log "$name stopped (exit code $rc after $((SECONDS - started)) s); restarting in $delay s"
    sleep "$delay" & wait $! || true
    delay=$(( delay * 2 > 30 ? 30 : delay * 2 ))
  done
}

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
