#!/usr/bin/env bash
# System packages for the scaled setup (`make run-scaled`, its tests and bench): PostgreSQL, Redis and
# nginx from Debian. Skips what is already installed. Only the binaries are used: the Debian services
# stay stopped (scripts/scaled_services.sh runs each as a plain process with its data under var/).
set -euo pipefail
missing=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}..." >&2
  sudo_=""; [ "$(id -u)" -eq 0 ] || sudo_="sudo"
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq "${missing[@]}" >/dev/null
fi
