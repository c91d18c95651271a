#!/usr/bin/env bash
# System packages the tests need on a fresh CI machine: headless Chromium and its WebDriver for the
# widget's browser tests. Skipped when Chromium is already installed.
set -euo pipefail
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "Installing chromium and chromium-driver..." >&2
  sudo_=""; [ "$(id -u)" -eq 0 ] || sudo_="sudo"
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq chromium chromium-driver >/dev/null
fi
