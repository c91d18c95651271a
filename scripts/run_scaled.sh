#!/usr/bin/env bash
# `make run-scaled` (REPLICAS=2): PostgreSQL and Redis (Debian's packages, data under $HARMBOT_VAR), the
# action server, REPLICAS Rasa replicas sharing them, and nginx in front on RASA_PORT. A replica or the
# action server that dies is started again. Ctrl-C stops it all. With HARMBOT_DB_URL / HARMBOT_REDIS_URL
# already set, those servers are used and no local PostgreSQL / Redis is started (real hosts: README,
# "Scaled deployment").
set -euo pipefail
source "$(dirname "$0")/common.sh"
source "$ROOT/scripts/servers.sh"
source "$ROOT/scripts/scaled_services.sh"

REPLICAS="${REPLICAS:-2}"
REPLICA_BASE_PORT="${REPLICA_BASE_PORT:-$((RASA_PORT + 6))}"
SCALED_PG_PORT="${SCALED_PG_PORT:-5433}"
SCALED_REDIS_PORT="${SCALED_REDIS_PORT:-6380}"
LOGS="$HARMBOT_VAR/logs"; RUN="$HARMBOT_VAR/run"; mkdir -p "$LOGS" "$RUN"

bash "$ROOT/scripts/scaled_deps.sh"
MODEL="${MODEL_PATH:-$(bash scripts/train.sh | tail -n 1)}"

started=()  # local services to stop on exit
REPLICA_PIDS=()
cleanup() {
  local rc=$? pid
  trap - INT TERM EXIT
  echo; echo "Stopping..."
  nginx_stop "$HARMBOT_VAR" || true
  for pid in "${REPLICA_PIDS[@]}"; do stop_pid "$pid"; done
  stop_pid "${ACTIONS_PID:-}"
  [[ " ${started[*]} " == *" redis "* ]] && redis_stop "$HARMBOT_VAR"
  [[ " ${started[*]} " == *" postgres "* ]] && pg_stop "$HARMBOT_VAR"
  rm -f "$RUN"/*.pid "$RUN/ready"
  exit "$rc"
}
trap cleanup INT TERM EXIT

if [ -z "${HARMBOT_DB_URL:-}" ]; then
  pg_start "$HARMBOT_VAR" "$SCALED_PG_PORT"; started+=(postgres)
  HARMBOT_DB_URL="$(pg_url "$HARMBOT_VAR" "$SCALED_PG_PORT")"
fi
if [ -z "${HARMBOT_REDIS_URL:-}" ]; then
  redis_start "$HARMBOT_VAR" "$SCALED_REDIS_PORT"; started+=(redis)
  HARMBOT_REDIS_URL="$(redis_url "$HARMBOT_VAR" "$SCALED_REDIS_PORT")"
fi
# endpoints.scaled.yml names the plain PostgreSQL store, without make run's in-process tracker cache: a
# cached tracker would be stale as soon as another replica takes a turn of that conversation.
export HARMBOT_DB_URL HARMBOT_REDIS_URL
export RASA_ENDPOINTS=endpoints.scaled.yml

# Tables first, once: replicas creating them at the same moment race in PostgreSQL (create_schema.py).
python "$ROOT/scripts/create_schema.py"
start_actions "$LOGS/actions.log"
echo "$ACTIONS_PID" > "$RUN/actions.pid"

start_replica() {  # start_replica INDEX: Rasa on REPLICA_BASE_PORT + INDEX
  local port=$((REPLICA_BASE_PORT + $1))
  RASA_PORT=$port start_rasa "$MODEL" "$LOGS/rasa-$port.log"
  REPLICA_PIDS[$1]=$RASA_PID
  echo "$RASA_PID" > "$RUN/replica-$port.pid"
}
replica_ports=()
for i in $(seq 0 $((REPLICAS - 1))); do
  start_replica "$i"; replica_ports+=($((REPLICA_BASE_PORT + i)))
done
wait_http "http://$ACTIONS_HOST:$ACTIONS_PORT/health" 60 "action server" "$ACTIONS_PID"
for i in "${!REPLICA_PIDS[@]}"; do
  wait_http "http://$RASA_HOST:${replica_ports[$i]}/status${RASA_AUTH_TOKEN:+?token=$RASA_AUTH_TOKEN}" 300 \
    "Rasa replica on port ${replica_ports[$i]}" "${REPLICA_PIDS[$i]}"
done
nginx_start "$HARMBOT_VAR" "$RASA_PORT" "${replica_ports[@]}"
wait_http "http://$RASA_HOST:$RASA_PORT/${RASA_AUTH_TOKEN:+?token=$RASA_AUTH_TOKEN}" 20 "nginx" "$$"

cat <<MSG

The bot is running scaled: $REPLICAS Rasa replicas behind nginx (model: $MODEL)
  REST, SMS, socket.io:  http://$RASA_HOST:$RASA_PORT/  (nginx; socket.io sticky by client address, ip_hash)
  Replicas:              ${replica_ports[*]}  (logs: $LOGS/rasa-PORT.log)
  Action server:         http://$ACTIONS_HOST:$ACTIONS_PORT/health
  Conversations:         PostgreSQL ${started[*]:+(local, data in $HARMBOT_VAR/pg)}
  Locks:                 Redis (extensions/lock_store.py)
Press Ctrl-C to stop.
MSG
touch "$RUN/ready"

# Supervise: a replica or the action server that dies is started again. Ctrl-C (or TERM) stops everything.
while sleep 2; do
  if ! kill -0 "$ACTIONS_PID" 2>/dev/null; then
    echo "The action server stopped; starting it again." >&2
    start_actions "$LOGS/actions.log"; echo "$ACTIONS_PID" > "$RUN/actions.pid"
  fi
  for i in "${!REPLICA_PIDS[@]}"; do
    if ! kill -0 "${REPLICA_PIDS[$i]}" 2>/dev/null; then
      echo "Replica on port ${replica_ports[$i]} stopped; starting it again." >&2
      start_replica "$i"
    fi
  done
done
