#!/usr/bin/env bash
# `make bench`: see scripts/bench.py. BENCH_TURNS sets requests per row (default 300).
set -euo pipefail
source "$(dirname "$0")/common.sh"
python scripts/bench.py --turns "${BENCH_TURNS:-300}"
