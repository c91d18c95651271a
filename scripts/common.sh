#!/usr/bin/env bash
# Shared settings for every script: the virtualenv, quiet and offline Rasa, ports and paths.
# Every value can be overridden from the environment.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source "$ROOT/scripts/env.sh"
export PATH="$VENV/bin:$PATH"
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
# No internet here and nothing about users leaves the machine: telemetry off.
export RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1
export PYTHONWARNINGS="${PYTHONWARNINGS:-ignore}"
# One BLAS thread: the risk net's sentence encoder multiplies small matrices (one message at a time), where a
# second thread costs more than it gives (20 ms per message with one, 27 ms with two, measured side by side).
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
export RASA_HOST="${RASA_HOST:-127.0.0.1}" RASA_PORT="${RASA_PORT:-5005}"
export ACTIONS_HOST="${ACTIONS_HOST:-127.0.0.1}" ACTIONS_PORT="${ACTIONS_PORT:-5055}"
export ACTION_ENDPOINT_URL="${ACTION_ENDPOINT_URL:-http://$ACTIONS_HOST:$ACTIONS_PORT/webhook}"
# The local website widget server; Rasa's socket.io channel allows its origin by default.
export WIDGET_HOST="${WIDGET_HOST:-127.0.0.1}" WIDGET_PORT="${WIDGET_PORT:-8080}"
# The staff console (python -m staff); it signs staff in and talks to Rasa's HTTP API.
export STAFF_HOST="${STAFF_HOST:-127.0.0.1}" STAFF_PORT="${STAFF_PORT:-8090}"
# Runtime state (SQLite tracker store, contact requests, logs) lives in a git-ignored folder.
export HARMBOT_VAR="${HARMBOT_VAR:-$ROOT/var}"
mkdir -p "$HARMBOT_VAR"
# Only this user may enter it: it holds the conversations database (SQLite creates it 644) and the logs,
# which another account on the host must not read when it can't reach them over the token-guarded API.
chmod 700 "$HARMBOT_VAR" || echo "WARNING: could not make $HARMBOT_VAR private (chmod 700)." >&2
# The SQLite file of conversations, contact requests and SMS state (endpoints.yml, credentials.yml).
# TRACKER_DB is its old name: still read for one release (harmbot/settings.py names every setting).
if [ -n "${TRACKER_DB:-}" ] && [ -z "${HARMBOT_TRACKER_DB_PATH:-}" ]; then
  echo "WARNING: TRACKER_DB is deprecated and will stop working in the next release; set HARMBOT_TRACKER_DB_PATH." >&2
  HARMBOT_TRACKER_DB_PATH="$TRACKER_DB"
fi
export HARMBOT_TRACKER_DB_PATH="${HARMBOT_TRACKER_DB_PATH:-$HARMBOT_VAR/conversations.db}"
# SMS channel (credentials.yml, docs/sms.md). Production: set TWILIO_AUTH_TOKEN, SMS_WEBHOOK_URL (the
# public https URL set in the Twilio console) and SMS_SENDER_SECRET in the environment. Local defaults: no
# token (every SMS request is refused), a localhost URL, and a random secret kept in $HARMBOT_VAR.
export TWILIO_AUTH_TOKEN="${TWILIO_AUTH_TOKEN:-}"
export SMS_WEBHOOK_URL="${SMS_WEBHOOK_URL:-http://$RASA_HOST:$RASA_PORT/webhooks/sms/webhook}"
load_secret() {  # load_secret VAR FILE: the environment wins, else $HARMBOT_VAR/FILE (created random, mode 600)
  if [ -z "${!1:-}" ]; then
    if [ ! -s "$HARMBOT_VAR/$2" ]; then
      (umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$HARMBOT_VAR/$2")
    fi
    printf -v "$1" '%s' "$(cat "$HARMBOT_VAR/$2")"
  fi
  export "${1?}"
}
load_secret SMS_SENDER_SECRET sms_sender_secret
# Access (README, "Access"): the HTTP API always needs a token; Rasa and the action server share a secret;
# the widget's socket.io session ids are signed. Each comes from the environment or a mode-600 file in
# $HARMBOT_VAR. They reach the servers through the environment, never the command line (visible in `ps`).
load_secret RASA_AUTH_TOKEN api_token
load_secret ACTION_SERVER_SECRET action_secret
load_secret SOCKET_SESSION_SECRET socket_session_secret
