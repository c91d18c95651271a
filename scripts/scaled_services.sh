#!/usr/bin/env bash
# PostgreSQL, Redis and nginx from Debian's packages, run as plain processes with their data, sockets,
# logs and pid files under one directory (no system services). Sourced by run_scaled.sh; the tests call
# it as `bash scripts/scaled_services.sh FUNCTION ARGS...`.
# Local setup only: each service listens on 127.0.0.1, with a password generated into DIR/secrets (mode 600).

PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
SERVICES_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

as_postgres() {  # PostgreSQL refuses to run as root: use its system user then.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

secret() {  # secret DIR NAME: prints a password kept in DIR/secrets/NAME, made on first use
  local file="$1/secrets/$2"
  if [ ! -s "$file" ]; then
    mkdir -p "$1/secrets"; chmod 700 "$1/secrets"
    (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$file")
  fi
  cat "$file"
}

traversable() {  # the postgres user must reach DIR through every parent
  local path; path="$(cd "$1" && pwd)"
  while [ "$path" != "/" ]; do chmod o+x "$path" 2>/dev/null || true; path="$(dirname "$path")"; done
}

pg_start() {  # pg_start DIR PORT: cluster in DIR/pg (made on first use), role and database "harmbot"
  local dir=$1 port=$2 data="$1/pg/data" run="$1/pg/run" password fresh=""
  password="$(secret "$dir" pg_password)"
  mkdir -p "$data" "$run"
  if [ "$(id -u)" -eq 0 ]; then traversable "$dir"; chown -R postgres: "$dir/pg"; fi
  chmod 700 "$data"
  if [ ! -s "$data/PG_VERSION" ]; then
    fresh=1
    # Local socket: only the postgres user (peer-like via the 700 socket dir); TCP: password only.
    as_postgres "$PG_BIN/initdb" -D "$data" -U harmbot --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >"$dir/pg/initdb.log" 2>&1 || { cat "$dir/pg/initdb.log" >&2; return 1; }
  fi
  chmod 700 "$run"
  # log_min_error_statement=panic: a failed INSERT would otherwise be logged with the message text in it.
  as_postgres "$PG_BIN/pg_ctl" -D "$data" -l "$dir/pg/postgres.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $run -c max_connections=200 -c log_min_error_statement=panic" \
    >/dev/null || return 1
  if [ -n "$fresh" ]; then
    # Through stdin, so the password never shows in a process list.
    printf "ALTER ROLE harmbot PASSWORD '%s';\nCREATE DATABASE harmbot OWNER harmbot;\n" "$password" |
      as_postgres "$PG_BIN/psql" -q -h "$run" -p "$port" -U harmbot -d postgres -v ON_ERROR_STOP=1 >/dev/null
  fi
}

pg_stop() {  # pg_stop DIR
  [ -s "$1/pg/data/postmaster.pid" ] || return 0
  as_postgres "$PG_BIN/pg_ctl" -D "$1/pg/data" -m fast -w -t 30 stop >/dev/null
}

pg_restart() {  # pg_restart DIR: what an operator's restart or failover looks like to the bot
  as_postgres "$PG_BIN/pg_ctl" -D "$1/pg/data" -m fast -w -t 60 restart >/dev/null
}

pg_psql() {  # pg_psql DIR PORT SQL...: run SQL as the harmbot role over the local socket
  local dir=$1 port=$2; shift 2
  as_postgres "$PG_BIN/psql" -q -h "$dir/pg/run" -p "$port" -U harmbot -d harmbot -v ON_ERROR_STOP=1 -c "$*"
}

pg_url() {  # pg_url DIR PORT: the SQLAlchemy URL (with the generated password) for HARMBOT_DB_URL
  echo "postgresql://harmbot:$(secret "$1" pg_password)@127.0.0.1:$2/harmbot"
}

redis_start() {  # redis_start DIR PORT: no persistence (locks only), password from DIR/secrets
  local dir="$1/redis" port=$2
  mkdir -p "$dir"
  (umask 077; printf 'port %s\nbind 127.0.0.1\ndir %s\nsave ""\nappendonly no\nrequirepass %s\npidfile %s\nlogfile %s\n' \
    "$port" "$dir" "$(secret "$1" redis_password)" "$dir/redis.pid" "$dir/redis.log" > "$dir/redis.conf")
  redis-server "$dir/redis.conf" --daemonize yes >/dev/null
  local i
  for i in $(seq 50); do
    redis-cli -p "$port" --no-auth-warning -a "$(secret "$1" redis_password)" ping 2>/dev/null | grep -q PONG && return 0
    sleep 0.1
  done
  echo "ERROR: Redis did not answer on port $port" >&2; return 1
}

redis_stop() {  # redis_stop DIR
  local pidfile="$1/redis/redis.pid"
  [ -s "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
  rm -f "$pidfile"
}

redis_url() {  # redis_url DIR PORT: for HARMBOT_REDIS_URL
  echo "redis://:$(secret "$1" redis_password)@127.0.0.1:$2/1"
}

nginx_start() {  # nginx_start DIR PORT REPLICA_PORT...: nginx in front of the replicas
  local dir="$1/nginx" port=$2 servers="" p; shift 2
  mkdir -p "$dir/temp" "$dir/logs"
  for p in "$@"; do servers+="    server 127.0.0.1:$p max_fails=1 fail_timeout=5s;"$'\n'; done
  SERVERS="$servers" PORT="$port" DIR="$dir" python3 - "$SERVICES_DIR/deploy/nginx.conf.template" "$dir/nginx.conf" <<'PY'
import os, sys
text = open(sys.argv[1]).read()
for key in ("SERVERS", "PORT", "DIR"):
    text = text.replace("@" + key + "@", os.environ[key])
open(sys.argv[2], "w").write(text)
PY
  nginx -c "$dir/nginx.conf" -p "$dir" -e "$dir/logs/error.log"
}

nginx_stop() {  # nginx_stop DIR
  local pidfile="$1/nginx/nginx.pid"
  [ -s "$pidfile" ] && kill -QUIT "$(cat "$pidfile")" 2>/dev/null
  rm -f "$pidfile"
}

if [ "${BASH_SOURCE[0]}" = "$0" ] && [ $# -gt 0 ]; then
  set -euo pipefail
  "$@"
fi
