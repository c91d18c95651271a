#!/usr/bin/env bash
# Functions to start the action server and the Rasa server in the background and wait for them.
# Sourced by run.sh, run_scaled.sh and shell.sh; needs common.sh sourced first. The live tests and the
# benchmark start the same commands from Python (tests/live/harness.py).

start_actions() {  # start_actions LOGFILE: rasa-sdk behind the shared secret (actions/server.py)
  SANIC_HOST="$ACTIONS_HOST" python -m actions.server --actions actions --port "$ACTIONS_PORT" --cors "" \
    >>"$1" 2>&1 &
  ACTIONS_PID=$!
}

start_rasa() {  # start_rasa MODEL LOGFILE: `rasa run --enable-api` with the token from the environment
  python scripts/rasa_server.py --model "$1" -i "$RASA_HOST" -p "$RASA_PORT" \
    --endpoints "${RASA_ENDPOINTS:-endpoints.yml}" --credentials credentials.yml >>"$2" 2>&1 &
  RASA_PID=$!
}

start_widget() {  # start_widget LOGFILE
  python scripts/widget_server.py >>"$1" 2>&1 &
  WIDGET_PID=$!
}

start_staff() {  # start_staff LOGFILE: the staff console (staff/), on STAFF_HOST:STAFF_PORT
  python -m staff >>"$1" 2>&1 &
  STAFF_PID=$!
}

wait_http() {  # wait_http URL SECONDS NAME PID
  local deadline=$((SECONDS + $2))
  # The URL goes to curl on stdin, not as an argument: it may carry the API token (argv shows in `ps`).
  until printf 'url = "%s"\n' "$1" | curl -fs -o /dev/null --config -; do
    if ! kill -0 "$4" 2>/dev/null; then echo "ERROR: $3 exited during start-up" >&2; return 1; fi
    if [ $SECONDS -ge $deadline ]; then echo "ERROR: $3 did not answer at ${1%%\?*} within $2 s" >&2; return 1; fi
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
