#!/usr/bin/env bash
# Functions to start the action server and the Rasa server in the background and wait for them.
# Sourced by run.sh, the live tests' helper and the benchmark. Needs common.sh sourced first.

start_actions() {  # start_actions LOGFILE
  SANIC_HOST="$ACTIONS_HOST" python -m rasa_sdk --actions actions --port "$ACTIONS_PORT" --cors "" \
    >"$1" 2>&1 &
  ACTIONS_PID=$!
}

start_rasa() {  # start_rasa MODEL LOGFILE
  local auth=()
  [ -n "${RASA_AUTH_TOKEN:-}" ] && auth=(--auth-token "$RASA_AUTH_TOKEN")
  rasa run --model "$1" --enable-api -i "$RASA_HOST" -p "$RASA_PORT" \
    --endpoints "${RASA_ENDPOINTS:-endpoints.yml}" --credentials credentials.yml "${auth[@]}" >"$2" 2>&1 &
  RASA_PID=$!
}

wait_http() {  # wait_http URL SECONDS NAME PID
  local deadline=$((SECONDS + $2))
  until curl -fs -o /dev/null "$1"; do
    if ! kill -0 "$4" 2>/dev/null; then echo "ERROR: $3 exited during start-up" >&2; return 1; fi
    if [ $SECONDS -ge $deadline ]; then echo "ERROR: $3 did not answer at $1 within $2 s" >&2; return 1; fi
    sleep 0.2
  done
}

stop_pid() {  # stop_pid PID: TERM, then KILL after 10 s
  local pid=$1 i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null
  for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
}
