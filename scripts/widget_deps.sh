#!/usr/bin/env bash
# Install the widget's JavaScript dependency (socket.io-client, pinned in widget/package-lock.json) from
# the npm registry into widget/node_modules. Idempotent: a no-op while the lock file is unchanged.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
stamp="$ROOT/widget/node_modules/.lock.sha"
want="$(sha256sum "$ROOT/widget/package-lock.json" | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  command -v npm >/dev/null || { echo "ERROR: npm (Node.js) is needed for the website widget." >&2; exit 1; }
  echo "Installing the widget's socket.io client (npm ci)..." >&2
  npm ci --prefix "$ROOT/widget" --no-audit --no-fund --loglevel=error >&2
  echo "$want" > "$stamp"
fi
