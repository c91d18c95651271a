#!/usr/bin/env bash
# Train only when data, domain or config changed: the model file is named after their fingerprint.
# Prints the model path on the last line.
set -euo pipefail
source "$(dirname "$0")/common.sh"
CONFIG="${CONFIG:-config.yml}"
OUT="${MODEL_DIR:-models}"
fp="$(cat "$CONFIG" $(find domain data -name '*.yml' | sort) | sha256sum | cut -c1-16)"
name="$(basename "$CONFIG" .yml)-$fp"
if [ ! -f "$OUT/$name.tar.gz" ]; then
  echo "Training $name (data, domain or config changed)..." >&2
  rasa train --config "$CONFIG" --domain domain --data data --out "$OUT" --fixed-model-name "$name" >&2
fi
echo "$OUT/$name.tar.gz"
