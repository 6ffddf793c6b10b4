#!/usr/bin/env bash
# Installs the browser the e2e tests drive: Debian's Chromium headless shell (/usr/bin/chromium-headless-shell), the
# same Blink and V8 as Chromium without the full browser around them. A page costs it a third of the CPU and starts
# 2.5x sooner on the 2-core CI machine (ADR 0050); e2e/harness/browser.ts falls back to /usr/bin/chromium without it.
# Idempotent: does nothing when the shell exists, or when CHATML_CHROMIUM names another browser. Uses sudo only when
# not root.
set -euo pipefail

shell=/usr/bin/chromium-headless-shell
if [[ -n "${CHATML_CHROMIUM:-}" ]]; then
  [[ -x "$CHATML_CHROMIUM" ]] || { echo "chromium: CHATML_CHROMIUM=$CHATML_CHROMIUM is not an executable" >&2; exit 1; }
  echo "chromium: using $CHATML_CHROMIUM"
  exit 0
fi
if [[ -x "$shell" ]]; then
  echo "chromium: headless shell already installed ($("$shell" --version 2>/dev/null || echo "$shell"))"
  exit 0
fi

# Without apt-get or root, a Chromium already here will do (slower).
fallback() {
  if [[ -x /usr/bin/chromium ]]; then
    echo "chromium: $1; the tests use /usr/bin/chromium instead (slower)" >&2
    exit 0
  fi
  echo "chromium: $1; install Chromium and set CHATML_CHROMIUM" >&2
  exit 1
}
command -v apt-get >/dev/null || fallback "apt-get not found"
sudo_cmd=()
if [[ "$(id -u)" -ne 0 ]]; then
  command -v sudo >/dev/null || fallback "need root or sudo to run apt-get"
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update
"${sudo_cmd[@]}" apt-get install -y chromium-headless-shell
echo "chromium: installed the headless shell ($("$shell" --version 2>/dev/null || echo "$shell"))"
