#!/usr/bin/env bash
# Installs Debian's Chromium for the browser e2e tests (playwright-core drives /usr/bin/chromium).
# Idempotent: does nothing when /usr/bin/chromium exists, or when CHATML_CHROMIUM names another browser. Uses sudo only
# when not root.
set -euo pipefail

if [[ -n "${CHATML_CHROMIUM:-}" ]]; then
  [[ -x "$CHATML_CHROMIUM" ]] || { echo "chromium: CHATML_CHROMIUM=$CHATML_CHROMIUM is not an executable" >&2; exit 1; }
  echo "chromium: using $CHATML_CHROMIUM"
  exit 0
fi
if [[ -x /usr/bin/chromium ]]; then
  echo "chromium: already installed ($(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium))"
  exit 0
fi
command -v apt-get >/dev/null || { echo "chromium: apt-get not found; install Chromium and set CHATML_CHROMIUM" >&2; exit 1; }

sudo_cmd=()
if [[ "$(id -u)" -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "chromium: need root or sudo to run apt-get" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update
"${sudo_cmd[@]}" apt-get install -y chromium
echo "chromium: installed ($(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium))"
