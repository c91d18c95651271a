#!/usr/bin/env bash
# Sourced by scripts/run.sh (`make run`): keeps one service running. Needs LOGS (the log directory).
# A service that stops is started again after 1, 2, 4 ... up to 30 s; once it has run for STABLE_SECONDS it
# had a one-off failure, so the next wait is 1 s again. Each service's log is appended across restarts and,
# past ROTATE_BYTES, the old one becomes NAME.log.1 (one old copy: the logs stay bounded).
# tests/test_supervisor.py sets smaller values after sourcing this.
ROTATE_BYTES=$((20 * 1024 * 1024))
STABLE_SECONDS=60
MAX_DELAY=30

log() { echo "$(date -u '+%F %T') supervisor: $*" | tee -a "$LOGS/supervisor.log" >&2; }

rotate() {  # rotate LOGFILE
  if [ -f "$1" ] && [ "$(stat -c %s "$1")" -gt "$ROTATE_BYTES" ]; then mv -f "$1" "$1.1"; fi
}

supervise() {  # supervise NAME COMMAND: run the service; whenever it exits, wait, then start it again
  # COMMAND is called with the log file as its last argument and must leave the service's pid in $!.
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
    if (( SECONDS - started >= STABLE_SECONDS )); then delay=1; fi
    log "$name stopped (exit code $rc after $((SECONDS - started)) s); restarting in $delay s"
    sleep "$delay" & wait $! || true
    delay=$(( delay * 2 > MAX_DELAY ? MAX_DELAY : delay * 2 ))
  done
}
